"""Geostatistics and spatial statistics: the spherical, exponential, Gaussian and Matern-3/2
variograms with a nugget, Matheron's empirical semivariogram, Moran's I and Geary's C, the simple
kriging predictor and variance and the ordinary kriging variance, inverse distance weighting, the
haversine distance, the general Matern covariance, the Getis-Ord G_i* statistic and the
log-density of a conditionally autoregressive (CAR) model (NumPy/SciPy references from each
source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area
from scipy.special import gamma as gamma_fn
from scipy.special import kv
from scipy.stats import multivariate_normal

A = Area("spatial")
row = A.row


def spherical(h, c_0, c_s, a_s):
    if h == 0:
        return 0.0
    if h <= a_s:
        return c_0 + c_s * (1.5 * h / a_s - 0.5 * (h / a_s) ** 3)
    return c_0 + c_s


row(
    "spherical_variogram",
    r"\gamma(h) = \begin{cases} 0, & h = 0 \\ c_0 + c_s \left\{ \frac{3}{2} \frac{h}{a_s} - \frac{1}{2} \left( \frac{h}{a_s} \right)^3 \right\}, & 0 < h \le a_s \\ c_0 + c_s, & h \ge a_s \end{cases}",
    "h: scalar, nonnegative; c_0, c_s, a_s: scalar, positive",
    {"h": 0.8, "c_0": 0.1, "c_s": 1.2, "a_s": 1.5},
    spherical,
    wrt="a_{s}",
    key="a_s",
    source="the spherical variogram model with nugget c_0, partial sill c_s and range a_s (Cressie, 1993, Statistics for Spatial Data, revised ed., Sec. 2.3.1, Eq. 2.3.8)",
    note="h = ||h|| the distance of the lag, inside the range here",
)
row(
    "exponential_variogram",
    r"\gamma(h) = c_0 + c_e \left\{ 1 - \exp\left( -\frac{h}{a_e} \right) \right\}",
    "h, c_0, c_e, a_e: scalar, positive",
    {"h": 0.9, "c_0": 0.1, "c_e": 1.0, "a_e": 0.7},
    lambda h, c_0, c_e, a_e: c_0 + c_e * (1 - math.exp(-h / a_e)),
    wrt="a_{e}",
    key="a_e",
    source="the exponential variogram model for a lag h != 0, nugget c_0 and partial sill c_e (Cressie, 1993, Statistics for Spatial Data, revised ed., Sec. 2.3.1, Eq. 2.3.9)",
)
row(
    "gaussian_variogram",
    r"\gamma(h) = c_0 + c_g \left\{ 1 - \exp\left( -\frac{h^2}{a_g^2} \right) \right\}",
    "h, c_0, c_g, a_g: scalar, positive",
    {"h": 0.8, "c_0": 0.05, "c_g": 1.1, "a_g": 1.2},
    lambda h, c_0, c_g, a_g: c_0 + c_g * (1 - math.exp(-(h**2) / a_g**2)),
    wrt="h",
    source="the Gaussian variogram model, parabolic at the origin, for a lag h != 0 (Cressie, 1993, Statistics for Spatial Data, revised ed., Sec. 2.3.1; Chiles and Delfiner, 2012, Geostatistics, 2nd ed., Sec. 2.5)",
)


def matern_correlation(d, ell, nu):
    u = math.sqrt(2 * nu) * d / ell
    return 2 ** (1 - nu) / gamma_fn(nu) * u**nu * kv(nu, u)


def matern32_variogram(d, tau, sigma, phi):
    # nu = 3/2 with phi = sqrt(3) / ell; the variogram is the nugget plus sigma^2 (1 - rho(d))
    return tau**2 + sigma**2 * (1 - matern_correlation(d, math.sqrt(3) / phi, 1.5))


row(
    "matern_three_halves_variogram",
    r"\gamma(d) = \tau^2 + \sigma^2 \left[ 1 - (1 + \phi d) e^{-\phi d} \right]",
    r"d, \tau, \sigma, \phi: scalar, positive",
    {"d": 0.6, "tau": 0.3, "sigma": 1.0, "phi": 2.0},
    matern32_variogram,
    wrt=r"\phi",
    key="phi",
    source="the Matern variogram at smoothness nu = 3/2 with nugget tau^2, partial sill sigma^2 and decay phi (Banerjee, Carlin and Gelfand, 2014, Hierarchical Modeling and Analysis for Spatial Data, 2nd ed., Sec. 2.1.3, Table 2.1)",
    note="references from the Matern correlation with the Bessel function K_{3/2} of SciPy, phi = sqrt(3) / range",
)
s_pts = np.array([[0.0, 0.0], [1.0, 0.1], [0.2, 1.05], [1.9, 0.4], [1.1, 1.2], [0.1, 2.3]])
Z_pts = [1.2, 0.7, 1.9, 0.4, 1.1, 2.5]


def matheron(Z, s, h, delta):
    n = len(Z)
    pairs = [
        (i, j) for i in range(n) for j in range(i + 1, n) if abs(math.dist(s[i], s[j]) - h) <= delta
    ]
    return sum((Z[i] - Z[j]) ** 2 for i, j in pairs) / len(pairs)


_dists = [math.dist(s_pts[i], s_pts[j]) for i in range(6) for j in range(i + 1, 6)]
assert min(abs(abs(d - 1.0) - 0.3) for d in _dists) > 0.02
row(
    "matheron_empirical_semivariogram",
    r"2\hat{\gamma}(h) = \frac{1}{|N(h)|} \sum_{N(h)} \left( Z(\mathbf{s}_i) - Z(\mathbf{s}_j) \right)^2",
    r"Z: vector[n]; \mathbf{s}: matrix[n, 2]; h, \delta: scalar, positive",
    {"Z": Z_pts, "s": s_pts.tolist(), "h": 1.0, "delta": 0.3},
    matheron,
    wrt="Z",
    source="Matheron's classical estimator of the variogram 2 gamma(h), the mean squared difference over the pairs of sites a lag h apart (Cressie, 1993, Statistics for Spatial Data, revised ed., Sec. 2.4, Eq. 2.4.2; Matheron, 1962)",
    note="N(h) the set of pairs of sites (s_i, s_j), i < j, whose distance is within delta of h, defined in words, and |N(h)| their number; Z(s_i) the i-th entry of Z, s_i the i-th row of s; the value is 2 gamma-hat(h); no distance is near the edge of the bin",
)
w_nb = np.array(
    [
        [0, 1, 1, 0, 0],
        [1, 0, 1, 1, 0],
        [1, 1, 0, 1, 1],
        [0, 1, 1, 0, 1],
        [0, 0, 1, 1, 0],
    ],
    dtype=float,
)
x_sp = [2.3, 1.9, 2.8, 1.1, 0.7]
xbar_sp = round(float(np.mean(x_sp)), 6)


def morans_i(w, x, x_bar):
    n = len(x)
    S0 = sum(w[i, j] for i in range(n) for j in range(n))
    num = sum(w[i, j] * (x[i] - x_bar) * (x[j] - x_bar) for i in range(n) for j in range(n))
    den = sum((x[i] - x_bar) ** 2 for i in range(n))
    return n / S0 * num / den


row(
    "morans_i",
    r"I = \frac{n}{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij}} \frac{\sum_{i=1}^{n} \sum_{j=1}^{n} w_{ij} (x_i - \bar{x})(x_j - \bar{x})}{\sum_{i=1}^{n} (x_i - \bar{x})^2}",
    r"w: matrix[n, n]; x: vector[n]; \bar{x}: scalar; n: dim; i, j: index",
    {"w": w_nb.tolist(), "x": x_sp, "x_bar": xbar_sp},
    morans_i,
    wrt="w",
    source="Moran's I, the spatial autocorrelation of x over the neighbourhood weights w_ij (Moran, 1950, Notes on Continuous Stochastic Phenomena, Biometrika 37; Cliff and Ord, 1981, Spatial Processes: Models and Applications, Ch. 1)",
    note="x-bar the mean of x, given; the gradient is taken over every entry of w, the zero diagonal included",
)


def gearys_c(w, x, x_bar, W):
    n = len(x)
    num = (n - 1) * sum(w[i, j] * (x[i] - x[j]) ** 2 for i in range(n) for j in range(n))
    return num / (2 * W * sum((x[i] - x_bar) ** 2 for i in range(n)))


row(
    "gearys_c",
    r"C = \frac{(n - 1) \sum_{i} \sum_{j} w_{ij} (x_i - x_j)^2}{2 W \sum_{i} (x_i - \bar{x})^2}",
    r"w: matrix[n, n]; x: vector[n]; \bar{x}, W: scalar; n: dim; i, j: index",
    {"w": w_nb.tolist(), "x": x_sp, "x_bar": xbar_sp, "W": float(w_nb.sum())},
    gearys_c,
    wrt="x",
    source="Geary's contiguity ratio C, small when neighbouring values are alike (Geary, 1954, The Contiguity Ratio and Statistical Mapping, The Incorporated Statistician 5; Cliff and Ord, 1981, Spatial Processes: Models and Applications, Ch. 1)",
    note="W the sum of all the weights w_ij and x-bar the mean of x, both given (the gradient holds them fixed)",
)
sites = np.array([[0.0, 0.0], [1.0, 0.2], [0.3, 1.1], [1.2, 1.3]])
s0 = np.array([0.6, 0.5])
sig2, tau2, phi_e = 1.0, 0.1, 1.5


def exp_cov(a, b):
    return sig2 * math.exp(-phi_e * math.dist(a, b))


Sigma_k = np.array([[exp_cov(a, b) for b in sites] for a in sites]) + tau2 * np.eye(4)
Sigma_k = Sigma_k.round(8)
gamma_k = np.array([exp_cov(a, s0) for a in sites]).round(8)
X_k = np.column_stack([np.ones(4), sites[:, 0]])
x0_k = [1.0, s0[0]]
y_k = [1.4, 0.9, 2.0, 1.6]
beta_k = [1.2, 0.3]


def sk_predictor(x_0, beta, gamma, Sigma, y, X):
    # the conditional mean of Y(s_0) given y under the joint Gaussian model
    mean0 = sum(x_0[c] * beta[c] for c in range(len(beta)))
    resid = y - X @ beta
    return mean0 + float(gamma @ np.linalg.solve(Sigma, resid))


row(
    "simple_kriging_predictor",
    r"\mathbb{E}[Y(\mathbf{s}_0) \mid \mathbf{y}] = \mathbf{x}_0^T \boldsymbol{\beta} + \boldsymbol{\gamma}^T \Sigma^{-1} (\mathbf{y} - X \boldsymbol{\beta})",
    r"\mathbf{x}_0, \boldsymbol{\beta}: vector[p]; \boldsymbol{\gamma}, \mathbf{y}: vector[n]; \Sigma: spd[n]; X: matrix[n, p]",
    {
        "x_0": x0_k,
        "beta": beta_k,
        "gamma": gamma_k.tolist(),
        "Sigma": Sigma_k.tolist(),
        "y": y_k,
        "X": X_k.tolist(),
    },
    sk_predictor,
    wrt=r"\gamma",
    key="gamma",
    source="the kriging predictor with all parameters known, the conditional mean of the Gaussian process at s_0 given the data (Banerjee, Carlin and Gelfand, 2014, Hierarchical Modeling and Analysis for Spatial Data, 2nd ed., Sec. 2.4, classical kriging)",
    note="gamma the covariances of Y(s_0) with the n observations, Sigma their covariance matrix (exponential covariance plus a nugget); the left side names the value",
)


def sk_variance(sigma, tau, gamma, Sigma):
    return sigma**2 + tau**2 - float(gamma @ np.linalg.solve(Sigma, gamma))


row(
    "simple_kriging_variance",
    r"\operatorname{Var}[Y(\mathbf{s}_0) \mid \mathbf{y}] = \sigma^2 + \tau^2 - \boldsymbol{\gamma}^T \Sigma^{-1} \boldsymbol{\gamma}",
    r"\sigma, \tau: scalar, positive; \boldsymbol{\gamma}: vector[n]; \Sigma: spd[n]",
    {"sigma": 1.0, "tau": math.sqrt(tau2), "gamma": gamma_k.tolist(), "Sigma": Sigma_k.tolist()},
    sk_variance,
    wrt=r"\gamma",
    key="gamma",
    source="the variance of the kriging predictor with the parameters known, the conditional variance of Y(s_0) given the data (Banerjee, Carlin and Gelfand, 2014, Hierarchical Modeling and Analysis for Spatial Data, 2nd ed., Sec. 2.4)",
    note="sigma^2 + tau^2 the variance of Y(s_0), partial sill plus nugget; Var[. | y] a conditional variance of quantities the table declares as numbers",
)
c_ok = np.array([exp_cov(a, s0) for a in sites]).round(8)


def ok_variance(C, c, Sigma):
    # minimize Var(Z(s_0) - lambda^T Z) subject to 1^T lambda = 1 (Lagrange multiplier m)
    n = len(c)
    M = np.zeros((n + 1, n + 1))
    M[:n, :n] = Sigma
    M[:n, n] = 1.0
    M[n, :n] = 1.0
    sol = np.linalg.solve(M, np.concatenate([c, [1.0]]))
    lam = sol[:n]
    return C - 2 * float(lam @ c) + float(lam @ Sigma @ lam)


row(
    "ordinary_kriging_variance",
    r"\sigma_{ok}^2(\mathbf{s}_0) = C(\mathbf{0}) - \mathbf{c}^\top \Sigma^{-1} \mathbf{c} + \frac{\left( 1 - \mathbf{1}^\top \Sigma^{-1} \mathbf{c} \right)^2}{\mathbf{1}^\top \Sigma^{-1} \mathbf{1}}",
    r"C: scalar, positive; \mathbf{c}: vector[n]; \Sigma: spd[n]",
    {"C": sig2 + tau2, "c": c_ok.tolist(), "Sigma": Sigma_k.tolist()},
    ok_variance,
    wrt="c",
    source="the mean squared prediction error of ordinary kriging (unknown constant mean) in terms of the covariance function, the simple kriging variance plus the price of estimating the mean (Cressie, 1993, Statistics for Spatial Data, revised ed., Sec. 3.2, in covariance form)",
    note="C(0) the covariance at lag 0 (the value of the covariance function C at the zero vector, given as the scalar C), c the covariances of Z(s_0) with the data; 1 the vector of ones, written without its size; references by solving the kriging system with its Lagrange multiplier",
)
X_idw = np.array([[0.0, 0.0], [1.0, 0.3], [0.4, 1.2], [1.5, 1.4], [0.9, 0.8]])
z_idw = [3.1, 2.4, 4.0, 1.7, 2.9]


def idw(x, X, z, p):
    w = [math.dist(x, X[i]) ** (-p) for i in range(len(z))]
    return sum(w[i] * z[i] for i in range(len(z))) / sum(w)


row(
    "inverse_distance_weighting",
    r"\hat{z}(\mathbf{x}) = \frac{\sum_{i=1}^{N} \|\mathbf{x} - \mathbf{x}_i\|^{-p} z_i}{\sum_{i=1}^{N} \|\mathbf{x} - \mathbf{x}_i\|^{-p}}",
    r"\mathbf{x}: vector[2]; X: matrix[N, 2]; \mathbf{x}_i: row[X]; z: vector[N]; p: scalar, positive; i: index",
    {"x": [0.55, 0.6], "X": X_idw.tolist(), "z": z_idw, "p": 2.0},
    idw,
    wrt="x",
    source="Shepard's inverse distance weighted interpolation, the data values weighted by the inverse p-th power of their distance to x (Shepard, 1968, A Two-Dimensional Interpolation Function for Irregularly-Spaced Data, Proc. ACM National Conference, Eqs. for the weights 1 / d_i^p)",
    note="x the point of prediction and x_i the i-th data site (the rows of X), both named x as in the literature; no site coincides with x",
)
lon_lat = {"varphi_1": 0.7102, "lambda_1": -1.2915, "varphi_2": 0.8988, "lambda_2": -0.0022}


def haversine(varphi_1, lambda_1, varphi_2, lambda_2, r):
    # the great-circle distance from the angle between the two unit vectors
    def unit(lat, lon):
        return np.array(
            [math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)]
        )

    u, v = unit(varphi_1, lambda_1), unit(varphi_2, lambda_2)
    return r * math.atan2(np.linalg.norm(np.cross(u, v)), float(u @ v))


row(
    "haversine_distance",
    r"d = 2r \arcsin\left( \sqrt{\sin^2\left( \frac{\varphi_2 - \varphi_1}{2} \right) + \cos \varphi_1 \cos \varphi_2 \sin^2\left( \frac{\lambda_2 - \lambda_1}{2} \right)} \right)",
    r"\varphi_1, \varphi_2, \lambda_1, \lambda_2: scalar; r: scalar, positive",
    {**lon_lat, "r": 6371.0},
    haversine,
    wrt=r"\varphi_{1}",
    key="varphi_1",
    source="the haversine formula for the great-circle distance between two points of latitudes phi_1, phi_2 and longitudes lambda_1, lambda_2 on a sphere of radius r (Sinnott, 1984, Virtues of the Haversine, Sky and Telescope 68)",
    note="angles in radians (New York to London), r the Earth's mean radius in km; references from the angle between the two unit vectors",
)


def matern(h, sigma, nu, rho):
    u = math.sqrt(2 * nu) * h / rho
    return sigma**2 * 2 ** (1 - nu) / gamma_fn(nu) * u**nu * kv(nu, u)


row(
    "matern_covariance_bessel",
    r"C(h) = \sigma^2 \frac{2^{1-\nu}}{\Gamma(\nu)} \left( \frac{\sqrt{2\nu} \, h}{\rho} \right)^{\nu} K_\nu\left( \frac{\sqrt{2\nu} \, h}{\rho} \right)",
    r"h, \sigma, \nu, \rho: scalar, positive",
    {"h": 0.7, "sigma": 1.3, "nu": 1.2, "rho": 0.9},
    matern,
    wrt=r"\rho",
    key="rho",
    source="the Matern covariance with smoothness nu and range rho (Stein, 1999, Interpolation of Spatial Data: Some Theory for Kriging, Sec. 2.7; Rasmussen and Williams, 2006, Gaussian Processes for Machine Learning, Sec. 4.2, Eq. 4.14)",
    note="K_nu the modified Bessel function of the second kind, defined in words; Gamma the gamma function",
)
w_go = np.array([1.0, 1.0, 0.0, 1.0, 0.0, 1.0])
x_go = [4.2, 5.1, 2.0, 4.8, 1.5, 3.9]


def getis_ord(w, x, X_bar, S, i):
    i = int(i) - 1
    n = len(x)
    sw = sum(w[i, j] for j in range(n))
    sw2 = sum(w[i, j] ** 2 for j in range(n))
    num = sum(w[i, j] * x[j] for j in range(n)) - X_bar * sw
    return num / (S * math.sqrt((n * sw2 - sw**2) / (n - 1)))


W_go = np.array([np.roll(w_go, k) for k in range(6)])
xg = np.asarray(x_go)
row(
    "getis_ord_gi_star",
    r"G_i^* = \frac{\sum_{j=1}^{n} w_{i,j} x_j - \bar{X} \sum_{j=1}^{n} w_{i,j}}{S \sqrt{\frac{n \sum_{j=1}^{n} w_{i,j}^2 - \left( \sum_{j=1}^{n} w_{i,j} \right)^2}{n - 1}}}",
    r"w: matrix[n, n]; x: vector[n]; \bar{X}, S: scalar; i: label[n]; n: dim; j: index",
    {
        "w": W_go.tolist(),
        "x": x_go,
        "X_bar": round(float(xg.mean()), 8),
        "S": round(float(math.sqrt((xg**2).mean() - xg.mean() ** 2)), 8),
        "i": 1,
    },
    getis_ord,
    wrt="x",
    source="the Getis-Ord G_i* statistic of local clustering of high or low values around site i, its own value included, in standardized form (Ord and Getis, 1995, Local Spatial Autocorrelation Statistics: Distributional Issues and an Application, Geographical Analysis 27, the standardized G_i*; Getis and Ord, 1992, Geographical Analysis 24)",
    note="X-bar and S the mean and standard deviation (dividing by n) of x, given; w_{i,j} the weights with w_{i,i} = 1",
)
W_car = np.array([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]], dtype=float)
D_car = np.diag(W_car.sum(1))
phi_car = [0.4, -0.3, 0.8, 0.1]


def car_logdensity(phi, tau, rho, D_w, W):
    precision = tau * (D_w - rho * W)
    return multivariate_normal(np.zeros(len(phi)), np.linalg.inv(precision)).logpdf(phi)


row(
    "proper_car_log_density",
    r"\log p(\boldsymbol{\phi}) = -\frac{n}{2} \log(2\pi) + \frac{1}{2} \log \det\left( \tau (D_w - \rho W) \right) - \frac{\tau}{2} \boldsymbol{\phi}^T (D_w - \rho W) \boldsymbol{\phi}",
    r"\boldsymbol{\phi}: vector[n]; \tau: scalar, positive; \rho: scalar, unit; D_w, W: matrix[n, n]; n: dim",
    {"phi": phi_car, "tau": 1.5, "rho": 0.8, "D_w": D_car.tolist(), "W": W_car.tolist()},
    lambda phi, tau, rho, D_w, W: car_logdensity(phi, tau, rho, D_w, W),
    wrt=r"\rho",
    key="rho",
    source="the log-density of the proper conditionally autoregressive model, phi ~ N(0, [tau (D_w - rho W)]^{-1}) with W the adjacency matrix and D_w the diagonal matrix of the numbers of neighbours (Banerjee, Carlin and Gelfand, 2014, Hierarchical Modeling and Analysis for Spatial Data, 2nd ed., Sec. 4.3.1)",
    note="references from the multivariate normal log-density of SciPy with that precision; |rho| < 1 keeps it positive definite",
)

if __name__ == "__main__":
    A.write()
