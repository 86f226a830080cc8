"""The command line teaches: each command's --help, did-you-mean for a mistyped command or option,
and messages that name what derivax does not decide."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import derivax as dx
from derivax.cli import main
from derivax.symbols import (
    FAMILY_KINDS,
    FUNCTION_QUALIFIERS,
    KINDS,
    QUALIFIERS,
    RANDOM_QUALIFIERS,
    parse_symbols,
)

SRC = str(Path(__file__).resolve().parents[1] / "src")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("relation", "meaning"),
    [
        (r"\approx", "approximately equal"),
        (r"\simeq", "approximately equal"),
        (r"\ll", "much less than"),
        (r"\gg", "much greater than"),
    ],
)
def test_a_relation_derivax_does_not_decide_is_named_as_one(capsys, relation, meaning):
    code, out, err = run(capsys, "check", f"e^x {relation} 1 + x")
    assert code == 2 and out == ""
    assert f"`{relation}` ({meaning}) is a relation derivax does not decide" in err
    assert "unknown command" not in err and "Traceback" not in err


# -- --help that teaches ------------------------------------------------------------------------
def _commands() -> dict[str, argparse.ArgumentParser]:
    from derivax.cli import _parser

    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("derivax has no commands")


COMMANDS = sorted(_commands())


def _help(capsys, name: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def _section(text: str, title: str) -> list[str]:
    """The indented lines under ``title:`` (continuation lines joined to their item)."""
    lines = text.split(f"\n{title}:\n", 1)[1].split("\n\n")[0].splitlines()
    items: list[str] = []
    for line in lines:
        if line.startswith("      ") and items:  # a continued example or a wrapped row
            items[-1] = items[-1].rstrip("\\ ") + " " + line.strip()
        else:
            items.append(line.strip())
    return items


def test_every_command_is_in_the_help_and_has_its_own():
    assert COMMANDS == sorted(
        "list show parse grad eval compile check verify export new check-doc plot".split()
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_each_help_gives_exit_codes_and_two_examples_that_parse(capsys, name):
    from derivax.cli import _parser

    text = _help(capsys, name)
    codes = [line.split()[0] for line in _section(text, "exit codes")]
    assert codes[0] == "0" and "2" in codes  # success, and bad input
    examples = _section(text, "examples")
    assert len(examples) == 2
    for example in examples:
        argv = shlex.split(example.split("   #")[0])
        assert argv[:2] == ["derivax", name], example
        args = _parser().parse_args(argv[1:])  # an example is a command derivax accepts
        assert args.command == name


def test_the_exit_codes_of_check_are_the_documented_ones(capsys):
    rows = dict(line.split(maxsplit=1) for line in _section(_help(capsys, "check"), "exit codes"))
    assert set(rows) == {"0", "1", "2", "3"}
    assert "proved" in rows["0"] and "plausible" in rows["0"]
    assert "refuted" in rows["1"] and "bad input" in rows["2"]
    assert "unknown" in rows["3"] and "timeout" in rows["3"]


def _row(text: str, label: str) -> list[str]:
    """A row of the symbol-table section: `kinds:` or `qualifiers:`, wrapped over lines."""
    block = text.split(f"  {label}:", 1)[1]
    lines = [block.splitlines()[0]]
    for line in block.splitlines()[1:]:
        if not line.startswith(" " * 15):
            break
        lines.append(line)
    return [item.strip() for item in re.split(r",(?![^\[]*\])", " ".join(lines))]


@pytest.mark.parametrize(
    "name", [n for n in COMMANDS if "--symbols" in _commands()[n].format_help()]
)
def test_the_symbol_table_in_help_is_the_one_derivax_reads(capsys, name):
    text = _help(capsys, name)
    kinds = _row(text, "kinds")
    qualifiers = _row(text, "qualifiers")
    # the same kinds and qualifiers as the table module (no second copy that can drift)
    assert {k.split("[")[0] for k in kinds} == set(KINDS)
    assert {q.split()[0] for q in qualifiers} == set(QUALIFIERS)
    assert {q.split()[0] for q in qualifiers if "(random only)" in q} == set(RANDOM_QUALIFIERS)
    # and each as shown is a declaration the table accepts
    for kind in kinds:
        if kind.split("[")[0] in FAMILY_KINDS:  # a family names its data matrix: x_i: column[X]
            a = parse_symbols(f"a_i: {kind}; X: matrix[m, n]")["a_i"]
            assert a.kind == kind.split("[")[0] and a.shape == ("X",)
            continue
        a = parse_symbols(f"a: {kind}")["a"]
        if kind.startswith("random"):  # a random scalar, or a vector of random variables
            assert a.is_random and a.kind == ("vector" if "[" in kind else "scalar")
        elif kind.startswith("labels"):  # m class labels: a vector of whole numbers 1..k
            assert (a.kind, a.shape, a.classes) == ("vector", ("m",), "k")
            continue
        elif kind.startswith("label"):  # one class label: a whole number 1..k
            assert (a.kind, a.shape, a.classes) == ("scalar", (), "k")
            continue
        else:
            assert a.kind == kind.split("[")[0]
        assert len(a.shape) == kind.count(",") + ("[" in kind)
    assert {q.split()[0] for q in qualifiers if "(function only)" in q} == set(FUNCTION_QUALIFIERS)
    for q in qualifiers:
        word = q.split()[0]
        kind = (
            "random[n]"
            if word in RANDOM_QUALIFIERS
            else "function"
            if word in FUNCTION_QUALIFIERS
            else "scalar"
        )
        assert word in parse_symbols(f"a: {kind}, {word}")["a"].qualifiers


def test_the_relations_the_help_names_are_the_ones_derivax_reads():
    from derivax.cli._options import CLAIM_SYNTAX

    reads, refuses = CLAIM_SYNTAX.split("REL one of ")[1].split(". Quote")[0], CLAIM_SYNTAX
    for rel in re.findall(r"(?:\\[a-z]+|[=<>])", reads):
        assert isinstance(dx.parse(f"a {rel} b"), sympy.core.relational.Relational), rel
    undecided = re.findall(r"\\[a-z]+", refuses.split("Quote it")[1].split("are relations")[0])
    assert undecided == [r"\approx", r"\simeq", r"\ll", r"\gg"]
    for rel in undecided:
        with pytest.raises(dx.ParseError, match="is a relation derivax does not decide"):
            dx.parse(f"a {rel} b")
    assert "\\propto_{x}" in refuses
    assert dx.parse(r"a \propto_{x} b x").variable.name == "x"


def test_check_doc_help_names_notebooks_and_every_format(capsys):
    text = " ".join(_help(capsys, "check-doc").split())
    assert ".ipynb" in text
    for fmt in ("md", "tex", "pdf", "ipynb", "github", "sarif"):
        assert f"{fmt}: " in text


# -- did you mean ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["chek", "x = x"], "unknown command `chek`; did you mean `check`?"),
        (["check-dco", "a.md"], "unknown command `check-dco`; did you mean `check-doc`?"),
        (["verfy", "--all"], "unknown command `verfy`; did you mean `verify`?"),
        (
            ["check", "x = x", "--symbls", "x: scalar"],
            "no option `--symbls` (did you mean `--symbols`?)",
        ),
        (
            ["list", "--aera", "losses"],
            "`derivax list` has no option `--aera` (did you mean `--area`?)",
        ),
        (
            ["check-doc", "a.md", "--format", "githb"],
            "invalid choice `githb`; did you mean `github`?",
        ),
        (["check", "x", "=", "x"], "takes no more arguments: `=`, `x` (quote a claim"),
        (["check-doc", "a.md", "--timeout", "5", "b.md"], "`b.md` (give them before the options)"),
    ],
)
def test_a_mistyped_command_or_option_gets_a_suggestion_and_exit_2(capsys, argv, said):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert said in err and "Traceback" not in err


def test_did_you_mean_from_the_shell():
    r = subprocess.run(
        [sys.executable, "-m", "derivax", "chek", "x = x"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=120,
    )
    assert r.returncode == 2 and r.stdout == ""
    assert "derivax: error: unknown command `chek`; did you mean `check`?" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_word_far_from_every_command_gets_no_suggestion(capsys):
    with pytest.raises(SystemExit):
        main(["frobnicate"])
    err = capsys.readouterr().err
    assert "unknown command `frobnicate` (commands: list, show" in err and "did you mean" not in err
