r"""The independent check of a counterexample: it shares only the parsed claim and the symbol
table with the search that found the point.

A ``refuted`` stands only when this check accepts its certificate:

- the point lies in every declared domain, read from the table (qualifiers ``positive``,
  ``nonnegative``, ``unit``, ``integer``; simplices; ``spd`` and ``symmetric`` matrices; sizes
  that are positive whole numbers; free indices inside their ranges), not from the sampler;
- every given inequality holds there, a strict one by a margin (a point on the boundary of
  ``x > 0`` is no point of the domain);
- each side is evaluated in high precision by an evaluator of its own: sums written out term
  by term, every given definition applied at every call site (``f(x) = x^2`` makes ``f(2y)``
  into ``(2y)^2``), and every derivative in the claim taken by high-precision central
  differences of the expression it differentiates, never through a symbolic derivative;
- the violation has the same sign at two precisions, and a tie at every precision is no
  violation of a strict relation unless exact arithmetic decides it.

Side conditions of the finite differences: the differentiated expression must be smooth at the
point (a kink is judged before, by ``_confirm.at_a_kink``) and free of unspecified functions
(their values are sampled, so a difference quotient of them would be 0: such a derivative is not
evaluable here, and the certificate is rejected).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import DerivaxError
from .._sampling import declaration_of
from ._certify_givens import apply_givens
from ._precise import NotEvaluable, Point, at, expand_sums, value

#: a strict given must hold by this much, relative to the size of its sides
STRICT_MARGIN = sympy.Rational(1, 10**9)
#: digits of the two evaluations whose signs must agree
PRECISIONS = (40, 80)


@dataclass
class Certificate:
    accepted: bool
    reason: str = ""
    tie: bool = False  # rejected because the sides tie at every precision: no violation


def check_refutation(rel, rules, conditions, point: Point, table, ranges) -> Certificate:
    """Whether ``point`` certifies that ``rel`` fails: in the domains, the givens holding, the
    violation stable across precisions."""
    point = _without_defined(
        completed(point, [rel, *conditions, *(b for _, b in rules)], table), rules
    )
    problem = outside_domain(point, table, ranges)
    if problem:
        return Certificate(False, f"the point is outside the declared domain: {problem}")
    for g in conditions:
        problem = _given_fails(g, rules, point)
        if problem:
            # a point that misses a non-strict given by rounding only (x = 0.001 as a double is
            # just above 1/1000) is no point of the domain, but no fault of the search either
            return Certificate(False, problem, tie=problem.startswith("by rounding"))
    lhs, rhs = (_terms_added(side, point) for side in (rel.lhs, rel.rhs))
    if isinstance(lhs, MatrixExpr) and rhs == 0:
        rhs = sympy.ZeroMatrix(*lhs.shape)
    if isinstance(rhs, MatrixExpr) and lhs == 0:
        lhs = sympy.ZeroMatrix(*rhs.shape)
    signs, gaps = [], []
    for prec in PRECISIONS:
        try:
            gap = evaluate(lhs - rhs, rules, point, prec)
        except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
            raise
        except (NotEvaluable, TypeError, ValueError, ZeroDivisionError) as e:
            return Certificate(False, f"the independent evaluation has no value there ({e})")
        signs.append([_sign(x, prec) for x in _entries(gap)])
        gaps.append(_entries(gap))
    if signs[0] != signs[1]:
        return Certificate(False, "the sign of the violation changes with the precision")
    drift = _drifting(gaps[0], gaps[1])
    if drift:
        return Certificate(False, drift)
    kind = type(rel)
    if all(s == 0 for s in signs[-1]) and kind in (sympy.StrictLessThan, sympy.StrictGreaterThan):
        if not _exactly_equal(lhs - rhs, rules, point):
            return Certificate(
                False,
                "both sides agree to every digit evaluated and exact arithmetic cannot tell them "
                "apart: a tie is no violation of a strict inequality",
                tie=True,
            )
    if not _violates(kind, signs[-1]):
        return Certificate(False, "the independent evaluation finds no violation there")
    return Certificate(True)


def _unsized(whole, point: Point) -> list[sympy.Symbol]:
    """The size names of the arrays of ``whole`` that the point gives no value."""
    shapes = [m.shape for m in whole.atoms(sympy.MatrixSymbol)]
    shapes += [b.shape for b in whole.atoms(sympy.IndexedBase) if b.shape]
    names = set().union(*(sympy.Tuple(*shape).free_symbols for shape in shapes))
    return sorted((s for s in names if s not in point.sizes), key=str)


def completed(point: Point, exprs, table) -> Point:
    """The point with a value, drawn from its declared domain, for every input of the claim as
    written that the search did not need (``w`` in ``d(w^T x)/dw_j``, which the search's reading
    no longer holds): any value of the domain will do for a certificate."""
    from .._sampling import classes_of, sample

    rng = np.random.default_rng(7)
    whole = sympy.Tuple(*exprs)
    point = copy.copy(point)
    point.values = dict(point.values)
    point.sizes = dict(point.sizes)
    for s in _unsized(whole, point):
        point.sizes[s] = 3  # a size the search's reading no longer holds: any size will do
    bound = set()
    for node in sympy.preorder_traversal(whole):
        if hasattr(node, "limits"):
            bound |= {lim[0] for lim in node.limits}
    for m in whole.atoms(sympy.MatrixSymbol):
        if m.name not in point.values:
            shape = tuple(int(at(x, point)) for x in m.shape)
            decl = declaration_of(table, m.name)
            if decl is not None and decl.rank == 1:
                shape = shape[:1]
            point.values[m.name] = sample(decl, shape, rng)
    for b in whole.atoms(sympy.IndexedBase):
        name = str(b.label)
        if isinstance(b.label, sympy.Symbol) and name not in point.values and b.shape:
            shape = tuple(int(at(x, point)) for x in b.shape)
            decl = declaration_of(table, name)
            classes = classes_of(decl, table, lambda d: at(d, point))
            point.values[name] = sample(decl, shape, rng, classes)
    labels = {b.label for b in whole.atoms(sympy.IndexedBase)}
    for x in whole.free_symbols:
        if (
            isinstance(x, sympy.Symbol)
            and x.name not in point.values
            and x not in bound
            and x not in labels
            and x not in point.sizes
            and x not in point.indices
            and not x.is_integer
        ):
            point.values[x.name] = float(sample(declaration_of(table, x.name), (), rng))
    return point


# -- the domains, from the table ------------------------------------------------------------------


def outside_domain(point: Point, table, ranges=None) -> str:
    """What keeps ``point`` out of the declared domains, or ``""``."""
    for d, n in point.sizes.items():
        if int(n) != n or n < 1:
            return f"the size `{d}` = {n} is not a positive whole number"
    for i, v in point.indices.items():
        lo, hi = (ranges or {}).get(i, (None, None))
        if lo is None:
            continue
        lo_v, hi_v = at(lo, point), at(hi, point)
        if not (lo_v <= v <= hi_v):
            return f"the index `{i}` = {v} is outside {lo_v}..{hi_v}"
    for name, v in point.values.items():
        if not isinstance(name, str):
            continue
        decl = declaration_of(table, name)
        problem = _outside(decl, np.asarray(v, dtype=object), point, table)
        if problem:
            return f"`{name}` {problem}"
    return ""


def _outside(decl, v, point: Point, table) -> str:
    entries = [sympy.Rational(x) if not isinstance(x, sympy.Basic) else x for x in v.ravel()]
    if any(not (x.is_finite and x.is_real) for x in entries):
        return "has a value that is not a finite real number"
    if decl is None:
        return ""
    quals = decl.qualifiers
    if decl.is_array and decl.shape:
        want = [int(at(table.dim(s), point)) for s in decl.shape]
        if decl.kind in ("spd", "symmetric"):
            want = [want[0], want[0]]
        have = [n for n in v.shape if n != 1] if v.ndim else []
        if [n for n in want if n != 1] != have:
            return f"has shape {tuple(v.shape)} where {tuple(want)} is declared"
    if "positive" in quals and any(x <= 0 for x in entries):
        return "is declared positive and has an entry <= 0"
    if "nonnegative" in quals and any(x < 0 for x in entries):
        return "is declared nonnegative and has a negative entry"
    if "unit" in quals and any(x < 0 or x > 1 for x in entries):
        return "is declared in [0, 1] and has an entry outside it"
    if "integer" in quals and any(not x.is_integer for x in entries):
        return "is declared integer and has an entry that is not a whole number"
    if decl.classes is not None:
        k = int(at(table.dim(decl.classes), point))
        if any(x < 1 or x > k for x in entries):
            return f"is declared labels 1..{k} and has an entry outside them"
    if decl.kind == "simplex":
        if any(x < 0 for x in entries):
            return "is declared a simplex and has a negative entry"
        if abs(sum(entries) - 1) > sympy.Rational(1, 10**9):
            return "is declared a simplex and its entries do not sum to 1"
    if decl.kind in ("spd", "symmetric"):
        n = v.shape[0] if v.ndim else 1
        m = sympy.Matrix(n, n, entries)
        if m != m.T:
            return f"is declared {decl.kind} and is not symmetric"
        if decl.kind == "spd" and not _positive_definite(m):
            return "is declared spd and is not positive definite"
    return ""


def _positive_definite(m: sympy.Matrix) -> bool:
    """Sylvester's criterion in exact arithmetic (the entries are rationals)."""
    return all(m[:k, :k].det() > 0 for k in range(1, m.shape[0] + 1))


