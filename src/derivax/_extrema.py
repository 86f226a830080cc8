"""Extrema and order statistics over an index: ``\\max_i f(i)``, ``\\min_i f(i)`` and
``x_{(k)}``, the k-th smallest entry of a vector, as statistics writes it.

``OrderStatistic(x[j], (j, 1, n), k)`` is the k-th smallest of the values ``x[j]`` for ``j`` from
1 to n (1-based: ``x_{(1)}`` is the smallest, ``x_{(n)}`` the largest, ties counted with their
multiplicity). It binds ``j`` as ``\\max_j`` does (it is an ``IndexMax`` for every pass that
asks which indices a node binds), and carries ``k`` as a third argument.

Side conditions: ``k`` is a whole number from 1 to n; any other value has no entry (the
compiled function gives NaN, the exact evaluators refuse). Papers that sort in decreasing order
(sparsemax's ``z_{(1)} \\ge z_{(2)} \\ge \\dots``) mean ``x_{(n - k + 1)}`` by ``x_{(k)}``: the
reader lists the increasing rule whenever it reads one.
"""

from __future__ import annotations

from itertools import combinations

import sympy
from sympy.concrete.expr_with_limits import ExprWithLimits
from sympy.core.logic import fuzzy_and
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text


class Excluded(sympy.Function):
    """``Excluded(f, j, i, far)``: ``f`` where ``j != i``, else ``far`` (-oo under a maximum,
    +oo under a minimum), the term ``\\max_{j \\ne i}`` skips. A function rather than a
    ``Piecewise``: SymPy lifts a Piecewise out of the maximum into the sum around it
    (``piecewise_fold``), which leaves ``j`` free and the value wrong. Its derivative in ``f``
    is ``1 - \\delta_{ji}``."""

    nargs = 4

    @classmethod
    def eval(cls, value, var, other, far):
        same = sympy.Eq(var, other)
        if same is sympy.true:
            return far
        if same is sympy.false:
            return value
        return None

    def fdiff(self, argindex=1):
        if argindex != 1:
            return sympy.S.Zero
        return 1 - sympy.KroneckerDelta(self.args[1], self.args[2])

    def _latex(self, printer, exp=None):
        return printer._print(self.args[0])


class Kept(sympy.Function):
    """``Kept(f, condition, other)``: ``f`` where the condition holds, else ``other`` (-oo under
    ``\\max_{i, j : c_i = c_j}``, +oo under a minimum; 0 for the indicator its derivative
    carries). A function rather than a ``Piecewise``, which SymPy lifts out of the operator
    around it (``piecewise_fold``), its index left free. Its derivative is ``f'`` where the
    condition holds, else ``other'``: the condition's own jumps are a set of measure zero, as
    for every comparison derivax differentiates."""

    nargs = 3

    @classmethod
    def eval(cls, value, condition, other):
        if condition is sympy.true:
            return value
        if condition is sympy.false:
            return other
        return None

    def _eval_derivative(self, s):
        value, condition, other = self.args
        return Kept(value.diff(s), condition, other.diff(s))

    def _eval_is_real(self):
        return fuzzy_and([self.args[0].is_extended_real, self.args[2].is_extended_real])

    def _eval_is_commutative(self):
        return True  # a number, whatever the condition (a relation is no commutative scalar)

    def _latex(self, printer, exp=None):
        value, condition, other = self.args
        if value == 1 and other == 0:
            text = rf"\mathbb{{1}}\left[{printer._print(condition)}\right]"
        else:
            text = printer._print(sympy.Piecewise((value, condition), (other, True)))
        return rf"\left({text}\right)^{{{exp}}}" if exp else text


