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


# -- a vector's entry with a label above ------------------------------------------------------------
def test_hedge_probabilities_with_entries_written_above():
    # Hoffman et al. 2011 (GP-Hedge): p_t(j) = exp(eta g_t^j) / sum_l exp(eta g_t^l)
    g = RNG.normal(size=3)
    latex = r"p_t(j) = \frac{\exp(\eta g_t^j)}{\sum_{\ell=1}^{k} \exp(\eta g_t^\ell)}"
    table = r"g_t: vector[k]; j: label[k]; \eta: scalar, positive; \ell: index"
    for j in (1, 2, 3):
        got = dx.evaluate(latex, {"g_t": g, "j": j, "eta": 0.7}, table)
        want = np.exp(0.7 * g[j - 1]) / np.exp(0.7 * g).sum()
        assert float(got) == pytest.approx(want, rel=1e-13)


# -- a probability table applied to what picks its entry ---------------------------------------------
def test_dpo_with_policies_declared_as_vectors_over_responses():
    # Rafailov et al. 2023: -log sigma(beta log pi(y_w|x)/pi_ref(y_w|x) - beta log pi(y_l|x)/...)
    pi, ref = RNG.dirichlet(np.ones(4)), RNG.dirichlet(np.ones(4))
    latex = (
        r"-\log \sigma\left( \beta \log \frac{\pi_\theta(y_w \mid x)}{\pi_{\mathrm{ref}}(y_w \mid x)}"
        r" - \beta \log \frac{\pi_\theta(y_l \mid x)}{\pi_{\mathrm{ref}}(y_l \mid x)} \right)"
    )
    table = (
        r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y_w, y_l: label[K]; \beta: scalar, positive"
    )
    values = {"pi_theta": pi, "pi_ref": ref, "y_w": 2, "y_l": 4, "beta": 0.5}
    z = 0.5 * (np.log(pi[1] / ref[1]) - np.log(pi[3] / ref[3]))
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(
        np.log1p(np.exp(-z)), rel=1e-13
    )


def test_a_policy_table_picked_by_state_and_action_labels():
    # pi(a_i | s_i) of pi: matrix[S, K], s: labels[N, S], a: labels[N, K]: the entry (s_i, a_i)
    pi = RNG.dirichlet(np.ones(3), size=4)
    s, a = np.array([1, 4, 2]), np.array([3, 1, 2])
    latex = r"\sum_{i=1}^{N} \log \pi(a_i \mid s_i)"
    table = r"\pi: matrix[S, K]; s: labels[N, S]; a: labels[N, K]; i: index"
    got = dx.evaluate(latex, {"pi": pi, "s": s, "a": a}, table)
    assert float(got) == pytest.approx(np.log(pi[s - 1, a - 1]).sum(), rel=1e-13)


def test_a_reward_table_picked_by_two_labels_of_different_sizes():
    r = RNG.normal(size=(2, 3))
    latex = r"r(x, y_1) - r(x, y_2)"
    table = "r: matrix[M, K]; x: label[M]; y_1, y_2: label[K]"
    got = dx.evaluate(latex, {"r": r, "x": 2, "y_1": 3, "y_2": 1}, table)
    assert float(got) == pytest.approx(r[1, 2] - r[1, 0], rel=1e-14)


def test_an_event_picks_the_entry_and_undeclared_context_picks_nothing():
    p, q = RNG.dirichlet(np.ones(4)), RNG.dirichlet(np.ones(4))
    got = dx.evaluate(
        r"\sum_{i=1}^{C} \left| p(y = i) - q(y = i) \right|",
        {"p": p, "q": q},
        "p, q: simplex[C]; i: index",
    )
    assert float(got) == pytest.approx(np.abs(p - q).sum(), rel=1e-14)
    f = RNG.dirichlet(np.ones(3))
    got = dx.evaluate(
        r"1 - \hat{f}(x)_y", {"f_hat": f, "y": 2}, r"\hat{f}: simplex[K]; y: label[K]"
    )
    assert float(got) == pytest.approx(1 - f[1], rel=1e-14)


@pytest.mark.parametrize(
    ("latex", "table"),
    [
        # a declared argument that picks nothing: the table says nothing of how it enters
        (r"\pi(y \mid x)", r"\pi: vector[K]; y: label[K]; x: vector[d]"),
        # a square table picked by two labels of one size: which one is the row?
        (r"r(a, b)", "r: matrix[K, K]; a, b: label[K]"),
    ],
)
def test_a_table_applied_to_what_does_not_decide_its_entry_is_refused(latex, table):
    with pytest.raises(dx.ParseError):
        dx.parse(latex, table)


