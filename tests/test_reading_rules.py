"""The reader's rules where two readings differ in value: each kind of misreading found on outside
material, read right (checked against NumPy written from the definition) or refused with a
ParseError that says what to declare. Each kind is tried in more than one surrounding.

Float64 throughout (conftest.py turns on JAX's x64 mode)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import scipy.linalg
import scipy.special
import sympy

import derivax as dx
from derivax import ParseError
from derivax import _functions as F
from derivax.latex import reading

rng = np.random.default_rng(20261129)


def value(latex, values, symbols=None):
    return np.asarray(dx.evaluate(latex, values, symbols), dtype=float)


# 1. a subscript after a superscript belongs to the base ---------------------------------------
@pytest.mark.parametrize(
    "latex, expect",
    [
        (r"\sigma^2_t", 0.09),
        (r"\sigma^2_t - \sigma_t^2", 0.0),
        (r"\frac{1}{\sigma^2_t} + x^{2}_{t}", 1 / 0.09 + 4.0),
        (r"\sqrt{\alpha^2_t + 1}", math.sqrt(0.25 + 1)),
    ],
)
def test_subscript_after_superscript(latex, expect):
    values = {"sigma_t": 0.3, "x_t": 2.0, "alpha_t": 0.5}
    e = dx.parse(latex)
    used = {
        k: v for k, v in values.items() if any(k.split("_")[0] in s.name for s in e.free_symbols)
    }
    assert float(value(latex, used)) == pytest.approx(expect)


def test_subscript_after_superscript_claim_is_proved():
    assert dx.check(r"\sigma^2_t = \sigma_t^2").status == "proved"


def test_subscript_after_a_transpose_is_refused():
    with pytest.raises(ParseError, match=r"two readings"):
        dx.parse(r"A^\top_{ij}", "A: matrix[n, n]; i, j: index")


# 2. ^T of a scalar is a power ---------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, values, expect",
    [
        ("2^T", {"T": 10}, 1024.0),
        (r"\gamma^T", {"gamma": 0.9, "T": 3}, 0.729),
        (r"\frac{1 - \beta^T}{1 - \beta}", {"beta": 0.5, "T": 4}, (1 - 0.5**4) / 0.5),
    ],
)
def test_T_of_a_scalar_is_a_power(latex, values, expect):
    assert float(value(latex, values)) == pytest.approx(expect)
    assert any("power T" in r for r in reading(latex).rules)


def test_T_of_a_matrix_is_a_transpose():
    A = rng.normal(size=(3, 2))
    x = rng.normal(size=3)
    assert np.allclose(value("A^T x", {"A": A, "x": x}, "A: matrix[m, n]; x: vector[m]"), A.T @ x)


# 3. the identity matrix -------------------------------------------------------------------
def test_ridge_solution_reads_I_as_the_identity():
    X, y = rng.normal(size=(5, 3)), rng.normal(size=5)
    lam = 0.7
    table = "X: matrix[m, n]; y: vector[m]"
    want = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y)
    for latex in (
        r"(X^\top X + \lambda I)^{-1} X^\top y",
        r"(X^\top X + \lambda \mathbf{I})^{-1} X^\top y",
        r"(\lambda \mathbb{I} + X^\top X)^{-1} X^\top y",
        r"(X^\top X + \lambda I_n)^{-1} X^\top y",
    ):
        got = value(latex, {"X": X, "y": y, "lambda": lam}, table + "; n: dim")
        assert np.allclose(np.ravel(got), want), latex
        assert any("identity matrix" in r for r in reading(latex, table + "; n: dim").rules)


def test_identity_declared_and_in_claims():
    table = "A: matrix[n, n]; x: vector[n]; I: identity[n]"
    A, x = rng.normal(size=(3, 3)), rng.normal(size=3)
    assert np.allclose(np.ravel(value("(I - A) x", {"A": A, "x": x}, table)), x - A @ x)
    assert dx.check("A I = A", "A: matrix[n, n]").status == "proved"
    assert dx.check("(A + I) x = A x + x", "A: matrix[n, n]; x: vector[n]").status == "proved"


def test_I_among_scalars_is_a_scalar_and_mixed_use_is_refused():
    assert float(value(r"I \cdot 2 + 1", {"I": 3.0})) == 7.0
    with pytest.raises(ParseError, match=r"declare `I: identity\[n\]` or `I: scalar`"):
        dx.parse(r"\operatorname{tr}(A + I) + I", "A: matrix[n, n]")
    with pytest.raises(ParseError, match="not square"):
        dx.parse("I + x", "x: vector[n]")


# 4. one rule for a function written without parentheses -----------------------------------
@pytest.mark.parametrize(
    "latex, f",
    [
        (r"\log \frac{1}{n} \sum_j e^{z_j}", lambda z: np.log(np.mean(np.exp(z)))),
        (r"\log \sum_j \exp(z_j)", lambda z: np.log(np.sum(np.exp(z)))),
        (r"\exp \sum_{j=1}^{n} z_j", lambda z: np.exp(np.sum(z))),
        (r"\log \sum_j e^{z_j} + 1", lambda z: np.log(np.sum(np.exp(z))) + 1),
        (r"\sin \frac{1}{2} \sum_j z_j", lambda z: np.sin(0.5 * np.sum(z))),
    ],
)
def test_a_function_without_parentheses_takes_the_sum_that_follows(latex, f):
    z = np.array([0.3, -1.2, 2.0])
    assert float(value(latex, {"z": z}, "z: vector[n]; j: index")) == pytest.approx(f(z))


def test_a_function_without_parentheses_stops_at_the_next_function():
    assert float(value(r"\log x y", {"x": 2.0, "y": 3.0})) == pytest.approx(math.log(6))
    assert float(value(r"\sin x \cos x", {"x": 0.4})) == pytest.approx(
        math.sin(0.4) * math.cos(0.4)
    )


# 5. a size as a subscript is the last entry ---------------------------------------------------
@pytest.mark.parametrize(
    "latex, f",
    [
        ("x_n - x_1", lambda x: x[-1] - x[0]),
        ("x_{n-1} + x_n", lambda x: x[-2] + x[-1]),
        (r"\frac{x_n}{\sum_{i=1}^{n} x_i}", lambda x: x[-1] / x.sum()),
    ],
)
def test_a_size_as_a_subscript_is_the_last_entry(latex, f):
    x = np.array([1.0, 2.0, 5.0, 7.0])
    assert float(value(latex, {"x": x}, "x: vector[n]")) == pytest.approx(f(x))


def test_a_size_as_a_subscript_of_an_undeclared_name_is_a_name():
    e = dx.parse(r"\mathcal{L}_K + w_K", "K: dim")
    assert {s.name for s in e.free_symbols} == {r"\mathcal{L}_{K}", "w_{K}"}


# 6. the 2-norm of a matrix is its spectral norm ------------------------------------------------
def test_matrix_norms():
    A = rng.normal(size=(4, 3))
    table = "A: matrix[m, n]"
    assert float(value(r"\|A\|_2", {"A": A}, table)) == pytest.approx(np.linalg.norm(A, 2))
    assert float(value(r"\|A\|_F", {"A": A}, table)) == pytest.approx(np.linalg.norm(A))
    assert float(value(r"\frac{\|A\|_2}{\|A\|_F}", {"A": A}, table)) == pytest.approx(
        np.linalg.norm(A, 2) / np.linalg.norm(A)
    )
    with pytest.raises(ParseError, match="spectral norm or"):
        dx.parse(r"\|A\|", table)
    assert float(value(r"\|x\|", {"x": [3.0, 4.0]}, "x: vector[n]")) == 5.0


# the Frobenius subscript in every font notes set it in; a letter in a font that is no norm's name
# stays refused, naming the subscript as written
@pytest.mark.parametrize(
    "sub",
    [r"_\textrm{F}", r"_{\mathrm{F}}", r"_{\text{F}}", r"_{\mathrm{Fro}}", r"_\mathsf{F}", "_{F}"],
)
def test_the_frobenius_subscript_in_any_font(sub):
    A = rng.normal(size=(3, 2))
    got = float(value(rf"\|A\|{sub}^2", {"A": A}, "A: matrix[m, n]"))
    assert got == pytest.approx(float(np.sum(A * A)))
    x = rng.normal(size=3)  # of a vector: its 2-norm
    assert float(value(rf"\|x\|{sub}", {"x": x}, "x: vector[n]")) == pytest.approx(
        float(np.sqrt(x @ x))
    )


def test_a_norm_subscript_in_a_font_that_names_no_norm_is_refused():
    with pytest.raises(ParseError, match=r"the norm `_\\mathrm\{X\}` is not read"):
        dx.parse(r"\|A\|_{\mathrm{X}}", "A: matrix[m, n]")


# 7. spacing between digits ------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, expect",
    [
        (r"10\,000", 10000),
        ("3 4", 34),
        (r"1\,000\,000 + 1", 1000001),
        ("10{,}000", 10000),
        (r"2^3 4", 32),
    ],
)
def test_spacing_between_digits(latex, expect):
    assert float(value(latex, {})) == expect


@pytest.mark.parametrize(
    "latex, message",
    [
        ("1.1.1", "not a number"),
        ("x^10", r"write `\^\{10\}`"),
        ("2_10", r"write `_\{10\}`"),
    ],
)
def test_numbers_tex_would_set_otherwise_are_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex)


# 8. named functions, and unknown ones refused ------------------------------------------------
@pytest.mark.parametrize(
    "latex, f, x",
    [
        (r"\operatorname{floor}(x)", math.floor, 2.7),
        (r"\lfloor x \rfloor + \lceil x \rceil", lambda x: math.floor(x) + math.ceil(x), 2.3),
        (r"\operatorname{arcsinh}(x)", math.asinh, 0.8),
        (r"\operatorname{arctanh} x", math.atanh, 0.4),
        (r"\Gamma(x)", math.gamma, 3.5),
        (r"\log\Gamma(x)", math.lgamma, 4.2),
        (r"\operatorname{erf}(x / \sqrt{2})", lambda x: math.erf(x / math.sqrt(2)), 0.6),
        (r"\operatorname{digamma}(x)", lambda x: float(scipy.special.digamma(x)), 1.7),
        (r"\binom{5}{x}", lambda x: math.comb(5, int(x)), 2.0),
    ],
)
def test_named_functions(latex, f, x):
    assert float(value(latex, {"x": x})) == pytest.approx(f(x), rel=1e-9)


# a word with one standard meaning derivax does not read is refused; any other undeclared word
# applied is an unspecified function (tests/test_note_notation.py)
@pytest.mark.parametrize(
    "latex", [r"\operatorname{gcd}(32)", r"\operatorname{lcm}(x)", r"\mathrm{sinc}(x)"]
)
def test_unknown_named_functions_are_refused(latex):
    with pytest.raises(ParseError, match=r"unknown function .*declare `\w+: function`"):
        dx.parse(latex)


def test_a_declared_function_of_two_arguments():
    e = dx.parse("f(x, y) + 1", "f: function")
    assert isinstance(e.args[1] if e.args[0] == 1 else e.args[0], sympy.core.function.AppliedUndef)


# 9. an operator derivative of an undeclared name, and != -------------------------------------
def test_operator_derivative_of_an_undeclared_name_is_named_with_its_body():
    r = reading(r"\frac{d}{dt} x")
    # an opaque input of its own, named as written (and marked, so a refutation through it is
    # never reported as one)
    assert isinstance(r.expr, F.Opaque) and r.expr.name == r"\frac{dx}{dt}"
    assert r.expr == dx.parse(r"\frac{dx}{dt}") == dx.parse(r"\frac{d x}{d t}")
    assert any("input of its own" in rule for rule in r.rules)
    assert float(value(r"\frac{d}{dx} x^3", {"x": 2.0})) == 12.0


@pytest.mark.parametrize(
    "latex", ["a^2 + b^2 != 2c^2", r"a^2 + b^2 \ne 2c^2", r"a^2 + b^2 \neq 2 c^2"]
)
def test_not_equal(latex):
    e = dx.parse(latex)
    assert isinstance(e, sympy.Ne) and not e.has(sympy.factorial)


# 10. \varepsilon and \epsilon are two symbols ------------------------------------------------
def test_varepsilon_is_not_epsilon():
    e = dx.parse(r"\epsilon + \varepsilon")
    assert len(e.free_symbols) == 2
    assert float(value(r"\epsilon + 2 \varepsilon", {"epsilon": 1.0, "varepsilon": 10.0})) == 21.0


# 11. an empty sum is 0 ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, n, expect",
    [
        (r"\sum_{i=3}^{n} 1", 1, 0.0),
        (r"\sum_{i=3}^{n} 1", 5, 3.0),
        (r"\sum_{i=2}^{n} i^2", 1, 0.0),
        (r"\sum_{i=2}^{n} i^2", 3, 13.0),
    ],
)
def test_empty_sums_are_zero(latex, n, expect):
    assert float(value(latex, {"n": n}, "n: dim")) == expect
    f = dx.compile(latex, symbols="n: dim")
    assert float(f(n)) == expect


def test_empty_sum_over_a_vector_is_zero():
    assert float(value(r"\sum_{i=3}^{n} x_i", {"x": [1.0, 2.0]}, "x: vector[n]")) == 0.0


# 12. \lambda as an argument ----------------------------------------------------------------
def test_lambda_is_an_argument_named_lambda():
    f = dx.compile(r"\lambda \|w\|_2^2", symbols="w: vector[n]")
    assert set(f.args) == {r"\lambda", "w"}
    assert float(f(w=np.array([1.0, 2.0]), **{"lambda": 0.5})) == pytest.approx(2.5)
    assert float(value(r"\lambda x", {"lambda": 3.0, "x": 2.0})) == 6.0


# valid notation that was refused ------------------------------------------------------------
def test_functions_of_vectors_entry_by_entry():
    m, v = np.array([1.0, -2.0, 3.0]), np.array([4.0, 9.0, 16.0])
    table = "m, v: vector[n]"
    eps = 1e-8
    cases = [
        (r"\sqrt{v}", {"v": v}, np.sqrt(v)),
        ("v^2", {"v": v}, v**2),
        ("1/v", {"v": v}, 1 / v),
        (
            r"\frac{m}{\sqrt{v} + \epsilon}",
            {"m": m, "v": v, "epsilon": eps},
            m / (np.sqrt(v) + eps),
        ),
        (r"\frac{2 m}{v}", {"m": m, "v": v}, 2 * m / v),
    ]
    for latex, values, want in cases:
        assert np.allclose(np.ravel(value(latex, values, table)), want), latex


def test_matrix_square_root_in_the_frechet_distance():
    table = r"\Sigma_1, \Sigma_2: spd[n]; \mu_1, \mu_2: vector[n]"
    fid = r"\|\mu_1 - \mu_2\|_2^2 + \operatorname{tr}(\Sigma_1 + \Sigma_2 - 2 (\Sigma_1 \Sigma_2)^{1/2})"
    A, B = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
    s1, s2 = A @ A.T + 0.5 * np.eye(4), B @ B.T + 0.1 * np.eye(4)
    m1, m2 = rng.normal(size=4), rng.normal(size=4)
    want = np.sum((m1 - m2) ** 2) + np.trace(s1 + s2 - 2 * scipy.linalg.sqrtm(s1 @ s2).real)
    inputs = {r"\Sigma_1": s1, r"\Sigma_2": s2, r"\mu_1": m1, r"\mu_2": m2}
    assert float(value(fid, inputs, table)) == pytest.approx(want, rel=1e-9)
    f = dx.compile(fid, symbols=table)
    assert float(f(**{"Sigma_1": s1, "Sigma_2": s2, "mu_1": m1, "mu_2": m2})) == pytest.approx(
        want, rel=1e-9
    )


def test_fractions_without_braces():
    assert float(value(r"\frac12", {})) == 0.5
    assert float(value(r"\frac2{3}", {})) == pytest.approx(2 / 3)
    assert float(value(r"\frac\alpha\beta", {"alpha": 1.0, "beta": 4.0})) == 0.25


def test_subscript_after_parentheses():
    X, w = rng.normal(size=(4, 3)), rng.normal(size=3)
    table = "X: matrix[m, n]; w: vector[n]; i: index"
    assert np.allclose(value("(X w)_i", {"X": X, "w": w}, table), X @ w)
    assert float(value(r"\sum_i (X w)_i^2", {"X": X, "w": w}, table)) == pytest.approx(
        np.sum((X @ w) ** 2)
    )
    assert float(value("(X w)_2", {"X": X, "w": w}, table)) == pytest.approx((X @ w)[1])
    A = rng.normal(size=(3, 3))
    assert np.allclose(value(r"(A^\top)_{ij}", {"A": A}, "A: matrix[n, n]; i, j: index"), A.T)


def test_reading_lists_no_rule_for_plain_formulas():
    assert (
        reading(r"\frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}", "z: vector[n]; j, k: index").rules == ()
    )


@pytest.mark.parametrize(
    "latex, message",
    [
        ("2.5E2", "E-notation"),
        ("1500E-1", "E-notation"),
        (r"\max(1, 3E2)", "E-notation"),
        (r"a = 1 \text{ and } b = 2", "prose"),
        (r"\text{(b)}", "prose"),
    ],
)
def test_program_notation_and_prose_are_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex)


def test_argmax_written_with_operatorname():
    for latex in (
        r"\operatorname{arg\,max}_x f(x)",
        r"\operatorname{argmax}_x f(x)",
        r"\operatorname*{arg\,max}_x f(x)",
    ):
        assert type(dx.parse(latex, "f: function")).__name__ == "argmax"


# found on outside material (tests/test_latex_outside.py's sources) ------------------------------
def test_an_array_for_an_undeclared_scalar_is_refused():
    with pytest.raises(dx.ShapeError, match="not declared, so it is a scalar"):
        dx.evaluate(r"\|x\|_2", {"x": [3.0, 4.0]})
    assert np.allclose(
        value("x^2", {"x": [3.0, 4.0]}, "x: scalar"), [9.0, 16.0]
    )  # a declared batch


def test_bars_around_a_vector_are_entrywise_and_adamax_reads_right():
    table = "u, g: vector[n]"
    assert np.allclose(
        value("|x - y|", {"x": [-3.0, 4.0], "y": [1.0, 1.0]}, "x, y: vector[n]"), [4.0, 3.0]
    )
    # Kingma & Ba 2015, AdaMax (Algorithm 2): u_t = max(beta_2 u_{t-1}, |g_t|), entry by entry
    got = value(
        r"\max(\beta_2 \cdot u, |g|)", {"u": [1.0, 2.0], "g": [-3.0, 0.5], "beta_2": 0.5}, table
    )
    assert np.allclose(np.ravel(got), np.maximum(0.5 * np.array([1.0, 2.0]), np.abs([-3.0, 0.5])))
    assert np.allclose(
        np.ravel(value(r"\min(u, g)", {"u": [1.0, 2.0], "g": [-3.0, 2.5]}, table)), [-3.0, 2.0]
    )


def test_two_vectors_side_by_side():
    table = "x, y, v, g: vector[n]"
    assert float(value(r"x \cdot y", {"x": [1.0, 2.0], "y": [3.0, 4.0]}, table)) == 11.0
    with pytest.raises(ParseError, match="side by side"):
        dx.parse("x y", table)
    # RMSprop as printed (Hinton's lecture 6e): the step is per coordinate
    got = value(
        r"\frac{\eta}{\sqrt{v} + \epsilon} g",
        {"eta": 1.0, "v": [4.0, 9.0], "g": [1.0, 1.0], "epsilon": 0.0},
        table,
    )
    assert np.allclose(np.ravel(got), [0.5, 1 / 3])
    # AdaGrad (Duchi et al. 2011): diag(G)^{-1/2} g
    got = value(
        r"\operatorname{diag}(G)^{-1/2} g",
        {"G": [[4.0, 1.0], [1.0, 9.0]], "g": [1.0, 1.0]},
        "G: matrix[n, n]; g: vector[n]",
    )
    assert np.allclose(np.ravel(got), [0.5, 1 / 3])


@pytest.mark.parametrize(
    "latex, table",
    [
        ("A + x", "A: matrix[n, n]; x: vector[n]"),
        (r"(K + \sigma^2 I) + y", "K: spd[n]; y: vector[n]"),
        ("x W + b", "x: matrix[n, d]; W: matrix[d, n]; b: vector[n]"),
    ],
)
def test_a_vector_added_to_a_square_matrix_is_refused(latex, table):
    # rows and columns have the vector's size: adding it to every row or to every column differ
    with pytest.raises(ParseError, match="cannot add"):
        dx.parse(latex, table)


def test_a_vector_matching_one_side_of_a_matrix_is_added_along_it():
    x, W = rng.normal(size=(4, 2)), rng.normal(size=(2, 3))
    b, c = rng.normal(size=3), rng.normal(size=4)
    table = "x: matrix[m, d]; W: matrix[d, h]; b: vector[h]; c: vector[m]"
    got = dx.evaluate("x W + b", {"x": x, "W": W, "b": b}, table)
    np.testing.assert_allclose(got, x @ W + b, rtol=1e-14)
    got = dx.evaluate("c + x W", {"x": x, "W": W, "c": c}, table)
    np.testing.assert_allclose(got, x @ W + c[:, None], rtol=1e-14)


def test_a_fraction_of_two_matrices_is_refused_and_of_a_matrix_under_one_is_its_inverse():
    with pytest.raises(ParseError, match="two readings"):
        dx.parse(r"\frac{B}{A}", "A, B: matrix[n, n]")
    A, x = np.array([[2.0, 0.5], [0.5, 1.0]]), np.array([1.0, -1.0])
    assert np.allclose(
        np.ravel(value(r"\frac{1}{A} x", {"A": A, "x": x}, "A: matrix[n, n]; x: vector[n]")),
        np.linalg.solve(A, x),
    )
    assert float(value(r"\frac{a}{b} + \frac{1}{2}", {"a": 1.0, "b": 4.0})) == 0.75


def test_a_command_as_an_unbraced_script_takes_its_group():
    # Ioffe & Szegedy 2015, Algorithm 1 writes \mu_\mathcal{B} and \sigma_\mathcal{B}^2
    assert dx.parse(r"\mu_\mathcal{B}") == dx.parse(r"\mu_{\mathcal{B}}")
    assert dx.parse(r"\sigma^2_\mathcal{B}") == dx.parse(r"\sigma_{\mathcal{B}}^2")
    x, y = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    assert float(value(r"x^\mathsf{T} y", {"x": x, "y": y}, "x, y: vector[n]")) == 1.0


def test_names_declared_with_a_superscript_and_labels():
    w = np.array([3.0, 4.0])
    assert float(value(r"\|w^l\|", {"w^l": w}, "w^l: vector[n]")) == 5.0
    a = np.array([1.0, 2.0, 6.0])
    assert float(value(r"\frac{1}{H}\sum_{i=1}^{H} a_i^l", {"a^l": a}, "a^l: vector[H]")) == 3.0
    assert dx.parse(r"V_t^{\mathrm{targ}}").free_symbols == {
        sympy.Symbol(r"V_{t}^{targ}", real=True)
    }
    with pytest.raises(ParseError, match="usually a label"):
        dx.parse(r"L^{vf}_t")
    # capitals written together, none declared, are the label the message suggests
    assert dx.parse(r"L^{VF}_t").free_symbols == {sympy.Symbol(r"L_{t}^{VF}", real=True)}
    assert float(value(r"e^{ax}", {"a": 2.0, "x": 0.5})) == pytest.approx(
        math.e
    )  # e^{ax} stays a power


def test_an_entry_of_a_declared_vector_with_a_comma_subscript():
    # the KL between diagonal Gaussians, written with \sigma_{1,i}
    table = r"\sigma_1, \sigma_2: vector[d]; i: index"
    kl = (
        r"\frac{1}{2}\sum_{i=1}^{d} \left(\frac{\sigma_{1,i}^2}{\sigma_{2,i}^2} - 1 - "
        r"\log\frac{\sigma_{1,i}^2}{\sigma_{2,i}^2}\right)"
    )
    s1, s2 = np.array([0.5, 1.2]), np.array([1.0, 0.8])
    want = 0.5 * np.sum(s1**2 / s2**2 - 1 - np.log(s1**2 / s2**2))
    assert float(value(kl, {"sigma_1": s1, "sigma_2": s2}, table)) == pytest.approx(want)


def test_a_prime_on_a_declared_vector_is_a_vector_of_its_own():
    table = "x: vector[n]"
    got = value(r"\exp(-\|x - x'\|^2)", {"x": [1.0, 2.0], "x'": [1.0, 2.5]}, table)
    assert float(got) == pytest.approx(math.exp(-0.25))
    assert float(value(r"x^\top x'", {"x": [1.0, 2.0], "x'": [1.0, 2.5]}, table)) == 6.0
    with pytest.raises(ParseError, match="two readings"):
        dx.parse("X' y", "X: matrix[m, n]; y: vector[m]")


@pytest.mark.parametrize(
    "latex, table, values, want",
    [
        (r"\sum_{j \neq i} x_j", "x: vector[n]; i: index", {"x": [1.0, 2.0, 3.0]}, [5.0, 4.0, 3.0]),
        (
            r"\sum_{j=1, j \ne i}^{n} x_j",
            "x: vector[n]; i: index",
            {"x": [1.0, 2.0, 3.0]},
            [5.0, 4.0, 3.0],
        ),
    ],
)
def test_a_sum_that_skips_one_value(latex, table, values, want):
    assert np.allclose(value(latex, values, table), want)


def test_a_skipped_index_in_the_summand_and_nowhere_else_is_refused_naming_both_readings():
    # Weston & Watkins 1999, the multiclass hinge for one true class y, and t-SNE's normaliser
    # over the pairs k != l: the same spelling, two values
    for latex, table in (
        (r"\sum_{j \ne y} \max(0, s_j - s_y + 1)", "s: vector[n]; j, y: index"),
        (r"\sum_{k \neq l} (1 + D_{kl})^{-1}", "D: matrix[n, n]; k, l: index"),
    ):
        with pytest.raises(ParseError, match="reads two ways"):
            dx.parse(latex, table)


def test_other_conditions_under_a_sum_are_refused():
    # j only in the condition: the pairs, or the entries before one fixed j
    with pytest.raises(ParseError, match="condition such as"):
        dx.parse(r"\sum_{i<j} x_i", "x: vector[n]; i, j: index")
    with pytest.raises(ParseError, match="condition such as"):
        dx.parse(r"\sum_{i < 2 j} x_i x_j", "x: vector[n]; i, j: index")


def test_a_summation_index_inside_a_name_is_refused_and_an_offset_entry_reads():
    with pytest.raises(ParseError, match="contains the summation index `k`"):
        dx.parse(r"\sum_{k=0}^{2} \gamma^k R_{t+k+1}")
    # Sutton & Barto 2018, eq. 3.8, with t an index and R a vector of rewards
    R = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    got = value(
        r"\sum_{k=0}^{2} \gamma^k R_{t+k+1}", {"R": R, "gamma": 0.5}, "R: vector[T]; t: index"
    )
    assert np.allclose(got, [sum(0.5**k * R[t + k] for k in range(3)) for t in range(len(R) - 2)])


def test_a_declared_policy_pi_alone_is_refused():
    with pytest.raises(ParseError, match="number pi"):
        dx.parse(r"\log(\pi\sigma^2)", r"\pi: simplex[n]")
    # right after a number it is the constant (tests/test_pi_and_defined_heads.py)
    got = dx.parse(r"\log(2\pi\sigma^2)", r"\pi: simplex[n]; \sigma: scalar, positive")
    assert got.has(sympy.pi)
    assert float(value(r"\log(2\pi)", {})) == pytest.approx(math.log(2 * math.pi))


@pytest.mark.parametrize(
    "latex", [r"\mathrm{E}[x]", r"\hat{\mathbb{E}}_t[r_t A_t]", r"E[g^2]_t", r"\mathrm{Var}[x]"]
)
def test_operators_applied_with_brackets_are_refused(latex):
    with pytest.raises(
        ParseError, match=r"expectation is written|unknown function|not declared a random variable"
    ):
        dx.parse(latex)


def test_factorial_infinity_norm_and_assignment_arrows():
    assert float(value(r"\log(y!)", {"y": 4.0})) == pytest.approx(math.log(24))  # Poisson NLL
    assert float(value(r"\|x\|_\infty", {"x": [1.0, -5.0, 3.0]}, "x: vector[n]")) == 5.0
    for arrow in (r"\leftarrow", r"\gets"):
        e = dx.parse(rf"\theta {arrow} \theta - \eta g")
        assert isinstance(e, sympy.Eq)
        assert float(
            value(rf"\theta {arrow} \theta - \eta g", {"theta": 1.0, "eta": 0.1, "g": 2.0})
        ) == pytest.approx(0.8)


def test_notation_papers_use_that_was_refused():
    # Kullback-Leibler with a double bar (Kingma & Welling, App. B)
    p, q = np.array([0.2, 0.8]), np.array([0.5, 0.5])
    kl = value(
        r"D_{KL}(q \| p) = \sum_i q_i \log \frac{q_i}{p_i}",
        {"p": p, "q": q},
        "p, q: simplex[n]; i: index",
    )
    assert float(kl) == pytest.approx(float(np.sum(q * np.log(q / p))))
    # Bishop eq. 2.43 writes \exp\{...\}; the triplet loss writes \max\{..., 0\}
    assert float(value(r"\exp\left\{-\frac{x^2}{2}\right\}", {"x": 1.0})) == pytest.approx(
        math.exp(-0.5)
    )
    assert float(value(r"\max\{a - b + 1, 0\}", {"a": 0.2, "b": 0.5})) == pytest.approx(0.7)
    # Huber 1964, with the punctuation of a displayed case distinction
    huber = (
        r"\begin{cases} \frac12 a^2, & |a| \le \delta, \\ \delta (|a| - \frac12 \delta), & "
        r"\text{otherwise.} \end{cases}"
    )
    assert [float(value(huber, {"a": a, "delta": 1.0})) for a in (0.5, 3.0)] == [0.125, 2.5]


def test_an_undeclared_name_applied_to_several_arguments_says_what_to_declare():
    with pytest.raises(ParseError, match=r"declare `k: function`"):
        dx.parse(r"x_p x_q = k(x_p, x_q)")
    # opening the formula, right before its `=`, it is the function the formula defines
    # (tests/test_defining_left_side.py)
    assert str(dx.parse(r"k(x_p, x_q) = x_p x_q").lhs.func) == "k"


# -- a product whose declared sizes cannot agree --------------------------------------------------
@pytest.mark.parametrize(
    "latex, sizes",
    [
        (r"w^\top X", "n and m"),  # X: m x n, w: n -- the author meant X w or w: vector[m]
        (r"A X", "n and m"),
        (r"w^\top \left(A \otimes A\right)", "n and n**2"),
        (
            r"\begin{pmatrix}1 & 2 & 3\\4 & 5 & 6\end{pmatrix} \begin{pmatrix}1 & 2\\3 & 4\end{pmatrix}",
            "3 and 2",
        ),
    ],
)
def test_a_product_whose_sizes_differ_is_refused(latex, sizes):
    """Sums were already refused for shapes that differ; a product was read as if the two sizes
    were one, which only fails later, when numbers of other sizes arrive."""
    with pytest.raises(dx.ParseError, match=f"the sizes {re.escape(sizes)} differ"):
        dx.parse(latex, "X: matrix[m, n]; w: vector[n]; A: matrix[n, n]")


def test_a_written_out_matrix_fixes_a_size_name_it_meets():
    """A number and a size name may agree: the size takes the number's value."""
    e = dx.parse(r"\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix} w", "w: vector[n]")
    got = dx.evaluate(e, {"w": np.array([1.0, -1.0])}, "w: vector[n]")
    np.testing.assert_allclose(np.asarray(got, dtype=float).reshape(-1), [-1.0, -1.0])
    assert dx.parse(r"y^\top X w", "X: matrix[m, n]; w: vector[n]; y: vector[m]") is not None


