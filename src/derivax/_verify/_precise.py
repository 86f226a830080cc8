r"""High-precision evaluation of claims and proof steps at concrete points, independent of the
float64 compiled path: sizes and free indices are substituted, sums expanded term by term (an
empty range is 0, derivax's convention), derivatives taken on the explicit expression, sampled
values entered as exact rationals, and the result evaluated by SymPy/mpmath to ``prec`` digits.

It serves three checks: the audit of every ``proved`` (each recorded step at sampled points),
the confirmation of every ``refuted`` (the counterexample at increasing precision until the
sign is stable) and the oracle of the soundness fuzz test.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np
import sympy
from sympy.core.evalf import PrecisionExhausted
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._family_sizes import rename_bound
from .._members import MatrixSum
from ..symbols import Label
from ._precise_compare import holds as holds
from ._real_power import RealPower, kept_whole


class NotEvaluable(Exception):
    """The expression cannot be evaluated to a number at this point."""


@dataclass
class Point:
    """Sizes of dimensions, values of free indices and of inputs (by name, or an application)."""

    sizes: dict = field(default_factory=dict)  # dim Symbol -> int
    indices: dict = field(default_factory=dict)  # free index Symbol -> int
    values: dict = field(default_factory=dict)  # name or AppliedUndef -> float or array
    explicit: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # definitions made concrete
    # an integral at this point was taken by quadrature (an audit's, ``_quadrature``): values
    # here are accurate to their digits, not exact
    rounded: bool = field(default=False, repr=False, compare=False)

    def on_simplices(self, table) -> Point:
        """Entries of declared simplices made exact rationals that sum to exactly 1 (float64
        samples are off by an ulp, which an identity using sum p_i = 1 would show)."""
        from .._sampling import declaration_of

        for name, v in list(self.values.items()):
            d = declaration_of(table, name) if isinstance(name, str) else None
            if d is None or d.kind != "simplex":
                continue
            arr = np.asarray(v, dtype=object).ravel()
            if arr.size == 0:
                continue
            exact = [_exact(x) for x in arr[:-1]]
            exact.append(1 - sum(exact, sympy.S.Zero))
            if exact[-1] < 0:
                continue
            self.values[name] = np.array(exact, dtype=object)
        return self


def as_expr(x):
    """A SymPy object as it is, an int as an Integer (never a string: nothing here parses text)."""
    return x if isinstance(x, sympy.Basic) else sympy.Integer(int(x))


def at(e, point: Point):
    r"""``e`` with the point's sizes and free indices entered; a sum or product that binds a letter
    spelled as a free index keeps its own (``\prod_i P_i`` entered into a claim about entry i)."""
    e = as_expr(e)
    if point.indices:
        e = rename_bound(e, set(point.indices))
    return e.xreplace(
        {k: sympy.Integer(int(v)) for k, v in {**point.sizes, **point.indices}.items()}
    )


def _exact(x) -> sympy.Rational:
    if isinstance(x, sympy.Rational):
        return x
    if isinstance(x, sympy.Float):
        return sympy.Rational(x)  # every digit of a high-precision value
    x = float(x)
    if not np.isfinite(x):
        raise NotEvaluable("a non-finite input")
    return sympy.Rational(x)  # the binary value exactly


def expand_sums(e):
    """Sums and products over concrete ranges written out term by term; an empty range is 0
    (a sum) or 1 (a product)."""
    if isinstance(e, sympy.Sum) and len(e.limits) == 1 and e.limits[0][2] == sympy.oo:
        # an infinite series is summed numerically once the point's values are in (``value``)
        return e.func(expand_sums(e.function), *e.limits)
    if isinstance(e, (sympy.Sum, sympy.Product)):
        var, lo, hi = e.limits[-1]
        inner = e.limits[:-1]
        lo, hi = sympy.expand(lo), sympy.expand(hi)
        if not (lo.is_Integer and hi.is_Integer):
            raise NotEvaluable(f"the range {lo}..{hi} is not concrete")
        if int(hi) - int(lo) > 500:
            raise NotEvaluable("a range too long to write out")
        body = e.func(e.function, *inner) if inner else e.function
        terms = [
            expand_sums(_bind(body, var, sympy.Integer(v))) for v in range(int(lo), int(hi) + 1)
        ]
        if isinstance(e, sympy.Sum) and isinstance(body, MatrixExpr):
            # a sum of matrices (\sum_i a_i x_i): their matrix sum, the zero matrix when empty
            return sympy.MatAdd(*terms) if terms else sympy.ZeroMatrix(*body.shape)
        return sympy.Add(*terms) if isinstance(e, sympy.Sum) else sympy.Mul(*terms)
    if isinstance(e, F.IndexMax):
        var, lo, hi = e.limits[0]
        lo, hi = sympy.expand(lo), sympy.expand(hi)
        if not (lo.is_Integer and hi.is_Integer) or hi < lo:
            raise NotEvaluable("an index max over an empty or unknown range")
        terms = [
            expand_sums(_bind(e.function, var, sympy.Integer(v)))
            for v in range(int(lo), int(hi) + 1)
        ]
        return e._reduce(*terms)
    if (
        not isinstance(e, sympy.Basic)
        or not e.args
        or isinstance(e, (sympy.IndexedBase, sympy.MatrixSymbol))
    ):
        return e
    args = [expand_sums(a) for a in e.args]
    if all(a is b for a, b in zip(args, e.args, strict=True)):
        return e
    if isinstance(e, (sympy.Max, sympy.Min)):
        # SymPy's max compares its symbolic arguments pairwise (factor_terms each time): build it
        # as it is, the values decide later
        return e.func(*args, evaluate=False)
    return e.func(*args)


def matrix_sum_written_out(e, point: Point):
    """A side that is a sum of matrices written out at the point's sizes (a matrix expression
    SymPy can subtract), any other side as it is."""
    if isinstance(e, sympy.Sum) and isinstance(e.function, MatrixExpr):
        return expand_sums(at(e, point))
    return e


def _bind(e, var, v):
    r"""``e`` with the index ``var`` given the value ``v`` where it is free: an inner sum that
    binds the same letter again (``\sum_i x_i^2 \sum_i y_i^2`` read as one sum holding the
    other) keeps its own ``i``; only its limits see the outer value."""
    if not isinstance(e, sympy.Basic) or var not in e.free_symbols:
        return e
    if hasattr(e, "limits") and any(lim[0] == var for lim in e.limits):
        limits = []
        rebound = False
        for lim in e.limits:
            if rebound:
                limits.append(lim)
                continue
            limits.append((lim[0], *(_bind(b, var, v) for b in lim[1:])))
            rebound = lim[0] == var
        # the function sees the inner binding when any limit rebinds var
        return e.func(e.function, *limits)
    if isinstance(e, (sympy.Symbol, sympy.Indexed)) or not e.args:
        return e.xreplace({var: v})
    return e.func(*[_bind(a, var, v) for a in e.args])


def _array(point: Point, name: str):
    if name not in point.values:
        raise NotEvaluable(f"no value for `{name}`")
    v = np.asarray(point.values[name])
    return v if v.dtype == object else v.astype(float)


def _matrix_value(m: sympy.MatrixSymbol, point: Point):
    v = (
        np.asarray(point.values.get(m.name), dtype=object)
        if m.name in point.values
        else _array(point, m.name)
    )
    rows, cols = (int(m.shape[0]), int(m.shape[1]))
    v = v.reshape(rows, cols)
    return sympy.ImmutableMatrix(rows, cols, [_exact(x) for x in v.ravel()])


def _at_defined_variables(e, point: Point, rules) -> Point:
    r"""``point`` with the variable of a gradient or Hessian that a given defines at its defined
    value (``\nabla_w \mathcal{L}(w)`` with ``w = (X^\top X + \lambda I)^{-1} X^\top y`` given: the
    gradient at that w), so that the gradient is taken first and the definition applies to the
    result, as the claim reads; the definition in 150 digits. By name: the point's sizes may be
    entered in ``e`` already."""
    variables = {
        g.args[1].name
        for g in e.atoms(*F.DERIVATIVE_NODES)
        if isinstance(g.args[1], sympy.MatrixSymbol)
    }
    defined = [
        (a, b) for a, b in rules if isinstance(a, sympy.MatrixSymbol) and a.name in variables
    ]
    if not defined:
        return point
    moved = copy.copy(point)
    moved.values = dict(point.values)
    moved.explicit = {}
    others = [r for r in rules if str(r[0]) not in variables]
    for a, b in defined:
        v = value(b, point, 150, rules=others)
        if not isinstance(v, sympy.MatrixBase):
            raise NotEvaluable(f"the definition of `{a}` is no array")
        moved.values[a.name] = np.array(v.tolist(), dtype=object)
    return moved


def _fingerprint(point: Point) -> tuple:
    """The point's sizes, indices and values, hashable (values entry by entry)."""
    values = tuple(
        (str(k), np.shape(v), tuple(np.asarray(v, dtype=object).ravel().tolist()))
        for k, v in sorted(point.values.items(), key=lambda kv: str(kv[0]))
    )
    return (
        tuple(sorted((str(k), int(v)) for k, v in point.sizes.items())),
        tuple(sorted((str(k), int(v)) for k, v in point.indices.items())),
        values,
    )


