"""The float64 search's violation at a concrete point, computed as one jitted function of both
sides (``Sides.at``), against the same violation traced operation by operation
(``Sides.violation``) and against NumPy written from the claim (float64)."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from derivax._reading import read_claim
from derivax._verify._numeric import Sides


def _relative(gap, left, right):
    return gap / (1 + abs(left) + abs(right))


CASES = [
    # claim, symbols, free indices, NumPy violation from the claim
    (
        r"\log(1 + e^{x}) \ge x",
        "x: scalar",
        lambda v: _relative(v["x"] - np.log1p(np.exp(v["x"])), np.log1p(np.exp(v["x"])), v["x"]),
    ),
    (
        r"\sum_{i=1}^{n} x_i^2 = a",
        "x: vector[n]; a: scalar; i: index; n: dim",
        lambda v: _relative(abs(np.sum(v["x"] ** 2) - v["a"]), np.sum(v["x"] ** 2), v["a"]),
    ),
    (
        r"x^T A x < b",
        "x: vector[n]; A: matrix[n, n]; b: scalar; n: dim",
        lambda v: _relative(v["x"] @ v["A"] @ v["x"] - v["b"], v["x"] @ v["A"] @ v["x"], v["b"]),
    ),
]


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("n", [1, 3])
def test_the_jitted_violation_is_the_traced_one_and_numpys(case, n):
    claim, symbols, oracle = CASES[case]
    rel, table, *_ = read_claim(claim, symbols, [])
    sides = Sides(rel, table, [])
    rng = np.random.default_rng(case + 10 * n)
    with jax.enable_x64(True):
        for _ in range(5):
            values = {}
            for a in sides.arguments:
                shape = tuple(n for s in a.sizes)
                values[a.key] = rng.normal(size=shape) * 3 if shape else float(rng.normal() * 3)
            fused = float(sides.at(values))
            traced = float(sides.violation(values))
            plain = {str(k): np.asarray(v) for k, v in values.items()}
            assert fused == pytest.approx(traced, rel=1e-13, abs=1e-15)
            assert fused == pytest.approx(float(oracle(plain)), rel=1e-10, abs=1e-13)
