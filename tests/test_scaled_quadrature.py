r"""A compiled integral on an infinite range puts its double-exponential nodes where the
integrand has its mass: ``\int_0^\infty e^{-a t} dt`` at a = 1e200 decayed inside the rule's
first node (it gave 0 instead of 1e-200), and at 1e-200 its mass lay beyond the last. The family:
half lines in both directions, shifted ends, the real line, scales from 1e-200 to 1e200,
integrands that decay exponentially, as a Gaussian, or as a power; values and the gradient
against the closed forms, float64 and float32."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import derivax as dx

SCALES = [1e-200, 1e-50, 1e-4, 1.0, 3e3, 1e50, 1e200]
CASES = [
    # (LaTeX, symbols, exact value as a function of c, derivative by c)
    (r"\int_{0}^{\infty} e^{-c t} \, dt", lambda c: 1 / c, lambda c: -1 / c**2),
    (r"\int_{0}^{\infty} t e^{-c t} \, dt", lambda c: 1 / c**2, lambda c: -2 / c**3),
    (r"\int_{-\infty}^{0} e^{c t} \, dt", lambda c: 1 / c, lambda c: -1 / c**2),
    (r"\int_{0}^{\infty} \frac{c}{(c + t)^2} \, dt", lambda c: 1.0, lambda c: 0.0),
    (
        r"\int_{-\infty}^{\infty} e^{-\frac{x^2}{2 c^2}} \, dx",
        lambda c: mpmath.sqrt(2 * mpmath.pi) * c,
        lambda c: mpmath.sqrt(2 * mpmath.pi),
    ),
    (r"\int_{1}^{\infty} e^{-c (t - 1)} \, dt", lambda c: 1 / c, lambda c: -1 / c**2),
]


def _representable(v: float, dtype) -> bool:
    info = np.finfo(dtype)
    return v == 0 or float(info.tiny) <= abs(v) <= float(info.max)


@pytest.mark.parametrize("latex, value, slope", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_an_integral_on_an_infinite_range_at_every_scale(latex, value, slope, dtype):
    import jax

    f = dx.compile(latex, symbols="c: scalar, positive", dtype=dtype)
    rtol = 1e-12 if dtype == "float64" else 1e-5
    for c in SCALES:
        exact = float(value(mpmath.mpf(c)))  # in mpmath: 1 / c^2 at 1e-200 is no float division
        if not (_representable(c, dtype) and _representable(exact, dtype)):
            continue
        got = float(f(c=c))
        assert got == pytest.approx(exact, rel=rtol), (c, got)
        d = float(slope(mpmath.mpf(c)))
        if d == 0 or not _representable(d, dtype):
            continue
        g = float(jax.grad(lambda v: f(c=v))(np.asarray(c, dtype=dtype)))
        assert g == pytest.approx(d, rel=100 * rtol), (c, g)


def test_an_integrand_that_is_zero_everywhere_keeps_the_unscaled_rule():
    f = dx.compile(r"\int_{0}^{\infty} 0 \cdot e^{-t} \, dt", dtype="float64")
    assert float(f()) == 0.0
