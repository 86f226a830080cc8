"""Numeric evaluation: a plain walk of the SymPy tree that computes with JAX arrays.

This is the straightforward translation (sums are Python loops over their range, inverses are
inverses); it is exact enough to check worked examples in float64. Shapes come from the symbol
table: the size of every dimension is read off the arrays a user passes in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError, DerivaxError, ShapeError

Key: TypeAlias = str | sympy.Basic

#: sums, products and maxima over more terms than this are refused (compiled code refuses 10^7)
MAX_TERMS = 10**8
#: ranges up to this length are evaluated one index at a time, as written
SMALL_TERMS = 1000
#: a body that does not vectorize is evaluated one index at a time up to this many terms
LOOP_TERMS = 10**5
#: indices per vectorized chunk
CHUNK = 2**20


def key_of(obj: sympy.Basic) -> Key:
    """How an input is looked up: symbols and arrays by name, applications by themselves."""
    if isinstance(obj, (sympy.Symbol, sympy.MatrixSymbol)):
        return obj.name
    if isinstance(obj, sympy.IndexedBase):
        return str(obj.label)
    return obj


def inputs_of(
    expr: sympy.Basic, defined: frozenset[str] | set[str] = frozenset()
) -> dict[Key, sympy.Basic]:
    """The values an expression needs: free scalars, arrays and unspecified-function applications.

    An application of an unspecified function (``P(B \\mid A)``) is one input as a whole, unless
    the function is ``defined`` (then its arguments are what is needed)."""
    found: dict[Key, sympy.Basic] = {}
    bound: set[sympy.Symbol] = set()
    for node in _walk_inputs(expr, defined):
        if isinstance(node, (sympy.Sum, sympy.Product, sympy.Integral)):
            bound |= {lim[0] for lim in node.limits}
        elif isinstance(node, (F.argmax, F.argmin)):
            bound.add(node.args[1])
        elif isinstance(node, sympy.Lambda):
            bound |= set(node.variables)
    for node in _walk_inputs(expr, defined):
        if isinstance(node, sympy.Indexed):
            if isinstance(node.base.label, sympy.Symbol):
                found.setdefault(key_of(node.base), node.base)
        elif isinstance(node, sympy.MatrixSymbol):
            found.setdefault(node.name, node)
        elif isinstance(node, AppliedUndef) and node.func.__name__ not in defined:
            # f(\tau) under an integral over \tau is no single value: it needs a definition
            if not (node.free_symbols & bound):
                found.setdefault(node, node)
        elif isinstance(node, sympy.Symbol) and node not in bound and not node.is_integer:
            found.setdefault(node.name, node)
    return found


def _walk_inputs(expr: sympy.Basic, defined):
    """Pre-order traversal that does not enter applications of unspecified functions."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, AppliedUndef) and node.func.__name__ not in defined:
            continue
        if isinstance(node, sympy.IndexedBase) and isinstance(node.label, sympy.Symbol):
            continue
        stack.extend(reversed(node.args))


