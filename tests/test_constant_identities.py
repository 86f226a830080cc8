r"""Constants that differ below SymPy's 2-digit sign test (issue 23).

SymPy decides the sign of a constant from a 2-digit evaluation and takes an evaluation whose
digits all cancel for an exact zero, so ``simplify`` returned 0 for
``\log(1 + \tanh(e^{-40})^2) - \log(1 + e^{-80})`` (about -2.2e-70) and derivax "proved" the
claim. Two independent guards now stand in the way, and each is tested alone here: the rewriting
runs with the sign test corrected (``derivax._exact_zero``), and the audit reads a nonzero certain
digit of an identity's gap as a failure however small it is against 1 (``_audit._sides_differ``).

The claims below are members of the family the soundness fuzz draws (``tiny-constants`` in
``test_soundness.py``) with other functions and arguments; each expected value is computed here
with mpmath at 300 digits, not by derivax.
"""

import mpmath as mp
import pytest
import sympy
from sympy.core.cache import clear_cache
from sympy.core.expr import Expr

import derivax as dx
from derivax import _exact_zero
from derivax._verify._audit import audit
from derivax._verify._proof import Proof
from derivax.symbols import SymbolTable


def _gap_at_300_digits(f):
    with mp.workdps(300):
        return f()


# (claim, the difference lhs - rhs written with mpmath)
FALSE_CONSTANT_IDENTITIES = [
    (
        r"\log(2 + \arcsin(e^{-33})^2) = \log(2 + e^{-66})",
        lambda: mp.log(2 + mp.asin(mp.exp(-33)) ** 2) - mp.log(2 + mp.exp(-66)),
    ),
    (
        r"\log(1 + \sinh(10^{-45})) = \log(1 + 10^{-45})",
        lambda: mp.log(1 + mp.sinh(mp.mpf(10) ** -45)) - mp.log(1 + mp.mpf(10) ** -45),
    ),
    (
        r"\sqrt{1 + \tan(e^{-50})} = \sqrt{1 + e^{-50}}",
        lambda: mp.sqrt(1 + mp.tan(mp.exp(-50))) - mp.sqrt(1 + mp.exp(-50)),
    ),
    (
        r"y + \log(3 + \operatorname{erf}(e^{-36})^2) = y + \log(3 + \frac{4}{\pi} e^{-72})",
        lambda: mp.log(3 + mp.erf(mp.exp(-36)) ** 2) - mp.log(3 + 4 / mp.pi * mp.exp(-72)),
    ),
]

TRUE_CONSTANT_IDENTITIES = [
    r"\log 10 = \log 2 + \log 5",
    r"\sin^2(3) + \cos^2(3) = 1",
    r"\cosh^2(e^{-40}) - \sinh^2(e^{-40}) = 1",
    r"e^{\log 7} = 7",
    r"\log(e^{e^{-50}}) = e^{-50}",
]


@pytest.mark.parametrize("claim,gap", FALSE_CONSTANT_IDENTITIES)
def test_a_constant_identity_off_by_less_than_any_fixed_digit_count_is_never_proved(claim, gap):
    exact_gap = _gap_at_300_digits(gap)
    assert exact_gap != 0 and abs(exact_gap) < mp.mpf(10) ** -55  # below a 50-digit audit's eye
    v = dx.check(claim, "y: scalar", timeout=10, cache=False)
    assert v.status != "proved", v
    if v.status == "refuted":  # the confirmation saw the real difference
        assert "confirmed" in str(v) or v.counterexample is not None


@pytest.mark.parametrize("claim", TRUE_CONSTANT_IDENTITIES)
def test_true_constant_identities_are_still_proved_by_rewriting(claim):
    v = dx.check(claim, "", timeout=10, cache=False)
    assert v.status == "proved", v


def test_the_sign_test_is_corrected_only_inside_the_block():
    # SymPy's own test (outside the block) may call this constant 0; inside it, no digit of
    # the 2-digit evaluation survives, so it decides nothing
    original = Expr._eval_is_extended_positive_negative
    with _exact_zero.exact_zero_tests():
        clear_cache()
        d = sympy.log(1 + sympy.tanh(sympy.exp(-40)) ** 2) - sympy.log(1 + sympy.exp(-80))
        assert d.is_zero is not True
        assert sympy.simplify(d) != 0
        # a constant that is exactly 0 by rewriting, and signs with digits, still decide
        assert sympy.simplify(sympy.log(10) - sympy.log(2) - sympy.log(5)) == 0
        assert (sympy.exp(-40) - sympy.exp(-41)).is_positive is True
        with _exact_zero.exact_zero_tests():  # nested blocks restore only at the outermost
            pass
        assert Expr._eval_is_extended_positive_negative is not original
    assert Expr._eval_is_extended_positive_negative is original
    clear_cache()


