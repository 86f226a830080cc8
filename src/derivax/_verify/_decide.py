r"""A decision procedure for the polynomial real arithmetic a claim reduces to: Z3's nonlinear
real arithmetic (nlsat), on an abstraction of the gap ``G`` in which every non-polynomial atom is
a fresh real variable constrained by facts that hold for it:

- declared domains and given bounds (``a > 0``, ``u \in [0, 1]``) where they are rational;
- ``\sqrt{t}``: ``s \ge 0``, ``s^2 = t``; ``t^{1/k}`` likewise;
- ``e^{t}``: ``E > 0``, ``E \ge 1 + t`` (the lemma ``e^t \ge 1 + t``);
- ``\log t``: ``t > 0``, ``L \le t - 1`` and ``t L \ge t - 1`` (``1 - 1/t \le \log t \le t - 1``);
  where ``t = e^{u} + r`` with ``r \ge 0`` on the domain, ``L \ge u`` (the logarithm is
  increasing: ``\log(1 + e^{x}) \ge x``), ``L > u`` where ``r > 0``;
- ``\sigma(t) \in (0, 1)``, ``\tanh t \in (-1, 1)``, ``\cosh t \ge 1``, ``|t|``, ``\max``,
  ``\min``, ``\operatorname{ReLU}(t) = \max(0, t)`` (each equal to one of its arguments);
- inner products of column vectors written in matrix form (``x^\top y``, ``\|x + y\|``), on a
  second attempt: each ``\operatorname{tr}(a^\top b)`` with a, b linear combinations of declared
  vectors is written bilinearly in the Gram entries ``x^\top y`` of the vectors, and every pair
  a, b of the combinations that occur gets ``(a^\top b)^2 \le \|a\|^2 \|b\|^2`` (Cauchy-Schwarz),
  which gives the triangle inequality;
- sums over one range: ``(\sum_i f_i g_i)^2 \le (\sum_i f_i^2)(\sum_i g_i^2)`` (Cauchy-Schwarz,
  vectors of any length), ``\sum_i f_i^2 \ge 0``; a sum of non-negative terms is at least each
  of its terms (``\sum_{j=1}^{n} e^{z_j} \ge e^{z_k}`` for a free index k in 1..n).

``G \ge 0`` is proved when ``facts \wedge G < 0`` is unsatisfiable. Every fact is a true statement
about the atom it constrains, so a proof of the abstraction is a proof of the claim; and like
every proof it is audited afterwards. Constants stay exact (Z3 rationals).
"""

from __future__ import annotations

import sympy

from .._errors import DerivaxError
from ._domain import Domain


class _Untranslatable(Exception):
    pass


