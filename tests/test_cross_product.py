r"""The cross product of two vectors of 3 entries, `\mathbf{a} \times \mathbf{b}`, and the matrix of
the cross product with one, `[\mathbf{t}]_\times` (the essential matrix `[t]_\times R` of
multi-view geometry): values against `numpy.cross`, gradients against central differences.
Side conditions: both operands column vectors declared with 3 entries; a vector of a symbolic
size is refused naming the declaration; a mark after brackets that is no index (`[a]_\cdot`) is
refused (it had been read as an entry picked by an index named `\cdot`, silently); `\times`
between numbers stays a product; a dot or cross product in parentheses is one factor."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax.latex import reading

TABLE = "a, b, c: vector[3]; R: matrix[3, 3]"
RNG = np.random.default_rng(3)
A, B, C = RNG.normal(size=3), RNG.normal(size=3), RNG.normal(size=3)
ROT = np.linalg.qr(RNG.normal(size=(3, 3)))[0]


def _skew(v):
    return np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])


VALUES = [
    (r"\mathbf{a} \times \mathbf{b}", lambda: np.cross(A, B)),
    (r"a \times b + c", lambda: np.cross(A, B) + C),
    (r"\mathbf{c}^\top (\mathbf{a} \times \mathbf{b})", lambda: C @ np.cross(A, B)),
    (r"c^\top \left( a \times b \right)", lambda: C @ np.cross(A, B)),
    (r"(a \times b) \cdot c", lambda: C @ np.cross(A, B)),
    (r"\| a \times b \|_2", lambda: np.linalg.norm(np.cross(A, B))),
    (r"[\mathbf{a}]_\times \mathbf{b}", lambda: np.cross(A, B)),
    (r"c^\top \left[ a \right]_{\times} R b", lambda: C @ _skew(A) @ ROT @ B),
    (r"c (a \cdot b)", lambda: C * (A @ B)),
    (r"2 \times 3 \, a", lambda: 6 * A),
]


@pytest.mark.parametrize(("tex", "want"), VALUES)
def test_a_cross_product_against_numpy(tex, want):
    values = {"a": A, "b": B, "c": C, "R": ROT}
    names = {
        str(s).strip("\\").split("{")[-1].strip("}") for s in dx.parse(tex, TABLE).free_symbols
    }
    used = {k: v for k, v in values.items() if k in names}
    got = np.asarray(dx.evaluate(tex, used, TABLE), dtype=float)
    np.testing.assert_allclose(got.reshape(np.shape(want())), want(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(
    ("tex", "wrt", "want"),
    [
        (r"c^\top (a \times b)", "a", lambda: np.cross(B, C)),
        (r"c^\top (a \times b)", "b", lambda: np.cross(C, A)),
        (r"c^\top (a \times b)", "c", lambda: np.cross(A, B)),
        # the epipolar residual x'^T [t]_x R x, differentiated in the rotation
        (r"c^\top [a]_\times R b", "R", lambda: np.outer(_skew(A).T @ C, B)),
        (r"\| a \times b \|^2", "a", lambda: 2 * np.cross(B, np.cross(A, B))),
    ],
)
def test_the_gradient_of_a_cross_product(tex, wrt, want):
    values = {"a": A, "b": B, "c": C, "R": ROT}
    d = dx.derive(tex, wrt, TABLE)
    used = {k: values[k] for k in dx.compile(d.result, symbols=TABLE).plain_args}
    got = np.asarray(dx.evaluate(d, used), dtype=float)
    np.testing.assert_allclose(got.reshape(np.shape(want())), want(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    ("tex", "symbols", "culprit"),
    [
        (r"x \times y", "x, y: vector[n]", "declared with 3 entries"),
        (r"[x]_\times y", "x, y: vector[n]", "declared with 3 entries"),
        (r"[a]_\cdot", TABLE, "no index"),
        (r"(a)_{\star} + b", TABLE, "no index"),
    ],
)
def test_what_is_no_cross_product_is_refused_naming_it(tex, symbols, culprit):
    with pytest.raises(dx.ParseError, match=culprit):
        dx.parse(tex, symbols)


def test_the_reading_is_listed():
    assert any("cross product" in r for r in reading(r"a \times b", TABLE).rules)
    assert any("cross-product matrix" in r for r in reading(r"[a]_\times", TABLE).rules)
