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
    assert "jax.nn.sigmoid(x)" in f.source and "jnp.exp" not in f.source
    # where the old form sigmoid(-x) * exp(x) was 0 and NaN (float32: 87.5, 89; float64: 709, 710)
    for x in (87.5, 89.0, 709.0, 710.0, 1e4):
        assert float(f(x=x)) == 1.0
