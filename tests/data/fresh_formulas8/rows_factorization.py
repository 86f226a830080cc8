"""Matrix and tensor factorization: non-negative matrix factorization with the Frobenius and the
generalized KL cost and Lee and Seung's multiplicative updates, the lasso objective of sparse
coding, matrix completion with a nuclear norm and singular value thresholding, probabilistic
matrix factorization, implicit-feedback ALS with logarithmic confidence, the CP decomposition's
loss in unfolded form, FastICA's negentropy approximations and fixed-point update, and
probabilistic PCA's log-likelihood, noise variance and posterior mean (NumPy references from each
paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd
from scipy.integrate import quad

A = Area("factorization")
row = A.row

V_n = np.asarray(rnd(8200, 4, 5, lo=0.2, hi=2.0))
W_n = np.asarray(rnd(8201, 4, 2, lo=0.2, hi=1.2))
H_n = np.asarray(rnd(8202, 2, 5, lo=0.2, hi=1.2))


def nmf_frob(V, W, H):
    n, m = V.shape
    WH = W @ H
    return float(sum((V[i, j] - WH[i, j]) ** 2 for i in range(n) for j in range(m)))


row(
    "nmf_frobenius_cost",
    r"\| V - WH \|^2 = \sum_{ij} \left( V_{ij} - (WH)_{ij} \right)^2",
    "V: matrix[n, m]; W: matrix[n, r]; H: matrix[r, m]; i, j: index",
    {"V": V_n.tolist(), "W": W_n.tolist(), "H": H_n.tolist()},
    nmf_frob,
    wrt="W",
    source="the squared Euclidean distance between V and its non-negative factorization WH (Lee and Seung, 2001, Algorithms for Non-negative Matrix Factorization, NIPS 13, Eq. 2)",
    note="||A - B||^2 the sum of squared entries, as the paper defines it (the Frobenius norm squared)",
)


def nmf_kl(V, W, H):
    n, m = V.shape
    WH = W @ H
    return float(
        sum(
            V[i, j] * math.log(V[i, j] / WH[i, j]) - V[i, j] + WH[i, j]
            for i in range(n)
            for j in range(m)
        )
    )


row(
    "nmf_kl_divergence",
    r"D(V \| WH) = \sum_{ij} \left( V_{ij} \log \frac{V_{ij}}{(WH)_{ij}} - V_{ij} + (WH)_{ij} \right)",
    "V: matrix[n, m]; W: matrix[n, r]; H: matrix[r, m]; i, j: index",
    {"V": V_n.tolist(), "W": W_n.tolist(), "H": H_n.tolist()},
    nmf_kl,
    wrt="H",
    source="the generalized Kullback-Leibler divergence of V from WH, which reduces to the KL divergence when both sum to one (Lee and Seung, 2001, NIPS 13, Eq. 3)",
)
row(
    "nmf_multiplicative_update_euclidean",
    r"H_{a\mu} \leftarrow H_{a\mu} \frac{(W^T V)_{a\mu}}{(W^T W H)_{a\mu}}",
    r"V: matrix[n, m]; W: matrix[n, r]; H: matrix[r, m]; a, \mu: index",
    {"V": V_n.tolist(), "W": W_n.tolist(), "H": H_n.tolist()},
    lambda V, W, H: H * (W.T @ V) / (W.T @ W @ H),
    source="Lee and Seung's multiplicative update of H, under which the Euclidean distance ||V - WH|| does not increase (Lee and Seung, 2001, NIPS 13, Theorem 1, Eq. 4)",
    note="mu an index here; the value is the updated matrix H",
)


def kl_update_W(V, W, H):
    n, m = V.shape
    r = W.shape[1]
    WH = W @ H
    out = np.zeros_like(W)
    for i in range(n):
        for a in range(r):
            num = sum(H[a, mu] * V[i, mu] / WH[i, mu] for mu in range(m))
            out[i, a] = W[i, a] * num / sum(H[a, nu] for nu in range(m))
    return out


row(
    "nmf_multiplicative_update_divergence",
    r"W_{ia} \leftarrow W_{ia} \frac{\sum_\mu H_{a\mu} V_{i\mu} / (WH)_{i\mu}}{\sum_\nu H_{a\nu}}",
    r"V: matrix[n, m]; W: matrix[n, r]; H: matrix[r, m]; i, a, \mu, \nu: index",
    {"V": V_n.tolist(), "W": W_n.tolist(), "H": H_n.tolist()},
    kl_update_W,
    source="Lee and Seung's multiplicative update of W, under which the divergence D(V || WH) does not increase (Lee and Seung, 2001, NIPS 13, Theorem 2, Eq. 5)",
    note="mu and nu indices here; the value is the updated matrix W",
)
D_sc = np.asarray(rnd(8203, 5, 4, lo=-1.0, hi=1.0))
D_sc = (D_sc / np.linalg.norm(D_sc, axis=0)).round(4)
x_sc = rnd(8204, 5, lo=-1.0, hi=1.0)
a_sc = [0.42, -0.31, 0.05, 0.77]


def lasso(x, D, alpha, **k):
    res = x - D @ alpha
    return float(
        0.5 * sum(res[i] ** 2 for i in range(len(x))) + k["lambda"] * sum(abs(a) for a in alpha)
    )


row(
    "sparse_coding_lasso_objective",
    r"\frac{1}{2} \| \mathbf{x} - \mathbf{D} \boldsymbol{\alpha} \|_2^2 + \lambda \| \boldsymbol{\alpha} \|_1",
    r"x: vector[m]; D: matrix[m, k]; \alpha: vector[k]; \lambda: scalar, positive",
    {"x": x_sc, "D": D_sc.tolist(), "alpha": a_sc, "lambda": 0.15},
    lasso,
    wrt=r"\alpha",
    key="alpha",
    source="the l1-regularized least-squares (lasso) objective of sparse coding a signal x on a dictionary D with unit-norm columns, whose minimum over alpha is the loss l(x, D) of dictionary learning (Mairal, Bach, Ponce and Sapiro, 2010, Online Learning for Matrix Factorization and Sparse Coding, JMLR 11, Eq. 2)",
    note="no entry of alpha is zero at the point",
)
X_mc = np.asarray(rnd(8205, 4, 3, lo=-1.0, hi=2.0))
Om = np.array([[1, 0, 1], [1, 1, 0], [0, 1, 1], [1, 1, 1]], dtype=float)
Z_mc = np.asarray(rnd(8206, 4, 3, lo=-1.0, hi=2.0))


def soft_impute_obj(X, Z, Omega, **k):
    m, n = X.shape
    fit = sum(Omega[i, j] * (X[i, j] - Z[i, j]) ** 2 for i in range(m) for j in range(n))
    return float(0.5 * fit + k["lambda"] * np.sum(np.linalg.svd(Z, compute_uv=False)))


row(
    "matrix_completion_nuclear_norm",
    r"\frac{1}{2} \left\| P_\Omega(X) - P_\Omega(Z) \right\|_F^2 + \lambda \| Z \|_*",
    r"X, Z, \Omega: matrix[m, n]; \lambda: scalar, positive",
    {"X": X_mc.tolist(), "Z": Z_mc.tolist(), "Omega": Om.tolist(), "lambda": 0.5},
    soft_impute_obj,
    wrt="Z",
    source="the nuclear-norm regularized matrix completion criterion that Soft-Impute minimizes (Mazumder, Hastie and Tibshirani, 2010, Spectral Regularization Algorithms for Learning Large Incomplete Matrices, JMLR 11, Sec. 1, the nuclear-norm regularized criterion)",
    note="P_Omega(X) keeps the observed entries of X and sets the others to zero, Omega declared as the 0/1 mask of observed entries; ||Z||_* the nuclear norm, the sum of the singular values (distinct and nonzero at the point)",
)
U_sv = np.linalg.qr(np.asarray(rnd(8207, 4, 3)))[0].round(4)
V_sv = np.linalg.qr(np.asarray(rnd(8208, 3, 3)))[0].round(4)
s_sv = [2.1, 0.9, 0.3]


def svt(U, sigma, V, tau):
    return U @ np.diag([max(s - tau, 0.0) for s in sigma]) @ V.T


row(
    "singular_value_thresholding",
    r"\mathcal{D}_\tau(X) = U \operatorname{diag}\left( \{ (\sigma_i - \tau)_+ \} \right) V^*",
    r"U: matrix[m, r]; \sigma: vector[r]; V: matrix[n, r]; \tau: scalar, positive",
    {"U": U_sv.tolist(), "sigma": s_sv, "V": V_sv.tolist(), "tau": 0.5},
    svt,
    source="the singular value shrinkage operator, the proximal operator of tau ||X||_*, applied to X = U diag(sigma) V^* (Cai, Candes and Shen, 2010, A Singular Value Thresholding Algorithm for Matrix Completion, SIAM Journal on Optimization 20, Sec. 2.1, Eq. 2.2)",
    note="t_+ = max(t, 0); V^* the conjugate transpose, the transpose for real matrices; U and V given (their columns orthonormal up to rounding); the value is the matrix",
)
R_p = np.asarray(rnd(8209, 4, 5, lo=1.0, hi=5.0)).round(1)
I_p = np.array([[1, 0, 1, 1, 0], [0, 1, 1, 0, 1], [1, 1, 0, 1, 0], [0, 1, 1, 1, 1]], dtype=float)
U_p = np.asarray(rnd(8210, 2, 4, lo=0.2, hi=1.5))
V_p = np.asarray(rnd(8211, 2, 5, lo=0.2, hi=1.5))


def pmf(R, I, U, V, lambda_U, lambda_V):  # noqa: E741
    N, M = R.shape
    fit = sum(I[i, j] * (R[i, j] - U[:, i] @ V[:, j]) ** 2 for i in range(N) for j in range(M))
    return float(
        0.5 * fit
        + lambda_U / 2 * sum(np.sum(U[:, i] ** 2) for i in range(N))
        + lambda_V / 2 * sum(np.sum(V[:, j] ** 2) for j in range(M))
    )


row(
    "probabilistic_matrix_factorization",
    r"E = \frac{1}{2} \sum_{i=1}^{N} \sum_{j=1}^{M} I_{ij} \left( R_{ij} - U_i^T V_j \right)^2 + \frac{\lambda_U}{2} \sum_{i=1}^{N} \| U_i \|_{Fro}^2 + \frac{\lambda_V}{2} \sum_{j=1}^{M} \| V_j \|_{Fro}^2",
    r"R, I: matrix[N, M]; U: matrix[D, N]; V: matrix[D, M]; U_i: column[U]; V_j: column[V]; \lambda_U, \lambda_V: scalar, positive; i, j: index",
    {
        "R": R_p.tolist(),
        "I": I_p.tolist(),
        "U": U_p.tolist(),
        "V": V_p.tolist(),
        "lambda_U": 0.1,
        "lambda_V": 0.2,
    },
    pmf,
    wrt="U",
    source="the sum-of-squared-errors objective with quadratic regularization that maximizing PMF's log-posterior amounts to (Salakhutdinov and Mnih, 2008, Probabilistic Matrix Factorization, NIPS 20, Eq. 4)",
    note="I_ij the indicator that user i rated movie j (an input, not the identity); U_i and V_j the user and movie feature vectors, the columns of U and V",
)
r_ia = np.array([[0, 3, 0, 1, 7], [2, 0, 0, 5, 0], [0, 1, 4, 0, 2], [6, 0, 1, 0, 0]], dtype=float)
p_ia = (r_ia > 0).astype(float)
X_ia = np.asarray(rnd(8212, 4, 2, lo=-0.5, hi=1.0))
Y_ia = np.asarray(rnd(8213, 5, 2, lo=-0.5, hi=1.0))


def ials(r, p, X, Y, alpha, epsilon, **k):
    m, n = r.shape
    fit = sum(
        (1 + alpha * math.log(1 + r[u, i] / epsilon)) * (p[u, i] - X[u] @ Y[i]) ** 2
        for u in range(m)
        for i in range(n)
    )
    reg = sum(np.sum(X[u] ** 2) for u in range(m)) + sum(np.sum(Y[i] ** 2) for i in range(n))
    return float(fit + k["lambda"] * reg)


row(
    "implicit_als_log_confidence",
    r"\sum_{u,i} \left( 1 + \alpha \log\left( 1 + r_{ui} / \epsilon \right) \right) \left( p_{ui} - x_u^T y_i \right)^2 + \lambda \left( \sum_u \| x_u \|^2 + \sum_i \| y_i \|^2 \right)",
    r"r, p: matrix[m, n]; X: matrix[m, f]; x_u: row[X]; Y: matrix[n, f]; y_i: row[Y]; \alpha, \epsilon, \lambda: scalar, positive; u, i: index",
    {
        "r": r_ia.tolist(),
        "p": p_ia.tolist(),
        "X": X_ia.tolist(),
        "Y": Y_ia.tolist(),
        "alpha": 2.0,
        "epsilon": 1.0,
        "lambda": 0.1,
    },
    ials,
    wrt="Y",
    source="the implicit-feedback matrix factorization cost with the logarithmic confidence c_ui = 1 + alpha log(1 + r_ui / epsilon) written in (Hu, Koren and Volinsky, 2008, Collaborative Filtering for Implicit Feedback Datasets, ICDM, Eq. 3 and the confidence of Sec. 4)",
    note="r_ui the raw observations (counts); p_ui = 1 if r_ui > 0 and 0 otherwise, the preferences, given; x_u and y_i the user and item factors, the rows of X and Y",
)
Ic, Jc, Kc, Rc = 3, 2, 3, 2
A_c = np.asarray(rnd(8214, Ic, Rc))
B_c = np.asarray(rnd(8215, Jc, Rc))
C_c = np.asarray(rnd(8216, Kc, Rc))
Xt = np.einsum("ir,jr,kr->ijk", A_c, B_c, C_c) + np.asarray(rnd(8217, Ic, Jc, Kc, lo=-0.2, hi=0.2))
X1 = np.zeros((Ic, Jc * Kc))
for i in range(Ic):
    for j in range(Jc):
        for k in range(Kc):
            X1[i, k * Jc + j] = Xt[i, j, k]
X1 = X1.round(4)
A_c0 = (A_c + np.asarray(rnd(8218, Ic, Rc, lo=-0.3, hi=0.3))).round(3)


def cp_loss(X_1, A, B, C):
    J, K, R = B.shape[0], C.shape[0], B.shape[1]
    KR = np.zeros((J * K, R))
    for k in range(K):
        for j in range(J):
            for r in range(R):
                KR[k * J + j, r] = C[k, r] * B[j, r]
    return float(np.sum((X_1 - A @ KR.T) ** 2))


row(
    "cp_decomposition_unfolded_loss",
    r"\left\| \mathbf{X}_{(1)} - \mathbf{A} (\mathbf{C} \odot \mathbf{B})^{\mathsf{T}} \right\|_F^2",
    "X_{(1)}: matrix[I, M]; A: matrix[I, R]; B: matrix[J, R]; C: matrix[K, R]",
    {
        "X_1": X1.tolist(),
        "A": A_c0.tolist(),
        "B": B_c.round(3).tolist(),
        "C": C_c.round(3).tolist(),
    },
    cp_loss,
    wrt="A",
    source="the least-squares loss of a rank-R CP (CANDECOMP/PARAFAC) model of a third-order tensor, in the mode-1 unfolded form that ALS minimizes for A (Kolda and Bader, 2009, Tensor Decompositions and Applications, SIAM Review 51, Sec. 3.4)",
    note="here the circled dot is the Khatri-Rao product (column-wise Kronecker: column r of C (.) B is c_r kron b_r), as Kolda and Bader write it, not the Hadamard product; X_(1) the mode-1 unfolding of the I x J x K tensor, I x JK with x_ijk in column j + (k - 1) J",
)
X_ica = np.asarray(rnd(8219, 8, 2, lo=-1.7, hi=1.7))
X_ica = (X_ica - X_ica.mean(0)).round(4)
w_ica = np.array([0.8, 0.6])
g_logcosh = quad(
    lambda u: math.log(math.cosh(u)) * math.exp(-(u**2) / 2) / math.sqrt(2 * math.pi), -40, 40
)[0]


def negentropy_logcosh(w, X, a_1, gamma):
    T = len(X)
    return float(
        (sum(math.log(math.cosh(a_1 * (w @ X[t]))) / a_1 for t in range(T)) / T - gamma) ** 2
    )


row(
    "fastica_negentropy_logcosh",
    r"J(\mathbf{w}) = \left[ \frac{1}{T} \sum_{t=1}^{T} \frac{1}{a_1} \log \cosh\left( a_1 \mathbf{w}^T \mathbf{x}_t \right) - \gamma \right]^2",
    r"w: vector[n]; X: matrix[T, n]; x_t: row[X]; a_1: scalar, positive; \gamma: scalar; t: index",
    {"w": w_ica.tolist(), "X": X_ica.tolist(), "a_1": 1.0, "gamma": round(g_logcosh, 10)},
    negentropy_logcosh,
    wrt="w",
    source="the approximation of the negentropy of y = w^T x by the contrast G_1(u) = (1 / a_1) log cosh(a_1 u), with the expectation over the sample (Hyvarinen and Oja, 2000, Independent Component Analysis: Algorithms and Applications, Neural Networks 13, Sec. 4.4, the approximations of negentropy)",
    note="gamma = E{G_1(nu)} for a standard normal nu (computed by quadrature), given; x_t the whitened observations, the rows of X",
)


def negentropy_exp(w, X):
    T = len(X)
    return float(
        (sum(-math.exp(-((w @ X[t]) ** 2) / 2) for t in range(T)) / T + 1 / math.sqrt(2)) ** 2
    )


row(
    "fastica_negentropy_gaussian_contrast",
    r"J(\mathbf{w}) = \left[ \frac{1}{T} \sum_{t=1}^{T} -\exp\left( -\frac{(\mathbf{w}^T \mathbf{x}_t)^2}{2} \right) + \frac{1}{\sqrt{2}} \right]^2",
    "w: vector[n]; X: matrix[T, n]; x_t: row[X]; t: index",
    {"w": w_ica.tolist(), "X": X_ica.tolist()},
    negentropy_exp,
    wrt="w",
    source="the negentropy approximation with the contrast G_2(u) = -exp(-u^2 / 2), whose expectation under a standard normal is -1 / sqrt(2) (Hyvarinen and Oja, 2000, Neural Networks 13, Sec. 4.4, the approximations of negentropy)",
    note="x_t the whitened observations, the rows of X",
)


def fastica_update(w, X):
    T = len(X)
    s1 = sum(X[t] * math.tanh(w @ X[t]) for t in range(T)) / T
    s2 = sum(1 - math.tanh(w @ X[t]) ** 2 for t in range(T)) / T
    return s1 - s2 * w


row(
    "fastica_fixed_point_update",
    r"\mathbf{w}^+ = \frac{1}{T} \sum_{t=1}^{T} \mathbf{x}_t \tanh\left( \mathbf{w}^T \mathbf{x}_t \right) - \frac{1}{T} \sum_{t=1}^{T} \left( 1 - \tanh^2\left( \mathbf{w}^T \mathbf{x}_t \right) \right) \mathbf{w}",
    "w: vector[n]; X: matrix[T, n]; x_t: row[X]; t: index",
    {"w": w_ica.tolist(), "X": X_ica.tolist()},
    fastica_update,
    source="the one-unit FastICA fixed-point iteration w+ = E{x g(w^T x)} - E{g'(w^T x)} w with g = tanh, before normalization, the expectations over the sample (Hyvarinen and Oja, 2000, Neural Networks 13, Sec. 6.2, FastICA for one unit)",
    note="x_t the whitened observations, the rows of X; the value is the vector w+",
)
W_pp = np.asarray(rnd(8220, 4, 2, lo=-1.0, hi=1.0))
S_pp = np.asarray(spd(8221, 4))


def ppca_ll(W, S, sigma, N, d):
    d = int(d)
    C = sigma**2 * np.eye(d) + W @ W.T
    return float(
        -N
        / 2
        * (d * math.log(2 * math.pi) + math.log(np.linalg.det(C)) + np.trace(np.linalg.inv(C) @ S))
    )


row(
    "ppca_log_likelihood",
    r"\mathcal{L} = -\frac{N}{2} \left\{ d \ln(2\pi) + \ln \left| \sigma^2 \mathbf{I} + \mathbf{W} \mathbf{W}^\mathrm{T} \right| + \operatorname{tr}\left( \left( \sigma^2 \mathbf{I} + \mathbf{W} \mathbf{W}^\mathrm{T} \right)^{-1} \mathbf{S} \right) \right\}",
    r"W: matrix[d, q]; S: spd[d]; \sigma, N: scalar, positive; d: dim",
    {"W": W_pp.tolist(), "S": S_pp.tolist(), "sigma": 0.6, "N": 50.0, "d": 4},
    ppca_ll,
    wrt="W",
    source="the log-likelihood of probabilistic PCA with the model covariance C = sigma^2 I + W W^T written out (Tipping and Bishop, 1999, Probabilistic Principal Component Analysis, JRSS B 61, Eq. 4 with C of Eq. 3)",
    note="|.| the determinant; S the sample covariance of the N observations",
)
lam_pp = [3.1, 1.7, 0.42, 0.25, 0.13]
row(
    "ppca_ml_noise_variance",
    r"\sigma^2_{\mathrm{ML}} = \frac{1}{d - q} \sum_{j=q+1}^{d} \lambda_j",
    r"\lambda: vector[d]; q: scalar, integer, positive; d: dim; j: index",
    {"lambda": lam_pp, "q": 2, "d": 5},
    lambda q, d, **k: float(
        sum(k["lambda"][j - 1] for j in range(int(q) + 1, int(d) + 1)) / (d - q)
    ),
    wrt=r"\lambda",
    key="lambda",
    source="the maximum-likelihood noise variance of probabilistic PCA, the average of the d - q discarded eigenvalues of the sample covariance (Tipping and Bishop, 1999, JRSS B 61, Eq. 8)",
    note="lambda_j the eigenvalues of S in decreasing order",
)
t_pp = rnd(8222, 4, lo=-1.0, hi=1.0)
mu_pp = rnd(8223, 4, lo=-0.3, hi=0.3)
row(
    "ppca_posterior_mean",
    r"\langle \mathbf{x}_n \rangle = \left( \mathbf{W}^\mathrm{T} \mathbf{W} + \sigma^2 \mathbf{I} \right)^{-1} \mathbf{W}^\mathrm{T} (\mathbf{t}_n - \boldsymbol{\mu})",
    r"W: matrix[d, q]; t_n, \mu: vector[d]; \sigma: scalar, positive",
    {"W": W_pp.tolist(), "t_n": t_pp, "mu": mu_pp, "sigma": 0.6},
    lambda W, t_n, mu, sigma: (
        np.linalg.inv(W.T @ W + sigma**2 * np.eye(W.shape[1])) @ W.T @ (t_n - mu)
    ),
    source="the posterior mean of the latent variable of an observation t_n under probabilistic PCA, with M = W^T W + sigma^2 I written out (Tipping and Bishop, 1999, JRSS B 61, Sec. 3, the posterior of the latent variables)",
    note="the value is the q-vector <x_n>",
)

if __name__ == "__main__":
    A.write()
