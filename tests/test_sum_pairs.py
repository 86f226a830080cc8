r"""``\sum_{k \neq l}`` skips one value of k where ``l`` is written outside the sum (a fixed
index: ``x_l - \sum_{k \ne l} x_k``, ``L_y = \sum_{j \ne y} ...``) or only in the condition (one
value left out, an array over l). Where ``l`` is in the summand and nowhere outside, the spelling
reads two ways in real use (t-SNE's normaliser ``\sum_{k \neq l} (1 + D_{kl})^{-1}`` means the
pairs, the multiclass hinge ``\sum_{j \ne y}`` one fixed label): it is refused naming both
(read with l fixed, t-SNE's q_{ij} gained an axis, a silent wrong answer of the fresh-formula
corpus). Against NumPy written from the definition."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

S = "D: matrix[n, n]; x: vector[n]; i, j, k, l: index; n: dim"
RNG = np.random.default_rng(5)
D = RNG.uniform(0.1, 3.0, (4, 4))
X = RNG.normal(size=4)


@pytest.mark.parametrize("spelling", [r"\neq", r"\ne"])
def test_the_single_sum_over_a_letter_written_nowhere_else_is_refused(spelling):
    for latex in (
        rf"\frac{{(1 + D_{{ij}})^{{-1}}}}{{\sum_{{k {spelling} l}} (1 + D_{{kl}})^{{-1}}}}",
        # a left side that is no name: nothing says which indices the value carries
        rf"q_{{ij}} + 1 = \frac{{(1 + D_{{ij}})^{{-1}}}}{{\sum_{{k {spelling} l}} (1 + D_{{kl}})^{{-1}}}}",
        # a label beside the pair index in separate entries: one fixed label, or the pairs
        rf"L = \sum_{{j {spelling} l}} \max(0, x_j - x_l + 1)",
    ):
        with pytest.raises(dx.ParseError, match=r"pairs .* one fixed"):
            dx.parse(latex, S)


@pytest.mark.parametrize("spelling", [r"\neq", r"\ne"])
@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_definition_that_does_not_carry_the_index_sums_the_pairs(spelling, n):
    # q_{ij} cannot depend on l: t-SNE's normaliser is over the pairs k != l
    d = RNG.uniform(0.1, 3.0, (n, n))
    latex = rf"q_{{ij}} = \frac{{(1 + D_{{ij}})^{{-1}}}}{{\sum_{{k {spelling} l}} (1 + D_{{kl}})^{{-1}}}}"
    got = np.asarray(dx.evaluate(latex, {"D": d}, S))
    z = sum(1 / (1 + d[a, b]) for a in range(n) for b in range(n) if a != b)
    if n == 1:
        assert not np.isfinite(got).all()  # no pairs: the normaliser is 0
        return
    np.testing.assert_allclose(got, 1 / (1 + d) / z, rtol=1e-12)


def test_the_unbiased_mmd_sums_the_pairs_of_each_gram_matrix():
    rng = np.random.default_rng(3)
    gram_k, gram_l, m = (rng.uniform(size=sh) for sh in ((4, 4), (3, 3), (4, 3)))
    latex = (
        r"\widehat{\mathrm{MMD}}^2_u = \frac{1}{m(m-1)} \sum_{i \neq j} K_{ij} "
        r"+ \frac{1}{n(n-1)} \sum_{i \neq j} L_{ij} - \frac{2}{mn} \sum_{i=1}^{m} \sum_{j=1}^{n} M_{ij}"
    )
    s = "K: matrix[m, m]; L: matrix[n, n]; M: matrix[m, n]; i, j: index"
    want = (gram_k.sum() - np.trace(gram_k)) / 12 + (gram_l.sum() - np.trace(gram_l)) / 6
    want -= 2 * m.sum() / 12
    assert float(dx.evaluate(latex, {"K": gram_k, "L": gram_l, "M": m}, s)) == pytest.approx(
        want, rel=1e-12
    )


def test_a_pair_sum_inside_a_sum_over_the_other_index_is_left_as_it_was():
    # \sum_l \sum_{k \ne l} D_{kl} written out: l bound outside, nothing to add
    got = dx.evaluate(r"z = \sum_{l=1}^{n} \sum_{k \ne l} D_{kl}", {"D": D}, S)
    assert float(got) == pytest.approx(float(D.sum() - np.trace(D)), rel=1e-12)


def test_a_fixed_label_written_on_the_left_reads_as_one_value_per_label():
    s = RNG.normal(size=4)
    rel = dx.parse(r"L_{y} = \sum_{j \ne y} \max(0, s_j - s_y + 1)", "L, s: vector[n]; j, y: index")
    got = dx.evaluate(rel.rhs, {"s": s}, symbols="L, s: vector[n]; j, y: index")
    want = [sum(max(0.0, s[j] - s[y] + 1) for j in range(4) if j != y) for y in range(4)]
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12)


def test_the_pairs_written_as_two_sums():
    q = dx.evaluate(
        r"\frac{(1 + D_{ij})^{-1}}{\sum_{l} \sum_{k \neq l} (1 + D_{kl})^{-1}}", {"D": D}, symbols=S
    )
    w = 1.0 / (1.0 + D)
    want = w / (w.sum() - np.trace(w))
    assert np.asarray(q).shape == (4, 4)
    np.testing.assert_allclose(np.asarray(q), want, rtol=1e-12)


@pytest.mark.parametrize("spelling", [r"\neq", r"\ne"])
def test_a_letter_written_outside_is_a_fixed_index(spelling):
    got = dx.evaluate(rf"x_l - \sum_{{k {spelling} l}} x_k", {"x": X}, symbols=S)
    want = np.array([X[m] - (X.sum() - X[m]) for m in range(4)])
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12)


def test_an_excluded_index_outside_the_summand_is_fixed():
    got = dx.evaluate(r"\sum_{j \neq i} x_j", {"x": X}, symbols=S)
    np.testing.assert_allclose(np.asarray(got), X.sum() - X, rtol=1e-12)


def test_the_nested_pair_sum_is_unchanged():
    got = dx.evaluate(r"\sum_{i} \sum_{j \neq i} D_{ij}", {"D": D}, symbols=S)
    assert float(got) == pytest.approx(D.sum() - np.trace(D), rel=1e-12)
