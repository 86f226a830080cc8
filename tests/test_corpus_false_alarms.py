r"""The false alarms once found on the corpora of public derivations (a correct step check-doc
refuted, as benchmarks/notes.py counts them) stay fixed: each is checked here to be refuted no
more. Neither corpus has one left; a new one is added here as a strict expected failure with its
cause. Each fixed false alarm also has a test of its family (tests/test_note_prose_givens.py,
tests/test_note_random.py; the saddle region introduced by "exactly where" in
tests/test_note_statements.py, Boyd's domain in tests/test_paper_layout.py, the SVM margin's
constraints inside \max\{M : ...\} in tests/test_optimization_problems.py, the unit eigenvector
of a positive semi-definite matrix in tests/test_eigen_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivax._documents import check_document

PAPERS = Path(__file__).parent / "data" / "papers"


@pytest.fixture(scope="module")
def links():
    cache: dict[str, list] = {}

    def of(name: str):
        if name not in cache:
            cache[name] = check_document(PAPERS / name, timeout=10)
        return cache[name]

    return of


# (document, line, the left side of a link once refuted, what makes it hold now)
FIXED = [
    (
        "repro_mlcourse_svm_margin.tex",
        30,
        r"y^i(\frac{w}{M}\cdot x^i + \frac{b}{M})",
        "y^i(w\\cdot x^i + b) \\ge M",
    ),
    ("repro_mlcourse_svm_margin.tex", 32, r"\frac{||w||}{M}", "||w|| = 1"),
]


@pytest.mark.parametrize("doc, line, lhs, given", FIXED, ids=[f"{d}:{n}" for d, n, _, _ in FIXED])
def test_a_problem_s_constraints_are_givens_in_the_corpus(links, doc, line, lhs, given):
    # \max\{M : ..., ||w|| = 1\} \\ \text{subject to } y^i(w . x^i + b) >= M: the constraints of
    # the problem are givens for the derivation after it, which divides by M > 0
    found = [x for x in links(doc) if x.line == line and x.lhs.strip() == lhs]
    assert found and found[0].kind == "claim"
    assert found[0].status != "refuted", found[0].reason
    constraints = [
        x for x in links(doc) if x.kind == "assumption" and x.relation and "a given" in x.reason
    ]
    assert given in [f"{x.lhs} {x.relation} {x.rhs}" for x in constraints]
    assert all("a given for what follows" in x.reason for x in constraints)


# fixed: each must stay not refuted (document, line, left side, what the text says that makes
# the step right)
EIGEN_FIXED = [
    ("repro_cs229_ps0_psd.tex", 26, r"At^{(i)}", "t^(i) is a unit eigenvector, said in words"),
    ("repro_cs229_ps0_psd.tex", 27, r"\lambda_i\|t^{(i)}\|_2", "the unit norm, said in words"),
    ("repro_cs229_ps0_psd.tex", 27, r"\lambda_i", "lambda_i is an eigenvalue: A t = lambda t"),
]


@pytest.mark.parametrize(
    "doc, line, lhs, why", EIGEN_FIXED, ids=[f"{d}:{n}:{w}" for d, n, _, w in EIGEN_FIXED]
)
def test_a_fixed_false_alarm_stays_fixed(links, doc, line, lhs, why):
    found = [x for x in links(doc) if x.line == line and x.lhs.strip() == lhs]
    assert found, f"no link at line {line} with left side {lhs}"
    assert found[0].status != "refuted", (why, found[0])
