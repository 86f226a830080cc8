"""The numeric cross-check every derivative passes before it is returned: the compiled
derivative against ``jax.grad`` / ``jax.jacfwd`` / ``jax.hessian`` of the compiled original, in
float64, at random points drawn from the declared domains."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from .._errors import CompileError, DerivationError, DerivaxError, ShapeError
from .._sampling import declaration_of
from .._sampling import point as point
from .._sampling import sample as sample
from .._vec import vec_layout

RTOL, ATOL = 1e-7, 1e-9


def cross_check(d, table, kind: str, points: int = 3, seed: int = 0) -> str:
    """Compare ``d.result`` with JAX's derivative of ``d.expression``; raise ``DerivationError``
    on a disagreement, return a one-line account otherwise."""
    if _is_zero(d.result) and not _depends(d.expression, d.wrt):
        return "exact: the expression does not depend on the variable"
    if d.expression.atoms(AppliedUndef) or d.result.atoms(AppliedUndef):
        # JAX cannot evaluate an unspecified function: the second way
        return precise_check(d, table, kind)
    try:
        return _jax_check(d, table, kind, points, seed)
    except _NoJax:
        return precise_check(d, table, kind)


# the points tried in turn: the declared domains, then every input made positive, then every
# input in (0, 1) (a probability and its complement under a log)
_MOVES: list[tuple[str, Callable[[Any], Any]]] = [
    ("", lambda v: v),
    ("made positive", np.abs),
    ("in (0, 1)", lambda v: 1 / (1 + np.exp(-np.asarray(v, dtype=float)))),
]
#: the last points tried stay in the declared domains, with every positive real scalar drawn
#: 100 times larger: a sample size beside a count (``\sqrt{n - |K| - 3}``) has a value only there
LARGE = 100.0


def large_positive(decl) -> bool:
    """Whether a declaration is a positive (or nonnegative) real scalar, drawn larger last."""
    quals = decl.qualifiers if decl is not None else frozenset()
    return (
        decl is not None
        and decl.kind == "scalar"
        and "integer" not in quals
        and "unit" not in quals
        and bool({"positive", "nonnegative"} & quals)
    )


def _finite_where_jax_is(ref, got) -> None:
    """The derivative as it compiles is NaN or infinite where jax.grad of the expression is
    finite (0 times infinity at a skipped term): what a user would evaluate is wrong there,
    whatever 50-digit arithmetic says; refused."""
    if np.all(np.isfinite(ref)) and not np.all(np.isfinite(np.asarray(got, dtype=float))):
        raise DerivationError(
            "the derivative evaluates to NaN or infinity at a point where JAX's gradient of the "
            "expression is finite; derivax refuses to report it"
        )


def _larger(key, table, v):
    return v * LARGE if large_positive(declaration_of(table, key)) else v


class _NoJax(Exception):
    """JAX cannot evaluate one side: the check falls back to 50-digit finite differences."""


def _needs_values(e: CompileError) -> bool:
    """The compiled function needs an input's value while JAX traces it."""
    return type(e.__cause__).__name__ in (
        "ConcretizationTypeError",
        "TracerIntegerConversionError",
        "TracerBoolConversionError",
    )


def _is_zero(e) -> bool:
    return e == 0 or isinstance(e, sympy.ZeroMatrix)


def _depends(expr, wrt) -> bool:
    target = wrt.base if isinstance(wrt, sympy.Indexed) else wrt
    return expr.has(target) or (isinstance(target, sympy.IndexedBase) and expr.has(target.label))


def precise_check(d, table, kind):
    if kind in ("hessian-matrix", "hessian-entry", "jacobian-vec"):
        raise DerivationError(
            "a Hessian or Jacobian with respect to a matrix is cross-checked against JAX only, and JAX "
            "cannot evaluate this expression (an unspecified function, or a construct it lacks); "
            "derivax refuses to report it unchecked. Give each function a definition, or take "
            "the Hessian with respect to a vector"
        )
    from ._precise import precise_check as run

    account = run(d, table, kind)
    _finite_where_defined(d, table, kind)
    return account


