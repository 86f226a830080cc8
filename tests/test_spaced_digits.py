r"""Digits split by a space and then raised to a power (``2 10^{-30}``) read two ways: TeX ignores
the space and sets the power on 210, while the space suggests 2 times 10^{-30}. It was read as
210^{-30} without a word (found by the soundness fuzz's tiny-constants family, whose generator
wrote ``\frac{2 T}{\sqrt{\pi}}`` with T = 10^{-30}); it is refused naming both spellings. A group
of three digits is a thousands separator and stays one number; digits split by a space with no
power stay one number as TeX sets them."""

from __future__ import annotations

import pytest
import sympy

import derivax as dx


@pytest.mark.parametrize(
    "written",
    [r"2 10^{-30}", r"\frac{2 10^{-30}}{\sqrt{\pi}}", r"e^{2 10^{-40}}", r"3 4^2", r"1.5 10^3"],
)
def test_a_number_split_by_a_space_then_raised_is_refused(written):
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(written, "")


@pytest.mark.parametrize(
    "written,value",
    [
        (r"2 \cdot 10^{-30}", sympy.Rational(2, 10**30)),
        (r"210^{-30}", sympy.Integer(210) ** -30),
        (r"10\,000^2", sympy.Integer(10**8)),  # a thousands separator: one number
        (r"10 000^2", sympy.Integer(10**8)),
        (r"2 3", sympy.Integer(23)),  # no power: as TeX sets it
    ],
)
def test_the_unambiguous_spellings_read_as_written(written, value):
    assert dx.parse(written, "") == value
