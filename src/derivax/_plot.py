r"""Pictures of equations and claims (matplotlib, the optional ``plot`` extra).

A scalar function of one scalar is drawn with its derivative; of two scalars as a contour plot
with its gradient field. A claim between scalars is drawn as its two sides (one variable) or
their difference (two variables) over the declared domain; a claim over vectors, matrices or
simplices as its two sides at random points of the declared domains (the sampler the verifier
uses), the given definitions substituted; the counterexample is marked when it is refuted.
Anything else (a function of vectors or matrices, a vector-valued result, the value of an
unspecified function) is refused with a ``PlotError`` rather than drawn as nonsense. The
derivatives drawn are ``jax.grad`` of the compiled function: the same function derivax
cross-checks its symbolic derivatives against.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import DerivaxError, PlotError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ._catalog import Equation
    from ._compile import CompiledFunction
    from ._verify import Verdict
    from .symbols import SymbolTable

FORMATS = ("png", "svg", "pdf")
_POINTS_1D = 400
_POINTS_2D = 120
_ARROWS = 17
_INSTALL = 'plots need matplotlib: `pip install "derivax[plot]"`'


@dataclass(frozen=True)
class _Variable:
    name: str  # as written in the symbol table
    plain: str
    low: float
    high: float


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise DerivaxError(_INSTALL) from None
    return matplotlib


# -- what to draw -------------------------------------------------------------------------------------
def plot(
    expr_or_latex: Any,
    symbols: SymbolTable | str | None = None,
    *,
    wrt: str | Sequence[str] | None = None,
    range: tuple[float, float] | str | None = None,
    at: Mapping[str, float] | None = None,
    given: Sequence[str] = (),
    timeout: float = 10.0,
    title: str | None = None,
    verdict: Verdict | None = None,
    path: str | None = None,
    force: bool = False,
) -> Figure:
    r"""A matplotlib ``Figure`` of an expression, or of a claim when ``expr_or_latex`` is a
    relation (``=``, ``\le``, ...). ``wrt`` names the one or two scalars to draw over (the
    others are held at ``at`` or a point of their domain); ``range`` is ``(a, b)`` or ``"a:b"``.
    A claim is checked first (``given``, ``timeout``) unless its ``verdict`` is passed in.
    With ``path`` (``.png``, ``.svg`` or ``.pdf``) the figure is also written there, replacing an
    existing file only with ``force``.

    >>> fig = plot(r"\log(1 + e^{x})")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['x', 'x']
    """
    import sympy

    from .latex import parse
    from .symbols import SymbolTable

    _matplotlib()
    table = SymbolTable.coerce(symbols)
    expr = parse(expr_or_latex, table) if isinstance(expr_or_latex, str) else expr_or_latex
    text = expr_or_latex if isinstance(expr_or_latex, str) else ""
    try:
        if isinstance(expr, sympy.core.relational.Relational):
            from ._verify import check

            if verdict is None:
                verdict = check(text or expr, table, tuple(given), timeout=timeout)
            drawn = _with_definitions(expr, [parse(g, table) for g in given])
            fig = _claim_figure(drawn, table, verdict, wrt, range, at, title or text)
        else:
            fig = _function_figure(expr, table, wrt, range, at, title or text)
    except PlotError as e:
        raise PlotError(f"cannot plot `{text or expr}`: {e}") from None
    if path is not None:
        save(fig, path, force)
    return fig


def _with_definitions(rel: Any, givens: Sequence[Any]) -> Any:
    """The claim with its given definitions substituted, so that a claim about ``D(p, q)`` is
    drawn through what ``D`` is. A definition ``f(x, y) = ...`` of a function that appears with
    that many arguments only, and not on its own right side, is applied to every application;
    any other given equation replaces exactly its left side (``P(A \\mid B) = ...``)."""
    import sympy
    from sympy.core.function import AppliedUndef

    lhs, rhs = rel.lhs, rel.rhs
    for g in givens:
        if not isinstance(g, sympy.Equality):
            continue
        head = g.lhs
        general = (
            isinstance(head, AppliedUndef)
            and len(set(head.args)) == len(head.args)
            and all(a.is_Atom or isinstance(a, sympy.IndexedBase) for a in head.args)
            and not g.rhs.has(head.func)
            and all(
                len(app.args) == len(head.args)
                for side in (lhs, rhs)
                for app in side.atoms(AppliedUndef)
                if app.func == head.func
            )
        )
        if general:
            params, body = head.args, g.rhs

            def apply(*args: Any, params: Any = params, body: Any = body) -> Any:
                return body.xreplace(dict(zip(params, args, strict=True)))

            lhs, rhs = lhs.replace(head.func, apply), rhs.replace(head.func, apply)
        else:
            lhs, rhs = lhs.xreplace({head: g.rhs}), rhs.xreplace({head: g.rhs})
    # unevaluated: SymPy would turn `sum of squares >= 0` into True
    return sympy.Rel(lhs, rhs, rel.rel_op, evaluate=False)


def plot_equation(
    eq: Equation,
    *,
    wrt: str | Sequence[str] | None = None,
    range: tuple[float, float] | str | None = None,
    at: Mapping[str, float] | None = None,
    path: str | None = None,
    force: bool = False,
) -> Figure:
    """The plot of a catalog equation's definition (its right-hand side), titled with its id."""
    _matplotlib()
    try:
        fig = _function_figure(eq.definition, eq.table, wrt, range, at, eq.latex, eq.compile)
    except PlotError as e:
        raise PlotError(f"cannot plot `{eq.id}`: {e}") from None
    if path is not None:
        save(fig, path, force)
    return fig


