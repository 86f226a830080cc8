"""Algebra shared by derivation and verification: sums, Kronecker deltas and simplex constraints
in index notation, entries of matrix products written out, Gaussian moment integrals, the softmax written out, matrix tidying and the matrix-calculus gradient core."""

from ._entries import entries_written_out as entries_written_out
from ._entries import summed_entries_written as summed_entries_written
from ._forward import differential as differential
from ._forward import jacobian as jacobian
from ._gaussian import gaussian_integral as gaussian_integral
from ._matrix import Matrix as Matrix
from ._matrix import add_matrices as add_matrices
from ._matrix import constant_maps as constant_maps
from ._matrix import derivative_of as derivative_of
from ._matrix import entry as entry
from ._matrix import from_scalar as from_scalar
from ._matrix import gradient as gradient
from ._matrix import is_log_det as is_log_det
from ._matrix import log_det_arg as log_det_arg
from ._matrix import logs_of_products as logs_of_products
from ._matrix import tidy as tidy
from ._softmax import expand_softmax as expand_softmax
from ._sums import apply_simplex as apply_simplex
from ._sums import collapse_deltas as collapse_deltas
from ._sums import normalize_sums as normalize_sums
from ._sums import recognize_softmax as recognize_softmax
from ._unshadow import unshadow as unshadow