@dataclass
class _Walk:
    values: Mapping[Key, Any]
    functions: Mapping[str, tuple[tuple[sympy.Symbol, ...], sympy.Basic]]
    dims: dict[sympy.Symbol, int] = field(default_factory=dict)
    bound: dict[sympy.Basic, object] = field(default_factory=dict)

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
        import jax
        import jax.numpy as jnp

        if e in self.bound:
            return self.bound[e]
        if isinstance(e, sympy.Integer):
            return int(e)
        if e.is_Number:
            return float(e)
        if e is sympy.pi:
            return math.pi
        if e is sympy.E:
            return math.e
        if isinstance(e, sympy.Symbol):
            if e in self.dims:
                return self.dims[e]
            if e.is_integer and e.name not in self.values:
                raise CompileError(
                    f"the size `{e.name}` is not the shape of any input; give its value too"
                )
            return jnp.asarray(self.value(e.name, e.name))
        if isinstance(e, sympy.MatrixSymbol):
            return self.array(e)
        if isinstance(e, sympy.Indexed):
            base = self.indexed_base(e.base)
            idx = tuple(int(self.ev(i)) - 1 for i in e.indices)
            for axis, i in enumerate(idx):
                if not 0 <= i < base.shape[axis]:
                    raise ShapeError(f"index {i + 1} of `{e}` is outside 1..{base.shape[axis]}")
            return base[idx]
        if isinstance(e, MatrixElement):
            m = self.ev(e.parent)
            return m[int(self.ev(e.i)), int(self.ev(e.j))]
        if isinstance(e, (sympy.Add, sympy.MatAdd)):
            total = self.ev(e.args[0])
            for a in e.args[1:]:
                total = total + self.ev(a)
            return total
        if isinstance(e, sympy.MatMul):
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
        if isinstance(e, sympy.Mul):
            out = 1.0
            for a in e.args:
                out = out * self.ev(a)
            return out
        if isinstance(e, sympy.Pow):
            base, exp = self.ev(e.base), self.ev(e.exp)
            if isinstance(exp, int) and exp < 0:
                return 1.0 / jnp.asarray(base, dtype=float) ** (-exp)
            return jnp.power(jnp.asarray(base, dtype=float), exp)
        if isinstance(e, sympy.MatPow):
            if not e.exp.is_Integer:
                import scipy.linalg

                # an independent route (SciPy's Schur method) from the compiled Denman-Beavers one
                root = scipy.linalg.fractional_matrix_power(
                    np.asarray(self.ev(e.base), dtype=float), float(e.exp)
                )
                return jnp.asarray(np.real_if_close(root, tol=1e6))
            return jnp.linalg.matrix_power(self.ev(e.base), int(self.ev(e.exp)))
        if isinstance(e, sympy.Transpose):
            return jnp.swapaxes(self.ev(e.arg), -1, -2)
        if isinstance(e, sympy.Inverse):
            return jnp.linalg.inv(self.ev(e.arg))
        if isinstance(e, sympy.Trace):
            return jnp.trace(self.ev(e.arg))
        if isinstance(e, sympy.Determinant):
            return jnp.linalg.det(self.ev(e.arg))
        if isinstance(e, sympy.HadamardProduct):
            out = self.ev(e.args[0])
            for a in e.args[1:]:
                out = out * self.ev(a)
            return out
        if isinstance(e, sympy.HadamardPower):
            return self.ev(e.args[0]) ** self.ev(e.args[1])
        if isinstance(e, ElementwiseApplyFunction):
            return self.apply_lambda(e.function, [self.ev(e.expr)])
        if isinstance(e, sympy.DiagMatrix):
            return jnp.diag(jnp.ravel(self.ev(e.args[0])))
        if isinstance(e, sympy.DiagonalOf):
            return jnp.diag(self.ev(e.arg)).reshape(-1, 1)
        if isinstance(e, (sympy.OneMatrix, sympy.ZeroMatrix)):
            fill = jnp.ones if isinstance(e, sympy.OneMatrix) else jnp.zeros
            return fill(tuple(self.size(s) for s in e.shape))
        if isinstance(e, sympy.Identity):
            return jnp.eye(self.size(e.rows))
        if isinstance(e, sympy.ImmutableMatrix):
            return jnp.asarray([[self.ev(x) for x in row] for row in e.tolist()], dtype=float)
        if isinstance(e, F.Softmax):
            z = self.ev(e.arg)
            return jax.nn.softmax(z, axis=0 if z.shape[-1] == 1 else -1)
        if isinstance(e, sympy.Piecewise):
            out = self.ev(e.args[-1].expr) if e.args[-1].cond == sympy.true else jnp.nan
            for piece in reversed(e.args):
                if piece.cond == sympy.true:
                    continue
                out = jnp.where(self.ev(piece.cond), self.ev(piece.expr), out)
            return out
        if isinstance(e, sympy.core.relational.Relational):
            ops = {
                "<": jnp.less,
                "<=": jnp.less_equal,
                ">": jnp.greater,
                ">=": jnp.greater_equal,
                "==": jnp.equal,
                "!=": jnp.not_equal,
            }
            return ops[e.rel_op](self.ev(e.lhs), self.ev(e.rhs))
        if isinstance(e, (sympy.Sum, sympy.Product)):
            return self.reduce(e)
        if isinstance(e, F.IndexMax):  # and IndexMin
            return self.extremum(e)
        if isinstance(e, sympy.Integral):
            return self.integral(e)
        if isinstance(e, (F.argmax, F.argmin)):
            return self.optimum(e)
        if isinstance(e, AppliedUndef):
            return self.application(e)
        fn = _ELEMENTARY.get(type(e))
        if fn is not None:
            return fn(*[self.ev(a) for a in e.args])
        raise CompileError(f"cannot evaluate `{type(e).__name__}` (in `{e}`) numerically yet")

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

    def reduce(self, e):
        return self.reduce_limits(e.function, list(e.limits), isinstance(e, sympy.Sum))

    def bound_int(self, bound, var) -> int:
        """A limit of a sum, product or max, as a Python int: refused when it is not an integer."""
        value = self.number(bound)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise CompileError(
                f"the limit `{bound}` of the index `{var}` must be one number"
            ) from None
        if not math.isfinite(v) or v != int(v):
            raise CompileError(
                f"the limit `{bound}` of the index `{var}` is {v:g}; it must be an integer"
            )
        return int(v)

    def terms(self, var, lo: int, hi: int) -> int:
        n = hi - lo + 1
        if n > MAX_TERMS:
            raise CompileError(
                f"the index `{var}` runs over {n:,} values ({lo}..{hi}); derivax evaluates at "
                f"most {MAX_TERMS:,} terms"
            )
        return max(n, 0)

    def over_index(self, body, var, lo: int, hi: int, inner, how: str):
        """``how`` (sum, prod, max, min) of ``inner()`` with ``var`` bound to lo..hi: vectorized in
        chunks when the body is a scalar that maps elementwise over an array of indices, else one
        index at a time (at most ``LOOP_TERMS``)."""
        import jax.numpy as jnp

        n = self.terms(var, lo, hi)
        combine = {"sum": jnp.add, "prod": jnp.multiply, "max": jnp.maximum, "min": jnp.minimum}[
            how
        ]
        saved = dict(self.bound)
        try:
            if n > SMALL_TERMS and var in body.free_symbols:
                total = self.chunked(var, lo, hi, inner, how, combine)
                if total is not None:
                    return total
            if n > LOOP_TERMS:
                raise CompileError(
                    f"the index `{var}` runs over {n:,} values and its body cannot be "
                    f"vectorized; derivax evaluates at most {LOOP_TERMS:,} such terms one by one"
                )
            total = None
            for i in range(lo, hi + 1):
                self.bound[var] = i
                v = inner()
                total = v if total is None else combine(total, v)
        finally:
            self.bound = saved
        if total is None:
            if how in ("max", "min"):
                raise CompileError(f"the index `{var}` ranges over no value ({lo}..{hi})")
            total = 0.0 if how == "sum" else 1.0
        return jnp.asarray(total)

    def chunked(self, var, lo: int, hi: int, inner, how: str, combine):
        import jax.numpy as jnp

        self.bound[var] = lo
        try:
            if jnp.ndim(inner()) != 0:
                return None
        except (DerivaxError, TypeError, ValueError, IndexError):
            return None
        assert how in ("sum", "prod", "max", "min")
        reduce: Callable[..., Any] = getattr(jnp, how)
        total = None
        for start in range(lo, hi + 1, CHUNK):
            index = jnp.arange(start, min(start + CHUNK - 1, hi) + 1)
            self.bound[var] = index
            try:
                values = jnp.asarray(inner())
            except (DerivaxError, TypeError, ValueError, IndexError):
                return None
            if values.shape != index.shape:
                return None
            part = reduce(values)
            total = part if total is None else combine(total, part)
        return total

    def reduce_limits(self, body, limits, is_sum: bool):
        """A sum or product over ``limits`` (innermost first), over the outermost one first."""
        if not limits:
            return self.ev(body)
        var, lo, hi = limits[-1]
        lo, hi = self.bound_int(lo, var), self.bound_int(hi, var)
        whole = sympy.Sum(body, *limits[:-1]) if limits[:-1] else body
        return self.over_index(
            whole,
            var,
            lo,
            hi,
            lambda: self.reduce_limits(body, limits[:-1], is_sum),
            "sum" if is_sum else "prod",
        )

    def extremum(self, e):
        """``\\max_i f(i)`` (``\\min_i``) over a range of known length."""
        ((var, lo, hi),) = e.limits
        lo, hi = self.bound_int(lo, var), self.bound_int(hi, var)
        if hi < lo:
            raise CompileError(f"`{e}` ranges over no index ({lo}..{hi})")
        return self.over_index(
            e.function,
            var,
            lo,
            hi,
            lambda: self.ev(e.function),
            "min" if isinstance(e, F.IndexMin) else "max",
        )

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

    def optimum(self, e):
        """Maximize (or minimize) over one scalar: a dense grid over the declared domain, then a
        golden-section search around the best grid point."""
        import jax.numpy as jnp

        body, var = e.args
        sign = 1.0 if isinstance(e, F.argmax) else -1.0
        if not isinstance(var, sympy.Symbol):
            raise CompileError("arg max/arg min is evaluated over one scalar variable only")
        if var.is_nonnegative and var.is_positive is not True:
            to_x = lambda u: 1 / (1 + jnp.exp(-u))  # noqa: E731 - unit interval, as declared
        elif var.is_positive:
            to_x = jnp.exp
        else:
            to_x = lambda u: u  # noqa: E731
        lo, hi = -40.0, 40.0

        def objective(u):
            saved = dict(self.bound)
            try:
                self.bound[var] = to_x(u)
                v = sign * jnp.asarray(self.ev(body), dtype=float)
            finally:
                self.bound = saved
            return jnp.where(jnp.isnan(v), -jnp.inf, v)

        grid = jnp.linspace(lo, hi, 8001)
        values = jnp.broadcast_to(objective(grid), grid.shape)
        k = int(jnp.argmax(values))
        a, b = float(grid[max(k - 1, 0)]), float(grid[min(k + 1, len(grid) - 1)])
        g = (math.sqrt(5) - 1) / 2
        c, d = b - g * (b - a), a + g * (b - a)
        fc, fd = float(objective(jnp.asarray(c))), float(objective(jnp.asarray(d)))
        for _ in range(200):
            if fc > fd:
                b, d, fd = d, c, fc
                c = b - g * (b - a)
                fc = float(objective(jnp.asarray(c)))
            else:
                a, c, fc = c, d, fd
                d = a + g * (b - a)
                fd = float(objective(jnp.asarray(d)))
            if abs(b - a) < 1e-12 * max(1.0, abs(a)):
                break
        # golden section stops at ~sqrt(eps) (the objective is flat at its peak); Newton steps on
        # the derivative reach full precision
        import jax

        u = jnp.asarray((a + b) / 2)
        d1 = jax.grad(lambda v: objective(v).sum())
        d2 = jax.grad(d1)
        for _ in range(8):
            g, h = d1(u), d2(u)
            if not (jnp.isfinite(g) and jnp.isfinite(h)) or h >= 0:
                break
            step = g / h
            u = u - step
            if abs(float(step)) < 1e-15 * max(1.0, abs(float(u))):
                break
        return to_x(u)


