"""Index notation after differentiation: sums of Kronecker deltas collapse to a free index,
declared constraints apply (a simplex sums to 1), and softmax is recognized by name."""

from __future__ import annotations

import sympy

from .. import _functions as F


def collapse_deltas(e: sympy.Basic, ranges: dict | None = None) -> sympy.Basic:
    """``sum_{j=lo}^{hi} f_j delta_{jk}`` -> ``f_k``, with a Piecewise range condition where
    ``k`` may lie outside ``lo..hi`` (see ``collapse``). Without ``ranges``, an index that no
    range is given for is taken to run over a full range ``1..n`` and nothing else."""
    return indicators_to_piecewise(collapse(e, ranges if ranges is not None else _FULL))


class _FullRanges(dict):
    """No ranges known: an index is assumed to run over ``1..n`` for a dimension ``n``."""

    def get(self, key, default=None):
        return (sympy.Integer(1), _ANY_DIM)


_ANY_DIM = sympy.Dummy("any_dim", integer=True, positive=True)
_FULL = _FullRanges()


def _covers(lo, hi, k_lo, k_hi) -> tuple[bool, bool]:
    """Whether ``lo <= k`` and ``k <= hi`` hold for every ``k`` in ``k_lo..k_hi``."""
    if k_hi is _ANY_DIM:
        full = lo == 1 and isinstance(hi, sympy.Symbol) and hi.is_integer and hi.is_positive
        return lo == 1, full
    ok_lo = k_lo is not None and _known(k_lo - lo)
    ok_hi = k_hi is not None and _known(hi - k_hi)
    return ok_lo, ok_hi


def collapse(e: sympy.Basic, ranges: dict | None = None) -> sympy.Basic:
    """``sum_{j=lo}^{hi} f_j delta_{jk}`` -> ``f_k`` when ``k`` is known to lie in ``lo..hi``
    (``ranges`` gives the range of the free indices; a sum gives the range of its own). Otherwise
    the collapse keeps the condition: ``f_k [lo <= k <= hi]``, and an enclosing sum over an index
    of that condition narrows its range instead (``sum_i x_i [k <= i] = sum_{i=k}^{n} x_i``)."""
    ranges = ranges if isinstance(ranges, _FullRanges) else dict(ranges or {})
    if isinstance(e, sympy.Sum):
        limits = list(e.limits)
        inner_ranges = (
            ranges
            if isinstance(ranges, _FullRanges)
            else {**ranges, **{v: (lo, hi) for v, lo, hi in limits}}
        )
        body = collapse(e.function, inner_ranges)
        terms = sympy.Add.make_args(
            sympy.expand(body, power_exp=False, power_base=False, log=False)
        )
        kept, collapsed = [], []
        var, lo, hi = limits[-1]
        for t in terms:
            delta = next(
                (
                    d
                    for d in t.atoms(sympy.KroneckerDelta)
                    if var in d.args
                    and _other(d, var) is not None
                    and not _other(d, var).has(var)
                    and _factor_of(t, d)
                ),
                None,
            )
            if delta is None:
                kept.append(t)
                continue
            other = _other(delta, var)
            value = (t / delta).subs(var, other)
            collapsed.append((value * _indicator(other, lo, hi, ranges), other))
        inner_limits = limits[:-1]
        out = sympy.S.Zero
        for c, other in collapsed:
            # the inner ranges may depend on the collapsed index (sum_i sum_{j=i}^n): it is `other` now
            moved = [(v, a.subs(var, other), b.subs(var, other)) for v, a, b in inner_limits]
            out += collapse(_wrap(c, moved), ranges)
        if kept:
            rest = sympy.Add(*kept)
            if inner_limits:
                # the outer variable stays; the inner sums may still collapse
                inner = collapse(_wrap(rest, inner_limits), inner_ranges)
                out += (
                    _narrowed(inner, limits[-1], ranges)
                    if inner.has(var)
                    else inner * (hi - lo + 1)
                )
            else:
                out += _narrowed(rest, limits[-1], ranges)
        return out
    if (
        isinstance(e, sympy.Basic)
        and e.args
        and not isinstance(e, (sympy.Indexed, sympy.IndexedBase))
    ):
        return e.func(*[collapse(a, ranges) for a in e.args])
    return e


class Indicator(sympy.Function):
    """``[lo <= k <= hi]``, 1 inside the range and 0 outside: what a delta collapsed over a
    partial range leaves behind."""

    nargs = 3

    def as_piecewise(self):
        k, lo, hi = self.args
        conds = []
        if lo != -sympy.oo:
            conds.append(sympy.Ge(k, lo))
        if hi != sympy.oo:
            conds.append(sympy.Le(k, hi))
        return sympy.Piecewise((1, sympy.And(*conds)), (0, True))

    def _latex(self, printer, exp=None):
        k, lo, hi = (printer._print(a) for a in self.args)
        return rf"[{lo} \le {k} \le {hi}]"


