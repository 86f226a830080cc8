r"""A solution stated right after an equation to solve is checked by putting it into the equation:
a value that does not solve it refutes the step, and the step is proved when every value does
(``\pm`` gives two). A generated family over scalar, quadratic, determinant and matrix equations,
each with a right and a wrong solution, and the cases where the reading must not apply."""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document
from derivax._documents._solutions import values


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _note(tmp_path, body: str, symbols: str):
    return write_note(tmp_path, body, symbols)


EIGEN = r"\left|\begin{pmatrix}2 - \lambda & 1\\ 1 & 2 - \lambda\end{pmatrix}\right| = 0"
NORMAL = r"X^\top X \theta = X^\top y"
NORMAL_S = r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]"

# (symbols, equation, a right solution, a wrong one)
FAMILY = [
    ("x: scalar", r"3x + 6 = 0", "x = -2", "x = 2"),
    ("x: scalar", r"x^2 - 4 = 0", r"x = \pm 2", r"x = \pm 4"),
    ("x: scalar", r"x^2 - 4x + 3 = 0", r"x = 2 \pm 1", r"x = 3 \pm 1"),
    ("", EIGEN, r"\lambda = 2 \pm 1", r"\lambda = \pm 3"),
    (NORMAL_S, NORMAL, r"\theta = (X^\top X)^{-1} X^\top y", r"\theta = X^\top y"),
]


@pytest.mark.parametrize("symbols,equation,right,wrong", FAMILY)
def test_a_stated_solution_is_put_into_its_equation(tmp_path, symbols, equation, right, wrong):
    for solution, status in ((right, "proved"), (wrong, "refuted")):
        f = _note(
            tmp_path,
            f"""
            We solve

            $${equation}$$

            which gives

            $${solution}$$
            """,
            symbols,
        )
        links = check_document(f, timeout=20)
        assert [x.kind for x in links] == ["equation", "claim"], links
        assert links[1].status == status, links[1].reason
        assert "the equation on line 3" in links[1].reason


def test_a_statement_between_ends_the_equation(tmp_path):
    f = _note(
        tmp_path,
        r"""
        We solve

        $$3x + 6 = 0$$

        and note that

        $$(x + 1)^2 = x^2 + 2x + 1$$

        $$x = 5$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    assert "solve" not in links[-1].reason


def test_an_update_is_no_solution(tmp_path):
    f = _note(
        tmp_path,
        r"""
        We solve

        $$x^2 - 4 = 0$$

        by iterating

        $$x = x - \frac{x^2 - 4}{2x}$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    assert "the equation on line" not in links[-1].reason and links[-1].status != "refuted"


def test_two_plus_minus_signs_are_not_read_as_values():
    assert values(r"\pm 1 \pm 2") is None
    assert values(r"\pm 2") == ["2", r"-\left(2\right)"]
    assert values(r"2 \pm 1") == ["2 + 1", r"2 - \left(1\right)"]
    assert values("3") == ["3"]
