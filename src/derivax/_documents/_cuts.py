r"""Where a display row may be cut into statements: matches outside brackets, relations, and the
arrows (``\rightarrow``, ``\to``) that join two statements only when both sides are relations."""

from __future__ import annotations

import re

_REL = re.compile(
    r"\\(leq|geq|le|ge|lt|gt|neq|ne|approx|coloneqq|triangleq|equiv|leftarrow|gets|sim)"
    r"(?![A-Za-z])|:=|=|<|>"
)


def _has_relation(text: str) -> bool:
    return any(True for _ in _top_level_matches(_REL, text))


def _top_level_matches(pattern: re.Pattern, s: str):
    """Matches of ``pattern`` outside braces, brackets and parentheses."""
    depth, k = 0, 0
    while k < len(s):
        ch = s[k]
        if ch == "\\" and s.startswith(("\\{", "\\}"), k):
            k += 2
            continue
        if depth == 0:
            m = pattern.match(s, k)
            if m and m.end() > m.start():
                yield m
                k = m.end()
                continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth = max(depth - 1, 0)
        k += 1


#: an arrow that joins two statements only when both sides are relations: ``\to`` is also the
#: arrow of a function's type (``f: \mathbb{R}^n \to \mathbb{R}``) and of a limit's subscript
#: (inside braces, never at the top level)
_ARROW = re.compile(
    r"(?:\\q?quad|\\[,;:! ]|~|\s)*\\(?:rightarrow|longrightarrow|to)(?![A-Za-z])"
    r"(?:\\q?quad|\\[,;:! ]|~|\s)*"
)


def _arrow_split(text: str) -> list[tuple[str, int]]:
    r"""``\mathcal{L}(w) = \dots \rightarrow \nabla \mathcal{L}(w) = \dots``: two statements,
    the second implied by the first. A cut stands only where the text on each side of the arrow
    holds a relation of its own (``x \to 0``, ``f: A \to B`` are no statements)."""
    return cut_where_both_relate(_ARROW, text)


def cut_where_both_relate(pattern: re.Pattern, text: str) -> list[tuple[str, int]]:
    """The pieces of ``text`` between top-level matches of ``pattern``, each with its offset; a
    cut stands only where the text on each side of it holds a relation of its own (``f(x),
    \\quad x`` and ``f: A \\to B`` stay whole)."""
    out, last = [], 0
    for m in _top_level_matches(pattern, text):
        out.append((text[last : m.start()], last))
        last = m.end()
    out.append((text[last:], last))
    merged: list[tuple[str, int]] = []
    for piece in out:
        if merged and not (_has_relation(merged[-1][0]) and _has_relation(piece[0])):
            merged[-1] = (text[merged[-1][1] : piece[1] + len(piece[0])], merged[-1][1])
        else:
            merged.append(piece)
    return merged
