"""The points an audit of a proof is evaluated at: sizes n = 1, 2, 3, boundaries and corners,
extreme magnitudes, free indices at both ends of their range, with the givens satisfied (a
defined quantity takes its definition's value) and the conditions admitted."""

from __future__ import annotations

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text

from .._sampling import classes_of, declaration_of, sample, special
from ._precise import NotEvaluable, Point, at, concrete, holds, value

#: sizes of the dimensions at the audit's points: n = 1, 2, 3 and a mixed set (random points at
#: even positions, boundaries and extreme magnitudes at odd ones)
_AUDIT_SIZES = (1, 2, 3, 2, 1, 3)

#: the digits an audit evaluates in
PRECISION = 50


def _dims_of(e, table) -> list:
    dims = set()
    for s in e.free_symbols:
        if isinstance(s, sympy.Symbol) and s.is_integer and s.is_positive:
            d = table.declaration(s.name) if table.resolve(s.name) else None
            if d is None or d.kind == "dim":
                dims.add(s)
    for m in e.atoms(sympy.MatrixSymbol):
        dims |= {d for x in m.shape for d in _sympify(x).free_symbols}
    for b in e.atoms(sympy.IndexedBase):
        if b.shape is not None:
            dims |= {d for x in b.shape for d in _sympify(x).free_symbols}
    return sorted(dims, key=str)


def _bound_symbols(e) -> set:
    out = set()
    for node in sympy.preorder_traversal(e):
        if isinstance(node, (sympy.Sum, sympy.Product, sympy.Integral)) or hasattr(node, "limits"):
            try:
                out |= {lim[0] for lim in node.limits}
            except (AttributeError, TypeError, IndexError):
                pass
        if isinstance(node, sympy.Lambda):
            out |= set(node.variables)
    return out


def points(exprs, table, count: int = 6, seed: int = 0, ranges=None):
    """Audit points covering every input of ``exprs``: alternately random and at the edges of the
    domains, with the dimensions at 1, 2, 3 and free indices at the ends of their ranges."""
    from ._prepare import free_index_ranges

    rng = np.random.default_rng(seed)
    whole = sympy.Tuple(*exprs)
    dims = _dims_of(whole, table)
    bound = _bound_symbols(whole)
    ranges = dict(ranges or {})
    ranges.update({k: v for k, v in free_index_ranges(whole).items() if k not in ranges})
    free_idx = [
        s
        for s in whole.free_symbols
        if s.is_integer
        and not s.is_positive
        and s not in bound
        and not (table.resolve(s.name) and table[table.resolve(s.name)].kind == "scalar")
    ]
    labels = {b.label for b in whole.atoms(sympy.IndexedBase)}
    scalars = [
        s
        for s in whole.free_symbols
        if isinstance(s, sympy.Symbol)
        and s not in dims
        and s not in free_idx
        and s not in bound
        and s not in labels
    ]
    arrays = {}
    for m in whole.atoms(sympy.MatrixSymbol):
        arrays[m.name] = m.shape
    for b in whole.atoms(sympy.IndexedBase):
        if not isinstance(b.label, sympy.Symbol):
            continue  # an entry of a product, (X w)_i: its factors have values of their own
        name = str(b.label)
        if name not in arrays:
            d = declaration_of(table, name)
            shape = (
                b.shape
                if b.shape is not None
                else (tuple(table.dim(s) for s in d.shape) if d else None)
            )
            if shape is not None:
                arrays[name] = shape
    apps = [a for a in whole.atoms(AppliedUndef)]
    out = []
    for k in range(count):
        edge = k % 2 == 1
        p = Point()
        for j, d in enumerate(dims):
            p.sizes[d] = _AUDIT_SIZES[(k + j) % len(_AUDIT_SIZES)]
        for i in free_idx:
            lo, hi = ranges.get(i, (sympy.S.One, sympy.S.One))
            lo, hi = int(at(lo, p)), int(at(hi, p))
            hi = max(hi, lo)
            p.indices[i] = [lo, hi][k % 2] if k < 4 else int(rng.integers(lo, hi + 1))
        for name, shape in arrays.items():
            dims_shape = tuple(int(at(s, p)) for s in shape)
            decl = declaration_of(table, name)
            draw = special if edge else sample
            classes = classes_of(decl, table, lambda d, p=p: at(d, p))
            p.values[name] = np.asarray(draw(decl, dims_shape, rng, classes), float)
        for s in scalars:
            decl = declaration_of(table, s.name)
            draw = special if edge else sample
            v = float(draw(decl, (), rng))
            if s.is_positive and v <= 0:
                v = 1e-3
            if s.is_nonnegative and v < 0:
                v = -v
            p.values[s.name] = v
        for a in apps:
            p.values[a] = (
                float(rng.choice([0.0, 1.0, 0.5, 1e-6])) if edge else float(rng.uniform(0.05, 0.95))
            )
        out.append(p.on_simplices(table))
    return out