class Abstraction:
    """Z3 terms for SymPy expressions, with the facts about each fresh atom."""

    def __init__(self, dom: Domain, gram: bool = False):
        import z3

        self.z3 = z3
        self.dom = dom
        self.atoms: dict = {}
        self.facts: list = []
        self.lemmas: dict[str, list] = {}  # lemma -> the facts that state it
        self.gram = gram  # inner products of vectors in their Gram entries (``vector_gram``)
        self.vectors: list = []  # the combinations (dicts vector -> coefficient) that occurred

    def lemma(self, name: str, *facts) -> None:
        """Facts that a named lemma states; the proof names only the lemmas it used."""
        self.lemmas.setdefault(name, []).extend(facts)

    def fresh(self, e):
        if e in self.atoms:
            return self.atoms[e], False
        v = self.z3.Real(f"v{len(self.atoms)}")
        self.atoms[e] = v
        return v, True

    def bound(self, e, v):
        lo, hi = self.dom.bounds(e)
        if lo.is_Rational:
            self.facts.append(v >= self.num(lo))
        if hi.is_Rational:
            self.facts.append(v <= self.num(hi))
        if self.dom.positive(e) and not (lo.is_Rational and lo > 0):
            self.facts.append(v > 0)

    def num(self, r):
        return self.z3.RealVal(f"{r.p}/{r.q}") if r.q != 1 else self.z3.RealVal(str(r.p))

    def term(self, e):
        z3 = self.z3
        if e.is_Rational:
            return self.num(e)
        if isinstance(e, sympy.Add):
            return z3.Sum([self.term(a) for a in e.args])
        if isinstance(e, sympy.Mul):
            out = self.term(e.args[0])
            for a in e.args[1:]:
                out = out * self.term(a)
            return out
        if isinstance(e, sympy.Pow) and e.exp.is_Integer:
            k = int(e.exp)
            if abs(k) > 12:
                raise _Untranslatable("a high power")
            base = self.term(e.base)
            p = base
            for _ in range(abs(k) - 1):
                p = p * base
            if k > 0:
                return p
            if k == 0:
                return z3.RealVal(1)
            self.facts.append(base != 0)  # where the claim is defined
            return 1 / p
        if isinstance(e, sympy.Pow) and e.exp.is_Rational and e.exp.q <= 4:
            # t^{p/q}: r >= 0 with r^q = t, then r^p. For an even q, t >= 0 is where the claim
            # has a real value; for an odd q the real root of a negative t is negative, so the
            # facts hold only where the domain makes t nonnegative (x^{1/3} >= 0 is false at -8)
            root_of = e.base
            if e.exp.q % 2 == 1 and not self.dom.nonnegative(root_of):
                raise _Untranslatable("an odd root of a number that may be negative")
            r, new = self.fresh(sympy.Pow(root_of, sympy.Rational(1, e.exp.q)))
            if new:
                t = self.term(root_of)
                pw = r
                for _ in range(e.exp.q - 1):
                    pw = pw * r
                self.facts += [r >= 0, pw == t, t >= 0]
            k = int(e.exp.p)
            if abs(k) > 12:
                raise _Untranslatable("a high power")
            out = r
            for _ in range(abs(k) - 1):
                out = out * r
            if k < 0:
                self.facts.append(r != 0)
                return 1 / out
            return out
        if isinstance(e, sympy.Pow) and e.base is sympy.E:
            return self.term(sympy.exp(e.exp))
        if self.gram and isinstance(e, sympy.Trace):
            parts = [inner_product(m) for m in sympy.MatAdd.make_args(e.arg)]
            if parts and all(p is not None for p in parts):
                return z3.Sum([self.inner(*p) for p in parts])
        return self.opaque(e)

    def inner(self, a: dict, b: dict):
        """``a^T b`` for combinations of vectors, bilinear in the Gram entries ``u^T v``."""
        for c in (a, b):
            if c not in self.vectors:
                self.vectors.append(c)
        z3 = self.z3
        out = []
        for u, cu in a.items():
            for v, cv in b.items():
                out.append(self.term(cu * cv) * self.gram_entry(u, v))
        return z3.Sum(out) if out else z3.RealVal(0)

    def gram_entry(self, u, v):
        key = ("gram", *sorted((u.name, v.name)))
        if key in self.atoms:
            return self.atoms[key]
        g = self.z3.Real(f"g{len(self.atoms)}")
        self.atoms[key] = g
        if u == v:
            self.facts.append(g >= 0)
        return g

    def vector_cauchy_schwarz(self):
        r"""``(a^\top b)^2 \le \|a\|^2 \|b\|^2`` for every pair of the combinations of vectors
        that occur (each pair a lemma of its own, so the proof names the pairs it used). Side
        conditions: a and b are column vectors of one size (the product is then defined); the
        bound holds for every size, n = 1 included, and for a = b (with equality)."""
        vs = self.vectors[:8]  # 28 pairs at most: beyond that nlsat is hopeless anyway
        for k, a in enumerate(vs):
            for b in vs[k + 1 :]:
                ab, aa, bb = self.inner(a, b), self.inner(a, a), self.inner(b, b)
                name = (
                    rf"\text{{Cauchy-Schwarz }} ({_show_vector(a)})^\top ({_show_vector(b)}) "
                    rf"\le \|{_show_vector(a)}\| \|{_show_vector(b)}\|"
                )
                self.lemma(name, ab * ab <= aa * bb)

    def opaque(self, e):
        z3 = self.z3
        from .. import _functions as F

        v, new = self.fresh(e)
        if not new:
            return v
        if isinstance(e, sympy.exp):
            t = self.term(e.args[0])
            self.facts.append(v > 0)
            self.lemma(r"e^t \ge 1 + t", v >= 1 + t)
        elif isinstance(e, sympy.log):
            t = self.term(e.args[0])
            self.facts.append(t > 0)
            self.lemma(r"1 - 1/t \le \log t \le t - 1", v <= t - 1, t * v >= t - 1)
            self.log_of_exp(e.args[0], v)
        elif isinstance(e, F.relu):
            t = self.term(e.args[0])
            self.facts += [v >= 0, v >= t, z3.Or(v == 0, v == t)]
        elif isinstance(e, F.sigmoid):
            self.facts += [v > 0, v < 1]
        elif isinstance(e, sympy.tanh):
            t = self.term(e.args[0])
            self.facts += [v > -1, v < 1, v * t >= 0]
        elif isinstance(e, sympy.cosh):
            self.facts += [v >= 1]
        elif isinstance(e, sympy.sinh):
            t = self.term(e.args[0])
            self.facts += [v * t >= 0]
        elif isinstance(e, sympy.Abs):
            t = self.term(e.args[0])
            self.facts += [v >= 0, v >= t, v >= -t, z3.Or(v == t, v == -t)]
        elif isinstance(e, sympy.Max):
            ts = [self.term(a) for a in e.args]
            self.facts += [v >= t for t in ts] + [z3.Or(*[v == t for t in ts])]
        elif isinstance(e, sympy.Min):
            ts = [self.term(a) for a in e.args]
            self.facts += [v <= t for t in ts] + [z3.Or(*[v == t for t in ts])]
        elif (
            isinstance(e, (sympy.Symbol, sympy.Indexed, sympy.Sum))
            or e.is_number
            or e.__class__.__name__ in ("MatrixElement", "Trace")
        ):
            if e.is_number and not e.is_real:
                raise _Untranslatable("a complex constant")
            if e.is_number:
                s = sympy.sign(e)
                if s in (1, -1):
                    self.facts.append(v > 0 if s == 1 else v < 0)
            self.bound(e, v)
        else:
            raise _Untranslatable(type(e).__name__)
        return v

    def log_of_exp(self, t, v):
        r"""``\log(e^{u} + r) \ge u`` where ``r \ge 0`` on the domain (``> u`` where ``r > 0``): the
        logarithm is increasing and ``\log e^{u} = u``. Side conditions: the term is ``e^{u}``
        itself (a coefficient c would give ``\log c + u``, not used), and the sign of the rest is
        proved by exact bounds; with r = 0 (``\log e^{u}``) the bound is the equality."""
        for a in sympy.Add.make_args(t):
            if not isinstance(a, sympy.exp):
                continue
            rest = t - a
            if rest == 0 or self.dom.nonnegative(rest):
                u = self.term(a.args[0])
                strict = rest != 0 and self.dom.positive(rest)
                self.lemma(
                    r"\log(e^{u} + r) > u \text{ for } r > 0"
                    if strict
                    else r"\log(e^{u} + r) \ge u \text{ for } r \ge 0",
                    v > u if strict else v >= u,
                )

    def sum_dominates_terms(self, free_ranges: dict):
        r"""``\sum_{j=a}^{b} f_j \ge f_k`` for an atom ``f_k`` with k a free index whose range lies
        in a..b, every ``f_j \ge 0`` on the domain. Side conditions: k is free in the claim (not
        bound by a sum), its whole range lies inside the sum's (``\sum_{j=2}^{n} e^{z_j} \ge e^{z_1}``
        is false), and the terms are non-negative (a negative term breaks it). Not strict: with
        n = 1 the sum is its one term."""
        sums = [s for s in list(self.atoms) if isinstance(s, sympy.Sum) and len(s.limits) == 1]
        for s in sums:
            (j, lo, hi), body = s.limits[0], s.function
            if not self.dom.nonnegative(body):
                continue
            for k, (klo, khi) in free_ranges.items():
                if not (
                    self.dom.nonnegative(sympy.expand(klo - lo))
                    and self.dom.nonnegative(sympy.expand(hi - khi))
                ):
                    continue
                term = body.xreplace({j: k})
                if term in self.atoms and term != s:
                    self.lemma(
                        r"\sum_j f_j \ge f_k \text{ for } f_j \ge 0 \text{ and } k \text{ in the range}",
                        self.atoms[s] >= self.atoms[term],
                    )

    def cauchy_schwarz(self):
        r"""``(\sum f g)^2 \le \sum f^2 \sum g^2`` for the sums over one range that are atoms."""
        sums = [s for s in self.atoms if isinstance(s, sympy.Sum) and len(s.limits) == 1]
        squares = {}
        for s in sums:
            (i, lo, hi), body = s.limits[0], s.function
            if isinstance(body, sympy.Pow) and body.exp == 2:
                squares[(lo, hi, _canonical(body.base, i))] = s
        for s in sums:
            (i, lo, hi), body = s.limits[0], s.function
            factors = sympy.Mul.make_args(body)
            coeff = sympy.Mul(*[f for f in factors if i not in f.free_symbols])
            rest = [f for f in factors if i in f.free_symbols]
            if len(rest) != 2 or not coeff.is_Rational:
                continue
            f, g = rest
            sf, sg = (
                squares.get((lo, hi, _canonical(f, i))),
                squares.get((lo, hi, _canonical(g, i))),
            )
            if sf is None or sg is None:
                continue
            v, vf, vg = self.atoms[s], self.atoms[sf], self.atoms[sg]
            c = self.num(coeff)
            self.facts += [vf >= 0, vg >= 0]
            self.lemma("Cauchy-Schwarz", (v / c) * (v / c) <= vf * vg if coeff != 0 else v == 0)
        # (\sum_i |f_i|)^2 >= \sum_i f_i^2: the cross terms |f_i| |f_j| are non-negative
        for s in sums:
            (i, lo, hi), body = s.limits[0], s.function
            if isinstance(body, sympy.Abs):
                sq = squares.get((lo, hi, _canonical(body.args[0], i)))
                if sq is not None:
                    v, vq = self.atoms[s], self.atoms[sq]
                    self.facts.append(v >= 0)
                    self.lemma(r"(\sum_i |f_i|)^2 \ge \sum_i f_i^2", v * v >= vq)


