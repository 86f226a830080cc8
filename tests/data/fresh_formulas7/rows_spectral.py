"""Graph Laplacians, spectral clustering and community detection: the symmetric and random-walk
normalized Laplacians and the normalized Laplacian's quadratic form, RatioCut and Ncut of a
k-way partition and Shi and Malik's two-way Ncut, conductance, Newman's modularity, the Rayleigh
quotient and the trace relaxation of normalized spectral clustering, the affinities of Ng, Jordan
and Weiss and of self-tuning spectral clustering, the row normalization of the spectral
embedding, the diffusion kernel and the heat trace (NumPy/SciPy references from each source's
definition)."""

from __future__ import annotations

import numpy as np
from _common import Area, rnd
from scipy.linalg import expm

A = Area("spectral")
row = A.row

_a = np.asarray(rnd(7300, 5, 5, lo=0.1, hi=1.0))
W_g = np.triu(_a, 1)
W_g = (W_g + W_g.T).round(3)
d_g = W_g.sum(1).round(3)
D_g = np.diag(d_g)
L_g = D_g - W_g
c_g = [1, 2, 1, 2, 2]

row(
    "symmetric_normalized_laplacian",
    r"L_{\mathrm{sym}} = I - D^{-1/2} W D^{-1/2}",
    "W: symmetric[n]; D: matrix[n, n]",
    {"W": W_g.tolist(), "D": D_g.tolist()},
    lambda W, D: np.eye(len(W)) - np.diag(np.diag(D) ** -0.5) @ W @ np.diag(np.diag(D) ** -0.5),
    source="the symmetric normalized graph Laplacian (von Luxburg, 2007, A Tutorial on Spectral Clustering, Sec. 3.2; Chung, 1997, Spectral Graph Theory)",
    note="D the diagonal degree matrix, d_i = sum_j w_ij; the result is the n x n matrix",
)
row(
    "random_walk_laplacian",
    r"L_{\mathrm{rw}} = I - D^{-1} W",
    "W: symmetric[n]; D: matrix[n, n]",
    {"W": W_g.tolist(), "D": D_g.tolist()},
    lambda W, D: np.eye(len(W)) - np.linalg.inv(D) @ W,
    source="the random-walk normalized graph Laplacian, I minus the transition matrix of the random walk on the graph (von Luxburg, 2007, Sec. 3.2; Shi and Malik, 2000)",
    note="D the diagonal degree matrix; the result is the n x n matrix",
)
f_g = rnd(7301, 5)


def norm_quad(f, w, d):
    n = len(f)
    return 0.5 * sum(
        w[i, j] * (f[i] / np.sqrt(d[i]) - f[j] / np.sqrt(d[j])) ** 2
        for i in range(n)
        for j in range(n)
    )


row(
    "normalized_laplacian_quadratic_form",
    r"\frac{1}{2} \sum_{i,j=1}^{n} w_{ij} \left( \frac{f_i}{\sqrt{d_i}} - \frac{f_j}{\sqrt{d_j}} \right)^2",
    "f, d: vector[n]; w: matrix[n, n]; i, j: index",
    {"f": f_g, "d": d_g.tolist(), "w": W_g.tolist()},
    norm_quad,
    wrt="f",
    source="the quadratic form f^T L_sym f of the symmetric normalized Laplacian written over the edges (von Luxburg, 2007, Proposition 3)",
    note="w_ij the edge weights and d_i = sum_j w_ij the degrees, given",
)


def ratiocut(w, c, k):
    n = len(c)
    total = 0.0
    for q in range(1, int(k) + 1):
        cut = sum(w[i, j] for i in range(n) for j in range(n) if c[i] == q and c[j] != q)
        size = sum(1 for i in range(n) if c[i] == q)
        total += cut / size
    return 0.5 * total


