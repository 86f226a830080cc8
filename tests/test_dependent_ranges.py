r"""Sums and products whose range depends on another index compile to JAX with the terms outside
the written range masked (``_compile/_emit_index._masked``): a causal sum ``\sum_{j=1}^{i-1}``
(NeRF's transmittance, a Hawkes intensity), reward-to-go ``\sum_{t'=t}^{T}``, the derivative of
a product (whose free index ``k`` bounds ``\prod_{i=1}^{k-1}``). Each is checked against NumPy
loops written from the definition, at sizes that include the breaking cases: n = 1 (every
dependent range empty), and the first and last values of the outer index (an empty range gives
0 in a sum, 1 in a product)."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(67)


def _transmittance_weights(sigma, delta):
    n = len(sigma)
    return [
        np.exp(-sum(sigma[j] * delta[j] for j in range(i))) * (1 - np.exp(-sigma[i] * delta[i]))
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, 2, 5])
def test_nerf_quadrature_compiles_and_differentiates(n):
    sigma, delta, t = (
        RNG.uniform(0.1, 2, size=n),
        RNG.uniform(0.1, 1, size=n),
        RNG.uniform(1, 5, size=n),
    )
    latex = (
        r"\sum_{i=1}^{N} \exp\left( -\sum_{j=1}^{i-1} \sigma_j \delta_j \right) "
        r"\left(1 - \exp(-\sigma_i \delta_i)\right) t_i"
    )
    table = r"\sigma, \delta, t: vector[N]; i, j: index"
    f = dx.compile(latex, symbols=table, dtype="float64")
    want = sum(w * ti for w, ti in zip(_transmittance_weights(sigma, delta), t, strict=True))
    assert float(f(sigma=sigma, delta=delta, t=t)) == pytest.approx(want, rel=1e-12)
    d = dx.derive(latex, r"\sigma", table)
    got = np.ravel(dx.evaluate(d, {"sigma": sigma, "delta": delta, "t": t}))
    h = 1e-6
    fd = []
    for k in range(n):
        e = np.zeros(n)
        e[k] = h
        up = sum(w * ti for w, ti in zip(_transmittance_weights(sigma + e, delta), t, strict=True))
        down = sum(
            w * ti for w, ti in zip(_transmittance_weights(sigma - e, delta), t, strict=True)
        )
        fd.append((up - down) / (2 * h))
    np.testing.assert_allclose(got, fd, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("n", [1, 3, 6])
def test_reward_to_go_as_a_vector_over_t(n):
    r, gamma = RNG.normal(size=n), 0.9
    latex = r"G_t = \sum_{s=t}^{T} \gamma^{s - t} r_s"
    f = dx.compile(
        latex, symbols=r"r: vector[T]; \gamma: scalar, unit; s, t: index", dtype="float64"
    )
    want = [sum(gamma ** (s - t) * r[s] for s in range(t, n)) for t in range(n)]
    np.testing.assert_allclose(np.ravel(f(r=r, gamma=gamma)), want, rtol=1e-12)


@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_causal_softmax_row(n):
    z = RNG.normal(size=n)
    latex = r"a_i = \frac{e^{z_i}}{\sum_{j=1}^{i} e^{z_j}}"
    f = dx.compile(latex, symbols="z: vector[n]; i, j: index", dtype="float64")
    want = [np.exp(z[i]) / np.exp(z[: i + 1]).sum() for i in range(n)]
    np.testing.assert_allclose(np.ravel(f(z=z)), want, rtol=1e-12)


@pytest.mark.parametrize("n", [1, 3, 5])
def test_the_gradient_of_a_product_has_the_products_before_and_after_k(n):
    x = RNG.uniform(0.5, 2, size=n)
    latex = r"\left( \prod_{i=1}^{T} x_i \right)^{\frac{1}{T}}"
    table = "x: vector[T]; T: dim; i: index"
    d = dx.derive(latex, "x", table)
    got = np.ravel(dx.evaluate(d, {"x": x, "T": n}))
    g = np.prod(x) ** (1 / n)
    np.testing.assert_allclose(got, g / (n * x), rtol=1e-12)


def test_nested_dependent_ranges_and_an_outer_sum():
    # \sum_{i=1}^{n} \sum_{j=1}^{i} \sum_{k=j}^{i} x_k: every range depends on an outer index
    x = RNG.normal(size=4)
    latex = r"\sum_{i=1}^{n} \sum_{j=1}^{i} \sum_{k=j}^{i} x_k"
    f = dx.compile(latex, symbols="x: vector[n]; i, j, k: index", dtype="float64")
    want = sum(x[k] for i in range(4) for j in range(i + 1) for k in range(j, i + 1))
    assert float(f(x=x)) == pytest.approx(want, rel=1e-12)


def test_a_hawkes_log_likelihood_and_its_gradient_in_beta():
    t = np.sort(RNG.uniform(0, 5, size=5))
    mu, alpha, beta, horizon = 0.4, 0.6, 1.3, 6.0
    latex = (
        r"\sum_{i=1}^{n} \log\left( \mu + \sum_{j=1}^{i-1} \alpha e^{-\beta (t_i - t_j)} \right) "
        r"- \mu T - \frac{\alpha}{\beta} \sum_{i=1}^{n} \left( 1 - e^{-\beta (T - t_i)} \right)"
    )
    table = r"t: vector[n]; T, \mu, \alpha, \beta: scalar, positive; i, j: index"

    def loglik(b):
        lam = [mu + sum(alpha * np.exp(-b * (t[i] - t[j])) for j in range(i)) for i in range(5)]
        return (
            np.sum(np.log(lam)) - mu * horizon - alpha / b * np.sum(1 - np.exp(-b * (horizon - t)))
        )

    values = {"t": t, "T": horizon, "mu": mu, "alpha": alpha, "beta": beta}
    f = dx.compile(latex, symbols=table, dtype="float64")
    assert float(f(**values)) == pytest.approx(loglik(beta), rel=1e-12)
    d = dx.derive(latex, r"\beta", table)
    h = 1e-6
    want = (loglik(beta + h) - loglik(beta - h)) / (2 * h)
    assert float(dx.evaluate(d, values)) == pytest.approx(want, rel=1e-6)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("scale", [1e2, 1e4])
def test_a_causal_softmax_stays_finite_at_extreme_logits(dtype, scale):
    # the masked log-sum-exp: the terms outside the range are exp(-inf) = 0, never inf - inf
    z = np.array([1.0, -1.0, 0.5, -0.25]) * scale
    f = dx.compile(
        r"a_i = \frac{e^{z_i}}{\sum_{j=1}^{i} e^{z_j}}",
        symbols="z: vector[n]; i, j: index",
        dtype=dtype,
    )
    got = np.ravel(np.asarray(f(z=z), dtype=np.float64))
    want = [np.exp(z[i] - np.logaddexp.reduce(z[: i + 1])) for i in range(4)]
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, want, rtol=1e-5 if dtype == "float32" else 1e-12, atol=1e-30)


def _nes_utilities(lam):
    raw = np.maximum(0, np.log(lam / 2 + 1) - np.log(np.arange(1, lam + 1)))
    return raw / raw.sum() - 1 / lam


@pytest.mark.parametrize("lam", [1, 2, 6])
def test_a_free_index_that_mirrors_a_sums_index_runs_where_it_does(lam):
    # NES's fitness shaping (Wierstra et al. 2014): u_k = max(0, log(l/2 + 1) - log k) / sum_j ...
    latex = (
        r"u_k = \frac{\max\left(0, \log(\frac{\lambda}{2} + 1) - \log(k)\right)}{\sum_{j=1}^{\lambda}"
        r" \max\left(0, \log(\frac{\lambda}{2} + 1) - \log(j)\right)} - \frac{1}{\lambda}"
    )
    table = r"\lambda: scalar, integer, positive; k, j: index"
    got = dx.evaluate(latex, {"lambda": float(lam)}, table)
    np.testing.assert_allclose(np.ravel(got), _nes_utilities(lam), rtol=1e-12, atol=1e-15)


def test_cma_es_recombination_weights_run_over_mu():
    latex = r"w_i = \frac{\ln \frac{\lambda + 1}{2} - \ln i}{\sum_{j=1}^{\mu} \left( \ln \frac{\lambda + 1}{2} - \ln j \right)}"
    table = r"\lambda, \mu: scalar, integer, positive; i, j: index"
    raw = np.log(4.5) - np.log(np.arange(1, 5))
    got = dx.evaluate(latex, {"lambda": 8.0, "mu": 4.0}, table)
    np.testing.assert_allclose(np.ravel(got), raw / raw.sum(), rtol=1e-12)


def test_a_free_index_whose_term_mirrors_no_sum_stays_refused():
    with pytest.raises(dx.DerivaxError, match="cannot tell the range of the free index `k`"):
        dx.evaluate(
            r"u_k = \frac{\log k}{\sum_{j=1}^{n} j^2}",
            {"n": 3.0},
            "n: scalar, integer, positive; k, j: index",
        )


def test_a_term_that_vanishes_when_mirrored_gives_no_range():
    # the autocorrelation's gradient: the delta at k and k + tau is 0, no term of the formula;
    # mirroring it must not hand k the sum's range (it had returned N - tau of N entries)
    acf = r"R_{xx}(\tau) = \sum_{t=1}^{N-\tau} x_t x_{t+\tau}"
    table = "x: vector[N]; tau: scalar, integer, positive; t: index"
    g = dx.grad(acf, "x", table)
    with pytest.raises(dx.ShapeError, match="cannot tell the range of the free index"):
        dx.evaluate(g, {"x": RNG.normal(size=6), "tau": 2}, table)


# -- a free index that picks an array plainly and shifted ---------------------------------------
# (LaTeX, NumPy from the definition over the values where every entry picked exists)
SHIFTED = [
    (r"x_k - x_{k-1}", lambda x, y: x[1:] - x[:-1]),  # first differences, k = 2..n
    (r"\frac{x_t}{x_{t-1}} - 1", lambda x, y: x[1:] / x[:-1] - 1),  # returns
    (r"x_{k+1} - x_k", lambda x, y: x[1:] - x[:-1]),  # forward differences, k = 1..n-1
    (r"x_{k+1} - 2 x_k + x_{k-1}", lambda x, y: x[2:] - 2 * x[1:-1] + x[:-2]),
    (r"x_k - y_{k-1}", lambda x, y: x[1:] - y[:-1]),  # two arrays of one length
    (r"x_{k+2} x_k", lambda x, y: x[2:] * x[:-2]),
]


@pytest.mark.parametrize("n", [1, 2, 3, 6])
@pytest.mark.parametrize("latex, want", SHIFTED, ids=[s[0] for s in SHIFTED])
def test_a_free_index_also_picked_shifted_runs_where_every_entry_exists(latex, want, n):
    # before, the plain pick alone gave the range 1..n and the shifted one read past the array
    # (a ShapeError at the call); n = 1 and 2 leave the ranges of the longer shifts empty
    x, y = RNG.uniform(0.5, 2, size=n), RNG.uniform(0.5, 2, size=n)
    table = "x, y: vector[n]; k, t: index"
    expected = want(x, y)
    values = {"x": x, "y": y} if "y" in latex else {"x": x}
    got = np.asarray(dx.evaluate(latex, values, table))
    np.testing.assert_allclose(got.reshape(expected.shape), expected, rtol=1e-14)
    f = dx.compile(latex, symbols=table)
    args = {p: values[a] for p, a in zip(f.plain_args, f.args, strict=True)}
    np.testing.assert_allclose(np.asarray(f(**args)).reshape(expected.shape), expected, rtol=1e-14)


def test_the_time_rescaling_transform_of_a_point_process():
    # z_k = 1 - exp(-Lambda(t_{k-1}, t_k)) with the intensity e^{a + b u}; the integral is
    # taken in closed form per k: the plain evaluator's range, which counts from its start
    t, a, b = np.array([0.0, 0.5, 1.2, 2.0, 2.1]), 0.1, 0.3
    latex = r"z_k = 1 - \exp\left( -\int_{t_{k-1}}^{t_k} e^{a + b u} \, du \right)"
    got = dx.evaluate(latex, {"t": t, "a": a, "b": b}, "t: vector[n+1]; a, b: scalar; k: index")
    want = 1 - np.exp(-(np.exp(a + b * t[1:]) - np.exp(a + b * t[:-1])) / b)
    np.testing.assert_allclose(got, want, rtol=1e-12)
