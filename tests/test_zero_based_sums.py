r"""A sum from 0 over the entries of a declared vector counts them from 0, as signal processing and
RL write them: ``\sum_{n=0}^{N-1} x_n \cos(2\pi k n / N)`` with ``x: vector[N]``. Only where the
range is exactly 0 to the size minus 1 and the index picks the entries alone; an offset entry
beside it (``x_{n+1}``) or another range leaves the sum as written. Against NumPy written from
the definition, n = 1 included."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax._errors import DerivaxError

DFT = "x: vector[N]; k: scalar, integer; n: index"


@pytest.mark.parametrize("size", [1, 2, 6])
@pytest.mark.parametrize("freq", [0, 1, 2])
@pytest.mark.parametrize(
    "latex,part",
    [
        (r"\sum_{n=0}^{N-1} x_n \cos\left(\frac{2\pi k n}{N}\right)", np.cos),
        (r"\sum_{n=0}^{N-1} x_{n} \sin\left(2\pi k n / N\right)", np.sin),
    ],
)
def test_the_dft_counts_its_samples_from_zero(size, freq, latex, part):
    x = np.random.default_rng(size).normal(size=size)
    n = np.arange(size)
    want = float(np.sum(x * part(2 * np.pi * freq * n / size)))
    got = float(dx.evaluate(latex, {"x": x, "k": float(freq)}, DFT))
    assert got == pytest.approx(want, rel=1e-12, abs=1e-12)


def test_the_rule_is_listed():
    from derivax.latex import reading

    rules = reading(r"\sum_{n=0}^{N-1} x_n", DFT).rules
    assert any("counts the entries of `x` from 0" in r for r in rules)


def test_the_gradient_of_a_zero_based_sum():
    x = np.array([0.5, -1.0, 2.0, 0.3])
    g = dx.grad(r"\sum_{n=0}^{N-1} x_n^2 \cos\left(\frac{2\pi k n}{N}\right)", "x", DFT)
    got = np.asarray(dx.evaluate(g, {"x": x, "k": 1.0}, DFT), dtype=float).ravel()
    np.testing.assert_allclose(got, 2 * x * np.cos(2 * np.pi * np.arange(4) / 4), atol=1e-12)


def test_a_discounted_return_from_zero():
    s = r"r: vector[T]; \gamma: scalar; t: index"
    r = np.array([1.0, 0.0, 2.0, -1.0, 0.5])
    want = float(sum(0.9**t * r[t] for t in range(5)))
    got = dx.evaluate(r"\sum_{t=0}^{T-1} \gamma^t r_t", {"r": r, "gamma": 0.9}, s)
    assert float(got) == pytest.approx(want, rel=1e-12)


def test_an_entry_that_already_fits_from_one_is_left_as_written():
    # r_{t+1} for t = 0..T-1 is r_1..r_T: derivax's own count
    s = r"r: vector[T]; \gamma: scalar; t: index"
    r = np.array([1.0, 0.0, 2.0, -1.0, 0.5])
    want = float(sum(0.9**t * r[t] for t in range(5)))
    got = dx.evaluate(r"\sum_{t=0}^{T-1} \gamma^t r_{t+1}", {"r": r, "gamma": 0.9}, s)
    assert float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    "latex",
    [
        r"\sum_{n=0}^{N-1} x_n x_{n+1}",  # the two counts would mix
        r"\sum_{n=0}^{N} x_n",  # a range one longer than the vector
    ],
)
def test_mixed_counts_and_other_ranges_are_not_re_indexed(latex):
    with pytest.raises(DerivaxError, match="outside its range"):
        dx.evaluate(latex, {"x": np.ones(4)}, "x: vector[N]; n: index")


def test_a_matrix_is_re_indexed_along_each_axis_a_sum_from_zero_runs_over():
    # the trace counted from 0 and from 1 alike; PSNR's double sum from 0 over an image
    s = "A, B: matrix[N, M]; n, m: index"
    a, b = np.arange(9.0).reshape(3, 3), np.ones((3, 3))
    for latex in (r"\sum_{n=1}^{N} A_{n n}", r"\sum_{n=0}^{N-1} A_{n n}"):
        got = dx.evaluate(latex, {"A": a}, "A: matrix[N, N]; n: index")
        assert float(got) == pytest.approx(float(np.trace(a)))
    a, b = np.arange(6.0).reshape(2, 3), np.full((2, 3), 0.5)
    latex = r"\sum_{n=0}^{N-1} \sum_{m=0}^{M-1} (A(n, m) - B(n, m))^2"
    assert float(dx.evaluate(latex, {"A": a, "B": b}, s)) == pytest.approx(
        float(np.sum((a - b) ** 2))
    )
    # a range that is not the whole axis stays as written, and is refused where it reads outside
    with pytest.raises(DerivaxError):
        dx.evaluate(r"\sum_{n=0}^{N} A_{n 1}", {"A": a}, s)


# -- products from 0, and ranges from 0 to an enclosing index --------------------------------------
@pytest.mark.parametrize("horizon", [1, 2, 5])
def test_importance_sampling_estimators_count_their_steps_from_zero(horizon):
    # Precup, Sutton and Singh 2000: the trajectory-wise and per-decision estimators, with the
    # steps of rho and r counted from 0 as the paper counts them
    rng = np.random.default_rng(horizon)
    rho, r, g = rng.uniform(0.5, 1.5, size=horizon), rng.normal(size=horizon), 0.9
    table = r"\rho, r: vector[H]; \gamma: scalar, unit; t, k: index"
    values = {"rho": rho, "r": r, "gamma": g}
    trajectory = r"\left( \prod_{t=0}^{H-1} \rho_t \right) \sum_{t=0}^{H-1} \gamma^t r_t"
    want = np.prod(rho) * sum(g**t * r[t] for t in range(horizon))
    assert float(dx.evaluate(trajectory, values, table)) == pytest.approx(want, rel=1e-12)
    per_decision = r"\sum_{t=0}^{H-1} \gamma^t \left( \prod_{k=0}^{t} \rho_k \right) r_t"
    want = sum(g**t * np.prod(rho[: t + 1]) * r[t] for t in range(horizon))
    assert float(dx.evaluate(per_decision, values, table)) == pytest.approx(want, rel=1e-12)


def test_a_range_to_an_enclosing_index_that_stops_short_is_not_re_indexed():
    # the outer index ends at H - 2: the inner product's entries would fit either count
    latex = r"\sum_{t=0}^{H-2} \prod_{k=0}^{t} \rho_k"
    with pytest.raises(DerivaxError, match="outside its range"):
        dx.evaluate(latex, {"rho": np.ones(4)}, r"\rho: vector[H]; t, k: index")


# -- rows picked under a sum counted from 0 -------------------------------------------------------
# `\sum_{k=0}^{N-1} x_k^\top Q x_k` with x: matrix[N, n]: row k + 1 of x, as `\sum_{k=1}^{N}`
# reads row k. Side conditions: the range ends at one size minus 1 and matches one axis; a range
# that matches neither (N - 2, or up to N with N rows) stays refused. Breaking cases: N = 1, a
# column picked (the range matches the columns only).
@pytest.mark.parametrize("N", [1, 3])
def test_rows_picked_under_a_sum_from_zero(N):
    tab = "x: matrix[N, n]; u: matrix[N, m]; Q: spd[n]; R: spd[m]"
    tex = (
        r"J = \sum_{k=0}^{N-1} \left( \mathbf{x}_k^\top Q \mathbf{x}_k"
        r" + \mathbf{u}_k^\top R \mathbf{u}_k \right)"
    )
    rng = np.random.default_rng(N)
    x, u = rng.normal(size=(N, 2)), rng.normal(size=(N, 1))
    Q, R = np.array([[2.0, 0.5], [0.5, 1.0]]), np.array([[3.0]])
    values = {"x": x, "u": u, "Q": Q, "R": R}
    want = sum(x[k] @ Q @ x[k] + u[k] @ R @ u[k] for k in range(N))
    assert float(dx.evaluate(tex, values, tab)) == pytest.approx(want, rel=1e-12)
    grad = np.asarray(dx.evaluate(dx.derive(tex, "x", tab), values), dtype=float)
    np.testing.assert_allclose(grad, 2 * x @ Q, rtol=1e-12)


def test_a_column_picked_under_a_sum_from_zero():
    tab = "A: matrix[m, n]; w: vector[m]"
    A = np.arange(6.0).reshape(2, 3) + 1
    w = np.array([0.5, -1.0])
    got = dx.evaluate(r"\sum_{j=0}^{n-1} (w^\top A_j)^2", {"A": A, "w": w}, tab)
    assert float(got) == pytest.approx(sum((w @ A[:, j]) ** 2 for j in range(3)), rel=1e-12)


@pytest.mark.parametrize("upper", ["N-2", "N"])
def test_a_range_from_zero_that_matches_no_axis_is_still_refused(upper):
    with pytest.raises(dx.ParseError, match="row or a column"):
        dx.parse(rf"\sum_{{k=0}}^{{{upper}}} x_k^\top x_k", "x: matrix[N, n]")


# -- a family of rows counted from 0 -----------------------------------------------------------
# `\mathbf{x}_k: row[X]` with X: matrix[N+1, n] picked from k = 0 and at N (x_0, ..., x_N), or
# `h_{t-1}` for t from 1 with H: matrix[T+1, n]: each pick is the row one further on. Breaking
# cases: N = 1, and a family whose picks pass the last row when shifted (x_{t-1} and x_t for t
# up to N with N rows): as written, refused where evaluated.
@pytest.mark.parametrize("N", [1, 3])
def test_an_lqr_cost_over_states_counted_from_zero(N):
    tex = (
        r"J = \mathbf{x}_N^\top Q_f \mathbf{x}_N + \sum_{k=0}^{N-1} \left( \mathbf{x}_k^\top Q"
        r" \mathbf{x}_k + \mathbf{u}_k^\top R \mathbf{u}_k \right)"
    )
    tab = (
        r"X: matrix[N+1, n]; \mathbf{x}_k: row[X]; U: matrix[N, m]; \mathbf{u}_k: row[U];"
        r" Q, Q_f: spd[n]; R: spd[m]; N: dim; k: index"
    )
    rng = np.random.default_rng(N)
    X, U = rng.normal(size=(N + 1, 2)), rng.normal(size=(N, 1))
    Q, Qf, R = np.array([[2.0, 0.3], [0.3, 1.0]]), np.eye(2) * 5, np.array([[0.5]])
    values = {"X": X, "U": U, "Q": Q, "Q_f": Qf, "R": R}
    want = X[N] @ Qf @ X[N] + sum(X[k] @ Q @ X[k] + U[k] @ R @ U[k] for k in range(N))
    assert float(dx.evaluate(tex, values, tab)) == pytest.approx(want, rel=1e-12)
    grad = np.asarray(dx.evaluate(dx.derive(tex, "X", tab), values), dtype=float)
    np.testing.assert_allclose(grad, np.vstack([2 * X[:N] @ Q, 2 * X[N] @ Qf]), rtol=1e-12)


def test_a_shifted_row_reaching_zero_counts_the_family_from_zero():
    tex = r"\frac{1}{T} \sum_{t=1}^{T} \left( \| h_t \|_2 - \| h_{t-1} \|_2 \right)^2"
    tab = "H: matrix[T+1, n]; h_t: row[H]; T: dim; t: index"
    H = np.random.default_rng(4).normal(size=(5, 3))
    norms = np.linalg.norm(H, axis=1)
    want = np.mean(np.diff(norms) ** 2)
    assert float(dx.evaluate(tex, {"H": H}, tab)) == pytest.approx(want, rel=1e-12)
    from derivax.latex import reading

    assert any("counted from 0" in r for r in reading(tex, tab).rules)


def test_rows_that_would_pass_the_last_when_shifted_stay_as_written():
    tex = r"\sum_{t=1}^{T} \| h_t - h_{t-1} \|_2^2"
    tab = "H: matrix[T, n]; h_t: row[H]; T: dim; t: index"
    with pytest.raises(dx.DerivaxError):
        dx.evaluate(tex, {"H": np.ones((4, 2))}, tab)
