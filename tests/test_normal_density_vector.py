r"""``\mathcal{N}(x \mid \mu, \Sigma)`` of a vector x of size d is the multivariate normal density
(2 pi)^{-d/2} det(Sigma)^{-1/2} exp(-(x - mu)^T Sigma^{-1} (x - mu) / 2): its values against the
definition written with numpy.linalg, d = 1 against the scalar density, the isotropic
``\sigma^2 I`` and the zero mean, the shapes refused by name, the log density decided without
a false alarm; and ``\bigtriangledown``, read as ``\nabla``."""

from __future__ import annotations

import math

import numpy as np
import pytest

import derivax as dx

S = r"x, \mu: vector[d]; \Sigma: spd[d]; d: dim"
X = np.array([0.1, 0.2, -0.3])
MU = np.array([0.0, 0.5, 0.1])
SIGMA = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.7]])


def density(x: np.ndarray, mu: np.ndarray, cov: np.ndarray) -> float:
    """The multivariate normal density from its definition (numpy.linalg only)."""
    r = x - mu
    d = len(x)
    quadratic = r @ np.linalg.solve(cov, r)
    return (2 * math.pi) ** (-d / 2) * np.linalg.det(cov) ** -0.5 * math.exp(-quadratic / 2)


@pytest.mark.parametrize("bar", [r"\mid", ";", "|"])
def test_the_three_spellings_give_the_density(bar):
    f = dx.compile(rf"\mathcal{{N}}(x {bar} \mu, \Sigma)", symbols=S)
    assert f.args == ("x", r"\mu", r"\Sigma")
    got = float(f(X, MU, SIGMA))
    assert got == pytest.approx(density(X, MU, SIGMA), rel=1e-12)
    # a hand value: at x = mu with Sigma = I_3 the density is (2 pi)^{-3/2}
    at_mean = float(f(MU, MU, np.eye(3)))
    assert at_mean == pytest.approx((2 * math.pi) ** -1.5, rel=1e-12)


@pytest.mark.parametrize(
    "cov, symbols",
    [
        (r"\Sigma", r"\Sigma: matrix[d, d]"),
        (r"\Sigma", r"\Sigma: symmetric[d]"),
        (r"\sigma I", r"\sigma: scalar"),
        (r"A - B", r"A, B: spd[d]"),
        (r"\Sigma - \lambda I", r"\Sigma: spd[d]; \lambda: scalar, positive"),
        (r"C C", r"C: matrix[d, d]"),
        (r"\operatorname{diag}(s)", r"s: vector[d]"),
    ],
)
def test_a_covariance_not_known_positive_definite_is_refused(cov, symbols):
    # sampled with any eigenvalues, the formula is no density: a true claim about the density
    # (it is at most (2 pi)^{-d/2} |Sigma|^{-1/2}) would be refuted
    table = rf"x, \mu: vector[d]; d: dim; {symbols}"
    with pytest.raises(dx.ParseError, match=r"not known to be positive definite.*spd\[d\]"):
        dx.parse(rf"\mathcal{{N}}(x \mid \mu, {cov})", table)


@pytest.mark.parametrize(
    "cov, symbols, value",
    [
        (
            r"\Sigma + \lambda I",
            r"\Sigma: spd[d]; \lambda: scalar, positive",
            SIGMA + 0.3 * np.eye(3),
        ),
        (r"A A^\top + I", r"A: matrix[d, d]", None),
        (r"\Sigma^{-1}", r"\Sigma: spd[d]", np.linalg.inv(SIGMA)),
        (r"2 \Sigma", r"\Sigma: spd[d]", 2 * SIGMA),
    ],
)
def test_covariances_written_from_definite_matrices(cov, symbols, value):
    table = rf"x, \mu: vector[d]; d: dim; {symbols}"
    f = dx.compile(rf"\mathcal{{N}}(x \mid \mu, {cov})", symbols=table)
    a = np.array([[1.0, 0.2, -0.4], [0.5, 1.1, 0.3], [0.0, -0.7, 0.9]])
    inputs = {"x": X, r"\mu": MU, r"\Sigma": SIGMA, r"\lambda": 0.3, "A": a}
    got = float(f(*(inputs[name] for name in f.args)))
    want = value if value is not None else a @ a.T + np.eye(3)
    assert got == pytest.approx(density(X, MU, want), rel=1e-12)


