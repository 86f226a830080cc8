"""``compile``: a SymPy expression becomes a jitted JAX function, a ``CompiledFunction``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.core.function import AppliedUndef
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import CompileError, DerivaxError, ShapeError, translate
from ..symbols import SymbolTable, plain
from ._emit import Emitter, safe_identifier
from ._plain import Key, inputs_of


@dataclass(frozen=True)
class Argument:
    """One argument: the name as written, its identifier, its rank and the sizes of its axes."""

    name: str
    identifier: str
    sizes: tuple[sympy.Expr, ...] = ()
    key: Any = None
    static: bool = False  # a size no argument's shape gives: a Python int, static under jit

    @property
    def rank(self) -> int:
        return len(self.sizes)


@dataclass(eq=False)  # hashed by identity, so jax.jit (and functools caches) accept it
class CompiledFunction:
    """A jitted JAX function compiled from an expression.

    Call it with positional arguments in the order of ``args``, or with keywords (the name as
    written in the symbol table, or its plain form). Arrays are cast to float32, or to float64
    when JAX's x64 mode is on (or to ``dtype``); shapes are checked against the symbol table.
    """

    arguments: tuple[Argument, ...]
    source: str
    latex: str = ""
    shown: str = ""  # the expression in SymPy's words, for messages when there is no LaTeX
    output_indices: tuple[str, ...] = ()
    dtype: Any = None
    _fn: Any = field(default=None, repr=False)
    _jitted: Any = field(default=None, repr=False)

    @property
    def args(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.arguments)

    @property
    def plain_args(self) -> tuple[str, ...]:
        return tuple(a.identifier for a in self.arguments)

    def __call__(self, *args, **kwargs):
        try:
            return self._call(args, kwargs)
        except DerivaxError:
            raise
        except Exception as e:
            raise translate(
                e, f"calling the function compiled from `{self.latex or self.shown}`", CompileError
            ) from e

    def _call(self, args, kwargs):
        import jax
        import jax.numpy as jnp

        values = self._bind(args, kwargs)
        default = jax.dtypes.canonicalize_dtype(jnp.float64)

        def cast(v):
            # an asked-for dtype wins; a floating array keeps its own (bfloat16, float16, float32,
            # float64); numbers, lists and integers become the default float
            if self.dtype is not None:
                return jnp.asarray(v, dtype=self.dtype)
            dtype = getattr(v, "dtype", None)
            if dtype is not None and jnp.issubdtype(dtype, jnp.floating):
                return jnp.asarray(v)
            return jnp.asarray(v, dtype=default)

        arrays = [
            _size(v, a) if a.static else cast(v)
            for v, a in zip(values, self.arguments, strict=True)
        ]
        self._check_shapes(arrays)
        return self._jitted(*arrays)

    @property
    def __signature__(self):
        """``inspect.signature``: one parameter per argument, by its plain identifier."""
        import inspect

        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        return inspect.Signature([inspect.Parameter(a.identifier, kind) for a in self.arguments])

    def _bind(self, args: Sequence[Any], kwargs: dict[str, Any]) -> list:
        from collections.abc import Mapping

        if len(args) == 1 and isinstance(args[0], Mapping) and not kwargs:
            kwargs = dict(args[0])  # f({"z": z, "W": W}): named inputs in one dict
            args = ()
        if len(args) > len(self.arguments):
            raise DerivaxError(
                f"expected at most {len(self.arguments)} arguments ({', '.join(self.plain_args)}), "
                f"got {len(args)}"
            )
        values: dict[int, Any] = dict(enumerate(args))
        lookup = {}
        for k, a in enumerate(self.arguments):
            lookup[a.name] = k
            lookup[a.identifier] = k
            lookup.setdefault(
                plain(a.name), k
            )  # `lambda` for \lambda, whose identifier is `lambda_`
        for key, v in kwargs.items():
            if key not in lookup:
                raise DerivaxError(
                    f"`{key}` is not an argument; the arguments are {', '.join(self.plain_args)}"
                )
            k = lookup[key]
            if k in values:
                raise DerivaxError(f"`{key}` is given twice")
            values[k] = v
        missing = [a.identifier for k, a in enumerate(self.arguments) if k not in values]
        if missing:
            raise DerivaxError(
                f"missing argument{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
            )
        return [values[k] for k in range(len(self.arguments))]

    def _check_shapes(self, arrays) -> None:
        sizes: dict[sympy.Expr, tuple[int, str]] = {}
        for a, x in zip(self.arguments, arrays, strict=True):
            if a.static:
                continue
            if x.ndim != a.rank:
                want = (
                    "a scalar"
                    if a.rank == 0
                    else f"{a.rank}-D (shape {tuple(str(s) for s in a.sizes)})"
                )
                raise ShapeError(
                    f"argument `{a.identifier}` must be {want}, got shape {tuple(x.shape)}"
                )
            for s, n in zip(a.sizes, x.shape, strict=True):
                if s.is_Integer:
                    if int(s) != n:
                        raise ShapeError(f"argument `{a.identifier}` must have size {s}, got {n}")
                elif s in sizes and sizes[s][0] != n:
                    raise ShapeError(
                        f"dimension `{s}` is {sizes[s][0]} in `{sizes[s][1]}` but {n} in "
                        f"`{a.identifier}`"
                    )
                else:
                    sizes.setdefault(s, (n, a.identifier))

    def __repr__(self) -> str:
        return f"CompiledFunction(args={self.plain_args}, latex={self.latex!r})"


def _short_text(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _size(value, a: Argument) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ShapeError(
            f"argument `{a.identifier}` is a size: pass a positive integer, got {value!r}"
        ) from None
    if n != value or n < 1:
        raise ShapeError(
            f"argument `{a.identifier}` is a size: pass a positive integer, got {value!r}"
        )
    return n


def _order(inputs: dict[Key, sympy.Basic], expr: sympy.Basic, table: SymbolTable) -> list[Key]:
    """Declared names in table order, then the rest in order of first appearance."""
    declared = [name for name in table if name in inputs]
    seen: list[Key] = []
    for node in sympy.preorder_traversal(expr):
        for key, obj in inputs.items():
            if obj == node and key not in declared and key not in seen:
                seen.append(key)
    rest = [k for k in inputs if k not in declared and k not in seen]
    return declared + seen + rest


def _identifier_for(key: Key) -> str:
    """A readable identifier: ``P(B \\mid A)`` -> ``P_B_given_A``, ``\\hat{y}`` -> ``y_hat``."""
    from .. import _functions as F

    if isinstance(key, str):
        return plain(key) if "(" not in key else "arg"
    if isinstance(key, AppliedUndef):
        parts = [plain(key.func.__name__)]
        for a in key.args:
            if isinstance(a, F.Given):
                parts += [plain(str(a.args[0])), "given", *(plain(str(c)) for c in a.args[1:])]
            else:
                parts.append(plain(str(a)))
        return "_".join(parts)
    return "arg"


def _display(key: Key) -> str:
    if isinstance(key, str):
        return key
    from ..latex import to_latex

    return to_latex(key)


def _sizes(key: Key, obj: sympy.Basic, table: SymbolTable) -> tuple[sympy.Expr, ...]:
    if isinstance(obj, sympy.MatrixSymbol):
        rows, cols = obj.shape
        d = table[key] if isinstance(key, str) and table.resolve(key) else None
        if cols == 1 and (d is None or d.rank != 2):
            return (rows,)
        return (rows, cols)
    if isinstance(obj, sympy.IndexedBase):
        if obj.shape is None:
            raise CompileError(
                f"the shape of `{key}` is not declared; declare it, e.g. `{key}: vector[n]`"
            )
        return tuple(obj.shape)
    return ()


def _resolve_arg(name: str, inputs: dict[Key, sympy.Basic], table: SymbolTable) -> Key:
    if name in inputs:
        return name
    for key in inputs:
        if isinstance(key, str) and plain(key) == name:
            return key
    resolved = table.resolve(name)
    if resolved in inputs:
        return resolved
    from ..latex import parse

    try:
        obj = parse(name, table)
    except DerivaxError:
        obj = None
    if obj is not None and obj in inputs:
        return obj
    known = ", ".join(f"`{_display(k)}`" for k in inputs)
    raise CompileError(f"`{name}` is not an input of this expression; its inputs are {known}")


def _free_ranges(
    expr, free: Sequence[sympy.Symbol], sizes_known, known: dict | None = None
) -> dict[sympy.Symbol, tuple]:
    """The range of each free index, read off the arrays it indexes (``x_i``: 1..n), or, for a
    shifted index only (``x_{i+j-1}``), the range that keeps every access inside its array."""
    limits: dict[sympy.Symbol, tuple] = dict(known or {})
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product)):
            for var, lo, hi in node.limits:
                limits[var] = (lo, hi)
    out: dict[sympy.Symbol, tuple] = {}
    for i in free:
        accesses = []
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, sympy.Indexed) and node.base.shape is not None:
                accesses += [
                    (ix, size, 1) for ix, size in zip(node.indices, node.base.shape, strict=False)
                ]
            elif isinstance(node, sympy.Indexed) and isinstance(node.base.label, MatrixExpr):
                accesses += [(ix, node.base.label.shape[0], 1) for ix in node.indices[:1]]
            elif isinstance(node, sympy.Indexed) and isinstance(node.base.label, F.softmax):
                arg = node.base.label.args[0]
                shape = getattr(arg, "shape", None)
                if shape and len(node.indices) == 2:
                    accesses += [
                        (ix, size, 1) for ix, size in zip(node.indices, shape, strict=True)
                    ]
                elif shape:
                    accesses += [(ix, shape[0], 1) for ix in node.indices[:1]]
            elif isinstance(node, MatrixElement):
                accesses += [(node.i, node.parent.shape[0], 0), (node.j, node.parent.shape[1], 0)]
        plain_hits = [(size, off) for ix, size, off in accesses if ix == i]
        if plain_hits:
            size, off = plain_hits[0]
            out[i] = (sympy.Integer(off), size - 1 + off)
            continue
        lows, highs = [], []
        for ix, size, off in accesses:
            ix = _sympify(ix)
            if not ix.has(i) or ix.coeff(i) != 1:
                continue
            rest = ix - i
            if any(s not in limits for s in rest.free_symbols):
                continue
            lo_c, hi_c = rest, rest
            for s in rest.free_symbols:
                c = rest.coeff(s)
                a, b = limits[s]
                small, large = (a, b) if c.is_positive else (b, a)
                lo_c = lo_c.subs(s, small)
                hi_c = hi_c.subs(s, large)
            lows.append(off - lo_c)
            highs.append(size - 1 + off - hi_c)
        if not lows:
            raise CompileError(f"cannot tell the range of the free index `{i}`")
        out[i] = (
            sympy.Max(*lows) if len(lows) > 1 else lows[0],
            sympy.Min(*highs) if len(highs) > 1 else highs[0],
        )
    return out


def build(
    expr: sympy.Basic,
    table: SymbolTable,
    args: Sequence[str] | None = None,
    free_indices: Sequence[sympy.Symbol] = (),
    name: str = "f",
    index_ranges: dict | None = None,
) -> tuple[tuple[Argument, ...], str, str]:
    """Generate the source of a JAX function for ``expr``. Returns (arguments, function source,
    the name of the function)."""
    if isinstance(expr, sympy.Equality):
        expr = expr.rhs
    # (a Symbol is a Boolean in SymPy's class tree: only relations and logic are refused)
    if isinstance(expr, sympy.core.relational.Relational) or (
        isinstance(expr, sympy.logic.boolalg.Boolean) and not isinstance(expr, sympy.Symbol)
    ):
        raise CompileError("a relation has no value to compute; compile one side of it")
    inputs = inputs_of(expr)
    keys = (
        [_resolve_arg(a, inputs, table) for a in args]
        if args is not None
        else _order(inputs, expr, table)
    )
    if args is not None:
        missing = [k for k in inputs if k not in keys]
        if missing:
            raise CompileError(
                f"`args` leaves out {', '.join(f'`{_display(k)}`' for k in missing)}"
            )
    taken: set[str] = {name}
    arguments = []
    for k, key in enumerate(keys):
        candidate = _identifier_for(key)
        ident = safe_identifier(candidate, taken, f"arg{k}")
        arguments.append(Argument(_display(key), ident, _sizes(key, inputs[key], table), key))
    ident_of = {key: a.identifier for key, a in zip(keys, arguments, strict=True)}
    dims: dict[sympy.Symbol, str] = {}
    prologue = [f"{a.identifier} = jnp.asarray({a.identifier})" for a in arguments if a.rank]
    for a in arguments:
        for axis, s in enumerate(a.sizes):
            if isinstance(s, sympy.Symbol) and s not in dims:
                var = f"dim_{plain(s.name)}"
                if not _ident_ok(var) or var in taken:
                    var = f"dim_{len(dims)}"
                taken.add(var)
                dims[s] = var
                prologue.append(f"{var} = {a.identifier}.shape[{axis}]")
    # a size that is no argument's shape (1/n with no array of length n) is an argument itself
    for s in sorted(expr.free_symbols, key=str):
        if (
            s.is_integer
            and s not in dims
            and s not in free_indices
            and not _bound_anywhere(expr, s)
        ):
            if s.is_positive is not True:
                raise CompileError(
                    f"the index `{s}` is free; bind it with a sum or make it an output index"
                )
            ident = safe_identifier(plain(s.name), taken, f"arg{len(arguments)}")
            arguments.append(Argument(s.name, ident, (), s.name, static=True))
            ident_of[s.name] = ident
    given = {i: r for i, r in (index_ranges or {}).items() if i in free_indices}
    for lo, hi in given.values():
        for s in sorted(
            (_sympify(lo).free_symbols | _sympify(hi).free_symbols) - set(dims), key=str
        ):
            if s.name not in ident_of:
                ident = safe_identifier(plain(s.name), taken, f"arg{len(arguments)}")
                arguments.append(Argument(s.name, ident, (), s.name, static=True))
                ident_of[s.name] = ident
    em = Emitter({**ident_of}, dims)
    ranges = {
        **_free_ranges(expr, [i for i in free_indices if i not in given], dims, given),
        **given,
    }
    for i in free_indices:
        lo, hi = ranges[i]
        em.ranges[i] = (em.int_code(lo), em.int_code(hi))
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
    if isinstance(expr, MatrixExpr):
        rows, cols = expr.shape
        if rows == 1 and cols == 1:
            code = f"({code})[0, 0]"
        elif cols == 1:
            code = f"jnp.ravel({code})"
    body = [*prologue, *em.lines, f"return {code}"]
    params = ", ".join(a.identifier for a in arguments)
    source = f"def {name}({params}):\n" + "\n".join(f"    {line}" for line in body) + "\n"
    return tuple(arguments), source, name


def _ident_ok(text: str) -> bool:
    from ._emit import _IDENT

    return _IDENT.fullmatch(text) is not None


def _bound_anywhere(expr, s) -> bool:
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product)) and any(lim[0] == s for lim in node.limits):
            return True
    return False


#: the names generated code may read besides its own parameters and locals
_GLOBALS = frozenset({"jax", "jnp", "math", "max", "min", "int", "ValueError"})
#: packages JAX and NumPy import lazily while they trace or run (``numpy``, ``ml_dtypes``)
_LAZY_IMPORTS = frozenset({"jax", "jaxlib", "numpy", "ml_dtypes", "scipy", "opt_einsum"})


def audit(source: str) -> None:
    """Refuse generated source whose structure is not what ``build`` emits: no imports, no
    ``global``, no names other than its own and ``_GLOBALS``, no attribute that starts with ``_``.

    ``build`` only writes validated identifiers; this is the second lock on the same door."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        raise CompileError(
            f"derivax generated source that does not parse ({e.msg}); this is a bug"
        ) from None
    local = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    local |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
    local |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(tree):
        bad = None
        if isinstance(
            node, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Lambda, ast.ClassDef)
        ):
            bad = type(node).__name__
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            bad = f"attribute `{node.attr}`"
        elif isinstance(node, ast.Name) and (
            node.id.startswith("__") or (node.id not in local and node.id not in _GLOBALS)
        ):
            bad = f"name `{node.id}`"
        if bad:
            raise CompileError(
                f"derivax generated source with {bad} in it; this is a bug, and the "
                f"source was not run"
            )


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    """``__import__`` for generated code: JAX's C++ dispatch imports ``numpy`` and ``ml_dtypes``
    through the calling frame's builtins the first time it runs in a process; nothing else."""
    import builtins

    if level == 0 and name.partition(".")[0] in _LAZY_IMPORTS:
        return builtins.__import__(name, globals, locals, fromlist, level)
    raise ImportError(f"generated code may not import `{name}`")


