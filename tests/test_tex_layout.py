r"""check-doc on LaTeX as authors write it: the document's own macros (``\newcommand`` with and
without arguments, ``\def``, ``\let``, ``\DeclareMathOperator``, a macro file read with
``\input``) expanded in every display with the source lines kept, and rows laid out as TeX lays
them out (brackets and relations across ``\\``, matrices inside align rows, ``\Bigg{[}``).

The expected verdicts are the mathematics of each line, worked by hand: ``\|x\|^2 = x^\top x``
holds, ``\operatorname{tr}(A^\top B) = \operatorname{tr}(AB)`` does not for general square
matrices (A = B = [[0, 1], [0, 0]] gives 1 against 0), and so on at each line."""

import textwrap
from pathlib import Path

import pytest

from derivax._documents import check_document, read_document
from derivax._documents._macros import (
    Macro,
    expand,
    macros_at,
    mask_comments,
    read_definitions,
)


def write(folder: Path, name: str, text: str) -> Path:
    f = folder / name
    f.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return f


def rows(path):
    return [(p.line, p.latex, p.problem) for e in read_document(path).events for p in e.pieces]


def verdicts(path):
    return [(x.line, x.status) for x in check_document(path, timeout=20)]


PAPER = r"""
\documentclass{article}
\usepackage{amsmath}
\input{macros}
\newcommand{\norm}[1]{%
  \left\|#1\right\|%
}
\newcommand{\sqnorm}[1]{\norm{#1}^2}
\def\T{^\top}
\let\eps\epsilon
\begin{document}
% derivax: symbols x: vector[3]; y: vector[3]; A: matrix[3, 3]; B: matrix[3, 3]; epsilon: scalar
We expand the squared norm.
\begin{align}
  \sqnorm{\x} &= \x\tran \x \\
  \tr(A\T B) &= \tr(A B) \\
  \norm{\x
    + \y}^2 &= \x\T\x + 2 \x\T\y + \y\T\y \\
  \eps \, \tr(A) &= \tr(\eps A)
\end{align}
\end{document}
"""

MACROS = r"""
% notation
\newcommand{\x}{\mathbf{x}}
\newcommand{\y}{\mathbf{y}}
\newcommand{\tran}{^\top}
\DeclareMathOperator{\tr}{tr}
"""


def test_a_paper_with_its_own_macros_is_checked_on_its_lines(tmp_path):
    write(tmp_path, "macros.tex", MACROS)
    paper = write(tmp_path, "paper.tex", PAPER)
    # the display starts at line 14 of paper.tex, after a \newcommand written over three lines;
    # the third row's argument runs over two lines, so the fourth row is on line 18
    assert rows(paper) == [
        (14, r"\left\|\mathbf{x}\right\|^2 = \mathbf{x}^\top \mathbf{x}", ""),
        (15, r"\operatorname{tr}(A^\top B) = \operatorname{tr}(A B)", ""),
        (
            16,
            r"\left\|\mathbf{x} + \mathbf{y}\right\| ^2 = \mathbf{x}^\top\mathbf{x} + 2 "
            r"\mathbf{x}^\top\mathbf{y} + \mathbf{y}^\top\mathbf{y}",
            "",
        ),
        (18, r"\epsilon \, \operatorname{tr}(A) = \operatorname{tr}(\epsilon A)", ""),
    ]
    # the relation of the third row is on line 17, where the author wrote it
    assert verdicts(paper) == [(14, "proved"), (15, "refuted"), (17, "proved"), (18, "proved")]


def test_a_macro_never_defined_leaves_its_row_unread_naming_it(tmp_path):
    f = write(
        tmp_path,
        "undefined.tex",
        r"""
        \newcommand{\x}{\mathbf{x}}
        \newcommand{\y}{\mathbf{y}}
        % derivax: symbols x: vector[2]; y: vector[2]
        \begin{align}
          \x^\top \y &= \y^\top \x \\
          \vnorm{\x} &= 1
        \end{align}
        """,
    )
    links = check_document(f)
    assert [(x.line, x.status) for x in links] == [(5, "proved"), (6, "unread")]
    assert r"`\vnorm`" in links[1].reason


