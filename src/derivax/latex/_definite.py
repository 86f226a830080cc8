r"""Claims of definiteness: ``M \succeq 0`` (positive semidefinite), ``M \succ 0`` (positive
definite), ``M \preceq 0``, ``M \prec 0`` and ``A \succeq B`` between square matrices.

``A \succeq B`` is read as ``A - B \succeq 0`` and ``A \preceq B`` as ``B - A \succeq 0`` (the
Loewner order). Between two scalars the order is the ordinary one (a 1 x 1 matrix is positive
semidefinite exactly when its entry is >= 0), and the reading says so. A vector or a non-square
matrix on either side is refused by name: ``x \succeq 0`` of a vector is the componentwise order
in some texts, which derivax does not read here (write ``x_i \ge 0``).
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import ParseError
from ._lex import Tok

#: the order's command -> (kind of the difference, which side is the larger)
ORDERS = {
    r"\succeq": ("psd", 1),
    r"\succ": ("pd", 1),
    r"\preceq": ("psd", -1),
    r"\prec": ("pd", -1),
}
_SCALAR = {
    r"\succeq": sympy.GreaterThan,
    r"\succ": sympy.StrictGreaterThan,
    r"\preceq": sympy.LessThan,
    r"\prec": sympy.StrictLessThan,
}
_OPEN, _CLOSE = frozenset("({["), frozenset(")}]")


def order_at(toks: list[Tok], latex: str) -> Tok | None:
    """The one top-level order of ``toks`` (outside every bracket), or None; two are refused."""
    depth, found = 0, []
    for t in toks:
        if t.text in _OPEN or t.text == r"\{":
            depth += 1
        elif t.text in _CLOSE or t.text == r"\}":
            depth -= 1
        elif depth == 0 and t.text in ORDERS:
            found.append(t)
    if len(found) > 1:
        raise ParseError(
            "one order (`\\succeq`, `\\succ`, `\\preceq`, `\\prec`) per claim; split the chain",
            latex,
            found[1].pos,
        )
    return found[0] if found else None


def _square(side, text: str, latex: str, pos: int):
    """``side`` as a square matrix, a scalar, or a clear refusal naming it."""
    if not isinstance(side, MatrixExpr):
        return side
    rows, cols = side.shape
    if sympy.simplify(rows - cols) != 0:
        what = "a vector" if cols == 1 else f"a {rows} x {cols} matrix"
        raise ParseError(
            f"`{text.strip()}` is {what}, not a square matrix: `\\succeq` and `\\preceq` order "
            f"symmetric matrices (positive semidefinite); for the entries of a vector write "
            f"`x_i \\ge 0`",
            latex,
            pos,
        )
    return side


def definite(latex: str, op: Tok, read, note) -> sympy.Basic:
    """The claim ``lhs op rhs``, each side read by ``read(text)``; ``note`` records the rule."""
    left_text, right_text = latex[: op.pos], latex[op.pos + len(op.text) :]
    if not left_text.strip() or not right_text.strip():
        raise ParseError(f"`{op.text}` needs a matrix on each side", latex, op.pos)
    lhs = _square(read(left_text), left_text, latex, 0)
    rhs = _square(read(right_text), right_text, latex, op.pos + len(op.text))
    kind, larger = ORDERS[op.text]
    if not isinstance(lhs, MatrixExpr) and not isinstance(rhs, MatrixExpr):
        note(
            f"`{op.text}` between scalars is the ordinary order (a 1 x 1 matrix is positive "
            f"semidefinite when its entry is >= 0)"
        )
        return _SCALAR[op.text](lhs, rhs, evaluate=False)
    big, small = (lhs, rhs) if larger == 1 else (rhs, lhs)
    for side, text in ((big, left_text), (small, right_text)):
        if not isinstance(side, MatrixExpr) and side != 0:
            raise ParseError(
                f"`{text.strip()}` is a scalar on one side of `{op.text}` with a matrix on the "
                f"other; compare a matrix with 0 or with another matrix of its size",
                latex,
                op.pos,
            )
    if small == 0:
        difference = big
    elif big == 0:
        difference = sympy.MatMul(-1, small).doit(deep=False)
    else:
        difference = sympy.MatAdd(big, sympy.MatMul(-1, small).doit(deep=False))
    note(
        f"`{op.text}` is the Loewner order: the claim is that "
        f"{'the difference' if not (small == 0) else 'the matrix'} is "
        f"{'positive semidefinite' if kind == 'psd' else 'positive definite'}"
    )
    return F.Definite(difference, kind)


def read_definite(latex: str, op: Tok, table, defined, reading):
    """The ``Reading`` of a claim of definiteness, each side read by ``reading``."""
    return read_by_sides(definite, latex, op, table, defined, reading)


def read_by_sides(claim, latex: str, op: Tok, table, defined, reading):
    """The ``Reading`` of ``claim(latex, op, side, note)``, a claim whose sides are read on their
    own by ``reading`` (a definiteness, a proportionality), with their rules and undeclared names."""
    rules: list[str] = []
    undeclared: dict[str, str] = {}

    def side(text: str) -> sympy.Basic:
        r = reading(text, table, defined)
        rules.extend(x for x in r.rules if x not in rules)
        undeclared.update(r.undeclared)
        return r.expr

    from ._parse import Reading  # the reader's result type; _parse calls this module

    expr = claim(latex, op, side, rules.append)
    return Reading(expr, undeclared, tuple(rules))
