"""Multi-view geometry in vision: the perspective projection of a point, the reprojection error of
a camera matrix, the epipolar constraint, the Sampson and symmetric epipolar distances, the
transfer error of a homography, the rotation angle from the trace, Rodrigues' formula, the
Riemannian distance between rotations, a bundle-adjustment cost, DSO's photometric error, Zhang's
radial distortion and his calibration constraint, the essential-matrix constraint with [t]_x and
the homography induced by a plane (NumPy/SciPy references from each source's definition)."""

from __future__ import annotations

import math

import numpy as np
from _common import Area, rnd
from scipy.linalg import expm, logm

A = Area("geometry")
row = A.row


def skew(v):
    return np.array([[0.0, -v[2], v[1]], [v[2], 0.0, -v[0]], [-v[1], v[0], 0.0]])


def rotation(axis, angle):
    k = np.asarray(axis, dtype=float)
    k = k / np.linalg.norm(k)
    return expm(angle * skew(k))


R0 = rotation([0.2, 1.0, -0.3], 0.25).round(6)
t0 = np.array([0.1, -0.2, 0.3])
K0 = np.array([[800.0, 0.0, 320.0], [0.0, 780.0, 240.0], [0.0, 0.0, 1.0]])
X0 = [0.4, -0.3, 4.5]


def project_u(R, X, t, f_x, c_x):
    Xc = R @ X + t  # the point in camera coordinates
    return f_x * Xc[0] / Xc[2] + c_x


row(
    "perspective_projection_u",
    r"u = f_x \frac{\mathbf{r}_1^\top \mathbf{X} + t_1}{\mathbf{r}_3^\top \mathbf{X} + t_3} + c_x",
    r"R: matrix[3, 3]; \mathbf{r}_i: row[R]; \mathbf{X}, \mathbf{t}: vector[3]; f_x, c_x: scalar, positive",
    {"R": R0.tolist(), "X": X0, "t": t0.tolist(), "f_x": 800.0, "c_x": 320.0},
    project_u,
    wrt="X",
    source="the horizontal pixel coordinate of a world point X seen by a pinhole camera with rotation R, translation t, focal length f_x and principal point c_x, x = K (R X + t) dehomogenized (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 6.1; Szeliski, 2022, Computer Vision: Algorithms and Applications, 2nd ed., Sec. 2.1.4)",
    note="r_1^T and r_3^T the first and third rows of R; no skew",
)
P0 = K0 @ np.hstack([R0, t0[:, None]])
Xh = np.hstack(
    [np.asarray(rnd(9300, 4, 3, lo=-1.0, hi=1.0)) + np.array([0, 0, 5.0]), np.ones((4, 1))]
)
Xh = Xh.round(3)
uv = (P0 @ Xh.T).T
uv = uv[:, :2] / uv[:, 2:]
uv = (uv + np.asarray(rnd(9301, 4, 2, lo=-1.5, hi=1.5))).round(2)


def reprojection(u, v, X, p_1, p_2, p_3):
    P = np.vstack([p_1, p_2, p_3])
    out = 0.0
    for i in range(len(X)):
        x = P @ X[i]
        out += (u[i] - x[0] / x[2]) ** 2 + (v[i] - x[1] / x[2]) ** 2
    return out


