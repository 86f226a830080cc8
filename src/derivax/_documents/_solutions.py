r"""A solution stated right after an equation to solve: ``X^\top X \theta = X^\top y`` then
``\theta = (X^\top X)^{-1} X^\top y``; ``\left|A - \lambda I\right| = 0`` then ``\lambda = \pm
\frac{7 + \sqrt{65}}{2}``.

The statement claims its values solve the equation, so each value is put into the equation (as a
given for the name) and the equation checked: a value that does not solve it refutes the step, and
the step is proved when every value does. A proof says the values are solutions, not that they
are all of them.

Side conditions, and what breaks each: the statement must follow the equation with nothing
between (a later ``\theta = \dots`` may solve something else); its left side is a bare name the
equation holds and its right side does not (``\theta = \theta - \eta g`` is an update), or that
name starred (``w^*`` after an equation in ``w``: the starred name is its solution); a name
the note already defines keeps its definition, and the statement is checked as before; ``\pm``
gives two values, ``a \pm b`` the values a + b and a - b, and a second ``\pm`` is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ._link import Link
from ._statements import head_of, names_in

_PM = re.compile(r"\\pm(?![A-Za-z])")


def values(rhs: str) -> list[str] | None:
    """The values ``rhs`` stands for: itself, or the two a ``\\pm`` gives; None for two."""
    found = _PM.findall(rhs)
    if not found:
        return [rhs]
    if len(found) > 1:
        return None
    before, after = _PM.split(rhs)
    if not before.strip():
        return [after.strip(), f"-\\left({after.strip()}\\right)"]
    before, after = before.strip(), after.strip()
    return [f"{before} + {after}", f"{before} - \\left({after}\\right)"]


_STAR = re.compile(r"\^(?:\{\s*(?:\*|\\star|\\ast)\s*\}|\*|\\star(?![A-Za-z])|\\ast(?![A-Za-z]))")


def _unstarred(lhs: str, equation: str) -> str:
    """``w`` for ``w^*`` (``\\mathbf{w^*}``, ``w^{\\star}``) when the equation holds ``w`` and
    not ``w^*``: the starred name is the solution, the optimum, of the equation in ``w``; any
    other left side as it is."""
    bare = _STAR.sub("", lhs, count=1)
    if bare == lhs or _STAR.search(equation):
        return lhs
    # w^*_{ridge}, w^*_{\text{MAP}}: a label after the star names which optimum, not an entry
    return _LABEL.sub("", bare, count=1)


#: a subscript of two or more letters, in a font or not, right after where the star was
_LABEL = re.compile(
    r"_\{\s*(?:\\(?:text|mathrm|rm|operatorname)\s*\{\s*[A-Za-z]{2,}\s*\}|[A-Za-z]{2,})\s*\}"
)


def solution_link(
    equation: tuple[str, str, int],
    lhs: str,
    rhs: str,
    defined: set[str],
    check: Callable[[str, str, str], Link],
) -> Link | None:
    """The step ``lhs = rhs`` checked as a solution of ``equation`` (its sides and line), or None
    when it is no solution of it. ``check(left, right, given)`` checks ``left = right`` with the
    given added."""
    eq_lhs, eq_rhs, eq_line = equation
    name = _unstarred(lhs, f"{eq_lhs} {eq_rhs}")
    head = head_of(name)
    if head is None or head[2] or head[0] in defined or head[0] in names_in(rhs):
        return None
    if head[0] not in names_in(f"{eq_lhs} {eq_rhs}"):  # fonts aside: \mathbf{w} is w
        return None
    written = values(rhs)
    if written is None:
        return None
    checked = [check(eq_lhs, eq_rhs, f"{name} = {v}") for v in written]
    statuses = {c.status for c in checked}
    which = f"the equation on line {eq_line}"
    if "unread" in statuses:
        return None
    if "refuted" in statuses:
        bad = next(c for c, v in zip(checked, written, strict=True) if c.status == "refuted")
        value = written[checked.index(bad)]
        reason = f"`{lhs} = {value}` does not solve {which}: {bad.reason}"
        return replace(bad, lhs=lhs, relation="=", rhs=rhs, reason=reason)
    first = checked[0]
    if statuses == {"proved"}:
        reason = f"each value, put into {which}, solves it (not that there are no others)"
        return replace(first, lhs=lhs, relation="=", rhs=rhs, status="proved", reason=reason)
    reason = f"put into {which}, not every value was decided: " + "; ".join(
        f"{c.status}: {c.reason}" for c in checked
    )
    return replace(
        first, lhs=lhs, relation="=", rhs=rhs, status="unknown", counterexample=None, reason=reason
    )


def solved(reading, where: str, line: int, lhs: str, rel: str, rhs: str, kind) -> Link | None:
    """The statement checked as a solution of the equation right before it, or None; keeps the
    reading's last equation (``reading.last_equation``) for the statement after this one."""
    eq, reading.last_equation = reading.last_equation, None
    solving = kind.kind == "claim" or (kind.kind == "equation" and "step of solving" in kind.why)
    if eq is not None and rel == "=" and solving:
        found = solution_link(eq, lhs, rhs, _defined(reading), _with_given(reading, where, line))
        if found is not None:
            return found
    # w^* = ... right after the objective: a claim about its optimum, also where the starred
    # name is new (taken for a definition of it)
    starred = solving or (kind.kind == "definition" and _STAR.search(lhs) is not None)
    if eq is None and rel == "=" and starred and reading.last_objective is not None:
        found = _optimum(reading, where, line, lhs, rhs)
        if found is not None:
            reading.last_objective = None
            return found
    if kind.kind == "equation" and rel == "=":
        reading.last_equation = (lhs, rhs, line)
    head = head_of(lhs)
    objective = kind.kind == "definition" and head is not None and len(names_in(head[2])) == 1
    reading.last_objective = (lhs, line) if objective else None
    return None


