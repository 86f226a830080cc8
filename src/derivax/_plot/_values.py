"""The compiled function on a grid or at sampled points, in float64, and its ``jax.grad``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import DerivaxError
from ._domain import _Variable

if TYPE_CHECKING:
    from .._compile import CompiledFunction

_POINTS_1D = 400
_POINTS_2D = 120


def _grid(u: _Variable, w: _Variable, n: int) -> Any:
    import numpy as np

    return np.meshgrid(np.linspace(u.low, u.high, n), np.linspace(w.low, w.high, n))


def _evaluate(f: CompiledFunction, values: Mapping[str, Any]) -> Any:
    """``f`` at arrays of values (broadcast together), in float64, as a NumPy array."""
    return _mapped(f, values, None)


def _partial(f: CompiledFunction, name: str, values: Mapping[str, Any]) -> Any:
    """``jax.grad`` of ``f`` with respect to ``name`` at arrays of values, in float64."""
    return _mapped(f, values, list(f.args).index(name))


def _mapped(f: CompiledFunction, values: Mapping[str, Any], grad_of: int | None) -> Any:
    import jax
    import jax.numpy as jnp
    import numpy as np

    # float64 whatever the caller's JAX mode: a picture of a difference of nearly equal sides
    # must not be float32 rounding noise
    with jax.enable_x64(True):
        arrays = [jnp.asarray(values[n], dtype=jnp.float64) for n in f.args]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        flat = [jnp.broadcast_to(a, shape).reshape(-1) for a in arrays]
        fn = f if grad_of is None else jax.grad(f, argnums=grad_of)
        out = jax.vmap(fn)(*flat)
        return np.asarray(out, dtype=float).reshape(shape)


def _side(
    f: CompiledFunction | None, constant: Any, values: Mapping[str, Any], shape: tuple[int, ...]
) -> Any:
    import numpy as np

    if f is None:
        return np.full(shape, float(constant))
    return _evaluate(f, {k: values[k] for k in f.args})


def _side_at_points(
    f: CompiledFunction | None, constant: Any, draws: Sequence[Mapping[str, Any]], static: set[str]
) -> Any:
    """One side at every sampled point at once (``jax.vmap``; the sizes are shared), or NaN."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    if f is None:
        return np.full(len(draws), float(constant))
    names = [n for n in f.args if n not in static]
    fixed = {n: draws[0][n] for n in f.args if n in static}
    with jax.enable_x64(True):
        stacked = [jnp.asarray(np.stack([d[n] for d in draws]), dtype=jnp.float64) for n in names]

        def at(*xs: Any) -> Any:
            return f(**dict(zip(names, xs, strict=True)), **fixed)

        try:
            if not names:  # a side of sizes only (`\log n`): the same at every point
                return np.full(len(draws), float(at()))
            return np.asarray(jax.vmap(at)(*stacked), dtype=float).reshape(len(draws))
        except (DerivaxError, TypeError, ValueError):
            return np.full(len(draws), np.nan)


def _sides_at(
    sides: Sequence[CompiledFunction | None], rel: Any, values: Mapping[str, Any]
) -> tuple[float, float] | None:
    """Both sides at one point (keyword arguments by name), or None where one cannot be evaluated."""
    import jax

    out = []
    with jax.enable_x64(True):
        for f, constant in zip(sides, (rel.lhs, rel.rhs), strict=True):
            try:
                v = float(constant) if f is None else float(f(**{n: values[n] for n in f.args}))
            except (DerivaxError, KeyError, TypeError, ValueError):
                return None
            out.append(v)
    return out[0], out[1]
