"""Rows of the fresh corpus: t-SNE and neighbour embeddings, and kernels (NumPy references
from each paper's definition, 0-based arrays)."""

from __future__ import annotations

import numpy as np


def sqdist(Y):
    Y = np.atleast_2d(Y.T).T
    return ((Y[:, None, :] - Y[None, :, :]) ** 2).sum(-1)


def neighbour_embedding(row, rnd, simplex):
    A = "tsne"
    X = np.asarray(rnd(50, 4, 3))
    D = sqdist(X)
    sig = [0.8, 1.0, 1.2, 0.9]
    off = ~np.eye(4, dtype=bool)

    def p_cond(D, sigma):
        E = np.exp(-D / (2 * sigma[:, None] ** 2))
        return E / (E * off).sum(1, keepdims=True)

    row(
        A,
        "p_cond_paper",
        r"p_{j|i} = \frac{\exp(-D_{ij} / 2\sigma_i^2)}{\sum_{k \neq i} \exp(-D_{ik} / 2\sigma_i^2)}",
        "D: matrix[n, n]; sigma: vector[n]; i, j, k: index",
        {"D": D.tolist(), "sigma": sig},
        p_cond,
        source="t-SNE (van der Maaten and Hinton, 2008, Eq. 1), D the squared distances",
        note="as the paper typesets it: / 2\\sigma_i^2 means divided by 2 sigma_i^2",
    )
    row(
        A,
        "p_cond_frac",
        r"p_{j|i} = \frac{\exp\left(-\frac{D_{ij}}{2\sigma_i^2}\right)}{\sum_{k \neq i} \exp\left(-\frac{D_{ik}}{2\sigma_i^2}\right)}",
        "D: matrix[n, n]; sigma: vector[n]; i, j, k: index",
        {"D": D.tolist(), "sigma": sig},
        p_cond,
        source="t-SNE (van der Maaten and Hinton, 2008, Eq. 1)",
    )
    Pc = p_cond(D, np.asarray(sig)) * off
    row(
        A,
        "p_joint",
        r"p_{ij} = \frac{p_{j|i} + p_{i|j}}{2n}",
        "p: matrix[n, n]; i, j: index; n: dim",
        {"p": Pc.T.tolist()},
        lambda p: (p + p.T) / (2 * p.shape[0]),
        source="t-SNE symmetrised affinities (Eq. 3)",
        note="p[i][j] holds p_{i|j}; the reading must be consistent with the notation p_{j|i}",
    )
    Y = np.asarray(rnd(51, 4, 2, lo=-2, hi=2))
    Dy = sqdist(Y)

    def q_of(D):
        W = 1 / (1 + D)
        return W / (W * off).sum()

    row(
        A,
        "q_student",
        r"q_{ij} = \frac{(1 + D_{ij})^{-1}}{\sum_{k \neq l} (1 + D_{kl})^{-1}}",
        "D: matrix[n, n]; i, j, k, l: index",
        {"D": Dy.tolist()},
        q_of,
        source="t-SNE low-dimensional affinities (Eq. 4), D the squared distances",
    )
    row(
        A,
        "q_student_rows",
        r"q_{ij} = \frac{(1 + \|y_i - y_j\|^2)^{-1}}{\sum_{k \neq l} (1 + \|y_k - y_l\|^2)^{-1}}",
        "y: matrix[n, 2]; i, j, k, l: index",
        {"y": Y.tolist()},
        lambda y: q_of(sqdist(y)),
        source="t-SNE (Eq. 4), y_i the rows of the embedding",
    )
    Pm = np.asarray(rnd(52, 3, 3, lo=0.1, hi=1))
    Pm = Pm / Pm.sum()
    Qm = np.asarray(rnd(53, 3, 3, lo=0.1, hi=1))
    Qm = Qm / Qm.sum()
    row(
        A,
        "kl_cost",
        r"C = \sum_i \sum_j p_{ij} \log \frac{p_{ij}}{q_{ij}}",
        "p, q: matrix[n, n]; i, j: index",
        {"p": Pm.tolist(), "q": Qm.tolist()},
        lambda p, q: np.sum(p * np.log(p / q)),
        wrt="q",
        source="t-SNE cost (Eq. 2)",
    )
    y1 = [0.3, -1.0, 0.8, 1.6]
    P4 = (Pc + Pc.T) / 8
    Q4 = q_of(sqdist(np.asarray(y1)))
    row(
        A,
        "tsne_gradient_1d",
        r"\frac{\partial C}{\partial y_i} = 4 \sum_{j=1}^{n} (P_{ij} - Q_{ij})(y_i - y_j)(1 + (y_i - y_j)^2)^{-1}",
        "P, Q: matrix[n, n]; y: vector[n]; i, j: index",
        {"P": P4.tolist(), "Q": Q4.tolist(), "y": y1},
        lambda P, Q, y: 4 * np.sum((P - Q) * (y[:, None] - y) / (1 + (y[:, None] - y) ** 2), 1),
        source="t-SNE gradient (Eq. 5), one-dimensional embedding",
    )
    pr = simplex(54, 5)
    row(
        A,
        "perplexity",
        r"\mathrm{Perp}(P_i) = 2^{-\sum_{j} p_j \log_2 p_j}",
        "p: simplex[n]; j: index",
        {"p": pr},
        lambda p: 2 ** (-np.sum(p * np.log2(p))),
        wrt="p",
        source="t-SNE perplexity (Section 2)",
    )
    row(
        A,
        "entropy_bits",
        r"H(P_i) = -\sum_{j=1}^{n} p_j \log_2 p_j",
        "p: simplex[n]; j: index",
        {"p": pr},
        lambda p: -np.sum(p * np.log2(p)),
        source="t-SNE (Section 2)",
    )
    row(
        A,
        "sne_q_cond",
        r"q_{j|i} = \frac{e^{-(y_i - y_j)^2}}{\sum_{k \neq i} e^{-(y_i - y_k)^2}}",
        "y: vector[n]; i, j, k: index",
        {"y": y1},
        lambda y: (lambda E: E / (E * off).sum(1, keepdims=True))(np.exp(-sqdist(y))),
        source="SNE (Hinton and Roweis, 2002), one-dimensional map",
    )
    row(
        A,
        "student_t_kernel",
        r"\left(1 + \frac{d^2}{\alpha}\right)^{-\frac{\alpha + 1}{2}}",
        "d: scalar; alpha: scalar, positive",
        {"d": 1.3, "alpha": 1.0},
        lambda d, alpha: (1 + d**2 / alpha) ** (-(alpha + 1) / 2),
        wrt="d",
        source="heavy-tailed t-SNE (van der Maaten, 2009)",
    )
    rho = [0.2, 0.1, 0.3, 0.15]
    row(
        A,
        "umap_membership",
        r"v_{j|i} = \exp\left(\frac{-(d_{ij} - \rho_i)}{\sigma_i}\right)",
        "d: matrix[n, n]; rho, sigma: vector[n]; i, j: index",
        {"d": np.sqrt(D).tolist(), "rho": rho, "sigma": sig},
        lambda d, rho, sigma: np.exp(-(d - rho[:, None]) / sigma[:, None]),
        source="UMAP (McInnes et al., 2018, Def. 9)",
    )
    row(
        A,
        "umap_low_dim",
        r"\left(1 + a |y_i - y_j|^{2b}\right)^{-1}",
        "y: vector[n]; a, b: scalar, positive; i, j: index",
        {"y": y1, "a": 1.58, "b": 0.9},
        lambda y, a, b: 1 / (1 + a * np.abs(y[:, None] - y) ** (2 * b)),
        source="UMAP (McInnes et al., 2018), 1-D embedding",
    )
    V = np.asarray(rnd(55, 3, 3, lo=0.1, hi=0.9))
    W = np.asarray(rnd(56, 3, 3, lo=0.1, hi=0.9))
    row(
        A,
        "umap_cross_entropy",
        r"\sum_{i,j} \left[ v_{ij} \log \frac{v_{ij}}{w_{ij}} + (1 - v_{ij}) \log \frac{1 - v_{ij}}{1 - w_{ij}} \right]",
        "v, w: matrix[n, n]; i, j: index",
        {"v": V.tolist(), "w": W.tolist()},
        lambda v, w: np.sum(v * np.log(v / w) + (1 - v) * np.log((1 - v) / (1 - w))),
        wrt="w",
        source="UMAP cross-entropy (McInnes et al., 2018)",
    )


