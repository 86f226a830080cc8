r"""Three readings that silently changed what a formula says, each a family generated here:

- an increment written before a name (``\Delta x``, ``\delta w``, the displacement ``\partial
  x_1``) was the product Delta times x, so ``\Delta x^2`` was Delta x squared and the textbook
  ``(x + \Delta x)^2 - x^2 = 2x\Delta x + \Delta x^2`` was refuted;
- a given about a family (``g_i = x_i - 1``, ``A_{ij} = a_i b_j``, ``w_t = w_{t-1} - g_t``) said
  nothing about the numbered members a claim names (``g_1``, ``A_{12}``, ``w_1``), and true
  claims about them were refuted;
- ``\nabla_x f`` with only ``x_1, ..., x_k`` declared failed inside the numeric test, and
  ``\nabla_x f(1, 1)`` of a defined f was the derivative of a constant: ``= 0`` was proved.

The expected expansions are SymPy's binomial expansion of a fresh symbol, written back in the
increment's notation; the family claims' truth is decided by substituting the instance by hand.
"""

from __future__ import annotations

import random

import pytest
import sympy

import derivax as dx
from derivax import ParseError
from derivax.latex._parse import reading

# the increment's letter as written, and the letter of the name it becomes
LETTERS = [(r"\Delta", r"\Delta"), (r"\delta", r"\delta"), (r"\partial", r"\delta")]
# a name as written and its canonical spelling inside the increment's name
NAMES = [
    ("x", "x"),
    ("x_1", "x_{1}"),
    (r"\theta", r"\theta"),
    ("w_{2}", "w_{2}"),
    (r"\hat{y}", r"\hat{y}"),
]


@pytest.mark.parametrize(("letter", "named"), LETTERS)
@pytest.mark.parametrize(("name", "canon"), NAMES)
@pytest.mark.parametrize("power", [1, 2, 3])
def test_an_increment_is_one_quantity_a_power_takes_whole(letter, named, name, canon, power):
    tex = f"{letter} {name}" + (f"^{power}" if power > 1 else "")
    r = reading(tex)
    want = sympy.Symbol(f"{named}_{{{canon}}}", real=True) ** power
    assert r.expr == want, (tex, r.expr)
    assert any("increment" in rule for rule in r.rules), r.rules


def _expansion(increment: str, name: str, power: int, shift: int) -> str:
    """(name + increment)^power - name^power, expanded by SymPy and written with the increment."""
    x, h = sympy.symbols("x h")
    poly = sympy.Poly(sympy.expand((x + h) ** power - x**power), h, x)
    terms = []
    for (i, j), c in poly.terms():
        c = c + (shift if (i, j) == (power, 0) else 0)
        factors = [str(c)] + [f"{increment}^{i}" if i > 1 else increment] * (i > 0)
        factors += [f"{name}^{j}" if j > 1 else name] * (j > 0)
        terms.append(" ".join(factors))
    return " + ".join(terms)


CASES = random.Random(20261206).sample(
    [(lt, n, p) for lt, _ in LETTERS for n, _ in NAMES[:4] for p in (2, 3)], 6
)


@pytest.mark.parametrize(("letter", "name", "power"), CASES)
def test_the_binomial_step_of_an_increment_is_proved_and_a_wrong_one_refuted(letter, name, power):
    increment = f"{letter} {name}"
    left = f"({name} + {increment})^{power} - {name}^{power}"
    assert dx.check(f"{left} = {_expansion(increment, name, power, 0)}").status == "proved"
    wrong = dx.check(f"{left} = {_expansion(increment, name, power, 1)}")
    assert wrong.status == "refuted", (left, wrong.reason)


@pytest.mark.parametrize(
    ("tex", "table", "want"),
    [
        # the letter on its own elsewhere: a weight, a product
        (r"\delta x + (1 - \delta) y", None, r"\delta*x + y*(1 - \delta)"),
        # declared: a product, as declared
        (r"\Delta x^2", r"\Delta: scalar", r"\Delta*x**2"),
        # a dimension after it: a product
        (r"\delta n", "n: dim", r"\delta*n"),
        # Kronecker's delta and a derivative keep their readers
        (r"\delta_{ij} x_j", "i, j: index; x: vector[n]", "KroneckerDelta(i, j)*x[j]"),
        (
            r"\frac{\partial}{\partial x} (x^2) + \partial y",
            None,
            r"\delta_{y} + Derivative(x**2, x)",
        ),
        # the increment of an applied function is not read here
        (r"\Delta f(x)", None, r"\Delta*f*x"),
    ],
)
def test_where_an_increment_is_no_increment(tex, table, want):
    assert str(reading(tex, table).expr) == want


