r"""Notation of the fourth fresh corpus read as papers mean it, each as a family checked against
NumPy written from the definition: names in upright letters joined the way code names them
(``\text{step\_num}``, ``\mathrm{ROUGE\text{-}N}``); the name a formula defines on its left side
(``cp(X; Y) =``, ``lrate =``, ``\mathbf{QFL}(\sigma) =``, ``\operatorname{Var}(Y) =`` with no
random variable declared); norms named by their space (``\|w\|_{\ell_1}``), the nuclear norm
``\|A\|_*`` and single bars with an order (``|\beta|_1``); entries of names declared with a
subscript (``p_{0i}`` of ``p_0``, ``\theta^*_{A,i}`` of ``\theta^*_A``); ``x_{mi}`` of a row
family ``x_m: row[X]``; and entries picked by decorated labels (``p_{\hat{y}_1}``). Each rule's
breaking case is tested beside it: prose stays refused, a product of declared letters stays a
product, an elementwise ``|x|`` stays elementwise, a declared matrix ``p`` keeps ``p_{0i}``."""

from __future__ import annotations

import math

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

RNG = np.random.default_rng(41)


# -- names in upright letters ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "plain"),
    [
        (r"\text{step\_num}", "step_num"),
        (r"\mathrm{warmup\_steps}", "warmup_steps"),
        (r"\text{soft-cap}", None),
    ],
)
def test_a_name_joined_the_way_code_names_it_is_one_name(written, plain):
    table = f"{written}: scalar, positive"
    value = dx.evaluate(rf"2 {written}^{{-0.5}}", {plain or written: 4.0}, table)
    assert float(value) == pytest.approx(1.0, rel=1e-15)


def test_the_transformer_learning_rate_as_its_paper_writes_it():
    latex = (
        r"lrate = d_{\text{model}}^{-0.5} \cdot \min(\text{step\_num}^{-0.5}, "
        r"\text{step\_num} \cdot \text{warmup\_steps}^{-1.5})"
    )
    table = r"d_{\text{model}}, \text{step\_num}, \text{warmup\_steps}: scalar, positive"
    for step in (10.0, 4000.0, 90000.0):
        want = 512**-0.5 * min(step**-0.5, step * 4000**-1.5)
        got = dx.evaluate(latex, {"d_model": 512, "step_num": step, "warmup_steps": 4000}, table)
        assert float(got) == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize("prose", [r"\text{if } x > 0", r"\text{for all } x", r"\mathrm{a b}"])
def test_prose_in_upright_letters_stays_refused(prose):
    with pytest.raises(dx.ParseError, match="prose"):
        dx.parse(prose, "x: scalar")


# -- the name a formula defines on its left -------------------------------------------------------
def test_letters_with_an_argument_list_before_the_equals_sign_name_the_definition():
    latex = (
        r"cp(X; Y) = \beta \sum_{i=1}^{|X|} \log\left(\min\left(\sum_{j=1}^{|Y|} p_{i,j}, "
        r"1.0\right)\right)"
    )
    table = "X, Y: dim; p: matrix[X, Y]; beta: scalar, positive; i, j: index"
    p = RNG.uniform(0.05, 0.6, size=(4, 3))
    want = 0.2 * np.sum(np.log(np.minimum(p.sum(axis=1), 1.0)))
    got = dx.evaluate(latex, {"p": p, "beta": 0.2}, table)
    assert float(got) == pytest.approx(want, rel=1e-13)
    assert any("name it defines" in r for r in reading(latex, table).rules)


def test_a_product_of_letters_on_the_left_stays_a_product_where_they_appear_on_the_right():
    assert dx.check("ab = ba", "a, b: scalar", cache=False).status == "proved"
    expr = dx.parse("ab(x + y) = abx + aby", "a, b, x, y: scalar")
    assert expr.lhs.free_symbols == expr.rhs.free_symbols