row(
    "reprojection_error_camera_rows",
    r"E = \sum_{i=1}^{n} \left[ \left( u_i - \frac{\mathbf{p}_1^\top \mathbf{X}_i}{\mathbf{p}_3^\top \mathbf{X}_i} \right)^2 + \left( v_i - \frac{\mathbf{p}_2^\top \mathbf{X}_i}{\mathbf{p}_3^\top \mathbf{X}_i} \right)^2 \right]",
    r"u, v: vector[n]; X: matrix[n, 4]; \mathbf{X}_i: row[X]; \mathbf{p}_1, \mathbf{p}_2, \mathbf{p}_3: vector[4]; i: index",
    {
        "u": uv[:, 0].tolist(),
        "v": uv[:, 1].tolist(),
        "X": Xh.tolist(),
        "p_1": P0[0].round(4).tolist(),
        "p_2": P0[1].round(4).tolist(),
        "p_3": P0[2].round(4).tolist(),
    },
    reprojection,
    wrt=r"p_{3}",
    key="p_3",
    source="the geometric (reprojection) error of a 3 x 4 camera matrix P with rows p_1^T, p_2^T, p_3^T over n correspondences X_i <-> (u_i, v_i), the cost minimized by the Gold Standard algorithm for P (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 7.2)",
    note="X_i the homogeneous world points (rows of X, last coordinate 1); the pixel coordinates carry noise of about a pixel",
)
R1 = rotation([0.1, 0.9, 0.2], 0.3)
t1 = np.array([1.0, 0.1, 0.05])
Kn = K0 / 500.0  # image coordinates in units of 500 pixels, so that F is of order 1
Kn[2, 2] = 1.0
F0 = np.linalg.inv(Kn).T @ skew(t1) @ R1 @ np.linalg.inv(Kn)
F0 = (F0 / np.linalg.norm(F0)).round(8)
Xw = np.array([0.3, -0.2, 4.0])
x1 = Kn @ Xw
x1 = (x1 / x1[2]).round(4)
x2 = Kn @ (R1 @ Xw + t1)
x2 = (x2 / x2[2]).round(4) + np.array([0.0026, -0.0016, 0.0])  # off the epipolar line


def epipolar(x_prime, F, x):
    return sum(x_prime[a] * F[a, b] * x[b] for a in range(3) for b in range(3))


row(
    "epipolar_constraint_residual",
    r"\mathbf{x}'^\top F \mathbf{x}",
    r"\mathbf{x}, \mathbf{x}': vector[3]; F: matrix[3, 3]",
    {"x_prime": x2.tolist(), "F": F0.tolist(), "x": x1.tolist()},
    epipolar,
    wrt="F",
    source="the algebraic residual of the epipolar constraint x'^T F x = 0 that the fundamental matrix F imposes on corresponding points x <-> x' (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 9.2)",
    note="x and x' homogeneous image coordinates (third coordinate 1, in units of 500 pixels); the correspondence is noisy, so the residual is not 0; F scaled to unit Frobenius norm",
)


def sampson(x_prime, F, x):
    eps = epipolar(x_prime, F, x)
    # the Jacobian of eps in the inhomogeneous coordinates (x_1, x_2, x'_1, x'_2)
    J = [sum(x_prime[a] * F[a, b] for a in range(3)) for b in range(2)]
    J += [sum(F[a, b] * x[b] for b in range(3)) for a in range(2)]
    return eps**2 / sum(j * j for j in J)  # eps^T (J J^T)^{-1} eps


row(
    "sampson_distance",
    r"d_S = \frac{(\mathbf{x}'^\top F \mathbf{x})^2}{(F\mathbf{x})_1^2 + (F\mathbf{x})_2^2 + (F^\top \mathbf{x}')_1^2 + (F^\top \mathbf{x}')_2^2}",
    r"\mathbf{x}, \mathbf{x}': vector[3]; F: matrix[3, 3]",
    {"x_prime": x2.tolist(), "F": F0.tolist(), "x": x1.tolist()},
    sampson,
    wrt="F",
    source="the Sampson distance of a correspondence to the epipolar geometry, the first-order approximation eps^T (J J^T)^{-1} eps of its geometric error (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 11.4.3, Eq. 11.9; Sec. 4.2.6)",
    note="(F x)_j the j-th entry of F x; references from the algebraic error and its Jacobian in the four inhomogeneous coordinates",
)


def symmetric_epipolar(x_prime, F, x):
    l_prime = F @ x  # the epipolar line of x in the second image
    l = F.T @ x_prime  # noqa: E741  (the epipolar line of x' in the first image)
    d2 = (x_prime @ l_prime) ** 2 / (l_prime[0] ** 2 + l_prime[1] ** 2)
    d1 = (x @ l) ** 2 / (l[0] ** 2 + l[1] ** 2)
    return d1 + d2


