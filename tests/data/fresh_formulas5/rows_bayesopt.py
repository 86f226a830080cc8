"""Bayesian optimization acquisition functions: expected improvement and probability of
improvement in their papers' notations, GP-UCB, knowledge-gradient pieces, entropy-search and
max-value entropy-search approximations, Thompson sampling by random features, Monte Carlo q-EI and
the GP-Hedge portfolio (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.special import ndtr

A = Area("bayesopt")
row = A.row


def npdf(z):
    return math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


NORMAL = "Phi and phi are the standard normal distribution function and density"


def ei_jones(f_min, y_hat, s):
    u = (f_min - y_hat) / s
    return (f_min - y_hat) * ndtr(u) + s * npdf(u)


row(
    "ei_jones",
    r"E[I(\mathbf{x})] = (f_{\min} - \hat{y}) \Phi\left(\frac{f_{\min} - \hat{y}}{s}\right) + s \phi\left(\frac{f_{\min} - \hat{y}}{s}\right)",
    r"f_{\min}, \hat{y}: scalar; s: scalar, positive",
    {"f_min": 0.42, "y_hat": 0.15, "s": 0.3},
    ei_jones,
    wrt=r"\hat{y}",
    key="y_hat",
    source="expected improvement in closed form for minimization (Jones, Schonlau and Welch, 1998, Efficient Global Optimization, Eq. 15), y-hat the kriging predictor and s its standard error at x",
    note=NORMAL + "; the left side's E[I(x)] names the expectation of the improvement",
)


def ei_snoek(gamma, sigma):
    return sigma * (gamma * ndtr(gamma) + npdf(gamma))


row(
    "ei_snoek",
    r"a_{\mathrm{EI}}(\mathbf{x}) = \sigma \left( \gamma \, \Phi(\gamma) + \mathcal{N}(\gamma; 0, 1) \right)",
    r"\gamma: scalar; \sigma: scalar, positive",
    {"gamma": 0.35, "sigma": 0.8},
    ei_snoek,
    wrt=r"\gamma",
    key="gamma",
    source="expected improvement acquisition (Snoek, Larochelle and Adams, 2012, Practical Bayesian Optimization, Eq. 2), gamma(x) = (f(x_best) - mu(x)) / sigma(x)",
    note="sigma = sigma(x) and gamma = gamma(x) at one candidate x, given; N(gamma; 0, 1) is the standard normal density at gamma and Phi its distribution function",
)


def ei_frazier(Delta_n, sigma_n):
    z = Delta_n / sigma_n
    return max(Delta_n, 0.0) + sigma_n * npdf(z) - abs(Delta_n) * ndtr(-abs(Delta_n) / sigma_n)


row(
    "ei_frazier",
    r"\mathrm{EI}_n(x) = [\Delta_n]^{+} + \sigma_n \varphi\left(\frac{\Delta_n}{\sigma_n}\right) - |\Delta_n| \Phi\left(-\frac{|\Delta_n|}{\sigma_n}\right)",
    r"\Delta_n: scalar; \sigma_n: scalar, positive",
    {"Delta_n": 0.25, "sigma_n": 0.6},
    ei_frazier,
    wrt=r"\sigma_n",
    key="sigma_n",
    source="expected improvement for maximization (Frazier, A Tutorial on Bayesian Optimization, 2018, Eq. 8), Delta_n(x) = mu_n(x) - f*_n",
    note="Delta_n = Delta_n(x) and sigma_n = sigma_n(x) at one candidate x; [a]^+ = max(a, 0); varphi and Phi the standard normal density and distribution function",
)


def ei_cases(mu, sigma, xi, **k):
    f_plus = k["f_sup_plus"]
    if sigma > 0:
        z = (mu - f_plus - xi) / sigma
        return (mu - f_plus - xi) * ndtr(z) + sigma * npdf(z)
    return 0.0


row(
    "ei_exploration_xi",
    r"\mathrm{EI}(\mathbf{x}) = \begin{cases} (\mu - f^{+} - \xi) \Phi\left(\frac{\mu - f^{+} - \xi}{\sigma}\right) + \sigma \phi\left(\frac{\mu - f^{+} - \xi}{\sigma}\right) & \text{if } \sigma > 0 \\ 0 & \text{if } \sigma = 0 \end{cases}",
    r"\mu, f^{+}: scalar; \sigma, \xi: scalar, nonnegative",
    {"mu": 0.8, "f_sup_plus": 0.6, "xi": 0.01, "sigma": 0.25},
    ei_cases,
    wrt=r"\xi",
    key="xi",
    source="expected improvement with the exploration trade-off xi (Lizotte, 2008; Brochu, Cora and de Freitas, 2010, A Tutorial on Bayesian Optimization of Expensive Cost Functions, Sec. 2.3), Z = (mu(x) - f(x^+) - xi) / sigma(x) written out",
    note="mu = mu(x), sigma = sigma(x) at one candidate x, f^+ = f(x^+) the incumbent; " + NORMAL,
)
row(
    "pi_shahriari",
    r"\alpha_{\mathrm{PI}}(\mathbf{x}; \mathcal{D}_n) := \Phi\left(\frac{\mu_n - \tau}{\sigma_n}\right)",
    r"\mu_n, \tau: scalar; \sigma_n: scalar, positive",
    {"mu_n": 0.55, "tau": 0.4, "sigma_n": 0.3},
    lambda mu_n, tau, sigma_n: ndtr((mu_n - tau) / sigma_n),
    wrt=r"\mu_n",
    key="mu_n",
    source="probability of improvement over the target tau (Kushner, 1964; Shahriari et al., 2016, Taking the Human Out of the Loop, Sec. IV-A)",
    note="mu_n = mu_n(x), sigma_n = sigma_n(x) the posterior mean and standard deviation at x; Phi the standard normal distribution function",
)
row(
    "gp_ucb_beta_schedule",
    r"\beta_t = 2 \log\left(\frac{|D| t^2 \pi^2}{6 \delta}\right)",
    r"D, t: scalar, positive; \delta: scalar, unit",
    {"D": 100.0, "t": 5.0, "delta": 0.1},
    lambda D, t, delta: 2 * math.log(abs(D) * t**2 * math.pi**2 / (6 * delta)),
    wrt=r"\delta",
    key="delta",
    source="confidence parameter of GP-UCB for a finite decision set (Srinivas, Krause, Kakade and Seeger, 2010, Theorem 1)",
    note="|D| the number of points of the finite decision set D, declared as the positive scalar D",
)
row(
    "gp_ucb_index",
    r"\mu_{t-1} + \beta_t^{1/2} \sigma_{t-1}",
    r"\mu_{t-1}: scalar; \beta_t, \sigma_{t-1}: scalar, positive",
    {"mu_t_minus_1": 0.3, "beta_t": 4.2, "sigma_t_minus_1": 0.45},
    lambda mu_t_minus_1, beta_t, sigma_t_minus_1: (
        mu_t_minus_1 + math.sqrt(beta_t) * sigma_t_minus_1
    ),
    wrt=r"\beta_t",
    key="beta_t",
    source="GP-UCB rule x_t = argmax_x mu_{t-1}(x) + beta_t^{1/2} sigma_{t-1}(x), the index maximized (Srinivas et al., 2010, Gaussian Process Optimization in the Bandit Setting, Sec. 3)",
    note="mu_{t-1} = mu_{t-1}(x) and sigma_{t-1} = sigma_{t-1}(x) at one candidate x",
)
mu_kg = [0.4, 0.9, 0.55, 0.1]
sig_kg = [0.3, 0.5, 0.2, 0.35]


def kg_zeta(mu, sigma_tilde, x):
    i = int(x) - 1
    best_other = max(mu[j] for j in range(len(mu)) if j != i)
    return -abs((mu[i] - best_other) / sigma_tilde[i])


row(
    "kg_zeta",
    r"\zeta_x = -\left| \frac{\mu_x - \max_{x' \neq x} \mu_{x'}}{\tilde{\sigma}_x} \right|",
    r"\mu, \tilde{\sigma}: vector[M]; x: label[M]; x': index",
    {"mu": mu_kg, "sigma_tilde": sig_kg, "x": 3},
    kg_zeta,
    wrt=r"\mu",
    key="mu",
    source="argument of f in the knowledge-gradient factor for independent normal beliefs (Frazier, Powell and Dayanik, 2008, A Knowledge-Gradient Policy for Sequential Information Collection, Sec. 3)",
    note="the paper's time superscript n (beliefs after n measurements) is left out; x the alternative measured, counted from 1",
)
row(
    "kg_independent",
    r"\nu^{\mathrm{KG}}_x = \tilde{\sigma}_x \left( \zeta_x \Phi(\zeta_x) + \varphi(\zeta_x) \right)",
    r"\tilde{\sigma}_x: scalar, positive; \zeta_x: scalar",
    {"sigma_tilde_x": 0.3, "zeta_x": -1.2},
    lambda sigma_tilde_x, zeta_x: sigma_tilde_x * (zeta_x * ndtr(zeta_x) + npdf(zeta_x)),
    wrt=r"\zeta_x",
    key="zeta_x",
    source="knowledge-gradient factor nu^KG_x = sigma-tilde_x f(zeta_x), f(z) = z Phi(z) + phi(z) written out (Frazier, Powell and Dayanik, 2008, Sec. 3)",
    note="varphi and Phi the standard normal density and distribution function",
)
row(
    "kg_sigma_tilde",
    r"\tilde{\sigma}_x = \frac{\sigma_x^2}{\sqrt{\sigma_x^2 + \lambda_x}}",
    r"\sigma_x, \lambda_x: scalar, positive",
    {"sigma_x": 0.6, "lambda_x": 0.25},
    lambda sigma_x, lambda_x: sigma_x**2 / math.sqrt(sigma_x**2 + lambda_x),
    wrt=r"\sigma_x",
    key="sigma_x",
    source="standard deviation of the change in the posterior mean from one more measurement, sigma-tilde^2 = sigma_n^2 - sigma_{n+1}^2 (Frazier, Powell and Dayanik, 2008, Sec. 3; Gupta and Miescke, 1996)",
    note="lambda_x the measurement noise variance of alternative x",
)
Sig_kg = [[0.5, 0.1, 0.05], [0.1, 0.4, 0.12], [0.05, 0.12, 0.6]]


def kg_corr(Sigma, x, lambda_x):
    i = int(x) - 1
    return Sigma[:, i] / math.sqrt(lambda_x + Sigma[i, i])


row(
    "kg_correlated_sigma_tilde",
    r"\tilde{\sigma}(\Sigma, x) = \frac{\Sigma e_x}{\sqrt{\lambda_x + \Sigma_{xx}}}",
    r"\Sigma: spd[M]; x: label[M]; \lambda_x: scalar, positive",
    {"Sigma": Sig_kg, "x": 2, "lambda_x": 0.2},
    kg_corr,
    source="vector sigma-tilde of the knowledge gradient with correlated normal beliefs (Frazier, Powell and Dayanik, 2009, The Knowledge-Gradient Policy for Correlated Normal Beliefs, Sec. 3)",
    note="e_x the x-th unit vector (not declared: the table has no unit vectors); the paper's time superscript n on Sigma is left out",
)
v_pes = [0.3, 0.25, 0.35, 0.28]


def pes(v_n, v):
    M = len(v)
    return (
        0.5 * math.log(2 * math.pi * math.e * v_n)
        - sum(0.5 * math.log(2 * math.pi * math.e * v[i]) for i in range(M)) / M
    )


row(
    "pes_gaussian_entropies",
    r"\alpha_n(\mathbf{x}) = \frac{1}{2} \log\left(2 \pi e \, v_n\right) - \frac{1}{M} \sum_{i=1}^{M} \frac{1}{2} \log\left(2 \pi e \, v_n^{(i)}\right)",
    r"v_n: scalar, positive; v: vector[M]; i: index",
    {"v_n": 0.5, "v": v_pes},
    pes,
    wrt="v",
    source="predictive entropy search, the entropy of the predictive Gaussian minus the mean entropy given M sampled optima x_*^(i) (Hernandez-Lobato, Hoffman and Ghahramani, 2014, Predictive Entropy Search, Sec. 2)",
    note="v_n = v_n(x) the predictive variance, v_n^(i) = v_n^(i)(x | x_*^(i)) the variance given the i-th sampled optimum: the entries of v (the table cannot declare a family named with both a subscript and a sample superscript)",
)
g_mes = [0.4, 1.1, 0.8]


def mes(gamma):
    K = len(gamma)
    return (
        sum(
            gamma[k] * npdf(gamma[k]) / (2 * ndtr(gamma[k])) - math.log(ndtr(gamma[k]))
            for k in range(K)
        )
        / K
    )


row(
    "mes_gumbel",
    r"\frac{1}{K} \sum_{k=1}^{K} \left[ \frac{\gamma_k \psi(\gamma_k)}{2 \Psi(\gamma_k)} - \log \Psi(\gamma_k) \right]",
    "gamma: vector[K]; k: index",
    {"gamma": g_mes},
    mes,
    wrt=r"\gamma",
    key="gamma",
    source="max-value entropy search acquisition (Wang and Jegelka, 2017, Eq. 6), gamma_{y*}(x) = (y* - mu_t(x)) / sigma_t(x) for each sampled maximum y*",
    note="the paper sums over the K sampled maxima y* in Y*, indexed here by k; psi and Psi are the standard normal density and distribution function",
)
th_ts = rnd(3000, 4)
b_ts = rnd(3001, 4, lo=0.0, hi=6.283)
W_ts = rnd(3002, 4, 2, lo=-2.0, hi=2.0)
x_ts = rnd(3003, 2)


def ts_features(theta, b, W, x, alpha):
    m = len(theta)
    return math.sqrt(2 * alpha / m) * float(theta @ np.cos(W @ x + b))


row(
    "thompson_random_features",
    r"\tilde{f}(\mathbf{x}) = \sqrt{\frac{2 \alpha}{m}} \, \boldsymbol{\theta}^\top \cos(\mathbf{W} \mathbf{x} + \mathbf{b})",
    r"\theta, b: vector[m]; W: matrix[m, d]; x: vector[d]; \alpha: scalar, positive",
    {"theta": th_ts, "b": b_ts, "W": W_ts, "x": x_ts, "alpha": 1.3},
    ts_features,
    wrt="x",
    source="a Thompson sample of the GP by random Fourier features, phi(x) = sqrt(2 alpha / m) cos(W x + b) and f(x) = phi(x)^T theta (Hernandez-Lobato, Hoffman and Ghahramani, 2014, Sec. 2.1; Rahimi and Recht, 2007)",
    note="theta the drawn posterior weights, alpha the signal variance",
)
xi_q = [[0.2, 0.65, 0.4], [0.9, 0.1, 0.3], [0.35, 0.5, 0.75], [0.15, 0.25, 0.05]]


def qei(xi, **k):
    f_star = k["f_sup_star"]
    N, q = xi.shape
    return sum(max(max(xi[i, j] - f_star, 0.0) for j in range(q)) for i in range(N)) / N


row(
    "qei_monte_carlo",
    r"\frac{1}{N} \sum_{i=1}^{N} \max_{j = 1, \ldots, q} \left\{ \max\left(\xi^{i}_{j} - f^{*}, 0\right) \right\}",
    r"\xi: matrix[N, q]; f^{*}: scalar; i, j: index",
    {"xi": xi_q, "f_sup_star": 0.3},
    qei,
    wrt=r"\xi",
    key="xi",
    source="Monte Carlo estimate of the batch expected improvement qEI over N posterior samples of the q candidates (Balandat et al., 2020, BoTorch, the Monte Carlo acquisition functions; Wilson, Hutter and Deisenroth, 2018)",
    note="xi^i_j the value of candidate j in posterior sample i, the entry (i, j) of xi; f* the best value observed",
)
g_hedge = [0.8, 1.3, 0.5]


def hedge(g_t, j, eta):
    i = int(j) - 1
    return math.exp(eta * g_t[i]) / sum(math.exp(eta * g_t[m]) for m in range(len(g_t)))


row(
    "gp_hedge_probabilities",
    r"p_t(j) = \frac{\exp(\eta g_t^j)}{\sum_{\ell=1}^{k} \exp(\eta g_t^\ell)}",
    r"g_t: vector[k]; j: label[k]; \eta: scalar, positive; \ell: index",
    {"g_t": g_hedge, "j": 2, "eta": 1.5},
    hedge,
    wrt="g_t",
    source="probability of choosing acquisition function j in the GP-Hedge portfolio (Hoffman, Brochu and de Freitas, 2011, Algorithm 1)",
    note="g_t^j the cumulative gain of acquisition function j, the entries of g_t (a superscript index the table cannot declare)",
)

if __name__ == "__main__":
    A.write()
