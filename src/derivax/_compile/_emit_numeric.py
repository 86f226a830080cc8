"""SymPy -> JAX source for what has no closed form to emit: integrals (fixed-node quadrature) and
arg max / arg min (a grid search, then Newton steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

from .. import _functions as F
from .._errors import CompileError
from ._val import Val, _short

if TYPE_CHECKING:
    from ._emit import Emitter  # _emit imports this module for its table of handlers


_INTEGRAL_NOTE = (
    "integral on fixed nodes (801-point double-exponential rule, no error estimate): about "
    "1e-12 relative when the integrand is smooth and decays fast; less with kinks, oscillation or "
    "mass far from 0 on an infinite range"
)


def _integral(em: Emitter, e: sympy.Integral) -> Val:
    """Double-exponential quadrature on fixed nodes: tanh-sinh on [a, b], exp-sinh on half
    lines, sinh-sinh on the real line. The variable becomes an axis of the integrand."""
    if len(e.limits) != 1 or len(e.limits[0]) != 3:
        raise CompileError(
            f"only definite integrals over one variable are compiled (in `{_short(e)}`)"
        )
    var, lo, hi = e.limits[0]
    em.lines.append(f"# {_INTEGRAL_NOTE}")
    t = em.tmp("jnp.linspace(-4.0, 4.0, 801)")
    h = "(8.0 / 800)"
    inner = f"(math.pi / 2) * jnp.sinh({t.code})"
    if lo == -sympy.oo and hi == sympy.oo:
        x = em.tmp(f"jnp.sinh({inner})")
        w = em.tmp(f"{h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.cosh({inner})")
    elif hi == sympy.oo or lo == -sympy.oo:
        end = em.emit(lo if hi == sympy.oo else hi)
        if end.axes:
            raise CompileError("an integral whose bound depends on an index cannot be compiled yet")
        sign = "+" if hi == sympy.oo else "-"
        x = em.tmp(f"({end.code}) {sign} jnp.exp({inner})")
        w = em.tmp(f"{h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.exp({inner})")
    else:
        a, b = em.emit(lo), em.emit(hi)
        if a.axes or b.axes:
            raise CompileError("an integral whose bound depends on an index cannot be compiled yet")
        x = em.tmp(
            f"(({a.code}) + ({b.code})) / 2 + (({b.code}) - ({a.code})) / 2 * jnp.tanh({inner})"
        )
        w = em.tmp(
            f"{h} * (({b.code}) - ({a.code})) / 2 * (math.pi / 2) * jnp.cosh({t.code}) / jnp.cosh({inner}) ** 2"
        )
    saved = dict(em.bound)
    try:
        em.bound[var] = Val(x.code, (var,))
        f = em.emit(e.function)
    finally:
        em.bound = saved
    weights = Val(w.code, (var,))
    product = em.elementwise("({}) * ({})", f, weights)
    terms = em.tmp(f"jnp.where(jnp.isfinite({product.code}), {product.code}, 0.0)", product.axes)
    axis = terms.axes.index(var)
    return Val(f"jnp.sum({terms.code}, axis={axis})", tuple(a for a in terms.axes if a != var))


def _optimum(em: Emitter, e) -> Val:
    """arg max / arg min over one scalar: the objective on a grid of 8,001 points over the
    declared domain (mapped from the real line), then Newton steps from the best point."""
    from ._emit import Emitter  # the objective is emitted by a walk of its own

    body, var = e.args
    if not isinstance(var, sympy.Symbol):
        raise CompileError("arg max and arg min are compiled over one scalar variable only")
    sign = "" if isinstance(e, F.argmax) else "-"
    if var.is_nonnegative and var.is_positive is not True:
        to_x = "jax.nn.sigmoid({})"  # unit interval
    elif var.is_positive:
        to_x = "jnp.exp({})"
    else:
        to_x = "({})"
    k = em.nested
    em.nested += 1
    name, param = f"_objective{k}", f"_u{k}"
    sub = Emitter(
        em.inputs,
        em.dims,
        ranges=dict(em.ranges),
        bound=dict(em.bound),
        prefix=f"_o{k}_",
        nested=em.nested,
    )
    sub.bound[var] = sub.tmp(to_x.format(param))
    value = sub.emit(body)
    if value.axes or value.matrix:
        raise CompileError("the objective of arg max must be a scalar")
    em.nested = sub.nested
    em.helpers |= sub.helpers
    em.lines.append(f"def {name}({param}):")
    em.lines.extend(f"    {line}" for line in sub.lines)
    em.lines.append(f"    return {sign}({value.code})")
    grid = em.tmp("jnp.linspace(-40.0, 40.0, 8001)")
    values = em.tmp(f"jax.vmap({name})({grid.code})")
    u = em.tmp(
        f"{grid.code}[jnp.argmax(jnp.where(jnp.isnan({values.code}), -jnp.inf, {values.code}))]"
    )
    d1 = em.tmp(f"jax.grad({name})")
    d2 = em.tmp(f"jax.grad({d1.code})")
    for _ in range(8):
        u = em.tmp(
            f"jnp.where({d2.code}({u.code}) < 0, {u.code} - {d1.code}({u.code}) / {d2.code}({u.code}), {u.code})"
        )
    return Val(to_x.format(u.code))
