r"""Optimization problems a note states: ``\max\{M : b \in \mathbb{R}, \|w\| = 1\}``,
``\min_{x} f(x) \ \text{s.t.}\ Ax = b``, ``\operatorname*{arg\,min}_w f(w) \quad \text{subject to}
\quad g(w) \le 0``, ``\max_{w, b} f \text{ s.t. } ...``, or a problem over several rows
(``\max ... \\ \text{subject to } ...``, further rows of constraints after it).

A problem is a statement of its own kind, never a claim: nothing in it is checked. Its
constraints (the relations after ``:`` inside the set braces, after "s.t." or "subject to",
separated by commas, ``\quad`` or rows) are givens for the displays that follow, as "subject to
$c$" in the running text is; a chain ``0 \le \alpha_i \le C`` is two constraints. A membership
(``w \in \mathbb{R}^n``) says what the declarations say and gives nothing; a range (``i = 1,
\dots, n``) or a quantifier (``\forall i``) says what the letters range over.

Side conditions: the problem opens its row (an optimum inside a relation, ``\min_x f(x) =
f(x^*)``, is a claim about its value, and ``w^* = \arg\min_w ...`` defines ``w^*``); the objective
holds no relation; ``\max\{a, b\}`` (values listed, no ``:``) and ``\max(a, b)`` are the larger
of two values, no problem; a relation other than ``=``, ``\le``, ``\ge``, ``<``, ``>`` is no
given and is dropped, said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ._cuts import _has_relation, _top_level_matches
from ._link import Link
from ._prose import TextGiven

_WORD = r"(?:arg\s*(?:\\[,;:! ]\s*)?)?(?:maximi[sz]e|minimi[sz]e|max|min)"
_CORE = (
    r"\\arg\s*\\?(?:max|min)(?![A-Za-z])|\\arg(?:max|min)(?![A-Za-z])|\\(?:max|min)(?![A-Za-z])"
    r"|\\mathop\s*\{\s*\\(?:mathrm|operatorname|text)\s*\{\s*" + _WORD + r"\s*\}\s*\}"
    r"|\\(?:text|textrm|textbf|mathrm|mathbf|operatorname\*?)\s*\{\s*" + _WORD + r"\s*\}"
)
_GROUP = r"(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*"
_OPENER = re.compile(
    r"\s*(?:\\underset\s*\{(?P<under>" + _GROUP + r")\}\s*\{\s*(?P<uop>" + _CORE + r")\s*\}"
    r"|(?P<op>" + _CORE + r"))"
    r"\s*(?:\\limits|\\nolimits)?\s*(?:_\s*(?:\{(?P<sub>"
    + _GROUP
    + r")\}|(?P<subc>\\?[A-Za-z0-9]+)))?"
)
_SPACE = r"(?:\\q?quad(?![A-Za-z])|\\[,;:! ]|~|\s|&)*"
#: "s.t.", "subject to", "such that" written inside the math
_CUE = re.compile(
    _SPACE + r"\\(?:text|textrm|textnormal|mathrm|mbox|operatorname)\s*\{\s*"
    r"(?:s\.\s*t\.|subject\s+to|such\s+that)\s*:?\s*\}" + _SPACE
)
_SEPARATOR = re.compile(
    r"(?<!\\)[,;]|\\q?quad(?![A-Za-z])|\\(?:text|mathrm)\s*\{\s*and\s*\}|\\(?:land|wedge)(?![A-Za-z])"
)
_QUANTIFIER = re.compile(
    r"(?:(?<!\\)[,;]|\\q?quad(?![A-Za-z])|\\[,;:! ]|~|\s)*"
    r"(?:\\forall(?![A-Za-z])|\\text\s*\{\s*for\s*(?:all|each|every|any)?\s*\}).*$",
    re.DOTALL,
)
_ORDER = re.compile(r"\\(?:leq|geq|le|ge|lt|gt)(?![A-Za-z])|(?<![<>!:\\])=(?!=)|<|>")
_CANONICAL = {r"\leq": r"\le", r"\geq": r"\ge", r"\lt": "<", r"\gt": ">"}
_OTHER = re.compile(r"\\(?:neq|ne|approx|sim|succeq|succ|preceq|prec|subseteq|subset)(?![A-Za-z])")
_MEMBER = re.compile(r"\\(?:in|notin)(?![A-Za-z])")
_DOTS = re.compile(r"\s*\\(?:[lc]?dots|dotsc|dotsb)\s*")


@dataclass(frozen=True)
class Constraint:
    """One relation of a problem, as written (``lhs rel rhs``)."""

    lhs: str
    relation: str
    rhs: str

    @property
    def given(self) -> str:
        return f"{self.lhs} {self.relation} {self.rhs}"


@dataclass
class Problem:
    r"""An optimization problem or a row of its constraints: the operator (``\max``, ``\arg\min``;
    "" for a row that only goes on with constraints), the objective, the relations, the
    memberships (no given) and the parts dropped with why; ``cue`` when the row says "subject to"
    (the rows after it go on with constraints)."""

    operator: str
    objective: str
    constraints: list[Constraint] = field(default_factory=list)
    memberships: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    cue: bool = False


def read_problem(row: str, after: str = "") -> Problem | None:
    """The problem a display row states, or the constraints it goes on with (``after``:
    ``"problem"`` after a problem row, ``"constraints"`` after a row of constraints); None when
    the row is no part of a problem."""
    row = row.strip().lstrip("&").strip()
    m = _OPENER.match(row)
    if m is not None:
        return _opened(row, m)
    if not after:
        return None
    cue = _CUE.match(row)
    if cue is not None:
        out = Problem("", "", cue=True)
        _constraints(row[cue.end() :], out)
        return out
    if after == "constraints" and _has_relation(row) and not _ORDER.match(row):
        out = Problem("", "", cue=True)
        _constraints(row, out)
        return out
    return None


def _opened(row: str, m: re.Match) -> Problem | None:
    """A row that opens with ``\\max``, ``\\min``, ``\\arg\\min``, "minimize": a problem when no
    relation stands outside its set braces and constraints."""
    operator = " ".join((m.group("uop") or m.group("op")).split())
    plain = operator in (r"\max", r"\min")
    rest = row[m.end() :]
    cue = next(_top_level_matches(_CUE, rest), None)
    objective, conditions = rest, ""
    if cue is not None:
        objective, conditions = rest[: cue.start()], rest[cue.end() :]
    objective = _tidy(objective)
    inside = _set_braces(objective)
    problem = Problem(operator, objective, cue=cue is not None)
    if inside is not None:
        colon = next(_top_level_matches(re.compile(r":|\\mid(?![A-Za-z])|\\colon"), inside), None)
        if colon is None:
            if next(_top_level_matches(re.compile(","), inside), None) is not None:
                return None  # \max\{0, 1 - y f(x)\}: the larger of listed values
            problem.objective = inside.strip()
        else:
            problem.objective = inside[: colon.start()].strip()
            _constraints(inside[colon.end() :], problem)
    elif _has_relation(objective) or (
        plain and not (m.group("sub") or m.group("subc") or m.group("under")) and cue is None
    ):
        return None  # \min_x f(x) = f(x^*), \max(a, b)
    if inside is not None and _has_relation(problem.objective):
        return None
    if conditions:
        _constraints(conditions, problem)
    return problem


def _set_braces(objective: str) -> str | None:
    r"""The inside of ``\{ ... \}`` when the objective is that and nothing else (``\left\{``,
    ``\big\{`` alike), else None."""
    m = re.fullmatch(
        r"(?:\\left|\\[bB]ig+l?)?\s*\\\{(.*)(?:\\right|\\[bB]ig+r?)?\s*\\\}", objective, re.DOTALL
    )
    if m is None:
        return None
    inside = m.group(1)
    inside = re.sub(r"(?:\\right|\\[bB]ig+r?)\s*$", "", inside)
    depth = 0
    for k, ch in enumerate(inside):
        if ch == "\\" and inside.startswith(("\\{", "\\}"), k):
            depth += 1 if inside[k + 1] == "{" else -1
            if depth < 0:
                return None  # \{a\} + \{b\}: two sets, not one
    return inside


def _constraints(text: str, problem: Problem) -> None:
    """The relations, memberships and dropped parts of ``text`` (what follows "subject to" or
    the ``:`` of a set), added to ``problem``."""
    quantifier = _QUANTIFIER.search(text)
    if quantifier is not None and quantifier.start() > 0:
        text = text[: quantifier.start()]
    parts, last = [], 0
    for cut in _top_level_matches(_SEPARATOR, text):
        parts.append(text[last : cut.start()])
        last = cut.end()
    parts.append(text[last:])
    k = 0
    while k < len(parts):
        body = _tidy(parts[k])
        if k + 1 < len(parts) and _DOTS.fullmatch(parts[k + 1]):
            k += 3  # i = 1, \dots, n: what a letter ranges over
            continue
        k += 1
        if not body:
            continue
        if _MEMBER.search(body):
            problem.memberships.append(body)
        elif _OTHER.search(body):
            problem.dropped.append((body, "not a relation derivax takes as a given"))
        else:
            links = _chain(body)
            if links:
                problem.constraints += links
            else:
                problem.dropped.append((body, "no relation"))


def _tidy(part: str) -> str:
    part = re.sub(r"^" + _SPACE, "", part)
    part = re.sub(_SPACE + r"[.]?" + _SPACE + r"$", "", part)
    return " ".join(part.split())


def _chain(body: str) -> list[Constraint]:
    """``0 \\le \\alpha_i \\le C``: one constraint per link of the chain (none without a relation)."""
    cuts = list(_top_level_matches(_ORDER, body))
    terms = []
    last = 0
    for c in cuts:
        terms.append(body[last : c.start()].strip())
        last = c.end()
    terms.append(body[last:].strip())
    if not cuts or not all(terms):
        return []
    return [
        Constraint(terms[k], _CANONICAL.get(c.group(0), c.group(0)), terms[k + 1])
        for k, c in enumerate(cuts)
    ]


def problem_links(
    problem: Problem,
    where: str,
    line: int,
    row: str,
    opened_at: int,
    take: Callable[[TextGiven], str],
) -> list[Link]:
    """What check-doc reports of a problem's row (the row at ``line``; the problem opened at line
    ``opened_at``): the problem itself, and each constraint, taken as a given by ``take`` (which
    answers "" or why it did not read)."""
    cue = f"a constraint of the optimization problem at line {opened_at}"
    out = []
    if problem.operator:
        said = [f"`{problem.operator}` of `{problem.objective}`" if problem.objective else ""]
        if problem.constraints:
            said.append("its constraints are givens for what follows (each said below)")
        elif not problem.cue:
            said.append("no constraint in this row")
        if problem.memberships:
            said.append(
                ", ".join(f"`{m}`" for m in problem.memberships)
                + " say what the declarations say and give nothing"
            )
        why = "an optimization problem, stated, not a claim: " + "; ".join(s for s in said if s)
        out.append(Link(where, line, row, "", "", "assumption", reason=why, kind="assumption"))
    for c in problem.constraints:
        refused = take(TextGiven(c.given, cue))
        why = f"{cue}: " + (
            "a given for what follows"
            if not refused
            else f"it does not read, so it is no given ({refused})"
        )
        line_of = line + row[: max(row.find(c.lhs), 0)].count("\n")
        out.append(
            Link(
                where,
                line_of,
                c.lhs,
                c.relation,
                c.rhs,
                "assumption",
                reason=why,
                kind="assumption",
            )
        )
    for text, reason in problem.dropped:
        line_of = line + row[: max(row.find(text), 0)].count("\n")
        out.append(
            Link(
                where,
                line_of,
                text,
                "",
                "",
                "assumption",
                reason=f"{cue}: {reason}, no given",
                kind="assumption",
            )
        )
    if not out:
        why = f"the constraints of the optimization problem at line {opened_at}: " + (
            "memberships, which say what the declarations say and give nothing"
            if problem.memberships
            else "none read"
        )
        out.append(Link(where, line, row, "", "", "assumption", reason=why, kind="assumption"))
    return out
