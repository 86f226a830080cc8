"""An entry of a matrix written with one index below and one above (``w_n^j``, a one-hot
word's entry in LDA; ``\\xi^{i}_{j}``, a Monte Carlo sample's coordinate in q-EI): the row and the
column are the indices whose sums run over the matrix's row count and column count, whichever
script each is written in.

The family: both orders of the scripts, both assignments (the index below the row or the
column), the ranges written as a sum's, a maximum's or a listed range ``j = 1, \\ldots, q``.
Side conditions, each tested: a square matrix (both assignments fit) and an index whose range is
not written are refused naming both readings; a number above is still a power; a vector's index
above (``u_t^{i}``) is unchanged. Expected values from NumPy."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(7)
W = RNG.normal(size=(4, 3))  # rows N = 4, columns V = 3
TABLE = "w: matrix[N, V]; S: matrix[N, N]; i, j, n: index"

# (LaTeX, NumPy of W from the definition)
FAMILY = [
    (r"\sum_{n=1}^{N} \sum_{j=1}^{V} w_n^j", lambda w: w.sum()),  # row below, column above
    (r"\sum_{n=1}^{N} \sum_{j=1}^{V} w^j_n", lambda w: w.sum()),  # the same, above first
    (r"\sum_{n=1}^{N} \sum_{j=1}^{V} j \, w_j^n", lambda w: (w * np.arange(1, 4)).sum()),
    (r"\sum_{j=1}^{V} \sum_{n=1}^{N} n \, w^{n}_{j}", lambda w: (w.T * np.arange(1, 5)).sum()),
    (r"\sum_{n=1}^{N} \max_{j=1}^{V} w_n^j", lambda w: w.max(axis=1).sum()),
    (r"\sum_{n=1}^{N} \max_{j = 1, \ldots, V} w_n^j", lambda w: w.max(axis=1).sum()),
    (r"\max_{j=1}^{V} \sum_{n=1}^{N} (w_n^j)^2", lambda w: (w**2).sum(axis=0).max()),
]


@pytest.mark.parametrize("latex, want", FAMILY, ids=[f[0] for f in FAMILY])
def test_each_index_takes_the_axis_its_range_runs_over(latex, want):
    r = reading(latex, TABLE)
    assert any("matched to its axes by the ranges" in rule for rule in r.rules)
    assert float(dx.evaluate(latex, {"w": W}, TABLE)) == pytest.approx(want(W), rel=1e-13)


def test_the_q_ei_monte_carlo_estimate():
    # q-EI by Monte Carlo: the mean over samples i of the best improvement over the q points j
    latex = (
        r"\frac{1}{N} \sum_{i=1}^{N} \max_{j = 1, \ldots, q} \left\{ \max\left(\xi^{i}_{j} "
        r"- f^{*}, 0\right) \right\}"
    )
    xi = RNG.normal(size=(6, 3))
    got = dx.evaluate(latex, {r"\xi": xi, "f^{*}": 0.2}, r"\xi: matrix[N, q]; f^{*}: scalar")
    assert float(got) == pytest.approx(np.maximum(xi - 0.2, 0).max(axis=1).mean(), rel=1e-13)


@pytest.mark.parametrize(
    "latex, why",
    [
        (r"\sum_{n=1}^{N} \sum_{j=1}^{N} S_n^j", "fit both"),  # square: both assignments fit
        (r"\sum_{n} \sum_{j} w_n^j", "do not tell which"),  # no range written
        (r"\sum_{n=1}^{N} \sum_{j=1}^{N} w_n^j", "do not tell which"),  # no assignment fits
    ],
)
def test_when_the_ranges_do_not_decide_both_readings_are_named(latex, why):
    with pytest.raises(dx.ParseError, match=f"reads two ways.*{why}"):
        dx.parse(latex, TABLE)


def test_a_number_above_is_still_a_power_and_a_vector_keeps_its_index_above():
    with pytest.raises(dx.ParseError, match="row n of the matrix"):
        dx.parse(r"\sum_{n=1}^{N} w_n^2", TABLE)
    u = RNG.normal(size=5)
    got = dx.evaluate(r"\sum_{i=1}^{n} u_t^{i}", {"u_t": u}, "u_t: vector[n]; i: index")
    assert float(got) == pytest.approx(u.sum(), rel=1e-13)
