"""The notations rewritten on the tokens before the formula is read, after the inline
differentials: an array's entry written in parentheses (``_call_entries``), a declared value at
a point the table does not declare (``_points``), increments
written before a name (``_increments``), compositions of functions
(``_composition``), derivatives marked on a function's name (``_derivative_marks``) and primes
after a bracket (``_bracket_primes``, which reads the bracket's content with ``read``)."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from ..symbols import SymbolTable
from ._activations import activations_defined
from ._bracket_primes import bracket_primes
from ._call_entries import entries_in_parentheses
from ._composition import compositions_applied
from ._derivative_marks import marked_derivatives
from ._increments import increments_as_names
from ._lex import Tok
from ._points import values_at_points
from ._words import metric_cutoffs

_UPRIGHT = frozenset({r"\mathrm", r"\text", r"\textrm", r"\operatorname", r"\mathit", r"\rm"})


def upright_e(toks: list[Tok], table: SymbolTable, latex: str) -> tuple[list[Tok], list[str]]:
    """``\\mathrm{e}``, ``\\text{e}``, ``\\operatorname{e}`` (the ISO style of Euler's number)
    read as ``e``, as the table reads it (the constant unless ``e`` is declared); read as a word
    of its own, it was a free scalar and ``\\mathrm{e}^x \\ge 1 + x`` was refuted."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        texts = [x.text for x in toks[k + 1 : k + 4]]
        if t.text in _UPRIGHT and texts == ["{", "e", "}"]:
            out.append(Tok("e", t.pos))
            k += 4
        elif t.text in _UPRIGHT and texts[:1] == ["e"]:
            out.append(Tok("e", t.pos))
            k += 2
        else:
            out.append(t)
            k += 1
    return out, []


_PASSES = (
    upright_e,
    metric_cutoffs,
    activations_defined,
    entries_in_parentheses,
    values_at_points,
    increments_as_names,
    compositions_applied,
    marked_derivatives,
)


def rewritten_notations(
    toks: list[Tok], table: SymbolTable, latex: str, read: Callable[[str], sympy.Basic]
) -> tuple[list[Tok], list[str]]:
    """``toks`` after every pass, and the rules the passes applied, in order."""
    rules: list[str] = []
    for rewrite in _PASSES:
        toks, applied = rewrite(toks, table, latex)
        rules += applied
    toks, applied = bracket_primes(toks, latex, read)
    return toks, rules + applied
