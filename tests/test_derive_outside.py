"""Derivatives from papers outside the catalog: Gaussian processes and kernels, normalizing flows,
VAEs, RL objectives, optimizers, normalization layers, attention, special functions, kinks and
index ranges that depend on another index.

Each case is checked against an independent oracle: ``jax.grad`` / ``jax.jacfwd`` /
``jax.hessian`` of a function written here by hand with ``jax.numpy`` (or a closed form from the
paper in NumPy), at fixed values, in float64 (conftest switches on x64). derivax's own
cross-check ran before the result came back; this is a second, independent one.

Where the reader cannot say a construct yet (the identity matrix ``I`` next to a matrix,
``\\log\\Gamma``, ``\\operatorname{erf}``), the expression is built in SymPy directly.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy
from jax.scipy.special import erf, gammaln

import derivax as dx
from derivax import DerivationError
from derivax._derive import second_derivation
from derivax.symbols import parse_symbols

N, M = 3, 4
RNG = np.random.default_rng(7)


def spd(n):
    a = RNG.normal(size=(n, n))
    return a @ a.T + n * np.eye(n)


V = {
    "x": RNG.normal(size=N),
    "y": RNG.normal(size=N),
    "z": RNG.normal(size=N),
    "u": RNG.normal(size=N),
    "w": RNG.normal(size=N),
    "c": RNG.normal(size=N),
    "q": RNG.normal(size=N),
    "p": RNG.normal(size=N),
    "v": RNG.normal(size=N),
    "mu": RNG.normal(size=N),
    "theta": RNG.normal(size=N),
    "sig": np.exp(RNG.normal(size=N) * 0.3),
    "lv": RNG.normal(size=N) * 0.5,
    "epsilon": RNG.normal(size=N),
    "a": RNG.normal(size=M),
    "bm": RNG.normal(size=M),
    "ym": np.sign(RNG.normal(size=M)),
    "K": spd(N),
    "S": spd(N),
    "K0": spd(N),
    "A": RNG.normal(size=(M, N)),
    "W": RNG.normal(size=(M, N)),
    "Wsq": RNG.normal(size=(N, N)),
    "X": RNG.normal(size=(M, N)),
    "Q": RNG.normal(size=(N, 2)),
    "Kk": RNG.normal(size=(M, 2)),
    "Vv": RNG.normal(size=(M, 2)),
    "G": RNG.normal(size=(N, 2)),
    "s": 0.7,
    "ell": 1.3,
    "alpha": 1.7,
    "beta": 0.8,
    "b": 0.3,
    "tau": 0.9,
    "lam": 0.4,
    "muq": 0.6,
    "gamma": 0.9,
    "r": 0.5,
    "t": 1.1,
    "g": 1.4,
    "nu": 3.5,
    "sc": 0.8,
    "eta": 0.2,
    "cpos": 0.5,
}


@dataclass
class Case:
    id: str
    symbols: str
    expr: object  # LaTeX, or a function of the symbol table giving SymPy
    wrt: str
    args: tuple[str, ...]  # value names, in the order of the symbols below
    oracle: Callable  # the independent derivative at V
    kind: str = "grad"
    names: dict | None = None  # symbol name -> value name, where they differ


def g(f, argnum):
    """The oracle's derivative: jax.grad of a hand-written function in one argument."""

    def oracle(*a):
        return jax.grad(f, argnums=argnum)(*a)

    oracle.function, oracle.argnum = f, argnum
    return oracle


def jac(f, argnum):
    return lambda *a: jax.jacfwd(f, argnums=argnum)(*a)


def hess(f, argnum):
    return lambda *a: jax.hessian(f, argnums=argnum)(*a)


# -- hand-written objectives (independent of derivax) ----------------------------------------------------
def gp_lml(K, y, s):
    C = K + s**2 * jnp.eye(K.shape[0])
    return (
        -0.5 * y @ jnp.linalg.solve(C, y)
        - 0.5 * jnp.linalg.slogdet(C)[1]
        - K.shape[0] / 2 * jnp.log(2 * jnp.pi)
    )


def rbf(x, y, ell):
    return jnp.exp(-jnp.sum((x - y) ** 2) / (2 * ell**2))


def planar_logdet(u, w, z, b):
    h = 1 - jnp.tanh(w @ z + b) ** 2
    return jnp.log(jnp.abs(jnp.linalg.det(jnp.eye(u.shape[0]) + h * jnp.outer(u, w))))


def planar(z, u, w, b):
    return z + u * jnp.tanh(w @ z + b)


def radial(z, c, alpha, beta):
    r = jnp.linalg.norm(z - c)
    return z + beta / (alpha + r) * (z - c)


def radial_logdet(z, c, alpha, beta):
    """log|det| of the radial flow's Jacobian, from jax.jacfwd of the map itself (not the paper's
    closed form derivax's matrix determinant lemma reaches)."""
    return jnp.linalg.slogdet(jax.jacfwd(radial)(z, c, alpha, beta))[1]


def layernorm_free(x, eps=0.0):
    return x / jnp.sqrt(jnp.mean(x**2) + eps)


def attention(Q, K, V, G, tau):
    return jnp.sum(G * (jax.nn.softmax(Q @ K.T / tau, axis=-1) @ V))


def _gp(table, wrt_noise=True):
    K, y, s = table.matrix("K"), table.matrix("y"), table.scalar("s")
    n = table.dim("n")
    C = K + s**2 * sympy.Identity(n)
    return (
        -sympy.Rational(1, 2) * sympy.Trace(y.T * sympy.Inverse(C) * y)
        - sympy.Rational(1, 2) * sympy.log(sympy.Determinant(C))
        - n / 2 * sympy.log(2 * sympy.pi)
    )


def _planar_logdet(table):
    u, w, z, b = table.matrix("u"), table.matrix("w"), table.matrix("z"), table.scalar("b")
    h = 1 - sympy.tanh(sympy.Trace(w.T * z) + b) ** 2
    return sympy.log(sympy.Abs(sympy.Determinant(sympy.Identity(table.dim("n")) + h * u * w.T)))


def _x(table):
    return table.scalar("x")


GP = "K: spd[n]; y: vector[n]; s: scalar, positive"
RADIAL = "z, c: vector[n]; alpha, beta: scalar, positive; I: identity[n]"
# the radial flow's Jacobian (Rezende & Mohamed 2015): (1 + beta h) I + beta h'(r) (z - c)(z - c)^T / r
RADIAL_LOGDET = (
    r"\log\left|\det\left(\left(1 + \frac{\beta}{\alpha + \|z - c\|}\right) I"
    r" - \frac{\beta}{(\alpha + \|z - c\|)^2 \|z - c\|}(z - c)(z - c)^\top\right)\right|"
)
PLANAR = "u, w, z: vector[n]; b: scalar"
KERNEL = "x, y: vector[n]; ell: scalar, positive"
ATT = "Q: matrix[n, d]; K: matrix[m, d]; V: matrix[m, e]; G: matrix[n, e]; tau: scalar, positive"
ATT_NAMES = {"K": "Kk", "V": "Vv"}

