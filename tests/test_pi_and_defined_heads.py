r"""``\pi`` declared an array beside the number pi, and a function of one declared array defined on
the left of a formula.

- Right after a number (``2\pi``, ``\sqrt{2\pi\sigma_k^2}``, ``\frac{1}{2\pi}``) ``\pi`` is the
  constant, as in every Gaussian density; its entries ``\pi_k`` stay the declared array's. Bare
  ``\pi`` anywhere else is still refused (``\pi^\top x``, ``x \pi``, ``\cos(\pi)``, ``\pi 2``).
- ``H(\pi) = -\sum_a \pi_a \log \pi_a`` defines a function of the array: ``H`` times a vector
  cannot equal the scalar it is defined as. Only a name that opens the formula, applied to one
  declared array and followed by the formula's ``=``; ``x = H(p)`` stays a product.

Values are compared with NumPy written from the definition."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax._errors import ParseError

GMM = "x: vector[N]; pi: simplex[K]; mu, sigma: vector[K]; i, k: index"


def _gmm_numpy(x, pi, mu, sigma):
    dens = np.exp(-((x[:, None] - mu[None, :]) ** 2) / (2 * sigma**2)) / np.sqrt(
        2 * np.pi * sigma**2
    )
    return float(np.sum(np.log(dens @ pi)))


@pytest.mark.parametrize(
    "normaliser",
    [
        r"\frac{1}{\sqrt{2\pi\sigma_k^2}}",
        r"\frac{1}{\sqrt{2\pi}\sigma_k}",
        r"(2\pi\sigma_k^2)^{-1/2}",
        r"\frac{1}{\sigma_k \sqrt{2\pi}}",
    ],
)
@pytest.mark.parametrize("seed", [0, 1])
def test_the_gaussian_constant_beside_mixture_weights(normaliser, seed):
    rng = np.random.default_rng(seed)
    n, k = (1, 1) if seed == 0 else (5, 3)  # n = 1 and K = 1: one sample, one component
    x = rng.normal(size=n)
    pi = rng.dirichlet(np.ones(k))
    mu, sigma = rng.normal(size=k), rng.uniform(0.5, 2.0, size=k)
    latex = (
        rf"\sum_{{i=1}}^{{N}} \log \sum_{{k=1}}^{{K}} \pi_k {normaliser} "
        r"\exp\left(-\frac{(x_i - \mu_k)^2}{2\sigma_k^2}\right)"
    )
    got = dx.evaluate(latex, {"x": x, "pi": pi, "mu": mu, "sigma": sigma}, GMM)
    assert float(got) == pytest.approx(_gmm_numpy(x, pi, mu, sigma), rel=1e-10)


def test_the_constant_is_the_number_pi():
    e = dx.parse(r"\log(2\pi) + \pi_1", "pi: simplex[K]")
    assert e.has(sympy.pi)
    assert sympy.log(2 * sympy.pi) in e.args


@pytest.mark.parametrize(
    "latex",
    [r"\pi", r"\pi^\top x", r"x^\top \pi", r"\cos(\pi)", r"\pi 2", r"\sigma \pi", r"\pi + 1"],
)
def test_bare_pi_elsewhere_is_still_refused(latex):
    with pytest.raises(ParseError, match="number pi"):
        dx.parse(latex, "x: vector[K]; pi: simplex[K]; sigma: scalar")


ENTROPY = [
    (r"\mathcal{H}(\pi) = -\sum_{a=1}^{K} \pi_a \log \pi_a", "pi: simplex[K]; a: index", "pi"),
    (r"H(p) = -\sum_{a=1}^{K} p_a \log p_a", "p: simplex[K]; a: index", "p"),
    (r"\mathrm{Ent}(q) = -\sum_{a=1}^{K} q_a \log q_a", "q: simplex[K]; a: index", "q"),
]


@pytest.mark.parametrize("latex,symbols,name", ENTROPY)
@pytest.mark.parametrize("k", [1, 4])
def test_a_function_of_one_array_defined_on_the_left(latex, symbols, name, k):
    p = np.random.default_rng(k).dirichlet(np.ones(k))
    got = dx.evaluate(latex, {name: p}, symbols)
    assert float(got) == pytest.approx(float(-np.sum(p * np.log(p))), rel=1e-12, abs=1e-15)
    lhs = dx.parse(latex, symbols).lhs
    assert isinstance(lhs, sympy.Function) or isinstance(
        lhs.func, sympy.core.function.UndefinedFunction
    )


def test_a_linear_function_of_a_vector_defined_on_the_left():
    s = r"\mathbf{x}, \mathbf{w}: vector[d]"
    e = dx.parse(r"f(\mathbf{x}) = \mathbf{w}^\top \mathbf{x}", s)
    assert not isinstance(e.lhs, sympy.Mul)
    x, w = np.array([1.0, 2.0, -1.0]), np.array([0.5, 0.25, 2.0])
    assert float(
        dx.evaluate(r"f(\mathbf{x}) = \mathbf{w}^\top \mathbf{x}", {"x": x, "w": w}, s)
    ) == (pytest.approx(float(w @ x)))


@pytest.mark.parametrize(
    "latex",
    [r"x = H(p)", r"H(p) + 1 = 2", r"2 H(p) = 1"],
)
def test_elsewhere_a_name_before_a_parenthesis_is_a_product(latex):
    e = dx.parse(latex, "p: simplex[K]; x: vector[K]")
    assert any(isinstance(a, sympy.MatMul) or a.is_Mul for a in sympy.preorder_traversal(e))
    assert not any(
        isinstance(getattr(a, "func", None), sympy.core.function.UndefinedFunction)
        for a in sympy.preorder_traversal(e)
    )