class IndexMax(ExprWithLimits):
    """``\\max_{i=lo}^{hi} f(i)``: the largest value of ``f`` over an index range (``IndexMin``: the
    smallest). ``doit`` expands a range of known length into ``Max``."""

    _reduce = sympy.Max
    _word = "max"

    def __new__(cls, function, *symbols, **assumptions):
        # one limit per object: \max_i \max_j f is a max over i of a max over j (SymPy's
        # ExprWithLimits would merge them into one object with two limits, which doit, the
        # printer and the evaluators, all written for one limit, would misread)
        if len(symbols) > 1:
            out = cls(function, symbols[0], **assumptions)
            for limit in symbols[1:]:
                out = cls(out, limit, **assumptions)
            return out
        if len(symbols) == 1 and (
            type(function) is cls
            or (isinstance(symbols[0], (tuple, sympy.Tuple)) and len(symbols[0]) == 3)
        ):
            # built as written: ExprWithLimits folds a Piecewise out of the sums inside the
            # body (\max_c \sum_i 1[y_i = c] a_i lost the sum around its indicator, leaving i
            # free), which the body's own sums bind
            function = _sympify(function)
            obj = sympy.Expr.__new__(cls, **assumptions)
            obj._args = (function, sympy.Tuple(*(_sympify(x) for x in symbols[0])))
            obj.is_commutative = function.is_commutative
            return obj
        return super().__new__(cls, function, *symbols, **assumptions)

    @property
    def is_real(self):
        return self.function.is_real

    def _eval_derivative(self, s):
        """d/ds max_i f(i): the derivative of the terms that attain the maximum, averaged over
        them: sum_i [f(i) = max] f'(i) / sum_i [f(i) = max] (min alike). Side condition: where two terms tie
        with different slopes the maximum has no derivative; this is then the mean of the
        one-sided ones (as JAX's gradient of ``max`` takes it), and at points with no tie, which
        is almost every point, it is the derivative."""
        ((var, lo, hi),) = self.limits
        slope = self.function.diff(s)
        if slope == 0:
            return sympy.S.Zero
        other = sympy.Symbol(f"{var.name}^*", integer=True)
        extreme = self.func(self.function.xreplace({var: other}), (other, lo, hi))
        # [f(i) = max] as the step H(f(i) - max) with H(0) = 1 (f(i) <= max always): a Piecewise
        # would be lifted out of the sum by SymPy's piecewise_fold, its i left free
        gap = self.function - extreme if self._word == "max" else extreme - self.function
        attains = sympy.Heaviside(gap, 1)
        return sympy.Sum(attains * slope, (var, lo, hi)) / sympy.Sum(attains, (var, lo, hi))

    def doit(self, **hints):
        f = self.function.doit(**hints) if hints.get("deep", True) else self.function
        ((var, lo, hi),) = self.limits
        count = hi - lo + 1
        if count.is_Integer and 0 < count <= 10_000:
            return self._reduce(*[f.xreplace({var: lo + k}) for k in range(int(count))])
        return self.func(f, *self.limits)

    def _latex(self, printer, exp=None):
        ((var, lo, hi),) = self.limits
        f = self.function
        skipped = isinstance(f, Excluded) and f.args[1] == var
        body = printer._print(f.args[0] if skipped else f)
        if isinstance(f.args[0] if skipped else f, sympy.Add):
            body = rf"\left({body}\right)"
        if skipped:  # \max_{j \ne i}: its range is the one the reader finds again
            over = f"{printer._print(var)} \\ne {printer._print(f.args[2])}"
            text = rf"\{self._word}_{{{over}}} {body}"
            return rf"\left({text}\right)^{{{exp}}}" if exp else text
        if isinstance(f, Kept) and f.args[2].is_infinite:
            # \max_{j : c_i = c_j}: its range is the one the reader finds again
            inner = printer._print(f.args[0])
            if isinstance(f.args[0], sympy.Add):
                inner = rf"\left({inner}\right)"
            over = f"{printer._print(var)} : {printer._print(f.args[1])}"
            text = rf"\{self._word}_{{{over}}} {inner}"
            return rf"\left({text}\right)^{{{exp}}}" if exp else text
        text = rf"\{self._word}_{{{printer._print(var)}={printer._print(lo)}}}^{{{printer._print(hi)}}} {body}"
        return rf"\left({text}\right)^{{{exp}}}" if exp else text

    # lambdify: a Python max/min over the range, as SymPy prints a Sum
    def _pythoncode(self, printer):
        ((var, lo, hi),) = self.limits
        v = printer._print(var)
        return (
            f"builtins.{self._word}({printer._print(self.function)} "
            f"for {v} in range({printer._print(lo)}, {printer._print(hi)} + 1))"
        )

    _numpycode = _jaxcode = _mpmathcode = _pythoncode


