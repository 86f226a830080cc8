r"""Claims of proportionality, ``A \propto B``: the sides differ by a factor free of the variable
``v`` the claim is about, that is ``(A / B)' = 0``, checked as the equation
``A \, \partial_v B - B \, \partial_v A = 0`` (no division: it holds where B vanishes too) by the
same checker as every equation, with its proof or its certified counterexample.

With no variable named (``\propto_v``, a density's variable, the one shared letter), the claim
is checked for every letter of the sides: proved when the ratio is free of all of them, refuted
when it depends on each of them (false whichever the author meant), and otherwise unknown,
naming the letters the ratio is free of and those it depends on. Side conditions: scalar sides
(a vector or matrix proportionality is refused by name); a side that is an unspecified
function's value (``p(\theta \mid x)``) has no derivative to compare, and the verdict says so.
"""

from __future__ import annotations

import time

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from ._verdict import Verdict


def _free_of(rel: F.Proportional, v: sympy.Symbol) -> sympy.Equality:
    a, b = rel.lhs, rel.rhs
    return sympy.Eq(a * sympy.diff(b, v) - b * sympy.diff(a, v), 0, evaluate=False)


def decide(rel: F.Proportional, givens, table, timeout: float, start: float, text: str, check):
    """The verdict on ``rel``; ``check(claim, budget)`` decides an equation."""
    if isinstance(rel.lhs, MatrixExpr) or isinstance(rel.rhs, MatrixExpr):
        return Verdict(
            "unknown",
            reason="`\\propto` between vectors or matrices is not decided; write it entry by entry",
            seconds=time.perf_counter() - start,
            claim=text,
        )
    letters = (
        [rel.variable]
        if rel.variable is not None
        else F.real_letters(sympy.Tuple(rel.lhs, rel.rhs))
    )
    if not letters:  # two constants: proportional
        return Verdict("proved", "both sides are free of every letter", claim=text)
    factor, by_factor = _factor(rel, timeout / 4, check)
    budget = max(timeout - (time.perf_counter() - start), 0.1) / len(letters)
    verdicts = {
        s: by_factor
        if by_factor is not None and not factor.has(s)
        else check(_free_of(rel, s), budget)
        for s in letters
    }
    if rel.variable is not None:
        return _about(verdicts[rel.variable], rel.variable, start, text, factor)
    by = {status: [s for s, v in verdicts.items() if v.status == status] for status in _STATUSES}
    if len(by["proved"]) == len(letters):
        return Verdict(
            "proved",
            "the ratio of the sides is free of every letter",
            steps=[step for v in verdicts.values() for step in v.steps],
            seconds=time.perf_counter() - start,
            claim=text,
        )
    if len(by["refuted"]) == len(letters):  # false whichever letter the author meant
        return _about(verdicts[letters[0]], letters[0], start, text)
    if len(by["proved"]) + len(by["plausible"]) == len(letters):
        return Verdict(
            "plausible",
            "no letter changed the ratio of the sides in random and adversarial search",
            samples=sum(v.samples for v in verdicts.values()),
            reason="no symbolic proof that the ratio is free of "
            + ", ".join(f"`{s}`" for s in by["plausible"]),
            seconds=time.perf_counter() - start,
            claim=text,
        )
    said = [
        f"{what} {', '.join(f'`{s}`' for s in by[status])}"
        for status, what in (
            ("proved", "is free of"),
            ("plausible", "seems free of"),
            ("refuted", "depends on"),
        )
        if by[status]
    ]
    rest = [s for s in letters if verdicts[s].status not in ("proved", "plausible", "refuted")]
    if rest:
        said.append(f"is undecided in {', '.join(f'`{s}`' for s in rest)}")
    return Verdict(
        "unknown",
        reason=f"the ratio of the sides {'; '.join(said)}; which letter the claim is about "
        f"decides it: write `\\propto_{{...}}` with that letter",
        seconds=time.perf_counter() - start,
        claim=text,
    )


_STATUSES = ("proved", "plausible", "refuted", "unknown", "timeout")


def _factor(rel: F.Proportional, seconds: float, check):
    """The ratio of the sides, simplified within ``seconds``, and the verdict on ``A = R B`` where
    the ratio R came out free of some letter (a product of powers: the exponents add up), else
    None: a proof for every letter R is free of, through the checker's own audited path."""
    from .._budget import simplified

    ratio, _ = simplified(rel.lhs / rel.rhs, seconds)
    if ratio.has(sympy.zoo, sympy.nan) or ratio == 0:
        return ratio, None
    letters = F.real_letters(sympy.Tuple(rel.lhs, rel.rhs))
    if all(ratio.has(s) for s in letters):
        return ratio, None
    v = check(sympy.Eq(rel.lhs, ratio * rel.rhs, evaluate=False), seconds)
    return ratio, v if v.status == "proved" else None


def _about(v: Verdict, var, start: float, text: str, factor=None) -> Verdict:
    """The verdict on ``(A/B)' = 0`` said of the proportionality."""
    what = f"`{var}`" if var is not None else "every letter"
    if v.status == "proved":
        method = f"the ratio of the sides is free of {what}: {v.method}"
        if factor is not None and var is not None and not factor.has(var):
            times = "equal to" if factor == 1 else f"{sympy.latex(factor)} times"
            method = f"the left side is {times} the right, free of {what}: {v.method}"
        return Verdict("proved", method, v.steps, seconds=time.perf_counter() - start, claim=text)
    if v.status == "refuted":
        return Verdict(
            "refuted",
            v.method,
            counterexample=v.counterexample,
            violation=v.violation,
            samples=v.samples,
            reason=f"the ratio of the sides changes with {what} here (its derivative is not 0); "
            f"{v.reason}",
            seconds=time.perf_counter() - start,
            claim=text,
        )
    return Verdict(
        v.status,
        v.method,
        samples=v.samples,
        reason=f"whether the ratio of the sides is free of {what}: {v.reason}",
        seconds=time.perf_counter() - start,
        claim=text,
    )