row(
    "ratiocut",
    r"\mathrm{RatioCut}(A_1, \ldots, A_k) = \frac{1}{2} \sum_{l=1}^{k} \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} \mathbb{1}[c_i = l] \mathbb{1}[c_j \neq l]}{\sum_{i=1}^{n} \mathbb{1}[c_i = l]}",
    "w: matrix[n, n]; c: labels[n, k]; k: dim; i, j, l: index",
    {"w": W_g.tolist(), "c": c_g, "k": 2},
    ratiocut,
    wrt="w",
    source="RatioCut of a partition into k clusters, the weight cut off each cluster over its size, W(A_l, A-bar_l) / |A_l| (von Luxburg, 2007, Sec. 5; Hagen and Kahng, 1992)",
    note="c_i the cluster of vertex i, counted from 1: A_l = {i : c_i = l}; the cut W(A, A-bar) and the size |A| written with indicators",
)


def ncut(w, c, k):
    n = len(c)
    total = 0.0
    for q in range(1, int(k) + 1):
        cut = sum(w[i, j] for i in range(n) for j in range(n) if c[i] == q and c[j] != q)
        vol = sum(w[i, j] for i in range(n) for j in range(n) if c[i] == q)
        total += cut / vol
    return 0.5 * total


row(
    "ncut_k_way",
    r"\mathrm{Ncut}(A_1, \ldots, A_k) = \frac{1}{2} \sum_{l=1}^{k} \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} \mathbb{1}[c_i = l] \mathbb{1}[c_j \neq l]}{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} \mathbb{1}[c_i = l]}",
    "w: matrix[n, n]; c: labels[n, k]; k: dim; i, j, l: index",
    {"w": W_g.tolist(), "c": c_g, "k": 2},
    ncut,
    wrt="w",
    source="the normalized cut of a k-way partition, the weight cut off each cluster over its volume vol(A_l) = sum_{i in A_l} d_i (von Luxburg, 2007, Sec. 5; Shi and Malik, 2000)",
    note="c_i the cluster of vertex i, counted from 1; the cut and the volume written with indicators",
)
x_sm = [1.0, -1.0, 1.0, -1.0, -1.0]


def ncut_sm(x, w, d):
    n = len(x)
    a = sum(-w[i, j] * x[i] * x[j] for i in range(n) for j in range(n) if x[i] > 0 and x[j] < 0)
    b = sum(-w[i, j] * x[i] * x[j] for i in range(n) for j in range(n) if x[i] < 0 and x[j] > 0)
    return a / sum(d[i] for i in range(n) if x[i] > 0) + b / sum(d[i] for i in range(n) if x[i] < 0)


row(
    "ncut_two_way_indicator",
    r"\mathrm{Ncut}(A, B) = \frac{\sum_{x_i > 0, x_j < 0} -w_{ij} x_i x_j}{\sum_{x_i > 0} d_i} + \frac{\sum_{x_i < 0, x_j > 0} -w_{ij} x_i x_j}{\sum_{x_i < 0} d_i}",
    "x, d: vector[n]; w: matrix[n, n]; i, j: index",
    {"x": x_sm, "d": d_g.tolist(), "w": W_g.tolist()},
    ncut_sm,
    wrt="w",
    source="the normalized cut of a bipartition written with its +-1 indicator vector x (Shi and Malik, 2000, Normalized Cuts and Image Segmentation, Eq. 4 and Sec. 2.1)",
    note="x_i = 1 for the vertices of A and -1 for those of B; d_i = sum_j w_ij the degrees, given; the sums run over the pairs (i, j) and the vertices i meeting the conditions",
)
s_cd = [1.0, 1.0, 0.0, 0.0, 1.0]


def conductance(w, s):
    n = len(s)
    cut = sum(w[i, j] * s[i] * (1 - s[j]) for i in range(n) for j in range(n))
    return cut / min(float(np.sum(w * s[:, None])), float(np.sum(w * (1 - s)[:, None])))


