"""Portfolio theory and risk: the Markowitz mean-variance objective and portfolio variance, the
Sharpe and Sortino ratios, historical and RiskMetrics (exponentially weighted) volatility, the
maximum drawdown, Rockafellar and Uryasev's CVaR objective, historical value at risk and the
expected shortfall of a Gaussian loss, the Kelly fraction and growth rate, the Black-Scholes call
price and delta, and the CAPM beta (NumPy/SciPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.stats import norm

A = Area("finance")
row = A.row

vol = np.array([0.18, 0.12, 0.25, 0.08])
corr = np.array(
    [
        [1.0, 0.3, 0.5, 0.1],
        [0.3, 1.0, 0.2, 0.25],
        [0.5, 0.2, 1.0, 0.05],
        [0.1, 0.25, 0.05, 1.0],
    ]
)
Sig = (np.outer(vol, vol) * corr).round(6)
mu_m = [0.08, 0.05, 0.11, 0.03]
w_m = [0.3, 0.25, 0.15, 0.3]


def mean_variance(w, mu, Sigma, **k):
    lam = k["lambda"]
    n = len(w)
    ret = sum(w[i] * mu[i] for i in range(n))
    var = sum(w[i] * Sigma[i, j] * w[j] for i in range(n) for j in range(n))
    return float(ret - lam / 2 * var)


row(
    "markowitz_mean_variance_objective",
    r"U(\mathbf{w}) = \mathbf{w}^\top \boldsymbol{\mu} - \frac{\lambda}{2} \mathbf{w}^\top \Sigma \mathbf{w}",
    r"w, \mu: vector[n]; \Sigma: spd[n]; \lambda: scalar, positive",
    {"w": w_m, "mu": mu_m, "Sigma": Sig.tolist(), "lambda": 3.0},
    mean_variance,
    wrt="w",
    source="the mean-variance objective of a portfolio with weights w, expected returns mu and covariance Sigma, with risk aversion lambda (Markowitz, 1952, Portfolio Selection, Journal of Finance 7; Cornuejols and Tutuncu, 2007, Optimization Methods in Finance, Ch. 8, the risk-aversion form of mean-variance optimization)",
)
row(
    "markowitz_portfolio_variance",
    r"V = \sum_{i=1}^{N} \sum_{j=1}^{N} \sigma_{ij} X_i X_j",
    r"X: vector[N]; \sigma: spd[N]; i, j: index",
    {"X": w_m, "sigma": Sig.tolist()},
    lambda X, sigma: float(
        sum(sigma[i, j] * X[i] * X[j] for i in range(len(X)) for j in range(len(X)))
    ),
    wrt="X",
    source="the variance of a portfolio in Markowitz's own notation, X_i the fraction invested in security i and sigma_ij the covariance of the returns of securities i and j (Markowitz, 1952, Portfolio Selection, Journal of Finance 7, the variance V of the E-V rule)",
    note="sigma_ij the entries of the covariance matrix sigma, X_i the entries of X",
)
D_sh = [0.012, -0.004, 0.021, 0.008, -0.011, 0.015]


def sharpe(D, T):
    T = int(T)
    Dbar = sum(D[t] for t in range(T)) / T
    sd = math.sqrt(sum((D[t] - sum(D[s] for s in range(T)) / T) ** 2 for t in range(T)) / (T - 1))
    return Dbar / sd


row(
    "sharpe_ratio_differential_returns",
    r"S_h = \frac{\frac{1}{T} \sum_{t=1}^{T} D_t}{\sqrt{\frac{1}{T - 1} \sum_{t=1}^{T} \left( D_t - \frac{1}{T} \sum_{s=1}^{T} D_s \right)^2}}",
    "D: vector[T]; T: dim; t, s: index",
    {"D": D_sh, "T": 6},
    sharpe,
    wrt="D",
    source="the ex post Sharpe ratio, the mean of the differential returns D_t = R_Ft - R_Bt over their standard deviation (Sharpe, 1994, The Sharpe Ratio, Journal of Portfolio Management 21, the definitions of D-bar, sigma_D and S_h)",
    note="the mean D-bar written out inside the standard deviation",
)
R_so = [0.021, -0.013, 0.034, 0.004, -0.027, 0.015, 0.009, -0.006]


def sortino(R, MAR):
    N = len(R)
    mean = sum(R[t] for t in range(N)) / N
    dr = math.sqrt(sum(min(0.0, R[t] - MAR) ** 2 for t in range(N)) / N)
    return (mean - MAR) / dr


row(
    "sortino_ratio",
    r"S = \frac{\frac{1}{N} \sum_{t=1}^{N} R_t - \mathrm{MAR}}{\sqrt{\frac{1}{N} \sum_{t=1}^{N} \min(0, R_t - \mathrm{MAR})^2}}",
    r"R: vector[N]; \mathrm{MAR}: scalar; t: index",
    {"R": R_so, "MAR": 0.002},
    sortino,
    wrt="R",
    source="the Sortino ratio, the excess of the mean return over the minimum acceptable return MAR divided by the downside deviation below MAR (Sortino and Price, 1994, Performance Measurement in a Downside Risk Framework, Journal of Investing 3, the sample downside deviation)",
    note="min(0, R_t - MAR)^2 the square of the shortfall below MAR (zero above it); no return equals MAR",
)
S_h = [100.0, 101.3, 100.6, 102.4, 101.9, 103.1, 102.2]


def hist_vol(S, n):
    n = int(n)
    u = [math.log(S[i] / S[i - 1]) for i in range(1, n + 1)]
    ubar = sum(u) / n
    return math.sqrt(sum((u[i] - ubar) ** 2 for i in range(n)) / (n - 1))


row(
    "historical_volatility_log_returns",
    r"s = \sqrt{\frac{1}{n - 1} \sum_{i=1}^{n} \left( \ln \frac{S_i}{S_{i-1}} - \frac{1}{n} \sum_{j=1}^{n} \ln \frac{S_j}{S_{j-1}} \right)^2}",
    "S: vector[n+1]; n: dim; i, j: index",
    {"S": S_h, "n": 6},
    hist_vol,
    wrt="S",
    source="the standard deviation of the log returns u_i = ln(S_i / S_{i-1}) of n + 1 closing prices, the historical estimate of volatility per interval (Hull, Options, Futures, and Other Derivatives, 9th ed., Ch. 15, estimating volatility from historical data)",
    note="S_0, ..., S_n the n + 1 prices, counted from 0 as Hull counts them; the mean log return u-bar written out",
)
row(
    "ewma_variance_recursion",
    r"\sigma_n^2 = \lambda \sigma_{n-1}^2 + (1 - \lambda) u_{n-1}^2",
    r"\sigma_{n-1}: scalar, positive; u_{n-1}: scalar; \lambda: scalar, unit",
    {"sigma_n_minus_1": 0.012, "u_n_minus_1": -0.021, "lambda": 0.94},
    lambda sigma_n_minus_1, u_n_minus_1, **k: (
        k["lambda"] * sigma_n_minus_1**2 + (1 - k["lambda"]) * u_n_minus_1**2
    ),
    wrt=r"\lambda",
    key="lambda",
    source="the exponentially weighted moving average model of the daily variance, with RiskMetrics' decay lambda = 0.94 (J.P. Morgan/Reuters, 1996, RiskMetrics - Technical Document, 4th ed., Sec. 5.2.1; Hull, Options, Futures, and Other Derivatives, 9th ed., Ch. 23, the EWMA model)",
    note="u_{n-1} the return of the previous day and sigma_{n-1} the previous day's volatility; the value is sigma_n^2",
)
r_rm = rnd(8010, 8, lo=-0.02, hi=0.02)
rbar_rm = float(np.mean(r_rm))


def riskmetrics(r, r_bar, **k):
    lam = k["lambda"]
    T = len(r)
    return math.sqrt(
        (1 - lam) * sum(lam ** (t - 1) * (r[t - 1] - r_bar) ** 2 for t in range(1, T + 1))
    )


row(
    "riskmetrics_ewma_volatility",
    r"\sigma = \sqrt{(1 - \lambda) \sum_{t=1}^{T} \lambda^{t-1} (r_t - \bar{r})^2}",
    r"r: vector[T]; \bar{r}: scalar; \lambda: scalar, unit; t: index",
    {"r": r_rm, "r_bar": round(rbar_rm, 6), "lambda": 0.94},
    riskmetrics,
    wrt=r"\lambda",
    key="lambda",
    source="the exponentially weighted estimate of volatility over T returns, the most recent weighted most (J.P. Morgan/Reuters, 1996, RiskMetrics - Technical Document, 4th ed., Sec. 5.2.1)",
    note="r_1 the most recent return; r-bar the sample mean of the returns, given",
)
X_dd = [0.0, 0.05, 0.12, 0.04, -0.02, 0.07, 0.10, 0.06]


def mdd(X):
    T = len(X)
    return float(max(max(X[s] for s in range(t + 1)) - X[t] for t in range(T)))


row(
    "maximum_drawdown",
    r"\mathrm{MDD} = \max_{1 \le t \le T} \left( \max_{1 \le s \le t} X_s - X_t \right)",
    "X: vector[T]; s, t: index",
    {"X": X_dd},
    mdd,
    wrt="X",
    source="the maximum drawdown of a path X (here log wealth), the largest drop from a running peak (Magdon-Ismail, Atiya, Pratap and Abu-Mostafa, 2004, On the Maximum Drawdown of a Brownian Motion, Journal of Applied Probability 41, Sec. 1, the definition in discrete time)",
    note="the peak and the trough are unique here, so the value is differentiable at the point",
)
Y_cv = rnd(8011, 8, 3, lo=-0.08, hi=0.1)
x_cv = [0.5, 0.3, 0.2]


def ru_cvar(x, Y, alpha, beta, q):
    q = int(q)
    return float(
        alpha
        + sum(max(-sum(x[i] * Y[k, i] for i in range(len(x))) - alpha, 0.0) for k in range(q))
        / (q * (1 - beta))
    )


_losses = -np.asarray(Y_cv) @ np.asarray(x_cv)
assert np.min(np.abs(_losses - 0.01)) > 1e-3
row(
    "rockafellar_uryasev_cvar",
    r"\tilde{F}_\beta(x, \alpha) = \alpha + \frac{1}{q(1 - \beta)} \sum_{k=1}^{q} \left[ -x^\top y_k - \alpha \right]^+",
    r"x: vector[n]; Y: matrix[q, n]; y_k: row[Y]; \alpha: scalar; \beta: scalar, unit; q: dim; k: index",
    {"x": x_cv, "Y": Y_cv, "alpha": 0.01, "beta": 0.75, "q": 8},
    ru_cvar,
    wrt="x",
    source="the sample approximation of Rockafellar and Uryasev's function F_beta, whose minimum over alpha is the conditional value at risk of the loss f(x, y) = -x^T y of portfolio x over q return scenarios y_k (Rockafellar and Uryasev, 2000, Optimization of Conditional Value-at-Risk, Journal of Risk 2, Secs. 2-3)",
    note="[t]^+ = max(t, 0); y_k the k-th scenario of returns, the rows of Y; no scenario loss equals alpha",
)
r_hv = [0.012, -0.031, 0.004, -0.008, 0.019, -0.045, 0.007, 0.026, -0.015, 0.002]
row(
    "historical_value_at_risk",
    r"\mathrm{VaR}_\alpha = -r_{(\lceil \alpha n \rceil)}",
    r"r: vector[n]; \alpha: scalar, unit; n: dim",
    {"r": r_hv, "alpha": 0.2, "n": 10},
    lambda r, alpha, n: -float(np.sort(r)[math.ceil(alpha * n) - 1]),
    wrt="r",
    source="value at risk by historical simulation, minus the ceil(alpha n)-th smallest of n past returns (McNeil, Frey and Embrechts, 2015, Quantitative Risk Management, revised ed., Ch. 9, historical simulation; Jorion, 2007, Value at Risk, 3rd ed.)",
    note="r_{(k)} the k-th smallest return, an order statistic; the returns are distinct",
)
row(
    "expected_shortfall_gaussian",
    r"\mathrm{ES}_\alpha = \mu + \sigma \frac{\phi\left( \Phi^{-1}(\alpha) \right)}{1 - \alpha}",
    r"\mu: scalar; \sigma: scalar, positive; \alpha: scalar, unit",
    {"mu": -0.001, "sigma": 0.02, "alpha": 0.975},
    lambda mu, sigma, alpha: mu + sigma * norm.pdf(norm.ppf(alpha)) / (1 - alpha),
    wrt=r"\alpha",
    key="alpha",
    source="the expected shortfall at level alpha of a loss distributed N(mu, sigma^2) (McNeil, Frey and Embrechts, 2015, Quantitative Risk Management, Ch. 2, the expected shortfall of a Gaussian loss)",
    note="phi the standard normal density and Phi^{-1} the standard normal quantile",
)
row(
    "kelly_fraction",
    r"f^* = \frac{b p - q}{b}",
    "b: scalar, positive; p, q: scalar, unit",
    {"b": 1.5, "p": 0.55, "q": 0.45},
    lambda b, p, q: (b * p - q) / b,
    wrt="p",
    source="the Kelly fraction of wealth to bet on a wager paying b to 1 that is won with probability p and lost with probability q = 1 - p (Kelly, 1956, A New Interpretation of Information Rate; Thorp, 2006, The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market, Secs. 2-3)",
)
row(
    "kelly_growth_rate",
    r"G(f) = p \log(1 + b f) + q \log(1 - f)",
    "f: scalar; b: scalar, positive; p, q: scalar, unit",
    {"f": 0.2, "b": 1.5, "p": 0.55, "q": 0.45},
    lambda f, b, p, q: p * math.log(1 + b * f) + q * math.log(1 - f),
    wrt="f",
    source="the expected logarithmic growth rate of wealth when betting the fraction f each round (Thorp, 2006, The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market, Sec. 2; Kelly, 1956)",
)


def bs_call(S_0, K, r, sigma, T):
    d1 = (math.log(S_0 / K) + (r + sigma**2 / 2) * T) / (sigma * math.sqrt(T))
    d2 = (math.log(S_0 / K) + (r - sigma**2 / 2) * T) / (sigma * math.sqrt(T))
    return S_0 * norm.cdf(d1) - K * math.exp(-r * T) * norm.cdf(d2)


bs_in = {"S_0": 100.0, "K": 105.0, "r": 0.03, "sigma": 0.25, "T": 0.75}
row(
    "black_scholes_call_price",
    r"c = S_0 N\left( \frac{\ln(S_0 / K) + (r + \sigma^2 / 2) T}{\sigma \sqrt{T}} \right) - K e^{-rT} N\left( \frac{\ln(S_0 / K) + (r - \sigma^2 / 2) T}{\sigma \sqrt{T}} \right)",
    r"S_0, K, \sigma, T: scalar, positive; r: scalar",
    bs_in,
    bs_call,
    wrt=r"\sigma",
    key="sigma",
    source="the Black-Scholes-Merton price of a European call with strike K and time to maturity T, with d_1 and d_2 written out; its derivative in sigma is the vega (Black and Scholes, 1973, The Pricing of Options and Corporate Liabilities, Eq. 13; Hull, Options, Futures, and Other Derivatives, 9th ed., Ch. 15)",
    note="N(.) the standard normal CDF, Hull's notation",
)
row(
    "black_scholes_call_delta",
    r"\Delta = N\left( \frac{\ln(S_0 / K) + (r + \sigma^2 / 2) T}{\sigma \sqrt{T}} \right)",
    r"S_0, K, \sigma, T: scalar, positive; r: scalar",
    bs_in,
    lambda S_0, K, r, sigma, T: norm.cdf(
        (math.log(S_0 / K) + (r + sigma**2 / 2) * T) / (sigma * math.sqrt(T))
    ),
    wrt="S_0",
    source="the delta of a European call, N(d_1), with d_1 written out; its derivative in S_0 is the gamma (Hull, Options, Futures, and Other Derivatives, 9th ed., Ch. 19, the Greek letters)",
    note="N(.) the standard normal CDF",
)
r_m = rnd(8012, 8, lo=-0.03, hi=0.03)
r_i = (1.3 * np.asarray(r_m) + np.asarray(rnd(8013, 8, lo=-0.01, hi=0.01))).round(4).tolist()


def beta_hat(r_i, r_m, r_bar_i, r_bar_m):
    T = len(r_m)
    num = sum((r_i[t] - r_bar_i) * (r_m[t] - r_bar_m) for t in range(T))
    den = sum((r_m[t] - r_bar_m) ** 2 for t in range(T))
    return float(num / den)


row(
    "capm_beta_estimate",
    r"\hat{\beta}_i = \frac{\sum_{t=1}^{T} (r_{i,t} - \bar{r}_i)(r_{m,t} - \bar{r}_m)}{\sum_{t=1}^{T} (r_{m,t} - \bar{r}_m)^2}",
    r"r_i, r_m: vector[T]; \bar{r}_i, \bar{r}_m: scalar; t: index",
    {
        "r_i": r_i,
        "r_m": r_m,
        "r_bar_i": round(float(np.mean(r_i)), 8),
        "r_bar_m": round(float(np.mean(r_m)), 8),
    },
    beta_hat,
    wrt="r_m",
    source="the CAPM beta of asset i, the least-squares slope of its returns on the market's over T periods, Cov(r_i, r_m) / Var(r_m) (Sharpe, 1964, Capital Asset Prices; Campbell, Lo and MacKinlay, 1997, The Econometrics of Financial Markets, Ch. 5)",
    note="r_{i,t} and r_{m,t} the t-th entries of the return series r_i and r_m; r-bar_i and r-bar_m their sample means, given",
)

if __name__ == "__main__":
    A.write()
