"""Rows of the fresh corpus: contrastive learning and optimal transport (NumPy references
from each paper's definition, 0-based arrays)."""

from __future__ import annotations

import numpy as np


def contrastive(row, rnd, lse):
    A = "contrastive"
    s5 = rnd(1, 5, lo=-2, hi=2)
    row(
        A,
        "infonce_scores",
        r"\mathcal{L}_{\mathrm{InfoNCE}} = -\log \frac{\exp(s_1 / \tau)}{\sum_{j=1}^{N} \exp(s_j / \tau)}",
        "s: vector[N]; tau: scalar, positive; j: index; N: dim",
        {"s": s5, "tau": 0.5},
        lambda s, tau: -(s[0] / tau - lse(s / tau)),
        wrt="s",
        source="CPC (van den Oord et al., 2018)",
    )
    row(
        A,
        "infonce_dot_products",
        r"-\log \frac{e^{q^\top k_{+} / \tau}}{e^{q^\top k_{+} / \tau} + \sum_{i=1}^{K} e^{q^\top k_i / \tau}}",
        "q, k_{+}: vector[d]; k: matrix[K, d]; tau: scalar, positive; i: index; K, d: dim",
        {"q": rnd(2, 3), "k_plus": rnd(3, 3), "k": rnd(4, 4, 3), "tau": 0.2},
        lambda q, k_plus, k, tau: -(q @ k_plus / tau - lse(np.r_[q @ k_plus, k @ q] / tau)),
        source="MoCo (He et al., 2020), keys as rows of k",
    )
    S = rnd(5, 4, 4, lo=-1, hi=1)
    row(
        A,
        "nt_xent_indicator",
        r"\ell_{1,2} = -\log \frac{\exp(S_{12} / \tau)}{\sum_{k=1}^{n} \mathbb{1}_{[k \neq 1]} \exp(S_{1k} / \tau)}",
        "S: matrix[n, n]; tau: scalar, positive; k: index; n: dim",
        {"S": S, "tau": 0.5},
        lambda S, tau: -(S[0, 1] / tau - lse(S[0, 1:] / tau)),
        wrt="S",
        source="SimCLR NT-Xent (Chen et al., 2020)",
    )
    row(
        A,
        "cosine_similarity",
        r"\mathrm{sim}(u, v) = \frac{u^\top v}{\|u\| \|v\|}",
        "u, v: vector[d]",
        {"u": rnd(6, 4), "v": rnd(7, 4)},
        lambda u, v: u @ v / np.linalg.norm(u) / np.linalg.norm(v),
        wrt="u",
        source="SimCLR (Chen et al., 2020)",
    )
    trip = {"f_a": rnd(8, 3), "f_p": rnd(9, 3), "f_n": rnd(10, 3), "alpha": 0.4}
    row(
        A,
        "triplet_max",
        r"\max\left(\|f_a - f_p\|_2^2 - \|f_a - f_n\|_2^2 + \alpha, 0\right)",
        "f_a, f_p, f_n: vector[d]; alpha: scalar, positive",
        trip,
        lambda f_a, f_p, f_n, alpha: max(
            np.sum((f_a - f_p) ** 2) - np.sum((f_a - f_n) ** 2) + alpha, 0.0
        ),
        source="FaceNet (Schroff et al., 2015)",
    )
    row(
        A,
        "triplet_hinge_bracket",
        r"\left[ \|a - p\|_2^2 - \|a - q\|_2^2 + m \right]_+",
        "a, p, q: vector[d]; m: scalar, positive",
        {"a": rnd(8, 3), "p": rnd(9, 3), "q": rnd(10, 3), "m": 0.4},
        lambda a, p, q, m: max(np.sum((a - p) ** 2) - np.sum((a - q) ** 2) + m, 0.0),
        source="FaceNet (Schroff et al., 2015)",
    )
    mask = [0.0, 1.0, 1.0, 0.0, 1.0]
    row(
        A,
        "supcon_mask",
        r"-\frac{1}{\sum_{p=1}^{n} m_p} \sum_{p=1}^{n} m_p \log \frac{\exp(s_p / \tau)}{\sum_{a=1}^{n} \exp(s_a / \tau)}",
        "s, m: vector[n]; tau: scalar, positive; a, p: index; n: dim",
        {"s": s5, "m": mask, "tau": 0.3},
        lambda s, m, tau: -np.sum(m * (s / tau - lse(s / tau))) / np.sum(m),
        wrt="s",
        source="SupCon (Khosla et al., 2020), positives as a mask",
    )
    X, Y = rnd(11, 3, 2), rnd(12, 3, 2)
    row(
        A,
        "alignment_entries",
        r"\mathcal{L}_{\mathrm{align}} = \frac{1}{N} \sum_{i=1}^{N} \sum_{j=1}^{d} (X_{ij} - Y_{ij})^2",
        "X, Y: matrix[N, d]; i, j: index",
        {"X": X, "Y": Y},
        lambda X, Y: np.sum((X - Y) ** 2) / X.shape[0],
        source="alignment loss (Wang and Isola, 2020)",
    )
    row(
        A,
        "alignment_rows",
        r"\mathcal{L}_{\mathrm{align}} = \frac{1}{N} \sum_{i=1}^{N} \| x_i - y_i \|_2^2",
        "x, y: matrix[N, d]; i: index",
        {"x": X, "y": Y},
        lambda x, y: np.sum((x - y) ** 2) / x.shape[0],
        source="alignment loss (Wang and Isola, 2020), rows of x and y",
    )
    row(
        A,
        "uniformity",
        r"\mathcal{L}_{\mathrm{uniform}} = \log \frac{1}{N^2} \sum_{i=1}^{N} \sum_{j=1}^{N} \exp\left(-t \sum_{k=1}^{d} (X_{ik} - X_{jk})^2\right)",
        "X: matrix[N, d]; t: scalar, positive; i, j, k: index",
        {"X": X, "t": 2.0},
        lambda X, t: np.log(np.mean(np.exp(-t * ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)))),
        source="uniformity loss (Wang and Isola, 2020)",
    )
    row(
        A,
        "contrastive_margin",
        r"\frac{1}{2}(1 - Y) D_W^2 + \frac{1}{2} Y \left(\max(0, m - D_W)\right)^2",
        "Y, D_W, m: scalar",
        {"Y": 1.0, "D_W": 0.6, "m": 1.5},
        lambda Y, D_W, m: 0.5 * (1 - Y) * D_W**2 + 0.5 * Y * max(0.0, m - D_W) ** 2,
        source="contrastive loss (Hadsell, Chopra and LeCun, 2006)",
    )
    row(
        A,
        "tempered_softmax",
        r"p_j = \frac{e^{s_j / \tau}}{\sum_{k} e^{s_k / \tau}}",
        "s: vector[n]; tau: scalar, positive; j, k: index",
        {"s": s5, "tau": 0.5},
        lambda s, tau: np.exp(s / tau - lse(s / tau)),
        source="temperature-scaled softmax (Hinton et al., 2015)",
    )
    L = rnd(13, 3, 3, lo=-2, hi=2)
    row(
        A,
        "clip_symmetric",
        r"\mathcal{L} = \frac{1}{2N} \sum_{i=1}^{N} \left( -\log \frac{e^{L_{ii}}}{\sum_{j=1}^{N} e^{L_{ij}}} - \log \frac{e^{L_{ii}}}{\sum_{j=1}^{N} e^{L_{ji}}} \right)",
        "L: matrix[N, N]; i, j: index; N: dim",
        {"L": L},
        lambda L: (
            (np.sum(lse(L, axis=1) - np.diag(L)) + np.sum(lse(L, axis=0) - np.diag(L)))
            / (2 * L.shape[0])
        ),
        wrt="L",
        source="CLIP (Radford et al., 2021)",
    )
    row(
        A,
        "decoupled_contrastive",
        r"-\frac{s_1}{\tau} + \log \sum_{j=2}^{N} e^{s_j / \tau}",
        "s: vector[N]; tau: scalar, positive; j: index",
        {"s": s5, "tau": 0.5},
        lambda s, tau: -s[0] / tau + lse(s[1:] / tau),
        source="DCL (Yeh et al., 2022)",
    )


