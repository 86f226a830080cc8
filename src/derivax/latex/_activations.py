r"""Activation functions with no parameter, written by name (``\operatorname{GELU}(x)``,
``\mathrm{SiLU}(x)``), read as their definitions in functions derivax knows: GELU is
``x \Phi(x) = \frac{x}{2}(1 + \operatorname{erf}(x / \sqrt{2}))`` (the exact form of Hendrycks
and Gimpel, not the tanh approximation), SiLU is ``x \sigma(x)``, Mish is
``x \tanh(\operatorname{softplus}(x))`` and softsign ``\frac{x}{1 + |x|}``.

Side conditions: the word is not declared (a user's own ``GELU: function`` stays theirs) and is
applied to one argument in parentheses. Those with a parameter the text does not give (LeakyReLU's
slope, ELU's scale, Swish's beta) are refused by the reader, naming what to write.
"""

from __future__ import annotations

from ..symbols import SymbolTable
from ._lex import Tok, find_close, lex

_STYLES = frozenset({r"\operatorname", r"\mathrm", r"\text", r"\textrm", r"\mathsf"})
_ARG = r"\argumentplaceholder"
_BETA_AT = r"\betaplaceholder"
#: the definition of each, ``_ARG`` where the argument goes (in parentheses)
_DEFINITIONS = {
    "gelu": (
        rf"\frac{{{_ARG}}}{{2}} \odot \left(1 + \operatorname{{erf}}\left(\frac{{{_ARG}}}{{\sqrt{{2}}}}\right)\right)",
        "x \\Phi(x) = \\frac{x}{2}(1 + \\operatorname{erf}(x / \\sqrt{2}))",
    ),
    "silu": (rf"{_ARG} \odot \sigma\left({_ARG}\right)", "x \\sigma(x)"),
    "mish": (
        rf"{_ARG} \odot \tanh\left(\operatorname{{softplus}}\left({_ARG}\right)\right)",
        "x \\tanh(\\operatorname{softplus}(x))",
    ),
    "softsign": (rf"\frac{{{_ARG}}}{{1 + \left|{_ARG}\right|}}", "\\frac{x}{1 + |x|}"),
    # only with its beta as a subscript, \operatorname{Swish}_\beta(x) (see _applied_word)
    "swish": (rf"{_ARG} \odot \sigma\left({_BETA_AT} {_ARG}\right)", "x \\sigma(\\beta x)"),
}


def activations_defined(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each named activation written out, and the rules applied."""
    out: list[Tok] = []
    rules: list[str] = []
    k = 0
    while k < len(toks):
        found = _applied_word(toks, k, table)
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        word, paren, beta = found
        close = find_close(toks, paren, latex)
        at = toks[k].pos
        argument = [Tok("(", at), *toks[paren + 1 : close], Tok(")", at)]
        template, shown = _DEFINITIONS[word.lower()]
        if beta:  # \operatorname{Swish}_\beta(x) = x \sigma(\beta x)
            argument_beta = [Tok("(", at), *beta, Tok(")", at)]
            shown = "x \\sigma(\\beta x)"
        else:
            argument_beta = []
        # the definition in parentheses of its own: \operatorname{GELU}(x)^2 squares all of it
        out.append(Tok("(", at))
        for t in lex(template):
            if t.text == _BETA_AT:
                out += argument_beta
            else:
                out += argument if t.text == _ARG else [Tok(t.text, at, t.side)]
        out.append(Tok(")", at))
        rule = f"`\\operatorname{{{word}}}(x)` is ${shown}$"
        if rule not in rules:
            rules.append(rule)
        k = close + 1
    return out, rules


def _applied_word(toks: list[Tok], k: int, table: SymbolTable) -> tuple[str, int, list[Tok]] | None:
    """``(word, index of its opening parenthesis, parameter)`` for ``\\operatorname{GELU}(`` at
    ``k``; the parameter (Swish's beta, ``\\operatorname{Swish}_1(``) as its tokens."""
    if toks[k].text not in _STYLES or k + 1 >= len(toks) or toks[k + 1].text != "{":
        return None
    m = k + 2
    while m < len(toks) and toks[m].text.isalpha() and len(toks[m].text) == 1:
        m += 1
    word = "".join(t.text for t in toks[k + 2 : m])
    if m >= len(toks) or toks[m].text != "}" or word.lower() not in _DEFINITIONS:
        return None
    paren, beta = m + 1, []
    if word.lower() == "swish":
        # \operatorname{Swish}_{1}(x): the subscript is beta, one token or a braced group
        if paren + 1 >= len(toks) or toks[paren].text != "_":
            return None
        if toks[paren + 1].text == "{":
            shut = find_close(toks, paren + 1, "")
            beta, paren = toks[paren + 2 : shut], shut + 1
        else:
            beta, paren = [toks[paren + 1]], paren + 2
        if not beta:
            return None
    if (
        paren >= len(toks)
        or toks[paren].text != "("
        or table.resolve(word)
        or table.resolve(rf"\mathrm{{{word}}}")
    ):
        return None
    return word, paren, beta
