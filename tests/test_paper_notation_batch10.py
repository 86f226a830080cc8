r"""Readings the ninth fresh corpus found silently wrong, each fixed as a family and tested here
against NumPy or SciPy written from the definition, with the case that would break each rule.

- A space written after an unparenthesized function's operand ends it (`\sin\theta \, K`,
  Rodrigues' formula: it had been the sine of each entry of theta K); without the space, a scalar
  times a matrix as the operand is refused naming both readings.
- `\log` of a square matrix built by matrix algebra, of a declared spd or symmetric matrix, or
  written `\operatorname{Log}`, is the matrix logarithm in those papers: refused (it had been the
  logarithm of each entry, 0 for a Riemannian distance). `\log P` of a declared plain matrix and
  of entrywise expressions stays entrywise, said as a rule.
- `\mathrm{tr}` of a sum of matrices over an index is the sum of the traces (the trace had been
  dropped, leaving a matrix); a determinant of such a sum is refused.
- `e(k)` of a declared vector at a size is refused (an entry counted from 1 or 0, or a product: it
  had been the whole vector).
- `(v)^j` of a vector with j a declared label or index is refused (the entry or the power).
- A class label on the left of a definition (`x_i = ...`, i: label[n]) is an input, not an axis
  of the gradient (which had come out n x n)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(9)


def _skew(v):
    return np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])


@pytest.mark.parametrize("space", [r"\,", r"\;", r"\:", "~", r"\quad"])
@pytest.mark.parametrize("theta", [0.0, 0.7, -2.5])
def test_rodrigues_formula_with_a_space_after_each_angle(space, theta):
    tex = rf"R = I + \sin\theta {space} K + (1 - \cos\theta) K^2"
    axis = np.array([0.48, -0.6, 0.64])
    K = _skew(axis)
    got = dx.evaluate(tex, {"K": K, "theta": theta}, r"K: matrix[3, 3]; \theta: scalar")
    np.testing.assert_allclose(got, scipy.linalg.expm(theta * K), atol=1e-12)


@pytest.mark.parametrize(
    ("tex", "want"),
    [
        (r"\cos x \, y", lambda x, y: np.cos(x) * y),
        (r"\exp x \; y + 1", lambda x, y: np.exp(x) * y + 1),
        (r"\log x \, y", lambda x, y: np.log(x) * y),
        (r"\cos x y", lambda x, y: np.cos(x * y)),  # no space: the whole run, as before
    ],
)
def test_a_written_space_ends_a_scalar_operand(tex, want):
    got = dx.evaluate(tex, {"x": 0.8, "y": 1.7}, "x, y: scalar")
    assert float(got) == pytest.approx(want(0.8, 1.7), rel=1e-14)


@pytest.mark.parametrize("tex", [r"\sin\theta K", r"\cos \theta K^2", r"\exp t A"])
def test_a_scalar_times_a_matrix_as_an_unparenthesized_operand_is_refused(tex):
    with pytest.raises(dx.ParseError, match="scalar times a matrix"):
        dx.parse(tex, r"K, A: matrix[3, 3]; \theta, t: scalar")


@pytest.mark.parametrize(
    ("tex", "symbols"),
    [
        (
            r"\left\| \operatorname{Log}\left( R_1^T R_2 \right) \right\|_F",
            "R_1, R_2: matrix[3, 3]",
        ),
        (
            r"\| \log( \Sigma_1^{-1/2} \Sigma_2 \Sigma_1^{-1/2} ) \|_F",
            r"\Sigma_1, \Sigma_2: spd[3]",
        ),
        (r"\log \Sigma", r"\Sigma: spd[3]"),
        (r"\log(A B)", "A, B: matrix[3, 3]"),
        (r"\log(A^{-1})", "A: matrix[3, 3]"),
        (r"\mathrm{Log}(A)", "A: matrix[3, 3]"),
    ],
)
def test_the_matrix_logarithm_is_refused_naming_both_readings(tex, symbols):
    with pytest.raises(dx.ParseError, match="matrix logarithm"):
        dx.parse(tex, symbols)


@pytest.mark.parametrize(
    ("tex", "symbols", "values", "want"),
    [
        (
            r"\sum_{i,j} P_{ij} \log P_{ij}",
            "P: matrix[n, n]; i, j: index",
            {"P": np.full((3, 3), 1 / 9)},
            np.log(1 / 9),
        ),
        (
            r"\mathbf{1}_3^\top \log(P) \mathbf{1}_3",
            "P: matrix[3, 3]",
            {"P": np.arange(1.0, 10.0).reshape(3, 3)},
            np.log(np.arange(1.0, 10.0)).sum(),
        ),
        (
            r"\mathbf{1}_2^\top \log(P \oslash Q) \mathbf{1}_2",
            "P, Q: matrix[2, 2]",
            {"P": np.array([[1.0, 2.0], [3.0, 4.0]]), "Q": np.array([[2.0, 2.0], [1.0, 8.0]])},
            np.log(np.array([0.5, 1.0, 3.0, 0.5])).sum(),
        ),
    ],
)
def test_the_logarithm_of_each_entry_of_a_plain_matrix_stays(tex, symbols, values, want):
    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("T", [1, 2, 5])
def test_the_trace_of_a_sum_of_matrix_powers(T):
    tex = r"\operatorname{Trace}\left( \sum_{\tau=0}^{T-1} A^{\tau} B B^{\mathsf{T}} (A^{\mathsf{T}})^{\tau} \right)"
    symbols = r"A: matrix[n, n]; B: matrix[n, m]; T: scalar, integer, positive; \tau: index"
    A, B = RNG.normal(size=(3, 3)) * 0.4, RNG.normal(size=(3, 2))
    mp = np.linalg.matrix_power
    want = sum(np.trace(mp(A, t) @ B @ B.T @ mp(A.T, t)) for t in range(T))
    assert float(dx.evaluate(tex, {"A": A, "B": B, "T": T}, symbols)) == pytest.approx(
        want, rel=1e-10
    )


def test_the_trace_of_a_sum_over_an_index_is_the_sum_of_the_traces_and_a_determinant_refused():
    symbols = r"A: matrix[n, n]; T: scalar, integer, positive; \tau: index"
    A = RNG.normal(size=(3, 3))
    got = dx.evaluate(
        r"\mathrm{tr}\left( \sum_{\tau=1}^{T} \tau A \right)", {"A": A, "T": 4}, symbols
    )
    assert float(got) == pytest.approx(10 * np.trace(A), rel=1e-12)
    with pytest.raises(dx.ParseError, match="sum or product of matrices"):
        dx.parse(r"\det\left( \sum_{\tau=1}^{T} A \right)", symbols)


@pytest.mark.parametrize("point", ["k", "k-1", "k - 2", "n + 1"])
def test_a_declared_vector_at_a_whole_number_is_refused(point):
    with pytest.raises(dx.ParseError, match="reads as an entry"):
        dx.parse(rf"K_p e({point})", "e: vector[k+1]; K_p: scalar; k, n: dim")


@pytest.mark.parametrize("j", [("j", "label[n]"), ("j", "index")])
def test_a_superscript_index_on_a_vector_is_refused(j):
    name, kind = j
    symbols = f"W: matrix[n, m]; x: vector[m]; {name}: {kind}"
    with pytest.raises(dx.ParseError, match="its entry"):
        dx.parse(rf"\sigma\left( W x \right)^{name}", symbols)


def test_a_power_of_a_vector_by_a_scalar_stays_entrywise():
    got = dx.evaluate(
        r"\mathbf{1}_3^\top (x^p)",
        {"x": np.array([1.0, 2.0, 3.0]), "p": 2.0},
        "x: vector[3]; p: scalar",
    )
    assert float(got) == pytest.approx(14.0)


@pytest.mark.parametrize("node", [1, 3, 6])
def test_the_gradient_of_a_definition_at_a_class_label_is_a_vector(node):
    tex = r"x_i = \kappa_1^{-1} \sum_j A_{ij} x_j"
    symbols = (
        r"A: symmetric[n]; \mathbf{x}: vector[n]; \kappa_1: scalar, positive; i: label[n]; j: index"
    )
    A = RNG.normal(size=(6, 6))
    A = A + A.T
    values = {"A": A, "x": RNG.normal(size=6), "kappa_1": 2.5, "i": node}
    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(
        A[node - 1] @ values["x"] / 2.5
    )
    grad = np.asarray(dx.evaluate(dx.derive(tex, "x", symbols), values), dtype=float)
    np.testing.assert_allclose(grad, A[node - 1] / 2.5, rtol=1e-12)


def test_the_readings_are_listed():
    rules = reading(r"\sin\theta \, K", r"K: matrix[3, 3]; \theta: scalar").rules
    assert any("ends the argument" in r for r in rules)
    assert any("each entry" in r for r in reading(r"\log(P)", "P: matrix[3, 3]").rules)


# -- a member of a declared row family before a column vector ------------------------------------
# `\mathbf{w}_n \mathbf{x}_t` with `\mathbf{w}_n: row[W]`: the table says w_n is a row, so row
# times column is their scalar product (as `W_i x` of a matrix's row), also after a number
# (`y_i \mathbf{B}_i \beta`). Two row members side by side stay refused.
def test_a_declared_row_times_a_column_is_their_scalar_product():
    symbols = r"\mathbf{W}: matrix[N, M]; \mathbf{w}_n: row[W]; \mathbf{x}: vector[M]; \mathbf{b}: vector[N]; n: label[N]"
    W, x, b = RNG.normal(size=(3, 2)), RNG.normal(size=2), RNG.normal(size=3)
    for node in (1, 3):
        got = dx.evaluate(
            r"\operatorname{ReLU}(\mathbf{w}_n \mathbf{x} + b_n)",
            {"W": W, "x": x, "b": b, "n": node},
            symbols,
        )
        assert float(got) == pytest.approx(max(0.0, W[node - 1] @ x + b[node - 1]))


def test_a_zero_inflated_poisson_likelihood_over_rows_and_conditions():
    tex = (
        r"\sum_{y_i = 0} \log\left( e^{\mathbf{G}_i \boldsymbol{\gamma}} + \exp\left( -e^{\mathbf{B}_i"
        r" \boldsymbol{\beta}} \right) \right) + \sum_{y_i > 0} \left( y_i \mathbf{B}_i \boldsymbol{\beta}"
        r" - e^{\mathbf{B}_i \boldsymbol{\beta}} \right) - \sum_{i=1}^{n} \log\left( 1 + e^{\mathbf{G}_i"
        r" \boldsymbol{\gamma}} \right)"
    )
    symbols = (
        r"\mathbf{y}: vector[n]; \mathbf{G}: matrix[n, q]; \mathbf{G}_i: row[G]; \mathbf{B}: matrix[n, p];"
        r" \mathbf{B}_i: row[B]; \boldsymbol{\gamma}: vector[q]; \boldsymbol{\beta}: vector[p]; i: index"
    )
    y = np.array([0.0, 2.0, 0.0, 1.0, 3.0])
    G, B = RNG.normal(size=(5, 2)), RNG.normal(size=(5, 3)) * 0.5
    gamma, beta = RNG.normal(size=2), RNG.normal(size=3)
    g, m = G @ gamma, B @ beta
    want = sum(
        (np.log(np.exp(g[i]) + np.exp(-np.exp(m[i]))) if y[i] == 0 else y[i] * m[i] - np.exp(m[i]))
        - np.log1p(np.exp(g[i]))
        for i in range(5)
    )
    values = {"y": y, "G": G, "B": B, "gamma": gamma, "beta": beta}
    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(want, rel=1e-12)


def test_two_row_members_side_by_side_stay_refused():
    with pytest.raises(dx.ParseError, match="side by side"):
        dx.parse(
            r"\mathbf{x}_i \mathbf{x}_j", r"X: matrix[n, d]; \mathbf{x}_i: row[X]; i, j: index"
        )


# -- a declared scalar before an entry of a parenthesis, and an entry at a point after a scalar ---
# `c (x)_{b}` had read `c(x)` as c at the point x and left `_{b}` unread ("cannot read this");
# `\beta Q_t(b)` inside a sum likewise. Breaking cases: K = 1, the label first and last.
@pytest.mark.parametrize("K", [1, 4])
def test_softmax_choice_with_an_inverse_temperature(K):
    tex = r"P(c_t = a) = \frac{\exp(\beta Q_t(a))}{\sum_{b} \exp(\beta Q_t(b))}"
    symbols = r"Q_t: vector[K]; \beta: scalar, positive; a: label[K]; b: index"
    Q = RNG.normal(size=K)
    for a in {1, K}:
        got = dx.evaluate(tex, {"Q_t": Q, "beta": 2.5, "a": a}, symbols)
        p = np.exp(2.5 * Q) / np.exp(2.5 * Q).sum()
        assert float(got) == pytest.approx(p[a - 1], rel=1e-12)


@pytest.mark.parametrize("tex", [r"c (x)_{b}", r"c \, (x)_{b}", r"c (W x)_{b}"])
def test_a_scalar_before_an_entry_of_a_parenthesis(tex):
    symbols = "c: scalar; x: vector[3]; W: matrix[3, 3]; b: label[3]"
    x, W = RNG.normal(size=3), RNG.normal(size=(3, 3))
    vec = W @ x if "W" in tex else x
    values = {"c": 1.5, "x": x, "b": 2, **({"W": W} if "W" in tex else {})}
    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(1.5 * vec[1], rel=1e-12)
