"""Graph neural networks and graph regularizers (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, sigmoid, softmax

A = Area("gnn")
row = A.row

N = 5
Adj = np.zeros((N, N))
for i, j in [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)]:
    Adj[i, j] = Adj[j, i] = 1.0
At = Adj + np.eye(N)
dt = At.sum(1)
Ahat = np.diag(dt**-0.5) @ At @ np.diag(dt**-0.5)
X = rnd(800, N, 3)
W0, W1 = rnd(801, 3, 4), rnd(802, 4, 2)


def gcn2(A_hat, X, W_sup_0, W_sup_1):
    Hd = np.maximum(A_hat @ X @ W_sup_0, 0)
    return softmax(A_hat @ Hd @ W_sup_1, axis=1)


row(
    "gcn_two_layer",
    r"Z = \operatorname{softmax}\left(\hat{A} \operatorname{ReLU}\left(\hat{A} X W^{(0)}\right) W^{(1)}\right)",
    r"\hat{A}: matrix[N, N]; X: matrix[N, C]; W^{(0)}: matrix[C, H]; W^{(1)}: matrix[H, F]",
    {"A_hat": Ahat.tolist(), "X": X, "W_sup_0": W0, "W_sup_1": W1},
    gcn2,
    source="two-layer GCN (Kipf and Welling, 2017, Eq. 9), softmax applied row-wise",
)
row(
    "renormalization_trick",
    r"\tilde{D}^{-\frac{1}{2}} (A + I_N) \tilde{D}^{-\frac{1}{2}}",
    r"A: symmetric[N]; \tilde{D}: spd[N]",
    {"A": Adj.tolist(), "D_tilde": np.diag(dt).tolist()},
    lambda A, D_tilde: (
        np.diag(np.diag(D_tilde) ** -0.5) @ (A + np.eye(len(A))) @ np.diag(np.diag(D_tilde) ** -0.5)
    ),
    source="renormalized propagation matrix (Kipf and Welling, 2017, Sec. 2.2), D~_ii = sum_j (A + I_N)_ij",
)
H = rnd(803, N, 3)
Wg = rnd(804, 3, 2)


def gcn_entries(A_tilde, d_tilde, H, W):
    n, F = A_tilde.shape[0], W.shape[1]
    out = np.zeros((n, F))
    for i in range(n):
        for k in range(F):
            s = 0.0
            for j in range(n):
                s += (
                    A_tilde[i, j]
                    / math.sqrt(d_tilde[i] * d_tilde[j])
                    * sum(H[j, c] * W[c, k] for c in range(H.shape[1]))
                )
            out[i, k] = max(s, 0.0)
    return out


row(
    "gcn_neighbour_sum",
    r"Z_{ik} = \operatorname{ReLU}\left(\sum_{j=1}^{N} \frac{\tilde{A}_{ij}}{\sqrt{\tilde{d}_i \tilde{d}_j}} \sum_{c=1}^{C} H_{jc} W_{ck}\right)",
    r"\tilde{A}: matrix[N, N]; \tilde{d}: vector[N], positive; H: matrix[N, C]; W: matrix[C, F]; i, j, k, c: index",
    {"A_tilde": At.tolist(), "d_tilde": dt.tolist(), "H": H, "W": Wg},
    gcn_entries,
    source="GCN layer node-wise, neighbours through the entries of A~ = A + I (Kipf and Welling, 2017, Eq. 2)",
)


def norm_adj(A):
    n = len(A)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = (A[i, j] + (1.0 if i == j else 0.0)) / math.sqrt(
                (1 + A[i].sum()) * (1 + A[j].sum())
            )
    return out


row(
    "normalized_adjacency_entries",
    r"\hat{A}_{ij} = \frac{A_{ij} + \delta_{ij}}{\sqrt{\left(1 + \sum_{k=1}^{N} A_{ik}\right) \left(1 + \sum_{k=1}^{N} A_{jk}\right)}}",
    "A: matrix[N, N]; i, j, k: index",
    {"A": Adj.tolist()},
    norm_adj,
    source="entries of D~^-1/2 (A + I) D~^-1/2 (Kipf and Welling, 2017, Sec. 2.2)",
)


def sage(A, H):
    n, F = H.shape
    out = np.zeros((n, F))
    for v in range(n):
        for k in range(F):
            out[v, k] = (H[v, k] + sum(A[v, u] * H[u, k] for u in range(n))) / (1 + A[v].sum())
    return out


row(
    "sage_mean_aggregator",
    r"\bar{h}_{vk} = \frac{H_{vk} + \sum_{u=1}^{N} A_{vu} H_{uk}}{1 + \sum_{u=1}^{N} A_{vu}}",
    "A: matrix[N, N]; H: matrix[N, F]; v, u, k: index",
    {"A": Adj.tolist(), "H": H},
    sage,
    source="GraphSAGE mean aggregator over {h_v} and its neighbours (Hamilton, Ying and Leskovec, 2017, Sec. 3.3)",
)
sp = rnd(805, N, lo=0.1, hi=1.0)
tp = rnd(806, N, lo=0.1, hi=1.0)


def gat(A, s, t, slope=0.2):
    n = len(A)
    lrelu = lambda z: z if z > 0 else slope * z  # noqa: E731
    out = np.zeros((n, n))
    for i in range(n):
        den = sum(A[i, k] * math.exp(lrelu(s[i] + t[k])) for k in range(n))
        for j in range(n):
            out[i, j] = A[i, j] * math.exp(lrelu(s[i] + t[j])) / den
    return out


row(
    "gat_coefficients",
    r"\alpha_{ij} = \frac{A_{ij} \exp(\operatorname{LeakyReLU}(s_i + t_j))}{\sum_{k=1}^{N} A_{ik} \exp(\operatorname{LeakyReLU}(s_i + t_k))}",
    "A: matrix[N, N]; s, t: vector[N]; i, j, k: index",
    {"A": At.tolist(), "s": sp, "t": tp},
    gat,
    source="GAT attention coefficients (Velickovic et al., 2018, Eq. 3), a^T [W h_i || W h_j] = s_i + t_j, neighbourhood with self-loops as entries of A",
    note="all arguments of LeakyReLU are positive here, so its negative slope does not matter",
)
sn = rnd(807, N, lo=-1.0, hi=0.6)
tn = rnd(808, N, lo=-1.0, hi=0.6)
row(
    "gat_max_form",
    r"\alpha_{ij} = \frac{A_{ij} \exp(\max(0.2 (s_i + t_j), s_i + t_j))}{\sum_{k=1}^{N} A_{ik} \exp(\max(0.2 (s_i + t_k), s_i + t_k))}",
    "A: matrix[N, N]; s, t: vector[N]; i, j, k: index",
    {"A": At.tolist(), "s": sn, "t": tn},
    gat,
    source="GAT attention coefficients (Velickovic et al., 2018, Eq. 3) with LeakyReLU of slope 0.2 written as a max",
)
fv = rnd(809, N)
row(
    "laplacian_quadratic_sum",
    r"\frac{1}{2} \sum_{i,j=1}^{n} w_{ij} (f_i - f_j)^2",
    "w: symmetric[n]; f: vector[n]; i, j: index",
    {"w": Adj.tolist(), "f": fv},
    lambda w, f: (
        0.5 * sum(w[i, j] * (f[i] - f[j]) ** 2 for i in range(len(f)) for j in range(len(f)))
    ),
    wrt="f",
    source="graph Laplacian quadratic form f^T L f (von Luxburg, 2007, Prop. 1)",
)
row(
    "laplacian_matrix_form",
    r"x^\top (\operatorname{diag}(A \mathbf{1}_N) - A) x",
    "A: symmetric[N]; x: vector[N]",
    {"A": Adj.tolist(), "x": fv},
    lambda A, x: float(x @ (np.diag(A.sum(1)) - A) @ x),
    wrt="x",
    source="x^T L x with L = D - A, D = diag(A 1) (Chung, 1997; von Luxburg, 2007, Sec. 3.1)",
)
Wz = Adj * np.asarray(rnd(810, N, N, lo=0.5, hi=1.0))
Wz = (Wz + Wz.T) / 2
Dz = np.diag(Wz.sum(1))
Fz, Yz = rnd(811, N, 2), np.eye(N)[:, :2][[0, 1, 0, 1, 0]]


def zhou(W, D, F, Y, mu):
    n = len(W)
    s = 0.0
    for i in range(n):
        for j in range(n):
            s += W[i, j] * float(
                ((F[i] / math.sqrt(D[i, i]) - F[j] / math.sqrt(D[j, j])) ** 2).sum()
            )
    return 0.5 * (s + mu * sum(float(((F[i] - Y[i]) ** 2).sum()) for i in range(n)))


row(
    "local_global_consistency",
    r"\frac{1}{2} \left( \sum_{i,j=1}^{n} W_{ij} \left\| \frac{1}{\sqrt{D_{ii}}} F_i - \frac{1}{\sqrt{D_{jj}}} F_j \right\|^2 + \mu \sum_{i=1}^{n} \|F_i - Y_i\|^2 \right)",
    "W: symmetric[n]; D: matrix[n, n]; F, Y: matrix[n, c]; F_i: row[F]; Y_i: row[Y]; mu: scalar, positive; i, j: index",
    {"W": Wz.tolist(), "D": Dz.tolist(), "F": Fz, "Y": Yz.tolist(), "mu": 0.5},
    zhou,
    wrt="F",
    source="cost function of learning with local and global consistency (Zhou et al., 2004, Sec. 3), F_i the rows of F",
)
Z0, Hp = rnd(812, N, 2), rnd(813, N, 2)
row(
    "appnp_step",
    r"Z^{(k+1)} = (1 - \alpha) \hat{\tilde{A}} Z^{(k)} + \alpha H",
    r"\hat{\tilde{A}}: matrix[N, N]; Z^{(k)}, H: matrix[N, C]; alpha: scalar, unit",
    {"A_tilde_hat": Ahat.tolist(), "Z_sup_k": Z0, "H": Hp, "alpha": 0.1},
    lambda A_tilde_hat, Z_sup_k, H, alpha: (1 - alpha) * A_tilde_hat @ Z_sup_k + alpha * H,
    source="APPNP propagation step (Gasteiger, Bojchevski and Gunnemann, 2019)",
)
Wgin = rnd(814, 3, 2)


def gin(A, H, W, epsilon):
    n, F = H.shape
    out = np.zeros((n, W.shape[1]))
    for v in range(n):
        for k in range(W.shape[1]):
            s = sum(
                ((1 + epsilon) * H[v, c] + sum(A[v, u] * H[u, c] for u in range(n))) * W[c, k]
                for c in range(F)
            )
            out[v, k] = max(s, 0.0)
    return out


row(
    "gin_update",
    r"h_{vk} = \operatorname{ReLU}\left(\sum_{c=1}^{F} \left((1 + \epsilon) H_{vc} + \sum_{u=1}^{N} A_{vu} H_{uc}\right) W_{ck}\right)",
    "A: matrix[N, N]; H: matrix[N, F]; W: matrix[F, K]; epsilon: scalar; v, u, c, k: index",
    {"A": Adj.tolist(), "H": H, "W": Wgin, "epsilon": 0.1},
    gin,
    source="GIN update (Xu et al., 2019, Eq. 4.1) with a one-layer ReLU MLP, neighbours through the entries of A",
)
Zs = np.asarray(softmax(np.asarray(rnd(815, N, 3, lo=-1, hi=1)), axis=1))
Ys = np.eye(3)[[0, 2, 1, 0, 1]]
mask = [1.0, 1.0, 0.0, 1.0, 0.0]
row(
    "node_classification_ce",
    r"\mathcal{L} = -\sum_{l=1}^{N} m_l \sum_{f=1}^{F} Y_{lf} \ln Z_{lf}",
    "m: vector[N]; Y, Z: matrix[N, F]; l, f: index",
    {"m": mask, "Y": Ys.tolist(), "Z": Zs.tolist()},
    lambda m, Y, Z: (
        -sum(
            m[l] * sum(Y[l, f] * math.log(Z[l, f]) for f in range(Y.shape[1]))
            for l in range(len(m))  # noqa: E741
        )
    ),
    wrt="Z",
    source="semi-supervised GCN loss (Kipf and Welling, 2017, Eq. 10), the labelled set Y_L as a 0/1 mask m",
)
Th = rnd(816, 3, 2)
row(
    "sgc",
    r"\hat{Y} = \operatorname{softmax}(S^K X \Theta)",
    r"S: matrix[N, N]; X: matrix[N, C]; \Theta: matrix[C, F]; K: scalar, integer, positive",
    {"S": Ahat.tolist(), "X": X, "Theta": Th, "K": 2.0},
    lambda S, X, Theta, K: softmax(np.linalg.matrix_power(S, int(K)) @ X @ Theta, axis=1),
    source="simple graph convolution (Wu et al., 2019), softmax row-wise",
)
Ze = rnd(817, N, 2)


def vgae(A, Z):
    n = len(A)
    s = 0.0
    for i in range(n):
        for j in range(n):
            p = float(sigmoid(Z[i] @ Z[j]))
            s += A[i, j] * math.log(p) + (1 - A[i, j]) * math.log(1 - p)
    return -s


row(
    "vgae_reconstruction",
    r"-\sum_{i=1}^{N} \sum_{j=1}^{N} \left[ A_{ij} \log \sigma(z_i^\top z_j) + (1 - A_{ij}) \log(1 - \sigma(z_i^\top z_j)) \right]",
    "A: matrix[N, N]; Z: matrix[N, d]; z_i: row[Z]; i, j: index",
    {"A": Adj.tolist(), "Z": Ze},
    vgae,
    wrt="Z",
    source="graph auto-encoder reconstruction loss with p(A_ij = 1 | z_i, z_j) = sigma(z_i^T z_j) (Kipf and Welling, 2016)",
)
D0 = np.diag(Adj.sum(1))
row(
    "cheb_first_order",
    r"\theta_0 x - \theta_1 D^{-\frac{1}{2}} A D^{-\frac{1}{2}} x",
    "x: vector[N]; A: symmetric[N]; D: spd[N]; theta_0, theta_1: scalar",
    {"x": fv, "A": Adj.tolist(), "D": D0.tolist(), "theta_0": 0.7, "theta_1": -0.4},
    lambda x, A, D, theta_0, theta_1: (
        theta_0 * x - theta_1 * np.diag(np.diag(D) ** -0.5) @ A @ np.diag(np.diag(D) ** -0.5) @ x
    ),
    source="first-order approximation of spectral graph convolutions (Kipf and Welling, 2017, Eq. 6)",
)

if __name__ == "__main__":
    A.write()
