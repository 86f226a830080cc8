"""Every entry that takes a time budget refuses a bad one at once, naming it: a NaN, an infinity,
zero, a negative number, a year or more, a string, a boolean, None, an integer too large for a
float. The same words come from every entry (``_budget.require_budget``), before any work or
cache lookup, and the command line exits 2 without a traceback."""

from __future__ import annotations

import math

import pytest

import derivax as dx
from derivax._documents import check_document
from derivax.cli import main

BAD = [math.nan, math.inf, -math.inf, 0, -1.0, 1e9, 1e10, 10**40, "5", True, None]
IDS = [
    "nan",
    "inf",
    "-inf",
    "zero",
    "negative",
    "a year",
    "1e10",
    "huge int",
    "str",
    "bool",
    "None",
]

ENTRIES = {
    "check": lambda t: dx.check("x = x", timeout=t),
    "check positional": lambda t: dx.check("x = x", None, (), t),
    "check_many": lambda t: list(dx.check_many(["x = x"], timeout=t)),
    "grad": lambda t: dx.grad("x^2", "x", timeout=t),
    "derive": lambda t: dx.derive("x^2", "x", timeout=t),
    "hessian": lambda t: dx.hessian("x^2", "x", timeout=t),
    "jacobian": lambda t: dx.jacobian("W x", "x", "W: matrix[m, n]; x: vector[n]", timeout=t),
    "plot": lambda t: dx.plot("x = x", timeout=t),
    "Equation.verify": lambda t: dx.catalog()["sigmoid"].verify(timeout=t),
    "Equation.grad": lambda t: dx.catalog()["sigmoid"].grad("x", timeout=t),
    "check_document": lambda t: check_document("docs/examples/note.md", timeout=t),
}


@pytest.mark.parametrize("entry", list(ENTRIES))
@pytest.mark.parametrize("bad", BAD, ids=IDS)
def test_every_entry_refuses_a_bad_budget_naming_it(entry, bad):
    with pytest.raises(
        dx.DerivaxError, match=r"^`timeout` must be a (positive )?number of seconds"
    ):
        ENTRIES[entry](bad)


@pytest.mark.parametrize(
    "good", [1e-3, 2, 10.0, 1e9 - 1], ids=["a millisecond", "int", "float", "just below a year"]
)
def test_a_good_budget_is_taken_as_seconds(good):
    from derivax._budget import require_budget

    assert require_budget(good) == float(good) and isinstance(require_budget(good), float)


@pytest.mark.parametrize("value", ["nan", "-1", "0", "1e10", "inf"])
@pytest.mark.parametrize(
    "command", [["check", "x = x"], ["grad", "x^2", "--wrt", "x"], ["verify", "sigmoid"]]
)
def test_the_command_line_refuses_a_bad_budget_with_exit_2(capsys, command, value):
    code = main([*command, "--timeout", value])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(
        "derivax: error: --timeout: `timeout` must be a positive number of seconds"
    )
    assert "Traceback" not in err
