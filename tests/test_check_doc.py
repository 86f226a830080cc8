"""derivax check-doc: display math read out of .tex and .md, chains checked link by link, each
link reported with its line; declarations in the document and in a sidecar; unread links."""

import contextlib
import io
import json
import textwrap
from pathlib import Path

import pytest

from derivax._documents import check_document, read_document
from derivax._documents._read import clean, split_relations
from derivax.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def examples_json():
    """``check-doc EXAMPLE --json`` of an example (code, stdout, stderr), run once in a test
    process for the tests that read it."""
    done = {}

    def of(name):
        if name not in done:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["check-doc", str(EXAMPLES / name), "--json"])
            done[name] = (code, out.getvalue(), err.getvalue())
        return done[name]

    return of


def write(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return f


def rows(path):
    return [
        (p.line, p.latex, p.environment, p.continues)
        for e in read_document(path).events
        if e.kind == "math"
        for p in e.pieces
    ]


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        (r"a &= b \label{eq:1}", "a = b"),
        (r"a = b, \nonumber", "a = b"),
        (r"a = b \tag{3}.", "a = b"),
        (r"a = b \quad \text{(by parts)},", "a = b"),
        (r"a = b \text{ for } x > 0", "a = b x > 0"),
        (r"&= c;", "= c"),
    ],
)
def test_clean_strips_layout_and_remarks(raw, cleaned):
    assert clean(raw) == cleaned


def test_split_relations_only_at_top_level():
    assert split_relations(r"a = \frac{b = c}{d} \le e") == [
        ("", "a"),
        ("=", r"\frac{b = c}{d}"),
        (r"\le", "e"),
    ]
    assert split_relations(r"\left(x\right) \geq y") == [("", r"\left(x\right)"), (r"\geq", "y")]
    # \leftarrow is an update, a relation of its own, not \le followed by "ftarrow"
    assert split_relations(r"a \leftarrow b") == [("", "a"), (r"\leftarrow", "b")]
    assert split_relations(r"a \left( b \right) \lessdot c") == [
        ("", r"a \left( b \right) \lessdot c")
    ]


def test_every_environment_is_found_with_its_line(tmp_path):
    f = write(
        tmp_path,
        "all.tex",
        r"""
        \begin{equation} a = 1 \end{equation}
        \begin{equation*} b = 2 \end{equation*}
        \begin{align} c &= 3 \\ d &= 4 \end{align}
        \begin{align*} e = 5 \end{align*}
        \begin{gather} f = 6 \end{gather}
        \begin{multline} g \\ = 7 \end{multline}
        \[ h = 8 \]
        $$ i = 9 $$
        % \[ commented = out \]
    """,
    )
    got = rows(f)
    assert [r[1] for r in got] == [
        "a = 1",
        "b = 2",
        "c = 3",
        "d = 4",
        "e = 5",
        "f = 6",
        "g = 7",
        "h = 8",
        "i = 9",
    ]
    assert [r[0] for r in got] == [1, 2, 3, 3, 4, 5, 6, 7, 8]
    assert [r[2] for r in got] == [
        "equation",
        "equation*",
        "align",
        "align",
        "align*",
        "gather",
        "multline",
        r"\[ \]",
        "$$",
    ]


def test_an_environment_inside_markdown_display_math(tmp_path):
    f = write(
        tmp_path,
        "n.md",
        r"""
        <!-- derivax: symbols a: scalar -->
        $$
        \begin{align*}
        a + a &= 2 a \\
         &= 3 a
        \end{align*}
        $$
    """,
    )
    assert [(x.line, x.lhs, x.rhs, x.status) for x in check_document(f)] == [
        (4, "a + a", "2 a", "proved"),
        (5, "2 a", "3 a", "refuted"),
    ]


def test_a_multi_line_chain_is_checked_link_by_link_at_the_line_of_each_step(tmp_path):
    f = write(
        tmp_path,
        "chain.tex",
        r"""
        % derivax: symbols a, b: scalar
        \begin{align}
          (a + b)^2 &= a^2 + 2 a b + b^2 \label{one} \\
                    &= a^2 + b^2 + 2 b a \nonumber \\
                    &= a^2 + b^2 \qquad \text{(wrong)}, \\
                    &\le a^2 + b^2 + 1 .
        \end{align}
    """,
    )
    links = check_document(f, timeout=10.0)
    assert [(x.line, x.relation, x.status) for x in links] == [
        (3, "=", "proved"),
        (4, "=", "proved"),
        (5, "=", "refuted"),
        (6, r"\le", "proved"),
    ]
    assert links[2].lhs == "a^2 + b^2 + 2 b a" and links[2].rhs == "a^2 + b^2"
    assert set(links[2].counterexample) == {"a", "b"}


