"""Computational neuroscience and biologically plausible learning: one Euler step of the leaky
integrate-and-fire neuron and its firing rate, Hebbian learning with subtractive normalization,
Oja's rule, the BCM objective, the STDP window and its sum over spike pairs, the log-likelihood of
a Poisson GLM of spiking and the Poisson spike-count distribution, Gaussian and cosine tuning
curves, the Fisher information of a population code, the energy of a modern Hopfield network,
divisive normalization and the Hodgkin-Huxley membrane current (NumPy/SciPy references from each
source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.integrate import quad
from scipy.special import gammaln

A = Area("neuro")
row = A.row

lif = {"E_L": -65.0, "R_m": 10.0, "I_e": 2.0, "tau_m": 10.0}


def lif_step(V_t, E_L, R_m, I_e, tau_m, Delta_t):
    dVdt = (E_L - V_t + R_m * I_e) / tau_m
    return V_t + Delta_t * dVdt


row(
    "lif_euler_step",
    r"V_{t+1} = V_t + \frac{\Delta t}{\tau_m} \left( E_L - V_t + R_m I_e \right)",
    r"V_t, E_L, I_e: scalar; R_m, \tau_m, \Delta_{t}: scalar, positive",
    {"V_t": -62.0, **lif, "Delta_t": 0.5},
    lif_step,
    wrt=r"\tau_{m}",
    key="tau_m",
    source="one forward Euler step of length Delta t of the leaky integrate-and-fire model tau_m dV/dt = E_L - V + R_m I_e (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 5.4, Eq. 5.8)",
    note="V in mV, tau_m and Delta t in ms; Delta t the step length, one name (declared as Delta_{t}); I_e the injected current (a number, not an identity matrix)",
)


def lif_rate(E_L, R_m, I_e, tau_m, V_reset, V_th):
    # the time to integrate tau_m dV/dt = E_L - V + R_m I_e from V_reset up to V_th
    V_inf = E_L + R_m * I_e
    t_isi = tau_m * (math.log(V_inf - V_reset) - math.log(V_inf - V_th))
    return 1.0 / t_isi


_t_quad = quad(lambda V: 10.0 / (-45.0 - V), -65.0, -50.0, epsabs=0, epsrel=1e-13)[0]
assert abs(1 / _t_quad - lif_rate(**lif, V_reset=-65.0, V_th=-50.0)) < 1e-12
row(
    "lif_interspike_rate",
    r"r_{\mathrm{isi}} = \left[ \tau_m \ln \left( \frac{R_m I_e + E_L - V_{\mathrm{reset}}}{R_m I_e + E_L - V_{\mathrm{th}}} \right) \right]^{-1}",
    r"E_L, I_e, V_{\mathrm{reset}}, V_{\mathrm{th}}: scalar; R_m, \tau_m: scalar, positive",
    {**lif, "V_reset": -65.0, "V_th": -50.0},
    lif_rate,
    wrt="I_{e}",
    key="I_e",
    source="the firing rate of the integrate-and-fire neuron under a constant current, the inverse of the time it takes the membrane potential to climb from V_reset to V_th (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 5.4, Eq. 5.11)",
    note="the rate in spikes per ms; R_m I_e + E_L > V_th here, so the neuron fires",
)
u_h = [0.8, 0.3, 1.1, 0.5]


def hebb_subtractive(v, u, n, N_u):
    N_u = int(N_u)
    nu = sum(n[b] * u[b] for b in range(N_u))
    return np.array([v * u[b] - v * nu * n[b] / N_u for b in range(N_u)])


row(
    "hebb_subtractive_normalization",
    r"\tau_w \frac{d\mathbf{w}}{dt} = v \mathbf{u} - \frac{v (\mathbf{n} \cdot \mathbf{u}) \mathbf{n}}{N_u}",
    r"\mathbf{u}, \mathbf{n}: vector[N_u]; v: scalar; \tau_w: scalar, positive; N_u: dim",
    {"v": 1.4, "u": u_h, "n": [1.0, 1.0, 1.0, 1.0], "N_u": 4},
    hebb_subtractive,
    source="the basic Hebb rule with subtractive normalization, which keeps the sum of the weights fixed (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 8.2, Eq. 8.14; Miller and MacKay, 1994)",
    note="n = (1, 1, ..., 1) the vector of N_u ones and v the postsynaptic rate; the value is the right side, tau_w times the rate of change of w",
)
row(
    "oja_rule",
    r"\Delta w_i = \eta V (\xi_i - V w_i)",
    r"\mathbf{w}, \boldsymbol{\xi}: vector[N]; V: scalar; \eta: scalar, positive",
    {"w": [0.4, -0.2, 0.7], "xi": [0.9, -0.5, 0.3], "V": 0.67, "eta": 0.05},
    lambda w, xi, V, eta: np.array([eta * V * (xi[i] - V * w[i]) for i in range(len(w))]),
    source="Oja's rule for a linear unit with output V = sum_j w_j xi_j, Hebbian learning with a decay that keeps |w| near 1 (Hertz, Krogh and Palmer, 1991, Introduction to the Theory of Neural Computation, Sec. 8.2; Oja, 1982, A Simplified Neuron Model as a Principal Component Analyzer, J. Math. Biology 15)",
    note="V the output of the unit, given; the value is the vector of the changes Delta w_i, i = 1..N",
)
D_bcm = rnd(9000, 6, 3, lo=-1.0, hi=1.0)


def bcm_objective(m, d):
    N = len(d)
    c = [sum(m[k] * d[i, k] for k in range(len(m))) for i in range(N)]
    return sum(ci**3 for ci in c) / (3 * N) - (sum(ci**2 for ci in c) / N) ** 2 / 4


row(
    "bcm_projection_pursuit_objective",
    r"\hat{R}(\mathbf{m}) = \frac{1}{3} \frac{1}{N} \sum_{i=1}^{N} (\mathbf{m} \cdot \mathbf{d}_i)^3 - \frac{1}{4} \left( \frac{1}{N} \sum_{i=1}^{N} (\mathbf{m} \cdot \mathbf{d}_i)^2 \right)^2",
    r"\mathbf{m}: vector[n]; d: matrix[N, n]; \mathbf{d}_i: row[d]; N: dim; i: index",
    {"m": [0.6, -0.4, 0.9], "d": D_bcm, "N": 6},
    lambda m, d, N: bcm_objective(m, d),
    wrt="m",
    source="the objective whose gradient ascent is the BCM rule with the sliding threshold theta_M = E[c^2], (1/3) E[c^3] - (1/4) E^2[c^2] with c = m . d, here with the expectations taken over N inputs (Intrator and Cooper, 1992, Objective Function Formulation of the BCM Theory of Visual Cortical Plasticity, Neural Networks 5, Sec. 3)",
    note="d_i the i-th input pattern, the rows of d; the expectations of the paper are sample means over the N patterns",
)
stdp = {"A_plus": 0.005, "A_minus": 0.00525, "tau_plus": 20.0, "tau_minus": 20.0}


def stdp_window(Delta_t, A_plus, A_minus, tau_plus, tau_minus):
    if Delta_t < 0:
        return A_plus * math.exp(Delta_t / tau_plus)
    return -A_minus * math.exp(-Delta_t / tau_minus)


row(
    "stdp_window",
    r"F(\Delta t) = \begin{cases} A_+ \exp(\Delta t / \tau_+) & \text{if } \Delta t < 0 \\ -A_- \exp(-\Delta t / \tau_-) & \text{if } \Delta t \ge 0 \end{cases}",
    r"\Delta_{t}: scalar; A_+, A_-, \tau_+, \tau_-: scalar, positive",
    {"Delta_t": -8.0, **stdp},
    stdp_window,
    wrt=r"\Delta_{t}",
    key="Delta_t",
    source="the exponential window of spike-timing-dependent plasticity, the fractional change of a synapse for a presynaptic spike Delta t = t_pre - t_post before (potentiation) or after (depression) the postsynaptic one (Song, Miller and Abbott, 2000, Competitive Hebbian Learning Through Spike-Timing-Dependent Synaptic Plasticity, Nature Neuroscience 3, Methods)",
    note="Delta t = t_pre - t_post in ms, one name (declared as Delta_{t}); A_- slightly above A_+ as in the paper",
)
t_post = [12.0, 31.0, 55.0]
t_pre = [5.0, 27.5, 61.0]


def stdp_pairs(t_i, t_j, A_plus, A_minus, tau_plus, tau_minus):
    def W(x):  # x = t_post - t_pre
        return A_plus * math.exp(-x / tau_plus) if x > 0 else -A_minus * math.exp(x / tau_minus)

    return sum(W(t_i[n] - t_j[f]) for f in range(len(t_j)) for n in range(len(t_i)))


row(
    "stdp_all_pairs_weight_change",
    r"\Delta w_j = \sum_{f=1}^{N} \sum_{n=1}^{N} W\left( t_i^n - t_j^f \right)",
    r"t_i, t_j: vector[N]; W: function; A_+, A_-, \tau_+, \tau_-: scalar, positive; f, n: index",
    {"t_i": t_post, "t_j": t_pre, **stdp},
    stdp_pairs,
    wrt="t_{j}",
    key="t_j",
    source="the change of the weight from presynaptic neuron j to postsynaptic neuron i summed over all pairs of their spikes, the f-th of j at t_j^f and the n-th of i at t_i^n (Gerstner and Kistler, 2002, Spiking Neuron Models, Sec. 10.1, Eq. 10.1)",
    note="W the learning window, defined in words: W(x) = A_+ exp(-x / tau_+) for x > 0 and -A_- exp(x / tau_-) for x < 0; t_i^n and t_j^f the n-th and f-th entries of the spike times t_i and t_j (superscripts count spikes); no two spikes coincide",
)
X_glm = rnd(9001, 6, 3, lo=-1.0, hi=1.0)
r_glm = [0.0, 1.0, 0.0, 2.0, 1.0, 0.0]


def glm_loglik(r, X, k, b, Delta):
    T, d = X.shape
    out = 0.0
    for t in range(T):
        eta = sum(k[c] * X[t, c] for c in range(d)) + b
        lam = math.exp(eta)
        out += r[t] * math.log(lam) - Delta * lam
    return out


row(
    "poisson_glm_spike_train_loglik",
    r"\log p(\mathbf{r} \mid \mathbf{k}, b) = \sum_{t=1}^{T} r_t \left( \mathbf{k}^\top \mathbf{x}_t + b \right) - \Delta \sum_{t=1}^{T} \exp\left( \mathbf{k}^\top \mathbf{x}_t + b \right)",
    r"\mathbf{r}: vector[T]; X: matrix[T, d]; \mathbf{x}_t: row[X]; \mathbf{k}: vector[d]; b: scalar; \Delta: scalar, positive; t: index",
    {"r": r_glm, "X": X_glm, "k": [0.8, -0.5, 0.3], "b": 0.2, "Delta": 0.5},
    glm_loglik,
    wrt="k",
    source="the log-likelihood of a spike train under a Poisson GLM with conditional intensity lambda_t = exp(k . x_t + b), sum_t r_t log lambda_t - Delta sum_t lambda_t up to a constant (Pillow et al., 2008, Spatio-temporal Correlations and Visual Signalling in a Complete Neuronal Population, Nature 454, Methods; Paninski, 2004, Network 15)",
    note="r_t the spike count in bin t of width Delta, x_t the stimulus in that bin (the rows of X); the spike-history and coupling filters of the paper are left out; log lambda_t written out",
)


def poisson_count(r, T, n):
    # the Poisson probability, written through the log-gamma function
    return math.exp(n * math.log(r * T) - gammaln(n + 1) - r * T)


row(
    "poisson_spike_count_probability",
    r"P_T[n] = \frac{(rT)^n}{n!} \exp(-rT)",
    "r, T: scalar, positive; n: scalar, integer, nonnegative",
    {"r": 20.0, "T": 0.1, "n": 3},
    poisson_count,
    wrt="r",
    source="the probability that a homogeneous Poisson process with rate r produces n spikes in an interval of length T (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 1.4, Eq. 1.29)",
    note="P_T[n] the name of the probability (the square brackets hold the count, not an entry); r in Hz and T in s",
)


def gauss_tuning(s, r_max, s_max, sigma_f):
    return r_max * math.exp(-0.5 * ((s - s_max) / sigma_f) ** 2)


row(
    "gaussian_tuning_curve",
    r"f(s) = r_{\max} \exp\left( -\frac{1}{2} \left( \frac{s - s_{\max}}{\sigma_f} \right)^2 \right)",
    r"s, s_{\max}: scalar; r_{\max}, \sigma_f: scalar, positive",
    {"s": 12.0, "r_max": 52.0, "s_max": 0.0, "sigma_f": 14.0},
    gauss_tuning,
    wrt=r"\sigma_{f}",
    key="sigma_f",
    source="the Gaussian tuning curve of a V1 neuron's firing rate to the orientation s of a bar, peaking at s_max (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 1.3, Eq. 1.14)",
    note="s and s_max in degrees, r_max in Hz",
)
row(
    "cosine_tuning_curve",
    r"f(s) = r_0 + (r_{\max} - r_0) \cos(s - s_{\max})",
    r"s, s_{\max}, r_0: scalar; r_{\max}: scalar, positive",
    {"s": 1.1, "s_max": 0.4, "r_0": 32.34, "r_max": 54.69},
    lambda s, s_max, r_0, r_max: r_0 + (r_max - r_0) * math.cos(s - s_max),
    wrt="s",
    source="the cosine tuning curve of an M1 neuron to the direction s of arm movement (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 1.3, Eq. 1.15; Georgopoulos, Schwartz and Kettner, 1986, Science 233)",
    note="angles in radians; the book's fitted r_0 and r_max",
)
s_pref = [-30.0, -15.0, 0.0, 15.0, 30.0]


def fisher_population(s, s_a, r_max, sigma_r, T):
    out = 0.0
    for a in range(len(s_a)):
        f = r_max * math.exp(-0.5 * ((s - s_a[a]) / sigma_r) ** 2)
        fprime = -(s - s_a[a]) / sigma_r**2 * f
        out += T * fprime**2 / f  # Poisson spiking: I_F = T sum_a f_a'^2 / f_a
    return out


row(
    "population_code_fisher_information",
    r"I_F(s) = T \sum_{a=1}^{N} \frac{r_{\max} (s - s_a)^2}{\sigma_r^4} \exp\left( -\frac{1}{2} \left( \frac{s - s_a}{\sigma_r} \right)^2 \right)",
    r"s: scalar; s_a: vector[N]; r_{\max}, \sigma_r, T: scalar, positive; a: index",
    {"s": 7.0, "s_a": s_pref, "r_max": 50.0, "sigma_r": 12.0, "T": 0.5},
    fisher_population,
    wrt="s",
    source="the Fisher information about a stimulus s carried by N independent Poisson neurons with Gaussian tuning curves of common width sigma_r centred at s_a, T sum_a f_a'(s)^2 / f_a(s) written out (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 3.3, Eqs. 3.42-3.43)",
    note="s_a the preferred stimulus of neuron a, the a-th entry of a vector also named s_a, beside the scalar stimulus s (the book's notation); the computation goes through f_a and f_a', the definition",
)
X_hop = rnd(9002, 3, 4, lo=-1.0, hi=1.0)


def hopfield_energy(X, xi, beta, M, N):
    d, n = X.shape
    z = [beta * sum(X[c, i] * xi[c] for c in range(d)) for i in range(n)]
    top = max(z)
    lse = (top + math.log(sum(math.exp(v - top) for v in z))) / beta
    return -lse + 0.5 * sum(v * v for v in xi) + math.log(N) / beta + 0.5 * M**2


row(
    "modern_hopfield_energy",
    r"E = -\mathrm{lse}(\beta, \mathbf{X}^T \boldsymbol{\xi}) + \frac{1}{2} \boldsymbol{\xi}^T \boldsymbol{\xi} + \beta^{-1} \log N + \frac{1}{2} M^2",
    r"\mathbf{X}: matrix[d, N]; \boldsymbol{\xi}: vector[d]; \beta, M: scalar, positive; N: dim; \mathrm{lse}: function",
    {
        "X": X_hop,
        "xi": [0.3, -0.6, 0.2],
        "beta": 2.0,
        "M": round(float(np.linalg.norm(X_hop, axis=0).max()), 6),
        "N": 4,
    },
    hopfield_energy,
    wrt=r"\xi",
    key="xi",
    source="the energy of the modern continuous Hopfield network with stored patterns X = (x_1, ..., x_N) and state xi, whose update rule is the attention softmax (Ramsauer et al., 2021, Hopfield Networks is All You Need, ICLR, Eq. 2)",
    note="lse the log-sum-exp defined in words by the paper, lse(beta, z) = beta^{-1} log sum_i exp(beta z_i); M the largest norm of a pattern, given",
)
D_dn = [3.0, 8.0, 1.5, 5.0]


def divisive(D, gamma, sigma, n, j):
    j = int(j) - 1
    return gamma * D[j] ** n / (sigma**n + sum(D[k] ** n for k in range(len(D))))


row(
    "divisive_normalization",
    r"R_j = \gamma \frac{D_j^n}{\sigma^n + \sum_k D_k^n}",
    r"D: vector[N], positive; \gamma, \sigma, n: scalar, positive; j: label[N]; k: index",
    {"D": D_dn, "gamma": 40.0, "sigma": 2.5, "n": 2.0, "j": 2},
    divisive,
    wrt="D",
    source="the normalization model: the response of neuron j is its driving input D_j raised to n, divided by a constant plus the summed drive of the normalization pool (Carandini and Heeger, 2012, Normalization as a Canonical Neural Computation, Nature Reviews Neuroscience 13, Eq. 1)",
    note="the pool is the N neurons of D; j the neuron whose response is computed (counted from 1)",
)
hh = {
    "g_bar_L": 0.003,
    "g_bar_K": 0.36,
    "g_bar_Na": 1.2,
    "E_L": -54.387,
    "E_K": -77.0,
    "E_Na": 50.0,
}


def hh_current(V, n, m, h, g_bar_L, g_bar_K, g_bar_Na, E_L, E_K, E_Na):
    leak = g_bar_L * (V - E_L)
    potassium = g_bar_K * n**4 * (V - E_K)
    sodium = g_bar_Na * m**3 * h * (V - E_Na)
    return leak + potassium + sodium


row(
    "hodgkin_huxley_membrane_current",
    r"i_m = \bar{g}_L (V - E_L) + \bar{g}_K n^4 (V - E_K) + \bar{g}_{\mathrm{Na}} m^3 h (V - E_{\mathrm{Na}})",
    r"V, E_L, E_K, E_{\mathrm{Na}}: scalar; \bar{g}_L, \bar{g}_K, \bar{g}_{\mathrm{Na}}: scalar, positive; n, m, h: scalar, unit",
    {"V": -60.0, "n": 0.35, "m": 0.08, "h": 0.55, **hh},
    hh_current,
    wrt="V",
    source="the membrane current per unit area of the Hodgkin-Huxley model, leak plus the delayed-rectifier potassium and transient sodium currents with gating variables n, m and h (Dayan and Abbott, 2001, Theoretical Neuroscience, Sec. 5.6, Eq. 5.25; Hodgkin and Huxley, 1952)",
    note="conductances in mS/mm^2 and potentials in mV, the book's values; n, m and h the gating variables (numbers, not sizes)",
)

if __name__ == "__main__":
    A.write()
