"""Derivation: textbook forms, compared symbolically with the expected closed form and
numerically (every result passed derivax's own cross-check against JAX before it came back).

Matrix results are compared exactly at explicit instances: sizes become small integers and
every matrix symbol an explicit matrix of random rationals, so both sides are evaluated in
exact arithmetic by SymPy.
"""

import random

import numpy as np
import pytest
import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

import derivax as dx
from derivax import Derivation, DerivationError
from derivax._algebra import normalize_sums
from derivax._derive._check import cross_check
from derivax.symbols import parse_symbols


def explicit(e, table, seed: int):
    """``e`` with sizes 2, 3, 4 and every matrix symbol an explicit matrix of random rationals
    (symmetric positive definite where declared so)."""
    rnd = random.Random(seed)
    dims = {s for m in e.atoms(sympy.MatrixSymbol) for s in m.shape if isinstance(s, sympy.Symbol)}
    dims |= {
        s for s in e.free_symbols if isinstance(s, sympy.Symbol) and s.is_integer and s.is_positive
    }
    dims = sorted(dims, key=str)
    sizes = {d: [2, 3, 4][k % 3] for k, d in enumerate(dims)}
    e = e.subs(sizes)
    repl = {}
    for m in sorted(e.atoms(sympy.MatrixSymbol), key=str):
        r, c = (int(x) for x in m.shape)
        M = sympy.Matrix(r, c, lambda i, j: sympy.Rational(rnd.randint(-9, 9), rnd.randint(1, 5)))
        key = table.resolve(m.name)
        if key and table[key].kind == "spd":
            M = M * M.T + r * sympy.eye(r)
        elif key and table[key].kind == "symmetric":
            M = M + M.T
        repl[m] = sympy.ImmutableMatrix(M)
    out = e.xreplace(repl).doit()
    if isinstance(out, MatrixExpr) and not isinstance(out, sympy.MatrixBase):
        out = out.as_explicit()
    return out


def assert_same(result, expected, table):
    if isinstance(result, MatrixExpr) or isinstance(expected, MatrixExpr):
        for seed in (1, 2):
            a, b = explicit(result, table, seed), explicit(expected, table, seed)
            diff = sympy.ImmutableMatrix(a) - sympy.ImmutableMatrix(b)
            assert all(sympy.simplify(x) == 0 for x in diff), f"{result} != {expected}"
    else:
        assert sympy.simplify(result - expected) == 0, f"{result} != {expected}"


def rename_indices(closed, d):
    """The closed form's right side with the free indices of its left side (``\\partial y_i /
    \\partial w_j``) renamed to the derivation's output indices, in order; its bound indices are
    first renamed out of the way."""
    lhs, rhs = closed.lhs, closed.rhs
    bound = {lim[0] for s in rhs.atoms(sympy.Sum) for lim in s.limits}
    rhs = rhs.xreplace(
        {b: sympy.Symbol(f"_bound{k}", integer=True) for k, b in enumerate(sorted(bound, key=str))}
    )
    order = []
    for node in sympy.preorder_traversal(lhs):
        if isinstance(node, sympy.Indexed):
            for i in node.indices:
                for s in sorted(i.free_symbols, key=str):
                    if s not in order and s.is_integer:
                        order.append(s)
    return rhs.xreplace(dict(zip(order, d.output_indices, strict=False)))


# -- scalars ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "latex, expected",
    [
        (r"\sigma(x)", r"\sigma(x)(1 - \sigma(x))"),
        (r"\frac{1}{1 + e^{-x}}", r"\sigma(x)(1 - \sigma(x))"),
        (r"\log(1 + e^{x})", r"\sigma(x)"),
        (r"\tanh x", r"1 - \tanh^2 x"),
        (r"\log \sigma(x)", r"1 - \sigma(x)"),
        (r"x^3 + 2x", r"3 x^2 + 2"),
    ],
)
def test_scalar_derivatives_in_textbook_form(latex, expected):
    d = dx.derive(latex, "x")
    want = dx.parse(expected)
    assert d.result == want or sympy.simplify(d.result - want) == 0
    assert sympy.count_ops(d.result) <= sympy.count_ops(want) + 2
    assert d.checked.startswith("agrees with JAX")


