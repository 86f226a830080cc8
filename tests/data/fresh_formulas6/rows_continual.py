"""Continual learning: the Laplace (full-Fisher) form of EWC, online EWC's running Fisher, the
empirical Fisher by its derivative, synaptic intelligence's path integral, the MAS penalty,
A-GEM's conditional projection, LwF's distillation loss, LUCIR's less-forget constraint, BiC's bias
correction, weight aligning, iCaRL's nearest-mean rule, dark experience replay, and
backward transfer and forgetting (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, spd

A = Area("continual")
row = A.row

th_c = rnd(6300, 4)
ths_c = rnd(6301, 4)
F_c = spd(6302, 4)


def ewc_laplace(L_cal_B, theta, theta_A_sup_star, F, **k):
    d = theta - theta_A_sup_star
    return L_cal_B + k["lambda"] / 2 * float(d @ F @ d)


row(
    "ewc_laplace_objective",
    r"\mathcal{L}(\theta) = \mathcal{L}_B(\theta) + \frac{\lambda}{2} (\theta - \theta^*_A)^\top F (\theta - \theta^*_A)",
    r"\mathcal{L}_B: scalar; \theta, \theta^*_A: vector[n]; F: spd[n]; \lambda: scalar, positive",
    {"L_cal_B": 0.42, "theta": th_c, "theta_A_sup_star": ths_c, "F": F_c, "lambda": 2.0},
    ewc_laplace,
    wrt=r"\theta",
    key="theta",
    source="the objective of task B with the Laplace approximation of task A's posterior as a quadratic penalty, F the Fisher information at theta*_A (Kirkpatrick et al., 2017, Overcoming Catastrophic Forgetting in Neural Networks, Eq. 3 and Methods, before its diagonal approximation; Huszar, 2018, Note on the Quadratic Penalties in Elastic Weight Consolidation, Eq. 3)",
    note="L_B(theta) the loss on task B at the current theta, a given number; F the full (not diagonal) Fisher",
)
Fs_prev = rnd(6303, 4, lo=0.0, hi=2.0)
F_new = rnd(6304, 4, lo=0.0, hi=1.0)
row(
    "online_ewc_fisher_accumulation",
    r"F^*_i = \gamma F^*_{i-1} + F_i",
    r"F^*_{i-1}, F_i: vector[n]; \gamma: scalar, unit",
    {"F_i_minus_1_sup_star": Fs_prev, "F_i": F_new, "gamma": 0.9},
    lambda F_i_minus_1_sup_star, F_i, gamma: gamma * F_i_minus_1_sup_star + F_i,
    source="online EWC's running diagonal Fisher after task i, the previous one decayed by gamma (Schwarz et al., 2018, Progress & Compress: A Scalable Framework for Continual Learning, Sec. 2.3)",
)
X_f = rnd(6305, 5, 3)
y_f = [1.0, -1.0, 1.0, 1.0, -1.0]
th_f = rnd(6306, 3)


def fisher_by_derivative(X, y, theta, N):
    N, d = int(N), X.shape[1]
    # d/dtheta_i log sigma(y theta^T x) = (1 - sigma(y theta^T x)) y x_i
    return np.array(
        [
            sum(
                ((1 - float(sigmoid(y[n] * (theta @ X[n])))) * y[n] * X[n, i]) ** 2
                for n in range(N)
            )
            / N
            for i in range(d)
        ]
    )


row(
    "empirical_fisher_by_derivative",
    r"F_i = \frac{1}{N} \sum_{n=1}^{N} \left( \frac{\partial}{\partial \theta_i} \log \sigma\left( y_n \boldsymbol{\theta}^\top \mathbf{x}_n \right) \right)^2",
    r"X: matrix[N, d]; x_n: row[X]; y: vector[N]; \theta: vector[d]; N: dim; n, i: index",
    {"X": X_f, "y": y_f, "theta": th_f, "N": 5},
    fisher_by_derivative,
    source="diagonal of the empirical Fisher information, the mean squared derivative of the log-likelihood of each sample, for a logistic model p(y | x, theta) = sigma(y theta^T x) (Kirkpatrick et al., 2017, Methods; Martens, 2020, New Insights and Perspectives on the Natural Gradient Method, Sec. 11)",
    note="labels y_n in {-1, 1}; the result is the vector over i",
)
G_si = rnd(6307, 4, 3)
U_si = rnd(6308, 4, 3, lo=-0.1, hi=0.1)
row(
    "si_path_integral",
    r"\omega_k^{\mu} = -\sum_{t=1}^{T} g_k(t) \, \Delta\theta_k(t)",
    "g, U: matrix[T, n]; k, t: index",
    {"g": G_si, "U": U_si},
    lambda g, U: np.array(
        [-sum(g[t, k] * U[t, k] for t in range(g.shape[0])) for k in range(g.shape[1])]
    ),
    source="per-parameter contribution to the change of the loss over task mu, the path integral -int g_k(theta(t)) theta_k'(t) dt as a sum over the T update steps (Zenke, Poole and Ganguli, 2017, Continual Learning Through Synaptic Intelligence, Eqs. 2-3 and Sec. 3)",
    note="g_k(t) and Delta theta_k(t) the gradient and the parameter update of parameter k at step t, the entries (t, k) of g and U (the table cannot declare functions of t or the increment of a name); the result is the vector over the n parameters",
)
Om_mas = rnd(6309, 2, 3, lo=0.0, hi=1.0)
th_mas = rnd(6310, 2, 3)
ths_mas = rnd(6311, 2, 3)


def mas_penalty(L_n, Omega, theta, theta_sup_star, **k):
    m, n = theta.shape
    return L_n + k["lambda"] * sum(
        Omega[i, j] * (theta[i, j] - theta_sup_star[i, j]) ** 2 for i in range(m) for j in range(n)
    )


row(
    "mas_penalty",
    r"L(\theta) = L_n(\theta) + \lambda \sum_{i,j} \Omega_{ij} (\theta_{ij} - \theta^*_{ij})^2",
    r"L_n: scalar; \Omega, \theta, \theta^*: matrix[m, n]; \lambda: scalar, positive; i, j: index",
    {"L_n": 0.3, "Omega": Om_mas, "theta": th_mas, "theta_sup_star": ths_mas, "lambda": 1.0},
    mas_penalty,
    wrt=r"\theta",
    key="theta",
    source="the loss of a new task with the memory aware synapses penalty weighted by the importances Omega_ij (Aljundi, Babiloni, Elhoseiny, Rohrbach and Tuytelaars, 2018, Memory Aware Synapses: Learning What (Not) to Forget, Eq. 3)",
    note="theta_ij the weight from neuron j to neuron i of one layer, a matrix; L_n(theta) the new task's loss at theta, a given number",
)
g_ag = [0.6, -0.4, 0.2, 0.1]
gr_ag = [-0.5, 0.3, 0.4, -0.2]


def agem(g, g_ref):
    dot = float(g @ g_ref)
    if dot < 0:
        return g - dot / float(g_ref @ g_ref) * g_ref
    return g


row(
    "agem_conditional_projection",
    r"\tilde{g} = \begin{cases} g - \frac{g^\top g_{ref}}{g_{ref}^\top g_{ref}} g_{ref} & \text{if } g^\top g_{ref} < 0 \\ g & \text{otherwise} \end{cases}",
    "g, g_{ref}: vector[p]",
    {"g": g_ag, "g_ref": gr_ag},
    agem,
    source="A-GEM's update: the gradient is projected only when it would increase the average episodic-memory loss (Chaudhry, Ranzato, Rohrbach and Elhoseiny, 2019, Efficient Lifelong Learning with A-GEM, Eqs. 10-11)",
    note="g_ref the gradient on a batch drawn from the episodic memory",
)
yo_lwf = simplex(6312, 4)
yh_lwf = simplex(6313, 4)


def lwf(y_o, y_hat_o, T):
    a = y_o ** (1 / T) / np.sum(y_o ** (1 / T))
    b = y_hat_o ** (1 / T) / np.sum(y_hat_o ** (1 / T))
    return -float(sum(a[i] * math.log(b[i]) for i in range(len(a))))


row(
    "lwf_distillation_loss",
    r"\mathcal{L}_{old}(\mathbf{y}_o, \hat{\mathbf{y}}_o) = -\sum_{i=1}^{l} \frac{(y_o^{(i)})^{1/T}}{\sum_j (y_o^{(j)})^{1/T}} \log \frac{(\hat{y}_o^{(i)})^{1/T}}{\sum_j (\hat{y}_o^{(j)})^{1/T}}",
    r"y_o, \hat{y}_o: simplex[l]; T: scalar, positive; i, j: index",
    {"y_o": yo_lwf, "y_hat_o": yh_lwf, "T": 2.0},
    lwf,
    wrt=r"\hat{y}_o",
    key="y_hat_o",
    source="Learning without Forgetting's knowledge-distillation loss on the old tasks' outputs, with the recorded and current probabilities raised to 1/T and renormalized (Li and Hoiem, 2017, Learning without Forgetting, Eq. 2)",
    note="y_o^(i) and y-hat_o^(i) the i-th entries of the recorded and current output probabilities of the l old classes",
)
fs_lu = rnd(6314, 5)
f_lu = rnd(6315, 5)
row(
    "lucir_less_forget_constraint",
    r"L^{G}_{dis}(x) = 1 - \frac{\langle \mathbf{f}^*(x), \mathbf{f}(x) \rangle}{\|\mathbf{f}^*(x)\|_2 \, \|\mathbf{f}(x)\|_2}",
    "f^*, f: vector[d]",
    {"f_sup_star": fs_lu, "f": f_lu},
    lambda f_sup_star, f: (
        1 - float(f_sup_star @ f) / (np.linalg.norm(f_sup_star) * np.linalg.norm(f))
    ),
    wrt="f",
    source="LUCIR's less-forget constraint, one minus the cosine between the old and new models' normalized features (Hou, Pan, Loy, Wang and Lin, 2019, Learning a Unified Classifier Incrementally via Rebalancing, Eq. 6)",
    note="f*(x) and f(x) the features of the one input x under the old and the current model, declared as the vectors f^* and f; the paper writes <f-bar*(x), f-bar(x)> with the bars for normalized features",
)
o_bic = rnd(6316, 6, lo=-2.0, hi=2.0)


def bic(o, n, alpha, beta):
    n = int(n)
    return np.array([o[k] if k < n else alpha * o[k] + beta for k in range(len(o))])


row(
    "bic_bias_correction",
    r"q_k = \begin{cases} o_k & 1 \le k \le n \\ \alpha o_k + \beta & n + 1 \le k \le n + m \end{cases}",
    r"o: vector[K]; n: scalar, integer, positive; \alpha, \beta: scalar; k: index",
    {"o": o_bic, "n": 4.0, "alpha": 0.8, "beta": -0.3},
    bic,
    source="BiC's bias correction layer, an affine map of the logits of the m new classes after the n old ones (Wu et al., 2019, Large Scale Incremental Learning, Eq. 3)",
    note="K = n + m logits; the result is the vector over k",
)
W_wa = rnd(6317, 5, 3)


def wa(W, C_sup_old):
    c = int(C_sup_old)
    norms = [np.linalg.norm(W[i]) for i in range(len(W))]
    return float(np.mean(norms[:c]) / np.mean(norms[c:]))


row(
    "weight_aligning_factor",
    r"\gamma = \frac{\frac{1}{C^{old}} \sum_{i=1}^{C^{old}} \|\mathbf{w}_i\|_2}{\frac{1}{C - C^{old}} \sum_{i=C^{old}+1}^{C} \|\mathbf{w}_i\|_2}",
    r"W: matrix[C, d]; w_i: row[W]; C^{old}: scalar, integer, positive; C: dim; i: index",
    {"W": W_wa, "C_sup_old": 3.0, "C": 5},
    lambda W, C_sup_old, C: wa(W, C_sup_old),
    wrt="W",
    source="weight aligning's factor Mean(Norm_old) / Mean(Norm_new) rescaling the new classes' weight vectors of the last layer (Zhao, Xiao, Gan, Zhang and Xia, 2020, Maintaining Discrimination and Fairness in Class Incremental Learning, Eq. 4)",
    note="w_i the weight vector of class i, the rows of W; the first C^old classes are the old ones; Mean(Norm_old) and Mean(Norm_new) written out",
)
Mu_ic = rnd(6319, 4, 3)
z_ic = rnd(6320, 3)
row(
    "icarl_nearest_mean_of_exemplars",
    r"y^* = \operatorname*{argmin}_{y = 1, \ldots, t} \left\| \varphi(x) - \mu_y \right\|",
    r"\varphi: vector[d]; \mu: matrix[t, d]",
    {"varphi": z_ic, "mu": Mu_ic},
    lambda varphi, mu: float(
        np.argmin([np.linalg.norm(varphi - mu[y]) for y in range(len(mu))]) + 1
    ),
    source="iCaRL's nearest-mean-of-exemplars classification rule (Rebuffi, Kolesnikov, Sperl and Lampert, 2017, iCaRL: Incremental Classifier and Representation Learning, Algorithm 1)",
    note="phi(x) the feature vector of the input x, declared as the vector varphi; mu_y the class means, the rows of mu; the result is the class counted from 1",
)


zp_der = rnd(6323, 5, lo=-2.0, hi=2.0)
h_der = rnd(6324, 5, lo=-2.0, hi=2.0)
row(
    "der_logit_replay",
    r"\alpha \left\| z' - h_\theta(x') \right\|_2^2",
    r"z', h_\theta: vector[K]; \alpha: scalar, positive",
    {"z_prime": zp_der, "h_theta": h_der, "alpha": 0.3},
    lambda z_prime, h_theta, alpha: alpha * float(np.sum((z_prime - h_theta) ** 2)),
    wrt=r"h_\theta",
    key="h_theta",
    source="dark experience replay's term matching the current logits to the logits z' stored with the buffer sample x' (Buzzega, Boschini, Porrello, Abati and Calderara, 2020, Dark Experience for General Continual Learning, Eq. 6)",
    note="h_theta(x') the current logits of the buffer sample, declared as the vector h_theta",
)
R_acc = [
    [0.92, 0.11, 0.08, 0.1],
    [0.81, 0.9, 0.12, 0.09],
    [0.75, 0.84, 0.93, 0.1],
    [0.7, 0.8, 0.86, 0.91],
]
row(
    "gem_backward_transfer",
    r"\mathrm{BWT} = \frac{1}{T - 1} \sum_{i=1}^{T-1} \left( R_{T,i} - R_{i,i} \right)",
    "R: matrix[T, T]; T: dim; i: index",
    {"R": R_acc, "T": 4},
    lambda R, T: float(sum(R[-1, i] - R[i, i] for i in range(int(T) - 1)) / (T - 1)),
    wrt="R",
    source="backward transfer, the influence of learning later tasks on the earlier ones, R_{i,j} the test accuracy on task j after training on task i (Lopez-Paz and Ranzato, 2017, Gradient Episodic Memory for Continual Learning, Eq. 3)",
)


def forgetting(a, k):
    k = int(k)
    return float(
        sum(max(a[r, j] for r in range(k - 1)) - a[k - 1, j] for j in range(k - 1)) / (k - 1)
    )


row(
    "forgetting_measure",
    r"F_k = \frac{1}{k - 1} \sum_{j=1}^{k-1} \left( \max_{l \in \{1, \ldots, k-1\}} a_{l,j} - a_{k,j} \right)",
    "a: matrix[T, T]; k: scalar, integer, positive; j, l: index",
    {"a": R_acc, "k": 4.0},
    forgetting,
    wrt="a",
    source="average forgetting after the k-th task, the drop of each earlier task's accuracy from its best (Chaudhry, Dokania, Ajanthan and Torr, 2018, Riemannian Walk for Incremental Learning, Eqs. 4-5)",
    note="a_{l,j} the accuracy on task j after training on task l; the max over the set {1, ..., k-1} is the max over l = 1, ..., k - 1",
)

if __name__ == "__main__":
    A.write()
