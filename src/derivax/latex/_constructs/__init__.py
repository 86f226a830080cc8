"""One reader per construct of a formula; ``_parse.CONSTRUCTS`` says which command each reads."""

from ._applications import Applications as Applications
from ._arg_extrema import ArgExtrema as ArgExtrema
from ._densities import Densities as Densities
from ._derivatives import Derivatives as Derivatives
from ._diagonal import DiagonalGaussians as DiagonalGaussians
from ._divergences import Divergences as Divergences
from ._environments import Environments as Environments
from ._evaluation_bars import EvaluationBars as EvaluationBars
from ._integrals import Integrals as Integrals
from ._integrals import over_the_line as over_the_line
from ._limits import Limits as Limits
from ._limits import bind_limit_variables as bind_limit_variables
from ._moments import Moments as Moments
from ._norms import Norms as Norms
from ._ones import Ones as Ones
from ._standard import StandardFunctions as StandardFunctions
from ._summaries import Summaries as Summaries
from ._sums import Sums as Sums
