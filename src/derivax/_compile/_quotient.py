"""The quotient compiled code calls: ``a / b`` in value, with its derivative by ``b`` kept in scale."""

from __future__ import annotations

#: a / b with the derivative by b written -(a / b) / b: JAX's own, -a b^-2, loses b^2 to overflow
#: or underflow at b = 1e+-200 where the derivative is representable
QUOTIENT = "_quot"
QUOTIENT_SOURCE = (
    "@jax.custom_jvp",
    f"def {QUOTIENT}(a, b):",
    "    return a / b",
    f"@{QUOTIENT}.defjvp",
    f"def {QUOTIENT}_jvp(primals, tangents):",
    "    a, b = primals",
    "    ta, tb = tangents",
    "    q = a / b",
    "    t = jnp.zeros_like(q)",
    "    if ta.dtype != jax.dtypes.float0:",  # an integer input (a size) has no tangent
    "        t = t + ta",
    "    if tb.dtype != jax.dtypes.float0:",
    "        t = t - q * tb",
    "    return q, t / b",
)