# -- the standard normal, digamma and beta functions ---------------------------------------------------
def test_expected_improvement_with_phi_and_capital_phi():
    from scipy.stats import norm

    latex = (
        r"(f_{\min} - \hat{y}) \Phi\left(\frac{f_{\min} - \hat{y}}{s}\right) + s "
        r"\phi\left(\frac{f_{\min} - \hat{y}}{s}\right)"
    )
    table = r"f_{\min}, \hat{y}: scalar; s: scalar, positive"
    for f, y, s in [(0.2, 0.5, 0.3), (1.0, -2.0, 0.1), (-1.0, 0.2, 0.5)]:
        z = (f - y) / s
        want = (f - y) * norm.cdf(z) + s * norm.pdf(z)
        got = dx.evaluate(latex, {"f_min": f, "y_hat": y, "s": s}, table)
        assert float(got) == pytest.approx(want, rel=1e-12, abs=1e-300)


def test_the_normal_cdf_deep_in_the_lower_tail_is_accurate():
    from scipy.stats import norm

    # through erfc: 1 + erf(-x / sqrt 2) would cancel to 0 long before the CDF underflows
    for x in (-10.0, -30.0):
        got = dx.evaluate(r"\Phi(x)", {"x": x}, "x: scalar")
        assert float(got) == pytest.approx(norm.cdf(x), rel=1e-12)


def test_phi_alone_stays_an_unspecified_function_and_a_declared_phi_is_the_users():
    with pytest.raises(dx.DerivaxError, match="no value given"):
        dx.evaluate(r"\phi(x) + 1", {"x": 0.3}, "x: scalar")
    got = dx.evaluate(r"\Phi(x)", {"x": 0.3, "Phi": 2.0}, "x: scalar; Phi: scalar")
    assert float(got) == pytest.approx(0.6)


def test_digamma_in_a_variational_dirichlet_expectation():
    from scipy.special import digamma

    g = RNG.uniform(0.5, 3.0, size=4)
    latex = r"\Psi(\gamma_i) - \Psi\left(\sum_{j=1}^{k} \gamma_j\right)"
    got = dx.evaluate(latex, {"gamma": g}, r"\gamma: vector[k]; i, j: index")
    np.testing.assert_allclose(np.ravel(got), digamma(g) - digamma(g.sum()), rtol=1e-12)


def test_psi_beside_capital_psi_is_refused():
    with pytest.raises(dx.ParseError, match="read two ways"):
        dx.parse(r"\frac{\psi(x)}{\Psi(x)}", "x: scalar")


@pytest.mark.parametrize(("a", "b"), [(0.5, 0.5), (2.0, 3.0), (300.0, 400.0)])
def test_the_beta_function_written_upright(a, b):
    from scipy.special import betaln

    got = dx.evaluate(r"\log \mathrm{B}(a, b)", {"a": a, "b": b}, "a, b: scalar, positive")
    assert float(got) == pytest.approx(betaln(a, b), rel=1e-12)
    with pytest.raises(dx.ParseError, match="no product"):
        dx.parse("B(a, b)", "a, b: scalar")


def test_a_positive_part_written_above_and_a_pseudo_inverse_refused():
    got = dx.evaluate(r"[a - b]^{+} + (b - a)^+", {"a": 2.0, "b": 0.5}, "a, b: scalar")
    assert float(got) == pytest.approx(1.5)
    with pytest.raises(dx.ParseError, match="pseudo-inverse"):
        dx.parse(r"(A^\top A)^{+}", "A: matrix[m, n]")


# -- conditions of cases keep the names' upright subscripts ------------------------------------------
@pytest.mark.parametrize("d", [0.005, 0.01, 0.05])
def test_a_case_condition_with_an_upright_subscript_is_not_prose(d):
    # Schulman et al. 2017 (PPO, adaptive KL): the condition's d_targ was dropped as prose, every
    # case read false and the coefficient never changed
    latex = (
        r"\beta \leftarrow \begin{cases} \beta / 2 & \text{if } d < d_{\mathrm{targ}} / 1.5 \\ "
        r"\beta \times 2 & \text{if } d > d_{\mathrm{targ}} \times 1.5 \\ \beta & "
        r"\text{otherwise} \end{cases}"
    )
    table = r"\beta, d, d_{\mathrm{targ}}: scalar, positive"
    want = 0.25 if d < 0.02 / 1.5 else 1.0 if d > 0.03 else 0.5
    got = dx.evaluate(latex, {"beta": 0.5, "d": d, "d_targ": 0.02}, table)
    assert float(got) == want


