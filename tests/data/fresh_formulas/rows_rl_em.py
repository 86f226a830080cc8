"""Rows of the fresh corpus: reinforcement learning, EM and hidden Markov models (NumPy
references from each paper's definition, 0-based arrays)."""

from __future__ import annotations

import numpy as np


def reinforcement(row, rnd, simplex, lse):
    A = "rl"
    r = [1.0, 0.0, -0.5, 2.0]
    row(
        A,
        "discounted_return",
        r"G = \sum_{t=1}^{T} \gamma^{t-1} r_t",
        "r: vector[T]; gamma: scalar, unit; t: index",
        {"r": r, "gamma": 0.9},
        lambda r, gamma: np.sum(gamma ** np.arange(len(r)) * r),
        source="discounted return (Sutton and Barto, 2018, Eq. 3.8)",
    )
    row(
        A,
        "discounted_return_zero",
        r"G_0 = \sum_{k=0}^{T-1} \gamma^k r_{k+1}",
        "r: vector[T]; gamma: scalar, unit; k: index",
        {"r": r, "gamma": 0.9},
        lambda r, gamma: np.sum(gamma ** np.arange(len(r)) * r),
        source="Sutton and Barto (2018), Eq. 3.8",
    )
    row(
        A,
        "reward_to_go",
        r"\hat{R}_t = \sum_{t'=t}^{T} \gamma^{t' - t} r_{t'}",
        "r: vector[T]; gamma: scalar, unit; t, t': index",
        {"r": r, "gamma": 0.9},
        lambda r, gamma: np.array(
            [np.sum(gamma ** np.arange(len(r) - t) * r[t:]) for t in range(len(r))]
        ),
        source="reward-to-go (Spinning Up; Schulman et al.)",
    )
    v = [0.5, 0.2, 0.1, 0.8, 0.0]
    row(
        A,
        "td_squared",
        r"\frac{1}{2} \sum_{t=1}^{T} \left(r_t + \gamma v_{t+1} - v_t\right)^2",
        "r: vector[T]; v: vector[m]; gamma: scalar, unit; t: index",
        {"r": r, "v": v, "gamma": 0.9},
        lambda r, v, gamma: 0.5 * np.sum((r + gamma * v[1:] - v[:-1]) ** 2),
        wrt="v",
        source="TD(0) (Sutton, 1988)",
    )
    row(
        A,
        "td_error_functions",
        r"\delta_t = r_t + \gamma V(s_{t+1}) - V(s_t)",
        "r_t, gamma: scalar; V: function",
        {"r_t": 1.0, "gamma": 0.9, "V(s_{t+1})": 2.0, "V(s_t)": 1.5},
        lambda **k: k["r_t"] + k["gamma"] * k["V(s_{t+1})"] - k["V(s_t)"],
        source="TD error (Sutton and Barto, 2018, Eq. 6.5)",
    )
    dl = [0.3, -0.2, 0.5, 0.1]
    row(
        A,
        "gae_vector",
        r"\hat{A}_t = \sum_{l=0}^{T-t} (\gamma \lambda)^l \delta_{t+l}",
        "delta: vector[T]; gamma, lambda: scalar, unit; l, t: index",
        {"delta": dl, "gamma": 0.9, "lambda": 0.8},
        lambda delta, gamma, **k: np.array(
            [
                np.sum((gamma * k["lambda"]) ** np.arange(len(delta) - t) * delta[t:])
                for t in range(len(delta))
            ]
        ),
        source="GAE (Schulman et al., 2016, Eq. 16)",
    )
    row(
        A,
        "gae_first",
        r"\hat{A}_1 = \sum_{l=0}^{T-1} (\gamma \lambda)^l \delta_{l+1}",
        "delta: vector[T]; gamma, lambda: scalar, unit; l: index",
        {"delta": dl, "gamma": 0.9, "lambda": 0.8},
        lambda delta, gamma, **k: np.sum((gamma * k["lambda"]) ** np.arange(len(delta)) * delta),
        wrt="delta",
        source="GAE (Schulman et al., 2016)",
    )
    rho, adv = [0.7, 1.1, 1.5, 0.95], [1.0, -0.5, 2.0, -1.0]

    def ppo(rho, A, epsilon):
        return np.mean(np.minimum(rho * A, np.clip(rho, 1 - epsilon, 1 + epsilon) * A))

    row(
        A,
        "ppo_clip",
        r"L^{\mathrm{CLIP}} = \frac{1}{T} \sum_{t=1}^{T} \min\left(\rho_t \hat{A}_t, \operatorname{clip}(\rho_t, 1 - \epsilon, 1 + \epsilon) \hat{A}_t\right)",
        "rho, A_hat: vector[T]; epsilon: scalar, positive; t: index",
        {"rho": rho, "A_hat": adv, "epsilon": 0.2},
        lambda rho, A_hat, epsilon: ppo(rho, A_hat, epsilon),
        wrt="rho",
        source="PPO (Schulman et al., 2017, Eq. 7)",
    )
    row(
        A,
        "ppo_clip_scalar",
        r"\min\left(r A, \operatorname{clip}(r, 1 - \epsilon, 1 + \epsilon) A\right)",
        "r, A, epsilon: scalar",
        {"r": 1.5, "A": 2.0, "epsilon": 0.2},
        lambda r, A, epsilon: min(r * A, np.clip(r, 1 - epsilon, 1 + epsilon) * A),
        source="PPO (Schulman et al., 2017)",
    )
    row(
        A,
        "sac_target",
        r"y = r + \gamma \left( \min(Q_1, Q_2) - \alpha \log \pi \right)",
        "r, gamma, Q_1, Q_2, alpha: scalar; pi: scalar, unit",
        {"r": 1.0, "gamma": 0.99, "Q_1": 3.0, "Q_2": 2.5, "alpha": 0.2, "pi": 0.4},
        lambda r, gamma, Q_1, Q_2, alpha, pi: r + gamma * (min(Q_1, Q_2) - alpha * np.log(pi)),
        source="SAC (Haarnoja et al., 2018), pi the policy's probability of the next action",
    )
    q = [1.0, 2.5, 0.3]
    row(
        A,
        "soft_value",
        r"V(s) = \alpha \log \sum_{a=1}^{A} \exp\left(\frac{Q_a}{\alpha}\right)",
        "Q: vector[A]; alpha: scalar, positive; a: index",
        {"Q": q, "alpha": 0.5},
        lambda Q, alpha: alpha * lse(Q / alpha),
        wrt="Q",
        source="soft Q-learning (Haarnoja et al., 2017)",
    )
    row(
        A,
        "q_learning_target",
        r"y = r + \gamma \max_{a'} Q_{a'}",
        "Q: vector[A]; r, gamma: scalar; a': index",
        {"Q": q, "r": 0.5, "gamma": 0.9},
        lambda Q, r, gamma: r + gamma * Q.max(),
        source="DQN (Mnih et al., 2015)",
    )
    th = [0.2, -0.4, 1.0]
    row(
        A,
        "reinforce_softmax",
        r"-G \log \frac{e^{\theta_2}}{\sum_{b=1}^{K} e^{\theta_b}}",
        "theta: vector[K]; G: scalar; b: index",
        {"theta": th, "G": 1.7},
        lambda theta, G: -G * (theta[1] - lse(theta)),
        wrt="theta",
        source="REINFORCE (Williams, 1992) with a softmax policy",
    )
    row(
        A,
        "pg_baseline",
        r"-\sum_{t=1}^{T} (G_t - b) \log p_t",
        "G, p: vector[T]; b: scalar; t: index",
        {"G": [2.0, 1.0, 0.5], "p": [0.5, 0.2, 0.7], "b": 1.1},
        lambda G, p, b: -np.sum((G - b) * np.log(p)),
        source="policy gradient with a baseline (Sutton and Barto, 2018, Ch. 13)",
    )
    pi = simplex(30, 4)
    row(
        A,
        "policy_entropy",
        r"\mathcal{H}(\pi) = -\sum_{a=1}^{K} \pi_a \log \pi_a",
        "pi: simplex[K]; a: index",
        {"pi": pi},
        lambda pi: -np.sum(pi * np.log(pi)),
        source="entropy bonus (Mnih et al., 2016)",
    )
    row(
        A,
        "ppo_value_clip",
        r"\max\left((V - R)^2, (V_{\mathrm{old}} + \operatorname{clip}(V - V_{\mathrm{old}}, -\epsilon, \epsilon) - R)^2\right)",
        "V, R, V_old, epsilon: scalar",
        {"V": 1.6, "R": 1.0, "V_old": 1.2, "epsilon": 0.2},
        lambda V, R, V_old, epsilon: max(
            (V - R) ** 2, (V_old + np.clip(V - V_old, -epsilon, epsilon) - R) ** 2
        ),
        source="PPO value clipping (OpenAI baselines)",
    )
    row(
        A,
        "n_step_return",
        r"\sum_{k=1}^{n} \gamma^{k-1} r_k + \gamma^n v",
        "r: vector[n]; gamma: scalar, unit; v: scalar; k: index",
        {"r": r, "gamma": 0.9, "v": 1.5},
        lambda r, gamma, v: np.sum(gamma ** np.arange(len(r)) * r) + gamma ** len(r) * v,
        source="n-step return (Sutton and Barto, 2018, Eq. 7.1)",
    )
    P = np.random.default_rng(31).uniform(0.1, 1, (2, 3))
    row(
        A,
        "bellman_expectation",
        r"\sum_{a=1}^{A} \pi_a \left( R_a + \gamma \sum_{j=1}^{S} P_{aj} v_j \right)",
        "pi: simplex[A]; R: vector[A]; P: matrix[A, S]; v: vector[S]; gamma: scalar, unit; a, j: index",
        {
            "pi": simplex(32, 2),
            "R": [1.0, -1.0],
            "P": (P / P.sum(1, keepdims=True)).tolist(),
            "v": [0.5, 1.0, 2.0],
            "gamma": 0.9,
        },
        lambda pi, R, P, v, gamma: pi @ (R + gamma * P @ v),
        source="Bellman expectation equation (Sutton and Barto, 2018, Eq. 3.14)",
    )


