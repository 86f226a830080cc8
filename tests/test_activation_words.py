r"""Activations written by name: those with no parameter read as their definitions (GELU's exact
form, SiLU, Mish, softsign), checked against mpmath with their derivatives; those with a
parameter the text does not give (LeakyReLU, PReLU, ELU, Swish) refused, naming what to write;
a user's own declaration of the word wins."""

import mpmath
import pytest

import derivax as dx

#: the word, and the function in mpmath from its paper's definition
DEFINED = {
    "GELU": lambda x: x * (1 + mpmath.erf(x / mpmath.sqrt(2))) / 2,
    "SiLU": lambda x: x / (1 + mpmath.exp(-x)),
    "Mish": lambda x: x * mpmath.tanh(mpmath.log(1 + mpmath.exp(x))),
    "Softsign": lambda x: x / (1 + abs(x)),
}
STYLES = [r"\operatorname{{{w}}}", r"\mathrm{{{w}}}", r"\text{{{w}}}"]


@pytest.mark.parametrize("word", sorted(DEFINED))
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("x", [-2.5, -0.3, 0.8, 4.0])
def test_a_parameter_free_activation_is_its_definition(word, style, x):
    latex = style.format(w=word) + r"(2 x - 1)"
    got = float(dx.evaluate(latex, {"x": x}, "x: scalar"))
    assert got == pytest.approx(float(DEFINED[word](mpmath.mpf(2 * x - 1))), rel=1e-13, abs=1e-15)


@pytest.mark.parametrize("word", sorted(DEFINED))
def test_its_derivative_matches_mpmath(word):
    d = dx.derive(rf"\operatorname{{{word}}}(x)", "x", "x: scalar")
    for x in (-1.7, 0.4, 2.2):
        want = mpmath.diff(DEFINED[word], mpmath.mpf(x))
        assert float(dx.evaluate(d, {"x": x})) == pytest.approx(float(want), rel=1e-12)


@pytest.mark.parametrize(
    "word, advice",
    [("LeakyReLU", "slope"), ("PReLU", "slope"), ("ELU", "alpha"), ("Swish", "beta")],
)
def test_an_activation_with_an_unwritten_parameter_is_refused(word, advice):
    with pytest.raises(dx.ParseError, match=rf"`{word}`: its .*{advice}.*write"):
        dx.parse(rf"\operatorname{{{word}}}(x)", "x: scalar")


def test_the_written_out_leaky_relu_reads():
    assert float(dx.evaluate(r"\max(x, 0.2 x)", {"x": -3.0}, "x: scalar")) == pytest.approx(-0.6)


def test_a_declared_word_is_the_users_function():
    e = dx.parse(r"\mathrm{GELU}(x)", r"x: scalar; \mathrm{GELU}: function")
    assert "erf" not in str(e)


@pytest.mark.parametrize("word", sorted(DEFINED))
def test_a_power_or_a_factor_takes_the_whole_definition(word):
    """``\\operatorname{GELU}(x)^2`` squares the whole activation, not its last factor."""
    x = 0.9
    value = float(DEFINED[word](mpmath.mpf(x)))
    squared = float(dx.evaluate(rf"\operatorname{{{word}}}(x)^2", {"x": x}, "x: scalar"))
    assert squared == pytest.approx(value**2, rel=1e-13)
    scaled = float(
        dx.evaluate(rf"3 \operatorname{{{word}}}(x) y", {"x": x, "y": 2.0}, "x, y: scalar")
    )
    assert scaled == pytest.approx(6 * value, rel=1e-13)
