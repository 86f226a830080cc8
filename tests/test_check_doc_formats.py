"""check-doc in authors' workflows: GitHub workflow annotations, SARIF validated against the SARIF
2.1.0 schema, an annotated notebook that nbformat validates, and the pre-commit hook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import nbformat
import pytest
import yaml

from derivax.cli import main

ROOT = Path(__file__).resolve().parents[1]
NOTE = ROOT / "docs" / "examples" / "note.md"  # one wrong step, at line 25 (README)
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?"
    r",title=(?P<title>[^:]+)::(?P<message>.*)$"
)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def notebook(path: Path, minor: int = 5) -> Path:
    """A notebook of four cells: a proved step (cell 1), code, a wrong step and a relation derivax
    does not decide (cell 3), prose without math."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = minor
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Two steps\n<!-- derivax: symbols x: scalar -->\nThe logistic function:\n\n"
            "$$\n\\sigma(-x) = 1 - \\sigma(x)\n$$\n"
        ),
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_markdown_cell(
            "A wrong step:\n\n$$\n\\sigma(-x) = \\sigma(x)\n$$\n\nand an approximation\n\n"
            "$$\ne^x \\approx 1 + x\n$$\n"
        ),
        nbformat.v4.new_markdown_cell("No math here."),
    ]
    if minor < 5:
        for cell in nb.cells:
            cell.pop("id", None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path


# -- GitHub workflow annotations -----------------------------------------------------------------
def test_github_annotations_put_the_refuted_step_on_its_line(capsys):
    code, out, err = run(capsys, "check-doc", NOTE, "--format", "github")
    assert code == 1, err
    lines = out.splitlines()
    commands = [m.groupdict() for m in map(ANNOTATION.match, lines) if m]
    assert commands == [
        {
            "level": "error",
            "file": str(NOTE),
            "line": "25",
            "title": "derivax%3A refuted step",
            "message": commands[0]["message"],
        }
    ]
    assert commands[0]["message"].startswith(
        r"refuted `-y x \, \sigma(-y w x) = -y x \, \sigma(y w x)` at x = "
    )
    assert lines[0].startswith("::error ")  # the annotations come first, then the report
    assert "7 statements: 7 claims" in out and "claims: 6 proved, 1 refuted" in out


def test_github_annotations_of_a_notebook_name_the_cell(tmp_path, capsys):
    nb = notebook(tmp_path / "steps.ipynb")
    code, out, err = run(capsys, "check-doc", nb, "--format", "github", "-o", "-")
    assert code == 1, err
    commands = [ANNOTATION.match(line).groupdict() for line in out.splitlines()]
    assert [(c["level"], c["file"], c["line"]) for c in commands] == [
        ("error", str(nb), None),
        ("notice", str(nb), None),
    ]
    assert commands[0]["message"].startswith(r"cell 3, line 4: refuted `\sigma(-x) = \sigma(x)`")
    assert commands[1]["message"].startswith(r"cell 3, line 10: not read: `e^x \approx 1 + x`")


def test_github_escaping():
    from derivax._documents._report import _escape

    assert _escape("50% a\nb: c, d") == "50%25 a%0Ab: c, d"
    assert _escape("50% a\nb: c, d", prop=True) == "50%25 a%0Ab%3A c%2C d"


# -- SARIF ----------------------------------------------------------------------------------------
def _sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path, capsys):
    nb = notebook(tmp_path / "steps.ipynb")
    out = tmp_path / "checked.sarif"
    code, _, err = run(capsys, "check-doc", NOTE, nb, "--format", "sarif", "-o", out)
    assert code == 1, err
    log = json.loads(out.read_text())
    _sarif_validator().validate(log)
    assert log["version"] == "2.1.0"
    (only_run,) = log["runs"]
    rules = [r["id"] for r in only_run["tool"]["driver"]["rules"]]
    got = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"),
        )
        for r in only_run["results"]
    ]
    assert got == [
        ("refuted", "error", NOTE.as_uri(), 25),
        ("refuted", "error", nb.as_uri(), None),
        ("unread", "note", nb.as_uri(), None),
    ]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in only_run["results"])
    assert only_run["results"][1]["message"]["text"].startswith("cell 3, line 4: refuted")


