r"""Finite distributions for claims about moments: counterexamples and audits.

A candidate is a finite joint distribution of the random variables of a claim, consistent with the
symbol table: each variable declared ``independent`` on a small support of its own, the entries
of an ``iid`` vector as independent copies of one law, variables with no independence declared
either on supports of their own or as functions of one shared outcome (so that they can depend
on each other), and the non-random scalars at sampled values of their domains. Givens that are
moment equations are met exactly: by solving for a parameter they name (``\sigma`` in
``\operatorname{Var}(X) = \sigma^2``) or by shifting and scaling the support of the variable they
are about; every given is then evaluated and a candidate that misses one is dropped.

Both sides are evaluated exactly by summing over the sample space, from the definitions
(``\operatorname{Var}(Y) = \mathbb{E}[(Y - \mathbb{E}[Y])^2]``); nothing here uses the
rewriting of ``_moments``, so it is an independent check of it.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from typing import Any

import sympy

from .._random import Covariance, Expectation, Moment, Variance, random_atoms
from ..symbols import plain

#: the most outcomes a candidate's sample space may have
MAX_OUTCOMES = 250
#: differences below this (at 60 digits) are ties: neither a violation nor a confirmation
TIE = sympy.Float("1e-30", 60)


@dataclass
class Factor:
    """One independent source of randomness: outcomes ``(probability, {variable: value})``."""

    outcomes: list
    label: str


@dataclass
class Candidate:
    factors: list
    params: dict  # non-random symbol -> exact value
    notes: dict = field(default_factory=dict)

    def space(self):
        """The joint outcomes: ``(probability, {variable: value})``."""
        out = []
        for combo in itertools.product(*(f.outcomes for f in self.factors)):
            p, values = sympy.S.One, {}
            for q, v in combo:
                p *= q
                values.update(v)
            out.append((p, values))
        return out

    def size(self) -> int:
        n = 1
        for f in self.factors:
            n *= len(f.outcomes)
        return n

    def describe(self) -> dict[str, Any]:
        """The distribution, JSON-friendly: one entry per factor, the parameters, and the joint
        outcomes with their probabilities (``outcomes``), exact values as strings."""
        out: dict[str, Any] = {}
        for f in self.factors:
            out[f.label] = _law(f)
        for s, v in self.params.items():
            out[_name(s)] = _json_number(v)
        out["outcomes"] = [
            {
                "p": str(p),
                **{_name(a): _json_number(x) for a, x in sorted(values.items(), key=_key)},
            }
            for p, values in self.space()
        ]
        return out


def _key(item):
    return sympy.default_sort_key(item[0])


def _name(atom) -> str:
    if isinstance(atom, sympy.Indexed):
        # X_1 for an entry of a vector, W_{1,2} for one of a matrix
        ix = [str(i) for i in atom.indices]
        return f"{plain(str(atom.base.label))}_" + (
            ix[0] if len(ix) == 1 else f"{{{','.join(ix)}}}"
        )
    return plain(atom.name)


def _json_number(v):
    v = sympy.nsimplify(v) if isinstance(v, sympy.Float) else v
    if isinstance(v, sympy.Integer):
        return int(v)
    return str(v)


def _law(f: Factor) -> str:
    """``uniform on {0, 1, 3}`` or ``P(X = 0) = 1/4, P(X = 1) = 3/4``; several variables of one
    outcome as tuples, ``P((X, Y) = (0, 1)) = 1/2, ...``."""
    atoms = sorted({a for _, v in f.outcomes for a in v}, key=sympy.default_sort_key)
    if len(atoms) == 1:
        what = _name(atoms[0])
        points = [sympy.sstr(v[atoms[0]]) for _, v in f.outcomes]
    else:
        what = "(" + ", ".join(_name(a) for a in atoms) + ")"
        points = ["(" + ", ".join(sympy.sstr(v[a]) for a in atoms) + ")" for _, v in f.outcomes]
    probs = {p for p, _ in f.outcomes}
    if len(points) == 1:
        return f"constant {points[0]}"
    if len(probs) == 1:
        return "uniform on {" + ", ".join(points) + "}"
    return ", ".join(
        f"P({what} = {pt}) = {p}" for (p, _), pt in zip(f.outcomes, points, strict=True)
    )


# -- exact evaluation --------------------------------------------------------------------------
class Evaluator:
    """Exact values of expressions with moments on one candidate's sample space."""

    def __init__(self, space):
        self.space = space
        self.memo: dict = {}

    def value(self, e: sympy.Basic, omega: dict | None = None) -> sympy.Expr:
        reps = {m: self.moment(m) for m in _outermost_moments(e)}
        e = e.xreplace(reps)
        return e.xreplace(omega) if omega else e

    def mean(self, y: sympy.Expr) -> sympy.Expr:
        return sympy.Add(*[p * self.value(y, omega) for p, omega in self.space])

    def moment(self, m: Moment) -> sympy.Expr:
        if m in self.memo:
            return self.memo[m]
        if isinstance(m, Expectation):
            v = self.mean(m.args[0])
        elif isinstance(m, Variance):
            y = m.args[0]
            mu = self.mean(y)
            v = sympy.Add(*[p * (self.value(y, omega) - mu) ** 2 for p, omega in self.space])
        elif isinstance(m, Covariance):
            y, z = m.args
            my, mz = self.mean(y), self.mean(z)
            v = sympy.Add(
                *[
                    p * (self.value(y, omega) - my) * (self.value(z, omega) - mz)
                    for p, omega in self.space
                ]
            )
        else:  # pragma: no cover - the three kinds above are all there are
            raise TypeError(m)
        v = sympy.nsimplify(v) if v.has(sympy.Float) else v
        self.memo[m] = v
        return v