@pytest.mark.parametrize(
    ("tex", "table", "culprit"),
    [
        (r"\Delta \mathbf{w} + 1", "w: vector[n]", "an increment of an array"),
        (r"\sum_i \Delta x_i^2", "i: index", "an entry picked by an index"),
        (r"\Delta x^{(i)} + \sum_{j=1}^n x_j", None, "an entry picked by an index"),
    ],
)
def test_an_increment_one_name_would_misread_is_refused_naming_it(tex, table, culprit):
    with pytest.raises(ParseError) as e:
        reading(tex, table)
    assert culprit in str(e.value) and "declare" in str(e.value)


# (given, claim made of members, the claim with the instances substituted by hand, table)
FAMILIES = [
    (r"g_i = x_i - 1", r"g_1^2 + g_2", r"(x_1 - 1)^2 + x_2 - 1", "x_1, x_2: scalar; i: index"),
    (r"g_i = x_i - 1", r"g_1^2 + g_2", r"(x_1 - 1)^2 + x_2 - 1", "i: index"),
    (r"g_i = e^{x_i}", r"g_1 g_3", r"e^{x_1 + x_3}", "x_i, g_i: scalar; i: index"),
    (r"g_k = x_k^2 + 1", r"g_2 - g_1", r"x_2^2 - x_1^2", ""),
    (r"A_{ij} = a_i b_j", r"A_{12} + A_{21}", r"a_1 b_2 + a_2 b_1", ""),
    (r"A_{i,j} = a_i b_j", r"A_{1,2}", r"a_1 b_2", ""),
    (r"w_{t} = w_{t-1} - g_t", r"w_2", r"w_0 - g_1 - g_2", ""),
    (r"y^{(i)} = w x^{(i)} + b", r"y^{(2)} - y^{(1)}", r"w (x^{(2)} - x^{(1)})", ""),
    (
        r"\partial x_i = x_i - 1",
        r"4\partial x_1^2 - \partial x_2",
        r"4(x_1 - 1)^2 - x_2 + 1",
        "x_1, x_2: scalar",
    ),
]


@pytest.mark.parametrize(("given", "claim", "by_hand", "table"), FAMILIES)
def test_a_family_given_holds_at_the_members_a_claim_names(given, claim, by_hand, table):
    true = dx.check(f"{claim} = {by_hand}", table or None, given=[given])
    assert true.status == "proved", (claim, true.reason)
    false = dx.check(f"{claim} = {by_hand} + 1", table or None, given=[given])
    assert false.status == "refuted", (claim, false.reason)


def test_a_family_given_is_not_instantiated_where_its_subscript_is_a_dimension():
    # x_n with n a dimension is the n-th, not a member of a family: the given says nothing of
    # x_1, so the claim is not proved from it
    r = dx.check("x_1 = 2", "n: dim", given=["x_n = 2"])
    assert r.status != "proved"


@pytest.mark.parametrize("table", ["i, j: index", "i, j: index; W: matrix[2, 2]"])
def test_a_family_given_with_a_sum_over_another_index_is_written_out_at_the_member(table):
    given = [r"y_i = \sum_{j=1}^{2} W_{ij}"]
    assert dx.check("y_1 = W_{11} + W_{12}", table, given=given).status == "proved"
    assert dx.check("y_1 = W_{11} + W_{21}", table, given=given).status == "refuted"


def test_a_member_no_instance_reaches_is_never_refuted_from_its_family():
    # the integral keeps the given from being written at A_{11}: the claim is false
    # (A_{11} = a_1 / 2), but a refutation would take A_{11} unrelated to the given
    r = dx.check("A_{11} = a_1", None, given=[r"A_{ij} = a_i \int_0^1 t^j dt"])
    assert r.status == "unknown" and "for every index" in r.reason, r.reason


def test_the_gradient_over_the_declared_members_of_an_undeclared_vector():
    table = "x_1, x_2, x_3: scalar; f: function"
    given = ["f(x_1, x_2, x_3) = x_1^2 x_2 + \\sin(x_3)"]
    right = r"\begin{pmatrix} 2 x_1 x_2 \\ x_1^2 \\ \cos(x_3) \end{pmatrix}"
    assert dx.check(rf"\nabla_x f = {right}", table, given=given).status == "proved"
    wrong = r"\begin{pmatrix} 2 x_1 x_2 \\ x_1^2 \\ -\cos(x_3) \end{pmatrix}"
    assert dx.check(rf"\nabla_x f = {wrong}", table, given=given).status == "refuted"
    direct = r"\nabla_x (x_1 x_2) = \begin{pmatrix} x_2 \\ x_1 \end{pmatrix}"
    assert dx.check(direct, "x_1, x_2: scalar").status == "proved"