# -- the indicator \mathbb{1}[c] ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex",
    [r"\mathbb{1}[x > 0]", r"\mathbb{1}\{x > 0\}", r"\mathbb{1}_{x > 0}", r"\mathbf{1}[x > 0]"],
)
def test_the_indicator_is_one_where_its_condition_holds(latex):
    for x0, want in ((-0.5, 0.0), (0.0, 0.0), (1e-300, 1.0), (2.0, 1.0)):
        assert float(dx.evaluate(latex, {"x": x0}, "x: scalar")) == want
    assert any("indicator" in r for r in reading(latex, "x: scalar").rules)


def test_the_hinge_subgradient_written_with_an_indicator_matches_the_derived_one():
    table = "w, v: vector[n]; y: scalar"
    written = r"-y \mathbb{1}[y w^\top v < 1] v"
    derived = dx.grad(r"\max(0, 1 - y w^\top v)", "w", table)
    rng = np.random.default_rng(9)
    for _ in range(5):
        w0, v0, y0 = rng.normal(size=3), rng.normal(size=3), float(rng.choice([-1.0, 1.0]))
        want = -y0 * float(y0 * (w0 @ v0) < 1) * v0  # from the definition
        values = {"w": w0, "v": v0, "y": y0}
        got = np.asarray(dx.evaluate(written, values, table), dtype=float).reshape(-1)
        np.testing.assert_allclose(got, want)
        np.testing.assert_allclose(
            np.asarray(dx.evaluate(derived, values, table), dtype=float).reshape(-1), want
        )


