"""Norms, absolute values, determinants written with bars, inner products."""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from ... import _functions as F
from ...symbols import (
    join_tokens,
)
from .._ellipsis import fresh_index
from .._lex import Tok, find_close
from .._state import ReaderState
from .._undecided import UNDECIDED_KIND
from .._vocabulary import (
    _Piece,
    as_scalar,
    elementwise,
)

#: a single bar closing a p-norm (``|\beta|_1``, ``|x|_{\infty}``), not an evaluation bar (``|_{x=a}``)
_SUBSCRIPTED_BARS = re.compile(r"(?<!\\)\|\s*_\s*(?:[12p]|\\infty|\{\s*(?:[12p]|\\infty)\s*\})")


#: the subscripts of the Lorentzian product and norm (the hyperboloid model)
_LORENTZ = frozenset({r"\mathcal{L}", "L", r"\mathbb{L}"})


class Norms(ReaderState):
    """Norms ``\\|v\\|_p``, absolute values and determinants ``|A|``, inner products."""

    def _norm(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = self._closing(toks, i, r"\|")
        inner = self.parse(toks[i + 1 : k], toks[i].pos)
        j = k + 1
        p = None
        if j < len(toks) and toks[j].text == "_":
            g, j = self.group(toks, j + 1)
            p = join_tokens([t.text for t in g]).replace(" ", "")
        out.append(self.place(self._norm_of(inner, p, toks[i]), toks[i].pos))
        return j

    def _norm_order(self, p: str) -> sympy.Expr | None:
        """The order of a p-norm: a whole number (``\\|x\\|_3``) or a name declared a scalar
        (``\\|x\\|_p``); None for anything else."""
        if p.isdigit() and int(p) > 0:
            return sympy.Integer(p)
        key = self.table.resolve(p)
        if key is not None and self.table[key].kind == "scalar":
            return self.table.scalar(key)
        return None

    def _norm_of(self, v: sympy.Basic, p: str | None, t0: Tok) -> sympy.Expr:
        if not isinstance(v, MatrixExpr):
            return F.absolute(v)
        rows, cols = v.shape
        if cols != 1 and rows != 1 and p in (None, "2"):
            if p is None:
                raise self.error(
                    "`\\|A\\|` of a matrix has two common readings: write `\\|A\\|_2` for the "
                    "spectral norm or `\\|A\\|_F` for the Frobenius norm",
                    t0,
                )
            return F.spectral_norm(v)
        p = p or "2"
        # the subscript in a font of its own: \|W\|_\textrm{F}, _{\mathrm{Fro}}, _{\text{F}};
        # the name of the space: \|w\|_{\ell_2}, \|w\|_{\ell_1}
        font = re.fullmatch(
            r"\\(?:mathrm|textrm|text|mathsf|mathit|operatorname|rm|ell_?)\{?(\w+|\\infty)\}?", p
        )
        written, p = p, font.group(1) if font else p
        if written.startswith(r"\ell") and cols != 1:
            raise self.error(
                f"`\\|A\\|_{{{written}}}` of a matrix reads as the entrywise norm or the operator "
                f"norm; write `\\|A\\|_F` for the Frobenius norm or `\\|A\\|_2` for the spectral norm",
                t0,
            )
        if cols == 1 and written in _LORENTZ:
            # \|v\|_{\mathcal{L}} of a tangent vector of the hyperboloid: the root of <v, v>_L
            return sympy.sqrt(self._lorentzian(v, v, t0))
        if cols != 1 and rows != 1 and p in ("*", r"\ast", r"\cdot", r"\star", "nuc", "tr"):
            self.note("`\\|A\\|_*` of a matrix is its nuclear norm, the sum of its singular values")
            return F.nuclear_norm(v)
        if p in ("2", "F", "Fro", "fro"):
            if cols == 1:
                return sympy.sqrt(as_scalar(v.T * v))
            return sympy.sqrt(sympy.Trace(v.T * v))
        if p == "1" and cols == 1:
            # the entry of a compound vector stays an entry (not expanded into W[i, j] v[j] sums)
            i = sympy.Dummy("i", integer=True)
            distributed = v.replace(
                lambda e: (
                    isinstance(e, sympy.MatMul) and any(isinstance(a, sympy.MatAdd) for a in e.args)
                ),
                lambda e: e.expand(),
            )
            for form in (v, distributed):
                try:  # SymPy cannot take Abs of an entry of W (v - u); of W v - W u it can
                    return sympy.Sum(F.absolute(MatrixElement(form, i, 0)), (i, 0, rows - 1))
                except (TypeError, ValueError, NotImplementedError):
                    continue
            return sympy.Sum(F.absolute(v[i, 0]), (i, 0, rows - 1))
        if p == "1" and cols != 1 and rows != 1:
            raise self.error(
                "`\\|W\\|_1` of a matrix reads two ways: the sum of the entries' absolute "
                "values (an L1 penalty on weights, NOTEARS's) or the operator norm, the largest "
                "column sum; write `\\sum_{i,j} |W_{ij}|` for the first or `\\max_j \\sum_i "
                "|W_{ij}|` for the second",
                t0,
            )
        if p in (r"\infty", "inf") and cols == 1:
            i = sympy.Dummy("i", integer=True)
            return F.IndexMax(F.absolute(MatrixElement(v, i, 0)), (i, 0, rows - 1))
        order = self._norm_order(p) if cols == 1 else None
        if order is not None:
            # the p-norm of a vector, (\sum_i |v_i|^p)^{1/p}, for a number p or a declared scalar
            i = sympy.Dummy("i", integer=True)
            entries = sympy.Sum(F.absolute(MatrixElement(v, i, 0)) ** order, (i, 0, rows - 1))
            return entries ** (1 / order)
        if written in ("*", r"\ast", r"\star", r"\cdot"):  # \ast is read as a product sign
            raise self.error(
                f"the dual norm `\\|\\cdot\\|_*` (the supremum of `z^\\top x` over the primal "
                f"norm's unit ball) is {UNDECIDED_KIND}; "
                f"write the norm it is for your primal norm (`\\|z\\|_2` for the Euclidean norm, "
                f"`\\|z\\|_\\infty` for `\\|x\\|_1`)",
                t0,
            )
        raise self.error(
            f"the norm `_{written}` is not read yet; derivax reads `_1`, `_2`, `_p` for a whole "
            f"number or a declared scalar `p` (of a vector), `_\\infty` and `_F`",
            t0,
        )

    def _abs(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = self._closing(toks, i, "|")
        inner = self.parse(toks[i + 1 : k], toks[i].pos)
        vector = isinstance(inner, MatrixExpr) and 1 in inner.shape and inner.shape != (1, 1)
        if vector and k + 1 < len(toks) and toks[k + 1].text == "_":
            # |\beta|_1: single bars with the order of a norm are that norm
            g, j = self.group(toks, k + 2)
            p = join_tokens([t.text for t in g]).replace(" ", "")
            self.note("`|v|_p` of a vector (single bars with a subscript) is its p-norm")
            v = inner if inner.shape[1] == 1 else inner.T
            out.append(self.place(self._norm_of(v, p, toks[i]), toks[i].pos))
            return j
        if vector and k + 1 < len(toks) and toks[k + 1].text == "^":
            # |X_i - \sum_j W_{ij} X_j|^2 (locally linear embedding): bars squared around a
            # vector are its squared length, as papers write it; |g| alone stays entrywise
            self.note(
                "`|v|^p` of a vector (single bars with a power) is its 2-norm to that power, "
                "not the entries' absolute values"
            )
            v = inner if inner.shape[1] == 1 else inner.T
            out.append(self.place(self._norm_of(v, None, toks[i]), toks[i].pos))
            return k + 1
        if vector and _SUBSCRIPTED_BARS.search(self.latex):
            # |y - X\beta|^2 + \lambda |\beta|_1: the formula writes its norms with single bars
            self.note(
                "`|v|` of a vector is its 2-norm where the formula writes a p-norm with single "
                "bars (`|v|_1`) elsewhere"
            )
            v = inner if inner.shape[1] == 1 else inner.T
            out.append(self.place(self._norm_of(v, None, toks[i]), toks[i].pos))
            return k + 1
        if not isinstance(inner, MatrixExpr) and k + 1 < len(toks) and toks[k + 1].text == "_":
            g, j = self.group(toks, k + 2)
            order = join_tokens([t.text for t in g]).replace(" ", "")
            if order in (r"\infty", "inf") or self._norm_order(order) is not None:
                # |a - b|_1 of a scalar (GradNorm's loss): every p-norm of a number is |x|
                self.note("`|x|_p` of a scalar is its absolute value, as every p-norm of a number")
                out.append(self.place(F.absolute(inner), toks[i].pos))
                return j
        if (
            isinstance(inner, MatrixExpr)
            and inner.shape[0] == inner.shape[1]
            and inner.shape[0] != 1
        ):
            self.note("`|A|` of a square matrix is its determinant")
            value = sympy.Determinant(inner)
        elif isinstance(inner, MatrixExpr) and inner.shape != (1, 1):
            # |g_t| of a vector (AdaMax) is taken entry by entry; a norm is written \|g_t\|
            self.note("`|v|` of a vector is the absolute value of each entry (a norm is `\\|v\\|`)")
            value = elementwise(sympy.Abs, inner)
        elif isinstance(inner, MatrixExpr):
            value = F.absolute(as_scalar(inner))
        else:
            value = F.absolute(inner)
        out.append(self.place(value, toks[i].pos))
        return k + 1

    def _inner(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = find_close(toks, i, self.latex)
        parts = self.split_args(toks[i + 1 : k], {","})
        if len(parts) == 3 and not (k + 1 < len(toks) and toks[k + 1].text == "_"):
            out.append(self.place(self._trilinear(parts, toks[i]), toks[i].pos))
            return k + 1
        if len(parts) != 2:
            raise self.error(
                "an inner product `\\langle x, y \\rangle` takes two arguments (three for the "
                "trilinear product `\\langle a, b, c \\rangle`)",
                toks[i],
            )
        lorentz = False
        if k + 1 < len(toks) and toks[k + 1].text == "_":
            g, end = self.group(toks, k + 2)
            lorentz = join_tokens([t.text for t in g]).replace(" ", "") in _LORENTZ
            if not lorentz:
                raise self.error(
                    "an inner product with a subscript other than the Lorentzian one "
                    "(`\\langle x, y \\rangle_{\\mathcal{L}}`) is a product of its own, which "
                    "derivax does not read; write it entry by entry",
                    toks[k + 1],
                )
        a, b = (self.parse(p, p[0].pos if p else toks[i].pos) for _, p in parts)
        if lorentz:
            out.append(self.place(self._lorentzian(a, b, toks[i]), toks[i].pos))
            return end
        value = as_scalar(a.T * b) if isinstance(a, MatrixExpr) else a * b
        out.append(self.place(value, toks[i].pos))
        return k + 1

    def _trilinear(self, parts, t0: Tok) -> sympy.Expr:
        """``\\langle a, b, c \\rangle`` of three vectors of one length, ``\\sum_k a_k b_k c_k`` (as
        DistMult and ComplEx score a triple), read as ``a^\\top (b \\odot c)``."""
        a, b, c = (self.parse(p, p[0].pos if p else t0.pos) for _, p in parts)
        if not all(isinstance(v, MatrixExpr) and v.shape[1] == 1 for v in (a, b, c)) or not (
            a.shape == b.shape == c.shape
        ):
            raise self.error(
                "the trilinear product `\\langle a, b, c \\rangle` takes three column vectors "
                "of one length",
                t0,
            )
        self.note("`\\langle a, b, c \\rangle` is the trilinear product `\\sum_k a_k b_k c_k`")
        return as_scalar(a.T * sympy.HadamardProduct(b, c))

    def _lorentzian(self, a: sympy.Basic, b: sympy.Basic, t0: Tok) -> sympy.Expr:
        """The Lorentzian product of two vectors of one length, ``-a_1 b_1 + \\sum_{i >= 2} a_i b_i``:
        the first entry time-like, as hyperbolic embeddings write the hyperboloid model (with
        ``x_0``; physics texts that write the signature the other way round negate it)."""
        if not (
            isinstance(a, MatrixExpr)
            and isinstance(b, MatrixExpr)
            and a.shape == b.shape
            and a.shape[1] == 1
        ):
            raise self.error(
                "the Lorentzian product `\\langle x, y \\rangle_{\\mathcal{L}}` takes two column "
                "vectors of one length",
                t0,
            )
        self.note(
            "`\\langle x, y \\rangle_{\\mathcal{L}}` is the Lorentzian product "
            "`-x_1 y_1 + \\sum_{i \\ge 2} x_i y_i`, the first entry time-like (the hyperboloid "
            "model's `-x_0 y_0 + \\sum_{i \\ge 1} x_i y_i`)"
        )
        keys = [
            self.table.resolve(m.name) if isinstance(m, sympy.MatrixSymbol) else None
            for m in (a, b)
        ]
        ka, kb = keys
        if ka is None or kb is None:
            return as_scalar(a.T * b) - 2 * a[0, 0] * b[0, 0]
        # of declared vectors, by their entries: differentiated in index form
        k = self._index_symbol(fresh_index(self.latex, self.table, self.summation_vars))
        x, y = self.table.indexed(ka), self.table.indexed(kb)
        return -x[1] * y[1] + sympy.Sum(x[k] * y[k], (k, 2, a.shape[0]))
