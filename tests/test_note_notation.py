"""The notation of real derivation notes: function names written as plain letters, words in
upright letters, decorated entries, finite sums and products with an ellipsis, the KL divergence
and mixed partial derivatives. Each reading is compared with numbers computed from the definition
(NumPy, math) or with the reading of the canonical spelling; each refusal with its message."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from sympy.core.function import AppliedUndef

import derivax as dx
from derivax import ParseError
from derivax.latex._parse import reading


def value(latex, values, symbols=None):
    return np.asarray(dx.evaluate(latex, values, symbols), dtype=float)


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


# 1. letters spelling a function derivax knows --------------------------------------------------
@pytest.mark.parametrize(
    ("latex", "values", "expect"),
    [
        ("sigmoid(z)", {"z": 0.3}, sigmoid(0.3)),
        (r"\frac{1}{1 + exp(-z)}", {"z": -1.2}, sigmoid(-1.2)),
        ("tanh(z)", {"z": 0.4}, math.tanh(0.4)),
        ("relu(z) + relu(w)", {"z": -0.5, "w": 0.7}, 0.7),
        ("ReLU(z)", {"z": 1.5}, 1.5),
        ("softplus(z)", {"z": 0.2}, math.log1p(math.exp(0.2))),
        ("exp(x)", {"x": 0.5}, math.exp(0.5)),
        ("log(x)", {"x": 2.5}, math.log(2.5)),
        ("ln(x)", {"x": 2.5}, math.log(2.5)),
        ("log_2(x)", {"x": 8.0}, 3.0),
        ("sin(x) + cos(x)", {"x": 0.3}, math.sin(0.3) + math.cos(0.3)),
        ("sin^2(x)", {"x": 0.3}, math.sin(0.3) ** 2),
        ("sin x", {"x": 0.3}, math.sin(0.3)),
        ("sqrt(x)", {"x": 2.0}, math.sqrt(2.0)),
        ("sqrt(x + 1)", {"x": 3.0}, 2.0),
        ("max(a, b)", {"a": 1.0, "b": 2.5}, 2.5),
        ("min(a, b)", {"a": 1.0, "b": 2.5}, 1.0),
        ("abs(x)", {"x": -1.25}, 1.25),
        ("erf(x)", {"x": 0.6}, math.erf(0.6)),
        # a declared letter among them does not make `exp` a product
        ("exp(-x) + x", {"x": 0.5}, math.exp(-0.5) + 0.5),
    ],
)
def test_letters_spelling_a_known_function_are_the_function(latex, values, expect):
    assert float(value(latex, values, "x: scalar" if "+ x" in latex else None)) == pytest.approx(
        expect, rel=1e-12
    )


@pytest.mark.parametrize(
    ("plain", "canonical", "symbols"),
    [
        ("sigmoid(z)", r"\sigma(z)", None),
        ("exp(x)", r"\exp(x)", None),
        ("tanh(z)", r"\tanh(z)", None),
        ("max(a, b)", r"\max(a, b)", None),
        ("max_i x_i", r"\max_i x_i", "x: vector[n]"),
        ("softmax(z)_k", r"\operatorname{softmax}(z)_k", "z: vector[n]; k: index"),
        ("softmax(z)", r"\operatorname{softmax}(z)", "z: vector[n]"),
        ("sin^2(x) + cos^2(x)", r"\sin^2(x) + \cos^2(x)", None),
    ],
)
def test_letters_read_as_the_canonical_spelling(plain, canonical, symbols):
    assert dx.parse(plain, symbols) == dx.parse(canonical, symbols)


def test_the_rule_is_listed():
    rules = reading("sigmoid(z)").rules
    assert any("is the function sigmoid, not the product s i g m o i d" in r for r in rules)


@pytest.mark.parametrize(
    ("latex", "symbols", "message"),
    [
        ("loss(w)", None, r"`loss\(...\)` has two readings.*declare `loss: function`"),
        (r"NLL(\theta)", None, r"function NLL.*product N L L.*`\\operatorname\{NLL\}"),
        (r"xexp(x)", None, "two readings"),
        # a two-letter function with a declared letter: t r is a product as well
        ("tr(A)", "t: scalar; A: matrix[n, n]", r"`t` is declared.*`\\operatorname\{tr\}`"),
        # every letter declared: the product is a reading too
        ("exp(y)", "e, x, p: scalar", r"`e`, `x`, `p` are declared.*`\\operatorname\{exp\}`"),
    ],
)
def test_ambiguous_words_are_refused(latex, symbols, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, symbols)


def test_what_stays_as_before():
    a, b, c, d = sympy.symbols("a b c d", real=True)
    # two letters that spell no function: a product, as in TeX
    assert dx.parse("ab(c + d)") == a * b * (c + d)
    # a name in a subscript or in upright letters is a label
    assert dx.parse("x_{max}") == sympy.Symbol("x_{max}", real=True)
    assert dx.parse(r"\mathrm{max}") == sympy.Symbol(r"\mathrm{max}", real=True)
    # declared multi-letter names keep their meaning
    assert float(value("lr(x)", {"lr": 2.0, "x": 3.0}, "lr: scalar")) == 6.0
    e = dx.parse("loss(w)", "loss: function")
    assert isinstance(e, AppliedUndef) and e.func.__name__ == r"\mathrm{loss}"
    # not applied: letters stay a product
    assert dx.parse("abc") == sympy.Mul(*sympy.symbols("a b c", real=True))


# 2. words in upright letters --------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex",
    [
        r"\mathrm{MSE}(y)",
        r"\operatorname{MSE}(y)",
        r"\text{MSE}(y)",
        r"\textrm{MSE}(y)",
        r"\mathit{MSE}(y)",
    ],
)
def test_an_applied_word_is_an_unspecified_function(latex):
    e = dx.parse(latex)
    assert e == dx.parse(r"\operatorname{MSE}(y)", "MSE: function")
    assert isinstance(e, AppliedUndef)
    # differentiated by the chain rule like a declared function
    y = sympy.Symbol("y", real=True)
    assert dx.grad(latex.replace("(y)", "(y)^2"), "y") == sympy.diff(e**2, y)


@pytest.mark.parametrize(
    "latex", [r"\text{NLL}", r"\mathrm{NLL}", r"\operatorname{NLL}", r"\mathit{NLL}"]
)
def test_a_word_alone_is_one_scalar(latex):
    assert dx.parse(latex) == sympy.Symbol(r"\mathrm{NLL}", real=True)
    assert float(value(latex + " + 1", {r"\mathrm{NLL}": 2.0})) == 3.0


def test_declarations_decide_for_words():
    assert dx.parse(r"\text{NLL}", "NLL: scalar, positive").is_positive
    # declared a scalar, the word next to a parenthesis is a product, as for any scalar
    assert (
        float(value(r"\text{NLL}(\theta + 1)", {"NLL": 2.0, r"\theta": 3.0}, "NLL: scalar")) == 8.0
    )
    # at a lone name the table does not declare, it is the value there (latex/_points.py)
    assert float(value(r"\text{NLL}(\theta)", {"NLL": 2.0}, "NLL: scalar")) == 2.0
    assert isinstance(dx.parse(r"\text{MSE}(y, z)", "MSE: function"), AppliedUndef)


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\operatorname{Var}(x)", r"random"),
        (r"\text{Var}(x)", r"random"),
        (r"\mathrm{Var}(x)", r"random"),
        (r"\operatorname{Cov}(x, y)", r"random"),
        (r"\text{Cov}(x, y)", r"random"),
        (r"\operatorname{lcm}(r, 1 + e)", r"unknown function.*`lcm: function`"),
    ],
)
def test_moment_words_need_random_variables_and_standard_words_stay_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex)


# 3. decorated entries -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "canonical", "symbols"),
    [
        (r"\hat{y_i}", r"\hat{y}_i", None),
        (r"\hat{y_i}", r"\hat{y}_i", r"\hat{y}: vector[n]; i: index"),
        (r"\bar{x_{ij}}", r"\bar{x}_{ij}", r"\bar{x}: matrix[n, n]; i, j: index"),
        (r"\tilde{x_i}^2", r"\tilde{x}_i^2", None),
        (r"\dot{\theta_t}", r"\dot{\theta}_t", None),
        (r"\check{x_1}", r"\check{x}_1", r"\check{x}: vector[n]"),
        (r"\mathbf{x_i}", r"\mathbf{x}_i", "x: vector[n]; i: index"),
        (r"\boldsymbol{\mu_k}", r"\boldsymbol{\mu}_k", r"\mu: vector[n]; k: index"),
    ],
)
def test_a_decorated_entry_reads_as_the_entry_of_the_decorated_name(written, canonical, symbols):
    assert dx.parse(written, symbols) == dx.parse(canonical, symbols)


def test_mean_squared_error_with_decorated_entries():
    y, yhat = np.array([1.0, 2.0, 4.0]), np.array([1.5, 1.0, 3.0])
    got = value(
        r"\frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y_i})^2",
        {"y": y, r"\hat{y}": yhat},
        r"y, \hat{y}: vector[n]; i: index",
    )
    assert float(got) == pytest.approx(np.mean((y - yhat) ** 2), rel=1e-12)


# 4. finite sums and products with an ellipsis -----------------------------------------------------
X = np.array([1.5, -2.0, 3.25, 0.5])


@pytest.mark.parametrize(
    ("latex", "expect"),
    [
        (r"x_1 + x_2 + \cdots + x_n", X.sum()),
        (r"x_1 + \dots + x_n", X.sum()),
        (r"x_1 + \ldots + x_n", X.sum()),
        (r"x_1 + \dotsb + x_n", X.sum()),
        (r"x_1 x_2 \cdots x_n", X.prod()),
        (r"x_1 \cdot x_2 \cdots x_n", X.prod()),
        (r"x_1 x_2 \dotsm x_n", X.prod()),
        (r"x_1^2 + \cdots + x_n^2", (X**2).sum()),
        (r"x_2 + \dots + x_n", X[1:].sum()),
        (r"x_1 + \dots + x_{n-1}", X[:-1].sum()),
        (r"\frac{x_1}{2} + \dots + \frac{x_n}{2}", X.sum() / 2),
        (r"(1 - x_1)(1 - x_2) \cdots (1 - x_n)", (1 - X).prod()),
        (r"c + x_1 + \dots + x_n", 10 + X.sum()),
        (r"\frac{1}{n}(x_1 + \dots + x_n)", X.mean()),
        (r"x_1 + \dots + x_n + k", X.sum() + 7),  # the index does not take `k`'s name
    ],
)
def test_ellipsis_patterns_of_a_declared_vector(latex, expect):
    extra = {name: v for name, v in (("c +", 10.0), ("+ k", 7.0)) if name in latex}
    extra = {name.strip("+ "): v for name, v in extra.items()}
    got = value(latex, {"x": X, **extra}, "x: vector[n]")
    assert float(got) == pytest.approx(float(expect), rel=1e-12)


def test_ellipsis_of_one_entry_and_of_two_vectors():
    assert float(value(r"x_1 + \dots + x_n", {"x": [2.5]}, "x: vector[n]")) == 2.5
    assert float(value(r"x_1 x_2 \cdots x_n", {"x": [2.5]}, "x: vector[n]")) == 2.5
    a, b = np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 4.0])
    got = value(r"a_1 b_1 + \dots + a_n b_n", {"a": a, "b": b}, "a, b: vector[n]")
    assert float(got) == pytest.approx(float(a @ b), rel=1e-12)


@pytest.mark.parametrize(
    ("pattern", "canonical", "symbols"),
    [
        (r"x_1 + \dots + x_n", r"\sum_{k=1}^{n} x_k", "x: vector[n]"),
        (r"t(1) + t(2) + \dots + t(n)", r"\sum_{k=1}^{n} t(k)", "t: function"),
        (r"t(1) + \dots + t(n)", r"\sum_{k=1}^{n} t(k)", "t: function"),
        (r"x_1 x_2 \cdots x_n", r"\prod_{k=1}^{n} x_k", "x: vector[n]"),
        (r"k_1 + \dots + k_n", r"\sum_{i=1}^{n} k_i", "k: vector[n]"),
    ],
)
def test_ellipsis_reads_as_the_sum_written_out(pattern, canonical, symbols):
    assert dx.parse(pattern, symbols) == dx.parse(canonical, symbols)


def test_ellipsis_of_numbers_and_fractions():
    n = sympy.Symbol("n", real=True)
    harmonic = dx.parse(r"\frac{1}{1} + \frac{1}{2} + \dots + \frac{1}{n}").subs(n, 4).doit()
    assert harmonic == sympy.Rational(
        Fraction(1) + Fraction(1, 2) + Fraction(1, 3) + Fraction(1, 4)
    )
    assert dx.parse(r"1 + 2 + \dots + n").subs(n, 10).doit() == 55
    assert dx.parse(r"2^1 + 2^2 + \dots + 2^n").subs(n, 5).doit() == 62
    x = sympy.Symbol("x", real=True)
    # the first term is no part of the pattern when it does not fit it
    geometric = dx.parse(r"1 + x + x^2 + \dots + x^n").subs(n, 3).doit()
    assert sympy.expand(geometric - (1 + x + x**2 + x**3)) == 0


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"x_1 + \dots + x_1", "the same, so how many there are is unknown"),
        (r"x_1 + x_3 + \dots + x_n", "step by 2, not 1"),
        (r"x_1 + \dots + x_{n}^2", "must differ only in an index"),
        (r"x_1 + \dots + y_n", "must differ only in an index"),
        (r"x_5 + \dots + x_1", "counts down from 5 to 1"),
        (r"x_{11} + \dots + x_{nn}", "one number or as two indices"),
        (r"f(x_1, \dots, x_n)", "an ellipsis has no single meaning"),
        (r"-x_1 + \dots + x_n", "an ellipsis has no single meaning"),
        (r"x_1 - \dots - x_n", "an ellipsis has no single meaning"),
        (r"x_1 + \dotsc + x_n", "an ellipsis has no single meaning"),
    ],
)
def test_other_ellipses_are_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, "f: function")


# 5. the KL divergence ---------------------------------------------------------------------------
P = np.array([0.2, 0.5, 0.3])
Q = np.array([0.4, 0.4, 0.2])
SIMPLICES = "p, q: simplex[n]"


@pytest.mark.parametrize(
    "latex",
    [
        r"D_{\mathrm{KL}}(p \parallel q)",
        r"D_{KL}(p || q)",
        r"D_\mathrm{KL}(p \| q)",
        r"D_{\text{KL}}(p \| q)",
        r"KL(p \| q)",
        r"\mathrm{KL}(p \| q)",
        r"\operatorname{KL}(p \,\|\, q)",
        r"\mathrm{KL}\left(p \middle\| q\right)",
    ],
)
def test_kl_divergence_spellings(latex):
    got = value(latex, {"p": P, "q": Q}, SIMPLICES)
    assert float(got) == pytest.approx(float(np.sum(P * np.log(P / Q))), rel=1e-12)
    assert dx.parse(latex, SIMPLICES) == dx.parse(
        r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k}", SIMPLICES
    )


def test_kl_divergence_is_weighted_by_its_first_argument():
    got = value(r"D_{\mathrm{KL}}(q \parallel p)", {"p": P, "q": Q}, SIMPLICES)
    assert float(got) == pytest.approx(float(np.sum(Q * np.log(Q / P))), rel=1e-12)


def test_kl_divergence_is_proved_nonnegative():
    assert dx.check(r"D_{\mathrm{KL}}(p \| q) \ge 0", SIMPLICES).status == "proved"


@pytest.mark.parametrize(
    ("latex", "symbols", "message"),
    [
        (r"D_{\mathrm{KL}}(p \| q)", "p, q: vector[n]", r"declared simplices of one size"),
        (r"KL(p \| q)", None, r"declared simplices.*`p` is not one"),
        (r"D_{\mathrm{KL}}(p \| q)", "p: simplex[n]; q: simplex[m]", "different sizes"),
        (r"D_{\mathrm{KL}}(p, q)", SIMPLICES, r"separated by `\\\|`"),
    ],
)
def test_other_kl_arguments_are_refused(latex, symbols, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, symbols)


def test_declarations_decide_for_the_kl_name_and_norms_stay():
    e = dx.parse(r"D_{\mathrm{KL}}(p \| q)", SIMPLICES + r"; D_{\mathrm{KL}}: function")
    assert isinstance(e, AppliedUndef)
    assert float(value(r"\|x\|", {"x": [3.0, 4.0]}, "x: vector[n]")) == pytest.approx(5.0)


# 6. mixed partial derivatives ---------------------------------------------------------------------
def test_mixed_partials_read_as_the_nested_derivatives():
    x, y = sympy.symbols("x y", real=True)
    mixed = dx.parse(r"\frac{\partial^2 (x^2 y^3)}{\partial x \partial y}")
    assert mixed == dx.parse(r"\frac{\partial}{\partial x} \frac{\partial}{\partial y} x^2 y^3")
    assert sympy.expand(mixed.doit() - 6 * x * y**2) == 0
    third = dx.parse(r"\frac{\partial^3}{\partial x^2 \partial y} x^2 y^3").doit()
    assert sympy.expand(third - 6 * y**2) == 0
    f = dx.parse(r"\frac{\partial^2 f(x, y)}{\partial x \partial y}", "f: function")
    assert f == sympy.Derivative(sympy.Function("f", real=True)(x, y), y, x)


def test_mixed_partials_of_entries_of_a_declared_vector():
    symbols = "w, x: vector[n]; i, j, k: index"
    body = r"\sum_{i=1}^{n} w_i^2 x_i"
    mixed = dx.parse(r"\frac{\partial^2}{\partial w_j \partial w_k} " + body, symbols)
    nested = dx.parse(
        r"\frac{\partial}{\partial w_j} \frac{\partial}{\partial w_k} " + body, symbols
    )
    assert mixed == nested
    # d^2/dw_j dw_k sum_i w_i^2 x_i = 2 x_j [j = k]
    derivative = mixed.doit()
    names = {str(s): s for s in derivative.free_symbols}
    for jj, kk, want in ((2, 2, 2 * 0.7), (1, 2, 0.0)):
        got = derivative.subs({names["n"]: 3, names["j"]: jj, names["k"]: kk}).doit()
        entries = {e: (0.5, 0.7, 0.9)[int(e.indices[0]) - 1] for e in got.atoms(sympy.Indexed)}
        got = got.subs(entries)
        assert float(got) == pytest.approx(want)


def test_mixed_partials_are_checked():
    assert dx.check(r"\frac{\partial^2 (x^2 y^3)}{\partial x \partial y} = 6 x y^2").status == (
        "proved"
    )
    assert dx.check(r"\frac{\partial^2 (x^2 y^3)}{\partial x \partial y} = 5 x y^2").status == (
        "refuted"
    )


def test_mixed_partials_of_unspecified_quantities_are_inputs():
    e = dx.parse(r"\frac{\partial^2 f}{\partial x \partial y}")
    assert isinstance(e, sympy.Symbol)
    h = dx.parse(r"\frac{\partial^2 \ell}{\partial w_j \partial w_k}", "w: vector[n]; j, k: index")
    assert isinstance(h, sympy.Indexed) and [str(i) for i in h.indices] == ["j", "k"]


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\frac{\partial f}{\partial x \partial y}", "order 1.*differentiates 2 times"),
        (r"\frac{\partial^3 f}{\partial x \partial y}", "order 3.*differentiates 2 times"),
        (r"\frac{\partial^2 f}{\partial x \partial W}", "scalar variables and entries"),
    ],
)
def test_mixed_partials_that_do_not_add_up_are_refused(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, "W: matrix[n, n]")


# round trips: LaTeX -> SymPy -> LaTeX -> SymPy gives the same expression ----------------------------
@pytest.mark.parametrize(
    ("latex", "symbols"),
    [
        (r"\mathrm{MSE}(y)", None),
        (r"\text{NLL} + 1", None),
        ("sigmoid(z) + exp(z)", None),
        (r"x_1 + \dots + x_n", "x: vector[n]"),
        (r"x_1 x_2 \cdots x_n", "x: vector[n]"),
        (r"D_{KL}(p || q)", SIMPLICES),
        (r"\frac{\partial^2 (x^2 y^3)}{\partial x \partial y}", None),
        (r"\frac{\partial^2 f}{\partial x \partial y}", None),
        (r"\frac{\partial^2 \ell}{\partial w_j \partial w_k}", "w: vector[n]; j, k: index"),
        (r"\frac{\partial^3 \ell}{\partial w_j^2 \partial w_k}", "w: vector[n]; j, k: index"),
        (
            r"\frac{\partial^2 \ell}{\partial W_{ij} \partial W_{kl}}",
            "W: matrix[n, n]; i, j, k, l: index",
        ),
    ],
)
def test_round_trip(latex, symbols):
    e = dx.parse(latex, symbols)
    assert dx.parse(dx.to_latex(e, symbols), symbols) == e
