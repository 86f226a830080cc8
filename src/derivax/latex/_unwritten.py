"""A sum whose range is not written (``\\sum_i x_i p_i``, ``\\sum_{i,j}``): a sum over a finite
index set the note leaves unnamed, read as ``i = 1..N_{i}`` with ``N_{i}`` a dim of its own.
A proof for every ``N_{i}`` is a proof for every finite index set; a counterexample at one
``N_{i}`` refutes nothing the author wrote (``_verify`` turns it into ``unknown``).

The reading holds only where the labels of the terms do not matter: the index appears in the
summand only as the plain subscript of an entry (``x_i``, not ``x_{i+1}``, not ``i`` as a value),
and no entry of a summed array is named by a number elsewhere (``x_1``: the index set need not
contain 1). Otherwise the sum is refused as before."""

from __future__ import annotations

import re

import sympy

from .._errors import ParseError
from ..symbols import SymbolTable


def unwritten_size(
    table: SymbolTable, latex: str, var: sympy.Basic, lo: sympy.Basic, body: sympy.Basic
) -> sympy.Expr | None:
    """``N_{i}``, the number of terms of ``\\sum_i`` with no range written, or None where that
    reading would not be sound: an index that is not a plain letter, a sum that leaves out a
    term (``\\sum_{i \\ne k}``), an index used other than as an entry's subscript, a summand
    with a name of its own subscripted by the index (``p_{i}`` with ``p: scalar``), or the name
    ``N_{i}`` written in the statement or declared in the table."""
    if not isinstance(var, sympy.Symbol) or not re.fullmatch(r"[A-Za-z]", var.name) or lo != 1:
        return None
    if re.search(rf"N\s*_\s*\{{?\s*{var.name}(?![A-Za-z])", latex):
        return None
    entries = [ix for ix in body.atoms(sympy.Indexed) if var in ix.free_symbols]
    if any(var in i.free_symbols and i != var for ix in entries for i in ix.indices):
        return None
    hidden = body.xreplace({ix: sympy.Dummy() for ix in entries})
    if var in hidden.free_symbols:
        return None
    if subscripted_names(body, var.name):
        return None  # `p_{i}` read as a scalar of its own (`p: scalar`) would not vary with i
    return table.terms(var.name)


def subscripted_names(body: sympy.Basic, index: str) -> list[str]:
    """The names of their own in ``body`` whose subscript holds ``index`` (``p_{i}`` read as
    one scalar where ``p`` is declared a scalar), which do not vary with ``index``."""
    out = []
    for s in body.free_symbols:
        m = re.search(r"_\{?([^{}]*)\}?$", getattr(s, "name", ""))
        letters = re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", "", m.group(1))) if m else []
        if index in letters:
            out.append(s.name)
    return sorted(out)


def _summed_bases(
    expr: sympy.Basic, table: SymbolTable
) -> tuple[dict[sympy.Basic, sympy.Symbol], set[sympy.Basic]]:
    """The arrays with an entry summed over an unwritten range, each with that sum's index, and
    the entries summed over a written range."""
    out: dict[sympy.Basic, sympy.Symbol] = {}
    written: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(expr):
        for limit in getattr(node, "limits", ()) if isinstance(node, sympy.Basic) else ():
            if not (isinstance(limit, (tuple, sympy.Tuple)) and len(limit) == 3):
                continue
            var, _, hi = limit
            entries = [ix for ix in node.args[0].atoms(sympy.Indexed) if var in ix.indices]
            if not isinstance(var, sympy.Symbol) or hi != table.terms(var.name):
                written.update(entries)
                continue
            for ix in entries:
                out.setdefault(ix.base, var)
    return out, written


def check_unwritten_entries(expr: sympy.Basic, table: SymbolTable, latex: str) -> None:
    """Refuse ``\\sum_i x_i = x_1 + x_2`` (entries named by number) and ``\\sum_i x_i \\ge
    \\sum_{k=1}^{2} x_k`` (a written range over the same array): with the range of ``i`` not
    written, the terms have no numbers, and ``x_1`` names a term the index set need not have."""
    summed, written = _summed_bases(expr, table)
    if not summed:
        return
    for ix in expr.atoms(sympy.Indexed):
        var = summed.get(ix.base)
        if var is None or (
            ix not in written and all(isinstance(i, sympy.Symbol) for i in ix.indices)
        ):
            continue
        raise ParseError(
            f"`{ix}` names one entry of `{ix.base}`, which `\\sum_{{{var}}}` sums over a range "
            f"that is not written; write the range, as in `\\sum_{{{var}=1}}^{{n}}`, or declare "
            f"`{ix.base}: vector[n]`",
            latex,
            0,
        )