def _outermost_moments(e: sympy.Basic) -> list:
    if isinstance(e, Moment):
        return [e]
    return [m for a in e.args for m in _outermost_moments(a)]


def concrete(e: sympy.Basic, params: dict) -> sympy.Basic:
    """``e`` at the parameters' values, with its sums written out term by term."""
    e = e.xreplace(params)
    e = e.replace(lambda x: isinstance(x, sympy.Sum), lambda x: x.doit())
    return e.xreplace(params)  # the entries (w_1, w_2) the sums wrote out


def numeric(v: sympy.Expr):
    """``v`` at 60 digits, or None where it has no finite real value."""
    try:
        x = sympy.N(v, 60)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if x.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not x.is_real:
        return None
    if not x.is_number:
        return None
    return x


def holds(rel: sympy.Basic, ev: Evaluator, params: dict):
    """``(verdict, lhs, rhs)``: whether ``rel`` holds on the candidate, True, False, or None (no
    value, or a difference too small to tell from 0 at 60 digits that is not exactly 0)."""
    exact_l = ev.value(concrete(rel.lhs, params))
    exact_r = ev.value(concrete(rel.rhs, params))
    lhs, rhs = numeric(exact_l), numeric(exact_r)
    if lhs is None or rhs is None:
        return None, lhs, rhs
    strict = isinstance(rel, (sympy.StrictLessThan, sympy.StrictGreaterThan))
    difference = exact_l - exact_r
    if difference.is_Rational:  # exactly known: a tie is a tie
        if isinstance(rel, sympy.Equality):
            return difference == 0, lhs, rhs
        if difference == 0:
            return not strict, lhs, rhs
    gap = lhs - rhs
    if abs(gap) < TIE:
        # equal to 60 digits but not seen to be exactly equal: no decision either way
        return (True if isinstance(rel, sympy.Equality) or not strict else None), lhs, rhs
    if isinstance(rel, sympy.Equality):
        return (None if abs(gap) < TIE * 10**10 else False), lhs, rhs
    if isinstance(rel, (sympy.GreaterThan, sympy.StrictGreaterThan)):
        return bool(gap > 0), lhs, rhs
    return bool(gap < 0), lhs, rhs