def _known(claim) -> bool:
    """A difference of bounds that is provably nonnegative."""
    c = sympy.expand(claim)
    return bool(c.is_nonnegative)


def _indicator(k, lo, hi, ranges):
    k_lo, k_hi = ranges.get(k, (None, None))
    ok_lo, ok_hi = _covers(lo, hi, k_lo, k_hi)
    need_lo, need_hi = not ok_lo, not ok_hi
    if not need_lo and not need_hi:
        return sympy.S.One
    return Indicator(k, lo if need_lo else -sympy.oo, hi if need_hi else sympy.oo)


def _narrowed(body, limit, ranges):
    """``sum_{i=lo}^{hi} f_i [a <= i <= b]`` -> ``sum_{i=max(lo, a)}^{min(hi, b)} f_i``: an
    indicator on the summation index narrows the range."""
    var, lo, hi = limit
    terms = sympy.Add.make_args(body)
    out = sympy.S.Zero
    plain = []
    for t in terms:
        inds = [a for a in sympy.Mul.make_args(t) if isinstance(a, Indicator)]
        on_var = [
            ind
            for ind in inds
            if ind.args[1].has(var) or ind.args[2].has(var) or ind.args[0] == var
        ]
        if not on_var:
            plain.append(t)
            continue
        ind = on_var[0]
        rest = t / ind
        k, a, b = ind.args
        new_lo, new_hi = lo, hi
        if k == var:
            new_lo = _tighter(lo, a, ranges, max)
            new_hi = _tighter(hi, b, ranges, min)
        elif b == var and not a.has(var):
            # [a <= k <= var]: var >= k
            new_lo = _tighter(lo, k, ranges, max)
            rest = rest * (Indicator(k, a, sympy.oo) if a != -sympy.oo else 1)
        elif a == var and not b.has(var):
            # [var <= k <= b]: var <= k
            new_hi = _tighter(hi, k, ranges, min)
            rest = rest * (Indicator(k, -sympy.oo, b) if b != sympy.oo else 1)
        else:
            plain.append(t)
            continue
        out += (
            _narrowed(rest, (var, new_lo, new_hi), ranges)
            if rest.has(Indicator)
            else sympy.Sum(rest, (var, new_lo, new_hi))
        )
    if plain:
        out += sympy.Sum(sympy.Add(*plain), limit)
    return out


def _tighter(bound, other, ranges, pick):
    """The tighter of a sum's bound and a condition's bound, without Max/Min where the range of
    the condition's index decides it."""
    if other in (sympy.oo, -sympy.oo):
        return bound
    lo_hi = ranges.get(other)
    if lo_hi is not None:
        if pick is max and _known(lo_hi[0] - bound):
            return other
        if pick is min and _known(bound - lo_hi[1]):
            return other
    if _known(other - bound):
        return other if pick is max else bound
    if _known(bound - other):
        return bound if pick is max else other
    return sympy.Max(bound, other) if pick is max else sympy.Min(bound, other)


def indicators_to_piecewise(e):
    """What is left of the indicators, as the Piecewise every stage understands."""
    return e.replace(lambda x: isinstance(x, Indicator), lambda x: x.as_piecewise())


def _wrap(body, limits):
    if not limits:
        return body
    return sympy.Sum(body, *limits)


def _other(d: sympy.KroneckerDelta, var):
    a, b = d.args
    return b if a == var else a if b == var else None


def _factor_of(term, d) -> bool:
    return d in sympy.Mul.make_args(term)


def apply_simplex(e: sympy.Basic, simplices: dict[str, sympy.Expr]) -> sympy.Basic:
    """``sum_j p_j = 1`` over the full range of a declared simplex ``p``."""

    def rule(s: sympy.Sum):
        if len(s.limits) != 1:
            return s
        var, lo, hi = s.limits[0]
        body = s.function
        coeff, rest = body.as_independent(var, as_Add=False)
        if (
            isinstance(rest, sympy.Indexed)
            and str(rest.base.label) in simplices
            and rest.indices == (var,)
            and lo == 1
            and hi == simplices[str(rest.base.label)]
        ):
            return coeff
        return s

    return e.replace(lambda x: isinstance(x, sympy.Sum), rule)


