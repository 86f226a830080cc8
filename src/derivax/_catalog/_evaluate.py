"""Evaluating catalog equations at named inputs, and checking their worked examples."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from .. import _functions as F
from .._compile import Key, evaluate, index_order, inputs_of, key_of, left_order
from .._errors import CompileError, DerivaxError, ParseError, ShapeError, translate
from ..symbols import SymbolTable, parse_symbols, plain

#: worked examples must match to this relative error (float64)
RTOL = 1e-9
ATOL = 1e-12


def resolve_inputs(
    expr: sympy.Basic,
    table: SymbolTable,
    values: Mapping[str, Any],
    what: str,
    defined: frozenset[str] | set[str] = frozenset(),
) -> dict[Key, Any]:
    """Map user keys (``z``, ``y_hat``, ``\\hat{y}``, ``P(B \\mid A)``) to the expression's inputs."""
    from ..latex import parse

    needed = inputs_of(expr, defined)
    by_name: dict[str, Key] = {}
    # names inside applications (x in f(x)) may be given too; they are accepted and unused
    mentioned = {a.name for a in expr.atoms(sympy.Symbol, sympy.MatrixSymbol)}
    for known in [*needed, *sorted(mentioned)]:
        if isinstance(known, str):
            by_name.setdefault(known, known)
            by_name.setdefault(plain(known), known)
    # a key spelled like an application (`P(A)`) is read with the expression's functions declared
    applied = {a.func.__name__ for a in expr.atoms(AppliedUndef)} - set(table)
    keys_table = table
    for name in sorted(applied):
        try:
            keys_table = keys_table.merged(parse_symbols(f"{name}: function"))
        except DerivaxError:
            continue
    out: dict[Key, Any] = {}
    for raw, value in values.items():
        key: Key | None = None
        if raw in by_name:
            key = by_name[raw]
        else:
            resolved = table.resolve(raw)
            if resolved is not None and resolved in by_name:
                key = resolved
            else:
                try:
                    obj = parse(raw, keys_table)
                except ParseError:
                    obj = None
                if obj is not None:
                    k = key_of(obj)
                    if k in needed:
                        key = k
        if key is None:
            names = ", ".join(f"`{_show(k)}`" for k in needed) or "none"
            raise DerivaxError(f"`{raw}` is not an input of {what}; its inputs are {names}")
        if key in out:
            raise DerivaxError(f"`{raw}` is given twice (as another spelling of `{_show(key)}`)")
        out[key] = value
    return out


def _show(key: Key) -> str:
    if isinstance(key, str):
        p = plain(key)
        return key if p == key else f"{key}` (or `{p}"
    from ..latex import to_latex

    return to_latex(key)


def definitions(
    table: SymbolTable, define: Mapping[str, str]
) -> dict[str, tuple[tuple, sympy.Basic]]:
    """Read ``{"f(\\tau)": "e^{-\\tau^2}"}`` into ``{"f": ((tau,), body)}``."""
    from ..latex import parse

    out = {}
    for head, body in define.items():
        m = _HEAD.fullmatch(head)
        if not m:
            raise DerivaxError(
                f"`{head}` must be a function applied to its parameter names, as in `f(x)`"
            )
        params = [p.strip() for p in re.split(r",|;|\\mid|\|", m.group(2)) if p.strip()]
        # parameters are local scalars, whatever the equation declares under the same names; the
        # head names a function even where the equation never declared it (p in E_{x ~ p})
        local = table.merged(parse_symbols(", ".join(params) + ": scalar")) if params else table
        if table.resolve(m.group(1).strip()) is None:
            try:
                local = local.merged(parse_symbols(f"{m.group(1).strip()}: function"))
            except DerivaxError:
                pass
        app = parse(head, local)
        if not isinstance(app, AppliedUndef) or not all(
            isinstance(a, sympy.Symbol) for a in app.args
        ):
            raise DerivaxError(
                f"`{head}` must be a function applied to its parameter names, as in `f(x)`"
            )
        out[app.func.__name__] = (tuple(app.args), parse(body, local))
    return out


_HEAD = re.compile(r"\s*([^()]+?)\s*\((.*)\)\s*", re.S)


def free_indices(eq) -> tuple[sympy.Symbol, ...]:
    """The indices of the defined quantity (``k`` in ``softmax(z)_k``): output axes."""
    expr = eq.expression
    target = eq.definition
    lhs = expr.lhs if isinstance(expr, sympy.Equality) else None
    bound = _bound(target)
    candidates: list[tuple[str, sympy.Basic]] = []
    source = lhs if lhs is not None else target
    for node in sympy.preorder_traversal(source):
        if isinstance(node, sympy.Indexed):
            candidates.extend(i for i in node.indices if isinstance(i, sympy.Symbol))
    free = []
    for s in candidates:
        if s not in bound and s in target.free_symbols and s not in free:
            free.append(s)
    return tuple(free)