def _max(*xs):
    import jax.numpy as jnp

    out = xs[0]
    for x in xs[1:]:
        out = jnp.maximum(out, x)
    return out


def _min(*xs):
    import jax.numpy as jnp

    out = xs[0]
    for x in xs[1:]:
        out = jnp.minimum(out, x)
    return out


def _elementary() -> dict[type, Callable]:
    import jax.numpy as jnp

    return {
        sympy.log: lambda x, b=None: jnp.log(x) if b is None else jnp.log(x) / jnp.log(b),
        sympy.Max: _max,
        sympy.Min: _min,
        sympy.Heaviside: lambda x, h0=0.5: jnp.where(x > 0, 1.0, jnp.where(x < 0, 0.0, h0)),
        sympy.KroneckerDelta: lambda i, j: 1.0 if int(i) == int(j) else 0.0,
        **{entry.sympy: F.jax_callable(entry) for entry in F.TABLE if entry.sympy not in _SPECIAL},
        F.spectral_norm: lambda a: jnp.linalg.norm(a, ord=2),
    }


#: functions evaluated above with more than the table's one-to-one mapping
_SPECIAL = frozenset({sympy.log, sympy.Max, sympy.Min, sympy.Heaviside, sympy.KroneckerDelta})


class _LazyTable(dict):
    def get(self, key, default=None):
        if not self:
            self.update(_elementary())
        return super().get(key, default)


