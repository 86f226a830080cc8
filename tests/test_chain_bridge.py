r"""Chains notes write through steps derivax cannot check one by one, and primes on names a note
defines in its text.

- A chain ``a = b = c`` whose links are both left open (``b`` unread or undecided) is checked end
  to end: a refutation of ``a = c`` is reported as a claim of its own spanning the steps, and a
  correct chain reports nothing more.
- ``u'`` after "let $u = 1 + e^{-x}$" is the derivative of ``u`` (by the variable the chain
  differentiates by, or the one its definition depends on), never a free quantity that refutes a
  correct step.
- A chain in the running text, ``$h_i = \sum_k e^{a_k} = \Sigma$``, names one expression twice.
- An index written twice in one term and once in another on the same side is free (Einstein's
  convention cannot sum it in one term and not the next).

Each family is generated over its spellings, with a correct twin for every wrong member."""

from __future__ import annotations

import pytest
from notes_helper import write_note

import derivax as dx
from derivax._documents import check_document
from derivax._documents._bridge import combined
from derivax._documents._inline import inline_definitions
from derivax._errors import DerivaxError


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _note(tmp_path, body: str, symbols: str):
    return write_note(tmp_path, body, symbols)


def _claims(f):
    return [x for x in check_document(f, timeout=20) if x.kind == "claim"]


# ---------------------------------------------------------------------------------------------
# primes on defined names

# (definition's right side, its first derivative, its second derivative)
DEFINED = [
    (r"1 + e^{-x}", r"-e^{-x}", r"e^{-x}"),
    (r"x^3 + 2x", r"3x^2 + 2", r"6x"),
    (r"\log(1 + x^2)", r"\frac{2x}{1 + x^2}", r"\frac{2(1 - x^2)}{(1 + x^2)^2}"),
]
CUES = ["Let $NAME = E$.", "With $NAME = E$ we have", "where $NAME = E$, so"]
NAMES = ["u", "v", r"\phi"]


@pytest.mark.parametrize("cue", CUES)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("value,first,second", DEFINED)
def test_a_prime_on_a_defined_name_is_its_derivative(tmp_path, cue, name, value, first, second):
    text = cue.replace("NAME", name).replace("E", value, 1)
    f = _note(
        tmp_path,
        f"""
        {text}

        $${name}' = {first}$$

        $${name}'' = {second}$$

        $${name}' = {first} + 1$$
        """,
        "x: scalar",
    )
    links = _claims(f)
    assert [x.status for x in links] == ["proved", "proved", "refuted"], [
        (x.status, x.reason) for x in links
    ]


HEADS = [
    (r"\frac{d}{dx}", "d"),
    (r"\frac{\mathrm{d}}{\mathrm{d}x}", "d"),
    (r"\frac{\partial}{\partial x}", r"\partial"),
]


@pytest.mark.parametrize("head,_d", HEADS)
def test_the_chain_names_the_variable_of_a_prime(tmp_path, head, _d):
    # the sigmoid by the chain rule: u = 1 + e^{-x}, and x is the chain's variable (t is not)
    good = _note(
        tmp_path,
        rf"""
        Let $u = 1 + t e^{{-x}}$, so that $\sigma = 1/u$:

        $${head}\frac{{1}}{{1 + t e^{{-x}}}} = -\frac{{u'}}{{u^2}} = \frac{{t e^{{-x}}}}{{(1 + t e^{{-x}})^2}}$$
        """,
        "x, t: scalar",
    )
    assert [x.status for x in _claims(good)] == ["proved", "proved"]


@pytest.mark.parametrize("head,_d", HEADS)
def test_a_slip_after_a_prime_is_refuted_and_nothing_before_it(tmp_path, head, _d):
    bad = _note(
        tmp_path,
        rf"""
        Let $u = 1 + e^{{-x}}$. By the chain rule

        $${head}\frac{{1}}{{1 + e^{{-x}}}} = -\frac{{u'}}{{u^2}} = \frac{{-e^{{-x}}}}{{(1 + e^{{-x}})^2}}$$
        """,
        "x: scalar",
    )
    assert [x.status for x in _claims(bad)] == ["proved", "refuted"]


def test_a_prime_with_no_variable_to_take_refutes_nothing(tmp_path):
    # u = x y depends on two names and nothing at the head says which one the prime is by
    f = _note(
        tmp_path,
        r"""
        Let $u = x y$. Then

        $$u' = y$$
        """,
        "x, y: scalar",
    )
    (link,) = _claims(f)
    assert link.status == "unknown"
    assert "`u'`" in link.reason and "derivative" in link.reason


