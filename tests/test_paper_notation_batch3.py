r"""Notation of the third fresh corpus read as papers mean it, each as a family checked against
NumPy written from the definition: the nearest whole number (``\lfloor x \rceil``,
``\operatorname{round}``; ties to even, as NumPy, JAX and mpmath round) and a clamp with its
bounds after a semicolon, of an array; a positive part ``[\dots]_+`` as the summand of a sum
with limits; the pairs ``\sum_{i \ne j}`` under a definition whose left side carries neither
index, where an entry holds both (``T_{ij} V_i V_j``; in separate entries only, ``j`` may be a
fixed label and the sum stays refused); a function's parenthesized arguments as one factor after
a slash (``g / \max(1, \|g\|/C)``); and the rest of the third and fourth corpora's readings
below. A step function is refused by ``grad`` with what to write (it raised SymPy's "Can't
calculate derivative wrt 0.1257")."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(11)


@pytest.mark.parametrize(
    "latex",
    [
        r"\lfloor x \rceil",
        r"\left\lfloor x \right\rceil",
        r"\lceil x \rfloor",
        r"\operatorname{round}(x)",
        r"\mathrm{round}\left(x\right)",
    ],
)
@pytest.mark.parametrize("x", [2.5, 3.5, -2.5, -1.6, 0.49, 7.0, -0.5])
def test_the_nearest_whole_number_ties_to_even(latex, x):
    assert float(dx.evaluate(latex, {"x": x})) == np.round(x)
    assert float(dx.compile(latex)(x=x)) == np.round(x)


def test_a_quantizer_with_a_clamp_of_an_array():
    latex = (
        r"s \left( \operatorname{clamp}\left( \left\lfloor \frac{x}{s} \right\rceil + z ; 0, "
        r"2^b - 1 \right) - z \right)"
    )
    table = "x: vector[n]; s: scalar, positive; z: scalar, integer; b: scalar, integer, positive"
    x = RNG.normal(size=7) * 3
    for s, z, b in [(0.5, 1, 3), (0.25, 0, 2), (1.0, 3, 4)]:
        want = s * (np.clip(np.round(x / s) + z, 0, 2**b - 1) - z)
        got = dx.evaluate(latex, {"x": x, "s": s, "z": z, "b": b}, table)
        np.testing.assert_allclose(got, want, rtol=1e-14)


def test_a_clamp_with_array_bounds_is_refused_naming_the_entry_form():
    with pytest.raises(dx.ParseError, match="entry by entry"):
        dx.parse(r"\operatorname{clip}(x, a, b)", "x, a, b: vector[n]")


@pytest.mark.parametrize(
    "latex",
    [r"\lfloor x \rfloor + x^2", r"\operatorname{round}(x) x", r"\lceil x^2 \rceil"],
)
def test_a_step_function_is_not_differentiated_and_the_refusal_says_why(latex):
    with pytest.raises(dx.DerivationError, match="step function") as e:
        dx.grad(latex, "x")
    assert "a bug" not in str(e.value)


@pytest.mark.parametrize("sub", ["_{j=1}^{p}", "_{j=1}^p", "_j^p", "_{j = 1}^{p}"], ids=lambda s: s)
@pytest.mark.parametrize("bracket", [("[", "]"), (r"\left[", r"\right]"), (r"\left(", r"\right)")])
def test_a_positive_part_as_the_summand_of_a_sum(sub, bracket):
    a = RNG.normal(size=5) * 2
    latex = rf"\sum{sub} {bracket[0]}1 - a_j{bracket[1]}_+"
    got = dx.evaluate(latex, {"a": a}, "a: vector[p]; j: index")
    assert float(got) == pytest.approx(np.maximum(0, 1 - a).sum(), rel=1e-14)


def test_the_lmnn_hinge_of_two_norms_under_two_sums():
    table = (
        "x: vector[d]; L: matrix[d, d]; U: matrix[p, d]; u_j: row[U]; V: matrix[q, d]; "
        "v_l: row[V]; mu: scalar, positive; j, l: index"
    )
    latex = (
        r"\sum_{j=1}^{p} \|L(x - u_j)\|_2^2 + \mu \sum_{j=1}^{p} \sum_{l=1}^{q} "
        r"\left[1 + \|L(x - u_j)\|_2^2 - \|L(x - v_l)\|_2^2\right]_{+}"
    )
    x, L = RNG.normal(size=3), RNG.normal(size=(3, 3))
    U, V = RNG.normal(size=(2, 3)), RNG.normal(size=(4, 3)) * 0.3
    pull = sum(np.sum((L @ (x - u)) ** 2) for u in U)
    push = sum(
        max(0.0, 1 + np.sum((L @ (x - u)) ** 2) - np.sum((L @ (x - v)) ** 2)) for u in U for v in V
    )
    got = dx.evaluate(latex, {"x": x, "L": L, "U": U, "V": V, "mu": 0.7}, table)
    assert float(got) == pytest.approx(pull + 0.7 * push, rel=1e-12)


@pytest.mark.parametrize(
    "latex, numpy",
    [
        (
            r"E = -\frac{1}{2} \sum_{i \neq j} T_{ij} V_i V_j",
            lambda T, V: -0.5 * (V @ T @ V - np.sum(np.diag(T) * V**2)),
        ),
        (
            r"Q = \sum_{j \ne i} T_{ij}^2",
            lambda T, V: np.sum(T**2) - np.sum(np.diag(T) ** 2),
        ),
    ],
)
def test_pairs_under_a_definition_whose_left_side_carries_no_index(latex, numpy):
    table = "T: symmetric[n]; V: vector[n]; i, j: index"
    A = RNG.normal(size=(4, 4))
    T, V = (A + A.T) / 2, RNG.normal(size=4)
    values = {k: v for k, v in {"T": T, "V": V}.items() if f"{k}_" in latex}
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(numpy(T, V))


@pytest.mark.parametrize(
    "latex",
    [
        r"-\frac{1}{2} \sum_{i \neq j} T_{ij} V_i V_j",  # no left side
        r"E = \sum_{i \ne j} V_i V_j",  # separate entries only: j may be a fixed label
    ],
)
def test_pairs_that_may_be_a_fixed_label_stay_refused_naming_both_readings(latex):
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(latex, "T: symmetric[n]; V: vector[n]; i, j: index")


@pytest.mark.parametrize(
    "latex",
    [
        r"g / \max\left(1, \frac{\|g\|_2}{C}\right)",
        r"g / \max(1, \|g\|_2 / C)",
        r"g / \max\left(1, \|g\|_2 / C\right)",
    ],
)
def test_a_call_after_a_slash_is_one_factor(latex):
    g = RNG.normal(size=4) * 3
    want = g / max(1, np.linalg.norm(g) / 2.0)
    got = dx.evaluate(latex, {"g": g, "C": 2.0}, "g: vector[d]; C: scalar, positive")
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_a_product_after_a_call_after_a_slash_stays_refused():
    with pytest.raises(dx.ParseError, match="read two ways"):
        dx.parse(r"x / \exp(x) y", "x, y: scalar")


LABELS = r"Q, P: matrix[N, K]; \hat{q}, q: labels[N, K]; mu, B: scalar, integer, positive; tau: scalar, unit; b, k: index"


@pytest.mark.parametrize("name", [r"\hat{q}", "q"])
@pytest.mark.parametrize("comma", ["", ", "])
def test_a_row_index_then_a_label_with_or_without_a_comma(name, comma):
    """``P_{b \\hat{q}_b}`` (FixMatch) was read as a name of its own, ``P_{b q_b}`` as a label
    named ``bq_b``: both are entry (b, q_b) of P."""
    Q = RNG.dirichlet(np.ones(3), size=6)
    P = RNG.dirichlet(np.ones(3), size=6)
    q = Q.argmax(1) + 1
    latex = (
        rf"\frac{{1}}{{\mu B}} \sum_{{b=1}}^{{\mu B}} \mathbb{{1}}\left(\max_{{k}} Q_{{bk}} \ge \tau\right)"
        rf" \left(-\log P_{{b{comma} {name}_b}}\right)"
    )
    want = np.mean([(Q[b].max() >= 0.5) * -np.log(P[b, q[b] - 1]) for b in range(6)])
    got = dx.evaluate(latex, {"Q": Q, "P": P, name: q, "mu": 2, "B": 3, "tau": 0.5}, LABELS)
    assert np.shape(got) == () and float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    "latex, numpy",
    [
        (r"\sum_{b=1}^{\mu B} \max_{k} Q_{bk}", lambda Q: Q.max(1).sum()),
        (r"\sum_{b=1}^{\mu B} \min_{k} Q_{bk}", lambda Q: Q.min(1).sum()),
        (r"\prod_{b=1}^{\mu B} \max_{k} Q_{bk}", lambda Q: Q.max(1).prod()),
    ],
)
def test_an_extremum_inside_a_sum_whose_bound_is_an_input_is_one_number(latex, numpy):
    """The index of ``\\max_k`` was taken for an output axis where the bound of the outer sum
    is an input's value: three copies of the sum came back."""
    Q = RNG.normal(size=(6, 3))
    got = dx.evaluate(latex, {"Q": Q, "mu": 2, "B": 3}, LABELS)
    assert np.shape(got) == () and float(got) == pytest.approx(numpy(Q), rel=1e-12)


