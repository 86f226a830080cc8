"""Recommender systems and learning to rank (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid

A = Area("recsys")
row = A.row

qi, pu = rnd(500, 3), rnd(501, 3)
row(
    "biased_mf_prediction",
    r"\hat{r}_{ui} = \mu + b_i + b_u + q_i^\top p_u",
    "q_i, p_u: vector[f]; mu, b_i, b_u: scalar",
    {"q_i": qi, "p_u": pu, "mu": 3.6, "b_i": 0.2, "b_u": -0.4},
    lambda q_i, p_u, mu, b_i, b_u: mu + b_i + b_u + q_i @ p_u,
    source="biased matrix factorization (Koren, Bell and Volinsky, 2009, Eq. 4)",
)
m, n, f = 4, 5, 2
R = np.round(np.random.default_rng(502).integers(1, 6, (m, n)).astype(float), 0)
W = (np.random.default_rng(503).uniform(size=(m, n)) < 0.6).astype(float)
P, Qm = rnd(504, m, f), rnd(505, n, f)


def mf_loss(W, R, P, Q, lam):
    s = 0.0
    for u in range(W.shape[0]):
        for i in range(W.shape[1]):
            pred = sum(P[u, k] * Q[i, k] for k in range(P.shape[1]))
            s += W[u, i] * (R[u, i] - pred) ** 2
    return s + lam * ((P**2).sum() + (Q**2).sum())


mf_in = {"W": W.tolist(), "R": R.tolist(), "P": P, "Q": Qm, "lambda": 0.1}
row(
    "mf_weighted_loss",
    r"\sum_{u=1}^{m} \sum_{i=1}^{n} W_{ui} \left(R_{ui} - \sum_{k=1}^{f} P_{uk} Q_{ik}\right)^2 + \lambda \left(\|P\|_F^2 + \|Q\|_F^2\right)",
    "W, R: matrix[m, n]; P: matrix[m, f]; Q: matrix[n, f]; lambda: scalar, positive; u, i, k: index",
    mf_in,
    lambda W, R, P, Q, **k: mf_loss(W, R, P, Q, k["lambda"]),
    wrt="P",
    source="regularized MF over the observed ratings (Koren, Bell and Volinsky, 2009, Eq. 2), observed set as a 0/1 weight matrix W",
)
row(
    "mf_matrix_form",
    r"\|W \odot (R - P Q^\top)\|_F^2 + \lambda (\|P\|_F^2 + \|Q\|_F^2)",
    "W, R: matrix[m, n]; P: matrix[m, f]; Q: matrix[n, f]; lambda: scalar, positive",
    mf_in,
    lambda W, R, P, Q, **k: float(
        ((W * (R - P @ Q.T)) ** 2).sum() + k["lambda"] * ((P**2).sum() + (Q**2).sum())
    ),
    source="weighted low-rank approximation (Srebro and Jaakkola, 2003) with Frobenius regularization; W is 0/1",
)
pb = rnd(506, 3)
Qb = rnd(507, 5, 3)
O = np.zeros((5, 5))  # noqa: E741
O[0, 2] = O[0, 3] = O[1, 2] = O[1, 4] = 1.0


def bpr(p, Q, O, lam):  # noqa: E741
    s = 0.0
    for i in range(Q.shape[0]):
        for j in range(Q.shape[0]):
            s += O[i, j] * math.log(1 / (1 + math.exp(-float(p @ (Q[i] - Q[j])))))
    return s - lam * float(p @ p)


row(
    "bpr_opt_user",
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} O_{ij} \ln \sigma\left(p^\top (q_i - q_j)\right) - \lambda \|p\|^2",
    "p: vector[f]; Q: matrix[n, f]; q_i: row[Q]; O: matrix[n, n]; lambda: scalar, positive; i, j: index",
    {"p": pb, "Q": Qb, "O": O.tolist(), "lambda": 0.05},
    lambda p, Q, O, **k: bpr(p, Q, O, k["lambda"]),  # noqa: E741
    wrt="p",
    source="BPR-Opt for one user with MF scores x_ui = p^T q_i (Rendle et al., 2009, Sec. 4.2); O_ij = 1 for the pairs (i, j) in D_S",
)
sr = rnd(508, 5, lo=-2, hi=2)
yr = [3.0, 1.0, 2.0, 0.0, 2.0]


def ranknet(s, y, sigma):
    return sum(
        (1.0 if y[i] > y[j] else 0.0) * math.log(1 + math.exp(-sigma * (s[i] - s[j])))
        for i in range(len(s))
        for j in range(len(s))
    )


row(
    "ranknet_pairwise",
    r"C = \sum_{i=1}^{n} \sum_{j=1}^{n} \mathbb{1}[y_i > y_j] \log\left(1 + e^{-\sigma (s_i - s_j)}\right)",
    "s, y: vector[n]; sigma: scalar, positive; i, j: index",
    {"s": sr, "y": yr, "sigma": 1.5},
    ranknet,
    wrt="s",
    source="RankNet cost summed over the pairs with S_ij = 1 (Burges, 2010, Sec. 1); sigma is the shape parameter, declared a scalar",
)
xf = rnd(509, 4)
wf = rnd(510, 4)
Vf = rnd(511, 4, 2)


def fm(x, w, V, w_0):
    n = len(x)
    s = w_0 + sum(w[i] * x[i] for i in range(n))
    for i in range(n):
        for j in range(i + 1, n):
            s += float(V[i] @ V[j]) * x[i] * x[j]
    return s


row(
    "factorization_machine",
    r"\hat{y}(x) = w_0 + \sum_{i=1}^{n} w_i x_i + \sum_{i=1}^{n} \sum_{j=i+1}^{n} \langle v_i, v_j \rangle x_i x_j",
    "x, w: vector[n]; V: matrix[n, k]; v_i: row[V]; w_0: scalar; i, j: index",
    {"x": xf, "w": wf, "V": Vf, "w_0": 0.3},
    fm,
    source="factorization machine of degree 2 (Rendle, 2010, Eq. 1)",
)


def fm_linear(x, v):
    n, k = v.shape
    return 0.5 * sum(
        sum(v[i, f] * x[i] for i in range(n)) ** 2 - sum(v[i, f] ** 2 * x[i] ** 2 for i in range(n))
        for f in range(k)
    )


row(
    "fm_linear_time",
    r"\frac{1}{2} \sum_{f=1}^{k} \left( \left( \sum_{i=1}^{n} v_{i,f} x_i \right)^2 - \sum_{i=1}^{n} v_{i,f}^2 x_i^2 \right)",
    "x: vector[n]; v: matrix[n, k]; i, f: index",
    {"x": xf, "v": Vf},
    fm_linear,
    wrt="v",
    source="pairwise interactions in linear time (Rendle, 2010, Lemma 3.1)",
)
r = np.where(
    np.random.default_rng(512).uniform(size=(3, 4)) < 0.5,
    0.0,
    np.random.default_rng(513).integers(1, 5, (3, 4)),
)
Xa, Ya = rnd(514, 3, 2), rnd(515, 4, 2)


def als(r, X, Y, alpha, lam):
    s = 0.0
    for u in range(r.shape[0]):
        for i in range(r.shape[1]):
            s += (1 + alpha * r[u, i]) * ((1.0 if r[u, i] > 0 else 0.0) - float(X[u] @ Y[i])) ** 2
    return s + lam * (
        sum(float(X[u] @ X[u]) for u in range(len(X)))
        + sum(float(Y[i] @ Y[i]) for i in range(len(Y)))
    )


row(
    "implicit_als_loss",
    r"\sum_{u,i} (1 + \alpha r_{ui}) \left(\mathbb{1}[r_{ui} > 0] - x_u^\top y_i\right)^2 + \lambda \left(\sum_u \|x_u\|^2 + \sum_i \|y_i\|^2\right)",
    "r: matrix[m, n]; X: matrix[m, f]; Y: matrix[n, f]; x_u: row[X]; y_i: row[Y]; alpha, lambda: scalar, positive; u, i: index",
    {"r": r.tolist(), "X": Xa, "Y": Ya, "alpha": 2.0, "lambda": 0.1},
    lambda r, X, Y, alpha, **k: als(r, X, Y, alpha, k["lambda"]),
    source="implicit-feedback MF (Hu, Koren and Volinsky, 2008, Eq. 3) with c_ui = 1 + alpha r_ui and p_ui = 1[r_ui > 0] written in",
)
cu = 1 + 2.0 * r[1]
row(
    "als_user_update",
    r"x_u = (Y^\top C^u Y + \lambda I)^{-1} Y^\top C^u p_u",
    "Y: matrix[n, f]; C^u: matrix[n, n]; p_u: vector[n]; lambda: scalar, positive",
    {
        "Y": Ya,
        "C_sup_u": np.diag(cu).tolist(),
        "p_u": (r[1] > 0).astype(float).tolist(),
        "lambda": 0.1,
    },
    lambda Y, C_sup_u, p_u, **k: np.linalg.solve(
        Y.T @ C_sup_u @ Y + k["lambda"] * np.eye(Y.shape[1]), Y.T @ C_sup_u @ p_u
    ),
    source="ALS user factor (Hu, Koren and Volinsky, 2008, Eq. 4); C^u the diagonal confidence matrix of user u",
    note="the paper writes the preference vector p(u); here p_u",
)
yl, zl = rnd(516, 5, lo=0, hi=3), rnd(517, 5, lo=-2, hi=2)


def listnet(y, z):
    Py = np.exp(y) / np.exp(y).sum()
    return -sum(
        Py[j] * math.log(math.exp(z[j]) / sum(math.exp(zk) for zk in z)) for j in range(len(z))
    )


row(
    "listnet_top_one",
    r"-\sum_{j=1}^{n} \frac{\exp(y_j)}{\sum_{k=1}^{n} \exp(y_k)} \log \frac{\exp(z_j)}{\sum_{k=1}^{n} \exp(z_k)}",
    "y, z: vector[n]; j, k: index",
    {"y": yl, "z": zl},
    listnet,
    source="ListNet cross-entropy of top-one probabilities (Cao et al., 2007)",
)
yrel = [1.0, 0.0, 2.0, 0.0, 1.0]
row(
    "softmax_listwise",
    r"\ell(y, f) = -\sum_{i=1}^{n} y_i \log \frac{e^{f_i}}{\sum_{j=1}^{n} e^{f_j}}",
    "y, f: vector[n]; i, j: index",
    {"y": yrel, "f": zl},
    lambda y, f: -sum(y[i] * math.log(math.exp(f[i]) / sum(np.exp(f))) for i in range(len(y))),
    source="softmax cross-entropy ranking loss (Bruch et al., 2019)",
)
rel = [3.0, 2.0, 3.0, 0.0, 1.0]
row(
    "dcg",
    r"\mathrm{DCG}_k = \sum_{i=1}^{k} \frac{2^{rel_i} - 1}{\log_2(i + 1)}",
    "rel: vector[k]; i: index",
    {"rel": rel},
    lambda rel: sum((2 ** rel[i] - 1) / math.log2(i + 2) for i in range(len(rel))),
    source="discounted cumulative gain with exponential gain (Burges et al., 2005; Jarvelin and Kekalainen, 2002)",
)
row(
    "ndcg",
    r"\frac{\sum_{i=1}^{k} (2^{r_i} - 1) / \log_2(i + 1)}{\sum_{i=1}^{k} (2^{g_i} - 1) / \log_2(i + 1)}",
    "r, g: vector[k]; i: index",
    {"r": rel, "g": sorted(rel, reverse=True)},
    lambda r, g: (
        sum((2 ** r[i] - 1) / math.log2(i + 2) for i in range(len(r)))
        / sum((2 ** g[i] - 1) / math.log2(i + 2) for i in range(len(g)))
    ),
    source="normalized DCG, g the ideally sorted relevances (Jarvelin and Kekalainen, 2002)",
)
hg, pg, qg = rnd(518, 3), rnd(519, 3), rnd(520, 3)
row(
    "gmf",
    r"\hat{y}_{ui} = \sigma(h^\top (p_u \odot q_i))",
    "h, p_u, q_i: vector[k]",
    {"h": hg, "p_u": pg, "q_i": qg},
    lambda h, p_u, q_i: float(sigmoid(h @ (p_u * q_i))),
    source="generalized matrix factorization (He et al., 2017, Eq. 9), a_out the sigmoid",
)
sB = rnd(521, 4, 4, lo=-2, hi=2)
pB = rnd(522, 4, lo=0.05, hi=0.5)


def logq(s, p):
    B = len(p)
    out = 0.0
    for i in range(B):
        num = math.exp(s[i, i] - math.log(p[i]))
        den = sum(math.exp(s[i, j] - math.log(p[j])) for j in range(B))
        out += math.log(num / den)
    return -out / B


row(
    "sampled_softmax_logq",
    r"-\frac{1}{B} \sum_{i=1}^{B} \log \frac{e^{s_{ii} - \log p_i}}{\sum_{j=1}^{B} e^{s_{ij} - \log p_j}}",
    "s: matrix[B, B]; p: vector[B], positive; i, j: index; B: dim",
    {"s": sB, "p": pB},
    logq,
    wrt="s",
    source="in-batch softmax with logQ correction (Yi et al., 2019), s_ij = <u(x_i), v(y_j)>, p_j the sampling probability",
)

if __name__ == "__main__":
    A.write()
