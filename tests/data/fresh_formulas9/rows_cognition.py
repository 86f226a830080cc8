"""Cognitive and choice models: the Rescorla-Wagner update, the mean decision time and error rate
of the drift-diffusion model (unbiased and with a biased start), softmax choice with an inverse
temperature, the value and probability-weighting functions of cumulative prospect theory,
hyperbolic and quasi-hyperbolic discounting, the signal-detection sensitivity d' and criterion c,
Thurstone's Case V, Luce's choice rule, reliability-weighted cue combination and Fitts's law
(NumPy/SciPy references from each source's definition)."""

from __future__ import annotations

import math

from _common import Area
from scipy.stats import norm

A = Area("cognition")
row = A.row


def rescorla_wagner(V, alpha, beta, i, **k):
    i = int(i) - 1
    prediction = sum(V[j] for j in range(len(V)))  # the summed associative strength of the cues
    return alpha[i] * beta * (k["lambda"] - prediction)


row(
    "rescorla_wagner_update",
    r"\Delta V_i = \alpha_i \beta \left( \lambda - \sum_{j=1}^{n} V_j \right)",
    r"V: vector[n]; \alpha: vector[n], unit; \beta, \lambda: scalar, positive; i: label[n]; j: index",
    {"V": [0.3, 0.5, 0.1], "alpha": [0.2, 0.35, 0.1], "beta": 0.5, "lambda": 1.0, "i": 2},
    rescorla_wagner,
    wrt="V",
    source="the Rescorla-Wagner change in the associative strength of cue i on a trial where the n cues are present, driven by the error between the asymptote lambda and the summed prediction (Rescorla and Wagner, 1972, A Theory of Pavlovian Conditioning, in Classical Conditioning II, Eqs. 1-2; Miller, Barnet and Grahame, 1995, Psychological Bulletin 117)",
    note="alpha_i the salience of cue i and beta the learning rate of the outcome",
)


def ddm_first_passage(A, c, z, x0):
    # dx = A dt + c dW started at x0 and absorbed at -z and +z: the probability of reaching +z
    # and the mean exit time from the scale function and the ODE (c^2/2) T'' + A T' = -1
    k = 2 * A / c**2
    u = (1 - math.exp(-k * (x0 + z))) / (1 - math.exp(-k * 2 * z))
    mean_t = (2 * z * u - (x0 + z)) / A
    return u, mean_t


row(
    "ddm_mean_decision_time",
    r"DT = \frac{z}{A} \tanh\left( \frac{zA}{c^2} \right)",
    "z, A, c: scalar, positive",
    {"z": 1.0, "A": 0.8, "c": 1.0},
    lambda z, A, c: ddm_first_passage(A, c, z, 0.0)[1],
    wrt="A",
    source="the mean decision time of the pure drift-diffusion model with drift A, noise c and thresholds +-z, started at 0 (Bogacz, Brown, Moehlis, Holmes and Cohen, 2006, The Physics of Optimal Decision Making, Psychological Review 113, the error rate and decision time of the DDM)",
    note="references from the mean exit time of a Brownian motion with drift from (-z, z), solved from its ODE; DT the name of the value",
)
row(
    "ddm_error_rate",
    r"ER = \frac{1}{1 + e^{2zA/c^2}}",
    "z, A, c: scalar, positive",
    {"z": 1.0, "A": 0.8, "c": 1.0},
    lambda z, A, c: 1 - ddm_first_passage(A, c, z, 0.0)[0],
    wrt="z",
    source="the error rate of the pure drift-diffusion model, the probability of reaching the wrong threshold -z first (Bogacz et al., 2006, Psychological Review 113, the error rate and decision time of the DDM)",
    note="references from the scale function of the diffusion; ER the name of the value",
)
row(
    "ddm_error_rate_biased_start",
    r"ER = \frac{1}{1 + e^{2zA/c^2}} - \left( \frac{1 - e^{-2x_0 A/c^2}}{e^{2zA/c^2} - e^{-2zA/c^2}} \right)",
    "z, A, c: scalar, positive; x_0: scalar",
    {"z": 1.0, "A": 0.8, "c": 1.0, "x_0": 0.3},
    lambda z, A, c, x_0: 1 - ddm_first_passage(A, c, z, x_0)[0],
    wrt="x_{0}",
    key="x_0",
    source="the error rate of the extended drift-diffusion model whose start x_0 is biased toward the correct threshold (Bogacz et al., 2006, Psychological Review 113, Appendix, the DDM with a biased starting point)",
    note="-z < x_0 < z; references from the scale function of the diffusion started at x_0",
)


def softmax_choice(Q_t, beta, a):
    a = int(a) - 1
    z = [beta * q for q in Q_t]
    top = max(z)
    return math.exp(z[a] - top) / sum(math.exp(v - top) for v in z)


