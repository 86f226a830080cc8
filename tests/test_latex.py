"""The LaTeX front end: the readings the symbol table decides, and errors with positions."""

import numpy as np
import pytest
import sympy
from sympy.core.function import AppliedUndef

import derivax as dx
from derivax import ParseError
from derivax import _functions as F
from derivax._functions import Given, Softmax, sigmoid
from derivax.latex import read


def test_conditional_probability_with_bar_and_mid():
    for text in (r"P(A|B)", r"P(A \mid B)", r"P\left(A \,\middle|\, B\right)"):
        e = dx.parse(text, "P: function")
        assert isinstance(e, AppliedUndef) and e.func.__name__ == "P"
        (arg,) = e.args
        assert isinstance(arg, Given) and [str(a) for a in arg.args] == ["A", "B"]


def test_bayes_theorem_reads_every_probability_as_an_application():
    e = dx.parse(r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}")
    apps = {str(a) for a in e.atoms(AppliedUndef)}
    assert apps == {"P(Given(A, B))", "P(Given(B, A))", "P(A)", "P(B)"}


def test_a_name_applied_like_a_probability_is_a_function_everywhere_in_the_formula():
    e = dx.parse(r"P(A|B) = \frac{P(A, B)}{P(B)}")
    assert "P(A, B)" in {str(a) for a in e.atoms(AppliedUndef)}


def test_undeclared_letter_before_parentheses_is_a_product():
    e = dx.parse(r"a(b+c)")
    a, b, c = (sympy.Symbol(n, real=True) for n in "abc")
    assert e == a * (b + c)


def test_declared_function_takes_its_argument_as_an_expression():
    e = dx.parse(r"g(t-\tau)", "g: function")
    t, tau = sympy.Symbol("t", real=True), sympy.Symbol(r"\tau", real=True)
    assert e == sympy.Function("g", real=True)(t - tau)


def test_sum_without_bounds_takes_the_range_of_the_vector():
    e = dx.parse(r"\sum_j x_j", "x: vector[n]; j: index")
    assert isinstance(e, sympy.Sum)
    (j, lo, hi) = e.limits[0]
    assert (str(j), lo, str(hi)) == ("j", 1, "n")


def test_sum_over_a_set():
    e = dx.parse(r"\sum_{x \in X} p(x)", "p: function")
    assert isinstance(e, sympy.Sum)
    x, _lo, hi = e.limits[0]
    assert str(hi) == "|X|" and e.function == sympy.Function("p", real=True)(x)


def test_index_notation_for_declared_vectors_and_matrices():
    e = dx.parse(
        r"\sum_{i=1}^{m} \sum_{j=1}^{n} W_{ij} x_j", "W: matrix[m, n]; x: vector[n]; i, j: index"
    )
    idx = {str(a) for a in e.atoms(sympy.Indexed)}
    assert idx == {"W[i, j]", "x[j]"}


def test_decorated_names_with_index():
    e = dx.parse(r"\hat{y}_i", r"\hat{y}: vector[n]; i: index")
    assert isinstance(e, sympy.Indexed) and str(e.base.label) == r"\hat{y}"


def test_subscript_that_is_not_an_index_names_a_symbol():
    e = dx.parse(r"\sqrt{\bar\alpha_t}\, x_0", r"x_0: vector[d]; \bar{\alpha}_t: scalar, unit")
    assert {str(s) for s in e.free_symbols} >= {r"\bar{\alpha}_{t}"}
    assert any(
        isinstance(a, sympy.MatrixSymbol) and a.name == "x_{0}" for a in e.atoms(sympy.MatrixSymbol)
    )


@pytest.mark.parametrize(
    "text", [r"A^\top x", r"A^T x", r"A^{\top} x", r"A^{\mathsf{T}} x", r"A^\intercal x"]
)
def test_transposes(text):
    e = dx.parse(text, "A: matrix[m, n]; x: vector[m]")
    assert isinstance(e, sympy.MatMul)
    assert isinstance(e.args[0], sympy.Transpose)


def test_inverse_and_scalar_products():
    e = dx.parse(r"W^{-1} b", "W: matrix[n, n]; b: vector[n]")
    assert isinstance(e.args[0], sympy.Inverse)
    e = dx.parse(r"w^\top x", "w, x: vector[n]")
    assert not isinstance(e, sympy.MatrixExpr)


