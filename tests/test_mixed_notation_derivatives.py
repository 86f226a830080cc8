r"""A loss written partly in index notation and partly in matrix notation (a weighted
factorization loss ``\sum_{u,i} W_{ui}(R_{ui} - \sum_k P_{uk} Q_{ik})^2 + \lambda \|P\|_F^2``):
differentiated by an entry of ``P``, the matrix-notation term is no function of ``P_{jl}`` for
SymPy and was dropped (the cross-check refused the result). Its matrix gradient's entry is added
now. Expected gradients are NumPy written from the definition; the empty range of a stable
norm (``\sum_{t=p+1}^{T}`` at ``T = p``) is 0, not an error."""

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(17)


@pytest.mark.parametrize(
    "penalty, grad",
    [
        (r"\|P\|_F^2", lambda P: 2 * P),
        (r"\operatorname{tr}(P^\top P)", lambda P: 2 * P),
        (r"\|P\|_F", lambda P: P / np.linalg.norm(P)),
    ],
)
def test_a_matrix_penalty_beside_an_index_sum(penalty, grad):
    W, R = RNG.random((3, 4)), RNG.random((3, 4))
    P, Q, lam = RNG.random((3, 2)), RNG.random((4, 2)), 0.3
    latex = (
        r"\sum_{u=1}^{m} \sum_{i=1}^{n} W_{ui} \left(R_{ui} - \sum_{k=1}^{f} P_{uk} Q_{ik}\right)^2"
        rf" + \lambda {penalty}"
    )
    symbols = "W, R: matrix[m, n]; P: matrix[m, f]; Q: matrix[n, f]; lambda: scalar; u, i, k: index"
    d = dx.derive(latex, "P", symbols)
    got = dx.evaluate(d, {"W": W, "R": R, "P": P, "Q": Q, "lambda": lam})
    want = -2 * (W * (R - P @ Q.T)) @ Q + lam * grad(P)
    np.testing.assert_allclose(got, want, rtol=1e-9)


@pytest.mark.parametrize(
    "penalty, grad", [(r"\|x\|^2", lambda x: 2 * x), (r"x^\top x", lambda x: 2 * x)]
)
def test_a_vector_penalty_beside_an_index_sum(penalty, grad):
    x, y, lam = RNG.normal(size=4), RNG.normal(size=4), 0.7
    latex = rf"\sum_{{i=1}}^{{n}} (y_i - x_i)^2 + \lambda {penalty}"
    d = dx.derive(latex, "x", "x, y: vector[n]; lambda: scalar; i: index")
    got = dx.evaluate(d, {"x": x, "y": y, "lambda": lam})
    np.testing.assert_allclose(got, 2 * (x - y) + lam * grad(x), rtol=1e-12)


def test_the_conditional_ar_likelihood_and_its_gradient():
    x, phi, c, sigma = RNG.normal(size=8), np.array([0.4, -0.25]), 0.05, 0.7
    latex = (
        r"-\frac{T - p}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_{t=p+1}^{T} "
        r"\left(x_t - c - \sum_{i=1}^{p} \varphi_i x_{t-i}\right)^2"
    )
    symbols = "x: vector[T]; varphi: vector[p]; c: scalar; sigma: scalar, positive; t, i: index"
    values = {"x": x, "varphi": phi, "c": c, "sigma": sigma}

    def f(ph):
        r = [x[t] - c - sum(ph[i] * x[t - i - 1] for i in range(2)) for t in range(2, 8)]
        return -3 * np.log(2 * np.pi * sigma**2) - sum(v * v for v in r) / (2 * sigma**2)

    assert float(dx.evaluate(latex, values, symbols)) == pytest.approx(f(phi), rel=1e-12)
    h = 1e-6
    want = [(f(phi + h * e) - f(phi - h * e)) / (2 * h) for e in np.eye(2)]
    got = dx.evaluate(dx.derive(latex, "varphi", symbols), values)
    np.testing.assert_allclose(got, want, rtol=1e-7)


def test_a_norm_over_an_empty_range_is_zero():
    """The compiled stable norm (max-abs scaling) over ``t = p+1..T``, ``p`` the size of ``w``."""
    latex = r"\sqrt{\sum_{t=p+1}^{T} x_t^2} + \sum_{i=1}^{p} w_i"
    f = dx.compile(latex, symbols="x: vector[T]; w: vector[p]; t, i: index")
    assert float(f(x=np.ones(3), w=np.zeros(3))) == 0.0
    assert float(f(x=np.array([3.0, 4.0, 12.0]), w=np.zeros(1))) == pytest.approx(np.hypot(4, 12))


