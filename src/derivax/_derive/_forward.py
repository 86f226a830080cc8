"""A scalar inside matrix expressions (a length-scale, a noise variance, a temperature),
differentiated in forward mode with the textbook rules: ``d log det K = tr(K^{-1} dK)``,
``d K^{-1} = -K^{-1} dK K^{-1}``, ``d tr(M) = tr(dM)``."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._algebra import add_matrices, derivative_of, is_log_det, log_det_arg
from .._errors import DerivationError


def _zero_like(M):
    return sympy.ZeroMatrix(*M.shape) if isinstance(M, MatrixExpr) else sympy.S.Zero


def scalar_derivative(e, t: sympy.Symbol):
    """``d e / d t`` for a scalar ``t`` that sits inside matrix expressions, in forward mode with
    the textbook rules: ``d log det K = tr(K^{-1} dK)``, ``d K^{-1} = -K^{-1} dK K^{-1}``,
    ``d tr(M) = tr(dM)``. ``e`` may be a scalar or a matrix expression."""
    if not e.has(t):
        return _zero_like(e)
    if e == t:
        return sympy.S.One
    if isinstance(e, MatrixExpr):
        return _dmatrix(e, t)
    if isinstance(e, sympy.Trace):
        return sympy.Trace(_dmatrix(e.arg, t))
    if isinstance(e, sympy.Determinant):
        return sympy.Determinant(e.arg) * sympy.Trace(sympy.Inverse(e.arg) * _dmatrix(e.arg, t))
    if is_log_det(e):
        M = log_det_arg(e)
        return sympy.Trace(sympy.Inverse(M) * _dmatrix(M, t))
    if isinstance(e, MatrixElement):
        return MatrixElement(_dmatrix(e.parent, t), e.i, e.j)
    if isinstance(e, sympy.Sum):
        if any(b.has(t) for lim in e.limits for b in lim[1:]):
            raise DerivationError(
                f"`{t}` appears in the range of a sum; derivax does not differentiate that"
            )
        return sympy.Sum(scalar_derivative(e.function, t), *e.limits)
    atoms = _scalar_atoms(e, t)
    if not atoms:
        return sympy.diff(e, t)
    dummies = [sympy.Dummy(f"t{k}", real=True) for k in range(len(atoms))]
    scalar = e.xreplace(dict(zip(atoms, dummies, strict=True)))
    back = dict(zip(dummies, atoms, strict=True))
    total = sympy.diff(scalar, t).xreplace(back)
    for atom, d in zip(atoms, dummies, strict=True):
        outer = sympy.diff(scalar, d).xreplace(back)
        if outer != 0:
            total += outer * scalar_derivative(atom, t)
    return total


def _scalar_atoms(e, t) -> list:
    """The outermost nodes with their own rule (traces, determinants, entries, sums) that
    contain ``t``: a sum is one atom, so that nothing is pulled out of it."""
    found: list = []

    def walk(x):
        if isinstance(x, (sympy.Trace, sympy.Determinant, MatrixElement, sympy.Sum)) or is_log_det(
            x
        ):
            if x.has(t) and x not in found:
                found.append(x)
            return
        for a in x.args:
            walk(a)

    walk(e)
    return found


def _dmatrix(M: MatrixExpr, t) -> MatrixExpr:
    if not M.has(t):
        return sympy.ZeroMatrix(*M.shape)
    if isinstance(M, sympy.MatAdd):
        out = None
        for a in M.args:
            if a.has(t):
                out = add_matrices(out, _dmatrix(a, t))
        return out
    if isinstance(M, sympy.MatMul):
        args = list(M.args)
        out = None
        for k, a in enumerate(args):
            if not a.has(t):
                continue
            d = _dmatrix(a, t) if isinstance(a, MatrixExpr) else scalar_derivative(a, t)
            if d == 0 or isinstance(d, sympy.ZeroMatrix):
                continue
            out = add_matrices(out, sympy.MatMul(*args[:k], d, *args[k + 1 :]))
        return out if out is not None else sympy.ZeroMatrix(*M.shape)
    if isinstance(M, sympy.Transpose):
        return _dmatrix(M.arg, t).T
    if isinstance(M, sympy.Inverse):
        inv = sympy.Inverse(M.arg)
        return -inv * _dmatrix(M.arg, t) * inv
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp > 0:
        return _dmatrix(sympy.MatMul(*([M.base] * int(M.exp))), t)
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp < 0:
        return _dmatrix(sympy.MatMul(*([sympy.Inverse(M.base)] * int(-M.exp))), t)
    if isinstance(M, sympy.HadamardProduct):
        out = None
        for k, a in enumerate(M.args):
            if a.has(t):
                others = [b for j, b in enumerate(M.args) if j != k]
                out = add_matrices(out, sympy.HadamardProduct(*others, _dmatrix(a, t)))
        return out
    if isinstance(M, ElementwiseApplyFunction):
        lam = M.function
        (x,) = lam.variables
        out = None
        if lam.expr.has(t):  # the parameter inside the function: exp(-z / l)
            out = ElementwiseApplyFunction(sympy.Lambda(x, sympy.diff(lam.expr, t)), M.expr)
        if M.expr.has(t):
            out = add_matrices(
                out,
                sympy.HadamardProduct(
                    ElementwiseApplyFunction(derivative_of(lam), M.expr), _dmatrix(M.expr, t)
                ),
            )
        return out
    if isinstance(M, sympy.DiagMatrix):
        return sympy.DiagMatrix(_dmatrix(M.args[0], t))
    if isinstance(M, sympy.DiagonalOf):
        return sympy.DiagonalOf(_dmatrix(M.arg, t))
    if isinstance(M, F.Softmax):
        S, dZ = M, _dmatrix(M.arg, t)
        rows, cols = M.shape
        SdZ = sympy.HadamardProduct(S, dZ)
        if cols == 1:
            summed = sympy.OneMatrix(rows, 1) * (sympy.OneMatrix(1, rows) * SdZ)
        else:
            summed = SdZ * sympy.OneMatrix(cols, 1) * sympy.OneMatrix(1, cols)
        return sympy.HadamardProduct(S, dZ - summed)
    if isinstance(M, F.MatrixExp):
        # d/dt e^{c(t) B} = c'(t) B e^{c(t) B} for a constant B (the heat kernel's e^{-t L}):
        # the exponent commutes with its derivative; any other exponent is refused
        A = M.args[0]
        matrices = A.as_coeff_matrices()[1] if isinstance(A, sympy.MatMul) else [A]
        if all(not m.has(t) for m in matrices) and not isinstance(A, sympy.MatAdd):
            return sympy.MatMul(_dmatrix(A, t), M)
        raise DerivationError(
            f"derivax differentiates `e^{{A(t)}}` by `{t}` only where A(t) is a multiple of a "
            f"matrix that does not depend on it (`e^{{-t L}}`); here the exponent is `{A}`"
        )
    if isinstance(M, sympy.MatrixBase):
        return sympy.ImmutableMatrix(M.applyfunc(lambda v: scalar_derivative(v, t)))
    raise DerivationError(
        f"derivax cannot yet differentiate `{type(M).__name__}` with respect to the "
        f"scalar `{t}` (in `{M}`)"
    )
