r"""A claim about the derivative of a vector by a vector written with no layout
(``\frac{\partial y}{\partial x} = W``): decided as the Jacobian and as its transpose. A reading
whose sides cannot have one shape is dropped (``\frac{\partial (B w)}{\partial w} = B`` with B
m x n is the Jacobian); where both readings are shaped, the verdict stands only when they agree,
and otherwise it is unknown with what each reading gave and the spelling that would decide."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from ._verdict import Verdict

_DECIDED = ("proved", "refuted", "plausible")


def unsaid(rel, givens=()) -> bool:
    """``rel`` or one of ``givens`` holds a Jacobian written with no layout."""
    return any(isinstance(r, sympy.Basic) and r.has(F.UnsaidJacobian) for r in (rel, *givens))


def _reading(rel, transpose: bool):
    def said(j):
        node = F.Jacobian(*j.args)
        return node.T if transpose else node

    def side(e):
        return e.replace(lambda x: isinstance(x, F.UnsaidJacobian), said)

    try:
        if isinstance(rel, sympy.core.relational.Relational):
            # unevaluated: sides of two shapes would make an equation False at once
            return type(rel)(side(rel.lhs), side(rel.rhs), evaluate=False)
        return side(rel)
    except (ValueError, TypeError, sympy.ShapeError):
        return None


def _shaped(rel) -> bool:
    """Both sides of the reading have one shape (symbolically), or neither is an array."""
    if not isinstance(rel, sympy.core.relational.Relational):
        return rel is not None
    sides = [s for s in (rel.lhs, rel.rhs) if isinstance(s, MatrixExpr)]
    if not sides:
        return True
    return len(sides) == 2 and all(
        sympy.simplify(a - b) == 0 for a, b in zip(sides[0].shape, sides[1].shape, strict=True)
    )


def decide_both(decide: Callable[..., Verdict], rel, givens, timeout: float, start, text: str):
    """``decide(reading, givens_read, timeout)`` of each reading whose claim and givens are
    shaped (a Jacobian with no layout in a given is read the same way as in the claim),
    combined as the module says."""
    readings = []
    for name, transpose in (("the Jacobian", False), ("its transpose", True)):
        claim = _reading(rel, transpose)
        read_givens = [_reading(g, transpose) for g in givens]
        if _shaped(claim) and all(_shaped(g) for g in read_givens):
            readings.append((name, claim, read_givens))
    if not readings:  # neither has the other side's shape: the Jacobian's reading says so
        return decide(_reading(rel, False), [_reading(g, False) for g in givens], timeout)
    if len(readings) == 1:
        name, claim, read_givens = readings[0]
        v = decide(claim, read_givens, timeout)
        return dataclasses.replace(
            v,
            reason=f"read as {name}, the one layout with the other side's shape"
            + (f"; {v.reason}" if v.reason else ""),
            claim=text,
            seconds=time.perf_counter() - start,
        )
    first = decide(readings[0][1], readings[0][2], timeout / 2)
    second = decide(readings[1][1], readings[1][2], timeout / 2)
    if first.status == second.status and first.status in _DECIDED:
        return dataclasses.replace(
            first,
            reason="the same under both layouts (the Jacobian and its transpose)"
            + (f"; {first.reason}" if first.reason else ""),
            claim=text,
            seconds=time.perf_counter() - start,
        )
    return Verdict(
        "unknown",
        reason=f"the derivative of a vector by a vector is written with no layout: as the "
        f"Jacobian the claim is {first.status}, as its transpose {second.status}; write "
        f"`\\partial x^\\top` below (the Jacobian) or `y^\\top` above (its transpose) to decide it",
        samples=first.samples + second.samples,
        seconds=time.perf_counter() - start,
        claim=text,
    )
