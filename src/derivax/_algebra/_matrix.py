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
from .._members import MatrixSum, Member
from . import _sums

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
    if not isinstance(X, sympy.MatrixSymbol):
        # \nabla_{s_i} with s_i a row of s (a member of a family), or any other expression
        raise DerivationError(
            f"a gradient by `{X}`, which is no declared vector or matrix of its own, is not taken "
            f"yet; differentiate by its entries"
        )
    if any(str(b.label) == X.name for b in s.atoms(sympy.IndexedBase)):
        # \sum_i x_i^3 holds x by its entries, which matrix calculus does not see: its
        # gradient would come out 0 (and \nabla_x \sum_i x_i^3 = 0 was proved)
        raise DerivationError(
            f"`{X}` appears here by its entries; matrix calculus takes no gradient of that: "
            f"differentiate by an entry (`\\frac{{\\partial}}{{\\partial {X}_k}}`)"
        )
    s = logs_of_products(s)
    bound = _bound_ranges(s, X)
    atoms = _matrix_atoms(s, X)
    _refuse_other_binders(s, atoms, bound, X)
    plain = [a for a in atoms if not a.free_symbols & bound.keys()]
    per_term = [a for a in atoms if a.free_symbols & bound.keys()]
    dummies = [sympy.Dummy(f"t{k}", real=True) for k in range(len(plain))]
    families = [sympy.IndexedBase(sympy.Dummy(f"T{k}", real=True)) for k in range(len(per_term))]
    replace = dict(zip(plain, dummies, strict=True))
    for atom, T in zip(per_term, families, strict=True):
        replace[atom] = T[tuple(_bounds_of(atom, bound))]
    scalar = s.xreplace(replace)
    if scalar.has(X):
        raise DerivationError(
            f"`{X}` appears in this expression in a form derivax cannot differentiate yet"
        )

    def back(e):
        e = e.xreplace(dict(zip(dummies, plain, strict=True)))
        for atom, T in zip(per_term, families, strict=True):
            found = _bounds_of(atom, bound)
            e = e.replace(
                lambda x, T=T: isinstance(x, sympy.Indexed) and x.base == T,
                lambda x, atom=atom, found=found: atom.xreplace(
                    dict(zip(found, x.indices, strict=True))
                ),
            )
        return e

    total: Matrix = None
    for atom, t in zip(plain, dummies, strict=True):
        outer = back(sympy.diff(scalar, t))
        if outer == 0:
            continue
        total = add_matrices(total, _scale(outer, _atom_adjoint(atom, X)))
    for atom, T in zip(per_term, families, strict=True):
        # an atom of each term of a sum (w^T x_i): the derivative by the atom of term j, times
        # its adjoint, summed over the terms (d/dT_j of \sum_i f(T_i) is f'(T_j)); an atom of
        # the terms of two sums (p^T (q_i - q_j)) is a family over both indices
        found = _bounds_of(atom, bound)
        js = [sympy.Dummy(f"j{k}", integer=True) for k in range(len(found))]
        ranges = {j: bound[v] for j, v in zip(js, found, strict=True)}
        outer = back(_sums.collapse_deltas(sympy.diff(scalar, T[tuple(js)]), ranges))
        if outer == 0:
            continue
        term = _scale(outer, _atom_adjoint(atom.xreplace(dict(zip(found, js, strict=True))), X))
        for j in reversed(js):
            term = MatrixSum(term, (j, *ranges[j]))
        total = add_matrices(total, term)
    return total if total is not None else sympy.ZeroMatrix(*X.shape)


def logs_of_products(s):
    r"""``\log \prod_i f_i`` as ``\sum_i \log f_i``, for differentiating only: wherever the
    product is not 0 the two differ by a constant (0, or a multiple of 2 pi i where factors are
    negative), so their derivatives agree, ``\sum_i f_i' / f_i``; the value of the rewritten
    expression is never used. The log-likelihood of independent samples is written so."""
    if not s.has(sympy.Product):
        return s
    return s.replace(
        lambda x: isinstance(x, sympy.log) and isinstance(x.args[0], sympy.Product),
        lambda x: sympy.Sum(sympy.log(x.args[0].function), *x.args[0].limits),
    )


