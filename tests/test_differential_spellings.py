r"""Every spelling of a derivative reads as one, and an increment over an increment is never a
product that cancels: ``df/dx``, ``d(x^2)/dx``, ``\partial f / \partial x``, ``\mathrm d x``,
``\frac{d \log x}{d x}`` were read as products (f / x, x, ...), and ``\frac{\Delta x}{\Delta t}``
as x / t. Values are compared with mpmath's own derivative of the head, written from its
definition."""

from __future__ import annotations

import mpmath
import pytest

import derivax as dx
from derivax import ParseError

# each head as written after the differential, and the function it is
HEADS = {
    r"\log x": mpmath.log,
    r"\tanh(x)": mpmath.tanh,
    r"\sin x": mpmath.sin,
    r"\exp(2x)": lambda x: mpmath.exp(2 * x),
    r"\sqrt{x}": mpmath.sqrt,
    r"(x^2 + 1)": lambda x: x**2 + 1,
    r"[x \log x]": lambda x: x * mpmath.log(x),
    r"\operatorname{softplus}(x)": lambda x: mpmath.log(1 + mpmath.exp(x)),
    r"x^3": lambda x: x**3,
}

# the spellings of d(head)/dx; {h} is the head
SPELLINGS = [
    r"\frac{{d {h}}}{{d x}}",
    r"\frac{{\mathrm{{d}} {h}}}{{\mathrm{{d}} x}}",
    r"\frac{{\mathrm d {h}}}{{\mathrm d x}}",
    r"\frac{{d {h}}}{{\mathrm{{d}} x}}",
    r"\frac{{\partial {h}}}{{\partial x}}",
    r"\frac{{d}}{{d x}} {h}",
    r"d {h} / d x",
    r"\mathrm{{d}} {h} / \mathrm{{d}} x",
    r"\partial {h} / \partial x",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("head", sorted(HEADS))
def test_each_spelling_of_a_derivative_has_its_value(head, spelling):
    tex = spelling.format(h=head)
    for x0 in (0.4, 2.3):
        want = mpmath.diff(HEADS[head], mpmath.mpf(x0))
        got = float(dx.evaluate(tex, {"x": x0}, "x: scalar, positive"))
        assert abs(got - float(want)) <= 1e-9 * (1 + abs(float(want))), (tex, got, want)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"dy/dx = 2 x", "refuted"),  # y is a free input: its derivative is no 2x
        (r"d(x^2)/dx = 2 x", "proved"),
        (r"d(x^2)/dx = x", "refuted"),
        (r"\partial (x^2 y) / \partial y = x^2", "proved"),
        (r"d f(x) / d x = f'(x)", "proved"),
    ],
)
def test_inline_derivatives_are_decided(claim, status):
    v = dx.check(claim, symbols="x, y: scalar, positive; f: function")
    if status == "refuted" and claim.startswith("dy/dx"):
        # an unspecified quantity: never proved, whatever else is said
        assert v.status != "proved", v.reason
    else:
        assert v.status == status, (claim, v.reason)


@pytest.mark.parametrize(
    "tex",
    [
        r"\frac{\Delta x}{\Delta t}",
        r"\Delta x / \Delta t",
        r"\frac{\delta x^2}{\delta x}",
        r"\frac{\Delta f(x)}{\Delta x}",
    ],
)
def test_an_increment_over_an_increment_is_refused(tex):
    with pytest.raises(ParseError, match="increment"):
        dx.parse(tex, "x, t: scalar; f: function")


def test_declared_letters_and_kronecker_deltas_stay_products():
    # \Delta declared: the product the table asks for; \delta_{ij}: Kronecker's delta
    assert str(dx.parse(r"\frac{\Delta x}{\Delta t}", r"\Delta, x, t: scalar")) == "x/t"
    e = dx.parse(r"\frac{\delta_{ij} x}{\delta_{ij}}", "x: scalar; i, j: index")
    assert "Delta" not in str(e)
    # increments written as names
    assert (
        str(dx.parse(r"\frac{\Delta_x}{\Delta_t}", r"\Delta_x, \Delta_t: scalar")).count("/") == 1
    )


@pytest.mark.parametrize(
    "tex",
    [
        r"d (x^2) / d x",  # d declared: a derivative or a quotient of products
        r"\frac{d \log x}{d x}",
    ],
)
def test_a_declared_d_before_a_numerator_is_refused(tex):
    # the operator form stays a derivative with d declared
    assert dx.evaluate(r"\frac{d}{d x}(x^2)", {"x": 3.0}, "x: scalar; d: dim") == 6.0
    with pytest.raises(ParseError, match="declared in the table"):
        dx.parse(tex, "x: scalar; d: dim")


@pytest.mark.parametrize(
    ("tex", "want"),
    [
        (r"a_d x / (d y)", None),  # a d written as a subscript is no differential
        (r"x^d / d", None),
        (r"\frac{d (n - 1)}{2}", None),
    ],
)
def test_a_d_that_is_no_differential_stays_a_letter(tex, want):
    e = dx.parse(tex, "a_d, x, y, n: scalar")
    assert "Derivative" not in str(type(e)) and not e.has(__import__("sympy").Derivative)


def test_an_inline_derivative_with_no_delimited_numerator_is_refused():
    with pytest.raises(ParseError, match="cannot delimit"):
        dx.parse(r"d \frac{1}{x} / d x", "x: scalar")


@pytest.mark.parametrize(
    ("tex", "name", "want"),
    [
        (r"d (\mathbf{x}^2) / d \mathbf{x}", "x", 6.0),  # styled names, as the reader reads them
        (r"d \hat{x}^3 / d \hat{x}", r"\hat{x}", 27.0),
    ],
)
def test_an_inline_derivative_by_a_styled_name(tex, name, want):
    # before, `\mathbf{x}` was no name to the inline rule: d x^2 / d x read as x^2 / x
    assert float(dx.evaluate(tex, {name: 3.0}, r"x, \hat{x}: scalar")) == want
