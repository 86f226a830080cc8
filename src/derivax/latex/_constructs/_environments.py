"""Environments: matrices and cases."""

from __future__ import annotations

import itertools
import re

import sympy

from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import (
    _Piece,
)

#: the words of a ``cases`` row's condition that are prose around the relation
_PROSE = re.compile(
    r"((if|otherwise|else|elsewhere|for|when|where|and|or|with|all|s\.t\.|such that)\s*[,.]?\s*)*"
)
_ELLIPSES = frozenset({r"\ldots", r"\dots", r"\cdots", "..."})


class Environments(ReaderState):
    """Matrices (``bmatrix``, ``pmatrix``, ...) and ``cases``."""

    def _environment(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        g, j = self.group(toks, i + 1)
        env = "".join(t.text for t in g)
        end = j
        depth = 1
        while end < len(toks):
            if toks[end].text == r"\begin":
                depth += 1
            elif toks[end].text == r"\end":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        if end >= len(toks):
            raise self.error(f"`\\begin{{{env}}}` has no `\\end{{{env}}}`", toks[i])
        g2, after = self.group(toks, end + 1)
        if "".join(t.text for t in g2) != env:
            raise self.error(
                f"`\\begin{{{env}}}` is closed by `\\end{{{''.join(t.text for t in g2)}}}`",
                toks[end],
            )
        body = toks[j:end]
        rows = self._rows(body)
        if env == "cases":
            out.append(self.place(self._cases(rows, toks[i]), toks[i].pos))
        elif env in ("bmatrix", "pmatrix", "matrix", "Bmatrix"):
            cells = [[self.parse(c, c[0].pos if c else toks[i].pos) for c in row] for row in rows]
            widths = {len(r) for r in cells}
            if len(widths) != 1:
                raise self.error("the rows of this matrix have different lengths", toks[i])
            out.append(self.place(sympy.ImmutableMatrix(cells), toks[i].pos))
        else:
            raise self.error(
                f"the environment `{env}` is not read; derivax reads bmatrix, pmatrix, "
                f"matrix and cases",
                toks[i],
            )
        return after

    def _rows(self, body: list[Tok]) -> list[list[list[Tok]]]:
        rows: list[list[list[Tok]]] = [[[]]]
        k = 0
        while k < len(body):
            x = body[k].text
            if x in ("{", "(", "["):
                c = find_close(body, k, self.latex)
                rows[-1][-1].extend(body[k : c + 1])
                k = c + 1
                continue
            if x == r"\\":
                rows.append([[]])
            elif x == "&":
                rows[-1].append([])
            else:
                rows[-1][-1].append(body[k])
            k += 1
        return [r for r in rows if any(r)]

    def _listed_condition(self, cond: list[Tok]) -> sympy.Basic | None:
        """``y = 1, 2, \\ldots``: the whole numbers from the first on, ``y \\ge 1`` for a ``y``
        declared integer; None where the condition lists nothing. Refused where the list does not
        count up by one (``y = 0, 2, \\ldots``) or ``y`` may be any real number."""
        eq = next((k for k, t in enumerate(cond) if t.text == "="), None)
        if eq is None or not cond[eq + 1 :] or cond[-1].text not in _ELLIPSES:
            return None
        parts = [p for _, p in self.split_args(cond[eq + 1 :], {","})]
        if len(parts) < 2 or any(len(p) != 1 or not p[0].text.isdigit() for p in parts[:-1]):
            return None
        first = [int(p[0].text) for p in parts[:-1]]
        if any(b - a != 1 for a, b in itertools.pairwise(first)):
            raise self.error(
                "a list of whole numbers with an ellipsis is read counting up by one "
                "(`y = 1, 2, \\ldots`); write other lists as a condition (`y \\ge 2`)",
                cond[eq],
            )
        member = self.parse(cond[:eq], cond[0].pos)
        if not getattr(member, "is_integer", False):
            raise self.error(
                f"`{self.latex[cond[0].pos : cond[eq].pos].strip()} = {first[0]}, \\ldots` lists "
                f"whole numbers; declare it `integer` for `\\ge {first[0]}`",
                cond[eq],
            )
        self.note(f"`= {first[0]}, {first[0] + 1}, \\ldots` in a condition is `\\ge {first[0]}`")
        return sympy.Ge(member, first[0])

    def _condition(self, cond: list[Tok]) -> sympy.Basic:
        """A row's condition: a relation, or a membership in an interval, ``x \\in [0, 1]``,
        ``x \\in (a, b]``, ``x \\notin [a, b]`` (brackets closed, parentheses open). Any other
        ``\\in`` (a set, ``\\mathbb{R}``) stays refused."""
        listed = self._listed_condition(cond)
        if listed is not None:
            return listed
        ops = [k for k, t in enumerate(cond) if t.text in (r"\in", r"\notin")]
        if len(ops) != 1:
            return self.parse(cond, cond[0].pos)
        k = ops[0]
        member, interval = (
            cond[:k],
            [t for t in cond[k + 1 :] if t.text not in (r"\left", r"\right")],
        )
        if (
            not member
            or len(interval) < 5
            or interval[0].text not in ("[", "(")
            or (interval[-1].text not in ("]", ")"))
        ):
            raise self.error(
                f"`{cond[k].text}` in a condition reads an interval, as in `x \\in [0, 1]` or "
                f"`x \\in (a, b]`; write other conditions as relations (`x > 0`)",
                cond[k],
            )
        parts = self.split_args(interval[1:-1], {","})
        if len(parts) != 2 or not parts[0][1] or not parts[1][1]:
            raise self.error("an interval has two ends: `[a, b]`", interval[0])
        x = self.parse(member, member[0].pos)
        lo, hi = (self.parse(p, p[0].pos) for _, p in parts)
        above = x >= lo if interval[0].text == "[" else x > lo
        below = x <= hi if interval[-1].text == "]" else x < hi
        if cond[k].text == r"\notin":
            return sympy.Or(
                x < lo if above.rel_op == ">=" else x <= lo,
                x > hi if below.rel_op == "<=" else x >= hi,
            )
        return sympy.And(above, below)

    def _cases(self, rows, t0: Tok) -> sympy.Piecewise:
        pieces = []
        for row in rows:
            if len(row) != 2:
                raise self.error("each row of `cases` reads `value & condition`", t0)
            value, cond = row
            while value and value[-1].text in (
                ",",
                ".",
                ";",
            ):  # punctuation that ends a row's value
                value = value[:-1]
            while cond and cond[-1].text in (",", ".", ";"):  # punctuation that ends a row
                cond = cond[:-1]
            texts = []
            kept: list[Tok] = []
            k = 0
            while k < len(cond):
                if cond[k].text in ("_", "^") and k + 1 < len(cond):
                    # a script is the name's (d_{\mathrm{targ}}), never the row's prose
                    _, k2 = self.group(cond, k + 1)
                    kept.extend(cond[k:k2])
                    k = k2
                    continue
                upright = (r"\text", r"\mathrm", r"\textrm", r"\operatorname")
                if cond[k].text in upright and k + 1 < len(cond):
                    g, k2 = self.group(cond, k + 1)
                    words = "".join(t.text if t.text != "~" else " " for t in g)
                    if _PROSE.fullmatch(words.strip().lower()):  # \text{if }, \text{otherwise}
                        texts.append(words)
                        k = k2
                        continue
                kept.append(cond[k])
                k += 1
            words = " ".join(texts).lower()
            if not kept and ("otherwise" in words or "else" in words):
                c = sympy.true
            elif kept:
                c = self._condition(kept)
            else:
                raise self.error("a `cases` row needs a condition or `\\text{otherwise}`", t0)
            pieces.append((self.parse(value, value[0].pos if value else t0.pos), c))
        return sympy.Piecewise(*pieces)
