"""Adaptive quadrature for ``evaluate``: Gauss-Kronrod (7/15 points) with an error estimate,
vectorized over all the nodes of all the pieces still being refined, after the range is split where
the integrand is not smooth or has its mass; on an infinite range with sin/cos(ω x) the tail is a
sum over half periods, accelerated by mpmath's ``nsum`` with its error estimate.

A fixed rule has no way to tell that it missed a peak at x = 30 on the real line, a kink at
pi/2, or the slow decay of sin(x)/x; it returns a number anyway. Here every piece is integrated
adaptively and its error estimated; a total whose estimated error exceeds ``RTOL`` (relative) is a
``CompileError`` that gives the value and the estimate, never a silent number.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import sympy

from .. import _functions as F
from .._errors import CompileError

#: the estimated error may be at most this fraction of the value (or of the largest |f| sampled)
RTOL = 1e-8
#: sign changes of a kink's argument located per integral, at most
MAX_BREAKS = 200


def _grid(a: float, b: float) -> np.ndarray:
    """Sample points that cover [a, b]: uniform on a finite range, and out to 1e15 on a half line."""
    far = np.logspace(-6, 15, 20_000)  # neighbours 0.24 % apart
    near = np.linspace(0.0, 2000.0, 20_001)[1:]  # 0.1 apart
    if math.isfinite(a) and math.isfinite(b):
        return np.linspace(a, b, 4097)[1:-1]
    if math.isfinite(a):
        return a + np.union1d(far, near)
    if math.isfinite(b):
        return b - np.union1d(far, near)[::-1]
    half = np.union1d(far, near)
    return np.concatenate([-half[::-1], [0.0], half])


def _values(at: Callable, xs: np.ndarray) -> np.ndarray:
    """``at`` over an array of points: vectorized when the expression allows it, else at most 400
    points one by one, interpolated (the samples only guide where to split)."""
    import jax.numpy as jnp

    try:
        v = np.asarray(at(jnp.asarray(xs)), dtype=np.float64)
        if v.shape == xs.shape:
            return v
    except Exception:
        pass
    pts = xs[:: max(1, len(xs) // 400)]
    return np.interp(xs, pts, [_one(at, x) for x in pts])


def _one(at: Callable, x: float) -> float:
    v = np.asarray(at(float(x)), dtype=np.float64)
    if v.shape != ():
        raise CompileError(
            "the integrand must be a scalar; its value here has shape " + str(v.shape)
        )
    return float(v)


def _kinks(expr: sympy.Basic, var: sympy.Symbol) -> list[sympy.Expr]:
    """Expressions whose sign change makes the integrand non-smooth."""
    out: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.Heaviside, sympy.sign, F.relu)):
            out.append(node.args[0])
        elif isinstance(node, (sympy.Max, sympy.Min)):
            out += [u - v for u in node.args for v in node.args if u != v]
        elif isinstance(node, sympy.core.relational.Relational):
            out.append(node.lhs - node.rhs)
    return [g for g in out if var in getattr(g, "free_symbols", ())]


def _breakpoints(at: Callable, expr, var, xs: np.ndarray) -> list[float]:
    """Where an argument of |.|, max, min, a step or a condition changes sign: located on the
    sample grid, then by bisection to full precision."""
    points: list[float] = []
    for g in _kinks(expr, var):

        def sign_of(x, g=g):
            return math.copysign(1.0, _one(lambda t: at(t, g), x))

        gv = _values(lambda x, g=g: at(x, g), xs)
        flips = np.nonzero(np.signbit(gv[:-1]) != np.signbit(gv[1:]))[0]
        for k in flips[:MAX_BREAKS]:
            lo, hi = float(xs[k]), float(xs[k + 1])
            first = sign_of(lo)
            for _ in range(80):
                mid = 0.5 * (lo + hi)
                if mid in (lo, hi):
                    break
                lo, hi = (mid, hi) if sign_of(mid) == first else (lo, mid)
            points.append(0.5 * (lo + hi))
    return points


def _around_peak(xs: np.ndarray, fv: np.ndarray, a: float, b: float) -> set[float]:
    """Cuts at the largest sampled |f| and, on each side, where it falls below 1e-13 of that: a
    piece that holds all of the peak's mass cannot be mistaken for an empty one."""
    size = np.where(np.isfinite(fv), np.abs(fv), 0.0)
    if not size.any():
        return set()
    k = int(np.argmax(size))
    small = size < 1e-13 * size[k]
    left = np.nonzero(small[:k])[0]
    right = np.nonzero(small[k:])[0]
    cuts = {float(xs[k])}
    if left.size:
        cuts.add(float(xs[left[-1]]))
    if right.size:
        cuts.add(float(xs[k + right[0]]))
    return {c for c in cuts if a < c < b}


