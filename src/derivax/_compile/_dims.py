"""The sizes of an expression's dimensions, read off the arrays given for its declared
symbols (shared by the plain evaluator and the catalog's checks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from .._errors import ShapeError
from ._inputs import Key


def bind_dims(expr: sympy.Basic, values: Mapping[Key, Any], table) -> dict[sympy.Symbol, int]:
    """Read the size of every dimension off the arrays given for the declared symbols."""
    dims: dict[sympy.Symbol, int] = {}
    for key, value in values.items():
        if not isinstance(key, str) or table.resolve(key) is None:
            continue
        d = table[key]
        if not d.shape:
            continue
        shape = np.shape(value)
        want = list(d.shape)
        if d.kind in ("spd", "symmetric"):
            want = [d.shape[0], d.shape[0]]
        if len(shape) != len(want):
            raise ShapeError(
                f"`{d.plain}` is declared {d.kind}[{', '.join(d.shape)}] but the value given has "
                f"shape {tuple(shape)}"
            )
        for dim_name, size in zip(want, shape, strict=True):
            if dim_name.isdigit():
                if int(dim_name) != size:
                    raise ShapeError(f"`{d.plain}` must have size {dim_name}, got {size}")
                continue
            sym = table.dim(dim_name)
            if not isinstance(sym, sympy.Symbol):  # n + 1: n is one less
                shift, sym = sym.as_coeff_Add()
                size -= int(shift)
            if sym in dims and dims[sym] != size:
                raise ShapeError(
                    f"dimension `{dim_name}` is {dims[sym]} elsewhere but `{d.plain}` gives {size}"
                )
            dims[sym] = size
    return dims
