"""The inputs of an expression: the values it needs, and the key each one is looked up by."""

from __future__ import annotations

from typing import TypeAlias

import sympy
from sympy.core.function import AppliedUndef

from .. import _functions as F

Key: TypeAlias = str | sympy.Basic


def key_of(obj: sympy.Basic) -> Key:
    """How an input is looked up: symbols and arrays by name, applications by themselves."""
    if isinstance(obj, (sympy.Symbol, sympy.MatrixSymbol)):
        return obj.name
    if isinstance(obj, sympy.IndexedBase):
        return str(obj.label)
    return obj


def inputs_of(
    expr: sympy.Basic, defined: frozenset[str] | set[str] = frozenset()
) -> dict[Key, sympy.Basic]:
    """The values an expression needs: free scalars, arrays and unspecified-function applications.

    An application of an unspecified function (``P(B \\mid A)``) is one input as a whole, unless
    the function is ``defined`` (then its arguments are what is needed)."""
    found: dict[Key, sympy.Basic] = {}
    bound: set[sympy.Symbol] = set()
    for node in _walk_inputs(expr, defined):
        if isinstance(node, (sympy.Sum, sympy.Product, sympy.Integral)):
            bound |= {lim[0] for lim in node.limits}
        elif isinstance(node, (F.argmax, F.argmin)):
            bound.add(node.args[1])
        elif isinstance(node, sympy.Lambda):
            bound |= set(node.variables)
    for node in _walk_inputs(expr, defined):
        if isinstance(node, sympy.Indexed):
            if isinstance(node.base.label, sympy.Symbol):
                found.setdefault(key_of(node.base), node.base)
        elif isinstance(node, sympy.MatrixSymbol):
            found.setdefault(node.name, node)
        elif isinstance(node, AppliedUndef) and node.func.__name__ not in defined:
            # f(\tau) under an integral over \tau is no single value: it needs a definition
            if not (node.free_symbols & bound):
                found.setdefault(node, node)
        elif isinstance(node, sympy.Symbol) and node not in bound and not node.is_integer:
            found.setdefault(node.name, node)
    return found


def _walk_inputs(expr: sympy.Basic, defined):
    """Pre-order traversal that does not enter applications of unspecified functions."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, AppliedUndef) and node.func.__name__ not in defined:
            continue
        if isinstance(node, sympy.IndexedBase) and isinstance(node.label, sympy.Symbol):
            continue
        stack.extend(reversed(node.args))
