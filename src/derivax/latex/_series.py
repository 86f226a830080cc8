"""Infinite series written with a trailing ellipsis, made explicit in the tokens.

``1 + \\lambda + \\lambda^2 + \\cdots`` is ``\\sum_{k=0}^{\\infty} \\lambda^{k}``: the general
term is inferred from the last written term, whose whole numbers in scripts (exponents,
subscripts, ``^{(3)}``) are the candidate places of the index, each stepping by one from term to
term. A candidate is accepted only when the series it gives, read by the reader, has the written
terms as its first terms: its term with the index set to 0, 1, 2, ... equals each written term
as read (structurally, no simplification). At least three terms must be written (two fit too many
series); terms that fit no series, or more than one, are refused, and so is a series of a
vector's entries (its index would run past the last entry).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from .._errors import ParseError
from ..symbols import SymbolTable
from ._ellipsis import _terms, fresh_index
from ._lex import Tok

#: reads tokens of the formula into SymPy (the reader, without the ellipsis pass)
Read = Callable[[list[Tok]], sympy.Basic]

#: whole numbers in the last term tried as places of the index, at most
_MAX_PLACES = 4


def infinite_series(
    toks: list[Tok],
    e: int,
    s: int,
    f: int,
    table: SymbolTable,
    latex: str,
    taken: set[str],
    rules: list[str],
    read: Read,
) -> list[Tok]:
    """``toks`` with the terms before the trailing ellipsis ``toks[e]`` (in the extent
    ``toks[s:f]``) written as ``\\sum_{k=a}^{\\infty}`` of their general term; a ParseError where
    no single series fits them."""
    at = toks[e]
    terms = _terms(toks, s, e - 1)
    first = len(terms) - 1
    while first > 0 and terms[first][0] == "+":
        first -= 1
    if terms[first][0] == "-":
        first += 1  # a term after a minus sign is no part of the series
    if len(terms) - first < 3:
        n = len(terms) - first
        raise ParseError(
            f"{n} term{'s' if n != 1 else ''} before a trailing ellipsis fit many series; write "
            f"at least three terms, or the series with `\\sum`",
            latex,
            at.pos,
        )
    letter = fresh_index(latex, table, taken)
    found = None
    for start in range(first, len(terms) - 2):
        pieces = [toks[a:b] for _, a, b in terms[start:]]
        written = [_read(read, p) for p in pieces]
        found = _series_for(pieces, written, letter, latex, at, read)
        if found is not None:
            break
    if found is None:
        raise ParseError(
            "the terms before the ellipsis follow no single pattern derivax can infer (an index "
            "stepping by one in subscripts and exponents, as in `1 + x + x^2 + \\cdots`); write "
            "the series with `\\sum`",
            latex,
            at.pos,
        )
    series, count, expr = found
    _refuse_entries(expr, letter, latex, at)
    taken.add(letter)
    begin = terms[len(terms) - count][1]
    shown = latex[toks[begin].pos : at.pos + len(at.text)]
    lo = expr.limits[0][1]
    rules.append(
        f"`{shown}` (terms followed by an ellipsis) is the infinite series "
        f"\\sum_{{{letter}={lo}}}^{{\\infty}} {sympy.latex(expr.function)}, its first "
        f"{count} terms written"
    )
    return [*toks[:begin], *series, *toks[e + 1 :]]


def _read(read: Read, piece: list[Tok]) -> sympy.Basic | None:
    try:
        return read(piece)
    except ParseError:
        return None


def _series_for(
    pieces: list[list[Tok]],
    written: list[sympy.Basic | None],
    letter: str,
    latex: str,
    at: Tok,
    read: Read,
) -> tuple[list[Tok], int, sympy.Sum] | None:
    """The tokens of the one series whose first terms are ``pieces`` (at least three), how many
    they are, and the series as read; None where none fits. Two different series that both fit
    are refused."""
    last = pieces[-1]
    places = _places(last)[:_MAX_PLACES]
    fits: dict[sympy.Basic, tuple[list[Tok], int, sympy.Sum]] = {}
    failure: ParseError | None = None
    for size in range(len(places), 0, -1):
        for chosen in combinations(places, size):
            first = int(last[chosen[0]].text) - (len(pieces) - 1)
            if first < 0:
                continue
            series = _written(last, chosen, first, letter)
            try:
                expr = read(series)
            except ParseError as err:
                failure = failure or err
                continue
            if not isinstance(expr, sympy.Sum) or len(expr.limits) != 1:
                continue
            count = _covered(expr, written, letter)
            if count >= 3:
                fits.setdefault(expr, (series, count, expr))
    if len(fits) > 1:
        shown = " or ".join(f"`{sympy.latex(x)}`" for x in list(fits)[:2])
        raise ParseError(
            f"the terms before the ellipsis fit more than one series ({shown}); write the series "
            f"with `\\sum`",
            latex,
            at.pos,
        )
    if not fits and failure is not None:
        raise ParseError(
            f"the terms before the ellipsis read as an infinite series that derivax cannot read: "
            f"{str(failure).splitlines()[0]}",
            latex,
            at.pos,
        )
    return next(iter(fits.values()), None)


def _covered(expr: sympy.Sum, written: list[sympy.Basic | None], letter: str) -> int:
    """How many terms ``written`` has if they are the series' first terms (its term at the lower
    limit, one above it, ...), else 0."""
    var, lo, hi = expr.limits[0]
    if hi != sympy.oo or not lo.is_Integer or str(var) != letter:
        return 0
    for k, term in enumerate(written):
        if term is None or expr.function.xreplace({var: lo + k}) != term:
            return 0
    return len(written)


def _places(piece: list[Tok]) -> list[int]:
    """Positions of the whole numbers in scripts of ``piece`` (``x^2``, ``x_{t+2}``, ``A^{(3)}``)."""
    out: list[int] = []
    depth_in_script: list[bool] = []
    for k, t in enumerate(piece):
        x = t.text
        script = k > 0 and piece[k - 1].text in ("_", "^")
        if x in ("{", "(", "["):
            depth_in_script.append(script or (bool(depth_in_script) and depth_in_script[-1]))
        elif x in ("}", ")", "]"):
            if depth_in_script:
                depth_in_script.pop()
        elif x.isdigit() and (script or (depth_in_script and depth_in_script[-1])):
            out.append(k)
    return out


def _written(last: list[Tok], chosen: tuple[int, ...], first: int, letter: str) -> list[Tok]:
    """``\\sum_{k=first}^{\\infty}`` of ``last`` with the index at the chosen whole numbers (the
    first one equal to the index, the others offset by their difference from it)."""
    pos = last[0].pos
    base = int(last[chosen[0]].text)
    body: list[Tok] = []
    for k, t in enumerate(last):
        if k not in chosen:
            body.append(t)
            continue
        offset = int(t.text) - base
        hole = [Tok(letter, t.pos)]
        if offset:
            hole += [Tok("+" if offset > 0 else "-", t.pos), Tok(str(abs(offset)), t.pos)]
        bare = k > 0 and last[k - 1].text in ("_", "^")
        body += [Tok("{", t.pos), *hole, Tok("}", t.pos)] if bare else hole
    head = [r"\sum", "_", "{", letter, "=", str(first), "}", "^", "{", r"\infty", "}", "{"]
    return [*(Tok(x, pos) for x in head), *body, Tok("}", pos)]


def _refuse_entries(expr: sympy.Sum, letter: str, latex: str, at: Tok) -> None:
    """A series of a vector's (or matrix's) entries runs past its last entry: refused."""
    var = expr.limits[0][0]
    for node in sympy.preorder_traversal(expr.function):
        if isinstance(node, sympy.Indexed) and any(var in i.free_symbols for i in node.indices):
            raise ParseError(
                f"the terms before the ellipsis are entries of `{node.base}`, which has finitely "
                f"many, and an infinite series of them runs past its last entry; write the sum "
                f"with `\\sum` and its last index",
                latex,
                at.pos,
            )
        if isinstance(node, MatrixElement) and var in node.free_symbols:
            raise ParseError(
                f"the terms before the ellipsis are entries of `{node.parent}`, which has "
                f"finitely many, and an infinite series of them runs past its last entry; write "
                f"the sum with `\\sum` and its last index",
                latex,
                at.pos,
            )
