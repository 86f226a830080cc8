"""Numeric evaluation: a plain walk of the SymPy tree that computes with JAX arrays.

This is the straightforward translation (sums are Python loops over their range, inverses are
inverses); it is exact enough to check worked examples in float64. Shapes come from the symbol
table: the size of every dimension is read off the arrays a user passes in.

The walk is one dataclass made of parts: ``_reduce`` (sums, products and extrema over an index)
and ``_argmax`` (arg max and arg min over a scalar); ``_elementary`` is its table of functions,
``_inputs`` says what an expression needs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError, ShapeError
from .._members import MatrixSum, Member
from .._vec import Commutation, Vec, commutation_permutation
from ._argmax import ArgMax
from ._axes import mirrored_range, refuse_shifted_only, shifted_range
from ._dims import bind_dims
from ._elementary import _ELEMENTARY, loggamma
from ._emit_index import OUTSIDE_RANGE
from ._inputs import Key
from ._reduce import LOOP_TERMS, Reductions


@dataclass
class _Walk(Reductions, ArgMax):
    values: Mapping[Key, Any]
    functions: Mapping[str, tuple[tuple[sympy.Symbol, ...], sympy.Basic]]
    dims: dict[sympy.Symbol, int] = field(default_factory=dict)
    bound: dict[sympy.Basic, object] = field(default_factory=dict)
    probe: sympy.Symbol | None = None  # a free index whose range is probed (``_index_size``)
    probed: bool = False  # whether an entry was read through ``probe`` since it was last bound

    # -- inputs ----------------------------------------------------------------------------------
    def value(self, key: Key, what: str):
        if key in self.values:
            return self.values[key]
        raise CompileError(f"no value given for `{what}`; pass it with --set or as an argument")

    def array(self, obj) -> object:
        import jax.numpy as jnp

        if isinstance(obj, sympy.MatrixSymbol):
            a = jnp.asarray(self.value(obj.name, obj.name))
            rows, cols = (self.size(s) for s in obj.shape)
            if a.ndim == 1 and cols == 1:
                a = a.reshape(rows, 1)
            if a.shape != (rows, cols):
                raise ShapeError(
                    f"`{obj.name}` has shape {tuple(a.shape)}, expected ({rows}, {cols})"
                )
            return a
        raise CompileError(f"cannot evaluate `{obj}` as an array")

    def size(self, s: sympy.Expr) -> int:
        v = self.number(s)
        if float(v) != int(v):
            raise ShapeError(f"size `{s}` is not an integer")
        return int(v)

    def number(self, e: sympy.Expr):
        return self.ev(e) if e.free_symbols else float(e)

    # -- the walk ----------------------------------------------------------------------------------
    def ev(self, e: sympy.Basic):
        """The value of ``e``: a bound variable's, a number's, or the rule ``NODES`` gives its
        class (the first of its classes, most derived first), else an elementary function's."""
        if e in self.bound:
            return self.bound[e]
        if isinstance(e, sympy.Integer):
            return int(e)
        if e.is_Number:
            return float(e)
        for cls in type(e).__mro__:
            rule = NODES.get(cls)
            if rule is not None:
                return rule(self, e)
        return self.elementary(e)

    def elementary(self, e: sympy.Basic):
        fn = _ELEMENTARY.get(type(e))
        if fn is not None:
            return fn(*[self.ev(a) for a in e.args])
        raise CompileError(f"cannot evaluate `{type(e).__name__}` (in `{e}`) numerically yet")

    def symbol(self, e: sympy.Symbol):
        import jax.numpy as jnp

        if e in self.dims:
            return self.dims[e]
        if e.is_integer and e.name not in self.values:
            raise CompileError(
                f"the size `{e.name}` is not the shape of any input; give its value too"
            )
        return jnp.asarray(self.value(e.name, e.name))

    def entry(self, e: sympy.Indexed):
        if self.probe is not None and any(i.has(self.probe) for i in e.indices):
            self.probed = True
        base = self.indexed_base(e.base)
        idx = tuple(int(self.ev(i)) - 1 for i in e.indices)
        for axis, i in enumerate(idx):
            if not 0 <= i < base.shape[axis]:
                raise ShapeError(f"index {i + 1} of `{e}` is outside 1..{base.shape[axis]}")
        return base[idx]

    def matrix_entry(self, e: MatrixElement):
        m = self.ev(e.parent)
        return m[int(self.ev(e.i)), int(self.ev(e.j))]

    def add(self, e: sympy.Basic):
        total = self.ev(e.args[0])
        for a in e.args[1:]:
            total = total + self.ev(a)
        return total

    def matmul(self, e: sympy.MatMul):
        import jax.numpy as jnp

        out = None
        for a in e.args:
            v = self.ev(a)
            if out is None:
                out = v
            elif isinstance(a, MatrixExpr) and jnp.ndim(out) == 2:
                out = out @ v
            else:
                out = out * v
        return out

    def mul(self, e: sympy.Basic):
        if self.bound and not isinstance(e, sympy.HadamardProduct) and _guarded(e):
            # one entry of a derivative (``[k <= N - tau] x_{k + tau}``): where a guard is 0,
            # the other factors are not read (their index may lie outside its array there)
            for guard in (a for a in e.args if isinstance(a, _GUARDS)):
                value = self.ev(guard)
                if np.ndim(value) == 0 and float(value) == 0.0:
                    return 0.0
        out = self.ev(e.args[0]) if isinstance(e, sympy.HadamardProduct) else 1.0
        for a in e.args[1:] if isinstance(e, sympy.HadamardProduct) else e.args:
            out = out * self.ev(a)
        return out

    def power(self, e: sympy.Pow):
        import jax.numpy as jnp

        base, exp = self.ev(e.base), self.ev(e.exp)
        if isinstance(exp, int) and exp < 0:
            return 1.0 / jnp.asarray(base, dtype=float) ** (-exp)
        return jnp.power(jnp.asarray(base, dtype=float), exp)

    def matrix_power(self, e: sympy.MatPow):
        import jax.numpy as jnp

        if e.exp.is_integer and not e.exp.is_Integer:  # S^K, J^k: a whole number given or bound
            k = self.ev(e.exp)
            if np.ndim(k) or float(k) != int(k):
                raise CompileError(f"the exponent of `{e}` is not one whole number here")
            return jnp.linalg.matrix_power(jnp.asarray(self.ev(e.base), dtype=float), int(k))
        if not e.exp.is_Integer:
            import scipy.linalg

            # an independent route (SciPy's Schur method) from the compiled one; sqrtm also
            # takes a singular matrix, where the fractional power gives NaN
            a = np.asarray(self.ev(e.base), dtype=float)
            if e.exp == sympy.Rational(1, 2):
                root = scipy.linalg.sqrtm(a)
            else:
                root = scipy.linalg.fractional_matrix_power(a, float(e.exp))
            return jnp.asarray(np.real_if_close(root, tol=1e6))
        return jnp.linalg.matrix_power(self.ev(e.base), int(self.ev(e.exp)))

    def filled(self, e: sympy.Basic):
        import jax.numpy as jnp

        fill = jnp.ones if isinstance(e, sympy.OneMatrix) else jnp.zeros
        return fill(tuple(self.size(s) for s in e.shape))

    def explicit_matrix(self, e: sympy.ImmutableMatrix):
        import jax.numpy as jnp

        return jnp.asarray([[self.ev(x) for x in row] for row in e.tolist()], dtype=float)

    def kronecker(self, e: sympy.KroneckerProduct):
        import jax.numpy as jnp

        out = self.ev(e.args[0])
        for a in e.args[1:]:
            out = jnp.kron(out, self.ev(a))
        return out

    def commutation(self, e: Commutation):
        import jax.numpy as jnp

        p, q = (self.size(a) for a in e.args)
        return jnp.eye(p * q)[jnp.asarray(commutation_permutation(p, q))]

    def softmax(self, e: F.Softmax):
        import jax

        z = self.ev(e.arg)
        return jax.nn.softmax(z, axis=0 if z.shape[-1] == 1 else -1)

    def piecewise(self, e: sympy.Piecewise):
        import jax.numpy as jnp

        out = self.ev(e.args[-1].expr) if e.args[-1].cond == sympy.true else jnp.nan
        for piece in reversed(e.args):
            if piece.cond == sympy.true:
                continue
            out = jnp.where(self.ev(piece.cond), self.ev(piece.expr), out)
        return out

    def relation(self, e: sympy.core.relational.Relational):
        import jax.numpy as jnp

        ops = {
            "<": jnp.less,
            "<=": jnp.less_equal,
            ">": jnp.greater,
            ">=": jnp.greater_equal,
            "==": jnp.equal,
            "!=": jnp.not_equal,
        }
        return ops[e.rel_op](self.ev(e.lhs), self.ev(e.rhs))

    def logarithm(self, e: sympy.log):
        if len(e.args) == 1 and isinstance(e.args[0], sympy.gamma):
            # log Gamma(x) without the overflow of Gamma(x) on the way (x = 10^17: inf)
            return loggamma(self.ev(e.args[0].args[0]))
        return self.elementary(e)

    def indexed_base(self, base: sympy.IndexedBase):
        import jax
        import jax.numpy as jnp

        label = base.label
        if isinstance(label, sympy.Symbol):
            a = jnp.asarray(self.value(label.name, label.name))
        elif isinstance(label, F.softmax):
            a = jax.nn.softmax(jnp.ravel(self.ev(label.args[0])))
        else:
            a = self.ev(label)
        if base.shape is not None:
            want = tuple(self.size(s) for s in base.shape)
            if a.ndim == 2 and len(want) == 1 and 1 in a.shape:
                a = jnp.ravel(a)
            if tuple(a.shape) != want:
                raise ShapeError(f"`{label}` has shape {tuple(a.shape)}, expected {want}")
        return a

    def apply_lambda(self, lam: sympy.Lambda, args: list):
        saved = dict(self.bound)
        try:
            for v, a in zip(lam.variables, args, strict=True):
                self.bound[v] = a
            return self.ev(lam.expr)
        finally:
            self.bound = saved

    def application(self, e: AppliedUndef):
        name = e.func.__name__
        if name in self.functions:
            params, body = self.functions[name]
            if len(params) != len(e.args):
                raise CompileError(
                    f"`{name}` is defined with {len(params)} arguments but applied to {len(e.args)}"
                )
            return self.apply_lambda(sympy.Lambda(params, body), [self.ev(a) for a in e.args])
        import jax.numpy as jnp

        from ..latex import to_latex

        return jnp.asarray(self.value(e, to_latex(e)))

    def integral(self, e: sympy.Integral):
        """Adaptive quadrature with an error estimate (mpmath's tanh-sinh), after splitting the
        range where the integrand has a kink (a sign change inside |.|, max, min, a step or a
        piecewise condition) and at its largest sampled value (a peak far from 0 on an infinite
        range); an oscillating integrand on a half line goes through ``quadosc``. A result whose
        estimated error exceeds the tolerance is refused, never returned."""
        from ._quadrature import integrate

        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            raise CompileError(
                "only definite integrals over one variable are evaluated numerically"
            )
        var, lo, hi = e.limits[0]
        a = -math.inf if lo == -sympy.oo else self.scalar(lo, "a bound of the integral")
        b = math.inf if hi == sympy.oo else self.scalar(hi, "a bound of the integral")
        saved = dict(self.bound)

        def at(x, g=e.function):
            self.bound[var] = x
            return self.ev(g)

        try:
            return integrate(at, e.function, var, a, b, shown=str(e))
        finally:
            self.bound = saved

    def scalar(self, e, what: str) -> float:
        v = self.number(e)
        try:
            return float(v)
        except (TypeError, ValueError):
            raise CompileError(f"{what} (`{e}`) must be one number") from None


