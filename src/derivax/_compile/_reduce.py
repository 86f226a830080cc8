"""Sums, products, maxima and minima over an index range in the plain evaluator: one index at a
time as written, or vectorized in chunks when the body maps over an array of indices."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import sympy

from .. import _functions as F
from .._errors import CompileError, DerivaxError
from ._walk_state import WalkState

#: sums, products and maxima over more terms than this are refused (compiled code refuses 10^7)
MAX_TERMS = 10**8
#: ranges up to this length are evaluated one index at a time, as written
SMALL_TERMS = 1000
#: a body that does not vectorize is evaluated one index at a time up to this many terms
LOOP_TERMS = 10**5
#: indices per vectorized chunk
CHUNK = 2**20


class Reductions(WalkState):
    """Sums, products and extrema over index ranges, a part of the walk."""

    def reduce(self, e):
        return self.reduce_limits(e.function, list(e.limits), isinstance(e, sympy.Sum))

    def bound_int(self, bound, var) -> int:
        """A limit of a sum, product or max, as a Python int: refused when it is not an integer."""
        value = self.number(bound)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise CompileError(
                f"the limit `{bound}` of the index `{var}` must be one number"
            ) from None
        if not math.isfinite(v) or v != int(v):
            raise CompileError(
                f"the limit `{bound}` of the index `{var}` is {v:g}; it must be an integer"
            )
        return int(v)

    def terms(self, var, lo: int, hi: int) -> int:
        n = hi - lo + 1
        if n > MAX_TERMS:
            raise CompileError(
                f"the index `{var}` runs over {n:,} values ({lo}..{hi}); derivax evaluates at "
                f"most {MAX_TERMS:,} terms"
            )
        return max(n, 0)

    def over_index(self, body, var, lo: int, hi: int, inner, how: str):
        """``how`` (sum, prod, max, min) of ``inner()`` with ``var`` bound to lo..hi: vectorized in
        chunks when the body is a scalar that maps elementwise over an array of indices, else one
        index at a time (at most ``LOOP_TERMS``)."""
        import jax.numpy as jnp

        n = self.terms(var, lo, hi)
        combine = {"sum": jnp.add, "prod": jnp.multiply, "max": jnp.maximum, "min": jnp.minimum}[
            how
        ]
        saved = dict(self.bound)
        try:
            if n > SMALL_TERMS and var in body.free_symbols:
                total = self.chunked(var, lo, hi, inner, how, combine)
                if total is not None:
                    return total
            if n > LOOP_TERMS:
                raise CompileError(
                    f"the index `{var}` runs over {n:,} values and its body cannot be "
                    f"vectorized; derivax evaluates at most {LOOP_TERMS:,} such terms one by one"
                )
            total = None
            for i in range(lo, hi + 1):
                self.bound[var] = i
                v = inner()
                total = v if total is None else combine(total, v)
        finally:
            self.bound = saved
        if total is None:
            if how in ("max", "min"):
                raise CompileError(f"the index `{var}` ranges over no value ({lo}..{hi})")
            total = 0.0 if how == "sum" else 1.0
        return jnp.asarray(total)

    def chunked(self, var, lo: int, hi: int, inner, how: str, combine):
        import jax.numpy as jnp

        self.bound[var] = lo
        try:
            if jnp.ndim(inner()) != 0:
                return None
        except (DerivaxError, TypeError, ValueError, IndexError):
            return None
        assert how in ("sum", "prod", "max", "min")
        reduce: Callable[..., Any] = getattr(jnp, how)
        total = None
        for start in range(lo, hi + 1, CHUNK):
            index = jnp.arange(start, min(start + CHUNK - 1, hi) + 1)
            self.bound[var] = index
            try:
                values = jnp.asarray(inner())
            except (DerivaxError, TypeError, ValueError, IndexError):
                return None
            if values.shape != index.shape:
                return None
            part = reduce(values)
            total = part if total is None else combine(total, part)
        return total

    def reduce_limits(self, body, limits, is_sum: bool):
        """A sum or product over ``limits`` (innermost first), over the outermost one first."""
        if not limits:
            return self.ev(body)
        var, lo, hi = limits[-1]
        lo, hi = self.bound_int(lo, var), self.bound_int(hi, var)
        whole = sympy.Sum(body, *limits[:-1]) if limits[:-1] else body
        return self.over_index(
            whole,
            var,
            lo,
            hi,
            lambda: self.reduce_limits(body, limits[:-1], is_sum),
            "sum" if is_sum else "prod",
        )

    def extremum(self, e):
        """``\\max_i f(i)`` (``\\min_i``) over a range of known length."""
        ((var, lo, hi),) = e.limits
        lo, hi = self.bound_int(lo, var), self.bound_int(hi, var)
        if hi < lo:
            raise CompileError(f"`{e}` ranges over no index ({lo}..{hi})")
        if isinstance(e, F.OrderStatistic):
            return self.order_statistic(e, var, lo, hi)
        return self.over_index(
            e.function,
            var,
            lo,
            hi,
            lambda: self.ev(e.function),
            "min" if isinstance(e, F.IndexMin) else "max",
        )

    def order_statistic(self, e, var, lo: int, hi: int):
        """``x_{(k)}``: the k-th smallest of the values over lo..hi, one index at a time; NaN
        where k is no whole number from 1 to their count."""
        import jax.numpy as jnp

        if hi - lo + 1 > LOOP_TERMS:
            raise CompileError(f"an order statistic of {hi - lo + 1:,} values is not evaluated")
        saved = dict(self.bound)
        try:
            values = []
            for i in range(lo, hi + 1):
                self.bound[var] = i
                values.append(jnp.asarray(self.ev(e.function)))
        finally:
            self.bound = saved
        if any(jnp.ndim(v) != 0 for v in values):
            raise CompileError(f"an order statistic of values that are not scalars (in `{e}`)")
        k = jnp.asarray(self.ev(e.rank))
        whole = (k == jnp.round(k)) & (k >= 1) & (k <= len(values))
        at = jnp.clip(k.astype(jnp.int32) - 1, 0, len(values) - 1)
        return jnp.where(whole, jnp.sort(jnp.stack(values))[at], jnp.nan)