def _given_fails(g, rules, point: Point) -> str:
    try:
        left = evaluate(g.lhs, rules, point, PRECISIONS[0])
        right = evaluate(g.rhs, rules, point, PRECISIONS[0])
    except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
        raise
    except (NotEvaluable, TypeError, ValueError, ZeroDivisionError) as e:
        return f"the given `{g}` has no value at the point ({e})"
    if isinstance(g, (sympy.LessThan, sympy.StrictLessThan)):
        left, right = right, left
    gap = left - right
    scale = 1 + abs(left) + abs(right)
    strict = isinstance(g, (sympy.StrictLessThan, sympy.StrictGreaterThan))
    tol = sympy.Float(10, PRECISIONS[0]) ** (5 - PRECISIONS[0]) * scale
    if strict and gap <= STRICT_MARGIN * scale:
        return f"the strict given `{g}` does not hold there by a margin (gap {sympy.Float(gap, 6)})"
    if not strict and gap < -tol:
        if gap >= -sympy.Rational(1, 10**12) * scale:
            return f"by rounding, the given `{g}` misses its boundary there"
        return f"the given `{g}` does not hold there"
    return ""


# -- the evaluator ---------------------------------------------------------------------------------


def evaluate(e, rules, point: Point, prec: int):
    """``e`` at ``point`` to ``prec`` digits: sums written out, derivatives by central
    differences in higher precision (taken before the definitions of their own variables
    apply, as the claim reads), givens applied at every call site."""
    e = expand_sums(at(e, point))
    e = _differences(e, rules, point, prec)
    e = _gradients_at_definitions(e, rules, point, prec)
    e = expand_sums(apply_givens(e, rules, point))
    defined = {lhs.func for lhs, _ in rules if isinstance(lhs, AppliedUndef)}
    for a in e.atoms(AppliedUndef):
        if getattr(type(a), "inverse_of", None) in defined:
            raise NotEvaluable(f"{a} is the inverse of a function the givens define")
    e = _differences(e, rules, point, prec)
    # an integral in closed form where SymPy finds one (this runs in the budgeted worker); a
    # numeric quadrature has no error bound and certifies nothing
    return value(e, point, prec, integrals="symbolic", exhausted_is_zero=True)


