r"""The silent misreadings the eighth fresh corpus found as collected (10 of 281 results), each
fixed as a family and checked against NumPy from the definition, with the case that breaks
its rule:

- ``\mathbf{w}^T \mathbf{x}_t`` with ``T`` declared a size (the number of samples, FastICA): the
  transpose, as ever; it had read as the entry ``w_T``. A scalar's ``\gamma^T`` stays the power
  by that size; ``T`` declared an index or a scalar keeps its old readings.
- ``|v|^2`` of a vector (locally linear embedding): its squared length; ``|g|`` alone stays the
  entries' absolute values. It had read as a vector of squares.
- ``\sum_{j \ne i}`` over terms undefined where j = i (UMAP's cross-entropy, 0 log 0 on the
  diagonal): the skipped terms are masked, never multiplied by 0 (NaN).
- The derivative of a sum over the indices a condition keeps, squared (XGBoost's split gain):
  it had come out 0, the condition lifted out of the sum. The kept terms are ``Kept``.
- ``Q_m(T)`` with ``T`` a declared size (cost-complexity pruning): the value for it, not a
  product with the size.
- ``i(t) = \sum_{j \ne i} \dots`` with ``i`` an index (CART's Gini index): refused with both
  readings, where it had read as one fixed i.
"""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(909)


@pytest.mark.parametrize(
    "latex, f",
    [
        (r"\sum_{t=1}^{T} \mathbf{w}^T \mathbf{x}_t", lambda w, X, g: float((X @ w).sum())),
        (r"\mathbf{x}_1^T \mathbf{w}", lambda w, X, g: float(X[0] @ w)),
        (r"\mathbf{w}^T X^T X \mathbf{w}", lambda w, X, g: float(w @ X.T @ X @ w)),
        (r"\gamma^T + \mathbf{w}^T \mathbf{w}", lambda w, X, g: g ** len(X) + float(w @ w)),
    ],
)
def test_a_transpose_beside_a_size_named_t(latex, f):
    table = r"w: vector[n]; X: matrix[T, n]; x_t: row[X]; t: index; \gamma: scalar, positive"
    w, X = RNG.normal(size=3), RNG.normal(size=(4, 3))
    values = {"w": w}
    values.update({"gamma": 0.9, "T": 4} if "gamma" in latex else {"X": X})
    got = float(dx.evaluate(latex, values, table))
    assert got == pytest.approx(f(w, X, 0.9), rel=1e-13)


def test_t_declared_an_index_or_a_scalar_keeps_its_reading():
    w = np.array([1.0, 2.0, 3.0])
    got = dx.evaluate(r"w^T", {"w": w, "T": 2}, "w: vector[n]; T: index")
    assert float(got) == 2.0  # the entry w_T above, as a sample index
    got = dx.evaluate(r"\gamma^T", {"gamma": 2.0, "T": 3.0}, r"\gamma, T: scalar")
    assert float(got) == 8.0


def test_the_squared_length_of_a_vector_in_single_bars():
    table = r"X: matrix[N, D]; \vec{X}_i: row[X]; W: matrix[N, N]; i, j: index"
    latex = r"\varepsilon(W) = \sum_i \left| \vec{X}_i - \sum_j W_{ij} \vec{X}_j \right|^2"
    X, W = RNG.normal(size=(5, 2)), RNG.uniform(size=(5, 5))
    got = float(dx.evaluate(latex, {"X": X, "W": W}, table))
    assert got == pytest.approx(float(np.sum((X - W @ X) ** 2)), rel=1e-13)
    g = np.array([-1.5, 2.0])
    np.testing.assert_allclose(dx.evaluate(r"|g|", {"g": g}, "g: vector[n]"), np.abs(g))
    got = float(dx.evaluate(r"|g|^4", {"g": g}, "g: vector[n]"))
    assert got == pytest.approx(float(g @ g) ** 2, rel=1e-14)


