"""The catalog stage: the built-in ML equations (``equations/*.toml``) and the user's own catalogs."""

from ._catalog import AREAS as AREAS
from ._catalog import SCHEMA as SCHEMA
from ._catalog import Catalog as Catalog
from ._catalog import Check as Check
from ._catalog import CheckResult as CheckResult
from ._catalog import Equation as Equation
from ._catalog import Example as Example
from ._catalog import Verification as Verification
from ._catalog import catalog as catalog
from ._catalog import catalog_dir as catalog_dir
from ._catalog import load as load
from ._catalog import load_catalog as load_catalog
from ._derivative_values import evaluate_derivation as evaluate_derivation
from ._evaluate import evaluate_latex as evaluate_latex
from ._skeleton import skeleton as skeleton
from ._stated import DerivativeResult as DerivativeResult
from ._stated import check_derivative as check_derivative
