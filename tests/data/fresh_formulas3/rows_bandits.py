"""Multi-armed and linear bandits (NumPy references from each paper's or book's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, spd

A = Area("bandits")
row = A.row

row(
    "ucb1_index",
    r"\bar{x}_j + \sqrt{\frac{2 \ln n}{n_j}}",
    r"\bar{x}_j: scalar; n, n_j: scalar, positive",
    {"x_bar_j": 0.62, "n": 40.0, "n_j": 7.0},
    lambda x_bar_j, n, n_j: x_bar_j + math.sqrt(2 * math.log(n) / n_j),
    wrt="n_j",
    source="UCB1 index (Auer, Cesa-Bianchi and Fischer, 2002, Fig. 1)",
)
mu_hat = rnd(1400, 4, lo=0.0, hi=1.0)
Tk = [3.0, 7.0, 2.0, 5.0]
row(
    "ucb_delta_index",
    r"\hat{\mu}_i + \sqrt{\frac{2 \log(1/\delta)}{T_i}}",
    r"\hat{\mu}: vector[k]; T: vector[k], positive; delta: scalar, unit; i: index",
    {"mu_hat": mu_hat, "T": Tk, "delta": 0.05},
    lambda mu_hat, T, delta: np.asarray(
        [mu_hat[i] + math.sqrt(2 * math.log(1 / delta) / T[i]) for i in range(len(T))]
    ),
    source="UCB(delta) index of every arm (Lattimore and Szepesvari, 2020, Eq. 7.2 / Algorithm 3)",
)
row(
    "ucb_asymptotic_index",
    r"\hat{\mu}_i + \sqrt{\frac{2 \log\left(1 + t \log^2(t)\right)}{T_i}}",
    r"\hat{\mu}: vector[k]; T: vector[k], positive; t: scalar, positive; i: index",
    {"mu_hat": mu_hat, "T": Tk, "t": 18.0},
    lambda mu_hat, T, t: np.asarray(
        [
            mu_hat[i] + math.sqrt(2 * math.log(1 + t * math.log(t) ** 2) / T[i])
            for i in range(len(T))
        ]
    ),
    source="asymptotically optimal UCB with f(t) = 1 + t log^2(t) (Lattimore and Szepesvari, 2020, Algorithm 6)",
)
Tm = [2.0, 9.0, 4.0, 1.0]


def moss(mu_hat, T, n):
    k = len(T)
    return np.asarray(
        [mu_hat[i] + math.sqrt(4 / T[i] * math.log(max(1.0, n / (k * T[i])))) for i in range(k)]
    )


row(
    "moss_index",
    r"\hat{\mu}_i + \sqrt{\frac{4}{T_i} \log^{+}\left(\frac{n}{k T_i}\right)}",
    r"\hat{\mu}: vector[k]; T: vector[k], positive; n: scalar, positive; i: index; k: dim",
    {"mu_hat": mu_hat, "T": Tm, "n": 20.0},
    moss,
    source="MOSS index, log^+(x) = log max(1, x) (Audibert and Bubeck, 2009; Lattimore and Szepesvari, 2020, Algorithm 7)",
)
w3 = rnd(1401, 4, lo=0.5, hi=2.0)
row(
    "exp3_probabilities",
    r"(1 - \gamma) \frac{w_i}{\sum_{j=1}^{K} w_j} + \frac{\gamma}{K}",
    "w: vector[K], positive; gamma: scalar, unit; i, j: index; K: dim",
    {"w": w3, "gamma": 0.1},
    lambda w, gamma: np.asarray(
        [(1 - gamma) * w[i] / sum(w) + gamma / len(w) for i in range(len(w))]
    ),
    source="Exp3 arm probabilities p_i(t) (Auer, Cesa-Bianchi, Freund and Schapire, 2002, Fig. 1)",
)
x3 = rnd(1402, 4, lo=0.0, hi=1.0)
p3 = simplex(1403, 4)


def exp3_update(w, x, p, gamma, i_t):
    K = len(w)
    return np.asarray(
        [
            w[j] * math.exp(gamma / K * (x[j] * (1.0 if j + 1 == int(i_t) else 0.0) / p[j]))
            for j in range(K)
        ]
    )


row(
    "exp3_weight_update",
    r"w_j \exp\left(\frac{\gamma}{K} \cdot \frac{x_j \mathbb{1}[j = i_t]}{p_j}\right)",
    "w, x, p: vector[K]; gamma: scalar, unit; i_t: scalar, integer, positive; j: index; K: dim",
    {"w": w3, "x": x3, "p": p3, "gamma": 0.1, "i_t": 3},
    exp3_update,
    source="Exp3 weight update with the estimate x_hat_j = x_j / p_j for the pulled arm only (Auer et al., 2002, Fig. 1)",
)
P5 = simplex(1404, 5)
row(
    "exp3_importance_estimator",
    r"1 - \frac{\mathbb{I}\{A_t = i\}}{P_i} (1 - X_t)",
    "P: simplex[k]; A_t: scalar, integer, positive; X_t: scalar, unit; i: index",
    {"P": P5, "A_t": 2, "X_t": 0.7},
    lambda P, A_t, X_t: np.asarray(
        [1 - (1.0 if i + 1 == int(A_t) else 0.0) / P[i] * (1 - X_t) for i in range(len(P))]
    ),
    source="importance-weighted reward estimator of Exp3 (Lattimore and Szepesvari, 2020, Eq. 11.6)",
)
aB = [1.0, 2.0, 1.0, 3.0]
bB = [1.0, 1.0, 2.0, 1.0]
SB = [4.0, 2.0, 7.0, 0.0]
FB = [3.0, 5.0, 1.0, 2.0]
row(
    "beta_posterior_mean",
    r"\frac{\alpha_k + S_k}{\alpha_k + \beta_k + S_k + F_k}",
    "alpha, beta: vector[K], positive; S, F: vector[K]; k: index",
    {"alpha": aB, "beta": bB, "S": SB, "F": FB},
    lambda alpha, beta, S, F: np.asarray(
        [(alpha[k] + S[k]) / (alpha[k] + beta[k] + S[k] + F[k]) for k in range(len(S))]
    ),
    source="mean of the Beta(alpha_k + S_k, beta_k + F_k) posterior in Bernoulli Thompson sampling (Chapelle and Li, 2011, Algorithm 2; Russo et al., 2018, Sec. 3)",
)


def beta_var(alpha, beta, S, F):
    out = []
    for k in range(len(S)):
        a, b = alpha[k] + S[k], beta[k] + F[k]
        out.append(a * b / ((a + b) ** 2 * (a + b + 1)))
    return np.asarray(out)


row(
    "beta_posterior_variance",
    r"\frac{(\alpha_k + S_k)(\beta_k + F_k)}{(\alpha_k + \beta_k + S_k + F_k)^2 (\alpha_k + \beta_k + S_k + F_k + 1)}",
    "alpha, beta: vector[K], positive; S, F: vector[K]; k: index",
    {"alpha": aB, "beta": bB, "S": SB, "F": FB},
    beta_var,
    source="variance of the Beta posterior of an arm in Thompson sampling (Russo et al., 2018, Sec. 3)",
)
Xl = rnd(1405, 5, 3)
rl = rnd(1406, 5, lo=0.0, hi=1.0)


def lin_ts_mean(X, r):
    d = X.shape[1]
    B = np.eye(d) + sum(np.outer(X[s], X[s]) for s in range(len(X)))
    f = sum(r[s] * X[s] for s in range(len(X)))
    return np.linalg.solve(B, f)


row(
    "linear_ts_posterior_mean",
    r"\left(I_d + \sum_{s=1}^{t} x_s x_s^\top\right)^{-1} \sum_{s=1}^{t} r_s x_s",
    "X: matrix[t, d]; x_s: row[X]; r: vector[t]; s: index; d: dim",
    {"X": Xl, "r": rl},
    lin_ts_mean,
    source="posterior mean mu_hat = B^{-1} sum r_s x_s of linear Thompson sampling (Agrawal and Goyal, 2013, Algorithm 1)",
)
xu = rnd(1407, 3)
bu = rnd(1408, 3)
Au = spd(1409, 3, jitter=1.0)
row(
    "linucb_index",
    r"x^\top A^{-1} b + \alpha \sqrt{x^\top A^{-1} x}",
    "x, b: vector[d]; A: spd[d]; alpha: scalar, positive",
    {"x": xu, "b": bu, "A": Au, "alpha": 0.8},
    lambda x, b, A, alpha: float(
        x @ np.linalg.solve(A, b) + alpha * math.sqrt(x @ np.linalg.solve(A, x))
    ),
    wrt="x",
    source="LinUCB index with theta_hat = A^{-1} b (Li, Chu, Langford and Schapire, 2010, Algorithm 1)",
)
mur = [0.3, 0.8, 0.55, 0.1]
Tr = [12.0, 40.0, 9.0, 5.0]


def regret_decomposition(mu, T):
    best = max(mu)
    return sum((best - mu[i]) * T[i] for i in range(len(mu)))


row(
    "regret_decomposition",
    r"\sum_{i=1}^{k} \left( \max_{j} \mu_j - \mu_i \right) T_i",
    "mu, T: vector[k]; i, j: index",
    {"mu": mur, "T": Tr},
    regret_decomposition,
    wrt="mu",
    source="regret decomposition sum_i Delta_i E[T_i(n)] (Lattimore and Szepesvari, 2020, Lemma 4.5), T_i the expected pulls",
)


def ucb1_bound(mu, Delta, mu_sup_star, n):
    first = 8 * sum(math.log(n) / Delta[i] for i in range(len(mu)) if mu[i] < mu_sup_star)
    return first + (1 + math.pi**2 / 3) * sum(Delta)


row(
    "ucb1_regret_bound",
    r"8 \sum_{i : \mu_i < \mu^*} \frac{\ln n}{\Delta_i} + \left(1 + \frac{\pi^2}{3}\right) \sum_{j=1}^{K} \Delta_j",
    r"mu, Delta: vector[K]; \mu^*: scalar; n: scalar, positive; i, j: index",
    {
        "mu": mur,
        "Delta": [0.8 - v for v in mur],
        "mu_sup_star": 0.8,
        "n": 1000.0,
    },
    ucb1_bound,
    source="UCB1 expected regret bound (Auer, Cesa-Bianchi and Fischer, 2002, Theorem 1), Delta_i = mu* - mu_i",
)
row(
    "exp3_regret_bound",
    r"2 \sqrt{e - 1} \sqrt{g K \ln K}",
    "g, K: scalar, positive",
    {"g": 500.0, "K": 6.0},
    lambda g, K: 2 * math.sqrt(math.e - 1) * math.sqrt(g * K * math.log(K)),
    wrt="g",
    source="Exp3 regret bound with the tuned gamma (Auer et al., 2002, Corollary 3.2)",
)


def eps_greedy(mu_hat, epsilon):
    K = len(mu_hat)
    best = int(np.argmax(mu_hat))
    return np.asarray([(1 - epsilon) * (1.0 if i == best else 0.0) + epsilon / K for i in range(K)])


row(
    "epsilon_greedy_policy",
    r"(1 - \epsilon) \mathbb{1}\left[i = \arg\max_{j} \hat{\mu}_j\right] + \frac{\epsilon}{K}",
    r"\hat{\mu}: vector[K]; epsilon: scalar, unit; i, j: index; K: dim",
    {"mu_hat": mu_hat, "epsilon": 0.1},
    eps_greedy,
    source="epsilon-greedy action probabilities (Sutton and Barto, 2018, Sec. 2.2-2.3), exploration uniform over the K arms",
)
row(
    "successive_elimination_radius",
    r"\sqrt{\frac{\ln(4 n t^2 / \delta)}{t}}",
    "n, t: scalar, positive; delta: scalar, unit",
    {"n": 5.0, "t": 30.0, "delta": 0.1},
    lambda n, t, delta: math.sqrt(math.log(4 * n * t**2 / delta) / t),
    wrt="t",
    source="confidence radius alpha_t of successive elimination (Even-Dar, Mannor and Mansour, 2006, Algorithm 3)",
)

if __name__ == "__main__":
    A.write()
