"""vec and the commutation matrix: the two matrices a Hessian with respect to a matrix is written
with.

The Hessian of a scalar ``f`` with respect to an m x n matrix ``X`` is the mn x mn matrix ``H``
with ``d vec(grad f) = H vec(dX)``, where ``vec`` stacks the columns (the convention of Magnus
and Neudecker). Three identities turn a differential into that form:

- ``vec(A Y B) = (B^T (x) A) vec(Y)`` (a Kronecker product, SymPy's ``KroneckerProduct``);
- ``vec(Y^T) = K_{p,q} vec(Y)`` for a p x q matrix ``Y`` (``Commutation``);
- ``tr(A^T Y) = vec(A)^T vec(Y)`` and ``vec(U (.) Y) = diag(vec U) vec(Y)``.
"""

from __future__ import annotations

import sympy
from sympy.core.sympify import _sympify
from sympy.matrices.expressions.matexpr import MatrixExpr


class Vec(MatrixExpr):
    """``vec(M)``: the columns of a p x q matrix stacked into one pq x 1 column."""

    def __new__(cls, arg):
        arg = _sympify(arg)
        if not isinstance(arg, MatrixExpr | sympy.MatrixBase):
            raise TypeError(f"vec takes a matrix, not `{arg}`")
        return sympy.Basic.__new__(cls, arg)

    @property
    def arg(self):
        return self.args[0]

    @property
    def shape(self):
        rows, cols = self.arg.shape
        return (rows * cols, sympy.S.One)

    def doit(self, **hints):
        arg = self.arg.doit(**hints) if hints.get("deep", True) else self.arg
        if isinstance(arg, sympy.MatrixBase):
            return sympy.ImmutableMatrix(arg.T.reshape(arg.rows * arg.cols, 1))
        if arg.shape[1] == 1:  # a column is its own vec
            return arg
        return Vec(arg)

    def _entry(self, i, j, **kwargs):
        rows = self.arg.shape[0]
        return self.arg[i % rows, i // rows]

    def _latex(self, printer, exp=None):
        out = rf"\operatorname{{vec}}\left({printer._print(self.arg)}\right)"
        return out if exp is None else rf"{out}^{{{exp}}}"

    def _sympystr(self, printer):
        return f"vec({printer._print(self.arg)})"


class Commutation(MatrixExpr):
    """``K_{p,q}``: the pq x pq permutation with ``K_{p,q} vec(Y) = vec(Y^T)`` for a p x q ``Y``."""

    def __new__(cls, p, q):
        return sympy.Basic.__new__(cls, _sympify(p), _sympify(q))

    @property
    def shape(self):
        p, q = self.args
        return (p * q, p * q)

    def _entry(self, i, j, **kwargs):
        # row j' + i' q of vec(Y^T) is Y[i', j'], which is row i' + j' p of vec(Y)
        p, q = self.args
        return sympy.KroneckerDelta(j, (i // q) + (i % q) * p)

    def doit(self, **hints):
        p, q = self.args
        if p.is_Integer and q.is_Integer:
            perm = commutation_permutation(int(p), int(q))
            return sympy.ImmutableMatrix(
                len(perm), len(perm), lambda r, c: 1 if c == perm[r] else 0
            )
        if p == 1 or q == 1:  # the vec of a row or a column is its transpose's
            return sympy.Identity(p * q)
        return self

    def _eval_transpose(self):
        p, q = self.args
        return Commutation(q, p)

    def _eval_inverse(self):
        p, q = self.args
        return Commutation(q, p)

    def _latex(self, printer, exp=None):
        p, q = (printer._print(a) for a in self.args)
        name = getattr(printer, "commutation_name", "K")
        out = rf"{name}_{{{p},{q}}}"
        return out if exp is None else rf"{out}^{{{exp}}}"

    def _sympystr(self, printer):
        p, q = (printer._print(a) for a in self.args)
        return f"K[{p},{q}]"


def commutation_permutation(p: int, q: int) -> list[int]:
    """For row ``r`` of ``K_{p,q}``, the column holding its 1 (``K = I[perm]``)."""
    return [(r // q) + (r % q) * p for r in range(p * q)]


def vec_layout(derivative, out_shape, in_shape):
    """A derivative in ``jax.jacfwd``'s layout (the output's axes, then the input's) as the
    matrix of the vec convention: row ``i + j p`` for output entry ``(i, j)`` of a p x q output,
    column ``k + l m`` for input entry ``(k, l)`` of an m x n input. A vector is one column."""
    import numpy as np

    p, q = (*out_shape, 1, 1)[:2]
    m, n = (*in_shape, 1, 1)[:2]
    h = np.asarray(derivative).reshape(p, q, m, n)
    return h.transpose(1, 0, 3, 2).reshape(q * p, n * m)
