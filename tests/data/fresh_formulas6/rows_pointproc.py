"""Temporal point processes: the Hawkes process with an exponential kernel (conditional intensity,
compensator, log-likelihood, Ozaki's recursion term, branching ratio, the multivariate intensity
with marks, Ogata's thinning acceptance), the log-linear Poisson likelihood, the time-rescaling
transform, the self-correcting process, RMTPP's intensity and density, the Transformer Hawkes
process's softplus intensity, and the intensity-free mixture-of-lognormals density and mean
(NumPy/SciPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, simplex
from scipy.integrate import quad

A = Area("pointproc")
row = A.row

t_ev = [0.4, 1.1, 1.5, 2.7, 3.3]


def hawkes_at(t, s, mu, alpha, beta):
    return mu + sum(alpha * math.exp(-beta * (s - ti)) for ti in t if ti < s)


row(
    "hawkes_exponential_intensity",
    r"\lambda^*(T) = \mu + \sum_{t_i < T} \alpha e^{-\beta (T - t_i)}",
    r"t: vector[n]; T, \mu, \alpha, \beta: scalar, positive",
    {"t": t_ev, "T": 4.0, "mu": 0.5, "alpha": 0.8, "beta": 1.2},
    lambda t, T, mu, alpha, beta: hawkes_at(t, T, mu, alpha, beta),
    wrt=r"\beta",
    key="beta",
    source="conditional intensity of a Hawkes process with an exponentially decaying kernel, at the end T of the observation window (Hawkes, 1971, Spectra of Some Self-Exciting and Mutually Exciting Point Processes; Laub, Taimre and Pollett, 2015, Hawkes Processes, Eq. 2)",
    note="the sum runs over the event times t_i before T, the entries of t",
)


def hawkes_loglik(t, T, mu, alpha, beta):
    n = len(t)
    first = sum(
        math.log(mu + sum(alpha * math.exp(-beta * (t[i] - t[j])) for j in range(i)))
        for i in range(n)
    )
    return first - mu * T - alpha / beta * sum(1 - math.exp(-beta * (T - t[i])) for i in range(n))


row(
    "hawkes_log_likelihood",
    r"\log L = \sum_{i=1}^{n} \log\left( \mu + \sum_{j=1}^{i-1} \alpha e^{-\beta (t_i - t_j)} \right) - \mu T - \frac{\alpha}{\beta} \sum_{i=1}^{n} \left( 1 - e^{-\beta (T - t_i)} \right)",
    r"t: vector[n]; T, \mu, \alpha, \beta: scalar, positive; i, j: index",
    {"t": t_ev, "T": 4.0, "mu": 0.5, "alpha": 0.8, "beta": 1.2},
    hawkes_loglik,
    wrt=r"\beta",
    key="beta",
    source="log-likelihood of the exponential Hawkes process observed on [0, T], the log-intensities at the events minus the compensator (Ozaki, 1979, Maximum Likelihood Estimation of Hawkes' Self-Exciting Point Processes, Sec. 2; Laub, Taimre and Pollett, 2015, Sec. 3)",
    note="t_1 < ... < t_n the event times in [0, T]",
)


def compensator(t, T, mu, alpha, beta):
    return mu * T + alpha / beta * sum(1 - math.exp(-beta * (T - ti)) for ti in t)


row(
    "hawkes_compensator",
    r"\Lambda(T) = \mu T + \frac{\alpha}{\beta} \sum_{i=1}^{n} \left( 1 - e^{-\beta (T - t_i)} \right)",
    r"t: vector[n]; T, \mu, \alpha, \beta: scalar, positive; i: index",
    {"t": t_ev, "T": 4.0, "mu": 0.5, "alpha": 0.8, "beta": 1.2},
    compensator,
    wrt="T",
    source="the compensator of the exponential Hawkes process on [0, T] in closed form (Laub, Taimre and Pollett, 2015, Sec. 3; Ozaki, 1979)",
    note="Lambda(T) = int_0^T lambda*(u) du with lambda*(u) = mu + sum_{t_i < u} alpha e^{-beta (u - t_i)}",
)
row(
    "hawkes_ozaki_recursion_term",
    r"A(i) = \sum_{j=1}^{i-1} e^{-\beta (t_i - t_j)}",
    r"t: vector[n]; \beta: scalar, positive; i, j: index",
    {"t": t_ev, "beta": 1.2},
    lambda t, beta: np.array(
        [sum(math.exp(-beta * (t[i] - t[j])) for j in range(i)) for i in range(len(t))]
    ),
    source="the term of the log-likelihood that Ozaki's recursion A(i) = e^{-beta (t_i - t_{i-1})} (1 + A(i - 1)) computes in linear time (Ozaki, 1979, Sec. 3; Laub, Taimre and Pollett, 2015, Sec. 3)",
    note="A(1) = 0, an empty sum; the result is the vector over i",
)
row(
    "hawkes_branching_ratio",
    r"n^* = \int_0^\infty \alpha e^{-\beta t} \, dt",
    r"\alpha, \beta: scalar, positive",
    {"alpha": 0.8, "beta": 1.2},
    lambda alpha, beta: quad(lambda u: alpha * math.exp(-beta * u), 0, math.inf)[0],
    wrt=r"\beta",
    key="beta",
    source="the branching ratio, the expected number of events triggered directly by one event, the integral of the excitation kernel (Laub, Taimre and Pollett, 2015, Sec. 2; Hawkes and Oakes, 1974)",
)
tm = [0.3, 0.9, 1.6, 2.2]
km = [1, 2, 2, 1]
al_m = [[0.4, 0.2], [0.1, 0.5]]


def mv_hawkes(t, kappa, mu, alpha, beta, s):
    K = len(mu)
    return np.array(
        [
            mu[a]
            + sum(
                alpha[a, int(kappa[i]) - 1] * math.exp(-beta * (s - t[i]))
                for i in range(len(t))
                if t[i] < s
            )
            for a in range(K)
        ]
    )


row(
    "multivariate_hawkes_intensity",
    r"\lambda_k(s) = \mu_k + \sum_{i : t_i < s} \alpha_{k \kappa_i} e^{-\beta (s - t_i)}",
    r"t: vector[n]; \kappa: labels[n, K]; \mu: vector[K]; \alpha: matrix[K, K]; \beta, s: scalar, positive; k: index",
    {"t": tm, "kappa": km, "mu": [0.2, 0.3], "alpha": al_m, "beta": 1.0, "s": 2.5},
    mv_hawkes,
    source="intensities of a multivariate (marked) Hawkes process, alpha_{k k'} the excitation of type k by an event of type k' (Hawkes, 1971; Bacry, Mastromatteo and Muzy, 2015, Hawkes Processes in Finance, Sec. 2.2)",
    note="event i at time t_i has type kappa_i, counted from 1; the sum runs over the events before s; the result is the vector of the K intensities at time s",
)


def loglinear(t, a, b, T):
    return sum(a + b * ti for ti in t) - quad(lambda u: math.exp(a + b * u), 0, T)[0]


row(
    "loglinear_poisson_log_likelihood",
    r"\sum_{i=1}^{n} (a + b t_i) - \int_0^T e^{a + b u} \, du",
    "t: vector[n]; a, b: scalar; T: scalar, positive; i: index",
    {"t": t_ev, "a": 0.1, "b": 0.2, "T": 4.0},
    loglinear,
    wrt="b",
    source="log-likelihood sum_i log lambda(t_i) - int_0^T lambda(u) du of a nonhomogeneous Poisson process with the log-linear rate lambda(t) = e^{a + b t} (Cox and Lewis, 1966, The Statistical Analysis of Series of Events, Ch. 3; Daley and Vere-Jones, 2003, Sec. 7.1)",
)
t_ks = [0.0, 0.4, 1.1, 1.5, 2.7, 3.3]


def ks(t, a, b):
    n = len(t) - 1
    return np.array(
        [
            1 - math.exp(-quad(lambda u: math.exp(a + b * u), t[k - 1], t[k])[0])
            for k in range(1, n + 1)
        ]
    )


row(
    "time_rescaling_transform",
    r"z_k = 1 - \exp\left( -\int_{t_{k-1}}^{t_k} e^{a + b u} \, du \right)",
    "t: vector[n+1]; a, b: scalar; k: index",
    {"t": t_ks, "a": 0.1, "b": 0.2},
    ks,
    source="time-rescaled interevent intervals mapped to uniforms on [0, 1] for a Kolmogorov-Smirnov goodness-of-fit test (Brown, Barbieri, Ventura, Kass and Frank, 2002, The Time-Rescaling Theorem and Its Application to Neural Spike Train Data Analysis, Sec. 2.2), for the log-linear rate e^{a + b u}",
    note="t_0 = 0 and the event times t_1, ..., t_n, the entries of t counted from 0; the result is the vector over k = 1, ..., n",
)
row(
    "self_correcting_intensity",
    r"\lambda^*(T) = \exp\left( \mu T - \sum_{t_i < T} \alpha \right)",
    r"t: vector[n]; T, \mu, \alpha: scalar, positive",
    {"t": t_ev, "T": 4.0, "mu": 1.0, "alpha": 0.7},
    lambda t, T, mu, alpha: math.exp(mu * T - sum(alpha for ti in t if ti < T)),
    wrt=r"\mu",
    key="mu",
    source="conditional intensity of the self-correcting (stress-release) process, which drops by a factor e^{-alpha} at each event (Isham and Westcott, 1979, A Self-Correcting Point Process; Du et al., 2016, Recurrent Marked Temporal Point Processes, Sec. 6.1)",
    note="the sum runs over the event times t_i before T, the entries of t",
)
v_rm = rnd(6500, 4)
h_rm = rnd(6501, 4)
row(
    "rmtpp_intensity",
    r"\lambda^*(t) = \exp\left( \mathbf{v}^\top \mathbf{h}_j + w (t - t_j) + b \right)",
    "v, h_j: vector[H]; w, t, t_j, b: scalar",
    {"v": v_rm, "h_j": h_rm, "w": 0.5, "t": 2.3, "t_j": 1.5, "b": -0.2},
    lambda v, h_j, w, t, t_j, b: math.exp(float(v @ h_j) + w * (t - t_j) + b),
    wrt="h_j",
    source="RMTPP's conditional intensity after the j-th event, h_j the RNN's hidden state (Du, Dai, Trivedi, Upadhyay, Gomez-Rodriguez and Song, 2016, Recurrent Marked Temporal Point Processes, Eq. 11)",
    note="the paper writes v^t, w^t, b^t (the superscript naming the timing head); written v, w, b",
)


def rmtpp_density(v, h_j, w, t, t_j, b):
    past = float(v @ h_j)
    return math.exp(
        past + w * (t - t_j) + b + math.exp(past + b) / w - math.exp(past + w * (t - t_j) + b) / w
    )


row(
    "rmtpp_density",
    r"f^*(t) = \exp\left\{ \mathbf{v}^\top \mathbf{h}_j + w (t - t_j) + b + \frac{1}{w} \exp(\mathbf{v}^\top \mathbf{h}_j + b) - \frac{1}{w} \exp\left(\mathbf{v}^\top \mathbf{h}_j + w (t - t_j) + b\right) \right\}",
    "v, h_j: vector[H]; w, t, t_j, b: scalar",
    {"v": v_rm, "h_j": h_rm, "w": 0.5, "t": 2.3, "t_j": 1.5, "b": -0.2},
    rmtpp_density,
    wrt="w",
    source="RMTPP's density of the next event time, lambda*(t) exp(-int_{t_j}^t lambda*(u) du) in closed form (Du et al., 2016, Eq. 12)",
    note="the paper writes v^t, w^t, b^t; written v, w, b",
)
w_ln = simplex(6502, 3)
mu_ln = rnd(6503, 3, lo=-1.0, hi=1.0)
s_ln = rnd(6504, 3, lo=0.3, hi=1.2)


def lognormal_mix(tau, w, mu, s):
    return math.log(
        sum(
            w[k]
            / (tau * s[k] * math.sqrt(2 * math.pi))
            * math.exp(-((math.log(tau) - mu[k]) ** 2) / (2 * s[k] ** 2))
            for k in range(len(w))
        )
    )


row(
    "lognormal_mixture_log_density",
    r"\log p(\tau \mid \mathbf{w}, \boldsymbol{\mu}, \mathbf{s}) = \log \sum_{k=1}^{K} \frac{w_k}{\tau s_k \sqrt{2\pi}} \exp\left( -\frac{(\log \tau - \mu_k)^2}{2 s_k^2} \right)",
    r"\tau: scalar, positive; w: simplex[K]; \mu: vector[K]; s: vector[K]; k: index",
    {"tau": 0.8, "w": w_ln, "mu": mu_ln, "s": s_ln},
    lognormal_mix,
    wrt=r"\mu",
    key="mu",
    source="log-density of the next inter-event time under the intensity-free mixture of log-normal distributions (Shchur, Bilos and Gunnemann, 2020, Intensity-Free Learning of Temporal Point Processes, Eq. 5)",
)
row(
    "lognormal_mixture_mean",
    r"\mathbb{E}_{p(\tau)}[\tau] = \sum_{k=1}^{K} w_k \exp\left( \mu_k + \frac{s_k^2}{2} \right)",
    r"w: simplex[K]; \mu, s: vector[K]; k: index",
    {"w": w_ln, "mu": mu_ln, "s": s_ln},
    lambda w, mu, s: float(sum(w[k] * math.exp(mu[k] + s[k] ** 2 / 2) for k in range(len(w)))),
    wrt="s",
    source="the expected inter-event time under the mixture of log-normals, in closed form (Shchur, Bilos and Gunnemann, 2020, Sec. 3.2)",
    note="the left side names the mean of the mixture density; its value is the closed form on the right",
)
w_th = rnd(6505, 4)
h_th = rnd(6506, 4)


def thp(alpha_k, t, t_j, w_k, h, b_k, beta_k):
    x = alpha_k * (t - t_j) / t_j + float(w_k @ h) + b_k
    return beta_k * math.log(1 + math.exp(x / beta_k))


row(
    "thp_softplus_intensity",
    r"\lambda_k(t) = \beta_k \log\left( 1 + \exp\left( \frac{\alpha_k \frac{t - t_j}{t_j} + \mathbf{w}_k^\top \mathbf{h}(t_j) + b_k}{\beta_k} \right) \right)",
    r"\alpha_k, t, t_j, b_k: scalar; \beta_k: scalar, positive; w_k, h: vector[d]",
    {
        "alpha_k": -0.4,
        "t": 2.3,
        "t_j": 1.5,
        "w_k": w_th,
        "h": h_th,
        "b_k": 0.1,
        "beta_k": 0.8,
    },
    thp,
    wrt="w_k",
    source="the Transformer Hawkes process's intensity of event type k between t_j and t_{j+1}, the softplus f_k(x) = beta_k log(1 + exp(x / beta_k)) written out (Zuo, Mei, Mei, Xu and Zha, 2020, Transformer Hawkes Process, Eq. 6)",
    note="h(t_j) the hidden state of the last event t_j, declared as the vector h",
)
row(
    "ogata_thinning_acceptance",
    r"\frac{\mu + \sum_{t_i < s} \alpha e^{-\beta (s - t_i)}}{\bar{\lambda}}",
    r"t: vector[n]; s, \mu, \alpha, \beta, \bar{\lambda}: scalar, positive",
    {"t": t_ev, "s": 2.1, "mu": 0.5, "alpha": 0.8, "beta": 1.2, "lambda_bar": 2.0},
    lambda t, s, mu, alpha, beta, lambda_bar: hawkes_at(t, s, mu, alpha, beta) / lambda_bar,
    wrt="s",
    source="the probability lambda*(s) / lambda-bar of accepting a candidate time s drawn from the dominating rate lambda-bar in Ogata's thinning (Ogata, 1981, On Lewis' Simulation Method for Point Processes, Algorithm 2)",
    note="the sum runs over the accepted event times t_i before s, the entries of t",
)

if __name__ == "__main__":
    A.write()
