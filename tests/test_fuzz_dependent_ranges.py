r"""Generated members of the dependent-range family, compiled to JAX and checked against NumPy
loops: a sum or product over ``j`` from ``a`` to ``i + b`` (or from ``i + b`` to ``n``) inside a
free index ``i`` or a sum over ``i``, with offsets that make some inner ranges empty (0 in a sum,
1 in a product) and sizes from 1 up. The generator draws with a fixed seed, so a failure names a
member that can be run again."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(71)


def _members():
    yield from itertools.product(
        (1, 2), (-1, 0, 1), (True, False), ("sum", "prod"), ("free", "summed")
    )


def _latex(lo_a, off, upper, kind, outer):
    sign = r"\sum" if kind == "sum" else r"\prod"
    shift = "" if off == 0 else (f" + {off}" if off > 0 else f" - {-off}")
    inner = (
        rf"{sign}_{{j={lo_a}}}^{{i{shift}}} x_j" if upper else rf"{sign}_{{j=i{shift}}}^{{n}} x_j"
    )
    body = rf"y_i \left( {inner} \right)"
    return rf"\sum_{{i=1}}^{{n}} {body}" if outer == "summed" else rf"r_i = {body}"


def _numpy(x, y, lo_a, off, upper, kind, outer):
    n = len(x)
    vals = []
    for i in range(1, n + 1):
        lo, hi = (lo_a, i + off) if upper else (i + off, n)
        terms = [x[j - 1] for j in range(lo, hi + 1) if 1 <= j <= n]
        if any(j < 1 or j > n for j in range(lo, hi + 1)):
            return None  # the written range leaves the vector: refused where evaluated
        inner = sum(terms) if kind == "sum" else float(np.prod(terms)) if terms else 1.0
        vals.append(y[i - 1] * (inner if terms or kind == "prod" else 0.0))
    return sum(vals) if outer == "summed" else vals


@pytest.mark.parametrize("member", list(_members()), ids=lambda m: "-".join(map(str, m)))
@pytest.mark.parametrize("n", [1, 3])
def test_a_generated_dependent_range_compiles_to_what_numpy_loops_give(member, n):
    x, y = RNG.uniform(0.5, 1.5, size=n), RNG.uniform(-1, 1, size=n)
    want = _numpy(x, y, *member)
    latex = _latex(*member)
    table = "x, y: vector[n]; i, j: index"
    if want is None:
        # the written range leaves the vector: the compiled function refuses, never clamps
        f = dx.compile(latex, symbols=table, dtype="float64")
        with pytest.raises(dx.DerivaxError, match="outside"):
            np.asarray(f(x=x, y=y))
        return
    f = dx.compile(latex, symbols=table, dtype="float64")
    np.testing.assert_allclose(np.ravel(f(x=x, y=y)), np.ravel(want), rtol=1e-12, atol=1e-14)
