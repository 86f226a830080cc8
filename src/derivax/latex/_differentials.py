r"""Differentials written inline and increments over increments, read before anything else
reads the tokens.

- ``df/dx``, ``d(x^2)/dx`` and ``\partial f / \partial x`` are the derivatives
  ``\frac{df}{dx}``, ``\frac{d (x^2)}{dx}``, ``\frac{\partial f}{\partial x}``: read as products,
  the d's would cancel (f / x). With ``d`` declared in the table the two readings differ, and the
  formula is refused naming both.
- ``\frac{\Delta x}{\Delta t}``, ``\Delta x / \Delta t`` and ``\frac{\delta x^2}{\delta x}``: an
  increment (a variation) over another. Read as products, the undeclared letter cancels, which is
  never what is meant: refused, saying how to write the increments as names (``\Delta_x``) or
  to declare the letter for a product.

Side conditions, and the case that breaks each: the numerator is one name (with its subscript
and superscript) or one bracket after the differential, and the denominator one name (``d f /
d x^2`` is not read: the power of a differential belongs to the numerator's order); a
differential in the middle of a product (``a \, df/dx``) is still one (the product of a and the
derivative); ``x d / d y`` (no name after the first d) is left alone.
"""

from __future__ import annotations

from .._errors import ParseError
from ..symbols import GREEK_SET, SymbolTable
from ._lex import Tok, find_close
from ._spelling import NameSpelling

