"""The notations rewritten on the tokens before the formula is read, after the inline
differentials: increments written before a name (``_increments``), compositions of functions
(``_composition``) and derivatives marked on a function's name (``_derivative_marks``)."""

from __future__ import annotations

from ..symbols import SymbolTable
from ._composition import compositions_applied
from ._derivative_marks import marked_derivatives
from ._increments import increments_as_names
from ._lex import Tok

_PASSES = (increments_as_names, compositions_applied, marked_derivatives)


def rewritten_notations(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` after every pass, and the rules the passes applied, in order."""
    rules: list[str] = []
    for rewrite in _PASSES:
        toks, applied = rewrite(toks, table, latex)
        rules += applied
    return toks, rules