def test_a_case_condition_on_an_upright_name():
    latex = (
        r"\begin{cases} 1 + \log \mathrm{tf}_{t,d} & \text{if } \mathrm{tf}_{t,d} > 0 \\ 0 & "
        r"\text{otherwise} \end{cases}"
    )
    for tf in (0.0, 3.0):
        got = dx.evaluate(latex, {"tf_t_d": tf}, r"\mathrm{tf}_{t,d}: scalar, nonnegative")
        assert float(got) == pytest.approx(1 + np.log(tf) if tf > 0 else 0.0)


def test_a_function_defined_with_a_colon_equals_and_cases():
    latex = (
        r"\rho_{\alpha}(y, \hat{y}) := \begin{cases} \alpha (y - \hat{y}) & \text{if } y - \hat{y}"
        r" > 0, \\ (1 - \alpha)(\hat{y} - y) & \text{otherwise}. \end{cases}"
    )
    table = r"y, \hat{y}: scalar; \alpha: scalar, unit"
    for y, yh in [(1.0, 0.2), (0.2, 1.0)]:
        want = 0.3 * (y - yh) if y > yh else 0.7 * (yh - y)
        got = dx.evaluate(latex, {"y": y, "y_hat": yh, "alpha": 0.3}, table)
        assert float(got) == pytest.approx(want, rel=1e-14)


# -- one factor after a slash: a primed name, a name applied to an argument list ---------------------
def test_one_factor_after_a_slash():
    got = dx.evaluate(r"\ln(1/\delta')", {"delta_prime": 0.01}, r"\delta': scalar, unit")
    assert float(got) == pytest.approx(np.log(100.0), rel=1e-14)
    pi, sft = RNG.dirichlet(np.ones(3)), RNG.dirichlet(np.ones(3))
    latex = r"\log \left[ \pi^{\mathrm{RL}}_\phi(y \mid x) / \pi^{\mathrm{SFT}}(y \mid x) \right]"
    table = r"\pi^{\mathrm{RL}}_\phi, \pi^{\mathrm{SFT}}: vector[K]; y: label[K]"
    got = dx.evaluate(latex, {"pi_phi_sup_RL": pi, "pi_sup_SFT": sft, "y": 2}, table)
    assert float(got) == pytest.approx(np.log(pi[1] / sft[1]), rel=1e-14)
    with pytest.raises(dx.ParseError, match="slash before a product"):
        dx.parse(r"a / b(c + d)", "a, b, c, d: scalar")


def test_pi_with_a_declared_superscript_is_the_name_and_alone_the_number():
    got = dx.evaluate(
        r"\pi^{\mathrm{SFT}} + \pi", {"pi_sup_SFT": 1.0}, r"\pi^{\mathrm{SFT}}: scalar"
    )
    assert float(got) == pytest.approx(1.0 + np.pi)
    assert float(dx.evaluate(r"\pi^2", {}, "")) == pytest.approx(np.pi**2)


# -- pairs, sets of a declared size, the ones beside an array, capital labels, a size's function -----
def test_kendall_tau_over_the_pairs():
    x, y = RNG.normal(size=6), RNG.normal(size=6)
    latex = (
        r"\tau = \frac{2}{n(n - 1)} \sum_{i < j} \operatorname{sgn}(x_i - x_j) "
        r"\operatorname{sgn}(y_i - y_j)"
    )
    got = dx.evaluate(latex, {"x": x, "y": y}, "x, y: vector[n]; i, j: index")
    pairs = [(i, j) for i in range(6) for j in range(i + 1, 6)]
    want = 2 / 30 * sum(np.sign(x[i] - x[j]) * np.sign(y[i] - y[j]) for i, j in pairs)
    assert float(got) == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize(
    ("lower", "want"),
    [
        ("i < j", lambda x: sum(x[i] * x[j] for i in range(4) for j in range(i + 1, 4))),
        (r"i \le j", lambda x: sum(x[i] * x[j] for i in range(4) for j in range(i, 4))),
        ("j > i", lambda x: sum(x[i] * x[j] for i in range(4) for j in range(i + 1, 4))),
    ],
)
def test_ordered_pairs_under_one_sum(lower, want):
    x = RNG.normal(size=4)
    got = dx.evaluate(rf"\sum_{{{lower}}} x_i x_j", {"x": x}, "x: vector[n]")
    assert float(got) == pytest.approx(want(x), rel=1e-14)