CENTER = (
    r"X: matrix[m, d]; x_i: row[X]; W: matrix[d, n]; b: vector[n]; c: matrix[n, d]; "
    r"y: labels[m, n]; lambda: scalar, positive; i, j: index"
)


def test_a_label_picks_the_column_when_only_the_second_axis_holds_the_classes():
    """Softmax loss plus center loss: ``W_{y_i}`` with ``W: matrix[d, n]`` (one column per
    class, as the paper writes it) was refused as a row of the wrong size."""
    latex = (
        r"-\sum_{i=1}^{m} \log \frac{e^{W_{y_i}^\top x_i + b_{y_i}}}{\sum_{j=1}^{n} "
        r"e^{W_j^\top x_i + b_j}} + \frac{\lambda}{2} \sum_{i=1}^{m} \left\| x_i - c_{y_i} "
        r"\right\|_2^2"
    )
    m, d, n = 4, 3, 5
    X, W = RNG.normal(size=(m, d)), RNG.normal(size=(d, n))
    b, c = RNG.normal(size=n), RNG.normal(size=(n, d))
    y = RNG.integers(1, n + 1, m)
    logits = X @ W + b
    want = -sum(logits[i, y[i] - 1] - np.log(np.exp(logits[i]).sum()) for i in range(m))
    want += 0.35 * sum(np.sum((X[i] - c[y[i] - 1]) ** 2) for i in range(m))
    got = dx.evaluate(latex, {"X": X, "W": W, "b": b, "c": c, "y": y, "lambda": 0.7}, CENTER)
    assert float(got) == pytest.approx(want, rel=1e-12)


