"""Object detection and segmentation: box overlaps, overlap losses, Dice and Tversky losses,
SSIM terms and segmentation metrics (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("detection")
row = A.row

# two overlapping boxes (x_1, y_1, x_2, y_2): predicted p and ground truth g
BOXES = {
    "x_1_sup_p": 0.1,
    "y_1_sup_p": 0.2,
    "x_2_sup_p": 0.7,
    "y_2_sup_p": 0.9,
    "x_1_sup_g": 0.3,
    "y_1_sup_g": 0.1,
    "x_2_sup_g": 0.9,
    "y_2_sup_g": 0.8,
}
BOX_SYMBOLS = "x_1^p, y_1^p, x_2^p, y_2^p, x_1^g, y_1^g, x_2^g, y_2^g: scalar"


def _areas(v):
    iw = min(v["x_2_sup_p"], v["x_2_sup_g"]) - max(v["x_1_sup_p"], v["x_1_sup_g"])
    ih = min(v["y_2_sup_p"], v["y_2_sup_g"]) - max(v["y_1_sup_p"], v["y_1_sup_g"])
    inter = iw * ih
    ap = (v["x_2_sup_p"] - v["x_1_sup_p"]) * (v["y_2_sup_p"] - v["y_1_sup_p"])
    ag = (v["x_2_sup_g"] - v["x_1_sup_g"]) * (v["y_2_sup_g"] - v["y_1_sup_g"])
    cw = max(v["x_2_sup_p"], v["x_2_sup_g"]) - min(v["x_1_sup_p"], v["x_1_sup_g"])
    ch = max(v["y_2_sup_p"], v["y_2_sup_g"]) - min(v["y_1_sup_p"], v["y_1_sup_g"])
    return inter, ap + ag - inter, cw * ch


def iou(**v):
    inter, union, _ = _areas(v)
    return inter / union


row(
    "iou_corners",
    r"\mathrm{IoU} = \frac{\left(\min(x_2^p, x_2^g) - \max(x_1^p, x_1^g)\right)\left(\min(y_2^p, y_2^g) - \max(y_1^p, y_1^g)\right)}{(x_2^p - x_1^p)(y_2^p - y_1^p) + (x_2^g - x_1^g)(y_2^g - y_1^g) - \left(\min(x_2^p, x_2^g) - \max(x_1^p, x_1^g)\right)\left(\min(y_2^p, y_2^g) - \max(y_1^p, y_1^g)\right)}",
    BOX_SYMBOLS,
    BOXES,
    iou,
    wrt="x_1^p",
    key="x_1_sup_p",
    source="intersection over union of two overlapping boxes from their corners (Rezatofighi et al., 2019, GIoU, Algorithm 2, steps 1-5)",
)
_inter, _union, _ = _areas(BOXES)
GIOU_INPUTS = {**BOXES, "I_cal": round(_inter, 6), "U_cal": round(_union, 6)}


def giou_loss(**v):
    _, _, ac = _areas(v)
    return 1 - v["I_cal"] / v["U_cal"] + (ac - v["U_cal"]) / ac


row(
    "giou_loss",
    r"\mathcal{L}_{GIoU} = 1 - \frac{\mathcal{I}}{\mathcal{U}} + \frac{(\max(x_2^p, x_2^g) - \min(x_1^p, x_1^g))(\max(y_2^p, y_2^g) - \min(y_1^p, y_1^g)) - \mathcal{U}}{(\max(x_2^p, x_2^g) - \min(x_1^p, x_1^g))(\max(y_2^p, y_2^g) - \min(y_1^p, y_1^g))}",
    BOX_SYMBOLS + r"; \mathcal{I}, \mathcal{U}: scalar, positive",
    GIOU_INPUTS,
    giou_loss,
    wrt=r"\mathcal{U}",
    key="U_cal",
    source="GIoU loss 1 - IoU + (A^c - U) / A^c with the smallest enclosing box written out (Rezatofighi et al., 2019, Algorithm 2, steps 6-9)",
    note="I the intersection and U the union of the two boxes, given",
)
bc = [0.42, 0.55]
bgt = [0.6, 0.45]


def diou(b, b_sup_gt, c, IoU):
    return 1 - IoU + float(np.sum((b - b_sup_gt) ** 2)) / c**2


row(
    "diou_loss",
    r"\mathcal{L}_{DIoU} = 1 - \mathrm{IoU} + \frac{\|\mathbf{b} - \mathbf{b}^{gt}\|_2^2}{c^2}",
    r"\mathbf{b}, \mathbf{b}^{gt}: vector[2]; c: scalar, positive; \mathrm{IoU}: scalar, unit",
    {"b": bc, "b_sup_gt": bgt, "c": 1.1, "IoU": 0.46},
    diou,
    wrt=r"\mathbf{b}",
    key="b",
    source="DIoU loss (Zheng et al., 2020, Sec. 3), rho the Euclidean distance of the box centres b and b^gt, c the diagonal of the enclosing box",
)


def ciou_v(w, h, w_sup_gt, h_sup_gt):
    return 4 / math.pi**2 * (math.atan(w_sup_gt / h_sup_gt) - math.atan(w / h)) ** 2


row(
    "ciou_aspect_term",
    r"v = \frac{4}{\pi^2} \left( \arctan \frac{w^{gt}}{h^{gt}} - \arctan \frac{w}{h} \right)^2",
    "w, h, w^{gt}, h^{gt}: scalar, positive",
    {"w": 0.6, "h": 0.7, "w_sup_gt": 0.6, "h_sup_gt": 0.35},
    ciou_v,
    wrt="w",
    source="aspect-ratio consistency term of the CIoU loss (Zheng et al., 2020, Sec. 3)",
)
row(
    "ciou_tradeoff",
    r"\alpha = \frac{v}{(1 - IoU) + v}",
    "v: scalar, positive; IoU: scalar, unit",
    {"v": 0.08, "IoU": 0.46},
    lambda v, IoU: v / ((1 - IoU) + v),
    wrt="v",
    key="v",
    source="trade-off parameter of the CIoU loss (Zheng et al., 2020, Sec. 3)",
    note="IoU is one quantity, the overlap of the two boxes",
)
pd = rnd(2000, 6, lo=0.05, hi=0.95)
gd = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]


def dice_vnet(p, g):
    N = len(p)
    return (
        2
        * sum(p[i] * g[i] for i in range(N))
        / (sum(p[i] ** 2 for i in range(N)) + sum(g[i] ** 2 for i in range(N)))
    )


row(
    "dice_vnet",
    r"D = \frac{2 \sum_{i}^{N} p_i g_i}{\sum_{i}^{N} p_i^2 + \sum_{i}^{N} g_i^2}",
    "p, g: vector[N]; i: index",
    {"p": pd, "g": gd},
    dice_vnet,
    wrt="p",
    source="soft Dice coefficient of V-Net (Milletari, Navab and Ahmadi, 2016, Eq. 1), sums over the N voxels",
)


def dice_two_class(p, r, epsilon):
    N = len(p)
    first = (sum(p[n] * r[n] for n in range(N)) + epsilon) / (
        sum(p[n] + r[n] for n in range(N)) + epsilon
    )
    second = (sum((1 - p[n]) * (1 - r[n]) for n in range(N)) + epsilon) / (
        sum(2 - p[n] - r[n] for n in range(N)) + epsilon
    )
    return 1 - first - second


row(
    "dice_two_class",
    r"DL_2 = 1 - \frac{\sum_{n=1}^{N} p_n r_n + \epsilon}{\sum_{n=1}^{N} p_n + r_n + \epsilon} - \frac{\sum_{n=1}^{N} (1 - p_n)(1 - r_n) + \epsilon}{\sum_{n=1}^{N} 2 - p_n - r_n + \epsilon}",
    "p, r: vector[N]; epsilon: scalar, positive; n: index",
    {"p": pd, "r": gd, "epsilon": 1e-3},
    dice_two_class,
    wrt="p",
    source="two-class Dice loss (Sudre et al., 2017, Eq. 1)",
    note="as the paper means it, the denominators sum p_n + r_n and 2 - p_n - r_n over n",
)
Pg = np.asarray(rnd(2001, 2, 5, lo=0.05, hi=0.95))
Pg[1] = 1 - Pg[0]
Rg = np.array([[1.0, 1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0, 0.0]])
wg = (1 / Rg.sum(1) ** 2).tolist()


def generalized_dice(w, r, p):
    L, N = r.shape
    num = sum(w[l] * sum(r[l, n] * p[l, n] for n in range(N)) for l in range(L))  # noqa: E741
    den = sum(w[l] * sum(r[l, n] + p[l, n] for n in range(N)) for l in range(L))  # noqa: E741
    return 1 - 2 * num / den


row(
    "generalized_dice",
    r"\mathrm{GDL} = 1 - 2 \frac{\sum_{l=1}^{2} w_l \sum_{n} r_{ln} p_{ln}}{\sum_{l=1}^{2} w_l \sum_{n} r_{ln} + p_{ln}}",
    "w: vector[L]; r, p: matrix[L, N]; l, n: index",
    {"w": wg, "r": Rg.tolist(), "p": Pg.tolist()},
    generalized_dice,
    wrt="p",
    source="generalized Dice loss (Sudre et al., 2017, Eq. 2) with w_l = 1 / (sum_n r_ln)^2 given, two classes",
    note="the denominator sums r_ln + p_ln over n, as in the paper",
)
p0 = pd
g0 = gd


def tversky(p_0, p_1, g_0, g_1, alpha, beta):
    N = len(p_0)
    tp = sum(p_0[i] * g_0[i] for i in range(N))
    return tp / (
        tp
        + alpha * sum(p_0[i] * g_1[i] for i in range(N))
        + beta * sum(p_1[i] * g_0[i] for i in range(N))
    )


row(
    "tversky_index",
    r"T(\alpha, \beta) = \frac{\sum_{i=1}^{N} p_{0i} g_{0i}}{\sum_{i=1}^{N} p_{0i} g_{0i} + \alpha \sum_{i=1}^{N} p_{0i} g_{1i} + \beta \sum_{i=1}^{N} p_{1i} g_{0i}}",
    "p_0, p_1, g_0, g_1: vector[N]; alpha, beta: scalar, positive; i: index",
    {
        "p_0": p0,
        "p_1": [1 - v for v in p0],
        "g_0": g0,
        "g_1": [1 - v for v in g0],
        "alpha": 0.3,
        "beta": 0.7,
    },
    tversky,
    wrt="p_0",
    source="Tversky index for segmentation (Salehi, Erdogmus and Gholipour, 2017, Sec. 2), p_0i / p_1i the lesion / non-lesion probabilities of voxel i, g the labels",
)


def focal_tversky(p, g, alpha, beta, gamma, epsilon):
    N = len(p)
    tp = sum(p[i] * g[i] for i in range(N))
    fn = sum((1 - p[i]) * g[i] for i in range(N))
    fp = sum(p[i] * (1 - g[i]) for i in range(N))
    return (1 - (tp + epsilon) / (tp + alpha * fn + beta * fp + epsilon)) ** (1 / gamma)


row(
    "focal_tversky",
    r"\mathrm{FTL} = \left(1 - \frac{\sum_{i=1}^{N} p_{i} g_{i} + \epsilon}{\sum_{i=1}^{N} p_{i} g_{i} + \alpha \sum_{i=1}^{N} (1 - p_{i}) g_{i} + \beta \sum_{i=1}^{N} p_{i} (1 - g_{i}) + \epsilon}\right)^{1/\gamma}",
    "p, g: vector[N]; alpha, beta, gamma, epsilon: scalar, positive; i: index",
    {"p": pd, "g": gd, "alpha": 0.7, "beta": 0.3, "gamma": 4 / 3, "epsilon": 1e-3},
    focal_tversky,
    wrt="p",
    source="focal Tversky loss of one class (Abraham and Khan, 2019, Sec. 2), binary case p_{i c-bar} = 1 - p_i",
)


def ssim(mu_x, mu_y, sigma_x, sigma_y, sigma_xy, C_1, C_2):
    return ((2 * mu_x * mu_y + C_1) * (2 * sigma_xy + C_2)) / (
        (mu_x**2 + mu_y**2 + C_1) * (sigma_x**2 + sigma_y**2 + C_2)
    )


row(
    "ssim_index",
    r"\mathrm{SSIM}(\mathbf{x}, \mathbf{y}) = \frac{(2 \mu_x \mu_y + C_1)(2 \sigma_{xy} + C_2)}{(\mu_x^2 + \mu_y^2 + C_1)(\sigma_x^2 + \sigma_y^2 + C_2)}",
    r"\mu_x, \mu_y, \sigma_{xy}: scalar; \sigma_x, \sigma_y, C_1, C_2: scalar, positive",
    {
        "mu_x": 0.52,
        "mu_y": 0.47,
        "sigma_x": 0.21,
        "sigma_y": 0.18,
        "sigma_xy": 0.12,
        "C_1": 1e-4,
        "C_2": 9e-4,
    },
    ssim,
    wrt=r"\sigma_{xy}",
    key="sigma_xy",
    source="structural similarity index (Wang et al., 2004, Eq. 13)",
)
xs = rnd(2002, 6, lo=0.1, hi=0.9)
ys = rnd(2003, 6, lo=0.1, hi=0.9)


def luminance(x, y, C_1):
    N = len(x)
    mx = sum(x[i] for i in range(N)) / N
    my = sum(y[i] for i in range(N)) / N
    return (2 * mx * my + C_1) / (mx**2 + my**2 + C_1)


row(
    "ssim_luminance_patch",
    r"l(\mathbf{x}, \mathbf{y}) = \frac{2 \left(\frac{1}{N} \sum_{i=1}^{N} x_i\right) \left(\frac{1}{N} \sum_{i=1}^{N} y_i\right) + C_1}{\left(\frac{1}{N} \sum_{i=1}^{N} x_i\right)^2 + \left(\frac{1}{N} \sum_{i=1}^{N} y_i\right)^2 + C_1}",
    "x, y: vector[N]; C_1: scalar, positive; i: index",
    {"x": xs, "y": ys, "C_1": 1e-4},
    luminance,
    wrt="x",
    source="luminance comparison of SSIM (Wang et al., 2004, Eq. 6) with the mean intensity mu_x = (1/N) sum_i x_i of Eq. 2 written in",
)
mxs = round(float(np.mean(xs)), 6)
mys = round(float(np.mean(ys)), 6)


def sigma_xy(x, y, mu_x, mu_y):
    N = len(x)
    return sum((x[i] - mu_x) * (y[i] - mu_y) for i in range(N)) / (N - 1)


row(
    "ssim_covariance",
    r"\sigma_{xy} = \frac{1}{N - 1} \sum_{i=1}^{N} (x_i - \mu_x)(y_i - \mu_y)",
    r"x, y: vector[N]; \mu_x, \mu_y: scalar; i: index",
    {"x": xs, "y": ys, "mu_x": mxs, "mu_y": mys},
    sigma_xy,
    wrt="y",
    source="sample covariance of two patches in SSIM (Wang et al., 2004, Eq. 11)",
)
nconf = np.array([[5.0, 1.0, 0.0], [2.0, 7.0, 1.0], [0.0, 2.0, 4.0]])
tconf = nconf.sum(1)


def pixel_accuracy(n, t):
    return sum(n[i, i] for i in range(len(n))) / sum(t[i] for i in range(len(t)))


row(
    "pixel_accuracy",
    r"\sum_i n_{ii} / \sum_i t_i",
    "n: matrix[K, K]; t: vector[K]; i: index",
    {"n": nconf.tolist(), "t": tconf.tolist()},
    pixel_accuracy,
    source="pixel accuracy (Long, Shelhamer and Darrell, 2015, FCN, Sec. 5), n_ij pixels of class i predicted j, t_i = sum_j n_ij",
)


def mean_iu(n, t, n_cl):
    K = len(n)
    return sum(n[i, i] / (t[i] + sum(n[j, i] for j in range(K)) - n[i, i]) for i in range(K)) / n_cl


row(
    "mean_iu",
    r"(1 / n_{cl}) \sum_i n_{ii} / \left(t_i + \sum_j n_{ji} - n_{ii}\right)",
    "n: matrix[K, K]; t: vector[K]; n_{cl}: scalar, positive; i, j: index",
    {"n": nconf.tolist(), "t": tconf.tolist(), "n_cl": 3.0},
    mean_iu,
    wrt="n",
    source="mean region intersection over union (Long, Shelhamer and Darrell, 2015, FCN, Sec. 5)",
    note="t_i given (its own input), so the gradient in n holds t fixed",
)


def fw_iu(n, t):
    K = len(n)
    return sum(
        t[i] * n[i, i] / (t[i] + sum(n[j, i] for j in range(K)) - n[i, i]) for i in range(K)
    ) / sum(t[k] for k in range(K))


row(
    "frequency_weighted_iu",
    r"\left(\sum_k t_k\right)^{-1} \sum_i t_i n_{ii} / \left(t_i + \sum_j n_{ji} - n_{ii}\right)",
    "n: matrix[K, K]; t: vector[K]; i, j, k: index",
    {"n": nconf.tolist(), "t": tconf.tolist()},
    fw_iu,
    source="frequency weighted IU (Long, Shelhamer and Darrell, 2015, FCN, Sec. 5)",
)


def centerness(l_sup_star, r_sup_star, t_sup_star, b_sup_star):
    return math.sqrt(
        min(l_sup_star, r_sup_star)
        / max(l_sup_star, r_sup_star)
        * min(t_sup_star, b_sup_star)
        / max(t_sup_star, b_sup_star)
    )


row(
    "fcos_centerness",
    r"\text{centerness}^* = \sqrt{\frac{\min(l^*, r^*)}{\max(l^*, r^*)} \times \frac{\min(t^*, b^*)}{\max(t^*, b^*)}}",
    "l^*, r^*, t^*, b^*: scalar, positive",
    {"l_sup_star": 12.0, "r_sup_star": 30.0, "t_sup_star": 25.0, "b_sup_star": 16.0},
    centerness,
    wrt="l^*",
    key="l_sup_star",
    source="centre-ness target of FCOS (Tian et al., 2019, Eq. 3), distances from a location to the four sides of its box",
)


def qfl(y, sigma, beta):
    return -(abs(y - sigma) ** beta) * ((1 - y) * math.log(1 - sigma) + y * math.log(sigma))


row(
    "quality_focal_loss",
    r"\mathbf{QFL}(\sigma) = -|y - \sigma|^{\beta} \left( (1 - y) \log(1 - \sigma) + y \log(\sigma) \right)",
    "y, sigma: scalar, unit; beta: scalar, positive",
    {"y": 0.8, "sigma": 0.55, "beta": 2.0},
    qfl,
    wrt="sigma",
    source="quality focal loss (Li et al., 2020, Generalized Focal Loss, Sec. 3), y the IoU score target, sigma the prediction",
)


def dfl(y, y_i, y_i_plus_1, S_cal_i, S_cal_i_plus_1):
    return -((y_i_plus_1 - y) * math.log(S_cal_i) + (y - y_i) * math.log(S_cal_i_plus_1))


row(
    "distribution_focal_loss",
    r"\mathbf{DFL}(\mathcal{S}_i, \mathcal{S}_{i+1}) = -\left( (y_{i+1} - y) \log(\mathcal{S}_i) + (y - y_i) \log(\mathcal{S}_{i+1}) \right)",
    r"y, y_i, y_{i+1}: scalar; \mathcal{S}_i, \mathcal{S}_{i+1}: scalar, unit",
    {"y": 3.3, "y_i": 3.0, "y_i_plus_1": 4.0, "S_cal_i": 0.45, "S_cal_i_plus_1": 0.3},
    dfl,
    wrt=r"\mathcal{S}_i",
    key="S_cal_i",
    source="distribution focal loss (Li et al., 2020, Generalized Focal Loss, Sec. 3), y_i and y_{i+1} the integers around the target y",
)


def varifocal(p, q, alpha, gamma):
    if q > 0:
        return -q * (q * math.log(p) + (1 - q) * math.log(1 - p))
    return -alpha * p**gamma * math.log(1 - p)


row(
    "varifocal_loss",
    r"\mathrm{VFL}(p, q) = \begin{cases} -q \left( q \log(p) + (1 - q) \log(1 - p) \right) & q > 0 \\ -\alpha p^{\gamma} \log(1 - p) & q = 0 \end{cases}",
    "p, q: scalar, unit; alpha, gamma: scalar, positive",
    {"p": 0.62, "q": 0.74, "alpha": 0.75, "gamma": 2.0},
    varifocal,
    wrt="p",
    source="varifocal loss (Zhang et al., 2021, VarifocalNet, Eq. 2), q the IoU-aware target, here a foreground point",
)
xo = rnd(2004, 5, lo=0.1, hi=0.9)
yo = rnd(2005, 5, lo=0.1, hi=0.9)
xh = rnd(2006, 5, lo=0.1, hi=0.9)
yh = rnd(2007, 5, lo=0.1, hi=0.9)
wo = rnd(2008, 5, lo=0.1, hi=0.9)
ho = rnd(2009, 5, lo=0.1, hi=0.9)
whh = rnd(2010, 5, lo=0.1, hi=0.9)
hhh = rnd(2011, 5, lo=0.1, hi=0.9)
obj = [1.0, 0.0, 1.0, 1.0, 0.0]


def yolo_coord(**v):
    lam = v["lambda_textbf_coord"]
    S = int(v["S"])
    total = 0.0
    for i in range(S**2 + 1):
        o = v["v_1_bb_sup_obj"][i]
        total += lam * o * ((v["x"][i] - v["x_hat"][i]) ** 2 + (v["y"][i] - v["y_hat"][i]) ** 2)
        total += (
            lam
            * o
            * (
                (math.sqrt(v["w"][i]) - math.sqrt(v["w_hat"][i])) ** 2
                + (math.sqrt(v["h"][i]) - math.sqrt(v["h_hat"][i])) ** 2
            )
        )
    return total


row(
    "yolo_coordinate_loss",
    r"\lambda_{\textbf{coord}} \sum_{i=0}^{S^2} \mathbb{1}_{i}^{\text{obj}} \left[ (x_i - \hat{x}_i)^2 + (y_i - \hat{y}_i)^2 \right] + \lambda_{\textbf{coord}} \sum_{i=0}^{S^2} \mathbb{1}_{i}^{\text{obj}} \left[ \left(\sqrt{w_i} - \sqrt{\hat{w}_i}\right)^2 + \left(\sqrt{h_i} - \sqrt{\hat{h}_i}\right)^2 \right]",
    r"x, y, \hat{x}, \hat{y}, w, h, \hat{w}, \hat{h}, \mathbb{1}^{obj}: vector[m]; \lambda_{\textbf{coord}}: scalar, positive; S: scalar, integer, positive; i: index",
    {
        "x": xo,
        "y": yo,
        "x_hat": xh,
        "y_hat": yh,
        "w": wo,
        "h": ho,
        "w_hat": whh,
        "h_hat": hhh,
        "v_1_bb_sup_obj": obj,
        "lambda_textbf_coord": 5.0,
        "S": 2,
    },
    yolo_coord,
    wrt=r"\hat{w}",
    key="w_hat",
    source="localization terms of the YOLO loss (Redmon et al., 2016, Sec. 2.2, first two lines of the multi-part loss), one box per cell",
    note="the paper's sums run i = 0..S^2; here S = 2 and the S^2 + 1 = 5 cells are the entries of each vector, counted from 0",
)

if __name__ == "__main__":
    A.write()
