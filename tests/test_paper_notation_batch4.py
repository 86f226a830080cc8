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