def _bound_ranges(s, X) -> dict:
    """The range of every index a sum in ``s`` binds (``i -> (1, N)``); an index two sums bind
    over different ranges, or a range that depends on ``X``, is refused (the derivative by the
    atom of one term would not know its range)."""
    out: dict = {}
    for node in sympy.preorder_traversal(s):
        if not isinstance(node, (sympy.Sum, MatrixSum)):
            continue
        for var, lo, hi in node.limits:
            if (var in out and out[var] != (lo, hi)) or sympy.Tuple(lo, hi).has(X):
                raise DerivationError(
                    f"the sums over `{var}` run over different ranges (or a range depends on "
                    f"`{X}`): write each with an index of its own"
                )
            out[var] = (lo, hi)
    return out


def _refuse_other_binders(s, atoms, bound: dict, X) -> None:
    """An atom that depends on the index of a product (``\\prod_i \\sigma(w^\\top x_i)``), a
    maximum or another operator than a sum: its derivative is not taken term by term here (taken
    as one symbol for every term, it was wrong, and it grew without end); refused by name."""
    others = {
        lim[0]
        for node in sympy.preorder_traversal(s)
        if hasattr(node, "limits") and not isinstance(node, (sympy.Sum, MatrixSum))
        for lim in node.limits
    } - set(bound)
    for atom in atoms:
        inside = sorted(atom.free_symbols & others, key=str)
        if inside:
            raise DerivationError(
                f"`{atom}` depends on `{inside[0]}`, the index of a product (or a maximum) "
                f"around it: derivax takes the gradient by `{X}` through sums only; write the "
                f"logarithm of the product as a sum"
            )


def _bounds_of(atom, bound: dict) -> list:
    """The summation indices an atom of a term depends on (``i`` of ``w^T x_i``; ``i, j`` of
    ``p^T (q_i - q_j)``), in a fixed order."""
    return sorted(atom.free_symbols & bound.keys(), key=str)


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
        if isinstance(M, F.MatrixExp):
            # d tr e^A = tr(e^A dA) (the trace's cyclic property; NOTEARS's h(W) = tr e^{W o W}
            # - d): the adjoint of A is (e^A)^T, with no Frechet derivative of e^A itself
            return backprop(M.args[0], M.T, X)
        if isinstance(M, sympy.MatPow) and not M.exp.has(X) and not M.exp.is_Integer:
            # d tr B^m = m tr(B^{m-1} dB), for a power m that is no number (DAG-GNN's
            # tr (I + A o A / m)^m)
            return backprop(M.base, M.exp * sympy.MatPow(M.base, M.exp - 1).T, X)
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
    if isinstance(M, Member):
        # row k of Z is Z^T e_k, column k is Z e_k (e_k the k-th column of the identity): the
        # adjoint G of the member reaches Z as e_k G^T, or G e_k^T
        rows, cols = M.parent.shape
        unit = Member(sympy.Identity(rows if M.axis == 0 else cols), M.index, 1, "e_{#}")
        return backprop(M.parent, unit * G.T if M.axis == 0 else G * unit.T, X)
    if isinstance(M, sympy.MatrixBase):
        return _backprop_explicit(M, G, X)
    raise DerivationError(
        f"derivax cannot yet differentiate `{type(M).__name__}` in matrix form (in `{M}`)"
    )


def _backprop_explicit(M: sympy.MatrixBase, G: MatrixExpr, X) -> Matrix:
    """An explicit matrix of scalar entries (the cross product's ``[a]_\\times b``): the adjoint
    reaching X, entry by entry, sum_ij G_ij d M_ij / d X_pq. Side condition: X has a literal
    shape (its entries are differentiated one by one); otherwise refused."""
    rows, cols = X.shape
    if not (sympy.Integer(rows).is_Integer and sympy.Integer(cols).is_Integer):
        raise DerivationError(
            f"derivax differentiates an explicit matrix only with respect to an array of literal "
            f"size (in `{M}`, `{X}` is {rows} x {cols})"
        )
    return sympy.ImmutableMatrix(
        int(rows),
        int(cols),
        lambda p, q: sympy.Add(
            *[
                G[i, j] * sympy.diff(M[i, j], X[p, q])
                for i in range(M.rows)
                for j in range(M.cols)
                if M[i, j].has(X)
            ]
        ),
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
