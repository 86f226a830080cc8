"""Output axes: the free indices of a compiled expression and the range each one runs over."""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.core.function import AppliedUndef
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from .._members import MatrixSum


def _free_ranges(
    expr, free: Sequence[sympy.Symbol], sizes_known, known: dict | None = None
) -> dict[sympy.Symbol, tuple]:
    """The range of each free index, read off the arrays it indexes (``x_i``: 1..n), or, for a
    shifted index only (``x_{i+j-1}``), the range that keeps every access inside its array."""
    limits: dict[sympy.Symbol, tuple] = dict(known or {})
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product)):
            for var, lo, hi in node.limits:
                limits[var] = (lo, hi)
    out: dict[sympy.Symbol, tuple] = {}
    accesses = _accesses(expr)
    for i in free:
        plain_hits = [(size, off) for ix, size, off in accesses if ix == i]
        if plain_hits and not _also_shifted(expr, i, accesses):
            size, off = plain_hits[0]
            out[i] = (sympy.Integer(off), size - 1 + off)
            continue
        refuse_shifted_only(expr, i, CompileError)
        lows, highs = [], []
        for ix, size, off in accesses:
            ix = _sympify(ix)
            if not ix.has(i) or ix.coeff(i) != 1:
                continue
            rest = ix - i
            if any(s not in limits for s in rest.free_symbols):
                continue
            lo_c, hi_c = rest, rest
            for s in rest.free_symbols:
                c = rest.coeff(s)
                a, b = limits[s]
                small, large = (a, b) if c.is_positive else (b, a)
                lo_c = lo_c.subs(s, small)
                hi_c = hi_c.subs(s, large)
            lows.append(off - lo_c)
            highs.append(size - 1 + off - hi_c)
        if not lows and (bounded := _bounding_range(expr, i, accesses)) is not None:
            out[i] = bounded
            continue
        if not lows and not i.is_positive and (mirrored := mirrored_range(expr, i)) is not None:
            out[i] = mirrored
            continue
        if not lows:
            raise CompileError(f"cannot tell the range of the free index `{i}`")
        out[i] = (
            sympy.Max(*lows) if len(lows) > 1 else lows[0],
            sympy.Min(*highs) if len(highs) > 1 else highs[0],
        )
    return out


def _accesses(expr) -> list[tuple]:
    """Every index the expression picks an array with, as (index, size of that axis, the
    axis's first index: 1, or 0 for a matrix element)."""
    accesses: list[tuple] = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Indexed) and node.base.shape is not None:
            accesses += [
                (ix, size, 1) for ix, size in zip(node.indices, node.base.shape, strict=False)
            ]
        elif isinstance(node, sympy.Indexed) and isinstance(node.base.label, MatrixExpr):
            accesses += [(ix, node.base.label.shape[0], 1) for ix in node.indices[:1]]
        elif isinstance(node, sympy.Indexed) and isinstance(node.base.label, F.softmax):
            arg = node.base.label.args[0]
            shape = getattr(arg, "shape", None)
            if shape and len(node.indices) == 2:
                accesses += [(ix, size, 1) for ix, size in zip(node.indices, shape, strict=True)]
            elif shape:
                accesses += [(ix, shape[0], 1) for ix in node.indices[:1]]
        elif isinstance(node, MatrixElement):
            accesses += [(node.i, node.parent.shape[0], 0), (node.j, node.parent.shape[1], 0)]
        elif isinstance(node, F.OrderStatistic):  # x_{(k)}: k runs over the ranks 1..n
            ((_, lo, hi),) = node.limits
            accesses.append((node.rank, hi - lo + 1, 1))
    return accesses


def shifted_range(expr, i: sympy.Symbol) -> tuple | None:
    """The range of a free index that picks an array both plainly and shifted by a whole number
    (``x_k - x_{k-1}``: 2..n, ``x_{k+1} - x_k``: 1..n-1), for evaluators that count a range
    from its start; None for any other index."""
    accesses = _accesses(expr)
    if not any(ix == i for ix, _, _ in accesses) or not _also_shifted(expr, i, accesses):
        return None
    return _free_ranges(expr, [i], None)[i]


def _also_shifted(expr, i: sympy.Symbol, accesses) -> bool:
    r"""``i`` picks an array plainly and, by a whole number, shifted (first differences
    ``x_k - x_{k-1}``, returns ``x_t / x_{t-1} - 1``): its range is then the one where every
    access exists (k from 2 to n), as for a shifted index alone. Not where a condition or a
    Kronecker delta holds ``i`` (a gradient's ``[k \le N - \tau] x_{k+\tau}``, whose guard keeps
    the shifted access inside and whose entries run over the whole variable)."""
    # an access's position counted from 1 (a matrix element's index counts from 0)
    shifted = any(
        (rest := _sympify(ix) + 1 - off - i).is_Integer and rest != 0 for ix, _, off in accesses
    )
    if not shifted:
        return False
    return not any(
        i in node.free_symbols
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, (sympy.KroneckerDelta, sympy.core.relational.Relational))
    )