def gram_traces(e):
    r"""``\operatorname{tr}(w^\top w) = \sum_i w_i^2`` for a column vector ``w``."""

    def rule(tr):
        m = tr.arg
        if (
            isinstance(m, sympy.MatMul)
            and len(m.args) == 2
            and isinstance(m.args[1], sympy.MatrixSymbol)
            and m.args[0] == sympy.Transpose(m.args[1])
            and m.args[1].shape[1] == 1
        ):
            w = m.args[1]
            i = sympy.Dummy("i", integer=True)
            return sympy.Sum(w[i, 0] ** 2, (i, 0, w.shape[0] - 1))
        return tr

    return e.replace(lambda x: isinstance(x, sympy.Trace), rule)


def pull_constants(e):
    r"""``\sum_i c f_i = c \sum_i f_i`` for factors ``c`` free of the index (a sum of one index)."""

    def rule(s):
        if len(s.limits) != 1:
            return s
        i = s.limits[0][0]
        body = pull_constants(s.function)
        outside = [f for f in sympy.Mul.make_args(body) if i not in f.free_symbols]
        inside = [f for f in sympy.Mul.make_args(body) if i in f.free_symbols]
        if not outside or not inside:
            return s.func(body, *s.limits)
        return sympy.Mul(*outside) * sympy.Sum(sympy.Mul(*inside), *s.limits)

    return e.replace(lambda x: isinstance(x, sympy.Sum), rule)


