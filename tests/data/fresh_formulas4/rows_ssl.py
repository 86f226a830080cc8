"""Non-contrastive self-supervised learning: BYOL, SimSiam, Barlow Twins, VICReg, DINO, masked
autoencoders, data2vec and rotation prediction (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, softmax

A = Area("ssl")
row = A.row

qv = rnd(2400, 4)
zv = rnd(2401, 4)


def byol_mse(q, z_prime):
    return float(np.sum((q / np.linalg.norm(q) - z_prime / np.linalg.norm(z_prime)) ** 2))


row(
    "byol_normalized_mse",
    r"\mathcal{L}_{\theta, \xi} \triangleq \left\| \frac{q}{\|q\|_2} - \frac{z'}{\|z'\|_2} \right\|_2^2",
    "q, z': vector[d]",
    {"q": qv, "z_prime": zv},
    byol_mse,
    wrt="q",
    source="BYOL loss between the normalized prediction and the normalized target projection (Grill et al., 2020, Eq. 2)",
    note="q = q_theta(z_theta) the online prediction, z' = z'_xi the target projection",
)
row(
    "byol_cosine_form",
    r"2 - 2 \cdot \frac{\langle q, z' \rangle}{\|q\|_2 \cdot \|z'\|_2}",
    "q, z': vector[d]",
    {"q": qv, "z_prime": zv},
    lambda q, z_prime: 2 - 2 * float(q @ z_prime) / (np.linalg.norm(q) * np.linalg.norm(z_prime)),
    wrt="z'",
    key="z_prime",
    source="BYOL loss as two minus twice the cosine similarity (Grill et al., 2020, Eq. 2, right-hand side)",
)
row(
    "byol_tau_schedule",
    r"\tau \triangleq 1 - (1 - \tau_{\text{base}}) \cdot (\cos(\pi k / K) + 1) / 2",
    r"\tau_{\text{base}}: scalar, unit; k: scalar, nonnegative; K: scalar, positive",
    {"tau_base": 0.996, "k": 1200.0, "K": 5000.0},
    lambda tau_base, k, K: 1 - (1 - tau_base) * (math.cos(math.pi * k / K) + 1) / 2,
    wrt="k",
    source="cosine schedule of the target decay rate (Grill et al., 2020, Sec. 3.3), k the current step, K the number of steps",
)
p1 = rnd(2402, 4)
p2 = rnd(2403, 4)
z1 = rnd(2404, 4)
z2 = rnd(2405, 4)


def simsiam(p_1, p_2, z_1, z_2):
    def D(p, z):
        return -float(p @ z) / (np.linalg.norm(p) * np.linalg.norm(z))

    return 0.5 * D(p_1, z_2) + 0.5 * D(p_2, z_1)


row(
    "simsiam_symmetric",
    r"\mathcal{L} = -\frac{1}{2} \frac{p_1}{\|p_1\|_2} \cdot \frac{z_2}{\|z_2\|_2} - \frac{1}{2} \frac{p_2}{\|p_2\|_2} \cdot \frac{z_1}{\|z_1\|_2}",
    "p_1, p_2, z_1, z_2: vector[d]",
    {"p_1": p1, "p_2": p2, "z_1": z1, "z_2": z2},
    simsiam,
    wrt="p_1",
    source="symmetrized SimSiam loss with D the negative cosine similarity (Chen and He, 2021, Eq. 1-2)",
)
ZA = np.asarray(rnd(2406, 5, 3))
ZB = np.asarray(rnd(2407, 5, 3))


def cross_corr(z_sup_A, z_sup_B):
    N, D = z_sup_A.shape
    C = np.zeros((D, D))
    for i in range(D):
        for j in range(D):
            num = sum(z_sup_A[b, i] * z_sup_B[b, j] for b in range(N))
            den = math.sqrt(sum(z_sup_A[b, i] ** 2 for b in range(N))) * math.sqrt(
                sum(z_sup_B[b, j] ** 2 for b in range(N))
            )
            C[i, j] = num / den
    return C


row(
    "barlow_cross_correlation",
    r"\mathcal{C}_{ij} \triangleq \frac{\sum_b z^A_{b,i} z^B_{b,j}}{\sqrt{\sum_b \left(z^A_{b,i}\right)^2} \sqrt{\sum_b \left(z^B_{b,j}\right)^2}}",
    "z^A, z^B: matrix[N, D]; b, i, j: index",
    {"z_sup_A": ZA.tolist(), "z_sup_B": ZB.tolist()},
    cross_corr,
    source="cross-correlation matrix of Barlow Twins over a batch (Zbontar et al., 2021, Eq. 2), b the batch index, i, j the embedding dimensions",
)
Cb = cross_corr(ZA, ZB)


def barlow_loss(C, **k):
    D = len(C)
    on = sum((1 - C[i, i]) ** 2 for i in range(D))
    off = sum(C[i, j] ** 2 for i in range(D) for j in range(D) if j != i)
    return on + k["lambda"] * off


row(
    "barlow_twins_loss",
    r"\mathcal{L_{BT}} \triangleq \sum_i (1 - \mathcal{C}_{ii})^2 + \lambda \sum_{i} \sum_{j \neq i} {\mathcal{C}_{ij}}^2",
    r"\mathcal{C}: matrix[D, D]; lambda: scalar, positive; i, j: index",
    {"C_cal": np.round(Cb, 6).tolist(), "lambda": 0.005},
    lambda C_cal, **k: barlow_loss(C_cal, **k),
    wrt=r"\mathcal{C}",
    key="C_cal",
    source="Barlow Twins loss, invariance and redundancy reduction terms (Zbontar et al., 2021, Eq. 1)",
)
Zv = np.asarray(rnd(2408, 5, 3, lo=-0.6, hi=0.6))


def vicreg_v(Z, gamma, epsilon):
    n, d = Z.shape
    total = 0.0
    for j in range(d):
        mean = sum(Z[k, j] for k in range(n)) / n
        var = sum((Z[i, j] - mean) ** 2 for i in range(n)) / (n - 1)
        total += max(0.0, gamma - math.sqrt(var + epsilon))
    return total / d


row(
    "vicreg_variance_var",
    r"v(Z) = \frac{1}{d} \sum_{j=1}^{d} \max\left(0, \gamma - \sqrt{\operatorname{Var}(z^j) + \epsilon}\right)",
    "Z: matrix[n, d]; gamma, epsilon: scalar, positive; j: index",
    {"Z": Zv.tolist(), "gamma": 0.5, "epsilon": 1e-4},
    vicreg_v,
    source="VICReg variance term with S(x, eps) = sqrt(Var(x) + eps) (Bardes, Ponce and LeCun, 2022, Eq. 1-2), z^j column j of Z, Var the unbiased variance estimator",
    note="z^j is the vector of the n values of dimension j in the batch; the symbol table has no way to declare a column family written with a bare superscript",
)
row(
    "vicreg_variance_explicit",
    r"\frac{1}{d} \sum_{j=1}^{d} \max\left(0, \gamma - \sqrt{\frac{1}{n - 1} \sum_{i=1}^{n} \left(Z_{ij} - \frac{1}{n} \sum_{k=1}^{n} Z_{kj}\right)^2 + \epsilon}\right)",
    "Z: matrix[n, d]; gamma, epsilon: scalar, positive; i, j, k: index",
    {"Z": Zv.tolist(), "gamma": 0.5, "epsilon": 1e-4},
    vicreg_v,
    wrt="Z",
    source="VICReg variance term (Bardes, Ponce and LeCun, 2022, Eq. 1-2) with the unbiased variance of each column written out",
)
zbar = Zv.mean(0)


def vicreg_cov(Z, z_bar):
    n = len(Z)
    return sum(np.outer(Z[i] - z_bar, Z[i] - z_bar) for i in range(n)) / (n - 1)


row(
    "vicreg_covariance_matrix",
    r"C(Z) = \frac{1}{n - 1} \sum_{i=1}^{n} (z_i - \bar{z})(z_i - \bar{z})^T",
    r"Z: matrix[n, d]; z_i: row[Z]; \bar{z}: vector[d]; i: index",
    {"Z": Zv.tolist(), "z_bar": np.round(zbar, 8).tolist()},
    vicreg_cov,
    source="covariance matrix of a batch of embeddings (Bardes, Ponce and LeCun, 2022, Eq. 3), z-bar the batch mean",
)
Cv = np.round(vicreg_cov(Zv, zbar), 6)


def vicreg_c(C):
    d = len(C)
    return sum(C[i, j] ** 2 for i in range(d) for j in range(d) if i != j) / d


row(
    "vicreg_covariance_term",
    r"c(Z) = \frac{1}{d} \sum_{i \neq j} C_{ij}^2",
    "C: matrix[d, d]; i, j: index",
    {"C": Cv.tolist()},
    vicreg_c,
    wrt="C",
    source="VICReg covariance term, the squared off-diagonal coefficients (Bardes, Ponce and LeCun, 2022, Eq. 4), C = C(Z)",
    note="the paper writes [C(Z)]_{i,j}; the symbol table cannot declare a name with an argument, so C stands for C(Z)",
)
Zp = np.asarray(rnd(2409, 5, 3, lo=-0.6, hi=0.6))


def vicreg_s(Z, Z_prime):
    n = len(Z)
    return sum(float(np.sum((Z[i] - Z_prime[i]) ** 2)) for i in range(n)) / n


row(
    "vicreg_invariance",
    r"s(Z, Z') = \frac{1}{n} \sum_{i} \|z_i - z'_i\|_2^2",
    "Z, Z': matrix[n, d]; z_i: row[Z]; i: index",
    {"Z": Zv.tolist(), "Z_prime": Zp.tolist()},
    vicreg_s,
    wrt="Z",
    source="VICReg invariance term, the mean squared distance between the two branches (Bardes, Ponce and LeCun, 2022, Eq. 5)",
    note="z'_i is row i of Z'; the symbol table refuses `z'_i: row[Z']` (a primed matrix as the family's matrix), so it is left undeclared",
)
tl = rnd(2410, 5, lo=-2.0, hi=2.0)
sl = rnd(2411, 5, lo=-2.0, hi=2.0)
cl = rnd(2412, 5, lo=-0.5, hi=0.5)


def dino(t, c, s, tau_t, tau_s):
    Pt = softmax((t - c) / tau_t)
    return -float(Pt @ log_softmax(s / tau_s))


row(
    "dino_cross_entropy",
    r"-\sum_{k=1}^{K} \frac{\exp\left((t_k - c_k) / \tau_t\right)}{\sum_{k'=1}^{K} \exp\left((t_{k'} - c_{k'}) / \tau_t\right)} \log \frac{\exp(s_k / \tau_s)}{\sum_{k'=1}^{K} \exp(s_{k'} / \tau_s)}",
    r"t, c, s: vector[K]; \tau_t, \tau_s: scalar, positive; k, k': index",
    {"t": tl, "c": cl, "s": sl, "tau_t": 0.04, "tau_s": 0.1},
    dino,
    wrt="s",
    source="DINO loss H(P_t, P_s) with the centred, sharpened teacher softmax (Caron et al., 2021, Eq. 1-2 and Algorithm 1)",
    note="t and s the teacher and student outputs, c the centre",
)
Tb = rnd(2413, 4, 3)
c0 = rnd(2414, 3)
row(
    "dino_center_update",
    r"c \leftarrow m c + (1 - m) \frac{1}{B} \sum_{i=1}^{B} t_i",
    "c: vector[K]; T: matrix[B, K]; t_i: row[T]; m: scalar, unit; i: index",
    {"c": c0, "T": Tb, "m": 0.9},
    lambda c, T, m: m * c + (1 - m) * sum(T[i] for i in range(len(T))) / len(T),
    source="DINO centre update by an exponential moving average of the teacher outputs (Caron et al., 2021, Sec. 3.1 and Algorithm 1), t_i = g_theta_t(x_i)",
)
Xp = rnd(2415, 4, 3)
Xh = rnd(2416, 4, 3)
mk = [1.0, 0.0, 1.0, 1.0]


def mae(X, X_hat, m):
    n, P = X.shape
    return sum(m[i] * float(np.sum((X[i] - X_hat[i]) ** 2)) / P for i in range(n)) / sum(m)


row(
    "mae_masked_mse",
    r"\frac{1}{\sum_{i=1}^{n} m_i} \sum_{i=1}^{n} m_i \frac{1}{P} \left\| x_i - \hat{x}_i \right\|_2^2",
    r"X, \hat{X}: matrix[n, P]; x_i: row[X]; \hat{x}_i: row[\hat{X}]; m: vector[n]; i: index",
    {"X": Xp, "X_hat": Xh, "m": mk},
    mae,
    source="masked autoencoder reconstruction loss, the mean squared error in pixel space over masked patches only (He et al., 2022, Sec. 3)",
    note="m_i = 1 for a masked patch, P the number of pixels per patch",
)
Al = rnd(2417, 5, 3)


def data2vec(A_, K):
    L = len(A_)
    return sum(A_[l] for l in range(L - int(K), L)) / K  # noqa: E741


row(
    "data2vec_target",
    r"y_t = \frac{1}{K} \sum_{l=L-K+1}^{L} \hat{a}^{(l)}",
    r"\hat{A}: matrix[L, d]; \hat{a}^{(l)}: row[\hat{A}]; K: scalar, integer, positive; l: index",
    {"A_hat": Al, "K": 3},
    lambda A_hat, K: data2vec(A_hat, K),
    source="data2vec teacher target, the average of the top K blocks' normalized outputs at time-step t (Baevski et al., 2022, Sec. 3)",
    note="the paper writes a-hat_t^l; here one time-step t, row l of A-hat is a-hat_t^l, the output of block l (a family is declared with a parenthesized superscript)",
)
Pr = np.asarray(rnd(2418, 4, 4, lo=0.0, hi=3.0))
Pr = softmax(Pr + 2 * np.eye(4))


def rotnet(F):
    K = len(F)
    return -sum(math.log(F[y, y]) for y in range(K)) / K


row(
    "rotnet_loss",
    r"-\frac{1}{K} \sum_{y=1}^{K} \log F_{yy}",
    "F: matrix[K, K]; y: index",
    {"F": np.round(Pr, 6).tolist()},
    rotnet,
    wrt="F",
    source="rotation-prediction self-supervised loss (Gidaris, Singh and Komodakis, 2018, Sec. 2), F_yy = F^y(g(X | y)) the probability given to rotation y of the image rotated by y",
)

if __name__ == "__main__":
    A.write()
