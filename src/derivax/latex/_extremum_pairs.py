r"""A maximum or minimum that skips one index, ``\min_{i \ne j} \|v_i - v_j\|^2``, whose other
index ``j`` is written nowhere outside it and bound by no operator around it (Xie-Beni's
separation, the Dunn index's closest pair). It reads two ways: over the pairs i != j (one
number), or for each j (an array over j). As for ``\sum_{k \ne l}`` (``pair_exclusions``), a
definition whose left side does not carry ``j`` decides: the pairs, when the two indices are
used alike (the same arrays, at the same axes, plainly). Without a left side it is refused with
both spellings. Side conditions that keep the old reading: ``j`` only in the condition
(``\max_{i \ne j} x_i``, one value left out), written outside (a margin's ``z_t - \max_{i \ne t}
z_i``), bound by a sum around it (Davies-Bouldin's ``\sum_i \max_{j \ne i}``), or a declared
label."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from .. import _functions as F
from .._errors import ParseError
from .._members import Member
from ..symbols import SymbolTable
from ._scope import left_indices


def extremum_pairs(
    expr: sympy.Basic, table: SymbolTable, latex: str, note: Callable[[str], None]
) -> sympy.Basic:
    """``expr`` with each such maximum or minimum taken over the pairs, a rule noted; refused
    where nothing decides."""
    carried = left_indices(expr)
    pairs = {}
    for node, enclosing in _extrema(expr, ()):
        body = node.function
        if not isinstance(body, F.Excluded):
            continue
        value, var, other, _far = body.args
        if (
            not isinstance(other, sympy.Symbol)
            or other not in value.free_symbols
            or other in enclosing
            or other in expr.xreplace({node: sympy.Dummy()}).free_symbols
            or not _an_index(table, other)
        ):
            continue  # one value left out, or a fixed one
        word = "\\min" if isinstance(node, F.IndexMin) else "\\max"
        limit = node.limits[0]
        if carried is not None and other not in carried and _alike(value, var, other, limit):
            pairs[node] = type(node)(node, (other, limit[1], limit[2]))
            note(
                f"`{word}_{{{var} \\ne {other}}}` is over the pairs {var} != {other}: the left "
                f"side does not carry `{other}`, and the two are used alike"
            )
            continue
        raise ParseError(
            f"`{word}_{{{var} \\ne {other}}}` with `{other}` inside and nowhere outside reads two "
            f"ways: over the pairs {var} != {other} (write `{word}_{{{other}}} "
            f"{word}_{{{var} \\ne {other}}}`) or for each {other} (write the definition's left "
            f"side with it, as in `d_{{{other}}} = {word}_{{{var} \\ne {other}}} \\dots`)",
            latex,
            0,
        )
    return expr.xreplace(pairs) if pairs else expr


def _extrema(e: sympy.Basic, enclosing: tuple):
    """Each maximum or minimum over an index in ``e`` with the variables bound around it."""
    if isinstance(e, F.IndexMax) and not isinstance(e, F.OrderStatistic):
        yield e, enclosing
    if isinstance(e, (sympy.Sum, sympy.Product, F.IndexMax)):
        enclosing = (*enclosing, *(lim[0] for lim in e.limits))
    for a in e.args:
        if isinstance(a, sympy.Basic):
            yield from _extrema(a, enclosing)


def _an_index(table: SymbolTable, s: sympy.Symbol) -> bool:
    key = table.resolve(s.name)
    return key is None or table[key].kind == "index"


def _alike(value: sympy.Basic, var, other, limit) -> bool:
    """``var`` and ``other`` are used alike: only plainly, as indices of arrays along axes
    whose size is ``var``'s whole range from 1, and either at the same arrays and axes (rows
    ``v_i``, ``v_j`` of one matrix) or together in one entry (``D_{ij}``, the pair's distance)."""
    places: dict = {var: set(), other: set()}
    sizes = set()
    together = False
    for node in sympy.preorder_traversal(value):
        if isinstance(node, sympy.Indexed):
            shape = node.base.shape
            if shape is None or len(shape) != len(node.indices):
                continue
            together |= {var, other} <= set(node.indices)
            for axis, ix in enumerate(node.indices):
                if ix in places:
                    places[ix].add((node.base, axis))
                    sizes.add(shape[axis])
        elif isinstance(node, Member) and node.index in places:
            places[node.index].add((node.parent, node.axis))
            sizes.add(node.parent.shape[node.axis])
    if not places[var] or not places[other] or {var, other} & _loose(value, {var, other}):
        return False  # an offset entry (x_{i+1}) or the index as a number
    if places[var] != places[other] and not together:
        return False
    return limit[1] == 1 and all((size - limit[2]).expand() == 0 for size in sizes)


def _loose(e: sympy.Basic, plain: set) -> set:
    """The symbols of ``e`` outside plain array positions (an index written alone)."""
    if isinstance(e, sympy.Symbol):
        return {e}
    if isinstance(e, sympy.Indexed):
        return set().union(*(_loose(ix, plain) for ix in e.indices if ix not in plain))
    if isinstance(e, Member):
        return set() if e.index in plain else _loose(e.index, plain)
    return set().union(*(_loose(a, plain) for a in e.args if isinstance(a, sympy.Basic)))
