"""State-space models and linear RNNs: zero-order-hold and bilinear discretizations of scalar,
diagonal and full state matrices, the recurrence step and its unrolled convolution, the kernel
K = (C B, C A B, ..., C A^{L-1} B) and its diagonal entries, the HiPPO-LegS matrix, the LRU's ring
initialization, Mamba's selective-scan step and gating, and retention's decayed sum (NumPy/SciPy
references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid
from scipy.linalg import expm

A = Area("ssm")
row = A.row

row(
    "zoh_scalar_input",
    r"\bar{B} = (\Delta A)^{-1} (\exp(\Delta A) - 1) \cdot \Delta B",
    r"\Delta: scalar, positive; A, B: scalar",
    {"Delta": 0.1, "A": -1.5, "B": 0.8},
    lambda Delta, A, B: (math.exp(Delta * A) - 1) / (Delta * A) * Delta * B,
    wrt="A",
    source="zero-order hold discretization of the input parameter, B-bar = (Delta A)^{-1} (exp(Delta A) - I) Delta B (Gu and Dao, 2023, Mamba: Linear-Time Sequence Modeling with Selective State Spaces, Eq. 4)",
    note="one scalar state, where the identity I is the number 1",
)
A_full = (np.asarray(rnd(6200, 3, 3, lo=-0.5, hi=0.5)) - 1.2 * np.eye(3)).round(3)
B_full = rnd(6201, 3)
row(
    "zoh_state_matrix",
    r"\bar{\boldsymbol{A}} = \exp(\Delta \boldsymbol{A})",
    r"\Delta: scalar, positive; A: matrix[N, N]",
    {"Delta": 0.1, "A": A_full.tolist()},
    lambda Delta, A: expm(Delta * A),
    source="zero-order hold discretization of the state matrix, the matrix exponential (Gu and Dao, 2023, Eq. 4; Gu, Goel and Re, 2022, S4, Sec. 2)",
)
row(
    "zoh_input_matrix",
    r"\bar{\boldsymbol{B}} = (\Delta \boldsymbol{A})^{-1} (\exp(\Delta \boldsymbol{A}) - \boldsymbol{I}) \cdot \Delta \boldsymbol{B}",
    r"\Delta: scalar, positive; A: matrix[N, N]; B: vector[N]",
    {"Delta": 0.1, "A": A_full.tolist(), "B": B_full},
    lambda Delta, A, B: np.linalg.solve(
        Delta * A, (expm(Delta * A) - np.eye(len(B))) @ (Delta * B)
    ),
    source="zero-order hold discretization of the input matrix (Gu and Dao, 2023, Eq. 4)",
    note="exp the matrix exponential; B a single-input column",
)


def bilinear_A(Delta, A):
    eye = np.eye(len(A))
    return np.linalg.solve(eye - Delta / 2 * A, eye + Delta / 2 * A)


row(
    "bilinear_state_matrix",
    r"\overline{\boldsymbol{A}} = (\boldsymbol{I} - \Delta/2 \cdot \boldsymbol{A})^{-1} (\boldsymbol{I} + \Delta/2 \cdot \boldsymbol{A})",
    r"\Delta: scalar, positive; A: matrix[N, N]",
    {"Delta": 0.1, "A": A_full.tolist()},
    bilinear_A,
    source="bilinear discretization of the state matrix (Gu, Goel and Re, 2022, Efficiently Modeling Long Sequences with Structured State Spaces, Eq. 3)",
)
row(
    "bilinear_diagonal_input",
    r"\overline{B} = \frac{\Delta B}{1 - \Delta A / 2}",
    r"\Delta: scalar, positive; A, B: scalar",
    {"Delta": 0.05, "A": -2.0, "B": 1.0},
    lambda Delta, A, B: Delta * B / (1 - Delta * A / 2),
    wrt=r"\Delta",
    key="Delta",
    source="bilinear discretization of one diagonal entry of a diagonal state space model (Gu, Gupta, Goel and Re, 2022, On the Parameterization and Initialization of Diagonal State Space Models, Sec. 3)",
)
Ab_k = bilinear_A(0.1, A_full)
Bb_k = np.linalg.solve(np.eye(3) - 0.05 * A_full, 0.1 * np.asarray(B_full))
Cb_k = [rnd(6202, 3)]


def ssm_kernel(A_bar, B_bar, C_bar, L):
    return np.array(
        [float((C_bar @ np.linalg.matrix_power(A_bar, k) @ B_bar)[0]) for k in range(int(L))]
    )


row(
    "ssm_convolution_kernel",
    r"\overline{\boldsymbol{K}} = \left( \overline{\boldsymbol{C}}\,\overline{\boldsymbol{B}}, \overline{\boldsymbol{C}}\,\overline{\boldsymbol{A}}\,\overline{\boldsymbol{B}}, \dots, \overline{\boldsymbol{C}}\,\overline{\boldsymbol{A}}^{L-1} \overline{\boldsymbol{B}} \right)",
    r"\overline{A}: matrix[N, N]; \overline{B}: vector[N]; \overline{C}: matrix[1, N]; L: scalar, integer, positive",
    {"A_bar": Ab_k.round(6).tolist(), "B_bar": Bb_k.round(6).tolist(), "C_bar": Cb_k, "L": 5.0},
    ssm_kernel,
    source="the SSM convolution kernel, y = K-bar * u (Gu, Goel and Re, 2022, S4, Eq. 5)",
    note="C-bar the 1 x N output row; the result is the vector of the L kernel entries",
)
Ad = [0.9, 0.7, 0.45, 0.2]
Bd = rnd(6203, 4)
Cd = rnd(6204, 4)
row(
    "diagonal_kernel_entry",
    r"\overline{K}_k = \sum_{n=1}^{N} C_n \overline{A}_n^{k} \overline{B}_n",
    r"C, \overline{A}, \overline{B}: vector[N]; k: scalar, integer, nonnegative; n: index",
    {"C": Cd, "A_bar": Ad, "B_bar": Bd, "k": 3.0},
    lambda C, A_bar, B_bar, k: float(sum(C[n] * A_bar[n] ** k * B_bar[n] for n in range(len(C)))),
    wrt=r"\overline{A}",
    key="A_bar",
    source="the k-th kernel entry C-bar A-bar^k B-bar of a diagonal state matrix, a Vandermonde product (Gu, Gupta, Goel and Re, 2022, S4D, Sec. 3)",
    note="A-bar the diagonal of the discretized state matrix",
)
A_s4d = [-1.0, -2.0, -3.0, -4.0]


def s4d_zoh(C, A, B, Delta, ell):
    N = len(C)
    return float(
        sum(
            C[n] * (math.exp(Delta * A[n]) - 1) / A[n] * B[n] * math.exp(ell * Delta * A[n])
            for n in range(N)
        )
    )


row(
    "s4d_zoh_kernel_entry",
    r"\overline{K}_\ell = \sum_{n=0}^{N-1} C_n \frac{\exp(\Delta A_n) - 1}{A_n} B_n \exp(\ell \Delta A_n)",
    r"C, A, B: vector[N]; \Delta: scalar, positive; \ell: scalar, integer, nonnegative; n: index",
    {"C": Cd, "A": A_s4d, "B": Bd, "Delta": 0.2, "ell": 2.0},
    s4d_zoh,
    wrt=r"\Delta",
    key="Delta",
    source="kernel entry of a diagonal SSM discretized with zero-order hold, S4D-Real's A_n = -(n + 1) (Gu, Gupta, Goel and Re, 2022, S4D, Sec. 3 and Sec. 4)",
    note="entries counted from 0, as the paper numbers the N modes",
)
Ab3 = (np.asarray(rnd(6205, 3, 3, lo=-0.3, hi=0.3)) + 0.5 * np.eye(3)).round(3).tolist()
row(
    "ssm_recurrence_step",
    r"x_k = \overline{\boldsymbol{A}} x_{k-1} + \overline{\boldsymbol{B}} u_k",
    r"\overline{A}: matrix[N, N]; x_{k-1}, \overline{B}: vector[N]; u_k: scalar",
    {"A_bar": Ab3, "x_k_minus_1": rnd(6206, 3), "B_bar": rnd(6207, 3), "u_k": 0.6},
    lambda A_bar, x_k_minus_1, B_bar, u_k: A_bar @ x_k_minus_1 + B_bar * u_k,
    source="one step of the discretized state space model as a recurrence (Gu, Goel and Re, 2022, S4, Eq. 4)",
)
u_c = rnd(6208, 5)


def unrolled(C, A_bar, B_bar, u, L):
    L = int(L)
    N = len(C)
    return float(
        sum(C[n] * A_bar[n] ** j * B_bar[n] * u[L - 1 - j] for j in range(L) for n in range(N))
    )


row(
    "ssm_unrolled_output",
    r"y_L = \sum_{j=0}^{L-1} \sum_{n=1}^{N} C_n \overline{A}_n^{j} \overline{B}_n u_{L-j}",
    r"C, \overline{A}, \overline{B}: vector[N]; u: vector[L]; L: dim; j, n: index",
    {"C": Cd, "A_bar": Ad, "B_bar": Bd, "u": u_c, "L": 5},
    unrolled,
    wrt="u",
    source="the last output of the unrolled recurrence from x_{-1} = 0, y_k = sum_j C-bar A-bar^j B-bar u_{k-j}, for a diagonal state matrix (Gu, Goel and Re, 2022, S4, Eqs. 4-5)",
    note="u_1, ..., u_L the inputs; A-bar the diagonal of the discretized state matrix",
)


def hippo(N):
    N = int(N)
    out = np.zeros((N, N))
    for n in range(N):
        for k in range(N):
            if n > k:
                out[n, k] = -math.sqrt(2 * n + 1) * math.sqrt(2 * k + 1)
            elif n == k:
                out[n, k] = -(n + 1)
    return out


row(
    "hippo_legs_matrix",
    r"\boldsymbol{A}_{nk} = -\begin{cases} (2n+1)^{1/2} (2k+1)^{1/2} & \text{if } n > k \\ n + 1 & \text{if } n = k \\ 0 & \text{if } n < k \end{cases}",
    "N: scalar, integer, positive; n, k: index",
    {"N": 4.0},
    hippo,
    source="the HiPPO-LegS state matrix (Gu, Dao, Ermon, Rudra and Re, 2020, HiPPO: Recurrent Memory with Optimal Polynomial Projections, Theorem 2; Gu, Goel and Re, 2022, S4, Eq. 2)",
    note="n and k run over 0, ..., N - 1, as the paper numbers them; the result is the N x N matrix",
)
row(
    "lru_ring_initialization",
    r"\nu^{\log} = \log\left( -\frac{1}{2} \log\left( u_1 (r_{\max}^2 - r_{\min}^2) + r_{\min}^2 \right) \right)",
    r"u_1: scalar, unit; r_{\max}, r_{\min}: scalar, unit",
    {"u_1": 0.35, "r_max": 0.99, "r_min": 0.4},
    lambda u_1, r_max, r_min: math.log(-0.5 * math.log(u_1 * (r_max**2 - r_min**2) + r_min**2)),
    wrt="u_1",
    source="the LRU's initialization of the eigenvalue magnitude uniformly on the ring [r_min, r_max], in the exponential parametrization |lambda| = exp(-exp(nu^log)) (Orvieto et al., 2023, Resurrecting Recurrent Neural Networks for Long Sequences, Lemma 3.2 and Sec. 3.3)",
    note="u_1 ~ U[0, 1] the drawn uniform number",
)
a_ss = [-0.5, -1.0, -2.0]
h_ss = rnd(6212, 3)
B_ss = rnd(6213, 3)
C_ss = rnd(6214, 3)


def selective(C_t, a, h_t_minus_1, B_t, Delta_t, x_t):
    return float(C_t @ (np.exp(Delta_t * a) * h_t_minus_1 + Delta_t * B_t * x_t))


row(
    "selective_scan_step",
    r"y_t = \mathbf{C}_t^\top \left( \exp(\Delta_t \mathbf{a}) \odot \mathbf{h}_{t-1} + \Delta_t \mathbf{B}_t x_t \right)",
    r"C_t, a, h_{t-1}, B_t: vector[N]; \Delta_t: scalar, positive; x_t: scalar",
    {"C_t": C_ss, "a": a_ss, "h_t_minus_1": h_ss, "B_t": B_ss, "Delta_t": 0.3, "x_t": 0.7},
    selective,
    wrt=r"\Delta_t",
    key="Delta_t",
    source="one step of the selective scan of one channel, h_t = A-bar_t h_{t-1} + B-bar_t x_t and y_t = C_t h_t, with the state matrix discretized by zero-order hold and B by Euler's rule (Gu and Dao, 2023, Eqs. 2a-2b, Algorithm 2 and Sec. 3.5)",
    note="A = diag(a) the diagonal state matrix; B_t and C_t the input-dependent projections at step t",
)
row(
    "mamba_gated_recurrence",
    r"h_t = (1 - \sigma(z_t)) h_{t-1} + \sigma(z_t) x_t",
    "z_t, h_{t-1}, x_t: scalar",
    {"z_t": 0.4, "h_t_minus_1": -0.6, "x_t": 1.2},
    lambda z_t, h_t_minus_1, x_t: float((1 - sigmoid(z_t)) * h_t_minus_1 + sigmoid(z_t) * x_t),
    wrt="z_t",
    source="the selective SSM with N = 1, A = -1, B = 1 as a gated recurrence, g_t = sigma(Linear(x_t)) (Gu and Dao, 2023, Theorem 1)",
    note="z_t = Linear(x_t) the gate's pre-activation",
)
Q_rt = rnd(6215, 4, 3)
K_rt = rnd(6216, 4, 3)
v_rt = rnd(6217, 4)


def retention(Q, K, v, n, gamma):
    n = int(n)
    d = Q.shape[1]
    return float(
        sum(
            gamma ** (n - m) * sum(Q[n - 1, c] * K[m - 1, c] for c in range(d)) * v[m - 1]
            for m in range(1, n + 1)
        )
    )


row(
    "retention_decayed_sum",
    r"o_n = \sum_{m=1}^{n} \gamma^{n-m} \sum_{c=1}^{d} Q_{nc} K_{mc} v_m",
    r"Q, K: matrix[L, d]; v: vector[L]; n: label[L]; \gamma: scalar, unit; m, c: index",
    {"Q": Q_rt, "K": K_rt, "v": v_rt, "n": 4, "gamma": 0.9},
    retention,
    wrt=r"\gamma",
    key="gamma",
    source="retention's output at position n, a linear recurrence with decay gamma written as a sum (Sun et al., 2023, Retentive Network: A Successor to Transformer for Large Language Models, Eq. 3 with theta = 0, one value dimension)",
    note="Q_n and K_m the query and key rows of positions n and m; the rotation e^{i n theta} left out (theta = 0)",
)

if __name__ == "__main__":
    A.write()
