"""Continual learning and meta-learning: EWC, synaptic intelligence, MAS, A-GEM, MAML and its
variants, Reptile, prototypical and matching networks (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid

A = Area("meta")
row = A.row

th = rnd(2300, 4)
th_star = rnd(2301, 4)
Fd = rnd(2302, 4, lo=0.1, hi=2.0)


def ewc(theta, F, theta_A_sup_star, **k):
    return sum(
        k["lambda"] / 2 * F[i] * (theta[i] - theta_A_sup_star[i]) ** 2 for i in range(len(theta))
    )


row(
    "ewc_penalty",
    r"\sum_{i} \frac{\lambda}{2} F_i (\theta_i - \theta^*_{A,i})^2",
    r"\theta, F, \theta^*_A: vector[n]; lambda: scalar, positive; i: index",
    {"theta": th, "F": Fd, "theta_A_sup_star": th_star, "lambda": 3.0},
    ewc,
    wrt="theta",
    source="elastic weight consolidation penalty, the quadratic term of the EWC loss (Kirkpatrick et al., 2017, Eq. 3)",
    note="theta*_{A,i} is entry i of the parameters theta*_A found on task A",
)
Xf = rnd(2303, 5, 3)
yf = [1.0, 0.0, 0.0, 1.0, 1.0]
thf = rnd(2304, 3)


def fisher_logistic(X, y, theta):
    N, n = X.shape
    return np.array(
        [
            sum((y[m] - sigmoid(float(theta @ X[m]))) ** 2 * X[m, i] ** 2 for m in range(N)) / N
            for i in range(n)
        ]
    )


row(
    "empirical_fisher_diagonal",
    r"F_i = \frac{1}{N} \sum_{m=1}^{N} \left(y_m - \sigma(\theta^\top x_m)\right)^2 x_{mi}^2",
    "X: matrix[N, n]; x_m: row[X]; y: vector[N]; theta: vector[n]; i, m: index",
    {"X": Xf, "y": yf, "theta": thf},
    fisher_logistic,
    source="diagonal of the empirical Fisher information used by EWC, F_i = E[(d log p / d theta_i)^2] (Kirkpatrick et al., 2017, Sec. 2; Martens, 2020, Sec. 11), for logistic regression",
    note="x_mi is entry i of example m",
)
Fm = rnd(2305, 2, 4, lo=0.1, hi=2.0)
Tm = rnd(2306, 2, 4)


def ewc_multi(theta, F, Theta, **k):
    T, n = F.shape
    return (
        k["lambda"]
        / 2
        * sum(F[t, i] * (theta[i] - Theta[t, i]) ** 2 for t in range(T) for i in range(n))
    )


row(
    "ewc_several_tasks",
    r"\frac{\lambda}{2} \sum_{t=1}^{T} \sum_{i=1}^{n} F_{ti} \left(\theta_i - \Theta_{ti}\right)^2",
    r"\theta: vector[n]; F, \Theta: matrix[T, n]; lambda: scalar, positive; i, t: index",
    {"theta": th, "F": Fm, "Theta": Tm, "lambda": 3.0},
    ewc_multi,
    wrt="theta",
    source="EWC with one quadratic penalty per earlier task (Kirkpatrick et al., 2017, Sec. 2.1 and their reply to Huszar, 2018), row t of Theta the optimum of task t",
)


def online_ewc(theta, theta_k_minus_1_sup_star, F_k_minus_1_sup_star, gamma):
    d = theta - theta_k_minus_1_sup_star
    return 0.5 * sum(gamma * F_k_minus_1_sup_star[i] * d[i] ** 2 for i in range(len(d)))


row(
    "online_ewc_penalty",
    r"\frac{1}{2} \left\| \theta - \theta^*_{k-1} \right\|^2_{\gamma F^*_{k-1}}",
    r"\theta, \theta^*_{k-1}, F^*_{k-1}: vector[n]; gamma: scalar, unit",
    {
        "theta": th,
        "theta_k_minus_1_sup_star": th_star,
        "F_k_minus_1_sup_star": Fd,
        "gamma": 0.9,
    },
    online_ewc,
    wrt=r"\theta",
    key="theta",
    source="online EWC penalty of Progress and Compress (Schwarz et al., 2018, Sec. 2), ||v||^2_M = v^T M v with the running diagonal Fisher F*",
    note="the norm's subscript is the diagonal of the weighting matrix",
)
Om = rnd(2307, 4, lo=0.1, hi=2.0)
tt = rnd(2308, 4)


def si_penalty(L_mu, theta_tilde, theta, Omega_sup_mu, c):
    return L_mu + c * sum(
        Omega_sup_mu[k] * (theta_tilde[k] - theta[k]) ** 2 for k in range(len(theta))
    )


row(
    "synaptic_intelligence_loss",
    r"\tilde{L}_{\mu} = L_{\mu} + c \sum_{k} \Omega^{\mu}_k \left(\tilde{\theta}_k - \theta_k\right)^2",
    r"L_{\mu}: scalar; \tilde{\theta}, \theta, \Omega^{\mu}: vector[n]; c: scalar, positive; k: index",
    {"L_mu": 0.83, "theta_tilde": tt, "theta": th, "Omega_sup_mu": Om, "c": 0.1},
    si_penalty,
    wrt=r"\tilde{\theta}",
    key="theta_tilde",
    source="surrogate loss of synaptic intelligence (Zenke, Poole and Ganguli, 2017, Eq. 4), theta-tilde the current parameters, theta_k the reference from the previous task",
)
om = rnd(2309, 2, 4, lo=0.0, hi=1.0)
De = rnd(2310, 2, 4, lo=-0.5, hi=0.5)


def si_importance(omega, Delta, xi, mu):
    n = omega.shape[1]
    return np.array(
        [sum(omega[v, k] / (Delta[v, k] ** 2 + xi) for v in range(int(mu) - 1)) for k in range(n)]
    )


row(
    "synaptic_intelligence_importance",
    r"\Omega_k^{\mu} = \sum_{\nu=1}^{\mu - 1} \frac{\omega_{\nu k}}{(\Delta_{\nu k})^2 + \xi}",
    r"\omega, \Delta: matrix[m, n]; xi: scalar, positive; mu: scalar, integer, positive; k, nu: index",
    {"omega": om, "Delta": De, "xi": 0.1, "mu": 3},
    si_importance,
    source="per-parameter importance of synaptic intelligence (Zenke, Poole and Ganguli, 2017, Eq. 5), omega_k^nu and Delta_k^nu of task nu as row nu",
)
Wm = rnd(2311, 2, 3)
Xm = rnd(2312, 4, 3)


def mas(W, X):
    N = len(X)
    m, n = W.shape
    return np.array(
        [
            [sum(abs(2 * float(W[i] @ X[k]) * X[k, j]) for k in range(N)) / N for j in range(n)]
            for i in range(m)
        ]
    )


row(
    "mas_importance",
    r"\Omega_{ij} = \frac{1}{N} \sum_{k=1}^{N} \left| \frac{\partial \left\| W x_k \right\|_2^2}{\partial W_{ij}} \right|",
    "W: matrix[m, n]; X: matrix[N, n]; x_k: row[X]; i, j, k: index",
    {"W": Wm, "X": Xm},
    mas,
    source="memory aware synapses importance (Aljundi et al., 2018, Sec. 4), the learned function F(x) = W x, the gradient of its squared L2 norm",
)
ga = rnd(2313, 4)
gr = rnd(2314, 4)
row(
    "agem_projection",
    r"\tilde{g} = g - \frac{g^\top g_{ref}}{g_{ref}^\top g_{ref}} g_{ref}",
    "g, g_{ref}: vector[d]",
    {"g": ga, "g_ref": gr},
    lambda g, g_ref: g - float(g @ g_ref) / float(g_ref @ g_ref) * g_ref,
    source="gradient projection of averaged GEM when g^T g_ref < 0 (Chaudhry et al., 2019, Eq. 11)",
)
Xs = rnd(2315, 4, 3)
ys = rnd(2316, 4)
Xq = rnd(2317, 3, 3)
yq = rnd(2318, 3)
t0 = rnd(2319, 3)


def maml_inner(theta, X, y, alpha):
    N = len(X)
    grad = sum(2 * (float(theta @ X[j]) - y[j]) * X[j] for j in range(N)) / N
    return theta - alpha * grad


row(
    "maml_inner_step",
    r"\theta' = \theta - \alpha \nabla_{\theta} \frac{1}{N} \sum_{j=1}^{N} \left(\theta^\top x_j - y_j\right)^2",
    "theta: vector[d]; X: matrix[N, d]; x_j: row[X]; y: vector[N]; alpha: scalar, positive; j: index",
    {"theta": t0, "X": Xs, "y": ys, "alpha": 0.1},
    maml_inner,
    source="MAML inner adaptation step theta'_i = theta - alpha grad L_Ti(f_theta) (Finn, Abbeel and Levine, 2017, Eq. 1), linear regression with the mean squared error of their Sec. 3.1",
)


def maml_outer(theta, X, y, X_prime, y_prime, alpha):
    N = len(X)
    M = len(X_prime)
    adapted = theta - 2 * alpha / N * X.T @ (X @ theta - y)
    return float(np.sum((X_prime @ adapted - y_prime) ** 2)) / M


row(
    "maml_meta_objective",
    r"\frac{1}{M} \left\| X' \left(\theta - \frac{2 \alpha}{N} X^\top (X \theta - y)\right) - y' \right\|_2^2",
    "theta: vector[d]; X: matrix[N, d]; y: vector[N]; X': matrix[M, d]; y': vector[M]; alpha: scalar, positive",
    {"theta": t0, "X": Xs, "y": ys, "X_prime": Xq, "y_prime": yq, "alpha": 0.1},
    maml_outer,
    wrt="theta",
    source="MAML meta-objective L_Ti(f_theta'_i) on the query set (Finn, Abbeel and Levine, 2017, Eq. 1 and Algorithm 1), linear regression, one task, the inner gradient written out",
)
al = rnd(2320, 3, lo=0.01, hi=0.2)


def meta_sgd(theta, alpha, X, y):
    N = len(X)
    return theta - alpha * (2 / N * X.T @ (X @ theta - y))


row(
    "meta_sgd_step",
    r"\theta' = \theta - \alpha \circ \frac{2}{N} X^\top (X \theta - y)",
    "theta, alpha: vector[d]; X: matrix[N, d]; y: vector[N]",
    {"theta": t0, "alpha": al, "X": Xs, "y": ys},
    meta_sgd,
    source="Meta-SGD adaptation with a learned per-coordinate rate (Li et al., 2017, Sec. 3), gradient of the mean squared error of a linear model",
)
Wr = rnd(2321, 3, 4)
phr = rnd(2322, 4)


def reptile(phi, W, epsilon):
    n = len(W)
    return phi + epsilon / n * sum(W[i] - phi for i in range(n))


row(
    "reptile_batched",
    r"\phi \leftarrow \phi + \epsilon \frac{1}{n} \sum_{i=1}^{n} (W_i - \phi)",
    "phi: vector[d]; W: matrix[n, d]; W_i: row[W]; epsilon: scalar, positive; i: index",
    {"phi": phr, "W": Wr, "epsilon": 0.5},
    reptile,
    source="batched Reptile update (Nichol, Achiam and Schulman, 2018, Algorithm 2), W_i the weights after k steps on task i",
)
phi0 = rnd(2323, 3)


def imaml(phi, theta, X, y, **k):
    N = len(X)
    return float(np.sum((X @ phi - y) ** 2)) / N + k["lambda"] / 2 * float(
        np.sum((phi - theta) ** 2)
    )


row(
    "imaml_proximal_objective",
    r"\frac{1}{N} \|X \phi - y\|_2^2 + \frac{\lambda}{2} \|\phi - \theta\|_2^2",
    "phi, theta: vector[d]; X: matrix[N, d]; y: vector[N]; lambda: scalar, positive",
    {"phi": phi0, "theta": t0, "X": Xs, "y": ys, "lambda": 2.0},
    imaml,
    wrt="phi",
    source="inner problem of implicit MAML, L(phi, D_tr) + (lambda / 2) ||phi - theta||^2 (Rajeswaran et al., 2019, Sec. 3), mean squared error",
)
Xe = rnd(2324, 6, 3)
ye = [1, 2, 2, 3, 1, 2]


def prototype(X, y, k, N_k):
    return sum((1.0 if int(y[i]) == int(k) else 0.0) * X[i] for i in range(len(X))) / N_k


row(
    "prototype",
    r"\mathbf{c}_k = \frac{1}{N_k} \sum_{i=1}^{N} \mathbb{1}[y_i = k] \, \mathbf{x}_i",
    "X: matrix[N, d]; x_i: row[X]; y: labels[N, K]; k: label[K]; N_k: scalar, positive; i: index",
    {"X": Xe, "y": ye, "k": 2, "N_k": 3.0},
    prototype,
    source="class prototype as the mean embedded support point (Snell, Swersky and Zemel, 2017, Eq. 1), S_k written with an indicator, embeddings x_i = f_phi(x_i) given",
)
Cp = rnd(2325, 3, 3)
zq = rnd(2326, 3)


def proto_loss(z, C, k):
    d = [float(np.sum((z - C[j]) ** 2)) for j in range(len(C))]
    kk = int(k) - 1
    return -math.log(math.exp(-d[kk]) / sum(math.exp(-v) for v in d))


row(
    "prototypical_loss",
    r"J = -\log \frac{\exp(-\|z - c_k\|^2)}{\sum_{k'} \exp(-\|z - c_{k'}\|^2)}",
    "z: vector[d]; C: matrix[K, d]; c_k: row[C]; k: label[K]; k': index",
    {"z": zq, "C": Cp, "k": 3},
    proto_loss,
    wrt="z",
    source="prototypical network loss with squared Euclidean distance (Snell, Swersky and Zemel, 2017, Eq. 2 and Algorithm 1), z = f_phi(x) the query embedding, k its class",
)
Xsup = rnd(2327, 4, 3)
Ysup = np.eye(3)[[0, 2, 1, 2]].tolist()
xq = rnd(2328, 3)


def matching(x_hat, X, Y):
    k = len(X)
    cos = [float(x_hat @ X[i]) / (np.linalg.norm(x_hat) * np.linalg.norm(X[i])) for i in range(k)]
    z = sum(math.exp(c) for c in cos)
    return sum(math.exp(cos[i]) / z * Y[i] for i in range(k))


row(
    "matching_networks",
    r"\hat{y} = \sum_{i=1}^{k} \frac{\exp\left(\frac{\hat{x}^\top x_i}{\|\hat{x}\| \|x_i\|}\right)}{\sum_{j=1}^{k} \exp\left(\frac{\hat{x}^\top x_j}{\|\hat{x}\| \|x_j\|}\right)} y_i",
    r"\hat{x}: vector[d]; X: matrix[k, d]; x_i: row[X]; Y: matrix[k, K]; y_i: row[Y]; i, j: index",
    {"x_hat": xq, "X": Xsup, "Y": Ysup},
    matching,
    source="matching networks output, attention a(x-hat, x_i) a softmax over cosine similarities (Vinyals et al., 2016, Eq. 1-2), y_i one-hot labels, embeddings given",
)
wS = rnd(2329, 4)
wS0 = rnd(2330, 4)
wSb = rnd(2331, 2)


def l2sp(w_S, w_S_sup_0, w_S_bar, alpha, beta):
    return alpha / 2 * float(np.sum((w_S - w_S_sup_0) ** 2)) + beta / 2 * float(np.sum(w_S_bar**2))


row(
    "l2_sp",
    r"\Omega(w) = \frac{\alpha}{2} \left\| w_{S} - w_{S}^{0} \right\|_2^2 + \frac{\beta}{2} \left\| w_{\bar{S}} \right\|_2^2",
    r"w_{S}, w_{S}^{0}: vector[n]; w_{\bar{S}}: vector[p]; alpha, beta: scalar, positive",
    {"w_S": wS, "w_S_sup_0": wS0, "w_S_bar": wSb, "alpha": 0.1, "beta": 0.01},
    l2sp,
    wrt="w_{S}",
    key="w_S",
    source="L2-SP regularizer toward the pre-trained starting point (Li, Grandvalet and Davoine, 2018, Sec. 3), S the layers shared with the source network",
)

if __name__ == "__main__":
    A.write()
