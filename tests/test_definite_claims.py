r"""Claims of definiteness ``M \succeq 0``, ``M \succ 0``, ``M \preceq 0``, ``A \succeq B`` (issue 29),
in the notation of tests/data/papers (repro_cs229_ps0_psd.tex, repro_boyd_convexity_hessians.tex).

Refutations are checked independently: the counterexample's matrix is rebuilt here in NumPy from
the values reported and the claim as written, and ``v^T M v < 0`` and the smallest eigenvalue
(NumPy's ``eigvalsh``) are recomputed.
"""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax import ParseError
from derivax import _functions as F

S = "x, z, v: vector[n]; A: symmetric[n]; B: matrix[n, n]; C: matrix[m, n]; P: spd[n]; "
S += "c: scalar, positive; u, y: scalar; n, m: dim; f: function"


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"B^T B \succeq 0", "proved"),  # Gram
        (r"B B^\top \succeq 0", "proved"),
        (r"z z^T \succeq 0", "proved"),  # repro_cs229_ps0_psd.tex, A = z z^T
        (r"C^T C \succeq 0", "proved"),  # n x n from a non-square C
        (r"B^T P B \succeq 0", "proved"),  # congruence with an spd middle
        (r"P \succ 0", "proved"),  # declared spd
        (r"c x x^T + P \succ 0", "proved"),  # sum with a definite term
        (r"x x^T + B^T B \succeq 0", "proved"),
        (r"B^T B + c I \succ 0", "proved"),  # ridge: Gram plus a positive multiple of I
    ],
)
def test_structural_rules_prove_and_are_audited(claim, status):
    v = dx.check(claim, S, cache=False)
    assert v.status == status, v
    assert "audited" in v.method


@pytest.mark.parametrize(
    "claim",
    [
        r"z z^T \succ 0",  # rank one: semidefinite, not definite (n > 1), so not proved
        r"u x x^T \succeq 0",  # the sign of u is unknown: the rule's side condition fails
    ],
)
def test_a_rule_whose_side_condition_fails_does_not_prove(claim):
    assert dx.check(claim, S, cache=False, timeout=5).status != "proved"


def _matrix(claim_matrix, values):
    """The claimed matrix rebuilt by hand in NumPy for the claims below."""
    return claim_matrix(values)


@pytest.mark.parametrize(
    ("claim", "build"),
    [
        (r"A \succeq 0", lambda d: np.array(d["A"], float)),
        (r"x x^T - P \succeq 0", lambda d: np.outer(d["x"], d["x"]) - np.array(d["P"], float)),
        (r"P \preceq 0", lambda d: -np.array(d["P"], float)),
        (r"u x x^T \succeq 0", lambda d: d["u"] * np.outer(d["x"], d["x"])),
        (r"A \succeq B", lambda d: np.array(d["A"], float) - np.array(d["B"], float)),
    ],
)
def test_false_claims_are_refuted_with_a_vector(claim, build):
    v = dx.check(claim, S, cache=False)
    assert v.status == "refuted", v
    M = np.atleast_2d(build(v.counterexample))
    w = np.array(v.counterexample["v"], float)
    assert w @ M @ w < 0
    assert np.linalg.eigvalsh((M + M.T) / 2).min() < 0


def test_the_boyd_quadratic_over_linear_hessian_needs_y_positive():
    claim = (
        r"\frac{2}{y^3} \begin{bmatrix} y \\ -u \end{bmatrix} "
        r"\begin{bmatrix} y \\ -u \end{bmatrix}^T \succeq 0"
    )
    # y unrestricted: at y < 0 the matrix is negative semidefinite and nonzero
    refuted = dx.check(claim, "u, y: scalar", cache=False)
    assert refuted.status == "refuted"
    d = refuted.counterexample
    b = np.array([d["y"], -d["u"]])
    M = 2 / d["y"] ** 3 * np.outer(b, b)
    w = np.array(d["v"])
    assert w @ M @ w < 0
    # with y > 0 given, no sampled point violates it
    held = dx.check(claim, "u, y: scalar", given=["y > 0"], cache=False, timeout=5)
    assert held.status == "plausible"


def test_the_log_sum_exp_hessian_is_not_refuted():
    # repro_boyd_convexity_hessians.tex line 18 with the definition of line 13
    v = dx.check(
        r"\nabla^2 f(x) \succeq 0",
        "x: vector[n]; f: function; k: index; n: dim",
        given=[r"f(x) = \log \sum_{k=1}^n e^{x_k}"],
        cache=False,
        timeout=5,
    )
    assert v.status == "plausible", v


def test_an_indefinite_hessian_is_refuted():
    # f(x) = x^T B x with B not symmetric and indefinite in general: Hessian B + B^T
    v = dx.check(r"\nabla^2_x (x^T B x) \succeq 0", S, cache=False)
    assert v.status == "refuted", v
    B = np.array(v.counterexample["B"], float)
    w = np.array(v.counterexample["v"], float)
    assert w @ (B + B.T) @ w < 0


def test_reading():
    assert isinstance(dx.parse(r"A \succeq B", S), F.Definite)
    assert dx.parse(r"A \succ 0", S).kind == "pd"
    # between scalars (n = 1 or a scalar where a matrix was expected) it is the ordinary order
    assert str(dx.parse(r"u \succeq 0", S)) == "u >= 0"
    assert dx.check(r"u^2 \succeq 0", S, cache=False).status == "proved"


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (r"C \succeq 0", r"`C` is a m x n matrix, not a square matrix"),
        (r"x \succeq 0", r"`x` is a vector, not a square matrix.*x_i \\ge 0"),
        (r"u \succeq A", r"`u` is a scalar on one side of `\\succeq` with a matrix"),
        (r"A \succeq B \succeq 0", r"one order"),
    ],
)
def test_refusals_name_the_culprit(claim, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(claim, S)


def test_check_doc_reads_a_chain_ending_in_succeq(tmp_path):
    from derivax._documents import check_document
    from derivax._documents._read import split_relations

    row = r"\nabla^2 f(x) = B^T B \succeq 0"
    assert [r for r, _ in split_relations(row)] == ["", "=", r"\succeq"]
    tex = tmp_path / "psd.tex"
    tex.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "\\[ C^T C \\succeq 0 \\]\n"
        "\\[ x x^T - P \\succeq 0 \\]\n"
        "\\end{document}\n"
    )
    links = check_document(tex, symbols=S, timeout=5.0)
    assert [(x.line, x.relation, x.status) for x in links] == [
        (3, r"\succeq", "proved"),
        (4, r"\succeq", "refuted"),
    ]
