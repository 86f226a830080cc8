"""The softmax written out in index notation, ``softmax(z)_k = e^{z_k} / sum_j e^{z_j}``, so that
derivation and verification can differentiate and compare it."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F


def expand_softmax(e: sympy.Basic) -> sympy.Basic:
    """``softmax(z)_k`` -> ``e^{z_k} / sum_j e^{z_j}`` so that it can be differentiated."""

    def rule(ix):
        label = ix.base.label
        if isinstance(label, F.softmax) and len(ix.indices) == 1:
            z = label.args[0]
            j = sympy.Dummy("j", integer=True)
            (k,) = ix.indices
            zk, zj = _entry_of(z, k), _entry_of(z, j)
            if (zk is None or zj is None) and isinstance(z, MatrixExpr) and z.shape[1] == 1:
                # softmax(W x)_y: the entries of the product, written out by entries_written_out
                whole = sympy.IndexedBase(z, shape=(z.shape[0],))
                zk, zj = whole[k], whole[j]
            if zk is None or zj is None:
                return ix
            return sympy.exp(zk) / sympy.Sum(sympy.exp(zj), (j, 1, z.shape[0]))
        return ix

    return e.replace(lambda x: isinstance(x, sympy.Indexed), rule)


def _entry_of(z, k):
    """Entry ``k`` (1-based) of a column written in matrix form, in index notation: ``z / T``
    -> ``z_k / T``; None where the column is no such combination of vectors."""
    if isinstance(z, sympy.IndexedBase):
        return z[k]
    if isinstance(z, sympy.MatrixSymbol) and z.shape[1] == 1:
        return sympy.IndexedBase(z.name, shape=(z.shape[0],), real=True)[k]
    if isinstance(z, sympy.MatAdd):
        parts = [_entry_of(a, k) for a in z.args]
        return None if any(p is None for p in parts) else sympy.Add(*parts)
    if isinstance(z, sympy.MatMul):
        scalars = [a for a in z.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in z.args if isinstance(a, MatrixExpr)]
        if len(mats) == 1 and not any(a.free_symbols & {k} for a in scalars):
            inner = _entry_of(mats[0], k)
            return None if inner is None else sympy.Mul(*scalars) * inner
    return None