_ELEMENTARY = _LazyTable()


def bind_dims(expr: sympy.Basic, values: Mapping[Key, Any], table) -> dict[sympy.Symbol, int]:
    """Read the size of every dimension off the arrays given for the declared symbols."""
    dims: dict[sympy.Symbol, int] = {}
    for key, value in values.items():
        if not isinstance(key, str) or table.resolve(key) is None:
            continue
        d = table[key]
        if not d.shape:
            continue
        shape = np.shape(value)
        want = list(d.shape)
        if d.kind in ("spd", "symmetric"):
            want = [d.shape[0], d.shape[0]]
        if len(shape) != len(want):
            raise ShapeError(
                f"`{d.plain}` is declared {d.kind}[{', '.join(d.shape)}] but the value given has "
                f"shape {tuple(shape)}"
            )
        for dim_name, size in zip(want, shape, strict=True):
            if dim_name.isdigit():
                if int(dim_name) != size:
                    raise ShapeError(f"`{d.plain}` must have size {dim_name}, got {size}")
                continue
            sym = table.dim(dim_name)
            if sym in dims and dims[sym] != size:
                raise ShapeError(
                    f"dimension `{dim_name}` is {dims[sym]} elsewhere but `{d.plain}` gives {size}"
                )
            dims[sym] = size
    return dims


