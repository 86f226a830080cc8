"""SymPy -> JAX source: a walk over the tree that emits one line per node.

Index notation is vectorized. Every value carries the index symbols it depends on as array axes
(``z_j`` is the array ``z`` with axis ``j``); elementwise operations broadcast over the union of
their operands' axes; ``\\sum_j`` reduces axis ``j`` (an ``einsum`` when the body is a product);
a free index stays an output axis. Sizes are read off the arguments' shapes, so neither the code
nor the trace grows with the length of a vector.

Numerically dangerous patterns are emitted in their stable form (log-sum-exp, softmax, log1p,
expm1, sigmoid, softplus, log-sigmoid, xlogy/xlog1py, slogdet, solve instead of an inverse).

This module is the walk and its table of node -> handler; the handlers live by kind of node in
``_emit_scalar``, ``_emit_index``, ``_emit_matrix`` and ``_emit_numeric`` (their shared ``Val`` in
``_val``).
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .. import _functions as F
from .._errors import CompileError
from .._members import Member
from .._vec import Commutation, Vec
from ._emit_index import _extremum, _indexed, _matrix_element, _member, _product, _sum
from ._emit_matrix import (
    _commutation,
    _determinant,
    _diag_matrix,
    _diagonal_of,
    _elementwise_apply,
    _function_matrix,
    _hadamard,
    _hadamard_power,
    _identity,
    _immutable_matrix,
    _inverse,
    _kronecker,
    _matadd,
    _matmul,
    _matpow,
    _matrix_exp,
    _nuclear_norm,
    _ones,
    _softmax_matrix,
    _spectral_norm,
    _trace,
    _transpose,
    _vec,
    _zeros,
)
from ._emit_numeric import _integral, _optimum
from ._emit_scalar import (
    _add,
    _applied,
    _binomial,
    _constant,
    _fold,
    _log,
    _matrix_symbol,
    _mul,
    _number,
    _piecewise,
    _pow,
    _relational,
    _symbol,
    _table_function,
)
from ._val import Val, _short

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RESERVED = frozenset({"jax", "jnp", "math", "max", "min", "int", "ValueError"})


def safe_identifier(candidate: str, taken: set[str], fallback: str) -> str:
    """``candidate`` if it is a plain identifier derivax may put into generated code, else ``fallback``.

    Only names matching ``[A-Za-z][A-Za-z0-9_]*`` that are not keywords, builtins used by the
    generated code, or derivax's own prefixes (``_``, ``dim_``, ``idx_``) are kept."""
    ok = (
        _IDENT.fullmatch(candidate) is not None
        and not keyword.iskeyword(candidate)
        and candidate not in _RESERVED
        and not candidate.startswith(("dim_", "idx_"))
        and candidate not in taken
    )
    name = candidate if ok else fallback
    if (
        not ok
        and (keyword.iskeyword(candidate) or candidate in _RESERVED)
        and f"{candidate}_" not in taken
    ):
        name = (
            f"{candidate}_"  # \lambda: the argument `lambda_` (keyword calls also accept `lambda`)
        )
    if name in taken:
        k = 2
        while f"{name}_{k}" in taken:
            k += 1
        name = f"{name}_{k}"
    taken.add(name)
    return name


@dataclass
class Emitter:
    inputs: dict[object, str]  # input key (name or application) -> identifier
    dims: dict[sympy.Symbol, str]  # size symbol -> Python expression reading a shape
    lines: list[str] = field(default_factory=list)
    ranges: dict[sympy.Symbol, tuple[str, str]] = field(default_factory=dict)
    bound: dict[sympy.Basic, Val] = field(default_factory=dict)
    memo: dict[tuple, Val] = field(default_factory=dict)
    counter: int = 0
    prefix: str = "_t"
    nested: int = 0
    # the helpers of _quotient the code calls (QUOTIENT, XLOGY, ...), whose definitions build
    # puts first
    helpers: set[str] = field(default_factory=set)

    # -- plumbing -----------------------------------------------------------------------------------
    def tmp(self, code: str, axes=(), matrix=False) -> Val:
        name = f"{self.prefix}{self.counter}"
        self.counter += 1
        self.lines.append(f"{name} = {code}")
        return Val(name, tuple(axes), matrix)

    def emit(self, e: sympy.Basic) -> Val:
        if e in self.bound:
            return self.bound[e]
        free = e.free_symbols
        key = (
            e,
            tuple(sorted((str(s), self.ranges[s]) for s in free if s in self.ranges)),
            tuple(sorted((str(s), self.bound[s].code) for s in free if s in self.bound)),
        )
        if key in self.memo:
            return self.memo[key]
        v = self._emit(e)
        if not _is_simple(v.code):
            v = self.tmp(v.code, v.axes, v.matrix)
        self.memo[key] = v
        return v

    def _emit(self, e: sympy.Basic) -> Val:
        for cls in type(e).__mro__:
            handler = _HANDLERS.get(cls)
            if handler is not None:
                return handler(self, e)
        raise CompileError(f"`{type(e).__name__}` cannot be compiled (in `{_short(e)}`)")

    def int_code(self, e: sympy.Expr) -> str:
        """Python integer code for a size or bound (``n - k + 1``): ints at trace time."""
        e = _sympify(e)
        if e.is_Integer:
            return str(int(e))
        if isinstance(e, sympy.Symbol):
            if e in self.dims:
                return self.dims[e]
            if e.name in self.inputs:
                return self.inputs[e.name]  # a static size argument: a Python int
            raise CompileError(f"the size `{e}` is not the shape of any argument")
        if isinstance(e, sympy.Add):
            return "(" + " + ".join(self.int_code(a) for a in e.args) + ")"
        if isinstance(e, sympy.Mul):
            return "(" + " * ".join(self.int_code(a) for a in e.args) + ")"
        if isinstance(e, (sympy.Max, sympy.Min)):
            fn = "max" if isinstance(e, sympy.Max) else "min"
            return f"{fn}(" + ", ".join(self.int_code(a) for a in e.args) + ")"
        raise CompileError(f"the bound `{e}` is not an integer expression of sizes")

    # -- broadcasting ---------------------------------------------------------------------------------
    @staticmethod
    def union(vals) -> tuple[sympy.Symbol, ...]:
        out: list[sympy.Symbol] = []
        for v in vals:
            for a in v.axes:
                if a not in out:
                    out.append(a)
        return tuple(out)

    @staticmethod
    def align(v: Val, axes: tuple[sympy.Symbol, ...]) -> str:
        """Code for ``v`` laid out along ``axes`` (transposed, with new unit axes inserted)."""
        if v.axes == axes or not v.axes:
            return v.code
        present = [a for a in axes if a in v.axes]
        code = v.code
        if tuple(present) != v.axes:
            perm = tuple(v.axes.index(a) for a in present)
            code = f"jnp.transpose({code}, {perm})"
        if len(present) == len(axes):
            return code
        index = ", ".join(":" if a in v.axes else "None" for a in axes)
        return f"{code}[{index}]"

    def elementwise(self, fmt: str, *vals: Val) -> Val:
        axes = self.union(vals)
        matrix = any(v.matrix for v in vals)
        if matrix and axes:
            raise CompileError("a matrix expression cannot be combined with index notation here")
        return Val(fmt.format(*(self.align(v, axes) for v in vals)), axes, matrix)


