"""Robust and margin losses (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

from _common import Area, rnd

A = Area("robust")
row = A.row

HUBER = (
    r"L_{\delta}(a) = \begin{cases} \frac{1}{2} a^2 & \text{for } |a| \le \delta \\ "
    r"\delta \left(|a| - \frac{1}{2} \delta\right) & \text{otherwise} \end{cases}"
)


def huber(a, delta):
    return 0.5 * a**2 if abs(a) <= delta else delta * (abs(a) - 0.5 * delta)


row(
    "huber_quadratic_zone",
    HUBER,
    "a: scalar; delta: scalar, positive",
    {"a": 0.4, "delta": 1.0},
    huber,
    wrt="a",
    source="Huber loss (Huber, 1964, Sec. 4), residual inside the quadratic zone",
)
row(
    "huber_linear_zone",
    HUBER,
    "a: scalar; delta: scalar, positive",
    {"a": -2.3, "delta": 1.0},
    huber,
    wrt="a",
    source="Huber loss (Huber, 1964, Sec. 4), residual in the linear zone",
)
res = [0.3, -1.7, 2.4, -0.2, 0.9]


def huber_sum(r, delta):
    return sum(0.5 * ri**2 if abs(ri) <= delta else delta * (abs(ri) - 0.5 * delta) for ri in r)


row(
    "huber_sum",
    r"\sum_{i=1}^{n} \begin{cases} \frac{1}{2} r_i^2 & |r_i| \le \delta \\ \delta \left(|r_i| - \frac{1}{2} \delta\right) & |r_i| > \delta \end{cases}",
    "r: vector[n]; delta: scalar, positive; i: index",
    {"r": res, "delta": 1.2},
    huber_sum,
    wrt="r",
    source="Huber M-estimation objective over residuals (Huber, 1964)",
)
row(
    "pseudo_huber",
    r"\delta^2 \left(\sqrt{1 + (a / \delta)^2} - 1\right)",
    "a: scalar; delta: scalar, positive",
    {"a": 1.7, "delta": 0.8},
    lambda a, delta: delta**2 * (math.sqrt(1 + (a / delta) ** 2) - 1),
    source="pseudo-Huber cost (Hartley and Zisserman, 2003, Appendix A6.8; Charbonnier et al., 1997)",
)
rt = [0.8, -6.1, 2.9, -3.4, 7.3]


def tukey(r, c):
    return sum(c**2 / 6 * (1 - (1 - (ri / c) ** 2) ** 3) if abs(ri) <= c else c**2 / 6 for ri in r)


row(
    "tukey_biweight",
    r"\sum_{i=1}^{n} \begin{cases} \frac{c^2}{6} \left[1 - \left(1 - \left(\frac{r_i}{c}\right)^2\right)^3\right] & |r_i| \le c \\ \frac{c^2}{6} & |r_i| > c \end{cases}",
    "r: vector[n]; c: scalar, positive; i: index",
    {"r": rt, "c": 4.685},
    tukey,
    wrt="r",
    source="Tukey's biweight rho (Beaton and Tukey, 1974), c = 4.685",
)
yq, yh = rnd(600, 5), rnd(601, 5)


def pinball(y, y_hat, tau):
    return sum(
        (y[i] - y_hat[i]) * (tau - (1.0 if y[i] - y_hat[i] < 0 else 0.0)) for i in range(len(y))
    )


row(
    "pinball_sum",
    r"\sum_{i=1}^{n} (y_i - \hat{y}_i) \left(\tau - \mathbb{1}[y_i - \hat{y}_i < 0]\right)",
    r"y, \hat{y}: vector[n]; tau: scalar, unit; i: index",
    {"y": yq, "y_hat": yh, "tau": 0.3},
    pinball,
    wrt=r"\hat{y}",
    key="y_hat",
    source="quantile (check) loss rho_tau(u) = u (tau - 1[u < 0]) (Koenker and Bassett, 1978)",
)
row(
    "pinball_max",
    r"\max(\tau u, (\tau - 1) u)",
    "u: scalar; tau: scalar, unit",
    {"u": -0.7, "tau": 0.3},
    lambda u, tau: max(tau * u, (tau - 1) * u),
    source="quantile loss in max form (Koenker, 2005, Sec. 1.3)",
)
pf = rnd(602, 5, lo=0.1, hi=0.9)
yf = [1.0, 0.0, 0.0, 1.0, 1.0]


def focal(p, y, alpha, gamma):
    return -sum(
        alpha * y[i] * (1 - p[i]) ** gamma * math.log(p[i])
        + (1 - alpha) * (1 - y[i]) * p[i] ** gamma * math.log(1 - p[i])
        for i in range(len(p))
    )


row(
    "focal_binary",
    r"-\sum_{i=1}^{n} \left[ \alpha y_i (1 - p_i)^{\gamma} \log p_i + (1 - \alpha)(1 - y_i) p_i^{\gamma} \log(1 - p_i) \right]",
    "p, y: vector[n]; alpha: scalar, unit; gamma: scalar, positive; i: index",
    {"p": pf, "y": yf, "alpha": 0.25, "gamma": 2.0},
    focal,
    source="focal loss with alpha balancing (Lin et al., 2017, Eq. 5), p_t and alpha_t written out for y in {0, 1}",
)
row(
    "focal_pt",
    r"\mathrm{FL}(p_t) = -\alpha_t (1 - p_t)^{\gamma} \log(p_t)",
    "p_t, alpha_t: scalar, unit; gamma: scalar, positive",
    {"p_t": 0.35, "alpha_t": 0.25, "gamma": 2.0},
    lambda p_t, alpha_t, gamma: -alpha_t * (1 - p_t) ** gamma * math.log(p_t),
    source="focal loss (Lin et al., 2017, Eq. 5)",
)
Xs = rnd(603, 5, 3)
ys = [1.0, -1.0, 1.0, -1.0, 1.0]
ws = rnd(604, 3)


def sq_hinge(X, y, w):
    return sum(max(0.0, 1 - y[i] * float(w @ X[i])) ** 2 for i in range(len(y)))


row(
    "squared_hinge",
    r"\sum_{i=1}^{n} \max(0, 1 - y_i w^\top x_i)^2",
    "X: matrix[n, d]; x_i: row[X]; y: vector[n]; w: vector[d]; i: index",
    {"X": Xs, "y": ys, "w": ws},
    sq_hinge,
    wrt="w",
    source="L2-SVM squared hinge loss (e.g. Chang, Hsieh and Lin, 2008)",
)
sc = [1.2, 0.8, -0.5, 1.5]
row(
    "multiclass_hinge",
    r"\sum_{j \neq y} \max(0, s_j - s_y + 1)",
    "s: vector[K]; y: scalar, integer, positive; j: index",
    {"s": sc, "y": 2.0},
    lambda s, y: sum(max(0.0, s[j] - s[int(y) - 1] + 1) for j in range(len(s)) if j != int(y) - 1),
    source="multiclass SVM loss for one example of class y (Weston and Watkins, 1999; CS231n notes)",
    note="y is the example's class, numbered from 1; the sum is over the other classes",
)


def smooth_hinge(z):
    if z <= 0:
        return 0.5 - z
    if z < 1:
        return 0.5 * (1 - z) ** 2
    return 0.0


row(
    "smooth_hinge",
    r"\begin{cases} \frac{1}{2} - z & z \le 0 \\ \frac{1}{2} (1 - z)^2 & 0 < z < 1 \\ 0 & z \ge 1 \end{cases}",
    "z: scalar",
    {"z": 0.3},
    smooth_hinge,
    wrt="z",
    source="smooth hinge (Rennie and Srebro, 2005)",
)
row(
    "log_cosh",
    r"\sum_{i=1}^{n} \log \cosh(\hat{y}_i - y_i)",
    r"y, \hat{y}: vector[n]; i: index",
    {"y": yq, "y_hat": yh},
    lambda y, y_hat: sum(math.log(math.cosh(y_hat[i] - y[i])) for i in range(len(y))),
    source="log-cosh regression loss (e.g. Saleh and Saleh, 2022)",
)
row(
    "cauchy",
    r"\frac{c^2}{2} \log\left(1 + \frac{x^2}{c^2}\right)",
    "x: scalar; c: scalar, positive",
    {"x": 1.3, "c": 0.7},
    lambda x, c: c**2 / 2 * math.log(1 + x**2 / c**2),
    source="Cauchy / Lorentzian loss (Barron, 2019, case alpha = 0, scaled by c^2)",
)
row(
    "geman_mcclure",
    r"\frac{2 (x / c)^2}{(x / c)^2 + 4}",
    "x: scalar; c: scalar, positive",
    {"x": 1.3, "c": 0.7},
    lambda x, c: 2 * (x / c) ** 2 / ((x / c) ** 2 + 4),
    source="Geman-McClure loss (Barron, 2019, case alpha = -2)",
)


def barron(x, alpha, c):
    b = abs(alpha - 2)
    return b / alpha * (((x / c) ** 2 / b + 1) ** (alpha / 2) - 1)


row(
    "barron_general",
    r"\rho(x, \alpha, c) = \frac{|\alpha - 2|}{\alpha} \left( \left( \frac{(x / c)^2}{|\alpha - 2|} + 1 \right)^{\alpha / 2} - 1 \right)",
    "x: scalar; alpha: scalar; c: scalar, positive",
    {"x": 1.3, "alpha": 1.5, "c": 0.8},
    barron,
    source="general robust loss (Barron, 2019, Eq. 1)",
)
ye = rnd(605, 5, lo=-2, hi=2)


def eps_ins(X, y, w, b, varepsilon):
    return sum(max(0.0, abs(y[i] - float(w @ X[i]) - b) - varepsilon) for i in range(len(y)))


row(
    "epsilon_insensitive",
    r"\sum_{i=1}^{n} \max\left(0, |y_i - w^\top x_i - b| - \varepsilon\right)",
    "X: matrix[n, d]; x_i: row[X]; y: vector[n]; w: vector[d]; b: scalar; varepsilon: scalar, positive; i: index",
    {"X": Xs, "y": ye, "w": ws, "b": 0.1, "varepsilon": 0.2},
    eps_ins,
    source="epsilon-insensitive loss of support vector regression (Vapnik, 1995; Smola and Scholkopf, 2004)",
)
row(
    "welsch",
    r"\frac{c^2}{2} \left(1 - \exp\left(-\frac{1}{2} \left(\frac{x}{c}\right)^2\right)\right)",
    "x: scalar; c: scalar, positive",
    {"x": 1.3, "c": 0.7},
    lambda x, c: c**2 / 2 * (1 - math.exp(-0.5 * (x / c) ** 2)),
    source="Welsch loss (Dennis and Welsch, 1978; Barron, 2019, alpha -> -inf, scaled by c^2)",
)
row(
    "generalized_cross_entropy",
    r"\mathcal{L}_q = \frac{1 - p_y^q}{q}",
    "p_y: scalar, unit; q: scalar, positive",
    {"p_y": 0.6, "q": 0.7},
    lambda p_y, q: (1 - p_y**q) / q,
    source="generalized cross entropy L_q (Zhang and Sabuncu, 2018)",
)

if __name__ == "__main__":
    A.write()
