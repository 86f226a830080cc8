r"""The reading of an evaluation bar (``_evaluation_bars`` writes it on the tokens): the body
with its variable set to the point, ``\left. \frac{d}{dx} x^3 \right|_{x=2} = 12``, or the
difference between two points, ``\frac{x^2}{2} \Big|_{x=0}^{1} = \frac{1}{2}``."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._lex import Tok
from .._state import ReaderState
from .._vocabulary import _Piece


class EvaluationBars(ReaderState):
    """``f \\Big|_{x=a}`` and ``F \\Big|_{x=a}^{b}``."""

    def _evaluation_bar(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        var_toks, j = self.group(toks, i + 1)
        point_toks, j = self.group(toks, j)
        upper_toks, j = self.group(toks, j)
        body_toks, j = self.group(toks, j)
        var = self.parse(var_toks, var_toks[0].pos)
        if not isinstance(var, sympy.Symbol) or isinstance(var, MatrixExpr):
            raise self.error(
                f"the variable of an evaluation bar is one scalar name, not `{var}`", var_toks[0]
            )
        body = self.parse(body_toks, body_toks[0].pos)
        if var not in body.free_symbols:
            raise self.error(
                f"`{var}` does not appear in the expression before the evaluation bar; name the "
                f"variable it is a function of",
                t0,
            )

        def at(point_toks: list[Tok]) -> sympy.Basic:
            point = self.parse(point_toks, point_toks[0].pos)
            # Subs keeps a derivative of an unspecified function at a point (f'(0)); doit
            # substitutes everywhere else
            return sympy.Subs(body, var, point).doit()

        value = at(point_toks)
        if upper_toks:
            value = at(upper_toks) - value
        self.note(
            f"the evaluation bar `|_{{{var}=\\dots}}` sets `{var}` in the expression before it "
            f"(from the `\\left.` that opens it, or the start of its side of the relation)"
        )
        out.append(self.place(value, t0.pos))
        return j
