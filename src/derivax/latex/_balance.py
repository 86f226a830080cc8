"""Brackets that do not pair, reported before anything else reads the formula."""

from __future__ import annotations

from .._errors import ParseError
from ._lex import Tok

#: deeper nesting than any formula a person writes; refused before the recursive reading starts
MAX_DEPTH = 100


def check_balance(toks: list[Tok], latex: str) -> None:
    """Unbalanced braces and parentheses are reported where they open (or close), before any
    other reading: that is where the author has to look."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    stack: list[Tok] = []
    for t in toks:
        if t.text in pairs:
            stack.append(t)
            if len(stack) > MAX_DEPTH:
                raise ParseError(
                    f"the formula is nested more than {MAX_DEPTH} levels deep", latex, t.pos
                )
        elif t.text == "]" and not (stack and stack[-1].text in "(["):
            continue  # a bracket closed alone (an open interval's end) is left to the reader
        elif t.text in (")", "]") and stack and stack[-1].text in "([":
            stack.pop()  # matched, or a half-open interval: [0, 1), (0, 1]
        elif t.text in (")", "}"):
            if not stack or pairs[stack[-1].text] != t.text:
                opening = "(" if t.text == ")" else "{"
                if stack:
                    raise ParseError(f"`{t.text}` closes `{stack[-1].text}`", latex, t.pos)
                raise ParseError(f"`{t.text}` has no opening `{opening}`", latex, t.pos)
            stack.pop()
    unclosed = [t for t in stack if t.text != "["]  # `[` alone is left to the reader, as before
    if unclosed:
        raise ParseError(f"`{unclosed[-1].text}` is never closed", latex, unclosed[-1].pos)