CASES = [
    # -- Gaussian processes (Rasmussen & Williams, ch. 5) ----------------------------------------------
    Case("gp-lml-noise", GP, _gp, "s", ("K", "y", "s"), g(gp_lml, 2)),
    Case("gp-lml-K", GP, _gp, "K", ("K", "y", "s"), g(gp_lml, 0)),
    Case("gp-lml-y", GP, _gp, "y", ("K", "y", "s"), g(gp_lml, 1)),
    Case("gp-lml-noise-hessian", GP, _gp, "s", ("K", "y", "s"), hess(gp_lml, 2), "hessian"),
    Case(
        "gp-logdet-noise",
        GP,
        lambda t: sympy.log(
            sympy.Determinant(t.matrix("K") + t.scalar("s") ** 2 * sympy.Identity(t.dim("n")))
        ),
        "s",
        ("K", "s"),
        g(lambda K, s: jnp.linalg.slogdet(K + s**2 * jnp.eye(N))[1], 1),
    ),
    Case(
        "gp-signal-variance",
        "K: spd[n]; y: vector[n]; s, sc: scalar, positive",
        lambda t: sympy.Trace(
            t.matrix("y").T
            * sympy.Inverse(
                t.scalar("sc") ** 2 * t.matrix("K")
                + t.scalar("s") ** 2 * sympy.Identity(t.dim("n"))
            )
            * t.matrix("y")
        ),
        "sc",
        ("K", "y", "s", "sc"),
        g(lambda K, y, s, sc: y @ jnp.linalg.solve(sc**2 * K + s**2 * jnp.eye(N), y), 3),
    ),
    # -- kernels ------------------------------------------------------------------------------------------------
    Case(
        "rbf-lengthscale",
        KERNEL,
        r"\exp\left(-\frac{\|x - y\|^2}{2 \ell^2}\right)",
        "ell",
        ("x", "y", "ell"),
        g(rbf, 2),
    ),
    Case(
        "rbf-input",
        KERNEL,
        r"\exp\left(-\frac{\|x - y\|^2}{2 \ell^2}\right)",
        "x",
        ("x", "y", "ell"),
        g(rbf, 0),
    ),
    Case(
        "rbf-lengthscale-hessian",
        KERNEL,
        r"\exp\left(-\frac{\|x - y\|^2}{2 \ell^2}\right)",
        "ell",
        ("x", "y", "ell"),
        hess(rbf, 2),
        "hessian",
    ),
    Case(
        "laplace-kernel",
        KERNEL,
        r"e^{-\|x - y\| / \ell}",
        "ell",
        ("x", "y", "ell"),
        g(lambda x, y, ell: jnp.exp(-jnp.linalg.norm(x - y) / ell), 2),
    ),
    Case(
        "rational-quadratic",
        "x, y: vector[n]; alpha, ell: scalar, positive",
        r"\left(1 + \frac{\|x - y\|^2}{2 \alpha \ell^2}\right)^{-\alpha}",
        "ell",
        ("x", "y", "alpha", "ell"),
        g(lambda x, y, a, ell: (1 + jnp.sum((x - y) ** 2) / (2 * a * ell**2)) ** (-a), 3),
    ),
    Case(
        "rational-quadratic-alpha",
        "x, y: vector[n]; alpha, ell: scalar, positive",
        r"\left(1 + \frac{\|x - y\|^2}{2 \alpha \ell^2}\right)^{-\alpha}",
        "alpha",
        ("x", "y", "alpha", "ell"),
        g(lambda x, y, a, ell: (1 + jnp.sum((x - y) ** 2) / (2 * a * ell**2)) ** (-a), 2),
    ),
    Case(
        "polynomial-kernel-offset",
        "x, y: vector[n]; cpos: scalar, positive",
        r"(x^\top y + cpos)^3",
        "cpos",
        ("x", "y", "cpos"),
        g(lambda x, y, c: (x @ y + c) ** 3, 2),
    ),
    Case(
        "polynomial-kernel-input",
        "x, y: vector[n]; cpos: scalar, positive",
        r"(x^\top y + cpos)^3",
        "x",
        ("x", "y", "cpos"),
        g(lambda x, y, c: (x @ y + c) ** 3, 0),
    ),
    Case(
        "mahalanobis-cov",
        "x, mu: vector[n]; S: spd[n]",
        r"(x - \mu)^\top S^{-1} (x - \mu)",
        "S",
        ("x", "mu", "S"),
        g(lambda x, mu, S: (x - mu) @ jnp.linalg.solve(S, x - mu), 2),
    ),
    Case(
        "gaussian-logpdf-mean",
        "x, mu: vector[n]; S: spd[n]",
        r"-\frac{1}{2}(x - \mu)^\top S^{-1} (x - \mu) - \frac{1}{2}\log\det S",
        "mu",
        ("x", "mu", "S"),
        g(
            lambda x, mu, S: (
                -0.5 * (x - mu) @ jnp.linalg.solve(S, x - mu) - 0.5 * jnp.linalg.slogdet(S)[1]
            ),
            1,
        ),
    ),
    Case(
        "gaussian-logpdf-cov",
        "x, mu: vector[n]; S: spd[n]",
        r"-\frac{1}{2}(x - \mu)^\top S^{-1} (x - \mu) - \frac{1}{2}\log\det S",
        "S",
        ("x", "mu", "S"),
        g(
            lambda x, mu, S: (
                -0.5 * (x - mu) @ jnp.linalg.solve(S, x - mu) - 0.5 * jnp.linalg.slogdet(S)[1]
            ),
            2,
        ),
    ),
    Case(
        "ridge-logdet-lambda",
        "A: matrix[m, n]; lam: scalar, positive",
        lambda t: sympy.log(
            sympy.Determinant(
                t.matrix("A").T * t.matrix("A") + t.scalar("lam") * sympy.Identity(t.dim("n"))
            )
        ),
        "lam",
        ("A", "lam"),
        g(lambda A, lam: jnp.linalg.slogdet(A.T @ A + lam * jnp.eye(N))[1], 1),
    ),
    # -- normalizing flows (Rezende & Mohamed 2015; Dinh et al. 2017) -------------------------------------
    Case("planar-logdet-u", PLANAR, _planar_logdet, "u", ("u", "w", "z", "b"), g(planar_logdet, 0)),
    Case("planar-logdet-w", PLANAR, _planar_logdet, "w", ("u", "w", "z", "b"), g(planar_logdet, 1)),
    Case("planar-logdet-z", PLANAR, _planar_logdet, "z", ("u", "w", "z", "b"), g(planar_logdet, 2)),
    Case("planar-logdet-b", PLANAR, _planar_logdet, "b", ("u", "w", "z", "b"), g(planar_logdet, 3)),
    Case(
        "planar-jacobian",
        PLANAR,
        r"z + u \tanh(w^\top z + b)",
        "z",
        ("z", "u", "w", "b"),
        jac(planar, 0),
        "jacobian",
    ),
    Case(
        "planar-jacobian-b",
        PLANAR,
        r"z + u \tanh(w^\top z + b)",
        "b",
        ("z", "u", "w", "b"),
        jac(planar, 3),
        "jacobian",
    ),
    *(
        Case(
            f"radial-logdet-{w}",
            RADIAL,
            RADIAL_LOGDET,
            w,
            ("z", "c", "alpha", "beta"),
            g(radial_logdet, k),
        )
        for k, w in enumerate(("z", "c", "alpha", "beta"))
    ),
    Case(
        "abs-of-a-projected-difference",
        "w, z, c: vector[n]",
        r"\log\left|w^\top (z - c)\right| + |w^\top (z - c)|",
        "z",
        ("w", "z", "c"),
        g(lambda w, z, c: jnp.log(jnp.abs(w @ (z - c))) + jnp.abs(w @ (z - c)), 1),
    ),
    Case(
        "radial-jacobian",
        "z, c: vector[n]; alpha, beta: scalar, positive",
        r"z + \frac{\beta}{\alpha + \|z - c\|}(z - c)",
        "z",
        ("z", "c", "alpha", "beta"),
        jac(radial, 0),
        "jacobian",
    ),
    Case(
        "coupling-logdet-W",
        "W: matrix[m, n]; x: vector[n]; bm: vector[m]; i, j: index",
        r"\sum_{i=1}^{m} \tanh\left(\sum_{j=1}^{n} W_{ij} x_j + bm_i\right)",
        "W",
        ("W", "x", "bm"),
        g(lambda W, x, b: jnp.sum(jnp.tanh(W @ x + b)), 0),
    ),
    Case(
        "coupling-logdet-b",
        "W: matrix[m, n]; x: vector[n]; bm: vector[m]",
        r"\sum_{i=1}^{m} \tanh\left(\sum_{j=1}^{n} W_{ij} x_j + bm_i\right)",
        "bm",
        ("W", "x", "bm"),
        g(lambda W, x, b: jnp.sum(jnp.tanh(W @ x + b)), 2),
    ),
    Case(
        "coupling-scale-jacobian",
        "x, s: vector[n]",
        r"x \odot e^{s}",
        "x",
        ("x", "s"),
        jac(lambda x, s: x * jnp.exp(s), 0),
        "jacobian",
        {"s": "lv"},
    ),
    Case(
        "coupling-scale-jacobian-s",
        "x, s: vector[n]",
        r"x \odot e^{s}",
        "s",
        ("x", "s"),
        jac(lambda x, s: x * jnp.exp(s), 1),
        "jacobian",
        {"s": "lv"},
    ),
    Case(
        "tanh-affine-jacobian",
        "W: matrix[m, n]; x: vector[n]; bm: vector[m]",
        r"\tanh(W x + bm)",
        "x",
        ("W", "x", "bm"),
        jac(lambda W, x, b: jnp.tanh(W @ x + b), 1),
        "jacobian",
    ),
    Case(
        "sigmoid-affine-jacobian",
        "W: matrix[m, n]; x: vector[n]; bm: vector[m]",
        r"\sigma(W x + bm)",
        "x",
        ("W", "x", "bm"),
        jac(lambda W, x, b: jax.nn.sigmoid(W @ x + b), 1),
        "jacobian",
    ),
    # -- VAEs (Kingma & Welling 2014) ------------------------------------------------------------------------
    Case(
        "vae-kl-mean",
        "mu: vector[n]; sig: vector[n], positive; i: index",
        r"\frac{1}{2}\sum_{i=1}^{n} (\mu_i^2 + sig_i^2 - \log sig_i^2 - 1)",
        "mu",
        ("mu", "sig"),
        g(lambda mu, s: 0.5 * jnp.sum(mu**2 + s**2 - jnp.log(s**2) - 1), 0),
    ),
    Case(
        "vae-kl-std",
        "mu: vector[n]; sig: vector[n], positive; i: index",
        r"\frac{1}{2}\sum_{i=1}^{n} (\mu_i^2 + sig_i^2 - \log sig_i^2 - 1)",
        "sig",
        ("mu", "sig"),
        g(lambda mu, s: 0.5 * jnp.sum(mu**2 + s**2 - jnp.log(s**2) - 1), 1),
    ),
    Case(
        "vae-kl-logvar",
        "mu, lv: vector[n]; i: index",
        r"\frac{1}{2}\sum_{i=1}^{n} (\mu_i^2 + e^{lv_i} - lv_i - 1)",
        "lv",
        ("mu", "lv"),
        g(lambda mu, lv: 0.5 * jnp.sum(mu**2 + jnp.exp(lv) - lv - 1), 1),
    ),
    Case(
        "vae-reparam-std",
        "mu, sig, epsilon, x: vector[n]; i: index",
        r"\sum_{i=1}^{n} (\mu_i + sig_i \epsilon_i - x_i)^2",
        "sig",
        ("mu", "sig", "epsilon", "x"),
        g(lambda mu, s, e, x: jnp.sum((mu + s * e - x) ** 2), 1),
    ),
    Case(
        "vae-bernoulli-decoder",
        "x, a: vector[m]; i: index",
        r"\sum_{i=1}^{m} \left(x_i \log \sigma(a_i) + (1 - x_i) \log(1 - \sigma(a_i))\right)",
        "a",
        ("x", "a"),
        g(lambda x, a: jnp.sum(x * jax.nn.log_sigmoid(a) + (1 - x) * jax.nn.log_sigmoid(-a)), 1),
        names={"x": "bm"},
    ),
    Case(
        "vae-gaussian-decoder-scale",
        "a, bm: vector[m]; W: matrix[m, n]; z: vector[n]; s: scalar, positive",
        r"-\frac{1}{2 s^2}\|a - W z - bm\|^2 - m \log s",
        "s",
        ("a", "W", "z", "bm", "s"),
        g(lambda a, W, z, b, s: -jnp.sum((a - W @ z - b) ** 2) / (2 * s**2) - M * jnp.log(s), 4),
    ),
    Case(
        "vae-gaussian-decoder-W",
        "a, bm: vector[m]; W: matrix[m, n]; z: vector[n]; s: scalar, positive",
        r"-\frac{1}{2 s^2}\|a - W z - bm\|^2 - m \log s",
        "W",
        ("a", "W", "z", "bm", "s"),
        g(lambda a, W, z, b, s: -jnp.sum((a - W @ z - b) ** 2) / (2 * s**2) - M * jnp.log(s), 1),
    ),
    # -- RL objectives ------------------------------------------------------------------------------------------
    Case(
        "policy-entropy",
        "theta: vector[n]; k: index",
        r"-\sum_{k=1}^{n} \operatorname{softmax}(\theta)_k \log \operatorname{softmax}(\theta)_k",
        "theta",
        ("theta",),
        g(lambda t: -jnp.sum(jax.nn.softmax(t) * jax.nn.log_softmax(t)), 0),
    ),
    Case(
        "soft-value-temperature",
        "q: vector[n]; tau: scalar, positive; k: index",
        r"\tau \log \sum_{k=1}^{n} e^{q_k / \tau}",
        "tau",
        ("q", "tau"),
        g(lambda q, t: t * jax.nn.logsumexp(q / t), 1),
    ),
    Case(
        "soft-value-q",
        "q: vector[n]; tau: scalar, positive; k: index",
        r"\tau \log \sum_{k=1}^{n} e^{q_k / \tau}",
        "q",
        ("q", "tau"),
        g(lambda q, t: t * jax.nn.logsumexp(q / t), 0),
    ),
    Case(
        "td-error",
        "w, p, q: vector[n]; r, gamma: scalar",
        r"\frac{1}{2} (r + \gamma w^\top p - w^\top q)^2",
        "w",
        ("w", "p", "q", "r", "gamma"),
        g(lambda w, p, q, r, ga: 0.5 * (r + ga * w @ p - w @ q) ** 2, 0),
    ),
    Case(
        "td-error-hessian",
        "w, p, q: vector[n]; r, gamma: scalar",
        r"\frac{1}{2} (r + \gamma w^\top p - w^\top q)^2",
        "w",
        ("w", "p", "q", "r", "gamma"),
        hess(lambda w, p, q, r, ga: 0.5 * (r + ga * w @ p - w @ q) ** 2, 0),
        "hessian",
    ),
    Case(
        "gaussian-policy-std",
        "a, mu: vector[n]; s: scalar, positive",
        r"-\frac{\|a - \mu\|^2}{2 s^2} - n \log s",
        "s",
        ("a", "mu", "s"),
        g(lambda a, mu, s: -jnp.sum((a - mu) ** 2) / (2 * s**2) - N * jnp.log(s), 2),
        names={"a": "x"},
    ),
    Case(
        "ppo-clip-ratio",
        "r, t, eta: scalar, positive",
        r"\min(r t, (1 + \eta) t)",
        "r",
        ("r", "t", "eta"),
        g(lambda r, t, e: jnp.minimum(r * t, (1 + e) * t), 0),
    ),
    # -- optimizers and regularized objectives -------------------------------------------------------------------
    Case(
        "ridge-grad",
        "A: matrix[m, n]; x: vector[n]; bm: vector[m]; muq: scalar, positive",
        r"\frac{1}{2}\|A x - bm\|^2 + \frac{muq}{2}\|x\|^2",
        "x",
        ("A", "x", "bm", "muq"),
        g(lambda A, x, b, mu: 0.5 * jnp.sum((A @ x - b) ** 2) + mu / 2 * jnp.sum(x**2), 1),
    ),
    Case(
        "ridge-hessian",
        "A: matrix[m, n]; x: vector[n]; bm: vector[m]; muq: scalar, positive",
        r"\frac{1}{2}\|A x - bm\|^2 + \frac{muq}{2}\|x\|^2",
        "x",
        ("A", "x", "bm", "muq"),
        hess(lambda A, x, b, mu: 0.5 * jnp.sum((A @ x - b) ** 2) + mu / 2 * jnp.sum(x**2), 1),
        "hessian",
    ),
    Case(
        "ridge-grad-mu",
        "A: matrix[m, n]; x: vector[n]; bm: vector[m]; muq: scalar, positive",
        r"\frac{1}{2}\|A x - bm\|^2 + \frac{muq}{2}\|x\|^2",
        "muq",
        ("A", "x", "bm", "muq"),
        g(lambda A, x, b, mu: 0.5 * jnp.sum((A @ x - b) ** 2) + mu / 2 * jnp.sum(x**2), 3),
    ),
    Case(
        "xtx-hessian", "x: vector[n]", r"x^\top x", "x", ("x",), hess(lambda x: x @ x, 0), "hessian"
    ),
    Case(
        "cubic-index-hessian",
        "w: vector[n]; j: index",
        r"\sum_{j=1}^{n} w_j^3",
        "w",
        ("w",),
        hess(lambda w: jnp.sum(w**3), 0),
        "hessian",
    ),
    Case(
        "logistic-index-grad",
        "X: matrix[m, n]; w: vector[n]; ym: vector[m]; i, j: index",
        r"\sum_{i=1}^{m} \log(1 + e^{-ym_i \sum_{j=1}^{n} X_{ij} w_j})",
        "w",
        ("X", "w", "ym"),
        g(lambda X, w, y: jnp.sum(jnp.logaddexp(0.0, -y * (X @ w))), 1),
    ),
    Case(
        "logistic-index-hessian",
        "X: matrix[m, n]; w: vector[n]; ym: vector[m]; i, j: index",
        r"\sum_{i=1}^{m} \log(1 + e^{-ym_i \sum_{j=1}^{n} X_{ij} w_j})",
        "w",
        ("X", "w", "ym"),
        hess(lambda X, w, y: jnp.sum(jnp.logaddexp(0.0, -y * (X @ w))), 1),
        "hessian",
    ),
    Case(
        "logsumexp-index-hessian",
        "z: vector[n]; k: index",
        r"\log \sum_{k=1}^{n} e^{z_k}",
        "z",
        ("z",),
        hess(lambda z: jax.nn.logsumexp(z), 0),
        "hessian",
    ),
    Case(
        "log-barrier-hessian",
        "sig: vector[n], positive; i: index",
        r"-\sum_{i=1}^{n} \log sig_i",
        "sig",
        ("sig",),
        hess(lambda x: -jnp.sum(jnp.log(x)), 0),
        "hessian",
    ),
    Case(
        "lr-quadratic",
        "theta: vector[n]; S: spd[n]; Wsq: matrix[n, n]; eta: scalar",
        r"\frac{1}{2} (\theta - \eta Wsq \theta)^\top S (\theta - \eta Wsq \theta)",
        "eta",
        ("theta", "S", "Wsq", "eta"),
        g(lambda th, S, W, e: 0.5 * (th - e * W @ th) @ S @ (th - e * W @ th), 3),
    ),
    Case(
        "weight-norm-v",
        "c, v: vector[n]; g: scalar",
        r"g \frac{c^\top v}{\|v\|}",
        "v",
        ("c", "v", "g"),
        g(lambda c, v, gg: gg * (c @ v) / jnp.linalg.norm(v), 1),
    ),
    Case(
        "weight-norm-g",
        "c, v: vector[n]; g: scalar",
        r"g \frac{c^\top v}{\|v\|}",
        "g",
        ("c", "v", "g"),
        g(lambda c, v, gg: gg * (c @ v) / jnp.linalg.norm(v), 2),
    ),
    # -- normalization layers ---------------------------------------------------------------------------------
    Case(
        "rmsnorm-jacobian",
        "x: vector[n]; j, k: index",
        r"\frac{x_k}{\sqrt{\frac{1}{n}\sum_{j=1}^{n} x_j^2}}",
        "x",
        ("x",),
        jac(layernorm_free, 0),
        "jacobian-index",
    ),
    Case(
        "layernorm-jacobian",
        "x: vector[n]; j, k, l: index",
        r"\frac{x_k - \frac{1}{n}\sum_{j=1}^{n} x_j}{\sqrt{\frac{1}{n}\sum_{l=1}^{n} x_l^2 - "
        r"\left(\frac{1}{n}\sum_{j=1}^{n} x_j\right)^2}}",
        "x",
        ("x",),
        jac(lambda x: (x - jnp.mean(x)) / jnp.sqrt(jnp.mean(x**2) - jnp.mean(x) ** 2), 0),
        "jacobian-index",
    ),
    Case(
        "l2-normalize-jacobian",
        "x: vector[n]",
        r"\frac{x}{\|x\|}",
        "x",
        ("x",),
        jac(lambda x: x / jnp.linalg.norm(x), 0),
        "jacobian",
    ),
    Case(
        "batchnorm-scale",
        "x, c: vector[n]; g, b: scalar; i: index",
        r"\sum_{i=1}^{n} c_i (g x_i + b)",
        "g",
        ("x", "c", "g", "b"),
        g(lambda x, c, gg, b: jnp.sum(c * (gg * x + b)), 2),
    ),
    # -- attention (Vaswani et al. 2017) -------------------------------------------------------------------------
    Case(
        "attention-V",
        ATT,
        r"\operatorname{tr}(G^\top \operatorname{softmax}(Q K^\top / \tau) V)",
        "V",
        ("Q", "K", "V", "G", "tau"),
        g(attention, 2),
        names=ATT_NAMES,
    ),
    Case(
        "attention-Q",
        ATT,
        r"\operatorname{tr}(G^\top \operatorname{softmax}(Q K^\top / \tau) V)",
        "Q",
        ("Q", "K", "V", "G", "tau"),
        g(attention, 0),
        names=ATT_NAMES,
    ),
    Case(
        "attention-K",
        ATT,
        r"\operatorname{tr}(G^\top \operatorname{softmax}(Q K^\top / \tau) V)",
        "K",
        ("Q", "K", "V", "G", "tau"),
        g(attention, 1),
        names=ATT_NAMES,
    ),
    Case(
        "attention-temperature",
        ATT,
        r"\operatorname{tr}(G^\top \operatorname{softmax}(Q K^\top / \tau) V)",
        "tau",
        ("Q", "K", "V", "G", "tau"),
        g(attention, 4),
        names=ATT_NAMES,
    ),
    Case(
        "attention-weights-jacobian",
        "K: matrix[m, n]; q: vector[n]",
        r"\operatorname{softmax}(K q)",
        "q",
        ("K", "q"),
        jac(lambda K, q: jax.nn.softmax(K @ q), 1),
        "jacobian",
        {"K": "W"},
    ),
    # -- activations and special functions -------------------------------------------------------------------------
    Case(
        "swish-beta",
        "x, beta: scalar",
        r"x \sigma(\beta x)",
        "beta",
        ("x", "beta"),
        g(lambda x, b: x * jax.nn.sigmoid(b * x), 1),
        names={"x": "t"},
    ),
    Case(
        "mish",
        "x: scalar",
        r"x \tanh(\log(1 + e^{x}))",
        "x",
        ("x",),
        g(lambda x: x * jnp.tanh(jax.nn.softplus(x)), 0),
        names={"x": "r"},
    ),
    Case(
        "softplus",
        "x: scalar",
        r"\log(1 + e^{x})",
        "x",
        ("x",),
        g(jax.nn.softplus, 0),
        names={"x": "r"},
    ),
    Case(
        "log-sigmoid",
        "x: scalar",
        r"\log \sigma(x)",
        "x",
        ("x",),
        g(jax.nn.log_sigmoid, 0),
        names={"x": "r"},
    ),
    Case(
        "log-gamma",
        "x: scalar, positive",
        lambda t: sympy.loggamma(_x(t)),
        "x",
        ("x",),
        g(gammaln, 0),
        names={"x": "nu"},
    ),
    Case(
        "log-gamma-hessian",
        "x: scalar, positive",
        lambda t: sympy.loggamma(_x(t)),
        "x",
        ("x",),
        hess(gammaln, 0),
        "hessian",
        names={"x": "nu"},
    ),
    Case(
        "log-beta",
        "alpha, beta: scalar, positive",
        lambda t: (
            sympy.loggamma(t.scalar("alpha"))
            + sympy.loggamma(t.scalar("beta"))
            - sympy.loggamma(t.scalar("alpha") + t.scalar("beta"))
        ),
        "alpha",
        ("alpha", "beta"),
        g(lambda a, b: gammaln(a) + gammaln(b) - gammaln(a + b), 0),
    ),
    Case(
        "student-t-dof",
        "x: scalar; nu: scalar, positive",
        lambda t: (
            sympy.loggamma((t.scalar("nu") + 1) / 2)
            - sympy.loggamma(t.scalar("nu") / 2)
            - sympy.log(t.scalar("nu") * sympy.pi) / 2
            - (t.scalar("nu") + 1) / 2 * sympy.log(1 + t.scalar("x") ** 2 / t.scalar("nu"))
        ),
        "nu",
        ("x", "nu"),
        g(
            lambda x, nu: (
                gammaln((nu + 1) / 2)
                - gammaln(nu / 2)
                - jnp.log(nu * jnp.pi) / 2
                - (nu + 1) / 2 * jnp.log1p(x**2 / nu)
            ),
            1,
        ),
        names={"x": "r"},
    ),
    Case(
        "gaussian-cdf",
        "x: scalar",
        lambda t: (1 + sympy.erf(_x(t) / sympy.sqrt(2))) / 2,
        "x",
        ("x",),
        g(lambda x: (1 + erf(x / jnp.sqrt(2.0))) / 2, 0),
        names={"x": "r"},
    ),
    Case(
        "gelu",
        "x: scalar",
        lambda t: _x(t) * (1 + sympy.erf(_x(t) / sympy.sqrt(2))) / 2,
        "x",
        ("x",),
        g(lambda x: x * (1 + erf(x / jnp.sqrt(2.0))) / 2, 0),
        names={"x": "r"},
    ),
    Case(
        "dirichlet-log-normalizer",
        "alpha: vector[n], positive; i: index",
        lambda t: (
            sympy.Sum(
                sympy.loggamma(t.indexed("alpha")[t.scalar("i")]), (t.scalar("i"), 1, t.dim("n"))
            )
            - sympy.loggamma(
                sympy.Sum(t.indexed("alpha")[t.scalar("i")], (t.scalar("i"), 1, t.dim("n")))
            )
        ),
        "alpha",
        ("alpha",),
        g(lambda a: jnp.sum(gammaln(a)) - gammaln(jnp.sum(a)), 0),
        names={"alpha": "sig"},
    ),
    # -- kinks: subgradients --------------------------------------------------------------------------------------
    Case("abs", "x: scalar", r"|x|", "x", ("x",), g(jnp.abs, 0), names={"x": "r"}),
    Case(
        "relu-max",
        "x: scalar",
        r"\max(0, x)",
        "x",
        ("x",),
        g(lambda x: jnp.maximum(0.0, x), 0),
        names={"x": "r"},
    ),
    Case("l1-norm", "x: vector[n]", r"\|x\|_1", "x", ("x",), g(lambda x: jnp.sum(jnp.abs(x)), 0)),
    Case(
        "lasso",
        "A: matrix[m, n]; x: vector[n]; bm: vector[m]; lam: scalar, positive",
        r"\frac{1}{2}\|A x - bm\|^2 + lam \|x\|_1",
        "x",
        ("A", "x", "bm", "lam"),
        g(lambda A, x, b, lam: 0.5 * jnp.sum((A @ x - b) ** 2) + lam * jnp.sum(jnp.abs(x)), 1),
    ),
    Case(
        "elastic-net",
        "A: matrix[m, n]; x: vector[n]; bm: vector[m]; lam, muq: scalar, positive",
        r"\frac{1}{2}\|A x - bm\|^2 + lam \|x\|_1 + \frac{muq}{2}\|x\|^2",
        "x",
        ("A", "x", "bm", "lam", "muq"),
        g(
            lambda A, x, b, lam, mu: (
                0.5 * jnp.sum((A @ x - b) ** 2) + lam * jnp.sum(jnp.abs(x)) + mu / 2 * jnp.sum(x**2)
            ),
            1,
        ),
    ),
    Case(
        "hinge-index",
        "x, c: vector[n]; i: index",
        r"\sum_{i=1}^{n} \max(0, 1 - c_i x_i)",
        "x",
        ("x", "c"),
        g(lambda x, c: jnp.sum(jnp.maximum(0.0, 1 - c * x)), 0),
    ),
    # -- index ranges that depend on another index ------------------------------------------------------------------
    Case(
        "triangular-sum",
        "x: vector[n]; i, j: index",
        r"\sum_{i=1}^{n} x_i \sum_{j=1}^{i} x_j",
        "x",
        ("x",),
        g(lambda x: jnp.sum(x * jnp.cumsum(x)), 0),
    ),
    Case(
        "upper-triangular-sum",
        "x: vector[n]; i, j: index",
        r"\sum_{i=1}^{n}\sum_{j=i}^{n} x_i x_j",
        "x",
        ("x",),
        g(lambda x: jnp.sum(jnp.triu(jnp.outer(x, x))), 0),
    ),
    Case(
        "partial-range",
        "x: vector[n]; j: index",
        r"\sum_{j=2}^{n} x_j^2",
        "x",
        ("x",),
        g(lambda x: jnp.sum(x[1:] ** 2), 0),
    ),
    Case(
        "cumsum-squared",
        "x: vector[n]; i, j: index",
        r"\sum_{i=1}^{n} \left(\sum_{j=1}^{i} x_j\right)^2",
        "x",
        ("x",),
        g(lambda x: jnp.sum(jnp.cumsum(x) ** 2), 0),
    ),
]


