r"""The strategy for claims about moments: prove by rewriting (``_moments``), audit and refute
on finite distributions or named laws (``_distributions``), with the givens about random
variables that are no equations (``X \perp Y``, ``X \sim \mathcal{N}(\mu, \sigma^2)``) as
``derivax._reading`` read them.

``decide`` runs in a budgeted worker and answers with an ``Outcome`` (plain data): ``proved``
(the rewriting gives 0 or a non-negative multiple of a variance, and no candidate distribution
violates the claim), ``refuted`` (a candidate violates it, evaluated exactly from the
definitions), ``plausible`` (candidates were tried and none violates it) or ``unknown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .._random import Moment, Variance, is_random_atom, random_atoms
from ._moments import (
    Canonical,
    Independence,
    NotCanonical,
    _degree,
    moment_atoms,
    solve_for_moment,
)


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

    operands = {a for m in sympy.preorder_traversal(rel) if isinstance(m, Moment) for a in m.args}
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
        if isinstance(m, Moment):
            for a in m.args:
                out |= {x for x in sympy.preorder_traversal(a) if is_random_atom(x, table)}
    return out


def _sort_givens(givens, table):
    """(definitions, moment equations, other givens): a definition names one non-moment quantity
    (``\\bar{X} = \\frac{1}{n} \\sum_i X_i``)."""
    definitions, moments, others = [], [], []
    for g in givens:
        if isinstance(g, sympy.Equality) and (g.lhs.has(Moment) or g.rhs.has(Moment)):
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
        n.exp.is_negative is True and n.base
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

    from ._distributions import stats_variable

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
        if isinstance(m, Moment):
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
