r"""Proof by moments: claims about ``\mathbb{E}``, ``\operatorname{Var}`` and ``\operatorname{Cov}``
of the random variables a symbol table declares.

Both sides are rewritten into *moments*, ``E[m]`` of monomials ``m`` in the random variables,
with non-random coefficients; the claim is proved when the difference of the two forms
simplifies to 0. The rewriting rules, each with the condition under which it holds:

- ``Var(Y) = E[Y^2] - E[Y]^2``, ``Cov(Y, Z) = E[Y Z] - E[Y] E[Z]`` (definitions);
- linearity: the operand is expanded as a polynomial in the random variables, non-random
  factors (parameters, other moments: ``E[E[Y]] = E[Y]``) come out;
- independence: ``E[U V] = E[U] E[V]`` only where the table (``independent``, the entries of an
  ``iid`` or ``independent`` vector) or a given ``X \perp Y`` makes the factors independent;
- identical distribution: a moment of one entry of an ``iid`` vector is that of ``X_1`` (of an
  ``iid`` matrix, that of ``W_{11}``); two entries of one array are independent when their index
  tuples surely differ (``w_{i1}``, ``w_{i2}``); an entry whose index surely lies outside its
  declared range is not rewritten;
- sums ``\sum_{i=1}^{n}`` over the entries of an ``iid`` vector: a product of sums is one sum over
  several indices, split by which indices are equal (``n (n - 1) \cdots`` tuples for each
  pattern), which is exact because the joint law of the entries does not change when the
  entries are permuted. A sum whose terms depend on the index otherwise (weights ``w_i``), over
  another range, or next to a variable that may depend on the entries is not split: linearity
  alone takes its weights out (``E[\sum_i \beta^{t-i} g_i] = \sum_i \beta^{t-i} E[g_i]``).
  Entries of a matrix summed along one axis (``\sum_j w_{ij} x_j``) are split alike when every
  entry holds the summation indices in the same axes.

Givens that are moment equations (``\mathbb{E}[\epsilon] = 0``, ``\operatorname{Var}(X) =
\sigma^2``) are rewritten too and solved for one moment, which is then substituted.

Nothing here evaluates a distribution; the refutation and the audit of a proof are done by
``_distributions``, which never uses these rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy

from .._random import Covariance, Expectation, Moment, Variance, is_random_atom, random_atoms

#: more terms than this in one expanded operand is not rewritten (the form would not be read)
MAX_TERMS = 4000
#: the most summation indices of one term split by which are equal (Bell(6) = 203 patterns)
MAX_INDICES = 6


class NotCanonical(Exception):
    """The rewriting does not apply; the message says what and why (it becomes the reason)."""


@dataclass
class Term:
    """``coeff * prod(atom ** power)`` summed over ``dummies`` (each ``(d, lo, hi)``)."""

    coeff: sympy.Expr
    dummies: tuple = ()
    powers: dict = field(default_factory=dict)

    def times(self, other: Term) -> Term:
        powers = dict(self.powers)
        for a, k in other.powers.items():
            powers[a] = powers.get(a, 0) + k
        return Term(self.coeff * other.coeff, self.dummies + other.dummies, powers)


@dataclass(frozen=True)
class Independence:
    """What the table and the givens say about which random variables are independent."""

    table: object
    pairs: frozenset = frozenset()  # frozensets {X, Y} of names given X \perp Y

    def declaration(self, atom):
        name = str(atom.base.label) if isinstance(atom, sympy.Indexed) else atom.name
        return self.table[name]

    def family(self, atom):
        """The mutually independent family the atom belongs to: ``"declared"`` for those
        declared ``independent`` (the entries of such a vector too), ``("entries", X)`` for the
        entries of an ``iid`` vector; None for a variable with no independence declared."""
        d = self.declaration(atom)
        if "independent" in d.qualifiers:
            return "declared"
        if "iid" in d.qualifiers and isinstance(atom, sympy.Indexed):
            return ("entries", d.name)
        return None

    def independent(self, a, b) -> bool:
        if a == b:
            return False
        da, db = self.declaration(a), self.declaration(b)
        if da.name == db.name:
            # two entries of one vector or matrix: independent when the index tuples surely
            # differ (in one axis the difference is a nonzero number: w_{i1}, w_{i2})
            differ = any(
                (x - y).is_number and x != y for x, y in zip(a.indices, b.indices, strict=True)
            )
            return differ and bool(da.qualifiers & {"iid", "independent"})
        fa, fb = self.family(a), self.family(b)
        if fa == "declared" and fb == "declared":
            return True
        return frozenset({da.name, db.name}) in self.pairs

    def mutually_independent(self, groups: list[set]) -> bool:
        """Whether the groups of variables are mutually independent (not only pairwise)."""
        atoms = [a for g in groups for a in g]
        families = {self.family(a) for a in atoms}
        if len(families) == 1 and None not in families:
            return all(
                self.independent(a, b)
                for g, h in itertools.combinations(groups, 2)
                for a in g
                for b in h
            )
        if len(groups) == 2 and all(len(g) == 1 for g in groups):
            (a,), (b,) = (tuple(g) for g in groups)
            return self.independent(a, b)
        return False


class Canonical:
    """Rewrites expressions into moments for one table and its independence facts."""

    def __init__(self, table, pairs=frozenset()):
        self.table = table
        self.facts = Independence(table, frozenset(pairs))

    # -- the moments of an expression ----------------------------------------------------------
    def form(self, expr: sympy.Basic) -> sympy.Expr:
        """``expr`` with every expectation, variance and covariance rewritten into moments."""
        if not isinstance(expr, sympy.Basic) or not expr.args:
            return expr
        if isinstance(expr, Moment):
            args = [self.form(a) for a in expr.args]
            if isinstance(expr, Variance):
                (y,) = args
                return self.expect(y**2) - self.expect(y) ** 2
            if isinstance(expr, Covariance):
                y, z = args
                return self.expect(y * z) - self.expect(y) * self.expect(z)
            return self.expect(args[0])
        if not expr.has(*_MOMENT_TYPES):
            return expr
        if isinstance(expr, sympy.Sum):
            body = self.form(expr.function)
            if not any(v in body.free_symbols for v, *_ in expr.limits):
                return sympy.Sum(body, *expr.limits).doit()
            return sympy.Sum(body, *expr.limits)
        return expr.func(*[self.form(a) for a in expr.args])

    def expect(self, y: sympy.Expr) -> sympy.Expr:
        """``E[y]`` as a polynomial in moments (inner moments of ``y`` already rewritten)."""
        total = sympy.S.Zero
        for term in self.terms(y):
            total += self.term_moment(term)
        return total

    # -- expanding an operand into terms --------------------------------------------------------
    def terms(self, e: sympy.Expr) -> list[Term]:
        if not random_atoms(e, self.table):
            return [Term(e)]
        if is_random_atom(e, self.table):
            self._in_range(e)
            return [Term(sympy.S.One, (), {e: 1})]
        if isinstance(e, sympy.Add):
            out = [t for a in e.args for t in self.terms(a)]
        elif isinstance(e, sympy.Mul):
            out = [Term(sympy.S.One)]
            for a in e.args:
                out = [s.times(t) for s in out for t in self.terms(a)]
                self._bounded(out)
        elif isinstance(e, sympy.Pow) and e.exp.is_Integer and e.exp > 0:
            out = [Term(sympy.S.One)]
            for _ in range(int(e.exp)):
                # each factor of a power of a sum gets indices of its own
                out = [s.times(t) for s in out for t in self.terms(_fresh(e.base))]
                self._bounded(out)
        elif isinstance(e, sympy.Sum):
            out = self._sum_terms(e)
        else:
            # a function of random variables that is no polynomial (log X, 1/X): one factor
            if any(isinstance(n, sympy.Sum) for n in sympy.preorder_traversal(e)):
                raise NotCanonical(
                    f"`{e}` is a function of a sum of random variables that is no polynomial"
                )
            out = [Term(sympy.S.One, (), {e: 1})]
        self._bounded(out)
        return out

    def _sum_terms(self, e: sympy.Sum) -> list[Term]:
        (var, lo, hi), *more = e.limits
        if not more and lo.is_Integer and hi.is_Integer and 0 <= hi - lo < 20:
            # a sum over a few given indices is written out (X_1 + X_2)
            return self.terms(
                sympy.Add(
                    *[e.function.xreplace({var: sympy.Integer(k)}) for k in range(lo, hi + 1)]
                )
            )
        body = e.function
        dummies = []
        for var, lo, hi in e.limits:
            d = sympy.Dummy(var.name, integer=True)
            body = body.xreplace({var: d})
            dummies.append((d, lo, hi))
        return [Term(t.coeff, (*dummies, *t.dummies), t.powers) for t in self.terms(body)]

    def _in_range(self, atom: sympy.Basic) -> None:
        """An entry whose index surely lies outside 1..size of its axis (``W_{3,1}`` of
        ``W: random[2, 3]``, ``X_{n+1}`` of ``X: random[n]``) names no random variable."""
        if not isinstance(atom, sympy.Indexed):
            return
        d = self.facts.declaration(atom)
        for ix, size in zip(atom.indices, d.shape, strict=False):
            n = self.table.dim(size)
            if (ix - 1).is_negative or (ix - n).is_positive:
                raise NotCanonical(
                    f"`{atom}` has the index `{ix}` outside 1..{n}, the range `{d.name}` is "
                    f"declared with"
                )

    @staticmethod
    def _bounded(out: list[Term]) -> None:
        if len(out) > MAX_TERMS:
            raise NotCanonical(f"the operand expands to more than {MAX_TERMS} terms")

    # -- the moment of one term ---------------------------------------------------------------
    def term_moment(self, t: Term) -> sympy.Expr:
        r"""``E`` of one term: a sum over iid entries split by which indices are equal, else
        (weights ``\beta^{t-i}``, entries of laws that differ) linearity alone."""
        try:
            return self._split_moment(t)
        except NotCanonical:
            if not t.dummies:
                raise
            return self._linear_moment(t)

    def _linear_moment(self, t: Term) -> sympy.Expr:
        r"""``E[\sum_i c_i m_i] = \sum_i c_i E[m_i]`` for a finite sum, whatever the laws: the
        moment of each term is kept under the sum, with the index named as written."""
        body = t.coeff * self.monomial_moment(dict(t.powers))
        limits = []
        for d, lo, hi in t.dummies:
            named = sympy.Symbol(d.name, integer=True)
            if named not in body.free_symbols | lo.free_symbols | hi.free_symbols:
                body = body.xreplace({d: named})
                d = named
            limits.append((d, lo, hi))
        return sympy.Sum(body, *limits)

    def _split_moment(self, t: Term) -> sympy.Expr:
        coeff, powers = t.coeff, dict(t.powers)
        if not t.dummies:
            return coeff * self.monomial_moment(powers)
        used = {d for d, _, _ in t.dummies if any(d in a.free_symbols for a in powers)}
        for d, lo, hi in t.dummies:
            if d in coeff.free_symbols:
                raise NotCanonical(
                    f"a weight of the sum depends on its index (`{coeff}`); only sums whose "
                    f"terms depend on the index through entries of an iid vector are rewritten"
                )
            if d not in used:
                coeff *= _count(lo, hi)
        live = [(d, lo, hi) for d, lo, hi in t.dummies if d in used]
        if not live:
            return coeff * self.monomial_moment(powers)
        if len(live) > MAX_INDICES:
            raise NotCanonical(
                f"a product of {len(live)} sums is split into more patterns of equal indices "
                f"than derivax writes out (at most {MAX_INDICES} indices)"
            )
        size = self._exchangeable(live, powers)
        ds = [d for d, _, _ in live]
        total = sympy.S.Zero
        for blocks in _partitions(ds):
            at = {d: sympy.Integer(k + 1) for k, block in enumerate(blocks) for d in block}
            merged: dict = {}
            for a, k in powers.items():
                b = a.xreplace(at)
                merged[b] = merged.get(b, 0) + k
            total += sympy.ff(size, len(blocks)) * self.monomial_moment(merged)
        return coeff * total

    def _exchangeable(self, live, powers) -> sympy.Expr:
        """The common size n of the indices of a sum when the joint law of the entries summed
        over does not change under a permutation of 1..n; else NotCanonical."""
        ds = {d for d, _, _ in live}
        ranges = {(lo, hi) for _, lo, hi in live}
        if len(ranges) != 1:
            raise NotCanonical("the sums run over different ranges")
        ((lo, hi),) = ranges
        summed = [a for a in powers if a.free_symbols & ds]
        others = [a for a in powers if not a.free_symbols & ds]
        axes = _summed_axes(summed, ds)
        vectors = {self.facts.declaration(a) for a in summed}
        if lo != 1 or any(
            self.table.dim(v.shape[k]) != hi for v in vectors for k in axes.get(v.name, ())
        ):
            raise NotCanonical(
                f"a sum from {lo} to {hi} does not run over all the entries of "
                + ", ".join(f"`{v.name}`" for v in sorted(vectors, key=lambda v: v.name))
                + " along its summed axis"
            )
        if any("iid" not in v.qualifiers for v in vectors):
            name = next(v.name for v in vectors if "iid" not in v.qualifiers)
            raise NotCanonical(
                f"a sum over the entries of `{name}`, which is not declared `iid`: its entries "
                f"may have different laws"
            )
        if len(vectors) > 1 and any("independent" not in v.qualifiers for v in vectors):
            raise NotCanonical(
                "a sum over entries of several iid vectors that are not declared `independent` "
                "of each other"
            )
        for a in others:
            free = random_atoms(a, self.table) if not is_random_atom(a, self.table) else {a}
            for b in free:
                d = self.facts.declaration(b)
                if d in vectors or not (
                    self.facts.family(b) == "declared"
                    and all("independent" in v.qualifiers for v in vectors)
                ):
                    raise NotCanonical(
                        f"`{b}` stands beside a sum over entries of an iid vector and may depend "
                        f"on them"
                    )
        return hi

    def monomial_moment(self, powers: dict) -> sympy.Expr:
        """``E[prod(a ** k)]``, factored into independent groups, each a moment atom."""
        if not powers:
            return sympy.S.One
        bases: dict = {}  # random atom -> the factors of the monomial it is in
        for factor in powers:
            inside = {factor} if is_random_atom(factor, self.table) else None
            if inside is None:
                inside = random_atoms(factor, self.table)
            bases[factor] = inside
        atoms = sorted({a for s in bases.values() for a in s}, key=sympy.default_sort_key)
        parent = {a: a for a in atoms}

        def find(a):
            while parent[a] != a:
                a = parent[a]
            return a

        def union(a, b):
            parent[find(a)] = find(b)

        for s in bases.values():
            first, *rest = sorted(s, key=sympy.default_sort_key)
            for b in rest:
                union(first, b)
        for a, b in itertools.combinations(atoms, 2):
            if not self.facts.independent(a, b):
                union(a, b)
        groups: dict = {}
        for a in atoms:
            groups.setdefault(find(a), set()).add(a)
        parts = list(groups.values())
        if len(parts) > 1 and not self.facts.mutually_independent(parts):
            parts = [set(atoms)]
        value = sympy.S.One
        for part in parts:
            mono = sympy.Mul(*[f**k for f, k in powers.items() if bases[f] <= part])
            value *= Expectation(self._identical(mono, part))
        return value

    def _identical(self, mono: sympy.Expr, part: set) -> sympy.Expr:
        """One entry of an iid vector alone in its group has the law of the first entry."""
        entries = {a for a in part if isinstance(a, sympy.Indexed)}
        if len(part) == 1 and len(entries) == 1:
            (a,) = entries
            first = (sympy.S.One,) * len(a.indices)
            if "iid" in self.facts.declaration(a).qualifiers and a.indices != first:
                return mono.xreplace({a: a.base[first]})
        return mono


_MOMENT_TYPES = (Expectation, Variance, Covariance)


def _fresh(e: sympy.Expr) -> sympy.Expr:
    """``e`` with its summation variables renamed, so two copies of one sum do not share them;
    each sum renames only the variable it binds (inner sums first)."""
    if isinstance(e, sympy.Sum):
        body = _fresh(e.function)
        limits = []
        for var, lo, hi in e.limits:
            d = sympy.Dummy(var.name, integer=True)
            body = body.xreplace({var: d})
            limits.append((d, lo, hi))
        return sympy.Sum(body, *limits)
    if not e.args or not e.has(sympy.Sum):
        return e
    return e.func(*[_fresh(a) for a in e.args])


def _summed_axes(atoms: list, ds: set) -> dict[str, tuple[int, ...]]:
    """For each array summed over, the axes its entries hold summation indices in (``w_{ij}``
    summed over ``j``: axis 1). Every entry of one array must hold bare summation indices in the
    same axes and none elsewhere (``w_{ij} x_j``, not ``w_{j1} w_{1j}`` nor ``g_{t-i}``): then
    whether two entries are one depends only on which indices are equal, and the split of the
    sum by equal indices is exact for iid entries."""
    out: dict[str, tuple[int, ...]] = {}
    for a in atoms:
        if not isinstance(a, sympy.Indexed):
            raise NotCanonical(
                f"`{a}` depends on a summation index otherwise than as an entry `X_i`"
            )
        axes = []
        for k, ix in enumerate(a.indices):
            if ix in ds:
                axes.append(k)
            elif ix.free_symbols & ds:
                raise NotCanonical(
                    f"`{a}` depends on a summation index otherwise than as an entry `X_i`"
                )
        name = str(a.base.label)
        if out.setdefault(name, tuple(axes)) != tuple(axes):
            raise NotCanonical(f"the entries of `{name}` hold summation indices in different axes")
    return out


def _count(lo, hi) -> sympy.Expr:
    if lo != 1 or not (hi.is_integer and hi.is_nonnegative):
        raise NotCanonical(f"a sum from {lo} to {hi} of a term that does not depend on its index")
    return hi


def _partitions(items: list) -> list[list[list]]:
    """The set partitions of ``items`` (Bell(k) of them: 15 for four indices)."""
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    out = []
    for p in _partitions(rest):
        out.append([[first], *p])
        for k in range(len(p)):
            out.append([*p[:k], [first, *p[k]], *p[k + 1 :]])
    return out


# -- givens ------------------------------------------------------------------------------------
def moment_atoms(e: sympy.Basic) -> set:
    return {n for n in sympy.preorder_traversal(e) if isinstance(n, Expectation)}


def solve_for_moment(difference: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr] | None:
    """``(atom, value)`` with ``difference = 0`` solved for one moment atom that it holds
    linearly with a nonzero numeric coefficient (the highest moment first); None if none."""
    d = sympy.expand(difference)
    atoms = sorted(moment_atoms(d), key=lambda a: (-_degree(a), str(a)))
    for atom in atoms:
        poly = sympy.Poly(d, atom)
        if poly.degree() != 1:
            continue
        c1, c0 = poly.all_coeffs()
        if c1.is_Number and c1 != 0:
            return atom, sympy.expand(-c0 / c1)
    return None


def _degree(atom) -> int:
    try:
        return sympy.Poly(atom.args[0]).total_degree()
    except sympy.PolynomialError:
        return 0
