"""Dimensionality reduction: the PCA reconstruction error and the discarded and explained
variance, classical MDS (double centering and strain), Kruskal's stress and Sammon's mapping,
locally linear embedding's reconstruction and embedding costs and its closed-form weights, the
Laplacian eigenmaps objective, UMAP's fuzzy set cross entropy and the fit of its a, b curve,
Isomap's residual variance, trustworthiness, and the centering of a kernel matrix in kernel PCA
(NumPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("dimreduction")
row = A.row

X_p = np.asarray(rnd(8100, 6, 4, lo=-1.0, hi=1.0))
X_p = (X_p - X_p.mean(0)).round(4)
U_p = np.linalg.qr(np.asarray(rnd(8101, 4, 2)))[0].round(4)


def pca_recon(X, U):
    N = X.shape[0]
    return float(sum(np.sum((X[n] - U @ (U.T @ X[n])) ** 2) for n in range(N)) / N)


row(
    "pca_reconstruction_error",
    r"J = \frac{1}{N} \sum_{n=1}^{N} \left\| \mathbf{x}_n - \mathbf{U} \mathbf{U}^\top \mathbf{x}_n \right\|^2",
    "X: matrix[N, D]; x_n: row[X]; U: matrix[D, M]; n: index",
    {"X": X_p.tolist(), "U": U_p.tolist()},
    pca_recon,
    wrt="U",
    source="the mean squared reconstruction error of projecting centred data onto M directions, PCA's minimum-error formulation (Bishop, 2006, Pattern Recognition and Machine Learning, Sec. 12.1.2, the distortion J with x-tilde_n = U U^T x_n)",
    note="x_n the centred data points, the rows of X; U holds the M directions as columns (here orthonormal up to rounding)",
)
lam_p = [2.9, 1.4, 0.6, 0.25, 0.1]
row(
    "pca_discarded_eigenvalues",
    r"J = \sum_{i=M+1}^{D} \lambda_i",
    r"\lambda: vector[D]; M: scalar, integer, nonnegative; i: index",
    {"lambda": lam_p, "M": 2},
    lambda M, **k: float(sum(k["lambda"][i - 1] for i in range(int(M) + 1, len(k["lambda"]) + 1))),
    wrt=r"\lambda",
    key="lambda",
    source="the minimum distortion of PCA, the sum of the eigenvalues of the covariance left out by an M-dimensional projection (Bishop, 2006, Pattern Recognition and Machine Learning, Sec. 12.1.2)",
    note="lambda_i the eigenvalues of the data covariance in decreasing order",
)
row(
    "pca_cumulative_variance_percentage",
    r"t_m = 100 \frac{\sum_{k=1}^{m} l_k}{\sum_{k=1}^{p} l_k}",
    "l: vector[p]; m: scalar, integer, positive; k: index",
    {"l": lam_p, "m": 2},
    lambda l, m: 100 * float(sum(l[k] for k in range(int(m)))) / float(sum(l)),  # noqa: E741
    wrt="l",
    source="the cumulative percentage of total variation accounted for by the first m principal components (Jolliffe, 2002, Principal Component Analysis, 2nd ed., Sec. 6.1.1)",
    note="l_k the variance of the k-th principal component, the k-th eigenvalue of the sample covariance",
)
Pts = np.asarray(rnd(8102, 5, 2, lo=-1.5, hi=1.5))
D2 = np.array([[np.sum((Pts[i] - Pts[j]) ** 2) for j in range(5)] for i in range(5)]).round(4)


def cmds_b(D_sup_2, n):
    n = int(n)
    J = np.eye(n) - np.ones((n, n)) / n
    return -0.5 * J @ D_sup_2 @ J


row(
    "classical_mds_double_centering",
    r"\mathbf{B} = -\frac{1}{2} \left( \mathbf{I} - \frac{1}{n} \mathbf{1} \mathbf{1}^\top \right) \mathbf{D}^{(2)} \left( \mathbf{I} - \frac{1}{n} \mathbf{1} \mathbf{1}^\top \right)",
    r"\mathbf{D}^{(2)}: symmetric[n]; n: dim",
    {"D_sup_2": D2.tolist(), "n": 5},
    cmds_b,
    source="classical (Torgerson-Gower) scaling, the scalar-product matrix B from the squared distances by double centering with J = I - n^{-1} 1 1^T (Torgerson, 1952, Multidimensional Scaling: I. Theory and Method; Borg and Groenen, 2005, Modern Multidimensional Scaling, 2nd ed., Sec. 12.1)",
    note="D^(2) the matrix of squared distances d_ij^2; 1 the vector of n ones; the value is the matrix B",
)
B_s = cmds_b(D2, 5).round(4)
X_s = (Pts + np.asarray(rnd(8103, 5, 2, lo=-0.2, hi=0.2))).round(3)


def strain(b, X):
    n = len(X)
    return float(sum((b[i, j] - X[i] @ X[j]) ** 2 for i in range(n) for j in range(n)))


row(
    "classical_mds_strain",
    r"L(\mathbf{X}) = \sum_{i=1}^{n} \sum_{j=1}^{n} \left( b_{ij} - \mathbf{x}_i^\top \mathbf{x}_j \right)^2",
    "b: symmetric[n]; X: matrix[n, p]; x_i: row[X]; i, j: index",
    {"b": B_s.tolist(), "X": X_s.tolist()},
    strain,
    wrt="X",
    source="the strain loss that classical scaling minimizes, the squared misfit between the double-centred scalar products b_ij and those of the configuration, ||B - X X^T||^2 written entrywise (Borg and Groenen, 2005, Modern Multidimensional Scaling, 2nd ed., Sec. 12.2)",
    note="x_i the points of the configuration, the rows of X",
)
Y_k = np.asarray(rnd(8104, 5, 2, lo=-1.0, hi=1.0))
dh_k = np.array(
    [[0.0 if i == j else np.linalg.norm(Pts[i] - Pts[j]) * 0.6 for j in range(5)] for i in range(5)]
).round(4)


def kruskal(X, d_hat):
    n = len(X)
    num = sum(
        (np.linalg.norm(X[i] - X[j]) - d_hat[i, j]) ** 2 for i in range(n) for j in range(i + 1, n)
    )
    den = sum(np.linalg.norm(X[i] - X[j]) ** 2 for i in range(n) for j in range(i + 1, n))
    return float(math.sqrt(num / den))


row(
    "kruskal_stress_1",
    r"S = \sqrt{\frac{\sum_{i<j} \left( \| \mathbf{x}_i - \mathbf{x}_j \| - \hat{d}_{ij} \right)^2}{\sum_{i<j} \| \mathbf{x}_i - \mathbf{x}_j \|^2}}",
    r"X: matrix[n, p]; x_i: row[X]; \hat{d}: symmetric[n]; i, j: index",
    {"X": Y_k.tolist(), "d_hat": dh_k.tolist()},
    kruskal,
    wrt="X",
    source="Kruskal's stress (formula 1), the residual sum of squares between the configuration's distances d_ij and the disparities d-hat_ij, normalized by the sum of squared distances (Kruskal, 1964, Multidimensional Scaling by Optimizing Goodness of Fit to a Nonmetric Hypothesis, Psychometrika 29; Borg and Groenen, 2005, Ch. 3)",
    note="d_ij = ||x_i - x_j|| written out; the sums run over the pairs i < j",
)
dstar_s = np.array(
    [[0.0 if i == j else np.linalg.norm(Pts[i] - Pts[j]) for j in range(5)] for i in range(5)]
).round(4)


def sammon(d_sup_star, Y):
    n = len(Y)
    c = sum(d_sup_star[i, j] for i in range(n) for j in range(i + 1, n))
    e = sum(
        (d_sup_star[i, j] - np.linalg.norm(Y[i] - Y[j])) ** 2 / d_sup_star[i, j]
        for i in range(n)
        for j in range(i + 1, n)
    )
    return float(e / c)


row(
    "sammon_stress",
    r"E = \frac{1}{\sum_{i<j} d^*_{ij}} \sum_{i<j} \frac{\left( d^*_{ij} - \| \mathbf{y}_i - \mathbf{y}_j \| \right)^2}{d^*_{ij}}",
    "d^*: symmetric[n]; Y: matrix[n, q]; y_i: row[Y]; i, j: index",
    {"d_sup_star": dstar_s.tolist(), "Y": Y_k.tolist()},
    sammon,
    wrt="Y",
    source="Sammon's mapping error, the squared mismatch of the distances d_ij in the map against the original distances d*_ij, each weighted by 1 / d*_ij (Sammon, 1969, A Nonlinear Mapping for Data Structure Analysis, IEEE Transactions on Computers 18, the error E of Sec. II)",
    note="d_ij = ||y_i - y_j|| the distance in the map written out; y_i the rows of Y",
)
X_l = np.asarray(rnd(8105, 5, 3, lo=-1.0, hi=1.0))
W_l = np.asarray(rnd(8106, 5, 5, lo=0.05, hi=0.5))
np.fill_diagonal(W_l, 0.0)
W_l[0, 4] = W_l[4, 0] = W_l[1, 3] = W_l[3, 1] = 0.0
W_l = (W_l / W_l.sum(1, keepdims=True)).round(4)


def lle_cost(X, W):
    N = len(X)
    return float(sum(np.sum((X[i] - sum(W[i, j] * X[j] for j in range(N))) ** 2) for i in range(N)))


row(
    "lle_reconstruction_cost",
    r"\varepsilon(W) = \sum_i \left| \vec{X}_i - \sum_j W_{ij} \vec{X}_j \right|^2",
    r"X: matrix[N, D]; \vec{X}_i: row[X]; W: matrix[N, N]; i, j: index",
    {"X": X_l.tolist(), "W": W_l.tolist()},
    lle_cost,
    wrt="W",
    source="locally linear embedding's reconstruction cost of the data points from their neighbours with weights W_ij (Roweis and Saul, 2000, Nonlinear Dimensionality Reduction by Locally Linear Embedding, Science 290, Eq. 1)",
    note="X_i the data points, the rows of X; |v|^2 the squared Euclidean norm, as the paper writes it; W_ij = 0 for j not a neighbour of i (rows summing to one), but every entry is an input",
)
Y_l = np.asarray(rnd(8107, 5, 2, lo=-1.0, hi=1.0))
row(
    "lle_embedding_cost",
    r"\Phi(Y) = \sum_i \left| \vec{Y}_i - \sum_j W_{ij} \vec{Y}_j \right|^2",
    r"Y: matrix[N, d]; \vec{Y}_i: row[Y]; W: matrix[N, N]; i, j: index",
    {"Y": Y_l.tolist(), "W": W_l.tolist()},
    lambda Y, W: lle_cost(Y, W),
    wrt="Y",
    source="locally linear embedding's embedding cost, the same reconstruction error with the weights fixed and the low-dimensional coordinates Y_i free (Roweis and Saul, 2000, Science 290, Eq. 2)",
    note="Y_i the embedded points, the rows of Y",
)
nb = X_l[[1, 2, 3]] - X_l[0]
C_l = (nb @ nb.T + 0.05 * np.eye(3)).round(4)


def lle_weights(C):
    K = len(C)
    Ci = np.linalg.inv(C)
    den = sum(Ci[l, m] for l in range(K) for m in range(K))  # noqa: E741
    return np.array([sum(Ci[j, k] for k in range(K)) / den for j in range(K)])


row(
    "lle_closed_form_weights",
    r"w_j = \frac{\sum_k C^{-1}_{jk}}{\sum_{lm} C^{-1}_{lm}}",
    "C: spd[K]; j, k, l, m: index",
    {"C": C_l.tolist()},
    lle_weights,
    source="the reconstruction weights of one point in closed form, from the local covariance (Gram) matrix C_jk = (x - eta_j) . (x - eta_k) of its K neighbours eta_j (Saul and Roweis, 2003, Think Globally, Fit Locally: Unsupervised Learning of Low Dimensional Manifolds, JMLR 4, Sec. 3)",
    note="C^{-1}_{jk} the entry (j, k) of the inverse of C; C regularized with a small multiple of the identity, as the paper does when K exceeds the input dimension or C is near singular; the value is the vector w",
)
W_le = np.exp(
    -np.array([[np.sum((X_l[i] - X_l[j]) ** 2) for j in range(5)] for i in range(5)]) / 1.5
)
W_le = W_le.round(4)
Y_le = np.asarray(rnd(8108, 5, 2, lo=-1.0, hi=1.0))


def eigenmaps(Y, W):
    n = len(Y)
    return float(sum(np.sum((Y[i] - Y[j]) ** 2) * W[i, j] for i in range(n) for j in range(n)))


row(
    "laplacian_eigenmaps_objective",
    r"\sum_{i,j} \left\| \mathbf{y}^{(i)} - \mathbf{y}^{(j)} \right\|^2 W_{ij}",
    "Y: matrix[n, m]; y^{(i)}: row[Y]; W: symmetric[n]; i, j: index",
    {"Y": Y_le.tolist(), "W": W_le.tolist()},
    eigenmaps,
    wrt="Y",
    source="the objective of Laplacian eigenmaps, which keeps points with heavy heat-kernel weights W_ij close in the embedding; it equals 2 tr(Y^T L Y) (Belkin and Niyogi, 2003, Laplacian Eigenmaps for Dimensionality Reduction and Data Representation, Neural Computation 15, Sec. 3)",
    note="y^(i) the embedding of point i, the i-th row of Y; W the heat-kernel weights exp(-||x_i - x_j||^2 / t), given",
)
v_u = np.asarray(rnd(8109, 5, 5, lo=0.05, hi=0.95))
v_u = ((v_u + v_u.T) / 2).round(4)
np.fill_diagonal(v_u, 0.0)
Y_u = np.asarray(rnd(8110, 5, 2, lo=-1.5, hi=1.5))


def umap_ce(v, Y, a, b):
    n = len(Y)
    tot = 0.0
    for i in range(n):
        for j in range(n):
            if j == i:
                continue
            w = (1 + a * np.linalg.norm(Y[i] - Y[j]) ** (2 * b)) ** -1
            tot += v[i, j] * math.log(v[i, j] / w) + (1 - v[i, j]) * math.log(
                (1 - v[i, j]) / (1 - w)
            )
    return float(tot)


row(
    "umap_fuzzy_cross_entropy_embedding",
    r"C(Y) = \sum_{i=1}^{n} \sum_{j \neq i} \left[ v_{ij} \log \frac{v_{ij}}{\left( 1 + a \| \mathbf{y}_i - \mathbf{y}_j \|_2^{2b} \right)^{-1}} + (1 - v_{ij}) \log \frac{1 - v_{ij}}{1 - \left( 1 + a \| \mathbf{y}_i - \mathbf{y}_j \|_2^{2b} \right)^{-1}} \right]",
    "v: symmetric[n]; Y: matrix[n, d]; y_i: row[Y]; a, b: scalar, positive; i, j: index",
    {"v": v_u.tolist(), "Y": Y_u.tolist(), "a": 1.577, "b": 0.895},
    umap_ce,
    wrt="Y",
    source="UMAP's cross entropy between the high-dimensional fuzzy graph v_ij and the low-dimensional memberships, the latter the smooth curve (1 + a ||y_i - y_j||_2^{2b})^{-1} of the embedding (McInnes, Healy and Melville, 2018, UMAP: Uniform Manifold Approximation and Projection for Dimension Reduction, arXiv:1802.03426, Secs. 3-4)",
    note="y_i the embedded points, the rows of Y; a = 1.577 and b = 0.895 the values UMAP fits for min-dist = 0.1",
)
d_ab = np.linspace(0.05, 3.0, 8).round(4)
psi_ab = np.where(d_ab <= 0.1, 1.0, np.exp(-(d_ab - 0.1))).round(6)


def ab_fit(a, b, d, Psi):
    return float(sum(((1 + a * d[k] ** (2 * b)) ** -1 - Psi[k]) ** 2 for k in range(len(d))))


row(
    "umap_ab_curve_least_squares",
    r"L(a, b) = \sum_{k=1}^{K} \left( \left( 1 + a d_k^{2b} \right)^{-1} - \Psi_k \right)^2",
    r"d, \Psi: vector[K]; a, b: scalar, positive; k: index",
    {"d": d_ab.tolist(), "Psi": psi_ab.tolist(), "a": 1.4, "b": 0.9},
    ab_fit,
    wrt="b",
    source="the nonlinear least-squares fit of UMAP's differentiable membership curve (1 + a d^{2b})^{-1} to the offset exponential Psi(d), 1 for d <= min-dist and exp(-(d - min-dist)) beyond (McInnes, Healy and Melville, 2018, arXiv:1802.03426, Sec. 4, the curve Phi and its fit to Psi)",
    note="Psi_k = Psi(d_k) at the sample distances d_k with min-dist = 0.1, given",
)
G_i = np.array(
    [
        [
            0.0 if i == j else np.linalg.norm(Pts[i] - Pts[j]) * (1 + 0.1 * ((i + j) % 3))
            for j in range(5)
        ]
        for i in range(5)
    ]
).round(4)
D_i = np.array(
    [[0.0 if i == j else np.linalg.norm(Y_k[i] - Y_k[j]) for j in range(5)] for i in range(5)]
).round(4)


def resvar(G, D, G_bar, D_bar):
    n = len(G)
    num = sum((G[i, j] - G_bar) * (D[i, j] - D_bar) for i in range(n) for j in range(n)) ** 2
    den = sum((G[i, j] - G_bar) ** 2 for i in range(n) for j in range(n)) * sum(
        (D[i, j] - D_bar) ** 2 for i in range(n) for j in range(n)
    )
    return float(1 - num / den)


row(
    "isomap_residual_variance",
    r"1 - \frac{\left( \sum_{i,j} (G_{ij} - \bar{G})(D_{ij} - \bar{D}) \right)^2}{\sum_{i,j} (G_{ij} - \bar{G})^2 \sum_{i,j} (D_{ij} - \bar{D})^2}",
    r"G, D: matrix[n, n]; \bar{G}, \bar{D}: scalar; i, j: index",
    {
        "G": G_i.tolist(),
        "D": D_i.tolist(),
        "G_bar": round(float(G_i.mean()), 8),
        "D_bar": round(float(D_i.mean()), 8),
    },
    resvar,
    wrt="D",
    source="Isomap's residual variance 1 - R^2(D-hat_M, D_Y), R the linear correlation coefficient over all entries of the graph-distance matrix and of the embedding's Euclidean distances (Tenenbaum, de Silva and Langford, 2000, A Global Geometric Framework for Nonlinear Dimensionality Reduction, Science 290, Fig. 2 caption)",
    note="G = D-hat_M the geodesic (graph) distances and D = D_Y the embedding distances, bar-G and bar-D the means of all their entries, given; R^2 written out",
)
Xt = np.asarray(rnd(8111, 6, 3, lo=-1.0, hi=1.0))
Yt = Xt[:, :2] + np.asarray(rnd(8112, 6, 2, lo=-0.6, hi=0.6))


def ranks(Z):
    n = len(Z)
    d = np.array([[np.linalg.norm(Z[i] - Z[j]) for j in range(n)] for i in range(n)])
    r = np.zeros((n, n))
    for i in range(n):
        order = [j for j in np.argsort(d[i], kind="stable") if j != i]
        for pos, j in enumerate(order):
            r[i, j] = pos + 1
    return r


r_t, rh_t = ranks(Xt), ranks(Yt)


def trust(r, r_hat, k):
    N = len(r)
    k = int(k)
    s = sum((r_hat[i, j] <= k) * (r[i, j] > k) * (r[i, j] - k) for i in range(N) for j in range(N))
    return 1 - 2 / (N * k * (2 * N - 3 * k - 1)) * s


row(
    "trustworthiness",
    r"M_1(k) = 1 - \frac{2}{N k (2N - 3k - 1)} \sum_{i=1}^{N} \sum_{j=1}^{N} \mathbb{1}\left[ \hat{r}(i, j) \le k \right] \mathbb{1}\left[ r(i, j) > k \right] \left( r(i, j) - k \right)",
    r"r, \hat{r}: matrix[N, N]; k: scalar, integer, positive; i, j: index",
    {"r": r_t.tolist(), "r_hat": rh_t.tolist(), "k": 2},
    trust,
    source="trustworthiness of a projection, penalizing points that enter the k-neighbourhood of i in the visualization though they are far in the input space, by their input-space rank (Venna and Kaski, 2001, Neighborhood Preservation in Nonlinear Projection Methods: An Experimental Study, ICANN, the measure M_1)",
    note="r(i, j) the rank of j among the neighbours of i in the input space and r-hat(i, j) in the projection (the diagonal, i itself, is 0); the paper's set U_k(i), the points in the k-neighbourhood of i in the projection but not in the input space, written with the two indicators",
)
K_c = np.asarray(rnd(8113, 4, 3, lo=-1.0, hi=1.0))
K_c = (K_c @ K_c.T + 0.3).round(4)


def kpca_center(K, N):
    N = int(N)
    ones_n = np.full((N, N), 1.0 / N)
    return K - ones_n @ K - K @ ones_n + ones_n @ K @ ones_n


row(
    "kernel_pca_centering",
    r"\tilde{K} = K - \mathbf{1}_N K - K \mathbf{1}_N + \mathbf{1}_N K \mathbf{1}_N",
    "K: symmetric[N]; N: dim",
    {"K": K_c.tolist(), "N": 4},
    kpca_center,
    source="the kernel matrix of the feature vectors centred in feature space, computed from the uncentred kernel matrix (Scholkopf, Smola and Muller, 1998, Nonlinear Component Analysis as a Kernel Eigenvalue Problem, Neural Computation 10, Appendix A)",
    note="1_N the N x N matrix whose entries all equal 1/N, as the paper defines it (not a vector of ones); the value is the matrix K-tilde",
)

if __name__ == "__main__":
    A.write()
