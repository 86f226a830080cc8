"""Network science: Brin and Page's PageRank of a page and the damped power iteration, the local
clustering coefficient, Barrat's weighted clustering and the global transitivity, Newman's degree
assortativity, Katz and eigenvector centrality, the Bernoulli stochastic block model
log-likelihood and Karrer and Newman's degree-corrected profile likelihood, modularity as a
quadratic form in the group signs and as Tr e - ||e^2||, the Adamic-Adar score, Estrada's
communicability and the average degree of the neighbours (NumPy/SciPy references from each
source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("networks")
row = A.row

# a small undirected graph on 6 nodes, used by several rows
A6 = np.array(
    [
        [0, 1, 1, 1, 0, 0],
        [1, 0, 1, 0, 1, 0],
        [1, 1, 0, 1, 0, 1],
        [1, 0, 1, 0, 0, 1],
        [0, 1, 0, 0, 0, 1],
        [0, 0, 1, 1, 1, 0],
    ],
    dtype=float,
)
k6 = A6.sum(1)
edges6 = [(i, j) for i in range(6) for j in range(i + 1, 6) if A6[i, j]]


def brin_page(d, PR, C):
    return (1 - d) + d * sum(PR[i] / C[i] for i in range(len(PR)))


row(
    "pagerank_brin_page",
    r"PR(A) = (1 - d) + d \left( \frac{PR(T_1)}{C(T_1)} + \cdots + \frac{PR(T_n)}{C(T_n)} \right)",
    r"\mathrm{PR}, C: vector[n]; d: scalar, unit; n: dim",
    {"d": 0.85, "PR": [1.2, 0.7, 0.95, 1.6], "C": [3.0, 2.0, 5.0, 4.0], "n": 4},
    lambda d, PR, C, n: brin_page(d, PR, C),
    wrt="d",
    source="the PageRank of page A, pointed to by the pages T_1, ..., T_n, C(T) the number of links going out of page T and d the damping factor (Brin and Page, 1998, The Anatomy of a Large-Scale Hypertextual Web Search Engine, Computer Networks 30, Sec. 2.1.1)",
    note="PR(T_i) and C(T_i) the PageRank and out-degree of the i-th page linking to A, the i-th entries of PR and C (a function of a page in the paper); the value is PR(A)",
)
M_pr = (A6 / k6[None, :]).round(6)  # column-stochastic: M_ij = A_ij / k_j
p_pr = np.full(6, 1 / 6)
p_pr = (p_pr + np.asarray(rnd(9200, 6, lo=-0.05, hi=0.05))).round(4)


def pagerank_step(M, p, d, N):
    N = int(N)
    return np.array([d * sum(M[i, j] * p[j] for j in range(N)) + (1 - d) / N for i in range(N)])


row(
    "pagerank_damped_power_iteration",
    r"\mathbf{p}^{(k+1)} = d \, \mathbf{M} \mathbf{p}^{(k)} + \frac{1 - d}{N} \mathbf{1}_N",
    r"\mathbf{M}: matrix[N, N]; \mathbf{p}^{(k)}: vector[N]; d: scalar, unit; N: dim",
    {"M": M_pr.tolist(), "p_sup_k": p_pr.tolist(), "d": 0.85, "N": 6},
    lambda M, p_sup_k, d, N: pagerank_step(M, p_sup_k, d, N),
    source="one step of the power iteration for PageRank with damping d, M the column-stochastic link matrix, M_ij = 1 / k_j when page j links to page i (Page, Brin, Motwani and Winograd, 1999, The PageRank Citation Ranking, Stanford tech. report; Langville and Meyer, 2006, Google's PageRank and Beyond, Ch. 4)",
    note="1_N the vector of N ones; the value is the vector p^(k+1)",
)


def local_clustering(a, k, i):
    i = int(i) - 1
    n = len(a)
    tri = sum(a[i, j] * a[i, h] * a[j, h] for j in range(n) for h in range(n))
    return tri / (k[i] * (k[i] - 1))


row(
    "local_clustering_coefficient",
    r"c_i = \frac{1}{k_i (k_i - 1)} \sum_{j,h} a_{ij} a_{ih} a_{jh}",
    "a: symmetric[N]; k: vector[N]; i: label[N]; j, h: index",
    {"a": A6.tolist(), "k": k6.tolist(), "i": 3},
    local_clustering,
    wrt="a",
    source="the local clustering coefficient of node i, the fraction of pairs of its neighbours that are themselves connected, in terms of the adjacency matrix a (Watts and Strogatz, 1998, Collective Dynamics of Small-World Networks, Nature 393; Barrat, Barthelemy, Pastor-Satorras and Vespignani, 2004, The Architecture of Complex Weighted Networks, PNAS 101, the unweighted coefficient before the weighted one)",
    note="k_i the degree of node i, given; the sum runs over ordered pairs (j, h), so it counts each triangle through i twice, as k_i (k_i - 1) counts ordered pairs of neighbours",
)
W6 = (A6 * np.asarray(rnd(9201, 6, 6, lo=0.5, hi=2.0))).round(3)
W6 = np.triu(W6, 1)
W6 = W6 + W6.T
s6 = W6.sum(1).round(6)


def barrat(w, a, s, k, i):
    i = int(i) - 1
    n = len(w)
    tot = sum(
        (w[i, j] + w[i, h]) / 2 * a[i, j] * a[i, h] * a[j, h] for j in range(n) for h in range(n)
    )
    return tot / (s[i] * (k[i] - 1))


row(
    "barrat_weighted_clustering",
    r"c_i^w = \frac{1}{s_i (k_i - 1)} \sum_{j,h} \frac{w_{ij} + w_{ih}}{2} a_{ij} a_{ih} a_{jh}",
    r"w: symmetric[N]; a: symmetric[N]; s, k: vector[N]; i: label[N]; j, h: index",
    {"w": W6.tolist(), "a": A6.tolist(), "s": s6.tolist(), "k": k6.tolist(), "i": 3},
    barrat,
    wrt="w",
    source="the weighted clustering coefficient of node i, each triangle weighted by the mean weight of its two edges at i and normalized by the strength s_i and degree k_i (Barrat, Barthelemy, Pastor-Satorras and Vespignani, 2004, The Architecture of Complex Weighted Networks, PNAS 101, the weighted clustering coefficient c_i^w)",
    note="a the adjacency matrix and w the weights; s_i the strength sum_j w_ij and k_i the degree, given",
)


def transitivity(A, k):
    n = len(A)
    closed = sum(A[i, j] * A[j, h] * A[h, i] for i in range(n) for j in range(n) for h in range(n))
    return closed / sum(k[i] * (k[i] - 1) for i in range(n))


row(
    "global_transitivity_trace",
    r"C = \frac{\operatorname{Tr} \mathbf{A}^3}{\sum_{i} k_i (k_i - 1)}",
    r"\mathbf{A}: symmetric[n]; \mathbf{k}: vector[n]; i: index",
    {"A": A6.tolist(), "k": k6.tolist()},
    transitivity,
    wrt="A",
    source="the clustering coefficient (transitivity) of a network, three times the number of triangles over the number of connected triples, with Tr A^3 six times the triangles (Newman, 2010, Networks: An Introduction, Sec. 7.9; Newman, 2003, The Structure and Function of Complex Networks, SIAM Review 45, Sec. III.B)",
    note="k_i the degree of node i, given; references by counting closed walks of length 3",
)
jd = np.array([k6[i] for i, j in edges6])
kd = np.array([k6[j] for i, j in edges6])
jd = (jd + np.asarray(rnd(9202, len(edges6), lo=-0.2, hi=0.2))).round(3)


def assortativity(j, k):
    M = len(j)
    # the Pearson correlation of the degrees at the two ends of an edge, each edge counted
    # in both directions
    x = np.concatenate([j, k])
    y = np.concatenate([k, j])
    mx = sum(x) / (2 * M)
    cov = sum((x[e] - mx) * (y[e] - mx) for e in range(2 * M)) / (2 * M)
    var = sum((x[e] - mx) ** 2 for e in range(2 * M)) / (2 * M)
    return cov / var


row(
    "newman_degree_assortativity",
    r"r = \frac{M^{-1} \sum_i j_i k_i - \left[ M^{-1} \sum_i \frac{1}{2} (j_i + k_i) \right]^2}{M^{-1} \sum_i \frac{1}{2} (j_i^2 + k_i^2) - \left[ M^{-1} \sum_i \frac{1}{2} (j_i + k_i) \right]^2}",
    "j, k: vector[M]; M: dim; i: index",
    {"j": jd.tolist(), "k": kd.tolist(), "M": len(edges6)},
    lambda j, k, M: assortativity(j, k),
    wrt="j",
    source="the assortativity coefficient, the Pearson correlation of the degrees j_i and k_i at the ends of edge i over the M edges (Newman, 2002, Assortative Mixing in Networks, Phys. Rev. Lett. 89, Eq. 4)",
    note="j_i and k_i the (excess) degrees at the two ends of the i-th edge, taken as real numbers so that the gradient is defined; references as the Pearson correlation over both orientations of every edge",
)


def katz(A, alpha, beta):
    # the series beta sum_k alpha^k A^k 1, summed until it converges
    n = len(A)
    term = np.ones(n) * beta
    x = term.copy()
    for _ in range(400):
        term = alpha * (A @ term)
        x = x + term
    return x


row(
    "katz_centrality",
    r"\mathbf{x} = \beta \left( \mathbf{I} - \alpha \mathbf{A} \right)^{-1} \cdot \mathbf{1}",
    r"\mathbf{A}: symmetric[n]; \alpha, \beta: scalar, positive",
    {"A": A6.tolist(), "alpha": 0.2, "beta": 1.0},
    katz,
    source="Katz centrality, each node credited with beta for itself and alpha times the centralities of its neighbours, in matrix form (Newman, 2010, Networks: An Introduction, Sec. 7.3; Katz, 1953, A New Status Index Derived from Sociometric Analysis, Psychometrika 18)",
    note="1 the vector of ones (written without its size, as Newman writes it); alpha below the inverse of the largest eigenvalue of A; references by summing the series beta sum_k alpha^k A^k 1",
)
x_ev = [0.41, 0.37, 0.52, 0.45, 0.28, 0.43]
kappa1 = float(np.max(np.linalg.eigvalsh(A6)))
row(
    "eigenvector_centrality_node",
    r"x_i = \kappa_1^{-1} \sum_j A_{ij} x_j",
    r"A: symmetric[n]; \mathbf{x}: vector[n]; \kappa_1: scalar, positive; i: label[n]; j: index",
    {"A": A6.tolist(), "x": x_ev, "kappa_1": round(kappa1, 8), "i": 3},
    lambda A, x, kappa_1, i: sum(A[int(i) - 1, j] * x[j] for j in range(len(x))) / kappa_1,
    wrt="x",
    source="the eigenvector centrality of node i, proportional to the sum of its neighbours' centralities, kappa_1 the largest eigenvalue of A (Newman, 2010, Networks: An Introduction, Sec. 7.2; Bonacich, 1987)",
    note="the right side applied to a vector x that is not yet the eigenvector: one step of the power iteration for the centrality of node i",
)
g_sbm = [1, 1, 1, 2, 2, 2]
theta_sbm = [[0.7, 0.15], [0.15, 0.6]]


def sbm_loglik(A, theta, g):
    n = len(A)
    out = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            p = theta[int(g[i]) - 1, int(g[j]) - 1]
            out += math.log(p) if A[i, j] else math.log(1 - p)
    return out


row(
    "bernoulli_sbm_log_likelihood",
    r"\log P(A \mid \theta, g) = \sum_{i<j} \left[ A_{ij} \log \theta_{g_i g_j} + (1 - A_{ij}) \log \left( 1 - \theta_{g_i g_j} \right) \right]",
    r"A: symmetric[n]; \theta: matrix[K, K]; g: labels[n, K]",
    {"A": A6.tolist(), "theta": theta_sbm, "g": g_sbm},
    sbm_loglik,
    wrt=r"\theta",
    key="theta",
    source="the log-likelihood of an undirected graph under the stochastic block model, each pair i < j linked independently with probability theta_{g_i g_j} that depends on the blocks of its ends (Holland, Laskey and Leinhardt, 1983, Stochastic Blockmodels: First Steps, Social Networks 5; Snijders and Nowicki, 1997, J. Classification 14, Sec. 2)",
    note="g_i the block of node i (counted from 1); the sum runs over the unordered pairs i < j; theta is symmetric in value but its entries are separate inputs, so the gradient has an entry for each",
)
g_dc = np.array([0, 0, 0, 1, 1, 1])
m_dc = np.zeros((2, 2))
for i, j in edges6:
    m_dc[g_dc[i], g_dc[j]] += 1
    m_dc[g_dc[j], g_dc[i]] += 1
m_dc = (m_dc + np.array([[0.2, 0.1], [0.1, -0.3]])).round(3)  # real-valued for a gradient
kappa_dc = m_dc.sum(1).round(6)


def dcsbm_profile(m, kappa):
    K = len(kappa)
    return sum(
        m[r, s] * math.log(m[r, s] / (kappa[r] * kappa[s])) for r in range(K) for s in range(K)
    )


row(
    "degree_corrected_sbm_profile_likelihood",
    r"\mathcal{L}(G \mid g) = \sum_{rs} m_{rs} \log \frac{m_{rs}}{\kappa_r \kappa_s}",
    r"m: matrix[K, K]; \kappa: vector[K], positive; r, s: index",
    {"m": m_dc.tolist(), "kappa": kappa_dc.tolist()},
    dcsbm_profile,
    wrt="m",
    source="the profile log-likelihood of the degree-corrected stochastic block model, m_rs the number of edges between groups r and s and kappa_r the total degree of group r (Karrer and Newman, 2011, Stochastic Blockmodels and Community Structure in Networks, Phys. Rev. E 83, Eq. 9)",
    note="m_rs counted twice for r = s as in the paper, taken real-valued so that the gradient is defined; kappa_r = sum_s m_rs, given",
)
s_mod = [0.9, 0.8, 0.7, -0.6, -0.95, -0.75]
m_mod = float(k6.sum() / 2)


def modularity_signs(A, k, s, m):
    n = len(s)
    return sum(
        (A[i, j] - k[i] * k[j] / (2 * m)) * s[i] * s[j] for i in range(n) for j in range(n)
    ) / (4 * m)


row(
    "modularity_two_groups_signs",
    r"Q = \frac{1}{4m} \sum_{ij} \left( A_{ij} - \frac{k_i k_j}{2m} \right) s_i s_j",
    "A: symmetric[n]; k, s: vector[n]; m: scalar, positive; i, j: index",
    {"A": A6.tolist(), "k": k6.tolist(), "s": s_mod, "m": m_mod},
    modularity_signs,
    wrt="s",
    source="the modularity of a division into two groups written with s_i = +1 or -1 for the group of node i, the quadratic form (1 / 4m) s^T B s of the modularity matrix (Newman, 2006, Modularity and Community Structure in Networks, PNAS 103, Eq. 2)",
    note="s relaxed to real values, the starting point of the spectral method, so that the gradient is defined; m the number of edges",
)
e_ng = np.array([[0.30, 0.06, 0.04], [0.06, 0.22, 0.05], [0.04, 0.05, 0.18]])
e_ng = (e_ng / e_ng.sum()).round(6)


def newman_girvan(e):
    k = len(e)
    a = [sum(e[i, j] for j in range(k)) for i in range(k)]
    return sum(e[i, i] - a[i] ** 2 for i in range(k))


row(
    "newman_girvan_modularity_trace",
    r"Q = \operatorname{Tr} \mathbf{e} - \| \mathbf{e}^2 \|",
    r"\mathbf{e}: symmetric[k]",
    {"e": e_ng.tolist()},
    newman_girvan,
    wrt="e",
    source="the modularity of a division into k communities from the fractions e_ij of edge ends joining community i to community j (Newman and Girvan, 2004, Finding and Evaluating Community Structure in Networks, Phys. Rev. E 69, Eq. 8)",
    note="||x|| the sum of the elements of the matrix x, defined so in the paper (not a norm); e^2 the matrix square; references from sum_i (e_ii - a_i^2) with a_i = sum_j e_ij",
)


def adamic_adar(A, x, y):
    x, y = int(x) - 1, int(y) - 1
    n = len(A)
    common = [z for z in range(n) if A[x, z] and A[y, z]]
    return sum(1 / math.log(sum(A[z, w] for w in range(n))) for z in common)


row(
    "adamic_adar_score",
    r"\mathrm{score}(x, y) = \sum_{z \in \Gamma(x) \cap \Gamma(y)} \frac{1}{\log |\Gamma(z)|}",
    "A: symmetric[n]; x, y: label[n]",
    {"A": A6.tolist(), "x": 1, "y": 6},
    adamic_adar,
    source="the Adamic-Adar score of a pair of nodes for link prediction, common neighbours weighted by the inverse log of their degree (Liben-Nowell and Kleinberg, 2007, The Link-Prediction Problem for Social Networks, JASIST 58, Sec. 2; Adamic and Adar, 2003, Friends and Neighbors on the Web, Social Networks 25)",
    note="Gamma(x) the set of neighbours of x in the graph A, defined in words, and |Gamma(z)| the degree of z; x and y node numbers counted from 1",
)
W_c = (A6 * 0.5).tolist()


def communicability(A, p, q):
    p, q = int(p) - 1, int(q) - 1
    term = np.eye(len(A))
    total = term.copy()
    for k in range(1, 60):
        term = term @ A / k
        total = total + term
    return float(total[p, q])


row(
    "estrada_communicability",
    r"G_{pq} = \sum_{k=0}^{\infty} \frac{\left( \mathbf{A}^k \right)_{pq}}{k!}",
    r"\mathbf{A}: symmetric[n]; p, q: label[n]; k: index",
    {"A": W_c, "p": 1, "q": 5},
    communicability,
    wrt="A",
    source="the communicability between nodes p and q, the walks from p to q of every length k weighted by 1 / k!, the (p, q) entry of the matrix exponential of A (Estrada and Hatano, 2008, Communicability in Complex Networks, Phys. Rev. E 77, Sec. II)",
    note="A a weighted adjacency matrix here (weights 0.5); references by summing the series to 60 terms",
)


def knn(a, k, i):
    i = int(i) - 1
    return sum(a[i, j] * k[j] for j in range(len(k))) / k[i]


k_real = (k6 + np.asarray(rnd(9203, 6, lo=-0.3, hi=0.3))).round(3)
row(
    "average_nearest_neighbour_degree",
    r"k_{nn,i} = \frac{1}{k_i} \sum_{j=1}^{N} a_{ij} k_j",
    "a: symmetric[N]; k: vector[N]; i: label[N]; j: index",
    {"a": A6.tolist(), "k": k_real.tolist(), "i": 2},
    knn,
    wrt="k",
    source="the average degree of the nearest neighbours of node i, whose dependence on k_i measures degree correlations (Pastor-Satorras, Vazquez and Vespignani, 2001, Dynamical and Correlation Properties of the Internet, Phys. Rev. Lett. 87; Barrat et al., 2004, PNAS 101, the weighted average nearest-neighbours degree)",
    note="k the degrees, taken as real numbers so that the gradient is defined; k_{nn,i} the name of the value",
)

if __name__ == "__main__":
    A.write()