row(
    "symmetric_epipolar_distance",
    r"d = (\mathbf{x}'^\top F \mathbf{x})^2 \left( \frac{1}{(F\mathbf{x})_1^2 + (F\mathbf{x})_2^2} + \frac{1}{(F^\top \mathbf{x}')_1^2 + (F^\top \mathbf{x}')_2^2} \right)",
    r"\mathbf{x}, \mathbf{x}': vector[3]; F: matrix[3, 3]",
    {"x_prime": x2.tolist(), "F": F0.tolist(), "x": x1.tolist()},
    symmetric_epipolar,
    wrt="x",
    source="the symmetric epipolar distance, the squared distances of each point to the epipolar line of the other, d(x', F x)^2 + d(x, F^T x')^2 (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 11.4.3, Eq. 11.10)",
    note="references from the point-to-line distances |l^T x| / sqrt(l_1^2 + l_2^2) with the points' third coordinate as given",
)
H0 = np.array([[1.05, 0.02, 12.0], [-0.03, 0.98, -7.0], [1.2e-4, -0.8e-4, 1.0]])
xy = (40.0, 25.0)
hx = H0 @ [*xy, 1.0]
xy_p = (round(hx[0] / hx[2] + 0.7, 2), round(hx[1] / hx[2] - 0.4, 2))


def transfer_error(h, x, y, x_prime, y_prime):
    p = h @ np.array([x, y, 1.0])
    return (x_prime - p[0] / p[2]) ** 2 + (y_prime - p[1] / p[2]) ** 2


row(
    "homography_transfer_error",
    r"e = \left( x' - \frac{h_{11} x + h_{12} y + h_{13}}{h_{31} x + h_{32} y + h_{33}} \right)^2 + \left( y' - \frac{h_{21} x + h_{22} y + h_{23}}{h_{31} x + h_{32} y + h_{33}} \right)^2",
    "h: matrix[3, 3]; x, y, x', y': scalar",
    {"h": H0.tolist(), "x": xy[0], "y": xy[1], "x_prime": xy_p[0], "y_prime": xy_p[1]},
    transfer_error,
    wrt="h",
    source="the transfer error in the second image of one correspondence (x, y) <-> (x', y') under the homography H, the squared distance d(x', H x)^2 with the mapped point dehomogenized (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 4.2.2)",
    note="h_ij the entries of H, declared as the matrix h",
)
R_ang = rotation([0.3, -0.5, 0.8], 0.9).round(8)
assert abs(np.linalg.norm(logm(R_ang).real) / math.sqrt(2) - 0.9) < 1e-6


def angle_from_trace(R):
    return math.acos((sum(R[i, i] for i in range(3)) - 1) / 2)


row(
    "rotation_angle_from_trace",
    r"\theta = \cos^{-1}\left( \frac{\operatorname{trace}(R) - 1}{2} \right)",
    "R: matrix[3, 3]",
    {"R": R_ang.tolist()},
    angle_from_trace,
    wrt="R",
    source="the rotation angle of a rotation matrix R, from trace(R) = 1 + 2 cos theta, the first step of the logarithm of SO(3) (Ma, Soatto, Kosecka and Sastry, 2004, An Invitation to 3-D Vision, Sec. 2.3.2, Theorem 2.8)",
    note="R a rotation by 0.9 rad (checked against the norm of its matrix logarithm); the gradient is taken over all nine entries",
)
k_rod = np.array([0.48, 0.6, -0.64])  # a unit axis in three decimals
K_rod = skew(k_rod)


def rodrigues(K, theta):
    return expm(theta * K)  # the rotation about the axis of K by the angle theta


row(
    "rodrigues_rotation_formula",
    r"R = I + \sin\theta \, K + (1 - \cos\theta) K^2",
    r"K: matrix[3, 3]; \theta: scalar",
    {"K": K_rod.tolist(), "theta": 0.9},
    rodrigues,
    source="Rodrigues' formula for the rotation by the angle theta about the unit axis k, K = [k]_x the cross-product matrix of k (Murray, Li and Sastry, 1994, A Mathematical Introduction to Robotic Manipulation, Sec. 2.2, Eq. 2.14; Szeliski, 2022, Sec. 2.1.3)",
    note="K the skew-symmetric matrix of a unit axis, given; references as the matrix exponential exp(theta K)",
)
R_a = rotation([1.0, 0.2, -0.4], 0.7).round(8)
R_b = rotation([0.5, -0.9, 0.1], 1.1).round(8)


