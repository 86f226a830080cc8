r"""Expectation, variance and covariance of declared random variables: reading, proof by moments,
refutation by a finite distribution (re-computed here from the definitions)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import derivax as dx
from derivax import ParseError, SymbolError
from derivax._random import Covariance, Expectation, Variance
from derivax.symbols import SymbolTable

XY = "X, Y: random; a, b, c: scalar"
XY_INDEPENDENT = "X, Y: random, independent; a, b: scalar"
SAMPLE = r"X: random[n], iid; \bar{X}: random; \sigma: scalar, positive"
MEAN = r"\bar X = \frac{1}{n}\sum_{i=1}^{n} X_i"
ESTIMATOR = r"\hat{\theta}: random; \theta: scalar"


def _moments(outcomes, f):
    """E[f(outcome)] by the definition, over the counterexample's joint outcomes."""
    return sum(
        Fraction(o["p"]) * f({k: Fraction(v) for k, v in o.items() if k != "p"}) for o in outcomes
    )


def _variance(outcomes, f):
    mean = _moments(outcomes, f)
    return _moments(outcomes, lambda o: (f(o) - mean) ** 2)


# -- the symbol table --------------------------------------------------------------------------
def test_random_variables_in_the_table():
    t = SymbolTable.parse("X, Y: random; Z: random[n], iid; U: random, independent")
    assert t["X"].is_random and t["X"].kind == "scalar" and t["X"].shape == ()
    assert t["Z"].is_random and t["Z"].shape == ("n",) and "iid" in t["Z"].qualifiers
    assert t["n"].kind == "dim"
    assert SymbolTable.parse(t.to_text()).to_text() == t.to_text()
    assert "Z: random[n], iid" in t.to_text()
    # outside an expectation a random variable is a real scalar
    assert dx.check(r"X^2 \ge 0", "X: random").status == "proved"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("X: random, iid", r"declare `X: random\[n\], iid`"),
        ("x: vector[n], iid", "qualifies random variables; declare `x: random`"),
        ("X: random[m, n, k]", "unknown kind|takes"),
        ("X: rando", "random, random\\[n\\]"),
    ],
)
def test_random_declarations_refused(text, message):
    with pytest.raises(SymbolError, match=message):
        SymbolTable.parse(text)


# -- reading -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (
            r"\mathbb{E}[a X + b]",
            Expectation(
                sympy.Symbol("X", real=True) * sympy.Symbol("a", real=True)
                + sympy.Symbol("b", real=True)
            ),
        ),
        (r"\mathbb{E}\left[X\right]", Expectation(sympy.Symbol("X", real=True))),
        (r"E[X]", Expectation(sympy.Symbol("X", real=True))),
        (r"\operatorname{Var}(X)", Variance(sympy.Symbol("X", real=True))),
        (r"\text{Var}(X)", Variance(sympy.Symbol("X", real=True))),
        (r"\mathrm{Var}[X]", Variance(sympy.Symbol("X", real=True))),
        (r"\mathbb{V}[X]", Variance(sympy.Symbol("X", real=True))),
        (r"\operatorname{var}(X)", Variance(sympy.Symbol("X", real=True))),
        (
            r"\operatorname{Cov}(X, Y)",
            Covariance(sympy.Symbol("X", real=True), sympy.Symbol("Y", real=True)),
        ),
        (
            r"\text{Cov}(X, Y)",
            Covariance(sympy.Symbol("X", real=True), sympy.Symbol("Y", real=True)),
        ),
        (
            r"\mathrm{Cov}(X, Y)",
            Covariance(sympy.Symbol("X", real=True), sympy.Symbol("Y", real=True)),
        ),
    ],
)
def test_moment_operators_read_and_round_trip(latex, expected):
    e = dx.parse(latex, XY)
    assert e == expected
    assert dx.parse(dx.to_latex(e, XY), XY) == e


def test_powers_and_nesting_round_trip():
    e = dx.parse(
        r"\operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2 + \mathbb{E}[\mathbb{E}[X] Y]",
        XY,
    )
    assert dx.parse(dx.to_latex(e, XY), XY) == e


