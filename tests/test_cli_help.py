"""The command line teaches: each command's --help, did-you-mean for a mistyped command or option,
and messages that name what derivax does not decide."""

from __future__ import annotations

import pytest

from derivax.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("relation", "meaning"),
    [
        (r"\approx", "approximately equal"),
        (r"\simeq", "approximately equal"),
        (r"\propto", "proportional to"),
        (r"\ll", "much less than"),
        (r"\gg", "much greater than"),
    ],
)
def test_a_relation_derivax_does_not_decide_is_named_as_one(capsys, relation, meaning):
    code, out, err = run(capsys, "check", f"e^x {relation} 1 + x")
    assert code == 2 and out == ""
    assert f"`{relation}` ({meaning}) is a relation derivax does not decide" in err
    assert "unknown command" not in err and "Traceback" not in err
