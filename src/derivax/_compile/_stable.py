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
    log(c_1 e^{u_1} + c_2 e^{u_2} + ...) -> logaddexp (sums of exponentials among the terms too)
    e^a / (c_1 e^{u_1} + ...)    -> exp(a - logaddexp(...))
    log Gamma(x)                 -> gammaln(x) (NaN where Gamma(x) < 0)
    sqrt(sum of squares)         -> a norm scaled by its largest entry (``_stable_norm``)

The logarithm's rules are one ordered table, ``LOG_RULES``: ``x log(arg)`` keeps every one of them
under the coefficient and becomes ``xlogy``/``xlog1py`` only where none but ``log1p`` applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

from .. import _functions as F
from . import _lowering
from ._emit import Emitter
from ._emit_index import _with_ranges, depends_on_indices, masked_exponents
from ._emit_scalar import _as_float
from ._quotient import QUOTIENT, XLOG1PY, XLOGY
from ._stable_norm import cosine_pattern, max_abs
from ._val import Val


def _is_sum_of_exp(e) -> bool:
    return isinstance(e, sympy.Sum) and isinstance(e.function, sympy.exp)


def _exponents(em: Emitter, s: sympy.Sum) -> tuple[Val, str | None, str, tuple]:
    """The exponents ``b`` of ``sum_j exp(b_j)`` emitted under the sum's ranges, the axes the sum
    reduces (as an ``axis=`` argument, None when ``b`` has none of them), the log of the number of
    terms of the variables ``b`` does not hold (``+ math.log(n)`` each, or ""), and the axes kept."""
    if depends_on_indices(em, s.limits):
        return masked_exponents(em, s)
    saved = _with_ranges(em, s.limits)
    try:
        b = em.emit(s.function.args[0])
    finally:
        em.ranges = saved
    variables = [lim[0] for lim in s.limits]
    reduced = tuple(b.axes.index(v) for v in variables if v in b.axes)
    axis = str(reduced if len(reduced) > 1 else reduced[0]) if reduced else None
    counts = "".join(
        f" + math.log({em.int_code(hi)} - {em.int_code(lo)} + 1)"
        for _var, lo, hi in s.limits
        if _var not in b.axes
    )
    return b, axis, counts, tuple(x for x in b.axes if x not in variables)


def _logsumexp(em: Emitter, s: sympy.Sum) -> Val:
    b, axis, counts, kept = _exponents(em, s)
    code = b.code if axis is None else _lowering.logsumexp(em, b.code, axis)
    return Val(f"({code}){counts}" if counts else code, kept)


def _exp_over_sum_of_exp(em: Emitter, a, s: sympy.Sum) -> Val:
    """``exp(a) / sum_j exp(b_j)`` as ``exp((a - m) - log sum_j exp(b_j - m))``, ``m`` the largest
    ``b_j`` (under stop_gradient, 0 where it is not finite). Subtracting ``m`` from ``a`` before
    the log of the sum keeps what ``exp(a - logsumexp(b))`` loses where the entries are huge: at
    a = b_j = -1e30 the log-sum-exp rounds its log n away and gives 1, not 1/n."""
    b, axis, counts, kept = _exponents(em, s)
    if axis is None:  # no axis to reduce: the log of the sum is b plus the log of the count
        lse = Val(f"({b.code}){counts}" if counts else b.code, kept)
        return em.elementwise("jnp.exp(({}) - ({}))", em.emit(a), lse)
    m, logsum = _lowering.shifted_logsumexp(em, b.code, axis)
    return em.elementwise(
        "jnp.exp((({}) - ({})) - ({}))",
        em.emit(a),
        Val(m, kept),
        Val(f"({logsum}){counts}" if counts else logsum, kept),
    )


