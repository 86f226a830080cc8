r"""An index bound by a sum and also written free outside it: ``Y_{ij} = X_{ij} / (\sum_j
X_{ij}^2)^{1/2}`` (a row normalized by its own length). TeX and the field read the ``j`` under
the sum as the sum's own, apart from the free ``j`` of the entry; the sum's index is renamed
apart (``j'``), so that every later stage (compile's axes, the evaluators, derivatives) meets
one meaning per letter. A term written beside the sum with the same letter is refused before
this (``check_sum_scope``), since there two readings differ."""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy.concrete.expr_with_limits import ExprWithLimits

from .. import _functions as F
from ._constructs._limits import symbols_outside


def bound_apart(expr: sympy.Basic, note: Callable[[str], None]) -> sympy.Basic:
    """``expr`` with each sum, product, maximum or minimum whose index is also free outside it
    given an index of its own (the letter primed until unused), with a rule listed."""
    operators = [
        node
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, ExprWithLimits)
        and not isinstance(node, (sympy.Integral, F.OrderStatistic))
    ]
    renamed: dict[sympy.Basic, sympy.Basic] = {}
    taken = {s.name for s in expr.atoms(sympy.Symbol)}
    free = expr.free_symbols
    for node in operators:
        if any(node in r.atoms(ExprWithLimits) for r in renamed):
            continue  # inside an operator renamed already: its own letters were handled there
        outside = symbols_outside(expr, node)
        new = {}
        for var, *_ in node.limits:
            # free somewhere (an index bound by two operators side by side is no clash)
            if var in outside and var in free and isinstance(var, sympy.Symbol):
                name = var.name + "'"
                while name in taken:
                    name += "'"
                taken.add(name)
                new[var] = sympy.Symbol(name, **var.assumptions0)
                note(
                    f"`{var}` under the operator is its own index, apart from the `{var}` written "
                    f"outside it; it prints as `{name}`"
                )
        if new:
            renamed[node] = node.xreplace(new)
    return expr.xreplace(renamed) if renamed else expr
