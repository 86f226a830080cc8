"""Data augmentation and regularization: mixup and its loss and Beta prior, MixMatch's sharpening
and lambda', CutMix's mixed sample and area ratio, label smoothing, a hinged confidence penalty,
R-Drop's symmetric KL, Pi-model and UDA consistency, stochastic depth's survival probabilities,
decoupled weight decay (SGDW, AdamW) and VAT's adversarial direction (NumPy/SciPy references from
each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, simplex, softmax
from scipy.special import betaln

A = Area("augment")
row = A.row

xi_m = rnd(3800, 4)
xj_m = rnd(3801, 4)
row(
    "mixup_inputs",
    r"\tilde{x} = \lambda x_i + (1 - \lambda) x_j",
    r"x_i, x_j: vector[d]; \lambda: scalar, unit",
    {"x_i": xi_m, "x_j": xj_m, "lambda": 0.3},
    lambda x_i, x_j, **k: k["lambda"] * x_i + (1 - k["lambda"]) * x_j,
    source="mixup of two training inputs (Zhang, Cisse, Dauphin and Lopez-Paz, 2018, mixup: Beyond Empirical Risk Minimization, Sec. 2)",
)
z_m = rnd(3802, 4, lo=-2.0, hi=2.0)


def mixup_ce(z, y_a, y_b, **k):
    lam = k["lambda"]
    ls = log_softmax(z)
    return -lam * ls[int(y_a) - 1] - (1 - lam) * ls[int(y_b) - 1]


row(
    "mixup_cross_entropy",
    r"-\lambda \log \operatorname{softmax}(z)_{y_a} - (1 - \lambda) \log \operatorname{softmax}(z)_{y_b}",
    r"z: vector[K]; y_a, y_b: label[K]; \lambda: scalar, unit",
    {"z": z_m, "y_a": 2, "y_b": 4, "lambda": 0.3},
    mixup_ce,
    wrt="z",
    source="cross-entropy against the mixed label lambda y_a + (1 - lambda) y_b (Zhang et al., 2018, Sec. 2, and its reference implementation's mixup criterion)",
    note="z the logits of the mixed input",
)
row(
    "mixup_beta_density",
    r"p(\lambda) = \frac{\lambda^{\alpha - 1} (1 - \lambda)^{\alpha - 1}}{\mathrm{B}(\alpha, \alpha)}",
    r"\lambda: scalar, unit; \alpha: scalar, positive",
    {"lambda": 0.3, "alpha": 0.4},
    lambda alpha, **k: (
        k["lambda"] ** (alpha - 1)
        * (1 - k["lambda"]) ** (alpha - 1)
        / math.exp(betaln(alpha, alpha))
    ),
    wrt=r"\alpha",
    key="alpha",
    source="density of lambda ~ Beta(alpha, alpha), mixup's prior on the mixing weight (Zhang et al., 2018, Sec. 2)",
    note="B the beta function",
)
row(
    "mixmatch_lambda_prime",
    r"\lambda' = \max(\lambda, 1 - \lambda)",
    r"\lambda: scalar, unit",
    {"lambda": 0.3},
    lambda **k: max(k["lambda"], 1 - k["lambda"]),
    wrt=r"\lambda",
    key="lambda",
    source="MixMatch keeps the mixed example closer to its first input (Berthelot et al., 2019, MixMatch, Eq. 9)",
)
p_sh = simplex(3803, 4)
row(
    "mixmatch_sharpen",
    r"\operatorname{Sharpen}(p, T)_i := p_i^{\frac{1}{T}} \bigg/ \sum_{j=1}^{L} p_j^{\frac{1}{T}}",
    "p: simplex[L]; T: scalar, positive; i, j: index",
    {"p": p_sh, "T": 0.5},
    lambda p, T: np.array(
        [p[i] ** (1 / T) / sum(p[j] ** (1 / T) for j in range(len(p))) for i in range(len(p))]
    ),
    source="temperature sharpening of the guessed label distribution (Berthelot et al., 2019, Eq. 7)",
)
M_cm = [1.0, 1.0, 0.0, 0.0, 1.0, 0.0]
xa_cm = rnd(3804, 6)
xb_cm = rnd(3805, 6)
row(
    "cutmix_sample",
    r"\tilde{x} = \mathbf{M} \odot x_A + (\mathbf{1} - \mathbf{M}) \odot x_B",
    "M, x_A, x_B: vector[n]",
    {"M": M_cm, "x_A": xa_cm, "x_B": xb_cm},
    lambda M, x_A, x_B: M * x_A + (1 - M) * x_B,
    source="CutMix's mixed sample from a binary mask M (Yun et al., 2019, CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features, Eq. 1)",
    note="the images flattened to n pixels; 1 the vector of ones of the mask's size (written without its size, as the paper does)",
)
row(
    "cutmix_area_ratio",
    r"\lambda = 1 - \frac{r_w r_h}{W H}",
    "r_w, r_h, W, H: scalar, positive",
    {"r_w": 12.0, "r_h": 9.0, "W": 32.0, "H": 32.0},
    lambda r_w, r_h, W, H: 1 - r_w * r_h / (W * H),
    wrt="r_w",
    source="the mixing ratio from the cropped box's area, r_w r_h / (W H) = 1 - lambda (Yun et al., 2019, Sec. 3.1)",
)
row(
    "cutmix_box_width",
    r"r_w = W \sqrt{1 - \lambda}",
    r"W: scalar, positive; \lambda: scalar, unit",
    {"W": 32.0, "lambda": 0.64},
    lambda W, **k: W * math.sqrt(1 - k["lambda"]),
    wrt=r"\lambda",
    key="lambda",
    source="width of CutMix's box for a sampled lambda (Yun et al., 2019, Sec. 3.1)",
)
p_ls = simplex(3806, 5)


def ls_ce(p, y, epsilon):
    K = len(p)
    return -sum(
        math.log(p[k]) * ((1 - epsilon) * (1.0 if k == int(y) - 1 else 0.0) + epsilon / K)
        for k in range(K)
    )


row(
    "label_smoothing_cross_entropy",
    r"H(q', p) = -\sum_{k=1}^{K} \log p(k) \left( (1 - \epsilon) \delta_{k,y} + \frac{\epsilon}{K} \right)",
    r"p: simplex[K]; y: label[K]; \epsilon: scalar, unit; k: index",
    {"p": p_ls, "y": 3, "epsilon": 0.1},
    ls_ce,
    wrt="p",
    source="cross-entropy with the smoothed label q'(k) = (1 - epsilon) delta_{k,y} + epsilon u(k), u uniform (Szegedy et al., 2016, Rethinking the Inception Architecture for Computer Vision, Sec. 7)",
    note="p(k) the predicted probability of class k, the k-th entry of p",
)
y_oh = [0.0, 0.0, 1.0, 0.0]
row(
    "label_smoothing_targets",
    r"y_k^{LS} = y_k (1 - \alpha) + \alpha / K",
    r"y: vector[K]; \alpha: scalar, unit; k: index",
    {"y": y_oh, "alpha": 0.1},
    lambda y, alpha: y * (1 - alpha) + alpha / len(y),
    source="smoothed targets (Muller, Kornblith and Hinton, 2019, When Does Label Smoothing Help?, Sec. 2)",
    note="y the one-hot label",
)
p_cp = [0.05, 0.86, 0.04, 0.05]


def hinge_cp(p, y, beta, Gamma):
    return -math.log(p[int(y) - 1]) + beta * max(0.0, Gamma + sum(q * math.log(q) for q in p))


row(
    "hinged_confidence_penalty",
    r"-\log p_y + \beta \max\left(0, \Gamma + \sum_{k=1}^{K} p_k \log p_k\right)",
    r"p: simplex[K]; y: label[K]; \beta, \Gamma: scalar, positive; k: index",
    {"p": p_cp, "y": 2, "beta": 0.5, "Gamma": 1.0},
    hinge_cp,
    wrt="p",
    source="confidence penalty applied only while the output entropy is below the threshold Gamma, beta max(0, Gamma - H(p)) (Pereyra et al., 2017, Regularizing Neural Networks by Penalizing Confident Output Distributions, Sec. 2, the thresholded penalty)",
    note="the entropy H(p) = -sum_k p_k log p_k written out",
)
p1 = simplex(3807, 4)
p2 = simplex(3808, 4)


def rdrop(p_1, p_2):
    K = len(p_1)
    return 0.5 * (
        sum(p_1[k] * math.log(p_1[k] / p_2[k]) for k in range(K))
        + sum(p_2[k] * math.log(p_2[k] / p_1[k]) for k in range(K))
    )


row(
    "rdrop_symmetric_kl",
    r"\mathcal{L}^i_{KL} = \frac{1}{2} \left( \sum_{k=1}^{K} p_{1,k} \log \frac{p_{1,k}}{p_{2,k}} + \sum_{k=1}^{K} p_{2,k} \log \frac{p_{2,k}}{p_{1,k}} \right)",
    "p_1, p_2: simplex[K]; k: index",
    {"p_1": p1, "p_2": p2},
    rdrop,
    wrt="p_1",
    source="R-Drop's bidirectional KL between the outputs of two dropout passes (Liang et al., 2021, R-Drop: Regularized Dropout for Neural Networks, Eq. 2)",
    note="p_1 and p_2 the two passes' distributions P_1^w(y_i | x_i), P_2^w(y_i | x_i) of one example; the KL divergences written out, p_{1,k} the k-th entry of p_1",
)
Z_pi = rnd(3809, 3, 4)
Zt_pi = rnd(3810, 3, 4)


def pi_model(Z, Z_tilde):
    B, C = Z.shape
    return sum(float(np.sum((Z[i] - Z_tilde[i]) ** 2)) for i in range(B)) / (C * B)


row(
    "pi_model_consistency",
    r"\frac{1}{C |B|} \sum_{i \in B} \left\| z_i - \tilde{z}_i \right\|^2",
    r"Z, \tilde{Z}: matrix[B, C]; z_i: row[Z]; \tilde{z}_i: row[\tilde{Z}]; i: index",
    {"Z": Z_pi, "Z_tilde": Zt_pi},
    pi_model,
    wrt="Z",
    source="unsupervised consistency term of the Pi-model between two stochastic evaluations (Laine and Aila, 2017, Temporal Ensembling for Semi-Supervised Learning, Algorithm 1)",
    note="B the minibatch and |B| its size (declared as the dimension B), C classes; z_i and z-tilde_i the rows of Z and Z-tilde",
)
row(
    "consistency_rampup",
    r"w(t) = \exp\left[-5 (1 - T)^2\right]",
    "T: scalar, unit",
    {"T": 0.4},
    lambda T: math.exp(-5 * (1 - T) ** 2),
    wrt="T",
    source="Gaussian ramp-up of the unsupervised weight, T advancing linearly from 0 to 1 (Laine and Aila, 2017, Appendix A)",
)
z_u = rnd(3811, 4, lo=-1.0, hi=3.0)
zh_u = rnd(3812, 4, lo=-1.0, hi=2.0)


def uda(z, z_hat, beta, tau):
    if max(softmax(z)) > beta:
        return -float(softmax(z / tau) @ log_softmax(z_hat))
    return 0.0


row(
    "uda_sharpened_consistency",
    r"\mathbb{1}\left[\max_{k} \operatorname{softmax}(z)_k > \beta\right] \left( -\sum_{k=1}^{K} \operatorname{softmax}(z / \tau)_k \log \operatorname{softmax}(\hat{z})_k \right)",
    r"z, \hat{z}: vector[K]; \beta, \tau: scalar, positive; k: index",
    {"z": z_u, "z_hat": zh_u, "beta": 0.5, "tau": 0.4},
    uda,
    wrt=r"\hat{z}",
    key="z_hat",
    source="UDA's consistency loss with confidence masking and sharpened targets (Xie, Dai, Hovy, Luong and Le, 2020, Unsupervised Data Augmentation for Consistency Training, Sec. 3.2)",
    note="z the logits of the clean example, z-hat those of the augmented one",
)
row(
    "stochastic_depth_survival",
    r"p_\ell = 1 - \frac{\ell}{L} (1 - p_L)",
    r"\ell, L: scalar, positive; p_L: scalar, unit",
    {"ell": 20.0, "L": 54.0, "p_L": 0.5},
    lambda ell, L, p_L: 1 - ell / L * (1 - p_L),
    wrt="p_L",
    source="linearly decaying survival probability of residual block ell (Huang, Sun, Liu, Sedra and Weinberger, 2016, Deep Networks with Stochastic Depth, Eq. 4)",
)
row(
    "stochastic_depth_expected_depth",
    r"\mathbb{E}(\tilde{L}) = \sum_{\ell=1}^{L} \left( 1 - \frac{\ell}{L} (1 - p_L) \right)",
    r"L: scalar, integer, positive; p_L: scalar, unit; \ell: index",
    {"L": 6.0, "p_L": 0.5},
    lambda L, p_L: sum(1 - ell / L * (1 - p_L) for ell in range(1, int(L) + 1)),
    wrt="p_L",
    source="expected network depth E(L-tilde) = sum_ell p_ell under the linear decay rule (Huang et al., 2016, Sec. 3)",
)
th_aw = rnd(3813, 3)
m_aw = rnd(3814, 3, lo=-0.1, hi=0.1)
v_aw = rnd(3815, 3, lo=0.001, hi=0.01)


def adamw(theta_t_minus_1, m_hat_t, v_hat_t, eta_t, alpha, epsilon, **k):
    return theta_t_minus_1 - eta_t * (
        alpha * m_hat_t / (np.sqrt(v_hat_t) + epsilon) + k["lambda"] * theta_t_minus_1
    )


row(
    "adamw_step",
    r"\boldsymbol{\theta}_t \leftarrow \boldsymbol{\theta}_{t-1} - \eta_t \left( \alpha \hat{\mathbf{m}}_t / \left( \sqrt{\hat{\mathbf{v}}_t} + \epsilon \right) + \lambda \boldsymbol{\theta}_{t-1} \right)",
    r"\theta_{t-1}, \hat{m}_t, \hat{v}_t: vector[d]; \eta_t, \alpha, \epsilon, \lambda: scalar, positive",
    {
        "theta_t_minus_1": th_aw,
        "m_hat_t": m_aw,
        "v_hat_t": v_aw,
        "eta_t": 1.0,
        "alpha": 0.001,
        "epsilon": 1e-8,
        "lambda": 0.01,
    },
    adamw,
    source="Adam with decoupled weight decay (Loshchilov and Hutter, 2019, Decoupled Weight Decay Regularization, Algorithm 2, line 12)",
    note="the square root and the division act entry by entry",
)
mt_sg = rnd(3816, 3, lo=-0.05, hi=0.05)
row(
    "sgdw_step",
    r"\boldsymbol{\theta}_t \leftarrow \boldsymbol{\theta}_{t-1} - \mathbf{m}_t - \eta_t \lambda \boldsymbol{\theta}_{t-1}",
    r"\theta_{t-1}, m_t: vector[d]; \eta_t, \lambda: scalar, positive",
    {"theta_t_minus_1": th_aw, "m_t": mt_sg, "eta_t": 1.0, "lambda": 0.0005},
    lambda theta_t_minus_1, m_t, eta_t, **k: (
        theta_t_minus_1 - m_t - eta_t * k["lambda"] * theta_t_minus_1
    ),
    source="SGD with momentum and decoupled weight decay (Loshchilov and Hutter, 2019, Algorithm 1, line 9)",
)
g_v = rnd(3817, 4)
row(
    "vat_adversarial_direction",
    r"r_{\mathrm{adv}} \approx \epsilon \frac{g}{\|g\|_2}",
    r"g: vector[d]; \epsilon: scalar, positive",
    {"g": g_v, "epsilon": 2.0},
    lambda g, epsilon: epsilon * g / np.linalg.norm(g),
    source="virtual adversarial perturbation from the gradient g of the KL divergence found by power iteration (Miyato, Maeda, Koyama and Ishii, 2018, Virtual Adversarial Training, Sec. 3.3)",
)

if __name__ == "__main__":
    A.write()
