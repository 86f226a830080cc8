"""A claim drawn: both sides, their difference, or both at sampled points; counterexample marked."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import PlotError
from ._domain import _choose, _fixed_text, _refuse_arrays, _refuse_unknown_functions, _Variable
from ._figure import _new_figure, _title
from ._values import _POINTS_1D, _POINTS_2D, _grid, _side, _side_at_points, _sides_at

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._compile import CompiledFunction
    from .._verify import Verdict
    from ..symbols import SymbolTable

_RELATION_TEXT = {"==": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "!=": "≠"}


def _with_definitions(rel: Any, givens: Sequence[Any]) -> Any:
    """The claim with its given definitions substituted, so that a claim about ``D(p, q)`` is
    drawn through what ``D`` is. A definition ``f(x, y) = ...`` of a function that appears with
    that many arguments only, and not on its own right side, is applied to every application;
    any other given equation replaces exactly its left side (``P(A \\mid B) = ...``)."""
    import sympy
    from sympy.core.function import AppliedUndef

    lhs, rhs = rel.lhs, rel.rhs
    # each definition entered into the others' results too, in whatever order they are given
    # (z = W x + b before a = σ(z)): a round for each given at most
    for g in [g for _ in givens for g in givens]:
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


def _claim_figure(
    rel: Any,
    table: SymbolTable,
    verdict: Verdict,
    wrt: str | Sequence[str] | None,
    range: tuple[float, float] | str | None,
    at: Mapping[str, float] | None,
    title: str,
) -> Figure:
    from .._compile import compile as build

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
        from ..symbols import plain

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
            label=f"counterexample {v.shown} = {x0:.4g}",
        )
    ax.set_xlabel(v.shown)
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
        from ..symbols import plain

        x0 = float(anchor.get(u.plain, anchor.get(plain(u.name), math.nan)))
        y0 = float(anchor.get(w.plain, anchor.get(plain(w.name), math.nan)))
        ax.scatter([x0], [y0], color="black", marker="x", s=80, zorder=5, label="counterexample")
        ax.legend(fontsize=8)
    ax.set_xlabel(u.shown)
    ax.set_ylabel(w.shown)
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

    from .._sampling import point

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
    shown = ", ".join(f"{s} = {n}" for s, n in sizes.items())
    title = f"at {len(at)} random points of the declared domains" + (f" ({shown})" if shown else "")
    if np.ptp(at[:, 0]) == 0.0 or np.ptp(at[:, 1]) == 0.0:
        # one side is a constant (KL ≥ 0): left against right would be one line of points
        return _difference_histogram(at[:, 0] - at[:, 1], relation, title)
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
        from ..symbols import plain

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
    ax.set_xlabel("right side")
    ax.set_ylabel("left side")
    ax.set_title(f"both sides {title}", fontsize=9)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def _difference_histogram(diff: Any, relation: str, title: str) -> Figure:
    """The distribution of left side − right side, 0 marked and the side that violates shaded."""

    fig = _new_figure()
    ax = fig.subplots()
    low, high = float(diff.min()), float(diff.max())
    pad = 0.05 * (high - low or max(abs(high), 1.0))
    low, high = min(low - pad, -pad), max(high + pad, pad)
    ax.hist(diff, bins=30, range=(low, high), color="C0", alpha=0.8, label="sampled points")
    ax.axvline(0.0, color="0.3", linewidth=1.0, label="left = right")
    if relation in ("≥", ">"):
        ax.axvspan(low, 0.0, color="C3", alpha=0.08, label="violated")
    elif relation in ("≤", "<"):
        ax.axvspan(0.0, high, color="C3", alpha=0.08, label="violated")
    ax.set_xlim(low, high)
    ax.set_xlabel("left side − right side")
    ax.set_ylabel("number of points")
    ax.set_title(f"left side − right side {title}", fontsize=9)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig
