"""Documents: `derivax export` to LaTeX, Markdown and PDF (compiled by a real pdflatex)."""

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import sympy

import derivax as dx
from derivax._export import CheckReport, EquationReport, report, to_markdown, to_pdf, to_tex
from derivax.cli import main

CATALOG = dx.catalog()
SMALL = ["sigmoid", "kl_divergence", "least_squares", "backpropagation"]


def require_pdflatex() -> None:
    """The PDF tests need TeX Live; they fail (never skip) without it, saying how to install it."""
    if shutil.which("pdflatex") is None:
        pytest.fail(
            "pdflatex is not installed: `apt-get install texlive-latex-base texlive-latex-recommended` "
            "(.ci/run does this)"
        )


def pdf_pages(data: bytes) -> int:
    """The number of page objects in a PDF, looking inside its compressed object streams too."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = data
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            text += zlib.decompress(m.group(1))
        except zlib.error:
            pass
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text))


@pytest.fixture(scope="module")
def reports():
    return [report(CATALOG[i]) for i in SMALL]


def test_tex_document_has_each_definition_symbol_table_derivative_and_claim(reports):
    tex = to_tex(reports)
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert r"\usepackage{amsmath" in tex
    for eq_id in SMALL:
        eq = CATALOG[eq_id]
        assert rf"\section{{{eq.title}}}" in tex
        assert rf"\dxdisplay{{{eq.latex}}}" in tex  # the definition as the author wrote it
        for check in eq.checks:
            assert rf"\dxdisplay{{{check.claim}}}" in tex
    # the symbol table: each declared name with what it is
    assert r"$X$ & matrix in $\mathbb{R}^{n \times d}$ \\" in tex
    assert r"$p$ & probability vector" in tex
    # least squares: the derived gradient, and the claims' verdicts
    assert r"\nabla_{w} \mathcal{L}(w) = 2 X^\top \left(X w - y\right)" in tex
    assert tex.count(r"Verdict: \textbf{proved}") >= 5 and r"Verdict: \textbf{refuted}" in tex
    assert "the catalog expects" not in tex  # every verdict is the expected one


def test_derivatives_in_a_document_read_back_as_what_derivax_derived(reports):
    """The LaTeX a document shows for a derivative parses back to the derivative itself."""
    by_id = dict(zip(SMALL, reports, strict=True))
    for eq_id in ("sigmoid", "least_squares"):
        eq = CATALOG[eq_id]
        (d,) = by_id[eq_id].derivatives
        rhs = d.statement.split(" = ", 1)[1]
        back = dx.parse(rhs, eq.table)
        derived = eq.grad(d.wrt)
        if isinstance(derived, sympy.MatrixExpr):
            assert back == derived
        else:
            assert sympy.simplify(back - derived) == 0


def test_markdown_has_balanced_display_blocks_and_escaped_text(reports):
    md = to_markdown(reports)
    lines = md.splitlines()
    assert lines[0] == "# The derivax catalog"
    assert lines.count("$$") % 2 == 0 and lines.count("$$") >= 40
    blocks = re.findall(r"^\$\$\n(.*?)\n\$\$$", md, re.MULTILINE | re.DOTALL)
    assert CATALOG["kl_divergence"].latex in blocks
    assert "| $p$ | probability vector" in md
    assert r"`kl_divergence`" in md
    # no text outside math is left with a bare underscore (it would start emphasis)
    outside = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$|`[^`]*`", "", md, flags=re.DOTALL)
    assert not re.search(r"(?<!\\)_", outside)


def test_text_is_escaped_so_that_pdflatex_accepts_anything():
    require_pdflatex()
    nasty = r"50% of y_hat & {x} costs $5 ~ 2^3 # \relax | <a> " + "\u2264 \u2026 \u00e9"
    r = EquationReport(
        "odd_one",
        nasty,
        "losses",
        nasty,
        "x^2",
        (("x", "scalar in $\\mathbb{R}$"),),
        checks=(CheckReport("x^2 \\ge 0", (), "proved", "unknown", method=nasty, detail=nasty),),
    )
    pdf = to_pdf(to_tex([r]))
    assert pdf_pages(pdf) >= 1


def test_pdflatex_errors_name_the_line_of_the_document():
    require_pdflatex()
    r = EquationReport("broken", "Broken", "losses", "", r"x \notacommand y", ())
    with pytest.raises(
        dx.DerivaxError,
        match=r"pdflatex failed: Undefined control sequence. at line \d+ of the document: .*notacommand",
    ):
        to_pdf(to_tex([r]))


def test_cli_exports_markdown_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "sigmoid.md"
    assert main(["export", "sigmoid", "--format", "md", "-o", str(out)]) == 0
    first = out.read_text()
    assert "## Logistic sigmoid" in first and "$$" in first
    out.write_text("my notes")
    assert main(["export", "sigmoid", "--format", "md", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text() == "my notes"
    assert main(["export", "sigmoid", "--format", "md", "-o", str(out), "--force"]) == 0
    assert out.read_text() == first


@pytest.mark.parametrize(
    "argv, message",
    [
        (["export", "--format", "tex", "-o", "x.tex"], "name the equations, or pass --all"),
        (["export", "sigmoid", "--all", "--format", "tex", "-o", "x.tex"], "not both"),
        (["export", "no_such_equation", "--format", "tex", "-o", "x.tex"], "no_such_equation"),
        (["export", "sigmoid", "--format", "tex", "-o", "/no/such/folder/x.tex"], "does not exist"),
    ],
)
def test_cli_export_bad_input_exits_2(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "x.tex").exists()


def test_cli_export_pdf_without_pdflatex_says_how_to_get_it(tmp_path):
    """A PATH without TeX: the error names the Debian packages, and nothing is written."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": str(bin_dir)}
    out = tmp_path / "x.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "derivax", "export", "sigmoid", "--format", "pdf", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert (
        "texlive-latex-base texlive-latex-recommended" in run.stderr
        and "Traceback" not in run.stderr
    )
    assert not out.exists()


