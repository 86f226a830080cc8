r"""``\frac{d g^\top}{d w}`` of a name a given defines, and a Hessian defined through a gradient
read by analogy (a cheat sheet's ``\vec{H} = \frac{d \vec{g}^T}{d \vec{w}}`` and its MAP
``\vec{H}'``).

Side conditions, and the case that breaks each: the name must be defined by a given or declared
a function (a declared scalar ``a^T`` stays the power T, as a scalar's ``^T`` is); only a column
vector by a column vector becomes the transposed Jacobian (a matrix body stays a gradient); the
chain of analogies stops at a name with a decorated definition of its own, and where the
decorated objective is not defined.
"""

import sympy

from derivax import _functions as F
from derivax._documents._analogy import by_analogy
from derivax._reading import read

TABLE = r"w, a: vector[D]; g, J: function; c: scalar; D: dim"


def test_the_transpose_of_a_defined_function_s_value_is_no_power():
    for written in (r"g^T", r"g^{T}", r"g^\top", r"\mathbf{g}^{\top}", r"g^\intercal"):
        e, _, _ = read(rf"\frac{{d {written}}}{{d w}}", TABLE)
        assert isinstance(e, F.TransposedGradient), (written, e)
        assert e.args[0] == sympy.Symbol("g") or e.args[0].name == "g"
        assert not e.has(sympy.Symbol("T", real=True))


def test_a_scalar_s_transpose_is_still_the_power_t():
    e, _, _ = read(r"\frac{d c^T}{d w}", TABLE)
    assert not isinstance(e, F.TransposedGradient)
    assert e.has(sympy.Symbol("T", real=True))


def test_built_with_a_column_vector_it_is_the_transposed_jacobian():
    w = sympy.MatrixSymbol("w", 3, 1)
    A = sympy.MatrixSymbol("A", 3, 3)
    node = F.TransposedGradient(A * w, w)
    assert node == F.Jacobian(A * w, w).T
    # a scalar body keeps the gradient; a matrix body is no Jacobian
    x = sympy.Symbol("x")
    assert isinstance(F.TransposedGradient(x, w), F.TransposedGradient)
    assert isinstance(F.TransposedGradient(A, w), F.TransposedGradient)


GIVENS = [
    r"\mathbf{g}(\mathbf{w}) = \frac{\mathrm{d} J}{\mathrm{d} \mathbf{w}}",
    r"\mathbf{H}(\mathbf{w}) = \frac{\mathrm{d} \mathbf{g}^T}{\mathrm{d} \mathbf{w}}",
    r"J'(\mathbf{w}) = \operatorname{NLL}(\mathbf{w})+\lambda \mathbf{w}^T\mathbf{w}",
]


def test_a_primed_hessian_is_read_through_the_primed_gradient():
    written, why = by_analogy(r"\mathbf{H}'(\mathbf{w})", "=", 1, GIVENS)
    assert written == (
        r"\frac{\mathrm{d} (\frac{\mathrm{d} J'}{\mathrm{d} \mathbf{w}})^T}{\mathrm{d} \mathbf{w}}"
    )
    assert "by analogy" in why
    # and the link it rests on, the primed gradient
    written, _ = by_analogy(r"\mathbf{g}'(\mathbf{w})", "=", 1, GIVENS)
    assert written == r"\frac{\mathrm{d} J'}{\mathrm{d} \mathbf{w}}"


def test_the_chain_stops_where_the_analogy_does_not_hold():
    # no primed objective: H' and g' keep the primes' own reading
    assert by_analogy(r"\mathbf{H}'(\mathbf{w})", "=", 1, GIVENS[:2]) is None
    # g' defined on its own: H' is the derivative of that g'
    own = [*GIVENS, r"\mathbf{g}'(\mathbf{w}) = 3 \mathbf{w}"]
    written, _ = by_analogy(r"\mathbf{H}'(\mathbf{w})", "=", 1, own)
    assert written == r"\frac{\mathrm{d} \mathbf{g}'^T}{\mathrm{d} \mathbf{w}}"
    # a later link of a chain is a step, not a reading by analogy
    assert by_analogy(r"\mathbf{H}'(\mathbf{w})", "=", 2, GIVENS) is None


def test_the_written_out_primed_hessian_decides_the_penalty():
    import derivax as dx

    table = r"w, a: vector[D]; J': function; \lambda: scalar, positive; D: dim"
    given = [r"J'(w) = \log(1 + e^{a^T w}) + \lambda w^T w"]
    hessian = r"\frac{d (\frac{d J'}{d w})^T}{d w}"
    right = r"\frac{e^{a^T w}}{(1 + e^{a^T w})^2} a a^T + 2 \lambda I"
    wrong = r"\frac{e^{a^T w}}{(1 + e^{a^T w})^2} a a^T + \lambda I"
    assert dx.check(f"{hessian} = {right}", table, given=given).status in ("proved", "plausible")
    assert dx.check(f"{hessian} = {wrong}", table, given=given).status == "refuted"


