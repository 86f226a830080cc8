r"""A slash before a product: ``a / b c`` is ``a / (b c)`` in the one form where the field means
that, and refused where it does not say.

``x / 2\sigma^2``, ``D_{ij} / 2\sigma_i^2``, ``1/2m`` and ``x/yz`` (a number or a letter and one
name after it, written together) divide by the whole product, as papers mean the Gaussian's
exponent and a course's ``1/2m``. Any other product after a slash is read both ways by readers:
``1/2 \|w\|^2`` and ``\lambda/2 \|w\|^2`` are half the squared norm, ``1/n \sum_i`` is the
mean, ``1/\sqrt{2\pi} e^{-x^2/2}`` the density, while the same rule would divide by all of it (and
turn the density into its inverse). Such a formula is refused, naming both readings and the
spellings that decide (``\frac{1}{2} \|w\|^2``, ``1/(2 \|w\|^2)``).

Side conditions, and the case that breaks each: the product ends at ``+``, ``-``, a relation, a
comma, an explicit ``\cdot`` or ``\times`` (``a / b \cdot c`` is (a / b) c, left to right), or
the bracket that holds it; ``x / 2 \sigma^2`` written with a space between the number and the
name is refused too (the space is the author's only sign of the grouping, and it points the other
way).
"""

from __future__ import annotations

import re

from .._errors import ParseError
from ..symbols import GREEK_SET
from ._lex import Tok, find_close

_ENDS = {
    "+",
    "-",
    "=",
    "<",
    ">",
    ",",
    "&",
    r"\\",
    r"\cdot",
    r"\times",
    r"\le",
    r"\ge",
    r"\leq",
    r"\geq",
    r"\ne",
    r"\neq",
    r"\approx",
    r"\quad",
    r"\qquad",
    "/",
    r"\mid",
    ";",
}
_BARS = ("|", r"\|")
_CLOSERS = {
    ")",
    "]",
    "}",
    r"\}",
    r"\rangle",
    r"\right",
    r"\rfloor",
    r"\rceil",
    r"\rvert",
    r"\rVert",
    r"\big",
    r"\Big",
    r"\bigr",
    r"\Bigr",
}
_OPENERS = {"(", "[", "{", r"\{", r"\langle"}


def _letter(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]", text)) or (
        text.startswith("\\") and text[1:] in GREEK_SET
    )


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?", text))


def _scripts(toks: list[Tok], j: int, latex: str) -> int:
    """The index after the scripts and primes at ``j`` (``\\delta'``, ``x_i^2``)."""
    while j < len(toks):
        if j + 1 < len(toks) and toks[j].text in ("_", "^"):
            j = find_close(toks, j + 1, latex) + 1 if toks[j + 1].text == "{" else j + 2
        elif toks[j].text in ("'", r"\prime"):
            j += 1
        else:
            break
    return j


def _argument_list(toks: list[Tok], j: int, latex: str) -> int | None:
    """The index after a parenthesis at ``j`` that holds an argument list (a top-level ``,``,
    ``;`` or ``\\mid``: ``\\pi(y \\mid x)``, never a factor of a product); None otherwise."""
    if j >= len(toks) or toks[j].text != "(":
        return None
    close, depth = find_close(toks, j, latex), 0
    for t in toks[j + 1 : close]:
        depth += (t.text in _OPENERS) - (t.text in (")", "]", "}", r"\}"))
        if depth == 0 and t.text in (",", ";", r"\mid"):
            return close + 1
    return None


def _factor_end(toks: list[Tok], j: int, latex: str) -> int:
    """The index after the factor at ``j``: a number, a name, a bracket, a group or a norm, or a
    command with its braced arguments, each with its scripts (anything else is one token)."""
    t = toks[j].text
    if t in _OPENERS:
        return _scripts(toks, find_close(toks, j, latex) + 1, latex)
    if t in _BARS:
        close = next((k for k in range(j + 1, len(toks)) if toks[k].text == t), len(toks) - 1)
        return _scripts(toks, close + 1, latex)
    k = j + 1
    if t.startswith("\\"):
        if k < len(toks) and toks[k].text == "[":  # \sqrt[3]{x}
            k = find_close(toks, k, latex) + 1
        while k < len(toks) and toks[k].text == "{":
            k = find_close(toks, k, latex) + 1
        if t[1:] in _CALLS:
            # a function applied to its parenthesized arguments is one factor: g / \max(1, x)
            k = _scripts(toks, k, latex)
            if k + 1 < len(toks) and toks[k].text == r"\left" and toks[k + 1].text in _OPENERS:
                return _scripts(toks, find_close(toks, k + 1, latex) + 1, latex)
            if k < len(toks) and toks[k].text == "(":
                return _scripts(toks, find_close(toks, k, latex) + 1, latex)
    k = _scripts(toks, k, latex)
    # a name applied to an argument list is one factor: 1 / \pi^{\mathrm{SFT}}(y \mid x)
    return _argument_list(toks, k, latex) or k


#: commands that apply to parenthesized arguments (a call, one factor after a slash)
_CALLS = frozenset(
    "max min exp log ln sqrt sin cos tan sinh cosh tanh sigma operatorname mathrm det tr "
    "Gamma erf".split()
)


def _together(latex: str, a: Tok, b: Tok) -> bool:
    """Nothing but the tokens between ``a`` and ``b`` in the source: no space."""
    return a.pos + len(a.text) == b.pos


def refuse_ambiguous_slashes(toks: list[Tok], latex: str) -> None:
    """Raise for a slash before a product that the field reads both ways (the module says which
    products pass)."""
    for i, t in enumerate(toks):
        if t.text != "/" or i + 1 >= len(toks):
            continue
        starts, j = [], i + 1
        # a bar after the slash closes a norm the slash is inside (an odd count before it)
        inside = {b for b in _BARS if sum(x.text == b for x in toks[:i]) % 2 == 1}
        while (
            j < len(toks)
            and toks[j].text not in _ENDS
            and toks[j].text not in _CLOSERS
            and toks[j].text not in inside
        ):
            if toks[j].text in (r"\sum", r"\prod", r"\int"):
                starts.append(j)
                break
            starts.append(j)
            j = _factor_end(toks, j, latex)
        if len(starts) < 2:
            continue
        first, second = toks[starts[0]], toks[starts[1]]
        if (
            len(starts) == 2
            and (_number(first.text) or _letter(first.text))
            and _letter(second.text)
            and _together(latex, toks[starts[1] - 1], second)
        ):
            continue  # x / 2\sigma^2, 1/2m, x/yz: the whole product
        end = toks[min(j, len(toks)) - 1]
        written = latex[t.pos : end.pos + len(end.text)]
        raise ParseError(
            f"`{written.strip()}`: a slash before a product is read two ways, dividing by the "
            f"whole product or by its first factor alone (`1/2 \\|w\\|^2` is half the squared "
            f"norm); write `\\frac{{a}}{{b}} c` or `a / (b c)` to say which",
            latex,
            t.pos,
        )
