"""The derivative of a matrix-valued expression with respect to a matrix in the vec convention:
``H`` with ``d vec(G) = H vec(dX)`` (``vec`` stacks the columns).

The differential ``dG`` comes from the forward-mode rules of ``_algebra.differential``; it is
linear in ``dX``, so ``vec(dG)`` is read off node by node with three identities:
``vec(A Y B) = (B^T (x) A) vec(Y)``, ``vec(Y^T) = K vec(Y)`` (the commutation matrix) and
``vec(U (.) Y) = diag(vec U) vec(Y)``; a scalar differential ``tr(A Y)`` is the row
``vec(A^T)^T vec(Y)``. Applied to a gradient ``G`` it gives the Hessian with respect to a matrix.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .._errors import DerivationError
from .._vec import Commutation, Vec


def vec_jacobian(G: MatrixExpr, X: sympy.MatrixSymbol) -> MatrixExpr:
    """``H`` with ``d vec(G) = H vec(dX)``: a (pq) x (mn) matrix for a p x q ``G`` of an m x n
    ``X``."""
    rows, cols = X.shape
    dX = sympy.MatrixSymbol("__dX__", rows, cols)
    dG = _algebra.differential(G, X, dX)
    if dG is None:
        p, q = G.shape
        return sympy.ZeroMatrix(p * q, rows * cols)
    return tidy(_vec_of(dG, dX))


def tidy(H: MatrixExpr) -> MatrixExpr:
    """The mixed-product rule ``(A (x) B)(C (x) D) = AC (x) BD`` and the tidying of ``_algebra``.

    SymPy's ``combine_kronecker`` also folds a *sum* of Kronecker products into one, ``A (x) B +
    C (x) D = (A + C) (x) (B + D)``, which is false; only products are combined here."""
    out = _algebra.tidy(H.doit())
    return out.replace(lambda e: isinstance(e, sympy.MatMul), _mixed_products)


def _mixed_products(M: sympy.MatMul) -> MatrixExpr:
    args = list(M.args)
    out: list = []
    changed = False
    for a in args:
        prev = out[-1] if out else None
        if (
            isinstance(a, sympy.KroneckerProduct)
            and isinstance(prev, sympy.KroneckerProduct)
            and len(a.args) == len(prev.args) == 2
            and all(p.shape[1] == q.shape[0] for p, q in zip(prev.args, a.args, strict=True))
        ):
            out[-1] = sympy.KroneckerProduct(
                *[(p * q).doit() for p, q in zip(prev.args, a.args, strict=True)]
            )
            changed = True
        else:
            out.append(a)
    return sympy.MatMul(*out).doit() if changed else M


def _not_linear(e) -> DerivationError:
    from ..latex import to_latex

    try:
        shown = to_latex(e)
    except Exception:
        shown = str(e)
    return DerivationError(
        f"cannot write the differential `{shown}` as a matrix times vec(dX); the Hessian with "
        "respect to this matrix has no matrix form here (take it in index notation)"
    )


def _vec_of(Y, dX) -> MatrixExpr:
    """``L`` with ``vec(Y) = L vec(dX)``, for ``Y`` linear in ``dX``."""
    rows, cols = dX.shape
    if Y == dX:
        return sympy.Identity(rows * cols)
    if isinstance(Y, sympy.Transpose):
        p, q = Y.arg.shape
        return Commutation(p, q) * _vec_of(Y.arg, dX)
    if isinstance(Y, sympy.MatAdd):
        parts = [a for a in Y.args if a.has(dX)]
        if len(parts) != len(Y.args):
            raise _not_linear(Y)
        return sympy.MatAdd(*[_vec_of(a, dX) for a in parts])
    if isinstance(Y, sympy.MatMul):
        return _vec_of_product(Y, dX)
    if isinstance(Y, sympy.HadamardProduct):
        with_dx = [a for a in Y.args if a.has(dX)]
        others = [a for a in Y.args if not a.has(dX)]
        if len(with_dx) != 1:
            raise _not_linear(Y)
        U = others[0] if len(others) == 1 else sympy.HadamardProduct(*others)
        return sympy.DiagMatrix(Vec(U).doit()) * _vec_of(with_dx[0], dX)
    raise _not_linear(Y)


def _vec_of_product(Y: sympy.MatMul, dX) -> MatrixExpr:
    scalars = [a for a in Y.args if not isinstance(a, MatrixExpr)]
    mats = [a for a in Y.args if isinstance(a, MatrixExpr)]
    with_dx = [k for k, a in enumerate(mats) if a.has(dX)]
    scalar_dx = [s for s in scalars if s.has(dX)]
    if len(with_dx) + len(scalar_dx) != 1:
        raise _not_linear(Y)
    if scalar_dx:
        # s M with a scalar differential s: vec(s M) = vec(M) (row of s) vec(dX)
        c = sympy.Mul(*[s for s in scalars if s is not scalar_dx[0]])
        M = _product(mats)
        out = Vec(M).doit() * _row_of(scalar_dx[0], dX)
        return out if c == 1 else c * out
    (k,) = with_dx
    c = sympy.Mul(*scalars)
    inner = mats[k]
    r, s = inner.shape
    A, B = _product(mats[:k]), _product(mats[k + 1 :])
    left_factor = A if A is not None else sympy.Identity(r)
    right_factor = B.T if B is not None else sympy.Identity(s)
    kron: MatrixExpr | None
    if A is None and B is None:
        kron = None
    elif right_factor.shape == (1, 1) and isinstance(right_factor, sympy.Identity):
        kron = left_factor  # 1 (x) A = A
    elif left_factor.shape == (1, 1) and isinstance(left_factor, sympy.Identity):
        kron = right_factor
    else:
        kron = sympy.KroneckerProduct(right_factor, left_factor)
    inner_vec = _vec_of(inner, dX)
    out = inner_vec if kron is None else kron * inner_vec
    return out if c == 1 else c * out


def _product(mats: list) -> MatrixExpr | None:
    """The product of matrix factors; ``None`` for none."""
    if not mats:
        return None
    return mats[0] if len(mats) == 1 else sympy.MatMul(*mats).doit()


def _row_of(s, dX) -> MatrixExpr:
    """The 1 x (mn) row ``r`` with ``s = r vec(dX)`` for a scalar ``s`` linear in ``dX``."""
    if isinstance(s, MatrixExpr) and s.shape == (1, 1):
        return _vec_of(s, dX)
    if isinstance(s, sympy.Add):
        if not all(a.has(dX) for a in s.args):
            raise _not_linear(s)
        return sympy.MatAdd(*[_row_of(a, dX) for a in s.args])
    if isinstance(s, sympy.Mul):
        with_dx = [a for a in s.args if a.has(dX)]
        if len(with_dx) != 1:
            raise _not_linear(s)
        c = sympy.Mul(*[a for a in s.args if a is not with_dx[0]])
        return c * _row_of(with_dx[0], dX)
    if isinstance(s, sympy.Trace):
        return _trace_row(s.arg, dX)
    raise _not_linear(s)


def _trace_row(Y, dX) -> MatrixExpr:
    """``tr(A dX B) = vec((B A)^T)^T vec(dX)``; ``tr(A dX^T B) = vec(B A)^T vec(dX)``; any other
    ``Y`` through ``tr(Y) = vec(I)^T vec(Y)``."""
    if isinstance(Y, sympy.MatMul):
        scalars = [a for a in Y.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in Y.args if isinstance(a, MatrixExpr)]
        spots = [k for k, a in enumerate(mats) if a == dX or a == dX.T]
        if len(spots) == 1 and not any(s.has(dX) for s in scalars):
            (k,) = spots
            c = sympy.Mul(*scalars)
            around = [*mats[k + 1 :], *mats[:k]]  # tr(A dX B) = tr(B A dX)
            n = dX.shape[1] if mats[k] == dX else dX.shape[0]
            product = _product(around)
            BA = sympy.Identity(n) if product is None else product
            row = Vec(BA.T if mats[k] == dX else BA).doit().T
            return row if c == 1 else c * row
    if isinstance(Y, sympy.MatAdd):
        return sympy.MatAdd(*[_trace_row(a, dX) for a in Y.args if a.has(dX)])
    p = Y.shape[0]
    return Vec(sympy.Identity(p)).T * _vec_of(Y, dX)
