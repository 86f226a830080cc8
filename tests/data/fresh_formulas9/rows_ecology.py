"""Ecology and population biology: the Shannon index from counts, Simpson's unbiased index, Hill
numbers, Lotka-Volterra competition and the generalized Lotka-Volterra system, the recruitment row
of a Leslie projection, the Euler-Lotka sum, the sensitivity of the growth rate to a matrix entry,
Chapman's Lincoln-Petersen estimator, the bias-corrected Chao1 estimator, the Bray-Curtis
dissimilarity, the Ricker and Beverton-Holt maps, theta-logistic growth and the prey equation with
a Holling type II response (NumPy/SciPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, simplex

A = Area("ecology")
row = A.row

counts = [25.0, 12.0, 8.0, 3.0, 2.0]


def shannon(n, N):
    return -sum(n[i] / N * math.log(n[i] / N) for i in range(len(n)))


row(
    "shannon_index_from_counts",
    r"H' = -\sum_{i=1}^{S} \frac{n_i}{N} \ln \frac{n_i}{N}",
    "n: vector[S], positive; N: scalar, positive; i: index",
    {"n": counts, "N": 50.0},
    shannon,
    wrt="n",
    source="the Shannon diversity index of a sample of N individuals in S species with n_i individuals of species i (Magurran, 2004, Measuring Biological Diversity, Ch. 4; Shannon, 1948)",
    note="N the sample size, given (the sum of the n_i)",
)
row(
    "simpson_unbiased_index",
    r"\hat{\lambda} = \sum_{i=1}^{S} \frac{n_i (n_i - 1)}{N (N - 1)}",
    "n: vector[S], positive; N: scalar, positive; i: index",
    {"n": counts, "N": 50.0},
    lambda n, N: sum(n[i] / N * (n[i] - 1) / (N - 1) for i in range(len(n))),
    wrt="n",
    source="Simpson's index of concentration estimated without bias from a finite sample, the probability that two individuals drawn without replacement belong to the same species (Simpson, 1949, Measurement of Diversity, Nature 163)",
    note="N the sample size, given",
)
p_hill = np.asarray(simplex(9500, 5)).round(6)
p_hill = (p_hill / p_hill.sum()).tolist()


def hill(p, q):
    # the reciprocal of the weighted generalized mean of order q - 1 of the p_i, weights p_i
    r = q - 1
    M = sum(p[i] * p[i] ** r for i in range(len(p))) ** (1 / r)
    return 1 / M


row(
    "hill_number",
    r"{}^{q}D = \left( \sum_{i=1}^{S} p_i^q \right)^{1/(1-q)}",
    "p: simplex[S]; q: scalar, positive; i: index",
    {"p": p_hill, "q": 0.5},
    hill,
    wrt="q",
    source="the Hill number of order q, the effective number of species: q = 0 the richness, q -> 1 the exponential of Shannon's entropy, q = 2 the inverse Simpson concentration (Hill, 1973, Diversity and Evenness: A Unifying Notation and Its Consequences, Ecology 54; Jost, 2006, Oikos 113)",
    note="{}^{q}D the name of the value (q written before D); references as the inverse of the weighted generalized mean of order q - 1 of the relative abundances",
)
row(
    "lotka_volterra_competition",
    r"\frac{dN_1}{dt} = r_1 N_1 \left( \frac{K_1 - N_1 - \alpha_{12} N_2}{K_1} \right)",
    r"N_1, N_2, r_1, K_1: scalar, positive; \alpha_{12}: scalar, nonnegative",
    {"N_1": 40.0, "N_2": 25.0, "r_1": 0.8, "K_1": 100.0, "alpha_12": 0.6},
    lambda N_1, N_2, r_1, K_1, alpha_12: r_1 * N_1 * (1 - (N_1 + alpha_12 * N_2) / K_1),
    wrt=r"\alpha_{12}",
    key="alpha_12",
    source="the growth of species 1 under Lotka-Volterra competition, each individual of species 2 using alpha_12 times the resources of one of species 1 (Gotelli, 2008, A Primer of Ecology, 4th ed., Ch. 5; Gause, 1934)",
    note="alpha_12 the competition coefficient, one name (not the entry of a matrix)",
)
x_glv = [0.6, 1.2, 0.4]
r_glv = [1.0, 0.7, -0.3]
a_glv = [[-1.0, -0.4, -0.2], [-0.3, -0.9, 0.1], [0.5, 0.2, -0.6]]
row(
    "generalized_lotka_volterra",
    r"\frac{dx_i}{dt} = x_i \left( r_i + \sum_{j=1}^{n} a_{ij} x_j \right)",
    "x, r: vector[n]; a: matrix[n, n]; j: index",
    {"x": x_glv, "r": r_glv, "a": a_glv},
    lambda x, r, a: np.array(
        [x[i] * (r[i] + sum(a[i, j] * x[j] for j in range(len(x)))) for i in range(len(x))]
    ),
    source="the Lotka-Volterra equations for n interacting species with intrinsic rates r_i and interaction matrix a (Hofbauer and Sigmund, 1998, Evolutionary Games and Population Dynamics, Ch. 5)",
    note="the value is the vector of the n rates dx_i/dt, i free",
)
F_les = [0.0, 1.2, 2.5, 1.1]
P_les = [0.5, 0.7, 0.4]
n_les = [30.0, 20.0, 12.0, 5.0]


def leslie_first(F, n):
    k = len(F)
    L = np.zeros((k, k))
    L[0, :] = F
    for i in range(k - 1):
        L[i + 1, i] = P_les[i]
    return float((L @ n)[0])


row(
    "leslie_recruitment_row",
    r"n_1(t+1) = \sum_{i=1}^{k} F_i n_i(t)",
    r"F, \mathbf{n}: vector[k]; i: index",
    {"F": F_les, "n": n_les},
    leslie_first,
    wrt="F",
    source="the first row of the Leslie matrix projection n(t+1) = A n(t): the newborns at t + 1 from the fertilities F_i of the k age classes (Caswell, 2001, Matrix Population Models, 2nd ed., Sec. 2.2; Leslie, 1945, Biometrika 33)",
    note="n_i(t) the number in age class i at time t, the i-th entry of n; references as the first entry of the Leslie matrix (survivals 0.5, 0.7, 0.4 below the diagonal) times n",
)
l_x = [0.8, 0.5, 0.3, 0.1]
m_x = [0.0, 1.5, 2.2, 1.8]


def euler_lotka(lam, l, m, omega):  # noqa: E741
    return sum(lam ** (-(x + 1)) * l[x] * m[x] for x in range(int(omega)))


row(
    "euler_lotka_sum",
    r"\sum_{x=1}^{\omega} \lambda^{-x} l_x m_x",
    r"\lambda: scalar, positive; l, m: vector[\omega]; \omega: dim; x: index",
    {"lambda": 1.1, "l": l_x, "m": m_x, "omega": 4},
    lambda l, m, omega, **k: euler_lotka(k["lambda"], l, m, omega),  # noqa: E741
    wrt=r"\lambda",
    key="lambda",
    source="the left side of the Euler-Lotka equation, which equals 1 at the population growth rate lambda, l_x the survivorship to age x and m_x the fecundity at age x (Caswell, 2001, Matrix Population Models, 2nd ed., Sec. 2.2; Lotka, 1907)",
    note="the value is the sum; lambda = 1.1 is not its root here",
)
L_s = np.array([[0.0, 1.2, 2.5], [0.5, 0.0, 0.0], [0.0, 0.7, 0.0]])
ev, W_r = np.linalg.eig(L_s)
dom = int(np.argmax(ev.real))
w_s = np.abs(W_r[:, dom].real)
ev_l, V_l = np.linalg.eig(L_s.T)
v_s = np.abs(V_l[:, int(np.argmax(ev_l.real))].real)
w_s, v_s = (w_s / w_s.sum()).round(6), (v_s / v_s[0]).round(6)


def _lambda_of(a):
    return float(np.max(np.linalg.eigvals(a).real))


_bump = np.zeros((3, 3))
_bump[0, 1] = 1e-6
_fd = (_lambda_of(L_s + _bump) - _lambda_of(L_s - _bump)) / 2e-6
assert abs(_fd - v_s[0] * w_s[1] / (w_s @ v_s)) < 1e-5
row(
    "eigenvalue_sensitivity",
    r"s_{ij} = \frac{v_i w_j}{\langle \mathbf{w}, \mathbf{v} \rangle}",
    r"\mathbf{v}, \mathbf{w}: vector[k]; i, j: label[k]",
    {"v": v_s.tolist(), "w": w_s.tolist(), "i": 1, "j": 2},
    lambda v, w, i, j: v[int(i) - 1] * w[int(j) - 1] / sum(w[c] * v[c] for c in range(len(w))),
    wrt="v",
    source="the sensitivity of the population growth rate lambda to the entry a_ij of the projection matrix, from its right and left eigenvectors w and v (Caswell, 2001, Matrix Population Models, 2nd ed., Sec. 9.1, Eq. 9.10; Caswell, 1978)",
    note="<w, v> the scalar product of w and v (real here, so v-bar = v); i = 1 and j = 2, the fertility of age class 2; checked against a finite difference of the dominant eigenvalue when this file is loaded",
)
row(
    "chapman_lincoln_petersen",
    r"\hat{N} = \frac{(M + 1)(C + 1)}{R + 1} - 1",
    "M, C, R: scalar, positive",
    {"M": 50.0, "C": 40.0, "R": 12.0},
    lambda M, C, R: (M + 1) * (C + 1) / (R + 1) - 1,
    wrt="R",
    source="Chapman's nearly unbiased version of the Lincoln-Petersen estimate of population size from M marked animals, C caught in a second sample and R recaptured (Chapman, 1951, Some Properties of the Hypergeometric Distribution with Applications to Zoological Sample Censuses, Univ. California Publ. Statist. 1; Seber, 1982, The Estimation of Animal Abundance, 2nd ed., Sec. 3.1)",
)
row(
    "chao1_bias_corrected",
    r"\hat{S}_{\mathrm{Chao1}} = S_{\mathrm{obs}} + \frac{n - 1}{n} \frac{f_1 (f_1 - 1)}{2 (f_2 + 1)}",
    r"S_{\mathrm{obs}}, n, f_1, f_2: scalar, positive",
    {"S_obs": 25.0, "n": 120.0, "f_1": 8.0, "f_2": 3.0},
    lambda S_obs, n, f_1, f_2: S_obs + (n - 1) / n * f_1 * (f_1 - 1) / (2 * (f_2 + 1)),
    wrt="f_{1}",
    key="f_1",
    source="the bias-corrected Chao1 lower bound of species richness from the numbers of singletons f_1 and doubletons f_2 in a sample of n individuals (Chao, 2005, Species Estimation and Applications, Encyclopedia of Statistical Sciences, 2nd ed.; Chao, 1984, Scand. J. Statistics 11)",
    note="n the number of individuals, a number here (not a size); f_1 taken as real so that the gradient is defined",
)
n_bc = [[12.0, 7.0, 3.0], [0.5, 4.0, 9.0], [6.0, 6.5, 2.0], [3.0, 1.0, 8.0], [9.0, 2.0, 4.5]]


def bray_curtis(n, j, k):
    j, k = int(j) - 1, int(k) - 1
    S = len(n)
    return sum(abs(n[i, j] - n[i, k]) for i in range(S)) / sum(n[i, j] + n[i, k] for i in range(S))


row(
    "bray_curtis_dissimilarity",
    r"\mathrm{BC}_{jk} = \frac{\sum_{i=1}^{S} |n_{ij} - n_{ik}|}{\sum_{i=1}^{S} (n_{ij} + n_{ik})}",
    "n: matrix[S, m]; j, k: label[m]; i: index",
    {"n": n_bc, "j": 1, "k": 3},
    bray_curtis,
    wrt="n",
    source="the Bray-Curtis dissimilarity of the species abundances n_ij and n_ik of two sites j and k (Bray and Curtis, 1957, An Ordination of the Upland Forest Communities of Southern Wisconsin, Ecological Monographs 27; Legendre and Legendre, 2012, Numerical Ecology, 3rd ed., Sec. 7.4, the percentage difference D14)",
    note="n_ij the abundance of species i at site j; no species has the same abundance at the two sites, so the gradient is defined",
)
row(
    "ricker_map",
    r"N_{t+1} = N_t \exp\left[ r \left( 1 - \frac{N_t}{K} \right) \right]",
    "N_t, r, K: scalar, positive",
    {"N_t": 40.0, "r": 1.2, "K": 100.0},
    lambda N_t, r, K: N_t * math.exp(r * (1 - N_t / K)),
    wrt="r",
    source="Ricker's stock-recruitment map, overcompensating density dependence in discrete time (Ricker, 1954, Stock and Recruitment, J. Fisheries Research Board of Canada 11; May, 1976, Nature 261)",
)
row(
    "beverton_holt_map",
    r"N_{t+1} = \frac{R_0 N_t}{1 + N_t / M}",
    "N_t, R_0, M: scalar, positive",
    {"N_t": 40.0, "R_0": 2.5, "M": 60.0},
    lambda N_t, R_0, M: R_0 * N_t / (1 + N_t / M),
    wrt="N_{t}",
    key="N_t",
    source="the Beverton-Holt map, compensating density dependence with carrying capacity K = (R_0 - 1) M (Beverton and Holt, 1957, On the Dynamics of Exploited Fish Populations; Kot, 2001, Elements of Mathematical Ecology, Part I)",
    note="R_0 the growth factor at low density",
)
row(
    "theta_logistic_growth",
    r"\frac{dN}{dt} = r N \left[ 1 - \left( \frac{N}{K} \right)^{\theta} \right]",
    r"N, r, K, \theta: scalar, positive",
    {"N": 60.0, "r": 0.5, "K": 100.0, "theta": 2.0},
    lambda N, r, K, theta: r * N * (1 - (N / K) ** theta),
    wrt=r"\theta",
    key="theta",
    source="theta-logistic growth, the logistic equation with the density dependence bent by theta (Gilpin and Ayala, 1973, Global Models of Growth and Competition, PNAS 70)",
)
row(
    "prey_growth_holling_type_ii",
    r"\frac{dN}{dt} = r N \left( 1 - \frac{N}{K} \right) - \frac{a N P}{1 + a h N}",
    "N, P, r, K, a, h: scalar, positive",
    {"N": 40.0, "P": 6.0, "r": 1.0, "K": 100.0, "a": 0.05, "h": 0.2},
    lambda N, P, r, K, a, h: r * N * (1 - N / K) - a * N * P / (1 + a * h * N),
    wrt="h",
    source="the prey equation of the Rosenzweig-MacArthur model, logistic growth minus predation at Holling's type II (disc equation) rate with attack rate a and handling time h (Rosenzweig and MacArthur, 1963, American Naturalist 97; Holling, 1959, Canadian Entomologist 91)",
    note="P the number of predators (a number, not a probability)",
)

if __name__ == "__main__":
    A.write()
