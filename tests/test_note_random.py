r"""Random variables in a note: a name a moment is taken of is a random variable even when the
sidecar declares only other names (said in every verdict that uses it); a step that equates a
moment to other quantities is decided only when the note gives the variable's distribution or
moments (a distribution chosen freely refutes nothing the text may have said in words); a moment
of a random variable is a number, so a name defined as one is no random variable."""

from __future__ import annotations

import json
import textwrap

import pytest

from derivax._documents import check_document
from derivax._documents._infer import moment_operands, undeclared_random


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _links(tmp_path, body: str, symbols: str):
    f = tmp_path / "n.md"
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    (tmp_path / "n.md.derivax.toml").write_text(
        "symbols = " + json.dumps(symbols) + "\n", encoding="utf-8"
    )
    return check_document(f, timeout=20)


def test_moment_operands_are_read_with_their_brackets_balanced():
    text = (
        r"E\left[(X-\mu_X)^2\right] + \operatorname{Var}(Y) + \mathbb{E}[f(Z)] + \text{Cov}(A, B)"
    )
    assert moment_operands(text) == [r"(X-\mu_X)^2", "Y", "f(Z)", "A, B"]
    known = {"Y"}
    assert undeclared_random([text], known.__contains__) == ["X", "Z", "A", "B"]
    # an entry (X_i) is left to its declaration; a name is listed once
    assert undeclared_random([r"E[X_i] + E[X] + E[X^2]"], known.__contains__) == ["X"]
    # an applied letter inside the operand is a moment or a function, not a variable
    assert undeclared_random([r"E[(X - E[X])^2] + E[P(W)]"], known.__contains__) == ["X", "W"]
    # a subscript of one letter names the variable; a law in the subscript is read elsewhere
    assert moment_operands(r"E_X[f(X)] \ge f(E_{X}[X]) + E_{x \sim p}[g(x)]") == ["f(X)", "X"]
    assert undeclared_random([r"E_X[f(X)] \geq f\left(E_X[X]\right)"], known.__contains__) == ["X"]


@pytest.mark.parametrize(
    "spelling",
    [
        r"E[X]",
        r"\mathbb{E}[X]",
        r"E(X)",
        r"\mathbb{E}\left[X\right]",
        # the random variable named in the subscript, as Jensen's inequality is written
        r"E_X[X]",
        r"E_{X}[X]",
        r"\mathbb{E}_X\left[X\right]",
    ],
)
def test_an_undeclared_name_a_moment_is_taken_of_is_random(tmp_path, spelling):
    body = rf"""
    With $\mu$ its mean,

    $$
    \mu := {spelling}
    $$

    the centred variable has mean zero:

    $$
    \mathbb{{E}}[X - \mu] = 0
    $$

    $$
    \mathbb{{E}}[X - \mu] = 1
    $$
    """
    links = _links(tmp_path, body, r"\mu: scalar")
    right, wrong = [x for x in links if x.kind == "claim"]
    assert right.status == "proved", right
    assert "`X` taken to be random" in right.reason
    assert wrong.status == "refuted", wrong


def test_a_moment_tied_to_other_quantities_needs_the_distribution(tmp_path):
    body = r"""
    The variable $X$ takes the values $a - 1$ and $a + 1$ with equal probability. Its mean is

    $$
    \mu := \mathbb{E}[X]
    $$

    and its second moment

    $$
    \mathbb{E}[X^2] = a^2 + 1
    $$

    is not its squared mean:

    $$
    \mathbb{E}[X^2] = \mu^2
    $$
    """
    links = _links(tmp_path, body, r"X: random; a, \mu: scalar")
    first, second = [x for x in links if x.kind == "claim"]
    # the distribution is said in words only: a freely chosen one refutes nothing
    assert first.status == "unknown", first
    assert "distribution of `X`" in first.reason
    # both sides random (\mu is defined from X): false for every non-degenerate X, and refuted
    assert second.status == "refuted", second


def test_a_distribution_or_moment_the_note_gives_decides_it(tmp_path):
    body = r"""
    Let $X$ have mean $a$. Then

    $$
    \mathbb{E}[2 X] = 2 a + 1
    $$
    """
    (link,) = [x for x in _links(tmp_path, body, "X: random; a: scalar") if x.kind == "claim"]
    assert link.status == "refuted", link


def test_a_name_defined_as_a_moment_is_a_number(tmp_path):
    body = r"""
    $$
    \sigma_X^2 = \operatorname{Var}(X)
    $$

    and later

    $$
    \sigma_X^2 = \operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2
    $$
    """
    claims = [x for x in _links(tmp_path, body, "X: random") if x.kind == "claim"]
    assert [c.status for c in claims] == ["proved", "proved"], claims
