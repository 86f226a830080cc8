"""Image quality and segmentation metrics: PSNR from the peak value, SSIM's contrast-structure
term and the multi-scale SSIM product, the multi-class soft Dice loss and the soft IoU loss, the
anisotropic and isotropic (Chambolle) discrete total variation, the generalized Charbonnier
penalty, the gradient magnitude similarity mean and deviation, the Hausdorff and modified
Hausdorff distances between point sets, histogram intersection, the chi-square cost of shape
contexts and the spectral angle (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd, softmax

A = Area("imagemetrics")
row = A.row

I_ps = np.asarray(rnd(8400, 4, 5, lo=0.0, hi=1.0))
K_ps = np.clip(I_ps + np.asarray(rnd(8401, 4, 5, lo=-0.08, hi=0.08)), 0, 1).round(3)


def psnr(I, K, MAX_I):  # noqa: E741
    m, n = I.shape
    mse = sum((I[i, j] - K[i, j]) ** 2 for i in range(m) for j in range(n)) / (m * n)
    return 10 * math.log10(MAX_I**2 / mse)


row(
    "psnr_peak_value",
    r"\mathrm{PSNR} = 10 \cdot \log_{10} \left( \frac{\mathrm{MAX}_I^2}{\frac{1}{mn} \sum_{i=0}^{m-1} \sum_{j=0}^{n-1} [I(i, j) - K(i, j)]^2} \right)",
    r"I, K: matrix[m, n]; \mathrm{MAX}_I: scalar, positive; m, n: dim; i, j: index",
    {"I": I_ps.tolist(), "K": K_ps.tolist(), "MAX_I": 1.0},
    psnr,
    wrt="K",
    source="the peak signal-to-noise ratio of a distorted image K against the reference I, with the mean squared error written out (Huynh-Thu and Ghanbari, 2008, Scope of Validity of PSNR in Image/Video Quality Assessment, Electronics Letters 44, Eqs. 1-2)",
    note="I(i, j) and K(i, j) the pixels, counted from 0 as written; I here the reference image (a matrix, not the identity); MAX_I the largest pixel value, 1 for images in [0, 1]",
)
x_ss = np.asarray(rnd(8402, 9, lo=0.2, hi=0.8))
y_ss = (0.7 * x_ss + np.asarray(rnd(8403, 9, lo=-0.1, hi=0.2))).round(3)


def ssim_cs(x, y, mu_x, mu_y, C_2, N):
    N = int(N)
    sxy = sum((x[i] - mu_x) * (y[i] - mu_y) for i in range(N)) / (N - 1)
    sx2 = sum((x[i] - mu_x) ** 2 for i in range(N)) / (N - 1)
    sy2 = sum((y[i] - mu_y) ** 2 for i in range(N)) / (N - 1)
    return float((2 * sxy + C_2) / (sx2 + sy2 + C_2))


row(
    "ssim_contrast_structure",
    r"c(\mathbf{x}, \mathbf{y}) \cdot s(\mathbf{x}, \mathbf{y}) = \frac{\frac{2}{N - 1} \sum_{i=1}^{N} (x_i - \mu_x)(y_i - \mu_y) + C_2}{\frac{1}{N - 1} \sum_{i=1}^{N} (x_i - \mu_x)^2 + \frac{1}{N - 1} \sum_{i=1}^{N} (y_i - \mu_y)^2 + C_2}",
    r"x, y: vector[N]; \mu_x, \mu_y: scalar; C_2: scalar, positive; N: dim; i: index",
    {
        "x": x_ss.tolist(),
        "y": y_ss.tolist(),
        "mu_x": round(float(x_ss.mean()), 8),
        "mu_y": round(float(y_ss.mean()), 8),
        "C_2": 0.0009,
        "N": 9,
    },
    ssim_cs,
    wrt="y",
    source="the product of SSIM's contrast and structure comparisons of two patches with C_3 = C_2 / 2, in which sigma_x sigma_y cancels, with the sample (co)variances written out (Wang, Bovik, Sheikh and Simoncelli, 2004, Image Quality Assessment: From Error Visibility to Structural Similarity, IEEE TIP 13, Eqs. 4-5, 9-11)",
    note="one window of N pixels with uniform weights; mu_x and mu_y the patch means, given; C_2 = (K_2 L)^2 with K_2 = 0.03 and L = 1",
)
c_ms = [0.97, 0.95, 0.92, 0.9, 0.88]
s_ms = [0.9, 0.85, 0.8, 0.83, 0.79]
bg_ms = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]


def ms_ssim(l_M, alpha_M, c, s, beta, gamma):
    out = l_M**alpha_M
    for j in range(len(c)):
        out *= c[j] ** beta[j] * s[j] ** gamma[j]
    return float(out)


row(
    "multiscale_ssim",
    r"\mathrm{SSIM}(\mathbf{x}, \mathbf{y}) = \left[ l_M(\mathbf{x}, \mathbf{y}) \right]^{\alpha_M} \cdot \prod_{j=1}^{M} \left[ c_j(\mathbf{x}, \mathbf{y}) \right]^{\beta_j} \left[ s_j(\mathbf{x}, \mathbf{y}) \right]^{\gamma_j}",
    r"l_M, \alpha_M: scalar, positive; c, s, \beta, \gamma: vector[M]; j: index",
    {"l_M": 0.93, "alpha_M": 0.1333, "c": c_ms, "s": s_ms, "beta": bg_ms, "gamma": bg_ms},
    ms_ssim,
    wrt="c",
    source="multi-scale SSIM, the luminance comparison at the coarsest scale M times the contrast and structure comparisons at every scale j, with the exponents the paper calibrates (Wang, Simoncelli and Bovik, 2003, Multi-Scale Structural Similarity for Image Quality Assessment, Asilomar Conference, Eq. 7)",
    note="l_M(x, y), c_j(x, y) and s_j(x, y) the comparisons computed at scale j, given as the number l_M and the entries of c and s",
)
u_d = softmax(np.asarray(rnd(8404, 6, 3, lo=-1.5, hi=1.5)), axis=1).round(4)
lab_d = [1, 3, 2, 1, 2, 3]
v_d = np.eye(3)[np.asarray(lab_d) - 1]


def dice_mc(u, v):
    n, C = u.shape
    return float(
        -2
        / C
        * sum(
            sum(u[i, k] * v[i, k] for i in range(n))
            / (sum(u[i, k] for i in range(n)) + sum(v[i, k] for i in range(n)))
            for k in range(C)
        )
    )


row(
    "multiclass_soft_dice_loss",
    r"\mathcal{L}_{\mathrm{dc}} = -\frac{2}{|K|} \sum_{k \in K} \frac{\sum_{i \in I} u_i^k v_i^k}{\sum_{i \in I} u_i^k + \sum_{i \in I} v_i^k}",
    "u, v: matrix[n, c]",
    {"u": u_d.tolist(), "v": v_d.tolist()},
    dice_mc,
    wrt="u",
    source="the multi-class soft Dice loss of nnU-Net, averaged over the classes, on the softmax output u and the one-hot ground truth v (Isensee, Petersen, Klein, Zimmerer, Jaeger, Kohl, Wasserthal, Koehler, Norajitra, Wirkert and Maier-Hein, 2018, nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation, arXiv:1809.10486, the multi-class Dice loss of the training procedure)",
    note="I the n pixels and K the c classes; u_i^k and v_i^k the entries (i, k) of u and v (k a superscript index, not a power)",
)
X_io = [0.85, 0.1, 0.7, 0.25, 0.9, 0.6, 0.15, 0.4]
Y_io = [1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
row(
    "soft_iou_loss",
    r"L_{IoU} = 1 - \frac{\sum_{v \in V} X_v Y_v}{\sum_{v \in V} \left( X_v + Y_v - X_v Y_v \right)}",
    "X, Y: vector[n]",
    {"X": X_io, "Y": Y_io},
    lambda X, Y: 1 - float(np.sum(X * Y) / np.sum(X + Y - X * Y)),
    wrt="X",
    source="the IoU loss, one minus the intersection over union of the predicted probabilities X and the binary ground truth Y made differentiable with products (Rahman and Wang, 2016, Optimizing Intersection-Over-Union in Deep Neural Networks for Image Segmentation, ISVC, Sec. 3)",
    note="V the set of pixels, the n entries of X and Y",
)
u_tv = np.asarray(rnd(8405, 4, 5, lo=0.0, hi=1.0))


def tv_aniso(u):
    M, N = u.shape
    return float(
        sum(abs(u[i + 1, j] - u[i, j]) for i in range(M - 1) for j in range(N))
        + sum(abs(u[i, j + 1] - u[i, j]) for i in range(M) for j in range(N - 1))
    )


assert np.min(np.abs(np.diff(u_tv, axis=0))) > 1e-3 and np.min(np.abs(np.diff(u_tv, axis=1))) > 1e-3
row(
    "total_variation_anisotropic",
    r"\mathrm{TV}_{\mathrm{an}}(u) = \sum_{i=1}^{M-1} \sum_{j=1}^{N} |u_{i+1,j} - u_{i,j}| + \sum_{i=1}^{M} \sum_{j=1}^{N-1} |u_{i,j+1} - u_{i,j}|",
    "u: matrix[M, N]; i, j: index",
    {"u": u_tv.tolist()},
    tv_aniso,
    wrt="u",
    source="the anisotropic discrete total variation, the l1 norm of the forward differences along both axes (Condat, 2017, Discrete Total Variation: New Definition and Minimization, SIAM Journal on Imaging Sciences 10, Sec. 1; Rudin, Osher and Fatemi, 1992, for the continuous total variation)",
    note="no two neighbouring pixels are equal, so the value is differentiable at the point",
)
u_ti = np.asarray(rnd(8406, 4, 4, lo=0.0, hi=1.0))


def tv_iso(u):
    N = u.shape[0]
    tot = sum(
        math.sqrt((u[i + 1, j] - u[i, j]) ** 2 + (u[i, j + 1] - u[i, j]) ** 2)
        for i in range(N - 1)
        for j in range(N - 1)
    )
    tot += sum(abs(u[i + 1, N - 1] - u[i, N - 1]) for i in range(N - 1))
    tot += sum(abs(u[N - 1, j + 1] - u[N - 1, j]) for j in range(N - 1))
    return float(tot)


assert np.min(np.abs(np.diff(u_ti, axis=0))) > 1e-3 and np.min(np.abs(np.diff(u_ti, axis=1))) > 1e-3
row(
    "total_variation_isotropic_chambolle",
    r"J(u) = \sum_{i=1}^{N-1} \sum_{j=1}^{N-1} \sqrt{(u_{i+1,j} - u_{i,j})^2 + (u_{i,j+1} - u_{i,j})^2} + \sum_{i=1}^{N-1} |u_{i+1,N} - u_{i,N}| + \sum_{j=1}^{N-1} |u_{N,j+1} - u_{N,j}|",
    "u: matrix[N, N]; i, j: index",
    {"u": u_ti.tolist()},
    tv_iso,
    wrt="u",
    source="the isotropic discrete total variation J(u) = sum_{i,j} |(grad u)_{i,j}| with Chambolle's forward differences, which vanish across the last row and column (Chambolle, 2004, An Algorithm for Total Variation Minimization and Applications, Journal of Mathematical Imaging and Vision 20, Sec. 2)",
    note="the boundary cases of the gradient (i = N or j = N) written out as the last two sums",
)
I1_c = np.asarray(rnd(8407, 8, lo=0.0, hi=1.0))
I2_c = (
    I1_c + np.asarray(rnd(8408, 8, lo=0.03, hi=0.2)) * np.array([1, -1, 1, 1, -1, -1, 1, -1])
).round(3)


def gen_charbonnier(I_1, I_2, epsilon, a):
    return float(sum(((I_1[p] - I_2[p]) ** 2 + epsilon**2) ** a for p in range(len(I_1))))


row(
    "generalized_charbonnier_penalty",
    r"E_D = \sum_{p} \left( \left( I_1(p) - I_2(p) \right)^2 + \epsilon^2 \right)^{a}",
    r"I_1, I_2: vector[P]; \epsilon, a: scalar, positive; p: index",
    {"I_1": I1_c.tolist(), "I_2": I2_c.tolist(), "epsilon": 0.001, "a": 0.45},
    gen_charbonnier,
    wrt="I_2",
    source="a data term with the generalized Charbonnier penalty rho(x) = (x^2 + epsilon^2)^a, slightly non-convex for a = 0.45 (Sun, Roth and Black, 2010, Secrets of Optical Flow Estimation and Their Principles, CVPR, Sec. 3, the penalty functions)",
    note="I_1(p) and I_2(p) the two images (the second already warped) at pixel p, the entries of I_1 and I_2",
)
mr_g = [0.32, 0.08, 0.45, 0.21, 0.57, 0.13, 0.38, 0.26]
md_g = [0.29, 0.11, 0.36, 0.24, 0.49, 0.07, 0.41, 0.18]


def gmsm(m_r, m_d, c, N):
    N = int(N)
    return float(
        sum((2 * m_r[i] * m_d[i] + c) / (m_r[i] ** 2 + m_d[i] ** 2 + c) for i in range(N)) / N
    )


row(
    "gradient_magnitude_similarity_mean",
    r"\mathrm{GMSM} = \frac{1}{N} \sum_{i=1}^{N} \frac{2 m_r(i) m_d(i) + c}{m_r^2(i) + m_d^2(i) + c}",
    "m_r, m_d: vector[N]; c: scalar, positive; N: dim; i: index",
    {"m_r": mr_g, "m_d": md_g, "c": 0.0026, "N": 8},
    gmsm,
    wrt="m_d",
    source="the gradient magnitude similarity mean, the average over pixels of the similarity of the reference's and the distorted image's gradient magnitudes (Xue, Zhang, Mou and Bovik, 2014, Gradient Magnitude Similarity Deviation: A Highly Efficient Perceptual Image Quality Index, IEEE TIP 23, Sec. II, the GMS map and its mean)",
    note="m_r(i) and m_d(i) the gradient magnitudes (Prewitt filters) of the reference and the distorted image at pixel i, the entries of m_r and m_d; m_r^2(i) the square of m_r(i)",
)
gms_v = np.array(
    [(2 * a * b + 0.0026) / (a * a + b * b + 0.0026) for a, b in zip(mr_g, md_g, strict=True)]
).round(6)
row(
    "gradient_magnitude_similarity_deviation",
    r"\mathrm{GMSD} = \sqrt{\frac{1}{N} \sum_{i=1}^{N} \left( \mathrm{GMS}(i) - \mathrm{GMSM} \right)^2}",
    r"\mathrm{GMS}: vector[N]; \mathrm{GMSM}: scalar; N: dim; i: index",
    {"GMS": gms_v.tolist(), "GMSM": round(float(gms_v.mean()), 8), "N": 8},
    lambda GMS, GMSM, N: math.sqrt(sum((GMS[i] - GMSM) ** 2 for i in range(int(N))) / N),
    wrt=r"\mathrm{GMS}",
    key="GMS",
    source="the gradient magnitude similarity deviation, the standard deviation of the GMS map, the quality index (Xue, Zhang, Mou and Bovik, 2014, IEEE TIP 23, Sec. II, the deviation pooling)",
    note="GMS(i) the similarity map at pixel i, the entries of GMS; GMSM its mean, given",
)
A_h = np.array([[0.0, 0.0], [1.0, 0.2], [0.4, 1.1], [1.3, 1.4]])
B_h = np.array([[0.1, 0.3], [0.9, -0.1], [0.6, 1.5], [2.0, 1.2], [0.2, 0.9]])


def hausdorff(A, B):
    h_ab = max(min(np.linalg.norm(a - b) for b in B) for a in A)
    h_ba = max(min(np.linalg.norm(b - a) for a in A) for b in B)
    return float(max(h_ab, h_ba))


row(
    "hausdorff_distance",
    r"H(A, B) = \max\left( \max_{a \in A} \min_{b \in B} \| a - b \|, \max_{b \in B} \min_{a \in A} \| b - a \| \right)",
    "A: matrix[m, 2]; B: matrix[n, 2]",
    {"A": A_h.tolist(), "B": B_h.tolist()},
    hausdorff,
    wrt="B",
    source="the Hausdorff distance between two finite point sets, the larger of the two directed distances h(A, B) = max_a min_b ||a - b|| (Huttenlocher, Klanderman and Rucklidge, 1993, Comparing Images Using the Hausdorff Distance, IEEE PAMI 15, Eqs. 1-2)",
    note="a in A runs over the rows of A and b in B over the rows of B; the attaining pair is unique here",
)


def mhd(A, B):
    d_ab = sum(min(np.linalg.norm(a - b) for b in B) for a in A) / len(A)
    d_ba = sum(min(np.linalg.norm(a - b) for a in A) for b in B) / len(B)
    return float(max(d_ab, d_ba))


row(
    "modified_hausdorff_distance",
    r"\mathrm{MHD}(A, B) = \max\left( \frac{1}{N_a} \sum_{a \in A} \min_{b \in B} \| a - b \|, \frac{1}{N_b} \sum_{b \in B} \min_{a \in A} \| a - b \| \right)",
    "A: matrix[N_a, 2]; B: matrix[N_b, 2]",
    {"A": A_h.tolist(), "B": B_h.tolist()},
    mhd,
    wrt="A",
    source="the modified Hausdorff distance, the larger of the two average (rather than largest) directed distances between the point sets (Dubuisson and Jain, 1994, A Modified Hausdorff Distance for Object Matching, ICPR, the modified Hausdorff distance, the directed distance d_6 averaged and combined by the maximum)",
    note="a in A runs over the N_a rows of A and b in B over the N_b rows of B",
)
I_hi = [12.0, 30.0, 7.0, 22.0, 15.0, 9.0]
M_hi = [10.0, 25.0, 11.0, 18.0, 20.0, 6.0]
row(
    "histogram_intersection",
    r"H(I, M) = \frac{\sum_{j=1}^{n} \min(I_j, M_j)}{\sum_{j=1}^{n} M_j}",
    "I, M: vector[n]; j: index",
    {"I": I_hi, "M": M_hi},
    lambda I, M: float(sum(min(I[j], M[j]) for j in range(len(I))) / sum(M)),  # noqa: E741
    wrt="I",
    source="the normalized histogram intersection of an image histogram I with a model histogram M, the fraction of the model's pixels matched (Swain and Ballard, 1991, Color Indexing, International Journal of Computer Vision 7, the normalized histogram intersection)",
    note="no bin of I equals the same bin of M",
)
h_i = np.asarray([0.05, 0.2, 0.3, 0.1, 0.25, 0.1])
h_j = np.asarray([0.1, 0.15, 0.2, 0.2, 0.3, 0.05])
row(
    "shape_context_chi_square_cost",
    r"C_{ij} = \frac{1}{2} \sum_{k=1}^{K} \frac{\left[ h_i(k) - h_j(k) \right]^2}{h_i(k) + h_j(k)}",
    "h_i, h_j: vector[K]; k: index",
    {"h_i": h_i.tolist(), "h_j": h_j.tolist()},
    lambda h_i, h_j: float(
        0.5 * sum((h_i[k] - h_j[k]) ** 2 / (h_i[k] + h_j[k]) for k in range(len(h_i)))
    ),
    wrt="h_i",
    source="the cost of matching two points by the chi-square statistic between their normalized shape-context histograms (Belongie, Malik and Puzicha, 2002, Shape Matching and Object Recognition Using Shape Contexts, IEEE PAMI 24, Sec. 3.1)",
    note="h_i(k) and h_j(k) the k-th bins of the two K-bin histograms, the entries of h_i and h_j",
)
t_sa = [0.21, 0.34, 0.29, 0.46, 0.52, 0.38]
r_sa = [0.18, 0.3, 0.33, 0.41, 0.57, 0.35]


def sam(t, r, nb):
    nb = int(nb)
    c = sum(t[i] * r[i] for i in range(nb)) / (
        math.sqrt(sum(t[i] ** 2 for i in range(nb))) * math.sqrt(sum(r[i] ** 2 for i in range(nb)))
    )
    return math.acos(c)


row(
    "spectral_angle_mapper",
    r"\alpha = \cos^{-1} \left( \frac{\sum_{i=1}^{nb} t_i r_i}{\left( \sum_{i=1}^{nb} t_i^2 \right)^{1/2} \left( \sum_{i=1}^{nb} r_i^2 \right)^{1/2}} \right)",
    "t, r: vector[nb]; nb: dim; i: index",
    {"t": t_sa, "r": r_sa, "nb": 6},
    sam,
    wrt="t",
    source="the spectral angle between a test spectrum t and a reference spectrum r over nb bands (Kruse, Lefkoff, Boardman, Heidebrecht, Shapiro, Barloon and Goetz, 1993, The Spectral Image Processing System (SIPS), Remote Sensing of Environment 44, the spectral angle mapper)",
    note="nb the number of bands, one name as the paper writes it",
)

if __name__ == "__main__":
    A.write()
