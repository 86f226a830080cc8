"""What the numeric search for a counterexample found, as a verdict: refuted (certified by the
independent check, with both sides' values), unknown (a certificate the check rejected,
violations with no high-precision value, no finite point), timeout, or plausible."""

from __future__ import annotations

from ..symbols import plain
from ._verdict import Verdict


def _show(values: dict) -> dict:
    import numpy as np

    out = {}
    for k, v in values.items():
        name = plain(k) if isinstance(k, str) else str(k)
        arr = np.asarray(v)
        out[name] = arr.tolist() if arr.ndim else float(arr)
    return out


def search_verdict(search, rejected, unevaluable, symbolic_note, timeout, seconds, text):
    """What the search found, as a verdict: refuted (certified), unknown (a rejected certificate,
    violations with no high-precision value, no finite point), timeout or plausible."""
    if search.found is not None:
        where, lhs, rhs, prec = search.confirmation
        counterexample = _show(search.found)
        counterexample.update({str(k): v for k, v in where.items()})
        return Verdict(
            "refuted",
            search.method,
            counterexample=counterexample,
            violation=search.violation,
            samples=search.samples,
            seconds=seconds,
            claim=text,
            reason=f"confirmed in {prec}-digit arithmetic: left side {lhs}, right side {rhs}",
            sides={"lhs": lhs, "rhs": rhs},
        )
    unconfirmed = (
        f"; {search.unconfirmed} float64 violation(s) vanished when re-evaluated in high precision"
        if search.unconfirmed
        else ""
    ) + (
        f"; {search.kinks} point(s) at a kink of a derivative in the claim, where the derivative "
        f"does not exist, were not compared"
        if search.kinks
        else ""
    )
    if rejected:
        return Verdict(
            "unknown",
            reason=f"{symbolic_note}; the search found a float64 violation that the independent "
            f"check rejected ({rejected[0]}), so it refutes nothing",
            samples=search.samples,
            seconds=seconds,
            claim=text,
        )
    if search.unverifiable:
        return Verdict(
            "unknown",
            reason=f"{symbolic_note}; {search.unverifiable} float64 violation(s) could not be "
            f"re-evaluated in high precision ({unevaluable[0] if unevaluable else 'no value'}), "
            f"so they neither refute nor clear the claim",
            samples=search.samples,
            seconds=seconds,
            claim=text,
        )
    if not search.completed:
        return Verdict(
            "timeout",
            reason=f"the budget of {timeout:g} s ran out during the numeric search "
            f"({search.samples} points tried){unconfirmed}",
            samples=search.samples,
            seconds=seconds,
            claim=text,
        )
    if search.finite == 0:
        return Verdict(
            "unknown",
            reason=f"{symbolic_note}; no point of the declared domains gave finite values "
            f"on both sides",
            samples=search.samples,
            seconds=seconds,
            claim=text,
        )
    return Verdict(
        "plausible",
        "no counterexample in random and adversarial search",
        samples=search.samples,
        max_deviation=search.max_deviation,
        reason=f"no symbolic proof: {symbolic_note}{unconfirmed}",
        seconds=seconds,
        claim=text,
    )
