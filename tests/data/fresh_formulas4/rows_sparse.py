"""Sparse coding, proximal methods and sparsity penalties: soft and hard thresholding, ISTA and
FISTA, the elastic net, group lasso, dictionary learning, LISTA, ADMM and non-convex penalties
(NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("sparse")
row = A.row

xv = [0.9, -0.15, 0.4, -1.3, 0.05]


def soft(v, a):
    return np.sign(v) * np.maximum(np.abs(v) - a, 0.0)


row(
    "soft_thresholding_operator",
    r"\mathcal{T}_{\alpha}(x)_i = (|x_i| - \alpha)_{+} \operatorname{sgn}(x_i)",
    "x: vector[n]; alpha: scalar, positive; i: index",
    {"x": xv, "alpha": 0.3},
    lambda x, alpha: np.array([max(abs(x[i]) - alpha, 0.0) * np.sign(x[i]) for i in range(len(x))]),
    source="shrinkage operator of ISTA (Beck and Teboulle, 2009, Sec. 1, after Eq. 1.4)",
)


def soft_cases(x, **k):
    lam = k["lambda"]
    if x > lam:
        return x - lam
    if x < -lam:
        return x + lam
    return 0.0


row(
    "soft_thresholding_cases",
    r"S_{\lambda}(x) = \begin{cases} x - \lambda & \text{if } x > \lambda \\ 0 & \text{if } |x| \le \lambda \\ x + \lambda & \text{if } x < -\lambda \end{cases}",
    "x: scalar; lambda: scalar, positive",
    {"x": 0.9, "lambda": 0.3},
    soft_cases,
    wrt="x",
    source="soft thresholding, the proximal operator of lambda |x| (Parikh and Boyd, Proximal Algorithms, 2014, Sec. 6.5.2)",
)
Ai = rnd(2600, 4, 5)
bi = rnd(2601, 4)
xi0 = rnd(2602, 5)


def ista(x, A, b, t, **k):
    lam = k["lambda"]
    g = A.T @ (A @ x - b)
    u = x - 2 * t * g
    return np.array([np.sign(u[i]) * max(abs(u[i]) - lam * t, 0.0) for i in range(len(x))])


row(
    "ista_step",
    r"\operatorname{sgn}\left(x_i - 2t \left(A^\top (A x - b)\right)_i\right) \max\left( \left| x_i - 2t \left(A^\top (A x - b)\right)_i \right| - \lambda t, 0 \right)",
    "x: vector[n]; A: matrix[m, n]; b: vector[m]; t, lambda: scalar, positive; i: index",
    {"x": xi0, "A": Ai, "b": bi, "t": 0.1, "lambda": 0.5},
    ista,
    source="ISTA step x_k = T_{lambda t}(x_{k-1} - 2t A^T(A x_{k-1} - b)) for min ||Ax - b||^2 + lambda ||x||_1 (Beck and Teboulle, 2009, Eq. 1.4), entry i",
)
row(
    "fista_momentum_sequence",
    r"t_{k+1} = \frac{1 + \sqrt{1 + 4 t_k^2}}{2}",
    "t_k: scalar, positive",
    {"t_k": 2.3},
    lambda t_k: (1 + math.sqrt(1 + 4 * t_k**2)) / 2,
    wrt="t_k",
    source="FISTA step-size sequence (Beck and Teboulle, 2009, Eq. 4.2)",
)
xk = rnd(2603, 4)
xk1 = rnd(2604, 4)
row(
    "fista_extrapolation",
    r"y_{k+1} = x_k + \left(\frac{t_k - 1}{t_{k+1}}\right)(x_k - x_{k-1})",
    "x_k, x_{k-1}: vector[n]; t_k, t_{k+1}: scalar, positive",
    {"x_k": xk, "x_k_minus_1": xk1, "t_k": 2.3, "t_k_plus_1": 2.8},
    lambda x_k, x_k_minus_1, t_k, t_k_plus_1: x_k + (t_k - 1) / t_k_plus_1 * (x_k - x_k_minus_1),
    source="FISTA extrapolation step (Beck and Teboulle, 2009, Eq. 4.3)",
)
Xe = rnd(2605, 5, 3)
ye = rnd(2606, 5)
be = [0.6, -0.4, 0.25]


def naive_enet(y, X, beta, lambda_1, lambda_2):
    return (
        float(np.sum((y - X @ beta) ** 2))
        + lambda_2 * float(np.sum(beta**2))
        + lambda_1 * float(np.sum(np.abs(beta)))
    )


row(
    "naive_elastic_net",
    r"L(\lambda_1, \lambda_2, \beta) = |y - X\beta|^2 + \lambda_2 |\beta|^2 + \lambda_1 |\beta|_1",
    "y: vector[n]; X: matrix[n, p]; beta: vector[p]; lambda_1, lambda_2: scalar, positive",
    {"y": ye, "X": Xe, "beta": be, "lambda_1": 0.4, "lambda_2": 0.2},
    naive_enet,
    wrt="beta",
    source="naive elastic net criterion (Zou and Hastie, 2005, Eq. 3), |beta|^2 = sum_j beta_j^2 and |beta|_1 = sum_j |beta_j| as the paper defines them",
)


def glmnet(y, X, beta, beta_0, alpha, **k):
    N = len(y)
    lam = k["lambda"]
    fit = sum((y[i] - beta_0 - float(X[i] @ beta)) ** 2 for i in range(N)) / (2 * N)
    return fit + lam * (
        0.5 * (1 - alpha) * float(np.sum(beta**2)) + alpha * float(np.sum(np.abs(beta)))
    )


row(
    "glmnet_objective",
    r"\frac{1}{2N} \sum_{i=1}^{N} (y_i - \beta_0 - x_i^T \beta)^2 + \lambda \left[ \frac{1}{2} (1 - \alpha) \|\beta\|_{\ell_2}^2 + \alpha \|\beta\|_{\ell_1} \right]",
    "y: vector[N]; X: matrix[N, p]; x_i: row[X]; beta: vector[p]; beta_0: scalar; alpha: scalar, unit; lambda: scalar, positive; i: index",
    {"y": ye, "X": Xe, "beta": be, "beta_0": 0.1, "alpha": 0.5, "lambda": 0.3},
    glmnet,
    wrt="beta",
    source="elastic-net objective of glmnet (Friedman, Hastie and Tibshirani, 2010, Eq. 1-2)",
)
xg = rnd(2607, 5, 3)
rg = rnd(2608, 5)


def glmnet_update(x, r, j, alpha, **k):
    N = len(r)
    lam = k["lambda"]
    jj = int(j) - 1
    z = sum(x[i, jj] * r[i] for i in range(N)) / N
    return np.sign(z) * max(abs(z) - lam * alpha, 0.0) / (1 + lam * (1 - alpha))


row(
    "glmnet_coordinate_update",
    r"\tilde{\beta}_j \leftarrow \frac{\operatorname{sign}\left(\frac{1}{N} \sum_{i=1}^{N} x_{ij} r_i\right) \left( \left|\frac{1}{N} \sum_{i=1}^{N} x_{ij} r_i\right| - \lambda \alpha \right)_{+}}{1 + \lambda (1 - \alpha)}",
    "x: matrix[N, p]; r: vector[N]; j: scalar, integer, positive; alpha: scalar, unit; lambda: scalar, positive; i: index",
    {"x": xg, "r": rg, "j": 2, "alpha": 0.5, "lambda": 0.1},
    glmnet_update,
    wrt="r",
    source="coordinate-descent update of glmnet with S(z, gamma) = sign(z)(|z| - gamma)_+ written in (Friedman, Hastie and Tibshirani, 2010, Eq. 5-6), r_i = y_i - y-tilde_i^(j) the partial residual",
)
vg = [0.8, -0.6, 0.3]
row(
    "block_soft_thresholding",
    r"\left(1 - \frac{\lambda}{\|v\|_2}\right)_{+} v",
    "v: vector[n]; lambda: scalar, positive",
    {"v": vg, "lambda": 0.4},
    lambda v, **k: max(1 - k["lambda"] / np.linalg.norm(v), 0.0) * v,
    source="proximal operator of the group-lasso norm lambda ||v||_2, block soft thresholding (Parikh and Boyd, 2014, Sec. 6.5.1)",
)
Bg = rnd(2609, 3, 2)
pg = [2.0, 2.0, 2.0]


def group_pen(B, p, **k):
    return k["lambda"] * sum(math.sqrt(p[g]) * np.linalg.norm(B[g]) for g in range(len(B)))


row(
    "group_lasso_penalty",
    r"\lambda \sum_{g=1}^{G} \sqrt{p_g} \|\beta_g\|_2",
    r"B: matrix[G, q]; \beta_g: row[B]; p: vector[G]; lambda: scalar, positive; g: index",
    {"B": Bg, "p": pg, "lambda": 0.5},
    group_pen,
    wrt="B",
    source="group lasso penalty (Yuan and Lin, 2006, Sec. 2, with K_j = p_j I), beta_g the coefficients of group g, p_g its size",
)
Xs = rnd(2610, 4, 3)
Ds = rnd(2611, 3, 2)
As = rnd(2612, 4, 2)


def sparse_coding(X, D, A, **k):
    m = len(X)
    return sum(float(np.sum((X[i] - D @ A[i]) ** 2)) for i in range(m)) + k["lambda"] * sum(
        float(np.sum(np.abs(A[i]))) for i in range(m)
    )


row(
    "sparse_coding_objective",
    r"\sum_{i=1}^{m} \|x_i - D \alpha_i\|_2^2 + \lambda \sum_{i=1}^{m} \|\alpha_i\|_1",
    r"X: matrix[m, n]; x_i: row[X]; D: matrix[n, k]; A: matrix[m, k]; \alpha_i: row[A]; lambda: scalar, positive; i: index",
    {"X": Xs, "D": Ds, "A": As, "lambda": 0.2},
    sparse_coding,
    wrt="D",
    source="dictionary learning objective (Mairal et al., 2009, Online Dictionary Learning, Sec. 2; Lee et al., 2007, Sec. 2)",
)
Xd = rnd(2613, 3, 5)
Ad = rnd(2614, 2, 5)
row(
    "mod_dictionary_update",
    r"D = X A^\top (A A^\top)^{-1}",
    "X: matrix[n, m]; A: matrix[k, m]",
    {"X": Xd, "A": Ad},
    lambda X, A: X @ A.T @ np.linalg.inv(A @ A.T),
    source="method of optimal directions dictionary update (Engan, Aase and Husoy, 1999), columns of X the signals, of A their codes",
)
We = rnd(2615, 4, 3)
Sl = rnd(2616, 4, 4)
xl = rnd(2617, 3)
zl = rnd(2618, 4)
thl = [0.1, 0.2, 0.15, 0.3]


def lista(W_e, S, x, z, theta):
    v = W_e @ x + S @ z
    return np.array([np.sign(v[i]) * max(abs(v[i]) - theta[i], 0.0) for i in range(len(v))])


row(
    "lista_step",
    r"\operatorname{sign}\left((W_e x + S z)_i\right) \left( \left|(W_e x + S z)_i\right| - \theta_i \right)_{+}",
    "W_e: matrix[k, n]; S: matrix[k, k]; x: vector[n]; z, theta: vector[k]; i: index",
    {"W_e": We, "S": Sl, "x": xl, "z": zl, "theta": thl},
    lista,
    source="one LISTA layer Z(k+1) = h_theta(W_e X + S Z(k)), h_theta(V)_i = sign(V_i)(|V_i| - theta_i)_+ (Gregor and LeCun, 2010, Sec. 3)",
)
row(
    "hard_thresholding",
    r"H_{\lambda}(x)_i = x_i \mathbb{1}[|x_i| > \lambda]",
    "x: vector[n]; lambda: scalar, positive; i: index",
    {"x": xv, "lambda": 0.3},
    lambda x, **k: np.array(
        [x[i] * (1.0 if abs(x[i]) > k["lambda"] else 0.0) for i in range(len(x))]
    ),
    source="hard thresholding (Donoho and Johnstone, 1994; Blumensath and Davies, 2008, iterative hard thresholding)",
)
Aa = rnd(2619, 4, 3)
ba = rnd(2620, 4)
zk = rnd(2621, 3)
uk = rnd(2622, 3)


def admm_x(A, b, z_sup_k, u_sup_k, rho):
    n = A.shape[1]
    return np.linalg.solve(A.T @ A + rho * np.eye(n), A.T @ b + rho * (z_sup_k - u_sup_k))


row(
    "admm_lasso_x_update",
    r"x^{k+1} := (A^T A + \rho I)^{-1} (A^T b + \rho (z^k - u^k))",
    "A: matrix[m, n]; b: vector[m]; z^k, u^k: vector[n]; rho: scalar, positive",
    {"A": Aa, "b": ba, "z_sup_k": zk, "u_sup_k": uk, "rho": 1.5},
    admm_x,
    source="x-update of ADMM for the lasso (Boyd et al., 2011, Sec. 6.4)",
)


def scad(theta, a, **k):
    lam = k["lambda"]
    t = abs(theta)
    if t <= lam:
        return lam * t
    if t <= a * lam:
        return -(t**2 - 2 * a * lam * t + lam**2) / (2 * (a - 1))
    return (a + 1) * lam**2 / 2


row(
    "scad_penalty",
    r"p_{\lambda}(\theta) = \begin{cases} \lambda |\theta| & \text{if } |\theta| \le \lambda \\ -\frac{\theta^2 - 2 a \lambda |\theta| + \lambda^2}{2(a - 1)} & \text{if } \lambda < |\theta| \le a \lambda \\ \frac{(a + 1) \lambda^2}{2} & \text{if } |\theta| > a \lambda \end{cases}",
    "theta: scalar; a, lambda: scalar, positive",
    {"theta": 1.1, "a": 3.7, "lambda": 0.5},
    scad,
    wrt="theta",
    source="SCAD penalty (Fan and Li, 2001, Sec. 2, the penalty whose derivative they define), middle region",
)


def mcp(t, gamma, **k):
    lam = k["lambda"]
    if abs(t) <= gamma * lam:
        return lam * abs(t) - t**2 / (2 * gamma)
    return gamma * lam**2 / 2


row(
    "mcp_penalty",
    r"\rho(t; \lambda) = \begin{cases} \lambda |t| - \frac{t^2}{2\gamma} & \text{if } |t| \le \gamma \lambda \\ \frac{1}{2} \gamma \lambda^2 & \text{if } |t| > \gamma \lambda \end{cases}",
    "t: scalar; gamma, lambda: scalar, positive",
    {"t": -0.7, "gamma": 3.0, "lambda": 0.4},
    mcp,
    wrt="t",
    source="minimax concave penalty (Zhang, 2010, Sec. 2)",
)
bh = [0.9, -0.3, 0.5]


def adaptive_lasso(y, X, beta, beta_hat, gamma, **k):
    return float(np.sum((y - X @ beta) ** 2)) + k["lambda"] * sum(
        abs(beta[j]) / abs(beta_hat[j]) ** gamma for j in range(len(beta))
    )


row(
    "adaptive_lasso",
    r"\left\| y - \sum_{j=1}^{p} x_j \beta_j \right\|^2 + \lambda_n \sum_{j=1}^{p} \frac{|\beta_j|}{|\hat{\beta}_j|^{\gamma}}",
    r"y: vector[n]; X: matrix[n, p]; x_j: column[X]; beta, \hat{\beta}: vector[p]; \lambda_n, gamma: scalar, positive; j: index",
    {"y": ye, "X": Xe, "beta": be, "beta_hat": bh, "lambda_n": 0.3, "gamma": 1.0},
    lambda y, X, beta, beta_hat, lambda_n, gamma: adaptive_lasso(
        y, X, beta, beta_hat, gamma, **{"lambda": lambda_n}
    ),
    wrt="beta",
    source="adaptive lasso with weights w-hat_j = 1 / |beta-hat_j|^gamma written in (Zou, 2006, Eq. 4)",
)
xr = [0.9, -0.15, 0.4, -1.3]
row(
    "reweighted_l1_weights",
    r"w_i^{(\ell+1)} = \frac{1}{|x_i^{(\ell)}| + \epsilon}",
    r"x^{(\ell)}: vector[n]; epsilon: scalar, positive; i: index",
    {"x_sup_ell": xr, "epsilon": 0.1},
    lambda x_sup_ell, epsilon: np.array([1 / (abs(v) + epsilon) for v in x_sup_ell]),
    source="weight update of iteratively reweighted l1 minimization (Candes, Wakin and Boyd, 2008, Sec. 2, step 3 of the algorithm)",
)
row(
    "log_sum_penalty",
    r"\sum_{i=1}^{n} \log(|x_i| + \epsilon)",
    "x: vector[n]; epsilon: scalar, positive; i: index",
    {"x": xr, "epsilon": 0.1},
    lambda x, epsilon: sum(math.log(abs(v) + epsilon) for v in x),
    wrt="x",
    source="log-sum sparsity penalty that reweighted l1 minimizes (Candes, Wakin and Boyd, 2008, Sec. 2)",
)
row(
    "bridge_penalty",
    r"\lambda \sum_{j=1}^{p} |\beta_j|^{\gamma}",
    "beta: vector[p]; lambda, gamma: scalar, positive; j: index",
    {"beta": be, "lambda": 0.3, "gamma": 0.5},
    lambda beta, gamma, **k: k["lambda"] * sum(abs(b) ** gamma for b in beta),
    wrt="beta",
    source="bridge penalty (Frank and Friedman, 1993; Fu, 1998), 0 < gamma < 1",
)

if __name__ == "__main__":
    A.write()
