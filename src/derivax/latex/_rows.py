r"""A row (or column) of a declared matrix picked by the index of a sum around it, used as a vector
in scalar products: ``\sum_{i=1}^{N} \|x_i - y_i\|^2`` and ``\sum_{i=1}^{K} e^{q^\top k_i}`` with
``x, y: matrix[N, d]`` and ``k: matrix[K, d]``.

``x_i`` with ``x: matrix[R, C]`` is row ``i`` when the sum over ``i`` runs from 1 to ``R`` (and
``R`` is not ``C``), column ``i`` when it runs from 1 to ``C`` (and ``C`` is not ``R``); any other
range, or no sum at all, leaves it refused as before: a square matrix, or an index whose range
the formula does not give, reads two ways. The row is a ``MatrixRow`` while the formula is read;
then every scalar that holds one (a trace of a 1 x 1 product, which is how ``q^\top k_i`` and
``\|x_i - y_i\|^2`` are read) is written entry by entry, ``\sum_{c=1}^{d} q_c k_{i c}``, so that
the rest of derivax sees ordinary index notation; so are the formula's other scalar products
(``q^\top k_+`` beside it), so that each vector is in one notation. A row left anywhere else (a vector-valued sum,
an argument of a function) is refused, naming what to write instead.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._errors import ParseError
from .._members import Member

#: letters for the indices of the written-out products, the first unused one taken
_DUMMIES = ("c", "l", "m", "p", "q", "r", "s", "u", "v", "a", "b")


class MatrixRow(MatrixExpr):
    """Row ``i`` (``axis`` 0) or column ``i`` (``axis`` 1) of the array ``base`` (1-based entries,
    an ``IndexedBase`` with its shape), as a column vector."""

    def __new__(cls, base: sympy.IndexedBase, i: sympy.Expr, axis: int):
        return MatrixExpr.__new__(cls, base, i, sympy.Integer(axis))

    @property
    def shape(self):
        base, _, axis = self.args
        return (base.shape[1 - int(axis)], sympy.Integer(1))

    def entry(self, r: sympy.Expr) -> sympy.Expr:
        base, i, axis = self.args
        return base[i, r] if int(axis) == 0 else base[r, i]

    def _entry(self, i, j, **kwargs):
        return self.entry(i + 1)


def pick(base: sympy.IndexedBase, index: sympy.Expr, size: sympy.Expr | None) -> MatrixRow | None:
    """The row or column of ``base`` that ``index`` picks, running from 1 to ``size``; None when
    the range matches both axes or neither."""
    if size is None or base.shape is None or len(base.shape) != 2:
        return None
    # sizes are declared dims and products of them: expanding decides equality, no simplify
    same_rows, same_cols = ((size - n).expand() == 0 for n in base.shape)
    if same_rows != same_cols:
        return MatrixRow(base, index, 0 if same_rows else 1)
    return None


def lower_rows(expr: sympy.Basic, table, latex: str) -> sympy.Basic:
    """``expr`` with every scalar that holds a ``MatrixRow`` written entry by entry; a row left
    anywhere else is refused."""
    if not expr.has(MatrixRow):
        return expr
    if isinstance(expr, (sympy.core.relational.Relational, sympy.And, sympy.Or)):
        # side by side, unevaluated: rebuilt whole, a sum of squares >= 0 would become True,
        # no claim left to check
        sides = [lower_rows(a, table, latex) for a in expr.args]
        return expr.func(*sides, evaluate=False)
    # every letter the formula uses, bound ones included (a sum's own index is no free symbol,
    # and a product's index named like it would be captured: x[c, c] for x_c)
    taken = {str(s) for s in expr.atoms(sympy.Symbol)} | set(table)
    fresh = iter(d for d in _DUMMIES if d not in taken)

    def dummy() -> sympy.Symbol:
        try:
            return sympy.Symbol(next(fresh), integer=True)
        except StopIteration:
            raise ParseError("too many products of rows to write out", latex, 0) from None

    def written(tr: sympy.Trace) -> sympy.Expr:
        m = tr.arg
        n = m.shape[0]
        if n == 1:
            return _entry(m, sympy.Integer(1), sympy.Integer(1), table, dummy, latex)
        r = dummy()
        return sympy.Sum(_entry(m, r, r, table, dummy, latex), (r, 1, n))

    def tried(tr: sympy.Trace) -> sympy.Expr:
        # the other scalar products too, so that a vector beside a row (q in q^T k_+ and in
        # q^T k_i) is in one notation, as its derivative needs; one that does not write out stays
        try:
            return written(tr)
        except ParseError:
            if tr.has(MatrixRow):
                raise
            return tr

    out = expr.replace(lambda e: isinstance(e, sympy.Trace), tried)
    if out.has(MatrixRow):
        row = next(iter(out.atoms(MatrixRow)))
        base, i, axis = row.args
        kind = "row" if int(axis) == 0 else "column"
        raise ParseError(
            f"`{base}_{{{i}}}`, {kind} {i} of the matrix `{base}`, is read inside scalar products "
            f"(`q^\\top {base}_{{{i}}}`, `\\|{base}_{{{i}}} - y\\|^2`); here it is used as a vector "
            f"of its own, which derivax does not read: write it entry by entry "
            f"(`{base}_{{{i} j}}`)",
            latex,
            0,
        )
    return out


def _entry(m, r, c, table, dummy, latex: str) -> sympy.Expr:
    """Entry ``(r, c)`` (1-based) of the matrix expression ``m``, in index notation."""
    if isinstance(m, MatrixRow):
        return m.entry(r)
    if isinstance(m, sympy.MatrixSymbol):
        key = table.resolve(m.name)
        if key is None:
            raise ParseError(f"`{m.name}` beside a row of a matrix is not declared", latex, 0)
        base = table.indexed(key)
        return base[r] if m.shape[1] == 1 and len(base.shape or ()) == 1 else base[r, c]
    if isinstance(m, sympy.Transpose):
        return _entry(m.arg, c, r, table, dummy, latex)
    if isinstance(m, sympy.MatAdd):
        return sympy.Add(*[_entry(a, r, c, table, dummy, latex) for a in m.args])
    if isinstance(m, sympy.MatMul):
        scalars = [a for a in m.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in m.args if isinstance(a, MatrixExpr)]
        if not mats:
            raise ParseError("a product with no matrix in it beside a row", latex, 0)
        # an inner size of 1 (a column times a row) has the one entry 1, no sum
        inner = [sympy.Integer(1) if a.shape[1] == 1 else dummy() for a in mats[:-1]]
        marks = [r, *inner, c]
        term = sympy.Mul(
            *scalars,
            *[_entry(a, marks[k], marks[k + 1], table, dummy, latex) for k, a in enumerate(mats)],
        )
        limits = [
            (marks[k + 1], 1, mats[k].shape[1])
            for k in range(len(mats) - 1)
            if mats[k].shape[1] != 1
        ]
        return sympy.Sum(term, *limits) if limits else term
    if isinstance(m, Member) and isinstance(m.parent, sympy.MatrixSymbol):
        # x^{(i)} beside \mu_{y^{(i)}}: entry r of row (or column) i of the data matrix
        key = table.resolve(m.parent.name)
        if key is None:
            raise ParseError(
                f"`{m.parent.name}` beside a row of a matrix is not declared", latex, 0
            )
        base = table.indexed(key)
        return base[m.index, r] if m.axis == 0 else base[r, m.index]
    if isinstance(m, sympy.Inverse) and isinstance(m.arg, sympy.MatrixSymbol):
        # \Sigma^{-1} between rows: an entry of the inverse, as (X w)_i is an entry of a product
        return sympy.IndexedBase(m, shape=m.shape)[r, c]
    if isinstance(m, sympy.Identity):
        return sympy.KroneckerDelta(r, c)
    if isinstance(m, sympy.ZeroMatrix):
        return sympy.S.Zero
    raise ParseError(
        f"a row of a matrix inside `{type(m).__name__}` is not written out; write the scalar "
        f"product entry by entry",
        latex,
        0,
    )
