"""The symbol table: the compact syntax, names in LaTeX and plain form, and bad declarations."""

import pytest
import sympy

from derivax import SymbolError, parse_symbols
from derivax.symbols import canonical, plain


@pytest.mark.parametrize(
    "spelling, canon, plain_form",
    [
        (r"\alpha", r"\alpha", "alpha"),
        ("alpha", r"\alpha", "alpha"),
        (r"\hat{y}", r"\hat{y}", "y_hat"),
        (r"\hat y", r"\hat{y}", "y_hat"),
        ("y_hat", r"\hat{y}", "y_hat"),
        (r"\bar\alpha_t", r"\bar{\alpha}_{t}", "alpha_bar_t"),
        (r"\bar{\alpha}_{t}", r"\bar{\alpha}_{t}", "alpha_bar_t"),
        ("alpha_bar_t", r"\bar{\alpha}_{t}", "alpha_bar_t"),
        (r"\theta_{t-1}", r"\theta_{t-1}", "theta_t_minus_1"),
        ("theta_t_minus_1", r"\theta_{t-1}", "theta_t_minus_1"),
        (r"\theta_{t+1}", r"\theta_{t+1}", "theta_t_plus_1"),
        (r"n_{in}", r"n_{in}", "n_in"),
        ("n_in", r"n_{in}", "n_in"),
        (r"\mathbf{x}", "x", "x"),
        (r"\boldsymbol{\theta}", r"\theta", "theta"),
        (r"\vec{x}", "x", "x"),
        (r"\mathcal{N}", r"\mathcal{N}", "N_cal"),
        ("N_cal", r"\mathcal{N}", "N_cal"),
        (r"D_{\mathrm{KL}}", "D_{KL}", "D_KL"),
        ("lr", r"\mathrm{lr}", "lr"),
        (r"\operatorname{lr}", r"\mathrm{lr}", "lr"),
        ("d_k", "d_{k}", "d_k"),
        (r"\ell", r"\ell", "ell"),
    ],
)
def test_names_have_one_canonical_and_one_plain_spelling(spelling, canon, plain_form):
    assert canonical(spelling) == canon
    assert plain(canon) == plain_form
    assert canonical(plain_form) == canon


def test_superscripted_names_resolve_from_their_plain_form():
    t = parse_symbols(r"x^{(i)}: vector[d]; W^{[l]}: matrix[m, n]")
    assert t["x_sup_i"].name == "x^{(i)}"
    assert t["W_sup_l"].name == "W^{[l]}"


def test_design_example_table():
    t = parse_symbols(
        "x: vector[n]; W: matrix[m, n]; b: vector[m]\n"
        "p, q: simplex[n]\n"
        "alpha, eta: scalar, positive   # step sizes\n"
        "f, g: function\n"
        "i, j, k: index;  n, m, d: dim\n"
        "S: spd[n]"
    )
    assert t["x"].kind == "vector" and t["x"].shape == ("n",)
    assert t["W"].shape == ("m", "n") and t["W"].rank == 2
    assert t["q"].kind == "simplex"
    assert t[r"\alpha"].qualifiers == {"positive"} and t["eta"].qualifiers == {"positive"}
    assert t["f"].kind == "function" and t["k"].kind == "index" and t["d"].kind == "dim"
    assert t["S"].kind == "spd" and t.matrix("S").shape == (t.dim("n"), t.dim("n"))


def test_lookups_accept_latex_and_plain_spellings():
    t = parse_symbols(r"\hat{y}: vector[n]; \bar\alpha_t: scalar, unit")
    assert t["y_hat"] is t[r"\hat y"] is t[r"\hat{y}"]
    assert t["alpha_bar_t"].name == r"\bar{\alpha}_{t}"
    assert "y" not in t


def test_sympy_objects_carry_shapes_and_assumptions():
    t = parse_symbols(
        "x: vector[n]; W: matrix[m, n]; s: scalar, positive; u: scalar, unit; "
        "i: index; p: simplex[n]; c: vector[3]"
    )
    n, m = t.dim("n"), t.dim("m")
    assert t.matrix("x").shape == (n, 1)
    assert t.matrix("W").shape == (m, n)
    assert t.indexed("x").shape == (n,)
    assert t.scalar("s").is_positive
    assert t.scalar("u").is_nonnegative and t.scalar("u").is_real
    assert t.scalar("i").is_integer
    assert t.dim("n").is_integer and t.dim("n").is_positive
    assert t.indexed("p")[sympy.Symbol("i")].is_nonnegative
    assert t.matrix("c").shape == (3, 1)


def test_sizes_used_in_shapes_are_declared_dims():
    t = parse_symbols("x: vector[n]")
    assert t["n"].kind == "dim"


def test_undeclared_names_default_to_real_scalars():
    t = parse_symbols("x: vector[n]")
    d = t.declaration("z")
    assert d.kind == "scalar" and not d.declared
    assert t.scalar("z").is_real


@pytest.mark.parametrize("text", ["", None, "   ", "# only a comment"])
def test_empty_tables(text):
    assert len(parse_symbols(text)) == 0


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "x: vectr[n]",
            r"unknown kind `vectr\[n\]` for `x`; expected one of scalar, vector\[n\], matrix\[m,n\]",
        ),
        ("x vector[n]", r"symbol entry `x vector\[n\]` has no `:`"),
        ("x: vector", r"kind `vector` for `x` takes one size"),
        ("W: matrix[n]", r"kind `matrix\[n\]` for `W` takes two sizes"),
        ("s: scalar[n]", r"kind `scalar\[n\]` for `s` takes no size"),
        (
            "x: scalar, pos",
            r"unknown qualifier `pos` for `x`; expected any of positive, nonnegative, integer, unit",
        ),
        ("x: scalar; x: vector[n]", r"`x` is declared twice"),
        ("alpha: scalar; \\alpha: scalar", r"`\\alpha` is declared twice"),
        ("i: index, positive", r"kind `index` of `i` takes no qualifiers"),
        ("x: vector[0]", r"size `0` of `x` is neither a positive integer nor a dimension name"),
        ("x: vector[n]; n: scalar", r"`n` is used as a size but declared `scalar`"),
        ("s: scalar, positive, nonnegative", r"declared both positive and nonnegative"),
        ("x: ", r"names no kind"),
        ("x, : scalar", r"empty name"),
        ("1x: scalar", r"cannot read symbol name `1x`"),
        (r"\foo: scalar", r"cannot read symbol name `\\foo`"),
    ],
)
def test_bad_declarations_name_the_entry_and_what_is_accepted(text, message):
    with pytest.raises(SymbolError, match=message):
        parse_symbols(text)


def test_to_text_round_trips():
    t = parse_symbols("x: vector[n]; s: scalar, positive; f: function")
    again = parse_symbols(t.to_text())
    assert {k: (d.kind, d.shape, d.qualifiers) for k, d in t.items()} == {
        k: (d.kind, d.shape, d.qualifiers) for k, d in again.items()
    }
