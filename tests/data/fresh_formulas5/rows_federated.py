"""Federated learning: FedAvg's weighted average, the FedProx proximal objective, SCAFFOLD's
control variates, the q-FFL objective, FedNova's normalized averaging, FedYogi, MOON's
model-contrastive loss, secure aggregation masks, and measures of client drift and heterogeneity
(NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex

A = Area("federated")
row = A.row

n_fa = [30.0, 50.0, 20.0]
W_fa = rnd(3300, 3, 4)


def fedavg(n, W):
    return sum(n[k] / sum(n) * W[k] for k in range(len(n)))


row(
    "fedavg_weighted_average",
    r"w_{t+1} \leftarrow \sum_{k=1}^{K} \frac{n_k}{n} w_{t+1}^{k}",
    "n: vector[K]; W: matrix[K, d]; k: index",
    {"n": n_fa, "W": W_fa},
    fedavg,
    source="server step of FederatedAveraging (McMahan et al., 2017, Communication-Efficient Learning of Deep Networks from Decentralized Data, Algorithm 1)",
    note="n_k the examples on client k, the entries of the declared n; the paper's bare n is their total sum_k n_k, which the table cannot declare beside the vector; w_{t+1}^k the model of client k, the rows of W (a family with a bare superscript the table cannot declare)",
)
X_fp = rnd(3301, 5, 3)
y_fp = [1.0, -1.0, -1.0, 1.0, 1.0]
w_fp = rnd(3302, 3)
wt_fp = rnd(3303, 3)


def fedprox(X, y, w, w_sup_t, mu):
    n = len(y)
    return sum(
        math.log(1 + math.exp(-y[i] * float(X[i] @ w))) for i in range(n)
    ) / n + mu / 2 * float(np.sum((w - w_sup_t) ** 2))


row(
    "fedprox_local_objective",
    r"h_k(w; w^t) = \frac{1}{n_k} \sum_{i=1}^{n_k} \log\left(1 + e^{-y_i x_i^\top w}\right) + \frac{\mu}{2} \left\| w - w^t \right\|^2",
    r"X: matrix[n_k, d]; x_i: row[X]; y: vector[n_k]; w, w^t: vector[d]; \mu: scalar, positive; i: index",
    {"X": X_fp, "y": y_fp, "w": w_fp, "w_sup_t": wt_fp, "mu": 0.1},
    fedprox,
    wrt="w",
    source="FedProx local objective h_k(w; w^t) = F_k(w) + mu/2 ||w - w^t||^2 (Li et al., 2020, Federated Optimization in Heterogeneous Networks, Eq. 2), F_k the logistic loss of client k as in its synthetic experiments",
    note="labels y_i in {-1, +1}",
)
ci_sc = rnd(3304, 3)
c_sc = rnd(3305, 3)
x_sc = rnd(3306, 3)
yi_sc = rnd(3307, 3)
row(
    "scaffold_control_variate_update",
    r"c_i^{+} \leftarrow c_i - c + \frac{1}{K \eta_l} (x - y_i)",
    r"c_i, c, x, y_i: vector[d]; K, \eta_l: scalar, positive",
    {"c_i": ci_sc, "c": c_sc, "x": x_sc, "y_i": yi_sc, "K": 5.0, "eta_l": 0.1},
    lambda c_i, c, x, y_i, K, eta_l: c_i - c + (x - y_i) / (K * eta_l),
    source="SCAFFOLD's client control variate, option II (Karimireddy et al., 2020, SCAFFOLD, Eq. 4 and Algorithm 1), after K local steps of size eta_l",
)
Y_sc = rnd(3308, 3, 3)


def scaffold_server(Y, x, eta_g):
    S = len(Y)
    return x + eta_g / S * sum(Y[i] - x for i in range(S))


row(
    "scaffold_server_model",
    r"x \leftarrow x + \frac{\eta_g}{|\mathcal{S}|} \sum_{i \in \mathcal{S}} (y_i - x)",
    r"Y: matrix[S, d]; y_i: row[Y]; x: vector[d]; \eta_g: scalar, positive; i: index",
    {"Y": Y_sc, "x": x_sc, "eta_g": 1.0},
    scaffold_server,
    source="SCAFFOLD's server update of the global model from the sampled clients (Karimireddy et al., 2020, Algorithm 1, lines 16-17)",
    note="the sampled clients S are the rows of Y, |S| = S of them (the table cannot declare a set)",
)
p_q = simplex(3309, 4)
F_q = [0.9, 0.35, 1.6, 0.6]
row(
    "qffl_objective",
    r"f_q(w) = \sum_{k=1}^{m} \frac{p_k}{q + 1} F_k^{q+1}",
    "p: simplex[m]; F: vector[m]; q: scalar, nonnegative; k: index",
    {"p": p_q, "F": F_q, "q": 2.0},
    lambda p, F, q: sum(p[k] / (q + 1) * F[k] ** (q + 1) for k in range(len(p))),
    wrt="F",
    source="q-Fair Federated Learning objective (Li, Sanjabi, Beirami and Smith, 2020, Fair Resource Allocation in Federated Learning, Eq. 2)",
    note="F_k = F_k(w) the local losses at the current w (the paper writes F_k^{q+1}(w))",
)
A_nova = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]])
p_nova = simplex(3310, 3)
row(
    "fednova_tau_eff",
    r"\tau_{\mathrm{eff}} = \sum_{i=1}^{m} p_i \|\mathbf{a}_i\|_1",
    "A: matrix[m, T]; a_i: row[A]; p: simplex[m]; i: index",
    {"A": (A_nova * [[0.9], [1.0], [0.8]]).tolist(), "p": p_nova},
    lambda A, p: sum(p[i] * float(np.sum(np.abs(A[i]))) for i in range(len(p))),
    wrt="p",
    source="effective number of local steps of FedNova (Wang, Liu, Liang, Joshi and Poor, 2020, Tackling the Objective Inconsistency Problem in Heterogeneous Federated Optimization, Sec. 4)",
    note="a_i the weights client i gives its local gradients, the rows of A",
)


def momentum_a(rho, tau_i):
    closed = (tau_i - rho * (1 - rho**tau_i) / (1 - rho)) / (1 - rho)
    direct = sum((1 - rho ** (tau_i - j)) / (1 - rho) for j in range(int(tau_i)))
    assert abs(closed - direct) < 1e-12
    return closed


row(
    "fednova_momentum_norm",
    r"\frac{1}{1 - \rho} \left[ \tau_i - \frac{\rho (1 - \rho^{\tau_i})}{1 - \rho} \right]",
    r"\rho: scalar, unit; \tau_i: scalar, integer, positive",
    {"rho": 0.9, "tau_i": 5.0},
    momentum_a,
    wrt=r"\rho",
    key="rho",
    source="||a_i||_1 of a client running tau_i local steps of SGD with momentum rho (Wang et al., 2020, FedNova, Sec. 5)",
)
D_nova = rnd(3311, 3, 4)
x_nova = rnd(3312, 4)


def fednova_update(x_sup_t_0, tau_eff, p, eta, D):
    return x_sup_t_0 - tau_eff * sum(p[i] * eta * D[i] for i in range(len(p)))


row(
    "fednova_update",
    r"\mathbf{x}^{(t+1, 0)} = \mathbf{x}^{(t, 0)} - \tau_{\mathrm{eff}} \sum_{i=1}^{m} p_i \cdot \eta \mathbf{d}_i",
    r"x^{(t,0)}: vector[n]; \tau_{\mathrm{eff}}, \eta: scalar, positive; p: simplex[m]; D: matrix[m, n]; d_i: row[D]; i: index",
    {"x_sup_t_0": x_nova, "tau_eff": 3.2, "p": p_nova, "eta": 0.05, "D": D_nova},
    fednova_update,
    source="FedNova's server update with the normalized local gradients d_i = G_i a_i / ||a_i||_1 (Wang et al., 2020, Eq. 8 and Sec. 4)",
)
G_dis = rnd(3313, 4, 3)
p_dis = simplex(3314, 4)


def dissimilarity(G, p):
    N = len(p)
    num = sum(p[k] * float(G[k] @ G[k]) for k in range(N))
    mean = sum(p[k] * G[k] for k in range(N))
    return math.sqrt(num / float(mean @ mean))


row(
    "fedprox_local_dissimilarity",
    r"B = \sqrt{\frac{\sum_{k=1}^{N} p_k \|g_k\|^2}{\left\| \sum_{k=1}^{N} p_k g_k \right\|^2}}",
    "G: matrix[N, d]; g_k: row[G]; p: simplex[N]; k: index",
    {"G": G_dis, "p": p_dis},
    dissimilarity,
    wrt="p",
    source="B-local dissimilarity B(w) = sqrt(E_k ||grad F_k(w)||^2 / ||grad f(w)||^2) (Li et al., 2020, FedProx, Definition 3)",
    note="g_k = grad F_k(w) the local gradients, the rows of G, with the expectation over clients weighted by p and grad f = sum_k p_k grad F_k",
)
wf = rnd(3315, 4)
ws = rnd(3316, 4)
row(
    "weight_divergence",
    r"\frac{\left\| \mathbf{w}^{\mathrm{FedAvg}} - \mathbf{w}^{\mathrm{SGD}} \right\|}{\left\| \mathbf{w}^{\mathrm{SGD}} \right\|}",
    r"w^{\mathrm{FedAvg}}, w^{\mathrm{SGD}}: vector[d]",
    {"w_sup_FedAvg": wf, "w_sup_SGD": ws},
    lambda w_sup_FedAvg, w_sup_SGD: (
        np.linalg.norm(w_sup_FedAvg - w_sup_SGD) / np.linalg.norm(w_sup_SGD)
    ),
    wrt=r"w^{\mathrm{FedAvg}}",
    key="w_sup_FedAvg",
    source="weight divergence between federated and centralized training (Zhao et al., 2018, Federated Learning with Non-IID Data, Sec. 3)",
)
pk_cd = [0.6, 0.1, 0.3]
p_cd = [0.3, 0.4, 0.3]
row(
    "class_distribution_distance",
    r"\sum_{i=1}^{C} \left\| p^{(k)}(y = i) - p(y = i) \right\|",
    "p^{(k)}, p: simplex[C]",
    {"p_sup_k": pk_cd, "p": p_cd},
    lambda p_sup_k, p: sum(abs(p_sup_k[i] - p[i]) for i in range(len(p))),
    source="earth mover's distance between a client's class distribution and the population's, which bounds the weight divergence (Zhao et al., 2018, Sec. 3.2)",
    note="p^(k)(y = i) and p(y = i) the i-th entries of the declared simplices; each norm is of one number",
)
v_y = rnd(3317, 4, lo=0.0, hi=0.1)
D_y = rnd(3318, 4, lo=-0.4, hi=0.4)
row(
    "fedyogi_second_moment",
    r"v_t = v_{t-1} - (1 - \beta_2) \Delta_t^2 \operatorname{sign}(v_{t-1} - \Delta_t^2)",
    r"v_{t-1}, \Delta_t: vector[d]; \beta_2: scalar, unit",
    {"v_t_minus_1": v_y, "Delta_t": D_y, "beta_2": 0.99},
    lambda v_t_minus_1, Delta_t, beta_2: (
        v_t_minus_1 - (1 - beta_2) * Delta_t**2 * np.sign(v_t_minus_1 - Delta_t**2)
    ),
    source="FedYogi's server second-moment update from the averaged client change Delta_t (Reddi et al., 2021, Adaptive Federated Optimization, Algorithm 2)",
    note="squares and sign act entry by entry",
)
s_sa = rnd(3319, 4, 4)
x_sa = rnd(3320, 4)


def secagg(x, s, u):
    i = int(u) - 1
    U = len(x)
    return x[i] + sum(s[i, v] for v in range(U) if i < v) - sum(s[v, i] for v in range(U) if i > v)


row(
    "secure_aggregation_mask",
    r"y_u = x_u + \sum_{v \in \mathcal{U} : u < v} s_{u,v} - \sum_{v \in \mathcal{U} : u > v} s_{v,u}",
    "x: vector[U]; s: matrix[U, U]; u: label[U]; v: index",
    {"x": x_sa, "s": s_sa, "u": 2},
    secagg,
    wrt="s",
    source="masked input of user u in secure aggregation with pairwise masks s_{u,v} (Bonawitz et al., 2017, Practical Secure Aggregation for Privacy-Preserving Machine Learning, Sec. 3)",
    note="the sums over v in U run over the U users; the paper works modulo R with integer masks, real masks here without the modulus",
)
row(
    "fedavg_local_updates",
    r"u_k = E \frac{n_k}{B}",
    "E, n_k, B: scalar, positive",
    {"E": 5.0, "n_k": 600.0, "B": 50.0},
    lambda E, n_k, B: E * n_k / B,
    source="number of local updates of client k per round, E epochs of n_k examples in minibatches of B (McMahan et al., 2017, Sec. 3)",
)
z_m = rnd(3321, 4)
zg_m = rnd(3322, 4)
zp_m = rnd(3323, 4)


def moon(z, z_glob, z_prev, tau):
    def sim(a, b):
        return float(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b))

    g = math.exp(sim(z, z_glob) / tau)
    p = math.exp(sim(z, z_prev) / tau)
    return -math.log(g / (g + p))


row(
    "moon_contrastive",
    r"\ell_{con} = -\log \frac{\exp(\mathrm{sim}(z, z_{glob}) / \tau)}{\exp(\mathrm{sim}(z, z_{glob}) / \tau) + \exp(\mathrm{sim}(z, z_{prev}) / \tau)}",
    r"z, z_{glob}, z_{prev}: vector[d]; \tau: scalar, positive",
    {"z": z_m, "z_glob": zg_m, "z_prev": zp_m, "tau": 0.5},
    moon,
    wrt="z",
    source="model-contrastive loss of MOON pulling the local representation towards the global model's and away from the previous local model's (Li, He and Song, 2021, Model-Contrastive Federated Learning, Eq. 3)",
    note="sim is the cosine similarity",
)

if __name__ == "__main__":
    A.write()
