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


# -- the lemma families of issue "prove": Jensen with simplex weights, triangle and Cauchy-Schwarz
# for vectors in matrix form, softmax, softplus, ReLU/max identities. Each true claim is proved
# (its steps name the lemma); each false neighbour (flipped, a tiny constant on the wrong side,
# weights that are no simplex, part of the range) is never proved.

SIMPLEX = "p: simplex[n]; x: vector[n], positive; i: index"
SIMPLEX_REAL = "p: simplex[n]; x: vector[n]; i: index"
NORMS = "x, y, z: vector[n]"
SOFTMAX = "z: vector[n]; k: index"

FAMILIES = [
    # Jensen's inequality, concave log (the ELBO bound), in other spellings and scaled or shifted
    (r"\log \sum_i p_i x_i \ge \sum_i p_i \log x_i", SIMPLEX, "Jensen"),
    (r"\log \sum_{i=1}^{n} p_i x_i \ge \sum_{j=1}^{n} p_j \log x_j", SIMPLEX, "Jensen"),
    (r"\sum_i p_i \log x_i \le \log \sum_i p_i x_i", SIMPLEX, "Jensen"),
    (r"\log \mathbb{E}_{i \sim p}[x_i] \ge \mathbb{E}_{i \sim p}[\log x_i]", SIMPLEX, "Jensen"),
    (
        r"2 \log \sum_j q_j a_j + c \ge 2 \sum_j q_j \log a_j + c",
        "q: simplex[m]; a: vector[m], positive; j: index",
        "Jensen",
    ),
    (r"\log \sum_i p_i e^{x_i} \ge \sum_i p_i x_i", SIMPLEX_REAL, "Jensen"),
    (
        r"\sqrt{\sum_i p_i x_i} \ge \sum_i p_i \sqrt{x_i}",
        "p: simplex[n]; x: vector[n], nonnegative; i: index",
        "Jensen",
    ),
    # ... and convex e^x, x^2, x^4
    (r"e^{\sum_i p_i x_i} \le \sum_i p_i e^{x_i}", SIMPLEX_REAL, "Jensen"),
    (r"\left(\sum_i p_i x_i\right)^2 \le \sum_i p_i x_i^2", SIMPLEX_REAL, "Jensen"),
    (r"\left(\sum_i p_i x_i\right)^4 \le \sum_i p_i x_i^4", SIMPLEX_REAL, "Jensen"),
    # softmax entries lie in [0, 1]
    (r"\operatorname{softmax}(z)_k \le 1", SOFTMAX, r"\sum_j f_j \ge f_k"),
    (r"\operatorname{softmax}(z)_k \ge 0", SOFTMAX, ""),
    (r"\operatorname{softmax}(z)_k > 0", SOFTMAX, ""),
    (r"\operatorname{softmax}(2 w)_j \le 1", "w: vector[d]; j: index", r"\sum_j f_j \ge f_k"),
    (r"1 \ge \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}", SOFTMAX + "; j: index", r"\sum_j f_j"),
    # softplus
    (r"\operatorname{softplus}(x) \ge x", "", r"\log(e^{u} + r)"),
    (r"\operatorname{softplus}(x) > 0", "", ""),
    (r"\operatorname{softplus}(x) \ge \max(0, x)", "", r"\log(e^{u} + r)"),
    (r"\log(1 + e^{x}) > x", "", r"\log(e^{u} + r) > u"),
    (r"\log(1 + \exp(2 t - 1)) + 3 > 2 t + 2", "", r"\log(e^{u} + r) > u"),
    (r"\log(1 + e^{-x}) \ge -x", "", r"\log(e^{u} + r)"),
    # ReLU / max / min identities, by cases
    (r"\max(0, x) - \max(0, -x) = x", "", "by cases"),
    (r"\max(0, x) + \max(0, -x) = |x|", "", "by cases"),
    (r"\operatorname{ReLU}(x) - \operatorname{ReLU}(-x) = x", "", "by cases"),
    (r"\operatorname{ReLU}(t) + \operatorname{ReLU}(-t) = |t|", "", "by cases"),
    (r"\max(a, b) + \min(a, b) = a + b", "", "by cases"),
    (r"\max(u, v) - \min(u, v) = |u - v|", "", "by cases"),
    (r"|a + b| \le |a| + |b|", "", ""),
    # the triangle inequality and Cauchy-Schwarz for vectors in matrix form
    (r"\|x + y\| \le \|x\| + \|y\|", NORMS, "Cauchy-Schwarz"),
    (r"\|x + y\|_2 \le \|x\|_2 + \|y\|_2", NORMS, "Cauchy-Schwarz"),
    (r"\|x - y\| \le \|x - z\| + \|z - y\|", NORMS, "Cauchy-Schwarz"),
    (r"\|2 x - y\| + 1 \le 2 \|x\| + \|y\| + 1", NORMS, "Cauchy-Schwarz"),
    (r"\|x\| - \|y\| \le \|x - y\|", NORMS, "Cauchy-Schwarz"),
    (r"(x^\top y)^2 \le \|x\|^2 \|y\|^2", NORMS, "Cauchy-Schwarz"),
    (r"|x^\top y| \le \|x\| \|y\|", NORMS, "Cauchy-Schwarz"),
    (r"|u^\top v| \le \|u\|_2 \|v\|_2", "u, v: vector[d]", "Cauchy-Schwarz"),
    (
        r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_j y_j^2",
        "x, y: vector[n]; i, j: index",
        "Cauchy-Schwarz",
    ),
]