def test_sigmoid_derivative_is_exactly_the_textbook_product():
    assert dx.grad(r"\frac{1}{1 + e^{-x}}", "x") == dx.parse(r"\sigma(x)(1 - \sigma(x))")
    assert dx.grad(r"\log(1 + e^{x})", "x") == dx.parse(r"\sigma(x)")


# -- index notation -----------------------------------------------------------------------------------
def no_leftovers(e):
    assert not e.atoms(sympy.Piecewise)
    for s in e.atoms(sympy.Sum):
        assert not s.atoms(sympy.KroneckerDelta), f"a sum of deltas is left in {e}"


def test_entropy_gradient():
    d = dx.derive(r"-\sum_{i=1}^{n} p_i \log p_i", "p", "p: simplex[n]; i: index")
    no_leftovers(d.result)
    (k,) = d.output_indices
    p = sympy.IndexedBase(
        "p", shape=(sympy.Symbol("n", integer=True, positive=True),), real=True, nonnegative=True
    )
    assert sympy.simplify(d.result - (-sympy.log(p[k]) - 1)) == 0


def test_softmax_cross_entropy_gradient_uses_the_simplex():
    latex = r"-\sum_{k=1}^{n} y_k \log \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}"
    d = dx.derive(latex, "z", "y: simplex[n]; z: vector[n]; j, k: index")
    no_leftovers(d.result)
    assert any(s.rule == "use that the simplex sums to 1" for s in d.steps)
    (idx,) = d.output_indices
    want = dx.parse(
        rf"\operatorname{{softmax}}(z)_{{{idx}}} - y_{{{idx}}}",
        f"y: simplex[n]; z: vector[n]; {idx}: index",
    )
    assert sympy.simplify(d.result - want) == 0
    # without the simplex constraint the sum of y stays
    free = dx.derive(latex, "z", "y: vector[n]; z: vector[n]; j, k: index")
    assert free.result.atoms(sympy.Sum)


def test_softmax_jacobian_in_index_form():
    d = dx.derive(r"\operatorname{softmax}(z)_k", "z", "z: vector[n]; k: index")
    k, j = d.output_indices
    s = dx.parse(r"\operatorname{softmax}(z)_k", "z: vector[n]; k: index").base
    want = s[k] * (sympy.KroneckerDelta(k, j) - s[j])
    assert sympy.simplify(d.result - want) == 0
    no_leftovers(d.result)


def test_derivative_with_respect_to_an_entry():
    r = dx.grad(
        r"\sum_{i=1}^{m} \sum_{j=1}^{n} W_{ij} x_j",
        "W_{ij}",
        "W: matrix[m, n]; x: vector[n]; i, j: index",
    )
    assert isinstance(r, sympy.Indexed) and str(r.base.label) == "x"


