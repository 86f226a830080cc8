"""Hessians with respect to a matrix: the mn x mn matrix ``H`` with ``d vec(grad f) = H vec(dX)``
(``vec`` stacks the columns), and the 4-index form ``d^2 f / dX_kl dX_qr``.

The oracle is ``jax.hessian`` of a function written here by hand with ``jax.numpy`` (never
derivax's own compile of the expression), reshaped to the vec convention by an explicit loop, in
float64 (conftest switches on x64); closed forms from the matrix cookbook are compared as well.
"""

from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy

import derivax as dx
from derivax import DerivationError
from derivax._derive import second_derivation
from derivax._vec import Commutation, Vec
from derivax.symbols import parse_symbols

RNG = np.random.default_rng(11)


def vec_layout(h4: np.ndarray) -> np.ndarray:
    """``h4[i, j, k, l] = d^2 f / dX_ij dX_kl`` -> row ``i + j m``, column ``k + l m``."""
    m, n = h4.shape[:2]
    out = np.empty((m * n, m * n))
    for i, j, k, l_ in itertools.product(range(m), range(n), range(m), range(n)):
        out[i + j * m, k + l_ * m] = h4[i, j, k, l_]
    return out


def commutation(p: int, q: int) -> np.ndarray:
    """K with K vec(Y) = vec(Y^T), from the definition (vec by column stacking)."""
    K = np.zeros((p * q, p * q))
    for i, j in itertools.product(range(p), range(q)):
        K[j + i * q, i + j * p] = 1.0  # vec(Y^T) row of Y[i, j] <- vec(Y) row of Y[i, j]
    return K


def vec(A: np.ndarray) -> np.ndarray:
    return A.T.reshape(-1, 1)


def numbers(expr, table, values: dict, f=None) -> np.ndarray:
    """derivax's compiled result (``f``, or ``expr`` compiled) at ``values``; sizes not given by
    an array come from ``values``."""
    f = f or dx.compile(expr, symbols=table)
    plain = {k.lstrip("\\"): v for k, v in values.items()}
    args = [
        _size(table, values, a.key) if a.static else plain[str(a.key).lstrip("\\")]
        for a in f.arguments
    ]
    return np.asarray(f(*args))


def _size(table, values: dict, dim: str) -> int:
    """A size the result names only through I_m: read off an array that has that dimension."""
    for name, value in values.items():
        shape = table[name].shape if table.resolve(name) else ()
        if dim in shape:
            return int(np.shape(value)[shape.index(dim)])
    raise KeyError(dim)


def spd(n):
    a = RNG.normal(size=(n, n))
    return a @ a.T + n * np.eye(n)


def well_conditioned(n):
    return RNG.normal(size=(n, n)) + 3 * np.eye(n)


