r"""A derivative whose expression has no value anywhere on the declared domains (``p \log(p/q)``
with p and q declared plain matrices: some entry is negative at every random point) is
cross-checked where the expression has a value, every input made positive or in (0, 1), and
the account says so; before, derivax refused to report it. Each result is compared here with
NumPy written from the definition."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

CASES = [
    (
        r"\sum_i \sum_j p_{ij} \log \frac{p_{ij}}{q_{ij}}",
        "p, q: matrix[n, n]; i, j: index",
        "q",
        "made positive",
        lambda p, q: -p / q,
    ),
    (
        r"\sum_{i,j} \left[ v_{ij} \log \frac{v_{ij}}{w_{ij}} + (1 - v_{ij}) \log \frac{1 - v_{ij}}"
        r"{1 - w_{ij}} \right]",
        "v, w: matrix[n, n]; i, j: index",
        "w",
        "in (0, 1)",
        lambda v, w: -v / w + (1 - v) / (1 - w),
    ),
]


@pytest.mark.parametrize(("tex", "symbols", "wrt", "moved", "closed"), CASES)
def test_a_derivative_with_no_value_on_the_declared_domains_is_checked_where_it_has_one(
    tex, symbols, wrt, moved, closed
):
    d = dx.derive(tex, wrt, symbols)
    assert d.checked.startswith("agrees with JAX") and moved in d.checked, d.checked
    rng = np.random.default_rng(5)
    a, b = rng.uniform(0.1, 0.9, size=(3, 3)), rng.uniform(0.1, 0.9, size=(3, 3))
    other = "p" if wrt == "q" else "v"
    # the derivative by entry (k, l), evaluated entry by entry
    for k in range(3):
        for m in range(3):
            value = dx.evaluate(
                d.result, {other: a, wrt: b, "k": k + 1, "l": m + 1}, symbols + "; k, l: index"
            )
            assert float(value) == pytest.approx(closed(a, b)[k, m], rel=1e-12), (k, m)


def test_the_declared_domain_is_used_first_and_not_named_when_it_serves():
    d = dx.derive(r"\sum_i p_i \log p_i", "p", "p: simplex[n]; i: index")
    assert "made positive" not in d.checked and "in (0, 1)" not in d.checked, d.checked