def test_ordered_pairs_with_an_index_written_outside_are_refused():
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(r"y_j = \sum_{i<j} x_i", "x: vector[n]")


def test_a_sum_over_a_set_named_by_a_declared_size():
    Z, Zt = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
    latex = r"\frac{1}{C |B|} \sum_{i \in B} \left\| z_i - \tilde{z}_i \right\|^2"
    table = r"Z, \tilde{Z}: matrix[B, C]; z_i: row[Z]; \tilde{z}_i: row[\tilde{Z}]; i: index"
    got = dx.evaluate(latex, {"Z": Z, "Z_tilde": Zt}, table)
    assert float(got) == pytest.approx(np.sum((Z - Zt) ** 2) / 12, rel=1e-14)


def test_the_ones_beside_an_array_in_a_sum_take_its_shape():
    M, xa, xb = np.array([1.0, 0.0, 1.0, 0.0]), RNG.normal(size=4), RNG.normal(size=4)
    latex = r"\mathbf{M} \odot x_A + (\mathbf{1} - \mathbf{M}) \odot x_B"
    got = dx.evaluate(latex, {"M": M, "x_A": xa, "x_B": xb}, "M, x_A, x_B: vector[n]")
    np.testing.assert_allclose(np.ravel(got), M * xa + (1 - M) * xb, rtol=1e-15)
    A = RNG.normal(size=(2, 3))
    np.testing.assert_allclose(dx.evaluate(r"A + \mathbf{1}", {"A": A}, "A: matrix[m, n]"), A + 1)


def test_capitals_above_a_name_are_its_label_and_declared_capitals_a_power():
    y = np.array([0.0, 1.0, 0.0])
    got = dx.evaluate(
        r"y_k^{LS} = y_k (1 - \alpha) + \alpha / K",
        {"y": y, "alpha": 0.3},
        "y: vector[K]; k: index",
    )
    np.testing.assert_allclose(np.ravel(got), y * 0.7 + 0.1, rtol=1e-14)
    got = dx.evaluate(r"x^{AB}", {"x": 2.0, "A": 2.0, "B": 1.5}, "x, A, B: scalar")
    assert float(got) == pytest.approx(8.0)


def test_a_function_named_like_a_size_on_the_left():
    # Nickel and Kiela 2017: d(u, v) = arcosh(1 + 2 |u - v|^2 / ((1 - |u|^2)(1 - |v|^2)))
    u, v = np.array([0.1, 0.3]), np.array([-0.2, 0.4])
    latex = (
        r"d(\boldsymbol{u}, \boldsymbol{v}) = \operatorname{arcosh}\left(1 + 2 \frac{\|\boldsymbol{u}"
        r" - \boldsymbol{v}\|^2}{(1 - \|\boldsymbol{u}\|^2)(1 - \|\boldsymbol{v}\|^2)}\right)"
    )
    got = dx.evaluate(latex, {"u": u, "v": v}, "u, v: vector[d]")
    want = np.arccosh(1 + 2 * np.sum((u - v) ** 2) / ((1 - u @ u) * (1 - v @ v)))
    assert float(got) == pytest.approx(want, rel=1e-13)
    # the breaking case: one argument, a product with the declared scalar
    assert dx.parse("d(x + 1) = dx + d", "d, x: scalar").lhs.is_Mul


# -- a range listed with an ellipsis; the value at the i-th point --------------------------------------
@pytest.mark.parametrize(
    ("lower", "want"),
    [
        ("i=1, \\ldots, n", lambda x: x.sum()),
        ("i=1,2,\\dots,3", lambda x: x[:3].sum()),
        ("i=2,\\ldots,n", lambda x: x[1:].sum()),
    ],
)
def test_a_range_listed_with_an_ellipsis_under_a_sum(lower, want):
    x = RNG.normal(size=4)
    got = dx.evaluate(rf"\sum_{{{lower}}} x_i", {"x": x}, "x: vector[n]")
    assert float(got) == pytest.approx(want(x), rel=1e-14)