def test_at_least_sixty_outside_cases():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


def value_of(case: Case, name: str):
    """The value of a symbol, by its plain name (``\\mathrm{sc}`` and ``\\ell`` are ``sc`` and ``ell``)."""
    name = re.sub(r"\\mathrm\{(\w+)\}", r"\1", name).lstrip("\\")
    return jnp.asarray(V[(case.names or {}).get(name, name)], dtype=jnp.float64)


def derivation(case: Case, table):
    expr = case.expr(table) if callable(case.expr) else case.expr
    if case.kind == "hessian":
        return second_derivation(expr, case.wrt, table)
    return gradient(case, table)


#: ``dx.derive`` of each gradient case, taken once in a test process: the oracle test and the
#: Jacobian test (which needs its output indices) read the same derivation
_GRADIENTS: dict[str, object] = {}


def gradient(case: Case, table):
    if case.id not in _GRADIENTS:
        expr = case.expr(table) if callable(case.expr) else case.expr
        _GRADIENTS[case.id] = dx.derive(expr, case.wrt, table)
    return _GRADIENTS[case.id]


def derived_numbers(d, case: Case, table):
    """derivax's result at V, through derivax's compiler, or SymPy's 30-digit evalf where JAX has
    no such function (digamma)."""
    # every test point is away from the kinks, where the Dirac delta of a second derivative is 0
    result = d.result.replace(sympy.DiracDelta, lambda *a: sympy.S.Zero)
    out = list(d.output_indices)
    # an index that only a Kronecker delta carries gets its range here; the others come from arrays
    size = d.wrt.shape[0] if isinstance(d.wrt, sympy.IndexedBase) else table.dim("n")
    ranges = {
        i: (1, size) for i in out if not any(i in ix.indices for ix in result.atoms(sympy.Indexed))
    }
    try:
        f = dx.compile(result, symbols=table, free_indices=out, index_ranges=ranges)
    except dx.CompileError:  # digamma, or a sum whose range depends on the free index
        subs = {}
        for s in result.free_symbols:
            if (
                isinstance(s, sympy.Symbol)
                and not s.is_integer
                and np.ndim(value_of(case, s.name)) == 0
            ):
                subs[s] = float(value_of(case, s.name))
        if out:
            grid = [range(1, N + 1)] * len(out)
            return np.array(
                [
                    float(_entry(result, case, table, dict(zip(out, ks, strict=True))))
                    for ks in itertools.product(*grid)
                ]
            ).reshape((N,) * len(out))
        return np.asarray(float(result.xreplace(subs).evalf(30)))
    args = []
    for a in f.arguments:
        args.append(_size_of(case, table, a.key) if a.static else value_of(case, a.key))
    return np.asarray(f(*args))


