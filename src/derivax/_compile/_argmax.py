"""arg max and arg min over one scalar in the plain evaluator: a dense grid over the declared
domain, a golden-section search around its best point, then Newton steps."""

from __future__ import annotations

import math

import sympy

from .. import _functions as F
from .._errors import CompileError
from ._walk_state import WalkState


class ArgMax(WalkState):
    """arg max and arg min over one scalar, a part of the walk."""

    def optimum(self, e):
        """Maximize (or minimize) over one scalar: a dense grid over the declared domain, then a
        golden-section search around the best grid point."""
        import jax.numpy as jnp

        body, var = e.args
        sign = 1.0 if isinstance(e, F.argmax) else -1.0
        if not isinstance(var, sympy.Symbol):
            raise CompileError("arg max/arg min is evaluated over one scalar variable only")
        if var.is_nonnegative and var.is_positive is not True:
            to_x = lambda u: 1 / (1 + jnp.exp(-u))  # noqa: E731 - unit interval, as declared
        elif var.is_positive:
            to_x = jnp.exp
        else:
            to_x = lambda u: u  # noqa: E731
        lo, hi = -40.0, 40.0

        def objective(u):
            saved = dict(self.bound)
            try:
                self.bound[var] = to_x(u)
                v = sign * jnp.asarray(self.ev(body), dtype=float)
            finally:
                self.bound = saved
            return jnp.where(jnp.isnan(v), -jnp.inf, v)

        grid = jnp.linspace(lo, hi, 8001)
        values = jnp.broadcast_to(objective(grid), grid.shape)
        k = int(jnp.argmax(values))
        a, b = float(grid[max(k - 1, 0)]), float(grid[min(k + 1, len(grid) - 1)])
        g = (math.sqrt(5) - 1) / 2
        c, d = b - g * (b - a), a + g * (b - a)
        fc, fd = float(objective(jnp.asarray(c))), float(objective(jnp.asarray(d)))
        for _ in range(200):
            if fc > fd:
                b, d, fd = d, c, fc
                c = b - g * (b - a)
                fc = float(objective(jnp.asarray(c)))
            else:
                a, c, fc = c, d, fd
                d = a + g * (b - a)
                fd = float(objective(jnp.asarray(d)))
            if abs(b - a) < 1e-12 * max(1.0, abs(a)):
                break
        # golden section stops at ~sqrt(eps) (the objective is flat at its peak); Newton steps on
        # the derivative reach full precision
        import jax

        u = jnp.asarray((a + b) / 2)
        d1 = jax.grad(lambda v: objective(v).sum())
        d2 = jax.grad(d1)
        for _ in range(8):
            g, h = d1(u), d2(u)
            if not (jnp.isfinite(g) and jnp.isfinite(h)) or h >= 0:
                break
            step = g / h
            u = u - step
            if abs(float(step)) < 1e-15 * max(1.0, abs(float(u))):
                break
        return to_x(u)
