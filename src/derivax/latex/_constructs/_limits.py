r"""Limits: ``\lim_{h \to 0} f(h)``, ``\lim_{n \to \infty}``, one-sided ``\lim_{x \to 0^+}``.

A limit is written to the skeleton as a sum whose range marker says it is a limit (so that its
body ends where a sum's would: the rest of the term), and the assembler makes it a SymPy
``Limit``. A finite point without a side is a two-sided limit (SymPy's ``dir="+-"``, whose value
exists only when both sides agree); ``0^+`` and ``0^-`` are the limits from above and below, and
a variable declared positive (or negative) approaches from the side its declaration allows, as a
rule ``derivax parse`` lists.
The limit variable is bound: where the same letter is also written outside the limit, the bound
one is renamed apart (``bind_limit_variables``), so the letter outside keeps its own meaning.
"""

from __future__ import annotations

import sympy

from .._lex import Tok
from .._state import ReaderState
from .._vocabulary import _Piece

#: the arrows of ``\lim_{h \to 0}``
ARROWS = frozenset({r"\to", r"\rightarrow", r"\longrightarrow"})

#: the range marker of a limit; its direction is kept in ``ReaderState.limit_sides``
MARK_LIMIT = "__derivax_limit__"


class Limits(ReaderState):
    r"""``\lim`` with its subscript."""

    def _limit(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        lower, upper, j = self.limits(toks, i + 1)
        usage = (
            "write the limit as `\\lim_{h \\to 0}`, `\\lim_{n \\to \\infty}` or "
            "`\\lim_{x \\to 0^+}` (one side)"
        )
        if lower is None or upper is not None:
            raise self.error(f"`\\lim` needs its variable and point as a subscript; {usage}", t0)
        arrows = [k for k, t in enumerate(lower) if t.text in ARROWS]
        if len(arrows) != 1 or arrows[0] == 0 or arrows[0] == len(lower) - 1:
            raise self.error(f"cannot read the subscript of `\\lim`; {usage}", lower[0])
        var_toks, point_toks = lower[: arrows[0]], lower[arrows[0] + 1 :]
        point_toks, side = _side(point_toks)
        if not point_toks:
            raise self.error(f"the point of `\\lim` is missing; {usage}", lower[arrows[0]])
        var = self.parse(var_toks, var_toks[0].pos)
        if not isinstance(var, sympy.Symbol) or var.is_real is False:
            raise self.error(
                f"the variable of `\\lim` is a scalar name (`h`, `n`, `\\epsilon`); {usage}",
                var_toks[0],
            )
        point = self.parse(point_toks, point_toks[0].pos)
        if not isinstance(point, sympy.Expr) or isinstance(point, sympy.MatrixExpr):
            raise self.error("the point of `\\lim` is a scalar", point_toks[0])
        if point.is_infinite and side != "+-":
            raise self.error(
                "a side (`^+`, `^-`) of an infinite point has no meaning; write "
                "`\\lim_{n \\to \\infty}`",
                point_toks[0],
            )
        if side == "+-" and not point.is_infinite and (var.is_nonnegative or var.is_nonpositive):
            # the body is read with the declared sign (|t|/t is 1 for t > 0), so the limit can
            # only be the one from the side the declaration allows
            side = "+" if var.is_nonnegative else "-"
            self.note(
                f"`\\lim_{{{var} \\to {point}}}` of `{var}`, declared "
                f"{'nonnegative' if side == '+' else 'nonpositive'}, is the limit from "
                f"{'above' if side == '+' else 'below'} (`{point}^{side}`)"
            )
        if point.has(var):
            raise self.error(f"the point of `\\lim` depends on its variable `{var}`", point_toks[0])
        marker = sympy.Symbol(f"{MARK_LIMIT}{len(self.limit_sides)}")
        self.limit_sides[marker.name] = side
        out += [
            _Piece(r"\sum_{", t0.pos),
            self.place(var, t0.pos),
            _Piece("=", t0.pos),
            self.place(point, t0.pos),
            _Piece("}^{", t0.pos),
            self.place(marker, t0.pos),
            _Piece("}", t0.pos),
        ]
        return j


def _side(point: list[Tok]) -> tuple[list[Tok], str]:
    """``0^+`` (or ``0^{+}``) -> (``0``, "+"); ``0^-`` -> (``0``, "-"); else two-sided."""
    texts = [t.text for t in point]
    for sign in ("+", "-"):
        if texts[-2:] == ["^", sign]:
            return point[:-2], sign
        if texts[-4:] == ["^", "{", sign, "}"]:
            return point[:-4], sign
    return point, "+-"


def bind_limit_variables(expr: sympy.Basic) -> sympy.Basic:
    """Each limit whose variable is also written outside it gets a variable of its own (a
    ``Dummy`` of the same name), so that a value given to the letter outside never enters the
    limit; limits whose letter is theirs alone keep it as written."""
    limits = [node for node in sympy.preorder_traversal(expr) if isinstance(node, sympy.Limit)]
    if not limits:
        return expr
    renamed = {}
    for node in limits:
        var = node.args[1]
        if var in symbols_outside(expr, node):
            own = sympy.Dummy(var.name, **var.assumptions0)
            renamed[node] = sympy.Limit(node.args[0].xreplace({var: own}), own, *node.args[2:])
    return expr.xreplace(renamed) if renamed else expr


def symbols_outside(e: sympy.Basic, limit: sympy.Basic) -> set[sympy.Basic]:
    """The symbols written in ``e`` outside ``limit`` (a limit, a sum; a relation is not evaluated, as
    ``xreplace`` would: ``x + 1 = x`` with the limit taken out is ``False``)."""
    if e == limit:
        return set()
    if isinstance(e, sympy.Symbol):
        return {e}
    return set().union(*(symbols_outside(a, limit) for a in e.args if isinstance(a, sympy.Basic)))
