r"""A maximum or minimum over the indices where a condition holds, ``\max_{i : z_i > 0}``,
``\min_{i, j : c_i \ne c_j}`` (the Dunn index's closest pair of different clusters), written
with ``:`` or ``\mid``, and over several indices at once, ``\max_{i, j}``; and a maximum that
skips one index whose other index is written nowhere else (``S = \min_{i \ne j} D_{ij}``, the
Xie-Beni separation: over the pairs). Before, every condition was refused. The family: each kind
of condition (labels equal and unequal, a real comparison, a label against a number), one index
and two, checked against NumPy from the definition, with the breaking cases: no index kept (an
empty maximum is -inf, an empty minimum +inf), one entry (n = 1), ties; the derivative (the
attaining terms among the kept ones), and the printed form read back."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(3313)
TABLE = "X: matrix[n, d]; x_i: row[X]; c: labels[n, k]; z: vector[n]; i, j: index"

#: (LaTeX, NumPy of (X, c, z)) for each member of the family
FAMILY = [
    (
        r"\min_{i, j : c_i \neq c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|",
        lambda X, c, z: min(
            (
                np.linalg.norm(X[i] - X[j])
                for i, j in itertools.product(range(len(c)), repeat=2)
                if c[i] != c[j]
            ),
            default=np.inf,
        ),
    ),
    (
        r"\max_{i, j : c_i = c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|",
        lambda X, c, z: max(
            np.linalg.norm(X[i] - X[j])
            for i, j in itertools.product(range(len(c)), repeat=2)
            if c[i] == c[j]
        ),
    ),
    (r"\max_{i : z_i > 0} z_i", lambda X, c, z: max((v for v in z if v > 0), default=-np.inf)),
    (
        r"\min_{i \mid c_i = 2} z_i",
        lambda X, c, z: min((z[i] for i in range(len(c)) if c[i] == 2), default=np.inf),
    ),
    (
        r"\max_{i, j} (z_i - z_j)",
        lambda X, c, z: max(a - b for a in z for b in z),
    ),
    (
        r"\min_{i : c_i \ne 1} z_i^2 + \max_{i : z_i \le 0} z_i",
        lambda X, c, z: (
            min((z[i] ** 2 for i in range(len(c)) if c[i] != 1), default=np.inf)
            + max((v for v in z if v <= 0), default=-np.inf)
        ),
    ),
]


def _values(n: int, k: int, *, c=None, z=None) -> dict:
    return {
        "X": RNG.normal(size=(n, 2)),
        "c": RNG.integers(1, k + 1, size=n) if c is None else np.asarray(c),
        "z": RNG.normal(size=n) if z is None else np.asarray(z, dtype=float),
    }


def _used(latex: str, v: dict) -> dict:
    names = {"X": "mathbf{x}", "c": "c_", "z": "z_"}
    return {k: a for k, a in v.items() if names[k] in latex}


@pytest.mark.parametrize("latex, f", FAMILY, ids=[f[0] for f in FAMILY])
@pytest.mark.parametrize(
    "case",
    ["random", "one entry", "all one class", "none positive", "ties"],
)
def test_a_conditioned_extremum_runs_over_the_kept_indices(latex, f, case):
    v = {
        "random": lambda: _values(6, 3),
        "one entry": lambda: _values(1, 2),
        "all one class": lambda: _values(5, 3, c=[2] * 5),
        "none positive": lambda: _values(4, 2, z=[-1.0, -0.5, -2.0, -0.25]),
        "ties": lambda: _values(4, 2, c=[1, 2, 1, 2], z=[0.5, 0.5, -0.5, 0.5]),
    }[case]()
    want = f(v["X"], v["c"], v["z"])
    got = float(dx.evaluate(latex, _used(latex, v), TABLE))
    if np.isinf(want):
        assert got == want
    else:
        assert got == pytest.approx(want, rel=1e-13, abs=1e-15)


def test_the_dunn_index():
    latex = (
        r"D = \frac{\min_{i, j : c_i \neq c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|}"
        r"{\max_{i, j : c_i = c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|}"
    )
    v = _values(7, 3, c=[1, 2, 3, 1, 2, 3, 1])
    X, c = v["X"], v["c"]
    pairs = list(itertools.product(range(7), repeat=2))
    between = min(np.linalg.norm(X[i] - X[j]) for i, j in pairs if c[i] != c[j])
    within = max(np.linalg.norm(X[i] - X[j]) for i, j in pairs if c[i] == c[j])
    got = float(dx.evaluate(latex, {"X": X, "c": c}, TABLE))
    assert got == pytest.approx(between / within, rel=1e-13)


def test_the_derivative_is_the_attaining_kept_term():
    # max over the positive entries: only the largest positive entry moves it
    latex = r"\max_{i : z_i > 0} z_i^2"
    z = np.array([0.3, -2.5, 1.1, 0.7])
    d = dx.derive(latex, "z", TABLE)
    got = np.asarray(dx.evaluate(d, {"z": z}), dtype=float)
    np.testing.assert_allclose(got, [0.0, 0.0, 2.2, 0.0], atol=1e-15)
    # a condition on labels: the smallest value of class 2
    latex = r"\min_{i : c_i = 2} (z_i - 1)^2"
    c = np.array([1, 2, 2, 1])
    d = dx.derive(latex, "z", TABLE)
    got = np.asarray(dx.evaluate(d, {"z": z, "c": c}), dtype=float)
    want = np.zeros(4)
    want[2] = 2 * (z[2] - 1)  # class 2 is entries 2 and 3; (1.1 - 1)^2 < (-2.5 - 1)^2
    np.testing.assert_allclose(got, want, atol=1e-15)


@pytest.mark.parametrize("latex", [f[0] for f in FAMILY])
def test_the_printed_form_reads_back(latex):
    e = dx.parse(latex, TABLE)
    assert dx.parse(dx.to_latex(e, TABLE), TABLE) == e


PAIR_TABLE = "D: matrix[n, n]; V: matrix[m, d]; v_i: row[V]; i, j: index"


def test_a_skip_whose_other_index_is_nowhere_else_is_over_the_pairs():
    D = RNG.uniform(1, 2, size=(4, 4))
    got = dx.evaluate(r"S = \min_{i \neq j} D_{ij}", {"D": D}, PAIR_TABLE)
    assert float(got) == pytest.approx(min(D[i, j] for i in range(4) for j in range(4) if i != j))
    V = RNG.normal(size=(3, 2))
    got = dx.evaluate(
        r"S = \max_{i \neq j} \left\| \mathbf{v}_i - \mathbf{v}_j \right\|^2", {"V": V}, PAIR_TABLE
    )
    want = max(np.sum((V[i] - V[j]) ** 2) for i in range(3) for j in range(3) if i != j)
    assert float(got) == pytest.approx(want, rel=1e-13)


def test_a_skip_whose_other_index_is_free_is_refused_without_a_left_side():
    with pytest.raises(dx.ParseError, match="reads two ways"):
        dx.parse(r"\min_{i \neq j} D_{ij}", PAIR_TABLE)
    # with a left side that carries j: for each j (the nearest other point)
    D = RNG.uniform(1, 2, size=(3, 3))
    got = np.asarray(dx.evaluate(r"r_j = \min_{i \neq j} D_{ij}", {"D": D}, PAIR_TABLE))
    want = [min(D[i, j] for i in range(3) if i != j) for j in range(3)]
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_the_xie_beni_index():
    latex = (
        r"S = \frac{\sum_{i=1}^{c} \sum_{j=1}^{n} \mu_{ij}^2 \left\| \mathbf{v}_i - \mathbf{x}_j "
        r"\right\|^2}{n \min_{i \neq j} \left\| \mathbf{v}_i - \mathbf{v}_j \right\|^2}"
    )
    table = (
        r"\mu: matrix[c, n]; V: matrix[c, d]; v_i: row[V]; X: matrix[n, d]; x_j: row[X]; "
        r"n: dim; i, j: index"
    )
    mu, V, X = RNG.uniform(size=(3, 5)), RNG.normal(size=(3, 2)), RNG.normal(size=(5, 2))
    num = sum(mu[i, j] ** 2 * np.sum((V[i] - X[j]) ** 2) for i in range(3) for j in range(5))
    sep = min(np.sum((V[i] - V[j]) ** 2) for i in range(3) for j in range(3) if i != j)
    got = float(dx.evaluate(latex, {"mu": mu, "V": V, "X": X}, table))
    assert got == pytest.approx(num / (5 * sep), rel=1e-13)
