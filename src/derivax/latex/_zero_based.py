r"""A sum from 0 over the entries of a declared vector: ``\sum_{n=0}^{N-1} x_n`` with ``x:
vector[N]`` counts the entries from 0, as signal processing writes them (the DFT, convolutions).

derivax's entries run from 1, as most papers write them, so read from 1 the sum would ask for
``x_0``, an entry the vector does not have. Where the sum's range is exactly 0 to the vector's
size minus 1 and every entry of that vector in the summand is picked by the sum's index alone,
each is the entry one further on in derivax's count (``x_n`` is entry n + 1); the rule is noted.

Side conditions, and what breaks each: an offset entry beside it (``x_n - x_{n+1}``, or
``r_{t+1}`` that already fits from 1) leaves the sum as written, since the two counts would mix;
a range that is not exactly 0 to size - 1 (``\sum_{n=0}^{N}``, a vector of another size) is left
as written, and a range outside the vector stays refused where it is evaluated.

The same count holds for a vector declared with one entry more than a size (``x: vector[n+1]``,
as the table writes an intercept's ``x_0``) that the formula picks at the literal 0 (``-x_0 y_0 +
\sum_{i=1}^{n} x_i y_i``, the hyperboloid's time-like coordinate first), an entry derivax's count
does not have: where every other pick of that vector is a whole number up to
its size - 1 or a sum's index whose range ends at size - 1, each pick is one further on.
Breaking cases, left as written (and refused where evaluated): a pick at the size itself
(``x_0`` and ``x_n`` of ``x: vector[n]``), a free index or an offset (``x_{i+1}``), and a sum's
index that picks both a vector counted from 0 and one that is not (``x_0 + \sum_t x_t y_t``
with no ``y_0``: which entries the paper pairs is not said).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text


def counted_from_zero(expr: sympy.Basic, note: Callable[[str], None]) -> sympy.Basic:
    """``expr`` with the vectors that its sums (and products) from 0 count from 0 re-indexed from
    1, innermost first. A range from 0 to an enclosing index that itself runs to the size minus
    1 (``\\sum_{t=0}^{H-1} \\prod_{k=0}^{t} \\rho_k``, per-decision importance sampling) reaches
    the same last entry and counts the same way."""
    ends = {
        var: hi
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, (sympy.Sum, sympy.Product))
        for var, lo, hi in (lim for lim in node.limits if len(lim) == 3)
        if lo == 0
    }

    def walk(e: sympy.Basic) -> sympy.Basic:
        if not isinstance(e, sympy.Basic) or not e.args or isinstance(e, sympy.Indexed):
            return e
        args = [walk(a) for a in e.args]
        if any(a is not b for a, b in zip(args, e.args, strict=True)):
            e = e.func(*args)
        if isinstance(e, (sympy.Sum, sympy.Product)):
            body = _from_one(e, ends, note)
            if body is not e.function:
                return e.func(body, *e.limits)
        return e

    return walk(expr)


def _from_one(s, ends: dict, note: Callable[[str], None]) -> sympy.Basic:
    """The body of the sum or product ``s`` with each vector its range from 0 counts from 0
    picked one further on."""
    body = s.function
    for limit in s.limits:
        if len(limit) != 3 or limit[1] != 0:
            continue
        n, _, last = limit
        reach = ends.get(last, last) if isinstance(last, sympy.Symbol) else last
        picked: dict[sympy.IndexedBase, set] = {}
        for entry in body.atoms(sympy.Indexed):
            if n not in entry.free_symbols or len(entry.indices) != 1:
                continue
            shape = entry.base.shape
            if shape is None or len(shape) not in (1, 2) or (len(shape) == 2 and shape[1] != 1):
                continue
            picked.setdefault(entry.base, set()).add(entry.indices[0])
        for base, indices in picked.items():
            if indices != {n} or (reach - (base.shape[0] - 1)).expand() != 0:
                continue
            body = body.xreplace({base[n]: base[n + 1]})
            note(
                f"`{base}_{n}` under the {'sum' if isinstance(s, sympy.Sum) else 'product'} "
                f"from {n} = 0 to {last} counts the entries of `{base}` from 0: `{base}_{n}` is "
                f"entry {n} + 1"
            )
    return body


def literal_zero_entries(expr: sympy.Basic, note: Callable[[str], None]) -> sympy.Basic:
    """``expr`` with each vector picked at the literal 0 counted from 0 (see the module's
    docstring): every pick of it one further on. In a definition whose left side picks no
    entry 0 (``\\langle x, y \\rangle_{\\mathcal{L}} = -x_0 y_0 + \\dots``, the left side
    read as derivax's own 1-based product), the right side alone says how it counts."""
    if isinstance(expr, sympy.Equality) and not any(
        e.indices == (0,) for e in expr.lhs.atoms(sympy.Indexed)
    ):
        rhs = literal_zero_entries(expr.rhs, note)
        return expr if rhs is expr.rhs else sympy.Eq(expr.lhs, rhs, evaluate=False)
    zeros = {e.base for e in expr.atoms(sympy.Indexed) if e.indices == (0,) and _vector(e.base)}
    ranges = {v: (lo, hi) for s in expr.atoms(sympy.Sum) for v, lo, hi in s.limits}
    entries = expr.atoms(sympy.Indexed)
    shifted = {
        base
        for base in zeros
        if all(_within(e.indices[0], base.shape[0] - 1, ranges) for e in entries if e.base == base)
    }
    # an index that picks a vector counted from 0 and one counted from 1 (x_t y_t with x_0 but
    # no y_0) pairs entries the paper may mean together: left as written
    by_index: dict = {}
    for e in entries:
        if len(e.indices) == 1 and e.indices[0] in ranges:
            by_index.setdefault(e.indices[0], set()).add(e.base in shifted)
    if not shifted or any(len(kinds) > 1 for kinds in by_index.values()):
        return expr
    for base in sorted(shifted, key=str):
        note(
            f"`{base}_0` counts the entries of `{base}` from 0 (derivax's count has no entry 0): "
            f"each pick of `{base}` is the entry one further on"
        )
    return expr.xreplace({e: e.base[e.indices[0] + 1] for e in entries if e.base in shifted})


def _vector(base: sympy.IndexedBase) -> bool:
    """A vector declared with one entry more than a size (``vector[n+1]``, as the table writes
    an intercept's ``x_0``); of ``vector[n]``, ``x_0`` stays an entry it does not have."""
    shape = base.shape
    if shape is None or not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        return False
    size = _sympify(shape[0])
    return isinstance(size, sympy.Add) and any(a.is_Integer and a > 0 for a in size.args)


def _within(index, last, ranges: dict) -> bool:
    """A whole number from 0 to ``last``, or a sum's index running from 0 or more to ``last``."""
    if index.is_Integer:
        return (
            0 <= index
            and (last - index).is_nonnegative is not False
            and (not last.is_number or index <= last)
        )
    if index in ranges:
        lo, hi = ranges[index]
        return bool(lo.is_number and lo >= 0) and (hi - last).expand() == 0
    return False