@pytest.mark.parametrize("bold", [r"\mathbf", r"\boldsymbol", r"\bm"])
def test_a_word_in_bold_on_the_left_names_the_loss(bold):
    latex = (
        rf"{bold}{{QFL}}(\sigma) = -|y - \sigma|^{{\beta}} \left( (1 - y) \log(1 - \sigma) + y "
        r"\log(\sigma) \right)"
    )
    table = "y, sigma: scalar, unit; beta: scalar, positive"
    y, s, b = 0.7, 0.4, 2.0
    want = -(abs(y - s) ** b) * ((1 - y) * np.log(1 - s) + y * np.log(s))
    got = dx.evaluate(latex, {"y": y, "sigma": s, "beta": b}, table)
    assert float(got) == pytest.approx(want, rel=1e-14)


def test_bold_declared_letters_are_not_made_one_name():
    with pytest.raises(dx.ParseError, match="in a symbol name"):
        dx.parse(r"\mathbf{Wx}", r"\mathbf{W}: matrix[2, 3]; \mathbf{x}: vector[3]")


@pytest.mark.parametrize("op", [r"\operatorname{Var}", r"\mathrm{Var}", r"\mathbb{V}"])
def test_a_moment_on_the_left_with_no_random_variable_names_the_formula(op):
    latex = rf"{op}(Y) = (1 - \pi) \lambda (1 + \pi \lambda)"
    table = "pi: scalar, unit; lambda: scalar, positive"
    got = dx.evaluate(latex, {"pi": 0.3, "lambda": 2.0}, table)
    assert float(got) == pytest.approx(0.7 * 2.0 * 1.6, rel=1e-15)


def test_a_moment_of_a_declared_random_variable_stays_a_moment():
    expr = dx.parse(r"\operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2", "X: random")
    assert "Variance" in type(expr.lhs).__name__


def test_a_moment_elsewhere_of_an_undeclared_name_stays_refused():
    with pytest.raises(dx.ParseError, match="not declared a random variable"):
        dx.parse(r"a = \operatorname{Var}(Y)", "a: scalar")


# -- norms ------------------------------------------------------------------------------------------
def test_norms_named_by_their_space():
    w = RNG.normal(size=5)
    latex = r"\|w\|_{\ell_2}^2 + \|w\|_{\ell_1} + 3 \|w\|_{\ell_\infty}"
    want = np.sum(w**2) + np.sum(np.abs(w)) + 3 * np.max(np.abs(w))
    assert float(dx.evaluate(latex, {"w": w}, "w: vector[n]")) == pytest.approx(want, rel=1e-14)


def test_an_ell_norm_of_a_matrix_is_refused_with_both_readings():
    with pytest.raises(dx.ParseError, match="Frobenius"):
        dx.parse(r"\|A\|_{\ell_2}", "A: matrix[m, n]")


@pytest.mark.parametrize("sub", ["*", r"{\star}", r"\ast", r"{\mathrm{nuc}}"])
@pytest.mark.parametrize("shape", [(4, 3), (2, 5), (3, 3)])
def test_the_nuclear_norm_is_the_sum_of_the_singular_values(sub, shape):
    A = RNG.normal(size=shape)
    got = dx.evaluate(rf"\|A\|_{sub}", {"A": A}, f"A: matrix[{shape[0]}, {shape[1]}]")
    assert float(got) == pytest.approx(np.linalg.svd(A, compute_uv=False).sum(), rel=1e-12)


def test_the_nuclear_norm_in_high_precision_and_of_a_vector_refused():
    import sympy

    from derivax._functions import nuclear_norm

    A = sympy.Matrix([[1, 2], [3, 4]])
    # sigma_1 + sigma_2 = sqrt(sum of squares + 2 |det|) for a 2 x 2 matrix
    assert float(sympy.N(nuclear_norm(A), 30)) == pytest.approx(float(sympy.sqrt(30 + 2 * 2)))
    with pytest.raises(dx.ParseError, match="dual norm"):
        dx.parse(r"\|x\|_*", "x: vector[n]")


def test_single_bars_with_an_order_are_that_norm_and_make_the_formula_s_bars_norms():
    X, y, beta = RNG.normal(size=(6, 3)), RNG.normal(size=6), RNG.normal(size=3)
    table = "y: vector[n]; X: matrix[n, p]; beta: vector[p]; lambda_1, lambda_2: scalar, positive"
    latex = r"|y - X\beta|^2 + \lambda_2 |\beta|^2 + \lambda_1 |\beta|_1"
    values = {"X": X, "y": y, "beta": beta, "lambda_1": 0.3, "lambda_2": 0.7}
    want = np.sum((y - X @ beta) ** 2) + 0.7 * np.sum(beta**2) + 0.3 * np.sum(np.abs(beta))
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-13)
    got = dx.evaluate(r"|\beta|_{\infty}", {"beta": beta}, table)
    assert float(got) == pytest.approx(np.max(np.abs(beta)))