def test_e_of_a_declared_function_is_its_application():
    e = dx.parse("E[x]", "E: function")
    assert isinstance(e, sympy.core.function.AppliedUndef) and e.func.__name__ == "E"
    assert e.args == (sympy.Symbol("x", real=True),)


@pytest.mark.parametrize(
    ("latex", "symbols", "message"),
    [
        (
            r"\mathbb{E}[x]",
            None,
            r"`x` in `\\mathbb\{E\}` is not declared a random variable; declare `x: random`",
        ),
        (r"\operatorname{Var}(x_i)", "x: vector[n]; i: index", r"declare `x: random\[n\]`"),
        (r"E[\theta]", r"\theta: scalar", r"declare `\\theta: random`"),
        (r"\operatorname{Cov}(X)", "X: random", "takes two arguments"),
        (r"\mathbb{E}[3]", "X: random", "no random variable"),
    ],
)
def test_undeclared_random_variables_are_refused(latex, symbols, message):
    with pytest.raises(ParseError, match=message):
        dx.parse(latex, symbols)


def test_expectation_over_a_named_distribution_still_reads():
    e = dx.parse(r"\mathbb{E}_{x \sim p}[x^2]", "p: function")
    assert isinstance(e, sympy.Integral)


# -- proofs ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "symbols", "given"),
    [
        (r"\mathbb{E}[a X + b] = a\mathbb{E}[X] + b", XY, ()),
        (r"\mathbb{E}[X + c] = \mathbb{E}[X] + c", XY, ()),  # a constant inside E
        (r"\operatorname{Var}(a X + b) = a^2 \operatorname{Var}(X)", XY, ()),
        (r"\operatorname{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2", XY, ()),
        (r"\operatorname{Cov}(X, Y) = \mathbb{E}[X Y] - \mathbb{E}[X]\mathbb{E}[Y]", XY, ()),
        (
            r"\operatorname{Var}(X + Y) = \operatorname{Var}(X) + \operatorname{Var}(Y)",
            XY_INDEPENDENT,
            (),
        ),
        (
            r"\operatorname{Var}(X + Y) = \operatorname{Var}(X) + \operatorname{Var}(Y)",
            XY,
            (r"X \perp Y",),
        ),
        (r"\mathbb{E}[X Y] = \mathbb{E}[X]\mathbb{E}[Y]", XY_INDEPENDENT, ()),
        (r"\mathbb{E}[\mathbb{E}[X]] = \mathbb{E}[X]", XY, ()),
        (
            r"\operatorname{Var}(\bar X) = \sigma^2 / n",
            SAMPLE,
            (MEAN, r"\operatorname{Var}(X_1) = \sigma^2"),
        ),
        (r"\operatorname{Var}(\bar X) = \operatorname{Var}(X_1)", SAMPLE, (MEAN, "n = 1")),
        (
            r"\mathbb{E}\left[\frac{1}{n-1}\sum_{i=1}^{n}(X_i - \bar X)^2\right] = \sigma^2",
            SAMPLE,
            (MEAN, r"\operatorname{Var}(X_1) = \sigma^2", r"n \ge 2"),
        ),
        (
            r"\mathbb{E}[(\hat\theta - \theta)^2] = \operatorname{Var}(\hat\theta) + (\mathbb{E}[\hat\theta] - \theta)^2",
            ESTIMATOR,
            (),
        ),
        (
            r"\mathbb{E}[X + \epsilon] = \mathbb{E}[X]",
            r"X, \epsilon: random",
            (r"\mathbb{E}[\epsilon] = 0",),
        ),
    ],
)
def test_proved_by_moments(claim, symbols, given):
    v = dx.check(claim, symbols, given=given)
    assert v.status == "proved", v.reason
    assert v.method.startswith("moments") and v.steps


def test_variance_is_nonnegative():
    v = dx.check(r"\mathbb{E}[X^2] \ge \mathbb{E}[X]^2", "X: random")
    assert v.status in ("proved", "plausible"), v.reason
    assert dx.check(
        r"\mathbb{E}[(\hat\theta - \theta)^2] \ge \operatorname{Var}(\hat\theta)", ESTIMATOR
    ).status in ("proved", "plausible")


