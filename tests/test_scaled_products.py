"""A product of three or more factors is formed from its factors' mantissas and exponents, so an
intermediate product does not overflow or underflow where the whole is representable: Bayes'
P(B | A) P(A) / P(B) at 1e200 (the numerator was inf), and 1e200 * -1e200 * 0 (NaN where the
product is 0). The family: three to five factors, powers -2 to 2, magnitudes from 1e-200 to 1e200
and 0, in float64; values and gradients against mpmath at 60 digits."""

from __future__ import annotations

import itertools

import mpmath
import numpy as np
import pytest

import derivax as dx

NAMES = ["a", "b", "c", "d", "e"]
MAGNITUDES = [1e200, -1e200, 1e-200, 3.0, -0.5, 1e150, 1e-150]


def _members():
    rng = np.random.default_rng(2026)
    out = []
    for k in (3, 4, 5):
        for _ in range(12):
            powers = [int(p) for p in rng.choice([-2, -1, 1, 1, 2], size=k)]
            values = [float(v) for v in rng.choice(MAGNITUDES, size=k)]
            with mpmath.workdps(60):
                exact = mpmath.fprod(
                    mpmath.mpf(v) ** p for v, p in zip(values, powers, strict=True)
                )
            if not (1e-300 < abs(exact) < 1e300):
                continue  # not representable: the rule says nothing there
            out.append((powers, values))
    return out


MEMBERS = _members()


def _latex(powers):
    top = [f"{n}^{{{p}}}" if p > 1 else n for n, p in zip(NAMES, powers, strict=False) if p > 0]
    bottom = [
        f"{n}^{{{-p}}}" if p < -1 else n for n, p in zip(NAMES, powers, strict=False) if p < 0
    ]
    num = " ".join(top) or "1"
    return rf"\frac{{{num}}}{{{' '.join(bottom)}}}" if bottom else num


def test_the_family_has_members_of_every_size():
    assert {len(p) for p, _ in MEMBERS} == {3, 4, 5} and len(MEMBERS) >= 15


@pytest.mark.parametrize("powers, values", MEMBERS, ids=lambda v: str(v))
def test_value_and_gradient_keep_their_scale(powers, values):
    import jax
    import jax.numpy as jnp

    k = len(powers)
    names = NAMES[:k]
    f = dx.compile(
        _latex(powers), symbols="; ".join(f"{n}: scalar" for n in names), dtype="float64"
    )
    args = {n: jnp.asarray(v) for n, v in zip(names, values, strict=True)}
    with mpmath.workdps(60):
        mp = [mpmath.mpf(v) for v in values]
        exact = mpmath.fprod(x**p for x, p in zip(mp, powers, strict=True))
        grads = [exact * p / x for x, p in zip(mp, powers, strict=True)]
    got = float(f(**args))
    assert got == pytest.approx(float(exact), rel=1e-13)
    for i, n in enumerate(names):
        if not 1e-300 < abs(grads[i]) < 1e300:
            continue
        d = float(jax.grad(lambda v, n=n: f(**{**args, n: v}))(args[n]))
        assert d == pytest.approx(float(grads[i]), rel=1e-12), n


@pytest.mark.parametrize("order", list(itertools.permutations([1e200, -1e200, 0.0])))
def test_a_zero_factor_beside_two_huge_ones_gives_zero_not_nan(order):
    f = dx.compile("a b c", symbols="a, b, c: scalar", dtype="float64")
    assert float(f(a=order[0], b=order[1], c=order[2])) == 0.0


def test_zero_times_inf_stays_nan_and_inf_stays_inf():
    f = dx.compile("a b c", symbols="a, b, c: scalar", dtype="float64")
    assert np.isnan(float(f(a=0.0, b=np.inf, c=2.0)))
    assert float(f(a=-1.0, b=np.inf, c=2.0)) == -np.inf


def test_bayes_theorem_at_1e200():
    eq = dx.catalog()["bayes_theorem"]
    got = dx.evaluate(eq, {"P(B \\mid A)": 1e200, "P(A)": 0.5, "P(B)": 1e200})
    assert float(got) == pytest.approx(0.5, rel=1e-15)
