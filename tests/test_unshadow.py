r"""A sum or product whose index is bound again inside it (SymPy's product rule writes
``\prod_{i=1}^{i-1}`` inside ``\sum_i``) is given an index of its own before any pass reads
indices by name. Before, the 50-digit check put the outer value into the inner limit (a
ValueError, "Invalid limits") and compile met a masked sum that lost its index; ListMLE's
gradient was refused. Checked: the renamed expression has the same value as SymPy's own
(scoped) reading at whole-number points; the ListMLE gradient against NumPy finite
differences; n = 1 (the inner products are empty)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax._algebra import unshadow


def test_a_rebound_index_gets_its_own_and_the_value_stays():
    i, n = sympy.symbols("i n", integer=True, positive=True)
    x = sympy.IndexedBase("x")
    inner = sympy.Product(x[i], (i, 1, i - 1))
    e = sympy.Sum(inner * sympy.Sum(x[i] ** 2, (i, i, n)), (i, 1, n))
    got = unshadow(e)
    names = [
        str(lim[0])
        for node in sympy.preorder_traversal(got)
        if isinstance(node, (sympy.Sum, sympy.Product))
        for lim in node.limits
    ]
    assert len(names) == len(set(names))
    values = {x[k]: sympy.Rational(k + 2, 3) for k in range(1, 6)}
    for size in (1, 2, 5):
        want = e.subs(n, size).doit().xreplace(values)
        assert got.subs(n, size).doit().xreplace(values) == want


def test_an_index_bound_once_is_left_alone():
    i, j, n = sympy.symbols("i j n", integer=True, positive=True)
    x = sympy.IndexedBase("x")
    e = sympy.Sum(x[i] * sympy.Sum(x[j], (j, 1, i)), (i, 1, n))
    assert unshadow(e) == e


@pytest.mark.parametrize("n", [1, 2, 5])
def test_the_listmle_gradient(n):
    latex = r"-\log \prod_{i=1}^{n} \frac{\exp(s_{y(i)})}{\sum_{k=i}^{n} \exp(s_{y(k)})}"
    table = "s: vector[n]; y: labels[n, n]; i, k: index"
    rng = np.random.default_rng(n)
    s, y = rng.normal(size=n), rng.permutation(n) + 1

    def f(s):
        return -sum(
            s[y[i] - 1] - np.log(sum(np.exp(s[y[k] - 1]) for k in range(i, n))) for i in range(n)
        )

    want = np.array([(f(s + 1e-6 * e) - f(s - 1e-6 * e)) / 2e-6 for e in np.eye(n)])
    d = dx.derive(latex, "s", table)
    got = np.asarray(dx.evaluate(d, {"s": s, "y": y}), dtype=float).reshape(-1)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)


def test_a_log_sum_exp_over_an_empty_range_is_minus_infinity():
    # the last i sums over j from n + 1 to n: no term, log 0 (the stable form's shift had
    # taken the largest of no entries, an error)
    x = np.array([0.5, 2.0, -1.0])
    got = np.asarray(
        dx.evaluate(r"y_i = \log \sum_{j=i+1}^{n} e^{x_j}", {"x": x}, "x: vector[n]; i, j: index")
    )
    want = [np.log(np.exp(x[i + 1 :]).sum()) if i < 2 else -np.inf for i in range(3)]
    np.testing.assert_allclose(got, want, rtol=1e-14)