def test_a_link_inside_a_row_that_spans_lines_is_reported_at_its_relation(tmp_path):
    f = write(
        tmp_path,
        "rows.tex",
        r"""
        % derivax: symbols a: scalar
        \begin{equation}
          (a + 1)^2
            = a^2 + 2 a + 1
            = a^2 + 1
        \end{equation}
    """,
    )
    assert [(x.line, x.status) for x in check_document(f)] == [(4, "proved"), (5, "refuted")]


def test_declarations_in_the_document_and_in_a_sidecar(tmp_path):
    md = write(
        tmp_path,
        "note.md",
        r"""
        <!-- derivax: symbols p: simplex[n]; k: index; n: dim -->
        $$ \sum_{k=1}^{n} p_k = 1 $$

        ```
        $$ 1 = 2 $$
        ```
        <!-- derivax: given E = \sum_{k=1}^{n} p_k -->
        $$ E = 1 $$
    """,
    )
    links = check_document(md)
    assert [(x.line, x.status) for x in links] == [(2, "proved"), (8, "proved")]

    tex = write(
        tmp_path,
        "paper.tex",
        r"""
        \[ \sum_{k=1}^{n} p_k = 1 \]
    """,
    )
    undeclared = check_document(tex)
    assert undeclared[0].status != "proved"  # p is a plain scalar without the sidecar
    (tmp_path / "paper.tex.derivax.toml").write_text(
        'symbols = "p: simplex[n]; k: index; n: dim"\n'
    )
    assert check_document(tex)[0].status == "proved"


def test_definitions_are_givens_for_what_follows(tmp_path):
    f = write(
        tmp_path,
        "def.tex",
        r"""
        % derivax: symbols x: scalar
        \begin{equation} g := x^2 + 1 \end{equation}
        \begin{equation} g \ge 1 \end{equation}
        % derivax: given h = 2 x
        \[ h - x = x \]
    """,
    )
    links = check_document(f)
    assert [(x.line, x.status) for x in links] == [(2, "definition"), (3, "proved"), (5, "proved")]


def test_an_unreadable_link_is_reported_with_its_reason_never_skipped(tmp_path, capsys):
    f = write(
        tmp_path,
        "bad.tex",
        r"""
        \begin{gather}
          x + 1 = 1 + x \\
          x \approx 2 \\
          \frac{1}{x}} = 2 \\
          \sqrt{x = 1 \\
          \foo{x} = 1
        \end{gather}
    """,
    )
    links = check_document(f)
    assert [x.status for x in links] == ["proved", "unread", "unread", "unread", "unread"]
    assert [x.line for x in links] == [2, 3, 4, 5, 6]
    assert all(x.reason for x in links[1:])
    assert r"`\approx` between expressions is not a relation" in links[1].reason
    code, out, err = run(capsys, "check-doc", f)
    assert code == 3, err
    assert f"{f}:3: unread" in out
    assert "5 statements: 1 claim, 4 unread" in out and "claims: 1 proved" in out
    # the unread are grouped by what stopped them
    assert r"\approx" in out.split("unread, by what stopped them:")[1]


def test_the_examples_find_their_wrong_step_at_its_line(capsys, examples_json):
    for name, wrong_line in (("derivations.tex", 39), ("note.md", 25)):
        path = EXAMPLES / name
        code, out, err = examples_json(name)
        assert code == 1, err
        links = json.loads(out)["links"]
        refuted = [x for x in links if x["status"] == "refuted"]
        assert [x["line"] for x in refuted] == [wrong_line], name
        assert refuted[0]["counterexample"]
        claims = [x for x in links if x["kind"] == "claim"]
        assert {x["status"] for x in claims} <= {"proved", "plausible", "refuted"}, name
        # only claims carry a verdict; the other statements say what they are
        assert all(x["status"] is None for x in links if x["kind"] != "claim"), name
        assert {x["kind"] for x in links} <= {"claim", "definition"}, name
        text = path.read_text().splitlines()
        assert "deliberately wrong" in text[wrong_line - 1] or name.endswith(".tex")
    code, out, _ = run(capsys, "check-doc", EXAMPLES / "note.md")
    assert code == 1 and "note.md:25: refuted" in out and "REFUTED" in out


def test_bad_input_exits_2(tmp_path, capsys):
    f = write(tmp_path, "x.txt", "a = b")
    code, _, err = run(capsys, "check-doc", f)
    assert code == 2 and "reads .tex, .md and .ipynb files" in err
    code, _, err = run(capsys, "check-doc", tmp_path / "missing.tex")
    assert code == 2 and "cannot read" in err
    g = write(tmp_path, "y.tex", "% derivax: symbols x: vectr[n]\n\\[ x = x \\]\n")
    code, _, err = run(capsys, "check-doc", g)
    assert code == 2 and "vectr" in err and "line 1" in err


