r"""An entry picked by a label, ``\mu_{y^{(i)}}`` (the mean of example i's class, as course notes
on discriminant analysis write it): read as a name of its own like ``\mu``, it was unrelated to
``\mu``'s entries, and a true ``\mu_{y_i} = \sum_c [y_i = c] \mu_c`` could only fail. Until
derivax reads an entry picked by a value, it is refused, naming the label and what to write.
Every spelling of the label, on a vector and a matrix of means; what stays a name of its own."""

from __future__ import annotations

import pytest

import derivax as dx

LABELS = [r"y_i", r"y_{i}", r"y^{(i)}", r"y^{(n)}", r"c_j"]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("means", [r"\mu: vector[k]", r"\mu: matrix[k, d]"])
def test_an_entry_picked_by_a_label_is_refused_naming_it(label, means):
    symbols = f"{means}; y, c: vector[m]; x: vector[d]"
    with pytest.raises(dx.DerivaxError) as e:
        dx.parse(rf"\mu_{{{label}}}", symbols=symbols)
    assert f"by the value of `{label}`" in str(e.value) and r"\sum_c" in str(e.value)


def test_a_claim_with_a_label_pick_is_an_error_not_a_verdict():
    with pytest.raises(dx.DerivaxError, match="picks an entry of"):
        dx.check(
            r"\mu_{y_i} \le \sum_{c=1}^{k} \mu_c",
            symbols=r"\mu: vector[k], positive; y: vector[m]; i: index",
            cache=False,
        )


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
