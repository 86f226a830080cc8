r"""``[x]_+`` (the positive part of hinge and triplet losses) is ``\max(0, x)``, in square brackets
or parentheses, with ``_+`` or ``_{+}`` (issue 25: FaceNet's triplet loss was unread). Against
NumPy written from the definition; the side conditions: a ``+`` with more in the subscript, and
a bracket that is an argument, are not positive parts."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(3)


@pytest.mark.parametrize(
    "written",
    [
        r"\left[ \|a - p\|_2^2 - \|a - q\|_2^2 + m \right]_+",
        r"[\|a - p\|_2^2 - \|a - q\|_2^2 + m]_{+}",
        r"\left( \|a - p\|_2^2 - \|a - q\|_2^2 + m \right)_+",
    ],
)
def test_the_triplet_loss_is_its_positive_part(written):
    symbols = "a, p, q: vector[d]; m: scalar, positive"
    e = dx.parse(written, symbols)
    for margin in (0.1, 0.4, 5.0):  # both sides of the hinge
        a, p, q = RNG.normal(size=(3, 4))
        got = float(dx.evaluate(e, {"a": a, "p": p, "q": q, "m": margin}))
        want = max(0.0, np.sum((a - p) ** 2) - np.sum((a - q) ** 2) + margin)
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_the_hinge_with_a_coefficient_and_nested_parts():
    symbols = r"x, w: vector[n]; y, \lambda: scalar"
    e = dx.parse(r"\lambda \left(1 - y w^\top x\right)_+ + [[y]_+ - 1]_+", symbols)
    x, w = RNG.normal(size=(2, 3))
    for y in (-2.0, 0.5, 3.0):
        got = float(dx.evaluate(e, {"x": x, "w": w, "y": y, r"\lambda": 0.7}))
        want = 0.7 * max(0.0, 1 - y * w @ x) + max(0.0, max(0.0, y) - 1)
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("written", [r"[x]_{+1}", r"2[x]_+"])
def test_what_is_no_positive_part_is_not_read_as_one(written):
    try:
        e = dx.parse(written, "x: vector[n]")
    except dx.ParseError:
        return
    assert "Max" not in str(e), e
