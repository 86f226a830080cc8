"""Information geometry and divergences: the Fisher-Rao distances between univariate normals and
between categorical distributions, a natural-gradient step, the Fisher information matrix of
logistic regression, the Renyi divergence of categorical distributions and of normals, Amari's
alpha-divergence of positive measures, Tsallis entropy, the Bregman divergence of the log-partition
function, the squared Hellinger distance and the Bhattacharyya distance of normals, the total
variation and chi-squared divergences, the Jensen-Bregman log-det (S-) divergence and the
affine-invariant Riemannian distance of SPD matrices (NumPy/SciPy references from each source's
definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, simplex, spd
from scipy.integrate import quad
from scipy.linalg import logm, sqrtm
from scipy.stats import norm

A = Area("infogeometry")
row = A.row

gauss = {"mu_1": 0.2, "sigma_1": 1.1, "mu_2": 1.0, "sigma_2": 0.7}


def fisher_rao_normal(mu_1, sigma_1, mu_2, sigma_2):
    # ds^2 = (d mu^2 + 2 d sigma^2) / sigma^2 is sqrt(2) times the Poincare half-plane metric in
    # (mu / sqrt(2), sigma); there d = 2 artanh(|z_1 - z_2| / |z_1 - conj(z_2)|)
    z1 = complex(mu_1 / math.sqrt(2), sigma_1)
    z2 = complex(mu_2 / math.sqrt(2), sigma_2)
    return math.sqrt(2) * 2 * math.atanh(abs(z1 - z2) / abs(z1 - z2.conjugate()))


row(
    "fisher_rao_distance_univariate_normals",
    r"d_F = \sqrt{2} \operatorname{arccosh}\left( 1 + \frac{(\mu_1 - \mu_2)^2 / 2 + (\sigma_1 - \sigma_2)^2}{2 \sigma_1 \sigma_2} \right)",
    r"\mu_1, \mu_2: scalar; \sigma_1, \sigma_2: scalar, positive",
    gauss,
    fisher_rao_normal,
    wrt=r"\sigma_{1}",
    key="sigma_1",
    source="the Fisher-Rao (information) distance between N(mu_1, sigma_1^2) and N(mu_2, sigma_2^2), the geodesic distance of the metric (d mu^2 + 2 d sigma^2) / sigma^2, a scaled hyperbolic half-plane (Costa, Santos and Strapasson, 2015, Fisher Information Distance: A Geometrical Reading, Discrete Applied Math. 197, Sec. 3; Atkinson and Mitchell, 1981, Sankhya A 43)",
    note="references from the half-plane distance 2 artanh(|z_1 - z_2| / |z_1 - conj z_2|) with z = mu / sqrt(2) + i sigma",
)
p4 = np.asarray(simplex(9600, 4)).round(6)
p4 = (p4 / p4.sum()).tolist()
q4 = np.asarray(simplex(9601, 4)).round(6)
q4 = (q4 / q4.sum()).tolist()


def fisher_rao_categorical(p, q):
    # sqrt(p) and sqrt(q) lie on the unit sphere; the distance is twice their great-circle angle
    a, b = np.sqrt(p), np.sqrt(q)
    return 2 * 2 * math.asin(np.linalg.norm(a - b) / 2)


row(
    "fisher_rao_distance_categorical",
    r"d(\mathbf{p}, \mathbf{q}) = 2 \arccos\left( \sum_{i=1}^{n} \sqrt{p_i q_i} \right)",
    r"\mathbf{p}, \mathbf{q}: simplex[n]; i: index",
    {"p": p4, "q": q4},
    fisher_rao_categorical,
    wrt="p",
    source="the Fisher-Rao distance between two categorical distributions, through the embedding p -> 2 sqrt(p) of the simplex into a sphere of radius 2 (Amari and Nagaoka, 2000, Methods of Information Geometry, Sec. 2.5)",
    note="references as twice the great-circle angle between sqrt(p) and sqrt(q), from their chord",
)
F_ng = np.asarray(spd(9602, 3))


def natural_step(theta_k, alpha, F, g_k):
    return theta_k - alpha * np.linalg.solve(F, g_k)


row(
    "natural_gradient_step",
    r"\boldsymbol{\theta}_{k+1} = \boldsymbol{\theta}_k - \alpha F^{-1} \mathbf{g}_k",
    r"\boldsymbol{\theta}_k, \mathbf{g}_k: vector[n]; F: spd[n]; \alpha: scalar, positive",
    {"theta_k": [0.5, -0.2, 1.0], "alpha": 0.1, "F": F_ng.tolist(), "g_k": [0.3, -0.6, 0.2]},
    natural_step,
    source="one step of natural gradient descent, the gradient g_k = grad h(theta_k) premultiplied by the inverse Fisher information matrix F (Amari, 1998, Natural Gradient Works Efficiently in Learning, Neural Computation 10, Sec. 3; Martens, 2020, New Insights and Perspectives on the Natural Gradient Method, JMLR 21, Sec. 5)",
    note="F the Fisher matrix at theta_k, given; the value is the vector theta_{k+1}",
)
X_lr = rnd(9603, 5, 2, lo=-1.5, hi=1.5)
beta_lr = [0.4, -0.7]


def logistic_fisher(X, beta):
    # E_y[s s^T] summed over observations, s = (y - sigma(x^T beta)) x the score of one of them
    n, d = X.shape
    info = np.zeros((d, d))
    for i in range(n):
        p = float(sigmoid(X[i] @ beta))
        for y, prob in ((1.0, p), (0.0, 1 - p)):
            s = (y - p) * X[i]
            info += prob * np.outer(s, s)
    return info


row(
    "logistic_regression_fisher_information",
    r"\mathcal{I}(\boldsymbol{\beta}) = \sum_{i=1}^{n} \sigma(\mathbf{x}_i^\top \boldsymbol{\beta}) \left( 1 - \sigma(\mathbf{x}_i^\top \boldsymbol{\beta}) \right) \mathbf{x}_i \mathbf{x}_i^\top",
    r"X: matrix[n, d]; \mathbf{x}_i: row[X]; \boldsymbol{\beta}: vector[d]; i: index",
    {"X": X_lr, "beta": beta_lr},
    logistic_fisher,
    source="the Fisher information matrix of the logistic regression model, X^T W X with W = diag(p_i (1 - p_i)) (McCullagh and Nelder, 1989, Generalized Linear Models, 2nd ed., Sec. 4.4)",
    note="references as the expected outer product of the score (y - sigma) x_i over y in {0, 1}; the value is the d x d matrix",
)


def renyi_categorical(p, q, alpha):
    # (1 / (alpha - 1)) log E_q[(p / q)^alpha]
    return math.log(sum(q[i] * (p[i] / q[i]) ** alpha for i in range(len(p)))) / (alpha - 1)


row(
    "renyi_divergence_categorical",
    r"D_\alpha(P \| Q) = \frac{1}{\alpha - 1} \log \sum_{i=1}^{n} p_i^{\alpha} q_i^{1 - \alpha}",
    r"p, q: simplex[n]; \alpha: scalar, positive; i: index",
    {"p": p4, "q": q4, "alpha": 0.6},
    renyi_categorical,
    wrt=r"\alpha",
    key="alpha",
    source="the Renyi divergence of order alpha between two distributions on a finite set (Renyi, 1961, On Measures of Entropy and Information, Proc. 4th Berkeley Symposium; van Erven and Harremoes, 2014, Renyi Divergence and Kullback-Leibler Divergence, IEEE Trans. Inf. Theory 60, Sec. II)",
    note="P and Q the distributions with probabilities p_i and q_i",
)
rg = {"mu_1": 0.0, "sigma_1": 1.0, "mu_2": 0.6, "sigma_2": 1.4, "alpha": 0.7}


def renyi_gaussians(mu_1, sigma_1, mu_2, sigma_2, alpha):
    def integrand(x):
        return norm.pdf(x, mu_1, sigma_1) ** alpha * norm.pdf(x, mu_2, sigma_2) ** (1 - alpha)

    val = quad(integrand, -np.inf, np.inf, epsabs=0.0, epsrel=1e-13, limit=200)[0]
    return math.log(val) / (alpha - 1)


row(
    "renyi_divergence_univariate_normals",
    r"D_\alpha(f_1 \| f_2) = \ln \frac{\sigma_2}{\sigma_1} + \frac{1}{2(\alpha - 1)} \ln \frac{\sigma_2^2}{\alpha \sigma_2^2 + (1 - \alpha) \sigma_1^2} + \frac{\alpha (\mu_1 - \mu_2)^2}{2 \left( \alpha \sigma_2^2 + (1 - \alpha) \sigma_1^2 \right)}",
    r"\mu_1, \mu_2: scalar; \sigma_1, \sigma_2: scalar, positive; \alpha: scalar, unit",
    rg,
    renyi_gaussians,
    wrt=r"\mu_{1}",
    key="mu_1",
    source="the Renyi divergence of order alpha between the normal densities f_1 = N(mu_1, sigma_1^2) and f_2 = N(mu_2, sigma_2^2), with (sigma^2)*_alpha = alpha sigma_2^2 + (1 - alpha) sigma_1^2 written out (Gil, Alajaji and Linder, 2013, Renyi Divergence Measures for Commonly Used Univariate Continuous Distributions, Information Sciences 249, Table 2)",
    note="references by quadrature of the definition (1 / (alpha - 1)) ln int f_1^alpha f_2^{1 - alpha} dx",
)
m_p = [0.8, 1.5, 0.3, 2.2]
m_q = [1.1, 0.9, 0.6, 1.7]


def alpha_divergence(p, q, alpha):
    # the f-divergence sum_i p_i f(q_i / p_i) with Amari's f_alpha for positive measures
    def f(u):
        return 4 / (1 - alpha**2) * ((1 - alpha) / 2 + (1 + alpha) / 2 * u - u ** ((1 + alpha) / 2))

    return sum(p[i] * f(q[i] / p[i]) for i in range(len(p)))


row(
    "amari_alpha_divergence_positive_measures",
    r"D_\alpha[\mathbf{p} : \mathbf{q}] = \frac{4}{1 - \alpha^2} \sum_{i=1}^{n} \left\{ \frac{1 - \alpha}{2} p_i + \frac{1 + \alpha}{2} q_i - p_i^{\frac{1 - \alpha}{2}} q_i^{\frac{1 + \alpha}{2}} \right\}",
    r"\mathbf{p}, \mathbf{q}: vector[n], positive; \alpha: scalar; i: index",
    {"p": m_p, "q": m_q, "alpha": 0.4},
    alpha_divergence,
    wrt=r"\alpha",
    key="alpha",
    source="Amari's alpha-divergence between two positive measures (not normalized), the unique class that is both an f-divergence and a Bregman divergence there (Amari, 2016, Information Geometry and Its Applications, Ch. 3; Amari, 2009, Alpha-Divergence Is Unique, Belonging to Both f-Divergence and Bregman Divergence Classes, IEEE Trans. Inf. Theory 55)",
    note="D_alpha[p : q] Amari's notation, the colon separating the two arguments; references as the f-divergence with f_alpha(u) = 4 / (1 - alpha^2) ((1 - alpha) / 2 + (1 + alpha) / 2 u - u^{(1 + alpha) / 2})",
)
p5 = np.asarray(simplex(9604, 5)).round(6)
p5 = (p5 / p5.sum()).tolist()


def tsallis(p, q):
    # sum_i p_i ln_q(1 / p_i) with the q-logarithm ln_q(x) = (x^{1-q} - 1) / (1 - q)
    def ln_q(x):
        return (x ** (1 - q) - 1) / (1 - q)

    return sum(p[i] * ln_q(1 / p[i]) for i in range(len(p)))


row(
    "tsallis_entropy",
    r"S_q = \frac{1 - \sum_{i=1}^{W} p_i^q}{q - 1}",
    "p: simplex[W]; q: scalar, positive; i: index",
    {"p": p5, "q": 1.5},
    tsallis,
    wrt="q",
    source="Tsallis' nonadditive entropy of W states with the constant k = 1, Shannon's entropy as q -> 1 (Tsallis, 1988, Possible Generalization of Boltzmann-Gibbs Statistics, J. Statistical Physics 52, Eq. 1)",
    note="references as the mean of the q-logarithm of 1 / p_i",
)
th1 = [0.4, -0.3, 1.1]
th2 = [0.1, 0.5, 0.7]


def bregman_lse(theta_1, theta_2):
    # the Bregman divergence of the log-partition of the categorical family is the KL divergence
    # KL(p_{theta_2} || p_{theta_1}) of the distributions with natural parameters theta
    def softmax(v):
        e = np.exp(v - max(v))
        return e / e.sum()

    p1, p2 = softmax(theta_1), softmax(theta_2)
    return float(sum(p2[i] * math.log(p2[i] / p1[i]) for i in range(len(p1))))


def _lse(v):
    return float(np.log(np.sum(np.exp(v))))


_t1, _t2 = np.array(th1), np.array(th2)
_direct = _lse(_t1) - _lse(_t2) - float((_t1 - _t2) @ (np.exp(_t2) / np.exp(_t2).sum()))
assert abs(_direct - bregman_lse(_t1, _t2)) < 1e-14
row(
    "bregman_divergence_log_partition",
    r"D_{\phi}(\boldsymbol{\theta}_1, \boldsymbol{\theta}_2) = \phi(\boldsymbol{\theta}_1) - \phi(\boldsymbol{\theta}_2) - \langle \boldsymbol{\theta}_1 - \boldsymbol{\theta}_2, \nabla \phi(\boldsymbol{\theta}_2) \rangle",
    r"\boldsymbol{\theta}_1, \boldsymbol{\theta}_2: vector[n]; \phi: function",
    {"theta_1": th1, "theta_2": th2},
    bregman_lse,
    wrt=r"\theta_{1}",
    key="theta_1",
    source="the Bregman divergence of a strictly convex function phi, here the log-partition function of the categorical family in its natural parameters (Banerjee, Merugu, Dhillon and Ghosh, 2005, Clustering with Bregman Divergences, JMLR 6, Definition 1 and Sec. 4)",
    note="phi(theta) = log sum_i exp(theta_i), defined in words, and grad phi its gradient, the softmax; references as KL(p_{theta_2} || p_{theta_1}), the identity of Banerjee et al.",
)


def hellinger_normals(mu_1, sigma_1, mu_2, sigma_2):
    # H^2 = 1 - int sqrt(f_1 f_2) dx, the Bhattacharyya coefficient by quadrature
    bc = quad(
        lambda x: math.sqrt(norm.pdf(x, mu_1, sigma_1) * norm.pdf(x, mu_2, sigma_2)),
        -np.inf,
        np.inf,
        epsabs=0.0,
        epsrel=1e-13,
        limit=200,
    )[0]
    return 1 - bc


row(
    "squared_hellinger_distance_normals",
    r"H^2(P, Q) = 1 - \sqrt{\frac{2 \sigma_1 \sigma_2}{\sigma_1^2 + \sigma_2^2}} \exp\left( -\frac{1}{4} \frac{(\mu_1 - \mu_2)^2}{\sigma_1^2 + \sigma_2^2} \right)",
    r"\mu_1, \mu_2: scalar; \sigma_1, \sigma_2: scalar, positive",
    gauss,
    hellinger_normals,
    wrt=r"\sigma_{1}",
    key="sigma_1",
    source="the squared Hellinger distance, (1/2) int (sqrt(p) - sqrt(q))^2 = 1 - int sqrt(p q), between P = N(mu_1, sigma_1^2) and Q = N(mu_2, sigma_2^2) (Pardo, 2006, Statistical Inference Based on Divergence Measures, Ch. 1; Le Cam and Yang, 2000, Asymptotics in Statistics, 2nd ed., Ch. 3)",
    note="references by quadrature of int sqrt(p q)",
)
mu1_b = [0.3, -0.2]
mu2_b = [1.0, 0.4]
S1_b = [[1.2, 0.3], [0.3, 0.8]]
S2_b = [[0.9, -0.2], [-0.2, 1.5]]


def bhattacharyya(mu_1, mu_2, Sigma_1, Sigma_2):
    # -log int sqrt(p q) dx, completing the square in the product of the two square roots
    P1, P2 = np.linalg.inv(Sigma_1), np.linalg.inv(Sigma_2)
    d = len(mu_1)
    Lam = (P1 + P2) / 2
    b = (P1 @ mu_1 + P2 @ mu_2) / 2
    c0 = (mu_1 @ P1 @ mu_1 + mu_2 @ P2 @ mu_2) / 4 + d / 2 * math.log(2 * math.pi)
    c0 += (np.linalg.slogdet(Sigma_1)[1] + np.linalg.slogdet(Sigma_2)[1]) / 4
    log_bc = d / 2 * math.log(2 * math.pi) - np.linalg.slogdet(Lam)[1] / 2
    log_bc += b @ np.linalg.solve(Lam, b) / 2 - c0
    return -float(log_bc)


row(
    "bhattacharyya_distance_gaussians",
    r"D_B = \frac{1}{8} (\boldsymbol{\mu}_1 - \boldsymbol{\mu}_2)^\top \left( \frac{\Sigma_1 + \Sigma_2}{2} \right)^{-1} (\boldsymbol{\mu}_1 - \boldsymbol{\mu}_2) + \frac{1}{2} \ln \frac{\det \frac{\Sigma_1 + \Sigma_2}{2}}{\sqrt{\det \Sigma_1 \det \Sigma_2}}",
    r"\boldsymbol{\mu}_1, \boldsymbol{\mu}_2: vector[d]; \Sigma_1, \Sigma_2: spd[d]",
    {"mu_1": mu1_b, "mu_2": mu2_b, "Sigma_1": S1_b, "Sigma_2": S2_b},
    bhattacharyya,
    wrt=r"\mu_{1}",
    key="mu_1",
    source="the Bhattacharyya distance -ln int sqrt(p q) between two Gaussian densities (Kailath, 1967, The Divergence and Bhattacharyya Distance Measures in Signal Selection, IEEE Trans. Comm. Tech. 15; Fukunaga, 1990, Introduction to Statistical Pattern Recognition, 2nd ed., Sec. 3.4)",
    note="references by completing the square in sqrt(p q) and integrating the Gaussian",
)


def total_variation(p, q):
    # sup_A |P(A) - Q(A)|, attained at A = {i : p_i > q_i}
    return sum(p[i] - q[i] for i in range(len(p)) if p[i] > q[i])


p_tv = np.asarray(simplex(9605, 5)).round(6)
p_tv = (p_tv / p_tv.sum()).tolist()
q_tv = np.asarray(simplex(9606, 5)).round(6)
q_tv = (q_tv / q_tv.sum()).tolist()
assert min(abs(a - b) for a, b in zip(p_tv, q_tv, strict=True)) > 1e-3
row(
    "total_variation_distance",
    r"\delta(P, Q) = \frac{1}{2} \sum_{i=1}^{n} |p_i - q_i|",
    "p, q: simplex[n]; i: index",
    {"p": p_tv, "q": q_tv},
    total_variation,
    wrt="p",
    source="the total variation distance between two distributions on a finite set, half their L1 distance (Levin, Peres and Wilmer, 2009, Markov Chains and Mixing Times, Sec. 4.1, Proposition 4.2; Tsybakov, 2009, Introduction to Nonparametric Estimation, Sec. 2.4)",
    note="references from the definition sup_A |P(A) - Q(A)|; no p_i equals q_i",
)
row(
    "chi_squared_divergence",
    r"\chi^2(P \| Q) = \sum_{i=1}^{n} \frac{(p_i - q_i)^2}{q_i}",
    "p, q: simplex[n]; i: index",
    {"p": p_tv, "q": q_tv},
    lambda p, q: sum(q[i] * (p[i] / q[i] - 1) ** 2 for i in range(len(p))),
    wrt="q",
    source="Pearson's chi-squared divergence, the f-divergence with f(u) = (u - 1)^2 (Tsybakov, 2009, Introduction to Nonparametric Estimation, Sec. 2.4; Csiszar, 1967)",
    note="references as sum_i q_i f(p_i / q_i)",
)
X_s = np.asarray(spd(9607, 3))
Y_s = np.asarray(spd(9608, 3))


def s_divergence(X, Y):
    # with lambda_i the eigenvalues of Y^{-1} X: sum_i log((lambda_i + 1) / 2) - log(lambda_i) / 2
    lam = np.linalg.eigvals(np.linalg.solve(Y, X))
    return float(np.real(np.sum(np.log((lam + 1) / 2) - np.log(lam) / 2)))


row(
    "jensen_bregman_logdet_divergence",
    r"S(X, Y) = \log \det\left( \frac{X + Y}{2} \right) - \frac{1}{2} \log \det(X Y)",
    "X, Y: spd[n]",
    {"X": X_s.tolist(), "Y": Y_s.tolist()},
    s_divergence,
    wrt="X",
    source="the S-divergence (Jensen-Bregman LogDet divergence) between symmetric positive definite matrices (Sra, 2016, Positive Definite Matrices and the S-Divergence, Proc. AMS 144, Sec. 1; Cherian, Sra, Banerjee and Papanikolopoulos, 2013, IEEE TPAMI 35)",
    note="references from the eigenvalues of Y^{-1} X",
)
S1_r = np.asarray(spd(9609, 3))
S2_r = np.asarray(spd(9610, 3))


def airm(Sigma_1, Sigma_2):
    root = np.real(sqrtm(np.linalg.inv(Sigma_1)))
    return float(np.linalg.norm(np.real(logm(root @ Sigma_2 @ root)), "fro"))


_gen = np.real(np.linalg.eigvals(np.linalg.solve(S1_r, S2_r)))
assert abs(airm(S1_r, S2_r) - math.sqrt(np.sum(np.log(_gen) ** 2))) < 1e-10
row(
    "affine_invariant_riemannian_distance",
    r"\mathrm{dist}(\Sigma_1, \Sigma_2) = \left\| \log\left( \Sigma_1^{-1/2} \Sigma_2 \Sigma_1^{-1/2} \right) \right\|_F",
    r"\Sigma_1, \Sigma_2: spd[n]",
    {"Sigma_1": S1_r.tolist(), "Sigma_2": S2_r.tolist()},
    airm,
    wrt=r"\Sigma_{2}",
    key="Sigma_2",
    source="the affine-invariant Riemannian distance between two covariance matrices (Pennec, Fillard and Ayache, 2006, A Riemannian Framework for Tensor Computing, IJCV 66, Sec. 3; Forstner and Moonen, 1999)",
    note="log the principal matrix logarithm (not the logarithm of each entry) and Sigma_1^{-1/2} the inverse of the principal square root; checked against sqrt(sum_i log^2 lambda_i(Sigma_1^{-1} Sigma_2)) when this file is loaded",
)

if __name__ == "__main__":
    A.write()
