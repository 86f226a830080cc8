"""Notation of fresh paper formulas (issue 25): ``\\operatorname{clip}`` (PPO), index offsets
(``x_{t+\\tau}``, ``x_{t-k}``), indicators of comparisons inside sums. Every expected value is
NumPy written from the paper's definition, never through derivax. Float64 (conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

# -- clip --------------------------------------------------------------------------------------

PPO = (
    r"\frac{1}{T} \sum_{t=1}^{T} \min\left(\rho_t \hat{A}_t, "
    r"\operatorname{clip}(\rho_t, 1 - \epsilon, 1 + \epsilon) \hat{A}_t\right)"
)
PPO_SYMBOLS = r"\rho, \hat{A}: vector[T]; \epsilon: scalar, positive; t: index"


def _ppo(rho, adv, eps):
    return np.mean(np.minimum(rho * adv, np.clip(rho, 1 - eps, 1 + eps) * adv))


def _ppo_grad(rho, adv, eps):
    """d/d rho_t of the PPO objective from the definition, away from ties: A_t / T where the
    unclipped term is the smaller one or the ratio is inside the clip range, else 0."""
    clipped = np.clip(rho, 1 - eps, 1 + eps)
    unclipped_wins = rho * adv < clipped * adv
    inside = (rho > 1 - eps) & (rho < 1 + eps)
    return np.where(unclipped_wins | inside, adv, 0.0) / len(rho)


@pytest.mark.parametrize(
    "rho, adv",
    [
        ([0.5, 0.95, 1.1, 1.6], [1.0, -2.0, 0.5, 3.0]),  # below, inside, inside, above
        ([1.7, 0.3, 1.05, 0.6], [-1.0, -0.5, 2.0, 1.5]),  # negative advantages keep the far side
        ([1.4], [2.0]),  # T = 1
    ],
)
def test_ppo_clipped_objective_and_its_gradient_match_numpy(rho, adv):
    rho, adv = np.array(rho), np.array(adv)
    values = {"rho": rho, "A_hat": adv, "epsilon": 0.2}
    got = dx.evaluate(PPO, values, PPO_SYMBOLS)
    assert float(got) == pytest.approx(_ppo(rho, adv, 0.2), rel=1e-12)
    grad = dx.grad(PPO, "rho", PPO_SYMBOLS)
    assert np.allclose(
        np.ravel(dx.evaluate(grad, values, PPO_SYMBOLS)), _ppo_grad(rho, adv, 0.2), atol=1e-12
    )


@pytest.mark.parametrize(
    "x, a, b, want, dx_, da, db",
    [
        (-3.0, -1.0, 2.0, -1.0, 0.0, 1.0, 0.0),  # below: the lower bound, its derivative 1
        (0.5, -1.0, 2.0, 0.5, 1.0, 0.0, 0.0),  # inside: x itself
        (5.0, -1.0, 2.0, 2.0, 0.0, 0.0, 1.0),  # above: the upper bound
        (2.0, -1.0, 2.0, 2.0, 0.5, 0.0, 0.5),  # at the upper bound: each side 1/2, as jax.grad
    ],
)
def test_clip_value_and_partial_derivatives(x, a, b, want, dx_, da, db):
    latex, values = r"\operatorname{clip}(x, a, b)", {"x": x, "a": a, "b": b}
    assert float(dx.evaluate(latex, values)) == want == float(np.clip(x, a, b))
    for name, expect in (("x", dx_), ("a", da), ("b", db)):
        g = dx.grad(latex, name)
        held = {s.name for s in g.free_symbols}  # evaluate refuses an input the gradient lacks
        assert float(dx.evaluate(g, {k: v for k, v in values.items() if k in held})) == expect
    import jax

    jax_grads = jax.grad(dx.compile(latex, args=["x", "a", "b"]), argnums=(0, 1, 2))(x, a, b)
    assert [float(g) for g in jax_grads] == [dx_, da, db]


def test_clip_renders_and_reads_back():
    e = dx.parse(r"\operatorname{clip}(V - V_{\mathrm{old}}, -\epsilon, \epsilon)")
    assert r"\operatorname{clip}" in dx.to_latex(e)
    assert dx.parse(dx.to_latex(e)) == e


def test_clip_with_two_arguments_is_refused_naming_three():
    with pytest.raises(dx.ParseError, match=r"`clip` takes 3 arguments, got 2"):
        dx.parse(r"\operatorname{clip}(x, 1)")
