"""Forward mode of derivax's matrix calculus: the differential of a matrix expression when a
variable moves by a direction, and a Jacobian read off it as a matrix times the direction."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import DerivationError
from .._members import MatrixSum
from ._matrix import Matrix, add_matrices, derivative_of, gradient


def differential(M, X, dX) -> Matrix:
    """The differential of ``M`` when ``X`` moves by ``dX``."""
    if M == X:
        return dX
    if not M.has(X):
        return None
    if not isinstance(M, MatrixExpr):
        g = gradient(M, X)
        return sympy.Trace(g.T * dX)  # a scalar differential
    if isinstance(M, sympy.MatAdd):
        total = None
        for a in M.args:
            total = add_matrices(total, differential(a, X, dX))
        return total
    if isinstance(M, sympy.MatMul):
        total = None
        args = list(M.args)
        for k, a in enumerate(args):
            d = differential(a, X, dX)
            if d is None:
                continue
            total = add_matrices(total, sympy.MatMul(*args[:k], d, *args[k + 1 :]))
        return total
    if isinstance(M, sympy.Transpose):
        d = differential(M.arg, X, dX)
        return None if d is None else d.T
    if isinstance(M, MatrixSum):  # linear, its range free of X (gradient checks it)
        d = differential(M.body, X, dX)
        return None if d is None else MatrixSum(d, M.limit)
    if isinstance(M, sympy.Inverse):
        d = differential(M.arg, X, dX)
        return None if d is None else -sympy.Inverse(M.arg) * d * sympy.Inverse(M.arg)
    if isinstance(M, sympy.HadamardProduct):
        total = None
        for k, a in enumerate(M.args):
            d = differential(a, X, dX)
            if d is not None:
                others = [b for j, b in enumerate(M.args) if j != k]
                total = add_matrices(total, sympy.HadamardProduct(*others, d))
        return total
    if isinstance(M, ElementwiseApplyFunction):
        d = differential(M.expr, X, dX)
        if d is None:
            return None
        return sympy.HadamardProduct(ElementwiseApplyFunction(derivative_of(M.function), M.expr), d)
    if isinstance(M, sympy.DiagMatrix):
        d = differential(M.args[0], X, dX)
        return None if d is None else sympy.DiagMatrix(d)
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp > 0:
        return differential(sympy.MatMul(*([M.base] * int(M.exp))), X, dX)
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp < 0:
        return differential(sympy.MatMul(*([sympy.Inverse(M.base)] * int(-M.exp))), X, dX)
    if isinstance(M, F.Softmax):
        d = differential(M.arg, X, dX)
        if d is None:
            return None
        cols = M.shape[1]
        if cols == 1:
            # d softmax(z) = (diag(s) - s s^T) dz
            return sympy.DiagMatrix(M) * d - M * (M.T * d)
        # each row: ds_j = s_j (dz_j - sum_k s_k dz_k)
        row_sums = sympy.HadamardProduct(M, d) * sympy.OneMatrix(cols, 1) * sympy.OneMatrix(1, cols)
        return sympy.HadamardProduct(M, d) - sympy.HadamardProduct(M, row_sums)
    raise DerivationError(
        f"derivax cannot yet take the differential of `{type(M).__name__}` (in `{M}`)"
    )


def jacobian(Fx: MatrixExpr, x: sympy.MatrixSymbol) -> MatrixExpr:
    """``J`` with ``dF = J dx`` for a column ``F`` and a column ``x``."""
    if Fx.shape[1] != 1 or x.shape[1] != 1:
        raise DerivationError(
            "a Jacobian in matrix form needs a vector-valued expression of a vector"
        )
    dx = sympy.MatrixSymbol("__dx__", x.shape[0], 1)
    dF = differential(Fx, x, dx)
    if dF is None:
        return sympy.ZeroMatrix(Fx.shape[0], x.shape[0])
    total: Matrix = None
    for term in _terms(dF.doit() if hasattr(dF, "doit") else dF, dx):
        total = add_matrices(total, _left_factor(term, dx))
    return total


def _row_of(c, dx):
    """``r`` with ``c = r dx`` for a scalar differential ``c = a tr(r dx)`` (``r`` a row, ``a``
    free of the direction)."""
    factors = sympy.Mul.make_args(c)
    traces = [f for f in factors if f.has(dx)]
    if len(traces) != 1 or not isinstance(traces[0], sympy.Trace) or traces[0].arg.shape != (1, 1):
        return None
    coeff = sympy.Mul(*[f for f in factors if f is not traces[0]])
    try:
        row = _left_factor(traces[0].arg, dx)
    except DerivationError:
        return None
    return row if coeff == 1 else coeff * row


def _terms(e, dx=None):
    """The terms of a differential, each linear in ``dx``: sums are distributed, also a sum
    inside a product (``c (u + v)``) and a scalar coefficient that adds traces of ``dx``."""
    if isinstance(e, sympy.MatAdd):
        out = []
        for a in e.args:
            out.extend(_terms(a, dx))
        return out
    if dx is not None and isinstance(e, sympy.MatMul):
        args = list(e.args)
        for k, a in enumerate(args):
            if not a.has(dx):
                continue
            if isinstance(a, MatrixExpr):
                parts = a.args if isinstance(a, sympy.MatAdd) else None
            else:
                expanded = sympy.expand(a, deep=False)
                parts = sympy.Add.make_args(expanded) if isinstance(expanded, sympy.Add) else None
            if parts:
                out = []
                for part in parts:
                    term = sympy.MatMul(*args[:k], part, *args[k + 1 :])
                    out.extend(_terms(term.doit() if hasattr(term, "doit") else term, dx))
                return out
    return [e]


def _left_factor(term, dx) -> MatrixExpr:
    """``M`` such that ``term = M dx``."""
    if term == dx:
        return sympy.Identity(dx.shape[0])
    if isinstance(term, MatrixSum):  # \sum_j A_j dx = (\sum_j A_j) dx: dx is free of j
        inner: Matrix = None
        for part in _terms(term.body, dx):
            inner = add_matrices(inner, _left_factor(part, dx))
        return MatrixSum(inner, term.limit)
    if isinstance(term, sympy.MatMul):
        args = list(term.args)
        if args[-1] == dx:
            rest = args[:-1]
            if not any(isinstance(a, MatrixExpr) for a in rest):  # c dx = (c I) dx
                return sympy.Mul(*rest) * sympy.Identity(dx.shape[0])
            return sympy.MatMul(*rest) if len(rest) > 1 else rest[0]
        scalars = [a for a in args if not isinstance(a, MatrixExpr)]
        mats = [a for a in args if isinstance(a, MatrixExpr)]
        with_dx = [a for a in scalars if a.has(dx)]
        if len(with_dx) == 1 and not any(m.has(dx) for m in mats):
            # c M tr(r dx) = c M r dx for a row r: the scalar differential is a row times dx
            row = _row_of(with_dx[0], dx)
            others = [a for a in scalars if a is not with_dx[0]]
            if row is not None and (not mats or sympy.MatMul(*mats).shape[1] == 1):
                return sympy.MatMul(*others, *mats, row) if mats else sympy.MatMul(*others, row)
        if len(mats) >= 1 and mats[-1].has(dx):
            inner = _left_factor(mats[-1], dx)
            return sympy.MatMul(*scalars, *mats[:-1], inner)
    if isinstance(term, sympy.HadamardProduct):
        with_dx = [a for a in term.args if a.has(dx)]
        others = [a for a in term.args if not a.has(dx)]
        if len(with_dx) == 1 and all(o.shape[1] == 1 for o in others):
            u = others[0] if len(others) == 1 else sympy.HadamardProduct(*others)
            return sympy.DiagMatrix(u) * _left_factor(with_dx[0], dx)
    raise DerivationError(
        f"cannot write `{term}` as a matrix times the direction; the Jacobian has no matrix form here"
    )
