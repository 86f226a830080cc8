"""Rewrites before matrix calculus: the matrix determinant lemma, and sums over the entries of
a column written in matrix form."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .._algebra import from_scalar
from .._errors import DerivationError


def _outer_terms(M):
    """``[(u, v), ...]`` when ``M`` is a sum of outer products ``u v^T`` of columns (with scalars)."""
    out = []
    for term in M.args if isinstance(M, sympy.MatAdd) else (M,):
        if not isinstance(term, sympy.MatMul):
            return None
        coeff = sympy.Mul(*[a for a in term.args if not isinstance(a, MatrixExpr)])
        mats = [a for a in term.args if isinstance(a, MatrixExpr)]
        if len(mats) < 2:
            return None
        for cut in range(1, len(mats)):
            left, right = sympy.MatMul(*mats[:cut]), sympy.MatMul(*mats[cut:])
            if left.shape[1] == 1 and right.shape[0] == 1:
                out.append((coeff * left if coeff != 1 else left, right.T))
                break
        else:
            return None
    return out


def _scaled_identity(A):
    """``a`` when ``A`` is ``a I`` (a scalar times the identity), else None."""
    if isinstance(A, sympy.Identity):
        return sympy.S.One
    if isinstance(A, sympy.MatMul):
        mats = [x for x in A.args if isinstance(x, MatrixExpr)]
        if len(mats) == 1 and isinstance(mats[0], sympy.Identity):
            return sympy.Mul(*[x for x in A.args if not isinstance(x, MatrixExpr)])
    return None


def determinant_lemma(e):
    """``det(A + u v^T) = det(A) (1 + v^T A^{-1} u)``, and for ``A = a I`` (n x n)
    ``a^{n-1} (a + v^T u)``: the matrix determinant lemma, applied wherever a determinant is of a
    matrix plus one outer product. The scaled-identity form holds for every ``a``, 0 included
    (``det(u v^T) = 0`` for n >= 2, ``= v u`` for n = 1, and ``0^0 = 1``)."""

    def rule(d):
        M = d.arg
        if not isinstance(M, sympy.MatAdd):
            return d
        rest, outer = [], []
        for a in M.args:
            terms = _outer_terms(a)
            if terms is not None and len(terms) == 1 and not outer:
                outer = terms
            else:
                rest.append(a)
        if len(outer) != 1 or not rest:
            return d
        ((u, v),) = outer
        A = sympy.MatAdd(*rest).doit() if len(rest) > 1 else rest[0]
        if isinstance(A, sympy.Identity):
            return 1 + sympy.Trace(v.T * u)
        a = _scaled_identity(A)
        if a is not None:
            return a ** (A.shape[0] - 1) * (a + sympy.Trace(v.T * u))
        return sympy.Determinant(A) * (1 + sympy.Trace(v.T * sympy.Inverse(A) * u))

    return e.replace(lambda x: isinstance(x, sympy.Determinant), rule)


def sums_to_matrix_form(e):
    """``sum_i f((M)_i)`` over the whole column ``M`` -> ``1^T f(M)`` (``\\|\\beta\\|_1`` ->
    ``1^T |\\beta|``), so that matrix calculus differentiates it; sums it cannot write so stay."""

    def rule(s):
        if len(s.limits) != 1:
            return s
        i, lo, hi = s.limits[0]
        entries = [m for m in s.function.atoms(MatrixElement) if m.has(i)]
        if not entries:
            return s
        n = entries[0].parent.shape[0]
        if any(
            m.i != i or m.j != 0 or m.parent.shape != (n, 1) or m.parent.has(i) for m in entries
        ):
            return s
        if lo != 0 or sympy.expand(hi - (n - 1)) != 0:
            return s
        leaves = {m.parent: sympy.Dummy(f"e{k}", real=True) for k, m in enumerate(entries)}
        body = s.function.xreplace({m: leaves[m.parent] for m in entries})
        if body.has(i):
            return s
        try:
            column = from_scalar(body, {v: k for k, v in leaves.items()}, (n, 1))
        except DerivationError:
            return s
        return sympy.Trace(sympy.OneMatrix(1, n) * column)

    return e.replace(lambda x: isinstance(x, sympy.Sum), rule)
