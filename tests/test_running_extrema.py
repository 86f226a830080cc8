r"""A maximum or minimum over a range that depends on another index compiles, evaluates and
differentiates: the running peak of a drawdown `\max_{1 \le s \le t} X_s`, the running trough
`\min_{s=t}^{T}`, `\min_{s \le t}` inside an operator over t, a trailing window `\max_{s=t}^{t+k}`. The terms outside the range are -inf
under a maximum (+inf under a minimum), so a range empty for some t gives -inf (+inf) there.
Side conditions and breaking cases: T = 1 (one term), ties away from the points tested, a
window that would read past the end (refused at trace time, never clamped). Values against
NumPy loops written from the definition; gradients against central differences."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

TABLE = "X: vector[T]; s, t: index"

CASES = [
    (
        r"\mathrm{MDD} = \max_{1 \le t \le T} \left( \max_{1 \le s \le t} X_s - X_t \right)",
        lambda X: max(max(X[: t + 1]) - X[t] for t in range(len(X))),
    ),
    (
        r"\min_{t} \left( \min_{s=t}^{T} X_s + X_t \right)",
        lambda X: min(min(X[t:]) + X[t] for t in range(len(X))),
    ),
    (
        r"\sum_{t=1}^{T} \max_{s=1}^{t} X_s",
        lambda X: sum(max(X[: t + 1]) for t in range(len(X))),
    ),
    (
        r"\max_{t} \left( X_t - \min_{s \le t} X_s \right)",
        lambda X: max(X[t] - min(X[: t + 1]) for t in range(len(X))),
    ),
]


@pytest.mark.parametrize(("tex", "want"), CASES)
@pytest.mark.parametrize("n", [1, 2, 7])
def test_a_running_extremum_against_numpy(tex, want, n):
    X = np.random.default_rng(n).permutation(np.linspace(-1.0, 1.3, n))
    got = dx.evaluate(tex, {"X": X}, TABLE)
    assert float(got) == pytest.approx(want(X), rel=1e-12, abs=1e-12)
    assert float(dx.compile(tex, symbols=TABLE)(X)) == pytest.approx(want(X), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(("tex", "want"), CASES)
def test_the_gradient_of_a_running_extremum_against_differences(tex, want):
    X = np.array([0.1, 0.53, 0.22, -0.31, 0.44, 0.05, -0.12])
    d = dx.derive(tex, "X", TABLE)
    got = np.asarray(dx.evaluate(d, {"X": X}), dtype=float)
    h = 1e-6
    fd = np.array([(want(X + h * e) - want(X - h * e)) / (2 * h) for e in np.eye(len(X))])
    np.testing.assert_allclose(got, fd, atol=1e-6)


def test_a_window_that_reads_past_the_end_is_refused_not_clamped():
    tex = r"\sum_{t=1}^{T} \max_{s=t}^{t+2} X_s"
    with pytest.raises(dx.DerivaxError):
        dx.evaluate(tex, {"X": np.arange(5.0)}, TABLE)


# -- a condition on two letters under a sum inside a sum over one of them -------------------------
# `\sum_t \sum_{s<t}` is the sum over s from 1 to t - 1 for each t (the outer sum's t), not the
# pairs s < t summed again for every t (which had counted each pair T times: 33 for 11, with no
# word). Breaking cases: T = 1 (every inner range empty), `\le` (t included), the enclosing sum
# over the lower letter, a pair sum inside a sum over a third letter (still the pairs).
NESTED = [
    (
        r"\sum_{t} \sum_{s < t} X_s X_t",
        lambda X, T: sum(X[s] * X[t] for t in range(T) for s in range(t)),
    ),
    (
        r"\sum_{t=1}^{T} \sum_{s \le t} X_s X_t",
        lambda X, T: sum(X[s] * X[t] for t in range(T) for s in range(t + 1)),
    ),
    (
        r"\sum_{s} \sum_{s < t} X_s X_t^2",
        lambda X, T: sum(X[s] * X[t] ** 2 for s in range(T) for t in range(s + 1, T)),
    ),
    (
        r"\sum_{t} \left( X_t \sum_{s < t} X_s \right)",
        lambda X, T: sum(X[t] * sum(X[:t]) for t in range(T)),
    ),
    (r"\sum_{t} \sum_{s < t} X_s", lambda X, T: sum(sum(X[:t]) for t in range(T))),
    (
        r"\sum_{k} \sum_{s < t} X_s X_t X_k",
        lambda X, T: sum(X[s] * X[t] for t in range(T) for s in range(t)) * sum(X),
    ),
    (r"\sum_{t} \max_{s \le t} X_s", lambda X, T: sum(max(X[: t + 1]) for t in range(T))),
    # every spelling of the relation (\leq had read as "from t")
    (r"\sum_{t} \max_{s \leq t} X_s", lambda X, T: sum(max(X[: t + 1]) for t in range(T))),
    (r"\sum_{t} \min_{s \geq t} X_s", lambda X, T: sum(min(X[t:]) for t in range(T))),
    (
        r"\sum_{t} \max_{s > t} X_s",
        lambda X, T: sum(max(X[t + 1 :], default=-np.inf) for t in range(T)),
    ),
    (r"\sum_{t} \min_{s \ge t} X_s", lambda X, T: sum(min(X[t:]) for t in range(T))),
]


@pytest.mark.parametrize(("tex", "want"), NESTED)
@pytest.mark.parametrize("n", [1, 2, 5])
def test_a_condition_under_a_sum_inside_a_sum_over_one_of_its_letters(tex, want, n):
    X = np.random.default_rng(10 + n).normal(size=n)
    got = float(dx.evaluate(tex, {"X": X}, TABLE))
    assert got == pytest.approx(want(X, n), rel=1e-12, abs=1e-12)


# -- a chain of bounds and the pairs: \sum_{1 \le i < j \le n} -------------------------------------
# The first letter's lower bound and the second's upper bound are written in the chain; a strict
# outer relation shifts them by one. Breaking cases: n = 1 and 2 (no pair, one pair), bounds that
# leave no pair, `\le` in the middle (the diagonal kept).
CHAINS = [
    (
        r"\sum_{1 \le i < j \le n} X_i X_j",
        lambda X, n: [(i, j) for i in range(n) for j in range(i + 1, n)],
    ),
    (
        r"\sum_{1 \le i \le j \le n} X_i X_j",
        lambda X, n: [(i, j) for i in range(n) for j in range(i, n)],
    ),
    (
        r"\sum_{1 < i < j < n} X_i X_j",
        lambda X, n: [(i, j) for i in range(1, n) for j in range(i + 1, n - 1)],
    ),
    (
        r"\sum_{2 \leq i < j \leq n - 1} X_i X_j",
        lambda X, n: [(i, j) for i in range(1, n) for j in range(i + 1, n - 1)],
    ),
]


@pytest.mark.parametrize(("tex", "pairs"), CHAINS)
@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_a_chain_of_bounds_runs_over_the_pairs_it_writes(tex, pairs, n):
    X = np.random.default_rng(20 + n).normal(size=n)
    table = "X: vector[n]; i, j: index; n: dim"
    want = sum(X[i] * X[j] for i, j in pairs(X, n))
    assert float(dx.evaluate(tex, {"X": X}, table)) == pytest.approx(want, rel=1e-12, abs=1e-12)
