"""Derivation: gradients, Jacobians and Hessians, each cross-checked against JAX."""

from ._check import free_and_ranges as free_and_ranges
from ._core import derive as derive
from ._core import grad as grad
from ._derivation import Derivation as Derivation
from ._derivation import Step as Step
from ._hessian import hessian as hessian
from ._hessian import second_derivation as second_derivation
from ._jacobian import jacobian as jacobian
from ._jacobian import jacobian_derivation as jacobian_derivation
