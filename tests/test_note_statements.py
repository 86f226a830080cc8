r"""check-doc reads a note the way its author meant it: each statement is classified (claim,
definition, update rule, assumption, equation to solve) before anything is checked; only claims
get verdicts; definitions become givens that reach their later uses (indexed ones included); a
display that starts with a relation carries on the chain of the display before it; a row with
several statements is split; text inside the math is a name, a remark or a reason to stop —
never dropped. Every note here is written in the notation of public derivation notes."""

from __future__ import annotations

import json
import textwrap

import pytest

from derivax._documents import check_document
from derivax._documents._statements import classify, split_statements
from derivax.cli import main


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def note(tmp_path, body: str, symbols: str = "", name: str = "n.md"):
    f = tmp_path / name
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    if symbols:
        (tmp_path / (name + ".derivax.toml")).write_text(
            "symbols = " + json.dumps(symbols) + "\n", encoding="utf-8"
        )
    return f


def kinds(links):
    return [(x.line, x.kind, x.status) for x in links]


def test_definitions_reach_their_indexed_uses(tmp_path):
    f = note(
        tmp_path,
        r"""
        The predicted probability is

        $$
        \hat p_i = \sigma(z_i), \qquad z_i = w x_i
        $$

        and the loss of one example is

        $$
        \ell_i = -y_i \log \hat p_i - (1 - y_i) \log(1 - \hat p_i)
        $$

        with the derivative

        $$
        \frac{\partial \ell_i}{\partial z_i} = \hat p_i - y_i
        $$

        $$
        \frac{\partial \ell_i}{\partial z_i} = y_i - \hat p_i
        $$
        """,
        "w: scalar; x, y, z: vector[n]; i: index; n: dim",
    )
    links = check_document(f, timeout=20)
    assert kinds(links) == [
        (4, "definition", "definition"),
        (4, "definition", "definition"),
        (10, "definition", "definition"),
        (16, "claim", "proved"),
        (20, "claim", "refuted"),
    ]
    # the definitions were guesses from the notation, and say so
    assert all(x.guess and "first time" in x.reason for x in links[:3])
    assert "declared a vector" in links[0].reason


def test_update_rules_initial_values_and_first_order_conditions_are_not_claims(tmp_path):
    f = note(
        tmp_path,
        r"""
        Adam starts from zero:

        $$
        m_0 = v_0 = 0
        $$

        $$
        m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \quad v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2
        $$

        $$
        \theta_t \leftarrow \theta_{t-1} - \eta \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}
        $$

        For the Gaussian mean, setting the derivative of the log-likelihood to zero,

        $$
        \frac{\partial \ell}{\partial \mu} = \sum_{i=1}^{n} (x_i - \mu) = 0
        $$
        """,
        r"x: vector[n]; i: index; n: dim; \mu: scalar",
    )
    links = check_document(f, timeout=10)
    got = [(x.line, x.lhs, x.kind) for x in links]
    assert got[:5] == [
        (4, "m_0", "update"),
        (4, "v_0", "update"),
        (8, "m_t", "update"),
        (8, "v_t", "update"),
        (12, r"\theta_t", "update"),
    ]
    # the derivative of an undefined \ell is no counterexample to anything: undecided, not refuted
    assert links[5].kind == "claim" and links[5].status == "unknown"
    assert "free quantity" in links[5].reason
    assert links[6].kind == "equation" and links[6].status == "equation"
    assert not any(x.status == "refuted" for x in links)


# A name used before it is given a value — on the right of an update rule or definition — is
# defined by the first `name = ...` that follows, as notes write it ("steps with the corrected
# averages ..., where \hat m_t = ..."). The definition then reaches the claims after it. A name
# a claim used first keeps its claims: `\bar x = \dots` after a claim about `\bar x` is a claim.
def test_a_name_used_before_its_definition_is_defined_by_it(tmp_path):
    f = note(
        tmp_path,
        r"""
        Adam steps with the corrected averages:

        $$
        w_{t+1} = w_t - \alpha \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}
        $$

        $$
        \hat{m}_t = \frac{m_t}{1 - \beta_1^t}, \quad \hat{v}_t = \frac{v_t}{1 - \beta_2^t}
        $$

        so the corrected first moment scales the raw one:

        $$
        (1 - \beta_1^t) \hat m_t = m_t
        $$

        $$
        (1 - \beta_1^t) \hat m_t = 2 m_t
        $$
        """,
        r"m_t, v_t, w_t, w_{t+1}: scalar; \beta_1, \beta_2: scalar, unit; "
        r"\alpha, \epsilon: scalar, positive; t: scalar, integer, positive",
    )
    links = check_document(f, timeout=20)
    assert kinds(links) == [
        (4, "update", "update"),
        (8, "definition", "definition"),
        (8, "definition", "definition"),
        (14, "claim", "proved"),
        (18, "claim", "refuted"),
    ]
    assert all("only used before" in x.reason and x.guess for x in links[1:3])


