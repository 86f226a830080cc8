r"""The derivative of a maximum or minimum over an index, ``\frac{d}{ds} \max_i f(i)``: the
derivative of the term that attains it (the mean of those that do, where terms tie exactly).
Each member of the family (a body linear or not in the variable, the variable an entry, a whole
vector, a matrix or a scalar, the extremum inside a sum or beside other terms) is checked
against central differences in NumPy at points with no tie; the breaking cases: n = 1 (one term
always attains it), a body the variable does not enter (0), and the order statistic, which
stays refused."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(73)


def _central(f, values, wrt, h=1e-6):
    x = np.asarray(values[wrt], dtype=float)
    out = np.zeros_like(x)
    for k in np.ndindex(x.shape or ()):
        step = np.zeros_like(x)
        step[k] = h
        up, down = dict(values), dict(values)
        up[wrt], down[wrt] = x + step, x - step
        out[k] = (f(**up) - f(**down)) / (2 * h)
    return out


# (LaTeX, table, the variable, values, NumPy from the definition)
FAMILY = [
    (
        r"\max_i x_i^2",
        "x: vector[n]; i: index",
        "x",
        {"x": RNG.normal(size=4)},
        lambda x: (x**2).max(),
    ),
    (
        r"\min_i (x_i - 1)^2",
        "x: vector[n]; i: index",
        "x",
        {"x": RNG.normal(size=4)},
        lambda x: ((x - 1) ** 2).min(),
    ),
    (
        r"\max_{j=1}^{n} \sum_{l=1}^{m} A_{lj} x_l",
        "A: matrix[m, n]; x: vector[m]; j, l: index",
        "x",
        {"A": RNG.normal(size=(3, 4)), "x": RNG.normal(size=3)},
        lambda A, x: (A.T @ x).max(),
    ),
    (
        r"\max_{j=1}^{n} \sum_{l=1}^{m} A_{lj} x_l",
        "A: matrix[m, n]; x: vector[m]; j, l: index",
        "A",
        {"A": RNG.normal(size=(3, 4)), "x": RNG.normal(size=3)},
        lambda A, x: (A.T @ x).max(),
    ),
    (
        r"\sum_{t=1}^{T} \ell_{t1} - \min_{i=1}^{N} \sum_{t=1}^{T} \ell_{ti}",
        r"\ell: matrix[T, N]; i, t: index",
        r"\ell",
        {r"\ell": RNG.uniform(size=(5, 3))},
        lambda ell: ell[:, 0].sum() - ell.sum(axis=0).min(),
    ),
    (
        r"\min_{k=1}^{m} e^{-k \varepsilon + a_k}",
        r"a: vector[m]; \varepsilon: scalar; k: index",
        r"\varepsilon",
        {"a": RNG.normal(size=4), r"\varepsilon": 0.7},
        lambda a, eps: np.exp(-np.arange(1, 5) * eps + a).min(),
    ),
    (
        r"\log \sum_i e^{x_i} - \max_i x_i",
        "x: vector[n]; i: index",
        "x",
        {"x": RNG.normal(size=5)},
        lambda x: np.log(np.exp(x).sum()) - x.max(),
    ),
    (r"\max_i x_i", "x: vector[n]; i: index", "x", {"x": np.array([0.4])}, lambda x: x.max()),
]


def _name(latex_name: str) -> str:
    return latex_name.lstrip("\\")


@pytest.mark.parametrize(
    "latex, table, wrt, values, f", FAMILY, ids=[f"{f[0]}-{f[2]}" for f in FAMILY]
)
def test_the_derivative_of_an_extremum_is_the_attaining_terms(latex, table, wrt, values, f):
    d = dx.derive(latex, wrt, table)
    got = np.asarray(dx.evaluate(d, values), dtype=float)
    plain = {_name(k): v for k, v in values.items()}
    want = _central(lambda **v: f(*v.values()), plain, _name(wrt))
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-6, atol=1e-8)


def test_a_body_the_variable_does_not_enter_has_derivative_zero():
    d = dx.derive(r"\max_i x_i + 3 s", "s", "x: vector[n]; s: scalar; i: index")
    assert float(dx.evaluate(d, {"x": [1.0, 2.0], "s": 0.5})) == 3.0


def test_an_order_statistic_stays_undifferentiated():
    with pytest.raises(dx.DerivationError, match="an order statistic"):
        dx.derive(r"x_{(2)}", "x", "x: vector[n]")