def test_a_label_pick_of_a_square_matrix_is_refused_naming_row_and_column():
    with pytest.raises(dx.ParseError, match="row or a column"):
        dx.parse(r"A_{y_i}^\top x", "A: matrix[n, n]; x: vector[n]; y: labels[m, n]; i: index")


@pytest.mark.parametrize(
    "latex, numpy",
    [
        (r"\sum_{i \in [n]} x_i", lambda x: x.sum()),
        (r"\sum_{i \in \{1, \dots, n\}} x_i", lambda x: x.sum()),
        (r"\sum_{i \in \{1, \ldots, n\}} i x_i", lambda x: (np.arange(1, 5) * x).sum()),
        (r"\sum_{i \in \{2, 3\}} x_i", lambda x: x[1:3].sum()),
        (r"\sum_{c \in \{0, 1\}} c", lambda x: 1.0),
        (r"\sum_{c \in \{0, 1, 2\}} c^2", lambda x: 5.0),
        (r"\max_{i \in [n]} x_i", lambda x: x.max()),
        (r"\min_{k \in \{1, \dots, n\}} x_k", lambda x: x.min()),
        (r"\max_{c \in \{0, 1\}} (c - 0.7)^2", lambda x: 0.49),
    ],
)
def test_a_set_written_as_a_range_is_that_range(latex, numpy):
    """``\\sum_{c \\in \\{0, 1\\}} c`` ran c over 1..|{0, 1}| (a size named by the set), which
    a value of 2 made 3; ``\\max`` over such a set was refused."""
    x = np.array([0.5, -2.0, 3.0, 1.25])
    got = dx.evaluate(
        latex, {"x": x} if "x_i" in latex or "x_k" in latex else {}, "x: vector[n]; i, k: index"
    )
    assert float(got) == pytest.approx(numpy(x), rel=1e-12)


def test_a_set_of_whole_numbers_with_a_gap_is_refused():
    with pytest.raises(dx.ParseError, match="with a gap"):
        dx.parse(r"\sum_{i \in \{1, 3\}} x_i", "x: vector[n]; i: index")


