"""Notation of fresh paper formulas (issue 25): ``\\operatorname{clip}`` (PPO), index offsets
(``x_{t+\\tau}``, ``x_{t-k}``), indicators of comparisons inside sums. Every expected value is
NumPy written from the paper's definition, never through derivax. Float64 (conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

# -- clip --------------------------------------------------------------------------------------

PPO = (
    r"\frac{1}{T} \sum_{t=1}^{T} \min\left(\rho_t \hat{A}_t, "
    r"\operatorname{clip}(\rho_t, 1 - \epsilon, 1 + \epsilon) \hat{A}_t\right)"
)
PPO_SYMBOLS = r"\rho, \hat{A}: vector[T]; \epsilon: scalar, positive; t: index"


def _ppo(rho, adv, eps):
    return np.mean(np.minimum(rho * adv, np.clip(rho, 1 - eps, 1 + eps) * adv))


def _ppo_grad(rho, adv, eps):
    """d/d rho_t of the PPO objective from the definition, away from ties: A_t / T where the
    unclipped term is the smaller one or the ratio is inside the clip range, else 0."""
    clipped = np.clip(rho, 1 - eps, 1 + eps)
    unclipped_wins = rho * adv < clipped * adv
    inside = (rho > 1 - eps) & (rho < 1 + eps)
    return np.where(unclipped_wins | inside, adv, 0.0) / len(rho)


@pytest.mark.parametrize(
    "rho, adv",
    [
        ([0.5, 0.95, 1.1, 1.6], [1.0, -2.0, 0.5, 3.0]),  # below, inside, inside, above
        ([1.7, 0.3, 1.05, 0.6], [-1.0, -0.5, 2.0, 1.5]),  # negative advantages keep the far side
        ([1.4], [2.0]),  # T = 1
    ],
)
def test_ppo_clipped_objective_and_its_gradient_match_numpy(rho, adv):
    rho, adv = np.array(rho), np.array(adv)
    values = {"rho": rho, "A_hat": adv, "epsilon": 0.2}
    got = dx.evaluate(PPO, values, PPO_SYMBOLS)
    assert float(got) == pytest.approx(_ppo(rho, adv, 0.2), rel=1e-12)
    grad = dx.grad(PPO, "rho", PPO_SYMBOLS)
    assert np.allclose(
        np.ravel(dx.evaluate(grad, values, PPO_SYMBOLS)), _ppo_grad(rho, adv, 0.2), atol=1e-12
    )


@pytest.mark.parametrize(
    "x, a, b, want, dx_, da, db",
    [
        (-3.0, -1.0, 2.0, -1.0, 0.0, 1.0, 0.0),  # below: the lower bound, its derivative 1
        (0.5, -1.0, 2.0, 0.5, 1.0, 0.0, 0.0),  # inside: x itself
        (5.0, -1.0, 2.0, 2.0, 0.0, 0.0, 1.0),  # above: the upper bound
        (2.0, -1.0, 2.0, 2.0, 0.5, 0.0, 0.5),  # at the upper bound: each side 1/2, as jax.grad
    ],
)
def test_clip_value_and_partial_derivatives(x, a, b, want, dx_, da, db):
    latex, values = r"\operatorname{clip}(x, a, b)", {"x": x, "a": a, "b": b}
    assert float(dx.evaluate(latex, values)) == want == float(np.clip(x, a, b))
    for name, expect in (("x", dx_), ("a", da), ("b", db)):
        g = dx.grad(latex, name)
        held = {s.name for s in g.free_symbols}  # evaluate refuses an input the gradient lacks
        assert float(dx.evaluate(g, {k: v for k, v in values.items() if k in held})) == expect
    import jax

    jax_grads = jax.grad(dx.compile(latex, args=["x", "a", "b"]), argnums=(0, 1, 2))(x, a, b)
    assert [float(g) for g in jax_grads] == [dx_, da, db]


def test_clip_renders_and_reads_back():
    e = dx.parse(r"\operatorname{clip}(V - V_{\mathrm{old}}, -\epsilon, \epsilon)")
    assert r"\operatorname{clip}" in dx.to_latex(e)
    assert dx.parse(dx.to_latex(e)) == e


def test_clip_with_two_arguments_is_refused_naming_three():
    with pytest.raises(dx.ParseError, match=r"`clip` takes 3 arguments, got 2"):
        dx.parse(r"\operatorname{clip}(x, 1)")


# -- index offsets by an integer scalar ---------------------------------------------------------
# Rule: in a subscript that holds an index, a scalar declared `integer` shifts it by its value
# (x_{t+\tau}, x_{t-k}); indices run from 1 to the length, and an entry outside that range is an
# error naming the array, never 0 and never a wraparound. An empty range (upper bound below the
# lower) sums to 0.

X = np.array([0.5, -1.0, 2.0, 0.3, -0.7, 1.2])
ACF = r"R_{xx}(\tau) = \sum_{t=1}^{N-\tau} x_t x_{t+\tau}"
ACF_SYMBOLS = "x: vector[N]; tau: scalar, integer, positive; t: index"


def _acf(x, tau):
    return sum(x[t] * x[t + tau] for t in range(len(x) - tau))  # 0-based, empty when tau >= N


@pytest.mark.parametrize("tau", [1, 2, 5, 6])  # 5: one term (the range's end); 6: empty range
def test_autocorrelation_at_a_lag(tau):
    got = dx.evaluate(ACF, {"x": X, "tau": tau}, ACF_SYMBOLS)
    assert float(got) == pytest.approx(_acf(X, tau), rel=1e-12, abs=1e-15)


def test_autocorrelation_of_one_sample_is_an_empty_sum():
    assert float(dx.evaluate(ACF, {"x": [3.0], "tau": 1}, ACF_SYMBOLS)) == 0.0


def test_autocorrelation_gradient_is_right_or_refused_never_short():
    """d/dx_j sum_t x_t x_{t+tau} = x_{j+tau} + x_{j-tau} where they exist, for every j of x. The
    symbolic gradient reads x only shifted (x_{k+tau}), so its range cannot be read off it: its
    evaluation is refused (it once returned the first N - tau entries); jax.grad of the compiled
    expression gives all N."""
    import jax

    tau = 2
    want = np.zeros_like(X)
    for j in range(len(X)):
        want[j] = (X[j + tau] if j + tau < len(X) else 0.0) + (X[j - tau] if j >= tau else 0.0)
    g = dx.grad(ACF, "x", ACF_SYMBOLS)
    with pytest.raises(dx.ShapeError, match=r"cannot tell the range of the free index `k`"):
        dx.evaluate(g, {"x": X, "tau": tau}, ACF_SYMBOLS)
    f = dx.compile(r"\sum_{t=1}^{N-2} x_t x_{t+2}", symbols="x: vector[N]; t: index")
    assert np.allclose(jax.grad(f)(X), want)


def test_an_offset_past_the_end_is_an_error_naming_the_array():
    with pytest.raises(dx.ShapeError, match=r"index 7 of `x\[\\tau \+ t\]` is outside 1\.\.6"):
        dx.evaluate(r"\sum_{t=1}^{N} x_t x_{t+\tau}", {"x": X, "tau": 1}, ACF_SYMBOLS)


MA = r"y_t = \frac{1}{M} \sum_{k=0}^{M-1} x_{t-k}"
MA_SYMBOLS = "x: vector[N]; t, M: scalar, integer, positive; k: index"


@pytest.mark.parametrize("t, m", [(5, 3), (3, 3), (6, 1), (6, 6)])
def test_causal_moving_average(t, m):
    want = np.mean(X[t - m : t])  # x_{t-M+1} .. x_t, 1-based
    assert float(dx.evaluate(MA, {"x": X, "t": t, "M": m}, MA_SYMBOLS)) == pytest.approx(want)


def test_a_moving_average_before_the_first_entry_is_an_error_naming_it():
    with pytest.raises(dx.ShapeError, match=r"index 0 of `x\[-k \+ t\]` is outside 1\.\.6"):
        dx.evaluate(MA, {"x": X, "t": 2, "M": 3}, MA_SYMBOLS)


EMA = r"s_t = \sum_{k=0}^{t-1} \alpha (1 - \alpha)^k x_{t-k}"
EMA_SYMBOLS = "x: vector[N]; t: scalar, integer, positive; alpha: scalar, unit; k: index"


@pytest.mark.parametrize("t", [1, 4, 6])
def test_unrolled_exponential_moving_average_and_its_gradient(t):
    a = 0.3
    weights = a * (1 - a) ** np.arange(t)  # on x_t, x_{t-1}, ..., x_1
    values = {"x": X, "t": t, "alpha": a}
    got = dx.evaluate(EMA, values, EMA_SYMBOLS)
    assert float(got) == pytest.approx(weights @ X[t - 1 :: -1][:t], rel=1e-12)
    k = np.arange(t)  # d/d alpha of alpha (1 - alpha)^k
    dweights = (1 - a) ** k - a * k * (1 - a) ** np.maximum(k - 1, 0)
    g = dx.grad(EMA, "alpha", EMA_SYMBOLS)
    assert float(dx.evaluate(g, values, EMA_SYMBOLS)) == pytest.approx(
        dweights @ X[t - 1 :: -1][:t], rel=1e-9
    )


def test_cross_correlation_at_a_lag():
    y = np.array([1.0, 0.2, -0.4, 0.9, 0.0, -1.1])
    symbols = "x, y: vector[N]; ell: scalar, integer, positive; n: index"
    for lag in (1, 3):
        got = dx.evaluate(
            r"\sum_{n=1}^{N-\ell} x_n y_{n+\ell}", {"x": X, "y": y, "ell": lag}, symbols
        )
        assert float(got) == pytest.approx(np.dot(X[: len(X) - lag], y[lag:]), rel=1e-12)


def test_an_integer_scalar_alone_in_a_subscript_is_still_no_index():
    # x_\tau with no index beside it names a symbol of its own, as before
    e = dx.parse(r"x_{\tau}", "x: vector[N]; tau: scalar, integer")
    assert not e.atoms(__import__("sympy").Indexed)


# -- indicators of comparisons inside sums --------------------------------------------------------
# Rule: 1[a >= b] of real quantities is the step H(a - b) with H(0) = 1 (H(0) = 0 for a strict
# comparison), so it stays inside the sum it is written in (a Piecewise was lifted out of the
# inner sum of Cox's partial likelihood).

COX = (
    r"\ell(\beta) = \sum_{i=1}^{n} \delta_i \left( \beta x_i - \log \sum_{j=1}^{n} "
    r"\mathbb{1}[t_j \ge t_i] e^{\beta x_j} \right)"
)
COX_SYMBOLS = "x, t, delta: vector[n]; beta: scalar; i, j: index"


def _cox(x, t, delta, beta):
    risk = t[None, :] >= t[:, None]  # row i: the risk set {j : t_j >= t_i}, ties included
    denominators = (risk * np.exp(beta * x)[None, :]).sum(axis=1)
    return float(np.sum(delta * (beta * x - np.log(denominators))))


def _cox_grad(x, t, delta, beta):
    risk = t[None, :] >= t[:, None]
    w = risk * np.exp(beta * x)[None, :]
    return float(np.sum(delta * (x - (w @ x) / w.sum(axis=1))))


@pytest.mark.parametrize(
    "x, t, delta",
    [
        ([0.3, -1.2, 0.8, 0.1, 2.0], [2.0, 5.0, 1.0, 3.5, 4.0], [1, 0, 1, 1, 0]),
        ([0.3, -1.2, 0.8, 0.1], [2.0, 2.0, 1.0, 2.0], [1, 1, 0, 1]),  # tied times share a risk set
        ([0.7], [1.0], [1]),  # n = 1: the one subject is its own risk set, l = 0
    ],
)
def test_cox_partial_likelihood_and_its_gradient(x, t, delta):
    x, t, delta = (np.array(v, dtype=float) for v in (x, t, delta))
    values = {"x": x, "t": t, "delta": delta, "beta": 0.4}
    got = dx.evaluate(COX, values, COX_SYMBOLS)
    assert float(got) == pytest.approx(_cox(x, t, delta, 0.4), rel=1e-12, abs=1e-14)
    g = dx.grad(COX, "beta", COX_SYMBOLS)
    assert float(dx.evaluate(g, values, COX_SYMBOLS)) == pytest.approx(
        _cox_grad(x, t, delta, 0.4), rel=1e-9, abs=1e-12
    )


@pytest.mark.parametrize(
    "relation, numpy_relation",
    [
        (r"\ge", np.greater_equal),
        (">", np.greater),
        (r"\le", np.less_equal),
        ("<", np.less),
    ],
)
def test_an_indicator_of_a_comparison_counts_inside_a_sum(relation, numpy_relation):
    t = np.array([1.0, 3.0, 3.0, 0.5])
    symbols = "t: vector[n]; s: scalar; j: index"
    latex = rf"\sum_{{j=1}}^{{n}} \mathbb{{1}}[t_j {relation} s]"
    for s in (3.0, 0.0, 10.0):  # a tie, all, none
        got = dx.evaluate(latex, {"t": t, "s": s}, symbols)
        assert float(got) == float(np.sum(numpy_relation(t, s))), (relation, s)


# -- powers of a logarithm ------------------------------------------------------------------------
LOG_POWERS = [
    (r"\log^{k} x", None),
    (r"\log^{k}(x)", None),
    (r"\ln^{k} x", None),
    (r"\log^{k} (1 + x)", "shift"),
    (r"\log_2^{k} x", "base2"),
    (r"\log^{k}_2 x", "base2"),
]


@pytest.mark.parametrize("spelled, how", LOG_POWERS)
@pytest.mark.parametrize("k", [2, 3])
def test_a_power_written_on_the_logarithm_is_of_its_value(spelled, how, k):
    """``\\log^2 x`` is ``(\\log x)^2``, as ``\\sin^2 x``; mpmath at 30 digits."""
    import mpmath

    x = 3.7
    latex = spelled.replace("{k}", f"{{{k}}}") if k > 2 else spelled.replace("{k}", "2")
    arg = x + 1 if how == "shift" else x
    base = mpmath.log(2) if how == "base2" else 1
    want = float((mpmath.log(mpmath.mpf(arg)) / base) ** k)
    got = float(dx.evaluate(latex, {"x": x}, "x: scalar, positive"))
    assert got == pytest.approx(want, rel=1e-14)


def test_log_to_the_minus_one_is_refused_naming_both_readings():
    with pytest.raises(dx.ParseError, match=r"inverse function.*one over the logarithm"):
        dx.parse(r"\log^{-1} x", "x: scalar, positive")


# -- refusals that say what to write ----------------------------------------------------------------
@pytest.mark.parametrize("op", [r"\max", r"\min"])
@pytest.mark.parametrize("var, kind", [("x", "scalar"), ("w", "vector[n]")])
def test_an_extremum_over_a_real_variable_is_named_undecided(op, var, kind):
    from derivax.latex._undecided import UNDECIDED_KIND

    with pytest.raises(dx.ParseError, match="write the value it takes") as info:
        dx.parse(rf"{op}_{{{var}}} f({var})", f"{var}: {kind}; f: function")
    assert UNDECIDED_KIND in str(info.value)


@pytest.mark.parametrize("latex", [r"(A)^{+}", r"A^{+}", r"A^\dagger", r"x^+"])
def test_a_plus_superscript_names_both_readings(latex):
    with pytest.raises(dx.ParseError, match=r"positive part .* pseudo-inverse"):
        dx.parse(latex, "x, y, w: scalar; A: matrix[m, n]")


@pytest.mark.parametrize("latex", [r"[1 - y w]^+", r"(1 - y w)^{+}"])
def test_a_plus_above_a_bracket_of_a_scalar_is_its_positive_part(latex):
    # a scalar has no pseudo-inverse anyone writes this way; of a matrix it stays refused
    for y, w in [(0.5, 1.0), (2.0, 1.0)]:
        got = dx.evaluate(latex, {"y": y, "w": w}, "y, w: scalar")
        assert float(got) == max(0.0, 1 - y * w)


def test_a_declared_plus_name_is_a_name():
    e = dx.parse(r"q^\top k^+", "q, k^{+}: vector[n]")
    assert e == dx.parse(r"q^\top k^{+}", "q, k^{+}: vector[n]")


@pytest.mark.parametrize(
    "latex",
    [
        r"\mathbb{E}[X \mid Y]",
        r"E[X | Y]",
        r"\operatorname{Var}(X \mid Y)",
        r"\mathbb{E}[|X| \mid Y]",
    ],
)
def test_a_conditional_moment_is_refused_naming_the_sum_to_write(latex):
    with pytest.raises(dx.ParseError, match=r"conditional expectation.*P\(x \\mid y\)"):
        dx.parse(latex, "X, Y: random")


def test_a_conditional_density_inside_an_expectation_stays_read():
    e = dx.parse(r"\mathbb{E}_{z \sim q}[\log p(x \mid z)]", "x, z: scalar; p, q: function")
    assert e.has(__import__("sympy").Integral)


# -- entries of a bracket: [K^{-1} y]_i ------------------------------------------------------------
@pytest.mark.parametrize("open_, close", [("[", "]"), ("(", ")"), (r"\left[", r"\right]")])
def test_the_leave_one_out_mean_of_a_gaussian_process(open_, close):
    """Rasmussen and Williams (5.12): the LOO residual [K^{-1} y]_i / [K^{-1}]_{ii}; NumPy."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(4, 4))
    K, y = X @ X.T + 4 * np.eye(4), rng.normal(size=4)
    latex = rf"\frac{{{open_} K^{{-1}} y {close}_i}}{{{open_} K^{{-1}} {close}_{{ii}}}}"
    got = dx.evaluate(latex, {"K": K, "y": y}, "K: spd[n]; y: vector[n]; i: index")
    Kinv = np.linalg.inv(K)
    np.testing.assert_allclose(got, (Kinv @ y) / np.diag(Kinv), rtol=1e-10)