# (id, latex, symbols, wrt, values builder, hand-written function of the variable)
CASES = [
    (
        "trace-XtX",
        r"\operatorname{tr}(X^\top X)",
        "X: matrix[m, n]",
        lambda m, n: {"X": RNG.normal(size=(m, n))},
        lambda v: lambda X: jnp.trace(X.T @ X),
    ),
    (
        "least-squares-in-X",
        r"\frac{1}{2}\|X w - y\|^2",
        "X: matrix[m, n]; w: vector[n]; y: vector[m]",
        lambda m, n: {
            "X": RNG.normal(size=(m, n)),
            "w": RNG.normal(size=n),
            "y": RNG.normal(size=m),
        },
        lambda v: lambda X: 0.5 * jnp.sum((X @ v["w"] - v["y"]) ** 2),
    ),
    (
        "quadratic-form-XAXt",
        r"\operatorname{tr}(X A X^\top)",
        "X: matrix[m, n]; A: matrix[n, n]",
        lambda m, n: {"X": RNG.normal(size=(m, n)), "A": RNG.normal(size=(n, n))},
        lambda v: lambda X: jnp.trace(X @ v["A"] @ X.T),
    ),
    (
        "trace-AXB",
        r"\operatorname{tr}(A X B)",
        "A: matrix[p, m]; X: matrix[m, n]; B: matrix[n, p]",
        lambda m, n: {
            "A": RNG.normal(size=(2, m)),
            "X": RNG.normal(size=(m, n)),
            "B": RNG.normal(size=(n, 2)),
        },
        lambda v: lambda X: jnp.trace(v["A"] @ X @ v["B"]),
    ),
    (
        "log-det",
        r"\log\det X",
        "X: matrix[n, n]",
        lambda m, n: {"X": well_conditioned(n)},
        lambda v: lambda X: jnp.linalg.slogdet(X)[1],
    ),
    (
        "det",
        r"\det X",
        "X: matrix[n, n]",
        lambda m, n: {"X": well_conditioned(n)},
        lambda v: lambda X: jnp.linalg.det(X),
    ),
    (
        "trace-inverse",
        r"\operatorname{tr}(X^{-1})",
        "X: matrix[n, n]",
        lambda m, n: {"X": well_conditioned(n)},
        lambda v: lambda X: jnp.trace(jnp.linalg.inv(X)),
    ),
    (
        "mahalanobis-in-covariance",
        r"(x - \mu)^\top S^{-1} (x - \mu)",
        r"x, \mu: vector[n]; S: spd[n]",
        lambda m, n: {"x": RNG.normal(size=n), "mu": RNG.normal(size=n), "S": spd(n)},
        lambda v: lambda S: (v["x"] - v["mu"]) @ jnp.linalg.solve(S, v["x"] - v["mu"]),
    ),
    (
        "gaussian-log-likelihood-in-covariance",
        r"-\frac{1}{2}(x - \mu)^\top S^{-1} (x - \mu) - \frac{1}{2}\log\det S",
        r"x, \mu: vector[n]; S: spd[n]",
        lambda m, n: {"x": RNG.normal(size=n), "mu": RNG.normal(size=n), "S": spd(n)},
        lambda v: (
            lambda S: (
                -0.5 * (v["x"] - v["mu"]) @ jnp.linalg.solve(S, v["x"] - v["mu"])
                - 0.5 * jnp.linalg.slogdet(S)[1]
            )
        ),
    ),
    (
        "multiclass-logistic-weights",
        r"\operatorname{tr}(Y^\top \log \operatorname{softmax}(X W))",
        "X: matrix[b, n]; W: matrix[n, m]; Y: matrix[b, m]",
        lambda m, n: {
            "X": RNG.normal(size=(4, n)),
            "W": RNG.normal(size=(n, m)),
            "Y": RNG.dirichlet(np.ones(m), size=4),
        },
        lambda v: lambda W: jnp.sum(v["Y"] * jax.nn.log_softmax(v["X"] @ W, axis=-1)),
    ),
    (
        "attention-queries",
        r"\operatorname{tr}(G^\top \operatorname{softmax}(Q K^\top / \tau) V)",
        r"Q: matrix[m, d]; K: matrix[k, d]; V: matrix[k, e]; G: matrix[m, e]; \tau: scalar, positive",
        lambda m, n: {
            "Q": RNG.normal(size=(m, n)),
            "K": RNG.normal(size=(3, n)),
            "V": RNG.normal(size=(3, 2)),
            "G": RNG.normal(size=(m, 2)),
            "tau": 1.7,
        },
        lambda v: (
            lambda Q: jnp.trace(
                v["G"].T @ jax.nn.softmax(Q @ v["K"].T / v["tau"], axis=-1) @ v["V"]
            )
        ),
    ),
    (
        "frobenius-ridge",
        r"\frac{1}{2}\|Y - X W\|_F^2 + \frac{\lambda}{2}\|W\|_F^2",
        r"X: matrix[b, n]; W: matrix[n, m]; Y: matrix[b, m]; \lambda: scalar, positive",
        lambda m, n: {
            "X": RNG.normal(size=(5, n)),
            "W": RNG.normal(size=(n, m)),
            "Y": RNG.normal(size=(5, m)),
            "lambda": 0.3,
        },
        lambda v: lambda W: 0.5 * jnp.sum((v["Y"] - v["X"] @ W) ** 2) + 0.15 * jnp.sum(W**2),
    ),
]

