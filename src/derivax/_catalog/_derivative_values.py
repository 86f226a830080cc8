r"""The value of a derivative at named inputs: ``dx.evaluate(dx.derive(f, "x"), values)``.

A gradient's entries run over the whole variable, which its result may no longer read: the
derivative of a real DFT coefficient with respect to ``x_j`` is ``\cos(2\pi (j-1)(k-1)/N)``,
with no ``x`` in it; that of ``\sum_l (\gamma\lambda)^l \delta_{l+1}`` is a sum of Kronecker
deltas in ``k``. The expression alone cannot tell the range of its free index (``dx.evaluate``
of ``dx.grad`` refuses); the derivation can: the variable's axes, as its cross-check uses them.

The values are those of the expression differentiated: one the derivative no longer uses (the
variable itself, for a linear function) is accepted, and gives the sizes of its axes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from .._compile import bind_dims, evaluate, outside_where_guarded
from .._errors import CompileError, DerivaxError, ShapeError
from ..symbols import SymbolTable
from ._evaluate import call_compiled, needs_values, resolve_inputs


def evaluate_derivation(d, values: Mapping[str, Any]) -> np.ndarray:
    """``d.result`` at ``values``, in float64, its entries over the variable's whole axes."""
    from .._compile import compile as build
    from .._derive import free_and_ranges

    table = d.table if d.table is not None else SymbolTable()
    _, ranges = free_and_ranges(d, d.kind)
    both = sympy.Tuple(d.expression, d.result)
    inputs = resolve_inputs(both, table, values, "the expression differentiated")
    sizes = {str(s): v for s, v in bind_dims(both, inputs, table).items()}
    compiled = build(
        d.result, symbols=table, free_indices=list(d.output_indices), index_ranges=ranges
    )
    given: dict = {}
    for a in compiled.arguments:
        if a.key in inputs:
            given[a.key] = inputs[a.key]
        elif a.static and isinstance(a.key, str) and a.key in sizes:
            given[a.key] = sizes[a.key]
        else:
            raise DerivaxError(f"no value given for `{a.name}`")
    try:
        return call_compiled(compiled, given, table)
    except CompileError as e:
        if not needs_values(e):
            raise
    except ShapeError as e:
        if not outside_where_guarded(e, d.result):
            raise
    # a bound is an input's value (\sum_{t=1}^{N-\tau}), or an access is guarded by a
    # condition: the plain walk, which has the values and reads each entry where it holds
    return evaluate(
        d.result,
        inputs,
        table=table,
        free_indices=tuple(d.output_indices),
        index_ranges=ranges,
    )
