"""Active learning acquisition functions: uncertainty sampling, query by committee, Monte Carlo
dropout scores, expected gradient length, density weighting and core sets (NumPy references from
each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex

A = Area("active")
row = A.row

pa = [0.12, 0.46, 0.08, 0.34]  # class probabilities of one unlabelled example

row(
    "least_confidence",
    r"\phi_{LC}(x) = 1 - \max_{k} p_k",
    "p: simplex[K]; k: index",
    {"p": pa},
    lambda p: 1 - max(p),
    wrt="p",
    source="least-confident uncertainty sampling, 1 - P(y-hat | x) with y-hat the most likely label (Settles, Active Learning Literature Survey, 2009, Sec. 3.1; Culotta and McCallum, 2005)",
    note="p_k = P_theta(y = k | x)",
)
row(
    "margin_sampling",
    r"\phi_{M}(x) = p_{\hat{y}_1} - p_{\hat{y}_2}",
    r"p: simplex[K]; \hat{y}_1, \hat{y}_2: label[K]",
    {"p": pa, "y_hat_1": 2, "y_hat_2": 4},
    lambda p, y_hat_1, y_hat_2: p[int(y_hat_1) - 1] - p[int(y_hat_2) - 1],
    wrt="p",
    source="margin sampling (Scheffer, Decomain and Wrobel, 2001; Settles, 2009, Sec. 3.1), y-hat_1 and y-hat_2 the first and second most probable labels",
)
votes = [3.0, 1.0, 2.0]


def vote_entropy(V, C):
    return -sum(V[k] / C * math.log(V[k] / C) for k in range(len(V)))


row(
    "vote_entropy",
    r"-\sum_{k=1}^{K} \frac{V_k}{C} \log \frac{V_k}{C}",
    "V: vector[K]; C: scalar, positive; k: index",
    {"V": votes, "C": 6.0},
    vote_entropy,
    source="vote entropy of a committee of C models (Dagan and Engelson, 1995; Settles, 2009, Sec. 3.2), V_k the votes for label k",
)
Pc = np.asarray(simplex(2200, 3, 4))


def consensus_kl(P):
    C, K = P.shape
    total = 0.0
    for c in range(C):
        for k in range(K):
            mean = sum(P[d, k] for d in range(C)) / C
            total += P[c, k] * math.log(P[c, k] / mean)
    return total / C


row(
    "consensus_kl",
    r"\frac{1}{C} \sum_{c=1}^{C} \sum_{k=1}^{K} P_{ck} \log \frac{P_{ck}}{\frac{1}{C} \sum_{c'=1}^{C} P_{c'k}}",
    "P: matrix[C, K]; c, c', k: index",
    {"P": Pc.tolist()},
    consensus_kl,
    wrt="P",
    source="average Kullback-Leibler divergence of each committee member from the consensus (McCallum and Nigam, 1998; Settles, 2009, Sec. 3.2)",
    note="row c of P is the class distribution of committee member c",
)
yT = [2, 2, 1, 3, 2, 1]


def variation_ratio(y_hat):
    y = y_hat
    T = len(y)
    return 1 - max(sum(1.0 for t in range(T) if int(y[t]) == k) / T for k in (1, 2, 3))


row(
    "variation_ratio",
    r"1 - \max_{k} \frac{1}{T} \sum_{t=1}^{T} \mathbb{1}[\hat{y}_t = k]",
    r"\hat{y}: labels[T, K]; k, t: index; K: dim",
    {"y_hat": yT},
    variation_ratio,
    source="variation ratios over T stochastic forward passes (Freeman, 1965; Gal, Islam and Ghahramani, 2017, Sec. 3), y-hat_t the label predicted by pass t, K = 3",
)
Pmc = np.asarray(simplex(2201, 5, 3))


def mean_std(P):
    T, K = P.shape
    return (
        sum(
            math.sqrt(
                sum(P[t, k] ** 2 for t in range(T)) / T - (sum(P[t, k] for t in range(T)) / T) ** 2
            )
            for k in range(K)
        )
        / K
    )


row(
    "mean_standard_deviation",
    r"\sigma(x) = \frac{1}{K} \sum_{k=1}^{K} \sqrt{\frac{1}{T} \sum_{t=1}^{T} P_{tk}^2 - \left(\frac{1}{T} \sum_{t=1}^{T} P_{tk}\right)^2}",
    "P: matrix[T, K]; k, t: index",
    {"P": Pmc.tolist()},
    mean_std,
    wrt="P",
    source="mean standard deviation of the class probabilities over T dropout passes (Kampffmeyer, Salberg and Jenssen, 2016; Gal, Islam and Ghahramani, 2017, Sec. 3)",
)
pb = rnd(2202, 6, lo=0.1, hi=0.9)


def bald_binary(p):
    T = len(p)
    m = sum(p) / T
    return (
        -m * math.log(m)
        - (1 - m) * math.log(1 - m)
        + sum(p[t] * math.log(p[t]) + (1 - p[t]) * math.log(1 - p[t]) for t in range(T)) / T
    )


row(
    "bald_binary",
    r"-\left(\frac{1}{T} \sum_{t=1}^{T} p_t\right) \log \left(\frac{1}{T} \sum_{t=1}^{T} p_t\right) - \left(1 - \frac{1}{T} \sum_{t=1}^{T} p_t\right) \log \left(1 - \frac{1}{T} \sum_{t=1}^{T} p_t\right) + \frac{1}{T} \sum_{t=1}^{T} \left[ p_t \log p_t + (1 - p_t) \log (1 - p_t) \right]",
    "p: vector[T]; t: index",
    {"p": pb},
    bald_binary,
    wrt="p",
    source="BALD for a binary classifier, H[y | x, D] - E_theta H[y | x, theta] (Houlsby et al., 2011, Sec. 3, the BALD objective), the expectation by T posterior samples p_t = P(y = 1 | x, theta_t)",
)
we = rnd(2203, 3)
xe = rnd(2204, 3)


def egl(w, x):
    s = sigmoid(float(w @ x))
    return s * np.linalg.norm((s - 1) * x) + (1 - s) * np.linalg.norm(s * x)


row(
    "expected_gradient_length",
    r"\sigma(w^\top x) \left\| \left(\sigma(w^\top x) - 1\right) x \right\| + \left(1 - \sigma(w^\top x)\right) \left\| \sigma(w^\top x) \, x \right\|",
    "w, x: vector[d]",
    {"w": we, "x": xe},
    egl,
    wrt="w",
    source="expected gradient length sum_y P(y | x) ||grad l(L + <x, y>)|| (Settles, Craven and Ray, 2008; Settles, 2009, Sec. 3.3), logistic regression with labels y in {0, 1}",
    note="the gradient of the log loss at the new example (sigma(w^T x) - y) x; the labelled set's own gradient is zero at convergence",
)
xd = rnd(2205, 3, lo=0.1, hi=1.0)
Xu = rnd(2206, 4, 3, lo=0.1, hi=1.0)


def info_density(x, X, phi, beta):
    U = len(X)
    sim = sum(float(x @ X[u]) / (np.linalg.norm(x) * np.linalg.norm(X[u])) for u in range(U)) / U
    return phi * sim**beta


row(
    "information_density",
    r"\phi_A \left( \frac{1}{U} \sum_{u=1}^{U} \frac{x^\top x^{(u)}}{\|x\| \, \|x^{(u)}\|} \right)^{\beta}",
    r"x: vector[d]; X: matrix[U, d]; x^{(u)}: row[X]; \phi_A: scalar; beta: scalar, positive; u: index",
    {"x": xd, "X": Xu, "phi_A": 0.62, "beta": 1.5},
    lambda x, X, phi_A, beta: info_density(x, X, phi_A, beta),
    wrt="x",
    source="information density, the base utility weighted by the mean cosine similarity to the unlabelled pool (Settles and Craven, 2008, information density; Settles, 2009, Sec. 3.6)",
    note="phi_A = phi_A(x) the base informativeness (for instance the entropy), given",
)
Xp = rnd(2207, 5, 2)
Cp = rnd(2208, 2, 2)


def cover_radius(X, C):
    return max(
        min(float(np.linalg.norm(X[i] - C[j])) for j in range(len(C))) for i in range(len(X))
    )


row(
    "core_set_radius",
    r"\delta = \max_{i} \min_{j} \|x_i - c_j\|_2",
    "X: matrix[n, d]; x_i: row[X]; C: matrix[m, d]; c_j: row[C]; i, j: index",
    {"X": Xp, "C": Cp},
    cover_radius,
    source="covering radius of the selected centres, the quantity the k-Center greedy step minimizes (Sener and Savarese, 2018, Sec. 4 and Algorithm 1)",
)
pz = [0.2, 0.7, 0.1]
zb = rnd(2209, 4)


def badge(p, z, y_hat):
    return np.array(
        [
            [(p[k] - (1.0 if int(y_hat) == k + 1 else 0.0)) * z[j] for j in range(len(z))]
            for k in range(len(p))
        ]
    )


row(
    "badge_gradient_embedding",
    r"(g_x)_{kj} = \left(p_k - \mathbb{1}(\hat{y} = k)\right) z_j",
    r"p: simplex[K]; z: vector[d]; \hat{y}: label[K]; k, j: index",
    {"p": pz, "z": zb, "y_hat": 2},
    badge,
    source="gradient embedding of BADGE, the last layer's gradient at the predicted label (Ash et al., 2020, Sec. 3), z the penultimate features",
)
sc = rnd(2210, 5, lo=0.1, hi=2.0)
row(
    "power_acquisition",
    r"p(i) = \frac{s_i^{\beta}}{\sum_{j=1}^{n} s_j^{\beta}}",
    "s: vector[n]; beta: scalar, positive; i, j: index",
    {"s": sc, "beta": 1.0},
    lambda s, beta: s**beta / sum(s[j] ** beta for j in range(len(s))),
    source="power acquisition, sampling the pool in proportion to the score to the power beta (Kirsch et al., 2023, Stochastic Batch Acquisition, Sec. 3)",
)


def loss_pred(l_i, l_j, l_hat_i, l_hat_j, xi):
    return max(0.0, -np.sign(l_i - l_j) * (l_hat_i - l_hat_j) + xi)


row(
    "loss_prediction_ranking",
    r"\max\left(0, -\operatorname{sign}(l_i - l_j) \cdot (\hat{l}_i - \hat{l}_j) + \xi\right)",
    r"l_i, l_j, \hat{l}_i, \hat{l}_j: scalar; xi: scalar, positive",
    {"l_i": 0.9, "l_j": 0.4, "l_hat_i": 0.5, "l_hat_j": 0.45, "xi": 1.0},
    loss_pred,
    wrt=r"\hat{l}_i",
    key="l_hat_i",
    source="ranking loss of the loss-prediction module (Yoo and Kweon, 2019, Sec. 3.3), the paper's 1(l_i, l_j) = +1 if l_i > l_j and -1 otherwise",
)
wv = rnd(2211, 3)
xv = rnd(2212, 3)
row(
    "svm_distance_to_hyperplane",
    r"\frac{|w^\top x + b|}{\|w\|_2}",
    "w, x: vector[d]; b: scalar",
    {"w": wv, "x": xv, "b": 0.3},
    lambda w, x, b: abs(float(w @ x) + b) / np.linalg.norm(w),
    wrt="w",
    source="simple margin: query the example closest to the SVM hyperplane (Tong and Koller, 2001, Sec. 4)",
)
yh = rnd(2213, 6, lo=-1.0, hi=2.0)


def mc_variance(y_hat, tau):
    T = len(y_hat)
    return 1 / tau + sum(y_hat[t] ** 2 for t in range(T)) / T - (sum(y_hat) / T) ** 2


row(
    "mc_dropout_predictive_variance",
    r"\tau^{-1} + \frac{1}{T} \sum_{t=1}^{T} \hat{y}_t^2 - \left(\frac{1}{T} \sum_{t=1}^{T} \hat{y}_t\right)^2",
    r"\hat{y}: vector[T]; tau: scalar, positive; t: index",
    {"y_hat": yh, "tau": 4.0},
    mc_variance,
    wrt=r"\hat{y}",
    key="y_hat",
    source="predictive variance of MC dropout, tau^-1 I_D + (1/T) sum_t y_t^T y_t - E(y*)^T E(y*) (Gal and Ghahramani, 2016, Sec. 4), one output (D = 1)",
)

if __name__ == "__main__":
    A.write()
