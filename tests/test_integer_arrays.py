r"""Arrays declared whole numbers (``n: vector[K], integer, nonnegative``, a multinomial's
counts; ``z: vector[n], integer``; a matrix of counts). The symbol of such an array is an
integer that is not positive, which evaluate and compile took for a free index: ``\sum_i z_i
w_i`` came out a matrix instead of a number, without a word, and the 50-digit derivative check
sized the symbol of a positive integer array as a dimension. The family: each array kind with
each whole-number qualifier, in a sum, as a free index's entry, beside a real weight, and
under a derivative, against NumPy from the definition."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(1123)
QUALIFIERS = ["integer", "integer, nonnegative", "integer, positive"]


def _whole(shape, qualifier: str) -> np.ndarray:
    low = {"integer": -3, "integer, nonnegative": 0, "integer, positive": 1}[qualifier]
    return RNG.integers(low, 5, size=shape)


@pytest.mark.parametrize("qualifier", QUALIFIERS)
def test_a_sum_over_a_whole_number_vector_is_one_number(qualifier):
    z, w = _whole(4, qualifier), RNG.normal(size=4)
    table = f"w: vector[n]; z: vector[n], {qualifier}; i: index"
    got = dx.evaluate(r"\sum_{i=1}^{n} z_i w_i", {"w": w, "z": z}, table)
    assert np.shape(got) == ()
    assert float(got) == pytest.approx(float(z @ w), rel=1e-14)
    f = dx.compile(r"\sum_{i=1}^{n} z_i w_i", symbols=table)
    assert float(f(w, z)) == pytest.approx(float(z @ w), rel=1e-14)


@pytest.mark.parametrize("qualifier", QUALIFIERS)
def test_a_free_index_runs_over_a_whole_number_matrix_rows(qualifier):
    counts, w = _whole((3, 4), qualifier), RNG.normal(size=4)
    table = f"N: matrix[m, n], {qualifier}; w: vector[n]; i, j: index"
    got = dx.evaluate(r"y_i = \sum_{j=1}^{n} N_{ij} w_j", {"N": counts, "w": w}, table)
    np.testing.assert_allclose(np.asarray(got, dtype=float), counts @ w, rtol=1e-14)


def test_the_multinomial_log_likelihood_and_its_gradient():
    latex = r"\sum_{k=1}^{K} n_k \log p_k - \log \Gamma\left(1 + \sum_{k=1}^{K} n_k\right)"
    table = "n: vector[K], integer, nonnegative; p: simplex[K]; k: index"
    n, p = np.array([3, 0, 5, 1]), np.array([0.1, 0.2, 0.3, 0.4])
    from math import lgamma

    want = float(n @ np.log(p)) - lgamma(1 + n.sum())
    assert float(dx.evaluate(latex, {"n": n, "p": p}, table)) == pytest.approx(want, rel=1e-14)
    grad = dx.derive(latex, "p", table)
    got = np.asarray(dx.evaluate(grad, {"n": n, "p": p}), dtype=float)
    np.testing.assert_allclose(got, n / p, rtol=1e-14)
