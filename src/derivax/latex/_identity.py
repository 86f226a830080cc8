"""An undeclared ``I``: the identity matrix where it meets a matrix, a scalar where it meets
only scalars."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._errors import ParseError, ShapeMismatch
from ._lex import Tok
from ._state import ReaderState
from ._vocabulary import _MARK_IDENTITY


class IdentityReader(ReaderState):
    """The undeclared ``I``: a marker while reading, a matrix or a scalar once its neighbours are
    known."""

    def _identity_candidate(self, name: str, size) -> sympy.Symbol:
        """An undeclared ``I`` (``\\mathbf{I}``, ``\\mathbb{I}``, ``I_n``): the identity matrix
        where it meets a matrix, a scalar where it meets only scalars (decided in ``rebuild``)."""
        marker = sympy.Symbol(f"{_MARK_IDENTITY}{len(self.identities)}")
        self.identities[marker] = (name, size)
        return marker

    def identity_for(self, s: sympy.Expr, m: MatrixExpr, side: str, pos: int) -> sympy.Basic | None:
        """``s`` (a scalar expression holding an undeclared ``I``) as a multiple of the identity
        that fits the matrix ``m``; None when ``s`` holds no ``I``."""
        found = [c for c in self.identities if c in getattr(s, "free_symbols", ())]
        if not found:
            return None
        (cand,) = found if len(found) == 1 else (None,)
        if cand is None:
            raise self.error(
                "two identity matrices `I` in one factor; declare `I: identity[n]`", pos
            )
        name, size = self.identities[cand]
        coeff, rest = s.as_independent(cand, as_Add=False)
        if rest != cand:
            raise self.error(
                f"`{name}` next to a matrix, but not as a multiple of it; declare "
                f"`{name}: identity[n]` (the identity matrix) or `{name}: scalar`",
                pos,
            )
        n = m.shape[0] if side in ("left", "sum", "across") else m.shape[1]
        if side in ("sum", "across") and m.shape[0] != m.shape[1]:
            raise self.error(
                f"`{name}` added to a {m.shape[0]} x {m.shape[1]} matrix, which is not "
                f"square; declare `{name}: scalar` or `{name}: identity[n]`",
                pos,
            )
        if side == "across" and size is not None and (size.free_symbols or n.free_symbols):
            # `B (A B)^{-1} A = I_n` with B A m x m: the sides' shapes agree only where m = n,
            # which the verifier says (no counterexample at the sizes where they differ)
            pass
        elif size is not None and sympy.simplify(size - n) != 0:
            # I_N beside a D x D matrix: the subscript says the size, and two sizes named
            # apart (N, D) are two sizes, as for declared arrays (_combine)
            message = f"`{name}` is {size} x {size} but meets a matrix with {n} rows"
            if side == "sum":
                raise ShapeMismatch(
                    f"cannot add a {size} x {size} array (`{name}`) to a {n} x {n} array",
                    self.latex,
                    pos,
                    ((size, size), (n, n)),
                )
            raise self.error(message, pos)
        self._read_as_identity(name)
        return coeff * sympy.Identity(size if size is not None else n)

    def identity_operand(self, value: sympy.Basic, at: Tok) -> sympy.Basic:
        """An undeclared ``I`` standing alone as an operand of ``\\otimes``: the identity of the
        size its subscript gives, which nothing next to it does."""
        if not isinstance(value, sympy.Symbol) or value not in self.identities:
            return value
        name, size = self.identities[value]
        if size is None:
            raise self.error(
                f"`{name}` next to `\\otimes` needs its size: write `{name}_{{n}}` with a "
                f"declared size or a number",
                at,
            )
        self._read_as_identity(name)
        return sympy.Identity(size)

    def _read_as_identity(self, name: str) -> None:
        self.identity_used = True
        self.note(
            f"`{name}` next to a matrix is the identity matrix of its size (declare "
            f"`{name}: identity[n]` or `{name}: scalar` to say so)"
        )

    def finish(self, expr: sympy.Basic) -> sympy.Basic:
        """Undeclared ``I`` left among scalars only is a scalar, the default for a name; ``I_n``
        with a size, alone or scaled (``2 I_{m n}``, a Hessian), is the identity of that size."""
        if isinstance(expr, sympy.core.relational.Relational):
            lhs, rhs = expr.args
            # `A^{-1} A = I`: an `I` alone on one side of a relation whose other side is a matrix
            # is the identity of that matrix's size (refused where that matrix is not square)
            lhs, rhs = self._identity_across(lhs, rhs), self._identity_across(rhs, lhs)
            sides = [self._sized_identity(side) for side in (lhs, rhs)]
            lhs, rhs = (new or old for new, old in zip(sides, (lhs, rhs), strict=True))
            if (lhs, rhs) != expr.args:
                expr = type(expr)(lhs, rhs, evaluate=False)
        else:
            expr = self._sized_identity(expr) or expr
        left = [c for c in self.identities if c in getattr(expr, "free_symbols", set())]
        if left and self.identity_used:
            name = self.identities[left[0]][0]
            raise ParseError(
                f"`{name}` is read as the identity matrix next to a matrix and as a scalar "
                f"elsewhere; declare `{name}: identity[n]` or `{name}: scalar`",
                self.latex,
                0,
            )
        subs = {}
        for c in left:
            name, _ = self.identities[c]
            self.undeclared.setdefault(name, "scalar")
            subs[c] = sympy.Symbol(name, real=True)
        if subs and isinstance(expr, sympy.core.relational.Relational):
            # xreplace would rebuild the relation evaluated: `Eq(Identity(n), I)` is False
            return type(expr)(*(side.xreplace(subs) for side in expr.args), evaluate=False)
        return expr.xreplace(subs) if subs else expr

    def _identity_across(self, side: sympy.Basic, other: sympy.Basic) -> sympy.Basic:
        """``side`` read as a multiple of the identity when it holds an undeclared ``I`` and the
        other side of the relation is a matrix; ``side`` unchanged otherwise."""
        if isinstance(side, MatrixExpr) or not isinstance(other, MatrixExpr):
            return side
        if isinstance(side, sympy.Add):
            # H(w) + \lambda I with H(w) an unspecified function's value: the identity term fits
            # the other side and the function's value is spread over every entry, as a scalar
            # added to a matrix is (once a definition makes H(w) that matrix, the spreading is
            # gone); anything else beside the I stays refused
            holding = [t for t in side.args if set(self.identities) & t.free_symbols]
            rest = side - holding[0] if len(holding) == 1 else None
            if rest is not None and rest.atoms(AppliedUndef):
                eye = self.identity_for(holding[0], other, "across", 0)
                if eye is not None:
                    self.note(
                        "a function's value added to a matrix is added to every entry, until "
                        "its definition makes it a matrix"
                    )
                    return rest * sympy.OneMatrix(*eye.shape) + eye
        eye = self.identity_for(side, other, "across", 0)
        return side if eye is None else eye

    def _sized_identity(self, expr: sympy.Basic) -> sympy.Basic | None:
        """``c I_n`` (one undeclared ``I`` with a size, times a scalar free of it) as ``c`` times
        the identity matrix; None for anything else."""
        found = [c for c in self.identities if c in getattr(expr, "free_symbols", set())]
        if len(found) != 1 or self.identities[found[0]][1] is None:
            return None
        (cand,) = found
        coeff, rest = expr.as_independent(cand, as_Add=False)
        if rest != cand or isinstance(coeff, MatrixExpr):
            return None
        name, size = self.identities[cand]
        self.identity_used = True
        self.note(
            f"`{name}` (its subscript a size) is the identity matrix of that size, also alone "
            f"(declare `{name}: scalar` for a scalar)"
        )
        return coeff * sympy.Identity(size)
