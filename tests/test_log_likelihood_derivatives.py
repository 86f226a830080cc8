r"""The derivative of the log of a product, the log-likelihood of independent samples: SymPy's
product rule over a symbolic range leaves a product whose range depends on the term it is
differentiated at, which no numeric test can evaluate (the MLE of a Gaussian, in a note, was
unknown after ten seconds). Inside a derivative, ``\log \prod_i f_i`` is taken through
``\sum_i \log f_i``: the same derivative wherever the product is not 0, factors of either sign.
Each family member is decided by its truth, the wrong twin a factor off."""

from __future__ import annotations

import pytest

import derivax as dx

TABLE = (
    r"x, y: vector[n]; \mu: scalar; \sigma, \lambda: scalar, positive; p: scalar, unit; "
    r"i: index; n: dim; L, \ell: function"
)

# (likelihood of one sample, parameter, the derivative of the log-likelihood, a wrong twin)
FAMILY = [
    (
        r"\frac{1}{\sqrt{2 \pi \sigma^2}} \exp\left(-\frac{(x_i - \mu)^2}{2 \sigma^2}\right)",
        r"\mu",
        r"\frac{1}{\sigma^2} \sum_{i=1}^n (x_i - \mu)",
        r"\frac{2}{\sigma^2} \sum_{i=1}^n (x_i - \mu)",
    ),
    (
        r"\frac{1}{\sqrt{2 \pi \sigma^2}} \exp\left(-\frac{(x_i - \mu)^2}{2 \sigma^2}\right)",
        r"\sigma",
        r"-\frac{n}{\sigma} + \frac{1}{\sigma^3} \sum_{i=1}^n (x_i - \mu)^2",
        r"-\frac{n}{\sigma} + \frac{1}{\sigma^2} \sum_{i=1}^n (x_i - \mu)^2",
    ),
    (
        r"\lambda e^{-\lambda y_i}",
        r"\lambda",
        r"\frac{n}{\lambda} - \sum_{i=1}^n y_i",
        r"\frac{1}{\lambda} - \sum_{i=1}^n y_i",
    ),
    (
        r"p^{y_i} (1 - p)^{1 - y_i}",
        r"p",
        r"\sum_{i=1}^n \left(\frac{y_i}{p} - \frac{1 - y_i}{1 - p}\right)",
        r"\sum_{i=1}^n \left(\frac{y_i}{p} + \frac{1 - y_i}{1 - p}\right)",
    ),
    # factors of either sign: the derivative of log prod (x_i - mu) where the product is positive
    (
        r"(x_i - \mu)",
        r"\mu",
        r"-\sum_{i=1}^n \frac{1}{x_i - \mu}",
        r"\sum_{i=1}^n \frac{1}{x_i - \mu}",
    ),
]


#: the Bernoulli member written inline: its right claim ends plausible when its proof runs out of
#: its 8 s; the same claim with the likelihood given, and the other four densities inline, run
#: every time
_SLOW = pytest.mark.thorough("about 9 s of CPU: a proof that runs out of its budget")
_CASES = [
    pytest.param(*member, written, marks=[_SLOW] * (written == "inline" and member[1] == "p"))
    for member in FAMILY
    for written in ("givens", "inline")
]


@pytest.mark.parametrize(("density", "param", "right", "wrong", "written"), _CASES)
def test_the_derivative_of_a_log_likelihood_is_decided(density, param, right, wrong, written):
    if written == "givens":
        given = [
            rf"L({param}) = \prod_{{i=1}}^n {density}",
            rf"\ell({param}) = \log L({param})",
        ]
        lhs = rf"\frac{{\partial \ell}}{{\partial {param}}}"
    else:
        given = []
        lhs = rf"\frac{{\partial}}{{\partial {param}}} \log \prod_{{i=1}}^n {density}"
    # 8 s: the inline Bernoulli claim is plausible after 7 s (its proof runs out of budget)
    v = dx.check(f"{lhs} = {right}", symbols=TABLE, given=given, timeout=8)
    assert v.status in ("proved", "plausible"), (density, param, v.status, v.reason)
    w = dx.check(f"{lhs} = {wrong}", symbols=TABLE, given=given, timeout=8)
    assert w.status == "refuted", (density, param, w.status, w.reason)


def test_the_value_of_the_log_of_a_product_is_not_rewritten():
    # only derivatives go through the logs: the log of a product of negative factors keeps its
    # value (log((-1)(-2)) = log 2), and a claim about values is decided on the product itself
    v = dx.check(
        r"\log \prod_{i=1}^n (x_i - \mu) = \sum_{i=1}^n \log(x_i - \mu)",
        symbols=TABLE,
        given=[],
        timeout=20,
    )
    assert v.status != "proved", v.reason