def _once(node, point: Point, write_out):
    """``write_out(node, point)``, once per node and point: an audit evaluates the claim's gap
    and then each side at the same point, and a gradient or Hessian written out entry by entry is
    the costly part of each."""
    key = ("written out", node, _fingerprint(point))
    if key not in point.explicit:
        point.explicit[key] = write_out(node, point)
    return point.explicit[key]


def _explicit(e, point: Point):
    e = at(e, point)
    from .._algebra import expand_softmax
    from ._prepare import expand_matrix_softmax

    # softmax is written out before any derivative is taken (SymPy would treat softmax(z)_j as
    # a symbol of its own, independent of z_k)
    e = expand_matrix_softmax(expand_softmax(e)) if e.has(F.softmax) else e
    e = expand_sums(e)
    if e.has(MatrixSum):  # a sum of matrices (a gradient through a family): its terms added
        e = e.replace(lambda x: isinstance(x, MatrixSum), lambda x: x.doit(deep=False))
    if e.has(*F.DERIVATIVE_NODES):
        # an entry of a gradient, (\nabla f)_k, is picked from the written-out matrix by its
        # 1-based index here: rebuilt around an explicit matrix, SymPy would index it from 0
        e = e.replace(
            lambda x: isinstance(x, sympy.Indexed) and isinstance(x.base.label, F.DERIVATIVE_NODES),
            lambda x: _written_entry(x, point),
        )
    if e.has(*F.DERIVATIVE_NODES):
        # the outermost first: a gradient inside a Jacobian (the Hessian written as the
        # Jacobian of a gradient) is differentiated with it, never first made a constant
        e = e.xreplace({n: _once(n, point, _writer(n)) for n in _outermost(e, F.DERIVATIVE_NODES)})
    if e.has(sympy.Derivative):
        e = e.replace(
            lambda x: isinstance(x, sympy.Derivative),
            lambda x: _entrywise(x).doit(integrals=False),
        )
    return e


