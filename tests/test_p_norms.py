r"""``\|x\|_p`` of a vector, for a whole number or a declared scalar ``p``:
``(\sum_i |x_i|^p)^{1/p}``. Expected values are NumPy's ``np.linalg.norm(x, p)``; gradients are
central differences of it."""

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("p", [3, 4, 5])
@pytest.mark.parametrize("n", [1, 4])
def test_a_whole_number_order(p, n):
    x = RNG.normal(size=n)
    got = float(dx.evaluate(rf"\|x\|_{{{p}}}", {"x": x}, "x: vector[n]"))
    assert got == pytest.approx(np.linalg.norm(x, p), rel=1e-13)


@pytest.mark.parametrize("p", [1.5, 3.0, 7.25])
def test_a_declared_order(p):
    x = RNG.normal(size=5)
    got = float(dx.evaluate(r"\|x\|_p", {"x": x, "p": p}, "x: vector[n]; p: scalar, positive"))
    assert got == pytest.approx(np.linalg.norm(x, p), rel=1e-13)


def test_the_power_of_a_norm_and_the_named_orders_agree():
    x, S = RNG.normal(size=4), "x: vector[n]; p: scalar, positive"
    assert float(dx.evaluate(r"\|x\|_p^p", {"x": x, "p": 3.0}, S)) == pytest.approx(
        np.sum(np.abs(x) ** 3), rel=1e-13
    )
    for written, order in (("1", 1), ("2", 2)):
        declared = float(dx.evaluate(r"\|x\|_p", {"x": x, "p": float(order)}, S))
        assert declared == pytest.approx(float(dx.evaluate(rf"\|x\|_{written}", {"x": x}, S)))


def test_the_gradient_of_a_three_norm():
    x = np.array([0.7, -1.3, 2.1])
    d = dx.derive(r"\|x\|_3", "x", "x: vector[n]")
    got = np.asarray(dx.evaluate(d, {"x": x}), dtype=float)
    h = 1e-6
    want = [
        (np.linalg.norm(x + h * e, 3) - np.linalg.norm(x - h * e, 3)) / (2 * h) for e in np.eye(3)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-7)


@pytest.mark.parametrize(
    "latex, symbols",
    [
        (r"\|A\|_3", "A: matrix[n, n]"),
        (r"\|x\|_0", "x: vector[n]"),
        (r"\|x\|_k", "x: vector[n]; k: index"),
    ],
)
def test_what_is_not_a_p_norm_is_refused_naming_what_is_read(latex, symbols):
    with pytest.raises(dx.ParseError, match=r"derivax reads `_1`, `_2`, `_p`"):
        dx.parse(latex, symbols)
