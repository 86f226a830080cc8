"""Matrix calculus in matrix form, denominator layout (the gradient has the shape of X).

SymPy's own matrix derivatives return 0 for d log det X / dX and fail on elementwise functions
(sigma(Wx + b)), so derivax derives them itself:

- ``gradient``: reverse mode. The scalar is split into a scalar layer (sympy.diff) over matrix
  atoms (traces, determinants); each atom passes an adjoint matrix down its tree with one rule per
  node (``d tr(AXB) -> A^T G B^T``, ``d sigma(Z) -> G (.) sigma'(Z)``, ``d X^{-1} -> -X^{-T} G X^{-T}``).
- ``jacobian``: forward mode. The differential ``dF`` in a direction ``dx`` is rewritten as
  ``J dx`` (``u (.) (A dx) = diag(u) A dx``) and ``J`` read off.
- ``simplify_elementwise``: a combination of same-shaped vectors by +, (.) and elementwise
  functions is simplified as the scalar expression it is entry by entry.
"""

from __future__ import annotations

from typing import TypeAlias

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import DerivationError

Matrix: TypeAlias = MatrixExpr | None  # None stands for a zero adjoint


def add_matrices(a: Matrix, b: Matrix) -> Matrix:
    """``a + b`` where None stands for a zero matrix."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _elementwise(f, A: MatrixExpr) -> MatrixExpr:
    x = sympy.Dummy("x", real=True)
    return ElementwiseApplyFunction(sympy.Lambda(x, f(x)), A)


def derivative_of(lam: sympy.Lambda) -> sympy.Lambda:
    """The derivative of a one-variable elementwise function, as a Lambda."""
    (x,) = lam.variables
    return sympy.Lambda(x, sympy.diff(lam.expr, x))


def _matrix_atoms(s: sympy.Expr, X) -> list[sympy.Expr]:
    """The outermost scalar-valued nodes built from matrices that depend on X."""
    found: list[sympy.Expr] = []

    def walk(e):
        if is_log_det(e) or isinstance(e, (sympy.Trace, sympy.Determinant, MatrixElement)):
            if e.has(X) and e not in found:
                found.append(e)
            return
        for a in e.args:
            walk(a)

    walk(s)
    return found


def is_log_det(e) -> bool:
    """``log det M`` or ``log |det M|``: one atom, whose differential is ``tr(M^{-1} dM)``."""
    if not isinstance(e, sympy.log):
        return False
    a = e.args[0]
    return isinstance(a, sympy.Determinant) or (
        isinstance(a, sympy.Abs) and isinstance(a.args[0], sympy.Determinant)
    )


def log_det_arg(e):
    """``M`` of ``log det M`` or ``log |det M|``."""
    a = e.args[0]
    return a.arg if isinstance(a, sympy.Determinant) else a.args[0].arg


def gradient(s: sympy.Expr, X: sympy.MatrixSymbol) -> MatrixExpr:
    """d s / d X for a scalar ``s``, shaped like ``X``."""
    if isinstance(s, MatrixExpr):
        if s.shape != (1, 1):
            raise DerivationError(
                f"the gradient needs a scalar; this expression is a {s.shape[0]} x {s.shape[1]} matrix"
            )
        s = sympy.Trace(s)
    if any(str(b.label) == X.name for b in s.atoms(sympy.IndexedBase)):
        # \sum_i x_i^3 holds x by its entries, which matrix calculus does not see: its
        # gradient would come out 0 (and \nabla_x \sum_i x_i^3 = 0 was proved)
        raise DerivationError(
            f"`{X}` appears here by its entries; matrix calculus takes no gradient of that: "
            f"differentiate by an entry (`\\frac{{\\partial}}{{\\partial {X}_k}}`)"
        )
    atoms = _matrix_atoms(s, X)
    dummies = [sympy.Dummy(f"t{k}", real=True) for k in range(len(atoms))]
    scalar = s.xreplace(dict(zip(atoms, dummies, strict=True)))
    if scalar.has(X):
        raise DerivationError(
            f"`{X}` appears in this expression in a form derivax cannot differentiate yet"
        )
    total: Matrix = None
    back = dict(zip(dummies, atoms, strict=True))
    for atom, t in zip(atoms, dummies, strict=True):
        outer = sympy.diff(scalar, t).xreplace(back)
        if outer == 0:
            continue
        total = add_matrices(total, _scale(outer, _atom_adjoint(atom, X)))
    return total if total is not None else sympy.ZeroMatrix(*X.shape)


def _scale(c, M: Matrix) -> Matrix:
    if M is None:
        return None
    return M if c == 1 else c * M


def _atom_adjoint(atom, X) -> Matrix:
    if is_log_det(atom):
        M = log_det_arg(atom)
        # d log|det M| = tr(M^{-1} dM): adjoint M^{-T}
        return backprop(M, sympy.Inverse(M).T, X)
    if isinstance(atom, sympy.Trace):
        M = atom.arg
        return backprop(M, sympy.Identity(M.shape[0]), X)
    if isinstance(atom, sympy.Determinant):
        M = atom.arg
        # d det M = det M tr(M^{-1} dM): adjoint det(M) M^{-T}
        return backprop(M, sympy.Determinant(M) * sympy.Inverse(M).T, X)
    from ..latex import to_latex

    parent = atom.parent if isinstance(atom, MatrixElement) else atom
    raise DerivationError(
        f"an entry of `{to_latex(parent)}` inside a sum or a function is not differentiated in "
        "matrix form here; write the expression in index notation (declare the index, "
        "e.g. `i: index`, and write `x_i`)"
    )


def backprop(M: MatrixExpr, G: MatrixExpr, X) -> Matrix:
    """The adjoint reaching ``X`` when ``G`` (shaped like ``M``) flows into ``M``."""
    if M == X:
        return G
    if not M.has(X):
        return None
    if isinstance(M, sympy.MatAdd):
        total: Matrix = None
        for a in M.args:
            total = add_matrices(total, backprop(a, G, X))
        return total
    if isinstance(M, sympy.MatMul):
        return _backprop_product(M, G, X)
    if isinstance(M, sympy.Transpose):
        return backprop(M.arg, G.T, X)
    if isinstance(M, sympy.Inverse):
        inv_t = sympy.Inverse(M.arg).T
        return backprop(M.arg, -inv_t * G * inv_t, X)
    if isinstance(M, sympy.HadamardProduct):
        total = None
        for k, a in enumerate(M.args):
            others = [b for j, b in enumerate(M.args) if j != k]
            total = add_matrices(total, backprop(a, sympy.HadamardProduct(G, *others), X))
        return total
    if isinstance(M, ElementwiseApplyFunction):
        fprime = ElementwiseApplyFunction(derivative_of(M.function), M.expr)
        return backprop(M.expr, sympy.HadamardProduct(G, fprime), X)
    if isinstance(M, sympy.HadamardPower) and M.exp.is_number:
        # d(b^{\circ p}) = p b^{\circ (p - 1)} \odot db, entry by entry (b \oslash c, b^{\circ 2})
        slope = M.exp * sympy.HadamardPower(M.base, M.exp - 1)
        return backprop(M.base, sympy.HadamardProduct(G, slope), X)
    if isinstance(M, sympy.DiagMatrix):
        return backprop(M.args[0], sympy.DiagonalOf(G), X)
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp > 0:
        return backprop(sympy.MatMul(*([M.base] * int(M.exp))), G, X)
    if isinstance(M, sympy.MatPow) and M.exp.is_Integer and M.exp < 0:
        return backprop(sympy.MatMul(*([sympy.Inverse(M.base)] * int(-M.exp))), G, X)
    if isinstance(M, F.Softmax):
        S = M
        rows, cols = M.shape
        GS = sympy.HadamardProduct(G, S)
        if cols == 1:
            summed = sympy.OneMatrix(rows, 1) * (sympy.OneMatrix(1, rows) * GS)
        else:
            summed = GS * sympy.OneMatrix(cols, 1) * sympy.OneMatrix(1, cols)
        return backprop(M.arg, sympy.HadamardProduct(S, G - summed), X)
    raise DerivationError(
        f"derivax cannot yet differentiate `{type(M).__name__}` in matrix form (in `{M}`)"
    )


def _backprop_product(M: sympy.MatMul, G, X) -> Matrix:
    scalars = [a for a in M.args if not isinstance(a, MatrixExpr)]
    mats = [a for a in M.args if isinstance(a, MatrixExpr)]
    c = sympy.Mul(*scalars)
    total: Matrix = None
    if c.has(X):
        rest = sympy.MatMul(*mats) if len(mats) > 1 else mats[0]
        total = add_matrices(total, _scale(sympy.Trace(G.T * rest), gradient(c, X)))
    for k, a in enumerate(mats):
        if not a.has(X):
            continue
        left, right = mats[:k], mats[k + 1 :]
        upstream = G
        if left:
            upstream = sympy.MatMul(*left).T * upstream
        if right:
            upstream = upstream * sympy.MatMul(*right).T
        total = add_matrices(total, backprop(a, _scale(c, upstream), X))
    return total


# -- forward mode -------------------------------------------------------------------------------------
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


# -- elementwise algebra ---------------------------------------------------------------------------------
def simplify_elementwise(M):
    """Simplify combinations of same-shaped matrices by +, (.) and elementwise functions entry
    by entry: ``y (.) (1 - s) - (1 - y) (.) s`` -> ``y - s``. A rewrite is kept only when it is
    shorter (the backprop form ``(a - y) (.) sigma'(z)`` stays as it is)."""
    if not isinstance(M, MatrixExpr):
        return M
    if isinstance(M, (sympy.MatAdd, sympy.HadamardProduct, ElementwiseApplyFunction)) or (
        isinstance(M, sympy.MatMul) and len([a for a in M.args if isinstance(a, MatrixExpr)]) == 1
    ):
        leaves: dict = {}
        try:
            scalar = _to_scalar(M, leaves, M.shape)
        except _NotElementwise:
            scalar = None
        if scalar is not None:
            simple = sympy.factor_terms(sympy.expand(scalar))
            candidate = from_scalar(simple, {v: k for k, v in leaves.items()}, M.shape)
            return candidate if sympy.count_ops(candidate) < sympy.count_ops(M) else M
    if M.args and isinstance(
        M,
        (
            sympy.MatAdd,
            sympy.MatMul,
            sympy.Transpose,
            sympy.DiagMatrix,
            sympy.Inverse,
            sympy.HadamardProduct,
        ),
    ):
        return M.func(*[simplify_elementwise(a) for a in M.args]).doit()
    return M


def tidy(M):
    """A matrix result in the form a person writes: transposes pushed in, common factors pulled
    out, elementwise parts simplified, scalars pulled out of diag(.)."""
    if not isinstance(M, MatrixExpr):
        return M
    M = M.doit()
    M = _diagonal_rules(M)
    M = factor_common(M)
    M = simplify_elementwise(M)
    M = M.replace(
        lambda e: (
            isinstance(e, sympy.DiagMatrix)
            and isinstance(e.args[0], sympy.MatMul)
            and not isinstance(e.args[0].args[0], MatrixExpr)
        ),
        lambda e: e.args[0].args[0] * sympy.DiagMatrix(sympy.MatMul(*e.args[0].args[1:])),
    )
    return M.doit() if hasattr(M, "doit") else M


def constant_maps(M):
    """An elementwise map whose body is a constant ``c`` is the matrix ``c 1``; ``diag(0) = 0``."""

    def constant(e):
        body = e.function.expr
        if body.free_symbols & set(e.function.variables):
            return e
        return sympy.ZeroMatrix(*e.shape) if body == 0 else body * sympy.OneMatrix(*e.shape)

    out = M.replace(lambda e: isinstance(e, ElementwiseApplyFunction), constant)
    out = out.replace(
        lambda e: isinstance(e, sympy.DiagMatrix) and isinstance(e.args[0], sympy.ZeroMatrix),
        lambda e: sympy.ZeroMatrix(*e.shape),
    )
    return out.doit() if out != M else M


def _diagonal_rules(M):
    """``diag(v)^{-1} = diag(1 / v)`` and ``diagonal(diag(v)) = v`` (the affine-coupling log-det)."""

    def inverse(e):
        a = e.arg if isinstance(e, sympy.Inverse) else e.base
        if isinstance(a, sympy.DiagMatrix):
            return sympy.DiagMatrix(_elementwise(lambda x: 1 / x, a.args[0]))
        return e

    out = M.replace(
        lambda e: isinstance(e, sympy.Inverse) or (isinstance(e, sympy.MatPow) and e.exp == -1),
        inverse,
    )
    out = out.replace(
        lambda e: isinstance(e, sympy.DiagonalOf) and isinstance(e.arg, sympy.DiagMatrix),
        lambda e: e.arg.args[0],
    )
    return out.doit() if out != M else M


class _NotElementwise(Exception):
    pass


def _to_scalar(M, leaves: dict, shape) -> sympy.Expr:
    if isinstance(M, sympy.MatAdd):
        return sympy.Add(*[_to_scalar(a, leaves, shape) for a in M.args])
    if isinstance(M, sympy.HadamardProduct):
        return sympy.Mul(*[_to_scalar(a, leaves, shape) for a in M.args])
    if isinstance(M, ElementwiseApplyFunction):
        return M.function(_to_scalar(M.expr, leaves, shape))
    if isinstance(M, sympy.OneMatrix):
        return sympy.S.One
    if isinstance(M, sympy.ZeroMatrix):
        return sympy.S.Zero
    if isinstance(M, sympy.MatMul):
        scalars = [a for a in M.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in M.args if isinstance(a, MatrixExpr)]
        if len(mats) == 1 and scalars:
            return sympy.Mul(*scalars) * _to_scalar(mats[0], leaves, shape)
    if not isinstance(M, MatrixExpr) or M.shape != shape:
        raise _NotElementwise
    if M not in leaves:
        leaves[M] = sympy.Dummy(f"e{len(leaves)}", real=True)
    return leaves[M]


def from_scalar(s: sympy.Expr, back: dict, shape) -> MatrixExpr:
    """A scalar expression over entry placeholders written back as the matrix expression it is
    entry by entry (``+`` as MatAdd, ``*`` as a Hadamard product, functions elementwise)."""
    if s in back:
        return back[s]
    if not (s.free_symbols & set(back)):
        return s * sympy.OneMatrix(*shape)
    if isinstance(s, sympy.Add):
        out = None
        for a in s.args:
            out = add_matrices(out, from_scalar(a, back, shape))
        return out
    if isinstance(s, sympy.Mul):
        consts = [a for a in s.args if not (a.free_symbols & set(back))]
        parts = [from_scalar(a, back, shape) for a in s.args if a.free_symbols & set(back)]
        m = parts[0] if len(parts) == 1 else sympy.HadamardProduct(*parts)
        c = sympy.Mul(*consts)
        return m if c == 1 else c * m
    # an elementwise function of one matrix expression
    inner = [a for a in s.args if a.free_symbols & set(back)]
    if len(inner) == 1:
        x = sympy.Dummy("x", real=True)
        body = s.xreplace({inner[0]: x})
        return ElementwiseApplyFunction(sympy.Lambda(x, body), from_scalar(inner[0], back, shape))
    raise DerivationError(f"cannot write `{s}` back in matrix form")


def factor_common(M):
    """``A x + A^T x`` -> ``(A + A^T) x``: a common right (or left) factor of every term."""
    if not isinstance(M, sympy.MatAdd):
        return M
    terms = [t if isinstance(t, sympy.MatMul) else sympy.MatMul(t) for t in M.args]
    mats = [[a for a in t.args if isinstance(a, MatrixExpr)] for t in terms]
    coeffs = [sympy.Mul(*[a for a in t.args if not isinstance(a, MatrixExpr)]) for t in terms]
    if all(len(m) >= 2 for m in mats):
        last = mats[0][-1]
        if all(m[-1] == last for m in mats):
            inner = sympy.MatAdd(
                *[
                    c * (sympy.MatMul(*m[:-1]) if len(m) > 2 else m[0])
                    for c, m in zip(coeffs, mats, strict=True)
                ]
            )
            return sympy.MatMul(inner, last)
        first = mats[0][0]
        if all(m[0] == first for m in mats):
            inner = sympy.MatAdd(
                *[
                    c * (sympy.MatMul(*m[1:]) if len(m) > 2 else m[1])
                    for c, m in zip(coeffs, mats, strict=True)
                ]
            )
            return sympy.MatMul(first, inner)
    return M


def entry(G, indices, column: bool, bases: dict):
    """Entry ``indices`` of the matrix expression ``G`` in index notation: sums and scalar
    multiples distributed, a symbol's entry its own (``(2 x)_j = 2 x_j``), anything else
    ``(G)_j`` as the reader writes an entry of a product."""
    if isinstance(G, sympy.MatAdd):
        return sympy.Add(*[entry(a, indices, column, bases) for a in G.args])
    if isinstance(G, sympy.MatMul):
        scalars = [a for a in G.args if not isinstance(a, MatrixExpr)]
        if scalars:
            rest = [a for a in G.args if isinstance(a, MatrixExpr)]
            inner = rest[0] if len(rest) == 1 else sympy.MatMul(*rest)
            return sympy.Mul(*scalars) * entry(inner, indices, column, bases)
    if isinstance(G, sympy.MatrixSymbol):
        # the claim's own entries of the same array, with the table's assumptions
        base = bases.get(G.name) or sympy.IndexedBase(
            sympy.Symbol(G.name, real=True), shape=(G.shape[0],) if column else G.shape
        )
        return base[indices]
    if isinstance(G, sympy.Transpose) and isinstance(G.arg, sympy.MatrixSymbol) and not column:
        return entry(G.arg, tuple(reversed(indices)), column, bases)
    return sympy.IndexedBase(G, shape=(G.shape[0],) if column else G.shape)[indices]