def _optimum(reading, where: str, line: int, lhs: str, rhs: str) -> Link | None:
    r"""``w^* = \dots`` (``\mathbf{w^*_{ridge}}``) right after the definition of an objective of
        ``w`` (``\mathcal{L}(\mathbf{w}) = \dots``, the row before it): the starred name is its
        optimum, so the value is put into the first-order condition ``
    abla_w \mathcal{L}(w) = 0``.
        A value that does not solve it is no optimum (refuted); one that does is a stationary point
        (proved, saying so: for a convex objective, its minimiser). Side conditions: the objective
        is defined on one plain parameter, the row right before with no text between, and the
        starred name is that parameter starred; an objective under constraints is no such case (its
        optimum need not be stationary), and a constraint given between the two leaves it."""
    objective, at = reading.last_objective
    head = head_of(objective)
    if head is None or _STAR.search(lhs) is None:
        return None
    param = head[2]
    name = head_of(_unstarred(lhs, objective))  # the star is there: _unstarred removes it
    if name is None or name[1] or name[2] or name[0] not in names_in(param):
        return None  # w^*_i, w^*(t): not the parameter itself
    equation = (rf"\nabla_{{{param}}} {objective}", "0", at)
    check = _with_given(reading, where, line)
    found = solution_link(equation, lhs, rhs, _defined(reading) - names_in(param), check)
    if found is None:
        return None
    said = f"the optimum of `{objective}` (line {at}): where its gradient is 0; "
    if found.status == "proved":
        said = (
            f"a stationary point of `{objective}` (line {at}), its minimiser where it is convex; "
        )
    return replace(found, reason=said + found.reason)


def _defined(reading) -> set[str]:
    """The names the reading's givens define."""
    return {h[0] for g in reading.givens if (h := head_of(g.split("=")[0])) is not None}


def _with_given(reading, where: str, line: int) -> Callable[[str, str, str], Link]:
    """``check(left, right, given)``: ``left = right`` checked with ``given`` added for it."""

    def check(left: str, right: str, given: str) -> Link:
        reading.givens.append(given)
        try:
            return reading.check(where, line, left, "=", right, (), ())
        finally:
            reading.givens.remove(given)

    return check
