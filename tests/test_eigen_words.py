r"""Eigenvectors and definiteness a note states in words (issue 29): "$v$ is an eigenvector of
$A$ with eigenvalue $\lambda$" is the given ``A v = \lambda v`` for the displays that follow,
"unit" adds ``\|v\|_2 = 1``, a display that writes the eigen equation out restates the text, and
"$A$ is positive definite" declares A ``spd`` from there on. Each phrasing has a control (the
words negated, or the eigenvalue never named) that gives nothing."""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document
from derivax._documents._eigen import Eigen, definite, eigenvectors


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


KINDS = {"v": "vector", "u": "vector", "t^{(i)}": "vector", "A": "matrix", "U": "matrix"}


def kind_of(name: str):
    return KINDS.get(name)


# (sentence, what it says of the eigenvector)
PHRASINGS = [
    (
        r"Here $v$ is an eigenvector of $A$ with eigenvalue $\lambda$.",
        Eigen("v", "A", r"\lambda", False),
    ),
    (
        r"Here $v$ is a unit eigenvector of $A$ with eigenvalue $\lambda$.",
        Eigen("v", "A", r"\lambda", True),
    ),
    (
        r"The $t^{(i)}$ are eigenvectors of $A$ with eigenvalues $\lambda_i$.",
        Eigen("t^{(i)}", "A", r"\lambda_i", False),
    ),
    (r"Let $v$ be an eigenvector of $A$ (with eigenvalue $\mu$).", Eigen("v", "A", r"\mu", False)),
    (r"Let $v$ be an eigenvector of $A$.", Eigen("v", "A", None, False)),
    (r"Take $(\lambda, v)$ an eigenpair of $A$.", Eigen("v", "A", r"\lambda", False)),
    # no "of": the one matrix the sentence names
    (r"For symmetric $A$, let $v$ be a unit eigenvector.", Eigen("v", "A", None, True)),
    # two matrices named, none after "of": the matrix is left open
    (
        r"With $A = U\Lambda U^T$, each column $t^{(i)}$ of $U$ is a unit eigenvector:",
        Eigen("t^{(i)}", None, None, True),
    ),
]


@pytest.mark.parametrize("sentence, said", PHRASINGS)
def test_an_eigenvector_said_in_words(sentence, said):
    assert eigenvectors(sentence, kind_of) == [said]


@pytest.mark.parametrize(
    "sentence",
    [
        r"Here $v$ is not an eigenvector of $A$.",  # negated
        r"Here $u$ is never a unit eigenvector of $A$.",
        r"Here $x$ is an eigenvector of $A$.",  # x is no declared vector
        r"An eigenvector of $A$ is hard to find.",  # no subject in inline math
        r"Here $v$ is an eigenvector of $B$ with eigenvalue $1$.",  # B is no declared matrix
    ],
)
def test_words_that_say_no_eigenvector(sentence):
    assert eigenvectors(sentence, kind_of) == []


def test_definiteness_said_in_words():
    assert definite(r"For $A$ positive semi-definite and any $B$:", kind_of) == [("A", False)]
    assert definite(r"Assume $A$ is positive definite.", kind_of) == [("A", True)]
    assert definite(r"for a symmetric positive definite $A$", kind_of) == [("A", True)]
    assert definite(r"Since $A \succeq 0$, we have", kind_of) == [("A", False)]
    assert definite(r"Since $A \succ 0$, we have", kind_of) == [("A", True)]
    assert definite(r"Here $A$ is not positive definite.", kind_of) == []
    assert definite(r"Here $x$ is positive definite.", kind_of) == []


def _note(tmp_path, body: str, symbols: str):
    return write_note(tmp_path, body, symbols)


def _links(f):
    return [x for x in check_document(f, timeout=20) if x.kind in ("claim", "assumption")]


SYMBOLS = r"A: symmetric[n]; v: vector[n]; \lambda, c: scalar; n: dim"


def test_the_eigen_equation_said_in_words_is_a_given(tmp_path):
    body = r"""
    Let $v$ be a unit eigenvector of $A$ with eigenvalue $\lambda$. Then

    $$
    \lambda \|v\|_2 = \lambda
    $$

    $$
    \lambda \|v\|_2 = 2 \lambda
    $$

    $$
    A v = \lambda v
    $$

    $$
    \lambda \ge 0
    $$
    """
    unit, twin, restated, sign = _links(_note(tmp_path, body, SYMBOLS))
    assert unit.status == "proved" and "using what the text says" in unit.reason, unit
    # false under the givens, but a counterexample must satisfy A v = lambda v: not proved
    assert twin.status not in ("proved", "plausible"), twin
    assert restated.kind == "assumption" and "restates" in restated.reason, restated
    # an eigenvalue of a symmetric matrix has either sign: no proof, and no refutation either
    # (a counterexample must satisfy A v = lambda v)
    assert sign.status not in ("proved", "refuted"), sign
    # the control: the same note with the words negated gives nothing, and the claim that needs
    # the unit norm is refuted, as is lambda >= 0
    control = _links(_note(tmp_path, body.replace("be a unit", "not be a unit"), SYMBOLS))
    assert control[0].status == "refuted", control[0]
    assert control[2].kind == "claim" and control[2].status == "refuted", control[2]
    assert control[3].status == "refuted", control[3]


def test_an_eigenvalue_never_named_gives_no_given(tmp_path):
    body = r"""
    Let $v$ be an eigenvector of $A$. Then

    $$
    A v = c v
    $$

    $$
    c \ge 0
    $$
    """
    restated, sign = _links(_note(tmp_path, body, SYMBOLS))
    # the display names the eigenvalue: it writes out what the text said
    assert restated.kind == "assumption" and "eigenvector" in restated.reason, restated
    assert sign.status != "refuted", sign
    # with no display naming it, a claim about c alone is refuted: nothing relates c to A
    alone = _links(_note(tmp_path, body.replace("A v = c v", "c + 0 = c + 0"), SYMBOLS))
    assert alone[1].status == "refuted", alone[1]


def test_a_display_for_another_matrix_is_no_restatement(tmp_path):
    body = r"""
    Let $v$ be an eigenvector of $A$. Then

    $$
    B v = c v
    $$
    """
    symbols = SYMBOLS + "; B: matrix[n, n]"
    (link,) = _links(_note(tmp_path, body, symbols))
    assert link.kind == "claim" and link.status == "refuted", link


def test_positive_definite_in_words_declares_spd(tmp_path):
    body = r"""
    Assume $A$ is positive definite. Then for every $x$

    $$
    x^T A x \ge 0
    $$
    """
    symbols = r"A: matrix[n, n]; x: vector[n]; n: dim"
    (link,) = _links(_note(tmp_path, body, symbols))
    assert link.status == "proved", link
    control = _links(_note(tmp_path, body.replace("is positive", "is not positive"), symbols))
    assert control[0].status == "refuted", control[0]