@pytest.mark.parametrize(
    "latex, message",
    [
        (r"\mathbb{1}[x]", "needs a condition"),
        (r"\mathbb{1}[w > 0]", "entry by entry"),
    ],
)
def test_an_indicator_without_a_scalar_condition_is_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, "x: scalar; w: vector[n]")
    # with a size it is the vector of ones, as before
    assert dx.parse(r"\mathbb{1}_{n}", "n: dim").shape[1] == 1


# a condition of `cases` that is a membership in an interval: closed ends by brackets, open by
# parentheses, its negation by \notin; other memberships are refused, naming what is read
@pytest.mark.parametrize(
    "interval, inside",
    [
        ("[0, 1]", lambda x: 0 <= x <= 1),
        ("(0, 1]", lambda x: 0 < x <= 1),
        ("[0, 1)", lambda x: 0 <= x < 1),
        ("(0,1)", lambda x: 0 < x < 1),
        (r"\left[-1, 2\right]", lambda x: -1 <= x <= 2),
    ],
)
@pytest.mark.parametrize("otherwise", [r"\text{otherwise}", r"\operatorname{otherwise}."])
def test_a_condition_in_an_interval(interval, inside, otherwise):
    for op, negate in ((r"\in", False), (r"\notin", True)):
        latex = rf"\begin{{cases}} 1 & x {op} {interval}, \\ 0 & {otherwise} \end{{cases}}"
        # the ends themselves and points on either side of each
        for x in (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5):
            want = float(inside(x) != negate)
            assert float(value(latex, {"x": x}, "x: scalar")) == want, (latex, x)


