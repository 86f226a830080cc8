r"""Givens a note states in its running text rather than in a display.

Two families are read, each only from inline math the words point at:

- **constraints**: a relation in inline math right after "subject to", "s.t.", "under the
  constraint", "with the constraint", "constrained so that", "provided that", "assuming (that)",
  "given that", "where we assume", "dividing by" (``Dividing by $M > 0$``): ``subject to $\|u\|^2 = 1$`` is the given ``\|u\|^2 = 1`` for the
  displays that follow;
- **moments**: "with mean $\mu$", "variance $\sigma^2$", "standard deviation $\sigma$", "expected
  value $m$" said of the random variable named by the last inline math before it in the same
  sentence (``Let $X_1, \dots, X_n$ be i.i.d. with variance $\sigma^2$``): the given
  ``\operatorname{Var}(X_i) = \sigma^2`` (every entry, through an index) or
  ``\operatorname{Var}(X) = \sigma^2``.

Side conditions: the relation must be one derivax decides (``=``, ``\le``, ``\ge``, ``<``, ``>``,
one of them, nothing else: no ``\approx``, ``\sim``, ``\in``); a moment's value must be an
expression, not a relation; the random variable must be the only uppercase letter of its inline
math. What is read here is a given for the rest of the note, as the displays' own definitions
are, and a verdict that used one says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..symbols import split_top_commas
from ._cuts import _has_relation
from ._statements import _INLINE

_CONSTRAINT_CUE = re.compile(
    r"(?:\bsubject\s+to|\bs\.\s?t\.|\bunder\s+the\s+constraints?|\bwith\s+the\s+constraints?"
    r"|\bconstrained\s+(?:so\s+)?that|\bconstrained\s+by|\bprovided\s+(?:that\s+)?"
    r"|\bassuming\s+(?:that\s+)?|\bgiven\s+that|\bwhere\s+we\s+assume(?:\s+that)?"
    r"|\bdividing\s+by)"
    r"(?:\s+the\s+constraint)?\s*$",
    re.IGNORECASE,
)
_RELATION = re.compile(r"(?<![<>!:\\])=(?!=)|\\le(?:q)?(?![A-Za-z])|\\ge(?:q)?(?![A-Za-z])|<|>")
_UNDECIDED = re.compile(r"\\(?:approx|sim|in|neq|ne|propto|equiv|simeq|cong)(?![A-Za-z])")
_MOMENT_WORD = re.compile(
    r"\b(?P<word>mean|expectation|expected\s+value|variance|standard\s+deviation)\s+"
    r"(?:of\s+|is\s+|equal\s+to\s+|equals\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])")
_RANDOM_NAME = re.compile(r"(?<![\\A-Za-z])([A-Z])(?:\s*_\s*\{?\s*([0-9A-Za-z])\s*\}?)?")


@dataclass(frozen=True)
class TextGiven:
    """A given read from the running text: the relation, and the words that made it one."""

    relation: str
    cue: str


def constraints(prose: str) -> list[TextGiven]:
    """The relations the text imposes with a constraint cue ("subject to $c$")."""
    out = []
    for m in _INLINE.finditer(prose):
        body = " ".join((m.group(1) or m.group(2) or "").split()).rstrip(".,;")
        cue = _CONSTRAINT_CUE.search(prose[: m.start()])
        if cue is None or _UNDECIDED.search(body):
            continue
        if len(_RELATION.findall(body)) != 1:
            continue
        out.append(TextGiven(body, " ".join(cue.group(0).split())))
    return out


def moments(prose: str, index: str | None) -> list[TextGiven]:
    r"""The moments the text gives a random variable ("$X$ has variance $\sigma^2$").
    ``index`` is a declared index letter for a random vector named by an entry (``X_1``), or
    None (then only a variable named without a subscript gets its moments)."""
    out = []
    maths = list(_INLINE.finditer(prose))
    for k, m in enumerate(maths):
        value = " ".join((m.group(1) or m.group(2) or "").split()).rstrip(".,;")
        before = prose[: m.start()]
        word = _MOMENT_WORD.search(before)
        if word is None or not value or _has_relation(value) or _UNDECIDED.search(value):
            continue
        subject = _subject(prose, maths[:k], word.start(), index)
        if subject is None:
            continue
        op = {"variance": "\\operatorname{Var}", "standard deviation": "\\operatorname{Var}"}.get(
            " ".join(word.group("word").lower().split()), "\\mathbb{E}"
        )
        if "standard" in word.group("word").lower():
            value = f"\\left({value}\\right)^2"
        out.append(TextGiven(f"{op}({subject}) = {value}", " ".join(word.group(0).split())))
    return out + stated_moments(prose)


#: a moment written as a relation in inline math: ``$\mathbb{E}[X] = \mu$``, ``$\operatorname{Var}(X)
#: = \sigma^2$``
_STATED = re.compile(
    r"^\s*(?:\\mathbb\s*\{?E\}?|\\operatorname\{(?:Var|E|Cov)\}|\\mathrm\{(?:Var|E)\}|\\text\{(?:Var|E)\}|E)"
    r"\s*[\[(]"
)
_ASSUMING = re.compile(
    r"\b(suppose|assume|assuming|with|where|given|let)\b[^.!?$]*$", re.IGNORECASE
)


def stated_moments(prose: str) -> list[TextGiven]:
    r"""Moments the text assumes as relations: "Suppose $\mathbb{E}[X] = \mu$", "with
    $\operatorname{Var}(X) = \sigma^2$". Only after an assumption's words in the same sentence
    (a moment the text derives, "so $\mathbb{E}[X^2] = \dots$", is a claim, not a given), and
    only one relation (``=``) in the math."""
    out = []
    for m in _INLINE.finditer(prose):
        body = " ".join((m.group(1) or m.group(2) or "").split()).rstrip(".,;")
        cue = _ASSUMING.search(prose[: m.start()])
        if cue is None or not _STATED.match(body) or _UNDECIDED.search(body):
            continue
        if len(_RELATION.findall(body)) != 1 or "=" not in body:
            continue
        out.append(TextGiven(body, " ".join(cue.group(1).split())))
    return out


def _subject(prose: str, earlier: list[re.Match], at: int, index: str | None) -> str | None:
    """The random variable a moment word at ``prose[at]`` is said of: the last inline math before
    it in the same sentence, when that math names exactly one uppercase letter."""
    for m in reversed(earlier):
        if _SENTENCE_END.search(prose[m.end() : at]):
            return None
        body = m.group(1) or m.group(2) or ""
        if _has_relation(body) or _UNDECIDED.search(body):
            return None
        names = _RANDOM_NAME.findall(body)
        letters = {n for n, _ in names}
        if len(letters) != 1:
            continue  # a value ($\mu$) between: look further back
        letter = letters.pop()
        if any(sub for _, sub in names):
            return f"{letter}_{{{index}}}" if index else None
        return letter
    return None


#: a domain in set-builder notation: ``\operatorname{dom} f = \{(x, y) \in \mathbb{R}^2 \mid y > 0\}``
#: (``\mid``, ``|`` or ``:`` before the conditions; ``\mathbf{dom}``, ``\text{dom}`` alike)
_DOMAIN = re.compile(
    r"^\s*\\(?:operatorname|mathbf|mathrm|text|textbf)\s*\{\s*dom\s*\}\s*(?:\\[,;: ]\s*)*"
    r"(?P<name>\\?[A-Za-z]+)\s*=\s*\\\{(?P<members>.*?)(?:\\mid|\||:)(?P<conditions>.*)\\\}\s*\.?\s*$",
    re.DOTALL,
)


def domain_conditions(statement: str) -> tuple[str, list[TextGiven]] | None:
    """The function a domain statement is about and its conditions as givens, or None when the
    statement is no domain in set-builder notation. ``y > 0, x \\ne 0`` gives two; a membership
    (``x \\in \\mathbb{R}^n``) says what the declarations say already and gives none; a condition
    that is no single relation (``0 < y < 1`` reads as one chain, kept) is skipped, never guessed."""
    m = _DOMAIN.match(statement)
    if m is None:
        return None
    cue = f"the domain of {m.group('name')}"
    out = []
    for part in split_top_commas(m.group("conditions")):
        body = " ".join(part.split())
        if not body or r"\in" in body or _UNDECIDED.search(body):
            continue
        if len(_RELATION.findall(body)) >= 1:
            out.append(TextGiven(body, cue))
    return m.group("name"), out


#: the text says the derivation after it works on one example of the data: "For a single
#: training example $(x, y)$:", "for one sample", "on a single data point"
_ONE_EXAMPLE = re.compile(
    r"\b(?:a\s+single|one|each\s+single)\s+(?:training\s+)?(?:example|sample|data\s+point|"
    r"observation|instance)s?\b",
    re.IGNORECASE,
)


def one_example(prose: str) -> bool:
    """Whether the text right before a display says the display works on one example."""
    return bool(_ONE_EXAMPLE.search(_INLINE.sub(" ", prose[-200:])))


#: the text says the display enters an equation it refers to by label: ":eqref:`eq_softmax`",
#: "\eqref{eq:softmax}", "plugging (3) into", "using the definition of the softmax"
_ELSEWHERE = re.compile(
    r":eqref:`|\\(?:eq)?ref\{|\bplugging\b|\busing the definition\b|\bsubstituting\b",
    re.IGNORECASE,
)


def cites_elsewhere(prose: str) -> bool:
    """Whether the text right before a display says it uses a definition it refers to."""
    return bool(_ELSEWHERE.search(prose[-300:]))
