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


def _scaled(em: Emitter, code: str, axis: str, axes) -> Val:
    """``sqrt(sum(v^2, axis))`` of the array ``code`` by max-abs scaling."""
    m = em.tmp(f"jax.lax.stop_gradient(jnp.max(jnp.abs({code}), axis={axis}, keepdims=True))", axes)
    m = em.tmp(f"jnp.where(jnp.isfinite({m.code}) & ({m.code} > 0), {m.code}, 1.0)", axes)
    s = em.tmp(f"jnp.sum(({code} / {m.code}) ** 2, axis={axis})", axes)
    scale = em.tmp(f"jnp.reshape({m.code}, jnp.shape({s.code}))", axes)
    return em.tmp(
        f"jnp.where({s.code} > 0, {scale.code} * jnp.sqrt(jnp.where({s.code} > 0, {s.code}, 1.0)), "
        f"0.0)",
        axes,
    )
