"""Rows of the fresh corpus: survival analysis and signal processing (NumPy/SciPy references
from each paper's definition, 0-based arrays)."""

from __future__ import annotations

import numpy as np
from scipy import integrate


def survival(row, rnd):
    A = "survival"
    row(
        A,
        "weibull_survival",
        r"S(t) = \exp\left(-\left(\frac{t}{\lambda}\right)^k\right)",
        "t, lambda, k: scalar, positive",
        {"t": 1.3, "lambda": 2.0, "k": 1.5},
        lambda t, k, **kw: np.exp(-((t / kw["lambda"]) ** k)),
        source="Weibull survival function",
    )
    row(
        A,
        "weibull_hazard",
        r"h(t) = \frac{k}{\lambda} \left(\frac{t}{\lambda}\right)^{k-1}",
        "t, lambda, k: scalar, positive",
        {"t": 1.3, "lambda": 2.0, "k": 1.5},
        lambda t, k, **kw: k / kw["lambda"] * (t / kw["lambda"]) ** (k - 1),
        source="Weibull hazard",
    )
    row(
        A,
        "hazard_from_survival",
        r"h(t) = -\frac{d}{dt} \log e^{-(t/\lambda)^k}",
        "t, lambda, k: scalar, positive",
        {"t": 1.3, "lambda": 2.0, "k": 1.5},
        lambda t, k, **kw: k / kw["lambda"] * (t / kw["lambda"]) ** (k - 1),
        source="hazard as minus the log-survival derivative",
    )
    row(
        A,
        "survival_from_hazard",
        r"S(t) = \exp\left(-\int_0^t \frac{k}{\lambda} \left(\frac{u}{\lambda}\right)^{k-1} \, du\right)",
        "t, lambda, k: scalar, positive",
        {"t": 1.3, "lambda": 2.0, "k": 1.5},
        lambda t, k, **kw: np.exp(
            -integrate.quad(
                lambda u: k / kw["lambda"] * (u / kw["lambda"]) ** (k - 1),
                0,
                t,
                epsabs=1e-14,
                epsrel=1e-13,
            )[0]
        ),
        source="survival from the cumulative hazard",
    )
    row(
        A,
        "gompertz_survival",
        r"S(t) = \exp\left(-\frac{b}{c} \left(e^{c t} - 1\right)\right)",
        "t, b, c: scalar, positive",
        {"t": 2.0, "b": 0.1, "c": 0.3},
        lambda t, b, c: np.exp(-b / c * (np.exp(c * t) - 1)),
        source="Gompertz model",
    )
    row(
        A,
        "loglogistic_survival",
        r"S(t) = \frac{1}{1 + (t / \alpha)^{\beta}}",
        "t, alpha, beta: scalar, positive",
        {"t": 1.3, "alpha": 2.0, "beta": 3.0},
        lambda t, alpha, beta: 1 / (1 + (t / alpha) ** beta),
        source="log-logistic model",
    )
    tt = [2.0, 5.0, 3.0, 8.0, 4.0]
    dd = [1.0, 0.0, 1.0, 1.0, 0.0]
    xx = [0.5, -0.2, 1.1, -0.7, 0.3]
    risk = (np.asarray(tt)[None, :] >= np.asarray(tt)[:, None]).astype(float)

    def cox(beta, x, t, delta):
        R = t[None, :] >= t[:, None]
        return np.sum(delta * (beta * x - np.log((R * np.exp(beta * x)[None, :]).sum(1))))

    row(
        A,
        "cox_log_partial",
        r"\ell(\beta) = \sum_{i=1}^{n} \delta_i \left( \beta x_i - \log \sum_{j=1}^{n} \mathbb{1}[t_j \ge t_i] e^{\beta x_j} \right)",
        "x, t, delta: vector[n]; beta: scalar; i, j: index",
        {"x": xx, "t": tt, "delta": dd, "beta": 0.4},
        cox,
        wrt="beta",
        source="Cox partial likelihood (Cox, 1972)",
    )
    row(
        A,
        "cox_partial_product",
        r"L(\beta) = \prod_{i=1}^{n} \left( \frac{e^{\beta x_i}}{\sum_{j=1}^{n} \mathbb{1}[t_j \ge t_i] e^{\beta x_j}} \right)^{\delta_i}",
        "x, t, delta: vector[n]; beta: scalar; i, j: index",
        {"x": xx, "t": tt, "delta": dd, "beta": 0.4},
        lambda **k: np.exp(cox(**k)),
        source="Cox partial likelihood (Cox, 1972)",
    )
    row(
        A,
        "cox_risk_matrix",
        r"\sum_{i=1}^{n} \delta_i \left( \eta_i - \log \sum_{j=1}^{n} R_{ij} e^{\eta_j} \right)",
        "delta, eta: vector[n]; R: matrix[n, n]; i, j: index",
        {"delta": dd, "eta": xx, "R": risk.tolist()},
        lambda delta, eta, R: np.sum(delta * (eta - np.log(R @ np.exp(eta)))),
        wrt="eta",
        source="Cox partial log-likelihood with a risk-set matrix (DeepSurv, Katzman et al., 2018)",
    )
    d_i, r_i = [1.0, 2.0, 1.0, 3.0], [10.0, 8.0, 5.0, 4.0]
    row(
        A,
        "kaplan_meier",
        r"\hat{S}(t) = \prod_{i=1}^{m} \left(1 - \frac{d_i}{r_i}\right)",
        "d, r: vector[m]; i: index",
        {"d": d_i, "r": r_i},
        lambda d, r: np.prod(1 - d / r),
        source="Kaplan-Meier estimator (Kaplan and Meier, 1958)",
    )
    tk = [1.0, 2.5, 4.0, 6.0]
    row(
        A,
        "kaplan_meier_indicator",
        r"\hat{S}(t) = \prod_{i=1}^{m} \left(1 - \frac{d_i}{r_i}\right)^{\mathbb{1}[t_i \le t]}",
        "d, r, t_e: vector[m]; t: scalar; i: index",
        {"d": d_i, "r": r_i, "t_e": tk, "t": 3.0},
        lambda d, r, t_e, t: np.prod(np.where(t_e <= t, 1 - d / r, 1.0)),
        source="Kaplan-Meier step at t",
        note="t_i is written for the event times; the symbol table names them t_e",
    )
    row(
        A,
        "nelson_aalen",
        r"\hat{H}(t) = \sum_{i=1}^{m} \frac{d_i}{r_i} \mathbb{1}[\tau_i \le t]",
        "d, r, tau: vector[m]; t: scalar; i: index",
        {"d": d_i, "r": r_i, "tau": tk, "t": 3.0},
        lambda d, r, tau, t: np.sum(d / r * (tau <= t)),
        source="Nelson-Aalen estimator",
    )
    row(
        A,
        "greenwood",
        r"\hat{S}^2 \sum_{i=1}^{m} \frac{d_i}{r_i (r_i - d_i)}",
        "d, r: vector[m]; S_hat: scalar; i: index",
        {"d": d_i, "r": r_i, "S_hat": 0.5},
        lambda d, r, S_hat: S_hat**2 * np.sum(d / (r * (r - d))),
        source="Greenwood's formula",
    )
    row(
        A,
        "exponential_loglik",
        r"\ell(\lambda) = \sum_{i=1}^{n} \left( \delta_i \log \lambda - \lambda t_i \right)",
        "delta, t: vector[n]; lambda: scalar, positive; i: index",
        {"delta": dd, "t": tt, "lambda": 0.3},
        lambda delta, t, **k: np.sum(delta * np.log(k["lambda"]) - k["lambda"] * t),
        wrt="lambda",
        source="censored exponential likelihood",
    )
    row(
        A,
        "weibull_loglik",
        r"\sum_{i=1}^{n} \left[ \delta_i \left( \log k - k \log \lambda + (k - 1) \log t_i \right) - \left( \frac{t_i}{\lambda} \right)^k \right]",
        "delta, t: vector[n]; k, lambda: scalar, positive; i: index",
        {"delta": dd, "t": tt, "k": 1.5, "lambda": 4.0},
        lambda delta, t, k, **kw: np.sum(
            delta * (np.log(k) - k * np.log(kw["lambda"]) + (k - 1) * np.log(t))
            - (t / kw["lambda"]) ** k
        ),
        wrt="k",
        source="censored Weibull likelihood",
    )
    row(
        A,
        "harrell_c",
        r"C = \frac{\sum_{i,j} \mathbb{1}[t_i < t_j] \mathbb{1}[\eta_i > \eta_j] \delta_i}{\sum_{i,j} \mathbb{1}[t_i < t_j] \delta_i}",
        "t, eta, delta: vector[n]; i, j: index",
        {"t": tt, "eta": xx, "delta": dd},
        lambda t, eta, delta: (
            np.sum((t[:, None] < t) * (eta[:, None] > eta) * delta[:, None])
            / np.sum((t[:, None] < t) * delta[:, None])
        ),
        source="Harrell's concordance index (Harrell et al., 1982)",
    )
    row(
        A,
        "cox_hazard",
        r"h(t \mid x) = h_0(t) \exp(\beta^\top x)",
        "x, beta: vector[p]; h_0: function",
        {"x": [0.5, -1.0], "beta": [0.3, 0.2], "h_0(t)": 0.1},
        lambda x, beta, **k: k["h_0(t)"] * np.exp(beta @ x),
        source="proportional hazards (Cox, 1972)",
    )


