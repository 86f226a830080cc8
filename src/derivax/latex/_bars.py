"""Norms written with plain double bars (``||w||``, ``||x||_2``) read as ``\\|w\\|``.

A pair of adjacent bars ``||`` opens or closes a norm only where another ``||`` of the same
group closes or opens it. A lone ``||`` in a group (the separator of ``KL(P||Q)`` or
``D(p||q)``) keeps its meaning of two bars, as does ``|x||y|`` (an absolute value closed and the
next one opened). Single bars inside double bars (``||a| - |b||``) have two readings and are
refused.
"""

from __future__ import annotations

from .._errors import ParseError
from ._lex import Tok

_OPEN = frozenset({"(", "[", "{", r"\{", r"\langle"})
_CLOSE = frozenset({")", "]", "}", r"\}", r"\rangle"})
#: commands that end no operand: an operator or relation before a bar means the bar opens
_OPERATORS = frozenset(
    r"\cdot \times \odot \circ \otimes \oplus \pm \mp \le \ge \ne \in \mid \approx \sim \frac "
    r"\sqrt \sum \prod \min \max".split()
)


def norm_bars(toks: list[Tok], latex: str) -> list[Tok]:
    """``toks`` with every pair of ``||`` that delimits a norm replaced by ``\\|`` tokens (the
    opening one marked ``open``, the closing one ``close``, as ``\\lVert`` and ``\\rVert`` are)."""
    doubles = [k for k in range(len(toks) - 1) if _double_at(toks, k)]
    if len(doubles) < 2:
        return toks
    opens: dict[int, int] = {}
    frames: list[list[tuple[str, int]]] = [[]]
    k = 0
    while k < len(toks):
        x = toks[k].text
        if x in _OPEN:
            frames.append([])
        elif x in _CLOSE and len(frames) > 1:
            opens.update(_pair(frames.pop(), toks, latex))
        elif x == "|":
            double = _double_at(toks, k)
            frames[-1].append(("D" if double else "S", k))
            k += 2 if double else 1
            continue
        k += 1
    while frames:
        opens.update(_pair(frames.pop(), toks, latex))
    if not opens:
        return toks
    closes = set(opens.values())
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        if k in opens or k in closes:
            out.append(Tok(r"\|", toks[k].pos, "open" if k in opens else "close"))
            k += 2
            continue
        out.append(toks[k])
        k += 1
    return out


def _double_at(toks: list[Tok], k: int) -> bool:
    """Two plain bars written next to each other at ``k`` (``\\left|`` bars have a side)."""
    a, b = toks[k], toks[k + 1] if k + 1 < len(toks) else None
    return (
        b is not None
        and a.text == b.text == "|"
        and not a.side
        and not b.side
        and b.pos == a.pos + 1
    )


def _pair(events: list[tuple[str, int]], toks: list[Tok], latex: str) -> dict[int, int]:
    """The norms among the bars of one group: opening index -> closing index. ``events`` lists
    the group's bars in order, ``S`` a single bar, ``D`` a double one."""
    if sum(1 for kind, _ in events if kind == "D") < 2:
        return {}  # a lone || separates (KL(P||Q)) or closes and opens (|x||y|)
    stack: list[tuple[str, int]] = []
    pairs: dict[int, int] = {}
    for kind, k in events:
        top = stack[-1][0] if stack else ""
        if kind == "D" and top == "D":
            pairs[stack.pop()[1]] = k
        elif (
            kind == "D" and top == "S" and _operand_before(toks, k) and _operand_after(toks, k + 2)
        ):
            stack[-1] = ("S", k + 1)  # |x||y|: one absolute value closes, the next opens
        elif kind == "D" and top == "S" and _operand_before(toks, k):
            _refuse(toks, k, latex)
        elif kind == "D":
            stack.append(("D", k))
        elif top == "S":
            stack.pop()
        elif top == "D":
            _refuse(toks, k, latex)
        else:
            stack.append(("S", k))
    return pairs


def _operand_before(toks: list[Tok], k: int) -> bool:
    if k == 0:
        return False
    x = toks[k - 1].text
    if x in _CLOSE or x in ("'", "|", r"\|"):
        return x != "|" or toks[k - 1].side == "close"
    return x[-1].isalnum() and x not in _OPERATORS


def _operand_after(toks: list[Tok], k: int) -> bool:
    if k >= len(toks):
        return False
    x = toks[k].text
    return x in _OPEN or ((x[0].isalnum() or x.startswith("\\")) and x not in _OPERATORS)


def _refuse(toks: list[Tok], k: int, latex: str) -> None:
    raise ParseError(
        "single bars inside double bars (`||a| - |b||`) have two readings: write `\\|v\\|` "
        "for a norm and `\\left| x \\right|` for an absolute value",
        latex,
        toks[k].pos,
    )
