"""Boosting and decision trees (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex

A = Area("boosting")
row = A.row

row(
    "adaboost_alpha",
    r"\alpha_t = \frac{1}{2} \ln\left(\frac{1 - \epsilon_t}{\epsilon_t}\right)",
    "epsilon_t: scalar, unit",
    {"epsilon_t": 0.23},
    lambda epsilon_t: 0.5 * math.log((1 - epsilon_t) / epsilon_t),
    wrt="epsilon_t",
    source="AdaBoost weight of the weak hypothesis (Freund and Schapire, 1997; Schapire and Freund, 2012, Algorithm 1.1)",
)
D6 = simplex(1200, 6)
h6 = [1.0, -1.0, 1.0, 1.0, -1.0, -1.0]
y6 = [1.0, 1.0, 1.0, -1.0, -1.0, 1.0]


def weighted_error(D_t, h, y):
    return sum(D_t[i] * (1.0 if h[i] != y[i] else 0.0) for i in range(len(h)))


row(
    "adaboost_weighted_error",
    r"\epsilon_t = \sum_{i=1}^{m} D_t(i) \, \mathbb{1}[h_i \neq y_i]",
    "D_t: simplex[m]; h, y: vector[m]; i: index",
    {"D_t": D6, "h": h6, "y": y6},
    weighted_error,
    source="weighted training error of h_t (Schapire and Freund, 2012, Algorithm 1.1), h_i = h_t(x_i)",
)


def reweight(D_t, h, y, alpha_t):
    u = [D_t[i] * math.exp(-alpha_t * y[i] * h[i]) for i in range(len(h))]
    return np.asarray(u) / sum(u)


row(
    "adaboost_reweighting",
    r"D_{t+1}(i) = \frac{D_t(i) \exp(-\alpha_t y_i h_i)}{\sum_{j=1}^{m} D_t(j) \exp(-\alpha_t y_j h_j)}",
    "D_t: simplex[m]; h, y: vector[m]; alpha_t: scalar; i, j: index",
    {"D_t": D6, "h": h6, "y": y6, "alpha_t": 0.4},
    reweight,
    source="AdaBoost distribution update with Z_t written out (Schapire and Freund, 2012, Algorithm 1.1)",
)
yH = [1.0, -1.0, 1.0, 1.0, -1.0]
H = [[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0], [1.0, 1.0, -1.0], [1.0, -1.0, -1.0], [-1.0, 1.0, -1.0]]
al = rnd(1202, 3, lo=0.1, hi=0.9)


def exp_loss(y, H, alpha):
    m, T = len(H), len(alpha)
    return sum(math.exp(-y[i] * sum(alpha[t] * H[i][t] for t in range(T))) for i in range(m)) / m


row(
    "exponential_loss",
    r"\frac{1}{m} \sum_{i=1}^{m} \exp\left(-y_i \sum_{t=1}^{T} \alpha_t H_{it}\right)",
    "y: vector[m]; H: matrix[m, T]; alpha: vector[T]; i, t: index",
    {"y": yH, "H": H, "alpha": al},
    exp_loss,
    wrt="alpha",
    source="exponential loss of the combined classifier (Schapire and Freund, 2012, Sec. 7.1), H_it = h_t(x_i)",
)
eps = rnd(1203, 4, lo=0.1, hi=0.45)
row(
    "training_error_bound",
    r"\prod_{t=1}^{T} 2 \sqrt{\epsilon_t (1 - \epsilon_t)}",
    "epsilon: vector[T], unit; t: index",
    {"epsilon": eps},
    lambda epsilon: math.prod(2 * math.sqrt(e * (1 - e)) for e in epsilon),
    wrt="epsilon",
    source="AdaBoost training error bound (Freund and Schapire, 1997, Theorem 6)",
)
gam = rnd(1204, 4, lo=0.05, hi=0.4)
row(
    "edge_bound",
    r"\prod_{t=1}^{T} \sqrt{1 - 4 \gamma_t^2}",
    "gamma: vector[T]; t: index",
    {"gamma": gam},
    lambda gamma: math.prod(math.sqrt(1 - 4 * g**2) for g in gamma),
    source="training error bound in the edges gamma_t = 1/2 - epsilon_t (Schapire and Freund, 2012, Theorem 3.1)",
)
row(
    "samme_alpha",
    r"\log \frac{1 - \mathrm{err}^{(m)}}{\mathrm{err}^{(m)}} + \log(K - 1)",
    r"\mathrm{err}^{(m)}: scalar, unit; K: scalar, positive",
    {"err_sup_m": 0.41, "K": 4.0},
    lambda err_sup_m, K: math.log((1 - err_sup_m) / err_sup_m) + math.log(K - 1),
    source="SAMME classifier weight alpha^(m) (Zhu, Zou, Rosset and Hastie, 2009, Algorithm 2)",
)
pg = simplex(1205, 4)
row(
    "gini_impurity",
    r"G = 1 - \sum_{k=1}^{K} p_k^2",
    "p: simplex[K]; k: index",
    {"p": pg},
    lambda p: 1 - sum(v**2 for v in p),
    wrt="p",
    source="Gini index of node impurity (Breiman, Friedman, Olshen and Stone, 1984, Sec. 4.3)",
)
pq = [3.0, 4.0, 2.0]
nq = [2.0, 1.0, 3.0]


def id3_gain(p, n, P, N):
    def info(a, b):
        return -a / (a + b) * math.log2(a / (a + b)) - b / (a + b) * math.log2(b / (a + b))

    return info(P, N) - sum((p[i] + n[i]) / (P + N) * info(p[i], n[i]) for i in range(len(p)))


row(
    "id3_information_gain",
    r"-\frac{P}{P + N} \log_2 \frac{P}{P + N} - \frac{N}{P + N} \log_2 \frac{N}{P + N} - \sum_{i=1}^{v} \frac{p_i + n_i}{P + N} \left( -\frac{p_i}{p_i + n_i} \log_2 \frac{p_i}{p_i + n_i} - \frac{n_i}{p_i + n_i} \log_2 \frac{n_i}{p_i + n_i} \right)",
    "p, n: vector[v], positive; P, N: scalar, positive; i: index",
    {"p": pq, "n": nq, "P": sum(pq), "N": sum(nq)},
    id3_gain,
    wrt="p",
    source="gain(A) = I(p, n) - E(A) (Quinlan, 1986, Sec. 4), P and N the totals of the p_i and n_i",
)
lc = [5.0, 2.0, 1.0]
rc = [1.0, 3.0, 4.0]


def gini_split(l, r, n_L, n_R, n):  # noqa: E741
    gl = 1 - sum((v / n_L) ** 2 for v in l)
    gr = 1 - sum((v / n_R) ** 2 for v in r)
    return n_L / n * gl + n_R / n * gr


row(
    "gini_of_split",
    r"\frac{n_L}{n} \left(1 - \sum_{k=1}^{K} \left(\frac{l_k}{n_L}\right)^2\right) + \frac{n_R}{n} \left(1 - \sum_{k=1}^{K} \left(\frac{r_k}{n_R}\right)^2\right)",
    "l, r: vector[K]; n_L, n_R, n: scalar, positive; k: index",
    {"l": lc, "r": rc, "n_L": sum(lc), "n_R": sum(rc), "n": sum(lc) + sum(rc)},
    gini_split,
    wrt="l",
    source="weighted Gini impurity of the children of a split (Breiman et al., 1984, Sec. 4.3; Hastie, Tibshirani and Friedman, 2009, Eq. 9.17)",
)
yb = [1.0, -1.0, -1.0, 1.0, 1.0]
Fb = rnd(1206, 5)
row(
    "logistic_pseudo_residual",
    r"\tilde{y}_i = \frac{2 y_i}{1 + \exp(2 y_i F_i)}",
    "y, F: vector[N]; i: index",
    {"y": yb, "F": Fb},
    lambda y, F: np.asarray([2 * y[i] / (1 + math.exp(2 * y[i] * F[i])) for i in range(len(y))]),
    source="pseudo-responses of LK_TreeBoost (Friedman, 2001, Algorithm 5), F_i = F_{m-1}(x_i)",
)
row(
    "pseudo_residual_derivative",
    r"-\left[\frac{\partial}{\partial F} \log\left(1 + e^{-2 y F}\right)\right]_{F = F_{m-1}}",
    "y, F, F_{m-1}: scalar",
    {"y": -1.0, "F_m_minus_1": 0.35},
    lambda y, F_m_minus_1: 2 * y / (1 + math.exp(2 * y * F_m_minus_1)),
    source="generic pseudo-residual (Friedman, 2001, Eq. 9 and Algorithm 1) for the binomial deviance L = log(1 + exp(-2yF)) (Sec. 4.5)",
)
gx = rnd(1207, 5)
hx = rnd(1208, 5, lo=0.1, hi=0.25)
row(
    "xgboost_leaf_weight",
    r"-\frac{\sum_{i=1}^{n} g_i}{\sum_{i=1}^{n} h_i + \lambda}",
    "g, h: vector[n]; lambda: scalar, positive; i: index",
    {"g": gx, "h": hx, "lambda": 1.0},
    lambda g, h, **k: -sum(g) / (sum(h) + k["lambda"]),
    wrt="h",
    source="optimal leaf weight w_j* (Chen and Guestrin, 2016, Eq. 5), the sums over the instances of leaf j",
)
GT = rnd(1209, 4, lo=-2, hi=2)
HT = rnd(1210, 4, lo=0.5, hi=2)
row(
    "xgboost_structure_score",
    r"-\frac{1}{2} \sum_{j=1}^{T} \frac{G_j^2}{H_j + \lambda} + \gamma T",
    "G, H: vector[T]; lambda, gamma: scalar, positive; j: index; T: dim",
    {"G": GT, "H": HT, "lambda": 1.0, "gamma": 0.3},
    lambda G, H, gamma, **k: (
        -0.5 * sum(G[j] ** 2 / (H[j] + k["lambda"]) for j in range(len(G))) + gamma * len(G)
    ),
    wrt="H",
    source="structure score of a tree (Chen and Guestrin, 2016, Eq. 6)",
)


def split_gain(G_L, G_R, H_L, H_R, gamma, **k):
    lam = k["lambda"]
    return (
        0.5 * (G_L**2 / (H_L + lam) + G_R**2 / (H_R + lam) - (G_L + G_R) ** 2 / (H_L + H_R + lam))
        - gamma
    )


row(
    "xgboost_split_gain",
    r"\frac{1}{2} \left[ \frac{G_L^2}{H_L + \lambda} + \frac{G_R^2}{H_R + \lambda} - \frac{(G_L + G_R)^2}{H_L + H_R + \lambda} \right] - \gamma",
    "G_L, G_R: scalar; H_L, H_R, lambda, gamma: scalar, positive",
    {"G_L": 1.7, "G_R": -2.4, "H_L": 3.1, "H_R": 2.2, "lambda": 1.0, "gamma": 0.2},
    split_gain,
    wrt="G_L",
    source="loss reduction of a split (Chen and Guestrin, 2016, Eq. 7)",
)
fx = rnd(1211, 5)
wx = rnd(1212, 3)


def second_order(g, h, f, w, gamma, **k):
    T = len(w)
    return (
        sum(g[i] * f[i] + 0.5 * h[i] * f[i] ** 2 for i in range(len(g)))
        + gamma * T
        + 0.5 * k["lambda"] * sum(v**2 for v in w)
    )


row(
    "xgboost_second_order_objective",
    r"\sum_{i=1}^{n} \left[ g_i f_i + \frac{1}{2} h_i f_i^2 \right] + \gamma T + \frac{1}{2} \lambda \sum_{j=1}^{T} w_j^2",
    "g, h, f: vector[n]; w: vector[T]; gamma, lambda: scalar, positive; i, j: index; T: dim",
    {"g": gx, "h": hx, "f": fx, "w": wx, "gamma": 0.3, "lambda": 1.0},
    second_order,
    wrt="f",
    source="second-order approximation of the objective (Chen and Guestrin, 2016, Eq. 3 with Omega from Eq. 2), f_i = f_t(x_i)",
)
ys = [1.0, 0.0, 1.0, 1.0, 0.0]
ps = rnd(1213, 5, lo=0.2, hi=0.8)
row(
    "logitboost_working_response",
    r"z_i = \frac{y^*_i - p_i}{p_i (1 - p_i)}",
    "y^*, p: vector[N]; i: index",
    {"y_sup_star": ys, "p": ps},
    lambda y_sup_star, p: np.asarray(
        [(y_sup_star[i] - p[i]) / (p[i] * (1 - p[i])) for i in range(len(p))]
    ),
    source="LogitBoost working response (Friedman, Hastie and Tibshirani, 2000, Algorithm 3), p_i = p(x_i), y* in {0, 1}",
)

if __name__ == "__main__":
    A.write()