def load(source: str, name: str):
    """Run generated source and return the function it defines.

    This is the one place derivax executes code. The source is produced by ``build``: every
    identifier in it is generated by derivax or is a symbol's plain name that passed
    ``safe_identifier`` (``[A-Za-z][A-Za-z0-9_]*``, no keyword, no reserved name); numbers are
    printed by derivax; text from a user reaches it only through ``repr``. ``audit`` checks the
    structure again before it runs, in a namespace of ``jax``, ``jax.numpy``, ``math``, four
    builtins and an ``__import__`` limited to the packages JAX itself imports lazily.
    """
    import jax
    import jax.numpy as jnp
    import jax.scipy.special

    audit(source)
    namespace: dict[str, Any] = {
        "__builtins__": {
            "max": max,
            "min": min,
            "int": int,
            "ValueError": ValueError,
            "__import__": _import,
        },
        "jax": jax,
        "jnp": jnp,
        "math": math,
    }
    exec(compile_source(source), namespace)  # the one loader of generated code, see the docstring
    return namespace[name]


def compile_source(source: str):
    import builtins

    return builtins.compile(source, "<derivax>", "exec")


def substitute_definitions(expr: sympy.Basic, functions) -> sympy.Basic:
    """Replace applications of defined functions (``f(t - \\tau)``) by their bodies."""
    if not functions:
        return expr

    def body(app):
        params, definition = functions[app.func.__name__]
        if len(params) != len(app.args):
            raise CompileError(
                f"`{app.func.__name__}` is defined with {len(params)} arguments but "
                f"applied to {len(app.args)}"
            )
        return definition.xreplace(dict(zip(params, app.args, strict=True)))

    return expr.replace(
        lambda e: isinstance(e, AppliedUndef) and e.func.__name__ in functions, body
    )