row(
    "conductance",
    r"\phi(S) = \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} s_i (1 - s_j)}{\min\left( \sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} s_i, \sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} (1 - s_i) \right)}",
    "w: matrix[n, n]; s: vector[n]; i, j: index",
    {"w": W_g.tolist(), "s": s_cd},
    conductance,
    wrt="w",
    source="the conductance (Cheeger ratio) of a vertex set S, the weight leaving S over the smaller of the two volumes (Chung, 1997, Spectral Graph Theory, Sec. 2.2; Kannan, Vempala and Vetta, 2004, On Clusterings: Good, Bad and Spectral)",
    note="s the 0/1 indicator vector of S",
)
A_mo = (np.asarray(rnd(7302, 6, 6, lo=0.0, hi=1.0)) > 0.5).astype(float)
A_mo = np.triu(A_mo, 1)
A_mo = A_mo + A_mo.T
k_mo = A_mo.sum(1)
m_mo = A_mo.sum() / 2
g_mo = [1, 1, 2, 2, 1, 2]


def modularity(A, k, m, c):
    n = len(c)
    return float(
        sum(
            (A[i, j] - k[i] * k[j] / (2 * m)) * (1.0 if c[i] == c[j] else 0.0)
            for i in range(n)
            for j in range(n)
        )
        / (2 * m)
    )


row(
    "modularity",
    r"Q = \frac{1}{2m} \sum_{ij} \left[ A_{ij} - \frac{k_i k_j}{2m} \right] \delta(c_i, c_j)",
    "A: symmetric[n]; k: vector[n]; m: scalar, positive; c: labels[n, K]",
    {"A": A_mo.tolist(), "k": k_mo.tolist(), "m": float(m_mo), "c": g_mo},
    modularity,
    wrt="A",
    source="Newman's modularity of a division of a network into communities, the fraction of edges within communities minus its expectation under the configuration model (Newman, 2006, Modularity and Community Structure in Networks, Eq. 1 and Sec. 'Dividing networks into more than two communities'; Newman and Girvan, 2004)",
    note="A the adjacency matrix, k_i the degree of vertex i and m the number of edges, given; c_i the community of vertex i, counted from 1; delta the Kronecker delta; the sum runs over all pairs i, j",
)
row(
    "rayleigh_quotient",
    r"R(\mathbf{f}) = \frac{\mathbf{f}^\top L \mathbf{f}}{\mathbf{f}^\top \mathbf{f}}",
    "f: vector[n]; L: symmetric[n]",
    {"f": f_g, "L": L_g.round(3).tolist()},
    lambda f, L: float(f @ L @ f / (f @ f)),
    wrt="f",
    source="the Rayleigh quotient of the graph Laplacian, whose minimum over f orthogonal to the constant vector is the Fiedler value (Fiedler, 1973, Algebraic Connectivity of Graphs; von Luxburg, 2007, Sec. 5.1)",
)
T_tr = rnd(7303, 5, 2)


def trace_relax(T, D, L):
    Dm = np.diag(np.diag(D) ** -0.5)
    return float(np.trace(T.T @ Dm @ L @ Dm @ T))


row(
    "normalized_spectral_trace_relaxation",
    r"\operatorname{Tr}\left( T^\top D^{-1/2} L D^{-1/2} T \right)",
    "T: matrix[n, k]; D: matrix[n, n]; L: symmetric[n]",
    {"T": T_tr, "D": D_g.tolist(), "L": L_g.round(3).tolist()},
    trace_relax,
    wrt="T",
    source="the relaxed normalized-cut objective minimized over T with T^T T = I, solved by the first k eigenvectors of L_sym (von Luxburg, 2007, Sec. 5.3)",
    note="D the diagonal degree matrix and L = D - W the unnormalized Laplacian",
)
S_pts = rnd(7304, 4, 2)


def njw(S, sigma):
    n = len(S)
    return np.array(
        [
            [
                0.0 if i == j else np.exp(-np.sum((S[i] - S[j]) ** 2) / (2 * sigma**2))
                for j in range(n)
            ]
            for i in range(n)
        ]
    )