def test_a_skipped_diagonal_that_is_undefined_stays_skipped():
    # UMAP: v_ii = 0 and q_ii = 1, so the i = j term is 0 log 0 (NaN); it is skipped
    latex = (
        r"\sum_{i=1}^{n} \sum_{j \neq i} \left[ v_{ij} \log \frac{v_{ij}}{q_{ij}} + (1 - v_{ij}) "
        r"\log \frac{1 - v_{ij}}{1 - q_{ij}} \right]"
    )
    table = "v, q: symmetric[n]; i, j: index"
    v = RNG.uniform(0.1, 0.9, size=(4, 4))
    v = (v + v.T) / 2
    q = RNG.uniform(0.1, 0.9, size=(4, 4))
    q = (q + q.T) / 2
    np.fill_diagonal(v, 0.0)
    np.fill_diagonal(q, 1.0)
    off = ~np.eye(4, dtype=bool)
    want = np.sum(
        v[off] * np.log(v[off] / q[off]) + (1 - v[off]) * np.log((1 - v[off]) / (1 - q[off]))
    )
    got = float(dx.evaluate(latex, {"v": v, "q": q}, table))
    assert got == pytest.approx(want, rel=1e-13)


@pytest.mark.parametrize(
    "latex, f",
    [
        (r"\left( \sum_{i : x_i < s} g_i \right)^2", lambda g, x, s: np.sum(g[x < s]) ** 2),
        (r"\sum_{i : x_i \ge s} g_i^3", lambda g, x, s: np.sum(g[x >= s] ** 3)),
        (
            r"\frac{(\sum_{i : x_i < s} g_i)^2}{\sum_{i : x_i < s} g_i^2 + 1}",
            lambda g, x, s: np.sum(g[x < s]) ** 2 / (np.sum(g[x < s] ** 2) + 1),
        ),
    ],
)
def test_the_derivative_of_a_sum_over_the_kept_indices(latex, f):
    table = "g, x: vector[n]; s: scalar; i: index"
    g, x, s = RNG.normal(size=6), np.array([0.3, 1.7, 0.9, 2.4, 1.1, 0.2]), 1.3
    want = np.array([(f(g + 1e-6 * e, x, s) - f(g - 1e-6 * e, x, s)) / 2e-6 for e in np.eye(6)])
    d = dx.derive(latex, "g", table)
    got = np.asarray(dx.evaluate(d, {"g": g, "x": x, "s": s}), dtype=float)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)
    assert float(dx.evaluate(latex, {"g": g, "x": x, "s": s}, table)) == pytest.approx(
        f(g, x, s), rel=1e-13
    )


def test_the_value_of_an_entry_for_a_size():
    latex = r"C_\alpha(T) = \sum_{m=1}^{|T|} N_m Q_m(T) + \alpha |T|"
    table = r"N, Q: vector[T]; T: dim; \alpha: scalar, positive; m: index"
    N, Q = np.array([12.0, 7.0, 9.0, 4.0]), np.array([0.2, 0.35, 0.15, 0.4])
    got = float(dx.evaluate(latex, {"N": N, "Q": Q, "alpha": 0.5}, table))
    assert got == pytest.approx(float(N @ Q) + 0.5 * 4, rel=1e-14)


def test_an_index_that_names_the_left_side_is_refused_with_both_readings():
    with pytest.raises(dx.ParseError, match="reads over the pairs or for one fixed"):
        dx.parse(r"i(t) = \sum_{j \neq i} p(j \mid t) p(i \mid t)", "p: simplex[J]; i, j: index")
    # named otherwise, the pairs as written
    p = np.array([0.5, 0.3, 0.2])
    got = dx.evaluate(
        r"G(t) = \sum_i \sum_{j \neq i} p(j \mid t) p(i \mid t)",
        {"p": p},
        "p: simplex[J]; i, j: index",
    )
    assert float(got) == pytest.approx(1 - float(p @ p), rel=1e-14)


