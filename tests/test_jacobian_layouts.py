r"""The derivative of a vector by a vector, in the layout its transposes name:
``\frac{\partial y}{\partial x^\top}`` is the Jacobian (entry (i, j) the derivative of y_i by x_j),
``\frac{\partial y^\top}{\partial x}`` its transpose, the layout in which the Hessian is
``\frac{\partial g^\top}{\partial x}`` of the gradient g. Written with neither transpose the layout
is not said: refused, naming both spellings. Values are compared with NumPy written from the
definition (the closed form of each Jacobian), claims with their truth."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError

TABLE = "w, b: vector[D]; B: matrix[M, D]; c: vector[M]; A: matrix[D, D]; D, M: dim"

# each function of w with its Jacobian (M x D) written from the definition in NumPy
FUNCTIONS = {
    r"B w": lambda B, w, c: B,
    r"B w + c": lambda B, w, c: B,
    r"\tanh(B w)": lambda B, w, c: (1 - np.tanh(B @ w) ** 2)[:, None] * B,
    r"\sigma(B w + c)": lambda B, w, c: (_sig(B @ w + c) * (1 - _sig(B @ w + c)))[:, None] * B,
    r"\exp(B w) \odot c": lambda B, w, c: (np.exp(B @ w) * c)[:, None] * B,
    r"\operatorname{softmax}(B w)": lambda B, w, c: (
        (np.diag(_soft(B @ w)) - np.outer(_soft(B @ w), _soft(B @ w))) @ B
    ),
}

LINEAR = {r"B w", r"B w + c"}

# the spellings of each layout: (numerator template, variable, transposed result)
NUMERATOR = [
    (r"\frac{\partial %s}{\partial w^\top}", False),
    (r"\frac{\partial %s}{\partial w^{\top}}", False),
    (r"\frac{d %s}{d w^T}", False),
]
DENOMINATOR = [
    (r"\frac{\partial \left(%s\right)^\top}{\partial w}", True),
    (r"\frac{d (%s)^T}{d w}", True),
    (r"\frac{\partial (%s)^{\top}}{\partial w}", True),
]


def _sig(x):
    return 1 / (1 + np.exp(-x))


def _soft(x):
    e = np.exp(x - x.max())
    return e / e.sum()


@pytest.mark.parametrize(("template", "transposed"), NUMERATOR + DENOMINATOR)
@pytest.mark.parametrize("body", sorted(FUNCTIONS))
def test_each_layout_has_the_shape_and_the_values_of_its_definition(body, template, transposed):
    tex = template % body
    e = dx.parse(tex, TABLE)
    rows, cols = (str(n) for n in e.shape)
    assert (rows, cols) == (("D", "M") if transposed else ("M", "D")), tex
    rng = np.random.default_rng(len(tex))
    for m, d in ((3, 2), (1, 3), (2, 1)):  # a single output and a single input among them
        B, w, c = rng.normal(size=(m, d)), rng.normal(size=d), rng.normal(size=m)
        want = FUNCTIONS[body](B, w, c)
        # a linear map's Jacobian is free of w and c: only its inputs are passed
        inputs = {"B": B} if body in LINEAR else {"B": B, "w": w, "c": c}
        inputs = {k: v for k, v in inputs.items() if k in body}
        got = np.asarray(dx.evaluate(tex, inputs, TABLE), dtype=float)
        np.testing.assert_allclose(got, want.T if transposed else want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        (r"\frac{\partial (A w)}{\partial w^\top} = A", True),
        (r"\frac{\partial (A w)}{\partial w^\top} = A^\top", False),
        (r"\frac{\partial (A w)^\top}{\partial w} = A^\top", True),
        (r"\frac{\partial (A w)^\top}{\partial w} = A", False),
        (r"\frac{\partial (B w + c)}{\partial w^T} = B", True),
        (
            r"\frac{\partial \tanh(A w)}{\partial w^\top} = A \operatorname{diag}(1 - \tanh(A w)^2)",
            False,
        ),
        # a scalar's derivative is still its gradient, shaped like the variable
        (r"\frac{\partial (w^\top A w)}{\partial w} = (A + A^\top) w", True),
        (r"\frac{\partial (w^\top A w)}{\partial w} = 2 A w", False),
    ],
)
def test_claims_about_jacobians_are_decided_by_their_truth(claim, holds):
    v = dx.check(claim, symbols=TABLE, timeout=30)
    if holds:
        assert v.status in ("proved", "plausible"), (claim, v.status, v.reason)
    else:
        assert v.status == "refuted", (claim, v.status, v.reason)


@pytest.mark.parametrize(
    ("claim", "status", "says"),
    [
        # square and not symmetric: the two layouts disagree, and the claim is not decided
        (r"\frac{\partial (A w)}{\partial w} = A", "unknown", "as its transpose refuted"),
        (r"\frac{\partial (A w)}{\partial w} = A^\top", "unknown", "as its transpose proved"),
        (r"\frac{d (A w)^\top}{d w^\top} = A", "unknown", "no layout"),
        # symmetric: the same either way
        (r"\frac{\partial (S w)}{\partial w} = S", "proved", "both layouts"),
        (r"\frac{\partial (S w)}{\partial w} = 2 S", "refuted", "both layouts"),
        # rectangular (M and D are different names): only one layout has the other side's shape
        (r"\frac{\partial (B w)}{\partial w} = B", "proved", "the one layout"),
        (r"\frac{\partial (B w)}{\partial w} = B^\top", "proved", "the one layout"),
        (r"\frac{\partial \tanh(B w)}{\partial w} = B", "refuted", "the one layout"),
    ],
)
def test_a_layout_left_unsaid_is_decided_under_both(claim, status, says):
    v = dx.check(claim, symbols=TABLE + "; S: symmetric[D]", timeout=30)
    assert v.status == status, (claim, v.reason)
    assert says in v.reason


def test_a_layout_left_unsaid_reads_as_the_jacobian_and_says_so():
    # parse, evaluate and derive use the Jacobian, as dx.jacobian gives it, and list the rule
    reading = dx.parse(r"\frac{\partial \tanh(B w)}{\partial w}", TABLE)
    assert tuple(str(n) for n in reading.shape) == ("M", "D")
    from derivax.latex import reading as read_with_rules

    rules = " ".join(read_with_rules(r"\frac{\partial \tanh(B w)}{\partial w}", TABLE).rules)
    assert "says no layout" in rules


def test_a_second_derivative_of_a_vector_is_refused():
    with pytest.raises(ParseError, match="order 2"):
        dx.parse(r"\frac{\partial^2 (B w)}{\partial w^\top}", TABLE)


def test_a_matrix_variable_is_no_jacobian():
    # the gradient of a scalar by a matrix is shaped like the matrix, as before
    e = dx.parse(r"\frac{\partial \operatorname{tr}(B^\top B)}{\partial B}", TABLE)
    assert tuple(str(n) for n in e.shape) == ("M", "D")


@pytest.mark.parametrize("table", ["w: vector[D]; A: spd[D]", "w: vector[D]; A: matrix[D, D]"])
def test_the_hessian_as_the_jacobian_of_a_defined_gradient(table):
    # the notes' H = \frac{d g^T}{d w} with g = \frac{dJ}{dw} and J given: the definitions are
    # entered into the derivative they bring, two levels deep
    table += "; g: vector[D]; J: function; D: dim"
    given = [r"J(w) = w^\top A w", r"g = \frac{d J}{d w}"]
    right = dx.check(r"\frac{d g^\top}{d w} = A + A^\top", symbols=table, given=given, timeout=30)
    assert right.status in ("proved", "plausible"), right.reason
    half = dx.check(r"\frac{d g^\top}{d w} = \frac{1}{2}(A + A^\top)", symbols=table, given=given)
    assert half.status == "refuted", half.reason


@pytest.mark.parametrize(("factor", "holds"), [("8", True), ("4", False)])
def test_a_gradient_inside_a_gradient_depends_on_the_variable(factor, holds):
    # d/dw ||\nabla_w J||^2 with J = w^T w is 8 w: the confirmation and the independent check
    # wrote the inner gradient out at the point first, a constant, and gave 0
    v = dx.check(
        r"\frac{\partial}{\partial w} \left(\nabla_w J\right)^\top \left(\nabla_w J\right) = "
        + factor
        + " w",
        symbols="w: vector[D]; J: scalar; D: dim",
        given=[r"J = w^\top w"],
        timeout=30,
    )
    assert v.status == ("proved" if holds else "refuted"), v.reason


def test_a_jacobian_prints_in_the_numerator_layout_and_reads_back():
    tex = r"\frac{\partial \tanh(B w)}{\partial w^\top}"
    text = dx.to_latex(dx.parse(tex, TABLE))
    assert r"\partial w^\top" in text
    B, w = np.random.default_rng(3).normal(size=(3, 2)), np.array([0.4, -1.2])
    np.testing.assert_array_equal(
        np.asarray(dx.evaluate(text, {"B": B, "w": w}, TABLE), dtype=float),
        np.asarray(dx.evaluate(tex, {"B": B, "w": w}, TABLE), dtype=float),
    )


# -- the derivative of a log, read as one (tests/test_differential_spellings.py has the family) --
@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        (r"\frac{d \log x}{d x} = \frac{1}{x}", True),
        (r"\frac{d \log x}{d x} = \frac{\log x}{x}", False),
    ],
)
def test_the_derivative_of_a_log_is_decided_as_written(claim, holds):
    v = dx.check(claim, symbols="x: scalar, positive")
    assert v.status == ("proved" if holds else "refuted"), v.reason


@pytest.mark.parametrize(
    ("matrix", "status"), [("A", "unknown"), ("S", "proved"), ("2 S", "refuted")]
)
def test_a_given_with_no_layout_is_read_both_ways_with_the_claim(matrix, status):
    # J = \frac{\partial (S w)}{\partial w} given: the claim J = S holds either way for a symmetric
    # S; for a square A the two layouts give A and A^T
    table = TABLE + "; S: symmetric[D]; J: matrix[D, D]"
    source = "A" if matrix == "A" else "S"
    v = dx.check(
        f"J = {matrix}",
        symbols=table,
        given=[rf"J = \frac{{\partial ({source} w)}}{{\partial w}}"],
        timeout=30,
    )
    assert v.status == status, v.reason