row(
    "njw_affinity_matrix",
    r"A_{ij} = \begin{cases} \exp\left( -\|s_i - s_j\|^2 / 2\sigma^2 \right) & \text{if } i \neq j \\ 0 & \text{if } i = j \end{cases}",
    r"S: matrix[n, d]; s_i: row[S]; \sigma: scalar, positive; i, j: index",
    {"S": S_pts, "sigma": 0.7},
    njw,
    source="the Gaussian affinity matrix of the points s_1, ..., s_n with a zero diagonal, the first step of the Ng-Jordan-Weiss algorithm (Ng, Jordan and Weiss, 2002, On Spectral Clustering: Analysis and an Algorithm, Sec. 2, step 1)",
    note="s_i the rows of S; ||s_i - s_j||^2 / 2 sigma^2 means ||s_i - s_j||^2 / (2 sigma^2), as the paper writes it inline; the result is the n x n matrix",
)
sig_ls = rnd(7305, 4, lo=0.3, hi=1.0)
row(
    "self_tuning_affinity",
    r"\hat{A}_{ij} = \exp\left( -\frac{\|\mathbf{s}_i - \mathbf{s}_j\|^2}{\sigma_i \sigma_j} \right)",
    r"S: matrix[n, d]; s_i: row[S]; \sigma: vector[n]; i, j: index",
    {"S": S_pts, "sigma": sig_ls},
    lambda S, sigma: np.array(
        [
            [np.exp(-np.sum((S[i] - S[j]) ** 2) / (sigma[i] * sigma[j])) for j in range(len(S))]
            for i in range(len(S))
        ]
    ),
    source="the locally scaled affinity of self-tuning spectral clustering, each point with its own scale sigma_i = d(s_i, s_K), the distance to its K-th neighbour (Zelnik-Manor and Perona, 2004, Self-Tuning Spectral Clustering, Eq. 2)",
    note="d(s_i, s_j) the Euclidean distance, written as the norm; sigma_i given; the result is the n x n matrix",
)
X_rn = rnd(7306, 4, 2)
row(
    "njw_row_normalization",
    r"Y_{ij} = X_{ij} / \left( \sum_{j} X_{ij}^2 \right)^{1/2}",
    "X: matrix[n, k]; i, j: index",
    {"X": X_rn},
    lambda X: X / np.sqrt(np.sum(X**2, axis=1, keepdims=True)),
    source="the renormalization of each row of the matrix of the k leading eigenvectors to unit length (Ng, Jordan and Weiss, 2002, Sec. 2, step 4)",
    note="the paper reuses j as the summation index inside the denominator: the sum runs over the k entries of row i; the result is the n x k matrix",
)
row(
    "heat_trace",
    r"h_t = \operatorname{Tr}\left( e^{-t L} \right)",
    "t: scalar, positive; L: symmetric[n]",
    {"t": 0.5, "L": L_g.round(3).tolist()},
    lambda t, L: float(np.trace(expm(-t * L))),
    wrt="t",
    source="the heat trace of a graph at time t, sum_j e^{-t lambda_j} over the Laplacian's eigenvalues (Tsitsulin, Mottin, Karras, Bronstein and Muller, 2018, NetLSD: Hearing the Shape of a Graph, Sec. 3; Chung, 1997, Ch. 10)",
    note="e^{-tL} the matrix exponential (the heat kernel)",
)
row(
    "diffusion_kernel",
    r"K = e^{\beta H}",
    r"\beta: scalar, positive; H: symmetric[n]",
    {"beta": 0.4, "H": (-L_g).round(3).tolist()},
    lambda beta, H: expm(beta * H),
    source="the diffusion kernel on the vertices of a graph, the matrix exponential of beta times the generator H = A - D, the negative Laplacian (Kondor and Lafferty, 2002, Diffusion Kernels on Graphs and Other Discrete Input Spaces, Sec. 3)",
    note="the result is the n x n matrix",
)

if __name__ == "__main__":
    A.write()
