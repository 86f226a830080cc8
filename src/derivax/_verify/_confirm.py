"""The confirmation of a counterexample in high precision: ``confirm`` re-evaluates a float64
violation at increasing precision until the sign of the violation is the same at every precision;
only then does the claim count as refuted. A point at a kink of a derivative is no counterexample.
"""

from __future__ import annotations

import sympy

from .._errors import DerivaxError
from ._audit import _entries
from ._precise import NotEvaluable, Point, matrix_sum_written_out, value

_KINKS = (sympy.Heaviside, sympy.sign, sympy.DiracDelta)


def at_a_kink(expr, point: Point, rules=()) -> bool:
    """A derivative in ``expr`` taken at a kink of what it differentiates (``d max(0, x)/dx`` at
    x = 0): the step, sign or delta that differentiation introduced has argument 0 there, where
    the derivative does not exist, so the point is no counterexample. A step or sign the claim
    writes itself is a value like any other."""
    if not isinstance(expr, sympy.Basic):
        return False
    for d in expr.atoms(sympy.Derivative):
        own = d.expr.atoms(*_KINKS)
        try:
            introduced = d.doit().atoms(*_KINKS) - own
        except Exception:  # a derivative SymPy cannot take is judged by the evaluation itself
            continue
        for k in introduced:
            try:
                v = value(k.args[0], point, 30, rules=rules)
            except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
                raise
            except (NotEvaluable, TypeError, ValueError):
                continue
            if getattr(v, "is_zero", None) is True or v == 0:
                return True
    return False


def confirm(rel, point: Point, precisions=(30, 60, 120), rules=()):
    """The violation of ``rel`` at ``point`` re-evaluated at increasing precision. Returns
    ``(confirmed, lhs, rhs)`` with both sides' values (strings, 30 digits); ``confirmed`` is None
    where the claim has no high-precision value there (a numeric integral, say), ``"kink"`` where
    a derivative in it does not exist (``at_a_kink``); True only when
    the difference of the sides, evaluated as one expression (so cancellation is resolved, or
    evaluation fails), violates the relation with the same sign at every precision."""
    kind = type(rel)
    lhs, rhs = (matrix_sum_written_out(side, point) for side in (rel.lhs, rel.rhs))
    if isinstance(lhs, sympy.MatrixExpr) and rhs == 0:
        rhs = sympy.ZeroMatrix(*lhs.shape)
    if isinstance(rhs, sympy.MatrixExpr) and lhs == 0:
        lhs = sympy.ZeroMatrix(*rhs.shape)
    if at_a_kink(lhs - rhs, point, rules):
        return "kink", None, None
    verdicts = []
    for prec in precisions:
        try:
            # a difference with no certain digit at 4 x prec + 100 digits is 0 (x > x fails, x = x holds)
            d = value(lhs - rhs, point, prec, rules=rules, exhausted_is_zero=True)
        except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
            raise
        except (NotEvaluable, TypeError, ValueError) as e:
            # no high-precision value: neither confirmed nor cleared; the reason goes along
            return None, str(e) or type(e).__name__, None
        entries = _entries(d)
        if kind is sympy.Equality:
            # not `x != 0`: SymPy's Float(0) compares unequal to the integer 0
            violated = any(x.is_zero is not True for x in entries)
        elif kind is sympy.GreaterThan:
            violated = any(x < 0 for x in entries)
        elif kind is sympy.StrictGreaterThan:
            violated = any(x <= 0 for x in entries)
        elif kind is sympy.LessThan:
            violated = any(x > 0 for x in entries)
        elif kind is sympy.StrictLessThan:
            violated = any(x >= 0 for x in entries)
        else:
            return False, None, None
        verdicts.append((violated, [sympy.sign(x) for x in entries]))
    if not all(v for v, _ in verdicts) or any(signs != verdicts[0][1] for _, signs in verdicts):
        return False, None, None
    # both sides to 30 digits, or to as many more as it takes for them to differ visibly (a
    # difference of 10^-35 relative shows at 40 digits), at most the last precision asked
    digits = 30
    while True:
        try:
            L, R = value(lhs, point, digits, rules=rules), value(rhs, point, digits, rules=rules)
        except NotEvaluable:
            return None, None, None
        shown = _show_full(L, digits), _show_full(R, digits)
        if shown[0] != shown[1] or digits >= precisions[-1]:
            return True, *shown
        digits = min(2 * digits, precisions[-1])


def _show_full(v, digits: int = 30) -> str | list:
    if isinstance(v, sympy.MatrixBase):
        return [sympy.sstr(sympy.Float(x, digits)) for x in v]
    return sympy.sstr(sympy.Float(v, digits))
