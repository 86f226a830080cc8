r"""Paper notation that was refused or misread, each against NumPy written from the paper:

- a policy defined by its application, ``\pi(a \mid s) = \frac{e^{\theta_a}}{\sum_b e^{\theta_b}}``
  (``\pi`` undeclared: a function where applied to a conditional, the number elsewhere);
- an entry with a literal row index, ``\sum_{c=1}^{d} q_c K_{1c}`` (value, compiled value and
  gradient);
- a strided convolution, ``y_i = \sum_k w_k x_{s(i-1) + k}``;
- a top-k gate: ``\operatorname{TopK}`` is refused, naming the indicator form, and that form
  computes the gate of a mixture of experts.
"""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax._errors import ParseError


@pytest.mark.parametrize("k", [1, 3, 5])
def test_a_policy_defined_by_its_application(k):
    theta = np.random.default_rng(k).normal(size=k)
    latex = r"\pi(a \mid s) = \frac{e^{\theta_{a}}}{\sum_{b=1}^{K} e^{\theta_b}}"
    got = np.asarray(dx.evaluate(latex, {"theta": theta}, r"\theta: vector[K]; a, b: index"))
    want = np.exp(theta) / np.exp(theta).sum()
    np.testing.assert_allclose(got.ravel(), want, rtol=1e-12)


def test_pi_beside_its_policy_is_the_number():
    e = dx.parse(r"\log \pi(a \mid s) + 2\pi", "a, s: scalar")
    assert e.has(__import__("sympy").pi)
    assert float(dx.evaluate(r"\pi (a + s)", {"a": 1.0, "s": 2.0}, "a, s: scalar")) == (
        pytest.approx(3 * np.pi)
    )


S = "q: vector[d]; K: matrix[n, d]; c: index"


@pytest.mark.parametrize("n,d", [(1, 1), (4, 3)])
def test_an_entry_with_a_literal_row(n, d):
    rng = np.random.default_rng(n + d)
    q, k = rng.normal(size=d), rng.normal(size=(n, d))
    latex = r"\sum_{c=1}^{d} q_c K_{1c}"
    assert float(dx.evaluate(latex, {"q": q, "K": k}, S)) == pytest.approx(float(q @ k[0]))
    f = dx.compile(latex, symbols=S)
    assert float(f(q=q, K=k)) == pytest.approx(float(q @ k[0]))
    g = dx.grad(latex, "q", S)
    np.testing.assert_allclose(np.asarray(dx.evaluate(g, {"K": k}, S), dtype=float), k[0])


@pytest.mark.parametrize("stride", [1, 2, 3])
def test_a_strided_convolution(stride):
    s = "x: vector[n]; w: vector[K]; s: scalar, integer; i, k: index"
    x, w = np.arange(1.0, 12.0), np.array([1.0, -1.0, 2.0])
    got = np.asarray(
        dx.evaluate(r"y_i = \sum_{k=1}^{K} w_k x_{s(i-1) + k}", {"x": x, "w": w, "s": stride}, s)
    )
    outputs = (len(x) - len(w)) // stride + 1
    want = [sum(w[k] * x[stride * i + k] for k in range(3)) for i in range(outputs)]
    np.testing.assert_allclose(got, want, rtol=1e-12)


@pytest.mark.parametrize(
    "latex", [r"\operatorname{KeepTopK}(v, k)", r"\mathrm{TopK}(v, k)", r"\operatorname{topk}(v)"]
)
def test_top_k_is_refused_naming_the_indicator_form(latex):
    with pytest.raises(ParseError, match=r"no top-k; write the kept entries with indicators"):
        dx.parse(latex, "v: vector[n]; k: scalar, integer")


GATE = (
    r"g_i = \frac{\mathbb{1}\left[\sum_{j=1}^{n} \mathbb{1}[v_j > v_i] < k\right] e^{v_i}}"
    r"{\sum_{l=1}^{n} \mathbb{1}\left[\sum_{j=1}^{n} \mathbb{1}[v_j > v_l] < k\right] e^{v_l}}"
)


@pytest.mark.parametrize("k", [1, 2, 5])
def test_the_top_k_gate_written_with_indicators(k):
    v = np.random.default_rng(k).normal(size=5)
    got = np.asarray(
        dx.evaluate(
            GATE, {"v": v, "k": float(k)}, "v: vector[n]; k: scalar, integer; i, j, l: index"
        )
    )
    kept = np.full(5, -np.inf)
    top = np.argsort(-v)[:k]
    kept[top] = v[top]
    want = np.exp(kept - kept.max()) / np.exp(kept - kept.max()).sum()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("gamma", [0.0, 0.9, 1.0])
def test_reward_to_go_from_each_step(gamma):
    r = np.array([1.0, 0.0, 2.0, -1.0, 0.5])
    s = "r: vector[T]; gamma: scalar, unit; t, t': index"
    got = np.asarray(
        dx.evaluate(
            r"\hat{R}_t = \sum_{t'=t}^{T} \gamma^{t' - t} r_{t'}", {"r": r, "gamma": gamma}, s
        )
    )
    want = [sum(gamma ** (u - t) * r[u] for u in range(t, 5)) for t in range(5)]
    np.testing.assert_allclose(got, want, rtol=1e-12)


@pytest.mark.parametrize("n", [1, 4])
def test_a_sum_up_to_the_outer_index(n):
    x = np.random.default_rng(n).normal(size=n)
    s = "x: vector[n]; i, k: index"
    got = dx.evaluate(r"\sum_{i=1}^{n} \sum_{k=1}^{i} x_k", {"x": x}, s)
    assert float(got) == pytest.approx(float(np.cumsum(x).sum()), rel=1e-12)
    cumulative = np.asarray(dx.evaluate(r"y_i = \sum_{k=1}^{i} x_k", {"x": x}, s))
    np.testing.assert_allclose(cumulative, np.cumsum(x), rtol=1e-12)
