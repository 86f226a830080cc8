r"""``p_{j|i}`` (t-SNE, SNE, UMAP: the probability of j given i) is the entry ``p_{i,j}`` of a
matrix whose rows are the conditions (issue 25). Each spelling of the bar (``|``, ``\mid``,
``\vert``), against NumPy written from the papers' definitions; and the side conditions: a bar
in a conditional expectation's subscript, or after a capital (a distribution's name), is not an
entry, and a reading rule lists what was read."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(11)
D = RNG.uniform(0.2, 4.0, (4, 4))
D = D + D.T
np.fill_diagonal(D, 0.0)
SIGMA = RNG.uniform(0.5, 2.0, 4)


@pytest.mark.parametrize("bar", ["|", r"\mid", r"\vert"])
def test_the_t_sne_conditional_is_row_i_column_j(bar):
    latex = (
        rf"p_{{j {bar} i}} = \frac{{\exp(-D_{{ij}} / 2\sigma_i^2)}}"
        rf"{{\sum_{{k \neq i}} \exp(-D_{{ik}} / 2\sigma_i^2)}}"
    )
    symbols = r"D: matrix[n, n]; \sigma: vector[n]; i, j, k: index"
    rel = dx.parse(latex, symbols)
    got = np.asarray(dx.evaluate(rel.rhs, {"D": D, r"\sigma": SIGMA}, symbols=symbols))
    w = np.exp(-D / (2 * SIGMA[:, None] ** 2))
    want = w / (w.sum(axis=1, keepdims=True) - np.diag(w)[:, None])
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_the_symmetrised_joint_uses_both_orders():
    symbols = "p: matrix[n, n]; i, j: index; n: dim"
    P = RNG.random((5, 5))
    rel = dx.parse(r"p_{ij} = \frac{p_{j|i} + p_{i|j}}{2n}", symbols)
    got = np.asarray(dx.evaluate(rel.rhs, {"p": P}, symbols=symbols))
    np.testing.assert_allclose(got, (P + P.T) / 10, rtol=1e-12)
    rules = reading(r"p_{j|i} + p_{i|j}", symbols).rules
    assert any("row is the condition i" in r for r in rules), rules


def test_one_by_one():
    symbols = "p: matrix[n, n]; i, j: index"
    got = dx.evaluate(r"p_{j|i}", {"p": np.array([[0.25]])}, symbols=symbols)
    assert np.asarray(got).reshape(-1).tolist() == [0.25]


@pytest.mark.parametrize(
    "latex,symbols",
    [
        (r"\mathbb{E}_{x|y}[x]", "x, y: random"),  # a conditional expectation's subscript
        (r"P_{X|Y}", "X, Y: random"),  # a capital: a distribution's name, not an entry
        (r"p_{jk|i}", "p: matrix[n, n]; i, j, k: index"),  # two letters before the bar
    ],
)
def test_a_bar_that_is_no_conditional_entry_is_not_rewritten(latex, symbols):
    try:
        r = reading(latex, symbols)
    except dx.ParseError:
        return  # refused: never read as an entry
    assert not any("the row is the condition" in rule for rule in r.rules), r.rules
