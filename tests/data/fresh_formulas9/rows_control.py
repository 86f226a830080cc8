"""Control and state estimation: the finite-horizon LQR cost, a step of the discrete Riccati
recursion and its scalar case, the Kalman prediction of the covariance, the trace of the Joseph
form that the Kalman gain minimizes, the negative log-likelihood of an innovation, the normalized
innovation squared, the steady-state variance of the local level model, the positional and
velocity forms of a discrete PID controller, the MPC cost in the increments of the control, the
residual of the discrete Lyapunov equation, average controllability and the minimum control energy
through the controllability Gramian, and a weight of the unscented transform (NumPy/SciPy
references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, spd

A = Area("control")
row = A.row

A2 = np.array([[1.0, 0.1], [-0.2, 0.95]])
B2 = np.array([[0.0, 0.05], [0.1, 0.02]])
x0 = np.array([1.0, -0.5])
U_lqr = np.asarray(rnd(9400, 3, 2, lo=-1.0, hi=1.0))
X_lqr = [x0]
for k in range(3):
    X_lqr.append(A2 @ X_lqr[-1] + B2 @ U_lqr[k])
X_lqr = np.round(X_lqr, 6)
Q2 = np.array([[2.0, 0.3], [0.3, 1.0]])
Qf2 = np.array([[5.0, 0.5], [0.5, 3.0]])
R2 = np.array([[0.5, 0.1], [0.1, 0.8]])


def lqr_cost(X, U, Q, R, Q_f):
    N = len(U)
    stage = sum(X[k] @ Q @ X[k] + U[k] @ R @ U[k] for k in range(N))  # k = 0..N-1
    return float(X[N] @ Q_f @ X[N] + stage)


row(
    "lqr_finite_horizon_cost",
    r"J = \mathbf{x}_N^\top Q_f \mathbf{x}_N + \sum_{k=0}^{N-1} \left( \mathbf{x}_k^\top Q \mathbf{x}_k + \mathbf{u}_k^\top R \mathbf{u}_k \right)",
    r"X: matrix[N+1, n]; \mathbf{x}_k: row[X]; U: matrix[N, m]; \mathbf{u}_k: row[U]; Q, Q_f: spd[n]; R: spd[m]; N: dim; k: index",
    {
        "X": X_lqr.tolist(),
        "U": U_lqr.tolist(),
        "Q": Q2.tolist(),
        "R": R2.tolist(),
        "Q_f": Qf2.tolist(),
    },
    lqr_cost,
    wrt="R",
    source="the cost of the finite-horizon linear quadratic regulator, a terminal cost plus the stage costs over N steps (Bertsekas, 2017, Dynamic Programming and Optimal Control, Vol. I, 4th ed., Sec. 3.1; Anderson and Moore, 1990, Optimal Control: Linear Quadratic Methods, Ch. 2)",
    note="x_0, ..., x_N the states (rows of X) and u_0, ..., u_{N-1} the controls (rows of U), counted from 0 as written; the states follow x_{k+1} = A x_k + B u_k",
)
Bc = np.array([[0.0], [0.1]])
Qc = np.array([[1.0, 0.0], [0.0, 0.5]])
Rc = np.array([[0.2]])
P_next = np.array([[3.0, 0.4], [0.4, 1.5]])


def riccati_step(A, B, Q, R, P_k_plus_1):
    P = P_k_plus_1
    # minimize over u the quadratic x^T Q x + u^T R u + (A x + B u)^T P (A x + B u): its Hessian in
    # (x, u) has the blocks below, and the minimum over u is the Schur complement
    Hxx = Q + A.T @ P @ A
    Hxu = A.T @ P @ B
    Huu = R + B.T @ P @ B
    return Hxx - Hxu @ np.linalg.solve(Huu, Hxu.T)


row(
    "discrete_riccati_step",
    r"P_k = Q + A^\top P_{k+1} A - A^\top P_{k+1} B \left( R + B^\top P_{k+1} B \right)^{-1} B^\top P_{k+1} A",
    "A, Q: matrix[n, n]; B: matrix[n, m]; R: spd[m]; P_{k+1}: spd[n]",
    {
        "A": A2.tolist(),
        "B": Bc.tolist(),
        "Q": Qc.tolist(),
        "R": Rc.tolist(),
        "P_k_plus_1": P_next.tolist(),
    },
    riccati_step,
    source="one backward step of the discrete-time Riccati equation of the LQR problem, the cost-to-go matrix at stage k from that at stage k + 1 (Bertsekas, 2017, Dynamic Programming and Optimal Control, Vol. I, 4th ed., Sec. 3.1; Kalman, 1960)",
    note="references as the Schur complement of the Hessian in the control of the quadratic to be minimized; the value is the matrix P_k",
)


def scalar_riccati(A, B, Q, R, P_k_plus_1):
    P = P_k_plus_1
    # min over u of Q x^2 + R u^2 + P (A x + B u)^2 at x = 1
    u = -A * B * P / (R + B * B * P)
    return Q + R * u * u + P * (A + B * u) ** 2


row(
    "scalar_riccati_step",
    r"P_k = A^2 \left( P_{k+1} - \frac{B^2 P_{k+1}^2}{B^2 P_{k+1} + R} \right) + Q",
    "A, B: scalar; Q, R, P_{k+1}: scalar, positive",
    {"A": 1.1, "B": 0.5, "Q": 1.0, "R": 0.3, "P_k_plus_1": 2.0},
    scalar_riccati,
    wrt="P_{k+1}",
    key="P_k_plus_1",
    source="the Riccati recursion of a scalar system x_{k+1} = A x_k + B u_k with cost Q x^2 + R u^2, whose iterates converge to the positive solution of the algebraic Riccati equation (Bertsekas, 2017, Dynamic Programming and Optimal Control, Vol. I, 4th ed., Sec. 3.1, the scalar example)",
    note="references by minimizing the one-step quadratic over the control at x = 1",
)
F3 = np.array([[1.0, 0.1, 0.005], [0.0, 1.0, 0.1], [0.0, 0.0, 0.98]])
P3 = np.asarray(spd(9401, 3))
Q3 = np.diag([0.01, 0.02, 0.05])


def predict_cov(F_k, P_k_minus_1_k_minus_1, Q_k):
    # the covariance of F x + w for x with covariance P and w independent with covariance Q
    n = len(F_k)
    P = P_k_minus_1_k_minus_1
    return np.array(
        [
            [
                sum(F_k[i, a] * P[a, b] * F_k[j, b] for a in range(n) for b in range(n)) + Q_k[i, j]
                for j in range(n)
            ]
            for i in range(n)
        ]
    )


row(
    "kalman_predicted_covariance",
    r"P_{k|k-1} = F_k P_{k-1|k-1} F_k^\top + Q_k",
    "F_k: matrix[n, n]; P_{k-1|k-1}, Q_k: spd[n]",
    {"F_k": F3.tolist(), "P_k_minus_1_k_minus_1": P3.tolist(), "Q_k": Q3.tolist()},
    predict_cov,
    source="the prediction step of the Kalman filter for the covariance of the state (Kalman, 1960, A New Approach to Linear Filtering and Prediction Problems; Simon, 2006, Optimal State Estimation, Sec. 5.1)",
    note="references entry by entry from Cov(F x + w) = F Cov(x) F^T + Cov(w); the value is the 3 x 3 matrix",
)
H32 = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.5]])
R22 = np.array([[0.3, 0.05], [0.05, 0.2]])
K32 = np.asarray(rnd(9402, 3, 2, lo=0.0, hi=0.8))


def joseph_trace(K_k, H_k, P_k_k_minus_1, R_k):
    n = len(K_k)
    IKH = np.eye(n) - K_k @ H_k
    return float(np.trace(IKH @ P_k_k_minus_1 @ IKH.T + K_k @ R_k @ K_k.T))


row(
    "kalman_gain_joseph_trace",
    r"J(K_k) = \operatorname{tr}\left[ (I - K_k H_k) P_{k|k-1} (I - K_k H_k)^\top + K_k R_k K_k^\top \right]",
    "K_k: matrix[n, m]; H_k: matrix[m, n]; P_{k|k-1}: spd[n]; R_k: spd[m]",
    {"K_k": K32.tolist(), "H_k": H32.tolist(), "P_k_k_minus_1": P3.tolist(), "R_k": R22.tolist()},
    joseph_trace,
    wrt="K_{k}",
    key="K_k",
    source="the mean squared error of the updated estimate x + K (y - H x) for any gain K, the trace of the Joseph form of the posterior covariance; the Kalman gain is its minimizer (Simon, 2006, Optimal State Estimation, Sec. 3.3 and Sec. 5.1; Gelb, 1974, Applied Optimal Estimation, Sec. 4.2)",
    note="the gain K_k is not the optimal one here, so the gradient is not 0",
)
m_minus = [0.4, -0.2, 1.1]
y_k = [0.7, 0.45]


def innovation_energy(P_k_sup_minus, m_k_sup_minus, H, R, y_k):
    S = H @ P_k_sup_minus @ H.T + R  # the covariance of the predicted measurement
    v = y_k - H @ m_k_sup_minus
    _sign, logdet = np.linalg.slogdet(2 * math.pi * S)
    return 0.5 * logdet + 0.5 * float(v @ np.linalg.solve(S, v))


row(
    "innovation_negative_log_likelihood",
    r"\frac{1}{2} \log \left| 2\pi \left( \mathbf{H} \mathbf{P}_k^- \mathbf{H}^\top + \mathbf{R} \right) \right| + \frac{1}{2} \left( \mathbf{y}_k - \mathbf{H} \mathbf{m}_k^- \right)^\top \left( \mathbf{H} \mathbf{P}_k^- \mathbf{H}^\top + \mathbf{R} \right)^{-1} \left( \mathbf{y}_k - \mathbf{H} \mathbf{m}_k^- \right)",
    r"\mathbf{P}_k^-: spd[n]; \mathbf{m}_k^-: vector[n]; \mathbf{H}: matrix[d, n]; \mathbf{R}: spd[d]; \mathbf{y}_k: vector[d]",
    {
        "P_k_sup_minus": P3.tolist(),
        "m_k_sup_minus": m_minus,
        "H": H32.tolist(),
        "R": R22.tolist(),
        "y_k": y_k,
    },
    innovation_energy,
    wrt=r"m_{k}^{-}",
    key="m_k_sup_minus",
    source="the increment of the energy function (negative log marginal likelihood) contributed by measurement k, -log N(y_k | H m_k^-, S_k) with S_k = H P_k^- H^T + R and v_k = y_k - H m_k^- written out (Sarkka, 2013, Bayesian Filtering and Smoothing, Sec. 12.2, Theorem 12.1)",
    note="|.| the determinant of a matrix; m_k^- and P_k^- the predicted mean and covariance",
)
nu_k = [0.35, -0.6]
S_k = [[0.5, 0.12], [0.12, 0.4]]


def nis(nu_k, S_k):
    d = len(nu_k)
    Sinv = np.linalg.inv(S_k)
    return sum(nu_k[i] * Sinv[i, j] * nu_k[j] for i in range(d) for j in range(d))


row(
    "normalized_innovation_squared",
    r"\epsilon_{\nu} = \boldsymbol{\nu}_k^\top \mathbf{S}_k^{-1} \boldsymbol{\nu}_k",
    r"\boldsymbol{\nu}_k: vector[d]; \mathbf{S}_k: spd[d]",
    {"nu_k": nu_k, "S_k": S_k},
    nis,
    wrt=r"S_{k}",
    key="S_k",
    source="the normalized innovation squared, chi-square with d degrees of freedom for a consistent filter, used to test it and to gate measurements (Bar-Shalom, Li and Kirubarajan, 2001, Estimation with Applications to Tracking and Navigation, Sec. 5.4)",
    note="nu_k the innovation and S_k its covariance",
)


def steady_state(q):
    # iterate the Riccati recursion of the local level model (sigma_eps^2 = 1) to its fixed point
    P = 1.0
    for _ in range(4000):
        P = P - P * P / (P + 1.0) + q
    return P


assert abs(steady_state(0.4) - (0.4 + math.sqrt(0.16 + 1.6)) / 2) < 1e-13
row(
    "local_level_steady_state_variance",
    r"\bar{x} = \frac{q + \sqrt{q^2 + 4q}}{2}",
    "q: scalar, positive",
    {"q": 0.4},
    steady_state,
    wrt="q",
    source="the steady-state variance of the one-step prediction error of the local level model, in units of the observation variance, q = sigma_eta^2 / sigma_eps^2 the signal-to-noise ratio (Durbin and Koopman, 2012, Time Series Analysis by State Space Methods, 2nd ed., Sec. 2.11)",
    note="references by iterating P <- P - P^2 / (P + 1) + q to its fixed point",
)
e_pid = [0.8, 0.55, 0.42, 0.3, 0.26, 0.18]
pid = {"K_p": 2.0, "K_i": 0.5, "K_d": 0.1, "T_s": 0.1}


def pid_positional(e, K_p, K_i, K_d, T_s, k):
    k = int(k)
    integral = T_s * sum(e[j] for j in range(k + 1))  # rectangles over e(0), ..., e(k)
    derivative = (e[k] - e[k - 1]) / T_s  # backward difference
    return K_p * e[k] + K_i * integral + K_d * derivative


row(
    "pid_positional_form",
    r"u(k) = K_p e(k) + K_i T_s \sum_{j=0}^{k} e(j) + \frac{K_d}{T_s} \left[ e(k) - e(k-1) \right]",
    "e: vector[k+1]; K_p, K_i, K_d, T_s: scalar, positive; k: dim; j: index",
    {"e": e_pid, **pid, "k": 5},
    pid_positional,
    wrt="e",
    source="the discrete PID controller in positional form, the integral by rectangles and the derivative by a backward difference over the sampling period T_s (Astrom and Hagglund, 1995, PID Controllers: Theory, Design, and Tuning, 2nd ed., Sec. 3.6; Astrom and Wittenmark, 1997, Computer-Controlled Systems, 3rd ed., Ch. 8)",
    note="e(0), ..., e(k) the control errors at the sampling instants, counted from 0 (the entries of e); the value is u(k)",
)


def pid_velocity(e, K_p, K_i, K_d, T_s, k):
    k = int(k)
    u = [pid_positional(e, K_p, K_i, K_d, T_s, j) for j in (k - 1, k)]
    return u[1] - u[0]  # the increment of the positional form


row(
    "pid_velocity_form",
    r"\Delta u(k) = K_p \left[ e(k) - e(k-1) \right] + K_i T_s e(k) + \frac{K_d}{T_s} \left[ e(k) - 2 e(k-1) + e(k-2) \right]",
    "e: vector[k+1]; K_p, K_i, K_d, T_s: scalar, positive; k: dim",
    {"e": e_pid, **pid, "k": 5},
    pid_velocity,
    wrt="K_{d}",
    key="K_d",
    source="the velocity (incremental) form of the discrete PID controller, the change of the control signal between two samples (Astrom and Hagglund, 1995, PID Controllers: Theory, Design, and Tuning, 2nd ed., Sec. 3.6)",
    note="e(0), ..., e(k) the errors, counted from 0; references as the difference of two positional outputs",
)
# Wang's augmented model of a SISO plant: x(k) = [Delta x_m(k); y(k)]
Am = np.array([[1.0, 0.1], [0.0, 0.9]])
Bm = np.array([0.005, 0.1])
Cm = np.array([1.0, 0.0])
Aa = np.block([[Am, np.zeros((2, 1))], [(Cm @ Am)[None, :], np.ones((1, 1))]])
Ba = np.concatenate([Bm, [Cm @ Bm]])
Ca = np.array([0.0, 0.0, 1.0])
Np, Nc = 4, 2
F_mpc = np.array([Ca @ np.linalg.matrix_power(Aa, i + 1) for i in range(Np)])
Phi_mpc = np.array(
    [
        [Ca @ np.linalg.matrix_power(Aa, i - j) @ Ba if i >= j else 0.0 for j in range(Nc)]
        for i in range(Np)
    ]
)
x_mpc = [0.05, -0.02, 0.3]


def mpc_cost(R_s, F, x, Phi, Delta_U, R_bar):
    Y = F @ x + Phi @ Delta_U  # the predicted outputs over the horizon
    err = R_s - Y
    return float(err @ err + Delta_U @ R_bar @ Delta_U)


row(
    "mpc_cost_in_control_increments",
    r"J = \left( R_s - F x(k_i) - \Phi \Delta U \right)^T \left( R_s - F x(k_i) - \Phi \Delta U \right) + \Delta U^T \bar{R} \Delta U",
    r"R_s: vector[N_p]; F: matrix[N_p, n]; x: vector[n]; \Phi: matrix[N_p, N_c]; \Delta_{U}: vector[N_c]; \bar{R}: spd[N_c]",
    {
        "R_s": [1.0, 1.0, 1.0, 1.0],
        "F": F_mpc.round(6).tolist(),
        "x": x_mpc,
        "Phi": Phi_mpc.round(6).tolist(),
        "Delta_U": [0.8, -0.3],
        "R_bar": [[0.1, 0.0], [0.0, 0.1]],
    },
    mpc_cost,
    wrt=r"\Delta_{U}",
    key="Delta_U",
    source="the cost of discrete-time model predictive control over the prediction horizon N_p in the future control increments Delta U, with the predicted outputs Y = F x(k_i) + Phi Delta U substituted (Wang, 2009, Model Predictive Control System Design and Implementation Using MATLAB, Sec. 1.3)",
    note="x(k_i) the state of the augmented model at the sampling instant k_i, declared as the vector x (a vector at a time, not a product); Delta U one name (declared Delta_{U}); F and Phi built from a second-order plant",
)
A_lyap = np.array([[0.6, 0.2], [-0.1, 0.7]])
Q_lyap = np.array([[1.0, 0.2], [0.2, 0.5]])
P_lyap = [[2.3, 0.5], [0.5, 1.4]]


def lyapunov_residual(A, P, Q):
    M = A.T @ P @ A - P + Q
    return float(sum(M[i, j] ** 2 for i in range(2) for j in range(2)))


row(
    "discrete_lyapunov_residual",
    r"\left\| A^\top P A - P + Q \right\|_F^2",
    "A: matrix[n, n]; P, Q: spd[n]",
    {"A": A_lyap.tolist(), "P": P_lyap, "Q": Q_lyap.tolist()},
    lyapunov_residual,
    wrt="P",
    source="the squared Frobenius norm of the residual of the discrete Lyapunov equation A^T P A - P + Q = 0, whose solution P > 0 certifies the stability of x_{k+1} = A x_k (Antsaklis and Michel, 2006, A Linear Systems Primer, Ch. 4; Kalman and Bertram, 1960)",
    note="P is not the solution here, so the residual is not 0",
)
A3 = np.array([[0.5, 0.2, 0.0], [0.1, 0.6, 0.2], [0.0, -0.2, 0.4]])
B31 = np.array([[1.0], [0.0], [0.5]])


def gramian(A, B, T):
    W = np.zeros((len(A), len(A)))
    Ak = np.eye(len(A))
    for _ in range(int(T)):
        W = W + Ak @ B @ B.T @ Ak.T
        Ak = A @ Ak
    return W


row(
    "average_controllability_trace",
    r"\operatorname{Trace}\left( \sum_{\tau=0}^{T-1} A^{\tau} B B^{\mathsf{T}} (A^{\mathsf{T}})^{\tau} \right)",
    r"A: matrix[n, n]; B: matrix[n, m]; T: scalar, integer, positive; \tau: index",
    {"A": A3.tolist(), "B": B31.tolist(), "T": 4},
    lambda A, B, T: float(np.trace(gramian(A, B, T))),
    wrt="A",
    source="average controllability, the trace of the T-step controllability Gramian W_T = sum_tau A^tau B B^T (A^T)^tau, inversely related to the average energy to reach the unit sphere (Pasqualetti, Zampieri and Bullo, 2014, Controllability Metrics, Limitations and Algorithms for Complex Networks, IEEE TCNS 1, Sec. II)",
    note="A^tau the matrix power; references by accumulating the Gramian step by step",
)
B32 = np.array([[1.0, 0.0], [0.0, 0.3], [0.5, 1.0]])
xf = [1.0, -0.5, 0.8]


def min_energy(x_f, A, B, T):
    W = gramian(A, B, T)
    return float(x_f @ np.linalg.solve(W, x_f))


row(
    "minimum_control_energy",
    r"E_{\min} = \mathbf{x}_f^\top \left( \sum_{\tau=0}^{T-1} A^{\tau} B B^\top (A^\top)^{\tau} \right)^{-1} \mathbf{x}_f",
    r"\mathbf{x}_f: vector[n]; A: matrix[n, n]; B: matrix[n, m]; T: scalar, integer, positive; \tau: index",
    {"x_f": xf, "A": A3.tolist(), "B": B32.tolist(), "T": 3},
    min_energy,
    wrt="B",
    source="the least energy sum_k ||u_k||^2 that steers x_{k+1} = A x_k + B u_k from x_0 = 0 to x_f in T steps, x_f^T W_T^{-1} x_f with the controllability Gramian written out (Pasqualetti, Zampieri and Bullo, 2014, IEEE TCNS 1, Sec. II)",
)


def ukf_weight(alpha, beta, kappa, L):
    lam = alpha**2 * (L + kappa) - L  # the composite scaling parameter
    return lam / (L + lam) + (1 - alpha**2 + beta)


row(
    "unscented_transform_covariance_weight",
    r"W_0^{(c)} = \frac{\alpha^2 (L + \kappa) - L}{\alpha^2 (L + \kappa)} + 1 - \alpha^2 + \beta",
    r"\alpha, \beta: scalar, positive; \kappa: scalar, nonnegative; L: scalar, integer, positive",
    {"alpha": 0.5, "beta": 2.0, "kappa": 0.0, "L": 3},
    ukf_weight,
    wrt=r"\alpha",
    key="alpha",
    source="the weight of the central sigma point in the covariance of the scaled unscented transform, lambda / (L + lambda) + (1 - alpha^2 + beta) with lambda = alpha^2 (L + kappa) - L substituted (Wan and van der Merwe, 2000, The Unscented Kalman Filter for Nonlinear Estimation, IEEE AS-SPCC, Sec. 3, Eq. 15)",
    note="L the dimension of the state; beta = 2 optimal for Gaussian priors",
)

if __name__ == "__main__":
    A.write()