def riemannian_distance(R_1, R_2):
    return float(np.linalg.norm(logm(R_1.T @ R_2).real, "fro")) / math.sqrt(2)


row(
    "rotation_riemannian_distance",
    r"d_R(R_1, R_2) = \frac{1}{\sqrt{2}} \left\| \operatorname{Log}\left( R_1^T R_2 \right) \right\|_F",
    "R_1, R_2: matrix[3, 3]",
    {"R_1": R_a.tolist(), "R_2": R_b.tolist()},
    riemannian_distance,
    wrt="R_{2}",
    key="R_2",
    source="the Riemannian (geodesic) distance between two rotations, the angle of the relative rotation R_1^T R_2 (Moakher, 2002, Means and Averaging in the Group of Rotations, SIAM J. Matrix Anal. Appl. 24, Sec. 3)",
    note="Log the principal matrix logarithm (not the logarithm of each entry); the gradient is taken over all nine entries of R_2",
)
X_ba = (np.asarray(rnd(9302, 3, 3, lo=-1.0, hi=1.0)) + np.array([0.0, 0.0, 6.0])).round(3)
T_ba = np.array([[0.0, 0.0, 0.0], [-1.0, 0.1, 0.2]])
f_ba = 2.0


def ba_cost(X, T, u, v, f):
    n, m = len(X), len(T)
    out = 0.0
    for i in range(n):
        for j in range(m):
            Xc = X[i] + T[j]  # camera j: rotation I, translation T_j
            out += (u[i, j] - f * Xc[0] / Xc[2]) ** 2 + (v[i, j] - f * Xc[1] / Xc[2]) ** 2
    return out


U_ba = np.array(
    [
        [f_ba * (X_ba[i, 0] + T_ba[j, 0]) / (X_ba[i, 2] + T_ba[j, 2]) for j in range(2)]
        for i in range(3)
    ]
)
V_ba = np.array(
    [
        [f_ba * (X_ba[i, 1] + T_ba[j, 1]) / (X_ba[i, 2] + T_ba[j, 2]) for j in range(2)]
        for i in range(3)
    ]
)
U_ba = (U_ba + np.asarray(rnd(9303, 3, 2, lo=-0.01, hi=0.01))).round(4)
V_ba = (V_ba + np.asarray(rnd(9304, 3, 2, lo=-0.01, hi=0.01))).round(4)
row(
    "bundle_adjustment_reprojection_cost",
    r"E = \sum_{i=1}^{n} \sum_{j=1}^{m} \left[ \left( u_{ij} - f \frac{X_{i1} + T_{j1}}{X_{i3} + T_{j3}} \right)^2 + \left( v_{ij} - f \frac{X_{i2} + T_{j2}}{X_{i3} + T_{j3}} \right)^2 \right]",
    "X: matrix[n, 3]; T: matrix[m, 3]; u, v: matrix[n, m]; f: scalar, positive; i, j: index",
    {"X": X_ba.tolist(), "T": T_ba.tolist(), "u": U_ba.tolist(), "v": V_ba.tolist(), "f": f_ba},
    ba_cost,
    wrt="X",
    source="the bundle-adjustment cost, the sum over points i and cameras j of the squared reprojection errors, for calibrated cameras with identity rotation and translations T_j (Triggs, McLauchlan, Hartley and Fitzgibbon, 2000, Bundle Adjustment - A Modern Synthesis, Sec. 3; Hartley and Zisserman, 2004, Sec. 18.1)",
    note="X_i = (X_i1, X_i2, X_i3) the i-th point (row of X) and T_j the j-th camera's translation (row of T); (u_ij, v_ij) the observation of point i in camera j, in normalized units",
)
I_i = [112.0, 98.0, 130.0, 121.0, 87.0, 104.0, 140.0, 95.0]
I_j_vals = [125.5, 104.8, 155.6, 132.0, 99.5, 99.5, 155.3, 99.4]
w_p = [0.9, 0.8, 0.95, 0.7, 0.85, 0.9, 0.6, 0.75]
dso = {"a_i": 0.05, "a_j": -0.02, "b_i": 3.0, "b_j": 1.5, "t_i": 10.0, "t_j": 12.0, "gamma": 9.0}


