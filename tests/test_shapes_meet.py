r"""A step of a paper that adds arrays of different sizes (`(X X^T + \lambda I_D)^{-1}` with
`X: matrix[N, D]`, a slip of the EPFL ridge cheat sheet) has a meaning only where the sizes meet.
check-doc reads it there (N = D): a counterexample there refutes the step, which is then false in
every reading (meaningless where the sizes differ, false where they meet); a proof there proves
nothing of the step as written, which stays unread with the shapes and what held where they meet.

Side conditions, each with a case: two sizes declared `dim` (a number against a size, or two
numbers, is never merged); the merged reading must itself read; the other sizes stay apart."""

from __future__ import annotations

import json
import textwrap

import pytest

from derivax._documents import check_document


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _links(tmp_path, display: str, symbols: str):
    f = tmp_path / "p.tex"
    f.write_text(
        "\\documentclass{article}\n\\begin{document}\nWe have\n\\[ "
        + textwrap.dedent(display).strip()
        + " \\]\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "p.tex.derivax.toml").write_text(
        "symbols = " + json.dumps(symbols) + "\n", encoding="utf-8"
    )
    return [x for x in check_document(f, timeout=20) if x.kind in ("claim", "unread")]


RIDGE = "w: vector[D]; y: vector[N]; X: matrix[N, D]; \\lambda: scalar, positive; N, D: dim"

# false where the sizes meet: the inverse taken of X X^T instead of X^T X, in several spellings
FALSE_WHERE_MET = [
    r"(XX^T + \lambda I_D)^{-1}X^T y = X^T(XX^T + \lambda I_N)^{-1} y",
    r"(X X^\top + \lambda I_D)^{-1} X^\top y = (X^\top X + \lambda I_D)^{-1} X^\top y",
    r"X^T (X X^T + \lambda I_D) w = X^T X X^T w + \lambda w",
    r"(X^\top X + \lambda I_N) w = X^\top X w + \lambda w + w",
]
# true where the sizes meet (so the step as written stays unread)
TRUE_WHERE_MET = [
    r"X^T X + \lambda I_N = X^T X + \lambda I_N",
    r"(X X^T + \lambda I_D) y = X X^T y + \lambda y",
]


@pytest.mark.parametrize("display", FALSE_WHERE_MET)
def test_false_where_the_sizes_meet_is_refuted(tmp_path, display):
    (link,) = _links(tmp_path, display, RIDGE)
    assert link.status == "refuted", link
    assert "fit only where" in link.reason and ("N = D" in link.reason or "D = N" in link.reason)
    # the counterexample is a point where N = D: every array square
    x = link.counterexample["X"]
    assert len(x) == len(x[0])


@pytest.mark.parametrize("display", TRUE_WHERE_MET)
def test_true_where_the_sizes_meet_stays_unread(tmp_path, display):
    (link,) = _links(tmp_path, display, RIDGE)
    assert link.status == "unread", link
    assert "cannot add" in link.reason and "the claim is proved" in link.reason


def test_a_number_against_a_size_is_never_merged(tmp_path):
    table = "X: matrix[N, 3]; \\lambda: scalar; N: dim"
    (link,) = _links(tmp_path, r"X X^T + \lambda I_3 = X^T X", table)
    assert link.status == "unread" and "where" not in link.reason.split(";")[0]


def test_two_numbers_are_never_merged(tmp_path):
    table = "X: matrix[2, 3]; \\lambda: scalar"
    (link,) = _links(tmp_path, r"X X^T + \lambda I_3 = X X^T", table)
    assert link.status == "unread"
    assert "fit" not in link.reason


def test_the_other_sizes_stay_apart(tmp_path):
    # N and D meet; K stays its own: the retry reads with N = D only
    table = "X: matrix[N, D]; B: matrix[D, K]; \\lambda: scalar; N, D, K: dim"
    (link,) = _links(tmp_path, r"(X X^T + \lambda I_D) X B = X X^T X B", table)
    assert link.status == "refuted", link
    b = link.counterexample["B"]
    x = link.counterexample["X"]
    assert len(x) == len(x[0]) == len(b)
