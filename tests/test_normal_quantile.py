r"""``\Phi^{-1}(p)``, the standard normal quantile (the probit): randomized smoothing's certified
radius ``\frac{\sigma}{2}(\Phi^{-1}(\underline{p_A}) - \Phi^{-1}(\overline{p_B}))``, probit
models, Gaussian quantiles. With ``\Phi`` undeclared, ``\Phi(x)`` was already the normal CDF, but
``\Phi^{-1}(p)`` read as ``p / \Phi``, a product (with a rule). Checked against mpmath's
``\sqrt{2} \operatorname{erf}^{-1}(2p - 1)`` at as many digits as p's tail needs, from the
middle to p = 1e-300 (where 2p - 1 rounds to -1 and the erfinv form is -inf), the derivative
``1/\phi(\Phi^{-1}(p))``, the decorated bounds ``\underline{p_A}``, ``\overline{p_B}`` as names of
their own, and the breaking cases: p = 1/2 (0 exactly), p at 0 and 1 (-inf, +inf), outside
(0, 1) (NaN), a declared ``\Phi`` (the user's function)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading


def _quantile(p: float) -> float:
    tail = min(p, 1 - p)
    with mp.workdps(40 + int(-mp.log10(tail))):
        return float(mp.sqrt(2) * mp.erfinv(2 * mp.mpf(p) - 1))


@pytest.mark.parametrize("p", [1e-300, 1e-20, 0.025, 0.3, 0.5, 0.975, 1 - 1e-12])
def test_the_quantile_from_the_middle_to_the_far_tail(p):
    got = float(dx.evaluate(r"\Phi^{-1}(p)", {"p": p}, "p: scalar, unit"))
    assert got == pytest.approx(_quantile(p), rel=1e-14, abs=1e-300)


@pytest.mark.parametrize("p, want", [(0.0, -np.inf), (1.0, np.inf), (1.5, np.nan), (-0.1, np.nan)])
def test_the_ends_and_outside(p, want):
    got = float(dx.evaluate(r"\Phi^{-1}(p)", {"p": p}, "p: scalar"))
    np.testing.assert_equal(got, want)


def test_the_rule_is_listed_and_the_form_prints_back():
    rules = reading(r"\Phi^{-1}(p) + \Phi(x)", "p: scalar, unit; x: scalar").rules
    assert any("standard normal quantile" in rule for rule in rules)
    e = dx.parse(r"\sigma \Phi^{-1}(1 - p)^2", r"p: scalar, unit; \sigma: scalar, positive")
    again = dx.to_latex(e, r"p: scalar, unit; \sigma: scalar, positive")
    assert dx.parse(again, r"p: scalar, unit; \sigma: scalar, positive") == e


@pytest.mark.parametrize("p", [1e-10, 0.2, 0.5, 0.9])
def test_the_derivative_is_one_over_the_density_at_the_quantile(p):
    d = dx.derive(r"\Phi^{-1}(p)", "p", "p: scalar, unit")
    got = float(dx.evaluate(d, {"p": p}))
    q = _quantile(p)
    assert got == pytest.approx(math.sqrt(2 * math.pi) * math.exp(q * q / 2), rel=1e-13)


def test_the_certified_radius_of_randomized_smoothing():
    latex = (
        r"R = \frac{\sigma}{2} \left( \Phi^{-1}(\underline{p_A}) - \Phi^{-1}(\overline{p_B}) "
        r"\right)"
    )
    table = r"\underline{p}_A, \overline{p}_B: scalar, unit; \sigma: scalar, positive"
    values = {r"\underline{p}_A": 0.93, r"\overline{p}_B": 0.04, r"\sigma": 0.5}
    got = float(dx.evaluate(latex, values, table))
    assert got == pytest.approx(0.25 * (_quantile(0.93) - _quantile(0.04)), rel=1e-14)


def test_a_declared_phi_is_the_users_function():
    e = dx.parse(r"\Phi^{-1}(p)", r"p: scalar; \Phi: function")
    assert "normal_quantile" not in str(e)


@pytest.mark.parametrize("alpha", [0.9, 0.975, 0.99])
def test_the_density_beside_the_quantile_is_the_normal_density(alpha):
    # the Gaussian expected shortfall mu + sigma phi(Phi^{-1}(alpha)) / (1 - alpha): \phi is the
    # density where \Phi^{-1} is applied too (as where \Phi is)
    latex = (
        r"\mathrm{ES}_\alpha = \mu + \sigma \frac{\phi\left( \Phi^{-1}(\alpha) \right)}{1 - \alpha}"
    )
    table = r"\mu: scalar; \sigma: scalar, positive; \alpha: scalar, unit"
    got = float(dx.evaluate(latex, {"mu": 0.01, "sigma": 0.2, "alpha": alpha}, table))
    q = _quantile(alpha)
    want = 0.01 + 0.2 * math.exp(-q * q / 2) / math.sqrt(2 * math.pi) / (1 - alpha)
    assert got == pytest.approx(want, rel=1e-13)
    # with neither \Phi nor its inverse applied, \phi(x) stays a product with its rule
    assert "exp" not in str(dx.parse(r"\phi(x) + y", "x, y: scalar"))