def _finite_where_defined(d, table, kind: str, points: int = 3, seed: int = 1) -> None:
    """The derivative as it compiles is finite wherever the expression is: 50-digit arithmetic
    may agree with differences where the compiled derivative meets 0 times infinity (a term a
    mask skips), and a user evaluating it would get NaN. Refused then. The points are drawn as
    the JAX check draws them (the declared domains, then every input made positive or in
    (0, 1)); a derivative or an expression JAX cannot compile keeps the 50-digit account."""
    from .._compile import compile as build

    out_free, ranges = free_and_ranges(d, kind)
    try:
        f = build(d.expression, symbols=table, free_indices=out_free)
        g = build(d.result, symbols=table, free_indices=list(d.output_indices), index_ranges=ranges)
    except DerivaxError:
        return
    rng = np.random.default_rng(seed)
    for _, move in _MOVES:
        for _ in range(points):
            f_args, g_args, _ = _paired_points(f, g, table, rng, lambda _a, v, m=move: m(v))
            try:
                value = np.asarray(f.eager(*f_args), dtype=float)
                got = np.asarray(g.eager(*g_args), dtype=float)
            except (DerivaxError, TypeError, ValueError, NotImplementedError):
                # JAX cannot run one of them here: the 50-digit account stands, as when either
                # does not compile (a deliberate fallback, not an unfinished case)
                return
            if not np.all(np.isfinite(value)):
                continue
            if not np.all(np.isfinite(got)):
                raise DerivationError(
                    "the derivative agrees with 50-digit differences but evaluates to NaN or "
                    "infinity where the expression has a finite value (0 times infinity in a "
                    "term that is skipped); derivax refuses to report it"
                )
            return


def _paired_points(f, g, table, rng, moved) -> tuple[list, list, dict]:
    """Arguments for the compiled expression ``f`` and its derivative ``g`` at one random point
    of the declared domains, ``f``'s values passed through ``moved(argument, value)`` (sizes
    kept), the inputs only ``g`` takes drawn as they are; and every value by its key."""
    sizes: dict = {}
    drawn = point(f.arguments, table, sizes, rng)
    f_args = [v if a.static else moved(a, v) for a, v in zip(f.arguments, drawn, strict=True)]
    by_key = {a.key: v for a, v in zip(f.arguments, f_args, strict=True)}
    missing = [a for a in g.arguments if a.key not in by_key]
    by_key.update(zip([a.key for a in missing], point(missing, table, sizes, rng), strict=True))
    return f_args, [by_key[a.key] for a in g.arguments], by_key


def free_and_ranges(d, kind: str) -> tuple[list, dict]:
    """The free indices the compiled expression keeps, and the range of each index of the
    derivative's result (its entries, a Hessian's axes)."""
    entry_free = (
        [i for i in getattr(d.wrt, "indices", ()) if isinstance(i, sympy.Symbol)]
        if kind == "entry"
        else []
    )
    out_free = [i for i in d.output_indices if i != d.index and i not in entry_free]
    ranges = {}
    if kind == "hessian-index":
        out_free = []
        for i in d.output_indices:
            ranges[i] = (sympy.Integer(1), d.wrt.shape[0])
    if kind == "hessian-entry":  # d^2 f / dX_kl dX_qr: axes (k, l, q, r)
        out_free = []
        for axis, i in enumerate(d.output_indices):
            ranges[i] = (sympy.Integer(1), d.wrt.shape[axis % 2])
    if d.index is not None and isinstance(d.wrt, sympy.IndexedBase):
        ranges[d.index] = (sympy.Integer(1), d.wrt.shape[0])
    if kind == "entry" and d.wrt.base.shape is not None:
        for axis, i in enumerate(d.wrt.indices):
            if isinstance(i, sympy.Symbol):
                ranges[i] = (sympy.Integer(1), d.wrt.base.shape[axis])
    return out_free, ranges


