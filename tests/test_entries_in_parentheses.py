r"""A declared array followed by indices in parentheses is its entry (``x(n)``, Rabiner's
``\alpha_t(i)``, ``A(i, j)``); read as a product, ``\sum_i \alpha_t(i)`` was the vector times
the sum of the indices, silently. Values are NumPy written from the definition."""

import itertools

import numpy as np
import pytest

import derivax as dx

ALPHA = np.array([0.2, 0.5, 0.1, 0.7])
A = np.arange(1.0, 17.0).reshape(4, 4) / 10

NAMES = [(r"\alpha_t", "alpha_t"), (r"\alpha_{t}", "alpha_t"), ("x", "x"), (r"\pi", "pi")]
INDICES = ["i", "j"]


@pytest.mark.parametrize("spelled, plain", NAMES)
@pytest.mark.parametrize("index", INDICES)
def test_a_vector_at_a_bound_index_is_its_entry(spelled, plain, index):
    latex = rf"\sum_{{{index}=1}}^{{N}} {spelled}({index}) {spelled}({index})"
    symbols = f"{plain}: vector[N]"  # the index is bound by the sum, not declared
    got = dx.evaluate(latex, {plain: ALPHA}, symbols)
    assert float(got) == pytest.approx(float(ALPHA @ ALPHA), rel=1e-12)


@pytest.mark.parametrize("offset, shift", [("", 0), ("+1", 1), ("-1", -1), ("+ 2", 2)])
def test_an_offset_index_in_parentheses(offset, shift):
    n = 6
    lo, hi = max(1, 1 - shift), min(n, n - shift)
    latex = rf"\sum_{{t={lo}}}^{{{hi}}} x(t) x(t{offset})"
    x = np.linspace(-1, 2, n)
    want = sum(x[t - 1] * x[t - 1 + shift] for t in range(lo, hi + 1))
    got = dx.evaluate(latex, {"x": x}, "x: vector[n]; t: index")
    assert float(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("sep", [",", ", "])
def test_a_matrix_takes_two_indices(sep):
    latex = rf"\sum_{{i=1}}^{{N}} \alpha_t(i) a(i{sep}j)"
    got = dx.evaluate(
        latex, {"alpha_t": ALPHA, "a": A}, "alpha_t: vector[N]; a: matrix[N, N]; i, j: index"
    )
    np.testing.assert_allclose(got, ALPHA @ A, rtol=1e-12)


def test_rabiner_forward_step_against_numpy():
    latex = r"\alpha_{t+1}(j) = \left[\sum_{i=1}^{N} \alpha_t(i) a_{ij}\right] b_j"
    b = np.array([0.6, 0.3, 0.9, 0.2])
    got = dx.evaluate(
        latex,
        {"alpha_t": ALPHA, "a": A, "b": b},
        "alpha_t, b: vector[N]; a: matrix[N, N]; i, j: index",
    )
    np.testing.assert_allclose(got, (ALPHA @ A) * b, rtol=1e-12)


def test_the_rule_is_listed():
    reading = dx.parse(r"\sum_{i=1}^{N} \alpha_t(i)", "alpha_t: vector[N]")
    assert reading == dx.parse(r"\sum_{i=1}^{N} (\alpha_t)_i", "alpha_t: vector[N]")
    from derivax.latex._parse import reading as read

    rules = read(r"\sum_{i=1}^{N} \alpha_t(i)", "alpha_t: vector[N]").rules
    assert any("is its entry" in r for r in rules)


# what keeps its reading: not indices, a number alone, a scalar, a function, a count that
# does not match the array's axes
KEPT = [
    (r"W(x + b)", "W: matrix[n, n]; x, b: vector[n]", r"W (x + b)"),
    (r"x(2)", "x: vector[n]", r"2 x"),
    (r"c(i)", "c: scalar; i: index", r"c \cdot i"),
    (r"f(i)", "f: function; i: index", None),
    # a matrix at one index: a row, a column or a product, refused (it had been A times i)
    (r"A(i)", "A: matrix[n, n]; i: index", None),
    (r"x(i, j)", "x: vector[n]; i, j: index", None),
]


@pytest.mark.parametrize("latex, symbols, same_as", KEPT)
def test_what_is_no_entry_keeps_its_reading(latex, symbols, same_as):
    try:
        e = dx.parse(latex, symbols)
    except dx.ParseError:
        assert same_as is None or latex == "x(i, j)"
        return
    assert not any(
        isinstance(n, __import__("sympy").Indexed)
        for n in __import__("sympy").preorder_traversal(e)
    ), e
    if same_as is not None:
        assert e == dx.parse(same_as, symbols)


@pytest.mark.parametrize("i, j", list(itertools.product([1, 2, 4], [1, 3])))
def test_a_fixed_index_value_picks_the_entry(i, j):
    got = dx.evaluate(r"a(i, j)", {"a": A, "i": i, "j": j}, "a: matrix[N, N]; i, j: index")
    assert float(got) == A[i - 1, j - 1]


@pytest.mark.parametrize("n", [0, 1, 2, 5])
def test_the_corner_sizes_of_an_entry_in_parentheses(n):
    # n = 1 (a vector of one entry, a 1 x 1 matrix) reads the same rule; n = 0 is an empty sum
    rng = np.random.default_rng(n)
    x, M = rng.normal(size=n), rng.normal(size=(n, n))
    got = dx.evaluate(r"\sum_{i=1}^{n} x(i)^2", {"x": x}, "x: vector[n]; i: index; n: dim")
    assert float(got) == pytest.approx(float(x @ x), abs=1e-12)
    got = dx.evaluate(r"\sum_{i=1}^{n} A(i, i)", {"A": M}, "A: matrix[n, n]; i: index; n: dim")
    assert float(got) == pytest.approx(float(np.trace(M)), abs=1e-12)


@pytest.mark.parametrize("left, right", [("(", ")"), ("[", "]")])
def test_square_brackets_pick_an_entry_as_parentheses_do(left, right):
    # pre-emphasis (signal processing): y[n] = x[n] - alpha x[n - 1], over n = 2..N where
    # x[n - 1] exists; read as products, x[n] had been n times x, silently
    x, a = np.array([0.3, -0.4, 1.1, 0.9, 2.0]), 0.97
    latex = rf"y{left}n{right} = x{left}n{right} - \alpha x{left}n - 1{right}"
    got = dx.evaluate(latex, {"x": x, "alpha": a}, r"x: vector[N]; \alpha: scalar, unit; n: index")
    np.testing.assert_allclose(got, x[1:] - a * x[:-1], rtol=1e-14)


def test_a_bracket_of_vectors_after_a_matrix_is_no_entry():
    # W [h, x], a concatenation, holds no index: not an entry (and not read)
    with pytest.raises(dx.ParseError):
        dx.parse(r"W [h, x]", "x, h: vector[N]; W: matrix[N, N]")
