"""The shapes of the two sides of a matrix equation: where they differ, the claim has no value."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr


def shapes_differ(rel):
    """``(sizes, left shape, right shape, where they agree or None)`` when the two sides of a
    matrix equation have shapes that differ at some sizes (``\nabla_X (a^\top X b)`` is m x n, ``b a^\top`` is n x m), else
    ``None``. Sizes are tried distinct first (2, 3, 4, ...), then every small assignment, so a
    shape that agrees only where m = n is still caught at m != n; a scalar against a 1 x 1 matrix
    and a 0 written for a zero matrix are no mismatch."""
    import itertools

    # a sum of matrices (\sum_i a_i x_i) has the shape of its terms
    lhs, rhs = (
        side.function
        if isinstance(side, sympy.Sum) and isinstance(side.function, MatrixExpr)
        else side
        for side in (rel.lhs, rel.rhs)
    )
    if not (isinstance(lhs, MatrixExpr) and isinstance(rhs, MatrixExpr)):
        return None
    if lhs.shape == rhs.shape:
        return None

    def size(x):
        return x if isinstance(x, sympy.Basic) else sympy.Integer(int(x))

    dims = sorted({d for x in (*lhs.shape, *rhs.shape) for d in size(x).free_symbols}, key=str)
    found, agree = None, None
    for values in itertools.chain(
        [tuple(range(2, 2 + len(dims)))], itertools.product(range(1, 4), repeat=len(dims))
    ):
        at = {d: sympy.Integer(v) for d, v in zip(dims, values, strict=True)}
        left = tuple(size(x).xreplace(at) for x in lhs.shape)
        right = tuple(size(x).xreplace(at) for x in rhs.shape)
        if not all(v.is_Integer for v in (*left, *right)):
            continue
        if left != right and found is None:
            sizes = {str(d): int(v) for d, v in at.items()}
            found = sizes, " x ".join(map(str, left)), " x ".join(map(str, right))
        if left == right and agree is None:
            pairs = {
                tuple(sorted((str(a), str(b))))
                for a, b in zip(lhs.shape, rhs.shape, strict=True)
                if size(a) != size(b)
            }
            agree = " and ".join(f"{a} = {b}" for a, b in sorted(pairs))
    return None if found is None else (*found, agree)