@pytest.mark.parametrize("claim, symbols, word", FAMILIES, ids=[c[:50] for c, *_ in FAMILIES])
def test_lemma_families_are_proved_with_their_lemma_named(claim, symbols, word):
    v = dx.check(claim, symbols, timeout=30)
    assert v.status == "proved", f"{claim}\n{v}"
    assert "audited at" in v.reason, v.reason
    assert word in v.method + " ".join(v.steps), v.steps


FAMILY_FALSE_NEIGHBOURS = [
    # flipped, or a tiny constant on the wrong side (equality at x_i all equal)
    (r"\log \sum_i p_i x_i \le \sum_i p_i \log x_i", SIMPLEX),
    (r"\log \sum_i p_i x_i \ge \sum_i p_i \log x_i + 10^{-30}", SIMPLEX),
    (r"\log \sum_i p_i x_i > \sum_i p_i \log x_i", SIMPLEX),
    # weights that are not a simplex, or a simplex over part of its range
    (r"\log \sum_i w_i x_i \ge \sum_i w_i \log x_i", "w, x: vector[n], positive; i: index"),
    (r"\log \sum_{i=2}^{n} p_i x_i \ge \sum_{i=2}^{n} p_i \log x_i", SIMPLEX),
    (r"e^{\sum_i p_i x_i} \ge \sum_i p_i e^{x_i}", SIMPLEX_REAL),
    (r"\left(\sum_i p_i x_i\right)^2 \ge \sum_i p_i x_i^2", SIMPLEX_REAL),
    (r"\left(\sum_i p_i x_i\right)^3 \le \sum_i p_i x_i^3", SIMPLEX_REAL),
    # softmax: < 1 fails at n = 1; the sum over part of the range does not dominate its terms
    (r"\operatorname{softmax}(z)_k < 1", SOFTMAX),
    (r"\frac{e^{z_k}}{\sum_{j=2}^{n} e^{z_j}} \le 1", SOFTMAX + "; j: index"),
    (r"\operatorname{softmax}(z)_k \ge 10^{-30}", SOFTMAX),
    # softplus: equality in the limit, never a positive margin
    (r"\operatorname{softplus}(x) \ge x + 10^{-30}", ""),
    (r"\operatorname{softplus}(x) \le x", ""),
    (r"\log(2 + e^{x}) \le x + \log 2", ""),
    (r"\operatorname{softplus}(x) \ge \max(10^{-30}, x)", ""),
    # ReLU / max: the cases do not all agree
    (r"\max(0, x) - \max(0, -x) = |x|", ""),
    (r"\operatorname{ReLU}(x) + \operatorname{ReLU}(-x) = x", ""),
    (r"\max(a, b) - \min(a, b) = a - b", ""),
    (r"|a + b| < |a| + |b|", ""),
    # triangle and Cauchy-Schwarz: equality at x = y (or x = 0), so no margin and no strictness
    (r"\|x + y\| \le \|x\| + \|y\| - 10^{-30}", NORMS),
    (r"\|x + y\| < \|x\| + \|y\|", NORMS),
    (r"\|x + y\| \ge \|x\| + \|y\|", NORMS),
    (r"\|x - y\| \le \|x - z\| + \|z - y\| - 10^{-30}", NORMS),
    (r"\|x + y\|^2 \le \|x\|^2 + \|y\|^2", NORMS),
    (r"(x^\top y)^2 \le \|x\|^2 \|y\|^2 - 10^{-30}", NORMS),
    (r"|x^\top y| < \|x\| \|y\|", NORMS),
    (r"(x^\top y)^2 \le \|x\|^2 \|y\|", NORMS),
    (
        r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_i y_i^2 - 10^{-30}",
        "x, y: vector[n]; i: index",
    ),
    (
        r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_j y_j^2 - 10^{-30}",
        "x, y: vector[n]; i, j: index",
    ),
]


