"""Energy-based models, score matching, diffusion models and mixture density networks (NumPy
references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, softmax, spd

A = Area("ebm")
row = A.row

v4 = [1.0, 0.0, 1.0, 1.0]
h3 = [0.0, 1.0, 1.0]
a4, b3 = rnd(1800, 4), rnd(1801, 3)
w43 = rnd(1802, 4, 3)


def rbm_energy(v, h, a, b, w):
    n, m = len(v), len(h)
    return (
        -sum(a[i] * v[i] for i in range(n))
        - sum(b[j] * h[j] for j in range(m))
        - sum(v[i] * h[j] * w[i, j] for i in range(n) for j in range(m))
    )


row(
    "rbm_energy_sums",
    r"E(\mathbf{v}, \mathbf{h}) = -\sum_{i} a_i v_i - \sum_{j} b_j h_j - \sum_{i,j} v_i h_j w_{ij}",
    "v, a: vector[n]; h, b: vector[m]; w: matrix[n, m]; i, j: index",
    {"v": v4, "h": h3, "a": a4, "b": b3, "w": w43},
    rbm_energy,
    wrt="w",
    source="energy of a binary RBM (Hinton, 2010, A Practical Guide to Training RBMs, Eq. 1)",
)
W34 = rnd(1803, 3, 4)
c3 = rnd(1804, 3)
row(
    "rbm_energy_matrix",
    r"-b^\top x - c^\top h - h^\top W x",
    "x, b: vector[n]; h, c: vector[m]; W: matrix[m, n]",
    {"x": v4, "h": h3, "b": a4, "c": c3, "W": W34},
    lambda x, h, b, c, W: float(-b @ x - c @ h - h @ W @ x),
    source="RBM energy in matrix form (Bengio, 2009, Learning Deep Architectures for AI, Sec. 5.3)",
)


def free_energy(x, b, c, W):
    return -float(b @ x) - sum(
        math.log(1 + math.exp(c[i] + float(W[i] @ x))) for i in range(len(c))
    )


row(
    "rbm_free_energy",
    r"-b^\top x - \sum_{i} \log\left(1 + e^{c_i + W_i x}\right)",
    "x, b: vector[n]; c: vector[m]; W: matrix[m, n]; i: index",
    {"x": v4, "b": a4, "c": c3, "W": W34},
    free_energy,
    wrt="W",
    source="free energy of a binary RBM (Bengio, 2009, Sec. 5.3.1), W_i the i-th row of W",
)
row(
    "rbm_hidden_conditional",
    r"p(h_j = 1 \mid \mathbf{v}) = \sigma\left(b_j + \sum_{i} v_i w_{ij}\right)",
    "v: vector[n]; b: vector[m]; w: matrix[n, m]; i, j: index",
    {"v": v4, "b": b3, "w": w43},
    lambda v, b, w: np.asarray(
        [sigmoid(b[j] + sum(v[i] * w[i, j] for i in range(len(v)))) for j in range(len(b))]
    ),
    source="hidden unit activation probability (Hinton, 2010, Eq. 7)",
)
Th = np.asarray(rnd(1805, 4, 4))
Th = ((Th + Th.T) / 2).tolist()
Vh = rnd(1806, 4)


def hopfield(T, V):
    n = len(V)
    return -0.5 * sum(T[i, j] * V[i] * V[j] for i in range(n) for j in range(n) if i != j)


row(
    "hopfield_energy",
    r"E = -\frac{1}{2} \sum_{i \neq j} T_{ij} V_i V_j",
    "T: symmetric[n]; V: vector[n]; i, j: index",
    {"T": Th, "V": Vh},
    hopfield,
    wrt="V",
    source="Hopfield network energy (Hopfield, 1982, Eq. 7)",
    note="T has a nonzero diagonal here; the sum leaves out i = j",
)
Xh = rnd(1807, 4, 2)
Mh = spd(1808, 2)
muh = rnd(1809, 2)


def hyvarinen(X, M, mu):
    T, n = X.shape
    s = 0.0
    for t in range(T):
        d = X[t] - mu
        s += -sum(M[i, i] for i in range(n)) + 0.5 * float(d @ M @ M @ d)
    return s / T


row(
    "score_matching_gaussian",
    r"\frac{1}{T} \sum_{t=1}^{T} \left[ -\sum_{i=1}^{n} M_{ii} + \frac{1}{2} (x_t - \mu)^\top M M (x_t - \mu) \right]",
    "X: matrix[T, n]; x_t: row[X]; M: matrix[n, n]; mu: vector[n]; i, t: index",
    {"X": Xh, "M": Mh, "mu": muh},
    hyvarinen,
    wrt="mu",
    source="score matching objective for a multivariate Gaussian (Hyvarinen, 2005, Sec. 3.1), x_t the t-th sample",
)
xf = rnd(1810, 5, lo=-1.5, hi=1.5)


def fisher_mc(x, mu_1, mu_2, sigma_1, sigma_2):
    N = len(x)
    return sum(
        (-(x[i] - mu_1) / sigma_1**2 + (x[i] - mu_2) / sigma_2**2) ** 2 for i in range(N)
    ) / (2 * N)


row(
    "fisher_divergence_samples",
    r"\frac{1}{2N} \sum_{i=1}^{N} \left( -\frac{x_i - \mu_1}{\sigma_1^2} + \frac{x_i - \mu_2}{\sigma_2^2} \right)^2",
    "x: vector[N]; mu_1, mu_2: scalar; sigma_1, sigma_2: scalar, positive; i: index",
    {"x": xf, "mu_1": 0.2, "mu_2": -0.4, "sigma_1": 0.9, "sigma_2": 1.3},
    fisher_mc,
    wrt="mu_2",
    source="Fisher divergence 1/2 E_p ||grad log p - grad log q||^2 (Hyvarinen, 2005, Eq. 2; Lyu, 2009) between N(mu_1, sigma_1^2) and N(mu_2, sigma_2^2), Monte Carlo over samples x_i from p",
)
GH_NODES, GH_WEIGHTS = np.polynomial.hermite_e.hermegauss(6)


def fisher_exact(mu_1, mu_2, sigma_1, sigma_2):
    # the expectation under p = N(mu_1, sigma_1^2) by Gauss-Hermite quadrature (exact for the
    # quadratic integrand), from the definition, not the closed form
    x = mu_1 + sigma_1 * GH_NODES
    diff = -(x - mu_1) / sigma_1**2 + (x - mu_2) / sigma_2**2
    return 0.5 * float(np.sum(GH_WEIGHTS * diff**2) / math.sqrt(2 * math.pi))


row(
    "fisher_divergence_gaussians",
    r"\frac{1}{2} \left[ \sigma_1^2 \left( \frac{1}{\sigma_2^2} - \frac{1}{\sigma_1^2} \right)^2 + \frac{(\mu_1 - \mu_2)^2}{\sigma_2^4} \right]",
    "mu_1, mu_2: scalar; sigma_1, sigma_2: scalar, positive",
    {"mu_1": 0.2, "mu_2": -0.4, "sigma_1": 0.9, "sigma_2": 1.3},
    fisher_exact,
    wrt="sigma_2",
    source="Fisher divergence between N(mu_1, sigma_1^2) and N(mu_2, sigma_2^2) in closed form (from Hyvarinen, 2005, Eq. 2); the reference integrates the definition by quadrature",
)
xd, xtd, bd = rnd(1811, 3), rnd(1812, 3), rnd(1813, 3)
Wd = rnd(1814, 3, 3)
row(
    "denoising_score_matching",
    r"\frac{1}{2} \left\| W \tilde{x} + b - \frac{1}{\sigma^2} (x - \tilde{x}) \right\|^2",
    r"x, \tilde{x}, b: vector[d]; W: matrix[d, d]; sigma: scalar, positive",
    {"x": xd, "x_tilde": xtd, "b": bd, "W": Wd, "sigma": 0.5},
    lambda x, x_tilde, b, W, sigma: (
        0.5 * float(np.sum((W @ x_tilde + b - (x - x_tilde) / sigma**2) ** 2))
    ),
    wrt="W",
    source="denoising score matching with a Gaussian kernel (Vincent, 2011, Sec. 4.2, J_DSM) for one pair, linear score psi(x~) = W x~ + b",
)
sL = rnd(1815, 3)
xtL = rnd(1816, 3)
sigL = [1.0, 0.5, 0.25]


def ncsn(s, x_tilde, sigma, x):
    L = len(s)
    return (
        sum(0.5 * sigma[i] ** 2 * (s[i] + (x_tilde[i] - x) / sigma[i] ** 2) ** 2 for i in range(L))
        / L
    )


row(
    "ncsn_weighted_loss",
    r"\frac{1}{L} \sum_{i=1}^{L} \frac{1}{2} \sigma_i^2 \left( s_i + \frac{\tilde{x}_i - x}{\sigma_i^2} \right)^2",
    r"s, \tilde{x}: vector[L]; sigma: vector[L], positive; x: scalar; i: index",
    {"s": sL, "x_tilde": xtL, "sigma": sigL, "x": 0.3},
    ncsn,
    wrt="s",
    source="noise conditional score network objective with lambda(sigma) = sigma^2 (Song and Ermon, 2019, Eq. 5-6), one-dimensional data, s_i = s_theta(x~_i, sigma_i)",
)
eps_d, x0_d = rnd(1817, 3), rnd(1818, 3)
Wdd = rnd(1819, 3, 3)


def ddpm_simple(epsilon, x_0, W, alpha_bar_t):
    inp = math.sqrt(alpha_bar_t) * x_0 + math.sqrt(1 - alpha_bar_t) * epsilon
    return float(np.sum((epsilon - W @ inp) ** 2))


row(
    "ddpm_simple_loss",
    r"\left\| \epsilon - W \left( \sqrt{\bar{\alpha}_t} x_0 + \sqrt{1 - \bar{\alpha}_t} \, \epsilon \right) \right\|^2",
    r"epsilon, x_0: vector[d]; W: matrix[d, d]; \bar{\alpha}_t: scalar, unit",
    {"epsilon": eps_d, "x_0": x0_d, "W": Wdd, "alpha_bar_t": 0.64},
    ddpm_simple,
    wrt="W",
    source="simplified DDPM objective (Ho, Jain and Abbeel, 2020, Eq. 14) with a linear noise predictor epsilon_theta(x, t) = W x",
)
alpha_t = 0.9
abar_prev = 0.8
abar_t = abar_prev * alpha_t
xt_d = rnd(1820, 3)
sched = {
    "alpha_bar_t": abar_t,
    "alpha_bar_t_minus_1": abar_prev,
    "alpha_t": alpha_t,
    "beta_t": 1 - alpha_t,
}


def posterior_mean(x_0, x_t, alpha_bar_t, alpha_bar_t_minus_1, alpha_t, beta_t):
    return (
        math.sqrt(alpha_bar_t_minus_1) * beta_t / (1 - alpha_bar_t) * x_0
        + math.sqrt(alpha_t) * (1 - alpha_bar_t_minus_1) / (1 - alpha_bar_t) * x_t
    )


row(
    "ddpm_posterior_mean",
    r"\tilde{\mu}_t = \frac{\sqrt{\bar{\alpha}_{t-1}} \beta_t}{1 - \bar{\alpha}_t} x_0 + \frac{\sqrt{\alpha_t} (1 - \bar{\alpha}_{t-1})}{1 - \bar{\alpha}_t} x_t",
    r"x_0, x_t: vector[d]; \bar{\alpha}_t, \bar{\alpha}_{t-1}, alpha_t, beta_t: scalar, unit",
    {"x_0": x0_d, "x_t": xt_d, **sched},
    posterior_mean,
    source="mean of the forward process posterior q(x_{t-1} | x_t, x_0) (Ho, Jain and Abbeel, 2020, Eq. 7)",
)
row(
    "ddpm_posterior_variance",
    r"\tilde{\beta}_t = \frac{1 - \bar{\alpha}_{t-1}}{1 - \bar{\alpha}_t} \beta_t",
    r"\bar{\alpha}_t, \bar{\alpha}_{t-1}, beta_t: scalar, unit",
    {k: sched[k] for k in ("alpha_bar_t", "alpha_bar_t_minus_1", "beta_t")},
    lambda alpha_bar_t, alpha_bar_t_minus_1, beta_t: (
        (1 - alpha_bar_t_minus_1) / (1 - alpha_bar_t) * beta_t
    ),
    wrt=r"\bar{\alpha}_t",
    key="alpha_bar_t",
    source="variance of the forward process posterior (Ho, Jain and Abbeel, 2020, Eq. 7)",
)
row(
    "ddpm_reverse_mean",
    r"\frac{1}{\sqrt{\alpha_t}} \left( x_t - \frac{\beta_t}{\sqrt{1 - \bar{\alpha}_t}} \epsilon_\theta \right)",
    r"x_t, \epsilon_\theta: vector[d]; alpha_t, beta_t, \bar{\alpha}_t: scalar, unit",
    {
        "x_t": xt_d,
        "epsilon_theta": eps_d,
        "alpha_t": alpha_t,
        "beta_t": 1 - alpha_t,
        "alpha_bar_t": abar_t,
    },
    lambda x_t, epsilon_theta, alpha_t, beta_t, alpha_bar_t: (
        (x_t - beta_t / math.sqrt(1 - alpha_bar_t) * epsilon_theta) / math.sqrt(alpha_t)
    ),
    source="mean of the reverse step in the epsilon parameterization (Ho, Jain and Abbeel, 2020, Eq. 11)",
)
xg, mug, zg = rnd(1821, 2), rnd(1822, 2), rnd(1823, 2)
Sg = spd(1824, 2, jitter=1.0)
row(
    "langevin_step_gaussian",
    r"x + \frac{\epsilon}{2} \nabla_{x} \left( -\frac{1}{2} (x - \mu)^\top \Sigma^{-1} (x - \mu) \right) + \sqrt{\epsilon} \, z",
    r"x, mu, z: vector[d]; \Sigma: spd[d]; epsilon: scalar, positive",
    {"x": xg, "mu": mug, "z": zg, "Sigma": Sg, "epsilon": 0.01},
    lambda x, mu, z, Sigma, epsilon: (
        x - epsilon / 2 * np.linalg.solve(Sigma, x - mu) + math.sqrt(epsilon) * z
    ),
    source="Langevin dynamics step (Song and Ermon, 2019, Eq. 4; Welling and Teh, 2011) for a Gaussian log-density up to its constant",
)
alm = simplex(1825, 3)
sgm = rnd(1826, 3, lo=0.4, hi=1.2)
tm = rnd(1827, 2)
Mm = rnd(1828, 3, 2)


def mdn_nll(alpha, sigma, t, M):
    c = len(t)
    s = sum(
        alpha[i]
        / ((2 * math.pi) ** (c / 2) * sigma[i] ** c)
        * math.exp(-float(np.sum((t - M[i]) ** 2)) / (2 * sigma[i] ** 2))
        for i in range(len(alpha))
    )
    return -math.log(s)


row(
    "mdn_negative_log_likelihood",
    r"-\log \sum_{i=1}^{m} \alpha_i \frac{1}{(2\pi)^{c/2} \sigma_i^{c}} \exp\left\{ -\frac{\|t - \mu_i\|^2}{2 \sigma_i^2} \right\}",
    "alpha: simplex[m]; sigma: vector[m], positive; t: vector[c]; M: matrix[m, c]; mu_i: row[M]; i: index; c: dim",
    {"alpha": alm, "sigma": sgm, "t": tm, "M": Mm},
    mdn_nll,
    wrt="sigma",
    source="mixture density network error for one pattern (Bishop, 1994, Eq. 23 and 29), mu_i the i-th centre",
)
zal = rnd(1829, 3, lo=-1, hi=1)
row(
    "mdn_mixing_coefficients",
    r"\alpha_i = \frac{\exp(z_i^{\alpha})}{\sum_{j=1}^{m} \exp(z_j^{\alpha})}",
    r"z^{\alpha}: vector[m]; i, j: index",
    {"z_sup_alpha": zal},
    lambda z_sup_alpha: softmax(z_sup_alpha),
    source="mixing coefficients from the network outputs z^alpha (Bishop, 1994, Eq. 25)",
)
xn = rnd(1830, 4, lo=-1.5, hi=1.5)
yn = rnd(1831, 4, lo=-3.0, hi=3.0)


def nce(x, y, c, nu):
    def G(u):
        return -(u**2) / 2 + c + u**2 / (2 * nu**2) + math.log(math.sqrt(2 * math.pi) * nu)

    T = len(x)
    return sum(math.log(sigmoid(G(x[t]))) + math.log(1 - sigmoid(G(y[t]))) for t in range(T)) / (
        2 * T
    )


row(
    "nce_objective_gaussian",
    r"\frac{1}{2T} \sum_{t=1}^{T} \left[ \ln \sigma\left( c - \frac{x_t^2}{2} + \frac{x_t^2}{2 \nu^2} + \ln\left(\sqrt{2\pi} \, \nu\right) \right) + \ln\left( 1 - \sigma\left( c - \frac{y_t^2}{2} + \frac{y_t^2}{2 \nu^2} + \ln\left(\sqrt{2\pi} \, \nu\right) \right) \right) \right]",
    "x, y: vector[T]; c: scalar; nu: scalar, positive; t: index; T: dim",
    {"x": xn, "y": yn, "c": -0.9, "nu": 2.0},
    nce,
    wrt="c",
    source="noise-contrastive estimation objective J_T (Gutmann and Hyvarinen, 2010, Eq. 3) with G(u) = ln p_m(u) - ln p_n(u), model ln p_m = -u^2/2 + c, noise N(0, nu^2)",
)

if __name__ == "__main__":
    A.write()
