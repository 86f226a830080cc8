"""Generative adversarial networks: objectives, penalties and scores (NumPy references from each
paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, spd
from scipy.linalg import sqrtm

A = Area("gan")
row = A.row

r_logit = rnd(1000, 5, lo=-2.0, hi=2.0)  # discriminator logits on data
f_logit = rnd(1001, 5, lo=-2.0, hi=2.0)  # discriminator logits on generated samples


def minimax_value(r, f):
    m = len(r)
    return sum(math.log(sigmoid(r[i])) + math.log(1 - sigmoid(f[i])) for i in range(m)) / m


row(
    "minimax_value_logits",
    r"V(D, G) = \frac{1}{m} \sum_{i=1}^{m} \left[ \log \sigma(r_i) + \log\left(1 - \sigma(f_i)\right) \right]",
    "r, f: vector[m]; i: index",
    {"r": r_logit, "f": f_logit},
    minimax_value,
    wrt="r",
    source="GAN value function, minibatch form (Goodfellow et al., 2014, Eq. 1 and Algorithm 1), D = sigma of its logit",
    note="r_i = logit of D(x^(i)), f_i = logit of D(G(z^(i)))",
)
row(
    "generator_saturating",
    r"\frac{1}{m} \sum_{i=1}^{m} \log\left(1 - \sigma(f_i)\right)",
    "f: vector[m]; i: index",
    {"f": f_logit},
    lambda f: sum(math.log(1 - sigmoid(v)) for v in f) / len(f),
    wrt="f",
    source="generator update of Algorithm 1 (Goodfellow et al., 2014), D = sigma of its logit",
)
row(
    "generator_nonsaturating",
    r"-\frac{1}{m} \sum_{i=1}^{m} \log \sigma(f_i)",
    "f: vector[m]; i: index",
    {"f": f_logit},
    lambda f: -sum(math.log(sigmoid(v)) for v in f) / len(f),
    source="non-saturating generator loss, maximize log D(G(z)) (Goodfellow et al., 2014, Sec. 3)",
)
row(
    "discriminator_softplus",
    r"\frac{1}{m} \sum_{i=1}^{m} \log\left(1 + e^{-r_i}\right) + \frac{1}{m} \sum_{i=1}^{m} \log\left(1 + e^{f_i}\right)",
    "r, f: vector[m]; i: index",
    {"r": r_logit, "f": f_logit},
    lambda r, f: (
        sum(math.log(1 + math.exp(-v)) for v in r) / len(r)
        + sum(math.log(1 + math.exp(v)) for v in f) / len(f)
    ),
    wrt="f",
    source="GAN objective with f(t) = -log(1 + exp(-t)) (Mescheder, Geiger and Nowozin, 2018, Eq. 1), negated as a loss",
)
p_data = simplex(1002, 5)
p_gen = simplex(1003, 5)


def jsd_form(p, q):
    s = -math.log(4)
    for j in range(len(p)):
        s += p[j] * math.log(p[j] / ((p[j] + q[j]) / 2)) + q[j] * math.log(
            q[j] / ((p[j] + q[j]) / 2)
        )
    return s


row(
    "virtual_training_criterion",
    r"C(G) = -\log 4 + \sum_{j=1}^{n} p_j \log \frac{p_j}{\frac{p_j + q_j}{2}} + \sum_{j=1}^{n} q_j \log \frac{q_j}{\frac{p_j + q_j}{2}}",
    "p, q: simplex[n]; j: index",
    {"p": p_data, "q": p_gen},
    jsd_form,
    wrt="q",
    source="C(G) = -log 4 + KL(p_data || m) + KL(p_g || m) (Goodfellow et al., 2014, Eq. 5), on a finite support",
)


def optimal_value(p, q):
    return sum(
        p[j] * math.log(p[j] / (p[j] + q[j])) + q[j] * math.log(q[j] / (p[j] + q[j]))
        for j in range(len(p))
    )


row(
    "value_at_optimal_discriminator",
    r"\sum_{j=1}^{n} \left[ p_j \log \frac{p_j}{p_j + q_j} + q_j \log \frac{q_j}{p_j + q_j} \right]",
    "p, q: simplex[n]; j: index",
    {"p": p_data, "q": p_gen},
    optimal_value,
    source="V(G, D*_G) with D*_G = p_data / (p_data + p_g) (Goodfellow et al., 2014, Prop. 1 and Eq. 4), finite support",
)
Xr = rnd(1004, 4, 3)
Xf = rnd(1005, 4, 3)
wc = rnd(1006, 3)


def wgan_critic(X, X_tilde, w):
    m = len(X)
    return (
        sum(float(w @ X[i]) for i in range(m)) / m
        - sum(float(w @ X_tilde[i]) for i in range(m)) / m
    )


row(
    "wgan_critic_linear",
    r"\frac{1}{m} \sum_{i=1}^{m} w^\top x_i - \frac{1}{m} \sum_{i=1}^{m} w^\top \tilde{x}_i",
    r"X, \tilde{X}: matrix[m, d]; x_i: row[X]; \tilde{x}_i: row[\tilde{X}]; w: vector[d]; i: index",
    {"X": Xr, "X_tilde": Xf, "w": wc},
    wgan_critic,
    wrt="w",
    source="WGAN critic objective (Arjovsky, Chintala and Bottou, 2017, Algorithm 1) with a linear critic f_w(x) = w^T x",
)
xh = rnd(1007, 3)
vc = rnd(1008, 4)
Wc = rnd(1009, 4, 3)


def gp(x_hat, v, W, **k):
    g = W.T @ (v * (1 - np.tanh(W @ x_hat) ** 2))
    return k["lambda"] * (np.linalg.norm(g) - 1) ** 2


row(
    "wgan_gp_penalty",
    r"\lambda \left( \left\| \nabla_{\hat{x}} \, v^\top \tanh(W \hat{x}) \right\|_2 - 1 \right)^2",
    r"\hat{x}: vector[d]; v: vector[h]; W: matrix[h, d]; lambda: scalar, positive",
    {"x_hat": xh, "v": vc, "W": Wc, "lambda": 10.0},
    gp,
    wrt="v",
    source="WGAN-GP gradient penalty (Gulrajani et al., 2017, Eq. 3), critic D(x) = v^T tanh(W x) written out",
)
Aq = rnd(1010, 3, 3)
bq = rnd(1011, 3)
xq = rnd(1012, 3)
row(
    "r1_penalty",
    r"\frac{\gamma}{2} \left\| \nabla_x \left( x^\top A x + b^\top x \right) \right\|^2",
    "x, b: vector[d]; A: matrix[d, d]; gamma: scalar, positive",
    {"x": xq, "A": Aq, "b": bq, "gamma": 10.0},
    lambda x, A, b, gamma: gamma / 2 * float(np.sum(((A + A.T) @ x + b) ** 2)),
    wrt="b",
    source="R1 regularizer (Mescheder, Geiger and Nowozin, 2018, Eq. 9) at one data point, quadratic critic",
)
rh = [0.4, 1.6, -0.3, 0.8, 2.1]
fh = [-1.4, 0.2, -0.6, -2.2, 0.5]
row(
    "hinge_discriminator",
    r"\frac{1}{m} \sum_{i=1}^{m} \max(0, 1 - r_i) + \frac{1}{m} \sum_{i=1}^{m} \max(0, 1 + f_i)",
    "r, f: vector[m]; i: index",
    {"r": rh, "f": fh},
    lambda r, f: (
        sum(max(0.0, 1 - v) for v in r) / len(r) + sum(max(0.0, 1 + v) for v in f) / len(f)
    ),
    wrt="r",
    source="hinge loss of the discriminator (Lim and Ye, 2017; Miyato et al., 2018, Eq. 16)",
)
dr = rnd(1013, 5, lo=-0.5, hi=1.5)
df = rnd(1014, 5, lo=-1.5, hi=0.5)
row(
    "lsgan_discriminator",
    r"\frac{1}{2} \cdot \frac{1}{m} \sum_{i=1}^{m} (r_i - b)^2 + \frac{1}{2} \cdot \frac{1}{m} \sum_{i=1}^{m} (f_i - a)^2",
    "r, f: vector[m]; a, b: scalar; i: index",
    {"r": dr, "f": df, "a": -1.0, "b": 1.0},
    lambda r, f, a, b: (
        0.5 * sum((v - b) ** 2 for v in r) / len(r) + 0.5 * sum((v - a) ** 2 for v in f) / len(f)
    ),
    wrt="f",
    source="LSGAN discriminator objective (Mao et al., 2017, Eq. 2), a = -1, b = 1 (Eq. 8)",
)
row(
    "lsgan_generator",
    r"\frac{1}{2m} \sum_{i=1}^{m} (f_i - c)^2",
    "f: vector[m]; c: scalar; i: index",
    {"f": df, "c": 0.0},
    lambda f, c: sum((v - c) ** 2 for v in f) / (2 * len(f)),
    source="LSGAN generator objective (Mao et al., 2017, Eq. 2), c = 0 (Eq. 8)",
)
row(
    "relativistic_standard",
    r"-\frac{1}{m} \sum_{i=1}^{m} \log \sigma\left(r_i - f_i\right)",
    "r, f: vector[m]; i: index",
    {"r": r_logit, "f": f_logit},
    lambda r, f: -sum(math.log(sigmoid(r[i] - f[i])) for i in range(len(r))) / len(r),
    wrt="r",
    source="RSGAN discriminator loss (Jolicoeur-Martineau, 2019, Eq. 5 with f_1 = -log sigmoid), paired minibatch",
)


def ragan(r, f):
    m = len(r)
    rbar, fbar = sum(r) / m, sum(f) / m
    return (
        -sum(math.log(sigmoid(r[i] - fbar)) for i in range(m)) / m
        - sum(math.log(1 - sigmoid(f[i] - rbar)) for i in range(m)) / m
    )


row(
    "relativistic_average",
    r"-\frac{1}{m} \sum_{i=1}^{m} \log \sigma\left(r_i - \frac{1}{m} \sum_{j=1}^{m} f_j\right) - \frac{1}{m} \sum_{i=1}^{m} \log\left(1 - \sigma\left(f_i - \frac{1}{m} \sum_{j=1}^{m} r_j\right)\right)",
    "r, f: vector[m]; i, j: index",
    {"r": r_logit, "f": f_logit},
    ragan,
    wrt="f",
    source="RaSGAN discriminator loss (Jolicoeur-Martineau, 2019, Eq. 11 with the standard GAN's f_1, f_2)",
)
Fr = rnd(1015, 4, 3)
Ff = rnd(1016, 4, 3)


def feature_matching(F, F_tilde):
    m, d = F.shape
    return sum(
        (sum(F[i, k] for i in range(m)) / m - sum(F_tilde[i, k] for i in range(m)) / m) ** 2
        for k in range(d)
    )


row(
    "feature_matching",
    r"\sum_{k=1}^{d} \left( \frac{1}{m} \sum_{i=1}^{m} F_{ik} - \frac{1}{m} \sum_{i=1}^{m} \tilde{F}_{ik} \right)^2",
    r"F, \tilde{F}: matrix[m, d]; i, k: index",
    {"F": Fr, "F_tilde": Ff},
    feature_matching,
    wrt=r"\tilde{F}",
    key="F_tilde",
    source="feature matching (Salimans et al., 2016, Sec. 3.1), minibatch means of the discriminator's features",
)
Pis = np.asarray(simplex(1017, 4, 3))


def inception(P):
    N, K = P.shape
    marg = [sum(P[j, k] for j in range(N)) / N for k in range(K)]
    s = sum(P[i, k] * math.log(P[i, k] / marg[k]) for i in range(N) for k in range(K))
    return math.exp(s / N)


row(
    "inception_score",
    r"\exp\left( \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} P_{ik} \log \frac{P_{ik}}{\frac{1}{N} \sum_{j=1}^{N} P_{jk}} \right)",
    "P: matrix[N, K]; i, j, k: index",
    {"P": Pis.tolist()},
    inception,
    wrt="P",
    source="Inception score exp(E_x KL(p(y|x) || p(y))) (Salimans et al., 2016, Sec. 4), p(y) the sample mean",
)
S1, S2 = spd(1018, 3), spd(1019, 3)
m1, m2 = rnd(1020, 3), rnd(1021, 3)


def fid(mu_r, mu_g, Sigma_r, Sigma_g):
    root = np.real(sqrtm(Sigma_r @ Sigma_g))
    return float(np.sum((mu_r - mu_g) ** 2) + np.trace(Sigma_r + Sigma_g - 2 * root))


row(
    "frechet_inception_distance",
    r"\|\mu_r - \mu_g\|_2^2 + \operatorname{Tr}\left(\Sigma_r + \Sigma_g - 2 \left(\Sigma_r \Sigma_g\right)^{1/2}\right)",
    r"\mu_r, \mu_g: vector[d]; \Sigma_r, \Sigma_g: spd[d]",
    {"mu_r": m1, "mu_g": m2, "Sigma_r": S1, "Sigma_g": S2},
    fid,
    wrt=r"\mu_g",
    key="mu_g",
    source="Frechet Inception Distance (Heusel et al., 2017, Eq. 6)",
)
row(
    "mode_seeking_ratio",
    r"\frac{\|I_1 - I_2\|_1}{\|z_1 - z_2\|_1}",
    "I_1, I_2: vector[d]; z_1, z_2: vector[k]",
    {"I_1": rnd(1022, 4), "I_2": rnd(1023, 4), "z_1": rnd(1024, 3), "z_2": rnd(1025, 3)},
    lambda I_1, I_2, z_1, z_2: float(np.abs(I_1 - I_2).sum() / np.abs(z_1 - z_2).sum()),
    source="mode seeking term d_I(I_1, I_2) / d_z(z_1, z_2) with L1 distances (Mao et al., 2019, Eq. 2-3)",
)

if __name__ == "__main__":
    A.write()
