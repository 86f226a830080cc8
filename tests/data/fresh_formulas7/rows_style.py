"""Style transfer and perceptual image losses: Gatys' Gram matrix, per-layer style loss, content
loss and weighted style loss, Johnson's feature reconstruction and style reconstruction losses,
the total variation regularizer of Mahendran and Vedaldi, the Charbonnier loss, the edge-aware
disparity smoothness of monocular depth estimation, adaptive instance normalization, the
whitening step of the whitening and colouring transform, and the gradient difference loss (NumPy
references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("style")
row = A.row

F_l = rnd(7700, 3, 4)
P_l = rnd(7701, 3, 4)
row(
    "gram_matrix",
    r"G^l_{ij} = \sum_k F^l_{ik} F^l_{jk}",
    "F^l: matrix[N, M]; i, j, k: index",
    {"F_sup_l": F_l},
    lambda F_sup_l: F_sup_l @ F_sup_l.T,
    source="the Gram matrix of the vectorized feature maps of layer l, the style representation (Gatys, Ecker and Bethge, 2016, Image Style Transfer Using Convolutional Neural Networks, Eq. 3)",
    note="F^l_{ik} the activation of filter i at position k; the result is the N x N matrix",
)
G_l = (np.asarray(F_l) @ np.asarray(F_l).T).round(4)
A_l = (np.asarray(P_l) @ np.asarray(P_l).T).round(4)
row(
    "gatys_style_layer_loss",
    r"E_l = \frac{1}{4 N_l^2 M_l^2} \sum_{i,j} \left( G^l_{ij} - A^l_{ij} \right)^2",
    "G^l, A^l: matrix[N, N]; N_l, M_l: scalar, integer, positive; i, j: index",
    {"G_sup_l": G_l.tolist(), "A_sup_l": A_l.tolist(), "N_l": 3.0, "M_l": 4.0},
    lambda G_sup_l, A_sup_l, N_l, M_l: float(
        np.sum((G_sup_l - A_sup_l) ** 2) / (4 * N_l**2 * M_l**2)
    ),
    wrt="G^l",
    key="G_sup_l",
    source="the contribution of layer l to the style loss, the squared distance between the Gram matrices of the generated and the style image (Gatys, Ecker and Bethge, 2016, Eq. 4)",
    note="N_l the number of feature maps and M_l their size (height times width); G^l and A^l the Gram matrices of the generated image and of the style image",
)
row(
    "gatys_content_loss",
    r"\mathcal{L}_{\mathrm{content}}(\vec{p}, \vec{x}, l) = \frac{1}{2} \sum_{i,j} \left( F^l_{ij} - P^l_{ij} \right)^2",
    "F^l, P^l: matrix[N, M]; i, j: index",
    {"F_sup_l": F_l, "P_sup_l": P_l},
    lambda F_sup_l, P_sup_l: 0.5 * float(np.sum((F_sup_l - P_sup_l) ** 2)),
    wrt="F^l",
    key="F_sup_l",
    source="the content loss, the squared error between the feature representations of the generated image x and the content image p in layer l (Gatys, Ecker and Bethge, 2016, Eq. 1)",
    note="F^l and P^l the feature maps of x and p in layer l; the arguments on the left name the images",
)
row(
    "gatys_weighted_style_loss",
    r"\mathcal{L}_{\mathrm{style}}(\vec{a}, \vec{x}) = \sum_{l=0}^{L} w_l E_l",
    "w, E: vector[L+1]; l: index",
    {"w": [0.2, 0.2, 0.2, 0.2, 0.2], "E": rnd(7702, 5, lo=0.0, hi=2.0)},
    lambda w, E: float(np.sum(w * E)),
    wrt="E",
    source="the total style loss, the weighted sum of the per-layer losses E_l (Gatys, Ecker and Bethge, 2016, Eq. 5)",
    note="layers counted from 0, as the paper writes the sum",
)
ph_h = rnd(7703, 6)
ph = rnd(7704, 6)
row(
    "johnson_feature_reconstruction_loss",
    r"\ell_{feat}^{\phi, j}(\hat{y}, y) = \frac{1}{C_j H_j W_j} \left\| \hat{\boldsymbol{\phi}}_j - \boldsymbol{\phi}_j \right\|_2^2",
    r"\hat{\phi}_j, \phi_j: vector[D]; C_j, H_j, W_j: scalar, integer, positive",
    {"phi_hat_j": ph_h, "phi_j": ph, "C_j": 2.0, "H_j": 1.0, "W_j": 3.0},
    lambda phi_hat_j, phi_j, C_j, H_j, W_j: float(
        np.sum((phi_hat_j - phi_j) ** 2) / (C_j * H_j * W_j)
    ),
    wrt=r"\hat{\phi}_j",
    key="phi_hat_j",
    source="the feature reconstruction (perceptual) loss at layer j of the loss network phi (Johnson, Alahi and Fei-Fei, 2016, Perceptual Losses for Real-Time Style Transfer and Super-Resolution, Eq. 2)",
    note="the paper writes ||phi_j(y-hat) - phi_j(y)||_2^2: phi-hat_j = phi_j(y-hat) and phi_j = phi_j(y), the C_j x H_j x W_j activations flattened into vectors (the table cannot declare a function's values)",
)
psh = rnd(7705, 2, 3)
ps = rnd(7706, 2, 3)
row(
    "johnson_style_reconstruction_loss",
    r"\ell_{style}^{\phi, j}(\hat{y}, y) = \left\| \frac{\hat{\psi} \hat{\psi}^\top}{C_j H_j W_j} - \frac{\psi \psi^\top}{C_j H_j W_j} \right\|_F^2",
    r"\hat{\psi}, \psi: matrix[C, M]; C_j, H_j, W_j: scalar, integer, positive",
    {"psi_hat": psh, "psi": ps, "C_j": 2.0, "H_j": 1.0, "W_j": 3.0},
    lambda psi_hat, psi, C_j, H_j, W_j: float(
        np.sum(((psi_hat @ psi_hat.T) - (psi @ psi.T)) ** 2) / (C_j * H_j * W_j) ** 2
    ),
    wrt=r"\hat{\psi}",
    key="psi_hat",
    source="the style reconstruction loss, the squared Frobenius distance of the Gram matrices G_j^phi = psi psi^T / (C_j H_j W_j) of the output and the target (Johnson, Alahi and Fei-Fei, 2016, Eqs. 3-4)",
    note="psi-hat and psi the activations phi_j(y-hat) and phi_j(y) reshaped into C_j x H_j W_j matrices",
)
x_tv = rnd(7707, 3, 4)


def tv(x, beta):
    H, W = x.shape
    return float(
        sum(
            ((x[i, j + 1] - x[i, j]) ** 2 + (x[i + 1, j] - x[i, j]) ** 2) ** (beta / 2)
            for i in range(H - 1)
            for j in range(W - 1)
        )
    )


row(
    "total_variation_regularizer",
    r"\mathcal{R}_{V^\beta}(\mathbf{x}) = \sum_{i=1}^{H-1} \sum_{j=1}^{W-1} \left( \left( x_{i,j+1} - x_{ij} \right)^2 + \left( x_{i+1,j} - x_{ij} \right)^2 \right)^{\frac{\beta}{2}}",
    r"x: matrix[H, W]; \beta: scalar, positive; H, W: dim; i, j: index",
    {"x": x_tv, "beta": 1.0},
    tv,
    wrt="x",
    source="the total variation regularizer of a (one-channel) image used to invert and visualize representations and in style transfer (Mahendran and Vedaldi, 2015, Understanding Deep Image Representations by Inverting Them, Sec. 2.2; Johnson, Alahi and Fei-Fei, 2016, Sec. 3.3)",
    note="the paper writes the sum over i, j without limits; it runs where both neighbours exist; beta = 1 gives the isotropic total variation",
)
yh_ch = rnd(7708, 5)
y_ch = rnd(7709, 5)
row(
    "charbonnier_loss",
    r"\mathcal{L}(\hat{\mathbf{y}}, \mathbf{y}) = \frac{1}{N} \sum_{i=1}^{N} \sqrt{\left( \hat{y}_i - y_i \right)^2 + \varepsilon^2}",
    r"\hat{y}, y: vector[N]; N: dim; \varepsilon: scalar, positive; i: index",
    {"y_hat": yh_ch, "y": y_ch, "N": 5, "varepsilon": 0.001},
    lambda y_hat, y, N, varepsilon: float(np.sum(np.sqrt((y_hat - y) ** 2 + varepsilon**2)) / N),
    wrt=r"\hat{y}",
    key="y_hat",
    source="the Charbonnier penalty, a differentiable variant of the L1 loss, averaged over the pixels of a super-resolved image (Lai, Huang, Ahuja and Yang, 2017, Deep Laplacian Pyramid Networks for Fast and Accurate Super-Resolution, Eq. 2; Charbonnier, Blanc-Feraud, Aubert and Barlaud, 1994)",
)
d_ea = rnd(7710, 3, 4, lo=0.1, hi=1.0)
I_ea = rnd(7711, 3, 4, lo=0.0, hi=1.0)


def edge_aware(d, I, N):  # noqa: E741
    H, W = d.shape
    return float(
        sum(
            abs(d[i, j + 1] - d[i, j]) * math.exp(-abs(I[i, j + 1] - I[i, j]))
            + abs(d[i + 1, j] - d[i, j]) * math.exp(-abs(I[i + 1, j] - I[i, j]))
            for i in range(H - 1)
            for j in range(W - 1)
        )
        / N
    )


row(
    "edge_aware_disparity_smoothness",
    r"C^{ds} = \frac{1}{N} \sum_{i=1}^{H-1} \sum_{j=1}^{W-1} \left( \left| d_{i,j+1} - d_{ij} \right| e^{-\left| I_{i,j+1} - I_{ij} \right|} + \left| d_{i+1,j} - d_{ij} \right| e^{-\left| I_{i+1,j} - I_{ij} \right|} \right)",
    "d, I: matrix[H, W]; N: scalar, positive; H, W: dim; i, j: index",
    {"d": d_ea, "I": I_ea, "N": 12.0},
    edge_aware,
    wrt="d",
    source="the edge-aware smoothness of a disparity map, its gradients penalized less where the image has edges (Godard, Mac Aodha and Brostow, 2017, Unsupervised Monocular Depth Estimation with Left-Right Consistency, Eq. 3)",
    note="the paper's image gradients d_x, d_y written as forward differences of a one-channel image, the sum running where both neighbours exist; N the number of pixels",
)
x_ad = rnd(7712, 6)
y_ad = rnd(7713, 6, lo=0.0, hi=2.0)


def adain(x, y):
    eps = 1e-5

    def mu(v):
        return float(np.mean(v))

    def sd(v):
        return math.sqrt(float(np.mean((v - mu(v)) ** 2)) + eps)

    return sd(y) * (x - mu(x)) / sd(x) + mu(y)


row(
    "adaptive_instance_normalization",
    r"\mathrm{AdaIN}(x, y) = \sigma(y) \left( \frac{x - \mu(x)}{\sigma(x)} \right) + \mu(y)",
    r"x, y: vector[m]; \mu, \sigma: function",
    {"x": x_ad, "y": y_ad},
    adain,
    source="adaptive instance normalization, the content features renormalized to the style features' channel-wise mean and standard deviation (Huang and Belongie, 2017, Arbitrary Style Transfer in Real-time with Adaptive Instance Normalization, Eqs. 5, 6 and 8)",
    note="one channel of one image, flattened over the m = H W positions: mu(v) = (1/m) sum_k v_k and sigma(v) = sqrt((1/m) sum_k (v_k - mu(v))^2 + epsilon) with epsilon = 1e-5, as the paper defines them; the result is the vector",
)
fc = np.asarray(rnd(7714, 3, 5))
fc = (fc - fc.mean(1, keepdims=True)).round(4)
evals, evecs = np.linalg.eigh(fc @ fc.T)
row(
    "wct_whitening",
    r"\hat{f}_c = E_c D_c^{-\frac{1}{2}} E_c^\top f_c",
    "E_c, D_c: matrix[C, C]; f_c: matrix[C, M]",
    {"E_c": evecs.round(8).tolist(), "D_c": np.diag(evals).round(8).tolist(), "f_c": fc.tolist()},
    lambda E_c, D_c, f_c: E_c @ np.diag(np.diag(D_c) ** -0.5) @ E_c.T @ f_c,
    source="the whitening step of the whitening and colouring transform, with f_c f_c^T = E_c D_c E_c^T the eigendecomposition of the centred content features' covariance (Li, Fang, Yang, Wang, Lu and Yang, 2017, Universal Style Transfer via Feature Transforms, Eq. 1)",
    note="f_c the centred content features, C channels by M positions; D_c the diagonal matrix of eigenvalues and E_c the orthogonal matrix of eigenvectors, given; the result is the C x M matrix of whitened features",
)
Y_gd = rnd(7715, 3, 3)
Yh_gd = rnd(7716, 3, 3)


def gdl(Y, Y_hat, alpha):
    H, W = Y.shape
    a = sum(
        abs(abs(Y[i, j] - Y[i - 1, j]) - abs(Y_hat[i, j] - Y_hat[i - 1, j])) ** alpha
        for i in range(1, H)
        for j in range(W)
    )
    b = sum(
        abs(abs(Y[i, j - 1] - Y[i, j]) - abs(Y_hat[i, j - 1] - Y_hat[i, j])) ** alpha
        for i in range(H)
        for j in range(1, W)
    )
    return float(a + b)


row(
    "gradient_difference_loss",
    r"\mathcal{L}_{gdl}(\hat{Y}, Y) = \sum_{i=2}^{H} \sum_{j=1}^{W} \left| |Y_{i,j} - Y_{i-1,j}| - |\hat{Y}_{i,j} - \hat{Y}_{i-1,j}| \right|^{\alpha} + \sum_{i=1}^{H} \sum_{j=2}^{W} \left| |Y_{i,j-1} - Y_{i,j}| - |\hat{Y}_{i,j-1} - \hat{Y}_{i,j}| \right|^{\alpha}",
    r"\hat{Y}, Y: matrix[H, W]; \alpha: scalar, positive; H, W: dim; i, j: index",
    {"Y_hat": Yh_gd, "Y": Y_gd, "alpha": 2.0},
    lambda Y_hat, Y, alpha: gdl(Y, Y_hat, alpha),
    wrt=r"\hat{Y}",
    key="Y_hat",
    source="the gradient difference loss, matching the magnitudes of the image gradients of the prediction to those of the target to sharpen predicted frames (Mathieu, Couprie and LeCun, 2016, Deep Multi-Scale Video Prediction Beyond Mean Square Error, Eq. 5)",
    note="one channel; the paper writes one sum over i, j, each term running where its neighbour exists",
)

if __name__ == "__main__":
    A.write()
