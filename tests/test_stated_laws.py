r"""Densities named by a law the text states (``$X_i \overset{iid}{\sim} \mathcal{N}(\mu,
\sigma^2)$``, then ``f_{X_i}(x_i)`` in a display): the family is generated over the spellings of the
law, of the ``\sim``, of the variable and of the density, and each claim is labelled by an oracle
written here from the definition of the normal density (mpmath, at random points), under each
reading of the law's second parameter. A claim true under every reading is never refuted, one
false under every reading is refuted, and one true under only one reading of an ambiguous
``\mathcal{N}(\mu, \sigma)`` is neither proved nor refuted."""

from __future__ import annotations

import os
import random

import mpmath as mp
import pytest
from notes_helper import write_note

from derivax._documents import check_document
from derivax._documents._laws import stated_laws, with_density_subscripts


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
SYMBOLS = r"x: vector[n]; \mu: scalar; \sigma: scalar, positive; i: index; n: dim"


def _note(tmp_path, body: str, symbols: str = SYMBOLS):
    return write_note(tmp_path, body, symbols)


def _claims(f):
    return [x for x in check_document(f, timeout=20) if x.kind == "claim"]


# -- the oracle: the normal density from its definition, in mpmath --------------------------------
def _pdf(t, mean, var):
    return mp.exp(-((t - mean) ** 2) / (2 * var)) / mp.sqrt(2 * mp.pi * var)


# right sides of `\prod_{i=1}^n DENSITY(x_i) = RHS`, each with its value (x, mu, sigma)
RIGHT_SIDES = {
    "normaliser sigma^2": (
        r"\prod_{i=1}^n \frac{1}{\sqrt{2 \pi \sigma^2}} e^{-\frac{(x_i - \mu)^2}{2 \sigma^2}}",
        lambda x, m, s: mp.fprod(_pdf(t, m, s**2) for t in x),
    ),
    "normaliser sigma": (
        r"\prod_{i=1}^n \frac{1}{\sqrt{2 \pi \sigma}} e^{-\frac{1}{2} \frac{(x_i - \mu)^2}{\sigma^2}}",
        lambda x, m, s: mp.fprod(
            mp.exp(-((t - m) ** 2) / (2 * s**2)) / mp.sqrt(2 * mp.pi * s) for t in x
        ),
    ),
    "variance sigma": (
        r"\prod_{i=1}^n \frac{1}{\sqrt{2 \pi \sigma}} e^{-\frac{(x_i - \mu)^2}{2 \sigma}}",
        lambda x, m, s: mp.fprod(_pdf(t, m, s) for t in x),
    ),
    "closed form": (
        r"\frac{1}{(2 \pi \sigma^2)^{n/2}} e^{-\frac{1}{2 \sigma^2} \sum_{i=1}^n (x_i - \mu)^2}",
        lambda x, m, s: mp.fprod(_pdf(t, m, s**2) for t in x),
    ),
    "mean sign": (
        r"\prod_{i=1}^n \frac{1}{\sqrt{2 \pi \sigma^2}} e^{-\frac{(x_i + \mu)^2}{2 \sigma^2}}",
        lambda x, m, s: mp.fprod(_pdf(t, -m, s**2) for t in x),
    ),
}

# how the text states the law: (inline math with {V} for the variable, second parameter squared?)
LAWS = [
    (r"{V} \overset{{\mathrm{{iid}}}}{{\sim}} \mathcal{{N}}(\mu, \sigma^2)", True),
    (r"{V} \sim \mathcal{{N}}(\mu, \sigma^{{2}})", True),
    (r"{V} \stackrel{{iid}}{{\sim}} N\left(\mu, \sigma^2\right)", True),
    (r"{V} \sim \operatorname{{Normal}}(\mu, \sigma)", False),
    (r"{V} \overset{{\text{{iid}}}}{{\sim}} \mathcal{{N}}(\mu, \sigma)", False),
]
# (the variable in the law, the density as the display writes it)
DENSITIES = [
    ("X_i", r"f_{X_i}(x_i)"),
    ("X_{i}", r"f_{X_i}(x_i)"),
    ("X_i", r"p_{X_{i}}(x_i)"),
    ("X_i", r"f X_i(x_i)"),
]


