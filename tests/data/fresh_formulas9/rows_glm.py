"""Generalized linear models: the deviances of the gamma, inverse Gaussian, Tweedie, binomial and
negative binomial families, the probit and complementary log-log log-likelihoods, a category
probability of the cumulative-logit (proportional odds) model, the IRLS working weight of a probit
model and one IRLS step, Lambert's zero-inflated Poisson log-likelihood, Wedderburn's
quasi-likelihood, the Poisson rate model with an exposure offset, the gamma log-likelihood in its
shape, and the Pearson estimate of the dispersion (NumPy/SciPy references from each source's
definition: deviances as twice the log-likelihood ratio against the saturated model, likelihoods
from the densities in scipy.stats)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.integrate import quad
from scipy.stats import gamma as gamma_dist
from scipy.stats import invgauss, nbinom, norm, poisson

A = Area("glm")
row = A.row

y_pos = [1.3, 0.6, 2.2, 3.1, 0.9, 1.7]
mu_pos = [1.1, 0.8, 1.9, 2.6, 1.2, 1.5]


def gamma_deviance(y, mu_hat):
    # twice the log-likelihood ratio of the saturated and fitted gamma models, dispersion 1
    return 2 * sum(
        gamma_dist.logpdf(y[i], a=1.0, scale=y[i]) - gamma_dist.logpdf(y[i], a=1.0, scale=mu_hat[i])
        for i in range(len(y))
    )


row(
    "gamma_deviance",
    r"D = 2 \sum_{i=1}^{n} \left[ -\log\left( \frac{y_i}{\hat{\mu}_i} \right) + \frac{y_i - \hat{\mu}_i}{\hat{\mu}_i} \right]",
    r"y, \hat{\mu}: vector[n], positive; i: index",
    {"y": y_pos, "mu_hat": mu_pos},
    gamma_deviance,
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="the deviance of a gamma GLM, twice the log-likelihood ratio against the saturated model at unit dispersion (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 2.3; Ch. 8)",
)


def invgauss_deviance(y, mu_hat):
    return 2 * sum(
        invgauss.logpdf(y[i], mu=y[i]) - invgauss.logpdf(y[i], mu=mu_hat[i]) for i in range(len(y))
    )


row(
    "inverse_gaussian_deviance",
    r"D = \sum_{i=1}^{n} \frac{(y_i - \hat{\mu}_i)^2}{\hat{\mu}_i^2 y_i}",
    r"y, \hat{\mu}: vector[n], positive; i: index",
    {"y": y_pos, "mu_hat": mu_pos},
    invgauss_deviance,
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="the deviance of an inverse Gaussian GLM at unit dispersion (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 2.3, the deviances of the common families)",
    note="references from twice the log-likelihood ratio of the inverse Gaussian densities with lambda = 1",
)


def tweedie_deviance(y, mu, p):
    # the unit deviance d(y, mu) = 2 int_mu^y (y - t) / V(t) dt with V(t) = t^p
    out = 0.0
    for i in range(len(y)):
        a, b = mu[i], y[i]
        out += (
            2 * quad(lambda t, yi=b: (yi - t) / t**p, a, b, epsabs=0.0, epsrel=1e-13, limit=200)[0]
        )
    return out


def _tweedie_closed(y, mu, p):
    y, mu = np.asarray(y), np.asarray(mu)
    return float(
        2
        * np.sum(
            y ** (2 - p) / ((1 - p) * (2 - p))
            - y * mu ** (1 - p) / (1 - p)
            + mu ** (2 - p) / (2 - p)
        )
    )


y_tw = [0.4, 2.1, 1.2, 3.5, 0.8]
mu_tw = [0.7, 1.8, 1.0, 2.9, 1.1]
assert abs(tweedie_deviance(y_tw, mu_tw, 1.4) - _tweedie_closed(y_tw, mu_tw, 1.4)) < 1e-12
row(
    "tweedie_deviance",
    r"D = 2 \sum_{i=1}^{n} \left\{ \frac{y_i^{2-p}}{(1-p)(2-p)} - \frac{y_i \mu_i^{1-p}}{1-p} + \frac{\mu_i^{2-p}}{2-p} \right\}",
    r"y, \mu: vector[n], positive; p: scalar, positive; i: index",
    {"y": y_tw, "mu": mu_tw, "p": 1.4},
    tweedie_deviance,
    wrt="p",
    source="the deviance of a Tweedie GLM with variance function V(mu) = mu^p, 1 < p < 2 (the compound Poisson-gamma case) (Dunn and Smyth, 2005, Series Evaluation of Tweedie Exponential Dispersion Model Densities, Statistics and Computing 15, Sec. 2; Jorgensen, 1997, The Theory of Dispersion Models, Ch. 4)",
    note="references from the unit deviance d(y, mu) = 2 int_mu^y (y - t) / V(t) dt, V(t) = t^p, by quadrature",
)
y_bin = [0.2, 0.5, 0.7, 0.35, 0.9]
m_bin = [10.0, 8.0, 12.0, 20.0, 10.0]
mu_bin = [0.25, 0.45, 0.6, 0.4, 0.8]


def binomial_deviance(y, mu_hat, m):
    def loglik(prop, mu, trials):
        return trials * (prop * math.log(mu) + (1 - prop) * math.log(1 - mu))

    return 2 * sum(loglik(y[i], y[i], m[i]) - loglik(y[i], mu_hat[i], m[i]) for i in range(len(y)))


row(
    "binomial_deviance_proportions",
    r"D = 2 \sum_{i=1}^{n} m_i \left[ y_i \log \frac{y_i}{\hat{\mu}_i} + (1 - y_i) \log \frac{1 - y_i}{1 - \hat{\mu}_i} \right]",
    r"y, \hat{\mu}: vector[n], unit; m: vector[n], positive; i: index",
    {"y": y_bin, "mu_hat": mu_bin, "m": m_bin},
    binomial_deviance,
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="the deviance of a binomial GLM for the observed proportions y_i of m_i trials (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Secs. 2.3 and 4.4)",
    note="y_i a proportion of successes out of m_i trials; no proportion is 0 or 1",
)
y_nb = [3.0, 1.0, 7.0, 2.0, 5.0, 4.0]
mu_nb = [2.5, 1.8, 5.2, 2.2, 4.1, 4.6]


def nb_deviance(y, mu, theta):
    def ll(yi, m):
        return nbinom.logpmf(yi, theta, theta / (theta + m))

    return 2 * sum(ll(y[i], y[i]) - ll(y[i], mu[i]) for i in range(len(y)))


row(
    "negative_binomial_deviance",
    r"D = 2 \sum_{i=1}^{n} \left[ y_i \log \frac{y_i}{\mu_i} - (y_i + \theta) \log \frac{y_i + \theta}{\mu_i + \theta} \right]",
    r"y, \mu: vector[n], positive; \theta: scalar, positive; i: index",
    {"y": y_nb, "mu": mu_nb, "theta": 2.5},
    nb_deviance,
    wrt=r"\theta",
    key="theta",
    source="the deviance of a negative binomial GLM with shape theta, the variance mu + mu^2 / theta (Venables and Ripley, 2002, Modern Applied Statistics with S, 4th ed., Sec. 7.4; Hilbe, 2011, Negative Binomial Regression, 2nd ed., Ch. 8)",
    note="references from the negative binomial log-pmf of scipy (n = theta, p = theta / (theta + mu)) against the saturated fit mu = y; every count is positive",
)
X_b = rnd(9100, 6, 2, lo=-1.5, hi=1.5)
X_b = [[1.0, *r] for r in X_b]
y_b = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
beta_b = [0.2, 0.7, -0.4]


def probit_loglik(y, X, beta):
    n, p = X.shape
    out = 0.0
    for i in range(n):
        eta = sum(X[i, c] * beta[c] for c in range(p))
        out += y[i] * norm.logcdf(eta) + (1 - y[i]) * norm.logsf(eta)
    return out


row(
    "probit_log_likelihood",
    r"\ell(\boldsymbol{\beta}) = \sum_{i=1}^{n} \left[ y_i \log \Phi(\mathbf{x}_i^\top \boldsymbol{\beta}) + (1 - y_i) \log\left( 1 - \Phi(\mathbf{x}_i^\top \boldsymbol{\beta}) \right) \right]",
    r"y: vector[n]; X: matrix[n, p]; \mathbf{x}_i: row[X]; \boldsymbol{\beta}: vector[p]; i: index",
    {"y": y_b, "X": X_b, "beta": beta_b},
    probit_loglik,
    wrt=r"\beta",
    key="beta",
    source="the log-likelihood of the probit model for binary responses, P(y_i = 1) = Phi(x_i^T beta) (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 4.3; Agresti, 2013, Categorical Data Analysis, 3rd ed., Ch. 7)",
    note="Phi the standard normal CDF; the first column of X is the intercept's 1",
)


def cloglog_loglik(y, X, beta):
    n, p = X.shape
    out = 0.0
    for i in range(n):
        eta = sum(X[i, c] * beta[c] for c in range(p))
        pi = 1 - math.exp(-math.exp(eta))  # the inverse of log(-log(1 - pi)) = eta
        out += y[i] * math.log(pi) + (1 - y[i]) * math.log(1 - pi)
    return out


row(
    "complementary_log_log_log_likelihood",
    r"\ell(\boldsymbol{\beta}) = \sum_{i=1}^{n} \left[ y_i \log\left( 1 - \exp\left( -e^{\mathbf{x}_i^\top \boldsymbol{\beta}} \right) \right) - (1 - y_i) e^{\mathbf{x}_i^\top \boldsymbol{\beta}} \right]",
    r"y: vector[n]; X: matrix[n, p]; \mathbf{x}_i: row[X]; \boldsymbol{\beta}: vector[p]; i: index",
    {"y": y_b, "X": X_b, "beta": beta_b},
    cloglog_loglik,
    wrt=r"\beta",
    key="beta",
    source="the Bernoulli log-likelihood under the complementary log-log link log(-log(1 - pi_i)) = x_i^T beta, with log(1 - pi_i) = -exp(x_i^T beta) (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 4.3; Agresti, 2013, Categorical Data Analysis, 3rd ed., Ch. 7)",
    note="references from pi_i = 1 - exp(-exp(eta_i)) and the Bernoulli log-likelihood",
)
theta_ord = [-1.2, 0.1, 0.9, 2.0]


def cumulative_logit(x, beta, theta, j):
    j = int(j)

    def gamma_j(k):  # P(Y <= k | x) for k = 0..K, gamma_0 = 0
        if k == 0:
            return 0.0
        return 1 / (
            1 + math.exp(-(theta[k - 1] - sum(b * v for b, v in zip(beta, x, strict=True))))
        )

    return gamma_j(j) - gamma_j(j - 1)


row(
    "cumulative_logit_category_probability",
    r"\pi_j(\mathbf{x}) = \frac{e^{\theta_j - \boldsymbol{\beta}^\top \mathbf{x}}}{1 + e^{\theta_j - \boldsymbol{\beta}^\top \mathbf{x}}} - \frac{e^{\theta_{j-1} - \boldsymbol{\beta}^\top \mathbf{x}}}{1 + e^{\theta_{j-1} - \boldsymbol{\beta}^\top \mathbf{x}}}",
    r"\mathbf{x}, \boldsymbol{\beta}: vector[p]; \boldsymbol{\theta}: vector[m]; j: label[m]",
    {"x": [0.6, -1.1], "beta": [0.8, 0.5], "theta": theta_ord, "j": 3},
    cumulative_logit,
    wrt=r"\beta",
    key="beta",
    source="the probability of response category j under McCullagh's proportional odds model, logit gamma_j(x) = theta_j - beta^T x with gamma_j = P(Y <= j), pi_j = gamma_j - gamma_{j-1} (McCullagh, 1980, Regression Models for Ordinal Data, JRSS B 42, Sec. 2)",
    note="theta_1 < ... < theta_m the cut points; j = 3 here, so that theta_{j-1} = theta_2 exists (for j = 1 the second term is 0)",
)


def probit_weight(eta, m):
    mu = norm.cdf(eta)
    dmu_deta = norm.pdf(eta)
    variance = mu * (1 - mu) / m  # of a proportion out of m trials
    return dmu_deta**2 / variance


row(
    "irls_working_weight_probit",
    r"w = \frac{m \, \phi(\eta)^2}{\Phi(\eta) \left( 1 - \Phi(\eta) \right)}",
    r"\eta: scalar; m: scalar, positive",
    {"eta": 0.35, "m": 12.0},
    probit_weight,
    wrt=r"\eta",
    key="eta",
    source="the iterative weight W = (d mu / d eta)^2 / V(mu) of a binomial proportion out of m trials under the probit link (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 2.5; Ch. 4)",
    note="phi and Phi the standard normal density and CDF; references from (d mu / d eta)^2 / V(mu) with mu = Phi(eta) and V(mu) = mu (1 - mu) / m",
)
X_irls = rnd(9101, 6, 1, lo=-1.0, hi=1.0)
X_irls = [[1.0, *r] for r in X_irls]
y_irls = [2.0, 0.0, 3.0, 1.0, 4.0, 1.0]
beta_old = np.array([0.3, 0.5])
eta_old = np.asarray(X_irls) @ beta_old
mu_old = np.exp(eta_old)
W_irls = np.diag(mu_old).round(6)
z_irls = (eta_old + (np.asarray(y_irls) - mu_old) / mu_old).round(6)


def irls_step(X, W_sup_r, z_sup_r):
    # the weighted least-squares fit of z on X with weights diag(W): sqrt-weighted lstsq
    s = np.sqrt(np.diag(W_sup_r))
    return np.linalg.lstsq(X * s[:, None], z_sup_r * s, rcond=None)[0]


row(
    "irls_weighted_least_squares_step",
    r"\hat{\boldsymbol{\beta}}^{(r+1)} = \left( X^\top W^{(r)} X \right)^{-1} X^\top W^{(r)} \mathbf{z}^{(r)}",
    r"X: matrix[n, p]; W^{(r)}: matrix[n, n]; \mathbf{z}^{(r)}: vector[n]",
    {"X": X_irls, "W_sup_r": W_irls.tolist(), "z_sup_r": z_irls.tolist()},
    irls_step,
    source="one iteration of iteratively reweighted least squares, the weighted regression of the adjusted dependent variate z on X with weights W (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 2.5; Nelder and Wedderburn, 1972)",
    note="W^(r) = diag(mu_i) and z_i = eta_i + (y_i - mu_i) / mu_i of a Poisson model with log link at beta^(r) = (0.3, 0.5), given; references by weighted least squares",
)
G_zip = [[1.0, v[0]] for v in rnd(9102, 6, 1)]
B_zip = [[1.0, v[0]] for v in rnd(9103, 6, 1)]
y_zip = [0.0, 2.0, 0.0, 1.0, 3.0, 0.0]


def zip_loglik(y, G, B, gamma, beta):
    out = 0.0
    for i in range(len(y)):
        p = 1 / (1 + math.exp(-float(G[i] @ gamma)))  # logit(p) = G gamma
        lam = math.exp(float(B[i] @ beta))  # log(lambda) = B beta
        if y[i] == 0:
            out += math.log(p + (1 - p) * math.exp(-lam))
        else:
            out += math.log(1 - p) + poisson.logpmf(y[i], lam)
    return out


row(
    "zero_inflated_poisson_log_likelihood",
    r"L(\boldsymbol{\gamma}, \boldsymbol{\beta}; \mathbf{y}) = \sum_{y_i = 0} \log\left( e^{\mathbf{G}_i \boldsymbol{\gamma}} + \exp\left( -e^{\mathbf{B}_i \boldsymbol{\beta}} \right) \right) + \sum_{y_i > 0} \left( y_i \mathbf{B}_i \boldsymbol{\beta} - e^{\mathbf{B}_i \boldsymbol{\beta}} \right) - \sum_{i=1}^{n} \log\left( 1 + e^{\mathbf{G}_i \boldsymbol{\gamma}} \right) - \sum_{y_i > 0} \log(y_i!)",
    r"\mathbf{y}: vector[n]; \mathbf{G}: matrix[n, q]; \mathbf{G}_i: row[G]; \mathbf{B}: matrix[n, p]; \mathbf{B}_i: row[B]; \boldsymbol{\gamma}: vector[q]; \boldsymbol{\beta}: vector[p]; i: index",
    {"y": y_zip, "G": G_zip, "B": B_zip, "gamma": [-0.4, 0.6], "beta": [0.5, -0.3]},
    zip_loglik,
    wrt=r"\beta",
    key="beta",
    source="the log-likelihood of the zero-inflated Poisson regression with logit(p) = G gamma for the probability of the perfect state and log(lambda) = B beta (Lambert, 1992, Zero-Inflated Poisson Regression, with an Application to Defects in Manufacturing, Technometrics 34, Sec. 2)",
    note="G_i and B_i the i-th rows of G and B, used as row vectors (G_i gamma a number), as Lambert writes them; sum_{y_i = 0} and sum_{y_i > 0} run over the observations with a zero and a positive count; references from the mixture P(0) = p + (1 - p) e^{-lambda}, P(k) = (1 - p) e^{-lambda} lambda^k / k!",
)


def quasi_poisson(mu, y, sigma):
    # V(t) = t
    return quad(lambda t: (y - t) / (sigma**2 * t), y, mu, epsabs=0.0, epsrel=1e-13)[0]


assert abs(quasi_poisson(2.6, 4.0, 1.3) - (4 * math.log(2.6 / 4) - (2.6 - 4)) / 1.69) < 1e-12
row(
    "quasi_likelihood_integral",
    r"Q(\mu; y) = \int_{y}^{\mu} \frac{y - t}{\sigma^2 V(t)} \, dt",
    r"\mu, y, \sigma: scalar, positive; V: function",
    {"mu": 2.6, "y": 4.0, "sigma": 1.3},
    quasi_poisson,
    wrt=r"\mu",
    key="mu",
    source="Wedderburn's quasi-likelihood of one observation, defined by the mean-variance relation alone (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 9.2; Wedderburn, 1974, Biometrika 61)",
    note="V the variance function, given in words: here V(t) = t (the overdispersed Poisson, quasi-Poisson, family); references by quadrature",
)
X_off = rnd(9104, 6, 2, lo=-1.0, hi=1.0)
t_off = [2.0, 0.5, 1.5, 3.0, 1.0, 2.5]
y_off = [3.0, 0.0, 2.0, 5.0, 1.0, 4.0]


def poisson_offset(y, X, t, beta):
    n, p = X.shape
    return sum(
        poisson.logpmf(y[i], t[i] * math.exp(sum(X[i, c] * beta[c] for c in range(p))))
        for i in range(n)
    )


row(
    "poisson_rate_model_with_exposure",
    r"\ell(\boldsymbol{\beta}) = \sum_{i=1}^{n} \left[ y_i \left( \log t_i + \mathbf{x}_i^\top \boldsymbol{\beta} \right) - t_i e^{\mathbf{x}_i^\top \boldsymbol{\beta}} - \log y_i! \right]",
    r"y: vector[n]; t: vector[n], positive; X: matrix[n, p]; \mathbf{x}_i: row[X]; \boldsymbol{\beta}: vector[p]; i: index",
    {"y": y_off, "t": t_off, "X": X_off, "beta": [0.4, -0.2]},
    poisson_offset,
    wrt=r"\beta",
    key="beta",
    source="the Poisson log-likelihood of counts y_i observed over exposures t_i, log mu_i = log t_i + x_i^T beta with log t_i an offset (Cameron and Trivedi, 2013, Regression Analysis of Count Data, 2nd ed., Ch. 3, exposure; Agresti, 2013, Categorical Data Analysis, 3rd ed., Ch. 4, Poisson rate models)",
    note="references from the Poisson log-pmf with mean t_i exp(x_i^T beta)",
)
y_g = [1.3, 0.6, 2.2, 3.1, 0.9]
mu_g = [1.1, 0.8, 1.9, 2.6, 1.2]


def gamma_shape_loglik(y, mu, nu):
    return sum(gamma_dist.logpdf(y[i], a=nu, scale=mu[i] / nu) for i in range(len(y)))


row(
    "gamma_log_likelihood_in_shape",
    r"\ell(\nu) = \sum_{i=1}^{n} \left[ \nu \log \frac{\nu y_i}{\mu_i} - \frac{\nu y_i}{\mu_i} - \log y_i - \log \Gamma(\nu) \right]",
    r"y, \mu: vector[n], positive; \nu: scalar, positive; i: index",
    {"y": y_g, "mu": mu_g, "nu": 3.0},
    gamma_shape_loglik,
    wrt=r"\nu",
    key="nu",
    source="the log-likelihood of gamma observations with means mu_i and common shape nu (index), the coefficient of variation 1 / sqrt(nu) (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Ch. 8, models with gamma errors)",
    note="Gamma the gamma function; references from the gamma density of scipy with shape nu and scale mu_i / nu",
)
y_pd = [3.0, 0.0, 2.0, 5.0, 1.0, 4.0, 2.0]
mu_pd = [2.4, 0.7, 1.9, 3.8, 1.4, 3.1, 2.7]
row(
    "pearson_dispersion_estimate",
    r"\hat{\phi} = \frac{1}{n - p} \sum_{i=1}^{n} \frac{(y_i - \hat{\mu}_i)^2}{\hat{\mu}_i}",
    r"y, \hat{\mu}: vector[n]; p: scalar, integer, positive; n: dim; i: index",
    {"y": y_pd, "mu_hat": mu_pd, "p": 2, "n": 7},
    lambda y, mu_hat, p, n: (
        sum((y[i] - mu_hat[i]) ** 2 / mu_hat[i] for i in range(int(n))) / (int(n) - int(p))
    ),
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="the moment estimate of the dispersion of an overdispersed Poisson model, Pearson's X^2 over the residual degrees of freedom with V(mu) = mu (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Ch. 4 and Ch. 6, overdispersion)",
    note="p the number of fitted parameters",
)

if __name__ == "__main__":
    A.write()