def dso_error(I_i, I_j, w, a_i, a_j, b_i, b_j, t_i, t_j, gamma):
    def huber(r):
        return r * r / (2 * gamma) if abs(r) <= gamma else abs(r) - gamma / 2

    scale = t_j * math.exp(a_j) / (t_i * math.exp(a_i))
    return sum(w[p] * huber((I_j[p] - b_j) - scale * (I_i[p] - b_i)) for p in range(len(w)))


_r = (np.asarray(I_j_vals) - 1.5) - 12 * math.exp(-0.02) / (10 * math.exp(0.05)) * (
    np.asarray(I_i) - 3.0
)
assert np.min(np.abs(np.abs(_r) - 9.0)) > 0.5 and np.any(np.abs(_r) > 9.0)
row(
    "dso_photometric_error",
    r"E_{\mathbf{p}j} = \sum_{\mathbf{p} \in \mathcal{N}_\mathbf{p}} w_\mathbf{p} \left\| \left( I_j[\mathbf{p}'] - b_j \right) - \frac{t_j e^{a_j}}{t_i e^{a_i}} \left( I_i[\mathbf{p}] - b_i \right) \right\|_\gamma",
    r"I_i, I_j, w: vector[N]; a_i, a_j, b_i, b_j: scalar; t_i, t_j, \gamma: scalar, positive",
    {"I_i": I_i, "I_j": I_j_vals, "w": w_p, **dso},
    dso_error,
    wrt="a_{j}",
    key="a_j",
    source="the photometric error of a point p of host frame i observed in frame j, over the pixel pattern N_p, with exposure times t and affine brightness parameters a, b (Engel, Koltun and Cremers, 2018, Direct Sparse Odometry, IEEE TPAMI 40, Sec. II.B, Eq. 4)",
    note="N_p the 8 pixels of the pattern around p, a set defined in words, I_i[p] and I_j[p'] the intensities at a pixel and at its reprojection (the entries of I_i and I_j), w_p the entries of w; ||.||_gamma the Huber norm, r^2 / (2 gamma) for |r| <= gamma and |r| - gamma / 2 beyond; no residual is near gamma",
)


def zhang_distortion(x, y, k_1, k_2):
    r2 = x * x + y * y
    return x + x * (k_1 * r2 + k_2 * r2**2)


row(
    "zhang_radial_distortion",
    r"\breve{x} = x + x \left[ k_1 (x^2 + y^2) + k_2 (x^2 + y^2)^2 \right]",
    "x, y, k_1, k_2: scalar",
    {"x": 0.42, "y": -0.31, "k_1": -0.23, "k_2": 0.08},
    zhang_distortion,
    wrt="x",
    source="the first two terms of radial lens distortion in ideal normalized image coordinates (x, y), x-breve the distorted coordinate (Zhang, 2000, A Flexible New Technique for Camera Calibration, IEEE TPAMI 22, Sec. 3.3)",
)
A_in = np.array([[820.0, 0.4, 318.0], [0.0, 805.0, 242.0], [0.0, 0.0, 1.0]])
R_z = rotation([0.4, 0.2, 0.1], 0.35)
H_z = A_in @ np.column_stack([R_z[:, 0], R_z[:, 1], [0.1, -0.05, 3.0]])
h1 = (H_z[:, 0] / H_z[2, 2]).round(4)
h2 = (H_z[:, 1] / H_z[2, 2] * 1.001).round(4)  # slightly perturbed, so the residual is not 0
A_noisy = A_in + np.array([[5.0, 0.0, -3.0], [0.0, -4.0, 2.0], [0.0, 0.0, 0.0]])


def zhang_constraint(h_1, h_2, A):
    Ainv = np.linalg.inv(A)
    B = Ainv.T @ Ainv  # the image of the absolute conic
    return float(h_1 @ B @ h_2)


