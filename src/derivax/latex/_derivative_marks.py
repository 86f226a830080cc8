r"""Derivatives of a declared function marked on its name: ``f^{(k)}(x)`` is the k-th derivative
``f'...'(x)``, and Newton's dots ``\dot{x}(t)``, ``\ddot{x}(t)`` are ``x'(t)`` and ``x''(t)``,
read before the rest.

Read by the general rules, ``f^{(2)}(x)`` is a name of its own times x, and ``\dot{x}(t)`` is
x-dot times t: with ``f(x) = x^4``, ``f^{(2)}(2x) = 2 f^{(2)}(x)`` would be proved. Where the name
is declared a function and the mark is followed by its argument in parentheses, the mark is
written as primes, which derivax reads as derivatives.

Side conditions, and the case that breaks each: a superscript that is not a whole number in
parentheses (``x^{(i)}``, a sample; ``f^{2}``, a power) and a name that is not declared a
function (``\dot{x}`` of a scalar, a name of its own) are left as written; a mark without an
argument after it (``\dot{x} = v``) is left as well, the variable being unwritten.
"""

from __future__ import annotations

import re

from ..symbols import SymbolTable
from ._lex import Tok

_DOTS = {r"\dot": 1, r"\ddot": 2, r"\dddot": 3}


def marked_derivatives(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with ``f^{(k)}(x)`` and ``\\dot{x}(t)`` of declared functions written with
    primes, and the rules applied."""
    out: list[Tok] = []
    rules: list[str] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        found = _order_mark(toks, k, table) or _dot_mark(toks, k, table)
        if found is None:
            out.append(t)
            k += 1
            continue
        name, order, end = found
        out += [Tok(name, t.pos), *(Tok("'", t.pos) for _ in range(order))]
        shown = latex[t.pos : toks[end - 1].pos + len(toks[end - 1].text)]
        rules.append(f"`{shown}` is derivative {order} of the function `{name}`")
        k = end
    return out, rules


def _is_function(name: str, table: SymbolTable) -> bool:
    key = table.resolve(name)
    return key is not None and table[key].kind == "function"


def _order_mark(toks: list[Tok], k: int, table: SymbolTable):
    """``f ^ { ( 2 ) } (``: (name, 2, index of the ``(``)."""
    if k + 6 >= len(toks) or not _is_function(toks[k].text, table):
        return None
    texts = [t.text for t in toks[k + 1 : k + 7]]
    if (
        texts[:3] != ["^", "{", "("]
        or texts[4:] != [")", "}"]
        or not re.fullmatch(r"[1-9]", texts[3])
    ):
        return None
    if k + 7 >= len(toks) or toks[k + 7].text != "(":
        return None
    return toks[k].text, int(texts[3]), k + 7


def _dot_mark(toks: list[Tok], k: int, table: SymbolTable):
    """``\\dot { x } (``: (x, 1, index of the ``(``)."""
    order = _DOTS.get(toks[k].text)
    if order is None or k + 4 >= len(toks):
        return None
    texts = [t.text for t in toks[k + 1 : k + 5]]
    if texts[0] != "{" or texts[2] != "}" or texts[3] != "(" or not _is_function(texts[1], table):
        return None
    return texts[1], order, k + 4
