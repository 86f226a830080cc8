"""Sequence generation and NLP evaluation: perplexity, BLEU, ROUGE, METEOR, CIDEr, beam-search
penalties and sequence-level training objectives (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("nlp")
row = A.row

pt = rnd(2100, 6, lo=0.05, hi=0.9)  # model probabilities of the observed tokens

row(
    "perplexity_nth_root",
    r"PP(W) = \sqrt[N]{\prod_{i=1}^{N} \frac{1}{p_i}}",
    "p: vector[N]; i: index",
    {"p": pt},
    lambda p: math.prod(1 / v for v in p) ** (1 / len(p)),
    wrt="p",
    source="perplexity of a test sequence as the N-th root of the inverse probability (Jurafsky and Martin, Speech and Language Processing, 3rd ed. draft, Ch. 3, perplexity)",
    note="p_i = P(w_i | w_1 ... w_{i-1}), the model's probability of the i-th word",
)
row(
    "perplexity_exp",
    r"\mathrm{PPL} = \exp\left(-\frac{1}{N} \sum_{i=1}^{N} \log p_i\right)",
    "p: vector[N]; i: index",
    {"p": pt},
    lambda p: math.exp(-sum(math.log(v) for v in p) / len(p)),
    wrt="p",
    source="perplexity as the exponentiated average negative log-likelihood per token (Jurafsky and Martin, 3rd ed. draft, Ch. 3, perplexity; as reported for RNN language models, Mikolov et al., 2010)",
)
row(
    "perplexity_base_two",
    r"2^{-\frac{1}{N} \sum_{i=1}^{N} \log_2 p_i}",
    "p: vector[N]; i: index",
    {"p": pt},
    lambda p: 2 ** (-sum(math.log2(v) for v in p) / len(p)),
    source="perplexity as two to the per-word cross-entropy in bits (Jurafsky and Martin, 3rd ed. draft, Ch. 3, perplexity and cross-entropy)",
)
row(
    "bits_per_character",
    r"\mathrm{bpc} = -\frac{1}{T} \sum_{t=1}^{T} \log_2 p_t",
    "p: vector[T]; t: index",
    {"p": pt},
    lambda p: -sum(math.log2(v) for v in p) / len(p),
    wrt="p",
    source="bits per character of a character-level language model (Graves, 2013, Sec. 3), p_t the probability of the t-th character",
)


def brevity_penalty(c, r):
    return 1.0 if c > r else math.exp(1 - r / c)


row(
    "bleu_brevity_penalty",
    r"\mathrm{BP} = \begin{cases} 1 & \text{if } c > r \\ e^{(1 - r/c)} & \text{if } c \le r \end{cases}",
    "c, r: scalar, positive",
    {"c": 17.0, "r": 20.0},
    brevity_penalty,
    source="BLEU brevity penalty (Papineni et al., 2002, Sec. 2.3), c the candidate length, r the effective reference length",
)
pn = [0.72, 0.48, 0.31, 0.2]
wn = [0.25, 0.25, 0.25, 0.25]
row(
    "bleu_score",
    r"\mathrm{BLEU} = \mathrm{BP} \cdot \exp\left(\sum_{n=1}^{N} w_n \log p_n\right)",
    r"\mathrm{BP}: scalar, unit; w, p: vector[N]; n: index",
    {"BP": 0.8607, "w": wn, "p": pn},
    lambda BP, w, p: BP * math.exp(sum(w[n] * math.log(p[n]) for n in range(len(p)))),
    wrt="p",
    source="BLEU score (Papineni et al., 2002, Sec. 2.3), p_n the modified n-gram precisions, w_n positive weights",
)


def log_bleu(r, c, w, p):
    return min(1 - r / c, 0.0) + sum(w[n] * math.log(p[n]) for n in range(len(p)))


row(
    "bleu_log_domain",
    r"\log \mathrm{BLEU} = \min\left(1 - \frac{r}{c}, 0\right) + \sum_{n=1}^{N} w_n \log p_n",
    "r, c: scalar, positive; w, p: vector[N]; n: index",
    {"r": 20.0, "c": 17.0, "w": wn, "p": pn},
    log_bleu,
    wrt="p",
    source="BLEU in the log domain (Papineni et al., 2002, Sec. 2.3)",
)
cand = [2.0, 1.0, 3.0, 1.0, 2.0]  # counts of each n-gram in the candidate
refmax = [1.0, 1.0, 2.0, 0.0, 2.0]
row(
    "bleu_clipped_precision",
    r"p_n = \frac{\sum_{k=1}^{K} \min(c_k, m_k)}{\sum_{k=1}^{K} c_k}",
    "c, m: vector[K]; k: index",
    {"c": cand, "m": refmax},
    lambda c, m: sum(min(c[k], m[k]) for k in range(len(c))) / sum(c),
    source="modified n-gram precision with counts clipped to the maximum reference count (Papineni et al., 2002, Sec. 2.1), k over the distinct n-grams of the candidate",
)
Rref = np.array([[1.0, 0.0, 2.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0, 2.0], [1.0, 1.0, 0.0, 0.0, 0.0]])


def clipped_max(c, R):
    J, K = R.shape
    return sum(min(c[k], max(R[j, k] for j in range(J))) for k in range(K)) / sum(c)


row(
    "bleu_clip_max_reference",
    r"p_n = \frac{\sum_{k=1}^{K} \min\left(c_k, \max_{j} R_{jk}\right)}{\sum_{k=1}^{K} c_k}",
    "c: vector[K]; R: matrix[J, K]; j, k: index",
    {"c": cand, "R": Rref.tolist()},
    clipped_max,
    source="modified n-gram precision, Count_clip = min(Count, Max_Ref_Count) (Papineni et al., 2002, Sec. 2.1), R_jk the count of n-gram k in reference j",
)


def rouge_n(c, R):
    J, K = R.shape
    num = sum(min(c[k], R[j, k]) for j in range(J) for k in range(K))
    return num / sum(R[j, k] for j in range(J) for k in range(K))


row(
    "rouge_n",
    r"\mathrm{ROUGE\text{-}N} = \frac{\sum_{j=1}^{J} \sum_{k=1}^{K} \min(c_k, R_{jk})}{\sum_{j=1}^{J} \sum_{k=1}^{K} R_{jk}}",
    "c: vector[K]; R: matrix[J, K]; j, k: index",
    {"c": cand, "R": Rref.tolist()},
    rouge_n,
    source="ROUGE-N recall over reference summaries (Lin, 2004, Eq. 1), Count_match = min of the candidate and reference counts",
)


def rouge_l(P_lcs, R_lcs, beta):
    return (1 + beta**2) * R_lcs * P_lcs / (R_lcs + beta**2 * P_lcs)


row(
    "rouge_l_f",
    r"F_{lcs} = \frac{(1 + \beta^2) R_{lcs} P_{lcs}}{R_{lcs} + \beta^2 P_{lcs}}",
    "P_{lcs}, R_{lcs}: scalar, unit; beta: scalar, positive",
    {"P_lcs": 0.6, "R_lcs": 0.45, "beta": 1.2},
    rouge_l,
    wrt="P_{lcs}",
    key="P_lcs",
    source="ROUGE-L F-measure from the LCS-based recall and precision (Lin, 2004, Eq. 4)",
)


def meteor(P, R, ch, u_m):
    return 10 * P * R / (R + 9 * P) * (1 - 0.5 * (ch / u_m) ** 3)


row(
    "meteor_score",
    r"\mathrm{Score} = \frac{10 P R}{R + 9 P} \left(1 - 0.5 \left(\frac{ch}{u_m}\right)^{3}\right)",
    "P, R: scalar, unit; ch, u_m: scalar, positive",
    {"P": 0.7, "R": 0.6, "ch": 3.0, "u_m": 9.0},
    meteor,
    wrt="P",
    source="METEOR score, Fmean times one minus the fragmentation penalty (Banerjee and Lavie, 2005, Sec. 2)",
    note="ch the number of chunks, u_m the number of matched unigrams",
)


def lp(Y, alpha):
    return (5 + abs(Y)) ** alpha / (5 + 1) ** alpha


row(
    "gnmt_length_penalty",
    r"lp(Y) = \frac{(5 + |Y|)^{\alpha}}{(5 + 1)^{\alpha}}",
    "Y: scalar, positive; alpha: scalar, positive",
    {"Y": 12.0, "alpha": 0.6},
    lp,
    wrt="alpha",
    source="length penalty of beam search in GNMT (Wu et al., 2016, Eq. 14), |Y| the length of the hypothesis",
)
patt = np.asarray(rnd(2101, 4, 5, lo=0.0, hi=0.5))


def coverage(p, beta):
    X, Y = p.shape
    return beta * sum(math.log(min(sum(p[i, j] for j in range(Y)), 1.0)) for i in range(X))


row(
    "gnmt_coverage_penalty",
    r"cp(X; Y) = \beta \sum_{i=1}^{|X|} \log\left(\min\left(\sum_{j=1}^{|Y|} p_{i,j}, 1.0\right)\right)",
    "X, Y: dim; p: matrix[X, Y]; beta: scalar, positive; i, j: index",
    {"p": patt.tolist(), "beta": 0.2},
    coverage,
    wrt="p",
    source="coverage penalty of beam search in GNMT (Wu et al., 2016, Eq. 14), p_ij the attention of target word j on source word i",
)
plen = rnd(2102, 5, lo=0.1, hi=0.95)


def gnmt_score(p, alpha):
    Y = len(p)
    return sum(math.log(p[t]) for t in range(Y)) / ((5 + Y) ** alpha / (5 + 1) ** alpha)


row(
    "gnmt_normalized_score",
    r"s(Y, X) = \frac{\sum_{t=1}^{|Y|} \log p_t}{(5 + |Y|)^{\alpha} / (5 + 1)^{\alpha}}",
    "Y: dim; p: vector[Y]; alpha: scalar, positive; t: index",
    {"p": plen, "alpha": 0.6},
    gnmt_score,
    wrt="p",
    source="beam-search score log P(Y | X) / lp(Y) of GNMT (Wu et al., 2016, Eq. 14), without coverage",
    note="p_t the probability of the t-th target token given the earlier ones",
)
pm = rnd(2103, 5, lo=0.05, hi=0.6)
costs = rnd(2104, 5, lo=0.0, hi=1.0)


def mrt(p, Delta, alpha):
    K = len(p)
    z = sum(p[j] ** alpha for j in range(K))
    return sum(p[k] ** alpha / z * Delta[k] for k in range(K))


row(
    "minimum_risk_training",
    r"\mathcal{R}(\theta) = \sum_{k=1}^{K} \frac{p_k^{\alpha}}{\sum_{j=1}^{K} p_j^{\alpha}} \Delta_k",
    r"p, \Delta: vector[K]; alpha: scalar, positive; j, k: index",
    {"p": pm, "Delta": costs, "alpha": 0.005},
    mrt,
    wrt="p",
    source="minimum risk training objective over a sampled subspace of K candidates (Shen et al., 2016, Sec. 3), p_k = P(y_k | x) and Delta_k = Delta(y_k, y)",
)


def inverse_sigmoid(i, k):
    return k / (k + math.exp(i / k))


row(
    "scheduled_sampling_inverse_sigmoid",
    r"\epsilon_i = \frac{k}{k + \exp(i / k)}",
    "i: scalar, nonnegative; k: scalar, positive",
    {"i": 20.0, "k": 8.0},
    inverse_sigmoid,
    wrt="k",
    source="inverse sigmoid decay of scheduled sampling (Bengio et al., 2015, Sec. 2.4), i the training step",
)
row(
    "scheduled_sampling_linear",
    r"\epsilon_i = \max(\epsilon, k - c i)",
    "i: scalar, nonnegative; epsilon, k, c: scalar, positive",
    {"i": 30.0, "epsilon": 0.1, "k": 1.0, "c": 0.02},
    lambda i, epsilon, k, c: max(epsilon, k - c * i),
    wrt="c",
    source="linear decay of scheduled sampling (Bengio et al., 2015, Sec. 2.4)",
)
pv = np.asarray(rnd(2105, 6, lo=0.2, hi=1.0))
pv = (pv / pv.sum()).tolist()
mask = [0.0, 1.0, 0.0, 1.0, 1.0, 0.0]


def unlikelihood(p, m, y, alpha):
    V = len(p)
    return -alpha * sum(m[v] * math.log(1 - p[v]) for v in range(V)) - math.log(p[int(y) - 1])


row(
    "unlikelihood_token",
    r"\mathcal{L}^{t}_{\text{UL-token}} = -\alpha \sum_{v=1}^{V} m_v \log\left(1 - p_v\right) - \log p_{y}",
    "p: simplex[V]; m: vector[V]; y: label[V]; alpha: scalar, positive; v: index",
    {"p": pv, "m": mask, "y": 3, "alpha": 1.0},
    unlikelihood,
    wrt="p",
    source="token-level unlikelihood objective (Welleck et al., 2020, Sec. 5.1), the negative candidates C^t written as the indicator m_v, y the true next token",
)
row(
    "word_error_rate",
    r"\mathrm{WER} = \frac{S + D + I}{N}",
    "S, D, I: scalar, nonnegative; N: scalar, positive",
    {"S": 3.0, "D": 1.0, "I": 2.0, "N": 25.0},
    lambda S, D, I, N: (S + D + I) / N,  # noqa: E741
    source="word error rate from substitutions, deletions and insertions over N reference words (Jurafsky and Martin, Speech and Language Processing, 3rd ed. draft, the ASR chapter's evaluation section)",
)
hcnt = [2.0, 1.0, 0.0, 3.0]
Hdocs = np.array([[1.0, 0.0, 2.0, 1.0], [0.0, 0.0, 1.0, 2.0], [3.0, 1.0, 0.0, 0.0]])


def cider_tfidf(h, H):
    M, L = H.shape
    total = sum(h[l] for l in range(L))  # noqa: E741
    return np.array(
        [h[k] / total * math.log(M / sum(min(1.0, H[p, k]) for p in range(M))) for k in range(L)]
    )


row(
    "cider_tf_idf",
    r"g_k = \frac{h_k}{\sum_{l=1}^{L} h_l} \log\left(\frac{M}{\sum_{p=1}^{M} \min\left(1, H_{pk}\right)}\right)",
    "h: vector[L]; H: matrix[M, L]; k, l, p: index",
    {"h": hcnt, "H": Hdocs.tolist()},
    cider_tfidf,
    source="TF-IDF weight of n-gram k in CIDEr (Vedantam, Zitnick and Parikh, 2015, Eq. 1), H_pk the count of n-gram k in the references of image p",
)
gc = rnd(2106, 4, lo=0.0, hi=1.0)
Gref = rnd(2107, 3, 4, lo=0.0, hi=1.0)


def cider_n(g_c, G):
    g = g_c
    m = len(G)
    return sum(float(g @ G[j]) / (np.linalg.norm(g) * np.linalg.norm(G[j])) for j in range(m)) / m


row(
    "cider_n",
    r"\mathrm{CIDEr}_n(c, S) = \frac{1}{m} \sum_{j=1}^{m} \frac{\mathbf{g}_c \cdot \mathbf{g}_j}{\|\mathbf{g}_c\| \|\mathbf{g}_j\|}",
    "g_c: vector[L]; G: matrix[m, L]; g_j: row[G]; j: index",
    {"g_c": gc, "G": Gref},
    cider_n,
    wrt="g_c",
    source="CIDEr_n of a candidate against m references (Vedantam, Zitnick and Parikh, 2015, Eq. 2)",
    note="g_c = g^n(c) the TF-IDF vector of the candidate, g_j = g^n(s_j) that of reference j",
)

if __name__ == "__main__":
    A.write()
