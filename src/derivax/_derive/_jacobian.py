"""Jacobians: ``df = J dx`` in matrix form (the vec convention with respect to a matrix), or
entry by entry in index form; each cross-checked against ``jax.jacfwd``."""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .._errors import DerivationError
from ..symbols import plain
from . import _forward
from ._core import _refusing, _symmetric, derive
from ._derivation import Derivation, Step, read_input
from ._variable import _variable, read_given, read_variable, substitute_given


def jacobian(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> sympy.Basic:
    """The Jacobian of a vector-valued expression: in index form ``d f_k / d x_j`` (free indices
    k and j), or in matrix form ``J`` with ``df = J dx``.

    >>> jacobian(r"W x + b", "x", "W: matrix[m, n]; x: vector[n]; b: vector[m]")
    W
    """
    return jacobian_derivation(expr_or_latex, wrt, symbols, given, check, timeout).result


def jacobian_derivation(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> Derivation:
    """The Jacobian with its steps and cross-check, as ``derive`` gives a gradient's."""
    return _refusing(_jacobian, expr_or_latex, wrt, symbols, given, check, timeout)


def _jacobian(expr_or_latex, wrt, symbols, given, check, timeout) -> Derivation:
    expr, table = read_input(expr_or_latex, symbols)
    if (isinstance(expr, sympy.Equality) and isinstance(expr.rhs, MatrixExpr)) or isinstance(
        expr, MatrixExpr
    ):
        F_ = expr.rhs if isinstance(expr, sympy.Equality) else expr
        steps: list[Step] = []
        F_ = substitute_given(F_, read_given(given, table), steps)
        kind, var = _variable(F_, wrt, table, read_variable(wrt, table))
        if kind not in ("matrix", "scalar"):
            raise DerivationError(
                f"`{wrt}` must be a vector in matrix notation for a matrix-form Jacobian"
            )
        check_kind = "jacobian"
        if kind == "scalar":
            J = _algebra.tidy(_forward.scalar_derivative(F_, var))
            steps.append(Step("forward-mode differential dF = J dx", J))
        elif F_.shape[1] == 1 and var.shape[1] == 1:
            J = _algebra.tidy(_algebra.jacobian(F_, var))
            steps.append(Step("forward-mode differential dF = J dx", J))
        else:
            from ._vec_form import vec_jacobian

            J = _symmetric(vec_jacobian(F_, var), table)
            steps.append(Step(_VEC_CONVENTION.format(X=plain(var.name)), J))
            check_kind = "jacobian-vec"
        d = Derivation(F_, var, J, steps, kind=check_kind, table=table)
        if check:
            from ._check import cross_check

            d.checked = cross_check(d, table, check_kind)
            steps.append(Step("numeric cross-check against jax.jacfwd", d.checked))
        else:
            d.checked = "not cross-checked (check=False)"
        return d
    return derive(expr, wrt, table, given, check, timeout)


_VEC_CONVENTION = (
    "the vec convention: d vec(F) = J vec(d{X}), vec stacking the columns (entry (i, j) of an "
    "m-row matrix is row i + (j-1) m)"
)
