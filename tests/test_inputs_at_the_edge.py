"""What the public functions take as an expression: LaTeX, a SymPy object, or a catalog entry
(read with its own symbol table, the same as its LaTeX with that table); anything else is refused
with an error that is both a DerivaxError and a TypeError and names what is accepted (a catalog
entry passed to ``evaluate`` or ``compile`` was an internal error, "a bug worth reporting", and
``to_latex`` rendered its repr)."""

from __future__ import annotations

import numpy as np
import pytest

import derivax as dx

ENTRY = "sigmoid"


def _entry():
    return dx.catalog()[ENTRY]


def test_a_catalog_entry_is_read_as_its_latex_with_its_table():
    eq = _entry()
    assert float(dx.evaluate(eq, {"x": 0.5})) == pytest.approx(1 / (1 + np.exp(-0.5)), rel=1e-15)
    assert float(dx.compile(eq)(x=-2.0)) == pytest.approx(1 / (1 + np.exp(2.0)), rel=1e-6)
    written = dx.grad(eq.latex, "x", eq.table)
    assert dx.grad(eq, "x") == written
    assert dx.derive(eq, "x").result == written
    assert dx.to_latex(eq) == eq.to_latex()


@pytest.mark.parametrize(
    "call",
    [
        lambda e: dx.evaluate(e, {}),
        lambda e: dx.compile(e),
        lambda e: dx.grad(e, "x"),
        lambda e: dx.jacobian(e, "x"),
        lambda e: dx.hessian(e, "x"),
        lambda e: dx.derive(e, "x"),
        lambda e: dx.to_latex(e),
        lambda e: dx.check(e),
    ],
    ids=["evaluate", "compile", "grad", "jacobian", "hessian", "derive", "to_latex", "check"],
)
@pytest.mark.parametrize("bad", [3, 2.5, None, ["x"], {"x": 1}, np.float64(1.0)], ids=repr)
def test_anything_else_is_refused_naming_what_is_accepted(call, bad):
    with pytest.raises(TypeError) as e:
        call(bad)
    assert isinstance(e.value, dx.DerivaxError)
    assert "a bug" not in str(e.value)
    assert "LaTeX" in str(e.value)


def test_a_catalog_entry_with_another_table_is_refused():
    with pytest.raises(TypeError, match="its own symbol table"):
        dx.grad(_entry(), "x", "x: vector[n]")


def test_a_catalog_entry_is_no_claim_and_the_refusal_says_how_to_check_it():
    with pytest.raises(TypeError, match=r"verify\(\)"):
        dx.check(_entry())
