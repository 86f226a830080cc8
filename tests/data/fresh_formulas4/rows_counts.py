"""Count and overdispersion models: Poisson and negative binomial regression, zero-inflated,
hurdle and truncated models, beta-binomial, Dirichlet-multinomial, generalized and
Conway-Maxwell Poisson, deviance and dispersion (NumPy/SciPy references from each definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.integrate import quad
from scipy.special import betaln, gammaln

A = Area("counts")
row = A.row

Xp = rnd(2800, 5, 2, lo=-1.0, hi=1.0)
yp = [2.0, 0.0, 1.0, 4.0, 1.0]
bp = [0.4, -0.3]


def poisson_ll(X, y, beta):
    return sum(
        y[i] * float(X[i] @ beta) - math.exp(float(X[i] @ beta)) - math.lgamma(y[i] + 1)
        for i in range(len(y))
    )


row(
    "poisson_regression_loglik",
    r"\mathcal{L}(\beta) = \sum_{i=1}^{n} \left\{ y_i x_i'\beta - \exp(x_i'\beta) - \ln y_i! \right\}",
    "X: matrix[n, k]; x_i: row[X]; y: vector[n]; beta: vector[k]; i: index",
    {"X": Xp, "y": yp, "beta": bp},
    poisson_ll,
    wrt="beta",
    source="log-likelihood of the Poisson regression with exponential mean (Cameron and Trivedi, Regression Analysis of Count Data, 2nd ed., 2013, Ch. 3, Poisson MLE)",
    note="x_i' beta is the scalar product of x_i and beta (the econometric prime for the transpose)",
)
yn = [3.0, 0.0, 1.0, 5.0]
mun = [2.1, 0.6, 1.4, 3.2]


def nb2_gamma(y, mu, alpha):
    a = 1 / alpha
    return sum(
        gammaln(y[i] + a)
        - gammaln(a)
        - gammaln(y[i] + 1)
        - (y[i] + a) * math.log(1 + alpha * mu[i])
        + y[i] * math.log(alpha)
        + y[i] * math.log(mu[i])
        for i in range(len(y))
    )


row(
    "nb2_loglik_gamma",
    r"\sum_{i=1}^{n} \left\{ \ln \left( \frac{\Gamma(y_i + \alpha^{-1})}{\Gamma(\alpha^{-1}) \Gamma(y_i + 1)} \right) - (y_i + \alpha^{-1}) \ln(1 + \alpha \mu_i) + y_i \ln \alpha + y_i \ln \mu_i \right\}",
    "y, mu: vector[n]; alpha: scalar, positive; i: index",
    {"y": yn, "mu": mun, "alpha": 0.7},
    nb2_gamma,
    wrt="mu",
    source="NB2 log-likelihood (Cameron and Trivedi, 2013, Ch. 3, NB2 model, written with the gamma ratio)",
)


def nb2_sum(y, mu, alpha):
    a = 1 / alpha
    total = 0.0
    for i in range(len(y)):
        total += sum(math.log(j + a) for j in range(int(y[i])))
        total += (
            -math.lgamma(y[i] + 1)
            - (y[i] + a) * math.log(1 + alpha * mu[i])
            + y[i] * math.log(alpha)
            + y[i] * math.log(mu[i])
        )
    return total


row(
    "nb2_loglik_sum_form",
    r"\sum_{i=1}^{n} \left\{ \left( \sum_{j=0}^{y_i - 1} \ln(j + \alpha^{-1}) \right) - \ln y_i! - (y_i + \alpha^{-1}) \ln(1 + \alpha \mu_i) + y_i \ln \alpha + y_i \ln \mu_i \right\}",
    "y, mu: vector[n]; alpha: scalar, positive; i, j: index",
    {"y": yn, "mu": mun, "alpha": 0.7},
    nb2_sum,
    wrt="alpha",
    source="NB2 log-likelihood with ln Gamma(y + a) / Gamma(a) = sum_{j=0}^{y-1} ln(j + a) (Cameron and Trivedi, 2013, Ch. 3, NB2 model)",
)


def nb_pmf(k, r, p):
    return math.exp(gammaln(k + r) - gammaln(k + 1) - gammaln(r)) * (1 - p) ** r * p**k


row(
    "negative_binomial_pmf",
    r"\Pr(X = k) = \binom{k + r - 1}{k} (1 - p)^{r} p^{k}",
    "k, r: scalar, integer, positive; p: scalar, unit",
    {"k": 3.0, "r": 4.0, "p": 0.35},
    nb_pmf,
    wrt="p",
    source="negative binomial probability of k successes before the r-th failure (Hilbe, Negative Binomial Regression, 2nd ed., 2011, Ch. 5; Johnson, Kemp and Kotz, Univariate Discrete Distributions, Ch. 5)",
)


def zip_pmf(y, pi, **k):
    lam = k["lambda"]
    if y == 0:
        return pi + (1 - pi) * math.exp(-lam)
    return (1 - pi) * math.exp(-lam) * lam**y / math.gamma(y + 1)


ZIP_LATEX = r"\Pr(Y = y) = \begin{cases} \pi + (1 - \pi) e^{-\lambda} & y = 0 \\ (1 - \pi) \frac{e^{-\lambda} \lambda^{y}}{y!} & y = 1, 2, \ldots \end{cases}"
row(
    "zip_pmf_zero",
    ZIP_LATEX,
    "y: scalar, integer, nonnegative; pi: scalar, unit; lambda: scalar, positive",
    {"y": 0.0, "pi": 0.3, "lambda": 1.8},
    zip_pmf,
    wrt="pi",
    source="zero-inflated Poisson distribution (Lambert, 1992, Sec. 1), at y = 0",
)
row(
    "zip_pmf_positive",
    ZIP_LATEX,
    "y: scalar, integer, nonnegative; pi: scalar, unit; lambda: scalar, positive",
    {"y": 3.0, "pi": 0.3, "lambda": 1.8},
    zip_pmf,
    wrt="lambda",
    source="zero-inflated Poisson distribution (Lambert, 1992, Sec. 1), at y = 3",
)
yz = [0.0, 2.0, 0.0, 1.0, 3.0]
Gz = rnd(2801, 5, lo=-1.0, hi=0.5)
Bz = rnd(2802, 5, lo=-0.5, hi=1.0)


def zip_ll(y, G, B):
    total = 0.0
    for i in range(len(y)):
        if y[i] == 0:
            total += math.log(math.exp(G[i]) + math.exp(-math.exp(B[i])))
        else:
            total += y[i] * B[i] - math.exp(B[i]) - math.lgamma(y[i] + 1)
        total -= math.log(1 + math.exp(G[i]))
    return total


row(
    "zip_loglik_lambert",
    r"L = \sum_{y_i = 0} \log\left(e^{G_i} + \exp(-e^{B_i})\right) + \sum_{y_i > 0} \left(y_i B_i - e^{B_i}\right) - \sum_{i=1}^{n} \log\left(1 + e^{G_i}\right) - \sum_{y_i > 0} \log(y_i!)",
    "y, G, B: vector[n]; i: index",
    {"y": yz, "G": Gz, "B": Bz},
    zip_ll,
    wrt="B",
    source="ZIP log-likelihood with logit(pi) = G and log(lambda) = B (Lambert, 1992, Sec. 2, the ZIP log-likelihood)",
    note="the sums over y_i = 0 and y_i > 0 run over the examples i with that count",
)
row(
    "zip_variance",
    r"\operatorname{Var}(Y) = (1 - \pi) \lambda (1 + \pi \lambda)",
    "pi: scalar, unit; lambda: scalar, positive",
    {"pi": 0.3, "lambda": 1.8},
    lambda pi, **k: (1 - pi) * k["lambda"] * (1 + pi * k["lambda"]),
    wrt="pi",
    source="variance of the zero-inflated Poisson (Lambert, 1992, Sec. 1)",
)


def bb_pmf(n, k, alpha, beta):
    return math.exp(
        gammaln(n + 1)
        - gammaln(k + 1)
        - gammaln(n - k + 1)
        + betaln(k + alpha, n - k + beta)
        - betaln(alpha, beta)
    )


row(
    "beta_binomial_pmf",
    r"f(k \mid n, \alpha, \beta) = \binom{n}{k} \frac{\mathrm{B}(k + \alpha, n - k + \beta)}{\mathrm{B}(\alpha, \beta)}",
    "n, k: scalar, integer, nonnegative; alpha, beta: scalar, positive",
    {"n": 6.0, "k": 2.0, "alpha": 1.5, "beta": 2.5},
    bb_pmf,
    wrt="alpha",
    source="beta-binomial probability mass function (Skellam, 1948; Johnson, Kemp and Kotz, Univariate Discrete Distributions, Ch. 6), B the beta function",
)
nb = [6.0, 4.0, 5.0]
kb = [2.0, 4.0, 1.0]


def bb_ll(n, k, alpha, beta):
    return sum(
        gammaln(n[i] + 1)
        - gammaln(k[i] + 1)
        - gammaln(n[i] - k[i] + 1)
        + gammaln(k[i] + alpha)
        + gammaln(n[i] - k[i] + beta)
        - gammaln(n[i] + alpha + beta)
        + gammaln(alpha + beta)
        - gammaln(alpha)
        - gammaln(beta)
        for i in range(len(n))
    )


row(
    "beta_binomial_loglik",
    r"\sum_{i=1}^{m} \left[ \log \Gamma(n_i + 1) - \log \Gamma(k_i + 1) - \log \Gamma(n_i - k_i + 1) + \log \Gamma(k_i + \alpha) + \log \Gamma(n_i - k_i + \beta) - \log \Gamma(n_i + \alpha + \beta) + \log \Gamma(\alpha + \beta) - \log \Gamma(\alpha) - \log \Gamma(\beta) \right]",
    "n, k: vector[m]; alpha, beta: scalar, positive; i: index",
    {"n": nb, "k": kb, "alpha": 1.5, "beta": 2.5},
    bb_ll,
    wrt="beta",
    source="beta-binomial log-likelihood with B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b) (Griffiths, 1973; Williams, 1975, Sec. 2)",
)
row(
    "beta_binomial_variance",
    r"\frac{n \alpha \beta (\alpha + \beta + n)}{(\alpha + \beta)^2 (\alpha + \beta + 1)}",
    "n: scalar, integer, positive; alpha, beta: scalar, positive",
    {"n": 6.0, "alpha": 1.5, "beta": 2.5},
    lambda n, alpha, beta: (
        n * alpha * beta * (alpha + beta + n) / ((alpha + beta) ** 2 * (alpha + beta + 1))
    ),
    wrt="alpha",
    source="variance of the beta-binomial distribution (Skellam, 1948; Johnson, Kemp and Kotz, Univariate Discrete Distributions, Ch. 6)",
)
Nd = np.array([[2.0, 0.0, 3.0], [1.0, 1.0, 1.0], [0.0, 4.0, 2.0], [3.0, 1.0, 0.0]])
ad = [0.8, 1.5, 1.1]


def dm_ll(n, alpha):
    m, K = n.shape
    A_ = sum(alpha[k] for k in range(K))
    total = 0.0
    for i in range(m):
        ni = sum(n[i, k] for k in range(K))
        total += gammaln(A_) - gammaln(ni + A_)
        total += sum(gammaln(n[i, k] + alpha[k]) - gammaln(alpha[k]) for k in range(K))
    return total


row(
    "dirichlet_multinomial_loglik",
    r"\sum_{i} \left[ \log \Gamma\left(\sum_k \alpha_k\right) - \log \Gamma\left(\sum_k n_{ik} + \sum_k \alpha_k\right) + \sum_k \left( \log \Gamma(n_{ik} + \alpha_k) - \log \Gamma(\alpha_k) \right) \right]",
    "n: matrix[m, K]; alpha: vector[K]; i, k: index",
    {"n": Nd.tolist(), "alpha": ad},
    dm_ll,
    wrt="alpha",
    source="log-likelihood of count vectors under the Dirichlet-multinomial (Polya) distribution (Minka, Estimating a Dirichlet distribution, 2000, the Polya distribution section), n_i = sum_k n_ik",
)
nv = [2.0, 0.0, 3.0]


def dm_pmf(n, alpha, N, A):
    K = len(n)
    coef = math.gamma(N + 1) / math.prod(math.gamma(n[k] + 1) for k in range(K))
    return (
        coef
        * math.gamma(A)
        / math.gamma(N + A)
        * math.prod(math.gamma(n[k] + alpha[k]) / math.gamma(alpha[k]) for k in range(K))
    )


row(
    "dirichlet_multinomial_pmf",
    r"\Pr(\mathbf{n} \mid \boldsymbol{\alpha}) = \frac{N!}{\prod_{k=1}^{K} n_k!} \frac{\Gamma(A)}{\Gamma(N + A)} \prod_{k=1}^{K} \frac{\Gamma(n_k + \alpha_k)}{\Gamma(\alpha_k)}",
    "n, alpha: vector[K]; N, A: scalar, positive; k: index",
    {"n": nv, "alpha": ad, "N": 5.0, "A": 3.4},
    dm_pmf,
    source="Dirichlet-multinomial probability mass function (Mosimann, 1962; Johnson, Kotz and Balakrishnan, Discrete Multivariate Distributions, Ch. 35), N = sum_k n_k, A = sum_k alpha_k",
)


def dm_var(N, alpha, A):
    return np.array([N * a / A * (1 - a / A) * (N + A) / (1 + A) for a in alpha])


row(
    "dirichlet_multinomial_variance",
    r"\operatorname{Var}(n_k) = N \frac{\alpha_k}{A} \left(1 - \frac{\alpha_k}{A}\right) \frac{N + A}{1 + A}",
    "alpha: vector[K]; N, A: scalar, positive; k: index",
    {"alpha": ad, "N": 5.0, "A": 3.4},
    dm_var,
    source="variance of each count of the Dirichlet-multinomial (Mosimann, 1962), A = sum_k alpha_k",
)


def hurdle(y, pi, **k):
    lam = k["lambda"]
    return (1 - pi) * lam**y * math.exp(-lam) / (math.gamma(y + 1) * (1 - math.exp(-lam)))


row(
    "hurdle_poisson_positive",
    r"\Pr(Y = y) = (1 - \pi) \frac{\lambda^{y} e^{-\lambda}}{y! \, (1 - e^{-\lambda})}",
    "y: scalar, integer, positive; pi: scalar, unit; lambda: scalar, positive",
    {"y": 2.0, "pi": 0.35, "lambda": 1.4},
    hurdle,
    wrt="lambda",
    source="Poisson hurdle model for a positive count, one minus the zero probability times a zero-truncated Poisson (Mullahy, 1986; Cameron and Trivedi, 2013, Ch. 4, hurdle models)",
)
yt = [1.0, 3.0, 2.0, 1.0, 4.0]


def truncated_ll(y, **k):
    lam = k["lambda"]
    return sum(
        y[i] * math.log(lam) - lam - math.log(1 - math.exp(-lam)) - math.lgamma(y[i] + 1)
        for i in range(len(y))
    )


row(
    "zero_truncated_poisson_loglik",
    r"\sum_{i=1}^{n} \left[ y_i \log \lambda - \lambda - \log\left(1 - e^{-\lambda}\right) - \log y_i! \right]",
    "y: vector[n]; lambda: scalar, positive; i: index",
    {"y": yt, "lambda": 1.7},
    truncated_ll,
    wrt="lambda",
    source="log-likelihood of the zero-truncated Poisson (Cameron and Trivedi, 2013, Ch. 4, truncated counts)",
)
yd = [2.0, 1.0, 4.0, 3.0, 1.0]
mud = [1.6, 1.3, 3.1, 3.5, 0.9]
row(
    "poisson_deviance",
    r"D = 2 \sum_{i=1}^{n} \left[ y_i \log\left(\frac{y_i}{\hat{\mu}_i}\right) - (y_i - \hat{\mu}_i) \right]",
    r"y, \hat{\mu}: vector[n]; i: index",
    {"y": yd, "mu_hat": mud},
    lambda y, mu_hat: (
        2 * sum(y[i] * math.log(y[i] / mu_hat[i]) - (y[i] - mu_hat[i]) for i in range(len(y)))
    ),
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="deviance of a Poisson model (McCullagh and Nelder, Generalized Linear Models, 2nd ed., 1989, Sec. 2.3, Table 2.1)",
)
row(
    "pearson_dispersion",
    r"\hat{\phi} = \frac{1}{n - p} \sum_{i=1}^{n} \frac{(y_i - \hat{\mu}_i)^2}{\hat{\mu}_i}",
    r"y, \hat{\mu}: vector[n]; p: scalar, integer, positive; i: index",
    {"y": yd, "mu_hat": mud, "p": 2.0},
    lambda y, mu_hat, p: (
        sum((y[i] - mu_hat[i]) ** 2 / mu_hat[i] for i in range(len(y))) / (len(y) - p)
    ),
    wrt=r"\hat{\mu}",
    key="mu_hat",
    source="Pearson estimate of the dispersion of a quasi-Poisson model (McCullagh and Nelder, 1989, Sec. 4.5), p the number of coefficients",
)


def gen_poisson(x, theta, **k):
    lam = k["lambda"]
    return theta * (theta + lam * x) ** (x - 1) * math.exp(-theta - lam * x) / math.gamma(x + 1)


row(
    "generalized_poisson_pmf",
    r"P(X = x) = \frac{\theta (\theta + \lambda x)^{x - 1} e^{-\theta - \lambda x}}{x!}",
    "x: scalar, integer, nonnegative; theta: scalar, positive; lambda: scalar, unit",
    {"x": 3.0, "theta": 1.6, "lambda": 0.25},
    gen_poisson,
    wrt="theta",
    source="generalized Poisson distribution (Consul and Jain, 1973)",
)


def com_poisson(y, nu, **k):
    lam = k["lambda"]
    Z = sum(lam**j / math.gamma(j + 1) ** nu for j in range(120))
    return lam**y / math.gamma(y + 1) ** nu / Z


row(
    "conway_maxwell_poisson_pmf",
    r"P(Y = y) = \frac{\lambda^{y}}{(y!)^{\nu}} \frac{1}{\sum_{j=0}^{\infty} \frac{\lambda^{j}}{(j!)^{\nu}}}",
    "y: scalar, integer, nonnegative; lambda, nu: scalar, positive; j: index",
    {"y": 2.0, "lambda": 2.5, "nu": 1.3},
    com_poisson,
    wrt="nu",
    source="Conway-Maxwell-Poisson distribution with its normalizing series Z(lambda, nu) written in (Shmueli et al., 2005, Sec. 2)",
    note="the reference sums the series to j = 119, where its terms are below 1e-150",
)


def zinb_zero(pi, r, mu):
    return pi + (1 - pi) * (r / (r + mu)) ** r


row(
    "zinb_zero_probability",
    r"\Pr(y = 0) = \pi + (1 - \pi) \left( \frac{r}{r + \mu} \right)^{r}",
    "pi: scalar, unit; r, mu: scalar, positive",
    {"pi": 0.2, "r": 1.7, "mu": 2.4},
    zinb_zero,
    wrt="mu",
    source="probability of a zero under the zero-inflated negative binomial (Greene, 1994; Hilbe, 2011, Ch. 11), r = 1 / alpha",
)


def gamma_poisson(y, alpha, beta):
    def integrand(lam):
        return (
            lam**y
            * math.exp(-lam)
            / math.gamma(y + 1)
            * beta**alpha
            / math.gamma(alpha)
            * lam ** (alpha - 1)
            * math.exp(-beta * lam)
        )

    numeric = quad(integrand, 0, np.inf, epsabs=1e-14, epsrel=1e-13)[0]
    closed = math.exp(
        gammaln(y + alpha)
        - gammaln(alpha)
        - gammaln(y + 1)
        + alpha * math.log(beta / (1 + beta))
        - y * math.log(1 + beta)
    )
    assert abs(numeric - closed) < 1e-12, (numeric, closed)
    return closed


row(
    "gamma_poisson_mixture",
    r"\int_0^{\infty} \frac{\lambda^{y} e^{-\lambda}}{y!} \frac{\beta^{\alpha}}{\Gamma(\alpha)} \lambda^{\alpha - 1} e^{-\beta \lambda} \, d\lambda",
    "y: scalar, integer, nonnegative; alpha, beta: scalar, positive",
    {"y": 2.0, "alpha": 2.5, "beta": 1.2},
    gamma_poisson,
    source="negative binomial as a gamma mixture of Poissons (Greenwood and Yule, 1920; Cameron and Trivedi, 2013, Ch. 4, mixture models), reference by the closed form checked by quadrature",
)

if __name__ == "__main__":
    A.write()