WRT = {
    "mahalanobis-in-covariance": "S",
    "gaussian-log-likelihood-in-covariance": "S",
    "multiclass-logistic-weights": "W",
    "attention-queries": "Q",
    "frobenius-ridge": "W",
}

# every size the rules could trip on: 1 x 1, a row, a column-shaped matrix, square, wide
SIZES = [(1, 1), (1, 3), (3, 1), (2, 2), (3, 2)]


def _square(latex_id: str) -> bool:
    return latex_id in {
        "log-det",
        "det",
        "trace-inverse",
        "mahalanobis-in-covariance",
        "gaussian-log-likelihood-in-covariance",
    }


PARAMS = [(case, m, n) for case in CASES for m, n in SIZES if m == n or not _square(case[0])]


@functools.cache
def _second_derivation(latex: str, wrt: str, symbols: str):
    """One derivation per case and its result compiled, shared by the case's sizes (the result
    holds the sizes as symbols)."""
    d = second_derivation(latex, wrt, parse_symbols(symbols))
    return d, dx.compile(d.result, symbols=parse_symbols(symbols))


#: a row and a column of a non-square matrix variable run in the thorough profile; 1 x 1, the
#: square and the wide one run every time
_THOROUGH_SIZES = {(1, 3), (3, 1)}


@pytest.mark.parametrize(
    "case, m, n",
    [
        pytest.param(
            c, m, n, marks=[pytest.mark.thorough("one more size")] * ((m, n) in _THOROUGH_SIZES)
        )
        for c, m, n in PARAMS
    ],
    ids=[f"{c[0]}-{m}x{n}" for c, m, n in PARAMS],
)
def test_matrix_hessian_against_jax_hessian(case, m, n):
    cid, latex, symbols, build, oracle = case
    wrt = WRT.get(cid, "X")
    table = parse_symbols(symbols)
    d, f = _second_derivation(latex, wrt, symbols)
    assert d.checked.startswith("agrees with JAX"), d.checked
    values = build(m, n)
    got = numbers(d.result, table, values, f)
    X0 = jnp.asarray(values[wrt])
    want = vec_layout(np.asarray(jax.hessian(oracle(values))(X0)))
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(got, got.T, rtol=1e-9, atol=1e-11)


def test_closed_forms_of_the_cookbook():
    """The Kronecker forms themselves, not only their numbers."""
    eye = sympy.Identity
    t = parse_symbols("X: matrix[m, n]; w: vector[n]; y: vector[m]; A: matrix[n, n]")
    w, A = t.symbol("w"), t.symbol("A")
    m = t.dim("m")
    assert dx.hessian(r"\frac{1}{2}\|X w - y\|^2", "X", t) == sympy.KroneckerProduct(
        w * w.T, eye(m)
    )
    assert dx.hessian(r"\operatorname{tr}(X A X^\top)", "X", t) == sympy.KroneckerProduct(
        A + A.T, eye(m)
    )
    assert dx.hessian(r"\operatorname{tr}(X^\top X)", "X", t) == 2 * eye(m * t.dim("n"))
    sq = parse_symbols("X: matrix[n, n]")
    Xs, n = sq.symbol("X"), sq.dim("n")
    H = dx.hessian(r"\log\det X", "X", sq)
    # d^2 log det X = -(X^{-1} (x) X^{-T}) K_{n,n}  (d X^{-T} = -X^{-T} dX^T X^{-T})
    assert H == -sympy.KroneckerProduct(Xs.I, Xs.I.T) * Commutation(n, n)


def test_a_sum_of_kronecker_products_is_not_folded_into_one():
    """SymPy's combine_kronecker turns A(x)B + C(x)D into (A+C)(x)(B+D), which is false; the
    Hessian of tr(X^{-1}) is exactly such a sum."""
    t = parse_symbols("X: matrix[n, n]")
    H = dx.hessian(r"\operatorname{tr}(X^{-1})", "X", t)
    kron_terms = [a for a in sympy.preorder_traversal(H) if isinstance(a, sympy.KroneckerProduct)]
    assert len(kron_terms) == 2
    X0 = well_conditioned(3)
    Xi = np.linalg.inv(X0)
    # d vec(-X^{-2T}) = (X^{-1} (x) X^{-2T} + X^{-2} (x) X^{-T}) K vec(dX), from the definition
    want = (np.kron(Xi, Xi.T @ Xi.T) + np.kron(Xi @ Xi, Xi.T)) @ commutation(3, 3)
    np.testing.assert_allclose(numbers(H, t, {"X": X0}), want, rtol=1e-10)