def test_single_bars_of_a_vector_alone_stay_elementwise():
    x = RNG.normal(size=4)
    np.testing.assert_allclose(np.ravel(dx.evaluate("|x|", {"x": x}, "x: vector[4]")), np.abs(x))


# -- entries of names declared with a subscript ----------------------------------------------------
def test_entries_of_names_declared_with_a_subscript():
    p0, p1, g0, g1 = (RNG.uniform(0.1, 0.9, size=5) for _ in range(4))
    latex = (
        r"\frac{\sum_{i=1}^{N} p_{0i} g_{0i}}{\sum_{i=1}^{N} p_{0i} g_{0i} + \alpha "
        r"\sum_{i=1}^{N} p_{0i} g_{1i} + \beta \sum_{i=1}^{N} p_{1i} g_{0i}}"
    )
    table = "p_0, p_1, g_0, g_1: vector[N]; alpha, beta: scalar, positive; i: index"
    tp = np.sum(p0 * g0)
    want = tp / (tp + 0.3 * np.sum(p0 * g1) + 0.7 * np.sum(p1 * g0))
    values = {"p_0": p0, "p_1": p1, "g_0": g0, "g_1": g1, "alpha": 0.3, "beta": 0.7}
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-14)


def test_a_starred_name_with_a_subscript_and_its_entry():
    theta, star, F = (RNG.normal(size=4) for _ in range(3))
    latex = r"\sum_{i} \frac{\lambda}{2} F_i (\theta_i - \theta^*_{A,i})^2"
    table = r"\theta, F, \theta^*_A: vector[n]; lambda: scalar, positive; i: index"
    values = {"theta": theta, "F": F, "theta_A_sup_star": star, "lambda": 0.5}
    want = np.sum(0.25 * F * (theta - star) ** 2)
    assert float(dx.evaluate(latex, values, table)) == pytest.approx(want, rel=1e-14)


def test_a_declared_matrix_keeps_its_entry_with_a_number_first():
    p = RNG.normal(size=(3, 4))
    got = dx.evaluate(r"\sum_{i=1}^{4} p_{1i}", {"p": p}, "p: matrix[3, 4]; i: index")
    assert float(got) == pytest.approx(p[0].sum(), rel=1e-14)


# -- an entry of a member of a row family ---------------------------------------------------------
def test_an_entry_of_a_row_of_a_family_is_an_entry_of_the_data_matrix():
    X, y, theta = RNG.normal(size=(5, 3)), RNG.uniform(size=5), RNG.normal(size=3)
    latex = (
        r"F_i = \frac{1}{N} \sum_{m=1}^{N} \left(y_m - \sigma(\theta^\top x_m)\right)^2 x_{mi}^2"
    )
    table = "X: matrix[N, n]; x_m: row[X]; y: vector[N]; theta: vector[n]; i, m: index"
    r = (y - 1 / (1 + np.exp(-X @ theta))) ** 2
    want = (r[:, None] * X**2).mean(axis=0)
    got = dx.evaluate(latex, {"X": X, "y": y, "theta": theta}, table)
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


def test_two_indices_on_a_column_family_are_refused_with_both_readings():
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(r"\sum_i \sum_j x_{ij}", "X: matrix[n, d]; x_j: column[X]; i, j: index")


# -- entries picked by decorated labels -------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second"),
    [(r"\hat{y}_1", r"\hat{y}_2"), (r"\hat{y}", r"\tilde{y}"), (r"y_{(1)}", r"y_{(2)}")],
)
def test_an_entry_picked_by_a_decorated_or_subscripted_label(first, second):
    from derivax.symbols import parse_symbols

    table = parse_symbols(f"p: simplex[K]; {first}, {second}: label[K]")
    a, b = (d.plain for d in table.values() if d.classes is not None)
    p = np.array([0.1, 0.5, 0.15, 0.25])
    for ya, yb in [(2, 4), (1, 3), (4, 4)]:
        got = dx.evaluate(f"p_{{{first}}} - p_{{{second}}}", {"p": p, a: ya, b: yb}, table)
        assert float(got) == pytest.approx(p[ya - 1] - p[yb - 1], abs=1e-15)


