"""Variational inference and ELBO terms (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, spd

A = Area("vi")
row = A.row

mu = rnd(100, 4)
sigma = rnd(101, 4, lo=0.4, hi=1.5)


def kl_vae(mu, sigma):
    s = 0.0
    for j in range(len(mu)):
        s += 1 + math.log(sigma[j] ** 2) - mu[j] ** 2 - sigma[j] ** 2
    return 0.5 * s


row(
    "kl_vae_appendix_b",
    r"\frac{1}{2} \sum_{j=1}^{J} \left(1 + \log((\sigma_j)^2) - (\mu_j)^2 - (\sigma_j)^2\right)",
    "mu: vector[J]; sigma: vector[J], positive; j: index",
    {"mu": mu, "sigma": sigma},
    kl_vae,
    wrt="sigma",
    source="VAE (Kingma and Welling, 2014), Appendix B / Eq. 10: minus the KL of a diagonal Gaussian from N(0, I)",
)
row(
    "kl_univariate_gaussians",
    r"\log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac{1}{2}",
    "mu_1, mu_2: scalar; sigma_1, sigma_2: scalar, positive",
    {"mu_1": 0.3, "mu_2": -0.4, "sigma_1": 0.8, "sigma_2": 1.3},
    lambda mu_1, mu_2, sigma_1, sigma_2: (
        math.log(sigma_2 / sigma_1) + (sigma_1**2 + (mu_1 - mu_2) ** 2) / (2 * sigma_2**2) - 0.5
    ),
    source="KL(N(mu_1, sigma_1^2) || N(mu_2, sigma_2^2)), closed form",
)
S1, S2 = np.asarray(spd(102, 3)), np.asarray(spd(103, 3))
m1, m2 = rnd(104, 3), rnd(105, 3)


def kl_mvn(mu_1, mu_2, Sigma_1, Sigma_2):
    k = len(mu_1)
    inv2 = np.linalg.inv(Sigma_2)
    d = mu_2 - mu_1
    return 0.5 * (
        np.trace(inv2 @ Sigma_1)
        + d @ inv2 @ d
        - k
        + math.log(np.linalg.det(Sigma_2) / np.linalg.det(Sigma_1))
    )


row(
    "kl_multivariate_gaussians",
    r"\frac{1}{2} \left[ \operatorname{tr}(\Sigma_2^{-1} \Sigma_1) + (\mu_2 - \mu_1)^\top \Sigma_2^{-1} (\mu_2 - \mu_1) - k + \log \frac{\det \Sigma_2}{\det \Sigma_1} \right]",
    "mu_1, mu_2: vector[k]; Sigma_1, Sigma_2: spd[k]; k: dim",
    {"mu_1": m1, "mu_2": m2, "Sigma_1": S1.tolist(), "Sigma_2": S2.tolist()},
    kl_mvn,
    wrt="mu_1",
    source="KL divergence between multivariate Gaussians (e.g. Duchi's notes; Murphy 2012, Sec. 6.2)",
)
eps = rnd(106, 4)
row(
    "reparameterization",
    r"z = \mu + \sigma \odot \epsilon",
    "mu, sigma, epsilon: vector[J]",
    {"mu": mu, "sigma": sigma, "epsilon": eps},
    lambda mu, sigma, epsilon: mu + sigma * epsilon,
    source="VAE reparameterization (Kingma and Welling, 2014, Sec. 2.4)",
)
xb = [1.0, 0.0, 1.0, 1.0, 0.0]
yb = rnd(107, 5, lo=0.1, hi=0.9)


def bernoulli_ll(x, y):
    return sum(x[i] * math.log(y[i]) + (1 - x[i]) * math.log(1 - y[i]) for i in range(len(x)))


row(
    "bernoulli_decoder",
    r"\log p(x|z) = \sum_{i=1}^{D} x_i \log y_i + (1 - x_i) \cdot \log(1 - y_i)",
    "x, y: vector[D]; i: index",
    {"x": xb, "y": yb},
    bernoulli_ll,
    wrt="y",
    source="VAE Bernoulli MLP decoder (Kingma and Welling, 2014, Appendix C.1)",
    note="as in the paper, the sum runs over both terms (the whole log-likelihood of the D pixels)",
)
xg = rnd(108, 4)
mug = rnd(109, 4)


def gauss_ll(x, mu, sigma):
    return sum(
        -0.5 * math.log(2 * math.pi * sigma[i] ** 2) - (x[i] - mu[i]) ** 2 / (2 * sigma[i] ** 2)
        for i in range(len(x))
    )


row(
    "gaussian_decoder",
    r"\log p(x|z) = \sum_{i=1}^{D} \log \mathcal{N}(x_i; \mu_i, \sigma_i^2)",
    "x, mu: vector[D]; sigma: vector[D], positive; i: index",
    {"x": xg, "mu": mug, "sigma": sigma},
    gauss_ll,
    wrt="mu",
    source="VAE Gaussian MLP decoder (Kingma and Welling, 2014, Appendix C.2), diagonal covariance",
)
row(
    "beta_vae",
    r"\mathcal{F} = R - \frac{\beta}{2} \sum_{j=1}^{J} \left( \mu_j^2 + \sigma_j^2 - \log \sigma_j^2 - 1 \right)",
    "mu: vector[J]; sigma: vector[J], positive; R, beta: scalar",
    {"mu": mu, "sigma": sigma, "R": -12.5, "beta": 4.0},
    lambda mu, sigma, R, beta: (
        R
        - beta
        / 2
        * sum(mu[j] ** 2 + sigma[j] ** 2 - math.log(sigma[j] ** 2) - 1 for j in range(len(mu)))
    ),
    source="beta-VAE objective (Higgins et al., 2017, Eq. 4), R the reconstruction term, KL in closed form",
)
w = rnd(110, 5, lo=0.05, hi=2.0)
row(
    "iwae_bound",
    r"\mathcal{L}_k = \log \frac{1}{k} \sum_{i=1}^{k} w_i",
    "w: vector[k], positive; k: dim; i: index",
    {"w": w},
    lambda w: math.log(sum(w) / len(w)),
    wrt="w",
    source="IWAE bound (Burda, Grosse and Salakhutdinov, 2016), w_i the importance weights",
)
row(
    "entropy_term",
    r"\int q(z) \log q(z) \, dz = -\frac{J}{2} \log(2\pi) - \frac{1}{2} \sum_{j=1}^{J} (1 + \log \sigma_j^2)",
    "sigma: vector[J], positive; j: index; J: dim",
    {"sigma": sigma},
    lambda sigma: (
        -len(sigma) / 2 * math.log(2 * math.pi) - 0.5 * sum(1 + math.log(s**2) for s in sigma)
    ),
    source="VAE (Kingma and Welling, 2014), Appendix B, negative entropy of the diagonal Gaussian",
    note="the value is the right side",
)
row(
    "cross_entropy_term",
    r"-\frac{J}{2} \log(2\pi) - \frac{1}{2} \sum_{j=1}^{J} (\mu_j^2 + \sigma_j^2)",
    "mu: vector[J]; sigma: vector[J], positive; j: index; J: dim",
    {"mu": mu, "sigma": sigma},
    lambda mu, sigma: (
        -len(mu) / 2 * math.log(2 * math.pi)
        - 0.5 * sum(m**2 + s**2 for m, s in zip(mu, sigma, strict=True))
    ),
    source="VAE (Kingma and Welling, 2014), Appendix B, expected log prior under q",
)
pi = simplex(111, 5)
g = rnd(112, 5, lo=-1.5, hi=1.5)


def gumbel(pi, g, tau):
    num = [math.exp((math.log(pi[i]) + g[i]) / tau) for i in range(len(pi))]
    return np.asarray(num) / sum(num)


row(
    "gumbel_softmax",
    r"y_i = \frac{\exp((\log(\pi_i) + g_i) / \tau)}{\sum_{j=1}^{k} \exp((\log(\pi_j) + g_j) / \tau)}",
    "pi: simplex[k]; g: vector[k]; tau: scalar, positive; i, j: index",
    {"pi": pi, "g": g, "tau": 0.5},
    gumbel,
    source="Gumbel-Softmax (Jang et al., 2017, Eq. 1)",
)
x = rnd(113, 5, lo=-2, hi=2)
m = rnd(114, 3, lo=-1.5, hi=1.5)
s = rnd(115, 3, lo=0.3, hi=1.0)


def cavi_phi(x, m, s):
    out = np.zeros((len(x), len(m)))
    for i in range(len(x)):
        e = [math.exp(m[k] * x[i] - (s[k] ** 2 + m[k] ** 2) / 2) for k in range(len(m))]
        out[i] = np.asarray(e) / sum(e)
    return out


row(
    "cavi_assignment",
    r"\varphi_{ik} = \frac{\exp\{m_k x_i - (s_k^2 + m_k^2)/2\}}{\sum_{l=1}^{K} \exp\{m_l x_i - (s_l^2 + m_l^2)/2\}}",
    "x: vector[n]; m: vector[K]; s: vector[K], positive; i, k, l: index",
    {"x": x, "m": m, "s": s},
    cavi_phi,
    source="CAVI for a Bayesian Gaussian mixture (Blei, Kucukelbir and McAuliffe, 2017, Sec. 3), normalized over k",
)
phi = cavi_phi(np.asarray(x), m, s)


def cavi_mean(varphi, x, sigma):
    n, K = varphi.shape
    return np.asarray(
        [
            sum(varphi[i, k] * x[i] for i in range(n)) / (1 / sigma**2 + sum(varphi[:, k]))
            for k in range(K)
        ]
    )


row(
    "cavi_mean_update",
    r"m_k = \frac{\sum_i \varphi_{ik} x_i}{1/\sigma^2 + \sum_i \varphi_{ik}}",
    "varphi: matrix[n, K]; x: vector[n]; sigma: scalar, positive; i, k: index",
    {"varphi": phi.tolist(), "x": x, "sigma": 2.0},
    cavi_mean,
    source="CAVI for a Bayesian Gaussian mixture (Blei, Kucukelbir and McAuliffe, 2017, Sec. 3)",
)
row(
    "renyi_bound",
    r"\mathcal{L}_{\alpha} = \frac{1}{1 - \alpha} \log \frac{1}{K} \sum_{k=1}^{K} w_k^{1 - \alpha}",
    "w: vector[K], positive; alpha: scalar, positive; K: dim; k: index",
    {"w": w, "alpha": 0.5},
    lambda w, alpha: 1 / (1 - alpha) * math.log(sum(wk ** (1 - alpha) for wk in w) / len(w)),
    source="variational Renyi bound, Monte Carlo estimate (Li and Turner, 2016), w_k the importance weights",
)

if __name__ == "__main__":
    A.write()