@pytest.mark.parametrize("p, q", [(1, 1), (1, 4), (4, 1), (2, 3), (3, 2), (3, 3)])
def test_the_commutation_matrix_transposes_vec(p, q):
    Y = RNG.normal(size=(p, q))
    K = np.asarray(sympy.Matrix(Commutation(p, q).doit()), dtype=float)
    np.testing.assert_array_equal(K, commutation(p, q))
    np.testing.assert_allclose(K @ vec(Y), vec(Y.T))
    # the compiled form, with symbolic sizes given at call time
    ps, qs = sympy.symbols("p q", integer=True, positive=True)
    f = dx.compile(Commutation(ps, qs), symbols="p, q: dim")
    got = np.asarray(f(*[{"p": p, "q": q}[a.key] for a in f.arguments]))
    np.testing.assert_array_equal(got, commutation(p, q))
    assert Commutation(p, q).T == Commutation(q, p)


def test_vec_stacks_columns_symbolically_and_compiled():
    A = sympy.Matrix([[1, 2, 3], [4, 5, 6]])
    assert Vec(A).doit() == sympy.Matrix([1, 4, 2, 5, 3, 6])
    t = parse_symbols("A: matrix[m, n]")
    f = dx.compile(Vec(t.symbol("A")), symbols=t)
    A0 = RNG.normal(size=(2, 3))
    # a column comes back as a 1-D array, as every vector derivax compiles
    np.testing.assert_array_equal(np.asarray(f(A0)), vec(A0).ravel())
    x = sympy.MatrixSymbol("x", 3, 1)
    assert Vec(x).doit() == x  # a column is its own vec


def test_the_hessian_says_its_layout_and_renders():
    d = second_derivation(r"\log\det X", "X", "X: matrix[n, n]")
    rules = " ".join(s.rule for s in d.steps)
    assert "vec" in rules and "stacking the columns" in rules
    latex = dx.to_latex(d.result)
    assert r"\otimes" in latex and "K_{n,n}" in latex
    d2 = second_derivation(r"\det X", "X", "X: matrix[n, n]")
    assert r"\operatorname{vec}" in dx.to_latex(d2.result)


def test_symmetric_matrices_are_differentiated_entry_by_entry():
    """For S declared spd, the gradient is written with S^T = S; its differential must not be:
    jax.hessian moves each entry of S on its own (an asymmetric direction)."""
    t = parse_symbols(r"x: vector[n]; S: spd[n]")
    d = second_derivation(r"x^\top S^{-1} x", "S", t)
    S0, x0 = spd(3), RNG.normal(size=3)
    got = numbers(d.result, t, {"S": S0, "x": x0})
    want = vec_layout(np.asarray(jax.hessian(lambda S: x0 @ jnp.linalg.solve(S, x0))(S0)))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_hessian_with_respect_to_matrix_entries_in_index_notation():
    """d^2 / dW_kl dW_qr of sum_i tanh(sum_j W_ij x_j + b_i): four free indices, none of them a
    dimension's name."""
    t = parse_symbols("W: matrix[m, n]; x: vector[n]; b: vector[m]; i, j: index")
    latex = r"\sum_{i=1}^{m} \tanh\left(\sum_{j=1}^{n} W_{ij} x_j + b_i\right)"
    d = second_derivation(latex, "W", t)
    assert len(d.output_indices) == 4 and len(set(d.output_indices)) == 4
    assert not {str(i) for i in d.output_indices} & {"m", "n"}
    W0, x0, b0 = RNG.normal(size=(3, 2)), RNG.normal(size=2), RNG.normal(size=3)
    k, l_, q, r = d.output_indices  # axes of W, W: (m, n, m, n)
    m, n = t.dim("m"), t.dim("n")
    ranges = {k: (1, m), l_: (1, n), q: (1, m), r: (1, n)}
    f = dx.compile(d.result, symbols=t, free_indices=list(d.output_indices), index_ranges=ranges)
    got = np.asarray(f(*[{"W": W0, "x": x0, "b": b0}[a.key] for a in f.arguments]))
    want = jax.hessian(lambda W: jnp.sum(jnp.tanh(W @ x0 + b0)))(W0)
    np.testing.assert_allclose(got, np.asarray(want), rtol=1e-10, atol=1e-12)