def _bounding_range(expr, i: sympy.Symbol, accesses) -> tuple | None:
    r"""The range of a free index that only bounds a sum (reward-to-go ``G_t = \sum_{s=t}^{T}
    \gamma^{s-t} r_s``, a causal ``\sum_{j=1}^{i}``): that of the sum's own index, which reads an
    array plainly, so that ``i`` runs over the positions of that array (an empty sum at the end,
    ``\sum_{s=t+1}^{T}`` at t = T, is 0). None where no such sum reads an array plainly."""
    if i.is_positive:
        return None  # a size (X of cp(X; Y) = \\sum_{i=1}^{X}), never an index that runs
    for node in sympy.preorder_traversal(expr):
        if not isinstance(node, (sympy.Sum, sympy.Product)):
            continue
        for var, lo, hi in node.limits:
            if i not in (lo.free_symbols | hi.free_symbols):
                continue
            for ix, size, off in accesses:
                if ix == var:
                    return (sympy.Integer(off), size - 1 + off)
    return None


def mirrored_range(expr, i: sympy.Symbol) -> tuple | None:
    r"""The range of a free index that picks no array but mirrors a sum's index: ``u_k = f(k) /
    \sum_{j=1}^{\lambda} f(j)`` (NES's utilities, CMA-ES's weights), where the sum's term with
    ``j`` written ``i`` is in the formula, so ``i`` runs where ``j`` does. None otherwise (a term
    of another form says nothing of the range)."""
    for node in sympy.preorder_traversal(expr):
        if not isinstance(node, (sympy.Sum, sympy.Product)) or len(node.limits) != 1:
            continue
        (var, lo, hi) = node.limits[0]
        if i in (lo.free_symbols | hi.free_symbols) or not node.function.has(var):
            continue
        mirrored = node.function.xreplace({var: i})
        if i not in mirrored.free_symbols:
            continue  # a term that vanishes or loses the index (a delta at i and i + tau) mirrors nothing
        if expr.xreplace({node: sympy.Dummy()}).has(mirrored):
            return (lo, hi)
    return None


def refuse_shifted_only(expr, i: sympy.Symbol, error: type[Exception]) -> None:
    r"""A free index that no array reads plainly gets the range that keeps every shifted access
    inside its array (``y_i = x_{i+1} - x_{i}``'s neighbour ``x_{i+j-1}``). That rule breaks
    where the index also sits in a condition or a Kronecker delta: a gradient with respect to
    ``x`` (``[k \le N - \tau] x_{k+\tau} + \dots``) runs over all of ``x``'s entries, the
    condition guarding the shifted access, and the rule would drop the last ones silently.
    There the range is refused, naming the index."""
    shifted = any(
        index.has(i) and index != i
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, sympy.Indexed)
        for index in node.indices
    )
    guarded = shifted and any(
        i in node.free_symbols
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, (sympy.KroneckerDelta, sympy.core.relational.Relational))
    )
    if guarded:
        raise error(
            f"cannot tell the range of the free index `{i}`: no array reads it plainly (only "
            f"shifted, as `x_{{{i}+1}}`) and a condition or a Kronecker delta holds it, as in a "
            f"gradient whose entries run over the whole variable; evaluate the derivation, "
            f"which knows its variable: `dx.evaluate(dx.derive(f, x), values)`"
        )


def _find_symbol(expr, s: sympy.Symbol) -> sympy.Symbol:
    """The expression's own symbol of that name; an index it does not use is a broadcast axis."""
    for f in expr.free_symbols:
        if f.name == s.name:
            return f
    return s


def _default_free_indices(rhs, lhs) -> list[sympy.Symbol]:
    """Output axes: the indices of the left side (``k`` in ``softmax(z)_k``), else every index
    of the right side that no sum binds, sorted by name."""
    bound = set()
    for node in sympy.preorder_traversal(rhs):
        if isinstance(node, (sympy.Sum, sympy.Product, MatrixSum)):
            bound |= {lim[0] for lim in node.limits}
    candidates = list(left_order(lhs)) if lhs is not None else []
    if not candidates:
        found = {
            i
            for node in sympy.preorder_traversal(rhs)
            if isinstance(node, sympy.Indexed)
            for i in node.indices
            if isinstance(i, sympy.Symbol) and not i.is_positive
        }
        found |= {
            s
            for s in rhs.free_symbols
            if isinstance(s, sympy.Symbol) and s.is_integer and not s.is_positive
        }
        candidates = index_order(rhs, found - bound)
    return [i for i in candidates if i not in bound and i in rhs.free_symbols]


def left_order(lhs) -> tuple[sympy.Symbol, ...]:
    """The indices a definition's left side writes, in order, each once (``o_{ic}``: i, c;
    ``B_{ii}``: the diagonal, one axis; ``\\mathrm{PMI}(w, c)``: w, c)."""
    found: list[sympy.Symbol] = []
    if isinstance(lhs, AppliedUndef):
        found = [a for a in lhs.args if isinstance(a, sympy.Symbol) and a.is_integer]
    for node in sympy.preorder_traversal(lhs):
        if isinstance(node, sympy.Indexed):
            found += [i for i in node.indices if isinstance(i, sympy.Symbol)]
    return tuple(dict.fromkeys(found))


def index_order(expr, free) -> list[sympy.Symbol]:
    """The output axes of free indices no left side orders: as an entry that holds several of
    them writes them (``F_{wc}``: w, then c), where the entries agree; else by name."""
    free = set(free)
    orders = {
        tuple(dict.fromkeys(i for i in node.indices if i in free))
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, sympy.Indexed)
    }
    orders = {o for o in orders if len(o) >= 2}
    by_name = sorted(free, key=str)
    if len(orders) != 1:
        return by_name
    (written,) = orders
    return [*written, *(i for i in by_name if i not in written)]