@pytest.mark.parametrize("x, mu, var", [(0.4, -0.1, 2.5), (-1.3, 0.7, 0.2), (0.0, 0.0, 1.0)])
def test_a_vector_of_size_one_agrees_with_the_scalar_density(x, mu, var):
    vector = dx.compile(
        r"\mathcal{N}(x \mid \mu, \Sigma)", symbols=r"x, \mu: vector[1]; \Sigma: spd[1]"
    )
    scalar = dx.compile(r"\mathcal{N}(t \mid m, s)", symbols="t, m: scalar; s: scalar, positive")
    got = float(vector(np.array([x]), np.array([mu]), np.array([[var]])))
    want = math.exp(-((x - mu) ** 2) / (2 * var)) / math.sqrt(2 * math.pi * var)
    assert got == pytest.approx(want, rel=1e-12)
    assert float(scalar(x, mu, var)) == pytest.approx(want, rel=1e-12)


def test_the_scalar_density_is_read_as_before():
    import sympy

    got = dx.parse(r"\mathcal{N}(t; m, s)", "t, m: scalar; s: scalar, positive")
    t, m = (sympy.Symbol(n, real=True) for n in "tm")
    s = sympy.Symbol("s", real=True, positive=True)
    assert got == sympy.exp(-((t - m) ** 2) / (2 * s)) / sympy.sqrt(2 * sympy.pi * s)


def test_an_isotropic_covariance_is_sigma_squared_times_the_identity():
    symbols = r"x, \mu: vector[d]; \sigma: scalar, positive; d: dim"
    f = dx.compile(r"\mathcal{N}(x \mid \mu, \sigma^2 I)", symbols=symbols)
    got = float(f(X, MU, 1.3))
    assert got == pytest.approx(density(X, MU, 1.3**2 * np.eye(3)), rel=1e-12)


def test_the_standard_normal_with_a_zero_mean_vector():
    f = dx.compile(r"\mathcal{N}(z; \mathbf{0}, \mathbf{I})", symbols="z: vector[J]; J: dim")
    assert float(f(X)) == pytest.approx(density(X, np.zeros(3), np.eye(3)), rel=1e-12)


def test_a_diagonal_covariance_written_with_diag():
    symbols = r"x, \mu, s: vector[d]; d: dim"
    f = dx.compile(r"\mathcal{N}(x; \mu, \operatorname{diag}(s^2))", symbols=symbols)
    s = np.array([0.5, 1.5, 0.9])
    assert float(f(X, MU, s)) == pytest.approx(density(X, MU, np.diag(s**2)), rel=1e-12)


@pytest.mark.parametrize(
    "latex, symbols, message",
    [
        (
            r"\mathcal{N}(x \mid \mu, \Sigma)",
            r"x, \mu: vector[d]; \Sigma: matrix[d, n]",
            r"covariance is d x n but the point x is a vector of size d",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \Sigma)",
            r"x, \mu: vector[d]; \Sigma: spd[n]",
            r"covariance is n x n but the point x is a vector of size d",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \sigma^2)",
            r"x, \mu: vector[d]; \sigma: scalar, positive",
            r"covariance of a vector x of size d is a d x d matrix, not a scalar",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \sigma^2)",
            r"x, \mu, \sigma: vector[d]",
            r"covariance is a vector of size d; .* `\\operatorname\{diag\}\(\\sigma\^2\)`",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \Sigma)",
            r"x: vector[d]; \mu: vector[n]; \Sigma: spd[d]",
            r"the mean is n x 1 but the point x is a vector of size d",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \Sigma)",
            r"x: vector[d]; \mu: scalar; \Sigma: spd[d]",
            r"the mean is a scalar but the point x is a vector of size d",
        ),
        (
            r"\mathcal{N}(x \mid \mu, \Sigma)",
            r"x: scalar; \mu: vector[d]; \Sigma: spd[d]",
            r"the point x is a scalar while the parameters are vectors or matrices",
        ),
        (
            r"\mathcal{N}(X \mid \mu, \Sigma)",
            r"X: matrix[d, n]; \mu: vector[d]; \Sigma: spd[d]",
            r"the point x is a d x n matrix",
        ),
    ],
)
def test_shapes_that_do_not_fit_are_refused_by_name(latex, symbols, message):
    with pytest.raises(dx.ParseError, match=message):
        dx.parse(latex, symbols)


