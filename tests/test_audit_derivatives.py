"""The high-precision evaluator's gradients and Hessians written out entry by entry (the audit of
every ``proved`` and the confirmation of every ``refuted`` use them): exact derivatives in the
field of rational functions where the expression is one, SymPy's ``diff`` elsewhere, and one
evaluation per derivative and point.

Oracles: SymPy's ``diff`` of the same expression followed by entering the point (the path the
evaluator took before, exact: the values must be equal, not close), and NumPy written from the
definitions of the matrix derivatives (float64, close)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from derivax import _functions as F
from derivax._verify import _exact_diff, _precise_calculus
from derivax._verify._exact_diff import derivatives_at
from derivax._verify._precise import Point, value

m, n, k = sympy.symbols("m n k", integer=True, positive=True)


def _by_sympy_diff(f, syms, values, pairs):
    entered = dict(zip(syms, values, strict=True))
    return [sympy.diff(f, *(syms[a] for a in p)).xreplace(entered) for p in pairs]


def _random_rationals(rng, count, edge=False):
    out = []
    for _ in range(count):
        if edge and rng.random() < 0.5:
            out.append(sympy.Rational(int(rng.choice([-1, 0, 1, 2]))))
        else:
            out.append(sympy.Rational(float(rng.normal())))  # a binary float, exactly
    return out


def _families(xs):
    a, b, c, d = xs[:4]
    X = sympy.ImmutableMatrix(2, 2, xs[:4])
    return [
        a**2 * b - 3 * c * d + sympy.Rational(1, 7),
        X.det(),
        (X * X.T).trace(),
        X.inv()[0, 1] if X.det() != 0 else a,
        (a + b) / (1 + c**2),
        (a**2 - b**2) / (a - b),  # cancels in the field: its pole at a = b must stay a pole
        a / (1 + 1 / (b - 1)),
        sympy.log(1 + a**2) * b,  # not rational: SymPy's diff
        sympy.exp(a) + sympy.Float(0.5) * b,
    ]


@pytest.mark.parametrize("seed", range(6))
def test_derivatives_equal_sympy_diff_exactly(seed):
    rng = np.random.default_rng(seed)
    xs = list(sympy.symbols("x0:4", real=True))
    for f in _families(xs):
        values = _random_rationals(rng, 4, edge=seed % 2 == 1)
        pairs = [(0,), (1,), (3,), (0, 1), (2, 2)]
        got = derivatives_at(f, xs, values, pairs)
        want = _by_sympy_diff(f, xs, values, pairs)
        assert [sympy.srepr(g) for g in got] == [sympy.srepr(w) for w in want], f


def test_a_pole_of_the_written_expression_stays_a_pole():
    a, b = sympy.symbols("a b", real=True)
    f = (a**2 - b**2) / (a - b)  # a + b after cancelling, but undefined at a = b
    got = derivatives_at(f, [a, b], [sympy.S(2), sympy.S(2)], [(0,)])
    assert got[0].has(sympy.nan, sympy.zoo)
    assert derivatives_at(f, [a, b], [sympy.S(2), sympy.S(3)], [(0,)]) == [1]


def _matrices(shapes, rng, edge=False):
    out = {}
    for name, shape in shapes.items():
        v = rng.normal(size=shape)
        if edge:
            v[rng.random(size=shape) < 0.3] = 0.0
        out[name] = v
    return out


def _cases():
    """(expression, variable name, sizes, shapes of the inputs, NumPy gradient)."""
    A_mn, B_km, X_kn = (
        sympy.MatrixSymbol("A", m, n),
        sympy.MatrixSymbol("B", k, m),
        sympy.MatrixSymbol("X", k, n),
    )
    X_nn, A_nn = sympy.MatrixSymbol("X", n, n), sympy.MatrixSymbol("A", n, n)
    X_mn = sympy.MatrixSymbol("X", m, n)
    x, A = sympy.MatrixSymbol("x", n, 1), sympy.MatrixSymbol("A", n, n)
    return [
        # tr(A X^T B) = sum_ij (B A)_ij X_ij: the gradient is B A (non-square, transposes)
        (
            sympy.Trace(A_mn * X_kn.T * B_km),
            "X",
            lambda s: {"A": (s[m], s[n]), "B": (s[k], s[m]), "X": (s[k], s[n])},
            lambda v: v["B"] @ v["A"],
        ),
        # det X: its cofactor matrix, det(X) X^{-T}
        (
            sympy.Determinant(X_nn),
            "X",
            lambda s: {"X": (s[n], s[n])},
            lambda v: np.linalg.det(v["X"]) * np.linalg.inv(v["X"]).T,
        ),
        # tr(X^{-1} A): -(X^{-1} A X^{-1})^T
        (
            sympy.Trace(sympy.Inverse(X_nn) * A_nn),
            "X",
            lambda s: {"X": (s[n], s[n]), "A": (s[n], s[n])},
            lambda v: -(np.linalg.inv(v["X"]) @ v["A"] @ np.linalg.inv(v["X"])).T,
        ),
        # tr(X^T X) + tr(A^T X): 2 X + A (a sum, non-square)
        (
            sympy.Trace(X_mn.T * X_mn) + sympy.Trace(A_mn.T * X_mn),
            "X",
            lambda s: {"X": (s[m], s[n]), "A": (s[m], s[n])},
            lambda v: 2 * v["X"] + v["A"],
        ),
        # x^T A x: (A + A^T) x
        (
            (x.T * A * x)[0, 0],
            "x",
            lambda s: {"x": (s[n], 1), "A": (s[n], s[n])},
            lambda v: (v["A"] + v["A"].T) @ v["x"],
        ),
    ]


def _point(sizes, values):
    return Point(sizes=dict(sizes), values={name: v.copy() for name, v in values.items()})


SIZE_SETS = [{m: 1, n: 1, k: 1}, {m: 2, n: 3, k: 1}, {m: 3, n: 2, k: 2}, {m: 1, n: 2, k: 3}]


@pytest.mark.parametrize("case", range(len(_cases())))
@pytest.mark.parametrize("sizes", range(len(SIZE_SETS)))
def test_gradient_against_numpy_and_the_sympy_path(case, sizes, monkeypatch):
    expr, var, shapes, oracle = _cases()[case]
    s = SIZE_SETS[sizes]
    rng = np.random.default_rng(10 * case + sizes)
    X = next(a for a in expr.atoms(sympy.MatrixSymbol) if a.name == var)
    g = F.Gradient(expr, X)
    for edge in (False, True):
        values = _matrices(shapes(s), rng, edge=edge)
        if case in (1, 2) and abs(np.linalg.det(values["X"])) < 1e-3:
            values["X"] += 2 * np.eye(values["X"].shape[0])
        got = value(g, _point(s, values), 50)
        want = oracle(values)
        assert got.shape == want.shape
        np.testing.assert_allclose(np.array(got, dtype=float), want, rtol=1e-9, atol=1e-12)
        with monkeypatch.context() as patched:
            patched.setattr(_precise_calculus, "derivatives_at", _by_sympy_diff)
            before = value(g, _point(s, values), 50)
        assert got == before  # the same 50 digits as the path through SymPy's diff


@pytest.mark.parametrize("size", [1, 2, 3])
def test_hessian_against_numpy_and_the_sympy_path(size, monkeypatch):
    x, A = sympy.MatrixSymbol("x", n, 1), sympy.MatrixSymbol("A", n, n)
    u = sympy.MatrixSymbol("u", n, 1)
    # x^T A x + (u^T x)^3: A + A^T + 6 (u^T x) u u^T
    expr = (x.T * A * x)[0, 0] + ((u.T * x)[0, 0]) ** 3
    h = F.Hessian(expr, x)
    rng = np.random.default_rng(size)
    values = {
        "x": rng.normal(size=(size, 1)),
        "A": rng.normal(size=(size, size)),
        "u": rng.normal(size=(size, 1)),
    }
    got = value(h, _point({n: size}, values), 50)
    ux = (values["u"].T @ values["x"]).item()
    want = values["A"] + values["A"].T + 6 * ux * values["u"] @ values["u"].T
    np.testing.assert_allclose(np.array(got, dtype=float), want, rtol=1e-9, atol=1e-12)
    with monkeypatch.context() as patched:
        patched.setattr(_precise_calculus, "derivatives_at", _by_sympy_diff)
        assert value(h, _point({n: size}, values), 50) == got


def test_a_gradient_is_written_out_once_per_point_and_again_at_new_values(monkeypatch):
    X, A = sympy.MatrixSymbol("X", n, n), sympy.MatrixSymbol("A", n, n)
    g = F.Gradient(sympy.Trace(A * X * X), X)  # (A X + X A)^T
    calls = []
    original = _exact_diff.derivatives_at

    def counted(*args):
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(_precise_calculus, "derivatives_at", counted)
    rng = np.random.default_rng(5)
    values = {"X": rng.normal(size=(2, 2)), "A": rng.normal(size=(2, 2))}
    p = _point({n: 2}, values)
    first = value(g, p, 50)
    again = value(g + g, p, 50)  # the same gradient at the same point: not written out again
    assert len(calls) == 1
    assert again == 2 * first
    p.values["A"] = rng.normal(size=(2, 2))  # new values at the same Point object
    moved = value(g, p, 50)
    assert len(calls) == 2
    Xv, Av = p.values["X"], p.values["A"]
    np.testing.assert_allclose(np.array(moved, dtype=float), (Av @ Xv + Xv @ Av).T, rtol=1e-9)


def _value_cases():
    """(expression, shapes of the inputs, NumPy value): matrix expressions without derivatives."""
    A, B = sympy.MatrixSymbol("A", m, n), sympy.MatrixSymbol("B", m, n)
    S, C = sympy.MatrixSymbol("S", n, n), sympy.MatrixSymbol("C", n, k)
    return [
        (
            sympy.HadamardProduct(A, B).T * A + S,
            lambda s: {"A": (s[m], s[n]), "B": (s[m], s[n]), "S": (s[n], s[n])},
            lambda v: (v["A"] * v["B"]).T @ v["A"] + v["S"],
        ),
        (
            sympy.Trace(sympy.Inverse(S) * C * C.T) * sympy.Determinant(S),
            lambda s: {"S": (s[n], s[n]), "C": (s[n], s[k])},
            lambda v: np.trace(np.linalg.inv(v["S"]) @ v["C"] @ v["C"].T) * np.linalg.det(v["S"]),
        ),
        (
            (A * C).T * B - 2 * C.T * (A.T * B),
            lambda s: {"A": (s[m], s[n]), "B": (s[m], s[n]), "C": (s[n], s[k])},
            lambda v: -(v["A"] @ v["C"]).T @ v["B"],
        ),
    ]


@pytest.mark.parametrize("case", range(len(_value_cases())))
@pytest.mark.parametrize("sizes", range(len(SIZE_SETS)))
def test_matrix_values_against_numpy(case, sizes):
    expr, shapes, oracle = _value_cases()[case]
    s = SIZE_SETS[sizes]
    rng = np.random.default_rng(100 + 10 * case + sizes)
    values = _matrices(shapes(s), rng)
    if "S" in values:
        values["S"] += 3 * np.eye(values["S"].shape[0])
    got = value(expr, _point(s, values), 50)
    want = np.asarray(oracle(values), dtype=float)
    got = np.array(got, dtype=float) if isinstance(got, sympy.MatrixBase) else float(got)
    np.testing.assert_allclose(got, want.reshape(np.shape(got)), rtol=1e-9, atol=1e-12)
