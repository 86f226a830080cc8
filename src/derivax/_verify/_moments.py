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
- identical distribution: a moment of one entry of an ``iid`` vector is that of ``X_1``;
- sums ``\sum_{i=1}^{n}`` over the entries of an ``iid`` vector: a product of sums is one sum over
  several indices, split by which indices are equal (``n (n - 1) \cdots`` tuples for each
  pattern), which is exact because the joint law of the entries does not change when the
  entries are permuted. A sum whose terms depend on the index otherwise (weights ``w_i``), over
  another range, or next to a variable that may depend on the entries is not rewritten.

Givens that are moment equations (``\mathbb{E}[\epsilon] = 0``, ``\operatorname{Var}(X) =
\sigma^2``) are rewritten too and solved for one moment, which is then substituted.

Nothing here evaluates a distribution; the refutation and the audit of a proof are done by
``_distributions``, which never uses these rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy

from .._random import Covariance, Expectation, Variance, _Moment, is_random_atom, random_atoms

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
            # two entries of one vector: independent when the indices surely differ
            ia, ib = a.indices, b.indices
            differ = all(x.is_Integer for x in ia + ib) and ia != ib
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
        if isinstance(expr, _Moment):
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

    @staticmethod
    def _bounded(out: list[Term]) -> None:
        if len(out) > MAX_TERMS:
            raise NotCanonical(f"the operand expands to more than {MAX_TERMS} terms")

    # -- the moment of one term ---------------------------------------------------------------
    def term_moment(self, t: Term) -> sympy.Expr:
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
        vectors, others = set(), []
        for a in powers:
            touched = a.free_symbols & ds
            if not touched:
                others.append(a)
                continue
            if not isinstance(a, sympy.Indexed) or len(a.indices) != 1 or a.indices[0] not in ds:
                raise NotCanonical(
                    f"`{a}` depends on a summation index otherwise than as an entry `X_i`"
                )
            vectors.add(self.facts.declaration(a))
        if lo != 1 or any(len(v.shape) != 1 or self.table.dim(v.shape[0]) != hi for v in vectors):
            raise NotCanonical(
                f"a sum from {lo} to {hi} does not run over all the entries of "
                + ", ".join(f"`{v.name}`" for v in vectors)
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
            if "iid" in self.facts.declaration(a).qualifiers and a.indices != (sympy.S.One,):
                return mono.xreplace({a: a.base[1]})
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


# -- the strategy ------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What the moment strategy found, as plain data (it travels back from a budgeted worker)."""

    status: str  # proved | refuted | plausible | unknown
    method: str = ""
    steps: list = field(default_factory=list)
    counterexample: dict | None = None
    reason: str = ""
    sides: dict | None = None
    samples: int = 0
    violation: float | None = None


#: candidate distributions tried for a counterexample, and for the audit of a proof
SEARCH, AUDIT = 60, 6


def decide(rel, givens, table, pairs=frozenset(), laws=(), seed: int = 0) -> Outcome:
    """Prove ``rel`` by moments, or refute it with a finite distribution, or say why neither."""
    from ._distributions import Builder
    from ._proof import _latex

    definitions, moment_givens, conditions = _sort_givens(givens, table)
    rel = _defined(rel, definitions)
    moment_givens = [_defined(g, definitions) for g in moment_givens]
    conditions = [_defined(g, definitions) for g in conditions]
    loose = random_atoms(sympy.Tuple(rel.lhs, rel.rhs), table)
    if loose:
        name = sorted(map(str, loose))[0]
        return Outcome(
            "unknown",
            reason=f"the claim holds the random variable `{name}` outside an expectation; "
            f"derivax compares moments (numbers), not values of random variables",
        )
    search = Search(
        rel, moment_givens, conditions, table, pairs, Builder(table, pairs, seed, laws), laws
    )
    proof = prove(rel, moment_givens, table, pairs, laws)
    if isinstance(proof, Outcome):
        steps = [rf"\text{{claim:}}\quad {_latex(rel)}", *proof.steps]
        undefined = _undefined_at(rel, conditions, table)
        if undefined is not None:
            return Outcome(
                "unknown",
                reason=f"the rewriting gives 0, but the claim has no value at {undefined} (a "
                f"division by zero there); give the sizes it is meant for (`n \\ge 2`) to prove it",
                steps=steps,
            )
        audit = search.run(AUDIT, stop_at_first=True)
        if audit.found is not None:
            return Outcome(
                "unknown",
                reason=f"a proof by moments was found but the distribution "
                f"{audit.found} violates the claim; this is a bug in a rule",
                steps=steps,
            )
        if audit.checked == 0:
            return Outcome(
                "unknown",
                reason="a proof by moments was found, but no finite distribution meeting the "
                "givens was built to audit it",
                steps=steps,
            )
        return Outcome(
            "proved",
            proof.method,
            steps,
            reason=f"audited on {audit.checked} {_candidates(audit)} meeting the givens",
        )
    found = search.run(SEARCH, stop_at_first=True)
    if found.found is not None:
        return Outcome(
            "refuted",
            (
                "the named laws at sampled parameters, integrated exactly by sympy.stats"
                if found.by_law
                else "a finite distribution meeting the declarations and givens, summed exactly"
            ),
            counterexample=found.found,
            reason=f"evaluated exactly on the distribution: left side {found.sides[0]}, "
            f"right side {found.sides[1]}",
            sides={"lhs": found.sides[0], "rhs": found.sides[1]},
            samples=found.tried,
            violation=found.violation,
        )
    if found.checked == 0:
        return Outcome(
            "unknown",
            reason=f"{proof}; and no finite distribution meeting the givens was found to test "
            f"the claim on",
            samples=found.tried,
        )
    return Outcome(
        "plausible",
        "no counterexample among finite distributions",
        reason=f"no proof by moments: {proof}; the claim held on {found.checked} "
        f"{_candidates(found)} meeting the declarations and givens",
        samples=found.checked,
    )


def _candidates(found) -> str:
    return "choices of the named laws' parameters" if found.by_law else "finite distributions"


def prove(rel, moment_givens, table, pairs, laws=()) -> Outcome | str:
    """A proof by moments (an ``Outcome`` with its steps), or why there is none."""
    from ._proof import _latex

    canon = Canonical(table, pairs)
    steps: list[str] = []
    try:
        lhs, rhs = canon.form(rel.lhs), canon.form(rel.rhs)
        differences = [canon.form(g.lhs) - canon.form(g.rhs) for g in moment_givens]
        solved: list[tuple[sympy.Expr, sympy.Expr]] = law_moments(
            [lhs, rhs, *differences], laws, table
        )
        for d in differences:
            for atom, value in solved:
                d = d.xreplace({atom: value})
            found = solve_for_moment(d)
            if found is not None:
                solved = [(a, sympy.expand(v.xreplace({found[0]: found[1]}))) for a, v in solved]
                solved.append(found)
    except NotCanonical as e:
        return f"the moments could not be rewritten ({e})"
    steps.append(rf"\text{{left side in moments:}}\quad {_latex(lhs)}")
    steps.append(rf"\text{{right side in moments:}}\quad {_latex(rhs)}")
    for atom, value in solved:
        steps.append(rf"\text{{by the givens:}}\quad {_latex(sympy.Eq(atom, value))}")
    if not solved and moment_givens:
        steps.append(r"\text{the givens fix no moment of the claim}")
    gap = lhs - rhs
    if isinstance(rel, (sympy.LessThan, sympy.StrictLessThan)):
        gap = -gap
    for atom, value in solved:
        gap = gap.xreplace({atom: value})
    gap = sympy.cancel(sympy.expand(gap))
    if isinstance(rel, sympy.Equality):
        if gap == 0:
            steps.append(r"\text{difference of the two sides:}\quad 0")
            return Outcome("proved", "moments", steps)
        return f"the difference of the two sides in moments is `{gap}`, not 0"
    strict = isinstance(rel, (sympy.StrictLessThan, sympy.StrictGreaterThan))
    if strict:
        return "a strict inequality between moments is not proved by moments"
    return _variance_bound(rel, gap, canon, steps, solved)


def _variance_bound(rel, gap, canon, steps, solved) -> Outcome | str:
    """``gap >= 0`` as ``c Var(Y) + r`` with ``c >= 0`` and ``r`` non-negative by SymPy's
    assumptions (squares, declared signs), for ``Y`` a variable or an operand of the claim."""
    from ._proof import _latex

    operands = {a for m in sympy.preorder_traversal(rel) if isinstance(m, _Moment) for a in m.args}
    candidates = sorted(
        operands | random_atoms_in_moments(rel, canon.table), key=sympy.default_sort_key
    )
    for y in candidates:
        var = sympy.expand(canon.form(Variance(y)))
        for atom, value in solved:
            var = var.xreplace({atom: value})
        if var == 0:
            continue
        c = sympy.cancel(sympy.expand(gap).coeff(_leading(var)) / _coefficient(var))
        if not (c.is_number and c.is_nonnegative):
            continue
        rest = sympy.cancel(sympy.expand(gap - c * var))
        if rest != 0 and not rest.is_nonnegative:
            rest = sympy.factor(rest)  # (E[Y] - t)^2 is non-negative once written as a square
        if rest == 0 or rest.is_nonnegative:
            steps.append(
                rf"\text{{the gap is}}\quad {_latex(c)} \operatorname{{Var}}\left({_latex(y)}\right)"
                + (rf" + {_latex(rest)}" if rest != 0 else "")
                + r" \ge 0"
            )
            return Outcome("proved", "moments: a variance is non-negative", steps)
    return "the gap in moments is not a non-negative multiple of a variance"


def _leading(expr):
    """The highest moment of a variance's form (``E[Y^2]``), by which it is matched."""
    return max(moment_atoms(expr), key=lambda a: (_degree(a), str(a)))


def _coefficient(var):
    return sympy.expand(var).coeff(_leading(var))


def random_atoms_in_moments(rel, table) -> set:
    out: set = set()
    for m in sympy.preorder_traversal(rel):
        if isinstance(m, _Moment):
            for a in m.args:
                out |= {x for x in sympy.preorder_traversal(a) if is_random_atom(x, table)}
    return out


def _sort_givens(givens, table):
    """(definitions, moment equations, other givens): a definition names one non-moment quantity
    (``\\bar{X} = \\frac{1}{n} \\sum_i X_i``)."""
    definitions, moments, others = [], [], []
    for g in givens:
        if isinstance(g, sympy.Equality) and (g.lhs.has(_Moment) or g.rhs.has(_Moment)):
            moments.append(g)
        elif isinstance(g, sympy.Equality) and isinstance(g.lhs, sympy.Symbol):
            definitions.append(g)
        else:
            others.append(g)
    return definitions, moments, others


def _defined(rel, definitions):
    for _ in range(len(definitions) + 1):
        new = rel.xreplace({d.lhs: d.rhs for d in definitions})
        if new == rel:
            break
        rel = new
    return rel


def _undefined_at(rel, conditions, table) -> str | None:
    """A size (1, 2 or 3) at which a denominator of the claim as written vanishes, unless a
    given excludes it."""
    dims = sorted(
        (s for s in rel.free_symbols if s.is_integer and s.is_positive), key=sympy.default_sort_key
    )
    dens = [
        n.exp < 0 and n.base
        for n in sympy.preorder_traversal(sympy.Tuple(rel.lhs, rel.rhs))
        if isinstance(n, sympy.Pow)
    ]
    for d in dims:
        for k in (1, 2, 3):
            if any(
                den is not False and den.has(d) and den.xreplace({d: k}) == 0 for den in dens
            ) and all(
                not (isinstance(c, sympy.core.relational.Relational) and c.has(d))
                or c.xreplace({d: k}) is not sympy.false
                for c in conditions
            ):
                return f"{d} = {k}"
    return None


def law_moments(forms, laws, table) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """``E[X^k]`` of each variable with a named law (``X \\sim \\mathcal{N}(\\mu, \\sigma^2)``) that
    the forms hold, from ``sympy.stats``."""
    from sympy.stats import moment

    out = []
    for name, family, args in laws:
        x = table.symbol(name)
        rv = stats_variable(family, args, name)
        for atom in sorted({a for f in forms for a in moment_atoms(f)}, key=sympy.default_sort_key):
            inner = atom.args[0]
            k = (
                sympy.S.One
                if inner == x
                else (inner.exp if isinstance(inner, sympy.Pow) and inner.base == x else None)
            )
            if k is not None and k.is_Integer and k > 0:
                out.append((atom, sympy.expand(moment(rv, int(k)))))
    return out


def stats_variable(family: str, args, name: str):
    """The ``sympy.stats`` random variable of a named law (the normal by mean and variance)."""
    from sympy import stats

    if family == "normal":
        mean, variance = args
        return stats.Normal(name, mean, sympy.sqrt(variance))
    if family == "bernoulli":
        return stats.Bernoulli(name, args[0])
    return stats.Poisson(name, args[0])


class Found:
    def __init__(self):
        self.found = None
        self.sides = ("", "")
        self.violation = None
        self.checked = 0
        self.tried = 0
        self.by_law = False  # the candidates were named laws integrated by sympy.stats


class Search:
    """Finite distributions meeting the declarations and givens, each checked against the claim
    by exact summation (``_distributions``)."""

    def __init__(self, rel, moment_givens, conditions, table, pairs, builder, laws=()):
        self.rel, self.givens, self.conditions = rel, moment_givens, conditions
        self.table, self.pairs, self.builder = table, pairs, builder
        self.laws = laws

    def run(self, count: int, stop_at_first: bool) -> Found:
        from ._distributions import Evaluator, StatsEvaluator, concrete, holds

        out = Found()
        continuous = [law for law in self.laws if law[1] != "bernoulli"]
        law_args = [a for _, _, args in self.laws for a in args]
        everything = sympy.Tuple(self.rel, *self.givens, *self.conditions, *law_args)
        dims = {s for s in everything.free_symbols if s.is_integer and s.is_positive}
        indices = {
            s for s in everything.free_symbols if s.is_integer and not s.is_positive
        } - _bound(everything)
        others = (
            {
                s
                for s in everything.free_symbols
                if isinstance(s, sympy.Symbol)
                and s not in dims
                and s not in indices
                and not self.table.declaration(s.name).is_random
            }
            - _bound(everything)
            - _labels(everything)
        )
        if continuous and not self._stats_apply(everything):
            return out
        out.by_law = bool(continuous)
        for k in range(count if not continuous else min(count, 12)):
            out.tried += 1
            params = self.builder.parameters(others, dims, indices)
            params.update(self.builder.entries(everything, params))
            ev: Evaluator | StatsEvaluator
            if continuous:
                # a law with no finite support: sympy.stats integrates (independent variables)
                cand = self.builder.stats_candidate(params)
                if cand is None:
                    continue
                ev = StatsEvaluator(cand.variables)
            else:
                atoms = set()
                for r in (self.rel, *self.givens, *self.conditions):
                    for side in (r.lhs, r.rhs):
                        atoms |= _atoms_inside(concrete(side, params), self.table)
                cand = self.builder.candidate(atoms, params, coupled=k % 2 == 1)
                if cand is None or not self.builder.meet(cand, self.givens, others):
                    continue
                if not _supports_fit(cand, self.table):
                    continue
                ev = Evaluator(cand.space())
            if not all(holds(g, ev, cand.params)[0] for g in (*self.givens, *self.conditions)):
                continue
            ok, lhs, rhs = holds(self.rel, ev, cand.params)
            if ok is None:
                continue
            out.checked += 1
            if not ok:
                out.found = cand.describe()
                out.sides = (
                    sympy.sstr(ev.value(concrete(self.rel.lhs, cand.params))),
                    sympy.sstr(ev.value(concrete(self.rel.rhs, cand.params))),
                )
                out.violation = float(abs(lhs - rhs))
                if stop_at_first:
                    return out
        return out

    def _stats_apply(self, everything) -> bool:
        """Whether every random variable of the claim has a named law and they are independent
        (mutually, by declaration, or the two of a given ``X \\perp Y``)."""
        atoms = _atoms_inside(everything, self.table)
        named = {self.table.symbol(name) for name, *_ in self.laws}
        if not atoms <= named:
            return False
        facts = Independence(self.table, self.pairs)
        return len(atoms) <= 1 or facts.mutually_independent([{a} for a in atoms])


def _labels(e) -> set:
    """The names of the arrays whose entries ``e`` holds (``w`` of ``w_i``): no scalars."""
    return {n.base.label for n in sympy.preorder_traversal(e) if isinstance(n, sympy.Indexed)}


def _bound(e) -> set:
    return {
        v for n in sympy.preorder_traversal(e) if isinstance(n, sympy.Sum) for v, *_ in n.limits
    }


def _atoms_inside(e, table) -> set:
    out: set = set()
    for m in sympy.preorder_traversal(e):
        if isinstance(m, _Moment):
            for a in m.args:
                out |= {x for x in sympy.preorder_traversal(a) if is_random_atom(x, table)}
    return out


def _supports_fit(cand, table) -> bool:
    """Every value a variable takes lies in its declared domain (a shift may leave it)."""
    for f in cand.factors:
        for _, values in f.outcomes:
            for a, v in values.items():
                name = str(a.base.label) if isinstance(a, sympy.Indexed) else a.name
                q = table.declaration(name).qualifiers
                if "positive" in q and not v.is_positive:
                    return False
                if "nonnegative" in q and not v.is_nonnegative:
                    return False
                if "unit" in q and not (v.is_nonnegative and (1 - v).is_nonnegative):
                    return False
    return True
