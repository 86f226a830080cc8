"""Products read operand by operand at their top-level marks: ``\\odot`` and ``\\circ`` (entry
by entry), ``\\oslash`` (division entry by entry) and ``\\otimes`` (Kronecker)."""

from __future__ import annotations

import itertools

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from ._lex import Tok, find_close
from ._state import ReaderState
from ._vocabulary import _Piece


class OperandProducts(ReaderState):
    """``a \\odot b``, ``a \\oslash b`` and ``A \\otimes B`` between a term's operands."""

    def _hadamard(
        self, toks: list[Tok], operands: list[list[Tok]], marks: list[Tok]
    ) -> list[_Piece]:
        """A term read operand by operand at its ``\\odot`` (entrywise) or ``\\otimes``
        (Kronecker) marks."""
        if not marks:
            return self.rewrite(toks)
        for mark, (left, right) in zip(marks, itertools.pairwise(operands), strict=True):
            if not left or not right:
                raise self.error(f"`{mark.text}` needs an operand on each side", mark)
        kinds = {mark.text == r"\otimes" for mark in marks}
        if len(kinds) > 1:
            raise self.error(
                "`\\otimes` and an entrywise product in one term; put one of them in parentheses",
                marks[0],
            )
        if kinds == {True}:
            return [self.place(self._kronecker(operands, marks), toks[0].pos)]
        value = self.parse(operands[0], toks[0].pos)
        for mark, operand in zip(marks, operands[1:], strict=True):
            b = self.parse(operand, operand[0].pos)
            if mark.text == r"\oslash":
                value = self._entrywise_quotient(value, b, mark)
                continue
            if isinstance(value, MatrixExpr) and isinstance(b, MatrixExpr):
                if value.shape != b.shape:
                    raise self.error(
                        f"`{mark.text}` multiplies entries of two arrays of one shape; the left side "
                        f"is {value.shape[0]} x {value.shape[1]}, the right {b.shape[0]} x {b.shape[1]}",
                        mark,
                    )
                value = sympy.HadamardProduct(value, b)
            else:
                value = value * b
        return [self.place(value, toks[0].pos)]

    def _entrywise_quotient(self, a: sympy.Basic, b: sympy.Basic, mark: Tok) -> sympy.Basic:
        """``a \\oslash b``: entry by entry, ``a_i / b_i`` (Sinkhorn's ``u = a \\oslash K v``).
        Of two arrays they must have one shape; an array over a scalar divides every entry; a
        scalar over an array is refused (a broadcast derivax does not guess); two scalars are
        their quotient. Binds less tightly than juxtaposition, as ``\\odot``."""
        am, bm = isinstance(a, MatrixExpr), isinstance(b, MatrixExpr)
        if am and bm:
            if a.shape != b.shape:
                raise self.error(
                    f"`\\oslash` divides entries of two arrays of one shape; the left side is "
                    f"{a.shape[0]} x {a.shape[1]}, the right {b.shape[0]} x {b.shape[1]}",
                    mark,
                )
            return sympy.HadamardProduct(a, sympy.HadamardPower(b, -1))
        if bm:
            raise self.error(
                "`\\oslash` of a scalar by an array: write the array of that value "
                "(`c \\mathbf{1}_{n} \\oslash b`) or the reciprocal entry by entry",
                mark,
            )
        return a / b

    def _kronecker(self, operands: list[list[Tok]], marks: list[Tok]) -> MatrixExpr:
        """``A \\otimes B``. Juxtaposition binds tighter, as in the mixed-product rule written
        ``(A \\otimes B)(C \\otimes D) = A C \\otimes B D``; a product of matrices as an operand
        is noted as a reading rule. An undeclared identity says its size (``I_n``): nothing next
        to it does."""
        factors = []
        for k, operand in enumerate(operands):
            at = marks[k - 1] if k else marks[0]
            value = self.identity_operand(self.parse(operand, operand[0].pos), at)
            text = self.latex[operand[0].pos : operand[-1].pos + len(operand[-1].text)]
            if not isinstance(value, MatrixExpr):
                raise self.error(
                    f"`\\otimes` takes a matrix or vector on each side; `{text}` is a scalar "
                    f"(write a scalar multiple as a product)",
                    at,
                )
            wrapped = (
                operand[0].text == "(" and find_close(operand, 0, self.latex) == len(operand) - 1
            )
            if not wrapped and _matrix_factors(value) > 1:
                self.note(
                    "a product of matrices next to `\\otimes` is one operand: `A C \\otimes B D` "
                    "is `(A C) \\otimes (B D)`"
                )
            factors.append(value)
        if len({f.shape for f in factors}) == 1 and any(_activated(f) for f in factors):
            self.note(
                "`\\otimes` between arrays of one shape, one of them a function applied to each "
                "entry (a gate, \\sigma(X V), \\cos m\\theta), is the entrywise product, as "
                "gating papers write it (`\\odot`); the Kronecker product of activations is "
                "never meant"
            )
            return sympy.HadamardProduct(*factors)
        return sympy.KroneckerProduct(*factors)


def _activated(value: sympy.Basic) -> bool:
    """An array that is a function applied to each entry of an array (``\\sigma(X V + c)``,
    ``\\operatorname{Swish}(x W)``), or an explicit array with such entries (``\\cos m\\theta_1``)."""
    if value.has(ElementwiseApplyFunction):
        return True
    if isinstance(value, sympy.MatrixBase):
        return any(
            isinstance(a, sympy.Function) and a.free_symbols
            for entry in value
            for a in sympy.preorder_traversal(entry)
        )
    return False


def _matrix_factors(value: sympy.Basic) -> int:
    """How many matrix factors a product has (1 for anything that is not a product)."""
    if isinstance(value, sympy.MatMul):
        return sum(isinstance(a, MatrixExpr) for a in value.args)
    return 1