@pytest.mark.parametrize(
    "inner, f",
    [
        (r"\ln \sigma\left(p^\top (q_i - q_j)\right)", lambda t: np.log(1 / (1 + np.exp(-t)))),
        (r"\left(p^\top (q_i - q_j)\right)^2", lambda t: t**2),
    ],
)
def test_a_gradient_through_a_term_of_two_sums(inner, f):
    """BPR (Rendle et al., 2009) for one user: p^T (q_i - q_j) depends on both sums' indices;
    NumPy central differences."""
    rng = np.random.default_rng(23)
    p, Q, lam = rng.normal(size=3), rng.normal(size=(4, 3)), 0.05
    O = (rng.random((4, 4)) > 0.5).astype(float)  # noqa: E741 - the paper's name
    latex = rf"\sum_{{i=1}}^{{n}} \sum_{{j=1}}^{{n}} O_{{ij}} {inner} - \lambda \|p\|^2"
    symbols = (
        "p: vector[f]; Q: matrix[n, f]; q_i: row[Q]; O: matrix[n, n]; lambda: scalar; i, j: index"
    )

    def loss(v):
        s = sum(O[i, j] * f(v @ (Q[i] - Q[j])) for i in range(4) for j in range(4))
        return s - lam * v @ v

    got = dx.evaluate(dx.derive(latex, "p", symbols), {"p": p, "Q": Q, "O": O, "lambda": lam})
    h = 1e-6
    want = [(loss(p + h * e) - loss(p - h * e)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(got, want, rtol=1e-6)


@pytest.mark.parametrize("family", ["row", "column"])
def test_a_gradient_by_the_matrix_whose_rows_or_columns_are_summed(family):
    """``\\sum_{i,j} A_{ij} x_i^\\top x_j`` by X: (A + A^T) X for rows, X (A + A^T) for columns."""
    rng = np.random.default_rng(29)
    A = rng.normal(size=(4, 4))
    X = rng.normal(size=(4, 3)) if family == "row" else rng.normal(size=(3, 4))
    latex = r"\sum_{i=1}^{n} \sum_{j=1}^{n} A_{ij} x_i^\top x_j + \sum_{i=1}^{n} \|x_i\|^2"
    shape = "matrix[n, f]" if family == "row" else "matrix[f, n]"
    symbols = f"A: matrix[n, n]; X: {shape}; x_i: {family}[X]; i, j: index"
    got = dx.evaluate(dx.derive(latex, "X", symbols), {"A": A, "X": X})
    S = A + A.T
    want = S @ X + 2 * X if family == "row" else X @ S + 2 * X
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_the_graph_autoencoder_reconstruction_by_the_embedding():
    """Kipf and Welling (2016), VGAE: sum_{i,j} A_ij log sigma(z_i^T z_j) + (1 - A_ij) log(1 -
    sigma(z_i^T z_j)), by Z; NumPy central differences."""
    rng = np.random.default_rng(31)
    A = (rng.random((4, 4)) > 0.5).astype(float)
    Z = rng.normal(size=(4, 2))
    latex = (
        r"\sum_{i=1}^{n} \sum_{j=1}^{n} \left(A_{ij} \log \sigma(z_i^\top z_j)"
        r" + (1 - A_{ij}) \log(1 - \sigma(z_i^\top z_j))\right)"
    )
    symbols = "A: matrix[n, n]; Z: matrix[n, f]; z_i: row[Z]; i, j: index"

    def f(M):
        s = 1 / (1 + np.exp(-(M @ M.T)))
        return float(np.sum(A * np.log(s) + (1 - A) * np.log(1 - s)))

    got = dx.evaluate(dx.derive(latex, "Z", symbols), {"A": A, "Z": Z})
    h, want = 1e-6, np.zeros_like(Z)
    for pos in np.ndindex(*Z.shape):
        e = np.zeros_like(Z)
        e[pos] = h
        want[pos] = (f(Z + e) - f(Z - e)) / (2 * h)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    "fn, np_fn, np_d",
    [
        (r"\tanh", np.tanh, lambda t: 1 - np.tanh(t) ** 2),
        (r"\sigma", lambda t: 1 / (1 + np.exp(-t)), lambda t: np.exp(-t) / (1 + np.exp(-t)) ** 2),
        (r"\exp", np.exp, np.exp),
    ],
)
def test_an_entry_of_a_function_of_a_product_is_differentiated(fn, np_fn, np_d):
    """RealNVP's log-determinant, ``\\sum_j \\tanh(W_s x_1 + b_s)_j``, by ``W_s``: the entry of
    the function is the function of the entry, written out as a sum; NumPy."""
    rng = np.random.default_rng(37)
    W, x, b = rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=3)
    latex = rf"\sum_{{j=1}}^{{m}} {fn}(W_s x_1 + b_s)_j"
    symbols = "x_1: vector[d]; b_s: vector[m]; W_s: matrix[m, d]; j: index"
    values = {"W_s": W, "x_1": x, "b_s": b}
    assert float(dx.evaluate(latex, values, symbols)) == pytest.approx(np_fn(W @ x + b).sum())
    got = dx.evaluate(dx.derive(latex, "W_s", symbols), values)
    np.testing.assert_allclose(got, np.outer(np_d(W @ x + b), x), rtol=1e-10)
