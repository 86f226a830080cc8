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


def _concrete(*xs) -> bool:
    """Whether every argument has a value (not a JAX tracer): SciPy can take it."""
    import jax

    return not any(isinstance(x, jax.core.Tracer) for x in xs)


def _binomial(n, k):
    """``binom(n, k)`` by SciPy (a product for small k, a ratio of Beta functions otherwise). The
    table's ``exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))`` cancels catastrophically
    once n is large: binom(10^17, 3) came out 1.0 (it is 1.67e50). Side conditions: the
    generalized binomial for real n and k, as SciPy defines it; under tracing (no values) the
    table's formula is all there is."""
    if not _concrete(n, k):
        return F.jax_callable(F.BY_CLASS[sympy.binomial])(n, k)
    import numpy as np
    import scipy.special

    return scipy.special.binom(np.asarray(n, float), np.asarray(k, float))


def _factorial(x):
    """``x! = Gamma(x + 1)`` by SciPy's gamma, which keeps its sign: the table's
    ``exp(gammaln(x + 1))`` is |Gamma(x + 1)|, so (-1.5)! = Gamma(-0.5) = -3.54 came out +3.54.
    At a negative integer (a pole) it is inf or nan, never a finite number."""
    if not _concrete(x):
        return F.jax_callable(F.BY_CLASS[sympy.factorial])(x)
    import numpy as np
    import scipy.special

    return scipy.special.gamma(np.asarray(x, float) + 1.0)


def loggamma(x):
    """``log Gamma(x)`` as a real number: ``gammaln(x)`` (no overflow: log Gamma(10^17) is
    3.8e18, where log of Gamma(10^17) = inf gave inf) where Gamma(x) > 0, NaN where Gamma(x) < 0
    (x in (-1, 0), (-3, -2), ...: the logarithm of a negative number is not real, and gammaln,
    log |Gamma|, would be a silent wrong value) and at the poles x = 0, -1, -2, ..."""
    import jax.numpy as jnp
    import jax.scipy.special as jss

    x = jnp.asarray(x, dtype=float)
    return jnp.where(jss.gammasgn(x) > 0, jss.gammaln(x), jnp.nan)


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
        F.nuclear_norm: lambda a: jnp.linalg.norm(a, ord="nuc"),
        sympy.binomial: _binomial,
        sympy.factorial: _factorial,
        sympy.loggamma: loggamma,
    }


#: functions evaluated above with more than the table's one-to-one mapping
_SPECIAL = frozenset(
    {
        sympy.log,
        sympy.Max,
        sympy.Min,
        sympy.Heaviside,
        sympy.KroneckerDelta,
        sympy.binomial,
        sympy.factorial,
        sympy.loggamma,
    }
)

#: the nodes whose float64 value above differs from the compiled one of the function table (which
#: cancels or loses the sign there): an expression with one is evaluated by the plain walk
FLOAT64_ONLY = (sympy.binomial, sympy.factorial, sympy.loggamma)


class _LazyTable(dict):
    def get(self, key, default=None):
        if not self:
            self.update(_elementary())
        return super().get(key, default)


_ELEMENTARY = _LazyTable()
