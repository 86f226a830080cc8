"""Tokens of a LaTeX formula, with their positions, and the layout noise removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._errors import ParseError

_LEX = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]+(?:\.[0-9]+)?|\.[0-9]+|\s+|.", re.S)

# layout that carries no meaning
_NOISE = frozenset(
    r"\, \; \: \! \  \quad \qquad \displaystyle \textstyle \limits \nolimits \big \Big \bigg "
    r"\Bigg \bigl \bigr \Bigl \Bigr \biggl \biggr \Biggl \Biggr \middle ~".split()
) | {"\\ "}
_ALIASES = {
    r"\dfrac": r"\frac", r"\tfrac": r"\frac", r"\leq": r"\le", r"\geq": r"\ge",
    r"\leqslant": r"\le", r"\geqslant": r"\ge", r"\neq": r"\ne", r"\coloneqq": "=",
    r"\triangleq": "=", r"\doteq": "=", r"\lVert": r"\|", r"\rVert": r"\|", r"\Vert": r"\|",
    r"\lvert": "|", r"\rvert": "|", r"\vert": "|", r"\times": r"\cdot", r"\ast": r"\cdot",
    r"\lbrace": r"\{", r"\rbrace": r"\}", r"\intercal": r"\top", r"\lbrack": "[",
    r"\rbrack": "]", r"\varepsilon": r"\epsilon",
}


_OPENING = {r"\lvert": "open", r"\lVert": "open", r"\rvert": "close", r"\rVert": "close"}


@dataclass(frozen=True)
class Tok:
    text: str
    pos: int
    side: str = ""   # "open" or "close" for a bar written \left| or \lvert (\right| or \rvert)

    def __repr__(self) -> str:
        return f"{self.text}@{self.pos}"


def lex(latex: str) -> list[Tok]:
    """Split ``latex`` into tokens and drop layout: spacing, ``\\left``/``\\right``, sizes."""
    if not isinstance(latex, str):
        raise ParseError(f"LaTeX input must be a string, not {type(latex).__name__}")
    raw = [Tok(m.group(), m.start()) for m in _LEX.finditer(latex) if not m.group().isspace()]
    out: list[Tok] = []
    i = 0
    while i < len(raw):
        t = raw[i]
        text = _ALIASES.get(t.text, t.text)
        if text in _NOISE:
            i += 1
            continue
        if text in (r"\left", r"\right"):
            # the delimiter stays (a bar remembers its side); an invisible one (\left.) goes
            if i + 1 < len(raw) and raw[i + 1].text == ".":
                i += 2
                continue
            if i + 1 < len(raw) and _ALIASES.get(raw[i + 1].text, raw[i + 1].text) in ("|", r"\|"):
                bar = raw[i + 1]
                out.append(Tok(_ALIASES.get(bar.text, bar.text), bar.pos, "open" if text == r"\left" else "close"))
                i += 2
                continue
            i += 1
            continue
        if text == ":" and i + 1 < len(raw) and raw[i + 1].text == "=":
            out.append(Tok("=", t.pos))
            i += 2
            continue
        if text == r"\operatorname" and i + 1 < len(raw) and raw[i + 1].text == "*":
            out.append(Tok(r"\operatorname*", t.pos))
            i += 2
            continue
        if text in (r"\text", r"\mathrm") and _is_spacing_text(raw, i):
            i += 3
            continue
        if text in (r"\mathrm", r"\operatorname", r"\text", r"\textrm") and _is_upright_d(raw, i):
            out.append(Tok("d", raw[i + 2].pos))  # \mathrm{d}: the differential, as d
            i += 4
            continue
        out.append(Tok(text, t.pos, _OPENING.get(t.text, "")))
        i += 1
    return out


def _is_upright_d(raw: list[Tok], i: int) -> bool:
    return i + 3 < len(raw) and raw[i + 1].text == "{" and raw[i + 2].text == "d" and raw[i + 3].text == "}"


def _is_spacing_text(raw: list[Tok], i: int) -> bool:
    return i + 2 < len(raw) and raw[i + 1].text == "{" and raw[i + 2].text == "}"


def find_close(toks: list[Tok], i: int, latex: str) -> int:
    """Index of the bracket closing ``toks[i]`` (one of ``( [ {``), counting all three kinds."""
    pairs = {"(": ")", "[": "]", "{": "}", r"\{": r"\}", r"\langle": r"\rangle"}
    stack = [pairs[toks[i].text]]
    j = i + 1
    while j < len(toks):
        t = toks[j].text
        if t in pairs:
            stack.append(pairs[t])
        elif t in (")", "]", "}", r"\}", r"\rangle"):
            if t != stack[-1]:
                # a half-open interval or mismatched bracket: only braces must match exactly
                if "}" in (t, stack[-1]):
                    raise ParseError(f"`{t}` closes `{_opening(stack[-1])}`", latex, toks[j].pos)
            stack.pop()
            if not stack:
                return j
        j += 1
    raise ParseError(f"`{toks[i].text}` is never closed", latex, toks[i].pos)


def _opening(close: str) -> str:
    return {")": "(", "]": "[", "}": "{", r"\}": r"\{", r"\rangle": r"\langle"}[close]