# -- matrix form: 40+ identities ------------------------------------------------------------------------
V = "x, a, b, s: vector[n]; A, B, C, X: matrix[n, n]; S: spd[n]; M: matrix[m, n]; y, c: vector[m]; W: matrix[n, k]"
IDENTITIES = [
    # linear forms
    (r"a^\top x", "x", "a"),
    (r"x^\top a", "x", "a"),
    (r"a^\top X b", "X", r"a b^\top"),
    (r"a^\top X^\top b", "X", r"b a^\top"),
    (r"c^\top M x", "x", r"M^\top c"),
    (r"c^\top M x", "M", r"c x^\top"),
    (r"\langle a, x \rangle", "x", "a"),
    # quadratic forms
    (r"x^\top x", "x", "2 x"),
    (r"x^\top A x", "x", r"(A + A^\top) x"),
    (r"x^\top S x", "x", "2 S x"),
    (r"\frac{1}{2} x^\top S x - b^\top x", "x", "S x - b"),
    (r"(x - s)^\top A (x - s)", "s", r"-(A + A^\top)(x - s)"),
    (r"x^\top A^\top A x", "x", r"2 A^\top A x"),
    (r"b^\top X^\top X a", "X", r"X (b a^\top + a b^\top)"),
    (r"(A x + b)^\top (A x + b)", "x", r"2 A^\top (A x + b)"),
    # norms
    (r"\|x\|_2^2", "x", "2 x"),
    (r"\|x - a\|^2", "x", "2 (x - a)"),
    (r"\|A x - b\|_2^2", "x", r"2 A^\top (A x - b)"),
    (r"\|M x - y\|_2^2 + \lambda \|x\|_2^2", "x", r"2 M^\top (M x - y) + 2 \lambda x"),
    (r"\frac{1}{m} \|M x - y\|^2", "x", r"\frac{2}{m} M^\top (M x - y)"),
    (r"\|x\|_2", "x", r"\frac{x}{\|x\|_2}"),
    (r"\|X\|_F^2", "X", "2 X"),
    (r"\|A X - B\|_F^2", "X", r"2 A^\top (A X - B)"),
    # traces
    (r"\operatorname{tr}(X)", "X", r"I"),
    (r"\operatorname{tr}(A X)", "X", r"A^\top"),
    (r"\operatorname{tr}(X A)", "X", r"A^\top"),
    (r"\operatorname{tr}(X^\top A)", "X", "A"),
    (r"\operatorname{tr}(A X^\top)", "X", "A"),
    (r"\operatorname{tr}(A X B)", "X", r"A^\top B^\top"),
    (r"\operatorname{tr}(A X^\top B)", "X", r"B A"),
    (r"\operatorname{tr}(X^\top X)", "X", "2 X"),
    (r"\operatorname{tr}(X X^\top)", "X", "2 X"),
    (r"\operatorname{tr}(X^\top A X)", "X", r"(A + A^\top) X"),
    (r"\operatorname{tr}(X A X^\top)", "X", r"X (A + A^\top)"),
    (r"\operatorname{tr}(W^\top A W)", "W", r"(A + A^\top) W"),
    (r"\operatorname{tr}(X^2)", "X", r"2 X^\top"),
    # determinants and inverses
    (r"\log \det X", "X", r"X^{-\top}"),
    (r"\log \det S", "S", r"S^{-1}"),
    (r"\det X", "X", r"\det(X) X^{-\top}"),
    (r"\operatorname{tr}(X^{-1})", "X", r"-X^{-\top} X^{-\top}"),
    (r"\operatorname{tr}(A X^{-1})", "X", r"-X^{-\top} A^\top X^{-\top}"),
    (r"a^\top X^{-1} b", "X", r"-X^{-\top} a b^\top X^{-\top}"),
    (r"b^\top S^{-1} b", "b", r"2 S^{-1} b"),
    # elementwise
    (
        r"\frac{1}{2}\|\sigma(M x) - y\|^2",
        "x",
        r"M^\top ((\sigma(M x) - y) \odot \sigma(M x) \odot (1 - \sigma(M x)))",
    ),
    (r"\|M x + c - y\|^2", "c", r"2 (M x + c - y)"),
]


@pytest.mark.parametrize(
    "latex, wrt, expected", IDENTITIES, ids=[f"{i:02d}" for i in range(len(IDENTITIES))]
)
def test_matrix_calculus_identity(latex, wrt, expected):
    table = parse_symbols(V + r"; \lambda: scalar, positive; I: matrix[n, n]")
    d = dx.derive(latex, wrt, table)
    assert d.checked.startswith("agrees with JAX"), d.checked
    want = dx.parse(expected, table)
    if expected == "I":
        n = table.dim("n")
        want = sympy.Identity(n)
    assert_same(d.result, want, table)


def test_at_least_forty_identities():
    assert len(IDENTITIES) >= 40


def test_log_det_where_sympy_returns_zero():
    X = sympy.MatrixSymbol("X", 3, 3)
    assert isinstance(sympy.log(sympy.Determinant(X)).diff(X), sympy.ZeroMatrix)  # SymPy returns 0
    r = dx.grad(r"\log \det X", "X", "X: matrix[n, n]")
    assert r == dx.parse(r"X^{-\top}", "X: matrix[n, n]")


def test_mse_gradient_in_matrix_form():
    table = r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]"
    r = dx.grad(r"\frac{1}{m}\|X\theta - y\|^2", r"\theta", table)
    assert r == dx.parse(r"\frac{2}{m} X^\top (X \theta - y)", table)