def _size_of(case: Case, table, dim: str) -> int:
    """A size the result names only through I_m or 1_m: read off an array of the case that has
    that dimension."""
    for name in case.args:
        shape = table[name].shape if table.resolve(name) else ()
        if dim in shape:
            return int(np.shape(value_of(case, name))[shape.index(dim)])
    return N


def _written_out(e):
    """Sums with integer bounds as explicit additions, the outer index first."""
    if isinstance(e, sympy.Sum):
        var, lo, hi = e.limits[-1]
        inner = sympy.Sum(e.function, *e.limits[:-1]) if len(e.limits) > 1 else e.function
        return sympy.Add(
            *[_written_out(inner.xreplace({var: v})) for v in range(int(lo), int(hi) + 1)]
        )
    if not e.args or isinstance(e, sympy.Indexed):
        return e
    return e.func(*[_written_out(a) for a in e.args])


def _entry(result, case, table, assign):
    e = _written_out(result.xreplace(assign).subs(table.dim("n"), N))
    base = next(iter(e.atoms(sympy.IndexedBase)))
    vals = np.asarray(value_of(case, str(base.label)))
    e = e.replace(
        lambda x: isinstance(x, sympy.Indexed),
        lambda x: sympy.Float(float(vals[int(x.indices[0]) - 1]), 30),
    )
    return e.evalf(30)


THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
#: the radial flow's log-determinant in its centre c and its point z: 25 to 30 s of CPU each, most
#: of it derivax tidying the matrix form (_algebra/_matrix.py, simplify_elementwise), run in the
#: thorough profile; its alpha and beta gradients, the radial flow's Jacobian (radial-jacobian)
#: and the planar flow's gradients in its vectors u, w and z run on every run
_HEAVY_GRADIENTS = {"radial-logdet-c", "radial-logdet-z"}
_ORACLE_CASES = [
    pytest.param(
        c,
        id=c.id,
        marks=pytest.mark.skipif(
            c.id in _HEAVY_GRADIENTS and not THOROUGH,
            reason="over 20 s of CPU: in the thorough profile",
        ),
    )
    for c in CASES
]


@pytest.mark.parametrize("case", _ORACLE_CASES)
def test_outside_derivative_against_an_independent_oracle(case):
    table = parse_symbols(case.symbols)
    if case.kind == "jacobian":
        expr = dx.parse(case.expr, table) if isinstance(case.expr, str) else case.expr(table)
        got = np.asarray(_compiled(dx.jacobian(expr, case.wrt, table), case, table))
    elif case.kind == "jacobian-index":
        d = dx.derive(case.expr, case.wrt, table)
        assert d.checked.startswith("agrees with"), d.checked
        got = derived_numbers(d, case, table)
    else:
        d = derivation(case, table)
        assert d.checked.startswith("agrees with"), d.checked
        got = derived_numbers(d, case, table)
    want = np.asarray(case.oracle(*[value_of(case, a) for a in case.args]))
    assert got.size == want.size, (got.shape, want.shape)
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-8, atol=1e-10)
    if case.kind == "grad":
        assert_reads_back(d, case, table, got)


