r"""A point named by its coordinates (``X = (x_1, x_2)``, ``X_0 = (1, 1)``, as optimization notes
write the stationary point of a saddle) makes ``f(X)`` the function at those coordinates, so a
difference ``f(X) - f(X_0)`` is decided by the definition ``f(x_1, x_2) = ...``. Every member of
the family: point names with and without subscripts, coordinates that are names, numbers or
expressions, two or three of them, ``=`` and ``:=``; each true claim and its wrong twin (the
slip of the homework the corpus reproduces: a second-order difference without its 1/2)."""

from __future__ import annotations

import pytest

import derivax as dx
from derivax._documents import check_document

#: f(x_1, x_2) = 2 x_1^2 - 4 x_1 x_2 + 1.5 x_2^2 + x_2: stationary at (1, 1), a saddle; the
#: difference from it is exactly half the quadratic form of its Hessian in d_i = x_i - 1
SADDLE = r"f(x_1, x_2) = 2x_1^2 - 4x_1 x_2 + 1.5x_2^2 + x_2"
HALF = r"2 (x_1 - 1)^2 - 4 (x_1 - 1)(x_2 - 1) + 1.5 (x_2 - 1)^2"
WHOLE = r"4 (x_1 - 1)^2 - 8 (x_1 - 1)(x_2 - 1) + 3 (x_2 - 1)^2"

_SPELLINGS = [  # (point, stationary point, how a given names it)
    ("X", "X_0", "="),
    ("P", "P_{0}", ":="),
    ("Y", "Z", "="),
    ("X", "X_s", r"\coloneqq"),
]


@pytest.mark.parametrize(("point", "start", "names"), _SPELLINGS)
@pytest.mark.parametrize(("right", "expected"), [(HALF, {"proved"}), (WHOLE, {"refuted"})])
def test_a_difference_between_two_named_points_is_decided_by_the_definition(
    point, start, names, right, expected
):
    given = [SADDLE, f"{point} {names} (x_1, x_2)", f"{start} {names} (1, 1)"]
    v = dx.check(
        f"f({point}) - f({start}) = {right}",
        symbols="x_1, x_2: scalar; f: function",
        given=given,
        cache=False,
    )
    assert v.status in expected, v


@pytest.mark.parametrize(
    ("claim", "truth"),
    [
        (r"g(Q) = a^2 + 2 b^2 + 3", True),  # a point of three names, one of them a number
        (r"g(Q) = a^2 + 2 b^2 + 9", False),
        (r"g(R) = (a + b)^2 + 2 + 3", True),  # coordinates that are expressions
        (r"g(R) = (a + b)^2 + 2 (a b)^2 + 3", False),
    ],
)
def test_three_coordinates_names_numbers_and_expressions(claim, truth):
    v = dx.check(
        claim,
        symbols="a, b, c: scalar; g: function",
        given=[r"g(u, v, w) = u^2 + 2 v^2 + w", "Q = (a, b, 3)", "R = (a + b, 1, 3)"],
        cache=False,
    )
    assert v.status == ("proved" if truth else "refuted"), v


def test_the_corpus_saddle_finds_the_missing_half(tmp_path):
    """The homework's display in its own notation, with the sidecar naming the two points."""
    doc = tmp_path / "saddle.tex"
    doc.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        f"\\[ {SADDLE} \\]\nwith\n\\[ \\partial x_i = x_i - 1 \\]\nso that\n"
        "\\[ f(X) - f(X_0) = 4\\partial x_1^2-8\\partial x_1 \\partial x_2+3 \\partial x_2^2 \\]\n"
        "\\end{document}\n"
    )
    (tmp_path / "saddle.tex.derivax.toml").write_text(
        "symbols = 'x_1, x_2: scalar; f: function'\ngiven = ['X = (x_1, x_2)', 'X_0 = (1, 1)']\n"
    )
    links = check_document(doc, timeout=10.0)
    decided = [(x.line, x.status) for x in links if x.status in ("proved", "refuted")]
    assert decided == [(7, "refuted")], [(x.line, x.status) for x in links]


