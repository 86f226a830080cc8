r"""How papers lay out their displays (issue 29): a domain in set-builder notation gives its
conditions to what follows, a ``&`` between the columns of a matrix is mathematics (only an
alignment ``&`` is layout), a relation inside a ``cases`` is a condition, not a link of the chain,
and a comma that closes a statement before ``\quad \text{where}`` is punctuation.

Written as the convex-optimization homework and lecture notes of the paper corpus write them
(Boyd and Vandenberghe's quadratic-over-linear, CS231n's softmax Jacobian), with the false
twin of each: the same layout with a wrong step, which must still be refuted.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from derivax._documents import check_document
from derivax._documents._prose import domain_conditions
from derivax._documents._read import clean, split_relations_lines


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _tex(tmp_path, body: str, symbols: str):
    f = tmp_path / "p.tex"
    f.write_text(
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
        + textwrap.dedent(body).strip()
        + "\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "p.tex.derivax.toml").write_text(
        "symbols = " + json.dumps(symbols) + "\n", encoding="utf-8"
    )
    return f


def _claims(f):
    return [(x.line, x.status) for x in check_document(f, timeout=20) if x.kind == "claim"]


# -- domains ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "domain",
    [
        r"\operatorname{dom} f = \{(x, y) \in \mathbb{R}^2 \mid y > 0\}",
        r"\mathbf{dom}\, f = \{(x, y) \mid y > 0\}",
        r"\text{dom} f = \{(x,y) : y > 0\}",
        r"\operatorname{dom} f = \{(x, y) \mid y > 0, \; x \in \mathbb{R}\}",
    ],
)
def test_a_domain_in_set_builder_notation_is_a_given_for_what_follows(tmp_path, domain):
    body = rf"""
        \[ f(x, y) = \frac{{x^2}}{{y}}, \qquad {domain} \]
        \[ \frac{{x^2}}{{y}} \ge 0 \]
        \[ \frac{{x^2}}{{y}} \ge 1 \]
        """
    f = _tex(tmp_path, body, "x, y: scalar; f: function")
    links = check_document(f, timeout=20)
    kinds = [x.kind for x in links]
    assert "assumption" in kinds, links
    claims = [x.status for x in links if x.kind == "claim"]
    # true for y > 0 (refuted at y < 0 without the domain), and the false twin still refuted
    assert claims[0] in ("proved", "plausible") and claims[1] == "refuted", links


def test_without_its_domain_the_same_claim_is_refuted(tmp_path):
    f = _tex(tmp_path, r"\[ \frac{x^2}{y} \ge 0 \]", "x, y: scalar")
    assert _claims(f)[0][1] == "refuted"


@pytest.mark.parametrize(
    "statement,want",
    [
        (r"\operatorname{dom} f = \{x \mid x > 0, y < 1\}", ["x > 0", "y < 1"]),
        (r"\operatorname{dom} g = \{x \in \mathbb{R}^n \mid \|x\| < 1\}", [r"\|x\| < 1"]),
        (r"\operatorname{dom} f = \{x \in \mathbb{R}^n\}", None),  # no condition: no domain
        (r"f(x) = \{x \mid x > 0\}", None),
    ],
)
def test_which_conditions_a_domain_gives(statement, want):
    got = domain_conditions(statement)
    if want is None:
        assert got is None or got[1] == []
    else:
        assert got is not None and [g.relation for g in got[1]] == want


# -- matrices and cases inside a chain -------------------------------------------------------
def test_an_ampersand_between_matrix_columns_stays_and_alignment_goes():
    row = r"&= \frac{2}{y^3} \begin{bmatrix} y^2 & -xy \\ -xy & x^2 \end{bmatrix}"
    assert clean(row) == r"= \frac{2}{y^3} \begin{bmatrix} y^2 & -xy \\ -xy & x^2 \end{bmatrix}"


def test_a_relation_inside_cases_is_no_link():
    parts = split_relations_lines(
        r"\delta_{mj} = \begin{cases} 1 & m = j \\ 0 & m \neq j \end{cases}"
    )
    assert [p[0] for p in parts] == ["", "="]


def test_the_quadratic_over_linear_hessian_chain_is_checked_link_by_link(tmp_path):
    body = r"""
        \[ f(x, y) = \frac{x^2}{y}, \qquad \operatorname{dom} f = \{(x, y) \in \mathbb{R}^2 \mid y > 0\} \]
        \[ \nabla^2 f(x, y) = \frac{2}{y^3} \begin{bmatrix} y^2 & -xy \\ -xy & x^2 \end{bmatrix} = \frac{2}{y^3} \begin{bmatrix} y \\ -x \end{bmatrix} \begin{bmatrix} y \\ -x \end{bmatrix}^T \]
        \[ \nabla^2 f(x, y) = \frac{2}{y^3} \begin{bmatrix} y^2 & xy \\ xy & x^2 \end{bmatrix} \]
        """
    f = _tex(tmp_path, body, "x, y: scalar; f: function")
    statuses = [s for _, s in _claims(f)]
    assert statuses == ["proved", "proved", "refuted"], statuses


def test_a_comma_closing_a_statement_before_where_is_punctuation(tmp_path):
    body = r"""
        \[
        \frac{\partial}{\partial x} \left(x^2 y\right) = 2 x y,
        \quad \text{where }
        \delta_{mj} =
        \begin{cases}
        1 & m=j \\
        0 & m\neq j
        \end{cases}
        \]
        \[ \frac{\partial}{\partial x} \left(x^2 y\right) = 2 x, \quad \text{for all } y \]
        """
    f = _tex(tmp_path, body, "x, y: scalar; m, j: index")
    links = check_document(f, timeout=20)
    claims = [x.status for x in links if x.kind == "claim"]
    assert claims == ["proved", "refuted"], links
    assert not [x for x in links if x.kind == "unread"], links


def test_plain_tex_cr_breaks_the_row_like_a_double_backslash(tmp_path):
    # the eqnarray rows of blog posts (&=& and \cr): each row its own link
    f = tmp_path / "n.md"
    f.write_text(
        "Expanding:\n\n\\begin{eqnarray}\n"
        "(a + b)^2 &=& a^2 + 2 a b + b^2 \\cr\n"
        "&=& a^2 + b^2\n"
        "\\end{eqnarray}\n",
        encoding="utf-8",
    )
    (tmp_path / "n.md.derivax.toml").write_text("symbols = 'a, b: scalar'\n", encoding="utf-8")
    links = check_document(f, timeout=20)
    assert [(x.line, x.status) for x in links if x.kind == "claim"] == [
        (4, "proved"),
        (5, "refuted"),
    ], links


@pytest.mark.parametrize(
    ("row", "relations"),
    [
        # an indicator's braces, as CS 229's k-means notes write it: its `=` is the condition
        (
            r"\frac{\partial J}{\partial \mu_j} = -2 \sum_{i} 1\{c^{(i)} = j\} (x^{(i)} - \mu_j)",
            ["", "="],
        ),
        (r"S = \{ x \mid a^\top x = b \}", ["", "="]),  # a set's condition
        (
            r"f(x) = \left\{ \begin{array}{ll} 1 & x = 0 \\ 0 & x \ne 0 \end{array} \right. = g(x)",
            ["", "=", "="],
        ),
        (r"\left. \frac{d}{dx} x^2 \right|_{x = 1} = 2", ["", "="]),  # an evaluation bar
        (r"\left\langle a, b \right\rangle = \left( a = b \right) \le c", ["", "=", r"\le"]),
    ],
)
def test_a_relation_inside_braces_or_sized_delimiters_is_no_link(row, relations):
    assert [p[0] for p in split_relations_lines(row)] == relations


def test_the_k_means_gradient_with_its_indicator_is_checked_and_its_careless_twin_refuted(tmp_path):
    f = _tex(
        tmp_path,
        r"""
        \newcommand{\cl}{c^{(i)}}
        \[ \frac{\partial}{\partial \mu_{jl}} \sum_{i=1}^{m} \|x^{(i)} - \mu_{\cl}\|^2
           = -2 \sum_{i=1}^{m} 1\{\cl = j\} (x^{(i)}_l - \mu_{jl}) \]
        \[ \frac{\partial}{\partial \mu_{jl}} \sum_{i=1}^{m} \|x^{(i)} - \mu_{\cl}\|^2
           = -2 \sum_{i=1}^{m} (x^{(i)}_l - \mu_{jl}) \]
        """,
        r"X: matrix[m, d]; x^{(i)}: row[X]; \mu: matrix[K, d]; c: labels[m, K]; i, j, l: index",
    )
    assert [status for _, status in _claims(f)] == ["plausible", "refuted"]
