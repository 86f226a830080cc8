"""Econometrics and regression diagnostics: the least squares and two-stage least squares
estimators, the hat matrix, R squared, adjusted R squared and the overall F statistic, Cook's
distance and the studentized residual, the variance inflation factor, Mallows' C_p, White's
heteroskedasticity-consistent covariance, the Newey-West long-run variance, the Jarque-Bera
statistic, the Gaussian regression log-likelihood and the Hausman statistic (NumPy references
from each paper's or textbook's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd

A = Area("econometrics")
row = A.row

X_e = np.column_stack([np.ones(6), np.asarray(rnd(7600, 6, 2))]).round(3)
beta_true = np.array([0.5, 1.2, -0.7])
y_e = (X_e @ beta_true + np.asarray(rnd(7601, 6, lo=-0.3, hi=0.3))).round(3)
bhat = np.linalg.solve(X_e.T @ X_e, X_e.T @ y_e)
yhat = X_e @ bhat
e_e = y_e - yhat

row(
    "ols_estimator",
    r"\hat{\boldsymbol{\beta}} = \left( \mathbf{X}^\top \mathbf{X} \right)^{-1} \mathbf{X}^\top \mathbf{y}",
    "X: matrix[n, k]; y: vector[n]",
    {"X": X_e.tolist(), "y": y_e.tolist()},
    lambda X, y: np.linalg.solve(X.T @ X, X.T @ y),
    source="the ordinary least squares estimator from the normal equations (Greene, 2012, Econometric Analysis, 7th ed., Sec. 3.2; Wooldridge, 2010, Econometric Analysis of Cross Section and Panel Data, Sec. 4.2)",
    note="X holds a column of ones for the intercept; the result is the vector of k coefficients",
)
row(
    "r_squared",
    r"R^2 = 1 - \frac{\sum_{i=1}^{n} (y_i - \hat{y}_i)^2}{\sum_{i=1}^{n} (y_i - \bar{y})^2}",
    r"y, \hat{y}: vector[n]; \bar{y}: scalar; i: index",
    {"y": y_e.tolist(), "y_hat": yhat.round(6).tolist(), "y_bar": float(y_e.mean())},
    lambda y, y_hat, y_bar: 1 - float(np.sum((y - y_hat) ** 2) / np.sum((y - y_bar) ** 2)),
    wrt=r"\hat{y}",
    key="y_hat",
    source="the coefficient of determination, one minus the residual over the total sum of squares (Greene, 2012, Sec. 3.5; Wooldridge, 2013, Introductory Econometrics, Sec. 2.3)",
    note="y-hat_i the fitted values and y-bar the sample mean of y, given",
)
row(
    "adjusted_r_squared",
    r"\bar{R}^2 = 1 - (1 - R^2) \frac{n - 1}{n - p - 1}",
    "R: scalar, unit; n, p: scalar, integer, positive",
    {"R": 0.8, "n": 30.0, "p": 4.0},
    lambda R, n, p: 1 - (1 - R**2) * (n - 1) / (n - p - 1),
    wrt="R",
    source="R squared adjusted for the p regressors besides the intercept (Theil, 1961, Economic Forecasts and Policy; Greene, 2012, Sec. 3.5)",
    note="R the multiple correlation coefficient, so that R^2 is the coefficient of determination",
)
row(
    "overall_f_statistic",
    r"F = \frac{R^2 / k}{(1 - R^2) / (n - k - 1)}",
    "R: scalar, unit; n, k: scalar, integer, positive",
    {"R": 0.6, "n": 40.0, "k": 3.0},
    lambda R, n, k: (R**2 / k) / ((1 - R**2) / (n - k - 1)),
    wrt="R",
    source="the F statistic for the joint significance of the k slopes of a regression with an intercept, from its R squared (Wooldridge, 2013, Introductory Econometrics, Sec. 4.5; Greene, 2012, Sec. 5.3)",
    note="R the multiple correlation coefficient",
)
row(
    "hat_matrix",
    r"\mathbf{H} = \mathbf{X} \left( \mathbf{X}^\top \mathbf{X} \right)^{-1} \mathbf{X}^\top",
    "X: matrix[n, k]",
    {"X": X_e.tolist()},
    lambda X: X @ np.linalg.solve(X.T @ X, X.T),
    source="the hat (projection) matrix that maps y to the fitted values, whose diagonal holds the leverages h_ii (Hoaglin and Welsch, 1978, The Hat Matrix in Regression and ANOVA; Belsley, Kuh and Welsch, 1980, Regression Diagnostics, Sec. 2.1)",
    note="the result is the n x n matrix",
)
row(
    "cooks_distance",
    r"D_i = \frac{e_i^2}{p s^2} \left[ \frac{h_{ii}}{(1 - h_{ii})^2} \right]",
    "e_i: scalar; s: scalar, positive; h_{ii}: scalar, unit; p: scalar, integer, positive",
    {"e_i": 0.42, "s": 0.3, "h_ii": 0.35, "p": 3.0},
    lambda e_i, s, h_ii, p: e_i**2 / (p * s**2) * h_ii / (1 - h_ii) ** 2,
    wrt="e_i",
    source="Cook's distance of observation i, the change in the fitted coefficients when it is deleted, from its residual and leverage (Cook, 1977, Detection of Influential Observation in Linear Regression, Sec. 2)",
    note="e_i the residual of observation i, h_ii its leverage, s^2 the residual mean square and p the number of coefficients",
)
row(
    "studentized_residual",
    r"r_i = \frac{e_i}{s \sqrt{1 - h_{ii}}}",
    "e_i: scalar; s: scalar, positive; h_{ii}: scalar, unit",
    {"e_i": 0.42, "s": 0.3, "h_ii": 0.35},
    lambda e_i, s, h_ii: e_i / (s * math.sqrt(1 - h_ii)),
    wrt="h_{ii}",
    key="h_ii",
    source="the (internally) studentized residual, the residual over its estimated standard deviation (Belsley, Kuh and Welsch, 1980, Sec. 2.1; Cook and Weisberg, 1982, Residuals and Influence in Regression, Sec. 2.2)",
)
row(
    "variance_inflation_factor",
    r"\mathrm{VIF}_j = \frac{1}{1 - R_j^2}",
    "R_j: scalar, unit",
    {"R_j": 0.85},
    lambda R_j: 1 / (1 - R_j**2),
    wrt="R_j",
    source="the variance inflation factor of regressor j, R_j^2 the R squared of its regression on the other regressors (Marquardt, 1970, Generalized Inverses, Ridge Regression, Biased Linear Estimation, and Nonlinear Estimation; Wooldridge, 2013, Sec. 3.4)",
    note="R_j the multiple correlation of regressor j with the others",
)
row(
    "mallows_cp",
    r"C_p = \frac{\mathrm{RSS}_p}{\hat{\sigma}^2} - n + 2p",
    r"\mathrm{RSS}_p, \hat{\sigma}: scalar, positive; n, p: scalar, integer, positive",
    {"RSS_p": 14.2, "sigma_hat": 0.6, "n": 40.0, "p": 4.0},
    lambda RSS_p, sigma_hat, n, p: RSS_p / sigma_hat**2 - n + 2 * p,
    wrt=r"\mathrm{RSS}_p",
    key="RSS_p",
    source="Mallows' C_p of a subset model with p coefficients, its residual sum of squares scaled by the full model's error variance (Mallows, 1973, Some Comments on C_p, Sec. 2)",
)


def white(X, e_hat):
    XtXi = np.linalg.inv(X.T @ X)
    meat = sum(e_hat[i] ** 2 * np.outer(X[i], X[i]) for i in range(len(e_hat)))
    return XtXi @ meat @ XtXi


row(
    "white_hc0_covariance",
    r"\hat{\mathbf{V}} = \left( \mathbf{X}^\top \mathbf{X} \right)^{-1} \left( \sum_{i=1}^{n} \hat{e}_i^2 \mathbf{x}_i \mathbf{x}_i^\top \right) \left( \mathbf{X}^\top \mathbf{X} \right)^{-1}",
    r"X: matrix[n, k]; x_i: row[X]; \hat{e}: vector[n]; i: index",
    {"X": X_e.tolist(), "e_hat": e_e.round(6).tolist()},
    white,
    source="White's heteroskedasticity-consistent covariance matrix of the least squares coefficients, the sandwich with the squared residuals (White, 1980, A Heteroskedasticity-Consistent Covariance Matrix Estimator and a Direct Test for Heteroskedasticity, Sec. 2, without the 1/n scalings, which cancel)",
    note="x_i the rows of X and e-hat_i the least squares residuals; the result is the k x k matrix",
)
u_nw = rnd(7602, 6)


def newey_west(u, L, n):
    n = int(n)
    L = int(L)
    s = sum(u[t] ** 2 for t in range(n)) / n
    s += (
        2
        / n
        * sum(
            (1 - lag / (L + 1)) * sum(u[t] * u[t - lag] for t in range(lag, n))
            for lag in range(1, L + 1)
        )
    )
    return float(s)


row(
    "newey_west_long_run_variance",
    r"\hat{S} = \frac{1}{n} \sum_{t=1}^{n} u_t^2 + \frac{2}{n} \sum_{l=1}^{L} \left( 1 - \frac{l}{L + 1} \right) \sum_{t=l+1}^{n} u_t u_{t-l}",
    "u: vector[n]; n: dim; L: scalar, integer, positive; t, l: index",
    {"u": u_nw, "n": 6, "L": 2.0},
    newey_west,
    wrt="u",
    source="the Newey-West estimator of the long-run variance with Bartlett weights 1 - l / (L + 1), for one regressor with u_t = x_t e_t (Newey and West, 1987, A Simple, Positive Semi-Definite, Heteroskedasticity and Autocorrelation Consistent Covariance Matrix, Sec. 2)",
    note="u_t the product of the regressor and the residual at time t",
)
e_jb = rnd(7603, 6)
e_jb = (np.asarray(e_jb) - np.mean(e_jb)).round(4).tolist()


def jb(e, n):
    m2 = np.mean(e**2)
    m3 = np.mean(e**3)
    m4 = np.mean(e**4)
    return float(n / 6 * m3**2 / m2**3 + n / 24 * (m4 / m2**2 - 3) ** 2)


row(
    "jarque_bera_statistic",
    r"\mathrm{JB} = \frac{n}{6} \frac{\left( \frac{1}{n} \sum_{i=1}^{n} e_i^3 \right)^2}{\left( \frac{1}{n} \sum_{i=1}^{n} e_i^2 \right)^3} + \frac{n}{24} \left( \frac{\frac{1}{n} \sum_{i=1}^{n} e_i^4}{\left( \frac{1}{n} \sum_{i=1}^{n} e_i^2 \right)^2} - 3 \right)^2",
    "e: vector[n]; n: dim; i: index",
    {"e": e_jb, "n": 6},
    jb,
    wrt="e",
    source="the Jarque-Bera test statistic for normality of regression residuals, n [ (sqrt b_1)^2 / 6 + (b_2 - 3)^2 / 24 ] with the sample skewness and kurtosis written in the residuals' moments (Jarque and Bera, 1980, Efficient Tests for Normality, Homoscedasticity and Serial Independence of Regression Residuals, Sec. 3)",
    note="e_i the residuals of a regression with an intercept (mean zero)",
)
Z_e = np.column_stack([np.ones(6), np.asarray(rnd(7604, 6, 3))]).round(3)


def tsls(X, Z, y):
    PZ = Z @ np.linalg.inv(Z.T @ Z) @ Z.T
    return np.linalg.solve(X.T @ PZ @ X, X.T @ PZ @ y)


row(
    "two_stage_least_squares",
    r"\hat{\boldsymbol{\beta}}_{\mathrm{2SLS}} = \left( \mathbf{X}^\top \mathbf{Z} (\mathbf{Z}^\top \mathbf{Z})^{-1} \mathbf{Z}^\top \mathbf{X} \right)^{-1} \mathbf{X}^\top \mathbf{Z} (\mathbf{Z}^\top \mathbf{Z})^{-1} \mathbf{Z}^\top \mathbf{y}",
    "X: matrix[n, k]; Z: matrix[n, l]; y: vector[n]",
    {"X": X_e.tolist(), "Z": Z_e.tolist(), "y": y_e.tolist()},
    tsls,
    source="the two-stage least squares (instrumental variables) estimator with l >= k instruments Z (Theil, 1953; Greene, 2012, Sec. 8.3; Wooldridge, 2010, Sec. 5.1)",
    note="the result is the vector of k coefficients",
)
b_ll = rnd(7605, 3)


def gauss_ll(y, X, beta, sigma, n):
    r = y - X @ beta
    return float(
        -n / 2 * math.log(2 * math.pi) - n / 2 * math.log(sigma**2) - r @ r / (2 * sigma**2)
    )


row(
    "gaussian_regression_log_likelihood",
    r"\ln L = -\frac{n}{2} \ln(2\pi) - \frac{n}{2} \ln \sigma^2 - \frac{1}{2\sigma^2} (\mathbf{y} - \mathbf{X}\boldsymbol{\beta})^\top (\mathbf{y} - \mathbf{X}\boldsymbol{\beta})",
    r"y: vector[n]; X: matrix[n, k]; \beta: vector[k]; \sigma: scalar, positive; n: dim",
    {"y": y_e.tolist(), "X": X_e.tolist(), "beta": b_ll, "sigma": 0.5, "n": 6},
    gauss_ll,
    wrt=r"\beta",
    key="beta",
    source="the log-likelihood of the classical normal linear regression model (Greene, 2012, Sec. 14.9.1; Davidson and MacKinnon, 2004, Econometric Theory and Methods, Sec. 10.4)",
)
V0 = np.asarray(spd(7606, 3, jitter=0.3)) * 0.1
V1 = V0 + np.asarray(spd(7607, 3, jitter=0.3)) * 0.05
row(
    "hausman_statistic",
    r"H = (\mathbf{b}_1 - \mathbf{b}_0)^\top \left( \mathbf{V}_1 - \mathbf{V}_0 \right)^{-1} (\mathbf{b}_1 - \mathbf{b}_0)",
    "b_1, b_0: vector[k]; V_1, V_0: spd[k]",
    {
        "b_1": rnd(7608, 3),
        "b_0": rnd(7609, 3),
        "V_1": V1.round(4).tolist(),
        "V_0": V0.round(4).tolist(),
    },
    lambda b_1, b_0, V_1, V_0: float((b_1 - b_0) @ np.linalg.solve(V_1 - V_0, b_1 - b_0)),
    wrt="b_1",
    source="the Hausman specification test statistic comparing an estimator b_1 consistent under both hypotheses with one b_0 efficient under the null (Hausman, 1978, Specification Tests in Econometrics, Sec. 2)",
    note="V_1 and V_0 the estimated covariance matrices of b_1 and b_0, with V_1 - V_0 positive definite",
)

if __name__ == "__main__":
    A.write()
