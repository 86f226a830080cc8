"""Offline reinforcement learning and off-policy evaluation: CQL's conservative regularizer, IQL's
expectile loss, value and Q losses and advantage-weighted policy extraction, CRR's exponential
weight, TD3+BC's normalization, REM's random-mixture TD error, and the trajectory-wise,
per-decision, weighted and consistent weighted per-decision importance sampling estimators and
the doubly robust recursion (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex

A = Area("offline")
row = A.row

Q_cql = rnd(7200, 4, 3, lo=-1.0, hi=2.0)
a_cql = [1, 3, 2, 2]


def cql(alpha, Q, a):
    N = Q.shape[0]
    return alpha * float(
        sum(math.log(float(np.sum(np.exp(Q[i])))) - Q[i, int(a[i]) - 1] for i in range(N)) / N
    )


row(
    "cql_conservative_regularizer",
    r"\alpha \frac{1}{N} \sum_{i=1}^{N} \left[ \log \sum_{b=1}^{A} \exp\left( Q(s_i, b) \right) - Q(s_i, a_i) \right]",
    r"\alpha: scalar, positive; Q: matrix[N, A]; a: labels[N, A]; i, b: index",
    {"alpha": 5.0, "Q": Q_cql, "a": a_cql},
    cql,
    wrt="Q",
    source="the CQL(H) regularizer, the soft maximum of the Q-values minus their value at the dataset's actions, on a batch of N transitions (Kumar, Zhou, Tucker and Levine, 2020, Conservative Q-Learning for Offline Reinforcement Learning, Eq. 4)",
    note="Q(s_i, b) the Q-value of action b at the i-th state of the batch, the entry (i, b) of Q; a_i the dataset's action, counted from 1; the expectations over D and pi_beta taken on the batch",
)
row(
    "iql_expectile_loss",
    r"L_2^\tau(u) = \left| \tau - \mathbb{1}(u < 0) \right| u^2",
    r"u: scalar; \tau: scalar, unit",
    {"u": -0.4, "tau": 0.7},
    lambda u, tau: abs(tau - (1.0 if u < 0 else 0.0)) * u**2,
    wrt="u",
    source="the asymmetric squared loss of expectile regression (Kostrikov, Nair and Levine, 2022, Offline Reinforcement Learning with Implicit Q-Learning, Sec. 4.1; Newey and Powell, 1987, Asymmetric Least Squares Estimation and Testing)",
)
Q_iq = rnd(7201, 5, lo=0.0, hi=2.0)
V_iq = rnd(7202, 5, lo=0.0, hi=2.0)


def iql_v(Q, V, tau):
    u = Q - V
    return float(np.mean(np.abs(tau - (u < 0)) * u**2))


row(
    "iql_value_loss",
    r"L_V(\psi) = \frac{1}{N} \sum_{i=1}^{N} \left| \tau - \mathbb{1}\left( Q_i - V_i < 0 \right) \right| \left( Q_i - V_i \right)^2",
    r"Q, V: vector[N]; \tau: scalar, unit; i: index",
    {"Q": Q_iq, "V": V_iq, "tau": 0.7},
    iql_v,
    wrt="V",
    source="IQL's value loss, the expectile regression of the target Q-values on the state values over the dataset (Kostrikov, Nair and Levine, 2022, Eq. 5 with the loss of Sec. 4.1)",
    note="Q_i = Q_theta-hat(s_i, a_i) the target network's value and V_i = V_psi(s_i) at the i-th transition of the batch",
)
r_iq = rnd(7203, 5, lo=-1.0, hi=1.0)
Vp_iq = rnd(7204, 5, lo=0.0, hi=2.0)
row(
    "iql_q_loss",
    r"L_Q(\theta) = \frac{1}{N} \sum_{i=1}^{N} \left( r_i + \gamma V'_i - Q_i \right)^2",
    r"r, V', Q: vector[N]; \gamma: scalar, unit; i: index",
    {"r": r_iq, "V_prime": Vp_iq, "Q": Q_iq, "gamma": 0.99},
    lambda r, V_prime, Q, gamma: float(np.mean((r + gamma * V_prime - Q) ** 2)),
    wrt="Q",
    source="IQL's Q-function loss, regressing Q_theta(s, a) on r + gamma V_psi(s') so that no action outside the dataset is queried (Kostrikov, Nair and Levine, 2022, Eq. 6)",
    note="V'_i = V_psi(s'_i) at the next state and Q_i = Q_theta(s_i, a_i), the i-th transition of the batch",
)
pi_iq = rnd(7205, 5, lo=0.1, hi=0.9)
row(
    "iql_policy_extraction",
    r"L_\pi(\phi) = \frac{1}{N} \sum_{i=1}^{N} \exp\left( \beta \left( Q_i - V_i \right) \right) \log \pi_i",
    r"Q, V, \pi: vector[N]; \beta: scalar, positive; i: index",
    {"Q": Q_iq, "V": V_iq, "pi": pi_iq, "beta": 3.0},
    lambda Q, V, pi, beta: float(np.mean(np.exp(beta * (Q - V)) * np.log(pi))),
    wrt="V",
    source="IQL's advantage-weighted regression objective for extracting the policy, maximized in phi (Kostrikov, Nair and Levine, 2022, Eq. 7; Peng, Kumar, Zhang and Levine, 2019)",
    note="Q_i = Q_theta-hat(s_i, a_i), V_i = V_psi(s_i) and pi_i = pi_phi(a_i | s_i) the policy's probability of the dataset's action",
)
row(
    "crr_exponential_weight",
    r"f(Q_\theta, \pi, s, a) = \exp\left( \hat{A}_\theta(s, a) / \beta \right)",
    r"\hat{A}_\theta: scalar; \beta: scalar, positive",
    {"A_hat_theta": 0.6, "beta": 0.8},
    lambda A_hat_theta, beta: math.exp(A_hat_theta / beta),
    wrt=r"\beta",
    key="beta",
    source="critic regularized regression's exponential filter of the dataset's actions by their estimated advantage (Wang et al., 2020, Critic Regularized Regression, Sec. 3, the exp variant)",
    note="A-hat_theta(s, a) the estimated advantage of the dataset's action a at s, a given number (the paper clips the weight at 20 in practice; it is below here)",
)
Q_tb = rnd(7206, 5, lo=-3.0, hi=3.0)
row(
    "td3_bc_normalizer",
    r"\lambda = \frac{\alpha}{\frac{1}{N} \sum_{i=1}^{N} \left| Q(s_i, a_i) \right|}",
    r"Q: vector[N]; \alpha: scalar, positive; i: index",
    {"Q": Q_tb, "alpha": 2.5},
    lambda Q, alpha: alpha / float(np.mean(np.abs(Q))),
    wrt="Q",
    source="TD3+BC's weight of the Q term against the behaviour cloning term, normalized by the mean absolute Q-value of the batch (Fujimoto and Gu, 2021, A Minimalist Approach to Offline Reinforcement Learning, Sec. 5)",
    note="Q(s_i, a_i) the critic's value at the i-th pair of the batch, the i-th entry of Q",
)
al_rem = simplex(7207, 3)
Q_rem = rnd(7208, 3, 4, lo=0.0, hi=1.0)
Qp_rem = rnd(7209, 3, 4, lo=0.0, hi=1.0)


def rem(alpha, Q, Q_prime, a, r, gamma):
    cur = float(alpha @ Q[:, int(a) - 1])
    nxt = max(float(alpha @ Q_prime[:, b]) for b in range(Q.shape[1]))
    return 0.5 * (cur - r - gamma * nxt) ** 2


row(
    "rem_mixture_td_loss",
    r"\frac{1}{2} \left( \sum_{k=1}^{K} \alpha_k Q_{k a} - r - \gamma \max_{a'} \sum_{k=1}^{K} \alpha_k Q'_{k a'} \right)^2",
    r"\alpha: simplex[K]; Q, Q': matrix[K, A]; a: label[A]; a': index; r: scalar; \gamma: scalar, unit",
    {"alpha": al_rem, "Q": Q_rem, "Q_prime": Qp_rem, "a": 2, "r": 0.1, "gamma": 0.9},
    rem,
    wrt="Q",
    source="random ensemble mixture, the TD error of a random convex combination of K Q-heads against the same combination of the target heads (Agarwal, Schuurmans and Norouzi, 2020, An Optimistic Perspective on Offline Reinforcement Learning, Sec. 4)",
    note="Q_{ka} = Q^k_theta(s, a) the k-th head at the transition's state and action, Q'_{ka'} = Q^k_theta'(s', a') the target heads at the next state; a counted from 1; the paper's Huber loss l_lambda is in its quadratic zone (|TD error| < lambda = 1), where it is half the square",
)
rho_is = rnd(7210, 4, lo=0.5, hi=1.5)
r_is = rnd(7211, 4, lo=0.0, hi=1.0)


def pdis(rho, r, gamma):
    return float(sum(gamma**t * np.prod(rho[: t + 1]) * r[t] for t in range(len(r))))


row(
    "per_decision_importance_sampling",
    r"\hat{V}_{\mathrm{PDIS}} = \sum_{t=0}^{H-1} \gamma^t \left( \prod_{k=0}^{t} \rho_k \right) r_t",
    r"\rho, r: vector[H]; \gamma: scalar, unit; t, k: index",
    {"rho": rho_is, "r": r_is, "gamma": 0.9},
    pdis,
    wrt=r"\rho",
    key="rho",
    source="per-decision importance sampling estimate of the target policy's return from one behaviour trajectory, each reward weighted by the ratios up to its own step (Precup, Sutton and Singh, 2000, Eligibility Traces for Off-Policy Policy Evaluation, Sec. 3)",
    note="rho_k = pi_e(a_k | s_k) / pi_b(a_k | s_k) the importance ratio of step k; entries of rho and r counted from 0, as the steps",
)
row(
    "trajectory_importance_sampling",
    r"\hat{V}_{\mathrm{IS}} = \left( \prod_{t=0}^{H-1} \rho_t \right) \sum_{t=0}^{H-1} \gamma^t r_t",
    r"\rho, r: vector[H]; \gamma: scalar, unit; t: index",
    {"rho": rho_is, "r": r_is, "gamma": 0.9},
    lambda rho, r, gamma: float(np.prod(rho) * sum(gamma**t * r[t] for t in range(len(r)))),
    wrt=r"\rho",
    key="rho",
    source="the ordinary importance sampling estimate of the return, the whole trajectory's likelihood ratio times its discounted return (Precup, Sutton and Singh, 2000, Sec. 2)",
    note="rho_t = pi_e(a_t | s_t) / pi_b(a_t | s_t); entries counted from 0, as the steps",
)
R_w = rnd(7212, 3, 4, lo=0.5, hi=1.5)
G_w = rnd(7213, 3, lo=0.0, hi=3.0)


def wis(rho, G):
    w = np.prod(rho, axis=1)
    return float(np.sum(w * G) / np.sum(w))


row(
    "weighted_importance_sampling",
    r"\hat{V}_{\mathrm{WIS}} = \frac{\sum_{i=1}^{n} \left( \prod_{t=1}^{H} \rho_{i,t} \right) G_i}{\sum_{i=1}^{n} \prod_{t=1}^{H} \rho_{i,t}}",
    r"\rho: matrix[n, H]; G: vector[n]; i, t: index",
    {"rho": R_w, "G": G_w},
    wis,
    wrt=r"\rho",
    key="rho",
    source="weighted importance sampling over n behaviour trajectories, the returns averaged with the normalized likelihood ratios (Precup, Sutton and Singh, 2000, Sec. 2; Mahmood, van Hasselt and Sutton, 2014, Weighted Importance Sampling for Off-Policy Learning with Linear Function Approximation)",
    note="rho_{i,t} the importance ratio of step t of trajectory i and G_i its discounted return",
)
Rr_w = rnd(7214, 3, 4, lo=0.0, hi=1.0)


def cwpdis(rho, r, gamma):
    H = rho.shape[1]
    total = 0.0
    for t in range(H):
        w = np.prod(rho[:, : t + 1], axis=1)
        total += gamma**t * float(np.sum(w * r[:, t]) / np.sum(w))
    return total


row(
    "consistent_weighted_per_decision_is",
    r"\sum_{t=1}^{H} \gamma^{t-1} \frac{\sum_{i=1}^{n} \left( \prod_{k=1}^{t} \rho_{i,k} \right) r_{i,t}}{\sum_{i=1}^{n} \prod_{k=1}^{t} \rho_{i,k}}",
    r"\rho, r: matrix[n, H]; \gamma: scalar, unit; i, t, k: index",
    {"rho": R_w, "r": Rr_w, "gamma": 0.9},
    cwpdis,
    wrt="r",
    source="consistent weighted per-decision importance sampling, each step's reward averaged over the n trajectories with its own normalized ratios (Thomas, 2015, Safe Reinforcement Learning, PhD thesis, Sec. 3.8; Thomas and Brunskill, 2016, Data-Efficient Off-Policy Policy Evaluation for Reinforcement Learning, Sec. 2)",
    note="rho_{i,k} the importance ratio and r_{i,t} the reward of step t of trajectory i",
)
row(
    "doubly_robust_recursion",
    r"V_{\mathrm{DR}}^{H+1-t} = \hat{V}(s_t) + \rho_t \left( r_t + \gamma V_{\mathrm{DR}}^{H-t} - \hat{Q}(s_t, a_t) \right)",
    r"\hat{V}, \hat{Q}, r_t, V_{\mathrm{DR}}^{H-t}: scalar; \rho_t: scalar, nonnegative; \gamma: scalar, unit",
    {
        "V_hat": 0.8,
        "Q_hat": 0.9,
        "r_t": 0.3,
        "V_DR_sup_H_minus_t": 0.7,
        "rho_t": 1.2,
        "gamma": 0.95,
    },
    lambda V_hat, Q_hat, r_t, V_DR_sup_H_minus_t, rho_t, gamma: (
        V_hat + rho_t * (r_t + gamma * V_DR_sup_H_minus_t - Q_hat)
    ),
    wrt=r"\rho_t",
    key="rho_t",
    source="one step of the doubly robust off-policy value estimator, the model's value corrected by the importance-weighted TD error (Jiang and Li, 2016, Doubly Robust Off-policy Value Evaluation for Reinforcement Learning, Sec. 4)",
    note="V-hat(s_t) and Q-hat(s_t, a_t) the approximate model's values at step t, given numbers; rho_t = pi_1(a_t | s_t) / pi_0(a_t | s_t); V_DR^{H-t} the estimate of the remaining steps",
)

if __name__ == "__main__":
    A.write()
