"""What evaluating a claim at a point costs: bounded work runs in the calling process, the rest in
the budgeted worker."""

from __future__ import annotations

import sympy

from .. import _functions as F


def _cheap_functions() -> tuple:
    return (
        sympy.exp,
        sympy.log,
        sympy.Abs,
        sympy.sign,
        sympy.Max,
        sympy.Min,
        sympy.sin,
        sympy.cos,
        sympy.tan,
        sympy.sinh,
        sympy.cosh,
        sympy.tanh,
        sympy.Heaviside,
        sympy.KroneckerDelta,
        sympy.Piecewise,
        F.sigmoid,
        F.relu,
        F.Abs,
    )


_CHEAP_FUNCTIONS = _cheap_functions()


def cheap_at_a_point(e) -> bool:
    """Whether evaluating ``e`` at a point is bounded work for SymPy/mpmath. Only the functions
    listed are (elementary ones of arguments up to 10^4, by ``_precise.value``'s own guard);
    any other (polygamma at 10^17 ran for minutes), an integral, a product, a factorial and a
    power with a large or symbolic exponent runs in the budgeted worker instead."""
    from sympy.core.function import AppliedUndef

    for f in e.atoms(sympy.Function):
        if not isinstance(f, (*_CHEAP_FUNCTIONS, AppliedUndef)):
            return False
    if e.has(sympy.Integral, sympy.Product, sympy.Limit):
        return False
    for p in e.atoms(sympy.Pow):
        if not p.exp.is_number or abs(p.exp) > 64:
            return False
    return True