def gauss(x, mu, var):
    return np.exp(-((x - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)


def expectation_maximization(row, rnd, simplex, lse):
    A = "em"
    x = [-1.2, 0.3, 0.8, 2.1]
    w, mu, sg = simplex(40, 2), [0.0, 1.5], [0.8, 1.3]
    row(
        A,
        "gmm_loglik_weights",
        r"\sum_{i=1}^{N} \log \sum_{k=1}^{K} w_k \frac{1}{\sqrt{2\pi\sigma_k^2}} \exp\left(-\frac{(x_i - \mu_k)^2}{2\sigma_k^2}\right)",
        "x: vector[N]; w: simplex[K]; mu, sigma: vector[K]; i, k: index",
        {"x": x, "w": w, "mu": mu, "sigma": sg},
        lambda x, w, mu, sigma: np.sum(np.log(np.sum(w * gauss(x[:, None], mu, sigma**2), axis=1))),
        wrt="mu",
        source="GMM log-likelihood (Bishop, 2006, Eq. 9.14)",
    )
    row(
        A,
        "gmm_loglik_pi",
        r"\sum_{i=1}^{N} \log \sum_{k=1}^{K} \pi_k \frac{1}{\sqrt{2\pi\sigma_k^2}} \exp\left(-\frac{(x_i - \mu_k)^2}{2\sigma_k^2}\right)",
        "x: vector[N]; pi: simplex[K]; mu, sigma: vector[K]; i, k: index",
        {"x": x, "pi": w, "mu": mu, "sigma": sg},
        lambda x, pi, mu, sigma: np.sum(
            np.log(np.sum(pi * gauss(x[:, None], mu, sigma**2), axis=1))
        ),
        source="GMM log-likelihood (Bishop, 2006, Eq. 9.14): pi_k the weights, 2 pi the constant",
    )
    row(
        A,
        "gmm_loglik_normal",
        r"\log p(x) = \log \sum_{k=1}^{K} \pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)",
        "x: scalar; pi: simplex[K]; mu, sigma: vector[K]; k: index",
        {"x": 0.3, "pi": w, "mu": mu, "sigma": sg},
        lambda x, pi, mu, sigma: np.log(np.sum(pi * gauss(x, mu, sigma**2))),
        source="Bishop (2006), Eq. 9.7",
    )
    row(
        A,
        "responsibilities",
        r"\gamma_k = \frac{w_k \exp\left(-(x - \mu_k)^2 / (2\sigma_k^2)\right) / \sigma_k}{\sum_{j=1}^{K} w_j \exp\left(-(x - \mu_j)^2 / (2\sigma_j^2)\right) / \sigma_j}",
        "x: scalar; w: simplex[K]; mu, sigma: vector[K]; j, k: index",
        {"x": 0.3, "w": w, "mu": mu, "sigma": sg},
        lambda x, w, mu, sigma: w * gauss(x, mu, sigma**2) / np.sum(w * gauss(x, mu, sigma**2)),
        source="E-step responsibilities (Bishop, 2006, Eq. 9.23)",
    )
    R = np.random.default_rng(41).uniform(0.1, 1, (4, 2))
    R = (R / R.sum(1, keepdims=True)).tolist()
    row(
        A,
        "m_step_mean",
        r"\mu_k = \frac{\sum_{i=1}^{N} \gamma_{ik} x_i}{\sum_{i=1}^{N} \gamma_{ik}}",
        "gamma: matrix[N, K]; x: vector[N]; i, k: index",
        {"gamma": R, "x": x},
        lambda gamma, x: gamma.T @ x / gamma.sum(0),
        source="M-step (Bishop, 2006, Eq. 9.17)",
    )
    row(
        A,
        "m_step_variance",
        r"\sigma_k^2 = \frac{\sum_i \gamma_{ik} (x_i - \mu_k)^2}{\sum_i \gamma_{ik}}",
        "gamma: matrix[N, K]; x: vector[N]; mu: vector[K]; i, k: index",
        {"gamma": R, "x": x, "mu": mu},
        lambda gamma, x, mu: np.sum(gamma * (x[:, None] - mu) ** 2, 0) / gamma.sum(0),
        source="M-step (Bishop, 2006, Eq. 9.19)",
    )
    row(
        A,
        "m_step_weights",
        r"\pi_k = \frac{1}{N} \sum_{i=1}^{N} \gamma_{ik}",
        "gamma: matrix[N, K]; i, k: index; N: dim",
        {"gamma": R},
        lambda gamma: gamma.mean(0),
        source="M-step (Bishop, 2006, Eq. 9.22)",
    )
    Am = np.random.default_rng(42).uniform(0.1, 1, (3, 3))
    Am = (Am / Am.sum(1, keepdims=True)).tolist()
    al, bj = [0.2, 0.5, 0.1], [0.6, 0.3, 0.9]
    row(
        A,
        "hmm_forward",
        r"\alpha'_j = b_j \sum_{i=1}^{N} \alpha_i a_{ij}",
        "alpha, b: vector[N]; a: matrix[N, N]; i, j: index",
        {"alpha": al, "b": bj, "a": Am},
        lambda alpha, b, a: b * (alpha @ a),
        source="forward recursion (Rabiner, 1989, Eq. 20)",
    )
    row(
        A,
        "hmm_forward_rabiner",
        r"\alpha_{t+1}(j) = \left[ \sum_{i=1}^{N} \alpha_t(i) a_{ij} \right] b_j(o_{t+1})",
        "alpha_t, b: vector[N]; a: matrix[N, N]; i, j: index",
        {"alpha_t": al, "b": bj, "a": Am},
        lambda alpha_t, b, a: b * (alpha_t @ a),
        source="Rabiner (1989), Eq. 20, in his function notation",
        note="alpha_t(i) is the i-th entry of alpha_t and b_j(o_{t+1}) the emission probability b_j",
    )
    row(
        A,
        "hmm_forward_matrix",
        r"\alpha_{t+1} = \operatorname{diag}(b) A^\top \alpha_t",
        "alpha_t, b: vector[N]; A: matrix[N, N]",
        {"alpha_t": al, "b": bj, "A": Am},
        lambda alpha_t, b, A: np.diag(b) @ A.T @ alpha_t,
        source="forward recursion in matrix form",
    )
    row(
        A,
        "hmm_init",
        r"\alpha_1(i) = \pi_i b_i(o_1)",
        "pi: simplex[N]; b: vector[N]; i: index",
        {"pi": simplex(43, 3), "b": bj},
        lambda pi, b: pi * b,
        source="Rabiner (1989), Eq. 19",
    )
    be = [0.4, 0.7, 0.2]
    row(
        A,
        "hmm_backward",
        r"\beta_i = \sum_{j=1}^{N} a_{ij} b_j \tilde{\beta}_j",
        "a: matrix[N, N]; b, \\tilde{\\beta}: vector[N]; i, j: index",
        {"a": Am, "b": bj, "beta_tilde": be},
        lambda a, b, beta_tilde: a @ (b * beta_tilde),
        source="backward recursion (Rabiner, 1989, Eq. 25)",
    )
    row(
        A,
        "hmm_posterior",
        r"\gamma_i = \frac{\alpha_i \beta_i}{\sum_{j=1}^{N} \alpha_j \beta_j}",
        "alpha, beta: vector[N]; i, j: index",
        {"alpha": al, "beta": be},
        lambda alpha, beta: alpha * beta / np.sum(alpha * beta),
        source="Rabiner (1989), Eq. 27",
    )
    row(
        A,
        "em_q_function",
        r"Q = \sum_{i=1}^{N} \sum_{k=1}^{K} r_{ik} \left( \log w_k - \frac{1}{2} \log(2\pi\sigma_k^2) - \frac{(x_i - \mu_k)^2}{2\sigma_k^2} \right)",
        "r: matrix[N, K]; w: simplex[K]; x: vector[N]; mu, sigma: vector[K]; i, k: index",
        {"r": R, "w": w, "x": x, "mu": mu, "sigma": sg},
        lambda r, w, x, mu, sigma: np.sum(
            r
            * (
                np.log(w)
                - 0.5 * np.log(2 * np.pi * sigma**2)
                - (x[:, None] - mu) ** 2 / (2 * sigma**2)
            )
        ),
        wrt="mu",
        source="expected complete-data log-likelihood (Bishop, 2006, Eq. 9.40)",
    )
    ell = rnd(44, 4, 2, lo=-3, hi=0)
    row(
        A,
        "gmm_loglik_logdomain",
        r"\sum_{i=1}^{N} \log \sum_{k=1}^{K} \exp(\ell_{ik})",
        "ell: matrix[N, K]; i, k: index",
        {"ell": ell},
        lambda ell: np.sum(lse(ell, axis=1)),
        wrt="ell",
        source="log-likelihood in log domain",
    )
    row(
        A,
        "viterbi_step",
        r"\delta_{t+1}(j) = \max_{1 \le i \le N} \left[ \delta_t(i) a_{ij} \right] b_j(o_{t+1})",
        "delta_t, b: vector[N]; a: matrix[N, N]; i, j: index",
        {"delta_t": al, "b": bj, "a": Am},
        lambda delta_t, b, a: np.max(delta_t[:, None] * a, axis=0) * b,
        source="Viterbi recursion (Rabiner, 1989, Eq. 33a)",
    )
