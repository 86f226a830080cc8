"""The source of the JAX function for an expression: its parameters, the sizes it reads off
their shapes, and the body ``_emit`` writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from .._members import lower_members, matrix_sums
from ..symbols import SymbolTable, plain
from ._axes import _free_ranges
from ._emit import Emitter, safe_identifier
from ._inputs import inputs_of
from ._quotient import helper_source
from ._signature import Argument, _display, _identifier_for, _order, _resolve_arg, _sizes


def build(
    expr: sympy.Basic,
    table: SymbolTable,
    args: Sequence[str] | None = None,
    free_indices: Sequence[sympy.Symbol] = (),
    name: str = "f",
    index_ranges: dict | None = None,
    written: Mapping[str, sympy.Basic | None] | None = None,
) -> tuple[tuple[Argument, ...], str, str]:
    """Generate the source of a JAX function for ``expr``. Returns (arguments, function source,
    the name of the function). ``written``: the names of ``args`` as read in LaTeX."""
    if isinstance(expr, sympy.Equality):
        expr = expr.rhs
    # (a Symbol is a Boolean in SymPy's class tree: only relations and logic are refused)
    if isinstance(expr, sympy.core.relational.Relational) or (
        isinstance(expr, sympy.logic.boolalg.Boolean) and not isinstance(expr, sympy.Symbol)
    ):
        raise CompileError("a relation has no value to compute; compile one side of it")
    # \sum_i a_i x_i as the matrix of its entries' sums, w^T x_i as the sum of entries it is:
    # index notation compiles
    expr = _abs_of_powers(lower_members(matrix_sums(expr)))
    inputs, keys = _keys(expr, table, args, written)
    taken: set[str] = {name}
    arguments = []
    for k, key in enumerate(keys):
        candidate = _identifier_for(key)
        ident = safe_identifier(candidate, taken, f"arg{k}")
        arguments.append(Argument(_display(key), ident, _sizes(key, inputs[key], table), key))
    ident_of = {key: a.identifier for key, a in zip(keys, arguments, strict=True)}
    dims, prologue = _dimensions(arguments, taken)
    given = {i: r for i, r in (index_ranges or {}).items() if i in free_indices}
    _size_arguments(expr, free_indices, given, dims, ident_of, arguments, taken)
    em = Emitter({**ident_of}, dims)
    ranges = {
        **_free_ranges(expr, [i for i in free_indices if i not in given], dims, given),
        **given,
    }
    for i in free_indices:
        lo, hi = ranges[i]
        em.ranges[i] = (em.int_code(lo), em.int_code(hi))
    code = _value_code(expr, em, free_indices)
    helpers = [line for name in sorted(em.helpers) for line in helper_source(name)]
    body = [*helpers, *prologue, *em.lines, f"return {code}"]
    params = ", ".join(a.identifier for a in arguments)
    source = f"def {name}({params}):\n" + "\n".join(f"    {line}" for line in body) + "\n"
    return tuple(arguments), source, name


def _keys(
    expr: sympy.Basic,
    table: SymbolTable,
    args: Sequence[str] | None,
    written: Mapping[str, sympy.Basic | None] | None,
) -> tuple[dict, list]:
    """The inputs of ``expr`` and their keys in argument order (``args``, or the table's)."""
    inputs = inputs_of(expr)
    for s in sorted(expr.free_symbols, key=str):
        # a name declared a scalar is an input whatever its qualifiers (Adam's step t: scalar,
        # integer), never an index; an index, a size and a bound variable are no input
        key = table.resolve(s.name) if isinstance(s, sympy.Symbol) else None
        if (
            key is not None
            and table[key].kind == "scalar"
            and s.is_integer
            and not _bound_anywhere(expr, s)
        ):
            inputs.setdefault(s.name, s)
    keys = (
        [_resolve_arg(a, inputs, table, (written or {}).get(a)) for a in args]
        if args is not None
        else _order(inputs, expr, table)
    )
    if args is not None:
        missing = [k for k in inputs if k not in keys]
        if missing:
            raise CompileError(
                f"`args` leaves out {', '.join(f'`{_display(k)}`' for k in missing)}"
            )
    return inputs, keys


def _dimensions(
    arguments: list[Argument], taken: set[str]
) -> tuple[dict[sympy.Symbol, str], list[str]]:
    """Each size an argument's shape gives, named (``dim_n``), and the prologue reading it."""
    dims: dict[sympy.Symbol, str] = {}
    prologue = [f"{a.identifier} = jnp.asarray({a.identifier})" for a in arguments if a.rank]
    for a in arguments:
        for axis, s in enumerate(a.sizes):
            if isinstance(s, sympy.Symbol) and s not in dims:
                var = _name_dim(s, dims, taken)
                prologue.append(f"{var} = {a.identifier}.shape[{axis}]")
    for a in arguments:  # a size n + 1 (vector[n+1]) gives n when nothing gives it alone
        for axis, s in enumerate(a.sizes):
            shift, base = _sympify(s).as_coeff_Add()
            if isinstance(base, sympy.Symbol) and shift.is_Integer and shift and base not in dims:
                var = _name_dim(base, dims, taken)
                prologue.append(f"{var} = {a.identifier}.shape[{axis}] - {int(shift)}")
    return dims, prologue


def _name_dim(size: sympy.Symbol, dims: dict[sympy.Symbol, str], taken: set[str]) -> str:
    """The generated name of a size (``dim_n``, else ``dim_<k>``), recorded in ``dims``."""
    var = f"dim_{plain(size.name)}"
    if not _ident_ok(var) or var in taken:
        var = f"dim_{len(dims)}"
    taken.add(var)
    dims[size] = var
    return var


def _size_arguments(expr, free_indices, given, dims, ident_of, arguments, taken) -> None:
    """A size that is no argument's shape (1/n with no array of length n), or that bounds a free
    index's given range, is an argument itself (static under jit): appended to ``arguments``."""
    for s in sorted(expr.free_symbols, key=str):
        if (
            isinstance(s, sympy.Symbol)  # no entry: a label y[i] picking \mu's entry is data
            and s.is_integer
            and s not in dims
            and s not in free_indices
            and s.name not in ident_of
            and not _bound_anywhere(expr, s)
        ):
            if s.is_positive is not True:
                raise CompileError(
                    f"the index `{s}` is free; bind it with a sum or make it an output index"
                )
            ident = safe_identifier(plain(s.name), taken, f"arg{len(arguments)}")
            arguments.append(Argument(s.name, ident, (), s.name, static=True))
            ident_of[s.name] = ident
    for lo, hi in given.values():
        for s in sorted(
            (_sympify(lo).free_symbols | _sympify(hi).free_symbols) - set(dims), key=str
        ):
            if s.name not in ident_of:
                ident = safe_identifier(plain(s.name), taken, f"arg{len(arguments)}")
                arguments.append(Argument(s.name, ident, (), s.name, static=True))
                ident_of[s.name] = ident


def _value_code(expr, em: Emitter, free_indices) -> str:
    """The returned value's code: the emitted expression, its axes in the order of the free
    indices (broadcast over those it does not use), a 1 x 1 matrix a scalar, a column flat."""
    out = em.emit(expr)
    stray = [a for a in out.axes if a not in free_indices]
    if stray:
        raise CompileError(
            f"the index `{stray[0]}` is free; bind it with a sum or make it an output index"
        )
    code = em.align(out, tuple(i for i in free_indices if i in out.axes))
    absent = [i for i in free_indices if i not in out.axes]
    if absent:
        shape = ", ".join(f"{em.ranges[i][1]} - {em.ranges[i][0]} + 1" for i in free_indices)
        axes = tuple(free_indices)
        present = tuple(i for i in axes if i in out.axes)
        index = ", ".join(":" if i in present else "None" for i in axes)
        code = f"jnp.broadcast_to(jnp.asarray({code})[{index}], ({shape},))"
    shaped = expr
    if isinstance(expr, sympy.Piecewise) and all(isinstance(p.expr, MatrixExpr) for p in expr.args):
        shaped = expr.args[0].expr  # the cases of a vector (A-GEM's projection): its shape
    if isinstance(shaped, MatrixExpr):
        rows, cols = shaped.shape
        if rows == 1 and cols == 1:
            code = f"({code})[0, 0]"
        elif cols == 1:
            code = f"jnp.ravel({code})"
    return code


def _abs_of_powers(expr):
    """``|b^e|`` as ``|b|^e`` for a real exponent that is no whole number: equal for every real
    b (the modulus of the principal power), and finite for a negative b, where ``b^e`` in floating
    point is NaN (the derivative of the real cube root, ``1 / (3 |x^{2/3}|)``, was NaN for x < 0)."""
    if not expr.has(sympy.Abs):
        return expr
    return expr.replace(
        lambda e: (
            isinstance(e, sympy.Abs)
            and isinstance(e.args[0], sympy.Pow)
            and e.args[0].exp.is_real
            and e.args[0].exp.is_integer is False
            and e.args[0].base.is_real
        ),
        lambda e: sympy.Pow(sympy.Abs(e.args[0].base), e.args[0].exp),
    )


def _ident_ok(text: str) -> bool:
    from ._emit import _IDENT

    return _IDENT.fullmatch(text) is not None


def _bound_anywhere(expr, s) -> bool:
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product, F.IndexMax)) and any(
            lim[0] == s for lim in node.limits
        ):
            return True
    return False
