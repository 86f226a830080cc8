"""Every rule of the stable-rewrite table (derivax/_compile/_stable.py), compiled in float32 and
float64 at x = ±10, ±80, ±700, against mpmath at 400 digits rounded to the same dtype.

float32 behaviour is tested on purpose here: overflow at x = 89 is where an unstable form fails.
"""

import mpmath
import numpy as np
import pytest

import derivax as dx

# 1 + e^{-700} needs about 320 digits to differ from 1; set for every test (another module in the
# same worker may have changed mpmath's global precision since this one was imported)
mpmath.mp.dps = 400


@pytest.fixture(autouse=True)
def _four_hundred_digits():
    with mpmath.workdps(400):
        yield


POINTS = [10.0, -10.0, 80.0, -80.0, 700.0, -700.0]
E = mpmath.e


def sig(x):
    return 1 / (1 + mpmath.exp(-x))


# (LaTeX, symbols, the value from the definition in mpmath, extra points)
SCALAR_RULES = [
    (r"\frac{e^{x}}{1 + e^{x}}", lambda x: mpmath.exp(x) / (1 + mpmath.exp(x)), []),
    (r"\frac{1}{1 + e^{-x}}", lambda x: 1 / (1 + mpmath.exp(-x)), []),
    (r"\frac{1}{1 + e^{x}}", lambda x: 1 / (1 + mpmath.exp(x)), []),
    (r"\frac{3 e^{x}}{1 + e^{x}}", lambda x: 3 * mpmath.exp(x) / (1 + mpmath.exp(x)), []),
    (r"\log(1 + e^{x})", lambda x: mpmath.log(1 + mpmath.exp(x)), []),
    (r"e^{x} - 1", lambda x: mpmath.exp(x) - 1, [1e-10, -1e-10]),
    (r"\log(1 - e^{-x})", lambda x: mpmath.log(1 - mpmath.exp(-x)), [1e-10, 0.5, 1.0]),
    (r"1 - \sigma(x)", lambda x: 1 - sig(x), []),
    (r"\log \sigma(x)", lambda x: mpmath.log(sig(x)), []),
    (r"\log(1 - \sigma(x))", lambda x: mpmath.log(1 - sig(x)), []),
    (r"\log(1 + x)", lambda x: mpmath.log(1 + x), [1e-10, -1e-10]),
    (r"x \log x", lambda x: x * mpmath.log(x), []),
    (r"x \log(1 + x)", lambda x: x * mpmath.log(1 + x), [1e-10]),
]

VECTOR_RULES = [
    # z = (x, 0, -x / 2)
    (r"\log \sum_{j=1}^{n} e^{z_j}", lambda z: mpmath.log(sum(mpmath.exp(v) for v in z))),
    (
        r"\operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
        lambda z: [mpmath.exp(v) / sum(mpmath.exp(u) for u in z) for v in z],
    ),
    (
        r"\ell_k = \log \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
        lambda z: [v - mpmath.log(sum(mpmath.exp(u) for u in z)) for v in z],
    ),
    (
        r"\log \operatorname{softmax}(z)_1",
        lambda z: z[0] - mpmath.log(sum(mpmath.exp(u) for u in z)),
    ),
]


def expected(value, dtype):
    """The mpmath value as the dtype holds it: NaN where it is not real, inf where it overflows."""
    if isinstance(value, mpmath.mpc) and value.imag != 0:
        return np.array(np.nan, dtype)
    with np.errstate(over="ignore"):
        return np.array(
            float(mpmath.re(value)) if abs(value) < 1e308 else float("inf") * mpmath.sign(value),
            dtype,
        )