def assert_reads_back(d, case, table, got) -> None:
    """The rendered derivative, parsed with its free indices declared, has the same numbers."""
    free = [str(i) for i in d.output_indices if not table.resolve(str(i))]
    read_table = parse_symbols(f"{case.symbols}; {', '.join(free)}: index") if free else table
    latex = dx.to_latex(d.result, table)
    back = dx.parse(latex, read_table)
    indices = tuple(sympy.Symbol(str(i), integer=True) for i in d.output_indices)
    again = derived_numbers(
        dataclasses.replace(d, result=back, output_indices=indices), case, read_table
    )
    if again.size == 1 and got.size > 1:
        again = np.broadcast_to(again, got.shape)
    np.testing.assert_allclose(
        again.reshape(got.shape), got, rtol=1e-9, atol=1e-12, err_msg=f"read back from {latex}"
    )


def _compiled(result, case, table):
    f = dx.compile(result, symbols=table)
    return f(*[N if a.static else value_of(case, a.key) for a in f.arguments])


# -- what the issues name, each in more than one form ---------------------------------------------------------
def test_dependent_range_gradient_is_right_and_checked():
    """Issue 12: this came back as [7, 9, 12], labelled "not cross-checked"; jax.grad says [7, 8, 9]."""
    for latex in (
        r"\sum_{i=1}^{n} x_i \sum_{j=1}^{i} x_j",
        r"\sum_{i=1}^{n} \sum_{j=1}^{i} x_i x_j",
    ):
        d = dx.derive(latex, "x", "x: vector[n]; i, j: index")
        # JAX compiles the dependent range since (masked); either check is independent of the
        # derivation, and the entries are checked against the values written out below
        assert d.checked.startswith(
            ("agrees with JAX", "agrees with 50-digit central finite differences")
        ), d.checked
        (k,) = d.output_indices
        n = parse_symbols("n: dim").dim("n")
        e = d.result.subs(n, 3)
        x = next(iter(e.atoms(sympy.IndexedBase)))
        vals = [
            _written_out(e.xreplace({k: kk})).xreplace({x[1]: 1, x[2]: 2, x[3]: 3})
            for kk in (1, 2, 3)
        ]
        assert vals == [7, 8, 9]


def test_a_wrong_derivative_over_a_dependent_range_is_refused():
    from derivax import Derivation
    from derivax._derive._check import cross_check

    table = parse_symbols("x: vector[n]; i, j: index")
    expr = dx.parse(r"\sum_{i=1}^{n} x_i \sum_{j=1}^{i} x_j", table)
    x, k = table.indexed("x"), sympy.Symbol("k", integer=True)
    i = sympy.Symbol("i", integer=True)
    wrong = sympy.Sum(x[i], (i, 1, k)) + sympy.Sum(x[i], (i, 1, table.dim("n")))  # the old answer
    with pytest.raises(
        DerivationError, match=r"disagrees with (JAX's|50-digit finite differences)"
    ):
        cross_check(Derivation(expr, x, wrong, index=k, output_indices=(k,)), table, "index")


def test_unspecified_functions_are_checked_with_random_smooth_ones():
    from derivax import Derivation
    from derivax._derive._check import cross_check

    d = dx.derive(r"f(g(x))", "x", "f, g: function")
    assert d.checked.startswith("agrees with 50-digit") and "`f`, `g` replaced" in d.checked
    x = sympy.Symbol("x", real=True)
    f, gg = sympy.Function("f"), sympy.Function("g")
    wrong = f(gg(x)).diff(x) * 2
    with pytest.raises(DerivationError, match="disagrees"):
        cross_check(
            Derivation(d.expression, d.wrt, wrong), parse_symbols("f, g: function"), "scalar"
        )


@pytest.mark.parametrize(
    "latex, symbols, wrt, kink",
    [
        (r"|x|", "x: scalar", "x", r"\operatorname{sign}(0) = 0"),
        (r"\max(0, x)", "x: scalar", "x", "H(0)"),
        (r"\|x\|_1", "x: vector[n]", "x", r"\operatorname{sign}(0) = 0"),
        (
            r"\frac{1}{2}\|A x - b\|^2 + \lambda \|x\|_1",
            r"A: matrix[m, n]; x: vector[n]; b: vector[m]; \lambda: scalar, positive",
            "x",
            r"\operatorname{sign}(0) = 0",
        ),
    ],
)
def test_subgradients_at_kinks_are_stated(latex, symbols, wrt, kink):
    d = dx.derive(latex, wrt, symbols)
    stated = [s for s in d.steps if s.rule == "subgradient at the kink"]
    assert stated and kink in stated[0].latex
    assert "[_" not in str(d.result) and d.checked.startswith("agrees with JAX")


def test_l1_gradient_is_sign_in_matrix_form():
    table = parse_symbols(r"\beta: vector[n]")
    r = dx.grad(r"\|\beta\|_1", r"\beta", table)
    beta = table.matrix(r"\beta")
    assert (
        isinstance(r, sympy.matrices.expressions.applyfunc.ElementwiseApplyFunction)
        and r.expr == beta
    )
    u = sympy.Symbol("u", real=True)
    assert r.function(u) == sympy.sign(u)


