r"""Increments written before a name: ``\Delta x``, ``\delta w`` and the displacement ``\partial
x_1`` written outside a derivative, each one quantity, read before the rest of the formula.

Read as a product, ``\Delta x^2`` is Delta times x squared where the author means the square of
the increment, and ``\Delta x_1 \Delta x_2`` is Delta squared times x_1 x_2: the identity
``(x + \Delta x)^2 - x^2 = 2x \Delta x + \Delta x^2`` would be refuted. Where the letter is not
declared, it names an increment of the name after it, which becomes one name (``\Delta_{x}``,
``\delta_{w}``; the displacement ``\partial x_1`` is ``\delta_{x_{1}}``, the rule says so), so a
power or a product takes the whole increment.

Side conditions, and the case that breaks each:

- the letter written on its own elsewhere in the formula (``\delta x + (1 - \delta) y``, a
  weight): a product, read as before;
- the letter declared in the table: a product, as declared;
- ``\delta_{ij}``, ``\partial_x f``, ``\partial^2``: Kronecker's delta and derivative operators,
  left to their readers; a ``\partial`` in a derivative's fraction (``\frac{\partial f}{\partial
  x \partial y}``) or in a script (``\int_{\partial \Omega}``) is left as written;
- a name followed by a bracket (``\Delta f(x)``): the increment of an applied function is not
  read here, left as before;
- a name declared a dimension, an index or a function (``\delta n`` with ``n: dim``): a product;
- an increment of an array (``\Delta \mathbf{w}`` with ``w: vector[n]``), or of an entry picked
  by a letter in a formula with a sum or a product (``\sum_i \Delta x_i^2``): one scalar name
  would lose its shape or its index, so it is refused, saying how to declare the increment as a
  name. Without a sum, ``\partial x_i = x_i - 1`` is a statement for each i about the i-th
  increment, read as the name ``\delta_{x_{i}}``; a given of that form holds at the members a
  claim names (``_numbered_members``).
"""

from __future__ import annotations

import re

from .._errors import ParseError, SymbolError
from ..symbols import SymbolTable, canonical
from ._lex import Tok, find_close, lex
from ._spelling import NameSpelling

_LETTERS = (r"\Delta", r"\delta", r"\partial")
_starts_name = NameSpelling._starts_name