def test_a_matrix_valued_expression_has_no_hessian():
    with pytest.raises(DerivationError, match="needs a scalar"):
        dx.hessian(r"X w", "X", "X: matrix[m, n]; w: vector[n]")


@pytest.mark.parametrize(
    "latex, wrt, symbols",
    [
        (r"|x|", "x", "x: scalar"),
        (r"\sum_i |w_i|", "w", "w: vector[n]; i: index"),
        (r"\|w\|_1", "w", "w: vector[n]"),
        (r"\max(0, x)", "x", "x: scalar"),
    ],
)
def test_second_derivatives_at_a_kink_are_zero_where_they_exist_and_say_so(latex, wrt, symbols):
    d = second_derivation(latex, wrt, symbols)
    assert not d.result.has(sympy.DiracDelta)
    assert d.result == 0 or isinstance(d.result, sympy.ZeroMatrix)
    rules = [s.rule for s in d.steps]
    assert "derivative of a kink" in rules
    kink = next(s for s in d.steps if s.rule == "derivative of a kink")
    assert "u = 0" in kink.latex and "no derivative" in kink.latex


def test_a_matrix_hessian_jax_cannot_check_is_refused_not_reported():
    """The 50-digit finite-difference check knows vectors and scalars; a Hessian with respect to
    a matrix that JAX cannot evaluate (an unspecified function) is refused, not returned."""
    from derivax import Derivation
    from derivax._derive._check import cross_check

    t = parse_symbols("X: matrix[m, n]")
    X = t.symbol("X")
    g = sympy.Function("g")
    d = Derivation(g(sympy.Trace(X.T * X)), X, sympy.Identity(t.dim("m") * t.dim("n")))
    with pytest.raises(DerivationError, match="cross-checked against JAX only"):
        cross_check(d, t, "hessian-matrix")


def test_plain_evaluation_agrees_with_the_compiled_hessian():
    """``dx.evaluate`` walks the tree on its own (no code generation): Kronecker products, vec and
    the commutation matrix give the compiled numbers."""
    t = parse_symbols("X: matrix[n, n]")
    X0 = well_conditioned(3)
    for latex in (r"\log\det X", r"\det X", r"\operatorname{tr}(X^{-1})"):
        H = dx.hessian(latex, "X", t)
        np.testing.assert_allclose(
            np.asarray(dx.evaluate(H, {"X": X0}, t)), numbers(H, t, {"X": X0}), rtol=1e-12
        )


# -- Jacobians with respect to a matrix: d vec(F) = J vec(dX) --------------------------------------
JACOBIANS = [
    ("X w", "X", lambda v: lambda X: X @ v["w"]),
    (r"\tanh(X w + b)", "X", lambda v: lambda X: jnp.tanh(X @ v["w"] + v["b"])),
    (r"\operatorname{softmax}(X w)", "X", lambda v: lambda X: jax.nn.softmax(X @ v["w"])),
    ("X A", "X", lambda v: lambda X: X @ v["A"]),
    (r"X^\top X", "X", lambda v: lambda X: X.T @ X),
    (r"A^{-1}", "A", lambda v: lambda A: jnp.linalg.inv(A)),
    (r"A^\top", "A", lambda v: lambda A: A.T),
]


