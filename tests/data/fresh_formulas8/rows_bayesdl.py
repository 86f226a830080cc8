"""Bayesian deep learning: Bayes by backprop's Gaussian KL with the softplus parametrisation and
its scale-mixture prior, the local reparameterization trick, MC dropout's predictive covariance
and log-likelihood, the Laplace approximation's evidence, SWAG's diagonal covariance, the deep
ensemble as a Gaussian mixture, BALD for a probit GP classifier and with MC dropout, the total
loss of deep evidential regression, the KL approximations of variational and sparse variational
dropout, and concrete dropout's relaxed Bernoulli mask (NumPy/SciPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, spd
from scipy.special import gammaln, logsumexp
from scipy.stats import norm

A = Area("bayesdl")
row = A.row

mu_b = rnd(8300, 5, lo=-0.5, hi=0.5)
rho_b = rnd(8301, 5, lo=-4.0, hi=-2.0)


def softplus(x):
    return math.log(1 + math.exp(x))


def bbb_kl(mu, rho, sigma_p):
    return float(
        sum(
            math.log(sigma_p / softplus(rho[i]))
            + (softplus(rho[i]) ** 2 + mu[i] ** 2) / (2 * sigma_p**2)
            - 0.5
            for i in range(len(mu))
        )
    )


row(
    "bayes_by_backprop_gaussian_kl",
    r"\mathrm{KL}\left[ q(\mathbf{w} \mid \theta) \,\|\, P(\mathbf{w}) \right] = \sum_{i=1}^{n} \left( \log \frac{\sigma_p}{\log(1 + \exp(\rho_i))} + \frac{\log^2(1 + \exp(\rho_i)) + \mu_i^2}{2 \sigma_p^2} - \frac{1}{2} \right)",
    r"\mu, \rho: vector[n]; \sigma_p: scalar, positive; i: index",
    {"mu": mu_b, "rho": rho_b, "sigma_p": 0.5},
    bbb_kl,
    wrt=r"\rho",
    key="rho",
    source="the complexity cost of Bayes by backprop for a diagonal Gaussian posterior with sigma = log(1 + exp(rho)) and a Gaussian prior N(0, sigma_p^2), the KL in closed form (Blundell, Cornebise, Kavukcuoglu and Wierstra, 2015, Weight Uncertainty in Neural Networks, Sec. 3.2; Kingma and Welling, 2014, Appendix B, for the Gaussian KL)",
    note="theta = (mu, rho); the paper estimates this term by Monte Carlo, here it is written in closed form",
)
w_b = rnd(8302, 5, lo=-0.3, hi=0.3)


def scale_mixture(w, sigma_1, sigma_2, pi):
    out = 1.0
    for j in range(len(w)):
        out *= pi * norm.pdf(w[j], 0, sigma_1) + (1 - pi) * norm.pdf(w[j], 0, sigma_2)
    return float(out)


row(
    "bayes_by_backprop_scale_mixture_prior",
    r"P(\mathbf{w}) = \prod_{j} \left( \pi \mathcal{N}(\mathbf{w}_j \mid 0, \sigma_1^2) + (1 - \pi) \mathcal{N}(\mathbf{w}_j \mid 0, \sigma_2^2) \right)",
    r"w: vector[n]; \pi: scalar, unit; \sigma_1, \sigma_2: scalar, positive; j: index",
    {"w": w_b, "pi": 0.25, "sigma_1": 1.0, "sigma_2": 0.1},
    scale_mixture,
    wrt="w",
    source="the scale mixture prior of Bayes by backprop, a two-component Gaussian mixture on every weight with sigma_1 > sigma_2 (Blundell, Cornebise, Kavukcuoglu and Wierstra, 2015, Weight Uncertainty in Neural Networks, Sec. 3.3, Eq. 7)",
    note="w_j the j-th weight; pi the mixture weight (a scalar, not the number); the paper writes the product without the parentheses that the sum needs",
)
a_lr = np.asarray(rnd(8303, 3, 4, lo=-1.0, hi=1.0))
mu_lr = np.asarray(rnd(8304, 4, 2, lo=-0.5, hi=0.5))
sg_lr = np.asarray(rnd(8305, 4, 2, lo=0.05, hi=0.3))
z_lr = np.asarray(rnd(8306, 3, 2, lo=-1.5, hi=1.5))


def local_reparam(a, mu, sigma, zeta):
    M, I = a.shape  # noqa: E741
    J = mu.shape[1]
    out = np.zeros((M, J))
    for m in range(M):
        for j in range(J):
            g = sum(a[m, i] * mu[i, j] for i in range(I))
            d = sum(a[m, i] ** 2 * sigma[i, j] ** 2 for i in range(I))
            out[m, j] = g + math.sqrt(d) * zeta[m, j]
    return out


row(
    "local_reparameterization_trick",
    r"b_{mj} = \sum_{i} a_{mi} \mu_{ij} + \sqrt{\sum_{i} a_{mi}^2 \sigma_{ij}^2} \, \zeta_{mj}",
    r"a: matrix[M, I]; \mu, \sigma: matrix[I, J]; \zeta: matrix[M, J]; m, i, j: index",
    {"a": a_lr.tolist(), "mu": mu_lr.tolist(), "sigma": sg_lr.tolist(), "zeta": z_lr.tolist()},
    local_reparam,
    source="the local reparameterization trick, sampling the pre-activations b = A W of a minibatch directly from their Gaussian marginal when W has a factorized Gaussian posterior, gamma_mj + sqrt(delta_mj) zeta_mj (Kingma, Salimans and Welling, 2015, Variational Dropout and the Local Reparameterization Trick, NIPS 28, Sec. 2.3)",
    note="a_mi the input features of example m, zeta_mj standard normal draws; the value is the matrix b",
)
Yh = np.asarray(rnd(8307, 6, 3, lo=-1.0, hi=1.5))


def mc_dropout_cov(Y_hat, tau, D):
    T = len(Y_hat)
    D = int(D)
    m = sum(Y_hat[t] for t in range(T)) / T
    return (
        np.eye(D) / tau + sum(np.outer(Y_hat[t], Y_hat[t]) for t in range(T)) / T - np.outer(m, m)
    )


row(
    "mc_dropout_predictive_covariance",
    r"\operatorname{Var}_{q}(\mathbf{y}^*) \approx \tau^{-1} \mathbf{I}_D + \frac{1}{T} \sum_{t=1}^{T} \hat{\mathbf{y}}_t^\mathrm{T} \hat{\mathbf{y}}_t - \left( \frac{1}{T} \sum_{t=1}^{T} \hat{\mathbf{y}}_t \right)^\mathrm{T} \left( \frac{1}{T} \sum_{t=1}^{T} \hat{\mathbf{y}}_t \right)",
    r"\hat{Y}: matrix[T, D]; \hat{y}_t: row[\hat{Y}]; \tau: scalar, positive; D: dim; t: index",
    {"Y_hat": Yh.tolist(), "tau": 4.0, "D": 3},
    mc_dropout_cov,
    source="the predictive covariance of a network with dropout at test time, by moment matching over T stochastic forward passes, plus the inverse model precision (Gal and Ghahramani, 2016, Dropout as a Bayesian Approximation: Representing Model Uncertainty in Deep Learning, ICML, Sec. 4)",
    note="y-hat_t = y-hat*(x*, W_1^t, ..., W_L^t) the output under the t-th dropout mask, a row vector as the paper writes it (so y-hat_t^T y-hat_t is D x D), the t-th row of Y-hat; the value is the D x D matrix",
)
yh_t = [0.82, 1.05, 0.61, 0.97, 0.74, 1.12, 0.88]


def mc_ll(y, y_hat, tau, T):
    return float(
        logsumexp([-0.5 * tau * (y - y_hat[t]) ** 2 for t in range(int(T))])
        - math.log(T)
        - 0.5 * math.log(2 * math.pi)
        - 0.5 * math.log(1 / tau)
    )


row(
    "mc_dropout_predictive_log_likelihood",
    r"\log p(y^* \mid x^*, X, Y) \approx \operatorname{logsumexp}\left( -\frac{1}{2} \tau (y - \hat{y}_t)^2 \right) - \log T - \frac{1}{2} \log 2\pi - \frac{1}{2} \log \tau^{-1}",
    r"y: scalar; \hat{y}: vector[T]; \tau: scalar, positive; T: dim",
    {"y": 0.9, "y_hat": yh_t, "tau": 6.0, "T": 7},
    mc_ll,
    wrt=r"\tau",
    key="tau",
    source="the MC dropout estimate of the predictive log-likelihood of a regression target under a Gaussian likelihood with precision tau (Gal and Ghahramani, 2016, ICML, Sec. 4, Eq. 8)",
    note="the logsumexp runs over the T stochastic forward passes t = 1, ..., T; y-hat_t the t-th pass's prediction",
)
A_la = np.asarray(spd(8308, 3, jitter=1.0))
row(
    "laplace_log_evidence",
    r"\ln Z \simeq \ln f(\mathbf{z}_0) + \frac{M}{2} \ln(2\pi) - \frac{1}{2} \ln |\mathbf{A}|",
    "f: scalar, positive; A: spd[M]; M: dim",
    {"f": 0.0023, "A": A_la.tolist(), "M": 3},
    lambda f, A, M: math.log(f) + M / 2 * math.log(2 * math.pi) - 0.5 * math.log(np.linalg.det(A)),
    wrt="A",
    source="the Laplace approximation of the normalization constant Z of f(z) = p(D | theta) p(theta) around its mode z_0, which gives the model evidence (Bishop, 2006, Pattern Recognition and Machine Learning, Sec. 4.4 and Sec. 4.4.1; MacKay, 1992, Bayesian Interpolation)",
    note="f(z_0) the value of the unnormalized posterior at the mode, declared as the number f; A = -grad grad ln f(z) at z_0, the Hessian; |A| its determinant",
)
Th = np.asarray(rnd(8309, 6, 3, lo=-1.0, hi=1.0))


def swag_diag(Theta):
    T = len(Theta)
    m1 = sum(Theta[i] for i in range(T)) / T
    m2 = sum(Theta[i] ** 2 for i in range(T)) / T
    return np.diag(m2 - m1**2)


row(
    "swag_diagonal_covariance",
    r"\Sigma_{\mathrm{diag}} = \operatorname{diag}\left( \frac{1}{T} \sum_{i=1}^{T} \theta_i^2 - \left( \frac{1}{T} \sum_{i=1}^{T} \theta_i \right)^2 \right)",
    r"\Theta: matrix[T, d]; \theta_i: row[\Theta]; i: index",
    {"Theta": Th.tolist()},
    swag_diag,
    source="SWAG-Diagonal, the diagonal covariance of the Gaussian fitted to the SGD iterates theta_i, the running second moment minus the square of the SWA mean (Maddox, Garipov, Izmailov, Vetrov and Wilson, 2019, A Simple Baseline for Bayesian Uncertainty in Deep Learning, NeurIPS, the SWAG-Diagonal section)",
    note="theta_i the i-th iterate, the i-th row of Theta; squares taken entrywise; the value is the d x d diagonal matrix",
)
mu_e = [0.4, 0.9, 0.55, 1.2, 0.7]
sg_e = [0.3, 0.25, 0.4, 0.35, 0.2]
row(
    "deep_ensemble_mixture_nll",
    r"-\log p(y \mid \mathbf{x}) = -\log \frac{1}{M} \sum_{m=1}^{M} \mathcal{N}(y \mid \mu_m, \sigma_m^2)",
    r"y: scalar; \mu, \sigma: vector[M]; m: index",
    {"y": 0.8, "mu": mu_e, "sigma": sg_e},
    lambda y, mu, sigma: (
        -math.log(sum(norm.pdf(y, mu[m], sigma[m]) for m in range(len(mu))) / len(mu))
    ),
    wrt=r"\mu",
    key="mu",
    source="the negative log-likelihood of a deep ensemble of M Gaussian regressors treated as a uniformly weighted mixture (Lakshminarayanan, Pritzel and Blundell, 2017, Simple and Scalable Predictive Uncertainty Estimation using Deep Ensembles, NIPS, Sec. 2.4)",
    note="mu_m = mu_theta_m(x) and sigma_m^2 = sigma_theta_m^2(x), the m-th network's predicted mean and variance at x",
)
C_h = math.sqrt(math.pi * math.log(2) / 2)


def houlsby(mu_x, sigma_x, C):
    p = norm.cdf(mu_x / math.sqrt(sigma_x**2 + 1))
    h = -p * math.log2(p) - (1 - p) * math.log2(1 - p)
    return h - C / math.sqrt(sigma_x**2 + C**2) * math.exp(-(mu_x**2) / (2 * (sigma_x**2 + C**2)))


row(
    "bald_probit_gp_classifier",
    r"\mathrm{h}\left( \Phi\left( \frac{\mu_{\mathbf{x}}}{\sqrt{\sigma_{\mathbf{x}}^2 + 1}} \right) \right) - \frac{C}{\sqrt{\sigma_{\mathbf{x}}^2 + C^2}} \exp\left( -\frac{\mu_{\mathbf{x}}^2}{2 \left( \sigma_{\mathbf{x}}^2 + C^2 \right)} \right)",
    r"\mu_{\mathbf{x}}: scalar; \sigma_{\mathbf{x}}, C: scalar, positive",
    {"mu_x": 0.6, "sigma_x": 1.3, "C": round(C_h, 12)},
    houlsby,
    wrt=r"\mu_{\mathbf{x}}",
    key="mu_x",
    source="Bayesian active learning by disagreement (BALD) for a GP classifier with probit likelihood, the mutual information between the label and the latent function in closed form up to a Gaussian approximation of h(Phi(.)) (Houlsby, Huszar, Ghahramani and Lengyel, 2011, Bayesian Active Learning for Classification and Preference Learning, arXiv:1112.5745, Sec. 3)",
    note="h(p) = -p log2 p - (1 - p) log2(1 - p) the binary entropy in bits; Phi the standard normal CDF; mu_x and sigma_x^2 the mean and variance of the latent function at x; C = sqrt(pi ln 2 / 2)",
)
P_b = np.asarray(simplex(8310, 5, 3))


def bald_mc(p_hat):
    T, Cc = p_hat.shape
    pbar = [sum(p_hat[t, c] for t in range(T)) / T for c in range(Cc)]
    return float(
        -sum(pbar[c] * math.log(pbar[c]) for c in range(Cc))
        + sum(p_hat[t, c] * math.log(p_hat[t, c]) for c in range(Cc) for t in range(T)) / T
    )


row(
    "bald_mc_dropout",
    r"\mathbb{I}[y, \boldsymbol{\omega} \mid \mathbf{x}, \mathcal{D}_{\mathrm{train}}] := -\sum_{c} \left( \frac{1}{T} \sum_{t} \hat{p}^t_c \right) \log \left( \frac{1}{T} \sum_{t} \hat{p}^t_c \right) + \frac{1}{T} \sum_{c, t} \hat{p}^t_c \log \hat{p}^t_c",
    r"\hat{p}: matrix[T, C]; c, t: index",
    {"p_hat": P_b.tolist()},
    bald_mc,
    wrt=r"\hat{p}",
    key="p_hat",
    source="the BALD acquisition function estimated with T MC dropout samples, the predictive entropy minus the expected entropy (Gal, Islam and Ghahramani, 2017, Deep Bayesian Active Learning with Image Data, ICML, Sec. 3)",
    note="p-hat^t_c the probability of class c under the t-th dropout mask, entry (t, c) of p-hat (t a superscript index, not a power)",
)


def evidential_total(y_i, gamma, nu, alpha, beta, **k):
    Om = 2 * beta * (1 + nu)
    nll = (
        0.5 * math.log(math.pi / nu)
        - alpha * math.log(Om)
        + (alpha + 0.5) * math.log((y_i - gamma) ** 2 * nu + Om)
        + gammaln(alpha)
        - gammaln(alpha + 0.5)
    )
    return float(nll + k["lambda"] * abs(y_i - gamma) * (2 * nu + alpha))


row(
    "deep_evidential_regression_total_loss",
    r"\mathcal{L}_i(\mathbf{w}) = \frac{1}{2} \log\left( \frac{\pi}{\nu} \right) - \alpha \log(2\beta(1 + \nu)) + \left( \alpha + \frac{1}{2} \right) \log\left( (y_i - \gamma)^2 \nu + 2\beta(1 + \nu) \right) + \log\left( \frac{\Gamma(\alpha)}{\Gamma(\alpha + \frac{1}{2})} \right) + \lambda |y_i - \gamma| \cdot (2\nu + \alpha)",
    r"y_i, \gamma: scalar; \nu, \alpha, \beta, \lambda: scalar, positive",
    {"y_i": 1.3, "gamma": 0.9, "nu": 2.0, "alpha": 1.8, "beta": 0.6, "lambda": 0.01},
    evidential_total,
    wrt=r"\nu",
    key="nu",
    source="the loss of deep evidential regression for one target, the negative log-likelihood of the Normal-Inverse-Gamma evidence (a Student-t) with Omega = 2 beta (1 + nu) written out, plus lambda times the evidence regularizer (Amini, Schwarting, Soleimany and Rus, 2020, Deep Evidential Regression, NeurIPS, Eqs. 8-10)",
    note="pi the number pi; Gamma the gamma function",
)
c_vd = (1.16145124, -1.50204118, 0.58629921)


def vd_kl(alpha, c_1, c_2, c_3):
    return 0.5 * math.log(alpha) + c_1 * alpha + c_2 * alpha**2 + c_3 * alpha**3


row(
    "variational_dropout_kl_approximation",
    r"-D_{KL}\left( q_\phi(w) \,\|\, p(w) \right) \approx \mathrm{constant} + 0.5 \log(\alpha) + c_1 \alpha + c_2 \alpha^2 + c_3 \alpha^3",
    r"\alpha: scalar, positive; c_1, c_2, c_3: scalar; \mathrm{constant}: scalar",
    {"alpha": 0.4, "c_1": c_vd[0], "c_2": c_vd[1], "c_3": c_vd[2], "constant": 0.0},
    lambda alpha, c_1, c_2, c_3, constant: constant + vd_kl(alpha, c_1, c_2, c_3),
    wrt=r"\alpha",
    key="alpha",
    source="the polynomial approximation of the negative KL between the posterior of Gaussian (variational) dropout with rate alpha and the log-uniform prior, valid for alpha <= 1 (Kingma, Salimans and Welling, 2015, Variational Dropout and the Local Reparameterization Trick, NIPS 28, Sec. 3)",
    note="c_1 = 1.16145124, c_2 = -1.50204118, c_3 = 0.58629921 the paper's fitted constants; the additive constant is set to 0",
)
k_sv = (0.63576, 1.87320, 1.48695)
row(
    "sparse_variational_dropout_kl_approximation",
    r"-D_{KL}\left( q(w_{ij} \mid \theta_{ij}, \alpha_{ij}) \,\|\, p(w_{ij}) \right) \approx k_1 \sigma(k_2 + k_3 \log \alpha_{ij}) - 0.5 \log(1 + \alpha_{ij}^{-1}) + C",
    r"\alpha_{ij}: scalar, positive; k_1, k_2, k_3, C: scalar",
    {"alpha_ij": 2.5, "k_1": k_sv[0], "k_2": k_sv[1], "k_3": k_sv[2], "C": -k_sv[0]},
    lambda alpha_ij, k_1, k_2, k_3, C: (
        k_1 / (1 + math.exp(-(k_2 + k_3 * math.log(alpha_ij))))
        - 0.5 * math.log(1 + 1 / alpha_ij)
        + C
    ),
    wrt=r"\alpha_{ij}",
    key="alpha_ij",
    source="the approximation of the negative KL term of sparse variational dropout, accurate for every alpha (Molchanov, Ashukha and Vetrov, 2017, Variational Dropout Sparsifies Deep Neural Networks, ICML, Eq. 14)",
    note="sigma the logistic sigmoid; k_1 = 0.63576, k_2 = 1.87320, k_3 = 1.48695 and C = -k_1, as in the paper",
)
row(
    "concrete_dropout_relaxed_mask",
    r"\tilde{z} = \operatorname{sigmoid}\left( \frac{1}{t} \left( \log p - \log(1 - p) + \log u - \log(1 - u) \right) \right)",
    "p, u: scalar, unit; t: scalar, positive",
    {"p": 0.4, "u": 0.55, "t": 0.5},
    lambda p, u, t: (
        1 / (1 + math.exp(-(math.log(p) - math.log(1 - p) + math.log(u) - math.log(1 - u)) / t))
    ),
    wrt="p",
    source="the concrete (relaxed Bernoulli) dropout mask with dropout probability p, temperature t and u ~ Unif(0, 1), differentiable in p (Gal, Hron and Kendall, 2017, Concrete Dropout, NIPS, Sec. 3)",
)

if __name__ == "__main__":
    A.write()
