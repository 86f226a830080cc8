"""The norms of a matrix read from its singular values: the spectral norm ``\\|A\\|_2`` (the
largest) and the nuclear norm ``\\|A\\|_*`` (their sum, the dual of the spectral norm). Each
evaluates by mpmath's SVD at high precision (the audit and the confirmation of a verdict) and
prints as NumPy and JAX code."""

from __future__ import annotations

import sympy


class _SingularValueNorm(sympy.Function):
    """A norm of a matrix that reduces its singular values (``_reduce``: ``max`` or ``sum``)."""

    nargs = 1
    is_real = True
    is_nonnegative = True
    _subscript = ""
    _reduce = "max"
    _numpy_order = "2"

    def _latex(self, printer, exp=None):
        body = rf"\left\|{printer._print(self.args[0])}\right\|_{self._subscript}"
        return rf"{body}^{{{exp}}}" if exp else body

    def _eval_evalf(self, prec):
        """The norm of an explicit matrix of numbers, by mpmath's SVD at the asked precision plus
        guard digits (used by the high-precision audit and confirmation)."""
        import mpmath

        m = self.args[0]
        if not isinstance(m, sympy.MatrixBase) or m.free_symbols:
            return None
        dps = mpmath.libmp.prec_to_dps(prec) + 15
        with mpmath.workdps(dps):
            rows = [[mpmath.mpf(sympy.Float(x, dps)) for x in m.row(r)] for r in range(m.rows)]
            values = mpmath.svd_r(mpmath.matrix(rows), compute_uv=False)
            total = max(values) if self._reduce == "max" else mpmath.fsum(values)
            return sympy.Float(total, dps)

    def _numpycode(self, printer):
        norm = printer._module_format(printer._module + ".linalg.norm")
        return f"{norm}({printer._print(self.args[0])}, {self._numpy_order})"

    def _jaxcode(self, printer):
        return f"jax.numpy.linalg.norm({printer._print(self.args[0])}, {self._numpy_order})"

    def _mpmathcode(self, printer):
        svd, matrix = (printer._module_format(f"mpmath.{f}") for f in ("svd_r", "matrix"))
        values = f"{svd}({matrix}({printer._print(self.args[0])}), compute_uv=False)"
        return f"{self._reduce}({values})"


class spectral_norm(_SingularValueNorm):
    """The spectral norm ``\\|A\\|_2`` of a matrix: its largest singular value."""

    _subscript = "2"


class nuclear_norm(_SingularValueNorm):
    """The nuclear (trace) norm ``\\|A\\|_*`` of a matrix: the sum of its singular values, the
    dual of the spectral norm."""

    _subscript = "*"
    _reduce = "sum"
    _numpy_order = "'nuc'"
