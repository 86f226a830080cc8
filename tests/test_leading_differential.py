r"""``\int dz\, f(z)``: the differential written first, as physics notes and many ML notes write it
(``\int dz\, q(z) \log q(z)``). It was read with ``d z`` as two factors of the integrand, a
silent wrong value; it is the integral in z, with or without bounds, ``\mathrm{d}`` included. A
sum after it is refused (where the integrand ends is not written), and a declared ``d`` is no
differential. Against exact integrals (SymPy's own, and closed forms)."""

from __future__ import annotations

import pytest
import sympy
from notes_helper import write_note

import derivax as dx
from derivax._documents import check_document
from derivax._errors import ParseError


@pytest.mark.parametrize("d", ["d", r"\mathrm{d}"])
@pytest.mark.parametrize(
    "bounds,body,value",
    [
        ("_0^1", "x^2", sympy.Rational(1, 3)),
        ("_0^2", "(x + 1)", sympy.Integer(4)),
        ("_{-1}^{1}", r"e^{x}", sympy.E - 1 / sympy.E),
        ("", r"e^{-x^2}", sympy.sqrt(sympy.pi)),
    ],
)
def test_the_differential_first(d, bounds, body, value):
    claim = rf"\int{bounds} {d}x\, {body} = {sympy.latex(value)}"
    assert dx.check(claim, "x: scalar").status == "proved"
    if bounds:  # (over the real line SymPy settles the false twin while reading it)
        wrong = rf"\int{bounds} {d}x\, {body} = {sympy.latex(value + 1)}"
        assert dx.check(wrong, "x: scalar").status == "refuted"


def test_no_factor_d_is_left_in_the_integrand():
    e = dx.parse(r"\int dz\, q(z) \log q(z)", "q: function; z: scalar")
    assert isinstance(e, sympy.Integral)
    assert {str(s) for s in e.function.free_symbols} == {"z"}


@pytest.mark.parametrize(
    "latex,symbols,match",
    [
        (r"\int dz\, q(z) + 1", "q: function", "where the integrand ends"),
        (r"\int d z\, q(z)", "q: function; d: dim", "is declared"),
        (r"\int dx", "x: scalar", "no differential"),
    ],
)
def test_what_stays_refused(latex, symbols, match):
    with pytest.raises(ParseError, match=match):
        dx.parse(latex, symbols)


@pytest.mark.thorough("about 20 s of CPU (the entropy's integral); the other notes run every time")
def test_an_entropy_in_a_note(tmp_path):
    f = write_note(
        tmp_path,
        r"""
        The entropy of a unit Gaussian:

        $$-\int dz\, \mathcal{N}(z; 0, 1) \log \mathcal{N}(z; 0, 1) = \frac{1}{2}\log(2\pi e)$$
        """,
        "z: scalar",
    )
    (link,) = [x for x in check_document(f, timeout=30) if x.kind == "claim"]
    assert link.status in ("proved", "plausible"), link.reason