def _jax_check(d, table, kind: str, points: int, seed: int) -> str:
    import jax

    from .._compile import compile as build

    out_free, ranges = free_and_ranges(d, kind)
    try:
        f = build(d.expression, symbols=table, free_indices=out_free)
        g = build(d.result, symbols=table, free_indices=list(d.output_indices), index_ranges=ranges)
    except CompileError as e:
        raise _NoJax(str(e)) from None
    wrt_key = _wrt_key(d.wrt)
    names = [a.key for a in f.arguments]
    if wrt_key not in names:
        raise _NoJax("the compiled expression does not take the variable")
    p = names.index(wrt_key)
    rng = np.random.default_rng(seed)
    checked, worst = 0, 0.0
    # where no point of the declared domains has a value (p log(p / q) with p, q declared plain
    # matrices), the derivative is compared where the expression has one, and the account says so
    moved, larger = "", False
    with jax.enable_x64(True):
        for attempt in range(points * 3 * (len(_MOVES) + 1)):
            if checked >= points:
                break
            if attempt % (points * 3) == 0 and checked == 0:
                moved, move = _MOVES[min(attempt // (points * 3), len(_MOVES) - 1)]
                larger = attempt // (points * 3) == len(_MOVES)
                moved = "" if larger else moved
            f_args, g_args, by_key = _paired_points(
                f,
                g,
                table,
                rng,
                lambda a, v, up=larger, m=move: _larger(a.key, table, v) if up else m(v),
            )
            try:
                # where f itself has no finite real value (log det W with det W < 0) it has no
                # derivative either, while jax.grad of the compiled f may still be finite there
                if not np.all(np.isfinite(np.asarray(f.eager(*f_args), dtype=float))):
                    continue
                ref = _reference(f, f_args, p, kind, d)
                got = _derivative_at(g, g_args, d.result)
            except CompileError as e:
                if not _needs_values(e):
                    raise
                # a bound or an offset is an input's value (\sum_{t=1}^{N-\tau}), which a traced
                # function does not have: the second way, which evaluates at the values
                raise _NoJax(str(e)) from None
            except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
                raise
            except (TypeError, ValueError, NotImplementedError) as e:
                # JAX cannot trace it (an integer argument, a float0 gradient): the second way
                raise _NoJax(str(e)) from None
            if kind == "entry":
                ref = _entries(ref, d, by_key, got.shape)
            if kind in ("hessian-matrix", "jacobian-vec"):
                x_shape = np.shape(f_args[p])
                out_shape = np.shape(ref)[: np.ndim(ref) - len(x_shape)]
                ref = vec_layout(ref, out_shape, x_shape)
            ref = np.asarray(ref, dtype=float)
            _finite_where_jax_is(ref, got)
            if not (np.all(np.isfinite(ref)) and np.all(np.isfinite(got))):
                continue
            if got.shape != ref.shape:
                if got.size == ref.size:
                    got = got.reshape(ref.shape)
                else:
                    raise DerivationError(
                        f"the derivative has shape {got.shape} but jax.grad gives {ref.shape}; derivax refuses "
                        f"to report it"
                    )
            diff = np.abs(got - ref)
            scale = np.maximum(np.abs(ref), 1.0)
            rel = float(np.max(diff / scale)) if diff.size else 0.0
            if not np.allclose(got, ref, rtol=RTOL, atol=ATOL):
                raise DerivationError(
                    f"the symbolic derivative disagrees with JAX's at a random point (largest difference "
                    f"{float(np.max(diff)):.3g}); derivax refuses to report it. Symbolic result: {d.result}"
                )
            worst = max(worst, rel)
            checked += 1
    if checked == 0:
        raise _NoJax("no random point of the declared domains gave finite values")
    where = (
        f" with every input {moved} (no point of the declared domains has a value)"
        if moved
        else f" with the positive scalars drawn {LARGE:g} times larger"
        if larger
        else ""
    )
    return (
        f"agrees with JAX at {checked} random points{where} (largest relative difference "
        f"{worst:.1e})"
    )


def _derivative_at(g, args, result) -> np.ndarray:
    r"""The compiled derivative at a point. An entry guarded by a condition may read outside
    its array where the condition fails (``[k \le T] r_k`` for every ``k`` of ``v``), which the
    compiled function checks at trace time and refuses: the second way, evaluated entry by
    entry, reads it only where the condition holds."""
    from .._compile import outside_where_guarded

    try:
        return np.asarray(g.eager(*args), dtype=float)
    except ShapeError as e:
        if outside_where_guarded(e, result):
            raise _NoJax(str(e)) from None
        raise


def _wrt_key(var):
    if isinstance(var, (sympy.Symbol, sympy.MatrixSymbol)):
        return var.name
    if isinstance(var, sympy.IndexedBase):
        return str(var.label)
    if isinstance(var, sympy.Indexed):
        return str(var.base.label)
    return var


def _reference(f, args, p, kind, d):
    import jax
    import jax.numpy as jnp

    jargs = [jnp.asarray(a) for a in args]

    def fp(x):
        return f.eager(*jargs[:p], x, *jargs[p + 1 :])

    if kind in ("hessian", "hessian-index", "hessian-entry", "hessian-matrix", "scalar-second"):
        return jax.hessian(fp)(jargs[p])
    if (
        kind in ("index", "jacobian", "jacobian-vec")
        or f.output_indices
        or jnp.ndim(fp(jargs[p])) > 0
    ):
        return jax.jacfwd(fp)(jargs[p])
    return jax.grad(fp)(jargs[p])


def _entries(ref, d, by_key, shape):
    """The reference for a derivative with respect to one entry ``w_{ij}``: the entries of the
    full gradient at the indices (free indices become output axes over their whole range)."""
    ref = np.asarray(ref)
    idx = []
    for i in d.wrt.indices:
        if i.is_Integer:
            idx.append(int(i) - 1)
        else:
            idx.append(slice(None))
    return ref[tuple(idx)]