def _jnp(name: str, *path: str):
    """A rule that applies ``jax.numpy`` function ``name`` (``linalg.inv``) to a node's value."""

    def rule(walk: _Walk, e):
        import jax.numpy as jnp

        fn: Any = jnp
        for part in name.split("."):
            fn = getattr(fn, part)
        return fn(walk.ev(getattr(e, path[0]) if path else e.args[0]))

    return rule


def _matrix_exp(walk: _Walk, e):
    import jax

    return jax.scipy.linalg.expm(walk.ev(e.arg))


def _diagonal_of(walk: _Walk, e):
    import jax.numpy as jnp

    return jnp.diag(walk.ev(e.arg)).reshape(-1, 1)


def _diag_matrix(walk: _Walk, e):
    import jax.numpy as jnp

    return jnp.diag(jnp.ravel(walk.ev(e.args[0])))


def _transpose(walk: _Walk, e):
    import jax.numpy as jnp

    return jnp.swapaxes(walk.ev(e.arg), -1, -2)


def _vec(walk: _Walk, e):
    import jax.numpy as jnp

    return jnp.reshape(jnp.swapaxes(walk.ev(e.arg), -1, -2), (-1, 1))


def _identity(walk: _Walk, e):
    import jax.numpy as jnp

    return jnp.eye(walk.size(e.rows))


