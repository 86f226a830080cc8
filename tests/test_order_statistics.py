"""Order statistics, ``x_{(k)}``: the k-th smallest entry of a declared vector, as statistics
writes it (a quantile, a trimmed mean, an L-estimator, conformal prediction's threshold).

Each way a rank is written (a number, the length, a declared whole number, an expression, a
ceiling, a free index, a summation index) is evaluated by every evaluator derivax has (the
compiled JAX function, ``evaluate``, the plain walk that checks catalog examples, the 50-digit
evaluator that confirms counterexamples) and compared with NumPy's sort. Side conditions: a
rank that is no whole number from 1 to n has no entry (NaN, never a clipped neighbour); ties
count with their multiplicity; n = 1; the reading is listed as a rule, since papers that sort
in decreasing order write the same; ``x_{(k)}`` beside ``x`` itself (a k-th nearest
neighbour) is refused, as are order statistics of matrices and undeclared names."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import derivax as dx
from derivax._compile import evaluate as plain_evaluate
from derivax._verify._precise import Point, value
from derivax.latex import reading
from derivax.symbols import SymbolTable

TABLE = r"x, w: vector[n]; i, k: index; r: scalar, integer, positive; \alpha: scalar, unit"
N = sympy.Symbol("n", integer=True, positive=True)

# (LaTeX, values beyond x, NumPy from the definition: s is x sorted increasing, 0-based)
RANKS = [
    (r"x_{(1)}", {}, lambda s, v: s[0]),
    (r"x_{(n)}", {}, lambda s, v: s[-1]),
    (r"x_{(2)} + x_{(n - 1)}", {}, lambda s, v: s[1] + s[-2]),
    (r"x_{(r)}", {"r": 2}, lambda s, v: s[1]),
    (r"x_{(n - r + 1)}", {"r": 1}, lambda s, v: s[-1]),
    (
        r"x_{(\lceil (n+1)(1-\alpha) \rceil)}",
        {r"\alpha": 0.4},
        lambda s, v: s[int(np.ceil((len(s) + 1) * 0.6)) - 1],
    ),
    (r"\sum_{k=1}^{n} w_k x_{(k)}", {"w": None}, lambda s, v: float(v["w"] @ s)),
    (r"\frac{1}{n - 2} \sum_{i=2}^{n-1} x_{(i)}", {}, lambda s, v: s[1:-1].mean()),
    (r"\log(1 + x_{(1)}^2)", {}, lambda s, v: np.log1p(s[0] ** 2)),
    (r"\mathbf{x}_{\left(2\right)}", {}, lambda s, v: s[1]),
]

SAMPLES = [
    np.array([0.42, 0.13, 0.77, 0.5, 0.05]),
    np.array([2.0, -1.0, 2.0, -1.0, 0.0]),  # ties
    np.array([-3.0, 1e-300, -1e-300, 4.0, 1e200]),
]


def _values(extra: dict, x: np.ndarray) -> dict:
    out = {"x": x}
    for name, v in extra.items():
        out[name] = np.linspace(-1.0, 2.0, len(x)) if v is None else v
    return out


@pytest.mark.parametrize("latex, extra, want", RANKS, ids=[r[0] for r in RANKS])
def test_every_evaluator_takes_the_sorted_entry(latex, extra, want):
    table = SymbolTable.coerce(TABLE)
    expr = dx.parse(latex, table)
    f = dx.compile(latex, symbols=table)
    for x in SAMPLES:
        vals = _values(extra, x)
        expected = want(np.sort(x), vals)
        assert float(dx.evaluate(latex, vals, table)) == pytest.approx(expected, rel=1e-14)
        args = {f.plain_args[f.args.index(a)]: vals[a] for a in f.args}
        assert float(f(**args)) == pytest.approx(expected, rel=1e-14)
        assert float(plain_evaluate(expr, vals, table=table)) == pytest.approx(expected, rel=1e-14)
        point = Point(sizes={N: len(x)}, values={k: np.asarray(v) for k, v in vals.items()})
        assert float(value(expr, point, 30)) == pytest.approx(expected, rel=1e-14)


def test_the_reading_is_listed_with_the_decreasing_convention_it_excludes():
    rules = reading(r"z_{(1)} - z_{(2)}", "z: vector[K]").rules
    assert len(rules) == 1  # one rule per vector, however many ranks
    assert "increasing order" in rules[0] and "`z_{(K - k + 1)}`" in rules[0]


@pytest.mark.parametrize("latex", [r"x_{(i)}", r"x_{(n - i + 1)}"])
def test_a_free_rank_runs_over_every_rank(latex):
    x = np.array([0.3, -2.0, 7.5, 0.3])
    got = dx.evaluate(latex, {"x": x}, TABLE)
    want = np.sort(x) if "n -" not in latex else np.sort(x)[::-1]
    assert np.array_equal(np.asarray(got), want)


@pytest.mark.parametrize(r"alpha", [0.01, 0.1])
def test_a_rank_past_the_length_has_no_entry(alpha):
    # conformal prediction's rank ceil((n + 1)(1 - alpha)) passes n for small alpha and n: the
    # entry does not exist, and a clipped index would return the largest entry without a word
    latex = r"x_{(\lceil (n+1)(1-\alpha) \rceil)}"
    x = np.array([0.2, 0.9, 0.4])
    vals = {"x": x, r"\alpha": alpha}
    assert np.isnan(float(dx.evaluate(latex, vals, TABLE)))
    table = SymbolTable.coerce(TABLE)
    assert np.isnan(float(plain_evaluate(dx.parse(latex, table), vals, table=table)))


@pytest.mark.parametrize("r", [0, 4, 1.5])
def test_a_declared_rank_outside_one_to_n_or_not_whole_has_no_entry(r):
    assert np.isnan(float(dx.evaluate(r"x_{(r)}", {"x": np.ones(3), "r": r}, TABLE)))


def test_one_entry_is_its_own_order_statistic():
    assert float(dx.evaluate(r"x_{(1)} + x_{(n)}", {"x": np.array([-4.5])}, TABLE)) == -9.0


@pytest.mark.parametrize(
    "latex", [r"x_{(1)}", r"\sum_{k=1}^{n} w_{k} x_{(k)}", r"x_{(n - 1)} + 1", r"x_{(r)}^{2}"]
)
def test_the_rendered_order_statistic_reads_back_the_same(latex):
    expr = dx.parse(latex, TABLE)
    assert dx.parse(dx.to_latex(expr, TABLE), TABLE) == expr


@given(
    x=st.lists(
        st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 1)), min_size=1, max_size=8
    ),
    data=st.data(),
)
def test_compiled_order_statistics_equal_numpy_sort(x, data):
    k = data.draw(st.integers(1, len(x)))
    got = _RANKED(x=np.asarray(x), r=k)
    assert float(got) == np.sort(np.asarray(x))[k - 1]


_RANKED = dx.compile(r"x_{(r)}", symbols=TABLE)


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"x_{(1)} \le x_{(n)}", "plausible"),
        (r"x_{(1)} \le x_1", "plausible"),
        (r"\sum_{k=1}^{n} x_{(k)} = \sum_{i=1}^{n} x_i", "plausible"),
        (r"x_{(2)} \le x_{(1)}", "refuted"),
        (r"x_{(1)} = x_1", "refuted"),
    ],
)
def test_claims_about_order_statistics_get_the_verdict_of_their_truth(claim, status):
    v = dx.check(claim, TABLE)
    assert v.status == status
    if status == "refuted":
        s = np.sort(np.asarray(v.counterexample["x"], dtype=float))
        x = np.asarray(v.counterexample["x"], dtype=float)
        lhs, rhs = (s[1], s[0]) if "x_{(2)}" in claim else (s[0], x[0])
        assert lhs > rhs if r"\le" in claim else lhs != rhs


def test_an_order_statistic_is_not_differentiated():
    with pytest.raises(dx.DerivationError, match="an order statistic"):
        dx.derive(r"\sum_{k=1}^{n} w_k x_{(k)}", "x", TABLE)


def test_an_order_statistic_beside_its_vector_is_refused():
    # D^k(x) = \|x - x_{(k)}\|: the k-th nearest neighbour of x, a vector, not an entry of x
    with pytest.raises(dx.ParseError, match="nearest neighbour"):
        dx.parse(r"\left\| x - x_{(k)} \right\|_2", "x: vector[d]; k: index")


@pytest.mark.parametrize("latex, symbols", [(r"X_{(1)}", "X: matrix[n, d]"), (r"x_{(1)}", "")])
def test_a_matrix_or_an_undeclared_name_with_a_rank_stays_a_name_of_its_own(latex, symbols):
    r = reading(latex, symbols)
    assert not r.expr.has(dx._functions.OrderStatistic)
    assert isinstance(r.expr, (sympy.Symbol, sympy.MatrixSymbol)) and r.expr.name == latex


def test_a_parenthesised_subscript_that_is_not_one_group_is_no_order_statistic():
    # HolE's circular correlation [e_o]_{(k + i) mod d}: an index, read as before
    expr = dx.parse(r"x_{(k+i) \bmod d}", "x: vector[d]; i, k: index")
    assert not expr.has(dx._functions.OrderStatistic)
