"""Adversarial examples and certified robustness: the adversarial logistic loss and the fast
gradient sign step of a logistic model, the clipping of the basic iterative method, projected
gradient steps in the L-infinity and L2 balls, Carlini and Wagner's objective f_6 and box
change of variables, the TRADES and MART losses, randomized smoothing's certified radii, the
Lipschitz-margin radius, DeepFool's distance to an affine classifier's boundary, and interval
bound propagation (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex
from scipy.stats import norm

A = Area("adversarial")
row = A.row

w_lg = [0.8, -0.6, 1.1, -0.3]
x_lg = rnd(7400, 4)
row(
    "adversarial_logistic_loss",
    r"\log\left( 1 + \exp\left( y \left( \epsilon \|\mathbf{w}\|_1 - \mathbf{w}^\top \mathbf{x} - b \right) \right) \right)",
    r"w, x: vector[n]; y, b: scalar; \epsilon: scalar, positive",
    {"w": w_lg, "x": x_lg, "y": 1.0, "b": 0.1, "epsilon": 0.25},
    lambda w, x, y, b, epsilon: math.log(
        1 + math.exp(y * (epsilon * float(np.sum(np.abs(w))) - float(w @ x) - b))
    ),
    wrt="w",
    source="the loss of logistic regression on the worst-case L-infinity perturbation of size epsilon, zeta(y(epsilon ||w||_1 - w^T x - b)) (Goodfellow, Shlens and Szegedy, 2015, Explaining and Harnessing Adversarial Examples, Sec. 5)",
    note="the paper's zeta(z) = log(1 + exp(z)), the softplus, written out; y = 1, a positive example, as the paper's derivation takes it",
)


def fgsm_logistic(x, w, y, epsilon):
    g = -y * (1 / (1 + math.exp(y * float(w @ x)))) * w
    return x + epsilon * np.sign(g)


row(
    "fgsm_step_logistic",
    r"\tilde{\mathbf{x}} = \mathbf{x} + \epsilon \operatorname{sign}\left( -y \, \sigma\left( -y \mathbf{w}^\top \mathbf{x} \right) \mathbf{w} \right)",
    r"x, w: vector[n]; y: scalar; \epsilon: scalar, positive",
    {"x": x_lg, "w": w_lg, "y": -1.0, "epsilon": 0.1},
    fgsm_logistic,
    source="the fast gradient sign method x + epsilon sign(grad_x J(theta, x, y)) for the logistic loss J = log(1 + exp(-y w^T x)), whose input gradient is -y sigma(-y w^T x) w (Goodfellow, Shlens and Szegedy, 2015, Sec. 4 and Sec. 5)",
    note="y in {-1, 1}; sigma the logistic sigmoid; the result is the adversarial input",
)
row(
    "bim_pixel_clip",
    r"\mathrm{Clip}_{X, \epsilon}\{X'\} = \min\left\{ 255, X + \epsilon, \max\left\{ 0, X - \epsilon, X' \right\} \right\}",
    r"X, X': scalar; \epsilon: scalar, positive",
    {"X": 120.0, "X_prime": 125.0, "epsilon": 8.0},
    lambda X, X_prime, epsilon: min(255.0, X + epsilon, max(0.0, X - epsilon, X_prime)),
    wrt="X'",
    key="X_prime",
    source="the per-pixel clipping of the basic iterative method, keeping the adversarial image within epsilon of the original and within the valid range (Kurakin, Goodfellow and Bengio, 2017, Adversarial Examples in the Physical World, Sec. 2.2)",
    note="X and X' the values of one pixel (x, y, z) of the original and of the perturbed image",
)
x0_pgd = rnd(7401, 4, lo=0.0, hi=1.0)
xt_pgd = (np.asarray(x0_pgd) + np.asarray(rnd(7402, 4, lo=-0.03, hi=0.03))).round(3).tolist()
g_pgd = rnd(7403, 4)
row(
    "pgd_linf_step",
    r"\mathbf{x}^{t+1} = \operatorname{clip}\left( \mathbf{x}^{t} + \alpha \operatorname{sgn}\left( \mathbf{g}^{t} \right), \mathbf{x} - \epsilon, \mathbf{x} + \epsilon \right)",
    r"x^{t}, g^{t}, x: vector[n]; \alpha, \epsilon: scalar, positive",
    {"x_sup_t": xt_pgd, "g_sup_t": g_pgd, "x": x0_pgd, "alpha": 0.01, "epsilon": 0.031},
    lambda x_sup_t, g_sup_t, x, alpha, epsilon: np.clip(
        x_sup_t + alpha * np.sign(g_sup_t), x - epsilon, x + epsilon
    ),
    source="one step of projected gradient descent on the negative loss, x^{t+1} = Pi_{x+S}(x^t + alpha sgn(grad_x L(theta, x, y))), with the projection onto the L-infinity ball S written as a clip (Madry, Makelov, Schmidt, Tsipras and Vladu, 2018, Towards Deep Learning Models Resistant to Adversarial Attacks, Sec. 2.1)",
    note="g^t = grad_x L(theta, x^t, y) the loss gradient at the current iterate, given; clip(v, a, b) = min(max(v, a), b) entry by entry; the result is the vector",
)
xp_l2 = (np.asarray(x0_pgd) + np.asarray(rnd(7404, 4, lo=-0.6, hi=0.6))).round(3).tolist()
row(
    "pgd_l2_projection",
    r"\mathbf{x} + \min\left( 1, \frac{\epsilon}{\left\| \mathbf{x}' - \mathbf{x} \right\|_2} \right) \left( \mathbf{x}' - \mathbf{x} \right)",
    r"x, x': vector[n]; \epsilon: scalar, positive",
    {"x": x0_pgd, "x_prime": xp_l2, "epsilon": 0.5},
    lambda x, x_prime, epsilon: (
        x + min(1.0, epsilon / float(np.linalg.norm(x_prime - x))) * (x_prime - x)
    ),
    source="the Euclidean projection of an iterate x' onto the L2 ball of radius epsilon around the clean input x, the projection step of L2 PGD (Madry et al., 2018, Sec. 2.1 and Appendix; Parikh and Boyd, 2014, Proximal Algorithms, Sec. 6.5.1)",
    note="the result is the projected vector",
)
Z_cw = [1.3, 2.1, -0.4, 0.9]
row(
    "carlini_wagner_f6",
    r"f_6(x') = \max\left( \max_{i \neq t} Z(x')_i - Z(x')_t, -\kappa \right)",
    r"Z: vector[K]; t: label[K]; \kappa: scalar, nonnegative",
    {"Z": Z_cw, "t": 4, "kappa": 0.0},
    lambda Z, t, kappa: max(
        max(Z[i] for i in range(len(Z)) if i != int(t) - 1) - Z[int(t) - 1], -kappa
    ),
    wrt="Z",
    source="Carlini and Wagner's objective f_6 for a targeted attack, negative once the target class t beats every other logit by kappa (Carlini and Wagner, 2017, Towards Evaluating the Robustness of Neural Networks, Sec. V, objective f_6, with the confidence kappa of Sec. VI)",
    note="Z(x') the logits of the perturbed input x', declared as the vector Z; t the target class, counted from 1",
)
w_cw = rnd(7405, 4, lo=-2.0, hi=2.0)
x_cw = rnd(7406, 4, lo=0.0, hi=1.0)
row(
    "carlini_wagner_tanh_box",
    r"\delta_i = \frac{1}{2} \left( \tanh(w_i) + 1 \right) - x_i",
    "w, x: vector[n]; i: index",
    {"w": w_cw, "x": x_cw},
    lambda w, x: 0.5 * (np.tanh(w) + 1) - x,
    source="the change of variables that keeps x + delta in the box [0, 1]^n, optimizing over unconstrained w (Carlini and Wagner, 2017, Sec. V.B, method 3)",
    note="the result is the perturbation delta, the vector over i",
)
p_tr = simplex(7407, 4)
pp_tr = simplex(7408, 4)
row(
    "trades_loss",
    r"-\log p_y + \beta \sum_{k=1}^{K} p_k \log \frac{p_k}{p'_k}",
    r"p, p': simplex[K]; y: label[K]; \beta: scalar, positive; k: index",
    {"p": p_tr, "p_prime": pp_tr, "y": 2, "beta": 6.0},
    lambda p, p_prime, y, beta: (
        -math.log(p[int(y) - 1]) + beta * float(np.sum(p * np.log(p / p_prime)))
    ),
    wrt="p'",
    key="p_prime",
    source="the TRADES loss of one example, the natural cross-entropy plus beta times the KL divergence between the predictions on the clean and the adversarial input (Zhang, Yu, Jiao, Xing, El Ghaoui and Jordan, 2019, Theoretically Principled Trade-off between Robustness and Accuracy, Sec. 4, with beta = 1 / lambda)",
    note="p = f(x) and p' = f(x') the softmax outputs at the clean input and at the adversarial input x' found by the inner maximization",
)
row(
    "randomized_smoothing_radius",
    r"R = \frac{\sigma}{2} \left( \Phi^{-1}(\underline{p_A}) - \Phi^{-1}(\overline{p_B}) \right)",
    r"p_A, p_B: scalar, unit; \sigma: scalar, positive",
    {"p_A": 0.8, "p_B": 0.15, "sigma": 0.5},
    lambda p_A, p_B, sigma: sigma / 2 * (norm.ppf(p_A) - norm.ppf(p_B)),
    wrt="p_A",
    source="the L2 radius within which the Gaussian-smoothed classifier provably keeps predicting class A (Cohen, Rosenfeld and Kolter, 2019, Certified Adversarial Robustness via Randomized Smoothing, Theorem 1)",
    note="Phi^{-1} the inverse of the standard normal CDF; underline(p_A) a lower bound on the top class's probability and overline(p_B) an upper bound on the runner-up's, declared as p_A and p_B (the table cannot spell the underlined name)",
)
row(
    "randomized_smoothing_radius_one_sided",
    r"R = \sigma \Phi^{-1}(\underline{p_A})",
    r"p_A: scalar, unit; \sigma: scalar, positive",
    {"p_A": 0.9, "sigma": 0.25},
    lambda p_A, sigma: sigma * norm.ppf(p_A),
    wrt="p_A",
    source="the certified radius returned by CERTIFY, Theorem 1 with overline(p_B) = 1 - underline(p_A) (Cohen, Rosenfeld and Kolter, 2019, Sec. 3.2 and Pseudocode)",
    note="Phi^{-1} the inverse of the standard normal CDF; underline(p_A) the lower confidence bound on p_A, declared as p_A",
)
z_lm = [0.4, 2.3, 1.1, -0.5]
row(
    "lipschitz_margin_radius",
    r"\epsilon = \frac{z_t - \max_{i \neq t} z_i}{\sqrt{2} L}",
    "z: vector[K]; t: label[K]; L: scalar, positive",
    {"z": z_lm, "t": 2, "L": 3.0},
    lambda z, t, L: (
        (z[int(t) - 1] - max(z[i] for i in range(len(z)) if i != int(t) - 1)) / (math.sqrt(2) * L)
    ),
    wrt="z",
    source="the L2 radius certified by the margin of the logits of an L-Lipschitz network, from M_{f,x} >= sqrt(2) L epsilon (Tsuzuku, Sato and Sugiyama, 2018, Lipschitz-Margin Training: Scalable Certification of Perturbation Invariance for Deep Neural Networks, Sec. 3)",
    note="z = f(x) the logits at the input and t its (predicted) class, counted from 1",
)
W_df = rnd(7409, 3, 2)
b_df = rnd(7410, 3)
x_df = rnd(7411, 2)
kh_df = int(np.argmax(np.asarray(W_df) @ np.asarray(x_df) + np.asarray(b_df))) + 1


def deepfool(W, b, x_0, k_hat):
    kh = int(k_hat) - 1
    return min(
        abs(float((W[k] - W[kh]) @ x_0 + b[k] - b[kh])) / float(np.linalg.norm(W[k] - W[kh]))
        for k in range(len(W))
        if k != kh
    )


row(
    "deepfool_affine_distance",
    r"\min_{k \neq \hat{k}} \frac{\left| (\mathbf{w}_k - \mathbf{w}_{\hat{k}})^\top \mathbf{x}_0 + b_k - b_{\hat{k}} \right|}{\left\| \mathbf{w}_k - \mathbf{w}_{\hat{k}} \right\|_2}",
    r"W: matrix[K, d]; w_k: row[W]; b: vector[K]; x_0: vector[d]; \hat{k}: label[K]",
    {"W": W_df, "b": b_df, "x_0": x_df, "k_hat": kh_df},
    deepfool,
    wrt="x_0",
    source="the distance from x_0 to the nearest decision boundary of an affine multiclass classifier, the minimal perturbation DeepFool finds, |f'_l(x_0)| / ||w'_l||_2 with f'_k = f_k - f_k-hat and w'_k = w_k - w_k-hat (Moosavi-Dezfooli, Fawzi and Frossard, 2016, DeepFool: a Simple and Accurate Method to Fool Deep Neural Networks, Sec. 2.2)",
    note="w_k the rows of W and b_k the biases of the K affine scores; k-hat = k-hat(x_0) the predicted class, counted from 1",
)
W_ib = rnd(7412, 3, 4)
row(
    "ibp_upper_bound",
    r"\overline{\mathbf{z}}_k = \mathbf{W} \boldsymbol{\mu}_{k-1} + \mathbf{b} + |\mathbf{W}| \mathbf{r}_{k-1}",
    r"W: matrix[m, n]; \mu_{k-1}, r_{k-1}: vector[n]; b: vector[m]",
    {
        "W": W_ib,
        "mu_k_minus_1": rnd(7413, 4),
        "r_k_minus_1": rnd(7414, 4, lo=0.0, hi=0.2),
        "b": rnd(7415, 3),
    },
    lambda W, mu_k_minus_1, r_k_minus_1, b: W @ mu_k_minus_1 + b + np.abs(W) @ r_k_minus_1,
    source="interval bound propagation through an affine layer, the upper bound from the interval's centre mu_{k-1} = (z-bar + z-underline) / 2 and radius r_{k-1} = (z-bar - z-underline) / 2 (Gowal et al., 2018, On the Effectiveness of Interval Bound Propagation for Training Verifiably Robust Models, Eq. 6)",
    note="|W| the entrywise absolute value of W; the result is the vector of upper bounds",
)
p_ma = simplex(7416, 4)
pa_ma = simplex(7417, 4)


def mart(p, p_hat_prime, y, **k):
    yi = int(y) - 1
    bce = -math.log(p_hat_prime[yi]) - math.log(
        1 - max(p_hat_prime[j] for j in range(len(p)) if j != yi)
    )
    return bce + k["lambda"] * (1 - p[yi]) * float(np.sum(p * np.log(p / p_hat_prime)))


row(
    "mart_loss",
    r"-\log \hat{p}'_y - \log\left( 1 - \max_{k \neq y} \hat{p}'_k \right) + \lambda \left( 1 - p_y \right) \sum_{k=1}^{K} p_k \log \frac{p_k}{\hat{p}'_k}",
    r"p, \hat{p}': simplex[K]; y: label[K]; \lambda: scalar, positive; k: index",
    {"p": p_ma, "p_hat_prime": pa_ma, "y": 3, "lambda": 6.0},
    mart,
    wrt=r"\hat{p}'",
    key="p_hat_prime",
    source="MART's loss of one example, a boosted cross-entropy on the adversarial input plus a KL term weighted by how badly the clean input is classified (Wang, Zou, Yi, Bailey, Ma and Gu, 2020, Improving Adversarial Robustness Requires Revisiting Misclassified Examples, Sec. 4)",
    note="p = p(x) and p-hat' = p(x-hat') the softmax outputs at the clean input and at the adversarial input; BCE and KL(p || p-hat') written out",
)

if __name__ == "__main__":
    A.write()
