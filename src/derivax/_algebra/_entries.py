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
from sympy.matrices.expressions.matexpr import MatrixExpr

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
    if not entries:
        return expr
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
    except _Unwritten:
        return expr
    return expr.xreplace(written)
