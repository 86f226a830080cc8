"""Verdicts on claims with a sum whose range is not written (``\\sum_i x_i p_i``): the reader
sums over ``i = 1..N_{i}`` with ``N_{i}`` a dim of its own (``SymbolTable.terms``). A proof
for every ``N_{i}`` holds for every finite index set and stands, saying so; a counterexample at
one ``N_{i}`` is no counterexample to the author, whose index set may be a particular one the
prose names (three values of a random variable), so it becomes ``unknown`` saying where the
claim fails and that writing the range decides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy

from ..symbols import SymbolTable, plain
from ._verdict import Verdict


def unwritten_ranges(exprs: Sequence[sympy.Basic], table: SymbolTable) -> list[tuple[str, str]]:
    """``(index, size name)`` for each index summed over an unwritten range in ``exprs``."""
    found: list[tuple[str, str]] = []
    for e in exprs:
        for node in sympy.preorder_traversal(e):
            limits = getattr(node, "limits", ()) if isinstance(node, sympy.Basic) else ()
            for limit in limits:
                if not (isinstance(limit, (tuple, sympy.Tuple)) and len(limit) == 3):
                    continue
                var, _, hi = limit
                if not isinstance(var, sympy.Symbol) or hi != table.terms(var.name):
                    continue
                if (var.name, hi.name) not in found:
                    found.append((var.name, hi.name))
    return sorted(found)


def settle(
    verdict: Verdict, rel: sympy.Basic, givens: Sequence[sympy.Basic], table: SymbolTable
) -> Verdict:
    """``verdict`` as it stands for a claim whose sums over an unwritten range (if any) run over
    every finite index set: a proof says it holds for every range, a refutation is ``unknown``."""
    ranges = unwritten_ranges([rel, *givens], table)
    if not ranges or verdict.status not in ("proved", "refuted"):
        return verdict
    indices = ", ".join(f"`{i}`" for i, _ in ranges)
    what = f"range of {indices} is" if len(ranges) == 1 else f"ranges of {indices} are"
    if verdict.status == "proved":
        said = (
            f"holds for every range of {indices} (none written: proved for {_over(ranges)} for "
            f"every number of terms)"
        )
        return replace(verdict, reason=f"{verdict.reason}; {said}" if verdict.reason else said)
    values = verdict.counterexample or {}
    at = [
        f"`{i}` runs over 1..{int(values[plain(n)])}"
        for i, n in ranges
        if isinstance(values.get(plain(n)), (int, float))
    ]
    where = " and ".join(at) if at else f"{_over(ranges)} for some number of terms"
    sides = ""
    if verdict.sides:
        sides = f" (left side {verdict.sides.get('lhs')}, right side {verdict.sides.get('rhs')})"
    first = ranges[0][0]
    return unknown_instead(
        verdict,
        f"the claim fails when {where}{sides}, but the {what} not written: "
        f"the text's index set may be a particular one it names, where the claim can hold; "
        f"write the range (`\\sum_{{{first}=1}}^{{n}}`, or the terms themselves) to decide",
    )


def unknown_instead(verdict: Verdict, reason: str) -> Verdict:
    """A refutation that does not decide the claim, as ``unknown`` with its reason."""
    return replace(
        verdict,
        status="unknown",
        method="",
        counterexample=None,
        violation=None,
        sides=None,
        reason=reason,
    )


def _over(ranges: list[tuple[str, str]]) -> str:
    return " and ".join(f"`{i}` = 1..{n}" for i, n in ranges)