def test_a_square_bracket_positive_part_is_still_the_positive_part():
    assert float(dx.evaluate(r"[x]_+", {"x": -2.0}, "x: scalar")) == 0.0
    assert float(dx.evaluate(r"[x]_{+}", {"x": 3.0}, "x: scalar")) == 3.0


# -- a sum with no range over the rows of a declared family ------------------------------------------
def test_a_sum_over_a_row_family_runs_over_the_rows():
    """Hu, Koren and Volinsky's implicit ALS loss, ``\\sum_{u,i}`` with no bounds; NumPy."""
    rng = np.random.default_rng(9)
    r = np.where(rng.random((3, 4)) > 0.5, rng.integers(1, 4, (3, 4)), 0).astype(float)
    X, Y, alpha, lam = rng.normal(size=(3, 2)), rng.normal(size=(4, 2)), 2.0, 0.1
    latex = (
        r"\sum_{u,i} (1 + \alpha r_{ui}) \left(\mathbb{1}[r_{ui} > 0] - x_u^\top y_i\right)^2"
        r" + \lambda \left(\sum_u \|x_u\|^2 + \sum_i \|y_i\|^2\right)"
    )
    symbols = (
        "r: matrix[m, n]; X: matrix[m, f]; Y: matrix[n, f]; x_u: row[X]; y_i: row[Y]; "
        "alpha, lambda: scalar, positive; u, i: index"
    )
    got = float(
        dx.evaluate(latex, {"r": r, "X": X, "Y": Y, "alpha": alpha, "lambda": lam}, symbols)
    )
    want = np.sum((1 + alpha * r) * ((r > 0) - X @ Y.T) ** 2) + lam * (np.sum(X**2) + np.sum(Y**2))
    assert got == pytest.approx(want, rel=1e-12)


