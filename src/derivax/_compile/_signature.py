"""A compiled function's signature: which inputs become arguments, in which order, under which
identifiers, with the sizes of their axes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy
from sympy.core.function import AppliedUndef

from .._errors import CompileError
from ..symbols import SymbolTable, plain
from ._inputs import Key


@dataclass(frozen=True)
class Argument:
    """One argument: the name as written, its identifier, its rank and the sizes of its axes."""

    name: str
    identifier: str
    sizes: tuple[sympy.Expr, ...] = ()
    key: Any = None
    static: bool = False  # a size no argument's shape gives: a Python int, static under jit

    @property
    def rank(self) -> int:
        return len(self.sizes)


def _order(inputs: dict[Key, sympy.Basic], expr: sympy.Basic, table: SymbolTable) -> list[Key]:
    """Declared names in table order, then the rest in order of first appearance."""
    declared = [name for name in table if name in inputs]
    seen: list[Key] = []
    for node in sympy.preorder_traversal(expr):
        for key, obj in inputs.items():
            if obj == node and key not in declared and key not in seen:
                seen.append(key)
    rest = [k for k in inputs if k not in declared and k not in seen]
    return declared + seen + rest


def _identifier_for(key: Key) -> str:
    """A readable identifier: ``P(B \\mid A)`` -> ``P_B_given_A``, ``\\hat{y}`` -> ``y_hat``."""
    from .. import _functions as F

    if isinstance(key, str):
        return plain(key) if "(" not in key else "arg"
    if isinstance(key, AppliedUndef):
        parts = [plain(key.func.__name__)]
        for a in key.args:
            if isinstance(a, F.Given):
                parts += [plain(str(a.args[0])), "given", *(plain(str(c)) for c in a.args[1:])]
            else:
                parts.append(plain(str(a)))
        return "_".join(parts)
    return "arg"


def _display(key: Key) -> str:
    if isinstance(key, str):
        return key
    from ..latex import to_latex

    return to_latex(key)


def _sizes(key: Key, obj: sympy.Basic, table: SymbolTable) -> tuple[sympy.Expr, ...]:
    if isinstance(obj, sympy.MatrixSymbol):
        rows, cols = obj.shape
        d = table[key] if isinstance(key, str) and table.resolve(key) else None
        if cols == 1 and (d is None or d.rank != 2):
            return (rows,)
        return (rows, cols)
    if isinstance(obj, sympy.IndexedBase):
        if obj.shape is None:
            raise CompileError(
                f"the shape of `{key}` is not declared; declare it, e.g. `{key}: vector[n]`"
            )
        return tuple(obj.shape)
    return ()


def _resolve_arg(
    name: str, inputs: dict[Key, sympy.Basic], table: SymbolTable, written: sympy.Basic | None
) -> Key:
    """The input an argument name names: as written, in its plain spelling, as declared, or
    (``written``) as the name reads in LaTeX, which ``compile`` read at its entry."""
    if name in inputs:
        return name
    for key in inputs:
        if isinstance(key, str) and plain(key) == name:
            return key
    resolved = table.resolve(name)
    if resolved in inputs:
        return resolved
    if written is not None and written in inputs:
        return written
    known = ", ".join(f"`{_display(k)}`" for k in inputs)
    raise CompileError(f"`{name}` is not an input of this expression; its inputs are {known}")
