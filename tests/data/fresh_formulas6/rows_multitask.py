"""Multi-task learning: homoscedastic uncertainty weighting in its regression, mixed and
log-variance forms, GradNorm's gradient loss, PCGrad's conflict measures and projected update,
MGDA's two-task min-norm weight and objective, CAGrad's update direction, dynamic weight average,
IMTL-L's loss scaling, GradDrop's sign purity, the geometric-mean loss, and the multi-task
performance measure Delta_m (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, softmax

A = Area("multitask")
row = A.row

row(
    "uncertainty_weighting_regression",
    r"\mathcal{L}(W, \sigma_1, \sigma_2) = \frac{1}{2\sigma_1^2} \mathcal{L}_1(W) + \frac{1}{2\sigma_2^2} \mathcal{L}_2(W) + \log \sigma_1 \sigma_2",
    r"\mathcal{L}_1, \mathcal{L}_2: scalar, nonnegative; \sigma_1, \sigma_2: scalar, positive",
    {"L_cal_1": 0.8, "L_cal_2": 2.4, "sigma_1": 0.9, "sigma_2": 1.6},
    lambda L_cal_1, L_cal_2, sigma_1, sigma_2: (
        L_cal_1 / (2 * sigma_1**2) + L_cal_2 / (2 * sigma_2**2) + math.log(sigma_1 * sigma_2)
    ),
    wrt=r"\sigma_1",
    key="sigma_1",
    source="joint loss of two regression tasks weighted by their learned homoscedastic noise (Kendall, Gal and Cipolla, 2018, Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics, Eq. 7)",
    note="L_1(W) and L_2(W) the two tasks' losses at the current weights W, given numbers",
)
row(
    "uncertainty_weighting_regression_classification",
    r"\frac{1}{2\sigma_1^2} \mathcal{L}_1(W) + \frac{1}{\sigma_2^2} \mathcal{L}_2(W) + \log \sigma_1 + \log \sigma_2",
    r"\mathcal{L}_1, \mathcal{L}_2: scalar, nonnegative; \sigma_1, \sigma_2: scalar, positive",
    {"L_cal_1": 0.8, "L_cal_2": 1.1, "sigma_1": 0.9, "sigma_2": 0.7},
    lambda L_cal_1, L_cal_2, sigma_1, sigma_2: (
        L_cal_1 / (2 * sigma_1**2) + L_cal_2 / sigma_2**2 + math.log(sigma_1) + math.log(sigma_2)
    ),
    wrt=r"\sigma_2",
    key="sigma_2",
    source="joint loss of a regression and a classification task with learned noise scales (Kendall, Gal and Cipolla, 2018, Eq. 10)",
    note="L_1(W) the regression loss and L_2(W) the classification cross-entropy at W, given numbers; the paper writes L(W, sigma_1, sigma_2) ~ this expression",
)
L_k = [0.8, 2.4, 0.3]
s_k = [0.2, -0.5, 1.0]
row(
    "uncertainty_weighting_log_variance",
    r"\sum_{i=1}^{T} \left( \frac{1}{2} \exp(-s_i) \mathcal{L}_i + \frac{1}{2} s_i \right)",
    r"\mathcal{L}, s: vector[T]; i: index",
    {"L_cal": L_k, "s": s_k},
    lambda L_cal, s: float(
        sum(0.5 * math.exp(-s[i]) * L_cal[i] + 0.5 * s[i] for i in range(len(s)))
    ),
    wrt="s",
    source="the uncertainty-weighted loss in the log variance s_i := log sigma_i^2 the authors train, numerically stable (Kendall, Gal and Cipolla, 2018, Sec. 3.2, with Eq. 7 for T regression tasks)",
)
G_gn = [1.4, 0.6, 0.9]
r_gn = [1.2, 0.7, 1.1]


def gradnorm(G_W, G_bar_W, r, alpha):
    return float(sum(abs(G_W[i] - G_bar_W * r[i] ** alpha) for i in range(len(G_W))))


row(
    "gradnorm_gradient_loss",
    r"L_{\mathrm{grad}}(t; w_i(t)) = \sum_{i=1}^{T} \left| G_W^{(i)}(t) - \bar{G}_W(t) \times [r_i(t)]^{\alpha} \right|_1",
    r"G_W, r: vector[T]; \bar{G}_W, \alpha: scalar, positive; i: index",
    {"G_W": G_gn, "G_bar_W": 0.9667, "r": r_gn, "alpha": 1.5},
    gradnorm,
    wrt="G_W",
    source="GradNorm's loss pulling each task's weighted gradient norm towards the common scale times its relative inverse training rate to the power alpha (Chen, Badrinarayanan, Lee and Rabinovich, 2018, GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks, Eq. 2)",
    note="G_W^(i)(t) = ||grad_W w_i(t) L_i(t)||_2 the i-th entry of G_W and r_i(t) the i-th entry of r at step t; G-bar_W(t) = E_task[G_W^(i)(t)] given (their mean) and treated as a constant, as the paper does",
)
g_i = [0.6, -0.3, 0.8, 0.1]
g_j = [-0.4, 0.5, 0.2, -0.3]
row(
    "pcgrad_cosine_similarity",
    r"\cos \phi_{ij} = \frac{\mathbf{g}_i \cdot \mathbf{g}_j}{\|\mathbf{g}_i\| \|\mathbf{g}_j\|}",
    "g_i, g_j: vector[d]",
    {"g_i": g_i, "g_j": g_j},
    lambda g_i, g_j: float(g_i @ g_j / (np.linalg.norm(g_i) * np.linalg.norm(g_j))),
    wrt="g_i",
    source="cosine of the angle between two tasks' gradients, negative for conflicting gradients (Yu, Kumar, Gupta, Levine, Hausman and Finn, 2020, Gradient Surgery for Multi-Task Learning, Definition 1)",
)
row(
    "pcgrad_gradient_magnitude_similarity",
    r"\Phi(\mathbf{g}_i, \mathbf{g}_j) = \frac{2 \|\mathbf{g}_i\|_2 \|\mathbf{g}_j\|_2}{\|\mathbf{g}_i\|_2^2 + \|\mathbf{g}_j\|_2^2}",
    "g_i, g_j: vector[d]",
    {"g_i": g_i, "g_j": g_j},
    lambda g_i, g_j: float(2 * np.linalg.norm(g_i) * np.linalg.norm(g_j) / (g_i @ g_i + g_j @ g_j)),
    wrt="g_j",
    source="gradient magnitude similarity of two tasks' gradients (Yu et al., 2020, Definition 3)",
)


def pcgrad_two(g_1, g_2):
    return (
        g_1
        - float(g_1 @ g_2) / float(g_2 @ g_2) * g_2
        + g_2
        - float(g_2 @ g_1) / float(g_1 @ g_1) * g_1
    )


row(
    "pcgrad_two_task_update",
    r"\mathbf{g}^{PC} = \mathbf{g}_1 - \frac{\mathbf{g}_1 \cdot \mathbf{g}_2}{\|\mathbf{g}_2\|^2} \mathbf{g}_2 + \mathbf{g}_2 - \frac{\mathbf{g}_2 \cdot \mathbf{g}_1}{\|\mathbf{g}_1\|^2} \mathbf{g}_1",
    "g_1, g_2: vector[d]",
    {"g_1": g_i, "g_2": g_j},
    pcgrad_two,
    source="the PCGrad update of two conflicting tasks, each gradient projected on the normal plane of the other and the projections summed (Yu et al., 2020, Algorithm 1 and Sec. 2.2)",
    note="the two gradients conflict here (g_1 . g_2 < 0), so both are projected",
)
th_mg = [0.9, 0.2, -0.4]
thb_mg = [-0.3, 0.6, 0.5]


def mgda_alpha(theta, theta_bar):
    a = float((theta_bar - theta) @ theta_bar) / float((theta - theta_bar) @ (theta - theta_bar))
    return min(max(a, 0.0), 1.0)


row(
    "mgda_two_task_min_norm_weight",
    r"\hat{\alpha} = \left[ \frac{(\bar{\theta} - \theta)^\top \bar{\theta}}{\|\theta - \bar{\theta}\|_2^2} \right]_{+, \mathbf{1}^\top}",
    r"\theta, \bar{\theta}: vector[d]",
    {"theta": th_mg, "theta_bar": thb_mg},
    mgda_alpha,
    wrt=r"\theta",
    key="theta",
    source="the weight of the min-norm element of the convex hull of two gradients, min_alpha ||alpha theta + (1 - alpha) theta-bar||^2 (Sener and Koltun, 2018, Multi-Task Learning as Multi-Objective Optimization, Algorithm 1)",
    note="theta and theta-bar the two tasks' gradients; [a]_{+, 1^T} = max(min(a, 1), 0) clips to [0, 1]",
)
row(
    "mgda_min_norm_value",
    r"\left\| \alpha \mathbf{g}_1 + (1 - \alpha) \mathbf{g}_2 \right\|_2^2",
    r"g_1, g_2: vector[d]; \alpha: scalar, unit",
    {"g_1": th_mg, "g_2": thb_mg, "alpha": 0.4},
    lambda g_1, g_2, alpha: float(np.sum((alpha * g_1 + (1 - alpha) * g_2) ** 2)),
    wrt=r"\alpha",
    key="alpha",
    source="the squared norm of a convex combination of two tasks' gradients that MGDA minimizes (Sener and Koltun, 2018, Eq. 3 with two tasks)",
)
g0_ca = [0.5, 0.2, -0.1]
gw_ca = [0.1, 0.4, 0.3]
row(
    "cagrad_update_direction",
    r"\mathbf{d}^* = \mathbf{g}_0 + \frac{c \|\mathbf{g}_0\|}{\|\mathbf{g}_w\|} \mathbf{g}_w",
    "g_0, g_w: vector[d]; c: scalar, unit",
    {"g_0": g0_ca, "g_w": gw_ca, "c": 0.5},
    lambda g_0, g_w, c: g_0 + c * np.linalg.norm(g_0) / np.linalg.norm(g_w) * g_w,
    source="CAGrad's update, the average gradient g_0 moved towards the weighted combination g_w = sum_i w_i g_i of the worst-off tasks (Liu, Liu, Jin, Stone and Liu, 2021, Conflict-Averse Gradient Descent for Multi-task Learning, Eq. 5 and Algorithm 1)",
    note="sqrt(phi) = c ||g_0|| written out; g_w given for the optimal weights w",
)
w_dwa = [1.05, 0.92, 0.98]
row(
    "dynamic_weight_average_one_task",
    r"\lambda_k(t) = \frac{K \exp(w_k(t - 1) / T)}{\sum_{i=1}^{K} \exp(w_i(t - 1) / T)}",
    r"w: vector[K]; K: dim; k: label[K]; T: scalar, positive; i: index",
    {"w": w_dwa, "K": 3, "k": 2, "T": 2.0},
    lambda w, K, k, T: float(K * softmax(w / T)[int(k) - 1]),
    wrt="w",
    source="dynamic weight average, the weight of task k from the relative descending rates w_k(t - 1) = L_k(t - 1) / L_k(t - 2) (Liu, Johns and Davison, 2019, End-to-End Multi-Task Learning with Attention, Eq. 7)",
    note="w_k(t - 1) = L_k(t - 1) / L_k(t - 2), the entries of w",
)
row(
    "geometric_mean_loss",
    r"\mathcal{L} = \left( \prod_{i=1}^{T} \mathcal{L}_i \right)^{\frac{1}{T}}",
    r"\mathcal{L}: vector[T]; T: dim; i: index",
    {"L_cal": L_k, "T": 3},
    lambda L_cal, T: float(np.prod(L_cal) ** (1 / T)),
    wrt=r"\mathcal{L}",
    key="L_cal",
    source="the geometric mean of the task losses, insensitive to their scales (Chennupati, Sistu, Yogamani and Rawashdeh, 2019, MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning, Eq. 2)",
)
M_dm = [[0.72, 0.41, 18.5], [0.7, 0.45, 19.2]]
l_dm = [0.0, 0.0, 1.0]


def delta_m(M, m, b, T, **kw):
    lower = kw["l"]
    mi, bi = int(m) - 1, int(b) - 1
    T = int(T)
    return float(sum((-1) ** lower[i] * (M[mi, i] - M[bi, i]) / M[bi, i] for i in range(T)) / T)


row(
    "multitask_performance_delta",
    r"\Delta_m = \frac{1}{T} \sum_{i=1}^{T} (-1)^{l_i} \frac{M_{m,i} - M_{b,i}}{M_{b,i}}",
    "M: matrix[S, T]; l: vector[T]; m, b: label[S]; T: dim; i: index",
    {"M": M_dm, "l": l_dm, "m": 1, "b": 2, "T": 3},
    delta_m,
    wrt="M",
    source="average relative change of each task's metric of model m against the single-task baseline b, l_i = 1 where lower is better (Maninis, Radosavovic and Kokkinos, 2019, Attentive Single-Tasking of Multiple Tasks, Sec. 5)",
    note="M_{m,i} the metric of model m on task i, rows the models; the paper reports the value in percent",
)
s_im = [0.3, -0.2, 0.1]
row(
    "imtl_loss_scaling",
    r"\sum_{t=1}^{T} \left( e^{s_t} L_t - s_t \right)",
    "s, L: vector[T]; t: index",
    {"s": s_im, "L": L_k},
    lambda s, L: float(sum(math.exp(s[t]) * L[t] - s[t] for t in range(len(s)))),
    wrt="s",
    source="IMTL-L's learned loss scales, each e^{s_t} L_t - s_t minimized in s_t so that the scaled losses are equal (Liu, Li, Kuang, Xue, Chen, Yang, Liao and Zhang, 2021, Towards Impartial Multi-task Learning, Sec. 3.1)",
)
G_gd = [[0.4, -0.2, 0.1], [-0.1, -0.5, 0.3], [0.2, 0.3, -0.6]]
row(
    "graddrop_sign_purity",
    r"\mathcal{P} = \frac{1}{2} \left( 1 + \frac{\sum_i \nabla L_i}{\sum_i |\nabla L_i|} \right)",
    "G: matrix[T, d]",
    {"G": G_gd},
    lambda G: 0.5 * (1 + G.sum(axis=0) / np.abs(G).sum(axis=0)),
    source="GradDrop's gradient positive sign purity at each activation, 1 when all tasks' gradients are positive and 0 when all are negative (Chen, Ngiam, Huang, Luong, Kretzschmar, Chai and Anguelov, 2020, Just Pick a Sign: Optimizing Deep Multitask Models with Gradient Sign Dropout, Eq. 1)",
    note="grad L_i the gradient of task i at the layer's activations, the rows of G; the fraction and the absolute value act entry by entry; the result is the vector over the d activations",
)

if __name__ == "__main__":
    A.write()
