"""A scalar function drawn with its derivative (one variable) or its gradient field (two)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import PlotError
from ._domain import _choose, _fixed_text, _refuse_arrays, _Variable
from ._figure import _new_figure, _title
from ._values import _POINTS_1D, _POINTS_2D, _evaluate, _grid, _partial

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._compile import CompiledFunction
    from ..symbols import SymbolTable

_ARROWS = 17


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

    from .._compile import compile as build

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
    ax.set_xlabel(v.shown)
    ax.set_ylabel("f")
    ax.set_title("the function", fontsize=9)
    dax.plot(xs, dys, color="C1")
    dax.axhline(0.0, color="0.7", linewidth=0.8)
    dax.set_xlabel(v.shown)
    dax.set_ylabel(f"df/d{v.shown}")
    dax.set_title("its derivative (jax.grad)", fontsize=9)
    for a in (ax, dax):
        a.grid(True, alpha=0.3)
    _title(fig, title, note)
    return fig


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
    ax.set_xlabel(u.shown)
    ax.set_ylabel(w.shown)
    ax.set_title("contours and gradient field (jax.grad)", fontsize=9)
    _title(fig, title, note)
    return fig