# -- gates, row vectors, biases ---------------------------------------------------------------------
def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_a_gated_linear_unit_multiplies_entrywise_and_adds_its_bias_to_every_row():
    # Dauphin et al. 2017: (X W + b) \otimes \sigma(X V + c), the entrywise product of two n x h
    X, W, V = RNG.normal(size=(4, 3)), RNG.normal(size=(3, 2)), RNG.normal(size=(3, 2))
    b, c = RNG.normal(size=2), RNG.normal(size=2)
    latex = r"(\mathbf{X}\mathbf{W} + \mathbf{b}) \otimes \sigma(\mathbf{X}\mathbf{V} + \mathbf{c})"
    table = "X: matrix[m, k]; W, V: matrix[k, n]; b, c: vector[n]"
    want = (X @ W + b) * _sigmoid(X @ V + c)
    got = dx.evaluate(latex, {"X": X, "W": W, "V": V, "b": b, "c": c}, table)
    np.testing.assert_allclose(got, want, rtol=1e-13)
    assert any("entrywise product" in r for r in reading(latex, table).rules)


def test_kronecker_products_of_parameters_stay_kronecker():
    A, B = RNG.normal(size=(2, 2)), RNG.normal(size=(2, 2))
    got = dx.evaluate(r"A \otimes B", {"A": A, "B": B}, "A, B: matrix[n, n]")
    np.testing.assert_allclose(got, np.kron(A, B), rtol=1e-14)


def test_a_row_vector_times_a_matrix_and_its_entries():
    # Shazeer et al. 2017 (noisy top-k gating): (x \cdot W_g)_i with x a row vector
    x, Wg, Wn, eps = (
        RNG.normal(size=3),
        RNG.normal(size=(3, 4)),
        RNG.normal(size=(3, 4)),
        RNG.normal(size=4),
    )
    latex = r"H_i = (x \cdot W_g)_i + \epsilon_i \cdot \text{Softplus}((x \cdot W_{noise})_i)"
    table = "x: vector[d]; W_g, W_{noise}: matrix[d, n]; epsilon: vector[n]; i: index"
    want = x @ Wg + eps * np.log1p(np.exp(x @ Wn))
    got = dx.evaluate(latex, {"x": x, "W_g": Wg, "W_noise": Wn, "epsilon": eps}, table)
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


def test_swiglu_with_swish_of_a_written_beta():
    # Shazeer 2020: FFN_SwiGLU(x) = (Swish_1(x W) \otimes x V) W_2
    x, W, V, W2 = (
        RNG.normal(size=3),
        RNG.normal(size=(3, 4)),
        RNG.normal(size=(3, 4)),
        RNG.normal(size=(4, 2)),
    )
    for beta in ("1", "{2}"):
        b = float(beta.strip("{}"))
        latex = rf"(\operatorname{{Swish}}_{beta}(xW) \otimes xV) W_2"
        table = "x: vector[d]; W, V: matrix[d, h]; W_2: matrix[h, m]"
        a = x @ W
        want = (a * _sigmoid(b * a) * (x @ V)) @ W2
        got = dx.evaluate(latex, {"x": x, "W": W, "V": V, "W_2": W2}, table)
        np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


@pytest.mark.parametrize("name", ["SiLU", "GELU", "Mish", "softsign"])
def test_named_activations_of_a_vector_are_taken_entry_by_entry(name):
    from scipy.special import erf

    x = RNG.normal(size=5) * 2
    want = {
        "SiLU": x * _sigmoid(x),
        "GELU": x / 2 * (1 + erf(x / np.sqrt(2))),
        "Mish": x * np.tanh(np.log1p(np.exp(x))),
        "softsign": x / (1 + np.abs(x)),
    }[name]
    got = dx.evaluate(rf"\operatorname{{{name}}}(x)", {"x": x}, "x: vector[n]")
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


