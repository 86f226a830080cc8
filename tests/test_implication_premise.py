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


@pytest.mark.parametrize("sign", [r"\triangleq", ":=", r"\coloneqq"])
def test_a_name_first_written_as_the_value_of_a_definition_is_named_by_the_next_link(
    tmp_path, sign
):
    # J(w) \triangleq NLL(w) = -\ell(w): the second link defines NLL, and both then hold
    body = f"""
    $$\\ell(w) := w^2 + 1$$

    $$J(w) {sign} \\mathrm{{NLL}}(w) = -\\ell(w)$$

    $$J(w) = -w^2 - 1$$

    $$J(w) = -w^2$$
    """
    links = check_document(write_note(tmp_path, body, "w: scalar"), timeout=20)
    assert [x.kind for x in links] == ["definition"] * 3 + ["claim"] * 2, links
    assert [x.status for x in links[3:]] == ["proved", "refuted"], links


def test_a_name_seen_before_is_no_name_of_a_definition_chain(tmp_path):
    # NLL written before: `NLL(w) = -\ell(w)` after J's definition is checked, as a claim
    body = r"""
    $$\ell(w) := w^2 + 1$$

    $$\mathrm{NLL}(w) := w^2 + 1$$

    $$J(w) \triangleq \mathrm{NLL}(w) = -\ell(w)$$
    """
    links = check_document(write_note(tmp_path, body, "w: scalar"), timeout=20)
    assert links[-1].kind == "claim" and links[-1].status == "refuted", links[-1]


@pytest.mark.parametrize("heading", [r"\section{Ridge}", r"\subsection*{Ridge}", "## Ridge"])
def test_a_section_defines_a_name_anew(tmp_path, heading):
    body = f"""
    $$L(w) = w^2$$

    {heading}

    $$L(w) = w^2 + \\lambda w^4$$

    $$\\frac{{d L(w)}}{{dw}} = 2w + 4\\lambda w^3$$
    """
    links = check_document(write_note(tmp_path, body, r"w: scalar; \lambda: scalar"), timeout=20)
    assert [x.kind for x in links] == ["definition", "definition", "claim"], links
    assert "anew" in links[1].reason
    assert links[2].status == "proved", links[2].reason


def test_without_a_section_a_second_definition_is_a_claim(tmp_path):
    body = r"""
    $$L(w) = w^2$$

    so that

    $$L(w) = w^2 + 1$$
    """
    links = check_document(write_note(tmp_path, body, "w: scalar"), timeout=20)
    assert links[1].kind == "claim" and links[1].status == "refuted", links[1]


def test_a_star_on_a_declared_matrix_is_not_read_as_a_name():
    # A^* may be an adjoint: refused, never a new matrix named A^*
    import derivax as dx

    assert str(dx.parse(r"w^* + 1", symbols="w: scalar")) == "w^{*} + 1"
    with pytest.raises(dx.ParseError):
        dx.parse(r"A^*", symbols="A: matrix[n, n]")
