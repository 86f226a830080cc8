"""Time series: ARMA, exponential smoothing, forecast metrics and tests (NumPy/SciPy references
from each definition; arrays 0-based here, 1-based in the formulas)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.special import erf

A = Area("timeseries")
row = A.row

x = [0.5, -0.3, 1.2, 0.8, -0.6, 0.4]
phi = [0.5, -0.2, 0.1]
theta = [0.3, -0.4]
eps = [0.1, -0.2, 0.05, 0.3, -0.1, 0.2]


def ar_forecast(x, varphi, c, t):
    t = int(t)
    # x_{t-i} is entry t - i (1-based), index t - i - 1 here
    return c + sum(varphi[i - 1] * x[t - i - 1] for i in range(1, len(varphi) + 1))


row(
    "ar_forecast",
    r"\hat{x}_t = c + \sum_{i=1}^{p} \varphi_i x_{t-i}",
    "x: vector[N]; varphi: vector[p]; c: scalar; t: scalar, integer, positive; i: index",
    {"x": x, "varphi": phi, "c": 0.1, "t": 7.0},
    ar_forecast,
    source="AR(p) one-step forecast (Box and Jenkins; Hamilton, 1994, Ch. 3), t = N + 1",
)


def arma(x, varepsilon, varphi, theta, c, t):
    t = int(t)
    return (
        c
        + sum(varphi[i - 1] * x[t - i - 1] for i in range(1, len(varphi) + 1))
        + sum(theta[j - 1] * varepsilon[t - j - 1] for j in range(1, len(theta) + 1))
    )


row(
    "arma_one_step",
    r"\hat{x}_t = c + \sum_{i=1}^{p} \varphi_i x_{t-i} + \sum_{j=1}^{q} \theta_j \varepsilon_{t-j}",
    "x, varepsilon: vector[N]; varphi: vector[p]; theta: vector[q]; c: scalar; t: scalar, integer, positive; i, j: index",
    {"x": x, "varepsilon": eps, "varphi": phi, "theta": theta, "c": 0.1, "t": 7.0},
    arma,
    source="ARMA(p, q) one-step prediction (Box and Jenkins; Hamilton, 1994, Ch. 3), past innovations given",
)
xl = [0.5, -0.3, 1.2, 0.8, -0.6, 0.4, 0.9, -0.2]
phi2 = [0.4, -0.25]


def ar_loglik(x, varphi, c, sigma):
    T, p = len(x), len(varphi)
    ss = 0.0
    for t in range(p + 1, T + 1):
        ss += (x[t - 1] - c - sum(varphi[i - 1] * x[t - i - 1] for i in range(1, p + 1))) ** 2
    return -(T - p) / 2 * math.log(2 * math.pi * sigma**2) - ss / (2 * sigma**2)


row(
    "ar_conditional_loglik",
    r"-\frac{T - p}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_{t=p+1}^{T} \left(x_t - c - \sum_{i=1}^{p} \varphi_i x_{t-i}\right)^2",
    "x: vector[T]; varphi: vector[p]; c: scalar; sigma: scalar, positive; t, i: index",
    {"x": xl, "varphi": phi2, "c": 0.05, "sigma": 0.7},
    ar_loglik,
    wrt="varphi",
    source="conditional Gaussian log-likelihood of an AR(p) (Hamilton, 1994, Sec. 5.3)",
)
ys = [3.1, 2.8, 3.6, 3.3, 3.9]


def ses(y, alpha, ell_0):
    T = len(y)
    # y_{T-j} is entry T - j (1-based), index T - j - 1 here
    return sum(alpha * (1 - alpha) ** j * y[T - j - 1] for j in range(T)) + (1 - alpha) ** T * ell_0


row(
    "ses_weighted_average",
    r"\hat{y}_{T+1|T} = \sum_{j=0}^{T-1} \alpha (1 - \alpha)^j y_{T-j} + (1 - \alpha)^T \ell_0",
    "y: vector[T]; alpha: scalar, unit; ell_0: scalar; j: index; T: dim",
    {"y": ys, "alpha": 0.4, "ell_0": 3.0},
    ses,
    wrt="alpha",
    source="simple exponential smoothing, weighted-average form (Hyndman and Athanasopoulos, FPP3, Sec. 8.1)",
)
row(
    "damped_trend",
    r"\hat{y}_{T+h|T} = \ell_T + (\phi + \phi^2 + \dots + \phi^h) b_T",
    "ell_T, b_T: scalar; phi: scalar, unit; h: scalar, integer, positive",
    {"ell_T": 3.5, "b_T": 0.2, "phi": 0.9, "h": 4.0},
    lambda ell_T, b_T, phi, h: ell_T + sum(phi**k for k in range(1, int(h) + 1)) * b_T,
    wrt="phi",
    source="damped trend forecast (Gardner and McKenzie, 1985; Hyndman and Athanasopoulos, FPP3, Sec. 8.2)",
)
row(
    "holt_winters_level",
    r"\ell_t = \alpha (y_t - s_{t-m}) + (1 - \alpha)(\ell_{t-1} + b_{t-1})",
    r"y_t, s_{t-m}, \ell_{t-1}, b_{t-1}: scalar; alpha: scalar, unit",
    {"y_t": 5.2, "s_t_minus_m": 0.7, "ell_t_minus_1": 4.1, "b_t_minus_1": 0.15, "alpha": 0.3},
    lambda y_t, s_t_minus_m, ell_t_minus_1, b_t_minus_1, alpha: (
        alpha * (y_t - s_t_minus_m) + (1 - alpha) * (ell_t_minus_1 + b_t_minus_1)
    ),
    source="additive Holt-Winters level equation (Winters, 1960; Hyndman and Athanasopoulos, FPP3, Sec. 8.3)",
)
row(
    "holt_trend",
    r"b_t = \beta^*(\ell_t - \ell_{t-1}) + (1 - \beta^*) b_{t-1}",
    r"\ell_t, \ell_{t-1}, b_{t-1}: scalar; \beta^*: scalar, unit",
    {"ell_t": 4.4, "ell_t_minus_1": 4.1, "b_t_minus_1": 0.15, "beta_sup_star": 0.2},
    lambda ell_t, ell_t_minus_1, b_t_minus_1, beta_sup_star: (
        beta_sup_star * (ell_t - ell_t_minus_1) + (1 - beta_sup_star) * b_t_minus_1
    ),
    source="Holt's linear trend equation (Holt, 1957; Hyndman and Athanasopoulos, FPP3, Sec. 8.2)",
)
rho = [0.31, -0.12, 0.08, 0.2]
row(
    "ljung_box",
    r"Q = T(T + 2) \sum_{k=1}^{h} \frac{\hat{\rho}_k^2}{T - k}",
    r"\hat{\rho}: vector[h]; T: scalar, positive; k: index",
    {"rho_hat": rho, "T": 50.0},
    lambda rho_hat, T: (
        T * (T + 2) * sum(rho_hat[k - 1] ** 2 / (T - k) for k in range(1, len(rho_hat) + 1))
    ),
    source="Ljung-Box portmanteau statistic (Ljung and Box, 1978)",
)
e = [0.3, -0.5, 0.2, 0.6, -0.1]
yy = [3.1, 2.8, 3.6, 3.3, 3.9]
row(
    "mase",
    r"\mathrm{MASE} = \frac{\frac{1}{n} \sum_{t=1}^{n} |e_t|}{\frac{1}{n-1} \sum_{t=2}^{n} |y_t - y_{t-1}|}",
    "e, y: vector[n]; t: index; n: dim",
    {"e": e, "y": yy},
    lambda e, y: (
        (sum(abs(v) for v in e) / len(e))
        / (sum(abs(y[t] - y[t - 1]) for t in range(1, len(y))) / (len(y) - 1))
    ),
    source="mean absolute scaled error (Hyndman and Koehler, 2006, Sec. 3.4)",
)
Aa = [3.1, 2.8, 3.6, 3.3, 3.9]
Ff = [3.0, 3.1, 3.4, 3.5, 3.6]
row(
    "smape",
    r"\mathrm{sMAPE} = \frac{100}{n} \sum_{t=1}^{n} \frac{|F_t - A_t|}{(|A_t| + |F_t|) / 2}",
    "A, F: vector[n]; t: index; n: dim",
    {"A": Aa, "F": Ff},
    lambda A, F: (
        100 / len(A) * sum(abs(F[t] - A[t]) / ((abs(A[t]) + abs(F[t])) / 2) for t in range(len(A)))
    ),
    source="symmetric MAPE (Makridakis and Hibon, 2000, M3 competition)",
)
row(
    "mape",
    r"\mathrm{MAPE} = \frac{100}{n} \sum_{t=1}^{n} \left| \frac{A_t - F_t}{A_t} \right|",
    "A, F: vector[n]; t: index; n: dim",
    {"A": Aa, "F": Ff},
    lambda A, F: 100 / len(A) * sum(abs((A[t] - F[t]) / A[t]) for t in range(len(A))),
    source="mean absolute percentage error (Hyndman and Koehler, 2006, Sec. 3.2)",
)
row(
    "durbin_watson",
    r"d = \frac{\sum_{t=2}^{T} (e_t - e_{t-1})^2}{\sum_{t=1}^{T} e_t^2}",
    "e: vector[T]; t: index",
    {"e": e},
    lambda e: sum((e[t] - e[t - 1]) ** 2 for t in range(1, len(e))) / sum(v**2 for v in e),
    wrt="e",
    source="Durbin-Watson statistic (Durbin and Watson, 1950)",
)
row(
    "kalman_local_level",
    r"a_{t+1} = a_t + \frac{P_t}{P_t + \sigma_{\varepsilon}^2} (y_t - a_t)",
    r"a_t, P_t, y_t: scalar; \sigma_{\varepsilon}: scalar, positive",
    {"a_t": 1.2, "P_t": 0.8, "y_t": 2.0, "sigma_varepsilon": 0.5},
    lambda a_t, P_t, y_t, sigma_varepsilon: a_t + P_t / (P_t + sigma_varepsilon**2) * (y_t - a_t),
    source="Kalman filter of the local level model (Durbin and Koopman, 2012, Ch. 2), K_t = P_t / F_t",
)
acv = [1.0, 0.45, 0.1, -0.05]
G = np.array([[acv[abs(i - j)] for j in range(3)] for i in range(3)])
row(
    "yule_walker",
    r"\hat{\phi} = \hat{\Gamma}_p^{-1} \hat{\gamma}_p",
    r"\hat{\Gamma}_p: spd[p]; \hat{\gamma}_p: vector[p]",
    {"Gamma_hat_p": G.tolist(), "gamma_hat_p": acv[1:]},
    lambda Gamma_hat_p, gamma_hat_p: np.linalg.solve(Gamma_hat_p, gamma_hat_p),
    source="Yule-Walker estimator (Brockwell and Davis, 2016, Sec. 5.1), Gamma_p the Toeplitz autocovariance matrix",
)
zt, mt, st = rnd(700, 5), rnd(701, 5), rnd(702, 5, lo=0.5, hi=1.5)


def deepar(z, mu, sigma):
    return -sum(
        math.log(
            1
            / (math.sqrt(2 * math.pi) * sigma[t])
            * math.exp(-((z[t] - mu[t]) ** 2) / (2 * sigma[t] ** 2))
        )
        for t in range(len(z))
    )


row(
    "deepar_gaussian_nll",
    r"-\sum_{t=1}^{T} \log\left(\frac{1}{\sqrt{2\pi} \sigma_t} \exp\left(-\frac{(z_t - \mu_t)^2}{2 \sigma_t^2}\right)\right)",
    "z, mu: vector[T]; sigma: vector[T], positive; t: index",
    {"z": zt, "mu": mt, "sigma": st},
    deepar,
    source="DeepAR Gaussian likelihood (Salinas et al., 2020, Sec. 3.1), negative log over the horizon",
)


def crps(z, sigma):
    return sigma * (
        z * erf(z / math.sqrt(2))
        + math.sqrt(2 / math.pi) * math.exp(-(z**2) / 2)
        - 1 / math.sqrt(math.pi)
    )


row(
    "crps_gaussian",
    r"\sigma \left[ z \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right) + \sqrt{\frac{2}{\pi}} e^{-z^2 / 2} - \frac{1}{\sqrt{\pi}} \right]",
    "z: scalar; sigma: scalar, positive",
    {"z": 0.6, "sigma": 1.4},
    crps,
    source="CRPS of a Gaussian forecast (Gneiting and Raftery, 2007) with 2 Phi(z) - 1 = erf(z / sqrt 2), 2 phi(z) = sqrt(2/pi) e^{-z^2/2}",
    note="sigma is the forecast standard deviation (declared a scalar), z = (y - mu) / sigma",
)

if __name__ == "__main__":
    A.write()
