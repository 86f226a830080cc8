r"""Conventions of course notes on regression, in check-doc: a gradient-descent step written with a
definition's sign (``\theta_j := \theta_j - \alpha \dots``) is an assignment, never a given and
never a recurrence; a display the text says works on one example does not use the definition of
the cost over all examples; a sum with no range written runs over the range the note writes for
the same index and family; and a definition at an argument with a free index (``P(y^{(i)} \mid
x^{(i)}; \theta) = \dots``) applies under a product over that index, so a log-likelihood that
leaves out its sum is refuted and the right one proved.

Expected verdicts are the mathematics, by hand: the log-likelihood of m Gaussian residuals is
-m/2 log(2 pi sigma^2) - 1/(2 sigma^2) sum_i r_i^2 (one residual alone differs once m >= 2);
d/d theta_0 of (1/2m) sum_i (theta_0 + ... - y_i)^2 is (1/m) sum_i (yhat_i - y_i), not with y.
"""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document
from derivax._documents._prose import for_one_example, one_example


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


LIKELIHOOD = r"""
Assume $y^{(i)} = \theta^T x^{(i)} + \epsilon^{(i)}$, so that
$$P(y^{(i)} \vert x^{(i)}; \theta) = \frac{1}{\sqrt{2 \pi \sigma^2}} \exp\Big(-\frac{(y^{(i)} - \theta^Tx^{(i)})^2}{2 \sigma^2}\Big)$$
and
$$L(\theta) = \prod^m_{i=1} P(y^{(i)} \vert x^{(i)}; \theta)$$
Taking logarithms:
$$\log L(\theta) = - \frac{m}{2} \log(2 \pi \sigma^2) - \frac{1}{2\sigma^2} RESIDUALS$$
"""
SAMPLES = (
    r"\theta, x: vector[n]; x^{(i)}: row[X]; X: matrix[m, n]; y, y^{(i)}, \epsilon^{(i)}: scalar;"
    r" \sigma: scalar, positive; i, j: index; m, n: dim"
)


@pytest.mark.parametrize(
    "residuals, status",
    [
        (r"\sum_{i=1}^m (y^{(i)} - \theta^Tx^{(i)})^2", "proved"),
        (r"\sum^m_{i=1} (\theta^Tx^{(i)} - y^{(i)})^2", "proved"),
        # the sum left out: the right side is said of each i
        (r"(y^{(i)} - \theta^Tx^{(i)})^2", "refuted"),
    ],
)
def test_a_definition_at_a_free_index_applies_under_the_product(tmp_path, residuals, status):
    f = write_note(tmp_path, LIKELIHOOD.replace("RESIDUALS", residuals), SAMPLES)
    claims = [x for x in check_document(f, timeout=30) if x.kind == "claim"]
    assert [x.status for x in claims] == [status], [x.reason for x in claims]


GD = r"""
$$J(\theta) = \frac{1}{2m} \sum^m_{i=1}(\hat{y}_i - y_i)^2$$
$$\hat{y}_i = \theta_0 + \theta_1x_{i1} + \cdots + \theta_px_{ip}$$
Then
$$\frac{\partial J}{\partial \theta_0} = \frac{1}{m}\sum(\hat{y}_i - RIGHT)$$
Repeat until convergence:
$$\theta_0 := \theta_0 - \alpha\frac{1}{m}\sum(\hat{y}_i - y_i)$$
"""
GD_SYMBOLS = (
    r"\theta_0: scalar; \theta: vector[p]; \hat{y}_i, y_i, x_{ij}: scalar; "
    r"\alpha: scalar, positive; i, j: index; m, p: dim"
)


@pytest.mark.parametrize("right, status", [("y_i", "proved"), ("y", "refuted")])
def test_a_sum_without_its_range_runs_over_the_note_s_range(tmp_path, right, status):
    f = write_note(tmp_path, GD.replace("RIGHT", right), GD_SYMBOLS)
    links = check_document(f, timeout=30)
    claims = [x for x in links if x.kind == "claim"]
    assert [x.status for x in claims] == [status], [x.reason for x in claims]
    # the step of gradient descent is an assignment: not a given, not a recurrence
    (step,) = [x for x in links if x.kind == "update"]
    assert "assignment" in step.reason and "not a given" in step.reason


def test_a_display_on_one_example_does_not_use_the_cost_over_all(tmp_path):
    body = r"""
    $$J(\theta) = \frac{1}{2} \sum^m_{i=1} (\theta^T x^{(i)} - y^{(i)})^2$$
    For a single training example $(x, y)$:
    $$\frac{\partial J}{\partial \theta_j} = (\theta^T x - y) x_j$$
    """
    f = write_note(tmp_path, body, SAMPLES)
    (claim,) = [x for x in check_document(f, timeout=30) if x.kind == "claim"]
    # with the cost over all examples it would be refuted; the display's J is its own
    assert claim.status != "refuted", claim.reason


@pytest.mark.parametrize(
    "prose, one",
    [
        ("For a single training example $(x, y)$:", True),
        ("on one sample", True),
        ("For a single data point we get", True),
        ("Over all the training examples:", False),
        ("For each example $i$", False),
    ],
)
def test_the_words_that_name_one_example(prose, one):
    assert one_example(prose) is one


def test_one_example_keeps_the_givens_without_a_sum():
    givens = [r"J(\theta) = \sum_i r_i^2", r"h(x) = \theta^T x"]
    assert for_one_example(givens, True) == [r"h(x) = \theta^T x"]
    assert for_one_example(givens, False) == givens
