r"""Integrals at a concrete point by quadrature, for the audit of a proof only.

A proof that rewrote ``\int_{-\infty}^{\infty} \mathcal{N}(x; \mu, \sigma^2) \log
\mathcal{N}(x; 0, 1) \, dx`` to a closed form is audited by evaluating the integral at sampled
points. SymPy's closed form of the same integral at a point takes seconds (Meijer G); a
quadrature takes milliseconds but has no error bound. For an audit that is enough: the value is
taken only where tanh-sinh quadratures at two precisions (``prec + 15`` and ``prec + 30``
digits) agree to ``prec`` digits, and a wrong value could at worst fail a correct proof (which is
then ``unknown``), never pass a wrong one unless it matched the wrong closed form to ``prec``
digits. A refutation is never confirmed this way (``_precise.value`` keeps ``"symbolic"`` for
that). Integrals left alone: more than one variable, limits that are not numbers, integrands with
other free symbols; quadratures that disagree or fail."""

from __future__ import annotations

import mpmath
import sympy


def agreed_quadratures(c: sympy.Basic, prec: int) -> sympy.Basic:
    """``c`` with each one-variable integral over numeric limits replaced by its value where two
    quadratures agree; the others left as they are."""

    def rule(integral: sympy.Integral) -> sympy.Basic:
        value = _quadrature(integral, prec)
        return integral if value is None else value

    return c.replace(lambda x: isinstance(x, sympy.Integral), rule)


def _quadrature(integral: sympy.Integral, prec: int) -> sympy.Float | None:
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return None
    x, lo, hi = integral.limits[0]
    if integral.function.free_symbols - {x} or not (lo.is_number and hi.is_number):
        return None
    try:
        f = sympy.lambdify(x, integral.function, "mpmath")
        values = []
        for extra in (15, 30):
            with mpmath.workdps(prec + extra):
                a = (
                    mpmath.mpf(-mpmath.inf)
                    if lo == -sympy.oo
                    else mpmath.mpf(sympy.N(lo, prec + extra))
                )
                b = (
                    mpmath.mpf(mpmath.inf)
                    if hi == sympy.oo
                    else mpmath.mpf(sympy.N(hi, prec + extra))
                )
                values.append(mpmath.quad(f, [a, b]))
    except Exception:
        return None
    first, second = values
    if not (mpmath.isfinite(first) and mpmath.isfinite(second)):
        return None
    scale = max(abs(second), mpmath.mpf(1))
    with mpmath.workdps(prec + 30):
        if abs(first - second) > scale * mpmath.mpf(10) ** (-prec):
            return None
    return sympy.Float(second, prec)
