"""Hyperbolic and spherical embeddings: the Poincare ball's distance, Mobius addition,
exponential and logarithmic maps and conformal factor, the Lorentz model's inner product,
distance and exponential map, entailment cones, von Mises-Fisher densities and concentration
estimates, and angular-margin softmax losses (NumPy references from each paper's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd

A = Area("hyperbolic")
row = A.row

u_p = rnd(3600, 3, lo=-0.5, hi=0.5)
v_p = rnd(3601, 3, lo=-0.5, hi=0.5)


def poincare(u, v):
    return math.acosh(1 + 2 * float((u - v) @ (u - v)) / ((1 - float(u @ u)) * (1 - float(v @ v))))


row(
    "poincare_distance",
    r"d(\boldsymbol{u}, \boldsymbol{v}) = \operatorname{arcosh}\left(1 + 2 \frac{\|\boldsymbol{u} - \boldsymbol{v}\|^2}{(1 - \|\boldsymbol{u}\|^2)(1 - \|\boldsymbol{v}\|^2)}\right)",
    "u, v: vector[d]",
    {"u": u_p, "v": v_p},
    poincare,
    wrt="u",
    source="distance in the Poincare ball (Nickel and Kiela, 2017, Poincare Embeddings for Learning Hierarchical Representations, Eq. 1)",
)
x_p = rnd(3602, 3, lo=-0.5, hi=0.5)
row(
    "poincare_distance_to_origin",
    r"d_c(\mathbf{0}, x) = \frac{2}{\sqrt{c}} \tanh^{-1}\left(\sqrt{c} \|x\|\right)",
    "x: vector[d]; c: scalar, positive",
    {"x": x_p, "c": 1.5},
    lambda x, c: 2 / math.sqrt(c) * math.atanh(math.sqrt(c) * np.linalg.norm(x)),
    wrt="x",
    source="distance from the origin in the Poincare ball of curvature -c, d_c(x, y) = (2 / sqrt(c)) tanh^-1(sqrt(c) ||-x (+)_c y||) at x = 0 (Ganea, Becigneul and Hofmann, 2018, Hyperbolic Neural Networks, Sec. 2.2)",
)


def mobius(x, y, c):
    xy = float(x @ y)
    xx = float(x @ x)
    yy = float(y @ y)
    return ((1 + 2 * c * xy + c * yy) * x + (1 - c * xx) * y) / (1 + 2 * c * xy + c**2 * xx * yy)


row(
    "mobius_addition",
    r"x \oplus_c y := \frac{(1 + 2c\langle x, y \rangle + c\|y\|^2) x + (1 - c\|x\|^2) y}{1 + 2c\langle x, y \rangle + c^2 \|x\|^2 \|y\|^2}",
    "x, y: vector[d]; c: scalar, positive",
    {"x": u_p, "y": v_p, "c": 1.0},
    mobius,
    source="Mobius addition in the Poincare ball of curvature -c (Ganea, Becigneul and Hofmann, 2018, Sec. 2.2; Ungar, 2008)",
)
v_e = rnd(3603, 3)
row(
    "exp_map_origin",
    r"\exp_{\mathbf{0}}^c(\mathbf{v}) = \tanh(\sqrt{c} \|\mathbf{v}\|) \frac{\mathbf{v}}{\sqrt{c} \|\mathbf{v}\|}",
    "v: vector[d]; c: scalar, positive",
    {"v": v_e, "c": 1.0},
    lambda v, c: (
        math.tanh(math.sqrt(c) * np.linalg.norm(v)) * v / (math.sqrt(c) * np.linalg.norm(v))
    ),
    source="exponential map at the origin of the Poincare ball (Ganea, Becigneul and Hofmann, 2018, Lemma 2 at x = 0, Sec. 2.4)",
)
row(
    "log_map_origin",
    r"\log_{\mathbf{0}}^c(\mathbf{y}) = \tanh^{-1}(\sqrt{c} \|\mathbf{y}\|) \frac{\mathbf{y}}{\sqrt{c} \|\mathbf{y}\|}",
    "y: vector[d]; c: scalar, positive",
    {"y": v_p, "c": 1.0},
    lambda y, c: (
        math.atanh(math.sqrt(c) * np.linalg.norm(y)) * y / (math.sqrt(c) * np.linalg.norm(y))
    ),
    source="logarithmic map at the origin of the Poincare ball (Ganea, Becigneul and Hofmann, 2018, Sec. 2.4)",
)
row(
    "conformal_factor",
    r"\lambda_x^c := \frac{2}{1 - c \|x\|^2}",
    "x: vector[d]; c: scalar, positive",
    {"x": x_p, "c": 1.0},
    lambda x, c: 2 / (1 - c * float(x @ x)),
    wrt="x",
    source="conformal factor of the Poincare ball's metric, g^c_x = (lambda^c_x)^2 g^E (Ganea, Becigneul and Hofmann, 2018, Sec. 2.1)",
)


def hyperboloid(seed):
    r = np.asarray(rnd(seed, 3, lo=-1.0, hi=1.0))
    return np.concatenate([[math.sqrt(1 + float(r @ r))], r])


xl = hyperboloid(3604)
yl = hyperboloid(3605)


def lorentz(x, y):
    n = len(x) - 1
    return -x[0] * y[0] + sum(x[i] * y[i] for i in range(1, n + 1))


row(
    "lorentz_inner_product",
    r"\langle \mathbf{x}, \mathbf{y} \rangle_{\mathcal{L}} = -x_0 y_0 + \sum_{i=1}^{n} x_i y_i",
    "x, y: vector[n+1]; i: index",
    {"x": xl.tolist(), "y": yl.tolist()},
    lorentz,
    wrt="x",
    source="Lorentzian scalar product of the hyperboloid model (Nickel and Kiela, 2018, Learning Continuous Hierarchies in the Lorentz Model of Hyperbolic Geometry, Sec. 3)",
    note="entries counted from 0, x_0 the time-like coordinate",
)
row(
    "lorentz_distance",
    r"d_{\ell}(\mathbf{x}, \mathbf{y}) = \operatorname{arcosh}(-\langle \mathbf{x}, \mathbf{y} \rangle_{\mathcal{L}})",
    "x, y: vector[n+1]",
    {"x": xl.tolist(), "y": yl.tolist()},
    lambda x, y: math.acosh(-lorentz(x, y)),
    wrt="x",
    source="distance on the hyperboloid (Nickel and Kiela, 2018, Sec. 3)",
    note="<x, y>_L the Lorentzian scalar product -x_0 y_0 + sum_{i >= 1} x_i y_i; x and y on the hyperboloid <x, x>_L = -1",
)
vr = np.asarray(rnd(3606, 3, lo=-0.6, hi=0.6))
vl = np.concatenate([[float(xl[1:] @ vr) / xl[0]], vr])


def lorentz_exp(x, v):
    nv = math.sqrt(lorentz(v, v))
    return math.cosh(nv) * x + math.sinh(nv) * v / nv


row(
    "lorentz_exp_map",
    r"\exp_{\mathbf{x}}(\mathbf{v}) = \cosh(\|\mathbf{v}\|_{\mathcal{L}}) \mathbf{x} + \sinh(\|\mathbf{v}\|_{\mathcal{L}}) \frac{\mathbf{v}}{\|\mathbf{v}\|_{\mathcal{L}}}",
    "x, v: vector[n+1]",
    {"x": xl.tolist(), "v": vl.tolist()},
    lorentz_exp,
    source="exponential map of the hyperboloid at x (Nickel and Kiela, 2018, Sec. 3, the exponential map)",
    note="||v||_L = sqrt(<v, v>_L) with the Lorentzian product; v a tangent vector at x (<x, v>_L = 0)",
)
mu_v = np.array([0.48, 0.6, 0.64])
xv = np.asarray(rnd(3607, 3))
xv = xv / np.linalg.norm(xv)
row(
    "vmf_density_sphere",
    r"f(\mathbf{x}; \boldsymbol{\mu}, \kappa) = \frac{\kappa}{4 \pi \sinh \kappa} \exp\left(\kappa \boldsymbol{\mu}^\top \mathbf{x}\right)",
    r"x, \mu: vector[3]; \kappa: scalar, positive",
    {"x": xv.tolist(), "mu": mu_v.tolist(), "kappa": 2.5},
    lambda x, mu, kappa: kappa / (4 * math.pi * math.sinh(kappa)) * math.exp(kappa * float(mu @ x)),
    wrt=r"\kappa",
    key="kappa",
    source="von Mises-Fisher density on the sphere S^2, where the normalizer needs no Bessel function (Fisher, 1953; Mardia and Jupp, Directional Statistics, 2000, Sec. 9.3.2)",
)
row(
    "vmf_concentration_estimate",
    r"\hat{\kappa} = \frac{\bar{r} p - \bar{r}^3}{1 - \bar{r}^2}",
    r"\bar{r}: scalar, unit; p: scalar, positive",
    {"r_bar": 0.7, "p": 5.0},
    lambda r_bar, p: (r_bar * p - r_bar**3) / (1 - r_bar**2),
    wrt=r"\bar{r}",
    key="r_bar",
    source="approximation of the maximum-likelihood concentration of a p-dimensional von Mises-Fisher distribution (Banerjee, Dhillon, Ghosh and Sra, 2005, Clustering on the Unit Hypersphere using von Mises-Fisher Distributions, Sec. 4)",
)
X_v = np.asarray(rnd(3608, 4, 3))
X_v = X_v / np.linalg.norm(X_v, axis=1, keepdims=True)
row(
    "vmf_mean_resultant_length",
    r"\bar{r} = \frac{\|\sum_{i=1}^{n} \mathbf{x}_i\|}{n}",
    "X: matrix[n, d]; x_i: row[X]; i: index",
    {"X": X_v.tolist()},
    lambda X: np.linalg.norm(sum(X[i] for i in range(len(X)))) / len(X),
    wrt="X",
    source="mean resultant length of n unit vectors, the statistic of the vMF concentration estimate (Banerjee et al., 2005, Sec. 4)",
)
th_af = [0.6, 1.2, 1.45, 0.9]


def arcface(theta, y, s, m_1, m_2, m_3):
    i = int(y) - 1
    pos = math.exp(s * (math.cos(m_1 * theta[i] + m_2) - m_3))
    neg = sum(math.exp(s * math.cos(theta[j])) for j in range(len(theta)) if j != i)
    return -math.log(pos / (pos + neg))


row(
    "arcface_combined_margin",
    r"-\log \frac{e^{s(\cos(m_1 \theta_{y} + m_2) - m_3)}}{e^{s(\cos(m_1 \theta_{y} + m_2) - m_3)} + \sum_{j=1, j \neq y}^{n} e^{s \cos \theta_j}}",
    r"\theta: vector[n]; y: label[n]; s: scalar, positive; m_1, m_2, m_3: scalar",
    {"theta": th_af, "y": 1, "s": 4.0, "m_1": 1.0, "m_2": 0.3, "m_3": 0.2},
    arcface,
    wrt=r"\theta",
    key="theta",
    source="combined angular margin loss of SphereFace, ArcFace and CosFace margins (Deng, Guo, Xue and Zafeiriou, 2019, ArcFace, Eq. 4), one example (N = 1)",
    note="theta_j the angle between the feature and the weight of class j",
)
Wam = np.asarray(rnd(3609, 3, 3))
Wam = Wam / np.linalg.norm(Wam, axis=0, keepdims=True)
Fam = np.asarray(rnd(3610, 2, 3))
Fam = Fam / np.linalg.norm(Fam, axis=1, keepdims=True)


def am_softmax(W, F, y, s, m):
    n = len(F)
    c = W.shape[1]
    total = 0.0
    for i in range(n):
        t = int(y[i]) - 1
        pos = math.exp(s * (float(W[:, t] @ F[i]) - m))
        neg = sum(math.exp(s * float(W[:, j] @ F[i])) for j in range(c) if j != t)
        total += math.log(pos / (pos + neg))
    return -total / n


row(
    "am_softmax",
    r"\mathcal{L}_{AMS} = -\frac{1}{n} \sum_{i=1}^{n} \log \frac{e^{s \cdot (W_{y_i}^T \boldsymbol{f}_i - m)}}{e^{s \cdot (W_{y_i}^T \boldsymbol{f}_i - m)} + \sum_{j=1, j \neq y_i}^{c} e^{s W_j^T \boldsymbol{f}_i}}",
    "W: matrix[d, c]; F: matrix[n, d]; f_i: row[F]; y: labels[n, c]; s, m: scalar, positive; i, j: index",
    {"W": Wam.tolist(), "F": Fam.tolist(), "y": [2, 3], "s": 5.0, "m": 0.35},
    am_softmax,
    wrt="F",
    source="additive margin softmax with normalized weights and features (Wang, Cheng, Liu and Liu, 2018, Additive Margin Softmax for Face Verification, Eq. 6)",
    note="W_j the weight of class j, the columns of W; W_j and f_i of unit norm in the inputs",
)


def cone(x, K):
    r = np.linalg.norm(x)
    return math.asin(K * (1 - r**2) / r)


row(
    "entailment_cone_aperture",
    r"\psi(x) = \arcsin\left(K \frac{1 - \|x\|^2}{\|x\|}\right)",
    "x: vector[d]; K: scalar, positive",
    {"x": x_p, "K": 0.1},
    cone,
    wrt="x",
    source="half-aperture of the hyperbolic entailment cone at x in the Poincare ball (Ganea, Becigneul and Hofmann, 2018, Hyperbolic Entailment Cones for Learning Hierarchical Embeddings, the closed form of the Poincare cone)",
)
row(
    "adacos_fixed_scale",
    r"\tilde{s}_f = \sqrt{2} \cdot \log(C - 1)",
    "C: scalar, positive",
    {"C": 1000.0},
    lambda C: math.sqrt(2) * math.log(C - 1),
    source="fixed scale of AdaCos for C classes (Zhang et al., 2019, AdaCos: Adaptively Scaling Cosine Logits for Effectively Learning Deep Face Representations, the fixed AdaCos scale)",
)

if __name__ == "__main__":
    A.write()