def signal(row, rnd):
    A = "signal"
    x = [0.5, -1.0, 2.0, 0.3, -0.7, 1.2]
    N = len(x)
    nn = np.arange(N)
    row(
        A,
        "dft_complex",
        r"X_k = \sum_{n=0}^{N-1} x_n e^{-2\pi i k n / N}",
        "x: vector[N]; k: scalar, integer; n: index",
        {"x": x, "k": 2.0},
        lambda x, k: np.sum(x * np.exp(-2j * np.pi * k * nn / N)),
        source="discrete Fourier transform (Oppenheim and Schafer)",
    )
    row(
        A,
        "dft_cos",
        r"\sum_{n=0}^{N-1} x_n \cos\left(\frac{2\pi k n}{N}\right)",
        "x: vector[N]; k: scalar, integer; n: index",
        {"x": x, "k": 2.0},
        lambda x, k: np.sum(x * np.cos(2 * np.pi * k * nn / N)),
        source="real part of the DFT",
    )
    row(
        A,
        "dft_one_based",
        r"\sum_{n=1}^{N} x_n \cos\left(\frac{2\pi (k - 1)(n - 1)}{N}\right)",
        "x: vector[N]; k: scalar, integer; n: index",
        {"x": x, "k": 3.0},
        lambda x, k: np.sum(x * np.cos(2 * np.pi * (k - 1) * nn / N)),
        wrt="x",
        source="real part of the DFT, 1-based",
    )
    row(
        A,
        "power_spectrum",
        r"\left(\sum_{n=1}^{N} x_n \cos\frac{2\pi k n}{N}\right)^2 + \left(\sum_{n=1}^{N} x_n \sin\frac{2\pi k n}{N}\right)^2",
        "x: vector[N]; k: scalar; n: index",
        {"x": x, "k": 1.0},
        lambda x, k: abs(np.sum(x * np.exp(-2j * np.pi * k * (nn + 1) / N))) ** 2,
        wrt="x",
        source="periodogram",
    )
    h = [0.25, 0.5, 0.25]
    row(
        A,
        "conv_valid",
        r"y_i = \sum_{k=1}^{K} w_k x_{i+k-1}",
        "w: vector[K]; x: vector[N]; i, k: index",
        {"w": h, "x": x},
        lambda w, x: np.correlate(x, w, mode="valid"),
        source="a convolutional layer (cross-correlation, 'valid')",
    )
    row(
        A,
        "conv_at_output",
        r"y_4 = \sum_{k=1}^{K} h_k x_{4-k+1}",
        "h: vector[K]; x: vector[N]; k: index",
        {"h": h, "x": x},
        lambda h, x: np.convolve(x, h)[3],
        source="discrete convolution at one output",
    )
    row(
        A,
        "autocorrelation_lag",
        r"R_{xx}(\tau) = \sum_{t=1}^{N-\tau} x_t x_{t+\tau}",
        "x: vector[N]; tau: scalar, integer, positive; t: index",
        {"x": x, "tau": 2.0},
        lambda x, tau: np.sum(x[: N - int(tau)] * x[int(tau) :]),
        wrt="x",
        source="autocorrelation",
    )
    xb = float(np.mean(x))
    row(
        A,
        "autocorrelation_normalized",
        r"\rho_k = \frac{\sum_{t=1}^{N-k} (x_t - \bar{x})(x_{t+k} - \bar{x})}{\sum_{t=1}^{N} (x_t - \bar{x})^2}",
        "x: vector[N]; x_bar: scalar; k: scalar, integer, positive; t: index",
        {"x": x, "x_bar": xb, "k": 1.0},
        lambda x, x_bar, k: (
            np.sum((x[: N - int(k)] - x_bar) * (x[int(k) :] - x_bar)) / np.sum((x - x_bar) ** 2)
        ),
        source="sample autocorrelation (Box and Jenkins)",
    )
    row(
        A,
        "moving_average",
        r"y_t = \frac{1}{M} \sum_{k=0}^{M-1} x_{t-k}",
        "x: vector[N]; t, M: scalar, integer, positive; k: index",
        {"x": x, "t": 5.0, "M": 3.0},
        lambda x, t, M: np.mean(x[int(t) - int(M) : int(t)]),
        source="causal moving average at t",
    )
    row(
        A,
        "ema_unrolled",
        r"s_t = \sum_{k=0}^{t-1} \alpha (1 - \alpha)^k x_{t-k}",
        "x: vector[N]; t: scalar, integer, positive; alpha: scalar, unit; k: index",
        {"x": x, "t": 4.0, "alpha": 0.3},
        lambda x, t, alpha: np.sum(
            alpha * (1 - alpha) ** np.arange(int(t)) * x[int(t) - 1 :: -1][: int(t)]
        ),
        wrt="alpha",
        source="exponential moving average, unrolled",
    )
    w = [0.1, 0.5, 1.0, 1.0, 0.5, 0.1]
    row(
        A,
        "windowed_energy",
        r"E = \sum_{n=1}^{N} (w_n x_n)^2",
        "w, x: vector[N]; n: index",
        {"w": w, "x": x},
        lambda w, x: np.sum((w * x) ** 2),
        wrt="x",
        source="short-time energy",
    )
    row(
        A,
        "frame_energy",
        r"E_m = \sum_{n=m}^{m+L-1} x_n^2",
        "x: vector[N]; m, L: scalar, integer, positive; n: index",
        {"x": x, "m": 2.0, "L": 3.0},
        lambda x, m, L: np.sum(x[int(m) - 1 : int(m) + int(L) - 1] ** 2),
        source="frame energy",
    )
    row(
        A,
        "hann",
        r"w(n) = \frac{1}{2} \left(1 - \cos\left(\frac{2\pi n}{N - 1}\right)\right)",
        "n, N: scalar",
        {"n": 2.0, "N": 7.0},
        lambda n, N: 0.5 * (1 - np.cos(2 * np.pi * n / (N - 1))),
        source="Hann window",
    )
    s, e = [1.0, -0.5, 0.8, 0.2], [0.1, 0.05, -0.2, 0.1]
    row(
        A,
        "snr_db",
        r"\mathrm{SNR} = 10 \log_{10} \frac{\sum_{n} s_n^2}{\sum_{n} e_n^2}",
        "s, e: vector[N]; n: index",
        {"s": s, "e": e},
        lambda s, e: 10 * np.log10(np.sum(s**2) / np.sum(e**2)),
        source="signal-to-noise ratio in decibels",
    )
    row(
        A,
        "zero_crossing_rate",
        r"\frac{1}{2(N-1)} \sum_{n=2}^{N} \left| \operatorname{sgn}(x_n) - \operatorname{sgn}(x_{n-1}) \right|",
        "x: vector[N]; n: index; N: dim",
        {"x": x},
        lambda x: np.sum(np.abs(np.diff(np.sign(x)))) / (2 * (N - 1)),
        source="zero-crossing rate",
    )
    row(
        A,
        "total_variation",
        r"\sum_{n=1}^{N-1} |x_{n+1} - x_n|",
        "x: vector[N]; n: index",
        {"x": x},
        lambda x: np.sum(np.abs(np.diff(x))),
        source="total variation of a signal",
    )
    y2 = [0.2, 0.9, -0.4, 1.0, 0.0, -0.3]
    row(
        A,
        "cross_correlation_lag",
        r"\sum_{n=1}^{N-\ell} x_n y_{n+\ell}",
        "x, y: vector[N]; ell: scalar, integer, positive; n: index",
        {"x": x, "y": y2, "ell": 1.0},
        lambda x, y, ell: np.sum(x[: N - int(ell)] * y[int(ell) :]),
        source="cross-correlation at a lag",
    )
