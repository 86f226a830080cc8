"""The elementary functions of the plain evaluator: the function table's JAX callables, and the
few evaluated with more than its one-to-one mapping."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from .. import _functions as F


def _max(*xs):
    import jax.numpy as jnp

    out = xs[0]
    for x in xs[1:]:
        out = jnp.maximum(out, x)
    return out


def _min(*xs):
    import jax.numpy as jnp

    out = xs[0]
    for x in xs[1:]:
        out = jnp.minimum(out, x)
    return out


def _elementary() -> dict[type, Callable]:
    import jax.numpy as jnp

    return {
        sympy.log: lambda x, b=None: jnp.log(x) if b is None else jnp.log(x) / jnp.log(b),
        sympy.Max: _max,
        sympy.Min: _min,
        sympy.Heaviside: lambda x, h0=0.5: jnp.where(x > 0, 1.0, jnp.where(x < 0, 0.0, h0)),
        sympy.KroneckerDelta: lambda i, j: 1.0 if int(i) == int(j) else 0.0,
        **{entry.sympy: F.jax_callable(entry) for entry in F.TABLE if entry.sympy not in _SPECIAL},
        F.spectral_norm: lambda a: jnp.linalg.norm(a, ord=2),
    }


#: functions evaluated above with more than the table's one-to-one mapping
_SPECIAL = frozenset({sympy.log, sympy.Max, sympy.Min, sympy.Heaviside, sympy.KroneckerDelta})


class _LazyTable(dict):
    def get(self, key, default=None):
        if not self:
            self.update(_elementary())
        return super().get(key, default)


_ELEMENTARY = _LazyTable()