def _is_simple(code: str) -> bool:
    return (
        _IDENT.fullmatch(code) is not None
        or re.fullmatch(r"-?[0-9.e+-]+|\(-?[0-9.e+-]+\)", code) is not None
    )


def _unsupported(what: str):
    def handler(em: Emitter, e) -> Val:
        raise CompileError(f"{what} cannot be compiled (in `{_short(e)}`)")

    return handler


_HANDLERS: dict[type, Callable[[Emitter, sympy.Basic], Val]] = {
    sympy.Number: _number,
    sympy.NumberSymbol: _constant,
    sympy.core.numbers.ImaginaryUnit: _unsupported("a complex number"),
    sympy.Symbol: _symbol,
    sympy.MatrixSymbol: _matrix_symbol,
    sympy.Indexed: _indexed,
    MatrixElement: _matrix_element,
    sympy.Sum: _sum,
    F.IndexMax: _extremum,
    F.IndexMin: _extremum,
    F.OrderStatistic: _extremum,
    F.Excluded: lambda em, e: em.elementwise(
        f"jnp.where(({{}}) != ({{}}), {{}}, {'-' if e.args[3] < 0 else ''}jnp.inf)",
        em.emit(e.args[1]),
        em.emit(e.args[2]),
        em.emit(e.args[0]),
    ),
    F.Kept: lambda em, e: em.elementwise(
        "jnp.where({}, {}, {})", em.emit(e.args[1]), em.emit(e.args[0]), em.emit(e.args[2])
    ),
    sympy.Product: _product,
    sympy.Add: _add,
    sympy.Mul: _mul,
    sympy.Pow: _pow,
    sympy.log: _log,
    sympy.Heaviside: lambda em, e: em.elementwise(
        f"jnp.heaviside({{}}, {float(e.args[1]) if len(e.args) > 1 else 0.5!r})", em.emit(e.args[0])
    ),
    sympy.Max: _fold("maximum"),
    sympy.Min: _fold("minimum"),
    sympy.Piecewise: _piecewise,
    sympy.core.relational.Relational: _relational,
    sympy.And: _fold("logical_and"),
    sympy.Or: _fold("logical_or"),
    sympy.KroneckerDelta: lambda em, e: em.elementwise(
        "jnp.where(({}) == ({}), 1.0, 0.0)", em.emit(e.args[0]), em.emit(e.args[1])
    ),
    sympy.MatAdd: _matadd,
    sympy.MatMul: _matmul,
    sympy.Transpose: _transpose,
    sympy.Inverse: _inverse,
    sympy.Trace: _trace,
    sympy.Determinant: _determinant,
    sympy.HadamardProduct: _hadamard,
    sympy.HadamardPower: _hadamard_power,
    ElementwiseApplyFunction: _elementwise_apply,
    sympy.DiagMatrix: _diag_matrix,
    sympy.DiagonalOf: _diagonal_of,
    sympy.MatPow: _matpow,
    sympy.ImmutableDenseMatrix: _immutable_matrix,
    sympy.FunctionMatrix: _function_matrix,
    F.Softmax: _softmax_matrix,
    Member: _member,
    F.MatrixExp: _matrix_exp,
    sympy.OneMatrix: _ones,
    sympy.ZeroMatrix: _zeros,
    sympy.Identity: _identity,
    sympy.KroneckerProduct: _kronecker,
    Vec: _vec,
    Commutation: _commutation,
    AppliedUndef: _applied,
    sympy.Integral: _integral,
    sympy.Derivative: _unsupported("an unevaluated derivative"),
    F.argmax: _optimum,
    F.argmin: _optimum,
    F.softmax: _unsupported("softmax of a vector without an index"),
    sympy.binomial: _binomial,
}


# every function of the named-function table compiles through it, unless a handler above emits a
# more stable form (log, the sigmoid family)
for _entry in F.TABLE:
    _HANDLERS.setdefault(_entry.sympy, _table_function(_entry))
_HANDLERS[F.spectral_norm] = _spectral_norm
_HANDLERS[F.nuclear_norm] = _nuclear_norm