def _softmax_axis(em: Emitter, numerator, denominator_sum: sympy.Sum, fn: str) -> Val | None:
    """``exp(b_k) / sum_j exp(b_j)`` over the same range: ``jax.nn.softmax`` (or log_softmax)
    along axis j, renamed k. Its gradient is cheaper than that of exp(b_k - logsumexp(b))."""
    if len(denominator_sum.limits) != 1 or depends_on_indices(em, denominator_sum.limits):
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
            axis = str(v.axes.index(j))
            code = (
                _lowering.softmax(em, v.code, axis)
                if fn == "softmax"
                else _lowering.log_softmax(v.code, axis)
            )
            return Val(code, tuple(k if x == j else x for x in v.axes))
    return None


def _one_plus(e) -> sympy.Expr | None:
    """``y`` when ``e`` is ``1 + y``."""
    if isinstance(e, sympy.Add) and sympy.S.One in e.args:
        return sympy.Add(*[a for a in e.args if a != sympy.S.One])
    return None


# -- the logarithm: an ordered table of named rules, the first that matches emits --------------------
def _is_gamma_of_positive(e) -> bool:
    return isinstance(e, sympy.gamma) and e.args[0].is_positive is True


def _minus(y, cls) -> bool:
    """Whether ``y`` is ``-cls(...)``."""
    return (
        isinstance(y, sympy.Mul)
        and len(y.args) == 2
        and y.args[0] == -1
        and isinstance(y.args[1], cls)
    )


def _exp_term(t) -> tuple[sympy.Expr, sympy.Expr, bool] | None:
    """``(u, c, False)`` when the term ``t`` is ``c e^{u}`` with a positive number ``c`` (``c``
    alone is ``c e^{0}``), ``(s, c, True)`` when it is ``c s`` with ``s`` a sum of exponentials;
    ``None`` otherwise."""
    coeff, rest = t.as_coeff_Mul() if isinstance(t, sympy.Mul) else (sympy.S.One, t)
    if not (coeff.is_number and coeff.is_positive is True):
        return None
    if rest == sympy.S.One:
        return sympy.S.Zero, coeff, False
    if isinstance(rest, sympy.exp):
        return rest.args[0], coeff, False
    if _is_sum_of_exp(rest):
        return rest, coeff, True
    return None


def _is_sum_of_exp_terms(arg) -> bool:
    """A sum of two or more positive multiples of exponentials (``e^a + e^b``, ``1 + e^a + e^b``,
    ``e^{s} + \\sum_j e^{s_j}``), at least one of them not constant."""
    if not isinstance(arg, sympy.Add):
        return False
    terms = [_exp_term(t) for t in arg.args]
    return all(t is not None for t in terms) and any(not t.is_number for t in arg.args)


def _logaddexp(em: Emitter, arg: sympy.Add) -> Val:
    """``log(sum_k c_k e^{u_k})`` as ``logaddexp`` folded over the exponents ``u_k + log c_k``:
    exact where one term overflows or all underflow."""
    parts = []
    for t in arg.args:
        found = _exp_term(t)
        assert found is not None  # _is_sum_of_exp_terms accepted every term
        u, c, lse = found
        v = _logsumexp(em, u) if lse else _as_float(em, u)
        if c != 1:
            v = em.elementwise(f"({{}}) + {float(sympy.log(c))!r}", v)
        parts.append(v)
    out = parts[0]
    for v in parts[1:]:
        out = em.elementwise("jnp.logaddexp({}, {})", out, v)
    return out


def _log_gamma(em: Emitter, arg) -> Val:
    # log Gamma(x) without forming Gamma(x), which overflows from x = 172 (Dirichlet, Poisson
    # and Beta likelihoods); where Gamma(x) < 0 the logarithm has no real value: NaN, as
    # log of a negative number, never log|Gamma(x)|
    x = _as_float(em, arg.args[0])
    return em.elementwise(
        "jnp.where(({0} > 0) | (jnp.mod(jnp.floor({0}), 2) == 0), "
        "jax.scipy.special.gammaln({0}), jnp.nan)",
        x,
    )


