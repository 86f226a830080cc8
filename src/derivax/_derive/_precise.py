"""The second way to check a derivative, where JAX cannot evaluate the original (log Gamma,
erf, a sum whose range depends on another index, an unspecified function): central finite
differences in 50-digit arithmetic (SymPy's evalf, i.e. mpmath) at random points of the declared
domains, with every dimension given a small size and every sum written out.

An unspecified function ``f`` is replaced, on both sides alike, by a random smooth function
(a sum of sines and an exponential): a chain rule that is right for every ``f`` is right for it,
and a wrong one fails for it with probability one.
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import DerivationError
from .._sampling import classes_of, declaration_of

DIGITS = 50
STEP = sympy.Float("1e-15", DIGITS)
STEP2 = sympy.Float("1e-12", DIGITS)  # second differences divide by the square of the step
RTOL = 1e-8
#: sizes given to the dimensions: small, because every sum is written out
_SIZES = (3, 2, 4)


class _SizesDoNotFit(Exception):
    """The original reads outside an array at the sizes drawn (``v_{t+1}`` for ``t`` up to
    ``T`` needs ``v`` longer than ``T``): other sizes are drawn."""


_OUTSIDE = "outside_"


class _Unevaluable(Exception):
    pass


def precise_check(d, table, kind: str, points: int = 2, seed: int = 0) -> str:
    """Compare ``d.result`` with finite differences of ``d.expression`` in 50-digit arithmetic;
    raise ``DerivationError`` on a disagreement or when either side cannot be evaluated."""
    from ._check import LARGE, large_positive, sample

    rng = np.random.default_rng(seed)
    expr, result = d.expression, d.result
    functions = _random_functions(expr, rng)
    if functions:
        expr, result = _concrete(expr, functions), _concrete(result, functions)
    checked, worst, tried, larger = 0, 0.0, 0, False
    while checked < points and tried < points * 6:
        tried += 1
        sizes = _sizes(expr, result, table, shift=tried - 1)
        values = _values(expr, result, table, sizes, rng, sample)
        if tried > points * 3 and checked == 0:  # the last tries: positive scalars larger
            larger = True
            values = {
                k: v * LARGE if large_positive(declaration_of(table, k)) else v
                for k, v in values.items()
            }
        try:
            rel = _compare(expr, result, d, kind, table, sizes, values)
        except _SizesDoNotFit:
            continue
        except _Unevaluable as e:
            raise DerivationError(
                f"the derivative cannot be cross-checked: neither JAX nor 50-digit arithmetic "
                f"evaluates {e}; derivax refuses to report it"
            ) from None
        if rel is None:
            continue  # a point outside the domain of a logarithm or a square root
        if rel > RTOL:
            raise DerivationError(
                f"the symbolic derivative disagrees with 50-digit finite differences at a random point "
                f"(relative difference {rel:.3g}); derivax refuses to report it. Symbolic result: {d.result}"
            )
        worst = max(worst, rel)
        checked += 1
    if checked == 0:
        raise DerivationError(
            "the derivative cannot be cross-checked: no random point of the declared domains "
            "gave finite values; derivax refuses to report it"
        )
    with_f = (
        (
            f", the unspecified {'functions' if len(functions) > 1 else 'function'} "
            f"{', '.join(f'`{n}`' for n in sorted(functions))} replaced by random smooth ones"
        )
        if functions
        else ""
    )
    with_f += f", the positive scalars drawn {LARGE:g} times larger" if larger else ""
    return (
        f"agrees with 50-digit central finite differences at {checked} random points{with_f} "
        f"(largest relative difference {worst:.1e}; JAX could not evaluate it)"
    )


# -- unspecified functions ----------------------------------------------------------------------------
def _random_functions(expr, rng) -> dict[str, sympy.Lambda]:
    out = {}
    for app in sorted(expr.atoms(AppliedUndef), key=str):
        name = app.func.__name__
        if name in out:
            continue
        xs = [sympy.Dummy(f"u{k}", real=True) for k in range(len(app.args))]
        a, b, c = (rng.uniform(0.5, 1.5, size=len(xs)) for _ in range(3))
        body = sum(
            (
                sympy.Rational(round(a[k] * 64), 64)
                * sympy.sin(
                    sympy.Rational(round(b[k] * 64), 64) * x + sympy.Rational(round(c[k] * 64), 64)
                )
                for k, x in enumerate(xs)
            ),
            sympy.S.Zero,
        )
        body += sympy.exp(sum(xs, sympy.S.Zero) / 7) / 3
        out[name] = sympy.Lambda(tuple(xs), body)
    return out


def _as_subs(d):
    """``d f(g(x)) / d g(x)`` -> ``d f(u)/du at u = g(x)``: a derivative with respect to an
    expression cannot survive ``g`` becoming a concrete function."""
    pairs = d.variable_count
    if all(isinstance(v, sympy.Symbol) for v, _ in pairs):
        return d
    xis = [sympy.Dummy("xi") for _ in pairs]
    body = d.expr.xreplace({v: xi for (v, _), xi in zip(pairs, xis, strict=True)})
    return sympy.Subs(
        sympy.Derivative(body, *[(xi, c) for xi, (_, c) in zip(xis, pairs, strict=True)]),
        tuple(xis),
        tuple(v for v, _ in pairs),
    )


def _concrete(e, functions):
    e = e.replace(lambda n: isinstance(n, sympy.Derivative), _as_subs)
    e = e.replace(
        lambda n: isinstance(n, AppliedUndef) and n.func.__name__ in functions,
        lambda n: functions[n.func.__name__](*n.args),
    )
    return e.doit() if e.has(sympy.Derivative, sympy.Subs) else e


# -- sizes and values -----------------------------------------------------------------------------------
def _dims(table, *exprs):
    """The dimensions the expressions use: their arrays' sizes and every positive integer
    symbol but an array's own (the symbol of ``c: labels[n, k]`` is a positive integer too; a
    whole-number scalar ``t`` bounding a sum is sized as a dimension). A scalar declared
    ``integer`` without a sign (``K: scalar, integer, nonnegative``, the size of a set; ``M``, a
    count of kept components) is given such a size too: 2 to 4 is a point of its domain."""
    found = set()
    for e in exprs:
        for node in sympy.preorder_traversal(e):
            shape = getattr(node, "shape", None)
            if isinstance(node, (sympy.MatrixSymbol, sympy.IndexedBase)) and shape:
                found |= {s for dim in shape for s in _sympify(dim).free_symbols}
        found |= {
            s
            for s in e.free_symbols
            if isinstance(s, sympy.Symbol)
            and s.is_integer
            and (s.is_positive or _an_integer_scalar(table, s.name))
            and not _an_array(table, s.name)
        }
    return sorted(found, key=str)


def _an_integer_scalar(table, name: str) -> bool:
    key = table.resolve(name)
    return key is not None and table[key].kind == "scalar"


def _an_array(table, name: str) -> bool:
    key = table.resolve(name)
    return key is not None and table[key].is_array


def _sizes(expr, result, table, shift: int = 0):
    """Sizes for the dimensions, in turn from ``_SIZES``; ``shift`` rotates them, so that two
    dimensions tied by the expression (``v`` one longer than ``r``) meet a fitting draw."""
    return {s: _SIZES[(k + shift) % len(_SIZES)] for k, s in enumerate(_dims(table, expr, result))}


def _inputs(*exprs):
    """name -> (object, shape with symbols) for every scalar, vector and matrix input."""
    found = {}
    for e in exprs:
        bound = set()
        for node in sympy.preorder_traversal(e):
            if isinstance(node, (sympy.Sum, sympy.Product)):
                bound |= {lim[0] for lim in node.limits}
            elif isinstance(node, sympy.Lambda):
                bound |= set(node.variables)
        for node in sympy.preorder_traversal(e):
            if isinstance(node, sympy.MatrixSymbol):
                found.setdefault(node.name, (node, node.shape))
            elif isinstance(node, sympy.Indexed) and isinstance(node.base.label, sympy.Symbol):
                found.setdefault(str(node.base.label), (node.base, node.base.shape))
            elif (
                isinstance(node, sympy.Symbol)
                and not node.is_integer
                and node not in bound
                and not isinstance(node, sympy.Dummy)
            ):
                found.setdefault(node.name, (node, ()))
    return found


def _values(expr, result, table, sizes, rng, sample):
    out = {}
    for name, (_obj, shape) in _inputs(expr, result).items():
        concrete = tuple(int(_sympify(s).subs(sizes)) for s in shape) if shape else ()
        decl = table[name] if table.resolve(name) else None
        classes = classes_of(decl, table, lambda d: int(_sympify(d).subs(sizes)))
        v = np.asarray(sample(decl, concrete, rng, classes), dtype=float)
        if concrete and v.shape != concrete:
            v = v.reshape(concrete)
        out[name] = v
    return out


# -- evaluation ---------------------------------------------------------------------------------------
def _number(x) -> sympy.Float:
    if isinstance(x, sympy.Basic):
        return x  # already in 50 digits (a shifted entry)
    return sympy.Float(repr(float(x)), DIGITS)


def _evaluate(e, sizes, values, assign: dict):
    """``e`` as a 50-digit number (or an explicit matrix of them)."""
    e = e.xreplace(assign) if assign else e
    e = e.subs(sizes) if sizes else e
    if any(
        not (lim[2] - lim[1]).is_finite
        for s in e.atoms(sympy.Sum, sympy.Product)
        for lim in s.limits
        if len(lim) == 3
    ):
        # SymPy's symbolic summation of a series with numbers in it ran out of memory (24 GB on
        # a Conway-Maxwell-Poisson normalizer); a series is not written out term by term
        raise _Unevaluable("an infinite sum or product")
    repl = {}
    for node in sympy.preorder_traversal(e):
        if isinstance(node, sympy.MatrixSymbol) and node.name in values:
            v = values[node.name]
            try:
                arr = v.reshape(int(node.shape[0]), int(node.shape[1]))
            except TypeError:  # a size the substitution left (a family's parent): the value's
                arr = v.reshape(v.shape if v.ndim == 2 else (v.size, 1))
            repl[node] = sympy.ImmutableMatrix(
                arr.shape[0], arr.shape[1], [_number(a) for a in arr.ravel()]
            )
        elif (
            isinstance(node, sympy.Symbol)
            and not node.is_integer
            and node.name in values
            and np.ndim(values[node.name]) == 0
        ):
            repl[node] = _number(values[node.name])
    e = _expand_sums(e.xreplace(repl))
    for _ in range(8):
        before = e
        e = _expand_sums(e.doit())
        e = _fill_entries(e, values)
        if e == before:
            break
    if isinstance(e, MatrixExpr) and not isinstance(e, sympy.MatrixBase):
        try:
            e = e.as_explicit()
        except Exception as ex:
            raise _Unevaluable(f"`{type(e).__name__}`") from ex
    if isinstance(e, sympy.MatrixBase):
        return np.array([[_finite(x) for x in row] for row in e.tolist()], dtype=object)
    return _finite(e)


def _expand_sums(e):
    """Every sum with integer bounds written out term by term, the outer index first (its
    value fixes the bounds of the inner sums)."""
    if isinstance(e, (sympy.Sum, sympy.Product)):
        var, lo, hi = e.limits[-1]
        inner = e.func(e.function, *e.limits[:-1]) if len(e.limits) > 1 else e.function
        if lo.is_Integer and hi.is_Integer:
            if hi - lo > 10_000:
                raise _Unevaluable(f"`{e}` (too many terms)")
            parts = [
                _expand_sums(_put(inner, var, sympy.Integer(v)))
                for v in range(int(lo), int(hi) + 1)
            ]
            return (sympy.Add if isinstance(e, sympy.Sum) else sympy.Mul)(*parts)
        return e
    if not e.args or isinstance(e, (sympy.Indexed, sympy.IndexedBase, sympy.MatrixSymbol)):
        return e
    args = [_expand_sums(a) for a in e.args]
    return e.func(*args) if any(a is not b for a, b in zip(args, e.args, strict=True)) else e


def _put(e, var, value):
    """``e`` with the free ``var`` set to ``value``; a sum inside that binds a letter of the
    same name keeps its own (a derivative can nest two sums over ``i``: xreplace had put the
    value into the inner one's limit, ``Sum(f, (1, 1, 3))``)."""
    if e == var:
        return value
    if not e.args or var not in e.free_symbols:
        return e
    if isinstance(e, (sympy.Sum, sympy.Product)) and var in [lim[0] for lim in e.limits]:
        limits, outer = [], True
        for x, lo, hi in e.limits:
            if outer:  # bounds up to the limit that rebinds var refer to the outer var
                lo, hi = _put(lo, var, value), _put(hi, var, value)
            outer = outer and x != var
            limits.append((x, lo, hi))
        return e.func(e.function, *limits)
    return e.func(*[_put(a, var, value) if isinstance(a, sympy.Basic) else a for a in e.args])


def _fill_entries(e, values):
    def entry(ix):
        label = ix.base.label
        if isinstance(label, F.softmax):
            z = label.args[0]
            zv = _evaluate(z, {}, values, {})
            zs = [sympy.exp(x) for x in np.ravel(zv)]
            return zs[int(ix.indices[0]) - 1] / sum(zs)
        v = values.get(str(label))
        if v is None:
            raise _Unevaluable(f"the entry `{ix}`")
        pos = tuple(int(i) - 1 for i in ix.indices)
        if len(pos) == 2 and np.ndim(v) == 1:
            pos = pos[:1]
        if not all(0 <= p < n for p, n in zip(pos, np.shape(v), strict=False)):
            # outside the array: a name no value replaces, which a guard that is 0 there
            # ([k <= T] r_k) removes, and which is refused as unevaluable anywhere else
            return sympy.Dummy(f"{_OUTSIDE}{label}")
        return _number(v[pos])

    return e.replace(
        lambda n: isinstance(n, sympy.Indexed) and all(i.is_Integer for i in n.indices), entry
    )


def _finite(x):
    x = _sympify(x)
    if x.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    v = x.evalf(DIGITS)
    if isinstance(v, sympy.Float):
        return v
    if v.is_number:
        re, im = v.as_real_imag()
        if abs(im) > sympy.Float("1e-30"):
            return None  # outside the domain (the log of a negative number)
        return sympy.Float(re, DIGITS)
    raise _Unevaluable(f"`{_first_unevaluated(v)}`")


def _first_unevaluated(v):
    for node in sympy.preorder_traversal(v):
        if not node.is_number and not isinstance(node, (sympy.Add, sympy.Mul, sympy.Pow)):
            return node
    return v


# -- comparison -------------------------------------------------------------------------------------------
def _index_range(i, d, kind, sizes, expr, result):
    if (i == d.index or kind == "hessian-index") and isinstance(d.wrt, sympy.IndexedBase):
        return int(_sympify(d.wrt.shape[0]).subs(sizes))
    for e in (expr, result):
        for node in sympy.preorder_traversal(e):
            if isinstance(node, sympy.Indexed) and i in node.indices:
                axis = node.indices.index(i)
                label = node.base.label
                if node.base.shape is not None:
                    return int(_sympify(node.base.shape[axis]).subs(sizes))
                if isinstance(label, F.softmax):
                    return int(_sympify(label.args[0].shape[0]).subs(sizes))
    raise _Unevaluable(f"the range of the free index `{i}`")


def _wrt_entries(d, kind, sizes):
    """The variable as (name, list of positions, shape) of its entries."""
    w = d.wrt
    if isinstance(w, sympy.Symbol):
        return w.name, [()], ()
    if isinstance(w, sympy.MatrixSymbol):
        shape = tuple(int(_sympify(s).subs(sizes)) for s in w.shape)
        return w.name, list(itertools.product(*(range(s) for s in shape))), shape
    base = w.base if isinstance(w, sympy.Indexed) else w
    shape = tuple(int(_sympify(s).subs(sizes)) for s in base.shape)
    return str(base.label), list(itertools.product(*(range(s) for s in shape))), shape


def _shifted(values, name, moves):
    """The values with the variable's entries at ``moves`` shifted, exactly, in 50 digits."""
    out = dict(values)
    v = values[name]
    if np.ndim(v) == 0:
        total = _number(v)
        for _, step in moves:
            total = total + step
        out[name] = total
        return out
    v = np.vectorize(_number, otypes=[object])(np.asarray(v, dtype=object))
    for pos, step in moves:
        v[pos] = v[pos] + step
    out[name] = v
    return out


def _compare(expr, result, d, kind, table, sizes, values):
    """The largest relative difference between the result and finite differences over every
    value of the output indices; None where a point leaves the domain."""
    out_free = list(d.output_indices)
    ranges = {i: _index_range(i, d, kind, sizes, expr, result) for i in out_free}
    entry_free = (
        [i for i in d.wrt.indices if isinstance(i, sympy.Symbol)]
        if isinstance(d.wrt, sympy.Indexed)
        else []
    )
    # the indices the original itself carries (softmax_k): fixed in it while the variable moves
    own = [i for i in out_free if i != d.index and i not in entry_free and kind != "hessian-index"]
    worst = 0.0
    for combo in itertools.product(*(range(1, ranges[i] + 1) for i in out_free)):
        assign = {i: sympy.Integer(v) for i, v in zip(out_free, combo, strict=True)}
        try:
            want = _reference(expr, d, kind, sizes, values, assign, {i: assign[i] for i in own})
        except _Unevaluable as e:
            if _OUTSIDE in str(e):
                raise _SizesDoNotFit from None
            raise
        got = _evaluate(result, sizes, values, assign)
        rel = _rel(got, want)
        if rel is None:
            return None
        worst = max(worst, rel)
    return worst


def _reference(expr, d, kind, sizes, values, assign, own):
    """Finite differences of the original at one value of the output indices, shaped like the result."""
    name, positions, shape = _wrt_entries(d, kind, sizes)
    second = kind in ("hessian", "hessian-index", "scalar-second")
    if kind == "index":
        return _difference(expr, sizes, values, name, [(int(assign[d.index]) - 1,)], own, False)
    if kind == "entry":
        return _difference(
            expr,
            sizes,
            values,
            name,
            [tuple(int(i.xreplace(assign)) - 1 for i in d.wrt.indices)],
            own,
            False,
        )
    if kind == "hessian-index":
        k, k2 = d.output_indices
        return _difference(
            expr, sizes, values, name, [(int(assign[k]) - 1,), (int(assign[k2]) - 1,)], own, True
        )
    if not shape:  # a scalar variable
        return _difference(expr, sizes, values, name, [(), ()] if second else [()], own, second)
    if second:
        n = len(positions)
        H = np.empty((n, n), dtype=object)
        for a in range(n):
            for b in range(a, n):
                H[a, b] = H[b, a] = _difference(
                    expr, sizes, values, name, [positions[a], positions[b]], own, True
                )
        return H
    columns = [_difference(expr, sizes, values, name, [pos], own, False) for pos in positions]
    if any(c is None for c in columns):
        return None
    if kind == "jacobian":  # d F_r / d x_c: one column per entry of the variable
        rows = np.size(columns[0])
        return np.array(
            [[np.ravel(np.asarray(c, dtype=object))[r] for c in columns] for r in range(rows)],
            dtype=object,
        )
    return np.array(columns, dtype=object).reshape(shape)


def _difference(expr, sizes, values, name, targets, assign, second):
    """A central first difference along ``targets[0]``, or a second (mixed) difference along
    ``targets[0]`` and ``targets[1]``."""

    def at(moves):
        shifted = _shifted(values, name, moves)
        return _evaluate(expr, sizes, shifted, assign)

    if not second:
        (p,) = targets
        hi, lo = at([(p, STEP)]), at([(p, -STEP)])
        if hi is None or lo is None:
            return None
        return _elementwise(lambda a, b: (a - b) / (2 * STEP), hi, lo)
    p, q = targets
    h = STEP2
    vals = [at([(p, sa * h), (q, sb * h)]) for sa, sb in ((1, 1), (1, -1), (-1, 1), (-1, -1))]
    if any(v is None for v in vals):
        return None
    pp, pm, mp, mm = vals
    return (pp - pm - mp + mm) / (4 * h * h)


def _elementwise(fn, a, b):
    if isinstance(a, np.ndarray):
        out = np.empty(a.shape, dtype=object)
        for idx in np.ndindex(*a.shape):
            if a[idx] is None or b[idx] is None:
                return None
            out[idx] = fn(a[idx], b[idx])
        return out
    return fn(a, b)


def _rel(got, want):
    if got is None or want is None:
        return None
    g = np.asarray(got, dtype=object)
    w = np.asarray(want, dtype=object)
    if g.size != w.size:
        raise DerivationError(
            f"the derivative has {g.size} entries but finite differences give {w.size}; derivax "
            "refuses to report it"
        )
    g, w = g.ravel(), w.ravel()
    worst = 0.0
    for a, b in zip(g, w, strict=True):
        if a is None or b is None:
            return None
        diff = abs(float(a - b))
        worst = max(worst, diff / max(abs(float(b)), 1.0))
    return worst
