"""Dynamical systems and epidemic models: the SIR infected compartment and one Euler step of it,
the exposed compartment of SEIR and its basic reproduction number, R_0 as the spectral radius of
the next-generation matrix, the logistic growth solution, the Lotka-Volterra predator equation and
first integral, the Kuramoto model's phase velocities and order parameter, one RK4 step of the
linear test equation, a Stormer-Verlet step of the pendulum, the damped oscillator's solution and
the oscillator's energy, and the Lyapunov exponent of the logistic map (NumPy references from each
source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("dynamics")
row = A.row

row(
    "sir_infected_rate",
    r"\frac{dI}{dt} = \frac{\beta I S}{N} - \gamma I",
    r"S, I: scalar, nonnegative; N, \beta, \gamma: scalar, positive",
    {"S": 950.0, "I": 40.0, "N": 1000.0, "beta": 0.3, "gamma": 0.1},
    lambda S, I, N, beta, gamma: beta * I * S / N - gamma * I,  # noqa: E741
    wrt=r"\beta",
    key="beta",
    source="the rate of change of the infected compartment of the Kermack-McKendrick SIR model with mass-action incidence beta I S / N and recovery rate gamma (Hethcote, 2000, The Mathematics of Infectious Diseases, SIAM Review 42, Sec. 2; Kermack and McKendrick, 1927)",
    note="S, I and N the numbers of susceptible, infected and all individuals (I a number here, not the identity)",
)
row(
    "sir_forward_euler_step",
    r"I_{t+1} = I_t + \Delta t \left( \frac{\beta S_t I_t}{N} - \gamma I_t \right)",
    r"S_t, I_t: scalar, nonnegative; N, \beta, \gamma, \Delta_{t}: scalar, positive",
    {"S_t": 950.0, "I_t": 40.0, "N": 1000.0, "beta": 0.3, "gamma": 0.1, "Delta_t": 0.5},
    lambda S_t, I_t, N, beta, gamma, Delta_t: I_t + Delta_t * (beta * S_t * I_t / N - gamma * I_t),
    wrt=r"\gamma",
    key="gamma",
    source="one forward Euler step of length Delta t of the infected compartment of the SIR model (Keeling and Rohani, 2008, Modeling Infectious Diseases in Humans and Animals, Sec. 2.1, integrated by Euler's method)",
    note="Delta t the step length, one name (declared as Delta_{t}, the table's spelling of the increment)",
)
row(
    "seir_exposed_rate",
    r"\frac{dE}{dt} = \beta S I - (\mu + \sigma) E",
    r"S, I, E: scalar, nonnegative; \beta, \mu, \sigma: scalar, positive",
    {"S": 0.9, "I": 0.02, "E": 0.03, "beta": 0.5, "mu": 0.0002, "sigma": 0.2},
    lambda S, I, E, beta, mu, sigma: beta * S * I - (mu + sigma) * E,  # noqa: E741
    wrt=r"\sigma",
    key="sigma",
    source="the exposed (infected but not yet infectious) class of the SEIR model with births and deaths at rate mu and the latent period 1 / sigma, in proportions of the population (Keeling and Rohani, 2008, Modeling Infectious Diseases in Humans and Animals, Sec. 2.5)",
    note="E the exposed proportion (a number, not an expectation)",
)
row(
    "seir_basic_reproduction_number",
    r"R_0 = \frac{\beta \sigma}{(\mu + \sigma)(\mu + \gamma)}",
    r"\beta, \sigma, \mu, \gamma: scalar, positive",
    {"beta": 0.5, "sigma": 0.2, "mu": 0.02, "gamma": 0.1},
    lambda beta, sigma, mu, gamma: beta * sigma / ((mu + sigma) * (mu + gamma)),
    wrt=r"\mu",
    key="mu",
    source="the basic reproduction number of the SEIR model with demography, the transmission rate times the probability of surviving the latent period times the infectious period (Keeling and Rohani, 2008, Sec. 2.5)",
)
F_ng = np.array([[0.0, 0.5], [0.0, 0.0]])
V_ng = np.array([[0.22, 0.0], [-0.2, 0.12]])
F_ng = F_ng + np.array([[0.01, 0.0], [0.02, 0.01]])


def spectral_radius_fv(F, V):
    return float(np.max(np.abs(np.linalg.eigvals(F @ np.linalg.inv(V)))))


row(
    "next_generation_matrix_r0",
    r"\mathcal{R}_0 = \rho(F V^{-1})",
    "F, V: matrix[n, n]",
    {"F": F_ng.tolist(), "V": V_ng.tolist()},
    spectral_radius_fv,
    wrt="F",
    source="the basic reproduction number as the spectral radius of the next-generation matrix F V^{-1}, F the rates of new infections and V the transitions between the infected compartments (van den Driessche and Watmough, 2002, Reproduction Numbers and Sub-threshold Endemic Equilibria for Compartmental Models of Disease Transmission, Mathematical Biosciences 180, Sec. 3, Theorem 2)",
    note="rho the spectral radius (the largest modulus of an eigenvalue), not a scalar named rho; the dominant eigenvalue is real and simple here",
)


def logistic(N_0, K, r, t):
    return K * N_0 * math.exp(r * t) / (K + N_0 * (math.exp(r * t) - 1))


row(
    "logistic_growth_solution",
    r"N(t) = \frac{N_0 K e^{r t}}{K + N_0 \left( e^{r t} - 1 \right)}",
    "N_0, K, r, t: scalar, positive",
    {"N_0": 10.0, "K": 500.0, "r": 0.4, "t": 6.0},
    logistic,
    wrt="r",
    source="the solution of Verhulst's logistic equation dN/dt = r N (1 - N / K) from N(0) = N_0 (Murray, 2002, Mathematical Biology I: An Introduction, 3rd ed., Sec. 1.1; Verhulst, 1838)",
)
row(
    "lotka_volterra_predator",
    r"\frac{dP}{dt} = P (c N - d)",
    "P, N, c, d: scalar, positive",
    {"P": 3.0, "N": 12.0, "c": 0.05, "d": 0.4},
    lambda P, N, c, d: P * (c * N - d),
    wrt="c",
    source="the predator equation of the Lotka-Volterra model, predators P growing in proportion to the prey N they meet and dying at rate d (Murray, 2002, Mathematical Biology I, Sec. 3.1, Eq. 3.1; Lotka, 1925; Volterra, 1926)",
)
row(
    "lotka_volterra_first_integral",
    r"H = \alpha u + v - \ln u^{\alpha} v",
    r"u, v, \alpha: scalar, positive",
    {"u": 1.3, "v": 0.7, "alpha": 0.8},
    lambda u, v, alpha: alpha * u + v - math.log(u**alpha * v),
    wrt="u",
    source="the constant of motion of the nondimensionalized Lotka-Volterra system, whose level sets are the closed orbits in the (u, v) phase plane (Murray, 2002, Mathematical Biology I, Sec. 3.1)",
    note="ln u^alpha v the logarithm of the product u^alpha v, as Murray typesets it",
)
th_k = rnd(8600, 5, lo=-math.pi, hi=math.pi)
om_k = rnd(8601, 5, lo=-0.5, hi=0.5)
row(
    "kuramoto_phase_velocity",
    r"\dot{\theta}_i = \omega_i + \frac{K}{N} \sum_{j=1}^{N} \sin(\theta_j - \theta_i)",
    r"\theta, \omega: vector[N]; K: scalar, positive; N: dim; i, j: index",
    {"theta": th_k, "omega": om_k, "K": 1.5, "N": 5},
    lambda theta, omega, K, N: np.array(
        [
            omega[i] + K / N * sum(math.sin(theta[j] - theta[i]) for j in range(int(N)))
            for i in range(int(N))
        ]
    ),
    source="the Kuramoto model of N coupled phase oscillators with natural frequencies omega_i and coupling K (Kuramoto, 1975; Strogatz, 2000, From Kuramoto to Crawford: Exploring the Onset of Synchronization in Populations of Coupled Oscillators, Physica D 143, Eq. 1)",
    note="theta-dot_i the phase velocity of oscillator i; the value is the vector of the N velocities",
)


def order_parameter(theta, N):
    N = int(N)
    re = sum(math.cos(theta[j]) for j in range(N)) / N
    im = sum(math.sin(theta[j]) for j in range(N)) / N
    return math.sqrt(re**2 + im**2)


row(
    "kuramoto_order_parameter",
    r"r = \left| \frac{1}{N} \sum_{j=1}^{N} e^{i \theta_j} \right|",
    r"\theta: vector[N]; N: dim; j: index",
    {"theta": th_k, "N": 5},
    order_parameter,
    wrt=r"\theta",
    key="theta",
    source="the modulus of Kuramoto's complex order parameter r e^{i psi}, the phase coherence of the population (Strogatz, 2000, Physica D 143, Eq. 2; Kuramoto, 1984, Chemical Oscillations, Waves, and Turbulence)",
    note="i the imaginary unit, not an index; |.| the modulus of a complex number",
)


def rk4_linear(h, y_n, **k):
    z = h * k["lambda"]
    return (1 + z + z**2 / 2 + z**3 / 6 + z**4 / 24) * y_n


row(
    "rk4_step_linear_test_equation",
    r"y_{n+1} = \left( 1 + h\lambda + \frac{(h\lambda)^2}{2!} + \frac{(h\lambda)^3}{3!} + \frac{(h\lambda)^4}{4!} \right) y_n",
    r"h: scalar, positive; \lambda, y_n: scalar",
    {"h": 0.3, "lambda": -1.8, "y_n": 1.4},
    rk4_linear,
    wrt="h",
    source="one step of the classical fourth-order Runge-Kutta method applied to the scalar test equation y' = lambda y, whose stages k_1, ..., k_4 combine into the degree-4 Taylor polynomial of e^{h lambda} (Hairer and Wanner, 1996, Solving Ordinary Differential Equations II, Sec. IV.2, the stability function of explicit Runge-Kutta methods)",
)
row(
    "stormer_verlet_pendulum_position",
    r"q_{n+1} = q_n + h \left( p_n - \frac{h}{2} \frac{g}{l} \sin q_n \right)",
    "q_n, p_n: scalar; h, g, l: scalar, positive",
    {"q_n": 0.7, "p_n": -0.3, "h": 0.1, "g": 9.81, "l": 1.5},
    lambda q_n, p_n, h, g, l: q_n + h * (p_n - h / 2 * g / l * math.sin(q_n)),  # noqa: E741
    wrt="q_n",
    source="the position update of one Stormer-Verlet (leapfrog) step, a half kick p_{n+1/2} = p_n - (h / 2) grad U(q_n) followed by a drift, for the pendulum H = p^2 / 2 - (g / l) cos q (Hairer, Lubich and Wanner, 2003, Geometric Numerical Integration Illustrated by the Stormer-Verlet Method, Acta Numerica 12, Sec. 1)",
    note="p_{n+1/2} substituted into q_{n+1} = q_n + h p_{n+1/2}",
)


def damped(A, gamma, omega_0, t, varphi):
    return A * math.exp(-gamma * t) * math.cos(math.sqrt(omega_0**2 - gamma**2) * t + varphi)


row(
    "underdamped_oscillator_solution",
    r"x(t) = A e^{-\gamma t} \cos\left( \sqrt{\omega_0^2 - \gamma^2} \, t + \varphi \right)",
    r"A, \gamma, \omega_0, t: scalar, positive; \varphi: scalar",
    {"A": 1.2, "gamma": 0.3, "omega_0": 2.0, "t": 1.7, "varphi": 0.4},
    damped,
    wrt=r"\gamma",
    key="gamma",
    source="the motion of a weakly damped harmonic oscillator x'' + 2 gamma x' + omega_0^2 x = 0 with gamma < omega_0, oscillating at omega_1 = sqrt(omega_0^2 - gamma^2) inside a decaying envelope (Taylor, 2005, Classical Mechanics, Sec. 5.4)",
    note="A (a number, not a matrix) and varphi the amplitude and phase",
)
row(
    "oscillator_mechanical_energy",
    r"E = \frac{1}{2} m \dot{x}^2 + \frac{1}{2} k x^2",
    r"m, k: scalar, positive; x, \dot{x}: scalar",
    {"m": 0.5, "k": 2.0, "x": 0.35, "x_dot": -0.8},
    lambda m, k, x, x_dot: 0.5 * m * x_dot**2 + 0.5 * k * x**2,
    wrt=r"\dot{x}",
    key="x_dot",
    source="the total energy of a mass on a spring, kinetic plus potential, which damping dissipates at the rate b x-dot^2 (Taylor, 2005, Classical Mechanics, Secs. 5.1 and 5.4)",
    note="x-dot the velocity, a given number",
)
x_lm = rnd(8602, 8, lo=0.05, hi=0.95)
x_lm = [v for v in x_lm]
assert min(abs(v - 0.5) for v in x_lm) > 0.02


def lyapunov(x, r, n):
    n = int(n)
    return sum(math.log(abs(r - 2 * r * x[i])) for i in range(n)) / n


row(
    "logistic_map_lyapunov_exponent",
    r"\lambda = \frac{1}{n} \sum_{i=0}^{n-1} \ln \left| r - 2 r x_i \right|",
    "x: vector[n]; r: scalar, positive; n: dim; i: index",
    {"x": x_lm, "r": 3.7, "n": 8},
    lyapunov,
    wrt="r",
    source="the Lyapunov exponent of an orbit x_0, ..., x_{n-1} of the logistic map x_{n+1} = r x_n (1 - x_n), the average of ln |f'(x_i)| with f'(x) = r - 2 r x, truncated at n terms (Strogatz, 2015, Nonlinear Dynamics and Chaos, 2nd ed., Sec. 10.5)",
    note="x_0, ..., x_{n-1} the points of the orbit, counted from 0 as written; no point is near 1/2",
)

if __name__ == "__main__":
    A.write()
