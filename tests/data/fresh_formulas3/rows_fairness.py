"""Group fairness criteria and retrieval metrics (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("fairness")
row = A.row

yhat = rnd(1500, 6, lo=0.05, hi=0.95)  # soft predictions
a6 = [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]  # protected attribute
y6 = [1.0, 1.0, 0.0, 1.0, 0.0, 1.0]  # true labels


def dp_gap(y_hat, a):
    n = len(a)
    g1 = sum(y_hat[i] * a[i] for i in range(n)) / sum(a)
    g0 = sum(y_hat[i] * (1 - a[i]) for i in range(n)) / sum(1 - v for v in a)
    return abs(g1 - g0)


row(
    "demographic_parity_gap",
    r"\left| \frac{\sum_{i=1}^{n} \hat{y}_i a_i}{\sum_{i=1}^{n} a_i} - \frac{\sum_{i=1}^{n} \hat{y}_i (1 - a_i)}{\sum_{i=1}^{n} (1 - a_i)} \right|",
    r"\hat{y}, a: vector[n]; i: index",
    {"y_hat": yhat, "a": a6},
    dp_gap,
    wrt=r"\hat{y}",
    key="y_hat",
    source="demographic (statistical) parity difference (Calders and Verwer, 2010; Zemel et al., 2013, Sec. 2), soft predictions",
)


def disparate_impact(y_hat, a, n_0, n_1):
    n = len(a)
    return (sum(y_hat[i] * (1 - a[i]) for i in range(n)) / n_0) / (
        sum(y_hat[i] * a[i] for i in range(n)) / n_1
    )


row(
    "disparate_impact_ratio",
    r"\frac{\frac{1}{n_0} \sum_{i=1}^{n} \hat{y}_i (1 - a_i)}{\frac{1}{n_1} \sum_{i=1}^{n} \hat{y}_i a_i}",
    r"\hat{y}, a: vector[n]; n_0, n_1: scalar, positive; i: index",
    {"y_hat": yhat, "a": a6, "n_0": 3.0, "n_1": 3.0},
    disparate_impact,
    source="disparate impact Pr(C = 1 | X = 0) / Pr(C = 1 | X = 1) (Feldman et al., 2015, Def. 1.1), n_0 and n_1 the group sizes",
)


def equal_opportunity(y_hat, y, a):
    n = len(a)
    t1 = sum(y_hat[i] * y[i] * a[i] for i in range(n)) / sum(y[i] * a[i] for i in range(n))
    t0 = sum(y_hat[i] * y[i] * (1 - a[i]) for i in range(n)) / sum(
        y[i] * (1 - a[i]) for i in range(n)
    )
    return abs(t1 - t0)


row(
    "equal_opportunity_gap",
    r"\left| \frac{\sum_{i=1}^{n} \hat{y}_i y_i a_i}{\sum_{i=1}^{n} y_i a_i} - \frac{\sum_{i=1}^{n} \hat{y}_i y_i (1 - a_i)}{\sum_{i=1}^{n} y_i (1 - a_i)} \right|",
    r"\hat{y}, y, a: vector[n]; i: index",
    {"y_hat": yhat, "y": y6, "a": a6},
    equal_opportunity,
    wrt=r"\hat{y}",
    key="y_hat",
    source="equal opportunity, the gap in true positive rates (Hardt, Price and Srebro, 2016, Def. 2)",
)
ybin = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0]


def equalized_odds(y_hat, y, a):
    n = len(a)
    gaps = []
    for c in (0.0, 1.0):
        s1 = sum(y_hat[i] * (y[i] == c) * a[i] for i in range(n)) / sum(
            (y[i] == c) * a[i] for i in range(n)
        )
        s0 = sum(y_hat[i] * (y[i] == c) * (1 - a[i]) for i in range(n)) / sum(
            (y[i] == c) * (1 - a[i]) for i in range(n)
        )
        gaps.append(abs(s1 - s0))
    return max(gaps)


row(
    "equalized_odds_gap",
    r"\max_{c \in \{0, 1\}} \left| \frac{\sum_{i=1}^{n} \hat{y}_i \mathbb{1}[y_i = c] a_i}{\sum_{i=1}^{n} \mathbb{1}[y_i = c] a_i} - \frac{\sum_{i=1}^{n} \hat{y}_i \mathbb{1}[y_i = c] (1 - a_i)}{\sum_{i=1}^{n} \mathbb{1}[y_i = c] (1 - a_i)} \right|",
    r"\hat{y}, y, a: vector[n]; i: index",
    {"y_hat": ybin, "y": [1.0, 1.0, 0.0, 1.0, 0.0, 0.0], "a": a6},
    equalized_odds,
    source="equalized odds (Hardt, Price and Srebro, 2016, Def. 1), the larger of the gaps in TPR and FPR",
)
Xz = rnd(1501, 6, 2)
zz = a6
thz = rnd(1502, 2)


def zafar(X, z, z_bar, theta):
    N = len(z)
    return sum((z[i] - z_bar) * float(theta @ X[i]) for i in range(N)) / N


row(
    "decision_boundary_covariance",
    r"\frac{1}{N} \sum_{i=1}^{N} (z_i - \bar{z}) \, \theta^\top x_i",
    r"X: matrix[N, d]; x_i: row[X]; z: vector[N]; \bar{z}: scalar; theta: vector[d]; i: index",
    {"X": Xz, "z": zz, "z_bar": 0.5, "theta": thz},
    zafar,
    wrt="theta",
    source="decision boundary covariance (Zafar, Valera, Gomez-Rodriguez and Gummadi, 2017, Eq. 3)",
)
Mg = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
ell = rnd(1503, 6, lo=0.1, hi=2.0)


def group_dro(M, ell):
    n, G = M.shape
    return max(
        sum(M[i, g] * ell[i] for i in range(n)) / sum(M[i, g] for i in range(n)) for g in range(G)
    )


row(
    "worst_group_loss",
    r"\max_{g} \frac{\sum_{i=1}^{n} M_{ig} \ell_i}{\sum_{i=1}^{n} M_{ig}}",
    "M: matrix[n, G]; ell: vector[n]; i, g: index",
    {"M": Mg, "ell": ell},
    group_dro,
    wrt="ell",
    source="empirical worst-group risk of group DRO (Sagawa et al., 2020, Eq. 3), M_ig = 1 if example i is in group g",
)
row(
    "mean_reciprocal_rank",
    r"\mathrm{MRR} = \frac{1}{|Q|} \sum_{i=1}^{|Q|} \frac{1}{\mathrm{rank}_i}",
    r"\mathrm{rank}: vector[Q]; Q: dim; i: index",
    {"rank": [1.0, 3.0, 2.0, 1.0, 5.0]},
    lambda rank: sum(1 / r for r in rank) / len(rank),
    source="mean reciprocal rank (Voorhees, 1999, TREC-8 QA track; Manning, Raghavan and Schutze, 2008, Sec. 8.4)",
)
rel = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
row(
    "precision_at_k",
    r"\frac{1}{k} \sum_{i=1}^{k} \mathrm{rel}_i",
    r"\mathrm{rel}: vector[n]; k: scalar, integer, positive; i: index",
    {"rel": rel, "k": 4},
    lambda rel, k: sum(rel[i] for i in range(int(k))) / k,
    source="precision at k (Manning, Raghavan and Schutze, 2008, Sec. 8.4)",
)


def average_precision(rel):
    n = len(rel)
    return sum(rel[k] * sum(rel[j] for j in range(k + 1)) / (k + 1) for k in range(n)) / sum(rel)


row(
    "average_precision",
    r"\frac{1}{\sum_{k=1}^{n} \mathrm{rel}_k} \sum_{k=1}^{n} \mathrm{rel}_k \frac{1}{k} \sum_{j=1}^{k} \mathrm{rel}_j",
    r"\mathrm{rel}: vector[n]; j, k: index",
    {"rel": rel},
    average_precision,
    source="average precision, the mean of precision@k over the relevant ranks (Manning, Raghavan and Schutze, 2008, Sec. 8.4)",
)
nb = [12.0, 3.0, 40.0]
fb = [2.0, 1.0, 4.0]


def bm25(n, f, N, k_1, b, D, avgdl):
    return sum(
        math.log((N - n[i] + 0.5) / (n[i] + 0.5) + 1)
        * f[i]
        * (k_1 + 1)
        / (f[i] + k_1 * (1 - b + b * D / avgdl))
        for i in range(len(n))
    )


row(
    "bm25",
    r"\sum_{i=1}^{m} \log\left(\frac{N - n_i + 0.5}{n_i + 0.5} + 1\right) \cdot \frac{f_i (k_1 + 1)}{f_i + k_1 \left(1 - b + b \frac{|D|}{\text{avgdl}}\right)}",
    r"n, f: vector[m]; N, k_1, b, D: scalar, positive; \text{avgdl}: scalar, positive; i: index",
    {"n": nb, "f": fb, "N": 100.0, "k_1": 1.2, "b": 0.75, "D": 230.0, "avgdl": 180.0},
    bm25,
    wrt="f",
    source="Okapi BM25 with the smoothed IDF (Robertson and Zaragoza, 2009, Sec. 3.5; the +1 inside the IDF as in Lucene), n_i the document frequency and f_i the term frequency of query term i, |D| the document length",
)
Rp = [0.6, 0.1, 0.3, 0.8, 0.05]


def err(R):
    total = 0.0
    for r in range(len(R)):
        total += R[r] / (r + 1) * math.prod(1 - R[i] for i in range(r))
    return total


row(
    "expected_reciprocal_rank",
    r"\sum_{r=1}^{n} \frac{1}{r} R_r \prod_{i=1}^{r-1} (1 - R_i)",
    "R: vector[n], unit; r, i: index",
    {"R": Rp},
    err,
    wrt="R",
    source="expected reciprocal rank (Chapelle, Metzler, Zhang and Grinspan, 2009, Algorithm 2 / Eq. 4)",
)
row(
    "err_relevance_probability",
    r"R_i = \frac{2^{g_i} - 1}{2^{g_{\max}}}",
    r"g: vector[n]; g_{\max}: scalar; i: index",
    {"g": [3.0, 0.0, 1.0, 4.0, 2.0], "g_max": 4.0},
    lambda g, g_max: np.asarray([(2 ** g[i] - 1) / 2**g_max for i in range(len(g))]),
    source="mapping from relevance grades to stopping probabilities (Chapelle et al., 2009, Eq. 3)",
)
row(
    "rank_biased_precision",
    r"(1 - p) \sum_{i=1}^{d} r_i \, p^{i-1}",
    "r: vector[d]; p: scalar, unit; i: index",
    {"r": rel, "p": 0.8},
    lambda r, p: (1 - p) * sum(r[i] * p**i for i in range(len(r))),
    wrt="p",
    source="rank-biased precision (Moffat and Zobel, 2008, Eq. 6)",
)
row(
    "f_beta",
    r"F_{\beta} = \frac{(1 + \beta^2) P R}{\beta^2 P + R}",
    "P, R: scalar, unit; beta: scalar, positive",
    {"P": 0.64, "R": 0.45, "beta": 2.0},
    lambda P, R, beta: (1 + beta**2) * P * R / (beta**2 * P + R),
    wrt="beta",
    source="F-measure (van Rijsbergen, 1979, Ch. 7; Manning, Raghavan and Schutze, 2008, Eq. 8.5)",
)

if __name__ == "__main__":
    A.write()