def recognize_softmax(e: sympy.Basic) -> sympy.Basic:
    """``exp(z_k) / sum_j exp(z_j)`` -> ``softmax(z)_k`` wherever the ratio appears, also inside
    products (``exp(z_k) exp(z_j) / S^2 = s_k s_j``)."""
    sums = [
        s
        for s in e.atoms(sympy.Sum)
        if isinstance(s.function, sympy.exp)
        and len(s.limits) == 1
        and isinstance(s.function.args[0], sympy.Indexed)
    ]
    for s in sums:
        var = s.limits[0][0]
        z_j = s.function.args[0]
        if z_j.indices != (var,):
            continue
        base = z_j.base
        placeholder = sympy.Dummy("S", positive=True)
        if base.shape is None or len(base.shape) != 1:
            continue
        soft = sympy.IndexedBase(F.softmax(_vector(base)))
        e2 = e.xreplace({s: placeholder})
        exps = {
            x
            for x in e2.atoms(sympy.exp)
            if isinstance(x.args[0], sympy.Indexed)
            and x.args[0].base == base
            and len(x.args[0].indices) == 1
        }
        if not exps:
            continue
        e2 = e2.xreplace({x: soft[x.args[0].indices[0]] * placeholder for x in exps})
        e2 = (
            sympy.expand(sympy.cancel(sympy.together(e2)), deep=False)
            if placeholder in e2.free_symbols
            else e2
        )
        e2 = sympy.factor_terms(e2)
        if placeholder in e2.free_symbols:
            e2 = e2.xreplace({placeholder: s})
        e = e2
    return e


def _vector(base: sympy.IndexedBase):
    """softmax applies to the vector as a whole: the column the parser reads for ``z`` in
    ``\\operatorname{softmax}(z)_k``."""
    (n,) = base.shape
    return sympy.MatrixSymbol(str(base.label), n, 1)


_BOUND_NAMES = ("i", "j", "l", "m", "p", "q", "r", "s", "u", "v")


def normalize_sums(e: sympy.Basic, symmetric: frozenset[str] = frozenset()) -> sympy.Basic:
    """Sums in a canonical form, so that equal sums cancel and combine: distributed over +,
    factors free of the index pulled out, sums of constants counted (``sum_{i=1}^n c = n c``),
    bound indices renamed canonically from the outside in, and the entries of symmetric
    matrices ordered (``K_{ki}`` -> ``K_{ik}``)."""
    e = _distribute(e)
    e = _rename_bound(_unique_bound(e), set(), {str(s) for s in e.free_symbols})
    e = _order_symmetric(e, symmetric)
    return _distribute(e)


def _distribute(e):
    if isinstance(e, sympy.Sum):
        var, lo, hi = e.limits[-1]
        inner = sympy.Sum(e.function, *e.limits[:-1]) if len(e.limits) > 1 else e.function
        body = _distribute(inner)
        out = sympy.S.Zero
        for t in sympy.Add.make_args(
            sympy.expand(body, power_exp=False, power_base=False, log=False)
        ):
            if var not in t.free_symbols:
                out += t * (hi - lo + 1)
                continue
            coeff, rest = t.as_independent(var, as_Add=False)
            out += coeff * sympy.Sum(rest, (var, lo, hi))
        return out
    if isinstance(e, (sympy.Indexed, sympy.IndexedBase)) or not e.args:
        return e
    return e.func(*[_distribute(a) for a in e.args])


def _unique_bound(e):
    """Every bound index a fresh dummy, so that renaming cannot capture."""
    if isinstance(e, sympy.Sum):
        body = _unique_bound(e.function)
        limits = []
        for var, lo, hi in e.limits:
            d = sympy.Dummy(str(var), integer=True)
            body = body.xreplace({var: d})
            # an inner range may name an outer index (sum_{i} sum_{j=1}^{i}): rename it there too
            limits = [(v, a.xreplace({var: d}), b.xreplace({var: d})) for v, a, b in limits]
            limits.append((d, lo, hi))
        return sympy.Sum(body, *limits)
    if isinstance(e, (sympy.Indexed, sympy.IndexedBase)) or not e.args:
        return e
    return e.func(*[_unique_bound(a) for a in e.args])


def _rename_bound(e, enclosing: set[str], free: set[str]):
    if isinstance(e, sympy.Sum):
        limits, mapping = [], {}
        used = set(enclosing)
        for var, lo, hi in reversed(e.limits):  # the outermost index gets the first name
            name = next(n for n in _BOUND_NAMES if n not in used and n not in free)
            used.add(name)
            new = sympy.Symbol(name, integer=True)
            mapping[var] = new
            limits.append((new, lo.xreplace(mapping), hi.xreplace(mapping)))
        limits.reverse()
        body = _rename_bound(e.function.xreplace(mapping), used, free)
        return sympy.Sum(body, *limits)
    if isinstance(e, (sympy.Indexed, sympy.IndexedBase)) or not e.args:
        return e
    return e.func(*[_rename_bound(a, enclosing, free) for a in e.args])


def _order_symmetric(e, symmetric):
    if not symmetric:
        return e

    def rule(ix):
        if str(ix.base.label) in symmetric and len(ix.indices) == 2:
            a, b = ix.indices
            if sympy.default_sort_key(b) < sympy.default_sort_key(a):
                return ix.base[b, a]
        return ix

    return e.replace(lambda x: isinstance(x, sympy.Indexed), rule)
