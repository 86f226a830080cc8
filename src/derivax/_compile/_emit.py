"""SymPy -> JAX source: a walk over the tree that emits one line per node.

Index notation is vectorized. Every value carries the index symbols it depends on as array axes
(``z_j`` is the array ``z`` with axis ``j``); elementwise operations broadcast over the union of
their operands' axes; ``\\sum_j`` reduces axis ``j`` (an ``einsum`` when the body is a product);
a free index stays an output axis. Sizes are read off the arguments' shapes, so neither the code
nor the trace grows with the length of a vector.

Numerically dangerous patterns are emitted in their stable form (log-sum-exp, softmax, log1p,
expm1, sigmoid, softplus, log-sigmoid, xlogy/xlog1py, slogdet, solve instead of an inverse).
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
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from .._vec import Commutation, Vec

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


@dataclass(frozen=True)
class Val:
    """An emitted value: Python code, the index symbols it has as axes, and whether it is a
    2-D array from a matrix expression."""

    code: str
    axes: tuple[sympy.Symbol, ...] = ()
    matrix: bool = False


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


def _short(e: sympy.Basic) -> str:
    s = str(e)
    return s if len(s) < 80 else s[:77] + "..."


# -- leaves ------------------------------------------------------------------------------------------
def _number(em: Emitter, e) -> Val:
    if e.is_Integer and abs(e) < 2**53:
        return Val(str(int(e)))
    if e.is_Integer:
        # beyond float64's exact integers: a float (or infinity), never a huge Python int
        try:
            return Val(repr(float(e)))
        except OverflowError:
            return Val("math.inf" if e > 0 else "-math.inf")
    if e.is_Rational:
        return Val(f"({int(e.p)} / {int(e.q)})")
    if e in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return Val({sympy.oo: "math.inf", -sympy.oo: "-math.inf"}.get(e, "math.nan"))
    return Val(repr(float(e)))


def _constant(em: Emitter, e) -> Val:
    table = {sympy.pi: "math.pi", sympy.E: "math.e"}
    if e in table:
        return Val(table[e])
    return Val(repr(float(e)))


def _symbol(em: Emitter, e: sympy.Symbol) -> Val:
    if e in em.ranges:
        lo, hi = em.ranges[e]
        return Val(f"jnp.arange({lo}, {hi} + 1)", (e,))
    if e in em.dims:
        return Val(em.dims[e])
    if e.name in em.inputs:
        return Val(em.inputs[e.name])
    raise CompileError(f"`{e.name}` is neither an argument nor a size")


def _matrix_symbol(em: Emitter, e: sympy.MatrixSymbol) -> Val:
    if e.name not in em.inputs:
        raise CompileError(f"`{e.name}` is not an argument")
    code = em.inputs[e.name]
    if e.shape[1] == 1:
        # vectors are passed as 1-D arrays; matrix notation sees a column
        return Val(f"{code}.reshape(-1, 1)", (), True)
    return Val(code, (), True)


def _applied(em: Emitter, e: AppliedUndef) -> Val:
    if e in em.inputs:
        return Val(em.inputs[e])
    raise CompileError(
        f"`{_short(e)}` applies an unspecified function; pass its value as an "
        f"argument or define the function"
    )


# -- index notation ------------------------------------------------------------------------------------
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
            base = Val(f"jax.nn.softmax({z.code}, axis=-1)")
            shape = arg.shape
        else:
            base = Val(f"jax.nn.softmax(jnp.ravel({z.code}))")
            shape = (arg.shape[0],) if isinstance(arg, MatrixExpr) else None
    else:
        base = em.emit(label)
        shape = label.shape if isinstance(label, MatrixExpr) else None
        if shape is not None and len(e.indices) == 1 and shape[1] == 1:
            # (X w)_i: an entry of a column vector
            base, shape = Val(f"jnp.ravel({base.code})"), (shape[0],)
    return _take(em, base, list(e.indices), shape, one_based=True, name=str(label))


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
    vals = []
    for axis, ix in enumerate(indices):
        v = em.emit(_sympify(ix) - offset)
        vals.append(v)
        if shape is not None:
            _bounds_check(em, ix, shape[axis], offset, name)
    axes = em.union(vals)
    code = f"{base.code}[{', '.join(em.align(v, axes) for v in vals)}]"
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
        if s not in em.ranges:
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
        f"raise ValueError({f'an index of `{name}` runs outside its range ({_FIRST[offset]})'!r})"
    )


_FIRST = {1: "indices run from 1 to the length", 0: "matrix entries are numbered from 0"}


def _extremes(em: Emitter, ix: sympy.Expr):
    """Python code for the smallest and largest value of a linear index expression."""
    lo_terms, hi_terms = [], []
    const = ix
    for s in ix.free_symbols:
        c = ix.coeff(s)
        const = const - c * s
        a, b = em.ranges[s]
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
    return _reduce(
        em,
        e.function,
        e.limits,
        "max" if isinstance(e, F.IndexMax) and not isinstance(e, F.IndexMin) else "min",
    )


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


def _reduce(em: Emitter, body, limits, how: str) -> Val:
    limits = list(limits)
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
        if how == "sum" and not _has_stable_form(body):
            factors = sympy.Mul.make_args(body)
            vals = [em.emit(f) for f in factors]
            if len([v for v in vals if v.axes]) >= 2 and not any(v.matrix for v in vals):
                return _einsum(em, vals, variables)
        v = em.emit(body)
    finally:
        em.ranges = saved
    return _reduce_value(em, v, limits, how)


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
        code = f"jnp.{how}({code}, axis={reduced if len(reduced) > 1 else reduced[0]})"
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


# -- arithmetic ---------------------------------------------------------------------------------------
def _add(em: Emitter, e: sympy.Add) -> Val:
    from ._stable import add_pattern

    special = add_pattern(em, e)
    if special is not None:
        return special
    vals = [em.emit(a) for a in e.args]
    return em.elementwise(" + ".join("({})" for _ in vals), *vals)


def _mul(em: Emitter, e: sympy.Mul) -> Val:
    from ._stable import mul_pattern

    special = mul_pattern(em, e)
    if special is not None:
        return special
    vals = [em.emit(a) for a in e.args]
    return em.elementwise(" * ".join("({})" for _ in vals), *vals)


def _pow(em: Emitter, e: sympy.Pow) -> Val:
    from ._stable import pow_pattern

    special = pow_pattern(em, e)
    if special is not None:
        return special
    base = em.emit(e.base)
    if e.exp == sympy.S.Half:
        return em.elementwise("jnp.sqrt({})", base)
    if e.exp == -sympy.S.Half:
        return em.elementwise("1.0 / jnp.sqrt({})", base)
    if e.exp == -1:
        return em.elementwise("1.0 / ({})", base)
    if e.exp.is_Integer and abs(e.exp) > 1024:
        # x^(10^10): a float power (an integer power this large would be unrolled or overflow)
        return em.elementwise(f"jnp.power({{}}, {float(e.exp)!r})", base)
    if e.exp.is_Integer:
        k = int(e.exp)
        if k < 0:
            return em.elementwise(f"1.0 / ({{}}) ** {-k}", base)
        return em.elementwise(f"({{}}) ** {k}", base)
    exp = em.emit(e.exp)
    return em.elementwise("jnp.power({}, {})", base, exp)


def _as_float(em: Emitter, a) -> Val:
    """An argument of a floating-point function: integer literals become floats (``sigmoid(2)``)."""
    if a.is_Integer and abs(a) < 2**53:
        return Val(f"{int(a)}.0")
    return em.emit(a)


def _function(name: str) -> Callable[[Emitter, sympy.Basic], Val]:
    def handler(em: Emitter, e) -> Val:
        vals = [_as_float(em, a) for a in e.args]
        return em.elementwise(f"{name}(" + ", ".join("{}" for _ in vals) + ")", *vals)

    return handler


def _log(em: Emitter, e: sympy.log) -> Val:
    from ._stable import log_pattern

    special = log_pattern(em, e.args[0])
    if special is not None:
        return special
    return em.elementwise("jnp.log({})", _as_float(em, e.args[0]))


def _fold(name: str):
    """``jnp.<name>`` folded over the arguments: max, min, logical and/or."""

    def handler(em: Emitter, e) -> Val:
        vals = [em.emit(a) for a in e.args]
        out = vals[0]
        for v in vals[1:]:
            out = em.elementwise(f"jnp.{name}({{}}, {{}})", out, v)
        return out

    return handler


def _piecewise(em: Emitter, e: sympy.Piecewise) -> Val:
    """``jnp.where`` chain with the "double where": inside each branch the inputs are replaced
    by a safe value where the branch is not taken, so its gradient stays finite."""
    pieces = list(e.args)
    last = pieces[-1]
    out = em.emit(last.expr) if last.cond == sympy.true else Val("math.nan")
    for piece in reversed(pieces[:-1] if last.cond == sympy.true else pieces):
        cond = em.emit(piece.cond)
        value = _safe_branch(em, piece.expr, piece.cond, cond)
        out = em.elementwise("jnp.where({}, {}, {})", cond, value, out)
    return out


def _safe_branch(em: Emitter, expr, cond_expr, cond: Val) -> Val:
    scalars = [s for s in expr.free_symbols if s.name in em.inputs and s not in em.ranges]
    if not scalars or not isinstance(cond_expr, sympy.core.relational.Relational):
        return em.emit(expr)
    safe = _safe_point(cond_expr)
    saved = dict(em.bound)
    try:
        for s in scalars:
            v = em.emit(s)
            em.bound[s] = em.tmp(
                em.elementwise(f"jnp.where({{}}, {{}}, {safe})", cond, v).code, em.union([cond, v])
            )
        return em.emit(expr)
    finally:
        em.bound = saved
        em.memo = {k: v for k, v in em.memo.items() if not (set(scalars) & k[0].free_symbols)}


def _safe_point(rel) -> str:
    """A value of the variable where ``rel`` (``x > a``, ``x <= a``) holds, for the double where."""
    lhs, rhs = rel.lhs, rel.rhs
    if rhs.is_number and isinstance(lhs, sympy.Symbol):
        a = float(rhs)
        if isinstance(rel, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            return repr(a + 1.0)
        if isinstance(rel, (sympy.StrictLessThan, sympy.LessThan)):
            return repr(a - 1.0)
    return "1.0"


def _relational(em: Emitter, e) -> Val:
    ops = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}
    lhs, rhs = em.emit(e.lhs), em.emit(e.rhs)
    return em.elementwise(f"({{}}) {ops[e.rel_op]} ({{}})", lhs, rhs)


# -- matrices -----------------------------------------------------------------------------------------
def _matadd(em: Emitter, e) -> Val:
    vals = [em.emit(a) for a in e.args]
    return Val(" + ".join(f"({v.code})" for v in vals), (), True)


def _matmul(em: Emitter, e: sympy.MatMul) -> Val:
    _coeff, matrices = e.as_coeff_matrices()
    scalars = [a for a in e.args if not isinstance(a, MatrixExpr)]
    matrices = list(matrices)
    code = _chain(em, matrices)
    if scalars:
        s = em.emit(sympy.Mul(*scalars))
        if s.axes:
            raise CompileError("a matrix product scaled by an indexed value cannot be compiled yet")
        code = f"({s.code}) * ({code})"
    return Val(code, (), True)


def _chain(em: Emitter, matrices) -> str:
    """A matrix product; ``A^{-1} B`` becomes ``solve(A, B)`` and ``B A^{-1}`` a transposed solve."""
    out: str | None = None
    k = 0
    while k < len(matrices):
        m = matrices[k]
        if isinstance(m, sympy.Inverse) and k + 1 < len(matrices):
            rest = _chain(em, matrices[k + 1 :])
            solved = f"jnp.linalg.solve({em.emit(m.arg).code}, {rest})"
            return solved if out is None else f"({out}) @ {solved}"
        if isinstance(m, sympy.Inverse) and out is not None:
            a = em.emit(m.arg).code
            return f"jnp.linalg.solve(jnp.swapaxes({a}, -1, -2), jnp.swapaxes({out}, -1, -2)).swapaxes(-1, -2)"
        if isinstance(m, sympy.DiagMatrix):
            # diag(v) M scales the rows of M, M diag(v) its columns: no n x n matrix is formed
            d = em.emit(m.args[0]).code
            if k + 1 < len(matrices):
                rest = _chain(em, matrices[k + 1 :])
                scaled = f"jnp.reshape({d}, (-1, 1)) * ({rest})"
                return scaled if out is None else f"({out}) @ ({scaled})"
            if out is not None:
                return f"({out}) * jnp.reshape({d}, (1, -1))"
        v = em.emit(m)
        out = v.code if out is None else f"({out}) @ ({v.code})"
        k += 1
    return out or "1.0"


def _transpose(em: Emitter, e) -> Val:
    return Val(f"jnp.swapaxes({em.emit(e.arg).code}, -1, -2)", (), True)


def _inverse(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.inv({em.emit(e.arg).code})", (), True)


def _trace(em: Emitter, e) -> Val:
    arg = e.arg
    if isinstance(arg, sympy.MatMul):
        coeff, ms = arg.as_coeff_matrices()
        if (
            len(ms) == 2
            and coeff == 1
            and not [a for a in arg.args if not isinstance(a, MatrixExpr)]
        ):
            # tr(A^T B) = sum(A * B): no matrix product needed
            a, b = ms
            left = a.arg if isinstance(a, sympy.Transpose) else None
            if left is not None:
                return Val(f"jnp.sum({em.emit(left).code} * {em.emit(b).code})")
            return Val(f"jnp.sum({em.emit(a).code} * jnp.swapaxes({em.emit(b).code}, -1, -2))")
    return Val(f"jnp.trace({em.emit(arg).code})")


def _determinant(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.det({em.emit(e.arg).code})")


def _hadamard(em: Emitter, e) -> Val:
    return Val(" * ".join(f"({em.emit(a).code})" for a in e.args), (), True)


def _hadamard_power(em: Emitter, e) -> Val:
    base, exp = e.args
    return Val(f"({em.emit(base).code}) ** ({em.emit(exp).code})", (), True)


def _elementwise_apply(em: Emitter, e: ElementwiseApplyFunction) -> Val:
    m = em.emit(e.expr)
    lam = e.function
    (var,) = lam.variables
    saved = dict(em.bound)
    try:
        em.bound[var] = Val(m.code, (), True)
        out = em.emit(lam.expr)
    finally:
        em.bound = saved
        em.memo = {k: v for k, v in em.memo.items() if var not in k[0].free_symbols}
    return Val(out.code, (), True)


def _diag_matrix(em: Emitter, e) -> Val:
    return Val(f"jnp.diag(jnp.ravel({em.emit(e.args[0]).code}))", (), True)


def _diagonal_of(em: Emitter, e) -> Val:
    return Val(f"jnp.diagonal({em.emit(e.arg).code}).reshape(-1, 1)", (), True)


def _matpow(em: Emitter, e) -> Val:
    k = e.exp
    if k == sympy.Rational(1, 2) or k == sympy.Rational(-1, 2):
        # the principal square root by the Denman-Beavers iteration (matrix products and inverses
        # only, so it runs on every JAX backend; jax.scipy.linalg.sqrtm is CPU-only). It converges
        # for matrices with no eigenvalue on the closed negative real axis, such as the product of
        # two SPD matrices in the Frechet distance; 60 steps reach float64 accuracy for condition
        # numbers up to about 1e12.
        a = em.tmp(em.emit(e.base).code)
        eye = em.tmp(f"jnp.eye({a.code}.shape[0], dtype={a.code}.dtype)")
        step = f"{em.prefix}{em.counter}_step"
        em.counter += 1
        em.lines += [
            f"def {step}(k, yz):",
            "    return ((yz[0] + jnp.linalg.inv(yz[1])) / 2, (yz[1] + jnp.linalg.inv(yz[0])) / 2)",
        ]
        root = em.tmp(f"jax.lax.fori_loop(0, 60, {step}, ({a.code}, {eye.code}))")
        return Val(f"{root.code}[{0 if k > 0 else 1}]", (), True)
    if not k.is_Integer:
        raise CompileError(
            f"a matrix power with the exponent {k} is not compiled; derivax compiles "
            f"integer powers and the square root (`^{{1/2}}`)"
        )
    return Val(f"jnp.linalg.matrix_power({em.emit(e.base).code}, {int(k)})", (), True)


def _immutable_matrix(em: Emitter, e) -> Val:
    rows = []
    for r in range(e.rows):
        cells = [em.emit(e[r, c]) for c in range(e.cols)]
        if any(v.axes for v in cells):
            raise CompileError("matrix literals with indexed entries cannot be compiled yet")
        rows.append("[" + ", ".join(v.code for v in cells) + "]")
    return Val("jnp.asarray([" + ", ".join(rows) + "])", (), True)


def _softmax_matrix(em: Emitter, e: F.Softmax) -> Val:
    m = em.emit(e.arg)
    axis = "0" if e.arg.shape[1] == 1 else "-1"
    return Val(f"jax.nn.softmax({m.code}, axis={axis})", (), True)


def _ones(em: Emitter, e) -> Val:
    rows, cols = (em.int_code(s) for s in e.shape)
    return Val(f"jnp.ones(({rows}, {cols}))", (), True)


def _zeros(em: Emitter, e) -> Val:
    rows, cols = (em.int_code(s) for s in e.shape)
    return Val(f"jnp.zeros(({rows}, {cols}))", (), True)


def _identity(em: Emitter, e) -> Val:
    return Val(f"jnp.eye({em.int_code(e.rows)})", (), True)


def _kronecker(em: Emitter, e) -> Val:
    out = em.emit(e.args[0]).code
    for a in e.args[1:]:
        out = f"jnp.kron({out}, {em.emit(a).code})"
    return Val(out, (), True)


def _vec(em: Emitter, e) -> Val:
    # vec stacks the columns: the rows of the transpose, read in order
    return Val(f"jnp.reshape(jnp.swapaxes({em.emit(e.arg).code}, -1, -2), (-1, 1))", (), True)


def _commutation(em: Emitter, e) -> Val:
    p, q = (em.int_code(a) for a in e.args)
    r = f"jnp.arange(({p}) * ({q}))"
    return Val(f"jnp.eye(({p}) * ({q}))[({r} // ({q})) + ({r} % ({q})) * ({p})]", (), True)


_INTEGRAL_NOTE = (
    "integral on fixed nodes (801-point double-exponential rule, no error estimate): about "
    "1e-12 relative when the integrand is smooth and decays fast; less with kinks, oscillation or "
    "mass far from 0 on an infinite range"
)


def _integral(em: Emitter, e: sympy.Integral) -> Val:
    """Double-exponential quadrature on fixed nodes: tanh-sinh on [a, b], exp-sinh on half
    lines, sinh-sinh on the real line. The variable becomes an axis of the integrand."""
    if len(e.limits) != 1 or len(e.limits[0]) != 3:
        raise CompileError(
            f"only definite integrals over one variable are compiled (in `{_short(e)}`)"
        )
    var, lo, hi = e.limits[0]
    em.lines.append(f"# {_INTEGRAL_NOTE}")
    t = em.tmp("jnp.linspace(-4.0, 4.0, 801)")
    h = "(8.0 / 800)"
    inner = f"(math.pi / 2) * jnp.sinh({t.code})"
    if lo == -sympy.oo and hi == sympy.oo:
        x = em.tmp(f"jnp.sinh({inner})")
        w = em.tmp(f"{h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.cosh({inner})")
    elif hi == sympy.oo or lo == -sympy.oo:
        end = em.emit(lo if hi == sympy.oo else hi)
        if end.axes:
            raise CompileError("an integral whose bound depends on an index cannot be compiled yet")
        sign = "+" if hi == sympy.oo else "-"
        x = em.tmp(f"({end.code}) {sign} jnp.exp({inner})")
        w = em.tmp(f"{h} * (math.pi / 2) * jnp.cosh({t.code}) * jnp.exp({inner})")
    else:
        a, b = em.emit(lo), em.emit(hi)
        if a.axes or b.axes:
            raise CompileError("an integral whose bound depends on an index cannot be compiled yet")
        x = em.tmp(
            f"(({a.code}) + ({b.code})) / 2 + (({b.code}) - ({a.code})) / 2 * jnp.tanh({inner})"
        )
        w = em.tmp(
            f"{h} * (({b.code}) - ({a.code})) / 2 * (math.pi / 2) * jnp.cosh({t.code}) / jnp.cosh({inner}) ** 2"
        )
    saved = dict(em.bound)
    try:
        em.bound[var] = Val(x.code, (var,))
        f = em.emit(e.function)
    finally:
        em.bound = saved
    weights = Val(w.code, (var,))
    product = em.elementwise("({}) * ({})", f, weights)
    terms = em.tmp(f"jnp.where(jnp.isfinite({product.code}), {product.code}, 0.0)", product.axes)
    axis = terms.axes.index(var)
    return Val(f"jnp.sum({terms.code}, axis={axis})", tuple(a for a in terms.axes if a != var))


def _optimum(em: Emitter, e) -> Val:
    """arg max / arg min over one scalar: the objective on a grid of 8,001 points over the
    declared domain (mapped from the real line), then Newton steps from the best point."""
    body, var = e.args
    if not isinstance(var, sympy.Symbol):
        raise CompileError("arg max and arg min are compiled over one scalar variable only")
    sign = "" if isinstance(e, F.argmax) else "-"
    if var.is_nonnegative and var.is_positive is not True:
        to_x = "jax.nn.sigmoid({})"  # unit interval
    elif var.is_positive:
        to_x = "jnp.exp({})"
    else:
        to_x = "({})"
    k = em.nested
    em.nested += 1
    name, param = f"_objective{k}", f"_u{k}"
    sub = Emitter(
        em.inputs,
        em.dims,
        ranges=dict(em.ranges),
        bound=dict(em.bound),
        prefix=f"_o{k}_",
        nested=em.nested,
    )
    sub.bound[var] = sub.tmp(to_x.format(param))
    value = sub.emit(body)
    if value.axes or value.matrix:
        raise CompileError("the objective of arg max must be a scalar")
    em.nested = sub.nested
    em.lines.append(f"def {name}({param}):")
    em.lines.extend(f"    {line}" for line in sub.lines)
    em.lines.append(f"    return {sign}({value.code})")
    grid = em.tmp("jnp.linspace(-40.0, 40.0, 8001)")
    values = em.tmp(f"jax.vmap({name})({grid.code})")
    u = em.tmp(
        f"{grid.code}[jnp.argmax(jnp.where(jnp.isnan({values.code}), -jnp.inf, {values.code}))]"
    )
    d1 = em.tmp(f"jax.grad({name})")
    d2 = em.tmp(f"jax.grad({d1.code})")
    for _ in range(8):
        u = em.tmp(
            f"jnp.where({d2.code}({u.code}) < 0, {u.code} - {d1.code}({u.code}) / {d2.code}({u.code}), {u.code})"
        )
    return Val(to_x.format(u.code))


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
    sympy.Product: _product,
    sympy.Add: _add,
    sympy.Mul: _mul,
    sympy.Pow: _pow,
    sympy.log: _log,
    sympy.Heaviside: lambda em, e: em.elementwise("jnp.heaviside({}, 0.5)", em.emit(e.args[0])),
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
    F.Softmax: _softmax_matrix,
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
}


def _table_function(entry: F.NamedFunction) -> Callable[[Emitter, sympy.Basic], Val]:
    def handler(em: Emitter, e) -> Val:
        vals = [_as_float(em, a) for a in e.args]
        return em.elementwise(F.jax_code(entry, *(f"{{{k}}}" for k in range(len(vals)))), *vals)

    return handler


def _spectral_norm(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.norm({em.emit(e.args[0]).code}, ord=2)")


# every function of the named-function table compiles through it, unless a handler above emits a
# more stable form (log, the sigmoid family)
for _entry in F.TABLE:
    _HANDLERS.setdefault(_entry.sympy, _table_function(_entry))
_HANDLERS[F.spectral_norm] = _spectral_norm
