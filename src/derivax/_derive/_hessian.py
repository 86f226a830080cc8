"""Hessians: the Jacobian of the gradient, in matrix form (forward-mode differential of the
gradient) or in index notation (``d^2 f / d w_k d w_l``, free indices k and l), checked against
``jax.hessian``."""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .._errors import DerivationError
from ..symbols import SymbolTable, plain
from ._core import _derive_matrix, _matrix_rewrites, _refusing, _symmetric, derive
from ._derivation import Derivation, Step, _short, read_input
from ._textbook import drop_deltas
from ._variable import _fresh_index
from ._vec_form import vec_jacobian


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
    With respect to an m x n matrix ``X`` it is the mn x mn matrix ``H`` with
    ``d vec(grad f) = H vec(dX)`` (``vec`` stacks the columns), written with Kronecker products
    and the commutation matrix; in index notation, ``d^2 f / d X_kl d X_qr``.

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
    expr, table = read_input(expr_or_latex, symbols)
    if isinstance(expr, MatrixExpr) and expr.shape != (1, 1):
        raise DerivationError(
            f"a Hessian needs a scalar expression; `{_short(expr)}` is a "
            f"{expr.shape[0]} x {expr.shape[1]} matrix (take a Jacobian instead)"
        )
    first = derive(expr, wrt, table, given, check=False, timeout=timeout)
    steps = [*first.steps, Step("the gradient", first.result)]
    if isinstance(first.wrt, sympy.MatrixSymbol) and first.wrt.shape[1] != 1:
        d = _matrix_hessian(first, table, steps, timeout)
        kind = "hessian-matrix"
    elif isinstance(first.wrt, sympy.MatrixSymbol):
        g = first.result
        if not isinstance(g, MatrixExpr):
            raise DerivationError(
                f"the gradient with respect to `{first.wrt}` did not come out in matrix form"
            )
        J = _symmetric(_algebra.tidy(_algebra.jacobian(g, first.wrt)), table)
        steps.append(Step("Jacobian of the gradient (forward-mode differential)", J))
        J = drop_deltas(J, steps)
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
        d = _entry_hessian(first, table, steps, timeout)
        kind = "hessian-entry"
    else:
        raise DerivationError(
            f"derivax takes Hessians with respect to a scalar, a vector or a matrix; `{wrt}` is "
            "none of them"
        )
    d.kind, d.table = kind, table
    if check:
        from ._check import cross_check

        d.checked = cross_check(d, table, kind)
        steps.append(Step("numeric cross-check against jax.hessian", d.checked))
    else:
        d.checked = "not cross-checked (check=False)"
    return d


def _matrix_hessian(first: Derivation, table: SymbolTable, steps: list, timeout: float):
    """``H`` with ``d vec(G) = H vec(dX)``, ``G`` the gradient: the entries of ``X`` are
    independent variables, as ``jax.hessian`` takes them."""
    X = first.wrt
    G = first.result
    if not isinstance(G, MatrixExpr):
        raise DerivationError(f"the gradient with respect to `{X}` did not come out in matrix form")
    if any(
        table.resolve(M.name) and table[M.name].kind in ("spd", "symmetric")
        for M in first.expression.atoms(sympy.MatrixSymbol)
    ):
        # the gradient was written with S^T = S for a declared-symmetric S; that holds at
        # symmetric points only, and its differential must not assume it
        G = _derive_matrix(_matrix_rewrites(first.expression, []), X, [], timeout)
    m = X.shape[0]
    H = vec_jacobian(G, X)
    steps.append(
        Step(
            f"Hessian in the vec convention: d vec(grad f) = H vec(d{plain(X.name)}), vec "
            f"stacking the columns; row and column i + (j-1) {plain(str(m))} stand for the entry "
            f"(i, j) of {plain(X.name)}",
            H,
        )
    )
    H2 = _symmetric(H, table)
    if H2 != H:
        steps.append(Step("use the symmetry of the declared matrices", H2))
    H2 = drop_deltas(H2, steps)
    return Derivation(first.expression, X, H2, steps)


def _entry_hessian(first: Derivation, table: SymbolTable, steps: list, timeout: float):
    """``d^2 f / d X_kl d X_qr`` in index notation: four free indices."""
    entry = first.wrt
    base = entry.base
    k, l_ = entry.indices
    q = _fresh_index(first.result, table, avoid=(k, l_))
    r = _fresh_index(first.result, table, avoid=(k, l_, q))
    second = derive(first.result, base[q, r], table, (), check=False, timeout=timeout)
    steps.extend(second.steps[1:])
    q2, r2 = second.wrt.indices
    return Derivation(first.expression, base, second.result, steps, output_indices=(k, l_, q2, r2))
