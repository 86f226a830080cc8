"""One class label (``y: label[k]``): a whole number in 1..k that picks an entry, ``z_y``."""

from __future__ import annotations

import sympy


class Label(sympy.Symbol):
    """The symbol of a declared class label: an integer scalar whose value is data (the class of
    one example), so an entry it picks (``z_y``, ``W_{y, j}``) is checked when it runs (a whole
    number in 1..k, else no value), never when the code is traced."""
