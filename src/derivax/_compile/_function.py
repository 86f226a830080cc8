"""``compile``: a SymPy expression becomes a jitted JAX function, a ``CompiledFunction``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.core.function import AppliedUndef

from .._errors import CompileError, DerivaxError, ShapeError, translate
from .._xla_cache import use_compilation_cache
from ..symbols import plain
from ._axes import _default_free_indices, _find_symbol
from ._build import build
from ._load import load
from ._signature import Argument


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

    def eager(self, *args, **kwargs):
        """The same value as a call, computed operation by operation instead of by the jitted
        function: nothing is compiled for this expression, only each operation's kernel, once
        per shape and process. That costs less than a compilation when the function runs at a
        handful of points, as derivax's own checks of a derivation run it (measured over the
        derivative tests: 96 s of CPU jitted, 71 s eager), and more when it runs at many shapes
        with few points each (the search of a claim with arrays stays jitted). An expression
        whose lowering holds a loop or a branch (``jax.lax.fori_loop``, ``jax.lax.cond``) runs
        jitted all the same: eagerly, its body would be compiled at every call. Where the eager
        run fails, the jitted call answers, so the value or the error is the one a call gives."""
        if _runs_eagerly(self.source):
            try:
                return self._call(args, kwargs, eager=True)
            except DerivaxError:
                raise
            except Exception:
                # the jitted call's own answer: a value, or the error a traced call gives (a
                # bound that is an input's value cannot be traced; eagerly it indexes by a float)
                pass
        return self(*args, **kwargs)

    def _call(self, args, kwargs, eager: bool = False):
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
        return (self._fn if eager else self._jitted)(*arrays)

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

    from .._reading import read, read_name

    # the one reading of text, at this entry: the expression, and the argument names as LaTeX
    # (``w_{j}``) for the names that are not found as written
    expr, table, latex = read(expr_or_latex, symbols)
    written = {a: read_name(a, table) for a in args or () if isinstance(a, str)}
    if isinstance(expr, sympy.Equality):
        expr_rhs = expr.rhs
        lhs = expr.lhs
    else:
        expr_rhs, lhs = expr, None
    expr_rhs = substitute_definitions(expr_rhs, functions)
    if free_indices is None:
        # a name declared a value (t: scalar, integer) is an argument, never an output axis
        free = [i for i in _default_free_indices(expr_rhs, lhs) if not table.names_a_value(i.name)]
    else:
        free = [
            sympy.Symbol(str(i), integer=True) if isinstance(i, str) else i for i in free_indices
        ]
        free = [_find_symbol(expr_rhs, i) for i in free]
    arguments, source, name = build(
        expr_rhs, table, args, free, index_ranges=index_ranges, written=written
    )
    fn = load(source, name)
    static = [a.identifier for a in arguments if a.static]
    use_compilation_cache()
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


def _runs_eagerly(source: str) -> bool:
    """Whether a lowering runs as well operation by operation: it holds no loop or branch of
    ``jax.lax`` (their bodies are functions the lowering defines anew at each call, which JAX
    would compile afresh every time they run eagerly)."""
    loops = ("fori_loop", "while_loop", "scan", "cond", "switch", "map")
    return not any(f"jax.lax.{word}(" in source for word in loops)
