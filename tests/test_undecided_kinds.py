r"""Statements of a kind derivax does not decide yet (a supremum or infimum, a set in set-builder
notation, the dual norm, ``\exists``, a claim over a set the table does not give) are named as
that kind, never as a parser's complaint; a quantifier over a real space (``\forall x \in
\mathbb{R}^n``) is what every claim already says of its letters and is taken off, and
``\forall \epsilon > 0`` is a condition. Written as convex-optimization notes write them
(Boyd and Vandenberghe's dual norm, Jensen's inequality "for all x, y"). Found on the way:
``\inf_{x \in C} \|x - y\| \ge 0`` was taken for a range (``x \in C``) and dropped unseen."""

from __future__ import annotations

import json
import textwrap

import pytest

import derivax as dx
from derivax._documents import check_document
from derivax._documents._statements import is_range, split_statements
from derivax.latex import UNDECIDED_KIND

S = "z, x, y: vector[n]; t, a: scalar; f: function; i, j: index"


@pytest.mark.parametrize(
    ("latex", "names"),
    [
        (r"\|z\|_* = 1", "dual norm"),
        (r"\|z\|_{*} = \|z\|_2", "dual norm"),
        (r"\|z\|_\ast \le 1", "dual norm"),
        (r"\sup_{x} f(x) = 1", "supremum"),
        (r"\inf_{t > 0} t^2 = 0", "infimum"),
        (r"\limsup_{t \to 0} t = 0", "limit superior"),
        (r"\liminf_{t \to 0} t = 0", "limit inferior"),
        (r"\sup\{ z^\top x \mid \|x\|_2 \le 1 \} = \|z\|_2", "supremum"),
        (r"\{ x \mid x^\top x \le 1 \} = \{ y \mid y^\top y \le 1 \}", "set-builder"),
        (r"\forall x, f(x) \ge 0", "for all"),
        (r"\exists t: t^2 = 2", "there exists"),
    ],
)
def test_each_kind_is_named_in_the_refusal(latex, names):
    with pytest.raises(dx.DerivaxError) as e:
        dx.parse(latex, S)
    assert UNDECIDED_KIND in str(e.value) and names in str(e.value)


@pytest.mark.parametrize(
    "latex", [r"\max_{i} a_i", r"\lim_{t \to 0} \frac{\sin t}{t}", r"\|z\|_2", r"\|z\|_\infty"]
)
def test_what_derivax_reads_is_not_refused(latex):
    dx.parse(latex, "z: vector[n]; a: vector[n]; t: scalar; i: index")


@pytest.mark.parametrize(
    ("row", "text", "remark", "condition"),
    [
        (
            r"\forall x \in \mathbb{R}^n: f(x) \ge 0",
            r"f(x) \ge 0",
            r"for all x in \mathbb{R}^n",
            None,
        ),
        (r"\forall i, j: a_{ij} = a_{ji}", r"a_{ij} = a_{ji}", "for all i, j", None),
        (r"\forall x, f(x) \ge 0", r"f(x) \ge 0", "for all x", None),
        (
            r"f(x) \ge 0 \quad \forall x \in \mathbf{R}^{n}.",
            r"f(x) \ge 0",
            r"for all x in \mathbf{R}^{n}",
            None,
        ),
        (
            r"f(\theta x + (1-\theta) y) \le \theta f(x) + (1-\theta) f(y), \quad \forall x, y \in \mathbb{R}^n",
            r"f(\theta x + (1-\theta) y) \le \theta f(x) + (1-\theta) f(y)",
            r"for all x, y in \mathbb{R}^n",
            None,
        ),
        (r"\forall \epsilon > 0 : \epsilon^2 > 0", r"\epsilon^2 > 0", None, r"\epsilon > 0"),
    ],
)
def test_a_quantifier_over_a_real_space_is_taken_off(row, text, remark, condition):
    (s,) = split_statements(row)
    assert (s.text, s.problem) == (text, "")
    assert s.remarks == ([remark] if remark else [])
    assert s.conditions == ([condition] if condition else [])


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (r"f(x) \ge 0 \quad \forall x \in C", "`C`, a set the symbol table does not give"),
        (r"x^\top A x > 0 \quad \forall x \neq 0", r"not over a real space"),
        (r"\exists t > 0: f(t) = 0", "there exists"),
    ],
)
def test_a_quantifier_over_another_set_leaves_the_statement_unread_naming_it(row, says):
    (s,) = split_statements(row)
    assert says in s.problem and UNDECIDED_KIND in s.problem


@pytest.mark.parametrize(
    ("text", "is_one"),
    [
        (r"x \in \mathbb{R}^n", True),
        (r"\theta, w \in \Theta", True),
        (r"\inf_{x \in C} \|x - y\| \ge 0", False),  # was dropped as a range, unseen
        (r"\min_{x \in C} f(x) = f(x^*)", False),
        (r"\forall x \in C: f(x) \ge 0", False),
    ],
)
def test_only_names_before_in_make_a_range(text, is_one):
    assert is_range(text) is is_one


def test_in_a_document_every_kind_is_listed_and_quantified_claims_are_checked(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("DERIVAX_CACHE", "off")
    f = tmp_path / "dual.tex"
    f.write_text(
        textwrap.dedent(
            r"""
            \documentclass{article}
            \usepackage{amsmath,amssymb}
            \begin{document}
            The dual norm is
            \[ \|z\|_* = \sup\{ z^\top x \mid \|x\| \le 1 \}. \]
            \[ \inf_{x \in C} \|x - y\| \ge 0. \]
            \[ \forall x \in \mathbb{R}^n: \|x\|^2 \ge 0. \]
            \[ \|x + y\|^2 \le 2\|x\|^2 + 2\|y\|^2 \quad \forall x, y \in \mathbb{R}^n. \]
            \[ \|x + y\|^2 \le \|x\|^2 + \|y\|^2 \quad \forall x, y \in \mathbb{R}^n. \]
            \end{document}
            """
        ).strip(),
        encoding="utf-8",
    )
    (tmp_path / "dual.tex.derivax.toml").write_text(
        "symbols = " + json.dumps("z, x, y: vector[n]") + "\n", encoding="utf-8"
    )
    links = {x.line: x for x in check_document(f, timeout=20)}
    assert sorted(links) == [5, 6, 7, 8, 9]  # nothing dropped
    for line in (5, 6):
        assert links[line].status == "unread" and UNDECIDED_KIND in links[line].reason
    assert [links[k].status for k in (7, 8, 9)] == ["proved", "proved", "refuted"]
