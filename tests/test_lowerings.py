"""The lowerings of softmax, log-softmax, log-sum-exp, the softmax cross-entropy gradient and the
negated term (chosen by benchmarks/lowerings.py, emitted by derivax/_compile/_lowering.py), against
a float64 NumPy reference written from the definition: ordinary rows, rows whose exponentials
overflow (|z| up to 1e3), entries of -1e30, rows of a matrix, K = 1, and jax.grad through the
compiled function. Values are computed in float32, where the overflow happens, unless said."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import derivax as dx

CE = r"-\sum_{k=1}^{K} y_k \log \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}"
CE_SYMBOLS = "y: simplex[K]; z: vector[K]; j, k: index; K: dim"
VEC = "z: vector[K]; j, k: index; K: dim"


def ref_log_softmax(z):
    """log(e^{z_k} / sum_j e^{z_j}) in float64, shifted by the row's maximum (an exact identity:
    e^{1000} overflows float64 as well)."""
    z = np.asarray(z, np.float64)
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def ref_softmax(z):
    return np.exp(ref_log_softmax(z))


def ref_logsumexp(z):
    z = np.asarray(z, np.float64)
    m = z.max(axis=-1)
    return m + np.log(np.exp(z - m[..., None]).sum(axis=-1))


def rows(k: int) -> list[np.ndarray]:
    rng = np.random.default_rng(k)
    hard = [
        rng.normal(size=k),
        rng.uniform(-1e3, 1e3, size=k),  # e^{z} overflows float32 and float64
        np.full(k, 1e3),
        np.full(k, -1e3),
        np.full(k, -1e30),
        np.r_[np.full(k - 1, -1e30), 900.0],
    ]
    return [r.astype(np.float32) for r in hard]


def close(got, want, z) -> bool:
    """float32 against float64: the shifted inputs carry the rounding of |z| (3e-5 at 1e3)."""
    got = np.asarray(got, np.float64)
    scale = min(float(np.abs(z).max()), 1e3)
    return bool(
        np.all(np.isfinite(got)) and np.allclose(got, want, rtol=1e-4, atol=1e-6 * scale + 1e-6)
    )


def ce_gradient():
    derived = dx.derive(CE, "z", CE_SYMBOLS)
    return dx.compile(
        derived.result,
        symbols=CE_SYMBOLS,
        args=["z", "y"],
        free_indices=[str(i) for i in derived.output_indices],
    )


@pytest.mark.parametrize("k", [1, 2, 10, 1000])
def test_ce_gradient_matches_the_definition(k):
    f = ce_gradient()
    # the form benchmarks/lowerings.py chose: -y + softmax(z), not (-1) * y + softmax(z)
    assert "jax.nn.softmax(" in f.source and "(-(y))" in f.source and "(-1) *" not in f.source
    rng = np.random.default_rng(0)
    for z in rows(k):
        y = np.eye(k, dtype=np.float32)[rng.integers(0, k)]
        want = ref_softmax(z) - y
        assert close(f(z, y), want, z), z[:4]
        assert close(jax.jit(f)(z, y), want, z)


@pytest.mark.parametrize("k", [1, 10])
def test_ce_gradient_vmapped_over_rows(k):
    f = jax.jit(jax.vmap(ce_gradient()))
    z = np.stack(rows(k))
    y = np.eye(k, dtype=np.float32)[np.arange(len(z)) % k]
    for got, zr, yr in zip(np.asarray(f(z, y)), z, y, strict=True):
        assert close(got, ref_softmax(zr) - yr, zr)


@pytest.mark.parametrize(
    "latex, ref",
    [
        (r"\operatorname{softmax}(z)_k", ref_softmax),
        (r"\frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}", ref_softmax),
        (r"\log \operatorname{softmax}(z)_k", ref_log_softmax),
        (r"\log \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}", ref_log_softmax),
        (r"\log \sum_{j=1}^{K} e^{z_j}", ref_logsumexp),
    ],
)
@pytest.mark.parametrize("k", [1, 3, 1000])
def test_vector_nodes_match_the_definition(latex, ref, k):
    f = dx.compile(latex, symbols=VEC)
    for z in rows(k):
        assert close(f(z), ref(z), z), (latex, z[:4])
        assert close(jax.jit(jax.vmap(f))(z[None]), ref(z[None]), z)


def test_k_equal_one():
    z = np.asarray([123.0], np.float32)
    assert float(dx.compile(r"\operatorname{softmax}(z)_k", symbols=VEC)(z)[0]) == 1.0
    assert float(dx.compile(r"\log \operatorname{softmax}(z)_k", symbols=VEC)(z)[0]) == 0.0
    assert float(dx.compile(r"\log \sum_{j=1}^{K} e^{z_j}", symbols=VEC)(z)) == 123.0


def test_softmax_of_the_rows_of_a_matrix():
    f = dx.compile(r"\operatorname{softmax}(M)_{ij}", symbols="M: matrix[m, n]; i, j: index")
    rng = np.random.default_rng(3)
    m = np.concatenate([rng.normal(size=(3, 5)), rng.uniform(-1e3, 1e3, size=(3, 5))])
    m[1, :4] = -1e30
    m = m.astype(np.float32)
    assert close(f(m), ref_softmax(m), m)


def test_softmax_of_a_matrix_expression():
    f = dx.compile(r"\operatorname{softmax}(W x)", symbols="W: matrix[K, n]; x: vector[n]")
    rng = np.random.default_rng(4)
    w = rng.normal(size=(4, 3)) * 300
    x = rng.normal(size=3)
    got = np.ravel(f(W=w, x=x))
    assert np.allclose(got, ref_softmax(w @ x), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("k", [1, 10])
def test_jax_grad_through_the_compiled_functions(k):
    rng = np.random.default_rng(5)
    z = rng.uniform(-1e3, 1e3, size=k)
    w = rng.normal(size=k)
    loss = dx.compile(CE, symbols=CE_SYMBOLS)
    y = np.eye(k)[0]
    assert np.allclose(jax.grad(lambda z: loss(y=y, z=z))(z), ref_softmax(z) - y, atol=1e-12)
    lse = dx.compile(r"\log \sum_{j=1}^{K} e^{z_j}", symbols=VEC)
    assert np.allclose(jax.grad(lambda z: lse(z))(z), ref_softmax(z), atol=1e-12)
    sm = dx.compile(r"\operatorname{softmax}(z)_k", symbols=VEC)
    s = ref_softmax(z)
    want = s * (w - s @ w)  # the gradient of w . softmax(z)
    assert np.allclose(jax.grad(lambda z: jnp.dot(w, sm(z)))(z), want, atol=1e-12)
    g = ce_gradient()
    # d/dz of sum_k w_k (softmax(z)_k - y_k), through the compiled gradient
    assert np.allclose(jax.grad(lambda z: jnp.dot(w, g(z, y)))(z), want, atol=1e-12)


def test_the_negated_term_stays_a_product_away_from_a_softmax():
    # alone, z + (-1) * y ran 2.2x faster than z + (-y) at K = 10 (benchmarks/lowerings.py)
    f = dx.compile(r"x - y")
    assert "(-1) * (y)" in f.source
    assert float(f(x=2.0, y=3.0)) == -1.0


def test_logsumexp_of_a_row_of_minus_infinity_is_minus_infinity():
    f = dx.compile(r"\log \sum_{j=1}^{K} e^{z_j}", symbols=VEC)
    assert float(f(np.full(3, -np.inf))) == -np.inf
    assert float(f(np.asarray([-np.inf, 0.0]))) == 0.0
    assert np.isnan(float(f(np.asarray([np.nan, 0.0]))))


def test_logsumexp_over_two_axes_and_a_missing_one():
    f = dx.compile(
        r"\log \sum_{i=1}^{m} \sum_{j=1}^{n} e^{M_{ij}}", symbols="M: matrix[m, n]; i, j: index"
    )
    m = np.random.default_rng(6).uniform(-1e3, 1e3, size=(3, 4))
    assert float(f(m)) == pytest.approx(float(ref_logsumexp(m.ravel())), rel=1e-12)
    g = dx.compile(
        r"\log \sum_{j=1}^{n} \sum_{i=1}^{m} e^{z_j}", symbols="z: vector[n]; m: dim; i, j: index"
    )
    z = np.asarray([700.0, -3.0, 710.0])
    assert float(g(z=z, m=4)) == pytest.approx(float(ref_logsumexp(z)) + np.log(4), rel=1e-12)


QUOTIENT = r"\frac{e^{a}}{\sum_{j=1}^{n} e^{b_j}}"
QUOTIENT_SYMBOLS = "a: scalar; b: vector[n]; j: index; n: dim"


def ref_quotient(a, b):
    """e^a / sum_j e^{b_j} in float64, shifted by the largest b_j (an exact identity)."""
    b = np.asarray(b, np.float64)
    m = b.max()
    return np.exp((a - m) - np.log(np.exp(b - m).sum()))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (-1e30, [-1e30] * 4),  # exp(a - logsumexp(b)) gave 1, not 1/4: log 4 rounds away
        (-1e30, [-1e30]),  # n = 1
        (1.0, [0.0, 1.0, 2.0]),
        (800.0, [799.0, 800.0]),  # e^{800} overflows float32 and float64
        (-5.0, [1e3, -1e3, 0.0]),
        (3.0, [-1e30, 2.0]),
    ],
)
def test_an_exponential_over_a_sum_of_exponentials_keeps_its_digits(a, b):
    f = dx.compile(QUOTIENT, symbols=QUOTIENT_SYMBOLS)
    got = float(f(a=a, b=np.asarray(b)))
    assert got == pytest.approx(ref_quotient(a, b), rel=1e-6)


def test_an_exponential_over_a_sum_of_exponentials_differentiates_by_jax_grad():
    f = dx.compile(QUOTIENT, symbols=QUOTIENT_SYMBOLS, dtype="float64")
    a, b = 1.0, np.array([0.0, 1.0, 2.0])
    da, db = jax.grad(lambda a, b: f(a=a, b=b), argnums=(0, 1))(a, jnp.asarray(b))
    q = ref_quotient(a, b)
    assert float(da) == pytest.approx(q, rel=1e-12)  # a is no entry of the sum
    assert np.allclose(np.asarray(db), -q * np.exp(b) / np.exp(b).sum(), rtol=1e-12)
    # where every b_j is -inf the quotient is e^a / 0
    assert float(f(a=0.0, b=np.full(3, -np.inf))) == np.inf