def test_planar_flow_uses_the_matrix_determinant_lemma():
    table = parse_symbols(PLANAR)
    d = dx.derive(_planar_logdet(table), "u", table)
    assert any(s.rule.startswith("matrix determinant lemma") for s in d.steps)
    assert not d.result.atoms(sympy.Determinant)
    # rank one without the nonlinearity: d/du log|1 + w^T u| = w / (1 + w^T u)
    u, w = table.matrix("u"), table.matrix("w")
    r = dx.grad(
        sympy.log(sympy.Abs(sympy.Determinant(sympy.Identity(table.dim("n")) + u * w.T))),
        "u",
        table,
    )
    assert r == w / (1 + sympy.Trace(w.T * u)) or sympy.simplify(
        sympy.ImmutableMatrix(
            (r - w / (1 + sympy.Trace(w.T * u))).subs(table.dim("n"), 1).as_explicit()
        )
    ) == sympy.zeros(1, 1)


def test_log_det_with_respect_to_a_scalar_is_the_trace_rule():
    """d/ds log det(K + s^2 I) = tr((K + s^2 I)^{-1} 2 s I) = 2 s tr((K + s^2 I)^{-1})."""
    table = parse_symbols(GP)
    K, s, n = table.matrix("K"), table.scalar("s"), table.dim("n")
    C = K + s**2 * sympy.Identity(n)
    d = dx.derive(sympy.log(sympy.Determinant(C)), "s", table)
    assert sympy.simplify(d.result - 2 * s * sympy.Trace(sympy.Inverse(C))) == 0
    from derivax._text import rule_text

    assert any("d log det K = tr(K⁻¹ dK)" in rule_text(st.rule) for st in d.steps)


def test_gp_marginal_likelihood_in_latex():
    """The form from the issue; ``I`` declared spd because the reader misreads a bare ``I`` next to a
    matrix today. The derivative holds for any matrix I, so the identity is substituted after."""
    table = parse_symbols(r"K, I: spd[n]; y: vector[n]; \sigma_n: scalar, positive")
    lml = (
        r"-\frac{1}{2} y^\top (K + \sigma_n^2 I)^{-1} y - \frac{1}{2}\log\det(K + \sigma_n^2 I) "
        r"- \frac{n}{2}\log(2\pi)"
    )
    d = dx.derive(lml, r"\sigma_n", table)
    assert d.checked.startswith("agrees with JAX")
    f = dx.compile(d.result, symbols=table)
    vals = {"K": V["K"], "I": np.eye(N), "y": V["y"]}
    got = f(*[vals.get(a.key, V["s"]) for a in f.arguments])
    assert {a.key for a in f.arguments} - set(vals) == {r"\sigma_{n}"}
    np.testing.assert_allclose(got, jax.grad(gp_lml, argnums=2)(V["K"], V["y"], V["s"]), rtol=1e-10)


def test_hessians_are_symmetric_in_both_forms():
    H = dx.hessian(r"x^\top x", "x", "x: vector[n]")
    n = parse_symbols("n: dim").dim("n")
    assert H == 2 * sympy.Identity(n)
    table = parse_symbols(r"A: matrix[m, n]; x: vector[n]; b: vector[m]; \mu: scalar, positive")
    H = dx.hessian(r"\frac{1}{2}\|A x - b\|^2 + \frac{\mu}{2}\|x\|^2", "x", table)
    A, mu = table.matrix("A"), table.scalar(r"\mu")
    assert sympy.simplify(
        (H - (A.T * A + mu * sympy.Identity(table.dim("n"))))
        .subs(table.dim("n"), 2)
        .subs(table.dim("m"), 3)
        .as_explicit()
    ) == sympy.zeros(2, 2)
    d = second_derivation(r"\sum_{j=1}^{n} w_j^3", "w", "w: vector[n]; j: index")
    k, k2 = d.output_indices
    w = next(iter(d.result.atoms(sympy.IndexedBase)))
    assert sympy.simplify(d.result - 6 * w[k] * sympy.KroneckerDelta(k, k2)) == 0
    assert sympy.simplify(d.result - d.result.xreplace({k: k2, k2: k}).subs(w[k2], w[k])) == 0


def test_temperature_inside_softmax():
    for latex in (
        r"\operatorname{softmax}(z / T)_k",
        r"\frac{e^{z_k / T}}{\sum_{j=1}^{n} e^{z_j / T}}",
    ):
        d = dx.derive(latex, "T", "z: vector[n]; T: scalar, positive; j, k: index")
        assert d.checked.startswith("agrees with JAX"), d.checked
        f = dx.compile(
            d.result, symbols="z: vector[n]; T: scalar, positive; j, k: index", free_indices=["k"]
        )
        got = f(*[V["z"] if a.key == "z" else V["tau"] for a in f.arguments])
        want = jax.jacfwd(lambda t: jax.nn.softmax(V["z"] / t))(V["tau"])
        np.testing.assert_allclose(got, want, rtol=1e-10)


@pytest.mark.parametrize(
    "fn, latex, wrt, symbols",
    [
        # (the maximum over an index is differentiated now: tests/test_extrema_derivatives.py)
        (dx.grad, r"x_{(2)}", "x", "x: vector[n]"),
        (dx.hessian, r"\operatorname{softmax}(z / T)", "T", "z: vector[n]; T: scalar, positive"),
        (dx.hessian, r"X w", "X", "X: matrix[m, n]; w: vector[n]"),
        (dx.grad, r"W x", "W", "W: matrix[m, n]; x: vector[n]"),
        (dx.jacobian, r"x^\top x", "q", "x, q: vector[n]"),
    ],
)
def test_refusals_are_derivation_errors_naming_the_construct(fn, latex, wrt, symbols):
    with pytest.raises(dx.DerivaxError) as info:
        fn(latex, wrt, symbols)
    assert "`" in str(info.value) and "[_" not in str(info.value)


def test_no_sympy_exception_escapes():
    """A construct matrix calculus has no rule for ends in a DerivationError naming it."""
    X = sympy.MatrixSymbol("X", 3, 3)
    odd = sympy.Trace(sympy.KroneckerProduct(X, X))
    with pytest.raises(DerivationError, match="KroneckerProduct"):
        dx.grad(odd, "X")
    # an entrywise power has its rule now: tr(X^{\circ 3}) = sum_i X_ii^3, whose gradient is
    # 3 X_ii^2 on the diagonal and 0 elsewhere
    g = dx.grad(sympy.Trace(sympy.HadamardPower(X, 3)), "X").as_explicit()
    want = sympy.Matrix(3, 3, lambda i, j: 3 * X[i, j] ** 2 if i == j else 0)
    assert sympy.simplify(g - want) == sympy.zeros(3, 3)


GRADIENTS = [c for c in CASES if c.kind == "grad"]
#: the radial flow's log-determinant in c and z: 20 to 46 s of CPU each for its Jacobian and
#: Hessian, run in the thorough profile (HYPOTHESIS_PROFILE=thorough); its alpha and beta cases
#: run on every run
_HEAVY = {"radial-logdet-c", "radial-logdet-z"}
_SECOND_ORDER = [
    pytest.param(
        c,
        id=c.id,
        marks=pytest.mark.skipif(
            c.id in _HEAVY and not THOROUGH,
            reason="over 20 s of CPU: in the thorough profile",
        ),
    )
    for c in GRADIENTS
]
#: Hessians of an objective that has more than one variable, 1.2 to 4 s of CPU each, run in the
#: thorough profile; the objective's Hessian in its other variable runs every time (attention in
#: V, a matrix; the GP marginal likelihood in y; the planar flow in z; the radial flow in beta;
#: the coupling layer in b; the soft value in q)
_HEAVY_HESSIANS = {
    "attention-Q",
    "attention-K",
    "attention-temperature",
    "gp-lml-noise",
    "gp-lml-K",
    "planar-logdet-u",
    "planar-logdet-w",
    "planar-logdet-b",
    "radial-logdet-alpha",
    "coupling-logdet-W",
    "soft-value-temperature",
}
_HESSIANS = [
    pytest.param(
        c,
        id=c.id,
        marks=pytest.mark.skipif(
            c.id in _HEAVY | _HEAVY_HESSIANS and not THOROUGH,
            reason="over 1 s of CPU, another variable of its objective runs every time: in the "
            "thorough profile",
        ),
    )
    for c in GRADIENTS
]