def save(fig: Figure, path: str, force: bool = False) -> None:
    """Write ``fig`` to ``path`` in the format its suffix names, atomically."""
    from .cli import write_atomically

    write_atomically(path, to_bytes(fig, output_format(path)), force)


def output_format(path: str) -> str:
    """``png``, ``svg`` or ``pdf``, from the suffix of ``path``."""
    from pathlib import Path

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise DerivaxError(f"`{path}`: plots are written as .png, .svg or .pdf; name the file so")
    return suffix


def to_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG, SVG (text kept as text) or PDF bytes."""
    matplotlib = _matplotlib()
    buffer = io.BytesIO()
    # text stays <text> in SVG: searchable, selectable, and checkable by a test
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "derivax"}):
        fig.savefig(buffer, format=fmt, dpi=110 if fmt == "png" else None, metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any] | None:
    # no dates in the files: the same figure gives the same bytes
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None}
    return None


# -- functions ----------------------------------------------------------------------------------------
def _function_figure(
    expr: Any,
    table: SymbolTable,
    wrt: str | Sequence[str] | None,
    range: tuple[float, float] | str | None,
    at: Mapping[str, float] | None,
    title: str,
    compile_definition: Callable[[], CompiledFunction] | None = None,
) -> Figure:
    import sympy

    from ._compile import compile as build

    if isinstance(expr, sympy.MatrixExpr) or getattr(expr, "is_Matrix", False):
        raise PlotError(
            "this expression is a matrix or a vector; `plot` draws scalar functions of one or two "
            "scalars"
        )
    f = compile_definition() if compile_definition is not None else build(expr, symbols=table)
    if f.output_indices:
        raise PlotError(
            f"this expression is vector-valued (free index {', '.join(f.output_indices)}); `plot` "
            "draws scalar functions of one or two scalars"
        )
    _refuse_arrays(f)
    variables, fixed = _choose(f.arguments, table, wrt, range, at, anchor=None)
    values = dict(fixed)
    label = _fixed_text(fixed)
    if len(variables) == 1:
        return _curve_with_derivative(f, variables[0], values, title, label)
    return _contour_with_gradient(f, variables, values, title, label)


def _refuse_unknown_functions(*functions: CompiledFunction) -> None:
    for f in functions:
        for a in f.arguments:
            if "(" in a.name:
                raise PlotError(
                    f"`{a.name}` is the value of an unspecified function, whose domain derivax "
                    "does not know; `plot` draws over declared scalars"
                )


def _refuse_arrays(*functions: CompiledFunction) -> None:
    _refuse_unknown_functions(*functions)
    for f in functions:
        for a in f.arguments:
            if a.rank:
                kind = "a vector" if a.rank == 1 else "a matrix"
                raise PlotError(
                    f"`{a.name}` is {kind}; `plot` draws functions of one or two scalars, and a "
                    "function of a vector or matrix has no sensible picture here"
                )


def _choose(
    arguments: Sequence[Any],
    table: SymbolTable,
    wrt: str | Sequence[str] | None,
    range: tuple[float, float] | str | None,
    at: Mapping[str, float] | None,
    anchor: Mapping[str, Any] | None,
) -> tuple[list[_Variable], dict[str, float]]:
    """The one or two variables to draw over, with their ranges, and the values of the others."""
    from .symbols import plain

    by_name: dict[str, Any] = {}
    for a in arguments:
        by_name[a.name] = a
        by_name[a.identifier] = a
        by_name[plain(a.name)] = a
    names = list(dict.fromkeys(a.name for a in arguments))
    if not names:
        raise PlotError("this expression is a constant; there is nothing to draw it over")
    if wrt is None:
        if len(names) > 2:
            raise PlotError(
                f"this expression has {len(names)} inputs ({', '.join(f'`{n}`' for n in names)}); "
                "name the one or two to draw over with --wrt (wrt=), e.g. --wrt "
                f"{plain(names[0])} or --wrt {plain(names[0])},{plain(names[1])}"
            )
        chosen = names
    else:
        wanted = [w.strip() for w in wrt.split(",")] if isinstance(wrt, str) else list(wrt)
        if not 1 <= len(wanted) <= 2:
            raise PlotError(f"--wrt names one or two variables, got {len(wanted)}")
        chosen = []
        for w in wanted:
            if w not in by_name:
                known = ", ".join(f"`{n}`" for n in names)
                raise PlotError(f"`{w}` is not an input of this expression; its inputs are {known}")
            chosen.append(by_name[w].name)
    bounds = _parse_range(range)
    variables = []
    for name in chosen:
        decl = table.get(name) if table.resolve(name) else None
        low, high = _domain_range(name, decl, bounds)
        if anchor is not None and plain(name) in anchor:
            value = float(anchor[plain(name)])
            if bounds is None and math.isfinite(value):  # the counterexample is in the picture
                width = high - low
                low, high = min(low, value - 0.1 * width), max(high, value + 0.1 * width)
                low, high = _clip(decl, low, high)
        variables.append(_Variable(name, by_name[name].identifier, low, high))
    fixed: dict[str, float] = {}
    for name in names:
        if name in chosen:
            continue
        a = by_name[name]
        given = None
        for key in (name, a.identifier, plain(name)):
            if at and key in at:
                given = float(at[key])
            elif anchor and key in anchor:
                given = float(anchor[key])
        if given is None:
            decl = table.get(name) if table.resolve(name) else None
            given = _typical(decl)
        fixed[name] = given
    return variables, fixed


def _parse_range(range: tuple[float, float] | str | None) -> tuple[float, float] | None:
    if range is None:
        return None
    if isinstance(range, str):
        parts = range.split(":")
        try:
            if len(parts) != 2:
                raise ValueError
            low, high = float(parts[0]), float(parts[1])
        except ValueError:
            raise DerivaxError(
                f"--range `{range}` is not A:B; give two numbers, e.g. --range=-3:3"
            ) from None
    else:
        low, high = (float(v) for v in range)
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise DerivaxError(f"--range `{low:g}:{high:g}` needs finite A < B, e.g. --range=-3:3")
    return low, high


def _domain_range(name: str, decl: Any, bounds: tuple[float, float] | None) -> tuple[float, float]:
    """The given range checked against the declared domain, or a default inside it."""
    quals = decl.qualifiers if decl is not None else frozenset()
    if bounds is not None:
        low, high = bounds
        lowest = 0.0 if quals & {"positive", "nonnegative", "unit"} else -math.inf
        highest = 1.0 if "unit" in quals else math.inf
        if low < lowest or high > highest or ("positive" in quals and low <= 0):
            domain = next(iter(sorted(quals & {"positive", "nonnegative", "unit"})))
            raise DerivaxError(
                f"--range `{low:g}:{high:g}` leaves the declared domain of `{name}` ({domain})"
            )
        if "positive" in quals and low == 0:
            low = 1e-3 * high
        return low, high
    if "unit" in quals:
        return 1e-3, 1 - 1e-3
    if "positive" in quals:
        return 1e-2, 4.0
    if "nonnegative" in quals:
        return 0.0, 4.0
    return -4.0, 4.0


def _clip(decl: Any, low: float, high: float) -> tuple[float, float]:
    quals = decl.qualifiers if decl is not None else frozenset()
    if "unit" in quals:
        return max(low, 1e-3), min(high, 1 - 1e-3)
    if "positive" in quals:
        return max(low, 1e-3 * max(high, 1e-3)), high
    if "nonnegative" in quals:
        return max(low, 0.0), high
    return low, high


def _typical(decl: Any) -> float:
    """Where an input not drawn over is held: 0.5 in [0, 1], else 1 (0 would flatten products)."""
    quals = decl.qualifiers if decl is not None else frozenset()
    return 0.5 if "unit" in quals else 1.0


def _fixed_text(fixed: Mapping[str, float]) -> str:
    from .symbols import plain

    return ", ".join(f"{plain(k)} = {v:.4g}" for k, v in fixed.items())


def _evaluate(f: CompiledFunction, values: Mapping[str, Any]) -> Any:
    """``f`` at arrays of values (broadcast together), in float64, as a NumPy array."""
    return _mapped(f, values, None)


def _partial(f: CompiledFunction, name: str, values: Mapping[str, Any]) -> Any:
    """``jax.grad`` of ``f`` with respect to ``name`` at arrays of values, in float64."""
    return _mapped(f, values, list(f.args).index(name))


def _mapped(f: CompiledFunction, values: Mapping[str, Any], grad_of: int | None) -> Any:
    import jax
    import jax.numpy as jnp
    import numpy as np

    # float64 whatever the caller's JAX mode: a picture of a difference of nearly equal sides
    # must not be float32 rounding noise
    with jax.enable_x64(True):
        arrays = [jnp.asarray(values[n], dtype=jnp.float64) for n in f.args]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        flat = [jnp.broadcast_to(a, shape).reshape(-1) for a in arrays]
        fn = f if grad_of is None else jax.grad(f, argnums=grad_of)
        out = jax.vmap(fn)(*flat)
        return np.asarray(out, dtype=float).reshape(shape)


def _new_figure(ncols: int = 1, width: float = 6.4) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * ncols if ncols > 1 else width, 4.2), layout="constrained")
    return fig


def _title(fig: Figure, title: str, note: str) -> None:
    from ._text import latex_to_text

    # a formula as readable text (Unicode math); matplotlib's mathtext reads only inside $...$
    text = latex_to_text(title).replace("$", r"\$")
    if len(text) > 90:
        text = text[:87] + "..."
    fig.suptitle(text + (f"\n({note})" if note else ""), fontsize=9)


def _curve_with_derivative(
    f: CompiledFunction, v: _Variable, fixed: Mapping[str, float], title: str, note: str
) -> Figure:
    import numpy as np

    xs = np.linspace(v.low, v.high, _POINTS_1D)
    values = {**fixed, v.name: xs}
    ys = _evaluate(f, values)
    dys = _partial(f, v.name, values)
    fig = _new_figure(2, 4.2)
    ax, dax = fig.subplots(1, 2)
    ax.plot(xs, ys, color="C0")
    ax.set_xlabel(v.plain)
    ax.set_ylabel("f")
    ax.set_title("the function", fontsize=9)
    dax.plot(xs, dys, color="C1")
    dax.axhline(0.0, color="0.7", linewidth=0.8)
    dax.set_xlabel(v.plain)
    dax.set_ylabel(f"df/d{v.plain}")
    dax.set_title("its derivative (jax.grad)", fontsize=9)
    for a in (ax, dax):
        a.grid(True, alpha=0.3)
    _title(fig, title, note)
    return fig


def _grid(u: _Variable, w: _Variable, n: int) -> Any:
    import numpy as np

    return np.meshgrid(np.linspace(u.low, u.high, n), np.linspace(w.low, w.high, n))


def _contour_with_gradient(
    f: CompiledFunction,
    variables: Sequence[_Variable],
    fixed: Mapping[str, float],
    title: str,
    note: str,
) -> Figure:
    import numpy as np

    u, w = variables
    xs, ys = _grid(u, w, _POINTS_2D)
    zs = _evaluate(f, {**fixed, u.name: xs, w.name: ys})
    fig = _new_figure()
    ax = fig.subplots()
    filled = ax.contourf(xs, ys, np.ma.masked_invalid(zs), levels=20, cmap="viridis")
    fig.colorbar(filled, ax=ax, label="f")
    qx, qy = _grid(u, w, _ARROWS)
    at = {**fixed, u.name: qx, w.name: qy}
    gx, gy = _partial(f, u.name, at), _partial(f, w.name, at)
    ax.quiver(qx, qy, gx, gy, color="white", angles="xy", pivot="mid", alpha=0.9)
    ax.set_xlabel(u.plain)
    ax.set_ylabel(w.plain)
    ax.set_title("contours and gradient field (jax.grad)", fontsize=9)
    _title(fig, title, note)
    return fig


# -- claims -------------------------------------------------------------------------------------------
_RELATION_TEXT = {"==": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "!=": "≠"}


def _claim_figure(
    rel: Any,
    table: SymbolTable,
    verdict: Verdict,
    wrt: str | Sequence[str] | None,
    range: tuple[float, float] | str | None,
    at: Mapping[str, float] | None,
    title: str,
) -> Figure:
    from ._compile import compile as build

    sides = []
    for side in (rel.lhs, rel.rhs):
        if getattr(side, "is_Matrix", False) or hasattr(side, "shape"):
            raise PlotError("this claim relates matrices or vectors; `plot` draws scalar claims")
        sides.append(build(side, symbols=table) if side.free_symbols else None)
    compiled = [f for f in sides if f is not None]
    for f in compiled:
        if f.output_indices:
            raise PlotError(
                f"this claim is vector-valued (free index {', '.join(f.output_indices)}); `plot` "
                "draws claims between scalars"
            )
    arguments = {a.name: a for f in compiled for a in f.arguments}
    anchor = verdict.counterexample if verdict.status == "refuted" else None
    relation = _RELATION_TEXT.get(rel.rel_op, rel.rel_op)
    status = verdict.status + (f" ({verdict.method})" if verdict.method else "")
    if any(a.rank or a.static for a in arguments.values()) and wrt is None and range is None:
        # vectors, matrices, simplices: the two sides at sampled points of the declared domains
        _refuse_unknown_functions(*compiled)
        fig = _claim_samples(sides, rel, list(arguments.values()), table, relation, anchor)
        _title(fig, title or f"lhs {relation} rhs", f"verdict: {status}")
        return fig
    _refuse_arrays(*compiled)
    variables, fixed = _choose(list(arguments.values()), table, wrt, range, at, anchor)
    note = "; ".join(t for t in (f"verdict: {status}", _fixed_text(fixed)) if t)
    if len(variables) == 1:
        fig = _claim_curves(sides, rel, variables[0], fixed, relation, anchor)
    else:
        fig = _claim_contour(sides, rel, variables, fixed, relation, anchor)
    _title(fig, title or f"lhs {relation} rhs", note)
    return fig


def _side(
    f: CompiledFunction | None, constant: Any, values: Mapping[str, Any], shape: tuple[int, ...]
) -> Any:
    import numpy as np

    if f is None:
        return np.full(shape, float(constant))
    return _evaluate(f, {k: values[k] for k in f.args})


def _claim_curves(
    sides: Sequence[CompiledFunction | None],
    rel: Any,
    v: _Variable,
    fixed: Mapping[str, float],
    relation: str,
    anchor: Mapping[str, Any] | None,
) -> Figure:
    import numpy as np

    xs = np.linspace(v.low, v.high, _POINTS_1D)
    values = {**fixed, v.name: xs}
    lhs = _side(sides[0], rel.lhs, values, xs.shape)
    rhs = _side(sides[1], rel.rhs, values, xs.shape)
    fig = _new_figure()
    ax = fig.subplots()
    ax.plot(xs, lhs, label="left side", color="C0")
    ax.plot(xs, rhs, label="right side", color="C1", linestyle="--")
    if anchor is not None:
        from .symbols import plain

        x0 = float(anchor.get(v.plain, anchor.get(plain(v.name), math.nan)))
        point = {**fixed, v.name: np.array([x0])}
        y0 = _side(sides[0], rel.lhs, point, (1,))[0]
        y1 = _side(sides[1], rel.rhs, point, (1,))[0]
        ax.axvline(x0, color="C3", linewidth=0.8, linestyle=":")
        ax.scatter(
            [x0, x0],
            [y0, y1],
            color="C3",
            zorder=5,
            marker="x",
            label=f"counterexample {v.plain} = {x0:.4g}",
        )
    ax.set_xlabel(v.plain)
    ax.set_ylabel("value")
    ax.set_title(f"both sides of the claim (left {relation} right)", fontsize=9)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def _claim_contour(
    sides: Sequence[CompiledFunction | None],
    rel: Any,
    variables: Sequence[_Variable],
    fixed: Mapping[str, float],
    relation: str,
    anchor: Mapping[str, Any] | None,
) -> Figure:
    import numpy as np

    u, w = variables
    xs, ys = _grid(u, w, _POINTS_2D)
    values = {**fixed, u.name: xs, w.name: ys}
    lhs = _side(sides[0], rel.lhs, values, xs.shape)
    rhs = _side(sides[1], rel.rhs, values, xs.shape)
    diff = lhs - rhs
    fig = _new_figure()
    ax = fig.subplots()
    scale = float(np.nanmax(np.abs(np.concatenate([lhs.ravel(), rhs.ravel()]))))
    tolerance = 1e-9 * (1.0 + scale)  # below it, a difference is rounding
    diff = np.where(np.abs(diff) <= tolerance, 0.0, diff)
    largest = float(np.nanmax(np.abs(diff))) if np.isfinite(diff).any() else 0.0
    if largest == 0.0:
        filled = ax.contourf(xs, ys, diff, levels=[-1.0, 1.0], colors=["#e8f0e8"])
        ax.text(
            0.5,
            0.5,
            "the two sides agree (to rounding)\neverywhere drawn",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
        )
    else:
        from matplotlib.colors import TwoSlopeNorm

        low, high = float(np.nanmin(diff)), float(np.nanmax(diff))
        norm = TwoSlopeNorm(0.0, min(low, -1e-12 * largest), max(high, 1e-12 * largest))
        filled = ax.contourf(
            xs, ys, np.ma.masked_invalid(diff), levels=21, cmap="coolwarm", norm=norm
        )
        if low < 0 < high:
            ax.contour(xs, ys, diff, levels=[0.0], colors="black", linewidths=1.0)
    fig.colorbar(filled, ax=ax, label="left side − right side")
    if anchor is not None:
        from .symbols import plain

        x0 = float(anchor.get(u.plain, anchor.get(plain(u.name), math.nan)))
        y0 = float(anchor.get(w.plain, anchor.get(plain(w.name), math.nan)))
        ax.scatter([x0], [y0], color="black", marker="x", s=80, zorder=5, label="counterexample")
        ax.legend(fontsize=8)
    ax.set_xlabel(u.plain)
    ax.set_ylabel(w.plain)
    ax.set_title(f"left side − right side (claim: left {relation} right)", fontsize=9)
    return fig


_SAMPLES = 200


def _claim_samples(
    sides: Sequence[CompiledFunction | None],
    rel: Any,
    arguments: Sequence[Any],
    table: SymbolTable,
    relation: str,
    anchor: Mapping[str, Any] | None,
) -> Figure:
    """Left side against right side at random points of the declared domains (the sampler the
    verifier uses), the diagonal where they are equal, the counterexample marked."""
    import numpy as np

    from ._sampling import point

    rng = np.random.default_rng(0)
    sizes: dict[Any, int] = {}
    draws = [
        dict(zip((a.name for a in arguments), point(arguments, table, sizes, rng), strict=True))
        for _ in range(_SAMPLES)
    ]
    static = {a.name for a in arguments if a.static}
    columns = [
        _side_at_points(f, c, draws, static) for f, c in zip(sides, (rel.lhs, rel.rhs), strict=True)
    ]
    both = np.stack(columns, axis=1)
    at = both[np.all(np.isfinite(both), axis=1)]
    if not len(at):
        raise PlotError("neither side of this claim has a finite value at the sampled points")
    fig = _new_figure()
    ax = fig.subplots()
    ax.scatter(at[:, 1], at[:, 0], s=12, alpha=0.6, color="C0", label="sampled points")
    low, high = float(at.min()), float(at.max())
    pad = 0.05 * (high - low or 1.0)
    diagonal = np.array([low - pad, high + pad])
    ax.plot(diagonal, diagonal, color="0.4", linewidth=0.8, label="left = right")
    if relation in ("≤", "<"):
        ax.fill_between(diagonal, diagonal, diagonal[-1], color="C3", alpha=0.07, label="violated")
    elif relation in ("≥", ">"):
        ax.fill_between(diagonal, diagonal[0], diagonal, color="C3", alpha=0.07, label="violated")
    if anchor is not None:
        from .symbols import plain

        by_plain = {plain(a.name): a.name for a in arguments} | {
            a.identifier: a.name for a in arguments
        }
        values = {
            by_plain[k]: np.asarray(v, dtype=float) for k, v in anchor.items() if k in by_plain
        }
        found = _sides_at(sides, rel, values) if len(values) == len(arguments) else None
        if found is not None:
            ax.scatter(
                [found[1]],
                [found[0]],
                color="C3",
                marker="x",
                s=90,
                zorder=5,
                label="counterexample",
            )
    shown = ", ".join(f"{s} = {n}" for s, n in sizes.items())
    ax.set_xlabel("right side")
    ax.set_ylabel("left side")
    ax.set_title(
        f"both sides at {len(at)} random points of the declared domains"
        + (f" ({shown})" if shown else ""),
        fontsize=9,
    )
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def _side_at_points(
    f: CompiledFunction | None, constant: Any, draws: Sequence[Mapping[str, Any]], static: set[str]
) -> Any:
    """One side at every sampled point at once (``jax.vmap``; the sizes are shared), or NaN."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    if f is None:
        return np.full(len(draws), float(constant))
    names = [n for n in f.args if n not in static]
    fixed = {n: draws[0][n] for n in f.args if n in static}
    with jax.enable_x64(True):
        stacked = [jnp.asarray(np.stack([d[n] for d in draws]), dtype=jnp.float64) for n in names]

        def at(*xs: Any) -> Any:
            return f(**dict(zip(names, xs, strict=True)), **fixed)

        try:
            if not names:  # a side of sizes only (`\log n`): the same at every point
                return np.full(len(draws), float(at()))
            return np.asarray(jax.vmap(at)(*stacked), dtype=float).reshape(len(draws))
        except (DerivaxError, TypeError, ValueError):
            return np.full(len(draws), np.nan)


def _sides_at(
    sides: Sequence[CompiledFunction | None], rel: Any, values: Mapping[str, Any]
) -> tuple[float, float] | None:
    """Both sides at one point (keyword arguments by name), or None where one cannot be evaluated."""
    import jax

    out = []
    with jax.enable_x64(True):
        for f, constant in zip(sides, (rel.lhs, rel.rhs), strict=True):
            try:
                v = float(constant) if f is None else float(f(**{n: values[n] for n in f.args}))
            except (DerivaxError, KeyError, TypeError, ValueError):
                return None
            out.append(v)
    return out[0], out[1]
