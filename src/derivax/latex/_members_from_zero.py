r"""A family of rows (or columns) counted from 0: ``\mathbf{x}_k: row[X]`` with ``X: matrix[N+1,
n]``, picked as ``\mathbf{x}_k`` for k from 0 to N - 1 and ``\mathbf{x}_N`` (an LQR cost's states
x_0, ..., x_N), or ``h_{t-1}`` for t from 1 to T with ``H: matrix[T+1, n]`` (a norm stabilizer's
h_0, ..., h_T). derivax's members run from 1, so read from 1 the formula asks for row 0, which the
matrix does not have (refused where evaluated), and the last row is never read.

Where some pick of a family reaches 0 and every pick of it stays within 0 to the size minus 1
(over the ranges of the sums around it), each pick is the member one further on in derivax's
count, and the rule is noted. Side conditions, and what breaks each: a pick that can reach the
size itself (``\mathbf{x}_{N+1}`` of N + 1 rows) or a pick whose range is not known (a free
index) leaves the family as written, and a pick at 0 is then refused where evaluated; a family
no pick of which reaches 0 is as before.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text

from .._members import Member


def members_from_zero(expr: sympy.Basic, note: Callable[[str], None]) -> sympy.Basic:
    """``expr`` with each family of members counted from 0 re-indexed from 1."""
    picks: dict[tuple, list[tuple[sympy.Expr, sympy.Expr]]] = {}
    _collect(expr, {}, picks)
    shifts = {}
    for (parent, axis), ranges in picks.items():
        size = parent.shape[axis]
        if any(lo is None for lo, _ in ranges):
            continue
        if not any(lo == 0 for lo, _ in ranges):
            continue
        if all(_at_most(hi, size - 1) for _, hi in ranges):
            shifts[(parent, axis)] = size
    if not shifts:
        return expr
    for (parent, axis), _size in shifts.items():
        kind = "rows" if axis == 0 else "columns"
        note(
            f"the {kind} of `{parent}` are counted from 0 as the formula picks them (a pick "
            f"reaches 0, none passes the last): each is the one further on in derivax's count"
        )
    return expr.replace(
        lambda e: isinstance(e, Member) and (e.parent, e.axis) in shifts,
        lambda e: Member(e.parent, e.index + 1, e.axis, e.family),
    )


def _collect(e, ranges: dict, picks: dict) -> None:
    """Each member's smallest and largest index over the ranges of the sums around it (None
    where an index's range is not known)."""
    if isinstance(e, Member):
        lo, hi = _extremes(e.index, ranges)
        picks.setdefault((e.parent, e.axis), []).append((lo, hi))
        return
    if isinstance(e, (sympy.Sum, sympy.Product)):
        inner = dict(ranges)
        for lim in e.limits:
            if len(lim) == 3:
                inner[lim[0]] = (lim[1], lim[2])
        _collect(e.function, inner, picks)
        return
    for a in e.args:
        if isinstance(a, sympy.Basic):
            _collect(a, ranges, picks)


def _extremes(index: sympy.Expr, ranges: dict):
    """The smallest and largest value of a linear index over ``ranges``; (None, None) where a
    letter's range is not known or the index is no sum of letters plus a whole number."""
    index = _sympify(index)
    lo = hi = index
    for s in index.free_symbols:
        if s not in ranges:
            if s.is_integer and s.is_positive and not s.is_Dummy:
                continue  # a size (x_N): its own value
            return None, None
        c = index.coeff(s)
        if not c.is_number or c not in (1, -1):
            return None, None
        a, b = ranges[s]
        lo = lo.subs(s, a if c > 0 else b)
        hi = hi.subs(s, b if c > 0 else a)
    return sympy.expand(lo), sympy.expand(hi)


def _at_most(value, bound) -> bool:
    difference = sympy.expand(bound - value)
    return bool(difference.is_nonnegative) or (difference.is_Integer and difference >= 0)
