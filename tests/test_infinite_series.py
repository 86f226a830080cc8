"""Infinite series written with a trailing ellipsis (``1 + \\lambda + \\lambda^2 + \\cdots``), their
convergence as a side condition of every verdict, and steps elided in a chain (``a = \\ldots = c``)
in check-doc."""

import textwrap

import pytest
import sympy

import derivax as dx
from derivax import ParseError
from derivax._documents import check_document

UNIT = r"\lambda: scalar, unit"


def _k(expr):
    return expr.limits[0][0]


@pytest.mark.parametrize(
    "latex, term, lower",
    [
        (r"1 + \lambda + \lambda^2 + \cdots", lambda lam, k: lam**k, 0),
        (r"\lambda + \lambda^2 + \lambda^3 + \dots", lambda lam, k: lam**k, 1),
        (r"1 + \lambda + \lambda^{2} + \ldots", lambda lam, k: lam**k, 0),
        (r"\lambda^2 + \lambda^3 + \lambda^4 + \cdots", lambda lam, k: lam**k, 2),
        (r"1 + 2 + 2^2 + \cdots", lambda lam, k: 2**k, 0),
    ],
)
def test_series_read_with_its_general_term(latex, term, lower):
    expr = dx.parse(latex, UNIT)
    assert isinstance(expr, sympy.Sum)
    k = _k(expr)
    lam = next((s for s in expr.free_symbols if "lambda" in s.name), None)
    assert expr.limits[0][1:] == (lower, sympy.oo)
    # the general term against one written independently, at the first five indices
    for j in range(lower, lower + 5):
        assert sympy.simplify(expr.function.subs(k, j) - term(lam, j)) == 0


def test_terms_before_the_series_stay_outside_it():
    expr = dx.parse(r"c + 1 + \lambda + \lambda^2 + \cdots", UNIT)
    (c,) = (s for s in expr.free_symbols if s.name == "c")
    series = expr - c
    assert isinstance(series, sympy.Sum)
    assert series.limits[0][1:] == (0, sympy.oo)


def test_a_series_inside_brackets_and_a_factor():
    expr = dx.parse(r"(1-\lambda)(1 + \lambda + \lambda^2 + \cdots)", UNIT)
    (series,) = expr.atoms(sympy.Sum)
    assert series.limits[0][1:] == (0, sympy.oo)


def test_two_terms_are_refused():
    with pytest.raises(ParseError, match=r"2 terms before a trailing ellipsis fit many series"):
        dx.parse(r"1 + \lambda + \cdots", UNIT)


def test_terms_with_no_pattern_are_refused():
    with pytest.raises(ParseError, match="follow no single pattern"):
        dx.parse(r"1 + 2 + 4 + \cdots")
    with pytest.raises(ParseError, match="follow no single pattern"):
        dx.parse(r"1 + \lambda + \lambda^3 + \cdots", UNIT)


def test_a_series_of_vector_entries_is_refused():
    with pytest.raises(ParseError, match=r"entries of `\\delta`.*runs past its last entry"):
        dx.parse(
            r"\delta_t + \gamma \delta_{t+1} + \gamma^2 \delta_{t+2} + \cdots",
            r"\delta: vector[n]; t: index; \gamma: scalar, unit",
        )
    with pytest.raises(ParseError, match=r"entries of `x`.*runs past its last entry"):
        dx.parse(r"x_1 + x_2 + x_3 + \cdots", "x: vector[n]")


def test_geometric_series_proved_on_the_unit_interval():
    # lambda = 1 is in [0, 1]: the series diverges there and 1/(1 - lambda) has no value
    v = dx.check(r"1 + \lambda + \lambda^2 + \cdots = \frac{1}{1-\lambda}", UNIT)
    assert v.status == "proved"
    assert any("converges where" in s for s in v.steps)


def test_shifted_geometric_series_proved():
    v = dx.check(r"\lambda + \lambda^2 + \lambda^3 + \cdots = \frac{\lambda}{1-\lambda}", UNIT)
    assert v.status == "proved"


def test_wrong_sum_refuted_at_a_convergent_point():
    v = dx.check(r"1 + \lambda + \lambda^2 + \cdots = \frac{2}{1-\lambda}", r"\lambda: scalar")
    assert v.status == "refuted"
    lam = v.counterexample["lambda"]
    assert abs(lam) < 1
    # the left side is the geometric series at that point, computed here from its closed form
    assert abs(float(v.sides["lhs"]) - 1 / (1 - lam)) < 1e-9


def test_not_proved_where_the_domain_lets_the_series_diverge():
    # true wherever the series converges, but lambda: scalar ranges over |lambda| >= 1 too
    v = dx.check(r"1 + \lambda + \lambda^2 + \cdots = \frac{1}{1-\lambda}", r"\lambda: scalar")
    assert v.status in ("plausible", "unknown")
    assert "converges only where" in v.reason


def test_divergent_series_never_proved():
    v = dx.check(r"1 + 2 + 2^2 + \cdots = -1")
    assert v.status == "unknown"
    v = dx.check(r"\sum_{k=0}^{\infty} 2^k = -1")
    assert v.status == "unknown"


def test_series_given_a_convergence_condition_is_proved():
    v = dx.check(
        r"\sum_{k=1}^{\infty} \frac{\lambda^k}{k} = -\log(1-\lambda)",
        r"\lambda: scalar",
        given=[r"\lambda \le \frac{1}{2}", r"\lambda \ge -\frac{1}{2}"],
    )
    assert v.status == "proved"


def _links(tmp_path, text, symbols=None):
    f = tmp_path / "note.md"
    f.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return check_document(f, symbols=symbols, timeout=5)


def test_elided_steps_checked_as_one_claim_on_both_links(tmp_path):
    links = _links(
        tmp_path,
        r"""
        # n

        $$ (a+b)^2 = a^2 + 2ab + b^2 = \ldots, = (b+a)^2 $$

        $$ (a+b)^2 = \cdots = a^2 + b^2 $$
        """,
    )
    got = [(x.line, x.lhs, x.relation, x.rhs, x.status) for x in links]
    assert got == [
        (3, "(a+b)^2", "=", "a^2 + 2ab + b^2", "proved"),
        (3, "a^2 + 2ab + b^2", "=", r"\ldots,", "proved"),
        (3, r"\ldots,", "=", "(b+a)^2", "proved"),
        (5, "(a+b)^2", "=", r"\cdots", "refuted"),
        (5, r"\cdots", "=", "a^2 + b^2", "refuted"),
    ]
    assert all("steps omitted between" in x.reason for x in links[1:])


def test_elided_steps_of_a_recurrence_are_undecided(tmp_path):
    links = _links(
        tmp_path,
        r"""
        # n

        $$v_t = \beta v_{t-1} + g_t$$

        Unrolled:

        $$v_t = \beta^2 v_{t-2} + \beta g_{t-1} + g_t = \ldots = \beta^3 v_{t-3} + g_t$$
        """,
        symbols=r"\beta: scalar, unit",
    )
    elided = [x for x in links if r"\ldots" in (x.lhs, x.rhs)]
    assert len(elided) == 2
    assert {x.status for x in elided} == {"unknown"}
    assert all("recurrence" in x.reason for x in elided)


def test_an_ellipsis_at_the_end_of_a_chain_is_unread(tmp_path):
    links = _links(tmp_path, "# n\n\n$$ a = b + c = \\ldots $$\n")
    assert links[-1].status == "unread"
    assert "only between two written sides" in links[-1].reason
