r"""Matrices of random variables (``W: random[m, n], iid, independent``) and entries under a
moment: the Xavier-initialization variance of ``o_i = \sum_j w_{ij} x_j`` proved and its false
twins refuted (the counterexample re-computed here from the definitions), linearity under
weights (Adam's unrolled average), n = 1, an index out of the declared range, and a matrix with
no independence declared, which is never proved."""

from __future__ import annotations

from fractions import Fraction

import pytest

import derivax as dx
from derivax import SymbolError
from derivax.symbols import SymbolTable

XAVIER = (
    r"w: random[m, n], iid, independent; x: random[n], iid, independent; i, j: index; "
    r"\sigma, \gamma: scalar, positive"
)
MOMENTS = [
    r"E[w_{1,1}] = 0",
    r"\operatorname{Var}(w_{1,1}) = \sigma^2",
    r"E[x_1] = 0",
    r"\operatorname{Var}(x_1) = \gamma^2",
]
O_I = r"\sum_{j=1}^{n} w_{ij} x_j"


def test_a_matrix_of_random_variables_in_the_table():
    t = SymbolTable.parse("W: random[m, n], iid, independent")
    d = t["W"]
    assert d.is_random and d.kind == "matrix" and d.shape == ("m", "n") and d.rank == 2
    assert {"iid", "independent"} <= d.qualifiers
    assert t["m"].kind == "dim" and t["n"].kind == "dim"
    assert SymbolTable.parse(t.to_text()).to_text() == t.to_text()
    with pytest.raises(SymbolError, match="takes"):
        SymbolTable.parse("W: random[m, n, k]")


@pytest.mark.parametrize(
    "claim",
    [
        rf"E[{O_I}] = \sum_{{j=1}}^{{n}} E[w_{{ij}} x_j]",
        r"\sum_{j=1}^{n} E[w_{ij} x_j] = \sum_{j=1}^{n} E[w_{ij}] E[x_j]",
        rf"\mathbb{{E}}[{O_I}] = 0",
        rf"\operatorname{{Var}}({O_I}) = E[({O_I})^2] - (E[{O_I}])^2",
        rf"E[({O_I})^2] = \sum_{{j=1}}^{{n}} E[w^2_{{ij}} x^2_j]",
        r"\sum_{j=1}^{n} E[w^2_{ij}] E[x^2_j] = n \sigma^2 \gamma^2",
        rf"\mathrm{{Var}}[{O_I}] = n \sigma^2 \gamma^2",
        rf"\operatorname{{Cov}}(w_{{i,1}}, {O_I}) = 0",
        r"E[w_{2,1} w_{2,2}] = E[w_{1,1}]^2",
        r"E[w_{i,j}^2] = E[w_{1,1}^2]",
    ],
)
def test_the_xavier_chain_is_proved(claim):
    v = dx.check(claim, XAVIER, given=MOMENTS, timeout=30)
    assert v.status == "proved", (claim, v.reason)


@pytest.mark.parametrize(
    ("rhs", "factor"),
    [(r"n \sigma^2", lambda n, s2, g2: n * s2), (r"\sigma^2 \gamma^2", lambda n, s2, g2: s2 * g2)],
)
def test_the_false_twins_are_refuted_with_a_distribution_checked_here(rhs, factor):
    v = dx.check(rf"\operatorname{{Var}}({O_I}) = {rhs}", XAVIER, given=MOMENTS, timeout=30)
    assert v.status == "refuted"
    ce = v.counterexample
    n, i = int(ce["n"]), 1
    outcomes = [{k: Fraction(str(x)) for k, x in o.items()} for o in ce["outcomes"]]

    def mean(f):
        return sum(o["p"] * f(o) for o in outcomes)

    def var(f):
        mu = mean(f)
        return mean(lambda o: (f(o) - mu) ** 2)

    o_i = lambda o: sum(o[f"w_{{{i},{j}}}"] * o[f"x_{j}"] for j in range(1, n + 1))  # noqa: E731
    s2, g2 = var(lambda o: o[f"w_{{{i},1}}"]), var(lambda o: o["x_1"])
    assert var(o_i) == n * s2 * g2 == Fraction(v.sides["lhs"])
    assert factor(n, s2, g2) == Fraction(v.sides["rhs"]) != var(o_i)


def test_one_input_n_equal_1():
    table = XAVIER.replace("random[m, n]", "random[m, 1]").replace("random[n]", "random[1]")
    one = r"\operatorname{Var}(\sum_{j=1}^{1} w_{ij} x_j)"
    assert dx.check(rf"{one} = \sigma^2 \gamma^2", table, given=MOMENTS).status == "proved"
    assert dx.check(rf"{one} = 2 \sigma^2 \gamma^2", table, given=MOMENTS).status == "refuted"


def test_an_index_out_of_the_declared_range_is_never_proved():
    table = XAVIER.replace("random[m, n]", "random[2, 3]").replace("random[n]", "random[3]")
    v = dx.check(r"E[w_{3,1}^2] = \sigma^2", table, given=MOMENTS)
    assert v.status != "proved" and "outside 1..2" in v.reason
    v = dx.check(
        r"\operatorname{Var}(\sum_{j=1}^{n+1} w_{ij} x_j) = (n+1) \sigma^2 \gamma^2",
        XAVIER,
        given=MOMENTS,
    )
    assert v.status != "proved"


