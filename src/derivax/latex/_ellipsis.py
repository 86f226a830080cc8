"""Finite patterns written with an ellipsis, made explicit in the tokens (no SymPy).

``x_1 + x_2 + \\cdots + x_n`` is ``\\sum_{k=1}^{n} x_k`` and ``x_1 x_2 \\cdots x_n`` is
``\\prod_{k=1}^{n} x_k``: the first and the last term differ only where the first has a whole
number and the last the upper limit; terms before the ellipsis must step by one. Anything else
(terms that differ otherwise, another step, an ellipsis in a list) is left for the reader, which
refuses it. Terms followed by a trailing ellipsis are an infinite series (``_series``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from .._errors import ParseError
from ..symbols import SymbolTable
from ._lex import Tok, find_close
from ._vocabulary import _RELATIONS

if TYPE_CHECKING:
    from sympy import Basic

ELLIPSES = frozenset({r"\dots", r"\ldots", r"\cdots", r"\dotsb", r"\dotsm"})
_OPEN = {"(": ")", "[": "]", "{": "}", r"\{": r"\}", r"\langle": r"\rangle"}
_CLOSE = {v: k for k, v in _OPEN.items()}
#: letters tried, in order, for the index of a pattern's sum or product
_INDEX_LETTERS = "kijlmrstuv"


def fresh_index(latex: str, table: SymbolTable, taken: Collection[str] = ()) -> str:
    """A letter the formula does not use and the table leaves free (or declares an index)."""
    used = set(re.findall(r"(?<!\\)[A-Za-z]", latex)) | set(taken)
    for c in _INDEX_LETTERS:
        key = table.resolve(c)
        if c not in used and (key is None or table[key].kind == "index"):
            return c
    raise ParseError("no letter is free for the index of a sum written with an ellipsis", latex, 0)


def finite_patterns(
    toks: list[Tok],
    table: SymbolTable,
    latex: str,
    read: Callable[[list[Tok]], Basic] | None = None,
) -> tuple[list[Tok], list[str]]:
    """The tokens with every sum and product written with an ellipsis written with ``\\sum`` or
    ``\\prod``, and the rules applied. With ``read`` (the reader of tokens), terms followed by a
    trailing ellipsis are an infinite series (``_series``)."""
    rules: list[str] = []
    taken: set[str] = set()
    done = 0
    while True:
        e = next(
            (k for k, t in enumerate(toks) if t.text in ELLIPSES and k >= done),
            None,
        )
        if e is None:
            return toks, rules
        rewritten = _rewrite(toks, e, table, latex, taken, rules, read)
        if rewritten is None:
            done = e + 1  # left for the reader to refuse
        else:
            toks = rewritten


def _rewrite(
    toks: list[Tok],
    e: int,
    table: SymbolTable,
    latex: str,
    taken: set[str],
    rules: list[str],
    read: Callable[[list[Tok]], Basic] | None = None,
) -> list[Tok] | None:
    s, f = _segment(toks, e)
    before = toks[e - 1].text if e > s else ""
    after = toks[e + 1].text if e + 1 < f else ""
    if before == "+" and after == "+":
        return _sum(toks, s, e, f, table, latex, taken, rules)
    if before == "+" and e + 1 == f and read is not None:
        from ._series import infinite_series

        return infinite_series(toks, e, s, f, table, latex, taken, rules, read)
    if before not in ("+", "-", ",", "") and after not in ("+", "-", ",", ""):
        return _product(toks, s, e, f, table, latex, taken, rules)
    return None


def _segment(toks: list[Tok], e: int) -> tuple[int, int]:
    """The extent around ``toks[e]`` up to the enclosing brackets, relations, commas and rows."""
    stops = {*_RELATIONS, ",", "&", r"\\", ";"}
    s, depth = e, 0
    while s > 0:
        x = toks[s - 1].text
        if x in _CLOSE:
            depth += 1
        elif x in _OPEN:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and x in stops:
            break
        s -= 1
    f, depth = e + 1, 0
    while f < len(toks):
        x = toks[f].text
        if x in _OPEN:
            depth += 1
        elif x in _CLOSE:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and x in stops:
            break
        f += 1
    return s, f


def _terms(toks: list[Tok], s: int, f: int) -> list[tuple[str, int, int]]:
    """The top-level terms of ``toks[s:f]``: (sign before it, start, end)."""
    out: list[tuple[str, int, int]] = []
    sign, start, k = "", s, s
    while k < f:
        x = toks[k].text
        if x in _OPEN:
            k = find_close(toks, k, "") + 1
            continue
        if x in ("+", "-") and k > start:
            out.append((sign, start, k))
            sign, start = x, k + 1
        elif x in ("+", "-"):
            sign, start = x, k + 1
        k += 1
    out.append((sign, start, f))
    return out


def _texts(toks: list[Tok]) -> list[str]:
    """Token texts with a braced single-token script argument unbraced (``x_{1}`` as ``x_1``)."""
    texts = [t.text for t in toks]
    out: list[str] = []
    k = 0
    while k < len(texts):
        if (
            texts[k] in ("_", "^")
            and k + 3 < len(texts) + 1
            and texts[k + 1 : k + 2] == ["{"]
            and k + 3 < len(texts)
            and texts[k + 3] == "}"
        ):
            out += [texts[k], texts[k + 2]]
            k += 4
            continue
        out.append(texts[k])
        k += 1
    return out


def _is_int(x: str) -> bool:
    return x.isdigit()


def _close_in(texts: list[str], k: int) -> int:
    """The index of the bracket closing ``texts[k]``."""
    depth = 0
    for m in range(k, len(texts)):
        if texts[m] in _OPEN:
            depth += 1
        elif texts[m] in _CLOSE:
            depth -= 1
            if depth == 0:
                return m
    return len(texts)


def _template(first: list[str], last: list[str]) -> tuple[list[str | None], int, list[str]] | None:
    """The term with holes where ``first`` has a whole number and ``last`` the upper limit: (the
    term with None at each hole, the number, the limit's texts); None where they differ otherwise."""
    out: list[str | None] = []
    value: str | None = None
    bound: list[str] | None = None
    i = j = 0
    while i < len(first) and j < len(last):
        if first[i] == last[j]:
            out.append(first[i])
            i += 1
            j += 1
            continue
        if not _is_int(first[i]):
            return None
        prev = first[i - 1] if i else ""
        if last[j] == "{" and prev in ("_", "^"):
            end = _close_in(last, j)
            limit, j = last[j + 1 : end], end + 1
        elif prev in _OPEN and i + 1 < len(first) and first[i + 1] == _OPEN[prev]:
            end = _close_in(last, j - 1)
            limit, j = last[j:end], end
        else:
            if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+|[0-9]+", last[j]):
                return None
            limit, j = [last[j]], j + 1
        if (value is not None and first[i] != value) or (bound is not None and limit != bound):
            return None
        value, bound = first[i], limit
        out.append(None)
        i += 1
    if i != len(first) or j != len(last) or value is None or bound is None:
        return None
    return out, int(value), bound


def _match(template: list[str | None], texts: list[str]) -> int | None:
    """The whole number that fills every hole of ``template`` to give ``texts``; None if none."""
    if len(template) != len(texts):
        return None
    value: str | None = None
    for want, got in zip(template, texts, strict=True):
        if want is None:
            if not _is_int(got) or (value is not None and got != value):
                return None
            value = got
        elif want != got:
            return None
    return None if value is None else int(value)


def _pattern(
    pieces: list[list[Tok]], last: list[Tok], latex: str, at: Tok, what: str
) -> tuple[list[str | None], int, list[str], int]:
    """The template of the pattern whose terms before the ellipsis end with ``pieces`` and whose
    last term is ``last``: (template, first number, upper limit, how many of ``pieces`` belong)."""
    op = "sum" if what == "term" else "prod"
    if _texts(pieces[-1]) == _texts(last):
        raise ParseError(
            f"the {what}s before and after the ellipsis are the same, so how many there are is "
            f"unknown; write the {what}s out or use `\\{op}`",
            latex,
            at.pos,
        )
    found = _template(_texts(pieces[-1]), _texts(last))
    if found is None:
        raise ParseError(
            f"an ellipsis has no single meaning here: the {what}s before and after it must differ "
            f"only in an index (a whole number before, the upper limit after, as in "
            f"`x_1 + x_2 + \\cdots + x_n`); write the {what} with "
            f"`\\{'sum' if what == 'term' else 'prod'}`",
            latex,
            at.pos,
        )
    template, start, bound = found
    texts = _texts(pieces[-1])
    if any(
        x is None and len(texts[k]) > 1 and k and texts[k - 1] in ("_", "{")
        for k, x in enumerate(template)
    ):
        # x_{11} + ... + x_{nn}: the entry (1, 1) of a matrix as often as the 11th of a vector
        raise ParseError(
            f"`{texts[next(k for k, x in enumerate(template) if x is None)]}` in a subscript reads as "
            f"one number or as two indices; write the {what}s with `\\{op}`",
            latex,
            at.pos,
        )
    count = 1
    for piece in reversed(pieces[:-1]):
        value = _match(template, _texts(piece))
        if value is None:
            break
        if value != start - 1:
            raise ParseError(
                f"the {what}s before the ellipsis step by {start - value}, not 1; write the "
                f"{what} with `\\{'sum' if what == 'term' else 'prod'}`",
                latex,
                at.pos,
            )
        start, count = value, count + 1
    if len(bound) == 1 and _is_int(bound[0]) and int(bound[0]) < start:
        raise ParseError(
            f"the ellipsis counts down from {start} to {bound[0]}; write the "
            f"{what} with `\\{'sum' if what == 'term' else 'prod'}`",
            latex,
            at.pos,
        )
    return template, start, bound, count


def _written(
    op: str, template: list[str | None], start: int, bound: list[str], letter: str, pos: int
) -> list[Tok]:
    texts = [
        op,
        "_",
        "{",
        letter,
        "=",
        str(start),
        "}",
        "^",
        "{",
        *bound,
        "}",
        "{",
        *(letter if x is None else x for x in template),
        "}",
    ]
    return [Tok(x, pos) for x in texts]


def _sum(
    toks: list[Tok],
    s: int,
    e: int,
    f: int,
    table: SymbolTable,
    latex: str,
    taken: set[str],
    rules: list[str],
) -> list[Tok] | None:
    terms = _terms(toks, s, f)
    m = next(k for k, (_, a, b) in enumerate(terms) if a == e and b == e + 1)
    if m == 0 or m + 1 >= len(terms):
        return None
    # the terms joined by + before the ellipsis, back to the first (a term after a minus sign
    # is no part of the pattern)
    if terms[m - 1][0] == "-":
        return None
    first = m - 1
    while first > 0 and terms[first][0] == "+":
        first -= 1
    if terms[first][0] == "-":
        first += 1
    pieces = [toks[a:b] for _, a, b in terms[first:m]]
    _, la, lb = terms[m + 1]
    template, start, bound, count = _pattern(pieces, toks[la:lb], latex, toks[e], "term")
    letter = fresh_index(latex, table, taken)
    taken.add(letter)
    begin = terms[m - count][1]
    rules.append(_rule(toks, begin, lb, latex, "sum", letter, start, bound))
    return [
        *toks[:begin],
        *_written(r"\sum", template, start, bound, letter, toks[begin].pos),
        *toks[lb:],
    ]


def _factor_start(toks: list[Tok], end: int, s: int) -> int | None:
    """The start of the factor ending before ``toks[end]`` (a name or a bracket, with its
    scripts); None where none stands there."""
    k = end - 1
    while k >= s:
        x = toks[k].text
        if x in _CLOSE:
            depth = 0
            while k >= s:
                depth += toks[k].text in _CLOSE
                depth -= toks[k].text in _OPEN
                if depth == 0:
                    break
                k -= 1
        if k < s:
            return None
        if k - 1 >= s and toks[k - 1].text in ("_", "^"):
            k -= 2
            continue
        x = toks[k].text
        if x in _OPEN:
            # a braced group after a decoration or a style (\hat{y}) belongs to the command
            if x == "{" and k - 1 >= s and toks[k - 1].text.startswith("\\"):
                return k - 1
            return k
        if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", x):
            return k
        return None
    return None


def _factor_end(toks: list[Tok], start: int, f: int) -> int | None:
    """The end of the factor starting at ``toks[start]``."""
    if start >= f:
        return None
    x = toks[start].text
    if x in _OPEN:
        k = find_close(toks, start, "") + 1
    elif re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", x):
        k = start + 1
        if k < f and toks[k].text == "{" and x.startswith("\\"):
            k = find_close(toks, k, "") + 1
    else:
        return None
    while k < f and toks[k].text in ("_", "^", "'"):
        if toks[k].text == "'":
            k += 1
            continue
        if k + 1 >= f:
            return None
        k = find_close(toks, k + 1, "") + 1 if toks[k + 1].text == "{" else k + 2
    return k


def _product(
    toks: list[Tok],
    s: int,
    e: int,
    f: int,
    table: SymbolTable,
    latex: str,
    taken: set[str],
    rules: list[str],
) -> list[Tok] | None:
    right = e + 1 + (toks[e + 1].text == r"\cdot")
    right_end = _factor_end(toks, right, f)
    if right_end is None:
        return None
    pieces: list[list[Tok]] = []
    starts: list[int] = []
    end = e - (toks[e - 1].text == r"\cdot")
    while end > s:
        start = _factor_start(toks, end, s)
        if start is None:
            break
        pieces.insert(0, toks[start:end])
        starts.insert(0, start)
        end = start - (start - 1 >= s and toks[start - 1].text == r"\cdot")
    if not pieces:
        return None
    template, first, bound, count = _pattern(
        pieces, toks[right:right_end], latex, toks[e], "factor"
    )
    letter = fresh_index(latex, table, taken)
    taken.add(letter)
    begin = starts[-count]
    rules.append(_rule(toks, begin, right_end, latex, "product", letter, first, bound))
    pos = toks[begin].pos
    return [
        *toks[:begin],
        Tok("{", pos),
        *_written(r"\prod", template, first, bound, letter, pos),
        Tok("}", pos),
        *toks[right_end:],
    ]


def _rule(
    toks: list[Tok],
    begin: int,
    end: int,
    latex: str,
    what: str,
    letter: str,
    start: int,
    bound: list[str],
) -> str:
    written = latex[toks[begin].pos : toks[end - 1].pos + len(toks[end - 1].text)]
    parts = "terms" if what == "sum" else "factors"
    return (
        f"`{written}` (an ellipsis between {parts} that differ only in an index) is the {what} "
        f"over {letter} = {start}, {start + 1}, ..., {' '.join(bound)} (steps of 1)"
    )
