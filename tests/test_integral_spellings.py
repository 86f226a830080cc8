r"""``\int_x f(x)`` with no differential, as notes write it, is the integral over the real line in
the variable the subscript names — the same expression as ``\int_{-\infty}^{\infty} f(x) \, dx``.
Where the integrand's end is not written (a sum after it) or the subscript is no scalar variable,
it is refused, never guessed."""

from __future__ import annotations

import pytest

import derivax as dx

S = "p: function; x, t: scalar; v: vector[n]; n: dim; i: index"


@pytest.mark.parametrize("var", ["x", "t"])
@pytest.mark.parametrize("body", ["p({v})", r"{v}^2 e^{{-{v}^2}}", r"p({v}) \log p({v})"])
def test_a_subscript_variable_is_the_integral_over_the_real_line(var, body):
    b = body.format(v=var)
    got = dx.parse(rf"\int_{{{var}}} {b}", S)
    want = dx.parse(rf"\int_{{-\infty}}^{{\infty}} {b} \, d{var}", S)
    assert got == want


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"\int_x x^2 e^{-x^2} = \frac{\sqrt{\pi}}{2}", "proved"),
        (r"\int_x x^2 e^{-x^2} = \sqrt{\pi}", "refuted"),
        (r"\int_t \frac{1}{\sqrt{2 \pi}} e^{-t^2 / 2} = 1", "proved"),
    ],
)
def test_claims_with_the_integral_are_decided(claim, status):
    assert dx.check(claim, S, timeout=20).status == status


@pytest.mark.parametrize(
    "latex, words",
    [
        (r"\int_x p(x) + 1", "where its integrand ends is not written"),
        (r"\int_x p(x) - x", "where its integrand ends is not written"),
        (r"\int_v v^\top v", "not one scalar variable"),
        (r"\int_0 p(x)", "no differential"),
        (r"\sum_{i=1}^{n} \int_{v_i} p(v_i)", "summation index"),
    ],
)
def test_what_is_not_written_is_refused(latex, words):
    with pytest.raises(dx.DerivaxError, match=words):
        dx.parse(latex, S)


# `\int p(x) f(x)` with neither subscript nor differential, as probability notes write it: when
# every application in the integrand takes the same one variable, the integral is over the real
# line in it. Two variables, none, a sum in the integrand, or a vector variable are refused.
@pytest.mark.parametrize("var", ["x", "t"])
@pytest.mark.parametrize(
    "body",
    [r"p({v})", r"p({v}) \frac{{p({v})}}{{p({v})}}", r"p({v}) \log p({v})", r"{v}^2 p({v})"],
)
def test_every_application_naming_one_variable_is_the_integral_over_it(var, body):
    b = body.format(v=var)
    got = dx.parse(rf"\int {b}", S)
    want = dx.parse(rf"\int_{{-\infty}}^{{\infty}} {b} \, d{var}", S)
    assert got == want


@pytest.mark.parametrize(
    "written, why",
    [
        (r"\int p(x) p(t)", "no differential such as"),
        (r"\int x^2 e^{-x^2}", "no differential such as"),
        (r"\int p(x) + x", "where its integrand ends is not written"),
        (r"\int p(v)", "is not one scalar variable"),
    ],
)
def test_an_integration_variable_not_named_by_the_applications_is_refused(written, why):
    with pytest.raises(dx.ParseError, match=why):
        dx.parse(written, S)


def test_a_density_given_by_name_integrates_to_one():
    given = [r"p(x) = \frac{1}{\sqrt{2 \pi}} e^{-x^2 / 2}"]
    # true: never refuted (a claim with no free symbol left is proved only when its audit can
    # evaluate it; an integral the audit cannot evaluate leaves it undecided)
    for true in (r"\int p(x) = 1", r"\int p(x) x^2 = 1"):
        assert dx.check(true, S, given=given).status != "refuted", true
    wrong = dx.check(r"\int p(x) x^2 = 2", S, given=given)
    assert wrong.status == "refuted", wrong
