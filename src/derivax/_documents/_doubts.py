r"""Why a refutation found in a note may not refute what its author wrote.

A claim is checked with every name the note leaves undefined free. A failing point then refutes
the author's step only when nothing the text says of those names could make it hold. Each rule
here names such a case; the claim is then ``unknown``, with the reason and what would decide:

- the counterexample picks values of a function the note leaves unspecified (its convexity, a
  density's normalization may be what the step uses);
- a name the displays never define (an opaque ``L(\mu)``) is what the claim is about;
- a moment is equated to other quantities and the note never gives the variable's law;
- a name follows a recurrence derivax does not solve (``m_t = \beta m_{t-1} + \dots``);
- a name's definition or assumption did not read (``\mu := \mathbb{E}_X[X]`` in a spelling derivax
  does not take): the author gave it a meaning derivax did not get;
- an undeclared name written as applied to names, ``p_X(x)``, ``f(x, y)``, was read as a product
  and given a value in the counterexample: a density or function in the author's meaning, so
  the failing point refutes only the product reading. (``a(b + c)``, an expression in the
  parentheses, is a product in any reading and is not doubted.)

Side condition of every rule: it only ever turns ``refuted`` into ``unknown``, never the
converse, and never touches a proof.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ._claim import _opaque
from ._statements import names_in


def refutation_doubt(
    lhs: str,
    rhs: str,
    *,
    table,
    givens: list[str],
    counterexample: Mapping | None,
    undescribed: Callable[[], str],
    recurrences: Mapping[str, int],
    unreadable: Mapping[str, int],
    elsewhere: bool = False,
    one: bool = False,
) -> str:
    """The reason a refutation of ``lhs = rhs`` does not decide the author's step, or ``""``
    when it does."""
    product = _applied_as_product(f"{lhs} {rhs}", counterexample or {})
    if product:
        return (
            f"refuted only with `{product}` read as a product of `{product.split('(')[0]}` and "
            f"its parentheses: written so, it is a function or a density; declare "
            f"`{product.split('(')[0]}: function` (or define it) to decide"
        )
    applied = sorted(k for k in (counterexample or {}) if "(" in k)
    if applied:
        return (
            f"refuted only by choosing values of an unspecified function "
            f"({', '.join(applied[:3])}): the step depends on what the text assumes of "
            f"it; define it (`f(x) := ...`) or give the property to decide"
        )
    opaque = _opaque(f"{lhs} = {rhs}", table, givens)
    if opaque:
        return (
            f"refuted only with {opaque} as a free quantity: the note defines "
            f"nothing it depends on in its displays; define it (`L(\\mu) := ...`) or "
            f"give it (`derivax: given`) to decide"
        )
    loose = undescribed()
    if loose:
        return (
            f"refuted only by choosing a distribution of {loose}, which the note's "
            f"displays never give: the step equates a moment to an expression of other "
            f"quantities, so it depends on what the text says of {loose}; give its "
            f"distribution (`{loose.strip('`')} \\sim ...`) or its moments to decide"
        )
    names = names_in(f"{lhs} {rhs}")
    unread = sorted(names & set(unreadable))
    if unread:
        head = unread[0]
        return (
            f"refuted with `{head}` as a free quantity, but the text gives `{head}` a meaning at "
            f"line {unreadable[head]} that derivax could not read: undecided; write that "
            f"statement in a form derivax reads to decide"
        )
    # the iterates w^{(t)}, m_t follow the recurrence; the variable w, written plain, does not
    summed = [g for g in givens if re.search(r"\\(?:sum|prod)(?![A-Za-z])", g.split("=", 1)[-1])]
    if one and summed:
        return (
            f"refuted with `{summed[0].split('=')[0].strip()}` defined over all the examples, but "
            f"the text before the display says it works on one example, whose own quantity the "
            f"note does not write: undecided"
        )
    if elsewhere:
        free = _undefined(names, table, givens)
        if free:
            name = _as_written(free[0], f"{lhs} {rhs}")
            return (
                f"refuted with `{name}` as a free quantity, but the text before the display "
                f"enters a definition it refers to and the note does not hold: undecided; "
                f"define `{name}` in the note (or declare it) to decide"
            )
    mentioned = sorted(n for n in names & set(recurrences) if _stepped(f"{lhs} {rhs}", n))
    if mentioned:
        head = mentioned[0]
        return (
            f"refuted with `{head}` as a free quantity, but `{head}` follows the "
            f"recurrence at line {recurrences[head]}, which derivax does not solve: "
            f"undecided"
        )
    return ""


#: a letter, its subscript a character or a Greek letter, right before parentheses that hold
#: names only (``p_X(x)``, ``q_\phi(z \mid x)``, ``f(x, y)``)
_NAME = r"\\?[A-Za-z]+(?:_(?:\{\\?[A-Za-z0-9]+\}|\\[A-Za-z]+|[A-Za-z0-9]))?"
_APPLIED = re.compile(
    rf"(?<![\\A-Za-z])(?P<name>[A-Za-z](?:_(?:\{{\\?[A-Za-z0-9]+\}}|\\[A-Za-z]+|[A-Za-z0-9]))?)"
    rf"\s*(?:\\left)?\((?P<args>\s*{_NAME}\s*(?:(?:,|\||\\mid|;)\s*{_NAME}\s*)*)(?:\\right)?\)"
)


def _applied_as_product(latex: str, counterexample: Mapping) -> str:
    """``p_X(x)`` of the claim whose name the counterexample gave a value (so it was read as a
    free scalar multiplying its parentheses), or ``""``."""
    from ..symbols import canonical, plain

    for m in _APPLIED.finditer(latex):
        try:
            name = plain(canonical(m.group("name")))
        except Exception:  # a name the table's syntax does not take: not one it gave a value
            continue
        if name in counterexample:
            return f"{m.group('name')}({m.group('args').strip()})"
    return ""


def _stepped(text: str, head: str) -> bool:
    r"""Whether ``text`` writes ``head`` with a script (``w^{(t)}``, ``\mathbf{w}^{(t+1)}``, ``m_t``,
    ``\theta_{k-1}``) as a recurrence's iterates are written; a plain ``w`` is the variable."""
    letter = re.escape(head.lstrip("\\"))
    return re.search(rf"{letter}\}}?\s*(?:_|\^\s*\{{?\s*\()", text) is not None


def _undefined(names: set[str], table, givens: list[str]) -> list[str]:
    """The names of a claim that the table does not declare and no given defines."""
    from ._statements import head_of

    defined = {h[0] for g in givens if (h := head_of(g.split("=")[0])) is not None}
    out = []
    for n in sorted(names - defined):
        try:
            declared = table.resolve(n) is not None
        except Exception:
            declared = False
        if not declared:
            out.append(n)
    return out


#: a name as LaTeX writes it: a command with its braced argument (nested once), a command, a letter
_WRITTEN = re.compile(r"\\[A-Za-z]+\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z]")


def _as_written(name: str, text: str) -> str:
    """``name`` (as ``names_in`` spells it, ``\\hat\\mathbfy``) as ``text`` writes it
    (``\\hat{\\mathbf{y}}``), or ``name`` where no spelling of the text reads as it."""
    for m in _WRITTEN.finditer(text):
        if names_in(m.group(0)) == {name}:
            return m.group(0)
    return name
