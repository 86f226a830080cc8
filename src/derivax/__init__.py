"""derivax: ML equations written once in LaTeX, parsed to SymPy, evaluated with JAX.

>>> import derivax as dx
>>> dx.parse(r"\\sigma(x)")
sigmoid(x)
"""

from __future__ import annotations

import typing as _typing

from . import _sympy_shapes as _sympy_shapes  # a product's shape found once
from ._api import catalog as catalog
from ._api import check as check
from ._api import compile as compile
from ._api import derive as derive
from ._api import evaluate as evaluate
from ._api import grad as grad
from ._api import hessian as hessian
from ._api import jacobian as jacobian
from ._api import load_catalog as load_catalog
from ._api import parse as parse
from ._api import plot as plot
from ._api import symbols as symbols
from ._api import to_latex as to_latex
from ._api import to_text as to_text
from ._batch import check_many as check_many
from ._errors import CatalogError as CatalogError
from ._errors import CompileError as CompileError
from ._errors import DerivationError as DerivationError
from ._errors import DerivaxError as DerivaxError
from ._errors import ParseError as ParseError
from ._errors import PlotError as PlotError
from ._errors import ShapeError as ShapeError
from ._errors import SymbolError as SymbolError
from ._errors import VerifyTimeout as VerifyTimeout
from ._verify import Verdict as Verdict
from .symbols import SymbolTable as SymbolTable
from .symbols import parse_symbols as parse_symbols

if _typing.TYPE_CHECKING:
    from ._catalog import Catalog as Catalog
    from ._catalog import Equation as Equation
    from ._compile import CompiledFunction as CompiledFunction
    from ._derive import Derivation as Derivation

#: exported types whose modules import NumPy (and JAX): imported on first use, so that a command
#: that needs none of them (``derivax check-doc`` answered from the verdict cache) starts faster
_LAZY = {
    "Catalog": "._catalog",
    "Equation": "._catalog",
    "CompiledFunction": "._compile",
    "Derivation": "._derive",
}


def __getattr__(name: str) -> _typing.Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'derivax' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


#: the public names (the API reference lists them in this order, grouped by kind)
__all__ = [
    "Catalog",
    "CatalogError",
    "CompileError",
    "CompiledFunction",
    "Derivation",
    "DerivationError",
    "DerivaxError",
    "Equation",
    "ParseError",
    "PlotError",
    "ShapeError",
    "SymbolError",
    "SymbolTable",
    "Verdict",
    "VerifyTimeout",
    "catalog",
    "check",
    "check_many",
    "compile",
    "derive",
    "evaluate",
    "grad",
    "hessian",
    "jacobian",
    "load_catalog",
    "load_ipython_extension",
    "parse",
    "parse_symbols",
    "plot",
    "symbols",
    "to_latex",
    "to_text",
]


def _version() -> str:
    """The version of the installed package (pyproject.toml is its one source)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("derivax")
    except PackageNotFoundError:  # a source tree on sys.path, not installed
        return "0+unknown"


__version__ = _version()


def load_ipython_extension(shell) -> None:
    """``%load_ext derivax``: SymPy results display with derivax's LaTeX."""
    from ._jupyter import register

    register(shell)