@dataclass
class StatsCandidate:
    """Variables with named laws (``sympy.stats``), independent, at parameter values."""

    variables: dict
    params: dict
    laws: dict

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.laws)
        for s, v in self.params.items():
            out[_name(s)] = _json_number(v)
        return out


class StatsEvaluator(Evaluator):
    """Moments of variables with named laws, integrated by ``sympy.stats`` from the definitions."""

    def __init__(self, variables):
        super().__init__([])
        self.variables = variables

    def moment(self, m: Moment) -> sympy.Expr:
        from sympy import stats

        if m in self.memo:
            return self.memo[m]
        args = [self.value(a).xreplace(self.variables) for a in m.args]
        if isinstance(m, Expectation):
            v = stats.E(args[0])
        elif isinstance(m, Variance):
            v = stats.E((args[0] - stats.E(args[0])) ** 2)
        else:
            v = stats.E((args[0] - stats.E(args[0])) * (args[1] - stats.E(args[1])))
        self.memo[m] = v = sympy.simplify(v)
        return v


# -- building candidates -----------------------------------------------------------------------
_VALUES = {
    "any": [-3, -2, -1, 0, 1, 2, 3, 5],
    "positive": [1, 2, 3, 4, 6],
    "nonnegative": [0, 1, 2, 3, 5],
    "unit": [0, sympy.Rational(1, 4), sympy.Rational(1, 2), 1],
}


def _number(v) -> sympy.Rational:
    """A value of the pools below (an int or an exact Rational) as a SymPy number; nothing
    here is ever a string."""
    return sympy.Rational(v)


_PARAMS = {
    "any": [-2, -1, sympy.Rational(-1, 2), 0, sympy.Rational(1, 2), 1, 2, 3],
    "positive": [sympy.Rational(1, 2), 1, 2, 3],
    "nonnegative": [0, sympy.Rational(1, 2), 1, 2],
    "unit": [0, sympy.Rational(1, 4), sympy.Rational(1, 2), 1],
    "integer": [-2, -1, 0, 1, 2, 3],
    "positive integer": [1, 2, 3],
    "nonnegative integer": [0, 1, 2, 3],
}


def _domain(q) -> str:
    if "integer" in q and "positive" in q:
        return "positive integer"
    if "integer" in q and "nonnegative" in q:
        return "nonnegative integer"
    for k in ("positive", "nonnegative", "unit", "integer"):
        if k in q:
            return k
    return "any"


def _marginal(rng: random.Random, quals, size: int):
    pool = _VALUES.get(_domain(quals), _VALUES["any"])
    values = rng.sample(pool, min(size, len(pool)))
    if rng.random() < 0.5:
        probs = [sympy.Rational(1, len(values))] * len(values)
    else:
        weights = [rng.randint(1, 4) for _ in values]
        probs = [sympy.Rational(w, sum(weights)) for w in weights]
    return [(p, _number(v)) for p, v in zip(probs, values, strict=True)]


