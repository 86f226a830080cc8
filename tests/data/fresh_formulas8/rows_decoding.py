"""Sequence decoding and text-generation metrics: the GNMT beam score with its length and coverage
penalties, sampling with temperature, top-k and nucleus truncation written with indicators, the
label-smoothed cross-entropy from logits, perplexity from logits, BLEU as a brevity penalty times
a geometric mean and the corpus-level brevity penalty, ROUGE-L from the LCS length, chrF, the
token-level unlikelihood loss over a candidate set, CTRL's repetition penalty, the contrastive
search score, and the temperature-scaled log-probability (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, softmax

A = Area("decoding")
row = A.row

att = softmax(np.asarray(rnd(8800, 5, 6, lo=-1.5, hi=1.5)) * 1.5, axis=0).round(4)
assert np.min(np.abs(att.sum(1) - 1)) > 0.02


def gnmt_score(P, p, alpha, beta, X, Y):
    X, Y = int(X), int(Y)
    lp = (5 + Y) ** alpha / (5 + 1) ** alpha
    cp = beta * sum(math.log(min(sum(p[i, j] for j in range(Y)), 1.0)) for i in range(X))
    return math.log(P) / lp + cp


row(
    "gnmt_beam_search_score",
    r"s(Y, X) = \frac{\log(P(Y \mid X))}{\frac{(5 + |Y|)^\alpha}{(5 + 1)^\alpha}} + \beta \sum_{i=1}^{|X|} \log\left( \min\left( \sum_{j=1}^{|Y|} p_{i,j}, 1.0 \right) \right)",
    r"P: scalar, unit; p: matrix[X, Y]; X, Y: dim; \alpha, \beta: scalar, positive; i, j: index",
    {"P": 0.012, "p": att.tolist(), "alpha": 0.6, "beta": 0.2, "X": 5, "Y": 6},
    gnmt_score,
    wrt="p",
    source="the score GNMT's beam search ranks hypotheses by, the log-probability divided by the length penalty lp(Y) plus the coverage penalty cp(X; Y), both written out (Wu et al., 2016, Google's Neural Machine Translation System: Bridging the Gap between Human and Machine Translation, arXiv:1609.08144, Sec. 7, Eq. 14)",
    note="P(Y | X) the model's probability of the candidate Y, declared as the number P; |X| and |Y| the source and target lengths; p_{i,j} the attention probability of the j-th target word on the i-th source word; no row sum of p equals 1",
)
u_t = rnd(8801, 6, lo=-2.0, hi=2.0)
row(
    "sampling_with_temperature",
    r"p(x = V_l \mid x_{1:i-1}) = \frac{\exp(u_l / t)}{\sum_{l'} \exp(u_{l'} / t)}",
    "u: vector[V]; t: scalar, positive; l, l': index",
    {"u": u_t, "t": 0.7},
    lambda u, t: np.exp(u / t) / np.sum(np.exp(u / t)),
    source="the next-token distribution reshaped by a temperature t, given the logits u_{1:|V|} (Holtzman, Buys, Du, Forbes and Choi, 2020, The Curious Case of Neural Text Degeneration, ICLR, Sec. 3.3; Ackley, Hinton and Sejnowski, 1985)",
    note="V_l the l-th token of the vocabulary; the value is the vector of the |V| probabilities",
)
p_tk = [0.05, 0.3, 0.12, 0.08, 0.25, 0.2]


def top_k(p, k):
    V = len(p)
    keep = [sum(p[j] > p[i] for j in range(V)) < k for i in range(V)]
    den = sum(p[l] * keep[l] for l in range(V))  # noqa: E741
    return np.array([p[i] * keep[i] / den for i in range(V)])


row(
    "top_k_renormalization",
    r"\tilde{p}_i = \frac{p_i \, \mathbb{1}\left[ \sum_{j=1}^{V} \mathbb{1}[p_j > p_i] < k \right]}{\sum_{l=1}^{V} p_l \, \mathbb{1}\left[ \sum_{j=1}^{V} \mathbb{1}[p_j > p_l] < k \right]}",
    "p: simplex[V]; k: scalar, integer, positive; i, j, l: index",
    {"p": p_tk, "k": 3},
    top_k,
    source="top-k sampling, the next-token distribution restricted to the k most probable tokens V^(k) and renormalized (Fan, Lewis and Dauphin, 2018, Hierarchical Neural Story Generation, ACL, Sec. 5; Holtzman et al., 2020, ICLR, Sec. 3.2)",
    note="x in V^(k) written with indicators: token i is kept when fewer than k tokens are more probable; the value is the vector of renormalized probabilities",
)
P_nu = [0.35, 0.25, 0.15, 0.12, 0.08, 0.05]


def nucleus(P, y, p):
    V = len(P)
    yi = int(y) - 1

    def kept(i):
        return sum(P[j] * (P[j] > P[i]) for j in range(V)) < p

    return float(P[yi] * kept(yi) / sum(P[l] * kept(l) for l in range(V)))  # noqa: E741


row(
    "nucleus_sampling_renormalized",
    r"\tilde{P}_y = \frac{P_y \, \mathbb{1}\left[ \sum_{j=1}^{V} P_j \mathbb{1}[P_j > P_y] < p \right]}{\sum_{l=1}^{V} P_l \, \mathbb{1}\left[ \sum_{j=1}^{V} P_j \mathbb{1}[P_j > P_l] < p \right]}",
    "P: simplex[V]; y: label[V]; p: scalar, unit; j, l: index",
    {"P": P_nu, "y": 2, "p": 0.8},
    nucleus,
    wrt="P",
    source="nucleus (top-p) sampling, the distribution restricted to the smallest set of most probable tokens whose mass reaches p and renormalized by that mass p' (Holtzman, Buys, Du, Forbes and Choi, 2020, The Curious Case of Neural Text Degeneration, ICLR, Sec. 3.1)",
    note="P the next-token distribution P(x | x_{1:i-1}) and p the threshold; the top-p vocabulary V^(p) written with indicators (token l is in it when the tokens more probable than l carry less than p); no partial mass equals p",
)
z_ls = rnd(8802, 5, lo=-2.0, hi=2.0)


def ls_ce(z, y, epsilon, K):
    K = int(K)
    lse = math.log(sum(math.exp(z[i]) for i in range(K)))
    return -(1 - epsilon) * (z[int(y) - 1] - lse) - epsilon / K * sum(z[k] - lse for k in range(K))


row(
    "label_smoothed_cross_entropy_logits",
    r"H(q', p) = -(1 - \epsilon) \log \frac{\exp(z_y)}{\sum_{i=1}^{K} \exp(z_i)} - \frac{\epsilon}{K} \sum_{k=1}^{K} \log \frac{\exp(z_k)}{\sum_{i=1}^{K} \exp(z_i)}",
    r"z: vector[K]; y: label[K]; \epsilon: scalar, unit; K: dim; i, k: index",
    {"z": z_ls, "y": 3, "epsilon": 0.1, "K": 5},
    ls_ce,
    wrt="z",
    source="the cross-entropy with label-smoothing regularization, (1 - epsilon) H(q, p) + epsilon H(u, p) with the uniform u(k) = 1 / K and the softmax p(k) = exp(z_k) / sum_i exp(z_i) written out (Szegedy, Vanhoucke, Ioffe, Shlens and Wojna, 2016, Rethinking the Inception Architecture for Computer Vision, CVPR, Sec. 7)",
    note="y the ground-truth label, counted from 1",
)
Z_pp = np.asarray(rnd(8803, 4, 5, lo=-2.0, hi=2.0))
y_pp = [2, 5, 1, 3]


def ppl_logits(z, y, T):
    T = int(T)
    V = z.shape[1]
    s = sum(
        math.log(math.exp(z[t, int(y[t]) - 1]) / sum(math.exp(z[t, v]) for v in range(V)))
        for t in range(T)
    )
    return math.exp(-s / T)


row(
    "perplexity_from_logits",
    r"\mathrm{PPL} = \exp\left( -\frac{1}{T} \sum_{t=1}^{T} \log \frac{\exp(z_{t, y_t})}{\sum_{v=1}^{V} \exp(z_{t, v})} \right)",
    "z: matrix[T, V]; y: labels[T, V]; T: dim; t, v: index",
    {"z": Z_pp.tolist(), "y": y_pp, "T": 4},
    ppl_logits,
    wrt="z",
    source="the perplexity of a language model on a sequence of T tokens, the exponentiated average negative log-likelihood, with the softmax of the logits written out (Jelinek, Mercer, Bahl and Baker, 1977, Perplexity - a Measure of the Difficulty of Speech Recognition Tasks; Jurafsky and Martin, Speech and Language Processing, 3rd ed. draft, Ch. 3)",
    note="z_{t, v} the logit of token v at position t; y_t the observed token at position t, counted from 1",
)
p_bl = [0.62, 0.41, 0.27, 0.18]
row(
    "bleu_brevity_penalty_geometric_mean",
    r"\mathrm{BLEU} = \min\left( 1, e^{1 - r/c} \right) \left( \prod_{n=1}^{N} p_n \right)^{1/N}",
    "p: vector[N]; r, c: scalar, positive; N: dim; n: index",
    {"p": p_bl, "r": 24.0, "c": 21.0, "N": 4},
    lambda p, r, c, N: min(1.0, math.exp(1 - r / c)) * float(np.prod(p)) ** (1 / N),
    wrt="p",
    source="BLEU with uniform weights w_n = 1 / N, the brevity penalty times the geometric mean of the modified n-gram precisions p_n (Papineni, Roukos, Ward and Zhu, 2002, BLEU: a Method for Automatic Evaluation of Machine Translation, ACL, Sec. 2.3)",
    note="c the candidate length and r the effective reference length; the penalty written as min(1, e^{1 - r/c}), which is 1 for c > r and e^{1 - r/c} otherwise",
)
r_bp = [12.0, 9.0, 15.0, 7.0]
c_bp = [11.0, 9.0, 13.0, 8.0]
row(
    "bleu_corpus_brevity_penalty",
    r"\mathrm{BP} = \exp\left( \min\left( 0, 1 - \frac{\sum_{s} r_s}{\sum_{s} c_s} \right) \right)",
    "r, c: vector[S]; s: index",
    {"r": r_bp, "c": c_bp},
    lambda r, c: math.exp(min(0.0, 1 - float(np.sum(r)) / float(np.sum(c)))),
    wrt="c",
    source="BLEU's brevity penalty computed over the whole test corpus, the total reference length r (best match lengths summed over the sentences) against the total candidate length c (Papineni, Roukos, Ward and Zhu, 2002, ACL, Sec. 2.2.2 and Sec. 2.3)",
    note="r_s and c_s the best-match reference length and the candidate length of sentence s",
)


def lcs_len(a, b):
    L = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            L[i][j] = L[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1] else max(L[i - 1][j], L[i][j - 1])
    return L[-1][-1]


ref_x = "police killed the gunman in the street".split()
cand_y = "the gunman was killed by police".split()
lcs_xy = lcs_len(ref_x, cand_y)


def rouge_l(LCS, m, n, beta):
    R = LCS / m
    P = LCS / n
    return (1 + beta**2) * R * P / (R + beta**2 * P)


row(
    "rouge_l_from_lcs",
    r"F_{lcs} = \frac{(1 + \beta^2) \frac{\mathrm{LCS}(X, Y)}{m} \frac{\mathrm{LCS}(X, Y)}{n}}{\frac{\mathrm{LCS}(X, Y)}{m} + \beta^2 \frac{\mathrm{LCS}(X, Y)}{n}}",
    r"\mathrm{LCS}, m, n, \beta: scalar, positive",
    {"LCS": float(lcs_xy), "m": float(len(ref_x)), "n": float(len(cand_y)), "beta": 1.2},
    rouge_l,
    wrt=r"\beta",
    key="beta",
    source="ROUGE-L, the LCS-based F-measure of a candidate Y of n words against a reference X of m words, with R_lcs = LCS(X, Y) / m and P_lcs = LCS(X, Y) / n written in (Lin, 2004, ROUGE: A Package for Automatic Evaluation of Summaries, Sec. 3.1, Eqs. 2-4)",
    note="LCS(X, Y) the length of a longest common subsequence of X and Y, declared as the number LCS ("
    + f"{lcs_xy} for the reference '{' '.join(ref_x)}' and the candidate '{' '.join(cand_y)}')",
)
row(
    "chrf_score",
    r"\mathrm{chrF}\beta = (1 + \beta^2) \frac{\mathrm{chrP} \cdot \mathrm{chrR}}{\beta^2 \cdot \mathrm{chrP} + \mathrm{chrR}}",
    r"\mathrm{chrP}, \mathrm{chrR}: scalar, unit; \beta: scalar, positive",
    {"chrP": 0.58, "chrR": 0.51, "beta": 3.0},
    lambda chrP, chrR, beta: (1 + beta**2) * chrP * chrR / (beta**2 * chrP + chrR),
    wrt=r"\mathrm{chrR}",
    key="chrR",
    source="the character n-gram F-score, with beta = 3 weighting recall three times as much as precision (Popovic, 2015, chrF: Character n-gram F-score for Automatic MT Evaluation, WMT, Eq. 1)",
    note="chrP and chrR the character n-gram precision and recall averaged over n; beta^2 multiplies chrP in the denominator",
)
p_ul = simplex(8804, 6)
C_ul = [2, 4, 5]


def unlikelihood(p_theta, C_cal_sup_t, x_t, alpha):
    return float(
        -alpha * sum(math.log(1 - p_theta[int(c) - 1]) for c in C_cal_sup_t)
        - math.log(p_theta[int(x_t) - 1])
    )


row(
    "unlikelihood_token_loss",
    r"\mathcal{L}^t_{\mathrm{UL\text{-}token}} = -\alpha \sum_{c \in \mathcal{C}^t} \log\left( 1 - p_\theta(c \mid x_{<t}) \right) - \log p_\theta(x_t \mid x_{<t})",
    r"p_\theta: simplex[V]; \mathcal{C}^t: labels[m, V]; x_t: label[V]; \alpha: scalar, positive",
    {"p_theta": p_ul, "C_cal_sup_t": C_ul, "x_t": 1, "alpha": 1.0},
    unlikelihood,
    wrt=r"p_\theta",
    key="p_theta",
    source="token-level unlikelihood training at step t, pushing down the probability of the negative candidates C^t, the previous context tokens other than the true next token x_t, while keeping the likelihood of x_t (Welleck, Kulikov, Roller, Dinan, Cho and Weston, 2020, Neural Text Generation with Unlikelihood Training, ICLR, Sec. 5.1)",
    note="p_theta(. | x_{<t}) the model's next-token distribution, the vector p_theta; C^t = {x_1, ..., x_{t-1}} minus {x_t}, its distinct tokens given as labels",
)
x_rp = rnd(8805, 6, lo=-1.5, hi=2.5)
g_rp = [2, 5]


def ctrl(x, T, g, i, theta):
    V = len(x)

    def I(j):  # noqa: E743
        return theta if (j + 1) in [int(v) for v in g] else 1.0

    return float(
        math.exp(x[int(i) - 1] / (T * I(int(i) - 1)))
        / sum(math.exp(x[j] / (T * I(j))) for j in range(V))
    )


row(
    "ctrl_repetition_penalty",
    r"p_i = \frac{\exp\left( x_i / (T \cdot I(i \in g)) \right)}{\sum_j \exp\left( x_j / (T \cdot I(j \in g)) \right)}",
    r"x: vector[V]; T, \theta: scalar, positive; g: labels[G, V]; i: label[V]; j: index",
    {"x": x_rp, "T": 0.7, "g": g_rp, "i": 4, "theta": 1.2},
    ctrl,
    wrt="x",
    source="CTRL's penalized sampling, a temperature-scaled softmax whose temperature is multiplied by theta for the tokens already generated (Keskar, McCann, Varshney, Xiong and Socher, 2019, CTRL: A Conditional Transformer Language Model for Controllable Generation, arXiv:1909.05858, Sec. 4.1)",
    note="I(c) = theta if c is true and 1 otherwise, as the paper defines it; g the list of generated tokens, given as labels; x the logits; the value is the probability of token i",
)
h_v = rnd(8806, 4, lo=-1.0, hi=1.0)
H_cs = np.asarray(rnd(8807, 3, 4, lo=-1.0, hi=1.0))


def contrastive(p_theta, h_v, H, alpha):
    sims = [h_v @ H[j] / (np.linalg.norm(h_v) * np.linalg.norm(H[j])) for j in range(len(H))]
    return float((1 - alpha) * p_theta - alpha * max(sims))


row(
    "contrastive_search_score",
    r"(1 - \alpha) \times p_\theta(v \mid x_{<t}) - \alpha \times \left( \max\{ s(h_v, h_{x_j}) : 1 \le j \le t - 1 \} \right)",
    r"p_\theta: scalar, unit; h_v: vector[d]; H: matrix[m, d]; h_{x_j}: row[H]; \alpha: scalar, unit",
    {"p_theta": 0.3, "h_v": h_v, "H": H_cs.tolist(), "alpha": 0.6},
    contrastive,
    wrt="h_v",
    source="the score contrastive search maximizes over the top-k candidates v, model confidence minus the degeneration penalty, the largest similarity of v's representation to those of the previous tokens (Su, Lan, Wang, Yogatama, Kong and Collier, 2022, A Contrastive Framework for Neural Text Generation, NeurIPS, Sec. 4)",
    note="s(., .) the cosine similarity; h_{x_j} the representation of the j-th previous token, the rows of H (m = t - 1 of them); p_theta(v | x_{<t}) the candidate's probability, declared as the number p_theta; the largest similarity is unique",
)
z_tl = rnd(8808, 6, lo=-2.0, hi=2.0)
row(
    "temperature_scaled_log_probability",
    r"\log q_y = \frac{z_y}{T} - \log \sum_{j=1}^{V} \exp\left( \frac{z_j}{T} \right)",
    "z: vector[V]; y: label[V]; T: scalar, positive; j: index",
    {"z": z_tl, "y": 4, "T": 1.5},
    lambda z, y, T: z[int(y) - 1] / T - math.log(sum(math.exp(z[j] / T) for j in range(len(z)))),
    wrt="T",
    source="the log of the softmax with temperature T, q_i = exp(z_i / T) / sum_j exp(z_j / T), at the label y (Hinton, Vinyals and Dean, 2015, Distilling the Knowledge in a Neural Network, Sec. 2; Guo, Pleiss, Sun and Weinberger, 2017, for tuning T on held-out data)",
)

if __name__ == "__main__":
    A.write()
