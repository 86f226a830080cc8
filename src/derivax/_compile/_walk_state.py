"""What each part of the plain evaluator may use of the others: the walk's fields and the methods
one part calls on another. The walk (``_plain._Walk``) is one dataclass made of the parts; this
base only tells a type checker what ``self`` holds, and defines nothing at run time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sympy

from ._inputs import Key


class WalkState:
    """The fields of one evaluation (declared on ``_plain._Walk``)."""

    values: Mapping[Key, Any]
    functions: Mapping[str, tuple[tuple[sympy.Symbol, ...], sympy.Basic]]
    dims: dict[sympy.Symbol, int]
    bound: dict[sympy.Basic, object]

    if TYPE_CHECKING:  # the methods one part calls on another

        def ev(self, e: sympy.Basic): ...
        def number(self, e: sympy.Expr): ...
