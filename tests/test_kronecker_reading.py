"""Reading the notation of matrix Hessians: ``\\otimes``, ``\\operatorname{vec}``, ``K_{m,n}``,
``I_{n}``, ``\\mathbf{1}_{n}`` and the entrywise power ``A^{\\circ p}``.

The oracle is NumPy written from the definitions here (``np.kron``; vec stacks the columns; the
commutation matrix built entry by entry), never derivax's own evaluation of another reading.
Side conditions tested: sizes of 1 (``K_{1,n}`` is the identity), an identity without a size
(refused), a scalar operand (refused), a product of matrices next to ``\\otimes`` (juxtaposition
binds tighter, noted), a ``K`` the table declares (then ``K_{n,n}`` is an entry of it), and a
square matrix, where ``A^{2}`` is the matrix power and ``A^{\\circ 2}`` the entrywise one.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest
import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

import derivax as dx
from derivax import ParseError
from derivax.latex import reading

RNG = np.random.default_rng(5)
TABLE = (
    "A: matrix[p, q]; B: matrix[r, s]; C: matrix[q, p]; D: matrix[s, r]; X: matrix[p, r]; "
    "S: matrix[n, n]; v: vector[n]; m, n, p, q, r, s: dim"
)


def vec(M: np.ndarray) -> np.ndarray:
    return M.T.reshape(-1)


def commutation(p: int, q: int) -> np.ndarray:
    """K with K vec(Y) = vec(Y^T) for a p x q Y, entry by entry."""
    K = np.zeros((p * q, p * q))
    for i, j in itertools.product(range(p), range(q)):
        K[j + i * q, i + j * p] = 1.0
    return K


def evaluate(latex: str, values: dict) -> np.ndarray:
    return np.asarray(dx.evaluate(latex, values, TABLE), dtype=float)


@pytest.mark.parametrize("shapes", [((2, 3), (3, 1)), ((1, 1), (2, 2)), ((3, 2), (1, 4))])
def test_otimes_is_the_kronecker_product(shapes):
    A, B = RNG.normal(size=shapes[0]), RNG.normal(size=shapes[1])
    np.testing.assert_allclose(evaluate(r"A \otimes B", {"A": A, "B": B}), np.kron(A, B))
    np.testing.assert_allclose(
        evaluate(r"A \otimes B \otimes A", {"A": A, "B": B}), np.kron(np.kron(A, B), A)
    )


def test_juxtaposition_binds_tighter_than_otimes_and_is_noted():
    A, B = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 4))
    C, D = RNG.normal(size=(3, 2)), RNG.normal(size=(4, 2))
    values = {"A": A, "B": B, "C": C, "D": D}
    got = evaluate(r"A C \otimes B D", values)
    np.testing.assert_allclose(got, np.kron(A @ C, B @ D))
    rules = " ".join(reading(r"A C \otimes B D", TABLE).rules)
    assert r"`(A C) \otimes (B D)`" in rules
    # the mixed-product rule, both sides from the definition
    lhs = evaluate(r"\left(A \otimes B\right)\left(C \otimes D\right)", values)
    np.testing.assert_allclose(lhs, np.kron(A, B) @ np.kron(C, D))
    np.testing.assert_allclose(lhs, got)


def test_a_parenthesized_kronecker_product_is_one_factor():
    B, X, C = RNG.normal(size=(4, 2)), RNG.normal(size=(2, 4)), RNG.normal(size=(3, 2))
    got = evaluate(
        r"\operatorname{vec}(X)^\top \left(B \otimes C^\top\right)", {"X": X, "B": B, "C": C}
    )
    np.testing.assert_allclose(got.reshape(-1), vec(X) @ np.kron(B, C.T))


def test_vec_stacks_columns_and_the_vec_identity_holds():
    C, X, B = RNG.normal(size=(3, 2)), RNG.normal(size=(2, 4)), RNG.normal(size=(4, 5))
    values = {"C": C, "X": X, "B": B}
    np.testing.assert_allclose(evaluate(r"\operatorname{vec}(X)", {"X": X}).reshape(-1), vec(X))
    left = evaluate(r"\operatorname{vec}(C X B)", values).reshape(-1)
    right = evaluate(r"\left(B^\top \otimes C\right) \operatorname{vec}(X)", values).reshape(-1)
    np.testing.assert_allclose(left, vec(C @ X @ B))
    np.testing.assert_allclose(right, vec(C @ X @ B))
    # a column is its own vec
    assert dx.parse(r"\operatorname{vec}(v)", TABLE) == dx.parse("v", TABLE)


@pytest.mark.parametrize("pq", [(1, 1), (1, 3), (3, 1), (2, 3), (3, 3)])
def test_k_subscripted_by_two_sizes_is_the_commutation_matrix(pq):
    p, q = pq
    got = evaluate("K_{m,n}", {"m": p, "n": q})
    np.testing.assert_array_equal(got, commutation(p, q))
    Y = RNG.normal(size=(p, q))
    np.testing.assert_allclose(commutation(p, q) @ vec(Y), vec(Y.T))
    rules = " ".join(reading("K_{m,n}", TABLE).rules)
    assert "commutation matrix" in rules
    # with numbers for sizes
    np.testing.assert_array_equal(evaluate(f"K_{{{p},{q}}}", {}), commutation(p, q))


def test_a_declared_k_keeps_its_meaning_and_the_calligraphic_k_is_the_commutation_matrix():
    table = "K: matrix[n, n]; n: dim"
    assert not isinstance(dx.parse("K_{n,n}", table), MatrixExpr)  # an entry, a scalar
    K0 = RNG.normal(size=(3, 3))
    assert float(dx.evaluate("K_{n,n}", {"K": K0}, table)) == K0[2, 2]
    got = np.asarray(dx.evaluate(r"\mathcal{K}_{n,n}", {"n": 2}, table), dtype=float)
    np.testing.assert_array_equal(got, commutation(2, 2))


def test_k_with_one_subscript_or_a_non_size_is_no_commutation_matrix():
    for latex in ("K_{m}", "K_{x,y}", "K_{0,2}"):
        e = dx.parse(latex, TABLE)
        assert not isinstance(e, MatrixExpr), latex


def test_identity_and_ones_with_their_sizes():
    np.testing.assert_array_equal(evaluate("2 I_{m n}", {"m": 2, "n": 3}), 2 * np.eye(6))
    np.testing.assert_array_equal(evaluate("I_3", {}), np.eye(3))
    np.testing.assert_array_equal(evaluate(r"\mathbf{1}_{n}", {"n": 4}).reshape(-1), np.ones(4))
    np.testing.assert_array_equal(
        evaluate(r"\mathbf{1}_{m \times n}", {"m": 2, "n": 3}), np.ones((2, 3))
    )
    np.testing.assert_array_equal(evaluate(r"\mathbf{1}_{2 \times 3}", {}), np.ones((2, 3)))
    # an identity in a sum with a scalar stays the documented scalar reading
    assert not isinstance(dx.parse("I_n + 2", TABLE), MatrixExpr)


def test_entrywise_power_differs_from_the_matrix_power_on_a_square_matrix():
    S = RNG.normal(size=(3, 3)) + 3 * np.eye(3)
    np.testing.assert_allclose(evaluate(r"S^{\circ 2}", {"S": S}), S * S)
    np.testing.assert_allclose(evaluate(r"S^{2}", {"S": S}), S @ S)
    np.testing.assert_allclose(evaluate(r"S^{\circ -1}", {"S": S}), 1 / S)
    np.testing.assert_allclose(evaluate(r"S^{-1}", {"S": S}), np.linalg.inv(S))
    np.testing.assert_allclose(evaluate(r"S^{\circ \frac{1}{2}}", {"S": S * S}), np.abs(S))


@pytest.mark.parametrize(
    "latex, message",
    [
        (r"2 \otimes A", "is a scalar"),
        (r"A \otimes I", "needs its size"),
        (r"A \odot A \otimes B", "in parentheses"),
        (r"\sum_{i=1}^{n} {A \otimes B}", "in parentheses"),
        (r"A \otimes", "needs an operand"),
        (r"\operatorname{vec}(2)", "stacks the columns of a matrix"),
        (r"\mathbf{1}", "needs its size"),
        (r"\mathbf{1}_{x}", "is a size"),
        (r"S^{\circ}", "needs the power"),
        (r"S^{\circ S}", "scalar power"),
    ],
)
def test_what_leaves_the_reading_open_is_refused_by_name(latex, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, TABLE)


def test_the_command_line_refuses_a_scalar_kronecker_operand_with_exit_code_2():
    run = subprocess.run(
        [sys.executable, "-m", "derivax", "parse", r"2 \otimes A", "--symbols", "A: matrix[n, n]"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "is a scalar" in run.stderr and "Traceback" not in run.stderr


# -- the renderer writes what reads back ----------------------------------------------------------
X_ = sympy.Dummy("x")
BODIES = [
    1 / X_,
    X_**2,
    X_ * (1 - X_),
    sympy.exp(-X_) * X_,
    2 / X_**2,
    sympy.tanh(X_) ** 2,
    1 - sympy.tanh(X_) ** 2,
    sympy.exp(X_),
    sympy.sqrt(X_),
]


@pytest.mark.parametrize("body", BODIES, ids=[str(b) for b in BODIES])
@pytest.mark.parametrize("name", ["S", "v"])
def test_an_entrywise_function_renders_as_it_reads_back(body, name):
    """``1/x`` of a square matrix printed as ``\\frac{1}{S}`` would read back as the inverse, and
    ``\\tanh(S)^2`` as a matrix square: an entrywise map renders with ``\\odot`` and ``^{\\circ k}``."""
    table = dx.SymbolTable.coerce(TABLE)
    M = table.symbol(name)
    e = ElementwiseApplyFunction(sympy.Lambda(X_, body), M)
    back = dx.parse(dx.to_latex(e), table)
    value = np.abs(RNG.normal(size=(3, 3) if name == "S" else 3)) + 0.5
    f = sympy.lambdify(X_, body, "numpy")
    np.testing.assert_allclose(
        np.asarray(dx.evaluate(back, {name: value}, table), dtype=float).reshape(value.shape),
        f(value),
        rtol=1e-12,
    )


def test_a_determinant_as_a_factor_renders_with_parentheses():
    table = dx.SymbolTable.coerce("X: matrix[n, n]; A: matrix[n, n]")
    X, A = table.symbol("X"), table.symbol("A")
    for e in (sympy.Determinant(X) * A, -sympy.Determinant(X) * A * X):
        assert dx.parse(dx.to_latex(e), table) == e
    assert dx.to_latex(sympy.log(sympy.Determinant(X))) == r"\log(\det X)"


@pytest.mark.parametrize(
    "symbols",
    [
        "I: identity[n]; x: vector[n]; m: dim",
        "I: scalar; x: vector[n]; m: dim",
        "x: vector[n]; m: dim",
    ],
)
def test_an_identity_renders_as_its_table_reads_it(symbols):
    """With ``I: identity[n]`` declared, ``I_{n}`` reads as a name of its own: the identity of the
    declared size is written bare, any other as ``\\mathbb{I}_{m}``; with ``I`` a scalar, always
    ``\\mathbb{I}_{m}``."""
    table = dx.SymbolTable.coerce(symbols)
    n, m, x = table.dim("n"), table.dim("m"), table.symbol("x")
    for e in (
        2 * sympy.Identity(n),
        sympy.Identity(m),
        sympy.KroneckerProduct(x, sympy.Identity(n)),
    ):
        assert dx.parse(dx.to_latex(e, table), table) == e