class IndexMin(IndexMax):
    """``\\min_{i=lo}^{hi} f(i)``."""

    _reduce = sympy.Min
    _word = "min"


#: written out as a minimum of maxima (exact, for any values) up to this many subsets
_MOST_SUBSETS = 5_000


class OrderStatistic(IndexMax):
    """The ``k``-th smallest value of ``function`` over one index range."""

    _word = "order statistic"

    def __new__(cls, function, limit, k, **assumptions):
        obj = sympy.Expr.__new__(cls, **assumptions)
        obj._args = (_sympify(function), sympy.Tuple(*(_sympify(x) for x in limit)), _sympify(k))
        obj.is_commutative = True
        return obj

    @property
    def limits(self):
        return (self._args[1],)

    def _eval_derivative(self, s):
        return None  # not differentiated (refused by the derivation, see _derive)

    @property
    def rank(self) -> sympy.Expr:
        """Which order statistic: 1 for the smallest."""
        return self._args[2]

    @property
    def free_symbols(self):
        ((var, lo, hi),) = self.limits
        inner = self.function.free_symbols - {var}
        return inner | lo.free_symbols | hi.free_symbols | self.rank.free_symbols

    def _eval_subs(self, old, new):
        ((var, lo, hi),) = self.limits
        if old == var:
            return self
        return self.func(
            self.function.subs(old, new),
            (var, lo.subs(old, new), hi.subs(old, new)),
            self.rank.subs(old, new),
        )

    def _reduce(self, *terms):
        """The k-th smallest of ``terms``: sorted where they are numbers, else the minimum over
        every k of them of their maximum (exact for any values); for a rank that is a letter,
        a ``Piecewise`` over the ranks 1..n (NaN for any other value)."""
        k = self.rank
        if k.is_number and not (k.is_Integer and 1 <= int(k) <= len(terms)):
            raise ValueError(f"the order statistic {k} of {len(terms)} values does not exist")
        if not k.is_number:
            if 2 ** len(terms) > _MOST_SUBSETS:
                return self
            pieces = [(_kth(terms, r), sympy.Eq(k, r)) for r in range(1, len(terms) + 1)]
            return sympy.Piecewise(*pieces, (sympy.nan, True))
        if sympy.binomial(len(terms), int(k)) > _MOST_SUBSETS:
            return self
        return _kth(terms, int(k))

    def doit(self, **hints):
        f = self.function.doit(**hints) if hints.get("deep", True) else self.function
        ((var, lo, hi),) = self.limits
        count = hi - lo + 1
        k = self.rank
        if count.is_Integer and 0 < count <= 10_000 and k.is_Integer and 1 <= k <= count:
            return self._reduce(*[f.xreplace({var: lo + m}) for m in range(int(count))])
        return self.func(f, *self.limits, self.rank)

    def _latex(self, printer, exp=None):
        ((var, lo, hi),) = self.limits
        f = self.function
        if isinstance(f, sympy.Indexed) and f.indices == (var,) and lo == 1:
            name = printer._print(f.base)
            name = f"{{{name}}}" if "_" in name or "^" in name else name
            text = f"{name}_{{({printer._print(self.rank)})}}"
        else:
            text = (
                rf"\operatorname{{ord}}_{{{printer._print(self.rank)}}}"
                rf"\left({printer._print(f)} : {printer._print(var)} = {printer._print(lo)},"
                rf" \dots, {printer._print(hi)}\right)"
            )
        return rf"\left({text}\right)^{{{exp}}}" if exp else text

    def _pythoncode(self, printer):
        ((var, lo, hi),) = self.limits
        v = printer._print(var)
        return (
            f"sorted([{printer._print(self.function)} for {v} in range({printer._print(lo)}, "
            f"{printer._print(hi)} + 1)])[int({printer._print(self.rank)}) - 1]"
        )

    _numpycode = _jaxcode = _mpmathcode = _pythoncode


def _kth(terms, k: int):
    """The k-th smallest of ``terms``: sorted where they are real numbers, else the minimum over
    every k of them of their maximum."""
    if all(t.is_number and t.is_extended_real for t in terms):
        return sorted(terms, key=lambda t: sympy.N(t, 30))[k - 1]
    return sympy.Min(*(sympy.Max(*s) for s in combinations(terms, k)))
