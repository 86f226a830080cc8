r"""Two readings of a function applied to a matrix that had been silent.

- ``\log`` of a square matrix built by matrix algebra (``\log(R_1^\top R_2)``, ``\log(\Sigma_1^{-1/2}
  \Sigma_2 \Sigma_1^{-1/2})``), of a declared symmetric or positive definite matrix, or written
  ``\operatorname{Log}`` / ``\operatorname{logm}``: in those papers it is the matrix logarithm,
  which derivax does not compute; read entry by entry it was a wrong number with no word. It is
  refused, naming both readings. ``\log`` of a declared plain matrix (a transport plan ``\log P``)
  or of entrywise expressions (``\log(P \oslash Q)``, ``\log \sigma(X)``) and of vectors stays the
  logarithm of each entry, said as a rule.
- ``\mathrm{tr}`` of a sum of matrices over an index (``\operatorname{Trace}(\sum_{\tau=0}^{T-1}
  A^\tau B B^\top (A^\top)^\tau)``, the average controllability): SymPy's sum of matrices is
  no matrix expression, and the trace had been dropped, leaving the matrix; it is the sum of the
  traces. A determinant of such a sum is refused.
- A function written without parentheses whose operand is a scalar times an array (``\sin\theta
  K``, Rodrigues' formula without its thin space): the function of the scalar times the array, or
  of each entry of the product; refused with both spellings.
"""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..._errors import ParseError

_MATRIX_LOG = re.compile(r"\\(operatorname|mathrm)\{(Log|logm)\}")


def entrywise_log(arg: MatrixExpr, table, latex: str, t0, note) -> None:
    """Refuse ``\\log`` of a matrix that reads as the matrix logarithm; note the entrywise
    reading otherwise."""
    written = latex[t0.pos : t0.pos + 30]
    rows, cols = arg.shape
    square = rows == cols and rows != 1
    kind = None
    if isinstance(arg, sympy.MatrixSymbol) and (key := table.resolve(arg.name)) is not None:
        kind = table[key].kind
    algebra = any(
        isinstance(n, (sympy.Inverse, sympy.MatPow))
        or (isinstance(n, sympy.MatMul) and sum(isinstance(a, MatrixExpr) for a in n.args) >= 2)
        for n in sympy.preorder_traversal(arg)
    )
    if _MATRIX_LOG.match(written) or (square and (algebra or kind in ("spd", "symmetric"))):
        raise ParseError(
            "`\\log` of a square matrix built by matrix algebra, of a symmetric or positive "
            "definite matrix, or written `\\operatorname{Log}`, reads as the matrix logarithm, "
            "which derivax does not compute, or as the logarithm of each entry; for each entry, "
            "declare the matrix and write `\\log P` of it (for the log-determinant write "
            "`\\log \\det` or `\\log |A|`)",
            latex,
            t0.pos,
        )
    if square:
        note("`\\log` of a square matrix here is the logarithm of each entry")


def scaled_array_operand(arg, run, latex: str, t0) -> None:
    """Refuse an operand written without parentheses that is a scalar variable times an array
    (``\\sin\\theta K``)."""
    if not isinstance(arg, MatrixExpr) or 1 in tuple(arg.shape):
        return
    if isinstance(arg, sympy.MatMul):
        scalars = [a for a in arg.args if not isinstance(a, MatrixExpr)]
        if any(s.free_symbols for s in scalars):
            text = latex[run[0].pos : run[-1].pos + len(run[-1].text)]
            raise ParseError(
                f"the operand `{text}` written without parentheses is a scalar times a matrix: "
                f"the function of the scalar times the matrix, or of each entry of the product; "
                f"write the parentheses (`\\sin(\\theta) K` or `\\sin(\\theta K)`), or a thin space "
                f"after the scalar (`\\sin\\theta \\, K`)",
                latex,
                t0.pos,
            )


def _holds_matrix(x) -> bool:
    """A sum or product over an index whose terms are matrices (no matrix expression itself)."""
    if isinstance(x, (sympy.Sum, sympy.Product)):
        return isinstance(x.function, MatrixExpr) or _holds_matrix(x.function)
    return isinstance(x, (sympy.Add, sympy.Mul)) and any(_holds_matrix(a) for a in x.args)


def trace_of(x, latex: str, t0):
    """``\\mathrm{tr}(x)``: of a matrix its trace, of a sum of matrices over an index the sum of
    the traces, of a scalar the scalar."""
    if isinstance(x, MatrixExpr):
        return sympy.Trace(x)
    if isinstance(x, sympy.Sum) and isinstance(x.function, MatrixExpr):
        return sympy.Sum(sympy.Trace(x.function), *x.limits)
    if isinstance(x, sympy.Sum) and _holds_matrix(x.function):
        return sympy.Sum(trace_of(x.function, latex, t0), *x.limits)
    return scalar_only(x, "tr", latex, t0)


def scalar_only(x, word: str, latex: str, t0):
    """``x`` where it is a scalar; refused where it holds matrices derivax has no single
    expression for (a product of matrices over an index)."""
    if _holds_matrix(x):
        raise ParseError(
            f"`\\{word}` of a sum or product of matrices over an index is not read; write it "
            f"inside the sum (`\\sum_k \\operatorname{{tr}}(A_k)`)",
            latex,
            t0.pos,
        )
    return x
