"""Indicators of comparisons of real quantities read as steps, which stay inside the sums they
are written in."""

from __future__ import annotations

import sympy

from ..symbols import SymbolTable


def step(condition: sympy.Basic) -> sympy.Basic | None:
    r"""``1[a >= b]`` of real quantities as the step ``H(a - b)`` with ``H(0) = 1`` (``H(0) = 0``
    for a strict ``>``; ``<``, ``<=`` mirrored). A Piecewise inside a sum inside another sum is
    lifted out of its sum by SymPy's ``piecewise_fold`` (Cox's risk set
    ``\sum_i \log \sum_j 1[t_j \ge t_i] e^{x_j}`` became a Piecewise over the free ``j``, and
    ``zoo``); a step stays where it is written. Side condition: both sides real and not both
    index-valued; an indicator of indices (``1[j \le i]``) stays a Piecewise, which the sum rules
    turn into a range. None when the condition is no such comparison."""
    if not isinstance(condition, (sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt)):
        return None
    a, b = condition.args
    if not all(isinstance(x, sympy.Expr) and x.is_real for x in (a, b)):
        return None
    if all(x.is_integer and x.atoms(sympy.Indexed) == set() for x in (a, b)):
        return None  # indices and integers: left to the sum rules
    strict = isinstance(condition, (sympy.Gt, sympy.Lt))
    high, low = (a, b) if isinstance(condition, (sympy.Ge, sympy.Gt)) else (b, a)
    return sympy.Heaviside(high - low, 0 if strict else 1)


def indicator(condition: sympy.Basic, table: SymbolTable) -> sympy.Basic | None:
    r"""1 where ``condition`` holds, else 0, as functions that stay inside the sum they are
    written in: a Kronecker delta for an equality of indices (``1_{i=j}`` is ``\delta_{ij}``, so
    sums over it collapse) or of class labels (``1[c_i = l]``, which a sum over i does not
    collapse), steps between real quantities, a product of them for ``a < x < b``. None for any
    other condition: a Piecewise, which SymPy's ``piecewise_fold`` lifts out of an inner sum
    when the condition holds an outer sum's index (the ratio cut's ``1[c_i = l]`` left ``i``
    outside its sum)."""
    if isinstance(condition, sympy.And):
        factors = [_factor(c, table) for c in condition.args]
        if any(f is None for f in factors):
            return None
        return sympy.Mul(*factors)
    return _factor(condition, table)


def _factor(condition: sympy.Basic, table: SymbolTable) -> sympy.Basic | None:
    if not isinstance(condition, (sympy.Eq, sympy.Ne)):
        return step(condition)
    a, b = condition.args
    if all(_index_valued(x, table) or _whole_entry(x, table) for x in (a, b)):
        equal = sympy.KroneckerDelta(a, b)
    elif all(isinstance(x, sympy.Expr) and x.is_real for x in (a, b)):
        # a = b of real quantities: a >= b and b >= a, two steps (1 at 0)
        equal = sympy.Heaviside(a - b, 1) * sympy.Heaviside(b - a, 1)
    else:
        return None
    return equal if isinstance(condition, sympy.Eq) else 1 - equal


def _whole_entry(e: sympy.Basic, table: SymbolTable) -> bool:
    """A declared class label (``y`` of ``y: label[k]``), or an entry of declared labels
    (``c_i`` of ``c: labels[n, k]``) or of a vector of integers: a whole number whose equality
    with an index is a Kronecker delta that a sum over the entry's own index leaves alone."""
    if not isinstance(e, (sympy.Symbol, sympy.Indexed)) or e.is_integer is not True:
        return False
    key = table.resolve(str(e.base if isinstance(e, sympy.Indexed) else e))
    return key is not None and (bool(table[key].classes) or isinstance(e, sympy.Indexed))


def _index_valued(e: sympy.Basic, table: SymbolTable) -> bool:
    """An integer, or a polynomial with integer coefficients in declared indices (``i``,
    ``j + 1``)."""
    if not isinstance(e, sympy.Expr):
        return False
    symbols = e.free_symbols
    if not symbols:
        return bool(e.is_Integer)
    for s in symbols:
        key = table.resolve(str(s))
        if key is None or table[key].kind != "index":
            return False
    if not e.is_polynomial(*symbols):
        return False
    return all(c.is_Integer for c in sympy.Poly(e, *symbols).coeffs())
