r"""An indicator whose condition holds an enclosing sum's index, inside an inner sum
(``\sum_l \frac{\sum_i w_i 1[c_i = l]}{\sum_i 1[c_i = l]}``: the ratio cut, the normalized cut,
the gap statistic's within-cluster dispersion, a per-class mean). SymPy lifts a Piecewise whose
condition holds the outer index out of the inner sum, which left ``i`` outside its sum (a
refusal "the size `i` is not the shape of any input" at best). The family: every kind of
condition (labels against an index, two labels, an integer entry, a declared label, reals
compared, reals equal and unequal with ties, a chain ``a < x_i < b``), written as ``\mathbb{1}[...]``
and as ``\sum_{i : ...}`` / ``\prod_{i : ...}``, checked against NumPy from the definition, with
the breaking cases: an empty class (0 terms: the sum 0, the product 1), one entry (n = 1),
every entry in one class, and a condition on the summation index alone, which still skips
terms that are undefined elsewhere."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(2607)
TABLE = (
    "w: matrix[n, n]; x: vector[n]; c, d: labels[n, k]; y: label[k]; z: vector[n], integer; "
    "t: scalar; k: dim; i, j, l: index"
)

#: condition in LaTeX (with l the outer index), and the same as a Python predicate of
#: (inputs, i, j, l) with 0-based i, j and 1-based class l
CONDITIONS = {
    "c_i = l": lambda v, i, j, cls: v["c"][i] == cls,
    "c_i \\neq l": lambda v, i, j, cls: v["c"][i] != cls,
    "c_i = c_j": lambda v, i, j, cls: v["c"][i] == v["c"][j],
    "c_i \\ne d_i": lambda v, i, j, cls: v["c"][i] != v["d"][i],
    "z_i = l": lambda v, i, j, cls: v["z"][i] == cls,
    "y = l": lambda v, i, j, cls: v["y"] == cls,
    "x_i > l": lambda v, i, j, cls: v["x"][i] > cls,
    "x_i \\le l": lambda v, i, j, cls: v["x"][i] <= cls,
    "x_i = l": lambda v, i, j, cls: v["x"][i] == cls,
    "x_i \\ne x_j": lambda v, i, j, cls: v["x"][i] != v["x"][j],
    "l - 1 < x_i < l": lambda v, i, j, cls: cls - 1 < v["x"][i] < cls,
}


def _used(v: dict, latex: str) -> dict:
    """The inputs a formula names (evaluate refuses one it does not use)."""
    letters = set(re.sub(r"\\[A-Za-z]+", " ", latex))
    return {name: value for name, value in v.items() if name in letters}


def _inputs(n: int, k: int) -> dict:
    # x takes whole values with ties, so that equalities and strict comparisons both matter
    return {
        "w": RNG.uniform(0.1, 1.0, size=(n, n)),
        "x": RNG.integers(0, k + 1, size=n).astype(float),
        "c": RNG.integers(1, k + 1, size=n),
        "d": RNG.integers(1, k + 1, size=n),
        "z": RNG.integers(1, k + 1, size=n),
        "y": int(RNG.integers(1, k + 1)),
        "t": 0.5,
        "k": k,
    }


def _ratio(cond: str) -> str:
    return (
        rf"\sum_{{l=1}}^{{k}} \frac{{\sum_{{i=1}}^{{n}} \sum_{{j=1}}^{{n}} w_{{ij}} "
        rf"\mathbb{{1}}[{cond}]}}{{1 + \sum_{{i=1}}^{{n}} \sum_{{j=1}}^{{n}} \mathbb{{1}}[{cond}]}}"
    )


def _ratio_numpy(pred, v, n: int, k: int) -> float:
    total = 0.0
    for cls in range(1, k + 1):
        pairs = [(i, j) for i, j in itertools.product(range(n), repeat=2) if pred(v, i, j, cls)]
        total += sum(v["w"][i, j] for i, j in pairs) / (1 + len(pairs))
    return total


@pytest.mark.parametrize("cond", sorted(CONDITIONS))
@pytest.mark.parametrize("n, k", [(5, 3), (1, 2), (4, 1)])
def test_an_indicator_of_the_outer_index_stays_in_its_sum(cond, n, k):
    v = _inputs(n, k)
    got = dx.evaluate(_ratio(cond), _used(v, _ratio(cond)), TABLE)
    assert float(got) == pytest.approx(_ratio_numpy(CONDITIONS[cond], v, n, k), rel=1e-12)


@pytest.mark.parametrize("cond", ["c_i = l", "x_i > l", "z_i \\ne l", "x_i = l"])
def test_a_conditioned_sum_and_product_over_the_terms_of_one_class(cond, n=6, k=3):
    v = _inputs(n, k)
    v["c"][:] = 1  # class 2 and 3 are empty: an empty sum is 0, an empty product 1
    v["x"] = RNG.uniform(0.5, 2.0, size=n).round(0)
    preds = {
        "c_i = l": lambda i, cls: v["c"][i] == cls,
        "x_i > l": lambda i, cls: v["x"][i] > cls,
        "z_i \\ne l": lambda i, cls: v["z"][i] != cls,
        "x_i = l": lambda i, cls: v["x"][i] == cls,
    }
    pred = preds[cond]
    sums = rf"\sum_{{l=1}}^{{k}} \frac{{1}}{{2 + \sum_{{i : {cond}}} x_i}}"
    prods = rf"\sum_{{l=1}}^{{k}} \prod_{{i : {cond}}} (1 + x_i)"
    want_sum = sum(
        1 / (2 + sum(v["x"][i] for i in range(n) if pred(i, cls))) for cls in range(1, k + 1)
    )
    want_prod = sum(
        np.prod([1 + v["x"][i] for i in range(n) if pred(i, cls)]) for cls in range(1, k + 1)
    )
    assert float(dx.evaluate(sums, _used(v, sums), TABLE)) == pytest.approx(want_sum, rel=1e-12)
    assert float(dx.evaluate(prods, _used(v, prods), TABLE)) == pytest.approx(want_prod, rel=1e-12)


def test_a_condition_on_the_summation_index_alone_still_skips_undefined_terms():
    # \log x_i is undefined where x_i <= 0: the skipped terms must not poison the sum
    x = np.array([2.0, -1.0, 0.0, 3.0])
    got = dx.evaluate(r"\sum_{i : x_i > 0} \log x_i", {"x": x}, "x: vector[n]; i: index")
    assert float(got) == pytest.approx(np.log(2.0) + np.log(3.0), rel=1e-14)


def test_the_ratio_cut_and_its_gradient_by_the_weights():
    latex = (
        r"\frac{1}{2} \sum_{l=1}^{k} \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} \mathbb{1}[c_i = l]"
        r" \mathbb{1}[c_j \neq l]}{\sum_{i=1}^{n} \mathbb{1}[c_i = l]}"
    )
    table = "w: matrix[n, n]; c: labels[n, k]; k: dim; i, j, l: index"
    w, c = RNG.uniform(0, 1, size=(5, 5)), np.array([1, 2, 2, 1, 3])
    size = {cls: np.sum(c == cls) for cls in (1, 2, 3)}
    want = 0.5 * sum(w[i, j] / size[c[i]] for i in range(5) for j in range(5) if c[j] != c[i])
    assert float(dx.evaluate(latex, {"w": w, "c": c, "k": 3}, table)) == pytest.approx(
        want, rel=1e-13
    )
    grad = dx.derive(latex, "w", table)
    got = np.asarray(dx.evaluate(grad, {"w": w, "c": c, "k": 3}))
    expect = np.array(
        [[0.5 / size[c[i]] if c[j] != c[i] else 0.0 for j in range(5)] for i in range(5)]
    )
    np.testing.assert_allclose(got, expect, rtol=1e-13, atol=1e-15)


def test_the_fifty_digit_check_reads_labels_as_values_not_sizes():
    # an unspecified function sends the derivative's check to 50-digit differences, where the
    # symbol of `c: labels[n, k]` (a positive integer) had been sized as a dimension
    latex = (
        r"\sum_{l=1}^{k} f\left( \frac{\sum_{i=1}^{n} w_{i} \mathbb{1}[c_i = l]}"
        r"{1 + \sum_{i=1}^{n} \mathbb{1}[c_i = l]} \right)"
    )
    d = dx.derive(latex, "w", "w: vector[n]; c: labels[n, k]; f: function; k: dim; i, l: index")
    assert "50-digit" in d.checked
    # f(u) = u^2 by hand: d/dw_m = 2 u_{c_m} / (1 + |class c_m|)
    w, c = np.array([0.3, -1.2, 0.7, 2.0]), np.array([1, 2, 2, 1])
    size = {cls: np.sum(c == cls) for cls in (1, 2)}
    u = {cls: w[c == cls].sum() / (1 + size[cls]) for cls in (1, 2)}
    square = dx.derive(
        latex.replace("f\\left(", "\\left(") + "^2",
        "w",
        "w: vector[n]; c: labels[n, k]; k: dim; i, l: index",
    )
    got = np.asarray(dx.evaluate(square, {"w": w, "c": c, "k": 2}), dtype=float)
    want = np.array([2 * u[c[m]] / (1 + size[c[m]]) for m in range(4)])
    np.testing.assert_allclose(got, want, rtol=1e-13)


PAIR_TABLE = "x, d: vector[n]; w: matrix[n, n]; i, j: index"


def test_a_condition_on_an_entry_per_index_under_one_sum():
    # the two-way normalized cut: \sum_{x_i > 0, x_j < 0} runs over the pairs, each index kept
    # where its own condition holds (before: refused, "cannot read this")
    latex = (
        r"\frac{\sum_{x_i > 0, x_j < 0} -w_{ij} x_i x_j}{\sum_{x_i > 0} d_i} + "
        r"\frac{\sum_{x_i < 0, x_j > 0} -w_{ij} x_i x_j}{\sum_{x_i < 0} d_i}"
    )
    x, d = np.array([0.5, -1.0, 2.0, -0.3]), np.array([1.0, 2.0, 0.5, 1.5])
    w = RNG.uniform(size=(4, 4))
    pos, neg = x > 0, x < 0
    want = sum(-w[i, j] * x[i] * x[j] for i in range(4) for j in range(4) if pos[i] and neg[j])
    want /= d[pos].sum()
    back = sum(-w[i, j] * x[i] * x[j] for i in range(4) for j in range(4) if neg[i] and pos[j])
    want += back / d[neg].sum()
    got = float(dx.evaluate(latex, {"x": x, "d": d, "w": w}, PAIR_TABLE))
    assert got == pytest.approx(want, rel=1e-13)


@pytest.mark.parametrize(
    "latex, keep",
    [
        (r"\sum_{i, j : x_i > x_j} w_{ij}", lambda x, w, i, j: x[i] > x[j]),
        (
            r"\sum_{i, j : x_i > 0, x_j \le x_i} w_{ij}",
            lambda x, w, i, j: x[i] > 0 and x[j] <= x[i],
        ),
        (
            r"\sum_{i : x_i > 0, w_{ii} > 0.5} \sum_{j} w_{ij}",
            lambda x, w, i, j: x[i] > 0 and w[i, i] > 0.5,
        ),
    ],
)
def test_each_condition_belongs_to_the_innermost_index_it_names(latex, keep):
    x, w = np.array([0.5, -1.0, 2.0, 0.5]), RNG.uniform(size=(4, 4))
    want = sum(w[i, j] for i in range(4) for j in range(4) if keep(x, w, i, j))
    got = float(dx.evaluate(latex, {"x": x, "w": w}, PAIR_TABLE))
    assert got == pytest.approx(want, rel=1e-13)
