"""A free index that picks an entry of no array (the entry k of a gradient written with a
Kronecker delta, d/d delta_k of GAE's sum) has no range derivax can tell: evaluating it is
refused. It was sized by probing until an access failed, and with no access to fail the probe
stopped at the first value: a one-entry answer, silently."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

S = r"\delta: vector[T]; \gamma, \lambda: scalar, unit; l: index"
GAE = r"\sum_{l=0}^{T-1} (\gamma \lambda)^l \delta_{l+1}"


def test_the_value_is_right():
    d = np.array([0.3, -0.2, 0.5, 0.1])
    got = dx.evaluate(GAE, {"delta": d, "gamma": 0.9, "lambda": 0.8}, symbols=S)
    assert float(got) == pytest.approx(sum((0.72**m) * d[m] for m in range(4)), rel=1e-12)


def test_an_entry_of_the_gradient_picks_no_array_and_is_refused():
    g = dx.grad(GAE, wrt=r"\delta", symbols=S)
    expr = g.result if hasattr(g, "result") else g
    with pytest.raises(dx.DerivaxError, match="picks an entry of no array"):
        dx.evaluate(expr, {"gamma": 0.9, "lambda": 0.8, "T": 4}, symbols=S)
