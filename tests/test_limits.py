r"""Limits (``\lim_{h \to 0}``): the reader, the verifier and check-doc's arrows between statements.

Expected values are the textbook limits, computed by hand: d/dx x^2 = 2x; (1 + 1/n)^n -> e;
sin(h)/h -> 1; |x|/x is 1 from the right and -1 from the left; 1/x has no limit at 0.
"""

from __future__ import annotations

import json
import textwrap

import pytest
import sympy

import derivax as dx
from derivax._documents import check_document
from derivax._documents._statements import split_statements
from derivax._errors import ParseError
from derivax.latex._parse import reading


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


# -- the reader ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "body", "point", "side"),
    [
        (r"\lim_{h \to 0} \frac{\sin h}{h}", "sin(h)/h", 0, "+-"),
        (r"\lim_{h \rightarrow 0} h^2", "h**2", 0, "+-"),
        (r"\lim\limits_{h \to 0} h^2", "h**2", 0, "+-"),
        (r"\lim_{h \longrightarrow 1} h^2", "h**2", 1, "+-"),
        (r"\underset{h \to 0}{\lim} h^2", "h**2", 0, "+-"),
        (r"\lim_{x \to 0^+} \frac{1}{x}", "1/x", 0, "+"),
        (r"\lim_{x \to 0^{+}} \frac{1}{x}", "1/x", 0, "+"),
        (r"\lim_{x \to 0^-} \frac{1}{x}", "1/x", 0, "-"),
        (r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n", "(1 + 1/n)**n", sympy.oo, "-"),
    ],
)
def test_a_limit_reads_as_a_sympy_limit(latex, body, point, side):
    e = dx.parse(latex)
    assert isinstance(e, sympy.Limit)
    f, var, z0, direction = e.args
    expected = {s: var for s in sympy.sympify(body).free_symbols}  # test's own literal
    assert sympy.simplify(f - sympy.sympify(body).xreplace(expected)) == 0
    assert z0 == point
    assert str(direction) == side
    assert var not in e.free_symbols  # bound


def test_the_limit_takes_the_rest_of_its_term():
    e = dx.parse(r"\lim_{h \to 0} h + 1")
    assert isinstance(e, sympy.Add)
    assert sympy.Integer(1) in e.args
    assert not e.free_symbols


def test_a_limit_of_a_sum_over_its_variable():
    e = dx.parse(r"\lim_{n \to \infty} \sum_{i=1}^{n} \frac{1}{i^2}")
    assert isinstance(e, sympy.Limit)
    assert isinstance(e.args[0], sympy.Sum)
    assert e.doit() == sympy.pi**2 / 6


def test_the_limit_variable_is_bound_and_the_letter_outside_is_the_outer_one():
    e = dx.parse(r"\lim_{x \to 0} \frac{\sin x}{x} = x")
    limit, outer = e.lhs, e.rhs
    assert outer.free_symbols == {outer}
    assert limit.free_symbols == set()
    assert limit.args[1] != outer  # the bound one is renamed apart
    # a value given to the outer x does not enter the limit
    assert limit.xreplace({outer: sympy.Integer(5)}).doit() == 1


def test_a_variable_declared_positive_approaches_from_above_as_a_stated_rule():
    r = reading(r"\lim_{t \to 0} \frac{|t|}{t}", "t: scalar, positive")
    assert str(r.expr.args[3]) == "+"
    assert r.expr.doit() == 1  # |t|/t = 1 for t > 0
    assert any("from above" in rule for rule in r.rules)
    undeclared = dx.parse(r"\lim_{t \to 0} \frac{|t|}{t}")
    assert str(undeclared.args[3]) == "+-"


def test_a_limit_renders_and_reads_back():
    for latex in (
        r"\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h}",
        r"\lim_{x \to 0^+} \frac{1}{x}",
        r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n",
    ):
        e = dx.parse(latex)
        assert dx.parse(dx.to_latex(e)) == e


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\lim h", r"`\\lim` needs its variable and point as a subscript"),
        (r"\lim_{h} h", r"cannot read the subscript of `\\lim`"),
        (r"\lim_{h \to} h", r"cannot read the subscript of `\\lim`"),
        (r"\lim_{n \to \infty^+} n", r"a side .* of an infinite point has no meaning"),
        (r"\lim_{x \to 0} x", None),
        (r"\lim_{w \to 0} w", r"the variable of `\\lim` is a scalar name"),
    ],
)
def test_a_limit_written_wrong_is_refused_with_what_would_be_read(latex, message):
    if message is None:
        assert dx.parse(latex) == sympy.Limit(
            sympy.Symbol("x", real=True), *dx.parse(latex).args[1:]
        )
        return
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, "w: vector[n]")


# -- the verifier --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim",
    [
        r"\lim_{h\to0} \frac{(x+h)^2 - x^2}{h} = 2x",
        r"\lim_{n\to\infty}(1 + 1/n)^n = e",
        r"\lim_{h \to 0} \frac{\sin h}{h} = 1",
        r"\lim_{x \to 0^+} \frac{|x|}{x} = 1",
        r"\lim_{h \to 0} \frac{e^{h} - 1}{h} \ge 1",
    ],
)
def test_a_true_limit_is_proved_with_its_evaluation_as_a_step(claim):
    v = dx.check(claim, timeout=10)
    assert v.status == "proved", v.reason
    assert any("evaluate the limits" in s for s in v.steps)
    assert "audited" in v.reason


