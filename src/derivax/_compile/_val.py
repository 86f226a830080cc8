"""The value a node of the JAX emitter stands for, and what every handler module shares."""

from __future__ import annotations

from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class Val:
    """An emitted value: Python code, the index symbols it has as axes, and whether it is a
    2-D array from a matrix expression."""

    code: str
    axes: tuple[sympy.Symbol, ...] = ()
    matrix: bool = False


def _short(e: sympy.Basic) -> str:
    s = str(e)
    return s if len(s) < 80 else s[:77] + "..."