row(
    "softmax_choice_inverse_temperature",
    r"P(c_t = a) = \frac{\exp(\beta Q_t(a))}{\sum_{b} \exp(\beta Q_t(b))}",
    r"Q_t: vector[K]; \beta: scalar, positive; a: label[K]; b: index",
    {"Q_t": [0.5, 1.2, 0.3], "beta": 3.0, "a": 2},
    softmax_choice,
    wrt=r"\beta",
    key="beta",
    source="the softmax rule for the probability of choosing option a on trial t from the learned values Q_t, beta the inverse temperature (Daw, 2011, Trial-by-Trial Data Analysis Using Computational Models, in Decision Making, Affect, and Learning, Sec. 2; Sutton and Barto, 1998)",
    note="Q_t(a) the value of option a on trial t, the a-th entry of Q_t; c_t the choice on trial t",
)


def pt_value(x, alpha, beta, **k):
    return x**alpha if x >= 0 else -k["lambda"] * (-x) ** beta


row(
    "prospect_theory_value_function",
    r"v(x) = \begin{cases} x^{\alpha} & \text{if } x \ge 0 \\ -\lambda (-x)^{\beta} & \text{if } x < 0 \end{cases}",
    r"x: scalar; \alpha, \beta, \lambda: scalar, positive",
    {"x": -25.0, "alpha": 0.88, "beta": 0.88, "lambda": 2.25},
    pt_value,
    wrt=r"\beta",
    key="beta",
    source="the value function of cumulative prospect theory, concave for gains, convex and steeper for losses, with Tversky and Kahneman's estimates alpha = beta = 0.88 and lambda = 2.25 (Tversky and Kahneman, 1992, Advances in Prospect Theory, J. Risk and Uncertainty 5, Eq. 5)",
    note="x a loss here",
)


def tk_weight(p, gamma):
    return p**gamma / (p**gamma + (1 - p) ** gamma) ** (1 / gamma)


row(
    "tversky_kahneman_probability_weighting",
    r"w(p) = \frac{p^{\gamma}}{\left( p^{\gamma} + (1 - p)^{\gamma} \right)^{1/\gamma}}",
    r"p: scalar, unit; \gamma: scalar, positive",
    {"p": 0.1, "gamma": 0.61},
    tk_weight,
    wrt=r"\gamma",
    key="gamma",
    source="the inverse-S probability weighting function of cumulative prospect theory, gamma = 0.61 for gains (Tversky and Kahneman, 1992, Advances in Prospect Theory, J. Risk and Uncertainty 5, Eq. 6)",
)
row(
    "hyperbolic_discounting",
    r"V = \frac{A}{1 + kD}",
    "A, k, D: scalar, positive",
    {"A": 100.0, "k": 0.05, "D": 30.0},
    lambda A, k, D: A / (1 + k * D),
    wrt="k",
    source="Mazur's hyperbolic discounting of a reward of amount A delayed by D (Mazur, 1987, An Adjusting Procedure for Studying Delayed Reinforcement, in Quantitative Analyses of Behavior V; Green and Myerson, 2004, Psychological Bulletin 130)",
)
u_qh = [3.0, 1.5, 4.0, 2.5, 5.0]


def quasi_hyperbolic(u, beta, delta, t):
    t = int(t)
    T = len(u)
    return u[t - 1] + beta * sum(delta ** (tau - t) * u[tau - 1] for tau in range(t + 1, T + 1))


row(
    "quasi_hyperbolic_discounting",
    r"U^t(u_t, \ldots, u_T) = \delta^0 u_t + \beta \sum_{\tau = t+1}^{T} \delta^{\tau - t} u_\tau",
    r"u: vector[T]; \beta, \delta: scalar, unit; t: label[T]; \tau: index",
    {"u": u_qh, "beta": 0.7, "delta": 0.95, "t": 2},
    quasi_hyperbolic,
    wrt=r"\delta",
    key="delta",
    source="the (beta, delta) preferences of a present-biased agent at period t over the instantaneous utilities u_t, ..., u_T (O'Donoghue and Rabin, 1999, Doing It Now or Later, American Economic Review 89, Sec. I; Laibson, 1997, Golden Eggs and Hyperbolic Discounting, QJE 112)",
    note="u_tau the utility in period tau, the tau-th entry of u; t the current period (t = 2 here); delta^0 = 1 as written",
)
row(
    "signal_detection_d_prime",
    r"d' = z(H) - z(F)",
    r"H, F: scalar, unit; z: function",
    {"H": 0.8, "F": 0.2},
    lambda H, F: norm.ppf(H) - norm.ppf(F),
    wrt="H",
    source="the sensitivity of an observer in a yes-no task from the hit rate H and the false-alarm rate F (Macmillan and Creelman, 2005, Detection Theory: A User's Guide, 2nd ed., Ch. 1, Eq. 1.5)",
    note="z the inverse of the standard normal CDF, defined in words",
)
row(
    "signal_detection_criterion",
    r"c = -\frac{1}{2} \left[ \Phi^{-1}(H) + \Phi^{-1}(F) \right]",
    "H, F: scalar, unit",
    {"H": 0.8, "F": 0.35},
    lambda H, F: -0.5 * (norm.ppf(H) + norm.ppf(F)),
    wrt="F",
    source="the location of the criterion relative to the midpoint between the noise and signal distributions (Stanislaw and Todorov, 1999, Calculation of Signal Detection Theory Measures, Behavior Research Methods 31; Macmillan and Creelman, 2005, Ch. 2)",
    note="Phi^{-1} the standard normal quantile function",
)


