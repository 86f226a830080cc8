"""Domain adaptation: CORAL, DANN objectives and schedules, linear-time MMD, classifier
discrepancy, importance weighting under covariate shift, conditional adversarial weights, feature
norms and batch-level regularizers (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, sigmoid, simplex, softmax

A = Area("domain")
row = A.row

DS = np.asarray(rnd(2500, 5, 3))
DT = np.asarray(rnd(2501, 4, 3))


def cov(D):
    n = len(D)
    ones = np.ones(n)
    return (D.T @ D - np.outer(ones @ D, ones @ D) / n) / (n - 1)


CS = np.round(cov(DS), 6)
CT = np.round(cov(DT), 6)


def coral(C_S, C_T):
    d = len(C_S)
    return float(np.sum((C_S - C_T) ** 2)) / (4 * d**2)


row(
    "coral_loss",
    r"\ell_{CORAL} = \frac{1}{4d^2} \|C_S - C_T\|^2_F",
    "C_S, C_T: matrix[d, d]",
    {"C_S": CS.tolist(), "C_T": CT.tolist()},
    coral,
    wrt="C_S",
    source="Deep CORAL loss, the squared Frobenius distance of the source and target feature covariances (Sun and Saenko, 2016, Eq. 1)",
)


def coral_cov(D_S):
    n = len(D_S)
    s = np.array([sum(D_S[i, j] for i in range(n)) for j in range(D_S.shape[1])])
    return (D_S.T @ D_S - np.outer(s, s) / n) / (n - 1)


row(
    "coral_covariance",
    r"C_S = \frac{1}{n_S - 1} \left( D_S^\top D_S - \frac{1}{n_S} (\mathbf{1}^\top D_S)^\top (\mathbf{1}^\top D_S) \right)",
    "D_S: matrix[n_S, d]",
    {"D_S": DS.tolist()},
    coral_cov,
    source="source feature covariance of Deep CORAL (Sun and Saenko, 2016, Eq. 2)",
    note="1 is a column vector of ones (of size n_S); the symbol table cannot declare `\\mathbf{1}`",
)
Ly = rnd(2502, 3, lo=0.1, hi=2.0)
Ld = rnd(2503, 5, lo=0.1, hi=1.5)


def dann_objective(L_cal_y, L_cal_d, n_prime, **k):
    n = len(L_cal_y)
    N = len(L_cal_d)
    return sum(L_cal_y[i] for i in range(n)) / n - k["lambda"] * (
        sum(L_cal_d[i] for i in range(n)) / n + sum(L_cal_d[i] for i in range(n, N)) / n_prime
    )


row(
    "dann_objective",
    r"E(\theta_f, \theta_y, \theta_d) = \frac{1}{n} \sum_{i=1}^{n} \mathcal{L}_y^i - \lambda \left( \frac{1}{n} \sum_{i=1}^{n} \mathcal{L}_d^i + \frac{1}{n'} \sum_{i=n+1}^{N} \mathcal{L}_d^i \right)",
    r"\mathcal{L}_y: vector[n]; \mathcal{L}_d: vector[N]; n': scalar, positive; lambda: scalar, positive; i: index",
    {"L_cal_y": Ly, "L_cal_d": Ld, "n_prime": 2.0, "lambda": 0.3},
    dann_objective,
    source="DANN saddle-point objective (Ganin et al., 2016, JMLR, Sec. 4), L_y^i and L_d^i the label and domain losses of example i, n source and n' = N - n target examples",
    note="L_y^i is entry i of the vector L_y (the superscript is the example's index)",
)
Hd = rnd(2504, 5, 3)
dd = [0.0, 0.0, 1.0, 1.0, 0.0]
ud = rnd(2505, 3)


def dann_domain(H, d, u, z):
    total = 0.0
    for i in range(len(H)):
        s = sigmoid(float(u @ H[i]) + z)
        total += d[i] * math.log(1 / s) + (1 - d[i]) * math.log(1 / (1 - s))
    return total


row(
    "dann_domain_logistic",
    r"\sum_{i=1}^{N} \left[ d_i \log \frac{1}{\sigma(u^\top h_i + z)} + (1 - d_i) \log \frac{1}{1 - \sigma(u^\top h_i + z)} \right]",
    "H: matrix[N, D]; h_i: row[H]; d: vector[N]; u: vector[D]; z: scalar; i: index",
    {"H": Hd, "d": dd, "u": ud, "z": 0.2},
    dann_domain,
    wrt="u",
    source="domain regressor loss of DANN with a logistic domain classifier (Ganin et al., 2016, JMLR, Sec. 4), h_i = G_f(x_i) the features, d_i the domain label",
)
row(
    "grl_lambda_schedule",
    r"\lambda_p = \frac{2}{1 + \exp(-\gamma \cdot p)} - 1",
    "p: scalar, unit; gamma: scalar, positive",
    {"p": 0.3, "gamma": 10.0},
    lambda p, gamma: 2 / (1 + math.exp(-gamma * p)) - 1,
    wrt="p",
    source="adaptation factor schedule of the gradient reversal layer (Ganin et al., 2016, JMLR, Sec. 5.2), p the training progress from 0 to 1",
)
row(
    "dann_learning_rate_annealing",
    r"\mu_p = \frac{\mu_0}{(1 + \alpha \cdot p)^{\beta}}",
    r"p: scalar, unit; \mu_0, alpha, beta: scalar, positive",
    {"p": 0.3, "mu_0": 0.01, "alpha": 10.0, "beta": 0.75},
    lambda p, mu_0, alpha, beta: mu_0 / (1 + alpha * p) ** beta,
    wrt="p",
    source="learning-rate annealing of DANN (Ganin et al., 2016, JMLR, Sec. 5.2)",
)
row(
    "proxy_a_distance",
    r"\hat{d}_{\mathcal{A}} = 2(1 - 2\epsilon)",
    "epsilon: scalar, unit",
    {"epsilon": 0.18},
    lambda epsilon: 2 * (1 - 2 * epsilon),
    source="proxy A-distance from the generalization error of a domain classifier (Ben-David et al., 2007; Ganin et al., 2016, JMLR, Sec. 5.1)",
)
xm = rnd(2506, 6)
ym = rnd(2507, 6, lo=-0.5, hi=1.5)


def mmd_linear_1d(x, y, sigma):
    m = len(x)

    def k(a, b):
        return math.exp(-((a - b) ** 2) / (2 * sigma**2))

    total = 0.0
    for i in range(1, m // 2 + 1):
        a, a2 = x[2 * i - 2], x[2 * i - 1]
        b, b2 = y[2 * i - 2], y[2 * i - 1]
        total += k(a, a2) + k(b, b2) - k(a, b2) - k(a2, b)
    return 2 / m * total


row(
    "mmd_linear_time_scalar",
    r"\frac{2}{m} \sum_{i=1}^{m/2} \left[ e^{-\frac{(x_{2i-1} - x_{2i})^2}{2\sigma^2}} + e^{-\frac{(y_{2i-1} - y_{2i})^2}{2\sigma^2}} - e^{-\frac{(x_{2i-1} - y_{2i})^2}{2\sigma^2}} - e^{-\frac{(x_{2i} - y_{2i-1})^2}{2\sigma^2}} \right]",
    "x, y: vector[m]; sigma: scalar, positive; i: index",
    {"x": xm, "y": ym, "sigma": 0.8},
    mmd_linear_1d,
    wrt="x",
    source="linear-time MMD estimator MMD_l^2 = (2/m) sum_i h((x_{2i-1}, y_{2i-1}), (x_{2i}, y_{2i})) (Gretton et al., 2012, Lemma 14), Gaussian kernel on scalars",
)
Xm = rnd(2508, 4, 2)
Ym = rnd(2509, 4, 2, lo=-0.5, hi=1.5)


def mmd_linear_vec(X, Y, sigma):
    m = len(X)

    def k(a, b):
        return math.exp(-float(np.sum((a - b) ** 2)) / (2 * sigma**2))

    total = 0.0
    for i in range(1, m // 2 + 1):
        a, a2 = X[2 * i - 2], X[2 * i - 1]
        b, b2 = Y[2 * i - 2], Y[2 * i - 1]
        total += k(a, a2) + k(b, b2) - k(a, b2) - k(a2, b)
    return 2 / m * total


row(
    "mmd_linear_time_vectors",
    r"\frac{2}{m} \sum_{i=1}^{m/2} \left[ k(x_{2i-1}, x_{2i}) + k(y_{2i-1}, y_{2i}) - k(x_{2i-1}, y_{2i}) - k(x_{2i}, y_{2i-1}) \right], \quad k(a, b) = \exp\left(-\frac{\|a - b\|^2}{2\sigma^2}\right)",
    "X, Y: matrix[m, D]; x_i: row[X]; y_i: row[Y]; sigma: scalar, positive; i: index",
    {"X": Xm, "Y": Ym, "sigma": 0.8},
    mmd_linear_vec,
    wrt="sigma",
    source="linear-time MMD (Gretton et al., 2012, Lemma 14; the linear-time MK-MMD of Long et al., 2015, DAN, Sec. 3, with one kernel), Gaussian kernel",
)
pp1 = simplex(2510, 4)
pp2 = simplex(2511, 4)


def mcd(p_1, p_2):
    K = len(p_1)
    return sum(abs(p_1[k] - p_2[k]) for k in range(K)) / K


row(
    "mcd_discrepancy",
    r"d(p_1, p_2) = \frac{1}{K} \sum_{k=1}^{K} |p_{1k} - p_{2k}|",
    "p_1, p_2: simplex[K]; k: index",
    {"p_1": pp1, "p_2": pp2},
    mcd,
    wrt="p_1",
    source="discrepancy of two classifiers' probabilities (Saito et al., 2018, Maximum Classifier Discrepancy, Sec. 3)",
    note="p_1k is entry k of p_1",
)
Xw = rnd(2512, 5, 2)
yw = rnd(2513, 5)
qw = rnd(2514, 5, lo=0.2, hi=1.0)
pw = rnd(2515, 5, lo=0.2, hi=1.0)
tw = rnd(2516, 2)


def iwerm(X, y, q, p, theta):
    n = len(X)
    return sum(q[i] / p[i] * (y[i] - float(theta @ X[i])) ** 2 for i in range(n)) / n


row(
    "importance_weighted_erm",
    r"\frac{1}{n} \sum_{i=1}^{n} \frac{q_i}{p_i} \left(y_i - \theta^\top x_i\right)^2",
    "X: matrix[n, D]; x_i: row[X]; y, q, p: vector[n]; theta: vector[D]; i: index",
    {"X": Xw, "y": yw, "q": qw, "p": pw, "theta": tw},
    iwerm,
    wrt="theta",
    source="importance-weighted least squares under covariate shift (Shimodaira, 2000; Sugiyama, Krauledat and Mueller, 2007, IWERM), q_i = p_T(x_i) and p_i = p_S(x_i)",
)
xr = rnd(2517, 3)
ur = rnd(2518, 3)


def ratio(x, u, b, n_S, n_T):
    s = sigmoid(float(u @ x) + b)
    return n_S / n_T * s / (1 - s)


row(
    "classifier_density_ratio",
    r"\hat{w}(x) = \frac{n_S}{n_T} \cdot \frac{\sigma(u^\top x + b)}{1 - \sigma(u^\top x + b)}",
    "x, u: vector[D]; b: scalar; n_S, n_T: scalar, positive",
    {"x": xr, "u": ur, "b": -0.2, "n_S": 40.0, "n_T": 25.0},
    ratio,
    wrt="u",
    source="density ratio p_T(x) / p_S(x) from a probabilistic domain classifier (Bickel, Brueckner and Scheffer, 2007, Sec. 3; Sugiyama, Suzuki and Kanamori, Density Ratio Estimation, 2012, Ch. 5)",
    note="sigma(u^T x + b) the classifier's probability that x comes from the target domain",
)
gc = simplex(2519, 4)
row(
    "cdan_entropy_weight",
    r"w = 1 + e^{-H(g)}, \quad H(g) = -\sum_{c=1}^{C} g_c \log g_c",
    "g: simplex[C]; c: index",
    {"g": gc},
    lambda g: 1 + math.exp(sum(g[c] * math.log(g[c]) for c in range(len(g)))),
    wrt="g",
    source="entropy-aware weight of CDAN+E (Long et al., 2018, Sec. 3), g the classifier prediction",
)
zc = rnd(2520, 2, lo=-1.0, hi=1.0)


def confusion(z):
    D = len(z)
    return -sum(log_softmax(z)[d] for d in range(D)) / D


row(
    "domain_confusion",
    r"\mathcal{L}_{conf} = -\frac{1}{D} \sum_{d=1}^{D} \log \frac{e^{z_d}}{\sum_{d'=1}^{D} e^{z_{d'}}}",
    "z: vector[D]; d, d': index",
    {"z": zc},
    confusion,
    wrt="z",
    source="domain confusion loss, the cross-entropy against the uniform distribution over domains (Tzeng et al., 2015, Sec. 3), z the domain classifier's logits",
)
Hs = rnd(2521, 4, 3)
Ht = rnd(2522, 3, 3)


def hafn(H, G, R):
    a = sum(float(np.linalg.norm(H[i])) for i in range(len(H))) / len(H)
    b = sum(float(np.linalg.norm(G[j])) for j in range(len(G))) / len(G)
    return (a - R) ** 2 + (b - R) ** 2


row(
    "hard_adaptive_feature_norm",
    r"\left(\frac{1}{n_s} \sum_{i=1}^{n_s} \|h_i\|_2 - R\right)^2 + \left(\frac{1}{n_t} \sum_{j=1}^{n_t} \|g_j\|_2 - R\right)^2",
    "H: matrix[n_s, D]; h_i: row[H]; G: matrix[n_t, D]; g_j: row[G]; R: scalar, positive; i, j: index",
    {"H": Hs, "G": Ht, "R": 1.5},
    hafn,
    wrt="R",
    source="hard adaptive feature norm, L_d with the L2 distance between the mean feature norm of each domain and R (Xu et al., 2019, Sec. 3), h_i source and g_j target features",
)
Pb = softmax(np.asarray(rnd(2523, 4, 3, lo=-2.0, hi=2.0)))


def bnm(A_):
    return -float(np.sum(np.linalg.svd(A_, compute_uv=False))) / len(A_)


row(
    "batch_nuclear_norm",
    r"\mathcal{L}_{bnm} = -\frac{1}{B} \|A\|_{\star}",
    "A: matrix[B, C]",
    {"A": np.round(Pb, 6).tolist()},
    lambda A: bnm(A),
    source="batch nuclear-norm maximization on the target prediction matrix (Cui et al., 2020, Sec. 3), ||A||_* the sum of the singular values",
)
Cm = np.array([[0.5, 0.2, 0.1], [0.2, 0.6, 0.15], [0.1, 0.15, 0.4]])


def mcc(C):
    K = len(C)
    return sum(abs(C[j, k]) for j in range(K) for k in range(K) if k != j) / K


row(
    "minimum_class_confusion",
    r"L_{\mathrm{MCC}} = \frac{1}{|\mathcal{C}|} \sum_{j=1}^{|\mathcal{C}|} \sum_{j' \neq j}^{|\mathcal{C}|} \left| \tilde{C}_{jj'} \right|",
    r"\tilde{C}: matrix[K, K]; \mathcal{C}: scalar, positive; j, j': index",
    {"C_tilde": Cm.tolist(), "C_cal": 3.0},
    lambda C_tilde, C_cal: mcc(C_tilde),
    source="minimum class confusion loss over the normalized class-correlation matrix (Jin et al., 2020, Sec. 3), |C| the number of classes",
    note="|C| = 3, given as the scalar C-cal",
)

if __name__ == "__main__":
    A.write()
