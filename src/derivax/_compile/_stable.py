"""Numerically stable forms, recognized on the SymPy tree before emission.

Each function returns the stable ``Val`` when its pattern matches and ``None`` otherwise:

    log(sum_j exp(b_j))          -> logsumexp(b)
    exp(a) / sum_j exp(b_j)      -> exp(a - logsumexp(b))          (softmax)
    log(exp(a) / sum_j exp(b_j)) -> a - logsumexp(b)               (log-softmax)
    log(softmax(z)_k)            -> log_softmax(z)_k
    1 / (1 + exp(-x))            -> sigmoid(x)
    exp(x) / (1 + exp(x))        -> sigmoid(x)
    exp(a) / (1 + exp(b))        -> exp(a - softplus(b))
    log(1 + exp(x))              -> softplus(x)
    log(1 - exp(x))              -> log(-expm1(x)) near 0, log1p(-exp(x)) below -log 2
    log(sigmoid(x)), log(1 - sigmoid(x)) -> log_sigmoid(x), log_sigmoid(-x)
    log(1 + x), exp(x) - 1       -> log1p(x), expm1(x)
    1 - sigmoid(x)               -> sigmoid(-x)
    x log y, x log(1 + y)        -> xlogy(x, y), xlog1py(x, y)   (0 log 0 = 0)
    log det A                    -> slogdet(A)
"""

from __future__ import annotations

import sympy

from .. import _functions as F
from ._emit import Emitter
from ._emit_index import _with_ranges
from ._emit_scalar import _as_float
from ._val import Val


def _is_sum_of_exp(e) -> bool:
    return isinstance(e, sympy.Sum) and isinstance(e.function, sympy.exp)


def _logsumexp(em: Emitter, s: sympy.Sum) -> Val:
    saved = _with_ranges(em, s.limits)
    try:
        b = em.emit(s.function.args[0])
    finally:
        em.ranges = saved
    variables = [lim[0] for lim in s.limits]
    reduced = tuple(b.axes.index(v) for v in variables if v in b.axes)
    missing = [lim for lim in s.limits if lim[0] not in b.axes]
    code = b.code
    if reduced:
        code = f"jax.nn.logsumexp({code}, axis={reduced if len(reduced) > 1 else reduced[0]})"
    for _var, lo, hi in missing:
        code = f"({code}) + math.log({em.int_code(hi)} - {em.int_code(lo)} + 1)"
    return Val(code, tuple(a for a in b.axes if a not in variables))


def _softmax_axis(em: Emitter, numerator, denominator_sum: sympy.Sum, fn: str) -> Val | None:
    """``exp(b_k) / sum_j exp(b_j)`` over the same range: ``jax.nn.softmax`` (or log_softmax)
    along axis j, renamed k. Its gradient is cheaper than that of exp(b_k - logsumexp(b))."""
    if len(denominator_sum.limits) != 1:
        return None
    j, lo, hi = denominator_sum.limits[0]
    b = denominator_sum.function.args[0]
    a = numerator.args[0]
    for k in a.free_symbols & set(em.ranges):
        if k != j and b.subs(j, k) == a and em.ranges[k] == (em.int_code(lo), em.int_code(hi)):
            saved = _with_ranges(em, denominator_sum.limits)
            try:
                v = em.emit(b)
            finally:
                em.ranges = saved
            if j not in v.axes or k in v.axes:
                return None
            code = f"jax.nn.{fn}({v.code}, axis={v.axes.index(j)})"
            return Val(code, tuple(k if x == j else x for x in v.axes))
    return None


def _one_plus(e) -> sympy.Expr | None:
    """``y`` when ``e`` is ``1 + y``."""
    if isinstance(e, sympy.Add) and sympy.S.One in e.args:
        return sympy.Add(*[a for a in e.args if a != sympy.S.One])
    return None