def _member(walk: _Walk, e: Member):
    """A row or column of a declared matrix (``v_i`` of ``v_i: row[V]``), as a column vector."""
    parent = walk.ev(e.parent)
    k = int(walk.ev(e.index)) - 1
    size = parent.shape[e.axis]
    if not 0 <= k < size:
        raise ShapeError(f"`{e}` picks member {k + 1} of {size}")
    picked = parent[:, k] if e.axis == 1 else parent[k, :]
    return picked.reshape(-1, 1)


#: how the walk evaluates a node, by its class: ``ev`` takes the rule of the first class in the
#: node's method resolution order (``MatMul`` before ``Mul``, ``MatAdd`` is an ``Add``); a class
#: not here is looked up in the table of elementary functions
NODES: dict[type, Any] = {
    type(sympy.pi): lambda walk, e: math.pi,
    type(sympy.E): lambda walk, e: math.e,
    sympy.Symbol: _Walk.symbol,
    sympy.MatrixSymbol: lambda walk, e: walk.array(e),
    Member: _member,
    sympy.Indexed: _Walk.entry,
    MatrixElement: _Walk.matrix_entry,
    sympy.Add: _Walk.add,
    sympy.MatAdd: _Walk.add,
    sympy.MatMul: _Walk.matmul,
    sympy.Mul: _Walk.mul,
    sympy.Pow: _Walk.power,
    sympy.MatPow: _Walk.matrix_power,
    sympy.Transpose: _transpose,
    sympy.Trace: _jnp("trace", "arg"),
    sympy.Determinant: _jnp("linalg.det", "arg"),
    sympy.HadamardProduct: _Walk.mul,
    sympy.HadamardPower: lambda walk, e: walk.ev(e.args[0]) ** walk.ev(e.args[1]),
    ElementwiseApplyFunction: lambda walk, e: walk.apply_lambda(e.function, [walk.ev(e.expr)]),
    sympy.DiagMatrix: _diag_matrix,
    sympy.DiagonalOf: _diagonal_of,
    sympy.OneMatrix: _Walk.filled,
    sympy.ZeroMatrix: _Walk.filled,
    sympy.Identity: _identity,
    sympy.ImmutableMatrix: _Walk.explicit_matrix,
    sympy.KroneckerProduct: _Walk.kronecker,
    Vec: _vec,
    Commutation: _Walk.commutation,
    F.MatrixExp: _matrix_exp,
    F.Softmax: _Walk.softmax,
    sympy.Piecewise: _Walk.piecewise,
    sympy.core.relational.Relational: _Walk.relation,
    sympy.And: lambda walk, e: _logical(walk, e, "logical_and"),
    sympy.Or: lambda walk, e: _logical(walk, e, "logical_or"),
    sympy.Not: lambda walk, e: _logical(walk, e, "logical_not"),
    sympy.Sum: lambda walk, e: walk.reduce(e),
    MatrixSum: lambda walk, e: walk.reduce_limits(e.body, list(e.limits), True),
    sympy.Product: lambda walk, e: walk.reduce(e),
    F.IndexMax: lambda walk, e: walk.extremum(e),  # and IndexMin
    F.Excluded: lambda walk, e: (
        walk.ev(e.args[0]) if walk.ev(e.args[1]) != walk.ev(e.args[2]) else float(e.args[3])
    ),
    F.Kept: lambda walk, e: walk.ev(e.args[0]) if bool(walk.ev(e.args[1])) else walk.ev(e.args[2]),
    sympy.Integral: lambda walk, e: walk.integral(e),
    F.argmax: lambda walk, e: walk.optimum(e),
    F.argmin: lambda walk, e: walk.optimum(e),
    AppliedUndef: lambda walk, e: walk.application(e),
    sympy.log: _Walk.logarithm,
}


