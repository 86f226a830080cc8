"""Property-based tests (hypothesis) over generated LaTeX and generated expression trees:
the parser returns an expression or raises ParseError; compiled values equal SymPy's evalf;
symbolic gradients equal jax.grad. The number of examples comes from the hypothesis profile
(``HYPOTHESIS_PROFILE=thorough`` for a long run; the default ``ci`` profile keeps the suite fast:
60 examples, 25 for the gradients, the heaviest).
"""

import os

import jax
import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import derivax as dx
from derivax._functions import sigmoid

# the hypothesis profiles (`ci`, `thorough`) are registered in tests/conftest.py
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

TOKENS = [
    "x",
    "y",
    "z",
    "1",
    "2",
    "0.5",
    r"\alpha",
    "+",
    "-",
    r"\cdot",
    "^",
    "_",
    "{",
    "}",
    "(",
    ")",
    r"\frac",
    r"\sqrt",
    r"\log",
    r"\exp",
    r"\sigma",
    r"\sum",
    r"\int",
    r"\|",
    "|",
    "=",
    r"\le",
    "i",
    "n",
    r"\hat",
    r"\mathrm",
    r"\left(",
    r"\right)",
    r"\top",
    ",",
    ";",
    r"\mid",
    "!",
    "'",
    r"\,",
    r"\begin{cases}",
    r"\end{cases}",
    "&",
    r"\\",
    r"\operatorname{softmax}",
    "d",
    r"\partial",
]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14))
@pytest.mark.slow
def test_parser_returns_an_expression_or_a_parse_error(tokens):
    text = " ".join(tokens)
    try:
        e = dx.parse(text, "x: vector[n]; i: index")
    except dx.ParseError as err:
        assert err.position is None or 0 <= err.position <= len(text)
        return
    assert isinstance(e, sympy.Basic)


X, Y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)


def trees():
    leaves = st.sampled_from([X, Y, sympy.Integer(2), sympy.Rational(1, 2), sympy.Integer(-3)])

    def extend(children):
        return st.one_of(
            st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
            st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
            children.map(lambda a: sympy.exp(a / 4)),
            children.map(lambda a: sympy.log(1 + a**2)),
            children.map(lambda a: sympy.tanh(a)),
            children.map(lambda a: sigmoid(a)),
            children.map(lambda a: a**2),
            children.map(lambda a: sympy.sqrt(1 + a**2)),
        )

    return st.recursive(leaves, extend, max_leaves=8)


@given(trees(), st.floats(-2, 2), st.floats(-2, 2))
@pytest.mark.slow
def test_compiled_values_equal_sympy_evalf(expr, x, y):
    assume(expr.free_symbols)
    f = dx.compile(expr)
    values = {"x": x, "y": y}
    got = float(f(**{a: values[a] for a in f.args}))
    want = float(
        expr.subs({X: sympy.Float(x, 30), Y: sympy.Float(y, 30)}).rewrite(sympy.exp).evalf(30)
    )
    assert np.isclose(got, want, rtol=1e-9, atol=1e-12), (expr, got, want)


# a derivative, two compilations and jax.grad for each example (a quarter of a second of CPU): 25
# examples on every run, the profile's count (2,000) with HYPOTHESIS_PROFILE=thorough
@settings() if THOROUGH else settings(max_examples=25)
@given(
    # a tree without x gets it as a factor: filtering for x threw away most trees, and
    # Hypothesis's health check failed the run when a draw was unlucky
    trees().map(lambda e: e if X in e.free_symbols else e * X),
    st.floats(-2, 2),
    st.floats(-2, 2),
)
@pytest.mark.slow
def test_symbolic_gradients_equal_jax_grad(expr, x, y):
    g = dx.grad(expr, "x", check=False)
    f = dx.compile(expr)
    gf = dx.compile(g) if g.free_symbols else None
    values = {"x": x, "y": y}
    args = [values[a] for a in f.args]
    want = float(jax.grad(lambda *a: f(*a), argnums=f.args.index("x"))(*map(float, args)))
    got = float(gf(**{a: values[a] for a in gf.args})) if gf is not None else float(g)
    assert np.isclose(got, want, rtol=1e-7, atol=1e-9), (expr, g, got, want)
