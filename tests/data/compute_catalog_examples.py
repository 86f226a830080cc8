#!/usr/bin/env python3
"""Independent reference values for the examples of the derivax equation catalog.

Every ``expect`` written in equations/*.toml is computed here from the same
inputs with plain numpy / math (no derivax import), so that the catalog can be
re-checked at any time:

    python tests/data/compute_catalog_examples.py          # human-readable list
    python tests/data/compute_catalog_examples.py --json   # machine-readable

Each entry is (equation id, set, define, expect).  ``set`` uses the same keys
as the TOML files (plain identifiers or LaTeX keys); ``define`` holds the LaTeX
bodies of functions given in the example (only for the entries whose expected
value is computed in closed form by hand).
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np

EXAMPLES: list[tuple[str, dict, dict | None, object]] = []


def add(eid, set_, expect, define=None):
    EXAMPLES.append((eid, set_, define, _plain(expect)))


def _plain(v):
    if isinstance(v, np.ndarray):
        return _plain(v.tolist())
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (np.floating, np.integer)):
        return float(v)
    if isinstance(v, int):
        return float(v)
    return v


def A(x):
    return np.asarray(x, dtype=float)


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def softmax(z):
    z = A(z)
    e = np.exp(z - z.max())
    return e / e.sum()


def softmax_rows(S):
    S = A(S)
    e = np.exp(S - S.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------- probability
for pba, pa, pb in [(0.9, 0.01, 0.05), (0.8, 0.3, 0.5)]:
    add("bayes_theorem", {r"P(B \mid A)": pba, "P(A)": pa, "P(B)": pb}, pba * pa / pb)

for pab, pb in [(0.12, 0.4), (0.02, 0.25)]:
    add("conditional_probability", {"P(A, B)": pab, "P(B)": pb}, pab / pb)

for pagb, pb in [(0.3, 0.4), (0.75, 0.2)]:
    add("joint_probability", {r"P(A \mid B)": pagb, "P(B)": pb}, pagb * pb)

for x, mu, s in [(0.5, 0.0, 1.0), (1.3, 0.2, 0.7)]:
    val = 1.0 / math.sqrt(2 * math.pi * s**2) * math.exp(-((x - mu) ** 2) / (2 * s**2))
    add("gaussian_pdf", {"x": x, "mu": mu, "sigma": s}, val)

for y, th in [([1.0, 0.0, 1.0, 1.0], 0.6), ([0.0, 0.0, 1.0, 0.0, 1.0, 0.0], 0.3)]:
    val = sum(yi * math.log(th) + (1 - yi) * math.log(1 - th) for yi in y)
    add("bernoulli_log_likelihood", {"y": y, "theta": th}, val)

# Bernoulli MLE: argmax_theta sum_i [x_i log theta + (1 - x_i) log(1 - theta)]
# has the closed form theta_hat = mean(x) (score equation sum x_i/theta - (n - sum x_i)/(1-theta) = 0).
for x in [[1, 0, 1, 1], [0, 0, 1, 0, 1]]:
    add(
        "maximum_likelihood",
        {"x": x},
        sum(x) / len(x),
        define={r"p(x; \theta)": r"\theta^{x} (1 - \theta)^{1 - x}"},
    )
    # sanity: the closed form is the maximiser on a fine grid
    grid = np.linspace(1e-6, 1 - 1e-6, 200001)
    ll = sum(xi * np.log(grid) + (1 - xi) * np.log(1 - grid) for xi in x)
    assert abs(grid[np.argmax(ll)] - sum(x) / len(x)) < 1e-5

# ---------------------------------------------------------------- information
PQ = [
    ([0.5, 0.25, 0.25], [0.4, 0.4, 0.2]),
    ([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]),
]
for p, _ in PQ:
    add("entropy", {"p": p}, -sum(pi * math.log(pi) for pi in p))
for p, q in PQ:
    add(
        "cross_entropy",
        {"p": p, "q": q},
        -sum(pi * math.log(qi) for pi, qi in zip(p, q, strict=False)),
    )
for p, q in PQ:
    add(
        "kl_divergence",
        {"p": p, "q": q},
        sum(pi * math.log(pi / qi) for pi, qi in zip(p, q, strict=False)),
    )

for y, yh in [
    ([1.0, 0.0, 1.0], [0.9, 0.2, 0.6]),
    ([0.0, 1.0, 1.0, 0.0, 1.0], [0.1, 0.8, 0.7, 0.3, 0.95]),
]:
    n = len(y)
    val = (
        -sum(yi * math.log(hi) + (1 - yi) * math.log(1 - hi) for yi, hi in zip(y, yh, strict=False))
        / n
    )
    add("binary_cross_entropy", {"y": y, "y_hat": yh}, val)

# ---------------------------------------------------------------- statistics
XY = [
    ([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 5.0, 9.0]),
    ([0.5, -1.0, 2.0], [1.0, 0.3, -0.7]),
]
for x in [[1.0, 2.0, 3.0, 4.0], [2.5, -1.0, 0.5, 4.0, 3.0]]:
    add("variance", {"x": x}, float(np.var(A(x))))  # population variance (ddof=0)
for x, y in XY:
    xa, ya = A(x), A(y)
    add("covariance", {"x": x, "y": y}, float(np.mean((xa - xa.mean()) * (ya - ya.mean()))))
for x, y in XY:
    xa, ya = A(x), A(y)
    dx, dy = xa - xa.mean(), ya - ya.mean()
    r = float(np.sum(dx * dy) / (math.sqrt(np.sum(dx * dx)) * math.sqrt(np.sum(dy * dy))))
    assert abs(r - np.corrcoef(xa, ya)[0, 1]) < 1e-12
    add("pearson_correlation", {"x": x, "y": y}, r)

# ---------------------------------------------------------------- linear algebra
for W, x, b in [
    ([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]], [0.5, -1.0, 2.0], [0.1, -0.2]),
    ([[0.2, -0.4], [1.5, 1.0], [0.0, 2.0]], [3.0, -0.5], [1.0, 0.0, -1.0]),
]:
    add("linear_transformation", {"W": W, "x": x, "b": b}, A(W) @ A(x) + A(b))

for Amat, v, lam in [
    ([[2.0, 1.0], [1.0, 2.0]], [1.0, 1.0], 3.0),
    # 2 I + u w^T with w orthogonal to v, so A v = 2 v (non-symmetric, exact)
    ([[2.0, 0.0, 0.0], [1.0, 2.0, 1.0], [1.0, 0.0, 3.0]], [1.0, 2.0, -1.0], 2.0),
]:
    lhs, rhs = A(Amat) @ A(v), lam * A(v)
    assert np.allclose(lhs, rhs, rtol=0, atol=0)  # exact eigenpair
    add("eigen_equation", {"A": Amat, "v": v, "lambda": lam}, rhs)

for U, S, V in [
    ([[0.6, -0.8], [0.8, 0.6]], [[5.0, 0.0], [0.0, 2.0]], [[0.8, -0.6], [0.6, 0.8]]),
    (
        [[1 / 3, 2 / 3], [2 / 3, 1 / 3], [2 / 3, -2 / 3]],
        [[6.0, 0.0], [0.0, 3.0]],
        [[0.6, -0.8], [0.8, 0.6]],
    ),
]:
    U_, S_, V_ = A(U), A(S), A(V)
    assert np.allclose(U_.T @ U_, np.eye(U_.shape[1]))
    assert np.allclose(V_.T @ V_, np.eye(V_.shape[1]))
    prod = U_ @ S_ @ V_.T
    # it really is the (thin) SVD of the product: same singular values
    assert np.allclose(np.linalg.svd(prod, compute_uv=False), np.diag(S_))
    assert np.min(np.abs(prod)) > 0.1  # no near-zero entries (relative comparison)
    add("svd", {"A": prod.tolist(), "U": U, "Sigma": S, "V": V}, prod)

for X in [
    [[1.0, 2.0], [-1.0, 0.0], [0.0, -2.0]],
    [[2.0, 0.0, 1.0], [0.0, 1.0, -1.0], [-1.0, -2.0, 0.5], [-1.0, 1.0, -0.5]],
]:
    X_ = A(X)
    assert np.allclose(X_.sum(axis=0), 0.0)  # mean-centred columns
    C = X_.T @ X_ / X_.shape[0]
    assert np.allclose(C, np.cov(X_.T, ddof=0))
    add("pca_covariance", {"X": X}, C)

# ---------------------------------------------------------------- optimization
GRAD = r"\nabla_{\theta} \mathcal{L}(\theta_t)"
for th, g, eta in [
    ([1.0, -2.0], [0.5, -1.5], 0.1),
    ([0.3, 0.0, -1.2], [2.0, -0.4, 0.25], 0.05),
]:
    add("gradient_descent", {"theta_t": th, GRAD: g, "eta": eta}, A(th) - eta * A(g))

for th, g, eta in [(0.5, [0.2, -0.4, 0.6, 1.0], 0.1), (-1.25, [1.5, 0.5, -1.0], 0.3)]:
    B = len(g)
    add("sgd_minibatch", {"theta_t": th, "g": g, "eta": eta}, th - eta / B * sum(g))

# example 1: function values given directly; example 2: functions defined
add("lagrangian", {"x": 2.0, "f(x)": 4.0, "g(x)": 1.0, "lambda": 0.5}, 4.0 + 0.5 * 1.0)
x, lam = 1.5, -2.0
add(
    "lagrangian",
    {"x": x, "lambda": lam},
    (x**2 + 1.0) + lam * (x - 3.0),
    define={"f(x)": "x^2 + 1", "g(x)": "x - 3"},
)

# ---------------------------------------------------------------- losses
for y, yh in [([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]), ([1.0, 2.0], [1.5, 1.0])]:
    add("mse", {"y": y, "y_hat": yh}, float(np.mean((A(y) - A(yh)) ** 2)))

REG = [
    ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0.5, -1.0], [1.0, 0.0, -2.0]),
    (
        [[1.0, 0.5, -1.0], [1.0, -1.5, 2.0], [1.0, 2.0, 0.0], [1.0, 0.0, 1.0]],
        [0.2, 1.0, -0.5],
        [1.0, -2.0, 3.0, 0.5],
    ),
]
for X, w, y in REG:
    r = A(X) @ A(w) - A(y)
    add("least_squares", {"X": X, "w": w, "y": y}, float(r @ r))
for (X, w, y), lam in zip(REG, [0.5, 2.0], strict=False):
    r = A(X) @ A(w) - A(y)
    add("ridge", {"X": X, "w": w, "y": y, "lambda": lam}, float(r @ r + lam * A(w) @ A(w)))
for (X, w, y), lam in zip(REG, [0.5, 2.0], strict=False):
    r = A(y) - A(X) @ A(w)
    add(
        "lasso",
        {"X": X, "w": w, "y": y, "lambda": lam},
        float(0.5 * (r @ r) + lam * np.sum(np.abs(A(w)))),
    )

for X, y in [
    ([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], [1.0, 2.0, 2.0]),
    ([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [1.0, 2.0, 1.0], [1.0, 3.0, 3.0]], [1.0, 2.0, 2.0, 5.0]),
]:
    X_, y_ = A(X), A(y)
    w_hat = np.linalg.solve(X_.T @ X_, X_.T @ y_)
    assert np.allclose(w_hat, np.linalg.lstsq(X_, y_, rcond=None)[0])
    add("normal_equation", {"X": X, "y": y}, w_hat)

for X, w, y in [
    ([[1.0, 2.0], [-1.0, 0.5], [0.5, -1.5]], [0.3, -0.2], [1.0, 0.0, 1.0]),
    (
        [[1.0, 0.2, -0.3], [1.0, -1.0, 0.8], [1.0, 0.5, 0.5], [1.0, 2.0, -1.0]],
        [0.1, 0.7, -0.4],
        [0.0, 0.0, 1.0, 1.0],
    ),
]:
    s = A(X) @ A(w)
    val = -sum(
        yi * math.log(sigmoid(si)) + (1 - yi) * math.log(1 - sigmoid(si))
        for yi, si in zip(y, s, strict=False)
    )
    add("logistic_regression_nll", {"X": X, "w": w, "y": y}, val)

for y, yh in [(1.0, 0.3), (-1.0, 0.5), (1.0, 2.0)]:
    add("hinge_loss", {"y": y, "y_hat": yh}, max(0.0, 1.0 - y * yh))

# ---------------------------------------------------------------- neural
for x in [0.0, 2.0, -1.5]:
    add("sigmoid", {"x": x}, sigmoid(x))

for z in [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0, 0.0]]:
    add("softmax", {"z": z}, softmax(z))
for z in [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0, 0.0]]:
    add("log_sum_exp", {"z": z}, math.log(sum(math.exp(zi) for zi in z)))

for z, y, x in [
    ([0.5, -1.0], [1.0, 0.0], [1.0, 2.0, 3.0]),
    ([0.2, 0.1, -0.3], [0.0, 1.0, 0.0], [0.5, -1.0]),
]:
    a = np.array([sigmoid(zj) for zj in z])
    delta = (a - A(y)) * a * (1 - a)
    add("backpropagation", {"z": z, "y": y, "x": x}, np.outer(delta, A(x)))

for Q, K, V in [
    (
        [[1.0, 0.0], [0.0, 1.0]],
        [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]],
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],
    ),
    (
        [[0.5, -1.0, 2.0]],
        [[1.0, 0.0, 1.0], [0.0, 2.0, -1.0]],
        [[1.0, 0.0, -1.0, 2.0], [0.5, 1.5, 0.0, -1.0]],
    ),
]:
    Q_, K_, V_ = A(Q), A(K), A(V)
    dk = Q_.shape[1]
    add("attention", {"Q": Q, "K": K, "V": V}, softmax_rows(Q_ @ K_.T / math.sqrt(dk)) @ V_)

# Continuous convolution of Gaussians, closed form:
#   int exp(-a tau^2) exp(-b (t - tau)^2) dtau = sqrt(pi / (a + b)) exp(-a b t^2 / (a + b))
for a, b, t in [(1.0, 2.0, 0.5), (1.0, 1.0, 1.0)]:
    val = math.sqrt(math.pi / (a + b)) * math.exp(-a * b * t * t / (a + b))
    tau = np.linspace(-30.0, 30.0, 600001)
    num = np.trapezoid(np.exp(-a * tau**2) * np.exp(-b * (t - tau) ** 2), tau)
    assert abs(num - val) < 1e-9  # sanity only; the expect is the closed form
    fb = r"e^{-\tau^2}" if a == 1.0 else rf"e^{{-{a:g}\tau^2}}"
    gb = r"e^{-\tau^2}" if b == 1.0 else rf"e^{{-{b:g}\tau^2}}"
    add("convolution", {"t": t}, val, define={r"f(\tau)": fb, r"g(\tau)": gb})

# valid cross-correlation y_i = sum_{j=1}^{k} w_j x_{i+j-1},  i = 1..n-k+1
for w, x in [([1.0, 0.0, -1.0], [1.0, 2.0, 4.0, 7.0, 11.0]), ([0.5, 0.25], [2.0, -1.0, 3.0, 0.5])]:
    w_, x_ = A(w), A(x)
    y = np.correlate(x_, w_, mode="valid")
    k, n = len(w), len(x)
    assert np.allclose(y, [sum(w_[j] * x_[i + j] for j in range(k)) for i in range(n - k + 1)])
    add("discrete_convolution", {"w": w, "x": x}, y)

# ---------------------------------------------------------------- generative
for ab, x0, eps in [(0.64, [1.0, -0.5, 2.0], [0.3, 1.2, -0.7]), (0.9, [0.5, 1.5], [-1.0, 0.25])]:
    add(
        "diffusion_forward",
        {"alpha_bar_t": ab, "x_0": x0, "epsilon": eps},
        math.sqrt(ab) * A(x0) + math.sqrt(1 - ab) * A(eps),
    )

# ---------------------------------------------------------------- classical ML
for w, x, b in [([0.5, -1.0, 2.0], [1.0, 2.0, 3.0], 0.1), ([1.5, -0.25], [-2.0, 4.0], -0.5)]:
    add("linear_regression", {"w": w, "x": x, "b": b}, float(A(w) @ A(x) + b))

for X, y, w, b, C in [
    ([[1.0, 2.0], [2.0, -1.0], [-0.5, 0.5]], [1.0, -1.0, 1.0], [0.5, -0.5], 0.1, 1.0),
    (
        [[0.0, 1.0], [1.0, 1.0], [-1.0, 0.5], [2.0, -2.0]],
        [1.0, 1.0, -1.0, -1.0],
        [0.8, 0.6],
        -0.2,
        0.5,
    ),
]:
    marg = A(y) * (A(X) @ A(w) + b)
    val = 0.5 * float(A(w) @ A(w)) + C * float(np.sum(np.maximum(0.0, 1.0 - marg)))
    add("svm_primal", {"X": X, "y": y, "w": w, "b": b, "C": C}, val)

for alpha, y, K in [
    ([0.5, 0.2, 0.3], [1.0, -1.0, 1.0], [[2.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 2.0]]),
    ([0.4, 0.4], [1.0, -1.0], [[1.0, 0.5], [0.5, 1.0]]),
]:
    a_, y_, K_ = A(alpha), A(y), A(K)
    assert np.all(np.linalg.eigvalsh(K_) > 0)  # symmetric positive definite
    ay = a_ * y_
    add("svm_dual", {"alpha": alpha, "y": y, "K": K}, float(a_.sum() - 0.5 * ay @ K_ @ ay))

for x, z, s in [([1.0, 2.0], [0.0, 0.0], 1.0), ([0.5, -1.0, 2.0], [1.0, 0.0, 1.5], 0.8)]:
    d = A(x) - A(z)
    add("gaussian_kernel", {"x": x, "z": z, "sigma": s}, math.exp(-float(d @ d) / (2 * s * s)))

for X, mu, r in [
    (
        [[1.0, 1.0], [1.5, 2.0], [5.0, 7.0], [3.5, 5.0]],
        [[1.25, 1.5], [4.0, 6.0]],
        [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]],
    ),
    (
        [[0.0, 0.0, 1.0], [1.0, 0.5, 0.0], [4.0, 4.0, 4.0], [5.0, 3.5, 4.5], [0.5, -1.0, 2.0]],
        [[0.5, 0.0, 1.0], [4.5, 4.0, 4.0], [0.0, -1.0, 2.0]],
        [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
    ),
]:
    X_, M_, R_ = A(X), A(mu), A(r)
    val = sum(
        R_[i, k] * float(np.sum((X_[i] - M_[k]) ** 2))
        for i in range(X_.shape[0])
        for k in range(M_.shape[0])
    )
    add("kmeans_objective", {"X": X, "mu": mu, "r": r}, val)


def main():
    if "--json" in sys.argv:
        out = [{"id": e, "set": s, "define": d, "expect": v} for e, s, d, v in EXAMPLES]
        json.dump(out, sys.stdout, indent=1)
        print()
        return
    for eid, s, d, v in EXAMPLES:
        print(f"{eid}:")
        if d:
            print(f"  define = {d}")
        print(f"  set    = {s}")
        print(f"  expect = {v!r}")


if __name__ == "__main__":
    main()