def log_pattern(em: Emitter, arg) -> Val | None:
    if _is_sum_of_exp(arg):
        return _logsumexp(em, arg)
    if isinstance(arg, sympy.exp):
        return em.emit(arg.args[0])
    if isinstance(arg, F.sigmoid):
        return em.elementwise("jax.nn.log_sigmoid({})", em.emit(arg.args[0]))
    if isinstance(arg, sympy.gamma):
        # log Gamma(x) without forming Gamma(x), which overflows from x = 172 (Dirichlet, Poisson
        # and Beta likelihoods); where Gamma(x) < 0 the logarithm has no real value: NaN, as
        # log of a negative number, never log|Gamma(x)|
        x = _as_float(em, arg.args[0])
        return em.elementwise(
            "jnp.where(({0} > 0) | (jnp.mod(jnp.floor({0}), 2) == 0), "
            "jax.scipy.special.gammaln({0}), jnp.nan)",
            x,
        )
    if isinstance(arg, sympy.Determinant):
        m = em.emit(arg.arg)
        t = em.tmp(f"jnp.linalg.slogdet({m.code})")
        return Val(f"jnp.where({t.code}[0] > 0, {t.code}[1], jnp.nan)")
    if isinstance(arg, sympy.Indexed) and isinstance(arg.base.label, F.softmax):
        z = em.emit(arg.base.label.args[0])
        from ._emit_index import _take

        base = Val(f"jax.nn.log_softmax(jnp.ravel({z.code}))")
        shape = (
            arg.base.label.args[0].shape[:1] if hasattr(arg.base.label.args[0], "shape") else None
        )
        return _take(em, base, list(arg.indices), shape, one_based=True, name="softmax")
    if isinstance(arg, sympy.Mul) and len(arg.args) == 2:
        num = next((f for f in arg.args if isinstance(f, sympy.exp)), None)
        den = next(
            (
                f
                for f in arg.args
                if isinstance(f, sympy.Pow) and f.exp == -1 and _is_sum_of_exp(f.base)
            ),
            None,
        )
        if num is not None and den is not None:
            v = _softmax_axis(em, num, den.base, "log_softmax")
            if v is not None:
                return v
    if isinstance(arg, sympy.Mul) and all(_log_splits(f) for f in arg.args):
        parts = [_log_part(em, f) for f in arg.args]
        return em.elementwise(" + ".join("({})" for _ in parts), *parts)
    y = _one_plus(arg)
    if y is not None:
        if isinstance(y, sympy.exp):
            return em.elementwise("jax.nn.softplus({})", em.emit(y.args[0]))
        if (
            isinstance(y, sympy.Mul)
            and len(y.args) == 2
            and y.args[0] == -1
            and isinstance(y.args[1], F.sigmoid)
        ):
            return em.elementwise("jax.nn.log_sigmoid(-({}))", em.emit(y.args[1].args[0]))
        if (
            isinstance(y, sympy.Mul)
            and len(y.args) == 2
            and y.args[0] == -1
            and isinstance(y.args[1], sympy.exp)
        ):
            # log(1 - e^u): 1 - e^u cancels for u near 0 (Maechler's log1mexp)
            u = _as_float(em, y.args[1].args[0])
            return em.elementwise(
                "jnp.where({0} < -math.log(2.0), jnp.log1p(-jnp.exp({0})), "
                "jnp.log(-jnp.expm1({0})))",
                u,
            )
        return em.elementwise("jnp.log1p({})", em.emit(y))
    return None


def _log_splits(f) -> bool:
    """Factors whose logarithm is exact and stable on its own: exp(u), sums of exponentials and
    their powers, positive constants."""
    if isinstance(f, sympy.exp) or _is_sum_of_exp(f):
        return True
    if (
        isinstance(f, sympy.Pow)
        and f.exp.is_Integer
        and (_is_sum_of_exp(f.base) or isinstance(f.base, sympy.exp))
    ):
        return True
    return f.is_number and f.is_positive is True


def _log_part(em: Emitter, f) -> Val:
    if isinstance(f, sympy.Pow):
        inner = log_pattern(em, f.base)
        assert inner is not None  # _loggable(f) accepted the base
        return em.elementwise(f"{int(f.exp)} * ({{}})", inner)
    if f.is_number:
        return Val(repr(float(sympy.log(f))))
    out = log_pattern(em, f)
    assert out is not None  # _loggable(f) accepted it
    return out


def add_pattern(em: Emitter, e: sympy.Add) -> Val | None:
    args = list(e.args)
    # exp(x) - 1 -> expm1(x)
    if sympy.S.NegativeOne in args:
        exps = [a for a in args if isinstance(a, sympy.exp)]
        if exps:
            rest = [a for a in args if a is not exps[0] and a != sympy.S.NegativeOne]
            core = em.elementwise("jnp.expm1({})", em.emit(exps[0].args[0]))
            if not rest:
                return core
            others = [em.emit(a) for a in rest]
            return em.elementwise(" + ".join("({})" for _ in range(len(others) + 1)), core, *others)
    # 1 - sigmoid(x) -> sigmoid(-x)
    if len(args) == 2 and sympy.S.One in args:
        other = args[0] if args[1] == sympy.S.One else args[1]
        if (
            isinstance(other, sympy.Mul)
            and len(other.args) == 2
            and other.args[0] == -1
            and isinstance(other.args[1], F.sigmoid)
        ):
            return _sigmoid(em, -other.args[1].args[0])
    return None


