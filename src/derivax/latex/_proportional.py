r"""Proportionality, ``A \propto B`` (a posterior up to its normalizer, a density up to its
constant): the sides differ by a factor free of the variable the claim is about.

That variable is, in order: the subscript of the sign (``\propto_{\theta}``); the variable of
a density on the left (``p(\theta \mid x) \propto ...``, ``\pi(\theta) \propto ...``); the one
letter both sides hold. With none of these, the claim is about every letter both sides hold (it
holds where the ratio is free of all of them, fails where it depends on all of them, and is
undecided otherwise, naming which). Side conditions: one ``\propto`` per claim, outside every
bracket; the variable is a scalar letter.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from .. import _functions as F
from .._errors import ParseError
from ._definite import read_by_sides
from ._lex import Tok

_OPEN, _CLOSE = frozenset({"(", "[", "{", r"\{"}), frozenset({")", "]", "}", r"\}"})


def propto_at(toks: list[Tok], latex: str) -> Tok | None:
    """The one top-level ``\\propto`` of ``toks``, or None; two are refused."""
    depth, found = 0, []
    for t in toks:
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text == r"\propto":
            found.append(t)
    if len(found) > 1:
        raise ParseError("one `\\propto` per claim; split the chain", latex, found[1].pos)
    return found[0] if found else None


def _subscript(latex: str, op: Tok) -> tuple[str, int]:
    """The variable written under the sign (``\\propto_{\\theta}``, ``\\propto_x``) and where the
    right side starts."""
    rest = latex[op.pos + len(op.text) :]
    stripped = rest.lstrip()
    if not stripped.startswith("_"):
        return "", op.pos + len(op.text)
    at = len(rest) - len(stripped) + 1
    body = rest[at:].lstrip()
    at += len(rest[at:]) - len(body)
    if body.startswith("{"):
        close = body.index("}")
        return body[1:close].strip(), op.pos + len(op.text) + at + close + 1
    word = body.split()[0] if body.split() else ""
    name = word if word.startswith("\\") else word[:1]
    return name, op.pos + len(op.text) + at + len(name)


def _density_variable(lhs) -> sympy.Symbol | None:
    """``\\theta`` of ``p(\\theta \\mid x)`` or ``\\pi(\\theta)``: the one letter a density on the
    left is of."""
    if not isinstance(lhs, AppliedUndef) or len(lhs.args) != 1:
        return None
    (arg,) = lhs.args
    if isinstance(arg, F.Given):
        arg = arg.args[0]
    return arg if isinstance(arg, sympy.Symbol) else None


def proportional(latex: str, op: Tok, read, note) -> sympy.Basic:
    """The claim ``lhs \\propto rhs``, each side read by ``read(text)``; ``note`` records the rule."""
    under, right_at = _subscript(latex, op)
    left_text, right_text = latex[: op.pos], latex[right_at:]
    if not left_text.strip() or not right_text.strip():
        raise ParseError("`\\propto` needs an expression on each side", latex, op.pos)
    lhs, rhs = read(left_text), read(right_text)
    if under:
        variable = read(under)
        if not isinstance(variable, sympy.Symbol):
            raise ParseError(
                f"`\\propto_{{{under}}}`: the variable under the sign is one scalar letter",
                latex,
                op.pos,
            )
        how = "written under the sign"
    else:
        variable = _density_variable(lhs)
        how = "the variable of the density on the left"
        if variable is None:
            shared = set(F.real_letters(lhs)) & set(F.real_letters(rhs))
            variable = next(iter(shared)) if len(shared) == 1 else None
            how = "the one letter both sides hold"
    if variable is not None:
        note(f"`\\propto` is about `{variable}` ({how}): the sides differ by a factor free of it")
    else:
        note("`\\propto` names no variable: the sides differ by a factor free of every letter")
    return F.Proportional(lhs, rhs, variable)


def read_proportional(latex: str, op: Tok, table, defined, reading):
    """The ``Reading`` of a claim of proportionality, each side read by ``reading``."""
    return read_by_sides(proportional, latex, op, table, defined, reading)
