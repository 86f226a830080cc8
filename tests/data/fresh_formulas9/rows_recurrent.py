"""Recurrent cells: the input gate of the peephole LSTM and Graves' cell update, Cho's GRU unit by
unit (reset gate, candidate activation, interpolation) and Chung's update gate, the candidate
state of the minimal gated unit, an IndRNN neuron, the one-step loss of an Elman network and the
sequence loss that BPTT differentiates, the leaky echo-state reservoir update and the ridge
objective of its readout, QRNN fo-pooling, the norm-stabilizer penalty and the AntisymmetricRNN
step (NumPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, log_softmax, rnd, sigmoid

A = Area("recurrent")
row = A.row

n_h, m_x = 3, 2
x_t = [0.5, -0.8]
h_prev = [0.1, -0.4, 0.3]
c_prev = [0.6, -0.2, 0.9]
W_xi = rnd(9700, n_h, m_x)
W_hi = rnd(9701, n_h, n_h)
W_ci = np.diag([0.3, -0.2, 0.5]).tolist()
b_i = [0.05, -0.1, 0.2]


def peephole_input_gate(x_t, h_t_minus_1, c_t_minus_1, W_xi, W_hi, W_ci, b_i):
    n = len(b_i)
    pre = [
        sum(W_xi[a, b] * x_t[b] for b in range(len(x_t)))
        + sum(W_hi[a, b] * h_t_minus_1[b] for b in range(n))
        + sum(W_ci[a, b] * c_t_minus_1[b] for b in range(n))
        + b_i[a]
        for a in range(n)
    ]
    return sigmoid(np.array(pre))


row(
    "lstm_peephole_input_gate",
    r"i_t = \sigma\left( W_{xi} x_t + W_{hi} h_{t-1} + W_{ci} c_{t-1} + b_i \right)",
    "x_t: vector[m]; h_{t-1}, c_{t-1}, b_i: vector[n]; W_{xi}: matrix[n, m]; W_{hi}, W_{ci}: matrix[n, n]",
    {
        "x_t": x_t,
        "h_t_minus_1": h_prev,
        "c_t_minus_1": c_prev,
        "W_xi": W_xi,
        "W_hi": W_hi,
        "W_ci": W_ci,
        "b_i": b_i,
    },
    peephole_input_gate,
    source="the input gate of the LSTM with peephole connections W_ci from the cell to the gate (Graves, 2013, Generating Sequences With Recurrent Neural Networks, arXiv:1308.0850, Sec. 2, Eq. 7; Gers and Schmidhuber, 2000)",
    note="sigma the logistic sigmoid, applied entry by entry; W_ci diagonal, as in the paper; the value is the vector i_t",
)
f_t = [0.7, 0.4, 0.9]
i_t = [0.3, 0.8, 0.2]
W_xc = rnd(9702, n_h, m_x)
W_hc = rnd(9703, n_h, n_h)
b_c = [0.0, 0.1, -0.05]


def graves_cell(f_t, i_t, c_t_minus_1, x_t, h_t_minus_1, W_xc, W_hc, b_c):
    n = len(b_c)
    out = []
    for a in range(n):
        pre = (
            sum(W_xc[a, b] * x_t[b] for b in range(len(x_t)))
            + sum(W_hc[a, b] * h_t_minus_1[b] for b in range(n))
            + b_c[a]
        )
        out.append(f_t[a] * c_t_minus_1[a] + i_t[a] * math.tanh(pre))
    return np.array(out)


row(
    "lstm_cell_update_graves",
    r"c_t = f_t c_{t-1} + i_t \tanh\left( W_{xc} x_t + W_{hc} h_{t-1} + b_c \right)",
    "f_t, i_t, c_{t-1}, h_{t-1}, b_c: vector[n]; x_t: vector[m]; W_{xc}: matrix[n, m]; W_{hc}: matrix[n, n]",
    {
        "f_t": f_t,
        "i_t": i_t,
        "c_t_minus_1": c_prev,
        "x_t": x_t,
        "h_t_minus_1": h_prev,
        "W_xc": W_xc,
        "W_hc": W_hc,
        "b_c": b_c,
    },
    graves_cell,
    source="the cell update of the LSTM, the old cell content kept by the forget gate plus the new input admitted by the input gate (Graves, 2013, Generating Sequences With Recurrent Neural Networks, arXiv:1308.0850, Sec. 2, Eq. 9)",
    note="f_t c_{t-1} and i_t tanh(...) are products of vectors entry by entry, juxtaposed as Graves writes them (no odot); the value is the vector c_t",
)
W_r = rnd(9704, n_h, m_x)
U_r = rnd(9705, n_h, n_h)


def gru_reset_unit(x, h, W_r, U_r, j):
    j = int(j) - 1
    pre = sum(W_r[j, b] * x[b] for b in range(len(x))) + sum(
        U_r[j, b] * h[b] for b in range(len(h))
    )
    return float(sigmoid(pre))


gru_table = r"\mathbf{x}: vector[m]; \mathbf{h}_{\langle t-1 \rangle}: vector[n]; \mathbf{W}_r: matrix[n, m]; \mathbf{U}_r: matrix[n, n]; j: label[n]"
row(
    "gru_reset_gate_unit",
    r"r_j = \sigma\left( [\mathbf{W}_r \mathbf{x}]_j + [\mathbf{U}_r \mathbf{h}_{\langle t-1 \rangle}]_j \right)",
    gru_table,
    {"x": x_t, "h_langle_t_minus_1rangle": h_prev, "W_r": W_r, "U_r": U_r, "j": 2},
    lambda x, h_langle_t_minus_1rangle, W_r, U_r, j: gru_reset_unit(
        x, h_langle_t_minus_1rangle, W_r, U_r, j
    ),
    wrt=r"U_{r}",
    key="U_r",
    source="the reset gate of the j-th hidden unit of the gated recurrent unit (Cho et al., 2014, Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine Translation, EMNLP, Sec. 2.3, Eq. 5)",
    note="[v]_j the j-th entry of the vector v; sigma the logistic sigmoid; h_<t-1> the previous hidden state (the angle brackets mark the time step)",
)
W_g = rnd(9706, n_h, m_x)
U_g = rnd(9707, n_h, n_h)
r_g = [0.6, 0.2, 0.9]


def gru_candidate_unit(x, h, r, W, U, j):
    j = int(j) - 1
    pre = sum(W[j, b] * x[b] for b in range(len(x)))
    pre += sum(U[j, b] * r[b] * h[b] for b in range(len(h)))
    return math.tanh(pre)


row(
    "gru_candidate_activation_unit",
    r"\tilde{h}_j^{\langle t \rangle} = \phi\left( [\mathbf{W} \mathbf{x}]_j + [\mathbf{U} (\mathbf{r} \odot \mathbf{h}_{\langle t-1 \rangle})]_j \right)",
    r"\mathbf{x}: vector[m]; \mathbf{h}_{\langle t-1 \rangle}, \mathbf{r}: vector[n]; \mathbf{W}: matrix[n, m]; \mathbf{U}: matrix[n, n]; \phi: function; j: label[n]",
    {"x": x_t, "h_langle_t_minus_1rangle": h_prev, "r": r_g, "W": W_g, "U": U_g, "j": 3},
    lambda x, h_langle_t_minus_1rangle, r, W, U, j: gru_candidate_unit(
        x, h_langle_t_minus_1rangle, r, W, U, j
    ),
    wrt="r",
    source="the candidate activation of the j-th hidden unit of the GRU, the previous state seen through the reset gate r (Cho et al., 2014, EMNLP, Sec. 2.3, Eq. 8)",
    note="phi the activation function, defined in words: tanh here; [v]_j the j-th entry of v",
)
row(
    "gru_interpolation_unit",
    r"h_j^{\langle t \rangle} = z_j h_j^{\langle t-1 \rangle} + (1 - z_j) \tilde{h}_j^{\langle t \rangle}",
    r"z_j: scalar, unit; h_j^{\langle t-1 \rangle}, \tilde{h}_j^{\langle t \rangle}: scalar",
    {"z_j": 0.35, "h_j_sup_langle_t_minus_1rangle": -0.4, "h_tilde_j_sup_langle_trangle": 0.62},
    lambda z_j, h_j_sup_langle_t_minus_1rangle, h_tilde_j_sup_langle_trangle: (
        z_j * h_j_sup_langle_t_minus_1rangle + (1 - z_j) * h_tilde_j_sup_langle_trangle
    ),
    wrt="z_{j}",
    key="z_j",
    source="the new activation of the j-th hidden unit of the GRU, interpolating by the update gate z_j between the previous activation and the candidate (Cho et al., 2014, EMNLP, Sec. 2.3, Eq. 7)",
    note="the superscripts <t> and <t-1> mark time steps, part of the names",
)
W_f_mgu = rnd(9708, n_h, n_h + m_x)
f_mgu = [0.55, 0.3, 0.8]
b_h_mgu = [0.1, 0.0, -0.1]


def mgu_candidate(W_h, f_t, h_t_minus_1, x_t, b_h):
    concat = np.concatenate([np.asarray(f_t) * h_t_minus_1, x_t])  # [f_t * h_{t-1}, x_t]
    return np.tanh(W_h @ concat + b_h)


row(
    "minimal_gated_unit_candidate",
    r"\tilde{\mathbf{h}}_t = \tanh\left( W_h [\mathbf{f}_t \odot \mathbf{h}_{t-1}, \mathbf{x}_t] + \mathbf{b}_h \right)",
    r"W_h: matrix[n, k]; \mathbf{f}_t, \mathbf{h}_{t-1}, \mathbf{b}_h: vector[n]; \mathbf{x}_t: vector[m]",
    {"W_h": W_f_mgu, "f_t": f_mgu, "h_t_minus_1": h_prev, "x_t": x_t, "b_h": b_h_mgu},
    mgu_candidate,
    source="the candidate state of the minimal gated unit, a GRU whose single forget gate f_t also plays the part of the reset gate (Zhou, Wu, Zhang and Zhou, 2016, Minimal Gated Unit for Recurrent Neural Networks, Int. J. Automation and Computing 13, Sec. 3)",
    note="[a, b] the concatenation of the vectors a and b, defined in words (k = n + m entries); the value is the vector h-tilde_t",
)
W_ind = rnd(9709, 4, 2)
u_ind = [0.5, -0.3, 0.9, 0.7]
b_ind = [0.1, 0.2, -0.1, 0.05]


def indrnn_neuron(W, x_t, u, b, h_n_t_minus_1, n):
    n = int(n) - 1
    pre = sum(W[n, c] * x_t[c] for c in range(len(x_t))) + u[n] * h_n_t_minus_1 + b[n]
    return max(pre, 0.0)  # ReLU


assert sum(np.asarray(W_ind)[3] * x_t) + 0.7 * 0.8 + 0.05 > 0.05
row(
    "indrnn_neuron",
    r"h_{n,t} = \sigma(\mathbf{w}_n \mathbf{x}_t + u_n h_{n,t-1} + b_n)",
    r"\mathbf{W}: matrix[N, M]; \mathbf{w}_n: row[W]; \mathbf{x}_t: vector[M]; \mathbf{u}, \mathbf{b}: vector[N]; h_{n,t-1}: scalar; n: label[N]",
    {"W": W_ind, "x_t": x_t, "u": u_ind, "b": b_ind, "h_n_t_minus_1": 0.8, "n": 4},
    indrnn_neuron,
    wrt="u",
    source="the n-th neuron of an independently recurrent neural network, whose recurrent weight u_n connects it only to its own past state (Li, Li, Cook, Zhu and Gao, 2018, Independently Recurrent Neural Network (IndRNN), CVPR, Sec. 3, Eq. 3)",
    note="sigma the activation, ReLU in the paper (not the logistic sigmoid), defined in words; w_n the n-th row of W used as a row vector; the pre-activation is positive here",
)
V_e = rnd(9710, 4, n_h)
W_e = rnd(9711, n_h, n_h)
U_e = rnd(9712, n_h, m_x)
b_e = [0.05, -0.05, 0.1]
c_e = [0.0, 0.1, -0.1, 0.2]


def elman_loss(c, V, b, W, h_sup_t_minus_1, U, x_sup_t, y_sup_t):
    a = b + W @ h_sup_t_minus_1 + U @ x_sup_t  # a^(t)
    h = np.tanh(a)  # h^(t)
    o = c + V @ h  # o^(t)
    return -float(log_softmax(o)[int(y_sup_t) - 1])


row(
    "elman_rnn_step_loss",
    r"L^{(t)} = -\log \operatorname{softmax}\left( \mathbf{c} + \mathbf{V} \tanh\left( \mathbf{b} + \mathbf{W} \mathbf{h}^{(t-1)} + \mathbf{U} \mathbf{x}^{(t)} \right) \right)_{y^{(t)}}",
    r"\mathbf{c}: vector[K]; \mathbf{V}: matrix[K, n]; \mathbf{b}, \mathbf{h}^{(t-1)}: vector[n]; \mathbf{W}: matrix[n, n]; \mathbf{U}: matrix[n, m]; \mathbf{x}^{(t)}: vector[m]; y^{(t)}: label[K]",
    {
        "c": c_e,
        "V": V_e,
        "b": b_e,
        "W": W_e,
        "h_sup_t_minus_1": h_prev,
        "U": U_e,
        "x_sup_t": x_t,
        "y_sup_t": 3,
    },
    elman_loss,
    wrt="W",
    source="the loss at step t of the recurrent network that maps inputs to outputs of the same length, a^(t) = b + W h^(t-1) + U x^(t), h^(t) = tanh(a^(t)), o^(t) = c + V h^(t), the negative log-probability of the target under softmax(o^(t)) (Goodfellow, Bengio and Courville, 2016, Deep Learning, Sec. 10.2, Eqs. 10.8-10.14)",
    note="a^(t), h^(t) and o^(t) substituted; y^(t) the target class at step t, counted from 1",
)
O_seq = rnd(9713, 4, 3, lo=-2.0, hi=2.0)
y_seq = [2, 1, 3, 3]


def bptt_loss(O, y):  # noqa: E741
    return -sum(float(log_softmax(O[t])[int(y[t]) - 1]) for t in range(len(y)))


row(
    "bptt_sequence_loss",
    r"L = -\sum_{t=1}^{\tau} \log \operatorname{softmax}\left( \mathbf{o}^{(t)} \right)_{y^{(t)}}",
    r"O: matrix[\tau, K]; \mathbf{o}^{(t)}: row[O]; y: labels[\tau, K]; \tau: dim; t: index",
    {"O": O_seq, "y": y_seq, "tau": 4},
    lambda O, y, tau: bptt_loss(O, y),  # noqa: E741
    wrt="O",
    source="the total loss of a sequence, the sum over time steps of the negative log-likelihood of y^(t), whose gradient back-propagation through time computes (Goodfellow, Bengio and Courville, 2016, Deep Learning, Sec. 10.2.2, Eqs. 10.12-10.14 and 10.18)",
    note="o^(t) the output logits at step t (the rows of O) and y^(t) its target class (counted from 1)",
)
Nx, Nu = 3, 2
W_in = rnd(9714, Nx, Nu + 1, lo=-0.5, hi=0.5)
W_res = (np.asarray(rnd(9715, Nx, Nx)) * 0.4).round(4).tolist()
x_res = [0.2, -0.5, 0.4]
u_in = [0.7, -0.1]


def esn_update(x, u, W_sup_in, W, alpha):
    x_tilde = np.tanh(W_sup_in @ np.concatenate([[1.0], u]) + W @ x)
    return (1 - alpha) * x + alpha * x_tilde


row(
    "echo_state_leaky_reservoir_update",
    r"\mathbf{x}(n) = (1 - \alpha) \mathbf{x}(n-1) + \alpha \tanh\left( \mathbf{W}^{\mathrm{in}} [1; \mathbf{u}(n)] + \mathbf{W} \mathbf{x}(n-1) \right)",
    r"\mathbf{x}: vector[N_x]; \mathbf{u}: vector[N_u]; \mathbf{W}^{\mathrm{in}}: matrix[N_x, N_u+1]; \mathbf{W}: matrix[N_x, N_x]; \alpha: scalar, unit",
    {"x": x_res, "u": u_in, "W_sup_in": W_in, "W": W_res, "alpha": 0.3},
    esn_update,
    source="the update of a leaky-integrator echo-state reservoir, the new state x-tilde(n) = tanh(W^in [1; u(n)] + W x(n-1)) mixed with the old one by the leaking rate alpha (Lukosevicius, 2012, A Practical Guide to Applying Echo State Networks, in Neural Networks: Tricks of the Trade, 2nd ed., Sec. 2, Eqs. 2-3)",
    note="x(n-1) the previous state, given as the vector x, and u(n) the input, given as u (vectors at time steps); [1; u(n)] the vertical concatenation of a 1 (the bias) and u(n); x-tilde(n) substituted",
)
X_states = rnd(9716, Nx, 5)
Y_target = rnd(9717, 2, 5)
W_out = rnd(9718, 2, Nx)


def ridge_readout(Y_sup_target, W_sup_out, X, beta):
    err = Y_sup_target - W_sup_out @ X
    return float(np.sum(err**2) + beta * np.sum(W_sup_out**2))


row(
    "echo_state_ridge_readout_objective",
    r"E = \left\| \mathbf{Y}^{\mathrm{target}} - \mathbf{W}^{\mathrm{out}} \mathbf{X} \right\|_F^2 + \beta \left\| \mathbf{W}^{\mathrm{out}} \right\|_F^2",
    r"\mathbf{Y}^{\mathrm{target}}: matrix[N_y, T]; \mathbf{W}^{\mathrm{out}}: matrix[N_y, N_x]; \mathbf{X}: matrix[N_x, T]; \beta: scalar, positive",
    {"Y_sup_target": Y_target, "W_sup_out": W_out, "X": X_states, "beta": 0.1},
    ridge_readout,
    wrt=r"W^{out}",
    key="W_sup_out",
    source="the ridge-regression objective of the linear readout of an echo-state network, whose minimizer is W^out = Y^target X^T (X X^T + beta I)^{-1} (Lukosevicius, 2012, A Practical Guide to Applying Echo State Networks, Sec. 4.1, Eq. 9 and its objective)",
    note="X the reservoir states collected as columns over T steps (the input and bias rows left out)",
)
f_q = [0.8, 0.3, 0.6]
z_q = [0.4, -0.9, 0.2]


def qrnn_fo(f_t, c_t_minus_1, z_t):
    return np.array([f_t[a] * c_t_minus_1[a] + (1 - f_t[a]) * z_t[a] for a in range(len(f_t))])


row(
    "qrnn_fo_pooling",
    r"\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + (1 - \mathbf{f}_t) \odot \mathbf{z}_t",
    r"\mathbf{f}_t, \mathbf{c}_{t-1}, \mathbf{z}_t: vector[n]",
    {"f_t": f_q, "c_t_minus_1": c_prev, "z_t": z_q},
    qrnn_fo,
    source="the fo-pooling of the quasi-recurrent neural network, the only recurrent step, elementwise in the forget gate f_t computed by a convolution (Bradbury, Merity, Xiong and Socher, 2017, Quasi-Recurrent Neural Networks, ICLR, Sec. 2, Eq. 4)",
    note="1 - f_t subtracts each entry of f_t from 1; the value is the vector c_t",
)
H_seq = rnd(9719, 5, 3, lo=-1.0, hi=1.0)


def norm_stabilizer(H, beta, T):
    T = int(T)
    norms = [math.sqrt(sum(v * v for v in H[t])) for t in range(T + 1)]  # h_0, ..., h_T
    return beta / T * sum((norms[t] - norms[t - 1]) ** 2 for t in range(1, T + 1))


row(
    "norm_stabilizer_penalty",
    r"\beta \frac{1}{T} \sum_{t=1}^{T} \left( \| h_t \|_2 - \| h_{t-1} \|_2 \right)^2",
    r"H: matrix[T+1, n]; h_t: row[H]; \beta: scalar, positive; T: dim; t: index",
    {"H": H_seq, "beta": 50.0, "T": 4},
    norm_stabilizer,
    wrt="H",
    source="the norm-stabilizer, a penalty on the change of the norm of the hidden state between successive steps (Krueger and Memisevic, 2016, Regularizing RNNs by Stabilizing Activations, ICLR, Sec. 2, Eq. 1)",
    note="h_0, ..., h_T the hidden states (the rows of H), counted from 0, h_0 the initial state",
)
W_anti = rnd(9720, 3, 3)
V_anti = rnd(9721, 3, 2)
b_anti = [0.0, 0.05, -0.05]


def antisymmetric_step(h_t_minus_1, W_h, V_h, x_t, b_h, epsilon, gamma):
    M = W_h - W_h.T - gamma * np.eye(len(W_h))
    return h_t_minus_1 + epsilon * np.tanh(M @ h_t_minus_1 + V_h @ x_t + b_h)


row(
    "antisymmetric_rnn_step",
    r"\mathbf{h}_t = \mathbf{h}_{t-1} + \epsilon \tanh\left( (W_h - W_h^T - \gamma I) \mathbf{h}_{t-1} + V_h \mathbf{x}_t + \mathbf{b}_h \right)",
    r"\mathbf{h}_{t-1}, \mathbf{b}_h: vector[n]; W_h: matrix[n, n]; V_h: matrix[n, m]; \mathbf{x}_t: vector[m]; \epsilon, \gamma: scalar, positive",
    {
        "h_t_minus_1": h_prev,
        "W_h": W_anti,
        "V_h": V_anti,
        "x_t": x_t,
        "b_h": b_anti,
        "epsilon": 0.1,
        "gamma": 0.01,
    },
    antisymmetric_step,
    source="the AntisymmetricRNN, a forward Euler step of an ODE whose Jacobian has eigenvalues with real part near zero, with diffusion gamma (Chang, Chen, Haber and Chi, 2019, AntisymmetricRNN: A Dynamical System View on Recurrent Neural Networks, ICLR, Sec. 4)",
    note="I the identity; the value is the vector h_t",
)
W_z = rnd(9722, n_h, m_x)
U_z = rnd(9723, n_h, n_h)


def chung_update_gate(W_z, x_t, U_z, h_t_minus_1, j):
    pre = W_z @ x_t + U_z @ h_t_minus_1
    return float(sigmoid(pre[int(j) - 1]))


row(
    "gru_update_gate_chung",
    r"z_t^j = \sigma\left( W_z \mathbf{x}_t + U_z \mathbf{h}_{t-1} \right)^j",
    r"W_z: matrix[n, m]; U_z: matrix[n, n]; \mathbf{x}_t: vector[m]; \mathbf{h}_{t-1}: vector[n]; j: label[n]",
    {"W_z": W_z, "x_t": x_t, "U_z": U_z, "h_t_minus_1": h_prev, "j": 1},
    chung_update_gate,
    wrt="W_{z}",
    key="W_z",
    source="the update gate of the j-th unit of the GRU in Chung et al.'s notation, the j-th entry of a vector written as a superscript (Chung, Gulcehre, Cho and Bengio, 2014, Empirical Evaluation of Gated Recurrent Neural Networks on Sequence Modeling, NIPS Workshop, Sec. 3.2)",
    note="(v)^j the j-th entry of the vector v (a superscript index, not a power); sigma the logistic sigmoid",
)

if __name__ == "__main__":
    A.write()