def test_the_schema_refuses_a_log_that_breaks_it():
    from derivax._documents import sarif_log

    validator = _sarif_validator()
    good = sarif_log([], "0.0")
    validator.validate(good)
    for broken in ({**good, "version": "2.0.0"}, {k: v for k, v in good.items() if k != "runs"}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)


# -- an annotated notebook ------------------------------------------------------------------------
@pytest.mark.parametrize("minor", [5, 4])  # cell ids from nbformat 4.5 on, none before
def test_the_annotated_notebook_validates_and_has_the_verdicts_after_each_cell(
    tmp_path, capsys, minor
):
    nb = notebook(tmp_path / "steps.ipynb", minor)
    before = nb.read_bytes()
    out = tmp_path / "steps.checked.ipynb"
    code, _, err = run(capsys, "check-doc", nb, "--format", "ipynb", "-o", out)
    assert code == 1, err
    assert nb.read_bytes() == before  # the author's notebook is untouched
    annotated = nbformat.read(out, as_version=4)
    nbformat.validate(annotated)
    original = nbformat.read(nb, as_version=4)
    sources = [c.source for c in annotated.cells]
    verdicts = [c for c in annotated.cells if "derivax" in c.metadata]
    assert [c.source for c in annotated.cells if "derivax" not in c.metadata] == [
        c.source for c in original.cells
    ]
    assert [sources.index(v.source) for v in verdicts] == [1, 4]  # after cells 1 and 3
    assert verdicts[0].source.startswith("**derivax** on cell 1:")
    assert r"$\sigma(-x) = 1 - \sigma(x)$ — **proved**" in verdicts[0].source
    assert "line 4: $\\sigma(-x) = \\sigma(x)$ — **REFUTED** (counterexample: x = " in (
        verdicts[1].source
    )
    assert r"line 10: $e^x \approx 1 + x$ — **UNREAD**" in verdicts[1].source
    assert all(c.cell_type == "markdown" for c in verdicts)
    assert ("id" in verdicts[0]) == (minor >= 5)


def test_the_notebook_is_replaced_only_with_force(tmp_path, capsys):
    nb = notebook(tmp_path / "steps.ipynb")
    before = nb.read_bytes()
    code, _, err = run(capsys, "check-doc", nb, "--format", "ipynb", "-o", nb)
    assert code == 2 and "exists; pass --force to replace it" in err
    assert nb.read_bytes() == before
    code, _, err = run(capsys, "check-doc", nb, "--format", "ipynb", "-o", nb, "--force")
    assert code == 1, err
    nbformat.validate(nbformat.read(nb, as_version=4))
    assert len(nbformat.read(nb, as_version=4).cells) == 6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "x.md"], "-o goes with --format"),
        (["--format", "sarif"], "--format sarif needs -o PATH"),
        (["--format", "ipynb", "-o", "x.ipynb", "EXTRA"], "--format annotates one document"),
        (["--format", "md", "-o", "-"], "is a .ipynb document; annotate it with --format ipynb"),
        (["--format", "github", "--json"], "write the annotations to a file with -o FILE"),
    ],
)
def test_check_doc_format_misuse_is_refused(tmp_path, capsys, argv, message):
    nb = notebook(tmp_path / "steps.ipynb")
    files = [nb, nb] if "EXTRA" in argv else [nb]
    code, _, err = run(capsys, "check-doc", *files, *(a for a in argv if a != "EXTRA"))
    assert code == 2 and message in err and "Traceback" not in err


# -- the pre-commit hook --------------------------------------------------------------------------
def test_the_pre_commit_hook_names_a_real_command():
    from derivax.cli import _parser

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "derivax-check-doc" and hook["language"] == "python"
    program, command, *rest = hook["entry"].split()
    assert program == "derivax"  # the console script pyproject.toml installs
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts[program] == "derivax.cli:main"
    args = _parser().parse_args([command, *rest, "paper.tex", "notes.md"])  # files appended
    assert args.command == "check-doc" and args.files == ["paper.tex", "notes.md"]
    files = re.compile(hook["files"])
    assert all(files.search(f) for f in ("a.tex", "docs/b.md", "c.ipynb"))
    assert not any(files.search(f) for f in ("a.py", "b.toml", "c.md.derivax.toml"))
