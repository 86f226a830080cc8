r"""Steps an author skipped in a chain: ``a = b = \ldots = c``, a side that is only an ellipsis.

The links ``b = \ldots`` and ``\ldots = c`` cannot be checked one by one: the ellipsis stands
for the omitted steps, so the chain claims ``b = c`` through them. That claim is checked once and
its verdict reported on both links, each saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ._link import Link

_ELLIPSIS = re.compile(r"^\s*(?:\\[lc]?dots[bc]?|\.\.\.|\\dotsm)\s*[,;.]?\s*$")

#: the relation a run of steps claims, from the relations of the two links around the ellipsis
_THROUGH = {
    ("=", "="): "=",
    ("=", r"\le"): r"\le",
    (r"\le", "="): r"\le",
    (r"\le", r"\le"): r"\le",
    ("=", r"\ge"): r"\ge",
    (r"\ge", "="): r"\ge",
    (r"\ge", r"\ge"): r"\ge",
}


def is_elided(term: str) -> bool:
    r"""Whether a side of a chain is only an ellipsis (``\ldots``, ``\cdots,``)."""
    return bool(_ELLIPSIS.match(term))


@dataclass(frozen=True)
class Elided:
    """The ellipsis as written and the relations on either side of it."""

    written: str
    before: str
    after: str
    line: int

    def links(self, link: Link) -> list[Link]:
        """The two links around the ellipsis, each with the verdict of ``link`` (the claim
        through the omitted steps)."""
        lhs, rhs = link.lhs, link.rhs
        note = (
            f"steps omitted between `{lhs}` and `{rhs}` (written `{self.written.strip()}`): "
            f"checked as one claim, `{lhs}` {link.relation} `{rhs}`"
        )
        reason = f"{note}; {link.reason}" if link.reason else note
        return [
            replace(
                link, line=self.line, rhs=self.written.strip(), relation=self.before, reason=reason
            ),
            replace(link, lhs=self.written.strip(), relation=self.after, reason=reason),
        ]


def through_ellipses(
    terms: list[tuple[str, str, int]],
) -> tuple[list[tuple[str, str, int]], dict[int, Elided], str]:
    """The chain with every side that is only an ellipsis taken out (its two links joined into
    one: ``b = \\ldots = c`` as ``b = c``, on the line of the term after it), the joined links by
    their position in the new chain, and a reason when the chain cannot be read so (an ellipsis
    at an end of the chain, two in a row, or relations that do not combine); "" otherwise."""
    if not any(is_elided(t) for _, t, _ in terms):
        return terms, {}, ""
    out: list[tuple[str, str, int]] = []
    joined: dict[int, Elided] = {}
    k = 0
    while k < len(terms):
        rel, term, line = terms[k]
        if not is_elided(term):
            out.append((rel, term, line))
            k += 1
            continue
        if k == 0 or k + 1 >= len(terms) or is_elided(terms[k + 1][1]):
            return (
                terms,
                {},
                ("an ellipsis stands for omitted steps only between two written sides of a chain"),
            )
        after, nxt, nxt_line = terms[k + 1]
        through = _THROUGH.get((rel, after))
        if through is None:
            return (
                terms,
                {},
                (
                    f"the steps omitted at the ellipsis go from `{rel}` to `{after}`, which claim no "
                    f"single relation"
                ),
            )
        joined[len(out)] = Elided(term, rel, after, line)
        out.append((through, nxt, nxt_line))
        k += 2
    return out, joined, ""