def test_a_maximum_over_a_listed_range_and_a_list_that_skips_is_refused():
    x = RNG.normal(size=4)
    got = dx.evaluate(r"\max_{j = 1, \ldots, n} x_j", {"x": x}, "x: vector[n]")
    assert float(got) == pytest.approx(x.max())
    with pytest.raises(dx.ParseError, match="ellipsis"):
        dx.parse(r"\sum_{i=1,3,\ldots,n} x_i", "x: vector[n]")


def test_a_prediction_at_the_ith_input_is_its_entry():
    # Romano et al. 2019 (CQR): E_i = max{q_lo(X_i) - Y_i, Y_i - q_hi(X_i)}
    lo, hi, Y = RNG.normal(size=5) - 1, RNG.normal(size=5) + 1, RNG.normal(size=5)
    latex = (
        r"E_i = \max\left\{ \hat{q}_{\alpha_{lo}}(X_i) - Y_i, \, Y_i - \hat{q}_{\alpha_{hi}}(X_i)"
        r" \right\}"
    )
    table = r"\hat{q}_{\alpha_{lo}}, \hat{q}_{\alpha_{hi}}, Y: vector[n]; i: index"
    got = dx.evaluate(latex, {"q_hat_alpha_lo": lo, "q_hat_alpha_hi": hi, "Y": Y}, table)
    np.testing.assert_allclose(np.ravel(got), np.maximum(lo - Y, Y - hi), rtol=1e-15)


@pytest.mark.parametrize(
    ("latex", "table", "values", "want"),
    [
        # the breaking cases of a table applied to its picks: products keep their reading
        (
            r"W(x + b)",
            "W: vector[n]; x, b: scalar",
            {"W": [1.0, 2.0], "x": 0.5, "b": 1.0},
            [1.5, 3.0],
        ),
        # a vector at an expression of a declared scalar (a vector at the lone declared scalar,
        # h(t_j), is its value there since: tests/test_paper_notation_batch6.py)
        (r"p(x + 0)", "p: vector[n]; x: scalar", {"p": [1.0, 2.0], "x": 3.0}, [3.0, 6.0]),
        (r"x(2)", "x: vector[n]", {"x": [1.0, 2.0]}, [2.0, 4.0]),
    ],
)
def test_a_vector_times_a_parenthesis_that_picks_nothing(latex, table, values, want):
    np.testing.assert_allclose(np.ravel(dx.evaluate(latex, values, table)), want)


def test_a_moment_on_the_left_of_a_claim_about_moments_stays_a_moment():
    # the right side has a moment: the left one is a moment too, and an undeclared variable in
    # it is refused (not taken for the name of the formula)
    with pytest.raises(dx.ParseError, match="not declared a random variable"):
        dx.parse(r"\operatorname{Var}(Y) = \mathbb{E}[Y^2] - \mathbb{E}[Y]^2", "")
    e = dx.parse(
        r"\mathbb{E}[(\hat\theta - \theta)^2] = \operatorname{Var}(\hat\theta)",
        r"\hat{\theta}: random; \theta: scalar",
    )
    assert "Expectation" in type(e.lhs).__name__


# -- refusals that say what to write -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("latex", "table", "match"),
    [
        # (the Lorentzian product is read since: tests/test_paper_notation_batch6.py)
        (r"\langle x, y \rangle_{\mathcal{H}}", "x, y: vector[n]", "entry by entry"),
        (r"x \oplus_c y", "x, y: vector[n]", "write what it stands for"),
        (r"p^*(y_1 \succ y_2 \mid x)", "", "is no quantity"),
        # a left side that only labels is read since; a zero vector in a claim still needs its size
        (r"x - \mathbf{0} = x", "x: scalar", r"needs its size: `\\mathbf\{0\}_\{n\}`"),
    ],
)
def test_notation_derivax_does_not_read_is_refused_saying_what_to_write(latex, table, match):
    with pytest.raises(dx.ParseError, match=match):
        dx.parse(latex, table)


def test_the_zero_vector_with_its_size_or_beside_an_array():
    x = RNG.normal(size=3)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(r"x - \mathbf{0}_n", {"x": x}, "x: vector[n]")), x
    )
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(r"\mathbf{0} + x", {"x": x}, "x: vector[n]")), x
    )
