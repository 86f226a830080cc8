"""Statements of a kind derivax has no decision procedure for yet (a supremum over a set, a set in
set-builder notation, a quantifier), named as such: a note's reader sees what kind of step was
left unchecked, not a parser's complaint about a command."""

from __future__ import annotations

from ._lex import Tok

#: the phrase every such refusal carries (check-doc groups its unread links by it)
UNDECIDED_KIND = "a kind of statement derivax does not decide yet"

#: operators over sets and sequences derivax does not read, and what each one is
_OPERATORS = {
    r"\sup": "a supremum",
    r"\inf": "an infimum",
    r"\limsup": "a limit superior",
    r"\liminf": "a limit inferior",
    r"\esssup": "an essential supremum",
}
_QUANTIFIERS = {r"\forall": "for all", r"\exists": "there exists", r"\nexists": "there is no"}


def undecided(toks: list[Tok], i: int) -> str:
    """Why the token at ``toks[i]`` starts a statement of a kind derivax does not decide, or ``""``."""
    x = toks[i].text
    if x in _OPERATORS:
        return (
            f"`{x}` ({_OPERATORS[x]}) is {UNDECIDED_KIND}: derivax reads `\\max` and `\\min` over "
            f"an index and `\\lim` of an expression; write the value it takes, or leave the step "
            f"to a reader"
        )
    if x in _QUANTIFIERS:
        return (
            f"`{x}` ({_QUANTIFIERS[x]}) makes the row {UNDECIDED_KIND}; write the claim alone and "
            f"its domain in the symbol table (`x: vector[n]`, `t: scalar, positive`), which every "
            f"claim holds for all of"
        )
    if x == r"\mid" and any(u.text == r"\{" for u in toks[:i]):
        return (
            f"a set in set-builder notation (`\\{{ x \\mid \\dots \\}}`) is {UNDECIDED_KIND}; "
            f"derivax checks relations between expressions"
        )
    return ""
