"""Extents in the token list (no SymPy): groups, arguments, runs, top-level splits."""

from __future__ import annotations

import re

from .._errors import DerivaxError, ParseError
from ._lex import Tok, find_close
from ._state import ReaderState
from ._vocabulary import (
    _OPERAND_PRODUCTS,
    _RELATIONS,
    _RUN_STOPS,
    _Piece,
)

#: spacing commands written between two factors (not a TeX space, which separates nothing)
_SPACED = re.compile(r"\\[,;:]|\\quad|\\qquad|~|\\ ")


def split_top_level(toks: list[Tok], at: frozenset[str]) -> tuple[list[list[Tok]], list[Tok]]:
    """``toks`` cut at the tokens in ``at`` that stand outside every bracket, environment, norm
    and absolute value; the parts and the tokens cut at."""
    parts: list[list[Tok]] = [[]]
    cuts: list[Tok] = []
    depth, in_norm, in_abs = 0, False, False
    for t in toks:
        x = t.text
        if x in (r"\begin", r"\end"):  # an environment's body is inside, as a bracket's
            depth += 1 if x == r"\begin" else -1
        elif x in ("(", "[", "{", r"\{", r"\langle"):
            depth += 1
        elif x in (")", "]", "}", r"\}", r"\rangle"):
            depth -= 1
        elif x == r"\|":
            in_norm = not in_norm
        elif x == "|":
            in_abs = t.side == "open" or (not t.side and not in_abs)
        if x in at and depth == 0 and not in_norm and not in_abs:
            cuts.append(t)
            parts.append([])
        else:
            parts[-1].append(t)
    return parts, cuts


