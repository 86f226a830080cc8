"""A corpus of ML notation in LaTeX, each evaluated by derivax and checked against NumPy.

Every expected value is written independently with NumPy over the same inputs; none is
computed by derivax.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

import derivax as dx

a_ = np.asarray


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softplus(x):
    return np.log1p(np.exp(x))


def _softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def C(latex, symbols, values, expected, id=None, define=None):
    """One row: ``latex`` evaluated at ``values`` (with the functions ``define`` gives) must equal
    ``expected(values)``."""
    return pytest.param(latex, symbols, values, expected, define, id=id or latex)


# symbol tables used by several rows
VEC = "x, y, w, u, v: vector[n]; i, j, k: index"
MAT = "A, B: matrix[n, n]; x, b: vector[n]"
LIN = "W: matrix[m, n]; x: vector[n]; b, y: vector[m]; i, j: index"

X3 = [0.5, -1.25, 2.0]
Y3 = [1.5, 0.75, -0.5]
A2 = [[2.0, 1.0], [0.5, 3.0]]
B2 = [[1.0, -2.0], [0.25, 4.0]]
W23 = [[1.0, -0.5, 2.0], [0.25, 3.0, -1.0]]
W23S = [[0.2, -0.1, 0.4], [0.05, 0.3, -0.2]]  # small weights: tanh and sigmoid do not saturate

CASES = [
    # -- Greek letters, subscripts, decorations, multi-letter names ----------------------------
    C(
        r"\alpha x + \beta",
        None,
        {"alpha": 0.3, "beta": -1.2, "x": 2.5},
        lambda v: v["alpha"] * v["x"] + v["beta"],
    ),
    C(
        r"\frac{\alpha}{\beta^2} - \gamma",
        None,
        {r"\alpha": 1.5, r"\beta": 2.0, r"\gamma": 0.1},
        lambda v: v[r"\alpha"] / v[r"\beta"] ** 2 - v[r"\gamma"],
    ),
    C(
        r"\theta_{t+1} = \theta_t - \eta g_t",
        "theta_t_plus_1, theta_t, eta, g_t: scalar",
        {"theta_t": 1.0, "eta": 0.1, "g_t": 2.5},
        lambda v: v["theta_t"] - v["eta"] * v["g_t"],
    ),
    C(
        r"\theta_{t+1} - \theta_t",
        "theta_t_plus_1, theta_t: scalar",
        {r"\theta_{t+1}": 1.5, "theta_t": 1.0},
        lambda v: v[r"\theta_{t+1}"] - v["theta_t"],
    ),
    C(
        r"\theta_{t-1} + \gamma \Delta_{t}",
        "theta_t_minus_1: scalar",
        {"theta_t_minus_1": 0.75, "gamma": 0.9, "Delta_t": -0.5},
        lambda v: v["theta_t_minus_1"] + v["gamma"] * v["Delta_t"],
    ),
    C(r"\hat{y} - y", None, {"y_hat": 0.8, "y": 1.0}, lambda v: v["y_hat"] - v["y"]),
    C(
        r"\left(\hat{y} - y\right)^2",
        None,
        {r"\hat{y}": 0.25, "y": 1.0},
        lambda v: (v[r"\hat{y}"] - v["y"]) ** 2,
    ),
    C(
        r"\bar{x} + 2\tilde{x}",
        None,
        {"x_bar": 1.5, "x_tilde": -0.25},
        lambda v: v["x_bar"] + 2 * v["x_tilde"],
    ),
    C(
        r"\frac{x - \bar{x}}{\tilde{\sigma}}",
        None,
        {"x": 3.0, r"\bar{x}": 1.0, "sigma_tilde": 0.5},
        lambda v: (v["x"] - v[r"\bar{x}"]) / v["sigma_tilde"],
    ),
    C(r"\mathbf{x}^\top \mathbf{y}", VEC, {"x": X3, "y": Y3}, lambda v: a_(v["x"]) @ a_(v["y"])),
    C(
        r"\mathbf{W} \mathbf{x} + \mathbf{b}",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2]},
        lambda v: a_(v["W"]) @ a_(v["x"]) + a_(v["b"]),
    ),
    C(
        r"\boldsymbol{\theta}^\top x",
        "theta, x: vector[n]",
        {"theta": [0.5, 2.0], "x": [4.0, -1.0]},
        lambda v: a_(v["theta"]) @ a_(v["x"]),
    ),
    C(
        r"\boldsymbol{\theta} - \eta g",
        "theta, g: vector[n]",
        {"theta": [1.0, 2.0, 3.0], "eta": 0.5, "g": [0.2, -0.4, 1.0]},
        lambda v: a_(v["theta"]) - v["eta"] * a_(v["g"]),
    ),
    C(r"lr \cdot g", "lr: scalar", {"lr": 0.01, "g": 3.0}, lambda v: v["lr"] * v["g"]),
    C(
        r"w - lr \, g",
        "lr: scalar, positive",
        {"w": 1.0, "lr": 0.1, "g": -2.0},
        lambda v: v["w"] - v["lr"] * v["g"],
    ),
    C(
        r"\sqrt{\bar\alpha_t} x_0 + \sqrt{1 - \bar\alpha_t} \epsilon",
        None,
        {"alpha_bar_t": 0.64, "x_0": 1.5, "epsilon": -0.3},
        lambda v: (
            math.sqrt(v["alpha_bar_t"]) * v["x_0"] + math.sqrt(1 - v["alpha_bar_t"]) * v["epsilon"]
        ),
    ),
    C(
        r"\frac{1}{\sqrt{\alpha_t}}\left(x_t - \frac{\beta_t}{\sqrt{1-\bar{\alpha}_t}}\epsilon\right)",
        None,
        {"alpha_t": 0.9, "x_t": 0.4, "beta_t": 0.1, "alpha_bar_t": 0.5, "epsilon": 1.2},
        lambda v: (
            (v["x_t"] - v["beta_t"] / math.sqrt(1 - v["alpha_bar_t"]) * v["epsilon"])
            / math.sqrt(v["alpha_t"])
        ),
    ),
    C(
        r"\frac{x_t - \sqrt{1 - \bar\alpha_t}\,\epsilon}{\sqrt{\bar\alpha_t}}",
        None,
        {"x_t": 0.3, "alpha_bar_t": 0.81, "epsilon": 0.5},
        lambda v: (
            (v["x_t"] - math.sqrt(1 - v["alpha_bar_t"]) * v["epsilon"])
            / math.sqrt(v["alpha_bar_t"])
        ),
    ),
    # x^{(i)} (the i-th sample) and W^{[l]} (layer l) are names of their own
    C(
        r"x^{(i)} - \mu",
        "x^{(i)}, mu: vector[d]",
        {"x_sup_i": X3, "mu": Y3},
        lambda v: a_(v["x_sup_i"]) - a_(v["mu"]),
    ),
    C(
        r"\theta^\top x^{(i)} - y^{(i)}",
        "theta, x^{(i)}: vector[n]; y^{(i)}: scalar",
        {"theta": Y3, r"x^{(i)}": X3, "y_sup_i": 0.3},
        lambda v: a_(v["theta"]) @ a_(v[r"x^{(i)}"]) - v["y_sup_i"],
    ),
    C(
        r"W^{[l]} a^{[l-1]} + b^{[l]}",
        "W^{[l]}: matrix[m, n]; a^{[l-1]}: vector[n]; b^{[l]}: vector[m]",
        {r"W^{[l]}": W23, "a_sup_l_minus_1": X3, "b_sup_l": [0.1, -0.2]},
        lambda v: a_(v[r"W^{[l]}"]) @ a_(v["a_sup_l_minus_1"]) + a_(v["b_sup_l"]),
    ),
    C(
        r"\mathrm{ReLU}(W^{[l]} a)",
        "W^{[l]}: matrix[m, n]; a: vector[n]",
        {"W_sup_l": W23, "a": X3},
        lambda v: np.maximum(0.0, a_(v["W_sup_l"]) @ a_(v["a"])),
    ),
    # \vec{x} is x
    C(r"\vec{x} - \vec{y}", VEC, {"x": X3, "y": Y3}, lambda v: a_(v["x"]) - a_(v["y"])),
    C(
        r"W \vec{x} + \vec{b}",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2]},
        lambda v: a_(v["W"]) @ a_(v["x"]) + a_(v["b"]),
    ),
    C(r"\|\vec{v}\|", VEC, {"v": [3.0, 4.0]}, lambda v: 5.0),
    # a prime on a known function is its derivative
    C(
        r"\sigma'(z) \cdot \delta",
        None,
        {"z": 0.3, "delta": 2.0},
        lambda v: _sigmoid(v["z"]) * (1 - _sigmoid(v["z"])) * v["delta"],
    ),
    C(r"\tanh'(a)", None, {"a": -0.4}, lambda v: 1 - math.tanh(v["a"]) ** 2),
    C(
        r"\delta \tanh'(w x + b)",
        None,
        {"delta": 0.5, "w": 2.0, "x": 0.3, "b": -0.2},
        lambda v: v["delta"] * (1 - math.tanh(v["w"] * v["x"] + v["b"]) ** 2),
    ),
    C(
        r"\sigma'(W x)",
        LIN,
        {"W": W23S, "x": X3},
        lambda v: _sigmoid(a_(v["W"]) @ a_(v["x"])) * (1 - _sigmoid(a_(v["W"]) @ a_(v["x"]))),
    ),
    # -- arithmetic: fractions, roots, powers, products, delimiters, spacing ------------------
    C(
        r"\frac{a + b}{c}",
        None,
        {"a": 1.0, "b": 2.0, "c": 4.0},
        lambda v: (v["a"] + v["b"]) / v["c"],
    ),
    C(r"\frac{1}{1 + e^{-x}}", None, {"x": 0.7}, lambda v: 1 / (1 + math.exp(-v["x"]))),
    C(r"\sqrt{x^2 + y^2}", None, {"x": 3.0, "y": 4.0}, lambda v: 5.0),
    C(
        r"\frac{x}{\sqrt{s + \epsilon}}",
        None,
        {"x": 2.0, "s": 0.25, "epsilon": 1e-8},
        lambda v: v["x"] / math.sqrt(v["s"] + v["epsilon"]),
    ),
    C(r"x^{2} y^{3}", None, {"x": 1.5, "y": -2.0}, lambda v: v["x"] ** 2 * v["y"] ** 3),
    C(r"a^{-\frac{1}{2}} + b^{0.5}", None, {"a": 4.0, "b": 9.0}, lambda v: 0.5 + 3.0),
    C(r"a \cdot b + c", None, {"a": 2.0, "b": -3.0, "c": 0.5}, lambda v: v["a"] * v["b"] + v["c"]),
    C(
        r"a \times b - c \times d",
        None,
        {"a": 2.0, "b": 3.0, "c": 0.5, "d": 4.0},
        lambda v: v["a"] * v["b"] - v["c"] * v["d"],
    ),
    C(
        r"\frac{a \times b}{c}",
        None,
        {"a": 2.0, "b": 3.0, "c": 4.0},
        lambda v: v["a"] * v["b"] / v["c"],
    ),
    C(r"2 a b", None, {"a": 1.5, "b": -0.5}, lambda v: 2 * v["a"] * v["b"]),
    C(r"a(b + c)", None, {"a": 2.0, "b": 1.0, "c": 0.25}, lambda v: v["a"] * (v["b"] + v["c"])),
    C(r"x (1 - x)", None, {"x": 0.3}, lambda v: v["x"] * (1 - v["x"])),
    C(
        r"a(b - |x|)",
        None,
        {"a": 2.0, "b": 1.0, "x": -0.25},
        lambda v: v["a"] * (v["b"] - abs(v["x"])),
    ),
    C(
        r"\left( a + b \right)^2 - \left( a - b \right)^2",
        None,
        {"a": 1.25, "b": 2.0},
        lambda v: 4 * v["a"] * v["b"],
    ),
    C(
        r"\left[ a - b \right] c",
        None,
        {"a": 3.0, "b": 1.0, "c": 0.5},
        lambda v: (v["a"] - v["b"]) * v["c"],
    ),
    C(r"\eta\, g", None, {"eta": 0.1, "g": 5.0}, lambda v: v["eta"] * v["g"]),
    C(r"a \;+\; b", None, {"a": 1.0, "b": 2.5}, lambda v: v["a"] + v["b"]),
    C(r"\lambda\; w^2", None, {"lambda": 0.5, "w": 3.0}, lambda v: v["lambda"] * v["w"] ** 2),
    C(r"x^2 \quad + \quad 1", None, {"x": 2.0}, lambda v: v["x"] ** 2 + 1),
    C(
        r"a \quad + \quad b \cdot c",
        None,
        {"a": 1.0, "b": 2.0, "c": 3.0},
        lambda v: v["a"] + v["b"] * v["c"],
    ),
    # -- elementary and ML functions ----------------------------------------------------------
    C(r"\log(1 + e^{x})", None, {"x": 0.3}, lambda v: math.log(1 + math.exp(v["x"]))),
    C(r"\log x + \ln y", None, {"x": 2.0, "y": 5.0}, lambda v: math.log(2.0) + math.log(5.0)),
    C(r"\ln(a b)", None, {"a": 2.0, "b": 3.5}, lambda v: math.log(v["a"] * v["b"])),
    C(r"\exp\left(-\frac{x^2}{2}\right)", None, {"x": 1.3}, lambda v: math.exp(-(v["x"] ** 2) / 2)),
    C(r"\exp(a) \exp(-b)", None, {"a": 1.0, "b": 0.5}, lambda v: math.exp(v["a"] - v["b"])),
    C(r"e^{x} - e^{-x}", None, {"x": 0.6}, lambda v: math.exp(0.6) - math.exp(-0.6)),
    C(r"\tanh(x)", None, {"x": 0.4}, lambda v: math.tanh(v["x"])),
    C(
        r"1 - \tanh(a x + b)^2",
        None,
        {"a": 2.0, "x": 0.3, "b": -0.1},
        lambda v: 1 - math.tanh(v["a"] * v["x"] + v["b"]) ** 2,
    ),
    C(r"\max(0, x)", None, {"x": -1.5}, lambda v: 0.0, id="max(0,x) negative"),
    C(r"\max(0, 1 - y f)", None, {"y": 1.0, "f": 0.25}, lambda v: max(0.0, 1 - v["y"] * v["f"])),
    C(r"\min(a, b) + \max(a, b)", None, {"a": 3.0, "b": -2.0}, lambda v: v["a"] + v["b"]),
    C(r"\min(1, r) A", None, {"r": 1.7, "A": 0.5}, lambda v: min(1.0, v["r"]) * v["A"]),
    C(r"|x - y|", None, {"x": 1.0, "y": 3.5}, lambda v: abs(v["x"] - v["y"])),
    C(r"|a| + |b|", None, {"a": -2.0, "b": 0.75}, lambda v: abs(v["a"]) + abs(v["b"])),
    C(r"\sigma(x)", None, {"x": -0.8}, lambda v: _sigmoid(v["x"])),
    C(
        r"\sigma(w^\top x + b)",
        "w, x: vector[n]",
        {"w": [0.5, -1.0], "x": [2.0, 0.5], "b": 0.1},
        lambda v: _sigmoid(a_(v["w"]) @ a_(v["x"]) + v["b"]),
    ),
    C(
        r"\operatorname{softmax}(z)_k",
        "z: vector[n]; k: index",
        {"z": [1.0, 2.0, 0.5]},
        lambda v: _softmax(a_(v["z"])),
    ),
    C(
        r"\operatorname{softmax}(\beta z)_k",
        "z: vector[n]; k: index",
        {"z": [0.1, -0.3, 1.2, 0.0], "beta": 2.0},
        lambda v: _softmax(v["beta"] * a_(v["z"])),
    ),
    C(
        r"\operatorname{softmax}(W x)_i",
        "W: matrix[m, n]; x: vector[n]; i: index",
        {"W": [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]], "x": [1.0, -0.5]},
        lambda v: _softmax(a_(v["W"]) @ a_(v["x"])),
    ),
    C(
        r"\operatorname{softmax}(z)",
        "z: vector[n]",
        {"z": [1.0, 2.0, 3.0]},
        lambda v: _softmax(a_(v["z"])),
        id="softmax(z) whole vector",
    ),
    C(
        r"\frac{e^{z_k}}{\sum_j e^{z_j}}",
        "z: vector[n]; j, k: index",
        {"z": [3.0, 1.0, -1.0]},
        lambda v: _softmax(a_(v["z"])),
    ),
    C(r"\mathrm{ReLU}(x)", None, {"x": 2.5}, lambda v: 2.5),
    C(
        r"\mathrm{ReLU}(W x + b)",
        LIN,
        {"W": W23, "x": X3, "b": [0.5, -1.0]},
        lambda v: np.maximum(0.0, a_(v["W"]) @ a_(v["x"]) + a_(v["b"])),
    ),
    C(r"\operatorname{softplus}(x)", None, {"x": 1.2}, lambda v: _softplus(v["x"])),
    C(
        r"\operatorname{softplus}(x) - \operatorname{softplus}(-x)",
        None,
        {"x": -0.7},
        lambda v: v["x"],
    ),
    # arg max / arg min over one scalar
    C(
        r"\arg\min_w \frac{1}{2}(w - a)^2 + \frac{\lambda}{2} w^2",
        None,
        {"a": 3.0, "lambda": 0.5},
        lambda v: v["a"] / (1 + v["lambda"]),
    ),
    C(r"\arg\max_{p} p (1 - p)", None, {}, lambda v: 0.5),
    C(r"\operatorname*{argmin}_{w} (w - a)^2", None, {"a": -1.25}, lambda v: v["a"]),
    C(r"\operatorname*{argmax}_{\mu} -\frac{(x - \mu)^2}{2}", None, {"x": 0.7}, lambda v: v["x"]),
    C(r"\operatorname{diag}(x) y", VEC, {"x": X3, "y": Y3}, lambda v: np.diag(v["x"]) @ a_(v["y"])),
    C(r"\operatorname{tr}(\operatorname{diag}(x))", VEC, {"x": X3}, lambda v: np.sum(v["x"])),
    C(
        r"\operatorname{diag}(A) + x",
        MAT,
        {"A": A2, "x": [1.0, 2.0]},
        lambda v: np.diag(v["A"]) + a_(v["x"]),
    ),
    # \sin x \cos x is sin(x) cos(x); \tan^{-1} is arctan; \tanh^2(x) is tanh(x)^2
    C(r"\sin x \cos x", None, {"x": 0.7}, lambda v: math.sin(v["x"]) * math.cos(v["x"])),
    C(
        r"\sin x \cos y + \cos x \sin y",
        None,
        {"x": 0.7, "y": -0.3},
        lambda v: math.sin(v["x"] + v["y"]),
    ),
    C(r"\tan^{-1}(x)", None, {"x": 0.7}, lambda v: math.atan(v["x"])),
    C(
        r"\frac{2}{\pi} \tan^{-1}(x / s)",
        None,
        {"x": 0.7, "s": 2.0},
        lambda v: 2 / math.pi * math.atan(v["x"] / v["s"]),
    ),
    C(r"\tanh^2(x)", None, {"x": 0.7}, lambda v: math.tanh(v["x"]) ** 2),
    C(
        r"1 - \tanh^2(a x)",
        None,
        {"x": 0.7, "a": 2.0},
        lambda v: 1 - math.tanh(v["a"] * v["x"]) ** 2,
    ),
    # nested absolute values with \left| \right|
    C(r"\left|\left|x\right| - 1\right|", None, {"x": -0.25}, lambda v: abs(abs(v["x"]) - 1)),
    C(
        r"a \left|\left|x - y\right| - c\right|",
        None,
        {"x": 1.0, "y": 3.0, "a": 2.0, "c": 0.5},
        lambda v: v["a"] * abs(abs(v["x"] - v["y"]) - v["c"]),
    ),
    # -- elementwise functions of vectors, Hadamard products ------------------------------------
    C(
        r"\tanh(W x + b)",
        LIN,
        {"W": W23S, "x": X3, "b": [0.1, -0.2]},
        lambda v: np.tanh(a_(v["W"]) @ a_(v["x"]) + a_(v["b"])),
    ),
    C(r"\exp(-x)", VEC, {"x": X3}, lambda v: np.exp(-a_(v["x"]))),
    C(r"\sin(W x)", LIN, {"W": W23S, "x": X3}, lambda v: np.sin(a_(v["W"]) @ a_(v["x"]))),
    C(
        r"o \odot \tanh(c)",
        "o, c: vector[n]",
        {"o": [0.5, 0.2, 0.9], "c": X3},
        lambda v: a_(v["o"]) * np.tanh(v["c"]),
    ),
    C(
        r"\sigma(W x) \odot \tanh(W x)",
        LIN,
        {"W": W23S, "x": X3},
        lambda v: _sigmoid(a_(v["W"]) @ a_(v["x"])) * np.tanh(a_(v["W"]) @ a_(v["x"])),
    ),
    # \odot binds more loosely than juxtaposition: b \odot W x is b * (W x)
    C(
        r"b \odot W x",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2]},
        lambda v: a_(v["b"]) * (a_(v["W"]) @ a_(v["x"])),
    ),
    C(
        r"W x \odot b + y",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2], "y": [1.0, 2.0]},
        lambda v: (a_(v["W"]) @ a_(v["x"])) * a_(v["b"]) + a_(v["y"]),
    ),
    # -- sums and products ----------------------------------------------------------------------
    C(r"\sum_{i=1}^{n} x_i", VEC, {"x": X3}, lambda v: sum(v["x"])),
    C(r"\sum_{i=1}^{n} x_i^2", VEC, {"x": X3}, lambda v: float(a_(v["x"]) @ a_(v["x"]))),
    C(r"\sum_i w_i x_i", VEC, {"w": Y3, "x": X3}, lambda v: float(a_(v["w"]) @ a_(v["x"]))),
    C(
        r"\sum_i \left(x_i - \bar{x}\right)^2",
        "x: vector[n]",
        {"x": [1.0, 2.0, 4.0], "x_bar": 7 / 3},
        lambda v: np.sum((a_(v["x"]) - v["x_bar"]) ** 2),
    ),
    C(r"\sum_{j} e^{z_j}", "z: vector[n]", {"z": [0.0, 1.0, 2.0]}, lambda v: np.exp(v["z"]).sum()),
    C(
        r"\log \sum_{j} e^{z_j}",
        "z: vector[n]",
        {"z": [1.0, -2.0, 0.5]},
        lambda v: math.log(np.exp(v["z"]).sum()),
    ),
    C(
        r"\frac{1}{n} \sum_{i=1}^{n} \left(y_i - \hat{y}_i\right)^2",
        "y, y_hat: vector[n]; n: dim",
        {"y": [1.0, 2.0, 3.0, 4.0], "y_hat": [1.5, 1.5, 2.0, 5.0]},
        lambda v: np.mean((a_(v["y"]) - a_(v["y_hat"])) ** 2),
    ),
    C(
        r"-\sum_{i} p_i \log q_i",
        "p, q: simplex[n]",
        {"p": [0.2, 0.3, 0.5], "q": [0.1, 0.6, 0.3]},
        lambda v: -np.sum(a_(v["p"]) * np.log(v["q"])),
    ),
    C(
        r"\sum_{i} \sum_{j} W_{ij} x_i y_j",
        "W: matrix[m, n]; x: vector[m]; y: vector[n]",
        {"W": W23, "x": [1.0, -2.0], "y": X3},
        lambda v: a_(v["x"]) @ a_(v["W"]) @ a_(v["y"]),
    ),
    C(
        r"\sum_{i=1}^{m} \sum_{j=1}^{n} A_{ij}^2",
        "A: matrix[m, n]",
        {"A": W23},
        lambda v: np.sum(a_(v["A"]) ** 2),
    ),
    C(
        r"\sum_{j} W_{ij} x_j + b_i",
        LIN,
        {"W": W23, "x": X3, "b": [1.0, 2.0]},
        lambda v: a_(v["W"]) @ a_(v["x"]) + a_(v["b"]),
    ),
    C(r"\prod_{i=1}^{n} x_i", VEC, {"x": [2.0, -0.5, 3.0]}, lambda v: np.prod(v["x"])),
    C(
        r"\prod_{i=1}^{n} \left(1 + r_i\right) - 1",
        "r: vector[n]",
        {"r": [0.1, -0.05, 0.2]},
        lambda v: np.prod(1 + a_(v["r"])) - 1,
    ),
    C(r"\sum_{k=1}^{5} k^2", None, {}, lambda v: 55.0),
    C(
        r"\sum_{i=1}^{n} \prod_{j=1}^{n} A_{ij}",
        "A: matrix[n, n]",
        {"A": A2},
        lambda v: np.sum(np.prod(a_(v["A"]), axis=1)),
    ),
    # over a set the table does not declare: the index runs over the entries the summand picks
    C(
        r"\sum_{i \in S} w_i x_i",
        VEC,
        {"w": X3, "x": Y3},
        lambda v: a_(v["w"]) @ a_(v["x"]),
    ),
    C(
        r"\sum_{i \in B} \ell_i",
        "ell: vector[n]",
        {"ell": [1.0, 2.0, 3.0, 0.5]},
        lambda v: np.sum(v["ell"]),
    ),
    # -- norms and inner products ---------------------------------------------------------------
    C(r"\|x\|", VEC, {"x": [3.0, 4.0]}, lambda v: 5.0),
    C(r"\|x\|_2", VEC, {"x": X3}, lambda v: np.linalg.norm(v["x"])),
    C(r"\frac{x}{\|x\|_2}", VEC, {"x": X3}, lambda v: a_(v["x"]) / np.linalg.norm(v["x"])),
    C(r"\|x\|_2^2", VEC, {"x": X3}, lambda v: np.sum(a_(v["x"]) ** 2)),
    C(r"\|x\|_1", VEC, {"x": X3}, lambda v: np.sum(np.abs(v["x"]))),
    C(
        r"\|x - y\|_1 + \|x\|_1",
        VEC,
        {"x": X3, "y": Y3},
        lambda v: np.sum(np.abs(a_(v["x"]) - a_(v["y"]))) + np.sum(np.abs(v["x"])),
    ),
    C(
        r"\lVert x - y \rVert",
        VEC,
        {"x": X3, "y": Y3},
        lambda v: np.linalg.norm(a_(v["x"]) - a_(v["y"])),
    ),
    C(
        r"\lambda \lVert w \rVert_2^2",
        VEC,
        {"lambda": 0.01, "w": X3},
        lambda v: v["lambda"] * np.sum(a_(v["w"]) ** 2),
    ),
    C(
        r"\|W x - y\|_2^2",
        LIN,
        {"W": W23, "x": X3, "y": [1.0, -1.0]},
        lambda v: np.sum((a_(v["W"]) @ a_(v["x"]) - a_(v["y"])) ** 2),
    ),
    C(r"\langle x, y \rangle", VEC, {"x": X3, "y": Y3}, lambda v: a_(v["x"]) @ a_(v["y"])),
    C(
        r"\frac{\langle u, v \rangle}{\|u\| \|v\|}",
        VEC,
        {"u": X3, "v": Y3},
        lambda v: (a_(v["u"]) @ a_(v["v"])) / (np.linalg.norm(v["u"]) * np.linalg.norm(v["v"])),
    ),
    C(r"x^\top y", VEC, {"x": X3, "y": Y3}, lambda v: a_(v["x"]) @ a_(v["y"])),
    C(
        r"x^\top A x",
        "x: vector[n]; A: matrix[n, n]",
        {"x": [1.0, -2.0], "A": A2},
        lambda v: a_(v["x"]) @ a_(v["A"]) @ a_(v["x"]),
    ),
    C(r"\lVert x \rVert_1", VEC, {"x": X3}, lambda v: np.sum(np.abs(v["x"]))),
    C(
        r"\|W x + b\|_1",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2]},
        lambda v: np.sum(np.abs(a_(v["W"]) @ a_(v["x"]) + a_(v["b"]))),
    ),
    C(
        r"\lambda \|W x + b\|_1 + 1",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, -0.2], "lambda": 0.5},
        lambda v: v["lambda"] * np.sum(np.abs(a_(v["W"]) @ a_(v["x"]) + a_(v["b"]))) + 1,
    ),
    # -- matrices ---------------------------------------------------------------------------------
    C(r"A^T x", MAT, {"A": A2, "x": [1.0, 2.0]}, lambda v: a_(v["A"]).T @ a_(v["x"])),
    C(
        r"X^T X",
        "X: matrix[m, n]",
        {"X": [[1.0, 2.0], [3.0, 4.0], [5.0, -6.0]]},
        lambda v: a_(v["X"]).T @ a_(v["X"]),
    ),
    C(r"A^\top A", MAT, {"A": A2}, lambda v: a_(v["A"]).T @ a_(v["A"])),
    C(r"W^\top y", LIN, {"W": W23, "y": [2.0, -1.0]}, lambda v: a_(v["W"]).T @ a_(v["y"])),
    C(r"A^{\mathsf{T}} b", MAT, {"A": A2, "b": [0.5, -1.5]}, lambda v: a_(v["A"]).T @ a_(v["b"])),
    C(
        r"x^{\mathsf{T}} A x",
        MAT,
        {"x": [1.0, 2.0], "A": B2},
        lambda v: a_(v["x"]) @ a_(v["A"]) @ a_(v["x"]),
    ),
    C(
        r"A^{-1} b",
        MAT,
        {"A": A2, "b": [1.0, 1.0]},
        lambda v: np.linalg.solve(a_(v["A"]), a_(v["b"])),
    ),
    C(r"B A^{-1}", MAT, {"A": A2, "B": B2}, lambda v: a_(v["B"]) @ np.linalg.inv(v["A"])),
    C(
        r"(x - \mu)^\top \Sigma^{-1} (x - \mu)",
        "x, mu: vector[n]; Sigma: spd[n]",
        {"x": [1.0, 2.0], "mu": [0.0, 1.0], "Sigma": [[2.0, 0.5], [0.5, 1.0]]},
        lambda v: (a_(v["x"]) - v["mu"]) @ np.linalg.solve(v["Sigma"], a_(v["x"]) - v["mu"]),
    ),
    C(
        r"W x + b",
        LIN,
        {"W": W23, "x": X3, "b": [0.1, 0.2]},
        lambda v: a_(v["W"]) @ a_(v["x"]) + a_(v["b"]),
    ),
    C(
        r"Q K^\top",
        "Q: matrix[m, d]; K: matrix[n, d]",
        {"Q": [[1.0, 0.0], [0.5, 2.0], [-1.0, 1.0]], "K": [[2.0, 1.0], [0.0, -1.0]]},
        lambda v: a_(v["Q"]) @ a_(v["K"]).T,
    ),
    # d_k as the declared key dimension: its size is read off the arrays
    C(
        r"\frac{Q K^\top}{\sqrt{d_k}}",
        "Q: matrix[m, d_k]; K: matrix[n, d_k]",
        {"Q": [[1.0, 0.0, 2.0], [0.5, 2.0, -1.0]], "K": [[2.0, 1.0, 0.5], [0.0, -1.0, 1.0]]},
        lambda v: a_(v["Q"]) @ a_(v["K"]).T / math.sqrt(3.0),
        id="QK^T/sqrt(d_k) d_k dim",
    ),
    # d_k as a scalar of its own, given as a value
    C(
        r"\frac{Q K^\top}{\sqrt{d_k}}",
        "Q: matrix[m, d]; K: matrix[n, d]; d_k: scalar, positive",
        {"Q": [[1.0, 0.0], [0.5, 2.0]], "K": [[2.0, 1.0], [0.0, -1.0]], "d_k": 2.0},
        lambda v: a_(v["Q"]) @ a_(v["K"]).T / math.sqrt(v["d_k"]),
        id="QK^T/sqrt(d_k) d_k scalar",
    ),
    C(
        r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}",
        None,
        {},
        lambda v: np.array([[1.0, 2.0], [3.0, 4.0]]),
    ),
    C(
        r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix} x",
        "x: vector[n]",
        {"x": [1.0, -1.0]},
        lambda v: np.array([[1.0, 2.0], [3.0, 4.0]]) @ a_(v["x"]),
    ),
    C(r"\operatorname{tr}(A)", MAT, {"A": A2}, lambda v: np.trace(v["A"])),
    C(
        r"\operatorname{tr}(A^\top B)",
        MAT,
        {"A": A2, "B": B2},
        lambda v: np.trace(a_(v["A"]).T @ a_(v["B"])),
    ),
    C(r"\det(A)", MAT, {"A": A2}, lambda v: np.linalg.det(v["A"])),
    C(r"\det(A B)", MAT, {"A": A2, "B": B2}, lambda v: np.linalg.det(a_(v["A"]) @ a_(v["B"]))),
    C(
        r"\log \det(S)",
        "S: spd[n]",
        {"S": [[2.0, 0.5], [0.5, 1.0]]},
        lambda v: math.log(np.linalg.det(v["S"])),
    ),
    # pmatrix reads like bmatrix
    C(
        r"\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix} x",
        "x: vector[n]",
        {"x": [1.0, -1.0]},
        lambda v: np.array([[1.0, 2.0], [3.0, 4.0]]) @ a_(v["x"]),
    ),
    C(
        r"x^\top \begin{pmatrix} 2 & 0 \\ 0 & 3 \end{pmatrix} x",
        "x: vector[n]",
        {"x": [1.0, -1.5]},
        lambda v: a_(v["x"]) @ np.diag([2.0, 3.0]) @ a_(v["x"]),
    ),
    C(
        r"\det\left(\begin{pmatrix} a & b \\ c & d \end{pmatrix}\right)",
        None,
        {"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.5},
        lambda v: v["a"] * v["d"] - v["b"] * v["c"],
    ),
    # -- probability-style inputs -------------------------------------------------------------
    C(r"P(A \mid B) P(B)", "P: function", {r"P(A \mid B)": 0.5, "P(B)": 0.4}, lambda v: 0.2),
    C(
        r"\frac{P(B \mid A) P(A)}{P(B)}",
        "P: function",
        {r"P(B \mid A)": 0.9, "P(A)": 0.01, "P(B)": 0.05},
        lambda v: 0.9 * 0.01 / 0.05,
    ),
    C(r"-\log p(x \mid \theta)", None, {r"p(x \mid \theta)": 0.25}, lambda v: math.log(4.0)),
    C(r"\frac{P(A, B)}{P(B)}", "P: function", {"P(A, B)": 0.12, "P(B)": 0.4}, lambda v: 0.3),
    # a bare bar P(A|B), a joint P(A, B), parameters after `;`, \mathcal{N} as a name or defined
    C(r"P(A|B) P(B)", "P: function", {r"P(A|B)": 0.5, "P(B)": 0.4}, lambda v: 0.2),
    C(
        r"\frac{P(B|A) P(A)}{P(B)}",
        "P: function",
        {r"P(B|A)": 0.9, "P(A)": 0.01, "P(B)": 0.05},
        lambda v: 0.9 * 0.01 / 0.05,
    ),
    C(
        r"P(A|B) = \frac{P(A, B)}{P(B)}",
        "P: function",
        {"P(A, B)": 0.12, "P(B)": 0.4},
        lambda v: 0.3,
    ),
    C(
        r"P(A, B) - P(A) P(B)",
        "P: function",
        {"P(A, B)": 0.2, "P(A)": 0.3, "P(B)": 0.4},
        lambda v: 0.2 - 0.3 * 0.4,
    ),
    C(
        r"p(x; \theta) = \theta^x (1 - \theta)^{1 - x}",
        None,
        {"x": 0.0, "theta": 0.3},
        lambda v: v["theta"] ** v["x"] * (1 - v["theta"]) ** (1 - v["x"]),
    ),
    C(
        r"\log p(x; \theta) - \log p(x; \theta_0)",
        None,
        {r"p(x; \theta)": 0.5, r"p(x; \theta_0)": 0.2},
        lambda v: math.log(0.5 / 0.2),
    ),
    C(
        r"\mathcal{N}(x; \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}"
        r" \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)",
        None,
        {"x": 0.5, "mu": 0.1, "sigma": 1.5},
        lambda v: (
            math.exp(-((v["x"] - v["mu"]) ** 2) / (2 * v["sigma"] ** 2))
            / math.sqrt(2 * math.pi * v["sigma"] ** 2)
        ),
    ),
    # \mathcal{N}(x; \mu, \sigma^2) undeclared is the normal density, the second parameter the
    # variance: a mixture of two
    C(
        r"w \mathcal{N}(x; \mu_1, \sigma_1^2) + (1 - w) \mathcal{N}(x; \mu_2, \sigma_2^2)",
        None,
        {"w": 0.3, "x": 0.5, r"\mu_1": -0.2, r"\sigma_1": 1.5, r"\mu_2": 1.1, r"\sigma_2": 0.7},
        lambda v: (
            0.3 * np.exp(-((0.5 + 0.2) ** 2) / (2 * 1.5**2)) / np.sqrt(2 * np.pi * 1.5**2)
            + 0.7 * np.exp(-((0.5 - 1.1) ** 2) / (2 * 0.7**2)) / np.sqrt(2 * np.pi * 0.7**2)
        ),
    ),
    # -- derivatives and gradients as named quantities --------------------------------------------
    C(
        r"w_{ij} - \eta \frac{\partial L}{\partial w_{ij}}",
        None,
        {"w_ij": 1.0, "eta": 0.1, r"\frac{\partial L}{\partial w_{ij}}": 2.5},
        lambda v: v["w_ij"] - v["eta"] * v[r"\frac{\partial L}{\partial w_{ij}}"],
    ),
    C(
        r"\frac{\partial L}{\partial \hat{y}} = \hat{y} - y",
        None,
        {"y_hat": 0.3, "y": 1.0},
        lambda v: v["y_hat"] - v["y"],
    ),
    C(
        r"\frac{\partial L}{\partial W_{ij}} = \delta_i x_j",
        "W: matrix[m, n]; delta: vector[m]; x: vector[n]; i, j: index",
        {"delta": [1.0, 2.0], "x": X3},
        lambda v: np.outer(v["delta"], v["x"]),
    ),
    C(
        r"\theta - \eta \nabla_\theta L(\theta)",
        "theta: vector[n]; L: function",
        {"theta": [1.0, 2.0], "eta": 0.1, r"\nabla_\theta L(\theta)": [0.5, -0.5]},
        lambda v: a_(v["theta"]) - v["eta"] * a_(v[r"\nabla_\theta L(\theta)"]),
    ),
    C(
        r"\theta_{t+1} = \theta_t - \eta \nabla_\theta L(\theta_t)",
        "theta_t: vector[n]; L: function",
        {"theta_t": X3, "eta": 0.1, r"\nabla_\theta L(\theta_t)": Y3},
        lambda v: a_(v["theta_t"]) - v["eta"] * a_(v[r"\nabla_\theta L(\theta_t)"]),
    ),
    C(
        r"\|\nabla_\theta L(\theta)\|_2",
        "theta: vector[n]; L: function",
        {r"\nabla_\theta L(\theta)": [3.0, 4.0]},
        lambda v: 5.0,
    ),
    # -- piecewise ----------------------------------------------------------------------------------
    C(
        r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        None,
        {"x": 2.0},
        lambda v: 2.0,
        id="cases relu positive",
    ),
    C(
        r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        None,
        {"x": -1.0},
        lambda v: 0.0,
        id="cases relu negative",
    ),
    C(
        r"\begin{cases} \frac{1}{2} x^2 & |x| \le \delta \\ \delta \left(|x| - \frac{1}{2}\delta\right)"
        r" & \text{otherwise} \end{cases}",
        None,
        {"x": -3.0, "delta": 1.0},
        lambda v: v["delta"] * (abs(v["x"]) - 0.5 * v["delta"]),
        id="huber outer",
    ),
    C(
        r"\begin{cases} \frac{1}{2} x^2 & |x| \le \delta \\ \delta |x| - \frac{1}{2}\delta^2"
        r" & \text{otherwise} \end{cases}",
        None,
        {"x": -3.0, "delta": 1.0},
        lambda v: abs(v["x"]) - 0.5,
        id="huber outer (no parentheses)",
    ),
    C(
        r"\begin{cases} \frac{1}{2} x^2 & |x| \le \delta \\ \delta |x| - \frac{1}{2}\delta^2"
        r" & \text{otherwise} \end{cases}",
        None,
        {"x": 0.4, "delta": 1.0},
        lambda v: 0.5 * v["x"] ** 2,
        id="huber inner (no parentheses)",
    ),
    C(
        r"\begin{cases} 1 & \text{if } x \ge 0 \\ -1 & \text{otherwise} \end{cases}",
        None,
        {"x": -0.5},
        lambda v: -1.0,
    ),
    # an inequality alone has no value: \ge, \geq, <, >, \le, \leq are checked as conditions
    C(
        r"\begin{cases} x & x \geq 0 \\ \alpha x & x < 0 \end{cases}",
        None,
        {"x": -2.0, "alpha": 0.1},
        lambda v: v["alpha"] * v["x"],
    ),
    C(
        r"\begin{cases} 0 & x < a \\ 1 & x \ge a \end{cases}",
        None,
        {"x": -0.5, "a": 0.1},
        lambda v: 0.0,
    ),
    C(
        r"\begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ 0 & \text{otherwise}"
        r" \end{cases}",
        None,
        {"x": -2.0, "lambda": 0.5},
        lambda v: v["x"] + v["lambda"],
    ),
    C(r"\begin{cases} 0 & x \leq 0 \\ x^2 & x > 0 \end{cases}", None, {"x": -1.0}, lambda v: 0.0),
    C(
        r"\begin{cases} -c & x \leq -c \\ x & |x| \leq c \\ c & \text{otherwise} \end{cases}",
        None,
        {"x": 0.3, "c": 1.0},
        lambda v: float(np.clip(v["x"], -v["c"], v["c"])),
    ),
    C(
        r"x \begin{cases} 1 & x > 0 \\ 0.5 & x \le 0 \end{cases}",
        None,
        {"x": -0.4},
        lambda v: 0.5 * v["x"],
    ),
    C(
        r"\begin{cases} \frac{1}{2}x^2 & |x| < 1 \\ |x| - \frac{1}{2} & |x| \geq 1 \end{cases}",
        None,
        {"x": 0.4},
        lambda v: 0.5 * v["x"] ** 2,
    ),
    # -- relations ----------------------------------------------------------------------------------
    C(r"y = 2x + 1", None, {"x": 1.5}, lambda v: 4.0),
    C(
        r"L := \frac{1}{2}(y - \hat{y})^2",
        None,
        {"y": 1.0, "y_hat": 0.4},
        lambda v: 0.5 * (v["y"] - v["y_hat"]) ** 2,
    ),
    C(r"f \coloneqq a b", None, {"a": 2.0, "b": 3.0}, lambda v: 6.0),
    C(
        r"\hat{y} := W x + b",
        LIN,
        {"W": W23, "x": X3, "b": [1.0, 1.0]},
        lambda v: a_(v["W"]) @ a_(v["x"]) + a_(v["b"]),
    ),
    C(
        r"\mathcal{L} \coloneqq -\sum_i y_i \log \hat{y}_i",
        "y, y_hat: vector[n]",
        {"y": [0.0, 1.0, 0.0], "y_hat": [0.2, 0.7, 0.1]},
        lambda v: -np.sum(a_(v["y"]) * np.log(v["y_hat"])),
    ),
    C(
        r"\hat{y} = \sigma(w^\top x + b)",
        "w, x: vector[n]",
        {"w": [1.0, 2.0], "x": [0.5, -0.25], "b": 0.2},
        lambda v: _sigmoid(a_(v["w"]) @ a_(v["x"]) + v["b"]),
    ),
    C(r"h_i = \sum_{j} W_{ij} x_j", LIN, {"W": W23, "x": X3}, lambda v: a_(v["W"]) @ a_(v["x"])),
    # -- integrals ----------------------------------------------------------------------------------
    C(r"\int_{0}^{1} x^2 \, dx", None, {}, lambda v: 1.0 / 3.0),
    C(r"\int_{-\infty}^{\infty} e^{-x^2}\, dx", None, {}, lambda v: math.sqrt(math.pi)),
    C(r"\int_0^{1} e^{t}\,dt", None, {}, lambda v: math.e - 1.0),
    C(r"\int_{0}^{a} x \, dx", None, {"a": 3.0}, lambda v: v["a"] ** 2 / 2),
    C(
        r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-\frac{x^2}{2}} \, dx",
        None,
        {},
        lambda v: 1.0,
    ),
    # convolution-shaped integrals; \mathrm{d} as the differential
    C(
        r"\int_0^{t} e^{-\tau} (t - \tau)\, d\tau",
        None,
        {"t": 1.5},
        lambda v: v["t"] - 1 + math.exp(-v["t"]),
    ),
    C(
        r"\int_{-\infty}^{\infty} e^{-\tau^2} e^{-(t - \tau)^2}\, d\tau",
        None,
        {"t": 1.0},
        lambda v: math.sqrt(math.pi / 2) * math.exp(-(v["t"] ** 2) / 2),
    ),
    C(r"\int_0^2 x \,\mathrm{d}x", None, {}, lambda v: 2.0),
    C(r"\int_{0}^{1} 3 x^2 \,\mathrm{d}x + c", None, {"c": 0.5}, lambda v: 1.0 + v["c"]),
    # derivatives written out are taken before evaluating; \mathrm{d} is the differential
    C(r"\frac{d}{dx} x^3", None, {"x": 2.0}, lambda v: 3 * v["x"] ** 2),
    C(r"\frac{d}{dx}\left(x^2 + 1\right) - x", None, {"x": 2.0}, lambda v: v["x"]),
    C(r"\frac{\mathrm{d}}{\mathrm{d}x} x^3", None, {"x": 2.0}, lambda v: 3 * v["x"] ** 2),
    C(
        r"\frac{\partial}{\partial w} \frac{1}{2} (w x - y)^2",
        None,
        {"w": 0.5, "x": 2.0, "y": 3.0},
        lambda v: (v["w"] * v["x"] - v["y"]) * v["x"],
    ),
    C(
        r"\nabla_x \frac{1}{2} x^\top A x",
        "x: vector[n]; A: matrix[n, n]",
        {"x": [1.0, -2.0], "A": A2},
        lambda v: 0.5 * (a_(v["A"]) + a_(v["A"]).T) @ a_(v["x"]),
    ),
    # chains: the value is the last right side
    C(
        r"L = \frac{1}{2} r^2 = \frac{1}{2} (y - \hat{y})^2",
        None,
        {"y": 2.0, "y_hat": 0.5},
        lambda v: 0.5 * (v["y"] - v["y_hat"]) ** 2,
    ),
    C(r"\hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}", None, {"z": 0.3}, lambda v: _sigmoid(v["z"])),
    # Bayes' rule without a symbol table: P is a function everywhere in the formula
    C(
        r"\frac{P(B \mid A) P(A)}{P(B)}",
        None,
        {r"P(B \mid A)": 0.9, "P(A)": 0.01, "P(B)": 0.05},
        lambda v: 0.9 * 0.01 / 0.05,
    ),
    # expectations: over the categories of a simplex, or against a density
    C(
        r"\mathbb{E}_{k \sim p}[-\log q_k]",
        "p, q: simplex[n]",
        {"p": [0.2, 0.5, 0.3], "q": [0.6, 0.1, 0.3]},
        lambda v: -np.sum(a_(v["p"]) * np.log(a_(v["q"]))),
    ),
    C(
        r"\mathbb{E}_{y \sim \pi}\left[r_y\right] - b",
        r"\pi: simplex[n]; r: vector[n]",
        {"pi": [0.25, 0.75], "r": [1.0, -2.0], "b": 0.5},
        lambda v: 0.25 - 1.5 - 0.5,
    ),
    C(
        r"\mathbb{E}_{x \sim p}\left[x^2\right]",
        None,
        {},
        lambda v: 1.0,
        define={"p(x)": r"\frac{1}{\sqrt{2 \pi}} e^{-x^2 / 2}"},
    ),
    C(
        r"\mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}[x^2] - \mu^2",
        r"\mathcal{N}: function",
        {"mu": 1.0, "sigma": 2.0},
        lambda v: v["sigma"] ** 2,
        define={r"\mathcal{N}(x; m, s)": r"\frac{1}{\sqrt{2 \pi s}} e^{-(x - m)^2 / (2 s)}"},
    ),
    # a function of an environment written without parentheses
    C(
        r"\det\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
        None,
        {"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.5},
        lambda v: v["a"] * v["d"] - v["b"] * v["c"],
    ),
    C(
        r"\operatorname{tr} \begin{bmatrix} x & 1 \\ 2 & x^2 \end{bmatrix} + 1",
        None,
        {"x": 3.0},
        lambda v: v["x"] + v["x"] ** 2 + 1,
    ),
    # \sum_{x \in X} over the entries of a declared vector; |B| next to \sum_{i \in B} is its size
    C(r"\sum_{x \in X} x^2", "X: vector[n]", {"X": X3}, lambda v: float(np.sum(a_(X3) ** 2))),
    C(
        r"\frac{1}{|B|} \sum_{i \in B} \ell_i",
        r"\ell: vector[n]",
        {"ell": [1.0, 2.0, 3.0]},
        lambda v: 2.0,
    ),
    # x^{(i)} inside a sum over i: the i-th sample
    C(
        r"\frac{1}{m} \sum_{i=1}^{m} (y^{(i)} - \hat{y}^{(i)})^2",
        r"y, \hat{y}: vector[m]",
        {"y": X3, "y_hat": Y3},
        lambda v: np.mean((a_(X3) - a_(Y3)) ** 2),
    ),
    C(
        r"-\sum_{i=1}^{m} \log \sigma(y^{(i)} z^{(i)})",
        "y, z: vector[m]",
        {"y": [1.0, -1.0, 1.0], "z": X3},
        lambda v: -np.sum(np.log(_sigmoid(a_([1.0, -1.0, 1.0]) * a_(X3)))),
    ),
    # maxima over an index
    C(
        r"\max_{i} z_i - \min_{i} z_i",
        "z: vector[n]; i: index",
        {"z": X3},
        lambda v: max(X3) - min(X3),
    ),
    C(
        r"\log \sum_{j=1}^{n} e^{z_j - \max_{1 \le k \le n} z_k} + \max_k z_k",
        "z: vector[n]; j, k: index",
        {"z": X3},
        lambda v: np.log(np.sum(np.exp(a_(X3)))),
    ),
]


@pytest.mark.parametrize(("latex", "symbols", "values", "expected", "define"), CASES)
def test_evaluate_matches_numpy(latex, symbols, values, expected, define):
    got = np.asarray(dx.evaluate(latex, values, symbols, define=define), dtype=np.float64)
    want = np.asarray(expected(values), dtype=np.float64)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    assert_allclose(got, want, rtol=1e-10, atol=1e-12)


BAD = [
    r"\frac{1}{",
    r"x^^2",
    r"\left( x",
    r"\foo x",
    r"a +",
    r"\sum x",
    r"a + b}",
    r"\begin{cases} x \end{bmatrix}",
    r"(a + b",
    r"a + b)",
    r"\frac{1}",
    r"x^",
    r"\sqrt",
    r"\|x",
    r"\langle x, y",
    r"\begin{bmatrix} 1 & 2",
    r"{a + b",
    r"a \cdot",
    r"\left( x \right",
]


@pytest.mark.parametrize("latex", [pytest.param(s, id=s) for s in BAD])
def test_malformed_latex_raises_parse_error(latex):
    with pytest.raises(dx.ParseError) as info:
        dx.parse(latex)
    err = info.value
    assert isinstance(err.position, int)
    assert 0 <= err.position <= len(latex)
    assert err.latex == latex
