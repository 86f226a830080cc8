"""Silent misreadings of paper formulas, each a family: the scope of a big operator (a minimum
inside a sum inside a minimum), an order statistic, and a scalar declared `integer` taken for a
free index. Expected values come from NumPy written from the definitions."""

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

KMEANS = "X: matrix[n, d]; M: matrix[K, d]; i, k, c: index"
X = np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0], [2.0, -1.0]])
M = np.array([[0.0, 0.0], [5.0, 4.0], [1.0, -1.0]])


def kmeans(X, M):
    return sum(min(float(((x - m) ** 2).sum()) for m in M) for x in X)


def test_the_kmeans_objective_is_a_sum_of_minima_of_sums():
    latex = r"\sum_i \min_k \sum_c (X_{ic} - M_{kc})^2"
    assert np.isclose(dx.evaluate(latex, {"X": X, "M": M}, KMEANS), kmeans(X, M))
    f = dx.compile(latex, symbols=KMEANS)
    assert np.isclose(float(f(X, M)), kmeans(X, M), rtol=1e-6)
    # and it reads back from its own rendering
    e = dx.parse(latex, KMEANS)
    assert dx.parse(dx.to_latex(e, KMEANS), KMEANS) == e


@pytest.mark.parametrize(
    "latex, want",
    [
        (r"\max_i \max_j A_{ij}", lambda A: A.max()),
        (r"\max_i \min_j A_{ij}", lambda A: A.min(axis=1).max()),
        (r"\min_j \max_i A_{ij}", lambda A: A.max(axis=0).min()),
        (r"\sum_i \max_j A_{ij}", lambda A: A.max(axis=1).sum()),
        (r"\max_i \sum_j A_{ij}", lambda A: A.sum(axis=1).max()),
        (r"\min_i \sum_j \max_k B_{ij} C_{jk}", None),
    ],
)
def test_each_big_operator_keeps_its_own_scope(latex, want):
    rng = np.random.default_rng(1)
    if want is None:
        t = "B, C: matrix[n, n]; i, j, k: index"
        B, C = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
        expected = min(
            sum(max(B[i, j] * C[j, k] for k in range(3)) for j in range(3)) for i in range(3)
        )
        assert np.isclose(dx.evaluate(latex, {"B": B, "C": C}, t), expected)
        return
    t = "A: matrix[m, n]; i, j: index"
    for shape in [(1, 1), (2, 3), (3, 2)]:
        A = rng.normal(size=shape)
        assert np.isclose(dx.evaluate(latex, {"A": A}, t), want(A)), (latex, shape)


def test_max_min_inequality_is_decided_the_right_way_round():
    t = "A: matrix[n, n]; i, j: index"
    assert dx.check(r"\min_j \max_i A_{ij} \ge \max_i \min_j A_{ij}", t).status in (
        "proved",
        "plausible",
    )
    v = dx.check(r"\max_i \min_j A_{ij} \ge \min_j \max_i A_{ij}", t)
    assert v.status == "refuted"
    A = np.asarray(v.counterexample["A"])
    assert A.min(axis=1).max() < A.max(axis=0).min()


@pytest.mark.parametrize(
    "latex, want",
    [
        (r"x_{(i)}", lambda x: np.sort(x)),
        (r"x_{(k)} - x_{(1)}", lambda x: np.sort(x) - np.sort(x)[0]),
        (r"\sum_i x_{(i)}", lambda x: x.sum()),
    ],
)
def test_an_order_statistic_is_a_sorted_entry_never_an_entry(latex, want):
    # x_{(i)} read as x_i would be silently wrong on any unsorted x (tests/test_order_statistics.py)
    x = np.array([0.3, -2.0, 7.5, 0.3, 1.0])
    got = dx.evaluate(latex, {"x": x}, "x: vector[n]; i, k: index")
    assert np.allclose(got, want(x), rtol=0, atol=1e-15)
    assert any("order statistic" in r for r in reading(latex, "x: vector[n]; i, k: index").rules)


