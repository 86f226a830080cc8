"""Neural rendering and NeRF: the volume rendering quadrature (transmittance, weights, grey and RGB
colour, expected depth and accumulated opacity), front-to-back alpha compositing, the photometric
loss and PSNR, mip-NeRF's integrated positional encoding and mip-NeRF 360's distortion loss, NeuS's
discrete opacity, and the projected 2D Gaussians of 3D Gaussian splatting (NumPy references from
each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("rendering")
row = A.row

sig = rnd(6100, 5, lo=0.1, hi=2.0)
dl = rnd(6101, 5, lo=0.1, hi=0.5)
c_gray = rnd(6102, 5, lo=0.0, hi=1.0)
C_rgb = rnd(6103, 5, 3, lo=0.0, hi=1.0)
t_mid = np.cumsum(dl).round(3).tolist()


def transmittance(sigma, delta):
    N = len(sigma)
    return np.array([math.exp(-sum(sigma[j] * delta[j] for j in range(i))) for i in range(N)])


row(
    "nerf_transmittance",
    r"T_i = \exp\left( -\sum_{j=1}^{i-1} \sigma_j \delta_j \right)",
    r"\sigma, \delta: vector[N]; i, j: index",
    {"sigma": sig, "delta": dl},
    transmittance,
    source="accumulated transmittance along the ray up to sample i (Mildenhall et al., 2020, NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis, Eq. 3)",
    note="delta_j = t_{j+1} - t_j the distance between adjacent samples; the result is the vector over i = 1, ..., N (T_1 = 1, an empty sum)",
)


def nerf_color(sigma, delta, c):
    T = transmittance(sigma, delta)
    return float(sum(T[i] * (1 - math.exp(-sigma[i] * delta[i])) * c[i] for i in range(len(c))))


row(
    "nerf_color_quadrature",
    r"\hat{C}(\mathbf{r}) = \sum_{i=1}^{N} \exp\left( -\sum_{j=1}^{i-1} \sigma_j \delta_j \right) \left(1 - \exp(-\sigma_i \delta_i)\right) c_i",
    r"\sigma, \delta, c: vector[N]; i, j: index",
    {"sigma": sig, "delta": dl, "c": c_gray},
    nerf_color,
    wrt=r"\sigma",
    key="sigma",
    source="quadrature estimate of the colour of ray r from the densities and colours of N samples (Mildenhall et al., 2020, Eq. 3, after Max, 1995, Optical Models for Direct Volume Rendering)",
    note="one colour channel: c_i the channel's value at sample i; T_i written out",
)


def nerf_rgb(T, sigma, delta, C):
    return sum(T[i] * (1 - math.exp(-sigma[i] * delta[i])) * C[i] for i in range(len(sigma)))


row(
    "nerf_rgb_quadrature",
    r"\hat{C}(\mathbf{r}) = \sum_{i=1}^{N} T_i \left(1 - \exp(-\sigma_i \delta_i)\right) \mathbf{c}_i",
    r"T, \sigma, \delta: vector[N]; C: matrix[N, 3]; c_i: row[C]; i: index",
    {
        "T": transmittance(np.asarray(sig), np.asarray(dl)).tolist(),
        "sigma": sig,
        "delta": dl,
        "C": C_rgb,
    },
    nerf_rgb,
    source="the RGB colour of a ray as the weighted sum of the sample colours c_i (Mildenhall et al., 2020, Eq. 3)",
    note="T_i the transmittance exp(-sum_{j<i} sigma_j delta_j), given as the vector T computed from the same sigma and delta; c_i the RGB colour of sample i, the rows of C",
)


def nerf_weights(sigma, delta):
    T = transmittance(sigma, delta)
    return T * (1 - np.exp(-sigma * delta))


row(
    "nerf_weights",
    r"w_i = T_i \left(1 - \exp(-\sigma_i \delta_i)\right)",
    r"T, \sigma, \delta: vector[N]; i: index",
    {
        "T": transmittance(np.asarray(sig), np.asarray(dl)).tolist(),
        "sigma": sig,
        "delta": dl,
    },
    lambda T, sigma, delta: T * (1 - np.exp(-sigma * delta)),
    source="the weights of the piecewise-constant PDF along the ray used by hierarchical sampling (Mildenhall et al., 2020, Eq. 5)",
    note="T_i the transmittance exp(-sum_{j<i} sigma_j delta_j), given as the vector T computed from the same sigma and delta; the result is the vector over i",
)


def expected_depth(sigma, delta, t):
    w = nerf_weights(sigma, delta)
    return float(sum(w[i] * t[i] for i in range(len(t))))


row(
    "nerf_expected_depth",
    r"\hat{D}(\mathbf{r}) = \sum_{i=1}^{N} \exp\left( -\sum_{j=1}^{i-1} \sigma_j \delta_j \right) \left(1 - \exp(-\sigma_i \delta_i)\right) t_i",
    r"\sigma, \delta, t: vector[N]; i, j: index",
    {"sigma": sig, "delta": dl, "t": t_mid},
    expected_depth,
    wrt=r"\sigma",
    key="sigma",
    source="expected termination depth of the ray, the rendering weights applied to the sample distances (Deng, Liu, Zhu and Ramanan, 2022, Depth-supervised NeRF: Fewer Views and Faster Training for Free, Eq. 8)",
    note="t_i the distance of sample i along the ray",
)


def acc(sigma, delta):
    return float(np.sum(nerf_weights(sigma, delta)))


row(
    "nerf_accumulated_opacity",
    r"\sum_{i=1}^{N} \exp\left( -\sum_{j=1}^{i-1} \sigma_j \delta_j \right) \left(1 - \exp(-\sigma_i \delta_i)\right)",
    r"\sigma, \delta: vector[N]; i, j: index",
    {"sigma": sig, "delta": dl},
    acc,
    wrt=r"\delta",
    key="delta",
    source="accumulated opacity of a ray, the sum of its rendering weights, used to composite over a background colour (Mildenhall et al., 2020, Eq. 3 with c_i = 1; Barron et al., 2021, Mip-NeRF, Sec. 3)",
)
a_cp = rnd(6104, 4, lo=0.1, hi=0.9)
c_cp = rnd(6105, 4, lo=0.0, hi=1.0)


def composite(c, alpha):
    out = 0.0
    for i in range(len(c)):
        out += c[i] * alpha[i] * math.prod(1 - alpha[j] for j in range(i))
    return out


row(
    "front_to_back_alpha_compositing",
    r"C = \sum_{i=1}^{N} c_i \alpha_i \prod_{j=1}^{i-1} (1 - \alpha_j)",
    r"c, \alpha: vector[N]; i, j: index",
    {"c": c_cp, "alpha": a_cp},
    composite,
    wrt=r"\alpha",
    key="alpha",
    source="colour of a pixel blending N depth-ordered points front to back (Kerbl, Kopanas, Leimkuhler and Drettakis, 2023, 3D Gaussian Splatting for Real-Time Radiance Field Rendering, Eq. 3; Porter and Duff, 1984)",
    note="one colour channel",
)
Ch_c = rnd(6106, 4, 3, lo=0.0, hi=1.0)
Ch_f = rnd(6107, 4, 3, lo=0.0, hi=1.0)
C_gt = rnd(6108, 4, 3, lo=0.0, hi=1.0)


def photometric(C_hat_c, C_hat_f, C):
    return sum(
        float(np.sum((C_hat_c[r] - C[r]) ** 2) + np.sum((C_hat_f[r] - C[r]) ** 2))
        for r in range(len(C))
    )


row(
    "nerf_photometric_loss",
    r"\mathcal{L} = \sum_{\mathbf{r} \in \mathcal{R}} \left[ \left\| \hat{C}_c(\mathbf{r}) - C(\mathbf{r}) \right\|_2^2 + \left\| \hat{C}_f(\mathbf{r}) - C(\mathbf{r}) \right\|_2^2 \right]",
    r"\hat{C}_c, \hat{C}_f, C: matrix[R, 3]",
    {"C_hat_c": Ch_c, "C_hat_f": Ch_f, "C": C_gt},
    photometric,
    wrt=r"\hat{C}_c",
    key="C_hat_c",
    source="total squared error of the coarse and fine renderings against the true pixel colours over the batch of rays R (Mildenhall et al., 2020, Eq. 6)",
    note="the rays of the batch R are the R rows: C-hat_c(r), C-hat_f(r) and C(r) the coarse, fine and true RGB colours of ray r (the table cannot declare a set or a function's values)",
)


def psnr(C_hat, C, R):
    R = int(R)
    mse = sum((C_hat[r, c] - C[r, c]) ** 2 for r in range(R) for c in range(3)) / (3 * R)
    return -10 * math.log10(mse)


row(
    "psnr",
    r"\mathrm{PSNR} = -10 \log_{10} \left( \frac{1}{3R} \sum_{r=1}^{R} \sum_{c=1}^{3} \left( \hat{C}_{rc} - C_{rc} \right)^2 \right)",
    r"\hat{C}, C: matrix[R, 3]; R: dim; r, c: index",
    {"C_hat": Ch_f, "C": C_gt, "R": 4},
    psnr,
    wrt=r"\hat{C}",
    key="C_hat",
    source="peak signal-to-noise ratio of colours in [0, 1], 10 log10(MAX^2 / MSE) with MAX = 1, the metric NeRF papers report (Mildenhall et al., 2020, Sec. 6)",
)
s_d = [0.0, 0.15, 0.3, 0.5, 0.75, 1.0]
w_d = rnd(6109, 5, lo=0.0, hi=0.5)


def distortion(s, w):
    N = len(w)
    m = [(s[i] + s[i + 1]) / 2 for i in range(N)]
    pair = sum(w[i] * w[j] * abs(m[i] - m[j]) for i in range(N) for j in range(N))
    return pair + sum(w[i] ** 2 * (s[i + 1] - s[i]) for i in range(N)) / 3


row(
    "mipnerf360_distortion_loss",
    r"\mathcal{L}_{\mathrm{dist}}(\mathbf{s}, \mathbf{w}) = \sum_{i,j} w_i w_j \left| \frac{s_i + s_{i+1}}{2} - \frac{s_j + s_{j+1}}{2} \right| + \frac{1}{3} \sum_{i} w_i^2 (s_{i+1} - s_i)",
    "s: vector[N+1]; w: vector[N]; i, j: index",
    {"s": s_d, "w": w_d},
    distortion,
    wrt="w",
    source="distortion loss of a step function of weights w over the normalized ray distances s (Barron, Mildenhall, Verbin, Srinivasan and Hedman, 2022, Mip-NeRF 360: Unbounded Anti-Aliased Neural Radiance Fields, Eq. 15)",
    note="s has one more entry than w (the interval endpoints), both counted from 1; i and j run over the N intervals",
)


def ipe_sin(mu, sigma, ell):
    return math.sin(2**ell * mu) * math.exp(-0.5 * 4**ell * sigma**2)


row(
    "mipnerf_integrated_encoding_entry",
    r"\sin\left(2^{\ell} \mu\right) \exp\left( -\frac{1}{2} 4^{\ell} \sigma^2 \right)",
    r"\mu: scalar; \sigma: scalar, positive; \ell: scalar, integer, nonnegative",
    {"mu": 0.7, "sigma": 0.3, "ell": 2.0},
    ipe_sin,
    wrt=r"\mu",
    key="mu",
    source="one sine entry of the integrated positional encoding, E[sin(x)] = sin(mu) exp(-sigma^2 / 2) for x ~ N(mu, sigma^2) at frequency 2^l (Barron et al., 2021, Mip-NeRF: A Multiscale Representation for Anti-Aliasing Neural Radiance Fields, Eqs. 13-14)",
    note="one coordinate with mean mu and variance sigma^2: the l-th frequency scales the mean by 2^l and the variance by 4^l",
)
P_ip = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0], [0.0, 2.0]])
mu_base = np.array([0.3, -0.8])
S_base = np.array([[0.04, 0.01], [0.01, 0.09]])


def ipe_vector(mu_gamma, Sigma_gamma):
    damp = np.exp(-0.5 * np.diag(Sigma_gamma))
    return np.concatenate([np.sin(mu_gamma) * damp, np.cos(mu_gamma) * damp])


row(
    "mipnerf_integrated_encoding_vector",
    r"\gamma(\boldsymbol{\mu}, \boldsymbol{\Sigma}) = \begin{bmatrix} \sin(\boldsymbol{\mu}_\gamma) \circ \exp\left(-\frac{1}{2} \operatorname{diag}(\boldsymbol{\Sigma}_\gamma)\right) \\ \cos(\boldsymbol{\mu}_\gamma) \circ \exp\left(-\frac{1}{2} \operatorname{diag}(\boldsymbol{\Sigma}_\gamma)\right) \end{bmatrix}",
    r"\mu_\gamma: vector[m]; \Sigma_\gamma: symmetric[m]",
    {
        "mu_gamma": (P_ip @ mu_base).tolist(),
        "Sigma_gamma": (P_ip @ S_base @ P_ip.T).round(6).tolist(),
    },
    ipe_vector,
    source="integrated positional encoding of a Gaussian, the expected sines and cosines of its lifted coordinates (Barron et al., 2021, Mip-NeRF, Eq. 14)",
    note="mu_gamma = P mu and Sigma_gamma = P Sigma P^T the mean and covariance lifted by P = [I, 2I]^T (two frequencies of a 2D mean), given; diag(Sigma_gamma) the vector of its diagonal; the result stacks the sines over the cosines",
)
f_ne = [0.4, 0.25, 0.08, -0.05, -0.2]


def neus_alpha(f, s):
    Phi = 1 / (1 + np.exp(-s * np.asarray(f)))
    return np.array([max((Phi[i] - Phi[i + 1]) / Phi[i], 0.0) for i in range(len(f) - 1)])


row(
    "neus_discrete_opacity",
    r"\alpha_i = \max\left( \frac{\Phi_s(f(\mathbf{p}(t_i))) - \Phi_s(f(\mathbf{p}(t_{i+1})))}{\Phi_s(f(\mathbf{p}(t_i)))}, 0 \right)",
    "f: vector[N+1]; s: scalar, positive; i: index",
    {"f": f_ne, "s": 20.0},
    neus_alpha,
    source="discrete opacity between adjacent samples from the signed distance function (Wang, Liu, Liu, Theobalt, Komura and Wang, 2021, NeuS: Learning Neural Implicit Surfaces by Volume Rendering for Multi-view Reconstruction, Eq. 13)",
    note="Phi_s(x) = (1 + e^{-s x})^{-1} the sigmoid of slope s; f(p(t_i)) the signed distance at the i-th sample, the i-th entry of f; the result is the vector over i = 1, ..., N",
)
x_gs = [0.4, -0.1]
mu_gs = [0.1, 0.2]
S_gs = [[0.5, 0.1], [0.1, 0.3]]


def gs_alpha(x, mu, Sigma, o):
    d = x - mu
    return o * math.exp(-0.5 * float(d @ np.linalg.solve(Sigma, d)))


row(
    "gaussian_splat_opacity",
    r"\alpha = o \exp\left( -\frac{1}{2} (\mathbf{x} - \boldsymbol{\mu})^\top \boldsymbol{\Sigma}^{-1} (\mathbf{x} - \boldsymbol{\mu}) \right)",
    r"x, \mu: vector[2]; \Sigma: spd[2]; o: scalar, unit",
    {"x": x_gs, "mu": mu_gs, "Sigma": S_gs, "o": 0.8},
    gs_alpha,
    wrt=r"\mu",
    key="mu",
    source="the alpha of one splatted Gaussian at pixel x, its opacity times the projected 2D Gaussian (Kerbl et al., 2023, 3D Gaussian Splatting, Sec. 4 and 6; Zwicker, Pfister, van Baar and Gross, 2001, EWA Volume Splatting)",
    note="mu and Sigma the mean and covariance of the Gaussian projected on the image plane; o its learned opacity",
)
J_ewa = rnd(6110, 2, 3)
W_ewa = rnd(6111, 3, 3)
S_ewa = [[0.6, 0.1, 0.0], [0.1, 0.4, 0.05], [0.0, 0.05, 0.3]]
row(
    "ewa_projected_covariance",
    r"\Sigma' = J W \Sigma W^{T} J^{T}",
    r"J: matrix[2, 3]; W: matrix[3, 3]; \Sigma: spd[3]",
    {"J": J_ewa, "W": W_ewa, "Sigma": S_ewa},
    lambda J, W, Sigma: J @ W @ Sigma @ W.T @ J.T,
    source="covariance of a 3D Gaussian in image space, W the viewing transformation and J the Jacobian of the affine approximation of the projection (Kerbl et al., 2023, Eq. 5; Zwicker et al., 2001)",
    note="the paper then drops the third row and column; here J is already the 2 x 3 block, so the result is the 2 x 2 covariance",
)

if __name__ == "__main__":
    A.write()
