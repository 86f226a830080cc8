r"""An entry picked by a label: ``\mu_{c^{(i)}}`` (the centroid of example i's cluster, as k-means
and discriminant-analysis notes write it) with ``c: labels[m, K]`` declared, a vector of m whole
numbers in 1..K. It reads as the entry of ``\mu`` at the value of ``c_i`` (a row of a matrix of
means inside scalar products), compiles to a gather that gives NaN for a label that is no whole
number in range (JAX would clamp it silently), and is sampled, checked and certified with labels
in 1..K only.

Side conditions, each tested here: the labels' number of classes is the size of the axis they
pick; a pick by an array with no declared range of values, or from a name that is no array, is
refused, naming the declaration that reads it; a whole array as a tag (``W_x``), an iterate
(``\theta_t``) and a scalar's tag stay names. Expected values come from NumPy written from the
definition, never from derivax's own reading."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax._verify._certify import outside_domain
from derivax._verify._precise import Point
from derivax.symbols import SymbolTable

LABELS = [r"y_i", r"y_{i}", r"y^{(i)}", r"y^{(n)}"]


def _entry_of_label(expr, array: str, labels: str) -> bool:
    return (
        isinstance(expr, sympy.Indexed)
        and str(expr.base.label) == array
        and isinstance(expr.indices[0], sympy.Indexed)
        and str(expr.indices[0].base.label) == labels
    )


# -- the declaration ---------------------------------------------------------------------------


def test_labels_are_a_vector_of_whole_numbers_with_their_number_of_classes():
    table = SymbolTable.parse(r"y: labels[m, K]; \mu: vector[K]")
    y = table["y"]
    assert (y.kind, y.shape, y.classes, y.rank) == ("vector", ("m",), "K", 1)
    assert y.assumptions() == {"real": True, "integer": True, "positive": True}
    assert table["K"].kind == table["m"].kind == "dim"
    assert SymbolTable.parse(table.to_text()).to_text() == table.to_text()  # a round trip


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("y: labels[m]", "labels[m, k]"),
        ("y: labels[m, K], positive", "takes no qualifiers"),
        ("y: labels[m, K+1]", "number of classes"),
    ],
)
def test_a_malformed_declaration_of_labels_names_what_is_accepted(entry, says):
    with pytest.raises(dx.DerivaxError) as e:
        SymbolTable.parse(entry)
    assert says in str(e.value)


# -- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_every_spelling_of_the_label_picks_the_entry(label):
    symbols = r"\mu: vector[K]; y: labels[N, K]; i, n: index"
    got = dx.parse(rf"\mu_{{{label}}}", symbols=symbols)
    assert _entry_of_label(got, r"\mu", "y")
    assert got.indices[0].indices[0].name == label.strip("y_^{()}")


@pytest.mark.parametrize("label", LABELS)
def test_a_matrix_of_means_gives_an_entry_or_a_row_inside_a_scalar_product(label):
    symbols = r"M: matrix[K, d]; y: labels[N, K]; w: vector[d]; i, n, j: index"
    entry = dx.parse(rf"M_{{{label}, j}}", symbols=symbols)
    assert _entry_of_label(entry, "M", "y") and entry.indices[1] == sympy.Symbol("j", integer=True)
    index = label.strip("y_^{()}")
    product = dx.parse(rf"\sum_{{{index}=1}}^{{N}} w^\top M_{{{label}}}", symbols=symbols)
    picked = [e for e in product.atoms(sympy.Indexed) if str(e.base.label) == "M"]
    assert len(picked) == 1 and _entry_of_label(picked[0], "M", "y")


def test_the_rendering_reads_back_as_the_same_pick():
    symbols = r"\mu: vector[K]; y: labels[N, K]; i: index"
    e = dx.parse(r"\sum_{i=1}^{N} \mu_{y^{(i)}}^2", symbols=symbols)
    assert dx.parse(dx.to_latex(e, symbols=symbols), symbols=symbols) == e


@pytest.mark.parametrize(
    ("symbols", "says"),
    [
        # an array with no declared range of values: its entries are any real numbers
        (r"\mu: vector[k]; y: vector[m]", "labels[m, k]"),
        # the labels run over another number of classes than the axis they pick
        (r"\mu: vector[c]; y: labels[m, k]", "first axis of `\\mu` has size `c`"),
        # no array to pick from: a name of its own would be one value for every class
        (r"y: labels[m, k]; \mu_0, \mu_1: vector[d]", "not declared an array"),
    ],
)
def test_a_pick_derivax_cannot_read_is_refused_naming_the_declaration(symbols, says):
    with pytest.raises(dx.DerivaxError) as e:
        dx.parse(r"\mu_{y^{(i)}}", symbols=symbols)
    assert says in str(e.value)


@pytest.mark.parametrize(
    ("latex", "symbols", "text"),
    [
        (r"W_x x", "W: matrix[n, n]; x: vector[n]", r"W_{x}*x"),  # a whole array tags a name
        (r"\theta_t", r"\theta: vector[n]", r"\theta_{t}"),  # an iterate
        (r"\mu_{y_i}", r"\mu: vector[k]; y: scalar", r"\mu_{y_i}"),  # y no array: a name's tag
    ],
)
def test_what_is_no_label_pick_reads_as_before(latex, symbols, text):
    assert str(dx.parse(latex, symbols=symbols)) == text


@pytest.mark.parametrize(
    "spelling", [r"\delta_{y_i j}", r"\delta_{y_i, j}", r"\delta_{j y^{(i)}}", r"\delta_{j, y_{i}}"]
)
def test_the_kronecker_delta_of_a_label_and_an_index(spelling):
    symbols = "y: labels[m, K]; i, j: index"
    got = dx.parse(spelling, symbols=symbols)
    y = dx.parse("y_i", symbols=symbols)
    assert got == sympy.KroneckerDelta(y, sympy.Symbol("j", integer=True))


@pytest.mark.parametrize("spelling", [r"\delta_{y_i j k}", r"\delta_{y_i, x_j}"])
def test_a_delta_over_a_label_that_is_no_pair_is_refused(spelling):
    with pytest.raises(dx.DerivaxError, match="no Kronecker delta of two values"):
        dx.parse(spelling, symbols="y: labels[m, K]; x: vector[n]; i, j, k: index")


# -- compiled values: NumPy from the definition ------------------------------------------------

RNG = np.random.default_rng(20261206)


@pytest.mark.parametrize("k", [1, 2, 5])  # one class (every label 1) is a corner
def test_a_sum_of_picked_entries_equals_numpy(k):
    f = dx.compile(r"\sum_{i=1}^{m} \mu_{y_i}^2", symbols=r"\mu: vector[K]; y: labels[m, K]")
    mu = RNG.normal(size=k)
    y = RNG.integers(1, k + 1, size=7)
    want = sum(mu[label - 1] ** 2 for label in y)
    assert float(f(mu=mu, y=y)) == pytest.approx(want, rel=1e-5)
    assert float(f(mu=mu, y=y.astype(float))) == pytest.approx(want, rel=1e-5)


@pytest.mark.parametrize("bad", [0, 4, 2.5, -1])
def test_a_label_out_of_range_or_not_whole_gives_nan_not_a_clamped_entry(bad):
    f = dx.compile(r"\sum_{i=1}^{m} \mu_{y_i}", symbols=r"\mu: vector[K]; y: labels[m, K]")
    assert np.isnan(float(f(mu=np.array([1.0, 2.0, 3.0]), y=np.array([1.0, bad, 2.0]))))


def test_the_k_means_distortion_with_a_row_family_equals_numpy():
    symbols = r"X: matrix[m, d]; x^{(i)}: row[X]; \mu: matrix[K, d]; c: labels[m, K]; i: index"
    f = dx.compile(r"\sum_{i=1}^{m} \|x^{(i)} - \mu_{c^{(i)}}\|^2", symbols=symbols)
    X, mu = RNG.normal(size=(6, 3)), RNG.normal(size=(4, 3))
    c = RNG.integers(1, 5, size=6)
    want = sum(np.sum((X[r] - mu[c[r] - 1]) ** 2) for r in range(6))
    assert float(f(X=X, mu=mu, c=c)) == pytest.approx(want, rel=1e-5)


def test_a_mahalanobis_distance_to_the_class_mean_equals_numpy():
    symbols = (
        r"X: matrix[m, d]; x^{(i)}: row[X]; \mu: matrix[2, d]; y: labels[m, 2]; \Sigma: spd[d]"
    )
    f = dx.compile(
        r"\sum_{i=1}^{m} (x^{(i)} - \mu_{y^{(i)}})^T \Sigma^{-1} (x^{(i)} - \mu_{y^{(i)}})",
        symbols=symbols,
    )
    X, mu, A = RNG.normal(size=(5, 3)), RNG.normal(size=(2, 3)), RNG.normal(size=(3, 3))
    sigma, y = A @ A.T + 3 * np.eye(3), np.array([1, 2, 2, 1, 2])
    want = sum(
        (X[r] - mu[y[r] - 1]) @ np.linalg.solve(sigma, X[r] - mu[y[r] - 1]) for r in range(5)
    )
    assert float(f(X=X, mu=mu, Sigma=sigma, y=y)) == pytest.approx(want, rel=1e-4)


@pytest.mark.parametrize("labels", ["y: labels[m, K]", "y: vector[m]"])
def test_an_indicator_sum_over_classes_equals_numpy(labels):
    # the indicator's branch holds an array's entry: the "safe value" of the double where is
    # taken for scalars only (it broadcast the whole array against the condition before)
    f = dx.compile(
        r"\sum_{c=1}^{K} \mathbb{1}[y_i = c] \mu_c", symbols=rf"\mu: vector[K]; {labels}; i: index"
    )
    mu, y = np.array([1.0, 10.0, 100.0]), np.array([3.0, 1.0])
    assert np.allclose(np.asarray(f(mu=mu, y=y)), [100.0, 1.0])


# -- checking: labels sampled in 1..K, certified against the declaration -----------------------

S = r"\mu: vector[K], positive; M: matrix[K, d]; y: labels[m, K]; X: matrix[m, d]; i, j, l: index"


@pytest.mark.parametrize(
    "claim",
    [
        r"\mu_{y_i} \le \sum_{c=1}^{K} \mu_c",
        r"\sum_{c=1}^{K} \mathbb{1}[y_i = c] \mu_c = \mu_{y_i}",
        r"\sum_{j=1}^{K} \delta_{y_i j} \mu_j = \mu_{y_i}",
        r"\sum_{i=1}^{m} \sum_{j=1}^{K} 1\{y_i = j\} = m",
        r"\sum_{i=1}^{m} \|X_i - M_{y_i}\|^2 \ge 0",
        r"\frac{\partial}{\partial M_{j l}} \sum_{i=1}^{m} \|X_i - M_{y_i}\|^2"
        r" = -2 \sum_{i=1}^{m} \mathbb{1}[y_i = j] (X_{i l} - M_{j l})",
    ],
)
def test_true_claims_about_picked_entries_are_not_refuted(claim):
    v = dx.check(claim, symbols=S, cache=False, timeout=30)
    assert v.status in ("proved", "plausible"), v.reason


@pytest.mark.parametrize(
    "claim",
    [
        r"\mu_{y_i} = \mu_1",
        r"\sum_{i=1}^{m} \sum_{j=1}^{K} 1\{y_i = j\} = K",
        r"\sum_{i=1}^{m} \|X_i - M_{y_i}\|^2 = \sum_{i=1}^{m} \|X_i\|^2 + \sum_{i=1}^{m} \|M_{y_i}\|^2",
        r"\frac{\partial}{\partial M_{j l}} \sum_{i=1}^{m} \|X_i - M_{y_i}\|^2"
        r" = -2 \sum_{i=1}^{m} (X_{i l} - M_{j l})",
    ],
)
def test_false_claims_are_refuted_at_labels_within_their_classes(claim):
    v = dx.check(claim, symbols=S, cache=False, timeout=30)
    assert v.status == "refuted", v.reason
    point = v.counterexample
    labels = np.asarray(point["y"], dtype=float)
    classes = point["K"]  # shown beside the labels: their domain
    assert np.all(labels == np.round(labels)) and labels.min() >= 1 and labels.max() <= classes
    for means in ("mu", "M"):
        if means in point:
            assert len(point[means]) == classes


@pytest.mark.parametrize(
    "claim", [r"\sum_{i=1}^{m} y_i \le m K", r"y_i \ge 1", r"\mu_{y_i} \le \sum_{c=1}^{K} \mu_c"]
)
def test_the_search_keeps_labels_whole_and_in_range(claim):
    # the gradient ascent moved labels past K, and the certificate (rightly) rejected the point:
    # a true claim ended unknown
    v = dx.check(claim, symbols=S, cache=False, timeout=30)
    assert v.status in ("proved", "plausible"), v.reason


def test_the_certificate_rejects_a_label_outside_its_classes():
    table = SymbolTable.parse(r"y: labels[m, K]; \mu: vector[K]")
    point = Point()
    point.sizes = {table.dim("m"): 3, table.dim("K"): 2}
    point.values = {"y": np.array([1.0, 2.0, 3.0]), r"\mu": np.array([0.5, 1.5])}
    assert "labels 1..2" in outside_domain(point, table)
    point.values["y"] = np.array([1.0, 1.5, 2.0])
    assert "whole number" in outside_domain(point, table)
    point.values["y"] = np.array([1.0, 2.0, 2.0])
    assert outside_domain(point, table) == ""
