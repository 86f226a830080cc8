r"""One class label, ``y: label[K]``: a whole number in 1..K that picks an entry (``z_y``, the
true class's logit in a multiclass loss; ``W_y``, its row; ``S_{i, y}``, a column). The family:
every spelling of the pick, every place a label goes (an entry, a row, a second axis, a Kronecker
delta either side, an indicator, the excluded term of ``\sum_{j \ne y}``), K = 1 and the edge
classes 1 and K, and a value that is no class (0, K + 1, 2.5: no value, never a clamped entry).
Values against NumPy written from the definition; claims refuted with a class in range."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

S = "z: vector[K]; y: label[K]; j, k: index; W: matrix[K, d]; x: vector[d]; S: matrix[m, K]; i: index"
RNG = np.random.default_rng(5)


def _z(k):
    return RNG.normal(size=k)


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


CASES = [
    # (LaTeX, inputs builder, NumPy from the definition)
    (r"z_y", lambda K: {"z": _z(K)}, lambda v, y: v["z"][y - 1]),
    (r"\mathbf{z}_{y}", lambda K: {"z": _z(K)}, lambda v, y: v["z"][y - 1]),
    (
        r"-\log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}}",
        lambda K: {"z": _z(K)},
        lambda v, y: -np.log(_softmax(v["z"])[y - 1]),
    ),
    (
        r"\sum_{j \ne y} \max(0, z_j - z_y + 1)",
        lambda K: {"z": _z(K)},
        lambda v, y: sum(
            max(0, v["z"][j] - v["z"][y - 1] + 1) for j in range(len(v["z"])) if j != y - 1
        ),
    ),
    (
        r"\sum_{j=1}^{K} \delta_{j y} z_j",
        lambda K: {"z": _z(K)},
        lambda v, y: v["z"][y - 1],
    ),
    (
        r"\sum_{j=1}^{K} \delta_{y, j} z_j^2",
        lambda K: {"z": _z(K)},
        lambda v, y: v["z"][y - 1] ** 2,
    ),
    (
        r"\sum_{j=1}^{K} \mathbb{1}[j = y] e^{z_j}",
        lambda K: {"z": _z(K)},
        lambda v, y: np.exp(v["z"][y - 1]),
    ),
    (
        r"W_y^\top x",
        lambda K: {"W": RNG.normal(size=(K, 3)), "x": RNG.normal(size=3)},
        lambda v, y: v["W"][y - 1] @ v["x"],
    ),
    (
        r"\sum_{i=1}^{m} S_{i, y}",
        lambda K: {"S": RNG.normal(size=(4, K))},
        lambda v, y: v["S"][:, y - 1].sum(),
    ),
]


@pytest.mark.parametrize("latex, inputs, numpy", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("K", [1, 2, 5])
def test_a_label_picks_the_entry_at_its_class(latex, inputs, numpy, K):
    values = inputs(K)
    f = dx.compile(latex, symbols=S, dtype="float64")
    for y in sorted({1, K, (K + 1) // 2}):
        want = numpy(values, y)
        assert float(dx.evaluate(latex, {**values, "y": y}, S)) == pytest.approx(want, rel=1e-12)
        assert float(f(**values, y=y)) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("latex, inputs, numpy", CASES[:3] + CASES[7:], ids=lambda c: str(c)[:20])
@pytest.mark.parametrize("y", [0, 6, 2.5, -1])
def test_a_value_that_is_no_class_has_no_value(latex, inputs, numpy, y):
    f = dx.compile(latex, symbols=S, dtype="float64")
    assert np.isnan(float(f(**inputs(5), y=y)))


def test_the_declaration_reads_back_and_its_classes_are_a_size():
    t = dx.symbols(S)
    assert str(t["y"]) == "y: label[K]"
    assert t["K"].kind == "dim"


def test_an_axis_of_another_size_is_refused_naming_the_declaration():
    with pytest.raises(dx.ParseError, match=r"label\[n\]"):
        dx.parse("z_y", "z: vector[n]; y: label[K]")


def test_a_false_claim_is_refuted_with_a_class_in_range_and_a_true_one_is_not():
    v = dx.check(r"z_y \ge \max_j z_j", S)
    assert v.status == "refuted"
    point = v.counterexample
    assert point["y"] == int(point["y"]) and 1 <= point["y"] <= point["K"]
    z = np.asarray(point["z"])
    assert z[int(point["y"]) - 1] < z.max()  # the counterexample holds, recomputed here
    for claim in (
        r"z_y \le \max_j z_j",
        r"-\log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}} \ge 0",
        r"\sum_{j \ne y} e^{z_j} + e^{z_y} = \sum_{j=1}^{K} e^{z_j}",
    ):
        assert dx.check(claim, S).status in ("proved", "plausible"), claim


def test_the_gradient_of_the_cross_entropy_at_the_true_class():
    g = dx.grad(r"-\log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}}", "z", S)
    z = _z(4)
    for y in (1, 3, 4):
        want = _softmax(z) - np.eye(4)[y - 1]
        got = np.asarray(
            dx.evaluate(
                dx.derive(r"-\log \frac{e^{z_y}}{\sum_{j=1}^{K} e^{z_j}}", "z", S), {"z": z, "y": y}
            )
        )
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    assert g.has(dx.symbols(S).symbol("y"))


FAMILY = "W: matrix[n, d]; w_j: row[W]; f: vector[d]; y: label[n]; s: scalar, positive; j: index"
NORMFACE = (
    r"-\log \frac{\exp\left(s \frac{w_{y}^\top f}{\|w_{y}\|_2 \|f\|_2}\right)}"
    r"{\sum_{j=1}^{n} \exp\left(s \frac{w_j^\top f}{\|w_j\|_2 \|f\|_2}\right)}"
)


def _normface(W, f, y, s):
    cos = W @ f / np.linalg.norm(W, axis=1) / np.linalg.norm(f)
    return -np.log(np.exp(s * cos[y - 1]) / np.exp(s * cos).sum())


@pytest.mark.parametrize("n", [1, 3])
def test_a_family_member_picked_by_a_label_is_that_row(n):
    W, f = RNG.normal(size=(n, 4)), RNG.normal(size=4)
    for y in range(1, n + 1):
        got = dx.evaluate(NORMFACE, {"W": W, "f": f, "y": y, "s": 2.0}, FAMILY)
        assert float(got) == pytest.approx(_normface(W, f, y, 2.0), rel=1e-12)
        member = dx.compile(r"w_y", symbols=FAMILY, dtype="float64")
        np.testing.assert_array_equal(np.ravel(member(W=W, y=y)), W[y - 1])
    assert np.all(np.isnan(dx.compile(r"w_y", symbols=FAMILY, dtype="float64")(W=W, y=n + 1)))


def test_the_gradient_through_a_member_picked_by_a_label():
    """The derivative holds ``w_y`` standing alone as a vector; checked by central differences
    of the NumPy loss."""
    W, f = RNG.normal(size=(3, 4)), RNG.normal(size=4)
    d = dx.derive(NORMFACE, "f", FAMILY)
    got = np.ravel(dx.evaluate(d, {"W": W, "f": f, "y": 2, "s": 1.5}))
    h = 1e-6
    want = [
        (_normface(W, f + h * e, 2, 1.5) - _normface(W, f - h * e, 2, 1.5)) / (2 * h)
        for e in np.eye(4)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-7)


def test_a_member_label_of_another_size_is_refused():
    with pytest.raises(dx.ParseError, match=r"label\[n\]"):
        dx.parse(r"w_y^\top f", "W: matrix[n, d]; w_j: row[W]; f: vector[d]; y: label[K]")


def test_a_defined_name_on_the_left_picks_nothing():
    """``L_q = ...`` with ``L`` undeclared names the value defined; ``L_q`` elsewhere, with
    nothing to pick from, stays refused."""
    table = "w: vector[n]; H: spd[n]; q: label[n]"
    latex = r"L_q = \frac{1}{2} \frac{w_q^2}{[\mathbf{H}^{-1}]_{qq}}"
    H = np.array([[2.0, 0.5, 0], [0.5, 3, 0.2], [0, 0.2, 1.5]])
    w = np.array([1.0, -2.0, 0.5])
    for q in (1, 2, 3):
        want = 0.5 * w[q - 1] ** 2 / np.linalg.inv(H)[q - 1, q - 1]
        assert float(dx.evaluate(latex, {"w": w, "H": H, "q": q}, table)) == pytest.approx(want)
    for elsewhere in (r"x = L_q", r"\mu_q + L_q = 1"):
        with pytest.raises(dx.ParseError, match="nothing to pick from"):
            dx.parse(elsewhere, table)


@pytest.mark.parametrize("qualifiers", ["integer, positive", "integer"])
def test_a_whole_number_scalar_as_a_subscript_picks_its_column(qualifiers):
    """glmnet's coordinate update ``\\sum_i x_{ij} r_i`` with ``j: scalar, integer, positive``:
    the value given for j was ignored and every column came back (the subscript's j was a symbol
    of its own, without the declaration's qualifiers, so evaluate took it for an axis)."""
    table = f"x: matrix[N, p]; r: vector[N]; j: scalar, {qualifiers}; i: index"
    x, r = RNG.normal(size=(5, 3)), RNG.normal(size=5)
    for j in (1, 2, 3):
        for latex, want in [
            (r"\sum_{i=1}^{N} x_{ij} r_i", x[:, j - 1] @ r),
            (r"\sum_{i=1}^{N} x_{ij} r_i + j", x[:, j - 1] @ r + j),
        ]:
            got = dx.evaluate(latex, {"x": x, "r": r, "j": j}, table)
            assert np.shape(got) == () and float(got) == pytest.approx(want, rel=1e-12)
    e = dx.parse(r"\sum_{i=1}^{N} x_{ij} r_i + j", table)
    assert len({s for s in e.free_symbols if str(s) == "j"}) == 1, "one j inside and outside"


def test_the_gradient_through_a_column_picked_by_a_whole_number_scalar():
    """The derivation took the declared scalar j of ``x_{ij}`` for an output axis: its value
    came back for every column (shape (3, 5) instead of (5,))."""
    table = "x: matrix[N, p]; r: vector[N]; j: scalar, integer, positive; i: index"
    x, r = RNG.normal(size=(5, 3)), RNG.normal(size=5)
    d = dx.derive(r"\left(\sum_{i=1}^{N} x_{ij} r_i\right)^2", "r", table)
    for j in (1, 3):
        got = np.asarray(dx.evaluate(d, {"x": x, "r": r, "j": j}))
        np.testing.assert_allclose(got, 2 * (x[:, j - 1] @ r) * x[:, j - 1], rtol=1e-12)
