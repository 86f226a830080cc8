r"""The silent misreadings the fifth fresh corpus found as collected, each fixed as a family and
checked against NumPy written from the definition: a function written without parentheses before
an application (``\log p(k) (\dots)``: the log-probability times the weight, not the log of the
product); a vector's entry written with a superscript index under a sum (``u_t^{i}``, a PINN's
collocation point); the output axes of free indices in the order the left side or an entry
writes them (``\mathrm{PMI}(w, c)``, ``F_{wc}``), not by name; a free index that reads entries
only through an offset (``r_{t+l}`` in the advantage's sum) runs as far as it reads an entry, not
into the empty sums past the end; and an entry of a vector at a label in parentheses
(``f(w_i)``). Each rule's breaking case is tested beside it."""

from __future__ import annotations

import math

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(53)


# -- a function without parentheses before an application ------------------------------------------
def test_label_smoothing_cross_entropy_as_written():
    # Szegedy et al. 2016: -\sum_k \log p(k) q'(k), q'(k) = (1 - eps) delta_{k,y} + eps / K
    p = RNG.dirichlet(np.ones(5))
    latex = (
        r"H(q', p) = -\sum_{k=1}^{K} \log p(k) \left( (1 - \epsilon) \delta_{k,y} + "
        r"\frac{\epsilon}{K} \right)"
    )
    table = r"p: simplex[K]; y: label[K]; \epsilon: scalar, unit; k: index"
    for y, eps in [(3, 0.1), (1, 0.0), (5, 0.5)]:
        q = np.full(5, eps / 5)
        q[y - 1] += 1 - eps
        got = dx.evaluate(latex, {"p": p, "y": y, "epsilon": eps}, table)
        assert float(got) == pytest.approx(-np.sum(np.log(p) * q), rel=1e-13)


@pytest.mark.parametrize(
    ("latex", "want"),
    [
        (r"\log \sigma(z) (1 - y)", lambda z, y: (1 - y) * np.log(1 / (1 + np.exp(-z)))),
        (
            r"\log \sigma(z) \left(1 - y\right) + y",
            lambda z, y: (1 - y) * np.log(1 / (1 + np.exp(-z))) + y,
        ),
        (r"\log \Gamma(z) y", lambda z, y: y * np.log(abs(math.gamma(z)))),
        # the breaking cases: no application first, or the application alone
        (r"\log z (1 - y)", lambda z, y: np.log(z * (1 - y))),
        (r"\log z y", lambda z, y: np.log(z * y)),
        (r"\log \sigma(z)", lambda z, y: np.log(1 / (1 + np.exp(-z)))),
        (r"\log(z) y", lambda z, y: y * np.log(z)),
    ],
)
def test_the_operand_of_a_function_without_parentheses(latex, want):
    z, y = 1.7, 0.3
    values = {"z": z, "y": y} if "y" in latex else {"z": z}
    got = dx.evaluate(latex, values, "z, y: scalar")
    assert float(got) == pytest.approx(want(z, y), rel=1e-13)


def test_the_operand_rule_is_listed():
    rules = reading(r"\log \sigma(z) (1 - y)", "z, y: scalar").rules
    assert any("takes the application only" in r for r in rules)


# -- an entry with a superscript index --------------------------------------------------------------
def test_an_entry_written_with_a_superscript_index_under_a_sum():
    # Raissi et al. 2019: MSE_f = 1/N_f \sum_i |f(t^i, x^i)|^2, the residual at each point
    ut, uxx = RNG.normal(size=5), RNG.normal(size=5)
    latex = r"\frac{1}{N_f} \sum_{i=1}^{N_f} \left| u_t^{i} - \kappa u_{xx}^{i} \right|^2"
    table = r"u_t, u_{xx}: vector[N_f]; \kappa: scalar, positive; i: index"
    got = dx.evaluate(latex, {"u_t": ut, "u_xx": uxx, "kappa": 0.4}, table)
    assert float(got) == pytest.approx(np.mean((ut - 0.4 * uxx) ** 2), rel=1e-13)


def test_a_power_of_a_scalar_by_a_summation_index_stays_a_power():
    c = RNG.normal(size=4)
    got = dx.evaluate(
        r"\sum_{i=1}^{4} c_i x^{i}", {"c": c, "x": 0.7}, "c: vector[4]; x: scalar; i: index"
    )
    assert float(got) == pytest.approx(sum(c[i] * 0.7 ** (i + 1) for i in range(4)), rel=1e-14)


