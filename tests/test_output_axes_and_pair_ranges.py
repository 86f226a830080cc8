r"""Three misreadings found on a second set of paper formulas (tests/data/fresh_formulas2), each
fixed as a family: the output axes follow the order the left side writes its indices
(``o_{ic} = \dots`` was returned transposed, its axes sorted by letter); ``\sum_{i,j=1}^{n}``
binds both variables (it bound ``i`` alone, leaving ``j`` free); a label picks the axis of the
subscript it stands in (``z_{t, y_t}``). Expected values are NumPy."""

import itertools

import numpy as np
import pytest

import derivax as dx

RNG = np.random.default_rng(5)


@pytest.mark.parametrize("perm", list(itertools.permutations("ijk")))
def test_the_left_side_orders_the_axes(perm):
    x, y, z = RNG.normal(size=2), RNG.normal(size=3), RNG.normal(size=4)
    left = "".join(perm)
    got = dx.evaluate(
        rf"B_{{{left}}} = x_i y_j z_k",
        {"x": x, "y": y, "z": z},
        "x: vector[a]; y: vector[b]; z: vector[c]; i, j, k: index",
    )
    np.testing.assert_allclose(got, np.einsum(f"i,j,k->{left}", x, y, z), rtol=1e-15)


@pytest.mark.parametrize("left, transpose", [("ic", False), ("ci", True)])
def test_an_attention_output_in_its_written_layout(left, transpose):
    alpha, V = RNG.random((3, 4)), RNG.normal(size=(4, 2))
    latex = rf"o_{{{left}}} = \sum_{{j=1}}^{{m}} \alpha_{{ij}} V_{{jc}}"
    got = dx.evaluate(
        latex, {"alpha": alpha, "V": V}, "alpha: matrix[n, m]; V: matrix[m, d]; i, j, c: index"
    )
    want = alpha @ V
    np.testing.assert_allclose(got, want.T if transpose else want, rtol=1e-12)


def test_a_value_given_by_the_plain_walk_keeps_the_written_layout():
    """A bound that is an input's value (``\\sum_{j=1}^{s}``) is evaluated by the plain walk."""
    alpha, V = RNG.random((3, 4)), RNG.normal(size=(4, 2))
    latex = r"o_{ci} = \sum_{j=1}^{s} \alpha_{ij} V_{jc}"
    got = dx.evaluate(
        latex,
        {"alpha": alpha, "V": V, "s": 2},
        "alpha: matrix[n, m]; V: matrix[m, d]; i, j, c: index; s: scalar, integer, positive",
    )
    np.testing.assert_allclose(got, (alpha[:, :2] @ V[:2]).T, rtol=1e-12)


@pytest.mark.parametrize("op, reduce", [(r"\sum", np.sum), (r"\prod", np.prod)])
@pytest.mark.parametrize("spacing", ["i,j=1", "i, j = 1", "i,\\, j=1"])
def test_two_variables_before_one_range_both_run_over_it(op, reduce, spacing):
    w = RNG.random((3, 3)) + 0.5
    got = dx.evaluate(
        rf"{op}_{{{spacing}}}^{{n}} w_{{ij}}", {"w": w}, "w: matrix[n, n]; i, j: index"
    )
    assert float(got) == pytest.approx(float(reduce(w)), rel=1e-12)


def test_the_laplacian_quadratic_form():
    w = RNG.random((5, 5))
    w = w + w.T
    f = RNG.normal(size=5)
    latex = r"\frac{1}{2} \sum_{i,j=1}^{n} w_{ij} (f_i - f_j)^2"
    got = dx.evaluate(latex, {"w": w, "f": f}, "w: symmetric[n]; f: vector[n]; i, j: index")
    want = 0.5 * sum(w[i, j] * (f[i] - f[j]) ** 2 for i in range(5) for j in range(5))
    assert float(got) == pytest.approx(want, rel=1e-12)
    L = np.diag(w.sum(1)) - w
    assert want == pytest.approx(f @ L @ f, rel=1e-12)