def test_sample_variance_at_n_1_has_no_value():
    claim = r"\mathbb{E}\left[\frac{1}{n-1}\sum_{i=1}^{n}(X_i - \bar X)^2\right] = \sigma^2"
    v = dx.check(claim, SAMPLE, given=(MEAN, r"\operatorname{Var}(X_1) = \sigma^2"))
    assert v.status == "unknown" and "n = 1" in v.reason


# -- refutations, re-computed here from the definitions ------------------------------------------
def test_variance_of_a_sum_without_independence_is_refuted():
    v = dx.check(r"\operatorname{Var}(X + Y) = \operatorname{Var}(X) + \operatorname{Var}(Y)", XY)
    assert v.status == "refuted"
    outcomes = v.counterexample["outcomes"]
    assert sum(Fraction(o["p"]) for o in outcomes) == 1
    lhs = _variance(outcomes, lambda o: o["X"] + o["Y"])
    rhs = _variance(outcomes, lambda o: o["X"]) + _variance(outcomes, lambda o: o["Y"])
    assert lhs != rhs
    assert (Fraction(v.sides["lhs"]), Fraction(v.sides["rhs"])) == (lhs, rhs)


def test_product_of_expectations_without_independence_is_refuted():
    v = dx.check(r"\mathbb{E}[X Y] = \mathbb{E}[X]\mathbb{E}[Y]", XY)
    assert v.status == "refuted"
    outcomes = v.counterexample["outcomes"]
    lhs = _moments(outcomes, lambda o: o["X"] * o["Y"])
    rhs = _moments(outcomes, lambda o: o["X"]) * _moments(outcomes, lambda o: o["Y"])
    assert lhs != rhs and Fraction(v.sides["lhs"]) == lhs


def test_moment_given_is_met_by_the_counterexample():
    v = dx.check(
        r"\mathbb{E}[X \epsilon] = 0", r"X, \epsilon: random", given=[r"\mathbb{E}[\epsilon] = 0"]
    )
    assert v.status == "refuted"
    outcomes = v.counterexample["outcomes"]
    assert _moments(outcomes, lambda o: o["epsilon"]) == 0
    assert _moments(outcomes, lambda o: o["X"] * o["epsilon"]) != 0


@pytest.mark.parametrize(
    ("claim", "symbols", "given"),
    [
        (r"\mathbb{E}[a X + b] = a\mathbb{E}[X]", XY, ()),
        (r"\operatorname{Var}(a X + b) = a \operatorname{Var}(X)", XY, ()),
        (r"\operatorname{Var}(X) = \mathbb{E}[X^2] + \mathbb{E}[X]^2", XY, ()),
        (r"\mathbb{E}[X^2] \le \mathbb{E}[X]^2", XY, ()),
        (
            r"\operatorname{Var}(\bar X) = \sigma^2",
            SAMPLE,
            (MEAN, r"\operatorname{Var}(X_1) = \sigma^2"),
        ),
        (
            r"\operatorname{Var}(\bar X) = \sigma^2 / n^2",
            SAMPLE,
            (MEAN, r"\operatorname{Var}(X_1) = \sigma^2"),
        ),
        (
            r"\mathbb{E}[(\hat\theta - \theta)^2] = \operatorname{Var}(\hat\theta) + \mathbb{E}[\hat\theta]^2 - \theta^2",
            ESTIMATOR,
            (),
        ),
    ],
)
def test_false_variants_are_refuted(claim, symbols, given):
    v = dx.check(claim, symbols, given=given)
    assert v.status == "refuted", v.reason
    assert v.counterexample and v.sides["lhs"] != v.sides["rhs"]


def test_sample_mean_counterexample_recomputed():
    v = dx.check(
        r"\operatorname{Var}(\bar X) = \sigma^2",
        SAMPLE,
        given=(MEAN, r"\operatorname{Var}(X_1) = \sigma^2"),
    )
    ce = v.counterexample
    n = ce["n"]
    assert n >= 2  # at n = 1 the claim holds
    outcomes = ce["outcomes"]
    mean = lambda o: sum(o[f"X_{i}"] for i in range(1, n + 1)) / n  # noqa: E731
    assert _variance(outcomes, mean) == Fraction(v.sides["lhs"])
    sigma2 = _variance(outcomes, lambda o: o["X_1"])
    assert sigma2 == Fraction(v.sides["rhs"]) and sigma2 != _variance(outcomes, mean)