def _outermost(e, types) -> list:
    """The subexpressions of ``e`` of the given types that no other of them holds."""
    found: list = []
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, types):
            found.append(x)
        elif isinstance(x, sympy.Basic):
            stack.extend(x.args)
    return found


def _written_entry(ix, point: Point):
    """Entry ``ix`` (1-based, as every subscript) of a gradient, Hessian or Jacobian written out."""
    node = ix.base.label
    if not all(i.is_Integer for i in ix.indices):
        raise NotEvaluable(f"the entry {ix} has a symbolic index")

    m = _once(node, point, _writer(node))
    idx = [int(i) - 1 for i in ix.indices] + ([0] if len(ix.indices) == 1 else [])
    if not (0 <= idx[0] < m.rows and 0 <= idx[1] < m.cols):
        raise NotEvaluable(f"the entry {ix} is out of range")
    return m[idx[0], idx[1]]


def _writer(node):
    """How a derivative node is written out: by its class, or the nearest one it refines (a
    transposed gradient whose name stayed a scalar is a gradient)."""
    from ._precise_calculus import WRITE_OUT

    return next(WRITE_OUT[c] for c in type(node).__mro__ if c in WRITE_OUT)


def _entrywise(d):
    """A derivative with respect to an entry ``w_j`` of an array that the expression holds in
    matrix notation (``w^\top x``): the array written out as the explicit matrix of its entries
    first, so that the entry appears (SymPy would see no ``w_j`` and answer 0)."""
    names = {str(v.base.label) for v, _ in d.variable_count if isinstance(v, sympy.Indexed)}
    arrays = d.expr.atoms(sympy.MatrixSymbol)
    if not any(m.name in names for m in arrays):
        return d
    bases = {str(v.base.label): v.base for v, _ in d.variable_count if isinstance(v, sympy.Indexed)}
    repl = {}
    for m in arrays:
        # every array of the expression written out, so that the product can be formed
        rows, cols = int(m.shape[0]), int(m.shape[1])
        base = bases.get(m.name) or sympy.IndexedBase(sympy.Symbol(m.name, real=True))
        if cols == 1:
            entries = [base[r + 1] for r in range(rows)]
        else:
            entries = [base[r + 1, c + 1] for r in range(rows) for c in range(cols)]
        repl[m] = sympy.ImmutableMatrix(rows, cols, entries)
    expr = d.expr.xreplace(repl).doit()
    if isinstance(expr, sympy.MatrixBase) and expr.shape == (1, 1):
        expr = expr[0, 0]
    return sympy.Derivative(expr, *d.variable_count)


