r"""Entries of matrix products written in index notation: ``(X w)_i`` is
``\sum_{c} X_{i c} w_c`` and ``(W^\top v)_j`` is ``\sum_{c} W_{c j} v_c``.

The reader keeps such an entry as it is written (an entry of the product), which compiling and
evaluating take as it stands; the derivative engine of index notation differentiates the written-
out form. Products, sums, transposes, scalar multiples and entrywise products of declared arrays
are written out; any other matrix expression (an inverse, a function of a matrix) leaves the whole
expression as it was, and the derivative refuses it as before.

Side conditions, and the cases that would break them: a vector is a column (its entry needs one
index); the product's inner sizes come from the operands' shapes (n = 1 gives a sum of one term);
the dummy indices are letters neither the expression nor the table uses, so no index is captured.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .._members import Member

#: letters for the indices of the written-out products, the first unused one taken
_DUMMIES = ("c", "l", "p", "q", "r", "s", "u", "v", "a", "b", "e", "f", "g", "h")


class _Unwritten(Exception):
    """A matrix expression this module does not write entry by entry."""


def entries_written_out(expr: sympy.Basic, table) -> sympy.Basic:
    """``expr`` with every entry of a product of declared arrays in index notation; ``expr``
    itself when it has none, or when one cannot be written out."""
    entries = [
        node
        for node in expr.atoms(sympy.Indexed)
        if isinstance(node.base.label, MatrixExpr)
        and not isinstance(node.base.label, sympy.MatrixSymbol)
    ]
    # log-sum-exp's \sum_i e^{(W x)_i}, (F x)_1: an entry of a product, as SymPy writes it
    elements = [
        node
        for node in expr.atoms(MatrixElement)
        if not isinstance(node.parent, sympy.MatrixSymbol) and isinstance(node.parent, MatrixExpr)
    ]
    taken = {str(s) for s in expr.atoms(sympy.Symbol)} | {str(n) for n in table}
    fresh = iter(sympy.Symbol(d, integer=True) for d in _DUMMIES if d not in taken)

    def dummy() -> sympy.Symbol:
        try:
            return next(fresh)
        except StopIteration:
            raise _Unwritten from None

    def array(m: sympy.MatrixSymbol, r, c) -> sympy.Expr:
        key = table.resolve(str(m.name))
        if key is None:
            raise _Unwritten
        base = table.indexed(key)
        if base.shape is not None and len(base.shape) == 1:
            return base[r]
        return base[r, c]

    def entry(m, r, c) -> sympy.Expr:
        if isinstance(m, sympy.MatrixSymbol):
            return array(m, r, c)
        if isinstance(m, sympy.Transpose):
            return entry(m.arg, c, r)
        if isinstance(m, Member):  # o^{(t)}_y, entry y of row t of O: O_{t y}
            return entry(m.parent, m.index, r) if m.axis == 0 else entry(m.parent, r, m.index)
        if isinstance(m, sympy.MatAdd):
            return sympy.Add(*(entry(a, r, c) for a in m.args))
        if isinstance(m, sympy.HadamardProduct):
            return sympy.Mul(*(entry(a, r, c) for a in m.args))
        if isinstance(m, ElementwiseApplyFunction):  # \tanh(W x + b)_j is \tanh((W x + b)_j)
            return m.function(entry(m.expr, r, c))
        if isinstance(m, sympy.MatMul):
            scalars = [a for a in m.args if not isinstance(a, MatrixExpr)]
            mats = [a for a in m.args if isinstance(a, MatrixExpr)]
            inner = [dummy() for _ in mats[1:]]
            rows, cols = [r, *inner], [*inner, c]
            body = sympy.Mul(*(entry(a, rows[k], cols[k]) for k, a in enumerate(mats)))
            limits = [(d, 1, mats[k].shape[1]) for k, d in enumerate(inner)]
            return sympy.Mul(*scalars) * (sympy.Sum(body, *limits) if limits else body)
        raise _Unwritten

    try:
        written = {}
        for node in entries:
            m = node.base.label
            r, c = (node.indices[0], sympy.Integer(1)) if len(node.indices) == 1 else node.indices
            written[node] = entry(m, r, c)
        for node in elements:  # counted from 0, as SymPy numbers a matrix's entries
            written[node] = entry(node.parent, node.i + 1, node.j + 1)
    except _Unwritten:
        return expr
    out = expr.xreplace(written)
    # x'^T F x beside (F x)_1 (the Sampson distance): F is differentiated in one notation, so a
    # scalar product that holds an array written by its entries elsewhere is written out too
    by_entries = {str(ix.base.label) for ix in out.atoms(sympy.Indexed)}
    traces = {}
    try:
        for tr in out.atoms(sympy.Trace):
            arg = tr.arg
            names = {str(m.name) for m in arg.atoms(sympy.MatrixSymbol)}
            if tuple(arg.shape) == (1, 1) and names & by_entries:
                traces[tr] = entry(arg, sympy.Integer(1), sympy.Integer(1))
    except _Unwritten:
        return out
    return out.xreplace(traces) if traces else out


def summed_entries_written(expr: sympy.Basic, table) -> sympy.Basic:
    """Entries of declared arrays that SymPy wrote from 0 under sums from 0 (log-sum-exp's
    ``\\sum_i e^{(W x)_i}`` is ``\\sum_{i=0}^{K-1} e^{\\sum_{c=0}^{n-1} W[i, c] x[c, 0]}``) in
    derivax's index notation, from 1: each such sum's index moved up by one. Entries picked by
    anything but the sums' own indices (``a[2, 0]`` of a cross product) are left as written."""
    sums = [
        s
        for s in expr.atoms(sympy.Sum)
        if all(
            len(lim) == 3 and lim[1] == 0 and isinstance(lim[0], sympy.Dummy) for lim in s.limits
        )
    ]
    bound = {lim[0] for s in sums for lim in s.limits}
    elements = [
        m
        for m in expr.atoms(MatrixElement)
        if isinstance(m.parent, sympy.MatrixSymbol)
        and table.resolve(str(m.parent.name)) is not None
        and (sympy.sympify(m.i).free_symbols | sympy.sympify(m.j).free_symbols) & bound
        and (sympy.sympify(m.i).free_symbols | sympy.sympify(m.j).free_symbols) <= bound
    ]
    if not elements:
        return expr

    def indexed(m):
        base = table.indexed(table.resolve(str(m.parent.name)))
        if base.shape is not None and len(base.shape) == 1:
            return base[m.i + 1]
        return base[m.i + 1, m.j + 1]

    out = expr.xreplace({m: indexed(m) for m in elements})

    def shifted(e):
        if isinstance(e, sympy.Sum) and all(
            len(lim) == 3 and lim[1] == 0 and lim[0] in bound for lim in e.limits
        ):
            body = e.function.xreplace({lim[0]: lim[0] - 1 for lim in e.limits})
            return sympy.Sum(body, *[(v, 1, hi + 1) for v, _lo, hi in e.limits])
        return e

    return out.replace(lambda e: isinstance(e, sympy.Sum), shifted)