# -- the eighth corpus's refusals read --------------------------------------------------------------
def test_pair_sums_above_and_below_a_fraction_bar_are_each_over_the_pairs():
    # Kruskal's stress-1: each \sum_{i<j} binds its own i and j
    latex = (
        r"S = \sqrt{\frac{\sum_{i<j} \left( \| \mathbf{x}_i - \mathbf{x}_j \| - \hat{d}_{ij} "
        r"\right)^2}{\sum_{i<j} \| \mathbf{x}_i - \mathbf{x}_j \|^2}}"
    )
    table = r"X: matrix[n, p]; x_i: row[X]; \hat{d}: symmetric[n]; i, j: index"
    X = RNG.normal(size=(4, 2))
    dh = RNG.uniform(0.5, 2, size=(4, 4))
    dh = (dh + dh.T) / 2
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    dist = {p: np.linalg.norm(X[p[0]] - X[p[1]]) for p in pairs}
    want = np.sqrt(sum((dist[p] - dh[p]) ** 2 for p in pairs) / sum(dist[p] ** 2 for p in pairs))
    got = float(dx.evaluate(latex, {"X": X, "d_hat": dh}, table))
    assert got == pytest.approx(want, rel=1e-13)
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(r"y_j = \sum_{i<j} x_i", "x: vector[n]; i, j: index")  # j fixed outside


@pytest.mark.parametrize("n", [1, 2, 5])
def test_log_returns_over_a_vector_counted_from_zero(n):
    latex = r"\sum_{i=1}^{n} \ln \frac{S_i}{S_{i-1}}"
    S = RNG.uniform(90, 110, size=n + 1)
    got = float(dx.evaluate(latex, {"S": S}, "S: vector[n+1]; n: dim; i: index"))
    assert got == pytest.approx(float(np.sum(np.log(S[1:] / S[:-1]))), rel=1e-12)


def test_a_shifted_pick_that_does_not_reach_zero_is_left_as_written():
    # S_{i-1} for i from 2 never reaches entry 0: read from 1, as written
    S = np.array([1.0, 2.0, 4.0, 8.0])
    got = float(
        dx.evaluate(r"\sum_{i=2}^{n} \ln \frac{S_i}{S_{i-1}}", {"S": S}, "S: vector[n]; i: index")
    )
    assert got == pytest.approx(3 * np.log(2.0), rel=1e-14)


def test_a_leapfrog_step_takes_its_vectors_at_the_point_it_defines_from():
    latex = (
        r"q(t + \varepsilon) = q(t) + \varepsilon M^{-1} \left( p(t) - \frac{\varepsilon}{2} "
        r"\Sigma^{-1} q(t) \right)"
    )
    table = r"q, p: vector[d]; M, \Sigma: spd[d]; \varepsilon: scalar, positive"
    q, p = RNG.normal(size=3), RNG.normal(size=3)
    M, S = np.diag([1.0, 2.0, 0.5]), np.array([[2.0, 0.3, 0.0], [0.3, 1.0, 0.1], [0.0, 0.1, 1.5]])
    eps = 0.1
    want = q + eps * np.linalg.solve(M, p - eps / 2 * np.linalg.solve(S, q))
    got = np.asarray(
        dx.evaluate(latex, {"q": q, "p": p, "M": M, "Sigma": S, "varepsilon": eps}, table),
        dtype=float,
    )
    np.testing.assert_allclose(got.reshape(-1), want, rtol=1e-12)


def _numeric_grad(f, W, h=1e-6):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        e = np.zeros_like(W)
        e[idx] = h
        g[idx] = (f(W + e) - f(W - e)) / (2 * h)
    return g


@pytest.mark.parametrize("d", [1, 3])
def test_the_gradient_of_the_trace_of_a_matrix_exponential(d):
    from scipy.linalg import expm

    # NOTEARS's acyclicity h(W) = tr e^{W o W} - d: its gradient (e^{W o W})^T o 2W
    W = RNG.normal(scale=0.5, size=(d, d))
    grad = dx.derive(
        r"h(W) = \operatorname{tr}\left( e^{W \circ W} \right) - d", "W", "W: matrix[d, d]; d: dim"
    )
    got = np.asarray(dx.evaluate(grad, {"W": W}), dtype=float)
    want = _numeric_grad(lambda M: np.trace(expm(M * M)), W)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("m", [1, 2, 4])