def concrete(e, point: Point, inputs: bool = True, rules=()):
    """``e`` at the point as an exact (or constant) SymPy expression, ready for ``evalf``.
    Derivatives are taken before the definitions in ``rules`` apply (``d/d\\theta`` with a given
    ``\\theta = \\bar{y}`` differentiates first), as in the claim's reading; what a derivative
    differentiates has the other definitions entered first (``d\\ell/dw`` with ``\\ell`` defined)."""
    if rules:
        from ._prepare import into_derivatives, substitute

        e = into_derivatives(e, rules)
        # functions, and definitions at an argument (P(y^{(i)} | x^{(i)}) = ... under a product
        # over i), apply while the arguments are still written as they match
        e = substitute(e, [(a, b) for a, b in rules if isinstance(a, AppliedUndef)])
        e = into_derivatives(e, rules)  # what they brought in (g(w) = dJ/dw, J given)
        point = _at_defined_variables(e, point, rules)
    e = _explicit(e, point)
    if rules:
        from ._prepare import into_derivatives, substitute

        key = tuple(rules)
        if key not in point.explicit:
            # a definition's own derivatives with the other definitions entered first (H(w) =
            # \frac{d g^\top}{dw} with g = \nabla J given: the Hessian of J, not a constant's)
            point.explicit[key] = [
                (_explicit(a, point), _explicit(into_derivatives(b, rules), point))
                for a, b in rules
            ]
        e = _explicit(substitute(e, point.explicit[key]), point)
    if not inputs:
        return e
    repl = {}
    for m in e.atoms(sympy.MatrixSymbol):
        repl[m] = _matrix_value(m, point)
    e = _picked_by_labels(e, point)
    for ix in e.atoms(sympy.Indexed):
        if isinstance(ix.base.label, F.softmax):
            continue
        if isinstance(ix.base.label, MatrixExpr):
            repl[ix] = _product_entry(ix, point)
            continue
        name = str(ix.base.label)
        if not all(i.is_Integer for i in ix.indices):
            raise NotEvaluable(f"the entry {ix} has a symbolic index")
        arr = _array(point, name)
        idx = tuple(int(i) - 1 for i in ix.indices)
        if arr.ndim == len(idx) + 1 and arr.shape[-1] == 1:
            arr = arr[..., 0]  # a vector sampled as an n x 1 matrix
        if (
            any(i < 0 for i in idx)
            or len(idx) != arr.ndim
            or any(i >= s for i, s in zip(idx, arr.shape, strict=True))
        ):
            raise NotEvaluable(f"the entry {ix} is out of range")
        repl[ix] = _exact(arr[idx])
    for a in e.atoms(AppliedUndef):
        if a in point.values:
            repl[a] = _exact(point.values[a])
    e = e.xreplace(repl)
    repl = {}
    for s in e.free_symbols:
        if (
            isinstance(s, sympy.Symbol)
            and s.name in point.values
            and np.ndim(point.values[s.name]) == 0
        ):
            v = point.values[s.name]
            repl[s] = _exact(v.item() if isinstance(v, np.ndarray) else v)
    # b^a with a letter of the point in a real exponent stays whole until evaluated to digits: as
    # exact rationals, (1-t)^a (1-t)^b became (1-t)^{a+b}, whose exact root SymPy sought for minutes
    e = e.replace(lambda x: kept_whole(x, repl), lambda x: RealPower(*x.args)).xreplace(repl)
    if e.has(F.softmax):
        e = e.replace(
            lambda x: isinstance(x, sympy.Indexed) and isinstance(x.base.label, F.softmax),
            _softmax_entry,
        )
    # identities, zeros and ones of a concrete size written out, so that a sum or product with
    # the explicit matrices of the inputs evaluates (S - I stays symbolic otherwise)
    e = e.replace(
        lambda x: (
            isinstance(x, (sympy.Identity, sympy.ZeroMatrix, sympy.OneMatrix))
            and all(d.is_Integer for d in x.shape)
        ),
        lambda x: x.as_explicit(),
    )
    e = e.doit(integrals=False, sums=False, deep=True)
    return e


