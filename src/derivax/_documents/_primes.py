r"""Primes on names a note defines: ``u'`` after "let $u = 1 + e^{-x}$" is the derivative of
``u``, not a quantity of its own.

The variable is the one the chain differentiates by (``\frac{d}{dx}``, ``\frac{\partial}{\partial
a_j}`` at the head of the chain the claim belongs to), or else the one name the definition
depends on. The prime then becomes a given, ``u' = \frac{d}{dx}\left(1 + e^{-x}\right)``.

Side conditions, and what breaks each: a name followed by an argument (``\sigma'(x)``) is a
function's derivative, which the reader takes itself, so it is left alone; a primed name the note
defines or declares on its own (``w' = w/M``) is that quantity; a definition that depends on
several names with no derivative at the head of the chain (``u = x y``, then ``u'``) names no
variable (nor does a family ``g_i`` for a bare ``g'``), and the claim is then never refuted with ``u'`` read as a free quantity (it is left
undecided, saying why); neither is it when the variable the chain names is not in the definition
(the prime is then by some other variable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._statements import head_of, names_in

_PRIMED = re.compile(r"(?<![\\A-Za-z])(?P<name>[A-Za-z]|\\[A-Za-z]+)(?P<primes>'{1,2})(?!['\s]*\()")
_BRACED = r"((?:[^{}]|\{[^{}]*\})+?)"
_HEAD = re.compile(
    r"\\frac\s*\{\s*(?P<d>d|\\mathrm\{d\}|\\partial)\s*\}\s*\{\s*(?:d|\\mathrm\{d\}|\\partial)\s*"
    + _BRACED
    + r"\s*\}"
)
#: letters that are constants, not variables, in a definition
_CONSTANTS = {"e", r"\pi"}


@dataclass(frozen=True)
class Primes:
    """The givens that say what the primes of a claim mean, and why a refutation is withheld
    when some prime's variable is not known ("" when every prime was read)."""

    givens: tuple[str, ...] = ()
    undecided: str = ""


def primed_names(text: str, givens: list[str], head: str) -> Primes:
    """What each primed name of ``text`` means, when ``givens`` define its base and not itself;
    ``head`` is the first term of the chain the claim belongs to."""
    defined: dict[str, str] = {}
    for g in givens:
        left, sep, right = g.partition("=")
        if sep and head_of(left) is not None:
            defined.setdefault(left.strip(), right.strip())
    families = {h[0] for left in defined if (h := head_of(left)) is not None and h[1]}
    # J' with a definition of its own (J'(w) \triangleq ...): a name, not a derivative
    own = {
        (h[0], h[1].count("'"))
        for left in defined
        if (h := head_of(left)) is not None and "'" in h[1]
    }
    out: list[str] = []
    undecided = []
    for m in dict.fromkeys(x.group(0) for x in _PRIMED.finditer(text)):
        base, primes = m.rstrip("'"), "'" * (len(m) - len(m.rstrip("'")))
        name = head_of(base)
        if m in defined or name is None or (name[0], len(primes)) in own:
            continue
        if base not in defined:
            if name[0] in families:  # g' after g_i = e^{a_i}: which g_i, by what?
                undecided.append(f"`{m}`")
            continue
        value = defined[base]
        variable, d = _variable(head, value)
        if variable is None:
            undecided.append(f"`{m}`")
            continue
        order = "" if len(primes) == 1 else "^{2}"
        out.append(f"{m} = \\frac{{{d}{order}}}{{{d} {variable}{order}}}\\left({value}\\right)")
    why = ""
    if undecided:
        why = (
            f"{', '.join(undecided)} is the derivative of a name the note defines, by a variable "
            f"neither the chain (no \\frac{{d}}{{dx}} at its head) nor the definition (it depends "
            f"on several names) settles: undecided; write the derivative out"
        )
    return Primes(tuple(out), why)


def _variable(head: str, value: str) -> tuple[str | None, str]:
    """The variable a prime differentiates by, and the ``d`` to write it with."""
    names = names_in(value) - _CONSTANTS
    m = _HEAD.search(head)
    if m is not None:
        variable = m.group(2).strip()
        name = head_of(variable)
        if name is None or name[0] not in names:
            return None, "d"
        return variable, r"\partial" if m.group("d") == r"\partial" else "d"
    if len(names) == 1:
        return names.pop(), "d"
    return None, "d"
