r"""Givens a note states in words: a constraint after "subject to" (and its other spellings) and
the moments it gives a random variable ("with mean $\mu$ and variance $\sigma^2$") are givens for
the displays that follow, and a verdict that used one says so. Each family is generated over its
spellings, with a control (the same note without the cue words) and a false twin (a claim the
given does not make true) for every member."""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document
from derivax._documents._inline import inline_definitions
from derivax._documents._prose import constraints, moments


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _note(tmp_path, body: str, symbols: str):
    return write_note(tmp_path, body, symbols)


def _claims(f):
    return [x for x in check_document(f, timeout=20) if x.kind == "claim"]


CUES = [
    "subject to",
    "s.t.",
    "under the constraint",
    "with the constraint",
    "constrained so that",
    "provided that",
    "assuming",
    "assuming that",
    "given that",
]

# (symbols, constraint, a claim true only under it, a false twin under it)
CONSTRAINED = [
    (
        r"u: vector[d]; \lambda: scalar; d: dim",
        r"u^\top u = 1",
        r"\lambda u^{\top} u = \lambda",
        r"\lambda u^{\top} u = 2 \lambda",
    ),
    (
        r"u: vector[d]; \lambda: scalar; d: dim",
        r"\|u\|^2 = 1",
        r"\lambda u^{\top} u = \lambda",
        r"\lambda u^{\top} u = 2 \lambda",
    ),
    ("x: scalar", r"x \ge 1", r"|x - 1| = x - 1", r"|x - 1| = 1 - x"),
    ("x: scalar", r"x > 2", r"\frac{1}{x} < \frac{1}{2}", r"\frac{1}{x} > \frac{1}{2}"),
]


@pytest.mark.parametrize("n", range(len(CUES)))
def test_a_constraint_in_words_is_a_given(tmp_path, n):
    # every cue, each with one kind of constraint in turn (=, \ge, >, a norm)
    cue = CUES[n]
    symbols, constraint, true, false = CONSTRAINED[n % len(CONSTRAINED)]
    body = f"""
    We work {cue} ${constraint}$. Then

    $$
    {true}
    $$

    and the twin

    $$
    {false}
    $$
    """
    first, twin = _claims(_note(tmp_path, body, symbols))
    assert first.status in ("proved", "plausible"), first
    assert "using what the text says" in first.reason and constraint in first.reason
    assert twin.status != "proved", twin
    # the control: the same relation mentioned without a cue is no given, and the claim that
    # needs it is not proved
    control = _claims(_note(tmp_path, body.replace(cue, "and we also plot"), symbols))[0]
    assert control.status != "proved", control


def test_the_constraint_cues_read_only_a_relation_derivax_decides():
    assert [g.relation for g in constraints(r"subject to $\|u\|^2 = 1$.")] == [r"\|u\|^2 = 1"]
    assert constraints(r"subject to $x \approx 1$") == []
    assert constraints(r"subject to $x \in C$") == []
    assert constraints(r"subject to $0 \le x \le 1$") == []  # two relations: not one given
    assert constraints(r"where $x = 1$") == []  # a definition's cue, read elsewhere
    # dividing by a quantity said positive states its sign (issue 29, the SVM margin)
    assert [g.relation for g in constraints(r"Dividing by $M > 0$:")] == ["M > 0"]


def test_a_primed_name_the_words_introduce_is_defined_from_its_unprimed_twin():
    # "with $w' = w/M$" defines w'; without a cue, w' = w/M stays a statement about w
    assert inline_definitions(r"so with $w' = w/M$ the margin", {"w"}) == ["w' = w/M"]
    assert inline_definitions(r"so $w' = w/M$ the margin", {"w"}) == []
    assert inline_definitions(r"with $w_t = w/M$ the margin", {"w"}) == []


SYMBOLS = r"X: random; \mu, m, c: scalar; \sigma, s: scalar, positive"

# (sentence, claim proved under it, false twin)
MOMENTS = [
    (
        r"Let $X$ have mean $\mu$ and variance $\sigma^2$.",
        r"\mathbb{E}[2X + 1] = 2\mu + 1",
        r"\mathbb{E}[2X + 1] = 2\mu",
    ),
    (
        r"Let $X$ have mean $\mu$ and variance $\sigma^2$.",
        r"\operatorname{Var}(3X + 1) = 9\sigma^2",
        r"\operatorname{Var}(3X + 1) = 3\sigma^2",
    ),
    (r"Take $X$ with variance $s$.", r"\operatorname{Var}(-X) = s", r"\operatorname{Var}(-X) = -s"),
    (
        r"Suppose $X$ has standard deviation $\sigma$.",
        r"\operatorname{Var}(2X) = 4\sigma^2",
        r"\operatorname{Var}(2X) = 2\sigma^2",
    ),
    (
        r"The variable $X$ has expected value $m$.",
        r"\mathbb{E}[X - m] = 0",
        r"\mathbb{E}[X - m] = 1",
    ),
    (r"Draw $X$, whose mean is $c$.", r"\mathbb{E}[X + X] = 2c", r"\mathbb{E}[X + X] = c"),
]


