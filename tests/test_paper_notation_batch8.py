r"""Notation from the seventh fresh corpus that was refused, each read now and checked against
NumPy from the paper's definition, with the case that would break its rule:

- ``\delta(c_i, c_j)`` of two whole numbers (modularity) is the Kronecker delta; of reals
  (``\delta(x - y)``) it stays a product, with its rule.
- ``\pi(a \mid s)`` of a declared scalar is its value at that point (AIRL's discriminator),
  as ``f_\theta(s, a)`` is.
- ``b_{k+1}``, ``b_{k-1}`` with ``k: label[m]``: the entry at the next or previous class (the
  graded response model); past either end NaN, never the nearest entry (``b_{k-1}`` had read
  as a name of its own, added to every entry of a vector).
- ``\operatorname{clip}_{[a, b]}(x)`` (batch renormalization) is clip(x, a, b); a subscript
  that is no interval is refused.
- ``\left| |a - b| - |c - d| \right|`` (the gradient difference loss): plain bars inside
  sided ones pair among themselves.
- ``\underline{p_A}`` is a name of its own, as ``\overline{p_B}`` is.
"""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(808)


def test_modularity_with_the_kronecker_delta_of_two_labels():
    latex = (
        r"Q = \frac{1}{2m} \sum_{ij} \left[ A_{ij} - \frac{k_i k_j}{2m} \right] \delta(c_i, c_j)"
    )
    table = "A: symmetric[n]; k: vector[n]; m: scalar, positive; c: labels[n, K]"
    a = RNG.integers(0, 2, size=(5, 5)).astype(float)
    a = np.triu(a, 1) + np.triu(a, 1).T
    k, m, c = a.sum(axis=1), a.sum() / 2, np.array([1, 1, 2, 2, 2])
    want = sum(
        (a[i, j] - k[i] * k[j] / (2 * m)) * (c[i] == c[j]) for i in range(5) for j in range(5)
    ) / (2 * m)
    got = float(dx.evaluate(latex, {"A": a, "k": k, "m": m, "c": c}, table))
    assert got == pytest.approx(want, rel=1e-13, abs=1e-15)


def test_a_delta_of_reals_stays_a_product():
    e = dx.parse(r"\delta(x - y)", "x, y: scalar")
    assert "KroneckerDelta" not in str(e)


def test_a_policys_value_at_an_action_given_a_state():
    latex = (
        r"D_\theta(s, a) = \frac{\exp\{f_\theta(s, a)\}}{\exp\{f_\theta(s, a)\} + \pi(a \mid s)}"
    )
    table = r"f_\theta: scalar; \pi: scalar, unit"
    got = float(dx.evaluate(latex, {"f_theta": 0.3, "pi": 0.4}, table))
    assert got == pytest.approx(np.exp(0.3) / (np.exp(0.3) + 0.4), rel=1e-15)


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_the_entry_at_the_next_and_previous_class(k):
    b = np.array([-1.0, 0.2, 0.9, 1.7])
    table = "b: vector[m]; k: label[m]"
    got = float(dx.evaluate(r"b_{k+1} - b_{k-1}", {"b": b, "k": k}, table))
    if k in (1, 4):
        assert np.isnan(got)  # past an end: no entry, never the nearest one
    else:
        assert got == pytest.approx(b[k] - b[k - 2], rel=1e-15)


def test_the_graded_response_category():
    latex = (
        r"P_k(\theta) = \frac{1}{1 + e^{-a(\theta - b_k)}} - \frac{1}{1 + e^{-a(\theta - "
        r"b_{k+1})}}"
    )
    table = r"a, \theta: scalar; b: vector[m]; k: label[m]"
    b = np.array([-1.0, 0.0, 1.5])
    got = float(dx.evaluate(latex, {"a": 1.3, "theta": 0.4, "b": b, "k": 2}, table))
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    assert got == pytest.approx(sig(1.3 * (0.4 - 0.0)) - sig(1.3 * (0.4 - 1.5)), rel=1e-14)


@pytest.mark.parametrize("x", [-3.0, 0.1, 0.7, 5.0])
def test_clip_with_its_interval_under_the_name(x):
    latex = r"\operatorname{clip}_{[1/r, r]}(x) + \operatorname{clip}_{[-d, d]}(2 x)"
    got = float(
        dx.evaluate(latex, {"x": x, "r": 2.0, "d": 1.0}, "x: scalar; r, d: scalar, positive")
    )
    assert got == pytest.approx(np.clip(x, 0.5, 2.0) + np.clip(2 * x, -1.0, 1.0), rel=1e-15)


def test_clip_with_a_subscript_that_is_no_interval_is_refused():
    with pytest.raises(dx.ParseError, match="interval"):
        dx.parse(r"\operatorname{clip}_{c}(x)", "x, c: scalar")


