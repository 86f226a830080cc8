r"""``\nabla f(x)`` with no subscript, as papers write it, is the gradient with respect to the one
variable the function is applied to — the same expression as ``\nabla_x f(x)``. A function of
several arguments, of a compound argument, or no function at all is refused asking for the
subscript; ``\nabla^2`` is the Hessian (tests/test_hessian_nabla.py), a higher power is refused by
name, never misread."""

from __future__ import annotations

import pytest

import derivax as dx

S = r"x, b: vector[n]; A: symmetric[n]; f, J, L: function; \theta: vector[n]; t: scalar; n: dim"


@pytest.mark.parametrize("fn", ["f", "J", "L"])
@pytest.mark.parametrize("var", ["x", r"\theta", "t"])
def test_the_argument_is_the_variable(fn, var):
    assert dx.parse(rf"\nabla {fn}({var})", S) == dx.parse(rf"\nabla_{{{var}}} {fn}({var})", S)


@pytest.mark.parametrize(
    "claim, given, status",
    [
        (r"\nabla f(x) = A x + b", r"f(x) = \frac{1}{2} x^\top A x + b^\top x", "proved"),
        (r"\nabla f(x) = A x", r"f(x) = \frac{1}{2} x^\top A x + b^\top x", "refuted"),
        (r"\nabla J(\theta) = 2 \theta", r"J(\theta) = \theta^\top \theta", "proved"),
        (r"\nabla L(t) = 3 t^2", r"L(t) = t^3", "proved"),
        (r"\nabla L(t) = t^2", r"L(t) = t^3", "refuted"),
    ],
)
def test_gradients_of_defined_functions_are_decided(claim, given, status):
    assert dx.check(claim, S, given=[given], timeout=20).status == status


@pytest.mark.parametrize(
    "latex, words",
    [
        (r"\nabla f(x, t)", "subscript"),
        (r"\nabla f(2 x)", "subscript"),
        (r"\nabla (x^\top x)", "subscript"),
        (r"\nabla^3 f(x)", "Hessian"),
        (r"\nabla^2 f(2 x)", "Hessian"),
        (r"\nabla_x^3 f(x)", "Hessian"),
    ],
)
def test_what_names_no_single_variable_is_refused(latex, words):
    with pytest.raises(dx.DerivaxError, match=words):
        dx.parse(latex, S)


@pytest.mark.parametrize(
    "latex, symbols, values, want",
    [
        # the Gaussian log density's constant, seen in two sets of paper formulas
        (r"-\frac{d}{2} \log(2 \pi)", "d: dim", {"d": 3}, -1.5 * 1.8378770664093453),
        (r"\frac{d}{2}", "d: scalar", {"d": 5.0}, 2.5),
        (r"\frac{d f}{4}", "d, f: scalar", {"d": 2.0, "f": 6.0}, 3.0),
    ],
)
def test_a_fraction_with_d_over_no_differential_is_a_fraction(latex, symbols, values, want):
    # a derivative's denominator holds its differential (dx, \partial x): d over 2 is d / 2
    assert float(dx.evaluate(latex, values, symbols=symbols)) == pytest.approx(want, rel=1e-12)