def evaluate_equation(eq, values: Mapping[str, Any], define: Mapping[str, str]) -> np.ndarray:
    """``eq`` at ``values``; any exception from SymPy, JAX or NumPy ends as a DerivaxError."""
    try:
        return _evaluate_equation(eq, values, define)
    except DerivaxError:
        raise
    except Exception as e:
        raise translate(e, f"evaluating `{eq.id}`", CompileError) from e


def _evaluate_equation(eq, values: Mapping[str, Any], define: Mapping[str, str]) -> np.ndarray:
    target = eq.definition
    functions = definitions(eq.table, define)
    # keys may name inputs of either side (A in `A v = \lambda v`); the right side uses its own
    inputs = resolve_inputs(eq.expression, eq.table, values, f"`{eq.id}`", set(functions))
    needed = inputs_of(target, set(functions))
    missing = [k for k in needed if k not in inputs]
    if missing:
        raise DerivaxError(
            f"no value given for {', '.join(f'`{_show(k)}`' for k in missing)} (for `{eq.id}`)"
        )
    used = needed.keys() | {a.name for a in target.atoms(sympy.Symbol) if a.is_integer}
    inputs = {k: v for k, v in inputs.items() if k in used}
    if _has_integral(target, functions):
        compiled = None  # a compiled integral has fixed nodes; the plain walk integrates adaptively
    else:
        compiled = eq.compiled() if not functions else _compile_or_none(eq, define)
    if compiled is not None:
        compiled.latex = compiled.latex or eq.latex
        try:
            return call_compiled(compiled, inputs, eq.table)
        except CompileError as e:
            if not needs_values(e):
                raise
    # what the compiler does not handle goes through the plain walk
    return evaluate(
        target, inputs, table=eq.table, functions=functions, free_indices=free_indices(eq)
    )


def _has_integral(expr: sympy.Basic, functions) -> bool:
    """Integrals (also inside defined functions) are evaluated by adaptive quadrature with an error
    estimate, not by the compiled fixed-node rule."""
    return expr.has(sympy.Integral) or any(
        body.has(sympy.Integral) for _, body in (functions or {}).values()
    )


def _float64_only(expr: sympy.Basic, functions) -> bool:
    """Binomials, factorials, log Gamma (also inside defined functions) are evaluated by the plain
    walk's float64 routines (SciPy's binom and gamma, gammaln with the sign of Gamma), not by the
    compiled formulas of the function table, which cancel (binom(10^17, 3) = 1.0) or overflow
    (log Gamma(10^17) = inf) there."""
    from .._compile import FLOAT64_ONLY

    def has(e: sympy.Basic) -> bool:
        return e.has(*FLOAT64_ONLY) or any(
            isinstance(a.args[0], sympy.gamma) for a in e.atoms(sympy.log) if len(a.args) == 1
        )

    return has(expr) or any(has(body) for _, body in (functions or {}).values())


def needs_values(e: CompileError) -> bool:
    """A compiled function that needs an input's value while it is traced (``\\sum_{t=0}^{T}``
    with T given): the plain walk, which has the values, evaluates it instead."""
    return type(e.__cause__).__name__ in (
        "ConcretizationTypeError",
        "TracerIntegerConversionError",
        "TracerBoolConversionError",
    )


def _compile_or_none(eq, define):
    try:
        return eq.compile(define=define)
    except CompileError:
        return None


