"""Compilation: SymPy expressions to jitted JAX functions (and a plain evaluator for the rest)."""

from ._axes import _free_ranges as free_ranges  # noqa: F401 - the stage's public name for it
from ._axes import index_order as index_order
from ._axes import left_order as left_order
from ._dims import bind_dims as bind_dims
from ._elementary import FLOAT64_ONLY as FLOAT64_ONLY
from ._function import CompiledFunction as CompiledFunction
from ._function import compile as compile
from ._inputs import Key as Key
from ._inputs import inputs_of as inputs_of
from ._inputs import key_of as key_of
from ._plain import evaluate as evaluate
from ._plain import outside_where_guarded as outside_where_guarded
from ._standalone import module_source as module_source