def _truth(rhs_value, reading_var, rng) -> bool:
    """Whether ``\\prod_i pdf(x_i) = rhs`` at every one of several random points, with the law's
    variance ``reading_var(sigma)``."""
    mp.mp.dps = 40
    for _ in range(4):
        n = rng.randint(1, 3)
        x = [mp.mpf(rng.uniform(-2, 2)) for _ in range(n)]
        m, s = mp.mpf(rng.uniform(-1, 1)), mp.mpf(rng.uniform(0.3, 2.5))
        left = mp.fprod(_pdf(t, m, reading_var(s)) for t in x)
        if abs(left - rhs_value(x, m, s)) > mp.mpf(10) ** -25 * (1 + abs(left)):
            return False
    return True


def _members():
    rng = random.Random(20261205)
    out = []
    for k, (law, squared) in enumerate(LAWS):
        variable, density = DENSITIES[k % len(DENSITIES)]
        for j, (name, (rhs, value)) in enumerate(RIGHT_SIDES.items()):
            # two right sides per law on every run, each right side under two laws; all of them
            # in the thorough profile
            if not THOROUGH and (j + k) % len(RIGHT_SIDES) >= 2:
                continue
            readings = [lambda s: s**2] if squared else [lambda s: s, lambda s: s**2]
            truths = {_truth(value, r, rng) for r in readings}
            expect = "true" if truths == {True} else "false" if truths == {False} else "open"
            out.append(pytest.param(law.format(V=variable), density, rhs, expect, id=f"{k}-{name}"))
    return out


@pytest.mark.parametrize(("law", "density", "rhs", "expect"), _members())
def test_a_density_named_by_a_stated_law(tmp_path, law, density, rhs, expect):
    f = _note(
        tmp_path,
        f"""
        # Likelihood

        With ${law}$ the likelihood of the sample is

        $$
        \\prod_{{i=1}}^n {density} = {rhs}
        $$
        """,
    )
    (link,) = _claims(f)
    if expect == "true":
        assert link.status in ("proved", "plausible"), link
        assert "the density of" in link.reason
    elif expect == "false":
        assert link.status == "refuted", link
        assert "the density of" in link.reason
    else:
        assert link.status == "unknown", link
        assert "leaves its second parameter open" in link.reason


def test_every_kind_of_expectation_is_generated():
    members = _members()
    assert {p.values[3] for p in members} == {"true", "false", "open"}
    assert {p.values[2] for p in members} == {rhs for rhs, _ in RIGHT_SIDES.values()}


def test_the_same_display_without_the_law_does_not_read_the_density(tmp_path):
    f = _note(
        tmp_path,
        r"""
        # Likelihood

        The likelihood of the sample is

        $$
        \prod_{i=1}^n f_{X_i}(x_i) = \prod_{i=1}^n \frac{1}{\sqrt{2 \pi \sigma}} e^{-\frac{(x_i - \mu)^2}{2 \sigma^2}}
        $$
        """,
    )
    links = check_document(f, timeout=20)
    assert links and all(x.status not in ("proved", "refuted") for x in links)


def test_a_vector_s_law_states_no_scalar_density(tmp_path):
    f = _note(
        tmp_path,
        r"""
        # A vector

        With $x \sim \mathcal{N}(\mu, \sigma^2)$ we have

        $$
        f_{x}(x) = \frac{1}{\sqrt{2 \pi \sigma^2}} e^{-\frac{(x - \mu)^2}{2 \sigma^2}}
        $$
        """,
    )
    assert all(x.status != "proved" for x in check_document(f, timeout=20))
    assert stated_laws(r"$x \sim \mathcal{N}(0, 1)$") == []  # the variable is an uppercase letter


