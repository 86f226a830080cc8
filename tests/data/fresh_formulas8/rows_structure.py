"""Causal structure learning: NOTEARS's trace-exponential acyclicity function and its gradient,
its least-squares score and augmented Lagrangian, DAG-GNN's polynomial acyclicity, DAGMA's
log-determinant, NO-BEARS's spectral radius, the GOLEM-EV score, the BIC of a linear-Gaussian
DAG, the back-door adjusted regression coefficient of a linear model, inverse propensity
weighting with a known logistic propensity, the Fisher z statistic and the partial correlation
recursion of the PC algorithm, and HSIC (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd
from scipy.linalg import expm

A = Area("structure")
row = A.row

W_nt = np.asarray(rnd(8700, 4, 4, lo=-0.45, hi=0.45))
W_nt[np.abs(W_nt) < 0.04] = 0.06
d_nt = 4


def notears_h(W, d):
    return float(np.trace(expm(W * W)) - d)


row(
    "notears_acyclicity",
    r"h(W) = \operatorname{tr}\left( e^{W \circ W} \right) - d",
    "W: matrix[d, d]; d: dim",
    {"W": W_nt.tolist(), "d": 4},
    notears_h,
    wrt="W",
    source="NOTEARS's smooth characterization of acyclicity, zero exactly when the weighted graph W is a DAG (Zheng, Aragam, Ravikumar and Xing, 2018, DAGs with NO TEARS: Continuous Optimization for Structure Learning, NeurIPS, Sec. 3, Theorem 1)",
    note="e^{W o W} the matrix exponential of the entrywise square of W",
)
row(
    "notears_acyclicity_gradient",
    r"\nabla h(W) = \left( e^{W \circ W} \right)^T \circ 2W",
    "W: matrix[d, d]",
    {"W": W_nt.tolist()},
    lambda W: expm(W * W).T * 2 * W,
    source="the gradient of NOTEARS's acyclicity function h(W) = tr(e^{W o W}) - d (Zheng, Aragam, Ravikumar and Xing, 2018, NeurIPS, Sec. 3, Theorem 1)",
    note="o the Hadamard (entrywise) product; the value is the d x d matrix",
)
X_nt = np.asarray(rnd(8701, 6, 4, lo=-1.5, hi=1.5))
X_nt = (X_nt - X_nt.mean(0)).round(4)


def notears_F(X, W, **k):
    n = X.shape[0]
    return float(np.sum((X - X @ W) ** 2) / (2 * n) + k["lambda"] * np.sum(np.abs(W)))


row(
    "notears_least_squares_score",
    r"F(W) = \frac{1}{2n} \| \mathbf{X} - \mathbf{X} W \|_F^2 + \lambda \| W \|_1",
    r"X: matrix[n, d]; W: matrix[d, d]; \lambda: scalar, positive",
    {"X": X_nt.tolist(), "W": W_nt.tolist(), "lambda": 0.1},
    notears_F,
    wrt="W",
    source="the score NOTEARS minimizes for a linear SEM, the least-squares loss of regressing every variable on the others through W plus an l1 penalty (Zheng, Aragam, Ravikumar and Xing, 2018, NeurIPS, Secs. 2 and 4, the least-squares loss and its l1-penalized score)",
    note="||W||_1 the entrywise l1 norm ||vec(W)||_1, as the paper defines it (not the induced matrix norm); no entry of W is zero at the point",
)


def notears_al(X, W, d, rho, alpha, **k):
    h = np.trace(expm(W * W)) - d
    return notears_F(X, W, **k) + rho / 2 * abs(h) ** 2 + alpha * h


row(
    "notears_augmented_lagrangian",
    r"L^\rho(W, \alpha) = \frac{1}{2n} \| \mathbf{X} - \mathbf{X} W \|_F^2 + \lambda \| W \|_1 + \frac{\rho}{2} \left| \operatorname{tr}\left( e^{W \circ W} \right) - d \right|^2 + \alpha \left( \operatorname{tr}\left( e^{W \circ W} \right) - d \right)",
    r"X: matrix[n, d]; W: matrix[d, d]; d: dim; \lambda, \rho: scalar, positive; \alpha: scalar",
    {"X": X_nt.tolist(), "W": W_nt.tolist(), "d": 4, "lambda": 0.1, "rho": 10.0, "alpha": 0.5},
    notears_al,
    wrt="W",
    source="the augmented Lagrangian of the equality-constrained program min F(W) s.t. h(W) = 0, with penalty rho and Lagrange multiplier alpha, F and h written out (Zheng, Aragam, Ravikumar and Xing, 2018, NeurIPS, Sec. 4)",
    note="||W||_1 the entrywise l1 norm",
)
A_dg = np.asarray(rnd(8702, 4, 4, lo=-0.6, hi=0.6))


def dag_gnn_h(A, alpha, m):
    m = int(m)
    return float(np.trace(np.linalg.matrix_power(np.eye(m) + alpha * A * A, m)) - m)


row(
    "dag_gnn_polynomial_acyclicity",
    r"h(A) = \operatorname{tr}\left[ (I + \alpha A \circ A)^m \right] - m",
    r"A: matrix[m, m]; \alpha: scalar, positive; m: dim",
    {"A": A_dg.tolist(), "alpha": 0.25, "m": 4},
    dag_gnn_h,
    wrt="A",
    source="DAG-GNN's polynomial alternative to the matrix exponential, zero exactly for acyclic A and easier to compute (Yu, Chen, Gao and Yu, 2019, DAG-GNN: DAG Structure Learning with Graph Neural Networks, ICML, Sec. 3, Theorem 1)",
    note="(.)^m the m-th matrix power, m the number of nodes; alpha = c / m for some c > 0",
)


def dagma(W, s, d):
    d = int(d)
    return float(-math.log(np.linalg.det(s * np.eye(d) - W * W)) + d * math.log(s))


row(
    "dagma_log_determinant_acyclicity",
    r"h^s_{\mathrm{ldet}}(W) = -\log \det(s I - W \circ W) + d \log s",
    "W: matrix[d, d]; s: scalar, positive; d: dim",
    {"W": W_nt.tolist(), "s": 1.0, "d": 4},
    dagma,
    wrt="W",
    source="DAGMA's log-determinant acyclicity characterization, defined on the M-matrices s I - W o W and zero exactly on DAGs (Bello, Aragam and Ravikumar, 2022, DAGMA: Learning DAGs via M-matrices and a Log-Determinant Acyclicity Characterization, NeurIPS, Sec. 3, the function h^s_ldet)",
    note="the spectral radius of W o W is below s at the point",
)
row(
    "no_bears_spectral_radius",
    r"h(W) = \rho(W \circ W)",
    "W: matrix[d, d]",
    {"W": W_nt.tolist()},
    lambda W: float(np.max(np.abs(np.linalg.eigvals(W * W)))),
    wrt="W",
    source="the spectral radius of W o W as an acyclicity constraint, zero exactly for a DAG, which NO-BEARS bounds by power iteration (Lee, Danieletto, Miotto, Cherng and Dudley, 2020, Scaling Structural Learning with NO-BEARS to Infer Causal Transcriptome Networks, Pacific Symposium on Biocomputing 25, Sec. 2)",
    note="rho the spectral radius, the Perron root of the nonnegative matrix W o W (simple here)",
)
B_go = np.asarray(rnd(8703, 4, 4, lo=-0.4, hi=0.4))
B_go[np.abs(B_go) < 0.04] = 0.05


def golem_ev(X, B, d, lambda_1, lambda_2):
    d = int(d)
    h = np.trace(expm(B * B)) - d
    return float(
        d / 2 * math.log(np.sum((X - X @ B) ** 2))
        - math.log(abs(np.linalg.det(np.eye(d) - B)))
        + lambda_1 * np.sum(np.abs(B))
        + lambda_2 * h
    )


row(
    "golem_ev_score",
    r"\mathcal{S}(B; \mathbf{x}) = \frac{d}{2} \log \| \mathbf{X} - \mathbf{X} B \|_F^2 - \log |\det(I - B)| + \lambda_1 \| B \|_1 + \lambda_2 \left( \operatorname{tr}\left( e^{B \circ B} \right) - d \right)",
    r"X: matrix[n, d]; B: matrix[d, d]; d: dim; \lambda_1, \lambda_2: scalar, positive",
    {"X": X_nt.tolist(), "B": B_go.tolist(), "d": 4, "lambda_1": 0.02, "lambda_2": 5.0},
    golem_ev,
    wrt="B",
    source="the score of GOLEM-EV, the profile likelihood of a linear Gaussian SEM with equal noise variances plus soft sparsity and DAG penalties, the latter NOTEARS's h written out (Ng, Ghassami and Zhang, 2020, On the Role of Sparsity and DAG Constraints for Learning Linear DAGs, NeurIPS, Sec. 4, the GOLEM-EV score)",
    note="||B||_1 the entrywise l1 norm (no entry of B is zero); |det(I - B)| the absolute value of the determinant",
)
W_bic = np.array(
    [[0.0, 0.8, 0.0, 0.0], [0.0, 0.0, -0.5, 0.3], [0.0, 0.0, 0.0, 0.6], [0.0, 0.0, 0.0, 0.0]]
)


def bic(X, W, n, d):
    n, d = int(n), int(d)
    ll = sum(
        math.log(
            sum((X[i, j] - sum(X[i, k] * W[k, j] for k in range(d))) ** 2 for i in range(n)) / n
        )
        for j in range(d)
    )
    edges = sum(W[k, j] != 0 for k in range(d) for j in range(d))
    return float(-n / 2 * ll - math.log(n) / 2 * edges)


row(
    "linear_gaussian_dag_bic",
    r"\mathrm{BIC}(W) = -\frac{n}{2} \sum_{j=1}^{d} \log \left( \frac{1}{n} \sum_{i=1}^{n} \left( X_{ij} - \sum_{k=1}^{d} X_{ik} W_{kj} \right)^2 \right) - \frac{\log n}{2} \sum_{k=1}^{d} \sum_{j=1}^{d} \mathbb{1}[W_{kj} \neq 0]",
    "X: matrix[n, d]; W: matrix[d, d]; n, d: dim; i, j, k: index",
    {"X": X_nt.tolist(), "W": W_bic.tolist(), "n": 6, "d": 4},
    bic,
    wrt="X",
    source="the BIC score of a linear Gaussian SEM with weighted adjacency W, the profile log-likelihood with each residual variance at its maximum-likelihood value (up to an additive constant) minus (log n) / 2 per edge (Schwarz, 1978, Estimating the Dimension of a Model; Peters, Janzing and Scholkopf, 2017, Elements of Causal Inference, Sec. 7.2.2)",
    note="the number of parameters counted as the number of edges; the indicator does not change with X",
)
S_bd = np.asarray(spd(8704, 5, jitter=0.8))


def backdoor(sigma_YX, sigma_XX, Sigma_ZY, Sigma_ZX, Sigma_ZZ):
    Si = np.linalg.inv(Sigma_ZZ)
    return float((sigma_YX - Sigma_ZY @ Si @ Sigma_ZX) / (sigma_XX - Sigma_ZX @ Si @ Sigma_ZX))


row(
    "backdoor_adjusted_regression_coefficient",
    r"r_{YX \cdot Z} = \frac{\sigma_{YX} - \Sigma_{ZY}^\top \Sigma_{ZZ}^{-1} \Sigma_{ZX}}{\sigma_{XX} - \Sigma_{ZX}^\top \Sigma_{ZZ}^{-1} \Sigma_{ZX}}",
    r"\sigma_{YX}: scalar; \sigma_{XX}: scalar, positive; \Sigma_{ZY}, \Sigma_{ZX}: vector[k]; \Sigma_{ZZ}: spd[k]",
    {
        "sigma_YX": float(S_bd[1, 0]),
        "sigma_XX": float(S_bd[0, 0]),
        "Sigma_ZY": S_bd[2:, 1].tolist(),
        "Sigma_ZX": S_bd[2:, 0].tolist(),
        "Sigma_ZZ": S_bd[2:, 2:].tolist(),
    },
    backdoor,
    wrt=r"\Sigma_{ZX}",
    key="Sigma_ZX",
    source="the coefficient of X in the linear regression of Y on X and Z, which identifies the total causal effect of X on Y in a linear model when Z satisfies the back-door criterion (Pearl, 2009, Causality, 2nd ed., Sec. 5.3.1, Theorem 5.3.2)",
    note="the partial regression coefficient written with the covariances: sigma_YX and sigma_XX scalars, Sigma_ZY and Sigma_ZX the covariances of the k covariates Z with Y and with X, Sigma_ZZ their covariance",
)
X_ip = np.asarray(rnd(8705, 8, 2, lo=-1.0, hi=1.0))
Z_ip = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]
Y_ip = rnd(8706, 8, lo=0.0, hi=3.0)


def ipw_known(X, Z, Y, beta, n):
    n = int(n)
    e = [1 / (1 + math.exp(-(X[i] @ beta))) for i in range(n)]
    return float(
        sum(Z[i] * Y[i] / e[i] for i in range(n)) / n
        - sum((1 - Z[i]) * Y[i] / (1 - e[i]) for i in range(n)) / n
    )


row(
    "ipw_with_logistic_propensity",
    r"\hat{\Delta}_{\mathrm{IPW}} = n^{-1} \sum_{i=1}^{n} \frac{Z_i Y_i}{\{1 + \exp(-X_i^\top \beta)\}^{-1}} - n^{-1} \sum_{i=1}^{n} \frac{(1 - Z_i) Y_i}{1 - \{1 + \exp(-X_i^\top \beta)\}^{-1}}",
    r"X: matrix[n, p]; X_i: row[X]; Z, Y: vector[n]; \beta: vector[p]; n: dim; i: index",
    {"X": X_ip.tolist(), "Z": Z_ip, "Y": Y_ip, "beta": [0.4, -0.7], "n": 8},
    ipw_known,
    wrt=r"\beta",
    key="beta",
    source="the inverse-propensity-weighted estimator of the average treatment effect with the logistic propensity e(X, beta) = {1 + exp(-X^T beta)}^{-1} written out (Lunceford and Davidian, 2004, Stratification and Weighting via the Propensity Score in Estimation of Causal Treatment Effects: A Comparative Study, Statistics in Medicine 23, Sec. 3, the weighting estimators)",
    note="Z_i the treatment indicator, Y_i the outcome and X_i the covariates of subject i (the rows of X)",
)
row(
    "fisher_z_statistic",
    r"z = \frac{1}{2} \sqrt{n - |K| - 3} \, \ln \left( \frac{1 + r}{1 - r} \right)",
    "r: scalar; n: scalar, positive; K: scalar, integer, nonnegative",
    {"r": 0.32, "n": 50.0, "K": 2.0},
    lambda r, n, K: 0.5 * math.sqrt(n - abs(K) - 3) * math.log((1 + r) / (1 - r)),
    wrt="r",
    source="Fisher's z transform of a sample partial correlation r given a conditioning set K, approximately standard normal under conditional independence, the test of the PC algorithm (Spirtes, Glymour and Scheines, 2000, Causation, Prediction, and Search, 2nd ed., Ch. 5; Kalisch and Buhlmann, 2007, Estimating High-Dimensional Directed Acyclic Graphs with the PC-Algorithm, JMLR 8, Sec. 2)",
    note="|K| the size of the conditioning set, declared as the number K",
)
row(
    "partial_correlation_recursion",
    r"\rho_{ij \cdot k} = \frac{\rho_{ij} - \rho_{ik} \rho_{jk}}{\sqrt{(1 - \rho_{ik}^2)(1 - \rho_{jk}^2)}}",
    r"\rho_{ij}, \rho_{ik}, \rho_{jk}: scalar",
    {"rho_ij": 0.45, "rho_ik": 0.3, "rho_jk": -0.2},
    lambda rho_ij, rho_ik, rho_jk: (
        (rho_ij - rho_ik * rho_jk) / math.sqrt((1 - rho_ik**2) * (1 - rho_jk**2))
    ),
    wrt=r"\rho_{ik}",
    key="rho_ik",
    source="the partial correlation of variables i and j given k from the pairwise correlations, the first step of the recursion the PC algorithm uses for larger conditioning sets (Kalisch and Buhlmann, 2007, JMLR 8, Sec. 2)",
)
x_hs = np.asarray(rnd(8707, 5, lo=-1.0, hi=1.0))
y_hs = (x_hs**2 + np.asarray(rnd(8708, 5, lo=-0.2, hi=0.2))).round(4)
K_hs = np.exp(-((x_hs[:, None] - x_hs[None, :]) ** 2) / 2).round(6)
L_hs = np.exp(-((y_hs[:, None] - y_hs[None, :]) ** 2) / 2).round(6)
H_hs = (np.eye(5) - np.ones((5, 5)) / 5).round(6)
row(
    "hsic_biased_estimator",
    r"\mathrm{HSIC}(Z, \mathcal{F}, \mathcal{G}) := (m - 1)^{-2} \operatorname{tr}(K H L H)",
    "K, L, H: matrix[m, m]; m: dim",
    {"K": K_hs.tolist(), "L": L_hs.tolist(), "H": H_hs.tolist(), "m": 5},
    lambda K, L, H, m: float(np.trace(K @ H @ L @ H)) / (m - 1) ** 2,
    wrt="L",
    source="the empirical Hilbert-Schmidt independence criterion of a sample Z of m pairs, with Gram matrices K and L, the dependence measure that additive-noise causal discovery tests residuals with (Gretton, Bousquet, Smola and Scholkopf, 2005, Measuring Statistical Dependence with Hilbert-Schmidt Norms, ALT, Sec. 3; Hoyer, Janzing, Mooij, Peters and Scholkopf, 2009, Nonlinear Causal Discovery with Additive Noise Models, NIPS)",
    note="H = I - (1/m) 1 1^T the centering matrix, given; K and L Gaussian-kernel Gram matrices of the two variables",
)

if __name__ == "__main__":
    A.write()