def compile(
    expr_or_latex,
    args: Sequence[str] | None = None,
    symbols=None,
    dtype=None,
    free_indices: Sequence[str | sympy.Symbol] | None = None,
    functions=None,
    index_ranges: dict | None = None,
) -> CompiledFunction:
    """Compile an expression (or the right side of an equation) into a jitted JAX function.

    >>> f = compile(r"\\log \\sum_{j=1}^{n} e^{z_j}", symbols="z: vector[n]; j: index")
    >>> f.args, round(float(f([1000.0, 1000.0])), 2)
    (('z',), 1000.69)
    """
    import jax

    table = SymbolTable.coerce(symbols)
    latex = ""
    if isinstance(expr_or_latex, str):
        from ..latex import parse

        latex = expr_or_latex
        expr = parse(expr_or_latex, table)
    else:
        expr = expr_or_latex
    if isinstance(expr, sympy.Equality):
        expr_rhs = expr.rhs
        lhs = expr.lhs
    else:
        expr_rhs, lhs = expr, None
    expr_rhs = substitute_definitions(expr_rhs, functions)
    if free_indices is None:
        free = _default_free_indices(expr_rhs, lhs)
    else:
        free = [
            sympy.Symbol(str(i), integer=True) if isinstance(i, str) else i for i in free_indices
        ]
        free = [_find_symbol(expr_rhs, i) for i in free]
    arguments, source, name = build(expr_rhs, table, args, free, index_ranges=index_ranges)
    fn = load(source, name)
    static = [a.identifier for a in arguments if a.static]
    jitted = jax.jit(fn, static_argnames=static) if static else jax.jit(fn)
    return CompiledFunction(
        arguments,
        source,
        latex,
        _short_text(str(expr_rhs)),
        tuple(str(i) for i in free),
        dtype,
        fn,
        jitted,
    )


