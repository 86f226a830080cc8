"""The helpers compiled code calls: the quotient ``a / b``, with its derivative by ``b`` kept in
scale; ``x log y``, ``x log(1 + y)`` (0 log 0 = 0), with their derivatives by ``y`` exactly 0
where ``x`` is 0; the normal equations' solution ``(X^T X)^{-1} X^T b`` by a QR factorization of
X; and softmax with a backward pass relative to its largest entry."""

from __future__ import annotations

#: a / b with the derivative by b written -(a / b) / b: JAX's own, -a b^-2, loses b^2 to overflow
#: or underflow at b = 1e+-200 where the derivative is representable. The quotients pass through
#: an optimization barrier: in one jitted program XLA rewrites (a / b) / c as a / (b c), which
#: brings b^2 back (the gradient of ((a - b) / s)^2 / 2 at 1e200 came out 0 instead of 5e-200)
QUOTIENT = "_quot"
QUOTIENT_SOURCE = (
    "@jax.custom_jvp",
    f"def {QUOTIENT}(a, b):",
    "    return jax.lax.optimization_barrier(a / b)",
    f"@{QUOTIENT}.defjvp",
    f"def {QUOTIENT}_jvp(primals, tangents):",
    "    a, b = primals",
    "    ta, tb = tangents",
    "    q = jax.lax.optimization_barrier(a / b)",
    "    t = jnp.zeros_like(q)",
    "    if ta.dtype != jax.dtypes.float0:",  # an integer input (a size) has no tangent
    "        t = t + ta",
    "    if tb.dtype != jax.dtypes.float0:",
    "        t = t - q * tb",
    "    return q, jax.lax.optimization_barrier(t / b)",
)

#: x log y and x log(1 + y) with 0 log 0 = 0 (JAX's xlogy, xlog1py) and the derivative by y
#: written x / y (x / (1 + y)) where x is not 0 and 0 where it is: the term is 0 for every y
#: there, so its derivative by y is exactly 0, where JAX's own is 0 / 0 = NaN (binary cross
#: entropy's (1 - y) log(1 - y_hat) at y = y_hat = 1). The coefficient of the tangent of y is
#: formed with no 0 / 0 (it is differentiated again for a Hessian). The derivative by x stays
#: log y.
XLOGY = "_xlogy"
XLOG1PY = "_xlog1py"


def _zero_log(name: str, special: str, shift: str) -> tuple[str, ...]:
    return (
        "@jax.custom_jvp",
        f"def {name}(x, y):",
        f"    return jax.scipy.special.{special}(x, y)",
        f"@{name}.defjvp",
        f"def {name}_jvp(primals, tangents):",
        "    x, y = primals",
        "    tx, ty = tangents",
        f"    value = {name}(x, y)",
        "    t = jnp.zeros_like(value)",
        "    if tx.dtype != jax.dtypes.float0:",
        f"        t = t + tx * jnp.log({shift}y)",
        "    if ty.dtype != jax.dtypes.float0:",
        f"        t = t + ty * (x / jnp.where(x == 0, 1.0, {shift}y))",
        "    return value, t",
    )


XLOGY_SOURCE = _zero_log(XLOGY, "xlogy", "")
XLOG1PY_SOURCE = _zero_log(XLOG1PY, "xlog1py", "1.0 + ")

#: (X^T X)^{-1} X^T b as R^{-1} Q^T b with X = QR (reduced): X^T X is never formed, so it does not
#: overflow at entries of 1e200 (X^T X = 1e400 where the solution is of size 1) and the solution
#: has the conditioning of X, not its square. The same solution where X has full column rank;
#: where it does not, the formula has no value, and R holds a zero on its diagonal (or the
#: rounding error in its place), as X^T X does: the result is inf, NaN or as meaningless as the
#: solve's. A wide X (fewer rows than columns: X^T X is singular) keeps the solve.
NORMAL_SOLVE = "_normal_solve"
NORMAL_SOLVE_SOURCE = (
    f"def {NORMAL_SOLVE}(x, b):",
    "    if x.shape[-2] < x.shape[-1]:",
    "        xt = jnp.swapaxes(x, -1, -2)",
    "        return jnp.linalg.solve(xt @ x, xt @ b)",
    "    q, r = jnp.linalg.qr(x)",
    "    return jax.scipy.linalg.solve_triangular(r, jnp.swapaxes(q, -1, -2) @ b, lower=False)",
)