@pytest.mark.parametrize(
    ("claim", "left"),
    [
        (r"\lim_{n\to\infty}(1 + 1/n)^n = 3", "2.71828182845904"),  # e
        (r"\lim_{x \to 0^-} \frac{|x|}{x} = 1", "-1.0000000"),
    ],
)
def test_a_wrong_limit_is_refuted_when_both_sides_are_exact(claim, left):
    v = dx.check(claim, timeout=10)
    assert v.status == "refuted"
    assert f"left side {left}" in v.reason  # confirmed on the claim as written


def test_a_wrong_derivative_limit_is_refuted_at_a_point_of_the_outer_variable():
    v = dx.check(r"\lim_{h\to0} \frac{(x+h)^2 - x^2}{h} = 3x", timeout=10)
    assert v.status == "refuted"
    assert set(v.counterexample) == {"x"}  # the limit variable h is never sampled
    x = v.counterexample["x"]
    assert x != 0


@pytest.mark.parametrize(
    "claim",
    [
        r"\lim_{x \to 0} \frac{1}{x} = 0",
        r"\lim_{x \to 0} \frac{|x|}{x} = 1",
        r"\lim_{x \to 0} \frac{|x|}{x} = 0",
        r"\lim_{x \to 0} \sin\left(\frac{1}{x}\right) = 0",
    ],
)
def test_a_limit_that_does_not_exist_is_neither_proved_nor_refuted(claim):
    v = dx.check(claim, timeout=10)
    assert v.status == "unknown"
    assert "does not exist" in v.reason


def test_a_claim_about_the_outer_letter_is_decided_for_it():
    # lim sin(x)/x = 1, so the claim says 1 = x: false at every x but 1
    v = dx.check(r"\lim_{x \to 0} \frac{\sin x}{x} = x", timeout=10)
    assert v.status == "refuted"
    assert v.counterexample["x"] != 1
    assert dx.check(r"\lim_{x \to 0} \frac{\sin x}{x} + x = 1 + x", timeout=10).status == "proved"


@pytest.mark.parametrize(
    "claim",
    [
        r"\lim_{h \to 0} \frac{f(x+h) - f(x)}{h} = 0",
        r"f''(x) = \lim_{\epsilon\to0} \frac{f(x+\epsilon)+f(x-\epsilon)-2f(x)}{\epsilon^2}",
        r"\lim_{h \to 0} \frac{f(x+h) - f(x)}{h} = f'(x)",
    ],
)
def test_a_limit_of_an_unspecified_function_is_unknown_never_refuted(claim):
    v = dx.check(claim, "f: function", timeout=10)
    assert v.status == "unknown"
    assert "unspecified function `f`" in v.reason


def test_the_directional_derivative_limit_is_no_false_alarm():
    v = dx.check(
        r"\nabla_v f(x) = \lim_{h\rightarrow 0}\frac{f(x+hv)-f(x)}{h}", "f: function", timeout=10
    )
    assert v.status == "unknown"


# -- check-doc: arrows between statements ---------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "texts"),
    [
        (r"x = 1 \rightarrow y = 2", ["x = 1", "y = 2"]),
        (r"x = 1 \to y = 2 \longrightarrow z^2 = 4", ["x = 1", "y = 2", "z^2 = 4"]),
        (r"f: \mathbb{R}^n \to \mathbb{R}", [r"f: \mathbb{R}^n \to \mathbb{R}"]),
        (r"\lim_{x \to 0} \frac{\sin x}{x} = 1", [r"\lim_{x \to 0} \frac{\sin x}{x} = 1"]),
        (r"g(x) = x^2, \quad x \to 0", [r"g(x) = x^2, \quad x \to 0"]),
    ],
)
def test_an_arrow_splits_only_between_two_relations(row, texts):
    statements = split_statements(row)
    assert [s.text for s in statements] == texts
    assert [s.connective for s in statements[1:]] == ["implies"] * (len(texts) - 1)


def test_check_doc_reads_limits_and_arrows(tmp_path):
    f = tmp_path / "n.md"
    f.write_text(
        textwrap.dedent(
            r"""
            The derivative of the square:

            $$\lim_{h\to0} \frac{(x+h)^2 - x^2}{h} = 2x$$

            The square of a sum:

            $$(a + b)^2 = a^2 + 2ab + b^2 \rightarrow (a + b)^2 - 2ab = a^2 + b^2$$

            The second derivative as a limit:

            $$f''(x) = \lim_{\epsilon \to 0} \frac{f(x+\epsilon) + f(x - \epsilon) - 2f(x)}{\epsilon^2}$$
            """
        ).lstrip("\n"),
        encoding="utf-8",
    )
    (tmp_path / "n.md.derivax.toml").write_text(
        "symbols = " + json.dumps("f: function") + "\n", encoding="utf-8"
    )
    links = check_document(f, timeout=10)
    by_line = {(x.line, x.lhs): x for x in links}
    assert all(x.kind != "unread" for x in links), [(x.line, x.reason) for x in links]
    first = by_line[(3, r"\lim_{h\to0} \frac{(x+h)^2 - x^2}{h}")]
    assert first.status == "proved"
    rows = [x for x in links if x.line == 7]
    assert [x.lhs for x in rows] == ["(a + b)^2", "(a + b)^2 - 2ab"]
    assert [x.status for x in rows] == ["proved", "proved"]
    last = [x for x in links if x.line == 11]
    assert [x.status for x in last] == ["unknown"]
    assert not any(x.status == "refuted" for x in links)