@pytest.mark.parametrize("right", [HALF, WHOLE])
def test_without_the_points_the_difference_is_never_refuted(right):
    """X and X_0 named nowhere: f(X) applies f, defined with two arguments, to one; read as it
    stands it is a free value, so a counterexample would set it at will (the true difference
    was refuted). Unknown, naming what decides."""
    v = dx.check(
        f"f(X) - f(X_0) = {right}",
        symbols="x_1, x_2: scalar; f: function",
        given=[SADDLE],
        cache=False,
    )
    assert v.status == "unknown", v
    assert "f(X)" in v.reason and "X = (x_1, x_2)" in v.reason


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("f(x_1) = 2 x_1^2", "unknown"),  # one argument of two: refuted only with it free
        ("f(x_1, x_2, 1) = 3", "unknown"),  # three of two
        ("f(x_1) - f(x_1) = 0", "proved"),  # a proof holds whatever the free value is
        ("f(1, 1) = 0.5", "proved"),  # 2 - 4 + 1.5 + 1
        ("f(1, 1) = 1", "refuted"),  # the arguments as defined: a refutation stands
    ],
)
def test_a_function_applied_to_another_number_of_arguments(claim, expected):
    v = dx.check(claim, symbols="x_1, x_2: scalar; f: function", given=[SADDLE], cache=False)
    assert v.status == expected, v


@pytest.mark.parametrize(
    ("symbols", "given", "claim"),
    [
        # a declared vector stays a vector: the given is an equation about it, not a point
        ("x_1, x_2: scalar; X: vector[2]; f: function", ["X = (x_1, x_2)"], "f(X) = f(x_1, x_2)"),
        # one coordinate is a bracket, not a point
        ("x_1: scalar; f: function", ["X = (x_1)"], "f(X) = f(x_1)"),
    ],
)
def test_what_is_not_a_point_is_never_unpacked(symbols, given, claim):
    try:
        v = dx.check(claim, symbols=symbols, given=given, cache=False)
    except dx.DerivaxError as e:  # the given does not read: it names the bracket
        assert "(x_1" in str(e)
    else:
        assert v.status != "proved", v


def test_a_function_defined_on_the_point_s_own_name_keeps_its_definition():
    """h(X) = X^2 names X as h's parameter: the definition is not rewritten, and h(X) in the
    claim is h at the point, two arguments where h takes one: never proved from the definition."""
    v = dx.check(
        "h(X) = x_1^2",
        symbols="x_1, x_2: scalar; h: function",
        given=["h(X) = X^2", "X = (x_1, x_2)"],
        cache=False,
    )
    assert v.status != "proved", v


@pytest.mark.parametrize("claim", [r"x^T x = 5", "x_1 + x = 3", "f(x) + x = 1"])
def test_a_point_written_alone_is_refused_naming_it(claim):
    """Read alone, ``x`` beside ``x = (1, 2)`` would be a free scalar: ``x^T x = 5``, true of the
    point, was one value of x away from a refutation."""
    with pytest.raises(dx.DerivaxError, match=r"`x` is named by its coordinates"):
        dx.check(claim, symbols="f: function", given=["x = (1, 2)", "f(a, b) = a + b"], cache=False)


@pytest.mark.parametrize(
    ("claim", "given"),
    [
        # the catalog's probability rules: P of one, two and a conditional argument are values of
        # an overloaded P related by the givens, not a definition; the false claims stay refuted
        (r"P(A \mid B) = P(A, B)", [r"P(A \mid B) = \frac{P(A, B)}{P(B)}", "P(B) > 0"]),
        ("P(A, B) = P(A) P(B)", [r"P(A, B) = P(A \mid B) P(B)"]),
        # a value at a point defines nothing either
        ("g(x) = 2", ["g(1, 1) = 0.5"]),
    ],
)
def test_values_of_an_overloaded_function_are_no_definition(claim, given):
    v = dx.check(claim, symbols="P, g: function; x: scalar", given=given, cache=False)
    assert v.status == "refuted", v