def test_equalized_odds_gap_over_both_classes():
    latex = (
        r"\max_{c \in \{0, 1\}} \left| \frac{\sum_{i=1}^{n} \hat{y}_i \mathbb{1}[y_i = c] a_i}"
        r"{\sum_{i=1}^{n} \mathbb{1}[y_i = c] a_i} - \frac{\sum_{i=1}^{n} \hat{y}_i \mathbb{1}"
        r"[y_i = c] (1 - a_i)}{\sum_{i=1}^{n} \mathbb{1}[y_i = c] (1 - a_i)} \right|"
    )
    yh = np.array([1.0, 0, 1, 1, 0, 1, 0, 0])
    y = np.array([1.0, 1, 0, 1, 0, 0, 1, 0])
    a = np.array([1.0, 0, 1, 0, 1, 0, 1, 0])

    def rate(c, group):
        m = (y == c) & (a == group)
        return yh[m].sum() / m.sum()

    want = max(abs(rate(c, 1) - rate(c, 0)) for c in (0, 1))
    got = dx.evaluate(
        latex, {r"\hat{y}": yh, "y": y, "a": a}, r"\hat{y}, y, a: vector[n]; i: index"
    )
    assert float(got) == pytest.approx(want, rel=1e-12)


def test_an_arg_max_over_an_index_is_refused_saying_what_to_write():
    with pytest.raises(dx.ParseError, match=r"position of the largest entry") as e:
        dx.parse(
            r"(1 - \epsilon) \mathbb{1}\left[i = \arg\max_{j} \hat{\mu}_j\right] + \frac{\epsilon}{K}",
            r"\hat{\mu}: vector[K]; epsilon: scalar, unit; i, j: index; K: dim",
        )
    assert "a bug" not in str(e.value)


@pytest.mark.parametrize(
    "latex, numpy",
    [
        (
            r"\max_{c=0}^{1} \sum_{i=1}^{n} \mathbb{1}[y_i = c] a_i",
            lambda y, a: max(a[y == c].sum() for c in (0, 1)),
        ),
        (
            r"\min_{c=0}^{1} \sum_{i=1}^{n} \mathbb{1}[y_i = c] a_i",
            lambda y, a: min(a[y == c].sum() for c in (0, 1)),
        ),
        (
            r"\max_{c=0}^{1} \prod_{i=1}^{n} \left(1 + \mathbb{1}[y_i = c] a_i\right)",
            lambda y, a: max(np.prod(1 + (y == c) * a) for c in (0, 1)),
        ),
    ],
)
def test_an_indicator_stays_in_its_sum_under_a_maximum(latex, numpy):
    """SymPy folded the indicator's Piecewise out of the sum around it when the maximum was
    built, leaving the sum's index free (an error, or a wrong value where it had one)."""
    y = np.array([1.0, 0, 1, 1, 0])
    a = np.array([1.0, 2, 3, -0.5, 4])
    got = dx.evaluate(latex, {"y": y, "a": a}, "y, a: vector[n]; i: index")
    assert float(got) == pytest.approx(numpy(y, a), rel=1e-12)


def test_a_primed_index_beside_another_in_one_subscript():
    """Doubly robust off-policy value: ``\\Pi_{i a'}`` under ``\\sum_{a'}`` (it was read as one
    index of a matrix)."""
    table = (
        r"\Pi, \hat{R}: matrix[n, K]; a: labels[n, K]; mu: vector[n], positive; r: vector[n]; "
        r"i, a': index"
    )
    latex = (
        r"\frac{1}{n} \sum_{i=1}^{n} \left[ \sum_{a'=1}^{K} \Pi_{i a'} \hat{R}_{i a'} + "
        r"\frac{\Pi_{i a_i}}{\mu_i} \left(r_i - \hat{R}_{i a_i}\right) \right]"
    )
    n, K = 5, 3
    Pi, R = RNG.dirichlet(np.ones(K), size=n), RNG.normal(size=(n, K))
    a, mu, r = RNG.integers(1, K + 1, n), RNG.uniform(0.2, 1, n), RNG.normal(size=n)
    want = np.mean(
        [(Pi[i] * R[i]).sum() + Pi[i, a[i] - 1] / mu[i] * (r[i] - R[i, a[i] - 1]) for i in range(n)]
    )
    got = dx.evaluate(latex, {r"\Pi": Pi, r"\hat{R}": R, "a": a, "mu": mu, "r": r}, table)
    assert float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("latex", [r"\log^+ x", r"\log^{+}(x)", r"\log^{+}\left(x\right)"])