def _gradients_at_definitions(e, rules, point: Point, prec: int):
    r"""Each gradient or Hessian whose variable a given defines, by its value where the variable
    takes its defined value (``\nabla_w \mathcal{L}(w)`` with ``w = \dots`` given): the gradient
    first, then the definition, as the claim reads; the definition evaluated here, on this path,
    in three times the digits. By name: the point's sizes are entered in ``e`` (w is 3 x 1
    there, D x 1 in the given)."""
    defined = {a.name: (a, b) for a, b in rules if isinstance(a, sympy.MatrixSymbol)}
    found = [
        g
        for g in e.atoms(*F.DERIVATIVE_NODES)
        if isinstance(g.args[1], sympy.MatrixSymbol) and g.args[1].name in defined
    ]
    for g in found:
        var, body = defined[g.args[1].name]
        others = [r for r in rules if r[0] != var]
        v = evaluate(body, others, point, 3 * prec)
        if not isinstance(v, sympy.MatrixBase):
            raise NotEvaluable(f"the definition of `{var}` is no array")
        moved = copy.copy(point)
        moved.values = dict(point.values)
        moved.explicit = {}
        moved.values[var.name] = np.array(v.tolist(), dtype=object)
        e = e.xreplace({g: evaluate(g, others, moved, prec)})
    return e


