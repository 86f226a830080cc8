r"""Eigenvectors and definiteness a note states in words.

- **eigenvectors**: "$v$ is an eigenvector of $A$ with eigenvalue $\lambda$", "$t^{(i)}$ are
  eigenvectors of $A$ with eigenvalues $\lambda_i$", "let $v$ be a unit eigenvector",
  "$(\lambda, v)$ an eigenpair of $A$". The matrix is the one named after "of", else the one
  matrix the sentence names; the eigenvalue is the one named, never guessed. "unit" says
  ``\|v\|_2 = 1`` as well. What the words leave open (no eigenvalue named, or no matrix) is
  left to the display that writes the eigen equation out: that display restates the text.
- **definiteness**: "$A$ is positive definite", "symmetric positive definite $A$", "$A \succ 0$"
  (and the semi-definite spellings, ``\succeq``), said of a declared square matrix.

Side conditions: every name is in inline math and declared (the vector a vector, the matrix a
matrix); "not an eigenvector", "is not positive definite" say nothing; a sentence naming two
vectors or two eigenvalues before the words says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ._cuts import _has_relation
from ._statements import _INLINE, names_in

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z])")
_EIGENVECTOR = re.compile(r"\b(?P<unit>unit\s+|normali[sz]ed\s+)?eigen-?vectors?\b", re.IGNORECASE)
_EIGENPAIR = re.compile(
    r"\$\(\s*(?P<value>[^$,]+?)\s*,\s*(?P<vector>[^$,]+?)\s*\)\$\s*(?:,\s*)?(?:is\s+|be\s+)?"
    r"an?\s+(?P<unit>unit\s+)?eigen-?pair\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\bnot\b|\bno\b|n't\b|\bnever\b|\bneither\b|\bnor\b", re.IGNORECASE)
_OF = re.compile(r"^\s*(?:of|for)\s+(?:the\s+(?:matrix\s+)?)?\$([^$]+)\$")
_VALUE = re.compile(
    r"\b(?:with|for|of|and|associated\s+with|corresponding\s+to)\s+(?:the\s+)?"
    r"eigenvalues?\s+\$([^$]+)\$",
    re.IGNORECASE,
)
_DEFINITE_AFTER = re.compile(
    r"\$(?P<name>[^$]+)\$\s*(?:,\s*)?(?:is\s+|be\s+|are\s+)?(?:also\s+)?"
    r"(?:symmetric(?:\s+and)?\s+|symmetric,\s+)?positive[\s-]*(?P<semi>semi[\s-]*)?definite\b",
    re.IGNORECASE,
)
_DEFINITE_BEFORE = re.compile(
    r"(?<!not\s)\b(?:symmetric\s+)?positive[\s-]*(?P<semi>semi[\s-]*)?definite\s+"
    r"(?:matrix\s+|matrices\s+)?\$(?P<name>[^$]+)\$",
    re.IGNORECASE,
)
_SUCC = re.compile(
    r"^\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\succ(?P<eq>eq)?\s*0\s*$"
)


@dataclass(frozen=True)
class Eigen:
    """An eigenvector the text speaks of: its matrix and eigenvalue when said (else None), and
    whether it is said to be of unit norm."""

    vector: str
    matrix: str | None
    value: str | None
    unit: bool


def _clean(body: str) -> str:
    return " ".join(body.split()).rstrip(".,;:")


def eigenvectors(prose: str, kind_of: Callable[[str], str | None]) -> list[Eigen]:
    """The eigenvectors the running text names. ``kind_of(name)`` is ``"vector"`` or
    ``"matrix"`` (a declared square matrix) or None."""
    out = []
    for sentence in _SENTENCE.split(prose):
        out += _pairs(sentence, kind_of)
        for word in _EIGENVECTOR.finditer(sentence):
            vector = _subject(sentence, word.start(), kind_of)
            if vector is None:
                continue
            after = sentence[word.end() :]
            of = _OF.match(after)
            matrix = _clean(of.group(1)) if of else None
            if matrix is not None and kind_of(matrix) != "matrix":
                continue  # an eigenvector of something derivax does not hold as a matrix
            if matrix is None:
                matrix = _only_matrix(sentence, kind_of)
            value = _value(after, vector)
            out.append(Eigen(vector, matrix, value, bool(word.group("unit"))))
    return out


def _subject(sentence: str, at: int, kind_of) -> str | None:
    """The vector named by the last inline math before ``sentence[at]`` that is a declared
    vector, when no negation stands between it and the word; None otherwise."""
    maths = [m for m in _INLINE.finditer(sentence) if m.end() <= at]
    for m in reversed(maths):
        body = _clean(m.group(1) or m.group(2) or "")
        if kind_of(body) == "vector":
            if _NEGATED.search(sentence[m.end() : at]):
                return None
            return body
        if _has_relation(body) or "," in body:
            return None  # a relation or a list between: which vector is meant is not said
    return None


def _only_matrix(sentence: str, kind_of) -> str | None:
    """The one declared matrix the sentence's inline math names, or None."""
    found = set()
    for m in _INLINE.finditer(sentence):
        body = m.group(1) or m.group(2) or ""
        found |= {n for n in names_in(body) if kind_of(n) == "matrix"}
    return found.pop() if len(found) == 1 else None


def _value(after: str, vector: str) -> str | None:
    """The eigenvalue named after the eigenvector word ("with eigenvalue $\\lambda$"), or None."""
    m = _VALUE.search(after)
    if m is None:
        return None
    value = _clean(m.group(1))
    if not value or _has_relation(value) or vector in value:
        return None
    return value


def _pairs(sentence: str, kind_of) -> list[Eigen]:
    """``$(\\lambda, v)$ an eigenpair of $A$``: the eigenvalue first, then the vector."""
    out = []
    for m in _EIGENPAIR.finditer(sentence):
        value, vector = _clean(m.group("value")), _clean(m.group("vector"))
        if kind_of(vector) != "vector" or _has_relation(value) or kind_of(value) is not None:
            continue
        after = sentence[m.end() :]
        of = _OF.match(after)
        matrix = _clean(of.group(1)) if of else _only_matrix(sentence, kind_of)
        if matrix is not None and kind_of(matrix) != "matrix":
            continue
        out.append(Eigen(vector, matrix, value, bool(m.group("unit"))))
    return out


def definite(prose: str, kind_of: Callable[[str], str | None]) -> list[tuple[str, bool]]:
    """The matrices the text says are positive definite (``(name, True)``) or semi-definite
    (``(name, False)``); a negated statement ("is not positive definite") says nothing."""
    out = []
    for pattern in (_DEFINITE_AFTER, _DEFINITE_BEFORE):
        for m in pattern.finditer(prose):
            name = _clean(m.group("name"))
            between = m.group(0)
            if kind_of(name) == "matrix" and not _NEGATED.search(between):
                out.append((name, not m.group("semi")))
    for m in _INLINE.finditer(prose):
        succ = _SUCC.match(_clean(m.group(1) or m.group(2) or ""))
        if succ and kind_of(succ.group("name")) == "matrix":
            out.append((succ.group("name"), not succ.group("eq")))
    return out