def test_quadratic_form_gradient_is_factored():
    r = dx.grad(r"x^\top A x", "x", "x: vector[n]; A: matrix[n, n]")
    assert r == dx.parse(r"(A + A^\top) x", "x: vector[n]; A: matrix[n, n]")


def test_logistic_regression_hessian():
    table = r"X: matrix[N, d]; \theta: vector[d]; y: vector[N]"
    nll = r"-\frac{1}{N}\left(y^\top \log \sigma(X \theta) + (1 - y)^\top \log(1 - \sigma(X \theta))\right)"
    g = dx.grad(nll, r"\theta", table)
    assert_same(
        g, dx.parse(r"\frac{1}{N} X^\top (\sigma(X \theta) - y)", table), parse_symbols(table)
    )
    assert str(g).startswith("1/N*X.T*(")
    H = dx.hessian(nll, r"\theta", table)
    want = dx.parse(
        r"\frac{1}{N} X^\top \operatorname{diag}(\sigma(X\theta) \odot (1 - \sigma(X\theta))) X",
        table,
    )
    assert_same(H, want, parse_symbols(table))
    assert isinstance(H, sympy.MatMul) and any(isinstance(a, sympy.DiagMatrix) for a in H.args)


def test_attention_output_gradient_with_respect_to_v():
    table = "Q: matrix[n, d]; K: matrix[m, d]; V: matrix[m, e]; G: matrix[n, e]"
    att = r"\operatorname{softmax}\left(\frac{Q K^\top}{\sqrt{d}}\right) V"
    r = dx.grad(rf"\operatorname{{tr}}\left(G^\top {att}\right)", "V", table)
    want = dx.parse(r"\operatorname{softmax}\left(\frac{Q K^\top}{\sqrt{d}}\right)^\top G", table)
    assert_same(r, want, parse_symbols(table))


def test_jacobian_in_matrix_form():
    assert dx.jacobian(
        r"W x + b", "x", "W: matrix[m, n]; x: vector[n]; b: vector[m]"
    ) == sympy.MatrixSymbol("W", *parse_symbols("W: matrix[m, n]").matrix("W").shape)
    J = dx.jacobian(r"\sigma(W x)", "x", "W: matrix[m, n]; x: vector[n]")
    assert any(isinstance(a, sympy.DiagMatrix) for a in J.args)


def test_hessians():
    assert dx.hessian(r"\frac{1}{2} x^\top S x", "x", "x: vector[n]; S: spd[n]") == parse_symbols(
        "S: spd[n]"
    ).matrix("S")
    table = parse_symbols("x, b: vector[n]; A: matrix[n, n]")
    assert_same(dx.hessian(r"\|A x - b\|^2", "x", table), dx.parse(r"2 A^\top A", table), table)
    assert dx.hessian(r"x^3", "x") == dx.parse("6 x")


# -- backpropagation ------------------------------------------------------------------------------------
ONE_LAYER = "W: matrix[m, n]; x: vector[n]; b, z, a, y: vector[m]"


def test_backprop_one_layer_weight_gradient_is_delta_times_input():
    given = [r"a = \sigma(z)", r"z = W x + b"]
    d = dx.derive(r"\frac{1}{2}\|a - y\|^2", "W", ONE_LAYER, given=given)
    assert d.checked.startswith("agrees with JAX")
    delta = dx.parse(
        r"(\sigma(W x + b) - y) \odot \sigma(W x + b) \odot (1 - \sigma(W x + b))", ONE_LAYER
    )
    x = parse_symbols(ONE_LAYER).matrix("x")
    assert_same(d.result, delta * x.T, parse_symbols(ONE_LAYER))
    # the form itself: delta (a Hadamard product) times x^T
    assert isinstance(d.result, sympy.MatMul) and d.result.args[-1] == x.T
    assert isinstance(d.result.args[0], sympy.HadamardProduct)
    assert any(s.rule.startswith("substitute the definition") for s in d.steps)
    b = dx.grad(r"\frac{1}{2}\|a - y\|^2", "b", ONE_LAYER, given=given)
    assert_same(b, delta, parse_symbols(ONE_LAYER))


