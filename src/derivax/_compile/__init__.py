"""Compilation: SymPy expressions to numeric JAX functions."""

from ._plain import evaluate as evaluate
from ._plain import inputs_of as inputs_of