#: softmax along ``axis`` with its tangent written P^T (s * t), P the projection relative to the
#: largest entry m: JAX transposes it into the backward pass s * ((g - g_m) - <s, g - g_m>). The
#: standard pass s * (g - <s, g>) cancels where the softmax saturates (inputs of ±100: <s, g> is
#: g_m within e^-100, so the gradient, of that size, came out 0 or rounding noise); this one
#: subtracts g_m exactly. The forward tangent is the standard s * (t - <s, t>) up to rounding, so
#: forward mode and Hessians work. m is marked where z equals its largest entry (ties share it: the
#: shift is exact for any constant; exp(0) under jit is not always exactly 1, so it is not the
#: mark). The value is
#: ``jax.nn.softmax``'s; only differentiating through it costs more (benchmarks/lowerings.py).
SOFTMAX = "_softmax"
SOFTMAX_SOURCE = (
    f"def {SOFTMAX}(z, axis):",
    "    return jax.nn.softmax(z, axis=axis)",
    f"{SOFTMAX} = jax.custom_jvp({SOFTMAX}, nondiff_argnums=(1,))",
    f"@{SOFTMAX}.defjvp",
    f"def {SOFTMAX}_jvp(axis, primals, tangents):",
    "    (z,), (t,) = primals, tangents",
    "    m = jax.lax.stop_gradient(jnp.max(z, axis=axis, keepdims=True))",
    "    u = jnp.exp(z - m)",
    "    s = u / jnp.sum(u, axis=axis, keepdims=True)",
    "    top = (z == m).astype(s.dtype)",
    "    w = s * t",
    "    a = w - s * jnp.sum(w, axis=axis, keepdims=True)",
    "    mean = jnp.sum(a, axis=axis, keepdims=True) / jnp.sum(top, axis=axis, keepdims=True)",
    "    return s, a - top * mean",
)

#: the product x_1^p_1 ... x_k^p_k (small integer powers, static) of three or more factors, formed
#: from their mantissas and exponents (frexp) and scaled once at the end (ldexp): an intermediate
#: product cannot overflow or underflow where the result is representable (Bayes' P(B|A) P(A) /
#: P(B) at 1e200 overflowed in its numerator; 1e200 * -1e200 * 0 gave NaN where the product is
#: 0). The mantissa is renormalized after each factor. A factor 0 gives 0, inf gives inf, and
#: 0 * inf NaN, as the plain product. The derivative by x_i is p_i x_i^(p_i - 1) times the
#: others, itself such a product, so it keeps its scale too. One helper per number of factors,
#: written out (generated code has no loops): ``_prod3``, ``_prod4``, ...
PRODUCT = "_prod"


def product_name(k: int) -> str:
    return f"{PRODUCT}{k}"


def product_source(k: int) -> tuple[str, ...]:
    name = product_name(k)
    lines = [f"def {name}(xs, ps):", "    " + ", ".join(f"x{i}" for i in range(k)) + " = xs"]
    lines += [f"    m{i}, e{i} = jnp.frexp(x{i})" for i in range(k)]
    lines += ["    m, e = 1.0, 0"]
    for i in range(k):
        lines += [f"    m, s = jnp.frexp(m * m{i} ** ps[{i}])", f"    e = e + s + ps[{i}] * e{i}"]
    lines += [
        "    return jnp.ldexp(m, e)",
        f"{name} = jax.custom_jvp({name}, nondiff_argnums=(1,))",
        f"@{name}.defjvp",
        f"def {name}_jvp(ps, primals, tangents):",
        "    (xs,), (ts,) = primals, tangents",
        f"    value = {name}(xs, ps)",
        "    t = jnp.zeros_like(value)",
    ]
    for i in range(k):
        lowered = f"ps[:{i}] + (ps[{i}] - 1,) + ps[{i + 1}:]"
        lines += [
            f"    if ts[{i}].dtype != jax.dtypes.float0:",
            f"        t = t + ps[{i}] * ts[{i}] * {name}(xs, {lowered})",
        ]
    return (*lines, "    return value, t")


#: each helper's definition, by the name the code calls it by (``Emitter.helpers``)
HELPERS = {
    SOFTMAX: SOFTMAX_SOURCE,
    QUOTIENT: QUOTIENT_SOURCE,
    XLOGY: XLOGY_SOURCE,
    XLOG1PY: XLOG1PY_SOURCE,
    NORMAL_SOLVE: NORMAL_SOLVE_SOURCE,
}


def helper_source(name: str) -> tuple[str, ...]:
    """The definition of the helper generated code calls by ``name``."""
    if name.startswith(PRODUCT) and name[len(PRODUCT) :].isdigit():
        return product_source(int(name[len(PRODUCT) :]))
    return HELPERS[name]
