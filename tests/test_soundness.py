"""Soundness fuzzing of verdicts (issue 12): hypothesis generates claims over declared domains
(random expressions, and perturbed true identities: a dropped factor, a flipped sign, a shifted
constant, a swapped or loosened relation) and an oracle samples them in 50-digit arithmetic with
SymPy's evalf at random points and at the boundaries of the domains, independently of derivax's
own evaluators. The test fails on any ``proved`` the oracle contradicts and on any ``refuted``
whose counterexample the oracle does not see violate the claim.

200 claims on every run (profile ``ci``); ``HYPOTHESIS_PROFILE=thorough`` draws 5,000.
"""

import collections
import os

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import derivax as dx
from derivax.symbols import SymbolTable, plain

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
CLAIMS = int(os.environ.get("DERIVAX_FUZZ_CLAIMS", "5000" if THOROUGH else "200"))
SYMBOLS = "a: scalar, positive; u: scalar, unit"
TABLE = SymbolTable.coerce(SYMBOLS)
TALLY: collections.Counter = collections.Counter()

# -- claims ---------------------------------------------------------------------------------------------
LEAVES = ["x", "y", "a", "u", "1", "2", "3", r"\frac{1}{2}", r"e^{-40}", r"10^{-30}"]
UNARY = [
    lambda s: rf"e^{{{s}}}",
    lambda s: rf"\sigma({s})",
    lambda s: rf"\tanh({s})",
    lambda s: rf"\cosh({s})",
    lambda s: rf"\sinh({s})",
    lambda s: rf"\left({s}\right)^{{2}}",
    lambda s: rf"\log(1 + \left({s}\right)^{{2}})",
    lambda s: rf"\sqrt{{1 + \left({s}\right)^{{2}}}}",
    lambda s: rf"\left|{s}\right|",
    lambda s: rf"\max(0, {s})",
    lambda s: rf"-\left({s}\right)",
]
BINARY = [
    lambda p, q: rf"{p} + {q}",
    lambda p, q: rf"{p} - \left({q}\right)",
    lambda p, q: rf"\left({p}\right) \left({q}\right)",
    lambda p, q: rf"\frac{{{p}}}{{1 + \left({q}\right)^{{2}}}}",
]
RELATIONS = ["=", r"\le", r"\ge", "<", ">"]

# true identities and inequalities on the declared domains, as (lhs, relation, rhs)
TRUE = [
    (r"\sigma(-x)", "=", r"1 - \sigma(x)"),
    (r"\tanh(x)", "=", r"2\sigma(2x) - 1"),
    (r"\cosh(x)^2 - \sinh(x)^2", "=", "1"),
    (r"e^{x} e^{y}", "=", r"e^{x + y}"),
    (r"(x + y)^2", "=", r"x^2 + 2 x y + y^2"),
    (r"x^2 + y^2", r"\ge", r"2 x y"),
    (r"e^{x}", r"\ge", r"1 + x"),
    (r"\log a", r"\le", r"a - 1"),
    (r"\sigma(x)", ">", "0"),
    (r"\sigma(x)", "<", "1"),
    (r"\max(0, x)", r"\ge", "x"),
    (r"u (1 - u)", r"\le", r"\frac{1}{4}"),
    (r"\frac{a + 1}{2}", r"\ge", r"\sqrt{a}"),
    (r"\log(1 + e^{x}) - \log(1 + e^{-x})", "=", "x"),
    (r"\sigma(x) (1 - \sigma(x))", r"\le", r"\frac{1}{4}"),
    (r"x^2 + e^{-40}", ">", "0"),
    (r"\sqrt{u}^2 + \sqrt{1 - u}^2", "=", "1"),
]
FLIP = {"=": "=", r"\le": r"\ge", r"\ge": r"\le", "<": ">", ">": "<"}
LOOSE = {r"\le": "<", r"\ge": ">", "<": r"\le", ">": r"\ge", "=": "="}


def expressions(depth):
    if depth == 0:
        return st.sampled_from(LEAVES)
    sub = expressions(depth - 1)
    return st.one_of(
        st.sampled_from(LEAVES),
        st.builds(lambda f, s: f(s), st.sampled_from(UNARY), sub),
        st.builds(lambda f, p, q: f(p, q), st.sampled_from(BINARY), sub, sub),
    )


random_claims = st.builds(
    lambda lhs, rhs, rel: f"{lhs} {rel} {rhs}",
    expressions(2),
    st.one_of(st.just("0"), expressions(1)),
    st.sampled_from(RELATIONS),
)