def _frequency(expr, var) -> float | None:
    """ω when the integrand holds sin(ω x + c) or cos(ω x + c) with a constant ω."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.sin, sympy.cos)) and var in node.args[0].free_symbols:
            arg = sympy.expand(node.args[0])
            omega = arg.coeff(var)
            if omega.is_number and not (arg - omega * var).has(var) and omega != 0:
                return abs(float(omega))
    return None


# Gauss-Kronrod 7/15 (QUADPACK's qk15): Kronrod nodes and weights; every second node is a Gauss node
_XK = np.array(
    [
        0.991455371120812639206854697526329,
        0.949107912342758524526189684047851,
        0.864864423359769072789712788640926,
        0.741531185599394439863864773280788,
        0.586087235467691130294144845693013,
        0.405845151377397166906606412076961,
        0.207784955007898467600689403773245,
        0.0,
    ]
)
_WK = np.array(
    [
        0.022935322010529224963732008058970,
        0.063092092629978553290700663189204,
        0.104790010322250183839876322541518,
        0.140653259715525918745189590510238,
        0.169004726639267902826583426598550,
        0.190350578064785409913256402421014,
        0.204432940075298892414161999234649,
        0.209482141084727828012999174891714,
    ]
)
_WG = np.array(
    [
        0.129484966168869693270611432679082,
        0.279705391489276667901467771423780,
        0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    ]
)
_NODES = np.concatenate([-_XK[:-1], _XK[::-1]])  # 15 nodes on [-1, 1]
_KRONROD = np.concatenate([_WK[:-1], _WK[::-1]])
_GAUSS = np.zeros(15)
_GAUSS[[1, 3, 5, 7, 9, 11, 13]] = np.concatenate([_WG[:-1], _WG[::-1]])
#: pieces at most, and function values at most (one by one when the integrand does not vectorize)
MAX_PIECES = 20_000
MAX_SCALAR_VALUES = 30_000


class _Map:
    """The integration variable as a function of t on a finite range: x = t on [a, b];
    x = a + t / (1 - t) on [a, inf) (t in [0, 1)); x = b - t / (1 - t) on (-inf, b];
    x = t / (1 - t^2) on the real line (t in (-1, 1))."""

    def __init__(self, a: float, b: float):
        self.a, self.b = a, b
        self.kind = (
            "finite"
            if math.isfinite(a) and math.isfinite(b)
            else "right"
            if math.isfinite(a)
            else "left"
            if math.isfinite(b)
            else "line"
        )

    def t_range(self) -> tuple[float, float]:
        return {
            "finite": (self.a, self.b),
            "right": (0.0, 1.0),
            "left": (0.0, 1.0),
            "line": (-1.0, 1.0),
        }[self.kind]

    def x_dx(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.kind == "finite":
            return t, np.ones_like(t)
        if self.kind == "right":
            return self.a + t / (1 - t), 1 / (1 - t) ** 2
        if self.kind == "left":
            return self.b - t / (1 - t), 1 / (1 - t) ** 2
        return t / (1 - t**2), (1 + t**2) / (1 - t**2) ** 2

    def t_of(self, x: float) -> float:
        if self.kind == "finite":
            return x
        if self.kind in ("right", "left"):
            u = x - self.a if self.kind == "right" else self.b - x
            return u / (1 + u)
        return 0.0 if x == 0 else (-1 + math.sqrt(1 + 4 * x * x)) / (2 * x)


class _Integrand:
    """f at many points at once; one point at a time (counted) where the walk cannot vectorize."""

    def __init__(self, at: Callable, shown: str):
        self.at, self.shown, self.vectorized, self.scalar_calls = at, shown, True, 0

    def __call__(self, x: np.ndarray) -> np.ndarray:
        import jax.numpy as jnp

        if self.vectorized:
            try:
                v = np.asarray(self.at(jnp.asarray(x)), dtype=np.float64)
                if v.shape == x.shape:
                    return v
            except Exception:
                pass
            self.vectorized = False
        self.scalar_calls += x.size
        if self.scalar_calls > MAX_SCALAR_VALUES:
            raise CompileError(
                f"the integrand of `{self.shown}` does not vectorize, and more than "
                f"{MAX_SCALAR_VALUES:,} values one by one did not reach the tolerance"
            )
        return np.array([_one(self.at, float(u)) for u in x.ravel()]).reshape(x.shape)


def _gauss_kronrod(f: _Integrand, m: _Map, pieces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Kronrod value and |Kronrod - Gauss| of each piece [lo, hi] (in t)."""
    lo, hi = pieces[:, :1], pieces[:, 1:]
    half = (hi - lo) / 2
    t = (lo + hi) / 2 + half * _NODES
    with np.errstate(all="ignore"):
        x, dx = m.x_dx(t)
        v = f(x) * dx
    v = np.where(np.isfinite(v), v, 0.0)  # at an endpoint singularity; the estimate judges the rest
    kronrod = half[:, 0] * (v @ _KRONROD)
    gauss = half[:, 0] * (v @ _GAUSS)
    return kronrod, np.abs(kronrod - gauss)


