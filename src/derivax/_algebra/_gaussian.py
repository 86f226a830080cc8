r"""Integrals over the whole real line of a Gaussian times a polynomial, in closed form.

``\int_{-\infty}^{\infty} \mathcal{N}(x; \mu, \sigma^2) \log \mathcal{N}(x; 0, 1) \, dx`` is the
cross-entropy term of every KL and ELBO derivation; SymPy's ``integrate`` runs past any budget on
it. Written as ``C e^{a x^2 + b x + c} g(x)`` with ``a < 0`` and ``g`` a polynomial in ``x`` once
the logarithms of positive quantities are expanded, the integral is
``C e^{c - b^2/(4a)} \sqrt{\pi/(-a)} \, E[g(X)]`` for ``X ~ N(-b/(2a), -1/(2a))``, whose moments
are ``E[X^k] = \sum_{j \text{ even}} \binom{k}{j} m^{k-j} v^{j/2} (j-1)!!``.

Side conditions, each a case that would break the rule: the limits are exactly ``-\infty`` and
``\infty`` (a half line is no Gaussian moment); ``a`` is provably negative, or ``-1/a`` provably
nonnegative (``a = -1/(2\sigma_j^2)`` with ``\sigma_j`` real: negative wherever the density is
defined), and ``a = 0`` or a sign that depends on the values is left alone; ``g`` is a polynomial in ``x`` after expanding the
logarithms of positive factors (``|x|``, ``\log x``, ``e^{x^3}`` are left alone); a sum is taken
term by term and every term must match. Anything else returns None, and the integral is left to
SymPy."""

from __future__ import annotations

import sympy


def gaussian_integral(integral: sympy.Integral) -> sympy.Expr | None:
    """The closed form of ``integral`` when it is a Gaussian moment integral; None otherwise."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return None
    x, lo, hi = integral.limits[0]
    if lo != -sympy.oo or hi != sympy.oo or not x.is_real:
        return None
    f = sympy.expand(integral.function, power_base=False, log=False, mul=True)
    terms = f.args if isinstance(f, sympy.Add) else (f,)
    total = sympy.S.Zero
    for term in terms:
        value = _term(term, x)
        if value is None:
            return None
        total += value
    return total


def _term(term: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    if x not in term.free_symbols:
        return None  # a constant over the whole line diverges
    exponent = sympy.S.Zero
    rest = sympy.S.One
    for factor in sympy.Mul.make_args(term):
        if isinstance(factor, sympy.exp):
            exponent += factor.args[0]
        elif isinstance(factor, sympy.Pow) and isinstance(factor.base, sympy.exp):
            exponent += factor.base.args[0] * factor.exp
        else:
            rest *= factor
    rest = rest.replace(lambda e: isinstance(e, sympy.log), _split_log)
    rest = sympy.expand(rest, log=False)
    if rest.has(sympy.log) and any(x in lg.free_symbols for lg in rest.atoms(sympy.log)):
        return None
    try:
        q = sympy.Poly(sympy.expand(exponent), x)
        g = sympy.Poly(rest, x)
    except sympy.PolynomialError:
        return None
    if q.degree() != 2:
        return None
    a, b, c = (q.coeff_monomial(x**k) for k in (2, 1, 0))
    if (-a).is_positive is not True and (1 / (-a)).is_nonnegative is not True:
        # -a > 0, or -a = 1/(2 s^2) with s real: negative wherever the integrand is defined
        return None
    mean = -b / (2 * a)
    var = -1 / (2 * a)
    moments = sum(
        coeff * _moment(k, mean, var) for (k,), coeff in zip(g.monoms(), g.coeffs(), strict=True)
    )
    return sympy.exp(c - b**2 / (4 * a)) * sympy.sqrt(sympy.pi / (-a)) * moments


def _moment(k: int, mean: sympy.Expr, var: sympy.Expr) -> sympy.Expr:
    """``E[X^k]`` for ``X ~ N(mean, var)``."""
    return sum(
        (
            sympy.binomial(k, j)
            * mean ** (k - j)
            * var ** sympy.Rational(j, 2)
            * sympy.factorial2(j - 1)
            for j in range(0, k + 1, 2)
        ),
        sympy.S.Zero,
    )


def _split_log(lg: sympy.log) -> sympy.Expr:
    """``\\log`` of a product of nonnegative factors and exponentials of real numbers as the sum
    of their logs (``\\log(c e^{q} / |\\sigma|) = \\log c + q - \\log|\\sigma|``), equal
    wherever the log is defined; any other log is returned as it is."""
    terms = []
    for factor in sympy.Mul.make_args(lg.args[0]):
        if isinstance(factor, sympy.exp) and _real_where_defined(factor.args[0]):
            terms.append(factor.args[0])
        elif (
            isinstance(factor, sympy.Pow)
            and isinstance(factor.base, sympy.exp)
            and _real_where_defined(factor.base.args[0])
            and factor.exp.is_real
        ):
            terms.append(factor.base.args[0] * factor.exp)
        elif (
            factor.is_positive
            or factor.is_nonnegative
            or (isinstance(factor, sympy.Pow) and factor.base.is_nonnegative and factor.exp.is_real)
        ):
            # 1/|\sigma| is nonnegative wherever it is defined
            terms.append(sympy.expand_log(sympy.log(factor), force=True))
        else:
            return lg
    return sympy.Add(*terms)


def _real_where_defined(y: sympy.Expr) -> bool:
    """A rational function of real symbols and entries (``-(x - \\mu_k)^2 / (2 \\sigma_k^2)``):
    real wherever it is defined, so ``\\log e^{y} = y`` there."""
    atoms = y.atoms(sympy.Symbol, sympy.Indexed) - {
        a for ix in y.atoms(sympy.Indexed) for a in ix.free_symbols if a not in (ix,)
    }
    return not y.has(sympy.I) and all(a.is_real for a in atoms) and y.is_rational_function(*atoms)