def assert_close(got, want, dtype, scale=0.0):
    """Within 16 ulps, or (``scale``) within 16 eps * scale absolutely: a log-softmax near 0 is
    log(1 + tiny), whose absolute error is bounded by the rounding of inputs of size ``scale``."""
    got, want = np.asarray(got), np.asarray(want, dtype)
    assert got.dtype == dtype
    eps = np.finfo(dtype).eps
    tiny = np.finfo(dtype).tiny
    np.testing.assert_allclose(
        got.astype(np.float64),
        want.astype(np.float64),
        rtol=16 * eps,
        atol=max(16 * tiny, 16 * eps * scale),
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("latex, exact, extra", SCALAR_RULES, ids=[r[0] for r in SCALAR_RULES])
def test_scalar_rule_is_stable(latex, exact, extra, dtype):
    f = dx.compile(latex, dtype=dtype)
    for x in POINTS + extra:
        xd = float(np.asarray(x, dtype))  # the input as the dtype holds it
        want = exact(mpmath.mpf(xd)) if not (latex.startswith("x") and xd < 0) else mpmath.mpc(0, 1)
        assert_close(f(x=x), expected(want, dtype), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("latex, exact", VECTOR_RULES, ids=[r[0] for r in VECTOR_RULES])
def test_vector_rule_is_stable(latex, exact, dtype):
    f = dx.compile(latex, symbols="z: vector[n]; j, k: index; n: dim", dtype=dtype)
    for x in POINTS:
        z = np.asarray([x, 0.0, -x / 2], dtype)
        want = exact([mpmath.mpf(float(v)) for v in z])
        scale = 1.0 if r"\log" in latex else 0.0
        assert_close(
            f(z=z),
            expected(want, dtype)
            if not isinstance(want, list)
            else np.asarray([expected(w, dtype) for w in want]),
            dtype,
            scale,
        )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_det_is_stable_where_the_determinant_overflows(dtype):
    f = dx.compile(r"\log \det A", symbols="A: spd[n]", dtype=dtype)
    for x in POINTS:
        s = np.exp(np.float64(x) / 10)
        a = np.diag([s, s, 1.0]).astype(dtype)
        want = 2 * mpmath.log(mpmath.mpf(float(np.asarray(s, dtype))))
        assert_close(f(A=a), expected(want, dtype), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_exp_over_one_plus_exp_compiles_to_sigmoid_of_x(dtype):
    f = dx.compile(r"\frac{e^{x}}{1 + e^{x}}", dtype=dtype)
    from derivax import _functions as F

    # the function table's sigmoid, whose exponential is of -|x| only: never e^{x} itself
    assert f.source.count("jnp.exp(") == 2 and F.jax_code(F.BY_CLASS[F.sigmoid], "x") in f.source
    # where the old form sigmoid(-x) * exp(x) was 0 and NaN (float32: 87.5, 89; float64: 709, 710)
    for x in (87.5, 89.0, 709.0, 710.0, 1e4):
        assert float(f(x=x)) == 1.0


# -- issue 25: forms that overflowed or lost their stable logarithm, each against mpmath from the
# definition, values and gradients (jax.grad), float32 and float64
def grad_of(f, name, **inputs):
    import jax

    return jax.grad(lambda v: f(**{**inputs, name: v}).sum())(inputs[name])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_gamma_is_gammaln_with_digamma_gradient_and_keeps_it_under_a_coefficient(dtype):
    points = [0.5, 172.0, 200.0, 1e4] + ([1e200] if dtype == np.float64 else [1e30])
    bare = dx.compile(r"\log\Gamma(x)", dtype=dtype)
    scaled = dx.compile(r"\alpha \log\Gamma(x)", dtype=dtype)
    for x in points:
        xd = mpmath.mpf(float(np.asarray(x, dtype)))
        assert_close(bare(x=x), expected(mpmath.loggamma(xd), dtype), dtype)
        assert_close(
            grad_of(bare, "x", x=np.asarray(x, dtype)), expected(mpmath.digamma(xd), dtype), dtype
        )
        # alpha log Gamma(x) was xlogy(alpha, gamma(x)): inf from x = 172
        want = mpmath.mpf(float(np.asarray(0.5, dtype))) * mpmath.loggamma(xd)
        assert_close(scaled(alpha=0.5, x=x), expected(want, dtype), dtype)
    assert float(scaled(alpha=0.0, x=0.0)) == 0.0  # 0 log Gamma(0) = 0, as xlogy has it


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_beta_function_splits_into_gammaln(dtype):
    f = dx.compile(
        r"\log \frac{\Gamma(a)\Gamma(b)}{\Gamma(a+b)}",
        symbols="a, b: scalar, positive",
        dtype=dtype,
    )
    assert "gamma(" not in f.source.replace("gammaln(", "")
    for a, b in [(1e4, 1e4), (300.0, 0.5), (2.0, 3.0)]:
        ad, bd = (mpmath.mpf(float(np.asarray(v, dtype))) for v in (a, b))
        want = mpmath.loggamma(ad) + mpmath.loggamma(bd) - mpmath.loggamma(ad + bd)
        np.testing.assert_allclose(
            float(f(a=a, b=b)),
            float(want),
            rtol=64 * np.finfo(dtype).eps * float(abs(mpmath.loggamma(ad)) / abs(want) + 1),
        )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("x", [1e3, -1e3, 1e4, 0.0, 80.0])
def test_log_of_a_sum_of_exponentials_is_logaddexp(dtype, x):
    cases = [
        (r"\log(e^{a} + e^{b})", lambda a, b: mpmath.log(mpmath.exp(a) + mpmath.exp(b))),
        (r"\log(1 + e^{a} + e^{b})", lambda a, b: mpmath.log(1 + mpmath.exp(a) + mpmath.exp(b))),
        (r"\log(2 e^{a} + e^{-b})", lambda a, b: mpmath.log(2 * mpmath.exp(a) + mpmath.exp(-b))),
        (
            r"\frac{e^{a}}{e^{a} + e^{b}}",
            lambda a, b: mpmath.exp(a) / (mpmath.exp(a) + mpmath.exp(b)),
        ),
    ]
    for latex, exact in cases:
        f = dx.compile(latex, dtype=dtype)
        a, b = np.asarray(x, dtype), np.asarray(x / 2, dtype)
        ad, bd = mpmath.mpf(float(a)), mpmath.mpf(float(b))
        assert_close(f(a=a, b=b), expected(exact(ad, bd), dtype), dtype, scale=abs(x))
        # d/da from the definition, by mpmath's differentiation at 400 digits
        want = mpmath.diff(lambda t, exact=exact, bd=bd: exact(t, bd), ad)
        # absolutely: a saturated quotient's derivative (e^{-500}) is 1 - 1 in JAX's rules
        assert_close(grad_of(f, "a", a=a, b=b), expected(want, dtype), dtype, scale=1.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_infonce_term_is_stable(dtype):
    """log(e^{s} / (e^{s} + sum_j e^{z_j})): the contrastive loss of one positive pair."""
    f = dx.compile(
        r"\log \frac{e^{s}}{e^{s} + \sum_{j=1}^{n} e^{z_j}}",
        symbols="s: scalar; z: vector[n]; j: index; n: dim",
        dtype=dtype,
    )
    for scale in (1.0, 1e3, 1e4):
        s, z = np.asarray(scale, dtype), np.asarray([scale, -scale, scale / 2], dtype)
        sd, zd = mpmath.mpf(float(s)), [mpmath.mpf(float(v)) for v in z]
        want = sd - mpmath.log(mpmath.exp(sd) + sum(mpmath.exp(v) for v in zd))
        assert_close(f(s=s, z=z), expected(want, dtype), dtype, scale=scale)
        g = grad_of(f, "z", s=s, z=z)
        total = mpmath.exp(sd) + sum(mpmath.exp(v) for v in zd)
        # exp(s - lse): its rounding is eps * |s| absolutely (the condition of the quotient)
        want_g = np.asarray([expected(-mpmath.exp(v) / total, dtype) for v in zd])
        assert_close(g, want_g, dtype, scale=scale)


def _norm(v):
    return mpmath.sqrt(sum(mpmath.mpf(float(t)) ** 2 for t in np.ravel(v)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_euclidean_norms_are_scaled_by_their_largest_entry(dtype):
    big = 1e200 if dtype == np.float64 else 1e30
    tiny = 1e-200 if dtype == np.float64 else 1e-30
    vec = dx.compile(r"\|x\|_2", symbols="x: vector[n]", dtype=dtype)
    unit = dx.compile(r"\frac{x}{\|x\|_2}", symbols="x: vector[n]", dtype=dtype)
    frob = dx.compile(r"\|A\|_F", symbols="A: matrix[m, n]", dtype=dtype)
    rows = dx.compile(
        r"r_i = \sqrt{\sum_{j=1}^{d} X_{ij}^2}", symbols="X: matrix[n, d]; i, j: index", dtype=dtype
    )
    hyp = dx.compile(r"\sqrt{a^2 + b^2}", dtype=dtype)
    for s in (big, tiny, 1.0, -big):
        x = np.asarray([s, s, -s / 2], dtype)
        n = _norm(x)
        assert_close(vec(x=x), expected(n, dtype), dtype)
        want_unit = np.asarray([expected(mpmath.mpf(float(t)) / n, dtype) for t in x])
        assert_close(unit(x=x), want_unit, dtype)
        assert_close(grad_of(vec, "x", x=x), want_unit, dtype)  # d|x|/dx = x / |x|
        a = np.asarray([[s, 2 * s], [-s, s / 4]], dtype)
        assert_close(frob(A=a), expected(_norm(a), dtype), dtype)
        assert_close(rows(X=a), np.asarray([expected(_norm(r), dtype) for r in a]), dtype)
        assert_close(hyp(a=x[0], b=x[2]), expected(_norm(x[[0, 2]]), dtype), dtype)
    zero = np.zeros(3, dtype)
    assert float(vec(x=zero)) == 0.0
    assert np.all(np.asarray(grad_of(vec, "x", x=zero)) == 0.0)  # a subgradient, never NaN


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_logistic_regression_nll_keeps_log_sigmoid_under_its_coefficients(dtype):
    f = dx.catalog()["logistic_regression_nll"].compile(dtype=dtype)
    assert "xlog1py" not in f.source and "xlogy" not in f.source
    for t in (15.0, 17.0, 40.0, 1e4, -1e4):
        X, w, y = np.asarray([[1.0]], dtype), np.asarray([t], dtype), np.asarray([0.0], dtype)
        td = mpmath.mpf(float(w[0]))
        # y = 0: -log(1 - sigma(t)), with 1 - 1 / (1 + e^{-t}) = 1 / (1 + e^{t}) (400 digits
        # cannot hold 1 - sigma(10^4))
        want = -mpmath.log(1 / (1 + mpmath.exp(td)))
        assert_close(f(X=X, w=w, y=y), expected(want, dtype), dtype)
        g = grad_of(f, "w", X=X, w=w, y=y)
        assert_close(g, np.asarray([expected(1 / (1 + mpmath.exp(-td)), dtype)]), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_coefficient_keeps_log1mexp(dtype):
    f = dx.compile(r"(1 - y) \log(1 - e^{-t})", dtype=dtype)
    for t in (1e-6, 0.5, 50.0):
        td, yd = mpmath.mpf(float(np.asarray(t, dtype))), mpmath.mpf(float(np.asarray(0.25, dtype)))
        assert_close(
            f(t=t, y=0.25), expected((1 - yd) * mpmath.log(1 - mpmath.exp(-td)), dtype), dtype
        )
    assert float(f(t=0.0, y=1.0)) == 0.0  # 0 log 0 = 0


# -- saturated gradients, binomial's sign, ratios of powers (issue 25): each against mpmath from
# the definition at 400 digits


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    "latex, derivative",
    [
        (r"\sigma(x)", lambda x: sig(x) * sig(-x)),
        (r"\frac{1}{1 + e^{-x}}", lambda x: sig(x) * sig(-x)),
        (r"1 - \sigma(x)", lambda x: -sig(x) * sig(-x)),
        (r"\tanh(x)", lambda x: mpmath.sech(x) ** 2),
    ],
)
def test_saturated_gradients_are_right_where_representable(latex, derivative, dtype):
    import jax

    f = dx.compile(latex, dtype=dtype)
    grad = jax.grad(lambda x: f(x=x))
    big = 40.0 if dtype == np.float32 else 300.0  # sigma'(300) = 5e-131, sech^2(300) = 1e-260
    for x in (0.0, 0.3, -2.0, 20.0, -20.0, 37.0, big, -big, 1e4, -1e4):
        xd = float(np.asarray(x, dtype))
        assert_close(grad(np.asarray(x, dtype)), expected(derivative(mpmath.mpf(xd)), dtype), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_and_tanh_values_stay_within_a_few_ulps(dtype):
    f = dx.compile(r"\sigma(x)", dtype=dtype)
    g = dx.compile(r"\tanh(x)", dtype=dtype)
    for x in (0.0, 1e-30, -1e-30, 0.49, 0.5, -0.51, 3.0, -80.0, 80.0, 700.0):
        xd = mpmath.mpf(float(np.asarray(x, dtype)))
        assert_close(f(x=x), expected(sig(xd), dtype), dtype)
        assert_close(g(x=x), expected(mpmath.tanh(xd), dtype), dtype)


def _falling(n, k):
    out = mpmath.mpf(1)
    for j in range(k):
        out *= (n - j) / (j + 1)
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_binomial_of_a_literal_k_is_the_product_for_every_real_n(dtype):
    import jax

    f = dx.compile(r"\binom{x}{3}", dtype=dtype)
    for n in (-100.0, -100.5, -7.0, 0.5, 2.0, 10.0, 1e4, -1e4):
        nd = mpmath.mpf(float(np.asarray(n, dtype)))
        assert_close(f(x=n), expected(_falling(nd, 3), dtype), dtype, scale=0.0)
        slope = mpmath.diff(lambda t: _falling(t, 3), nd)
        got = jax.grad(lambda x: f(x=x))(np.asarray(n, dtype))
        np.testing.assert_allclose(float(got), float(slope), rtol=64 * np.finfo(dtype).eps)


def test_binomial_of_a_variable_k_keeps_its_sign_and_is_nan_at_a_pole():
    f = dx.compile(r"\binom{n}{k}", dtype=np.float64)
    for n, k in ((-100.5, 3.0), (-2.5, 2.0), (7.5, 2.0), (10.0, 4.0)):
        want = mpmath.binomial(n, k)
        np.testing.assert_allclose(float(f(n=n, k=k)), float(want), rtol=1e-12)
    # at a negative integer n the gamma form has a pole in two of its factors: NaN, never a
    # silent value (a literal k takes the product above instead)
    assert np.isnan(float(f(n=-100.0, k=3.0)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_ratio_of_powers_does_not_overflow_before_the_quotient(dtype):
    import jax

    f = dx.compile(r"\frac{x^3}{y^2}", dtype=dtype)
    big = 1e30 if dtype == np.float32 else 1e200
    x, y = np.asarray(big, dtype), np.asarray(big / 2, dtype)
    X, Y = mpmath.mpf(float(x)), mpmath.mpf(float(y))
    assert_close(f(x=x, y=y), expected(X**3 / Y**2, dtype), dtype)
    assert_close(jax.grad(lambda x: f(x=x, y=y))(x), expected(3 * X**2 / Y**2, dtype), dtype)
    g = dx.compile(r"\frac{3 a^2 b}{c^3 d}", dtype=dtype)
    a, b, c, d = 2.0, 3.0, 1.5, 0.5
    assert_close(
        g(a=a, b=b, c=c, d=d), expected(mpmath.mpf(3 * a * a * b) / (c**3 * d), dtype), dtype
    )


def test_log_one_minus_exp_has_a_finite_gradient_near_zero():
    import jax

    f = dx.compile(r"\log(1 - e^{-x})", dtype=np.float64)
    for x in (1e-200, 1e-10, 0.5, 3.0):
        got = float(jax.grad(lambda t: f(x=t))(x))
        np.testing.assert_allclose(got, float(1 / mpmath.expm1(mpmath.mpf(x))), rtol=1e-14)


def test_every_spelling_of_log_gamma_has_no_real_value_where_gamma_is_negative():
    # gammaln is log|Gamma|: the named function (lgamma, loggamma, ...) compiled to it gave a finite
    # 460.5 at x = -1e-200, where Gamma(x) < 0; it now agrees with \log\Gamma(x) everywhere
    import math

    import derivax as dx

    # x64 is on for the whole suite (conftest)
    for latex in (r"\operatorname{lgamma}(x)", r"\operatorname{loggamma}(x)", r"\log\Gamma(x)"):
        f = dx.compile(latex, symbols="x: scalar")
        for x in (-0.5, -2.5, -1e-200):  # Gamma(x) < 0
            assert math.isnan(float(f(x=x))), (latex, x)
        for x in (-1.5, 2.5, 1e-200, 200.0):  # Gamma(x) > 0: log|Gamma| = log Gamma
            assert float(f(x=x)) == pytest.approx(math.lgamma(x), rel=1e-12), (latex, x)


# -- x log y and x log(1 + y) at x = 0: the derivative by y of a term that is 0 for every y ----
def _dlog(q, k, sign=1):
    """The k-th derivative of log(1 + sign q) by q at q, from its formula (ZeroDivisionError at
    its pole); ``sign=None`` is log q."""
    if sign is None:
        return (-1) ** (k - 1) * mpmath.factorial(k - 1) / mpmath.mpf(q) ** k
    return sign**k * (-1) ** (k - 1) * mpmath.factorial(k - 1) / (1 + sign * mpmath.mpf(q)) ** k


#: (latex, symbols, coefficient, argument, terms: (coefficient of c, sign of the log's argument))
ZERO_LOG_CASES = [
    (r"y \log p", "y: scalar; p: scalar, unit", "y", "p", [(lambda c: c, None)]),
    (r"(1 - y) \log(1 - p)", "y: scalar; p: scalar, unit", "y", "p", [(lambda c: 1 - c, -1)]),
    (
        r"-(y \log p + (1 - y) \log(1 - p))",
        "y: scalar; p: scalar, unit",
        "y",
        "p",
        [(lambda c: -c, None), (lambda c: -(1 - c), -1)],
    ),
    (r"t \log(1 + u)", "t: scalar; u: scalar, nonnegative", "t", "u", [(lambda c: c, 1)]),
]


@pytest.mark.parametrize(("latex", "symbols", "c", "v", "terms"), ZERO_LOG_CASES)
def test_a_zero_coefficient_s_log_has_derivative_zero_by_its_argument(latex, symbols, c, v, terms):
    """At the corner where a coefficient is 0 and its logarithm is at its pole (binary cross
    entropy at y = y_hat = 1 or 0), the first and second derivatives by the argument are the
    definition's: a term whose coefficient is 0 is 0 for every value of the argument, so only the
    live terms count; never NaN. Float64 and float32; points where a live term is at its pole
    (an infinite derivative) are left out."""
    import jax

    for dtype, tol in (("float64", 1e-12), ("float32", 1e-5)):
        f = dx.compile(latex, symbols=symbols, dtype=dtype)
        checked = 0
        for cv in (0.0, 1.0, 0.5):
            for av in (0.0, 1.0, 0.25, -1.0, 0.5):
                kw = {c: jax.numpy.asarray(cv, dtype), v: jax.numpy.asarray(av, dtype)}

                def along(a, kw=kw, f=f):
                    return f(**{**kw, v: a})

                for order, grad in ((1, jax.grad(along)), (2, jax.grad(jax.grad(along)))):
                    try:
                        want = mpmath.fsum(
                            k(mpmath.mpf(cv)) * _dlog(av, order, sign)
                            for k, sign in terms
                            if k(mpmath.mpf(cv)) != 0
                        )
                    except ZeroDivisionError:
                        continue  # a live term at its pole
                    got = float(grad(kw[v]))
                    assert np.isfinite(got), (latex, dtype, cv, av, order, got)
                    assert abs(got - float(want)) <= tol * max(1.0, abs(float(want))), (
                        latex,
                        dtype,
                        cv,
                        av,
                        order,
                        got,
                        float(want),
                    )
                    checked += 1
        assert checked >= 6


# -- a square of a sum, or a sum of squares, over a squared scale: paired as a square of the ratio --
def _ratio_family():
    """(latex, symbols, inputs at scale s, value from the definition, gradient by the first input
    from the definition) for members of the family: differences and sums as bases, a cube, a
    norm written three ways, a hypotenuse, and a mean square over a count (the member the
    pairing must leave alone: its gradient at 1e-200 is 1e-200, never 0)."""
    mp = mpmath

    def vec(s):
        return [s, -s / 2, s / 4]

    def z_of(s):
        return [s / 3, s / 5, -s / 7]

    out = [
        (
            r"\frac{(a - b)^2}{2 s^2}",
            "a, b: scalar; s: scalar, positive",
            lambda t: {"a": t, "b": -t / 3, "s": abs(t) / 2},
            lambda a, b, s: (a - b) ** 2 / (2 * s**2),
            lambda a, b, s: [(a - b) / s**2],
        ),
        (
            r"\frac{a^3}{s^2}",
            "a: scalar; s: scalar, positive",
            lambda t: {"a": t, "s": abs(t) * 2},
            lambda a, s: a**3 / s**2,
            lambda a, s: [3 * a**2 / s**2],
        ),
        (
            r"\frac{(a + b)^3}{s^2}",
            "a, b: scalar; s: scalar, positive",
            lambda t: {"a": t, "b": t / 3, "s": abs(t) * 2},
            lambda a, b, s: (a + b) ** 3 / s**2,
            lambda a, b, s: [3 * (a + b) ** 2 / s**2],
        ),
        (
            r"\frac{\|x - z\|_2^2}{2 s^2}",
            "x, z: vector[n]; s: scalar, positive; n: dim",
            lambda t: {"x": vec(t), "z": z_of(t), "s": abs(t)},
            lambda x, z, s: mp.fsum((p - q) ** 2 for p, q in zip(x, z, strict=True)) / (2 * s**2),
            lambda x, z, s: [(p - q) / s**2 for p, q in zip(x, z, strict=True)],
        ),
        (
            r"\frac{\sum_{i=1}^{n} (x_i - z_i)^2}{s^2}",
            "x, z: vector[n]; s: scalar, positive; i: index; n: dim",
            lambda t: {"x": vec(t), "z": z_of(t), "s": abs(t)},
            lambda x, z, s: mp.fsum((p - q) ** 2 for p, q in zip(x, z, strict=True)) / s**2,
            lambda x, z, s: [2 * (p - q) / s**2 for p, q in zip(x, z, strict=True)],
        ),
        (
            r"\frac{a^2 + b^2}{s^2}",
            "a, b: scalar; s: scalar, positive",
            lambda t: {"a": t, "b": -t / 2, "s": abs(t)},
            lambda a, b, s: (a**2 + b**2) / s**2,
            lambda a, b, s: [2 * a / s**2],
        ),
        (
            r"\frac{1}{n} \sum_{i=1}^{n} x_i^2",
            "x: vector[n]; i: index; n: dim",
            lambda t: {"x": vec(t)},
            lambda x: mp.fsum(p**2 for p in x) / len(x),
            lambda x: [2 * p / len(x) for p in x],
        ),
    ]
    return out


@pytest.mark.parametrize("member", _ratio_family(), ids=lambda m: m[0])
def test_a_square_over_a_squared_scale_keeps_value_and_gradient_at_extreme_scales(member):
    """Values and gradients at inputs of 1e±200 (where a^2 alone is 1e±400), float64, against the
    definition in mpmath; the value is compared where it is representable."""
    import jax

    latex, symbols, inputs, value, gradient = member
    f = dx.compile(latex, symbols=symbols)
    first = f.args[0]
    for t in (1e2, -1e4, 1e200, -1e200, 1e-200, -1e-200):
        given = inputs(t)
        names = [a for a in f.args]
        exact_inputs = {
            k: (mpmath.mpf(v) if np.ndim(v) == 0 else [mpmath.mpf(x) for x in v])
            for k, v in given.items()
        }
        want = value(*(exact_inputs[k] for k in names))
        want_grad = gradient(*(exact_inputs[k] for k in names))
        arrays = {k: jax.numpy.asarray(v, "float64") for k, v in given.items()}
        got = float(f(**arrays))
        tiny = np.finfo(np.float64).tiny
        if tiny <= abs(want) < np.finfo(np.float64).max:
            assert abs(got - float(want)) <= 1e-12 * abs(float(want)), (latex, t, got, want)

        def along(a, arrays=arrays):
            return f(**{**arrays, first: a})

        g = np.atleast_1d(np.asarray(jax.grad(along)(arrays[first])))
        # under jit, where XLA may reassociate the divisions, the same gradient
        jitted = np.atleast_1d(np.asarray(jax.jit(jax.grad(along))(arrays[first])))
        assert np.allclose(jitted, g, rtol=1e-12, atol=0), (latex, t, g, jitted)
        for got_k, want_k in zip(g, want_grad, strict=True):
            if tiny <= abs(want_k) < np.finfo(np.float64).max:
                assert abs(got_k - float(want_k)) <= 1e-12 * abs(float(want_k)), (
                    latex,
                    t,
                    g,
                    [float(w) for w in want_grad],
                )


# -- a cosine similarity: the inner product over the two norms, with unit vectors formed first --
COSINE = [
    (
        r"\frac{\sum_{i=1}^{n} u_i v_i}{\sqrt{\sum_{i=1}^{n} u_i^2} \sqrt{\sum_{i=1}^{n} v_i^2}}",
        lambda u, v: (u, v),
    ),
    (
        r"\frac{2 \sum_{i=1}^{n} (u_i - v_i) v_i}{\sqrt{\sum_{j=1}^{n} (u_j - v_j)^2}"
        r" \sqrt{\sum_{j=1}^{n} v_j^2}}",
        lambda u, v: ([a - b for a, b in zip(u, v, strict=True)], v),
    ),
]


def _cosine_exact(a, b):
    dot = mpmath.fsum(p * q for p, q in zip(a, b, strict=True))
    return dot / (
        mpmath.sqrt(mpmath.fsum(p * p for p in a)) * mpmath.sqrt(mpmath.fsum(q * q for q in b))
    )


@pytest.mark.parametrize(("latex", "pair"), COSINE, ids=["cosine", "scaled deviations"])
def test_a_cosine_similarity_keeps_its_value_and_gradient_at_extreme_scales(latex, pair):
    """Against the definition in mpmath at vectors of 1e±200 (the inner product alone is 1e±400),
    lengths 1 to 4 (at n = 1 the cosine is ±1 and its gradient 0), and at u = 0, where the
    cosine has no value (0/0): NaN, never a number."""
    import jax

    symbols = "u, v: vector[n]; i, j: index; n: dim"
    f = dx.compile(latex, symbols=symbols)
    rng = np.random.default_rng(3)
    for n in (1, 2, 4):
        for scale in (1.0, 1e200, -1e200, 1e-200):
            u0, v0 = rng.normal(size=n), rng.normal(size=n)
            u, v = u0 * scale, v0 * abs(scale)
            a, b = pair([mpmath.mpf(x) for x in u], [mpmath.mpf(x) for x in v])
            want = _cosine_exact(a, b) * (2 if latex.startswith(r"\frac{2") else 1)
            got = float(f(u=u, v=v))
            assert abs(got - float(want)) <= 1e-12, (latex, n, scale, got, float(want))

            def along(x, v=v):
                return f(u=x, v=v)

            g = np.asarray(jax.grad(along)(jax.numpy.asarray(u)))
            # under jit, where XLA may reassociate the divisions, the same gradient
            jitted = np.asarray(jax.jit(jax.grad(along))(jax.numpy.asarray(u)))
            assert np.allclose(jitted, g, rtol=1e-12, atol=0), (latex, n, scale, g, jitted)
            assert np.all(np.isfinite(g)), (latex, n, scale, g)
            # the gradient by u from the definition, by differences at 40 digits in u's scale
            with mpmath.workdps(40):
                for k in range(n):
                    h = mpmath.mpf(abs(u[k]) or abs(scale)) * mpmath.mpf("1e-15")

                    def moved(d, k=k, u=u, v=v):
                        w = [mpmath.mpf(x) for x in u]
                        w[k] += d
                        p, q = pair(w, [mpmath.mpf(x) for x in v])
                        return _cosine_exact(p, q) * (2 if latex.startswith(r"\frac{2") else 1)

                    exact = (moved(h) - moved(-h)) / (2 * h)
                    tol = 1e-6 * max(abs(float(exact)), 1 / abs(float(scale)))
                    assert abs(g[k] - float(exact)) <= tol, (latex, n, scale, k, g[k], exact)
    # the first vector 0 (u = 0, u = v): 0/0
    zero = np.zeros(3) if latex.startswith(r"\frac{\sum") else np.ones(3)
    assert np.isnan(float(f(u=zero, v=np.ones(3))))


# -- the normal equations' solution by QR: X^T X is never formed ----------------------------------
def _normal_exact(X, y):
    """(X^T X)^{-1} X^T y in mpmath at 60 digits, from the definition."""
    with mpmath.workdps(60):
        A = mpmath.matrix([[mpmath.mpf(v) for v in row] for row in X])
        b = mpmath.matrix([mpmath.mpf(v) for v in y])
        return [float(v) for v in mpmath.lu_solve(A.T * A, A.T * b)]


@pytest.mark.parametrize("shape", [(3, 2), (5, 3), (4, 1), (2, 2)])
def test_the_normal_equations_solution_keeps_scale_and_accuracy(shape):
    """At entries of 1e±200 (X^T X = 1e±400) and at an ill-conditioned X (condition 1e6, whose
    Gram matrix has 1e12), the solution against mpmath, with its gradient finite; n = d and
    d = 1 included; under jit the same value."""
    import jax

    symbols = "X: matrix[n, d]; y: vector[n]; n, d: dim"
    f = dx.compile(r"(X^T X)^{-1} X^T y", symbols=symbols)
    assert "_normal_solve" in f.source
    rng = np.random.default_rng(11)
    n, d = shape
    base = rng.normal(size=(n, d))
    ill = base.copy()
    if d > 1:
        ill[:, 1] = ill[:, 0] + 1e-6 * ill[:, 1]
    y0 = rng.normal(size=n)
    for X, y, tol in (
        (base, y0, 1e-12),
        (base * 1e200, y0 * 1e200, 1e-12),
        (base * 1e-200, y0 * 1e-200, 1e-12),
        (ill, y0, 1e-6),
    ):
        want = _normal_exact(X, y)
        got = np.ravel(np.asarray(f(X=X, y=y)))
        scale = max(abs(w) for w in want)
        assert np.allclose(got, want, rtol=0, atol=tol * scale), (shape, got, want)
        jitted = np.ravel(np.asarray(jax.jit(lambda a, b: f(X=a, y=b))(X, y)))
        assert np.allclose(jitted, got, rtol=1e-12, atol=0)
        g = jax.grad(lambda a, X=X: jax.numpy.sum(f(X=X, y=a)))(jax.numpy.asarray(y))
        assert np.all(np.isfinite(np.asarray(g)))


SOFTMAXES = [
    (r"\operatorname{softmax}(z)_k", "z: vector[n]; k: index; n: dim"),
    (r"\frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}", "z: vector[n]; j, k: index; n: dim"),
]


def _softmax_derivatives(z, g):
    """The gradient and Hessian of sum_k g_k softmax(z)_k, from ds_k/dz_j = s_k (d_kj - s_j),
    in mpmath at 60 digits (the backward pass relative to the largest entry is what is tested,
    so the reference is not computed with it)."""
    with mpmath.workdps(60):
        z = [mpmath.mpf(float(v)) for v in z]
        e = [mpmath.exp(v - max(z)) for v in z]
        s = [v / mpmath.fsum(e) for v in e]
        n = len(z)

        def d(a, b):
            return 1 if a == b else 0

        grad = [mpmath.fsum(g[k] * s[k] * (d(k, j) - s[j]) for k in range(n)) for j in range(n)]
        hess = [
            [
                mpmath.fsum(
                    g[k]
                    * (s[k] * (d(k, q) - s[q]) * (d(k, j) - s[j]) - s[k] * s[j] * (d(j, q) - s[q]))
                    for k in range(n)
                )
                for q in range(n)
            ]
            for j in range(n)
        ]
        return np.array(grad, dtype=float), np.array(hess, dtype=float)


@pytest.mark.parametrize("latex, symbols", SOFTMAXES)
@pytest.mark.parametrize("z", [[100.0, -50.0, 25.0], [-3.0, 40.0, 40.0], [0.2, -0.1, 0.4]])
def test_the_gradient_through_a_softmax_is_right_where_it_saturates(latex, symbols, z):
    """The standard backward pass s * (g - <s, g>) gave 0 at z = (100, -50, 25) where the exact
    gradient is 1e-33; forward mode goes through the same rule. The Hessian, whose second-order
    terms still cancel where the softmax saturates, is exact where it does not and no worse than
    ``jax.nn.softmax``'s where it does."""
    import jax
    import jax.numpy as jnp

    g = [0.3, -1.1, 0.7]
    f = dx.compile(latex, symbols=symbols, dtype="float64")
    loss = lambda v: jnp.sum(jnp.asarray(g) * f(z=v))  # noqa: E731
    want_grad, want_hess = _softmax_derivatives(z, g)
    v = jnp.asarray(z)
    for got in (jax.grad(loss)(v), jax.jacfwd(loss)(v)):
        err = np.max(np.abs(np.asarray(got) - want_grad)) / np.max(np.abs(want_grad))
        assert err < 1e-12, (got, want_grad)
    hess = np.asarray(jax.hessian(loss)(v))
    error = np.max(np.abs(hess - want_hess))
    if max(z) - min(z) < 1:
        assert error / np.max(np.abs(want_hess)) < 1e-12
    else:
        theirs = jax.hessian(lambda v: jnp.sum(jnp.asarray(g) * jax.nn.softmax(v)))(v)
        assert error <= np.max(np.abs(np.asarray(theirs) - want_hess)) + 1e-300


def test_the_gradient_through_a_softmax_of_a_product_under_jit_with_tied_scores():
    """Tied largest scores of a product, under jit: the backward pass relative to the largest
    entry is finite and right. (It marked the largest where exp(z - max z) == 1, which XLA's exp
    under jit need not give; attention's gradient was NaN at scores of 1e4 with a tie, the
    stability audit's attention row at s = 100, before the scores were scaled. It marks the
    entries equal to the max now.)"""
    import jax
    import jax.numpy as jnp

    f = dx.compile(
        r"\operatorname{softmax}\left(\frac{Q K^\top}{\sqrt{d}}\right) V",
        symbols="Q: matrix[n, d]; K: matrix[m, d]; V: matrix[m, e]",
        dtype="float64",
    )
    Q = jnp.asarray([[1.0, 0.0], [0.0, 1.0]]) * 100
    K = jnp.asarray([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]) * 100
    V = jnp.asarray([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    w = jnp.arange(4.0).reshape(2, 2)
    # the scores tie at 1e4 / sqrt(2) in each row: the softmax is 1/2 on the tied pair, so the
    # gradient by K is that of the pair's mean, written out here
    got = np.asarray(jax.jit(jax.grad(lambda K: jnp.sum(w * f(Q=Q, K=K, V=V))))(K))
    assert np.all(np.isfinite(got))
    s = np.array([[0.5, 0.0, 0.5], [0.0, 0.5, 0.5]])
    g_s = np.asarray(w) @ np.asarray(V).T  # d loss / d softmax
    g_z = s * (g_s - (s * g_s).sum(axis=1, keepdims=True))
    want = g_z.T @ np.asarray(Q) / np.sqrt(2)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