def test_a_prime_by_a_variable_the_definition_lacks_refutes_nothing(tmp_path):
    f = _note(
        tmp_path,
        r"""
        Let $u = x^2$. Then

        $$\frac{d}{dt} (t u) = u + t u'$$
        """,
        "x, t: scalar",
    )
    (link,) = _claims(f)
    assert link.status != "refuted", link.reason


def test_a_bare_prime_of_a_family_refutes_nothing(tmp_path):
    # g_i is defined, g' is not: which entry, by what variable, the text does not say
    f = _note(
        tmp_path,
        r"""
        With $g_i = e^{a_i}$ the quotient rule gives

        $$g' = 5$$
        """,
        r"\mathbf{a}: vector[K]; i, j: index; K: dim",
    )
    (link,) = _claims(f)
    assert link.status == "unknown", link.reason


def test_a_primed_name_the_text_defines_is_that_quantity(tmp_path):
    f = _note(
        tmp_path,
        r"""
        Let $w = x^2$ and take $w' = w/M$ as the scaled weight. Then

        $$w' M = x^2$$
        """,
        "x, M: scalar",
    )
    (link,) = _claims(f)
    assert link.status == "proved", link.reason


def test_a_function_prime_is_left_to_the_reader(tmp_path):
    f = _note(
        tmp_path,
        r"""
        Let $u = 3$. The sigmoid's derivative:

        $$\sigma'(x) = \sigma(x)(1 - \sigma(x))$$
        """,
        "x: scalar",
    )
    (link,) = _claims(f)
    assert link.status == "proved", link.reason


# ---------------------------------------------------------------------------------------------
# chains checked end to end

SOFTMAX = r"\mathbf{a}: vector[K]; i, j, k: index; K: dim"

# the quotient rule written with primes on a family the prose defines (g_i, h_i), as notes on
# the softmax Jacobian do: the first row's left side (its numerator) and the second row's right
# side, correct or with the slip of writing e^{a_j} for the numerator
QUOTIENT = r"""
With $g_i = e^{{a_i}}$ and $h_i = \sum_{{k=1}}^K e^{{a_k}} = \Sigma$ the quotient rule gives

$$\begin{{align*}}
\frac{{\partial}}{{\partial a_j}}\frac{{{numerator}}}{{\sum_{{k=1}}^K e^{{a_k}}}} &= \frac{{g'h - h'g}}{{h^2}}\\
&= \frac{{1_{{i=j}} e^{{a_i}} \Sigma - e^{{a_j}} e^{{a_i}}}}{{\Sigma^2}}
\end{{align*}}$$
"""


def test_a_slip_through_an_unchecked_step_is_found(tmp_path):
    f = _note(tmp_path, QUOTIENT.format(numerator="e^{a_j}"), SOFTMAX)
    links = _claims(f)
    steps = [x for x in links if not x.through]
    assert [x.status for x in steps] == ["unknown", "unknown"]
    (chain,) = [x for x in links if x.through]
    assert chain.status == "refuted"
    assert chain.through == (steps[0].line, steps[1].line)
    assert chain.lhs.startswith(r"\frac{\partial}{\partial a_j}\frac{e^{a_j}}")
    assert chain.rhs.startswith(r"\frac{1_{i=j} e^{a_i} \Sigma")
    assert "one of those steps is wrong" in chain.reason
    assert chain.to_dict()["through"] == list(chain.through)


def test_a_correct_chain_through_an_unchecked_step_adds_nothing(tmp_path):
    f = _note(tmp_path, QUOTIENT.format(numerator="e^{a_i}"), SOFTMAX)
    links = _claims(f)
    assert not [x for x in links if x.through]
    assert "refuted" not in {x.status for x in links}


# an inner product in a function space derivax does not read, between two sides it does (an
# evaluation bar served here until derivax read it)
BAR = r"\langle x, x + 1 \rangle_{\mathcal{H}}"