def test_the_gradient_difference_loss():
    latex = (
        r"\sum_{i=2}^{H} \sum_{j=1}^{W} \left| |Y_{i,j} - Y_{i-1,j}| - |\hat{Y}_{i,j} - "
        r"\hat{Y}_{i-1,j}| \right|^{\alpha} + \sum_{i=1}^{H} \sum_{j=2}^{W} \left| |Y_{i,j-1} - "
        r"Y_{i,j}| - |\hat{Y}_{i,j-1} - \hat{Y}_{i,j}| \right|^{\alpha}"
    )
    table = r"\hat{Y}, Y: matrix[H, W]; \alpha: scalar, positive; H, W: dim; i, j: index"
    y, yh = RNG.normal(size=(3, 4)), RNG.normal(size=(3, 4))
    alpha = 1.5
    rows = np.abs(np.abs(np.diff(y, axis=0)) - np.abs(np.diff(yh, axis=0))) ** alpha
    cols = np.abs(np.abs(np.diff(y, axis=1)) - np.abs(np.diff(yh, axis=1))) ** alpha
    got = float(dx.evaluate(latex, {"Y": y, "Y_hat": yh, "alpha": alpha}, table))
    assert got == pytest.approx(rows.sum() + cols.sum(), rel=1e-13)


@pytest.mark.parametrize(
    "latex, f",
    [
        (r"\left| |a| - |b| \right|", lambda a, b: abs(abs(a) - abs(b))),
        (r"\left| \left|a - b\right| - |a| \right|", lambda a, b: abs(abs(a - b) - abs(a))),
        (r"\left| a \right| |b|", lambda a, b: abs(a) * abs(b)),
    ],
)
def test_plain_bars_inside_sided_ones(latex, f):
    got = float(dx.evaluate(latex, {"a": -1.25, "b": 0.5}, "a, b: scalar"))
    assert got == pytest.approx(f(-1.25, 0.5), rel=1e-15)


def test_an_underlined_name_is_a_name_of_its_own():
    table = r"\underline{p}_A, p_A: scalar"
    e = dx.parse(r"\underline{p_A} - p_A", table)
    assert len(e.free_symbols) == 2
    assert dx.parse(dx.to_latex(e, table), table) == e


def test_an_undeclared_letter_beside_a_summation_index_is_a_free_index():
    # counterfactual regret minimization's average strategy over the actions a
    latex = r"\bar{s}(a) = \frac{\sum_{t=1}^{T} \pi_t \, \sigma_{t a}}{\sum_{t=1}^{T} \pi_t}"
    table = r"\pi: vector[T]; \sigma: matrix[T, A]; t: index"
    pi, sigma = RNG.uniform(0.1, 1, size=4), RNG.dirichlet(np.ones(3), size=4)
    got = np.asarray(dx.evaluate(latex, {"pi": pi, "sigma": sigma}, table), dtype=float)
    np.testing.assert_allclose(got, pi @ sigma / pi.sum(), rtol=1e-14)


@pytest.mark.parametrize(
    "latex, table",
    [
        (r"\sum_{t=1}^{T} \sigma_{t a}", r"\sigma: vector[T]; t: index"),  # one axis, two letters
        (r"\sum_{t=1}^{T} \sigma_{t a}", r"\sigma: matrix[T, A]; a: scalar; t: index"),
        (r"\sum_{k=0}^{2} \gamma^k R_{t+k+1}", r"\gamma: scalar"),  # R undeclared
    ],
)
def test_a_summation_index_inside_what_cannot_be_an_entry_is_refused(latex, table):
    with pytest.raises(dx.ParseError, match="contains the summation index"):
        dx.parse(latex, table)


def test_a_definition_counts_from_zero_by_its_right_side():
    # the hyperboloid model's Lorentzian product: the left side is derivax's own (1-based)
    # reading of \langle x, y \rangle_L, the right side counts x and y from 0
    latex = (
        r"\langle \mathbf{x}, \mathbf{y} \rangle_{\mathcal{L}} = -x_0 y_0 + \sum_{i=1}^{n} x_i y_i"
    )
    table = "x, y: vector[n+1]; i: index"
    x, y = RNG.normal(size=4), RNG.normal(size=4)
    got = float(dx.evaluate(latex, {"x": x, "y": y}, table))
    assert got == pytest.approx(-x[0] * y[0] + x[1:] @ y[1:], rel=1e-14)
    assert dx.check(latex, table).status in ("proved", "plausible")  # never refuted


@pytest.mark.parametrize("t", [0.05, 0.7, 3.0])
def test_the_heat_traces_derivative_in_time(t):
    from scipy.linalg import expm

    table = "t: scalar, positive; L: symmetric[n]"
    L = np.array([[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 1.0]])
    d = dx.derive(r"h_t = \operatorname{Tr}\left( e^{-t L} \right)", "t", table)
    got = float(dx.evaluate(d, {"t": t, "L": L}))
    assert got == pytest.approx(-np.trace(L @ expm(-t * L)), rel=1e-12)


def test_an_exponent_that_does_not_commute_with_its_derivative_is_refused():
    with pytest.raises(dx.DerivaxError, match="multiple of a matrix"):
        dx.derive(
            r"\operatorname{Tr}\left( e^{t A + B} \right)", "t", "t: scalar; A, B: matrix[n, n]"
        )
