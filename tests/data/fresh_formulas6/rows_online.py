"""Online learning and games: Hedge's exponential weights and regret, optimistic Hedge, online
gradient descent's projected step, FTRL with a quadratic regularizer and FTRL-Proximal's closed
form, AdaGrad's diagonal step and regret term, exponentiated gradient and the entropic Bregman
divergence, the online Newton step, the passive-aggressive step size, regret matching, CFR's
average strategy, and the duality gap of a matrix game (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex, softmax

A = Area("online")
row = A.row

L_h = rnd(6800, 4, 3, lo=0.0, hi=1.0)


def hedge(ell, t, eta):
    t = int(t)
    cum = np.array([sum(ell[s, i] for s in range(t - 1)) for i in range(ell.shape[1])])
    return softmax(-eta * cum)


row(
    "hedge_weight_of_one_expert",
    r"p_{t,i} = \frac{\exp\left( -\eta \sum_{s=1}^{t-1} \ell_{s,i} \right)}{\sum_{j=1}^{N} \exp\left( -\eta \sum_{s=1}^{t-1} \ell_{s,j} \right)}",
    r"\ell: matrix[T, N]; i: label[N]; t: scalar, integer, positive; \eta: scalar, positive; s, j: index",
    {"ell": L_h, "i": 2, "t": 4.0, "eta": 0.5},
    lambda ell, i, t, eta: float(hedge(ell, t, eta)[int(i) - 1]),
    wrt=r"\eta",
    key="eta",
    source="the probability the exponentially weighted average forecaster puts on expert i at round t from the cumulative losses (Cesa-Bianchi and Lugosi, 2006, Prediction, Learning, and Games, Sec. 2.1; Freund and Schapire, 1997, A Decision-Theoretic Generalization of On-Line Learning and an Application to Boosting)",
    note="i the expert, counted from 1",
)
P_r = np.asarray(simplex(6801, 4, 3))


def regret(p, ell):
    T = ell.shape[0]
    return float(
        sum(p[t] @ ell[t] for t in range(T)) - min(ell[:, i].sum() for i in range(ell.shape[1]))
    )


row(
    "hedge_regret",
    r"R_T = \sum_{t=1}^{T} \langle \mathbf{p}_t, \boldsymbol{\ell}_t \rangle - \min_{i} \sum_{t=1}^{T} \ell_{t,i}",
    r"p, \ell: matrix[T, N]; t: index",
    {"p": P_r.tolist(), "ell": L_h},
    regret,
    wrt=r"\ell",
    key="ell",
    source="regret of the forecaster's expected loss against the best of the N experts in hindsight (Cesa-Bianchi and Lugosi, 2006, Sec. 2.1; Freund and Schapire, 1997)",
    note="p_t and l_t the forecaster's distribution and the loss vector of round t, the rows of p and l",
)
Lc_o = [1.4, 0.8, 1.1]
lt_o = [0.2, 0.7, 0.4]
row(
    "optimistic_hedge",
    r"p_{t+1,i} = \frac{\exp\left( -\eta \left( L_{t,i} + \ell_{t,i} \right) \right)}{\sum_{j=1}^{N} \exp\left( -\eta \left( L_{t,j} + \ell_{t,j} \right) \right)}",
    r"L_t, \ell_t: vector[N]; i: label[N]; \eta: scalar, positive; j: index",
    {"L_t": Lc_o, "ell_t": lt_o, "i": 3, "eta": 0.8},
    lambda L_t, ell_t, i, eta: float(softmax(-eta * (L_t + ell_t))[int(i) - 1]),
    wrt=r"\ell_t",
    key="ell_t",
    source="optimistic Hedge, exponential weights on the cumulative loss plus the last loss as the prediction of the next (Rakhlin and Sridharan, 2013, Optimization, Learning, and Games with Predictable Sequences, Sec. 4; Syrgkanis, Agarwal, Luo and Schapire, 2015, Fast Convergence of Regularized Learning in Games, Sec. 3)",
    note="L_{t,i} = sum_{s <= t} l_{s,i} the cumulative loss and l_{t,i} the last loss of expert i, the entries of L_t and l_t",
)
x_og = [0.8, -0.5, 0.6]
g_og = [-0.9, 0.4, 0.3]


def ogd_ball(x_t, g_t, eta_t, D):
    y = x_t - eta_t * g_t
    return y / max(1.0, np.linalg.norm(y) / D)


row(
    "ogd_projected_step_ball",
    r"\mathbf{x}_{t+1} = \frac{\mathbf{x}_t - \eta_t \mathbf{g}_t}{\max\left\{ 1, \|\mathbf{x}_t - \eta_t \mathbf{g}_t\|_2 / D \right\}}",
    r"x_t, g_t: vector[d]; \eta_t, D: scalar, positive",
    {"x_t": x_og, "g_t": g_og, "eta_t": 0.5, "D": 1.0},
    ogd_ball,
    source="online gradient descent's step x_{t+1} = Pi_K(x_t - eta_t grad f_t(x_t)) with the Euclidean projection onto the ball K of radius D written out (Zinkevich, 2003, Online Convex Programming and Generalized Infinitesimal Gradient Ascent, Sec. 2; Hazan, 2016, Introduction to Online Convex Optimization, Algorithm 6)",
    note="g_t = grad f_t(x_t) the gradient of the round's loss at x_t",
)
G_ft = rnd(6802, 3, 4)
row(
    "ftrl_quadratic_regularizer",
    r"\mathbf{x}_{t+1} = \operatorname*{argmin}_{\mathbf{x} \in \mathbb{R}^d} \left\{ \sum_{s=1}^{t} \mathbf{g}_s^\top \mathbf{x} + \frac{1}{2\eta} \|\mathbf{x}\|_2^2 \right\}",
    r"G: matrix[t, d]; g_s: row[G]; \eta: scalar, positive; s: index",
    {"G": G_ft, "eta": 0.3},
    lambda G, eta: -eta * G.sum(axis=0),
    source="follow the regularized leader on the linearized losses with the regularizer ||x||^2 / (2 eta), unconstrained (Hazan, 2016, Sec. 5.3, RFTL; Shalev-Shwartz, 2012, Online Learning and Online Convex Optimization, Sec. 2.3)",
    note="g_s the gradients of the first t rounds, the rows of G; the minimizer is the vector -eta sum_s g_s",
)
z_fp = [0.8, -0.05, -1.3, 0.4]
n_fp = [2.0, 0.5, 4.0, 1.0]


def ftrl_prox(z, n, alpha, beta, lambda_1, lambda_2):
    out = []
    for i in range(len(z)):
        if abs(z[i]) <= lambda_1:
            out.append(0.0)
        else:
            out.append(
                -(((beta + math.sqrt(n[i])) / alpha + lambda_2) ** -1)
                * (z[i] - np.sign(z[i]) * lambda_1)
            )
    return np.array(out)


row(
    "ftrl_proximal_coordinate",
    r"w_{t+1,i} = \begin{cases} 0 & \text{if } |z_{t,i}| \le \lambda_1 \\ -\left( \frac{\beta + \sqrt{n_i}}{\alpha} + \lambda_2 \right)^{-1} \left( z_{t,i} - \operatorname{sgn}(z_{t,i}) \lambda_1 \right) & \text{otherwise} \end{cases}",
    r"z_t, n: vector[d]; \alpha, \beta, \lambda_1, \lambda_2: scalar, positive; i: index",
    {"z_t": z_fp, "n": n_fp, "alpha": 0.1, "beta": 1.0, "lambda_1": 0.1, "lambda_2": 0.5},
    lambda z_t, n, alpha, beta, lambda_1, lambda_2: ftrl_prox(
        z_t, n, alpha, beta, lambda_1, lambda_2
    ),
    source="FTRL-Proximal's per-coordinate closed-form weights with L1 and L2 regularization (McMahan et al., 2013, Ad Click Prediction: a View from the Trenches, Eq. 2 and Algorithm 1)",
    note="z_{t,i} the i-th entry of z_t, n_i the sum of the squared gradients of coordinate i; the result is the vector over i",
)
R_rm = [0.6, -0.3, 1.1, 0.2]


def regret_matching(R_sup_T):
    pos = np.maximum(R_sup_T, 0.0)
    if pos.sum() > 0:
        return pos / pos.sum()
    return np.full(len(R_sup_T), 1 / len(R_sup_T))


row(
    "regret_matching",
    r"\sigma^{T+1}(a) = \begin{cases} \frac{\max(R^T(a), 0)}{\sum_{b=1}^{|A|} \max(R^T(b), 0)} & \text{if } \sum_{b=1}^{|A|} \max(R^T(b), 0) > 0 \\ \frac{1}{|A|} & \text{otherwise} \end{cases}",
    "R^T: vector[A]; A: dim; a, b: index",
    {"R_sup_T": R_rm, "A": 4},
    lambda R_sup_T, A: regret_matching(R_sup_T),
    source="regret matching, each action played in proportion to its positive cumulative regret (Hart and Mas-Colell, 2000, A Simple Adaptive Procedure Leading to Correlated Equilibrium; Zinkevich, Johanson, Bowling and Piccione, 2007, Regret Minimization in Games with Incomplete Information, Eq. 8)",
    note="R^T(a) the cumulative regret of action a, the a-th entry of R^T; |A| the number of actions, the size A; the result is the vector over a",
)


x_ad = rnd(6805, 3)
g_ad = rnd(6806, 4, 3)


def adagrad(x_t, g, eta, t):
    t = int(t)
    return np.array(
        [
            x_t[i] - eta / math.sqrt(sum(g[s, i] ** 2 for s in range(t))) * g[t - 1, i]
            for i in range(len(x_t))
        ]
    )


row(
    "adagrad_diagonal_step",
    r"x_{t+1,i} = x_{t,i} - \frac{\eta}{\sqrt{\sum_{\tau=1}^{t} g_{\tau,i}^2}} g_{t,i}",
    r"x_t: vector[d]; g: matrix[t, d]; t: dim; \eta: scalar, positive; \tau, i: index",
    {"x_t": x_ad, "g": g_ad, "t": 4, "eta": 0.1},
    adagrad,
    source="diagonal AdaGrad, each coordinate's step scaled by the root of its summed squared gradients (Duchi, Hazan and Singer, 2011, Adaptive Subgradient Methods for Online Learning and Stochastic Optimization, Sec. 1.1 and Figure 1)",
    note="x_{t,i} the i-th entry of x_t; g_{tau,i} the i-th gradient entry of round tau, the entries of g; the result is the vector over i",
)
row(
    "adagrad_regret_term",
    r"\sum_{i=1}^{d} \left\| g_{1:T,i} \right\|_2",
    "g: matrix[T, d]; i: index",
    {"g": g_ad},
    lambda g: float(sum(np.linalg.norm(g[:, i]) for i in range(g.shape[1]))),
    wrt="g",
    source="the data-dependent term of AdaGrad's regret bound, the sum over coordinates of the norms of the gradients' histories (Duchi, Hazan and Singer, 2011, Theorem 5)",
    note="g_{1:T,i} the i-th column of g, the i-th gradient entry over the T rounds",
)
w_eg = simplex(6807, 4)
gr_eg = rnd(6808, 4)
row(
    "exponentiated_gradient_one_weight",
    r"w_{t+1,i} = \frac{w_{t,i} \exp\left( -\eta g_{t,i} \right)}{\sum_{j=1}^{N} w_{t,j} \exp\left( -\eta g_{t,j} \right)}",
    r"w_t: simplex[N]; g_t: vector[N]; i: label[N]; \eta: scalar, positive; j: index",
    {"w_t": w_eg, "g_t": gr_eg, "i": 1, "eta": 0.5},
    lambda w_t, g_t, i, eta: float(
        w_t[int(i) - 1] * math.exp(-eta * g_t[int(i) - 1]) / np.sum(w_t * np.exp(-eta * g_t))
    ),
    wrt="w_t",
    source="one coordinate of the exponentiated gradient update, mirror descent with the entropic regularizer on the simplex (Kivinen and Warmuth, 1997, Exponentiated Gradient versus Gradient Descent for Linear Predictors, Sec. 4; Hazan, 2016, Sec. 5.4)",
    note="i the coordinate, counted from 1",
)
x_br = simplex(6809, 4)
y_br = simplex(6810, 4)
row(
    "entropic_bregman_divergence",
    r"B_R(\mathbf{x} \| \mathbf{y}) = \sum_{i=1}^{n} x_i \log \frac{x_i}{y_i} - \sum_{i=1}^{n} x_i + \sum_{i=1}^{n} y_i",
    "x, y: vector[n]; i: index",
    {"x": x_br, "y": y_br},
    lambda x, y: float(np.sum(x * np.log(x / y)) - x.sum() + y.sum()),
    wrt="x",
    source="the Bregman divergence of the negative entropy R(x) = sum_i x_i log x_i, the unnormalized relative entropy of mirror descent (Hazan, 2016, Sec. 5.4; Beck and Teboulle, 2003, Mirror Descent and Nonlinear Projected Subgradient Methods for Convex Optimization)",
    note="x and y positive vectors, here on the simplex",
)
A_on = [[1.0, 0.2, 0.0], [0.2, 1.2, 0.1], [0.0, 0.1, 0.9]]
x_on = rnd(6811, 3)
g_on = rnd(6812, 3)


def ons(x_t, A_t_minus_1, g_t, gamma):
    A_t = A_t_minus_1 + np.outer(g_t, g_t)
    return x_t - np.linalg.solve(A_t, g_t) / gamma


row(
    "online_newton_step",
    r"\mathbf{y}_{t+1} = \mathbf{x}_t - \frac{1}{\gamma} \left( A_{t-1} + \mathbf{g}_t \mathbf{g}_t^\top \right)^{-1} \mathbf{g}_t",
    r"x_t, g_t: vector[n]; A_{t-1}: spd[n]; \gamma: scalar, positive",
    {"x_t": x_on, "A_t_minus_1": A_on, "g_t": g_on, "gamma": 2.0},
    ons,
    source="the online Newton step before its projection, A_t = A_{t-1} + grad_t grad_t^T (Hazan, Agarwal and Kale, 2007, Logarithmic Regret Algorithms for Online Convex Optimization, Algorithm 2)",
    note="g_t = grad f_t(x_t) the round's gradient, written nabla_t in the paper (a name the table cannot declare)",
)
w_pa = [0.3, -0.2, 0.5]
x_pa = [0.4, 0.9, -0.6]


row(
    "passive_aggressive_one_step_size",
    r"\tau_t = \min\left\{ C, \frac{\max\{0, 1 - y_t (\mathbf{w}_t \cdot \mathbf{x}_t)\}}{\|\mathbf{x}_t\|^2} \right\}",
    "w_t, x_t: vector[n]; y_t: scalar; C: scalar, positive",
    {"w_t": w_pa, "x_t": x_pa, "y_t": 1.0, "C": 2.0},
    lambda w_t, x_t, y_t, C: min(C, max(0.0, 1 - y_t * float(w_t @ x_t)) / float(x_t @ x_t)),
    wrt="w_t",
    source="PA-I's step size, the passive-aggressive step capped by the aggressiveness parameter C, with the hinge loss written out (Crammer, Dekel, Keshet, Shalev-Shwartz and Singer, 2006, Online Passive-Aggressive Algorithms, Sec. 3)",
    note="y_t in {-1, 1}",
)
pi_cf = [0.5, 0.2, 0.8]
S_cf = np.asarray(simplex(6813, 3, 3))
row(
    "cfr_average_strategy",
    r"\bar{\sigma}^T(a) = \frac{\sum_{t=1}^{T} \pi_t \, \sigma_{t a}}{\sum_{t=1}^{T} \pi_t}",
    r"\pi: vector[T]; \sigma: matrix[T, A]; t: index",
    {"pi": pi_cf, "sigma": S_cf.tolist()},
    lambda pi, sigma: sum(pi[t] * sigma[t] for t in range(len(pi))) / pi.sum(),
    source="the average strategy of counterfactual regret minimization at an information set, the strategies weighted by the player's own reach probabilities (Zinkevich, Johanson, Bowling and Piccione, 2007, Eq. 4)",
    note="pi_t = pi_i^{sigma^t}(I) the player's reach probability of the information set under sigma^t and sigma_{ta} = sigma^t(I)(a); the result is the vector over the actions a",
)
A_g = rnd(6814, 3, 4)
x_g = simplex(6815, 3)
y_g = simplex(6816, 4)
row(
    "matrix_game_duality_gap",
    r"\max_{i} (A \mathbf{y})_i - \min_{j} (\mathbf{x}^\top A)_j",
    "A: matrix[m, n]; x: simplex[m]; y: simplex[n]",
    {"A": A_g, "x": x_g, "y": y_g},
    lambda A, x, y: float(np.max(A @ y) - np.min(x @ A)),
    wrt="x",
    source="the duality gap of mixed strategies (x, y) in the zero-sum game where the row player maximizes x^T A y, zero exactly at a Nash equilibrium (von Neumann, 1928; Daskalakis, Deckelbaum and Kim, 2011, Near-Optimal No-Regret Algorithms for Zero-Sum Games, Sec. 2)",
)

if __name__ == "__main__":
    A.write()