@pytest.mark.parametrize(
    "claim, symbols", FAMILY_FALSE_NEIGHBOURS, ids=[c[:50] for c, *_ in FAMILY_FALSE_NEIGHBOURS]
)
def test_false_neighbours_of_the_families_are_never_proved(claim, symbols):
    v = dx.check(claim, symbols, timeout=30)
    assert v.status != "proved", f"{claim}\n{v}"


def test_cauchy_schwarz_with_the_index_reused_in_both_sums_is_proved_and_audited():
    claim = r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_i y_i^2"
    v = dx.check(claim, "x, y: vector[n]; i: index", timeout=30)
    assert v.status == "proved", v
    assert "audited at" in v.reason, v.reason


def test_cauchy_schwarz_with_the_index_reused_in_both_sums_is_proved():
    claim = r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_i y_i^2"
    v = dx.check(claim, "x, y: vector[n]; i: index", timeout=30)
    assert v.status == "proved", v
    assert "Cauchy-Schwarz" in v.method


def _witnesses():
    """A point where each false neighbour fails, computed with mpmath from the definitions alone
    (no derivax reading): the neighbours above are false, so "never proved" is a real test.
    Each row: claim, (left side, right side) at the point, the relation the claim states."""
    import mpmath as mp

    mp.mp.dps = 60
    tiny = mp.mpf(10) ** -30

    def softplus(t):
        return mp.log(1 + mp.e**t)

    def norm(v):
        return mp.sqrt(mp.fsum(c**2 for c in v))

    x, p = [mp.mpf(1), mp.mpf(1)], [mp.mpf(1) / 2, mp.mpf(1) / 2]
    return [
        (
            r"\log \sum_i p_i x_i \ge \sum_i p_i \log x_i + 10^{-30}",
            (
                mp.log(mp.fsum(a * b for a, b in zip(p, x, strict=True))),
                mp.fsum(a * mp.log(b) for a, b in zip(p, x, strict=True)) + tiny,
            ),
            ">=",
        ),
        (
            r"\log \sum_i w_i x_i \ge \sum_i w_i \log x_i",
            (mp.log(mp.mpf(1) / 10 + mp.mpf(1) / 10), mp.mpf(0)),
            ">=",
        ),
        (
            r"\log \sum_{i=2}^{n} p_i x_i \ge \sum_{i=2}^{n} p_i \log x_i",
            (mp.log(mp.mpf(1) / 2 * mp.mpf("0.1")), mp.mpf(1) / 2 * mp.log(mp.mpf("0.1"))),
            ">=",
        ),
        (
            r"\left(\sum_i p_i x_i\right)^3 \le \sum_i p_i x_i^3",
            ((mp.mpf(-2) / 2 + mp.mpf(1) / 2) ** 3, (mp.mpf(-8) + 1) / 2),
            "<=",
        ),
        (r"\operatorname{softmax}(z)_k < 1", (mp.e**3 / mp.e**3, mp.mpf(1)), "<"),  # n = 1
        (r"\frac{e^{z_k}}{\sum_{j=2}^{n} e^{z_j}} \le 1", (mp.e**1 / mp.e**0, mp.mpf(1)), "<="),
        (r"\operatorname{softplus}(x) \ge x + 10^{-30}", (softplus(100), 100 + tiny), ">="),
        (r"\log(2 + e^{x}) \le x + \log 2", (mp.log(2 + mp.e**0), mp.log(2)), "<="),
        (r"\max(0, x) - \max(0, -x) = |x|", (max(0, -1) - max(0, 1), abs(-1)), "="),
        (
            r"\|x + y\| \le \|x\| + \|y\| - 10^{-30}",
            (norm([2, 0]), norm([1, 0]) + norm([1, 0]) - tiny),
            "<=",
        ),
        (r"\|x + y\| < \|x\| + \|y\|", (norm([2, 0]), norm([1, 0]) + norm([1, 0])), "<"),
        (
            r"\left(\sum_i x_i y_i\right)^2 \le \sum_i x_i^2 \sum_i y_i^2 - 10^{-30}",
            (mp.mpf(1) ** 2, mp.mpf(1) * mp.mpf(1) - tiny),  # x = y = (1), n = 1
            "<=",
        ),
    ]


@pytest.mark.parametrize("claim, sides, relation", _witnesses(), ids=lambda v: str(v)[:40])
def test_each_false_neighbour_fails_at_a_point_computed_from_the_definitions(
    claim, sides, relation
):
    lhs, rhs = sides
    holds = {">=": lhs >= rhs, "<=": lhs <= rhs, "<": lhs < rhs, "=": lhs == rhs}[relation]
    assert not holds, claim
    assert any(claim == c for c, _ in FAMILY_FALSE_NEIGHBOURS), claim
