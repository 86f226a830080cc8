"""Imitation learning and inverse reinforcement learning: behaviour cloning's Gaussian and
categorical likelihoods, GAIL's discriminator objective, AIRL's discriminator and reward, maximum
entropy IRL's trajectory distribution, log-likelihood and gradient, the soft-optimal policy,
apprenticeship learning's feature expectations and projection step, and DAgger's mixture policy
and its schedule (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, sigmoid, simplex, softmax

A = Area("imitation")
row = A.row

a_bc = rnd(7100, 3)
mu_bc = rnd(7101, 3)
sd_bc = rnd(7102, 3, lo=0.3, hi=1.2)


def gauss_nll(a, mu, sigma, d):
    return float(
        sum((a[j] - mu[j]) ** 2 / (2 * sigma[j] ** 2) + math.log(sigma[j]) for j in range(int(d)))
        + d / 2 * math.log(2 * math.pi)
    )


row(
    "bc_gaussian_negative_log_likelihood",
    r"-\log \pi_\theta(\mathbf{a} \mid \mathbf{s}) = \sum_{j=1}^{d} \left( \frac{(a_j - \mu_j)^2}{2 \sigma_j^2} + \log \sigma_j \right) + \frac{d}{2} \log 2\pi",
    r"a, \mu, \sigma: vector[d]; d: dim; j: index",
    {"a": a_bc, "mu": mu_bc, "sigma": sd_bc, "d": 3},
    gauss_nll,
    wrt=r"\mu",
    key="mu",
    source="behaviour cloning by maximum likelihood with a diagonal Gaussian policy, the negative log-likelihood of the expert's action a at state s (Pomerleau, 1991, Efficient Training of Artificial Neural Networks for Autonomous Navigation; Osa, Pajarinen, Neumann, Bagnell, Abbeel and Peters, 2018, An Algorithmic Perspective on Imitation Learning, Sec. 3)",
    note="mu = mu_theta(s) and sigma = sigma_theta(s) the policy's mean and standard deviations at s",
)
Z_bc = rnd(7103, 4, 3, lo=-2.0, hi=2.0)
a_lab = [2, 1, 3, 2]
row(
    "bc_categorical_cross_entropy",
    r"\mathcal{L}_{\mathrm{BC}}(\theta) = -\frac{1}{N} \sum_{i=1}^{N} \log \frac{\exp(z_{i, a_i})}{\sum_{b=1}^{A} \exp(z_{i b})}",
    "z: matrix[N, A]; a: labels[N, A]; i, b: index",
    {"z": Z_bc, "a": a_lab},
    lambda z, a: -float(np.mean([log_softmax(z[i])[int(a[i]) - 1] for i in range(len(a))])),
    wrt="z",
    source="behaviour cloning with a discrete action space, the cross-entropy of the softmax policy on the N expert state-action pairs (Ross, Gordon and Bagnell, 2011, A Reduction of Imitation Learning and Structured Prediction to No-Regret Online Learning, Sec. 2; Osa et al., 2018, Sec. 3)",
    note="z_{i,b} the policy's logit of action b at the i-th expert state s_i; a_i the expert's action, counted from 1",
)
z_ga = rnd(7104, 4, lo=-1.5, hi=1.5)
zE_ga = rnd(7105, 3, lo=-1.5, hi=1.5)
row(
    "gail_discriminator_objective",
    r"\frac{1}{N} \sum_{i=1}^{N} \log \sigma(z_i) + \frac{1}{M} \sum_{j=1}^{M} \log\left( 1 - \sigma(z^E_j) \right)",
    "z: vector[N]; z^E: vector[M]; i, j: index",
    {"z": z_ga, "z_sup_E": zE_ga},
    lambda z, z_sup_E: float(np.mean(np.log(sigmoid(z))) + np.mean(np.log(1 - sigmoid(z_sup_E)))),
    wrt="z",
    source="GAIL's discriminator objective, the empirical E_pi[log D_w(s, a)] + E_piE[log(1 - D_w(s, a))] on N policy and M expert samples (Ho and Ermon, 2016, Generative Adversarial Imitation Learning, Algorithm 1)",
    note="D_w(s, a) = sigma(z) with z the discriminator's logit; z_i at the policy's samples and z^E_j at the expert's; in GAIL's convention D is near 1 on the policy's samples",
)
row(
    "airl_discriminator",
    r"D_\theta(s, a) = \frac{\exp\{f_\theta(s, a)\}}{\exp\{f_\theta(s, a)\} + \pi(a \mid s)}",
    r"f_\theta: scalar; \pi: scalar, unit",
    {"f_theta": 0.3, "pi": 0.4},
    lambda f_theta, pi: math.exp(f_theta) / (math.exp(f_theta) + pi),
    wrt=r"f_\theta",
    key="f_theta",
    source="the adversarial inverse RL discriminator, the learned f_theta against the policy's own likelihood (Fu, Luo and Levine, 2018, Learning Robust Rewards with Adversarial Inverse Reinforcement Learning, Sec. 4; Finn, Christiano, Abbeel and Levine, 2016)",
    note="f_theta(s, a) and pi(a | s) the learned function's value and the policy's probability of a at s, given numbers",
)
row(
    "airl_reward",
    r"\hat{r}(s, a) = \log D_\theta(s, a) - \log\left( 1 - D_\theta(s, a) \right)",
    r"D_\theta: scalar, unit",
    {"D_theta": 0.65},
    lambda D_theta: math.log(D_theta) - math.log(1 - D_theta),
    wrt=r"D_\theta",
    key="D_theta",
    source="the reward AIRL gives the policy, log D - log(1 - D) = f_theta(s, a) - log pi(a | s) (Fu, Luo and Levine, 2018, Algorithm 1)",
    note="D_theta(s, a) the discriminator's value at (s, a), a given number",
)
th_me = rnd(7106, 3)
F_me = rnd(7107, 5, 3)
row(
    "maxent_irl_trajectory_probability",
    r"P(\zeta_i \mid \theta) = \frac{e^{\theta^\top \mathbf{f}_{\zeta_i}}}{\sum_{j=1}^{n} e^{\theta^\top \mathbf{f}_{\zeta_j}}}",
    r"\theta: vector[k]; F: matrix[n, k]; f_{\zeta_j}: row[F]; i: label[n]; j: index",
    {"theta": th_me, "F": F_me, "i": 2},
    lambda theta, F, i: float(softmax(F @ theta)[int(i) - 1]),
    wrt=r"\theta",
    key="theta",
    source="the maximum entropy distribution over paths of a deterministic MDP, exponential in the reward theta^T f_zeta of the path's feature counts (Ziebart, Maas, Bagnell and Dey, 2008, Maximum Entropy Inverse Reinforcement Learning, Eq. 1)",
    note="the partition function Z(theta) written as the sum over the n paths of a finite set; f_{zeta_j} the feature counts of path zeta_j, the j-th row of F; i the path, counted from 1",
)
c_me = [2, 5, 2]


def maxent_ll(theta, F, c):
    lse = math.log(float(np.sum(np.exp(F @ theta))))
    return float(sum(theta @ F[int(ci) - 1] - lse for ci in c))


row(
    "maxent_irl_log_likelihood",
    r"L(\theta) = \sum_{i=1}^{m} \left( \theta^\top \mathbf{f}_{c_i} - \log \sum_{j=1}^{n} e^{\theta^\top \mathbf{f}_j} \right)",
    r"\theta: vector[k]; F: matrix[n, k]; f_j: row[F]; c: labels[m, n]; i, j: index",
    {"theta": th_me, "F": F_me, "c": c_me},
    maxent_ll,
    wrt=r"\theta",
    key="theta",
    source="the log-likelihood of m demonstrated paths under the maximum entropy path distribution, maximized in theta (Ziebart et al., 2008, Sec. 4.1 with Eq. 1)",
    note="c_i the path of the i-th demonstration among the n paths, counted from 1; f_j the j-th row of F",
)
ft_me = np.mean([F_me[int(ci) - 1] for ci in c_me], axis=0).round(4).tolist()
row(
    "maxent_irl_gradient",
    r"\nabla L(\theta) = \tilde{\mathbf{f}} - \sum_{j=1}^{n} \frac{e^{\theta^\top \mathbf{f}_j}}{\sum_{l=1}^{n} e^{\theta^\top \mathbf{f}_l}} \mathbf{f}_j",
    r"\tilde{f}, \theta: vector[k]; F: matrix[n, k]; f_j: row[F]; j, l: index",
    {"f_tilde": ft_me, "theta": th_me, "F": F_me},
    lambda f_tilde, theta, F: f_tilde - softmax(F @ theta) @ F,
    source="the gradient of the per-demonstration log-likelihood, the empirical feature counts minus the model's expected feature counts (Ziebart et al., 2008, Eq. 6)",
    note="f-tilde the mean feature counts of the demonstrations, given; the expectation over paths written as the sum over the n paths; the result is the vector",
)
Q_sq = rnd(7108, 4, lo=-1.0, hi=2.0)


def soft_policy(Q_soft, a, alpha):
    V = alpha * math.log(float(np.sum(np.exp(Q_soft / alpha))))
    return math.exp((Q_soft[int(a) - 1] - V) / alpha)


row(
    "soft_optimal_policy",
    r"\pi(a \mid s) = \exp\left( \frac{1}{\alpha} \left( Q_{\mathrm{soft}}(s, a) - \alpha \log \sum_{a'} \exp\left( \frac{1}{\alpha} Q_{\mathrm{soft}}(s, a') \right) \right) \right)",
    r"Q_{\mathrm{soft}}: vector[A]; a: label[A]; a': index; \alpha: scalar, positive",
    {"Q_soft": Q_sq, "a": 3, "alpha": 0.5},
    soft_policy,
    wrt=r"Q_{\mathrm{soft}}",
    key="Q_soft",
    source="the maximum-entropy (soft-optimal) policy of the soft Q-function, pi(a | s) = exp((Q_soft(s, a) - V_soft(s)) / alpha) with V_soft(s) = alpha log sum_a' exp(Q_soft(s, a') / alpha) (Ziebart, 2010, Modeling Purposeful Adaptive Behavior with the Principle of Maximum Causal Entropy, Sec. 6.2; Haarnoja, Tang, Abbeel and Levine, 2017, Reinforcement Learning with Deep Energy-Based Policies, Sec. 2, with a finite action set)",
    note="Q_soft(s, a) the soft Q-value of action a at the one state s, the a-th entry of Q_soft; a the action, counted from 1; a' runs over the A actions",
)
phi_ap = rnd(7109, 3, 4, lo=0.0, hi=1.0)


def feat_exp(phi, gamma):
    m, T = phi.shape
    return float(sum(gamma**t * phi[i, t] for i in range(m) for t in range(T)) / m)


row(
    "apprenticeship_feature_expectations",
    r"\hat{\mu}_E = \frac{1}{m} \sum_{i=1}^{m} \sum_{t=0}^{T-1} \gamma^t \phi\left( s_t^{(i)} \right)",
    r"\phi: matrix[m, T]; \gamma: scalar, unit; i, t: index",
    {"phi": phi_ap, "gamma": 0.9},
    feat_exp,
    wrt=r"\gamma",
    key="gamma",
    source="the empirical discounted feature expectations of the expert from m demonstrated trajectories (Abbeel and Ng, 2004, Apprenticeship Learning via Inverse Reinforcement Learning, Sec. 3), truncated at the trajectories' length T",
    note="one feature: phi(s_t^{(i)}) the feature of the state at step t of trajectory i, the entry (i, t + 1) of phi (steps counted from 0, rows of phi from 1)",
)
muE = rnd(7110, 3)
mub = rnd(7111, 3)
mup = rnd(7112, 3)


def projection(mu_bar_sup_i_minus_2, mu_sup_i_minus_1, mu_E):
    d = mu_sup_i_minus_1 - mu_bar_sup_i_minus_2
    return mu_bar_sup_i_minus_2 + float(d @ (mu_E - mu_bar_sup_i_minus_2)) / float(d @ d) * d


row(
    "apprenticeship_projection_step",
    r"\bar{\mu}^{(i-1)} = \bar{\mu}^{(i-2)} + \frac{\left( \mu^{(i-1)} - \bar{\mu}^{(i-2)} \right)^\top \left( \mu_E - \bar{\mu}^{(i-2)} \right)}{\left( \mu^{(i-1)} - \bar{\mu}^{(i-2)} \right)^\top \left( \mu^{(i-1)} - \bar{\mu}^{(i-2)} \right)} \left( \mu^{(i-1)} - \bar{\mu}^{(i-2)} \right)",
    r"\bar{\mu}^{(i-2)}, \mu^{(i-1)}, \mu_E: vector[k]",
    {"mu_bar_sup_i_minus_2": mub, "mu_sup_i_minus_1": mup, "mu_E": muE},
    projection,
    source="the projection method of apprenticeship learning, the orthogonal projection of mu_E onto the line through mu-bar^(i-2) and mu^(i-1) (Abbeel and Ng, 2004, Sec. 3.1)",
    note="the result is the vector mu-bar^(i-1); the next reward weights are w^(i) = mu_E - mu-bar^(i-1)",
)
row(
    "dagger_mixture_policy",
    r"\pi_i = \beta_i \pi^* + (1 - \beta_i) \hat{\pi}_i",
    r"\pi^*, \hat{\pi}_i: simplex[A]; \beta_i: scalar, unit",
    {"pi_sup_star": simplex(7113, 4), "pi_hat_i": simplex(7114, 4), "beta_i": 0.3},
    lambda pi_sup_star, pi_hat_i, beta_i: beta_i * pi_sup_star + (1 - beta_i) * pi_hat_i,
    source="DAgger's policy at iteration i, the expert pi* mixed with the learned policy pi-hat_i (Ross, Gordon and Bagnell, 2011, Algorithm 3)",
    note="pi* and pi-hat_i the two policies' action distributions at one state; the result is the mixture's distribution",
)
row(
    "dagger_beta_schedule",
    r"\beta_i = p^{i-1}",
    "p: scalar, unit; i: scalar, integer, positive",
    {"p": 0.5, "i": 3.0},
    lambda p, i: p ** (i - 1),
    wrt="p",
    source="DAgger's exponentially decaying weight of the expert in the mixture policy (Ross, Gordon and Bagnell, 2011, Sec. 3)",
)

if __name__ == "__main__":
    A.write()