class Builder:
    """Random candidates for one claim: its random variables, parameters and givens."""

    def __init__(self, table, pairs, seed: int = 0, laws=()):
        self.table = table
        self.pairs = pairs
        self.rng = random.Random(seed)
        self.laws = {table.symbol(name): (family, args) for name, family, args in laws}

    def stats_candidate(self, params) -> StatsCandidate | None:
        """The variables with named laws at the parameters' values, as ``sympy.stats`` variables."""
        variables, described = {}, {}
        for x, (family, args) in self.laws.items():
            values = [concrete(a, params) for a in args]
            if not all(v.is_number and v.is_real for v in values):
                return None
            if family == "normal" and not values[1].is_positive:
                return None
            if family == "poisson" and not values[0].is_positive:
                return None
            if family == "bernoulli" and not (0 <= values[0] <= 1):
                return None
            variables[x] = stats_variable(family, values, x.name)
            described[plain(x.name)] = f"{family}({', '.join(sympy.sstr(v) for v in values)})"
        return StatsCandidate(variables, dict(params), described)

    def parameters(self, symbols, dims, indices) -> dict:
        params: dict = {}
        for d in sorted(dims, key=str):
            params[d] = sympy.Integer(self.rng.choice([1, 2, 2, 3]))
        for s in sorted(symbols, key=str):
            q = self.table.declaration(s.name).qualifiers
            params[s] = _number(self.rng.choice(_PARAMS[_domain(q)]))
        for i in sorted(indices, key=str):
            params[i] = sympy.Integer(1)
        return params

    def entries(self, e, params) -> dict:
        """Values for the entries of non-random vectors (weights ``w_i``) at the sizes in
        ``params``, from their declared domains."""
        out: dict = {}
        for x in sympy.preorder_traversal(concrete(e, params)):
            if (
                isinstance(x, sympy.Indexed)
                and isinstance(x.base.label, sympy.Symbol)
                and x not in out
            ):
                d = self.table.declaration(x.base.label.name)
                if not d.is_random and all(i.is_Integer for i in x.indices):
                    out[x] = _number(self.rng.choice(_PARAMS[_domain(d.qualifiers)]))
        return out

    def candidate(self, atoms, params, coupled: bool) -> Candidate | None:
        """Factors for the random variables ``atoms`` (symbols and concrete entries)."""
        rng = self.rng
        factors: list[Factor] = []
        shared: list = []
        vectors: dict = {}
        for a in sorted(atoms, key=sympy.default_sort_key):
            if isinstance(a, sympy.Indexed):
                vectors.setdefault(str(a.base.label), []).append(a)
                continue
            d = self.table.declaration(a.name)
            if a in self.laws:  # Bernoulli(p): its own law, on {0, 1}
                p = concrete(self.laws[a][1][0], params)
                if not (p.is_number and p.is_real and 0 <= p <= 1):
                    return None
                factors.append(
                    Factor([(1 - p, {a: sympy.S.Zero}), (p, {a: sympy.S.One})], plain(d.name))
                )
                continue
            paired = any(d.name in pair for pair in self.pairs)
            if coupled and "independent" not in d.qualifiers and not paired:
                shared.append(a)
                continue
            # now and then a constant: the degenerate law refutes strict bounds (Var(X) > 0)
            size = rng.choice([1, 2, 2, 3, 3])
            law = _marginal(rng, d.qualifiers, size)
            factors.append(Factor([(p, {a: v}) for p, v in law], plain(d.name)))
        for name, entries in vectors.items():
            d = self.table.declaration(name)
            if "iid" in d.qualifiers:
                law = _marginal(rng, d.qualifiers, rng.choice([2, 2, 3]))
                for a in entries:
                    factors.append(Factor([(p, {a: v}) for p, v in law], _name(a)))
                continue
            for a in entries:
                if coupled and "independent" not in d.qualifiers:
                    shared.append(a)
                    continue
                law = _marginal(rng, d.qualifiers, rng.choice([2, 3]))
                factors.append(Factor([(p, {a: v}) for p, v in law], _name(a)))
        if shared:
            points = rng.choice([2, 3])
            probs = _marginal(rng, frozenset(), points)
            # the variables with no independence declared may also depend on one that has it:
            # they are then functions of its outcome too (its own law, and its independence
            # of the others, stay as they were)
            host = rng.choice(factors) if factors and rng.random() < 0.5 else None
            rows = []
            for q, fixed in host.outcomes if host is not None else [(sympy.S.One, {})]:
                for p, _ in probs:
                    row = dict(fixed)
                    for a in shared:
                        name = str(a.base.label) if isinstance(a, sympy.Indexed) else a.name
                        pool = _VALUES[_domain(self.table.declaration(name).qualifiers)]
                        row[a] = _number(rng.choice(pool))
                    rows.append((q * p, row))
            together = [
                *(sorted(host.outcomes[0][1], key=sympy.default_sort_key) if host else []),
                *shared,
            ]
            if host is not None:
                factors.remove(host)
            label = "(" + ", ".join(_name(a) for a in together) + ")"
            factors.append(Factor(rows, label if len(together) > 1 else label[1:-1]))
        cand = Candidate(factors, dict(params))
        return cand if cand.size() <= MAX_OUTCOMES else None

    # -- meeting the givens --------------------------------------------------------------------
    def meet(self, cand: Candidate, moment_givens, solvable) -> bool:
        """Adjust ``cand`` so that each moment given holds: solve for a parameter it names that
        no earlier given fixed, else shift (an expectation) or scale (a variance) the support of
        the one variable it is about. Whether it then holds is checked by the caller."""
        fixed: set = set()
        for g in moment_givens:
            free = [s for s in sorted(g.free_symbols & solvable, key=str) if s not in fixed]
            free = [s for s in free if not random_atoms(s, self.table)]
            if free:
                p = free[0]
                rest = {k: v for k, v in cand.params.items() if k != p}
                ev = Evaluator(cand.space())
                eq = ev.value(concrete(g.lhs, rest)) - ev.value(concrete(g.rhs, rest))
                if eq.free_symbols - {p}:
                    return False
                roots = [r for r in sympy.solve(eq, p) if _fits(r, p)]
                if not roots:
                    return False
                cand.params[p] = min(roots, key=lambda r: (not r.is_Rational, abs(sympy.N(r))))
                fixed.add(p)
                continue
            if not self._adjust(cand, g):
                return False
        return True

    def _adjust(self, cand: Candidate, g) -> bool:
        lhs, rhs = (g.lhs, g.rhs) if isinstance(g.lhs, Moment) else (g.rhs, g.lhs)
        if not isinstance(lhs, (Expectation, Variance)) or rhs.has(Moment):
            return False
        target = concrete(rhs, cand.params)
        (y,) = lhs.args
        y = concrete(y, cand.params)
        atoms = random_atoms(y, self.table)
        if len(atoms) != 1 or y not in atoms:
            return False
        (a,) = atoms
        ev = Evaluator(cand.space())
        mean = ev.mean(y)
        if isinstance(lhs, Expectation):
            move = lambda v: v + (target - mean)  # noqa: E731
        else:
            var = ev.moment(Variance(y))
            if var == 0 or not (target.is_number and target >= 0):
                return False
            scale = sympy.sqrt(target / var)
            move = lambda v: mean + scale * (v - mean)  # noqa: E731
        same = [a]
        if (
            isinstance(a, sympy.Indexed)
            and "iid" in self.table.declaration(str(a.base.label)).qualifiers
        ):
            # identical laws stay identical: every entry of the vector moves alike
            same = [
                b for f in cand.factors for _, v in f.outcomes for b in v if _base(b) == _base(a)
            ]
        for f in cand.factors:
            f.outcomes = [
                (p, {b: (sympy.nsimplify(move(x)) if b in same else x) for b, x in v.items()})
                for p, v in f.outcomes
            ]
        return True


def _base(a):
    return str(a.base.label) if isinstance(a, sympy.Indexed) else a.name


def _fits(r, p) -> bool:
    if not r.is_real:
        return False
    if p.is_positive and not r.is_positive:
        return False
    if p.is_nonnegative and not r.is_nonnegative:
        return False
    return not (p.is_integer and not r.is_integer)


def stats_variable(family: str, args, name: str):
    """The ``sympy.stats`` random variable of a named law (the normal by mean and variance)."""
    from sympy import stats

    if family == "normal":
        mean, variance = args
        return stats.Normal(name, mean, sympy.sqrt(variance))
    if family == "bernoulli":
        return stats.Bernoulli(name, args[0])
    return stats.Poisson(name, args[0])