def _sigmoid(em: Emitter, u) -> Val:
    """``sigmoid(u)`` of a SymPy expression (``-(-x)`` folded by SymPy, integers made floats)."""
    if isinstance(u, sympy.Mul) and len(u.args) == 2 and u.args[0] == -1:
        return em.elementwise("jax.nn.sigmoid(-({}))", _as_float(em, u.args[1]))
    return em.elementwise("jax.nn.sigmoid({})", _as_float(em, u))


def pow_pattern(em: Emitter, e: sympy.Pow) -> Val | None:
    # 1 / (1 + exp(u)) -> sigmoid(-u)
    if e.exp == -1:
        y = _one_plus(e.base)
        if isinstance(y, sympy.exp):
            return _sigmoid(em, -y.args[0])
    return None


def _exp_over_one_plus_exp(em: Emitter, args) -> Val | None:
    """``exp(a) / (1 + exp(b))``: ``sigmoid(b)`` when a = b, else ``exp(a - softplus(b))``; the
    plain product is 0 * inf = NaN once exp(b) overflows."""
    exps = [a for a in args if isinstance(a, sympy.exp)]
    dens = [
        a
        for a in args
        if isinstance(a, sympy.Pow) and a.exp == -1 and isinstance(_one_plus(a.base), sympy.exp)
    ]
    if not exps or not dens:
        return None
    d = dens[0]
    one_plus = _one_plus(d.base)
    assert one_plus is not None  # dens holds only 1/(1 + e^b)
    b = one_plus.args[0]
    a = next((x for x in exps if x.args[0] == b), exps[0])
    if a.args[0] == b:
        core = _sigmoid(em, b)
    else:
        core = em.elementwise(
            "jnp.exp(({}) - jax.nn.softplus({}))", em.emit(a.args[0]), _as_float(em, b)
        )
    rest = [em.emit(x) for x in args if x is not a and x is not d]
    if not rest:
        return core
    return em.elementwise(" * ".join("({})" for _ in range(len(rest) + 1)), core, *rest)


def mul_pattern(em: Emitter, e: sympy.Mul) -> Val | None:
    args = list(e.args)
    special = _exp_over_one_plus_exp(em, args)
    if special is not None:
        return special
    # exp(a) / sum_j exp(b_j) -> exp(a - logsumexp(b))
    exps = [a for a in args if isinstance(a, sympy.exp)]
    denominators = [
        a for a in args if isinstance(a, sympy.Pow) and a.exp == -1 and _is_sum_of_exp(a.base)
    ]
    if exps and denominators:
        a, d = exps[0], denominators[0]
        core = _softmax_axis(em, a, d.base, "softmax")
        if core is None:
            lse = _logsumexp(em, d.base)
            core = em.elementwise("jnp.exp(({}) - ({}))", em.emit(a.args[0]), lse)
        rest = [em.emit(x) for x in args if x is not a and x is not d]
        if not rest:
            return core
        return em.elementwise(" * ".join("({})" for _ in range(len(rest) + 1)), core, *rest)
    # x log y -> xlogy(x, y)
    logs = [a for a in args if isinstance(a, sympy.log) and not a.is_number]
    coefficients = [a for a in args if not a.is_number and not isinstance(a, sympy.log)]
    if len(logs) == 1 and len(coefficients) == 1 and not coefficients[0].is_integer:
        # (an integer coefficient, n log s with n a size, is never 0 log 0, and xlogy of an integer
        # has no gradient in JAX: a float0 under jax.grad)
        (lg,), (x,) = logs, coefficients
        inner = lg.args[0]
        if (
            _is_sum_of_exp(inner)
            or isinstance(inner, (sympy.exp, F.sigmoid, sympy.Determinant))
            or (isinstance(inner, sympy.Mul) and all(_log_splits(f) for f in inner.args))
            or (isinstance(inner, sympy.Indexed) and isinstance(inner.base.label, F.softmax))
        ):
            return None
        y = _one_plus(inner)
        if y is not None and isinstance(y, sympy.exp):
            return None
        constants = [a for a in args if a.is_number and a is not lg]
        if y is not None:
            core = em.elementwise("jax.scipy.special.xlog1py({}, {})", em.emit(x), em.emit(y))
        else:
            core = em.elementwise("jax.scipy.special.xlogy({}, {})", em.emit(x), em.emit(inner))
        if constants:
            c = em.emit(sympy.Mul(*constants))
            return em.elementwise("({}) * ({})", c, core)
        return core
    return None