# -- a Kronecker delta with a declared integer scalar: label smoothing ------------------------------
@pytest.mark.parametrize("sub", ["k,y", "k y", "y,k", "yk"])
@pytest.mark.parametrize("y", [1, 3])
def test_label_smoothing_with_the_class_in_a_kronecker_delta(sub, y):
    """Szegedy et al. (2016): q_k = (1 - eps) delta_{k,y} + eps / K; NumPy."""
    p, eps = np.array([0.1, 0.2, 0.3, 0.4]), 0.1
    latex = rf"-\sum_{{k=1}}^{{K}} \left((1 - \epsilon) \delta_{{{sub}}} + \frac{{\epsilon}}{{K}}\right) \log p_k"
    symbols = "p: simplex[K]; epsilon: scalar, unit; y: scalar, integer, positive; k: index; K: dim"
    got = float(dx.evaluate(latex, {"p": p, "epsilon": eps, "y": float(y)}, symbols))
    q = (1 - eps) * (np.arange(1, 5) == y) + eps / 4
    assert got == pytest.approx(float(-(q * np.log(p)).sum()), rel=1e-12)


def test_a_delta_of_a_real_scalar_stays_a_name():
    e = dx.parse(r"\delta_{k t}", "k: index; t: scalar")
    assert not e.has(__import__("sympy").KroneckerDelta)


