r"""Definitions a note makes in its running text, in inline math: ``$n_H = 9$``,
``$L(\mu) = -\frac{1}{2}\sum_i (x_i - \mu)^2$``, and one expression given two names in a chain,
``$h_i = \sum_k e^{a_k} = \Sigma$``."""

from __future__ import annotations

import re

from .._errors import DerivaxError
from ._cuts import _has_relation
from ._read import split_relations_lines
from ._statements import _INLINE, head_of, names_in

#: the signs that define the name on their left (``=`` defines only a fresh name)
_DEFINING = (r"\triangleq", ":=", r"\coloneqq", r"\equiv", r"\doteq", r"\stackrel{\text{def}}{=}")


def inline_definitions(prose: str, seen: set[str]) -> list[str]:
    r"""Definitions a note makes in its running text: inline math ``$n_H = 9$`` or
    ``$L(\mu) = -\frac{1}{2}\sum_i (x_i - \mu)^2$`` whose left side is a name not seen before
    (one ``=``, nothing else). They are givens for the displays that follow, as the reader takes
    them."""
    out = []
    for m in _INLINE.finditer(prose):
        body = (m.group(1) or m.group(2) or "").strip()
        try:
            terms = split_relations_lines(body)
        except DerivaxError:
            continue
        if any(rel != "=" for rel, _, _ in terms[2:]) or (
            len(terms) > 1 and terms[1][0] not in ("=", *_DEFINING)
        ):
            continue
        parts = [term.strip() for _, term, _ in terms]
        if len(terms) > 2 and terms[1][0] in _DEFINING and not _has_relation(parts[-1]):
            # $\pi(x) \triangleq P(y=1 \mid x) = \mathrm{sigm}(w^T x)$: the name is defined,
            # and every later term is its value; the last, the closed form, defines it
            parts = [parts[0], parts[-1]]
        if re.search(r"\\(approx|le|ge|leq|geq|sim|in|neq)(?![A-Za-z])|[<>]", body):
            continue
        if len(parts) > 2 and all(parts) and not any(_has_relation(p) for p in parts):
            out += _named_twice(parts, seen)
            continue
        if len(parts) != 2 or not all(parts) or _has_relation(parts[1]):
            continue
        name = head_of(parts[0])
        number = re.fullmatch(r"-?\d+(\.\d+)?|\\frac\{\d+\}\{\d+\}|\d+/\d+", parts[1])
        cue = re.search(r"\b(with|where|let|define|take|set|and)\W*$", prose[: m.start()], re.I)
        primed = name is not None and name[1].endswith("'") and cue is not None
        if name is None or (name[0] in names_in(parts[1]) and not primed):
            # a primed name the words introduce ("with $w' = w/M$") is a new quantity, not a
            # recurrence of w
            continue
        # "let $u := x^3$" defines u anew even after u was used: the definition from there on
        explicit = terms[1][0] in _DEFINING or bool(cue and cue.group(1).lower() == "let")
        if (
            name[0] in seen
            and not (number and not name[2])
            and not (name[2] and cue)
            and not primed
            and not explicit
        ):
            # a name used before takes a value here only as a number ($n_H = 9$ after
            # \theta^{n_H}), or as a function the text now says what it is ("with $p(x) =
            # \mathcal{N}(x \mid \mu_1, \sigma_1^2)$")
            continue
        out.append(f"{parts[0]} = {parts[1]}")
    return out


def _named_twice(parts: list[str], seen: set[str]) -> list[str]:
    r"""A chain in the running text that gives one expression several fresh names:
    ``$h_i = \sum_k e^{a_k} = \Sigma$`` defines both ``h_i`` and ``\Sigma`` as the sum. The
    first part must be a name and exactly one part an expression; every name must be new (not
    seen before, not in the expression). Anything else (``$L = E_1 = E_2$``, a derivation
    written inline) defines nothing."""
    names = [p for p in parts if head_of(p) is not None]
    values = [p for p in parts if head_of(p) is None]
    if head_of(parts[0]) is None or len(values) != 1:
        return []
    used = names_in(values[0])
    heads = [h[0] for p in names if (h := head_of(p)) is not None]
    if any(h in seen or h in used for h in heads) or len(set(heads)) != len(heads):
        return []
    return [f"{name} = {values[0]}" for name in names]
