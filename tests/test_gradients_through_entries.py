r"""Gradients through an entry of a matrix product or of a softmax picked by a label, the
cross-entropy of a linear or recurrent layer and the log-partition `\operatorname{logsumexp}(W x)`:
derivax had refused them ("appears in a form derivax cannot differentiate yet"). Each is now
written in index notation before it is differentiated (SymPy's entries counted from 0 under sums
from 0 moved to derivax's count from 1; a scalar product beside entries of the same array written
out too; an entry of a row of a family, `o^{(t)}_y`, as the matrix's entry). Values against NumPy
written from the definition, gradients against central differences in float64. Breaking cases:
K = 1 (one class), the label at the first and the last class, a row family over T = 1 steps."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(21)


def _differences(f, x, h=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _lse(z):
    m = z.max()
    return m + np.log(np.exp(z - m).sum())


def _grad(tex, wrt, symbols, values):
    return np.asarray(dx.evaluate(dx.derive(tex, wrt, symbols), values), dtype=float)


@pytest.mark.parametrize("K", [1, 2, 4])
@pytest.mark.parametrize("wrt", ["W", "x"])
def test_the_log_partition_of_a_linear_layer(K, wrt):
    symbols = "W: matrix[K, n]; x: vector[n]"
    values = {"W": RNG.normal(size=(K, 3)), "x": RNG.normal(size=3)}
    tex = r"\operatorname{logsumexp}(W x)"
    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(
        _lse(values["W"] @ values["x"])
    )

    def f(v):
        return _lse(({**values, wrt: v})["W"] @ ({**values, wrt: v})["x"])

    np.testing.assert_allclose(
        _grad(tex, wrt, symbols, values), _differences(f, values[wrt]), atol=1e-7
    )


@pytest.mark.parametrize("label", [1, 3])
@pytest.mark.parametrize(
    "tex",
    [r"-\log \operatorname{softmax}(W x)_y", r"\operatorname{logsumexp}(W x) - (W x)_y"],
)
@pytest.mark.parametrize("wrt", ["W", "x"])
def test_the_cross_entropy_of_a_linear_layer_at_a_label(tex, wrt, label):
    symbols = "W: matrix[K, n]; x: vector[n]; y: label[K]"
    values = {"W": RNG.normal(size=(3, 2)), "x": RNG.normal(size=2), "y": label}

    def f(v):
        p = {**values, wrt: v}
        z = p["W"] @ p["x"]
        return _lse(z) - z[label - 1]

    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(f(values[wrt]))
    np.testing.assert_allclose(
        _grad(tex, wrt, symbols, values), _differences(f, values[wrt]), atol=1e-7
    )


def test_the_step_loss_of_an_elman_network():
    tex = (
        r"L^{(t)} = -\log \operatorname{softmax}\left( \mathbf{c} + \mathbf{V} \tanh\left( \mathbf{b}"
        r" + \mathbf{W} \mathbf{h}^{(t-1)} + \mathbf{U} \mathbf{x}^{(t)} \right) \right)_{y^{(t)}}"
    )
    symbols = (
        r"\mathbf{c}: vector[K]; \mathbf{V}: matrix[K, n]; \mathbf{b}, \mathbf{h}^{(t-1)}: vector[n];"
        r" \mathbf{W}: matrix[n, n]; \mathbf{U}: matrix[n, m]; \mathbf{x}^{(t)}: vector[m]; y^{(t)}: label[K]"
    )
    v = {
        "c": RNG.normal(size=3),
        "V": RNG.normal(size=(3, 2)),
        "b": RNG.normal(size=2),
        "h_sup_t_minus_1": RNG.normal(size=2),
        "W": RNG.normal(size=(2, 2)),
        "U": RNG.normal(size=(2, 2)),
        "x_sup_t": RNG.normal(size=2),
        "y_sup_t": 2,
    }

    def f(W):
        z = v["c"] + v["V"] @ np.tanh(v["b"] + W @ v["h_sup_t_minus_1"] + v["U"] @ v["x_sup_t"])
        return _lse(z) - z[1]

    assert float(dx.evaluate(tex, v, symbols)) == pytest.approx(f(v["W"]))
    np.testing.assert_allclose(_grad(tex, "W", symbols, v), _differences(f, v["W"]), atol=1e-7)


@pytest.mark.parametrize("T", [1, 4])
def test_a_sequence_loss_over_rows_picked_by_labels(T):
    tex = r"L = -\sum_{t=1}^{\tau} \log \operatorname{softmax}\left( \mathbf{o}^{(t)} \right)_{y^{(t)}}"
    symbols = (
        r"O: matrix[\tau, K]; \mathbf{o}^{(t)}: row[O]; y: labels[\tau, K]; \tau: dim; t: index"
    )
    logits = RNG.normal(size=(T, 3))
    y = RNG.integers(1, 4, size=T)
    values = {"O": logits, "y": y}

    def f(M):
        return sum(_lse(M[t]) - M[t, y[t] - 1] for t in range(T))

    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(f(logits))
    np.testing.assert_allclose(_grad(tex, "O", symbols, values), _differences(f, logits), atol=1e-7)


@pytest.mark.parametrize("wrt", ["F", "x"])
def test_the_sampson_distance_written_by_entries_of_products(wrt):
    tex = (
        r"d_S = \frac{(\mathbf{x}'^\top F \mathbf{x})^2}{(F\mathbf{x})_1^2 + (F\mathbf{x})_2^2"
        r" + (F^\top \mathbf{x}')_1^2 + (F^\top \mathbf{x}')_2^2}"
    )
    symbols = r"\mathbf{x}, \mathbf{x}': vector[3]; F: matrix[3, 3]"
    values = {
        "x": np.array([0.3, -0.2, 1.0]),
        "x_prime": np.array([0.1, 0.4, 1.0]),
        "F": RNG.normal(size=(3, 3)),
    }

    def f(v):
        p = {**values, wrt: v}
        F, x, xp = p["F"], p["x"], p["x_prime"]
        Fx, Ftx = F @ x, F.T @ xp
        return (xp @ F @ x) ** 2 / (Fx[0] ** 2 + Fx[1] ** 2 + Ftx[0] ** 2 + Ftx[1] ** 2)

    assert float(dx.evaluate(tex, values, symbols)) == pytest.approx(f(values[wrt]), rel=1e-12)
    np.testing.assert_allclose(
        _grad(tex, wrt, symbols, values), _differences(f, values[wrt]), rtol=1e-6, atol=1e-9
    )


def test_umap_s_cross_entropy_gradient_is_right_or_refused_never_nan():
    # the skipped diagonal (j = i) holds 0 times infinity in the derivative's terms; whatever
    # path the derivation takes (SymPy's order of terms varies between runs), a result with NaN
    # in it, or one that compiles to NaN where JAX's gradient is finite, is refused
    tex = (
        r"C(Y) = \sum_{i=1}^{n} \sum_{j \neq i} \left[ v_{ij} \log \frac{v_{ij}}{\left( 1 + a \|"
        r" \mathbf{y}_i - \mathbf{y}_j \|_2^{2b} \right)^{-1}} + (1 - v_{ij}) \log \frac{1 - v_{ij}}"
        r"{1 - \left( 1 + a \| \mathbf{y}_i - \mathbf{y}_j \|_2^{2b} \right)^{-1}} \right]"
    )
    symbols = "v: symmetric[n]; Y: matrix[n, d]; y_i: row[Y]; a, b: scalar, positive; i, j: index"
    rng = np.random.default_rng(2)
    v = rng.uniform(0.1, 0.9, size=(4, 4))
    v = (v + v.T) / 2
    np.fill_diagonal(v, 0.0)
    values = {"v": v, "Y": rng.normal(size=(4, 2)), "a": 1.6, "b": 0.9}

    def f(Y):
        total = 0.0
        for i in range(4):
            for j in range(4):
                if i != j:
                    q = 1 / (1 + 1.6 * np.sum((Y[i] - Y[j]) ** 2) ** 0.9)
                    total += v[i, j] * np.log(v[i, j] / q) + (1 - v[i, j]) * np.log(
                        (1 - v[i, j]) / (1 - q)
                    )
        return total

    try:
        d = dx.derive(tex, "Y", symbols)
    except dx.DerivationError:
        return
    got = np.asarray(dx.evaluate(d, values), dtype=float)
    np.testing.assert_allclose(got, _differences(f, values["Y"]), rtol=1e-5, atol=1e-7)