def test_a_membership_that_is_no_interval_is_refused():
    for cond in (r"x \in \mathbb{R}", r"x \in S", r"x \in [0, 1, 2]"):
        with pytest.raises(ParseError, match=r"an interval|two ends"):
            dx.parse(
                rf"\begin{{cases}} 1 & {cond} \\ 0 & \text{{otherwise}} \end{{cases}}", "x: scalar"
            )


# a name declared scalar, written with the index of the sum around it: one number for every term
# is not what the author wrote, so it is refused; outside any sum (or with another index) the
# subscripted name is still a name of its own
@pytest.mark.parametrize(
    "latex, bad",
    [
        (r"\sum_{i=1}^{n} x_i p_i", "p_{i}"),
        (r"\prod_{i=1}^{n} p_i", "p_{i}"),
        (r"\sum_{t=1}^{T} \theta_t^2", r"\theta_{t}"),
        (r"\sum_{j=1}^{n} \sum_{i=1}^{n} x_i p_{j}", "p_{j}"),
    ],
)
def test_a_scalar_carrying_the_summation_index_is_refused(latex, bad):
    table = r"p, \theta: scalar; x: vector[n]; i, j, t: index; n, T: dim"
    with pytest.raises(ParseError, match=re.escape(f"`{bad}` carries the summation index")):
        dx.parse(latex, table)


