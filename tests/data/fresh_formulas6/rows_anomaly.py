"""Anomaly and novelty detection: Deep SVDD's one-class and soft-boundary objectives, Deep SAD,
the isolation forest's path-length normalizer and anomaly score, the Mahalanobis confidence score
and its tied covariance, the energy score and outlier exposure's loss, the one-class SVM's
decision value, an autoencoder's reconstruction error, the k-th nearest neighbour distance, LOF's
reachability distance and local reachability density, and HBOS (NumPy references from each
paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, sigmoid, spd

A = Area("anomaly")
row = A.row

Phi_sv = rnd(6900, 5, 3)
c_sv = [0.1, -0.2, 0.3]
W_sv = rnd(6901, 3, 4)


def svdd_one_class(phi, c, W, n, **k):
    n = int(n)
    return float(
        sum(np.sum((phi[i] - c) ** 2) for i in range(n)) / n + k["lambda"] / 2 * np.sum(W**2)
    )


row(
    "deep_svdd_one_class_objective",
    r"\frac{1}{n} \sum_{i=1}^{n} \left\| \phi(\mathbf{x}_i; \mathcal{W}) - \mathbf{c} \right\|^2 + \frac{\lambda}{2} \left\| \mathbf{W} \right\|_F^2",
    r"\phi: matrix[n, p]; c: vector[p]; W: matrix[p, q]; \lambda: scalar, positive; n: dim; i: index",
    {"phi": Phi_sv, "c": c_sv, "W": W_sv, "lambda": 0.01, "n": 5},
    svdd_one_class,
    wrt="c",
    source="One-Class Deep SVDD's objective, the mean squared distance of the network's outputs to the center c plus weight decay (Ruff et al., 2018, Deep One-Class Classification, Eq. 4)",
    note="phi(x_i; W) the network's output for the i-th training sample, the i-th row of phi (the table cannot declare a function's values); the paper's weight decay sum over the L layers has one layer here, W",
)


def soft_boundary(phi, c, R, nu):
    n = len(phi)
    return R**2 + sum(max(0.0, float(np.sum((phi[i] - c) ** 2)) - R**2) for i in range(n)) / (
        nu * n
    )


row(
    "soft_boundary_deep_svdd",
    r"R^2 + \frac{1}{\nu n} \sum_{i=1}^{n} \max\left\{ 0, \left\| \phi(\mathbf{x}_i; \mathcal{W}) - \mathbf{c} \right\|^2 - R^2 \right\}",
    r"\phi: matrix[n, p]; c: vector[p]; R: scalar, positive; \nu: scalar, unit; n: dim; i: index",
    {"phi": Phi_sv, "c": c_sv, "R": 0.9, "nu": 0.1, "n": 5},
    lambda phi, c, R, nu, n: soft_boundary(phi, c, R, nu),
    wrt="R",
    source="soft-boundary Deep SVDD without its weight decay, the hypersphere's volume plus the penalized points outside it (Ruff et al., 2018, Eq. 3)",
    note="phi(x_i; W) the rows of phi; nu in (0, 1] trades the radius against the violations",
)
Phit_sad = rnd(6902, 3, 3)
yt_sad = [1.0, -1.0, -1.0]


def deep_sad(phi, phi_tilde, y_tilde, c, eta, n, m):
    a = sum(np.sum((phi[i] - c) ** 2) for i in range(int(n)))
    b = sum(np.sum((phi_tilde[j] - c) ** 2) ** y_tilde[j] for j in range(int(m)))
    return float(a / (n + m) + eta / (n + m) * b)


row(
    "deep_sad_objective",
    r"\frac{1}{n + m} \sum_{i=1}^{n} \left\| \phi(\mathbf{x}_i; \mathcal{W}) - \mathbf{c} \right\|^2 + \frac{\eta}{n + m} \sum_{j=1}^{m} \left( \left\| \phi(\tilde{\mathbf{x}}_j; \mathcal{W}) - \mathbf{c} \right\|^2 \right)^{\tilde{y}_j}",
    r"\phi: matrix[n, p]; \tilde{\phi}: matrix[m, p]; \tilde{y}: vector[m]; c: vector[p]; \eta: scalar, positive; n, m: dim; i, j: index",
    {
        "phi": Phi_sv,
        "phi_tilde": Phit_sad,
        "y_tilde": yt_sad,
        "c": c_sv,
        "eta": 1.0,
        "n": 5,
        "m": 3,
    },
    deep_sad,
    wrt="c",
    source="Deep SAD's objective over n unlabeled and m labeled samples, labeled anomalies (y-tilde = -1) pushed away from the center by the inverse squared distance (Ruff et al., 2020, Deep Semi-Supervised Anomaly Detection, Eq. 6, without weight decay)",
    note="phi(x_i; W) the rows of phi and phi(x-tilde_j; W) the rows of phi-tilde; y-tilde_j in {-1, +1}",
)
row(
    "isolation_forest_path_normalizer",
    r"c(n) = 2H(n - 1) - (2(n - 1) / n)",
    "n: scalar, integer, positive",
    {"n": 256.0},
    lambda n: 2 * (math.log(n - 1) + 0.5772156649) - 2 * (n - 1) / n,
    source="the average path length of an unsuccessful binary-search-tree search among n points, normalizing path lengths in an isolation tree (Liu, Ting and Zhou, 2008, Isolation Forest, Eq. 1)",
    note="H(i) the harmonic number, estimated as the paper does by ln(i) + 0.5772156649 (Euler's constant)",
)
h_if = [6.2, 4.8, 5.5, 7.1, 5.0]


def iforest(h, t, n):
    c = 2 * (math.log(n - 1) + 0.5772156649) - 2 * (n - 1) / n
    return 2 ** (-(sum(h) / t) / c)


row(
    "isolation_forest_anomaly_score",
    r"s(x, n) = 2^{-\frac{\frac{1}{t} \sum_{i=1}^{t} h_i(x)}{2 (\ln(n - 1) + 0.5772156649) - \frac{2(n - 1)}{n}}}",
    "h: vector[t]; t: dim; n: scalar, integer, positive; i: index",
    {"h": h_if, "t": 5, "n": 256.0},
    iforest,
    wrt="h",
    source="the isolation forest's anomaly score 2^{-E(h(x)) / c(n)}, E(h(x)) the mean path length of x over the t trees (Liu, Ting and Zhou, 2008, Eqs. 1-2)",
    note="h_i(x) the path length of x in the i-th tree, the entries of h; c(n) written out with H(n - 1) estimated by ln(n - 1) + 0.5772156649",
)
Mu_ma = rnd(6903, 3, 3)
S_ma = spd(6904, 3)
f_ma = rnd(6905, 3)


def maha_score(f, mu_hat, Sigma_hat):
    return max(
        -float((f - mu_hat[c]) @ np.linalg.solve(Sigma_hat, f - mu_hat[c]))
        for c in range(len(mu_hat))
    )


row(
    "mahalanobis_confidence_score",
    r"M(\mathbf{x}) = \max_{c} -\left( f(\mathbf{x}) - \hat{\mu}_c \right)^\top \hat{\Sigma}^{-1} \left( f(\mathbf{x}) - \hat{\mu}_c \right)",
    r"f: vector[d]; \hat{\mu}: matrix[C, d]; \hat{\Sigma}: spd[d]",
    {"f": f_ma, "mu_hat": Mu_ma, "Sigma_hat": S_ma},
    maha_score,
    wrt="f",
    source="the Mahalanobis confidence score, minus the distance of a test feature to the closest class-conditional Gaussian with a tied covariance (Lee, Lee, Lee and Shin, 2018, A Simple Unified Framework for Detecting Out-of-Distribution Samples and Adversarial Attacks, Eq. 2)",
    note="f(x) the penultimate-layer feature of the one test input x, declared as the vector f; mu-hat_c the class means, the rows of mu-hat",
)
F_tc = rnd(6906, 6, 2)
y_tc = [1, 2, 1, 3, 2, 3]
Mu_tc = np.array(
    [np.asarray(F_tc)[[i for i in range(6) if y_tc[i] == c]].mean(0) for c in (1, 2, 3)]
)


def tied_cov(f, y, mu_hat, N):
    return (
        sum(
            np.outer(f[i] - mu_hat[int(y[i]) - 1], f[i] - mu_hat[int(y[i]) - 1])
            for i in range(int(N))
        )
        / N
    )


row(
    "tied_covariance_estimate",
    r"\hat{\Sigma} = \frac{1}{N} \sum_{i=1}^{N} \left( f(\mathbf{x}_i) - \hat{\mu}_{y_i} \right) \left( f(\mathbf{x}_i) - \hat{\mu}_{y_i} \right)^\top",
    r"f: matrix[N, d]; y: labels[N, C]; \hat{\mu}: matrix[C, d]; N: dim; i: index",
    {"f": F_tc, "y": y_tc, "mu_hat": Mu_tc.round(6).tolist(), "N": 6},
    tied_cov,
    source="the tied covariance of the class-conditional Gaussians, sum_c sum_{i: y_i = c} (f(x_i) - mu-hat_c)(f(x_i) - mu-hat_c)^T / N written with the labels (Lee et al., 2018, Eq. 1)",
    note="f(x_i) the feature of training sample i, the i-th row of f (the table cannot declare a function's values); y_i its class, counted from 1; mu-hat_c the class means, the rows of mu-hat",
)
f_en = rnd(6907, 5, lo=-2.0, hi=3.0)
row(
    "energy_score",
    r"E(\mathbf{x}; f) = -T \cdot \log \sum_{i}^{K} e^{f_i(\mathbf{x}) / T}",
    "f: vector[K]; T: scalar, positive",
    {"f": f_en, "T": 1.0},
    lambda f, T: -T * math.log(float(np.sum(np.exp(f / T)))),
    wrt="f",
    source="the free energy of a classifier's logits used as an out-of-distribution score, lower for in-distribution inputs (Liu, Wang, Owens and Li, 2020, Energy-based Out-of-distribution Detection, Eq. 5)",
    note="f_i(x) the i-th logit at the one input x, the entries of f; the paper writes the sum over i up to K without a lower limit",
)
fo_oe = rnd(6918, 5, lo=-1.0, hi=1.0)


def outlier_exposure(z, z_prime, y, K, **k):
    lam = k["lambda"]
    return float(-log_softmax(z)[int(y) - 1] + lam * (-np.sum(log_softmax(z_prime)) / K))


row(
    "outlier_exposure_loss",
    r"-\log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}} + \lambda \left( -\frac{1}{K} \sum_{k=1}^{K} \log \frac{e^{z'_k}}{\sum_{j=1}^{K} e^{z'_j}} \right)",
    r"z, z': vector[K]; y: label[K]; K: dim; \lambda: scalar, positive; j, k: index",
    {"z": f_en, "z_prime": fo_oe, "y": 3, "K": 5, "lambda": 0.5},
    outlier_exposure,
    wrt="z'",
    key="z_prime",
    source="outlier exposure for a classifier, the cross-entropy of an in-distribution sample plus lambda times the cross-entropy from the uniform distribution of an auxiliary outlier x' (Hendrycks, Mazeika and Dietterich, 2019, Deep Anomaly Detection with Outlier Exposure, Sec. 3 and Sec. 4.2)",
    note="z = f(x) and z' = f(x') the logits of the in-distribution sample x (label y) and of the outlier x'; the cross-entropy H(U; f(x')) to the uniform distribution written out; the expectations over D_in and D_out^OE taken at one sample each",
)
X_oc = rnd(6908, 4, 2)
a_oc = [0.3, 0.2, 0.25, 0.25]
x_oc = [0.2, -0.1]


def ocsvm(X, alpha, x, c, rho):
    return float(
        sum(alpha[i] * math.exp(-np.sum((X[i] - x) ** 2) / c) for i in range(len(X))) - rho
    )


row(
    "one_class_svm_decision_value",
    r"\sum_{i=1}^{n} \alpha_i \exp\left( -\frac{\|\mathbf{x}_i - \mathbf{x}\|^2}{c} \right) - \rho",
    r"X: matrix[n, d]; x_i: row[X]; \alpha: vector[n]; x: vector[d]; c, \rho: scalar, positive; i: index",
    {"X": X_oc, "alpha": a_oc, "x": x_oc, "c": 0.5, "rho": 0.4},
    ocsvm,
    wrt="x",
    source="the argument of the one-class SVM's decision function, sum_i alpha_i k(x_i, x) - rho, with the paper's Gaussian kernel k(x, y) = e^{-||x - y||^2 / c} (Scholkopf, Platt, Shawe-Taylor, Smola and Williamson, 2001, Estimating the Support of a High-Dimensional Distribution, Eqs. 3 and 7)",
    note="x_i the support vectors, the rows of X",
)


x_pca = rnd(6911, 4)
W_ae = rnd(6912, 2, 4)
b_ae = rnd(6913, 2)
bp_ae = rnd(6914, 4)


def ae_err(x, W, b, b_prime):
    return float(np.sum((x - (W.T @ sigmoid(W @ x + b) + b_prime)) ** 2))


row(
    "autoencoder_reconstruction_error",
    r"\left\| \mathbf{x} - \left( \mathbf{W}^\top \sigma(\mathbf{W} \mathbf{x} + \mathbf{b}) + \mathbf{b}' \right) \right\|_2^2",
    "x, b': vector[d]; W: matrix[k, d]; b: vector[k]",
    {"x": x_pca, "W": W_ae, "b": b_ae, "b_prime": bp_ae},
    ae_err,
    wrt="W",
    source="the reconstruction error of an autoencoder with tied weights as an anomaly score (Sakurada and Yairi, 2014, Anomaly Detection Using Autoencoders with Nonlinear Dimensionality Reduction, Sec. 3; Vincent, Larochelle, Bengio and Manzagol, 2008, Sec. 2.2)",
    note="sigma the logistic sigmoid, entry by entry",
)
X_kn = rnd(6915, 6, 2)
x_kn = [0.3, 0.1]


def kth_distance(x, X, k):
    d = sorted(np.linalg.norm(X[j] - x) for j in range(len(X)))
    return float(d[int(k) - 1])


row(
    "knn_kth_distance_score",
    r"D^k(\mathbf{x}) = \left\| \mathbf{x} - \mathbf{x}_{(k)} \right\|_2",
    "x: vector[d]; X: matrix[n, d]; k: scalar, integer, positive",
    {"x": x_kn, "X": X_kn, "k": 3.0},
    kth_distance,
    wrt="x",
    source="the distance of a point to its k-th nearest neighbour as its outlier score (Ramaswamy, Rastogi and Shim, 2000, Efficient Algorithms for Mining Outliers from Large Data Sets, Sec. 2)",
    note="x_(k) the k-th nearest of the rows of X to x (the table cannot declare an order statistic of rows)",
)


p_lof = [0.9, 0.4]
o_lof = [0.2, 0.1]
row(
    "lof_reachability_distance",
    r"\operatorname{reach-dist}_k(\mathbf{p}, \mathbf{o}) = \max\left\{ \varepsilon_k(\mathbf{o}), \left\| \mathbf{p} - \mathbf{o} \right\|_2 \right\}",
    r"p, o: vector[d]; \varepsilon_k: scalar, positive",
    {"p": p_lof, "o": o_lof, "varepsilon_k": 0.5},
    lambda p, o, varepsilon_k: max(varepsilon_k, float(np.linalg.norm(p - o))),
    wrt="p",
    source="the reachability distance of p with respect to o, at least the k-distance of o (Breunig, Kriegel, Ng and Sander, 2000, LOF: Identifying Density-Based Local Outliers, Definition 5)",
    note="epsilon_k(o) = k-distance(o), the distance from o to its k-th nearest neighbour, given (the paper's name, k-distance(o), the table cannot declare); d(p, o) the Euclidean distance written as a norm",
)
O_lof = rnd(6916, 3, 2)
eps_lof = [0.35, 0.8, 0.5]


def lrd(p, varepsilon, k, **kw):
    nbrs = kw["O"]
    return 1 / (
        sum(max(varepsilon[j], float(np.linalg.norm(p - nbrs[j]))) for j in range(int(k))) / k
    )


row(
    "lof_local_reachability_density",
    r"\mathrm{lrd}_k(\mathbf{p}) = \left( \frac{1}{k} \sum_{j=1}^{k} \max\left\{ \varepsilon_j, \left\| \mathbf{p} - \mathbf{o}_j \right\|_2 \right\} \right)^{-1}",
    r"p: vector[d]; O: matrix[k, d]; o_j: row[O]; \varepsilon: vector[k]; k: dim; j: index",
    {"p": p_lof, "O": O_lof, "varepsilon": eps_lof, "k": 3},
    lrd,
    wrt="p",
    source="the local reachability density of p, the inverse of its mean reachability distance from its k nearest neighbours (Breunig et al., 2000, Definition 6)",
    note="the neighbourhood N_k(p) holds the k points o_j, the rows of O (|N_k(p)| = k, no ties), and epsilon_j = k-distance(o_j); reach-dist_k(p, o_j) written out",
)


hist_h = [0.12, 0.3, 0.05, 0.22]
row(
    "hbos_score",
    r"\mathrm{HBOS}(p) = \sum_{i=0}^{d} \log\left( \frac{1}{\mathrm{hist}_i(p)} \right)",
    r"\mathrm{hist}: vector[d+1]; i: index",
    {"hist": hist_h},
    lambda hist: float(sum(math.log(1 / hist[i]) for i in range(len(hist)))),
    wrt=r"\mathrm{hist}",
    key="hist",
    source="histogram-based outlier score, the sum over the features of the log inverse heights of the bins p falls in (Goldstein and Dengel, 2012, Histogram-based Outlier Score (HBOS): A Fast Unsupervised Anomaly Detection Algorithm, Eq. 1)",
    note="hist_i(p) the normalized height of the bin of feature i holding p, the entries of hist counted from 0 as the paper writes the sum",
)

if __name__ == "__main__":
    A.write()
