"""Decision trees and ensembles of trees: CART's Gini index of diversity, C4.5's information,
information gain and gain ratio, the variance reduction of a regression split, the
misclassification and cross-entropy node impurities, XGBoost's structure score with instance
sets and its split gain at a threshold, the out-of-bag error of a random forest and the variance
of an average of correlated trees, cost-complexity pruning, confidence-rated AdaBoost's weight,
Freund and Schapire's reweighting, and Friedman's Newton step for a leaf of LK_TreeBoost (NumPy
references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex

A = Area("trees")
row = A.row

p_g = [0.5, 0.3, 0.2]


def gini_pairs(p):
    J = len(p)
    return float(sum(p[j] * p[i] for i in range(J) for j in range(J) if j != i))


row(
    "cart_gini_index_of_diversity",
    r"i(t) = \sum_{j \neq i} p(j \mid t) p(i \mid t)",
    "p: simplex[J]; i, j: index",
    {"p": p_g},
    gini_pairs,
    wrt="p",
    source="the Gini index of diversity of node t, summed over the ordered pairs of distinct classes (Breiman, Friedman, Olshen and Stone, 1984, Classification and Regression Trees, Sec. 4.3.3)",
    note="p(j | t) the proportion of class j at node t, the j-th entry of p; the sum runs over the pairs i != j (i is also the name of the impurity on the left, as in CART)",
)
n_c = [9.0, 5.0, 2.0]
row(
    "c45_information",
    r"\mathrm{info}(S) = -\sum_{j=1}^{k} \frac{n_j}{|S|} \times \log_2 \left( \frac{n_j}{|S|} \right)",
    "n: vector[k]; S: scalar, positive; j: index",
    {"n": n_c, "S": 16.0},
    lambda n, S: float(-sum(n[j] / S * math.log2(n[j] / S) for j in range(len(n)))),
    wrt="n",
    source="C4.5's information of a set S of cases, the entropy in bits of its class frequencies (Quinlan, 1993, C4.5: Programs for Machine Learning, Sec. 2.2.1)",
    note="n_j = freq(C_j, S) the number of cases of class C_j in S; |S| the number of cases in S, given (the sum of n)",
)
n_ig = np.array([[6.0, 1.0, 1.0], [2.0, 3.0, 0.5], [1.0, 1.0, 4.0]])


def info_gain(n, c, N_v, N):
    v, k = n.shape
    h = -sum(c[j] / N * math.log2(c[j] / N) for j in range(k))
    hc = sum(
        N_v[i] / N * sum(n[i, j] / N_v[i] * math.log2(n[i, j] / N_v[i]) for j in range(k))
        for i in range(v)
    )
    return float(h + hc)


row(
    "information_gain_of_a_test",
    r"\mathrm{gain}(X) = -\sum_{j=1}^{k} \frac{c_j}{N} \log_2 \frac{c_j}{N} + \sum_{i=1}^{v} \frac{N_i}{N} \sum_{j=1}^{k} \frac{n_{ij}}{N_i} \log_2 \frac{n_{ij}}{N_i}",
    "n: matrix[v, k]; c: vector[k]; N_v: vector[v]; N: scalar, positive; i, j: index",
    {
        "n": n_ig.tolist(),
        "c": n_ig.sum(0).tolist(),
        "N_v": n_ig.sum(1).tolist(),
        "N": float(n_ig.sum()),
    },
    info_gain,
    wrt="n",
    source="the information gained by partitioning the cases with a test X of v outcomes, info(T) - info_X(T) with info_X(T) = sum_i |T_i| / |T| info(T_i) (Quinlan, 1986, Induction of Decision Trees, Machine Learning 1, Sec. 4; Quinlan, 1993, C4.5, Sec. 2.2.1)",
    note="n_ij the number of cases of class j with outcome i; c_j, N_i and N its column sums, row sums and total, given (computed from the same table); the N_i are the entries of the vector N_v",
)
row(
    "gain_ratio",
    r"\mathrm{gain\ ratio}(A) = \frac{\mathrm{gain}(A)}{-\sum_{i=1}^{v} \frac{p_i + n_i}{P + N} \log_2 \frac{p_i + n_i}{P + N}}",
    r"\mathrm{gain}: scalar, positive; p, n: vector[v]; P, N: scalar, positive; i: index",
    {"gain": 0.21, "p": [4.0, 3.0, 2.0], "n": [1.0, 2.0, 4.0], "P": 9.0, "N": 7.0},
    lambda gain, p, n, P, N: (
        gain
        / float(
            -sum(
                (p[i] + n[i]) / (P + N) * math.log2((p[i] + n[i]) / (P + N)) for i in range(len(p))
            )
        )
    ),
    wrt="p",
    source="the gain ratio, the information gain of attribute A divided by the information IV(A) of its split, which penalizes attributes with many values (Quinlan, 1986, Induction of Decision Trees, Machine Learning 1, Sec. 7)",
    note="gain(A) the information gain, given; p_i and n_i the positive and negative cases with the i-th value of A, and P, N the totals, given (Quinlan writes p and n for the totals too)",
)
y_v = [1.2, 0.4, 2.3, 1.9, 0.7, 2.8, 0.9]
s_v = [1, 1, 2, 2, 1, 2, 1]


def var_red(y, s, y_bar, y_bar_L, y_bar_R, N):
    N = int(N)
    tot = sum((y[n] - y_bar) ** 2 for n in range(N)) / N
    left = sum((y[n] - y_bar_L) ** 2 for n in range(N) if s[n] == 1) / N
    right = sum((y[n] - y_bar_R) ** 2 for n in range(N) if s[n] == 2) / N
    return float(tot - left - right)


yv = np.asarray(y_v)
sv = np.asarray(s_v)
row(
    "regression_split_variance_reduction",
    r"\Delta R(s, t) = \frac{1}{N} \sum_{n=1}^{N} (y_n - \bar{y})^2 - \frac{1}{N} \sum_{n : s_n = 1} (y_n - \bar{y}_L)^2 - \frac{1}{N} \sum_{n : s_n = 2} (y_n - \bar{y}_R)^2",
    r"y: vector[N]; s: labels[N, 2]; \bar{y}, \bar{y}_L, \bar{y}_R: scalar; N: dim; n: index",
    {
        "y": y_v,
        "s": s_v,
        "y_bar": round(float(yv.mean()), 8),
        "y_bar_L": round(float(yv[sv == 1].mean()), 8),
        "y_bar_R": round(float(yv[sv == 2].mean()), 8),
        "N": 7,
    },
    var_red,
    wrt="y",
    source="the decrease in the within-node sum of squares R(t) - R(t_L) - R(t_R) achieved by a split s of a regression node t, R(t) = (1 / N) sum_{x_n in t} (y_n - y-bar(t))^2 (Breiman, Friedman, Olshen and Stone, 1984, Classification and Regression Trees, Sec. 8.3)",
    note="s_n = 1 when case n goes to the left child t_L and 2 when it goes to t_R; y-bar, y-bar_L and y-bar_R the means of y in t, t_L and t_R, given",
)
p_hat = np.asarray(simplex(8500, 3, 4)).round(6)
p_hat = p_hat / p_hat.sum(1, keepdims=True)
row(
    "misclassification_node_impurity",
    r"Q_m(T) = 1 - \max_{k} \hat{p}_{mk}",
    r"\hat{p}: matrix[M, K]; m: label[M]; k: index",
    {"p_hat": p_hat.tolist(), "m": 2},
    lambda p_hat, m: 1 - float(max(p_hat[int(m) - 1, k] for k in range(p_hat.shape[1]))),
    wrt=r"\hat{p}",
    key="p_hat",
    source="the misclassification error of node m, one minus the proportion of its majority class (Hastie, Tibshirani and Friedman, 2009, The Elements of Statistical Learning, 2nd ed., Sec. 9.2.3, Eq. 9.17)",
    note="p-hat_mk the proportion of class k among the training observations in node m, entry (m, k) of p-hat; the largest entry of row m is unique",
)
row(
    "cross_entropy_node_impurity",
    r"Q_m(T) = -\sum_{k=1}^{K} \hat{p}_{mk} \log \hat{p}_{mk}",
    r"\hat{p}: matrix[M, K]; m: label[M]; k: index",
    {"p_hat": p_hat.tolist(), "m": 3},
    lambda p_hat, m: (
        -float(
            sum(
                p_hat[int(m) - 1, k] * math.log(p_hat[int(m) - 1, k]) for k in range(p_hat.shape[1])
            )
        )
    ),
    wrt=r"\hat{p}",
    key="p_hat",
    source="the cross-entropy or deviance impurity of node m (Hastie, Tibshirani and Friedman, 2009, The Elements of Statistical Learning, 2nd ed., Sec. 9.2.3, Eq. 9.17)",
    note="p-hat_mk the proportion of class k in node m, entry (m, k) of p-hat",
)
g_x = rnd(8501, 8, lo=-1.0, hi=1.0)
h_x = rnd(8502, 8, lo=0.1, hi=0.3)
q_x = [1, 2, 2, 3, 1, 3, 2, 1]


def xgb_structure(g, h, q, T, gamma, **k):
    T = int(T)
    out = 0.0
    for j in range(1, T + 1):
        G = sum(g[i] for i in range(len(g)) if q[i] == j)
        H = sum(h[i] for i in range(len(g)) if q[i] == j)
        out += G**2 / (H + k["lambda"])
    return float(-0.5 * out + gamma * T)


row(
    "xgboost_structure_score_instance_sets",
    r"\tilde{\mathcal{L}}^{(t)}(q) = -\frac{1}{2} \sum_{j=1}^{T} \frac{\left( \sum_{i \in I_j} g_i \right)^2}{\sum_{i \in I_j} h_i + \lambda} + \gamma T",
    r"g, h: vector[n]; q: labels[n, T]; T: dim; \lambda, \gamma: scalar, positive; j: index",
    {"g": g_x, "h": h_x, "q": q_x, "T": 3, "lambda": 1.0, "gamma": 0.1},
    xgb_structure,
    wrt="g",
    source="the optimal value of XGBoost's second-order objective for a fixed tree structure q, the score of the tree, with the sums over the instance set of each leaf (Chen and Guestrin, 2016, XGBoost: A Scalable Tree Boosting System, KDD, Eq. 6)",
    note="I_j = {i | q(x_i) = j} the instances in leaf j, declared through the leaf labels q (q_i the leaf of instance i, counted from 1); g_i and h_i the first and second derivatives of the loss at instance i",
)
x_f = [0.3, 1.7, 0.9, 2.4, 1.1, 0.2, 2.9, 1.5]


def xgb_split(g, h, x, s, gamma, **k):
    lam = k["lambda"]
    n = len(g)
    GL = sum(g[i] for i in range(n) if x[i] < s)
    HL = sum(h[i] for i in range(n) if x[i] < s)
    GR = sum(g[i] for i in range(n) if x[i] >= s)
    HR = sum(h[i] for i in range(n) if x[i] >= s)
    return float(
        0.5 * (GL**2 / (HL + lam) + GR**2 / (HR + lam) - sum(g) ** 2 / (sum(h) + lam)) - gamma
    )


row(
    "xgboost_split_gain_at_threshold",
    r"\mathcal{L}_{\mathrm{split}} = \frac{1}{2} \left[ \frac{\left( \sum_{i : x_i < s} g_i \right)^2}{\sum_{i : x_i < s} h_i + \lambda} + \frac{\left( \sum_{i : x_i \ge s} g_i \right)^2}{\sum_{i : x_i \ge s} h_i + \lambda} - \frac{\left( \sum_{i} g_i \right)^2}{\sum_{i} h_i + \lambda} \right] - \gamma",
    r"g, h, x: vector[n]; s: scalar; \lambda, \gamma: scalar, positive; i: index",
    {"g": g_x, "h": h_x, "x": x_f, "s": 1.3, "lambda": 1.0, "gamma": 0.1},
    xgb_split,
    wrt="g",
    source="the loss reduction of splitting a leaf on a feature at threshold s, I_L the instances below it and I_R those above, as the exact greedy algorithm enumerates them (Chen and Guestrin, 2016, XGBoost: A Scalable Tree Boosting System, KDD, Eq. 7 and Algorithm 1)",
    note="x_i the feature value of instance i; I_L = {i : x_i < s} and I_R = {i : x_i >= s} written as conditions under the sums",
)
B_o, n_o = 5, 4
f_o = np.asarray(rnd(8503, B_o, n_o, lo=0.0, hi=2.0))
N_o = np.array([[0, 1, 2, 0], [1, 0, 1, 2], [2, 1, 0, 1], [0, 2, 1, 0], [1, 0, 0, 3]], dtype=float)
y_o = [0.8, 1.4, 0.6, 1.1]


def oob(y, f_hat, N):
    B, n = f_hat.shape
    tot = 0.0
    for i in range(n):
        num = sum((N[b, i] == 0) * f_hat[b, i] for b in range(B))
        den = sum((N[b, i] == 0) for b in range(B))
        tot += (y[i] - num / den) ** 2
    return float(tot / n)


row(
    "random_forest_out_of_bag_error",
    r"\mathrm{OOB} = \frac{1}{n} \sum_{i=1}^{n} \left( y_i - \frac{\sum_{b=1}^{B} \mathbb{1}[N_{bi} = 0] \, \hat{f}_b(x_i)}{\sum_{b=1}^{B} \mathbb{1}[N_{bi} = 0]} \right)^2",
    r"y: vector[n]; \hat{f}, N: matrix[B, n]; i, b: index",
    {"y": y_o, "f_hat": f_o.tolist(), "N": N_o.tolist()},
    oob,
    wrt=r"\hat{f}",
    key="f_hat",
    source="the out-of-bag estimate of a random forest's squared error, each observation predicted by the average of the trees whose bootstrap sample left it out (Breiman, 2001, Random Forests, Machine Learning 45, Sec. 3.1; Hastie, Tibshirani and Friedman, 2009, The Elements of Statistical Learning, Sec. 15.3.1)",
    note="f-hat_b(x_i) the b-th tree's prediction at x_i, entry (b, i) of f-hat; N_bi the number of times observation i is in the b-th bootstrap sample",
)
row(
    "variance_of_correlated_tree_average",
    r"\rho \sigma^2 + \frac{1 - \rho}{B} \sigma^2",
    r"\rho: scalar, unit; \sigma, B: scalar, positive",
    {"rho": 0.35, "sigma": 1.4, "B": 50.0},
    lambda rho, sigma, B: rho * sigma**2 + (1 - rho) / B * sigma**2,
    wrt=r"\rho",
    key="rho",
    source="the variance of the average of B identically distributed trees of variance sigma^2 with pairwise correlation rho, which bagging cannot reduce below rho sigma^2 (Hastie, Tibshirani and Friedman, 2009, The Elements of Statistical Learning, 2nd ed., Sec. 15.2, Eq. 15.1)",
)
N_cc = [12.0, 7.0, 9.0, 4.0]
Q_cc = [0.21, 0.35, 0.12, 0.44]
row(
    "cost_complexity_criterion",
    r"C_\alpha(T) = \sum_{m=1}^{|T|} N_m Q_m(T) + \alpha |T|",
    r"N, Q: vector[T]; T: dim; \alpha: scalar, positive; m: index",
    {"N": N_cc, "Q": Q_cc, "T": 4, "alpha": 0.8},
    lambda N, Q, T, alpha: float(sum(N[m] * Q[m] for m in range(int(T))) + alpha * T),
    wrt="Q",
    source="the cost-complexity criterion of a subtree T with |T| terminal nodes, minimized by weakest-link pruning (Hastie, Tibshirani and Friedman, 2009, The Elements of Statistical Learning, 2nd ed., Sec. 9.2.2, Eq. 9.16; Breiman et al., 1984, Sec. 3.3)",
    note="N_m the number of observations in terminal node m and Q_m(T) its impurity (squared-error here), the entries of N and Q; |T| the number of terminal nodes, the size T",
)
D_ab = np.asarray(simplex(8504, 6))
y_ab = [1.0, -1.0, 1.0, 1.0, -1.0, -1.0]
h_ab = [0.7, -0.4, 0.2, -0.3, -0.8, 0.5]


def real_alpha(D_t, y, h_t):
    r = sum(D_t[i] * y[i] * h_t[i] for i in range(len(y)))
    return 0.5 * math.log((1 + r) / (1 - r))


row(
    "confidence_rated_adaboost_alpha",
    r"\alpha_t = \frac{1}{2} \ln \left( \frac{1 + \sum_{i=1}^{m} D_t(i) y_i h_t(x_i)}{1 - \sum_{i=1}^{m} D_t(i) y_i h_t(x_i)} \right)",
    "D_t: simplex[m]; y, h_t: vector[m]; i: index",
    {"D_t": D_ab.tolist(), "y": y_ab, "h_t": h_ab},
    real_alpha,
    wrt="h_t",
    source="the weight of a confidence-rated weak hypothesis with range [-1, +1] that minimizes the bound on Z_t, from the edge r = sum_i D(i) y_i h(x_i) (Schapire and Singer, 1999, Improved Boosting Algorithms Using Confidence-rated Predictions, Machine Learning 37, Sec. 3.2)",
    note="D_t(i) the weight of example i, the i-th entry of D_t; h_t(x_i) the weak hypothesis's real-valued prediction on x_i, the i-th entry of h_t; y_i in {-1, +1}",
)
w_fs = [0.1, 0.25, 0.15, 0.2, 0.3]
h_fs = [0.9, 0.2, 0.6, 0.1, 0.7]
y_fs = [1.0, 0.0, 1.0, 1.0, 0.0]
row(
    "freund_schapire_weight_update",
    r"w_i^{t+1} = w_i^t \left( \frac{\epsilon_t}{1 - \epsilon_t} \right)^{1 - |h_t(x_i) - y_i|}",
    r"w^t, h_t, y: vector[N]; \epsilon_t: scalar, unit",
    {"w_sup_t": w_fs, "h_t": h_fs, "y": y_fs, "epsilon_t": 0.3},
    lambda w_sup_t, h_t, y, epsilon_t: (
        w_sup_t * (epsilon_t / (1 - epsilon_t)) ** (1 - np.abs(h_t - y))
    ),
    source="AdaBoost's original update of the example weights with beta_t = epsilon_t / (1 - epsilon_t), which shrinks the weight of the examples the hypothesis gets right (Freund and Schapire, 1997, A Decision-Theoretic Generalization of On-Line Learning and an Application to Boosting, JCSS 55, Sec. 4, Fig. 2)",
    note="labels y_i in {0, 1} and predictions h_t(x_i) in [0, 1], the entries of y and h_t; w_i^t the i-th entry of w^t (t a superscript index); the value is the vector of new weights (before normalization)",
)
yt_lk = [0.62, -0.45, 0.81, -0.3, 0.55]


def lk_gamma(y_tilde):
    return float(sum(y_tilde) / sum(abs(v) * (2 - abs(v)) for v in y_tilde))


row(
    "lk_treeboost_leaf_value",
    r"\gamma_{jm} = \frac{\sum_{\mathbf{x}_i \in R_{jm}} \tilde{y}_i}{\sum_{\mathbf{x}_i \in R_{jm}} |\tilde{y}_i| (2 - |\tilde{y}_i|)}",
    r"\tilde{y}: vector[n]",
    {"y_tilde": yt_lk},
    lk_gamma,
    wrt=r"\tilde{y}",
    key="y_tilde",
    source="the single Newton-Raphson step that approximates the optimal value of terminal node R_jm for the binomial log-likelihood loss, from the pseudo-responses y-tilde_i = 2 y_i / (1 + exp(2 y_i F_{m-1}(x_i))) (Friedman, 2001, Greedy Function Approximation: A Gradient Boosting Machine, Annals of Statistics 29, Sec. 4.5, Eq. 23)",
    note="the n given pseudo-responses are those of the observations x_i in the terminal region R_jm",
)

if __name__ == "__main__":
    A.write()