class Scanner(ReaderState):
    """Extents in the token list: groups, arguments, runs of factors, top-level splits."""

    # -- groups -------------------------------------------------------------------------------------
    def group(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]:
        """The argument at ``toks[i]``: a braced group or one token."""
        if i >= len(toks):
            raise self.error(
                "an argument is missing here", toks[-1].pos + len(toks[-1].text) if toks else 0
            )
        if toks[i].text == "{":
            j = find_close(toks, i, self.latex)
            return toks[i + 1 : j], j + 1
        if toks[i].text in ("}", ")", "]"):
            raise self.error(f"an argument is missing before `{toks[i].text}`", toks[i])
        return [toks[i]], i + 1

    def limits(self, toks: list[Tok], j: int) -> tuple[list[Tok] | None, list[Tok] | None, int]:
        """The ``_{...}`` and ``^{...}`` of a sum or an integral at ``toks[j]``, in either order:
        (lower, upper, the index after them)."""
        lower = upper = None
        while j < len(toks) and toks[j].text in ("_", "^"):
            g, after = self.group(toks, j + 1)
            if toks[j].text == "_":
                lower = g
            else:
                upper = g
            j = after
        return lower, upper, j

    def factor_run(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]:
        """The operand of a function written without parentheses (``\\log p_i``, ``\\det A``):
        everything up to the next ``+``, ``-``, relation, comma, ``\\cdot`` or function name;
        an application first (``\\log p(k) q_k``, ``\\log \\sigma(z) (1 - y)``) is the whole
        operand, the log-probability the field writes, and what follows multiplies it."""
        app = self._application_end(toks, i)
        if app is not None:
            return toks[i:app], app
        j = i
        while j < len(toks):
            t = toks[j].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                j = find_close(toks, j, self.latex) + 1
                continue
            if t == r"\|" or (t == "|" and j == i):
                # a norm or an absolute value is one factor
                j = self._closing(toks, j, t) + 1
                continue
            if (
                t == r"\begin"
            ):  # a matrix or cases environment is one factor: \det \begin{pmatrix}...
                j = self._environment_end(toks, j)
                continue
            if t in (r"\sum", r"\prod", r"\int"):
                # a sum inside the argument takes the rest of it: \log \frac{1}{n} \sum_j e^{z_j}
                j = self._term_end(toks, j)
                break
            if j > i and (
                t in ("+", "-", ",", r"\cdot", ")", "]", "}", r"\}", r"\rangle", "&", r"\\")
                or t in _RELATIONS
                or t in _RUN_STOPS
            ):
                break
            if t == "|" and j > i:
                break
            if j > i and _SPACED.search(
                self.latex[toks[j - 1].pos + len(toks[j - 1].text) : toks[j].pos]
            ):
                # \sin\theta \, K (Rodrigues): a space written after the operand ends it
                self.note(
                    f"the space written after `{self.latex[toks[i].pos : toks[j - 1].pos + len(toks[j - 1].text)]}` "
                    f"ends the argument of the function before it"
                )
                break
            j += 1
        if j == i:
            raise self.error(
                "this function needs an argument", toks[i] if i < len(toks) else toks[-1]
            )
        return toks[i:j], j

    def _application_end(self, toks: list[Tok], i: int) -> int | None:
        """Where a name applied to parentheses at ``toks[i]`` ends, when factors follow it in the
        same run (``p(k) (1 - \\epsilon)``); None otherwise (``p(k)`` alone, ``p(k)^2``)."""
        if i >= len(toks) or not self._starts_name(toks[i].text):
            return None
        try:
            j = self._read_name(toks, i)[4]
        except ParseError:
            return None
        if toks[j - 1].text == "}" and self.latex[toks[j - 1].pos : toks[j - 1].pos + 1] == ")":
            end = j  # p(k) of a declared vector, rewritten p_{k} (``_call_entries``)
        elif j < len(toks) and toks[j].text == "(":
            end = find_close(toks, j, self.latex) + 1
        else:
            return None
        if end >= len(toks):
            return None
        t = toks[end].text
        stops = (
            "+",
            "-",
            ",",
            r"\cdot",
            ")",
            "]",
            "}",
            r"\}",
            r"\rangle",
            "&",
            r"\\",
            "|",
            "^",
            "_",
            "!",
        )
        if t in stops or t in _RELATIONS or t in _RUN_STOPS or t in (r"\sum", r"\prod", r"\int"):
            return None
        self.note(
            "a function written without parentheses before an application (`\\log p(k) q_k`) "
            "takes the application only: `\\log(p(k)) q_k`"
        )
        return end

    def _environment_end(self, toks: list[Tok], i: int) -> int:
        """The index after the ``\\end{...}`` that closes the ``\\begin`` at ``toks[i]``."""
        depth = 0
        for k in range(i, len(toks)):
            if toks[k].text == r"\begin":
                depth += 1
            elif toks[k].text == r"\end":
                depth -= 1
                if depth == 0:
                    _, end = self.group(toks, k + 1)
                    return end
        raise self.error("`\\begin` has no `\\end`", toks[i])

    def split_args(self, toks: list[Tok], seps: set[str]) -> list[tuple[str, list[Tok]]]:
        """Split at top-level separators; returns (separator before the part, part)."""
        parts: list[tuple[str, list[Tok]]] = []
        cur: list[Tok] = []
        sep = ""
        j = 0
        while j < len(toks):
            t = toks[j].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, j, self.latex)
                cur.extend(toks[j : k + 1])
                j = k + 1
                continue
            if t == r"\|" and r"\|" in seps and sum(1 for u in toks if u.text == r"\|") != 1:
                # a norm inside the arguments, not the KL separator
                close = next((m for m in range(j + 1, len(toks)) if toks[m].text == r"\|"), None)
                if close is not None:
                    cur.extend(toks[j : close + 1])
                    j = close + 1
                    continue
            if t == "|" and "|" in seps and sum(1 for u in toks if u.text == "|") != 1:
                # paired bars inside the arguments are an absolute value, not a condition
                close = next((m for m in range(j + 1, len(toks)) if toks[m].text == "|"), None)
                if close is not None:
                    cur.extend(toks[j : close + 1])
                    j = close + 1
                    continue
            if t in seps:
                parts.append((sep, cur))
                sep, cur = t, []
            else:
                cur.append(toks[j])
            j += 1
        parts.append((sep, cur))
        return parts

    def _top_level(self, toks: list[Tok], i: int):
        """The tokens directly inside the group opened at ``toks[i]``, not inside nested brackets."""
        k = find_close(toks, i, self.latex)
        depth = 0
        for t in toks[i + 1 : k]:
            if t.text in ("(", "[", "{"):
                depth += 1
            elif t.text in (")", "]", "}"):
                depth -= 1
            elif depth == 0:
                yield t

    def _one_declared_array(self, toks: list[Tok], j: int) -> bool:
        r"""Whether the parenthesis at ``toks[j]`` holds one declared vector or matrix only."""
        inner = toks[j + 1 : find_close(toks, j, self.latex)]
        try:
            key = self.table.resolve("".join(t.text for t in inner)) if inner else None
        except DerivaxError:
            return False
        return key is not None and self.table[key].is_array

    def _otimes(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """A Kronecker product is read at the top level of a term or of a parenthesis, where its
        operands are known; elsewhere (inside braces, a sum's body) the reading is left open."""
        raise self.error(
            "`\\otimes` is read between the factors of a term or inside parentheses; put the "
            "Kronecker product in parentheses here, `\\left(A \\otimes B\\right)`",
            toks[i],
        )

    def _oslash(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """Entrywise division is read at the top level of a term or of a parenthesis, where its
        operands are known (as ``\\otimes``)."""
        raise self.error(
            "`\\oslash` (division entry by entry) is read between the factors of a term or inside "
            "parentheses; put it in parentheses here, `\\left(a \\oslash b\\right)`",
            toks[i],
        )

    def _hadamard_group(self, toks: list[Tok], i: int) -> bool:
        return self._has_top_level(toks, i, _OPERAND_PRODUCTS)

    def _dot_group(self, toks: list[Tok], i: int) -> bool:
        """``c^\\top (a \\times b)``, ``c (a \\cdot b)``: a dot or cross product in
        parentheses is one factor (the skeleton would join it with the factor before)."""
        return self._has_top_level(toks, i, {r"\cdot"})

    def _has_top_level(self, toks: list[Tok], i: int, texts) -> bool:
        return any(t.text in texts for t in self._top_level(toks, i))

    def _subscripted_group(self, toks: list[Tok], i: int) -> bool:
        k = find_close(toks, i, self.latex)
        # (X w)_i, [K^{-1} y]_i (Rasmussen and Williams' brackets): the bracket closed by its own kind
        closing = {"(": ")", "[": "]"}.get(toks[i].text)
        return k + 1 < len(toks) and toks[k + 1].text == "_" and toks[k].text == closing

    # -- delimiters ----------------------------------------------------------------------------------
    def _closing(self, toks: list[Tok], i: int, delim: str) -> int:
        """The bar closing ``toks[i]``; bars written with a side (``\\left|``, ``\\rvert``) nest."""
        depth = bars = 0
        for k in range(i + 1, len(toks)):
            x = toks[k].text
            if x in ("{", "(", "[", r"\langle"):
                depth += 1
            elif x in ("}", ")", "]", r"\rangle"):
                depth -= 1
                if depth < 0:
                    break
            elif x == delim and depth == 0:
                if toks[i].side == "open" and not toks[k].side:
                    continue  # plain bars inside \left| ... \right| pair among themselves
                if toks[k].side == "open" and toks[i].side == "open":
                    bars += 1
                elif bars:
                    bars -= 1
                else:
                    return k
        raise self.error(f"`{delim}` is never closed", toks[i])

    def _term_end(self, toks: list[Tok], j: int) -> int:
        """The end of the term starting at ``toks[j]``: the next top-level ``+``, ``-`` or relation."""
        k = j
        while k < len(toks):
            t = toks[k].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, k, self.latex) + 1
                continue
            if t == r"\|":
                k = self._closing(toks, k, t) + 1
                continue
            if k > j and (t in ("+", "-", ",", ")", "]", "}", "&", r"\\") or t in _RELATIONS):
                break
            k += 1
        return k

    def _expression_end(self, toks: list[Tok], j: int) -> int:
        """Where an operand that runs to the end of its expression ends: at a relation, a comma,
        or the closer of a group it sits in (``\\right)``, ``)``, ``}``)."""
        closers = (")", "]", "}", r"\}", r"\rangle", r"\right")
        while (
            j < len(toks)
            and toks[j].text not in _RELATIONS
            and toks[j].text not in closers
            and toks[j].text != ","
        ):
            if toks[j].text in ("{", "(", "[", r"\{", r"\langle"):
                j = find_close(toks, j, self.latex)
            j += 1
        return j
