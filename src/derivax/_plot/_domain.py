"""What a figure is drawn over: one or two scalars, ranges in their domains, the rest held fixed."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import DerivaxError, PlotError

if TYPE_CHECKING:
    from .._compile import CompiledFunction
    from ..symbols import SymbolTable


@dataclass(frozen=True)
class _Variable:
    name: str  # as written in the symbol table
    plain: str
    low: float
    high: float

    @property
    def shown(self) -> str:
        """The name as a reader reads it on an axis (``θ``, ``ŷ``, ``w_2``)."""
        from .._text import latex_to_text

        return latex_to_text(self.name)


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
    from ..symbols import plain

    by_name: dict[str, Any] = {}
    for a in arguments:
        by_name[a.name] = a
        by_name[a.identifier] = a
        by_name[plain(a.name)] = a
    # in the order a reader expects (x across, y up; a before b), not the compiler's order
    names = sorted(dict.fromkeys(a.name for a in arguments), key=lambda n: (plain(n).lower(), n))
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
    from .._text import latex_to_text

    return ", ".join(f"{latex_to_text(k)} = {v:.4g}" for k, v in fixed.items())
