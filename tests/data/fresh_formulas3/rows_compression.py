"""Quantization, pruning and federated learning (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, spd

A = Area("compression")
row = A.row

xq = [0.234, -0.517, 0.361, 0.9, -0.05]
row(
    "asymmetric_scale",
    r"s = \frac{\max(x) - \min(x)}{2^b - 1}",
    "x: vector[n]; b: scalar, integer, positive",
    {"x": xq, "b": 4},
    lambda x, b: (max(x) - min(x)) / (2**b - 1),
    wrt="x",
    source="scale of an asymmetric uniform quantizer over the range [min x, max x] (Krishnamoorthi, 2018, Sec. 2.1; Nagel et al., 2021, Sec. 2.2)",
)
row(
    "quantize_dequantize",
    r"s \left( \operatorname{clamp}\left( \left\lfloor \frac{x}{s} \right\rceil + z ; 0, 2^b - 1 \right) - z \right)",
    "x: vector[n]; s: scalar, positive; z: scalar, integer; b: scalar, integer, positive",
    {"x": [0.234, -0.517, 0.361, 0.913, -0.07], "s": 0.1, "z": 8, "b": 4},
    lambda x, s, z, b: np.asarray(
        [s * (min(max(float(np.round(v / s)) + z, 0.0), 2**b - 1) - z) for v in x]
    ),
    source="quantize then dequantize, x_int = clamp(round(x / s) + z; 0, 2^b - 1), x_hat = s (x_int - z) (Nagel et al., 2021, Eq. 7-9)",
    note="no input sits at a rounding tie",
)
row(
    "soft_quantizer",
    r"\frac{\tanh\left(k (x - m_i)\right)}{\tanh\left(\frac{1}{2} k \Delta\right)}",
    "x, m_i: scalar; k, Delta: scalar, positive",
    {"x": 0.31, "m_i": 0.25, "k": 10.0, "Delta": 0.5},
    lambda x, m_i, k, Delta: math.tanh(k * (x - m_i)) / math.tanh(0.5 * k * Delta),
    wrt="x",
    source="differentiable soft quantization phi(x) = s tanh(k (x - m_i)), s = 1 / tanh(k Delta / 2) (Gong et al., 2019, Eq. 3-4)",
)


def lsq_grad(v, s, Q_N, Q_P):
    r = v / s
    if r <= -Q_N:
        return -Q_N
    if r >= Q_P:
        return Q_P
    return -r + float(np.round(r))


row(
    "lsq_step_gradient",
    r"\begin{cases} -\frac{v}{s} + \left\lfloor \frac{v}{s} \right\rceil & \text{if } -Q_N < \frac{v}{s} < Q_P \\ -Q_N & \text{if } \frac{v}{s} \le -Q_N \\ Q_P & \text{if } \frac{v}{s} \ge Q_P \end{cases}",
    "v: scalar; s, Q_N, Q_P: scalar, positive",
    {"v": 0.83, "s": 0.25, "Q_N": 8.0, "Q_P": 7.0},
    lsq_grad,
    source="gradient of the quantized value with respect to the step size (Esser et al., 2020, LSQ, Eq. 3)",
)
row(
    "pact_clip",
    r"y = 0.5 \left( |x| - |x - \alpha| + \alpha \right)",
    "x: scalar; alpha: scalar, positive",
    {"x": 2.3, "alpha": 1.5},
    lambda x, alpha: 0.5 * (abs(x) - abs(x - alpha) + alpha),
    wrt="alpha",
    source="PACT clipped activation (Choi et al., 2018, Eq. 1)",
)
row(
    "pact_quantize",
    r"\operatorname{round}\left( y \cdot \frac{2^k - 1}{\alpha} \right) \cdot \frac{\alpha}{2^k - 1}",
    "y: scalar; alpha: scalar, positive; k: scalar, integer, positive",
    {"y": 0.83, "alpha": 1.5, "k": 3},
    lambda y, alpha, k: float(np.round(y * (2**k - 1) / alpha)) * alpha / (2**k - 1),
    source="PACT k-bit quantization of the clipped activation (Choi et al., 2018, Eq. 2)",
)
wp = rnd(1700, 6)
row(
    "magnitude_pruning",
    r"w_i \, \mathbb{1}\left[ |w_i| > \tau \right]",
    "w: vector[n]; tau: scalar, positive; i: index",
    {"w": wp, "tau": 0.4},
    lambda w, tau: np.asarray([w[i] * (1.0 if abs(w[i]) > tau else 0.0) for i in range(len(w))]),
    source="magnitude pruning with a threshold (Han, Pool, Tran and Dally, 2015, Sec. 3)",
)
gm = rnd(1701, 5)
am = rnd(1702, 5, lo=0.0, hi=2.0)
row(
    "taylor_criterion",
    r"\left| \frac{1}{M} \sum_{m=1}^{M} g_m a_m \right|",
    "g, a: vector[M]; m: index; M: dim",
    {"g": gm, "a": am},
    lambda g, a: abs(sum(g[m] * a[m] for m in range(len(g))) / len(g)),
    wrt="a",
    source="first-order Taylor pruning criterion (Molchanov et al., 2017, Eq. 8), g_m = dC/dz_m and a_m = z_m over the M entries of a feature map",
)
Hh = spd(1703, 4)
uo = rnd(1704, 4)
row(
    "obd_saliency",
    r"s_k = \frac{h_{kk} u_k^2}{2}",
    "h: matrix[n, n]; u: vector[n]; k: index",
    {"h": Hh, "u": uo},
    lambda h, u: np.asarray([h[k][k] * u[k] ** 2 / 2 for k in range(len(u))]),
    source="Optimal Brain Damage saliency (LeCun, Denker and Solla, 1990, Eq. 6)",
)
Hs = spd(1705, 4)
ws = rnd(1706, 4)
row(
    "obs_saliency",
    r"L_q = \frac{1}{2} \frac{w_q^2}{[\mathbf{H}^{-1}]_{qq}}",
    "w: vector[n]; H: spd[n]; q: label[n]",
    {"w": ws, "H": Hs, "q": 2},
    lambda w, H, q: 0.5 * w[int(q) - 1] ** 2 / np.linalg.inv(H)[int(q) - 1, int(q) - 1],
    wrt="w",
    source="Optimal Brain Surgeon saliency (Hassibi and Stork, 1993, Eq. 5)",
)
eq = [0.0, 0.0, 1.0, 0.0]
row(
    "obs_update",
    r"\delta \mathbf{w} = -\frac{w_q}{[\mathbf{H}^{-1}]_{qq}} \mathbf{H}^{-1} \cdot \mathbf{e}_q",
    "w, e_q: vector[n]; H: spd[n]; q: scalar, integer, positive",
    {"w": ws, "e_q": eq, "H": Hs, "q": 3},
    lambda w, e_q, H, q: (
        -w[int(q) - 1] / np.linalg.inv(H)[int(q) - 1, int(q) - 1] * (np.linalg.inv(H) @ e_q)
    ),
    source="Optimal Brain Surgeon weight update (Hassibi and Stork, 1993, Eq. 5), e_q the unit vector of weight q",
)
la = rnd(1707, 5, lo=0.2, hi=3.0)
row(
    "l0_expected_gates",
    r"\sum_{j=1}^{n} \operatorname{Sigmoid}\left(\log \alpha_j - \beta \log \frac{-\gamma}{\zeta}\right)",
    "alpha: vector[n], positive; beta, zeta: scalar, positive; gamma: scalar; j: index",
    {"alpha": la, "beta": 2 / 3, "gamma": -0.1, "zeta": 1.1},
    lambda alpha, beta, gamma, zeta: sum(
        1 / (1 + math.exp(-(math.log(a) - beta * math.log(-gamma / zeta)))) for a in alpha
    ),
    wrt="alpha",
    source="expected L0 norm under hard concrete gates (Louizos, Welling and Kingma, 2018, Eq. 12), the sum over the n gated parameters",
)
pk = simplex(1708, 3)
Wk = rnd(1709, 3, 4)
row(
    "fedavg_aggregation",
    r"\sum_{k=1}^{N} p_k w_k",
    "p: simplex[N]; W: matrix[N, d]; w_k: row[W]; k: index",
    {"p": pk, "W": Wk},
    lambda p, W: sum(p[k] * W[k] for k in range(len(p))),
    source="FedAvg aggregation w_t = sum_k p_k w_t^k (Li, Huang, Yang, Wang and Zhang, 2020, Sec. 2; McMahan et al., 2017, Algorithm 1 with p_k = n_k / n)",
    note="row k of W holds client k's weights; Li et al. write the client model w_t^k, which a symbol table cannot declare as a family, so the client index is a subscript here",
)
Xk = rnd(1710, 4, 3)
yk = rnd(1711, 4)
wv = rnd(1712, 3)
wt = rnd(1713, 3)
row(
    "fedprox_local_objective",
    r"\frac{1}{2 n_k} \|X_k w - y_k\|_2^2 + \frac{\mu}{2} \|w - w^t\|^2",
    "X_k: matrix[m, d]; y_k: vector[m]; w, w^{t}: vector[d]; n_k, mu: scalar, positive",
    {"X_k": Xk, "y_k": yk, "w": wv, "w_sup_t": wt, "n_k": 4.0, "mu": 0.1},
    lambda X_k, y_k, w, w_sup_t, n_k, mu: (
        float(np.sum((X_k @ w - y_k) ** 2)) / (2 * n_k) + mu / 2 * float(np.sum((w - w_sup_t) ** 2))
    ),
    wrt="w",
    source="FedProx local objective h_k(w; w^t) = F_k(w) + mu/2 ||w - w^t||^2 (Li et al., 2020, Eq. 2) with a least-squares F_k",
)
row(
    "scaffold_local_step",
    r"y_i - \eta_l \left( g_i - c_i + c \right)",
    "y_i, g_i, c_i, c: vector[d]; eta_l: scalar, positive",
    {
        "y_i": rnd(1714, 3),
        "g_i": rnd(1715, 3),
        "c_i": rnd(1716, 3),
        "c": rnd(1717, 3),
        "eta_l": 0.1,
    },
    lambda y_i, g_i, c_i, c, eta_l: y_i - eta_l * (g_i - c_i + c),
    source="SCAFFOLD local update y_i <- y_i - eta_l (g_i(y_i) - c_i + c) (Karimireddy et al., 2020, Algorithm 1)",
)
row(
    "fedadam_server_step",
    r"x_{t+1} = x_t + \eta \frac{m_t}{\sqrt{v_t} + \tau}",
    "x_t, m_t: vector[d]; v_t: vector[d], nonnegative; eta, tau: scalar, positive",
    {
        "x_t": rnd(1718, 3),
        "m_t": rnd(1719, 3),
        "v_t": rnd(1720, 3, lo=0.01, hi=0.5),
        "eta": 0.01,
        "tau": 0.001,
    },
    lambda x_t, m_t, v_t, eta, tau: x_t + eta * m_t / (np.sqrt(v_t) + tau),
    source="FedAdam server update (Reddi et al., 2021, Algorithm 2)",
)
row(
    "dp_sgd_clipping",
    r"g / \max\left(1, \frac{\|g\|_2}{C}\right)",
    "g: vector[d]; C: scalar, positive",
    {"g": [0.8, -1.3, 0.4], "C": 1.0},
    lambda g, C: g / max(1.0, float(np.linalg.norm(g)) / C),
    source="per-example gradient clipping of DP-SGD (Abadi et al., 2016, Algorithm 1)",
)

if __name__ == "__main__":
    A.write()
