r"""Macros a site defines for every page (issue 24): a note's sidecar carries them as
``macros = '\newcommand...'``, as a MathJax or KaTeX configuration (or a Sphinx preamble) does,
and the note's displays read with them expanded. The marks drawn around a term (``\cancel``,
``\cancelto``, ``\boxed``, ``\textcolor``) leave the term, and ``\underset{A}{E}`` is ``E_{A}``.

Side conditions, and the cases that would break them: a definition in the note itself comes
after the site's and wins; a sidecar whose ``macros`` defines nothing is refused (a typo would
otherwise leave every use unread without a word); ``\cancelto{0}{A}`` keeps ``A`` (the author's
"this is 0" is not taken on trust, so a wrong cancellation is still refuted); ``\underset`` over
anything but an operator (a label under a matrix) is not a subscript and stays unread.
"""

from __future__ import annotations

import json
import textwrap

import pytest
import sympy

import derivax as dx
from derivax._documents import check_document
from derivax._errors import DerivaxError


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _note(tmp_path, body: str, symbols: str, macros: str | None = None, name: str = "n.md"):
    f = tmp_path / name
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    side = "symbols = " + json.dumps(symbols) + "\n"
    if macros is not None:
        side += "macros = '''\n" + macros + "\n'''\n"
    (tmp_path / (name + ".derivax.toml")).write_text(side, encoding="utf-8")
    return f


SPINNING_UP = (
    r"\newcommand{\E}{{\mathrm E}}"
    "\n"
    r"\newcommand{\underE}[2]{\underset{\begin{subarray}{c}#1 \end{subarray}}{\E}\left[ #2 \right]}"
)  # the preamble of Spinning Up's docs/conf.py (MIT, OpenAI)
# two other sites' ways to write an expectation
SITE_EXPECTATIONS = [
    (r"\newcommand{\Ex}[1]{\mathbb{E}\left[#1\right]}", r"\Ex{a x + b}"),
    (r"\DeclareMathOperator{\Exp}{\mathbb{E}}", r"\Exp[a x + b]"),
    (r"\newcommand{\EE}{\operatorname{\mathbb{E}}}", r"\EE\left[a x + b\right]"),
]


@pytest.mark.parametrize("macros,expectation", SITE_EXPECTATIONS)
def test_a_site_macro_reads_in_every_display_and_a_wrong_step_is_still_found(
    tmp_path, macros, expectation
):
    body = f"""
        Linearity:

        $${expectation} = a \\mathbb{{E}}[x] + b$$

        and a slip:

        $${expectation} = a \\mathbb{{E}}[x] + 2 b$$
        """
    f = _note(tmp_path, body, "x: random; a, b: scalar", macros)
    links = check_document(f, timeout=20)
    claims = [x for x in links if x.kind == "claim"]
    assert [x.status for x in claims] == ["proved", "refuted"], links
    # without the site's macros the same note is unread, not misread
    g = _note(tmp_path, body, "x: random; a, b: scalar", None, name="bare.md")
    assert all(x.kind == "unread" for x in check_document(g, timeout=20))


def test_spinning_up_s_expectation_macro_reads_as_the_expectation_it_draws(tmp_path):
    body = r"""
        $$\underE{x \sim P_{\theta}}{f(x)} = \mathbb{E}_{x \sim P_{\theta}}[f(x)]$$
        """
    f = _note(tmp_path, body, r"P_{\theta}, f: function", SPINNING_UP)
    (link,) = check_document(f, timeout=20)
    assert link.kind == "claim" and link.status == "proved", link


def test_a_definition_in_the_note_comes_after_the_site_and_wins(tmp_path):
    body = r"""
        $$\newcommand{\two}{3}$$

        $$\two + \two = 6$$
        """
    f = _note(tmp_path, body, "", r"\newcommand{\two}{2}")
    (claim,) = [x for x in check_document(f, timeout=20) if x.kind == "claim"]
    assert claim.status == "proved"