def _log_det(em: Emitter, arg) -> Val:
    # log det A = n log s + log det(A / s) with s the largest |a_ij| (held constant for the
    # gradient, which the identity does not depend on): slogdet of [[1e200, 1], [1, 1e200]] is
    # inf, of the scaled matrix 0; s = 1 for the zero matrix (log det = -inf either way)
    m = em.emit(arg.arg)
    a = em.tmp(f"jnp.asarray({m.code})")
    top = max_abs(a.code, "(-2, -1)")
    s = em.tmp(f"jnp.where({top} > 0, {top}, 1.0)")
    t = em.tmp(f"jnp.linalg.slogdet({a.code} / {s.code})")
    scale = f"{a.code}.shape[-1] * jnp.log({s.code}[..., 0, 0])"
    return Val(f"jnp.where({t.code}[0] > 0, {t.code}[1] + {scale}, jnp.nan)")


def _is_softmax_entry(arg) -> bool:
    return isinstance(arg, sympy.Indexed) and isinstance(arg.base.label, F.softmax)


def _log_softmax_entry(em: Emitter, arg) -> Val:
    from ._emit_index import _take

    z = em.emit(arg.base.label.args[0])
    base = Val(_lowering.log_softmax(f"jnp.ravel({z.code})", "-1"))
    shape = arg.base.label.args[0].shape[:1] if hasattr(arg.base.label.args[0], "shape") else None
    return _take(em, base, list(arg.indices), shape, one_based=True, name="softmax")


def _softmax_quotient(arg) -> tuple[sympy.exp, sympy.Pow] | None:
    """``(e^{a}, 1 / sum_j e^{b_j})`` when ``arg`` is that quotient."""
    if not (isinstance(arg, sympy.Mul) and len(arg.args) == 2):
        return None
    num = next((f for f in arg.args if isinstance(f, sympy.exp)), None)
    den = next(
        (
            f
            for f in arg.args
            if isinstance(f, sympy.Pow) and f.exp == -1 and _is_sum_of_exp(f.base)
        ),
        None,
    )
    return (num, den) if num is not None and den is not None else None


def _log_softmax(em: Emitter, arg) -> Val | None:
    found = _softmax_quotient(arg)
    assert found is not None  # the rule matched
    return _softmax_axis(em, found[0], found[1].base, "log_softmax")


def _log_product(em: Emitter, arg) -> Val:
    parts = [_log_part(em, f) for f in arg.args]
    return em.elementwise(" + ".join("({})" for _ in parts), *parts)


def _softplus(em: Emitter, arg) -> Val:
    y = _one_plus(arg)
    assert isinstance(y, sympy.exp)  # the rule matched
    return em.elementwise("jax.nn.softplus({})", em.emit(y.args[0]))


def _log_one_minus_sigmoid(em: Emitter, arg) -> Val:
    y = _one_plus(arg)
    assert y is not None  # the rule matched
    return em.elementwise("jax.nn.log_sigmoid(-({}))", em.emit(y.args[1].args[0]))


def _log1mexp(em: Emitter, arg) -> Val:
    # log(1 - e^u): 1 - e^u cancels for u near 0 (Maechler's log1mexp)
    y = _one_plus(arg)
    assert y is not None  # the rule matched
    u = _as_float(em, y.args[1].args[0])
    return em.elementwise(
        # the branch not taken must have a finite gradient too (0 * inf is NaN): log1p(-e^u) sees
        # u no larger than -log 2, never log1p(-1) = -inf at u = -1e-200
        "jnp.where({0} < -math.log(2.0), jnp.log1p(-jnp.exp(jnp.minimum({0}, -math.log(2.0)))), "
        "jnp.log(-jnp.expm1({0})))",
        u,
    )


def _log1p(em: Emitter, arg) -> Val:
    y = _one_plus(arg)
    assert y is not None  # the rule matched
    return em.elementwise("jnp.log1p({})", em.emit(y))