@pytest.mark.parametrize("case", range(len(MOMENTS)))
def test_moments_said_in_words_are_givens(tmp_path, case):
    sentence, true, false = MOMENTS[case]
    body = f"""
    {sentence} Then

    $$
    {true}
    $$

    and the twin

    $$
    {false}
    $$
    """
    first, twin = _claims(_note(tmp_path, body, SYMBOLS))
    assert first.status == "proved", first
    assert "using what the text says" in first.reason
    assert twin.status == "refuted", twin


def test_the_moments_of_every_entry_of_a_random_vector(tmp_path):
    body = r"""
    Let $X_1, \dots, X_n$ be i.i.d. with variance $\sigma^2$, and

    $$
    \bar{X} = \frac{1}{n} \sum_{i=1}^n X_i
    $$

    so that

    $$
    \operatorname{Var}(\bar{X}) = \frac{\sigma^2}{n}
    $$

    $$
    \operatorname{Var}(\bar{X}) = \frac{\sigma^2}{n^2}
    $$
    """
    symbols = r"X: random[n], iid; \bar{X}: random; \sigma: scalar, positive; i: index; n: dim"
    right, wrong = _claims(_note(tmp_path, body, symbols))
    assert right.status == "proved", right
    assert wrong.status == "refuted", wrong


def test_a_moment_is_said_of_a_variable_in_its_own_sentence_only():
    # the value's sentence names no random variable: nothing is read
    assert moments(r"Let $X$ be a coin. Its mean $\mu$ is unknown.", None) == []
    # two uppercase letters in the math before: which one is meant is not said
    assert moments(r"Let $X + Y$ have variance $\sigma^2$.", None) == []
    # an entry of a vector needs a declared index to speak of every entry
    assert moments(r"Let $X_1, \dots, X_n$ have variance $v$.", None) == []
    assert [g.relation for g in moments(r"Let $X_1, \dots, X_n$ have variance $v$.", "i")] == [
        r"\operatorname{Var}(X_{i}) = v"
    ]
    # a value that is a relation is no moment
    assert moments(r"Let $X$ have mean $\mu = 0$.", None) == []


def test_a_matrix_step_beside_a_scalar_constraint(tmp_path):
    # u^T Sigma u = lambda u^T u is a 1 x 1 matrix equation; the constraint u^T u = 1 a scalar
    # one: comparing the two (is the step a restatement of the text?) must not fail the note
    body = r"""
    We maximise subject to $\|u\|^2 = 1$, and at a stationary point

    $$
    u^{\top} \Sigma u = \lambda u^{\top} u = \lambda
    $$
    """
    symbols = r"u: vector[d]; \Sigma: symmetric[d]; \lambda: scalar; d: dim"
    first, second = _claims(_note(tmp_path, body, symbols))
    assert first.status in ("unknown", "plausible"), first  # needs Sigma u = lambda u
    assert second.status == "proved", second


@pytest.mark.parametrize("sign", [r"\triangleq", ":=", r"\coloneqq", r"\equiv"])
@pytest.mark.parametrize(
    ("chain", "defined"),
    [
        # a definition sign, then the closed form: the name is defined by the last term
        (r"\pi(x) {} P(y=1 \mid x, w) = \sigma(w^T x)", r"\pi(x) = \sigma(w^T x)"),
        (r"\pi(x) {} \sigma(w^T x)", r"\pi(x) = \sigma(w^T x)"),
        (r"h(x) {} \frac{1}{Z} = \frac{1}{1 + x^2}", r"h(x) = \frac{1}{1 + x^2}"),
    ],
)
def test_a_definition_sign_in_the_running_text_defines_by_the_chain_end(sign, chain, defined):
    prose = "With $" + chain.replace("{}", sign) + "$ the likelihood is"
    assert inline_definitions(prose, set()) == [defined]


@pytest.mark.parametrize(
    "prose",
    [
        r"With $\pi(x) \triangleq \sigma(w^T x) \le 1$ the likelihood",  # a bound, no definition
        r"With $\pi(x) \le \sigma(w^T x) = 1$ the likelihood",
        r"With $\pi(x) \triangleq p = q \approx 1$ the likelihood",
    ],
)
def test_a_chain_with_another_relation_defines_nothing(prose):
    assert inline_definitions(prose, set()) == []


def test_a_function_the_running_text_defines_is_applied_inside_a_sum_over_samples(tmp_path):
    # the cheat sheet's pi(x) := P(y=1|x,w) = sigm(w^T x), applied to the columns x_i of X
    symbols = (
        r"w, x: vector[D]; x_i: column[X]; X: matrix[D, N]; \pi: function; i: index; N, D: dim"
    )
    for right, status in (
        (r"-\sum_{i=1}^N\log(1+\exp(-\mathbf{w}^T\mathbf{x}_i))", "proved"),
        (r"-\sum_{i=1}^N\log(1+\exp(\mathbf{w}^T\mathbf{x}_i))", "refuted"),
    ):
        body = rf"""
        With $\pi(\mathbf{{x}}) \triangleq P(y=1|\mathbf{{x}},\mathbf{{w}}) = \mathrm{{sigm}}(\mathbf{{w}}^T\mathbf{{x}})$,

        $$\sum_{{i=1}}^N \log\left\{{\pi(\mathbf{{x}}_i)\right\}} = {right}$$
        """
        (claim,) = _claims(_note(tmp_path, body, symbols))
        assert claim.status == status, claim.reason
