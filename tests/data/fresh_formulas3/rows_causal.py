"""Causal inference and off-policy estimation (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

from _common import Area, rnd, sigmoid, simplex

A = Area("causal")
row = A.row

Tt = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
Yt = rnd(1300, 6, lo=0.0, hi=3.0)
et = rnd(1301, 6, lo=0.2, hi=0.8)


def ipw(T, Y, e):
    n = len(T)
    return sum(T[i] * Y[i] / e[i] - (1 - T[i]) * Y[i] / (1 - e[i]) for i in range(n)) / n


row(
    "ipw_ate",
    r"\hat{\tau}_{\text{IPW}} = \frac{1}{n} \sum_{i=1}^{n} \left( \frac{T_i Y_i}{e_i} - \frac{(1 - T_i) Y_i}{1 - e_i} \right)",
    "T, Y: vector[n]; e: vector[n], unit; i: index; n: dim",
    {"T": Tt, "Y": Yt, "e": et},
    ipw,
    wrt="e",
    source="inverse probability weighting (Horvitz-Thompson) estimator of the ATE (Rosenbaum and Rubin, 1983; Imbens and Rubin, 2015, Eq. 12.3), e_i = e(X_i)",
)


def hajek(T, Y, e):
    n = len(T)
    a = sum(T[i] * Y[i] / e[i] for i in range(n)) / sum(T[i] / e[i] for i in range(n))
    b = sum((1 - T[i]) * Y[i] / (1 - e[i]) for i in range(n)) / sum(
        (1 - T[i]) / (1 - e[i]) for i in range(n)
    )
    return a - b


row(
    "hajek_ate",
    r"\frac{\sum_{i=1}^{n} T_i Y_i / e_i}{\sum_{i=1}^{n} T_i / e_i} - \frac{\sum_{i=1}^{n} (1 - T_i) Y_i / (1 - e_i)}{\sum_{i=1}^{n} (1 - T_i) / (1 - e_i)}",
    "T, Y: vector[n]; e: vector[n], unit; i: index",
    {"T": Tt, "Y": Yt, "e": et},
    hajek,
    wrt="e",
    source="normalized (Hajek) IPW estimator of the ATE (Hirano, Imbens and Ridder, 2003; Imbens and Rubin, 2015, Eq. 12.5)",
)
Xa = rnd(1302, 6, 2)
b1, b0, ga = rnd(1303, 2), rnd(1304, 2), rnd(1305, 2)


def aipw(X, T, Y, beta_1, beta_0, gamma):
    n = len(T)
    s = 0.0
    for i in range(n):
        m1, m0 = float(beta_1 @ X[i]), float(beta_0 @ X[i])
        e = sigmoid(float(gamma @ X[i]))
        s += m1 - m0 + T[i] * (Y[i] - m1) / e - (1 - T[i]) * (Y[i] - m0) / (1 - e)
    return s / n


row(
    "aipw_linear_logistic",
    r"\frac{1}{n} \sum_{i=1}^{n} \left[ \beta_1^\top x_i - \beta_0^\top x_i + \frac{T_i (Y_i - \beta_1^\top x_i)}{\sigma(\gamma^\top x_i)} - \frac{(1 - T_i)(Y_i - \beta_0^\top x_i)}{1 - \sigma(\gamma^\top x_i)} \right]",
    "X: matrix[n, d]; x_i: row[X]; T, Y: vector[n]; beta_1, beta_0, gamma: vector[d]; i: index",
    {"X": Xa, "T": Tt, "Y": Yt, "beta_1": b1, "beta_0": b0, "gamma": ga},
    aipw,
    wrt="gamma",
    source="augmented IPW / doubly robust ATE estimator (Robins, Rotnitzky and Zhao, 1994; Bang and Robins, 2005), linear outcome models and a logistic propensity",
)


def diff_in_means(T, Y):
    n = len(T)
    return sum(T[i] * Y[i] for i in range(n)) / sum(T) - sum(
        (1 - T[i]) * Y[i] for i in range(n)
    ) / sum(1 - t for t in T)


row(
    "difference_in_means",
    r"\frac{\sum_{i=1}^{n} T_i Y_i}{\sum_{i=1}^{n} T_i} - \frac{\sum_{i=1}^{n} (1 - T_i) Y_i}{\sum_{i=1}^{n} (1 - T_i)}",
    "T, Y: vector[n]; i: index",
    {"T": Tt, "Y": Yt},
    diff_in_means,
    wrt="Y",
    source="Neyman's difference in means estimator (Imbens and Rubin, 2015, Eq. 6.2)",
)
pi_t = rnd(1306, 6, lo=0.1, hi=0.9)
mu_b = rnd(1307, 6, lo=0.2, hi=0.7)
rw = rnd(1308, 6, lo=0.0, hi=1.0)
row(
    "ips_value",
    r"\hat{V}_{\mathrm{IPS}} = \frac{1}{n} \sum_{i=1}^{n} \frac{\pi_i}{\mu_i} r_i",
    "pi, mu: vector[n], positive; r: vector[n]; i: index; n: dim",
    {"pi": pi_t, "mu": mu_b, "r": rw},
    lambda pi, mu, r: sum(pi[i] / mu[i] * r[i] for i in range(len(r))) / len(r),
    wrt="pi",
    source="inverse propensity scoring value estimate (Horvitz and Thompson, 1952; Dudik, Langford and Li, 2011, Sec. 2), pi_i = pi(a_i | x_i), mu_i = mu(a_i | x_i)",
)
row(
    "snips",
    r"\frac{\sum_{i=1}^{n} \frac{\pi_i}{\mu_i} r_i}{\sum_{i=1}^{n} \frac{\pi_i}{\mu_i}}",
    "pi, mu: vector[n], positive; r: vector[n]; i: index",
    {"pi": pi_t, "mu": mu_b, "r": rw},
    lambda pi, mu, r: (
        sum(pi[i] / mu[i] * r[i] for i in range(len(r))) / sum(pi[i] / mu[i] for i in range(len(r)))
    ),
    wrt="pi",
    source="self-normalized IPS estimator (Swaminathan and Joachims, 2015, Eq. 7)",
)
row(
    "clipped_ips",
    r"\frac{1}{n} \sum_{i=1}^{n} \min\left(M, \frac{\pi_i}{\mu_i}\right) r_i",
    "pi, mu: vector[n], positive; r: vector[n]; M: scalar, positive; i: index",
    {"pi": pi_t, "mu": mu_b, "r": rw, "M": 1.5},
    lambda pi, mu, r, M: sum(min(M, pi[i] / mu[i]) * r[i] for i in range(len(r))) / len(r),
    wrt="pi",
    source="clipped importance sampling estimate (Bottou et al., 2013, Eq. 20; Ionides, 2008)",
)
Pi = simplex(1309, 5, 3)
Rh = rnd(1310, 5, 3, lo=0.0, hi=1.0)
act = [2, 1, 3, 3, 1]  # logged actions, 1..K
mu_a = rnd(1311, 5, lo=0.2, hi=0.6)
r_a = rnd(1312, 5, lo=0.0, hi=1.0)


def direct(Pi, R_hat):
    n, K = Pi.shape
    return sum(Pi[i, a] * R_hat[i, a] for i in range(n) for a in range(K)) / n


row(
    "direct_method",
    r"\frac{1}{n} \sum_{i=1}^{n} \sum_{a=1}^{K} \Pi_{ia} \hat{R}_{ia}",
    r"\Pi, \hat{R}: matrix[n, K]; i, a: index",
    {"Pi": Pi, "R_hat": Rh},
    direct,
    wrt=r"\hat{R}",
    key="R_hat",
    source="direct method value estimate (Dudik, Langford and Li, 2011, Sec. 2), Pi_ia = pi(a | x_i), R_hat_ia = r_hat(x_i, a)",
)


def doubly_robust(Pi, R_hat, a, mu, r):
    n, K = Pi.shape
    s = 0.0
    for i in range(n):
        ai = int(a[i]) - 1
        s += sum(Pi[i, b] * R_hat[i, b] for b in range(K)) + Pi[i, ai] / mu[i] * (
            r[i] - R_hat[i, ai]
        )
    return s / n


row(
    "doubly_robust_policy_value",
    r"\frac{1}{n} \sum_{i=1}^{n} \left[ \sum_{a'=1}^{K} \Pi_{i a'} \hat{R}_{i a'} + \frac{\Pi_{i a_i}}{\mu_i} \left(r_i - \hat{R}_{i a_i}\right) \right]",
    r"\Pi, \hat{R}: matrix[n, K]; a: labels[n, K]; mu: vector[n], positive; r: vector[n]; i, a': index",
    {"Pi": Pi, "R_hat": Rh, "a": act, "mu": mu_a, "r": r_a},
    doubly_robust,
    source="doubly robust policy evaluation (Dudik, Langford and Li, 2011, Eq. 2), a_i the logged action",
)


def overlap(T, Y, e):
    n = len(T)
    return sum(T[i] * Y[i] * (1 - e[i]) for i in range(n)) / sum(
        T[i] * (1 - e[i]) for i in range(n)
    ) - sum((1 - T[i]) * Y[i] * e[i] for i in range(n)) / sum((1 - T[i]) * e[i] for i in range(n))


row(
    "overlap_weighting",
    r"\frac{\sum_{i=1}^{n} T_i Y_i (1 - e_i)}{\sum_{i=1}^{n} T_i (1 - e_i)} - \frac{\sum_{i=1}^{n} (1 - T_i) Y_i e_i}{\sum_{i=1}^{n} (1 - T_i) e_i}",
    "T, Y: vector[n]; e: vector[n], unit; i: index",
    {"T": Tt, "Y": Yt, "e": et},
    overlap,
    wrt="e",
    source="average treatment effect for the overlap population (Li, Morgan and Zaslavsky, 2018, Eq. 9 with overlap weights)",
)
Zi = [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
Di = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
Yi = rnd(1313, 6, lo=0.0, hi=2.0)


def wald(Z, Y, D, Z_bar, Y_bar, D_bar):
    n = len(Z)
    return sum((Z[i] - Z_bar) * (Y[i] - Y_bar) for i in range(n)) / sum(
        (Z[i] - Z_bar) * (D[i] - D_bar) for i in range(n)
    )


row(
    "iv_estimator",
    r"\hat{\beta}_{\mathrm{IV}} = \frac{\sum_{i=1}^{n} (Z_i - \bar{Z})(Y_i - \bar{Y})}{\sum_{i=1}^{n} (Z_i - \bar{Z})(D_i - \bar{D})}",
    r"Z, Y, D: vector[n]; \bar{Z}, \bar{Y}, \bar{D}: scalar; i: index",
    {
        "Z": Zi,
        "Y": Yi,
        "D": Di,
        "Z_bar": sum(Zi) / 6,
        "Y_bar": sum(Yi) / 6,
        "D_bar": sum(Di) / 6,
    },
    wald,
    wrt="Y",
    source="instrumental variables (Wald) estimator Cov(Y, Z) / Cov(D, Z) (Angrist and Pischke, 2009, Sec. 4.1)",
)
row(
    "difference_in_differences",
    r"\left(\bar{Y}_{T,\text{post}} - \bar{Y}_{T,\text{pre}}\right) - \left(\bar{Y}_{C,\text{post}} - \bar{Y}_{C,\text{pre}}\right)",
    r"\bar{Y}_{T,\text{post}}, \bar{Y}_{T,\text{pre}}, \bar{Y}_{C,\text{post}}, \bar{Y}_{C,\text{pre}}: scalar",
    {"Y_bar_T_post": 5.4, "Y_bar_T_pre": 3.1, "Y_bar_C_post": 4.2, "Y_bar_C_pre": 2.9},
    lambda Y_bar_T_post, Y_bar_T_pre, Y_bar_C_post, Y_bar_C_pre: (
        (Y_bar_T_post - Y_bar_T_pre) - (Y_bar_C_post - Y_bar_C_pre)
    ),
    source="difference-in-differences estimator (Card and Krueger, 1994; Angrist and Pischke, 2009, Sec. 5.2)",
)
row(
    "e_value",
    r"\mathrm{RR} + \sqrt{\mathrm{RR} \times (\mathrm{RR} - 1)}",
    r"\mathrm{RR}: scalar, positive",
    {"RR": 2.3},
    lambda RR: RR + math.sqrt(RR * (RR - 1)),
    wrt=r"\mathrm{RR}",
    key="RR",
    source="E-value for a risk ratio RR > 1 (VanderWeele and Ding, 2017, Eq. 2)",
)
Wr = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]
mr = rnd(1314, 6, lo=0.0, hi=2.0)
er = rnd(1315, 6, lo=0.3, hi=0.7)
br = rnd(1316, 2)


def r_learner(X, Y, W, m_hat, e_hat, beta):
    n = len(Y)
    return (
        sum(((Y[i] - m_hat[i]) - (W[i] - e_hat[i]) * float(beta @ X[i])) ** 2 for i in range(n)) / n
    )


row(
    "r_learner_loss",
    r"\frac{1}{n} \sum_{i=1}^{n} \left[ (Y_i - \hat{m}_i) - (W_i - \hat{e}_i) \beta^\top x_i \right]^2",
    r"X: matrix[n, d]; x_i: row[X]; Y, W, \hat{m}, \hat{e}: vector[n]; beta: vector[d]; i: index",
    {"X": Xa, "Y": Yt, "W": Wr, "m_hat": mr, "e_hat": er, "beta": br},
    r_learner,
    wrt="beta",
    source="R-learner objective (Nie and Wager, 2021, Eq. 4) with tau(x) = beta^T x, m_hat and e_hat the cross-fitted nuisances",
)

if __name__ == "__main__":
    A.write()