def kernels(row, rnd):
    A = "kernels"
    x, y = rnd(60, 3), rnd(61, 3)
    row(
        A,
        "rbf_lengthscale",
        r"k(x, y) = \exp\left(-\frac{\|x - y\|^2}{2\ell^2}\right)",
        "x, y: vector[d]; ell: scalar, positive",
        {"x": x, "y": y, "ell": 0.7},
        lambda x, y, ell: np.exp(-np.sum((x - y) ** 2) / (2 * ell**2)),
        wrt="x",
        source="RBF kernel (Rasmussen and Williams, 2006, Eq. 4.9)",
    )
    row(
        A,
        "rbf_gamma",
        r"\exp(-\gamma \|x - y\|_2^2)",
        "x, y: vector[d]; gamma: scalar, positive",
        {"x": x, "y": y, "gamma": 1.5},
        lambda x, y, gamma: np.exp(-gamma * np.sum((x - y) ** 2)),
        source="scikit-learn rbf_kernel",
    )
    row(
        A,
        "polynomial",
        r"(\langle x, y \rangle + c)^p",
        "x, y: vector[d]; c: scalar, positive; p: scalar, positive, integer",
        {"x": x, "y": y, "c": 1.0, "p": 3.0},
        lambda x, y, c, p: (x @ y + c) ** p,
        source="polynomial kernel (Scholkopf and Smola, 2002)",
    )
    row(
        A,
        "polynomial_transpose",
        r"(\gamma x^\top y + c_0)^3",
        "x, y: vector[d]; gamma, c_0: scalar",
        {"x": x, "y": y, "gamma": 0.5, "c_0": 1.0},
        lambda x, y, gamma, c_0: (gamma * x @ y + c_0) ** 3,
        source="scikit-learn polynomial_kernel",
    )
    row(
        A,
        "matern32",
        r"k_{3/2}(r) = \sigma^2 \left(1 + \frac{\sqrt{3} r}{\ell}\right) \exp\left(-\frac{\sqrt{3} r}{\ell}\right)",
        "r: scalar, nonnegative; sigma, ell: scalar, positive",
        {"r": 0.8, "sigma": 1.2, "ell": 0.5},
        lambda r, sigma, ell: sigma**2 * (1 + np.sqrt(3) * r / ell) * np.exp(-np.sqrt(3) * r / ell),
        wrt="r",
        source="Matern 3/2 (Rasmussen and Williams, 2006, Eq. 4.17)",
    )
    row(
        A,
        "matern52",
        r"k_{5/2}(r) = \left(1 + \frac{\sqrt{5} r}{\ell} + \frac{5 r^2}{3 \ell^2}\right) \exp\left(-\frac{\sqrt{5} r}{\ell}\right)",
        "r: scalar, nonnegative; ell: scalar, positive",
        {"r": 0.8, "ell": 0.5},
        lambda r, ell: (
            (1 + np.sqrt(5) * r / ell + 5 * r**2 / (3 * ell**2)) * np.exp(-np.sqrt(5) * r / ell)
        ),
        source="Matern 5/2 (Rasmussen and Williams, 2006, Eq. 4.17)",
    )
    row(
        A,
        "laplacian",
        r"\exp\left(-\frac{\|x - y\|_1}{\sigma}\right)",
        "x, y: vector[d]; sigma: scalar, positive",
        {"x": x, "y": y, "sigma": 0.9},
        lambda x, y, sigma: np.exp(-np.sum(np.abs(x - y)) / sigma),
        source="Laplacian kernel",
    )
    row(
        A,
        "rational_quadratic",
        r"\left(1 + \frac{\|x - y\|^2}{2 \alpha \ell^2}\right)^{-\alpha}",
        "x, y: vector[d]; alpha, ell: scalar, positive",
        {"x": x, "y": y, "alpha": 2.0, "ell": 0.7},
        lambda x, y, alpha, ell: (1 + np.sum((x - y) ** 2) / (2 * alpha * ell**2)) ** -alpha,
        source="rational quadratic (Rasmussen and Williams, 2006, Eq. 4.19)",
    )
    row(
        A,
        "periodic",
        r"\exp\left(-\frac{2 \sin^2(\pi |x - y| / p)}{\ell^2}\right)",
        "x, y: scalar; p, ell: scalar, positive",
        {"x": 0.3, "y": 1.1, "p": 2.0, "ell": 0.8},
        lambda x, y, p, ell: np.exp(-2 * np.sin(np.pi * abs(x - y) / p) ** 2 / ell**2),
        source="periodic kernel (MacKay, 1998)",
    )
    rng = np.random.default_rng(62)
    Xs, Ys = rng.normal(size=(4, 2)), rng.normal(0.5, 1, size=(3, 2))

    def gram(U, V):
        return np.exp(-sqdist(np.vstack([U, V]))[: len(U), len(U) :] / 2)

    Kxx, Kyy, Kxy = gram(Xs, Xs), gram(Ys, Ys), gram(Xs, Ys)

    def mmd_u(K, L, M):
        m, n = len(K), len(L)
        return (
            (K.sum() - np.trace(K)) / (m * (m - 1))
            + (L.sum() - np.trace(L)) / (n * (n - 1))
            - 2 * M.sum() / (m * n)
        )

    grams = {"K": Kxx.tolist(), "L": Kyy.tolist(), "M": Kxy.tolist()}
    row(
        A,
        "mmd_unbiased_neq",
        r"\widehat{\mathrm{MMD}}^2_u = \frac{1}{m(m-1)} \sum_{i \neq j} K_{ij} + \frac{1}{n(n-1)} \sum_{i \neq j} L_{ij} - \frac{2}{mn} \sum_{i=1}^{m} \sum_{j=1}^{n} M_{ij}",
        "K: matrix[m, m]; L: matrix[n, n]; M: matrix[m, n]; i, j: index",
        grams,
        mmd_u,
        source="MMD unbiased estimator (Gretton et al., 2012, Eq. 3), Gram matrices given",
    )
    row(
        A,
        "mmd_unbiased_indicator",
        r"\frac{1}{m(m-1)} \sum_{i=1}^{m} \sum_{j=1}^{m} \mathbb{1}[i \neq j] K_{ij} + \frac{1}{n(n-1)} \sum_{i=1}^{n} \sum_{j=1}^{n} \mathbb{1}[i \neq j] L_{ij} - \frac{2}{mn} \sum_{i=1}^{m} \sum_{j=1}^{n} M_{ij}",
        "K: matrix[m, m]; L: matrix[n, n]; M: matrix[m, n]; i, j: index",
        grams,
        mmd_u,
        wrt="M",
        source="MMD unbiased estimator (Gretton et al., 2012, Eq. 3)",
    )
    row(
        A,
        "mmd_biased",
        r"\frac{1}{m^2} \sum_{i,j} K_{ij} + \frac{1}{n^2} \sum_{i,j} L_{ij} - \frac{2}{mn} \sum_{i,j} M_{ij}",
        "K: matrix[m, m]; L: matrix[n, n]; M: matrix[m, n]; i, j: index",
        grams,
        lambda K, L, M: K.mean() + L.mean() - 2 * M.mean(),
        source="MMD biased estimator (Gretton et al., 2012, Eq. 5)",
    )
    Kspd = gram(Xs, Xs)
    kx = gram(Xs, np.array([[0.2, -0.1]]))[:, 0]
    yv = [0.5, -0.3, 1.2, 0.1]
    row(
        A,
        "krr_predict",
        r"f(x) = k_x^\top (K + \lambda I)^{-1} y",
        "k_x, y: vector[n]; K: spd[n]; lambda: scalar, positive",
        {"k_x": kx.tolist(), "K": Kspd.tolist(), "y": yv, "lambda": 0.1},
        lambda k_x, K, y, **k: k_x @ np.linalg.solve(K + k["lambda"] * np.eye(len(y)), y),
        wrt="y",
        source="kernel ridge regression prediction (Shawe-Taylor and Cristianini, 2004)",
    )
    row(
        A,
        "krr_dual",
        r"\alpha = (K + \lambda n I)^{-1} y",
        "y: vector[n]; K: spd[n]; lambda: scalar, positive; n: dim",
        {"K": Kspd.tolist(), "y": yv, "lambda": 0.1},
        lambda K, y, **k: np.linalg.solve(K + k["lambda"] * len(y) * np.eye(len(y)), y),
        source="kernel ridge dual coefficients",
    )
    row(
        A,
        "gp_variance",
        r"k_{**} - k_*^\top (K + \sigma_n^2 I)^{-1} k_*",
        "k_*: vector[n]; K: spd[n]; k_{**}, sigma_n: scalar",
        {"k_*": kx.tolist(), "K": Kspd.tolist(), "k_{**}": 1.0, "sigma_n": 0.3},
        lambda K, sigma_n, **k: (
            k["k_{**}"] - k["k_*"] @ np.linalg.solve(K + sigma_n**2 * np.eye(len(K)), k["k_*"])
        ),
        source="GP predictive variance (Rasmussen and Williams, 2006, Eq. 2.26)",
    )
    row(
        A,
        "gp_log_marginal",
        r"-\frac{1}{2} y^\top (K + \sigma^2 I)^{-1} y - \frac{1}{2} \log \det (K + \sigma^2 I) - \frac{n}{2} \log 2\pi",
        "y: vector[n]; K: spd[n]; sigma: scalar, positive; n: dim",
        {"y": yv, "K": Kspd.tolist(), "sigma": 0.4},
        lambda y, K, sigma: (
            -0.5 * y @ np.linalg.solve(K + sigma**2 * np.eye(len(y)), y)
            - 0.5 * np.linalg.slogdet(K + sigma**2 * np.eye(len(y)))[1]
            - len(y) / 2 * np.log(2 * np.pi)
        ),
        wrt="y",
        source="GP log marginal likelihood (Rasmussen and Williams, 2006, Eq. 2.30)",
    )
