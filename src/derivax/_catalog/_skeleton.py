"""The commented skeleton entry that ``derivax new ID --catalog DIR`` writes."""

from __future__ import annotations

from .._errors import CatalogError
from ._catalog import _AREA, _ID

_TEMPLATE = r"""# A catalog entry of your own, in the format of derivax's built-in equations/*.toml.
# Its JSON Schema ships with derivax as derivax/_catalog/schema.json: an editor with a TOML
# language server (taplo, Even Better TOML) completes and validates fields with it.
# Check the entry with:   derivax verify {id} --catalog DIR
# Use it like a built-in: derivax show {id} --catalog DIR   (also eval, grad, compile, export)

[{id}]
title = "Square"                       # a short title
area = "{area}"                 # any name of lower-case letters, digits and _
summary = "Replace this with one sentence on what the equation says."
# The definition, lhs = rhs: the left side names the quantity, the right side defines it.
latex = 'y = x^2'
# The symbol table: what each name is (vector[n], matrix[m, n], simplex[n], index, dim, ...).
symbols = "x: scalar; y: scalar"

# Worked examples: inputs (set) and the expected value, computed independently (at least one).
[[{id}.examples]]
set = {{ x = 3.0 }}
expect = 9.0

# Claims that should hold, each with the verdict expected:
# proved, refuted, plausible, unknown or timeout. given = ['...'] adds definitions.
[[{id}.checks]]
claim = 'x^2 \ge 0'
expect = "proved"

# Derivatives whose closed form you know: derivax derives its own and `verify` compares them.
[[{id}.derivatives]]
wrt = "x"
latex = '\frac{{\partial y}}{{\partial x}} = 2 x'
"""


def skeleton(eq_id: str, area: str = "my_equations") -> str:
    """The TOML text of a commented skeleton entry ``eq_id`` in ``area``; it loads and verifies."""
    if not _ID.fullmatch(eq_id):
        raise CatalogError(
            f"`{eq_id}` is not an equation id; an id is lower-case letters, digits and `_`, "
            f"starting with a letter, such as `my_loss`"
        )
    if not _AREA.fullmatch(area):
        raise CatalogError(
            f"`{area}` is not an area name; use lower-case letters, digits and `_`, such "
            f"as `my_paper`"
        )
    return _TEMPLATE.format(id=eq_id, area=area)
