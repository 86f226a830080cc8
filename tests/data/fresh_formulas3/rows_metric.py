"""Deep metric learning and face-recognition margins (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd

A = Area("metric")
row = A.row

Xc = rnd(1100, 5, 3)
Cc = rnd(1101, 3, 3)
yc = [1, 3, 2, 1, 3]  # class labels, 1..K


def center_loss(X, c, y, **k):
    return (
        k["lambda"] / 2 * sum(float(np.sum((X[i] - c[int(y[i]) - 1]) ** 2)) for i in range(len(X)))
    )


row(
    "center_loss",
    r"\mathcal{L}_C = \frac{\lambda}{2} \sum_{i=1}^{m} \left\| x_i - c_{y_i} \right\|_2^2",
    "X: matrix[m, d]; x_i: row[X]; c: matrix[K, d]; y: labels[m, K]; lambda: scalar, positive; i: index",
    {"X": Xc, "c": Cc, "y": yc, "lambda": 0.5},
    center_loss,
    wrt="c",
    source="center loss (Wen et al., 2016, Eq. 2)",
)
x1 = rnd(1102, 5)
c1 = rnd(1103, 3)


def center_update(x, c, y, j):
    j = int(j)
    num = sum((1.0 if int(y[i]) == j else 0.0) * (c[j - 1] - x[i]) for i in range(len(x)))
    den = 1 + sum(1.0 if int(y[i]) == j else 0.0 for i in range(len(x)))
    return num / den


row(
    "center_update",
    r"\Delta c_j = \frac{\sum_{i=1}^{m} \delta(y_i = j) \cdot (c_j - x_i)}{1 + \sum_{i=1}^{m} \delta(y_i = j)}",
    "x: vector[m]; c: vector[K]; y: labels[m, K]; j: scalar, integer, positive; i: index",
    {"x": x1, "c": c1, "y": yc, "j": 3},
    center_update,
    source="update of the centers (Wen et al., 2016, Eq. 4), delta(condition) = 1 if true, one-dimensional features",
)
Xs = rnd(1104, 3, 2)
Ws = rnd(1105, 2, 4)  # d x n: column j is class j
bs = rnd(1106, 4)
Cs = rnd(1107, 4, 2)
ys = [2, 4, 1]


def softmax_center(X, W, b, c, y, **k):
    total = 0.0
    for i in range(len(X)):
        logits = [float(W[:, j] @ X[i]) + b[j] for j in range(W.shape[1])]
        yi = int(y[i]) - 1
        total -= logits[yi] - math.log(sum(math.exp(v) for v in logits))
    centers = sum(float(np.sum((X[i] - c[int(y[i]) - 1]) ** 2)) for i in range(len(X)))
    return total + k["lambda"] / 2 * centers


row(
    "softmax_plus_center",
    r"-\sum_{i=1}^{m} \log \frac{e^{W_{y_i}^\top x_i + b_{y_i}}}{\sum_{j=1}^{n} e^{W_j^\top x_i + b_j}} + \frac{\lambda}{2} \sum_{i=1}^{m} \left\| x_i - c_{y_i} \right\|_2^2",
    "X: matrix[m, d]; x_i: row[X]; W: matrix[d, n]; b: vector[n]; c: matrix[n, d]; y: labels[m, n]; lambda: scalar, positive; i, j: index",
    {"X": Xs, "W": Ws, "b": bs, "c": Cs, "y": ys, "lambda": 0.1},
    softmax_center,
    wrt="b",
    source="joint softmax and center loss (Wen et al., 2016, Eq. 5), W_j the j-th column of W in R^{d x n}",
)
theta = [0.7, 1.2, 1.9, 1.4]


def arcface(theta, y, s, m):
    yi = int(y) - 1
    num = math.exp(s * math.cos(theta[yi] + m))
    return -math.log(
        num / (num + sum(math.exp(s * math.cos(t)) for j, t in enumerate(theta) if j != yi))
    )


row(
    "arcface",
    r"-\log \frac{e^{s \cos(\theta_{y} + m)}}{e^{s \cos(\theta_{y} + m)} + \sum_{j=1, j \neq y}^{n} e^{s \cos \theta_{j}}}",
    "theta: vector[n]; y: label[n]; s, m: scalar, positive; j: index",
    {"theta": theta, "y": 1, "s": 8.0, "m": 0.5},
    arcface,
    wrt="theta",
    source="additive angular margin loss (Deng et al., 2019, Eq. 3), one sample",
)


def cosface(theta, y, s, m):
    yi = int(y) - 1
    num = math.exp(s * (math.cos(theta[yi]) - m))
    return -math.log(
        num / (num + sum(math.exp(s * math.cos(t)) for j, t in enumerate(theta) if j != yi))
    )


row(
    "cosface",
    r"-\log \frac{e^{s(\cos(\theta_{y}) - m)}}{e^{s(\cos(\theta_{y}) - m)} + \sum_{j \neq y} e^{s \cos(\theta_{j})}}",
    "theta: vector[n]; y: label[n]; s, m: scalar, positive; j: index",
    {"theta": theta, "y": 2, "s": 8.0, "m": 0.35},
    cosface,
    wrt="theta",
    source="large margin cosine loss (Wang et al., 2018, Eq. 4), one sample",
)
xsp = rnd(1108, 3)
theta_sp = [0.3, 1.1, 1.6, 2.0]


def sphereface(x, theta, y, m):
    yi = int(y) - 1
    r = float(np.linalg.norm(x))
    num = math.exp(r * math.cos(m * theta[yi]))
    return -math.log(
        num / (num + sum(math.exp(r * math.cos(t)) for j, t in enumerate(theta) if j != yi))
    )


row(
    "sphereface",
    r"-\log \frac{e^{\|x\| \cos(m \theta_{y})}}{e^{\|x\| \cos(m \theta_{y})} + \sum_{j \neq y} e^{\|x\| \cos(\theta_{j})}}",
    "x: vector[d]; theta: vector[n]; y: label[n]; m: scalar, integer, positive; j: index",
    {"x": xsp, "theta": theta_sp, "y": 1, "m": 4},
    sphereface,
    source="A-Softmax loss (Liu et al., 2017, Eq. 6-7) with theta_y in [0, pi/m], where psi(theta) = cos(m theta)",
)
Wn = rnd(1109, 4, 3)
fn = rnd(1110, 3)


def normface(W, f, y, s):
    cos = [float(W[j] @ f) / (np.linalg.norm(W[j]) * np.linalg.norm(f)) for j in range(len(W))]
    yi = int(y) - 1
    return -math.log(math.exp(s * cos[yi]) / sum(math.exp(s * c) for c in cos))


row(
    "normface",
    r"-\log \frac{\exp\left(s \frac{w_{y}^\top f}{\|w_{y}\|_2 \|f\|_2}\right)}{\sum_{j=1}^{n} \exp\left(s \frac{w_j^\top f}{\|w_j\|_2 \|f\|_2}\right)}",
    "W: matrix[n, d]; w_j: row[W]; f: vector[d]; y: label[n]; s: scalar, positive; j: index",
    {"W": Wn, "f": fn, "y": 3, "s": 5.0},
    normface,
    wrt="f",
    source="normalized softmax with scale (Wang et al., 2017, NormFace, Eq. 7), w_j the weight of class j",
)
fa = rnd(1111, 3)
fp = rnd(1112, 3)
Fneg = rnd(1113, 4, 3)


def npair(f, f_sup_plus, F):
    return math.log(
        1 + sum(math.exp(float(f @ F[i]) - float(f @ f_sup_plus)) for i in range(len(F)))
    )


row(
    "n_pair_loss",
    r"\log\left(1 + \sum_{i=1}^{L} \exp\left(f^\top f_i - f^\top f^{+}\right)\right)",
    "f, f^{+}: vector[d]; F: matrix[L, d]; f_i: row[F]; i: index",
    {"f": fa, "f_sup_plus": fp, "F": Fneg},
    npair,
    wrt="f",
    source="(N+1)-tuplet / N-pair loss (Sohn, 2016, Eq. 4), f_i the negatives",
)
an = [1.3, 0.9, 1.7]
bn = [1.1, 1.5]


def lifted(a, b, D_ij, alpha):
    J = math.log(sum(math.exp(alpha - v) for v in a) + sum(math.exp(alpha - v) for v in b)) + D_ij
    return 0.5 * max(0.0, J) ** 2


row(
    "lifted_structure_pair",
    r"\frac{1}{2} \max\left(0, \log\left(\sum_{k=1}^{p} \exp\{\alpha - a_k\} + \sum_{l=1}^{q} \exp\{\alpha - b_l\}\right) + D_{ij}\right)^2",
    "a: vector[p]; b: vector[q]; D_{ij}, alpha: scalar; k, l: index",
    {"a": an, "b": bn, "D_ij": 0.6, "alpha": 1.0},
    lifted,
    wrt="a",
    source="lifted structured loss for one positive pair (Song et al., 2016, Eq. 4), a_k = D_ik and b_l = D_jl over the negatives",
)
xp = np.asarray(rnd(1114, 3))
xp = (xp / np.linalg.norm(xp)).tolist()
Pp = np.asarray(rnd(1115, 4, 3))
Pp = (Pp / np.linalg.norm(Pp, axis=1, keepdims=True)).tolist()


def proxy_nca(x, P, y):
    yi = int(y) - 1
    d = [float(np.sum((x - P[j]) ** 2)) for j in range(len(P))]
    return -math.log(math.exp(-d[yi]) / sum(math.exp(-d[j]) for j in range(len(P)) if j != yi))


row(
    "proxy_nca",
    r"-\log \frac{\exp\left(-\|x - p_{y}\|_2^2\right)}{\sum_{j \neq y} \exp\left(-\|x - p_j\|_2^2\right)}",
    "x: vector[d]; P: matrix[K, d]; p_j: row[P]; y: label[K]; j: index",
    {"x": xp, "P": Pp, "y": 2},
    proxy_nca,
    wrt="x",
    source="Proxy-NCA loss (Movshovitz-Attias et al., 2017, Eq. 4), squared Euclidean distance on unit vectors",
)
xl = rnd(1116, 2)
Ll = rnd(1117, 2, 2)
Ul = rnd(1118, 2, 2)
Vl = rnd(1119, 3, 2)


def lmnn(x, L, U, V, mu):
    pull = sum(float(np.sum((L @ (x - U[j])) ** 2)) for j in range(len(U)))
    push = 0.0
    for j in range(len(U)):
        for l in range(len(V)):  # noqa: E741
            push += max(
                0.0,
                1 + float(np.sum((L @ (x - U[j])) ** 2)) - float(np.sum((L @ (x - V[l])) ** 2)),
            )
    return pull + mu * push


row(
    "lmnn_anchor",
    r"\sum_{j=1}^{p} \|L(x - u_j)\|_2^2 + \mu \sum_{j=1}^{p} \sum_{l=1}^{q} \left[1 + \|L(x - u_j)\|_2^2 - \|L(x - v_l)\|_2^2\right]_{+}",
    "x: vector[d]; L: matrix[d, d]; U: matrix[p, d]; u_j: row[U]; V: matrix[q, d]; v_l: row[V]; mu: scalar, positive; j, l: index",
    {"x": xl, "L": Ll, "U": Ul, "V": Vl, "mu": 0.5},
    lmnn,
    wrt="L",
    source="LMNN pull and push terms for one input (Weinberger and Saul, 2009, Eq. 11-13), u_j target neighbours, v_l differently labelled",
)
row(
    "mahalanobis_distance",
    r"d_M(x, y) = \sqrt{(x - y)^\top M (x - y)}",
    "x, y: vector[d]; M: spd[d]",
    {"x": rnd(1120, 3), "y": rnd(1121, 3), "M": spd(1122, 3)},
    lambda x, y, M: math.sqrt(float((x - y) @ M @ (x - y))),
    wrt="x",
    source="Mahalanobis distance learned by metric learning (Xing et al., 2002, Sec. 2)",
)


def logdet_div(A, A_0):
    P = A @ np.linalg.inv(A_0)
    return float(np.trace(P) - math.log(np.linalg.det(P)) - len(A))


row(
    "logdet_divergence",
    r"D_{\ell d}(A, A_0) = \operatorname{tr}(A A_0^{-1}) - \log\det(A A_0^{-1}) - n",
    "A, A_0: spd[n]; n: dim",
    {"A": spd(1123, 3), "A_0": spd(1124, 3)},
    logdet_div,
    wrt="A",
    source="LogDet divergence of information-theoretic metric learning (Davis et al., 2007, Eq. 2)",
)
row(
    "margin_loss",
    r"\left(\alpha + y_{ij} (D_{ij} - \beta)\right)_{+}",
    "y_{ij}, D_{ij}, alpha, beta: scalar",
    {"y_ij": -1.0, "D_ij": 0.9, "alpha": 0.2, "beta": 1.2},
    lambda y_ij, D_ij, alpha, beta: max(0.0, alpha + y_ij * (D_ij - beta)),
    wrt="D_{ij}",
    key="D_ij",
    source="margin based loss (Wu et al., 2017, Eq. 5), a negative pair y_ij = -1",
)
sp = rnd(1125, 3, lo=0.3, hi=0.9)
sn = rnd(1126, 4, lo=-0.2, hi=0.6)


def multi_similarity(s_sup_plus, s_sup_minus, alpha, beta, **k):
    lam = k["lambda"]
    return (1 / alpha) * math.log(1 + sum(math.exp(-alpha * (v - lam)) for v in s_sup_plus)) + (
        1 / beta
    ) * math.log(1 + sum(math.exp(beta * (v - lam)) for v in s_sup_minus))


row(
    "multi_similarity",
    r"\frac{1}{\alpha} \log\left[1 + \sum_{k=1}^{p} e^{-\alpha (s^{+}_{k} - \lambda)}\right] + \frac{1}{\beta} \log\left[1 + \sum_{k=1}^{q} e^{\beta (s^{-}_{k} - \lambda)}\right]",
    "s^{+}: vector[p]; s^{-}: vector[q]; alpha, beta, lambda: scalar, positive; k: index",
    {"s_sup_plus": sp, "s_sup_minus": sn, "alpha": 2.0, "beta": 50.0, "lambda": 0.5},
    multi_similarity,
    wrt="s^{-}",
    key="s_sup_minus",
    source="multi-similarity loss for one anchor (Wang et al., 2019, Eq. 11), s^+ over the positive set, s^- over the negative set",
)
spc = rnd(1127, 2, lo=0.4, hi=0.9)
snc = rnd(1128, 3, lo=-0.3, hi=0.5)


def circle_unified(s_n, s_p, gamma, m):
    return math.log(
        1
        + sum(
            math.exp(gamma * (s_n[j] - s_p[i] + m))
            for i in range(len(s_p))
            for j in range(len(s_n))
        )
    )


row(
    "circle_unified",
    r"\log\left[1 + \sum_{i=1}^{K} \sum_{j=1}^{L} \exp\left(\gamma \left(s_n^{j} - s_p^{i} + m\right)\right)\right]",
    "s_n: vector[L]; s_p: vector[K]; gamma, m: scalar, positive; i, j: index",
    {"s_n": snc, "s_p": spc, "gamma": 4.0, "m": 0.25},
    circle_unified,
    wrt="s_p",
    source="unified pair-similarity loss (Sun et al., 2020, Circle loss, Eq. 1), s_n^j and s_p^i the j-th and i-th similarities",
)

if __name__ == "__main__":
    A.write()