def _canonical(e, i):
    """The body of a sum with its index renamed, so equal bodies over different names match."""
    return e.xreplace({i: sympy.Symbol("_i", integer=True)})


def _combination(v):
    """A column vector as ``{vector: coefficient}`` when it is a linear combination of declared
    column vectors (``x + 2 y``, ``x - z``), else None."""
    if isinstance(v, sympy.MatrixSymbol):
        return {v: sympy.S.One} if v.shape[1] == 1 else None
    if isinstance(v, sympy.MatAdd):
        out: dict = {}
        for a in v.args:
            part = _combination(a)
            if part is None:
                return None
            for u, c in part.items():
                out[u] = out.get(u, sympy.S.Zero) + c
        return {u: c for u, c in out.items() if c != 0}
    if isinstance(v, sympy.MatMul):
        scalars = [a for a in v.args if not isinstance(a, sympy.MatrixExpr)]
        mats = [a for a in v.args if isinstance(a, sympy.MatrixExpr)]
        if len(mats) != 1 or any(not c.is_Rational for c in scalars):
            return None
        part = _combination(mats[0])
        c = sympy.Mul(*scalars)
        return None if part is None else {u: c * k for u, k in part.items()}
    return None


def _row(v):
    """``a^T`` (a row: a transpose, or a sum or multiple of transposes) as the combination a."""
    if isinstance(v, sympy.Transpose):
        return _combination(v.arg)
    if isinstance(v, (sympy.MatAdd, sympy.MatMul)):
        return _combination(sympy.Transpose(v).doit())
    return None


