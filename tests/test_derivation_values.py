r"""``dx.evaluate`` of a ``Derivation``: a gradient's entries run over the whole variable, which
its result may no longer read (a DFT coefficient's derivative has no ``x`` in it), or read
shifted and guarded by a condition (``[k \le N - \tau] x_{k+\tau}``). The expression alone
cannot tell their range; the derivation can. Every expected gradient is NumPy: central
differences of the definition written in NumPy."""

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(7)


def numeric_grad(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for pos in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[pos] = h
        g[pos] = (f(x + e) - f(x - e)) / (2 * h)
    return g


@pytest.mark.parametrize("tau", [0, 1, 2, 4])
@pytest.mark.parametrize("n", [5, 6])
def test_autocorrelation_gradient_at_every_lag(tau, n):
    x = RNG.normal(size=n)
    d = (
        dx.derive(
            r"\sum_{t=1}^{N-\tau} x_t x_{t+\tau}",
            "x",
            "x: vector[N]; tau: scalar, integer, positive; t: index",
        )
        if tau
        else dx.derive(r"\sum_{t=1}^{N} x_t x_t", "x", "x: vector[N]; t: index")
    )
    got = dx.evaluate(d, {"x": x, "tau": float(tau)} if tau else {"x": x})

    def f(v):
        return sum(v[t] * v[t + tau] for t in range(n - tau))

    np.testing.assert_allclose(got, numeric_grad(f, x), rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_a_gradient_that_no_longer_reads_its_variable(k):
    """The derivative of a real DFT coefficient: cos(2 pi (j-1)(k-1) / N), no x in it."""
    x = RNG.normal(size=6)
    latex = r"\sum_{n=1}^{N} x_n \cos\left(\frac{2\pi (k - 1)(n - 1)}{N}\right)"
    d = dx.derive(latex, "x", "x: vector[N]; k: scalar, integer; n: index")
    got = dx.evaluate(d, {"x": x, "k": float(k)})
    want = np.cos(2 * np.pi * (k - 1) * np.arange(6) / 6)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("T", [1, 3, 5])
def test_discounted_sum_of_a_shifted_vector(T):
    delta = RNG.normal(size=T)
    d = dx.derive(
        r"\sum_{l=0}^{T-1} (\gamma \lambda)^l \delta_{l+1}",
        "delta",
        "delta: vector[T]; gamma, lambda: scalar, unit; l: index",
    )
    got = dx.evaluate(d, {"delta": delta, "gamma": 0.9, "lambda": 0.8})
    np.testing.assert_allclose(got, 0.72 ** np.arange(T), rtol=1e-12)


@pytest.mark.parametrize("T", [2, 4])
def test_td_error_gradient_where_the_value_vector_is_one_longer(T):
    """``v`` has one more entry than ``r``: the cross-check draws sizes that fit, and the
    entries of the gradient past ``T`` read ``r`` only where the guard holds."""
    r, v, gamma = RNG.normal(size=T), RNG.normal(size=T + 1), 0.9
    d = dx.derive(
        r"\frac{1}{2} \sum_{t=1}^{T} \left(r_t + \gamma v_{t+1} - v_t\right)^2",
        "v",
        "r: vector[T]; v: vector[m]; gamma: scalar, unit; t: index",
    )
    got = dx.evaluate(d, {"r": r, "v": v, "gamma": gamma})

    def f(w):
        return 0.5 * sum((r[t] + gamma * w[t + 1] - w[t]) ** 2 for t in range(T))

    np.testing.assert_allclose(got, numeric_grad(f, v), rtol=1e-7, atol=1e-8)


def test_a_constant_gradient_with_respect_to_a_matrix_has_its_shape():
    M = RNG.normal(size=(4, 3))
    d = dx.derive(
        r"\frac{2}{mn} \sum_{i=1}^{m} \sum_{j=1}^{n} M_{ij}", "M", "M: matrix[m, n]; i, j: index"
    )
    got = dx.evaluate(d, {"M": M})
    np.testing.assert_allclose(got, np.full((4, 3), 2 / 12), rtol=1e-12)


def test_an_indicator_inside_a_softmax_row():
    S, tau = RNG.normal(size=(4, 4)), 0.5
    latex = r"-\log \frac{\exp(S_{12} / \tau)}{\sum_{k=1}^{n} \mathbb{1}_{[k \neq 1]} \exp(S_{1k} / \tau)}"
    d = dx.derive(latex, "S", "S: matrix[n, n]; tau: scalar, positive; k: index; n: dim")
    got = dx.evaluate(d, {"S": S, "tau": tau})

    def f(A):
        return -np.log(np.exp(A[0, 1] / tau) / np.exp(A[0, 1:] / tau).sum())

    np.testing.assert_allclose(got, numeric_grad(f, S), rtol=1e-7, atol=1e-8)


def test_the_expression_alone_is_refused_naming_the_derivation():
    g = dx.grad(
        r"\sum_{l=0}^{T-1} (\gamma \lambda)^l \delta_{l+1}",
        "delta",
        "delta: vector[T]; gamma, lambda: scalar, unit; l: index",
    )
    with pytest.raises(dx.DerivaxError, match=r"dx.evaluate\(dx.derive"):
        dx.evaluate(
            g,
            {"gamma": 0.9, "lambda": 0.8, "T": 3},
            "delta: vector[T]; gamma, lambda: scalar, unit; l: index",
        )


def test_a_value_for_no_input_is_refused():
    d = dx.derive(r"\sum_{t=1}^{T} x_t^2", "x", "x: vector[T]; t: index")
    with pytest.raises(dx.DerivaxError, match="`z`"):
        dx.evaluate(d, {"x": [1.0, 2.0], "z": 1.0})


def test_a_scalar_derivative_evaluates_as_a_number():
    d = dx.derive(r"\log(1 + e^{x})", "x")
    assert float(dx.evaluate(d, {"x": 0.0})) == pytest.approx(0.5, rel=1e-15)
