r"""Integrals of a Gaussian density times a polynomial over the real line (the cross-entropy,
entropy and KL terms of every ELBO and KL derivation), as notes write them.

- `_algebra.gaussian_integral` against mpmath quadrature at 40 digits (an independent oracle),
  for every moment up to the fourth, shifted and scaled densities, and logs of densities;
- its side conditions, each with the case that would break it: a half line, no quadratic (a = 0),
  a quadratic whose sign depends on the values, a factor that is no polynomial (|x|, log x);
- claims through `dx.check`: right ones proved (and audited), wrong ones never proved;
- `\int f(x) \, dx` with no bounds in a relation is over the real line when `x` appears nowhere
  outside it, and stays an antiderivative where it does (`\int x \, dx = x^2/2`)."""

from __future__ import annotations

import itertools
import os

import mpmath
import pytest
import sympy

import derivax as dx
from derivax._algebra import gaussian_integral

x = sympy.Symbol("x", real=True)
mu = sympy.Symbol(r"\mu", real=True)
sigma = sympy.Symbol(r"\sigma", positive=True)
TABLE = r"\sigma, s: scalar, positive; \mu, m: scalar"


def _normal(mean, sd):
    return sympy.exp(-((x - mean) ** 2) / (2 * sd**2)) / sympy.sqrt(2 * sympy.pi * sd**2)


POLYS = [sympy.S.One, x, x**2, x**3, x**4, 3 * x**2 - 2 * x + 5, (x - 1) ** 4]
POINTS = [(sympy.Rational(3, 10), sympy.Rational(6, 5)), (-2, sympy.Rational(1, 4)), (7, 3)]


@pytest.mark.parametrize("poly, point", list(itertools.product(POLYS, POINTS)))
def test_moments_against_quadrature(poly, point):
    m0, s0 = point
    closed = gaussian_integral(sympy.Integral(_normal(mu, sigma) * poly, (x, -sympy.oo, sympy.oo)))
    assert closed is not None
    got = sympy.N(closed.subs({mu: m0, sigma: s0}), 40)
    with mpmath.workdps(40):
        f = sympy.lambdify(x, _normal(m0, s0) * poly, "mpmath")
        want = mpmath.quad(f, [-mpmath.inf, m0, mpmath.inf])
        assert abs(mpmath.mpf(str(got)) - want) < mpmath.mpf(10) ** -30 * max(1, abs(want))


@pytest.mark.parametrize("point", POINTS)
def test_log_densities_against_quadrature(point):
    m0, s0 = point
    m1, s1 = sympy.Rational(-1, 2), sympy.Rational(7, 10)
    integrand = _normal(mu, sigma) * sympy.log(_normal(mu, sigma) / _normal(m1, s1))
    closed = gaussian_integral(sympy.Integral(integrand, (x, -sympy.oo, sympy.oo)))
    assert closed is not None
    got = sympy.N(closed.subs({mu: m0, sigma: s0}), 40)
    # the KL divergence of two univariate Gaussians, written from its definition
    want = (
        sympy.log(s1 / s0) + (s0**2 + (m0 - m1) ** 2) / (2 * s1**2) - sympy.Rational(1, 2)
    ).evalf(40)
    assert abs(got - want) < 1e-30


@pytest.mark.parametrize(
    "integral",
    [
        sympy.Integral(_normal(mu, sigma) * x, (x, 0, sympy.oo)),  # a half line
        sympy.Integral(sympy.exp(-x) * x, (x, -sympy.oo, sympy.oo)),  # no quadratic
        sympy.Integral(sympy.exp(mu * x**2), (x, -sympy.oo, sympy.oo)),  # sign unknown
        sympy.Integral(_normal(mu, sigma) * sympy.Abs(x), (x, -sympy.oo, sympy.oo)),
        sympy.Integral(_normal(0, 1) * sympy.log(x**2 + 1), (x, -sympy.oo, sympy.oo)),
        sympy.Integral(sympy.exp(-(x**4)), (x, -sympy.oo, sympy.oo)),
        sympy.Integral(sympy.S(5), (x, -sympy.oo, sympy.oo)),  # diverges
    ],
)
def test_side_conditions_leave_the_integral_alone(integral):
    assert gaussian_integral(integral) is None