def test_a_strict_bound_is_refuted_by_a_constant():
    v = dx.check(r"\operatorname{Var}(X) > 0", "X: random")
    assert v.status == "refuted"
    outcomes = v.counterexample["outcomes"]
    assert _variance(outcomes, lambda o: o["X"]) == 0


# -- named laws --------------------------------------------------------------------------------
NORMAL = r"X, Y: random, independent; \mu: scalar; \sigma: scalar, positive"


@pytest.mark.parametrize(
    ("claim", "given", "status"),
    [
        (r"\mathbb{E}[X^2] = \mu^2 + \sigma^2", [r"X \sim \mathcal{N}(\mu, \sigma^2)"], "proved"),
        (r"\mathbb{E}[X^4] = 3\sigma^4", [r"X \sim \mathcal{N}(0, \sigma^2)"], "proved"),
        (r"\mathbb{E}[X^4] = \sigma^4", [r"X \sim \mathcal{N}(0, \sigma^2)"], "refuted"),
        (r"\operatorname{Var}(X) = \sigma", [r"X \sim \operatorname{Poisson}(\sigma)"], "proved"),
        (
            r"\operatorname{Var}(X) = \sigma^2",
            [r"X \sim \operatorname{Poisson}(\sigma)"],
            "refuted",
        ),
    ],
)
def test_named_laws_fix_the_moments(claim, given, status):
    v = dx.check(claim, NORMAL, given=given)
    assert v.status == status, v.reason


def test_bernoulli_counterexample_is_its_law():
    v = dx.check(
        r"\operatorname{Var}(B) = p",
        "B: random; p: scalar, unit",
        given=[r"B \sim \operatorname{Bernoulli}(p)"],
    )
    assert v.status == "refuted"
    p = Fraction(str(v.counterexample["p"]))
    outcomes = v.counterexample["outcomes"]
    assert _moments(outcomes, lambda o: o["B"]) == p
    assert _variance(outcomes, lambda o: o["B"]) == p * (1 - p) != p
    assert (
        dx.check(
            r"\operatorname{Var}(B) = p(1 - p)",
            "B: random; p: scalar, unit",
            given=[r"B \sim \operatorname{Bernoulli}(p)"],
        ).status
        == "proved"
    )


def test_weighted_sums_are_not_rewritten_but_tested():
    symbols = r"X: random[n], iid; w: vector[n]; \sigma: scalar, positive"
    given = [r"\operatorname{Var}(X_1) = \sigma^2"]
    true = r"\operatorname{Var}\left(\sum_{i=1}^n w_i X_i\right) = \sigma^2 \sum_{i=1}^n w_i^2"
    v = dx.check(true, symbols, given=given)
    # linearity takes the weights out, but the pairs i != j are not split off under weights
    assert v.status == "plausible" and "no proof by moments" in v.reason
    false = r"\operatorname{Var}\left(\sum_{i=1}^n w_i X_i\right) = \sigma^2 \sum_{i=1}^n w_i"
    v = dx.check(false, symbols, given=given)
    assert v.status == "refuted"
    ce = v.counterexample
    n, w = ce["n"], [Fraction(str(ce[f"w_{i}"])) for i in range(1, ce["n"] + 1)]
    outcomes = ce["outcomes"]
    lhs = _variance(outcomes, lambda o: sum(w[i - 1] * o[f"X_{i}"] for i in range(1, n + 1)))
    sigma2 = _variance(outcomes, lambda o: o["X_1"])
    assert lhs == Fraction(v.sides["lhs"]) and sigma2 * sum(w) == Fraction(v.sides["rhs"]) != lhs


def test_independence_and_law_givens_are_checked():
    with pytest.raises(dx.DerivaxError, match="both sides must be declared `random`"):
        dx.check(r"\mathbb{E}[X] = 0", "X: random", given=[r"X \perp a"])
    with pytest.raises(dx.DerivaxError, match="is not read; derivax reads"):
        dx.check(r"\mathbb{E}[X] = 0", "X: random", given=[r"X \sim \operatorname{Gamma}(1, 2)"])