def _picked_by_labels(e, point):
    """``e`` with every label that picks an entry (``y[2]`` in ``\\mu[y[2]]``, one label ``y`` in
    ``z[y]``) replaced by its value, a whole number, innermost first."""
    one = {s for ix in e.atoms(sympy.Indexed) for s in sympy.Tuple(*ix.indices).atoms(Label)}
    e = e.xreplace({s: _whole(_array(point, s.name).reshape(()), s) for s in one})
    while True:
        inner = {
            ix
            for outer in e.atoms(sympy.Indexed)
            for i in outer.indices
            for ix in sympy.Tuple(i).atoms(sympy.Indexed)
            if all(j.is_Integer for j in ix.indices)
        }
        if not inner:
            return e
        repl = {}
        for ix in inner:
            arr = _array(point, str(ix.base.label))
            idx = tuple(int(j) - 1 for j in ix.indices)
            if (
                any(j < 0 for j in idx)
                or len(idx) != arr.ndim
                or any(j >= n for j, n in zip(idx, arr.shape, strict=True))
            ):
                raise NotEvaluable(f"the entry {ix} is out of range")
            repl[ix] = _whole(arr[idx], ix)
        e = e.xreplace(repl)


def _whole(v, label) -> sympy.Integer:
    """The value of a label, a whole number (else there is no entry: ``NotEvaluable``)."""
    if not (v := _exact(v)).is_integer:
        raise NotEvaluable(f"the label {label} = {v} is no whole number")
    return sympy.Integer(v)


def _product_entry(ix, point: Point):
    """An entry of a matrix expression, ``(X w)_i``: the expression made explicit from its
    factors' values, then the entry (1-based)."""
    m = ix.base.label
    if not all(i.is_Integer for i in ix.indices):
        raise NotEvaluable(f"the entry {ix} has a symbolic index")
    explicit = concrete(m, point)
    if isinstance(explicit, MatrixExpr) and not isinstance(explicit, sympy.MatrixBase):
        explicit = explicit.as_explicit()
    idx = [int(i) - 1 for i in ix.indices]
    if len(idx) == 1:
        idx.append(0)
    rows, cols = explicit.shape
    if not (0 <= idx[0] < rows and 0 <= idx[1] < cols):
        raise NotEvaluable(f"the entry {ix} is out of range")
    return explicit[idx[0], idx[1]]


def _softmax_entry(ix):
    r"""``softmax(v)_k`` of an explicit vector: ``e^{v_k} / \sum_j e^{v_j}``."""
    v = ix.base.label.args[0]
    v = v.doit()
    if hasattr(v, "as_explicit"):
        v = v.as_explicit()
    if not isinstance(v, sympy.MatrixBase) or len(ix.indices) != 1 or not ix.indices[0].is_Integer:
        raise NotEvaluable("softmax of a non-vector")
    entries = list(v)
    k = int(ix.indices[0]) - 1
    if not 0 <= k < len(entries):
        raise NotEvaluable("softmax index out of range")
    return sympy.exp(entries[k]) / sympy.Add(*[sympy.exp(x) for x in entries])