@dataclass(frozen=True)
class LogRule:
    """``log(arg)`` emitted as ``emit(em, arg)`` where ``matches(arg)``; ``emit`` may return
    ``None`` (the pattern is there but the ranges do not fit), and the next rule is tried.
    ``positive``: the argument is positive wherever it has a value, so ``log(a b)`` may split
    into ``log a + log b`` over such factors."""

    name: str
    matches: Callable[[sympy.Basic], bool]
    emit: Callable[[Emitter, sympy.Basic], Val | None]
    positive: bool


#: the stable logarithms, in the order they are tried; ``log1p`` comes last and is the only one
#: that ``x log(1 + y)`` may replace by ``xlog1py`` (every other keeps its stable form under a
#: coefficient: ``(1 - y) log(1 - sigma(t))`` is ``(1 - y) log_sigmoid(-t)``, never
#: ``xlog1py(1 - y, -sigmoid(t))``, which is inf from t = 17 in float32)
LOG_RULES: tuple[LogRule, ...] = (
    LogRule("logsumexp", _is_sum_of_exp, _logsumexp, True),
    LogRule("log_exp", lambda a: isinstance(a, sympy.exp), lambda em, a: em.emit(a.args[0]), True),
    LogRule(
        "log_sigmoid",
        lambda a: isinstance(a, F.sigmoid),
        lambda em, a: em.elementwise("jax.nn.log_sigmoid({})", em.emit(a.args[0])),
        True,
    ),
    LogRule("gammaln", lambda a: isinstance(a, sympy.gamma), _log_gamma, False),
    LogRule("slogdet", lambda a: isinstance(a, sympy.Determinant), _log_det, False),
    LogRule("log_softmax_entry", _is_softmax_entry, _log_softmax_entry, True),
    LogRule("log_softmax", lambda a: _softmax_quotient(a) is not None, _log_softmax, True),
    LogRule(
        "log_product",
        lambda a: isinstance(a, sympy.Mul) and all(_log_splits(f) for f in a.args),
        _log_product,
        True,
    ),
    LogRule("softplus", lambda a: isinstance(_one_plus(a), sympy.exp), _softplus, True),
    LogRule("logaddexp", _is_sum_of_exp_terms, _logaddexp, True),
    LogRule(
        "log_one_minus_sigmoid",
        lambda a: _minus(_one_plus(a), F.sigmoid),
        _log_one_minus_sigmoid,
        True,
    ),
    LogRule("log1mexp", lambda a: _minus(_one_plus(a), sympy.exp), _log1mexp, False),
    LogRule("log1p", lambda a: _one_plus(a) is not None, _log1p, False),
)


def log_pattern(em: Emitter, arg) -> Val | None:
    """The stable form of ``log(arg)`` by the first rule of ``LOG_RULES`` that matches."""
    for rule in LOG_RULES:
        if rule.matches(arg):
            out = rule.emit(em, arg)
            if out is not None:
                return out
    return None


def stable_log(arg) -> LogRule | None:
    """The rule of ``LOG_RULES`` other than ``log1p`` that rewrites ``log(arg)``, if any."""
    rule = next((r for r in LOG_RULES if r.matches(arg)), None)
    return rule if rule is not None and rule.name != "log1p" else None


def _log_splits(f) -> bool:
    """Factors whose logarithm is exact and stable on its own and that are positive: exp(u),
    sums of exponentials, sigmoids, Gamma of a positive argument, their integer powers, positive
    constants."""
    if isinstance(f, sympy.Pow) and f.exp.is_Integer:
        f = f.base
    if f.is_number:
        return f.is_positive is True
    if _is_gamma_of_positive(f):
        return True
    rule = stable_log(f)
    return rule is not None and rule.positive and rule.name not in ("log_product", "log_softmax")


