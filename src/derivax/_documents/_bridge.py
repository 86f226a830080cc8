r"""A chain checked end to end where its steps could not be checked one by one.

``a = b = c`` with ``b`` unread or undecided (``\frac{g'h - h'g}{h^2}``, names the prose gives
in words) leaves both links ``a = b`` and ``b = c`` open. The chain still claims ``a = c``: that
claim is checked once, through the open steps. Only a refutation is reported, as a claim of its
own spanning the steps (its ``through`` lists their lines): the ends differ, so one of those steps
is wrong, and which one is not known. A proof of the ends says nothing of the steps, and is not
reported.

Side conditions: the run holds at least two consecutive open links of one chain (an open link
beside decided ones is already pinned down by them); its relations combine into one (``=`` with
``\le`` gives ``\le``; ``\le`` with ``\ge`` gives none, and the run is not bridged); a timed-out
link ends the run (its end-to-end claim would time out as well).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ._link import Link

#: verdicts that leave a link open
OPEN = ("unknown", "unread")

_UP = {"=": 0, r"\le": 1, "<": 2}
_DOWN = {"=": 0, r"\ge": 1, ">": 2}


def combined(relations: list[str]) -> str | None:
    """The one relation a run of links claims between its ends, or None."""
    for order in (_UP, _DOWN):
        if all(r in order for r in relations):
            return max(relations, key=lambda r: order[r])
    return None


@dataclass
class Run:
    """The open links of the current chain, in order, since its last decided link."""

    where: str = ""
    steps: list[tuple[int, str, str, str]] = field(default_factory=list)  # (line, lhs, rel, rhs)

    def add(self, where: str, link: Link, lhs: str, rel: str, rhs: str) -> None:
        """Take one link of the chain: an open one extends the run, any other ends it (the caller
        flushes first)."""
        if self.steps and where != self.where:
            self.steps = []
        self.where = where
        self.steps.append((link.line, lhs, rel, rhs))

    def flush(self, check: Callable[[str, int, str, str, str], Link]) -> Link | None:
        """The refuted end-to-end claim of the run, or None; the run is emptied either way."""
        steps, self.steps = self.steps, []
        if len(steps) < 2:
            return None
        relation = combined([rel for _, _, rel, _ in steps])
        if relation is None:
            return None
        first, last = steps[0], steps[-1]
        link = check(self.where, first[0], first[1], relation, last[3])
        if link.status != "refuted":
            return None
        lines = tuple(sorted({line for line, *_ in steps}))
        middle = ", ".join(f"`{lhs}`" for _, lhs, _, _ in steps[1:])
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}-{lines[-1]}"
        note = (
            f"the chain's ends differ: its {len(steps)} steps on {where} could not be checked one "
            f"by one (through {middle}), but together they claim `{first[1]}` {relation} "
            f"`{last[3]}`, which is false, so one of those steps is wrong"
        )
        reason = f"{note}; {link.reason}" if link.reason else note
        return replace(link, reason=reason, through=lines)
