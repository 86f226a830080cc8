"""Comparing two values computed in high precision: equal up to the digits they carry, or ordered."""

from __future__ import annotations

import sympy


def _entries(v):
    return list(v) if isinstance(v, sympy.MatrixBase) else [v]


def holds(kind: str, left, right, prec: int) -> bool:
    """Whether ``left kind right`` holds at the precision the values carry; equality up to a
    relative 10^(5 - prec)."""
    tol = sympy.Float(10, prec) ** (5 - prec)
    L, R = _entries(left), _entries(right)
    if len(L) != len(R):
        return False
    for a, b in zip(L, R, strict=True):
        scale = 1 + abs(a) + abs(b)
        if kind == "=":
            if abs(a - b) > tol * scale:
                return False
        elif kind == ">=":
            if a - b < -tol * scale:
                return False
        elif kind == ">":
            if a - b <= tol * scale:
                return False
    return True
