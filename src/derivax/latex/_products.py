"""Products of two arrays side by side, as the assembler forms them: which sizes cannot agree,
two vectors, a row vector before a matrix, a matrix's row times a vector."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ._vocabulary import as_scalar


def _shape(m) -> str:
    rows, cols = m.shape
    return f"{rows} x {cols}"


def _reciprocal(m) -> bool:
    """An entrywise reciprocal (``1/v`` read as ``v^{\\circ -1}``), alone, scaled or in a product of
    entries (``\\frac{\\eta}{\\sqrt{v} + \\epsilon}``, ``\\frac{m}{v}``)."""
    if isinstance(m, sympy.HadamardPower):
        return m.exp.is_number and m.exp < 0
    if isinstance(m, (sympy.MatMul, sympy.HadamardProduct)):
        return any(_reciprocal(a) for a in m.args if isinstance(a, MatrixExpr))
    return False


def _is_vector(e) -> bool:
    return isinstance(e, MatrixExpr) and 1 in e.shape


def _times(a, b):
    """``a b``; with a matrix, a MatMul whose scalar factors stay as written (``a * b`` would call
    ``doit`` on them, expanding a 1-norm's entries into sums)."""
    if isinstance(a, MatrixExpr) or isinstance(b, MatrixExpr):
        return sympy.MatMul(a, b).doit(deep=False)
    return a * b


def _two_vectors_product(reader, result, a, dot: bool, pos: int):
    """Two column vectors side by side: entry by entry for a fraction, the dot product after a
    ``\\cdot``, the scalar product for a matrix's row (``W_i x``), else refused."""
    if (_reciprocal(a) or _reciprocal(result)) and not dot:
        # m / (\sqrt{v} + \epsilon), \frac{\eta}{\sqrt{v}} g of two vectors: entry by entry
        reader.note(
            "a fraction of two vectors (or a vector times a fraction of vectors) is taken "
            "entry by entry"
        )
        return sympy.HadamardProduct(result, a)
    if dot:
        return as_scalar(_times(result.T, a))  # x \cdot y of two vectors: the dot product
    if _a_row(result) or (_a_row_member(result) and not _a_row_member(a)):
        # W_i x: a row of a matrix is a row vector, so row times column is their scalar
        # product, the only product the shapes allow (RBM's c_i + W_i x)
        reader.note("a matrix's row times a vector (`W_i x`) is their scalar product")
        return as_scalar(_times(result.T, a))
    raise reader.error(
        "two vectors written side by side: write `x^\\top y` or `x \\cdot y` for the dot "
        "product, `x \\odot y` for the product of entries",
        pos,
    )


def _a_row_member(e) -> bool:
    """A member of a family the table declares the rows of a matrix (``w_n: row[W]``, IndRNN's
    ``\\mathbf{w}_n \\mathbf{x}_t``; held as a column vector)."""
    from .._members import Member

    if isinstance(e, sympy.MatMul):  # y_i \mathbf{B}_i \beta: a number times the row
        mats = [a for a in e.args if isinstance(a, MatrixExpr)]
        return len(mats) == 1 and _a_row_member(mats[0])
    return isinstance(e, Member) and e.axis == 0


def _a_row(e) -> bool:
    """A row of a matrix picked by an index (``W_i``, held as a column vector)."""
    from ._rows import MatrixRow

    return isinstance(e, MatrixRow) and int(e.args[2]) == 0


def _sizes_differ(p, q) -> bool:
    """Two sizes that cannot be the same as declared: two different numbers, or two expressions
    in declared sizes whose difference is not 0 (``n`` and ``m`` are sizes of their own, as the
    symbol table declares them). A number and a size name may agree: the size takes that value
    (a 2 x 2 matrix written out times ``x: vector[n]``), except 1, the other axis of a vector:
    a row vector times a row vector (``(x^\\top W)(x^\\top V)``) is no product of a 1 x h by an
    h = 1 array."""
    if sympy.simplify(p - q) == 0:
        return False
    if 1 in (p, q):
        return True
    return _is_number(p) == _is_number(q)


def _is_number(size) -> bool:
    """A size given as a number (a Python int from a written-out matrix, or a SymPy number)."""
    return isinstance(size, int) or size.is_number


def _is_one_by_one(m) -> bool:
    return isinstance(m, MatrixExpr) and m.shape == (1, 1) and not isinstance(m, sympy.MatrixSymbol)


def _row_vector_first(x: MatrixExpr, w: MatrixExpr) -> bool:
    """``x W`` with ``x`` a column vector of length n (n no number 1) and ``W`` a matrix with n
    rows: only ``x^\\top W`` has a reading."""
    n = x.shape[0]
    return x.shape[1] == 1 and n != 1 and w.shape[0] == n