def test_a_density_name_the_note_declares_is_its_own(tmp_path):
    # f_X declared a scalar by the note: no law rewrites it
    f = _note(
        tmp_path,
        r"""
        # Own name

        With $X \sim \mathcal{N}(0, 1)$ and

        $$
        f_{X}(y) = 3 y
        $$
        """,
        SYMBOLS + r"; f_{X}: function; y: scalar",
    )
    links = check_document(f, timeout=20)
    assert not any("the density of" in x.reason for x in links)


def test_a_standard_normal_is_one_reading(tmp_path):
    # N(0, 1): the variance and the standard deviation agree, so the claim is decided
    f = _note(
        tmp_path,
        r"""
        # Standard

        Let $X \sim \mathcal{N}(0, 1)$. Then

        $$
        p_X(y) = \frac{1}{\sqrt{2 \pi}} e^{-y^2 / 2}
        $$

        $$
        p_X(y) = \frac{1}{\sqrt{2 \pi}} e^{-y^2}
        $$
        """,
        "y: scalar",
    )
    assert [x.status for x in _claims(f)] == ["proved", "refuted"]


@pytest.mark.parametrize(
    ("text", "variables", "expect"),
    [
        (r"f X_i(x_i)", {"X_{i}"}, r"f_{X_{i}}(x_i)"),
        (r"p_{X_i} (x_i)", {"X_{i}"}, r"p_{X_{i}}(x_i)"),
        (r"f_X(t) + f X(t)", {"X"}, r"f_{X}(t) + f_{X}(t)"),
        # a command ending in f, a longer name, and a variable without a law are left alone
        (r"\inf X_i(x_i)", {"X_{i}"}, r"\inf X_i(x_i)"),
        (r"f_{Xi}(t)", {"X"}, r"f_{Xi}(t)"),
        (r"f Y(t)", {"X"}, r"f Y(t)"),
        (r"g X(t)", {"X"}, r"g X(t)"),
    ],
)
def test_density_spellings(text, variables, expect):
    assert with_density_subscripts(text, variables) == expect


def test_the_corpus_note_s_slip_in_the_normaliser_is_refuted_and_nothing_correct_is():
    # the Gaussian-MLE note of the corpus: `X_i iid ~ N(mu, sigma)` in its text, the density
    # written `f X_i(x_i)`, and the slip `\sqrt{2 \pi \sigma}` for `\sqrt{2 \pi \sigma^2}`
    import tomllib
    from pathlib import Path

    note = Path(__file__).parent / "data" / "notes" / "repro_gaussian_mle_sigma.md"
    judged = tomllib.loads(note.with_name(note.name + ".judged.toml").read_text("utf-8"))
    truth = {(x["line"], x["kind"]): x["truth"] for x in judged["link"]}
    links = [x for x in check_document(note, timeout=20) if x.kind == "claim"]
    by_line = {x.line: x for x in links}
    assert by_line[12].status == "refuted"
    assert "under both readings" in by_line[12].reason
    for x in links:
        if truth.get((x.line, "claim")) == "correct":
            assert x.status != "refuted", x


def test_the_density_s_argument_is_no_letter_of_the_law(tmp_path):
    # N(t, 1): the density's argument must not be t, or (x - t) would read (t - t)
    f = _note(
        tmp_path,
        r"""
        # A law with t

        With $X \sim \mathcal{N}(t, 1)$,

        $$
        p_X(y) = \frac{1}{\sqrt{2 \pi}} e^{-(y - t)^2 / 2}
        $$

        $$
        p_X(y) = \frac{1}{\sqrt{2 \pi}} e^{-y^2 / 2}
        $$
        """,
        "y: scalar",
    )
    assert [x.status for x in _claims(f)] == ["proved", "refuted"]