def _without_defined(point: Point, rules) -> Point:
    r"""``point`` without a value for a name the givens define as a function: a search may
    sample a bare ``J`` (of ``\partial J / \partial \theta_j`` with ``J(\theta) = \dots``
    given) as an input of its own, and entered before the givens it would make the derivative
    0; here ``J`` is always its definition's value."""
    defined = {str(lhs.func) for lhs, _ in rules if isinstance(lhs, AppliedUndef)}
    if not any(isinstance(k, str) and k in defined for k in point.values):
        return point
    point = copy.copy(point)
    point.values = {
        k: v for k, v in point.values.items() if not (isinstance(k, str) and k in defined)
    }
    return point


def _terms_added(side, point: Point):
    """A side that is a sum of matrices over one index (``\\sum_i a_i x_i``), its terms added as
    matrices at the point's sizes; any other side as it is (a sum that binds its index again
    inside, or whose range is not concrete, stays and has no value)."""
    if not (isinstance(side, sympy.Sum) and isinstance(side.function, MatrixExpr)):
        return side
    if len(side.limits) != 1:
        return side
    var, lo, hi = side.limits[0]
    lo, hi = at(lo, point), at(hi, point)
    inner = [x for x in sympy.preorder_traversal(side.function) if hasattr(x, "limits")]
    if not (lo.is_Integer and hi.is_Integer) or any(var in [v[0] for v in x.limits] for x in inner):
        return side
    terms = [side.function.xreplace({var: sympy.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
    return sympy.MatAdd(*terms) if terms else sympy.ZeroMatrix(*side.function.shape)


def _differences(e, rules, point: Point, prec: int):
    """Each derivative replaced by its value by central differences, outermost first (an inner
    derivative is evaluated again at each moved point)."""
    if not isinstance(e, sympy.Basic) or not e.has(sympy.Derivative):
        return e
    if isinstance(e, sympy.Derivative):
        return _difference(e, rules, point, prec)
    if isinstance(e, sympy.Subs):
        return _derivative_at(e, rules, point, prec)
    args = [_differences(a, rules, point, prec) for a in e.args]
    return e.func(*args)


def _derivative_at(s: sympy.Subs, rules, point: Point, prec: int):
    """``f'(2y)``: the derivative taken at the values of the arguments, each found first (in
    higher precision) and entered as the value of a fresh variable of its own."""
    moved = copy.copy(point)
    moved.values = dict(point.values)
    fresh = {}
    for k, (var, target) in enumerate(zip(s.variables, s.point, strict=True)):
        name = f"_at{k}_{len(point.values)}"
        moved.values[name] = sympy.Rational(evaluate(target, rules, point, 3 * prec))
        fresh[var] = sympy.Symbol(name, real=True)
    return _differences(s.expr.xreplace(fresh), rules, moved, prec)


def _difference(d: sympy.Derivative, rules, point: Point, prec: int):
    variables = [v for v, k in d.variable_count for _ in range(int(k))]
    own = [r for r in rules if r[0] not in variables]
    expr = expand_sums(apply_givens(at(d.expr, point), own, point))
    if expr.atoms(AppliedUndef):
        raise NotEvaluable(f"a derivative of an unspecified function ({d})")
    defined = [r for r in rules if r[0] in variables]
    if defined:
        # the variable's value is its definition's (d/d theta at theta = mean)
        point = copy.copy(point)
        point.values = dict(point.values)
        for lhs, rhs in defined:
            if not isinstance(lhs, sympy.Symbol):
                raise NotEvaluable(f"a derivative with respect to the defined `{lhs}`")
            point.values[lhs.name] = sympy.Rational(evaluate(rhs, own, point, 3 * prec))
    return _nested(expr, variables, rules, point, prec)


def _nested(expr, variables, rules, point: Point, prec: int):
    """d/dv_1 ... d/dv_k of ``expr`` by central differences: h = 10^{-p} in 3p + prec digits,
    so the truncation error (h^2) and the rounding error (10^{-3p - prec} / h) both stay far
    below 10^{-prec}."""
    if not variables:
        return value(_differences(expr, rules, point, prec), point, prec, integrals="symbolic")
    var, rest = variables[0], variables[1:]
    p = prec // 2 + 10
    inner = prec + 3 * p
    h = sympy.Rational(1, 10**p)
    up = _nested(expr, rest, rules, _moved(point, var, h), inner)
    down = _nested(expr, rest, rules, _moved(point, var, -h), inner)
    q = (up - down) / (2 * h)
    return sympy.Float(q, prec) if not isinstance(q, sympy.MatrixBase) else q.evalf(prec)


def _moved(point: Point, var, h) -> Point:
    """``point`` with the variable of a derivative moved by ``h``: a scalar, or one entry."""
    moved = copy.copy(point)
    moved.values = dict(point.values)
    moved.explicit = {}
    var = at(var, point)
    if isinstance(var, sympy.Symbol):
        if var.name not in point.values:
            raise NotEvaluable(f"no value for `{var}`")
        moved.values[var.name] = _exact(point.values[var.name]) + h
        return moved
    if isinstance(var, sympy.Indexed) and all(i.is_Integer for i in var.indices):
        name = str(var.base.label)
        if name not in point.values:
            raise NotEvaluable(f"no value for `{name}`")
        arr = np.array(point.values[name], dtype=object)
        idx = tuple(int(i) - 1 for i in var.indices)
        if arr.ndim == len(idx) + 1 and arr.shape[-1] == 1:
            idx = (*idx, 0)
        if len(idx) != arr.ndim or any(not 0 <= i < s for i, s in zip(idx, arr.shape, strict=True)):
            raise NotEvaluable(f"the entry {var} is out of range")
        arr[idx] = _exact(arr[idx]) + h
        moved.values[name] = arr
        return moved
    raise NotEvaluable(f"a derivative with respect to `{var}` is not taken by differences")


def _exact(x):
    if isinstance(x, sympy.Basic):
        return x
    x = x.item() if isinstance(x, np.ndarray) else x
    return sympy.Rational(float(x))


# -- comparisons -----------------------------------------------------------------------------------


def _entries(v):
    return list(v) if isinstance(v, sympy.MatrixBase) else [v]


def _drifting(low: list, high: list) -> str:
    """Why the gaps at the two precisions are no one violation, or "": a real gap is the same
    number in 40 and in 80 digits, while what rounding leaves (a derivative by differences
    rounded to its digits, 10^{-42} and then 10^{-82}) shrinks with the precision; its sign
    alone would pass for a violation."""
    for a, b in zip(low, high, strict=False):
        if b == 0 or getattr(b, "is_zero", None) is True:
            continue
        try:
            apart = abs(sympy.Float(a, 30) - sympy.Float(b, 30)) > abs(sympy.Float(b, 30)) / 10**6
        except (TypeError, ValueError):
            continue  # not a number (a matrix entry left symbolic): the sign test stands
        if apart:
            return (
                f"the gap is {sympy.Float(a, 3)} in {PRECISIONS[0]} digits and "
                f"{sympy.Float(b, 3)} in {PRECISIONS[1]}: what changes with the precision is "
                f"rounding, not a violation"
            )
    return ""


def _sign(x, prec: int) -> int:
    """The sign of a value with ``prec`` digits; 0 when it is 0 to within the last few digits
    of the value's own size (the evaluator returns the gap as one expression, so cancellation
    is already resolved and a true 0 comes back as 0)."""
    if x == 0 or getattr(x, "is_zero", None) is True:
        return 0
    return 1 if x > 0 else -1


def _violates(kind, signs: list[int]) -> bool:
    if kind is sympy.Equality:
        return any(s != 0 for s in signs)
    if kind is sympy.GreaterThan:
        return any(s < 0 for s in signs)
    if kind is sympy.StrictGreaterThan:
        return any(s <= 0 for s in signs)
    if kind is sympy.LessThan:
        return any(s > 0 for s in signs)
    if kind is sympy.StrictLessThan:
        return any(s >= 0 for s in signs)
    return False


def _exactly_equal(e, rules, point: Point) -> bool:
    """Whether exact arithmetic shows ``e`` is 0 at the point (``x^2 > 0`` at x = 0 is a real
    violation; ``\\operatorname{erf}(1000) < 1`` is not, though no precision tells the sides
    apart)."""
    from ._precise import concrete

    try:
        c = concrete(apply_givens(at(e, point), rules, point), point)
    except Exception:
        return False
    if c.has(sympy.Derivative, sympy.Integral):
        return False
    entries = _entries(c)
    return all(getattr(x, "is_zero", None) is True for x in entries)