LOG_DENSITY = (
    r"\log \mathcal{N}(x \mid \mu, \Sigma) = CONSTANT \log(2\pi) - \frac12 \log|\Sigma| "
    r"- \frac12 (x-\mu)^\top \Sigma^{-1}(x-\mu)"
)


def test_the_log_density_is_not_refuted():
    claim = LOG_DENSITY.replace("CONSTANT", r"-\frac{d}{2}")
    verdict = dx.check(claim, S, timeout=60)
    assert verdict.status in ("proved", "plausible"), verdict


def test_the_density_is_at_most_its_value_at_the_mean():
    claim = r"\mathcal{N}(x \mid \mu, \Sigma) \le (2\pi)^{-d/2} |\Sigma|^{-1/2}"
    assert dx.check(claim, S, timeout=60).status in ("proved", "plausible")
    wrong = r"\mathcal{N}(x \mid \mu, \Sigma) \le (2\pi)^{-d/2} |\Sigma|^{-1/2} / 2"
    assert dx.check(wrong, S, timeout=60).status == "refuted"


def test_a_wrong_constant_in_the_log_density_is_refuted():
    claim = LOG_DENSITY.replace("CONSTANT", "-d")
    verdict = dx.check(claim, S, timeout=60)
    assert verdict.status == "refuted", verdict


# -- \bigtriangledown ---------------------------------------------------------------------------

G = r"x, b: vector[n]; A: matrix[n, n]; f: function; n: dim"


@pytest.mark.parametrize(
    "written",
    [
        r"{g}_x (x^\top A x + b^\top x)",
        r"{g}_{{x}} f(x)",
        r"{g} f(x)",
        r"{g}^2_x (x^\top A x)",
        r"{g}^2 f(x)",
    ],
)
def test_bigtriangledown_reads_as_nabla(written):
    nabla = dx.parse(written.format(g=r"\nabla"), G)
    assert dx.parse(written.format(g=r"\bigtriangledown"), G) == nabla


def test_a_gradient_written_both_ways_gives_the_same_result():
    for g in (r"\nabla", r"\bigtriangledown"):
        good = dx.check(rf"{g}_x (x^\top A x + b^\top x) = (A + A^\top) x + b", G, timeout=30)
        bad = dx.check(rf"{g}_x (x^\top A x + b^\top x) = 2 A x + b", G, timeout=30)
        assert (good.status, bad.status) == ("proved", "refuted")


@pytest.mark.parametrize(
    "integral",
    [
        r"\int \mathcal{N}(z; \mu, \Sigma) \, dz",
        r"\int \mathcal{N}(z; \mu, \operatorname{diag}(s^2)) \log \mathcal{N}(z; \mathbf{0}, \mathbf{I}) \, dz",
        r"\int e^{-z^\top z} \, dz",
    ],
)
def test_an_integral_over_a_vector_is_refused(integral):
    # read over a scalar z, a function of the vector z would be a constant in it
    table = r"z, \mu, s: vector[J]; \Sigma: spd[J]; J: dim"
    with pytest.raises(dx.ParseError, match=r"integral over `z`, a vector .* is not read"):
        dx.parse(integral, table)
