r"""The indicator in every spelling notes use — ``1_{i=j}``, ``\mathbb{1}_{i=j}``,
``\mathbf{1}_{i=j}``, ``\mathbb{1}[i=j]``, ``\mathbb{1}\{i=j\}`` — is one expression; of an equality of
indices it is the Kronecker delta (so a sum over it collapses), of ``\neq`` one minus it, of any
other condition 1 where the condition holds and 0 elsewhere (a comparison of real quantities as
the step ``H(x)``, which stays inside a sum, tests/test_fresh_notation.py)."""

from __future__ import annotations

import pytest
import sympy

import derivax as dx

S = "a: vector[K]; i, j, k: index; K: dim; x: scalar"
SPELLINGS = [
    r"1_{{{c}}}",
    r"\mathbb{{1}}_{{{c}}}",
    r"\mathbf{{1}}_{{{c}}}",
    r"\mathbb{{1}}[{c}]",
    r"\mathbb{{1}}\{{{c}\}}",
    # as course notes and textbooks write it: CS 229's 1{...}, ESL's I(...), the set's braces
    r"1\{{{c}\}}",
    r"1[{c}]",
    r"\mathbb{{1}}({c})",
    r"\mathbb{{I}}({c})",
    r"\mathbb{{I}}[{c}]",
    r"I({c})",
    r"\mathbb{{1}}_{{\{{{c}\}}}}",
    r"\mathbb{{1}}\left\{{{c}\right\}}",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize(
    "condition, want",
    [
        ("i = j", r"\delta_{ij}"),
        ("i = j + 1", "shifted"),
        (r"i \neq j", r"1 - \delta_{ij}"),
        ("x > 0", None),
    ],
)
def test_every_spelling_is_one_expression(spelling, condition, want):
    got = dx.parse(spelling.format(c=condition), S)
    if want is None:
        assert isinstance(got, (sympy.Piecewise, sympy.Heaviside))
        (x,) = got.free_symbols
        assert [got.subs(x, v) for v in (2, -2, 0)] == [1, 0, 0]
    elif want == "shifted":
        i, j = sorted(dx.parse("i + j", S).free_symbols, key=str)
        assert got == sympy.KroneckerDelta(i, j + 1)
    else:
        assert got == dx.parse(want, S)


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"\sum_{j=1}^{K} 1_{i=j} a_j = a_i", "proved"),
        (r"\sum_{j=1}^{K} 1_{i=j} a_j = a_i + 1", "refuted"),
        (r"\sum_{j=1}^{K} \mathbb{1}[i \neq j] a_j = \sum_{j=1}^{K} a_j - a_i", "proved"),
    ],
)
def test_sums_over_an_indicator_of_indices_collapse(claim, status):
    assert dx.check(claim, S, timeout=20).status == status


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"1(x + k)", "k + x"),  # a bracket of no relation: a product
        (r"1[x + k]", "k + x"),
        (r"x^1(k)", "k*x"),  # an exponent's 1
        (r"I(x)", "I*x"),  # no relation: I stays what it was
    ],
)
def test_a_one_or_an_i_before_a_bracket_of_no_relation_is_no_indicator(latex, text):
    assert str(dx.parse(latex, S)) == text


def test_a_declared_i_applied_to_a_relation_stays_the_declared_name():
    with pytest.raises(dx.DerivaxError):
        dx.parse(r"I(x > 0)", "I: scalar; x: scalar")


def test_a_plain_number_with_a_subscript_is_no_indicator():
    with pytest.raises(dx.DerivaxError):
        dx.parse(r"1_{2}", S)