def transport(row, rnd, simplex, lse):
    A = "ot"
    n, m = 3, 4
    a, b = simplex(20, n), simplex(21, m)
    C = rnd(22, n, m, lo=0, hi=1)
    eps = 0.5
    K = np.exp(-np.asarray(C) / eps)
    v = rnd(23, m, lo=0.5, hi=1.5)
    u = rnd(24, n, lo=0.5, hi=1.5)
    row(
        A,
        "sinkhorn_u",
        r"u_i = \frac{a_i}{\sum_{j=1}^{m} K_{ij} v_j}",
        "a, u: vector[n]; v: vector[m]; K: matrix[n, m]; i, j: index",
        {"a": a, "K": K.tolist(), "v": v},
        lambda a, K, v: a / (K @ v),
        source="Sinkhorn iterations (Cuturi, 2013)",
    )
    row(
        A,
        "sinkhorn_v",
        r"v_j = \frac{b_j}{\sum_{i=1}^{n} K_{ij} u_i}",
        "b, v: vector[m]; u: vector[n]; K: matrix[n, m]; i, j: index",
        {"b": b, "K": K.tolist(), "u": u},
        lambda b, K, u: b / (K.T @ u),
        source="Sinkhorn iterations (Cuturi, 2013)",
    )
    row(
        A,
        "gibbs_kernel",
        r"K_{ij} = e^{-C_{ij} / \varepsilon}",
        "C: matrix[n, m]; varepsilon: scalar, positive; i, j: index",
        {"C": C, "varepsilon": eps},
        lambda C, varepsilon: np.exp(-C / varepsilon),
        source="Cuturi (2013)",
    )
    row(
        A,
        "sinkhorn_oslash",
        r"u = a \oslash (K v)",
        "a: vector[n]; v: vector[m]; K: matrix[n, m]",
        {"a": a, "K": K.tolist(), "v": v},
        lambda a, K, v: a / (K @ v),
        source="Computational OT (Peyre and Cuturi, 2019), Eq. 4.15",
    )
    row(
        A,
        "plan_entries",
        r"P_{ij} = u_i K_{ij} v_j",
        "u: vector[n]; v: vector[m]; K: matrix[n, m]; i, j: index",
        {"u": u, "K": K.tolist(), "v": v},
        lambda u, K, v: u[:, None] * K * v[None, :],
        source="Cuturi (2013)",
    )
    P = np.asarray(u)[:, None] * K * np.asarray(v)[None, :]
    P = (P / P.sum()).tolist()
    row(
        A,
        "transport_cost",
        r"\langle P, C \rangle = \sum_{i=1}^{n} \sum_{j=1}^{m} P_{ij} C_{ij}",
        "P, C: matrix[n, m]; i, j: index",
        {"P": P, "C": C},
        lambda P, C: np.sum(P * C),
        wrt="P",
        source="Kantorovich problem (Peyre and Cuturi, 2019)",
    )
    row(
        A,
        "transport_cost_trace",
        r"\operatorname{tr}(P^\top C)",
        "P, C: matrix[n, m]",
        {"P": P, "C": C},
        lambda P, C: np.trace(P.T @ C),
        source="Kantorovich problem, trace form",
    )
    row(
        A,
        "entropic_objective",
        r"\sum_{i=1}^{n} \sum_{j=1}^{m} P_{ij} C_{ij} + \varepsilon \sum_{i=1}^{n} \sum_{j=1}^{m} P_{ij} (\log P_{ij} - 1)",
        "P, C: matrix[n, m]; varepsilon: scalar, positive; i, j: index",
        {"P": P, "C": C, "varepsilon": eps},
        lambda P, C, varepsilon: np.sum(P * C) + varepsilon * np.sum(P * (np.log(P) - 1)),
        wrt="P",
        source="entropic OT (Cuturi, 2013; Peyre and Cuturi, 2019 Eq. 4.2)",
    )
    row(
        A,
        "plan_entropy",
        r"H(P) = -\sum_{i,j} P_{ij} (\log P_{ij} - 1)",
        "P: matrix[n, m]; i, j: index",
        {"P": P},
        lambda P: -np.sum(P * (np.log(P) - 1)),
        source="Peyre and Cuturi (2019), Eq. 4.1",
    )
    xs = [0.0, 0.5, 1.2, 2.0, 3.1]
    aa, bb = simplex(25, 5), simplex(26, 5)
    row(
        A,
        "w1_cdf",
        r"W_1 = \sum_{k=1}^{n-1} |F_k - G_k| (x_{k+1} - x_k)",
        "F, G, x: vector[n]; k: index; n: dim",
        {"F": np.cumsum(aa).tolist(), "G": np.cumsum(bb).tolist(), "x": xs},
        lambda F, G, x: np.sum(np.abs(F - G)[:-1] * np.diff(x)),
        source="1-D Wasserstein-1 via CDFs (Peyre and Cuturi, 2019, Rem. 2.30)",
    )
    row(
        A,
        "w1_cumsum",
        r"W_1(a, b) = \sum_{k=1}^{n-1} \left| \sum_{i=1}^{k} (a_i - b_i) \right| (x_{k+1} - x_k)",
        "a, b: simplex[n]; x: vector[n]; i, k: index; n: dim",
        {"a": aa, "b": bb, "x": xs},
        lambda a, b, x: np.sum(np.abs(np.cumsum(a - b))[:-1] * np.diff(x)),
        source="1-D Wasserstein-1 as cumulative sums",
    )
    row(
        A,
        "w2_sorted",
        r"W_2 = \left( \frac{1}{n} \sum_{i=1}^{n} (x_i - y_i)^2 \right)^{1/2}",
        "x, y: vector[n]; i: index",
        {"x": [0.1, 0.4, 0.9, 1.3], "y": [0.0, 0.7, 0.8, 2.0]},
        lambda x, y: np.sqrt(np.mean((x - y) ** 2)),
        wrt="x",
        source="1-D Wasserstein-2 of sorted samples",
    )
    f0, g0 = rnd(27, n, lo=-0.5, hi=0.5), rnd(28, m, lo=-0.5, hi=0.5)
    row(
        A,
        "entropic_dual",
        r"\sum_{i=1}^{n} a_i f_i + \sum_{j=1}^{m} b_j g_j - \varepsilon \sum_{i=1}^{n} \sum_{j=1}^{m} e^{(f_i + g_j - C_{ij}) / \varepsilon}",
        "a, f: vector[n]; b, g: vector[m]; C: matrix[n, m]; varepsilon: scalar, positive; i, j: index",
        {"a": a, "f": f0, "b": b, "g": g0, "C": C, "varepsilon": eps},
        lambda a, f, b, g, C, varepsilon: (
            a @ f + b @ g - varepsilon * np.sum(np.exp((f[:, None] + g[None, :] - C) / varepsilon))
        ),
        wrt="f",
        source="entropic dual (Peyre and Cuturi, 2019, Prop. 4.4)",
    )
    row(
        A,
        "log_sinkhorn_f",
        r"f_i = -\varepsilon \log \sum_{j=1}^{m} e^{(g_j - C_{ij}) / \varepsilon} + \varepsilon \log a_i",
        "a: vector[n]; g: vector[m]; C: matrix[n, m]; varepsilon: scalar, positive; i, j: index",
        {"a": a, "g": g0, "C": C, "varepsilon": eps},
        lambda a, g, C, varepsilon: (
            -varepsilon * lse((g[None, :] - C) / varepsilon, axis=1) + varepsilon * np.log(a)
        ),
        source="log-domain Sinkhorn (Peyre and Cuturi, 2019, Eq. 4.43)",
    )
    row(
        A,
        "marginal_error",
        r"\|P \mathbf{1}_m - a\|_1",
        "P: matrix[n, m]; a: vector[n]",
        {"P": P, "a": a},
        lambda P, a: np.sum(np.abs(P.sum(1) - a)),
        source="Sinkhorn stopping criterion (Peyre and Cuturi, 2019)",
    )
