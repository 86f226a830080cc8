"""Markov chain Monte Carlo and importance sampling: the random-walk Metropolis acceptance
probability and Barker's acceptance for a Gaussian target, the Hamiltonian of HMC for a Bayesian
logistic regression and a leapfrog step, an unadjusted Langevin step, the log-density of MALA's
proposal, the self-normalized importance sampling estimate, Kish's effective sample size and the
autocorrelation-based one, the Gelman-Rubin potential scale reduction and between-chain
variance, the log-weight of annealed importance sampling, the Stein kernel of an RBF kernel and
the kernelized Stein discrepancy's U-statistic, and the full conditional of a Gibbs sampler
(NumPy/SciPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, spd
from scipy.stats import norm

A = Area("mcmc")
row = A.row

S_g = np.asarray(spd(8900, 3, jitter=0.8))
mu_g = [0.2, -0.1, 0.3]
x_g = [0.5, 0.1, -0.2]
y_g = [0.9, -0.4, 0.6]


def rw_metropolis(x, y, mu, Sigma):
    Si = np.linalg.inv(Sigma)
    a = -0.5 * (y - mu) @ Si @ (y - mu) + 0.5 * (x - mu) @ Si @ (x - mu)
    return float(min(math.exp(a), 1.0))


row(
    "random_walk_metropolis_acceptance",
    r"\rho(\mathbf{x}, \mathbf{y}) = \min\left\{ \exp\left( -\frac{1}{2} (\mathbf{y} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{y} - \boldsymbol{\mu}) + \frac{1}{2} (\mathbf{x} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu}) \right), 1 \right\}",
    r"x, y, \mu: vector[d]; \Sigma: spd[d]",
    {"x": y_g, "y": x_g, "mu": mu_g, "Sigma": S_g.tolist()},
    rw_metropolis,
    wrt="y",
    source="the Metropolis acceptance probability min{f(y) / f(x), 1} of a symmetric random-walk proposal y from x, for a Gaussian target f = N(mu, Sigma) (Metropolis, Rosenbluth, Rosenbluth, Teller and Teller, 1953; Robert and Casella, 2004, Monte Carlo Statistical Methods, 2nd ed., Sec. 7.5)",
    note="the ratio of the target densities written out, the normalizing constants cancelling; the ratio is below 1 at the point",
)


def barker(x, y, sigma):
    fx = math.exp(-np.sum(x**2) / (2 * sigma**2))
    fy = math.exp(-np.sum(y**2) / (2 * sigma**2))
    return fy / (fx + fy)


row(
    "barker_acceptance",
    r"\alpha_{\mathrm{B}}(\mathbf{x}, \mathbf{y}) = \frac{\exp\left( -\frac{\|\mathbf{y}\|^2}{2\sigma^2} \right)}{\exp\left( -\frac{\|\mathbf{x}\|^2}{2\sigma^2} \right) + \exp\left( -\frac{\|\mathbf{y}\|^2}{2\sigma^2} \right)}",
    r"x, y: vector[d]; \sigma: scalar, positive",
    {"x": x_g, "y": y_g, "sigma": 0.8},
    barker,
    wrt="y",
    source="Barker's acceptance function pi(y) / (pi(x) + pi(y)) for a symmetric proposal, here with a centred isotropic Gaussian target (Barker, 1965, Monte Carlo Calculations of the Radial Distribution Functions for a Proton-Electron Plasma, Australian Journal of Physics 18; Peskun, 1973, Optimum Monte-Carlo Sampling Using Markov Chains, Biometrika 60, Sec. 2)",
    note="the unnormalized target densities written out",
)
X_h = np.asarray(rnd(8901, 6, 3, lo=-1.5, hi=1.5))
y_h = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
q_h = [0.4, -0.6, 0.2]
p_h = [0.3, 0.8, -0.5]
M_h = np.asarray(spd(8902, 3, jitter=1.0))


def hmc_H(X, y, q, p, M, sigma_0):
    n = len(y)
    U = -sum(
        y[i] * math.log(sigmoid(X[i] @ q)) + (1 - y[i]) * math.log(1 - sigmoid(X[i] @ q))
        for i in range(n)
    )
    return float(U + q @ q / (2 * sigma_0**2) + 0.5 * p @ np.linalg.inv(M) @ p)


row(
    "hmc_hamiltonian_logistic_regression",
    r"H(q, p) = -\sum_{i=1}^{n} \left[ y_i \log \sigma(\mathbf{x}_i^\top q) + (1 - y_i) \log\left( 1 - \sigma(\mathbf{x}_i^\top q) \right) \right] + \frac{q^\top q}{2 \sigma_0^2} + \frac{1}{2} p^\top M^{-1} p",
    r"X: matrix[n, d]; x_i: row[X]; y: vector[n]; q, p: vector[d]; M: spd[d]; \sigma_0: scalar, positive; i: index",
    {"X": X_h.tolist(), "y": y_h, "q": q_h, "p": p_h, "M": M_h.tolist(), "sigma_0": 2.0},
    hmc_H,
    wrt="q",
    source="the Hamiltonian H(q, p) = U(q) + K(p) of Hamiltonian Monte Carlo for the posterior of a logistic regression with a N(0, sigma_0^2 I) prior: the potential energy U(q) = -log[pi(q) L(q | D)] up to a constant and the kinetic energy p^T M^{-1} p / 2 (Neal, 2011, MCMC Using Hamiltonian Dynamics, Handbook of Markov Chain Monte Carlo, Ch. 5, Secs. 5.2.1 and 5.3.1)",
    note="sigma the logistic sigmoid and sigma_0 the prior scale; x_i the covariates of case i, the rows of X",
)
S_lf = np.asarray(spd(8903, 3, jitter=0.8))
row(
    "leapfrog_position_update",
    r"q(t + \varepsilon) = q(t) + \varepsilon M^{-1} \left( p(t) - \frac{\varepsilon}{2} \Sigma^{-1} q(t) \right)",
    r"q, p: vector[d]; M, \Sigma: spd[d]; \varepsilon: scalar, positive",
    {"q": q_h, "p": p_h, "M": M_h.tolist(), "Sigma": S_lf.tolist(), "varepsilon": 0.15},
    lambda q, p, M, Sigma, varepsilon: (
        q + varepsilon * np.linalg.inv(M) @ (p - varepsilon / 2 * np.linalg.inv(Sigma) @ q)
    ),
    source="the position update of one leapfrog step of HMC, a half step of the momentum p(t + epsilon / 2) = p(t) - (epsilon / 2) grad U(q(t)) followed by a full step of the position, for the Gaussian potential U(q) = q^T Sigma^{-1} q / 2 (Neal, 2011, Handbook of Markov Chain Monte Carlo, Ch. 5, Sec. 5.2.3, the leapfrog method)",
    note="q(t) and p(t) the position and momentum at time t; the value is the vector q(t + epsilon)",
)
A_u = np.asarray(rnd(8904, 6, 2, lo=-1.5, hi=1.5))
y_u = [1.0, 1.0, 0.0, 1.0, 0.0, 0.0]
th_u = [0.3, -0.5]
Z_u = rnd(8905, 2, lo=-1.5, hi=1.5)


def ula(A, y, theta_k, Z_k_plus_1, gamma, sigma_0):
    n = len(y)
    grad_U = sum((sigmoid(A[i] @ theta_k) - y[i]) * A[i] for i in range(n)) + theta_k / sigma_0**2
    return theta_k - gamma * grad_U + math.sqrt(2 * gamma) * Z_k_plus_1


row(
    "unadjusted_langevin_step",
    r"\theta_{k+1} = \theta_k - \gamma \left( \sum_{i=1}^{n} \left( \sigma(a_i^\top \theta_k) - y_i \right) a_i + \frac{\theta_k}{\sigma_0^2} \right) + \sqrt{2\gamma} \, Z_{k+1}",
    r"A: matrix[n, d]; a_i: row[A]; y: vector[n]; \theta_k, Z_{k+1}: vector[d]; \gamma, \sigma_0: scalar, positive; i: index",
    {
        "A": A_u.tolist(),
        "y": y_u,
        "theta_k": th_u,
        "Z_k_plus_1": Z_u,
        "gamma": 0.05,
        "sigma_0": 2.0,
    },
    ula,
    source="one step of the unadjusted Langevin algorithm X_{k+1} = X_k - gamma grad U(X_k) + sqrt(2 gamma) Z_{k+1}, the Euler discretization of the Langevin diffusion, for the posterior of a logistic regression with a N(0, sigma_0^2 I) prior (Durmus and Moulines, 2017, Nonasymptotic Convergence Analysis for the Unadjusted Langevin Algorithm, Annals of Applied Probability 27, Sec. 1; Roberts and Tweedie, 1996)",
    note="grad U written out; sigma the logistic sigmoid; a_i the covariates of case i, the rows of A; Z_{k+1} a standard normal draw; the value is the vector theta_{k+1}",
)
x_m = [0.4, -0.3, 0.8]
y_m = [0.1, 0.2, 0.5]


def mala_logq(x, y, mu, Sigma, h, d):
    d = int(d)
    m = y - x + h / 2 * np.linalg.inv(Sigma) @ (x - mu)
    return float(-d / 2 * math.log(2 * math.pi * h) - m @ m / (2 * h))


row(
    "mala_proposal_log_density",
    r"\log q(\mathbf{x}, \mathbf{y}) = -\frac{d}{2} \log(2\pi h) - \frac{1}{2h} \left\| \mathbf{y} - \mathbf{x} + \frac{h}{2} \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu}) \right\|^2",
    r"x, y, \mu: vector[d]; \Sigma: spd[d]; h: scalar, positive; d: dim",
    {"x": x_m, "y": y_m, "mu": mu_g, "Sigma": S_g.tolist(), "h": 0.4, "d": 3},
    mala_logq,
    wrt="x",
    source="the log-density of the Metropolis-adjusted Langevin proposal y ~ N(x + (h / 2) grad log pi(x), h I), for a Gaussian target pi = N(mu, Sigma) so that grad log pi(x) = -Sigma^{-1} (x - mu) (Roberts and Tweedie, 1996, Exponential Convergence of Langevin Distributions and Their Discrete Approximations, Bernoulli 2; Roberts and Rosenthal, 1998, Optimal Scaling of Discrete Approximations to Langevin Diffusions, JRSS B 60, Sec. 1)",
    note="2 pi h with pi the number",
)
x_is = rnd(8906, 8, lo=-1.5, hi=2.5)


def snis(x, m, s):
    w = [norm.pdf(x[i], 0, 1) / norm.pdf(x[i], m, s) for i in range(len(x))]
    return float(sum(x[i] ** 2 * w[i] for i in range(len(x))) / sum(w))


row(
    "self_normalized_importance_sampling",
    r"\tilde{\mu} = \frac{\sum_{i=1}^{n} x_i^2 \frac{\mathcal{N}(x_i \mid 0, 1)}{\mathcal{N}(x_i \mid m, s^2)}}{\sum_{i=1}^{n} \frac{\mathcal{N}(x_i \mid 0, 1)}{\mathcal{N}(x_i \mid m, s^2)}}",
    "x: vector[n]; m: scalar; s: scalar, positive; i: index",
    {"x": x_is, "m": 0.5, "s": 1.3},
    snis,
    wrt="m",
    source="the self-normalized importance sampling estimate of E_p[f(X)] with weights w(x_i) = p(x_i) / q(x_i), here of E[X^2] under p = N(0, 1) from draws of q = N(m, s^2) (Owen, 2013, Monte Carlo Theory, Methods and Examples, Ch. 9, Sec. 9.2)",
    note="N(x | mu, sigma^2) the normal density with variance sigma^2; the x_i fixed draws, so the value changes with m through the weights only",
)
w_k = [0.8, 1.9, 0.3, 1.2, 0.6, 2.4]
row(
    "kish_effective_sample_size",
    r"n_e = \frac{\left( \sum_{i=1}^{n} w_i \right)^2}{\sum_{i=1}^{n} w_i^2}",
    "w: vector[n]; i: index",
    {"w": w_k},
    lambda w: float(np.sum(w) ** 2 / np.sum(w**2)),
    wrt="w",
    source="Kish's effective sample size of n importance-weighted draws (Kish, 1965, Survey Sampling; Owen, 2013, Monte Carlo Theory, Methods and Examples, Ch. 9, Sec. 9.3)",
)
rho_e = [0.62, 0.35, 0.18, 0.07]
row(
    "effective_sample_size_autocorrelation",
    r"\hat{n}_{\mathrm{eff}} = \frac{m n}{1 + 2 \sum_{t=1}^{T} \hat{\rho}_t}",
    r"\hat{\rho}: vector[T]; m, n: scalar, positive; t: index",
    {"rho_hat": rho_e, "m": 4.0, "n": 500.0},
    lambda rho_hat, m, n: m * n / (1 + 2 * float(np.sum(rho_hat))),
    wrt=r"\hat{\rho}",
    key="rho_hat",
    source="the effective number of independent draws from m chains of n draws each, the sum of the estimated autocorrelations truncated at lag T (Gelman, Carlin, Stern, Dunson, Vehtari and Rubin, 2013, Bayesian Data Analysis, 3rd ed., Sec. 11.5)",
    note="rho-hat_t the estimated autocorrelation at lag t, summed up to the truncation lag T",
)
row(
    "gelman_rubin_potential_scale_reduction",
    r"\hat{R} = \sqrt{\frac{\frac{n - 1}{n} W + \frac{1}{n} B}{W}}",
    "W, B, n: scalar, positive",
    {"W": 1.3, "B": 6.2, "n": 100.0},
    lambda W, B, n: math.sqrt(((n - 1) / n * W + B / n) / W),
    wrt="W",
    source="the potential scale reduction factor, the square root of the marginal posterior variance estimate var+ = (n - 1) / n W + B / n over the within-chain variance W (Gelman, Carlin, Stern, Dunson, Vehtari and Rubin, 2013, Bayesian Data Analysis, 3rd ed., Sec. 11.4; Gelman and Rubin, 1992)",
    note="W and B the within- and between-sequence variances and n the length of each sequence",
)
psi_b = [0.42, 0.51, 0.38, 0.6]
row(
    "between_sequence_variance",
    r"B = \frac{n}{m - 1} \sum_{j=1}^{m} \left( \bar{\psi}_{.j} - \frac{1}{m} \sum_{k=1}^{m} \bar{\psi}_{.k} \right)^2",
    r"\bar{\psi}: vector[m]; n: scalar, positive; m: dim; j, k: index",
    {"psi_bar": psi_b, "n": 100.0, "m": 4},
    lambda psi_bar, n, m: (
        n / (m - 1) * sum((psi_bar[j] - sum(psi_bar) / m) ** 2 for j in range(int(m)))
    ),
    wrt=r"\bar{\psi}",
    key="psi_bar",
    source="the between-sequence variance of m chains of length n, from the chain means psi-bar_.j and their mean psi-bar_.. written out (Gelman, Carlin, Stern, Dunson, Vehtari and Rubin, 2013, Bayesian Data Analysis, 3rd ed., Sec. 11.4)",
    note="psi-bar_.j the mean of chain j (the dot marks the averaged draw index), the j-th entry of psi-bar",
)
beta_a = [0.0, 0.15, 0.4, 0.7, 1.0]
x_a = [0.3, 0.9, 1.4, 1.7]


def ais_logw(beta, x, mu, s, K):
    K = int(K)
    return float(
        sum(
            (beta[k] - beta[k - 1]) * (-((x[k - 1] - mu) ** 2) / (2 * s**2) + x[k - 1] ** 2 / 2)
            for k in range(1, K + 1)
        )
    )


row(
    "annealed_importance_sampling_log_weight",
    r"\log w = \sum_{k=1}^{K} (\beta_k - \beta_{k-1}) \left( -\frac{(x_{k-1} - \mu)^2}{2 s^2} + \frac{x_{k-1}^2}{2} \right)",
    r"\beta: vector[K+1]; x: vector[K]; \mu: scalar; s: scalar, positive; K: dim; k: index",
    {"beta": beta_a, "x": x_a, "mu": 2.0, "s": 0.5, "K": 4},
    ais_logw,
    wrt="x",
    source="the log importance weight of annealed importance sampling along the geometric path f_k = f_0^{1 - beta_k} f_K^{beta_k}, the sum of log f_k(x_{k-1}) - log f_{k-1}(x_{k-1}), from the standard normal f_0 to the unnormalized target f_K = exp(-(x - mu)^2 / (2 s^2)) (Neal, 2001, Annealed Importance Sampling, Statistics and Computing 11, Sec. 2)",
    note="beta_0 = 0 < beta_1 < ... < beta_K = 1 and the states x_0, ..., x_{K-1}, both counted from 0 as written; log f_K and log f_0 written out",
)
x_sk = [0.3, -0.5]
xp_sk = [-0.2, 0.4]
s_sk = [-0.4, 0.6]
sp_sk = [0.1, -0.3]


def stein_kernel(x, x_prime, s, s_prime, h, d):
    d = int(d)
    diff = x - x_prime
    r2 = diff @ diff
    k = math.exp(-r2 / (2 * h**2))
    return float(k * (s @ s_prime + s @ diff / h**2 - diff @ s_prime / h**2 + d / h**2 - r2 / h**4))


row(
    "rbf_stein_kernel",
    r"u_q(\mathbf{x}, \mathbf{x}') = e^{-\frac{\|\mathbf{x} - \mathbf{x}'\|^2}{2h^2}} \left( \mathbf{s}^\top \mathbf{s}' + \frac{\mathbf{s}^\top (\mathbf{x} - \mathbf{x}')}{h^2} - \frac{(\mathbf{x} - \mathbf{x}')^\top \mathbf{s}'}{h^2} + \frac{d}{h^2} - \frac{\|\mathbf{x} - \mathbf{x}'\|^2}{h^4} \right)",
    "x, x', s, s': vector[d]; h: scalar, positive; d: dim",
    {"x": x_sk, "x_prime": xp_sk, "s": s_sk, "s_prime": sp_sk, "h": 0.9, "d": 2},
    stein_kernel,
    wrt="x",
    source="the Stein kernel u_q(x, x') = s_q(x)^T k(x, x') s_q(x') + s_q(x)^T grad_{x'} k + grad_x k^T s_q(x') + tr(grad_x grad_{x'} k) for the RBF kernel k(x, x') = exp(-||x - x'||^2 / (2 h^2)), its derivatives written out (Liu, Lee and Jordan, 2016, A Kernelized Stein Discrepancy for Goodness-of-fit Tests, ICML, Sec. 3; Chwialkowski, Strathmann and Gretton, 2016, A Kernel Test of Goodness of Fit, ICML)",
    note="s = s_q(x) = grad_x log q(x) and s' = s_q(x') the score of the model at the two points, given (held fixed as x moves)",
)
x_ks = rnd(8907, 6, lo=-1.5, hi=1.5)


def ksd(x, h, n):
    n = int(n)
    tot = 0.0
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            dd = x[i] - x[j]
            k = math.exp(-(dd**2) / (2 * h**2))
            tot += k * (x[i] * x[j] - x[i] * dd / h**2 + dd * x[j] / h**2 + 1 / h**2 - dd**2 / h**4)
    return tot / (n * (n - 1))


row(
    "kernelized_stein_discrepancy_u_statistic",
    r"\hat{\mathbb{S}}_u(q, p) = \frac{1}{n(n - 1)} \sum_{i \neq j} e^{-\frac{(x_i - x_j)^2}{2h^2}} \left( x_i x_j - \frac{x_i (x_i - x_j)}{h^2} + \frac{(x_i - x_j) x_j}{h^2} + \frac{1}{h^2} - \frac{(x_i - x_j)^2}{h^4} \right)",
    "x: vector[n]; h: scalar, positive; n: dim; i, j: index",
    {"x": x_ks, "h": 0.8, "n": 6},
    ksd,
    wrt="x",
    source="the U-statistic estimate of the squared kernelized Stein discrepancy of a sample from p against the standard normal model q, whose score is s_q(x) = -x, with the RBF Stein kernel written out (Liu, Lee and Jordan, 2016, A Kernelized Stein Discrepancy for Goodness-of-fit Tests, ICML, Sec. 4)",
    note="the sum runs over the ordered pairs i != j",
)


def gibbs_logp(theta_1, theta_2, y_1, y_2, rho):
    m = y_1 + rho * (theta_2 - y_2)
    v = 1 - rho**2
    return -0.5 * math.log(2 * math.pi * v) - (theta_1 - m) ** 2 / (2 * v)


row(
    "gibbs_bivariate_normal_conditional",
    r"\log p(\theta_1 \mid \theta_2, y) = -\frac{1}{2} \log\left( 2\pi (1 - \rho^2) \right) - \frac{\left( \theta_1 - y_1 - \rho (\theta_2 - y_2) \right)^2}{2 (1 - \rho^2)}",
    r"\theta_1, \theta_2, y_1, y_2: scalar; \rho: scalar, unit",
    {"theta_1": 0.7, "theta_2": -0.4, "y_1": 0.2, "y_2": 0.1, "rho": 0.8},
    gibbs_logp,
    wrt=r"\rho",
    key="rho",
    source="the log-density of the full conditional theta_1 | theta_2, y ~ N(y_1 + rho (theta_2 - y_2), 1 - rho^2) that the Gibbs sampler draws from for a bivariate normal posterior with unit variances and correlation rho (Gelman, Carlin, Stern, Dunson, Vehtari and Rubin, 2013, Bayesian Data Analysis, 3rd ed., Sec. 11.1, the bivariate normal example; Geman and Geman, 1984)",
)

if __name__ == "__main__":
    A.write()