def test_a_row_vector_times_a_row_vector_is_refused():
    with pytest.raises(dx.ParseError, match="sizes h and 1 differ"):
        dx.parse(r"(x^\top W)(x^\top V)", "x: vector[d]; W, V: matrix[d, h]")


def test_rope_written_with_explicit_vectors_multiplies_entrywise():
    # Su et al. (RoFormer), Eq. 34: x \otimes cos(m theta) + rotated x \otimes sin(m theta)
    x, theta, m = RNG.normal(size=4), RNG.uniform(size=2), 3.0
    latex = (
        r"\begin{pmatrix} x_1 \\ x_2 \\ x_3 \\ x_4 \end{pmatrix} \otimes \begin{pmatrix} \cos "
        r"m\theta_1 \\ \cos m\theta_1 \\ \cos m\theta_2 \\ \cos m\theta_2 \end{pmatrix} + "
        r"\begin{pmatrix} -x_2 \\ x_1 \\ -x_4 \\ x_3 \end{pmatrix} \otimes \begin{pmatrix} \sin "
        r"m\theta_1 \\ \sin m\theta_1 \\ \sin m\theta_2 \\ \sin m\theta_2 \end{pmatrix}"
    )
    t = np.repeat(theta, 2)
    want = x * np.cos(m * t) + np.array([-x[1], x[0], -x[3], x[2]]) * np.sin(m * t)
    got = dx.evaluate(
        latex, {"x": x, "theta": theta, "m": m}, "x: vector[4]; theta: vector[2]; m: scalar"
    )
    np.testing.assert_allclose(np.ravel(got), want, rtol=1e-13)


# -- the ones, conditions, sums of rows --------------------------------------------------------------
def test_the_ones_without_a_size_beside_a_declared_matrix():
    D = RNG.normal(size=(5, 3))
    latex = r"\frac{1}{n - 1} \left( D^\top D - \frac{1}{n} (\mathbf{1}^\top D)^\top (\mathbf{1}^\top D) \right)"
    got = dx.evaluate(latex, {"D": D}, "D: matrix[n, d]")
    np.testing.assert_allclose(got, np.cov(D, rowvar=False), rtol=1e-12)
    np.testing.assert_allclose(
        np.ravel(dx.evaluate(r"D \mathbf{1}", {"D": D}, "D: matrix[n, d]")), D.sum(axis=1)
    )


def test_the_ones_alone_still_need_their_size():
    with pytest.raises(dx.ParseError, match="needs its size"):
        dx.parse(r"\mathbf{1} + x", "x: scalar")


@pytest.mark.parametrize("y", [0, 1, 3])
def test_a_case_for_whole_numbers_listed_with_an_ellipsis(y):
    latex = (
        r"\Pr(Y = y) = \begin{cases} \pi + (1 - \pi) e^{-\lambda} & y = 0 \\ (1 - \pi) "
        r"\frac{e^{-\lambda} \lambda^{y}}{y!} & y = 1, 2, \ldots \end{cases}"
    )
    table = "y: scalar, integer, nonnegative; pi: scalar, unit; lambda: scalar, positive"
    pi, lam = 0.3, 1.7
    want = (
        pi + (1 - pi) * np.exp(-lam)
        if y == 0
        else (1 - pi) * np.exp(-lam) * lam**y / math.factorial(y)
    )
    got = dx.evaluate(latex, {"y": y, "pi": pi, "lambda": lam}, table)
    assert float(got) == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize(
    ("cond", "table", "match"),
    [
        ("y = 0, 2, \\ldots", "y: scalar, integer", "counting up by one"),
        ("y = 1, 2, \\ldots", "y: scalar", "declare it `integer`"),
    ],
)
def test_a_listed_case_that_does_not_count_up_by_one_or_is_not_whole_is_refused(cond, table, match):
    with pytest.raises(dx.ParseError, match=match):
        dx.parse(rf"\begin{{cases}} 1 & {cond} \\ 0 & y < 0 \end{{cases}}", table)