TWO_LAYERS = "W_1: matrix[h, n]; W_2: matrix[m, h]; x: vector[n]; b_1, z_1, a_1: vector[h]; b_2, z_2, a_2, y: vector[m]"
GIVEN_2 = [r"a_2 = \sigma(z_2)", r"z_2 = W_2 a_1 + b_2", r"a_1 = \sigma(z_1)", r"z_1 = W_1 x + b_1"]


def test_backprop_two_layers_equals_the_chain_rule():
    table = parse_symbols(TWO_LAYERS)
    loss = r"\frac{1}{2}\|a_2 - y\|^2"
    d2 = dx.derive(loss, "W_2", table, given=GIVEN_2)
    d1 = dx.derive(loss, "W_1", table, given=GIVEN_2)
    assert d1.checked.startswith("agrees with JAX") and d2.checked.startswith("agrees with JAX")
    # backprop: delta_2 = (a_2 - y) . sigma'(z_2); delta_1 = (W_2^T delta_2) . sigma'(z_1)
    z1 = r"(W_1 x + b_1)"
    a1 = rf"\sigma{z1}"
    z2 = rf"(W_2 {a1} + b_2)"
    delta2 = dx.parse(rf"(\sigma{z2} - y) \odot \sigma{z2} \odot (1 - \sigma{z2})", table)
    delta1 = dx.parse(rf"\sigma{z1} \odot (1 - \sigma{z1})", table)
    W2, x = table.matrix("W_2"), table.matrix("x")
    a1_m = dx.parse(a1, table)
    assert_same(d2.result, delta2 * a1_m.T, table)
    assert_same(d1.result, sympy.HadamardProduct(W2.T * delta2, delta1) * x.T, table)


# -- the cross-check refuses a wrong derivative --------------------------------------------------------
def test_cross_check_refuses_a_wrong_result():
    table = parse_symbols("x: vector[n]; A: matrix[n, n]")
    expr = dx.parse(r"x^\top A x", table)
    x, A = table.matrix("x"), table.matrix("A")
    wrong = Derivation(expr, x, 2 * A * x)  # right only for a symmetric A
    with pytest.raises(DerivationError, match="disagrees with JAX"):
        cross_check(wrong, table, "matrix")
    right = Derivation(expr, x, (A + A.T) * x)
    assert cross_check(right, table, "matrix").startswith("agrees with JAX")


def test_wrong_index_form_is_refused():
    table = parse_symbols("p: simplex[n]; i, k: index")
    expr = dx.parse(r"-\sum_{i=1}^{n} p_i \log p_i", table)
    p = table.indexed("p")
    k = table.scalar("k")
    wrong = Derivation(expr, p, -sympy.log(p[k]), index=k, output_indices=(k,))
    with pytest.raises(DerivationError):
        cross_check(wrong, table, "index")


# -- steps, budget, errors ----------------------------------------------------------------------------------
def test_steps_are_recorded():
    d = dx.derive(r"-\sum_{i=1}^{n} p_i \log p_i", "p", "p: simplex[n]; i: index")
    rules = [s.rule for s in d.steps]
    assert rules[0] == "expression" and "collapse the Kronecker deltas" in rules
    assert rules[-1].startswith("numeric cross-check")
    assert all(isinstance(s.latex, str) and s.latex for s in d.steps)


def test_simplification_budget_gives_the_unsimplified_result_and_a_note():
    d = dx.derive(
        r"\frac{(x^2 - 1)}{(x - 1)} \cdot \sin(x)^2 + \cos(x)^2 \sin(x)", "x", timeout=0.001
    )
    assert any("budget" in s.latex for s in d.steps)
    assert d.checked.startswith("agrees with JAX")


@pytest.mark.parametrize(
    "latex, wrt, symbols, message",
    [
        (r"x^2", "y", "", "`y` does not appear in the expression; its variables are `x`"),
        (r"x \le 1", "x", "", "a relation has no derivative"),
        (r"W x", "W", "W: matrix[m, n]; x: vector[n]", "is a 4-index array"),
    ],
)
def test_derivation_errors(latex, wrt, symbols, message):
    with pytest.raises(dx.DerivaxError, match=message):
        dx.grad(latex, wrt, symbols)


