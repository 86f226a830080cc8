"""SymPy -> JAX source for index notation: entries, sums, products and extrema over an index,
and einsum for sums of products."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from .._extrema import OrderStatistic
from .._members import Member
from ..symbols import Label
from . import _lowering
from ._emit_scalar import emit_masked_term, masked_by_delta
from ._val import Val

if TYPE_CHECKING:
    from ._emit import Emitter  # _emit imports this module for its table of handlers


def _indexed(em: Emitter, e: sympy.Indexed) -> Val:
    label = e.base.label
    if isinstance(label, sympy.Symbol):
        if label.name not in em.inputs:
            raise CompileError(f"`{label.name}` is not an argument")
        base = Val(em.inputs[label.name])
        shape = e.base.shape
    elif isinstance(label, F.softmax):
        arg = label.args[0]
        z = em.emit(arg)
        if isinstance(arg, MatrixExpr) and len(e.indices) == 2:
            # softmax(M)_{ij}: each row of the matrix
            base = Val(_lowering.softmax(em, z.code, "-1"))
            shape = arg.shape
        else:
            base = Val(_lowering.softmax(em, f"jnp.ravel({z.code})", "-1"))
            shape = (arg.shape[0],) if isinstance(arg, MatrixExpr) else None
    else:
        base = em.emit(label)
        shape = label.shape if isinstance(label, MatrixExpr) else None
        if shape is not None and len(e.indices) == 1 and shape[1] == 1:
            # (X w)_i: an entry of a column vector
            base, shape = Val(f"jnp.ravel({base.code})"), (shape[0],)
    return _take(em, base, list(e.indices), shape, one_based=True, name=str(label))


def _member(em: Emitter, e: Member) -> Val:
    """A family member standing alone as a vector (``w_y`` of ``w_j: row[W]`` picked by a label,
    ``x_1``): the row or column of its data matrix, as a column; a label that is no whole number
    in range gives NaN. A member indexed by a summation index is written in entries before it
    reaches here (``lower_members``, ``matrix_sums``)."""
    index = _sympify(e.index)
    if {s for s in index.free_symbols - index.atoms(Label) if s not in em.dims}:
        # a label or a size (x_N, the last state of an LQR cost) picks it; a free index does not
        raise CompileError(f"a family member picked by `{index}` cannot be compiled (in `{e}`)")
    parent = em.emit(e.parent)
    count = e.parent.shape[0] if e.axis == 0 else e.parent.shape[1]
    last = em.int_code(count - 1)
    k = em.emit(index - 1)
    at = em.tmp(f"jnp.clip(jnp.asarray({k.code}).astype(jnp.int32), 0, {last})")
    picked = f"{parent.code}[{at.code}, :]" if e.axis == 0 else f"{parent.code}[:, {at.code}]"
    code = f"jnp.reshape({picked}, (-1, 1))"
    if index.has(Label):
        valid = f"(({k.code}) == jnp.round({k.code})) & ({k.code} >= 0) & ({k.code} <= {last})"
        code = f"jnp.where({valid}, {code}, jnp.nan)"
    return Val(code, (), True)


def _matrix_element(em: Emitter, e: MatrixElement) -> Val:
    parent = em.emit(e.parent)
    return _take(
        em, Val(parent.code), [e.i, e.j], e.parent.shape, one_based=False, name=str(e.parent)
    )


def _take(em: Emitter, base: Val, indices, shape, one_based: bool, name: str) -> Val:
    offset = 1 if one_based else 0
    plain = []
    for axis, ix in enumerate(indices):
        # a size as a subscript (x_n with x: vector[n]) is one entry, the last: never a whole axis
        full = (
            isinstance(ix, sympy.Symbol)
            and not ix.is_positive
            and ix in em.ranges
            and shape is not None
            and _is_full_range(em, ix, shape[axis], offset)
        )
        plain.append(full)
    symbols = [ix for ix in indices if isinstance(ix, sympy.Symbol)]
    if all(plain) and len(set(symbols)) == len(indices):
        return Val(base.code, tuple(indices))
    # a gather: index arrays broadcast against each other
    vals, valid = [], []
    for axis, ix in enumerate(indices):
        v = em.emit(_sympify(ix) - offset)
        picked = _sympify(ix).has(sympy.Indexed, Label)
        if picked and shape is not None:
            # an entry picked by a value (\mu_{y_i}, y a vector of labels; z_y, y one label): a
            # whole number in range, else NaN; JAX would clamp an out-of-range gather silently,
            # and the values are data, unknown at trace time
            last = em.int_code(shape[axis] - 1)
            valid.append(
                Val(
                    f"((({v.code}) == jnp.round({v.code})) & ({v.code} >= 0) & ({v.code} <= {last}))",
                    v.axes,
                )
            )
            v = Val(f"jnp.clip(jnp.asarray({v.code}).astype(jnp.int32), 0, {last})", v.axes)
        vals.append(v)
        if shape is not None and not _sympify(ix).has(Label):
            _bounds_check(em, ix, shape[axis], offset, name)
    axes = em.union(vals)
    code = f"{base.code}[{', '.join(em.align(v, axes) for v in vals)}]"
    for ok in valid:
        code = f"jnp.where({em.align(ok, axes)}, {code}, jnp.nan)"
    return Val(code, axes)


def _is_full_range(em: Emitter, ix, size, offset) -> bool:
    lo, hi = em.ranges[ix]
    want_lo, want_hi = em.int_code(sympy.Integer(offset)), em.int_code(size - 1 + offset)
    return lo == want_lo and hi == want_hi


def _bounds_check(em: Emitter, ix, size, offset, name) -> None:
    """Sums are static: the range of an index expression is checked once, at trace time
    (JAX would clamp an out-of-range gather silently)."""
    ix = _sympify(ix)
    for s in ix.free_symbols:
        if s not in em.ranges and not _is_scalar_input(em, s):
            return
        coeff = ix.coeff(s)
        if not coeff.is_number or (ix - coeff * s).has(s):
            return
    lo_code, hi_code = _extremes(em, ix)
    if lo_code is None:
        return
    first, last = em.int_code(sympy.Integer(offset)), em.int_code(size - 1 + offset)
    em.lines.append(
        f"if {lo_code} < {first} or {hi_code} > {last}: "
        f"raise ValueError({f'an index of `{name}` {OUTSIDE_RANGE} ({_FIRST[offset]})'!r})"
    )


def _is_scalar_input(em: Emitter, s: sympy.Basic) -> bool:
    """An integer scalar argument inside an index (the lag ``\tau`` of ``x_{t+\tau}``)."""
    return isinstance(s, sympy.Symbol) and bool(s.is_integer) and s.name in em.inputs


#: the words of the trace-time refusal of an index range (``outside_where_guarded`` reads them)
OUTSIDE_RANGE = "runs outside its range"

_FIRST = {1: "indices run from 1 to the length", 0: "matrix entries are numbered from 0"}


def _extremes(em: Emitter, ix: sympy.Expr):
    """Python code for the smallest and largest value of a linear index expression."""
    lo_terms, hi_terms = [], []
    const = ix
    for s in ix.free_symbols:
        c = ix.coeff(s)
        const = const - c * s
        if s in em.ranges:
            a, b = em.ranges[s]
        else:
            # an offset by a scalar input (x_{t+\tau}): its value as a Python int, so the check
            # runs on the value given; traced under jit it has none, and evaluate's plain walk
            # (which checks every entry it reads) takes over
            a = b = f"int({em.emit(s).code})"
        c_code = em.int_code(c) if c.is_Integer else None
        if c_code is None:
            return None, None
        small, large = (a, b) if c > 0 else (b, a)
        lo_terms.append(f"{c_code} * {small}")
        hi_terms.append(f"{c_code} * {large}")
    if not const.is_Integer:
        return None, None
    k = str(int(const))
    return "(" + " + ".join([*lo_terms, k]) + ")", "(" + " + ".join([*hi_terms, k]) + ")"


def _sum(em: Emitter, e: sympy.Sum) -> Val:
    return _reduce(em, e.function, e.limits, "sum")


def _product(em: Emitter, e: sympy.Product) -> Val:
    return _reduce(em, e.function, e.limits, "prod")


def _extremum(em: Emitter, e) -> Val:
    if isinstance(e, OrderStatistic):
        return _order_statistic(em, e)
    return _reduce(
        em,
        e.function,
        e.limits,
        "max" if isinstance(e, F.IndexMax) and not isinstance(e, F.IndexMin) else "min",
    )


def _order_statistic(em: Emitter, e: OrderStatistic) -> Val:
    """``x_{(k)}``: the values over the range sorted, the one of rank k taken (k may carry
    axes of its own, ``\\sum_k w_k x_{(k)}``); NaN where k is no whole number from 1 to n."""
    ((var, lo, hi),) = e.limits
    saved = _with_ranges(em, e.limits)
    try:
        v = em.emit(e.function)
    finally:
        em.ranges = saved
    if v.matrix or v.axes != (var,):
        raise CompileError(
            f"an order statistic of values with indices other than `{var}` cannot be compiled "
            f"(in `{e}`)"
        )
    k = em.emit(e.rank)
    count = em.int_code(hi - lo + 1)
    at = em.tmp(f"jnp.clip(jnp.asarray({k.code}).astype(jnp.int32) - 1, 0, {count} - 1)")
    valid = f"(({k.code}) == jnp.round({k.code})) & ({k.code} >= 1) & ({k.code} <= {count})"
    return Val(f"jnp.where({valid}, jnp.sort({v.code})[{at.code}], jnp.nan)", k.axes)


#: a sum or product with a constant range longer than this is refused (it would be materialized)
MAX_TERMS = 10**7


def _with_ranges(em: Emitter, limits) -> dict:
    saved = dict(em.ranges)
    for var, lo, hi in limits:
        length = hi - lo + 1
        if length.is_number and length > MAX_TERMS:
            raise CompileError(
                f"a sum or product over {length} terms is not compiled (more than {MAX_TERMS:,})"
            )
        em.ranges[var] = (em.int_code(lo), em.int_code(hi))
    return saved


def depends_on_indices(em: Emitter, limits) -> bool:
    """Whether a range of ``limits`` depends on an index: one with a range (an outer sum's, an
    output's) or another limit of the same sum (SymPy joins nested sums into one)."""
    own = {lim[0] for lim in limits}
    return any(
        (_sympify(lo).free_symbols | _sympify(hi).free_symbols) & (set(em.ranges) | own)
        for _, lo, hi in limits
    )


def _masked(em: Emitter, body, limits, how: str, neutral=None):
    """``body`` and ``limits`` with each range that depends on another index (a causal sum
    ``\\sum_{j=1}^{i-1}``, reward-to-go ``\\sum_{t'=t}^{T}``, a derivative's ``k``) widened to
    the largest it takes over that index's range, the terms outside the written range masked:
    0 in a sum, 1 in a product, -inf in a maximum (+inf in a minimum); a range empty for some
    values of the index gives 0 (1, -inf, +inf) there. None where no range depends on an index."""
    dependent = [
        lim
        for lim in limits
        if (_sympify(lim[1]).free_symbols | _sympify(lim[2]).free_symbols) & set(em.ranges)
    ]
    if not dependent or (how not in ("sum", "prod") and neutral is None):
        return None
    wide, conditions = [], []
    for var, lo, hi in limits:
        if (var, lo, hi) not in dependent:
            wide.append((var, lo, hi))
            continue
        low, _ = _extremes(em, _sympify(lo))
        _, high = _extremes(em, _sympify(hi))
        if low is None or high is None:
            raise CompileError(
                f"the range of `{var}` ({lo} to {hi}) is no linear expression of indices"
            )
        wide.append((var, low, high))
        conditions += [sympy.Ge(var, lo), sympy.Le(var, hi)]
    if neutral is None:
        neutral = sympy.S.Zero if how == "sum" else sympy.S.One
    return sympy.Piecewise((body, sympy.And(*conditions)), (neutral, True)), wide


def emit_masked(em: Emitter, body, limits, how: str, neutral=None):
    """``body`` emitted under the widened ranges of ``_masked`` (the terms outside the written
    ranges set to ``neutral``), with those limits; None where no range depends on an index."""
    masked = _masked(em, body, limits, how, neutral)
    if masked is None:
        return None
    body, wide = masked
    saved = dict(em.ranges)
    try:
        for var, low, high in wide:
            em.ranges[var] = (
                (low, high) if isinstance(low, str) else (em.int_code(low), em.int_code(high))
            )
        v = em.emit(body)
    finally:
        em.ranges = saved
    if any(var not in v.axes for var, _, _ in wide):
        raise CompileError("a masked sum lost its index; derivax did not expect this")
    return v, wide


def _reduce(em: Emitter, body, limits, how: str) -> Val:
    limits = list(limits)
    inner = _nested_inside(limits)
    if inner is not None:
        # \sum_{i} \sum_{j=1}^{i}, joined by SymPy: the inner sums under the outer ranges
        kind = sympy.Sum if how == "sum" else sympy.Product
        return _reduce(em, kind(body, *limits[:inner]), limits[inner:], how)
    # a maximum's terms outside a range that depends on an index are -inf (a minimum's +inf):
    # the running peak of a drawdown, \max_{1 \le s \le t} X_s
    neutral = {"max": sympy.S.NegativeInfinity, "min": sympy.S.Infinity}.get(how)
    masked = emit_masked(em, body, limits, how, neutral)
    if masked is not None:
        v, wide = masked
        return _reduce_value(em, v, [(var, sympy.S.Zero, sympy.S.Zero) for var, _, _ in wide], how)
    variables = [lim[0] for lim in limits]
    repeated = next((p for p, var in enumerate(variables) if var in variables[:p]), None)
    if repeated is not None:
        # \sum_i \sum_i x_i (SymPy joins the limits): the inner sum binds i, and the outer one
        # runs over a value that no longer depends on it
        outer = [lim for lim in limits[repeated:] if lim[0] != variables[repeated]]
        saved = _with_ranges(em, outer)
        try:
            v = _reduce(em, body, limits[:repeated], how)
        finally:
            em.ranges = saved
        return _reduce_value(em, v, limits[repeated:], how)
    saved = _with_ranges(em, limits)
    try:
        masked = emit_masked_term(em, body) if masked_by_delta(body, variables) else None
        if masked is not None:
            # the skipped terms never multiplied by 0 (UMAP's 0 log 0 on the diagonal)
            v = masked
        else:
            if how == "sum" and not _has_stable_form(body):
                factors = sympy.Mul.make_args(body)
                vals = [em.emit(f) for f in factors]
                if len([v for v in vals if v.axes]) >= 2 and not any(v.matrix for v in vals):
                    return _einsum(em, vals, variables)
            v = em.emit(body)
    finally:
        em.ranges = saved
    return _reduce_value(em, v, limits, how)


def masked_exponents(em: Emitter, s: sympy.Sum) -> tuple[Val, str | None, str, tuple]:
    """The exponents of a causal log-sum-exp (``\\sum_{j=1}^{i} e^{z_j}``) as ``_stable``'s
    ``_exponents`` gives them, the terms outside the range at -inf (their exponential 0)."""
    masked = emit_masked(em, s.function.args[0], s.limits, "sum", sympy.S.NegativeInfinity)
    if masked is None:
        raise CompileError("a sum over ranges that depend on one another is not compiled yet")
    b, wide = masked
    variables = [lim[0] for lim in wide]
    reduced = tuple(b.axes.index(v) for v in variables)
    axis = str(reduced if len(reduced) > 1 else reduced[0])
    return b, axis, "", tuple(x for x in b.axes if x not in variables)


def _nested_inside(limits) -> int | None:
    """How many limits (innermost first) a later limit's variable bounds, so that they are
    reduced first; None where no range depends on another limit of the same sum."""
    for p, (_, lo, hi) in enumerate(limits):
        later = {lim[0] for lim in limits[p + 1 :]}
        if (_sympify(lo).free_symbols | _sympify(hi).free_symbols) & later:
            return p + 1
    return None


def _reduce_value(em: Emitter, v: Val, limits, how: str) -> Val:
    """``v`` reduced over the axes of ``limits``; a limit whose index ``v`` does not depend on
    multiplies a sum by its length (raises a product to it)."""
    variables = [lim[0] for lim in limits]
    if v.matrix:
        raise CompileError("a sum of matrix expressions over an index cannot be compiled yet")
    axes = tuple(a for a in v.axes if a not in variables)
    reduced = tuple(v.axes.index(a) for a in dict.fromkeys(variables) if a in v.axes)
    code = v.code
    if reduced:
        # an empty range's maximum is -inf (its minimum +inf), as a condition that keeps nothing
        initial = {"max": ", initial=-jnp.inf", "min": ", initial=jnp.inf"}.get(how, "")
        code = f"jnp.{how}({code}, axis={reduced if len(reduced) > 1 else reduced[0]}{initial})"
    for var, lo, hi in limits:
        if var not in v.axes and how in ("sum", "prod"):  # the max of a constant is the constant
            # an empty range (upper limit below the lower) counts 0 terms: an empty sum is 0, as in
            # papers (SymPy's Karr convention would make \sum_{i=3}^{1} 1 equal to -1)
            count = f"jnp.maximum({em.int_code(hi)} - {em.int_code(lo)} + 1, 0)"
            code = f"{code} * {count}" if how == "sum" else f"{code} ** {count}"
    return Val(code, axes)


def _has_stable_form(body) -> bool:
    """A product that ``_stable`` rewrites as a whole (``p log p`` -> xlogy) is not split into an
    einsum of its factors."""
    factors = sympy.Mul.make_args(body)
    return any(isinstance(f, sympy.log) for f in factors) or (
        any(isinstance(f, sympy.exp) for f in factors)
        and any(isinstance(f, sympy.Pow) and isinstance(f.base, sympy.Sum) for f in factors)
    )


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _einsum(em: Emitter, vals: list[Val], variables) -> Val:
    """``\\sum_j W_{ij} x_j`` -> ``jnp.einsum('ij,j->i', W, x)``."""
    all_axes = em.union(vals)
    if len(all_axes) > len(_LETTERS):
        raise CompileError("too many indices in one product")
    letter = {a: _LETTERS[k] for k, a in enumerate(all_axes)}
    out_axes = tuple(a for a in all_axes if a not in variables)
    operands, specs, scalars = [], [], []
    for v in vals:
        if v.axes:
            specs.append("".join(letter[a] for a in v.axes))
            operands.append(v.code)
        else:
            scalars.append(v.code)
    spec = ",".join(specs) + "->" + "".join(letter[a] for a in out_axes)
    code = f"jnp.einsum('{spec}', {', '.join(operands)})"
    if scalars:
        code = " * ".join([*scalars, code])
    for var in variables:
        if var not in all_axes:
            lo, hi = em.ranges.get(var, ("1", "1"))
            code = f"{code} * ({hi} - {lo} + 1)"
    return Val(code, out_axes)
