"""Sums whose range is not written (``\\sum_i x_i p_i``, ``\\sum_{i,j}``), as notes write them
(issues 24 and 29): read as a sum over i = 1..N_{i}, N_{i} a dim of its own. A proof holds for
every finite index set; a failing point at one N_{i} is ``unknown``, never ``refuted``."""

from __future__ import annotations

import re

import pytest
import sympy

import derivax as dx


def _terms(letter: str) -> sympy.Symbol:
    return sympy.Symbol(f"N_{{{letter}}}", integer=True, positive=True)


def test_a_sum_with_no_range_runs_over_a_size_of_its_own():
    e = dx.parse(r"\sum_i x_i")
    assert isinstance(e, sympy.Sum) and str(e.function) == "x[i]"
    ((var, lo, hi),) = e.limits
    assert (str(var), lo, hi) == ("i", 1, _terms("i"))


def test_the_same_letter_on_both_sides_is_one_size():
    rel = dx.parse(r"\sum_i a_i + \sum_i b_i = \sum_i (a_i + b_i)")
    highs = {lim[2] for s in rel.atoms(sympy.Sum) for lim in s.limits}
    assert highs == {_terms("i")}


def test_two_letters_are_two_sizes():
    e = dx.parse(r"\sum_{i,j} a_{ij}")
    assert {lim[2] for lim in e.limits} == {_terms("i"), _terms("j")}


@pytest.mark.parametrize(
    "latex, symbols, high",
    [
        (r"\sum_{i=1}^{n} x_i", "", sympy.Symbol("n")),  # written: unchanged
        (r"\sum_i x_i", "x: vector[m]; i: index", sympy.Symbol("m", integer=True, positive=True)),
        (r"\sum_i x_i", "i: index; d: dim", sympy.Symbol("d", integer=True, positive=True)),
    ],
)
def test_a_range_the_text_or_table_gives_is_kept(latex, symbols, high):
    (limit,) = dx.parse(latex, symbols).limits
    assert str(limit[2]) == str(high)
    assert limit[2] != _terms("i")


@pytest.mark.parametrize(
    "latex, symbols, message",
    [
        # x_1 names a term the unnamed index set need not have
        (r"\sum_i x_i \ge \sum_{k=1}^{2} x_k", "", r"`x\[k\]` names one entry of `x`"),
        # the index as a value, or shifted: the labels of the terms matter
        (r"\sum_i i = 6", "", "cannot tell the range"),
        (r"\sum_i x_{i+1} = 0", "", "cannot tell the range"),
        # a sum over the values of a random variable (EM's marginal) stays refused
        (r"\sum_{z_i} \log q_{z_i} = 0", "q: function", "summation index `z_\\{i\\}`"),
        # p_i read as a scalar of its own where p is declared a scalar: it would not vary with i
        (r"\sum_i x_i p_i = 1", "p: scalar", r"`p_\{i\}` carries the summation index `i`"),
        # the name of the size written in the claim
        (r"\sum_i x_i = N_i", "", "cannot tell the range"),
    ],
)
def test_readings_that_would_not_be_sound_are_refused(latex, symbols, message):
    with pytest.raises(dx.ParseError, match=message):
        dx.parse(latex, symbols)


def _fails_at(reason: str) -> int:
    m = re.search(
        r"fails when `i` runs over 1\.\.(\d+) \(left side (\S+), right side (\S+)\)", reason
    )
    assert m is not None, reason
    return int(m.group(1))


def test_a_claim_true_for_one_term_only_is_not_proved_nor_refuted():
    # N c = c holds only for N = 1 (or c = 0)
    v = dx.check(r"\sum_i c = c", timeout=10)
    assert v.status == "unknown"
    assert v.counterexample is None
    n = _fails_at(v.reason)
    assert n >= 2
    m = re.search(r"left side (\S+), right side (\S+)\)", v.reason)
    assert m is not None
    left, right = float(m.group(1)), float(m.group(2))
    assert left == pytest.approx(n * right)  # N c against c, computed by hand
    assert "write the range" in v.reason


def test_a_claim_false_for_every_number_of_terms_is_unknown_with_the_reason():
    # \sum_i (c^2 + 1) = N (c^2 + 1) >= N >= 1 > 0 for every N and c
    v = dx.check(r"\sum_i (c^2 + 1) = 0", timeout=10)
    assert v.status == "unknown"
    n = _fails_at(v.reason)
    m = re.search(r"left side (\S+), right side (\S+)\)", v.reason)
    assert m is not None
    assert float(m.group(1)) >= n and float(m.group(2)) == 0.0
    assert "the range of `i` is not written" in v.reason


def test_the_same_claim_with_a_written_range_is_still_refuted():
    v = dx.check(r"\sum_{i=1}^{n} c = c", "n: dim", timeout=10)
    assert v.status == "refuted"
    assert v.counterexample["n"] >= 2


@pytest.mark.parametrize(
    "claim",
    [
        r"\sum_i a_i + \sum_i b_i = \sum_i (a_i + b_i)",
        r"\sum_i 2 c = 2 \sum_i c",
        r"\sum_i \sum_j c = \sum_j \sum_i c",
    ],
)
def test_a_claim_true_for_every_number_of_terms_is_proved_for_every_range(claim):
    v = dx.check(claim, timeout=10)
    assert v.status == "proved"
    assert "holds for every range of `i`" in v.reason


def test_two_letters_may_run_over_different_sets():
    v = dx.check(r"\sum_i c = \sum_j c", timeout=10)
    assert v.status == "unknown"
    m = re.search(r"`i` runs over 1\.\.(\d+) and `j` runs over 1\.\.(\d+)", v.reason)
    assert m is not None and m.group(1) != m.group(2)
    assert "ranges of `i`, `j` are not written" in v.reason


def test_a_written_sum_next_to_an_unwritten_one_over_the_same_letter():
    # n and N_i are different sizes: equal only where n = N_i, so neither proved nor refuted
    v = dx.check(r"\sum_{i=1}^{n} c = \sum_i c", timeout=10)
    assert v.status == "unknown"
    e = dx.parse(r"\sum_{i=1}^{n} c + \sum_i x_i")
    highs = sorted(str(lim[2]) for s in e.atoms(sympy.Sum) for lim in s.limits)
    assert highs == ["N_{i}", "n"]
