r"""A transpose written in the same superscript as a sample's number: ``x^{(i)T}``,
``x^{(i)\top}``, ``W^{[l]T}``, as course notes write them (CS 229's ``\theta^T x^{(i)}`` beside
``x^{(i)T} \Sigma^{-1} x^{(i)}``). The bracket names the sample or the layer and the mark after it
transposes; read whole, ``x^{(i)T} w`` was a scalar named ``x^{(i)T}`` times the vector w, and
``a^T W^{[l]T} a`` a scalar times ``a^T a``. Every spelling of the mark is compared with the
unambiguous ``{x^{(i)}}^T``; values with NumPy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx

MARKS = ["T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}"]
FAMILY = "X: matrix[m, d]; x^{(i)}: row[X]; w: vector[d]; S: spd[d]; i: index"
LAYERS = "W^{[l]}: matrix[n, n]; a: vector[n]"


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize(
    ("written", "plain", "symbols"),
    [
        (r"x^{{(i){mark}}} w", r"{{x^{{(i)}}}}^T w", FAMILY),
        (
            r"\sum_{{i=1}}^{{m}} x^{{(i){mark}}} S^{{-1}} x^{{(i)}}",
            r"\sum_{{i=1}}^{{m}} {{x^{{(i)}}}}^T S^{{-1}} x^{{(i)}}",
            FAMILY,
        ),
        (r"a^T W^{{[l]{mark}}} a", r"a^T {{W^{{[l]}}}}^T a", LAYERS),
    ],
)
def test_the_mark_after_the_bracket_transposes(mark, written, plain, symbols):
    got = dx.parse(written.format(mark=mark), symbols=symbols)
    assert got == dx.parse(plain.format(), symbols=symbols)


def test_the_layer_s_transpose_equals_numpy():
    f = dx.compile(r"a^T W^{[l]T} a", symbols=LAYERS)
    rng = np.random.default_rng(3)
    W, a = rng.normal(size=(3, 3)), rng.normal(size=3)
    assert f.args == ("W^{[l]}", "a")
    assert float(f(W, a)) == pytest.approx(float(a @ W.T @ a), rel=1e-5)


@pytest.mark.parametrize("latex", [r"e^{(r - q)T}", r"e^{(r)T}", r"\mathrm{e}^{(r)T}"])
def test_a_rate_times_a_time_in_an_exponent_stays_a_product(latex):
    # a bracket of more than one letter, or on e, is no sample's number: (r - q) T of a discount
    got = dx.parse(latex, "r, q, T, x: scalar")
    assert got == dx.parse(latex.replace(")T}", r") \cdot T}"), "r, q, T, x: scalar")


def test_a_bold_sample_transposes_too():
    symbols = r"X: matrix[m, d]; \mathbf{x}^{(i)}: row[X]; w: vector[d]"
    got = dx.parse(r"\mathbf{x}^{(i)T} w", symbols=symbols)
    assert got == dx.parse(r"{\mathbf{x}^{(i)}}^T w", symbols=symbols)


@pytest.mark.parametrize(
    ("latex", "symbols", "text"),
    [
        (r"x^{(i)}", FAMILY, "x^{(i)}"),  # no mark: the sample itself
        (r"\theta^{(t)} + 1", r"\theta: scalar", r"\theta^{(t)} + 1"),  # no mark, a scalar name
    ],
)
def test_a_bracket_without_a_mark_is_read_as_before(latex, symbols, text):
    assert str(dx.parse(latex, symbols=symbols)) == text


@pytest.mark.parametrize(
    ("latex", "power"),
    [
        (r"x^{(n-1)/2}", r"x^{\frac{n-1}{2}}"),  # more follows the bracket: an exponent
        (r"x^{(a+b)}", r"x^{a+b}"),  # a declared real scalar in it: an exponent
        (r"x^{(a+b)c}", r"x^{(a+b) \cdot c}"),
        (r"x^{(r - q)T}", r"x^{(r - q) \cdot T}"),
    ],
)
def test_a_bracketed_exponent_on_a_declared_scalar_is_a_power(latex, power):
    # read as a name like x^{(i)}, x^{(n-1)/2} x^{(n+1)/2} = x^n was refuted
    symbols = "x, n, a, b, c, r, q, T: scalar"
    assert dx.parse(latex, symbols) == dx.parse(power, symbols)


def test_the_powers_multiply_as_powers():
    v = dx.check(r"x^{(n-1)/2} x^{(n+1)/2} = x^n", "x, n: scalar, positive", cache=False)
    assert v.status == "proved", v.reason


@pytest.mark.parametrize(
    ("latex", "symbols"),
    [
        (r"\theta^{(t+1)}", r"\theta: scalar"),  # an iterate: t undeclared
        (r"\theta^{(k)}", "k: index"),
        (r"W^{[l]}", r"W^{[l]}: matrix[n, n]"),
        (r"a^{[l-1]}", r"a^{[l-1]}: vector[n]"),
    ],
)
def test_a_bracket_that_is_the_whole_superscript_still_names(latex, symbols):
    got = dx.parse(latex, symbols)
    assert not got.atoms(sympy.Pow)  # a name (or its entry), no power
