r"""Numbers written side by side are a product wherever the formula's arithmetic is read
(issue 23: a silent misreading found by the soundness fuzz). latex2sympy2_extended, which reads
the skeletons derivax's own arithmetic reader leaves to it (a slash, a fractional power), adds
integers written side by side: ``(2)(3)`` was 5 there and 6 elsewhere, so ``((1)(1))^{1/3} \le
(1)(1) - 10^{-30}`` was proved (the cube root of 2 against 2). The family: every spelling of a
product of integers (parentheses on either side, a fraction after a number, three factors), in
every context that sends the skeleton either way, against Python's own arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import derivax as dx

# (spelling with A, B, C for integers, the value)
PRODUCTS = [
    ("(A)(B)", lambda a, b, c: Fraction(a * b)),
    ("A(B)", lambda a, b, c: Fraction(a * b)),
    ("(A)B", lambda a, b, c: Fraction(a * b)),
    (r"\left(A\right) \left(B\right)", lambda a, b, c: Fraction(a * b)),
    ("(A)(B)(C)", lambda a, b, c: Fraction(a * b * c)),
    (r"A \frac{1}{B}", lambda a, b, c: Fraction(a, b)),
    (r"(A) \frac{C}{B}", lambda a, b, c: Fraction(a * c, b)),
]
# contexts: the fast reader alone, a slash, a fractional power (both go to latex2sympy)
CONTEXTS = [
    ("P", lambda v: v),
    ("P / 4", lambda v: v / 4),
    ("(P)^{2/2}", lambda v: v),
    ("P + x^{1/3} - x^{1/3}", lambda v: v),
]


@pytest.mark.parametrize("spelling,value", PRODUCTS)
@pytest.mark.parametrize("context,apply", CONTEXTS)
@pytest.mark.parametrize("a,b,c", [(2, 3, 5), (1, 1, 1), (7, 4, 2)])
def test_numbers_side_by_side_multiply_in_every_context(spelling, value, context, apply, a, b, c):
    product = spelling.replace("A", str(a)).replace("B", str(b)).replace("C", str(c))
    latex = context.replace("P", product)
    got = dx.parse(latex, "x: scalar")
    want = apply(value(a, b, c))
    assert sympy.simplify(got - sympy.Rational(want.numerator, want.denominator)) == 0, (
        latex,
        got,
    )


def test_the_fuzz_claim_that_was_proved_is_refuted():
    v = dx.check(
        r"\left(\left(1\right) \left(1\right)\right)^{1/3} \le \left(1\right) \left(1\right) - 10^{-30}",
        "",
        cache=False,
    )
    assert v.status == "refuted", v