def _find_symbol(expr, s: sympy.Symbol) -> sympy.Symbol:
    """The expression's own symbol of that name; an index it does not use is a broadcast axis."""
    for f in expr.free_symbols:
        if f.name == s.name:
            return f
    return s


def _default_free_indices(rhs, lhs) -> list[sympy.Symbol]:
    """Output axes: the indices of the left side (``k`` in ``softmax(z)_k``), else every index
    of the right side that no sum binds, sorted by name."""
    bound = set()
    for node in sympy.preorder_traversal(rhs):
        if isinstance(node, (sympy.Sum, sympy.Product)):
            bound |= {lim[0] for lim in node.limits}
    candidates: list[sympy.Symbol] = []
    if lhs is not None:
        for node in sympy.preorder_traversal(lhs):
            if isinstance(node, sympy.Indexed):
                candidates += [
                    i for i in node.indices if isinstance(i, sympy.Symbol) and i not in candidates
                ]
    if not candidates:
        found = {
            i
            for node in sympy.preorder_traversal(rhs)
            if isinstance(node, sympy.Indexed)
            for i in node.indices
            if isinstance(i, sympy.Symbol) and not i.is_positive
        }
        found |= {s for s in rhs.free_symbols if s.is_integer and not s.is_positive}
        candidates = sorted(found, key=str)
    return [i for i in candidates if i not in bound and i in rhs.free_symbols]