def test_annotated_markdown_and_the_pdf_of_the_tex_example(tmp_path, capsys):
    out_md = tmp_path / "checked.md"
    code, _, err = run(capsys, "check-doc", EXAMPLES / "note.md", "--format", "md", "-o", out_md)
    assert code == 1, err
    text = out_md.read_text()
    original = (EXAMPLES / "note.md").read_text()
    assert text.count("> derivax, line") == 7  # one note per link
    wrong = text.index("> derivax, line 25:")
    assert "**REFUTED** (counterexample: x = " in text[wrong:].splitlines()[0]
    assert text.index(r"\end{aligned}") < wrong  # right after its display
    assert all(
        line in text.splitlines() for line in original.splitlines()
    )  # the author's text is kept

    code, _, err = run(capsys, "check-doc", EXAMPLES / "note.md", "--format", "md", "-o", out_md)
    assert code == 2 and "pass --force" in err

    pdf = tmp_path / "checked.pdf"
    code, _, err = run(
        capsys, "check-doc", EXAMPLES / "derivations.tex", "--format", "pdf", "-o", pdf
    )
    assert code == 1, err  # the deliberately wrong step; the PDF is written all the same
    assert pdf.read_bytes().startswith(b"%PDF")
    code, out, err = run(
        capsys, "check-doc", EXAMPLES / "derivations.tex", "--format", "tex", "-o", "-"
    )
    assert r"line 39: $" in out and r"\textbf{REFUTED}" in out

    code, _, err = run(
        capsys, "check-doc", EXAMPLES / "note.md", "--format", "tex", "-o", tmp_path / "x.tex"
    )
    assert code == 2 and "annotate it with --format md" in err


def test_the_markdown_cells_of_a_notebook(tmp_path, capsys):
    cells = [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "<!-- derivax: symbols a: scalar -->\n",
                "Doubling:\n",
                "$$ a + a = 2 a $$\n",
            ],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "source": ["# $$ 1 = 2 $$ is code, not math\n"],
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "markdown", "metadata": {}, "source": "$$\n2 a = 3 a\n$$"},
    ]
    nb = tmp_path / "nb.ipynb"
    nb.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    links = check_document(nb)
    assert [(x.file, x.line, x.status) for x in links] == [
        (f"{nb} cell 1", 3, "proved"),
        (f"{nb} cell 3", 2, "refuted"),
    ]
    code, out, _ = run(capsys, "check-doc", nb)
    assert code == 1 and f"{nb} cell 3:2: refuted `2 a = 3 a`" in out
    bad = tmp_path / "bad.ipynb"
    bad.write_text("not json")
    code, _, err = run(capsys, "check-doc", bad)
    assert code == 2 and "is not a Jupyter notebook" in err


@pytest.mark.parametrize(
    "content",
    [
        # nbformat 3 keeps its cells in worksheets: a wrong step there must not pass unseen
        {
            "nbformat": 3,
            "nbformat_minor": 0,
            "metadata": {},
            "worksheets": [{"cells": [{"cell_type": "markdown", "source": ["$$ 2 a = 3 a $$"]}]}],
        },
        {"metadata": {}, "cells": [{"cell_type": "markdown", "source": "$$ 2 a = 3 a $$"}]},
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}},
        [1, 2],
    ],
    ids=["nbformat 3", "no version", "no cells", "a list"],
)
def test_a_notebook_check_doc_cannot_read_is_refused_not_passed(tmp_path, capsys, content):
    nb = tmp_path / "old.ipynb"
    nb.write_text(json.dumps(content))
    code, out, err = run(capsys, "check-doc", nb)
    assert code == 2 and out == "", (code, out)
    assert f"`{nb}`" in err and "nbformat 4" in err and "Traceback" not in err


def test_the_tex_example_is_written_with_its_own_macros_and_layout(examples_json):
    path = EXAMPLES / "derivations.tex"
    text = path.read_text()
    # what the example exercises: macros with arguments, an operator, an implication between two
    # statements and a bracket that runs over two rows of an align
    for construct in (r"\newcommand{\dd}[2]", r"\DeclareMathOperator", r"\implies", r"\right."):
        assert construct in text
    code, out, _ = examples_json("derivations.tex")
    links = json.loads(out)["links"]
    assert code == 1
    assert [x["line"] for x in links if x["status"] == "refuted"] == [39]
    assert not [x for x in links if x["kind"] == "unread"]
    # the statement after \implies is checked on its own, and the joined rows as one claim
    assert any(x["line"] == 25 and x["lhs"].startswith(r"\operatorname{sigmoid}") for x in links)
    assert any(x["line"] == 29 and x["status"] == "proved" for x in links)
