"""Summaries of a vector's entries written as words: ``\\operatorname{mean}(x)``, the average of
the entries, and ``\\mathrm{sim}(u, v)``, the cosine similarity of contrastive learning. Each
refuses what does not say what it summarizes (the mean of a matrix, of a scalar)."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._lex import Tok
from .._state import ReaderState
from .._vocabulary import as_scalar


class Summaries(ReaderState):
    """``mean`` and ``sim`` of vectors, called by ``Applications._ml_function``."""

    def _cosine_similarity(self, args: list[sympy.Basic], t0: Tok) -> sympy.Expr:
        """``\\mathrm{sim}(u, v)`` of two vectors of one length is their cosine similarity, as
        contrastive learning defines it (SimCLR, MoCo, MOON); declare ``\\mathrm{sim}`` to say
        otherwise (a dot product of normalized embeddings is the same number)."""
        if (
            len(args) != 2
            or not all(isinstance(a, MatrixExpr) and a.shape[1] == 1 for a in args)
            or args[0].shape != args[1].shape
        ):
            raise self.error(
                "`sim(u, v)` is the cosine similarity of two vectors of one length; declare "
                "`\\mathrm{sim}: function` for a similarity of your own",
                t0,
            )
        u, v = args
        self.note(
            "`sim(u, v)` is the cosine similarity `u^\\top v / (\\|u\\| \\|v\\|)`, as contrastive "
            "learning defines it (declare `\\mathrm{sim}: function` to say otherwise)"
        )
        return as_scalar(u.T * v) / sympy.sqrt(as_scalar(u.T * u) * as_scalar(v.T * v))

    def _mean(self, x: sympy.Basic, t0: Tok) -> sympy.Expr:
        """``\\operatorname{mean}(x)`` of a vector, the average of its entries. Of a matrix it
        reads two ways (all entries, or each column, as a batch mean is taken) and of a scalar it
        is no average (``\\operatorname{mean}(x_i)`` leaves the index it averages over unsaid):
        both are refused."""
        if not isinstance(x, MatrixExpr) or 1 not in x.shape:
            what = "a matrix" if isinstance(x, MatrixExpr) else "a scalar"
            raise self.error(
                f"`mean` of {what} does not say what it averages over; write the sum, "
                f"`\\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} x_i`",
                t0,
            )
        v = x if x.shape[1] == 1 else x.T
        self.note("`mean(x)` of a vector is the average of its entries, `\\frac{1}{n} \\sum_i x_i`")
        return self._sum_entries(v, lambda e: e, t0) / v.shape[0]
