"""Preference learning and RLHF: the Bradley-Terry model and reward-model loss, DPO and its
implicit reward and gradient weight, IPO, KTO, ORPO, the KL-shaped RLHF reward, PPO's KL-penalized
and clipped surrogates and adaptive KL coefficient, GAE as an explicit sum, advantage- and
reward-weighted regression, and GRPO's group advantage and KL estimator (NumPy references from each
paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex

A = Area("rlhf")
row = A.row


def logsig(t):
    return -math.log(1 + math.exp(-t))


r_bt = rnd(3900, 2, 3, lo=-1.0, hi=2.0)


def bt(r_sup_star, x, y_1, y_2):
    a = r_sup_star[int(x) - 1, int(y_1) - 1]
    b = r_sup_star[int(x) - 1, int(y_2) - 1]
    return math.exp(a) / (math.exp(a) + math.exp(b))


row(
    "bradley_terry_preference",
    r"p^*(y_1 \succ y_2 \mid x) = \frac{\exp\left(r^*(x, y_1)\right)}{\exp\left(r^*(x, y_1)\right) + \exp\left(r^*(x, y_2)\right)}",
    "r^*: matrix[M, K]; x: label[M]; y_1, y_2: label[K]",
    {"r_sup_star": r_bt, "x": 2, "y_1": 1, "y_2": 3},
    bt,
    wrt="r^*",
    key="r_sup_star",
    source="Bradley-Terry model of human preference (Bradley and Terry, 1952; Rafailov et al., 2023, Direct Preference Optimization, Eq. 1)",
    note="r*(x, y) the entry (x, y) of the reward table: x indexes the M prompts, y the K responses, both counted from 1",
)
r_rm = rnd(3901, 2, 4, lo=-1.0, hi=2.0)
y_rank = [3, 1, 4, 2]


def rm_loss(r_theta, x, y):
    K = len(y)
    row_ = r_theta[int(x) - 1]
    o = [int(v) - 1 for v in y]
    total = sum(logsig(row_[o[j]] - row_[o[k]]) for j in range(K - 1) for k in range(j + 1, K))
    return -total / math.comb(K, 2)


row(
    "instructgpt_reward_model_loss",
    r"\operatorname{loss}(\theta) = -\frac{1}{\binom{K}{2}} \sum_{j=1}^{K-1} \sum_{k=j+1}^{K} \log\left(\sigma\left(r_\theta(x, y_j) - r_\theta(x, y_k)\right)\right)",
    r"r_\theta: matrix[M, K]; x: label[M]; y: labels[K, K]; j, k: index",
    {"r_theta": r_rm, "x": 1, "y": y_rank},
    rm_loss,
    wrt=r"r_\theta",
    key="r_theta",
    source="reward-model loss over the K-choose-2 comparisons of K ranked responses (Ouyang et al., 2022, Training Language Models to Follow Instructions with Human Feedback, Eq. 1)",
    note="the expectation over (x, y_w, y_l) ~ D is taken for one prompt x with its K responses ranked best first, y_j the response at rank j; r_theta(x, y) the entry (x, y) of the reward table",
)
pt = [0.02, 0.11, 0.05, 0.3]
pr = [0.04, 0.06, 0.08, 0.25]
POLICY = "pi(y | x) the probability of response y to the one prompt x, the entries of the declared vector over K candidate responses"


def dpo(pi_theta, pi_ref, y_w, y_l, beta):
    w, v = int(y_w) - 1, int(y_l) - 1
    return -logsig(
        beta * math.log(pi_theta[w] / pi_ref[w]) - beta * math.log(pi_theta[v] / pi_ref[v])
    )


row(
    "dpo_loss",
    r"\mathcal{L}_{\mathrm{DPO}}(\pi_\theta; \pi_{\mathrm{ref}}) = -\log \sigma\left( \beta \log \frac{\pi_\theta(y_w \mid x)}{\pi_{\mathrm{ref}}(y_w \mid x)} - \beta \log \frac{\pi_\theta(y_l \mid x)}{\pi_{\mathrm{ref}}(y_l \mid x)} \right)",
    r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y_w, y_l: label[K]; \beta: scalar, positive",
    {"pi_theta": pt, "pi_ref": pr, "y_w": 2, "y_l": 4, "beta": 0.1},
    dpo,
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="direct preference optimization loss of one preference triple (Rafailov et al., 2023, Eq. 7)",
    note="the expectation over (x, y_w, y_l) ~ D taken at one triple; " + POLICY,
)
row(
    "dpo_implicit_reward",
    r"\hat{r}_\theta(x, y) = \beta \log \frac{\pi_\theta(y \mid x)}{\pi_{\mathrm{ref}}(y \mid x)}",
    r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y: label[K]; \beta: scalar, positive",
    {"pi_theta": pt, "pi_ref": pr, "y": 2, "beta": 0.1},
    lambda pi_theta, pi_ref, y, beta: beta * math.log(pi_theta[int(y) - 1] / pi_ref[int(y) - 1]),
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="the reward implicitly defined by the language model and the reference model (Rafailov et al., 2023, Sec. 5)",
    note=POLICY,
)


def dpo_weight(pi_theta, pi_ref, y_w, y_l, beta):
    w, v = int(y_w) - 1, int(y_l) - 1
    return beta * float(
        sigmoid(beta * math.log(pi_theta[v] / pi_ref[v]) - beta * math.log(pi_theta[w] / pi_ref[w]))
    )


row(
    "dpo_gradient_weight",
    r"\beta \, \sigma\left( \beta \log \frac{\pi_\theta(y_l \mid x)}{\pi_{\mathrm{ref}}(y_l \mid x)} - \beta \log \frac{\pi_\theta(y_w \mid x)}{\pi_{\mathrm{ref}}(y_w \mid x)} \right)",
    r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y_w, y_l: label[K]; \beta: scalar, positive",
    {"pi_theta": pt, "pi_ref": pr, "y_w": 2, "y_l": 4, "beta": 0.1},
    dpo_weight,
    wrt=r"\beta",
    key="beta",
    source="weight of an example in the DPO gradient, beta sigma(r-hat(x, y_l) - r-hat(x, y_w)) (Rafailov et al., 2023, Sec. 4, the gradient of the DPO loss)",
    note=POLICY,
)


def ipo(pi, pi_ref, y_w, y_l, tau):
    w, v = int(y_w) - 1, int(y_l) - 1
    return (math.log(pi[w] * pi_ref[v] / (pi[v] * pi_ref[w])) - 1 / (2 * tau)) ** 2


row(
    "ipo_loss",
    r"\left( \log \left( \frac{\pi(y_w) \pi_{\mathrm{ref}}(y_l)}{\pi(y_l) \pi_{\mathrm{ref}}(y_w)} \right) - \frac{\tau^{-1}}{2} \right)^2",
    r"\pi, \pi_{\mathrm{ref}}: vector[K]; y_w, y_l: label[K]; \tau: scalar, positive",
    {"pi": pt, "pi_ref": pr, "y_w": 2, "y_l": 4, "tau": 0.5},
    ipo,
    wrt=r"\pi",
    key="pi",
    source="empirical IPO loss of one preference pair (Azar et al., 2024, A General Theoretical Paradigm to Understand Learning from Human Preferences, Sec. 5, the empirical IPO loss)",
    note="pi(y) = pi(y | x) for the one prompt x; " + POLICY,
)


def kto_d(pi_theta, pi_ref, y, lambda_D, beta, z_0):
    i = int(y) - 1
    return lambda_D - lambda_D * float(sigmoid(beta * (math.log(pi_theta[i] / pi_ref[i]) - z_0)))


row(
    "kto_desirable_loss",
    r"\lambda_D - \lambda_D \, \sigma\left( \beta \left( \log \frac{\pi_\theta(y \mid x)}{\pi_{\mathrm{ref}}(y \mid x)} - z_0 \right) \right)",
    r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y: label[K]; \lambda_D, \beta: scalar, positive; z_0: scalar, nonnegative",
    {"pi_theta": pt, "pi_ref": pr, "y": 2, "lambda_D": 1.0, "beta": 0.1, "z_0": 0.3},
    kto_d,
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="KTO loss lambda_y - v(x, y) of a desirable output, v = lambda_D sigma(beta (r_theta(x, y) - z_0)) (Ethayarajh et al., 2024, KTO: Model Alignment as Prospect Theoretic Optimization, Sec. 4)",
    note="r_theta(x, y) = log pi_theta(y | x) / pi_ref(y | x) written out; z_0 the reference point (a KL estimate), given; "
    + POLICY,
)


def kto_u(pi_theta, pi_ref, y, lambda_U, beta, z_0):
    i = int(y) - 1
    return lambda_U - lambda_U * float(sigmoid(beta * (z_0 - math.log(pi_theta[i] / pi_ref[i]))))


row(
    "kto_undesirable_loss",
    r"\lambda_U - \lambda_U \, \sigma\left( \beta \left( z_0 - \log \frac{\pi_\theta(y \mid x)}{\pi_{\mathrm{ref}}(y \mid x)} \right) \right)",
    r"\pi_\theta, \pi_{\mathrm{ref}}: vector[K]; y: label[K]; \lambda_U, \beta: scalar, positive; z_0: scalar, nonnegative",
    {"pi_theta": pt, "pi_ref": pr, "y": 4, "lambda_U": 1.33, "beta": 0.1, "z_0": 0.3},
    kto_u,
    wrt="z_0",
    source="KTO loss of an undesirable output, v = lambda_U sigma(beta (z_0 - r_theta(x, y))) (Ethayarajh et al., 2024, Sec. 4)",
    note=POLICY,
)
r_sh = rnd(3902, 2, 4, lo=-1.0, hi=2.0)
p_rl = [0.1, 0.35, 0.05, 0.2]
p_sft = [0.15, 0.2, 0.1, 0.25]


def shaped(r_theta, pi_phi_sup_RL, pi_sup_SFT, x, y, beta):
    i = int(y) - 1
    return r_theta[int(x) - 1, i] - beta * math.log(pi_phi_sup_RL[i] / pi_sup_SFT[i])


row(
    "kl_shaped_reward",
    r"R(x, y) = r_\theta(x, y) - \beta \log \left[ \pi^{\mathrm{RL}}_\phi(y \mid x) / \pi^{\mathrm{SFT}}(y \mid x) \right]",
    r"r_\theta: matrix[M, K]; \pi^{\mathrm{RL}}_\phi, \pi^{\mathrm{SFT}}: vector[K]; x: label[M]; y: label[K]; \beta: scalar, positive",
    {"r_theta": r_sh, "pi_phi_sup_RL": p_rl, "pi_sup_SFT": p_sft, "x": 2, "y": 2, "beta": 0.02},
    shaped,
    wrt=r"\pi^{\mathrm{RL}}_\phi",
    key="pi_phi_sup_RL",
    source="reward with a per-response KL penalty towards the supervised policy maximized by PPO (Stiennon et al., 2020, Learning to Summarize from Human Feedback, Sec. 3.4; Ouyang et al., 2022, Eq. 2 without the pretraining term)",
    note="r_theta(x, y) the entry (x, y) of the reward table; the policies' probabilities of the responses to the prompt x are the entries of the declared vectors",
)
P_th = np.asarray(simplex(3903, 2, 3))
P_old = np.asarray(simplex(3904, 2, 3))
s_t = [1, 2, 2]
a_t = [3, 1, 2]
A_t = rnd(3905, 3)


def klpen(pi_theta, pi_theta_old, s, a, A_hat, beta):
    T = len(s)
    K = pi_theta.shape[1]
    total = 0.0
    for t in range(T):
        st, at = int(s[t]) - 1, int(a[t]) - 1
        kl = sum(
            pi_theta_old[st, b] * math.log(pi_theta_old[st, b] / pi_theta[st, b]) for b in range(K)
        )
        total += pi_theta[st, at] / pi_theta_old[st, at] * A_hat[t] - beta * kl
    return total / T


row(
    "ppo_kl_penalized_objective",
    r"\frac{1}{T} \sum_{t=1}^{T} \left[ \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\mathrm{old}}}(a_t \mid s_t)} \hat{A}_t - \beta \sum_{a'=1}^{K} \pi_{\theta_{\mathrm{old}}}(a' \mid s_t) \log \frac{\pi_{\theta_{\mathrm{old}}}(a' \mid s_t)}{\pi_\theta(a' \mid s_t)} \right]",
    r"\pi_\theta, \pi_{\theta_{\mathrm{old}}}: matrix[S, K]; s: labels[T, S]; a: labels[T, K]; \hat{A}: vector[T]; \beta: scalar, positive; t, a': index",
    {
        "pi_theta": P_th.tolist(),
        "pi_theta_old": P_old.tolist(),
        "s": s_t,
        "a": a_t,
        "A_hat": A_t,
        "beta": 0.5,
    },
    klpen,
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="PPO's KL-penalized surrogate objective L^KLPEN (Schulman et al., 2017, Proximal Policy Optimization Algorithms, Eq. 8)",
    note="the empirical expectation E-hat_t is the mean over the T steps and KL[pi_old(. | s_t), pi_theta(. | s_t)] is written out; pi(a | s) the entry (s, a) of the policy table, rows the S states",
)
p_c = [0.3, 0.45, 0.25]
p_o = [0.28, 0.42, 0.3]
p_r = [0.35, 0.35, 0.3]


def ppo_clip_kl(pi_theta, pi_theta_old, pi_ref, a_t, A_hat_t, epsilon, beta):
    i = int(a_t) - 1
    r = pi_theta[i] / pi_theta_old[i]
    kl = sum(pi_theta[b] * math.log(pi_theta[b] / pi_ref[b]) for b in range(len(pi_theta)))
    return min(r * A_hat_t, min(max(r, 1 - epsilon), 1 + epsilon) * A_hat_t) - beta * kl


row(
    "ppo_clip_with_kl_penalty",
    r"\min\left( \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\mathrm{old}}}(a_t \mid s_t)} \hat{A}_t, \operatorname{clip}\left( \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\mathrm{old}}}(a_t \mid s_t)}, 1 - \epsilon, 1 + \epsilon \right) \hat{A}_t \right) - \beta \sum_{a=1}^{K} \pi_\theta(a \mid s_t) \log \frac{\pi_\theta(a \mid s_t)}{\pi_{\mathrm{ref}}(a \mid s_t)}",
    r"\pi_\theta, \pi_{\theta_{\mathrm{old}}}, \pi_{\mathrm{ref}}: simplex[K]; a_t: label[K]; a: index; \hat{A}_t: scalar; \epsilon, \beta: scalar, positive",
    {
        "pi_theta": p_c,
        "pi_theta_old": p_o,
        "pi_ref": p_r,
        "a_t": 2,
        "A_hat_t": 0.8,
        "epsilon": 0.2,
        "beta": 0.05,
    },
    ppo_clip_kl,
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="PPO's clipped surrogate at step t (Schulman et al., 2017, Eq. 7) with a KL penalty towards the reference policy, as in RLHF fine-tuning (Ziegler et al., 2019, Fine-Tuning Language Models from Human Preferences, Sec. 2; Ouyang et al., 2022, Sec. 3.5)",
    note="pi(a | s_t) at the one state s_t, the entries of the declared simplices over the K actions",
)


def adaptive_beta(beta, d, d_targ):
    if d < d_targ / 1.5:
        return beta / 2
    if d > d_targ * 1.5:
        return beta * 2
    return beta


row(
    "ppo_adaptive_kl_coefficient",
    r"\beta \leftarrow \begin{cases} \beta / 2 & \text{if } d < d_{\mathrm{targ}} / 1.5 \\ \beta \times 2 & \text{if } d > d_{\mathrm{targ}} \times 1.5 \\ \beta & \text{otherwise} \end{cases}",
    r"\beta, d, d_{\mathrm{targ}}: scalar, positive",
    {"beta": 0.5, "d": 0.05, "d_targ": 0.01},
    adaptive_beta,
    source="adaptive KL penalty coefficient after each policy update, d the measured KL (Schulman et al., 2017, Sec. 4)",
)
r_g = rnd(3906, 4)
V_g = rnd(3907, 5)


def gae_first(r, V, gamma, **k):
    lam = k["lambda"]
    T = len(r)
    return sum((gamma * lam) ** j * (r[j] + gamma * V[j + 1] - V[j]) for j in range(T))


row(
    "gae_explicit_sum",
    r"\hat{A}_1 = \sum_{l=0}^{T-1} (\gamma \lambda)^{l} \left( r_{l+1} + \gamma V_{l+2} - V_{l+1} \right)",
    r"r: vector[T]; V: vector[N]; \gamma, \lambda: scalar, unit; l: index",
    {"r": r_g, "V": V_g, "gamma": 0.99, "lambda": 0.95},
    gae_first,
    wrt="V",
    source="generalized advantage estimate of the first step, sum_l (gamma lambda)^l delta^V_{t+l} with delta^V_t = r_t + gamma V(s_{t+1}) - V(s_t) written out (Schulman et al., 2016, High-Dimensional Continuous Control Using Generalized Advantage Estimation, Eqs. 10 and 16)",
    note="V_t = V(s_t) for t = 1, ..., T + 1 (N = T + 1 entries, the last one the bootstrap value after the last step)",
)


def gae_all(r, V, gamma, **k):
    lam = k["lambda"]
    T = len(r)
    return np.array(
        [
            sum(
                (gamma * lam) ** j * (r[t + j] + gamma * V[t + j + 1] - V[t + j])
                for j in range(T - t)
            )
            for t in range(T)
        ]
    )


row(
    "gae_every_step",
    r"\hat{A}_t = \sum_{l=0}^{T-t} (\gamma \lambda)^{l} \left( r_{t+l} + \gamma V_{t+l+1} - V_{t+l} \right)",
    r"r: vector[T]; V: vector[N]; \gamma, \lambda: scalar, unit; t, l: index",
    {"r": r_g, "V": V_g, "gamma": 0.99, "lambda": 0.95},
    gae_all,
    source="generalized advantage estimates of steps t = 1, ..., T of a trajectory cut at T (Schulman et al., 2016, Eq. 16; Schulman et al., 2017, Eq. 11)",
    note="V_t = V(s_t) for t = 1, ..., T + 1 (N = T + 1 entries); the result is the vector over t",
)
Pi_aw = np.asarray(simplex(3908, 2, 3))
s_aw = [1, 2, 1, 2]
a_aw = [2, 2, 3, 1]
R_aw = rnd(3909, 4, lo=0.0, hi=2.0)
V_aw = [0.9, 1.1]


def awr(pi, s, a, R_cal, V, beta):
    N = len(s)
    return (
        sum(
            math.log(pi[int(s[i]) - 1, int(a[i]) - 1])
            * math.exp((R_cal[i] - V[int(s[i]) - 1]) / beta)
            for i in range(N)
        )
        / N
    )


row(
    "awr_policy_objective",
    r"\frac{1}{N} \sum_{i=1}^{N} \log \pi(a_i \mid s_i) \exp\left( \frac{1}{\beta} \left( \mathcal{R}_i - V(s_i) \right) \right)",
    r"\pi: matrix[S, K]; s: labels[N, S]; a: labels[N, K]; \mathcal{R}: vector[N]; V: vector[S]; \beta: scalar, positive; i: index",
    {"pi": Pi_aw.tolist(), "s": s_aw, "a": a_aw, "R_cal": R_aw, "V": V_aw, "beta": 1.0},
    awr,
    wrt=r"\pi",
    key="pi",
    source="advantage-weighted regression's policy objective over the N samples of the buffer (Peng, Kumar, Zhang and Levine, 2019, Advantage-Weighted Regression, Sec. 3 and Algorithm 1)",
    note="pi(a | s) the entry (s, a) of the policy table; V(s_i) the value of state s_i, the entry of V at the label s_i; R_i the return of sample i",
)
Phi_rw = rnd(3910, 4, 2)
R_rw = np.diag([0.5, 1.2, 0.3, 0.9]).tolist()
U_rw = rnd(3911, 4)
row(
    "rwr_linear_policy_update",
    r"\theta_{k+1} = \left( \Phi^T R \Phi \right)^{-1} \Phi^T R U",
    r"\Phi: matrix[n, m]; R: spd[n]; U: vector[n]",
    {"Phi": Phi_rw, "R": R_rw, "U": U_rw},
    lambda Phi, R, U: np.linalg.solve(Phi.T @ R @ Phi, Phi.T @ R @ U),
    source="reward-weighted regression's update of a linear policy, a least-squares fit weighted by the rewards (Peters and Schaal, 2007, Reinforcement Learning by Reward-Weighted Regression for Operational Space Control, the update of a linear policy)",
    note="Phi the features of the n samples, U their actions, R = diag(r) the diagonal matrix of their (transformed) rewards",
)
P_or = [0.3, 0.12, 0.45, 0.2]


def orpo(P_theta, y_w, y_l):
    a = P_theta[int(y_w) - 1]
    b = P_theta[int(y_l) - 1]
    return -logsig(math.log((a / (1 - a)) / (b / (1 - b))))


row(
    "orpo_odds_ratio_loss",
    r"\mathcal{L}_{OR} = -\log \sigma\left( \log \frac{P_\theta(y_w \mid x) / (1 - P_\theta(y_w \mid x))}{P_\theta(y_l \mid x) / (1 - P_\theta(y_l \mid x))} \right)",
    r"P_\theta: vector[K]; y_w, y_l: label[K]",
    {"P_theta": P_or, "y_w": 3, "y_l": 2},
    orpo,
    wrt=r"P_\theta",
    key="P_theta",
    source="odds-ratio term of ORPO, odds_theta(y | x) = P_theta(y | x) / (1 - P_theta(y | x)) written out (Hong, Lee and Thorne, 2024, ORPO: Monolithic Preference Optimization without Reference Model, Sec. 4)",
    note="P_theta(y | x) the (length-normalized) likelihood of response y to the prompt x, the entries of P_theta",
)
r_gr = [1.0, 0.0, 0.5, 1.0, 0.0]
row(
    "grpo_group_advantage",
    r"\tilde{r}_i = \frac{r_i - \operatorname{mean}(\mathbf{r})}{\operatorname{std}(\mathbf{r})}",
    "r: vector[G]; i: index",
    {"r": r_gr},
    lambda r: (r - r.mean()) / r.std(),
    source="group-normalized reward of output i among the G outputs sampled for one question, the advantage of all its tokens (Shao et al., 2024, DeepSeekMath, Sec. 4.1.2)",
    note="std the population standard deviation (dividing by G); the result is the vector over i",
)
pt_v = simplex(3912, 5)
pr_v = simplex(3913, 5)


def k3(pi_theta, pi_ref, o_i_t):
    j = int(o_i_t) - 1
    q = pi_ref[j] / pi_theta[j]
    return q - math.log(q) - 1


row(
    "grpo_kl_estimator",
    r"\frac{\pi_{\mathrm{ref}}(o_{i,t} \mid q, o_{i,<t})}{\pi_\theta(o_{i,t} \mid q, o_{i,<t})} - \log \frac{\pi_{\mathrm{ref}}(o_{i,t} \mid q, o_{i,<t})}{\pi_\theta(o_{i,t} \mid q, o_{i,<t})} - 1",
    r"\pi_\theta, \pi_{\mathrm{ref}}: simplex[V]; o_{i,t}: label[V]",
    {"pi_theta": pt_v, "pi_ref": pr_v, "o_i_t": 4},
    k3,
    wrt=r"\pi_\theta",
    key="pi_theta",
    source="unbiased estimator of KL(pi_theta || pi_ref) at the sampled token o_{i,t} (Shao et al., 2024, DeepSeekMath, Eq. 4; Schulman, 2020, Approximating KL Divergence)",
    note="the next-token distributions over the V tokens in the context (q, o_{i,<t}) are the declared simplices; o_{i,t} the sampled token, counted from 1",
)

if __name__ == "__main__":
    A.write()
