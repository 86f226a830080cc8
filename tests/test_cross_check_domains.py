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


# -- a whole-number scalar beside the derivative, and a sample size beside a count ----------------
# Side conditions: a scalar declared `integer` (with or without a sign) is given a value at every
# point of the check, as dimensions are (2 to 4); a positive real scalar is drawn 100 times larger
# at the last points tried, which stay in its declared domain. Breaking cases: the kept range
# empty (M = D) or one term (M = D - 1), M = 0, and a formula with no value anywhere (still refused).


@pytest.mark.parametrize("M", [0, 2, 4, 5])
def test_a_sum_from_a_whole_number_input_is_differentiated_as_a_mask(M):
    tex, symbols = (
        r"J = \sum_{i=M+1}^{D} \lambda_i",
        "\\lambda: vector[D]; M: scalar, integer, nonnegative; i: index",
    )
    d = dx.derive(tex, r"\lambda", symbols)
    lam = np.array([2.0, 1.5, 0.7, 0.2, 0.1])
    got = np.asarray(dx.evaluate(d, {"lambda": lam, "M": M}), dtype=float)
    np.testing.assert_array_equal(got, (np.arange(1, 6) > M).astype(float))
    assert float(dx.evaluate(tex, {"lambda": lam, "M": M}, symbols)) == pytest.approx(lam[M:].sum())


def test_a_sample_size_beside_the_size_of_a_set_is_checked_where_the_root_is_real():
    import mpmath

    tex = r"z = \frac{1}{2} \sqrt{n - |K| - 3} \, \ln \left( \frac{1 + r}{1 - r} \right)"
    symbols = "r: scalar; n: scalar, positive; K: scalar, integer, nonnegative"
    at = {"r": 0.3, "n": 40.0, "K": 2}
    for wrt in ("r", "n"):
        d = dx.derive(tex, wrt, symbols)
        assert "100 times larger" in d.checked, d.checked

        def z(v, wrt=wrt):
            p = {**at, wrt: v}
            return mpmath.sqrt(p["n"] - p["K"] - 3) * mpmath.log((1 + p["r"]) / (1 - p["r"])) / 2

        with mpmath.workdps(40):
            want = float(mpmath.diff(z, mpmath.mpf(at[wrt])))
        assert float(dx.evaluate(d, at)) == pytest.approx(want, rel=1e-12)


def test_a_formula_with_no_value_anywhere_is_still_refused():
    with pytest.raises(dx.DerivationError, match="no random point"):
        dx.derive(r"\sqrt{-n - m} \, x", "x", "x: scalar; n, m: scalar, positive")