def test_norms_are_scalars():
    e = dx.parse(
        r"\|X w - y\|_2^2 + \lambda \|w\|_2^2", r"X: matrix[m, n]; w: vector[n]; y: vector[m]"
    )
    assert not isinstance(e, sympy.MatrixExpr)


def test_ml_functions():
    assert dx.parse(r"\sigma(x)") == sigmoid(sympy.Symbol("x", real=True))
    assert dx.parse(r"\sigma x", r"\sigma: scalar, positive").free_symbols == {
        sympy.Symbol(r"\sigma", real=True, positive=True),
        sympy.Symbol("x", real=True),
    }
    assert isinstance(dx.parse(r"\mathrm{softmax}(z)", "z: vector[n]"), Softmax)
    e = dx.parse(r"\operatorname{softmax}(z)_k", "z: vector[n]; k: index")
    assert isinstance(e, sympy.Indexed)


def test_log_is_natural():
    x = sympy.Symbol("x", real=True)
    assert dx.parse(r"\log x") == sympy.log(x)
    assert dx.parse(r"\ln(x)") == sympy.log(x)
    assert sympy.simplify(dx.parse(r"\log_2 x") - sympy.log(x) / sympy.log(2)) == 0


def test_relations():
    x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
    assert dx.parse("x = y") == sympy.Eq(x, y, evaluate=False)
    assert isinstance(dx.parse(r"x \le y"), sympy.LessThan)
    assert isinstance(dx.parse(r"x \geq y"), sympy.GreaterThan)
    assert isinstance(dx.parse(r"x := y"), sympy.Equality)
    assert isinstance(dx.parse(r"x \coloneqq y"), sympy.Equality)


def test_undeclared_names_are_reported():
    _, undeclared = read(r"\sum_i w_i x_i + b", "w: vector[n]; i: index")
    assert undeclared == {"x": "vector (subscripted by an index)", "b": "scalar"}


@pytest.mark.parametrize(
    "text, message, position",
    [
        (r"\frac{1}{", r"`\{` is never closed", 8),
        (r"x^^2", "argument is missing", 3),
        (r"\left( x", r"`\(` is never closed", 5),
        (r"(a + b))", r"`\)` has no opening", 7),
        (r"a + \foo x", r"unknown command `\\foo`", 4),
        (r"P(A \mid B", r"never closed", 1),
        (r"\sum x", r"needs its index", 0),
        (r"\begin{cases} x \end{bmatrix}", r"closed by", 16),
        (r"\int x", r"no differential", 0),
        (r"x \mid y", r"outside the parentheses", 2),
        (r"\mathbb{E}[x]", r"names its variable and distribution", 0),
        ("", "empty formula", 0),
    ],
)
def test_parse_errors_mark_the_position(text, message, position):
    with pytest.raises(ParseError, match=message) as err:
        dx.parse(text)
    assert err.value.position == position
    assert err.value.latex == text
    # the message shows the input with a caret under the culprit
    if text:
        lines = str(err.value).splitlines()
        assert lines[-2].strip() == text and lines[-1].index("^") - 2 == position


@pytest.mark.parametrize(
    "text", ["(" * 5000 + "x" + ")" * 5000, r"\frac{1}{" * 5000 + "x" + "}" * 5000]
)
def test_deep_nesting_is_a_parse_error(text):
    with pytest.raises(ParseError, match="nested more than 100 levels deep"):
        dx.parse(text)


# round trips: tests/test_round_trip.py


# -- expectations ------------------------------------------------------------------------------------------
def test_expectation_over_a_density_is_an_integral_over_the_real_line():
    e = dx.parse(r"\mathbb{E}_{x \sim p}[f(x)]", "f: function")
    assert isinstance(e, sympy.Integral)
    ((var, lo, hi),) = e.limits
    assert (var.name, lo, hi) == ("x", -sympy.oo, sympy.oo)
    assert {str(a) for a in e.function.atoms(AppliedUndef)} == {"p(x)", "f(x)"}
    # with p the standard normal density, E[x^2] = 1
    normal = {"p(x)": r"\frac{1}{\sqrt{2 \pi}} e^{-x^2 / 2}"}
    assert (
        abs(float(dx.evaluate(r"\mathbb{E}_{x \sim p}\left[x^2\right]", {}, define=normal)) - 1.0)
        < 1e-9
    )
    assert abs(float(dx.evaluate(r"\mathbb{E}_{p(x)}[x^4]", {}, define=normal)) - 3.0) < 1e-9


