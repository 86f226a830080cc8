"""A name declared with its index (`y_i: scalar`, `\\hat{y}_i: scalar`) written under a sum or
product over that index.

Read as one symbol, `y_i` would be the same number in every term: `\\sum_{i=1}^m y_i = m y_i`
was proved and `\\sum_{i=1}^m y_i = \\sum_{j=1}^m y_j` (with `y_j` declared too) refuted. Under a
sum over its index the name is the entry of the array `y` (the declared vector when there is one),
and where that cannot be one reading the formula is refused:
- the name declared a vector or matrix (one per sample, `x_i: vector[d]`): no family of arrays;
- the same base also written as a declared name of its own outside the sum (`y_k` beside
  `\\sum_i y_i`): the two would not be tied;
- the name's qualifiers missing on a declared base (`y_i: scalar, positive` with `y: vector[m]`).

The family: every accent and letter, every index letter, sums and products with and without
written bounds, the free name outside any sum (still a name of its own)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax import ParseError

LETTERS = ["y", r"\hat{y}", r"\tilde{r}", "p", r"\bar{z}", "u"]
INDICES = ["i", "k", "n", "t"]
FAMILY = list(itertools.product(LETTERS, INDICES))


def _table(letter, idx, extra=""):
    other = "j" if idx != "j" else "l"
    return f"{letter}_{idx}, {letter}_{other}: scalar; {idx}, {other}: index; m: dim{extra}"


@pytest.mark.parametrize("letter, idx", FAMILY)
def test_the_same_number_in_every_term_is_never_proved(letter, idx):
    name = f"{letter}_{idx}"
    for claim in (
        rf"\sum_{{{idx}=1}}^{{m}} {name} = m {name}",
        rf"\prod_{{{idx}=1}}^{{m}} {name} = {name}^{{m}}",
        rf"\frac{{1}}{{m}} \sum_{{{idx}=1}}^{{m}} {name} = {name}",
    ):
        v = dx.check(claim, _table(letter, idx), timeout=5, cache=False)
        assert v.status != "proved", (claim, v)


@pytest.mark.parametrize("letter, idx", FAMILY)
def test_a_renamed_index_is_never_refuted(letter, idx):
    other = "j" if idx != "j" else "l"
    claim = (
        rf"\sum_{{{idx}=1}}^{{m}} {letter}_{{{idx}}}^2 = \sum_{{{other}=1}}^{{m}} "
        rf"{letter}_{{{other}}}^2"
    )
    v = dx.check(claim, _table(letter, idx), timeout=5, cache=False)
    assert v.status == "proved", (claim, v)


@pytest.mark.parametrize("letter, idx", FAMILY[::3])
def test_with_the_vector_declared_the_entries_are_its_entries(letter, idx):
    table = f"{letter}: vector[m]; {letter}_{idx}: scalar; {idx}: index; m: dim"
    rng = np.random.default_rng(len(letter) * 31 + ord(idx))
    values = rng.normal(size=4)
    got = dx.evaluate(
        rf"\sum_{{{idx}=1}}^{{m}} {letter}_{idx}^2 - {letter}_{{2}}",
        {letter: values, "m": 4},
        table,
    )
    assert float(got) == pytest.approx(float(np.sum(values**2) - values[1]), rel=1e-12)
    # and a false claim about them is refuted, a true one proved
    assert (
        dx.check(rf"\sum_{{{idx}=1}}^{{m}} {letter}_{idx} = m {letter}_{{1}}", table, cache=False)
    ).status == "refuted"


@pytest.mark.parametrize("letter, idx", FAMILY[::2])
def test_outside_a_sum_the_name_is_its_own(letter, idx):
    e = dx.parse(rf"{letter}_{idx} + 1", _table(letter, idx))
    assert not e.atoms(sympy.Indexed)
    assert len(e.free_symbols) == 1


@pytest.mark.parametrize(
    "claim, culprit",
    [
        (r"\sum_{i=1}^{m} x_i^\top w", "x_{i}"),
        (r"\sum_{i=1}^{m} y_i x_i", "x_{i}"),
        (r"\frac{1}{m}\sum_{i=1}^{m} \|x_i\|^2", "x_{i}"),
    ],
)
def test_a_declared_vector_under_its_sum_is_refused(claim, culprit):
    table = "x_i: vector[d]; w: vector[d]; y_i: scalar; i: index; m, d: dim"
    with pytest.raises(ParseError) as e:
        dx.parse(claim, table)
    assert culprit in str(e.value) and "family of arrays" in str(e.value)


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial}{\partial y_k} \sum_{i=1}^{m} y_i^2",
        r"y_k + \sum_{i=1}^{m} y_i",
        r"\sum_{i=1}^{m} y_i - y_k",
    ],
)
def test_one_base_read_two_ways_is_refused(claim):
    table = "y_i, y_k: scalar; i, k: index; m: dim"
    with pytest.raises(ParseError) as e:
        dx.parse(claim, table)
    assert "y_{k}" in str(e.value) and "vector" in str(e.value)
    # declaring the vector ties them: the derivative is 2 y_k
    vec = "y: vector[m]; i, k: index; m: dim"
    v = dx.check(
        r"\frac{\partial}{\partial y_k} \sum_{i=1}^{m} y_i^2 = 2 y_k", vec, timeout=10, cache=False
    )
    assert v.status in ("proved", "plausible"), v


def test_qualifiers_travel_or_are_refused():
    # an undeclared base carries the declared qualifiers into its entries
    e = dx.parse(r"\sum_{i=1}^{m} \log y_i", "y_i: scalar, positive; i: index; m: dim")
    (entry,) = e.atoms(sympy.Indexed)
    assert entry.is_positive
    # a declared base without them: refused, naming the qualifier
    with pytest.raises(ParseError) as err:
        dx.parse(
            r"\sum_{i=1}^{m} \log y_i", "y: vector[m]; y_i: scalar, positive; i: index; m: dim"
        )
    assert "positive" in str(err.value)


def test_a_declared_scalar_base_is_refused():
    with pytest.raises(ParseError) as e:
        dx.parse(r"\sum_{i=1}^{m} y_i", "y: scalar; y_i: scalar; i: index; m: dim")
    assert "vector" in str(e.value)


def test_a_sum_with_no_written_bounds_reads_entries():
    # \sum_i over a declared y_i: entries of undeclared arrays over a range the text does not
    # name, as for undeclared names (the audit has no shape to sample, so no more than unknown)
    table = r"\hat{y}_i, y_i: scalar; i: index"
    e = dx.parse(r"\sum_{i} (\hat{y}_i - y_i)^2", table)
    assert {str(x.base) for x in e.atoms(sympy.Indexed)} == {r"\hat{y}", "y"}
    v = dx.check(r"\sum_{i} (\hat{y}_i - y_i)^2 = \sum_{i} (y_i - \hat{y}_i)^2", table, cache=False)
    assert v.status in ("proved", "unknown"), v
    v = dx.check(r"\sum_{i} (\hat{y}_i - y_i) = \hat{y}_i - y_i", table, cache=False)
    assert v.status != "proved", v


# -- samples written x^{(i)} (cs229), declared as names of their own ---------------------------
SAMPLES = list(itertools.product(["y", "r", r"\hat{y}"], ["i", "k", "t"]))


@pytest.mark.parametrize("letter, idx", SAMPLES)
def test_a_declared_sample_under_its_sum_is_an_entry(letter, idx):
    table = f"{letter}, {letter}^{{({idx})}}: scalar; {idx}, j: index; m: dim"
    name = f"{letter}^{{({idx})}}"
    # the same number in every term is never proved; the sum is one of the samples
    v = dx.check(rf"\sum_{{{idx}=1}}^{{m}} {name} = m {name}", table, timeout=5, cache=False)
    assert v.status != "proved", v
    e = dx.parse(rf"\sum_{{{idx}=1}}^{{m}} ({name})^2", table)
    (entry,) = e.atoms(sympy.Indexed)
    assert str(entry.indices[0]) == idx
    # outside a sum it is its own name, and the single example `letter` stays apart
    assert not dx.parse(rf"{name} - {letter}", table).atoms(sympy.Indexed)


@pytest.mark.parametrize("idx", ["i", "k"])
def test_a_declared_sample_vector_under_its_sum_is_refused(idx):
    table = rf"\theta, x^{{({idx})}}: vector[n]; y^{{({idx})}}: scalar; {idx}: index; m, n: dim"
    with pytest.raises(ParseError) as e:
        dx.parse(rf"\sum_{{{idx}=1}}^{{m}} (\theta^T x^{{({idx})}} - y^{{({idx})}})^2", table)
    assert f"x^{{({idx})}}" in str(e.value) and "family of arrays" in str(e.value)


def test_a_declared_sample_read_both_ways_is_refused():
    table = "y^{(i)}, y^{(k)}: scalar; i, k: index; m: dim"
    with pytest.raises(ParseError) as e:
        dx.parse(r"\sum_{i=1}^{m} (y^{(i)})^2 - y^{(k)}", table)
    assert "y^{(k)}" in str(e.value) and "y: vector[m]" in str(e.value)


# -- a definition of the declared name outside a sum reaches its uses inside one -----------------
DEFINITIONS = [
    (r"w x_i", r"x_i"),
    (r"w x_i + b", r"x_i"),
    (r"\sigma(w x_i)", r"\sigma(w x_i) (1 - \sigma(w x_i)) x_i"),
]


@pytest.mark.parametrize("definition, slope", DEFINITIONS)
@pytest.mark.parametrize("vectors", [True, False])
def test_a_definition_outside_the_sum_reaches_the_entries(
    tmp_path, monkeypatch, definition, slope, vectors
):
    from derivax._documents import check_document

    monkeypatch.setenv("DERIVAX_CACHE", "off")
    right = (
        rf"\frac{{\partial}}{{\partial w}} \sum_{{i=1}}^m (\hat{{y}}_i - y_i)^2 = "
        rf"2 \sum_{{i=1}}^m (\hat{{y}}_i - y_i) {slope}"
    )
    wrong = right.replace("= 2", "= 3")
    f = tmp_path / "n.md"
    f.write_text(
        f"Let $\\hat{{y}}_i = {definition}$. Then\n\n$${right}$$\n\nand not\n\n$${wrong}$$\n",
        encoding="utf-8",
    )
    table = r"\hat{y}_i, y_i, x_i, w, b: scalar; i: index; m: dim"
    if vectors:
        table = r"\hat{y}, y, x: vector[m]; " + table
    (tmp_path / "n.md.derivax.toml").write_text(f"symbols = '{table}'\n", encoding="utf-8")
    links = [x for x in check_document(f, timeout=20) if x.kind == "claim"]
    assert [x.status for x in links][:1] != ["refuted"], links
    assert len(links) == 2
    assert links[0].status != "refuted" and links[1].status != "proved", links
    if vectors:
        # every array declared: the numbers decide both
        assert links[0].status in ("proved", "plausible") and links[1].status == "refuted", links


@pytest.mark.parametrize("sub", ["ij", "i,j", "{i}{j}"])
def test_a_declared_two_index_name_under_its_sum_is_a_matrix_entry(sub):
    spelled = "{" + sub + "}" if not sub.startswith("{") else sub.replace("}{", "")
    table = f"x_{spelled}: scalar; i, j, k: index; m: dim"
    e = dx.parse(rf"\sum_{{i=1}}^{{m}} x_{spelled}", table)
    (entry,) = e.atoms(sympy.Indexed)
    assert [str(x) for x in entry.indices] == ["i", "j"]  # never the product i j
    v = dx.check(rf"\sum_{{i=1}}^{{m}} x_{spelled} = m x_{spelled}", table, timeout=5, cache=False)
    assert v.status != "proved", v


def test_the_variable_of_a_derivative_is_not_an_unwritten_sum_index():
    # \sum with no subscript in a row differentiating by \theta_j runs over i, not j
    table = r"\theta: vector[p]; \hat{y}_i, x_{ij}: scalar; i, j: index; m, p: dim"
    e = dx.parse(r"\frac{\partial}{\partial \theta_j} \sum (\hat{y}_i - y) x_{ij}", table)
    (total,) = e.atoms(sympy.Sum)
    assert str(total.limits[0][0]) == "i"
    # without a derivative naming j, the index stays undecided and is refused
    with pytest.raises(ParseError):
        dx.parse(r"\sum (\hat{y}_i - y) x_{ij}", table)


# -- one declared function carrying the index of its sum -----------------------------------------
@pytest.mark.parametrize(
    "table",
    [
        "f: function; i: index; n: dim",
        "f_i: function; i: index; n: dim",
        "f, f_i: function; i: index; n: dim",
    ],
)
@pytest.mark.parametrize(
    "claim",
    [
        r"\sum_{i=1}^n f_i(x) = n f_i(x)",
        r"\prod_{i=1}^{n} f_i(x) = f_i(x)^n",
        r"\frac{d}{dx} \sum_{i=1}^n f_i(x) = n f_i'(x)",
    ],
)
def test_one_function_under_its_sum_is_refused(table, claim):
    with pytest.raises(ParseError) as e:
        dx.parse(claim, table)
    assert "f_{i}" in str(e.value) and "f(i, x)" in str(e.value)


def test_the_index_as_an_argument_reads():
    table = "f: function; i: index; n: dim"
    v = dx.check(r"\sum_{i=1}^n f(i, x) = n f(1, x)", table, timeout=5, cache=False)
    assert v.status != "proved", v
    # a subscript that is no bound index is still a function of its own
    v = dx.check(r"f_t(x) + f_i(x) = f_i(x) + f_t(x)", "f: function; i: index", cache=False)
    assert v.status == "proved", v


# -- declared random scalars under their sum --------------------------------------------------------
def test_a_declared_random_scalar_under_its_sum_needs_the_random_vector():
    claim = r"\operatorname{Var}(\frac{1}{n}\sum_{i=1}^n X_i) = \frac{1}{n}\operatorname{Var}(X_1)"
    with pytest.raises(ParseError) as e:
        dx.parse(claim, "X_i: random, independent; i: index; n: dim")
    assert "X: random[n]" in str(e.value)
    # with the vector declared, the entries are its entries: the variance of the mean of n
    # independent, identically distributed variables is Var(X_1) / n
    v = dx.check(
        claim, "X: random[n], iid; X_i: random, independent; i: index; n: dim", cache=False
    )
    assert v.status == "proved", v
    v = dx.check(
        claim.replace(r"\frac{1}{n}\operatorname{Var}(X_1)", r"\operatorname{Var}(X_1)"),
        "X: random[n], iid; X_i: random, independent; i: index; n: dim",
        cache=False,
    )
    assert v.status == "refuted", v