# -- the order of the output axes ---------------------------------------------------------------------
def test_pmi_has_its_axes_in_the_order_its_left_side_writes_them():
    # Church and Hanks 1990 / Levy and Goldberg 2014: PMI(w, c) from co-occurrence counts
    F = np.array([[8.0, 2.0, 1.0], [1.0, 5.0, 3.0]])
    latex = (
        r"\mathrm{PMI}(w, c) = \log \frac{F_{wc} \sum_{w'=1}^{W} \sum_{c'=1}^{C} F_{w'c'}}"
        r"{\sum_{c'=1}^{C} F_{wc'} \sum_{w'=1}^{W} F_{w'c}}"
    )
    got = dx.evaluate(latex, {"F": F}, "F: matrix[W, C]; w, c, w', c': index")
    want = np.log(F * F.sum() / (F.sum(axis=1, keepdims=True) * F.sum(axis=0, keepdims=True)))
    np.testing.assert_allclose(got, want, rtol=1e-13)


def test_without_a_left_side_the_entry_orders_the_axes():
    F = RNG.normal(size=(2, 3))
    got = dx.evaluate(r"2 F_{wc}", {"F": F}, "F: matrix[W, C]; w, c: index")
    np.testing.assert_allclose(got, 2 * F, rtol=1e-15)
    got = dx.compile(r"2 F_{wc}", symbols="F: matrix[W, C]; w, c: index")(F=F)
    np.testing.assert_allclose(got, 2 * F, rtol=1e-15)


def test_entries_that_disagree_on_the_order_fall_back_to_names():
    A, B = RNG.normal(size=(3, 3)), RNG.normal(size=(3, 3))
    got = dx.evaluate(r"A_{ij} + B_{ji}", {"A": A, "B": B}, "A, B: matrix[n, n]; i, j: index")
    np.testing.assert_allclose(got, A + B.T, rtol=1e-15)


# -- a free index read through an offset ---------------------------------------------------------------
def test_the_advantage_at_every_step_runs_over_the_rewards():
    # Schulman et al. 2016 (GAE): A_t = \sum_{l=0}^{T-t} (gamma lambda)^l delta_{t+l}
    r, V = RNG.normal(size=4), RNG.normal(size=5)
    latex = (
        r"\hat{A}_t = \sum_{l=0}^{T-t} (\gamma \lambda)^{l} \left( r_{t+l} + \gamma V_{t+l+1} - "
        r"V_{t+l} \right)"
    )
    table = r"r: vector[T]; V: vector[N]; \gamma, \lambda: scalar, unit; t, l: index"
    g, lam = 0.99, 0.95
    delta = r + g * V[1:] - V[:-1]
    want = [sum((g * lam) ** k * delta[t + k] for k in range(4 - t)) for t in range(4)]
    got = dx.evaluate(latex, {"r": r, "V": V, "gamma": g, "lambda": lam}, table)
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


def test_an_index_only_in_a_sums_limit_runs_over_the_whole_array():
    # the breaking case: y_t = \sum_{l > t} x_l reads no entry through t, and y_T = 0 is an entry
    x = RNG.normal(size=4)
    got = dx.evaluate(r"y_t = \sum_{l=t+1}^{T} x_l", {"x": x}, "x: vector[T]; t, l: index")
    np.testing.assert_allclose(np.ravel(got), [x[t + 1 :].sum() for t in range(4)], rtol=1e-14)


# -- an entry at a label in parentheses ---------------------------------------------------------------
def test_an_entry_at_a_label_in_parentheses():
    # Mikolov et al. 2013: P(w_i) = 1 - sqrt(t / f(w_i))
    f = np.array([0.08, 0.03, 0.02])
    table = "f: vector[V]; w_i: label[V]; t: scalar, positive"
    for w in (1, 2, 3):
        got = dx.evaluate(
            r"P(w_i) = 1 - \sqrt{\frac{t}{f(w_i)}}", {"f": f, "w_i": w, "t": 0.01}, table
        )
        assert float(got) == pytest.approx(1 - np.sqrt(0.01 / f[w - 1]), rel=1e-14)


def test_a_vector_times_a_parenthesis_of_no_index_stays_a_product():
    w = RNG.normal(size=3)
    got = dx.evaluate(r"w(1 - \eta)", {"w": w, "eta": 0.1}, "w: vector[n]; eta: scalar")
    np.testing.assert_allclose(np.ravel(got), 0.9 * w, rtol=1e-15)
