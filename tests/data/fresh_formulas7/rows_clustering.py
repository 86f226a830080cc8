"""Clustering objectives and validity indices: the silhouette, Davies-Bouldin, Calinski-Harabasz
and Dunn indices, the Rand and adjusted Rand indices, normalized mutual information, homogeneity
and the V-measure, the Fowlkes-Mallows index, the fuzzy c-means objective and memberships, the
Xie-Beni index, and the within-cluster dispersion of the gap statistic (NumPy references from
each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("clustering")
row = A.row

X_c = np.array([[0.1, 0.2], [0.35, -0.1], [1.6, 1.4], [1.9, 1.1], [2.2, 1.7], [-0.2, 0.4]])
lab = [1, 1, 2, 2, 2, 1]
C_c = np.array([X_c[[i for i in range(6) if lab[i] == q]].mean(0) for q in (1, 2)])
n_c = [3.0, 3.0]
cE = X_c.mean(0)

row(
    "silhouette_width",
    r"s(i) = \frac{b(i) - a(i)}{\max\{a(i), b(i)\}}",
    "a, b: scalar, positive",
    {"a": 0.4, "b": 0.9},
    lambda a, b: (b - a) / max(a, b),
    wrt="a",
    source="the silhouette of object i, from its mean dissimilarity a(i) to its own cluster and b(i) to the nearest other cluster (Rousseeuw, 1987, Silhouettes: a Graphical Aid to the Interpretation and Validation of Cluster Analysis, Sec. 2)",
    note="a(i) and b(i) given numbers for the one object i",
)
s_db = [0.3, 0.5, 0.25]
M_db = [[0.0, 0.0], [1.5, 0.4], [0.3, 2.0]]


def db(s, M):
    k = len(s)
    return float(
        sum(
            max((s[i] + s[j]) / np.linalg.norm(M[i] - M[j]) for j in range(k) if j != i)
            for i in range(k)
        )
        / k
    )


row(
    "davies_bouldin_index",
    r"\mathrm{DB} = \frac{1}{k} \sum_{i=1}^{k} \max_{j \neq i} \frac{s_i + s_j}{\left\| \boldsymbol{\mu}_i - \boldsymbol{\mu}_j \right\|_2}",
    r"s: vector[k]; M: matrix[k, d]; \mu_i: row[M]; i, j: index",
    {"s": s_db, "M": M_db},
    db,
    wrt="s",
    source="the Davies-Bouldin index, the mean over clusters of the worst ratio of within-cluster scatter to between-centroid separation (Davies and Bouldin, 1979, A Cluster Separation Measure, Definition 5 with R_ij = (S_i + S_j) / M_ij)",
    note="s_i the scatter of cluster i (the mean distance of its points to its centroid) and mu_i its centroid, the i-th row of M",
)


def ch(X, C, c_E, n, l, k):  # noqa: E741
    N = len(X)
    k = int(k)
    B = sum(n[q] * np.sum((C[q] - c_E) ** 2) for q in range(k)) / (k - 1)
    W = sum(np.sum((X[i] - C[int(l[i]) - 1]) ** 2) for i in range(N)) / (N - k)
    return float(B / W)


row(
    "calinski_harabasz_index",
    r"\mathrm{CH} = \frac{\sum_{q=1}^{k} n_q \left\| \mathbf{c}_q - \mathbf{c}_E \right\|^2 / (k - 1)}{\sum_{i=1}^{N} \left\| \mathbf{x}_i - \mathbf{c}_{l_i} \right\|^2 / (N - k)}",
    "X: matrix[N, d]; x_i: row[X]; C: matrix[k, d]; c_q: row[C]; c_E: vector[d]; n: vector[k]; l: labels[N, k]; k: dim; q, i: index",
    {
        "X": X_c.tolist(),
        "C": C_c.round(6).tolist(),
        "c_E": cE.round(6).tolist(),
        "n": n_c,
        "l": lab,
        "k": 2,
    },
    ch,
    wrt="X",
    source="the Calinski-Harabasz variance ratio, tr(B_k) / (k - 1) over tr(W_k) / (N - k), the traces of the between- and within-cluster dispersion matrices written out (Calinski and Harabasz, 1974, A Dendrite Method for Cluster Analysis, Sec. 3)",
    note="x_i the rows of X; c_q the centroid of cluster q (the rows of C), c_E the mean of the data and n_q the size of cluster q, given (computed from the same X); l_i the cluster of x_i, counted from 1",
)


def dunn(X, c):
    n = len(X)
    inter = min(np.linalg.norm(X[i] - X[j]) for i in range(n) for j in range(n) if c[i] != c[j])
    intra = max(np.linalg.norm(X[i] - X[j]) for i in range(n) for j in range(n) if c[i] == c[j])
    return float(inter / intra)


row(
    "dunn_index",
    r"D = \frac{\min_{i, j : c_i \neq c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|}{\max_{i, j : c_i = c_j} \left\| \mathbf{x}_i - \mathbf{x}_j \right\|}",
    "X: matrix[n, d]; x_i: row[X]; c: labels[n, k]; i, j: index",
    {"X": X_c.tolist(), "c": lab},
    dunn,
    wrt="X",
    source="Dunn's index, the smallest distance between points of different clusters over the largest diameter of a cluster (Dunn, 1974, Well-Separated Clusters and Optimal Fuzzy Partitions, Sec. 2; Bezdek and Pal, 1998, Eq. 3)",
    note="x_i the rows of X and c_i the cluster of x_i, counted from 1",
)
u_ri = [1, 1, 2, 2, 3, 3]
v_ri = [1, 1, 1, 2, 2, 2]


def rand_index(u, v):
    n = len(u)
    agree = sum(
        (u[i] == u[j]) * (v[i] == v[j]) + (u[i] != u[j]) * (v[i] != v[j])
        for i in range(n - 1)
        for j in range(i + 1, n)
    )
    return agree / (n * (n - 1) / 2)


row(
    "rand_index",
    r"\mathrm{RI} = \frac{\sum_{i=1}^{n-1} \sum_{j=i+1}^{n} \left( \mathbb{1}[u_i = u_j] \, \mathbb{1}[v_i = v_j] + \mathbb{1}[u_i \neq u_j] \, \mathbb{1}[v_i \neq v_j] \right)}{\binom{n}{2}}",
    "u: labels[n, K]; v: labels[n, L]; n: dim; i, j: index",
    {"u": u_ri, "v": v_ri, "n": 6},
    lambda u, v, n: rand_index(u, v),
    source="the Rand index, the fraction of the pairs of objects on which two clusterings agree (Rand, 1971, Objective Criteria for the Evaluation of Clustering Methods, Sec. 3)",
    note="u_i and v_i the clusters of object i in the two clusterings, counted from 1",
)
n_ct = np.array([[3.0, 1.0, 1.0], [1.0, 4.0, 1.0], [2.0, 1.0, 5.0]])
a_ct = n_ct.sum(1)
b_ct = n_ct.sum(0)
N_ct = float(n_ct.sum())


def comb2(x):
    return x * (x - 1) / 2


def ari(n, a, b, N):
    idx = np.sum(comb2(n))
    ea = np.sum(comb2(a))
    eb = np.sum(comb2(b))
    expected = ea * eb / comb2(N)
    return float((idx - expected) / (0.5 * (ea + eb) - expected))


row(
    "adjusted_rand_index",
    r"\mathrm{ARI} = \frac{\sum_{ij} \binom{n_{ij}}{2} - \left[ \sum_i \binom{a_i}{2} \sum_j \binom{b_j}{2} \right] / \binom{N}{2}}{\frac{1}{2} \left[ \sum_i \binom{a_i}{2} + \sum_j \binom{b_j}{2} \right] - \left[ \sum_i \binom{a_i}{2} \sum_j \binom{b_j}{2} \right] / \binom{N}{2}}",
    "n: matrix[R, C]; a: vector[R]; b: vector[C]; N: scalar, positive",
    {"n": n_ct.tolist(), "a": a_ct.tolist(), "b": b_ct.tolist(), "N": N_ct},
    ari,
    source="the adjusted Rand index, the Rand index corrected for chance under the hypergeometric model, from the contingency table of two clusterings (Hubert and Arabie, 1985, Comparing Partitions, Sec. 4; Vinh, Epps and Bailey, 2010, Information Theoretic Measures for Clusterings Comparison, Table 1)",
    note="n_ij the number of objects in cluster i of U and j of V, a_i and b_j the row and column sums, N the number of objects",
)


def nmi(n, a, b, N):
    mi = sum(
        n[i, j] / N * math.log(n[i, j] * N / (a[i] * b[j]))
        for i in range(len(a))
        for j in range(len(b))
    )
    Hu = -sum(a[i] / N * math.log(a[i] / N) for i in range(len(a)))
    Hv = -sum(b[j] / N * math.log(b[j] / N) for j in range(len(b)))
    return mi / math.sqrt(Hu * Hv)


row(
    "normalized_mutual_information",
    r"\mathrm{NMI}(U, V) = \frac{\sum_{i=1}^{R} \sum_{j=1}^{C} \frac{n_{ij}}{N} \log \frac{n_{ij} N}{a_i b_j}}{\sqrt{\left( -\sum_{i=1}^{R} \frac{a_i}{N} \log \frac{a_i}{N} \right) \left( -\sum_{j=1}^{C} \frac{b_j}{N} \log \frac{b_j}{N} \right)}}",
    "n: matrix[R, C]; a: vector[R]; b: vector[C]; N: scalar, positive; i, j: index",
    {"n": n_ct.tolist(), "a": a_ct.tolist(), "b": b_ct.tolist(), "N": N_ct},
    nmi,
    wrt="n",
    source="normalized mutual information of two clusterings, I(U, V) / sqrt(H(U) H(V)) from their contingency table (Strehl and Ghosh, 2002, Cluster Ensembles: A Knowledge Reuse Framework for Combining Multiple Partitions, Eq. 2; Vinh, Epps and Bailey, 2010, Table 2)",
    note="n_ij the contingency table, a_i and b_j its row and column sums and N its total, given (computed from the same table)",
)
A_h = [[5.0, 1.0, 0.5], [1.0, 4.0, 2.0]]
N_h = float(np.sum(A_h))


def homogeneity(a, N):
    C, K = a.shape
    col = a.sum(0)
    row_ = a.sum(1)
    hck = -sum(a[c, k] / N * math.log(a[c, k] / col[k]) for k in range(K) for c in range(C))
    hc = -sum(row_[c] / N * math.log(row_[c] / N) for c in range(C))
    return 1 - hck / hc


row(
    "homogeneity",
    r"h = 1 - \frac{-\sum_{k=1}^{K} \sum_{c=1}^{C} \frac{a_{ck}}{N} \log \frac{a_{ck}}{\sum_{c=1}^{C} a_{ck}}}{-\sum_{c=1}^{C} \frac{\sum_{k=1}^{K} a_{ck}}{N} \log \frac{\sum_{k=1}^{K} a_{ck}}{N}}",
    "a: matrix[C, K]; N: scalar, positive; c, k: index",
    {"a": A_h, "N": N_h},
    homogeneity,
    wrt="a",
    source="homogeneity of a clustering, 1 - H(C | K) / H(C) from the contingency table of classes C and clusters K (Rosenberg and Hirschberg, 2007, V-Measure: A Conditional Entropy-Based External Cluster Evaluation Measure, Sec. 3)",
    note="a_ck the number of members of class c in cluster k and N the number of data points, given (the sum of a); the inner sum over c in the logarithm's denominator shadows the outer c, as the paper writes it",
)
row(
    "v_measure",
    r"V_\beta = \frac{(1 + \beta) \cdot h \cdot c}{(\beta \cdot h) + c}",
    r"h, c: scalar, unit; \beta: scalar, positive",
    {"h": 0.62, "c": 0.48, "beta": 1.0},
    lambda h, c, beta: (1 + beta) * h * c / (beta * h + c),
    wrt="h",
    source="the V-measure, the weighted harmonic mean of homogeneity h and completeness c (Rosenberg and Hirschberg, 2007, Sec. 3)",
)
m_fm = n_ct
n_fm = float(m_fm.sum())


def fm(m, n):
    T = np.sum(m**2) - n
    P = np.sum(m.sum(1) ** 2) - n
    Q = np.sum(m.sum(0) ** 2) - n
    return float(T / math.sqrt(P * Q))


row(
    "fowlkes_mallows_index",
    r"B_k = \frac{\sum_{i} \sum_{j} m_{ij}^2 - n}{\sqrt{\left( \sum_{i} \left( \sum_{j} m_{ij} \right)^2 - n \right) \left( \sum_{j} \left( \sum_{i} m_{ij} \right)^2 - n \right)}}",
    "m: matrix[k, k]; n: scalar, positive; i, j: index",
    {"m": m_fm.tolist(), "n": n_fm},
    fm,
    wrt="m",
    source="the Fowlkes-Mallows index of two clusterings into k clusters, B_k = T_k / sqrt(P_k Q_k) from their matching matrix (Fowlkes and Mallows, 1983, A Method for Comparing Two Hierarchical Clusterings, Sec. 2)",
    note="m_ij the number of objects in cluster i of the first clustering and j of the second; n the number of objects, given (the sum of m)",
)
V_f = np.array([[0.0, 0.2], [1.9, 1.4]])
U_f = np.array(rnd(7500, 2, 6, lo=0.1, hi=1.0))
U_f = (U_f / U_f.sum(0)).round(4)


def fcm_obj(U, V, X, m):
    c, n = U.shape
    return float(sum(U[i, k] ** m * np.sum((X[k] - V[i]) ** 2) for k in range(n) for i in range(c)))


row(
    "fuzzy_c_means_objective",
    r"J_m(U, \mathbf{v}) = \sum_{k=1}^{n} \sum_{i=1}^{c} (u_{ik})^m \left\| \mathbf{x}_k - \mathbf{v}_i \right\|^2",
    "U: matrix[c, n]; V: matrix[c, d]; v_i: row[V]; X: matrix[n, d]; x_k: row[X]; m: scalar, positive; i, k: index",
    {"U": U_f.tolist(), "V": V_f.tolist(), "X": X_c.tolist(), "m": 2.0},
    fcm_obj,
    wrt="U",
    source="the fuzzy c-means objective, the membership-weighted within-cluster squared error with fuzzifier m > 1 (Bezdek, Ehrlich and Full, 1984, FCM: The Fuzzy c-Means Clustering Algorithm, Eq. 1, with the Euclidean norm)",
    note="u_ik the membership of x_k in cluster i; v_i the cluster centres, the rows of V; x_k the rows of X",
)


def fcm_u(V, X, m):
    c, n = len(V), len(X)
    return np.array(
        [
            [
                1.0
                / sum(
                    (np.linalg.norm(X[k] - V[i]) / np.linalg.norm(X[k] - V[j])) ** (2 / (m - 1))
                    for j in range(c)
                )
                for k in range(n)
            ]
            for i in range(c)
        ]
    )


row(
    "fuzzy_c_means_membership",
    r"u_{ik} = \left( \sum_{j=1}^{c} \left( \frac{\left\| \mathbf{x}_k - \mathbf{v}_i \right\|}{\left\| \mathbf{x}_k - \mathbf{v}_j \right\|} \right)^{2/(m-1)} \right)^{-1}",
    "V: matrix[c, d]; v_i: row[V]; X: matrix[n, d]; x_k: row[X]; m: scalar, positive; i, j, k: index",
    {"V": V_f.tolist(), "X": X_c.tolist(), "m": 2.0},
    fcm_u,
    source="the fuzzy c-means membership update, optimal for fixed centres (Bezdek, Ehrlich and Full, 1984, Eq. 3a)",
    note="no x_k coincides with a centre; the result is the c x n matrix of memberships",
)
V_xb = np.array([[0.1, 0.2], [1.8, 1.3], [0.6, 1.9]])
mu_xb = np.array(rnd(7501, 3, 6, lo=0.1, hi=1.0))
mu_xb = (mu_xb / mu_xb.sum(0)).round(4)


def xie_beni(mu, V, X, n):
    c, n = mu.shape[0], int(n)
    num = sum(mu[i, j] ** 2 * np.sum((V[i] - X[j]) ** 2) for i in range(c) for j in range(n))
    sep = min(np.sum((V[i] - V[j]) ** 2) for i in range(c) for j in range(c) if i != j)
    return float(num / (n * sep))


row(
    "xie_beni_index",
    r"S = \frac{\sum_{i=1}^{c} \sum_{j=1}^{n} \mu_{ij}^2 \left\| \mathbf{v}_i - \mathbf{x}_j \right\|^2}{n \min_{i \neq j} \left\| \mathbf{v}_i - \mathbf{v}_j \right\|^2}",
    r"\mu: matrix[c, n]; V: matrix[c, d]; v_i: row[V]; X: matrix[n, d]; x_j: row[X]; n: dim; i, j: index",
    {"mu": mu_xb.tolist(), "V": V_xb.tolist(), "X": X_c.tolist(), "n": 6},
    xie_beni,
    wrt="V",
    source="the Xie-Beni validity index of a fuzzy partition, compactness over separation (Xie and Beni, 1991, A Validity Measure for Fuzzy Clustering, Sec. III)",
    note="mu_ij the membership of x_j in cluster i; v_i the centres, the rows of V; x_j the rows of X; the min runs over pairs of distinct centres",
)
n_gap = [3.0, 3.0]


def gap_w(X, c, n, k):
    N = len(X)
    return float(
        sum(
            sum(
                np.sum((X[i] - X[ip]) ** 2)
                for i in range(N)
                for ip in range(N)
                if c[i] == r and c[ip] == r
            )
            / (2 * n[r - 1])
            for r in range(1, int(k) + 1)
        )
    )


row(
    "gap_statistic_within_dispersion",
    r"W_k = \sum_{r=1}^{k} \frac{1}{2 n_r} \sum_{i=1}^{N} \sum_{i'=1}^{N} \mathbb{1}[c_i = r] \, \mathbb{1}[c_{i'} = r] \left\| \mathbf{x}_i - \mathbf{x}_{i'} \right\|^2",
    "X: matrix[N, d]; x_i: row[X]; c: labels[N, k]; n: vector[k]; k: dim; r, i, i': index",
    {"X": X_c.tolist(), "c": lab, "n": n_gap, "k": 2},
    gap_w,
    wrt="X",
    source="the pooled within-cluster sum of pairwise squared distances that the gap statistic compares with its expectation under a reference distribution, W_k = sum_r D_r / (2 n_r) (Tibshirani, Walther and Hastie, 2001, Estimating the Number of Clusters in a Data Set via the Gap Statistic, Eqs. 1-2)",
    note="x_i the rows of X; c_i the cluster of x_i, counted from 1; n_r the size of cluster r, given; D_r = sum over i, i' in C_r of the squared Euclidean distance, written with indicators",
)

if __name__ == "__main__":
    A.write()