def test_a_defined_hessian_plus_a_multiple_of_the_identity_is_decided():
    import derivax as dx

    table = r"w, a: vector[D]; J, g, H, J': function; \lambda: scalar, positive; D: dim"
    given = [
        r"J(w) = (w^T w)^2 + \log(1 + e^{a^T w})",
        r"g(w) = \frac{d J}{d w}",
        r"H(w) = \frac{d g^T}{d w}",
        r"J'(w) = J(w) + \lambda w^T w",
    ]
    hessian = r"\frac{d (\frac{d J'}{d w})^T}{d w}"
    right = dx.check(rf"{hessian} = H(w) + 2 \lambda I", table, given=given)
    assert right.status in ("proved", "plausible"), right.reason
    # the wrong penalty is refuted, its counterexample certified through H's definition
    wrong = dx.check(rf"{hessian} = H(w) + \lambda I", table, given=given)
    assert wrong.status == "refuted", wrong.reason
    # with a sign: the spreading goes with it
    flipped = dx.check(rf"-{hessian} = -2 \lambda I - H(w)", table, given=given)
    assert flipped.status in ("proved", "plausible"), flipped.reason
    assert dx.check(rf"-{hessian} = -\lambda I - H(w)", table, given=given).status == "refuted"
    # H(w) alone on a side has no I to size it: read as a scalar beside a matrix, undecided
    alone = dx.check(rf"{hessian} - 2 \lambda I = H(w)", table, given=given)
    assert alone.status == "unknown", alone.reason


def _random_log_of_product(rng, syms):
    """A log of a product of powers of factors of the family a log-likelihood is made of
    (sigmoids, ``1 - sigmoid``, polynomials that change sign, exponentials), with integer,
    zero, negative and fractional exponents, one factor (n = 1) to four."""
    x, y = syms
    factors = [
        1 / (1 + sympy.exp(-(x + 2 * y))),
        1 - 1 / (1 + sympy.exp(-(x - y))),
        x - 3 * y,  # negative at the points below as often as positive
        x**2 + y + 5,
        sympy.exp(x * y),
    ]
    exponents = [sympy.S(0), sympy.S(1), sympy.S(2), sympy.S(-1), sympy.Rational(1, 2), 3]
    chosen = rng.choice(len(factors), size=rng.integers(1, 5), replace=False)
    return sympy.log(sympy.Mul(*(factors[k] ** exponents[rng.integers(6)] for k in chosen)))


def test_split_logs_keeps_every_first_and_second_derivative():
    """The split is checked against the derivative of the log as written, in 40-digit mpmath,
    at points where a factor is negative (the split's logs are complex there; their derivatives
    are not)."""
    import mpmath
    import numpy as np

    from derivax._verify._exact_diff import split_logs

    rng = np.random.default_rng(7)
    x, y = sympy.symbols("x y", real=True)
    checked = 0
    for _ in range(20):
        f = _random_log_of_product(rng, (x, y))
        split = split_logs(f)
        for order in ((x,), (y,), (x, x), (x, y)):
            point = {x: sympy.Rational(int(rng.integers(-9, 10)), 4), y: sympy.Rational(1, 3)}
            written = sympy.diff(f, *order).xreplace(point)
            ours = sympy.diff(split, *order).xreplace(point)
            if written.has(sympy.zoo, sympy.nan) or not written.is_finite:
                continue  # a factor is 0 there: neither has a derivative
            with mpmath.workdps(40):
                a = complex(sympy.N(written, 40))
                b = complex(sympy.N(ours, 40))
            assert abs(a - b) <= 1e-30 * max(1.0, abs(a)), (f, order, point, a, b)
            checked += 1
    assert checked > 50


def test_the_log_likelihood_as_the_log_of_a_product_has_its_hessian_confirmed():
    """The cheat sheet's MAP Hessian with its log-likelihood as the log of the product over the
    examples: the violation is confirmed in high precision within the claim's budget (the
    product's Hessian by the quotient rule took four times the confirmation's 3 s)."""
    import derivax as dx

    table = (
        r"w, x: vector[D]; x_i: column[X]; X: matrix[D, N]; y: vector[N]; y_i: scalar; "
        r"\pi, \ell, J, J': function; \lambda: scalar, positive; i: index; N, D: dim"
    )
    given = [
        r"\pi(x) = \sigma(w^T x)",
        r"\ell(w) = \log\left\{\prod_{i=1}^N [\pi(x_i)]^{y_i} [1 - \pi(x_i)]^{1 - y_i}\right\}",
        r"J(w) = -\ell(w)",
        r"J'(w) = -\ell(w) + \lambda w^T w",
    ]
    hessian = r"\frac{d (\frac{d J'}{d w})^T}{d w}"
    wrong = dx.check(
        rf"{hessian} = \frac{{d (\frac{{d J}}{{d w}})^T}}{{d w}} + \lambda I",
        table,
        given=given,
        timeout=10,
        cache=False,
    )
    assert wrong.status == "refuted", wrong.reason
    assert "confirmed in 120-digit arithmetic" in wrong.reason
