r"""A definition given for a name reaches every use a note makes of it: the derivative of a
defined function written with a prime (``\ell'(w)``), the derivative of a defined scalar
(``\frac{d\ell}{dw}`` with ``\ell = \log(1 + e^{-ywx})``), and the entries of a vector defined as a
whole (``\hat y = \operatorname{softmax}(\theta)``, then ``\hat y_k``). Each true claim is proved
or plausible, each false one refuted at a point where the test's own NumPy evaluation of the
definition shows the violation."""

from __future__ import annotations

import math

import numpy as np
import pytest

import derivax as dx

SCALARS = "x, y, w: scalar"
LOSS = r"\log(1 + e^{-y w x})"


def sigmoid(t):
    return 1.0 / (1.0 + math.exp(-t))


def loss_derivative(x, y, w, order):
    """d^k/dw^k log(1 + e^{-ywx}) from its closed form, written here by hand."""
    s = sigmoid(-y * w * x)
    return -y * x * s if order == 1 else (y * x) ** 2 * s * (1 - s)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


@pytest.mark.parametrize(
    "claim, table, given, truth",
    [
        # a prime on a declared function: its derivative, with the given applied inside
        (r"\ell'(w) = -y x \sigma(-y w x)", SCALARS + r"; \ell: function", r"\ell(w) = " + LOSS, 1),
        (r"\ell'(w) = y x \sigma(-y w x)", SCALARS + r"; \ell: function", r"\ell(w) = " + LOSS, 0),
        (
            r"\ell''(w) = y^2 x^2 \sigma(y w x) \sigma(-y w x)",
            SCALARS + r"; \ell: function",
            r"\ell(w) = " + LOSS,
            2,
        ),
        # d/dw of a scalar a given defines by an expression in w
        (r"\frac{d \ell}{d w} = -y x \sigma(-y w x)", SCALARS, r"\ell = " + LOSS, 1),
        (r"\frac{d \ell}{d w} = y x \sigma(-y w x)", SCALARS, r"\ell = " + LOSS, 0),
        (r"\frac{\partial \ell}{\partial w} = -y x \sigma(-y w x)", SCALARS, r"\ell = " + LOSS, 1),
        (
            r"\frac{d^2 \ell}{d w^2} = y^2 x^2 \sigma(y w x) \sigma(-y w x)",
            SCALARS,
            r"\ell = " + LOSS,
            2,
        ),
    ],
)
def test_a_defined_loss_is_differentiated_as_defined(claim, table, given, truth):
    v = dx.check(claim, table, [given], timeout=20)
    if truth:
        assert v.status in ("proved", "plausible"), v
        return
    assert v.status == "refuted", v
    c = {k: float(val) for k, val in v.counterexample.items() if k in ("x", "y", "w")}
    assert set(c) == {"x", "y", "w"}, v.counterexample
    true_value = loss_derivative(c["x"], c["y"], c["w"], 1)
    claimed = c["y"] * c["x"] * sigmoid(-c["y"] * c["w"] * c["x"])
    assert abs(true_value - claimed) > 1e-9


def test_a_prime_at_a_compound_argument_is_the_derivative_there():
    table = r"x: scalar; f: function"
    assert dx.check(r"f'(2 x) = 12 x^2", table, [r"f(x) = x^3"]).status == "proved"
    v = dx.check(r"f'(2 x) = 3 x^2", table, [r"f(x) = x^3"])
    assert v.status == "refuted"
    x = float(v.counterexample["x"])
    assert abs(3 * (2 * x) ** 2 - 3 * x**2) > 1e-9


def test_a_prime_needs_one_argument():
    with pytest.raises(dx.DerivaxError, match="one argument"):
        dx.parse(r"f'(x, y)", "f: function; x, y: scalar")
    # unapplied, a primed name stays a name of its own (f' as a value)
    assert str(dx.parse(r"f' + 1", "f: function")) == "f' + 1"


SOFTMAX = r"\theta, y, \hat y: vector[n]; j, k: index; n: dim"


def test_the_entries_of_a_vector_defined_as_a_whole():
    given = [r"\hat y = \operatorname{softmax}(\theta)"]
    assert dx.check(r"\sum_k \hat y_k = 1", SOFTMAX, given).status == "proved"
    good = r"\frac{\partial}{\partial \theta_k} \left(-\sum_j y_j \log \hat y_j\right) = \hat y_k \sum_j y_j - y_k"
    assert dx.check(good, SOFTMAX, given, timeout=20).status in ("proved", "plausible")
    # without y on the simplex the familiar \hat y_k - y_k is wrong
    bad = r"\frac{\partial}{\partial \theta_k} \left(-\sum_j y_j \log \hat y_j\right) = \hat y_k - y_k"
    v = dx.check(bad, SOFTMAX, given, timeout=20)
    assert v.status == "refuted", v
    theta = np.array(v.counterexample["theta"], dtype=float).ravel()
    yv = np.array(v.counterexample["y"], dtype=float).ravel()
    k = int(v.counterexample["k"]) - 1
    p = np.exp(theta - theta.max())
    p /= p.sum()
    # d/dtheta_k of -sum_j y_j log softmax_j = p_k sum_j y_j - y_k
    assert abs((p[k] * yv.sum() - yv[k]) - (p[k] - yv[k])) > 1e-9


def test_an_entry_defined_with_a_free_index_defines_every_entry():
    table = r"z, a: vector[n]; y: simplex[n]; i, j, k: index; n: dim"
    given = [r"a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}"]
    assert dx.check(r"\sum_k a_k = 1", table, given).status == "proved"
    chain = r"-\sum_k y_k \frac{1}{a_k} \frac{\partial a_k}{\partial z_i}"
    assert dx.check(chain + " = a_i - y_i", table, given, timeout=20).status == "proved"
    v = dx.check(chain + " = a_i + y_i", table, given, timeout=20)
    assert v.status == "refuted"
    z = np.array(v.counterexample["z"], dtype=float).ravel()
    y = np.array(v.counterexample["y"], dtype=float).ravel()
    i = int(v.counterexample["i"]) - 1
    p = np.exp(z - z.max())
    p /= p.sum()
    # the true value of the chain is p_i - y_i (y sums to 1); the claim says p_i + y_i
    assert abs((p[i] - y[i]) - (p[i] + y[i])) > 1e-9
    # the case i != j of the Jacobian is no identity over every i and j
    assert dx.check(r"\frac{\partial a_j}{\partial z_i} = a_i(1 - a_i)", table, given).status == (
        "refuted"
    )


def test_two_opaque_derivatives_of_one_function_refute_nothing():
    table = r"A: matrix[n, n]; f: function; \theta, \eta: scalar"
    v = dx.check(r"\nabla_{A^T} f(A) = (\nabla_A f(A))^T", table)
    assert v.status == "unknown" and "unrelated free" in v.reason
    # one opaque gradient is an input like any other: this update is wrong for every g != 0
    g = r"\nabla_{\theta} \mathcal{L}(\theta)"
    assert dx.check(rf"\theta + \eta {g} = \theta - \eta {g}", table).status == "refuted"
