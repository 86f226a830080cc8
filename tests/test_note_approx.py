r"""``\approx`` in a note between a closed-form number and the decimal digits written for it is
decided to the last digit written (rounded, or cut with ``\ldots``): within one unit of it is
proved, farther is refuted, both against a high-precision value. Between expressions it stays
unread: no tolerance is written."""

from __future__ import annotations

import json
import math
import textwrap

import pytest

from derivax._documents import check_document
from derivax._documents._claim import _check_approx
from derivax.symbols import SymbolTable

T = SymbolTable.coerce("x: scalar; f, g: function")


@pytest.mark.parametrize(
    "lhs, rhs",
    [
        (r"\pi", "3.14159"),
        (r"\pi", r"3.1415\ldots"),  # cut, not rounded
        ("e", "2.7183"),
        (r"\log 2", "0.693"),
        (r"\sqrt{2}", "1.41421356"),
        ("3.14", r"\pi"),  # the digits on the left
        (r"1000000000 \cdot \log(1/2)", r"-693147180.6\ldots"),
        (r"\frac{22}{7}", "3.142857"),
        (r"\pi", "3"),
    ],
)
def test_digits_that_agree_are_proved(lhs, rhs):
    status, reason = _check_approx(lhs, rhs, T)
    assert status == "proved", reason


@pytest.mark.parametrize(
    "lhs, rhs, value",
    [
        (r"\pi", "3.15", math.pi),
        (r"1000000000 \cdot \log(1/2)", r"-301029995.6\ldots", 1e9 * math.log(0.5)),
        (
            "e",
            "2.7182",
            math.e,
        ),  # cut at the 4th digit it is 2.7182, but within one unit: see below
        (r"\log 2", "0.69", math.log(2)),
    ],
)
def test_digits_that_disagree_are_refuted_naming_the_value(lhs, rhs, value):
    status, reason = _check_approx(lhs, rhs, T)
    written = float(rhs.replace(r"\ldots", ""))
    places = len(rhs.replace(r"\ldots", "").split(".")[1]) if "." in rhs else 0
    # the rule, recomputed here from the float value: within one unit of the last digit
    expected = "proved" if abs(value - written) <= 10.0**-places else "refuted"
    assert status == expected, reason
    if status == "refuted":
        assert repr(round(value, 3))[:6] in reason


def test_between_expressions_nothing_is_decided():
    assert _check_approx("f(x)", "g(x)", T) is None
    assert _check_approx("x", "3.1", T) is None  # a free variable: no number to compare


def test_a_note_step_with_the_wrong_base_of_logarithm_is_refuted(tmp_path):
    f = tmp_path / "n.md"
    f.write_text(
        textwrap.dedent(
            r"""
            The log-likelihood of a billion fair coin flips:

            $$
            1000000000\cdot\log(1/2) \approx -301029995.6\ldots
            $$
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "n.md.derivax.toml").write_text("symbols = " + json.dumps("x: scalar") + "\n")
    (link,) = [x for x in check_document(f) if x.kind == "claim"]
    assert link.status == "refuted"
    assert "-693147180.5" in link.reason