def _adaptive(
    f: _Integrand, m: _Map, cuts: list[float], rtol: float, atol: float
) -> tuple[float, float]:
    """Bisect the pieces with the largest errors until the total error is within tolerance."""
    t_cuts = sorted({m.t_of(c) for c in cuts if math.isfinite(c)} | set(m.t_range()))
    pieces = np.array([[lo, hi] for lo, hi in itertools.pairwise(t_cuts) if hi > lo])
    values, errors = _gauss_kronrod(f, m, pieces)
    while True:
        total, error = float(values.sum()), float(errors.sum())
        if error <= max(rtol * abs(total), atol) or len(pieces) >= MAX_PIECES:
            return total, error
        # refine every piece whose error is above an equal share of the tolerance
        share = max(rtol * abs(total), atol) / len(pieces)
        worst = errors > share
        worst &= (pieces[:, 1] - pieces[:, 0]) > 1e-15 * np.maximum(1.0, np.abs(pieces[:, 0]))
        if not worst.any():
            return total, error
        lo, hi = pieces[worst, 0], pieces[worst, 1]
        mid = (lo + hi) / 2
        new = np.concatenate([np.stack([lo, mid], 1), np.stack([mid, hi], 1)])
        v, e = _gauss_kronrod(f, m, new)
        pieces = np.concatenate([pieces[~worst], new])
        values = np.concatenate([values[~worst], v])
        errors = np.concatenate([errors[~worst], e])


def integrate(
    at: Callable, expr: sympy.Basic, var: sympy.Symbol, a: float, b: float, shown: str
) -> float:
    """``∫_a^b expr d var``, where ``at(x, g)`` evaluates ``g`` (default ``expr``) with ``var`` = x,
    a float or an array."""
    if a == b:
        return 0.0
    if a > b:
        return -integrate(at, expr, var, b, a, shown)
    xs = _grid(a, b)
    fv = _values(at, xs)
    finite = np.isfinite(fv)
    scale = float(np.max(np.abs(fv[finite]))) if finite.any() else 0.0
    if scale == 0.0:
        # a nonzero integrand that is 0 wherever it was sampled has its mass somewhere narrow
        raise CompileError(
            f"the integrand of `{shown}` is 0 at all {xs.size:,} points sampled on its range; "
            f"if it has mass in a narrow region, split the range there"
        )
    cuts = {a, b, *(p for p in _breakpoints(at, expr, var, xs) if a < p < b)}
    f = _Integrand(at, shown)
    atol = 1e-14 * scale
    omega = _frequency(expr, var)
    if omega is not None and not (math.isfinite(a) and math.isfinite(b)):
        value, error = _oscillating(f, sorted(cuts), omega, atol)
    else:
        cuts |= _around_peak(xs, fv, a, b)
        value, error = _adaptive(f, _Map(a, b), sorted(cuts), RTOL / 10, atol)
    if not math.isfinite(value) or not error <= max(RTOL * abs(value), 10 * atol):
        raise CompileError(
            f"the integral `{shown}` did not converge: {value:.10g} with an estimated error of "
            f"{error:.2g} (tolerance: relative {RTOL:g}); it may diverge, oscillate without decaying, "
            f"or have a peak or kink that sampling missed: split its range"
        )
    return value


def _oscillating(
    f: _Integrand, cuts: list[float], omega: float, atol: float
) -> tuple[float, float]:
    """An infinite range with sin/cos(ω x): the part between the finite cuts adaptively, and each
    infinite tail as a sum of integrals over half periods, accelerated by ``mpmath.nsum``."""
    import mpmath

    inner = [c for c in cuts if math.isfinite(c)] or [0.0]
    value, error = 0.0, 0.0
    if len(inner) >= 2:
        value, error = _adaptive(f, _Map(inner[0], inner[-1]), inner, RTOL / 10, atol)
    half = math.pi / omega
    for sign, start, infinite in (
        (1, inner[-1], math.isinf(cuts[-1])),
        (-1, inner[0], math.isinf(cuts[0])),
    ):
        if not infinite:
            continue

        errors = [0.0]  # the quadrature error of every half period summed so far

        def term(k, sign=sign, start=start, errors=errors):
            lo, hi = sorted((start + sign * float(k) * half, start + sign * (float(k) + 1) * half))
            v, e = _adaptive(f, _Map(lo, hi), [lo, hi], RTOL / 100, atol)
            errors[0] += e
            return v

        cache: dict = {}

        def cached(k, term=term, cache=cache):
            if k not in cache:
                cache[k] = term(int(k))
            return cache[k]

        # an accelerated sum of non-decaying terms has a value (Abel's 1 for sin x): refuse it
        near, far = abs(term(10**3)), abs(term(10**6))
        if not far <= 0.5 * near:
            raise CompileError(
                f"the integral `{f.shown}` does not converge: over half periods "
                f"{half:.3g} long, the integrand's pieces do not shrink toward infinity "
                f"({near:.2g} around x = {start + sign * 1e3 * half:.3g}, {far:.2g} around "
                f"x = {start + sign * 1e6 * half:.3g})"
            )
        with mpmath.workdps(15):
            # two accelerations of the same series; their difference estimates the tail's error
            tail = mpmath.nsum(cached, [0, mpmath.inf], method="shanks")
            other = mpmath.nsum(cached, [0, mpmath.inf], method="levin")
        value += float(tail)
        error += float(abs(tail - other)) + errors[0]
    return value, error
