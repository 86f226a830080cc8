r"""A slash before a product (``latex/_slash.py``): the one form the field reads as dividing by
the whole product (a number or a letter and one name written together: ``x / 2\sigma^2``,
``1/2m``) is read so; every other product after a slash is refused, naming both readings.
Before, ``1/2 \|w\|^2`` read as 1 / (2 ||w||^2), ``1/n \sum_i x_i`` as 1 / (n sum), and
``1/\sqrt{2\pi} e^{-x^2/2}`` as the inverse of the density, with no rule listed."""

from __future__ import annotations

import math

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError

TABLE = r"x, y, m, \sigma, \lambda, a, b, c, z: scalar, positive; n: dim; w, v: vector[n]; i: index"

NUMERATORS = ["1", r"\lambda", "x", "2"]
AMBIGUOUS = [
    r"2 \|w\|^2",
    r"2 x^2",
    r"n \sum_{i=1}^n v_i",
    r"\sqrt{2\pi} e^{-x^2/2}",
    r"2 (x - y)^2",
    r"2\, x",
    r"2 \sigma^2",  # spaced: the author's only sign of the grouping points the other way
    r"\sigma \sqrt{2\pi}",
]


@pytest.mark.parametrize("denominator", AMBIGUOUS)
@pytest.mark.parametrize("numerator", NUMERATORS)
def test_a_slash_before_a_product_the_field_reads_both_ways_is_refused(numerator, denominator):
    with pytest.raises(ParseError, match="read two ways"):
        dx.parse(f"{numerator}/{denominator}", TABLE)


@pytest.mark.parametrize(
    ("tex", "value"),
    [
        (r"x / 2\sigma^2", lambda s: s["x"] / (2 * s["sigma"] ** 2)),
        (r"x^2/2\sigma^2", lambda s: s["x"] ** 2 / (2 * s["sigma"] ** 2)),
        (r"1/2m", lambda s: 1 / (2 * s["m"])),
        (r"x/yz", lambda s: s["x"] / (s["y"] * s["z"])),
        (r"e^{-x^2/2\sigma^2}", lambda s: math.exp(-(s["x"] ** 2) / (2 * s["sigma"] ** 2))),
        # left to right where nothing else is said
        (r"(x - y)^2/2", lambda s: (s["x"] - s["y"]) ** 2 / 2),
        (r"a / b \cdot c", lambda s: s["a"] / s["b"] * s["c"]),
        (r"1/(2x)", lambda s: 1 / (2 * s["x"])),
        # the spellings the refusal names
        (r"\frac{1}{2} x^2", lambda s: s["x"] ** 2 / 2),
        (r"1 / (2 x^2)", lambda s: 1 / (2 * s["x"] ** 2)),
    ],
)
def test_the_forms_that_say_their_grouping_are_read_as_they_say(tex, value):
    inputs = {"x": 1.3, "y": 0.4, "m": 5.0, "sigma": 0.7, "a": 2.0, "b": 4.0, "c": 3.0, "z": 1.5}
    e = dx.parse(tex, TABLE)
    names = {str(s).lstrip("\\") for s in e.free_symbols}
    got = float(dx.evaluate(tex, {k: v for k, v in inputs.items() if k in names}, TABLE))
    assert got == pytest.approx(value(inputs), rel=1e-12), tex


def test_a_slash_inside_a_sum_floor_or_bracket_ends_with_it():
    t = "t, s: scalar, positive; v: vector[n]; i: index; n: dim"
    assert float(dx.evaluate(r"\lfloor t / s \rfloor", {"t": 7.0, "s": 2.0}, t)) == 3.0
    got = dx.evaluate(r"\sum_{i=1}^n v_i / n", {"v": np.array([1.0, 2.0, 6.0])}, t)
    assert float(got) == pytest.approx(3.0)


def test_half_the_squared_norm_is_decided_once_written_as_it_is_meant():
    v = dx.check(r"\nabla_w \frac{1}{2} \|w\|^2 = w", symbols=TABLE)
    assert v.status == "proved", v.reason
