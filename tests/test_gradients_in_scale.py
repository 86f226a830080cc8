r"""Derivatives that keep their scale at 1e+-200: a quotient compiles with its derivative by the denominator kept in scale: ``-(a / b) / b``
where JAX's own rule, ``-a b^{-2}``, loses ``b^2`` to overflow or underflow at ``b = 10^{\pm 200}``
while the derivative is representable. Against the exact derivatives; a size (an integer input,
with no tangent) as the denominator, and float32, included."""

from __future__ import annotations

import jax
import numpy as np
import pytest

import derivax as dx


@pytest.mark.parametrize(
    "a,b",
    [(1e200, 1e200), (1e-200, 1e-200), (3.0, -4.0), (1e150, 1e-150), (-2.5, 1e100)],
)
def test_the_gradient_of_a_quotient_by_both_sides(a, b):
    f = dx.compile(r"\frac{a}{b}", symbols="a, b: scalar", dtype="float64")
    da, db = jax.grad(lambda u, v: f(a=u, b=v), argnums=(0, 1))(a, b)
    assert float(da) == pytest.approx(1 / b, rel=1e-12)
    assert float(db) == pytest.approx(-(a / b) / b, rel=1e-12)


def test_a_size_in_the_denominator_has_no_tangent():
    s = "x: vector[n]; i: index"
    f = dx.compile(r"\frac{1}{n} \sum_{i=1}^{n} x_i^2", symbols=s, dtype="float64")
    x = np.array([1.0, -2.0, 3.0])
    g = jax.grad(lambda v: f(x=v))(x)
    np.testing.assert_allclose(np.asarray(g), 2 * x / 3, rtol=1e-12)


def test_float32_keeps_its_dtype():
    f = dx.compile(r"\frac{a}{b}", symbols="a, b: scalar", dtype="float32")
    g = jax.grad(lambda v: f(a=np.float32(2.0), b=v))(np.float32(4.0))
    assert g.dtype == np.float32 and float(g) == pytest.approx(-0.125)


@pytest.mark.parametrize("x", [1e200, -1e200, 1e150, 3.0, -3.0, 2.0, 1.999, 0.5, 0.0, -1e-10])
def test_arcsinh_keeps_its_derivative_in_scale(x):
    import mpmath as mp

    f = dx.compile(r"\operatorname{arcsinh}(x)", symbols="x: scalar", dtype="float64")
    assert float(f(x=x)) == pytest.approx(float(mp.asinh(x)), rel=1e-14, abs=1e-300)
    d = float(jax.grad(lambda v: f(x=v))(x))
    assert d == pytest.approx(float(1 / mp.sqrt(mp.mpf(x) ** 2 + 1)), rel=1e-14)


@pytest.mark.parametrize("x", [1e200, 1e150, 3.0, 2.0, 1.999, 1.5])
def test_arccosh_keeps_its_derivative_in_scale(x):
    import mpmath as mp

    f = dx.compile(r"\operatorname{arccosh}(x)", symbols="x: scalar", dtype="float64")
    assert float(f(x=x)) == pytest.approx(float(mp.acosh(x)), rel=1e-14)
    d = float(jax.grad(lambda v: f(x=v))(x))
    assert d == pytest.approx(float(1 / mp.sqrt(mp.mpf(x) ** 2 - 1)), rel=1e-13)


@pytest.mark.parametrize("x", [0.5, -100.0, -1e200])
def test_arccosh_below_one_has_no_real_value(x):
    f = dx.compile(r"\operatorname{arccosh}(x)", symbols="x: scalar", dtype="float64")
    assert np.isnan(float(f(x=x)))


@pytest.mark.parametrize("x", [1e200, 1e7, 1e6, 999999.0, 3.0, 0.5, -0.5])
def test_digamma_and_trigamma_at_every_scale(x):
    import mpmath as mp

    f = dx.compile(r"\operatorname{digamma}(x)", symbols="x: scalar", dtype="float64")
    assert float(f(x=x)) == pytest.approx(float(mp.digamma(x)), rel=1e-13)
    d = float(jax.grad(lambda v: f(x=v))(x))
    assert d == pytest.approx(float(mp.polygamma(1, x)), rel=1e-13)
    t = dx.compile(r"\operatorname{polygamma}(1, x)", symbols="x: scalar", dtype="float64")
    assert float(t(x=x)) == pytest.approx(float(mp.polygamma(1, x)), rel=1e-13)
    plain = dx.evaluate(r"\operatorname{digamma}(x)", {"x": x}, "x: scalar")
    assert float(plain) == pytest.approx(float(mp.digamma(x)), rel=1e-13)


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("x", [1e7, 2.5])
def test_higher_polygamma_across_the_switch(n, x):
    import mpmath as mp

    f = dx.compile(rf"\operatorname{{polygamma}}({n}, x)", symbols="x: scalar", dtype="float64")
    assert float(f(x=x)) == pytest.approx(float(mp.polygamma(n, x)), rel=1e-12)
