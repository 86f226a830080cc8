"""Learning with noisy labels and imbalanced data: forward and backward loss correction with a
transition matrix, the unbiased estimator for class-conditional noise, truncated generalized cross
entropy, symmetric cross entropy, soft bootstrapping, peer loss and early-learning regularization,
the effective number and class-balanced loss, LDAM's margins and loss, logit adjustment in the
loss and after training, and the balanced softmax (NumPy references from each paper's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, simplex

A = Area("noisy")
row = A.row

T_n = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.05, 0.15, 0.8]]
p_n = simplex(6600, 3)
row(
    "forward_loss_correction",
    r"\ell^{\rightarrow}(\hat{\mathbf{p}}, \tilde{y}) = -\log \left( T^\top \hat{\mathbf{p}} \right)_{\tilde{y}}",
    r"T: matrix[c, c]; \hat{p}: simplex[c]; \tilde{y}: label[c]",
    {"T": T_n, "p_hat": p_n, "y_tilde": 2},
    lambda T, p_hat, y_tilde: -math.log(float((T.T @ p_hat)[int(y_tilde) - 1])),
    wrt=r"\hat{p}",
    key="p_hat",
    source="forward correction of the cross-entropy, the loss of the noisy label under the predicted clean posterior pushed through the noise, l(T^T p-hat(y | x)) (Patrini, Rozza, Menon, Nock and Qu, 2017, Making Deep Neural Networks Robust to Label Noise: a Loss Correction Approach, Theorem 2)",
    note="p-hat = p-hat(y | x) the network's softmax output at x; T_ij = p(y-tilde = j | y = i); y-tilde the observed noisy label, counted from 1",
)


def backward(T, p_hat, y_tilde):
    Tinv = np.linalg.inv(T)
    j0 = int(y_tilde) - 1
    return float(sum(Tinv[j0, j] * -math.log(p_hat[j]) for j in range(len(p_hat))))


row(
    "backward_loss_correction",
    r"\ell^{\leftarrow}(\hat{\mathbf{p}}, \tilde{y}) = \sum_{j=1}^{c} \left( T^{-1} \right)_{\tilde{y} j} \left( -\log \hat{p}_j \right)",
    r"T: matrix[c, c]; \hat{p}: simplex[c]; \tilde{y}: label[c]; j: index",
    {"T": T_n, "p_hat": p_n, "y_tilde": 2},
    backward,
    wrt="T",
    source="backward correction, the entry y-tilde of T^{-1} times the vector of the losses of every label, l^<-(p-hat) = T^{-1} l(p-hat) (Patrini et al., 2017, Theorem 1)",
    note="the cross-entropy's loss vector l(p-hat) = (-log p-hat_1, ..., -log p-hat_c) written out; T invertible",
)


def unbiased(t, rho_plus, rho_minus):
    return ((1 - rho_minus) * math.log(1 + math.exp(-t)) - rho_plus * math.log(1 + math.exp(t))) / (
        1 - rho_plus - rho_minus
    )


row(
    "unbiased_estimator_positive_label",
    r"\tilde{\ell}(t, +1) = \frac{(1 - \rho_{-1}) \log(1 + e^{-t}) - \rho_{+1} \log(1 + e^{t})}{1 - \rho_{+1} - \rho_{-1}}",
    r"t: scalar; \rho_{+1}, \rho_{-1}: scalar, unit",
    {"t": 0.7, "rho_plus_1": 0.2, "rho_minus_1": 0.3},
    lambda t, rho_plus_1, rho_minus_1: unbiased(t, rho_plus_1, rho_minus_1),
    wrt="t",
    source="unbiased estimator of the logistic loss under class-conditional label noise, (1 - rho_{-y}) l(t, y) - rho_y l(t, -y) over 1 - rho_{+1} - rho_{-1}, at a positive observed label (Natarajan, Dhillon, Ravikumar and Tewari, 2013, Learning with Noisy Labels, Lemma 1)",
    note="rho_{+1} and rho_{-1} the flip rates of the two classes; l(t, y) = log(1 + e^{-y t}) written out at y = +1",
)


def trunc_gce(f, j, q, k):
    fj = f[int(j) - 1]
    lq = (1 - fj**q) / q
    return lq if fj > k else (1 - k**q) / q


row(
    "truncated_lq_loss",
    r"L_{\mathrm{trunc}}(f(\mathbf{x}), y) = \begin{cases} \frac{1 - f_j(\mathbf{x})^q}{q} & \text{if } f_j(\mathbf{x}) > k \\ \frac{1 - k^q}{q} & \text{if } f_j(\mathbf{x}) \le k \end{cases}",
    "f: simplex[c]; j: label[c]; q, k: scalar, unit",
    {"f": simplex(6601, 4), "j": 2, "q": 0.7, "k": 0.1},
    trunc_gce,
    wrt="f",
    source="the truncated L_q loss, constant below the threshold k so that badly fitted (likely noisy) samples stop contributing (Zhang and Sabuncu, 2018, Generalized Cross Entropy Loss for Training Deep Neural Networks with Noisy Labels, Eq. 9)",
    note="f(x) the softmax output at the one input x, declared as the simplex f; j the label of x, counted from 1",
)
p_sce = simplex(6602, 4)
row(
    "symmetric_cross_entropy",
    r"\ell_{sce} = -\alpha \log p(y \mid \mathbf{x}) - \beta A \left( 1 - p(y \mid \mathbf{x}) \right)",
    r"p: simplex[K]; y: label[K]; \alpha, \beta: scalar, positive; A: scalar",
    {"p": p_sce, "y": 3, "alpha": 0.1, "beta": 1.0, "A": -4.0},
    lambda p, y, alpha, beta, A: -alpha * math.log(p[int(y) - 1]) - beta * A * (1 - p[int(y) - 1]),
    wrt="p",
    source="symmetric cross entropy alpha l_ce + beta l_rce, with the reverse cross entropy of a one-hot label -A (1 - p(y | x)) (Wang, Ma, Chen, Luo, Yi and Bailey, 2019, Symmetric Cross Entropy for Robust Learning with Noisy Labels, Eqs. 5-6 and Sec. 3.2)",
    note="p(y | x) the predicted probability of the label y, the y-th entry of p; A = log 0 truncated to a negative constant (-4 in the paper)",
)
q_bs = simplex(6604, 4)
t_bs = [0.0, 1.0, 0.0, 0.0]


def boot_soft(q, t, beta):
    return -float(sum((beta * t[k] + (1 - beta) * q[k]) * math.log(q[k]) for k in range(len(q))))


row(
    "bootstrapping_soft",
    r"\mathcal{L}_{soft}(\mathbf{q}, \mathbf{t}) = -\sum_{k=1}^{L} \left[ \beta t_k + (1 - \beta) q_k \right] \log(q_k)",
    r"q: simplex[L]; t: vector[L]; \beta: scalar, unit; k: index",
    {"q": q_bs, "t": t_bs, "beta": 0.95},
    boot_soft,
    wrt="q",
    source="soft bootstrapping, the cross-entropy against a convex combination of the noisy label and the model's own prediction (Reed, Lee, Anguelov, Szegedy, Erhan and Rabinovich, 2015, Training Deep Neural Networks on Noisy Labels with Bootstrapping, Sec. 3.2)",
    note="t the one-hot noisy label, q the softmax prediction; written with the minus sign of a loss to minimize",
)


P_pe = np.asarray(simplex(6605, 4, 3))
yt_pe = [2, 1, 3, 3]


def peer(P, y_tilde, n, n_1, n_2, alpha):
    a = P[int(n) - 1, int(y_tilde[int(n) - 1]) - 1]
    b = P[int(n_1) - 1, int(y_tilde[int(n_2) - 1]) - 1]
    return -math.log(a) + alpha * math.log(b)


row(
    "peer_loss",
    r"\ell_{\mathrm{peer}} = -\log P_{n, \tilde{y}_n} + \alpha \log P_{n_1, \tilde{y}_{n_2}}",
    r"P: matrix[N, K]; \tilde{y}: labels[N, K]; n, n_1, n_2: label[N]; \alpha: scalar, positive",
    {"P": P_pe.tolist(), "y_tilde": yt_pe, "n": 1, "n_1": 3, "n_2": 2, "alpha": 0.5},
    peer,
    wrt="P",
    source="peer loss l(f(x_n), y-tilde_n) - alpha l(f(x_{n1}), y-tilde_{n2}) with the cross-entropy, the second term scoring a random pairing of an input and another sample's noisy label (Liu and Guo, 2020, Peer Loss Functions: Learning from Noisy Labels without Knowing Noise Rates, Sec. 3)",
    note="P_{i,k} = f(x_i)_k the predicted probability of class k for sample i; n, n_1 and n_2 the samples drawn, counted from 1",
)
p_el = simplex(6606, 4)
t_el = simplex(6607, 4)
row(
    "early_learning_regularization",
    r"-\log p_y + \lambda \log\left( 1 - \langle \mathbf{p}, \mathbf{t} \rangle \right)",
    r"p, t: simplex[K]; y: label[K]; \lambda: scalar, positive",
    {"p": p_el, "t": t_el, "y": 2, "lambda": 3.0},
    lambda p, t, y, **k: -math.log(p[int(y) - 1]) + k["lambda"] * math.log(1 - float(p @ t)),
    wrt="p",
    source="early-learning regularization of one sample, the cross-entropy plus lambda log(1 - <p, t>) with t the running average of the model's past predictions (Liu, Niles-Weed, Razavian and Fernandez-Granda, 2020, Early-Learning Regularization Prevents Memorization of Noisy Labels, Eq. 6)",
    note="p the softmax output and y the noisy label of the sample; the paper averages over the n samples",
)


row(
    "effective_number_of_samples",
    r"E_n = \frac{1 - \beta^{n}}{1 - \beta}",
    r"\beta: scalar, unit; n: scalar, integer, positive",
    {"beta": 0.999, "n": 500.0},
    lambda beta, n: (1 - beta**n) / (1 - beta),
    wrt=r"\beta",
    key="beta",
    source="the effective number of n samples of a class, beta = (N - 1) / N (Cui, Jia, Lin, Song and Belongie, 2019, Class-Balanced Loss Based on Effective Number of Samples, Proposition 1)",
)
z_cb = rnd(6608, 4, lo=-2.0, hi=2.0)
n_cb = [1200.0, 300.0, 60.0, 15.0]
row(
    "class_balanced_softmax_cross_entropy",
    r"\mathrm{CB}_{\mathrm{softmax}}(\mathbf{z}, y) = -\frac{1 - \beta}{1 - \beta^{n_y}} \log \left( \frac{\exp(z_y)}{\sum_{j=1}^{C} \exp(z_j)} \right)",
    r"z: vector[C]; n: vector[C]; y: label[C]; \beta: scalar, unit; j: index",
    {"z": z_cb, "n": n_cb, "y": 3, "beta": 0.99},
    lambda z, n, y, beta: (
        -(1 - beta) / (1 - beta ** n[int(y) - 1]) * float(log_softmax(z)[int(y) - 1])
    ),
    wrt="z",
    source="class-balanced softmax cross-entropy, weighted by the inverse effective number of the label's class (Cui et al., 2019, Sec. 4)",
    note="n_y the number of training samples of class y, the y-th entry of n",
)
row(
    "ldam_margins",
    r"\Delta_j = \frac{C}{n_j^{1/4}}",
    "n: vector[k]; C: scalar, positive; j: index",
    {"n": n_cb, "C": 2.0},
    lambda n, C: C / n**0.25,
    source="label-distribution-aware margins, larger for rarer classes (Cao, Wei, Gaidon, Arechiga and Ma, 2019, Learning Imbalanced Datasets with Label-Distribution-Aware Margin Loss, Eq. 12)",
    note="n_j the number of training samples of class j; the result is the vector over j",
)
D_ld = (2.0 / np.asarray(n_cb) ** 0.25).round(4).tolist()


def ldam(z, Delta, y):
    i = int(y) - 1
    a = math.exp(z[i] - Delta[i])
    return -math.log(a / (a + sum(math.exp(z[j]) for j in range(len(z)) if j != i)))


row(
    "ldam_loss",
    r"\mathcal{L}_{\mathrm{LDAM}}((x, y); f) = -\log \frac{e^{z_y - \Delta_y}}{e^{z_y - \Delta_y} + \sum_{j \neq y} e^{z_j}}",
    r"z, \Delta: vector[k]; y: label[k]; j: index",
    {"z": z_cb, "Delta": D_ld, "y": 4},
    ldam,
    wrt="z",
    source="the LDAM loss, the softmax cross-entropy with the true class's logit lowered by its margin (Cao et al., 2019, Eq. 13)",
    note="z = f(x) the logits of the one input x",
)
f_la = rnd(6609, 4, lo=-2.0, hi=2.0)
pi_la = [0.6, 0.25, 0.1, 0.05]


def logit_adjusted(f, pi, y, tau):
    a = f + tau * np.log(pi)
    return -float(log_softmax(a)[int(y) - 1])


row(
    "logit_adjusted_loss",
    r"\ell(y, f(x)) = -\log \frac{e^{f_y(x) + \tau \cdot \log \pi_y}}{\sum_{y' \in [L]} e^{f_{y'}(x) + \tau \cdot \log \pi_{y'}}}",
    r"f: vector[L]; \pi: simplex[L]; y: label[L]; \tau: scalar, positive",
    {"f": f_la, "pi": pi_la, "y": 4, "tau": 1.0},
    logit_adjusted,
    wrt="f",
    source="the logit-adjusted softmax cross-entropy, each logit shifted by tau times the log of its class prior (Menon, Jayasumana, Rawat, Jain, Veit and Kumar, 2021, Long-Tail Learning via Logit Adjustment, Eq. 10)",
    note="f_y(x) the logit of class y at the one input x, the y-th entry of f; [L] = {1, ..., L}; pi_y the class prior",
)
row(
    "posthoc_logit_adjustment",
    r"\operatorname*{argmax}_{y \in [L]} f_y(x) - \tau \cdot \log \pi_y",
    r"f: vector[L]; \pi: simplex[L]; \tau: scalar, positive",
    {"f": [1.2, 0.9, 0.3, -0.4], "pi": pi_la, "tau": 1.0},
    lambda f, pi, tau: float(np.argmax(f - tau * np.log(pi)) + 1),
    source="post-hoc logit adjustment of a trained model's prediction by the class priors (Menon et al., 2021, Eq. 9)",
    note="f_y(x) the logits at the one input x, the entries of f; [L] = {1, ..., L}; the result is the predicted class, counted from 1",
)
eta_bs = rnd(6610, 4, lo=-2.0, hi=2.0)


def balanced_softmax(eta, n, y):
    w = n * np.exp(eta)
    return -math.log(float(w[int(y) - 1] / w.sum()))


row(
    "balanced_softmax_loss",
    r"-\log \frac{n_y e^{\eta_y}}{\sum_{i=1}^{k} n_i e^{\eta_i}}",
    r"\eta, n: vector[k]; y: label[k]; i: index",
    {"eta": eta_bs, "n": n_cb, "y": 2},
    balanced_softmax,
    wrt=r"\eta",
    key="eta",
    source="the balanced softmax's negative log-likelihood, the softmax reweighted by the class counts to undo the label shift of a long-tailed training set (Ren et al., 2020, Balanced Meta-Softmax for Long-Tailed Visual Recognition, Eq. 4)",
    note="n_j the number of training samples of class j; eta the logits",
)

if __name__ == "__main__":
    A.write()
