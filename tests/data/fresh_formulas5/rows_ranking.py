"""Learning to rank and information retrieval: DCG in its original and RankNet-era forms, the
RankNet and LambdaRank costs and lambdas, ListMLE, ApproxNDCG's smooth rank, a pairwise ranking
SVM, the Robertson/Sparck Jones and BM25 weights, Dirichlet-smoothed query likelihood, rank-biased
overlap and rank correlations (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("ranking")
row = A.row

rel = [3.0, 2.0, 3.0, 0.0, 1.0, 2.0]
row(
    "dcg_jarvelin_kekalainen",
    r"\mathrm{DCG}_p = rel_1 + \sum_{i=2}^{p} \frac{rel_i}{\log_2 i}",
    "rel: vector[p]; i: index",
    {"rel": rel},
    lambda rel: rel[0] + sum(rel[i - 1] / math.log2(i) for i in range(2, len(rel) + 1)),
    wrt="rel",
    source="discounted cumulated gain with the logarithm to base b = 2 (Jarvelin and Kekalainen, 2002, Cumulated Gain-Based Evaluation of IR Techniques, Sec. 2)",
    note="rel_i the graded relevance of the result at rank i",
)
r_nd = [2.0, 0.0, 3.0, 1.0]
ideal = sorted(r_nd, reverse=True)
N_nd = 1 / sum((2 ** ideal[j] - 1) / math.log(2 + j) for j in range(len(ideal)))
row(
    "ndcg_burges",
    r"\mathcal{N}_i = N_i \sum_{j=1}^{L} \frac{2^{r(j)} - 1}{\log(1 + j)}",
    "r: vector[L]; N_i: scalar, positive; j: index",
    {"r": r_nd, "N_i": N_nd},
    lambda r, N_i: N_i * sum((2 ** r[j - 1] - 1) / math.log(1 + j) for j in range(1, len(r) + 1)),
    wrt="r",
    source="NDCG of query i truncated at level L (Burges et al., 2005, Learning to Rank using Gradient Descent, Sec. 5.1)",
    note="r(j) the relevance label of the document at rank j; N_i normalizes the perfect ordering to 1 (its value here)",
)
row(
    "ranknet_cost",
    r"C = \frac{1}{2} (1 - S_{ij}) \sigma (s_i - s_j) + \log\left(1 + e^{-\sigma (s_i - s_j)}\right)",
    r"S_{ij}, s_i, s_j: scalar; \sigma: scalar, positive",
    {"S_ij": 1.0, "s_i": 0.4, "s_j": 0.9, "sigma": 1.0},
    lambda S_ij, s_i, s_j, sigma: (
        0.5 * (1 - S_ij) * sigma * (s_i - s_j) + math.log(1 + math.exp(-sigma * (s_i - s_j)))
    ),
    wrt="s_i",
    source="RankNet cross-entropy cost of a pair with S_ij in {-1, 0, 1} (Burges, 2010, From RankNet to LambdaRank to LambdaMART: An Overview, Sec. 1)",
    note="sigma is the shape parameter of the sigmoid, a number",
)
row(
    "ranknet_cost_output_difference",
    r"C_{ij} = -\bar{P}_{ij} o_{ij} + \log(1 + e^{o_{ij}})",
    r"\bar{P}_{ij}: scalar, unit; o_{ij}: scalar",
    {"P_bar_ij": 0.75, "o_ij": -0.3},
    lambda P_bar_ij, o_ij: -P_bar_ij * o_ij + math.log(1 + math.exp(o_ij)),
    wrt="o_{ij}",
    key="o_ij",
    source="RankNet cost as a function of the output difference o_ij = f(x_i) - f(x_j) (Burges et al., 2005, Sec. 3)",
    note="P-bar_ij the target probability that i ranks above j",
)
row(
    "ranknet_lambda",
    r"\lambda_{ij} = \sigma \left( \frac{1}{2}(1 - S_{ij}) - \frac{1}{1 + e^{\sigma (s_i - s_j)}} \right)",
    r"S_{ij}, s_i, s_j: scalar; \sigma: scalar, positive",
    {"S_ij": 1.0, "s_i": 0.4, "s_j": 0.9, "sigma": 1.0},
    lambda S_ij, s_i, s_j, sigma: (
        sigma * (0.5 * (1 - S_ij) - 1 / (1 + math.exp(sigma * (s_i - s_j))))
    ),
    wrt="s_j",
    source="lambda of a pair, the derivative of the RankNet cost with respect to s_i (Burges, 2010, Sec. 2)",
    note="sigma is a number",
)


def delta_ndcg(l_i, l_j, r_i, r_j, IDCG):
    return abs((2**l_i - 2**l_j) * (1 / math.log2(1 + r_i) - 1 / math.log2(1 + r_j))) / IDCG


row(
    "lambdarank_delta_ndcg",
    r"\Delta \mathrm{NDCG}_{ij} = \frac{1}{\mathrm{IDCG}} \left| \left(2^{l_i} - 2^{l_j}\right) \left( \frac{1}{\log_2(1 + r_i)} - \frac{1}{\log_2(1 + r_j)} \right) \right|",
    r"l_i, l_j, r_i, r_j: scalar; \mathrm{IDCG}: scalar, positive",
    {"l_i": 3.0, "l_j": 1.0, "r_i": 4.0, "r_j": 1.0, "IDCG": 9.2},
    delta_ndcg,
    wrt="l_i",
    source="change of NDCG when the documents at ranks r_i and r_j with labels l_i and l_j swap (Burges, 2010, Sec. 4; Donmez, Svore and Burges, 2009)",
)
row(
    "lambdarank_lambda",
    r"\lambda_{ij} = \frac{-\sigma}{1 + e^{\sigma (s_i - s_j)}} \left| \Delta_{NDCG} \right|",
    r"s_i, s_j, \Delta_{NDCG}: scalar; \sigma: scalar, positive",
    {"s_i": 0.4, "s_j": 0.9, "Delta_NDCG": 0.21, "sigma": 1.0},
    lambda s_i, s_j, Delta_NDCG, sigma: (
        -sigma / (1 + math.exp(sigma * (s_i - s_j))) * abs(Delta_NDCG)
    ),
    wrt="s_i",
    source="LambdaRank's lambda, the RankNet lambda scaled by the size of the NDCG change of swapping i and j (Burges, 2010, Sec. 4)",
)
s_lm = rnd(3400, 4, lo=-1.0, hi=1.5)
perm = [3, 1, 4, 2]


def listmle(s, y):
    n = len(s)
    o = [int(v) - 1 for v in y]
    return -math.log(
        math.prod(math.exp(s[o[i]]) / sum(math.exp(s[o[k]]) for k in range(i, n)) for i in range(n))
    )


row(
    "listmle",
    r"-\log \prod_{i=1}^{n} \frac{\exp(s_{y(i)})}{\sum_{k=i}^{n} \exp(s_{y(k)})}",
    "s: vector[n]; y: labels[n, n]; i, k: index",
    {"s": s_lm, "y": perm},
    listmle,
    wrt="s",
    source="ListMLE, the negative log Plackett-Luce likelihood of the ground-truth permutation (Xia et al., 2008, Listwise Approach to Learning to Rank, Sec. 4)",
    note="y(i) the object ranked i-th (counted from 1), s_{y(i)} = g(x_{y(i)}) its score",
)


def rsj(r_i, n_i, N, R):
    return math.log((r_i + 0.5) * (N - R - n_i + r_i + 0.5) / ((n_i - r_i + 0.5) * (R - r_i + 0.5)))


row(
    "robertson_sparck_jones_weight",
    r"w_i^{\mathrm{RSJ}} = \log \frac{(r_i + 0.5)(N - R - n_i + r_i + 0.5)}{(n_i - r_i + 0.5)(R - r_i + 0.5)}",
    "r_i, n_i, N, R: scalar, nonnegative",
    {"r_i": 3.0, "n_i": 20.0, "N": 1000.0, "R": 10.0},
    rsj,
    wrt="r_i",
    source="Robertson/Sparck Jones relevance weight of term i with relevance information (Robertson and Zaragoza, 2009, The Probabilistic Relevance Framework: BM25 and Beyond, Sec. 3.3)",
    note="N documents, n_i containing term i, R known relevant, r_i of them containing term i",
)


def bm25_tf(tf, dl, avdl, k_1, b, w_i_sup_RSJ):
    return tf / (k_1 * ((1 - b) + b * dl / avdl) + tf) * w_i_sup_RSJ


row(
    "bm25_term_weight",
    r"w_i^{\mathrm{BM25}}(tf) = \frac{tf}{k_1 \left( (1 - b) + b \frac{dl}{avdl} \right) + tf} \, w_i^{\mathrm{RSJ}}",
    r"tf, dl, avdl, k_1: scalar, positive; b: scalar, unit; w_i^{\mathrm{RSJ}}: scalar",
    {"tf": 3.0, "dl": 240.0, "avdl": 180.0, "k_1": 1.2, "b": 0.75, "w_i_sup_RSJ": 2.1},
    bm25_tf,
    wrt="b",
    source="BM25 term weight with document length normalization (Robertson and Zaragoza, 2009, Sec. 3.5)",
    note="tf the term frequency, dl the document length and avdl the average length: each one name",
)
c_ql = [3.0, 0.0, 1.0]
p_ql = [0.002, 0.0005, 0.01]


def dirichlet_ql(c, p, mu, d):
    return sum(math.log((c[i] + mu * p[i]) / (abs(d) + mu)) for i in range(len(c)))


row(
    "dirichlet_query_likelihood",
    r"\log p(q \mid d) = \sum_{i=1}^{m} \log \frac{c_i + \mu p_i}{|d| + \mu}",
    r"c, p: vector[m]; \mu, d: scalar, positive; i: index",
    {"c": c_ql, "p": p_ql, "mu": 2000.0, "d": 350.0},
    dirichlet_ql,
    wrt=r"\mu",
    key="mu",
    source="query likelihood with Dirichlet prior smoothing, p(w | d) = (c(w; d) + mu p(w | C)) / (|d| + mu) (Zhai and Lafferty, 2001, A Study of Smoothing Methods for Language Models Applied to Ad Hoc Information Retrieval, Sec. 2)",
    note="the m query words q_i: c_i = c(q_i; d) their counts in the document, p_i = p(q_i | C) their collection probabilities; |d| the document length, declared as the positive scalar d",
)
A_rbo = [1.0, 0.5, 0.667, 0.75, 0.6]
row(
    "rank_biased_overlap",
    r"\mathrm{RBO}@k = (1 - p) \sum_{d=1}^{k} p^{d - 1} \cdot A_d",
    "A: vector[k]; p: scalar, unit; d: index",
    {"A": A_rbo, "p": 0.9},
    lambda A, p: (1 - p) * sum(p ** (d - 1) * A[d - 1] for d in range(1, len(A) + 1)),
    wrt="p",
    source="rank-biased overlap of two rankings, the sum to infinity truncated at depth k (Webber, Moffat and Zobel, 2010, A Similarity Measure for Indefinite Rankings, Sec. 4)",
    note="A_d the agreement, the overlap of the two prefixes of length d divided by d",
)
x_kt = [1.2, 0.4, 2.5, 1.9, 0.1]
y_kt = [0.8, 0.9, 2.2, 1.1, 0.3]


def kendall(x, y):
    n = len(x)
    return (
        2
        / (n * (n - 1))
        * sum(
            np.sign(x[i] - x[j]) * np.sign(y[i] - y[j]) for i in range(n) for j in range(i + 1, n)
        )
    )


row(
    "kendall_tau",
    r"\tau = \frac{2}{n(n - 1)} \sum_{i < j} \operatorname{sgn}(x_i - x_j) \operatorname{sgn}(y_i - y_j)",
    "x, y: vector[n]; i, j: index",
    {"x": x_kt, "y": y_kt},
    kendall,
    source="Kendall's rank correlation without ties (Kendall, 1938, A New Measure of Rank Correlation)",
    note="the sum runs over the pairs 1 <= i < j <= n",
)
d_sp = [1.0, -2.0, 0.0, 1.0, 0.0]
row(
    "spearman_rho",
    r"\rho = 1 - \frac{6 \sum_{i=1}^{n} d_i^2}{n(n^2 - 1)}",
    "d: vector[n]; i: index",
    {"d": d_sp},
    lambda d: 1 - 6 * sum(d[i] ** 2 for i in range(len(d))) / (len(d) * (len(d) ** 2 - 1)),
    wrt="d",
    source="Spearman's rank correlation from the rank differences d_i, no ties (Spearman, 1904)",
)
s_ar = rnd(3401, 5, lo=-1.0, hi=1.0)


def approx_rank(s, x, alpha):
    i = int(x) - 1
    return 1 + sum(
        math.exp(-alpha * (s[i] - s[j])) / (1 + math.exp(-alpha * (s[i] - s[j])))
        for j in range(len(s))
        if j != i
    )


row(
    "approx_rank",
    r"\hat{\pi}(x) = 1 + \sum_{y \neq x} \frac{\exp(-\alpha (s_x - s_y))}{1 + \exp(-\alpha (s_x - s_y))}",
    r"s: vector[n]; x: label[n]; y: index; \alpha: scalar, positive",
    {"s": s_ar, "x": 2, "alpha": 10.0},
    approx_rank,
    wrt="s",
    source="smooth approximation of the rank position of document x (Qin, Liu and Li, 2010, A General Approximation Framework for Direct Optimization of Information Retrieval Measures, Sec. 4.1), s_{x,y} = s_x - s_y written out",
)
X_rs = rnd(3402, 4, 3)
y_rs = [2.0, 0.0, 1.0, 1.0]
w_rs = rnd(3403, 3, lo=-0.5, hi=0.5)


def ranksvm(X, y, w, C):
    n = len(y)
    return 0.5 * float(w @ w) + C * sum(
        (1.0 if y[i] > y[j] else 0.0) * max(0.0, 1 - float(w @ (X[i] - X[j]))) ** 2
        for i in range(n)
        for j in range(n)
    )


row(
    "ranking_svm_primal",
    r"\frac{1}{2} \|w\|^2 + C \sum_{i=1}^{n} \sum_{j=1}^{n} \mathbb{1}[y_i > y_j] \max\left(0, 1 - w^\top (x_i - x_j)\right)^2",
    "X: matrix[n, d]; x_i: row[X]; y: vector[n]; w: vector[d]; C: scalar, positive; i, j: index",
    {"X": X_rs, "y": y_rs, "w": w_rs, "C": 0.5},
    ranksvm,
    wrt="w",
    source="primal RankSVM with the squared hinge loss (Joachims, 2002, Optimizing Search Engines using Clickthrough Data, OPT 1; Chapelle and Keerthi, 2010, Efficient Algorithms for Ranking with SVMs, Eq. 1)",
    note="the papers sum over the set P of preference pairs, written here with the indicator of y_i > y_j",
)

if __name__ == "__main__":
    A.write()
