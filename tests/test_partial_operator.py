r"""``\partial_{v} f``, the partial derivative with its variable as a subscript (``\partial_x``,
``\partial_{w_j}`` of an entry, ``\partial_{\mathbf{w}}`` of a vector: the gradient), is the same
expression as ``\frac{\partial}{\partial v} f``; ``\partial_j`` with an index alone names no
variable and is refused, asking for it."""

from __future__ import annotations

import pytest

import derivax as dx

S = r"w, y: vector[n]; j: index; x, t: scalar; f: function; n: dim"


@pytest.mark.parametrize(
    "var, body",
    [
        ("x", "x^2 t"),
        ("x", "f(x)"),
        ("t", r"\sin(x t)"),
        ("w_j", r"w^\top y"),
        ("w", r"\|y - w\|^2"),
        (r"\mathbf{w}", r"w^\top w"),
    ],
)
def test_the_subscript_is_the_variable(var, body):
    assert dx.parse(rf"\partial_{{{var}}} {body}", S) == dx.parse(
        rf"\frac{{\partial}}{{\partial {var}}} {body}", S
    )


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"\partial_x (x^3 t) = 3 x^2 t", "proved"),
        (r"\partial_x (x^3 t) = 3 x^2", "refuted"),
        (r"\partial_{w_j} w^\top y = y_j", "proved"),
        (r"\partial_{w} \|y - w\|^2 = 2 (w - y)", "proved"),
        (r"\partial_{w} \|y - w\|^2 = 2 (y - w)", "refuted"),
    ],
)
def test_claims_with_the_operator_are_decided(claim, status):
    assert dx.check(claim, S, timeout=20).status == status


def test_an_index_alone_names_no_variable():
    with pytest.raises(dx.DerivaxError, match="names an index, not a variable"):
        dx.parse(r"\partial_j f(x)", S)
