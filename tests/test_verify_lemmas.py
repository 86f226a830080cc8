"""The lemma library and the decision procedure (issue 12): each lemma proves its claims, each
proof is audited, and the decision procedure refuses what is false."""

import pytest
import sympy

import derivax as dx
from derivax._verify._decide import decide_nonnegative
from derivax._verify._domain import Domain
from derivax.symbols import SymbolTable

POS = "a, b, c: scalar, positive; s_1, s_2: scalar, positive; u: scalar, unit"
VEC = "x, y, w: vector[n]; i: index"
KL_GAUSS = r"D(m_1, s_1, m_2, s_2) = \log \frac{s_2}{s_1} + \frac{s_1^2 + (m_1 - m_2)^2}{2 s_2^2} - \frac{1}{2}"

# (claim, symbols, givens, a word the method or the steps must contain)
LEMMAS = [
    # AM-GM
    (r"\frac{a + b}{2} \ge \sqrt{a b}", POS, [], "Z3"),
    (r"a + \frac{1}{a} \ge 2", POS, [], "Z3"),
    (r"\frac{a^2 + b^2}{2} \ge a b", POS, [], ""),
    # Cauchy-Schwarz for vectors of symbolic length
    (
        r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 \le \left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right)",
        VEC,
        [],
        "Cauchy-Schwarz",
    ),
    (
        r"\sum_{i=1}^{n} x_i y_i \le \sqrt{\sum_{i=1}^{n} x_i^2} \sqrt{\sum_{i=1}^{n} y_i^2}",
        VEC,
        [],
        "Cauchy-Schwarz",
    ),
    (r"\|w\|_1 \ge \|w\|_2", "w: vector[n]", [], "Z3"),
    # e^t >= 1 + t, and log t <= t - 1 after a substitution
    (r"e^{t} \ge 1 + t", "", [], "1 + t"),
    (r"e^{x - y} \ge 1 + x - y", "", [], "1 + t"),
    (r"\log a \le a - 1", POS, [], ""),
    (r"\log \frac{a}{b} \le \frac{a}{b} - 1", POS, [], ""),
    (r"\log(1 + x^2) \le x^2", "", [], ""),
    # rewriting to exponentials
    (r"\tanh(x) = 2\sigma(2x) - 1", "", [], ""),
    (r"\cosh(x) + \sinh(x) = e^{x}", "", [], ""),
    (r"\cosh^2(x) - \sinh^2(x) = 1", "", [], ""),
    # KL between two univariate Gaussians is non-negative
    (r"D(m_1, s_1, m_2, s_2) \ge 0", POS + "; D: function", [KL_GAUSS], ""),
    (
        r"\log \frac{s_2}{s_1} + \frac{s_1^2 + (m_1 - m_2)^2}{2 s_2^2} - \frac{1}{2} \ge 0",
        POS,
        [],
        "",
    ),
    # bounded products on the unit interval
    (r"u (1 - u) \le \frac{1}{4}", POS, [], ""),
]


@pytest.mark.parametrize("claim, symbols, given, word", LEMMAS, ids=[c[:40] for c, *_ in LEMMAS])
def test_lemma_claims_are_proved_and_audited(claim, symbols, given, word):
    v = dx.check(claim, symbols, given, timeout=20)
    assert v.status == "proved", f"{claim}\n{v}"
    assert "audited at" in v.reason
    assert word in v.method + " ".join(v.steps)


FALSE_NEIGHBOURS = [
    (r"\frac{a + b}{2} \le \sqrt{a b}", POS, []),
    (r"e^{t} \ge 2 + t", "", []),
    (r"\log a \le a - 2", POS, []),
    (r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 \le \sum_{i=1}^{n} x_i^2", VEC, []),
    (r"\tanh(x) = 2\sigma(x) - 1", "", []),
    (r"D(m_1, s_1, m_2, s_2) \ge \frac{1}{10}", POS + "; D: function", [KL_GAUSS]),
]


@pytest.mark.parametrize(
    "claim, symbols, given", FALSE_NEIGHBOURS, ids=[c[:40] for c, *_ in FALSE_NEIGHBOURS]
)
def test_false_neighbours_of_the_lemmas_are_refuted(claim, symbols, given):
    v = dx.check(claim, symbols, given, timeout=20)
    assert v.status == "refuted", f"{claim}\n{v}"
    assert v.sides and "confirmed" in v.reason


def _gap(claim, symbols=""):
    table = SymbolTable.coerce(symbols)
    rel = dx.parse(claim, table)
    gap = (
        rel.lhs - rel.rhs
        if isinstance(rel, (sympy.GreaterThan, sympy.StrictGreaterThan))
        else rel.rhs - rel.lhs
    )
    return gap, Domain.of(table)


@pytest.mark.parametrize(
    "claim, symbols, expected",
    [
        (r"x^2 - 2 x + 1 \ge 0", "", True),
        (r"x^2 - 2 x \ge 0", "", False),
        (r"u^2 \le u", "u: scalar, unit", True),
        (r"u^2 \le u", "", False),  # without the domain it is false
        (r"x^2 \ge e^{-1000}", "", False),  # an irrational constant stays exact (opaque, > 0)
        (r"x^4 + y^4 \ge 2 x^2 y^2", "", True),
        (r"\sqrt{a} \le \frac{a + 1}{2}", "a: scalar, positive", True),
        (r"\sqrt{a} \le \frac{a}{2}", "a: scalar, positive", False),
    ],
)
def test_the_decision_procedure_decides_polynomial_real_arithmetic(claim, symbols, expected):
    gap, dom = _gap(claim, symbols)
    ok, _ = decide_nonnegative(gap, dom)
    assert ok is expected
