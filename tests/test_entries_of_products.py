r"""Gradients through an entry of a matrix product, ``(X w)_i`` and ``(W^\top v)_j``, as papers
write them: the entry is written in index notation (``\sum_c X_{ic} w_c``) and differentiated
there. An inverse inside the entry is still refused. And the gradient with respect to a matrix,
in entry form, is read back by ``dx.evaluate`` in its layout (row, column): its row index is named
before its column index. Against NumPy written from the definition; sizes of 1 included."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax._errors import DerivaxError

S = "X: matrix[n, m]; W: matrix[n, m]; w: vector[m]; v: vector[n]; i, j: index"


def _sigmoid(t):
    return 1 / (1 + np.exp(-t))


CASES = [
    # (latex, variable, gradient from the definition)
    (r"\sum_{i=1}^{n} (X w)_i^2", "w", lambda X, W, w, v: 2 * X.T @ (X @ w)),
    (r"\sum_{j=1}^{m} (W^\top v)_j^2", "v", lambda X, W, w, v: 2 * W @ (W.T @ v)),
    (
        r"\sum_{j=1}^{m} \log(1 + e^{(W^\top v)_j})",
        "v",
        lambda X, W, w, v: W @ _sigmoid(W.T @ v),
    ),
    (
        r"\sum_{i=1}^{n} v_i (X w)_i + \sum_{j=1}^{m} (X^\top v)_j w_j",
        "w",
        lambda X, W, w, v: 2 * X.T @ v,
    ),
    (r"\sum_{i=1}^{n} (X w)_i^2", "X", lambda X, W, w, v: 2 * np.outer(X @ w, w)),
    (
        r"\sum_{i=1}^{n} \left(\sum_{c=1}^{m} X_{ic} w_c\right)^2",
        "X",
        lambda X, W, w, v: 2 * np.outer(X @ w, w),
    ),
    (r"\sum_{i=1}^{n} ((X + W) w)_i", "w", lambda X, W, w, v: (X + W).T @ np.ones(len(v))),
]


@pytest.mark.parametrize("latex,wrt,want", CASES)
@pytest.mark.parametrize("n,m", [(3, 2), (1, 1), (1, 3)])
def test_the_gradient_through_an_entry_of_a_product(latex, wrt, want, n, m):
    rng = np.random.default_rng(n * 10 + m)
    X, W = rng.normal(size=(n, m)), rng.normal(size=(n, m))
    w, v = rng.normal(size=m), rng.normal(size=n)
    symbols = S + "; c: index" if "c=1" in latex else S
    g = dx.grad(latex, wrt, symbols)
    names = {str(b.label) for b in g.atoms(sympy.IndexedBase)}
    names |= {str(a.name) for a in g.atoms(sympy.MatrixSymbol)}
    inputs = {k: a for k, a in {"X": X, "W": W, "w": w, "v": v}.items() if k in names}
    got = np.asarray(dx.evaluate(g, inputs, symbols), dtype=float)
    expected = want(X, W, w, v)
    np.testing.assert_allclose(got.reshape(expected.shape), expected, rtol=1e-10, atol=1e-12)


def test_the_written_out_entry_is_a_step_of_the_derivation():
    d = dx.derive(r"\sum_{i=1}^{n} (X w)_i^2", "w", S)
    assert any("entries of products" in s.what for s in d.steps)


def test_an_inverse_inside_the_entry_is_still_refused():
    s = "A: matrix[n, n]; w: vector[n]; i: index"
    with pytest.raises(DerivaxError, match="cannot differentiate"):
        dx.grad(r"\sum_{i=1}^{n} (A^{-1} w)_i", "w", s)
