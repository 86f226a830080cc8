"""Calibration, ensembles and Bayesian linear regression (NumPy references from each definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, softmax

A = Area("calibration")
row = A.row

zl = rnd(900, 4, 3, lo=-2, hi=2)
yl = [1.0, 3.0, 2.0, 1.0]


def temp_nll(z, y, T):
    return -sum(
        math.log(
            math.exp(z[i, int(y[i]) - 1] / T)
            / sum(math.exp(z[i, k] / T) for k in range(z.shape[1]))
        )
        for i in range(z.shape[0])
    )


row(
    "temperature_scaling_nll",
    r"-\sum_{i=1}^{n} \log \frac{\exp(z_{i, y_i} / T)}{\sum_{k=1}^{K} \exp(z_{ik} / T)}",
    "z: matrix[n, K]; y: labels[n, K]; T: scalar, positive; i, k: index",
    {"z": zl, "y": yl, "T": 1.7},
    temp_nll,
    wrt="T",
    source="temperature scaling fitted by NLL (Guo et al., 2017, Sec. 4.2), y_i the class of example i numbered from 1",
)
row(
    "temperature_confidence",
    r"\hat{q}_i = \max_k \frac{\exp(z_{ik} / T)}{\sum_{j=1}^{K} \exp(z_{ij} / T)}",
    "z: matrix[n, K]; T: scalar, positive; i, j, k: index",
    {"z": zl, "T": 1.7},
    lambda z, T: softmax(z / T, axis=1).max(axis=1),
    source="confidence after temperature scaling (Guo et al., 2017, Sec. 4.2)",
)
Pb = np.asarray(simplex(901, 4, 3))
Ob = np.eye(3)[[0, 2, 1, 0]]
row(
    "brier_score",
    r"\frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} (p_{ik} - o_{ik})^2",
    "p, o: matrix[N, K]; i, k: index",
    {"p": Pb.tolist(), "o": Ob.tolist()},
    lambda p, o: (
        sum((p[i, k] - o[i, k]) ** 2 for i in range(p.shape[0]) for k in range(p.shape[1]))
        / p.shape[0]
    ),
    source="multi-category Brier score (Brier, 1950)",
)
fp = rnd(902, 5, lo=-2, hi=2)
tp = [0.9, 0.1, 0.9, 0.9, 0.1]


def platt(f, t, A, B):
    out = 0.0
    for i in range(len(f)):
        p = 1 / (1 + math.exp(A * f[i] + B))
        out += t[i] * math.log(p) + (1 - t[i]) * math.log(1 - p)
    return -out


row(
    "platt_scaling",
    r"-\sum_{i=1}^{n} \left[ t_i \log \frac{1}{1 + \exp(A f_i + B)} + (1 - t_i) \log\left(1 - \frac{1}{1 + \exp(A f_i + B)}\right) \right]",
    "f, t: vector[n]; A, B: scalar; i: index",
    {"f": fp, "t": tp, "A": -1.3, "B": 0.2},
    platt,
    source="Platt scaling (Platt, 1999, Sec. 2), t_i the regularized targets",
)
Phi = np.asarray(rnd(903, 6, 3))
tt = rnd(904, 6)
al, be = 0.5, 4.0


def S_N(Phi, alpha, beta):
    return np.linalg.inv(alpha * np.eye(Phi.shape[1]) + beta * Phi.T @ Phi)


row(
    "blr_posterior_covariance",
    r"S_N = (\alpha I + \beta \Phi^\top \Phi)^{-1}",
    r"\Phi: matrix[N, M]; alpha, beta: scalar, positive",
    {"Phi": Phi.tolist(), "alpha": al, "beta": be},
    S_N,
    source="Bayesian linear regression posterior covariance (Bishop, 2006, Eq. 3.54)",
)
row(
    "blr_posterior_mean",
    r"m_N = \beta (\alpha I + \beta \Phi^\top \Phi)^{-1} \Phi^\top t",
    r"\Phi: matrix[N, M]; t: vector[N]; alpha, beta: scalar, positive",
    {"Phi": Phi.tolist(), "t": tt, "alpha": al, "beta": be},
    lambda Phi, t, alpha, beta: beta * S_N(Phi, alpha, beta) @ Phi.T @ t,
    source="Bayesian linear regression posterior mean (Bishop, 2006, Eq. 3.53-3.54)",
)
ph = rnd(905, 3)
row(
    "blr_predictive_variance",
    r"\frac{1}{\beta} + \phi^\top (\alpha I + \beta \Phi^\top \Phi)^{-1} \phi",
    r"\phi: vector[M]; \Phi: matrix[N, M]; alpha, beta: scalar, positive",
    {"phi": ph, "Phi": Phi.tolist(), "alpha": al, "beta": be},
    lambda phi, Phi, alpha, beta: 1 / beta + phi @ S_N(Phi, alpha, beta) @ phi,
    wrt="phi",
    source="predictive variance sigma_N^2(x) = 1/beta + phi(x)^T S_N phi(x) (Bishop, 2006, Eq. 3.59), phi = phi(x)",
)
Amat = al * np.eye(3) + be * Phi.T @ Phi
mN = be * np.linalg.solve(Amat, Phi.T @ np.asarray(tt))
mN_off = mN + np.asarray(
    [0.1, -0.05, 0.08]
)  # off the posterior mean: a gradient in m_N that is not 0


def evidence(t, Phi, m_N, A, alpha, beta):
    N, M = Phi.shape
    r = t - Phi @ m_N
    return (
        M / 2 * math.log(alpha)
        + N / 2 * math.log(beta)
        - beta / 2 * float(r @ r)
        - alpha / 2 * float(m_N @ m_N)
        - 0.5 * math.log(np.linalg.det(A))
        - N / 2 * math.log(2 * math.pi)
    )


row(
    "blr_log_evidence",
    r"\frac{M}{2} \ln \alpha + \frac{N}{2} \ln \beta - \frac{\beta}{2} \|t - \Phi m_N\|^2 - \frac{\alpha}{2} m_N^\top m_N - \frac{1}{2} \ln |A| - \frac{N}{2} \ln(2\pi)",
    r"t: vector[N]; \Phi: matrix[N, M]; m_N: vector[M]; A: spd[M]; alpha, beta: scalar, positive; M, N: dim",
    {
        "t": tt,
        "Phi": Phi.tolist(),
        "m_N": mN_off.tolist(),
        "A": Amat.tolist(),
        "alpha": al,
        "beta": be,
    },
    evidence,
    wrt="m_N",
    source="log evidence of Bayesian linear regression (Bishop, 2006, Eq. 3.86 with E(m_N) of Eq. 3.82), |A| the determinant",
    note="m_N is moved slightly off the posterior mean so that the gradient in m_N is not zero",
)
lam = np.linalg.eigvalsh(be * Phi.T @ Phi)
row(
    "effective_parameters",
    r"\gamma = \sum_{i} \frac{\lambda_i}{\alpha + \lambda_i}",
    "lambda: vector[M], positive; alpha: scalar, positive; i: index",
    {"lambda": lam.tolist(), "alpha": al},
    lambda alpha, **k: sum(li / (alpha + li) for li in k["lambda"]),
    source="effective number of parameters (Bishop, 2006, Eq. 3.91)",
)
gam = float(sum(lam / (al + lam)))
row(
    "beta_reestimation",
    r"\frac{1}{\beta} = \frac{1}{N - \gamma} \sum_{n=1}^{N} \left\{ t_n - m_N^\top \phi_n \right\}^2",
    r"t: vector[N]; \Phi: matrix[N, M]; \phi_n: row[\Phi]; m_N: vector[M]; gamma: scalar; n: index",
    {"t": tt, "Phi": Phi.tolist(), "m_N": mN.tolist(), "gamma": gam},
    lambda t, Phi, m_N, gamma: (
        sum((t[n] - float(m_N @ Phi[n])) ** 2 for n in range(len(t))) / (len(t) - gamma)
    ),
    source="re-estimation of the noise precision (Bishop, 2006, Eq. 3.95), phi_n = phi(x_n) the rows of Phi",
    note="the value is the right side (1 / beta)",
)
mu_e, sg_e = rnd(906, 5), rnd(907, 5, lo=0.3, hi=1.0)
row(
    "ensemble_mixture_variance",
    r"\frac{1}{M} \sum_{m=1}^{M} \left(\sigma_m^2 + \mu_m^2\right) - \left(\frac{1}{M} \sum_{m=1}^{M} \mu_m\right)^2",
    "mu, sigma: vector[M]; m: index; M: dim",
    {"mu": mu_e, "sigma": sg_e},
    lambda mu, sigma: (
        sum(sigma[m] ** 2 + mu[m] ** 2 for m in range(len(mu))) / len(mu) - (sum(mu) / len(mu)) ** 2
    ),
    wrt="mu",
    source="variance of the uniformly weighted Gaussian mixture of a deep ensemble (Lakshminarayanan, Pritzel and Blundell, 2017, Sec. 2.4)",
)
Pm = np.asarray(simplex(908, 4, 3))
row(
    "ensemble_predictive_entropy",
    r"-\sum_{k=1}^{K} \left(\frac{1}{M} \sum_{m=1}^{M} P_{mk}\right) \log \left(\frac{1}{M} \sum_{m=1}^{M} P_{mk}\right)",
    "P: matrix[M, K]; m, k: index",
    {"P": Pm.tolist()},
    lambda P: -sum(P[:, k].mean() * math.log(P[:, k].mean()) for k in range(P.shape[1])),
    source="entropy of the ensemble's averaged prediction (Lakshminarayanan, Pritzel and Blundell, 2017, Sec. 3.5)",
)
row(
    "bald_mutual_information",
    r"-\sum_{k=1}^{K} \bar{p}_k \log \bar{p}_k + \frac{1}{M} \sum_{m=1}^{M} \sum_{k=1}^{K} P_{mk} \log P_{mk}",
    r"\bar{p}: vector[K]; P: matrix[M, K]; m, k: index",
    {"p_bar": Pm.mean(0).tolist(), "P": Pm.tolist()},
    lambda p_bar, P: (
        -sum(p_bar[k] * math.log(p_bar[k]) for k in range(len(p_bar)))
        + sum(P[m, k] * math.log(P[m, k]) for m in range(P.shape[0]) for k in range(P.shape[1]))
        / P.shape[0]
    ),
    source="BALD mutual information, Monte Carlo estimate (Houlsby et al., 2011; Gal, Islam and Ghahramani, 2017), p_bar the mean of the rows of P",
)
row(
    "heteroscedastic_nll",
    r"\frac{\log \sigma^2}{2} + \frac{(y - \mu)^2}{2 \sigma^2}",
    "y, mu: scalar; sigma: scalar, positive",
    {"y": 1.2, "mu": 0.7, "sigma": 0.6},
    lambda y, mu, sigma: math.log(sigma**2) / 2 + (y - mu) ** 2 / (2 * sigma**2),
    source="Gaussian NLL with predicted variance (Lakshminarayanan, Pritzel and Blundell, 2017, Eq. 1, constant dropped)",
)
qd = simplex(909, 3)
Wd, bd = rnd(910, 3, 3), rnd(911, 3)
row(
    "dirichlet_calibration",
    r"\hat{q} = \operatorname{softmax}(W \ln q + b)",
    "q: simplex[k]; W: matrix[k, k]; b: vector[k]",
    {"q": qd, "W": Wd, "b": bd},
    lambda q, W, b: softmax(W @ np.log(q) + b),
    source="Dirichlet calibration map (Kull et al., 2019, Sec. 3), ln applied entrywise",
)
row(
    "probit_approximation",
    r"\sigma\left(\left(1 + \frac{\pi \sigma_a^2}{8}\right)^{-1/2} \mu_a\right)",
    "sigma_a: scalar, positive; mu_a: scalar",
    {"sigma_a": 1.3, "mu_a": 0.8},
    lambda sigma_a, mu_a: float(sigmoid((1 + math.pi * sigma_a**2 / 8) ** -0.5 * mu_a)),
    wrt="mu_a",
    source="approximate predictive of Bayesian logistic regression (MacKay, 1992; Bishop, 2006, Eq. 4.153-4.155)",
)

if __name__ == "__main__":
    A.write()
