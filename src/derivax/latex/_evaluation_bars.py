r"""Evaluation bars: ``\left. \frac{d}{dx} x^3 \right|_{x=2}``, ``x^2 \Big|_{x=3}`` and
``F(x) \Big|_{x=a}^{b}`` (the difference ``F(b) - F(a)`` of a worked integral), written on the
tokens as one construct, ``\evalat@ {x} {a} {b} {body}``, which the reader substitutes.

The body starts at the invisible ``\left.`` that opens it, or else at the start of the side of
the relation the bar ends (``f'(0) = \frac{d}{dx} x^2 \Big|_{x=0}``: the right side). Side
conditions: the bar closes nothing (``\right|`` with no ``\left|``, or a bar after an even
number of bars in its body); its subscript names the variable, ``x = a``. The case that would
break it, an absolute value with a subscript (``|x|_{x=1}``), is no notation of the field; a
bar with a subscript but no variable (``\Big|_0^1``) is refused, naming the variable to write.
"""

from __future__ import annotations

from .._errors import ParseError
from ._lex import Tok, find_close

EVALUATE_AT = r"\evalat@"  # no lexed token has an @: a token only this pass writes
_RELATIONS = frozenset({"=", "<", ">", r"\le", r"\ge", r"\ne", r"\approx", r"\equiv"})
_OPEN, _CLOSE = frozenset({"(", "[", "{", r"\{"}), frozenset({")", "]", "}", r"\}"})


def evaluation_bars(toks: list[Tok], latex: str) -> list[Tok]:
    """``toks`` with each evaluation bar written as the construct; the leftover ``\\left.``
    (a ``\\left. ... \\right\\}`` of a cases block) dropped."""
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].text == "|" and out[i].side != "open" and _subscripted(out, i):
            start, dot = _body_start(out, i)
            if dot is not None or _closes_nothing(out, start, i):
                i = _rewrite(out, start, dot, i, latex)
                continue
        i += 1
    out = _evaluation_brackets(out, latex)
    return [t for t in out if t.text != r"\left."]


def _evaluation_brackets(out: list[Tok], latex: str) -> list[Tok]:
    """``\\left[\\frac{\\partial L}{\\partial F}\\right]_{F = F_{m-1}}`` (Friedman's
    gradient boosting) is the bracket's content at F = F_{m-1}, as an evaluation bar. Side
    conditions: the subscript is one name, ``=``, and a point (``[x]_+``, ``[x]_i`` are other
    notations), and the bracket is a group of its own."""
    i = 0
    while i < len(out):
        if (
            out[i].text == "]"
            and i + 2 < len(out)
            and out[i + 1].text == "_"
            and out[i + 2].text == "{"
        ):
            close = find_close(out, i + 2, latex)
            sub = out[i + 3 : close]
            eq = [k for k, t in enumerate(sub) if t.text == "="]
            opening = _opening_bracket(out, i)
            if len(eq) == 1 and 0 < eq[0] < len(sub) - 1 and opening is not None:
                at = out[i].pos

                def braced(part: list[Tok], at: int = at) -> list[Tok]:
                    return [Tok("{", at), *part, Tok("}", at)]

                var, point, body = sub[: eq[0]], sub[eq[0] + 1 :], out[opening + 1 : i]
                construct = [
                    Tok(EVALUATE_AT, at), *braced(var), *braced(point), *braced([]), *braced(body),
                ]  # fmt: skip
                out[opening : close + 1] = construct
                i = opening + len(construct)
                continue
        i += 1
    return out


def _opening_bracket(toks: list[Tok], close: int) -> int | None:
    depth = 0
    for k in range(close, -1, -1):
        depth += (toks[k].text == "]") - (toks[k].text == "[")
        if depth == 0:
            return k
    return None


def _subscripted(toks: list[Tok], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].text == "_"


def _body_start(toks: list[Tok], bar: int) -> tuple[int, int | None]:
    """Where the body of the bar at ``bar`` starts, and the index of its ``\\left.`` if any."""
    depth = 0
    for k in range(bar - 1, -1, -1):
        t = toks[k].text
        if t in _CLOSE:
            depth += 1
        elif t in _OPEN:
            if depth == 0:
                return k + 1, None
            depth -= 1
        elif depth == 0 and t == r"\left.":
            return k + 1, k
        elif depth == 0 and t in _RELATIONS:
            return k + 1, None
    return 0, None


def _closes_nothing(toks: list[Tok], start: int, bar: int) -> bool:
    """A ``\\right|`` with no ``\\left|`` in the body, or a plain bar after an even number of
    plain bars (otherwise it closes an absolute value)."""
    body = toks[start:bar]
    if toks[bar].side == "close":
        return not any(t.text == "|" and t.side == "open" for t in body)
    return sum(t.text == "|" and not t.side for t in body) % 2 == 0


def _rewrite(out: list[Tok], start: int, dot: int | None, bar: int, latex: str) -> int:
    at = out[bar].pos
    sub, j = _group(out, bar + 2, latex)
    upper: list[Tok] = []
    if j < len(out) and out[j].text == "^":
        upper, j = _group(out, j + 1, latex)
    eq = [k for k, t in enumerate(sub) if t.text == "="]
    if len(eq) != 1 or eq[0] == 0 or eq[0] == len(sub) - 1:
        raise ParseError(
            "an evaluation bar names its variable and the point: write `\\Big|_{x=a}` (or "
            "`\\Big|_{x=a}^{b}` for the difference between two points)",
            latex,
            at,
        )
    var, point = sub[: eq[0]], sub[eq[0] + 1 :]
    body = out[start:bar]
    if not body:
        raise ParseError("an evaluation bar needs an expression before it", latex, at)
    first = start - 1 if dot is not None else start

    def braced(part: list[Tok]) -> list[Tok]:
        return [Tok("{", at), *part, Tok("}", at)]

    construct = [Tok(EVALUATE_AT, at), *braced(var), *braced(point), *braced(upper), *braced(body)]
    out[first:j] = construct
    return first + len(construct)


def _group(toks: list[Tok], i: int, latex: str) -> tuple[list[Tok], int]:
    if i >= len(toks):
        raise ParseError("an evaluation bar's subscript is missing", latex, toks[-1].pos)
    if toks[i].text == "{":
        close = find_close(toks, i, latex)
        return toks[i + 1 : close], close + 1
    return [toks[i]], i + 1
