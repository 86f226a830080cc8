r"""Proportionality, ``A \propto B``: a Beta posterior up to its normalizer, a Gaussian up to its
constant, as course notes on Bayesian inference write them. The sides must differ by a factor
free of the variable the claim is about: the one under the sign (``\propto_\theta``), the
variable of a density on the left (``p(\theta \mid x)``), or the one letter both sides hold;
with none, every letter of the sides. Expected verdicts come from the mathematics: a true claim
is proved (or at worst undecided), a wrong exponent refuted with a point where the ratio
changes, a claim whose variable is ambiguous undecided, naming the letters.

Found on the way: the audit of an identity with a letter in a real exponent
(``(1-\theta)^a (1-\theta)^b = (1-\theta)^{a+b}``) entered the letter as an exact rational of
denominator 2^52, and SymPy's b^a took a 2^52-th root for minutes; the proof ran out of budget
and the claim ended plausible."""

from __future__ import annotations

import json
import textwrap

import pytest
import sympy

import derivax as dx
from derivax._documents import check_document

S = (
    r"\theta: scalar, unit; a, b, k, n: scalar, positive; x, \mu: scalar; "
    r"p, \pi: function; D: scalar"
)
BETA = r"\theta^{k} (1-\theta)^{n-k} \theta^{a-1} (1-\theta)^{b-1}"


@pytest.mark.parametrize(
    ("claim", "variable"),
    [
        (r"x^2 \propto_{x} 3 x^2", "x"),
        (r"x^2 \propto_x 3 x^2", "x"),
        (r"p(\theta \mid D) \propto p(D \mid \theta) p(\theta)", r"\theta"),
        (r"\pi(\theta) \propto \theta^2", r"\theta"),
        (r"e^{-x^2 / 2} \propto e^{-x^2/2 + 1}", "x"),  # the one letter both sides hold
        (BETA + r" \propto \theta^{a+k-1} (1-\theta)^{b+n-k-1}", None),  # several letters
    ],
)
def test_the_variable_the_claim_is_about(claim, variable):
    rel = dx.parse(claim, S)
    assert isinstance(rel.variable, sympy.Symbol) if variable else rel.variable is None
    if variable:
        assert rel.variable.name == variable
    assert dx.parse(dx.to_latex(rel, S), S) == rel  # the rendering reads back


@pytest.mark.parametrize(
    ("claim", "why"),
    [
        (r"a \propto b \propto x", "one `\\propto` per claim"),
        (r"\propto x", "an expression on each side"),
        (r"x \propto_{x + 1} x", "one scalar letter"),
    ],
)
def test_a_malformed_proportionality_is_refused(claim, why):
    with pytest.raises(dx.DerivaxError) as e:
        dx.parse(claim, S)
    assert why in str(e.value)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        # the Beta posterior: exponents add, the normalizer is free of theta
        (BETA + r" \propto_{\theta} \theta^{a+k-1} (1-\theta)^{b+n-k-1}", "proved"),
        (BETA + r" \propto \theta^{a+k-1} (1-\theta)^{b+n-k-1}", "proved"),  # equal: any letter
        (BETA + r" \propto_{\theta} \theta^{a+k} (1-\theta)^{b+n-k-1}", "refuted"),  # exponent
        (
            r"\frac{\Gamma(a+b)}{\Gamma(a)\Gamma(b)} \theta^{a-1}(1-\theta)^{b-1}"
            r" \propto_{\theta} \theta^{a-1}(1-\theta)^{b-1}",
            "proved",
        ),
        # completing the square: the Gaussian in x up to a factor free of x
        (r"e^{-(x - \mu)^2 / 2} \propto_x e^{-x^2/2 + x \mu}", "proved"),
        (r"e^{-(x - \mu)^2 / 2} \propto_x e^{-x^2/2}", "refuted"),
        (r"x^2 + 1 \propto x^2", "refuted"),
        (r"3 \propto 5", "proved"),  # two constants
    ],
)
def test_verdicts_on_proportionality(claim, status):
    v = dx.check(claim, S, cache=False, timeout=20)
    assert v.status == status, v.reason


def test_a_ratio_free_of_some_letters_only_is_undecided_naming_them():
    v = dx.check(
        r"\frac{\Gamma(a+b)}{\Gamma(a)\Gamma(b)} \theta^{a-1}(1-\theta)^{b-1}"
        r" \propto \theta^{a-1}(1-\theta)^{b-1}",
        S,
        cache=False,
        timeout=20,
    )
    assert v.status == "unknown"
    assert r"free of `\theta`" in v.reason and "`\\propto_{...}`" in v.reason


def test_unspecified_densities_are_undecided_not_refuted():
    v = dx.check(r"p(\theta \mid D) \propto p(D \mid \theta) p(\theta)", S, cache=False)
    assert v.status == "unknown"


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (r"(1-\theta)^{a} (1-\theta)^{b} = (1-\theta)^{a+b}", "proved"),
        (r"\theta^{a} \theta^{b} = \theta^{a+b}", "proved"),
        (r"(1-\theta)^{a} (1-\theta)^{b} = (1-\theta)^{a+b+1}", "refuted"),
    ],
)
def test_a_letter_in_a_real_exponent_is_audited_within_budget(claim, status):
    v = dx.check(claim, S, cache=False, timeout=10)
    assert v.status == status, v.reason


def test_a_beta_posterior_in_a_document(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")
    f = tmp_path / "beta.tex"
    f.write_text(
        textwrap.dedent(
            rf"""
            \documentclass{{article}}
            \usepackage{{amsmath,amssymb}}
            \begin{{document}}
            With a Beta prior and $k$ heads in $n$ tosses,
            \[ p(\theta \mid D) \propto p(D \mid \theta)\, p(\theta) \propto_{{\theta}} {BETA}. \]
            \[ {BETA} \propto_{{\theta}} \theta^{{a+k-1}} (1-\theta)^{{b+n-k-1}}. \]
            \[ {BETA} \propto_{{\theta}} \theta^{{a+k}} (1-\theta)^{{b+n-k-1}}. \]
            \end{{document}}
            """
        ).strip(),
        encoding="utf-8",
    )
    (tmp_path / "beta.tex.derivax.toml").write_text(
        "symbols = " + json.dumps(r"\theta: scalar, unit; a, b, k, n: scalar, positive") + "\n",
        encoding="utf-8",
    )
    links = [(x.line, x.relation, x.status) for x in check_document(f, timeout=20)]
    assert links == [
        (5, r"\propto", "unknown"),  # unspecified densities
        (5, r"\propto", "unknown"),
        (6, r"\propto", "proved"),
        (7, r"\propto", "refuted"),
    ]
