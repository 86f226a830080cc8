r"""``x_i`` with ``x`` a declared matrix, under a sum over ``i`` from 1 to one of its sizes: row (or
column) ``i`` as a vector, inside scalar products (``q^\top k_i``, ``\|x_i - y_i\|^2``,
``x_i^\top A x_i``). The family is generated over the orientation (rows of an N x d matrix,
columns of a d x N one) and the scalar contexts; every value is compared with NumPy written from
the definition, every gradient with central differences of that NumPy function, and claims with
their wrong twins. Where the range does not say which axis (a square matrix, a sum from 0, no
sum) or the row is used as a vector of its own, it is refused."""

from __future__ import annotations

import re

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError

N, D = 4, 3
RNG = np.random.default_rng(7)
DATA = RNG.normal(size=(N, D))
OTHER = RNG.normal(size=(N, D))
W = RNG.normal(size=D)
A = RNG.normal(size=(D, D))

# (orientation, declaration of x and y, how x's row i is read from the array given)
ORIENTATIONS = [
    ("rows", "x, y: matrix[N, d]", lambda m: m),
    ("columns", "x, y: matrix[d, N]", lambda m: m.T),
]
BASE = "w: vector[d]; A: matrix[d, d]; i: index; N, d: dim"

# (name, formula, value from the rows X, Y of the data (N x d), w and A)
CONTEXTS = [
    ("dot", r"\sum_{i=1}^{N} w^\top x_i", lambda X, Y, w: float(np.sum(X @ w))),
    (
        "squared distance",
        r"\frac{1}{N} \sum_{i=1}^{N} \| x_i - y_i \|_2^2",
        lambda X, Y, w: float(np.mean(np.sum((X - Y) ** 2, axis=1))),
    ),
    (
        "log-sum-exp of scores",
        r"\log \sum_{i=1}^{N} e^{w^\top x_i}",
        lambda X, Y, w: float(np.log(np.sum(np.exp(X @ w)))),
    ),
    (
        "quadratic form",
        r"\sum_{i=1}^{N} x_i^\top A x_i",
        lambda X, Y, w: float(np.einsum("ic,cl,il->", X, A, X)),
    ),
    (
        "norm beside a plain dot product",
        r"\sum_{i=1}^{N} \| x_i - w \| + w^\top w",
        lambda X, Y, w: float(np.sum(np.linalg.norm(X - w, axis=1)) + w @ w),
    ),
]


def _inputs(orient, latex):
    """The arrays the formula names (derivax refuses inputs a formula does not have)."""
    X, Y = orient(DATA), orient(OTHER)
    given = {"x": X.tolist(), "y": Y.tolist(), "w": W.tolist(), "A": A.tolist()}
    return {k: v for k, v in given.items() if re.search(rf"(?<![A-Za-z\\]){k}(?![A-Za-z])", latex)}


def _members():
    for o_name, decl, orient in ORIENTATIONS:
        for c_name, latex, value in CONTEXTS:
            yield pytest.param(f"{decl}; {BASE}", orient, latex, value, id=f"{o_name}-{c_name}")


@pytest.mark.parametrize(("symbols", "orient", "latex", "value"), list(_members()))
def test_a_row_in_a_scalar_product_evaluates_as_numpy_does(symbols, orient, latex, value):
    got = float(np.asarray(dx.evaluate(latex, _inputs(orient, latex), symbols)))
    assert got == pytest.approx(value(DATA, OTHER, W), rel=1e-10)


@pytest.mark.parametrize(
    ("symbols", "orient", "latex", "value"),
    [p for p in _members() if "w" in p.values[2]],
)
def test_the_gradient_with_respect_to_the_vector_matches_central_differences(
    symbols, orient, latex, value
):
    g = dx.grad(latex, "w", symbols)
    got = np.asarray(dx.evaluate(g, _inputs(orient, str(g)), symbols), dtype=float).ravel()
    h, want = 1e-6, np.zeros(D)
    for k in range(D):
        e = np.zeros(D)
        e[k] = h
        want[k] = (value(DATA, OTHER, W + e) - value(DATA, OTHER, W - e)) / (2 * h)
    assert np.allclose(got, want, rtol=1e-6, atol=1e-8)


def test_the_reading_is_listed_and_says_the_orientation():
    from derivax.latex import reading

    rows = reading(r"\sum_{i=1}^{N} w^\top x_i", f"x: matrix[N, d]; {BASE}")
    assert any("row i of the matrix `x`" in r for r in rows.rules)
    cols = reading(r"\sum_{i=1}^{N} w^\top x_i", f"x: matrix[d, N]; {BASE}")
    assert any("column i of the matrix `x`" in r for r in cols.rules)