def evaluate(
    expr: sympy.Basic,
    values: Mapping[Key, object],
    *,
    table=None,
    functions: Mapping[str, tuple[tuple[sympy.Symbol, ...], sympy.Basic]] | None = None,
    free_indices: tuple[sympy.Symbol, ...] = (),
) -> np.ndarray:
    """Evaluate ``expr`` in float64 at ``values`` (keys: symbol names, or applications such as
    ``P(B | A)``). Free indices become output axes, in the order given."""
    import jax
    import jax.numpy as jnp

    from ..symbols import SymbolTable

    table = table if table is not None else SymbolTable()
    with jax.enable_x64(True):
        arrays = {k: jnp.asarray(np.asarray(v, dtype=np.float64)) for k, v in values.items()}
        walk = _Walk(arrays, functions or {}, bind_dims(expr, values, table))
        if free_indices:
            sizes = [_index_size(expr, k, walk) for k in free_indices]
            if math.prod(sizes) > LOOP_TERMS:
                raise CompileError(
                    f"the output has {math.prod(sizes):,} entries (free indices "
                    f"{', '.join(f'`{k}`' for k in free_indices)}), each evaluated one by one; "
                    f"derivax evaluates at most {LOOP_TERMS:,} this way"
                )
            out = np.empty(sizes)
            for pos in np.ndindex(*sizes):
                walk.bound = {k: p + 1 for k, p in zip(free_indices, pos, strict=True)}
                out[pos] = float(walk.ev(expr))
            return out
        result = np.asarray(walk.ev(expr), dtype=np.float64)
    if result.ndim == 2 and result.shape[1] == 1:
        result = result[:, 0]
    return result


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
    # the index only appears shifted (x_{i+j-1}): its range is where every access stays inside
    limit = max([*walk.dims.values(), *(int(np.size(v)) for v in walk.values.values())], default=0)
    size = 0
    for i in range(1, limit + 1):
        walk.bound = {k: i}
        try:
            walk.ev(expr)
        except ShapeError:
            break
        size = i
    walk.bound = {}
    if size == 0:
        raise ShapeError(f"cannot tell the range of the free index `{k}`")
    return size
