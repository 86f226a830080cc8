"""Derivation: gradients, Jacobians and Hessians, each cross-checked against JAX."""

from ._core import Derivation as Derivation
from ._core import Step as Step
from ._core import derive as derive
from ._core import expand_softmax as expand_softmax
from ._core import grad as grad
from ._core import jacobian as jacobian
from ._hessian import hessian as hessian
from ._hessian import second_derivation as second_derivation