RIGHT = [
    r"\int \mathcal{N}(x; \mu, \sigma^2) \, dx = 1",
    r"\int x \, \mathcal{N}(x; \mu, \sigma^2) \, dx = \mu",
    r"\int x^2 \mathcal{N}(x; \mu, \sigma^2) \, dx = \mu^2 + \sigma^2",
    r"\int (x - \mu)^4 \mathcal{N}(x; \mu, \sigma^2) \, dx = 3 \sigma^4",
    r"\int \mathcal{N}(x; \mu, \sigma^2) \log \mathcal{N}(x; 0, 1) \, dx = -\frac{1}{2}\log(2\pi)"
    r" - \frac{1}{2}(\mu^2 + \sigma^2)",
    r"-\int \mathcal{N}(x; \mu, \sigma^2) \log \mathcal{N}(x; \mu, \sigma^2) \, dx = "
    r"\frac{1}{2}\log(2 \pi e \sigma^2)",
    r"\int \mathcal{N}(x; \mu, \sigma^2) \log \frac{\mathcal{N}(x; \mu, \sigma^2)}"
    r"{\mathcal{N}(x; m, s^2)} \, dx = \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2}"
    r" - \frac{1}{2}",
    r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x-\mu)^2}{2\sigma^2}} x^2"
    r" \, dx = \mu^2 + \sigma^2",
]


def test_no_bounds_is_the_real_line_only_where_x_is_nowhere_else():
    e = dx.parse(r"\int \mathcal{N}(x; \mu, \sigma^2) \, dx = 1", TABLE)
    (integral,) = e.atoms(sympy.Integral)
    assert integral.limits[0][1:] == (-sympy.oo, sympy.oo)
    e = dx.parse(r"\int x \, dx = \frac{x^2}{2}")
    (integral,) = e.atoms(sympy.Integral)
    assert len(integral.limits[0]) == 1  # an antiderivative
    assert dx.check(r"\int x \, dx = \frac{x^2}{2}", cache=False).status == "proved"
    # an expression that is no relation keeps its antiderivative
    (integral,) = dx.parse(r"\int x^2 \, dx").atoms(sympy.Integral)
    assert len(integral.limits[0]) == 1


# -- over a vector: diagonal Gaussians (a VAE's KL terms, Kingma and Welling's appendix B) --------
VAE = r"z, \mu, \sigma: vector[J]; j: index; J: dim; s: scalar, positive"
Q = r"\mathcal{N}(\mathbf{z}; \boldsymbol{\mu}, \boldsymbol{\sigma}^2)"
P = r"\mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I})"
VECTOR_RIGHT = [
    rf"\int {Q} \log {P} \, d\mathbf{{z}} = -\frac{{J}}{{2}}\log(2\pi) - \frac{{1}}{{2}}"
    r"\sum_{j=1}^J (\mu_j^2 + \sigma_j^2)",
    rf"\int {Q} \log {Q} \, d\mathbf{{z}} = -\frac{{J}}{{2}}\log(2\pi) - \frac{{1}}{{2}}"
    r"\sum_{j=1}^J (1 + \log \sigma_j^2)",
    rf"\int {Q} \log \frac{{{Q}}}{{{P}}} \, d\mathbf{{z}} = \frac{{1}}{{2}}\sum_{{j=1}}^J "
    r"(\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2)",
    rf"\int {Q} \left( \log {P} - \log {Q} \right) d\mathbf{{z}} = \frac{{1}}{{2}}"
    r"\sum_{j=1}^J (1 + \log \sigma_j^2 - \mu_j^2 - \sigma_j^2)",
    rf"\int {Q} \log \mathcal{{N}}(\mathbf{{z}}; \mathbf{{0}}, s^2 \mathbf{{I}}) \, d\mathbf{{z}} = "
    r"-\frac{J}{2}\log(2\pi s^2) - \frac{1}{2 s^2}\sum_{j=1}^J (\mu_j^2 + \sigma_j^2)",
]


