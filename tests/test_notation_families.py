r"""Notations that a red-team pass found read silently wrong, each a family generated here with
its expected values computed independently (SymPy on the meaning, not on derivax's reading):

- a derivative by a power of a variable (``\frac{\partial}{\partial \sigma^2}``, a variance) was
  the derivative by the variable: ``\frac{\partial}{\partial \sigma^2} \sigma^2 = 2\sigma`` proved;
- a name a given defines as a function (``f(x) = x^2``) stayed a letter times a parenthesis, so
  ``f(2x) = 2f(x)`` was proved;
- ``x \times y`` of two vectors was their dot product (the cross product is anti-commutative);
- ``(f \circ g)(x)`` was a product, ``f^{(2)}(x)`` and ``\dot{x}(t)`` a name times x;
- a recurrence (``x_{k+1} = 2x_k``, ``F_n = F_{n-1} + F_{n-2}``, ``a^{[l]} = \sigma(z^{[l]})``)
  reached only the members the claim named, and a name given twice kept only one given, so true
  claims were refuted at points that broke a given.
"""

from __future__ import annotations

import pytest
import sympy

import derivax as dx
from derivax import DerivaxError, ParseError
from derivax.latex._parse import reading

# -- derivatives by a power of a variable -----------------------------------------------------
# (the variable's LaTeX and its plain name, the body as a function of u = v^p, LaTeX with {v})
VARIABLES = [(r"\sigma", "sigma"), ("w", "w"), (r"\lambda", "lambda")]
BODIES = [
    (lambda u: sympy.log(u), r"\log {v}^{p}"),
    (lambda u: u**2, r"({v}^{p})^2"),
    (lambda u: 1 / u, r"\frac{{1}}{{{v}^{p}}}"),
    (lambda u: u * sympy.exp(-u), r"{v}^{p} e^{{-{v}^{p}}}"),
]


@pytest.mark.parametrize(("tex", "plain"), VARIABLES)
@pytest.mark.parametrize("power", [2, 3])
@pytest.mark.parametrize("body", range(len(BODIES)))
def test_a_derivative_by_a_power_of_a_variable_is_by_that_power(tex, plain, power, body):
    meaning, written = BODIES[body]
    u, v = sympy.Symbol("u", positive=True), sympy.Symbol(plain, positive=True)
    # the oracle: differentiate by u itself, then write u as v^p
    want = sympy.diff(meaning(u), u).subs(u, v**power)
    body_tex = (
        written.replace("{v}", tex).replace("{p}", str(power)).replace("{{", "{").replace("}}", "}")
    )
    expr = dx.parse(
        rf"\frac{{\partial}}{{\partial {tex}^{power}}} {body_tex}", f"{tex}: scalar, positive"
    )
    got = expr.doit() if hasattr(expr, "doit") else expr
    for at in (0.7, 1.9):
        a = complex(sympy.N(got.subs({s: at for s in got.free_symbols})))
        b = complex(sympy.N(want.subs(v, at)))
        assert abs(a - b) <= 1e-9 * (1 + abs(b)), (body_tex, got, want)


def test_the_variance_steps_of_a_gaussian_are_decided():
    table = r"\sigma: scalar, positive"
    given = [r"L = \frac{1}{2}\log\sigma^2 + \frac{(x-\mu)^2}{2\sigma^2}"]
    right = (
        r"\frac{\partial L}{\partial \sigma^2} = \frac{1}{2\sigma^2} - \frac{(x-\mu)^2}{2\sigma^4}"
    )
    assert dx.check(right, table, given=given).status == "proved"
    wrong = r"\frac{\partial L}{\partial \sigma^2} = \frac{1}{\sigma} - \frac{(x-\mu)^2}{\sigma^3}"
    assert dx.check(wrong, table, given=given).status == "refuted"
    # the second derivative keeps its spelling: the numerator's order says it
    assert (
        dx.check(r"\frac{\partial^2}{\partial \sigma^2} \sigma^3 = 6\sigma", table).status
        == "proved"
    )
    with pytest.raises(ParseError, match="order 2"):
        reading(r"\frac{\partial^2}{\partial x^3} x^5")


# -- names a given defines as functions --------------------------------------------------------
NAMES = ["f", "h", r"\phi", r"\mathcal{L}", r"h_\theta"]
DEFINITIONS = [
    ("x^2", lambda x: x**2),
    ("e^{-x}", lambda x: sympy.exp(-x)),
    (r"\sin(x)", sympy.sin),
]