def _log_part(em: Emitter, f) -> Val:
    if isinstance(f, sympy.Pow) and not f.is_number:
        inner = log_pattern(em, f.base)
        assert inner is not None  # _log_splits(f) accepted the base
        return em.elementwise(f"{int(f.exp)} * ({{}})", inner)
    if f.is_number:
        return Val(repr(float(sympy.log(f))))
    out = log_pattern(em, f)
    assert out is not None  # _log_splits(f) accepted it
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
    entry = F.BY_CLASS[F.sigmoid]
    if isinstance(u, sympy.Mul) and len(u.args) == 2 and u.args[0] == -1:
        return em.elementwise(F.jax_code(entry, "-({0})"), _as_float(em, u.args[1]))
    return em.elementwise(F.jax_code(entry, "{0}"), _as_float(em, u))


def pow_pattern(em: Emitter, e: sympy.Pow) -> Val | None:
    from ._stable_norm import norm_pattern

    norm = norm_pattern(em, e)
    if norm is not None:
        return norm
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


def _exp_over_sum_of_exp_terms(em: Emitter, args) -> Val | None:
    """``e^{a} / (c_1 e^{u_1} + c_2 e^{u_2} + ...)`` as ``exp(a - logaddexp(...))``: the plain
    quotient is inf / inf = NaN once the exponentials overflow (``e^{s} / (e^{s} + \\sum_j
    e^{s_j})`` at s = 1000)."""
    exps = [a for a in args if isinstance(a, sympy.exp)]
    dens = [
        a for a in args if isinstance(a, sympy.Pow) and a.exp == -1 and _is_sum_of_exp_terms(a.base)
    ]
    if not exps or not dens:
        return None
    a, d = exps[0], dens[0]
    core = em.elementwise("jnp.exp(({}) - ({}))", _as_float(em, a.args[0]), _logaddexp(em, d.base))
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
            core = _exp_over_sum_of_exp(em, a.args[0], d.base)
        rest = [em.emit(x) for x in args if x is not a and x is not d]
        if not rest:
            return core
        return em.elementwise(" * ".join("({})" for _ in range(len(rest) + 1)), core, *rest)
    special = _exp_over_sum_of_exp_terms(em, args)
    if special is not None:
        return special
    special = cosine_pattern(em, args)
    if special is not None:
        return special
    # x log y -> xlogy(x, y)
    logs = [a for a in args if isinstance(a, sympy.log) and not a.is_number]
    coefficients = [a for a in args if not a.is_number and not isinstance(a, sympy.log)]
    if len(logs) == 1 and len(coefficients) == 1 and not coefficients[0].is_integer:
        # (an integer coefficient, n log s with n a size, is never 0 log 0, and xlogy of an integer
        # has no gradient in JAX: a float0 under jax.grad)
        (lg,), (x,) = logs, coefficients
        inner = lg.args[0]
        rule = stable_log(inner)
        if rule is not None and rule.positive:
            return None  # a finite stable logarithm: the plain product is exact
        if rule is not None:
            # log Gamma, log det, log(1 - e^u) may be -inf: 0 log 0 = 0, as xlogy has it
            x_val, log_val = em.emit(x), log_pattern(em, inner)
            assert log_val is not None  # stable_log matched
            core = em.elementwise("jnp.where(({0}) == 0, 0.0, ({0}) * ({1}))", x_val, log_val)
            constants = [a for a in args if a.is_number]
            if constants:
                return em.elementwise("({}) * ({})", em.emit(sympy.Mul(*constants)), core)
            return core
        y = _one_plus(inner)
        constants = [a for a in args if a.is_number and a is not lg]
        em.helpers.add(XLOG1PY if y is not None else XLOGY)
        if y is not None:
            core = em.elementwise(f"{XLOG1PY}({{}}, {{}})", em.emit(x), em.emit(y))
        else:
            core = em.elementwise(f"{XLOGY}({{}}, {{}})", em.emit(x), em.emit(inner))
        if constants:
            c = em.emit(sympy.Mul(*constants))
            return em.elementwise("({}) * ({})", c, core)
        return core
    return _ratio_of_powers(em, args)


