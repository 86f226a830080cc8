r"""A maximum or minimum that skips one value of its index, ``\max_{j \ne i}`` (Davies-Bouldin's
most similar other cluster, a certified margin's best other class ``\max_{i \ne t} z_i``), and
every other condition under ``\max`` or ``\min``, which is refused: before, each condition was
dropped without a word, the maximum ran over every index, and the margin came out 0 and the
Davies-Bouldin index inf (a cluster compared with itself). Checked against NumPy from the
definition, at each place the skipped value can take (the largest entry, another one, the
first and the last), with the breaking cases: one entry left, none left (-inf/+inf, as an empty
maximum/minimum), the derivative, claims, and the printed form read back."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(79)
MARGIN = r"z_t - \max_{i \neq t} z_i"
TABLE = "z: vector[K]; t: label[K]; i, j: index"


@pytest.mark.parametrize("t", [1, 2, 3, 4])
def test_the_margin_skips_the_class_it_is_measured_from(t):
    z = np.array([0.4, 2.3, 1.1, -0.5])
    others = np.delete(z, t - 1)
    got = dx.evaluate(MARGIN, {"z": z, "t": t}, TABLE)
    assert float(got) == pytest.approx(z[t - 1] - others.max(), rel=1e-14)


def test_the_davies_bouldin_index_compares_each_cluster_with_the_others():
    latex = (
        r"\frac{1}{k} \sum_{i=1}^{k} \max_{j \neq i} \frac{s_i + s_j}{\left\| \boldsymbol{\mu}_i"
        r" - \boldsymbol{\mu}_j \right\|_2}"
    )
    table = r"s: vector[k]; M: matrix[k, d]; \mu_i: row[M]; i, j: index"
    s, m = RNG.uniform(0.1, 1, size=4), RNG.normal(size=(4, 2))
    want = np.mean(
        [
            max((s[i] + s[j]) / np.linalg.norm(m[i] - m[j]) for j in range(4) if j != i)
            for i in range(4)
        ]
    )
    assert float(dx.evaluate(latex, {"s": s, "M": m}, table)) == pytest.approx(want, rel=1e-13)


@pytest.mark.parametrize("n, want", [(2, [1.0, 1.0]), (1, [np.inf])])
def test_the_nearest_other_entry_with_one_or_no_other_left(n, want):
    # \min_{j \ne i} |x_i - x_j| over n = 2 has one term; over n = 1 none: +inf, an empty minimum
    # (for each i: the left side carries it; bare, it also reads as over the pairs, and is refused)
    x = np.array([0.5, 1.5])[:n]
    got = dx.evaluate(r"r_i = \min_{j \ne i} |x_i - x_j|", {"x": x}, "x: vector[n]; i, j: index")
    np.testing.assert_array_equal(np.asarray(got, dtype=float).reshape(-1), want)


def test_the_margins_gradient_is_the_class_minus_the_best_other():
    z, t = np.array([0.4, 2.3, 1.1, -0.5]), 3
    d = dx.derive(MARGIN, "z", TABLE)
    want = np.zeros(4)
    want[t - 1], want[1] = 1.0, -1.0
    np.testing.assert_allclose(dx.evaluate(d, {"z": z, "t": t}), want, atol=1e-15)


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"\max_{i \ne t} z_i \le \max_i z_i", ("proved", "plausible")),
        (r"\max_i z_i \le \max_{i \ne t} z_i", ("refuted",)),
    ],
)
def test_claims_about_a_skipping_maximum_get_the_verdict_of_their_truth(claim, status):
    v = dx.check(claim, TABLE)
    assert v.status in status
    if v.status == "refuted":
        z, t = np.asarray(v.counterexample["z"], dtype=float), int(v.counterexample["t"])
        assert z.max() > np.delete(z, t - 1).max()


def test_the_printed_skipping_maximum_reads_back_the_same():
    e = dx.parse(MARGIN, TABLE)
    assert dx.parse(dx.to_latex(e, TABLE), TABLE) == e


@pytest.mark.parametrize(
    "latex",
    [
        r"\max_{i < j} z_i",  # an order between indices (a condition on values is read:
        # tests/test_conditioned_extrema.py)
        r"\min_{i \ne t, i \le 3} z_i",  # a skip beside a bound
        r"\max_{i \in S, i \ne 2} z_i",
    ],
)
def test_any_other_condition_under_a_maximum_is_refused_never_dropped(latex):
    with pytest.raises(dx.ParseError, match="condition"):
        dx.parse(latex, TABLE)


@pytest.mark.parametrize("x", [1, 2, 3])
def test_a_primed_index_skips_its_label(x):
    # the knowledge gradient's zeta (Frazier, Powell and Dayanik 2009): the best other arm
    mu, sig = np.array([0.3, 1.2, 0.8, -0.1]), np.array([0.5, 0.4, 0.9, 0.7])
    latex = r"\zeta_x = -\left| \frac{\mu_x - \max_{x' \neq x} \mu_{x'}}{\tilde{\sigma}_x} \right|"
    table = r"\mu, \tilde{\sigma}: vector[M]; x: label[M]; x': index"
    got = dx.evaluate(latex, {"mu": mu, "sigma_tilde": sig, "x": x}, table)
    want = -abs((mu[x - 1] - np.delete(mu, x - 1).max()) / sig[x - 1])
    assert float(got) == pytest.approx(want, rel=1e-14)