def _logical(walk: _Walk, e, how: str):
    """``a & b & ...`` (``|``, ``~a``): the conditions of a Piecewise joined (the Rand index's
    pairs that agree in both clusterings)."""
    import functools

    import jax.numpy as jnp

    values = [walk.ev(a) for a in e.args]
    if how == "logical_not":
        return jnp.logical_not(values[0])
    return functools.reduce(getattr(jnp, how), values)


def evaluate(
    expr: sympy.Basic,
    values: Mapping[Key, object],
    *,
    table=None,
    functions: Mapping[str, tuple[tuple[sympy.Symbol, ...], sympy.Basic]] | None = None,
    free_indices: tuple[sympy.Symbol, ...] = (),
    index_ranges: Mapping[sympy.Symbol, tuple[sympy.Expr, sympy.Expr]] | None = None,
) -> np.ndarray:
    """Evaluate ``expr`` in float64 at ``values`` (keys: symbol names, or applications such as
    ``P(B | A)``). Free indices become output axes, in the order given; ``index_ranges`` gives
    the range of those the expression cannot tell (a gradient's entries, ``(1, n)``)."""
    import jax
    import jax.numpy as jnp

    from ..symbols import SymbolTable

    table = table if table is not None else SymbolTable()
    with jax.enable_x64(True):
        arrays = {k: jnp.asarray(np.asarray(v, dtype=np.float64)) for k, v in values.items()}
        walk = _Walk(arrays, functions or {}, bind_dims(expr, values, table))
        if free_indices:
            ranges = index_ranges or {}
            shifted = {
                k: r
                for k in free_indices
                if k not in ranges and (r := shifted_range(expr, k)) is not None
            }
            starts = [walk.size(shifted[k][0]) if k in shifted else 1 for k in free_indices]
            sizes = [
                _given_size(ranges[k], walk)
                if k in ranges
                else walk.size(shifted[k][1]) - start + 1
                if k in shifted
                else _index_size(expr, k, walk)
                for k, start in zip(free_indices, starts, strict=True)
            ]
            if math.prod(sizes) > LOOP_TERMS:
                raise CompileError(
                    f"the output has {math.prod(sizes):,} entries (free indices "
                    f"{', '.join(f'`{k}`' for k in free_indices)}), each evaluated one by one; "
                    f"derivax evaluates at most {LOOP_TERMS:,} this way"
                )
            out = np.empty(sizes)
            for pos in np.ndindex(*sizes):
                walk.bound = {
                    k: p + start for k, p, start in zip(free_indices, pos, starts, strict=True)
                }
                out[pos] = float(walk.ev(expr))
            return out
        result = np.asarray(walk.ev(expr), dtype=np.float64)
    if result.ndim == 2 and result.shape[1] == 1:
        result = result[:, 0]
    return result