def call_compiled(cf, inputs: Mapping[Key, Any], table: SymbolTable | None = None) -> np.ndarray:
    """Call a compiled function with named inputs in float64. An input with one more leading axis
    than declared is a batch; an undeclared name (a scalar by default) takes no batch, since an
    array there is far more often a vector someone forgot to declare."""
    import jax

    kwargs = {a.identifier: inputs[a.key] for a in cf.arguments if a.key in inputs}
    missing = [a.name for a in cf.arguments if a.key not in inputs]
    if missing:
        raise DerivaxError(f"no value given for {', '.join(f'`{m}`' for m in missing)}")
    arrays = [np.asarray(kwargs[a.identifier], dtype=np.float64) for a in cf.arguments]
    batched = [x.ndim == a.rank + 1 for a, x in zip(cf.arguments, arrays, strict=True)]
    if table is not None:
        for a, x, b in zip(cf.arguments, arrays, batched, strict=True):
            if b and a.rank == 0 and isinstance(a.key, str) and table.resolve(a.key) is None:
                raise ShapeError(
                    f"`{a.name}` is not declared, so it is a scalar, but its value has shape "
                    f"{x.shape}; declare it (`{a.name}: vector[n]`), or declare it `scalar` to "
                    f"evaluate a batch of scalars"
                )
    with jax.enable_x64(True):
        if not any(batched):
            return np.asarray(cf(*arrays))
        # one more leading axis than declared: a batch, mapped with vmap
        sizes = {x.shape[0] for x, b in zip(arrays, batched, strict=True) if b}
        if len(sizes) > 1:
            raise ShapeError(f"batched inputs disagree on the batch size: {sorted(sizes)}")
        axes = tuple(0 if b else None for b in batched)
        return np.asarray(jax.vmap(cf, in_axes=axes)(*arrays))


def evaluate_latex(
    expr: sympy.Basic,
    table: SymbolTable,
    values: Mapping[str, Any],
    define: Mapping[str, str] | None = None,
    latex: str = "",
) -> np.ndarray:
    """Evaluate a parsed expression (the right side of a relation) at ``values``; ``define`` gives
    the unspecified functions it applies (``{"p(x)": "e^{-x^2/2} / \\sqrt{2 \\pi}"}``)."""
    written = _left_indices(expr)
    expr = _value_of(expr)
    expr, values = _fix_indices(expr, table, values)
    functions = definitions(table, define or {})
    inputs = resolve_inputs(expr, table, values, "this expression", set(functions))
    missing = [k for k in inputs_of(expr, set(functions)) if k not in inputs]
    if missing:
        raise DerivaxError(f"no value given for {', '.join(f'`{_show(k)}`' for k in missing)}")
    from .._compile import compile as build

    try:
        compiled = (
            None
            if _has_integral(expr, functions) or _float64_only(expr, functions)
            else build(
                sympy.Eq(written[0], expr, evaluate=False) if written else expr,
                symbols=table,
                functions=functions,
            )
        )
    except CompileError:
        compiled = None
    if compiled is not None:
        compiled.latex = latex or compiled.latex  # errors name what the user wrote
        try:
            return call_compiled(compiled, inputs, table)
        except CompileError as e:
            if not needs_values(e):
                raise
    # a size used as a subscript (x_n with x: vector[n]) picks the last entry: it is no free index
    idx = tuple(
        index_order(
            expr,
            (
                {
                    i
                    for ix in expr.atoms(sympy.Indexed)
                    for i in ix.indices
                    if isinstance(i, sympy.Symbol)
                    and not i.is_positive
                    and not table.names_a_value(i.name)
                }
                | {
                    s
                    for s in expr.free_symbols
                    if isinstance(s, sympy.Symbol)
                    and s.is_integer
                    and not s.is_positive
                    and not table.names_a_value(s.name)
                }
            )
            - _bound(expr),
        )
    )
    if written:  # the output axes in the order the left side writes them (o_{ic}: i, then c)
        first = [i for i in written[1] if i in idx]
        idx = (*first, *(i for i in idx if i not in first))
    return evaluate(expr, inputs, table=table, functions=functions, free_indices=idx)


def _left_indices(expr: sympy.Basic) -> tuple[sympy.Basic, tuple[sympy.Symbol, ...]] | None:
    """The left side of a definition with indices (``o_{ic} = \\dots``) and its indices in the
    order written, which is the order of the output's axes; None for anything else."""
    if not isinstance(expr, sympy.Equality) or not isinstance(
        expr.lhs, sympy.Indexed | AppliedUndef
    ):
        return None
    order = left_order(expr.lhs)
    return (expr.lhs, order) if order else None


def _fix_indices(
    expr: sympy.Basic, table: SymbolTable, values: Mapping[str, Any]
) -> tuple[sympy.Basic, Mapping[str, Any]]:
    """A value given for a free index (``k`` of ``x_k``) picks that entry: the index is set to it
    before evaluating, rather than the value being accepted and ignored (every entry would come
    back). It must be a whole number."""
    free = {
        s.name: s
        for s in expr.free_symbols - _bound(expr)
        if isinstance(s, sympy.Symbol) and s.is_integer and _declared_kind(table, s.name) == "index"
    }
    if not free:
        return expr, values
    rest: dict[str, Any] = {}
    fixed: dict[sympy.Basic, sympy.Basic] = {}
    for raw, value in values.items():
        name = table.resolve(raw) or raw
        if name not in free:
            rest[raw] = value
            continue
        number = np.asarray(value)
        if (
            number.ndim != 0
            or number.dtype.kind not in "iuf"
            or not np.isfinite(number)
            or float(number) != int(number)
        ):
            raise DerivaxError(
                f"`{raw}` is an index of this expression: give it a whole number (the entry to "
                f"pick, counting from 1), or leave it out to get every entry; got `{value}`"
            )
        fixed[free[name]] = sympy.Integer(int(number))
    return (expr.xreplace(fixed) if fixed else expr), rest


