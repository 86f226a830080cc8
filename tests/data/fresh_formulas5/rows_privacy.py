"""Differential privacy: noise scales of the Gaussian and Laplace mechanisms, Renyi and
zero-concentrated DP of the Gaussian mechanism and their conversions, composition and
amplification bounds, DP-SGD's noisy clipped gradient, the moments accountant, the exponential
mechanism and randomized response (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.special import ndtr

A = Area("privacy")
row = A.row

row(
    "gaussian_mechanism_sigma",
    r"\sigma = \frac{\Delta_2 f \sqrt{2 \ln(1.25 / \delta)}}{\varepsilon}",
    r"\Delta_2: scalar, positive; \varepsilon: scalar, positive; \delta: scalar, unit",
    {"Delta_2": 1.0, "varepsilon": 0.5, "delta": 1e-5},
    lambda Delta_2, varepsilon, delta: Delta_2 * math.sqrt(2 * math.log(1.25 / delta)) / varepsilon,
    wrt=r"\varepsilon",
    key="varepsilon",
    source="noise scale of the Gaussian mechanism, sigma >= c Delta_2 f / epsilon with c^2 > 2 ln(1.25 / delta) (Dwork and Roth, The Algorithmic Foundations of Differential Privacy, 2014, Theorem 3.22 and Appendix A)",
    note="Delta_2 f, the l2-sensitivity of the query f, is one number, declared as Delta_2 (the table cannot declare a name with the query's letter after it); epsilon < 1",
)
row(
    "laplace_density",
    r"\mathrm{Lap}(x \mid b) = \frac{1}{2b} \exp\left(-\frac{|x|}{b}\right)",
    "x: scalar; b: scalar, positive",
    {"x": -0.7, "b": 2.0},
    lambda x, b: math.exp(-abs(x) / b) / (2 * b),
    wrt="b",
    source="the Laplace distribution centred at 0 with scale b, whose draws the Laplace mechanism adds with b = Delta f / epsilon (Dwork and Roth, 2014, Definition 3.2)",
)
row(
    "rdp_gaussian",
    r"\varepsilon(\alpha) = \frac{\alpha \Delta^2}{2 \sigma^2}",
    r"\alpha, \Delta, \sigma: scalar, positive",
    {"alpha": 8.0, "Delta": 1.0, "sigma": 1.5},
    lambda alpha, Delta, sigma: alpha * Delta**2 / (2 * sigma**2),
    wrt=r"\sigma",
    key="sigma",
    source="Renyi differential privacy of order alpha of the Gaussian mechanism (Mironov, 2017, Renyi Differential Privacy, Table II, there with sensitivity 1)",
    note="Delta the l2-sensitivity",
)
row(
    "rdp_to_dp",
    r"\epsilon + \frac{\log 1/\delta}{\alpha - 1}",
    r"\epsilon: scalar, positive; \delta: scalar, unit; \alpha: scalar, positive",
    {"epsilon": 1.8, "delta": 1e-5, "alpha": 12.0},
    lambda epsilon, delta, alpha: epsilon + math.log(1 / delta) / (alpha - 1),
    wrt=r"\alpha",
    key="alpha",
    source="an (alpha, epsilon)-RDP mechanism is (epsilon + log(1/delta) / (alpha - 1), delta)-DP (Mironov, 2017, Proposition 3)",
    note="log 1/delta is log(1/delta), as the paper means",
)
row(
    "rdp_to_dp_improved",
    r"\varepsilon_{\mathrm{DP}} = \varepsilon + \log\left(\frac{\alpha - 1}{\alpha}\right) - \frac{\log \delta + \log \alpha}{\alpha - 1}",
    r"\varepsilon: scalar, positive; \delta: scalar, unit; \alpha: scalar, positive",
    {"varepsilon": 1.8, "delta": 1e-5, "alpha": 12.0},
    lambda varepsilon, delta, alpha: (
        varepsilon
        + math.log((alpha - 1) / alpha)
        - (math.log(delta) + math.log(alpha)) / (alpha - 1)
    ),
    wrt=r"\alpha",
    key="alpha",
    source="tighter conversion from Renyi to approximate DP (Balle et al., 2020, Hypothesis Testing Interpretations and Renyi Differential Privacy, Sec. 3; Canonne, Kamath and Steinke, 2020, Proposition 12)",
)
row(
    "advanced_composition",
    r"\varepsilon' = \sqrt{2k \ln(1/\delta')} \, \varepsilon + k \varepsilon (e^{\varepsilon} - 1)",
    r"\varepsilon: scalar, positive; k: scalar, integer, positive; \delta': scalar, unit",
    {"varepsilon": 0.1, "k": 20.0, "delta_prime": 1e-6},
    lambda varepsilon, k, delta_prime: (
        math.sqrt(2 * k * math.log(1 / delta_prime)) * varepsilon
        + k * varepsilon * (math.exp(varepsilon) - 1)
    ),
    wrt=r"\varepsilon",
    key="varepsilon",
    source="advanced composition of k (epsilon, delta)-DP mechanisms (Dwork, Rothblum and Vadhan, 2010; Dwork and Roth, 2014, Theorem 3.20)",
)
G_dp = rnd(3200, 3, 4, lo=-2.0, hi=2.0)
z_dp = np.round(np.random.default_rng(3201).standard_normal(4), 3).tolist()


def dp_sgd(G, z, sigma, C):
    L = len(G)
    total = sum(G[i] / max(1.0, np.linalg.norm(G[i]) / C) for i in range(L))
    return (total + sigma * C * z) / L


row(
    "dp_sgd_noisy_gradient",
    r"\tilde{\mathbf{g}}_t = \frac{1}{L} \left( \sum_{i=1}^{L} \frac{\mathbf{g}_i}{\max\left(1, \frac{\|\mathbf{g}_i\|_2}{C}\right)} + \sigma C \mathbf{z} \right)",
    r"G: matrix[L, p]; g_i: row[G]; z: vector[p]; \sigma, C: scalar, positive; i: index",
    {"G": G_dp, "z": z_dp, "sigma": 1.1, "C": 1.0},
    dp_sgd,
    source="the noisy mean of the clipped per-example gradients of a lot of L examples (Abadi et al., 2016, Deep Learning with Differential Privacy, Algorithm 1)",
    note="the clipping line g-bar = g / max(1, ||g||_2 / C) substituted; the draw from N(0, sigma^2 C^2 I) fixed as sigma C z with z a standard normal vector",
)
a_m = [0.05, 0.16, 0.33, 0.58, 0.9]


def accountant(alpha_M_cal, varepsilon):
    return min(
        math.exp(alpha_M_cal[lam - 1] - lam * varepsilon) for lam in range(1, len(alpha_M_cal) + 1)
    )


row(
    "moments_accountant_delta",
    r"\delta = \min_{\lambda} \exp\left(\alpha_{\mathcal{M}}(\lambda) - \lambda \varepsilon\right)",
    r"\alpha_{\mathcal{M}}: vector[m]; \lambda: index; \varepsilon: scalar, positive",
    {"alpha_M_cal": a_m, "varepsilon": 0.8},
    accountant,
    wrt=r"\varepsilon",
    key="varepsilon",
    source="tail bound of the moments accountant (Abadi et al., 2016, Theorem 2, part 2)",
    note="alpha_M(lambda) the log moment of the privacy loss at the whole order lambda = 1, ..., m, the entries of alpha_M",
)
row(
    "moments_sampled_gaussian_bound",
    r"\frac{q^2 \lambda (\lambda + 1)}{(1 - q) \sigma^2}",
    r"q: scalar, unit; \lambda, \sigma: scalar, positive",
    {"q": 0.01, "lambda": 8.0, "sigma": 1.2},
    lambda q, sigma, **k: q**2 * k["lambda"] * (k["lambda"] + 1) / ((1 - q) * sigma**2),
    wrt="q",
    source="leading term of the log moment bound of the sampled Gaussian mechanism, alpha(lambda) <= q^2 lambda (lambda + 1) / ((1 - q) sigma^2) + O(q^3 lambda^3 / sigma^3) (Abadi et al., 2016, Lemma 3)",
)
u_em = [0.3, 1.2, 0.7, 0.95]


def expmech(u, r, varepsilon, Delta):
    i = int(r) - 1
    w = [math.exp(varepsilon * u[j] / (2 * Delta)) for j in range(len(u))]
    return w[i] / sum(w)


row(
    "exponential_mechanism",
    r"\frac{\exp\left(\frac{\varepsilon u(x, r)}{2 \Delta u}\right)}{\sum_{r' \in \mathcal{R}} \exp\left(\frac{\varepsilon u(x, r')}{2 \Delta u}\right)}",
    r"u: vector[R]; r: label[R]; \varepsilon, \Delta: scalar, positive",
    {"u": u_em, "r": 2, "varepsilon": 1.0, "Delta": 1.0},
    expmech,
    wrt="u",
    source="probability that the exponential mechanism outputs r (McSherry and Talwar, 2007; Dwork and Roth, 2014, Definition 3.4)",
    note="u(x, r) the utility of output r on the one database x, the entries of u over the R outputs in the range; Delta u the utility's sensitivity, one number declared as Delta (the table cannot declare an increment of the declared u)",
)


def krr(varepsilon, k, x, y):
    if y == x:
        return math.exp(varepsilon) / (k - 1 + math.exp(varepsilon))
    return 1 / (k - 1 + math.exp(varepsilon))


row(
    "k_randomized_response",
    r"Q(y \mid x) = \begin{cases} \frac{e^{\varepsilon}}{k - 1 + e^{\varepsilon}} & \text{if } y = x \\ \frac{1}{k - 1 + e^{\varepsilon}} & \text{if } y \neq x \end{cases}",
    r"\varepsilon: scalar, positive; k: scalar, integer, positive; x, y: scalar, integer, positive",
    {"varepsilon": 1.2, "k": 5.0, "x": 2.0, "y": 2.0},
    krr,
    wrt=r"\varepsilon",
    key="varepsilon",
    source="k-ary randomized response under local differential privacy (Kairouz, Bonawitz and Ramage, 2016, Discrete Distribution Estimation under Local Privacy, Sec. 2; Warner, 1965)",
)
row(
    "warner_estimator",
    r"\hat{\pi}_W = \frac{p - 1}{2p - 1} + \frac{n_1}{(2p - 1) n}",
    r"p: scalar, unit; n_1, n: scalar, positive",
    {"p": 0.75, "n_1": 260.0, "n": 500.0},
    lambda p, n_1, n: (p - 1) / (2 * p - 1) + n_1 / ((2 * p - 1) * n),
    wrt="p",
    source="maximum likelihood estimate of the sensitive proportion under randomized response (Warner, 1965, Randomized Response: A Survey Technique for Eliminating Evasive Answer Bias, Sec. 2)",
    note="p the probability the spinner points to the sensitive statement, n_1 of the n answers are yes",
)


def analytic_gauss(Delta, sigma, varepsilon):
    return ndtr(Delta / (2 * sigma) - varepsilon * sigma / Delta) - math.exp(varepsilon) * ndtr(
        -Delta / (2 * sigma) - varepsilon * sigma / Delta
    )


row(
    "analytic_gaussian_delta",
    r"\delta(\varepsilon) = \Phi\left(\frac{\Delta}{2\sigma} - \frac{\varepsilon \sigma}{\Delta}\right) - e^{\varepsilon} \Phi\left(-\frac{\Delta}{2\sigma} - \frac{\varepsilon \sigma}{\Delta}\right)",
    r"\Delta, \sigma, \varepsilon: scalar, positive",
    {"Delta": 1.0, "sigma": 1.3, "varepsilon": 0.9},
    analytic_gauss,
    wrt=r"\sigma",
    key="sigma",
    source="exact privacy profile of the Gaussian mechanism, the analytic Gaussian mechanism (Balle and Wang, 2018, Improving the Gaussian Mechanism for Differential Privacy, Theorem 8)",
    note="Phi the standard normal distribution function; Delta the l2-sensitivity",
)
row(
    "subsampling_amplification",
    r"\varepsilon' = \log\left(1 + q\left(e^{\varepsilon} - 1\right)\right)",
    r"q: scalar, unit; \varepsilon: scalar, positive",
    {"q": 0.05, "varepsilon": 2.0},
    lambda q, varepsilon: math.log(1 + q * (math.exp(varepsilon) - 1)),
    wrt="q",
    source="privacy amplification by Poisson subsampling with rate q (Li, Qardaji and Su, 2012; Balle, Barthe and Gaboardi, 2018, Privacy Amplification by Subsampling, the Poisson subsampling bound)",
)
row(
    "zcdp_to_dp",
    r"\varepsilon = \rho + 2\sqrt{\rho \log(1/\delta)}",
    r"\rho: scalar, positive; \delta: scalar, unit",
    {"rho": 0.1, "delta": 1e-6},
    lambda rho, delta: rho + 2 * math.sqrt(rho * math.log(1 / delta)),
    wrt=r"\rho",
    key="rho",
    source="rho-zCDP implies (rho + 2 sqrt(rho log(1/delta)), delta)-DP (Bun and Steinke, 2016, Concentrated Differential Privacy, Proposition 1.3)",
)
row(
    "gaussian_zcdp",
    r"\rho = \frac{\Delta^2}{2\sigma^2}",
    r"\Delta, \sigma: scalar, positive",
    {"Delta": 1.0, "sigma": 2.5},
    lambda Delta, sigma: Delta**2 / (2 * sigma**2),
    source="the Gaussian mechanism with sensitivity Delta and noise N(0, sigma^2) is rho-zCDP (Bun and Steinke, 2016, Proposition 1.6)",
)

if __name__ == "__main__":
    A.write()
