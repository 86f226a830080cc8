r"""Notation the fifth fresh corpus refused, read as its family, each against NumPy written from
the definition, with the case that would break each rule: the mean of a vector's entries
(``\operatorname{mean}(r)``, a group-normalized reward), with the standard deviation refused
by its two readings (dividing by n or by n - 1); and ``\approx`` that defines a name of its own
(``r_{\mathrm{adv}} \approx \epsilon g / \|g\|_2``), evaluated, compiled and differentiated as
the definition, while a claim written with ``\approx`` is never decided."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import DerivaxError, ParseError
from derivax.latex import reading

RNG = np.random.default_rng(61)

MEAN_SPELLINGS = (r"\operatorname{mean}", r"\mathrm{mean}", r"\text{mean}", r"\operatorname{Mean}")


# -- the mean of a vector's entries -----------------------------------------------------------------
@pytest.mark.parametrize("spelling", MEAN_SPELLINGS)
@pytest.mark.parametrize("n", [1, 2, 7])
def test_the_mean_of_a_vector_is_the_average_of_its_entries(spelling, n):
    r = RNG.normal(size=n)
    got = dx.evaluate(rf"{spelling}(r)", {"r": r}, "r: vector[G]")
    assert float(got) == pytest.approx(r.mean(), rel=1e-13, abs=1e-15)
    assert any(
        "average of its entries" in x for x in reading(rf"{spelling}(r)", "r: vector[G]").rules
    )


def test_a_group_normalized_reward_with_the_deviation_written_out():
    # DeepSeekMath's GRPO advantage, the population deviation written as the paper's reader means it
    latex = (
        r"\tilde{r}_i = \frac{r_i - \operatorname{mean}(\mathbf{r})}"
        r"{\sqrt{\frac{1}{G} \sum_{j=1}^{G} (r_j - \operatorname{mean}(\mathbf{r}))^2}}"
    )
    for n in (2, 5):
        r = RNG.normal(size=n)
        got = dx.evaluate(latex, {"r": r}, "r: vector[G]; i, j: index")
        np.testing.assert_allclose(np.ravel(got), (r - r.mean()) / r.std(), rtol=1e-12)


def test_the_mean_of_an_expression_of_vectors_and_its_gradient():
    x, y = RNG.normal(size=4), RNG.normal(size=4)
    latex = r"L = \operatorname{mean}((x - y) \odot (x - y))"
    got = dx.evaluate(latex, {"x": x, "y": y}, "x, y: vector[n]")
    assert float(got) == pytest.approx(np.mean((x - y) ** 2), rel=1e-13)
    d = dx.derive(latex, "x", "x, y: vector[n]")
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(d.result, {"x": x, "y": y}, "x, y: vector[n]")),
        2 * (x - y) / 4,
        rtol=1e-12,
    )


def test_the_mean_of_a_row_vector():
    x = RNG.normal(size=3)
    got = dx.evaluate(r"\operatorname{mean}(x^\top)", {"x": x}, "x: vector[n]")
    assert float(got) == pytest.approx(x.mean(), rel=1e-13)


@pytest.mark.parametrize(
    ("latex", "table", "says"),
    [
        # a matrix: every entry, or each column as a batch mean is taken
        (r"\operatorname{mean}(X)", "X: matrix[m, n]", "a matrix"),
        # a scalar: the index averaged over is not said
        (r"\operatorname{mean}(x_i)", "x: vector[n]; i: index", "a scalar"),
        (r"\operatorname{mean}(a)", "a: scalar", "a scalar"),
    ],
)
def test_a_mean_that_does_not_say_over_what_is_refused(latex, table, says):
    with pytest.raises(ParseError, match=f"`mean` of {says}"):
        dx.parse(latex, table)


@pytest.mark.parametrize("word", ["std", "stdev", "sd"])
def test_the_standard_deviation_reads_two_ways_and_is_refused(word):
    with pytest.raises(ParseError, match=r"dividing by n .* or by n - 1"):
        dx.parse(rf"\frac{{r_i}}{{\operatorname{{{word}}}(r)}}", "r: vector[G]; i: index")


def test_a_declared_mean_or_std_is_the_users():
    r = reading(r"\mathrm{std}(x)", r"\mathrm{std}: function; x: scalar")
    assert str(r.expr) == r"\mathrm{std}(x)"  # an unspecified function of the user's, not refused
    e = dx.parse(r"\operatorname{mean}", r"\mathrm{mean}: scalar")
    assert str(e) == r"\mathrm{mean}"


# -- an approximation that defines a name -----------------------------------------------------------
DEFINED_HEADS = [
    r"r_{\mathrm{adv}}",  # a subscripted name
    r"\hat{r}",  # a decorated name
    r"\tilde{G}(u)",  # a function applied
    r"G(u)(y)",  # an operator's output at a point (DeepONet)
    "R",
]


@pytest.mark.parametrize("head", DEFINED_HEADS)
def test_an_approximation_defines_its_left_side(head):
    g, eps = RNG.normal(size=3), 0.7
    table = r"g: vector[d]; \epsilon: scalar, positive"
    rhs = r"\epsilon \frac{g}{\|g\|_2}"
    want = eps * g / np.linalg.norm(g)
    got = dx.evaluate(rf"{head} \approx {rhs}", {"g": g, "epsilon": eps}, table)
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)
    assert any("definition of" in x for x in reading(rf"{head} \approx {rhs}", table).rules)
    f = dx.compile(rf"{head} \approx {rhs}", symbols=table)
    np.testing.assert_allclose(np.ravel(f(g=g, epsilon=eps)), want, rtol=1e-6)


def test_the_derivative_of_an_approximation_is_that_of_its_right_side():
    b, t, b0 = RNG.normal(size=4), RNG.normal(size=4), 0.3
    latex = r"G(u)(y) \approx \sum_{k=1}^{p} b_k t_k + b_0"
    table = "b, t: vector[p]; b_0: scalar; k: index"
    values = {"b": b, "t": t, "b_0": b0}
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(b @ t + b0, rel=1e-13)
    d = dx.derive(latex, "t", table)
    np.testing.assert_allclose(np.ravel(dx.evaluate(d.result, {"b": b}, table)), b, rtol=1e-13)
    assert r"\approx" in dx.to_latex(dx.parse(latex, table))


@pytest.mark.parametrize(
    ("latex", "table"),
    [
        (r"e^x \approx 1 + x", "x: scalar"),  # two quantities: an approximation, no definition
        (r"e^x \approx 1 + x", ""),  # undeclared, but the right side holds the letter
        (r"x \approx 1 + x^2", "x: scalar"),  # a declared left side
        (r"f(x) \approx f(0) + x f'(0)", "x: scalar"),  # the right side holds the function
        (r"a \approx b \approx c", "b, c: scalar"),  # a chain
        (r"\log(1 + x) \approx x", "x: scalar"),
        (r"a \approx b", ""),  # nothing declared to compute the left side from
    ],
)
def test_an_approximation_between_quantities_stays_refused(latex, table):
    with pytest.raises(ParseError, match="approximately equal"):
        dx.evaluate(latex, {"x": 0.1, "b": 1.0, "c": 1.0}, table)


@pytest.mark.parametrize("head", DEFINED_HEADS)
def test_a_claim_or_a_given_written_with_approx_is_never_decided(head):
    table = "x: scalar"
    with pytest.raises(DerivaxError, match="approximately equal"):
        dx.check(rf"{head} \approx 2 x", table, cache=False)
    # as a given, an approximate definition would make the claim about an exact one
    with pytest.raises(DerivaxError, match="approximately equal"):
        dx.check(r"R = 2 x", table, given=[r"R \approx 2 x"], cache=False)


# -- a moment named on the left whose bracket holds what no table declares ---------------------------
@pytest.mark.parametrize(
    "left",
    [
        r"E[I(\mathbf{x})]",  # a name read whole (the expected improvement, Jones et al. 1998)
        r"\mathbb{E}[I(x)]",
        r"E\left[\sum_{i=1}^{n} I_i\right]",  # a summation dummy inside
    ],
)
def test_expected_improvement_named_on_the_left(left):
    from math import erf, exp, pi, sqrt

    f_min, y_hat, s = 0.42, 0.15, 0.3
    z = (f_min - y_hat) / s
    want = (f_min - y_hat) * (1 + erf(z / sqrt(2))) / 2 + s * exp(-(z**2) / 2) / sqrt(2 * pi)
    latex = (
        rf"{left} = (f_{{\min}} - \hat{{y}}) \Phi\left(\frac{{f_{{\min}} - \hat{{y}}}}{{s}}\right)"
        r" + s \phi\left(\frac{f_{\min} - \hat{y}}{s}\right)"
    )
    table = r"f_{\min}, \hat{y}: scalar; s: scalar, positive"
    got = dx.evaluate(latex, {"f_min": f_min, "y_hat": y_hat, "s": s}, table)
    assert float(got) == pytest.approx(want, rel=1e-13)


def test_an_undeclared_name_no_table_could_declare_has_the_default_declaration():
    table = dx.parse_symbols("x: scalar")
    for name in ("_i", r"I(\mathbf{x})", "x"):
        d = table.declaration(name)
        assert d.kind == "scalar" and not d.is_random


# -- a sum over a set the table does not declare -----------------------------------------------------
SETS = [r"\mathcal{S}", "B", r"\mathcal{B}_t", r"\mathcal{D}"]


@pytest.mark.parametrize("the_set", SETS)
@pytest.mark.parametrize("n", [1, 3, 6])
def test_a_mean_over_an_undeclared_set_runs_over_the_entries_it_picks(the_set, n):
    x = RNG.normal(size=n)
    latex = rf"\frac{{1}}{{|{the_set}|}} \sum_{{i \in {the_set}}} x_i^2"
    got = dx.evaluate(latex, {"x": x}, "x: vector[n]; i: index")
    assert float(got) == pytest.approx(np.mean(x**2), rel=1e-13)
    assert any("the size of a set" in r for r in reading(latex, "x: vector[n]; i: index").rules)


def test_a_sum_over_a_set_of_rows_and_of_a_tables_entries():
    # SCAFFOLD's server step: the rows y_i of the sampled clients
    y, x, eta = RNG.normal(size=(4, 3)), RNG.normal(size=3), 0.7
    latex = r"x \leftarrow x + \frac{\eta_g}{|\mathcal{S}|} \sum_{i \in \mathcal{S}} (y_i - x)"
    table = r"x: vector[d]; Y: matrix[S, d]; y_i: row[Y]; \eta_g: scalar, positive; i: index"
    got = dx.evaluate(latex, {"x": x, "Y": y, "eta_g": eta}, table)
    np.testing.assert_allclose(np.ravel(got), x + eta * np.mean(y - x, axis=0), rtol=1e-13)
    # the exponential mechanism's normalizer over the range R of outputs, its sensitivity named
    u, eps, du = RNG.normal(size=5), 0.8, 1.5
    latex = (
        r"\frac{\exp\left(\frac{\varepsilon u(x, r)}{2 \Delta u}\right)}{\sum_{r' \in "
        r"\mathcal{R}} \exp\left(\frac{\varepsilon u(x, r')}{2 \Delta u}\right)}"
    )
    table = (
        r"u: vector[R]; r: label[R]; \varepsilon: scalar, positive; \Delta_{u}: scalar, positive"
    )
    w = np.exp(eps * u / (2 * du))
    for r in (1, 4):
        got = dx.evaluate(latex, {"u": u, "r": r, "varepsilon": eps, "Delta_u": du}, table)
        assert float(got) == pytest.approx(w[r - 1] / w.sum(), rel=1e-13)


@pytest.mark.parametrize(
    "latex",
    [
        r"\sum_{i \in \mathcal{S}} x_{i+1}",  # picked through an offset: the range would end short
        r"\sum_{i \in \mathcal{S}} 1",  # picks nothing
        r"\sum_{i \in \mathcal{S}} x_i + \sum_{j \in \mathcal{S}} z_j",  # two lengths
    ],
)
def test_a_set_whose_size_the_entries_do_not_say_stays_a_size_to_give(latex):
    e = dx.parse(latex, "x: vector[n]; z: vector[m]; i, j: index")
    assert r"|\mathcal{S}|" in {str(s) for s in e.free_symbols}


def test_a_sum_holding_a_vector_whole_beside_its_entry_is_refused_by_name():
    # the sensitivity written \Delta u with \Delta a declared scalar: each term would be a vector
    latex = (
        r"\frac{\exp(\varepsilon u(x, r) / (\Delta u))}{\sum_{r' \in \mathcal{R}} "
        r"\exp(\varepsilon u(x, r') / (\Delta u))}"
    )
    with pytest.raises(ParseError, match=r"hold `u` both by its entry at `r'` and whole"):
        dx.parse(latex, r"u: vector[R]; r: label[R]; \varepsilon, \Delta: scalar, positive")
    # a sum of arrays that depends on its index stays read: I + A + A^2 + A^3
    a = np.diag([0.5, 2.0])
    got = dx.evaluate(r"\sum_{k=0}^{3} A^k", {"A": a}, "A: matrix[d, d]")
    np.testing.assert_allclose(got, np.diag([1.875, 15.0]), rtol=1e-13)


# -- a metric at its cutoff named on the left --------------------------------------------------------
@pytest.mark.parametrize("name", [r"\mathrm{RBO}", "RBO", r"\text{RBO}", r"\operatorname{RBO}"])
@pytest.mark.parametrize("cutoff", ["k", "{k}", "K"])
def test_a_metric_at_its_cutoff_names_what_the_formula_gives(name, cutoff):
    # rank-biased overlap truncated at depth k (Webber, Moffat and Zobel 2010)
    a, p = RNG.uniform(size=4), 0.9
    latex = rf"{name}@{cutoff} = (1 - p) \sum_{{d=1}}^{{k}} p^{{d - 1}} \cdot A_d"
    got = dx.evaluate(latex, {"A": a, "p": p}, "A: vector[k]; p: scalar, unit; d: index")
    assert float(got) == pytest.approx((1 - p) * sum(p**d * a[d] for d in range(4)), rel=1e-13)


@pytest.mark.parametrize("latex", [r"a @ b", r"x = a @ b", r"\mathrm{P}@k + 1 = x"])
def test_an_at_sign_anywhere_else_stays_unread(latex):
    with pytest.raises(ParseError):
        dx.parse(latex, "a, b, x: scalar")


# -- the hyperboloid model: the Lorentzian product and norm, and entries counted from 0 -------------
def _lorentz(x, y):
    return -x[0] * y[0] + x[1:] @ y[1:]


@pytest.mark.parametrize("sub", [r"\mathcal{L}", "L", r"{\mathcal{L}}"])
def test_the_lorentzian_product_and_distance(sub):
    x, y = RNG.normal(size=4), RNG.normal(size=4)
    table = "x, y: vector[n+1]"
    got = dx.evaluate(rf"\langle \mathbf{{x}}, \mathbf{{y}} \rangle_{sub}", {"x": x, "y": y}, table)
    assert float(got) == pytest.approx(_lorentz(x, y), rel=1e-13)
    # on the hyperboloid <x, x>_L = -1 the distance is arcosh(-<x, y>_L) (Nickel and Kiela 2018)
    lift = lambda v: np.concatenate([[np.sqrt(1 + v @ v)], v])  # noqa: E731
    x, y = lift(RNG.normal(size=3)), lift(RNG.normal(size=3))
    latex = rf"d_{{\ell}}(\mathbf{{x}}, \mathbf{{y}}) = \operatorname{{arcosh}}(-\langle \mathbf{{x}}, \mathbf{{y}} \rangle_{sub})"
    got = dx.evaluate(latex, {"x": x, "y": y}, table)
    assert float(got) == pytest.approx(np.arccosh(-_lorentz(x, y)), rel=1e-12)
    d = dx.derive(latex, "y", table)
    want = -x * np.r_[-1, 1, 1, 1] / np.sqrt(_lorentz(x, y) ** 2 - 1)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(d.result, {"x": x, "y": y}, table)), want, rtol=1e-10
    )


def test_the_exponential_map_of_the_hyperboloid_with_the_lorentzian_norm():
    x = np.concatenate([[np.sqrt(1 + 0.29)], [0.2, -0.5, 0.0]])
    v = np.array([0.1, 0.3, 0.2, -0.4])
    v = v + _lorentz(x, v) * x  # tangent at x: <x, v>_L = 0
    nv = np.sqrt(_lorentz(v, v))
    latex = (
        r"\exp_{\mathbf{x}}(\mathbf{v}) = \cosh(\|\mathbf{v}\|_{\mathcal{L}}) \mathbf{x} + "
        r"\sinh(\|\mathbf{v}\|_{\mathcal{L}}) \frac{\mathbf{v}}{\|\mathbf{v}\|_{\mathcal{L}}}"
    )
    got = dx.evaluate(latex, {"x": x, "v": v}, "x, v: vector[n+1]")
    np.testing.assert_allclose(np.ravel(got), np.cosh(nv) * x + np.sinh(nv) * v / nv, rtol=1e-12)


@pytest.mark.parametrize(
    ("latex", "says"),
    [
        (r"\langle x, y \rangle_{\mathcal{H}}", "other than the Lorentzian"),
        (r"\langle x, A \rangle_{\mathcal{L}}", "two column vectors of one length"),
        (r"\langle x, z \rangle_{\mathcal{L}}", "two column vectors of one length"),
    ],
)
def test_another_subscripted_product_or_shapes_that_do_not_fit_are_refused(latex, says):
    with pytest.raises(ParseError, match=says):
        dx.parse(latex, "x, y: vector[n]; z: vector[m]; A: matrix[n, n]")


@pytest.mark.parametrize(
    ("latex", "want"),
    [
        (r"-x_0 y_0 + \sum_{i=1}^{n} x_i y_i", lambda x, y: _lorentz(x, y)),
        (r"x_0 + y_0 + \sum_{t=1}^{n} x_t y_t", lambda x, y: x[0] + y[0] + x[1:] @ y[1:]),
        (r"x_0 - x_3", lambda x, y: x[0] - x[3]),
    ],
)
def test_a_vector_picked_at_zero_counts_its_entries_from_zero(latex, want):
    x, y = RNG.normal(size=4), RNG.normal(size=4)
    got = dx.evaluate(
        latex, {"x": x, "y": y} if "y" in latex else {"x": x}, "x, y: vector[n+1]; i, t: index"
    )
    assert float(got) == pytest.approx(want(x, y), rel=1e-13)


@pytest.mark.parametrize(
    "latex",
    [
        r"x_0 + x_n",  # the size itself
        r"x_0 + x_{i+1}",  # an offset
        r"x_0 + \sum_{i=1}^{n} x_i",  # a sum to the size
        r"x_0 + \sum_{i=1}^{n-1} x_i y_i",  # y picked beside it, never at 0
    ],
)
def test_a_zero_beside_a_pick_past_the_count_from_zero_is_left_as_written(latex):
    r = reading(latex, "x, y: vector[n]; i: index")
    assert not any("counts the entries of `x` from 0" in x for x in r.rules)


# -- a definition whose left side only labels the right ----------------------------------------------
@pytest.mark.parametrize(
    ("latex", "want"),
    [
        # the Poincare distance to the origin (Ganea et al. 2018)
        (
            r"d_c(\mathbf{0}, x) = \frac{2}{\sqrt{c}} \tanh^{-1}\left(\sqrt{c} \|x\|\right)",
            lambda x, c: 2 / np.sqrt(c) * np.arctanh(np.sqrt(c) * np.linalg.norm(x)),
        ),
        # the exponential and logarithmic maps at the origin of the Poincare ball
        (
            r"\exp_{\mathbf{0}}^c(x) = \tanh(\sqrt{c} \|x\|) \frac{x}{\sqrt{c} \|x\|}",
            lambda x, c: (
                np.tanh(np.sqrt(c) * np.linalg.norm(x)) * x / (np.sqrt(c) * np.linalg.norm(x))
            ),
        ),
        (
            r"\log_{\mathbf{0}}^c(x) := \tanh^{-1}(\sqrt{c} \|x\|) \frac{x}{\sqrt{c} \|x\|}",
            lambda x, c: (
                np.arctanh(np.sqrt(c) * np.linalg.norm(x)) * x / (np.sqrt(c) * np.linalg.norm(x))
            ),
        ),
    ],
)
def test_a_left_side_that_does_not_read_labels_the_right(latex, want):
    x, c = RNG.uniform(-0.3, 0.3, size=3), 0.8
    table = "x: vector[d]; c: scalar, positive"
    got = dx.evaluate(latex, {"x": x, "c": c}, table)
    np.testing.assert_allclose(np.ravel(got), np.ravel(want(x, c)), rtol=1e-12)
    assert any("is not read; it labels" in r for r in reading(latex, table).rules)
    with pytest.raises(DerivaxError, match="not read, only named"):
        dx.check(latex, table, cache=False)


@pytest.mark.parametrize(
    "latex",
    [
        r"x + \mathbf{0} = x",  # a sum on the left: a claim
        r"d(\mathbf{0}, x) = \|y\|_{\mathcal{H}}",  # the right side does not read either
        r"d(\mathbf{0}, x) = a = b",  # a chain
        r"d(\mathbf{0}, x) = q",  # nothing declared on the right
    ],
)
def test_a_left_side_that_does_not_read_stays_refused_elsewhere(latex):
    with pytest.raises(ParseError):
        dx.parse(latex, "x, y: vector[d]")


# -- cosine similarity written sim, and an entry of a function's value at a label ------------------
def test_sim_of_two_vectors_is_their_cosine_similarity():
    # MOON's model-contrastive loss (Li, He and Song 2021)
    z, zg, zp, tau = RNG.normal(size=4), RNG.normal(size=4), RNG.normal(size=4), 0.5
    cos = lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b))  # noqa: E731
    latex = (
        r"\ell_{con} = -\log \frac{\exp(\mathrm{sim}(z, z_{glob}) / \tau)}{\exp(\mathrm{sim}(z, "
        r"z_{glob}) / \tau) + \exp(\mathrm{sim}(z, z_{prev}) / \tau)}"
    )
    table = r"z, z_{glob}, z_{prev}: vector[d]; \tau: scalar, positive"
    values = {"z": z, "z_glob": zg, "z_prev": zp, "tau": tau}
    a, b = np.exp(cos(z, zg) / tau), np.exp(cos(z, zp) / tau)
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(
        -np.log(a / (a + b)), rel=1e-12
    )
    d = dx.derive(r"\operatorname{sim}(u, v)", "u", "u, v: vector[d]")
    u, v = RNG.normal(size=3), RNG.normal(size=3)
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    want = v / (nu * nv) - (u @ v) * u / (nu**3 * nv)
    got = dx.evaluate(d.result, {"u": u, "v": v}, "u, v: vector[d]")
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-12)


@pytest.mark.parametrize(
    ("latex", "table"),
    [
        (r"\mathrm{sim}(u, W)", "u: vector[d]; W: matrix[d, d]"),  # a matrix
        (r"\mathrm{sim}(u, z)", "u: vector[d]; z: vector[m]"),  # two lengths
        (r"\mathrm{sim}(a, b)", "a, b: scalar"),  # scalars
    ],
)
def test_sim_of_anything_but_two_vectors_of_one_length_is_refused(latex, table):
    with pytest.raises(ParseError, match="cosine similarity of two vectors of one length"):
        dx.parse(latex, table)
    # a sim of the user's is theirs
    assert "sim" in str(dx.parse(latex, table + r"; \mathrm{sim}: function"))


def test_the_gradient_of_an_entry_of_a_functions_value_at_a_label():
    # the conformal score of a classifier, 1 - f(x)_y (Angelopoulos and Bates 2021)
    table = r"\hat{f}: simplex[K]; y: label[K]"
    d = dx.derive(r"s(x, y) = 1 - \hat{f}(x)_y", r"\hat{f}", table)
    f = np.array([0.1, 0.2, 0.3, 0.4])
    for y in (1, 3):
        got = dx.evaluate(d, {"f_hat": f, "y": y})
        np.testing.assert_array_equal(np.ravel(got), -np.eye(4)[y - 1])


# -- a value at a point: the silent misreadings of the sixth corpus as collected -----------------
def test_a_declared_scalar_at_a_vector_is_its_value_there():
    # LOF's reachability distance (Breunig et al. 2000): max{k-distance(o), d(p, o)}
    p, o, eps = RNG.normal(size=3), RNG.normal(size=3), 0.5
    latex = (
        r"\operatorname{reach-dist}_k(\mathbf{p}, \mathbf{o}) = \max\left\{ \varepsilon_k"
        r"(\mathbf{o}), \left\| \mathbf{p} - \mathbf{o} \right\|_2 \right\}"
    )
    table = r"p, o: vector[d]; \varepsilon_k: scalar, positive"
    got = dx.evaluate(latex, {"p": p, "o": o, "varepsilon_k": eps}, table)
    assert np.shape(got) == () and float(got) == pytest.approx(max(eps, np.linalg.norm(p - o)))
    # EWC with the full Fisher (Kirkpatrick et al. 2017): L_B(theta) is a number
    th, ts, lam = RNG.normal(size=3), RNG.normal(size=3), 2.0
    a = RNG.normal(size=(3, 3))
    fisher = a @ a.T + np.eye(3)
    latex = (
        r"\mathcal{L}(\theta) = \mathcal{L}_B(\theta) + \frac{\lambda}{2} (\theta - "
        r"\theta^*_A)^\top F (\theta - \theta^*_A)"
    )
    table = r"\mathcal{L}_B: scalar; \theta, \theta^*_A: vector[n]; F: spd[n]; \lambda: scalar, positive"
    values = {"L_cal_B": 0.42, "theta": th, "theta_A_sup_star": ts, "F": fisher, "lambda": lam}
    got = dx.evaluate(latex, values, table)
    assert float(got) == pytest.approx(0.42 + lam / 2 * (th - ts) @ fisher @ (th - ts), rel=1e-12)
    d = dx.derive(latex, r"\theta", table)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(d, values)), lam * fisher @ (th - ts), rtol=1e-11
    )


@pytest.mark.parametrize(
    ("latex", "product"),
    [
        (r"c(x)", True),  # a scalar at a scalar: the product, as before
        (r"c(x + y)", True),  # an expression: a product
        (r"c(v - w)", True),
        (r"c(v)", False),  # a lone vector: the value at it
        (r"c(v, w)", False),
    ],
)
def test_a_declared_scalar_applied_is_a_product_unless_at_arrays_alone(latex, product):
    table = "c, x, y: scalar; v, w: vector[n]"
    r = reading(latex, table)
    assert (str(r.expr) == "c") is not product
    assert any("its value there" in x for x in r.rules) is not product


def test_a_declared_vector_at_a_declared_scalar_is_its_value_there():
    # the Transformer Hawkes process's intensity (Zuo et al. 2020), h(t_j) the hidden state
    a, t, tj, b, beta = -0.4, 2.3, 1.5, 0.1, 0.8
    w, h = RNG.normal(size=4), RNG.normal(size=4)
    latex = (
        r"\lambda_k(t) = \beta_k \log\left( 1 + \exp\left( \frac{\alpha_k \frac{t - t_j}{t_j} + "
        r"\mathbf{w}_k^\top \mathbf{h}(t_j) + b_k}{\beta_k} \right) \right)"
    )
    table = r"\alpha_k, t, t_j, b_k: scalar; \beta_k: scalar, positive; w_k, h: vector[d]"
    values = {"alpha_k": a, "t": t, "t_j": tj, "w_k": w, "h": h, "b_k": b, "beta_k": beta}
    want = beta * np.log1p(np.exp((a * (t - tj) / tj + w @ h + b) / beta))
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-12)
    # an expression in the parenthesis stays a product
    assert "t_{j} + 1" in str(dx.parse(r"h(t_j + 1)", table))


def test_a_vector_at_a_samples_entry_picks_the_entry_of_that_sample():
    # the cross-entropy method's elite mean (Rubinstein 1999; de Boer et al. 2005)
    # its own draws: the shared RNG's state depends on which tests a worker ran before, and a
    # draw with no s_i >= gamma has no elite mean
    rng = np.random.default_rng(503)
    s, x, gamma = rng.normal(size=6), rng.normal(size=6), 0.2
    assert (s >= gamma).any()
    latex = (
        r"\hat{\mu} = \frac{\sum_{i=1}^{N} \mathbb{1}\{S(X_i) \ge \hat{\gamma}\} X_i}"
        r"{\sum_{i=1}^{N} \mathbb{1}\{S(X_i) \ge \hat{\gamma}\}}"
    )
    table = r"S, X: vector[N]; \hat{\gamma}: scalar; i: index"
    got = dx.evaluate(latex, {"S": s, "X": x, "gamma_hat": gamma}, table)
    assert float(got) == pytest.approx(x[s >= gamma].mean(), rel=1e-12)
    # a real entry is no index: S(X_i) is never S at the position X_i
    assert "S[i]" in str(dx.parse(r"S(X_i)", table))
    # a sample of another length is no such point: the product, as before
    assert "Z[i]*S" in str(dx.parse(r"S(Z_i)", table + "; Z: vector[M]"))


def test_the_cases_of_a_vector_are_a_vector():
    # A-GEM's projection (Chaudhry et al. 2019)
    g, gr = RNG.normal(size=4), RNG.normal(size=4)
    latex = (
        r"\tilde{g} = \begin{cases} g - \frac{g^\top g_{ref}}{g_{ref}^\top g_{ref}} g_{ref} & "
        r"\text{if } g^\top g_{ref} < 0 \\ g & \text{otherwise} \end{cases}"
    )
    for ref in (gr, -gr):
        got = dx.evaluate(latex, {"g": g, "g_ref": ref}, "g, g_{ref}: vector[p]")
        want = g - (g @ ref) / (ref @ ref) * ref if g @ ref < 0 else g
        assert np.shape(got) == (4,)
        np.testing.assert_allclose(got, want, rtol=1e-12)


# -- a declared value at a point the table does not declare ------------------------------------------
POINTS = ["x", r"\mathbf{x}", "W", r"\theta", r"\mathbf{x}_n"]


@pytest.mark.parametrize("point", POINTS)
def test_an_entry_at_an_undeclared_point_is_the_entry(point):
    # the energy score (Liu et al. 2020): -T log sum_i exp(f_i(x) / T)
    f, t = RNG.normal(size=5), 1.3
    latex = rf"E({point}; f) = -T \cdot \log \sum_{{i=1}}^{{K}} e^{{f_i({point}) / T}}"
    got = dx.evaluate(latex, {"f": f, "T": t}, "f: vector[K]; T: scalar, positive; i: index")
    assert float(got) == pytest.approx(-t * np.log(np.sum(np.exp(f / t))), rel=1e-13)
    r = reading(latex, "f: vector[K]; T: scalar, positive; i: index")
    assert any("at the point" in x for x in r.rules)


@pytest.mark.parametrize("point", POINTS)
def test_a_declared_scalar_at_an_undeclared_point_is_its_value(point):
    # uncertainty weighting (Kendall, Gal and Cipolla 2018)
    l1, l2, s1, s2 = 0.7, 1.9, 0.8, 1.6
    latex = (
        rf"\frac{{1}}{{2\sigma_1^2}} \mathcal{{L}}_1({point}) + \frac{{1}}{{2\sigma_2^2}} "
        rf"\mathcal{{L}}_2({point}) + \log \sigma_1 \sigma_2"
    )
    table = (
        r"\mathcal{L}_1, \mathcal{L}_2: scalar, nonnegative; \sigma_1, \sigma_2: scalar, positive"
    )
    values = {"L_cal_1": l1, "L_cal_2": l2, "sigma_1": s1, "sigma_2": s2}
    want = l1 / (2 * s1**2) + l2 / (2 * s2**2) + np.log(s1 * s2)
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-13)


@pytest.mark.parametrize(
    "latex",
    [
        r"f_j(x) + x",  # the point is a quantity too: a product
        r"f_j(x + 1)",  # an expression
        r"c(x) + x",
        r"f_j(x) \, x",  # beside it as a factor
    ],
)
def test_a_point_that_is_also_a_quantity_keeps_the_product(latex):
    r = reading(latex, "f: vector[K]; j: label[K]; c: scalar")
    assert not any("at the point" in x for x in r.rules)
    assert "x" in {str(s) for s in r.expr.free_symbols}


@pytest.mark.parametrize("step", ["t - 1", "t+1", r"\tau - 2", "t"])
def test_an_entry_at_a_step_of_time_is_the_entry(step):
    # dynamic weight averaging (Liu, Johns and Davison 2019): K softmax(w(t - 1) / T)_k, the
    # loss ratios w of the previous epoch, declared as one vector
    w, temp, k = np.array([0.9, 1.2, 0.7]), 2.0, 2
    latex = rf"\lambda_k(t) = \frac{{K \exp(w_k({step}) / T)}}{{\sum_{{i=1}}^{{K}} \exp(w_i({step}) / T)}}"
    table = "w: vector[K]; K: dim; k: label[K]; T: scalar, positive; i: index"
    got = dx.evaluate(latex, {"w": w, "K": 3, "k": k, "T": temp}, table)
    want = 3 * np.exp(w[k - 1] / temp) / np.exp(w / temp).sum()
    assert float(got) == pytest.approx(want, rel=1e-13)
    assert any(f"at the point ({step})" in x for x in reading(latex, table).rules)


def test_a_sample_of_a_declared_vector_at_a_step_of_time_is_the_entry():
    # GradNorm (Chen et al. 2018): sum_i |G_W^{(i)}(t) - \bar{G}_W(t) [r_i(t)]^alpha|_1, every
    # quantity declared at the one step t
    latex = (
        r"L_{\mathrm{grad}}(t; w_i(t)) = \sum_{i=1}^{T} \left| G_W^{(i)}(t) - \bar{G}_W(t) "
        r"\times [r_i(t)]^{\alpha} \right|_1"
    )
    table = r"G_W, r: vector[T]; \bar{G}_W, \alpha: scalar, positive; i: index"
    g, r, gbar, a = np.array([0.5, 2.0, 1.1]), np.array([0.9, 1.3, 0.8]), 1.2, 0.12
    values = {"G_W": g, "r": r, "G_bar_W": gbar, "alpha": a}
    got = dx.evaluate(latex, values, table)
    assert float(got) == pytest.approx(np.abs(g - gbar * r**a).sum(), rel=1e-13)
    d = dx.derive(latex, "G_W", table)
    np.testing.assert_allclose(dx.evaluate(d, values), np.sign(g - gbar * r**a), rtol=1e-13)


@pytest.mark.parametrize(
    "latex, wrt, table, values, f",
    [
        # |u| with a fractional power of a real SymPy cannot call real: re(u) and im(u) in the
        # derivative, which compiled to nothing; every quantity derivax reads is real
        (
            r"|a - r^{\alpha}|",
            "a",
            r"a, r: scalar; \alpha: scalar, positive",
            {"a": 0.3, "r": 1.7, "alpha": 0.4},
            lambda v: abs(v["a"] - v["r"] ** v["alpha"]),
        ),
        (
            r"|a - r^{\alpha}|",
            "r",
            r"a, r: scalar; \alpha: scalar, positive",
            {"a": 2.3, "r": 1.7, "alpha": 0.4},
            lambda v: abs(v["a"] - v["r"] ** v["alpha"]),
        ),
        (
            r"\sum_i |w_i - r_i^{\alpha}|",
            "w",
            r"w, r: vector[n]; \alpha: scalar, positive; i: index",
            {"w": np.array([0.1, 3.0]), "r": np.array([1.5, 0.8]), "alpha": 0.7},
            lambda v: np.abs(v["w"] - v["r"] ** v["alpha"]).sum(),
        ),
    ],
)
def test_the_derivative_of_an_absolute_value_of_a_real_power_is_real(latex, wrt, table, values, f):
    got = np.asarray(dx.evaluate(dx.derive(latex, wrt, table), values), dtype=float)
    x = np.asarray(values[wrt], dtype=float)
    want = np.zeros_like(x)
    for k in np.ndindex(x.shape or ()):
        step = np.zeros_like(x)
        step[k] = 1e-6
        up, down = dict(values), dict(values)
        up[wrt], down[wrt] = x + step, x - step
        want[k] = (f(up) - f(down)) / 2e-6
    np.testing.assert_allclose(got, want, rtol=1e-7)


@pytest.mark.parametrize(
    "latex",
    [
        r"w_k(t - 1) - w_k(t - 2)",  # two steps of one declared vector: it would read 0
        r"w_k(t) - w_i(t + 1)",
        r"f_j(x) - f_j(y)",
        r"\mathcal{L}_1(W) - \mathcal{L}_1(V)",
    ],
)
def test_one_declared_value_taken_at_two_points_is_refused(latex):
    table = r"w, f: vector[K]; j, k, i: index; \mathcal{L}_1: scalar"
    with pytest.raises(ParseError, match="taken at two points"):
        dx.parse(latex, table)


@pytest.mark.parametrize(
    "latex, factor",
    [
        (r"w_k(t - 1) \, t", "t"),  # the step is a quantity too
        (r"w_k(x + 1)", "x"),  # no step of time: a product
        (r"c(t + 1)", "t"),  # a declared scalar times a shifted letter
        (r"w_k(t - n)", "n"),  # shifted by a letter, not a whole number
    ],
)
def test_a_shift_that_is_no_step_of_an_entry_keeps_the_product(latex, factor):
    r = reading(latex, "w: vector[K]; k: label[K]; c: scalar")
    assert not any("at the point" in x for x in r.rules)
    assert factor in {str(s) for s in r.expr.free_symbols}


def test_a_declared_point_or_a_function_is_not_this_rule():
    table = "f: vector[K]; j: label[K]; x: scalar; g: function"
    assert "x" in {str(s) for s in dx.parse(r"f_j(x)", table).free_symbols}
    assert "g(z)" in str(dx.parse(r"g(z)", table))


# -- ranges in subscripts, entries of a subscripted head at a label, argmax domains -----------------
@pytest.mark.parametrize(
    "latex", [r"\sum_{i=1}^{d} \left\| g_{1:T,i} \right\|_2", r"g_{1:T}", r"\|g_{1:T, i}\|_1"]
)
def test_a_range_in_an_arrays_subscript_is_refused_not_a_ratio(latex):
    # AdaGrad's g_{1:T,i} read as g[1/T, i] crashed at run time
    with pytest.raises(ParseError, match="a range of entries"):
        dx.parse(latex, "g: matrix[T, d]; i: index")
    # a condition under a sum keeps its colon: the terms it keeps (Kept)
    r = reading(r"\sum_{i: y_i = 1} x_i", "x, y: vector[n]; i: index")
    assert "Kept" in str(r.expr)


def test_an_entry_of_a_subscripted_vector_at_a_label():
    # optimistic Hedge (Rakhlin and Sridharan 2013): L_{t,i} of the declared L_t at the expert i
    cum, last, eta = RNG.uniform(size=5), RNG.uniform(size=5), 0.7
    latex = (
        r"p_{t+1,i} = \frac{\exp\left( -\eta \left( L_{t,i} + \ell_{t,i} \right) \right)}"
        r"{\sum_{j=1}^{N} \exp\left( -\eta \left( L_{t,j} + \ell_{t,j} \right) \right)}"
    )
    table = r"L_t, \ell_t: vector[N]; i: label[N]; \eta: scalar, positive; j: index"
    w = np.exp(-eta * (cum + last))
    for i in (1, 5):
        got = dx.evaluate(latex, {"L_t": cum, "ell_t": last, "i": i, "eta": eta}, table)
        assert float(got) == pytest.approx(w[i - 1] / w.sum(), rel=1e-13)
    # a label of another size is refused by name, not read as a name of its own
    with pytest.raises(ParseError, match=r"whose values run over 1\.\.M"):
        dx.parse(r"L_{t,y}", "L_t: vector[N]; y: label[M]")


def test_argmin_over_the_real_line_with_its_objective_in_braces():
    got = dx.evaluate(
        r"\argmin_{w \in \mathbb{R}} \left\{ (w - a)^2 + 1 \right\}", {"a": 0.3}, "a: scalar"
    )
    assert float(got) == pytest.approx(0.3, abs=1e-6)


@pytest.mark.parametrize(
    ("latex", "says"),
    [
        (r"\operatorname*{argmax}_{y \in [L]} f_y", "a position among indices"),
        (r"\argmin_{x \in \mathbb{R}^d} \left\{ g^\top x \right\}", "over a vector or matrix"),
        (r"\argmin_{x \in C} (x - a)^2", "a point of a set"),
    ],
)
def test_argmax_over_indices_a_space_or_a_set_is_refused_by_name(latex, says):
    with pytest.raises(ParseError, match=says):
        dx.parse(latex, "f: vector[L]; g: vector[d]; a: scalar")


# -- loss corrections for noisy labels, and p-norms of numbers -----------------------------------
def test_forward_and_backward_loss_corrections():
    # Patrini et al. 2017: -log (T^T p)_y and sum_j (T^{-1})_{y j} (-log p_j)
    a = RNG.uniform(size=(4, 4)) + 3 * np.eye(4)
    t = a / a.sum(axis=1, keepdims=True)
    p = RNG.dirichlet(np.ones(4))
    table = r"T: matrix[c, c]; \hat{p}: simplex[c]; \tilde{y}: label[c]; j: index"
    forward = r"\ell^{\rightarrow}(\hat{\mathbf{p}}, \tilde{y}) = -\log \left( T^\top \hat{\mathbf{p}} \right)_{\tilde{y}}"
    backward = (
        r"\ell^{\leftarrow}(\hat{\mathbf{p}}, \tilde{y}) = \sum_{j=1}^{c} \left( T^{-1} \right)"
        r"_{\tilde{y} j} \left( -\log \hat{p}_j \right)"
    )
    for y in (1, 4):
        values = {"T": t, "p_hat": p, "y_tilde": y}
        assert float(dx.evaluate(forward, values, table)) == pytest.approx(
            -np.log((t.T @ p)[y - 1]), rel=1e-12
        )
        want = np.linalg.inv(t)[y - 1] @ -np.log(p)
        assert float(dx.evaluate(backward, values, table)) == pytest.approx(want, rel=1e-10)


@pytest.mark.parametrize(
    ("latex", "want"), [(r"\log (x)_2", lambda x: np.log(x[1])), (r"\log(x)_{k} + 1", None)]
)
def test_the_log_of_an_entry_of_a_vector_in_parentheses(latex, want):
    x = RNG.uniform(0.5, 2, size=3)
    if want is None:
        got = dx.evaluate(latex, {"x": x, "k": 3}, "x: vector[n]; k: label[n]")
        assert float(got) == pytest.approx(np.log(x[2]) + 1, rel=1e-13)
    else:
        assert float(dx.evaluate(latex, {"x": x}, "x: vector[n]")) == pytest.approx(
            want(x), rel=1e-13
        )


@pytest.mark.parametrize("order", ["1", "2", "p", r"\infty"])
def test_a_p_norm_of_a_number_is_its_absolute_value(order):
    values = {"a": 0.25, "b": 1.75}
    got = dx.evaluate(
        rf"\left| a - b \right|_{{{order}}}", values, "a, b: scalar; p: scalar, positive"
    )
    assert float(got) == pytest.approx(1.5)


def test_the_peer_parsers_grammar_never_reaches_the_user():
    for latex in (r"|a|_i", r"\left[ \cos(x), \sin(x) \right]"):
        with pytest.raises(ParseError) as e:
            dx.parse(latex, "a: scalar; i: index; x: vector[d]")
        assert "I expected" not in str(e.value) and "missing '" not in str(e.value)


# -- a declared matrix of outputs at the i-th sample is its row -----------------------------------
def test_deep_svdd_reads_the_row_of_each_samples_output():
    # Ruff et al. 2018: phi(x_i; W) the network's output for sample i, the rows of phi
    phi, c, w, lam = RNG.normal(size=(5, 3)), RNG.normal(size=3), RNG.normal(size=(3, 2)), 0.1
    latex = (
        r"\frac{1}{n} \sum_{i=1}^{n} \left\| \phi(\mathbf{x}_i; \mathcal{W}) - \mathbf{c} "
        r"\right\|^2 + \frac{\lambda}{2} \left\| \mathbf{W} \right\|_F^2"
    )
    table = r"\phi: matrix[n, p]; c: vector[p]; W: matrix[p, q]; \lambda: scalar, positive; n: dim; i: index"
    values = {"phi": phi, "c": c, "W": w, "lambda": lam, "n": 5}
    want = np.mean(np.sum((phi - c) ** 2, axis=1)) + lam / 2 * np.sum(w**2)
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-12)
    d = dx.derive(latex, "c", table)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(d, values)), -2 * np.mean(phi - c, axis=0), rtol=1e-12
    )


def test_a_sample_index_that_runs_over_another_size_picks_no_row():
    # phi has n rows; a sum over j up to m picks none of them: refused, never a wrong row
    table = r"\phi: matrix[n, p]; c: vector[p]; n, m: dim; j: index"
    with pytest.raises(ParseError):
        dx.parse(
            r"\sum_{j=1}^{m} \left\| \phi(\tilde{\mathbf{x}}_j; \mathcal{W}) - \mathbf{c} \right\|^2",
            table,
        )


@pytest.mark.parametrize(
    ("latex", "table"),
    [
        (r"\cancel x = x", "x: scalar"),  # a mark: refused by name, never a label
        (r"\underset{n \times n}{A} = A", "A: matrix[n, n]; n: dim"),
        (r"\|z\|_{*} = \|z\|_2", "z: vector[n]"),  # a norm's bars start no name
        (r"\sum_{i=1}^n f_i(x) = n f_i(x)", "f: function; i: index; n: dim"),  # a sum
    ],
)
def test_a_left_side_that_is_no_head_is_not_taken_for_a_label(latex, table):
    with pytest.raises(DerivaxError):
        dx.parse(latex, table)


def test_a_vector_of_n_entries_picked_at_zero_stays_an_entry_it_does_not_have():
    with pytest.raises(dx.ShapeError):
        dx.evaluate(r"\theta_0", {"theta": [1.0, 2.0]}, r"\theta: vector[n]")
    got = dx.evaluate(r"\theta_0 + \theta_1", {"theta": [1.0, 2.0]}, r"\theta: vector[n+1]")
    assert float(got) == 3.0


def test_a_run_of_declared_letters_before_a_parenthesis_is_not_a_point():
    with pytest.raises(ParseError, match="are declared"):
        dx.parse("exp(y)", "e, x, p: scalar")


def test_the_trilinear_product_of_complex_scores_in_real_form():
    # ComplEx (Trouillon et al. 2016): Re(<w_r, e_s, conj(e_o)>) with real and imaginary parts
    w, es, eo = (RNG.normal(size=4) + 1j * RNG.normal(size=4) for _ in range(3))
    latex = (
        r"\langle a, b, c \rangle + \langle a, d, f \rangle + \langle g, b, f \rangle - "
        r"\langle g, d, c \rangle"
    )
    values = {"a": w.real, "g": w.imag, "b": es.real, "d": es.imag, "c": eo.real, "f": eo.imag}
    got = dx.evaluate(latex, values, "a, b, c, d, f, g: vector[K]")
    assert float(got) == pytest.approx(np.real(np.sum(w * es * np.conj(eo))), rel=1e-12)
    d = dx.derive(r"\langle a, b, c \rangle", "b", "a, b, c: vector[K]")
    got = np.ravel(dx.evaluate(d, {"a": w.real, "b": es.real, "c": eo.real}))
    np.testing.assert_allclose(got, w.real * eo.real, rtol=1e-13)
    with pytest.raises(ParseError, match="three column vectors of one length"):
        dx.parse(r"\langle a, b, z \rangle", "a, b: vector[K]; z: vector[M]")


def test_a_vector_at_the_members_of_the_jth_sampled_triple_is_its_jth_entry():
    # RotatE's self-adversarial weights (Sun et al. 2019): f_r(h'_j, t'_j) the j-th negative's score
    f, alpha = RNG.normal(size=5), 0.7
    latex = (
        r"p(h'_j, r, t'_j) = \frac{\exp \alpha f_r(\mathbf{h}'_j, \mathbf{t}'_j)}{\sum_{i=1}^{n} "
        r"\exp \alpha f_r(\mathbf{h}'_i, \mathbf{t}'_i)}"
    )
    got = dx.evaluate(
        latex, {"f_r": f, "alpha": alpha}, r"f_r: vector[n]; \alpha: scalar, positive; i, j: index"
    )
    np.testing.assert_allclose(
        np.ravel(got), np.exp(alpha * f) / np.exp(alpha * f).sum(), rtol=1e-12
    )
    # two different samples' indices pick two axes, which a vector has not: refused
    with pytest.raises(ParseError):
        dx.parse(r"f_r(\mathbf{h}'_j, \mathbf{t}'_i)", r"f_r: vector[n]; i, j: index")


def test_the_ith_sample_of_a_declared_vector_with_a_subscript():
    # LwF's distillation loss (Li and Hoiem 2017): y_o^{(i)} the i-th recorded probability
    yo, yh, t = RNG.dirichlet(np.ones(4)), RNG.dirichlet(np.ones(4)), 2.0
    latex = (
        r"-\sum_{i=1}^{l} \frac{(y_o^{(i)})^{1/T}}{\sum_j (y_o^{(j)})^{1/T}} \log "
        r"\frac{(\hat{y}_o^{(i)})^{1/T}}{\sum_j (\hat{y}_o^{(j)})^{1/T}}"
    )
    table = r"y_o, \hat{y}_o: simplex[l]; T: scalar, positive; i, j: index"
    a, b = yo ** (1 / t) / np.sum(yo ** (1 / t)), yh ** (1 / t) / np.sum(yh ** (1 / t))
    got = dx.evaluate(latex, {"y_o": yo, "y_hat_o": yh, "T": t}, table)
    assert float(got) == pytest.approx(-np.sum(a * np.log(b)), rel=1e-12)
    # of a declared matrix there is no such sample: a name of its own, refused as no input
    with pytest.raises(DerivaxError):
        dx.evaluate(r"\sum_{i=1}^{m} W_o^{(i)}", {"W_o": np.eye(2)}, "W_o: matrix[m, m]; i: index")