# -- the gradient of log |.| of a scalar made of vectors (re and im of a real trace) -----------------
@pytest.mark.parametrize(
    "latex, f",
    [
        (
            r"\log \left| 1 + \left(1 - \tanh^2(w^\top z + b)\right) u^\top w \right|",
            lambda z, u, w, b: np.log(abs(1 + (1 - np.tanh(w @ z + b) ** 2) * (u @ w))),
        ),
        (r"\log |a^\top z|", lambda z, u, w, b: np.log(abs(w @ z))),
    ],
)
def test_the_gradient_of_a_log_absolute_value_is_real(latex, f):
    """The planar flow's log-determinant (Rezende and Mohamed, 2015); central differences."""
    rng = np.random.default_rng(21)
    z, u, w, b = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), 0.2
    latex = latex.replace("a^", "w^")
    d = dx.derive(latex, "z", "z, u, w: vector[d]; b: scalar")
    assert not d.result.has(__import__("sympy").im)
    values = {"z": z, "u": u, "w": w, "b": b} if "u^" in latex else {"z": z, "w": w}
    got = dx.evaluate(d, values)
    h = 1e-6
    want = [(f(z + h * e, u, w, b) - f(z - h * e, u, w, b)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(got, want, rtol=1e-6)


# -- a matrix power with a whole-number name as its exponent --------------------------------------------
def test_the_log_det_power_series_of_an_invertible_residual_network():
    """Behrmann et al. (2019): log det(I + J) = sum_k (-1)^{k+1} tr(J^k) / k; NumPy."""
    rng = np.random.default_rng(2)
    J = 0.2 * rng.normal(size=(3, 3))
    latex = r"\sum_{k=1}^{n} \frac{(-1)^{k+1}}{k} \operatorname{tr}(J^k)"
    got = float(
        dx.evaluate(
            latex, {"J": J, "n": 12}, "J: matrix[d, d]; n: scalar, integer, positive; k: index"
        )
    )
    want = sum((-1) ** (k + 1) / k * np.trace(np.linalg.matrix_power(J, k)) for k in range(1, 13))
    assert got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("K", [0, 1, 3])
def test_simplified_graph_convolution_with_a_declared_number_of_hops(K):
    """Wu et al. (2019): softmax(S^K X Theta) row by row; NumPy."""
    rng = np.random.default_rng(4)
    S, X, T = rng.random((4, 4)) / 4, rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    got = dx.evaluate(
        r"\operatorname{softmax}(S^K X \Theta)",
        {"S": S, "X": X, "Theta": T, "K": K},
        r"S: matrix[N, N]; X: matrix[N, C]; \Theta: matrix[C, F]; K: scalar, integer, positive",
    )
    z = np.linalg.matrix_power(S, K) @ X @ T
    want = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_a_real_exponent_of_a_matrix_stays_refused():
    with pytest.raises(dx.ParseError, match="whole-number name"):
        dx.parse(r"A^t", "A: matrix[n, n]; t: scalar")


# -- inner products of a matrix's rows -------------------------------------------------------------------
def test_a_factorization_machine_with_inner_products_of_rows():
    """Rendle (2010), Eq. 1: pairwise interactions <v_i, v_j> x_i x_j over i < j; NumPy."""
    rng = np.random.default_rng(8)
    x, w, V, w0 = rng.normal(size=4), rng.normal(size=4), rng.normal(size=(4, 2)), 0.3
    latex = (
        r"\hat{y}(x) = w_0 + \sum_{i=1}^{n} w_i x_i + "
        r"\sum_{i=1}^{n} \sum_{j=i+1}^{n} \langle v_i, v_j \rangle x_i x_j"
    )
    symbols = "x, w: vector[n]; V: matrix[n, k]; v_i: row[V]; w_0: scalar; i, j: index"
    got = float(dx.evaluate(latex, {"x": x, "w": w, "V": V, "w_0": w0}, symbols))
    pairs = sum(V[i] @ V[j] * x[i] * x[j] for i in range(4) for j in range(i + 1, 4))
    assert got == pytest.approx(w0 + w @ x + pairs, rel=1e-12)
