"""The catalog stage: the built-in ML equations, read from ``equations/*.toml``."""

from ._catalog import AREAS as AREAS
from ._catalog import Catalog as Catalog
from ._catalog import Check as Check
from ._catalog import Equation as Equation
from ._catalog import Example as Example
from ._catalog import catalog as catalog
from ._catalog import load as load