@pytest.mark.thorough(
    "about 26 s (every catalog claim verified, one large pdflatex run); the PDFs of one equation "
    "and of the example document run every time"
)
def test_cli_exports_the_whole_catalog_as_a_pdf(tmp_path, capsys):
    """`derivax export --all --format pdf`: every equation, compiled by pdflatex."""
    require_pdflatex()
    out = tmp_path / "catalog.pdf"
    assert main(["export", "--all", "--format", "pdf", "-o", str(out), "--json"]) == 0
    import json

    payload = json.loads(capsys.readouterr().out)
    assert payload["equations"] == list(CATALOG) and payload["format"] == "pdf"
    data = out.read_bytes()
    assert payload["bytes"] == len(data)
    assert pdf_pages(data) >= len(CATALOG)  # at least a page per equation


def test_step_labels_in_a_document_are_typeset_math_not_latex_source():
    # a step's label names its variable in math mode: the PDF shows q_k, never `q_{k}` as text
    tex = to_tex([report(CATALOG["cross_entropy"])])
    steps = [line for line in tex.splitlines() if line.startswith(r"\dxstep{")]
    labelled = [s for s in steps if "differentiate with respect to" in s]
    assert labelled, steps
    for step in labelled:
        assert r"\text{differentiate with respect to }{q_{k}}\text{:}" in step, step
    for step in steps:
        # every \text{...} of a label holds words, its math in $...$ (typeset by amsmath's
        # \text), no formula left as source: no bare subscript or superscript
        for words in re.findall(r"\\text\{([^{}]*)\}", step):
            prose = re.sub(r"\$[^$]*\$|\\[%_&#$]", "", words)
            assert not re.search(r"[_^$]", prose), (words, step)
