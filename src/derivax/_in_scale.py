"""Special functions compiled so that their derivatives keep their scale at 1e+-200, where JAX's
own rules lose an intermediate square: the JAX templates of the function table (``{0}``, ``{1}``
the arguments) and the same functions as callables for the plain evaluator.

Each is two branches, JAX's own function on moderate inputs and a form written for large ones;
each branch sees only inputs of its own range (the other gets a harmless constant), so the branch
not taken has a finite derivative to mask: where's gradient multiplies it by 0, and 0 * inf is NaN.
"""

from __future__ import annotations

#: arcsinh and arccosh: JAX differentiates them to 1/sqrt(x^2 +- 1), 0 at x = 1e200 where x^2
#: overflows (the exact 1e-200 is representable). From |x| = 2 on they are written
#: sign(x) (log|x| + log1p(sqrt(1 +- x^-2))), whose derivative through log|x| is 1/x; below, JAX's
#: own (NaN below 1 for arccosh).
ARCSINH_JAX = (
    "jnp.where(jnp.abs({0}) < 2.0, jnp.arcsinh(jnp.where(jnp.abs({0}) < 2.0, {0}, 0.0)), "
    "jnp.sign({0}) * (jnp.log(jnp.abs(jnp.where(jnp.abs({0}) < 2.0, 2.0, {0}))) "
    "+ jnp.log1p(jnp.sqrt(1.0 + jnp.where(jnp.abs({0}) < 2.0, 2.0, {0}) ** -2))))"
)
ARCCOSH_JAX = (
    "jnp.where({0} < 2.0, jnp.arccosh(jnp.where({0} < 2.0, {0}, 1.5)), "
    "jnp.log(jnp.where({0} < 2.0, 2.0, {0})) + "
    "jnp.log1p(jnp.sqrt(1.0 - jnp.where({0} < 2.0, 2.0, {0}) ** -2)))"
)

#: polygamma(n, x) (digamma is n = 0): from x = 1e6 on by its asymptotic series, relative error
#: below 1e-20 there, whose derivative keeps its scale (JAX's polygamma(1, x) is 0 at x = 1e200,
#: where the exact 1e-200 is representable): log x - 1/(2x) - 1/(12 x^2) for n = 0, and
#: (-1)^(n+1) (n-1)! / x^n (1 + n/(2x) + n(n+1)/(12 x^2)) for n >= 1.
_XB = "jnp.where({1} < 1e6, 1e6, {1})"
_NS = "jnp.where(jnp.asarray({0}) < 1, 1.0, jnp.asarray({0}) * 1.0)"
POLYGAMMA_JAX = (
    "jnp.where({1} < 1e6, "
    "jax.scipy.special.polygamma(jnp.asarray({0}).astype(int), jnp.where({1} < 1e6, {1}, 1.0)), "
    "jnp.where(jnp.asarray({0}) < 1, "
    f"jnp.log({_XB}) - 0.5 / {_XB} - 1.0 / (12.0 * {_XB} ** 2), "
    f"(-1.0) ** ({_NS} + 1.0) * jnp.exp(jax.scipy.special.gammaln({_NS}) - {_NS} * jnp.log({_XB})) "
    f"* (1.0 + {_NS} / (2.0 * {_XB}) + {_NS} * ({_NS} + 1.0) / (12.0 * {_XB} ** 2))))"
)


def _arcsinh(x):
    import jax.numpy as jnp

    big = jnp.where(jnp.abs(x) < 2.0, 2.0, x)
    return jnp.where(
        jnp.abs(x) < 2.0,
        jnp.arcsinh(jnp.where(jnp.abs(x) < 2.0, x, 0.0)),
        jnp.sign(x) * (jnp.log(jnp.abs(big)) + jnp.log1p(jnp.sqrt(1.0 + big**-2))),
    )


def _arccosh(x):
    import jax.numpy as jnp

    big = jnp.where(x < 2.0, 2.0, x)
    return jnp.where(
        x < 2.0,
        jnp.arccosh(jnp.where(x < 2.0, x, 1.5)),
        jnp.log(big) + jnp.log1p(jnp.sqrt(1.0 - big**-2)),
    )


def _polygamma(n, x):
    import jax
    import jax.numpy as jnp

    n = jnp.asarray(n)
    big = jnp.where(x < 1e6, 1e6, x)
    order = jnp.where(n < 1, 1.0, n * 1.0)
    series = (-1.0) ** (order + 1.0) * jnp.exp(
        jax.scipy.special.gammaln(order) - order * jnp.log(big)
    )
    series = series * (1.0 + order / (2.0 * big) + order * (order + 1.0) / (12.0 * big**2))
    digamma = jnp.log(big) - 0.5 / big - 1.0 / (12.0 * big**2)
    small = jax.scipy.special.polygamma(n.astype(int), jnp.where(x < 1e6, x, 1.0))
    return jnp.where(x < 1e6, small, jnp.where(n < 1, digamma, series))


#: function name -> its callable for the plain evaluator
IN_SCALE = {
    "arcsinh": _arcsinh,
    "arccosh": _arccosh,
    "polygamma": _polygamma,
    "digamma": lambda x: _polygamma(0, x),
}