def test_a_recursive_macro_is_an_error_naming_it(tmp_path):
    f = write(
        tmp_path,
        "loop.tex",
        r"""
        \newcommand{\grow}{\grow + 1}
        \def\ping{\pong}
        \def\pong{\ping}
        % derivax: symbols a: scalar
        \begin{align}
          a + \grow &= \grow + a \\
          a \ping &= a \\
          a + a &= 2 a
        \end{align}
        """,
    )
    read = rows(f)
    assert [line for line, _, _ in read] == [6, 7, 8]
    assert r"`\grow` (`loop.tex` line 1) expands without end" in read[0][2]
    assert r"`\ping`" in read[1][2] or r"`\pong`" in read[1][2]
    assert "expands without end" in read[1][2]
    assert read[2][2] == ""
    links = check_document(f)
    assert [(x.line, x.status) for x in links][-1] == (8, "proved")
    for link in links[:-1]:  # never a verdict through a macro that does not expand
        assert link.status not in ("proved", "refuted", "plausible")
        assert "grow" in link.reason or "ping" in link.reason or "pong" in link.reason


def test_rows_as_tex_lays_them_out(tmp_path):
    f = write(
        tmp_path,
        "layout.tex",
        r"""
        % derivax: symbols a: scalar; b: scalar; c: scalar
        \begin{align}
          a + \left( b \right. \\
            &\qquad \left. + c \right) = a + b + c \\
          \bigl[ a + b &+ c \\
            &+ 1 \bigr] = a + b + c + 2 \\
          (a + b)^2 &= \\
            &\quad a^2 + 2 a b + b^2 \\
          \begin{bmatrix} a \\ b \end{bmatrix}^\top
          \begin{bmatrix} a \\ b \end{bmatrix} &= a^2 + b^2 \\
          \Bigg{[} a \Bigg{]}^2 &= a^2 + b \\
          a\cdot b &= b a + \\
            &\quad c - c
        \end{align}
        """,
    )
    assert [(line, latex) for line, latex, _ in rows(f)] == [
        (3, r"a + \left( b \qquad + c \right) = a + b + c"),
        (5, r"\bigl[ a + b + c + 1 \bigr] = a + b + c + 2"),
        (7, r"(a + b)^2 = \quad a^2 + 2 a b + b^2"),
        (
            9,
            r"\begin{bmatrix} a \\ b \end{bmatrix}^\top \begin{bmatrix} a \\ b \end{bmatrix} "
            r"= a^2 + b^2",
        ),
        (11, r"\Bigg[ a \Bigg]^2 = a^2 + b"),
        (12, r"a\cdot b = b a + \quad c - c"),
    ]
    links = check_document(f)
    read = [(x.line, x.status) for x in links]
    # each link at the line of its relation: the bracket of line 5 closes on line 6
    assert read == [
        (4, "proved"),
        (6, "refuted"),
        (7, "proved"),
        (10, "proved"),
        (11, "refuted"),
        (12, "proved"),
    ]


def test_a_row_ending_in_a_relation_goes_on_over_the_next(tmp_path):
    f = write(
        tmp_path,
        "trail.tex",
        r"""
        % derivax: symbols a: scalar; b: scalar
        \begin{align*}
          (a - b)(a + b) = \\
            a^2 - b^2 = \\
            a^2 + b^2
        \end{align*}
        """,
    )
    assert [(line, latex) for line, latex, _ in rows(f)] == [
        (3, r"(a - b)(a + b) = a^2 - b^2 = a^2 + b^2")
    ]
    assert verdicts(f) == [(3, "proved"), (4, "refuted")]


# ---- macro expansion on its own -----------------------------------------------------------


def table(preamble: str) -> dict[str, Macro]:
    return macros_at(read_definitions(mask_comments(preamble)), len(preamble) + 1)


