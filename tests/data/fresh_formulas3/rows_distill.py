"""Knowledge distillation, output regularizers and semi-supervised consistency (NumPy references
from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, simplex, softmax

A = Area("distill")
row = A.row

zs = rnd(1600, 4, lo=-2, hi=2)  # student logits
vt = rnd(1601, 4, lo=-2, hi=2)  # teacher logits


def kd_loss(z, v, y, alpha, T):
    K = len(z)
    hard = -(z[int(y) - 1] - math.log(sum(math.exp(z[j]) for j in range(K))))
    pt = [math.exp(v[k] / T) / sum(math.exp(v[j] / T) for j in range(K)) for k in range(K)]
    logq = [z[k] / T - math.log(sum(math.exp(z[j] / T) for j in range(K))) for k in range(K)]
    soft = -sum(pt[k] * logq[k] for k in range(K))
    return (1 - alpha) * hard + alpha * T**2 * soft


row(
    "hinton_distillation_loss",
    r"-(1 - \alpha) \log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}} - \alpha T^2 \sum_{k=1}^{K} \frac{e^{v_k / T}}{\sum_{j=1}^{K} e^{v_j / T}} \log \frac{e^{z_k / T}}{\sum_{j=1}^{K} e^{z_j / T}}",
    "z, v: vector[K]; y: label[K]; alpha: scalar, unit; T: scalar, positive; j, k: index",
    {"z": zs, "v": vt, "y": 2, "alpha": 0.7, "T": 4.0},
    kd_loss,
    wrt="z",
    source="distillation objective: hard-label cross-entropy plus T^2 times the soft-target cross-entropy (Hinton, Vinyals and Dean, 2015, Sec. 2)",
)
row(
    "softened_softmax",
    r"q_i = \frac{\exp(z_i / T)}{\sum_{j} \exp(z_j / T)}",
    "z: vector[K]; T: scalar, positive; i, j: index",
    {"z": zs, "T": 3.0},
    lambda z, T: softmax(z / T),
    source="softmax with temperature (Hinton, Vinyals and Dean, 2015, Eq. 1)",
)


def kd_kl(z, v, T):
    p = softmax(v / T)
    lq = log_softmax(z / T)
    return T**2 * float(np.sum(p * (np.log(p) - lq)))


row(
    "distillation_kl_softmax",
    r"T^2 \sum_{k=1}^{K} \operatorname{softmax}(v / T)_k \log \frac{\operatorname{softmax}(v / T)_k}{\operatorname{softmax}(z / T)_k}",
    "z, v: vector[K]; T: scalar, positive; k: index",
    {"z": zs, "v": vt, "T": 4.0},
    kd_kl,
    wrt="z",
    source="soft-target term as T^2 KL(p^T || q^T) (Hinton, Vinyals and Dean, 2015, Sec. 2; the KL form of e.g. Cho and Hariharan, 2019, Eq. 1)",
)
row(
    "distillation_gradient",
    r"\frac{1}{T} \left( \frac{e^{z_i / T}}{\sum_{j} e^{z_j / T}} - \frac{e^{v_i / T}}{\sum_{j} e^{v_j / T}} \right)",
    "z, v: vector[K]; T: scalar, positive; i, j: index",
    {"z": zs, "v": vt, "T": 4.0},
    lambda z, v, T: (softmax(z / T) - softmax(v / T)) / T,
    source="gradient of the soft-target cross-entropy with respect to the logit z_i (Hinton, Vinyals and Dean, 2015, Eq. 2)",
)


def high_temp(z, v, T):
    N = len(z)
    return np.asarray(
        [
            ((1 + z[i] / T) / (N + sum(z) / T) - (1 + v[i] / T) / (N + sum(v) / T)) / T
            for i in range(N)
        ]
    )


row(
    "distillation_gradient_high_temperature",
    r"\frac{1}{T} \left( \frac{1 + z_i / T}{N + \sum_{j} z_j / T} - \frac{1 + v_i / T}{N + \sum_{j} v_j / T} \right)",
    "z, v: vector[N]; T: scalar, positive; i, j: index; N: dim",
    {"z": zs, "v": vt, "T": 10.0},
    high_temp,
    source="high-temperature approximation of the gradient (Hinton, Vinyals and Dean, 2015, Eq. 3)",
)
uh = rnd(1602, 3)
vg = rnd(1603, 2)
Wr = rnd(1604, 3, 2)
row(
    "fitnets_hint",
    r"\frac{1}{2} \left\| u_h - W_r v_g \right\|^2",
    "u_h: vector[m]; v_g: vector[k]; W_r: matrix[m, k]",
    {"u_h": uh, "v_g": vg, "W_r": Wr},
    lambda u_h, v_g, W_r: 0.5 * float(np.sum((u_h - W_r @ v_g) ** 2)),
    wrt="W_r",
    source="FitNets hint loss (Romero et al., 2015, Eq. 3) with a linear regressor r(v_g; W_r) = W_r v_g",
)
Aat = rnd(1605, 3, 4)
row(
    "attention_map",
    r"\sum_{i=1}^{C} \left| A_{ij} \right|^{p}",
    "A: matrix[C, S]; p: scalar, positive; i, j: index",
    {"A": Aat, "p": 2.0},
    lambda A, p: np.asarray(
        [sum(abs(A[i, j]) ** p for i in range(A.shape[0])) for j in range(A.shape[1])]
    ),
    source="activation-based attention map F^p_sum(A) = sum_i |A_i|^p (Zagoruyko and Komodakis, 2017, Sec. 3.1), spatial positions flattened",
)
QS = rnd(1606, 4, lo=0.1, hi=1.0)
QT = rnd(1607, 4, lo=0.1, hi=1.0)
row(
    "attention_transfer_loss",
    r"\frac{\beta}{2} \left\| \frac{Q_S}{\|Q_S\|_2} - \frac{Q_T}{\|Q_T\|_2} \right\|_p",
    "Q_S, Q_T: vector[n]; beta, p: scalar, positive",
    {"Q_S": QS, "Q_T": QT, "beta": 1000.0, "p": 2.0},
    lambda Q_S, Q_T, beta, p: (
        beta
        / 2
        * float(np.sum(np.abs(Q_S / np.linalg.norm(Q_S) - Q_T / np.linalg.norm(Q_T)) ** p))
        ** (1 / p)
    ),
    wrt="Q_S",
    source="attention transfer term for one layer pair (Zagoruyko and Komodakis, 2017, Eq. 2), p = 2",
)
Te = rnd(1608, 4, 2)


def rkd_mu(T):
    n = len(T)
    return sum(float(np.linalg.norm(T[i] - T[j])) for i in range(n) for j in range(n)) / n**2


row(
    "rkd_distance_normalizer",
    r"\mu = \frac{1}{n^2} \sum_{i=1}^{n} \sum_{j=1}^{n} \|t_i - t_j\|_2",
    "T: matrix[n, d]; t_i: row[T]; i, j: index",
    {"T": Te},
    rkd_mu,
    source="mean pairwise distance mu of relational knowledge distillation (Park et al., 2019, Eq. 4), all n^2 ordered pairs",
)
row(
    "rkd_distance_potential",
    r"\frac{1}{\mu} \|t_i - t_j\|_2",
    "T: matrix[n, d]; t_i: row[T]; mu: scalar, positive; i, j: index",
    {"T": Te, "mu": 0.9},
    lambda T, mu: np.asarray(
        [[float(np.linalg.norm(T[i] - T[j])) / mu for j in range(len(T))] for i in range(len(T))]
    ),
    source="distance-wise potential psi_D(t_i, t_j) (Park et al., 2019, Eq. 4), for every pair",
)
ti, tj, tk = rnd(1609, 3), rnd(1610, 3), rnd(1611, 3)
row(
    "rkd_angle_potential",
    r"\frac{(t_i - t_j)^\top (t_k - t_j)}{\|t_i - t_j\|_2 \, \|t_k - t_j\|_2}",
    "t_i, t_j, t_k: vector[d]",
    {"t_i": ti, "t_j": tj, "t_k": tk},
    lambda t_i, t_j, t_k: float(
        (t_i - t_j) @ (t_k - t_j) / (np.linalg.norm(t_i - t_j) * np.linalg.norm(t_k - t_j))
    ),
    wrt="t_i",
    source="angle-wise potential cos angle t_i t_j t_k = <e^ij, e^kj> (Park et al., 2019, Eq. 6)",
)
pc = simplex(1612, 4)
row(
    "confidence_penalty",
    r"-\log p_y - \beta \left( -\sum_{k=1}^{K} p_k \log p_k \right)",
    "p: simplex[K]; y: label[K]; beta: scalar, positive; k: index",
    {"p": pc, "y": 3, "beta": 0.5},
    lambda p, y, beta: -math.log(p[int(y) - 1]) + beta * sum(v * math.log(v) for v in p),
    wrt="p",
    source="confidence penalty, negative log-likelihood minus beta times the entropy (Pereyra et al., 2017, Eq. 2), one example",
)
zp = rnd(1613, 4, lo=-2, hi=2)
row(
    "mean_teacher_consistency",
    r"\left\| \operatorname{softmax}(z') - \operatorname{softmax}(z) \right\|^2",
    "z, z': vector[K]",
    {"z": zs, "z_prime": zp},
    lambda z, z_prime: float(np.sum((softmax(z_prime) - softmax(z)) ** 2)),
    wrt="z",
    source="consistency cost between teacher and student predictions (Tarvainen and Valpola, 2017, Eq. 1), squared error of the softmax outputs",
)
row(
    "mean_teacher_ema",
    r"\theta'_t = \alpha \theta'_{t-1} + (1 - \alpha) \theta_t",
    r"\theta'_{t-1}, \theta_t: vector[d]; alpha: scalar, unit",
    {"theta_prime_t_minus_1": rnd(1614, 3), "theta_t": rnd(1615, 3), "alpha": 0.99},
    lambda theta_prime_t_minus_1, theta_t, alpha: (
        alpha * theta_prime_t_minus_1 + (1 - alpha) * theta_t
    ),
    source="teacher weights as an exponential moving average (Tarvainen and Valpola, 2017, Sec. 2)",
)
Qw = np.asarray(simplex(1616, 4, 3))
Qw[1] = [0.05, 0.9, 0.05]
Qw[3] = [0.02, 0.03, 0.95]
Ps = np.asarray(simplex(1617, 4, 3))
qhat = [int(np.argmax(Qw[b])) + 1 for b in range(4)]


def fixmatch(Q, P, q_hat, mu, B, tau):
    N = int(mu * B)
    return (
        sum(
            (1.0 if max(Q[b]) >= tau else 0.0) * (-math.log(P[b, int(q_hat[b]) - 1]))
            for b in range(N)
        )
        / N
    )


row(
    "fixmatch_unlabeled_loss",
    r"\frac{1}{\mu B} \sum_{b=1}^{\mu B} \mathbb{1}\left(\max_{k} Q_{bk} \ge \tau\right) \left(-\log P_{b \hat{q}_b}\right)",
    r"Q, P: matrix[N, K]; \hat{q}: labels[N, K]; mu, B: scalar, integer, positive; tau: scalar, unit; b, k: index",
    {"Q": Qw.tolist(), "P": Ps.tolist(), "q_hat": qhat, "mu": 2, "B": 2, "tau": 0.85},
    fixmatch,
    source="FixMatch unlabeled loss (Sohn et al., 2020, Eq. 4), Q the weakly and P the strongly augmented predictions, q_hat_b = argmax_k Q_bk",
)


def pseudo_label_weight(t, T_1, T_2, alpha_f):
    if t < T_1:
        return 0.0
    if t < T_2:
        return (t - T_1) / (T_2 - T_1) * alpha_f
    return alpha_f


row(
    "pseudo_label_schedule",
    r"\alpha(t) = \begin{cases} 0 & t < T_1 \\ \frac{t - T_1}{T_2 - T_1} \alpha_f & T_1 \le t < T_2 \\ \alpha_f & T_2 \le t \end{cases}",
    "t, T_1, T_2, alpha_f: scalar",
    {"t": 300.0, "T_1": 100.0, "T_2": 600.0, "alpha_f": 3.0},
    pseudo_label_weight,
    wrt="t",
    source="weight of the pseudo-label term (Lee, 2013, Eq. 16)",
)
Ze = rnd(1618, 3, 4, lo=-2, hi=2)


def entropy_min(Z, **k):
    n, K = Z.shape
    s = 0.0
    for i in range(n):
        den = sum(math.exp(Z[i, j]) for j in range(K))
        for c in range(K):
            p = math.exp(Z[i, c]) / den
            s += p * math.log(p)
    return -k["lambda"] / n * s


row(
    "entropy_minimization",
    r"-\frac{\lambda}{n} \sum_{i=1}^{n} \sum_{k=1}^{K} \frac{e^{Z_{ik}}}{\sum_{j=1}^{K} e^{Z_{ij}}} \log \frac{e^{Z_{ik}}}{\sum_{j=1}^{K} e^{Z_{ij}}}",
    "Z: matrix[n, K]; lambda: scalar, positive; i, j, k: index",
    {"Z": Ze, "lambda": 0.3},
    entropy_min,
    wrt="Z",
    source="entropy regularization of the unlabeled predictions (Grandvalet and Bengio, 2005, Eq. 6-7), softmax outputs",
)

if __name__ == "__main__":
    A.write()
