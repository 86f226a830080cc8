r"""Evaluation bars (``\left. f \right|_{x=a}``, ``f \Big|_{x=a}``, ``F \Big|_{x=a}^{b}``):
the expression before the bar with its variable set to the point, or the difference between
two points. Expected values are mpmath at 30 digits, from the function written in Python."""

import mpmath
import pytest

import derivax as dx

SYMBOLS = "x, t, a, y: scalar; f: function"

#: (the body in LaTeX, the same function in mpmath)
BODIES = [
    (r"x^3 - 2 x", lambda x: x**3 - 2 * x),
    (r"\frac{d}{dx} x^3", lambda x: 3 * x**2),
    (r"\frac{d}{dx} \left( e^{2 x} \right)", lambda x: 2 * mpmath.exp(2 * x)),
    (r"\log(1 + x^2)", lambda x: mpmath.log(1 + x**2)),
]
BARS = [
    (r"\left. {body} \right|_{{x={a}}}", "left-right"),
    (r"{body} \Big|_{{x={a}}}", "Big"),
    (r"{body} \bigg|_{{x = {a}}}", "bigg"),
    (r"\left. {body} \right\vert_{{x={a}}}", "vert"),
]


@pytest.mark.parametrize("body, fn", BODIES)
@pytest.mark.parametrize("bar, _name", BARS)
@pytest.mark.parametrize("a", ["2", r"\frac{1}{2}"])
def test_a_bar_sets_the_variable(body, fn, bar, _name, a):
    latex = bar.format(body=body, a=a)
    point = mpmath.mpf(2) if a == "2" else mpmath.mpf(1) / 2
    got = float(dx.evaluate(latex, {}, SYMBOLS))
    assert got == pytest.approx(float(fn(point)), rel=1e-13)


@pytest.mark.parametrize("body, fn", BODIES)
def test_a_bar_with_two_points_is_their_difference(body, fn):
    latex = rf"{body} \Big|_{{x=-1}}^{{3}}"
    got = float(dx.evaluate(latex, {}, SYMBOLS))
    assert got == pytest.approx(float(fn(mpmath.mpf(3)) - fn(mpmath.mpf(-1))), rel=1e-13)


def test_a_bar_ends_the_right_side_of_a_relation_only():
    e = dx.parse(r"y = x^2 + x \Big|_{x=2}", SYMBOLS)
    assert e.lhs == dx.parse("y", SYMBOLS) and e.rhs == 6


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"\left. \frac{d}{dt} e^{a t} \right|_{t=0} = a", "proved"),
        (r"\int_0^1 x^2 \, dx = \frac{x^3}{3} \Big|_{x=0}^{1}", "proved"),
        (r"\left. \frac{d}{dx} x^3 \right|_{x=2} = 13", "refuted"),
        (r"\left. \frac{d}{dx} f(x) \right|_{x=0} = f'(0)", "proved"),
    ],
)
def test_claims_with_a_bar(claim, status):
    assert dx.check(claim, SYMBOLS).status == status


def test_a_bar_without_its_variable_is_refused_naming_what_to_write():
    with pytest.raises(dx.ParseError, match=r"write `\\Big\|_\{x=a\}`"):
        dx.parse(r"x^2 \Big|_0^1", SYMBOLS)


def test_a_variable_not_in_the_body_is_refused():
    with pytest.raises(dx.ParseError, match="`t` does not appear"):
        dx.parse(r"x^2 \Big|_{t=0}", SYMBOLS)


@pytest.mark.parametrize(
    "latex", [r"|x| + 1", r"\left| x - 1 \right| \cdot |a|", r"\left. x \right."]
)
def test_what_is_no_evaluation_bar_keeps_its_reading(latex):
    plain = latex.replace(r"\left.", "").replace(r"\right.", "")
    assert dx.parse(latex, SYMBOLS) == dx.parse(plain, SYMBOLS)