_GUARDS = (sympy.Piecewise, sympy.KroneckerDelta)


def outside_where_guarded(error: Exception, expr: sympy.Basic) -> bool:
    """A compiled function refused an index range at trace time, in an expression where a
    condition or a Kronecker delta may guard the access (``[k <= T] r_k`` over every ``k`` of
    ``v``): the plain walk, entry by entry, reads it only where the guard holds."""
    return OUTSIDE_RANGE in str(error) and expr.has(*_GUARDS)


def _guarded(e: sympy.Basic) -> bool:
    """A product of scalars with a guard among its factors: a condition, a Kronecker delta."""
    return any(isinstance(a, _GUARDS) for a in e.args) and not e.atoms(MatrixExpr)


def _given_size(bounds: tuple[sympy.Expr, sympy.Expr], walk: _Walk) -> int:
    """The number of entries of a range given from 1 (a gradient's entries: the variable's axis)."""
    low, high = bounds
    if low != 1:
        raise ShapeError(f"a range given from {low} is not read; ranges start at 1")
    return walk.size(high)


def _index_size(expr: sympy.Basic, k: sympy.Symbol, walk: _Walk) -> int:
    for ix in expr.atoms(sympy.Indexed):
        for axis, index in enumerate(ix.indices):
            if index == k:
                if ix.base.shape is not None:
                    return walk.size(ix.base.shape[axis])
                shape = np.shape(walk.indexed_base(ix.base))
                if axis >= len(shape):
                    raise ShapeError(
                        f"`{ix.base.label}` is indexed by `{k}` but its value has shape "
                        f"{tuple(shape)}; give a list, or declare it, e.g. `{ix.base.label}: vector[n]`"
                    )
                return int(shape[axis])
    mirrored = mirrored_range(expr, k)
    if mirrored is not None and mirrored[0] == 1:
        return walk.size(mirrored[1])  # u_k = f(k) / \sum_{j=1}^{\lambda} f(j): k runs as j
    sizes = set(walk.dims.values())
    if len(sizes) != 1 and not any(
        any(index.has(k) for index in ix.indices) for ix in expr.atoms(sympy.Indexed)
    ):
        # k picks an entry of no array (a Kronecker delta of an entry of a gradient, d/d
        # delta_k): with no single size bound, probing would stop at the first value, silently
        raise ShapeError(
            f"cannot tell the range of the free index `{k}`: it picks an entry of no array here, "
            f"and the sizes bound are {sorted(sizes) or 'none'}; for a derivative's entries, "
            f"evaluate the derivation, which knows its variable: "
            f"`dx.evaluate(dx.derive(f, x), values)`"
        )
    # the index only appears shifted (x_{i+j-1}): its range is where every access stays inside
    refuse_shifted_only(expr, k, ShapeError)
    # (up to the last value that reads an entry through it: at t = T + 1 the advantage
    # \sum_{l=0}^{T-t} (\gamma\lambda)^l \delta_{t+l} is an empty sum, which reads nothing and is
    # no entry of the output; an index that no entry reads, only a sum's limit, as in
    # \sum_{t'=t}^{T} r_{t'}, runs as far as the values allow)
    limit = max([*walk.dims.values(), *(int(np.size(v)) for v in walk.values.values())], default=0)
    size = reached = 0
    walk.probe = k
    try:
        for i in range(1, limit + 1):
            walk.bound, walk.probed = {k: i}, False
            try:
                walk.ev(expr)
            except ShapeError:
                break
            reached = i
            size = i if walk.probed else size
    finally:
        walk.bound, walk.probe = {}, None
    size = size or reached  # an expression that reads no entry at any value: as far as it goes
    if size == 0:
        raise ShapeError(f"cannot tell the range of the free index `{k}`")
    return size
