r"""What a statement is, adjusted by what is around it and by the table: the premise of an
implication (``a = b \Rightarrow c = d``: the left is a condition, not a claim) and a declared
array written before parentheses (``X^\top (y - X w) = 0``: a product, never the definition of a
function ``X^\top``).

Side conditions: only a one-link statement right before the arrow is a premise (a chain
``a = b = c \Rightarrow`` keeps its claims); a premise that holds identically is still proved, as
any guessed equation; a premise ``x^2 = 4`` is read as an equation although ``x^2 = \dots`` alone
would define the name ``x^2`` (a power of a name, not a name, before an arrow)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._statements import Kind, head_of


def adjusted_kind(
    kind: Kind, lhs: str, links: int, premise: bool, rank: Callable[[str], int | None]
) -> Kind:
    """``kind`` of the link ``lhs = ...`` (a statement of ``links`` terms), adjusted; ``premise``:
    an implication arrow follows the statement; ``rank``: the declared rank of a name."""
    head = head_of(lhs)
    power = head is not None and re.fullmatch(r"\^\{?\d+\}?", head[1])
    if premise and kind.kind == "definition" and kind.guess and power:
        kind = Kind("claim", "")  # x^2 = 4 before `\Rightarrow`: a power, no name
    if kind.kind == "definition" and kind.guess and head is not None and head[2]:
        # X^\top (y - X w) = 0 with X a declared matrix: a product, not a function
        if (rank(head[0]) or 0) > 0:
            kind = Kind("claim", "")
    if premise and kind.kind == "claim" and links == 2 and not kind.why:
        # the premise of an implication is not asserted: a condition (a proof of it still makes
        # it a claim, as for any guessed equation)
        kind = Kind(
            "equation",
            "the premise of the implication after it: a condition, not a claim",
            guess=True,
        )
    return kind
