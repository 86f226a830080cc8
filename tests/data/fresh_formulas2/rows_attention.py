"""Attention and transformer layers (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, softmax
from scipy.special import erf

A = Area("attention")
row = A.row

Q, K, V = rnd(400, 3, 4), rnd(401, 5, 4), rnd(402, 5, 2)


def attention(Q, K, V):
    d_k = Q.shape[1]
    S = np.zeros((Q.shape[0], K.shape[0]))
    for i in range(Q.shape[0]):
        for j in range(K.shape[0]):
            S[i, j] = sum(Q[i, c] * K[j, c] for c in range(d_k)) / math.sqrt(d_k)
    return softmax(S, axis=1) @ V


row(
    "scaled_dot_product",
    r"\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V",
    "Q: matrix[n, d_k]; K: matrix[m, d_k]; V: matrix[m, d_v]",
    {"Q": Q, "K": K, "V": V},
    attention,
    source="scaled dot-product attention (Vaswani et al., 2017, Eq. 1), softmax over each row",
)


def weights(Q, K):
    n, m, d = Q.shape[0], K.shape[0], Q.shape[1]
    out = np.zeros((n, m))
    for i in range(n):
        e = [math.exp(float(Q[i] @ K[l]) / math.sqrt(d)) for l in range(m)]  # noqa: E741
        for j in range(m):
            out[i, j] = e[j] / sum(e)
    return out


row(
    "attention_weights_rows",
    r"\alpha_{ij} = \frac{\exp(q_i^\top k_j / \sqrt{d})}{\sum_{l=1}^{m} \exp(q_i^\top k_l / \sqrt{d})}",
    "Q: matrix[n, d]; K: matrix[m, d]; q_i: row[Q]; k_j: row[K]; i, j, l: index",
    {"Q": Q, "K": K},
    weights,
    source="attention weights of query i over keys j (Vaswani et al., 2017; Bahdanau et al., 2015)",
)
alpha = np.asarray(simplex(403, 3, 5))
row(
    "attention_output_entries",
    r"o_{ic} = \sum_{j=1}^{m} \alpha_{ij} V_{jc}",
    "alpha: matrix[n, m]; V: matrix[m, d_v]; i, j, c: index",
    {"alpha": alpha.tolist(), "V": V},
    lambda alpha, V: np.asarray(
        [
            [sum(alpha[i, j] * V[j, c] for j in range(V.shape[0])) for c in range(V.shape[1])]
            for i in range(alpha.shape[0])
        ]
    ),
    source="attention output as a weighted sum of values (Bahdanau et al., 2015)",
)
q = rnd(404, 4)
v = rnd(405, 5)


def single(q, K, v):
    d = len(q)
    e = [math.exp(float(q @ K[l]) / math.sqrt(d)) for l in range(K.shape[0])]  # noqa: E741
    return sum(e[j] / sum(e) * v[j] for j in range(len(v)))


row(
    "single_query_attention",
    r"\sum_{j=1}^{n} \frac{\exp(q^\top k_j / \sqrt{d})}{\sum_{l=1}^{n} \exp(q^\top k_l / \sqrt{d})} v_j",
    "q: vector[d]; K: matrix[n, d]; k_j: row[K]; v: vector[n]; j, l: index",
    {"q": q, "K": K, "v": v},
    single,
    wrt="q",
    source="one query attending over n keys with scalar values (Vaswani et al., 2017, Eq. 1 for one row)",
)
s = rnd(406, 4, 4, lo=-2, hi=2)


def causal(s):
    n = s.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        den = sum(math.exp(s[i, l]) for l in range(i + 1))  # noqa: E741
        for j in range(n):
            out[i, j] = (1.0 if j <= i else 0.0) * math.exp(s[i, j]) / den
    return out


row(
    "causal_softmax",
    r"\alpha_{ij} = \frac{\mathbb{1}[j \le i] \exp(s_{ij})}{\sum_{l=1}^{i} \exp(s_{il})}",
    "s: matrix[n, n]; i, j, l: index",
    {"s": s},
    causal,
    source="causal (autoregressive) attention weights, keys up to the query's position (Vaswani et al., 2017, Sec. 3.2.3)",
)
Qc, Kc, Vc = rnd(407, 4, 3), rnd(408, 4, 3), rnd(409, 4, 2)
M = np.where(np.tril(np.ones((4, 4))) > 0, 0.0, -10000.0)


def masked(Q, K, M, V):
    S = Q @ K.T / math.sqrt(Q.shape[1]) + M
    return softmax(S, axis=1) @ V


row(
    "masked_additive",
    r"\operatorname{softmax}\left(\frac{Q K^\top}{\sqrt{d_k}} + M\right) V",
    "Q, K: matrix[n, d_k]; M: matrix[n, n]; V: matrix[n, d_v]",
    {"Q": Qc, "K": Kc, "M": M.tolist(), "V": Vc},
    masked,
    source="attention with an additive causal mask M (0 on and below the diagonal, -10000 above), as in GPT/BERT implementations",
)
a = rnd(410, 5, lo=-2, hi=2)
gg = rnd(411, 5, lo=0.5, hi=1.5)
bb = rnd(412, 5, lo=-0.3, hi=0.3)


def layer_norm(a, g, b):
    H = len(a)
    mu = sum(a) / H
    sd = math.sqrt(sum((aj - mu) ** 2 for aj in a) / H)
    return g / sd * (a - mu) + b


row(
    "layer_norm",
    r"h_i = \frac{g_i}{\sqrt{\frac{1}{H} \sum_{j=1}^{H} \left(a_j - \frac{1}{H} \sum_{k=1}^{H} a_k\right)^2}} \left(a_i - \frac{1}{H} \sum_{k=1}^{H} a_k\right) + b_i",
    "a, g, b: vector[H]; i, j, k: index; H: dim",
    {"a": a, "g": gg, "b": bb},
    layer_norm,
    source="layer normalization (Ba, Kiros and Hinton, 2016, Sec. 3), mu and sigma written out",
)
av = np.asarray(a)
row(
    "layer_norm_vector",
    r"\operatorname{LN}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
    "x, gamma, beta: vector[d]; mu, sigma, epsilon: scalar",
    {
        "x": a,
        "gamma": gg,
        "beta": bb,
        "mu": float(av.mean()),
        "sigma": float(av.std()),
        "epsilon": 1e-5,
    },
    lambda x, gamma, beta, mu, sigma, epsilon: (
        gamma * (x - mu) / math.sqrt(sigma**2 + epsilon) + beta
    ),
    source="LayerNorm in vector form (Xiong et al., 2020, Sec. 3), mu and sigma the mean and deviation of x",
    note="x - mu subtracts the scalar mu from every entry",
)


def rms(a, g):
    n = len(a)
    r = math.sqrt(sum(aj**2 for aj in a) / n)
    return a / r * g


row(
    "rmsnorm",
    r"\bar{a}_i = \frac{a_i}{\sqrt{\frac{1}{n} \sum_{j=1}^{n} a_j^2}} g_i",
    "a, g: vector[n]; i, j: index; n: dim",
    {"a": a, "g": gg},
    rms,
    source="RMSNorm (Zhang and Sennrich, 2019, Sec. 4), RMS(a) written out",
)
row(
    "gelu_tanh",
    r"0.5 x \left(1 + \tanh\left[\sqrt{2/\pi} \left(x + 0.044715 x^3\right)\right]\right)",
    "x: scalar",
    {"x": 0.8},
    lambda x: 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3))),
    wrt="x",
    source="GELU, tanh approximation (Hendrycks and Gimpel, 2016, Sec. 2)",
)
row(
    "gelu_erf",
    r"\mathrm{GELU}(x) = x \cdot \frac{1}{2} \left[1 + \operatorname{erf}(x / \sqrt{2})\right]",
    "x: scalar",
    {"x": -0.6},
    lambda x: x * 0.5 * (1 + erf(x / math.sqrt(2))),
    wrt="x",
    source="GELU (Hendrycks and Gimpel, 2016, Sec. 2)",
)
row(
    "sinusoidal_position",
    r"PE_{(pos, 2i)} = \sin(pos / 10000^{2i / d_{\text{model}}})",
    r"pos, i: scalar, nonnegative; d_{\text{model}}: scalar, positive",
    {"pos": 3.0, "i": 1.0, "d_model": 8.0},
    lambda pos, i, d_model: math.sin(pos / 10000 ** (2 * i / d_model)),
    source="sinusoidal positional encoding (Vaswani et al., 2017, Sec. 3.5)",
)


def alibi(s, m):
    n = s.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        den = sum(math.exp(s[i, l] - m * (i - l)) for l in range(i + 1))  # noqa: E741
        for j in range(n):
            out[i, j] = (1.0 if j <= i else 0.0) * math.exp(s[i, j] - m * (i - j)) / den
    return out


row(
    "alibi",
    r"\alpha_{ij} = \frac{\mathbb{1}[j \le i] \exp(s_{ij} - m (i - j))}{\sum_{l=1}^{i} \exp(s_{il} - m (i - l))}",
    "s: matrix[n, n]; m: scalar, positive; i, j, l: index",
    {"s": s, "m": 0.5},
    alibi,
    source="ALiBi linear biases (Press, Smith and Lewis, 2022, Sec. 3): softmax(q_i K^T + m [-(i-1), ..., -1, 0])",
)
zl = rnd(413, 4, 5, lo=-2, hi=2)
yl = [2.0, 5.0, 1.0, 3.0]


def lm_ce(z, y):
    out = 0.0
    for t in range(z.shape[0]):
        c = int(y[t]) - 1
        out -= math.log(math.exp(z[t, c]) / sum(math.exp(z[t, v]) for v in range(z.shape[1])))
    return out


row(
    "lm_cross_entropy",
    r"\mathcal{L} = -\sum_{t=1}^{T} \log \frac{\exp(z_{t, y_t})}{\sum_{v=1}^{V} \exp(z_{tv})}",
    "z: matrix[T, V]; y: labels[T, V]; t, v: index",
    {"z": zl, "y": yl},
    lm_ce,
    wrt="z",
    source="language-model cross-entropy over the vocabulary (e.g. Radford et al., 2018, with softmax outputs)",
    note="y holds the target token of each position, numbered from 1",
)
pk = simplex(414, 5)


def smooth(p, epsilon, y):
    K = len(p)
    return -sum(
        ((1 - epsilon) * (1.0 if k + 1 == int(y) else 0.0) + epsilon / K) * math.log(p[k])
        for k in range(K)
    )


row(
    "label_smoothing",
    r"-\sum_{k=1}^{K} \left((1 - \epsilon) \delta_{k,y} + \frac{\epsilon}{K}\right) \log p_k",
    "p: simplex[K]; epsilon: scalar, unit; y: scalar, integer, positive; k: index; K: dim",
    {"p": pk, "epsilon": 0.1, "y": 2.0},
    smooth,
    source="label-smoothing regularization (Szegedy et al., 2016, Sec. 7), cross-entropy with q'(k) = (1 - eps) delta_{k,y} + eps / K",
)
row(
    "rope_2d",
    r"\begin{pmatrix} \cos m\theta & -\sin m\theta \\ \sin m\theta & \cos m\theta \end{pmatrix} x",
    "x: vector[2]; m, theta: scalar",
    {"x": [0.6, -1.1], "m": 3.0, "theta": 0.4},
    lambda x, m, theta: (
        np.array(
            [
                [math.cos(m * theta), -math.sin(m * theta)],
                [math.sin(m * theta), math.cos(m * theta)],
            ]
        )
        @ x
    ),
    source="rotary position embedding, 2-D case (Su et al., RoFormer, 2021, Sec. 3.2)",
)

if __name__ == "__main__":
    A.write()