@pytest.mark.parametrize(
    ("name", "definition"),
    [
        # each name with one definition every time (rotating), the other pairs in the thorough profile
        pytest.param(
            name,
            d,
            marks=[pytest.mark.thorough("one definition per name runs every time")]
            * (d != k % len(DEFINITIONS)),
        )
        for k, name in enumerate(NAMES)
        for d in range(len(DEFINITIONS))
    ],
)
def test_a_name_a_given_defines_as_a_function_is_applied(name, definition):
    tex, meaning = DEFINITIONS[definition]
    given = [f"{name}(x) = {tex}"]
    x = sympy.Symbol("x")
    at_2x = sympy.latex(meaning(2 * x))
    assert dx.check(f"{name}(2x) = {at_2x}", None, given=given).status == "proved"
    assert dx.check(f"{name}(2x) = 2{name}(x)", None, given=given).status == "refuted"


def test_a_given_that_is_no_function_definition_declares_nothing():
    # x(1 - x) = 1/4 constrains x; reading x as a function would change the claim
    r = dx.check("x = 0.5", None, given=[r"x(1 - x) = 0.25"])
    assert r.status != "refuted"


# -- \times, \circ and derivatives marked on a function's name ----------------------------------
def test_times_between_vectors_is_refused_and_between_numbers_a_product():
    # of two vectors of 3 entries it is the cross product (tests/test_cross_product.py)
    with pytest.raises(ParseError, match="cross product"):
        reading(r"x \times y", "x, y: vector[n]")
    assert dx.check(r"2 \times 3 = 6").status == "proved"
    assert dx.check(r"A \times B = A B", "A, B: matrix[3, 3]").status == "proved"


PAIRS = [("x^2", "x + 1", lambda t: (t + 1) ** 2), (r"e^{x}", "2x", lambda t: sympy.exp(2 * t))]


@pytest.mark.parametrize("pair", range(len(PAIRS)))
def test_a_composition_of_functions_is_nested(pair):
    f, g, meaning = PAIRS[pair]
    given = [f"f(x) = {f}", f"g(x) = {g}"]
    t = sympy.Symbol("x")
    right = sympy.latex(meaning(t))
    assert dx.check(rf"(f \circ g)(x) = {right}", "f, g: function", given=given).status == "proved"
    assert dx.check(rf"(g \circ f)(x) = {right}", "f, g: function", given=given).status == "refuted"
    assert dx.check(r"(\sigma \circ \sigma)(0) = \sigma(\frac{1}{2})").status == "proved"
    with pytest.raises(ParseError, match="composes functions"):
        reading(r"(A \circ B)(x)", "A, B: matrix[2, 2]")
    assert dx.check(r"A \circ B = B \circ A", "A, B: matrix[2, 2]").status == "proved"


@pytest.mark.parametrize("k", [1, 2, 3])
def test_a_derivative_marked_on_a_function_s_name(k):
    x = sympy.Symbol("x")
    want = sympy.latex(sympy.diff(x**5, x, k))
    assert (
        dx.check(f"f^{{({k})}}(x) = {want}", "f: function", given=["f(x) = x^5"]).status == "proved"
    )
    dots = {1: r"\dot", 2: r"\ddot", 3: r"\dddot"}[k]
    assert (
        dx.check(f"{dots}{{y}}(x) = {want}", "y: function", given=["y(x) = x^5"]).status == "proved"
    )
    wrong = f"f^{{({k})}}(2x) = 2 f^{{({k})}}(x)"
    assert dx.check(wrong, "f: function", given=["f(x) = x^5"]).status == "refuted"
    # a sample's superscript is no derivative
    assert str(reading("x^{(2)}", "i: index").expr) == "x^{(2)}"


# -- recurrences and names given twice ---------------------------------------------------------
@pytest.mark.parametrize("n", [3])
@pytest.mark.parametrize(
    ("table", "start", "step"),
    [
        ("", "x_0 = 1", "x_{k+1} = 3 x_k"),
        ("x: vector[m]; t: index", "x_1 = 1", "x_{t+1} = 3 x_t"),
        *(
            pytest.param(
                *case, marks=pytest.mark.thorough("3 s of CPU; two spellings run every time")
            )
            for case in [
                ("t: index", "x_0 = 1", "x_{t+1} = 3 x_t"),
                ("", "x^{(0)} = 1", "x^{(k+1)} = 3 x^{(k)}"),
            ]
        ),
    ],
)
def test_a_recurrence_reaches_every_member_from_its_start(n, table, start, step):
    first = 1 if "vector" in table else 0
    member = step.split("=")[0].replace("k+1", str(n)).replace("t+1", str(n)).strip()
    member = member.replace("{", "{", 1)
    want = 3 ** (n - first)
    true = dx.check(f"{member} = {want}", table or None, given=[start, step])
    assert true.status in ("proved", "plausible"), (member, true.reason)
    false = dx.check(f"{member} = {want + 1}", table or None, given=[start, step])
    assert false.status in ("refuted", "unknown"), (member, false.reason)


