"""check-doc under Einstein's summation convention, where the running text states it: an index
written twice in a product term, and free nowhere on the other side, is summed over its range
(issue 29). Values are compared with NumPy's einsum, written from the notation."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx
from derivax._documents import check_document
from derivax._documents._einstein import convention_cue, written_out
from derivax.symbols import parse_symbols

SYMBOLS = "X, A: matrix[n, n]; z: vector[n]; H: matrix[n, n]; i, j, k, l, p, q: index; n: dim"


@pytest.mark.parametrize(
    "text",
    [
        "With repeated indices summed, the trace is",
        "Summing over repeated indices,",
        "We use Einstein summation throughout.",
        "in Einstein's notation",
        "with the Einstein convention",
        "We adopt the summation convention.",
        "with implicit summation over i",
        "Repeated indices are implicitly summed.",
        "sums over repeated indices are implied",
        "summation over repeated indices is understood",
        "an index that appears twice is summed",
        "Implied summation:",
    ],
)
def test_the_phrasings_of_the_convention_are_a_cue(text):
    assert convention_cue(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "We do not use the summation convention.",
        "without Einstein summation, every sum is written",
        "The sum over i is written out.",
        "the indices are repeated here",
        "",
    ],
)
def test_other_words_and_negations_are_no_cue(text):
    assert convention_cue(text) is None


def _document(tmp_path, prose: str, *displays: str):
    body = "\n".join(f"\\[\n{d}\n\\]" for d in displays)
    path = tmp_path / "note.tex"
    path.write_text(
        f"\\documentclass{{article}}\n\\begin{{document}}\n{prose}\n{body}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    return check_document(path, symbols=SYMBOLS, timeout=10)


CUE = "With repeated indices summed,"


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"\delta_{ik}\delta_{jl}A_{ji} = A_{lk}", "proved"),
        (r"\delta_{ik}\delta_{jl}A_{ji} = A_{kl}", "refuted"),  # A is not symmetric
        (r"\operatorname{tr}(A) = A_{ii}", "plausible"),  # no symbolic proof of tr as a sum
        (r"\delta_{ik} z_k = z_i", "proved"),  # i free on both sides, k summed
        (r"\frac{\partial (X_{ij} A_{ji})}{\partial X_{pq}} = A_{qp}", "proved"),
        (r"\frac{\partial (X_{ij} A_{ji})}{\partial X_{pq}} = A_{pq}", "refuted"),
    ],
)
def test_claims_are_read_with_the_sums_the_text_states(tmp_path, claim, status):
    (link,) = _document(tmp_path, CUE, claim)
    assert link.status == status, link.reason
    assert "read with repeated indices summed, as the text says at line 3" in link.reason
    assert (link.lhs + " = " + link.rhs).replace(" ", "") == claim.replace(" ", "")


def test_a_quadratic_form_in_index_notation(tmp_path):
    (link,) = _document(tmp_path, "Summing over repeated indices,", r"z^\top H z = z_i H_{ij} z_j")
    assert link.status in ("proved", "plausible"), link.reason
    (wrong,) = _document(tmp_path, "Summing over repeated indices,", r"z^\top H z = z_i H_{ji} z_i")
    assert wrong.status == "unread" and "written 3 times" in wrong.reason


def test_deltas_alone_are_read_over_the_one_size_of_every_array(tmp_path):
    (link,) = _document(tmp_path, CUE, r"\delta_{ik}\delta_{il} = \delta_{kl}")
    assert link.kind == "claim" and link.status != "refuted"
    assert "over the one size every declared array has" in link.reason


def test_an_index_written_three_times_is_refused(tmp_path):
    (link,) = _document(tmp_path, CUE, r"z_i z_i z_i = 0")
    assert link.status == "unread"
    assert "`i` is written 3 times in the term `z_i z_i z_i`" in link.reason
    assert "line 3" in link.reason


def test_without_the_cue_the_refusal_stays(tmp_path):
    (link,) = _document(tmp_path, "The trace is", r"\delta_{ik}\delta_{jl}A_{ji} = A_{lk}")
    assert link.status == "unread"
    assert "under Einstein's convention it is summed, but derivax sums only what is" in link.reason
    assert "repeated indices summed" not in link.reason


def test_the_cue_holds_from_where_it_is_said_on(tmp_path):
    path = tmp_path / "note.tex"
    claim = r"\[ \delta_{ik}\delta_{jl}A_{ji} = A_{lk} \]"
    path.write_text(f"First\n{claim}\nNow, with implicit summation,\n{claim}\n", encoding="utf-8")
    before, after = check_document(path, symbols=SYMBOLS, timeout=10)
    assert before.status == "unread"
    assert after.status == "proved"


def test_what_the_convention_sums_and_what_it_leaves():
    table = parse_symbols(SYMBOLS)
    summed = written_out(
        r"\frac{\partial X_{ii}}{\partial X_{pq}}", r"\delta_{ip}\delta_{iq}", table
    )
    assert summed is not None and summed.ranges == (("i", "n"),)  # p, q in the variable: free
    assert written_out("z_i", "z_i", table) is None  # once on each side: free
    both = written_out(r"z_i H_{ij}", r"H_{ij} z_i", table)  # i summed on each side, j free
    assert both is not None and both.ranges == (("i", "n"),)
    assert both.rhs == r"\sum_{i=1}^{n} \left(H_{ij} z_i\right)"
    left = written_out(r"- z_i z_i + 2 A_{jj}", "0", table)
    assert left is not None
    assert (
        left.lhs == r"- \sum_{i=1}^{n} \left(z_i z_i\right) + \sum_{j=1}^{n} \left(2 A_{jj}\right)"
    )


@pytest.mark.parametrize(
    ("latex", "spec"),
    [
        (r"z_i H_{ij} z_j", "i,ij,j->"),
        (r"A_{ii}", "ii->"),
        (r"A_{ij} H_{ji}", "ij,ji->"),
        (r"z_i z_i + A_{jk} H_{kj}", None),
    ],
)
def test_the_sums_written_out_have_einsums_values(latex, spec):
    table = parse_symbols(SYMBOLS)
    summed = written_out(latex, "0", table)
    assert summed is not None
    rng = np.random.default_rng(7)
    values = {"z": rng.normal(size=4), "A": rng.normal(size=(4, 4)), "H": rng.normal(size=(4, 4))}
    f = dx.compile(summed.lhs, symbols=SYMBOLS)
    got = float(f(**{a: values[a] for a in f.args}))
    if spec is None:
        expect = np.einsum("i,i->", values["z"], values["z"]) + np.einsum(
            "jk,kj->", values["A"], values["H"]
        )
    else:
        operands = {"i,ij,j->": "zHz", "ii->": "A", "ij,ji->": "AH"}[spec]
        expect = np.einsum(spec, *(values[c] for c in operands))
    assert got == pytest.approx(float(expect), rel=1e-9)