def module_source(cf: CompiledFunction, wrt: str | None = None) -> str:
    """A standalone Python module for ``cf`` that imports only ``jax`` and ``math``.

    Text that came from a user (the LaTeX, the names as written) reaches the module only inside
    string literals printed by ``repr``, one per line of the docstring; the code itself holds only
    identifiers that passed ``safe_identifier`` (``load``'s audit checks it again)."""
    audit(cf.source)
    doc = [
        "Compiled by derivax from",
        "",
        *(f"    {line}" for line in (cf.latex or "(compiled by derivax)").splitlines()),
        "",
        "Arguments (in order): " + ", ".join(f"{a.identifier} ({a.name})" for a in cf.arguments),
        *([f"Output axes: {', '.join(cf.output_indices)}"] if cf.output_indices else []),
        _ACCURACY if "jnp.linspace(-4.0, 4.0, 801)" in cf.source else None,
    ]
    lines = [line for line in doc if line is not None]
    literal = "\n".join(f"    {(line + chr(10))!r}" for line in lines)
    lines = [
        f"(\n{literal}\n)",
        "",
        "import math",
        "",
        "import jax",
        "import jax.numpy as jnp",
        "import jax.scipy.special",
        "",
        "",
        cf.source.rstrip(),
        "",
        "",
        "f_jit = jax.jit(f)",
    ]
    if wrt is not None:
        k = _arg_index(cf, wrt)
        lines += [
            "",
            "",
            f"# gradient with respect to {cf.arguments[k].identifier}: jax.grad of f",
            f"grad_f = jax.jit(jax.grad(f, argnums={k}))",
        ]
    return "\n".join(lines) + "\n"


#: what a compiled integral promises (its nodes are fixed so that it can be jitted)
_ACCURACY = (
    "Integrals use a fixed double-exponential rule (801 nodes, step 0.01): about 1e-12 "
    "relative error for smooth integrands that decay fast, far less for oscillating or "
    "non-smooth ones, or mass far from 0 on an infinite range; there is no error "
    "estimate. `derivax eval` integrates adaptively and reports its error."
)


def _arg_index(cf: CompiledFunction, wrt: str) -> int:
    for k, a in enumerate(cf.arguments):
        if wrt in (a.name, a.identifier) or plain(wrt) == a.identifier:
            return k
    raise CompileError(f"`{wrt}` is not an argument; the arguments are {', '.join(cf.plain_args)}")