def test_the_gradient_of_the_trace_of_a_power_by_a_size(m):
    # DAG-GNN's tr (I + alpha A o A)^m - m, m the number of nodes
    A = RNG.normal(scale=0.5, size=(m, m))
    latex = r"h(A) = \operatorname{tr}\left[ (I + \alpha A \circ A)^m \right] - m"
    table = r"A: matrix[m, m]; \alpha: scalar, positive; m: dim"
    grad = dx.derive(latex, "A", table)
    got = np.asarray(dx.evaluate(grad, {"A": A, "alpha": 0.3}), dtype=float)
    want = _numeric_grad(lambda M: np.trace(np.linalg.matrix_power(np.eye(m) + 0.3 * M * M, m)), A)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)


def test_the_one_norm_of_a_matrix_is_refused_with_both_spellings_which_read():
    table = "W: matrix[d, d]; i, j: index"
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(r"\| W \|_1", table)
    W = RNG.normal(size=(3, 3))
    entrywise = float(dx.evaluate(r"\sum_{i,j} |W_{ij}|", {"W": W}, table))
    operator = float(dx.evaluate(r"\max_j \sum_i |W_{ij}|", {"W": W}, table))
    assert entrywise == pytest.approx(float(np.abs(W).sum()), rel=1e-14)
    assert operator == pytest.approx(float(np.abs(W).sum(axis=0).max()), rel=1e-14)


def test_a_minimum_of_a_quadratic_forms_exponential_and_one():
    # random-walk Metropolis: SymPy's Min had failed on -x^T/2 + y^T/2 inside a trace
    latex = (
        r"\rho(\mathbf{x}, \mathbf{y}) = \min\left\{ \exp\left( -\frac{1}{2} (\mathbf{y} - "
        r"\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{y} - \boldsymbol{\mu}) + \frac{1}{2} "
        r"(\mathbf{x} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu}) "
        r"\right), 1 \right\}"
    )
    table = r"x, y, \mu: vector[d]; \Sigma: spd[d]"
    S = np.array([[2.0, 0.3], [0.3, 1.0]])
    mu = np.zeros(2)
    for x, y in (
        (np.array([0.1, 0.2]), np.array([1.0, -0.5])),
        (np.array([2.0, 1.0]), np.zeros(2)),
    ):
        q = lambda v: (v - mu) @ np.linalg.solve(S, v - mu)  # noqa: E731
        want = min(np.exp(-q(y) / 2 + q(x) / 2), 1.0)
        got = float(dx.evaluate(latex, {"x": x, "y": y, "mu": mu, "Sigma": S}, table))
        assert got == pytest.approx(want, rel=1e-13)


def test_a_shifted_index_reaching_zero_counts_a_vector_of_any_size_from_zero():
    # annealed importance sampling: beta_0..beta_K (vector[K+1]) and x_0..x_{K-1} (vector[K])
    latex = r"\log w = \sum_{k=1}^{K} (\beta_k - \beta_{k-1}) \frac{x_{k-1}^2}{2}"
    table = r"\beta: vector[K+1]; x: vector[K]; K: dim; k: index"
    beta, x = np.linspace(0, 1, 5), RNG.normal(size=4)
    got = float(dx.evaluate(latex, {"beta": beta, "x": x}, table))
    assert got == pytest.approx(float(np.sum(np.diff(beta) * x**2 / 2)), rel=1e-13)


@pytest.mark.parametrize("check", [True, False])
def test_a_gradient_through_the_rows_of_a_matrix_keeps_its_unit_vectors(check):
    # classical MDS's strain: the gradient sums e_i x_j^T over pairs; a mask for deltas that
    # hold a matrix's entry position had broadcast every row alike (caught by the check when
    # on, silently wrong when off): masks are kept to deltas between a sum's own indices
    latex = r"L(\mathbf{X}) = \sum_{i=1}^{n} \sum_{j=1}^{n} \left( b_{ij} - \mathbf{x}_i^\top \mathbf{x}_j \right)^2"
    table = "b: symmetric[n]; X: matrix[n, p]; x_i: row[X]; i, j: index"
    X, b = RNG.normal(size=(3, 2)), RNG.normal(size=(3, 3))
    b = b + b.T
    d = dx.derive(latex, "X", table, check=check)
    got = np.asarray(dx.evaluate(d, {"X": X, "b": b}), dtype=float)
    want = _numeric_grad(lambda M: np.sum((b - M @ M.T) ** 2), X)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-8)