@pytest.mark.parametrize("case", _HESSIANS)
def test_every_gradient_objective_has_a_hessian(case):
    """The Hessian of every objective the gradient cases use, against jax.hessian of the same
    hand-written function. With respect to an m x n matrix X it is the mn x mn matrix of the vec
    convention: entry (i + j m, k + l m) is d^2 f / dX_ij dX_kl (0-based here)."""
    table = parse_symbols(case.symbols)
    expr = case.expr(table) if callable(case.expr) else case.expr
    d = second_derivation(expr, case.wrt, table)
    assert d.checked.startswith("agrees with"), d.checked
    assert not d.result.has(sympy.DiracDelta)
    got = derived_numbers(d, case, table)
    want = np.asarray(
        hess(case.oracle.function, case.oracle.argnum)(*[value_of(case, a) for a in case.args])
    )
    if isinstance(d.wrt, sympy.MatrixSymbol) and d.wrt.shape[1] != 1:
        m, n = want.shape[:2]
        flat = np.empty((m * n, m * n))
        for i, j, k, l_ in itertools.product(range(m), range(n), range(m), range(n)):
            flat[i + j * m, k + l_ * m] = want[i, j, k, l_]
        want = flat
        np.testing.assert_allclose(got, got.T, rtol=1e-9, atol=1e-12)  # a Hessian is symmetric
    if got.size == 1 and want.size > 1:  # 0 for every pair of entries
        got = np.broadcast_to(got, want.shape)
    assert got.size == want.size, (got.shape, want.shape)
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-8, atol=1e-10)
    assert_reads_back(d, case, table, np.asarray(got))


def test_affine_coupling_log_det_gradient_is_ones():
    """log|det diag(e^{s})| = sum_i s_i: the gradient is the all-ones vector."""
    for latex in (
        r"\log|\det \operatorname{diag}(e^{s})|",
        r"\log \det \operatorname{diag}(e^{s})",
    ):
        r = dx.grad(latex, "s", "s: vector[n]")
        n = parse_symbols("n: dim").dim("n")
        assert r == sympy.OneMatrix(n, 1)


def test_jacobian_of_an_elementwise_map_of_an_affine_map_is_diag_times_w():
    table = parse_symbols("W: matrix[m, n]; x: vector[n]; b: vector[m]")
    J = dx.jacobian(r"\tanh(W x + b)", "x", table)
    W = table.matrix("W")
    assert (
        isinstance(J, sympy.MatMul) and J.args[-1] == W and isinstance(J.args[0], sympy.DiagMatrix)
    )
    Jb = dx.jacobian(r"\tanh(W x + b)", "b", table)
    assert isinstance(Jb, sympy.DiagMatrix)
    two = parse_symbols(
        "W_1: matrix[h, n]; W_2: matrix[m, h]; x: vector[n]; b_1: vector[h]; b_2: vector[m]"
    )
    J2 = dx.jacobian(r"\sigma(W_2 \tanh(W_1 x + b_1) + b_2)", "x", two)
    diags = [a for a in J2.args if isinstance(a, sympy.DiagMatrix)]
    assert len(diags) == 2 and J2.args[-1] == two.matrix("W_1")
    f = dx.compile(J2, symbols=two)
    vals = {"W_{1}": V["Wsq"], "W_{2}": V["W"], "x": V["x"], "b_{1}": V["y"], "b_{2}": V["a"]}
    got = f(*[vals[a.key] for a in f.arguments])
    want = jax.jacfwd(lambda x: jax.nn.sigmoid(V["W"] @ jnp.tanh(V["Wsq"] @ x + V["y"]) + V["a"]))(
        V["x"]
    )
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_an_entry_matrix_calculus_cannot_take_is_refused_without_internal_names():
    table = parse_symbols(r"\beta: vector[n]")
    expr = dx.parse(r"\|\beta\|_1", table)
    # a sum over the entries that is no function of whole columns: sum_i beta_i beta_{n-1-i}
    ((i, lo, hi),) = expr.limits
    entry = next(iter(expr.atoms(sympy.matrices.expressions.matexpr.MatrixElement)))
    odd = sympy.Sum(entry * entry.parent[hi - i, 0], (i, lo, hi))
    with pytest.raises(DerivationError, match=r"an entry of `\\beta` .* index notation") as info:
        dx.grad(odd, r"\beta", table)
    assert "[_" not in str(info.value) and r"\beta[" not in str(info.value)


@pytest.mark.parametrize(
    "latex, wrt, symbols",
    [
        (r"\frac{1}{n}\sum_{i=1}^{n} x_i^2", "n", "x: vector[n]; i: index"),
        (r"\sum_{i=1}^{n} x_i^2", "i", "x: vector[n]; i: index"),
    ],
)
def test_an_integer_has_no_derivative(latex, wrt, symbols):
    with pytest.raises(DerivationError, match=f"`{wrt}` is an integer"):
        dx.grad(latex, wrt, symbols)


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("a", [2.5, -0.7, 0.0])
def test_the_determinant_lemma_for_a_scaled_identity_at_every_size(n, a):
    # det(a I + u v^T) = a^(n-1) (a + v^T u); a = 0 and n = 1 are its corners (0^0 = 1)
    from derivax._derive._rewrites import determinant_lemma

    k = sympy.Symbol("n", integer=True, positive=True)
    s = sympy.Symbol("a", real=True)
    u, v = sympy.MatrixSymbol("u", k, 1), sympy.MatrixSymbol("v", k, 1)
    rewritten = determinant_lemma(sympy.Determinant(s * sympy.Identity(k) + u * v.T))
    assert not rewritten.has(sympy.Determinant)
    uu, vv = RNG.normal(size=(n, 1)), RNG.normal(size=(n, 1))
    un, vn = sympy.MatrixSymbol("u", n, 1), sympy.MatrixSymbol("v", n, 1)  # after k -> n
    value = (
        rewritten.subs(k, n).subs({s: a}).subs({un: sympy.Matrix(uu), vn: sympy.Matrix(vv)}).doit()
    )
    want = np.linalg.det(a * np.eye(n) + uu @ vv.T)
    assert float(value) == pytest.approx(want, abs=1e-12)


def test_absolute_values_of_matrix_differences_read_evaluate_and_render():
    # SymPy's Abs cannot be built of |w^T (z - c)|: derivax keeps it unevaluated, same function
    S = "w, z, c: vector[n]"
    e = dx.parse(r"|w^\top (z - c)|", S)
    assert isinstance(e, sympy.Abs) and dx.to_latex(e) == r"\left|w^\top \left(z - c\right)\right|"
    value = dx.evaluate(r"|w^\top (z - c)|", {"w": [1.0, 2.0], "z": [0.5, 0.0], "c": [1.0, 1.0]}, S)
    assert float(value) == pytest.approx(abs(1 * -0.5 + 2 * -1.0))


@pytest.mark.parametrize("case", _SECOND_ORDER)
def test_every_gradient_objective_has_a_jacobian(case):
    """``dx.jacobian`` of every objective the gradient cases use: for a scalar objective it is
    the gradient (shaped like the variable, as derivax's gradients are), against the same
    independent jax.grad oracle."""
    from types import SimpleNamespace

    table = parse_symbols(case.symbols)
    expr = case.expr(table) if callable(case.expr) else case.expr
    J = dx.jacobian(expr, case.wrt, table)
    d = gradient(case, table)  # for its output indices and variable
    got = derived_numbers(
        SimpleNamespace(result=J, output_indices=d.output_indices, wrt=d.wrt), case, table
    )
    want = np.asarray(case.oracle(*[value_of(case, a) for a in case.args]))
    assert got.size == want.size, (got.shape, want.shape)
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=1e-8, atol=1e-10)
