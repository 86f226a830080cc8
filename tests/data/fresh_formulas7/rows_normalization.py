"""Normalization layers and initialization: batch normalization's transform, mini-batch variance
and inference form, batch renormalization's clipped correction, weight normalization, the
spectral norm by power iteration and the spectrally normalized weight, weight standardization,
Glorot's and He's initialization scales, SELU and the mean of its output under Gaussian
pre-activations, and Fixup's residual-branch scaling (NumPy/SciPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.integrate import quad

A = Area("normalization")
row = A.row

x_bn = np.asarray(rnd(7800, 5, lo=-1.0, hi=2.0))
row(
    "batch_norm_transform",
    r"y_i = \gamma \frac{x_i - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}} + \beta",
    r"x: vector[m]; \mu_{\mathcal{B}}, \gamma, \beta: scalar; \sigma_{\mathcal{B}}, \epsilon: scalar, positive; i: index",
    {
        "x": x_bn.tolist(),
        "mu_B_cal": float(x_bn.mean()),
        "sigma_B_cal": float(x_bn.std()),
        "gamma": 1.5,
        "beta": -0.2,
        "epsilon": 1e-5,
    },
    lambda x, mu_B_cal, sigma_B_cal, gamma, beta, epsilon: (
        gamma * (x - mu_B_cal) / np.sqrt(sigma_B_cal**2 + epsilon) + beta
    ),
    source="the batch normalizing transform of one activation over a mini-batch B of m values, normalize then scale and shift (Ioffe and Szegedy, 2015, Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift, Algorithm 1)",
    note="mu_B and sigma_B^2 the mini-batch mean and (biased) variance, given (computed from the same x); the result is the vector over i",
)
row(
    "batch_norm_minibatch_variance",
    r"\sigma_{\mathcal{B}}^2 = \frac{1}{m} \sum_{i=1}^{m} \left( x_i - \frac{1}{m} \sum_{j=1}^{m} x_j \right)^2",
    "x: vector[m]; m: dim; i, j: index",
    {"x": x_bn.tolist(), "m": 5},
    lambda x, m: float(np.sum((x - np.sum(x) / m) ** 2) / m),
    wrt="x",
    source="the mini-batch variance of batch normalization, with the mini-batch mean mu_B written out (Ioffe and Szegedy, 2015, Algorithm 1)",
)
row(
    "batch_norm_inference",
    r"y = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}} \cdot x + \left( \beta - \frac{\gamma \mu}{\sqrt{\sigma^2 + \epsilon}} \right)",
    r"x, \mu, \gamma, \beta: scalar; \sigma, \epsilon: scalar, positive",
    {"x": 0.8, "mu": 0.3, "sigma": 0.7, "gamma": 1.5, "beta": -0.2, "epsilon": 1e-5},
    lambda x, mu, sigma, gamma, beta, epsilon: (
        gamma / math.sqrt(sigma**2 + epsilon) * x
        + (beta - gamma * mu / math.sqrt(sigma**2 + epsilon))
    ),
    wrt=r"\gamma",
    key="gamma",
    source="batch normalization at inference, an affine map with the population statistics folded in (Ioffe and Szegedy, 2015, Algorithm 2, step 11)",
    note="mu and sigma^2 the population mean E[x] and variance Var[x] estimated over the training mini-batches, written mu and sigma^2",
)


def renorm(x_i, mu_B_cal, sigma_B_cal, mu, sigma, r_max, d_max):
    r = min(max(sigma_B_cal / sigma, 1 / r_max), r_max)
    d = min(max((mu_B_cal - mu) / sigma, -d_max), d_max)
    return (x_i - mu_B_cal) / sigma_B_cal * r + d


row(
    "batch_renormalization",
    r"\hat{x}_i = \frac{x_i - \mu_{\mathcal{B}}}{\sigma_{\mathcal{B}}} \cdot \operatorname{clip}_{[1/r_{\max}, r_{\max}]}\left( \frac{\sigma_{\mathcal{B}}}{\sigma} \right) + \operatorname{clip}_{[-d_{\max}, d_{\max}]}\left( \frac{\mu_{\mathcal{B}} - \mu}{\sigma} \right)",
    r"x_i, \mu_{\mathcal{B}}, \mu: scalar; \sigma_{\mathcal{B}}, \sigma, r_{\max}, d_{\max}: scalar, positive",
    {
        "x_i": 1.2,
        "mu_B_cal": 0.3,
        "sigma_B_cal": 0.9,
        "mu": 0.1,
        "sigma": 0.6,
        "r_max": 1.2,
        "d_max": 0.5,
    },
    renorm,
    wrt="x_i",
    source="batch renormalization, the mini-batch normalization corrected towards the moving averages mu and sigma by r and d clipped to [1/r_max, r_max] and [-d_max, d_max] (Ioffe, 2017, Batch Renormalization: Towards Reducing Minibatch Dependence in Batch-Normalized Models, Algorithm 1)",
    note="clip_[a, b](v) = min(max(v, a), b); r and d written out (the paper stops their gradients, which does not change the value); here r is clipped at r_max and d is not",
)
v_wn = rnd(7801, 4)
x_wn = rnd(7802, 4)
row(
    "weight_normalization_preactivation",
    r"\frac{g}{\|\mathbf{v}\|} \mathbf{v} \cdot \mathbf{x} + b",
    "v, x: vector[k]; g, b: scalar",
    {"v": v_wn, "x": x_wn, "g": 1.3, "b": 0.1},
    lambda v, x, g, b: g / float(np.linalg.norm(v)) * float(v @ x) + b,
    wrt="v",
    source="a unit's pre-activation w . x + b with the weight vector reparameterized as w = (g / ||v||) v, its length g decoupled from its direction (Salimans and Kingma, 2016, Weight Normalization: A Simple Reparameterization to Accelerate Training of Deep Neural Networks, Eqs. 1-2)",
)
W_sn = np.asarray(rnd(7803, 3, 4))
u0 = np.asarray(rnd(7804, 3))
v_t = W_sn.T @ u0
v_t = v_t / np.linalg.norm(v_t)
u_t = W_sn @ v_t
u_t = u_t / np.linalg.norm(u_t)
row(
    "spectral_norm_power_iteration",
    r"\sigma(W) \approx \tilde{\boldsymbol{u}}^\top W \tilde{\boldsymbol{v}}",
    r"W: matrix[m, n]; \tilde{u}: vector[m]; \tilde{v}: vector[n]",
    {"W": W_sn.tolist(), "u_tilde": u_t.round(8).tolist(), "v_tilde": v_t.round(8).tolist()},
    lambda W, u_tilde, v_tilde: float(u_tilde @ W @ v_tilde),
    wrt="W",
    source="the power-iteration estimate of the spectral norm of W after the updates v-tilde <- W^T u-tilde / ||W^T u-tilde|| and u-tilde <- W v-tilde / ||W v-tilde|| (Miyato, Kataoka, Koyama and Yoshida, 2018, Spectral Normalization for Generative Adversarial Networks, Algorithm 1)",
    note="sigma(W) the spectral norm (the largest singular value), not the sigmoid; u-tilde and v-tilde given after one iteration from a random u",
)
row(
    "spectrally_normalized_weight",
    r"\bar{W}_{\mathrm{SN}}(W) := W / \sigma(W)",
    "W: matrix[m, n]",
    {"W": W_sn.tolist()},
    lambda W: W / np.linalg.svd(W, compute_uv=False)[0],
    source="the spectrally normalized weight matrix, whose largest singular value is one (Miyato et al., 2018, Eq. 8)",
    note="sigma(W) the spectral norm of W, its largest singular value (the paper's notation; not the sigmoid); the result is the m x n matrix",
)
W_ws = np.asarray(rnd(7805, 3, 4))


def ws(W, I, epsilon):  # noqa: E741
    mu = W.sum(1, keepdims=True) / I
    sd = np.sqrt((W**2).sum(1, keepdims=True) / I - mu**2 + epsilon)
    return (W - mu) / sd


row(
    "weight_standardization",
    r"\hat{W}_{i,j} = \frac{W_{i,j} - \frac{1}{I} \sum_{k=1}^{I} W_{i,k}}{\sqrt{\frac{1}{I} \sum_{k=1}^{I} W_{i,k}^2 - \left( \frac{1}{I} \sum_{k=1}^{I} W_{i,k} \right)^2 + \epsilon}}",
    r"W: matrix[O, I]; I: dim; \epsilon: scalar, positive; i, j, k: index",
    {"W": W_ws.tolist(), "I": 4, "epsilon": 1e-5},
    ws,
    source="weight standardization of a layer's weights, each output channel's fan-in weights normalized to zero mean and unit variance, with mu_{W_i,.} and sigma_{W_i,.} written out (Qiao, Wang, Liu, Shen and Yuille, 2019, Micro-Batch Training with Batch-Channel Normalization and Weight Standardization, Sec. 3)",
    note="I the fan-in (input channels times kernel size) of each of the O output channels; the result is the O x I matrix",
)
row(
    "glorot_uniform_bound",
    r"\frac{\sqrt{6}}{\sqrt{n_j + n_{j+1}}}",
    "n_j, n_{j+1}: scalar, integer, positive",
    {"n_j": 256.0, "n_j_plus_1": 128.0},
    lambda n_j, n_j_plus_1: math.sqrt(6) / math.sqrt(n_j + n_j_plus_1),
    source="the half-width of the normalized initialization W ~ U[-sqrt(6) / sqrt(n_j + n_{j+1}), sqrt(6) / sqrt(n_j + n_{j+1})] of a layer between n_j and n_{j+1} units (Glorot and Bengio, 2010, Understanding the Difficulty of Training Deep Feedforward Neural Networks, Eq. 16)",
)
row(
    "he_initialization_std_leaky",
    r"\sqrt{\frac{2}{(1 + a^2) n_l}}",
    "a: scalar, nonnegative; n_l: scalar, integer, positive",
    {"a": 0.25, "n_l": 576.0},
    lambda a, n_l: math.sqrt(2 / ((1 + a**2) * n_l)),
    wrt="a",
    source="the standard deviation of the zero-mean Gaussian initialization that keeps the variance of the signal through a (P)ReLU layer with slope a, from (1/2)(1 + a^2) n_l Var[w_l] = 1 (He, Zhang, Ren and Sun, 2015, Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification, Eq. 15)",
    note="n_l = k^2 c the fan-in of layer l",
)
LAM = 1.0507009873554805
ALPHA = 1.6732632423543772


def selu(x, lam, alpha):
    return lam * x if x > 0 else lam * (alpha * math.exp(x) - alpha)


row(
    "selu_activation",
    r"\operatorname{selu}(x) = \lambda \begin{cases} x & \text{if } x > 0 \\ \alpha e^{x} - \alpha & \text{if } x \le 0 \end{cases}",
    r"x: scalar; \lambda, \alpha: scalar, positive",
    {"x": -0.7, "lambda": LAM, "alpha": ALPHA},
    lambda x, **k: selu(x, k["lambda"], k["alpha"]),
    wrt="x",
    source="the scaled exponential linear unit, with lambda ~ 1.0507 and alpha ~ 1.6733 making (0, 1) the fixed point of the mean and variance (Klambauer, Unterthiner, Mayr and Hochreiter, 2017, Self-Normalizing Neural Networks, Eq. 2)",
)


def selu_mean(mu, omega, nu, tau, **k):
    lam, alpha = k["lambda"], k["alpha"]
    m, s = mu * omega, math.sqrt(nu * tau)

    def integrand(z):
        return (
            selu(z, lam, alpha)
            * math.exp(-((z - m) ** 2) / (2 * s**2))
            / (s * math.sqrt(2 * math.pi))
        )

    lo, hi = m - 12 * s, m + 12 * s
    return (
        quad(integrand, lo, 0.0, epsabs=1e-13, epsrel=1e-13)[0]
        + quad(integrand, 0.0, hi, epsabs=1e-13, epsrel=1e-13)[0]
    )


row(
    "selu_mean_mapping",
    r"\tilde{\mu}(\mu, \omega, \nu, \tau, \lambda, \alpha) = \frac{1}{2} \lambda \left( -(\alpha + \mu\omega) \operatorname{erfc}\left( \frac{\mu\omega}{\sqrt{2} \sqrt{\nu\tau}} \right) + \alpha e^{\mu\omega + \frac{\nu\tau}{2}} \operatorname{erfc}\left( \frac{\mu\omega + \nu\tau}{\sqrt{2} \sqrt{\nu\tau}} \right) + \sqrt{\frac{2}{\pi}} \sqrt{\nu\tau} \, e^{-\frac{\mu^2 \omega^2}{2 \nu\tau}} + 2\mu\omega \right)",
    r"\mu, \omega: scalar; \nu, \tau, \lambda, \alpha: scalar, positive",
    {"mu": 0.2, "omega": 0.5, "nu": 0.9, "tau": 1.1, "lambda": LAM, "alpha": ALPHA},
    selu_mean,
    wrt=r"\mu",
    key="mu",
    source="the mean of a SELU unit's output when its pre-activation is Gaussian with mean mu omega and variance nu tau, in closed form (Klambauer et al., 2017, Self-Normalizing Neural Networks, Sec. 3, the mapping g, and Theorem 1)",
    note="erfc the complementary error function; the reference integrates selu(z) against the N(mu omega, nu tau) density numerically, E[selu(z)], which the closed form equals",
)
row(
    "fixup_branch_scaling",
    r"L^{-\frac{1}{2m - 2}}",
    "L, m: scalar, positive",
    {"L": 16.0, "m": 2.0},
    lambda L, m: L ** (-1 / (2 * m - 2)),
    wrt="L",
    source="Fixup's factor for the weight layers inside each of the L residual branches of m layers, at initialization without normalization (Zhang, Dauphin and Ma, 2019, Fixup Initialization: Residual Learning Without Normalization, Sec. 3)",
)

if __name__ == "__main__":
    A.write()