def test_fibonacci_and_a_name_given_twice_are_never_refuted_when_true():
    fib = ["F_n = F_{n-1} + F_{n-2}", "F_1 = 1", "F_2 = 1"]
    assert dx.check("F_4 = 3", None, given=fib).status == "proved"
    assert dx.check("F_4 = 4", None, given=fib).status != "proved"
    # y is given twice: the second is a condition every sampled point must meet
    r = dx.check("b = 0", None, given=["y = a + b", "y = 1", "a = 1"])
    assert r.status != "refuted", r.reason


def test_layers_in_square_brackets_and_members_of_a_recurrence():
    given = [r"a^{[l]} = \sigma(z^{[l]})", r"z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}"]
    right = r"a^{[2]} = \sigma(W^{[2]} a^{[1]} + b^{[2]})"
    # the proof takes about 8 s of CPU (the audit satisfies both givens at every point): a
    # budget of its own, so that it holds on a loaded machine
    assert dx.check(right, None, given=given, timeout=30).status == "proved"
    assert dx.check(right.replace("+ b^{[2]}", ""), None, given=given).status == "refuted"
    rnn = [r"h_t = \tanh(w h_{t-1} + u x_t)"]
    step = r"\frac{\partial h_2}{\partial h_1} = w(1 - h_2^2)"
    # its proof runs long (tanh of a tanh): what must hold is that it is never refuted
    assert dx.check(step, None, given=rnn, timeout=2).status != "refuted"
    assert dx.check(step.replace("1 - h_2", "1 + h_2"), None, given=rnn).status == "refuted"


def test_a_shifted_member_of_the_claim_and_the_induction_a_start_asks_for():
    assert dx.check("x_{k+2} = 4 x_k", None, given=["x_{k+1} = 2 x_k"]).status == "proved"
    assert dx.check("x_{k+2} = 3 x_k", None, given=["x_{k+1} = 2 x_k"]).status == "refuted"
    # with a start, the general member is fixed: induction, which derivax does not do
    r = dx.check("x_t = 1", None, given=["x_0 = 1", "x_{t+1} = x_t^2"])
    assert r.status == "unknown" and "induction" in r.reason
    # without one, x_t is free and the refutation stands
    assert dx.check("x_t = 2", None, given=["x_{t+1} = x_t^2"]).status == "refuted"


def test_a_mixed_partial_of_a_defined_function():
    given = ["f(x, y) = x^2 y"]
    for order in (r"\partial x \partial y", r"\partial y \partial x"):
        claim = rf"\frac{{\partial^2 f}}{{{order}}} = 2x"
        assert dx.check(claim, "f: function", given=given).status == "proved"
    wrong = r"\frac{\partial^2 f}{\partial x \partial y} = 2y"
    assert dx.check(wrong, "f: function", given=given).status == "refuted"
    with pytest.raises(DerivaxError):
        dx.check(
            r"\nabla_x f(1, 1) = 0",
            "x_1, x_2: scalar; f: function",
            given=["f(x_1, x_2) = x_1 + x_2"],
        )


# -- a prime after a bracket, upright e, a prime on a defined name -------------------------------
# (the bracket as written, with {} where the body goes, and the body's meaning of x)
BRACKETS = [r"({})", r"\left({}\right)", r"[{}]", r"\left[{}\right]"]
PRIMED = [
    (r"x^3", lambda x: x**3),
    (r"\sin x", sympy.sin),
    (r"\log(1 + e^{x})", lambda x: sympy.log(1 + sympy.exp(x))),
    (r"\frac{1}{1 + e^{-x}}", lambda x: 1 / (1 + sympy.exp(-x))),
]


@pytest.mark.parametrize("bracket", BRACKETS)
@pytest.mark.parametrize("body", range(len(PRIMED)))
@pytest.mark.parametrize("order", [1, 2])
def test_a_prime_after_a_bracket_is_the_derivative_by_its_variable(bracket, body, order):
    tex, meaning = PRIMED[body]
    x = sympy.Symbol("x", real=True)
    want = sympy.diff(meaning(x), x, order)
    expr = reading(bracket.format(tex) + "'" * order, "x: scalar").expr
    for at in (-0.8, 0.3, 1.7):
        got = complex(sympy.N(expr.doit().subs(x, at)))
        assert abs(got - complex(sympy.N(want.subs(x, at)))) <= 1e-9, (tex, expr)


def test_a_prime_on_a_function_s_value_and_the_brackets_derivax_refuses():
    assert dx.check(r"\sigma(x)' = \sigma(x)(1 - \sigma(x))", "x: scalar").status == "proved"
    assert dx.check(r"(x^2)' = x^2", "x: scalar").status == "refuted"
    for tex, table in [
        ("(a x + b)'", "a, b, x: scalar"),  # which variable: not said
        ("(A B)'", "A, B: matrix[n, n]"),  # a transpose or a derivative
        ("|x|'", "x: scalar"),
    ]:
        with pytest.raises(ParseError, match="prime"):
            reading(tex, table)