def increments_as_names(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each increment written before a name as one name, and the rules applied."""
    fixed = _excluded(toks, latex)
    standalone = {
        t.text
        for k, t in enumerate(toks)
        if t.text in _LETTERS and k not in fixed and _name_after(toks, k, table, latex) is None
    }
    summed = any(t.text in (r"\sum", r"\prod") for t in toks)
    out: list[Tok] = []
    rules: list[str] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        end = None
        if t.text in _LETTERS and k not in fixed and t.text not in standalone:
            if t.text == r"\partial" or table.resolve(t.text) is None:
                end = _name_after(toks, k, table, latex)
        if end is None:
            out.append(t)
            k += 1
            continue
        name = latex[toks[k + 1].pos : toks[end - 1].pos + len(toks[end - 1].text)]
        written = _increment(t, name, table, latex, summed)
        if written is None:
            out.append(t)
            k += 1
            continue
        letter = r"\delta" if t.text == r"\partial" else t.text
        rules.append(
            f"`{t.text} {name}` is an increment of `{name}`, one quantity "
            f"(`{letter}_{{{canonical(name)}}}`; declare `{t.text}` to read a product)"
        )
        out += written
        k = end
    return out, rules


def _name_after(
    toks: list[Tok], k: int, table: SymbolTable | None = None, latex: str = ""
) -> int | None:
    """The index after the name that directly follows the letter at ``k``, with its scripts;
    None when a script, a bracket or anything but a name follows. Before a bracket, the name is
    the increment's only where the table declares the increment itself (``\\Delta_{t}``, the
    step of ``\\Delta t \\left( \\dots \\right)``) or the name a scalar, which is no function."""
    j = k + 1
    if j >= len(toks) or not _starts_name(toks[j].text):
        return None
    j += 1
    while j < len(toks) and toks[j].text == "{" and toks[j - 1].text.startswith("\\"):
        j = _close(toks, j) + 1  # \mathbf{x}, \hat{y}
    while j + 1 < len(toks) and (
        toks[j].text == "_"
        or (toks[j].text == "^" and toks[j + 1].text == "{" and _tagged(toks, j))
    ):  # a subscript, or a sample's superscript x^{(i)}; a power is the increment's
        j = _close(toks, j + 1) + 1 if toks[j + 1].text == "{" else j + 2
    if (
        j < len(toks)
        and toks[j].text in ("(", r"\left(")
        and not _scalar_before_bracket(toks, k, j, table, latex)
    ):
        return None
    return j


def _scalar_before_bracket(toks, k: int, j: int, table: SymbolTable | None, latex: str) -> bool:
    if table is None:
        return False
    name = latex[toks[k + 1].pos : toks[j - 1].pos + len(toks[j - 1].text)]
    try:
        canon = canonical(name)
    except SymbolError:
        return False
    letter = r"\delta" if toks[k].text == r"\partial" else toks[k].text
    if table.resolve(f"{letter}_{{{canon}}}") is not None:
        return True
    return table.resolve(canon) is not None and table.declaration(canon).kind == "scalar"


def _tagged(toks: list[Tok], j: int) -> bool:
    return j + 2 < len(toks) and toks[j + 2].text == "("


def _close(toks: list[Tok], j: int) -> int:
    depth = 0
    for m in range(j, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[m].text, 0)
        if depth == 0:
            return m
    return len(toks) - 1


def _increment(t: Tok, name: str, table: SymbolTable, latex: str, summed: bool) -> list[Tok] | None:
    """The tokens of the increment of ``name`` as one name, None to leave it a product, or a
    ParseError for an increment that one scalar name would misread."""
    try:
        canon = canonical(name)
    except SymbolError:
        return None
    d = table.declaration(canon) if table.resolve(canon) is not None else None
    if d is not None and d.kind in {"dim", "index", "function"}:
        return None
    letter = r"\delta" if t.text == r"\partial" else t.text
    increment = f"{letter}_{{{canon}}}"
    if table.resolve(increment) is not None:
        return _tokens(increment, t)  # declared, as the refusal below asks
    lettered = "_" in canon and any(c.isalpha() for c in canon.split("_", 1)[1].replace("\\", ""))
    if lettered and not summed and re.fullmatch(r"[^_^]+_\{[A-Za-z]\}", canon):
        lettered = False  # \partial x_i = x_i - 1 for each i: the i-th increment
    if (d is not None and d.rank) or lettered or "^" in canon:
        kind = f"{d.kind}[{', '.join(d.shape)}]" if d is not None and d.rank else "scalar"
        raise ParseError(
            f"`{t.text} {name}`: an increment of "
            + ("an array" if d is not None and d.rank else "an entry picked by an index")
            + f", which one scalar name would misread; declare the increment as a name of its "
            f"own (`{increment}: {kind}`), or declare `{t.text}` to read a product",
            latex,
            t.pos,
        )
    return _tokens(increment, t)


def _tokens(name: str, t: Tok) -> list[Tok]:
    return [Tok(x.text, t.pos) for x in lex(name)]


def _excluded(toks: list[Tok], latex: str) -> set[int]:
    """The positions of tokens inside a derivative's fraction or inside a script group, where a
    ``\\partial`` is the derivative's or the set's own."""
    out: set[int] = set()
    for f, t in enumerate(toks):
        if t.text == r"\frac" and f + 2 < len(toks) and toks[f + 1].text == "{":
            first = find_close(toks, f + 1, latex)
            if toks[f + 2].text in (r"\partial", "d", r"\mathrm") and first + 1 < len(toks):
                last = find_close(toks, first + 1, latex) if toks[first + 1].text == "{" else first
                out.update(range(f, last + 1))
        elif t.text in ("_", "^") and f + 1 < len(toks) and toks[f + 1].text == "{":
            out.update(range(f, find_close(toks, f + 1, latex) + 1))
    return out
