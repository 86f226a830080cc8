r"""A quantifier written in a statement: ``\forall x \in \mathbb{R}^n: f(x) \ge 0``,
``f(x) \ge 0 \quad \forall x \in \mathbb{R}^n``, ``\forall \epsilon > 0 : ...``,
``\exists t : ...``.

"For all x in a real space" is what every claim derivax checks already says of its free
letters (their domains are the table's), so the quantifier is taken off and kept as the
statement's remark. "For all epsilon > 0" is a condition the statement is checked under. A
quantifier over any other set (``\forall x \in C``, ``\forall x \neq 0``) restricts the claim to
a domain the table does not give: checked over the table's domain, a true claim could be
refuted, so the statement is unread, its reason naming the set. ``\exists`` claims something
derivax has no procedure for.

Side conditions: the quantified letters are names (a comma list before a colon, one name before
a comma), and the set is a blackboard or bold R with an optional exponent.
"""

from __future__ import annotations

import re

from ..latex import UNDECIDED_KIND

_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*'*"
_LIST = rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)"
_ONE = rf"(?P<names>{_NAME})"
_SET = r"(?:\s*\\in\s*(?P<set>[^:,;]+?))?"
_FORALL = r"\\forall(?![A-Za-z])\s*"
_COLON = r"\s*(?::|\\colon(?![A-Za-z]))\s*"
_PATTERNS = (
    # \forall i, j: a_{ij} = a_{ji} (a list before a colon), \forall x, f(x) >= 0 (one name)
    re.compile(rf"^\s*{_FORALL}{_LIST}{_SET}{_COLON}(?P<rest>.+)$", re.DOTALL),
    re.compile(rf"^\s*{_FORALL}{_ONE}{_SET}\s*,\s*(?P<rest>.+)$", re.DOTALL),
    # f(x) >= 0 \quad \forall x \in \mathbb{R}^n
    re.compile(
        rf"^(?P<rest>.+?)(?:\s|,|;|~|\\q?quad(?![A-Za-z])|\\[,;:! ])*{_FORALL}{_LIST}{_SET}"
        r"\s*[.,;]?\s*$",
        re.DOTALL,
    ),
)
_RELATION = r"(?:<|>|\\[lg]eq?(?![A-Za-z])|\\neq?(?![A-Za-z]))"
# \forall \epsilon > 0 : ..., a condition on the letter
_CONDITION = re.compile(
    rf"^\s*{_FORALL}(?P<condition>{_NAME}\s*{_RELATION}[^:]*?){_COLON}(?P<rest>.+)$", re.DOTALL
)
_EXISTS = re.compile(r"\\n?exists(?![A-Za-z])")
_REAL_SPACE = re.compile(r"\\math(?:bb|bf)\s*\{?\s*R\s*\}?(?:\s*\^.*)?", re.DOTALL)


def quantified(s) -> None:
    """Take a quantifier over a real space off the statement ``s`` (kept as a remark), or a
    condition one (kept as a condition); name any other quantifier as the reason ``s`` is
    unread."""
    if _EXISTS.search(s.text):
        s.problem = (
            f"`\\exists` (there exists) makes the statement {UNDECIDED_KIND}; derivax checks "
            f"claims that hold for every value of their letters"
        )
        return
    condition = _CONDITION.match(s.text)
    if condition is not None and not condition.group("condition").lstrip().startswith("\\in"):
        rel = re.search(_RELATION, condition.group("condition"))
        if rel is not None and not rel.group(0).startswith(r"\ne"):
            s.conditions.append(" ".join(condition.group("condition").split()))
            s.text = condition.group("rest").strip()
            return
    m = next((p.match(s.text) for p in _PATTERNS if p.match(s.text)), None)
    if m is None:
        if re.search(_FORALL, s.text):
            s.problem = (
                f"a quantifier (`\\forall`) that is not over a real space is {UNDECIDED_KIND}: "
                f"declare the letters' domain in the symbol table and write the claim alone"
            )
        return
    names, space = " ".join(m.group("names").split()), (m.group("set") or "").strip()
    if space and not _REAL_SPACE.fullmatch(space):
        s.problem = (
            f"the statement holds for {names} in `{space}`, a set the symbol table does not give; "
            f"a claim over a set is {UNDECIDED_KIND}: declare the domain (`positive`, `unit`, "
            f"`spd[n]`) or state the set's conditions as givens"
        )
        return
    s.remarks.append(f"for all {names}" + (f" in {space}" if space else ""))
    s.text = m.group("rest").strip()
