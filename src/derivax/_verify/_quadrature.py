r"""Integrals at a concrete point by quadrature, for the audit of a proof only.

A proof that rewrote ``\int_{-\infty}^{\infty} \mathcal{N}(x; \mu, \sigma^2) \log
\mathcal{N}(x; 0, 1) \, dx`` to a closed form is audited by evaluating the integral at sampled
points. SymPy's closed form of the same integral at a point takes seconds (Meijer G); a
quadrature takes milliseconds but has no error bound. For an audit that is enough: the value is
taken only where a tanh-sinh quadrature at ``prec + 10`` digits estimates its own error (the
change between its last two levels) below ``10^{-prec-2}`` of the value, and a wrong value could at worst fail a correct proof (which is
then ``unknown``), never pass a wrong one unless it matched the wrong closed form to ``prec``
digits. A refutation is never confirmed this way (``_precise.value`` keeps ``"symbolic"`` for
that). Integrals left alone: more than one variable, limits that are not numbers, integrands with
other free symbols; quadratures whose error estimate is too large, or that fail."""

from __future__ import annotations

from functools import lru_cache

import mpmath
import sympy


def checked_quadratures(c: sympy.Basic, prec: int) -> sympy.Basic:
    """``c`` with each one-variable integral over numeric limits replaced by its value where the
    quadrature's error estimate is small enough; the others left as they are."""

    def rule(integral: sympy.Integral) -> sympy.Basic:
        value = _quadrature(integral, prec)
        return integral if value is None else value

    return c.replace(lambda x: isinstance(x, sympy.Integral), rule)


@lru_cache(maxsize=256)  # the gap and each side of a claim hold the same integrals
def _quadrature(integral: sympy.Integral, prec: int) -> sympy.Float | None:
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return None
    x, lo, hi = integral.limits[0]
    if integral.function.free_symbols - {x} or not (lo.is_number and hi.is_number):
        return None
    try:
        f = sympy.lambdify(x, integral.function, "mpmath")
        with mpmath.workdps(prec + 10):
            a = mpmath.mpf(-mpmath.inf) if lo == -sympy.oo else mpmath.mpf(sympy.N(lo, prec + 10))
            b = mpmath.mpf(mpmath.inf) if hi == sympy.oo else mpmath.mpf(sympy.N(hi, prec + 10))
            total, error = mpmath.quad(f, [a, b], error=True)
            if not mpmath.isfinite(total) or error > max(abs(total), 1) * mpmath.mpf(10) ** (
                -prec - 2
            ):
                return None
            return sympy.Float(total, prec)
    except Exception:
        return None