@pytest.mark.parametrize(
    "spelling", [r"\mathrm{e}", r"\text{e}", r"\operatorname{e}", r"\mathrm e"]
)
def test_upright_e_is_euler_s_number(spelling):
    assert dx.check(rf"{spelling}^{{x}} \ge 1 + x", "x: scalar").status == "proved"
    assert dx.check(rf"{spelling}^{{x}} = e^{{x}}", "x: scalar").status == "proved"
    assert dx.check(rf"{spelling}^{{x}} \ge 2 + x", "x: scalar").status == "refuted"


def test_a_prime_on_a_name_a_given_defines():
    assert dx.check("y' = 2x", "x: scalar", given=["y = x^2"]).status == "proved"
    assert dx.check("y'' = 2", "x: scalar", given=["y = x^2"]).status == "proved"
    assert dx.check("y' = x", "x: scalar", given=["y = x^2"]).status == "refuted"
    # the variable is not settled by y = x z: never refuted with y' free
    r = dx.check("y' = 2x", None, given=["y = x z"])
    assert r.status == "unknown" and "taken free" in r.reason


def test_a_primed_name_a_given_defines_itself_stays_that_name():
    # w' = w / M is a scaled weight the text defines, not the derivative of w
    given = ["w = x^2", "w' = w / M"]
    assert dx.check("w' M = x^2", "x, M: scalar", given=given).status == "proved"


@pytest.mark.parametrize("star", ["^*", r"^{\star}"])
def test_a_starred_name_beside_a_declared_vector_is_a_vector_like_it(star):
    table = "x, y: vector[n]"
    assert dx.check(rf"(x{star})^\top y = y^\top x{star}", table).status == "proved"
    assert dx.check(rf"\|x - x{star}\|^2 \ge 0", table).status == "proved"
    with pytest.raises(ParseError, match="side by side"):
        reading(f"x{star} y", table)  # two vectors: no scalar times a vector
    # on a scalar the star keeps the general rule: a scalar of its own
    assert dx.parse(f"x{star} + 1", "x: scalar").free_symbols.pop().is_Symbol


# -- check-doc: a name defined again, an optimum named, a moment the prose assumes -------------
def _links(tmp_path, text: str, symbols: str) -> dict[int, object]:
    from derivax._documents import check_document

    note = tmp_path / "note.md"
    note.write_text(text)
    (tmp_path / "note.md.derivax.toml").write_text(f"symbols = '{symbols}'\n")
    return {x.line: x for x in check_document(note, timeout=5) if x.kind == "claim"}


@pytest.mark.parametrize(("first", "again"), [(":=", ":="), ("=", "=")])
def test_a_name_the_text_defines_again_means_the_new_definition(tmp_path, first, again):
    text = (
        f"# Two parts\n\nLet $u {first} 5 x$, so\n$$ \\frac{{du}}{{dx}} = 5 $$\n\n"
        f"Let $u {again} x^3$, so\n$$ \\frac{{du}}{{dx}} = 3 x^2 $$\nand\n$$ \\frac{{du}}{{dx}} = 5 $$\n"
    )
    links = _links(tmp_path, text, "x: scalar")
    assert links[4].status == "proved" and links[7].status == "proved", links[7].reason
    assert links[9].status == "refuted"  # the old definition's derivative, now wrong


def test_an_optimum_named_in_its_own_display_is_no_free_scalar(tmp_path):
    text = (
        "# Mean\n\nFor the sample mean, let $S(m) = \\sum_{i=1}^{n} (x_i - m)^2$. Its minimiser is\n"
        "$$ m^\\star = \\frac{1}{n}\\sum_{i=1}^{n} x_i $$\n"
    )
    from derivax._documents import check_document

    note = tmp_path / "note.md"
    note.write_text(text)
    (tmp_path / "note.md.derivax.toml").write_text(
        "symbols = 'm: scalar; x: vector[n]; i: index; n: dim'\n"
    )
    (link,) = [x for x in check_document(note, timeout=5) if x.line == 4]
    assert link.kind == "definition" and link.status != "refuted"


def test_a_moment_the_prose_assumes_is_a_given(tmp_path):
    text = (
        "# Moments\n\nSuppose $\\mathbb{E}[X] = \\mu$.\n"
        "$$ \\mathbb{E}[X^2] - \\mathbb{E}[X]^2 = \\mathbb{E}[X^2] - \\mu^2 $$\n"
        "$$ \\mathbb{E}[X + 1] = \\mu + 2 $$\n"
    )
    links = _links(tmp_path, text, r"X: random; \mu: scalar")
    assert links[4].status == "proved", links[4].reason
    assert links[5].status == "refuted"
