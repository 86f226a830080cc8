"""Evolution strategies and black-box optimization: the antithetic ES gradient estimator,
centered-rank and NES utility fitness shaping, CMA-ES's recombination weights, variance-effective
selection mass, weighted mean, rank-mu covariance update and step-size control, the Gaussian's
log-density, its covariance log-derivative and the NES search gradient, SPSA's simultaneous
perturbation estimate and gains, the cross-entropy method's elite mean, and the one-fifth success
rule (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd
from scipy.special import gammaln

A = Area("es")
row = A.row


Fp_es = rnd(6403, 4, lo=-2.0, hi=2.0)
Fm_es = rnd(6404, 4, lo=-2.0, hi=2.0)
E2_es = rnd(6405, 4, 3)


def antithetic(F_sup_plus, F_sup_minus, E, sigma, n):
    n = int(n)
    return sum((F_sup_plus[i] - F_sup_minus[i]) * E[i] for i in range(n)) / (2 * sigma * n)


row(
    "es_antithetic_estimator",
    r"\hat{g} = \frac{1}{2 \sigma n} \sum_{i=1}^{n} \left( F_i^{+} - F_i^{-} \right) \epsilon_i",
    r"F^{+}, F^{-}: vector[n]; E: matrix[n, d]; \epsilon_i: row[E]; \sigma: scalar, positive; n: dim; i: index",
    {"F_sup_plus": Fp_es, "F_sup_minus": Fm_es, "E": E2_es, "sigma": 0.1, "n": 4},
    antithetic,
    source="gradient estimate with mirrored (antithetic) sampling of the pairs epsilon, -epsilon (Salimans, Ho, Chen, Sidor and Sutskever, 2017, Evolution Strategies as a Scalable Alternative to Reinforcement Learning, Sec. 2.2; Sehnke et al., 2010, Parameter-Exploring Policy Gradients)",
    note="F_i^+ = F(theta + sigma epsilon_i) and F_i^- = F(theta - sigma epsilon_i), the entries of F^+ and F^- (the table cannot declare a function's values); epsilon_i the rows of E",
)
F_cr = [0.3, -1.2, 2.5, 0.9, -0.4]


def centered_ranks(F):
    n = len(F)
    return np.array([sum(1.0 for j in range(n) if F[j] < F[i]) / (n - 1) - 0.5 for i in range(n)])


row(
    "centered_rank_transform",
    r"\tilde{F}_i = \frac{1}{n - 1} \sum_{j=1}^{n} \mathbb{1}\left[ F_j < F_i \right] - \frac{1}{2}",
    "F: vector[n]; n: dim; i, j: index",
    {"F": F_cr, "n": 5},
    lambda F, n: centered_ranks(F),
    source="the rank transformation of the returns into [-0.5, 0.5] used as fitness shaping (Salimans et al., 2017, Sec. 2.2 and the authors' centered_ranks)",
    note="(rank(F_i) - 1) / (n - 1) - 1/2 with rank(F_i) = 1 + the number of smaller returns (no ties); the result is the vector over i",
)


def nes_utilities(lam):
    lam = int(lam)
    raw = [max(0.0, math.log(lam / 2 + 1) - math.log(k)) for k in range(1, lam + 1)]
    return np.array([r / sum(raw) - 1 / lam for r in raw])


row(
    "nes_fitness_shaping_utilities",
    r"u_k = \frac{\max\left(0, \log(\frac{\lambda}{2} + 1) - \log(k)\right)}{\sum_{j=1}^{\lambda} \max\left(0, \log(\frac{\lambda}{2} + 1) - \log(j)\right)} - \frac{1}{\lambda}",
    r"\lambda: scalar, integer, positive; k, j: index",
    {"lambda": 6.0},
    lambda **k: nes_utilities(k["lambda"]),
    source="the rank-based utility values of natural evolution strategies for the k-th best of lambda samples (Wierstra, Schaul, Glasmachers, Sun, Peters and Schmidhuber, 2014, Natural Evolution Strategies, Sec. 3.1)",
    note="the result is the vector over the ranks k = 1, ..., lambda",
)


def cma_weights(lam, mu):
    raw = [math.log((lam + 1) / 2) - math.log(i) for i in range(1, int(mu) + 1)]
    return np.array(raw) / sum(raw)


row(
    "cmaes_recombination_weights",
    r"w_i = \frac{\ln \frac{\lambda + 1}{2} - \ln i}{\sum_{j=1}^{\mu} \left( \ln \frac{\lambda + 1}{2} - \ln j \right)}",
    r"\lambda, \mu: scalar, integer, positive; i, j: index",
    {"lambda": 8.0, "mu": 4.0},
    lambda mu, **k: cma_weights(k["lambda"], mu),
    source="positive recombination weights of the mu best of lambda offspring, normalized to sum to one (Hansen, 2016, The CMA Evolution Strategy: A Tutorial, Eq. 49 and Table 1)",
    note="i = 1, ..., mu with mu = floor(lambda / 2); the result is the vector over i",
)
w_cma = cma_weights(8, 4).round(4).tolist()
row(
    "cmaes_mu_eff",
    r"\mu_{\mathrm{eff}} = \left( \frac{\|w\|_1}{\|w\|_2} \right)^2",
    r"w: vector[\mu]",
    {"w": w_cma},
    lambda w: float(np.sum(np.abs(w)) ** 2 / np.sum(w**2)),
    wrt="w",
    source="the variance effective selection mass of the recombination weights (Hansen, 2016, Eq. 8)",
)
m_cma = rnd(6406, 3)
Y_cma = rnd(6407, 4, 3)
X_cma = (np.asarray(m_cma) + 0.5 * np.asarray(Y_cma)).round(3).tolist()


def cma_mean(m_sup_g, X, w, c_m):
    return m_sup_g + c_m * sum(w[i] * (X[i] - m_sup_g) for i in range(len(w)))


row(
    "cmaes_weighted_mean",
    r"m^{(g+1)} = m^{(g)} + c_m \sum_{i=1}^{\mu} w_i \left( x_{i:\lambda}^{(g+1)} - m^{(g)} \right)",
    r"m^{(g)}: vector[n]; X: matrix[\mu, n]; w: vector[\mu]; c_m: scalar, positive; i: index",
    {"m_sup_g": m_cma, "X": X_cma, "w": w_cma, "c_m": 1.0},
    cma_mean,
    source="the CMA-ES mean update towards the weighted average of the mu best offspring (Hansen, 2016, Eq. 41)",
    note="x_{i:lambda}^{(g+1)} the i-th best of the lambda offspring, the rows of X in order of fitness (the table cannot declare the ranked family)",
)
row(
    "cmaes_rank_mu_update",
    r"C^{(g+1)} = (1 - c_\mu) C^{(g)} + c_\mu \sum_{i=1}^{\mu} w_i \, y_{i:\lambda}^{(g+1)} \left( y_{i:\lambda}^{(g+1)} \right)^{\top}",
    r"C^{(g)}: spd[n]; Y: matrix[\mu, n]; w: vector[\mu]; c_\mu: scalar, unit; i: index",
    {"C_sup_g": spd(6408, 3), "Y": Y_cma, "w": w_cma, "c_mu": 0.3},
    lambda C_sup_g, Y, w, c_mu: (
        (1 - c_mu) * C_sup_g + c_mu * sum(w[i] * np.outer(Y[i], Y[i]) for i in range(len(w)))
    ),
    source="the rank-mu update of the covariance matrix, y_{i:lambda} = (x_{i:lambda} - m^{(g)}) / sigma^{(g)} (Hansen, 2016, Eq. 30)",
    note="y_{i:lambda}^{(g+1)} the i-th best selected step, the rows of Y in order of fitness",
)


ps_g = rnd(6411, 4)


def csa(sigma_sup_g, c_sigma, d_sigma, p_sigma_sup_g_plus_1, n):
    chi = math.sqrt(2) * math.exp(gammaln((n + 1) / 2) - gammaln(n / 2))
    return sigma_sup_g * math.exp(
        c_sigma / d_sigma * (np.linalg.norm(p_sigma_sup_g_plus_1) / chi - 1)
    )


row(
    "cmaes_step_size_control",
    r"\sigma^{(g+1)} = \sigma^{(g)} \exp\left( \frac{c_\sigma}{d_\sigma} \left( \frac{\|p_\sigma^{(g+1)}\|}{\sqrt{2} \, \Gamma\left(\frac{n+1}{2}\right) / \Gamma\left(\frac{n}{2}\right)} - 1 \right) \right)",
    r"\sigma^{(g)}, c_\sigma, d_\sigma: scalar, positive; p_\sigma^{(g+1)}: vector[n]; n: dim",
    {
        "sigma_sup_g": 0.5,
        "c_sigma": 0.3,
        "d_sigma": 1.3,
        "p_sigma_sup_g_plus_1": ps_g,
        "n": 4,
    },
    csa,
    wrt=r"p_\sigma^{(g+1)}",
    key="p_sigma_sup_g_plus_1",
    source="cumulative step-size adaptation, comparing the length of the conjugate evolution path with E||N(0, I)|| = sqrt(2) Gamma((n+1)/2) / Gamma(n/2) (Hansen, 2016, Eq. 44 and footnote on E||N(0, I)||)",
)
z_nes = rnd(6412, 3)
mu_nes = rnd(6413, 3)
S_nes = spd(6414, 3)


def gauss_logpdf(z, mu, Sigma):
    d = len(z)
    r = z - mu
    return float(
        -d / 2 * math.log(2 * math.pi)
        - 0.5 * math.log(np.linalg.det(Sigma))
        - 0.5 * r @ np.linalg.solve(Sigma, r)
    )


row(
    "nes_gaussian_log_density",
    r"\log \pi(\mathbf{z} \mid \theta) = -\frac{d}{2} \log(2\pi) - \frac{1}{2} \log \det \Sigma - \frac{1}{2} (\mathbf{z} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{z} - \boldsymbol{\mu})",
    r"z, \mu: vector[d]; \Sigma: spd[d]; d: dim",
    {"z": z_nes, "mu": mu_nes, "Sigma": S_nes, "d": 3},
    lambda z, mu, Sigma, d: gauss_logpdf(z, mu, Sigma),
    wrt=r"\Sigma",
    key="Sigma",
    source="log-density of the multivariate Gaussian search distribution with theta = (mu, Sigma) (Wierstra et al., 2014, Natural Evolution Strategies, Sec. 2.3)",
    note="the gradient treats the entries of Sigma as independent variables",
)
row(
    "nes_log_density_gradient_covariance",
    r"\nabla_{\Sigma} \log \pi(\mathbf{z} \mid \theta) = \frac{1}{2} \Sigma^{-1} (\mathbf{z} - \boldsymbol{\mu}) (\mathbf{z} - \boldsymbol{\mu})^\top \Sigma^{-1} - \frac{1}{2} \Sigma^{-1}",
    r"z, \mu: vector[d]; \Sigma: spd[d]",
    {"z": z_nes, "mu": mu_nes, "Sigma": S_nes},
    lambda z, mu, Sigma: (
        0.5 * np.linalg.inv(Sigma) @ np.outer(z - mu, z - mu) @ np.linalg.inv(Sigma)
        - 0.5 * np.linalg.inv(Sigma)
    ),
    source="gradient of the Gaussian log-density with respect to the covariance (Wierstra et al., 2014, Sec. 2.3)",
)
Z_nes = rnd(6415, 4, 3)
f_nes = rnd(6416, 4, lo=-1.0, hi=1.0)


def search_grad(f, Z, mu, Sigma, lam):
    lam = int(lam)
    return sum(f[k] * np.linalg.solve(Sigma, Z[k] - mu) for k in range(lam)) / lam


row(
    "nes_search_gradient_mean",
    r"\frac{1}{\lambda} \sum_{k=1}^{\lambda} f(\mathbf{z}_k) \, \Sigma^{-1} (\mathbf{z}_k - \boldsymbol{\mu})",
    r"f: vector[\lambda]; Z: matrix[\lambda, d]; z_k: row[Z]; \mu: vector[d]; \Sigma: spd[d]; \lambda: dim; k: index",
    {"f": f_nes, "Z": Z_nes, "mu": mu_nes, "Sigma": S_nes, "lambda": 4},
    lambda f, Z, mu, Sigma, **k: search_grad(f, Z, mu, Sigma, k["lambda"]),
    source="Monte Carlo search gradient of the expected fitness with respect to the mean from lambda samples (Wierstra et al., 2014, Eq. 2 with the log-derivative of Sec. 2.3)",
    note="f(z_k) the fitness of the k-th sample, the k-th entry of f; the paper writes grad_mu J ~ this estimate; the result is the vector",
)
D_sp = [1.0, -1.0, -1.0, 1.0]


def spsa(y_k_sup_plus, y_k_sup_minus, c_k, Delta_k):
    return (y_k_sup_plus - y_k_sup_minus) / (2 * c_k * Delta_k)


row(
    "spsa_gradient_estimate",
    r"\hat{g}_{ki}(\hat{\theta}_k) = \frac{y_k^{(+)} - y_k^{(-)}}{2 c_k \Delta_{ki}}",
    r"y_k^{(+)}, y_k^{(-)}: scalar; c_k: scalar, positive; \Delta_k: vector[p]",
    {"y_k_sup_plus": 1.37, "y_k_sup_minus": 1.12, "c_k": 0.05, "Delta_k": D_sp},
    spsa,
    source="simultaneous perturbation estimate of the i-th gradient component from two measurements (Spall, 1992, Multivariate Stochastic Approximation Using a Simultaneous Perturbation Gradient Approximation, Eq. 2.2)",
    note="y_k^(+) and y_k^(-) the two loss measurements y(theta-hat_k + c_k Delta_k) and y(theta-hat_k - c_k Delta_k), as Spall writes them in full; Delta_ki the i-th entry of the +/-1 perturbation Delta_k; the result is the vector over i",
)
row(
    "spsa_gain_sequence",
    r"a_k = \frac{a}{(A + k + 1)^{\alpha}}",
    r"a, A: scalar, positive; k: scalar, integer, nonnegative; \alpha: scalar, positive",
    {"a": 0.16, "A": 10.0, "k": 4.0, "alpha": 0.602},
    lambda a, A, k, alpha: a / (A + k + 1) ** alpha,
    wrt=r"\alpha",
    key="alpha",
    source="SPSA's step-size gain sequence with the stability constant A (Spall, 1998, Implementation of the Simultaneous Perturbation Algorithm for Stochastic Optimization, Sec. III)",
)
X_ce = [0.2, 1.4, -0.6, 0.9, 2.1, 0.3]
S_ce = [0.5, 2.2, -1.0, 1.6, 3.0, 0.7]


def cem_mean(S, X, gamma_hat):
    ind = [1.0 if S[i] >= gamma_hat else 0.0 for i in range(len(S))]
    return sum(ind[i] * X[i] for i in range(len(S))) / sum(ind)


row(
    "cem_elite_mean",
    r"\hat{\mu} = \frac{\sum_{i=1}^{N} \mathbb{1}\{S(X_i) \ge \hat{\gamma}\} X_i}{\sum_{i=1}^{N} \mathbb{1}\{S(X_i) \ge \hat{\gamma}\}}",
    r"S, X: vector[N]; \hat{\gamma}: scalar; i: index",
    {"S": S_ce, "X": X_ce, "gamma_hat": 1.5},
    cem_mean,
    wrt="X",
    source="the cross-entropy method's update of the mean of a normal sampling density from the elite samples (de Boer, Kroese, Mannor and Rubinstein, 2005, A Tutorial on the Cross-Entropy Method, Sec. 3, the normal updating formulas)",
    note="S(X_i) the performance of the i-th sample, the i-th entry of S; gamma-hat the (1 - rho) sample quantile of the performances",
)


row(
    "one_fifth_success_rule",
    r"\sigma \leftarrow \sigma \exp\left( \frac{1}{d} \frac{p_s - p_{\mathrm{target}}}{1 - p_{\mathrm{target}}} \right)",
    r"\sigma, d: scalar, positive; p_s, p_{\mathrm{target}}: scalar, unit",
    {"sigma": 0.3, "d": 2.0, "p_s": 0.35, "p_target": 0.2},
    lambda sigma, d, p_s, p_target: sigma * math.exp((p_s - p_target) / (d * (1 - p_target))),
    wrt="p_s",
    source="step-size control of the (1+1)-ES by the success rate, a smooth form of Rechenberg's one-fifth rule (Kern, Muller, Hansen, Buche, Ocenasek and Koumoutsakos, 2004, Learning Probability Distributions in Continuous Evolutionary Algorithms, Sec. 3.1; Igel, Suttorp and Hansen, 2007)",
    note="p_s the smoothed success probability, p_target = 1/5 in the rule's name",
)

if __name__ == "__main__":
    A.write()
