"""Indicators of comparisons of real quantities read as steps, which stay inside the sums they
are written in."""

from __future__ import annotations

import sympy


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
