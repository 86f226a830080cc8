"""Every false alarm that remains on the corpora of public derivations (a correct step
check-doc refutes, as benchmarks/notes.py counts them) is a test here, marked as an expected
failure with its cause: it fails the suite the day it starts to pass (strict), so the list
stays the true one. The notes corpus has none left; the false alarms fixed before each have a
test of their family (tests/test_note_prose_givens.py, tests/test_note_random.py), and so do
those of the papers (the saddle region introduced by "exactly where" in
tests/test_note_statements.py, Boyd's domain in tests/test_paper_layout.py, the unit eigenvector
of a positive semi-definite matrix in tests/test_eigen_words.py and below)."""

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


# (document, line, the left side of the refuted link, why check-doc refutes it)
REMAINING = [
    (
        "repro_mlcourse_svm_margin.tex",
        30,
        r"y^i(\frac{w}{M}\cdot x^i + \frac{b}{M})",
        "the constraint y^i (w . x^i + b) >= M sits inside a \\max\\{M : ...\\} set check-doc "
        "does not read",
    ),
    (
        "repro_mlcourse_svm_margin.tex",
        32,
        r"\frac{||w||}{M}",
        "||w|| = 1 is a constraint inside the same \\max\\{M : ...\\} set check-doc does not read",
    ),
]


@pytest.mark.parametrize(
    "doc, line, lhs, why", REMAINING, ids=[f"{d}:{n}" for d, n, _, _ in REMAINING]
)
def test_no_correct_step_is_refuted(links, doc, line, lhs, why):
    found = [x for x in links(doc) if x.line == line and x.lhs.strip() == lhs]
    assert found, f"no link at line {line} with left side {lhs}"
    if found[0].status == "refuted":
        pytest.xfail(why)
    # the false alarm is gone: take it off the list (and off docs/benchmarks.md's count)
    assert found[0].status != "refuted"
    pytest.fail(f"{doc}:{line} is no longer refuted ({found[0].status}): remove it from REMAINING")


# fixed: each must stay not refuted (document, line, left side, what the text says that makes
# the step right)
FIXED = [
    ("repro_cs229_ps0_psd.tex", 26, r"At^{(i)}", "t^(i) is a unit eigenvector, said in words"),
    ("repro_cs229_ps0_psd.tex", 27, r"\lambda_i\|t^{(i)}\|_2", "the unit norm, said in words"),
    ("repro_cs229_ps0_psd.tex", 27, r"\lambda_i", "lambda_i is an eigenvalue: A t = lambda t"),
]


@pytest.mark.parametrize("doc, line, lhs, why", FIXED, ids=[f"{d}:{n}:{w}" for d, n, _, w in FIXED])
def test_a_fixed_false_alarm_stays_fixed(links, doc, line, lhs, why):
    found = [x for x in links(doc) if x.line == line and x.lhs.strip() == lhs]
    assert found, f"no link at line {line} with left side {lhs}"
    assert found[0].status != "refuted", (why, found[0])