row(
    "zhang_calibration_constraint",
    r"\mathbf{h}_1^T \mathbf{A}^{-T} \mathbf{A}^{-1} \mathbf{h}_2",
    r"\mathbf{h}_1, \mathbf{h}_2: vector[3]; \mathbf{A}: matrix[3, 3]",
    {"h_1": h1.tolist(), "h_2": h2.tolist(), "A": A_noisy.tolist()},
    zhang_constraint,
    wrt="A",
    source="the first of the two constraints a homography H = [h_1 h_2 h_3] between a model plane and its image puts on the intrinsic matrix A, h_1^T A^{-T} A^{-1} h_2 = 0 (Zhang, 2000, A Flexible New Technique for Camera Calibration, IEEE TPAMI 22, Sec. 2.3, Eq. 3)",
    note="A^{-T} the transpose of the inverse; A is not the true intrinsic matrix here, so the residual is not 0",
)
R_e = rotation([0.0, 1.0, 0.1], 0.2)
t_e = np.array([0.9, 0.1, -0.2])
Xe = np.array([0.2, -0.1, 3.0])
xh1 = Xe / Xe[2]
xh2 = R_e @ Xe + t_e
xh2 = xh2 / xh2[2] + np.array([0.01, -0.008, 0.0])


def essential_residual(x_hat_prime, t, R, x_hat):
    return float(x_hat_prime @ np.cross(t, R @ x_hat))  # [t]_x y = t x y


row(
    "essential_constraint_cross_product_matrix",
    r"\hat{\mathbf{x}}'^\top [\mathbf{t}]_\times R \hat{\mathbf{x}}",
    r"\hat{\mathbf{x}}, \hat{\mathbf{x}}', \mathbf{t}: vector[3]; R: matrix[3, 3]",
    {
        "x_hat_prime": xh2.round(5).tolist(),
        "t": t_e.tolist(),
        "R": R_e.round(8).tolist(),
        "x_hat": xh1.round(5).tolist(),
    },
    essential_residual,
    wrt="t",
    source="the residual of the epipolar constraint in normalized coordinates with the essential matrix E = [t]_x R of a camera pair P = [I | 0], P' = [R | t] (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 9.6; Longuet-Higgins, 1981)",
    note="[t]_x the skew-symmetric matrix of t, [t]_x y = t x y (the cross product), defined in words; references through the cross product",
)
K2 = np.array([[760.0, 0.0, 300.0], [0.0, 760.0, 250.0], [0.0, 0.0, 1.0]])
R_h = rotation([0.2, 1.0, 0.0], 0.15).round(8)
t_h = np.array([0.5, 0.0, 0.1])
n_h = np.array([0.0, 0.1, 1.0]) / np.linalg.norm([0.0, 0.1, 1.0])
d_h = -4.0


def plane_homography(K, K_prime, R, t, n, d):
    return K_prime @ (R - np.outer(t, n) / d) @ np.linalg.inv(K)


_Xp = np.array([0.3, -0.2, 0.0])
_Xp[2] = (-d_h - n_h[:2] @ _Xp[:2]) / n_h[2]  # on the plane n^T X + d = 0
_x = K0 @ _Xp
_xp = K2 @ (R_h @ _Xp + t_h)
_Hx = plane_homography(K0, K2, R_h, t_h, n_h, d_h) @ _x
assert np.allclose(_Hx / _Hx[2], _xp / _xp[2])
row(
    "plane_induced_homography",
    r"H = K' \left( R - \frac{\mathbf{t} \mathbf{n}^\top}{d} \right) K^{-1}",
    r"K, K', R: matrix[3, 3]; \mathbf{t}, \mathbf{n}: vector[3]; d: scalar",
    {
        "K": K0.tolist(),
        "K_prime": K2.tolist(),
        "R": R_h.tolist(),
        "t": t_h.tolist(),
        "n": n_h.round(8).tolist(),
        "d": d_h,
    },
    plane_homography,
    source="the homography between two views induced by the plane pi = (n^T, d)^T, n^T X + d = 0, for cameras P = K [I | 0] and P' = K' [R | t] (Hartley and Zisserman, 2004, Multiple View Geometry in Computer Vision, 2nd ed., Sec. 13.1, Result 13.1, Eq. 13.2)",
    note="checked when this file is loaded: H maps the image in the first view of a point on the plane to its image in the second; the value is the 3 x 3 matrix",
)

if __name__ == "__main__":
    A.write()