def _ratio_of_powers(em: Emitter, args) -> Val | None:
    """``x^3 / y^2`` as ``(x / y)^2 x``: a numerator's and a denominator's powers paired into
    powers of their ratio, so that an input of 1e200 does not overflow in x^3 = 1e600 before the
    quotient (4e200) is taken. The bases are names, entries and sums (``(x - \\mu)^2 /
    \\sigma^2``); a sum of squares over a scale counts as the square of its norm, emitted scaled
    (``\\|x - z\\|^2 / \\sigma^2`` as ``(\\|x - z\\| / \\sigma)^2``). Only products with integer powers of
    at least 2 on one side (``x / y`` is left as it is, and so is a product with any other
    factor)."""
    from ._stable_norm import root_of_squares

    leaf = (sympy.Symbol, sympy.Indexed, sympy.Add)
    # a norm is paired with a scale (sigma), never with a count alone (a mean square over n):
    # its gradient would pass a tiny cotangent through a tiny scale and underflow at 1e-200
    scaled = any(
        isinstance(a, sympy.Pow) and a.exp.is_negative and a.base.is_integer is not True
        for a in args
    )
    found = []  # (base, power, whether it may be a sum of squares over a scale)
    for a in args:
        if a.is_number:
            continue
        base, p = (a.base, a.exp) if isinstance(a, sympy.Pow) else (a, sympy.S.One)
        if not p.is_Integer:
            return None
        squares = scaled and p > 0 and isinstance(base, (sympy.Trace, sympy.Sum, sympy.Add))
        if not (squares or isinstance(base, leaf)):
            return None  # decided before any code is emitted
        found.append((base, int(p), squares))
    powers: list[tuple[Any, int, Val | None]] = []  # (base, power, its value if emitted)
    for base, p, squares in found:
        norm = root_of_squares(em, base) if squares else None
        if norm is not None:
            powers.append((base, 2 * p, norm))
        elif isinstance(base, leaf):
            powers.append((base, p, None))
        else:
            return None
    if len(powers) >= 3 and not any(v is not None for _, _, v in powers):
        return None  # three or more plain factors: the scaled product (_emit_scalar) keeps scale
    top: list[list] = [list(t) for t in sorted(powers, key=lambda t: -t[1]) if t[1] > 0]
    bottom: list[list] = [[b, -p, v] for b, p, v in sorted(powers, key=lambda t: t[1]) if p < 0]
    if not top or not bottom or max(t[1] for t in top + bottom) < 2:
        return None

    def value(t):
        return t[2] if t[2] is not None else em.emit(t[0])

    vals, factors = [], []
    while top and bottom:
        m = min(top[0][1], bottom[0][1])
        vals += [value(top[0]), value(bottom[0])]
        k = len(vals)
        # the quotient whose derivative by the denominator keeps its scale (_quotient)
        em.helpers.add(QUOTIENT)
        factors.append(f"{QUOTIENT}({{{k - 2}}}, {{{k - 1}}})" + (f" ** {m}" if m > 1 else ""))
        top[0][1] -= m
        bottom[0][1] -= m
        top = [t for t in top if t[1] > 0]
        bottom = [t for t in bottom if t[1] > 0]
    for side, fmt in ((top, "({{{}}}){}"), (bottom, "(1.0 / ({{{}}}){})")):
        for t in side:
            vals.append(value(t))
            factors.append(fmt.format(len(vals) - 1, f" ** {t[1]}" if t[1] > 1 else ""))
    constants = [a for a in args if a.is_number]
    if constants:
        vals.append(em.emit(sympy.Mul(*constants)))
        factors.append(f"({{{len(vals) - 1}}})")
    return em.elementwise(" * ".join(factors), *vals)