@pytest.mark.parametrize(
    "latex, symbols, values, want",
    [
        (r"1 - \beta^t", r"\beta: scalar; t: scalar, integer", {"beta": 0.9, "t": 10}, 1 - 0.9**10),
        (
            r"\frac{m}{1 - \beta_1^t}",
            r"\beta_1: scalar, unit; t: scalar, integer; m: scalar",
            {"beta_1": 0.9, "t": 3, "m": 0.5},
            0.5 / (1 - 0.9**3),
        ),
        (r"n k", "n, k: scalar, integer", {"n": 4, "k": -3}, -12.0),
    ],
)
def test_a_scalar_declared_integer_is_a_value_not_an_index(latex, symbols, values, want):
    assert np.isclose(float(dx.evaluate(latex, values, symbols)), want)
    f = dx.compile(latex, symbols=symbols)
    assert np.isclose(float(f(**values)), want, rtol=1e-6)


@pytest.mark.parametrize("x", [0.5, 3.0, 171.0, 200.0, 1e4, 1e300, -1.5, -3.25])
def test_log_gamma_compiles_without_forming_gamma(x):
    # log Gamma(200) was inf (Gamma overflows from 172); math.lgamma is log|Gamma|, so the
    # expected value is NaN where Gamma(x) < 0 (the logarithm has no real value there)
    import math

    import jax

    with jax.enable_x64(True):
        f = dx.compile(r"\log\Gamma(x)")
        got = float(f(x))
    negative = x < 0 and math.floor(x) % 2 == 1
    if negative:
        assert math.isnan(got)
    else:
        assert math.isclose(got, math.lgamma(x), rel_tol=1e-12), (x, got)


def test_a_bound_on_log_gamma_at_a_large_argument_is_decided():
    # log Gamma(10^4) = 82099.717...: the compiled side was inf, so no point had a value
    assert dx.check(r"\log\Gamma(10^{4}) > 8 \cdot 10^{4}").status in ("proved", "plausible")
    assert dx.check(r"\log\Gamma(10^{4}) > 8.21 \cdot 10^{4}").status == "refuted"


@pytest.mark.parametrize(
    "latex, want",
    [
        (r"\sqrt[3]{(2)(3)}", 6 ** (1 / 3)),
        (r"\sqrt[3]{\left(2\right) \left(3\right)}", 6 ** (1 / 3)),
        (r"\sqrt[3]{-8}", -2.0),
        (r"\sqrt[4]{(2)(8)}", 2.0),
        (r"\sqrt[3]{(1)(1)}", 1.0),
    ],
)
def test_a_root_with_an_index_reads_its_body_as_written(latex, want):
    # latex2sympy read \sqrt[3]{(2)(3)} as 5^{1/3}; the thorough soundness fuzz found it when
    # |\sqrt[3]{(1)(1)}| = |(1)(1)|^{1/3} was refuted
    assert np.isclose(float(dx.evaluate(latex, {})), want)


@pytest.mark.parametrize(
    "claim, truth",
    [
        # an exclusion under one sum belongs to that sum, wherever another sum over the same
        # letter stands in the formula (it used to move to the first sum assembled)
        (r"\sum_k y_k = \sum_{k \neq i} y_k + y_i", True),
        (r"\sum_{k \neq i} y_k + y_i = \sum_k y_k", True),
        (r"\sum_k y_k - \sum_{k \neq i} y_k = y_i", True),
        (r"\sum_{k \neq i} y_k - \sum_k y_k = y_i", False),
    ],
)
def test_an_exclusion_stays_with_its_own_sum(claim, truth):
    import numpy as np

    table = "y: vector[n]; i, j, k: index; n: dim"
    v = dx.check(claim, table)
    assert v.status == ("proved" if truth else "refuted"), v
    if not truth:
        y = np.array(v.counterexample["y"], dtype=float).ravel()
        i = int(v.counterexample["i"]) - 1
        # from the definition: sum over k != i minus the whole sum is -y_i, never y_i (unless 0)
        assert abs((y.sum() - y[i] - y.sum()) - y[i]) > 1e-12


def test_nested_exclusions_each_stay_with_their_sum():
    import sympy

    e = dx.parse(r"\sum_{j \neq i} \sum_{k \neq j} y_k", "y: vector[n]; i, j, k: index; n: dim")
    i, j, k = (sympy.Symbol(x, integer=True) for x in "ijk")
    assert isinstance(e, sympy.Sum) and [lim[0] for lim in e.limits] == [k, j]
    factors = set(sympy.Mul.make_args(e.function))
    assert 1 - sympy.KroneckerDelta(i, j) in factors and 1 - sympy.KroneckerDelta(j, k) in factors
