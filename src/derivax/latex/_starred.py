r"""A starred name beside a declared array: ``x^*`` (``x^{\star}``) with ``x:
vector[n]`` is an optimum, a point of the same space, so it reads as a vector like ``x`` (the
twin rule of ``\theta_t`` beside ``\theta``); read by the rule for undeclared names it was one
scalar, and ``x^* y = y^* x`` a scalar times a vector on each side. A star on a declared scalar
or function, or on an undeclared name, keeps the general rule."""

from __future__ import annotations

import re

from ..symbols import Declaration, SymbolTable

_STARRED = re.compile(r"(.+)\^\{(?:\*|\\star|\\ast)\}")


def starred_twin(table: SymbolTable, name: str) -> Declaration | None:
    """The declaration ``name`` (``x^{*}``) is like: that of its base when the base is an array."""
    m = _STARRED.fullmatch(name)
    key = table.resolve(m.group(1)) if m else None
    return table[key] if key is not None and table[key].is_array else None
