r"""Composition of functions: ``(f \circ g)(x)`` is ``f(g(x))``, read before the rest.

``\circ`` between arrays is the Hadamard product, and between numbers a product; between
functions it composes them. Read as a product, ``(f \circ g)(2x) = 2 (f \circ g)(x)`` with ``f(x)
= x^2`` and ``g(x) = x + 1`` would be proved. Where every operand inside the parentheses is a
function (declared ``function`` in the table, or one derivax knows by name: ``\sigma``,
``\exp``, ``\log``, ``\tanh``, ...) and the parentheses are applied to an argument, the
composition is written out as nested applications.

Side conditions, and the case that breaks each: an operand that is not a function (``(A \circ
B)(x)`` with matrices, ``(a \circ b)(x)`` with undeclared letters) is refused naming the
declaration that decides, since a product and a composition would both be guesses; a
composition not applied to an argument (``(f \circ g)' = ...``) is refused the same way (write it
applied); an operand with its own arguments or powers (``(f^2 \circ g)(x)``) is left as written.
"""

from __future__ import annotations

from .._errors import ParseError, SymbolError
from ..symbols import SymbolTable, canonical, join_tokens
from ._lex import Tok, find_close

#: functions derivax reads by their command when applied
KNOWN = frozenset(
    rf"\{n}" for n in ("sigma", "exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "tan")
)


_CIRC = " \\circ "


def compositions_applied(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each ``(f \\circ g)(x)`` of functions written ``f(g(x))``, and the rules."""
    if not any(t.text == r"\circ" for t in toks):
        return toks, []
    out: list[Tok] = []
    rules: list[str] = []
    k = 0
    while k < len(toks):
        written = _composition_at(toks, k, table, latex) if toks[k].text == "(" else None
        if written is None:
            out.append(toks[k])
            k += 1
            continue
        end, tokens, names = written
        rules.append(f"`({_CIRC.join(names)})(...)` composes the functions: {_nested(names)}")
        out += tokens
        k = end
    return out, rules


def _nested(names: list[str]) -> str:
    return "".join(f"{n}(" for n in names) + "..." + ")" * len(names)


def _composition_at(toks: list[Tok], k: int, table: SymbolTable, latex: str):
    """``(index after it, its tokens written out, the functions)`` for a composition at ``k``."""
    close = find_close(toks, k, latex)
    inside = toks[k + 1 : close]
    if not any(t.text == r"\circ" for t in inside):
        return None
    parts: list[list[Tok]] = [[]]
    for t in inside:
        if t.text == r"\circ":
            parts.append([])
        else:
            parts[-1].append(t)
    if any(not p for p in parts):
        return None
    kinds = [_function(p, table) for p in parts]
    applied = close + 1 < len(toks) and toks[close + 1].text == "("
    if None in kinds:
        return None  # an operand with arguments or powers: left as written
    if not all(kinds):
        if applied:
            names = _CIRC.join(_text(p) for p in parts)
            raise ParseError(
                f"`({names})(...)`: `\\circ` composes functions and multiplies arrays entry by "
                f"entry; declare each of {', '.join(f'`{_text(p)}`' for p in parts)} a function "
                f"for the composition, or write the product without `\\circ`",
                latex,
                toks[k].pos,
            )
        return None
    if not applied:
        names = _CIRC.join(_text(p) for p in parts)
        raise ParseError(
            f"`({names})` is a composition of functions not applied to an argument; write it "
            f"applied, `({names})(x)`",
            latex,
            toks[k].pos,
        )
    end = find_close(toks, close + 1, latex)
    argument = toks[close + 1 : end + 1]  # ( ... )
    written = argument
    for p in reversed(parts):
        written = [*p, Tok("(", p[0].pos), *written, Tok(")", p[0].pos)]
    return end + 1, written, [_text(p) for p in parts]


def _function(part: list[Tok], table: SymbolTable) -> bool | None:
    """True for a function's name (declared, or known by its command), False for another name,
    None for anything more than a name (an operand with arguments or a power)."""
    if any(t.text in ("(", "^", r"\left") for t in part):
        return None
    if len(part) == 1 and part[0].text in KNOWN:
        return True
    text = _text(part)
    try:
        name = canonical(text)
    except SymbolError:  # not one name
        return None
    key = table.resolve(name)
    return key is not None and table[key].kind == "function"


def _text(part: list[Tok]) -> str:
    return join_tokens([t.text for t in part])
