r"""``CompiledFunction.eager``: derivax's own checks of a derivation run the compiled function
operation by operation (no compilation of the expression), and must get exactly what a call
gets — the same value, or the same error.

Side conditions, and the case that breaks each: a bound that is an input's value (``\sum_{t=1}^{N
- \tau}``) cannot be traced, and eagerly it would index by a float — the call's own error comes
back; a lowering with a loop (a matrix square root) runs jitted, since eagerly its body would be
compiled at every call; a size argument, a matrix and a scalar all pass through.
"""

import numpy as np
import pytest

import derivax as dx
from derivax import CompileError
from derivax._compile._function import _runs_eagerly

RNG = np.random.default_rng(7)
CASES = [
    # (latex, symbols, inputs, the value written from the definition with NumPy)
    (
        r"\log(1 + e^{x}) - x y",
        "x, y: scalar",
        {"x": 0.7, "y": -1.3},
        lambda x, y: np.log1p(np.exp(x)) - x * y,
    ),
    (
        r"\log \sum_{j=1}^{n} e^{z_j}",
        "z: vector[n]; j: index",
        {"z": RNG.normal(size=5)},
        lambda z: np.log(np.sum(np.exp(z))),
    ),
    (
        r"\frac{1}{2}\|X\theta - y\|^2",
        r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]",
        {"X": RNG.normal(size=(4, 3)), r"\theta": RNG.normal(size=3), "y": RNG.normal(size=4)},
        lambda X, theta, y: 0.5 * np.sum((X @ theta - y) ** 2),
    ),
    (
        r"\sum_{i=1}^{n} i x_i",
        "x: vector[n]; i: index",
        {"x": np.array([1.0, -2.0, 0.5])},
        lambda x: 1.0 * 1 - 2.0 * 2 + 0.5 * 3,
    ),
]


@pytest.mark.parametrize(("latex", "symbols", "inputs", "oracle"), CASES)
def test_eager_gives_the_call_s_value(latex, symbols, inputs, oracle):
    f = dx.compile(latex, symbols=symbols)
    args = [inputs[a] for a in f.args]
    want = oracle(*args)
    assert _runs_eagerly(f.source)
    np.testing.assert_allclose(np.asarray(f.eager(*args)), want, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(f(*args)), want, rtol=1e-12)
    # by keyword, as the verifier calls it
    keywords = {a.identifier: inputs[a.name] for a in f.arguments}
    np.testing.assert_allclose(np.asarray(f.eager(**keywords)), want, rtol=1e-12)


def test_a_bound_that_is_an_input_s_value_gives_the_call_s_error():
    f = dx.compile(
        r"\sum_{t=1}^{N-\tau} x_t x_{t+\tau}",
        symbols=r"x: vector[N]; t: index; \tau: scalar, integer",
    )
    x = np.arange(5.0)
    with pytest.raises(CompileError) as called:
        f(x, 2)
    with pytest.raises(CompileError) as eager:
        f.eager(x, 2)
    assert str(eager.value) == str(called.value)
    assert "depends on the value of an input" in str(eager.value)


def test_a_lowering_with_a_loop_runs_jitted_and_gives_the_value():
    f = dx.compile(r"A^{1/2}", symbols="A: matrix[n, n]")
    assert not _runs_eagerly(f.source)
    a = np.array([[4.0, 1.0], [1.0, 3.0]])
    root = np.asarray(f.eager(a))
    np.testing.assert_allclose(root @ root, a, rtol=1e-10, atol=1e-12)


def test_a_derivation_is_still_checked_against_jax():
    d = dx.derive(r"\log \sum_{j=1}^{n} e^{z_j}", "z", "z: vector[n]; j: index")
    assert d.checked.startswith("agrees with JAX at 3 random points"), d.checked