@st.composite
def perturbed_claims(draw):
    lhs, rel, rhs = draw(st.sampled_from(TRUE))
    how = draw(
        st.sampled_from(["keep", "flip-sign", "drop-factor", "shift", "swap", "strict", "scale"])
    )
    if how == "flip-sign":
        rhs = rf"-\left({rhs}\right)"
    elif how == "drop-factor":
        lhs = rf"\frac{{1}}{{2}} \left({lhs}\right)"
    elif how == "shift":
        rhs = rf"{rhs} + {draw(st.sampled_from(['1', r'10^{-30}', r'e^{-40}', '-1']))}"
    elif how == "swap":
        rel = FLIP[rel] if rel != "=" else rel
        lhs, rhs = (rhs, lhs) if rel == "=" else (lhs, rhs)
    elif how == "strict":
        rel = LOOSE[rel]
    elif how == "scale":
        lhs = lhs.replace("x", "(2x)")
    return f"{lhs} {rel} {rhs}"


# -- the oracle -----------------------------------------------------------------------------------------
SPECIAL = {
    "x": ["0", "1", "-1", "2", "-3", "1/2", "1/1000", "-1000", "10", "30", "-40"],
    "y": ["0", "1", "-1", "3", "-2", "1/3", "-1/1000", "1000", "7"],
    "a": ["1/1000000", "1/2", "1", "3", "100", "1/10", "2"],
    "u": ["0", "1/1000000", "1/2", "999999/1000000", "1", "1/10", "9/10"],
}
MP = 50


def _violates(rel, subs) -> bool | None:
    """Whether the relation fails at the point (None where a side has no finite real value)."""
    vals = []
    for side in (rel.lhs, rel.rhs):
        v = sympy.N(side.xreplace(subs), MP)
        if not v.is_number or v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not v.is_real:
            return None
        vals.append(v)
    try:
        # strict: 50 correct significant digits of the difference, so its sign is certain
        d = sympy.N((rel.lhs - rel.rhs).xreplace(subs), MP, strict=True)
    except Exception:
        d = sympy.S.Zero
    if not d.is_real:
        return None
    if isinstance(rel, sympy.Equality):
        return d != 0
    if isinstance(rel, sympy.GreaterThan):
        return d < 0
    if isinstance(rel, sympy.LessThan):
        return d > 0
    if isinstance(rel, sympy.StrictGreaterThan):
        return d <= 0
    return d >= 0


def oracle(rel, rng):
    """A witness point where the claim fails, or None."""
    names = {s.name: s for s in rel.free_symbols}
    points = []
    import itertools

    keys = sorted(names)
    grid = list(itertools.product(*[SPECIAL.get(k, ["0", "1"]) for k in keys]))
    rng.shuffle(grid)
    points += grid[:60]
    for _ in range(20):
        pt = []
        for k in keys:
            if k == "a":
                pt.append(str(sympy.Rational(int(rng.integers(1, 10**6)), 10**5)))
            elif k == "u":
                pt.append(str(sympy.Rational(int(rng.integers(0, 10**6 + 1)), 10**6)))
            else:
                pt.append(str(sympy.Rational(int(rng.integers(-(10**6), 10**6)), 10**5)))
        points.append(tuple(pt))
    for pt in points:
        subs = {names[k]: sympy.Rational(v) for k, v in zip(keys, pt, strict=False)}
        if _violates(rel, subs):
            return subs
    return None


@settings(
    max_examples=CLAIMS,
    deadline=None,
    derandomize=not THOROUGH,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
@given(claim=st.one_of(random_claims, perturbed_claims()))
@pytest.mark.slow
def test_no_verdict_contradicts_the_high_precision_oracle(claim):
    import numpy as np

    try:
        rel = dx.parse(claim, TABLE)
    except dx.DerivaxError:
        TALLY["not read"] += 1
        return
    if not isinstance(
        rel,
        (
            sympy.Equality,
            sympy.LessThan,
            sympy.GreaterThan,
            sympy.StrictLessThan,
            sympy.StrictGreaterThan,
        ),
    ):
        TALLY["not a relation"] += 1
        return
    v = dx.check(claim, SYMBOLS, timeout=4)
    TALLY[v.status] += 1
    TALLY["claims"] += 1
    if os.environ.get(
        "DERIVAX_FUZZ_LOG"
    ):  # one line per claim, for long runs that may be cut short
        print(f"fuzz\t{v.status}\t{claim}", flush=True)
    if v.status == "proved":
        witness = oracle(rel, np.random.default_rng(abs(hash(claim)) % 2**32))
        assert witness is None, f"proved but false at {witness}: {claim}\n{v}"
    if v.status == "refuted":
        by_name = {s.name: s for s in rel.free_symbols}
        subs = {}
        for name, value in v.counterexample.items():
            sym = by_name.get(name) or next(
                (s for s in rel.free_symbols if plain(s.name) == name), None
            )
            if sym is not None:
                subs[sym] = sympy.Rational(float(value))
        assert set(subs) == rel.free_symbols, f"the counterexample misses variables: {claim}\n{v}"
        assert _violates(rel, subs), (
            f"refuted, but the claim holds at the counterexample: {claim}\n{v}"
        )


@pytest.fixture(scope="module", autouse=True)
def _report_tally():
    """Prints the verdicts the fuzz test saw (``pytest -s``); docs/reliability.md quotes them."""
    yield
    print(f"\nsoundness fuzz: {dict(TALLY)}")
