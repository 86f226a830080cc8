"""Hessians: the Jacobian of the gradient, in matrix form (forward-mode differential of the
gradient) or in index notation (``d^2 f / d w_k d w_l``, free indices k and l), checked against
``jax.hessian``."""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._errors import DerivationError
from ..symbols import SymbolTable
from . import _matrix
from ._core import Derivation, Step, _latex, _refusing, _short, _symmetric, derive


def hessian(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> sympy.Basic:
    """The Hessian of a scalar: the Jacobian of its gradient, symmetric, checked against
    ``jax.hessian``. In index notation its entries are ``d^2 f / d w_k d w_l`` (free indices k, l).

    >>> hessian(r"\\frac{1}{2} x^\\top A x", "x", "x: vector[n]; A: spd[n]")
    A
    """
    return second_derivation(expr_or_latex, wrt, symbols, given, check, timeout).result


def second_derivation(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> Derivation:
    """The ``Derivation`` of a Hessian, with the steps of both derivatives."""
    return _refusing(_hessian, expr_or_latex, wrt, symbols, given, check, timeout)


def _hessian(expr_or_latex, wrt, symbols, given, check, timeout) -> Derivation:
    from ..latex import parse

    table = SymbolTable.coerce(symbols)
    expr = parse(expr_or_latex, table) if isinstance(expr_or_latex, str) else expr_or_latex
    if isinstance(expr, MatrixExpr) and expr.shape != (1, 1):
        raise DerivationError(
            f"a Hessian needs a scalar expression; `{_short(expr)}` is a "
            f"{expr.shape[0]} x {expr.shape[1]} matrix (take a Jacobian instead)"
        )
    first = derive(expr, wrt, table, given, check=False, timeout=timeout)
    steps = [*first.steps, Step("the gradient", _latex(first.result))]
    if isinstance(first.wrt, sympy.MatrixSymbol):
        if first.wrt.shape[1] != 1:
            raise DerivationError(
                f"the Hessian with respect to the matrix `{first.wrt}` is a 4-index array; "
                "take it with respect to a vector, or in index notation"
            )
        g = first.result
        if not isinstance(g, MatrixExpr):
            raise DerivationError(
                f"the gradient with respect to `{first.wrt}` did not come out in matrix form"
            )
        J = _symmetric(_matrix.tidy(_matrix.jacobian(g, first.wrt)), table)
        steps.append(Step("Jacobian of the gradient (forward-mode differential)", _latex(J)))
        d = Derivation(first.expression, first.wrt, J, steps)
        kind = "hessian"
    elif first.index is not None and isinstance(first.wrt, sympy.IndexedBase):
        k = first.index
        second = derive(first.result, first.wrt, table, (), check=False, timeout=timeout)
        k2 = second.index
        steps.extend(s for s in second.steps[1:])
        d = Derivation(
            first.expression, first.wrt, second.result, steps, index=k2, output_indices=(k, k2)
        )
        kind = "hessian-index"
    elif isinstance(first.wrt, sympy.Symbol):
        second = derive(first.result, first.wrt, table, (), check=False, timeout=timeout)
        steps.extend(second.steps[1:])
        d = Derivation(
            first.expression, first.wrt, second.result, steps, output_indices=first.output_indices
        )
        kind = "scalar-second"
    elif isinstance(first.wrt, sympy.Indexed) and len(first.wrt.indices) == 2:
        raise DerivationError(
            f"the Hessian with respect to the matrix `{first.wrt.base}` is a 4-index array; "
            "take it with respect to a vector, or one entry at a time"
        )
    else:
        raise DerivationError(
            f"derivax takes Hessians with respect to a scalar or a vector; `{wrt}` is neither"
        )
    if check:
        from ._check import cross_check

        d.checked = cross_check(d, table, kind)
        steps.append(Step("numeric cross-check against jax.hessian", d.checked))
    else:
        d.checked = "not cross-checked (check=False)"
    return d
