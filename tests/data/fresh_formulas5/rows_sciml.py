"""Scientific machine learning: residuals and losses of physics-informed networks (heat, Burgers,
Allen-Cahn, KdV) from given derivative values, causal residual weights, Fourier features and
NeRF's positional encoding, SIREN's sine layer, DeepONet, Euler and Runge-Kutta steps of neural
ODEs, Hamiltonians of Hamiltonian neural networks and Sobolev training (NumPy references from
each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("sciml")
row = A.row

ut = rnd(3700, 5)
uxx = rnd(3701, 5, lo=-2.0, hi=2.0)
row(
    "heat_residual_loss",
    r"\mathrm{MSE}_f = \frac{1}{N_f} \sum_{i=1}^{N_f} \left| u_t^{i} - \kappa u_{xx}^{i} \right|^2",
    r"u_t, u_{xx}: vector[N_f]; \kappa: scalar, positive; i: index",
    {"u_t": ut, "u_xx": uxx, "kappa": 0.4},
    lambda u_t, u_xx, kappa: (
        sum((u_t[i] - kappa * u_xx[i]) ** 2 for i in range(len(u_t))) / len(u_t)
    ),
    wrt=r"u_{xx}",
    key="u_xx",
    source="physics-informed residual loss MSE_f = (1/N_f) sum_i |f(t_f^i, x_f^i)|^2 with f := u_t - kappa u_xx for the heat equation (Raissi, Perdikaris and Karniadakis, 2019, Physics-Informed Neural Networks, Eqs. 2-4)",
    note="u_t^i and u_xx^i the network's derivatives at the i-th collocation point, the entries of u_t and u_xx (a superscript index, as the paper writes it, that the table cannot declare)",
)
row(
    "burgers_residual",
    r"f := u_t + u u_x - (0.01/\pi) u_{xx}",
    "u, u_t, u_x, u_{xx}: scalar",
    {"u": 0.6, "u_t": -0.2, "u_x": 1.3, "u_xx": -4.5},
    lambda u, u_t, u_x, u_xx: u_t + u * u_x - (0.01 / math.pi) * u_xx,
    wrt="u",
    source="residual of Burgers' equation at one collocation point (Raissi, Perdikaris and Karniadakis, 2019, Sec. 3.1.1, Eq. 3)",
    note="u_t, u_x, u_xx the partial derivatives of the network output u, given",
)
row(
    "allen_cahn_residual",
    r"u_t - 0.0001 u_{xx} + 5 u^3 - 5 u",
    "u, u_t, u_{xx}: scalar",
    {"u": 0.7, "u_t": 0.3, "u_xx": -12.0},
    lambda u, u_t, u_xx: u_t - 0.0001 * u_xx + 5 * u**3 - 5 * u,
    wrt="u",
    source="residual of the Allen-Cahn equation (Raissi, Perdikaris and Karniadakis, 2019, Sec. 3.2.2)",
)
row(
    "kdv_residual",
    r"u_t + \lambda_1 u u_x + \lambda_2 u_{xxx}",
    r"u, u_t, u_x, u_{xxx}, \lambda_1, \lambda_2: scalar",
    {"u": 0.5, "u_t": -0.1, "u_x": 0.8, "u_xxx": 2.2, "lambda_1": 1.0, "lambda_2": 0.0025},
    lambda u, u_t, u_x, u_xxx, lambda_1, lambda_2: u_t + lambda_1 * u * u_x + lambda_2 * u_xxx,
    wrt=r"\lambda_1",
    key="lambda_1",
    source="residual of the Korteweg-de Vries equation with unknown parameters lambda_1, lambda_2 for data-driven discovery (Raissi, Perdikaris and Karniadakis, 2019, Sec. 4.2.2)",
)
Lr = [0.8, 0.5, 1.1, 0.3]


def causal(L_cal_r, epsilon):
    return np.array([math.exp(-epsilon * sum(L_cal_r[:i])) for i in range(len(L_cal_r))])


row(
    "causal_residual_weights",
    r"w_i = \exp\left(-\epsilon \sum_{k=1}^{i-1} \mathcal{L}_r(t_k, \theta)\right)",
    r"\mathcal{L}_r: vector[N_t]; \epsilon: scalar, positive; i, k: index",
    {"L_cal_r": Lr, "epsilon": 1.0},
    causal,
    source="temporal weights of the causal training of PINNs, i = 1, ..., N_t (Wang, Sankaran and Perdikaris, 2022, Respecting Causality is All You Need for Training Physics-Informed Neural Networks, Sec. 3)",
    note="L_r(t_k, theta) the residual loss at time t_k, the k-th entry of L_r (the table cannot declare a function's values); w_1 = 1 (empty sum)",
)
B_ff = rnd(3702, 3, 2, lo=-3.0, hi=3.0)
v_ff = rnd(3703, 2)


def fourier(B, v):
    z = 2 * math.pi * (B @ v)
    return np.concatenate([np.cos(z), np.sin(z)])


row(
    "gaussian_fourier_features",
    r"\gamma(\mathbf{v}) = \left[ \cos(2 \pi \mathbf{B} \mathbf{v}), \sin(2 \pi \mathbf{B} \mathbf{v}) \right]^{\mathrm{T}}",
    "B: matrix[m, d]; v: vector[d]",
    {"B": B_ff, "v": v_ff},
    fourier,
    source="Gaussian random Fourier feature mapping, B with entries from N(0, sigma^2) (Tancik et al., 2020, Fourier Features Let Networks Learn High Frequency Functions in Low Dimensional Domains, Sec. 6)",
    note="the m cosines then the m sines, stacked into one vector of 2m entries",
)
a_ff = [1.0, 0.5, 0.25]
v1 = rnd(3704, 2)
v2 = rnd(3705, 2)
row(
    "fourier_feature_kernel",
    r"k_\gamma(\mathbf{v}_1, \mathbf{v}_2) = \sum_{j=1}^{m} a_j^2 \cos\left(2\pi \mathbf{b}_j^{\mathrm{T}} (\mathbf{v}_1 - \mathbf{v}_2)\right)",
    "a: vector[m]; B: matrix[m, d]; b_j: row[B]; v_1, v_2: vector[d]; j: index",
    {"a": a_ff, "B": B_ff, "v_1": v1, "v_2": v2},
    lambda a, B, v_1, v_2: sum(
        a[j] ** 2 * math.cos(2 * math.pi * float(B[j] @ (v_1 - v_2))) for j in range(len(a))
    ),
    wrt="v_1",
    source="the stationary kernel induced by the Fourier feature mapping, gamma(v_1)^T gamma(v_2) (Tancik et al., 2020, Sec. 4)",
)


def nerf_pe(p, L):
    out = []
    for j in range(int(L)):
        out += [math.sin(2**j * math.pi * p), math.cos(2**j * math.pi * p)]
    return np.array(out)


row(
    "nerf_positional_encoding",
    r"\gamma(p) = \left( \sin(2^0 \pi p), \cos(2^0 \pi p), \cdots, \sin(2^{L-1} \pi p), \cos(2^{L-1} \pi p) \right)",
    "p: scalar; L: scalar, integer, positive",
    {"p": 0.37, "L": 3.0},
    nerf_pe,
    source="positional encoding of one coordinate p (Mildenhall et al., 2020, NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis, Eq. 4)",
    note="the 2L entries in the order written",
)
W_si = rnd(3706, 3, 2)
x_si = rnd(3707, 2)
b_si = rnd(3708, 3)
row(
    "siren_first_layer",
    r"\Phi(\mathbf{x}) = \sin(\omega_0 \cdot \mathbf{W} \mathbf{x} + \mathbf{b})",
    r"W: matrix[m, d]; x: vector[d]; b: vector[m]; \omega_0: scalar, positive",
    {"W": W_si, "x": x_si, "b": b_si, "omega_0": 30.0},
    lambda W, x, b, omega_0: np.sin(omega_0 * (W @ x) + b),
    source="first layer of a sinusoidal representation network, sin(omega_0 W x + b) with omega_0 = 30 (Sitzmann et al., 2020, Implicit Neural Representations with Periodic Activation Functions, Sec. 3.2)",
)
b_do = rnd(3709, 4)
t_do = rnd(3710, 4)
row(
    "deeponet_output",
    r"G(u)(y) \approx \sum_{k=1}^{p} b_k t_k + b_0",
    "b, t: vector[p]; b_0: scalar; k: index",
    {"b": b_do, "t": t_do, "b_0": 0.15},
    lambda b, t, b_0: sum(b[k] * t[k] for k in range(len(b))) + b_0,
    wrt="t",
    source="DeepONet's output, the branch net's b_k(u) times the trunk net's t_k(y) plus a bias (Lu, Jin, Pang, Zhang and Karniadakis, 2021, Learning Nonlinear Operators via DeepONet Based on the Universal Approximation Theorem of Operators, the DeepONet output with its bias)",
    note="b_k = b_k(u(x_1), ..., u(x_m)) and t_k = t_k(y), given",
)
h_ne = rnd(3711, 3)
W_ne = rnd(3712, 3, 3)
b_ne = rnd(3713, 3)
row(
    "residual_euler_step",
    r"\mathbf{h}_{t+1} = \mathbf{h}_t + \tanh(\mathbf{W} \mathbf{h}_t + \mathbf{b})",
    "h_t: vector[d]; W: matrix[d, d]; b: vector[d]",
    {"h_t": h_ne, "W": W_ne, "b": b_ne},
    lambda h_t, W, b: h_t + np.tanh(W @ h_t + b),
    source="a residual block as one Euler step, h_{t+1} = h_t + f(h_t, theta_t) (Chen, Rubanova, Bettencourt and Duvenaud, 2018, Neural Ordinary Differential Equations, Eq. 1)",
    note="f(h, theta) = tanh(W h + b), one tanh layer",
)
A_rk = np.array([[-0.5, 1.0], [-1.0, -0.2]])
y_rk = np.array([1.0, 0.5])
h_rk = 0.1
k1 = A_rk @ y_rk
k2 = A_rk @ (y_rk + h_rk / 2 * k1)
k3 = A_rk @ (y_rk + h_rk / 2 * k2)
k4 = A_rk @ (y_rk + h_rk * k3)
row(
    "rk4_step",
    r"y_{n+1} = y_n + \frac{h}{6} \left( k_1 + 2 k_2 + 2 k_3 + k_4 \right)",
    "y_n, k_1, k_2, k_3, k_4: vector[d]; h: scalar, positive",
    {
        "y_n": y_rk.tolist(),
        "k_1": k1.tolist(),
        "k_2": k2.tolist(),
        "k_3": k3.tolist(),
        "k_4": k4.tolist(),
        "h": h_rk,
    },
    lambda y_n, k_1, k_2, k_3, k_4, h: y_n + h / 6 * (k_1 + 2 * k_2 + 2 * k_3 + k_4),
    source="the classical fourth-order Runge-Kutta step, one of the ODE solvers of neural ODEs (Hairer, Norsett and Wanner, Solving Ordinary Differential Equations I, 1993, Sec. II.1)",
    note="the stages k_1, ..., k_4 computed from the linear field f(y) = A y, given",
)
row(
    "rk4_stability_function",
    r"R(z) = 1 + z + \frac{z^2}{2} + \frac{z^3}{6} + \frac{z^4}{24}",
    "z: scalar",
    {"z": -0.8},
    lambda z: 1 + z + z**2 / 2 + z**3 / 6 + z**4 / 24,
    wrt="z",
    source="stability function of the classical Runge-Kutta method, y_{n+1} = R(h lambda) y_n on y' = lambda y (Hairer and Wanner, Solving Ordinary Differential Equations II, 1996, Sec. IV.2)",
)
row(
    "hnn_spring_hamiltonian",
    r"\mathcal{H} = \frac{1}{2} k q^2 + \frac{p^2}{2m}",
    "k, m: scalar, positive; q, p: scalar",
    {"k": 2.0, "m": 0.5, "q": 0.3, "p": -0.4},
    lambda k, m, q, p: 0.5 * k * q**2 + p**2 / (2 * m),
    wrt="p",
    source="Hamiltonian of the ideal mass-spring system learned by a Hamiltonian neural network (Greydanus, Dzamba and Yosinski, 2019, Hamiltonian Neural Networks, Sec. 4, Task 1)",
)
row(
    "hnn_pendulum_hamiltonian",
    r"\mathcal{H} = 2 m g l (1 - \cos q) + \frac{l^2 p^2}{2m}",
    "m, g, l: scalar, positive; q, p: scalar",
    {"m": 1.0, "g": 3.0, "l": 1.0, "q": 0.9, "p": 0.5},
    lambda m, g, q, p, **k: 2 * m * g * k["l"] * (1 - math.cos(q)) + k["l"] ** 2 * p**2 / (2 * m),
    wrt="q",
    source="Hamiltonian of the ideal pendulum (Greydanus, Dzamba and Yosinski, 2019, Sec. 4, Task 2)",
)
yh_s = rnd(3714, 3)
y_s = rnd(3715, 3)
Gh_s = rnd(3716, 3, 2)
G_s = rnd(3717, 3, 2)


def sobolev(y_hat, y, G_hat, G):
    return sum(
        (y_hat[i] - y[i]) ** 2 + float(np.sum((G_hat[i] - G[i]) ** 2)) for i in range(len(y))
    )


row(
    "sobolev_training_loss",
    r"\sum_{i=1}^{N} \left[ \left( \hat{y}_i - y_i \right)^2 + \left\| \hat{g}_i - g_i \right\|_2^2 \right]",
    r"\hat{y}, y: vector[N]; \hat{G}, G: matrix[N, d]; \hat{g}_i: row[\hat{G}]; g_i: row[G]; i: index",
    {"y_hat": yh_s, "y": y_s, "G_hat": Gh_s, "G": G_s},
    sobolev,
    wrt=r"\hat{y}",
    key="y_hat",
    source="Sobolev training with squared losses on the values and the first derivatives (Czarnecki et al., 2017, Sobolev Training for Neural Networks, Sec. 2, K = 1)",
    note="y-hat_i = m(x_i | theta) and y_i = f(x_i) the model and target values, g-hat_i and g_i their gradients D_x at x_i (rows of G-hat and G)",
)

if __name__ == "__main__":
    A.write()
