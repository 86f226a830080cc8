r"""The cross product of two vectors of 3 entries, ``\mathbf{a} \times \mathbf{b}``, and the
matrix of the cross product with one, ``[\mathbf{t}]_\times`` (the essential matrix ``E =
[t]_\times R`` of multi-view geometry): an explicit 3 x 3 matrix of the vector's entries, so that
both compile and differentiate (entry by entry, ``_algebra``'s explicit matrices).

Side conditions: both operands column vectors declared with 3 entries (``a, b: vector[3]``); a
vector of another or of a symbolic size is refused, naming the declaration that reads. A mark
after brackets that is no index (``[a]_\cdot``, ``(a)_\star``) is refused: it had been read as
an entry picked by an index named ``\cdot``.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._errors import ParseError
from ..symbols import Label
from ._lex import Tok
from ._products import _is_vector

#: marks that are no index in a subscript after brackets (``\times`` and ``\ast`` are lexed
#: as ``\cdot``)
_OPERATOR_SCRIPTS = frozenset({r"\cdot", r"\star", r"\bullet", r"\circ", "*", "+", "-"})


def skew(v: MatrixExpr) -> sympy.ImmutableMatrix:
    """``[v]_\\times``, the matrix of the cross product with a 3-vector: ``[v]_\\times w = v
    \\times w``."""
    x, y, z = (v[k, 0] for k in range(3))
    return sympy.ImmutableMatrix([[0, -z, y], [z, 0, -x], [-y, x, 0]])


def cross(a, b, note, latex: str, pos: int) -> MatrixExpr | None:
    """``a \\times b`` of two column vectors of 3 entries (their sizes written as 3 in the
    table): ``[a]_\\times b``; None where either is no vector (a product of numbers); refused
    for vectors of another or a symbolic size."""
    if not (_is_vector(a) and _is_vector(b)):
        return None
    if tuple(a.shape) != (3, 1) or tuple(b.shape) != (3, 1):
        raise ParseError(
            "`\\times` between two vectors is the cross product, read for column vectors "
            "declared with 3 entries (`a, b: vector[3]`); write `\\cdot` or `x^\\top y` for the "
            "dot product",
            latex,
            pos,
        )
    note("`\\times` between two vectors of 3 entries is the cross product")
    return sympy.MatMul(skew(a), b)


def operator_script(value, sub: list[Tok], latex: str, note) -> sympy.Basic | None:
    """``[t]_\\times`` of a vector of 3 entries: its cross-product matrix; None where the
    subscript after the brackets is no operator mark; refused for any other mark or vector."""
    if len(sub) != 1 or sub[0].text not in _OPERATOR_SCRIPTS:
        return None
    written = latex[sub[0].pos :].split()[0].split("}")[0]
    if written == r"\times" and isinstance(value, MatrixExpr) and tuple(value.shape) == (3, 1):
        note("`[v]_\\times` of a vector of 3 entries is its cross-product matrix")
        return skew(value)
    raise ParseError(
        f"`{written}` after brackets is no index; `[v]_\\times`, the cross-product matrix, is "
        f"read for a column vector declared with 3 entries (`v: vector[3]`)",
        latex,
        sub[0].pos,
    )


def refuse_index_power(exp, table, latex: str, pos: int) -> None:
    """``\\sigma(W x)^j`` with ``j`` a declared label or index: the j-th entry (a superscript
    index, GRU papers' unit j) or the power of each entry by j; refused naming both (it had been
    read as the power, a vector where a number was meant)."""
    if not isinstance(exp, sympy.Symbol):
        return
    key = table.resolve(exp.name)
    if isinstance(exp, Label) or (key is not None and table[key].kind == "index"):
        raise ParseError(
            f"a superscript `{exp}` on a vector, with `{exp}` a declared label or index, reads as "
            f"its entry {exp} or as the power of each entry; write the entry as a subscript "
            f"(`(v)_{{{exp}}}`, `\\left[ v \\right]_{{{exp}}}`) or declare `{exp}` a scalar for the "
            f"power",
            latex,
            pos,
        )
