r"""Limits in a claim (``\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h} = 2x``): evaluated by SymPy, in
closed form, in a budgeted worker, before anything else looks at the claim.

- a limit SymPy evaluates to a finite closed form stands for that value: the proof rewrites it
  (a recorded step that the audit re-evaluates at each point of the domain), and the numeric
  search for a counterexample runs on the closed form, so no float64 value is ever given to the
  limit variable (``h = 10^{-3}`` would be a difference quotient, not the limit); the
  confirmation of a counterexample evaluates the claim as written, its limits by SymPy at the
  point;
- a limit that does not exist (``\lim_{x \to 0} 1/x``: the two sides disagree or grow without
  bound; ``\sin(1/x)``: it oscillates) makes the claim ``unknown``, saying so: a number equated
  to it is no proof and no counterexample either;
- a limit SymPy leaves unevaluated (of an unspecified function ``f``) makes the claim
  ``unknown`` with that reason, never refuted.
"""

from __future__ import annotations

import time

import sympy
from sympy.core.function import AppliedUndef

from .._budget import within
from .._errors import VerifyTimeout
from ._proof import _latex
from ._verdict import Verdict


def _value(limit: sympy.Limit) -> tuple[str, sympy.Basic | str]:
    """("value", closed form), ("none", why it does not exist) or ("open", why it is unread)."""
    var = limit.args[1]
    unspecified = [a for a in limit.args[0].atoms(AppliedUndef) if any(x.has(var) for x in a.args)]
    if unspecified:
        # SymPy has no closed form for a limit of an unspecified function (and may search long)
        return "open", f"it is a limit of the unspecified function `{unspecified[0].func}`"
    try:
        v = limit.doit()
    except ValueError as e:  # SymPy: "The limit does not exist since left hand limit = ..."
        return "none", str(e).rstrip(".")
    except (NotImplementedError, RecursionError, TypeError, AttributeError) as e:
        return "open", f"SymPy cannot evaluate it ({type(e).__name__})"
    if v.has(sympy.Limit):
        return "open", "SymPy leaves it unevaluated"
    if v.has(sympy.zoo, sympy.nan) or v.has(sympy.AccumBounds):
        return "none", f"SymPy gives {v}, no single value"
    if v.has(sympy.oo, -sympy.oo):
        return "none", f"it is {v}, not a number"
    return "value", v


def evaluate_limits(e):
    """Every limit (innermost first) replaced by its closed form where SymPy finds a finite one;
    the others are left as written."""

    def rule(limit):
        kind, v = _value(limit)
        return v if kind == "value" else limit

    return e.replace(lambda x: isinstance(x, sympy.Limit), rule)


def _values(pieces):
    """Runs in the budgeted worker: each limit of the pieces with what SymPy makes of it."""
    found = []
    for piece in pieces:
        for node in sympy.preorder_traversal(piece):
            if isinstance(node, sympy.Limit) and node not in [n for n, _, _ in found]:
                found.append((node, *_value(node)))
    return found


def settle_limits(rel, givens, timeout: float, start: float, text: str):
    """``(verdict, None)`` when a limit of the claim or its givens decides that no verdict but
    ``unknown`` (or ``timeout``) can be given, else ``(None, rel)`` with every limit replaced by
    its closed form, for the numeric search."""
    pieces = [rel.lhs, rel.rhs, *(side for g in givens for side in (g.lhs, g.rhs))]

    def verdict(status: str, reason: str) -> Verdict:
        return Verdict(status, reason=reason, seconds=time.perf_counter() - start, claim=text)

    try:
        found = within(max(0.3 * timeout, 0.05), _values, pieces, what="the limits")
    except VerifyTimeout as e:
        return verdict("timeout", f"{e}: the limits of the claim were not evaluated"), None
    values = {}
    for node, kind, v in found:
        shown = _latex(node)
        if kind == "none":
            return verdict(
                "unknown",
                f"the limit `{shown}` does not exist: {v}; a claim that gives it a value is "
                f"neither proved nor refuted",
            ), None
        if kind == "open":
            return verdict(
                "unknown",
                f"the limit `{shown}` was not evaluated: {v}; derivax decides a limit only "
                f"from its closed form, never by sampling its variable",
            ), None
        values[node] = v
    replaced = type(rel)(rel.lhs.xreplace(values), rel.rhs.xreplace(values), evaluate=False)
    return None, replaced