# -- the catalog's known derivatives -------------------------------------------------------------------------
CATALOG = dx.catalog()
KNOWN = [(eq.id, k) for eq in CATALOG.values() for k in range(len(eq.derivatives))]


@pytest.mark.parametrize("eq_id, k", KNOWN, ids=[f"{i}-{k}" for i, k in KNOWN])
def test_catalog_derivative_matches_its_closed_form(eq_id, k):
    eq = CATALOG[eq_id]
    known = eq.derivatives[k]
    d = eq.derive(known.wrt)
    unspecified = eq.definition.atoms(sympy.core.function.AppliedUndef)
    if (
        unspecified
    ):  # f(x), g(x): JAX cannot evaluate them; checked with random smooth f, g in 50 digits
        assert d.checked.startswith("agrees with 50-digit central finite differences"), d.checked
    else:
        assert d.checked.startswith("agrees with JAX"), d.checked
    closed = dx.parse(known.latex, eq.table)
    want = closed.rhs
    if isinstance(d.result, MatrixExpr) or isinstance(want, MatrixExpr):
        assert_same(d.result, want, eq.table)
        return
    want = rename_indices(closed, d)
    symmetric = frozenset(n for n in eq.table if eq.table[n].kind in ("spd", "symmetric"))
    diff = normalize_sums(sympy.expand(d.result - want), symmetric)
    assert sympy.simplify(diff) == 0, f"{eq_id}: derived {d.result}, catalog says {want}"


def test_jupyter_shows_derivations_and_equations():
    d = dx.derive(r"\sigma(x)", "x")
    text = d._repr_latex_()
    assert text.startswith(r"$$\begin{aligned}") and r"\text{differentiate}" in text
    assert CATALOG["softmax"]._repr_latex_() == f"$${CATALOG['softmax'].latex}$$"


# -- the cross-check compares only where the expression has a value -----------------------------------
LOG_DET = r"\log\det(W) + x^\top W x"
LOG_DET_SYMBOLS = "W: matrix[n,n]; x: vector[n]"


def _inv_t(W, x):
    return np.linalg.inv(W).T


@pytest.mark.parametrize(
    ("latex", "closed_form"),
    [
        (LOG_DET, lambda W, x: _inv_t(W, x) + np.outer(x, x)),
        (r"\log\det(W)", _inv_t),
        (r"2\log\det(W) - \operatorname{tr}(W)", lambda W, x: 2 * _inv_t(W, x) - np.eye(len(x))),
        (
            r"\log\det(W) - x^\top W^{-1} x",
            lambda W, x: _inv_t(W, x) + _inv_t(W, x) @ np.outer(x, x) @ _inv_t(W, x),
        ),
    ],
)
def test_a_log_det_differentiates_to_the_closed_form(latex, closed_form):
    # log det W has no real value where det W < 0; there jax.grad of the compiled expression is
    # the gradient of the other terms alone, which is no reason to refuse the derivative
    g = dx.grad(latex, "W", LOG_DET_SYMBOLS)
    f = dx.compile(g, symbols=LOG_DET_SYMBOLS)
    rng = np.random.default_rng(7)
    for n in (1, 2, 3):
        W = rng.normal(size=(n, n))
        W = W if np.linalg.det(W) > 0 else -W if n % 2 else W[::-1]
        assert np.linalg.det(W) > 0
        x = rng.normal(size=n)
        kwargs = {"W": W, "x": x}
        got = np.asarray(f(*[kwargs[a] for a in f.args]))
        np.testing.assert_allclose(got, closed_form(W, x), rtol=1e-9, atol=1e-12)


def test_the_cross_check_skips_points_where_the_expression_has_no_value_and_still_refuses():
    table = parse_symbols(LOG_DET_SYMBOLS)
    expr = dx.parse(LOG_DET, table)
    W, x = table.matrix("W"), table.matrix("x")
    right = Derivation(expr, W, W.T.inverse() + x * x.T)
    assert cross_check(right, table, "matrix").startswith("agrees with JAX")
    # the gradient of x^T W x alone: what jax.grad gives where det W < 0, wrong where f has a value
    wrong = Derivation(expr, W, x * x.T)
    with pytest.raises(DerivationError, match="disagrees with JAX"):
        cross_check(wrong, table, "matrix")
