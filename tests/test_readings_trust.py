"""Readings the checker relied on and the reader got wrong: inverses of functions, the matrix
exponential, the extreme entry of a vector, matrix relations, the Kronecker delta and real odd
roots. Every value is compared with NumPy/SciPy/mpmath written from the definition."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.linalg
import sympy
from sympy.core.function import AppliedUndef

import derivax as dx
from derivax import ParseError
from derivax import _functions as F
from derivax.latex import reading


def _numbers(e, table, values):
    return np.asarray(dx.evaluate(e, values, table), dtype=float)


# -- 1. inverses of functions -----------------------------------------------------------------------
FN = "f, g: function"


def test_the_inverse_of_a_declared_function_is_an_application_of_its_inverse():
    e = dx.parse(r"f^{-1}(x)", FN)
    assert isinstance(e, F.FunctionInverse) and isinstance(e, AppliedUndef)
    assert e.inverse_of == sympy.Function("f", real=True)
    assert e.args == (sympy.Symbol("x", real=True),)
    assert any("inverse function" in r for r in reading(r"f^{-1}(x)", FN).rules)


@pytest.mark.parametrize(
    "latex, want", [(r"f^{-1}(f(x))", "x"), (r"f(f^{-1}(y))", "y"), (r"g(f^{-1}(f(y)))", None)]
)
def test_an_inverse_next_to_its_function_reduces_when_built(latex, want):
    e = dx.parse(latex, FN)
    if want is None:  # g(y): only f and f^{-1} cancel
        assert e == sympy.Function("g", real=True)(sympy.Symbol("y", real=True))
    else:
        assert e == sympy.Symbol(want, real=True)


def test_the_inverse_of_another_function_does_not_cancel():
    e = dx.parse(r"g^{-1}(f(x))", FN)
    assert isinstance(e, F.FunctionInverse) and e.inverse_of == sympy.Function("g", real=True)


def test_the_derivative_of_an_inverse_is_one_over_the_slope_there():
    # with f = exp (so f^{-1} = log), 1 / f'(f^{-1}(y)) must be d/dy log y = 1/y
    y = sympy.Symbol("y", real=True)
    e = dx.parse(r"f^{-1}(y)", FN)
    d = sympy.diff(e, y).subs(e, sympy.log(y))
    u = sympy.Dummy("u")
    concrete = d.replace(sympy.Function("f", real=True), sympy.Lambda(u, sympy.exp(u))).doit()
    assert float(concrete.subs(y, 2.5)) == pytest.approx(1 / 2.5)


def test_a_power_of_a_declared_function_is_a_power_of_its_value():
    x = sympy.Symbol("x", real=True)
    assert dx.parse(r"g^2(x)", FN) == sympy.Function("g", real=True)(x) ** 2
    assert dx.parse(r"g^{3}(x) + 1", FN) == sympy.Function("g", real=True)(x) ** 3 + 1


def test_an_inverse_renders_and_reads_back():
    for latex in (r"f^{-1}(x)", r"g^{-1}(f(x)) + f^{-1}(x)^{2}"):
        e = dx.parse(latex, FN)
        assert dx.parse(dx.to_latex(e, FN), FN) == e


def test_an_undeclared_letter_with_minus_one_stays_a_product_and_says_so():
    r = reading(r"f^{-1}(x + 1)")
    x, f = sympy.Symbol("x", real=True), sympy.Symbol("f", real=True)
    assert sympy.simplify(r.expr - (x + 1) / f) == 0
    assert any("declare `f: function`" in rule for rule in r.rules)


@pytest.mark.parametrize("y", [0.01, 0.3, 0.5, 0.97])
def test_sigma_inverse_is_the_logit(y):
    r = reading(r"\sigma^{-1}(y)")
    assert any("logit" in rule for rule in r.rules)
    assert float(dx.evaluate(r.expr, {"y": y})) == pytest.approx(np.log(y / (1 - y)), rel=1e-12)


def test_sigma_inverse_of_a_sigmoid_is_its_argument_and_declared_sigma_is_a_scalar():
    assert dx.parse(r"\sigma^{-1}(\sigma(x))") == sympy.Symbol("x", real=True)
    s = dx.parse(r"\sigma^{-1}(x - \mu)", r"\sigma: scalar, positive")
    assert (
        float(dx.evaluate(s, {r"\sigma": 2.0, "x": 5.0, r"\mu": 1.0}, r"\sigma: scalar, positive"))
        == 2.0
    )


def test_sigma_inverse_of_a_vector_is_the_logit_of_each_entry():
    v = np.array([0.1, 0.5, 0.8])
    got = _numbers(r"\sigma^{-1}(v)", "v: vector[n]", {"v": v})
    np.testing.assert_allclose(got.ravel(), np.log(v / (1 - v)), rtol=1e-12)


@pytest.mark.parametrize(
    "latex, oracle",
    [
        (r"\exp^{-1}(y)", np.log),
        (r"\tanh^{-1}(y)", np.arctanh),
        (r"\tanh^{-1} y", np.arctanh),
        (r"\sin^{-1}(y)", np.arcsin),
        (r"\sinh^{-1}(y)", np.arcsinh),
    ],
)
def test_inverses_of_named_functions(latex, oracle):
    assert float(dx.evaluate(latex, {"y": 0.4})) == pytest.approx(oracle(0.4), rel=1e-12)


def test_an_inverse_derivax_does_not_know_is_refused_by_name():
    with pytest.raises(ParseError, match=r"`\\erf\^\{-1\}` is not read"):
        dx.parse(r"\erf^{-1}(y)")


# -- 2. the matrix exponential ----------------------------------------------------------------------
SQUARE = "A: matrix[n, n]"


@pytest.mark.parametrize("latex", [r"e^{A}", r"\exp(A)", r"\exp A", r"\exp{A}"])
@pytest.mark.parametrize("table", [SQUARE, "A: spd[n]", "A: symmetric[n]"])
def test_every_spelling_of_the_exponential_of_a_square_matrix_is_expm(latex, table):
    e = dx.parse(latex, table)
    assert isinstance(e, F.MatrixExp) and e.shape == e.arg.shape
    assert any("matrix exponential" in r for r in reading(latex, table).rules)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_matrix_exponential_compiles_and_evaluates_to_scipy(n):
    A = np.random.default_rng(n).normal(size=(n, n))
    want = scipy.linalg.expm(A)
    np.testing.assert_allclose(_numbers(r"e^{A}", SQUARE, {"A": A}), want, rtol=1e-12, atol=1e-13)
    f = dx.compile(r"e^{A}", symbols=SQUARE, dtype="float64")
    np.testing.assert_allclose(np.asarray(f(A)), want, rtol=1e-10, atol=1e-12)
    # t A: a scalar multiple is still square
    got = _numbers(r"e^{t A}", SQUARE, {"A": A, "t": 0.5})
    np.testing.assert_allclose(got, scipy.linalg.expm(0.5 * A), rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_det_of_the_exponential_is_the_exponential_of_the_trace(n):
    A = np.random.default_rng(10 + n).normal(size=(n, n))
    lhs = float(_numbers(r"\det(e^{A})", SQUARE, {"A": A}))
    assert lhs == pytest.approx(np.linalg.det(scipy.linalg.expm(A)), rel=1e-10)
    assert lhs == pytest.approx(np.exp(np.trace(A)), rel=1e-10)


def test_a_false_trace_identity_of_the_exponential_is_refuted():
    v = dx.check(r"\det(e^{A}) = e^{\operatorname{tr} A} + 1", SQUARE)
    assert v.status == "refuted"


def test_the_true_trace_identity_of_the_exponential_is_not_refuted():
    v = dx.check(r"\det(e^{A}) = e^{\operatorname{tr} A}", SQUARE, timeout=60)
    assert v.status in ("proved", "plausible", "timeout"), v


def test_an_explicit_exponential_is_the_mpmath_one_at_the_precision_asked():
    A = sympy.ImmutableMatrix([[1, sympy.Rational(1, 2)], [sympy.Rational(-1, 3), 2]])
    explicit = F.MatrixExp(A).doit()
    assert isinstance(explicit, sympy.ImmutableMatrix) and explicit.shape == (2, 2)
    with mpmath.workdps(130):
        want = mpmath.expm(mpmath.matrix([[1, mpmath.mpf(1) / 2], [-mpmath.mpf(1) / 3, 2]]))
        for r in range(2):
            for c in range(2):
                got = mpmath.mpf(str(sympy.N(explicit[r, c], 120)))
                assert abs(got - want[r, c]) < mpmath.mpf(10) ** -115
    # det e^A = e^{tr A} to 100 digits, through SymPy's determinant of the explicit matrix
    d = sympy.N(sympy.Determinant(F.MatrixExp(A)).doit(), 100)
    assert abs(d - sympy.exp(3).evalf(100)) < sympy.Float(10, 100) ** -95


def test_an_explicit_one_by_one_exponential_is_exact():
    x = sympy.Symbol("x", real=True)
    assert F.MatrixExp(sympy.ImmutableMatrix([[x]])).doit() == sympy.ImmutableMatrix(
        [[sympy.exp(x)]]
    )


@pytest.mark.parametrize(
    "latex, table, culprit",
    [
        (r"e^{A}", "A: matrix[m, n]", "not square"),
        (r"\exp(A)", "A: matrix[m, n]", "not square"),
        (r"\exp(Q K^\top)", "Q, K: matrix[n, d]", "two readings"),
    ],
)
def test_an_exponential_with_two_readings_is_refused_naming_both(latex, table, culprit):
    with pytest.raises(ParseError, match=culprit) as err:
        dx.parse(latex, table)
    assert r"\exp^{\circ}" in str(err.value)


def test_the_entrywise_exponential_has_its_own_spelling():
    A = np.array([[0.1, -2.0], [1.5, 0.3]])
    got = _numbers(r"\exp^{\circ}(A)", SQUARE, {"A": A})
    np.testing.assert_allclose(got, np.exp(A), rtol=1e-12)
    Q, K = np.ones((2, 3)), np.arange(6.0).reshape(2, 3) / 10
    table = "Q, K: matrix[n, d]"
    got = _numbers(r"\operatorname{expm}(Q K^\top)", table, {"Q": Q, "K": K})
    np.testing.assert_allclose(got, scipy.linalg.expm(Q @ K.T), rtol=1e-12)
    got = _numbers(r"\exp^{\circ}(Q K^\top)", table, {"Q": Q, "K": K})
    np.testing.assert_allclose(got, np.exp(Q @ K.T), rtol=1e-12)


def test_the_exponential_of_a_vector_is_still_entrywise():
    z = np.array([0.5, -1.0, 2.0])
    for latex in (r"e^{z}", r"\exp(z)"):
        np.testing.assert_allclose(_numbers(latex, "z: vector[n]", {"z": z}).ravel(), np.exp(z))


@pytest.mark.parametrize(
    "latex, table",
    [
        (r"e^{A}", SQUARE),
        (r"e^{t A} B", "A, B: matrix[n, n]"),
        (r"\det(e^{A}) = e^{\operatorname{tr} A}", SQUARE),
        (r"\operatorname{expm}(Q K^\top)", "Q, K: matrix[n, d]"),
    ],
)
def test_the_matrix_exponential_round_trips(latex, table):
    e = dx.parse(latex, table)
    assert dx.parse(dx.to_latex(e, table), table) == e


def test_the_entrywise_exponential_of_a_square_matrix_renders_as_its_spelling():
    e = dx.parse(r"\exp^{\circ}(A)", SQUARE)
    text = dx.to_latex(e, SQUARE)
    assert text == r"\exp^{\circ}(A)"
    A = np.array([[0.2, 1.0], [-1.0, 0.0]])
    np.testing.assert_allclose(_numbers(text, SQUARE, {"A": A}), np.exp(A), rtol=1e-12)


# -- 3. the extreme entry of a vector ---------------------------------------------------------------
@pytest.mark.parametrize("x", [[3.0], [0.3, -2.0, 5.1, 1.0], [-1.0, -1.0]])
def test_max_and_min_of_a_vector_are_its_extreme_entries(x):
    x = np.array(x)
    assert float(_numbers(r"\max(x)", "x: vector[n]", {"x": x})) == np.max(x)
    assert float(_numbers(r"\min(x)", "x: vector[n]", {"x": x})) == np.min(x)
    assert isinstance(dx.parse(r"\max(x)", "x: vector[n]"), F.IndexMax)


def test_max_of_a_vector_expression_and_its_round_trip():
    table = "x: vector[n]; W: matrix[m, n]; b: vector[m]"
    W, x, b = np.arange(8.0).reshape(2, 4) - 3, np.array([0.3, -2.0, 5.1, 1.0]), np.array([1.0, -1])
    got = float(_numbers(r"\max(W x + b)", table, {"W": W, "x": x, "b": b}))
    assert got == pytest.approx(np.max(W @ x + b))
    for t in ("x: vector[n]", "x: vector[n]; i: scalar"):
        e = dx.parse(r"\max(x) - \min(x)", t)
        assert dx.parse(dx.to_latex(e, t), t) == e


def test_max_of_a_matrix_is_refused_and_max_with_zero_stays_entrywise():
    with pytest.raises(ParseError, match=r"\\max_\{i, j\} A_\{ij\}"):
        dx.parse(r"\max(A)", SQUARE)
    v = np.array([-1.0, 2.0])
    got = _numbers(r"\max(0, x)", "x: vector[n]", {"x": v}).ravel()
    np.testing.assert_array_equal(got, np.maximum(0, v))


# -- 4. matrix relations stay relations -------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, table",
    [
        (r"A^{-1} A = I", SQUARE),
        (r"A A^{-1} = I", SQUARE),
        (r"A^{-1} A = I", "A: matrix[n, n]; I: identity[n]"),
        (r"(A^\top)^\top = A", SQUARE),
        (r"A^{-1} A = 2 I", SQUARE),
    ],
)
def test_a_matrix_relation_is_an_unevaluated_equation(latex, table):
    e = dx.parse(latex, table)
    assert isinstance(e, sympy.Equality), e
    for side in e.args:
        assert isinstance(side, sympy.MatrixExpr), side


def test_an_identity_across_from_a_matrix_that_is_not_square_is_refused():
    with pytest.raises(ParseError, match="not square"):
        dx.parse(r"W = I", "W: matrix[m, n]")


def test_a_false_matrix_relation_reaches_the_checker_and_is_not_proved():
    # the checker gives `unknown` today (its high-precision re-evaluation does not take the
    # identity matrix), never `proved`; before, the reader made the claim Python's False
    v = dx.check(r"A^{-1} A = 2 I", "A: spd[n]")
    assert v.status in ("refuted", "unknown"), v


# -- 5. the Kronecker delta -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, table, pair",
    [
        (r"\delta_{k1}", "k: index", ("k", 1)),
        (r"\delta_{1k}", "k: index", (1, "k")),
        (r"\delta_{ij}", "i, j: index", ("i", "j")),
        (r"\delta_{kj}", "k, j: index", ("k", "j")),
        (r"\delta_{k,1}", "k: index", ("k", 1)),
    ],
)
def test_delta_with_indices_or_numbers_is_the_kronecker_delta(latex, table, pair):
    e = dx.parse(latex, table)
    assert isinstance(e, sympy.KroneckerDelta)
    for k in range(1, 4):
        values = {
            sympy.Symbol(p, integer=True): k if p in ("i", "k") else 2
            for p in pair
            if isinstance(p, str)
        }
        nums = [values[sympy.Symbol(p, integer=True)] if isinstance(p, str) else p for p in pair]
        assert e.xreplace(values) == (1 if nums[0] == nums[1] else 0)


def test_a_declared_delta_keeps_its_declaration():
    e = dx.parse(r"\delta_{k1}", r"\delta: matrix[n, n]; k: index")
    assert isinstance(e, sympy.Indexed) and e.indices[1] == 1


def test_a_subscript_with_a_digit_after_a_letter_is_two_indices():
    e = dx.parse(r"W_{i1}", "W: matrix[m, n]; i: index")
    assert e.indices[1] == sympy.Integer(1)  # not a symbol named 1
    with pytest.raises(ParseError, match="1 axes but the subscript gives 2"):
        dx.parse(r"x_{k1}", "x: vector[n]; k: index")


def test_a_sum_with_the_kronecker_delta_picks_one_term():
    table = "x: vector[n]; k: index"
    e = dx.parse(r"\sum_{k=1}^{n} \delta_{k1} x_k", table)
    x = np.array([4.0, -2.0, 7.0])
    assert float(dx.evaluate(e, {"x": x}, table)) == x[0]


# -- 6. real odd roots ------------------------------------------------------------------------------
@pytest.mark.parametrize("x", [-8.0, -0.3, 0.0, 2.0, 27.0])
@pytest.mark.parametrize(
    "latex, p, q",
    [
        (r"\sqrt[3]{x}", 1, 3),
        (r"x^{1/3}", 1, 3),
        (r"x^{\frac{2}{3}}", 2, 3),
        (r"x^{5/3}", 5, 3),
        (r"\sqrt[5]{x}", 1, 5),
        (r"x^{0.2}", 1, 5),
    ],
)
def test_an_odd_root_of_a_real_scalar_is_real(latex, p, q, x):
    want = np.sign(x) ** p * np.abs(x) ** (p / q)
    assert float(dx.evaluate(latex, {"x": x})) == pytest.approx(want, rel=1e-12, abs=1e-300)
    f = dx.compile(latex, dtype="float64")
    assert float(f(x)) == pytest.approx(want, rel=1e-12, abs=1e-300)


def test_the_cube_root_is_numpys_and_its_gradient_is_finite_away_from_zero():
    import jax

    f = dx.compile(r"\sqrt[3]{x}", dtype="float64")
    for x in (-8.0, -0.5, 3.0):
        assert float(f(x)) == pytest.approx(np.cbrt(x), rel=1e-14)
        slope = float(jax.grad(lambda v: f(v))(x))
        assert slope == pytest.approx(1 / (3 * np.cbrt(x) ** 2), rel=1e-12)
    g = dx.grad(r"\sqrt[3]{x}", "x")
    assert float(g.subs(sympy.Symbol("x", real=True), -8)) == pytest.approx(1 / 12)
    # the derivative as it evaluates: |x^{2/3}| is |x|^{2/3}, finite for x < 0 (it was NaN)
    d = dx.derive(r"\sqrt[3]{x}", "x")
    for x in (-8.0, -0.5, 3.0):
        assert float(dx.evaluate(d, {"x": x})) == pytest.approx(
            1 / (3 * np.cbrt(x) ** 2), rel=1e-12
        )


def test_a_negative_odd_power_and_a_number_base():
    assert float(dx.evaluate(r"x^{-1/3}", {"x": -8.0})) == pytest.approx(-0.5)
    assert dx.parse(r"\sqrt[3]{-8}") == -2
    assert dx.parse(r"(-27)^{1/3}") == -3


@pytest.mark.parametrize(
    "latex, table",
    [
        (r"x^{1/3}", "x: scalar, positive"),
        (r"x^{1/3}", "x: scalar, nonnegative"),
        (r"\sqrt[3]{x^2 + 1}", None),
        (r"\sqrt{x}", None),
        (r"\sqrt[4]{x}", None),
        (r"x^{3/2}", None),
    ],
)
def test_even_roots_and_nonnegative_bases_keep_the_plain_power(latex, table):
    e = dx.parse(latex, table)
    assert not e.has(sympy.sign) and isinstance(e, sympy.Pow)
    assert not any("odd root" in r for r in reading(latex, table).rules)


def test_the_odd_root_rule_is_listed():
    assert any("odd root" in r for r in reading(r"\sqrt[3]{x}").rules)


def test_the_cube_root_of_each_entry_of_a_vector_is_real():
    v = np.array([-8.0, 27.0, 0.0, -0.001])
    got = _numbers(r"\sqrt[3]{v}", "v: vector[n]", {"v": v}).ravel()
    np.testing.assert_allclose(got, np.cbrt(v), rtol=1e-12)


@pytest.mark.parametrize(
    "latex, table",
    [
        (r"\sqrt[3]{x}", None),
        (r"x^{2/3} + \sqrt[5]{y}", None),
        (r"\sqrt[3]{x_i}", "x: vector[n]; i: index"),
        (r"x^{-1/3}", None),
    ],
)
def test_an_odd_root_round_trips(latex, table):
    e = dx.parse(latex, table)
    assert dx.parse(dx.to_latex(e, table), table) == e


def test_the_vector_cube_root_renders_as_a_root_and_reads_back_to_the_same_numbers():
    table = "v: vector[n]"
    text = dx.to_latex(dx.parse(r"\sqrt[3]{v}", table), table)
    assert text == r"\sqrt[3]{v}"
    v = np.array([-8.0, 1.0])
    np.testing.assert_allclose(_numbers(text, table, {"v": v}).ravel(), np.cbrt(v))