def test_ones_without_a_size_take_the_one_size_the_table_declares():
    # classical MDS's double centering B = -1/2 J D J, J = I - 11^T/n
    latex = (
        r"\mathbf{B} = -\frac{1}{2} \left( \mathbf{I} - \frac{1}{n} \mathbf{1} \mathbf{1}^\top "
        r"\right) \mathbf{D}^{(2)} \left( \mathbf{I} - \frac{1}{n} \mathbf{1} \mathbf{1}^\top \right)"
    )
    table = r"\mathbf{D}^{(2)}: symmetric[n]; n: dim"
    D = RNG.uniform(size=(4, 4))
    D = D + D.T
    J = np.eye(4) - np.ones((4, 4)) / 4
    got = np.asarray(dx.evaluate(latex, {"D_sup_2": D}, table), dtype=float)
    np.testing.assert_allclose(got, -0.5 * J @ D @ J, rtol=1e-13, atol=1e-14)
    with pytest.raises(dx.ParseError, match="needs its size"):
        dx.parse(r"\mathbf{1}^\top x + \mathbf{1}", "x: vector[n]; y: vector[m]")  # two sizes


def test_a_gradient_on_the_left_names_the_function_it_defines():
    # NOTEARS's \nabla h(W) and MaxEnt IRL's \nabla L(\theta) as the heads of definitions
    W = RNG.normal(scale=0.5, size=(3, 3))
    from scipy.linalg import expm

    got = np.asarray(
        dx.evaluate(
            r"\nabla h(W) = \left( e^{W \circ W} \right)^T \circ 2W", {"W": W}, "W: matrix[d, d]"
        ),
        dtype=float,
    )
    np.testing.assert_allclose(got, expm(W * W).T * 2 * W, rtol=1e-12)
    rules = reading(r"\nabla h(W) = 2W", "W: matrix[d, d]").rules
    assert any("the function it defines" in r for r in rules)
    with pytest.raises(dx.ParseError, match="subscript"):
        dx.parse(r"\nabla f(x) + 1", "x: vector[n]")  # no definition: the variable is not said


def test_a_condition_under_a_sum_reads_the_sums_index_in_its_entries():
    # a Hawkes intensity: \sum_{t_i < T} runs over the event times before T, t_i an entry
    latex = r"\lambda^*(T) = \mu + \sum_{t_i < T} \alpha e^{-\beta (T - t_i)}"
    table = r"t: vector[n]; T, \mu, \alpha, \beta: scalar, positive; i: index"
    t = np.array([0.2, 0.9, 1.4, 2.5])
    got = float(dx.evaluate(latex, {"t": t, "T": 1.5, "mu": 0.3, "alpha": 0.8, "beta": 1.2}, table))
    want = 0.3 + sum(0.8 * np.exp(-1.2 * (1.5 - ti)) for ti in t if ti < 1.5)
    assert got == pytest.approx(want, rel=1e-14)


def test_a_declared_label_on_the_left_is_a_fixed_value_under_a_skip():
    # the approximate rank of item x: \hat{\pi}(x) = 1 + \sum_{y \ne x} sigma(...)
    latex = (
        r"\hat{\pi}(x) = 1 + \sum_{y \neq x} \frac{\exp(-\alpha (s_x - s_y))}{1 + \exp(-\alpha "
        r"(s_x - s_y))}"
    )
    table = r"s: vector[n]; x: label[n]; y: index; \alpha: scalar, positive"
    s = np.array([0.5, -0.2, 1.1])
    got = float(dx.evaluate(latex, {"s": s, "x": 2, "alpha": 2.0}, table))
    sig = lambda v: np.exp(-v) / (1 + np.exp(-v))  # noqa: E731
    want = 1 + sum(sig(2.0 * (s[1] - s[y])) for y in (0, 2))
    assert got == pytest.approx(want, rel=1e-14)
