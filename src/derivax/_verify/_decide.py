r"""A decision procedure for the polynomial real arithmetic a claim reduces to: Z3's nonlinear
real arithmetic (nlsat), on an abstraction of the gap ``G`` in which every non-polynomial atom is
a fresh real variable constrained by facts that hold for it:

- declared domains and given bounds (``a > 0``, ``u \in [0, 1]``) where they are rational;
- ``\sqrt{t}``: ``s \ge 0``, ``s^2 = t``; ``t^{1/k}`` likewise;
- ``e^{t}``: ``E > 0``, ``E \ge 1 + t`` (the lemma ``e^t \ge 1 + t``);
- ``\log t``: ``t > 0``, ``L \le t - 1`` and ``t L \ge t - 1`` (``1 - 1/t \le \log t \le t - 1``);
- ``\sigma(t) \in (0, 1)``, ``\tanh t \in (-1, 1)``, ``\cosh t \ge 1``, ``|t|``, ``\max``;
- sums over one range: ``(\sum_i f_i g_i)^2 \le (\sum_i f_i^2)(\sum_i g_i^2)`` (Cauchy-Schwarz,
  vectors of any length), ``\sum_i f_i^2 \ge 0``.

``G \ge 0`` is proved when ``facts \wedge G < 0`` is unsatisfiable. Every fact is a true statement
about the atom it constrains, so a proof of the abstraction is a proof of the claim; and like
every proof it is audited afterwards. Constants stay exact (Z3 rationals).
"""

from __future__ import annotations

import sympy

from ._domain import Domain


class _Untranslatable(Exception):
    pass


class Abstraction:
    """Z3 terms for SymPy expressions, with the facts about each fresh atom."""

    def __init__(self, dom: Domain):
        import z3

        self.z3 = z3
        self.dom = dom
        self.atoms: dict = {}
        self.facts: list = []
        self.lemmas: set[str] = set()

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
            # t^{p/q}: r >= 0 with r^q = t, then r^p
            root_of = e.base
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
        return self.opaque(e)

    def opaque(self, e):
        z3 = self.z3
        from .. import _functions as F

        v, new = self.fresh(e)
        if not new:
            return v
        if isinstance(e, sympy.exp):
            t = self.term(e.args[0])
            self.facts += [v > 0, v >= 1 + t]
            self.lemmas.add(r"e^t \ge 1 + t")
        elif isinstance(e, sympy.log):
            t = self.term(e.args[0])
            self.facts += [t > 0, v <= t - 1, t * v >= t - 1]
            self.lemmas.add(r"1 - 1/t \le \log t \le t - 1")
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
            self.facts += [vf >= 0, vg >= 0, (v / c) * (v / c) <= vf * vg if coeff != 0 else v == 0]
            self.lemmas.add("Cauchy-Schwarz")
        # (\sum_i |f_i|)^2 >= \sum_i f_i^2: the cross terms |f_i| |f_j| are non-negative
        for s in sums:
            (i, lo, hi), body = s.limits[0], s.function
            if isinstance(body, sympy.Abs):
                sq = squares.get((lo, hi, _canonical(body.args[0], i)))
                if sq is not None:
                    v, vq = self.atoms[s], self.atoms[sq]
                    self.facts += [v >= 0, v * v >= vq]
                    self.lemmas.add(r"(\sum_i |f_i|)^2 \ge \sum_i f_i^2")


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


def decide_nonnegative(G, dom: Domain, strict: bool = False, seconds: float = 2.0):
    """``(True, lemmas)`` when Z3 shows ``G >= 0`` (``> 0`` when strict) from the facts,
    ``(False, reason)`` otherwise."""
    try:
        import z3
    except ImportError:  # pragma: no cover - z3-solver is a dependency
        return False, "z3-solver is not installed"
    ab = Abstraction(dom)
    try:
        G = gram_traces(G) if G.has(sympy.Trace) else G
        g = ab.term(
            sympy.expand(G, power_base=False, power_exp=False, log=False)
            if not G.has(sympy.Sum)
            else pull_constants(G)
        )
        ab.cauchy_schwarz()
    except (_Untranslatable, z3.Z3Exception, TypeError, ValueError) as e:
        return False, f"not in the decided fragment ({e})"
    s = z3.SolverFor("QF_NRA")
    s.set("timeout", int(seconds * 1000))
    s.add(*ab.facts)
    s.add(g <= 0 if strict else g < 0)
    answer = s.check()
    if answer == z3.unsat:
        return True, sorted(ab.lemmas)
    return False, "Z3 found no proof" if answer == z3.sat else "Z3 gave up"