def _declared_kind(table: SymbolTable, name: str) -> str | None:
    resolved = table.resolve(name)
    return table[resolved].kind if resolved is not None else None


def _value_of(expr: sympy.Basic) -> sympy.Basic:
    """What a formula evaluates to: the last right side of ``a = b = c``, the right side of an
    equation, with the derivatives it writes out (``\\frac{d}{dx}``, ``\\nabla_x``) taken."""
    if (
        isinstance(expr, sympy.And)
        and expr.args
        and all(isinstance(a, sympy.Equality) for a in expr.args)
    ):
        left = {a.lhs for a in expr.args}
        last = [a for a in expr.args if a.rhs not in left]
        if len(last) == 1:
            expr = last[0]
    if isinstance(expr, sympy.Equality):
        expr = expr.rhs
    if isinstance(expr, (sympy.core.relational.Relational, sympy.And, sympy.Or)):
        raise DerivaxError("an inequality has no value; `derivax check` decides claims")
    if expr.has(sympy.Derivative, *F.DERIVATIVE_NODES):
        from .._verify import evaluate_derivatives

        expr = evaluate_derivatives(expr)
    return expr


def _bound(expr) -> set:
    """The variables bound inside ``expr``: by sums, products, maxima and minima over an index
    (``\\max_k Q_{bk}``: k is no output axis), integrals, arg max and arg min."""
    out = set()
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product, F.IndexMax, sympy.Integral)):
            out |= {lim[0] for lim in node.limits}
        elif isinstance(node, (F.argmax, F.argmin)):
            out.add(node.args[1])
    return out


def compare(got: Any, expected: Any) -> tuple[bool, float]:
    g = np.asarray(got, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape:
        if g.size == e.size and g.size == 1:
            g = g.reshape(e.shape)
        else:
            return False, float("inf")
    if not np.all(np.isfinite(g)):
        return False, float("inf")
    err = np.abs(g - e)
    rel = np.where(np.abs(e) > 0, err / np.maximum(np.abs(e), 1e-300), err)
    worst = float(np.max(rel)) if rel.size else 0.0
    ok = bool(np.all((err <= RTOL * np.abs(e)) | (err <= ATOL)))
    return ok, worst


def run_example(eq, k: int, ex) -> Any:
    from ._catalog import ExampleResult

    try:
        got = evaluate_equation(eq, ex.set, ex.define)
        ok, worst = compare(got, ex.expect)
        error = "" if ok else "value differs from the expected one"
        lhs_ok = _check_lhs(eq, ex)
        if ok and lhs_ok is not None and not lhs_ok[0]:
            ok, error = False, f"the left side evaluates to {lhs_ok[1]}, not the expected value"
        return ExampleResult(eq.id, k, ok, ex.expect, np.asarray(got).tolist(), error, worst)
    except (DerivaxError, CompileError, ShapeError) as e:
        return ExampleResult(eq.id, k, False, ex.expect, None, str(e), float("inf"))


def _check_lhs(eq, ex) -> tuple[bool, Any] | None:
    """When every input of the left side is given too (``A v`` in ``A v = \\lambda v``), it must
    equal the expected value as well."""
    expr = eq.expression
    if not isinstance(expr, sympy.Equality):
        return None
    lhs = expr.lhs
    needed = inputs_of(lhs, set(ex.define and definitions(eq.table, ex.define)))
    if not needed or any(
        isinstance(k, sympy.Basic) and isinstance(k, AppliedUndef) and k == lhs for k in needed
    ):
        return None
    try:
        inputs = resolve_inputs(lhs, eq.table, {k: v for k, v in ex.set.items()}, f"`{eq.id}`")
    except DerivaxError:
        return None
    if not set(needed) <= set(inputs):
        return None
    inputs = {k: inputs[k] for k in needed}
    got = evaluate(
        lhs,
        inputs,
        table=eq.table,
        functions=definitions(eq.table, ex.define),
        free_indices=free_indices(eq),
    )
    ok, _ = compare(got, ex.expect)
    return ok, np.asarray(got).tolist()