def test_expectation_under_a_gaussian_puts_the_variable_first():
    e = dx.parse(r"\mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}[x]", r"\mathcal{N}: function")
    (app,) = e.atoms(AppliedUndef)
    assert [str(a) for a in app.args] == ["x", r"\mu", r"\sigma**2"]
    gauss = {r"\mathcal{N}(x; m, s)": r"\frac{1}{\sqrt{2 \pi s}} e^{-(x - m)^2 / (2 s)}"}
    value = dx.evaluate(
        r"\mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}[x^2]",
        {"mu": 1.0, "sigma": 2.0},
        r"\mathcal{N}: function",
        define=gauss,
    )
    assert abs(float(value) - 5.0) < 1e-8  # mu^2 + sigma^2


def test_expectation_over_a_simplex_sums_over_its_categories():
    table = "p, q: simplex[K]; r: vector[K]"
    e = dx.parse(r"\mathbb{E}_{k \sim p}[-\log q_k]", table)
    assert isinstance(e, sympy.Sum) and e.limits[0][1:] == (
        1,
        sympy.Symbol("K", integer=True, positive=True),
    )
    p, q = [0.2, 0.5, 0.3], [0.6, 0.1, 0.3]
    want = -sum(pi * np.log(qi) for pi, qi in zip(p, q, strict=True))
    assert abs(float(dx.evaluate(e, {"p": p, "q": q}, table)) - want) < 1e-12
    reward = dx.evaluate(r"\mathbb{E}_{y \sim p}[r_y] - 1", {"p": p, "r": [1.0, 2.0, 4.0]}, table)
    assert abs(float(reward) - (0.2 + 1.0 + 1.2 - 1)) < 1e-12


@pytest.mark.parametrize(
    "text, symbols, message",
    [
        (r"\mathbb{E}[x]", None, r"names its variable and distribution"),
        (r"\mathbb{R}^n", None, r"`\\mathbb\{R\}` is not read"),
        (
            r"\mathbb{E}_{x \sim c}[x]",
            "c: scalar",
            r"`c` is declared scalar; an expectation needs a distribution",
        ),
        (r"\mathbb{E}_{x \sim p}", None, r"argument goes in brackets"),
        (r"\mathbb{E}_{x \sim p}[]", None, r"brackets are empty"),
        (r"x \sim p", None, r"read only in an expectation's subscript"),
        (r"\mathbb{E}_{x \sim p}[x_k]", "p: simplex[K]; x: vector[K]", r"declare it an index"),
    ],
)
def test_expectation_errors_name_what_to_write(text, symbols, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(text, symbols)


# -- readings that used to be silently wrong -------------------------------------------------------------
LINEAR = "W: matrix[m, n]; x, u: vector[n]; b, c: vector[m]"


def test_hadamard_product_binds_less_tightly_than_a_matrix_product():
    for text in (r"b \odot W x", r"b \odot (W x)", r"b \odot \left(W x\right)"):
        e = dx.parse(text, LINEAR)
        assert isinstance(e, sympy.HadamardProduct) and e.shape == (
            sympy.Symbol("m", integer=True, positive=True),
            1,
        )
        W, x, b = (np.array(v) for v in ([[1.0, 2.0], [3.0, -1.0]], [0.5, 2.0], [2.0, -3.0]))
        got = dx.evaluate(e, {"W": W, "x": x, "b": b}, LINEAR)
        assert np.allclose(got, b * (W @ x))


def test_hadamard_product_of_different_shapes_is_an_error():
    with pytest.raises(ParseError, match=r"one shape; the left side is m x 1, the right m x n"):
        dx.parse(r"b \odot W", LINEAR)


@pytest.mark.parametrize(
    "text, f",
    [
        (r"\tanh(W x + b)", np.tanh),
        (r"\exp(W x + b)", np.exp),
        (r"\sin(W x + b)", np.sin),
        (r"\tanh^2(W x + b)", lambda v: np.tanh(v) ** 2),
    ],
)
def test_elementary_functions_apply_entrywise_to_vectors(text, f):
    W, x, b = np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([0.5, -0.25]), np.array([0.1, 0.2])
    got = dx.evaluate(text, {"W": W, "x": x, "b": b}, LINEAR)
    assert np.allclose(got, f(W @ x + b))


@pytest.mark.parametrize(
    "text, want",
    [
        (r"\sin x \cos x", np.sin(0.7) * np.cos(0.7)),
        (r"\tan^{-1}(x)", np.arctan(0.7)),
        (r"\tanh^2 x + 1", np.tanh(0.7) ** 2 + 1),
        (r"\exp{x}", np.exp(0.7)),
        (r"\left|\left|x\right| - 1\right|", abs(abs(0.7) - 1)),
        (r"\lvert \lvert x \rvert - 2 \rvert", abs(abs(0.7) - 2)),
    ],
)
def test_trigonometric_and_absolute_value_readings(text, want):
    assert abs(float(dx.evaluate(text, {"x": 0.7})) - want) < 1e-12


# -- maxima and minima over an index ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, want",
    [
        (r"\max_{i} z_i", 3.0),
        (r"\max_i z_i + 1", 4.0),
        (r"\max_{i=1}^{n} (a_i - b_i)", 2.0),
        (r"\min_{1 \le j \le n} z_j", -1.0),
        (r"\max_{1 \le i < n} z_i", 3.0),
        (r"\min_{2 \le i \le n} a_i b_i", 3.0),
        (
            r"\log \sum_{j=1}^{n} e^{z_j - \max_k z_k} + \max_k z_k",
            float(np.log(np.exp([0.5, 3.0, -1.0]).sum())),
        ),
    ],
)
def test_max_and_min_over_an_index(text, want):
    table = "z, a, b: vector[n]; i, j, k: index"
    values = {"z": [0.5, 3.0, -1.0], "a": [1.0, 2.0, 3.0], "b": [0.0, 5.0, 1.0]}
    e = dx.parse(text, table)
    assert e.has(F.IndexMax)
    used = {k: v for k, v in values.items() if f"{k}_" in text}
    assert abs(float(dx.evaluate(e, used, table)) - want) < 1e-12
    # printed with its range, and read back as the same expression
    assert dx.parse(dx.to_latex(e), table) == e


