"""LaTeX from papers and textbooks outside derivax's catalog, each evaluated by derivax and compared
with NumPy (or SciPy) written independently from the paper's definition.

Each group names its source. The strings are written the way the source writes them (bold and
Greek vectors, \\left( \\right), \\top, \\odot, norms, subscripted Greek letters); where the source's
own wording is not readable by any LaTeX reader (prose, ellipses, slices), the row is a faithful
transcription of the same formula and says so. Rows that derivax reads to a different value, and
valid notation it refuses, are not here: they are listed, with the inputs and both values, in
MISREADINGS.md at the root of the worktree that produced this file.

Float64 throughout (conftest.py turns on JAX's x64 mode). No expected value is computed by derivax.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
import scipy.special
from numpy.testing import assert_allclose

import derivax as dx

a_ = np.asarray


def _sig(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def _softmax_rows(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _spd(n, seed, shift=0.5):
    r = np.random.default_rng(seed).normal(size=(n, n))
    return (r @ r.T + shift * np.eye(n)).tolist()


def C(latex, symbols, values, expected, id=None):
    """One row: ``latex`` evaluated at ``values`` must equal ``expected(values)``."""
    return pytest.param(latex, symbols, values, expected, id=id or latex)


X3 = [0.5, -1.25, 2.0]
Y3 = [1.5, 0.75, -0.5]
Z3 = [0.3, 0.9, -0.4]
V3 = [0.04, 0.25, 1.44]  # second moments: positive
P3 = [0.2, 0.3, 0.5]  # probability vectors
Q3 = [0.1, 0.6, 0.3]
S2A = [[2.0, 0.5], [0.5, 1.0]]
S2B = [[1.5, -0.3], [-0.3, 0.8]]
S3A = _spd(3, 1)
S3B = _spd(3, 2, 0.2)
K4 = _spd(4, 3)
Y4 = [0.3, -1.1, 0.8, 2.0]
KS4 = [0.9, 0.1, -0.4, 0.5]
W23 = [[0.2, -0.1, 0.4], [0.05, 0.3, -0.2]]

CASES = [
    # == optimizers ==============================================================================
    # Kingma & Ba 2015, "Adam", Algorithm 1 and Section 2
    C(
        r"m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t",
        None,
        {"beta_1": 0.9, "m_t_minus_1": 0.2, "g_t": 1.5},
        lambda v: 0.9 * 0.2 + 0.1 * 1.5,
    ),
    C(
        r"m_t = \beta_1 \cdot m_{t-1} + (1 - \beta_1) \cdot g_t",
        "m_{t-1}, g_t: vector[n]",
        {"beta_1": 0.9, "m_{t-1}": X3, "g_t": Y3},
        lambda v: 0.9 * a_(X3) + 0.1 * a_(Y3),
    ),
    C(
        r"v_t = \beta_2 \cdot v_{t-1} + (1 - \beta_2) \cdot g_t^2",
        "v_{t-1}, g_t: vector[n]",
        {"beta_2": 0.999, "v_{t-1}": V3, "g_t": Y3},
        lambda v: 0.999 * a_(V3) + 0.001 * a_(Y3) ** 2,
    ),
    C(
        r"v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t \odot g_t",
        "v_{t-1}, g_t: vector[n]",
        {"beta_2": 0.99, "v_{t-1}": V3, "g_t": X3},
        lambda v: 0.99 * a_(V3) + 0.01 * a_(X3) ** 2,
    ),
    C(
        r"\widehat{m}_t = m_t / (1 - \beta_1^t)",
        "m_t: vector[n]",
        {"m_t": X3, "beta_1": 0.9, "t": 3},
        lambda v: a_(X3) / (1 - 0.9**3),
    ),
    C(
        r"\hat{v}_t = \frac{v_t}{1 - \beta_2^t}",
        "v_t: vector[n]",
        {"v_t": V3, "beta_2": 0.999, "t": 10},
        lambda v: a_(V3) / (1 - 0.999**10),
    ),
    C(
        r"\theta_t = \theta_{t-1} - \alpha \cdot \widehat{m}_t / (\sqrt{\widehat{v}_t} + \epsilon)",
        r"\theta_{t-1}, \widehat{m}_t, \widehat{v}_t: vector[n]",
        {
            r"\theta_{t-1}": X3,
            r"\widehat{m}_t": Y3,
            r"\widehat{v}_t": V3,
            "alpha": 0.001,
            "epsilon": 1e-8,
        },
        lambda v: a_(X3) - 0.001 * a_(Y3) / (np.sqrt(V3) + 1e-8),
    ),
    C(
        r"\theta_t = \theta_{t-1} - \frac{\alpha \hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}",
        r"\theta_{t-1}, \hat{m}_t, \hat{v}_t: vector[n]",
        {"theta_t_minus_1": X3, "m_hat_t": Y3, "v_hat_t": V3, "alpha": 0.01, "epsilon": 1e-8},
        lambda v: a_(X3) - 0.01 * a_(Y3) / (np.sqrt(V3) + 1e-8),
    ),
    C(
        r"\alpha_t = \alpha \cdot \sqrt{1 - \beta_2^t} / (1 - \beta_1^t)",
        None,
        {"alpha": 0.001, "beta_1": 0.9, "beta_2": 0.999, "t": 5},
        lambda v: 0.001 * math.sqrt(1 - 0.999**5) / (1 - 0.9**5),
    ),
    C(
        r"\theta_t = \theta_{t-1} - \alpha_t \cdot m_t / (\sqrt{v_t} + \hat{\epsilon})",
        r"\theta_{t-1}, m_t, v_t: vector[n]",
        {"theta_t_minus_1": X3, "m_t": Y3, "v_t": V3, "alpha_t": 0.05, "epsilon_hat": 1e-7},
        lambda v: a_(X3) - 0.05 * a_(Y3) / (np.sqrt(V3) + 1e-7),
    ),
    C(
        r"v_t = (1 - \beta_2) \sum_{i=1}^{t} \beta_2^{t - i} \cdot g_i^2",
        "g: vector[t]; t: dim",
        {"g": [0.5, -1.0, 2.0, 0.25], "beta_2": 0.9},
        lambda v: 0.1 * sum(0.9 ** (4 - i) * g**2 for i, g in enumerate([0.5, -1.0, 2.0, 0.25], 1)),
    ),
    C(
        r"u_t = \max(\beta_2 \cdot u_{t-1}, |g_t|)",
        None,
        {"beta_2": 0.999, "u_t_minus_1": 0.5, "g_t": -0.75},
        lambda v: 0.75,
    ),
    C(
        r"u_t = \max(\beta_2 \cdot u_{t-1}, |g_t|)",
        None,
        {"beta_2": 0.9, "u_t_minus_1": 2.0, "g_t": -0.75},
        lambda v: 1.8,
        id="adamax u_t decay wins",
    ),
    C(
        r"\theta_t = \theta_{t-1} - (\alpha / (1 - \beta_1^t)) \cdot m_t / u_t",
        r"\theta_{t-1}, m_t, u_t: vector[n]",
        {
            "theta_t_minus_1": X3,
            "m_t": Y3,
            "u_t": [0.5, 1.0, 2.0],
            "alpha": 0.002,
            "beta_1": 0.9,
            "t": 2,
        },
        lambda v: a_(X3) - (0.002 / (1 - 0.81)) * a_(Y3) / a_([0.5, 1.0, 2.0]),
    ),
    # Loshchilov & Hutter 2019, "Decoupled weight decay regularization" (AdamW, SGDW), Algorithms 1-2
    C(
        r"\theta_t = \theta_{t-1} - \eta_t \left( \alpha \hat{m}_t / \left( \sqrt{\hat{v}_t} + \epsilon \right)"
        r" + \lambda \theta_{t-1} \right)",
        r"\theta_{t-1}, \hat{m}_t, \hat{v}_t: vector[n]",
        {
            "theta_t_minus_1": X3,
            "m_hat_t": Y3,
            "v_hat_t": V3,
            "eta_t": 0.5,
            "alpha": 0.001,
            "epsilon": 1e-8,
            "lambda": 0.01,
        },
        lambda v: a_(X3) - 0.5 * (0.001 * a_(Y3) / (np.sqrt(V3) + 1e-8) + 0.01 * a_(X3)),
    ),
    C(
        r"m_t = \beta_1 m_{t-1} + \eta_t \alpha g_t",
        "m_{t-1}, g_t: vector[n]",
        {"m_t_minus_1": X3, "g_t": Y3, "beta_1": 0.9, "eta_t": 1.0, "alpha": 0.1},
        lambda v: 0.9 * a_(X3) + 0.1 * a_(Y3),
    ),
    C(
        r"\theta_t = \theta_{t-1} - m_t - \eta_t \lambda \theta_{t-1}",
        r"\theta_{t-1}, m_t: vector[n]",
        {"theta_t_minus_1": X3, "m_t": Y3, "eta_t": 1.0, "lambda": 0.05},
        lambda v: a_(X3) - a_(Y3) - 0.05 * a_(X3),
    ),
    C(
        r"g_t = \nabla_\theta f_t(\theta_{t-1}) + \lambda \theta_{t-1}",
        r"\theta_{t-1}: vector[n]; f_t: function",
        {r"\nabla_\theta f_t(\theta_{t-1})": Y3, "theta_t_minus_1": X3, "lambda": 0.1},
        lambda v: a_(Y3) + 0.1 * a_(X3),
    ),
    # Loshchilov & Hutter 2017, "SGDR", eq. 5 (the restart index i dropped from the superscripts)
    C(
        r"\eta_t = \eta_{min} + \frac{1}{2}(\eta_{max} - \eta_{min})\left(1 + \cos\left(\frac{T_{cur}}{T_i}\pi\right)\right)",
        None,
        {"eta_min": 0.001, "eta_max": 0.1, "T_cur": 3.0, "T_i": 10.0},
        lambda v: 0.001 + 0.5 * 0.099 * (1 + math.cos(0.3 * math.pi)),
    ),
    # Duchi, Hazan & Singer 2011 (AdaGrad), in the per-coordinate form of Ruder 2016, eqs. 5-8
    C(
        r"\theta_{t+1, i} = \theta_{t, i} - \frac{\eta}{\sqrt{G_{t, ii} + \epsilon}} \cdot g_{t, i}",
        None,
        {r"\theta_{t, i}": 1.0, r"G_{t, ii}": 4.0, r"g_{t, i}": 0.5, "eta": 0.1, "epsilon": 1e-8},
        lambda v: 1.0 - 0.1 / math.sqrt(4.0 + 1e-8) * 0.5,
    ),
    C(
        r"\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{G_t + \epsilon}} \odot g_t",
        r"\theta_t, G_t, g_t: vector[n]",
        {"theta_t": X3, "G_t": V3, "g_t": Y3, "eta": 0.1, "epsilon": 1e-8},
        lambda v: a_(X3) - 0.1 / np.sqrt(a_(V3) + 1e-8) * a_(Y3),
    ),
    C(
        r"G_t = \sum_{\tau=1}^{t} g_\tau^2",
        "g: vector[t]; t: dim",
        {"g": X3},
        lambda v: float(np.sum(a_(X3) ** 2)),
    ),
    # Ruder 2016, "An overview of gradient descent optimization algorithms": RMSprop and Adadelta
    # with the running averages named (E[g^2]_t is in MISREADINGS.md)
    C(
        r"v_t = \rho v_{t-1} + (1 - \rho) g_t^2",
        "v_{t-1}, g_t: vector[n]",
        {"rho": 0.9, "v_{t-1}": V3, "g_t": X3},
        lambda v: 0.9 * a_(V3) + 0.1 * a_(X3) ** 2,
    ),
    C(
        r"\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{v_t + \epsilon}} \odot g_t",
        r"\theta_t, v_t, g_t: vector[n]",
        {"theta_t": X3, "v_t": V3, "g_t": Y3, "eta": 0.001, "epsilon": 1e-8},
        lambda v: a_(X3) - 0.001 / np.sqrt(a_(V3) + 1e-8) * a_(Y3),
    ),
    C(
        r"\Delta \theta_t = -\frac{\sqrt{s_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}} g_t",
        None,
        {"s_t_minus_1": 0.04, "v_t": 0.25, "g_t": 0.5, "epsilon": 1e-6},
        lambda v: -math.sqrt(0.04 + 1e-6) / math.sqrt(0.25 + 1e-6) * 0.5,
    ),
    C(
        r"s_t = \rho s_{t-1} + (1 - \rho) \Delta \theta_t^2",
        None,
        {"rho": 0.95, "s_t_minus_1": 0.1, "Delta_theta_t": 0.3},
        lambda v: 0.95 * 0.1 + 0.05 * 0.09,
        id="adadelta: Delta theta_t^2 is the square of the increment Delta theta_t",
    ),
    # Sutskever et al. 2013, "On the importance of initialization and momentum", eqs. 3-4 (Nesterov)
    C(
        r"v_{t+1} = \mu v_t - \varepsilon \nabla_\theta f(\theta_t + \mu v_t)",
        r"v_t, \theta_t: vector[n]; f: function",
        {"v_t": X3, "mu": 0.9, "varepsilon": 0.1, r"\nabla_\theta f(\theta_t + \mu v_t)": Z3},
        lambda v: 0.9 * a_(X3) - 0.1 * a_(Z3),
    ),
    C(
        r"\theta_{t+1} = \theta_t + v_{t+1}",
        r"\theta_t, v_{t+1}: vector[n]",
        {"theta_t": X3, "v_t_plus_1": Y3},
        lambda v: a_(X3) + a_(Y3),
    ),
    C(
        r"v_t = \gamma v_{t-1} + \eta \nabla_\theta J(\theta - \gamma v_{t-1})",
        r"v_{t-1}, \theta: vector[n]; J: function",
        {
            "v_t_minus_1": X3,
            "gamma": 0.9,
            "eta": 0.01,
            r"\nabla_\theta J(\theta - \gamma v_{t-1})": Z3,
        },
        lambda v: 0.9 * a_(X3) + 0.01 * a_(Z3),
    ),
    # Polyak 1964, heavy ball
    C(
        r"\theta_{t+1} = \theta_t - \alpha \nabla_\theta f(\theta_t) + \beta (\theta_t - \theta_{t-1})",
        r"\theta_t, \theta_{t-1}: vector[n]; f: function",
        {
            "theta_t": X3,
            "theta_t_minus_1": Y3,
            "alpha": 0.1,
            "beta": 0.9,
            r"\nabla_\theta f(\theta_t)": Z3,
        },
        lambda v: a_(X3) - 0.1 * a_(Z3) + 0.9 * (a_(X3) - a_(Y3)),
    ),
    # Chen et al. 2023, "Symbolic discovery of optimization algorithms" (Lion), Algorithm 2
    C(
        r"c_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t",
        "m_{t-1}, g_t: vector[n]",
        {"m_t_minus_1": X3, "g_t": Y3, "beta_1": 0.9},
        lambda v: 0.9 * a_(X3) + 0.1 * a_(Y3),
    ),
    C(
        r"\theta_t = \theta_{t-1} - \eta_t (\operatorname{sign}(c_t) + \lambda \theta_{t-1})",
        r"\theta_{t-1}, c_t: vector[n]",
        {"theta_t_minus_1": X3, "c_t": [0.5, -0.2, 0.0], "eta_t": 1e-4, "lambda": 0.1},
        lambda v: a_(X3) - 1e-4 * (np.sign([0.5, -0.2, 0.0]) + 0.1 * a_(X3)),
    ),
    C(
        r"m_t = \beta_2 m_{t-1} + (1 - \beta_2) g_t",
        "m_{t-1}, g_t: vector[n]",
        {"m_t_minus_1": X3, "g_t": Y3, "beta_2": 0.99},
        lambda v: 0.99 * a_(X3) + 0.01 * a_(Y3),
    ),
    C(r"\operatorname{sgn}(x) + \mathrm{sign}(y)", None, {"x": -0.3, "y": 2.0}, lambda v: 0.0),
    C(
        r"\text{sign}(\beta_1 m + (1 - \beta_1) g)",
        "m, g: vector[n]",
        {"m": X3, "g": Y3, "beta_1": 0.9},
        lambda v: np.sign(0.9 * a_(X3) + 0.1 * a_(Y3)),
    ),
    # You et al. 2020, "Large batch optimization for deep learning" (LAMB), Algorithm 2 (phi = identity)
    C(
        r"r_t = \frac{m_t}{\sqrt{v_t} + \epsilon}",
        "m_t, v_t: vector[n]",
        {"m_t": X3, "v_t": V3, "epsilon": 1e-6},
        lambda v: a_(X3) / (np.sqrt(V3) + 1e-6),
    ),
    C(
        r"x_{t+1} = x_t - \eta_t \frac{\|x_t\|}{\|r_t + \lambda x_t\|} (r_t + \lambda x_t)",
        "x_t, r_t: vector[n]",
        {"x_t": X3, "r_t": Y3, "eta_t": 0.01, "lambda": 0.01},
        lambda v: (
            a_(X3)
            - 0.01
            * np.linalg.norm(X3)
            / np.linalg.norm(a_(Y3) + 0.01 * a_(X3))
            * (a_(Y3) + 0.01 * a_(X3))
        ),
    ),
    # You, Gitman & Ginsburg 2017 (LARS), local learning rate
    # Pascanu, Mikolov & Bengio 2013, gradient norm clipping, Algorithm 1
    C(
        r"\hat{g} = \frac{threshold}{\|\hat{g}\|} \hat{g}",
        r"threshold: scalar; \hat{g}: vector[n]",
        {"threshold": 1.0, "g_hat": X3},
        lambda v: a_(X3) / np.linalg.norm(X3),
    ),
    C(
        r"\min\left(1, \frac{c}{\|g\|_2}\right) g",
        "g: vector[n]",
        {"c": 1.0, "g": X3},
        lambda v: min(1.0, 1.0 / np.linalg.norm(X3)) * a_(X3),
    ),
    # Nocedal & Wright 2006, Newton step (eq. 2.15) with the Hessian given
    C(
        r"x_{k+1} = x_k - H_k^{-1} g_k",
        r"x_k, g_k: vector[n]; H_k: spd[n]",
        {"x_k": X3, "g_k": Y3, "H_k": S3A},
        lambda v: a_(X3) - np.linalg.solve(S3A, Y3),
    ),
    # Vaswani et al. 2017, Section 5.3, the warm-up schedule (names declared)
    # Polyak & Juditsky 1992 / exponential moving average of the weights
    C(
        r"\bar{\theta}_t = \alpha \bar{\theta}_{t-1} + (1 - \alpha) \theta_t",
        None,
        {"theta_bar_t_minus_1": 0.5, "theta_t": 1.5, "alpha": 0.99},
        lambda v: 0.99 * 0.5 + 0.01 * 1.5,
    ),
    # Goyal et al. 2017, linear warm-up; step decay with a floor
    C(
        r"\eta \cdot \min\left(1, \frac{t}{T_{warm}}\right)",
        None,
        {"eta": 0.1, "t": 50.0, "T_warm": 200.0},
        lambda v: 0.025,
    ),
    C(
        r"\eta_0 \gamma^{\lfloor t / s \rfloor}",
        None,
        {"eta_0": 0.1, "gamma": 0.5, "t": 25.0, "s": 10.0},
        lambda v: 0.1 * 0.25,
    ),
    C(
        r"\eta_t = \eta_0 e^{-k t}",
        None,
        {"eta_0": 0.1, "k": 0.01, "t": 30.0},
        lambda v: 0.1 * math.exp(-0.3),
    ),
    C(
        r"\eta_t = \frac{\eta_0}{\sqrt{1 + t / \tau}}",
        None,
        {"eta_0": 0.1, "t": 30.0, "tau": 10.0},
        lambda v: 0.05,
    ),
    # == Gaussian processes =======================================================================
    # Rasmussen & Williams 2006, "Gaussian Processes for Machine Learning" (R&W), eq. 2.31 and ch. 4
    C(
        r"k(x_p, x_q) = \sigma_f^2 \exp\left(-\frac{1}{2\ell^2}(x_p - x_q)^2\right)",
        "k: function",
        {"sigma_f": 1.5, "ell": 0.7, "x_p": 0.3, "x_q": -0.4},
        lambda v: 2.25 * math.exp(-0.49 / (2 * 0.49)),
    ),
    C(
        r"\sigma_f^2 \exp\left(-\frac{1}{2\ell^2}(x_p - x_q)^2\right) + \sigma_n^2 \delta_{pq}",
        None,
        {"sigma_f": 1.5, "ell": 0.7, "x_p": 0.3, "x_q": 0.3, "sigma_n": 0.1, "delta_pq": 1.0},
        lambda v: 2.25 + 0.01,
    ),
    C(
        r"k(\mathbf{x}, \mathbf{x}') = \sigma^2 \exp\left(-\frac{\|\mathbf{x} - \mathbf{x}'\|^2}{2\ell^2}\right)",
        "x, x': vector[n]; k: function",
        {"x": X3, "x'": Y3, "sigma": 1.3, "ell": 2.0},
        lambda v: 1.69 * math.exp(-np.sum((a_(X3) - a_(Y3)) ** 2) / 8),
    ),
    C(
        r"\exp\left(-\frac{1}{2}(\mathbf{x} - \mathbf{x}')^\top M (\mathbf{x} - \mathbf{x}')\right)",
        "x, x': vector[n]; M: spd[n]",
        {"x": X3, "x'": Y3, "M": S3A},
        lambda v: math.exp(-0.5 * (a_(X3) - a_(Y3)) @ a_(S3A) @ (a_(X3) - a_(Y3))),
    ),
    C(
        r"\sigma_f^2 \exp\left(-\frac{1}{2} \sum_{d=1}^{D} \frac{(x_d - x'_d)^2}{\ell_d^2}\right)",
        "x, x', ell: vector[D]; D: dim",
        {"x": X3, "x'": Y3, "ell": [0.5, 1.0, 2.0], "sigma_f": 0.8},
        lambda v: 0.64 * math.exp(-0.5 * np.sum((a_(X3) - a_(Y3)) ** 2 / a_([0.5, 1.0, 2.0]) ** 2)),
    ),
    C(
        r"k_{\nu=3/2}(r) = \left(1 + \frac{\sqrt{3} r}{\ell}\right) \exp\left(-\frac{\sqrt{3} r}{\ell}\right)",
        None,
        {"r": 0.8, "ell": 1.5},
        lambda v: (1 + math.sqrt(3) * 0.8 / 1.5) * math.exp(-math.sqrt(3) * 0.8 / 1.5),
    ),
    C(
        r"\left(1 + \frac{\sqrt{3} r}{\ell}\right) \exp\left(-\frac{\sqrt{3} r}{\ell}\right)",
        None,
        {"r": 0.8, "ell": 1.5},
        lambda v: (1 + math.sqrt(3) * 0.8 / 1.5) * math.exp(-math.sqrt(3) * 0.8 / 1.5),
    ),
    C(
        r"k_{\nu=5/2}(r) = \left(1 + \frac{\sqrt{5} r}{\ell} + \frac{5 r^2}{3 \ell^2}\right)"
        r" \exp\left(-\frac{\sqrt{5} r}{\ell}\right)",
        None,
        {"r": 0.8, "ell": 1.5},
        lambda v: (
            (1 + math.sqrt(5) * 0.8 / 1.5 + 5 * 0.64 / (3 * 2.25))
            * math.exp(-math.sqrt(5) * 0.8 / 1.5)
        ),
    ),
    C(
        r"k_{\mathrm{OU}}(r) = \exp(-r / \ell)",
        None,
        {"r": 0.8, "ell": 1.5},
        lambda v: math.exp(-0.8 / 1.5),
    ),
    C(
        r"k_{RQ}(r) = \left(1 + \frac{r^2}{2 \alpha \ell^2}\right)^{-\alpha}",
        None,
        {"r": 0.8, "ell": 1.5, "alpha": 2.0},
        lambda v: (1 + 0.64 / (4 * 2.25)) ** -2.0,
    ),
    C(
        r"k(x, x') = \exp\left(-\frac{2 \sin^2\left(\frac{x - x'}{2}\right)}{\ell^2}\right)",
        "k: function",
        {"x": 0.3, "x'": 1.9, "ell": 0.9},
        lambda v: math.exp(-2 * math.sin(-0.8) ** 2 / 0.81),
    ),
    # Duvenaud, "The Kernel Cookbook": periodic, locally periodic, linear
    C(
        r"\sigma^2 \exp\left(-\frac{2 \sin^2(\pi |x - x'| / p)}{\ell^2}\right)",
        None,
        {"sigma": 1.2, "x": 0.3, "x'": 1.9, "p": 3.0, "ell": 0.9},
        lambda v: 1.44 * math.exp(-2 * math.sin(math.pi * 1.6 / 3) ** 2 / 0.81),
    ),
    C(
        r"\sigma^2 \exp\left(-\frac{2 \sin^2(\pi |x - x'| / p)}{\ell^2}\right) \exp\left(-\frac{(x - x')^2}{2 \ell^2}\right)",
        None,
        {"sigma": 1.2, "x": 0.3, "x'": 1.9, "p": 3.0, "ell": 0.9},
        lambda v: (
            1.44 * math.exp(-2 * math.sin(math.pi * 1.6 / 3) ** 2 / 0.81) * math.exp(-2.56 / 1.62)
        ),
    ),
    C(
        r"k_{\textrm{Lin}}(x, x') = \sigma_b^2 + \sigma_v^2 (x - c)(x' - c)",
        r"k_{\textrm{Lin}}: function",
        {"sigma_b": 0.5, "sigma_v": 2.0, "x": 1.0, "x'": -0.5, "c": 0.25},
        lambda v: 0.25 + 4.0 * 0.75 * -0.75,
    ),
    C(
        r"\sigma_0^2 + \mathbf{x}^\top \mathbf{x}'",
        "x, x': vector[n]",
        {"sigma_0": 0.5, "x": X3, "x'": Y3},
        lambda v: 0.25 + a_(X3) @ a_(Y3),
    ),
    # R&W eqs. 2.25-2.26 and Algorithm 2.1
    C(
        r"\bar{f}_* = \mathbf{k}_*^\top (K + \sigma_n^2 I)^{-1} \mathbf{y}",
        "k_*, y: vector[n]; K: spd[n]",
        {"k_*": KS4, "y": Y4, "K": K4, "sigma_n": 0.3},
        lambda v: a_(KS4) @ np.linalg.solve(a_(K4) + 0.09 * np.eye(4), Y4),
    ),
    C(
        r"k_{**} - \mathbf{k}_*^\top (K + \sigma_n^2 I)^{-1} \mathbf{k}_*",
        "k_*: vector[n]; K: spd[n]",
        {"k_{**}": 2.0, "k_*": KS4, "K": K4, "sigma_n": 0.3},
        lambda v: 2.0 - a_(KS4) @ np.linalg.solve(a_(K4) + 0.09 * np.eye(4), KS4),
    ),
    C(
        r"K_{**} - K_*^\top (K + \sigma_n^2 I)^{-1} K_*",
        "K: spd[n]; K_*: matrix[n, m]; K_{**}: matrix[m, m]",
        {"K": K4, "K_*": np.arange(8.0).reshape(4, 2) / 10, "K_{**}": S2A, "sigma_n": 0.3},
        lambda v: (
            a_(S2A)
            - (np.arange(8.0).reshape(4, 2) / 10).T
            @ np.linalg.solve(a_(K4) + 0.09 * np.eye(4), np.arange(8.0).reshape(4, 2) / 10)
        ),
    ),
    C(
        r"\log p(\mathbf{y}|X) = -\frac{1}{2} \mathbf{y}^\top (K + \sigma_n^2 I)^{-1} \mathbf{y}"
        r" - \frac{1}{2} \log |K + \sigma_n^2 I| - \frac{n}{2} \log 2\pi",
        "y: vector[n]; K: spd[n]; n: dim",
        {"y": Y4, "K": K4, "sigma_n": 0.3},
        lambda v: (
            -0.5 * a_(Y4) @ np.linalg.solve(a_(K4) + 0.09 * np.eye(4), Y4)
            - 0.5 * np.linalg.slogdet(a_(K4) + 0.09 * np.eye(4))[1]
            - 2 * math.log(2 * math.pi)
        ),
    ),
    C(
        r"-\frac{1}{2} \mathbf{y}^\top (K + \sigma_n^2 I)^{-1} \mathbf{y} - \frac{1}{2} \log \det(K + \sigma_n^2 I)"
        r" - \frac{n}{2} \log(2\pi)",
        "y: vector[n]; K: spd[n]; n: dim",
        {"y": Y4, "K": K4, "sigma_n": 0.3},
        lambda v: (
            -0.5 * a_(Y4) @ np.linalg.solve(a_(K4) + 0.09 * np.eye(4), Y4)
            - 0.5 * np.linalg.slogdet(a_(K4) + 0.09 * np.eye(4))[1]
            - 2 * math.log(2 * math.pi)
        ),
    ),
    C(
        r"-\frac{1}{2} \mathbf{y}^\top \boldsymbol{\alpha} - \sum_i \log L_{ii} - \frac{n}{2} \log 2\pi",
        "y, alpha: vector[n]; L: matrix[n, n]; i: index; n: dim",
        {"y": Y4, "alpha": KS4, "L": np.linalg.cholesky(K4)},
        lambda v: (
            -0.5 * a_(Y4) @ a_(KS4)
            - np.sum(np.log(np.diag(np.linalg.cholesky(K4))))
            - 2 * math.log(2 * math.pi)
        ),
    ),
    # R&W eq. 5.9, the gradient of the log marginal likelihood with dK/dtheta_j given as D
    C(
        r"\frac{1}{2} \operatorname{tr}\left((\boldsymbol{\alpha} \boldsymbol{\alpha}^\top - K^{-1}) D\right)",
        "alpha: vector[n]; K: spd[n]; D: matrix[n, n]",
        {"alpha": KS4, "K": K4, "D": _spd(4, 9)},
        lambda v: 0.5 * np.trace((np.outer(KS4, KS4) - np.linalg.inv(K4)) @ a_(_spd(4, 9))),
    ),
    # Bishop 2006, "Pattern Recognition and Machine Learning", eqs. 3.53-3.54, 3.59 (\mathrm{T} transposes)
    C(
        r"\beta \left(\alpha \mathbf{I} + \beta \boldsymbol{\Phi}^{\mathrm{T}} \boldsymbol{\Phi}\right)^{-1}"
        r" \boldsymbol{\Phi}^{\mathrm{T}} \mathbf{t}",
        "Phi: matrix[N, M]; t: vector[N]",
        {"Phi": np.arange(8.0).reshape(4, 2) / 4 - 0.5, "t": Y4, "alpha": 0.5, "beta": 2.0},
        lambda v: (
            2.0
            * np.linalg.solve(0.5 * np.eye(2) + 2.0 * v["Phi"].T @ v["Phi"], v["Phi"].T @ a_(Y4))
        ),
    ),
    C(
        r"\mathbf{S}_N^{-1} = \mathbf{S}_0^{-1} + \beta \boldsymbol{\Phi}^{\mathrm{T}} \boldsymbol{\Phi}",
        "S_0: spd[M]; Phi: matrix[N, M]",
        {"S_0": S2A, "Phi": np.arange(8.0).reshape(4, 2) / 4 - 0.5, "beta": 2.0},
        lambda v: np.linalg.inv(S2A) + 2.0 * v["Phi"].T @ v["Phi"],
    ),
    C(
        r"\sigma_N^2(\mathbf{x}) = \frac{1}{\beta} + \boldsymbol{\phi}^{\mathrm{T}} \mathbf{S}_N \boldsymbol{\phi}",
        "phi: vector[M]; S_N: spd[M]",
        {"phi": [0.5, -1.0], "S_N": S2A, "beta": 4.0},
        lambda v: 0.25 + a_([0.5, -1.0]) @ a_(S2A) @ a_([0.5, -1.0]),
    ),
    # Williams & Seeger 2001, the Nystrom approximation
    C(
        r"K_{nm} K_{mm}^{-1} K_{mn}",
        "K_{nm}: matrix[n, m]; K_{mm}: spd[m]; K_{mn}: matrix[m, n]",
        {
            "K_nm": np.arange(8.0).reshape(4, 2) / 10,
            "K_mm": S2A,
            "K_mn": (np.arange(8.0).reshape(4, 2) / 10).T,
        },
        lambda v: v["K_nm"] @ np.linalg.solve(S2A, v["K_mn"]),
    ),
    # Srinivas et al. 2010 (GP-UCB) and Jones et al. 1998 (expected improvement), sigma a standard deviation
    C(
        r"\mu_{t-1}(x) + \beta_t^{1/2} \sigma_{t-1}(x)",
        r"\mu_{t-1}, \sigma_{t-1}: function",
        {r"\mu_{t-1}(x)": 0.4, r"\sigma_{t-1}(x)": 0.3, "beta_t": 4.0},
        lambda v: 0.4 + 2 * 0.3,
    ),
    C(r"\mu + \kappa \sigma", None, {"mu": 0.4, "kappa": 2.0, "sigma": 0.3}, lambda v: 1.0),
    # == reinforcement learning ==================================================================
    # Sutton & Barto 2018, "Reinforcement Learning: An Introduction" (2nd ed.), eqs. 6.2, 6.5, 6.8
    C(
        r"V(S_t) + \alpha\left[R_{t+1} + \gamma V(S_{t+1}) - V(S_t)\right]",
        "V: function",
        {"V(S_t)": 0.5, "V(S_{t+1})": 1.0, "R_{t+1}": 0.2, "alpha": 0.1, "gamma": 0.9},
        lambda v: 0.5 + 0.1 * (0.2 + 0.9 - 0.5),
    ),
    C(
        r"\delta_t \doteq R_{t+1} + \gamma V(S_{t+1}) - V(S_t)",
        "V: function",
        {"V(S_t)": 0.5, "V(S_{t+1})": 1.0, "R_{t+1}": 0.2, "gamma": 0.9},
        lambda v: 0.2 + 0.9 - 0.5,
    ),
    C(
        r"\delta_t = r_t + \gamma V(s_{t+1}) - V(s_t)",
        "V: function",
        {"V(s_t)": 0.5, "V(s_{t+1})": 1.0, "r_t": 0.2, "gamma": 0.99},
        lambda v: 0.2 + 0.99 - 0.5,
    ),
    C(
        r"Q(S_t, A_t) + \alpha\left[R_{t+1} + \gamma Q(S_{t+1}, A_{t+1}) - Q(S_t, A_t)\right]",
        "Q: function",
        {
            "Q(S_t, A_t)": 0.5,
            "Q(S_{t+1}, A_{t+1})": 0.8,
            "R_{t+1}": -1.0,
            "alpha": 0.5,
            "gamma": 0.9,
        },
        lambda v: 0.5 + 0.5 * (-1.0 + 0.72 - 0.5),
    ),
    C(
        r"q + \alpha\left(r + \gamma \max_{a} Q_a - q\right)",
        "Q: vector[m]; a: index",
        {"q": 0.5, "Q": [0.1, 0.9, -0.3], "r": 1.0, "alpha": 0.1, "gamma": 0.9},
        lambda v: 0.5 + 0.1 * (1.0 + 0.81 - 0.5),
    ),
    C(
        r"R_{t+1} + \gamma \sum_{a} \pi_a Q_a",
        r"\pi: simplex[m]; Q: vector[m]",
        {"pi": P3, "Q": Y3, "R_t_plus_1": 0.5, "gamma": 0.9},
        lambda v: 0.5 + 0.9 * (a_(P3) @ a_(Y3)),
    ),
    # eq. 3.8 and 3.9: returns, finite and as a recursion; eq. 3.10 for a constant reward
    C(
        r"\sum_{t=1}^{T} \gamma^{t-1} r_t",
        "r: vector[T]; T: dim",
        {"r": [1.0, 0.5, -1.0, 2.0], "gamma": 0.9},
        lambda v: 1.0 + 0.9 * 0.5 - 0.81 + 0.729 * 2.0,
    ),
    C(
        r"G_t = R_{t+1} + \gamma G_{t+1}",
        None,
        {"R_t_plus_1": 1.0, "G_t_plus_1": 3.0, "gamma": 0.9},
        lambda v: 3.7,
    ),
    # eq. 7.1, the n-step return for n = 3
    C(
        r"G_{t:t+3} = R_{t+1} + \gamma R_{t+2} + \gamma^2 R_{t+3} + \gamma^3 V(S_{t+3})",
        "V: function",
        {"R_{t+1}": 1.0, "R_{t+2}": 0.5, "R_{t+3}": -1.0, "V(S_{t+3})": 2.0, "gamma": 0.5},
        lambda v: 1.0 + 0.25 - 0.25 + 0.125 * 2.0,
    ),
    C(
        r"(1 - \lambda) \sum_{n=1}^{N-1} \lambda^{n-1} G_n + \lambda^{N-1} G_N",
        "G: vector[N]; N: dim",
        {"G": [1.0, 2.0, 3.0, 4.0], "lambda": 0.8},
        lambda v: 0.2 * (1.0 + 0.8 * 2.0 + 0.64 * 3.0) + 0.512 * 4.0,
    ),
    # Schulman et al. 2016, "High-dimensional continuous control using GAE", eqs. 10-16 (finite horizon)
    C(
        r"\hat{A}_t = \sum_{l=0}^{T-1} (\gamma \lambda)^l \delta_{l+1}",
        r"\delta: vector[T]; T: dim",
        {"delta": [0.5, -0.2, 1.0], "gamma": 0.99, "lambda": 0.95},
        lambda v: 0.5 - 0.2 * 0.9405 + 0.9405**2,
    ),
    C(
        r"\hat{A}_t = \delta_t + \gamma \lambda \hat{A}_{t+1}",
        None,
        {"delta_t": 0.5, "A_hat_t_plus_1": 2.0, "gamma": 0.99, "lambda": 0.95},
        lambda v: 0.5 + 0.9405 * 2.0,
    ),
    C(
        r"\hat{A}_t = \delta_t + (\gamma\lambda)\delta_{t+1} + (\gamma\lambda)^2 \delta_{t+2}",
        None,
        {
            "delta_t": 0.5,
            "delta_t_plus_1": -0.2,
            "delta_t_plus_2": 1.0,
            "gamma": 0.99,
            "lambda": 0.95,
        },
        lambda v: 0.5 - 0.2 * 0.9405 + 0.9405**2,
    ),
    # Schulman et al. 2017, "Proximal policy optimization", eqs. 6-7 (clip written with min and max)
    C(
        r"r_t(\theta) = \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\text{old}}}(a_t \mid s_t)}",
        None,
        {r"\pi_\theta(a_t \mid s_t)": 0.3, r"\pi_{\theta_{\text{old}}}(a_t \mid s_t)": 0.2},
        lambda v: 1.5,
    ),
    C(
        r"\min\left(r \hat{A}, \max(\min(r, 1 + \epsilon), 1 - \epsilon) \hat{A}\right)",
        None,
        {"r": 1.5, "A_hat": 2.0, "epsilon": 0.2},
        lambda v: 2.4,
    ),
    C(
        r"\min\left(r \hat{A}, \max(\min(r, 1 + \epsilon), 1 - \epsilon) \hat{A}\right)",
        None,
        {"r": 0.5, "A_hat": -2.0, "epsilon": 0.2},
        lambda v: -1.6,
        id="ppo clip, negative advantage",
    ),
    C(
        r"\frac{1}{T} \sum_{t=1}^{T} \min\left(r_t \hat{A}_t, \max(1 - \epsilon, \min(r_t, 1 + \epsilon)) \hat{A}_t\right)",
        r"r, \hat{A}: vector[T]; T: dim",
        {"r": [1.5, 0.5, 1.0], "A_hat": [2.0, -2.0, 0.5], "epsilon": 0.2},
        lambda v: np.mean(
            np.minimum(
                a_([1.5, 0.5, 1.0]) * a_([2.0, -2.0, 0.5]),
                np.clip([1.5, 0.5, 1.0], 0.8, 1.2) * a_([2.0, -2.0, 0.5]),
            )
        ),
    ),
    # Haarnoja et al. 2017/2018 (soft Q-learning, SAC eq. 3), discrete actions
    C(
        r"\mathbb{E}_{a \sim \pi}\left[Q_a - \alpha \log \pi_a\right]",
        r"\pi: simplex[m]; Q: vector[m]",
        {"pi": P3, "Q": Y3, "alpha": 0.2},
        lambda v: a_(P3) @ (a_(Y3) - 0.2 * np.log(P3)),
    ),
    C(
        r"V_{soft}(s) = \alpha \log \sum_{a} \exp\left(\frac{1}{\alpha} Q_a\right)",
        "Q: vector[m]",
        {"Q": Y3, "alpha": 0.5},
        lambda v: 0.5 * np.log(np.sum(np.exp(a_(Y3) / 0.5))),
    ),
    C(
        r"\exp\left(\frac{1}{\alpha}(Q_a - V)\right)",
        "Q: vector[m]; a: index",
        {"Q": Y3, "V": 1.0, "alpha": 0.5},
        lambda v: np.exp((a_(Y3) - 1.0) / 0.5),
    ),
    C(
        r"r + \gamma (1 - d) \left(\min(Q_1, Q_2) - \alpha \log \pi_a\right)",
        r"\pi: simplex[m]; a: index",
        {"r": 1.0, "gamma": 0.99, "d": 0.0, "Q_1": 2.0, "Q_2": 1.5, "alpha": 0.2, "pi": P3},
        lambda v: 1.0 + 0.99 * (1.5 - 0.2 * np.log(P3)),
    ),
    C(
        r"-\sum_{a} \pi_a \log \pi_a",
        r"\pi: simplex[m]",
        {"pi": P3},
        lambda v: -np.sum(a_(P3) * np.log(P3)),
    ),
    # Bellman equations in matrix form (Puterman 1994; Sutton & Barto eq. 3.14 for a fixed policy)
    C(
        r"v_\pi = (I - \gamma P_\pi)^{-1} r_\pi",
        r"P_\pi: matrix[n, n]; r_\pi: vector[n]",
        {"P_pi": [[0.5, 0.5, 0.0], [0.1, 0.8, 0.1], [0.0, 0.3, 0.7]], "r_pi": X3, "gamma": 0.9},
        lambda v: np.linalg.solve(np.eye(3) - 0.9 * a_(v["P_pi"]), X3),
    ),
    C(
        r"r + \gamma P v",
        "P: matrix[n, n]; r, v: vector[n]",
        {"P": [[0.5, 0.5, 0.0], [0.1, 0.8, 0.1], [0.0, 0.3, 0.7]], "r": X3, "v": Y3, "gamma": 0.9},
        lambda v: a_(X3) + 0.9 * a_(v["P"]) @ a_(Y3),
    ),
    C(
        r"A(s, a) = Q(s, a) - V(s)",
        "A, Q, V: function",
        {"Q(s, a)": 1.5, "V(s)": 1.0},
        lambda v: 0.5,
    ),
    C(
        r"\left(y_j - Q(\phi_j, a_j; \theta)\right)^2",
        None,
        {"y_j": 1.0, r"Q(\phi_j, a_j; \theta)": 0.4},
        lambda v: 0.36,
    ),
    C(
        r"\prod_{k=1}^{T} \frac{\pi_k}{b_k}",
        "pi, b: vector[T]; T: dim",
        {"pi": [0.5, 0.2], "b": [0.25, 0.4]},
        lambda v: 2.0 * 0.5,
    ),
    # Auer et al. 2002 (UCB1), Sutton & Barto eqs. 2.3, 2.6, 2.10, 2.11
    C(
        r"Q_t(a) + c \sqrt{\frac{\ln t}{N_t(a)}}",
        "Q_t, N_t: function",
        {"Q_t(a)": 0.5, "N_t(a)": 4.0, "c": 2.0, "t": 100.0},
        lambda v: 0.5 + 2 * math.sqrt(math.log(100) / 4),
    ),
    C(
        r"Q_{n+1} = Q_n + \frac{1}{n}\left[R_n - Q_n\right]",
        None,
        {"Q_n": 0.5, "R_n": 2.0, "n": 4.0},
        lambda v: 0.875,
    ),
    C(
        r"(1 - \alpha)^n Q_1 + \sum_{i=1}^{n} \alpha (1 - \alpha)^{n-i} R_i",
        "R: vector[n]; n: dim",
        {"R": [1.0, 2.0, 0.5], "Q_1": 0.0, "alpha": 0.1},
        lambda v: sum(0.1 * 0.9 ** (3 - i) * r for i, r in enumerate([1.0, 2.0, 0.5], 1)),
    ),
    C(
        r"\frac{e^{H_a}}{\sum_{b=1}^{k} e^{H_b}}",
        "H: vector[k]; a: index",
        {"H": Y3},
        lambda v: np.exp(Y3) / np.sum(np.exp(Y3)),
    ),
    # == generative models =======================================================================
    # Kingma & Welling 2014, "Auto-encoding variational Bayes", Appendix B and eq. 10
    C(
        r"\frac{1}{2} \sum_{j=1}^{J} \left(1 + \log((\sigma_j)^2) - (\mu_j)^2 - (\sigma_j)^2\right)",
        r"\mu, \sigma: vector[J]; J: dim",
        {"mu": X3, "sigma": [0.5, 1.0, 2.0]},
        lambda v: (
            0.5
            * np.sum(1 + np.log(a_([0.5, 1.0, 2.0]) ** 2) - a_(X3) ** 2 - a_([0.5, 1.0, 2.0]) ** 2)
        ),
    ),
    C(
        r"\frac{1}{2} \sum_{j=1}^{J} \left(\mu_j^2 + \sigma_j^2 - \log \sigma_j^2 - 1\right)",
        r"\mu, \sigma: vector[J]; J: dim",
        {"mu": X3, "sigma": [0.5, 1.0, 2.0]},
        lambda v: 0.5 * np.sum(a_(X3) ** 2 + a_([0.25, 1.0, 4.0]) - np.log([0.25, 1.0, 4.0]) - 1),
    ),
    C(
        r"\mathbf{z} = \boldsymbol{\mu} + \boldsymbol{\sigma} \odot \boldsymbol{\epsilon}",
        r"\mu, \sigma, \epsilon: vector[J]",
        {"mu": X3, "sigma": [0.5, 1.0, 2.0], "epsilon": Z3},
        lambda v: a_(X3) + a_([0.5, 1.0, 2.0]) * a_(Z3),
    ),
    C(
        r"-\frac{D}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \|\mathbf{x} - \hat{\mathbf{x}}\|_2^2",
        r"x, \hat{x}: vector[D]; D: dim",
        {"x": X3, "x_hat": Y3, "sigma": 0.5},
        lambda v: -1.5 * math.log(2 * math.pi * 0.25) - 2.0 * np.sum((a_(X3) - a_(Y3)) ** 2),
    ),
    C(
        r"\sum_{i=1}^{D} \left(x_i \log y_i + (1 - x_i) \log(1 - y_i)\right)",
        "x, y: vector[D]; D: dim",
        {"x": [1.0, 0.0, 1.0], "y": [0.9, 0.2, 0.6]},
        lambda v: np.sum(
            a_([1.0, 0.0, 1.0]) * np.log([0.9, 0.2, 0.6])
            + a_([0.0, 1.0, 0.0]) * np.log([0.1, 0.8, 0.4])
        ),
    ),
    # Gaussian KL divergences in closed form (e.g. Bishop 2006 ex. 1.30; Duchi, "Derivations for linear algebra")
    C(
        r"\log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac{1}{2}",
        None,
        {"sigma_1": 0.5, "sigma_2": 1.5, "mu_1": 0.2, "mu_2": -0.3},
        lambda v: math.log(3.0) + (0.25 + 0.25) / (2 * 2.25) - 0.5,
    ),
    C(
        r"\frac{1}{2}\left[\log\frac{|\Sigma_2|}{|\Sigma_1|} - d + \operatorname{tr}(\Sigma_2^{-1}\Sigma_1)"
        r" + (\mu_2 - \mu_1)^T \Sigma_2^{-1} (\mu_2 - \mu_1)\right]",
        r"\Sigma_1, \Sigma_2: spd[d]; \mu_1, \mu_2: vector[d]; d: dim",
        {"Sigma_1": S3A, "Sigma_2": S3B, "mu_1": X3, "mu_2": Y3},
        lambda v: (
            0.5
            * (
                np.linalg.slogdet(S3B)[1]
                - np.linalg.slogdet(S3A)[1]
                - 3
                + np.trace(np.linalg.solve(S3B, S3A))
                + (a_(Y3) - a_(X3)) @ np.linalg.solve(S3B, a_(Y3) - a_(X3))
            )
        ),
    ),
    C(
        r"\frac{1}{2}\left(\operatorname{tr}(\Sigma_1^{-1}\Sigma_0) + (\mu_1 - \mu_0)^\top \Sigma_1^{-1}(\mu_1 - \mu_0) - k"
        r" + \ln\frac{\det\Sigma_1}{\det\Sigma_0}\right)",
        r"\Sigma_0, \Sigma_1: spd[k]; \mu_0, \mu_1: vector[k]; k: dim",
        {"Sigma_0": S3A, "Sigma_1": S3B, "mu_0": X3, "mu_1": Y3},
        lambda v: (
            0.5
            * (
                np.trace(np.linalg.solve(S3B, S3A))
                + (a_(Y3) - a_(X3)) @ np.linalg.solve(S3B, a_(Y3) - a_(X3))
                - 3
                + np.linalg.slogdet(S3B)[1]
                - np.linalg.slogdet(S3A)[1]
            )
        ),
    ),
    C(
        r"p \log \frac{p}{q} + (1 - p) \log \frac{1 - p}{1 - q}",
        None,
        {"p": 0.3, "q": 0.6},
        lambda v: 0.3 * math.log(0.5) + 0.7 * math.log(0.7 / 0.4),
    ),
    # Burda, Grosse & Salakhutdinov 2016, "Importance weighted autoencoders", eq. 8 with the weights given
    C(
        r"\log \frac{1}{k} \sum_{i=1}^{k} w_i",
        "w: vector[k]; k: dim",
        {"w": [0.2, 1.5, 0.7, 0.05]},
        lambda v: math.log(np.mean([0.2, 1.5, 0.7, 0.05])),
    ),
    C(
        r"\tilde{w}_i = \frac{w_i}{\sum_{j=1}^{k} w_j}",
        "w: vector[k]; i, j: index; k: dim",
        {"w": [0.2, 1.5, 0.7, 0.05]},
        lambda v: a_([0.2, 1.5, 0.7, 0.05]) / 2.45,
    ),
    C(
        r"\log \frac{1}{K} \sum_{k=1}^{K} \exp(\log p_k - \log q_k)",
        "p, q: vector[K]; K: dim",
        {"p": [0.2, 0.1, 0.3], "q": [0.4, 0.05, 0.3]},
        lambda v: math.log(np.mean([0.5, 2.0, 1.0])),
    ),
    # Ho, Jain & Abbeel 2020, "Denoising diffusion probabilistic models", eqs. 4, 6-7, 12, 14, Algorithm 2
    C(
        r"\bar{\alpha}_t := \prod_{s=1}^{t} \alpha_s",
        r"\alpha: vector[t]; t: dim",
        {"alpha": [0.9, 0.8, 0.5]},
        lambda v: 0.36,
    ),
    C(
        r"\prod_{s=1}^{t} (1 - \beta_s)",
        r"\beta: vector[t]; t: dim",
        {"beta": [0.1, 0.2, 0.5]},
        lambda v: 0.36,
    ),
    C(
        r"\sqrt{\bar{\alpha}_t} \mathbf{x}_0",
        "x_0: vector[n]",
        {"alpha_bar_t": 0.36, "x_0": X3},
        lambda v: 0.6 * a_(X3),
    ),
    C(
        r"\tilde{\boldsymbol{\mu}}_t = \frac{\sqrt{\bar{\alpha}_{t-1}} \beta_t}{1 - \bar{\alpha}_t} \mathbf{x}_0"
        r" + \frac{\sqrt{\alpha_t} (1 - \bar{\alpha}_{t-1})}{1 - \bar{\alpha}_t} \mathbf{x}_t",
        "x_0, x_t: vector[n]",
        {
            "alpha_bar_t_minus_1": 0.64,
            "alpha_bar_t": 0.36,
            "alpha_t": 0.5625,
            "beta_t": 0.4375,
            "x_0": X3,
            "x_t": Y3,
        },
        lambda v: 0.8 * 0.4375 / 0.64 * a_(X3) + 0.75 * 0.36 / 0.64 * a_(Y3),
    ),
    C(
        r"\tilde{\beta}_t := \frac{1 - \bar{\alpha}_{t-1}}{1 - \bar{\alpha}_t} \beta_t",
        None,
        {"alpha_bar_t_minus_1": 0.64, "alpha_bar_t": 0.36, "beta_t": 0.4375},
        lambda v: 0.36 / 0.64 * 0.4375,
    ),
    C(
        r"\left\| \boldsymbol{\epsilon} - \boldsymbol{\epsilon}_\theta \right\|^2",
        r"\epsilon, \epsilon_\theta: vector[n]",
        {"epsilon": X3, "epsilon_theta": Y3},
        lambda v: np.sum((a_(X3) - a_(Y3)) ** 2),
    ),
    C(
        r"\frac{\beta_t^2}{2 \sigma_t^2 \alpha_t (1 - \bar{\alpha}_t)} \left\| \boldsymbol{\epsilon} - \boldsymbol{\epsilon}_\theta \right\|^2",
        r"\epsilon, \epsilon_\theta: vector[n]",
        {
            "epsilon": X3,
            "epsilon_theta": Y3,
            "beta_t": 0.1,
            "sigma_t": 0.3,
            "alpha_t": 0.9,
            "alpha_bar_t": 0.5,
        },
        lambda v: 0.01 / (2 * 0.09 * 0.9 * 0.5) * np.sum((a_(X3) - a_(Y3)) ** 2),
    ),
    C(
        r"\mathbf{x}_{t-1} = \frac{1}{\sqrt{\alpha_t}} \left(\mathbf{x}_t - \frac{1 - \alpha_t}{\sqrt{1 - \bar{\alpha}_t}}"
        r" \boldsymbol{\epsilon}_\theta\right) + \sigma_t \mathbf{z}",
        r"x_t, \epsilon_\theta, z: vector[n]",
        {
            "x_t": X3,
            "epsilon_theta": Y3,
            "z": Z3,
            "alpha_t": 0.9,
            "alpha_bar_t": 0.5,
            "sigma_t": 0.1,
        },
        lambda v: (a_(X3) - 0.1 / math.sqrt(0.5) * a_(Y3)) / math.sqrt(0.9) + 0.1 * a_(Z3),
    ),
    # Song, Meng & Ermon 2021, "DDIM", eq. 12 with the noise prediction named
    C(
        r"\sqrt{\alpha_{t-1}} \left(\frac{x_t - \sqrt{1 - \alpha_t} \epsilon_\theta}{\sqrt{\alpha_t}}\right)"
        r" + \sqrt{1 - \alpha_{t-1} - \sigma_t^2} \cdot \epsilon_\theta + \sigma_t \epsilon_t",
        None,
        {
            "alpha_t_minus_1": 0.8,
            "alpha_t": 0.5,
            "x_t": 0.4,
            "epsilon_theta": -0.3,
            "sigma_t": 0.1,
            "epsilon_t": 0.7,
        },
        lambda v: (
            math.sqrt(0.8) * (0.4 + math.sqrt(0.5) * 0.3) / math.sqrt(0.5)
            - math.sqrt(0.19) * 0.3
            + 0.07
        ),
    ),
    # Kingma et al. 2021, "Variational diffusion models", signal-to-noise ratio
    C(
        r"\mathrm{SNR}(t) = \frac{\alpha_t^2}{\sigma_t^2}",
        r"\mathrm{SNR}: function",
        {"alpha_t": 0.8, "sigma_t": 0.6},
        lambda v: 0.64 / 0.36,
    ),
    C(
        r"\lambda_t = \log \frac{\alpha_t^2}{\sigma_t^2}",
        None,
        {"alpha_t": 0.8, "sigma_t": 0.6},
        lambda v: math.log(0.64 / 0.36),
    ),
    # Vincent 2011 and Song & Ermon 2019: denoising score matching with a Gaussian kernel
    C(
        r"-\frac{\tilde{\mathbf{x}} - \mathbf{x}}{\sigma^2}",
        r"x, \tilde{x}: vector[n]",
        {"x": X3, "x_tilde": Y3, "sigma": 0.5},
        lambda v: -(a_(Y3) - a_(X3)) / 0.25,
    ),
    C(
        r"\frac{1}{2} \left\| \mathbf{s} + \frac{\tilde{\mathbf{x}} - \mathbf{x}}{\sigma^2} \right\|_2^2",
        r"x, \tilde{x}, s: vector[n]",
        {"x": X3, "x_tilde": Y3, "s": Z3, "sigma": 0.5},
        lambda v: 0.5 * np.sum((a_(Z3) + (a_(Y3) - a_(X3)) / 0.25) ** 2),
    ),
    C(
        r"-\Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu})",
        r"x, \mu: vector[n]; \Sigma: spd[n]",
        {"x": X3, "mu": Y3, "Sigma": S3A},
        lambda v: -np.linalg.solve(S3A, a_(X3) - a_(Y3)),
    ),
    # Hyvarinen 2005, score matching objective for a Gaussian model (score and its Jacobian in closed form)
    C(
        r"\frac{1}{2} \left\| \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu}) \right\|_2^2 - \operatorname{tr}(\Sigma^{-1})",
        r"x, \mu: vector[n]; \Sigma: spd[n]",
        {"x": X3, "mu": Y3, "Sigma": S3A},
        lambda v: (
            0.5 * np.sum(np.linalg.solve(S3A, a_(X3) - a_(Y3)) ** 2) - np.trace(np.linalg.inv(S3A))
        ),
    ),
    # Dinh, Sohl-Dickstein & Bengio 2017, "RealNVP", eqs. 3, 6-7 with the coupling outputs named
    C(
        r"\log p_Z + \log \left| \det J \right|",
        "J: matrix[n, n]",
        {"p_Z": 0.2, "J": [[1.0, 2.0], [3.0, 4.0]]},
        lambda v: math.log(0.2) + math.log(2.0),
    ),
    C(
        r"\log \left| \det(J) \right|",
        "J: matrix[n, n]",
        {"J": [[0.5, 2.0], [3.0, 1.0]]},
        lambda v: math.log(5.5),
    ),
    C(
        r"-\frac{1}{2} \mathbf{z}^\top \mathbf{z} - \frac{D}{2} \log(2\pi) + \sum_{j=1}^{D} s_j",
        "z, s: vector[D]; D: dim",
        {"z": X3, "s": Z3},
        lambda v: -0.5 * a_(X3) @ a_(X3) - 1.5 * math.log(2 * math.pi) + np.sum(Z3),
    ),
    C(
        r"y_2 = x_2 \odot \exp(s) + t",
        "x_2, s, t: vector[n]",
        {"x_2": X3, "s": Z3, "t": Y3},
        lambda v: a_(X3) * np.exp(Z3) + a_(Y3),
    ),
    C(r"\sum_j s_j", "s: vector[n]", {"s": Z3}, lambda v: sum(Z3)),
    # Rezende & Mohamed 2015, "Variational inference with normalizing flows", eqs. 10-12 (h = tanh), 14
    C(
        r"f(\mathbf{z}) = \mathbf{z} + \mathbf{u} \tanh(\mathbf{w}^\top \mathbf{z} + b)",
        "z, u, w: vector[n]; f: function",
        {"z": X3, "u": Y3, "w": Z3, "b": 0.1},
        lambda v: a_(X3) + a_(Y3) * math.tanh(a_(Z3) @ a_(X3) + 0.1),
    ),
    C(
        r"\left| 1 + \mathbf{u}^\top \mathbf{w} \, (1 - \tanh^2(\mathbf{w}^\top \mathbf{z} + b)) \right|",
        "z, u, w: vector[n]",
        {"z": X3, "u": Y3, "w": Z3, "b": 0.1},
        lambda v: abs(1 + (a_(Y3) @ a_(Z3)) * (1 - math.tanh(a_(Z3) @ a_(X3) + 0.1) ** 2)),
    ),
    C(
        r"\left| 1 + \mathbf{u}^\top \tanh'(\mathbf{w}^\top \mathbf{z} + b) \mathbf{w} \right|",
        "z, u, w: vector[n]",
        {"z": X3, "u": Y3, "w": Z3, "b": 0.1},
        lambda v: abs(1 + (a_(Y3) @ a_(Z3)) * (1 - math.tanh(a_(Z3) @ a_(X3) + 0.1) ** 2)),
    ),
    C(
        r"\mathbf{z} + \frac{\beta}{\alpha + \|\mathbf{z} - \mathbf{z}_0\|} (\mathbf{z} - \mathbf{z}_0)",
        "z, z_0: vector[n]",
        {"z": X3, "z_0": Y3, "alpha": 0.5, "beta": 0.3},
        lambda v: a_(X3) + 0.3 / (0.5 + np.linalg.norm(a_(X3) - a_(Y3))) * (a_(X3) - a_(Y3)),
    ),
    # Goodfellow et al. 2014, "Generative adversarial nets", eq. 1 and Proposition 1
    C(
        r"\log D(\boldsymbol{x}) + \log(1 - D(G(\boldsymbol{z})))",
        "D, G: function",
        {r"D(\boldsymbol{x})": 0.8, r"D(G(\boldsymbol{z}))": 0.3},
        lambda v: math.log(0.8) + math.log(0.7),
    ),
    C(
        r"\frac{1}{2} \sum_i p_i \log \frac{2 p_i}{p_i + q_i} + \frac{1}{2} \sum_i q_i \log \frac{2 q_i}{p_i + q_i}",
        "p, q: simplex[n]",
        {"p": P3, "q": Q3},
        lambda v: (
            0.5 * np.sum(a_(P3) * np.log(2 * a_(P3) / (a_(P3) + a_(Q3))))
            + 0.5 * np.sum(a_(Q3) * np.log(2 * a_(Q3) / (a_(P3) + a_(Q3))))
        ),
    ),
    # Gulrajani et al. 2017, "Improved training of Wasserstein GANs", gradient penalty with the gradient given
    C(
        r"\lambda (\|\nabla_{\hat{x}} D(\hat{x})\|_2 - 1)^2",
        r"\hat{x}: vector[n]; D: function",
        {r"\nabla_{\hat{x}} D(\hat{x})": [0.6, 0.8, 0.5], "lambda": 10.0},
        lambda v: 10.0 * (math.sqrt(1.25) - 1) ** 2,
    ),
    C(
        r"\max(0, 1 - D(x)) + \max(0, 1 + D(G(z)))",
        "D, G: function",
        {"D(x)": 0.4, "D(G(z))": -0.5},
        lambda v: 0.6 + 0.5,
    ),
    # == normalization layers ====================================================================
    # Ioffe & Szegedy 2015, "Batch normalization", Algorithm 1 (braced subscripts) and Algorithm 2
    C(
        r"\mu_{\mathcal{B}} = \frac{1}{m} \sum_{i=1}^{m} x_i",
        "x: vector[m]; m: dim",
        {"x": [1.0, 2.0, 4.0, -1.0]},
        lambda v: 1.5,
    ),
    C(
        r"\sigma_{\mathcal{B}}^2 = \frac{1}{m} \sum_{i=1}^{m} (x_i - \mu_{\mathcal{B}})^2",
        "x: vector[m]; m: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], r"\mu_{\mathcal{B}}": 1.5},
        lambda v: np.var([1.0, 2.0, 4.0, -1.0]),
    ),
    C(
        r"\widehat{x}_i = \frac{x_i - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}}",
        "x: vector[m]; i: index",
        {
            "x": [1.0, 2.0, 4.0, -1.0],
            r"\mu_{\mathcal{B}}": 1.5,
            r"\sigma_{\mathcal{B}}": 1.8,
            "epsilon": 1e-5,
        },
        lambda v: (a_([1.0, 2.0, 4.0, -1.0]) - 1.5) / math.sqrt(3.24 + 1e-5),
    ),
    C(
        r"y_i = \gamma \widehat{x}_i + \beta",
        r"\widehat{x}: vector[m]; i: index",
        {r"\widehat{x}": X3, "gamma": 2.0, "beta": 0.5},
        lambda v: 2.0 * a_(X3) + 0.5,
    ),
    C(
        r"\gamma \frac{x_i - \frac{1}{m}\sum_{j=1}^{m} x_j}{\sqrt{\frac{1}{m}\sum_{j=1}^{m}\left(x_j - \frac{1}{m}\sum_{k=1}^{m} x_k\right)^2 + \epsilon}} + \beta",
        "x: vector[m]; i: index; m: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "gamma": 2.0, "beta": 0.5, "epsilon": 1e-5},
        lambda v: (
            2.0
            * (a_([1.0, 2.0, 4.0, -1.0]) - 1.5)
            / math.sqrt(np.var([1.0, 2.0, 4.0, -1.0]) + 1e-5)
            + 0.5
        ),
    ),
    C(
        r"\gamma \frac{\mathbf{x} - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
        "x: vector[n]",
        {"x": X3, "mu": 0.4, "sigma": 1.2, "gamma": 2.0, "beta": 0.5, "epsilon": 1e-5},
        lambda v: 2.0 * (a_(X3) - 0.4) / math.sqrt(1.44 + 1e-5) + 0.5,
    ),
    C(
        r"\frac{m}{m - 1} \sigma_{\mathcal{B}}^2",
        None,
        {"m": 32.0, r"\sigma_{\mathcal{B}}": 0.5},
        lambda v: 32 / 31 * 0.25,
    ),
    # Ba, Kiros & Hinton 2016, "Layer normalization", eqs. 3-4 (the layer superscript dropped)
    C(
        r"\mu = \frac{1}{H} \sum_{i=1}^{H} a_i",
        "a: vector[H]; H: dim",
        {"a": X3},
        lambda v: np.mean(X3),
    ),
    C(
        r"\sigma = \sqrt{\frac{1}{H} \sum_{i=1}^{H} \left(a_i - \mu\right)^2}",
        "a: vector[H]; H: dim",
        {"a": X3, "mu": 0.25},
        lambda v: math.sqrt(np.mean((a_(X3) - 0.25) ** 2)),
    ),
    C(
        r"\frac{\mathbf{g}}{\sigma} \odot (\mathbf{a} - \mu) + \mathbf{b}",
        "g, a, b: vector[H]",
        {"g": Y3, "a": X3, "b": Z3, "sigma": 1.2, "mu": 0.25},
        lambda v: a_(Y3) / 1.2 * (a_(X3) - 0.25) + a_(Z3),
    ),
    C(
        r"\tanh\left(\frac{\mathbf{g}}{\sigma} \odot (\mathbf{a} - \mu) + \mathbf{b}\right)",
        "g, a, b: vector[H]",
        {"g": Y3, "a": X3, "b": Z3, "sigma": 1.2, "mu": 0.25},
        lambda v: np.tanh(a_(Y3) / 1.2 * (a_(X3) - 0.25) + a_(Z3)),
    ),
    C(
        r"\frac{a_i - \frac{1}{H}\sum_{j=1}^{H} a_j}{\sqrt{\frac{1}{H}\sum_{j=1}^{H}\left(a_j - \frac{1}{H}\sum_{k=1}^{H} a_k\right)^2 + \epsilon}} g_i + b_i",
        "a, g, b: vector[H]; i: index; H: dim",
        {"a": X3, "g": Y3, "b": Z3, "epsilon": 1e-5},
        lambda v: (a_(X3) - np.mean(X3)) / math.sqrt(np.var(X3) + 1e-5) * a_(Y3) + a_(Z3),
    ),
    # Zhang & Sennrich 2019, "Root mean square layer normalization", eq. 4 (RMS written out)
    C(
        r"\bar{a}_i = \frac{a_i}{\sqrt{\frac{1}{n} \sum_{j=1}^{n} a_j^2}} g_i",
        "a, g: vector[n]; i: index; n: dim",
        {"a": X3, "g": Y3},
        lambda v: a_(X3) / math.sqrt(np.mean(a_(X3) ** 2)) * a_(Y3),
    ),
    C(
        r"\frac{a_i}{\sqrt{\frac{1}{n} \sum_{j=1}^{n} a_j^2 + \epsilon}} g_i",
        "a, g: vector[n]; i: index; n: dim",
        {"a": X3, "g": Y3, "epsilon": 1e-6},
        lambda v: a_(X3) / math.sqrt(np.mean(a_(X3) ** 2) + 1e-6) * a_(Y3),
    ),
    C(
        r"\frac{\mathbf{a}}{\sqrt{\frac{1}{n} \|\mathbf{a}\|_2^2 + \epsilon}} \odot \mathbf{g}",
        "a, g: vector[n]; n: dim",
        {"a": X3, "g": Y3, "epsilon": 1e-6},
        lambda v: a_(X3) / math.sqrt(np.mean(a_(X3) ** 2) + 1e-6) * a_(Y3),
    ),
    C(
        r"\mathrm{RMS}(\mathbf{a}) = \sqrt{\frac{1}{n} \sum_{i=1}^{n} a_i^2}",
        r"a: vector[n]; n: dim; \mathrm{RMS}: function",
        {"a": X3},
        lambda v: math.sqrt(np.mean(a_(X3) ** 2)),
    ),
    # Salimans & Kingma 2016, "Weight normalization", eq. 2
    C(
        r"\mathbf{w} = \frac{g}{\|\mathbf{v}\|} \mathbf{v}",
        "v: vector[n]",
        {"g": 2.0, "v": X3},
        lambda v: 2.0 * a_(X3) / np.linalg.norm(X3),
    ),
    C(
        r"\frac{g}{\|\mathbf{v}\|} \mathbf{v}^\top \mathbf{x} + b",
        "v, x: vector[n]",
        {"g": 2.0, "v": X3, "x": Y3, "b": 0.1},
        lambda v: 2.0 * (a_(X3) @ a_(Y3)) / np.linalg.norm(X3) + 0.1,
    ),
    # Ulyanov, Vedaldi & Lempitsky 2016, "Instance normalization", eq. 2
    C(
        r"y_{tijk} = \frac{x_{tijk} - \mu_{ti}}{\sqrt{\sigma_{ti}^2 + \epsilon}}",
        None,
        {"x_tijk": 1.5, "mu_ti": 0.5, "sigma_ti": 2.0, "epsilon": 1e-5},
        lambda v: 1.0 / math.sqrt(4 + 1e-5),
    ),
    # Miyato et al. 2018, "Spectral normalization", with sigma(W) written as the spectral norm
    C(
        r"\frac{W}{\|W\|_2}",
        "W: matrix[m, n]",
        {"W": W23},
        lambda v: a_(W23) / np.linalg.norm(W23, 2),
    ),
    C(
        r"\tilde{\mathbf{u}}^\top W \tilde{\mathbf{v}}",
        r"W: matrix[m, n]; \tilde{u}: vector[m]; \tilde{v}: vector[n]",
        {"W": W23, "u_tilde": [0.6, 0.8], "v_tilde": X3},
        lambda v: a_([0.6, 0.8]) @ a_(W23) @ a_(X3),
    ),
    C(
        r"\frac{W^\top \tilde{\mathbf{u}}}{\|W^\top \tilde{\mathbf{u}}\|_2}",
        r"W: matrix[m, n]; \tilde{u}: vector[m]",
        {"W": W23, "u_tilde": [0.6, 0.8]},
        lambda v: a_(W23).T @ a_([0.6, 0.8]) / np.linalg.norm(a_(W23).T @ a_([0.6, 0.8])),
    ),
    # PyTorch, torch.nn.functional.normalize
    C(
        r"\frac{\mathbf{x}}{\max(\|\mathbf{x}\|_2, \epsilon)}",
        "x: vector[n]",
        {"x": X3, "epsilon": 1e-12},
        lambda v: a_(X3) / np.linalg.norm(X3),
    ),
    # == kernels =================================================================================
    # Scholkopf & Smola 2002, "Learning with Kernels"; scikit-learn pairwise kernels documentation
    C(
        r"(\langle \mathbf{x}, \mathbf{x}' \rangle + c)^d",
        "x, x': vector[n]",
        {"x": X3, "x'": Y3, "c": 1.0, "d": 3},
        lambda v: (a_(X3) @ a_(Y3) + 1.0) ** 3,
    ),
    C(
        r"k(x, y) = (\gamma x^\top y + c_0)^d",
        "x, y: vector[n]; k: function",
        {"x": X3, "y": Y3, "gamma": 0.5, "c_0": 1.0, "d": 2},
        lambda v: (0.5 * (a_(X3) @ a_(Y3)) + 1.0) ** 2,
    ),
    C(
        r"\exp(-\gamma \| x - y \|_1)",
        "x, y: vector[n]",
        {"x": X3, "y": Y3, "gamma": 0.5},
        lambda v: math.exp(-0.5 * np.sum(np.abs(a_(X3) - a_(Y3)))),
    ),
    C(
        r"\exp\left(-\frac{\|\mathbf{x} - \mathbf{y}\|}{\sigma}\right)",
        "x, y: vector[n]",
        {"x": X3, "y": Y3, "sigma": 2.0},
        lambda v: math.exp(-np.linalg.norm(a_(X3) - a_(Y3)) / 2),
    ),
    C(
        r"\frac{x \cdot y}{\|x\| \|y\|}",
        "x, y: vector[n]",
        {"x": X3, "y": Y3},
        lambda v: a_(X3) @ a_(Y3) / (np.linalg.norm(X3) * np.linalg.norm(Y3)),
    ),
    C(
        r"\frac{\mathbf{A} \cdot \mathbf{B}}{\|\mathbf{A}\| \|\mathbf{B}\|}",
        "A, B: vector[n]",
        {"A": X3, "B": Y3},
        lambda v: a_(X3) @ a_(Y3) / (np.linalg.norm(X3) * np.linalg.norm(Y3)),
    ),
    C(
        r"\frac{\sum_{i=1}^{n} A_i B_i}{\sqrt{\sum_{i=1}^{n} A_i^2} \sqrt{\sum_{i=1}^{n} B_i^2}}",
        "A, B: vector[n]; n: dim",
        {"A": X3, "B": Y3},
        lambda v: a_(X3) @ a_(Y3) / (np.linalg.norm(X3) * np.linalg.norm(Y3)),
    ),
    C(
        r"1 - \frac{u \cdot v}{\|u\|_2 \|v\|_2}",
        "u, v: vector[n]",
        {"u": X3, "v": Y3},
        lambda v: 1 - a_(X3) @ a_(Y3) / (np.linalg.norm(X3) * np.linalg.norm(Y3)),
    ),
    C(
        r"\tanh(\gamma \langle X, Y \rangle + c_0)",
        "X, Y: vector[n]",
        {"X": X3, "Y": Y3, "gamma": 0.5, "c_0": 0.1},
        lambda v: math.tanh(0.5 * (a_(X3) @ a_(Y3)) + 0.1),
    ),
    C(
        r"\exp\left(-\gamma \sum_i \frac{(x_i - y_i)^2}{x_i + y_i}\right)",
        "x, y: vector[n]; i: index",
        {"x": [0.2, 0.5, 0.3], "y": [0.4, 0.4, 0.2], "gamma": 1.0},
        lambda v: math.exp(
            -np.sum(
                (a_([0.2, 0.5, 0.3]) - a_([0.4, 0.4, 0.2])) ** 2
                / (a_([0.2, 0.5, 0.3]) + a_([0.4, 0.4, 0.2]))
            )
        ),
    ),
    C(
        r"-\sum_{i=1}^{n} \frac{(x_i - y_i)^2}{x_i + y_i}",
        "x, y: vector[n]; n: dim",
        {"x": [0.2, 0.5, 0.3], "y": [0.4, 0.4, 0.2]},
        lambda v: (
            -np.sum(
                (a_([0.2, 0.5, 0.3]) - a_([0.4, 0.4, 0.2])) ** 2
                / (a_([0.2, 0.5, 0.3]) + a_([0.4, 0.4, 0.2]))
            )
        ),
    ),
    C(
        r"\sum_{i=1}^{n} \min(x_i, y_i)",
        "x, y: vector[n]; n: dim",
        {"x": X3, "y": Y3},
        lambda v: np.sum(np.minimum(X3, Y3)),
    ),
    # Gretton et al. 2012, "A kernel two-sample test", eq. 5 with the kernel matrices given
    C(
        r"\frac{1}{m^2} \sum_{i=1}^{m} \sum_{j=1}^{m} K_{ij} - \frac{2}{m n} \sum_{i=1}^{m} \sum_{j=1}^{n} L_{ij}"
        r" + \frac{1}{n^2} \sum_{i=1}^{n} \sum_{j=1}^{n} M_{ij}",
        "K: matrix[m, m]; L: matrix[m, n]; M: matrix[n, n]; m, n: dim",
        {"K": S3A, "L": W23[0:1] + W23[1:2] + [[0.1, 0.2, 0.3]], "M": S3B},
        lambda v: np.mean(S3A) - 2 * np.mean(v["L"]) + np.mean(S3B),
    ),
    C(
        r"\frac{1}{(m - 1)^2} \operatorname{tr}(K H L H)",
        "K, H, L: matrix[m, m]; m: dim",
        {"K": S3A, "H": np.eye(3) - np.ones((3, 3)) / 3, "L": S3B},
        lambda v: np.trace(a_(S3A) @ v["H"] @ a_(S3B) @ v["H"]) / 4,
    ),
    # Rahimi & Recht 2007, "Random features for large-scale kernel machines"
    C(
        r"\sqrt{\frac{2}{D}} \cos(\boldsymbol{\omega}^\top \mathbf{x} + b)",
        r"\omega, x: vector[n]",
        {"omega": X3, "x": Y3, "b": 0.3, "D": 100.0},
        lambda v: math.sqrt(0.02) * math.cos(a_(X3) @ a_(Y3) + 0.3),
    ),
    C(
        r"\sqrt{\frac{2}{D}} \cos(W \mathbf{x} + \mathbf{b})",
        "W: matrix[D, d]; x: vector[d]; b: vector[D]; D: dim",
        {"W": W23, "x": X3, "b": [0.1, 0.2]},
        lambda v: math.sqrt(1.0) * np.cos(a_(W23) @ a_(X3) + a_([0.1, 0.2])),
    ),
    # Nadaraya 1964 / Watson 1964 with a Gaussian kernel (data X_i, Y_i; query x)
    C(
        r"\frac{\sum_{i=1}^{n} \exp\left(-\frac{(x - X_i)^2}{2h^2}\right) Y_i}{\sum_{i=1}^{n} \exp\left(-\frac{(x - X_i)^2}{2h^2}\right)}",
        "X, Y: vector[n]; n: dim",
        {"X": X3, "Y": Y3, "x": 0.2, "h": 0.8},
        lambda v: (
            np.sum(np.exp(-((0.2 - a_(X3)) ** 2) / 1.28) * a_(Y3))
            / np.sum(np.exp(-((0.2 - a_(X3)) ** 2) / 1.28))
        ),
    ),
    # Zou & Hastie 2005 (elastic net); Tikhonov regularization
    C(
        r"\|\mathbf{y} - \mathbf{X}\boldsymbol{\beta}\|^2 + \lambda_2 \|\boldsymbol{\beta}\|^2 + \lambda_1 \|\boldsymbol{\beta}\|_1",
        r"X: matrix[m, n]; y: vector[m]; \beta: vector[n]",
        {"X": W23, "y": [0.5, -0.5], "beta": X3, "lambda_1": 0.1, "lambda_2": 0.2},
        lambda v: (
            np.sum((a_([0.5, -0.5]) - a_(W23) @ a_(X3)) ** 2)
            + 0.2 * np.sum(a_(X3) ** 2)
            + 0.1 * np.sum(np.abs(X3))
        ),
    ),
    C(
        r"\|A\mathbf{x} - \mathbf{b}\|_2^2 + \|\Gamma \mathbf{x}\|_2^2",
        r"A: matrix[m, n]; \Gamma: matrix[n, n]; x: vector[n]; b: vector[m]",
        {"A": W23, "Gamma": S3A, "x": X3, "b": [0.5, -0.5]},
        lambda v: (
            np.sum((a_(W23) @ a_(X3) - a_([0.5, -0.5])) ** 2) + np.sum((a_(S3A) @ a_(X3)) ** 2)
        ),
    ),
    # == losses ==================================================================================
    # Lin et al. 2017, "Focal loss for dense object detection", eqs. 1-5
    C(
        r"\mathrm{FL}(p_t) = -\alpha_t (1 - p_t)^\gamma \log(p_t)",
        r"\mathrm{FL}: function",
        {"alpha_t": 0.25, "p_t": 0.7, "gamma": 2.0},
        lambda v: -0.25 * 0.09 * math.log(0.7),
    ),
    C(
        r"-(1 - p_t)^\gamma \log(p_t)",
        None,
        {"p_t": 0.7, "gamma": 2.0},
        lambda v: -0.09 * math.log(0.7),
    ),
    C(
        r"p_t = \begin{cases} p & \text{if } y = 1 \\ 1 - p & \text{otherwise.} \end{cases}",
        None,
        {"p": 0.8, "y": 1},
        lambda v: 0.8,
        id="focal p_t, y = 1",
    ),
    C(
        r"p_t = \begin{cases} p & \text{if } y = 1 \\ 1 - p & \text{otherwise.} \end{cases}",
        None,
        {"p": 0.8, "y": -1},
        lambda v: 0.2,
        id="focal p_t, y = -1",
    ),
    C(
        r"\mathrm{CE}(p, y) = \begin{cases} -\log(p) & \text{if } y = 1 \\ -\log(1 - p) & \text{otherwise.} \end{cases}",
        r"\mathrm{CE}: function",
        {"p": 0.8, "y": -1},
        lambda v: -math.log(0.2),
    ),
    C(
        r"-\frac{1}{N} \sum_{i=1}^{N} \alpha (1 - p_i)^\gamma \log p_i",
        "p: vector[N]; N: dim",
        {"p": [0.9, 0.6, 0.3], "alpha": 0.25, "gamma": 2.0},
        lambda v: -np.mean(0.25 * (1 - a_([0.9, 0.6, 0.3])) ** 2 * np.log([0.9, 0.6, 0.3])),
    ),
    C(
        r"-\alpha (1 - \sigma(x))^\gamma \log \sigma(x)",
        None,
        {"x": 0.4, "alpha": 0.25, "gamma": 2.0},
        lambda v: -0.25 * (1 - _sig(0.4)) ** 2 * math.log(_sig(0.4)),
    ),
    # Huber 1964, "Robust estimation of a location parameter" (the piecewise form with commas)
    # Girshick 2015, "Fast R-CNN", eq. 3
    C(
        r"\begin{cases} 0.5 x^2 & \text{if } |x| < 1 \\ |x| - 0.5 & \text{otherwise,} \end{cases}",
        None,
        {"x": 0.5},
        lambda v: 0.125,
        id="smooth L1 inner",
    ),
    C(
        r"\begin{cases} 0.5 x^2 & \text{if } |x| < 1 \\ |x| - 0.5 & \text{otherwise,} \end{cases}",
        None,
        {"x": -2.0},
        lambda v: 1.5,
        id="smooth L1 outer",
    ),
    C(
        r"\delta^2 \left(\sqrt{1 + (a / \delta)^2} - 1\right)",
        None,
        {"a": 1.5, "delta": 0.5},
        lambda v: 0.25 * (math.sqrt(1 + 9) - 1),
    ),
    # Cortes & Vapnik 1995 hinge; Rosasco et al. 2004 squared hinge
    C(r"\ell(y) = \max(0, 1 - t \cdot y)", None, {"t": 1.0, "y": 0.3}, lambda v: 0.7),
    C(
        r"\max(0, 1 - y \, \mathbf{w}^\top \mathbf{x})^2",
        "w, x: vector[n]",
        {"y": -1.0, "w": X3, "x": Z3},
        lambda v: max(0.0, 1 + a_(X3) @ a_(Z3)) ** 2,
    ),
    C(
        r"\frac{1}{n} \sum_{i=1}^{n} \max(0, 1 - y_i \hat{y}_i)",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": [1.0, -1.0, 1.0], "y_hat": [0.3, 0.5, 2.0]},
        lambda v: (0.7 + 1.5 + 0.0) / 3,
    ),
    # Poisson negative log-likelihood (McCullagh & Nelder 1989; PyTorch PoissonNLLLoss)
    C(r"e^{x} - y x", None, {"x": 0.4, "y": 2.0}, lambda v: math.exp(0.4) - 0.8),
    C(
        r"y \log y - y + \frac{1}{2} \log(2 \pi y)",
        None,
        {"y": 5.0},
        lambda v: 5 * math.log(5) - 5 + 0.5 * math.log(10 * math.pi),
    ),
    C(
        r"\frac{1}{n} \sum_{i=1}^{n} \left(\hat{y}_i - y_i \log \hat{y}_i\right)",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": [0.0, 2.0, 5.0], "y_hat": [0.5, 1.5, 4.0]},
        lambda v: np.mean(a_([0.5, 1.5, 4.0]) - a_([0.0, 2.0, 5.0]) * np.log([0.5, 1.5, 4.0])),
    ),
    # Szegedy et al. 2016, "Rethinking the Inception architecture", Section 7 (label smoothing)
    C(
        r"-\sum_{k=1}^{K} \left((1 - \epsilon) y_k + \frac{\epsilon}{K}\right) \log p_k",
        "y: vector[K]; p: simplex[K]; K: dim",
        {"y": [0.0, 1.0, 0.0], "p": P3, "epsilon": 0.1},
        lambda v: -np.sum((0.9 * a_([0.0, 1.0, 0.0]) + 0.1 / 3) * np.log(P3)),
    ),
    C(
        r"(1 - \epsilon) H(q, p) + \epsilon H(u, p)",
        "H: function",
        {"epsilon": 0.1, "H(q, p)": 1.2, "H(u, p)": 2.0},
        lambda v: 0.9 * 1.2 + 0.2,
    ),
    # van den Oord et al. 2018 (InfoNCE), Chen et al. 2020 (SimCLR eq. 1), He et al. 2020 (MoCo eq. 1),
    # with the similarities given as a vector s (positive first) or a matrix S (positives on the diagonal)
    C(
        r"-\log \frac{\exp(s_1 / \tau)}{\sum_{k=1}^{K} \exp(s_k / \tau)}",
        "s: vector[K]; K: dim",
        {"s": [0.9, 0.1, -0.3, 0.5], "tau": 0.07},
        lambda v: -(0.9 / 0.07 - scipy.special.logsumexp(a_([0.9, 0.1, -0.3, 0.5]) / 0.07)),
    ),
    C(
        r"-\frac{1}{N} \sum_{i=1}^{N} \log \frac{\exp(S_{ii} / \tau)}{\sum_{j=1}^{N} \exp(S_{ij} / \tau)}",
        "S: matrix[N, N]; N: dim",
        {"S": S3A, "tau": 0.5},
        lambda v: -np.mean(np.diag(S3A) / 0.5 - scipy.special.logsumexp(a_(S3A) / 0.5, axis=1)),
    ),
    # Hadsell, Chopra & LeCun 2006, "Dimensionality reduction by learning an invariant mapping", eq. 4
    C(
        r"(1 - Y) \frac{1}{2} (D_W)^2 + (Y) \frac{1}{2} \{\max(0, m - D_W)\}^2",
        None,
        {"Y": 1.0, "D_W": 0.4, "m": 1.0},
        lambda v: 0.18,
    ),
    C(
        r"(1 - Y) \frac{1}{2} (D_W)^2 + (Y) \frac{1}{2} \{\max(0, m - D_W)\}^2",
        None,
        {"Y": 0.0, "D_W": 0.4, "m": 1.0},
        lambda v: 0.08,
        id="contrastive, similar pair",
    ),
    C(
        r"(1 - y) \frac{1}{2} \|\mathbf{a} - \mathbf{b}\|_2^2 + y \frac{1}{2} \max(0, m - \|\mathbf{a} - \mathbf{b}\|_2)^2",
        "a, b: vector[d]",
        {"a": X3, "b": Y3, "y": 1.0, "m": 4.0},
        lambda v: 0.5 * max(0.0, 4.0 - np.linalg.norm(a_(X3) - a_(Y3))) ** 2,
    ),
    # Schroff, Kalenichenko & Philbin 2015, "FaceNet", eq. 1 and 3 (embeddings named); PyTorch TripletMarginLoss
    C(
        r"\max(\|\mathbf{a} - \mathbf{p}\|_2^2 - \|\mathbf{a} - \mathbf{n}\|_2^2 + \alpha, 0)",
        "a, p, n: vector[d]",
        {"a": X3, "p": Y3, "n": Z3, "alpha": 0.2},
        lambda v: max(np.sum((a_(X3) - a_(Y3)) ** 2) - np.sum((a_(X3) - a_(Z3)) ** 2) + 0.2, 0.0),
    ),
    # Koenker & Bassett 1978 (quantile / pinball loss); log-cosh loss
    C(
        r"\max(\tau (y - \hat{y}), (\tau - 1)(y - \hat{y}))",
        None,
        {"tau": 0.9, "y": 1.0, "y_hat": 1.5},
        lambda v: 0.05,
    ),
    C(
        r"\sum_{i=1}^{n} \log(\cosh(\hat{y}_i - y_i))",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": X3, "y_hat": Y3},
        lambda v: np.sum(np.log(np.cosh(a_(Y3) - a_(X3)))),
    ),
    # Milletari, Navab & Ahmadi 2016, "V-Net", the Dice coefficient (sums written with both bounds)
    C(
        r"D = \frac{2 \sum_{i=1}^{N} p_i g_i}{\sum_{i=1}^{N} p_i^2 + \sum_{i=1}^{N} g_i^2}",
        "p, g: vector[N]; N: dim",
        {"p": [0.9, 0.2, 0.7], "g": [1.0, 0.0, 1.0]},
        lambda v: 2 * 1.6 / (0.81 + 0.04 + 0.49 + 2.0),
    ),
    # PyTorch BCEWithLogitsLoss and KLDivLoss (log-probabilities as input)
    C(
        r"-w_n \left[y_n \cdot \log \sigma(x_n) + (1 - y_n) \cdot \log(1 - \sigma(x_n))\right]",
        None,
        {"w_n": 2.0, "y_n": 1.0, "x_n": -0.3},
        lambda v: -2.0 * math.log(_sig(-0.3)),
    ),
    C(
        r"\sum_i y_i (\log y_i - x_i)",
        "y, x: vector[n]; i: index",
        {"y": P3, "x": np.log(Q3).tolist()},
        lambda v: np.sum(a_(P3) * (np.log(P3) - np.log(Q3))),
    ),
    C(
        r"\log(1 + e^{-y \mathbf{w}^\top \mathbf{x}})",
        "w, x: vector[n]",
        {"y": -1.0, "w": X3, "x": Z3},
        lambda v: math.log1p(math.exp(a_(X3) @ a_(Z3))),
    ),
    C(
        r"\frac{1}{2}\left(\log \sigma^2 + \frac{(y - \mu)^2}{\sigma^2}\right)",
        None,
        {"sigma": 0.5, "y": 1.0, "mu": 0.2},
        lambda v: 0.5 * (math.log(0.25) + 0.64 / 0.25),
    ),
    C(
        r"\sqrt{(x - y)^2 + \epsilon^2}",
        None,
        {"x": 0.3, "y": 0.1, "epsilon": 1e-3},
        lambda v: math.sqrt(0.04 + 1e-6),
    ),
    # Hinton, Vinyals & Dean 2015, "Distilling the knowledge in a neural network" (softmax with temperature)
    C(
        r"q_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}",
        "z: vector[n]; i, j: index",
        {"z": Y3, "T": 2.0},
        lambda v: np.exp(a_(Y3) / 2) / np.sum(np.exp(a_(Y3) / 2)),
    ),
    C(
        r"T^2 \sum_i p_i \log \frac{p_i}{q_i}",
        "p, q: simplex[n]; i: index",
        {"p": P3, "q": Q3, "T": 2.0},
        lambda v: 4 * np.sum(a_(P3) * np.log(a_(P3) / a_(Q3))),
    ),
    # Wen et al. 2016 (center loss) with the class centre named
    C(
        r"\frac{\lambda}{2} \|\mathbf{x}_i - \mathbf{c}_{y_i}\|_2^2",
        r"x_i, c_{y_i}: vector[d]",
        {"lambda": 0.1, "x_i": X3, "c_{y_i}": Y3},
        lambda v: 0.05 * np.sum((a_(X3) - a_(Y3)) ** 2),
    ),
    # == attention and activations ===============================================================
    # Vaswani et al. 2017, "Attention is all you need", eq. 1 (softmax over each row)
    C(
        r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V",
        r"Q: matrix[m, d_k]; K: matrix[n, d_k]; V: matrix[n, d_v]; \mathrm{Attention}: function",
        {
            "Q": [[1.0, 0.0, 2.0], [0.5, 2.0, -1.0]],
            "K": [[2.0, 1.0, 0.5], [0.0, -1.0, 1.0], [1.0, 1.0, 1.0]],
            "V": [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]],
        },
        lambda v: _softmax_rows(a_(v["Q"]) @ a_(v["K"]).T / math.sqrt(3)) @ a_(v["V"]),
    ),
    C(
        r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
        r"Q: matrix[m, d_k]; K: matrix[n, d_k]; V: matrix[n, d_v]",
        {
            "Q": [[1.0, 0.0, 2.0], [0.5, 2.0, -1.0]],
            "K": [[2.0, 1.0, 0.5], [0.0, -1.0, 1.0], [1.0, 1.0, 1.0]],
            "V": [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]],
        },
        lambda v: _softmax_rows(a_(v["Q"]) @ a_(v["K"]).T / math.sqrt(3)) @ a_(v["V"]),
    ),
    C(
        r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}} + M\right)V",
        r"Q: matrix[n, d_k]; K: matrix[n, d_k]; V: matrix[n, d_v]; M: matrix[n, n]",
        {
            "Q": [[1.0, 0.0], [0.5, 2.0], [-1.0, 1.0]],
            "K": [[2.0, 1.0], [0.0, -1.0], [1.0, 1.0]],
            "V": [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]],
            "M": [[0.0, -1e9, -1e9], [0.0, 0.0, -1e9], [0.0, 0.0, 0.0]],
        },
        lambda v: _softmax_rows(a_(v["Q"]) @ a_(v["K"]).T / math.sqrt(2) + a_(v["M"])) @ a_(v["V"]),
    ),
    C(
        r"\operatorname{softmax}\left(\frac{K \mathbf{q}}{\sqrt{d}}\right)^\top V",
        "K: matrix[n, d]; V: matrix[n, e]; q: vector[d]",
        {
            "K": [[2.0, 1.0], [0.0, -1.0], [1.0, 1.0]],
            "V": [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]],
            "q": [0.5, -0.25],
        },
        lambda v: (_softmax_rows(a_(v["K"]) @ a_([0.5, -0.25]) / math.sqrt(2)) @ a_(v["V"]))[
            None, :
        ],
    ),  # a row
    C(
        r"\alpha_j = \frac{\exp(s_j)}{\sum_{l=1}^{n} \exp(s_l)}",
        "s: vector[n]; j: index; n: dim",
        {"s": Y3},
        lambda v: np.exp(Y3) / np.sum(np.exp(Y3)),
    ),
    # Bahdanau, Cho & Bengio 2015, additive attention (eq. 6 and Appendix A.1.2)
    C(
        r"v_a^\top \tanh(W_a s_{i-1} + U_a h_j)",
        "v_a: vector[n]; W_a: matrix[n, n]; U_a: matrix[n, m]; s_{i-1}: vector[n]; h_j: vector[m]",
        {"v_a": X3, "W_a": S3A, "U_a": a_(W23).T.tolist(), "s_{i-1}": Z3, "h_j": [0.5, -0.5]},
        lambda v: a_(X3) @ np.tanh(a_(S3A) @ a_(Z3) + a_(W23).T @ a_([0.5, -0.5])),
    ),
    C(
        r"\alpha_{ij} = \frac{\exp(e_{ij})}{\sum_{k=1}^{T_x} \exp(e_{ik})}",
        "e: matrix[m, T_x]; i, j, k: index; T_x: dim",
        {"e": W23},
        lambda v: _softmax_rows(W23),
    ),
    # Luong, Pham & Manning 2015, eq. 8 (dot and general scores)
    C(
        r"\mathbf{h}_t^\top \mathbf{W}_a \bar{\mathbf{h}}_s",
        r"h_t, \bar{h}_s: vector[n]; W_a: matrix[n, n]",
        {"h_t": X3, r"\bar{h}_s": Y3, "W_a": S3A},
        lambda v: a_(X3) @ a_(S3A) @ a_(Y3),
    ),
    C(
        r"\mathbf{h}_t^\top \bar{\mathbf{h}}_s",
        r"h_t, \bar{h}_s: vector[n]",
        {"h_t": X3, r"\bar{h}_s": Y3},
        lambda v: a_(X3) @ a_(Y3),
    ),
    # Vaswani et al. 2017, Section 3.5, sinusoidal positional encodings (names declared)
    C(
        r"\sin(pos / 10000^{2i / d_{\text{model}}})",
        r"pos: scalar",
        {"pos": 3.0, "i": 2.0, r"d_{\text{model}}": 16.0},
        lambda v: math.sin(3.0 / 10000 ** (4 / 16)),
    ),
    C(
        r"PE_{(pos, 2i+1)} = \cos(pos / 10000^{2i / d_{model}})",
        r"pos: scalar",
        {"pos": 3.0, "i": 2.0, r"d_{model}": 16.0},
        lambda v: math.cos(3.0 / 10000 ** (4 / 16)),
    ),
    # Su et al. 2021, "RoFormer", eq. 13 (a 2-d rotation) and the frequencies theta_i
    C(
        r"\begin{pmatrix} \cos m\theta & -\sin m\theta \\ \sin m\theta & \cos m\theta \end{pmatrix} \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}",
        None,
        {"m": 3.0, "theta": 0.2, "x_1": 1.0, "x_2": 0.5},
        lambda v: (
            np.array([[math.cos(0.6), -math.sin(0.6)], [math.sin(0.6), math.cos(0.6)]])
            @ np.array([1.0, 0.5])
        ),
    ),
    C(r"\theta_i = 10000^{-2(i-1)/d}", None, {"i": 3.0, "d": 8.0}, lambda v: 10000 ** (-4 / 8)),
    # Vaswani et al. 2017, eq. 2 in column-vector form
    C(
        r"W_2 \max(0, W_1 \mathbf{x} + \mathbf{b}_1) + \mathbf{b}_2",
        "W_1: matrix[h, d]; W_2: matrix[d, h]; x, b_2: vector[d]; b_1: vector[h]",
        {"W_1": W23, "W_2": a_(W23).T.tolist(), "x": X3, "b_1": [0.1, -0.2], "b_2": Z3},
        lambda v: a_(W23).T @ np.maximum(0, a_(W23) @ a_(X3) + a_([0.1, -0.2])) + a_(Z3),
    ),
    # Hendrycks & Gimpel 2016, "GELUs"
    C(
        r"0.5x\left(1 + \tanh\left[\sqrt{2/\pi}\left(x + 0.044715x^3\right)\right]\right)",
        None,
        {"x": 0.7},
        lambda v: 0.5 * 0.7 * (1 + math.tanh(math.sqrt(2 / math.pi) * (0.7 + 0.044715 * 0.343))),
    ),
    C(r"x \sigma(1.702 x)", None, {"x": 0.7}, lambda v: 0.7 * _sig(1.702 * 0.7)),
    C(
        r"\frac{x}{2} \left(1 + \operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        None,
        {"x": -0.7},
        lambda v: -0.35 * (1 + math.erf(-0.7 / math.sqrt(2))),
    ),
    # Ramachandran, Zoph & Le 2017 (Swish); Misra 2019 (Mish)
    C(r"x \cdot \sigma(\beta x)", None, {"x": 1.3, "beta": 1.5}, lambda v: 1.3 * _sig(1.95)),
    C(
        r"x \tanh(\operatorname{softplus}(x))",
        None,
        {"x": 0.6},
        lambda v: 0.6 * math.tanh(math.log1p(math.exp(0.6))),
    ),
    C(
        r"x \tanh(\ln(1 + e^x))",
        None,
        {"x": -0.6},
        lambda v: -0.6 * math.tanh(math.log1p(math.exp(-0.6))),
    ),
    # Clevert et al. 2016 (ELU); Klambauer et al. 2017 (SELU)
    C(
        r"\begin{cases} x & \text{if } x > 0 \\ \alpha (\exp(x) - 1) & \text{if } x \le 0 \end{cases}",
        None,
        {"x": -0.5, "alpha": 1.0},
        lambda v: math.exp(-0.5) - 1,
    ),
    C(
        r"\lambda \begin{cases} x & \text{if } x > 0 \\ \alpha e^x - \alpha & \text{if } x \le 0 \end{cases}",
        None,
        {"x": -0.5, "alpha": 1.6733, "lambda": 1.0507},
        lambda v: 1.0507 * (1.6733 * math.exp(-0.5) - 1.6733),
    ),
    # Maas et al. 2013 (leaky ReLU); He et al. 2015 (PReLU); softsign; ReLU6; hard sigmoid
    C(r"\max(0.01x, x)", None, {"x": -2.0}, lambda v: -0.02),
    C(r"\max(0, x) + a \min(0, x)", None, {"x": -2.0, "a": 0.25}, lambda v: -0.5),
    C(r"\frac{x}{1 + |x|}", None, {"x": -3.0}, lambda v: -0.75),
    C(r"\min(\max(0, x), 6)", None, {"x": 7.5}, lambda v: 6.0),
    C(r"\max\left(0, \min\left(1, \frac{x + 1}{2}\right)\right)", None, {"x": 0.2}, lambda v: 0.6),
    # Hochreiter & Schmidhuber 1997 / Graves 2013 (LSTM); Cho et al. 2014 (GRU)
    C(
        r"f_t = \sigma(W_f x_t + U_f h_{t-1} + b_f)",
        "W_f: matrix[h, d]; U_f: matrix[h, h]; x_t: vector[d]; h_{t-1}, b_f: vector[h]",
        {"W_f": W23, "U_f": S2A, "x_t": X3, "h_{t-1}": [0.1, -0.3], "b_f": [0.0, 0.5]},
        lambda v: _sig(a_(W23) @ a_(X3) + a_(S2A) @ a_([0.1, -0.3]) + a_([0.0, 0.5])),
    ),
    C(
        r"c_t = f_t \odot c_{t-1} + i_t \odot \tanh(W_c x_t + U_c h_{t-1} + b_c)",
        "f_t, c_{t-1}, i_t, h_{t-1}, b_c: vector[h]; W_c: matrix[h, d]; U_c: matrix[h, h]; x_t: vector[d]",
        {
            "f_t": [0.5, 0.9],
            "c_{t-1}": [1.0, -1.0],
            "i_t": [0.2, 0.4],
            "h_{t-1}": [0.1, -0.3],
            "b_c": [0.0, 0.5],
            "W_c": W23,
            "U_c": S2A,
            "x_t": X3,
        },
        lambda v: (
            a_([0.5, 0.9]) * a_([1.0, -1.0])
            + a_([0.2, 0.4])
            * np.tanh(a_(W23) @ a_(X3) + a_(S2A) @ a_([0.1, -0.3]) + a_([0.0, 0.5]))
        ),
    ),
    C(
        r"h_t = o_t \odot \tanh(c_t)",
        "o_t, c_t: vector[h]",
        {"o_t": [0.5, 0.9], "c_t": [1.0, -1.0]},
        lambda v: a_([0.5, 0.9]) * np.tanh([1.0, -1.0]),
    ),
    C(
        r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t",
        r"z_t, h_{t-1}, \tilde{h}_t: vector[h]",
        {"z_t": [0.2, 0.7], "h_{t-1}": [1.0, -1.0], r"\tilde{h}_t": [0.5, 0.5]},
        lambda v: a_([0.8, 0.3]) * a_([1.0, -1.0]) + a_([0.2, 0.7]) * 0.5,
    ),
    # == statistics ==============================================================================
    # Heusel et al. 2017, "GANs trained by a two time-scale update rule" (FID), with \mathrm{Tr}
    C(
        r"\|\mathbf{m} - \mathbf{m}_w\|_2^2 + \mathrm{Tr}\left(\mathbf{C} + \mathbf{C}_w - 2\left(\mathbf{C}\mathbf{C}_w\right)^{1/2}\right)",
        "m, m_w: vector[n]; C, C_w: spd[n]",
        {"m": X3, "m_w": Y3, "C": S3A, "C_w": S3B},
        lambda v: (
            np.sum((a_(X3) - a_(Y3)) ** 2)
            + np.trace(a_(S3A) + a_(S3B) - 2 * scipy.linalg.sqrtm(a_(S3A) @ a_(S3B)).real)
        ),
    ),
    C(
        r"\|\mu_r - \mu_g\|^2 + \operatorname{Tr}\left(\Sigma_r + \Sigma_g - 2 (\Sigma_r \Sigma_g)^{1/2}\right)",
        r"\mu_r, \mu_g: vector[n]; \Sigma_r, \Sigma_g: spd[n]",
        {"mu_r": X3, "mu_g": Y3, "Sigma_r": S3A, "Sigma_g": S3B},
        lambda v: (
            np.sum((a_(X3) - a_(Y3)) ** 2)
            + np.trace(a_(S3A) + a_(S3B) - 2 * scipy.linalg.sqrtm(a_(S3A) @ a_(S3B)).real)
        ),
    ),
    C(
        r"\operatorname{tr}\left(\Sigma_1 + \Sigma_2 - 2\left(\Sigma_1^{1/2} \Sigma_2 \Sigma_1^{1/2}\right)^{1/2}\right)",
        r"\Sigma_1, \Sigma_2: spd[n]",
        {"Sigma_1": S3A, "Sigma_2": S3B},
        lambda v: np.trace(
            a_(S3A)
            + a_(S3B)
            - 2
            * scipy.linalg.sqrtm(
                scipy.linalg.sqrtm(S3A).real @ a_(S3B) @ scipy.linalg.sqrtm(S3A).real
            ).real
        ),
    ),
    # Mahalanobis 1936
    C(
        r"\sqrt{(\mathbf{x} - \mathbf{y})^\top \Sigma^{-1} (\mathbf{x} - \mathbf{y})}",
        r"x, y: vector[n]; \Sigma: spd[n]",
        {"x": X3, "y": Z3, "Sigma": S3B},
        lambda v: math.sqrt((a_(X3) - a_(Z3)) @ np.linalg.solve(S3B, a_(X3) - a_(Z3))),
    ),
    # Pearson 1895, the sample correlation coefficient
    C(
        r"r_{xy} = \frac{\sum_{i=1}^{n} (x_i - \bar{x})(y_i - \bar{y})}{\sqrt{\sum_{i=1}^{n} (x_i - \bar{x})^2} \sqrt{\sum_{i=1}^{n} (y_i - \bar{y})^2}}",
        "x, y: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "y": Y4, "x_bar": 1.5, "y_bar": 0.5},
        lambda v: np.corrcoef([1.0, 2.0, 4.0, -1.0], Y4)[0, 1],
    ),
    C(
        r"\frac{n \sum_{i=1}^{n} x_i y_i - \sum_{i=1}^{n} x_i \sum_{i=1}^{n} y_i}{\sqrt{n \sum_{i=1}^{n} x_i^2 - \left(\sum_{i=1}^{n} x_i\right)^2}"
        r" \sqrt{n \sum_{i=1}^{n} y_i^2 - \left(\sum_{i=1}^{n} y_i\right)^2}}",
        "x, y: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "y": Y4},
        lambda v: np.corrcoef([1.0, 2.0, 4.0, -1.0], Y4)[0, 1],
    ),
    # Bessel's correction; standard error; Student's and Welch's t statistics
    C(
        r"s^2 = \frac{1}{n - 1} \sum_{i=1}^{n} (x_i - \bar{x})^2",
        "x: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "x_bar": 1.5},
        lambda v: np.var([1.0, 2.0, 4.0, -1.0], ddof=1),
    ),
    C(
        r"\frac{1}{n-1} \sum_{i=1}^{n} \left(x_i - \frac{1}{n} \sum_{j=1}^{n} x_j\right)^2",
        "x: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0]},
        lambda v: np.var([1.0, 2.0, 4.0, -1.0], ddof=1),
    ),
    C(
        r"\sqrt{\frac{1}{N - 1} \sum_{i=1}^{N} (x_i - \bar{x})^2}",
        "x: vector[N]; N: dim",
        {"x": X3, "x_bar": 5 / 12},
        lambda v: np.std(X3, ddof=1),
    ),
    C(
        r"t = \frac{\bar{x} - \mu_0}{s / \sqrt{n}}",
        None,
        {"x_bar": 1.2, "mu_0": 1.0, "s": 0.5, "n": 25.0},
        lambda v: 2.0,
    ),
    C(
        r"t = \frac{\bar{X}_1 - \bar{X}_2}{\sqrt{\frac{s_1^2}{N_1} + \frac{s_2^2}{N_2}}}",
        None,
        {"X_bar_1": 1.2, "X_bar_2": 1.0, "s_1": 0.5, "s_2": 0.4, "N_1": 20.0, "N_2": 16.0},
        lambda v: 0.2 / math.sqrt(0.25 / 20 + 0.16 / 16),
    ),
    C(r"z = \frac{x - \mu}{\sigma}", None, {"x": 1.3, "mu": 1.0, "sigma": 0.2}, lambda v: 1.5),
    C(
        r"\frac{1}{n - 1} X_c^\top X_c",
        "X_c: matrix[n, d]; n: dim",
        {"X_c": np.array(W23).T.tolist()},
        lambda v: a_(W23) @ a_(W23).T / 2,
    ),
    # sample skewness and excess kurtosis (moment estimators)
    C(
        r"\frac{\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^3}{\left(\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^2\right)^{3/2}}",
        "x: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "x_bar": 1.5},
        lambda v: (
            np.mean((a_([1.0, 2.0, 4.0, -1.0]) - 1.5) ** 3) / np.var([1.0, 2.0, 4.0, -1.0]) ** 1.5
        ),
    ),
    C(
        r"\frac{\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^4}{\left(\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^2\right)^2} - 3",
        "x: vector[n]; n: dim",
        {"x": [1.0, 2.0, 4.0, -1.0], "x_bar": 1.5},
        lambda v: (
            np.mean((a_([1.0, 2.0, 4.0, -1.0]) - 1.5) ** 4) / np.var([1.0, 2.0, 4.0, -1.0]) ** 2 - 3
        ),
    ),
    # Bishop 2006, eqs. 2.43 and 1.110, B.41 (multivariate Gaussian: density, log density, entropy)
    C(
        r"-\frac{D}{2} \ln(2\pi) - \frac{1}{2} \ln|\boldsymbol{\Sigma}| - \frac{1}{2}(\mathbf{x} - \boldsymbol{\mu})^{\mathrm{T}}"
        r" \boldsymbol{\Sigma}^{-1} (\mathbf{x} - \boldsymbol{\mu})",
        r"x, \mu: vector[D]; \Sigma: spd[D]; D: dim",
        {"x": X3, "mu": Y3, "Sigma": S3A},
        lambda v: (
            -1.5 * math.log(2 * math.pi)
            - 0.5 * np.linalg.slogdet(S3A)[1]
            - 0.5 * (a_(X3) - a_(Y3)) @ np.linalg.solve(S3A, a_(X3) - a_(Y3))
        ),
    ),
    C(
        r"\frac{1}{2}\{1 + \ln(2\pi\sigma^2)\}",
        None,
        {"sigma": 0.7},
        lambda v: 0.5 * (1 + math.log(2 * math.pi * 0.49)),
    ),
    C(
        r"\frac{1}{2} \ln|\boldsymbol{\Sigma}| + \frac{D}{2}(1 + \ln(2\pi))",
        r"\Sigma: spd[D]; D: dim",
        {"Sigma": S3A},
        lambda v: 0.5 * np.linalg.slogdet(S3A)[1] + 1.5 * (1 + math.log(2 * math.pi)),
    ),
    # Bhattacharyya 1943; Hellinger distance; total variation
    C(
        r"\sum_{i=1}^{n} \sqrt{p_i q_i}",
        "p, q: simplex[n]; n: dim",
        {"p": P3, "q": Q3},
        lambda v: np.sum(np.sqrt(a_(P3) * a_(Q3))),
    ),
    C(
        r"-\ln \sum_{i=1}^{n} \sqrt{p_i q_i}",
        "p, q: simplex[n]; n: dim",
        {"p": P3, "q": Q3},
        lambda v: -math.log(np.sum(np.sqrt(a_(P3) * a_(Q3)))),
    ),
    C(
        r"\frac{1}{\sqrt{2}} \|\sqrt{p} - \sqrt{q}\|_2",
        "p, q: simplex[n]",
        {"p": P3, "q": Q3},
        lambda v: np.linalg.norm(np.sqrt(P3) - np.sqrt(Q3)) / math.sqrt(2),
    ),
    C(
        r"\sqrt{1 - \sum_{i=1}^{n} \sqrt{p_i q_i}}",
        "p, q: simplex[n]; n: dim",
        {"p": P3, "q": Q3},
        lambda v: math.sqrt(1 - np.sum(np.sqrt(a_(P3) * a_(Q3)))),
    ),
    C(r"\frac{1}{2} \|p - q\|_1", "p, q: simplex[n]", {"p": P3, "q": Q3}, lambda v: 0.3),
    C(
        r"\frac{1}{2} \sum_{i=1}^{n} |p_i - q_i|",
        "p, q: simplex[n]; n: dim",
        {"p": P3, "q": Q3},
        lambda v: 0.3,
    ),
    # Wasserstein-2 distance between univariate Gaussians (squared)
    C(
        r"(\mu_1 - \mu_2)^2 + (\sigma_1 - \sigma_2)^2",
        None,
        {"mu_1": 0.5, "mu_2": -0.5, "sigma_1": 1.0, "sigma_2": 2.0},
        lambda v: 2.0,
    ),
    # coefficient of determination, RMSE, MAE
    C(
        r"R^2 = 1 - \frac{\sum_{i=1}^{n} (y_i - \hat{y}_i)^2}{\sum_{i=1}^{n} (y_i - \bar{y})^2}",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": Y4, "y_hat": [0.0, -1.0, 1.0, 1.5], "y_bar": 0.5},
        lambda v: (
            1 - np.sum((a_(Y4) - a_([0.0, -1.0, 1.0, 1.5])) ** 2) / np.sum((a_(Y4) - 0.5) ** 2)
        ),
    ),
    C(
        r"\sqrt{\frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2}",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": Y4, "y_hat": [0.0, -1.0, 1.0, 1.5]},
        lambda v: math.sqrt(np.mean((a_(Y4) - a_([0.0, -1.0, 1.0, 1.5])) ** 2)),
    ),
    C(
        r"\frac{1}{n} \sum_{i=1}^{n} |y_i - \hat{y}_i|",
        r"y, \hat{y}: vector[n]; n: dim",
        {"y": Y4, "y_hat": [0.0, -1.0, 1.0, 1.5]},
        lambda v: np.mean(np.abs(a_(Y4) - a_([0.0, -1.0, 1.0, 1.5]))),
    ),
    C(
        r"\frac{1}{n} \sum_{t=1}^{n} \left| \frac{A_t - F_t}{A_t} \right|",
        "A, F: vector[n]; n: dim",
        {"A": [1.0, 2.0, 4.0], "F": [1.5, 1.0, 4.5]},
        lambda v: (0.5 + 0.5 + 0.125) / 3,
    ),
    # Pearson's chi-squared statistic
    C(
        r"\chi^2 = \sum_{i=1}^{k} \frac{(O_i - E_i)^2}{E_i}",
        "O, E: vector[k]; k: dim",
        {"O": [10.0, 20.0, 30.0], "E": [15.0, 15.0, 30.0]},
        lambda v: 25 / 15 + 25 / 15,
    ),
    # Fisher information and moments of standard distributions
    C(
        r"\mathcal{I}(p) = \frac{n}{p(1 - p)}",
        r"\mathcal{I}: function",
        {"n": 10.0, "p": 0.2},
        lambda v: 62.5,
    ),
    C(
        r"\frac{\alpha \beta}{(\alpha + \beta)^2 (\alpha + \beta + 1)}",
        None,
        {"alpha": 2.0, "beta": 3.0},
        lambda v: 6 / (25 * 6),
    ),
    C(
        r"(\alpha - 1) \log x - \beta x + \alpha \log \beta - \log \Gamma(\alpha)",
        None,
        {"alpha": 2.5, "beta": 1.5, "x": 0.8},
        lambda v: 1.5 * math.log(0.8) - 1.2 + 2.5 * math.log(1.5) - math.lgamma(2.5),
    ),
    C(
        r"\sum_{k=1}^{K} \log \Gamma(\alpha_k) - \log \Gamma\left(\sum_{k=1}^{K} \alpha_k\right)",
        r"\alpha: vector[K]; K: dim",
        {"alpha": [0.5, 1.5, 2.0]},
        lambda v: sum(math.lgamma(a) for a in [0.5, 1.5, 2.0]) - math.lgamma(4.0),
    ),
    C(
        r"\frac{\Gamma\left(\frac{\nu + 1}{2}\right)}{\sqrt{\nu \pi} \, \Gamma\left(\frac{\nu}{2}\right)} \left(1 + \frac{t^2}{\nu}\right)^{-\frac{\nu + 1}{2}}",
        None,
        {"nu": 3.0, "t": 0.8},
        lambda v: (
            math.gamma(2.0) / (math.sqrt(3 * math.pi) * math.gamma(1.5)) * (1 + 0.64 / 3) ** -2.0
        ),
    ),
    C(r"\log \frac{p}{1 - p}", None, {"p": 0.8}, lambda v: math.log(4.0)),
    C(r"\kappa = \frac{p_o - p_e}{1 - p_e}", None, {"p_o": 0.8, "p_e": 0.5}, lambda v: 0.6),
    C(
        r"-\sum_{i=1}^{n} p_i \log_2 p_i",
        "p: simplex[n]; n: dim",
        {"p": P3},
        lambda v: -np.sum(a_(P3) * np.log2(P3)),
    ),
]


@pytest.mark.parametrize(("latex", "symbols", "values", "expected"), CASES)
def test_outside_latex_matches_numpy(latex, symbols, values, expected):
    got = np.asarray(dx.evaluate(latex, values, symbols), dtype=np.float64)
    want = np.asarray(expected(values), dtype=np.float64)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    assert_allclose(got, want, rtol=1e-9, atol=1e-12)


# Notation with two readings (or none) that papers nonetheless print: each must be refused with a
# ParseError, never read one way silently.
REFUSED = [
    (r"\|W\|", "W: matrix[m, n]"),  # spectral or Frobenius (Miyato et al. 2018 write both)
    (r"\beta_1^10", None),  # TeX sets only `1` as the exponent
    (r"\theta_{t-1} - \eta 2_10", None),  # likewise for a subscript
    (
        r"A^\top_{ij}",
        "A: matrix[n, n]; i, j: index",
    ),  # entry of the transpose or transpose of an entry
    (r"\frac{m_t}{\sqrt{v_t} + 1e-8}", None),  # program E-notation
    (
        r"\operatorname{tr}(A + I) + I",
        "A: matrix[n, n]",
    ),  # I an identity and a scalar in one formula
    (
        r"\hat{A}_t = \delta_t + (\gamma\lambda)\delta_{t+1} + \cdots + (\gamma\lambda)^{T-t+1}\delta_{T-1}",
        None,
    ),  # PPO eq. 11
    (r"x_1 + \dots + x_{n}^2", "x: vector[n]"),  # first and last terms that differ in more
    (r"I + x", "x: vector[n]"),  # I next to a vector: not square
    (r"\sum x_i", "x: vector[n]"),  # a sum with no index
    (r"\mathbb{E}[x]", None),  # an expectation that names no distribution
    (r"\text{lcm}(x, a) = x", None),  # a standard function derivax does not read
]


def test_ppo_eq_7_reads_with_clip_as_the_table_s_function():
    # Schulman et al. 2017, eq. 7, as written (it was refused while clip was unknown)
    e = dx.parse(
        r"\min\left(r \hat{A}, \operatorname{clip}(r, 1 - \epsilon, 1 + \epsilon) \hat{A}\right)",
        r"r, \hat{A}: scalar; \epsilon: scalar, positive",
    )
    for r, adv in ((0.5, 1.0), (1.0, -2.0), (1.5, 3.0), (1.5, -1.0), (0.7, -0.5)):
        got = float(dx.evaluate(e, {"r": r, r"\hat{A}": adv, r"\epsilon": 0.2}))
        assert got == pytest.approx(min(r * adv, float(np.clip(r, 0.8, 1.2)) * adv), rel=1e-12)


@pytest.mark.parametrize(("latex", "symbols"), [pytest.param(s, t, id=s) for s, t in REFUSED])
def test_ambiguous_notation_is_refused(latex, symbols):
    with pytest.raises(dx.ParseError):
        dx.parse(latex, symbols)
