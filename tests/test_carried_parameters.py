r"""A parameter a function carries in its name (``P_{\theta}``, ``\pi_{\theta}``, ``q_{\phi}``,
``f_{w}``) is one the function depends on (issue 23: ``\nabla_{\theta} \log P_{\theta}(x) = 0``
was proved, the derivative taken as 0 because nothing in ``\log P_{\theta}(x)`` mentions
``\theta``).

The family: every spelling of the derivative (``\nabla_{\theta}``, ``\frac{\partial}{\partial
\theta}``, ``\frac{d}{d\theta}``), every composition around the function (log, exp, powers,
products, an expectation over it), and every parameter letter. A false claim of the family is
never proved; a true one that the chain rule decides is proved (the log-derivative trick); a
vector parameter inside an expression is refused by name.
"""

from __future__ import annotations

import pytest
import sympy

import derivax as dx
from derivax._errors import DerivaxError
from derivax.latex._constructs._carried import carries

PARAMETERS = [(r"\theta", "P"), (r"\phi", "q"), ("w", "f"), (r"\lambda", "g")]
SPELLINGS = [
    lambda v, body: rf"\nabla_{{{v}}} {body}",
    lambda v, body: rf"\frac{{\partial}}{{\partial {v}}} {body}",
    lambda v, body: rf"\frac{{d}}{{d{v}}} \left({body}\right)",
]
# (composition of F = f_v(x), a claim about its derivative D that is false for a general f)
FALSE_CLAIMS = [
    (r"\log F", "0"),
    (r"e^{F}", "0"),
    (r"F^{2}", "0"),
    (r"\left(x F\right)", "0"),
    (r"\log F", r"\frac{1}{F}"),
]


def _symbols(v, f):
    return rf"{f}_{{{v}}}: function; {v}, x: scalar"


@pytest.mark.parametrize("v,f", PARAMETERS)
@pytest.mark.parametrize("spell", range(len(SPELLINGS)))
@pytest.mark.parametrize("outer,rhs", FALSE_CLAIMS)
def test_a_derivative_through_a_carried_parameter_is_never_taken_as_zero(v, f, spell, outer, rhs):
    app = rf"{f}_{{{v}}}(x)"
    claim = SPELLINGS[spell](v, outer.replace("F", app)) + f" = {rhs}"
    verdict = dx.check(claim, _symbols(v, f), timeout=10, cache=False)
    assert verdict.status != "proved", (claim, verdict)


@pytest.mark.parametrize("v,f", PARAMETERS)
def test_the_log_derivative_trick_is_proved_by_the_chain_rule(v, f):
    app = rf"{f}_{{{v}}}(x)"
    claim = rf"\nabla_{{{v}}} \log {app} = \frac{{\nabla_{{{v}}} {app}}}{{{app}}}"
    verdict = dx.check(claim, _symbols(v, f), timeout=10, cache=False)
    assert verdict.status == "proved", verdict


def test_the_score_function_expectation_is_no_longer_proved_by_a_zero_derivative():
    symbols = r"P_{\theta}: function; \theta: scalar"
    for claim in (
        r"\mathbb{E}_{x \sim P_{\theta}}[\nabla_{\theta} \log P_{\theta}(x)] = 0",
        r"\mathbb{E}_{x \sim P_{\theta}}[x \nabla_{\theta} \log P_{\theta}(x)] = 0",  # false
    ):
        verdict = dx.check(claim, symbols, timeout=10, cache=False)
        assert verdict.status != "proved", (claim, verdict)


def test_a_parameter_beside_its_carrier_still_differentiates_as_written():
    symbols = r"P_{\theta}: function; \theta, x: scalar"
    got = dx.parse(r"\nabla_{\theta} (\theta^2 + P_{\theta}(x))", symbols)
    theta = next(s for s in got.free_symbols if s.name == r"\theta")
    (d,) = got.atoms(sympy.Derivative)
    assert sympy.simplify(got - d - 2 * theta) == 0
    assert d.variables == (theta,)


def test_a_vector_parameter_inside_an_expression_is_refused_by_name():
    symbols = r"\pi_{\theta}: function; \theta: vector[d]; d: dim"
    with pytest.raises(DerivaxError, match=r"`\\pi_\{\\theta\}` carries `\\theta`"):
        dx.parse(r"\nabla_{\theta} \log \pi_{\theta}(a)", symbols)
    # the gradient of the function alone stays an unspecified quantity of its own
    dx.parse(r"\nabla_{\theta} \pi_{\theta}(a)", symbols)


@pytest.mark.parametrize(
    "name,var,expected",
    [
        (r"P_{\theta}", r"\theta", True),
        (r"p_{\theta, \phi}", r"\phi", True),
        ("f_{w}", "w", True),
        ("f_{wx}", "w", False),  # another name, not w
        (r"P_{\vartheta}", r"\theta", False),
        (r"P", r"\theta", False),
        (r"\theta_{k}", r"\theta", False),  # the parameter's own entry, not a carrier
    ],
)
def test_which_names_carry_a_parameter(name, var, expected):
    assert carries(name, sympy.Symbol(var)) is expected