def test_a_notebook_gets_the_site_macros_in_every_cell(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [r"$$\sq{a + b} = a^2 + 2ab + b^2$$"]},
        {"cell_type": "markdown", "metadata": {}, "source": [r"$$\sq{a - b} = a^2 + b^2$$"]},
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    f = tmp_path / "n.ipynb"
    f.write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "n.ipynb.derivax.toml").write_text(
        "symbols = 'a, b: scalar'\nmacros = '\\newcommand{\\sq}[1]{\\left(#1\\right)^2}'\n",
        encoding="utf-8",
    )
    claims = [x for x in check_document(f, timeout=20) if x.kind == "claim"]
    assert [x.status for x in claims] == ["proved", "refuted"]


@pytest.mark.parametrize("bad", ["not a macro at all", r"\sq{a}"])
def test_sidecar_macros_that_define_nothing_are_refused_by_name(tmp_path, bad):
    f = _note(tmp_path, "$$a = a$$\n", "a: scalar", bad)
    with pytest.raises(DerivaxError, match="`macros` defines nothing"):
        check_document(f, timeout=20)


def test_sidecar_macros_must_be_a_string(tmp_path):
    f = tmp_path / "n.md"
    f.write_text("$$a = a$$\n", encoding="utf-8")
    (tmp_path / "n.md.derivax.toml").write_text("macros = ['x']\n", encoding="utf-8")
    with pytest.raises(DerivaxError, match="`macros` a string"):
        check_document(f, timeout=20)


# -- marks around a term ---------------------------------------------------------------------
X = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    "marked",
    [
        r"\cancel{x^2}",
        r"\bcancel{x^2}",
        r"\xcancel{x^2}",
        r"\boxed{x^2}",
        r"\cancelto{0}{x^2}",
        r"\textcolor{red}{x^2}",
        r"\colorbox{yellow}{x^2}",
    ],
)
def test_a_mark_around_a_term_leaves_the_term(marked):
    e = dx.parse(rf"1 + {marked}", "x: scalar")
    assert sympy.simplify(e - (1 + X**2)) == 0


def test_a_cancellation_the_author_gets_wrong_is_still_refuted():
    # \cancelto{0}{x^2} says x^2 is 0; derivax keeps x^2, so the step is judged as written
    assert dx.check(r"\cancelto{0}{x^2} + x = x", "x: scalar", cache=False).status == "refuted"
    assert (
        dx.check(r"\frac{\cancel{2} x}{\cancel{2}} = x", "x: scalar", cache=False).status
        == "proved"
    )


def test_a_mark_without_its_argument_is_refused_by_name():
    with pytest.raises(DerivaxError, match=r"\\cancel"):
        dx.parse(r"\cancel x = x", "x: scalar")


# -- \underset ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written",
    [
        r"\underset{x \sim p}{\mathbb{E}}\left[a x\right]",
        r"\underset{x \sim p}{\mathrm{E}}[a x]",
        r"\underset{x \sim p}{{\mathrm E}}\left[ a x \right]",
        r"\underset{\begin{subarray}{c}x \sim p \end{subarray}}{E}\left[a x\right]",
    ],
)
def test_underset_of_an_expectation_is_its_subscript(written):
    same = dx.parse(r"\mathbb{E}_{x \sim p}[a x]", "x: random; a: scalar")
    assert dx.parse(written, "x: random; a: scalar") == same


def test_underset_of_anything_but_an_operator_stays_unread():
    with pytest.raises(DerivaxError, match=r"\\underset"):
        dx.parse(r"\underset{n \times n}{A} = A", "A: matrix[n, n]; n: dim")


@pytest.mark.parametrize(
    "written,plain",
    [
        (r"\operatorname{\mathrm{tr}}(A)", r"\operatorname{tr}(A)"),
        (r"\operatorname{\mathbf{tr}}(A^\top A)", r"\operatorname{tr}(A^\top A)"),
        (r"\mathop{\mathrm{tr}}(A)", r"\mathrm{tr}(A)"),
        (r"\operatorname*{\mathbb{E}}[x]", r"\mathbb{E}[x]"),
        (r"\mathop{\mathbb{E}}[x]", r"\mathbb{E}[x]"),
    ],
)
def test_a_font_inside_an_operator_s_name_is_no_new_function(written, plain):
    # \operatorname{\mathrm{tr}}(A) was an undeclared function of a matrix: a claim about the
    # trace written that way would have been judged about some other function
    symbols = "A: matrix[n, n]; n: dim; x: random"
    assert dx.parse(written, symbols) == dx.parse(plain, symbols)