def _every_entry(lhs, point: Point) -> bool:
    """``a_j`` with ``j`` a free index (not one of the point's own indices) and ``a`` sampled."""
    return (
        isinstance(lhs, sympy.Indexed)
        and str(lhs.base.label) in point.values
        and len(set(lhs.indices)) == len(lhs.indices)
        and all(
            isinstance(i, sympy.Symbol) and i.is_integer and not i.is_positive for i in lhs.indices
        )
    )


def _fill_entries(lhs: sympy.Indexed, rhs, others, point: Point) -> bool:
    import itertools

    name = str(lhs.base.label)
    arr = np.array(point.values[name], dtype=object)
    if arr.ndim == len(lhs.indices) + 1 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim != len(lhs.indices):
        return False
    for where in itertools.product(*(range(n) for n in arr.shape)):
        at_entry = rhs.xreplace(
            {i: sympy.Integer(k + 1) for i, k in zip(lhs.indices, where, strict=True)}
        )
        try:
            v = concrete(at_entry, point, rules=others)
            if not v.is_Rational:
                v = value(at_entry, point, 3 * PRECISION, integrals="none", rules=others)
        except Exception:
            return False
        if isinstance(v, sympy.MatrixBase):
            return False
        arr[where] = v
    point.values[name] = arr
    return True


def _at_every_index(lhs) -> bool:
    """A definition at arguments that hold a free index (not a function of plain names)."""
    from ._prepare import indices_of

    plain = all(isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in lhs.args)
    return not plain and bool(indices_of(lhs))


def _satisfy(rules, point: Point) -> bool:
    """Give defined quantities their defined values at the point (``\\theta = \\bar{y}``,
    ``\\mu_{kj} = ...``, ``P(A \\mid B) = ...``), so every step, before or after the definitions
    were substituted, is evaluated at a point where the givens hold."""
    for lhs, rhs in rules:
        if not isinstance(lhs, (sympy.Symbol, sympy.Indexed, AppliedUndef, sympy.MatrixSymbol)):
            continue
        if isinstance(lhs, AppliedUndef) and _at_every_index(lhs):
            continue  # P(y^{(i)} | x^{(i)}) = ..., i free: entered where it applies, no value
        if _every_entry(lhs, point):
            # a_j = f(j) with j a free index: every entry takes its definition
            if not _fill_entries(lhs, rhs, [r for r in rules if r[0] != lhs], point):
                return False
            continue
        try:
            # exact where the definition is rational in the inputs, else 3 x PRECISION digits, so
            # that rounding the defined value cannot show as a failed step
            others = [r for r in rules if r[0] != lhs]
            v = concrete(rhs, point, rules=others)
            if not v.is_Rational:
                v = value(rhs, point, 3 * PRECISION, integrals="none", rules=others)
        except NotEvaluable:
            return False
        except Exception:
            return False
        if isinstance(lhs, sympy.MatrixSymbol):
            if not isinstance(v, sympy.MatrixBase):
                return False
            point.values[lhs.name] = np.array(v.tolist(), dtype=object)
            continue
        if isinstance(v, sympy.MatrixBase):
            return False
        if isinstance(lhs, sympy.Symbol):
            point.values[lhs.name] = v
        elif isinstance(lhs, AppliedUndef):
            point.values[lhs] = v
            point.values[at(lhs, point)] = v  # as it reads once the sizes are entered
        else:
            name = str(lhs.base.label)
            idx = [at(i, point) for i in lhs.indices]
            if name not in point.values or not all(i.is_Integer for i in idx):
                return False
            arr = np.array(point.values[name], dtype=object)
            arr[tuple(int(i) - 1 for i in idx)] = v
            point.values[name] = arr
    return True


def _admissible(conditions, point: Point) -> bool:
    for g in conditions:
        try:
            left, right = (
                value(g.lhs, point, 30, integrals="none"),
                value(g.rhs, point, 30, integrals="none"),
            )
        except NotEvaluable:
            return False
        kind = {
            sympy.GreaterThan: ">=",
            sympy.StrictGreaterThan: ">",
            sympy.LessThan: "<=",
            sympy.StrictLessThan: "<",
        }.get(type(g))
        if kind in ("<=", "<"):
            left, right, kind = right, left, kind.replace("<", ">")
        if kind is None or not holds(kind, left, right, 30):
            return False
    return True