@pytest.mark.parametrize(
    ("claim", "expect"),
    [
        (r"\sum_{i=1}^N \|x_i\|^2 = \sum_{i=1}^N \sum_{j=1}^d x_{ij}^2", "proved"),
        (r"\sum_{i=1}^N \|x_i\|^2 = \sum_{i=1}^N \sum_{j=1}^d x_{ij}", "refuted"),
        (r"\sum_{i=1}^{N} (w^\top x_i)^2 = w^\top x^\top x w", {"proved", "plausible"}),
        (r"\sum_{i=1}^{N} (w^\top x_i)^2 = w^\top x^\top x w + 1", "refuted"),
        (r"\sum_{i=1}^{N} w^\top x_i = \sum_{i=1}^{N} \sum_{j=1}^{d} w_j x_{ij}", "proved"),
        (r"\sum_{i=1}^{N} w^\top x_i = \sum_{i=1}^{N} \sum_{j=1}^{d} w_j x_{ji}", None),
    ],
)
def test_claims_and_their_wrong_twins(claim, expect):
    symbols = f"x: matrix[N, d]; {BASE}; j: index"
    if expect is None:
        # x_{ji} of an N x d matrix: the sizes do not fit, never a verdict on another reading
        with pytest.raises(dx.DerivaxError):
            v = dx.check(claim, symbols)
            assert v.status not in ("proved", "refuted"), v
            raise dx.DerivaxError(v.status)
        return
    v = dx.check(claim, symbols)
    assert v.status in ({expect} if isinstance(expect, str) else expect), v


@pytest.mark.parametrize(
    ("formula", "symbols", "words"),
    [
        # a square matrix: the range fits both axes
        (
            r"\sum_{i=1}^{n} w^\top Q_i",
            "Q: matrix[n, n]; w: vector[n]; i: index; n: dim",
            "row or a column",
        ),
        # a sum from 0, or to another size, or none at all
        (r"\sum_{i=0}^{N} w^\top x_i", f"x: matrix[N, d]; {BASE}", "row or a column"),
        (r"\sum_{i=1}^{K} w^\top x_i", f"x: matrix[N, d]; {BASE}; K: dim", "row or a column"),
        (r"w^\top x_i", f"x: matrix[N, d]; {BASE}", "row or a column"),
        # the row as a vector of its own
        (r"\sum_{i=1}^N x_i", f"x: matrix[N, d]; {BASE}", "used as a vector of its own"),
        (
            r"\sum_{i=1}^{N} f(x_i)",
            f"x: matrix[N, d]; {BASE}; f: function",
            "used as a vector of its own",
        ),
    ],
)
def test_where_the_row_is_not_decided_it_is_refused(formula, symbols, words):
    with pytest.raises(ParseError, match=words):
        dx.parse(formula, symbols)


@pytest.mark.parametrize("letter", ["c", "l", "m", "p", "s", "u", "v"])
def test_the_written_out_product_never_captures_the_sum_s_own_index(letter):
    # the sum's index is a bound letter, no free symbol: the product's index must differ from it
    symbols = "x: matrix[N, d]; w: vector[d]; N, d: dim"
    X = RNG.normal(size=(N, D))
    latex = rf"\sum_{{{letter}=1}}^{{N}} \sum_{{i=1}}^{{N}} (w^\top x_{letter}) (w^\top x_i)"
    got = float(np.asarray(dx.evaluate(latex, {"x": X.tolist(), "w": W.tolist()}, symbols)))
    assert got == pytest.approx(float(np.sum(X @ W) ** 2), rel=1e-10)


@pytest.mark.parametrize("orient, symbols, pick", ORIENTATIONS)
@pytest.mark.parametrize(
    "claim",
    [
        r"\sum_{i=1}^{N} \|x_i - y_i\|^2 \ge 0",
        r"\sum_{i=1}^{N} (x_i^\top w)^2 \ge 0",
        r"0 \le \sum_{i=1}^{N} \|x_i\|^2",
    ],
)
def test_a_sum_of_squares_of_rows_stays_a_claim_to_check(orient, symbols, pick, claim):
    # written out entry by entry, the relation was rebuilt and SymPy evaluated it to True: "is
    # not a claim" for a true inequality
    v = dx.check(claim, symbols=f"{symbols}; {BASE}", cache=False)
    assert v.status == "proved", v.reason


@pytest.mark.parametrize("orient, symbols, pick", ORIENTATIONS)
def test_a_row_beside_an_inverse_reads_the_inverse_s_entries(orient, symbols, pick):
    f = dx.compile(r"\sum_{i=1}^{N} x_i^\top S^{-1} x_i", symbols=f"{symbols}; S: spd[d]; {BASE}")
    B = RNG.normal(size=(D, D))
    S = B @ B.T + D * np.eye(D)
    X = pick(DATA)
    want = sum(r @ np.linalg.solve(S, r) for r in DATA)
    assert float(f(x=X, S=S)) == pytest.approx(want, rel=1e-4)
