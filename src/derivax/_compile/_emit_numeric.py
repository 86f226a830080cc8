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
    "integral on fixed nodes (801-point double-exponential rule, no error estimate; on an "
    "infinite range scaled to where the integrand has its mass): about 1e-12 relative when the "
    "integrand is smooth and decays fast; less with kinks, oscillation or several scales"
)
#: where an integrand on an infinite range is sampled to find its scale, the t where t |f(t)|
#: (its mass per unit of log t) is largest: 10 points a decade from 1e-300 to 1e300 (in float32
#: the ends round to 0 and inf, whose samples are not finite and are skipped)
_SCALE_GRID = "jnp.logspace(-300.0, 300.0, 6001)"


def _integral(em: Emitter, e: sympy.Integral) -> Val:
    """Double-exponential quadrature on fixed nodes: tanh-sinh on [a, b], exp-sinh on half
    lines, sinh-sinh on the real line. The variable becomes an axis of the integrand.

    On an infinite range the nodes are scaled by s, the point where t |f(t)| is largest over
    log-spaced samples from 1e-300 to 1e300: int_0^inf f(t) dt =
    s int_0^inf f(s u) du puts the integrand's mass where the rule's nodes are dense
    (``e^{-a t}`` at a = 1e200 decayed far inside the first node). s is held fixed under
    differentiation (the integral does not depend on it). Side conditions: an integrand with
    no finite nonzero sample keeps s = 1; mass at two far-apart scales is integrated at the
    larger one only, as before at 1."""
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
        s = _scale(em, e, var, "0.0", both=True)
        x = em.tmp(f"{s} * jnp.sinh({inner})")
        w = em.tmp(f"{s} * {h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.cosh({inner})")
    elif hi == sympy.oo or lo == -sympy.oo:
        end = em.emit(lo if hi == sympy.oo else hi)
        if end.axes:
            raise CompileError("an integral whose bound depends on an index cannot be compiled yet")
        sign = "+" if hi == sympy.oo else "-"
        s = _scale(em, e, var, f"({end.code}) {sign} ", both=False)
        x = em.tmp(f"({end.code}) {sign} {s} * jnp.exp({inner})")
        w = em.tmp(f"{s} * {h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.exp({inner})")
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


def _scale(em: Emitter, e: sympy.Integral, var, origin: str, both: bool) -> str:
    """Code for the scale s of an integrand on an infinite range (see ``_integral``): the
    sample of t |f(origin + t)| that is largest, under stop_gradient. Only for an integrand
    with no index axis of its own (one scale per integral); else 1."""
    grid = em.tmp(_SCALE_GRID)
    points = f"jnp.concatenate([-{grid.code}, {grid.code}])" if both else grid.code
    at = em.tmp(points)
    saved = dict(em.bound)
    try:
        em.bound[var] = Val(f"{origin}{at.code}" if not both else at.code, (var,))
        f = em.emit(e.function)
    finally:
        em.bound = saved
    if f.axes != (var,) or f.matrix:
        return "1.0"
    mass = em.tmp(f"jnp.where(jnp.isfinite({f.code}), jnp.abs({at.code}) * jnp.abs({f.code}), 0.0)")
    s = em.tmp(
        f"jax.lax.stop_gradient(jnp.where(jnp.max({mass.code}) > 0, "
        f"jnp.abs({at.code})[jnp.argmax({mass.code})], 1.0))"
    )
    return s.code


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