@pytest.mark.parametrize(
    "preamble, display, expanded",
    [
        (r"\newcommand{\x}{\mathbf{x}}", r"\x_i + \xi", r"\mathbf{x}_i + \xi"),
        (r"\newcommand\x{\mathbf{x}}", r"y^\x", r"y^{\mathbf{x}}"),
        (r"\newcommand\h{\frac{1}{2}}", r"y^ \h", r"y^ {\frac{1}{2}}"),
        (r"\newcommand\n{{i+1}}", r"x_\n", r"x_{{i+1}}"),
        (r"\renewcommand{\x}[1]{#1^2}", r"\x{ab} + \x c", r"ab^2 + c^2"),
        (r"\providecommand{\x}{u}", r"\x", "u"),
        (r"\newcommand{\x}{u}\providecommand{\x}{v}", r"\x", "u"),
        (r"\newcommand{\E}[2][x]{\mathbb{E}_{#1}[#2]}", r"\E{f}", r"\mathbb{E}_{x}[f]"),
        (r"\newcommand{\E}[2][x]{\mathbb{E}_{#1}[#2]}", r"\E[y]{f}", r"\mathbb{E}_{y}[f]"),
        (r"\def\pair#1#2{(#1, #2)}", r"\pair ab", "(a, b)"),
        (r"\def\T{^\top}", r"A\T B", r"A^\top B"),
        (r"\let\eps\epsilon", r"\eps x", r"\epsilon x"),
        (r"\let\eps=\epsilon", r"\eps", r"\epsilon"),
        # \let keeps TeX's \exp even when the document then redefines \exp through it
        (r"\let\oldexp\exp\renewcommand{\exp}[1]{\oldexp(#1)}", r"\exp{x}", r"\exp(x)"),
        # \let copies the meaning at that point; a later \renewcommand of the original leaves it
        (r"\newcommand{\a}{1}\let\b\a\renewcommand{\a}{2}", r"\a + \b", "2 + 1"),
        (r"\DeclareMathOperator{\tr}{tr}", r"\tr A", r"\operatorname{tr} A"),
        (r"\DeclareMathOperator*{\argmin}{arg\,min}", r"\argmin_x", r"\operatorname{arg\,min}_x"),
        (
            r"\DeclarePairedDelimiter\abs{\lvert}{\rvert}",
            r"\abs*{x}",
            r"\left\lvert x \right\rvert",
        ),
        (
            r"\DeclarePairedDelimiter\abs{\lvert}{\rvert}",
            r"\abs[\Big]{x}",
            r"\Bigl\lvert x \Bigr\rvert",
        ),
        (r"\newcommand{\x}{\mathbf{x}} % \newcommand{\x}{z}", r"\x", r"\mathbf{x}"),
        (r"\newcommand{\hash}[1]{##1}", r"\hash{a}", "#1"),
        (
            "",
            r"\mathbbm{1} + \bm{x} + \dfrac{a}{b} + \tfrac12",
            r"\mathbb{1} + \boldsymbol{x} + \frac{a}{b} + \frac12",
        ),
        (r"\newcommand{\bm}[1]{\mathbf{#1}}", r"\bm{x}", r"\mathbf{x}"),
        ("", r"\mathrm{d}x", r"\mathrm{d}x"),
    ],
)
def test_expansion(preamble, display, expanded):
    got = expand(display, table(preamble))
    assert (got.text, dict(got.problems)) == (expanded, {})


@pytest.mark.parametrize(
    "preamble, display, name, why",
    [
        (r"\newcommand{\n}[2]{#1 #2}", r"\n{a}", r"\n", "takes 2 arguments; the display ends"),
        (r"\newcommand{\n}[1]{#1}", r"\n{a", r"\n", "braces `{` do not close"),
        # TeX sets x_i + 1 for x_\n with \n = i+1: refused rather than read as x_{i+1}
        (r"\newcommand{\n}{i+1}", r"x_\n", r"\n", "TeX sets only the first token of `i+1`"),
        (r"\newcommand{\n}[1]{#1}", r"a = \n}", r"\n", "`}` comes where an argument"),
        (r"\newcommand{\n}[x]{#1}", r"\n{a}", r"\n", "argument count `[x]`"),
        (r"\newcommand{\n}{a", r"\n", r"\n", "body is not a balanced"),
        (r"\def\n#1.{#1}", r"\n a.", r"\n", "parameter text `#1.` is delimited"),
    ],
)
def test_a_macro_that_does_not_expand_is_named_and_left_as_written(preamble, display, name, why):
    got = expand(display, table(preamble))
    assert got.text == display
    assert list(got.problems) == [name]
    assert f"`{name}`" in got.problems[name] and why in got.problems[name]


def test_line_breaks_are_kept_by_every_expansion():
    t = table(r"\newcommand{\twice}[1]{#1 + #1}\newcommand{\drop}[1]{0}")
    text = "a = \\twice{b\n + c}\n = \\drop{d\n\ne} + f"
    got = expand(text, t).text
    assert got.count("\n") == text.count("\n") == 4
    assert " ".join(got.split()) == "a = b + c + b + c = 0 + f"
    # what comes after each macro stays on its own line
    assert got.split("\n")[2].strip() == "= 0"
    assert got.split("\n")[4].strip() == "+ f"