def test_a_scalar_with_an_index_outside_its_sum_is_a_name_of_its_own():
    table = "p: scalar; x: vector[n]; i, j: index; n: dim"
    e = dx.parse(r"\sum_{j=1}^{n} x_j p_i", table)
    x = np.arange(1.0, 4.0)
    got = float(value(r"\sum_{j=1}^{n} x_j p_i", {"x": x, "p_i": 2.0}, table))
    assert got == pytest.approx(2.0 * x.sum())
    assert "p_{i}" in {s.name for s in e.free_symbols}


# -- a two-digit subscript of a declared matrix ---------------------------------------------------
def test_two_digits_under_a_matrix_are_its_row_and_column():
    import numpy as np

    table = "S: matrix[n, n]; v: vector[n]; tau: scalar, positive; k: index; n: dim"
    assert str(dx.parse("S_{12}", table)) == "S[1, 2]"
    assert str(dx.parse("S_{31} + S_{3k}", table)) == "S[3, 1] + S[3, k]"
    # NT-Xent's term for the pair (1, 2), against NumPy written from the definition
    S = np.array([[0.61, 0.616, 0.031], [-0.892, -0.233, -0.183], [0.2, -0.4, 0.9]])
    tau = 0.5
    got = dx.evaluate(
        r"-\log \frac{\exp(S_{12} / \tau)}{\sum_{k=1}^{n} \mathbb{1}_{[k \neq 1]} \exp(S_{1k} / \tau)}",
        {"S": S.tolist(), "tau": tau},
        table,
    )
    want = -np.log(np.exp(S[0, 1] / tau) / np.sum(np.exp(S[0, 1:] / tau)))
    assert float(got) == pytest.approx(want, rel=1e-12)
    # a vector's two digits are one entry number; a zero, or a digit per axis missing, is refused
    assert str(dx.parse("v_{12}", table)) == "v[12]"
    for bad in ("S_{10}", "S_{123}", "S_{1}"):
        with pytest.raises(ParseError, match="has 2 axes"):
            dx.parse(bad, table)


# -- a primed index in a subscript ------------------------------------------------------------------
def test_a_primed_index_picks_an_entry():
    import numpy as np

    table = "Q: vector[A]; r, gamma: scalar; a': index; A: dim"
    e = dx.parse(r"\sum_{a'} Q_{a'}", table)
    assert str(e) == "Sum(Q[a'], (a', 1, A))"  # never a vector Q_{a'} summed A times
    # DQN's target, against NumPy
    q = np.array([1.0, 2.5, 0.3])
    got = dx.evaluate(
        r"y = r + \gamma \max_{a'} Q_{a'}", {"Q": q.tolist(), "r": 0.5, "gamma": 0.9}, table
    )
    assert float(got) == pytest.approx(0.5 + 0.9 * q.max(), rel=1e-12)
    # the claim reads both spellings of the sum as one number
    v = dx.check(r"\sum_{a'} Q_{a'} = \sum_{b} Q_{b}", table + "; b: index")
    assert v.status == "proved"
