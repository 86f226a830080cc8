"""Euclidean norms emitted scaled by their largest entry, so that they overflow only where the
norm itself does.

    sqrt(tr(A^T A))          (``\\|x\\|_2``, ``\\|A\\|_F``, ``\\|X w - y\\|_2``)
    sqrt(sum_j f_j^2)        (``\\sqrt{\\sum_j X_{ij}^2}``, per free index)
    sqrt(a^2 + b^2 + ...)    (a hypotenuse)

and their reciprocals (``x / \\|x\\|_2``). ``m = max |v|`` leaves the value unchanged
(``m sqrt(sum (v / m)^2)`` is the norm for every m > 0), so m is held constant under
differentiation (``stop_gradient``) and the gradient stays ``v / \\|v\\|``; at v = 0 the value is 0
and the gradient 0 (a subgradient), where ``sqrt(0)`` would give NaN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

from ._val import Val

if TYPE_CHECKING:
    from ._emit import Emitter


def norm_pattern(em: Emitter, e: sympy.Pow) -> Val | None:
    """The scaled form of ``e = s^{1/2}`` or ``s^{-1/2}`` with ``s`` a sum of squares."""
    if e.exp not in (sympy.S.Half, -sympy.S.Half):
        return None
    base = e.base
    out = None
    if isinstance(base, sympy.Trace):
        out = _trace_norm(em, base)
    elif isinstance(base, sympy.Sum) and isinstance(base.function, sympy.Pow):
        out = _sum_norm(em, base)
    elif isinstance(base, sympy.Add) and all(_square(t) is not None for t in base.args):
        out = _hypot(em, base)
    if out is None or e.exp == sympy.S.Half:
        return out
    return em.elementwise("1.0 / ({})", out)


def root_of_squares(em: Emitter, e) -> Val | None:
    """The scaled norm whose square ``e`` is (``tr(A^T A)``, ``sum_j f_j^2``, ``a^2 + b^2``), or
    None: ``\\|x - z\\|^2 / \\sigma^2`` is then paired as ``(\\|x - z\\| / \\sigma)^2`` (``_stable``),
    which overflows only where the quotient does."""
    if isinstance(e, sympy.Trace):
        return _trace_norm(em, e)
    if isinstance(e, sympy.Sum) and isinstance(e.function, sympy.Pow):
        return _sum_norm(em, e)
    if isinstance(e, sympy.Add) and all(_square(t) is not None for t in e.args):
        return _hypot(em, e)
    return None


def _square(t) -> sympy.Expr | None:
    """``u`` when ``t`` is ``u^2``."""
    if isinstance(t, sympy.Pow) and t.exp == 2:
        return t.base
    return None


def _trace_norm(em: Emitter, tr: sympy.Trace) -> Val | None:
    arg = tr.arg
    if not (isinstance(arg, sympy.MatMul) and len(arg.args) == 2):
        return None
    left, right = arg.args
    if sympy.transpose(right) != left:
        return None
    v = em.emit(right)
    return _scaled(em, v.code, "None", ())


def _sum_norm(em: Emitter, s: sympy.Sum) -> Val | None:
    from ._emit_index import _with_ranges

    u = _square(s.function)
    if u is None:
        return None
    saved = _with_ranges(em, s.limits)
    try:
        v = em.emit(u)
    finally:
        em.ranges = saved
    variables = [lim[0] for lim in s.limits]
    if v.matrix or len(set(variables)) != len(variables) or not all(x in v.axes for x in variables):
        return None  # a body constant in an index: the plain sum counts its terms
    reduced = tuple(v.axes.index(x) for x in variables)
    kept = tuple(a for a in v.axes if a not in variables)
    return _scaled(em, v.code, repr(reduced), kept)


def _hypot(em: Emitter, add: sympy.Add) -> Val:
    from ._emit_scalar import _as_float

    roots = [_square(t) for t in add.args]
    vals = [_as_float(em, r) for r in roots]
    axes = em.union(vals)
    stacked = em.tmp(
        "jnp.stack(jnp.broadcast_arrays("
        + ", ".join(em.align(v, axes) for v in vals)
        + "), axis=-1)",
        axes,
    )
    return _scaled(em, stacked.code, "-1", axes)


def max_abs(code: str, axis: str | int) -> str:
    """Code for the largest absolute entry along ``axis``, the scale of a stable norm or log-det:
    no gradient flows through it, and an empty range gives 0 (``\\sum_{t=p+1}^{T}`` at T = p)."""
    return (
        f"jax.lax.stop_gradient(jnp.max(jnp.abs({code}), axis={axis}, keepdims=True, initial=0.0))"
    )


def _scaled(em: Emitter, code: str, axis: str, axes) -> Val:
    """``sqrt(sum(v^2, axis))`` of the array ``code`` by max-abs scaling."""
    m = em.tmp(max_abs(code, axis), axes)
    m = em.tmp(f"jnp.where(jnp.isfinite({m.code}) & ({m.code} > 0), {m.code}, 1.0)", axes)
    s = em.tmp(f"jnp.sum(({code} / {m.code}) ** 2, axis={axis})", axes)
    scale = em.tmp(f"jnp.reshape({m.code}, jnp.shape({s.code}))", axes)
    return em.tmp(
        f"jnp.where({s.code} > 0, {scale.code} * jnp.sqrt(jnp.where({s.code} > 0, {s.code}, 1.0)), "
        f"0.0)",
        axes,
    )


def cosine_pattern(em: Emitter, args) -> Val | None:
    """``sum_i u_i v_i / (sqrt(sum_i u_i^2) sqrt(sum_i v_i^2))`` (a cosine similarity, Pearson's
    correlation of deviations) with u and v divided first by their largest entry: the plain
    numerator overflows at inputs of 1e200 (1e400) where the quotient is at most 1. The cosine is
    unchanged by a positive factor on u or on v, so the factors are held constant under
    differentiation (``stop_gradient``) and the gradient is the cosine's own; an optimization
    barrier keeps XLA from merging the divisions by the factors into later ones (it rewrites
    ``(a / b) / c`` as ``a / (b c)``). At u = 0 the cosine is 0/0, no value, as written. Only a
    product of one such sum over one index, the two reciprocal norms of its two factors over the
    same range, and constants."""
    from ._emit_index import _with_ranges

    sums = [a for a in args if isinstance(a, sympy.Sum)]
    roots = [
        a for a in args if isinstance(a, sympy.Pow) and a.exp == -sympy.S.Half and _summed_square(a)
    ]
    others = [a for a in args if a not in sums and a not in roots]
    if len(sums) != 1 or len(roots) != 2 or any(not a.is_number for a in others):
        return None
    (top,) = sums
    if len(top.limits) != 1:
        return None
    (i, lo, hi) = top.limits[0]
    factors = [f for f in sympy.Mul.make_args(top.function) if not f.is_number]
    constant = sympy.Mul(*(f for f in sympy.Mul.make_args(top.function) if f.is_number))
    if len(factors) != 2:
        return None
    squares = []
    for r in roots:
        (j, lo_j, hi_j) = r.base.limits[0]
        if (lo_j, hi_j) != (lo, hi):
            return None
        squares.append(r.base.function.base.xreplace({j: i}))
    if set(squares) != set(factors):
        return None
    saved = _with_ranges(em, [(i, lo, hi)])
    try:
        u, v = (em.emit(f) for f in factors)
    finally:
        em.ranges = saved
    if u.matrix or v.matrix or i not in u.axes or i not in v.axes:
        return None
    axes = em.union([u, v])
    axis = axes.index(i)
    unit = []
    for w in (u, v):
        code = em.align(w, axes)
        m = em.tmp(max_abs(code, axis), axes)
        m = em.tmp(f"jnp.where(jnp.isfinite({m.code}) & ({m.code} > 0), {m.code}, 1.0)", axes)
        # the barrier keeps XLA from merging this division into a later one ((u / m)(v / m')
        # as u v / (m m'), 1e400 at 1e200)
        unit.append(em.tmp(f"jax.lax.optimization_barrier({code} / {m.code})", axes))
    a, b = (w.code for w in unit)
    reduced = tuple(x for x in axes if x != i)
    out = em.tmp(
        f"jnp.sum({a} * {b}, axis={axis}) / (jnp.sqrt(jnp.sum({a} ** 2, axis={axis})) "
        f"* jnp.sqrt(jnp.sum({b} ** 2, axis={axis})))",
        reduced,
    )
    scale = sympy.Mul(constant, *others)
    if scale == 1:
        return out
    return em.elementwise("({}) * ({})", em.emit(scale), out)


def _summed_square(p: sympy.Pow) -> bool:
    s = p.base
    return (
        isinstance(s, sympy.Sum)
        and len(s.limits) == 1
        and isinstance(s.function, sympy.Pow)
        and s.function.exp == 2
    )
