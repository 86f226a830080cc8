r"""The audit's look at a constant inequality's own gap, at up to 1000 digits.

A proof of ``\log(1 + \log(1 + 10^{-150})^2) > \log(1 + 10^{-300})`` passed its audit: the two
sides differ by about -10^{-450}, which 50 digits show as 0, and every step of the proof (each
term "bounded below by 0") agreed with 0 at 50 digits. A claim with no symbols has the same gap
at every point, so where 50 digits show none of it, the gap is evaluated again at 1000 digits:
below 0 fails the audit, and so does 0 for a strict claim (equal sides are no ``>``)."""

from __future__ import annotations

import sympy

from ._precise import NotEvaluable, Point, value

#: the precision a constant claim's gap is evaluated to again when 50 digits show none of it
CONSTANT_PRECISION = 1000


def constant_gap_fails(
    proof, lhs0, rhs0, flip: bool, claim_rules, gap, p: Point, where: str
) -> str:
    """For an inequality (goal ``> 0`` or ``>= 0``) with no symbols and no definitions, whose gap
    shows no digit at 50: the account of a gap that does not meet the goal at 1000 digits, or
    ""."""
    if proof.goal not in ("> 0", ">= 0") or isinstance(gap, sympy.MatrixBase):
        return ""
    if (
        sympy.Tuple(lhs0, rhs0).free_symbols
        or claim_rules
        or getattr(gap, "is_zero", None) is not True
    ):
        return ""
    whole = (rhs0 - lhs0) if flip else (lhs0 - rhs0)
    try:
        deep = value(whole, p, CONSTANT_PRECISION, exhausted_is_zero=True)
    except (NotEvaluable, TypeError, ValueError):
        return ""
    if deep.is_zero is True and proof.goal == ">= 0":
        return ""
    if deep.is_zero is not True and deep > 0:
        return ""
    shown = "0" if deep.is_zero else sympy.sstr(sympy.Float(deep, 12))
    return (
        f"the audit failed: the claim's gap is {shown} at {CONSTANT_PRECISION} digits "
        f"(50 showed none of it), which does not meet {proof.goal} at {where}"
    )