def thurstone(mu, sigma, i, j):
    i, j = int(i) - 1, int(j) - 1
    # X_i - X_j ~ N(mu_i - mu_j, 2 sigma^2) for independent discriminal processes
    return norm.sf(0.0, loc=mu[i] - mu[j], scale=sigma * math.sqrt(2))


row(
    "thurstone_case_v",
    r"P_{ij} = \Phi\left( \frac{\mu_i - \mu_j}{\sigma \sqrt{2}} \right)",
    r"\mu: vector[n]; \sigma: scalar, positive; i, j: label[n]",
    {"mu": [0.3, 1.1, 0.6], "sigma": 0.8, "i": 2, "j": 3},
    thurstone,
    wrt=r"\mu",
    key="mu",
    source="Thurstone's Case V: the probability that stimulus i is judged greater than stimulus j when their discriminal processes are independent normals of equal variance sigma^2 (Thurstone, 1927, A Law of Comparative Judgment, Psychological Review 34)",
    note="Phi the standard normal CDF; references as P(X_i > X_j) of the difference of the two normals",
)
row(
    "luce_choice_rule",
    r"P_T(x) = \frac{v(x)}{\sum_{y \in T} v(y)}",
    "v: vector[n], positive; x: label[n]; y: index",
    {"v": [2.0, 0.5, 1.2, 3.1], "x": 3},
    lambda v, x: v[int(x) - 1] / sum(v[y] for y in range(len(v))),
    wrt="v",
    source="Luce's choice axiom: the probability of choosing x from the offered set T is its scale value over the sum of those of all the alternatives in T (Luce, 1959, Individual Choice Behavior: A Theoretical Analysis, Ch. 1)",
    note="T the set of offered alternatives, here all n of them; v(x) the scale value of alternative x, the x-th entry of v",
)


def cue_combination(S_hat, sigma):
    # the maximum-likelihood estimate of S from independent Gaussian cues S_hat_j ~ N(S, sigma_j^2):
    # the stationary point of sum_j -(S - S_hat_j)^2 / (2 sigma_j^2)
    a = sum(1 / sigma[j] ** 2 for j in range(len(sigma)))
    b = sum(S_hat[j] / sigma[j] ** 2 for j in range(len(sigma)))
    return b / a


row(
    "reliability_weighted_cue_combination",
    r"\hat{S} = \sum_{j} \frac{1/\sigma_j^2}{\sum_{i} 1/\sigma_i^2} \hat{S}_j",
    r"\hat{S}: vector[n]; \sigma: vector[n], positive; i, j: index",
    {"S_hat": [10.2, 11.0], "sigma": [0.8, 1.5]},
    cue_combination,
    wrt=r"\sigma",
    key="sigma",
    source="the maximum-likelihood combination of visual and haptic estimates S-hat_j, each weighted by its reliability 1 / sigma_j^2 (Ernst and Banks, 2002, Humans Integrate Visual and Haptic Information in a Statistically Optimal Fashion, Nature 415, Eqs. 1-2)",
    note="S-hat on the left the combined estimate, S-hat_j on the right the single-cue estimates (the entries of the vector S-hat), as the paper writes them",
)
row(
    "fitts_law",
    r"MT = a + b \log_2\left( \frac{2D}{W} \right)",
    "a, b, D, W: scalar, positive",
    {"a": 0.1, "b": 0.15, "D": 200.0, "W": 20.0},
    lambda a, b, D, W: a + b * math.log2(2 * D / W),
    wrt="W",
    source="Fitts's law: the movement time to a target of width W at distance D grows with the index of difficulty log2(2D / W) (Fitts, 1954, The Information Capacity of the Human Motor System in Controlling the Amplitude of Movement, J. Experimental Psychology 47)",
    note="MT the name of the value, the movement time in s",
)

if __name__ == "__main__":
    A.write()
