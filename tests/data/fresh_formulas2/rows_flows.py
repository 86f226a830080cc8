"""Normalizing flows: planar, radial, coupling, autoregressive and Glow layers (NumPy references
from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("flows")
row = A.row

z = rnd(300, 3)
u = rnd(301, 3, lo=-0.8, hi=0.8)
w = rnd(302, 3, lo=-0.8, hi=0.8)
b = 0.2

row(
    "planar_flow",
    r"f(z) = z + u \tanh(w^\top z + b)",
    "z, u, w: vector[d]; b: scalar",
    {"z": z, "u": u, "w": w, "b": b},
    lambda z, u, w, b: z + u * math.tanh(float(w @ z) + b),
    source="planar flow (Rezende and Mohamed, 2015, Eq. 10), h = tanh",
)


def planar_logdet(z, u, w, b):
    a = sum(w[i] * z[i] for i in range(len(z))) + b
    return math.log(abs(1 + (1 - math.tanh(a) ** 2) * sum(u[i] * w[i] for i in range(len(u)))))


row(
    "planar_logdet",
    r"\log \left| 1 + \left(1 - \tanh^2(w^\top z + b)\right) u^\top w \right|",
    "z, u, w: vector[d]; b: scalar",
    {"z": z, "u": u, "w": w, "b": b},
    planar_logdet,
    wrt="z",
    source="planar flow log-determinant (Rezende and Mohamed, 2015, Eq. 11-12), psi(z) = h'(w^T z + b) w with h = tanh",
)
z0 = rnd(303, 3)


def radial(z, z_0, alpha, beta):
    r = math.sqrt(sum((z[i] - z_0[i]) ** 2 for i in range(len(z))))
    return z + beta / (alpha + r) * (z - z_0)


row(
    "radial_flow",
    r"f(z) = z + \frac{\beta}{\alpha + \|z - z_0\|} (z - z_0)",
    "z, z_0: vector[d]; alpha: scalar, positive; beta: scalar",
    {"z": z, "z_0": z0, "alpha": 0.5, "beta": 0.8},
    radial,
    source="radial flow (Rezende and Mohamed, 2015, Eq. 14), h(alpha, r) = 1 / (alpha + r)",
)


def radial_logdet(r, alpha, beta, d):
    h = 1 / (alpha + r)
    hp = -1 / (alpha + r) ** 2
    return (d - 1) * math.log(1 + beta * h) + math.log(1 + beta * h + beta * hp * r)


row(
    "radial_logdet",
    r"(d - 1) \log\left(1 + \frac{\beta}{\alpha + r}\right) + \log\left(1 + \frac{\beta}{\alpha + r} - \frac{\beta r}{(\alpha + r)^2}\right)",
    "r, alpha: scalar, positive; beta: scalar; d: scalar, integer, positive",
    {"r": 1.1, "alpha": 0.5, "beta": 0.8, "d": 3.0},
    radial_logdet,
    source="radial flow log-determinant (Rezende and Mohamed, 2015, Eq. 14), h' = -1 / (alpha + r)^2",
)
x1 = rnd(304, 2)
x2 = rnd(305, 3)
Ws, Wt = rnd(306, 3, 2), rnd(307, 3, 2)
bs, bt = rnd(308, 3), rnd(309, 3)
row(
    "realnvp_coupling",
    r"y_2 = x_2 \odot \exp(\tanh(W_s x_1 + b_s)) + W_t x_1 + b_t",
    "x_1: vector[d]; x_2, b_s, b_t: vector[m]; W_s, W_t: matrix[m, d]",
    {"x_1": x1, "x_2": x2, "W_s": Ws, "W_t": Wt, "b_s": bs, "b_t": bt},
    lambda x_1, x_2, W_s, W_t, b_s, b_t: x_2 * np.exp(np.tanh(W_s @ x_1 + b_s)) + W_t @ x_1 + b_t,
    source="affine coupling layer (Dinh, Sohl-Dickstein and Bengio, 2017, Sec. 3.3), s = tanh of one affine layer, t affine",
)


def realnvp_logdet(x_1, W_s, b_s):
    return sum(
        math.tanh(sum(W_s[j, k] * x_1[k] for k in range(len(x_1))) + b_s[j])
        for j in range(len(b_s))
    )


row(
    "realnvp_logdet",
    r"\sum_{j=1}^{m} \tanh(W_s x_1 + b_s)_j",
    "x_1: vector[d]; b_s: vector[m]; W_s: matrix[m, d]; j: index",
    {"x_1": x1, "W_s": Ws, "b_s": bs},
    realnvp_logdet,
    wrt="W_s",
    source="log-determinant of the affine coupling (Dinh, Sohl-Dickstein and Bengio, 2017, Sec. 3.3), sum_j s(x_{1:d})_j",
)
h = rnd(310, 4, lo=-2, hi=2)
S = np.diag(rnd(311, 4, lo=0.5, hi=2.0)).tolist()


def nice(h, S):
    return sum(
        -math.log(1 + math.exp(h[d])) - math.log(1 + math.exp(-h[d])) + math.log(abs(S[d, d]))
        for d in range(len(h))
    )


row(
    "nice_logistic_loglik",
    r"\sum_{d=1}^{D} \left[ -\log(1 + \exp(h_d)) - \log(1 + \exp(-h_d)) + \log(|S_{dd}|) \right]",
    "h: vector[D]; S: matrix[D, D]; d: index",
    {"h": h, "S": S},
    nice,
    source="NICE log-likelihood with a logistic prior and diagonal scaling (Dinh, Krueger and Bengio, 2015, Sec. 3.3-3.4)",
)
xm, mm, am = rnd(312, 4), rnd(313, 4), rnd(314, 4, lo=-0.5, hi=0.5)


def maf(x, mu, alpha):
    out = 0.0
    for i in range(len(x)):
        ui = (x[i] - mu[i]) * math.exp(-alpha[i])
        out += -0.5 * ui**2 - 0.5 * math.log(2 * math.pi)
    return out - sum(alpha)


row(
    "maf_loglik",
    r"\log p(x) = \sum_{i=1}^{D} \log \mathcal{N}\left((x_i - \mu_i) \exp(-\alpha_i); 0, 1\right) - \sum_{i=1}^{D} \alpha_i",
    "x, mu, alpha: vector[D]; i: index",
    {"x": xm, "mu": mm, "alpha": am},
    maf,
    wrt="alpha",
    source="masked autoregressive flow density (Papamakarios, Pavlakou and Murray, 2017, Sec. 3.1)",
)
row(
    "maf_inverse",
    r"u_i = (x_i - \mu_i) \exp(-\alpha_i)",
    "x, mu, alpha: vector[D]; i: index",
    {"x": xm, "mu": mm, "alpha": am},
    lambda x, mu, alpha: (x - mu) * np.exp(-alpha),
    source="MAF inverse pass (Papamakarios, Pavlakou and Murray, 2017, Sec. 3.1)",
)
s = [0.7, -1.3, 0.4, 2.1]
row(
    "actnorm_logdet",
    r"h \cdot w \cdot \sum_{i=1}^{c} \log |s_i|",
    "s: vector[c]; h, w: scalar, positive, integer; i: index",
    {"s": s, "h": 4.0, "w": 5.0},
    lambda s, h, w: h * w * sum(math.log(abs(si)) for si in s),
    source="Glow actnorm log-determinant (Kingma and Dhariwal, 2018, Table 1), sum written out",
)
Wc = (np.eye(3) + np.asarray(rnd(315, 3, 3, lo=-0.5, hi=0.5))).round(3).tolist()
row(
    "invconv_logdet",
    r"h \cdot w \cdot \log |\det(W)|",
    "W: matrix[c, c]; h, w: scalar, positive, integer",
    {"W": Wc, "h": 4.0, "w": 5.0},
    lambda W, h, w: h * w * math.log(abs(np.linalg.det(W))),
    wrt="W",
    source="Glow invertible 1x1 convolution log-determinant (Kingma and Dhariwal, 2018, Table 1)",
)
P = np.eye(3)[[1, 2, 0]]
Lo = np.tril(np.asarray(rnd(316, 3, 3)), -1) + np.eye(3)
Up = np.triu(np.asarray(rnd(317, 3, 3)), 1)
sv = [0.8, -1.5, 1.2]
row(
    "lu_logdet",
    r"\log |\det(P L (U + \operatorname{diag}(s)))|",
    "P, L, U: matrix[c, c]; s: vector[c]",
    {"P": P.tolist(), "L": Lo.tolist(), "U": Up.tolist(), "s": sv},
    lambda P, L, U, s: math.log(abs(np.linalg.det(P @ L @ (U + np.diag(s))))),
    source="Glow LU-decomposed 1x1 convolution, W = P L (U + diag(s)) (Kingma and Dhariwal, 2018, Sec. 3.2)",
    note="P a permutation, L unit lower triangular, U strictly upper triangular: the value is sum(log|s|)",
)
Aa = (np.eye(3) * 1.2 + np.asarray(rnd(318, 3, 3, lo=-0.4, hi=0.4))).round(3)
xa, ba = rnd(319, 3), rnd(320, 3)


def affine_density(x, b, A):
    d = len(x)
    zz = A @ x + b
    return -d / 2 * math.log(2 * math.pi) - 0.5 * float(zz @ zz) + math.log(abs(np.linalg.det(A)))


row(
    "affine_change_of_variables",
    r"-\frac{d}{2} \log 2\pi - \frac{1}{2} \|A x + b\|^2 + \log |\det A|",
    "x, b: vector[d]; A: matrix[d, d]; d: dim",
    {"x": xa, "b": ba, "A": Aa.tolist()},
    affine_density,
    wrt="A",
    source="change of variables log p_X(x) = log p_Z(f(x)) + log|det df/dx| (Dinh, Sohl-Dickstein and Bengio, 2017, Sec. 3.1) for f(x) = A x + b and a standard normal base",
)
J = np.asarray(rnd(321, 3, 3, lo=-0.3, hi=0.3))


def series(J, n):
    return sum(
        (-1) ** (k + 1) / k * np.trace(np.linalg.matrix_power(J, k)) for k in range(1, int(n) + 1)
    )


row(
    "iresnet_power_series",
    r"\sum_{k=1}^{n} \frac{(-1)^{k+1}}{k} \operatorname{tr}(J^k)",
    "J: matrix[d, d]; n: scalar, integer, positive; k: index",
    {"J": J.tolist(), "n": 8.0},
    series,
    source="truncated power series of log det(I + J_g) (Behrmann et al., 2019, Sec. 3)",
)
vh = rnd(322, 3)
row(
    "iresnet_hutchinson",
    r"\sum_{k=1}^{n} \frac{(-1)^{k+1}}{k} v^\top J^k v",
    "J: matrix[d, d]; v: vector[d]; n: scalar, integer, positive; k: index",
    {"J": J.tolist(), "v": vh, "n": 8.0},
    lambda J, v, n: sum(
        (-1) ** (k + 1) / k * v @ np.linalg.matrix_power(J, k) @ v for k in range(1, int(n) + 1)
    ),
    source="Hutchinson estimate of the truncated series (Behrmann et al., 2019), one probe vector v",
)

if __name__ == "__main__":
    A.write()