def test_three_variables_share_a_range():
    x, y, z = RNG.normal(size=(3, 4))
    got = dx.evaluate(
        r"\sum_{i,j,k=1}^{n} x_i y_j z_k",
        {"x": x, "y": y, "z": z},
        "x, y, z: vector[n]; i, j, k: index",
    )
    assert float(got) == pytest.approx(float(x.sum() * y.sum() * z.sum()), rel=1e-12)


def test_an_extremum_over_two_indices_at_once_with_a_shared_range_is_refused():
    with pytest.raises(dx.ParseError, match="one per index"):
        dx.parse(r"\min_{i, j=1}^{n} w_{ij}", "w: matrix[n, n]; i, j: index")


def test_an_extremum_over_two_indices_at_once_is_one_per_index():
    # \max_{i,j} over the whole matrix (tests/test_conditioned_extrema.py: with a condition)
    w = RNG.normal(size=(3, 4))
    got = dx.evaluate(r"\max_{i,j} w_{ij}", {"w": w}, "w: matrix[m, n]; i, j: index")
    assert float(got) == float(w.max())


@pytest.mark.parametrize("axis", [0, 1])
def test_a_label_picks_the_axis_it_is_written_in(axis):
    z = RNG.normal(size=(4, 3) if axis else (3, 4))
    y = np.array([2.0, 3.0, 1.0, 3.0])
    sub = "t, y_t" if axis else "y_t, t"
    latex = rf"\sum_{{t=1}}^{{T}} z_{{{sub}}}"
    symbols = "z: matrix[T, K]; y: labels[T, K]" if axis else "z: matrix[K, T]; y: labels[T, K]"
    got = dx.evaluate(latex, {"z": z, "y": y}, symbols + "; t: index")
    picks = [z[t, int(y[t]) - 1] if axis else z[int(y[t]) - 1, t] for t in range(4)]
    assert float(got) == pytest.approx(sum(picks), rel=1e-12)


def test_a_label_on_an_axis_of_another_size_is_refused_naming_the_axis():
    with pytest.raises(dx.ParseError, match="second axis of `z` has size `T`"):
        dx.parse(r"\sum_{t=1}^{T} z_{t, y_t}", "z: matrix[T, T]; y: labels[T, K]; t: index")


def test_the_language_model_cross_entropy_and_its_gradient():
    z, y = RNG.normal(size=(4, 5)), np.array([2.0, 5.0, 1.0, 3.0])
    latex = r"-\sum_{t=1}^{T} \log \frac{\exp(z_{t, y_t})}{\sum_{v=1}^{V} \exp(z_{tv})}"
    symbols = "z: matrix[T, V]; y: labels[T, V]; t, v: index"
    p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    onehot = np.eye(5)[y.astype(int) - 1]
    got = float(dx.evaluate(latex, {"z": z, "y": y}, symbols))
    assert got == pytest.approx(-np.log(p[np.arange(4), y.astype(int) - 1]).sum(), rel=1e-12)
    grad = dx.evaluate(dx.derive(latex, "z", symbols), {"z": z, "y": y})
    np.testing.assert_allclose(grad, p - onehot, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    "latex, extra",
    [(r"B_{ii} = A_{ii}", {}), (r"B_{ii} = A_{ii} + \sum_{j=1}^{s} A_{ij}", {"s": 2})],
)
def test_a_repeated_index_on_the_left_is_one_axis(latex, extra):
    """``B_{ii}`` is the diagonal: one axis, by the compiled route and by the plain walk (a bound
    given as a value); NumPy."""
    A = RNG.normal(size=(3, 3))
    symbols = "A: matrix[n, n]; i, j: index; s: scalar, integer, positive"
    got = dx.evaluate(latex, {"A": A, **extra}, symbols)
    want = np.diag(A) + (A[:, :2].sum(axis=1) if extra else 0)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    compiled = dx.compile(r"B_{ii} = A_{ii}", symbols=symbols)
    np.testing.assert_allclose(compiled(A), np.diag(A))
