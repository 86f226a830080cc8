r"""A formula that defines a function of several arguments, ``k(x, y) = \exp(-\|x - y\|^2 / 2\ell^2)``
with ``k`` undeclared: the left side is the function the formula defines (a product of a name and
several arguments has no other reading), so the formula evaluates to its right side and
differentiates. Anywhere else (not the formula's first thing, after a number, before ``\le``, on
the right) an undeclared name with several arguments is still refused, naming the declaration."""

from __future__ import annotations

import numpy as np
import pytest
from sympy.core.function import AppliedUndef

import derivax as dx
from derivax import ParseError

X = [-0.351, -0.946, -0.891]
Y = [-0.251, 0.544, 0.342]
VECTORS = "x, y: vector[d]; ell: scalar, positive"


def _rbf(x, y, ell):
    d = np.asarray(x) - np.asarray(y)
    return float(np.exp(-d @ d / (2 * ell**2)))


# (left side, right side, symbols, inputs, reference written with NumPy from the definition)
DEFINITIONS = [
    (
        "k(x, y)",
        r"\exp\left(-\frac{\|x - y\|^2}{2\ell^2}\right)",
        VECTORS,
        {"x": X, "y": Y, "ell": 0.7},
        _rbf(X, Y, 0.7),
    ),
    (
        r"\kappa(x, y)",
        r"(x^\top y + 1)^3",
        "x, y: vector[d]",
        {"x": X, "y": Y},
        float((np.dot(X, Y) + 1) ** 3),
    ),
    (
        "W_1(a, b)",
        r"\sum_{k=1}^{n-1} \left| \sum_{i=1}^{k} (a_i - b_i) \right|",
        "a, b: vector[n]; i, k: index; n: dim",
        {"a": [0.2, 0.5, 0.3], "b": [0.6, 0.1, 0.3]},
        float(np.sum(np.abs(np.cumsum(np.subtract([0.2, 0.5, 0.3], [0.6, 0.1, 0.3]))[:-1]))),
    ),
    (
        r"K_{\theta}(s, t, u)",
        r"s t + \theta u",
        r"s, t, u, \theta: scalar",
        {"s": 2.0, "t": -1.5, "u": 0.25, r"\theta": 3.0},
        2.0 * -1.5 + 3.0 * 0.25,
    ),
]


@pytest.mark.parametrize(("left", "right", "symbols", "inputs", "want"), DEFINITIONS)
def test_a_definition_evaluates_to_its_right_side(left, right, symbols, inputs, want):
    e = dx.parse(f"{left} = {right}", symbols)
    assert isinstance(e.lhs, AppliedUndef)
    got = dx.evaluate(f"{left} = {right}", inputs, symbols)
    assert np.allclose(float(np.asarray(got)), want, rtol=1e-12, atol=1e-14)


def test_the_defined_kernel_differentiates_as_its_right_side():
    g = dx.grad(r"k(x, y) = \exp\left(-\frac{\|x - y\|^2}{2\ell^2}\right)", "x", VECTORS)
    got = np.asarray(dx.evaluate(g, {"x": X, "y": Y, "ell": 0.7}, VECTORS), dtype=float).ravel()
    # d/dx exp(-|x - y|^2 / (2 l^2)) = -(x - y) / l^2 * k
    want = -(np.asarray(X) - np.asarray(Y)) / 0.7**2 * _rbf(X, Y, 0.7)
    assert np.allclose(got, want, rtol=1e-10)


@pytest.mark.parametrize(
    "formula",
    [
        r"2 k(x, y) = x^\top y",  # not the formula's first thing
        r"k(x, y) + 1 = x^\top y",  # the parenthesis is not followed by the `=`
        r"k(x, y) \le x^\top y",  # an order, not a definition
        r"x^\top y = k(x, y)",  # on the right
        r"k(x, y)",  # no relation at all
    ],
)
def test_elsewhere_several_arguments_are_still_refused(formula):
    with pytest.raises(ParseError, match="declare `k: function`"):
        dx.parse(formula, "x, y: vector[d]")


def test_the_reading_is_listed_among_the_rules_applied():
    from derivax.latex import reading

    r = reading(r"k(x, y) = x^\top y", "x, y: vector[d]")
    assert any("the function it defines" in rule for rule in r.rules)


def test_a_claim_about_the_defined_name_is_not_decided_without_its_definition():
    # the left side is an unspecified function: no verdict without the definition as a given
    v = dx.check(r"k(x, y) = x^\top y", "x, y: vector[d]")
    assert v.status == "unknown"
    v = dx.check(r"k(x, y) = x^\top y", "x, y: vector[d]", given=[r"k(x, y) = y^\top x"])
    assert v.status == "proved"