def test_definitions_apply_from_where_they_are_written(tmp_path):
    f = write(
        tmp_path,
        "order.tex",
        r"""
        % derivax: symbols a: scalar
        \newcommand{\c}{2}
        \[ a \c = 2 a \]
        \renewcommand{\c}{3}
        \[ a \c = 2 a \]
        """,
    )
    assert verdicts(f) == [(3, "proved"), (5, "refuted")]


def test_input_files_are_read_recursively_without_cycles(tmp_path):
    (tmp_path / "defs").mkdir()
    write(tmp_path, "defs/a.tex", r"\newcommand{\p}{\mathbf{p}}\input{defs/b}")
    write(tmp_path, "defs/b.tex", r"\include{defs/a.tex}\newcommand{\q}{\mathbf{q}}")
    write(tmp_path, "notation.sty", r"\newcommand{\s}{\mathbf{s}}")
    f = write(
        tmp_path,
        "main.tex",
        r"""
        \usepackage{amsmath,notation}
        \input defs/a
        \begin{equation} \p + \q + \s \end{equation}
        """,
    )
    assert rows(f) == [(3, r"\mathbf{p} + \mathbf{q} + \mathbf{s}", "")]


def test_markdown_definitions_in_math_are_read_and_not_rows(tmp_path):
    f = write(
        tmp_path,
        "note.md",
        r"""
        <!-- derivax: symbols x: vector[2]; y: vector[2] -->
        $$
        \newcommand{\x}{\mathbf{x}}
        \newcommand{\y}{\mathbf{y}}
        $$

        $$
        \x^\top \y = \y^\top \x
        $$
        """,
    )
    assert rows(f) == [(8, r"\mathbf{x}^\top \mathbf{y} = \mathbf{y}^\top \mathbf{x}", "")]
    assert verdicts(f) == [(8, "proved")]


def test_a_cases_display_keeps_its_closing_null_delimiter(tmp_path):
    f = write(
        tmp_path,
        "cases.tex",
        r"""
        \begin{equation}
          f(x) = \left\{ \begin{array}{ll} x & x > 0 \\ 0 & x \le 0 \end{array} \right.
        \end{equation}
        \begin{align}
          g(x) &= \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases} \\
          h &= 2
        \end{align}
        """,
    )
    read = rows(f)
    assert [line for line, _, _ in read] == [2, 5, 6]
    assert read[0][1].endswith(r"\end{array} \right.")
    assert read[1][1].startswith(r"g(x) = \begin{cases}")


def test_substack_rows_stay_in_their_sum_and_givens_are_expanded(tmp_path):
    f = write(
        tmp_path,
        "given.tex",
        r"""
        \newcommand{\half}[1]{\frac{#1}{2}}
        % derivax: symbols a: scalar; h: scalar
        % derivax: given h = \half{a}
        \begin{align}
          \sum_{\substack{i = 1 \\ i \ne 2}}^{3} a &= 2 a \\
          2 h &= a
        \end{align}
        """,
    )
    assert [(line, latex) for line, latex, _ in rows(f)] == [
        (5, r"\sum_{\substack{i = 1 \\ i \ne 2}}^{3} a = 2 a"),
        (6, "2 h = a"),
    ]
    givens = [e.text for e in read_document(f).events if e.kind == "given"]
    assert givens == [r"h = \frac{a}{2}"]
    assert verdicts(f)[-1] == (6, "proved")


def test_a_notebook_keeps_the_macros_of_earlier_cells(tmp_path):
    import json

    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["$\\newcommand{\\x}{\\mathbf{x}}$"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["$$\n\\x^\\top \\x\n$$"]},
    ]
    nb = tmp_path / "nb.ipynb"
    nb.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {}}))
    assert [(p.line, p.latex) for e in read_document(nb).events for p in e.pieces] == [
        (2, r"\mathbf{x}^\top \mathbf{x}")
    ]


def test_only_the_row_with_a_use_that_does_not_expand_is_unread(tmp_path):
    f = write(
        tmp_path,
        "uses.tex",
        r"""
        \newcommand{\sq}[1]{{#1}^2}
        % derivax: symbols a: scalar; b: scalar
        \begin{align}
          \sq{a + b} &= a^2 + 2 a b + b^2 \\
          \sq{a &= a^2
        \end{align}
        """,
    )
    read = rows(f)
    assert [(line, problem == "") for line, _, problem in read] == [(4, True), (5, False)]
    assert r"`\sq`" in read[1][2] and "do not close" in read[1][2]
    assert verdicts(f)[0] == (4, "proved")
