r"""Gradients, Hessians and Jacobians written out at a point for the high-precision evaluator
(``_precise``): the function with its variable an explicit matrix of symbols, differentiated
entry by entry (exactly, ``_exact_diff``), then the variable's value entered."""

from __future__ import annotations

import sympy

from .. import _functions as F
from ._exact_diff import derivatives_at, split_logs
from ._precise import NotEvaluable, Point, _explicit, _matrix_value, at, concrete


def gradient_at(g, point: Point):
    """``\\nabla_X f`` written out: f with X an explicit matrix of symbols, differentiated entry by
    entry, then X's value entered."""
    expr, X = g.args
    if not isinstance(X, sympy.MatrixSymbol):
        raise NotEvaluable("a gradient with respect to an expression")
    rows, cols = int(X.shape[0]), int(X.shape[1])
    syms, written = _in_symbols(expr, X, rows, cols, point)
    f = _scalar(written, "the gradient of a non-scalar")
    value = _matrix_value(X, point)
    entries = derivatives_at(f, list(syms), list(value), [(k,) for k in range(rows * cols)])
    return sympy.ImmutableMatrix(rows, cols, entries)


def _in_symbols(expr, X: sympy.MatrixSymbol, rows: int, cols: int, point: Point):
    """``(the explicit matrix of symbols standing for X, expr written in them)``: the gradients
    by X inside written in the symbols too, everything else at the point."""
    syms = sympy.ImmutableMatrix(
        rows, cols, [sympy.Dummy(f"x{k}", real=True) for k in range(rows * cols)]
    )
    expr = _gradients_in_symbols(expr, X, syms, point)
    return syms, concrete(_by_symbols(expr, X, syms, point), point).doit()


def _scalar(f, why: str):
    """``f`` as a scalar (a 1 x 1 matrix is its entry), or ``NotEvaluable(why)``."""
    if isinstance(f, sympy.MatrixBase):
        if f.shape != (1, 1):
            raise NotEvaluable(why)
        return f[0, 0]
    return f


def _vector_size(x, point: Point, what: str) -> int:
    """The length of the vector ``x`` at the point, or ``NotEvaluable`` naming ``what``."""
    if not isinstance(x, sympy.MatrixSymbol) or int(at(x.shape[1], point)) != 1:
        raise NotEvaluable(f"{what} with respect to something other than a vector")
    return int(at(x.shape[0], point))


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
    n = _vector_size(x, point, "a Hessian")
    syms, written = _in_symbols(expr, x, n, 1, point)
    f = _scalar(written, "the Hessian of a non-scalar")
    pairs = [(a, b) for a in range(n) for b in range(n)]
    return sympy.ImmutableMatrix(
        n, n, derivatives_at(f, list(syms), list(_matrix_value(x, point)), pairs)
    )


def jacobian_at(j, point: Point):
    """The Jacobian of a vector y by a vector x written out: y with x an explicit vector of
    symbols, each entry differentiated by each of x's entries (exactly, never through the
    symbolic Jacobian), then x's value entered. Entry (i, j) is the derivative of y_i by x_j."""
    expr, x = j.args
    n = _vector_size(x, point, "a Jacobian")
    syms, y = _in_symbols(expr, x, n, 1, point)
    if not isinstance(y, sympy.MatrixBase) or y.shape[1] != 1:
        raise NotEvaluable("the Jacobian of something other than a vector")
    values = list(_matrix_value(x, point))
    columns = [(k,) for k in range(n)]
    return sympy.ImmutableMatrix(
        [derivatives_at(y[i, 0], list(syms), values, columns) for i in range(y.rows)]
    )


def _gradients_in_symbols(expr, x: sympy.MatrixSymbol, syms, point: Point):
    """Each gradient by ``x`` inside ``expr`` (the Jacobian of a gradient: the Hessian written
    ``\\frac{\\partial g^\\top}{\\partial x}`` with ``g = \\nabla_x f``) as the column of the
    derivatives of its function by x's symbols, so that it still depends on them: written out at
    the point it would be a constant."""

    def written(g):
        f = _scalar(
            concrete(_by_symbols(g.args[0], x, syms, point), point).doit(),
            "the gradient of a non-scalar",
        )
        f = split_logs(f)
        return sympy.ImmutableMatrix(syms.rows, syms.cols, [sympy.diff(f, s) for s in syms])

    expr = expr.replace(lambda g: isinstance(g, F.Gradient) and g.args[1] == x, written)
    if any(d.args[0].has(x) for d in expr.atoms(*F.DERIVATIVE_NODES)):
        # a derivative by another variable (or of another order) that depends on x: written
        # out at the point it would be a constant in x
        raise NotEvaluable(f"a derivative inside a derivative by `{x}` that also depends on it")
    return expr


# how each unevaluated derivative of an array is written out at a point
WRITE_OUT = {F.Gradient: gradient_at, F.Hessian: hessian_at, F.Jacobian: jacobian_at}