@pytest.mark.parametrize("latex, wrt, oracle", JACOBIANS, ids=[j[0] for j in JACOBIANS])
@pytest.mark.parametrize("m, n", [(1, 1), (3, 1), (1, 3), (3, 2)], ids=["1x1", "3x1", "1x3", "3x2"])
def test_jacobian_with_respect_to_a_matrix_against_jacfwd(latex, wrt, oracle, m, n):
    t = parse_symbols("X: matrix[m, n]; w: vector[n]; A: matrix[n, n]; b: vector[m]")
    J = dx.jacobian(latex, wrt, t)
    values = {
        "X": RNG.normal(size=(m, n)),
        "w": RNG.normal(size=n),
        "A": well_conditioned(n),
        "b": RNG.normal(size=m),
    }
    got = numbers(J, t, values)
    x0 = jnp.asarray(values[wrt])
    raw = np.asarray(jax.jacfwd(oracle(values))(x0))
    out_shape = raw.shape[: raw.ndim - 2]
    p, q = (*out_shape, 1) if len(out_shape) == 1 else out_shape
    rows, cols = x0.shape
    want = np.empty((p * q, rows * cols))
    for i, j, k, l_ in itertools.product(range(p), range(q), range(rows), range(cols)):
        want[i + j * p, k + l_ * rows] = raw[
            (i, j, k, l_) if q > 1 or len(out_shape) == 2 else (i, k, l_)
        ]
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-10, atol=1e-12)


def test_a_gradient_of_a_matrix_valued_expression_points_to_the_jacobian():
    with pytest.raises(DerivationError, match=r"dx\.jacobian"):
        dx.grad("X w", "X", "X: matrix[m, n]; w: vector[n]")


# -- round trip: the rendered Hessian and Jacobian read back to the same numbers -------------------
ROUND_TRIP = [(case, 2, 2) if _square(case[0]) else (case, 3, 2) for case in CASES]


@pytest.mark.parametrize("case, m, n", ROUND_TRIP, ids=[c[0] for c, _, _ in ROUND_TRIP])
def test_a_rendered_matrix_hessian_reads_back(case, m, n):
    """``\\otimes``, ``\\operatorname{vec}``, ``I_m`` and ``K_{m,n}`` as the renderer writes them are
    read back; the reading evaluates to ``jax.hessian`` of the hand-written function."""
    cid, latex, symbols, build, oracle = case
    wrt = WRT.get(cid, "X")
    table = parse_symbols(symbols)
    H = dx.hessian(latex, wrt, table)
    back = dx.parse(dx.to_latex(H, table), table)
    values = build(m, n)
    want = vec_layout(np.asarray(jax.hessian(oracle(values))(jnp.asarray(values[wrt]))))
    np.testing.assert_allclose(numbers(back, table, values), want, rtol=1e-9, atol=1e-11)


def test_the_commutation_matrix_renders_apart_from_a_declared_k():
    """With ``K`` declared (a kernel matrix), ``K_{n,n}`` would read back as an entry of it: the
    commutation matrix is written ``\\mathcal{K}_{n,n}`` there."""
    table = parse_symbols("K: spd[n]; A: matrix[n, n]")
    H = dx.hessian(r"\log\det A", "A", table)
    latex = dx.to_latex(H, table)
    assert r"\mathcal{K}_{n,n}" in latex and "K_{n,n}" not in latex.replace(r"\mathcal{K}", "")
    assert dx.parse(latex, table) == H
    assert "K_{n,n}" in dx.to_latex(H, "A: matrix[n, n]")


@pytest.mark.parametrize("latex, wrt, oracle", JACOBIANS, ids=[j[0] for j in JACOBIANS])
def test_a_rendered_matrix_jacobian_reads_back(latex, wrt, oracle):
    t = parse_symbols("X: matrix[m, n]; w: vector[n]; A: matrix[n, n]; b: vector[m]")
    J = dx.jacobian(latex, wrt, t)
    back = dx.parse(dx.to_latex(J, t), t)
    values = {
        "X": RNG.normal(size=(3, 2)),
        "w": RNG.normal(size=2),
        "A": well_conditioned(2),
        "b": RNG.normal(size=3),
    }
    np.testing.assert_allclose(
        numbers(back, t, values), numbers(J, t, values), rtol=1e-12, atol=1e-14
    )
