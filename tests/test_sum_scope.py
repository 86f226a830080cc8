r"""An index summed in one term and written again after it, outside the sum: TeX's ``\sum_i``
reaches to the end of its term, so ``\sum_i a_i + b_i`` leaves the second ``i`` free, while
papers (binary cross-entropy: ``-\sum_i y_i \log p_i + (1 - y_i) \log(1 - p_i)``) mean the sum
to cover both. The two readings differ in value, so derivax refuses and names both; what
has one reading (parentheses, another letter, the free term before the sum, a second sum) is
read."""

from __future__ import annotations

import pytest

import derivax as dx

S = "a, b, y, p: vector[n]; i, j: index; n: dim"
SUMS = [r"\sum_i", r"\sum_{i}", r"\sum_{i=1}^{n}", r"\sum_{i = 1}^n"]
TAILS = [r"+ b_i", r"- b_{i}", r"+ (1 - y_i) \log(1 - p_i)", r"- \log b_i", r"+ 2 b_i a_i"]


@pytest.mark.parametrize("tail", TAILS)
@pytest.mark.parametrize("head", SUMS)
def test_an_index_written_again_after_its_sum_is_refused(head, tail):
    with pytest.raises(dx.DerivaxError, match="summed in one term and free in another") as e:
        dx.parse(rf"{head} y_i \log p_i {tail}", S)
    assert r"\sum_{i} (\dots + \dots)" in str(e.value)  # the reading it would take is named


@pytest.mark.parametrize(
    "latex, bound, free",
    [
        (r"\sum_{i=1}^{n} \left(a_i + b_i\right)", 1, set()),  # parentheses: one sum of both
        (r"\sum_{i=1}^{n} a_i + b_j", 1, {"j"}),  # another letter
        (r"a_i - \frac{1}{n} \sum_{i=1}^{n} a_i", 1, {"i"}),  # the free term before the sum
        (r"\sum_{i=1}^{n} a_i + \sum_{i=1}^{n} b_i", 2, set()),  # a sum of its own
        (r"\sum_{j=1}^{n} \left(\sum_{i=1}^{n} a_i + b_j\right)", 2, set()),
    ],
)
def test_what_has_one_reading_is_read(latex, bound, free):
    import sympy

    e = dx.parse(latex, S)
    assert len(e.atoms(sympy.Sum)) == bound
    assert {str(s) for s in e.free_symbols if s.is_integer} - {"n"} == free


def test_the_cross_entropy_with_its_sum_around_both_terms_is_decided():
    claim = (
        r"-\sum_{i=1}^{n} \left(y_i \log p_i + (1 - y_i) \log(1 - p_i)\right) = "
        r"-\sum_{i=1}^{n} y_i \log p_i - \sum_{i=1}^{n} (1 - y_i) \log(1 - p_i)"
    )
    assert dx.check(claim, "y, p: vector[n], unit; i: index; n: dim", timeout=20).status == "proved"


IMPLIED = r"\hat{y}, y, x, b: vector[m]; i, j: index; m: dim"


@pytest.mark.parametrize(
    "latex, written",
    [
        (
            r"\frac{1}{2m} \sum (\hat{y}_i - y_i)^2",
            r"\frac{1}{2m} \sum_{i=1}^{m} (\hat{y}_i - y_i)^2",
        ),
        (r"\sum x_i", r"\sum_{i=1}^{m} x_i"),
        (r"\sum (x_i + b_i)", r"\sum_{i=1}^{m} (x_i + b_i)"),
        (r"\sum x_i + b_j", r"\sum_{i=1}^{m} x_i + b_j"),
        (r"\prod x_{i}", r"\prod_{i=1}^{m} x_i"),
    ],
)
def test_a_sum_with_no_subscript_runs_over_the_one_index_its_summand_uses(latex, written):
    assert dx.parse(latex, IMPLIED) == dx.parse(written, IMPLIED)


@pytest.mark.parametrize(
    "latex, words",
    [
        (r"\sum x_i y_j", "needs its index"),  # two indices: which one is summed is not written
        (r"\sum x", "needs its index"),  # none
        (r"\sum x_i + b_i", "also written after its term"),  # the scope decides the value
    ],
)
def test_a_sum_with_no_subscript_and_no_single_reading_is_refused(latex, words):
    with pytest.raises(dx.DerivaxError, match=words):
        dx.parse(latex, IMPLIED)