@pytest.mark.parametrize(
    "first,second,end,expected",
    [
        ("=", "=", "2x", None),
        ("=", "=", "2x + 1", "="),
        (r"\le", "=", "2x + 1", None),
        (r"\le", "=", "2x - 1", r"\le"),
        ("=", r"\ge", "2x - 1", None),
        ("=", r"\ge", "2x + 1", r"\ge"),
        (r"\le", r"\ge", "5x + 7", None),  # no relation between the ends: never bridged
    ],
)
def test_relations_combine_across_the_unread_step(tmp_path, first, second, end, expected):
    f = _note(
        tmp_path,
        f"""
        $$2x {first} {BAR} {second} {end}$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    assert all(x.status == "unread" for x in links if not x.through), links
    chains = [x for x in links if x.through]
    if expected is None:
        assert chains == []
    else:
        (chain,) = chains
        assert (chain.status, chain.relation, chain.rhs) == ("refuted", expected, end)


def test_a_chain_continued_in_the_next_display(tmp_path):
    f = _note(
        tmp_path,
        f"""
        $$\\frac{{d}}{{dx}} x^2 = {BAR}$$

        and so, at every $x$,

        $$= 2x + 2$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    (chain,) = [x for x in links if x.through]
    assert chain.status == "refuted" and chain.through == (1, 5)


def test_one_open_step_is_not_bridged(tmp_path):
    f = _note(
        tmp_path,
        f"""
        $$(x + 1)^2 = x^2 + 2x + 1 = {BAR}$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    assert [x.status for x in links] == ["proved", "unread"]


def test_a_new_chain_ends_the_run(tmp_path):
    # the second display starts a chain of its own: the first one's ends are 2x and the bar
    f = _note(
        tmp_path,
        f"""
        $$2x = {BAR}$$

        $$3x = 3x + 0$$
        """,
        "x: scalar",
    )
    links = check_document(f, timeout=20)
    assert not [x for x in links if x.through]


def test_combined_relations():
    assert combined(["=", "="]) == "="
    assert combined(["=", r"\le", "<"]) == "<"
    assert combined([r"\ge", "="]) == r"\ge"
    assert combined([r"\le", r"\ge"]) is None
    assert combined(["<", ">"]) is None


# ---------------------------------------------------------------------------------------------
# one expression named twice in the running text


@pytest.mark.parametrize(
    "prose,expected",
    [
        (
            r"With $h_i = \sum^K_{k=1}e^{a_k} = \Sigma$ the",
            [r"h_i = \sum^K_{k=1}e^{a_k}", r"\Sigma = \sum^K_{k=1}e^{a_k}"],
        ),
        (
            r"let $Z = \sum_{j=1}^n e^{z_j} = S$",
            [r"Z = \sum_{j=1}^n e^{z_j}", r"S = \sum_{j=1}^n e^{z_j}"],
        ),
        (r"let $L = \sum_{i=1}^n x_i$", [r"L = \sum_{i=1}^n x_i"]),  # `=` inside braces kept
        (r"so $L = a + b = c + d$", []),  # a derivation written inline: two expressions
        (r"so $L = a + b = L$", []),  # a name twice
        (r"so $a + b = L = M$", []),  # the first part is no name
        (r"so $L = x + M = M$", []),  # a name used in the expression
    ],
)
def test_names_given_in_a_chain_of_the_text(prose, expected):
    assert inline_definitions(prose, set()) == expected


def test_a_name_seen_before_is_not_renamed():
    assert inline_definitions(r"with $h = x + y = S$", {"S"}) == []


def test_the_second_name_reaches_later_claims(tmp_path):
    f = _note(
        tmp_path,
        r"""
        With $Z = \sum_{k=1}^K e^{a_k} = S$ the normaliser,

        $$\frac{\partial S}{\partial a_j} = e^{a_j}$$

        $$\frac{\partial Z}{\partial a_j} = e^{a_j} + 1$$
        """,
        SOFTMAX,
    )
    assert [x.status for x in _claims(f)] == ["proved", "refuted"]


# ---------------------------------------------------------------------------------------------
# an index summed by convention, or free

INDEXED = "x, y: vector[n]; A: matrix[n, n]; i, j, k, l: index; n: dim"


@pytest.mark.parametrize(
    "claim",
    [
        r"x_i y_i = 3",
        r"\delta_{ik}\delta_{jl} A_{ji} = A_{lk}",
        r"\exp(x_i y_i) = 3",
        r"\exp(x_i y_i) + \exp(x_i y_i) = 3",
    ],
)
def test_an_index_summed_by_convention_is_still_refused(claim):
    with pytest.raises(DerivaxError, match="Einstein"):
        dx.check(claim, INDEXED)


@pytest.mark.parametrize(
    "claim,status",
    [
        (r"x_i y_i + x_i = 3", "refuted"),
        (r"x_i^2 = 1", "refuted"),  # a power is one factor: the square of entry i
        (r"x_i y_i - x_i y_i + x_i = x_i", "proved"),
        (r"(x_i y_i + x_i) - x_i = x_i y_i + 1", "refuted"),
    ],
)
def test_an_index_free_in_another_term_is_free(claim, status):
    assert dx.check(claim, INDEXED).status == status


# ---------------------------------------------------------------------------------------------
# the order of a derivative written with braces, as the primes' givens (and many notes) write it


@pytest.mark.parametrize(
    "written",
    [
        r"\frac{d^{2}}{dx^{2}}\left(x^3 + x\right)",
        r"\frac{d^2}{dx^{2}}\left(x^3 + x\right)",
        r"\frac{d^{2}}{dx^2}\left(x^3 + x\right)",
        r"\frac{\partial^{2}}{\partial x^{2}}\left(x^3 + x\right)",
        r"\frac{\mathrm{d}^{2}}{\mathrm{d}x^{2}}\left(x^3 + x\right)",
    ],
)
def test_braced_orders_of_a_second_derivative(written):
    assert dx.check(f"{written} = 6x", "x: scalar").status == "proved"
    assert dx.check(f"{written} = 6x + 1", "x: scalar").status == "refuted"


def test_a_braced_order_on_an_indexed_variable():
    s = "a: vector[n]; j: index; n: dim"
    assert dx.check(r"\frac{d^{2}}{d a_{j}^{2}} a_j^3 = 6 a_j", s).status == "proved"


@pytest.mark.parametrize(
    "claim,symbols",
    [
        (r"\frac{\partial}{\partial x^{(1)}} (x^{(1)})^2 = 2 x^{(1)}", r"x^{(1)}: scalar"),
        (
            r"\frac{\partial}{\partial \mathbf{W}^{(1)}} \operatorname{tr}(\mathbf{W}^{(1)}) = I",
            r"\mathbf{W}^{(1)}: matrix[n, n]",
        ),
        (r"\frac{\partial}{\partial w^{T}} w^{T} = 1", "w^{T}: scalar"),
    ],
)
def test_a_superscript_of_the_variables_name_is_no_order(claim, symbols):
    # only digits written on the variable are the derivative's order: \partial W^{(1)} is W^{(1)}
    assert dx.check(claim, symbols).status == "proved"


# a generated family: identities a note chains through a term check-doc cannot read, each with
# a correct end and a wrong one (a sign, a factor, a dropped term)
IDENTITIES = [
    (r"\frac{d}{dx} x^3", r"3x^2", r"3x^3"),
    (r"\frac{d}{dx} e^{2x}", r"2e^{2x}", r"e^{2x}"),
    (r"(x + 1)^2", r"x^2 + 2x + 1", r"x^2 + x + 1"),
    (r"\frac{d}{dx} \log(1 + x^2)", r"\frac{2x}{1 + x^2}", r"\frac{-2x}{1 + x^2}"),
    (r"\sigma(x) (1 - \sigma(x))", r"\sigma(x) \sigma(-x)", r"\sigma(x)^2"),
    (r"\sum_{i=1}^{n} (x_i - \bar{x})", r"\sum_{i=1}^{n} x_i - n \bar{x}", r"\sum_{i=1}^{n} x_i"),
]
MIDDLES = [r"\langle \phi(x), \phi(x) \rangle_{\mathcal{K}}", r"\langle u, u \rangle_{\mathcal{H}}"]


@pytest.mark.parametrize("middle", MIDDLES)
@pytest.mark.parametrize("start,right,wrong", IDENTITIES)
def test_a_chain_through_an_unread_term_refutes_only_a_wrong_end(
    tmp_path, middle, start, right, wrong
):
    symbols = r"\bar{x}: scalar; x: vector[n]; i: index" if "x_i" in start else "x: scalar"
    for end, refuted in ((right, False), (wrong, True)):
        f = _note(tmp_path, f"$${start} = {middle} = {end}$$\n", symbols)
        links = check_document(f, timeout=20)
        chains = [x for x in links if x.through]
        assert [x.status for x in links if not x.through] == ["unread", "unread"], links
        assert [x.status for x in chains] == (["refuted"] if refuted else []), (end, chains)
