"""The matrix exponential ``e^{A}`` as a SymPy matrix expression, and its entries evaluated by
mpmath at the precision asked (re-exported by ``derivax._functions``)."""

from __future__ import annotations

import functools

import sympy
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixExpr

#: the digits of the explicit matrix exponential where no precision is asked (``float()``); evalf
#: at p digits computes it at p + 15
EXPM_GUARD_DIGITS = 15


def explicit_argument(arg, hints):
    """A matrix node's argument after ``doit``, written out entry by entry when it has numeric
    sizes and no symbols (shared by the matrix exponential and the row-wise softmax)."""
    arg = arg.doit(**hints) if hints.get("deep", True) else arg
    if (
        isinstance(arg, MatrixExpr)
        and all(_sympify(s).is_Integer for s in arg.shape)
        and not arg.free_symbols
    ):
        arg = arg.as_explicit()
    return arg


class ShapedLikeArgument(MatrixExpr):
    """A matrix node of one argument, shaped like it (the matrix exponential, the row-wise
    softmax)."""

    @property
    def arg(self):
        return self.args[0]

    @property
    def shape(self):
        return self.arg.shape


class MatrixExp(ShapedLikeArgument):
    """The matrix exponential ``e^{A} = \\sum_k A^k / k!`` of a square matrix, shaped like it.
    Side conditions: ``A`` square (the reader refuses anything else); a 1 x 1 ``A`` is the
    exponential of its entry. ``doit`` on an explicit matrix of real numbers gives the explicit
    matrix of ``ExpmEntry`` values: each evaluates (``evalf``, ``N``, ``float``) with
    ``mpmath.expm`` (Pade approximation with scaling and squaring) at the precision asked plus
    ``EXPM_GUARD_DIGITS``, so a confirmation at 120 digits gets 120 correct digits; SymPy's
    ``Matrix.exp`` (an eigen-decomposition, which can run unbounded on a symbolic or
    ill-conditioned matrix) is never called. On anything else ``doit`` leaves it unevaluated."""

    def __new__(cls, arg):
        return sympy.Basic.__new__(cls, arg)

    def doit(self, **hints):
        arg = explicit_argument(self.arg, hints)
        if not isinstance(arg, sympy.MatrixBase):
            return MatrixExp(arg)
        if arg.shape == (1, 1):
            return sympy.ImmutableMatrix([[sympy.exp(arg[0, 0])]])
        if arg.free_symbols or not all(x.is_number for x in arg):
            return MatrixExp(sympy.ImmutableMatrix(arg))
        m = sympy.ImmutableMatrix(arg)
        n = m.rows
        return sympy.ImmutableMatrix(n, n, [ExpmEntry(m, r, c) for r in range(n) for c in range(n)])

    def _latex(self, printer, exp=None):
        from ._call import call

        # `e^{Q K^T}` of factors that are not square reads back refused (two readings): there
        # the matrix exponential is written by name
        oblong = any(
            sympy.simplify(m.shape[0] - m.shape[1]) != 0 and 1 not in m.shape
            for m in self.arg.atoms(sympy.MatrixSymbol)
        )
        inner = printer._print(self.arg)
        body = call(r"\operatorname{expm}", inner) if oblong else rf"e^{{{inner}}}"
        return rf"\left({body}\right)^{{{exp}}}" if exp else body

    def _numpycode(self, printer):
        return f"{printer._module_format('scipy.linalg.expm')}({printer._print(self.arg)})"

    def _jaxcode(self, printer):
        return f"jax.scipy.linalg.expm({printer._print(self.arg)})"

    def _mpmathcode(self, printer):
        expm, matrix = (printer._module_format(f"mpmath.{f}") for f in ("expm", "matrix"))
        return f"{expm}({matrix}({printer._print(self.arg)}))"


class ExpmEntry(sympy.Function):
    """Entry ``(r, c)`` of the matrix exponential of the explicit matrix of real numbers ``m``,
    evaluated by ``mpmath.expm`` at the precision asked (see ``MatrixExp``)."""

    nargs = 3
    is_real = True

    @property
    def is_number(self):
        return True

    def _eval_evalf(self, prec):
        import mpmath

        m, r, c = self.args
        dps = mpmath.libmp.prec_to_dps(prec) + EXPM_GUARD_DIGITS
        return sympy.Float(_expm_digits(m, dps)[int(r) * m.cols + int(c)], dps)


@functools.lru_cache(maxsize=64)
def _expm_digits(m: sympy.ImmutableMatrix, dps: int) -> tuple[str, ...]:
    """The entries of ``e^{m}`` to ``dps`` digits, row by row, as decimal strings (computed once
    per matrix and precision: every entry of one exponential asks for the same)."""
    import mpmath

    with mpmath.workdps(dps):
        rows = [[mpmath.mpf(sympy.N(x, dps)) for x in m.row(r)] for r in range(m.rows)]
        e = mpmath.expm(mpmath.matrix(rows))
        return tuple(
            mpmath.nstr(e[r, c], dps, min_fixed=1, max_fixed=0)
            for r in range(m.rows)
            for c in range(m.cols)
        )
