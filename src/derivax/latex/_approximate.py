r"""An approximation that defines: ``r_{\mathrm{adv}} \approx \epsilon g / \|g\|_2``,
``G(u)(y) \approx \sum_k b_k t_k + b_0``. A paper writes ``\approx`` where the right side is the
quantity it computes in place of one it cannot (a power-iteration estimate, a network's output):
the left side is a name of its own, so the formula defines it, and its value is the right side's.

Side conditions, each with the case that would break it: one ``\approx``, outside every bracket
(``a \approx b \approx c`` is a chain); the left side reads as names the table does not declare
or a function applied (``e^x \approx 1 + x`` states an approximation between two quantities,
which has no exact meaning to prove, and stays refused); the right side does not hold the left
(``x \approx f(x)`` is a fixed point) and holds a declared name (``a \approx b`` with neither
declared states an approximation, as ``e^x \approx 1 + x`` does). Checking never decides such a reading: a claim or a given
read this way is refused by the verifier (``derivax._reading``), since ``\approx`` is no equality.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from .._calculus_nodes import Approximately, LabelledDefinition
from .._errors import ParseError
from ..symbols import DECORATIONS, GREEK_SET, STYLES
from ._lex import Tok
from ._vocabulary import _UNSUPPORTED, DEFINING

_OPEN, _CLOSE = frozenset({"(", "[", "{", r"\{"}), frozenset({")", "]", "}", r"\}"})

RULE = (
    "`A \\approx B` with `A` a name of its own is read as the definition of `A`: its value is "
    "that of `B`, the approximation the formula computes (no claim of approximation is checked)"
)


#: why a claim or a given written with ``\\approx`` is not decided (the verifier says it)
APPROXIMATION_NOT_DECIDED = _UNSUPPORTED[r"\approx"]


def approx_at(toks: list[Tok]) -> Tok | None:
    """The one top-level ``\\approx`` of ``toks``, or None (none, or more than one)."""
    depth, found = 0, []
    for t in toks:
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text == r"\approx":
            found.append(t)
    return found[0] if len(found) == 1 else None


def read_approximate(latex: str, op: Tok, table, defined, reading):
    """The ``Reading`` of ``A \\approx B`` as the definition of ``A`` (see the module's side
    conditions), or the refusal of ``\\approx`` where ``A`` is no name of its own."""
    refusal = ParseError(APPROXIMATION_NOT_DECIDED, latex, op.pos)
    left = latex[: op.pos].strip()
    if not left or table.resolve(left) is not None:
        raise refusal
    # the same positions, so that a message about the right side points where the user wrote it
    as_equation = latex[: op.pos] + "=" + " " * (len(op.text) - 1) + latex[op.pos + len(op.text) :]
    r = reading(as_equation, table, defined)
    expr = r.expr
    if not isinstance(expr, sympy.Equality) or not _defines(expr, r.undeclared):
        raise refusal
    from ._parse import Reading  # the reader's result type; _parse calls this module

    return Reading(
        Approximately(expr.lhs, expr.rhs, evaluate=False), r.undeclared, (*r.rules, RULE)
    )


def _defines(expr: sympy.Equality, undeclared: dict) -> bool:
    """The left side is a name of its own: an unspecified function applied, or letters the table
    does not declare (``G(u)(y)`` reads as such a product), none of which the right side holds."""
    lhs, rhs = expr.lhs, expr.rhs
    heads = lhs.atoms(AppliedUndef) if isinstance(lhs, AppliedUndef) else lhs.free_symbols
    if not heads or not all(isinstance(h, AppliedUndef) or h.name in undeclared for h in heads):
        return False
    held = rhs.atoms(AppliedUndef) | rhs.free_symbols
    if all(getattr(h, "name", str(h)) in undeclared for h in rhs.free_symbols):
        return False  # nothing declared to compute from: `a \\approx b` states, defines nothing
    return not (heads & held) and not any(
        h.func in {a.func for a in held} for h in lhs.atoms(AppliedUndef)
    )


#: why a claim whose left side is only a label is not decided (the verifier says it)
LABEL_NOT_DECIDED = (
    "the left side of this formula is not read, only named (it labels what the right side "
    "computes): as a claim it has no meaning to prove or refute; write the left side as "
    "derivax reads it"
)


def read_labelled(latex: str, toks: list[Tok], table, defined, reading):
    """``d_c(\\mathbf{0}, x) = \\frac{2}{\\sqrt{c}} \\tanh^{-1}(\\sqrt{c} \\|x\\|)``,
    ``\\exp_{\\mathbf{0}}^c(v) = \\dots``: a definition whose left side names what it defines in
    notation derivax does not read (a base point, a function of the origin). The formula's
    value is its right side's, and the left side its label; None where that does not hold.

    Side conditions, each with the case that would break it: one defining sign outside every
    bracket (``a = b = c`` is a chain); the left side is a head (a name or a command, with
    scripts and argument lists, no ``+`` or ``-`` outside brackets: ``x + \\mathbf{0} = x`` is
    a claim about a sum) that does not read on its own, while the right side does and holds a
    declared name. Checking never decides such a formula (``derivax._reading`` refuses it)."""
    depth, signs = 0, []
    for k, t in enumerate(toks):
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text in DEFINING | {r"pprox"}:
            signs.append(k)
    if len(signs) != 1 or signs[0] == 0 or toks[signs[0]].text == r"pprox":
        return None
    op = toks[signs[0]]
    if signs[0] + 1 >= len(toks):
        return None
    # the text after the sign (`:=` lexes to one `=` at the colon)
    head, body = toks[: signs[0]], latex[toks[signs[0] + 1].pos :]
    depth = 0
    for t in head:
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text in ("+", "-", r"\pm", r"\cdot", r"	imes"):
            return None
    if not _a_head(head[0].text) or any(t.text in _NO_HEAD for t in head):
        return None
    left = latex[: op.pos].strip()
    try:
        reading(left, table, defined)
        return None  # the left side reads: the failure lies elsewhere
    except ParseError:
        pass
    try:
        r = reading(body, table, defined)
    except ParseError:
        return None
    if isinstance(r.expr, sympy.core.relational.Relational):
        return None
    if all(getattr(h, "name", str(h)) in r.undeclared for h in r.expr.free_symbols):
        return None
    rule = (
        f"the left side `{left}` is not read; it labels what the formula gives, the right side "
        f"(write it as derivax reads it to check the formula as a claim)"
    )
    label = sympy.Symbol(left)
    return _reading_type()(
        LabelledDefinition(label, r.expr, evaluate=False), r.undeclared, (*r.rules, rule)
    )


#: the commands that start a name: a style or a decoration of a letter, an upright word
_NAME_COMMANDS = frozenset(
    {*(rf"\{s}" for s in STYLES), *(rf"\{d}" for d in DECORATIONS)}
    | {r"\mathrm", r"\mathcal", r"\text", r"\operatorname", r"\mathsf", r"\textrm"}
)

#: commands a left side that only names what it defines never holds (a sum, a derivative)
_NO_HEAD = frozenset(
    {r"\sum", r"\prod", r"\int", r"\frac", r"\lim", r"\max", r"\min", r"\sup", r"\inf"}
    | {r"\nabla", r"\partial", r"\mathbb"}
)


def _a_head(first: str) -> bool:
    """A letter, a Greek letter, a styled or decorated name, or a function's name (``\\exp``,
    ``\\log``); a mark (``\\cancel``), a norm's bars or any other command is no head."""
    if len(first) == 1:
        return first.isalpha()
    return first[1:] in GREEK_SET | {"ell", "exp", "log"} or first in _NAME_COMMANDS


def _reading_type():
    from ._parse import Reading  # the reader's result type; _parse calls this module

    return Reading
