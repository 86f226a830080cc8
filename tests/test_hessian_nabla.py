r"""The Hessian written ``\nabla^2 f(x)``, ``\nabla^2_x E``, ``\nabla_x^2 E``, ``\nabla^{2} f(x, y)``
(issue 29), in the notation of the documents in tests/data/papers.

Every closed form a test calls correct (or wrong) is first checked here by central finite
differences of the function written by hand in NumPy, in float64, at a random point: the test's
expectation never comes from derivax's own derivative.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax import ParseError
from derivax import _functions as F

RNG = np.random.default_rng(29)


def fd_hessian(f, x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """The Hessian of ``f`` at ``x`` by central differences (error O(h^2))."""
    n = x.size
    H = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            e_i, e_j = np.eye(n)[i] * h, np.eye(n)[j] * h
            H[i, j] = (
                f(x + e_i + e_j) - f(x + e_i - e_j) - f(x - e_i + e_j) + f(x - e_i - e_j)
            ) / (4 * h * h)
    return H


def sigmoid(t):
    return 1.0 / (1.0 + np.exp(-t))


# -- the closed forms the tests below use, checked against finite differences ----------------------
def test_closed_forms_agree_with_finite_differences():
    n = 3
    A = RNG.normal(size=(n, n))
    A = A + A.T
    b, a, x = RNG.normal(size=n), RNG.normal(size=n), RNG.normal(size=n)
    quad = fd_hessian(lambda v: 0.5 * v @ A @ v + b @ v, x)
    assert np.allclose(quad, A, atol=1e-6)
    logistic = fd_hessian(lambda v: np.log1p(np.exp(a @ v)), x)
    s = sigmoid(a @ x)
    assert np.allclose(logistic, s * (1 - s) * np.outer(a, a), atol=1e-6)
    assert not np.allclose(logistic, s * np.outer(a, a), atol=1e-3)
    xs, ys = 0.7, 1.3
    qol = fd_hessian(lambda v: v[0] ** 2 / v[1], np.array([xs, ys]))
    expected = 2 / ys**3 * np.array([[ys**2, -xs * ys], [-xs * ys, xs**2]])
    assert np.allclose(qol, expected, atol=1e-6)
    lse = fd_hessian(lambda v: np.log(np.sum(np.exp(v))), x)
    z = np.exp(x)
    assert np.allclose(lse, np.diag(z) / z.sum() - np.outer(z, z) / z.sum() ** 2, atol=1e-6)


# -- reading -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [r"\nabla^2_x (x^T A x)", r"\nabla_x^2 (x^T A x)", r"\nabla^{2}_{x} (x^T A x)"],
)
def test_the_spellings_read_as_one_hessian_node(text):
    e = dx.parse(text, "x: vector[n]; A: symmetric[n]")
    assert isinstance(e, F.Hessian)
    assert e.args[1] == sympy.MatrixSymbol("x", sympy.Symbol("n", integer=True, positive=True), 1)
    assert e.shape[0] == e.shape[1]


def test_of_a_function_of_two_scalars_it_is_the_two_by_two_matrix():
    e = dx.parse(r"\nabla^2 f(x, y)", "x, y: scalar; f: function")
    x, y = sympy.symbols("x y", real=True)
    assert isinstance(e, sympy.ImmutableMatrix) and e.shape == (2, 2)
    assert [d.variable_count for d in e] == [
        ((x, 2),),
        ((x, 1), (y, 1)),
        ((y, 1), (x, 1)),
        ((y, 2),),
    ]


def test_of_a_scalar_variable_it_is_the_second_derivative():
    e = dx.parse(r"\nabla^2_t (t^3)", "t: scalar")
    t = sympy.Symbol("t", real=True)
    assert isinstance(e, sympy.Derivative) and e.doit() == 6 * t


@pytest.mark.parametrize(
    ("text", "symbols", "message"),
    [
        (r"\nabla^3 f(x)", "x: vector[n]; f: function", r"the Hessian `\\nabla\^2 f`"),
        (r"\nabla^2 (x^T x)", "x: vector[n]", "write the variable of a Hessian as a subscript"),
        (r"\nabla^2_X \operatorname{tr}(X)", "X: matrix[m, n]", "with respect to a matrix"),
    ],
)
def test_what_is_not_read_is_refused_by_name(text, symbols, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(text, symbols)


# -- checking, with the Hessian taken independently by the numeric checker --------------------------
PS0 = "x, b, a: vector[n]; A: symmetric[n]; f, g: function; n: dim"


@pytest.mark.parametrize(
    ("claim", "given", "status"),
    [
        # repro_cs229_ps0_psd.tex line 10, with the definition the text gives
        (r"\nabla^2 f(x) = A^T", r"f(x) = \frac{1}{2}x^TAx + b^Tx", "proved"),
        (r"\nabla^2 f(x) = 2 A", r"f(x) = \frac{1}{2}x^TAx + b^Tx", "refuted"),
        (r"\nabla_x^2 \log(1 + e^{a^T x}) = \sigma(a^T x) a a^T", None, "refuted"),
    ],
)
def test_hessian_claims_of_a_vector(claim, given, status):
    v = dx.check(claim, PS0, given=[given] if given else [], timeout=20, cache=False)
    assert v.status == status, v
    if status == "refuted":
        assert "confirmed" in v.reason


def test_the_correct_logistic_hessian_is_not_refuted():
    v = dx.check(
        r"\nabla^2_x \log(1 + e^{a^T x}) = \sigma(a^T x)(1 - \sigma(a^T x)) a a^T",
        PS0,
        timeout=20,
        cache=False,
    )
    assert v.status in ("proved", "plausible"), v


BOYD = "x, y: scalar; f: function"


@pytest.mark.parametrize(
    ("rhs", "status"),
    [
        # repro_boyd_convexity_hessians.tex line 11 (quadratic over linear)
        (r"\frac{2}{y^3} \begin{bmatrix} y^2 & -xy \\ -xy & x^2 \end{bmatrix}", "proved"),
        (r"\frac{2}{y^3} \begin{bmatrix} y^2 & xy \\ xy & x^2 \end{bmatrix}", "refuted"),
    ],
)
def test_the_hessian_of_a_function_of_two_scalars(rhs, status):
    v = dx.check(
        rf"\nabla^2 f(x, y) = {rhs}", BOYD, given=[r"f(x, y) = \frac{x^2}{y}"], cache=False
    )
    assert v.status == status, v


def test_n_equal_one_and_a_scalar_variable():
    # the Hessian of a scalar is its second derivative: 6 t for t^3
    assert dx.check(r"\nabla^2_t (t^3) = 6 t", "t: scalar", cache=False).status == "proved"
    assert dx.check(r"\nabla^2_t (t^3) = 3 t^2", "t: scalar", cache=False).status == "refuted"
    # the Hessian of e^{a^T x}; the audit of the proof evaluates it at n = 1, 2 and 3
    v = dx.check(
        r"\nabla^2_x e^{a^T x} = e^{a^T x} a a^T", "x, a: vector[n]", timeout=20, cache=False
    )
    assert v.status == "proved", v


def test_an_indefinite_hessian_is_checked_like_any_other():
    # f = x_1 x_2 style saddle written with a matrix: the Hessian of x^T B x is B + B^T
    S = "x: vector[n]; B: matrix[n, n]"
    assert dx.check(r"\nabla^2_x (x^T B x) = B + B^T", S, cache=False).status == "proved"
    assert dx.check(r"\nabla^2_x (x^T B x) = 2 B", S, cache=False).status == "refuted"