def inner_product(m):
    """``(a, b)`` when the 1 x 1 matrix ``m`` is ``a^T b`` with a, b combinations of column
    vectors of one size, else None."""
    if not isinstance(m, sympy.MatMul) or m.shape != (1, 1):
        return None
    scalars = [a for a in m.args if not isinstance(a, sympy.MatrixExpr)]
    mats = [a for a in m.args if isinstance(a, sympy.MatrixExpr)]
    if len(mats) != 2 or any(not c.is_Rational for c in scalars):
        return None
    a, b = _row(mats[0]), _combination(mats[1])
    if not a or not b:
        return None
    if len({u.shape[0] for u in (*a, *b)}) != 1:
        return None
    c = sympy.Mul(*scalars)
    return {u: c * k for u, k in a.items()}, b


def _show_vector(c: dict) -> str:
    from ._proof import _latex

    return _latex(sympy.MatAdd(*[k * u if k != 1 else u for u, k in c.items()]))


def _free_ranges(G) -> dict:
    """The range of each free index of G (``z_k`` with ``z: vector[n]`` puts k in 1..n); an index
    bound by a sum anywhere in G is left out."""
    from ._prepare import free_index_ranges

    bound = {lim[0] for s in G.atoms(sympy.Sum) for lim in s.limits}
    return {k: r for k, r in free_index_ranges(G).items() if k not in bound}


def decide_nonnegative(G, dom: Domain, strict: bool = False, seconds: float = 2.0):
    """``(True, lemmas)`` when Z3 shows ``G >= 0`` (``> 0`` when strict) from the facts,
    ``(False, reason)`` otherwise. Inner products of vectors in matrix form are tried a second
    time in their Gram entries (``Abstraction.inner``)."""
    ok, why = _decide(G, dom, strict, seconds, gram=False)
    if ok or not any(inner_product(t.arg) for t in G.atoms(sympy.Trace)):
        return ok, why
    return _decide(G, dom, strict, seconds, gram=True)


def _decide(G, dom: Domain, strict: bool, seconds: float, gram: bool):
    try:
        import z3
    except ImportError:  # pragma: no cover - z3-solver is a dependency
        return False, "z3-solver is not installed"
    ab = Abstraction(dom, gram)
    try:
        G = gram_traces(G) if G.has(sympy.Trace) and not gram else G
        # the traces kept whole: expanding (x + y)^T (x + y) would lose the pair (x + y, x) that
        # Cauchy-Schwarz is needed for
        kept = {t: sympy.Dummy("trace", real=True) for t in G.atoms(sympy.Trace)} if gram else {}
        g = ab.term(
            sympy.expand(G.xreplace(kept), power_base=False, power_exp=False, log=False).xreplace(
                {d: t for t, d in kept.items()}
            )
            if not G.has(sympy.Sum)
            else pull_constants(G)
        )
        ab.cauchy_schwarz()
        ab.sum_dominates_terms(_free_ranges(G))
        ab.vector_cauchy_schwarz()
    except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
        raise
    except (_Untranslatable, z3.Z3Exception, TypeError, ValueError) as e:
        return False, f"not in the decided fragment ({e})"
    s = z3.SolverFor("QF_NRA")
    s.set("timeout", int(seconds * 1000))
    s.add(*ab.facts)
    s.add(g <= 0 if strict else g < 0)
    # each lemma behind an assumption literal: the unsat core names the lemmas the proof used
    tags = {}
    for k, (name, facts) in enumerate(sorted(ab.lemmas.items())):
        tag = z3.Bool(f"lemma{k}")
        tags[tag] = name
        s.add(z3.Implies(tag, z3.And(*facts)))
    answer = s.check(*tags)
    if answer == z3.unsat:
        core = {str(t) for t in s.unsat_core()}
        return True, sorted(name for tag, name in tags.items() if str(tag) in core)
    return False, "Z3 found no proof" if answer == z3.sat else "Z3 gave up"