@pytest.mark.parametrize(
    "table",
    [
        # entries identically distributed, but w and x not declared independent of each other
        r"w: random[m, n], iid; x: random[n], iid; i, j: index; \sigma, \gamma: scalar, positive",
        # no independence declared at all
        r"w: random[m, n]; x: random[n]; i, j: index; \sigma, \gamma: scalar, positive",
    ],
)
def test_without_the_independence_the_variance_is_never_proved(table):
    v = dx.check(rf"\operatorname{{Var}}({O_I}) = n \sigma^2 \gamma^2", table, given=MOMENTS)
    assert v.status in ("plausible", "unknown", "refuted")


def test_independent_but_not_identical_entries_keep_their_own_laws():
    table = r"w: random[m, n], independent"
    assert dx.check(r"E[w_{1,2} w_{1,3}] = E[w_{1,2}] E[w_{1,3}]", table).status == "proved"
    assert dx.check(r"E[w_{1,2}^2] = E[w_{1,1}^2]", table).status == "refuted"


ADAM = r"g: random[t]; \beta_2: scalar, unit; t: dim; i: index"


def test_the_unrolled_average_by_linearity_whatever_the_laws():
    lhs = r"E[(1 - \beta_2) \sum_{i=1}^t \beta_2^{t-i} \cdot g_i^2]"
    true = rf"{lhs} = (1 - \beta_2) \sum_{{i=1}}^t \beta_2^{{t-i}} \cdot E[g_i^2]"
    assert dx.check(true, ADAM).status == "proved"
    assert dx.check(true, ADAM.replace("random[t]", "random[t], iid")).status == "proved"
    false = rf"{lhs} = (1 - \beta_2) \sum_{{i=1}}^t \beta_2^{{t-i}} \cdot E[g_i]^2"
    assert dx.check(false, ADAM).status == "refuted"


# -- check-doc: entries under a moment in a note -------------------------------------------------
def _note(tmp_path, body: str, sidecar: str):
    import textwrap

    from derivax._documents import check_document

    f = tmp_path / "n.md"
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    (tmp_path / "n.md.derivax.toml").write_text(sidecar, encoding="utf-8")
    return [link for link in check_document(f, timeout=30) if link.kind == "claim"]


XAVIER_NOTE = r"""
An output of a layer with $n_\textrm{in}$ inputs $x_j$ and weights $w_{ij}$ is

$$o_{i} = \sum_{j=1}^{n_\textrm{in}} w_{ij} x_j.$$

The weights are all drawn independently from the same distribution, the inputs too, and they
are independent of each other.

$$
\begin{aligned}
    E[o_i] & = \sum_{j=1}^{n_\textrm{in}} E[w_{ij} x_j] \\&= \sum_{j=1}^{n_\textrm{in}} E[w_{ij}] E[x_j] \\&= 0,
\end{aligned}
$$

$$
\begin{aligned}
    \textrm{Var}[o_i] & = E[o_i^2] - (E[o_i])^2 \\
        & = \sum_{j=1}^{n_\textrm{in}} E[w^2_{ij}] E[x^2_j] \\
        & = RESULT.
\end{aligned}
$$
"""
SIDECAR = (
    "symbols = 'i, j: index; \\sigma, \\gamma: scalar, positive'\n"
    "given = ['E[w_{1,1}] = 0', '\\operatorname{Var}(w_{1,1}) = \\sigma^2', 'E[x_1] = 0', "
    "'\\operatorname{Var}(x_1) = \\gamma^2']\n"
)


def test_the_xavier_note_infers_the_random_matrix_and_proves_its_chain(tmp_path):
    claims = _note(
        tmp_path, XAVIER_NOTE.replace("RESULT", r"n_\textrm{in} \sigma^2 \gamma^2"), SIDECAR
    )
    assert [c.status for c in claims] == ["proved"] * len(claims) and len(claims) == 6
    # the inference is said in the verdicts that rest on it
    assert any("`w`, `x` taken to be random" in c.reason for c in claims)


def test_the_xavier_note_with_a_wrong_result_is_refuted(tmp_path):
    claims = _note(tmp_path, XAVIER_NOTE.replace("RESULT", r"n_\textrm{in} \sigma^2"), SIDECAR)
    assert [c.status for c in claims] == ["proved"] * 5 + ["refuted"]


def test_without_independence_in_the_text_nothing_is_proved_by_it(tmp_path):
    body = XAVIER_NOTE.replace("RESULT", r"n_\textrm{in} \sigma^2 \gamma^2").replace(
        "The weights are all drawn independently from the same distribution, the inputs too, "
        "and they\nare independent of each other.",
        "The weights and inputs are random.",
    )
    claims = _note(tmp_path, body, SIDECAR)
    # E[w_{ij} x_j] = E[w_{ij}] E[x_j] needs the independence the text no longer states
    assert claims[1].status != "proved"
    assert all(c.status != "refuted" for c in claims)