def _audit_of_rewriting_to_zero(claim, symbols="", rules=()):
    table = SymbolTable.coerce(symbols)
    rel = dx.parse(claim, table)
    proof = Proof()
    proof.goal = "= 0"
    proof.add("simplify", sympy.S.Zero)  # what the uncorrected sign test let simplify return
    return audit(rel, list(rules), [], proof, table)


def test_the_audit_alone_fails_a_rewrite_to_zero_of_sides_that_differ_at_the_70th_digit():
    passed, account = _audit_of_rewriting_to_zero(r"\log(1 + \tanh(e^{-40})^2) = \log(1 + e^{-80})")
    assert not passed and "differ by -2.1716590214" in account
    # with a variable: the gap is the same constant at every point
    passed, account = _audit_of_rewriting_to_zero(
        r"y^2 + \log(1 + \tanh(e^{-40})^2) = y^2 + \log(1 + e^{-80})", "y: scalar"
    )
    assert not passed and "differ by" in account


def test_the_audit_passes_a_true_rewrite_to_zero_of_exact_and_of_rounded_values():
    assert _audit_of_rewriting_to_zero(r"\log 10 = \log 2 + \log 5")[0]
    assert _audit_of_rewriting_to_zero(r"(y + 1)^2 = y^2 + 2 y + 1", "y: scalar")[0]
    # a defined value enters the point rounded to 150 digits: the gap it leaves is rounding,
    # judged against the sides' size (c^2 - 2 with c = sqrt 2 is about 1e-150, not 0)
    c = sympy.Symbol("c", real=True)
    passed, account = _audit_of_rewriting_to_zero(
        "c^2 = 2", "c: scalar", rules=[(c, sympy.sqrt(2))]
    )
    assert passed, account


def test_a_derivative_keeps_a_constant_factor_smaller_than_two_digits_can_see():
    # d/dx of x (log(1 + tanh(e^{-40})^2) - log(1 + e^{-80})) is that constant, not 0
    g = dx.grad(r"x (\log(1 + \tanh(e^{-40})^2) - \log(1 + e^{-80}))", "x", symbols="x: scalar")
    got = sympy.N(g, 30, maxn=400)
    with mp.workdps(300):
        want = mp.log(1 + mp.tanh(mp.exp(-40)) ** 2) - mp.log(1 + mp.exp(-80))
        assert abs(mp.mpf(str(got)) - want) <= abs(want) * mp.mpf(10) ** -20


# -- inequalities between constants that differ below 50 digits -----------------------------------
# log(1 + log(1 + e)^2) against log(1 + e^2): log(1 + e) < e, so the left side is smaller, by
# about e^3 (10^{-450} at e = 10^{-150}); the claim with ">" is false, with "<" true
TINY = [sympy.Rational(1, 10**k) for k in (40, 90, 150)]


@pytest.mark.parametrize("eps", TINY)
def test_the_sign_of_a_constant_needs_two_precisions_to_agree(eps):
    from derivax._verify._domain import sign

    n = sympy.Integer(1) / eps**2
    x = (n * sympy.log(1 + eps) ** 2) / (n + 1) + n / (n + 1)  # the proof's own rewriting
    with mp.workdps(2000):
        want = mp.log(mp.mpf(1) + mp.log(1 + mp.mpf(eps.p) / eps.q) ** 2) - mp.log(
            1 + (mp.mpf(eps.p) / eps.q) ** 2
        )
    assert want < 0
    assert sign(sympy.log(x)) == -1  # SymPy's strict evalf said +2.6e-141 at 30 digits


@pytest.mark.parametrize("k", [90, 150])
def test_a_false_constant_inequality_below_fifty_digits_is_never_proved(k):
    wrong = rf"\log(1 + \left(\log(1 + 10^{{-{k}}})\right)^{{2}}) > \log(1 + \left(10^{{-{k}}}\right)^{{2}})"
    assert dx.check(wrong, cache=False).status != "proved"


def test_the_audit_alone_fails_a_strict_bound_a_constant_gap_misses():
    table = SymbolTable.coerce("")
    rel = dx.parse(r"\log(1 + \left(\log(1 + 10^{-150})\right)^{2}) > \log(1 + 10^{-300})", table)
    proof = Proof()
    proof.goal = "> 0"
    proof.add("each term is bounded below by 0", sympy.S.Zero)  # the wrong lemma's conclusion
    passed, account = audit(rel, [], [], proof, table)
    assert not passed and "1000 digits" in account
