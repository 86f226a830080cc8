"""derivax's errors subclass the builtins they refine, so that ordinary Python handlers still work."""

from __future__ import annotations

import pytest

import derivax as dx
from derivax.symbols import parse_symbols


def test_bad_latex_is_a_value_error_with_its_position():
    with pytest.raises(ValueError, match=r"\^") as e:
        dx.parse(r"\frac{1}{")
    assert isinstance(e.value, dx.ParseError)


def test_a_bad_symbol_table_entry_is_a_value_error():
    with pytest.raises(
        ValueError, match=r"unknown kind `vectr\[n\]` for `x`; expected one of scalar"
    ) as e:
        parse_symbols("x: vectr[n]")
    assert isinstance(e.value, dx.SymbolError)


def test_a_symbol_table_of_the_wrong_type_is_a_type_error_and_a_symbol_error():
    with pytest.raises(TypeError, match=r"a symbol table is a string .*, not int") as e:
        parse_symbols(3)  # type: ignore[arg-type]
    assert isinstance(e.value, dx.SymbolError)


def test_a_value_of_the_wrong_shape_is_a_value_error():
    f = dx.compile(r"W x", symbols="W: matrix[m, n]; x: vector[n]")
    with pytest.raises(ValueError, match=r"dimension `n` is 3 in `W` but 4 in `x`") as e:
        f(W=[[1.0, 2.0, 3.0]], x=[1.0, 2.0, 3.0, 4.0])
    assert isinstance(e.value, dx.ShapeError)


def test_an_unknown_equation_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match=r"no equation `softmx`") as e:
        dx.catalog()["softmx"]
    assert isinstance(e.value, dx.CatalogError)


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (dx.SymbolError, ValueError),
        (dx.ShapeError, ValueError),
        (dx.ParseError, ValueError),
        (dx.CatalogError, ValueError),
        (dx.PlotError, ValueError),
        (dx.VerifyTimeout, TimeoutError),
    ],
)
def test_each_error_is_a_derivax_error_and_the_builtin_it_refines(error, builtin):
    assert issubclass(error, dx.DerivaxError)
    assert issubclass(error, builtin)
    # still raised and caught by the message alone, as before
    with pytest.raises(builtin, match="the culprit"):
        raise error("the culprit")


def test_what_derivax_cannot_do_with_a_valid_input_refines_no_builtin():
    for error in (dx.CompileError, dx.DerivationError):
        assert not issubclass(error, (ValueError, TypeError, ArithmeticError))
