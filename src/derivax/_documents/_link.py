"""A statement of a note and what derivax made of it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .._errors import DerivaxError

_RELATIONS = {
    "=": "=",
    r"\le": r"\le",
    r"\leq": r"\le",
    r"\ge": r"\ge",
    r"\geq": r"\ge",
    "<": "<",
    ">": ">",
    r"\lt": "<",
    r"\gt": ">",
    # the Loewner order of symmetric matrices (positive semidefinite and definite)
    r"\succeq": r"\succeq",
    r"\succ": r"\succ",
    r"\preceq": r"\preceq",
    r"\prec": r"\prec",
    # proportional: equal up to a factor free of the variable the claim is about
    r"\propto": r"\propto",
}


@dataclass(frozen=True)
class Link:
    """One statement of a derivation (a link of a chain) and what derivax made of it. ``kind`` is
    what the statement is (``claim``, ``definition``, ``update``, ``assumption``, ``equation``,
    ``unread``, or ``expression`` for a display without a relation); only a claim carries a
    verdict in ``status`` (proved, refuted, plausible, unknown, timeout). For the other kinds
    ``status`` repeats the kind. ``guess`` when the kind was inferred rather than read from the
    text (a name that appears for the first time), with the reason in ``reason``."""

    file: str
    line: int
    lhs: str
    relation: str
    rhs: str
    status: str
    method: str = ""
    reason: str = ""
    counterexample: dict[str, Any] | None = None
    seconds: float = 0.0
    kind: str = "claim"
    guess: bool = False
    remarks: tuple[str, ...] = ()
    assumed: str = ""  # the declarations check-doc assumed for an undeclared document
    through: tuple[int, ...] = ()  # a chain checked end to end: the lines of the steps it spans

    @property
    def claim(self) -> str:
        return f"{self.lhs} {self.relation} {self.rhs}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "kind": self.kind,
            "guess": self.guess,
            "lhs": self.lhs,
            "relation": self.relation,
            "rhs": self.rhs,
            "status": self.status if self.kind == "claim" else None,
            "method": self.method,
            "reason": self.reason,
            "counterexample": self.counterexample,
            "remarks": list(self.remarks),
            "assumed": self.assumed,
            "through": list(self.through),
            "seconds": round(self.seconds, 3),
        }


def failed_display(where: str, event, e: Exception) -> Link:
    """The unread link of a display derivax could not take in: a declaration its text implies
    that does not read (a ``DerivaxError``, said as it is), or a failure of derivax's own, said
    to be one."""
    if not isinstance(e, DerivaxError):
        e = DerivaxError(
            f"derivax failed on this display ({type(e).__name__}: {e}); a defect of "
            "derivax's, not of the note"
        )
    text = " ".join(p.latex for p in event.pieces)[:200]
    return Link(
        where, event.line, text, "", "", "unread", reason=" ".join(str(e).split()), kind="unread"
    )


def noted(link: Link, note: str, **changes) -> Link:
    """``link`` with ``note`` added to its reason (and any other field changed)."""
    return replace(link, reason=f"{link.reason}; {note}" if link.reason else note, **changes)
