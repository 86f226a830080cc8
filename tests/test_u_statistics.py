r"""A sum over `i \ne j` divided by the number of pairs, `\frac{1}{n(n-1)} \sum_{i \ne j}`, is a
U-statistic: the pairs i != j, whatever the left side carries (the unbiased MMD, the kernelized
Stein discrepancy, unbiased HSIC terms). For one fixed j the sum has n - 1 terms, which nobody
divides by n(n - 1). Side conditions: i runs from 1 to a size n, and a factor beside the sum has
n(n - 1) in its denominator (`\frac{2}{n(n-1)}`, `\frac{1}{n^2 - n}`); a sum divided by n - 1
alone, or by n, stays refused. Breaking case:
n = 2, a single pair each way. Values against NumPy loops written from the definition."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RBF = r"e^{-\frac{(x_i - x_j)^2}{2 h^2}}"


def _rbf(a, b, h):
    return np.exp(-((a - b) ** 2) / (2 * h**2))


def _pairs(n):
    return [(i, j) for i in range(n) for j in range(n) if i != j]


@pytest.mark.parametrize("n", [2, 3, 6])
@pytest.mark.parametrize(
    ("tex", "scale"),
    [
        (r"\frac{1}{n(n-1)} \sum_{i \neq j} " + RBF, lambda n: 1 / (n * (n - 1))),
        (r"\frac{2}{n(n-1)} \sum_{i \ne j} " + RBF, lambda n: 2 / (n * (n - 1))),
        (r"\frac{1}{n^2 - n} \sum_{i \ne j} " + RBF, lambda n: 1 / (n * n - n)),
        (r"U = \frac{1}{n (n - 1)} \sum_{i \neq j} " + RBF, lambda n: 1 / (n * (n - 1))),
    ],
)
def test_a_sum_over_i_ne_j_divided_by_the_number_of_pairs_is_over_the_pairs(tex, scale, n):
    symbols = "x: vector[n]; h: scalar, positive; n: dim; i, j: index"
    x = np.random.default_rng(n).normal(size=n)
    want = scale(n) * sum(_rbf(x[i], x[j], 0.7) for i, j in _pairs(n))
    assert float(dx.evaluate(tex, {"x": x, "h": 0.7}, symbols)) == pytest.approx(want, rel=1e-12)
    assert "U-statistic" in " ".join(reading(tex, symbols).rules)


def test_the_unbiased_mmd_and_its_gradient():
    tex = (
        r"\mathrm{MMD}_u^2 = \frac{1}{m(m-1)} \sum_{i \ne j} k_{ij}"
        r" + \frac{1}{n(n-1)} \sum_{a \ne b} l_{ab} - \frac{2}{mn} \sum_{i=1}^{m} \sum_{b=1}^{n} g_{ib}"
    )
    symbols = "k: matrix[m, m]; l: matrix[n, n]; g: matrix[m, n]; m, n: dim; i, j, a, b: index"
    rng = np.random.default_rng(1)
    k, ell, g = rng.normal(size=(4, 4)), rng.normal(size=(3, 3)), rng.normal(size=(4, 3))
    want = (
        sum(k[i, j] for i, j in _pairs(4)) / 12
        + sum(ell[a, b] for a, b in _pairs(3)) / 6
        - 2 * g.sum() / 12
    )
    got = dx.evaluate(tex, {"k": k, "l": ell, "g": g}, symbols)
    assert float(got) == pytest.approx(want, rel=1e-12)
    grad = np.asarray(
        dx.evaluate(dx.derive(tex, "k", symbols), {"k": k, "l": ell, "g": g}), dtype=float
    )
    np.testing.assert_allclose(grad, (1 - np.eye(4)) / 12, atol=1e-14)


def test_the_gradient_of_a_u_statistic_against_differences():
    tex = r"\frac{1}{n(n-1)} \sum_{i \neq j} " + RBF + r" x_i x_j"
    symbols = "x: vector[n]; h: scalar, positive; n: dim; i, j: index"
    x = np.array([0.3, -0.8, 1.1, 0.2])

    def f(v):
        return sum(_rbf(v[i], v[j], 0.9) * v[i] * v[j] for i, j in _pairs(4)) / 12

    want = np.array([(f(x + e * 1e-6) - f(x - e * 1e-6)) / 2e-6 for e in np.eye(4)])
    got = np.asarray(dx.evaluate(dx.derive(tex, "x", symbols), {"x": x, "h": 0.9}), dtype=float)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize(
    ("tex", "symbols"),
    [
        (r"\frac{1}{n-1} \sum_{i \ne j} x_i x_j", "x: vector[n]; n: dim; i, j: index"),
        (r"\frac{n}{n(n-1)} \sum_{i \ne j} x_i x_j", "x: vector[n]; n: dim; i, j: index"),
        (r"\frac{1}{n} \sum_{i \ne j} x_i x_j", "x: vector[n]; n: dim; i, j: index"),
    ],
)
def test_other_divisors_leave_the_two_readings_refused(tex, symbols):
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(tex, symbols)
