"""Conformal prediction and predictive uncertainty: split-conformal quantiles and p-values, APS,
RAPS and CQR scores, adaptive conformal inference, aleatoric terms of MC dropout, and the losses of
evidential deep learning for classification and regression (NumPy/SciPy references from each
paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex
from scipy.special import digamma, gammaln

A = Area("conformal")
row = A.row

row(
    "split_conformal_level",
    r"\frac{\lceil (n+1)(1-\alpha) \rceil}{n}",
    r"n: scalar, integer, positive; \alpha: scalar, unit",
    {"n": 50.0, "alpha": 0.1},
    lambda n, alpha: math.ceil((n + 1) * (1 - alpha)) / n,
    source="the quantile level of the calibration scores in split conformal prediction (Angelopoulos and Bates, A Gentle Introduction to Conformal Prediction, 2021, Sec. 1)",
)
s_cal = [0.42, 0.13, 0.77, 0.58, 0.29, 0.91]


def qhat(s, alpha):
    n = len(s)
    k = math.ceil((n + 1) * (1 - alpha))
    return sorted(s)[k - 1]


row(
    "conformal_order_statistic",
    r"\hat{q} = s_{(\lceil (n+1)(1-\alpha) \rceil)}",
    r"s: vector[n]; \alpha: scalar, unit",
    {"s": s_cal, "alpha": 0.3},
    qhat,
    wrt="s",
    source="the conformal threshold, the ceil((n+1)(1-alpha))-th smallest of the n calibration scores (Lei et al., 2018, Distribution-Free Predictive Inference for Regression, Sec. 2.2; Vovk, Gammerman and Shafer, 2005)",
    note="s_(k) is the k-th order statistic of s (the k-th smallest), counted from 1",
)
f_soft = simplex(3100, 4)
row(
    "softmax_conformal_score",
    r"s(x, y) = 1 - \hat{f}(x)_y",
    r"\hat{f}: simplex[K]; y: label[K]",
    {"f_hat": f_soft, "y": 3},
    lambda f_hat, y: 1 - f_hat[int(y) - 1],
    wrt=r"\hat{f}",
    key="f_hat",
    source="the conformal score of a classifier, one minus the softmax output of the true class (Angelopoulos and Bates, 2021, Sec. 1)",
    note="f-hat(x) the softmax output at the one input x, declared as the simplex f-hat (the table cannot declare a function's value at a point)",
)
pi_aps = [0.08, 0.41, 0.23, 0.28]


def aps(pi_hat_x, y, u):
    py = pi_hat_x[int(y) - 1]
    return sum(p for p in pi_hat_x if p > py) + u * py


row(
    "aps_score",
    r"\sum_{y'=1}^{K} \hat{\pi}_x(y') \mathbb{1}\{\hat{\pi}_x(y') > \hat{\pi}_x(y)\} + u \cdot \hat{\pi}_x(y)",
    r"\hat{\pi}_x: simplex[K]; y: label[K]; y': index; u: scalar, unit",
    {"pi_hat_x": pi_aps, "y": 3, "u": 0.37},
    aps,
    wrt=r"\hat{\pi}_x",
    key="pi_hat_x",
    source="randomized adaptive prediction sets score rho_x(y) + u pi-hat_x(y) (Romano, Sesia and Candes, 2020, Classification with Valid and Adaptive Coverage, Sec. 2; written with rho_x as in Angelopoulos et al., 2021, RAPS, Sec. 2)",
    note="u a uniform draw on [0, 1], fixed",
)


def raps(pi_hat_x, y, u, k_reg, **k):
    lam = k["lambda"]
    py = pi_hat_x[int(y) - 1]
    o = sum(1.0 for p in pi_hat_x if p >= py)
    return sum(p for p in pi_hat_x if p > py) + u * py + lam * max(o - k_reg, 0.0)


row(
    "raps_score",
    r"\sum_{y'=1}^{K} \hat{\pi}_x(y') \mathbb{1}\{\hat{\pi}_x(y') > \hat{\pi}_x(y)\} + u \cdot \hat{\pi}_x(y) + \lambda \cdot \left( \sum_{y'=1}^{K} \mathbb{1}\{\hat{\pi}_x(y') \ge \hat{\pi}_x(y)\} - k_{reg} \right)^{+}",
    r"\hat{\pi}_x: simplex[K]; y: label[K]; y': index; u: scalar, unit; \lambda: scalar, nonnegative; k_{reg}: scalar, integer, nonnegative",
    {"pi_hat_x": pi_aps, "y": 1, "u": 0.37, "lambda": 0.1, "k_reg": 2.0},
    raps,
    wrt=r"\hat{\pi}_x",
    key="pi_hat_x",
    source="regularized adaptive prediction sets score rho_x(y) + u pi-hat_x(y) + lambda (o_x(y) - k_reg)^+ (Angelopoulos, Bates, Malik and Jordan, 2021, Uncertainty Sets for Image Classifiers using Conformal Prediction, Sec. 2.1)",
    note="o_x(y) = |{y' : pi-hat_x(y') >= pi-hat_x(y)}|, the rank of y, written as a sum of indicators; (a)^+ = max(a, 0)",
)
Y_cqr = rnd(3101, 5, lo=0.0, hi=2.0)
lo_cqr = rnd(3102, 5, lo=0.0, hi=0.8)
hi_cqr = rnd(3103, 5, lo=1.0, hi=2.0)


def cqr(q_hat_alpha_lo, q_hat_alpha_hi, Y):
    return np.array(
        [max(q_hat_alpha_lo[i] - Y[i], Y[i] - q_hat_alpha_hi[i]) for i in range(len(Y))]
    )


row(
    "cqr_conformity_score",
    r"E_i = \max\left\{ \hat{q}_{\alpha_{lo}}(X_i) - Y_i, \, Y_i - \hat{q}_{\alpha_{hi}}(X_i) \right\}",
    r"\hat{q}_{\alpha_{lo}}, \hat{q}_{\alpha_{hi}}, Y: vector[n]; i: index",
    {"q_hat_alpha_lo": lo_cqr, "q_hat_alpha_hi": hi_cqr, "Y": Y_cqr},
    cqr,
    source="conformity scores of conformalized quantile regression on the calibration set (Romano, Patterson and Candes, 2019, Conformalized Quantile Regression, Eq. 6)",
    note="q-hat(X_i) the fitted lower and upper quantile regressors at X_i, the i-th entries of the declared vectors (the table cannot declare a function's values at the samples)",
)
row(
    "cqr_empirical_quantile_level",
    r"(1 - \alpha)\left(1 + \frac{1}{|\mathcal{I}_2|}\right)",
    r"\alpha: scalar, unit; \mathcal{I}_2: scalar, positive",
    {"alpha": 0.1, "I_cal_2": 40.0},
    lambda alpha, I_cal_2: (1 - alpha) * (1 + 1 / abs(I_cal_2)),
    source="Q_{1-alpha}(E, I_2), the (1 - alpha)(1 + 1/|I_2|)-th empirical quantile of the scores (Romano, Patterson and Candes, 2019, Eq. 7)",
    note="|I_2| the size of the calibration set I_2, declared as the positive scalar I_2",
)


def pinball(y, y_hat, alpha):
    return alpha * (y - y_hat) if y - y_hat > 0 else (1 - alpha) * (y_hat - y)


row(
    "pinball_loss",
    r"\rho_{\alpha}(y, \hat{y}) := \begin{cases} \alpha (y - \hat{y}) & \text{if } y - \hat{y} > 0, \\ (1 - \alpha)(\hat{y} - y) & \text{otherwise}. \end{cases}",
    r"y, \hat{y}: scalar; \alpha: scalar, unit",
    {"y": 1.3, "y_hat": 0.85, "alpha": 0.9},
    pinball,
    wrt=r"\hat{y}",
    key="y_hat",
    source="pinball loss of quantile regression, fitted by the quantile regressors of CQR (Koenker and Bassett, 1978; Romano, Patterson and Candes, 2019, Sec. 2)",
)
s_p = [0.31, 0.72, 0.15, 0.64, 0.48]


def conf_p(s, s_n_plus_1):
    n = len(s)
    return (1 + sum(1.0 for i in range(n) if s[i] >= s_n_plus_1)) / (n + 1)


row(
    "conformal_p_value",
    r"p = \frac{1 + \sum_{i=1}^{n} \mathbb{1}\{s_i \ge s_{n+1}\}}{n + 1}",
    "s: vector[n]; s_{n+1}: scalar; i: index",
    {"s": s_p, "s_n_plus_1": 0.5},
    conf_p,
    source="conformal p-value of a test point's score among n calibration scores, without the randomized tie-breaking (Vovk, Gammerman and Shafer, Algorithmic Learning in a Random World, 2005, Ch. 2; Angelopoulos and Bates, 2021, Sec. 4.4)",
)
row(
    "conformal_coverage_upper_bound",
    r"1 - \alpha + \frac{1}{n + 1}",
    r"\alpha: scalar, unit; n: scalar, integer, positive",
    {"alpha": 0.1, "n": 19.0},
    lambda alpha, n: 1 - alpha + 1 / (n + 1),
    source="upper bound of the split-conformal coverage when the scores have no ties (Lei et al., 2018, Theorem 2.2)",
)
row(
    "adaptive_conformal_update",
    r"\alpha_{t+1} := \alpha_t + \gamma (\alpha - \mathrm{err}_t)",
    r"\alpha_t, \alpha: scalar, unit; \gamma: scalar, positive; \mathrm{err}_t: scalar, nonnegative",
    {"alpha_t": 0.08, "alpha": 0.1, "gamma": 0.005, "err_t": 1.0},
    lambda alpha_t, alpha, gamma, err_t: alpha_t + gamma * (alpha - err_t),
    source="adaptive conformal inference update of the working miscoverage level (Gibbs and Candes, 2021, Adaptive Conformal Inference Under Distribution Shift, Eq. 2)",
    note="err_t = 1 when Y_t falls outside the set C_t, else 0",
)
P_mc = np.asarray(simplex(3104, 5, 3))


def expected_entropy(P):
    T, C = P.shape
    return -sum(P[t, c] * math.log(P[t, c]) for t in range(T) for c in range(C)) / T


row(
    "mc_expected_entropy",
    r"-\frac{1}{T} \sum_{t=1}^{T} \sum_{c=1}^{C} P_{tc} \log P_{tc}",
    "P: matrix[T, C]; t, c: index",
    {"P": P_mc.tolist()},
    expected_entropy,
    wrt="P",
    source="the expected entropy E_{q(omega)} H[y | x, omega] over T stochastic passes, the aleatoric part of the predictive entropy (Gal, Uncertainty in Deep Learning, 2016, Sec. 3.3.1; Depeweg et al., 2018, Eq. 12)",
    note="row t of P is the class distribution of pass t",
)
yk = rnd(3105, 5, lo=-1.0, hi=2.0)
sk = rnd(3106, 5, lo=0.1, hi=0.6)


def kg_var(y_hat, sigma_hat):
    T = len(y_hat)
    return (
        sum(y_hat[t] ** 2 for t in range(T)) / T
        - (sum(y_hat) / T) ** 2
        + sum(sigma_hat[t] ** 2 for t in range(T)) / T
    )


row(
    "kendall_gal_predictive_variance",
    r"\frac{1}{T} \sum_{t=1}^{T} \hat{y}_t^2 - \left(\frac{1}{T} \sum_{t=1}^{T} \hat{y}_t\right)^2 + \frac{1}{T} \sum_{t=1}^{T} \hat{\sigma}_t^2",
    r"\hat{y}, \hat{\sigma}: vector[T]; t: index",
    {"y_hat": yk, "sigma_hat": sk},
    kg_var,
    wrt=r"\hat{\sigma}",
    key="sigma_hat",
    source="predictive variance combining epistemic and aleatoric uncertainty in regression (Kendall and Gal, 2017, What Uncertainties Do We Need in Bayesian Deep Learning, Eq. 9), one output",
)
y_att = rnd(3107, 4)
yh_att = rnd(3108, 4)
s_att = rnd(3109, 4, lo=-1.0, hi=1.0)


def attenuated(y, y_hat, s):
    D = len(y)
    return sum(0.5 * math.exp(-s[i]) * (y[i] - y_hat[i]) ** 2 + 0.5 * s[i] for i in range(D)) / D


row(
    "kendall_gal_attenuation_loss",
    r"\mathcal{L}_{NN}(\theta) = \frac{1}{D} \sum_{i} \frac{1}{2} \exp(-s_i) \|\mathbf{y}_i - \hat{\mathbf{y}}_i\|^2 + \frac{1}{2} s_i",
    r"y, \hat{y}, s: vector[D]; i: index",
    {"y": y_att, "y_hat": yh_att, "s": s_att},
    attenuated,
    wrt="s",
    source="heteroscedastic regression loss with s_i = log sigma_i^2 (Kendall and Gal, 2017, Eq. 8)",
    note="the sum over the D examples covers both terms, as the paper means; each y_i is one number here",
)
y_edl = [0.0, 1.0, 0.0]
a_edl = np.array([1.4, 5.2, 2.1])
S_edl = float(a_edl.sum())
row(
    "edl_mse_loss",
    r"\mathcal{L}_i(\Theta) = \sum_{j=1}^{K} \left[ (y_j - \hat{p}_j)^2 + \frac{\hat{p}_j (1 - \hat{p}_j)}{S + 1} \right]",
    r"y: vector[K]; \hat{p}: simplex[K]; S: scalar, positive; j: index",
    {"y": y_edl, "p_hat": (a_edl / S_edl).tolist(), "S": S_edl},
    lambda y, p_hat, S: sum(
        (y[j] - p_hat[j]) ** 2 + p_hat[j] * (1 - p_hat[j]) / (S + 1) for j in range(len(y))
    ),
    wrt=r"\hat{p}",
    key="p_hat",
    source="evidential classification loss, the expected squared error under Dir(p | alpha) (Sensoy, Kaplan and Kandemir, 2018, Evidential Deep Learning to Quantify Classification Uncertainty, Eq. 5), one example",
    note="p-hat_j = alpha_j / S with S = sum_j alpha_j the Dirichlet strength; y the one-hot label",
)
at_edl = [1.0, 2.6, 1.3]


def edl_kl(alpha_tilde):
    a = alpha_tilde
    K = len(a)
    S = sum(a)
    return (
        gammaln(S)
        - gammaln(K)
        - sum(gammaln(a[k]) for k in range(K))
        + sum((a[k] - 1) * (digamma(a[k]) - digamma(S)) for k in range(K))
    )


row(
    "edl_kl_regularizer",
    r"\log \left( \frac{\Gamma\left(\sum_{k=1}^{K} \tilde{\alpha}_k\right)}{\Gamma(K) \prod_{k=1}^{K} \Gamma(\tilde{\alpha}_k)} \right) + \sum_{k=1}^{K} (\tilde{\alpha}_k - 1) \left[ \psi(\tilde{\alpha}_k) - \psi\left( \sum_{j=1}^{K} \tilde{\alpha}_j \right) \right]",
    r"\tilde{\alpha}: vector[K]; k, j: index",
    {"alpha_tilde": at_edl},
    edl_kl,
    wrt=r"\tilde{\alpha}",
    key="alpha_tilde",
    source="KL divergence of Dir(p | alpha-tilde) from the uniform Dir(p | 1), the evidential regularizer (Sensoy, Kaplan and Kandemir, 2018, Sec. 4)",
    note="psi is the digamma function; alpha-tilde = y + (1 - y) * alpha, the Dirichlet parameters with the true class's evidence removed",
)
e_edl = [0.4, 4.2, 1.1, 0.0]
row(
    "edl_uncertainty_mass",
    r"u = \frac{K}{\sum_{k=1}^{K} (e_k + 1)}",
    "e: vector[K]; k: index",
    {"e": e_edl},
    lambda e: len(e) / sum(e[k] + 1 for k in range(len(e))),
    wrt="e",
    source="uncertainty mass u = K / S of subjective logic with S = sum_k (e_k + 1) (Sensoy, Kaplan and Kandemir, 2018, Sec. 3, Eq. 1)",
    note="e_k >= 0 the evidence for class k",
)


def der_nll(y_i, gamma, nu, Omega, alpha):
    return (
        0.5 * math.log(math.pi / nu)
        - alpha * math.log(Omega)
        + (alpha + 0.5) * math.log((y_i - gamma) ** 2 * nu + Omega)
        + gammaln(alpha)
        - gammaln(alpha + 0.5)
    )


nu_d, beta_d = 1.7, 0.9
row(
    "deep_evidential_regression_nll",
    r"\mathcal{L}^{\mathrm{NLL}}_i(\mathbf{w}) = \frac{1}{2} \log\left(\frac{\pi}{\nu}\right) - \alpha \log(\Omega) + \left(\alpha + \frac{1}{2}\right) \log\left((y_i - \gamma)^2 \nu + \Omega\right) + \log\left(\frac{\Gamma(\alpha)}{\Gamma(\alpha + \frac{1}{2})}\right)",
    r"y_i, \gamma: scalar; \nu, \Omega, \alpha: scalar, positive",
    {"y_i": 0.8, "gamma": 0.45, "nu": nu_d, "Omega": 2 * beta_d * (1 + nu_d), "alpha": 2.3},
    der_nll,
    wrt=r"\gamma",
    key="gamma",
    source="negative log-likelihood of the Normal-Inverse-Gamma evidential model, a Student-t (Amini, Schwarting, Soleimany and Rus, 2020, Deep Evidential Regression, Eq. 8)",
    note="Omega = 2 beta (1 + nu), given (beta = 0.9 here)",
)
row(
    "deep_evidential_regularizer",
    r"\mathcal{L}^{\mathrm{R}}_i(\mathbf{w}) = |y_i - \gamma| \cdot (2\nu + \alpha)",
    r"y_i, \gamma: scalar; \nu, \alpha: scalar, positive",
    {"y_i": 0.8, "gamma": 0.45, "nu": nu_d, "alpha": 2.3},
    lambda y_i, gamma, nu, alpha: abs(y_i - gamma) * (2 * nu + alpha),
    wrt=r"\nu",
    key="nu",
    source="evidence regularizer scaling the error by the total evidence (Amini et al., 2020, Eq. 9)",
)
row(
    "nig_epistemic_variance",
    r"\operatorname{Var}[\mu] = \frac{\beta}{\nu (\alpha - 1)}",
    r"\beta, \nu: scalar, positive; \alpha: scalar, positive",
    {"beta": beta_d, "nu": nu_d, "alpha": 2.3},
    lambda beta, nu, alpha: beta / (nu * (alpha - 1)),
    wrt=r"\nu",
    key="nu",
    source="epistemic uncertainty of the Normal-Inverse-Gamma evidential distribution (Amini et al., 2020, Eq. 5)",
    note="alpha > 1",
)

if __name__ == "__main__":
    A.write()
