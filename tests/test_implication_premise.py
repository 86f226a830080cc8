r"""The left of an implication is its premise, a condition and not a claim: ``X^\top (y - X w) = 0
\Rightarrow w^* = (X^\top X)^{-1} X^\top y``. The right, a solution written for the premise's
unknown (or for that name starred, ``w^*``: the solution, the optimum), is put into it: a wrong
solution is refuted, a right one proved. A family over arrows, premises and spellings of the
star; and what must stay as it was: a starred name the premise itself holds, a conclusion
about another name, and a premise that holds identically (still proved, as a claim)."""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


ARROWS = [r"\Rightarrow", r"\implies", r"\Longrightarrow"]
# (symbols, premise, unknown as written in the conclusion, right value, wrong value)
CASES = [
    ("x: scalar", "3x - 6 = 0", "x", "2", "3"),
    ("x: scalar", "3x - 6 = 0", "x^*", "2", "-2"),
    ("x: scalar", "x^2 = 4", "x^{*}", r"\pm 2", r"\pm 4"),
    (
        "w: vector[d]; X: matrix[n, d]; y: vector[n]",
        r"X^\top (y - X w) = 0",
        r"\mathbf{w^*}",
        r"(X^\top X)^{-1} X^\top y",
        r"X^\top y",
    ),
    (
        "w: scalar; a: scalar, positive",
        r"2 a w - 4 = 0",
        r"w^\star",
        r"\frac{2}{a}",
        r"\frac{4}{a}",
    ),
]


@pytest.mark.parametrize("arrow", ARROWS)
@pytest.mark.parametrize(("symbols", "premise", "unknown", "right", "wrong"), CASES)
def test_the_premise_is_a_condition_and_the_solution_is_put_into_it(
    tmp_path, arrow, symbols, premise, unknown, right, wrong
):
    for value, status in ((right, "proved"), (wrong, "refuted")):
        f = write_note(tmp_path, f"$${premise} {arrow} {unknown} = {value}$$\n", symbols)
        links = check_document(f, timeout=20)
        assert [x.kind for x in links] == ["equation", "claim"], links
        assert "premise" in links[0].reason
        assert links[1].status == status, links[1].reason
        assert "the equation on line 1" in links[1].reason


def test_a_starred_name_the_premise_holds_is_not_its_solution(tmp_path):
    # x^* appears in the premise: the conclusion is about x^*, not a solution for x
    f = write_note(tmp_path, r"$$x^* - x = 0 \Rightarrow x^* = 5$$" + "\n", "x: scalar")
    links = check_document(f, timeout=20)
    assert links[1].status != "refuted", links[1].reason


def test_a_premise_that_holds_identically_is_still_proved(tmp_path):
    f = write_note(tmp_path, r"$$(a + b)^2 - a^2 - 2ab - b^2 = 0 \Rightarrow c = 1$$" + "\n", "")
    links = check_document(f, timeout=20)
    assert links[0].kind == "claim" and links[0].status == "proved", links[0]


FONTS = [r"{}", r"\mathbf{{{}}}", r"\boldsymbol{{{}}}", r"\bm{{{}}}", r"\vec{{{}}}"]


@pytest.mark.parametrize("given_font", FONTS)
@pytest.mark.parametrize("claim_font", FONTS)
def test_a_definition_in_one_font_is_a_given_for_a_claim_in_another(
    tmp_path, given_font, claim_font
):
    # \mathbf{w} and w are one symbol to the table: a definition spelled one way was dropped for
    # a claim spelled the other, and the true claim was refuted
    w, y = (given_font.format(n) for n in "wy")
    cw, cy = (claim_font.format(n) for n in "wy")
    for right, status in ((f"2{cy}", "proved"), (f"3{cy}", "refuted")):
        f = write_note(tmp_path, f"$${w} := 2 {y}$$\n\n$${cw} = {right}$$\n", "w, y: vector[d]")
        links = check_document(f, timeout=20)
        assert links[-1].kind == "claim" and links[-1].status == status, links[-1].reason
