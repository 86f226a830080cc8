r"""``\sum_{k \neq l}`` skips one value of k: ``l`` is a fixed index, the reading the multiclass
hinge ``\sum_{j \ne y} \max(0, s_j - s_y + 1)`` needs, and a rule ``parse`` lists, since t-SNE's
normaliser ``\sum_{k \neq l} (1 + D_{kl})^{-1}`` means the pairs k != l, written unambiguously as
``\sum_l \sum_{k \neq l}``. Against NumPy written from the definition."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

S = "D: matrix[n, n]; x: vector[n]; i, j, k, l: index; n: dim"
RNG = np.random.default_rng(5)
D = RNG.uniform(0.1, 3.0, (4, 4))
X = RNG.normal(size=4)


def test_the_single_sum_spelling_lists_its_rule():
    from derivax.latex import reading

    r = reading(r"\frac{(1 + D_{ij})^{-1}}{\sum_{k \neq l} (1 + D_{kl})^{-1}}", S)
    assert any("fixed index" in rule and "pairs" in rule for rule in r.rules), r.rules


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
