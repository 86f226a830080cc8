r"""Every spelling of an expectation reads as the same expression: over a density
(``\mathbb{E}_{z \sim q}``, ``E_{z \sim q(z)}``, ``E_{q(z)}``, ``\mathrm{E}_{z \sim q}``) and over a
declared random variable named in the subscript (``E_X[f(X)]``). A plain E with a subscript that
names neither stays refused, never read as E times a bracket."""

from __future__ import annotations

import pytest
import sympy

import derivax as dx

DENSITY = "q: function; z: scalar"
BODIES = [r"\log q(z)", "z^2", r"e^{-z}"]
SPELLINGS = [
    r"E_{z \sim q(z)}[{b}]",
    r"E_{z \sim q}[{b}]",
    r"E_{q(z)}[{b}]",
    r"\mathrm{{E}}_{z \sim q}[{b}]",
    r"\mathbb{{E}}_{z \sim q(z)}[{b}]",
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_an_expectation_over_a_density_in_every_spelling(spelling, body):
    want = dx.parse(r"\mathbb{E}_{z \sim q}[" + body + "]", DENSITY)
    got = dx.parse(spelling.replace("{b}", body).replace("{{", "{").replace("}}", "}"), DENSITY)
    assert got == want
    # the integral over the real line of the density times the body
    assert isinstance(got, sympy.Integral)
    (_var, lo, hi) = got.limits[0]
    assert (lo, hi) == (-sympy.oo, sympy.oo)


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"E_{X}[X^2] \ge E_X[X]^2", "proved"),
        (r"E_{X}[X^2] \le E_X[X]^2", "refuted"),
        (r"E_X[2X + 1] = 2 E[X] + 1", "proved"),
        (r"E_X[2X + 1] = 2 E[X]", "refuted"),
    ],
)
def test_a_subscript_naming_the_random_variable(claim, status):
    v = dx.check(claim, "X: random", timeout=20)
    assert v.status == status, v


def test_a_subscript_that_names_no_distribution_is_refused():
    with pytest.raises(dx.DerivaxError, match="times a bracket"):
        dx.parse(r"E_{t}[x]", "x, t: scalar")


@pytest.mark.parametrize("font", [r"\operatorname", r"\mathrm", r"\text", r"\textrm"])
@pytest.mark.parametrize("brackets", [("(", ")"), ("[", "]"), (r"\left[", r"\right]")])
def test_every_upright_spelling_of_var_and_cov_is_the_moment(font, brackets):
    # d2l writes \textrm{Var}[X]; it was an unknown function while \text{Var}[X] was the variance
    o, c = brackets
    symbols = "X, Y: random"
    assert dx.parse(rf"{font}{{Var}}{o}X{c}", symbols) == dx.parse(
        r"\operatorname{Var}(X)", symbols
    )
    assert dx.parse(rf"{font}{{Cov}}{o}X, Y{c}", symbols) == dx.parse(
        r"\operatorname{Cov}(X, Y)", symbols
    )