def test_max_over_an_index_is_differentiated_where_no_entries_tie():
    # the derivative of the entry that attains the maximum (tests/test_extrema_derivatives.py)
    d = dx.derive(r"\max_{i} z_i", "z", "z: vector[n]; i: index")
    np.testing.assert_array_equal(dx.evaluate(d, {"z": [0.5, 3.0, -1.0]}), [0.0, 1.0, 0.0])


@pytest.mark.parametrize(
    "text, message",
    [
        (r"\max_{i \in S} z_i", "over a set is not read"),
        (r"\max_{} z_i", "over an index: write"),
        (r"\max_{n} z_n", "`n` is declared dim"),
    ],
)
def test_max_over_an_index_errors(text, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(text, "z: vector[n]; i: index")


# -- the direct skeleton reader ------------------------------------------------------------------------------
def _every_catalog_formula():
    cat = dx.catalog()
    items = [(eq.latex, eq.table) for eq in cat.values()]
    items += [(t, eq.table) for eq in cat.values() for c in eq.checks for t in (c.claim, *c.given)]
    items += [(d.latex, eq.table) for eq in cat.values() for d in eq.derivatives]
    return items


def test_direct_skeleton_reader_agrees_with_latex2sympy():
    """The arithmetic between placeholders is read directly; latex2sympy reads it the same way
    (the same tree; for two Gaussian derivatives the same value with the constants grouped
    differently)."""
    import re

    from derivax.latex import _bridge, _parse

    items = _every_catalog_formula()

    def readings(fast: bool):
        _bridge.FAST_SKELETONS = fast
        _bridge._READINGS.clear()
        try:
            return [_parse.parse(text, table) for text, table in items]
        finally:
            _bridge.FAST_SKELETONS = True
            _bridge._READINGS.clear()

    def tree(e):
        return re.sub(r"dummy_index=\d+", "", sympy.srepr(e))

    slow, fast = readings(False), readings(True)
    same_tree = 0
    for (text, _), a, b in zip(items, slow, fast, strict=True):
        if tree(a) == tree(b):
            same_tree += 1
            continue
        assert isinstance(a, sympy.Equality), text
        if not a.has(sympy.MatrixExpr):
            assert sympy.simplify(a.rhs - b.rhs) == 0 and sympy.simplify(a.lhs - b.lhs) == 0, text
        else:  # factors of a matrix product grouped differently: the same value at a random point
            assert a.lhs == b.lhs and _same_matrix_value(a.rhs, b.rhs), text
    assert same_tree >= len(items) - 3


def _same_matrix_value(a, b) -> bool:
    """``a`` and ``b`` agree with every size 3, every matrix and scalar random (float64)."""
    rng = np.random.default_rng(7)
    dims = {d for e in (a, b) for m in e.atoms(sympy.MatrixSymbol) for d in m.shape}
    sizes = {s: 3 for d in dims for s in getattr(d, "free_symbols", ())}
    a, b = a.xreplace(sizes), b.xreplace(sizes)
    values = {}
    for m in a.atoms(sympy.MatrixSymbol) | b.atoms(sympy.MatrixSymbol):
        values[m] = sympy.ImmutableMatrix(rng.normal(size=tuple(int(d) for d in m.shape)))
    for s in (a.free_symbols | b.free_symbols) - set(values):
        if isinstance(s, sympy.Symbol):
            values[s] = sympy.Float(rng.uniform(0.5, 2.0))
    da = (
        sympy.Matrix(a.xreplace(values).doit()).evalf()
        if isinstance(a, sympy.MatrixExpr)
        else a.xreplace(values).doit().evalf()
    )
    db = (
        sympy.Matrix(b.xreplace(values).doit()).evalf()
        if isinstance(b, sympy.MatrixExpr)
        else b.xreplace(values).doit().evalf()
    )
    return bool(np.allclose(np.array(da, dtype=float), np.array(db, dtype=float)))


def test_dot_product_of_two_vectors_written_with_cdot():
    table = "x, y: vector[n]"
    for text in (r"\vec{x} \cdot \vec{y}", r"x \cdot y", r"\mathbf{x} \cdot \mathbf{y}"):
        assert float(dx.evaluate(text, {"x": [1.0, 2.0, 0.5], "y": [3.0, -1.0, 4.0]}, table)) == 3.0


def test_max_of_zero_and_a_vector_is_taken_entry_by_entry():
    table = "W: matrix[m, n]; x: vector[n]; b: vector[m]"
    W, x, b = np.array([[1.0, 2.0], [3.0, -4.0]]), np.array([1.0, 1.0]), np.array([0.5, -0.5])
    values = {"W": W, "x": x, "b": b}
    assert np.allclose(dx.evaluate(r"\max(0, W x + b)", values, table), np.maximum(0.0, W @ x + b))
    assert np.allclose(dx.evaluate(r"\min(W x + b, 1)", values, table), np.minimum(W @ x + b, 1.0))


def test_pi_with_a_subscript_is_a_name():
    e = dx.parse(r"\sum_{k=1}^{K} \pi_k x_k", "x: vector[K]")
    assert float(dx.evaluate(e, {"pi": [0.25, 0.75], "x": [2.0, 4.0]}, "x: vector[K]")) == 3.5
    assert dx.parse(r"2 \pi r") == 2 * sympy.pi * sympy.Symbol("r", real=True)


@pytest.mark.parametrize(
    "text, applications",
    [
        (r"p_{\theta}(x \mid z) + p_{\theta}(z)", {r"p_{\theta}(Given(x, z))", r"p_{\theta}(z)"}),
        (r"q_\phi(z \mid x) q_\phi(z)", {r"q_{\phi}(Given(z, x))", r"q_{\phi}(z)"}),
        (
            r"\hat{p}_{\theta}(y \mid x) \hat{p}_{\theta}(x)",
            {r"\hat{p}_{\theta}(Given(y, x))", r"\hat{p}_{\theta}(x)"},
        ),
    ],
)
def test_a_subscripted_probability_is_a_function_everywhere_in_the_formula(text, applications):
    assert {str(a) for a in dx.parse(text).atoms(AppliedUndef)} == applications


def test_a_sample_superscript_inside_a_sum_is_an_entry():
    e = dx.parse(r"\sum_{i=1}^{m} x^{(i)}", "x: vector[m]")
    assert isinstance(e, sympy.Sum) and str(e.function) == "x[i]"
    assert float(dx.evaluate(e, {"x": [1.0, 2.0, 4.0]}, "x: vector[m]")) == 7.0
    # declared with its superscript, it stays a name; a matrix has no sample reading
    assert str(dx.parse(r"x^{(i)}", "x^{(i)}: vector[d]")) == "x^{(i)}"
    with pytest.raises(ParseError, match=r"declare `X` a vector"):
        dx.parse(r"\sum_{i=1}^{m} X^{(i)}", "X: matrix[m, n]")
