"""Psychometrics and item response theory: the Rasch, two-, three- and four-parameter logistic
item response functions, the item information of the 2PL and 3PL models and the standard error of
a test, the Rasch log-likelihood, Samejima's graded response and Masters' partial credit
category probabilities, the expected a posteriori ability by quadrature, Cronbach's alpha, KR-20,
the Spearman-Brown prophecy formula, and the Mantel-Haenszel common odds ratio of DIF analysis
(NumPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, sigmoid

A = Area("irt")
row = A.row

row(
    "rasch_item_response",
    r"P(X_{ij} = 1 \mid \theta_j, b_i) = \frac{\exp(\theta_j - b_i)}{1 + \exp(\theta_j - b_i)}",
    r"\theta_j, b_i: scalar",
    {"theta_j": 0.4, "b_i": -0.3},
    lambda theta_j, b_i: math.exp(theta_j - b_i) / (1 + math.exp(theta_j - b_i)),
    wrt=r"\theta_j",
    key="theta_j",
    source="the Rasch model's probability that person j answers item i correctly, from the person's ability and the item's difficulty (Rasch, 1960, Probabilistic Models for Some Intelligence and Attainment Tests; Baker, 2001, The Basics of Item Response Theory, Ch. 1)",
)
row(
    "two_parameter_logistic",
    r"P_i(\theta) = \frac{1}{1 + e^{-a_i(\theta - b_i)}}",
    r"a_i, b_i, \theta: scalar",
    {"a_i": 1.3, "b_i": 0.2, "theta": -0.5},
    lambda a_i, b_i, theta: 1 / (1 + math.exp(-a_i * (theta - b_i))),
    wrt="a_i",
    source="the two-parameter logistic item response function with discrimination a_i and difficulty b_i (Birnbaum, 1968, in Lord and Novick, Statistical Theories of Mental Test Scores, Ch. 17; Baker, 2001, Ch. 2)",
)
row(
    "three_parameter_logistic",
    r"P_i(\theta) = c_i + (1 - c_i) \frac{e^{D a_i (\theta - b_i)}}{1 + e^{D a_i (\theta - b_i)}}",
    r"a_i, b_i, \theta: scalar; c_i: scalar, unit; D: scalar, positive",
    {"a_i": 1.1, "b_i": 0.5, "theta": 0.1, "c_i": 0.2, "D": 1.7},
    lambda a_i, b_i, theta, c_i, D: c_i + (1 - c_i) * float(sigmoid(D * a_i * (theta - b_i))),
    wrt=r"\theta",
    key="theta",
    source="the three-parameter logistic model with a lower asymptote c_i for guessing and the scaling constant D = 1.7 (Birnbaum, 1968; Lord, 1980, Applications of Item Response Theory to Practical Testing Problems, Ch. 2)",
)
row(
    "four_parameter_logistic",
    r"P(\theta) = c + \frac{d - c}{1 + e^{-a(\theta - b)}}",
    r"a, b, \theta: scalar; c, d: scalar, unit",
    {"a": 1.4, "b": -0.2, "theta": 0.6, "c": 0.15, "d": 0.92},
    lambda a, b, theta, c, d: c + (d - c) / (1 + math.exp(-a * (theta - b))),
    wrt="d",
    source="the four-parameter logistic model with an upper asymptote d < 1 for slipping (Barton and Lord, 1981, An Upper Asymptote for the Three-Parameter Logistic Item-Response Model; Loken and Rulison, 2010, Estimation of a Four-Parameter Item Response Theory Model)",
)


def info_2pl(a_i, b_i, theta):
    P = 1 / (1 + math.exp(-a_i * (theta - b_i)))
    return a_i**2 * P * (1 - P)


row(
    "item_information_2pl",
    r"I_i(\theta) = a_i^2 \frac{e^{a_i(\theta - b_i)}}{\left( 1 + e^{a_i(\theta - b_i)} \right)^2}",
    r"a_i, b_i, \theta: scalar",
    {"a_i": 1.3, "b_i": 0.2, "theta": -0.5},
    info_2pl,
    wrt=r"\theta",
    key="theta",
    source="the Fisher information of a 2PL item, I_i(theta) = a_i^2 P_i(theta) Q_i(theta) with P_i Q_i written out (Lord, 1980, Ch. 5; Baker, 2001, Ch. 6)",
)


def info_3pl_definition(a_i, b_i, c_i, theta):
    z = 1.7 * a_i * (theta - b_i)
    s = 1 / (1 + math.exp(-z))
    P = c_i + (1 - c_i) * s
    dP = (1 - c_i) * s * (1 - s) * 1.7 * a_i
    return dP**2 / (P * (1 - P))


_closed = (
    2.89
    * 1.1**2
    * 0.8
    / ((0.2 + math.exp(1.7 * 1.1 * -0.4)) * (1 + math.exp(1.7 * 1.1 * 0.4)) ** 2)
)
assert abs(_closed - info_3pl_definition(1.1, 0.5, 0.2, 0.1)) < 1e-12
row(
    "item_information_3pl",
    r"I_i(\theta) = \frac{2.89 a_i^2 (1 - c_i)}{\left( c_i + e^{1.7 a_i (\theta - b_i)} \right) \left( 1 + e^{-1.7 a_i (\theta - b_i)} \right)^2}",
    r"a_i, b_i, \theta: scalar; c_i: scalar, unit",
    {"a_i": 1.1, "b_i": 0.5, "c_i": 0.2, "theta": 0.1},
    info_3pl_definition,
    wrt="a_i",
    source="the information of a 3PL item with D = 1.7, in closed form (Hambleton, Swaminathan and Rogers, 1991, Fundamentals of Item Response Theory, Ch. 6; Lord, 1980, Ch. 5)",
    note="the reference is the definition P_i'(theta)^2 / (P_i Q_i), checked against the closed form",
)
a_t = [1.3, 0.8, 1.6, 1.0]
b_t = [-0.5, 0.2, 0.9, -1.1]


def se_theta(a, b, theta_hat):
    info = sum(
        a[i] ** 2 * sigmoid(a[i] * (theta_hat - b[i])) * (1 - sigmoid(a[i] * (theta_hat - b[i])))
        for i in range(len(a))
    )
    return float(1 / math.sqrt(info))


row(
    "standard_error_of_ability",
    r"\mathrm{SE}(\hat{\theta}) = \frac{1}{\sqrt{\sum_{i=1}^{n} a_i^2 \frac{e^{a_i(\hat{\theta} - b_i)}}{\left( 1 + e^{a_i(\hat{\theta} - b_i)} \right)^2}}}",
    r"a, b: vector[n]; \hat{\theta}: scalar; i: index",
    {"a": a_t, "b": b_t, "theta_hat": 0.3},
    se_theta,
    wrt="a",
    source="the asymptotic standard error of the maximum likelihood ability estimate, one over the root of the test information, the sum of the 2PL item informations (Lord, 1980, Ch. 5; Baker, 2001, Ch. 7)",
)
X_r = [[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 1, 0]]
th_r = [0.5, -0.7, 1.2]


def rasch_ll(x, theta, b):
    return float(
        sum(
            x[j, i] * (theta[j] - b[i]) - math.log(1 + math.exp(theta[j] - b[i]))
            for j in range(len(theta))
            for i in range(len(b))
        )
    )


row(
    "rasch_log_likelihood",
    r"\log L = \sum_{j=1}^{N} \sum_{i=1}^{k} \left[ x_{ji} (\theta_j - b_i) - \log\left( 1 + e^{\theta_j - b_i} \right) \right]",
    r"x: matrix[N, k]; \theta: vector[N]; b: vector[k]; i, j: index",
    {"x": X_r, "theta": th_r, "b": b_t},
    rasch_ll,
    wrt="b",
    source="the joint log-likelihood of the Rasch model for N persons' scored responses to k items (Wright and Panchapakesan, 1969, A Procedure for Sample-Free Item Analysis; Baker and Kim, 2004, Item Response Theory: Parameter Estimation Techniques, Ch. 5)",
    note="x_ji in {0, 1} the score of person j on item i",
)
b_grm = [-1.2, -0.3, 0.6, 1.5]
row(
    "graded_response_category",
    r"P_k(\theta) = \frac{1}{1 + e^{-a(\theta - b_k)}} - \frac{1}{1 + e^{-a(\theta - b_{k+1})}}",
    r"a, \theta: scalar; b: vector[m]; k: label[m]",
    {"a": 1.5, "theta": 0.2, "b": b_grm, "k": 2},
    lambda a, theta, b, k: float(
        1 / (1 + math.exp(-a * (theta - b[int(k) - 1])))
        - 1 / (1 + math.exp(-a * (theta - b[int(k)])))
    ),
    wrt="b",
    source="Samejima's graded response model, the probability of responding in category k as the difference of the boundary curves P*_k - P*_{k+1} (Samejima, 1969, Estimation of Latent Ability Using a Response Pattern of Graded Scores, Psychometrika Monograph 17; Embretson and Reise, 2000, Item Response Theory for Psychologists, Ch. 5)",
    note="b_k the ordered category boundaries, the entries of b; k a middle category, counted from 1, so that b_{k+1} exists",
)
d_pcm = [-0.8, 0.3, 1.1]


def pcm(theta, delta, x, m):
    def s(h):
        return sum(theta - delta[j] for j in range(int(h)))

    return math.exp(s(x)) / sum(math.exp(s(h)) for h in range(int(m) + 1))


row(
    "partial_credit_model",
    r"P(X = x \mid \theta) = \frac{\exp \sum_{j=1}^{x} (\theta - \delta_j)}{\sum_{h=0}^{m} \exp \sum_{j=1}^{h} (\theta - \delta_j)}",
    r"\theta: scalar; \delta: vector[m]; m: dim; x: scalar, integer, nonnegative; j, h: index",
    {"theta": 0.4, "delta": d_pcm, "m": 3, "x": 2.0},
    pcm,
    wrt=r"\delta",
    key="delta",
    source="Masters' partial credit model, the probability of score x on an item with m steps of difficulties delta_j (Masters, 1982, A Rasch Model for Partial Credit Scoring, Sec. 3)",
    note="the sum from j = 1 to 0 is empty (zero), the paper's convention sum_{j=0}^{0} (theta - delta_j) = 0",
)
Xq = np.linspace(-2, 2, 5)
Aq = np.exp(-(Xq**2) / 2)
Aq = Aq / Aq.sum()
resp = [1, 1, 0, 1]
Lq = np.array(
    [
        np.prod(
            [
                sigmoid(a_t[i] * (x - b_t[i])) if resp[i] else 1 - sigmoid(a_t[i] * (x - b_t[i]))
                for i in range(4)
            ]
        )
        for x in Xq
    ]
)
row(
    "eap_ability_estimate",
    r"\hat{\theta} = \frac{\sum_{k=1}^{q} X_k L(X_k) A(X_k)}{\sum_{k=1}^{q} L(X_k) A(X_k)}",
    "X, L, A: vector[q]; k: index",
    {"X": Xq.tolist(), "L": Lq.round(6).tolist(), "A": Aq.round(6).tolist()},
    lambda X, L, A: float(np.sum(X * L * A) / np.sum(L * A)),
    wrt="L",
    source="the expected a posteriori estimate of ability by quadrature over q points X_k with prior weights A(X_k) (Bock and Mislevy, 1982, Adaptive EAP Estimation of Ability in a Microcomputer Environment, Sec. 2)",
    note="L(X_k) the likelihood of the response pattern at the k-th quadrature point, the k-th entry of L (here of a 2PL response pattern); A(X_k) the normalized normal prior weights",
)
V_cr = [0.8, 1.1, 0.9, 1.3]
row(
    "cronbach_alpha",
    r"\alpha = \frac{n}{n - 1} \left( 1 - \frac{\sum_{i=1}^{n} V_i}{V_t} \right)",
    "V: vector[n]; V_t: scalar, positive; n: dim; i: index",
    {"V": V_cr, "V_t": 9.6, "n": 4},
    lambda V, V_t, n: n / (n - 1) * (1 - float(np.sum(V)) / V_t),
    wrt="V",
    source="coefficient alpha of a test of n items, from the item variances V_i and the variance V_t of the total score (Cronbach, 1951, Coefficient Alpha and the Internal Structure of Tests)",
)
p_kr = [0.8, 0.65, 0.5, 0.35, 0.7]
row(
    "kuder_richardson_20",
    r"r_{tt} = \frac{k}{k - 1} \left( 1 - \frac{\sum_{i=1}^{k} p_i (1 - p_i)}{\sigma_t^2} \right)",
    r"p: vector[k]; k: dim; \sigma_t: scalar, positive; i: index",
    {"p": p_kr, "k": 5, "sigma_t": 1.6},
    lambda p, k, sigma_t: k / (k - 1) * (1 - float(np.sum(p * (1 - p))) / sigma_t**2),
    wrt="p",
    source="the Kuder-Richardson formula 20, the reliability of a test of k dichotomous items from the proportions p_i answering each correctly (Kuder and Richardson, 1937, The Theory of the Estimation of Test Reliability, Eq. 20)",
    note="q_i = 1 - p_i written out; sigma_t^2 the variance of the total score",
)
row(
    "spearman_brown_prophecy",
    r"\rho^*_{xx'} = \frac{n \rho_{xx'}}{1 + (n - 1) \rho_{xx'}}",
    r"\rho_{xx'}: scalar, unit; n: scalar, positive",
    {"rho_xx_prime": 0.7, "n": 2.0},
    lambda rho_xx_prime, n: n * rho_xx_prime / (1 + (n - 1) * rho_xx_prime),
    wrt=r"\rho_{xx'}",
    key="rho_xx_prime",
    source="the Spearman-Brown prophecy formula, the reliability of a test lengthened n times with parallel items (Spearman, 1910, Correlation Calculated from Faulty Data; Brown, 1910; Lord and Novick, 1968, Sec. 4.4)",
)
A_mh = [12.0, 20.0, 15.0]
B_mh = [8.0, 10.0, 5.0]
C_mh = [6.0, 15.0, 12.0]
D_mh = [14.0, 15.0, 8.0]
T_mh = [40.0, 60.0, 40.0]
row(
    "mantel_haenszel_odds_ratio",
    r"\hat{\alpha}_{\mathrm{MH}} = \frac{\sum_{j} A_j D_j / T_j}{\sum_{j} B_j C_j / T_j}",
    "A, B, C, D, T: vector[J]; j: index",
    {"A": A_mh, "B": B_mh, "C": C_mh, "D": D_mh, "T": T_mh},
    lambda A, B, C, D, T: float(np.sum(A * D / T) / np.sum(B * C / T)),
    wrt="A",
    source="the Mantel-Haenszel common odds ratio of an item across the J matched score levels, for differential item functioning (Holland and Thayer, 1988, Differential Item Performance and the Mantel-Haenszel Procedure; Mantel and Haenszel, 1959)",
    note="at score level j, A_j and B_j the reference group's right and wrong answers, C_j and D_j the focal group's, T_j the total",
)

if __name__ == "__main__":
    A.write()