_DIFFERENTIALS = ("d", r"\partial")
_INCREMENTS = (r"\Delta", r"\delta")
_OPEN = {"(": ")", "[": "]"}
# functions written as commands, applied to the operand after them
_FUNCTIONS = frozenset(
    rf"\{name}" for name in ("log", "ln", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh")
)


# a letter, a Greek letter, or a styled or decorated name (\mathbf{x}, \hat{y}): the reader's own test
_starts_name = NameSpelling._starts_name


def _script_end(toks: list[Tok], j: int, latex: str) -> int:
    """The index after the subscripts and superscripts that follow ``toks[j - 1]``."""
    while j + 1 < len(toks) and toks[j].text in ("_", "^"):
        if toks[j + 1].text == "{":
            j = find_close(toks, j + 1, latex) + 1
        else:
            j += 2
    return j


def _name_end(toks: list[Tok], j: int, latex: str) -> int | None:
    """The index after a name starting at ``j`` (with its scripts), or None."""
    if j >= len(toks) or not _starts_name(toks[j].text):
        return None
    k = j + 1
    if toks[j].text.startswith("\\") and toks[j].text[1:] not in GREEK_SET:
        while k < len(toks) and toks[k].text == "{":  # \mathbf{x}, \operatorname{NLL}
            k = find_close(toks, k, latex) + 1
    return _script_end(toks, k, latex)


def _operand_end(toks: list[Tok], j: int, latex: str) -> int | None:
    r"""The index after the numerator's operand at ``j``: a name, a name applied to one bracket
    (``f(x)``), one bracket, or a function written as a command applied to one of those
    (``\log x``, ``\sqrt{x}``), each with its scripts; None for anything else."""
    if j >= len(toks):
        return None
    text = toks[j].text
    if text in _OPEN:
        return _script_end(toks, find_close(toks, j, latex) + 1, latex)
    if text == r"\sqrt" and j + 1 < len(toks) and toks[j + 1].text == "{":
        return find_close(toks, j + 1, latex) + 1
    if text in _FUNCTIONS or text == r"\operatorname":
        k = j + 1
        if text == r"\operatorname":
            if k >= len(toks) or toks[k].text != "{":
                return None
            k = find_close(toks, k, latex) + 1
        return _operand_end(toks, _script_end(toks, k, latex), latex)
    end = _name_end(toks, j, latex)
    if end is not None and end < len(toks) and toks[end].text in _OPEN:
        return _script_end(toks, find_close(toks, end, latex) + 1, latex)
    return end


def _frac(d: Tok, top: list[Tok], d2: Tok, bottom: list[Tok]) -> list[Tok]:
    return [
        Tok(r"\frac", d.pos),
        Tok("{", d.pos),
        d,
        *top,
        Tok("}", d.pos),
        Tok("{", d2.pos),
        d2,
        *bottom,
        Tok("}", d2.pos),
    ]


def _refuse_increments(toks: list[Tok], table: SymbolTable, latex: str) -> None:
    r"""``\frac{\Delta x}{\Delta t}`` and ``\Delta x / \Delta t`` with the letter undeclared."""
    for k, t in enumerate(toks):
        if t.text not in _INCREMENTS or table.resolve(t.text) is not None:
            continue
        if k + 1 < len(toks) and toks[k + 1].text == "_":
            continue  # \delta_{ij}: Kronecker's delta, no increment
        over = None
        if k >= 2 and toks[k - 1].text == "{" and toks[k - 2].text == r"\frac":
            close = find_close(toks, k - 1, latex)
            if close + 2 < len(toks) and toks[close + 1].text == "{":
                over = toks[close + 2]
        elif (end := _name_end(toks, k + 1, latex)) is not None:
            if end + 1 < len(toks) and toks[end].text == "/":
                over = toks[end + 1]
        if over is not None and over.text == t.text:
            raise ParseError(
                f"`{t.text}` before the numerator and the denominator: read as a product it "
                f"cancels, which an increment over an increment never means; write each "
                f"increment as one name (`{t.text}_x`, declared), or declare `{t.text}` to read "
                f"it as a product",
                latex,
                t.pos,
            )


def inline_differentials(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each inline derivative written as a fraction, and the rules applied."""
    _refuse_increments(toks, table, latex)
    out: list[Tok] = []
    rules: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        read = _inline_at(toks, i, table, latex)
        if read is None:
            out.append(t)
            i += 1
            continue
        end, written = read
        out += written
        text = latex[t.pos : toks[end - 1].pos + len(toks[end - 1].text)]
        rules.append(f"`{text}` is a derivative written inline")
        i = end
    _refuse_undelimited(out, table, latex)
    return out, rules


def _refuse_undelimited(toks: list[Tok], table: SymbolTable, latex: str) -> None:
    r"""A ``/ dx`` left after a bare differential that no numerator could be delimited for
    (``d \frac{1}{x} / dx``): read as products the d's would cancel, so it is refused."""
    for k in range(1, len(toks) - 2):
        d2 = toks[k + 1]
        if (
            toks[k].text != "/"
            or d2.text not in _DIFFERENTIALS
            or not _starts_name(toks[k + 2].text)
        ):
            continue
        if d2.text == "d" and table.resolve("d") is not None:
            continue
        bare = [
            t
            for j, t in enumerate(toks[:k])
            if t.text == d2.text and not (j > 0 and toks[j - 1].text in ("_", "^", "{"))
        ]
        if bare:
            raise ParseError(
                f"`{d2.text}` before a numerator and `/ {d2.text}` before a name: a derivative "
                f"written inline whose numerator derivax cannot delimit; write it as a fraction "
                f"(`\\frac{{{d2.text}}}{{{d2.text} x}}(\\dots)`)",
                latex,
                bare[0].pos,
            )


def _inline_at(toks: list[Tok], i: int, table: SymbolTable, latex: str):
    """``(index after it, the tokens of the fraction)`` for an inline derivative at ``i``."""
    d = toks[i]
    if d.text not in _DIFFERENTIALS or (i > 0 and toks[i - 1].text in ("_", "^")):
        return None  # a d written as a subscript or a power is no differential
    top_end = _operand_end(toks, i + 1, latex)
    if top_end is None or top_end + 2 >= len(toks) or toks[top_end].text != "/":
        return None
    d2 = toks[top_end + 1]
    if d2.text != d.text:
        return None
    bottom_end = _name_end(toks, top_end + 2, latex)
    if bottom_end is None:
        return None
    if d.text == "d" and table.resolve("d") is not None:
        raise ParseError(
            "`d` is declared in the table, so this reads as a derivative or as a quotient of "
            "products with d in them; write `\\frac{d}{d x}(\\dots)` for the derivative, or "
            "`d \\cdot` for the product",
            latex,
            d.pos,
        )
    top, bottom = toks[i + 1 : top_end], toks[top_end + 2 : bottom_end]
    return bottom_end, _frac(d, top, d2, bottom)
