r"""A sum from 0 over the entries of a declared vector: ``\sum_{n=0}^{N-1} x_n`` with ``x:
vector[N]`` counts the entries from 0, as signal processing writes them (the DFT, convolutions);
a matrix's rows or columns alike (an image's pixels ``I(i, j)`` for i from 0 to m - 1).

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
A sum's index shifted down to 0 counts as a pick at 0 (``S_{i-1}`` for i from 1 with ``S:
vector[n+1]``, log returns over S_0, ..., S_n), where the shifted range stays in 0..size - 1.
Breaking cases, left as written (and refused where evaluated): a pick at the size itself
(``x_0`` and ``x_n`` of ``x: vector[n]``), a free index or a free offset (``x_{i+1}``), and a sum's
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
    """The body of the sum or product ``s`` with each array its range from 0 counts from 0
    picked one further on along that axis (a vector's entries, a matrix's rows or columns:
    PSNR's ``\\sum_{i=0}^{m-1} \\sum_{j=0}^{n-1} I(i, j)``)."""
    body = s.function
    for limit in s.limits:
        if len(limit) != 3 or limit[1] != 0:
            continue
        n, _, last = limit
        reach = ends.get(last, last) if isinstance(last, sympy.Symbol) else last
        picked: dict[tuple, set] = {}
        for entry in body.atoms(sympy.Indexed):
            shape = entry.base.shape
            if n not in entry.free_symbols or shape is None or len(shape) != len(entry.indices):
                if n in entry.free_symbols and _column(entry):
                    picked.setdefault((entry.base, 0), set()).add(entry.indices[0])
                continue
            for axis, ix in enumerate(entry.indices):
                if n in _sympify(ix).free_symbols:
                    picked.setdefault((entry.base, axis), set()).add(ix)
        for (base, axis), indices in picked.items():
            if indices != {n} or (reach - (base.shape[axis] - 1)).expand() != 0:
                continue
            body = body.xreplace(
                {
                    e: base[tuple(ix + 1 if k == axis else ix for k, ix in enumerate(e.indices))]
                    for e in body.atoms(sympy.Indexed)
                    if e.base == base and len(e.indices) > axis and e.indices[axis] == n
                }
            )
            which = "" if len(base.shape) == 1 else f" along axis {axis + 1}"
            note(
                f"`{base}_{n}` under the {'sum' if isinstance(s, sympy.Sum) else 'product'} "
                f"from {n} = 0 to {last} counts the entries of `{base}` from 0{which}: `{base}_{n}` "
                f"is entry {n} + 1"
            )
    return body


def _column(entry: sympy.Indexed) -> bool:
    """A vector stored as a column (shape (n, 1)) picked by one index."""
    shape = entry.base.shape
    return shape is not None and len(shape) == 2 and shape[1] == 1 and len(entry.indices) == 1


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
    ranges = {v: (lo, hi) for s in expr.atoms(sympy.Sum) for v, lo, hi in s.limits}
    # picked at 0: written x_0, or S_{i-1} with i from 1 (log returns over S_0, ..., S_n)
    zeros = {
        e.base
        for e in expr.atoms(sympy.Indexed)
        if len(e.indices) == 1
        and _reaches_zero(e.indices[0], ranges)
        # a literal x_0 of x: vector[n] may be a slip; a shifted index reaching 0 (x_{k-1}
        # for k from 1 of x: vector[K]) can only count from 0
        and (_vector(e.base) or not e.indices[0].is_Integer)
        and e.base.shape is not None
    }
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
            f"`{base}_0` counts the entries of `{base}` from 0 (derivax's count has no entry 0; "
            f"picked at 0 as written or by a shifted index at its first value): each pick of "
            f"`{base}` is the entry one further on"
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


def _shift(index, ranges: dict):
    """``(v, c)`` for an index ``v + c`` of a sum's variable shifted by a whole number; None
    for anything else."""
    for v in index.free_symbols & set(ranges):
        c = (index - v).expand()
        if c.is_Integer:
            return v, c
    return None


def _reaches_zero(index, ranges: dict) -> bool:
    if index.is_Integer:
        return index == 0
    found = _shift(index, ranges)
    return found is not None and (ranges[found[0]][0] + found[1]) == 0


def _within(index, last, ranges: dict) -> bool:
    """A whole number from 0 to ``last``, or a sum's index (shifted by a whole number) running
    from 0 or more to at most ``last``, reaching it unshifted."""
    if index.is_Integer:
        return (
            0 <= index
            and (last - index).is_nonnegative is not False
            and (not last.is_number or index <= last)
        )
    found = _shift(index, ranges)
    if found is None:
        return False
    (_, c), (lo, hi) = found, ranges[found[0]]
    if not (lo.is_number and lo + c >= 0):
        return False
    return (hi - last).expand() == 0 if c == 0 else (last - hi - c).is_nonnegative is not False
