r"""Gradients and Hessians written out at a point for the high-precision evaluator
(``_precise``): the function with its variable an explicit matrix of symbols, differentiated
entry by entry (exactly, ``_exact_diff``), then the variable's value entered."""

from __future__ import annotations

import sympy

from ._exact_diff import derivatives_at
from ._precise import NotEvaluable, Point, _explicit, _matrix_value, at, concrete


def gradient_at(g, point: Point):
    """``\\nabla_X f`` written out: f with X an explicit matrix of symbols, differentiated entry by
    entry, then X's value entered."""
    expr, X = g.args
    if not isinstance(X, sympy.MatrixSymbol):
        raise NotEvaluable("a gradient with respect to an expression")
    rows, cols = int(X.shape[0]), int(X.shape[1])
    syms = sympy.ImmutableMatrix(
        rows, cols, [sympy.Dummy(f"g{k}", real=True) for k in range(rows * cols)]
    )
    f = concrete(_by_symbols(expr, X, syms, point), point).doit()
    if isinstance(f, sympy.MatrixBase):
        if f.shape != (1, 1):
            raise NotEvaluable("the gradient of a non-scalar")
        f = f[0, 0]
    value = _matrix_value(X, point)
    entries = derivatives_at(f, list(syms), list(value), [(k,) for k in range(rows * cols)])
    return sympy.ImmutableMatrix(rows, cols, entries)


def _by_symbols(expr, X: sympy.MatrixSymbol, syms, point: Point):
    """``expr`` with the array ``X`` replaced by the explicit matrix ``syms``, its entries
    ``X_{i}`` (``X_{ij}``) too: a definition ``f(x) = \\sum_i x_i^3`` holds ``x`` by its entries,
    which would otherwise take the point's values and differentiate to 0."""
    e = _explicit(expr, point)  # sums written out: every entry has whole-number indices

    def entry(ix):
        idx = [int(i) - 1 for i in ix.indices] + ([0] if len(ix.indices) == 1 else [])
        if not (0 <= idx[0] < syms.rows and 0 <= idx[1] < syms.cols):
            raise NotEvaluable(f"the entry {ix} is out of range")
        return syms[idx[0], idx[1]]

    e = e.replace(
        lambda x: (
            isinstance(x, sympy.Indexed)
            and str(x.base.label) == X.name
            and all(i.is_Integer for i in x.indices)
        ),
        entry,
    )
    return e.xreplace({X: syms})


def hessian_at(h, point: Point):
    """``\\nabla^2_x f`` written out: f with x an explicit vector of symbols, differentiated twice
    entry by entry (never through the symbolic Hessian), then x's value entered."""
    expr, x = h.args
    if not isinstance(x, sympy.MatrixSymbol) or int(at(x.shape[1], point)) != 1:
        raise NotEvaluable("a Hessian with respect to something other than a vector")
    n = int(at(x.shape[0], point))
    syms = [sympy.Dummy(f"h{k}", real=True) for k in range(n)]
    f = concrete(_by_symbols(expr, x, sympy.ImmutableMatrix(n, 1, syms), point), point).doit()
    if isinstance(f, sympy.MatrixBase):
        if f.shape != (1, 1):
            raise NotEvaluable("the Hessian of a non-scalar")
        f = f[0, 0]
    pairs = [(a, b) for a in range(n) for b in range(n)]
    return sympy.ImmutableMatrix(
        n, n, derivatives_at(f, syms, list(_matrix_value(x, point)), pairs)
    )
