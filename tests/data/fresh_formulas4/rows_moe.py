"""Mixture of experts and transformer internals: routers, load-balancing and z-losses, noisy
top-k gating, rotary embeddings, gated linear units and learning-rate schedules (NumPy references
from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, softmax
from scipy.special import ndtr

A = Area("moe")
row = A.row

fv = [0.375, 0.25, 0.125, 0.25]
Pv = simplex(2700, 4)
row(
    "switch_load_balancing",
    r"\text{loss} = \alpha \cdot N \cdot \sum_{i=1}^{N} f_i \cdot P_i",
    "f, P: vector[N]; alpha: scalar, positive; i: index",
    {"f": fv, "P": Pv, "alpha": 0.01},
    lambda f, P, alpha: alpha * len(f) * sum(f[i] * P[i] for i in range(len(f))),
    wrt="P",
    source="auxiliary load-balancing loss of the Switch Transformer (Fedus, Zoph and Shazeer, 2022, Eq. 4), f_i the fraction of tokens sent to expert i, P_i the mean router probability",
)
pr = np.asarray(simplex(2701, 6, 4))


def fraction(p):
    T, N = p.shape
    return np.array(
        [sum(1.0 if int(np.argmax(p[t])) == i else 0.0 for t in range(T)) / T for i in range(N)]
    )


row(
    "switch_token_fraction",
    r"f_i = \frac{1}{T} \sum_{t=1}^{T} \mathbb{1}\{\operatorname{argmax}_j \, p_{tj} = i\}",
    "p: matrix[T, N]; i, j, t: index",
    {"p": pr.tolist()},
    fraction,
    source="fraction of the tokens dispatched to expert i (Fedus, Zoph and Shazeer, 2022, Eq. 5), p_tj the router probability of token t for expert j",
)
fr = fraction(pr)


def switch_inline(f, p, alpha):
    T, N = p.shape
    return alpha * N * sum(f[i] * sum(p[t, i] for t in range(T)) / T for i in range(N))


row(
    "switch_load_balancing_router",
    r"\alpha N \sum_{i=1}^{N} f_i \frac{1}{T} \sum_{t=1}^{T} p_{ti}",
    "f: vector[N]; p: matrix[T, N]; alpha: scalar, positive; i, t: index",
    {"f": fr.tolist(), "p": pr.tolist(), "alpha": 0.01},
    switch_inline,
    wrt="p",
    source="Switch load-balancing loss with P_i = (1/T) sum_x p_i(x) written in (Fedus, Zoph and Shazeer, 2022, Eq. 4 and 6)",
)
Wr = rnd(2702, 4, 3)
xr = rnd(2703, 3)


def router(W_r, x):
    h = W_r @ x
    return np.array(
        [math.exp(h[i]) / sum(math.exp(h[j]) for j in range(len(h))) for i in range(len(h))]
    )


row(
    "switch_router_softmax",
    r"p_i(x) = \frac{e^{(W_r x)_i}}{\sum_{j}^{N} e^{(W_r x)_j}}",
    "W_r: matrix[N, d]; x: vector[d]; i, j: index",
    {"W_r": Wr, "x": xr},
    router,
    source="router probabilities of the Switch Transformer, logits h(x) = W_r x (Fedus, Zoph and Shazeer, 2022, Eq. 1)",
)
Xz = rnd(2704, 3, 4, lo=-2.0, hi=2.0)


def z_loss(X):
    B, N = X.shape
    return sum(math.log(sum(math.exp(X[i, j]) for j in range(N))) ** 2 for i in range(B)) / B


row(
    "router_z_loss",
    r"L_z(x) = \frac{1}{B} \sum_{i=1}^{B} \left( \log \sum_{j=1}^{N} e^{x_j^{(i)}} \right)^2",
    "X: matrix[B, N]; x^{(i)}: row[X]; i, j: index",
    {"X": Xz},
    z_loss,
    wrt="X",
    source="router z-loss of ST-MoE (Zoph et al., 2022, Eq. 5), x^(i) the router logits of token i",
)
xg = rnd(2705, 3)
Wg = rnd(2706, 3, 4)
Wn = rnd(2707, 3, 4)
eps = rnd(2708, 4)


def noisy_gate(x, W_g, W_noise, epsilon):
    clean = x @ W_g
    noise = x @ W_noise
    return np.array(
        [clean[i] + epsilon[i] * math.log(1 + math.exp(noise[i])) for i in range(len(clean))]
    )


row(
    "noisy_top_k_logits",
    r"H(x)_i = (x \cdot W_g)_i + \epsilon_i \cdot \text{Softplus}((x \cdot W_{noise})_i)",
    "x: vector[d]; W_g, W_{noise}: matrix[d, n]; epsilon: vector[n]; i: index",
    {"x": xg, "W_g": Wg, "W_noise": Wn, "epsilon": eps},
    noisy_gate,
    source="noisy gating logits before the top-k (Shazeer et al., 2017, Eq. 4), the StandardNormal() draw fixed as epsilon_i, x a row vector",
)
Iv = rnd(2709, 4, lo=0.5, hi=2.0)


def cv_loss(I, w_imp):  # noqa: E741
    n = len(I)
    mean = sum(I[j] for j in range(n)) / n
    var = sum((I[i] - mean) ** 2 for i in range(n)) / n
    return w_imp * var / mean**2


row(
    "importance_cv_loss",
    r"w_{imp} \frac{\frac{1}{n} \sum_{i=1}^{n} \left(I_i - \frac{1}{n} \sum_{j=1}^{n} I_j\right)^2}{\left(\frac{1}{n} \sum_{j=1}^{n} I_j\right)^2}",
    "I: vector[n]; w_{imp}: scalar, positive; i, j: index",
    {"I": Iv, "w_imp": 0.1},
    cv_loss,
    wrt="I",
    source="importance loss w_importance CV(Importance(X))^2 (Shazeer et al., 2017, Eq. 6-7), the squared coefficient of variation written out with the population variance",
    note="I_i = Importance(X)_i, the sum over the batch of the gate values of expert i",
)
kap = rnd(2710, 4, lo=-0.5, hi=0.5)


def load_prob(x, W_g, W_noise, kappa):
    clean = x @ W_g
    noise = x @ W_noise
    return np.array(
        [ndtr((clean[i] - kappa[i]) / math.log(1 + math.exp(noise[i]))) for i in range(len(clean))]
    )


row(
    "noisy_gating_load_probability",
    r"P(x, i) = \Phi\left(\frac{(x \cdot W_g)_i - \kappa_i}{\text{Softplus}((x \cdot W_{noise})_i)}\right)",
    r"x: vector[d]; W_g, W_{noise}: matrix[d, n]; \kappa: vector[n]; i: index",
    {"x": xg, "W_g": Wg, "W_noise": Wn, "kappa": kap},
    load_prob,
    source="probability that expert i stays in the top k under new noise (Shazeer et al., 2017, Eq. 9), kappa_i = kthExcluding(H(x), k, i) given, Phi the standard normal CDF",
)
hv = rnd(2711, 5, lo=-1.5, hi=1.5)
mv = [1.0, 0.0, 0.0, 1.0, 0.0]
row(
    "top_k_renormalized_gates",
    r"g_i = \frac{m_i e^{h_i}}{\sum_{j=1}^{n} m_j e^{h_j}}",
    "h, m: vector[n]; i, j: index",
    {"h": hv, "m": mv},
    lambda h, m: np.array(
        [
            m[i] * math.exp(h[i]) / sum(m[j] * math.exp(h[j]) for j in range(len(h)))
            for i in range(len(h))
        ]
    ),
    source="softmax over the top-k router logits, Softmax(TopK(x W_g)) (Jiang et al., 2024, Mixtral, Sec. 2.1; Shazeer et al., 2017, Eq. 3), m_i = 1 for the k kept experts",
)
Wgo = rnd(2712, 3, 2)
xo = rnd(2713, 2)
Eo = rnd(2714, 3, 4)


def moe_out(W_g, x, E):
    h = W_g @ x
    z = sum(math.exp(h[j]) for j in range(len(h)))
    return sum(math.exp(h[i]) / z * E[i] for i in range(len(h)))


row(
    "moe_softmax_output",
    r"y = \sum_{i=1}^{n} \frac{e^{(W_g x)_i}}{\sum_{j=1}^{n} e^{(W_g x)_j}} e_i",
    "W_g: matrix[n, d]; x: vector[d]; E: matrix[n, m]; e_i: row[E]; i, j: index",
    {"W_g": Wgo, "x": xo, "E": Eo},
    moe_out,
    source="mixture-of-experts output y = sum_i G(x)_i E_i(x) with a softmax gate (Shazeer et al., 2017, Eq. 1-2), e_i = E_i(x) the expert outputs given",
)
Oj = rnd(2715, 3, 2)
dj = rnd(2716, 2)
sj = rnd(2717, 3)


def jacobs(s, d, O):  # noqa: E741
    p = softmax(s)
    return -math.log(
        sum(p[i] * math.exp(-0.5 * float(np.sum((d - O[i]) ** 2))) for i in range(len(s)))
    )


row(
    "adaptive_mixture_loss",
    r"E = -\log \sum_{i=1}^{n} \frac{e^{s_i}}{\sum_{j=1}^{n} e^{s_j}} e^{-\frac{1}{2} \|d - o_i\|^2}",
    "s: vector[n]; d: vector[m]; O: matrix[n, m]; o_i: row[O]; i, j: index",
    {"s": sj, "d": dj, "O": Oj},
    jacobs,
    wrt="s",
    source="error function of adaptive mixtures of local experts with softmax gating (Jacobs, Jordan, Nowlan and Hinton, 1991, Eq. 1.3), o_i the output of expert i, d the target",
)
Gs = np.asarray(simplex(2718, 5, 3))
ce = [2.0, 2.0, 1.0]


def gshard(c, g):
    S, E = g.shape
    return sum(c[e] / S * sum(g[s, e] for s in range(S)) / S for e in range(E)) / E


row(
    "gshard_auxiliary_loss",
    r"\ell_{aux} = \frac{1}{E} \sum_{e=1}^{E} \frac{c_e}{S} \cdot \frac{1}{S} \sum_{s=1}^{S} g_{s,e}",
    "c: vector[E]; g: matrix[S, E]; e, s: index",
    {"c": ce, "g": Gs.tolist()},
    gshard,
    wrt="g",
    source="GShard auxiliary load-balancing loss with m_e = mean_s(g_{s,e}) written in (Lepikhin et al., 2021, Algorithm 1), c_e the tokens routed to expert e",
)
qv = rnd(2719, 4)
kv = rnd(2720, 4)
thr = [1.0, 0.01]  # theta_i = 10000^(-2(i-1)/d) for d = 4


def rot(x, pos, theta):
    out = np.zeros_like(x)
    for i in range(len(theta)):
        c, s = math.cos(pos * theta[i]), math.sin(pos * theta[i])
        out[2 * i] = c * x[2 * i] - s * x[2 * i + 1]
        out[2 * i + 1] = s * x[2 * i] + c * x[2 * i + 1]
    return out


def rope_score(q, k, theta, m, n):
    return float(rot(q, m, theta) @ rot(k, n, theta))


row(
    "rope_relative_score",
    r"\sum_{i=1}^{d/2} \left[ (q_{2i-1} k_{2i-1} + q_{2i} k_{2i}) \cos((m - n)\theta_i) + (q_{2i-1} k_{2i} - q_{2i} k_{2i-1}) \sin((m - n)\theta_i) \right]",
    "q, k: vector[d]; theta: vector[h]; m, n: scalar; i: index",
    {"q": qv, "k": kv, "theta": thr, "m": 3.0, "n": 1.0},
    rope_score,
    wrt="q",
    source="rotary position embedding: (R_m q)^T (R_n k) = q^T R_{n-m} k written per 2D block (Su et al., 2021, RoFormer, Eq. 14-16), reference by rotating q and k",
    note="theta has d/2 entries; m and n the positions of the query and the key",
)
xq = rnd(2721, 4)


def rope_eq34(x, theta, m):
    return rot(x, m, theta)


row(
    "rope_efficient_form",
    r"\begin{pmatrix} x_1 \\ x_2 \\ x_3 \\ x_4 \end{pmatrix} \otimes \begin{pmatrix} \cos m\theta_1 \\ \cos m\theta_1 \\ \cos m\theta_2 \\ \cos m\theta_2 \end{pmatrix} + \begin{pmatrix} -x_2 \\ x_1 \\ -x_4 \\ x_3 \end{pmatrix} \otimes \begin{pmatrix} \sin m\theta_1 \\ \sin m\theta_1 \\ \sin m\theta_2 \\ \sin m\theta_2 \end{pmatrix}",
    "x: vector[4]; theta: vector[2]; m: scalar",
    {"x": xq, "theta": thr, "m": 3.0},
    rope_eq34,
    source="computationally efficient form of R^d_{Theta,m} x (Su et al., 2021, RoFormer, Eq. 34) for d = 4, the circled product entry by entry",
)
xs = rnd(2722, 3)
Ws = rnd(2723, 3, 4)
Vs = rnd(2724, 3, 4)
W2 = rnd(2725, 4, 2)


def swiglu(x, W, V, W_2):
    a = x @ W
    return (a * sigmoid(a) * (x @ V)) @ W_2


row(
    "swiglu_ffn",
    r"\operatorname{FFN}_{\operatorname{SwiGLU}}(x, W, V, W_2) = (\operatorname{Swish}_1(xW) \otimes xV) W_2",
    "x: vector[d]; W, V: matrix[d, h]; W_2: matrix[h, m]",
    {"x": xs, "W": Ws, "V": Vs, "W_2": W2},
    swiglu,
    source="SwiGLU feed-forward layer (Shazeer, 2020, GLU Variants, Sec. 2), Swish_beta(x) = x sigma(beta x), x a row vector, otimes the product entry by entry",
)
Xg = rnd(2726, 3, 2)
Wgl = rnd(2727, 2, 3)
Vgl = rnd(2728, 2, 3)
bgl = rnd(2729, 3)
cgl = rnd(2730, 3)
row(
    "gated_linear_unit",
    r"h(\mathbf{X}) = (\mathbf{X} \mathbf{W} + \mathbf{b}) \otimes \sigma(\mathbf{X} \mathbf{V} + \mathbf{c})",
    "X: matrix[n, d]; W, V: matrix[d, h]; b, c: vector[h]",
    {"X": Xg, "W": Wgl, "V": Vgl, "b": bgl, "c": cgl},
    lambda X, W, V, b, c: (X @ W + b) * sigmoid(X @ V + c),
    source="gated linear unit (Dauphin et al., 2017, Eq. 1) with a dense layer for the convolution, b and c added to every row",
)


def noam(d_model, step_num, warmup_steps):
    return d_model**-0.5 * min(step_num**-0.5, step_num * warmup_steps**-1.5)


row(
    "transformer_learning_rate",
    r"lrate = d_{\text{model}}^{-0.5} \cdot \min(\text{step\_num}^{-0.5}, \text{step\_num} \cdot \text{warmup\_steps}^{-1.5})",
    r"d_{\text{model}}, \text{step\_num}, \text{warmup\_steps}: scalar, positive",
    {"d_model": 512.0, "step_num": 1500.0, "warmup_steps": 4000.0},
    noam,
    wrt=r"\text{step\_num}",
    key="step_num",
    source="learning-rate schedule with linear warm-up and inverse square-root decay (Vaswani et al., 2017, Eq. 3)",
)


def sgdr(eta_min_sup_i, eta_max_sup_i, T_cur, T_i):
    return eta_min_sup_i + 0.5 * (eta_max_sup_i - eta_min_sup_i) * (
        1 + math.cos(T_cur / T_i * math.pi)
    )


row(
    "sgdr_cosine_annealing",
    r"\eta_t = \eta^i_{min} + \frac{1}{2} (\eta^i_{max} - \eta^i_{min}) \left(1 + \cos\left(\frac{T_{cur}}{T_i} \pi\right)\right)",
    r"\eta^i_{min}, \eta^i_{max}, T_{cur}, T_i: scalar, positive",
    {"eta_min_sup_i": 0.001, "eta_max_sup_i": 0.1, "T_cur": 7.0, "T_i": 20.0},
    sgdr,
    wrt="T_{cur}",
    key="T_cur",
    source="cosine annealing within a run of SGDR (Loshchilov and Hutter, 2017, Eq. 5)",
)
zc = rnd(2731, 5, lo=-80.0, hi=80.0)
row(
    "logit_soft_capping",
    r"\text{logits} \leftarrow \text{soft\_cap} \cdot \tanh(\text{logits} / \text{soft\_cap})",
    r"\text{logits}: vector[n]; \text{soft\_cap}: scalar, positive",
    {"logits": zc, "soft_cap": 30.0},
    lambda logits, soft_cap: soft_cap * np.tanh(logits / soft_cap),
    source="logit soft-capping of Gemma 2 (Gemma Team, 2024, Sec. 2)",
)

if __name__ == "__main__":
    A.write()
