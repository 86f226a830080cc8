r"""A transpose written in the same superscript as a sample's number: ``x^{(i)T}``,
``x^{(i)\top}``, ``W^{[l]T}``, as course notes write them (CS 229's ``\theta^T x^{(i)}`` beside
``x^{(i)T} \Sigma^{-1} x^{(i)}``). The bracket names the sample or the layer and the mark after it
transposes; read whole, ``x^{(i)T} w`` was a scalar named ``x^{(i)T}`` times the vector w, and
``a^T W^{[l]T} a`` a scalar times ``a^T a``. Every spelling of the mark is compared with the
unambiguous ``{x^{(i)}}^T``; values with NumPy."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

MARKS = ["T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}"]
FAMILY = "X: matrix[m, d]; x^{(i)}: row[X]; w: vector[d]; S: spd[d]; i: index"
LAYERS = "W^{[l]}: matrix[n, n]; a: vector[n]"


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize(
    ("written", "plain", "symbols"),
    [
        (r"x^{{(i){mark}}} w", r"{{x^{{(i)}}}}^T w", FAMILY),
        (
            r"\sum_{{i=1}}^{{m}} x^{{(i){mark}}} S^{{-1}} x^{{(i)}}",
            r"\sum_{{i=1}}^{{m}} {{x^{{(i)}}}}^T S^{{-1}} x^{{(i)}}",
            FAMILY,
        ),
        (r"a^T W^{{[l]{mark}}} a", r"a^T {{W^{{[l]}}}}^T a", LAYERS),
    ],
)
def test_the_mark_after_the_bracket_transposes(mark, written, plain, symbols):
    got = dx.parse(written.format(mark=mark), symbols=symbols)
    assert got == dx.parse(plain.format(), symbols=symbols)


def test_the_layer_s_transpose_equals_numpy():
    f = dx.compile(r"a^T W^{[l]T} a", symbols=LAYERS)
    rng = np.random.default_rng(3)
    W, a = rng.normal(size=(3, 3)), rng.normal(size=3)
    assert f.args == ("W^{[l]}", "a")
    assert float(f(W, a)) == pytest.approx(float(a @ W.T @ a), rel=1e-5)


@pytest.mark.parametrize(
    ("latex", "symbols", "text"),
    [
        (r"x^{(i)}", FAMILY, "x^{(i)}"),  # no mark: the sample itself
        (r"\theta^{(t)} + 1", r"\theta: scalar", r"\theta^{(t)} + 1"),  # no mark, a scalar name
    ],
)
def test_a_bracket_without_a_mark_is_read_as_before(latex, symbols, text):
    assert str(dx.parse(latex, symbols=symbols)) == text