@pytest.mark.parametrize("x", [0.25, 1.0, 7.5])
def test_the_positive_part_of_the_logarithm(latex, x):
    assert float(dx.evaluate(latex, {"x": x})) == pytest.approx(max(0.0, np.log(x)), abs=1e-15)


def test_a_function_defined_on_the_left_beside_a_size_of_its_letter():
    """``d_M(x, y) = ...`` with ``d`` the vectors' size: the distance the formula defines (it
    was read as the size's name times a pair)."""
    table = "x, y: vector[d]; M: spd[d]"
    latex = r"d_M(x, y) = \sqrt{(x - y)^\top M (x - y)}"
    x, y = RNG.normal(size=3), RNG.normal(size=3)
    A = RNG.normal(size=(3, 3))
    M = A @ A.T + np.eye(3)
    want = np.sqrt((x - y) @ M @ (x - y))
    assert float(dx.evaluate(latex, {"x": x, "y": y, "M": M}, table)) == pytest.approx(want)
    g = dx.derive(latex, "x", table)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(g, {"x": x, "y": y, "M": M})), M @ (x - y) / want, rtol=1e-12
    )


@pytest.mark.parametrize(
    "latex, numpy",
    [
        (r"\sum_{i : y_i = 1} x_i", lambda x, y: x[y == 1].sum()),
        (r"\sum_{i \colon x_i > 0} x_i^2", lambda x, y: (x[x > 0] ** 2).sum()),
        (r"\sum_{i : x_i \le 0} \frac{1}{x_i}", lambda x, y: (1 / x[x <= 0]).sum()),
        (r"\prod_{i : x_i > 0} x_i", lambda x, y: x[x > 0].prod()),
        (r"\sum_{i : y_i = 0} \log x_i^2", lambda x, y: np.log(x[y == 0] ** 2).sum()),
    ],
)
def test_a_sum_over_the_indices_where_a_condition_holds(latex, numpy):
    """``\\sum_{i : \\mu_i < \\mu^*}`` (UCB1's regret bound) was refused; its terms elsewhere are
    never evaluated (1 / x_i at x_i = 0 below is no NaN)."""
    x = np.array([1.5, -2.0, 3.0, 0.0, -0.5])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    values = {"x": x, "y": y} if "y_i" in latex else {"x": x}
    got = dx.evaluate(latex, values, "x, y: vector[n]; i: index")
    assert float(got) == pytest.approx(numpy(x, y), rel=1e-12)


def test_the_ucb1_regret_bound():
    table = r"mu, Delta: vector[K]; \mu^*: scalar; n: scalar, positive; i, j: index"
    latex = (
        r"8 \sum_{i : \mu_i < \mu^*} \frac{\ln n}{\Delta_i} + \left(1 + \frac{\pi^2}{3}\right) "
        r"\sum_{j=1}^{K} \Delta_j"
    )
    mu = np.array([0.2, 0.5, 0.9, 0.4])
    D = 0.9 - mu
    want = (
        8 * sum(np.log(1000) / D[i] for i in range(4) if mu[i] < 0.9) + (1 + np.pi**2 / 3) * D.sum()
    )
    got = dx.evaluate(latex, {"mu": mu, "Delta": D, r"\mu^*": 0.9, "n": 1000.0}, table)
    assert float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    "latex, want",
    [
        (r"\left[x^2\right]_{x=3}", 9.0),
        (r"[x^2 + 1]_{x = 2}", 5.0),
        (r"\left[\frac{d}{dx} x^3\right]_{x=2}", 12.0),
    ],
)
def test_a_bracket_with_a_point_as_its_subscript_is_evaluated_there(latex, want):
    assert float(dx.evaluate(latex, {})) == pytest.approx(want)


