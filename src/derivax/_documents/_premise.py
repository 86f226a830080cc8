r"""What a statement is, adjusted by what is around it and by the table: the premise of an
implication (``a = b \Rightarrow c = d``: the left is a condition, not a claim) and a declared
array written before parentheses (``X^\top (y - X w) = 0``: a product, never the definition of a
function ``X^\top``).

Side conditions: only a one-link equation right before the arrow is a premise (a chain
``a = b = c \Rightarrow`` keeps its claims, and ``\nabla^2 f \succeq 0 \implies`` states what was
shown before: a claim); a premise that holds identically is still proved, as
any guessed equation; a premise ``x^2 = 4`` is read as an equation although ``x^2 = \dots`` alone
would define the name ``x^2`` (a power of a name, not a name, before an arrow)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._statements import DEFINES, Kind, head_of, names_in


def adjusted_kind(
    kind: Kind, lhs: str, rel: str, links: int, premise: bool, rank: Callable[[str], int | None]
) -> Kind:
    """``kind`` of the link ``lhs rel ...`` (a statement of ``links`` terms), adjusted;
    ``premise``: an implication arrow follows the statement; ``rank``: the declared rank of a
    name."""
    head = head_of(lhs)
    power = head is not None and re.fullmatch(r"\^\{?\d+\}?", head[1])
    if premise and kind.kind == "definition" and kind.guess and power:
        kind = Kind("claim", "")  # x^2 = 4 before `\Rightarrow`: a power, no name
    if kind.kind == "definition" and kind.guess and head is not None and head[2]:
        # X^\top (y - X w) = 0 with X a declared matrix: a product, not a function
        if (rank(head[0]) or 0) > 0:
            kind = Kind("claim", "")
    if premise and rel == "=" and kind.kind == "claim" and links == 2 and not kind.why:
        # the premise of an implication is not asserted: a condition (a proof of it still makes
        # it a claim, as for any guessed equation)
        kind = Kind(
            "equation",
            "the premise of the implication after it: a condition, not a claim",
            guess=True,
        )
    return kind


def named_in_definition(
    kind: Kind, lhs: str, rel: str, k: int, terms, seen: set[str], rank
) -> Kind:
    """``J(w) \\triangleq \\mathrm{NLL}(w) = -\\ell(w)``: a name first written as the value of
    the definition that starts the chain is named by the link after it (``NLL(w) = -\\ell(w)``
    defines ``NLL``), never checked as a claim. Side conditions: the chain starts with a
    definition sign; the name is new (not seen before, not declared, not the defined name)."""
    if k < 2 or rel != "=" or kind.kind != "claim" or terms[1][0] not in DEFINES:
        return kind
    head = head_of(lhs)
    if head is None or head[0] in seen or rank(head[0]) is not None:
        return kind
    if head[0] in names_in(terms[0][1]):
        return kind
    return Kind(
        "definition",
        f"`{head[0]}` is first written as the value of the definition before: this defines it",
        guess=True,
    )


_SECTION = re.compile(r"\\(?:sub)*section\*?\s*\{|\\paragraph\s*\{|^#+\s", re.MULTILINE)


def defined_anew(kind: Kind, lhs: str, rel: str, k: int, prose: str, defined: set[str]) -> Kind:
    """``\\mathcal{L}(w) = ...`` as the first link of a display in a new section, where an earlier
    section defined ``\\mathcal{L}``: the section defines it anew (the ridge loss after the least
    squares one), never a claim that the two definitions agree. Side conditions: a section
    heading stands between the two; the name is written as it was defined (a head a given
    defines)."""
    if k != 1 or rel != "=" or kind.kind != "claim" or not _SECTION.search(prose):
        return kind
    head = head_of(lhs)
    if head is None or head[0] not in defined:
        return kind
    return Kind("definition", f"`{head[0]}` is defined anew in this section", guess=True)
