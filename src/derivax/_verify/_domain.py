r"""The domain a claim lives on, as one object passed to every rule: the symbol table, the given
inequalities (as facts about atoms and as expressions known to be >= 0 or > 0) and the ranges of
free indices. Interval bounds are computed over it with exact constants: a number's sign is
decided by SymPy's arbitrary-precision evaluation with its error bound, never by rounding
(``e^{-1000}`` is positive, ``\cos(10^{-20}) - 1`` is negative).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import DerivaxError
from .._sampling import declaration_of
from ..symbols import SymbolTable

oo = sympy.oo


def sign(c) -> int | None:
    """The sign of an exact constant (1, 0, -1), or ``None`` when it cannot be decided."""
    if c is sympy.oo:
        return 1
    if c is sympy.S.NegativeInfinity:
        return -1
    if not isinstance(c, sympy.Basic) or c is sympy.nan or not c.is_number:
        return None
    if c.is_Rational:
        return 1 if c > 0 else (-1 if c < 0 else 0)
    if c.has(sympy.Float):
        return None  # a rounded constant decides nothing
    if c.is_extended_real is False:
        return None
    # SymPy's strict evalf is not always right about its digits: log(X) with X = 1 - 10^{-450}
    # built from nested logs came back as +2.6e-141 at 30 digits and +7e-251 at 120, claiming
    # them certain. A sign is taken only where two precisions agree on the value itself.
    previous = None
    for prec in (30, 120, 600, 2400):
        try:
            v = c.evalf(prec, strict=True)
        except Exception:
            previous = None
            continue
        if not v.is_Float and not v.is_Rational:
            return None
        if v != 0 and previous is not None and previous != 0:
            if (v > 0) == (previous > 0) and abs(v - previous) <= abs(v) * sympy.Float(10) ** -20:
                return 1 if v > 0 else -1
        previous = v
    return None


def ge(a, b) -> bool:
    """``a >= b`` decided exactly (False when undecidable)."""
    if a == b:
        return True
    if a is sympy.oo or b is sympy.S.NegativeInfinity:
        return True
    if a is sympy.S.NegativeInfinity or b is sympy.oo:
        return False
    s = sign(sympy.expand(a - b)) if (a.is_number and b.is_number) else None
    return s is not None and s >= 0


def gt(a, b) -> bool:
    if a == b:
        return False
    if (a is sympy.oo and b is not sympy.oo) or (b is sympy.S.NegativeInfinity and a is not b):
        return True
    if a is sympy.S.NegativeInfinity or b is sympy.oo:
        return False
    s = sign(sympy.expand(a - b)) if (a.is_number and b.is_number) else None
    return s is not None and s > 0


def _lowest(xs):
    """The least of exact numbers, or -oo when two cannot be compared (a sound lower bound)."""
    best = xs[0]
    for x in xs[1:]:
        if ge(best, x):
            best = x
        elif not ge(x, best):
            return -oo
    return best


def _highest(xs):
    best = xs[0]
    for x in xs[1:]:
        if ge(x, best):
            best = x
        elif not ge(best, x):
            return oo
    return best


@dataclass
class Domain:
    """Where a claim's variables range: declarations, given inequalities, free-index ranges."""

    table: SymbolTable
    facts: dict = field(default_factory=dict)  # atom -> (low, high) from given inequalities
    relations: list = field(default_factory=list)  # (expression, strict): given to be >= 0 / > 0
    positives: list = field(default_factory=list)  # expressions given to be > 0
    index_ranges: dict = field(default_factory=dict)  # free index -> (low, high)

    @classmethod
    def of(cls, table, inequalities=()) -> Domain:
        dom = cls(table)
        for rel in inequalities:
            if isinstance(rel, (sympy.GreaterThan, sympy.StrictGreaterThan)):
                big, small = rel.lhs, rel.rhs
            else:
                big, small = rel.rhs, rel.lhs
            strict = isinstance(rel, (sympy.StrictGreaterThan, sympy.StrictLessThan))
            dom.relations.append((big - small, strict))
            if strict and small == 0:
                dom.positives.append(big)
            # a fact bounds the atom; a strict bound is kept as the closed one (weaker, still sound)
            if small.is_number and not big.is_number:
                lo, hi = dom.facts.get(big, (-oo, oo))
                dom.facts[big] = (_highest([lo, small]) if lo is not -oo else small, hi)
            if big.is_number and not small.is_number:
                lo, hi = dom.facts.get(small, (-oo, oo))
                dom.facts[small] = (lo, _lowest([hi, big]) if hi is not oo else big)
        return dom

    # -- declarations --------------------------------------------------------------------------
    def declaration(self, e):
        name = None
        if isinstance(e, sympy.Indexed):
            name = str(e.base.label)
        elif isinstance(e, MatrixElement):
            name = e.parent.name if isinstance(e.parent, sympy.MatrixSymbol) else None
        elif isinstance(e, (sympy.Symbol, sympy.MatrixSymbol)):
            name = e.name
        elif isinstance(e, sympy.IndexedBase):
            name = str(e.label)
        return declaration_of(self.table, name) if name is not None else None

    def is_spd(self, e) -> bool:
        d = self.declaration(e)
        return d is not None and d.kind == "spd"

    def leaf(self, e):
        """Bounds of a leaf from the given inequalities, the symbol table and SymPy's assumptions."""
        if e in self.facts:
            return self.facts[e]
        d = self.declaration(e)
        if d is not None:
            if d.kind == "simplex" or "unit" in d.qualifiers:
                return (sympy.S.Zero, sympy.S.One)
            if "positive" in d.qualifiers or "nonnegative" in d.qualifiers:
                return (sympy.S.Zero, oo)  # open at 0 for positive: kept closed (weaker, sound)
            if d.kind == "dim":
                return (sympy.S.One, oo)
        if getattr(e, "is_positive", False) or getattr(e, "is_nonnegative", False):
            return (sympy.S.Zero, oo)
        return (-oo, oo)

    # -- interval bounds -----------------------------------------------------------------------
    def bounds(self, e) -> tuple:
        """An interval (low, high) that contains every value of ``e`` on the domain."""
        if e in self.facts:
            return self.facts[e]
        if e.is_number:
            if e.has(sympy.Float) or e.is_extended_real is not True or e.has(sympy.zoo, sympy.nan):
                return (-oo, oo)
            return (e, e)  # exact: never rounded
        if isinstance(e, (sympy.Symbol, sympy.Indexed, MatrixElement)):
            return self.leaf(e)
        if isinstance(e, sympy.Add):
            lo, hi = sympy.S.Zero, sympy.S.Zero
            for a in e.args:
                al, ah = self.bounds(a)
                lo = -oo if (lo is -oo or al is -oo) else lo + al
                hi = oo if (hi is oo or ah is oo) else hi + ah
            return (lo, hi)
        if isinstance(e, sympy.Mul):
            lo, hi = sympy.S.One, sympy.S.One
            for a in e.args:
                lo, hi = _mul_interval((lo, hi), self.bounds(a))
            return (lo, hi)
        if isinstance(e, sympy.Pow):
            return self._pow(e)
        if isinstance(e, sympy.exp):
            lo, hi = self.bounds(e.args[0])
            return (
                sympy.exp(lo) if lo is not -oo else sympy.S.Zero,
                sympy.exp(hi) if hi is not oo else oo,
            )
        if isinstance(e, F.sigmoid):
            return (sympy.S.Zero, sympy.S.One)
        if isinstance(e, sympy.log):
            lo, hi = self.bounds(e.args[0])
            if not ge(lo, sympy.S.Zero):
                return (-oo, oo)
            return (
                sympy.log(lo) if gt(lo, sympy.S.Zero) and lo is not oo else -oo,
                sympy.log(hi) if hi is not oo else oo,
            )
        if isinstance(e, sympy.Abs):
            return (sympy.S.Zero, oo)
        if isinstance(e, sympy.Max):
            parts = [self.bounds(a) for a in e.args]
            # any argument's low bound is a low bound of the max
            lows = [p[0] for p in parts]
            low = _highest(lows)
            return (lows[0] if low is oo else low, _highest([p[1] for p in parts]))
        if isinstance(e, sympy.Sum) and self.psd_quadratic(e):
            return (sympy.S.Zero, oo)
        if isinstance(e, sympy.Sum):
            # an empty range sums to 0, so a sum of non-negative terms is non-negative whatever n is
            lo, hi = self.bounds(e.function)
            return (
                sympy.S.Zero if ge(lo, sympy.S.Zero) else -oo,
                sympy.S.Zero if ge(sympy.S.Zero, hi) else oo,
            )
        if isinstance(e, sympy.Trace) and (
            self.is_gram(e.arg) or self.is_spd(e.arg) or self.is_congruence(e.arg)
        ):
            return (sympy.S.Zero, oo)
        return (-oo, oo)

    def _pow(self, e):
        b_lo, b_hi = self.bounds(e.base)
        x = e.exp
        if not x.is_number or x.has(sympy.Float):
            # a symbolic exponent: a positive base gives a positive power
            if gt(b_lo, sympy.S.Zero) or e.base.is_positive:
                return (sympy.S.Zero, oo)
            return (-oo, oo)
        if x.is_Integer and int(x) % 2 == 0 and x > 0:
            if ge(b_lo, sympy.S.Zero):
                return (b_lo**x, b_hi**x if b_hi is not oo else oo)
            if ge(sympy.S.Zero, b_hi):
                return (b_hi**x, b_lo**x if b_lo is not -oo else oo)
            return (sympy.S.Zero, oo if oo in (b_hi, -b_lo) else _highest([b_lo**x, b_hi**x]))
        if ge(b_lo, sympy.S.Zero) and sign(x) == 1:
            return (b_lo**x, b_hi**x if b_hi is not oo else oo)
        if gt(b_lo, sympy.S.Zero) and sign(x) == -1:
            return (b_hi**x if b_hi is not oo else sympy.S.Zero, b_lo**x)
        if ge(b_lo, sympy.S.Zero) and sign(x) == -1:
            return (b_hi**x if b_hi is not oo else sympy.S.Zero, oo)
        if x.is_Integer and int(x) % 2 == 1 and x > 0:
            return (b_lo**x if b_lo is not -oo else -oo, b_hi**x if b_hi is not oo else oo)
        return (-oo, oo)

    def lower(self, e):
        try:
            return self.bounds(e)[0]
        except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
            raise
        except (TypeError, ValueError):
            return -oo

    def nonnegative(self, e) -> bool:
        """``e >= 0`` everywhere on the domain, by exact interval bounds."""
        return ge(self.lower(e), sympy.S.Zero)

    def positive(self, e) -> bool:
        """``e > 0`` everywhere on the domain."""
        return gt(self.lower(e), sympy.S.Zero) or self._strictly_positive(e)

    def _strictly_positive(self, e) -> bool:
        """Positivity the closed intervals lose: ``e^u > 0``, ``\\sigma(u) > 0``, a declared positive
        name, sums with a positive term and otherwise non-negative, products of positives."""
        if e.is_number:
            return sign(e) == 1
        if isinstance(e, (sympy.exp, F.sigmoid)):
            return True
        if isinstance(e, (sympy.Symbol, sympy.Indexed, MatrixElement)):
            d = self.declaration(e)
            return (d is not None and "positive" in d.qualifiers) or bool(e.is_positive)
        if isinstance(e, sympy.Add):
            return all(self.nonnegative(a) for a in e.args) and any(
                self._strictly_positive(a) for a in e.args
            )
        if isinstance(e, sympy.Mul):
            return all(self._strictly_positive(a) for a in e.args)
        if isinstance(e, sympy.Pow):
            return self._strictly_positive(e.base) and e.exp.is_real is True
        return False

    # -- matrices ------------------------------------------------------------------------------
    def is_gram(self, M) -> bool:
        """``A^T A`` (or ``c A^T A`` with c >= 0): positive semidefinite."""
        if not isinstance(M, sympy.MatMul):
            return False
        _, mats = M.as_coeff_matrices()
        scal = [a for a in M.args if not isinstance(a, MatrixExpr)]
        if scal and not self.nonnegative(sympy.Mul(*scal)):
            return False
        if len(mats) == 2:
            a, b = mats
            return sympy.Transpose(a).doit() == b or sympy.Transpose(b).doit() == a
        if len(mats) % 2 == 0:
            half = len(mats) // 2
            left, right = mats[:half], mats[half:]
            return sympy.Transpose(sympy.MatMul(*left)).doit() == sympy.MatMul(*right).doit()
        return False

    def is_congruence(self, M) -> bool:
        """``A^T S A`` with S positive (semi)definite: positive semidefinite."""
        if not isinstance(M, sympy.MatMul):
            return False
        _, mats = M.as_coeff_matrices()
        scal = [a for a in M.args if not isinstance(a, MatrixExpr)]
        if scal and not self.nonnegative(sympy.Mul(*scal)):
            return False
        if len(mats) != 3 or not self.is_spd(mats[1]):
            return False
        return sympy.Transpose(mats[0]).doit() == mats[2]

    def psd_quadratic(self, s) -> bool:
        r"""``\sum_{i=1}^{n} \sum_{j=1}^{n} a_i a_j K_{ij}`` with K positive semidefinite (n x n) is
        non-negative. Side conditions: both indices run over the whole of K's range, 1..n."""
        if not isinstance(s, sympy.Sum) or len(s.limits) != 2:
            return False
        (i, lo_i, hi_i), (j, lo_j, hi_j) = s.limits
        factors = sympy.Mul.make_args(s.function)
        ks = [
            f
            for f in factors
            if isinstance(f, sympy.Indexed)
            and len(f.indices) == 2
            and set(f.indices) == {i, j}
            and self.is_spd(f)
        ]
        if len(ks) != 1:
            return False
        d = self.declaration(ks[0])
        if d is None:
            return False
        size = self.table.dim(d.shape[0])
        if not (lo_i == 1 and lo_j == 1 and hi_i == size and hi_j == size):
            return False
        rest = sympy.Mul(*[f for f in factors if f is not ks[0]])
        a_i = sympy.Mul(
            *[
                f
                for f in sympy.Mul.make_args(rest)
                if f.free_symbols & {i} and not f.free_symbols & {j}
            ]
        )
        a_j = sympy.Mul(
            *[
                f
                for f in sympy.Mul.make_args(rest)
                if f.free_symbols & {j} and not f.free_symbols & {i}
            ]
        )
        const = sympy.Mul(*[f for f in sympy.Mul.make_args(rest) if not f.free_symbols & {i, j}])
        return a_i * a_j * const == rest and a_i.xreplace({i: j}) == a_j and self.nonnegative(const)


def _mul_interval(a, b):
    products = []
    for x in a:
        for y in b:
            if (x == 0 and y in (oo, -oo)) or (y == 0 and x in (oo, -oo)):
                products.append(sympy.S.Zero)
            else:
                products.append(x * y)
    if any(p is sympy.nan for p in products):
        return (-oo, oo)
    return (_lowest(products), _highest(products))