def value(
    e,
    point: Point,
    prec: int = 50,
    integrals: str = "symbolic",
    rules=(),
    exhausted_is_zero: bool = False,
):
    """``e`` at the point to ``prec`` significant digits: a SymPy Float, or an ImmutableMatrix of
    them. ``NotEvaluable`` when it is not a finite real number there, or when it needs a numeric
    integral (its quadrature error is not bounded): ``integrals="symbolic"`` tries SymPy's
    closed form first (the caller holds the time budget), ``"none"`` does not, ``"audit"``
    (an audit of a proof, never a confirmation) first takes a one-variable integral whose
    quadrature estimates its error small enough (``_quadrature``)."""
    try:
        c = concrete(e, point, rules=rules)
    except NotEvaluable:
        raise
    except Exception as err:
        raise NotEvaluable(f"{type(err).__name__} while evaluating") from None
    if isinstance(c, sympy.MatrixExpr) and not isinstance(c, sympy.MatrixBase):
        # a zero matrix, an identity or a product of explicit matrices left unevaluated
        try:
            c = c.as_explicit().doit()
        except Exception as err:
            raise NotEvaluable(f"a matrix expression without explicit entries ({err})") from None
    if c.has(sympy.Integral) and integrals == "none":
        raise NotEvaluable("a numeric integral (its quadrature error is not bounded)")
    if c.has(sympy.Integral) and integrals == "audit":
        from ._quadrature import checked_quadratures

        before = c
        c = checked_quadratures(c, prec)  # sums are written out already (_explicit)
        if c is not before:
            point.rounded = True
    if c.has(sympy.Integral):
        # a closed form where SymPy finds one (the caller holds the time budget); a numeric
        # quadrature has no error bound, so it cannot confirm anything
        from ._identities import evaluate_integrals

        try:
            c = evaluate_integrals(c)
        except (TypeError, ValueError, ZeroDivisionError) as err:
            # SymPy's Meijer G search compares NaN on some integrands at a point
            raise NotEvaluable(f"the integral at this point ({type(err).__name__})") from None
        if c.has(sympy.Integral):
            raise NotEvaluable("a numeric integral (its quadrature error is not bounded)")
    if c.free_symbols:
        raise NotEvaluable(f"no value for {', '.join(sorted(map(str, c.free_symbols)))}")
    for ex in c.atoms(sympy.exp):
        # e^{10^{16}} (a softmax of huge scores) would take mpmath minutes at the precision the
        # cancellation around it asks for: such points are beyond high-precision evaluation
        try:
            big = abs(ex.args[0].evalf(15)) > 10**4
        except TypeError:
            big = True
        if big:
            raise NotEvaluable("an exponential of a number beyond 10^4")
    if c.has(sympy.Sum):
        c = _sum_series(c, prec)
    entries = list(c) if isinstance(c, sympy.MatrixBase) else [c]
    out = []
    for x in entries:
        try:
            # strict: evalf raises rather than return digits it could not make exact
            v = sympy.N(x, prec, maxn=4 * prec + 100, strict=True)
        except PrecisionExhausted:
            if not exhausted_is_zero:
                raise NotEvaluable(
                    "no digit of the value is certain (it may be exactly 0)"
                ) from None
            v = sympy.S.Zero  # below 10^-(4 prec) of its terms: 0 for the audit's purposes
        except Exception as err:
            raise NotEvaluable(f"evaluation failed ({type(err).__name__})") from None
        if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise NotEvaluable("not finite")
        if v.has(sympy.I) or not (v.is_Float or v.is_Rational or v.is_Integer):
            re_, im = v.as_real_imag() if v.is_number else (None, None)
            if (
                re_ is not None
                and im is not None
                and (im == 0 or abs(im) < sympy.Float(10) ** (-prec + 5) * (1 + abs(re_)))
            ):
                v = re_
            else:
                raise NotEvaluable("not a finite real number")
        if v in (sympy.oo, -sympy.oo, sympy.nan, sympy.zoo):
            raise NotEvaluable("not finite")
        out.append(sympy.Float(v, prec))
    if isinstance(c, sympy.MatrixBase):
        return sympy.ImmutableMatrix(c.shape[0], c.shape[1], out)
    return out[0]


def _sum_series(c, prec: int):
    """Every infinite series of numbers in ``c`` summed numerically by SymPy's summation of
    hypergeometric terms (which detects divergence), independently of any closed form; a series
    of another kind, or one that diverges, has no value."""

    def total(s):
        var, lo, hi = s.limits[0]
        if hi != sympy.oo or not lo.is_Integer or s.function.free_symbols - {var}:
            raise NotEvaluable("a sum over a range that is not concrete")
        if sympy.hypersimp(s.function, var) is None:
            raise NotEvaluable("a series whose terms are not hypergeometric")
        try:
            v = sympy.N(s, prec + 10, maxn=4 * prec + 100)
        except ValueError:
            raise NotEvaluable("the series diverges here") from None
        if not v.is_Float and not v.is_Rational:
            raise NotEvaluable("the series has no finite value here")
        return v

    return c.replace(lambda x: isinstance(x, sympy.Sum), total)
