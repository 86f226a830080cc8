"""Exact derivatives of an explicit expression at a rational point, for the high-precision
evaluator (``_precise``): the derivatives of a gradient or a Hessian written out entry by entry.

Where the expression is a rational function of the variables with rational coefficients (a
trace, a determinant, an entry of a product or an inverse of explicit matrices), it is
differentiated as an element of the field of rational functions over QQ and evaluated there,
in exact arithmetic: the same values as SymPy's ``diff`` of the expression followed by entering
the point, at a fraction of the cost. Anything else (a logarithm, an unspecified function, a
rounded value, a denominator that vanishes at the point) is differentiated by SymPy's ``diff``
as before, with the logarithm of a product first split into the sum of its factors' logarithms
(``split_logs``). The derivative is of the expression written out, never a symbolic
matrix-calculus rule, so the check stays independent of what it checks.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy


def _field_element(f, syms: Sequence):
    """``f`` as an element of QQ(syms), with the field's generators; None when it is not one."""
    from sympy import QQ
    from sympy.polys.fields import field

    if f.has(sympy.Float) or not f.free_symbols <= set(syms):
        return None
    try:
        K, *gens = field(list(syms), QQ)
        return K.from_expr(f), gens
    except Exception:  # not a rational function of syms over QQ (a log, an exp, ...)
        return None


def _at(element, point: list):
    """A rational function's exact value at ``point`` (QQ elements), as a SymPy Rational; None
    where its denominator vanishes there."""
    from sympy import QQ

    den = QQ.convert(element.denom(*point))
    if den == 0:
        return None
    return QQ.to_sympy(QQ.convert(element.numer(*point)) / den)


def _denominators_vanish(f, entered: dict) -> bool:
    """Whether a denominator written in ``f`` is 0 at the point. The field cancels common factors
    (``(x^2 - 1)/(x - 1)`` becomes ``x + 1``), so at such a point it would give a value where
    the expression as written has none."""
    for p in sympy.preorder_traversal(f):
        if isinstance(p, sympy.Pow) and p.exp.is_negative and p.base.xreplace(entered) == 0:
            return True
    return False


def split_logs(f):
    r"""``f`` with each logarithm of a product or a power split, ``\log(a^p b) \to p\log a +
    \log b``, for differentiation only: where the product is not 0 the two differ by a constant
    (a multiple of ``i\pi`` where a factor is negative), so every derivative agrees, and where a
    factor is 0 neither has one. The log-likelihood of N examples written as the log of their
    product has a Hessian whose quotient-rule terms grow with N; split, it is a sum of N terms.

    >>> a, b = sympy.symbols("a b")
    >>> split_logs(sympy.log(a**2 * b))
    2*log(a) + log(b)
    """
    if not any(isinstance(x.args[0], (sympy.Mul, sympy.Pow)) for x in f.atoms(sympy.log)):
        return f
    return f.replace(
        lambda x: isinstance(x, sympy.log) and isinstance(x.args[0], (sympy.Mul, sympy.Pow)),
        lambda x: sympy.expand_log(x, force=True),
    )


def derivatives_at(f, syms: Sequence, values: Sequence, pairs: Sequence[tuple]) -> list:
    """``d^k f / d syms[a] ... `` for each tuple of positions in ``pairs`` (``(a,)`` a first
    derivative, ``(a, b)`` a second one), with ``syms`` given ``values`` (exact rationals).

    >>> x, y = sympy.symbols("x y")
    >>> derivatives_at(x**2 * y / (1 + x), [x, y], [sympy.S(1), sympy.S(3)], [(0,), (0, 1)])
    [9/4, 3/4]
    """
    entered = dict(zip(syms, values, strict=True))
    exact = all(isinstance(v, sympy.Rational) for v in values)
    converted = _field_element(f, syms) if exact else None
    if converted is not None and _denominators_vanish(f, entered):
        converted = None
    if converted is not None:
        from sympy import QQ

        element, gens = converted
        point = [QQ(int(v.p), int(v.q)) for v in values]
        out = []
        for positions in pairs:
            d = element
            for a in positions:
                d = d.diff(gens[a])
            v = _at(d, point)
            if v is None:
                break  # a pole at the point: SymPy says what it is (zoo, nan)
            out.append(v)
        else:
            return out
    f = split_logs(f)
    return [sympy.diff(f, *(syms[a] for a in positions)).xreplace(entered) for positions in pairs]
