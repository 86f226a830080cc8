"""Topic models and text representations: tf-idf weights, pointwise mutual information in its
count, positive and normalized forms, the pLSA likelihood, the terms and updates of LDA's
variational bound, the perplexity of a mixture of unigrams, skip-gram with negative sampling,
GloVe and fastText's subword score (NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex
from scipy.special import digamma, gammaln

A = Area("topics")
row = A.row

row(
    "tf_idf",
    r"\mathrm{tf\text{-}idf}_{t,d} = \mathrm{tf}_{t,d} \times \log \frac{N}{\mathrm{df}_t}",
    r"\mathrm{tf}_{t,d}, \mathrm{df}_t, N: scalar, positive",
    {"tf_t_d": 4.0, "df_t": 12.0, "N": 800.0},
    lambda tf_t_d, df_t, N: tf_t_d * math.log(N / df_t),
    wrt=r"\mathrm{df}_t",
    key="df_t",
    source="tf-idf weight of term t in document d, idf_t = log(N / df_t) (Manning, Raghavan and Schutze, Introduction to Information Retrieval, 2008, Eqs. 6.7 and 6.8)",
    note="log is the natural logarithm here (the book's examples use base 10)",
)
tf_m = [[3.0, 0.0, 1.0, 2.0], [0.0, 2.0, 4.0, 1.0]]
n_m = [2.0, 5.0, 9.0, 3.0]
row(
    "tf_idf_matrix",
    r"w_{ik} = tf_{ik} \cdot \log \frac{N}{n_k}",
    "tf: matrix[D, V]; n: vector[V]; N: scalar, positive; i, k: index",
    {"tf": tf_m, "n": n_m, "N": 40.0},
    lambda tf, n, N: np.array(
        [[tf[i, k] * math.log(N / n[k]) for k in range(tf.shape[1])] for i in range(tf.shape[0])]
    ),
    source="term weights of the vector space model, term frequency times inverse document frequency (Salton and Buckley, 1988, Term-Weighting Approaches in Automatic Text Retrieval, Table 1)",
    note="tf_ik the count of term k in document i, n_k the documents holding term k, N documents",
)


def wf(tf_t_d):
    return 1 + math.log(tf_t_d) if tf_t_d > 0 else 0.0


row(
    "sublinear_tf",
    r"\mathrm{wf}_{t,d} = \begin{cases} 1 + \log \mathrm{tf}_{t,d} & \text{if } \mathrm{tf}_{t,d} > 0 \\ 0 & \text{otherwise} \end{cases}",
    r"\mathrm{tf}_{t,d}: scalar, nonnegative",
    {"tf_t_d": 6.0},
    wf,
    wrt=r"\mathrm{tf}_{t,d}",
    key="tf_t_d",
    source="sublinear (logarithmic) term frequency scaling (Manning, Raghavan and Schutze, 2008, Eq. 6.13)",
)
row(
    "ppmi",
    r"\mathrm{PPMI}_{ij} = \max\left(\log_2 \frac{p_{ij}}{p_{i*} p_{*j}}, 0\right)",
    r"p_{ij}, p_{i*}, p_{*j}: scalar, unit",
    {"p_ij": 0.04, "p_i_star": 0.1, "p_star_j": 0.2},
    lambda p_ij, p_i_star, p_star_j: max(math.log2(p_ij / (p_i_star * p_star_j)), 0.0),
    wrt="p_{ij}",
    key="p_ij",
    source="positive pointwise mutual information of word i and context j (Jurafsky and Martin, Speech and Language Processing, 3rd ed. draft, Ch. 6, Eqs. 6.19-6.21; Church and Hanks, 1990)",
    note="p_i* and p_*j the marginal probabilities of the word and the context",
)
F_pmi = [[8.0, 2.0, 1.0], [1.0, 5.0, 3.0]]


def pmi_counts(F):
    W, C = F.shape
    tot = F.sum()
    return np.array(
        [
            [math.log(F[w, c] * tot / (F[w, :].sum() * F[:, c].sum())) for c in range(C)]
            for w in range(W)
        ]
    )


row(
    "pmi_counts",
    r"\mathrm{PMI}(w, c) = \log \frac{F_{wc} \sum_{w'=1}^{W} \sum_{c'=1}^{C} F_{w'c'}}{\sum_{c'=1}^{C} F_{wc'} \sum_{w'=1}^{W} F_{w'c}}",
    "F: matrix[W, C]; w, c, w', c': index",
    {"F": F_pmi},
    pmi_counts,
    source="PMI of word w and context c from co-occurrence counts, log(#(w, c) |D| / (#(w) #(c))) (Levy and Goldberg, 2014, Neural Word Embedding as Implicit Matrix Factorization, Sec. 2)",
    note="F_wc = #(w, c) the co-occurrence counts; the sums are |D|, #(w) and #(c)",
)
row(
    "npmi",
    r"\frac{\log \frac{p_{xy}}{p_x p_y}}{-\log p_{xy}}",
    "p_{xy}, p_x, p_y: scalar, unit",
    {"p_xy": 0.03, "p_x": 0.1, "p_y": 0.12},
    lambda p_xy, p_x, p_y: math.log(p_xy / (p_x * p_y)) / -math.log(p_xy),
    wrt="p_{xy}",
    key="p_xy",
    source="normalized pointwise mutual information in [-1, 1] (Bouma, 2009, Normalized (Pointwise) Mutual Information in Collocation Extraction, Sec. 2.2), the C_NPMI topic coherence's pair score (Roder, Both and Hinneburg, 2015)",
    note="p_xy = p(x, y), p_x = p(x), p_y = p(y)",
)
n_pl = [[3.0, 0.0, 2.0, 1.0], [1.0, 4.0, 0.0, 2.0], [0.0, 2.0, 3.0, 1.0]]
th_pl = np.asarray(simplex(3500, 3, 2))
be_pl = np.asarray(simplex(3501, 2, 4))


def plsa(n, theta, beta):
    D, W = n.shape
    K = theta.shape[1]
    return sum(
        n[d, w] * math.log(sum(theta[d, k] * beta[k, w] for k in range(K)))
        for d in range(D)
        for w in range(W)
    )


row(
    "plsa_log_likelihood",
    r"\mathcal{L} = \sum_{d=1}^{D} \sum_{w=1}^{W} n(d, w) \log \sum_{k=1}^{K} \theta_{dk} \beta_{kw}",
    r"n: matrix[D, W]; \theta: matrix[D, K]; \beta: matrix[K, W]; d, w, k: index",
    {"n": n_pl, "theta": th_pl.tolist(), "beta": be_pl.tolist()},
    plsa,
    wrt=r"\beta",
    key="beta",
    source="log-likelihood of probabilistic latent semantic analysis given the documents, sum n(d, w) log sum_z P(w | z) P(z | d) (Hofmann, 1999, Probabilistic Latent Semantic Analysis, Sec. 3)",
    note="theta_dk = P(z = k | d) and beta_kw = P(w | z = k), as LDA papers write them; n(d, w) the count of word w in document d",
)
al_lda = [0.5, 0.8, 0.3]
ga_lda = [2.1, 4.3, 1.6]
ph_lda = np.asarray(simplex(3502, 4, 3))


def lda_prior(alpha, gamma):
    k = len(alpha)
    dg = digamma(sum(gamma))
    return (
        gammaln(sum(alpha))
        - sum(gammaln(alpha[i]) for i in range(k))
        + sum((alpha[i] - 1) * (digamma(gamma[i]) - dg) for i in range(k))
    )


LDA = "Blei, Ng and Jordan, 2003, Latent Dirichlet Allocation"
PSI = "Psi is the digamma function"
row(
    "lda_elbo_theta_prior",
    r"\log \Gamma\left(\sum_{j=1}^{k} \alpha_j\right) - \sum_{i=1}^{k} \log \Gamma(\alpha_i) + \sum_{i=1}^{k} (\alpha_i - 1)\left(\Psi(\gamma_i) - \Psi\left(\sum_{j=1}^{k} \gamma_j\right)\right)",
    r"\alpha, \gamma: vector[k]; i, j: index",
    {"alpha": al_lda, "gamma": ga_lda},
    lda_prior,
    wrt=r"\gamma",
    key="gamma",
    source=f"E_q[log p(theta | alpha)], the first line of LDA's variational bound ({LDA}, Eq. 15)",
    note=PSI,
)


def lda_z(phi, gamma):
    N, k = phi.shape
    dg = digamma(sum(gamma))
    return sum(phi[n, i] * (digamma(gamma[i]) - dg) for n in range(N) for i in range(k))


row(
    "lda_elbo_topic_assignments",
    r"\sum_{n=1}^{N} \sum_{i=1}^{k} \phi_{ni} \left(\Psi(\gamma_i) - \Psi\left(\sum_{j=1}^{k} \gamma_j\right)\right)",
    r"\phi: matrix[N, k]; \gamma: vector[k]; n, i, j: index",
    {"phi": ph_lda.tolist(), "gamma": ga_lda},
    lda_z,
    wrt=r"\phi",
    key="phi",
    source=f"E_q[log p(z | theta)], the second line of LDA's variational bound ({LDA}, Eq. 15)",
    note=PSI,
)
w_oh = np.zeros((4, 5))
for n_, j_ in enumerate([2, 0, 4, 2]):
    w_oh[n_, j_] = 1.0
be_lda = np.asarray(simplex(3503, 3, 5))


def lda_words(phi, w, beta):
    N, k = phi.shape
    V = w.shape[1]
    return sum(
        phi[n, i] * w[n, j] * math.log(beta[i, j])
        for n in range(N)
        for i in range(k)
        for j in range(V)
    )


row(
    "lda_elbo_words",
    r"\sum_{n=1}^{N} \sum_{i=1}^{k} \sum_{j=1}^{V} \phi_{ni} w_n^j \log \beta_{ij}",
    r"\phi: matrix[N, k]; w: matrix[N, V]; \beta: matrix[k, V]; n, i, j: index",
    {"phi": ph_lda.tolist(), "w": w_oh.tolist(), "beta": be_lda.tolist()},
    lda_words,
    wrt=r"\beta",
    key="beta",
    source=f"E_q[log p(w | z, beta)], the third line of LDA's variational bound ({LDA}, Eq. 15)",
    note="w_n^j = 1 when the n-th word is vocabulary term j (one-hot rows), the entry (n, j) of w: a superscript index the table cannot declare",
)


def lda_entropy(gamma, phi):
    k = len(gamma)
    N = phi.shape[0]
    dg = digamma(sum(gamma))
    return (
        -gammaln(sum(gamma))
        + sum(gammaln(gamma[i]) for i in range(k))
        - sum((gamma[i] - 1) * (digamma(gamma[i]) - dg) for i in range(k))
        - sum(phi[n, i] * math.log(phi[n, i]) for n in range(N) for i in range(k))
    )


row(
    "lda_elbo_entropy",
    r"-\log \Gamma\left(\sum_{j=1}^{k} \gamma_j\right) + \sum_{i=1}^{k} \log \Gamma(\gamma_i) - \sum_{i=1}^{k} (\gamma_i - 1)\left(\Psi(\gamma_i) - \Psi\left(\sum_{j=1}^{k} \gamma_j\right)\right) - \sum_{n=1}^{N} \sum_{i=1}^{k} \phi_{ni} \log \phi_{ni}",
    r"\gamma: vector[k]; \phi: matrix[N, k]; n, i, j: index",
    {"gamma": ga_lda, "phi": ph_lda.tolist()},
    lda_entropy,
    wrt=r"\gamma",
    key="gamma",
    source=f"the entropy of the variational distribution, the last two lines of LDA's bound ({LDA}, Eq. 15)",
    note=PSI,
)
row(
    "lda_gamma_update",
    r"\gamma_i = \alpha_i + \sum_{n=1}^{N} \phi_{ni}",
    r"\alpha: vector[k]; \phi: matrix[N, k]; i, n: index",
    {"alpha": al_lda, "phi": ph_lda.tolist()},
    lambda alpha, phi: np.array(
        [alpha[i] + sum(phi[n, i] for n in range(phi.shape[0])) for i in range(len(alpha))]
    ),
    source=f"variational Dirichlet update of LDA ({LDA}, Eq. 7)",
)
w_lab = [3, 1, 5, 3]


def lda_phi(beta, w, gamma):
    k = len(gamma)
    out = []
    for n in range(len(w)):
        v = int(w[n]) - 1
        den = sum(beta[j, v] * math.exp(digamma(gamma[j])) for j in range(k))
        out.append([beta[i, v] * math.exp(digamma(gamma[i])) / den for i in range(k)])
    return np.array(out)


row(
    "lda_phi_update",
    r"\phi_{ni} = \frac{\beta_{i w_n} \exp(\Psi(\gamma_i))}{\sum_{j=1}^{k} \beta_{j w_n} \exp(\Psi(\gamma_j))}",
    r"\beta: matrix[k, V]; w: labels[N, V]; \gamma: vector[k]; n, i, j: index",
    {"beta": be_lda.tolist(), "w": w_lab, "gamma": ga_lda},
    lda_phi,
    source=f"variational multinomial update phi_ni proportional to beta_{{i w_n}} exp(Psi(gamma_i)), normalized over i ({LDA}, Eq. 6)",
    note="w_n the vocabulary index of the n-th word, counted from 1; the common factor exp(-Psi(sum_j gamma_j)) cancels in the normalization; "
    + PSI,
)
n_mu = [[2.0, 0.0, 1.0, 1.0], [0.0, 3.0, 1.0, 0.0], [1.0, 1.0, 0.0, 2.0]]
pi_mu = simplex(3504, 2)
be_mu = np.asarray(simplex(3505, 2, 4))


def mixture_perplexity(n, pi, beta):
    M, V = n.shape
    K = len(pi)
    ll = sum(
        math.log(sum(pi[z] * math.prod(beta[z, w] ** n[d, w] for w in range(V)) for z in range(K)))
        for d in range(M)
    )
    return math.exp(-ll / n.sum())


row(
    "unigram_mixture_perplexity",
    r"\exp\left\{ -\frac{\sum_{d=1}^{M} \log \sum_{z=1}^{K} \pi_z \prod_{w=1}^{V} \beta_{zw}^{n_{dw}}}{\sum_{d=1}^{M} \sum_{w=1}^{V} n_{dw}} \right\}",
    r"n: matrix[M, V]; \pi: simplex[K]; \beta: matrix[K, V]; d, z, w: index",
    {"n": n_mu, "pi": pi_mu, "beta": be_mu.tolist()},
    mixture_perplexity,
    wrt=r"\pi",
    key="pi",
    source=f"perplexity exp(-sum_d log p(w_d) / sum_d N_d) ({LDA}, Sec. 7.1) of the mixture of unigrams p(w) = sum_z p(z) prod_n p(w_n | z) (Sec. 4.2)",
    note="n_dw the count of word w in document d, so the product over the vocabulary with the counts as powers is the product over the document's tokens",
)
vI = rnd(3506, 3)
vO = rnd(3507, 3)
Nneg = rnd(3508, 2, 3)


def sgns(v_w_I, v_prime_w_O, N):
    def logsig(t):
        return -math.log(1 + math.exp(-t))

    return logsig(float(v_prime_w_O @ v_w_I)) + sum(
        logsig(-float(N[i] @ v_w_I)) for i in range(len(N))
    )


row(
    "skipgram_negative_sampling",
    r"\log \sigma\left({v'_{w_O}}^\top v_{w_I}\right) + \sum_{i=1}^{k} \log \sigma\left(-{v'_{w_i}}^\top v_{w_I}\right)",
    r"v_{w_I}, v'_{w_O}: vector[d]; N: matrix[k, d]; i: index",
    {"v_w_I": vI, "v_prime_w_O": vO, "N": Nneg},
    sgns,
    wrt=r"v_{w_I}",
    key="v_w_I",
    source="negative-sampling objective of the skip-gram model (Mikolov et al., 2013, Distributed Representations of Words and Phrases and their Compositionality, Eq. 4), with the k negatives drawn",
    note="the expectation over w_i ~ P_n(w) is the sum over the k drawn negatives; v'_{w_i} their output vectors, the rows of N (the table cannot declare a family of a primed matrix)",
)
U_u = [120.0, 40.0, 15.0, 5.0]


def noise(U, w):
    i = int(w) - 1
    return U[i] ** 0.75 / sum(U[j] ** 0.75 for j in range(len(U)))


row(
    "unigram_noise_distribution",
    r"P_n(w) = \frac{U(w)^{3/4}}{\sum_{w'=1}^{V} U(w')^{3/4}}",
    "U: vector[V]; w: label[V]; w': index",
    {"U": U_u, "w": 3},
    noise,
    wrt="U",
    source="the noise distribution of negative sampling, the unigram distribution to the 3/4 power normalized by Z (Mikolov et al., 2013, Sec. 2.2)",
    note="U(w) the unigram count (or frequency) of word w",
)
f_sub = [0.08, 0.03, 0.02]


def subsample(f, w_i, t):
    return 1 - math.sqrt(t / f[int(w_i) - 1])


row(
    "frequent_word_subsampling",
    r"P(w_i) = 1 - \sqrt{\frac{t}{f(w_i)}}",
    "f: vector[V]; w_i: label[V]; t: scalar, positive",
    {"f": f_sub, "w_i": 1, "t": 0.01},
    subsample,
    wrt="t",
    source="probability of discarding word w_i in subsampling frequent words (Mikolov et al., 2013, Sec. 2.3, Eq. 5)",
    note="f(w_i) the frequency of word w_i, the entry of f at w_i",
)


def glove_f(x, x_max, alpha):
    return (x / x_max) ** alpha if x < x_max else 1.0


row(
    "glove_weighting",
    r"f(x) = \begin{cases} (x / x_{\max})^{\alpha} & \text{if } x < x_{\max} \\ 1 & \text{otherwise} \end{cases}",
    r"x, x_{\max}, \alpha: scalar, positive",
    {"x": 37.0, "x_max": 100.0, "alpha": 0.75},
    glove_f,
    wrt="x",
    source="GloVe's weighting of the co-occurrence counts (Pennington, Socher and Manning, 2014, Eq. 9)",
)
W_gl = rnd(3509, 3, 2)
Wt_gl = rnd(3510, 3, 2)
X_gl = [[4.0, 12.0, 2.0], [12.0, 7.0, 1.5], [2.0, 1.5, 9.0]]
b_gl = rnd(3511, 3)
bt_gl = rnd(3512, 3)


def glove(W, W_tilde, X, b, b_tilde, x_max, alpha):
    V = len(b)
    return sum(
        min(1.0, (X[i, j] / x_max) ** alpha)
        * (float(W[i] @ W_tilde[j]) + b[i] + b_tilde[j] - math.log(X[i, j])) ** 2
        for i in range(V)
        for j in range(V)
    )


row(
    "glove_objective",
    r"J = \sum_{i,j=1}^{V} \min\left(1, \left(\frac{X_{ij}}{x_{\max}}\right)^{\alpha}\right) \left( w_i^\top \tilde{w}_j + b_i + \tilde{b}_j - \log X_{ij} \right)^2",
    r"W, \tilde{W}: matrix[V, d]; w_i: row[W]; \tilde{w}_j: row[\tilde{W}]; X: matrix[V, V]; b, \tilde{b}: vector[V]; x_{\max}, \alpha: scalar, positive; i, j: index",
    {
        "W": W_gl,
        "W_tilde": Wt_gl,
        "X": X_gl,
        "b": b_gl,
        "b_tilde": bt_gl,
        "x_max": 10.0,
        "alpha": 0.75,
    },
    glove,
    wrt="b",
    source="GloVe's weighted least-squares objective (Pennington, Socher and Manning, 2014, Eq. 8)",
    note="the weighting f(X_ij) of Eq. 9 written as min(1, (X_ij / x_max)^alpha)",
)
Z_ft = rnd(3513, 4, 3)
v_ft = rnd(3514, 3)
row(
    "fasttext_subword_score",
    r"s(w, c) = \sum_{g \in \mathcal{G}_w} \mathbf{z}_g^\top \mathbf{v}_c",
    "Z: matrix[G, d]; z_g: row[Z]; v_c: vector[d]; g: index",
    {"Z": Z_ft, "v_c": v_ft},
    lambda Z, v_c: sum(float(Z[g] @ v_c) for g in range(len(Z))),
    wrt="v_c",
    source="scoring function of the subword model, word w as the sum of its character n-gram vectors (Bojanowski, Grave, Joulin and Mikolov, 2017, Enriching Word Vectors with Subword Information, Sec. 3.2)",
    note="G_w the n-grams of w, the G rows of Z (the table cannot declare a set)",
)

if __name__ == "__main__":
    A.write()