def test_sums_over_the_entries_where_a_condition_on_them_holds():
    y, G, B = np.array([0.0, 2.0, 0.0, 1.0, 3.0]), RNG.normal(size=5), RNG.normal(size=5)
    latex = (
        r"\sum_{y_i = 0} \log\left(e^{G_i} + \exp(-e^{B_i})\right) + \sum_{y_i > 0} \left(y_i B_i "
        r"- e^{B_i}\right) - \sum_{i=1}^{n} \log\left(1 + e^{G_i}\right)"
    )
    zero, pos = y == 0, y > 0
    want = (
        np.log(np.exp(G[zero]) + np.exp(-np.exp(B[zero]))).sum()
        + (y[pos] * B[pos] - np.exp(B[pos])).sum()
        - np.log1p(np.exp(G)).sum()
    )
    got = dx.evaluate(latex, {"y": y, "G": G, "B": B}, "y, G, B: vector[n]; i: index")
    assert float(got) == pytest.approx(want, rel=1e-13)


def test_a_sum_of_the_last_rows_of_a_family():
    A = RNG.normal(size=(6, 3))
    latex = r"\frac{1}{K} \sum_{l=L-K+1}^{L} \hat{a}^{(l)}"
    table = r"\hat{A}: matrix[L, d]; \hat{a}^{(l)}: row[\hat{A}]; K: scalar, integer, positive; l: index"
    for K in (1, 3, 6):
        got = dx.evaluate(latex, {"A_hat": A, "K": K}, table)
        np.testing.assert_allclose(np.ravel(got), A[6 - K :].mean(axis=0), rtol=1e-14)


def test_pairs_under_a_function_defined_on_the_left():
    C = RNG.normal(size=(4, 4))
    got = dx.evaluate(
        r"c(Z) = \frac{1}{d} \sum_{i \neq j} C_{ij}^2", {"C": C}, "C: matrix[d, d]; i, j: index"
    )
    assert float(got) == pytest.approx((np.sum(C**2) - np.sum(np.diag(C) ** 2)) / 4, rel=1e-14)


def test_a_defined_entry_of_a_parenthesized_name():
    p, z = np.array([0.2, 0.5, 0.3]), RNG.normal(size=4)
    latex = r"(g_x)_{kj} = \left(p_k - \mathbb{1}(\hat{y} = k)\right) z_j"
    got = dx.evaluate(
        latex,
        {"p": p, "z": z, "y_hat": 2},
        r"p: simplex[K]; z: vector[d]; \hat{y}: label[K]; k, j: index",
    )
    np.testing.assert_allclose(got, np.outer(p - np.eye(3)[1], z), rtol=1e-14)


# -- a primed member of a family ------------------------------------------------------------------
def test_a_primed_member_is_a_row_of_the_primed_matrix_or_the_transpose():
    Z, Zp = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
    got = dx.evaluate(
        r"\frac{1}{n} \sum_{i} \|z_i - z'_i\|_2^2",
        {"Z": Z, "Z'": Zp},
        "Z, Z': matrix[n, d]; z_i: row[Z]; i: index",
    )
    assert float(got) == pytest.approx(np.sum((Z - Zp) ** 2) / 4, rel=1e-14)
    X, y, beta = RNG.normal(size=(5, 2)), np.array([2.0, 0, 1, 4, 1]), RNG.normal(size=2)
    latex = r"\sum_{i=1}^{n} \left\{ y_i x_i'\beta - \exp(x_i'\beta) \right\}"
    got = dx.evaluate(
        latex,
        {"X": X, "y": y, "beta": beta},
        "X: matrix[n, k]; x_i: row[X]; y: vector[n]; beta: vector[k]; i: index",
    )
    assert float(got) == pytest.approx(np.sum(y * (X @ beta) - np.exp(X @ beta)), rel=1e-13)


def test_a_row_vector_evaluates_to_a_row_as_an_explicit_transpose_does():
    # x W is x^T W: a 1 x h row, in evaluate and compile alike (a column is a 1-D array)
    x, W = RNG.normal(size=3), RNG.normal(size=(3, 2))
    table = "x: vector[d]; W: matrix[d, h]"
    for got in (
        dx.evaluate("x W", {"x": x, "W": W}, table),
        dx.compile("x W", symbols=table)(x=x, W=W),
    ):
        assert np.shape(got) == (1, 2)
        np.testing.assert_allclose(got, (x @ W)[None, :], rtol=1e-14)