def test_a_name_a_claim_used_first_keeps_its_claims(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        s = \bar x + 1
        $$

        $$
        2 \bar x = \bar x + \bar x
        $$

        $$
        \bar x = 3
        $$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    # \bar x waited on the right of s's definition, but the claim on line 6 used it first: line
    # 10 is a claim about it (false for a free \bar x), not its definition
    assert [(x.line, x.kind) for x in links] == [(2, "definition"), (6, "claim"), (10, "claim")]
    assert links[1].status == "proved"


# A definition or an equation given as an assumption that derivax cannot read still gives its
# name a meaning: a later claim about the name is never refuted with the name free (undecided,
# with the line that would decide), while a claim it does not touch is decided as before.
@pytest.mark.parametrize(
    "given",
    [
        r"c := \mathbb{Q}[X]",
        r"c = \mathbb{Q}[X]",
        r"c \triangleq \mathbb{Q}[X]",
    ],
)
def test_a_claim_about_a_name_whose_definition_did_not_read_is_not_refuted(tmp_path, given):
    f = note(
        tmp_path,
        rf"""
        The centre is

        $$
        {given}
        $$

        so

        $$
        c + 1 = 2
        $$

        $$
        w + 1 = 2
        $$
        """,
        "X: random; w: scalar",
    )
    links = check_document(f, timeout=20)
    assert [(x.line, x.kind) for x in links] == [(4, "definition"), (10, "claim"), (14, "claim")]
    assert "not a given: it does not read" in links[0].reason
    about_c, about_w = links[1], links[2]
    assert about_c.status == "unknown" and about_c.counterexample is None, about_c
    assert "could not read" in about_c.reason and "line 4" in about_c.reason
    # w was never given a meaning: its claim is refuted as before
    assert about_w.status == "refuted", about_w


# An undeclared name written applied to names — a density `p_X(x)`, `q_\phi(z \mid x)`, `f(x, y)` —
# reads as a product when nothing declares it; a point that refutes the product reading refutes
# nothing the author wrote. `a(b + c)` is a product in any reading, and stays refuted.
@pytest.mark.parametrize(
    "applied",
    [r"p_X(x)", r"p(x)", r"q_\phi(z \mid x)", r"f(x, y)", r"g_{t}(s)"],
)
def test_a_refutation_of_an_undeclared_name_read_as_a_product_is_undecided(tmp_path, applied):
    f = note(
        tmp_path,
        rf"""
        $$
        \mu = \int_0^1 s \, ds
        $$

        so

        $$
        2 \, {applied} = {applied} + 1
        $$

        $$
        a (b + c) = a b
        $$
        """,
        "s: scalar",
    )
    links = check_document(f, timeout=20)
    product, plain = links[-2], links[-1]
    # never refuted; read as a product (p_X(x)) it says so, read otherwise (a density given a
    # condition is a function already; `f(x, y)` is no product) it is decided on that reading
    assert product.status != "refuted" and product.counterexample is None, product
    if "," not in applied and "mid" not in applied:
        assert product.status == "unknown" and "read as a product" in product.reason, product
    assert plain.status == "refuted", plain


# A derivative set to 0 is guessed to be a condition to solve; when it holds for every value
# (the derivative of a constant) it is a claim, proved. A real condition stays an equation:
# never refuted, since what it says is where it holds.
@pytest.mark.parametrize(
    "lhs, holds",
    [
        (r"\nabla_{\theta} 1", True),
        (r"\frac{\partial}{\partial x} 5", True),
        (r"\frac{d}{dx} (x - x)", True),
        (r"\frac{d}{dx} x^2", False),
        (r"\frac{\partial}{\partial x} (x^2 - 2 c x)", False),
    ],
)
def test_a_derivative_set_to_zero_that_holds_everywhere_is_a_claim(tmp_path, lhs, holds):
    f = note(
        tmp_path,
        rf"""
        $$
        {lhs} = 0
        $$
        """,
        r"x, c, \theta: scalar",
    )
    (link,) = check_document(f, timeout=20)
    if holds:
        assert (link.kind, link.status) == ("claim", "proved"), link
        assert "holds for every value" in link.reason
    else:
        assert (link.kind, link.status) == ("equation", "equation"), link


@pytest.mark.parametrize(
    "prose", ["Recall that all probability distributions are normalized:", "Recall:"]
)
def test_a_fact_recalled_is_a_given(prose):
    k = classify(r"\int_x p(x)", "=", "1", first=True, seen={"p", "x"}, prose=prose, single=True)
    assert k.kind == "assumption", k


# what follows from a fact recalled or assumed is a claim: words of consequence after the cue
@pytest.mark.parametrize(
    "prose",
    [
        "However, recall that the logarithm turns products to sums, in which case",
        "Assume the data are independent; then",
        "Suppose the noise is Gaussian. It follows that",
        "Recall the definition of the variance, which gives",
    ],
)
def test_what_follows_from_a_fact_recalled_is_a_claim(prose):
    k = classify(r"\log(a b)", "=", r"\log a + \log b", first=True, seen={"a", "b"}, prose=prose)
    assert k.kind == "claim", (prose, k)


def test_assumptions_and_several_statements_in_one_display(tmp_path):
    f = note(
        tmp_path,
        r"""
        We assume the noise is centred with a known spread:

        $$
        \mathbb{E}[\epsilon] = 0 \quad \text{and} \quad \text{Var}(\epsilon) = s^2
        $$
        """,
        "s: scalar, positive",
    )
    links = check_document(f, timeout=10)
    assert [x.lhs for x in links] == [r"\mathbb{E}[\epsilon]", r"\operatorname{Var}(\epsilon)"]
    assert links[0].kind == "assumption"
    # \text{Var} is a name, never dropped: not `(\epsilon) = s^2`
    assert links[1].lhs.startswith(r"\operatorname{Var}")
    assert not any(x.status == "refuted" for x in links)


def test_a_chain_continues_across_displays_and_remarks_are_kept(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        (a + b)^2 = a^2 + 2 a b + b^2
        $$

        which rearranges to

        $$
        = a^2 + b^2 + 2 b a \qquad \text{(by commutativity)}
        $$

        $$
        = a^2 + b^2
        $$
        """,
        "a, b: scalar",
    )
    links = check_document(f, timeout=10)
    assert [(x.line, x.lhs, x.status) for x in links] == [
        (2, "(a + b)^2", "proved"),
        (8, "a^2 + 2 a b + b^2", "proved"),
        (12, "a^2 + b^2 + 2 b a", "refuted"),
    ]
    assert links[1].remarks == ("(by commutativity)",)


def test_text_that_is_neither_a_name_nor_a_remark_is_unread_with_its_words(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        L = x^2 \text{ summed over the batch } + 1
        $$
        """,
        "x: scalar",
    )
    (link,) = check_document(f)
    assert link.kind == "unread" and "summed over the batch" in link.reason


def test_neq_says_the_sides_are_not_the_same_expression(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        e^{a + b} \neq e^{a} + e^{b}
        $$

        $$
        e^{a + b} \neq e^{a} e^{b}
        $$
        """,
        "a, b: scalar",
    )
    links = check_document(f, timeout=10)
    assert [x.status for x in links] == ["proved", "refuted"]
    assert "differ at" in links[0].reason


def test_a_condition_after_for_is_a_given_of_its_statement(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        \log x \le x - 1 \quad \text{for } x > 0
        $$
        """,
    )
    (link,) = check_document(f, timeout=10)
    assert link.status == "proved", link


def test_the_report_counts_statements_by_kind(tmp_path, capsys):
    f = note(
        tmp_path,
        r"""
        $$
        m_0 = 0
        $$

        $$
        f(x) = x^2 + 1
        $$

        $$
        f(x) \ge 1
        $$
        """,
        "x: scalar",
    )
    code = main(["check-doc", str(f), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["statements"] == {"claim": 1, "definition": 1, "update": 1}
    assert out["claims"] == {"proved": 1}
    assert [x["kind"] for x in out["links"]] == ["update", "definition", "claim"]
    assert [x["status"] for x in out["links"]] == [None, None, "proved"]


@pytest.mark.parametrize(
    "lhs, rhs, prose, kind",
    [
        (r"\hat y", r"\operatorname{softmax}(\theta)", "", "definition"),
        (r"\theta_{t+1}", r"\theta_t - \eta g_t", "", "update"),
        (r"\theta", r"\theta - \eta \nabla L", "", "update"),
        (r"\sigma'(x)", r"\sigma(x)(1 - \sigma(x))", "", "claim"),
        (r"\operatorname{Var}(\bar X)", r"\sigma^2 / n", "", "claim"),
        (r"\nabla_w L", "0", "", "equation"),
        (r"\frac{\partial L}{\partial w}", "0", "", "equation"),
        (r"\mu", r"\bar x", "Let", "definition"),
        (r"\mathbb{E}[\epsilon]", "0", "", "assumption"),
        (r"(x - \mu)^2", r"x^2 - 2 x \mu + \mu^2", "", "claim"),
        (r"\sum_i x_i - n \mu", "0", "Solving for the mean,", "equation"),
    ],
)
def test_the_kind_of_a_first_link(lhs, rhs, prose, kind):
    seen = {r"\theta", "L", "w", r"\barX", "x"}
    assert classify(lhs, "=", rhs, first=True, seen=seen, prose=prose).kind == kind


# Words naming an objective introduce the function optimised; the display after them is a claim
# about it. The same words before `= 0`, and the words of solving before anything, still mark an
# equation. Each spelling: British and American, every tense a note uses.
@pytest.mark.parametrize(
    "prose",
    [
        "the parameters are those that maximize the likelihood of the whole dataset:",
        "we minimise the negative log-likelihood, which we can express as follows:",
        "Maximizing the product is the same as",
        "the minimizer of the loss satisfies nothing yet; the objective minimised is",
    ],
)
def test_an_objective_named_in_words_is_no_equation(prose):
    seen = {"P", "p", "Y", "X", "y", "x", "n"}
    lhs, rhs = r"P(Y \mid X)", r"\prod_{i=1}^{n} p(y_i \mid x_i)"
    k = classify(lhs, "=", rhs, first=True, seen=seen, prose=prose, single=True)
    # "satisfies" in the last prose is a word of solving: that one stays an equation
    assert k.kind == ("equation" if "satisf" in prose else "claim"), (prose, k)
    zero = classify(r"\nabla_w L", "=", "0", first=True, seen=seen | {"L", "w"}, prose=prose)
    assert zero.kind == "equation", (prose, zero)


@pytest.mark.parametrize(
    "prose", ["Setting the gradient to zero and solving gives", "the optimum must satisfy"]
)
def test_words_of_solving_still_mark_an_equation(prose):
    seen = {"w", "X", "y"}
    k = classify(
        "w", "=", r"(X^\top X)^{-1} X^\top y", first=True, seen=seen, prose=prose, single=True
    )
    assert k.kind == "equation", (prose, k)


def test_connectives_split_a_row():
    parts = split_statements(r"\hat y = \sigma(z) \quad \text{where } z = w^\top x")
    assert [(p.text, p.connective) for p in parts] == [
        (r"\hat y = \sigma(z)", ""),
        (r"z = w^\top x", "where"),
    ]
    parts = split_statements(r"\frac{\partial \ell}{\partial \mu} = 0 \Rightarrow \mu = \bar x")
    assert [p.connective for p in parts] == ["", "implies"]
    # a comma inside the arguments of a function is no statement break
    assert len(split_statements(r"f(x, y) = x + y")) == 1


def test_the_ordinary_notation_example_finds_its_one_wrong_step(capsys):
    from pathlib import Path

    path = Path(__file__).parent.parent / "docs" / "examples" / "estimators.md"
    code = main(["check-doc", str(path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    links = out["links"]
    refuted = [x for x in links if x["status"] == "refuted"]
    assert [x["line"] for x in refuted] == [67]
    assert "deliberately wrong" in path.read_text().splitlines()[66]
    # every other claim is proved: the expectations and variances by moments, the gradient of
    # the loss defined in three displays by rewriting
    claims = [x for x in links if x["kind"] == "claim" and x["line"] != 67]
    assert claims and all(x["status"] == "proved" for x in claims), claims
    assert out["statements"] == {"claim": 7, "definition": 4, "assumption": 2}
    assert [x["line"] for x in links if x["kind"] == "claim"] == [24, 24, 30, 34, 43, 63, 67]


def test_inline_definitions_in_the_text_are_givens(tmp_path):
    f = note(
        tmp_path,
        r"""
        The probability of $n_H$ heads and $n_T$ tails is

        $$
        P(X \mid \theta) = \theta^{n_H}(1-\theta)^{n_T}
        $$

        and with $n_H = 9$ and $n_T = 4$ this is

        $$
        P(X \mid \theta) = \theta^9(1-\theta)^4
        $$

        $$
        P(X \mid \theta) = \theta^4(1-\theta)^9
        $$
        """,
        r"\theta: scalar, unit",
    )
    links = check_document(f, timeout=10)
    assert [(x.line, x.kind, x.status) for x in links] == [
        (4, "definition", "definition"),
        (10, "claim", "proved"),
        (14, "claim", "refuted"),
    ]


def test_expectations_with_parentheses_and_braced_labels():
    import derivax as dx

    table = r"\hat{\theta}_n, \theta: random, independent; x: scalar"
    v = dx.check(r"E(\hat{\theta}_n - \theta) = E(\hat{\theta}_n) - E(\theta)", table)
    assert v.status == "proved", v
    # without a random variable inside, E(...) stays E times the parenthesis, as TeX reads it
    assert str(dx.parse(r"E(x + 1)", table)) == "E*(x + 1)"
    # \underbrace{...}_{label} is the term it braces
    assert (
        dx.check(
            r"\underbrace{(a - b)^2}_{\text{Bias}^2} + \underbrace{s^2}_{\text{Noise}} = (b - a)^2 + s^2",
            "a, b, s: scalar",
        ).status
        == "proved"
    )


def test_a_normal_density_written_with_a_bar_and_a_function_defined_in_the_text(tmp_path):
    import math

    import derivax as dx

    table = r"x, \mu: scalar; \sigma: scalar, positive"
    value = dx.parse(r"\mathcal{N}(x \mid \mu, \sigma^2)", table)
    at = {"x": 0.3, r"\mu": -0.2, r"\sigma": 1.7}
    got = float(value.subs({s: at[s.name] for s in value.free_symbols}))
    want = math.exp(-((0.3 + 0.2) ** 2) / (2 * 1.7**2)) / math.sqrt(2 * math.pi * 1.7**2)
    assert abs(got - want) < 1e-15
    with pytest.raises(dx.DerivaxError, match="variance"):
        dx.parse(r"\mathcal{N}(x \mid \mu)", table)
    # a declared function the text then defines inline ("with $p(x) = ...$") is that function
    f = note(
        tmp_path,
        r"""
        $$
        D = \int_{-\infty}^{\infty} p(x) \, dx
        $$

        With $p(x) = \mathcal{N}(x \mid \mu, \sigma^2)$, the log density is

        $$
        \log p(x) = -\frac{1}{2} \log(2 \pi \sigma^2) - \frac{(x - \mu)^2}{2 \sigma^2}
        $$

        $$
        \log p(x) = -\log(2 \pi \sigma^2) - \frac{(x - \mu)^2}{2 \sigma^2}
        $$
        """,
        table + "; p: function",
    )
    links = check_document(f, timeout=10)
    assert [(x.line, x.status) for x in links[1:]] == [(8, "proved"), (12, "refuted")]


def test_a_condition_to_satisfy_is_an_equation_and_its_solution_is_put_into_it(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        \nabla_\theta J = X^\top X \theta - X^\top y
        $$

        Setting the gradient to zero gives the normal equations and their solution:

        $$
        X^\top X \theta = X^\top y
        $$

        $$
        \theta = (X^\top X)^{-1} X^\top y
        $$

        so that

        $$
        X^\top X (X^\top X)^{-1} = I
        $$
        """,
        r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]",
    )
    links = check_document(f, timeout=10)
    assert [(x.line, x.kind) for x in links[1:]] == [
        (8, "equation"),
        (12, "claim"),
        (18, "claim"),
    ]
    # the normal equations are not refuted as an identity in a free theta; their solution is put
    # into them and proved (tests/test_stated_solutions.py)
    assert not any(x.status == "refuted" for x in links)
    assert links[2].status == "proved" and "the equation on line 8" in links[2].reason


def test_a_decomposition_with_new_names_is_stated_not_derived(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        A^\top = A
        $$

        $$
        A = T \Lambda T^{-1}
        $$

        $$
        A T = T \Lambda
        $$

        $$
        A T = \Lambda T
        $$
        """,
        r"A, T, \Lambda: matrix[n, n]",
    )
    links = check_document(f, timeout=10)
    assert [(x.line, x.kind, x.status) for x in links[1:]] == [
        (6, "assumption", "assumption"),
        (10, "claim", "proved"),
        (14, "claim", "refuted"),
    ]


# A derivative set to 0 is a first-order condition to solve; the average of a derivative set to
# 0 (the score-function identity, E[grad log p] = 0, in every spelling of the average) is a
# statement to check. The side condition: the average must be the whole side, outermost.
AVERAGES_OF_DERIVATIVES = [
    r"\mathbb{E}_{x \sim p_{\theta}}[\nabla_{\theta} \log p_{\theta}(x)]",
    r"E[\nabla_{\theta} \log p_{\theta}(x)]",
    r"\underset{x \sim p_{\theta}}{\mathrm{E}}\left[\nabla_{\theta} \log p_{\theta}(x)\right]",
    r"\operatorname{E}_{x \sim p_{\theta}}[\frac{\partial}{\partial \theta} \log p_{\theta}(x)]",
    r"\int \nabla_{\theta} p_{\theta}(x) \, dx",
]


@pytest.mark.parametrize("average", AVERAGES_OF_DERIVATIVES)
def test_the_average_of_a_derivative_set_to_0_is_a_claim(average):
    for lhs, rhs in ((average, "0"), ("0", average)):
        k = classify(lhs, "=", rhs, first=True, seen={r"\theta", "x"})
        assert k.kind == "claim", (lhs, rhs, k)


@pytest.mark.parametrize(
    "derivative",
    [r"\nabla_{\theta} L(\theta)", r"\frac{\partial L}{\partial w}", r"f'(x)"],
)
def test_a_derivative_set_to_0_is_still_a_first_order_condition(derivative):
    k = classify(derivative, "=", "0", first=True, seen={r"\theta", "w", "x", "L", "f"})
    assert k.kind == "equation" and "first-order" in k.why, k


# An inequality set right after prose that introduces a region ("f decreases exactly where") is
# a condition on the variables, not a claim; the same display without the cue is a claim (false
# here, so refuted). A "where" before an equation still defines, as before.
REGION_CUES = [
    "f decreases from the saddle exactly where",
    "the loss is below its initial value precisely where",
    "this happens only when",
    "the set of points for which",
    "the product is negative in the region where",
    "x is feasible if and only if",
]


@pytest.mark.parametrize("cue", REGION_CUES)
@pytest.mark.parametrize("relation", ["<", r"\le", ">", r"\ge"])
def test_an_inequality_introduced_as_a_region_is_a_condition_not_a_claim(cue, relation):
    display = ("(2 x - 3 y)(2 x - y)", relation, "0")
    k = classify(*display, first=True, seen={"x", "y"}, prose=f"and {cue}")
    assert k.kind == "assumption" and "region" in k.why, k
    plain = classify(*display, first=True, seen={"x", "y"}, prose="and so")
    assert plain.kind == "claim", plain


def test_a_region_cue_does_not_turn_a_definition_or_a_later_link_into_an_assumption():
    assert (
        classify("z", "=", "w x", first=True, seen={"w", "x"}, prose="where").kind != "assumption"
    )
    later = classify("a", r"\le", "b", first=False, seen={"a", "b"}, prose="exactly where")
    assert later.kind == "claim"


# one letter in text font is the letter in upright font, as the reader takes it (`\|W\|_\textrm{F}`
# the Frobenius norm, `x^\text{T}` the transpose); a word in a subscript is a label (`n_\text{in}`)
@pytest.mark.parametrize(
    "row, lhs",
    [
        (r"s = \|W\|_\textrm{F}^2", "s"),
        (r"s = \|W\|_{\text{F}}^2 + n_\text{in}", "s"),
        (r"s = x^\text{T} x", "s"),
    ],
)
def test_text_in_a_script_is_read_with_its_name(row, lhs):
    (st,) = split_statements(row)
    assert not st.problem, st.problem
    assert st.text.startswith(lhs)


# the space of a statement's last term written after it is a remark on its shape, not a relation;
# `\in` anywhere else stays what it was (a range `x \in \mathbb{R}^n` alone is no statement)
@pytest.mark.parametrize(
    "row",
    [
        r"g = \frac{\partial L}{\partial o} \in \mathbb{R}^{q}",
        r"g = W^\top h \in \mathbb{R}^q.",
        r"g = 2 h \in \mathbb R^{d \times 1}",
    ],
)
def test_the_space_written_after_a_statement_is_a_remark(row):
    (st,) = split_statements(row)
    assert "\\in" not in st.text and st.remarks and st.remarks[-1].startswith("\\in")
    assert st.text.startswith("g = ")


def test_a_membership_alone_keeps_its_meaning():
    (st,) = split_statements(r"x \in \mathbb{R}^n")
    assert st.text == r"x \in \mathbb{R}^n" and not st.remarks


# prose that names the display's head just before it ("the loss function $l$ is") introduces its
# definition, even when the name was used before; another name there says nothing of it
@pytest.mark.parametrize(
    "prose, kind",
    [
        ("where for any pair of labels the loss function $l$ is", "definition"),
        ("the loss $l$ is given by:", "definition"),
        ("and $l$ is defined as", "definition"),
        ("the loss function $m$ is", "claim"),
        ("the loss function $l$ is bounded, and", "claim"),
    ],
)
def test_a_name_said_just_before_its_display_is_defined_there(prose, kind):
    k = classify(
        r"l(\mathbf{y}, \hat{\mathbf{y}})",
        "=",
        r"- \sum_{j=1}^q y_j \log \hat{y}_j",
        first=True,
        seen={"l", "y", r"\haty", "q", "j"},
        prose=prose,
    )
    assert k.kind == kind, (prose, k)


# a second recurrence for a name that already follows one is the first unrolled: a claim, never
# refuted with the name free (only the recurrence decides it); initial values stay updates
def test_a_recurrence_unrolled_is_a_claim_about_it(tmp_path):
    f = note(
        tmp_path,
        r"""
        $$
        v_t = \beta v_{t-1} + g_t, \quad v_0 = 0
        $$

        Expanding once more,

        $$
        v_t = \beta^2 v_{t-2} + \beta g_{t-1} + g_t
        $$

        $$
        v_t = \beta^2 v_{t-2} + g_{t-1} + g_t
        $$
        """,
        r"v_t, v_{t-1}, v_{t-2}, v_0, g_t, g_{t-1}: scalar; \beta: scalar, unit",
    )
    links = check_document(f, timeout=20)
    assert [(x.line, x.kind) for x in links] == [
        (2, "update"),
        (2, "update"),
        (8, "claim"),
        (12, "claim"),
    ]
    assert all(x.status == "unknown" for x in links[2:]), links[2:]
    assert "recurrence" in links[3].reason


# "the random variable with density" introduces the density the display writes out, even when
# the letter was used before (`p_X(x)` in a general formula)
@pytest.mark.parametrize(
    "prose, kind",
    [
        ("if we consider the random variable with density", "definition"),
        ("a variable with the probability density function", "definition"),
        ("take the distribution with pmf:", "definition"),
        ("compare it with the density of the sum:", "claim"),
    ],
)
def test_a_density_introduced_in_words_is_defined_by_its_display(prose, kind):
    k = classify("p(x)", "=", r"e^{-x}", first=True, seen={"p", "x"}, prose=prose)
    assert k.kind == kind, (prose, k)


@pytest.mark.parametrize(
    ("arrow", "connective"),
    [
        (r"\implies", "implies"),
        (r"\Rightarrow", "implies"),
        (r"\Longrightarrow", "implies"),
        (r"\therefore", "implies"),
        (r"\iff", "iff"),
        (r"\Leftrightarrow", "iff"),
        (r"\because", "since"),
    ],
)
def test_every_connective_of_a_normal_equations_row_splits_it(arrow, connective):
    """The first-order condition of least squares as lecture notes write it, with each arrow
    and each of the words TeX authors use between two statements of one row."""
    row = rf"\nabla_w J = X^T X w - X^T y = 0 {arrow} X^T X w = X^T y"
    parts = split_statements(row)
    assert [(p.text, p.connective) for p in parts] == [
        (r"\nabla_w J = X^T X w - X^T y = 0", ""),
        (r"X^T X w = X^T y", connective),
    ]
