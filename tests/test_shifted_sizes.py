r"""Sizes written as a dimension plus a whole number: ``\theta, x: vector[n+1]``, the intercept's
convention of course notes (``h_\theta(x) = \sum_{i=0}^{n} \theta_i x_i = \theta^\top x`` with
``x_0 = 1``). The table reads ``n+1``; the sampler draws n and sizes the arrays n + 1; a compiled
function reads n off an argument's length; a sum from 0 to n counts the entries from 0 (the
zero-based rule). Expected values are NumPy's, written from the definition.

Side conditions tested: n = 1 (arrays of length 2) is among the sampled sizes; two arrays whose
lengths disagree with their declarations are refused; ``n-1`` and ``n+0`` are no sizes.
"""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import SymbolError

TABLE = r"\theta, x: vector[n+1]; j: index"


@pytest.mark.parametrize("size", ["n-1", "n+0", "n+x"])
def test_a_size_is_a_dimension_plus_a_whole_number_or_refused(size):
    with pytest.raises(SymbolError, match="plus a whole number"):
        dx.parse_symbols(f"x: vector[{size}]")
    table = dx.parse_symbols("W: matrix[m, n+2]")
    assert str(table.shape_of("W")) == "(m, n + 2)" and table["n"].kind == "dim"


@pytest.mark.parametrize("length", [2, 3, 5])
def test_a_sum_from_zero_over_n_plus_one_entries_is_the_dot_product(length):
    rng = np.random.default_rng(length)
    theta, x = rng.normal(size=length), rng.normal(size=length)
    for tex in (r"\sum_{i=0}^{n} \theta_i x_i", r"\theta^\top x"):
        got = float(dx.evaluate(tex, {"theta": theta, "x": x}, TABLE))
        assert abs(got - float(theta @ x)) <= 1e-12 * (1 + abs(theta @ x)), tex
    f = dx.compile(r"\sum_{i=0}^{n} \theta_i x_i", symbols=TABLE)
    assert abs(float(f(theta=theta, x=x)) - float(theta @ x)) <= 1e-12 * (1 + abs(theta @ x))


def test_arrays_whose_lengths_disagree_are_refused():
    with pytest.raises(dx.DerivaxError):
        dx.evaluate(r"\theta^\top x", {"theta": np.ones(3), "x": np.ones(4)}, TABLE)


def test_claims_over_n_plus_one_entries_are_decided_by_their_truth():
    assert dx.check(r"\sum_{i=0}^{n} \theta_i x_i = \theta^\top x", TABLE).status != "refuted"
    assert dx.check(r"\sum_{i=0}^{n} \theta_i x_i = \theta^\top x + 1", TABLE).status == "refuted"
    # a sum from 1 to n misses entry 0 of n + 1
    assert dx.check(r"\|x\|^2 = \sum_{i=1}^{n} x_i^2", TABLE).status == "refuted"
    grad = r"\frac{\partial}{\partial \theta_j} \sum_{i=0}^{n} \theta_i x_i = x_j"
    assert dx.check(grad, TABLE).status != "refuted"
