"""Knowledge graph embeddings: TransE's dissimilarity and margin loss, TransH's, TransR's and
TransD's projected translations, RESCAL's entries and slices, DistMult's and ComplEx's scores and
ComplEx's logistic loss, HolE's circular correlation, RotatE's rotation distance and
self-adversarial negative weights, and the rank and Hits@k of link prediction (NumPy references
from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, softmax

A = Area("kg")
row = A.row

h_te = rnd(6000, 4)
l_te = rnd(6001, 4)
t_te = rnd(6002, 4)
row(
    "transe_l2_dissimilarity",
    r"d(\mathbf{h} + \boldsymbol{\ell}, \mathbf{t}) = \left\| \mathbf{h} + \boldsymbol{\ell} - \mathbf{t} \right\|_2",
    r"h, \ell, t: vector[k]",
    {"h": h_te, "ell": l_te, "t": t_te},
    lambda h, ell, t: float(np.sqrt(np.sum((h + ell - t) ** 2))),
    wrt="h",
    source="TransE energy of a triplet (h, l, t), the L2 dissimilarity of h + l and t (Bordes, Usunier, Garcia-Duran, Weston and Yakhnenko, 2013, Translating Embeddings for Modeling Multi-relational Data, Sec. 2)",
)
Hc_te = rnd(6003, 3, 4)
Tc_te = rnd(6004, 3, 4)


def transe_margin(h, ell, t, H_prime, T_prime, gamma):
    pos = np.linalg.norm(h + ell - t)
    return sum(
        max(0.0, gamma + pos - np.linalg.norm(H_prime[j] + ell - T_prime[j]))
        for j in range(len(H_prime))
    )


row(
    "transe_margin_loss",
    r"\mathcal{L} = \sum_{j=1}^{m} \left[ \gamma + d(\mathbf{h} + \boldsymbol{\ell}, \mathbf{t}) - d(\mathbf{h}'_j + \boldsymbol{\ell}, \mathbf{t}'_j) \right]_+",
    r"h, \ell, t: vector[k]; H', T': matrix[m, k]; \gamma: scalar, positive; j: index",
    {"h": h_te, "ell": l_te, "t": t_te, "H_prime": Hc_te, "T_prime": Tc_te, "gamma": 1.0},
    transe_margin,
    wrt=r"\ell",
    key="ell",
    source="TransE's margin-based ranking criterion over the corrupted triplets of one training triplet (Bordes et al., 2013, Eq. 1)",
    note="d(x, y) = ||x - y||_2 the L2 dissimilarity; [x]_+ = max(0, x); the m corrupted triplets (h'_j, l, t'_j) of S'_(h,l,t) have their heads and tails in the rows of H' and T' (the table cannot declare a family of a primed matrix)",
)
w_th = np.asarray(rnd(6005, 4))
w_th = (w_th / np.linalg.norm(w_th)).tolist()
d_th = rnd(6006, 4)


def transh(h, t, w_r, d_r):
    hp = h - (w_r @ h) * w_r
    tp = t - (w_r @ t) * w_r
    return float(np.sum((hp + d_r - tp) ** 2))


row(
    "transh_score",
    r"f_r(\mathbf{h}, \mathbf{t}) = \left\| (\mathbf{h} - \mathbf{w}_r^\top \mathbf{h} \mathbf{w}_r) + \mathbf{d}_r - (\mathbf{t} - \mathbf{w}_r^\top \mathbf{t} \mathbf{w}_r) \right\|_2^2",
    "h, t, w_r, d_r: vector[k]",
    {"h": h_te, "t": t_te, "w_r": w_th, "d_r": d_th},
    transh,
    wrt="d_r",
    source="TransH score, the translation d_r between the projections of h and t on the hyperplane of relation r with normal w_r (Wang, Zhang, Feng and Chen, 2014, Knowledge Graph Embedding by Translating on Hyperplanes, Sec. 3.2)",
    note="w_r has unit norm, as the paper constrains it",
)
M_tr = rnd(6007, 3, 4)
r_tr = rnd(6008, 3)
row(
    "transr_score",
    r"f_r(h, t) = \left\| \mathbf{M}_r \mathbf{h} + \mathbf{r} - \mathbf{M}_r \mathbf{t} \right\|_2^2",
    "h, t: vector[k]; r: vector[d]; M_r: matrix[d, k]",
    {"h": h_te, "t": t_te, "r": r_tr, "M_r": M_tr},
    lambda h, t, r, M_r: float(np.sum((M_r @ h + r - M_r @ t) ** 2)),
    wrt="M_r",
    source="TransR score with entities projected into the relation space, h_r = h M_r and t_r = t M_r (Lin, Liu, Sun, Liu and Zhu, 2015, Learning Entity and Relation Embeddings for Knowledge Graph Completion, Eqs. 7 and 8)",
    note="the paper writes row vectors (h M_r); in column vectors the projection is M_r h with M_r in R^{d x k}",
)
hp_td = rnd(6009, 4)
tp_td = rnd(6010, 4)
rp_td = rnd(6011, 4)
r_td = rnd(6012, 4)


def transd(h, h_p, t, t_p, r, r_p):
    n = len(h)
    return -float(
        np.sum(
            ((np.outer(r_p, h_p) + np.eye(n)) @ h + r - (np.outer(r_p, t_p) + np.eye(n)) @ t) ** 2
        )
    )


row(
    "transd_score",
    r"f_r(\mathbf{h}, \mathbf{t}) = -\left\| (\mathbf{r}_p \mathbf{h}_p^\top + \mathbf{I}) \mathbf{h} + \mathbf{r} - (\mathbf{r}_p \mathbf{t}_p^\top + \mathbf{I}) \mathbf{t} \right\|_2^2",
    "h, h_p, t, t_p, r, r_p: vector[n]",
    {"h": h_te, "h_p": hp_td, "t": t_te, "t_p": tp_td, "r": r_td, "r_p": rp_td},
    transd,
    wrt="r_p",
    source="TransD score with the dynamic mapping matrices M_rh = r_p h_p^T + I and M_rt = r_p t_p^T + I (Ji, He, Xu, Liu and Zhao, 2015, Knowledge Graph Embedding via Dynamic Mapping Matrix, Eqs. 1-3)",
    note="entity and relation spaces of one size (m = n), so I^{m x n} is the identity",
)
A_re = rnd(6013, 5, 3)
R_re = rnd(6014, 3, 3)


def rescal_entry(A, R_k, i, j):
    return float(A[int(i) - 1] @ R_k @ A[int(j) - 1])


row(
    "rescal_entry",
    r"\hat{x}_{ijk} = \mathbf{a}_i^\top \mathbf{R}_k \mathbf{a}_j",
    "A: matrix[n, r]; a_j: row[A]; R_k: matrix[r, r]; i, j: label[n]",
    {"A": A_re, "R_k": R_re, "i": 2, "j": 5},
    rescal_entry,
    wrt="R_k",
    source="RESCAL's reconstruction of the entry (i, j) of the k-th relation's slice, X_k ~ A R_k A^T (Nickel, Tresp and Kriegel, 2011, A Three-Way Model for Collective Learning on Multi-Relational Data, Sec. 3)",
    note="a_i the latent vector of entity i, the i-th row of A; i and j count the n entities from 1",
)
row(
    "rescal_slice",
    r"\hat{\mathbf{X}}_k = \mathbf{A} \mathbf{R}_k \mathbf{A}^\top",
    "A: matrix[n, r]; R_k: matrix[r, r]",
    {"A": A_re, "R_k": R_re},
    lambda A, R_k: A @ R_k @ A.T,
    source="RESCAL's rank-r factorization of the k-th frontal slice of the adjacency tensor (Nickel, Tresp and Kriegel, 2011, Eq. 1)",
)
ye1 = rnd(6015, 4)
ye2 = rnd(6016, 4)
r_dm = rnd(6017, 4)
row(
    "distmult_bilinear_diagonal",
    r"g_r^{b}(\mathbf{y}_{e_1}, \mathbf{y}_{e_2}) = \mathbf{y}_{e_1}^\top \operatorname{diag}(\mathbf{r}) \, \mathbf{y}_{e_2}",
    "y_{e_1}, y_{e_2}, r: vector[k]",
    {"y_e_1": ye1, "y_e_2": ye2, "r": r_dm},
    lambda y_e_1, y_e_2, r: float(y_e_1 @ np.diag(r) @ y_e_2),
    wrt="r",
    source="bilinear scoring function y_e1^T M_r y_e2 with the relation matrix restricted to a diagonal, DistMult (Yang, Yih, He, Gao and Deng, 2015, Embedding Entities and Relations for Learning and Inference in Knowledge Bases, Sec. 3.1)",
)
wre, wim, sre, sim, ore, oim = (rnd(6018 + i, 4) for i in range(6))


def complex_score(w_r_sup_Re, w_r_sup_Im, e_s_sup_Re, e_s_sup_Im, e_o_sup_Re, e_o_sup_Im):
    def tri(a, b, c):
        return float(np.sum(a * b * c))

    return (
        tri(w_r_sup_Re, e_s_sup_Re, e_o_sup_Re)
        + tri(w_r_sup_Re, e_s_sup_Im, e_o_sup_Im)
        + tri(w_r_sup_Im, e_s_sup_Re, e_o_sup_Im)
        - tri(w_r_sup_Im, e_s_sup_Im, e_o_sup_Re)
    )


row(
    "complex_score_real_form",
    r"\phi(r, s, o) = \langle \mathbf{w}_r^{\mathrm{Re}}, \mathbf{e}_s^{\mathrm{Re}}, \mathbf{e}_o^{\mathrm{Re}} \rangle + \langle \mathbf{w}_r^{\mathrm{Re}}, \mathbf{e}_s^{\mathrm{Im}}, \mathbf{e}_o^{\mathrm{Im}} \rangle + \langle \mathbf{w}_r^{\mathrm{Im}}, \mathbf{e}_s^{\mathrm{Re}}, \mathbf{e}_o^{\mathrm{Im}} \rangle - \langle \mathbf{w}_r^{\mathrm{Im}}, \mathbf{e}_s^{\mathrm{Im}}, \mathbf{e}_o^{\mathrm{Re}} \rangle",
    r"w_r^{\mathrm{Re}}, w_r^{\mathrm{Im}}, e_s^{\mathrm{Re}}, e_s^{\mathrm{Im}}, e_o^{\mathrm{Re}}, e_o^{\mathrm{Im}}: vector[K]",
    {
        "w_r_sup_Re": wre,
        "w_r_sup_Im": wim,
        "e_s_sup_Re": sre,
        "e_s_sup_Im": sim,
        "e_o_sup_Re": ore,
        "e_o_sup_Im": oim,
    },
    complex_score,
    wrt=r"e_s^{\mathrm{Re}}",
    key="e_s_sup_Re",
    source="ComplEx score Re(<w_r, e_s, conj(e_o)>) expanded in real and imaginary parts (Trouillon, Welbl, Riedel, Gaussier and Bouchard, 2016, Complex Embeddings for Simple Link Prediction, Eq. 11)",
    note="x^Re and x^Im the real and imaginary parts Re(x) and Im(x) of the complex embeddings, declared as real vectors; <a, b, c> = sum_k a_k b_k c_k the trilinear product",
)
th_ro = rnd(6024, 4, lo=-math.pi, hi=math.pi)


def rotate_distance(h_sup_Re, h_sup_Im, t_sup_Re, t_sup_Im, theta):
    total = 0.0
    for i in range(len(theta)):
        re = h_sup_Re[i] * math.cos(theta[i]) - h_sup_Im[i] * math.sin(theta[i]) - t_sup_Re[i]
        im = h_sup_Re[i] * math.sin(theta[i]) + h_sup_Im[i] * math.cos(theta[i]) - t_sup_Im[i]
        total += math.sqrt(re**2 + im**2)
    return total


row(
    "rotate_distance",
    r"d_r(\mathbf{h}, \mathbf{t}) = \sum_{i=1}^{k} \sqrt{\left( h^{\mathrm{Re}}_i \cos\theta_i - h^{\mathrm{Im}}_i \sin\theta_i - t^{\mathrm{Re}}_i \right)^2 + \left( h^{\mathrm{Re}}_i \sin\theta_i + h^{\mathrm{Im}}_i \cos\theta_i - t^{\mathrm{Im}}_i \right)^2}",
    r"h^{\mathrm{Re}}, h^{\mathrm{Im}}, t^{\mathrm{Re}}, t^{\mathrm{Im}}, \theta: vector[k]; i: index",
    {"h_sup_Re": sre, "h_sup_Im": sim, "t_sup_Re": ore, "t_sup_Im": oim, "theta": th_ro},
    rotate_distance,
    wrt=r"\theta",
    key="theta",
    source="RotatE distance ||h o r - t|| with the relation an element-wise rotation r_i = e^{i theta_i} (Sun, Deng, Nie and Tang, 2019, RotatE: Knowledge Graph Embedding by Relational Rotation in Complex Space, Eq. 3 and Sec. 3.1)",
    note="the complex product h_i r_i - t_i written in real and imaginary parts (h^Re, h^Im, t^Re, t^Im the parts of h and t); the norm is the sum of the moduli of the k complex entries, as in the authors' implementation",
)
f_sa = rnd(6025, 5, lo=-3.0, hi=0.0)
row(
    "rotate_self_adversarial_weights",
    r"p(h'_j, r, t'_j) = \frac{\exp \alpha f_r(\mathbf{h}'_j, \mathbf{t}'_j)}{\sum_{i=1}^{n} \exp \alpha f_r(\mathbf{h}'_i, \mathbf{t}'_i)}",
    r"f_r: vector[n]; \alpha: scalar, positive; i, j: index",
    {"f_r": f_sa, "alpha": 1.0},
    lambda f_r, alpha: softmax(alpha * f_r),
    source="self-adversarial negative sampling, the weight of the j-th negative triple (Sun et al., 2019, RotatE, Eq. 5)",
    note="f_r(h'_j, t'_j) the score of the j-th of the n sampled negative triples, the j-th entry of f_r (the table cannot declare a function's values); the result is the vector over j",
)
rp_ho = rnd(6027, 5)
es_ho = rnd(6028, 5)
eo_ho = rnd(6029, 5)


def hole(r_p, e_s, e_o, d):
    d = int(d)
    corr = [sum(e_s[i] * e_o[(k + i) % d] for i in range(d)) for k in range(d)]
    return float(sigmoid(sum(r_p[k] * corr[k] for k in range(d))))


row(
    "hole_probability",
    r"\Pr(\phi_p(s, o) = 1) = \sigma\left( \sum_{k=0}^{d-1} [\mathbf{r}_p]_k \sum_{i=0}^{d-1} [\mathbf{e}_s]_i \, [\mathbf{e}_o]_{(k+i) \bmod d} \right)",
    "r_p, e_s, e_o: vector[d]; d: dim; k, i: index",
    {"r_p": rp_ho, "e_s": es_ho, "e_o": eo_ho, "d": 5},
    hole,
    wrt="r_p",
    source="HolE's probability of a triple, sigma(r_p^T (e_s * e_o)) with the circular correlation [a * b]_k = sum_i a_i b_{(k+i) mod d} (Nickel, Rosasco and Poggio, 2016, Holographic Embeddings of Knowledge Graphs, Eqs. 9 and 10)",
    note="entries counted from 0, as the paper writes the circular correlation",
)
s_rk = [0.4, 1.3, -0.2, 0.9, 1.1, 0.05]
row(
    "link_prediction_rank",
    r"\operatorname{rank}(t) = 1 + \sum_{j \neq t} \mathbb{1}\left[ s_j > s_t \right]",
    "s: vector[E]; t: label[E]",
    {"s": s_rk, "t": 4},
    lambda s, t: 1 + sum(1.0 for j in range(len(s)) if j != int(t) - 1 and s[j] > s[int(t) - 1]),
    source="rank of the correct tail among all E candidate entities, scored for the corrupted triplets (h, l, e) (Bordes et al., 2013, Sec. 4.2, the mean-rank protocol)",
    note="s_j the score (higher is better) of the triple with tail entity j, t the true tail counted from 1; the raw setting, without filtering",
)
rk_h = [1.0, 4.0, 12.0, 2.0, 30.0, 7.0, 11.0]
row(
    "hits_at_k",
    r"\mathrm{Hits@}k = \frac{1}{|Q|} \sum_{i=1}^{|Q|} \mathbb{1}\left[ \mathrm{rank}_i \le k \right]",
    r"\mathrm{rank}: vector[Q]; Q: dim; k: scalar, integer, positive",
    {"rank": rk_h, "Q": 7, "k": 10.0},
    lambda rank, Q, k: float(np.sum(rank <= k) / Q),
    source="proportion of test queries whose correct entity is ranked in the top k (Bordes et al., 2013, Sec. 4.2, hits@10)",
    note="|Q| the number of test queries, the size Q of the vector of ranks",
)
Y_cx = [1.0, -1.0, -1.0, 1.0, -1.0]
phi_cx = rnd(6030, 5, lo=-2.0, hi=2.0)
Th_cx = rnd(6031, 6)


def complex_loss(phi, Y, Theta, **k):
    lam = k["lambda"]
    return sum(math.log(1 + math.exp(-Y[i] * phi[i])) for i in range(len(Y))) + lam * float(
        Theta @ Theta
    )


row(
    "complex_logistic_loss",
    r"\sum_{i=1}^{n} \log\left(1 + \exp(-Y_i \phi_i)\right) + \lambda \|\Theta\|_2^2",
    r"\phi, Y: vector[n]; \Theta: vector[p]; \lambda: scalar, positive; i: index",
    {"phi": phi_cx, "Y": Y_cx, "Theta": Th_cx, "lambda": 0.01},
    complex_loss,
    wrt=r"\phi",
    key="phi",
    source="negative log-likelihood of the logistic model with L2 regularization over the observed triples ((s, r, o), Y) in Omega (Trouillon et al., 2016, Eq. 12)",
    note="phi_i = phi(s, r, o; Theta) the score and Y_i in {-1, 1} the label of the i-th observed triple; Theta the stacked parameters",
)

if __name__ == "__main__":
    A.write()
