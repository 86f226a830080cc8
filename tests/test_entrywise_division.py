r"""``a \oslash b``, division entry by entry (Sinkhorn's ``u = a \oslash K v`` in optimal
transport, Peyre and Cuturi, Eq. 4.15), checked against NumPy written from the definition.

It binds as ``\odot`` does (less tightly than juxtaposition); an array over a scalar divides every
entry; a scalar over an array and arrays of two shapes are refused, as is ``\oslash`` inside
braces where its operands are not known. Its derivative, through the entrywise power rule
``d(b^{\circ p}) = p b^{\circ(p-1)} \odot db``, is compared with NumPy's values of the same
gradient written by hand (and derivax cross-checks it against ``jax.grad`` itself)."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError

TABLE = "a, b: vector[n]; A, B: matrix[n, m]; K: matrix[n, m]; v: vector[m]; c: scalar"
rng = np.random.default_rng(20261205)
a, b = rng.uniform(0.5, 2.0, 4), rng.uniform(0.5, 2.0, 4)
A, B = rng.uniform(0.5, 2.0, (4, 3)), rng.uniform(0.5, 2.0, (4, 3))
K, v = rng.uniform(0.1, 1.0, (4, 3)), rng.uniform(0.5, 1.5, 3)
VALUES = {"a": a, "b": b, "A": A, "B": B, "K": K, "v": v, "c": 1.7}


def _value(expr):
    """``expr`` (LaTeX or SymPy) at the values above, given only the inputs it has."""
    parsed = dx.parse(expr, TABLE) if isinstance(expr, str) else expr
    names = {str(s) for s in parsed.free_symbols}
    inputs = {k: x for k, x in VALUES.items() if k in names}
    return np.asarray(dx.evaluate(expr, inputs, TABLE), dtype=float)


@pytest.mark.parametrize(
    "latex, expect",
    [
        (r"a \oslash b", a / b),
        (r"a \oslash (K v)", a / (K @ v)),  # Sinkhorn's scaling update
        (r"A \oslash B", A / B),
        (r"a \oslash c", a / 1.7),
        (r"\frac{1}{2} a \oslash b", 0.5 * a / b),
        (r"a \oslash b + a", a / b + a),
        (r"(a \oslash b) \odot b", a),
        (r"\mathbf{1}_n^\top \log(a \oslash b)", np.sum(np.log(a / b))),
        (r"\sum_{i=1}^{n} (a \oslash b)_i", np.sum(a / b)),
    ],
)
def test_values_against_numpy(latex, expect):
    got = _value(latex)
    np.testing.assert_allclose(got.reshape(np.shape(expect)), expect, rtol=1e-12)


@pytest.mark.parametrize(
    "latex, wrt, expect",
    [
        (r"\mathbf{1}_n^\top (a \oslash b)", "b", -a / b**2),
        (r"\mathbf{1}_n^\top \log(a \oslash b)", "a", 1 / a),
        (r"\operatorname{tr}((A \oslash B)^\top A)", "B", -(A**2) / B**2),
        (r"\|a \oslash b\|^2", "b", -2 * a**2 / b**3),
    ],
)
def test_gradients_against_numpy(latex, wrt, expect):
    g = dx.grad(latex, wrt, TABLE)
    got = _value(g)
    np.testing.assert_allclose(got.reshape(np.shape(expect)), expect, rtol=1e-10)


def test_claims_are_decided():
    assert dx.check(r"(a \oslash b) \odot b = a", TABLE, cache=False).status in (
        "proved",
        "plausible",
    )
    assert dx.check(r"a \oslash b = b \oslash a", TABLE, cache=False).status == "refuted"


@pytest.mark.parametrize(
    "latex, says",
    [
        (r"c \oslash a", "scalar by an array"),
        (r"a \oslash v", "one shape"),
        (r"{a \oslash b}", "parentheses"),
    ],
)
def test_refusals_say_what_to_write(latex, says):
    with pytest.raises(ParseError) as e:
        dx.parse(latex, TABLE)
    assert says in str(e.value)