CLAIMS = [(c, TABLE) for c in RIGHT] + [(c, VAE) for c in VECTOR_RIGHT]


#: the right claims whose proofs take 4 to 8 s of CPU run in the thorough profile: the scalar KL,
#: the vector's negative KL written as a difference of logs, and its cross-entropy against
#: N(0, s^2 I); the vector KL, the scalar entropy and cross-entropy are proved on every run
_SLOW_PROOFS = {RIGHT[6], VECTOR_RIGHT[3], VECTOR_RIGHT[4]}


@pytest.mark.parametrize(
    "claim, table",
    [
        pytest.param(c, t, marks=[pytest.mark.thorough("4 to 8 s of CPU")] * (c in _SLOW_PROOFS))
        for c, t in CLAIMS
    ],
)
def test_right_claims_are_proved(claim, table):
    v = dx.check(claim, table, timeout=30, cache=False)
    assert v.status == "proved", (claim, v)


#: twins checked in every run (a scalar moment and a vector KL); the others, 3 to 7 s of CPU each, in the
#: thorough profile (HYPOTHESIS_PROFILE=thorough)
_EVERY_RUN = {RIGHT[1], VECTOR_RIGHT[2]}


@pytest.mark.parametrize(
    "claim, table",
    [
        pytest.param(
            c,
            t,
            marks=pytest.mark.skipif(
                c not in _EVERY_RUN and os.environ.get("HYPOTHESIS_PROFILE") != "thorough",
                reason="3 to 6 s of CPU: in the thorough profile",
            ),
        )
        for c, t in CLAIMS
    ],
)
def test_wrong_twins_are_never_proved(claim, table):
    # a seventh of a size (or of 1) added to the right side
    left, right = claim.rsplit("=", 1)
    extra = "J" if table is VAE else "1"
    v = dx.check(f"{left}= {right} + \\frac{{{extra}}}{{7}}", table, timeout=6, cache=False)
    assert v.status != "proved", (claim, v)


def test_the_coordinates_are_summed_with_their_own_densities():
    e = dx.parse(rf"\int {Q} \log {P} \, d\mathbf{{z}} = 0", VAE)
    (total,) = e.lhs.atoms(sympy.Sum)
    (integral,) = total.atoms(sympy.Integral)
    assert integral.limits[0][1:] == (-sympy.oo, sympy.oo)
    assert str(total.limits[0][2]) == "J"


@pytest.mark.parametrize(
    "integral",
    [
        # a constant beside the logs would integrate to c, not J c
        rf"\int {Q} \left( \log {P} + 1 \right) d\mathbf{{z}}",
        # no weight first, or two weights
        rf"\int \log {P} \, {Q} \, d\mathbf{{z}}",
        rf"\int {Q} {P} \, d\mathbf{{z}}",
        # a mean or a covariance that is no declared vector, zero or identity
        r"\int \mathcal{N}(\mathbf{z}; \mathbf{a}, \boldsymbol{\sigma}^2) \log "
        rf"{P} \, d\mathbf{{z}}",
        rf"\int {Q} \log \mathcal{{N}}(\mathbf{{z}}; \mathbf{{0}}, \Sigma) \, d\mathbf{{z}}",
        # a function of the vector that is no density
        rf"\int {Q} \|\mathbf{{z}}\|^2 \, d\mathbf{{z}}",
    ],
)
def test_other_integrals_over_a_vector_stay_unread(integral):
    table = VAE + r"; a: vector[K]; K: dim; \Sigma: matrix[J, J]"
    with pytest.raises(dx.ParseError) as e:
        dx.parse(f"{integral} = 0", table)
    assert "multiple integral" in str(e.value) or "cannot" in str(e.value)
