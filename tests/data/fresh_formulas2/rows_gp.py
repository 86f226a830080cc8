"""Gaussian processes and Bayesian optimisation (NumPy/SciPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd
from scipy.special import erf

A = Area("gp")
row = A.row

x = rnd(200, 3)
xp = rnd(201, 3)
ell = rnd(202, 3, lo=0.5, hi=1.5)


def ard(x, x_prime, ell, sigma_f):
    s = sum((x[d] - x_prime[d]) ** 2 / ell[d] ** 2 for d in range(len(x)))
    return sigma_f**2 * math.exp(-0.5 * s)


row(
    "ard_se_sum",
    r"k(x, x') = \sigma_f^2 \exp\left(-\frac{1}{2} \sum_{d=1}^{D} \frac{(x_d - x'_d)^2}{\ell_d^2}\right)",
    "x, x': vector[D]; ell: vector[D], positive; sigma_f: scalar, positive; d: index",
    {"x": x, "x_prime": xp, "ell": ell, "sigma_f": 1.3},
    ard,
    wrt="x",
    source="squared exponential with ARD (Rasmussen and Williams, 2006, Sec. 5.1, Eq. 5.2 with M = diag(ell)^-2)",
)
row(
    "ard_se_matrix",
    r"\sigma_f^2 \exp\left(-\frac{1}{2} (x_p - x_q)^\top \operatorname{diag}(\ell)^{-2} (x_p - x_q)\right)",
    "x_p, x_q, ell: vector[D]; sigma_f: scalar, positive",
    {"x_p": x, "x_q": xp, "ell": ell, "sigma_f": 1.3},
    lambda x_p, x_q, ell, sigma_f: ard(x_p, x_q, ell, sigma_f),
    source="Rasmussen and Williams (2006), Eq. 5.1-5.2, M = diag(ell)^-2, noise-free pair p != q",
)
x1 = rnd(203, 5, lo=-2, hi=2)


def gram(x, sigma_f, ell):
    n = len(x)
    K = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            K[i, j] = sigma_f**2 * math.exp(-((x[i] - x[j]) ** 2) / (2 * ell**2))
    return K


row(
    "gram_entries",
    r"K_{ij} = \sigma_f^2 \exp\left(-\frac{(x_i - x_j)^2}{2\ell^2}\right)",
    "x: vector[n]; sigma_f, ell: scalar, positive; i, j: index",
    {"x": x1, "sigma_f": 1.1, "ell": 0.8},
    gram,
    source="SE covariance matrix of one-dimensional inputs (Rasmussen and Williams, 2006, Eq. 2.16)",
)
alpha = rnd(204, 5)
row(
    "dual_mean_sum",
    r"\bar{f}(x_*) = \sum_{i=1}^{n} \alpha_i \exp\left(-\frac{(x_i - x_*)^2}{2\ell^2}\right)",
    "alpha, x: vector[n]; x_*: scalar; ell: scalar, positive; i: index",
    {"alpha": alpha, "x": x1, "x_star": 0.35, "ell": 0.8},
    lambda alpha, x, x_star, ell: sum(
        alpha[i] * math.exp(-((x[i] - x_star) ** 2) / (2 * ell**2)) for i in range(len(x))
    ),
    source="GP predictive mean as a kernel expansion (Rasmussen and Williams, 2006, Eq. 2.27), SE kernel",
)
K = np.asarray(spd(205, 4))
Ks = np.asarray(rnd(206, 4, 2))
Kss = np.asarray(spd(207, 2, jitter=2.0))


def pred_cov(K_star_star, K_star, K, sigma_n):
    return K_star_star - K_star.T @ np.linalg.solve(K + sigma_n**2 * np.eye(len(K)), K_star)


row(
    "predictive_covariance",
    r"K_{**} - K_*^\top (K + \sigma_n^2 I)^{-1} K_*",
    "K_*: matrix[n, m]; K_{**}: spd[m]; K: spd[n]; sigma_n: scalar, positive",
    {"K_star_star": Kss.tolist(), "K_star": Ks.tolist(), "K": K.tolist(), "sigma_n": 0.3},
    pred_cov,
    source="GP predictive covariance at several test points (Rasmussen and Williams, 2006, Eq. 2.24), K_* = K(X, X_*)",
)
ks = rnd(208, 4)
y = rnd(209, 4)


def ucb(k_star, y, K, k_star_star, sigma_n, beta):
    Ky = K + sigma_n**2 * np.eye(len(K))
    mean = k_star @ np.linalg.solve(Ky, y)
    var = k_star_star - k_star @ np.linalg.solve(Ky, k_star)
    return mean + math.sqrt(beta) * math.sqrt(var)


ucb_in = {"k_star": ks, "y": y, "K": K.tolist(), "k_star_star": 3.0, "sigma_n": 0.3, "beta": 2.0}
assert 3.0 - np.asarray(ks) @ np.linalg.solve(K + 0.09 * np.eye(4), ks) > 0.5
row(
    "gp_ucb",
    r"k_*^\top (K + \sigma_n^2 I)^{-1} y + \beta^{1/2} \sqrt{k_{**} - k_*^\top (K + \sigma_n^2 I)^{-1} k_*}",
    "k_*, y: vector[n]; K: spd[n]; k_{**}, sigma_n, beta: scalar, positive",
    ucb_in,
    ucb,
    wrt="k_*",
    key="k_star",
    source="GP-UCB (Srinivas et al., 2010) with the GP posterior mean and deviation (R&W Eq. 2.25-2.26)",
)


def ei(sigma, gamma):
    Phi = 0.5 * (1 + erf(gamma / math.sqrt(2)))
    pdf = math.exp(-(gamma**2) / 2) / math.sqrt(2 * math.pi)
    return sigma * (gamma * Phi + pdf)


row(
    "expected_improvement",
    r"\sigma \left( \gamma \cdot \frac{1}{2}\left[1 + \operatorname{erf}\left(\frac{\gamma}{\sqrt{2}}\right)\right] + \mathcal{N}(\gamma; 0, 1) \right)",
    "sigma: scalar, positive; gamma: scalar",
    {"sigma": 0.7, "gamma": 0.4},
    ei,
    source="expected improvement (Snoek, Larochelle and Adams, 2012, Sec. 2.2), Phi written with erf",
    note="sigma is the predictive standard deviation (declared a scalar), gamma = (f(x_best) - mu) / sigma",
)
row(
    "probability_of_improvement",
    r"\frac{1}{2}\left[1 + \operatorname{erf}\left(\frac{\mu - f^{+} - \xi}{\sigma \sqrt{2}}\right)\right]",
    "mu, f^{+}, xi: scalar; sigma: scalar, positive",
    {"mu": 0.9, "f_sup_plus": 0.6, "xi": 0.01, "sigma": 0.5},
    lambda mu, f_sup_plus, xi, sigma: (
        0.5 * (1 + erf((mu - f_sup_plus - xi) / (sigma * math.sqrt(2))))
    ),
    source="probability of improvement (Kushner, 1964; Brochu, Cora and de Freitas, 2010), Phi written with erf",
)
Kuu = np.asarray(spd(210, 2, jitter=1.0))
Kfu = np.asarray(rnd(211, 4, 2))
row(
    "nystrom_q",
    r"Q_{ff} = K_{fu} K_{uu}^{-1} K_{uf}",
    "K_{fu}: matrix[n, m]; K_{uu}: spd[m]; K_{uf}: matrix[m, n]",
    {"K_fu": Kfu.tolist(), "K_uu": Kuu.tolist(), "K_uf": Kfu.T.tolist()},
    lambda K_fu, K_uu, K_uf: K_fu @ np.linalg.inv(K_uu) @ K_uf,
    source="Nystrom / inducing-point approximation (Quinonero-Candela and Rasmussen, 2005)",
)
Ksu = np.asarray(rnd(212, 3, 2))


def sor_mean(K_star_u, K_uf, K_fu, K_uu, y, sigma):
    Sigma = np.linalg.inv(sigma**-2 * K_uf @ K_fu + K_uu)
    return sigma**-2 * K_star_u @ Sigma @ K_uf @ y


row(
    "sor_predictive_mean",
    r"\sigma^{-2} K_{*u} (\sigma^{-2} K_{uf} K_{fu} + K_{uu})^{-1} K_{uf} y",
    "K_{*u}: matrix[t, m]; K_{uf}: matrix[m, n]; K_{fu}: matrix[n, m]; K_{uu}: spd[m]; y: vector[n]; sigma: scalar, positive",
    {
        "K_star_u": Ksu.tolist(),
        "K_uf": Kfu.T.tolist(),
        "K_fu": Kfu.tolist(),
        "K_uu": Kuu.tolist(),
        "y": y,
        "sigma": 0.5,
    },
    sor_mean,
    source="subset-of-regressors predictive mean (Quinonero-Candela and Rasmussen, 2005, SoR)",
)
Qnn = Kfu @ np.linalg.inv(Kuu) @ Kfu.T
Knn = Qnn + np.asarray(spd(213, 4, jitter=0.2))


def titsias(y, Q_nn, K_nn, sigma):
    n = len(y)
    C = sigma**2 * np.eye(n) + Q_nn
    logN = (
        -0.5 * n * math.log(2 * math.pi)
        - 0.5 * np.linalg.slogdet(C)[1]
        - 0.5 * y @ np.linalg.solve(C, y)
    )
    return logN - np.trace(K_nn - Q_nn) / (2 * sigma**2)


row(
    "titsias_bound",
    r"\log \mathcal{N}(y \mid \mathbf{0}, \sigma^2 I + Q_{nn}) - \frac{1}{2\sigma^2} \operatorname{tr}(K_{nn} - Q_{nn})",
    "y: vector[n]; Q_{nn}: symmetric[n]; K_{nn}: spd[n]; sigma: scalar, positive",
    {"y": y, "Q_nn": Qnn.tolist(), "K_nn": Knn.tolist(), "sigma": 0.6},
    titsias,
    wrt="y",
    source="collapsed variational bound of sparse GPs (Titsias, 2009)",
    note="Q_nn = K_nm K_mm^-1 K_mn is positive semidefinite of rank m < n, so it is declared symmetric",
)
ms = rnd(214, 2)
Kst = np.asarray(rnd(215, 4, 2))
mv = rnd(216, 4)
row(
    "mean_function_posterior",
    r"\bar{f}_* = m_* + K_*^\top K_y^{-1} (y - m)",
    "m_*: vector[t]; K_*: matrix[n, t]; K_y: spd[n]; y, m: vector[n]",
    {"m_star": ms, "K_star": Kst.tolist(), "K_y": K.tolist(), "y": y, "m": mv},
    lambda m_star, K_star, K_y, y, m: m_star + K_star.T @ np.linalg.solve(K_y, y - m),
    source="GP predictive mean with an explicit mean function (Rasmussen and Williams, 2006, Eq. 2.38)",
)
Ky = K + 0.25 * np.eye(4)
L = np.linalg.cholesky(Ky)
al = np.linalg.solve(Ky, y)


def lml_chol(y, alpha, L):
    n = len(y)
    return (
        -0.5 * y @ alpha - sum(math.log(L[i, i]) for i in range(n)) - n / 2 * math.log(2 * math.pi)
    )


row(
    "lml_cholesky",
    r"\log p(y|X) = -\frac{1}{2} y^\top \alpha - \sum_{i=1}^{n} \log L_{ii} - \frac{n}{2} \log 2\pi",
    "y, alpha: vector[n]; L: matrix[n, n]; i: index; n: dim",
    {"y": y, "alpha": al.tolist(), "L": L.tolist()},
    lml_chol,
    wrt="L",
    source="GP regression, Algorithm 2.1 (Rasmussen and Williams, 2006), L the Cholesky factor of K + sigma_n^2 I",
)
mu_loo = rnd(217, 4)
sg_loo = rnd(218, 4, lo=0.5, hi=1.2)


def loo(y, mu, sigma):
    return sum(
        -0.5 * math.log(sigma[i] ** 2)
        - (y[i] - mu[i]) ** 2 / (2 * sigma[i] ** 2)
        - 0.5 * math.log(2 * math.pi)
        for i in range(len(y))
    )


row(
    "loo_log_predictive",
    r"L_{LOO} = \sum_{i=1}^{n} \left( -\frac{1}{2} \log \sigma_i^2 - \frac{(y_i - \mu_i)^2}{2 \sigma_i^2} - \frac{1}{2} \log 2\pi \right)",
    "y, mu: vector[n]; sigma: vector[n], positive; i: index",
    {"y": y, "mu": mu_loo, "sigma": sg_loo},
    loo,
    source="leave-one-out log predictive probability (Rasmussen and Williams, 2006, Eq. 5.10-5.11)",
)


def loo_mean(y, K):
    Ki = np.linalg.inv(K)
    return np.asarray([y[i] - (Ki @ y)[i] / Ki[i, i] for i in range(len(y))])


row(
    "loo_mean_entries",
    r"\mu_i = y_i - [K^{-1} y]_i / [K^{-1}]_{ii}",
    "y: vector[n]; K: spd[n]; i: index",
    {"y": y, "K": Ky.tolist()},
    loo_mean,
    source="closed-form LOO predictive mean (Rasmussen and Williams, 2006, Eq. 5.12)",
)
row(
    "loo_variance_entries",
    r"\sigma_i^2 = 1 / [K^{-1}]_{ii}",
    "K: spd[n]; i: index",
    {"K": Ky.tolist()},
    lambda K: np.asarray([1 / np.linalg.inv(K)[i, i] for i in range(len(K))]),
    source="closed-form LOO predictive variance (Rasmussen and Williams, 2006, Eq. 5.12)",
)
wq, vq, mq = rnd(219, 3, lo=0.2, hi=1.0), rnd(220, 3, lo=0.05, hi=0.5), rnd(221, 3, lo=0.1, hi=1.0)
row(
    "spectral_mixture",
    r"k(\tau) = \sum_{q=1}^{Q} w_q \exp(-2\pi^2 \tau^2 v_q) \cos(2\pi \tau \mu_q)",
    "w, v, mu: vector[Q]; tau: scalar; q: index",
    {"w": wq, "v": vq, "mu": mq, "tau": 0.7},
    lambda w, v, mu, tau: sum(
        w[q] * math.exp(-2 * math.pi**2 * tau**2 * v[q]) * math.cos(2 * math.pi * tau * mu[q])
        for q in range(len(w))
    ),
    source="spectral mixture kernel, one input dimension (Wilson and Adams, 2013, Eq. 12)",
)

if __name__ == "__main__":
    A.write()
