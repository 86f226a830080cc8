r"""Symbolic proofs: the record of steps a proof makes, each re-evaluated by the audit.

Every step is a SymPy rewrite whose result is recorded; ``proved`` is returned only when the
last expression is exactly 0 (identities, ``_identities``) or provably non-negative by the
bounds and lemmas of ``_inequalities``, after the claim is prepared (``_prepare``).
"""

from __future__ import annotations

from dataclasses import dataclass


def _latex(e) -> str:
    from ..latex import to_latex

    try:
        return to_latex(e)
    except Exception:
        return str(e)


@dataclass
class Step:
    r"""One recorded step: ``expr`` stands in ``relation`` to the step before it on the same
    ``side`` ("=" rewrites, ">=" a lower bound); ``lhs``/``rhs`` steps rewrite one side of the
    claim, ``gap`` steps its difference (lhs - rhs, or rhs - lhs for ``\le``)."""

    rule: str
    expr: object
    relation: str = "="
    side: str = "gap"
    shown: object = None


class Proof:
    """Steps of a proof in progress; ``goal`` is what the last gap step asserts ("= 0", ">= 0",
    "> 0"). The audit re-evaluates every step."""

    def __init__(self):
        self.entries: list[Step] = []
        self.goal = ""

    def add(self, rule: str, e, relation: str = "=", side: str = "gap", shown=None) -> None:
        self.entries.append(Step(rule, e, relation, side, shown))

    def mark(self) -> int:
        return len(self.entries)

    def undo(self, mark: int) -> None:
        """Forget the steps of a branch that did not succeed."""
        del self.entries[mark:]

    @property
    def steps(self) -> list[str]:
        out = []
        for st in self.entries:
            rel = {">=": r"\ge", ">": ">"}.get(st.relation, "")
            shown = st.shown if st.shown is not None else st.expr
            body = _latex(shown)
            out.append(rf"\text{{{st.rule}:}}\quad {rel + ' ' if rel else ''}{body}")
        return out