def test_friedmans_pseudo_residual():
    latex = (
        r"-\left[\frac{\partial}{\partial F} \log\left(1 + e^{-2 y F}\right)\right]_{F = F_{m-1}}"
    )
    for y, f in [(1.0, 0.3), (-1.0, 0.8), (1.0, -2.0)]:
        want = 2 * y / (1 + np.exp(2 * y * f))
        got = dx.evaluate(latex, {"y": y, "F_{m-1}": f}, "y, F, F_{m-1}: scalar")
        assert float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    "latex, table, values, want",
    [
        (
            r"\Pr(X = k) = \binom{k + r - 1}{k} (1 - p)^{r} p^{k}",
            "k, r: scalar, integer, positive; p: scalar, unit",
            {"k": 3, "r": 2, "p": 0.3},
            4 * 0.7**2 * 0.3**3,
        ),
        (
            r"P(X = x) = \frac{\theta (\theta + \lambda x)^{x - 1} e^{-\theta - \lambda x}}{x!}",
            "x: scalar, integer; theta: scalar, positive; lambda: scalar",
            {"x": 2, "theta": 1.5, "lambda": 0.2},
            1.5 * 1.9 * np.exp(-1.9) / 2,
        ),
        (
            r"\Pr(y = 0) = \pi + (1 - \pi) \left( \frac{r}{r + \mu} \right)^{r}",
            r"\pi: scalar, unit; r, \mu: scalar, positive",
            {r"\pi": 0.2, "r": 2.0, r"\mu": 3.0},
            0.2 + 0.8 * 0.4**2,
        ),
    ],
)
def test_the_probability_of_an_event_defined_on_the_left(latex, table, values, want):
    """``\\Pr(X = k) = \\dots`` and ``P(X = x) = \\dots`` (count models' mass functions): the
    event's probability the formula defines; ``\\Pr`` was an unknown command and ``P(X = x)`` a
    product with an ``=`` inside."""
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-12)


def test_a_logarithm_without_parentheses_stops_at_a_closing_brace_bracket():
    """``\\left\\{ \\dots + y_i \\ln \\mu_i \\right\\}`` (a negative binomial log-likelihood):
    the logarithm's operand ran into the closing ``\\right\\}``."""
    from scipy.special import gammaln

    latex = (
        r"\sum_{i=1}^{n} \left\{ \ln \left( \frac{\Gamma(y_i + \alpha^{-1})}{\Gamma(\alpha^{-1}) "
        r"\Gamma(y_i + 1)} \right) - (y_i + \alpha^{-1}) \ln(1 + \alpha \mu_i) + y_i \ln \alpha "
        r"+ y_i \ln \mu_i \right\}"
    )
    y, mu, a = np.array([0.0, 2, 5]), np.array([1.0, 2.5, 4]), 0.7
    want = np.sum(
        gammaln(y + 1 / a)
        - gammaln(1 / a)
        - gammaln(y + 1)
        - (y + 1 / a) * np.log(1 + a * mu)
        + y * np.log(a)
        + y * np.log(mu)
    )
    table = "y: vector[n]; i: index; alpha: scalar, positive; mu: vector[n], positive"
    got = dx.evaluate(latex, {"y": y, "alpha": a, "mu": mu}, table)
    assert float(got) == pytest.approx(want, rel=1e-12)


def test_a_derivative_through_an_infinite_series_is_refused_not_expanded():
    """The cross-check's 50-digit evaluation handed the Conway-Maxwell-Poisson normalizer
    ``\\sum_{j=0}^\\infty \\lambda^j / (j!)^\\nu`` with numbers in it to SymPy's summation,
    which took 24 GB before the kernel killed the process; it refuses a series now."""
    latex = (
        r"P(Y = y) = \frac{\lambda^{y}}{(y!)^{\nu}} \frac{1}{\sum_{j=0}^{\infty} "
        r"\frac{\lambda^{j}}{(j!)^{\nu}}}"
    )
    table = "y: scalar, integer, nonnegative; lambda, nu: scalar, positive; j: index"
    with pytest.raises(dx.DerivationError, match="infinite sum"):
        dx.derive(latex, "lambda", table)


@pytest.mark.parametrize(
    "latex",
    [
        r"\operatorname{sign}(z) \left(|z| - \lambda\right)_{+}",
        r"\operatorname{sign}(z)(|z| - \lambda)_+",
        r"\operatorname{sign}(z) \left[|z| - \lambda\right]_+",
    ],
)
@pytest.mark.parametrize("z", [-2.5, -0.3, 0.0, 0.7, 4.0])
def test_soft_thresholding_a_positive_part_after_a_call(latex, z):
    """glmnet's coordinate update: ``(\\dots)_+`` right after ``\\operatorname{sign}(z)`` was taken
    for the call's argument list, its subscript for an entry (refused)."""
    got = dx.evaluate(latex, {"z": z, "lambda": 1.0}, "z: scalar; lambda: scalar, positive")
    assert float(got) == pytest.approx(np.sign(z) * max(0.0, abs(z) - 1.0), abs=1e-15)
