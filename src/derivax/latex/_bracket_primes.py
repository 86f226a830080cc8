r"""A prime written after a bracket: ``(x^2)'``, ``[\log(1 + e^x)]'``, ``\sigma(x)'``,
``\sqrt{x}'``, ``(x^3)''``, the derivative of what the bracket holds, read before the rest.

Without this rule the prime was dropped: ``(x^2)' = x^2`` was proved and ``(x^2)' = 2x``
refuted. The bracket's content is read on its own; where it depends on exactly one scalar
variable, the prime is the derivative by that variable (as calculus texts write it), written out
as ``\frac{d^k}{dv^k}`` before the bracket, and the rule is listed.

Side conditions, and the case that breaks each: content with two or more variables (``(a x +
b)'``), with none (a constant, or unapplied functions ``(u v)'``), or with an array (``(A B)'``,
a transpose or a derivative) is refused, saying what to write; a prime after ``|x|`` or after a
bracket derivax cannot delimit is refused the same way. A prime on a name (``f'(x)``, ``x'``) is
not this rule's: the names' readers take it.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._errors import DerivaxError, ParseError
from ._lex import Tok, lex

_CLOSE = {")": "(", "]": "[", "}": "{"}
#: commands applied to the bracket after them, part of what is differentiated
_APPLIED = frozenset(
    rf"\{n}"
    for n in ("sigma", "exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "tan", "sqrt")
)


def bracket_primes(
    toks: list[Tok], latex: str, read: Callable[[str], sympy.Basic]
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each bracket followed by primes written as a derivative, and the rules."""
    if not any(t.text in ("'", r"\prime") for t in toks):
        return toks, []
    toks = list(toks)
    out: list[Tok] = []
    rules: list[str] = []
    for k, t in enumerate(toks):
        if t.text not in ("'", r"\prime") or not out or out[-1].text in ("'", r"\prime"):
            out.append(t)
            continue
        if out[-1].text not in (*_CLOSE, "|", r"\|") or _styled_name(out):
            out.append(t)  # a prime on a name (x', \mathbf{x}'): the names' readers take it
            continue
        order = 1
        while k + order < len(toks) and toks[k + order].text in ("'", r"\prime"):
            order += 1
        start = _start(out, latex, t)
        inner = latex[out[start].pos : out[-1].pos + len(out[-1].text)]
        var = _variable(inner, read, latex, t)
        power = "" if order == 1 else f"^{{{order}}}"
        written = lex(rf"\frac{{d{power}}}{{d {sympy.latex(var)}{power}}}")
        out[start:start] = [Tok(x.text, out[start].pos) for x in written]
        rules.append(f"`{inner}{chr(39) * order}` is the derivative of order {order} by `{var}`")
        toks[k + 1 : k + order] = [Tok(" ", t.pos)] * (order - 1)  # the run is read once
    return [x for x in out if x.text != " "], rules


def _styled_name(out: list[Tok]) -> bool:
    """Whether ``out`` ends with a styled or decorated name, ``\\mathbf{x}``, ``\\hat{y}``: a
    group after a command other than ``\\sqrt`` and the fractions'."""
    if out[-1].text != "}":
        return False
    depth, j = 0, len(out) - 1
    while j >= 0:
        depth += {"}": 1, "{": -1}.get(out[j].text, 0)
        if depth == 0:
            break
        j -= 1
    before = out[j - 1].text if j >= 1 else ""
    return before.startswith("\\") and before not in (r"\sqrt", r"\frac", r"\dfrac", r"\tfrac")


def _start(out: list[Tok], latex: str, t: Tok) -> int:
    """The index in ``out`` where the bracket (with a function command or ``\\sqrt`` before it,
    or both groups of a ``\\frac``) that the prime follows begins."""
    close = out[-1].text
    if close not in _CLOSE:
        raise _refused(latex, t, "after a bar")
    depth, j = 0, len(out) - 1
    while j >= 0:
        x = out[j].text
        depth += 1 if x == close else -1 if x == _CLOSE[close] else 0
        if depth == 0:
            break
        j -= 1
    if j < 0:
        raise _refused(latex, t, "after a bracket derivax cannot delimit")
    if close == "}" and j >= 1 and out[j - 1].text == "}":  # \frac{a}{b}'
        depth, m = 0, j - 1
        while m >= 0:
            x = out[m].text
            depth += 1 if x == "}" else -1 if x == "{" else 0
            if depth == 0:
                break
            m -= 1
        if m >= 1 and out[m - 1].text == r"\frac":
            return m - 1
    if j >= 1 and out[j - 1].text in _APPLIED:
        return j - 1
    if close == "}":
        raise _refused(latex, t, "after a group")
    return j


def _variable(inner: str, read: Callable[[str], sympy.Basic], latex: str, t: Tok) -> sympy.Symbol:
    try:
        expr = read(inner)
    except DerivaxError:
        raise _refused(latex, t, f"after `{inner}`, which derivax cannot read alone") from None
    if isinstance(expr, MatrixExpr) or expr.atoms(MatrixExpr):
        raise _refused(latex, t, f"on `{inner}`, an array (a transpose or a derivative)")
    free = sorted(
        (s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and not s.is_integer),
        key=str,
    )
    if len(free) != 1 or expr.atoms(sympy.Indexed):
        which = ", ".join(f"`{s}`" for s in free) or "no variable"
        raise _refused(latex, t, f"on `{inner}`, which depends on {which}")
    return free[0]


def _refused(latex: str, t: Tok, where: str) -> ParseError:
    return ParseError(
        f"a prime {where}: derivax reads a prime after a bracket as the derivative by the one "
        f"variable the bracket holds; write the derivative with its variable, "
        f"`\\frac{{d}}{{dx}}\\left(\\dots\\right)`",
        latex,
        t.pos,
    )