@pytest.mark.parametrize(
    ("claim", "table", "given", "culprit"),
    [
        # the gradient at a point is not the derivative of the value there (that is 0)
        (
            r"\nabla_x f(1, 1) = 0",
            "x_1, x_2: scalar; f: function",
            "f(x_1, x_2) = x_1^2 + x_2",
            "evaluated at",
        ),
        # members with a gap are no vector
        (
            r"\nabla_x f = 0",
            "x_1, x_3: scalar; f: function",
            "f(x_1, x_3) = x_1 + x_3",
            "numbered 1 to k",
        ),
    ],
)
def test_a_gradient_derivax_would_misread_is_refused_naming_it(claim, table, given, culprit):
    with pytest.raises(dx.DerivaxError) as e:
        dx.check(claim, table, given=[given])
    assert culprit in str(e.value)


def test_a_homework_s_gradient_and_displacements_read_as_written(tmp_path):
    # the notation of an optimization homework (tests/data/papers/repro_saddle_point_hw.tex):
    # \bigtriangledown_x over x_1, x_2 declared apart, a pmatrix, and \partial x_i as a
    # displacement defined for each i after "with"
    doc = tmp_path / "saddle.tex"
    doc.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "\\[ f(x_1, x_2) = x_1^2 - 3x_1 x_2 + x_2 \\]\n"
        "First the gradient:\n"
        "\\[ \\bigtriangledown_x f = \\begin{pmatrix}2x_1-3x_2\\\\\n -3x_1+1\\end{pmatrix} \\]\n"
        "with\n"
        "\\[ \\partial x_i = x_i - 2 \\]\n"
        "so that\n"
        "\\[ \\partial x_1^2 + \\partial x_1 \\partial x_2 = (x_1 - 2)(x_1 + x_2 - 4) \\]\n"
        "and\n"
        "\\[ \\partial x_1^2 - \\partial x_2 = x_1^2 - x_2 \\]\n"
        "\\end{document}\n"
    )
    (tmp_path / "saddle.tex.derivax.toml").write_text("symbols = 'x_1, x_2: scalar; f: function'\n")
    from derivax._documents import check_document

    links = {x.line: x for x in check_document(doc, timeout=5)}
    assert links[5].status == "proved", links[5].reason
    assert links[8].kind == "definition", links[8].reason
    assert links[10].status == "proved", links[10].reason
    assert links[12].status == "refuted", links[12].reason


def test_the_increment_of_an_array_reads_once_declared_as_the_refusal_asks():
    with pytest.raises(ParseError) as e:
        reading(r"\Delta \mathbf{w} + w", "w: vector[n]")
    assert r"`\Delta_{w}: vector[n]`" in str(e.value)
    table = r"w, \Delta_{w}: vector[n]"
    step = r"\|w + \Delta w\|^2 - \|w\|^2 = 2 w^T \Delta w + \|\Delta w\|^2"
    assert dx.check(step, table).status == "proved"
    assert dx.check(step.replace("2 w^T", "w^T"), table).status == "refuted"


# Before a bracket, an increment is read where the table says what the name is: the increment
# itself declared (`\Delta_{t}`, the step of a forward Euler update), or the name a scalar, which
# is no function; undeclared (`\Delta f(x)`, the increment of an applied function) and a declared
# function stay as before. Values against the update written by hand.
@pytest.mark.parametrize("bracket", [("(", ")"), (r"\left(", r"\right)"), (r"\left[", r"\right]")])
@pytest.mark.parametrize(
    ("letter", "name", "table"),
    [
        (r"\Delta", "t", r"\Delta_{t}: scalar, positive"),
        (r"\Delta", "t", "t: scalar"),
        (r"\delta", r"\tau", r"\delta_{\tau}: scalar"),
        (r"\Delta", "x_1", "x_1: scalar"),
    ],
)
def test_an_increment_before_a_bracket_reads_where_the_table_names_it(letter, name, table, bracket):
    tex = rf"I_t + {letter} {name} {bracket[0]} b S_t I_t - c I_t {bracket[1]}"
    symbols = "S_t, I_t, b, c: scalar; " + table
    assert any("is an increment of" in rule for rule in reading(tex, symbols).rules)
    f = dx.compile(tex, symbols=symbols)
    values = {"S_t": 0.9, "I_t": 0.1, "b": 0.3, "c": 0.1}
    (step,) = [a for a in f.plain_args if a not in values]
    assert step.startswith(("Delta_", "delta_")), f.plain_args
    got = dx.evaluate(tex, {**values, step: 0.5}, symbols)
    assert float(got) == pytest.approx(0.1 + 0.5 * (0.3 * 0.9 * 0.1 - 0.1 * 0.1), rel=1e-14)


@pytest.mark.parametrize("table", [None, "f: function; x: scalar"])
def test_the_increment_of_an_applied_function_is_still_not_read(table):
    assert "is an increment of" not in " ".join(reading(r"\Delta f(x) + 1", table).rules)
