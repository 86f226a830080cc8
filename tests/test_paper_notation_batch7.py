"""Paper notation read since the sixth corpus, each a family with its breaking cases, against
NumPy written from the definition: a row of a declared matrix under a sum or maximum whose range
is not written (``\\max_c`` over the C rows of ``\\hat{\\mu}``, as the letter says), a declared
array at a point the table does not declare (``f(\\mathbf{x})``), and a formula that opens with a
name applied to one undeclared name (``M(\\mathbf{x}) = ...``), the function it defines."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError
from derivax.latex import reading

RNG = np.random.default_rng(71)


def _spd(n: int) -> np.ndarray:
    a = RNG.normal(size=(n, n))
    return a @ a.T + np.eye(n)


# -- a row under a sum or maximum with no range written ---------------------------------------------
def test_the_mahalanobis_confidence_score_takes_the_best_class():
    # Lee et al. 2018: M(x) = max_c -(f(x) - mu_c)^T Sigma^{-1} (f(x) - mu_c)
    latex = (
        r"M(\mathbf{x}) = \max_{c} -\left( f(\mathbf{x}) - \hat{\mu}_c \right)^\top "
        r"\hat{\Sigma}^{-1} \left( f(\mathbf{x}) - \hat{\mu}_c \right)"
    )
    table = r"f: vector[d]; \hat{\mu}: matrix[C, d]; \hat{\Sigma}: spd[d]"
    f, mu, s = RNG.normal(size=3), RNG.normal(size=(4, 3)), _spd(3)
    got = dx.evaluate(latex, {"f": f, r"\hat{\mu}": mu, r"\hat{\Sigma}": s}, table)
    si = np.linalg.inv(s)
    assert float(got) == pytest.approx(max(-(f - m) @ si @ (f - m) for m in mu), rel=1e-12)
    rules = reading(latex, table).rules
    assert any("its range not written, runs over its C rows" in r for r in rules)


@pytest.mark.parametrize(
    "latex, want",
    [
        (r"\sum_{k} \| x - \mu_k \|^2", lambda x, mu: ((x - mu) ** 2).sum()),
        (r"\min_{k} \| x - \mu_k \|^2", lambda x, mu: ((x - mu) ** 2).sum(axis=1).min()),
        (r"\max_{k} x^\top \mu_k", lambda x, mu: (mu @ x).max()),
    ],
)
def test_an_unranged_index_runs_over_the_size_its_capital_names(latex, want):
    x, mu = RNG.normal(size=3), RNG.normal(size=(5, 3))
    got = dx.evaluate(latex, {"x": x, "mu": mu}, r"x: vector[d]; \mu: matrix[K, d]")
    assert float(got) == pytest.approx(want(x, mu), rel=1e-12)


@pytest.mark.parametrize(
    "table",
    [
        r"x: vector[d]; \mu: matrix[C, d]",  # no size K for k to count
        r"x: vector[K]; \mu: matrix[K, K]",  # K counts the rows and the columns alike
    ],
)
def test_an_unranged_index_whose_capital_names_no_single_axis_is_refused(table):
    with pytest.raises(ParseError):
        dx.parse(r"\sum_{k} \| x - \mu_k \|^2", table)


# -- a declared array at an undeclared point ----------------------------------------------------------
@pytest.mark.parametrize("point", ["x", r"\mathbf{x}", r"\tilde{z}"])
def test_a_declared_vector_at_an_undeclared_point_is_the_vector(point):
    f, g = RNG.normal(size=4), RNG.normal(size=4)
    latex = rf"\left( f({point}) - g \right)^\top \left( f({point}) - g \right)"
    got = dx.evaluate(latex, {"f": f, "g": g}, "f, g: vector[d]")
    assert float(got) == pytest.approx(((f - g) ** 2).sum(), rel=1e-13)
    assert any("at the point" in r for r in reading(latex, "f, g: vector[d]").rules)


def test_a_declared_vector_at_a_primed_point_is_the_vector():
    # dark experience replay (Buzzega et al. 2020): alpha ||z' - h_theta(x')||^2, the logits
    # stored for a replayed input x' against the network's at that input
    z, h, a = RNG.normal(size=4), RNG.normal(size=4), 0.3
    latex = r"\alpha \left\| z' - h_\theta(x') \right\|_2^2"
    table = r"z', h_\theta: vector[K]; \alpha: scalar, positive"
    got = dx.evaluate(latex, {"z'": z, r"h_\theta": h, "alpha": a}, table)
    assert float(got) == pytest.approx(a * ((z - h) ** 2).sum(), rel=1e-13)
    d = dx.derive(latex, r"h_\theta", table)
    np.testing.assert_allclose(
        dx.evaluate(d, {"z'": z, r"h_\theta": h, "alpha": a}), -2 * a * (z - h)
    )


@pytest.mark.parametrize(
    "latex, match",
    [
        (r"f(x) - f(y)", "taken at two points"),  # one declared value at two points reads 0
    ],
)
def test_a_declared_vector_at_two_points_is_refused(latex, match):
    with pytest.raises(ParseError, match=match):
        dx.parse(latex, "f: vector[d]")


@pytest.mark.parametrize("latex", [r"f(x) + x", r"W(x + b)"])
def test_a_point_that_is_a_quantity_or_an_expression_keeps_the_product(latex):
    r = reading(latex, "f, b: vector[d]; W: matrix[m, d]")
    assert not any("at the point" in x for x in r.rules)
    assert "x" in {str(s) for s in r.expr.free_symbols}


# -- a name applied to one undeclared name on the left of the formula --------------------------------
def test_a_formula_that_opens_with_a_name_at_a_point_defines_it():
    r = reading(r"s(x) = 3 x^2 + 1", "")
    assert any("the function it defines" in rule for rule in r.rules)
    assert float(dx.evaluate(r"s(x) = 3 x^2 + 1", {"x": 2.0}, "")) == pytest.approx(13.0)


@pytest.mark.parametrize("latex", [r"s(x) + 1 = 3", r"2 s(x) = 3"])
def test_a_name_at_a_point_that_does_not_open_a_definition_stays_a_product(latex):
    r = reading(latex, "")
    assert any("times the parenthesis" in rule for rule in r.rules)


# -- picks by labels through families, decorated labels and primed names -----------------------------
@pytest.mark.parametrize("pick", [r"c_{l_i}", r"\mathbf{c}_{l_i}", r"c_{l^{(i)}}"])
def test_a_row_family_member_picked_by_a_samples_label_is_that_row(pick):
    # the within-cluster dispersion of Calinski and Harabasz: each point against its centroid
    X, C = RNG.normal(size=(6, 2)), RNG.normal(size=(3, 2))
    labels = np.array([1, 3, 2, 2, 1, 3])
    latex = rf"\sum_{{i=1}}^{{N}} \left\| \mathbf{{x}}_i - {pick} \right\|^2"
    table = "X: matrix[N, d]; x_i: row[X]; C: matrix[k, d]; c_q: row[C]; l: labels[N, k]; i: index"
    got = dx.evaluate(latex, {"X": X, "C": C, "l": labels}, table)
    assert float(got) == pytest.approx(((X - C[labels - 1]) ** 2).sum(), rel=1e-13)


def test_a_decorated_label_beside_a_summation_index_of_its_letter():
    # DeepFool's distance to the nearest other class: \hat{k} is a declared label, k the index
    W, b, x = RNG.normal(size=(4, 3)), RNG.normal(size=4), RNG.normal(size=3)
    latex = (
        r"\min_{k \neq \hat{k}} \frac{\left| (\mathbf{w}_k - \mathbf{w}_{\hat{k}})^\top \mathbf{x}_0"
        r" + b_k - b_{\hat{k}} \right|}{\left\| \mathbf{w}_k - \mathbf{w}_{\hat{k}} \right\|_2}"
    )
    table = r"W: matrix[K, d]; w_k: row[W]; b: vector[K]; x_0: vector[d]; \hat{k}: label[K]"
    kh = 2
    want = min(
        abs((W[k] - W[kh - 1]) @ x + b[k] - b[kh - 1]) / np.linalg.norm(W[k] - W[kh - 1])
        for k in range(4)
        if k != kh - 1
    )
    got = dx.evaluate(latex, {"W": W, "b": b, "x_0": x, r"\hat{k}": kh}, table)
    assert float(got) == pytest.approx(want, rel=1e-13)


def test_a_primed_declared_vector_picked_by_a_label():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    got = dx.evaluate(
        r"-\log \hat{p}'_y", {r"\hat{p}'": p, "y": 3}, r"\hat{p}': simplex[K]; y: label[K]"
    )
    assert float(got) == pytest.approx(-np.log(0.3), rel=1e-14)


def test_the_rand_index_joins_its_indicators_in_the_plain_evaluator():
    # Rand 1971: the pairs that both clusterings put together or both put apart
    u, v = np.array([1, 1, 2, 2, 3, 1]), np.array([1, 2, 2, 2, 1, 1])
    latex = (
        r"\frac{\sum_{i=1}^{n-1} \sum_{j=i+1}^{n} \left( \mathbb{1}[u_i = u_j] \, \mathbb{1}[v_i = "
        r"v_j] + \mathbb{1}[u_i \neq u_j] \, \mathbb{1}[v_i \neq v_j] \right)}{\binom{n}{2}}"
    )
    table = "u: labels[n, K]; v: labels[n, L]; n: dim; i, j: index"
    pairs = [(i, j) for i in range(6) for j in range(i + 1, 6)]
    want = sum((u[i] == u[j]) == (v[i] == v[j]) for i, j in pairs) / len(pairs)
    assert float(dx.evaluate(latex, {"u": u, "v": v, "n": 6}, table)) == pytest.approx(want)


# -- two indices written together under a sum ----------------------------------------------------------
def test_a_sum_over_ij_is_a_sum_over_i_and_j():
    # Newman's modularity and the adjusted Rand index write \sum_{ij} for \sum_{i,j}
    A, x = RNG.normal(size=(3, 3)), RNG.normal(size=3)
    table = "A: matrix[n, n]; x: vector[n]"
    got = dx.evaluate(r"\sum_{ij} A_{ij} x_i x_j", {"A": A, "x": x}, table)
    assert float(got) == pytest.approx(x @ A @ x, rel=1e-13)
    assert any("over i and j" in r for r in reading(r"\sum_{ij} A_{ij} x_i x_j", table).rules)


@pytest.mark.parametrize(
    "latex, table",
    [
        (r"\sum_{ab} x_a", "x: vector[n]; b: scalar"),  # b is no index: not a pair of indices
        (r"\sum_{ii} x_i", "x: vector[n]"),  # one letter twice
    ],
)
def test_letters_under_a_sum_that_are_no_pair_of_indices_are_refused_not_dropped(latex, table):
    # before, the sum ran over the first letter and the rest was dropped without a word
    with pytest.raises(ParseError, match="no single index"):
        dx.parse(latex, table)
