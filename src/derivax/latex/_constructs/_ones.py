"""``\\mathbf{1}``: the vector or matrix of ones, and the indicator of a condition
(``\\mathbb{1}[c]``, ``\\mathbb{1}\\{c\\}``, ``\\mathbb{1}_{c}``, ``1_{i = j}``)."""

from __future__ import annotations

import itertools

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._indicator import indicator
from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import _RELATIONS, _Piece


class Ones(ReaderState):
    """The ones and the indicators."""

    def _is_ones(self, toks: list[Tok], i: int) -> bool:
        """``\\mathbf{1}``: the vector (or matrix) of ones; ``\\mathbf{0}``, of zeros."""
        return [t.text for t in toks[i + 1 : i + 4]] in (["{", "1", "}"], ["{", "0", "}"])

    def _ones(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\mathbf{1}_n`` is the n-vector of ones, ``\\mathbf{1}_{m \\times n}`` the m x n matrix
        of ones; the size is needed, as nothing else gives it. With a condition
        (``\\mathbb{1}[y w^\\top x < 1]``, ``\\mathbb{1}\\{x > 0\\}``, ``\\mathbb{1}_{x > 0}``) it is
        the indicator: 1 where the condition holds, 0 elsewhere."""
        t0, j = toks[i], i + 4
        digit = toks[i + 2].text
        fill = sympy.OneMatrix if digit == "1" else sympy.ZeroMatrix
        indicator = self._indicator(toks, j) if digit == "1" else None
        if indicator is not None:
            condition, j = indicator
            out.append(self.place(self._indicator_value(condition), t0.pos))
            return j
        if (j >= len(toks) or toks[j].text != "_") and (size := self._ones_size(toks, i)):
            out.append(self.place(fill(size, 1), t0.pos))
            return j
        if (j >= len(toks) or toks[j].text != "_") and (shape := self._summed_ones(toks, i)):
            out.append(self.place(fill(*shape), t0.pos))
            return j
        if (
            digit == "1"
            and (j >= len(toks) or toks[j].text != "_")
            and (size := self._only_size()) is not None
        ):
            self.note(
                f"`\\mathbf{{{digit}}}` without a size has the one size the table declares, "
                f"`{size}` (the centering matrix's `I - \\frac{{1}}{{n}} \\mathbf{{1}} "
                f"\\mathbf{{1}}^\\top`)"
            )
            out.append(self.place(fill(size, 1), t0.pos))
            return j
        if j >= len(toks) or toks[j].text != "_":
            what = "ones" if digit == "1" else "zeros"
            raise self.error(
                f"`\\mathbf{{{digit}}}` needs its size: `\\mathbf{{{digit}}}_{{n}}` for the vector "
                f"of n {what}, `\\mathbf{{{digit}}}_{{m \\times n}}` for a matrix",
                t0,
            )
        sub, j = self.group(toks, j + 1)
        cuts = [k for k, t in enumerate(sub) if self.latex.startswith(r"\times", t.pos)]
        bounds = [-1, *cuts, len(sub)]
        sizes = [self.size_of(sub[a + 1 : b]) for a, b in itertools.pairwise(bounds)]
        if len(sizes) > 2 or any(size is None for size in sizes):
            text = self.latex[sub[0].pos : toks[j - 1].pos] if sub else ""
            raise self.error(
                f"`\\mathbf{{1}}_{{{text}}}`: the subscript of the ones is a size (a number or a "
                f"declared dim) or two, `m \\times n`",
                t0,
            )
        rows, cols = (*sizes, sympy.S.One) if len(sizes) == 1 else sizes
        out.append(self.place(fill(rows, cols), t0.pos))
        return j

    def _only_size(self) -> sympy.Expr | None:
        """The size, where the table declares exactly one (as a dim and in every array's
        shape); None where it declares none or several."""
        sizes: set[str] = set()
        for key in self.table:
            d = self.table[key]
            if d.kind == "dim":
                sizes.add(key)
            sizes |= {str(x) for x in d.shape or ()}
        if len(sizes) != 1:
            return None
        (only,) = sizes
        return self.table.dim(only) if not only.isdigit() else None

    def _ones_size(self, toks: list[Tok], i: int) -> sympy.Expr | None:
        """The size of ``\\mathbf{1}`` without a subscript, where the one product it is in gives
        it: ``\\mathbf{1}^\\top X`` (the rows of a declared matrix ``X`` after it) or
        ``X \\mathbf{1}`` (its columns, before it); None elsewhere."""
        j = i + 4
        if [t.text for t in toks[j : j + 2]] in (["^", r"\top"], ["^", "T"], ["^", r"\intercal"]):
            if j + 2 < len(toks) and self._starts_name(toks[j + 2].text):
                base, sub, sup, primes, _ = self._read_name(toks, j + 2)
                key = self.table.resolve(self._full_name(base, sub, sup, primes))
                if key is not None and self.table[key].rank in (1, 2):
                    self.note(
                        f"`\\mathbf{{1}}^\\top {self.table[key].name}` has the size of its rows"
                    )
                    return self.table.dim(self.table[key].shape[0])
        if i > 0 and (j >= len(toks) or toks[j].text not in ("^", "_")):
            key = self.table.resolve(toks[i - 1].text)
            if (
                key is not None
                and self.table[key].rank == 2
                and not (i > 1 and toks[i - 2].text in ("_", "^"))
            ):
                self.note(f"`{self.table[key].name} \\mathbf{{1}}` has the size of its columns")
                return self.table.matrix(key).shape[1]
        return None

    def _summed_ones(self, toks: list[Tok], i: int) -> tuple | None:
        """``\\mathbf{1} - M`` (CutMix's mask) or ``M + \\mathbf{1}``: the shape of the declared
        array it is added to, the term beside it; None elsewhere (``\\mathbf{1} - M N``, whose
        term is a product, would need its shape worked out first)."""
        j = i + 4
        beside = None
        if j + 1 < len(toks) and toks[j].text in ("+", "-") and self._starts_name(toks[j + 1].text):
            end = self._read_name(toks, j + 1)[4]
            if end >= len(toks) or toks[end].text in ("+", "-", ")", "]", "}"):
                beside = toks[j + 1 : end]
        elif (
            i >= 2
            and toks[i - 1].text in ("+", "-")
            and (j >= len(toks) or toks[j].text in ("+", "-", ")", "]", "}"))
        ):
            k = i - 2
            if self._starts_name(toks[k].text) and (
                k == 0 or toks[k - 1].text in ("(", "+", "-", "=", "[")
            ):
                beside = toks[k : i - 1]
        if not beside:
            return None
        base, sub, sup, primes, _ = self._read_name(beside, 0)
        key = self.table.resolve(self._full_name(base, sub, sup, primes))
        if key is None or self.table[key].rank not in (1, 2):
            return None
        self.note(f"`\\mathbf{{1}}` beside `{self.table[key].name}` in a sum has its shape")
        return tuple(self.table.matrix(key).shape)

    def _is_plain_indicator(self, toks: list[Tok], i: int) -> bool:
        """``1_{i = j}``, ``1\\{c^{(i)} = j\\}``, ``1[y = k]``: a plain 1 whose subscript or
        bracket holds a relation is the indicator (as course notes write it); a bracket of no
        relation stays a product (``1[a + b]``), and an exponent's or a subscript's 1 stays 1."""
        if i + 1 >= len(toks) or (i > 0 and toks[i - 1].text in ("^", "_")):
            return False
        return self._holds_relation(toks, i + 1)

    def _holds_relation(self, toks: list[Tok], j: int) -> bool:
        """A subscript or bracket at ``toks[j]`` with a relation in it (an indicator's condition)."""
        if j >= len(toks) or toks[j].text not in ("_", "[", r"\{", "("):
            return False
        if toks[j].text == "_":
            inner, _ = self.group(toks, j + 1)
        else:
            inner = toks[j + 1 : find_close(toks, j, self.latex)]
        return any(t.text in _RELATIONS for t in inner)

    def _is_letter_indicator(self, toks: list[Tok], i: int) -> bool:
        """``\\mathbb{I}(g_i = k)``, ``I(y = 1)`` (undeclared): a letter I applied to a relation
        has no other reading than the indicator; without one it stays the identity or a name."""
        if toks[i].text == "I":
            return self.table.resolve("I") is None and self._holds_relation(toks, i + 1)
        return [t.text for t in toks[i + 1 : i + 4]] == ["{", "I", "}"] and self._holds_relation(
            toks, i + 4
        )

    def _letter_indicator(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        indicator = self._indicator(toks, i + 1 if toks[i].text == "I" else i + 4)
        assert indicator is not None  # the guard saw the relation
        condition, j = indicator
        out.append(self.place(self._indicator_value(condition), toks[i].pos))
        return j

    def _plain_indicator(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        indicator = self._indicator(toks, i + 1)
        assert indicator is not None  # the guard saw the relation
        condition, j = indicator
        out.append(self.place(self._indicator_value(condition), toks[i].pos))
        return j

    def _indicator_value(self, condition: sympy.Basic) -> sympy.Basic:
        """1 where ``condition`` holds, else 0 (``indicator``); a Piecewise for a condition that
        has no such function."""
        return indicator(condition, self.table) or sympy.Piecewise((1, condition), (0, True))

    def _indicator(self, toks: list[Tok], j: int) -> tuple[sympy.Basic, int] | None:
        """The condition of an indicator at ``toks[j]`` (``[...]``, ``\\{...\\}`` or ``_{...}``
        holding a relation) and the index after it; None where there is none."""
        if j >= len(toks) or toks[j].text not in ("[", r"\{", "_", "("):
            return None
        if toks[j].text == "_":
            inner, end = self.group(toks, j + 1)
            if (
                len(inner) >= 2
                and inner[0].text == r"\{"
                and find_close(inner, 0, self.latex) == len(inner) - 1
            ):
                inner = inner[1:-1]  # \mathbb{1}_{\{y = k\}}: the set's braces
        else:
            k = find_close(toks, j, self.latex)
            inner, end = toks[j + 1 : k], k + 1
        if not any(t.text in _RELATIONS for t in inner):
            if toks[j].text == "_":
                return None  # a size
            raise self.error(
                "`\\mathbb{1}[...]` is an indicator: it needs a condition such as `x > 0`",
                toks[j],
            )
        condition = self.parse(inner, inner[0].pos)
        if not isinstance(condition, (sympy.core.relational.Relational, sympy.And)):
            raise self.error("an indicator takes one condition such as `x > 0`", toks[j])
        relations = condition.atoms(sympy.core.relational.Relational) or {condition}
        if any(isinstance(side, MatrixExpr) for r in relations for side in r.args):
            raise self.error(
                "an indicator of a condition on vectors or matrices has no single value; "
                "write it entry by entry (`\\mathbb{1}[x_i > 0]`)",
                toks[j],
            )
        self.note("`\\mathbb{1}[c]` is the indicator of the condition c: 1 where it holds, else 0")
        return condition, end
