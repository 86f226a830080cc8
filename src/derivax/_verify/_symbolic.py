r"""Symbolic proofs: identities by rewriting to zero, inequalities by bounds and lemmas.

Every step is a SymPy rewrite whose result is recorded; ``proved`` is returned only when the
last expression is exactly 0 (identities) or provably non-negative by the rules below
(inequalities). The lemmas, each applied as a recorded step:

- ``\log t \le t - 1`` and ``\log t \ge 1 - 1/t`` for ``t > 0`` (Gibbs' inequality, KL >= 0);
- a simplex sums to 1, so a constant ``c`` equals ``\sum_i p_i c``;
- interval bounds: squares, traces of Gram matrices, exponentials and sigmoids are
  non-negative; ``\log`` of a number in ``(0, 1]`` is at most 0; sums and products follow;
- a change of variables ``\tau \to t - \tau`` over the real line (convolution commutes).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._derive import _index, _matrix, expand_softmax
from ._domain import Domain

oo = sympy.oo


def _latex(e) -> str:
    from ..latex import to_latex

    try:
        return to_latex(e)
    except Exception:
        return str(e)


@dataclass
class Step:
    r"""One recorded step: ``expr`` stands in ``relation`` to the step before it on the same
    ``side`` ("=" rewrites, ">=" a lower bound); ``lhs``/``rhs`` steps rewrite one side of the
    claim, ``gap`` steps its difference (lhs - rhs, or rhs - lhs for ``\le``)."""

    rule: str
    expr: object
    relation: str = "="
    side: str = "gap"
    shown: object = None


class Proof:
    """Steps of a proof in progress; ``goal`` is what the last gap step asserts ("= 0", ">= 0",
    "> 0"). The audit re-evaluates every step."""

    def __init__(self):
        self.entries: list[Step] = []
        self.goal = ""

    def add(self, rule: str, e, relation: str = "=", side: str = "gap", shown=None) -> None:
        self.entries.append(Step(rule, e, relation, side, shown))

    def mark(self) -> int:
        return len(self.entries)

    def undo(self, mark: int) -> None:
        """Forget the steps of a branch that did not succeed."""
        del self.entries[mark:]

    @property
    def steps(self) -> list[str]:
        out = []
        for st in self.entries:
            rel = {">=": r"\ge", ">": ">"}.get(st.relation, "")
            shown = st.shown if st.shown is not None else st.expr
            body = _latex(shown)
            out.append(rf"\text{{{st.rule}:}}\quad {rel + ' ' if rel else ''}{body}")
        return out


# -- preparing a claim ------------------------------------------------------------------------------------
def substitute(e, rules, proof: Proof | None = None, side: str = "gap"):
    r"""Replace defined quantities by their definitions (a symbol, an application, an indexed
    quantity, or a product of matrices such as ``A v`` in ``A v = \lambda v``)."""
    for _ in range(8):
        before = e
        for lhs, rhs in rules:
            if isinstance(lhs, sympy.MatMul):
                if isinstance(e, MatrixExpr):
                    e = e.expand().doit()
                e = _replace_product(e, lhs, rhs)
            elif isinstance(lhs, AppliedUndef) and isinstance(rhs, sympy.Basic):
                e = e.xreplace({lhs: rhs})
                e = _apply_function(e, lhs, rhs)
            elif e.has(lhs):
                e = e.xreplace({lhs: rhs})
        if e == before:
            break
        if proof is not None:
            proof.add("substitute the definitions", e, side=side)
    return e


def _apply_function(e, lhs, rhs):
    r"""A given ``f(x) = x^2`` defines ``f``: every application ``f(3)`` becomes ``3^2``. Only when
    the parameters are distinct plain names (a symbol or a vector), so that the definition is one
    of the function, not of a value."""
    params = lhs.args
    if (
        not params
        or len(set(params)) != len(params)
        or not all(
            isinstance(p, (sympy.Symbol, sympy.IndexedBase, sympy.MatrixSymbol)) for p in params
        )
    ):
        return e

    def rule(app):
        if app.func != lhs.func or len(app.args) != len(params) or app == lhs:
            return app
        for p, a in zip(params, app.args, strict=True):
            if type(p) is not type(a) and not (isinstance(p, sympy.Symbol) and a.is_number):
                return app
        mapping = dict(zip(params, app.args, strict=True))
        # a vector parameter appears in the body by its entries too (p_i of p)
        bases = {str(b.label): b for b in e.atoms(sympy.IndexedBase) | rhs.atoms(sympy.IndexedBase)}
        for p, a in zip(params, app.args, strict=True):
            if isinstance(p, sympy.MatrixSymbol) and p.name in bases:
                old = bases[p.name]
                new = bases.get(a.name) or sympy.IndexedBase(
                    sympy.Symbol(a.name, **old.label.assumptions0), shape=old.shape
                )
                mapping[old] = new
        return rhs.xreplace(mapping)

    return e.replace(lambda x: isinstance(x, AppliedUndef) and x.func == lhs.func, rule)


def _replace_product(e, lhs: sympy.MatMul, rhs):
    pattern = list(lhs.args)

    def unrolled(m):
        out = []
        for a in m.args:
            if isinstance(a, sympy.MatPow) and a.exp.is_Integer and a.exp > 0:
                out.extend([a.base] * int(a.exp))
            elif isinstance(a, sympy.MatMul):
                out.extend(unrolled(a))
            else:
                out.append(a)
        return out

    def rule(m):
        args = unrolled(m)
        for k in range(len(args) - len(pattern) + 1):
            if args[k : k + len(pattern)] == pattern:
                return sympy.MatMul(*args[:k], rhs, *args[k + len(pattern) :]).doit()
        return m

    e = e.replace(
        lambda x: (
            isinstance(x, sympy.MatPow) and x.exp.is_Integer and x.exp > 1 and len(pattern) > 1
        ),
        lambda x: sympy.MatMul(*([x.base] * int(x.exp)), evaluate=False),
    )
    return e.replace(lambda x: isinstance(x, sympy.MatMul), rule)


def definitions(givens):
    rules = []
    for g in givens:
        if isinstance(g, sympy.Equality):
            rules.append((g.lhs, g.rhs))
    return rules


def evaluate_derivatives(e):
    r"""Unevaluated derivatives in a claim (``\frac{\partial \sigma(x)}{\partial x}``,
    ``\nabla_\theta f``) are taken: SymPy for scalars and entries (with the Kronecker deltas
    collapsed), derivax's matrix calculus for gradients."""
    if e.has(F.Gradient):
        e = e.replace(
            lambda x: isinstance(x, F.Gradient),
            lambda x: _matrix.tidy(_matrix.gradient(x.args[0], x.args[1])),
        )
    if not e.has(sympy.Derivative):
        return e
    # the range of an index can come from the variable alone (d/dz_k puts k in 1..n)
    ranges = free_index_ranges(e)
    e = e.replace(
        lambda x: isinstance(x, sympy.Derivative),
        lambda x: expand_softmax(x.expr).diff(*x.variable_count),
    )
    return collapse_deltas(e, ranges)


def free_index_ranges(e) -> dict:
    """The range of each index that indexes a declared array: ``x_k`` with ``x: vector[n]`` puts
    ``k`` in 1..n."""
    ranges: dict = {}
    for ix in e.atoms(sympy.Indexed):
        shape = ix.base.shape
        if shape is None:
            continue
        for axis, i in enumerate(ix.indices):
            if isinstance(i, sympy.Symbol) and axis < len(shape):
                ranges.setdefault(i, (sympy.S.One, shape[axis]))
    return ranges


def collapse_deltas(e, ranges: dict | None = None):
    r"""``\sum_{j=a}^{b} f_j \delta_{jk} = f_k`` only where ``k`` cannot leave ``a..b``: a sum whose
    range is not the whole range of ``k`` keeps its delta as the exact
    ``\sum_{j=a}^{b} f_j \delta_{jk}`` (side condition of the collapse)."""
    ranges = {**free_index_ranges(e), **(ranges or {})}
    guarded = {}

    def unsafe(s):
        for d in s.function.atoms(sympy.KroneckerDelta):
            for var, lo, hi in s.limits:
                if var not in d.args:
                    continue
                other = d.args[1] if d.args[0] == var else d.args[0]
                if other.is_Integer:
                    if not (lo.is_Integer and hi.is_Integer and lo <= other <= hi):
                        return True
                    continue
                r = ranges.get(other)
                if r is None or not (lo == r[0] and hi == r[1]):
                    return True
        return False

    def hide(s):
        if unsafe(s):
            key = sympy.Dummy("guarded")
            guarded[key] = s
            return key
        return s

    e = e.replace(lambda x: isinstance(x, sympy.Sum) and x.has(sympy.KroneckerDelta), hide)
    e = _index.collapse_deltas(e)
    while guarded and e.has(*guarded):  # a guarded sum may hold another
        e = e.xreplace(guarded)
    return e


def expand_matrix_softmax(e):
    """``softmax(M)_{ij}`` of a matrix: ``e^{M_{ij}} / sum_l e^{M_{il}}`` (row-wise)."""

    def rule(ix):
        label = ix.base.label
        if (
            isinstance(label, F.softmax)
            and isinstance(label.args[0], MatrixExpr)
            and len(ix.indices) == 2
        ):
            M = label.args[0]
            i, j = ix.indices
            l_ = sympy.Dummy("l", integer=True)
            return sympy.exp(M[i - 1, j - 1]) / sympy.Sum(
                sympy.exp(M[i - 1, l_ - 1]), (l_, 1, M.shape[1])
            )
        return ix

    return e.replace(lambda x: isinstance(x, sympy.Indexed), rule)


def prepare(e, rules, proof: Proof, side: str = "lhs"):
    # derivatives first: a definition of the variable (theta = mean) applies to the result
    e1 = evaluate_derivatives(e)
    if e1 != e:
        proof.add("take the derivatives", e1, side=side)
    e = substitute(e1, rules, proof, side)
    e2 = evaluate_derivatives(e)
    if e2 != e:
        proof.add("take the derivatives", e2, side=side)
    e3 = expand_matrix_softmax(expand_softmax(e2))
    if e3 != e2:
        proof.add("write softmax out", e3, side=side)
    return e3


def possibly_empty_sum(e, dom: Domain):
    r"""A sum whose range may be empty on the domain (``\sum_{i=3}^{n}`` with n = 1), or ``None``.
    derivax reads an empty sum as 0, SymPy by Karr's convention (``\sum_{i=3}^{1} 1 = -1``):
    the rewriting rules are sound only where every range has b - a + 1 >= 0 terms. An enclosing
    index is tried at both ends of its range (the count is linear in it)."""

    def walk(x, outer):
        if isinstance(x, (sympy.Sum, sympy.Product)):
            inner = dict(outer)
            for var, lo, hi in reversed(x.limits):
                count = hi - lo + 1
                corners = [count]
                for v in sorted(count.free_symbols & set(inner), key=str):
                    if sympy.Poly(count, v).degree() > 1:
                        return x
                    corners = [c.xreplace({v: end}) for c in corners for end in inner[v]]
                if not all(dom.nonnegative(sympy.expand(c)) for c in corners):
                    return x
                inner[var] = (lo, hi)
            return walk(x.function, inner)
        for a in x.args:
            found = walk(a, outer) if isinstance(a, sympy.Basic) else None
            if found is not None:
                return found
        return None

    return walk(e, {})


# -- identities -----------------------------------------------------------------------------------------
def canonical_traces(e):
    """Traces expanded by linearity, each product in the least of its cyclic rotations and
    transposes (``tr(w^T X^T y) = tr(y^T X w)``)."""

    def rule(tr):
        M = tr.arg.expand().doit() if hasattr(tr.arg, "expand") else tr.arg
        out = sympy.S.Zero
        for term in M.args if isinstance(M, sympy.MatAdd) else [M]:
            coeff, mats = (
                term.as_coeff_matrices()
                if isinstance(term, sympy.MatMul)
                else (sympy.S.One, [term])
            )
            scalars = (
                [a for a in getattr(term, "args", ()) if not isinstance(a, MatrixExpr)]
                if isinstance(term, sympy.MatMul)
                else []
            )
            c = sympy.Mul(*scalars) if scalars else coeff
            out += c * sympy.Trace(_least_rotation(list(mats)))
        return out

    return e.replace(lambda x: isinstance(x, sympy.Trace), rule)


def _least_rotation(mats):
    candidates = []
    forward = mats
    backward = [sympy.Transpose(m).doit() for m in reversed(mats)]
    for seq in (forward, backward):
        for k in range(len(seq)):
            rot = seq[k:] + seq[:k]
            prod = sympy.MatMul(*rot).doit() if len(rot) > 1 else rot[0]
            if prod.shape[0] == prod.shape[1] or len(rot) == 1:
                candidates.append((str(prod), prod))
    return min(candidates, key=lambda c: c[0])[1] if candidates else sympy.MatMul(*mats)


def to_zero(d, dom: Domain, proof: Proof) -> bool:
    """Rewrite a difference ``lhs - rhs`` to exactly 0."""
    table = dom.table
    symmetric = frozenset(n for n in table if table[n].kind in ("spd", "symmetric"))
    simplices = {str(n): table.dim(table[n].shape[0]) for n in table if table[n].kind == "simplex"}
    if isinstance(d, MatrixExpr):
        m = _matrix.tidy(d.doit().expand().doit())
        if _is_zero_matrix(m):
            proof.add("expand and collect in matrix form", sympy.S.Zero)
            return True
        # a declared symmetric (or spd) matrix is its own transpose
        sym = {sympy.Transpose(a): a for a in d.atoms(sympy.MatrixSymbol) if a.name in symmetric}
        if sym:
            m2 = _matrix.tidy(m.xreplace(sym).doit().expand().doit())
            if _is_zero_matrix(m2):
                proof.add("use that the symmetric matrices equal their transposes", sympy.S.Zero)
                return True
        proof.add("expand in matrix form", m)
        return False
    stages = [
        ("collapse the Kronecker deltas", collapse_deltas),
        (
            "rewrite the sigmoid as exponentials",
            lambda x: x.rewrite(sympy.exp) if x.has(F.sigmoid) else x,
        ),
        ("evaluate the integrals", lambda x: evaluate_integrals(x) if x.has(sympy.Integral) else x),
        ("expand", lambda x: sympy.expand(x, power_base=False, log=False)),
        ("expand the traces", canonical_traces),
        ("distribute and combine the sums", lambda x: _index.normalize_sums(x, symmetric)),
        (
            "use that the simplex sums to 1",
            lambda x: _index.apply_simplex(x, simplices) if simplices else x,
        ),
        ("expand the logarithms of positive quantities", lambda x: _expand_positive_logs(x, dom)),
        ("simplify", sympy.simplify),
        (
            "distribute and combine the sums",
            lambda x: _index.normalize_sums(sympy.expand(x), symmetric),
        ),
        (
            "use that the simplex sums to 1",
            lambda x: _index.apply_simplex(x, simplices) if simplices else x,
        ),
        ("simplify", sympy.simplify),
    ]
    current = d
    for rule, f in stages:
        new = f(current)
        if new != current:
            proof.add(rule, new)
            current = new
        if current == 0:
            return True
    return _change_of_variables(d, proof)


def evaluate_integrals(e):
    r"""Integrals in closed form, trigonometric integrands simplified first
    (``\sqrt{1 + \cos 2x} = \sqrt{2} |\cos x|``, whose kink SymPy then integrates piece by piece)."""

    def rule(integral):
        f = integral.function
        if f.has(sympy.sin, sympy.cos, sympy.tan):
            f = sympy.trigsimp(f)
        return sympy.Integral(f, *integral.limits).doit()

    return e.replace(lambda x: isinstance(x, sympy.Integral), rule)


def _is_zero_matrix(m) -> bool:
    return (
        isinstance(m, sympy.ZeroMatrix)
        or m == 0
        or (isinstance(m, sympy.MatrixBase) and m.is_zero_matrix)
    )


def _expand_positive_logs(e, dom: Domain):
    r"""``\log(ab) = \log a + \log b`` where a and b are provably positive."""

    def rule(lg):
        arg = lg.args[0]
        # entries of a simplex may be 0, where the logarithm is undefined on both sides alike
        if isinstance(arg, (sympy.Mul, sympy.Pow)) and all(
            dom.nonnegative(f) for f in sympy.Mul.make_args(_base_factors(arg))
        ):
            return sympy.expand_log(lg, force=True)
        if isinstance(arg, sympy.exp):
            return arg.args[0]
        return lg

    return e.replace(lambda x: isinstance(x, sympy.log), rule)


def _base_factors(arg):
    """``a b^{-1}`` -> ``a b``: the factors whose signs decide whether a log splits."""
    return sympy.Mul(
        *[
            f.base if isinstance(f, sympy.Pow) and f.exp.is_Integer else f
            for f in sympy.Mul.make_args(arg)
        ]
    )


def _change_of_variables(d, proof: Proof) -> bool:
    r"""``\int f(\tau) g(t - \tau) d\tau = \int g(\tau) f(t - \tau) d\tau`` over the real line."""
    ints = [
        a
        for a in sympy.Add.make_args(d)
        if isinstance(a, sympy.Integral)
        or (isinstance(a, sympy.Mul) and any(isinstance(f, sympy.Integral) for f in a.args))
    ]
    if len(ints) != 2:
        return False
    first = next(i for i in sympy.preorder_traversal(ints[0]) if isinstance(i, sympy.Integral))
    second = next(i for i in sympy.preorder_traversal(ints[1]) if isinstance(i, sympy.Integral))
    (v1, lo1, hi1), (v2, lo2, hi2) = first.limits[0], second.limits[0]
    if (lo1, hi1) != (-oo, oo) or (lo2, hi2) != (-oo, oo):
        return False
    for c in first.function.free_symbols - {v1}:
        moved = first.function.xreplace({v1: c - v2})
        if (
            sympy.simplify(moved - second.function) == 0
            and sympy.simplify(d - (ints[0] + ints[1])) == 0
        ):
            coeff = sympy.simplify(ints[0] / first) + sympy.simplify(ints[1] / second)
            if coeff == 0:
                proof.add(
                    rf"substitute ${_latex(v1)} \to {_latex(c)} - {_latex(v2)}$ over the real line",
                    sympy.S.Zero,
                    shown=sympy.Integral(moved, (v2, -oo, oo)),
                )
                return True
    return False


# -- inequalities -------------------------------------------------------------------------------------------
def prove_nonnegative(G, dom: Domain, proof: Proof, strict: bool = False) -> bool:
    """Show ``G >= 0`` (``> 0`` when strict) on the domain ``dom``; each step is recorded, the
    steps of a branch that fails are dropped."""
    table = dom.table
    symmetric = frozenset(n for n in table if table[n].kind in ("spd", "symmetric"))
    simplices = {str(n): table.dim(table[n].shape[0]) for n in table if table[n].kind == "simplex"}
    check = dom.positive if strict else dom.nonnegative
    if check(G):
        proof.add("each term is bounded below by 0 on the declared domains", G)
        return True
    if _by_decision(G, dom, proof, strict):
        return True
    if G.has(F.sigmoid, sympy.tanh, sympy.cosh, sympy.sinh) or strict:
        as_exp = sympy.simplify(G.rewrite(sympy.exp))
        if check(as_exp):
            proof.add(
                "write with exponentials and simplify; each term is bounded below by 0", as_exp
            )
            return True
    for scale in [sympy.S.One, *dom.positives]:
        scaled = sympy.expand(G * scale)
        for fact, fact_strict in dom.relations:
            rest = sympy.simplify(scaled - fact)
            # G * scale = fact + rest: strict needs a strict fact or a strictly positive rest
            ok = (
                dom.positive(rest) or (fact_strict and (rest == 0 or dom.nonnegative(rest)))
                if strict
                else (rest == 0 or dom.nonnegative(rest))
            )
            if ok:
                op = ">" if fact_strict else r"\ge"
                text = (
                    f"multiply by the positive ${_latex(scale)}$ and use the given ${_latex(fact)} {op} 0$"
                    if scale != 1
                    else f"use the given ${_latex(fact)} {op} 0$"
                )
                # a strict fact makes the bound strict: G > rest / scale
                proof.add(text, rest / scale, ">" if fact_strict else ">=", shown=rest)
                return True
    # factoring a polynomial in e^{x} with e^{1000} for a coefficient runs away: only plain ones
    plain = not G.has(sympy.Sum, sympy.Trace) and not any(
        a.args[0].is_number for a in G.atoms(sympy.exp)
    )
    factored = sympy.factor(G) if plain else G
    if factored != G and check(factored):
        proof.add("factor; each factor is bounded below by 0", factored)
        return True
    lowered = _max_lemma(G, dom)
    if lowered is not None and check(lowered):
        proof.add(r"apply $\max(a, b) \ge a$", lowered, ">=")
        return True
    G = canonical_traces(G) if G.has(sympy.Trace) else G
    G2 = _index.normalize_sums(sympy.expand(G, power_base=False, log=False), symmetric)
    if simplices:
        G2 = _index.apply_simplex(G2, simplices)
    G2 = _merge_sums(G2)
    if G2 != G:
        proof.add("expand and combine the sums", G2)
    if check(G2):
        proof.add("each term is bounded below by 0 on the declared domains", G2)
        return True
    mark = proof.mark()
    jensen = _jensen_log_sum_exp(G2, dom)
    if jensen is not None:
        bound = sympy.simplify(_index.normalize_sums(sympy.expand(jensen, log=False), symmetric))
        proof.add(
            r"apply Jensen's inequality $\log \sum_{i=1}^{n} e^{u_i} \ge \log n + \frac{1}{n}\sum_{i=1}^{n} u_i$",
            bound,
            ">=",
        )
        if check(bound) or (bound == 0 and not strict):
            return True
        proof.undo(mark)
    for candidate in (G2, "simplex"):
        if candidate == "simplex":
            candidate = _into_simplex_sum(G2, simplices, proof)
        if candidate is None:
            continue
        inner = proof.mark()
        bound = _log_lemma(candidate, dom, proof)
        if bound is None:
            continue
        bound = _index.normalize_sums(sympy.expand(bound, power_base=False, log=False), symmetric)
        if simplices:
            bound = _index.apply_simplex(bound, simplices)
        bound = sympy.simplify(bound)
        proof.add("simplify the bound", bound)
        if (bound == 0 and not strict) or check(bound):
            return True
        proof.undo(inner)
    proof.undo(mark)
    return G2 != G and _by_decision(G2, dom, proof, strict)


def _by_decision(G, dom: Domain, proof: Proof, strict: bool) -> bool:
    """Z3's nonlinear real arithmetic on the abstraction of G (see ``_decide``)."""
    from ._decide import decide_nonnegative

    ok, lemmas = decide_nonnegative(G, dom, strict)
    if not ok:
        return False
    shown = [f"${m}$" if "\\" in m else m for m in lemmas]
    used = " with " + ", ".join(shown) if shown else ""
    relation = "> 0" if strict else r"\ge 0"
    proof.add(f"decide ${relation}$ in nonlinear real arithmetic (Z3){used}", G)
    return True


def _jensen_log_sum_exp(G, dom: Domain):
    """Replace each ``\\log \\sum_{i=1}^{n} e^{u_i}`` (with a non-negative coefficient) by its
    lower bound ``\\log n + \\frac{1}{n} \\sum_i u_i`` (Jensen: the exponential is convex)."""
    targets = [
        lg
        for lg in G.atoms(sympy.log)
        if isinstance(lg.args[0], sympy.Sum)
        and isinstance(lg.args[0].function, sympy.exp)
        and len(lg.args[0].limits) == 1
        and lg.args[0].limits[0][1] == 1
    ]
    if not targets:
        return None
    G = sympy.expand(G, log=False)
    out = G
    for lg in targets:
        coeff = G.coeff(lg)
        if coeff == 0 or not dom.nonnegative(coeff) or (G - coeff * lg).has(lg):
            return None
        s = lg.args[0]
        var, _, n = s.limits[0]
        if not dom.positive(n):  # log n needs a non-empty range
            return None
        out = out.xreplace({lg: sympy.log(n) + sympy.Sum(s.function.args[0], (var, 1, n)) / n})
    return out


def _max_lemma(G, dom: Domain):
    r"""``\max(a, b) \ge a``: with a non-negative coefficient, replacing the max by one of its
    arguments gives a lower bound of G."""
    maxes = list(G.atoms(sympy.Max))
    if len(maxes) != 1:
        return None
    (m,) = maxes
    G = sympy.expand(G)
    coeff = G.coeff(m)
    if not dom.nonnegative(coeff) or (G - coeff * m).has(m):
        return None
    for arg in m.args:
        lower = sympy.expand(G.xreplace({m: arg}))
        if lower == 0 or dom.nonnegative(lower):
            return lower
    return None


def _into_simplex_sum(G, simplices, proof: Proof):
    r"""``c + \sum_i p_i f_i = \sum_i p_i (c + f_i)`` for a simplex ``p`` (it sums to 1), with the
    logarithms combined."""
    terms = sympy.Add.make_args(G)
    sums = [
        t
        for t in terms
        if isinstance(t, sympy.Sum)
        or (isinstance(t, sympy.Mul) and any(isinstance(f, sympy.Sum) for f in t.args))
    ]
    consts = [t for t in terms if t not in sums]
    if not sums or not consts or not simplices:
        return None
    for s in sums:
        inner = (
            s if isinstance(s, sympy.Sum) else next(f for f in s.args if isinstance(f, sympy.Sum))
        )
        var, lo, hi = inner.limits[0]
        for name, size in simplices.items():
            weights = [
                ix
                for ix in inner.function.atoms(sympy.Indexed)
                if str(ix.base.label) == name and ix.indices == (var,)
            ]
            if weights and lo == 1 and hi == size:
                p = weights[0]
                c = sympy.Add(*consts)
                merged = sympy.Add(*[t for t in sums]) + sympy.Sum(p * c, (var, lo, hi))
                merged = _index.normalize_sums(sympy.expand(merged, log=False), frozenset())
                combined = _merge_sums(merged)
                proof.add(
                    rf"write the constant as $\sum_i {_latex(p.base)}_i c$ (the simplex sums to 1)",
                    combined,
                )
                return combined
    return None


def _merge_sums(e):
    r"""``\sum_i a_i + \sum_i b_i = \sum_i (a_i + b_i)`` over equal ranges, with the logarithms in
    each term combined (``p_i (\log p_i - \log q_i) = p_i \log(p_i / q_i)``)."""
    groups: dict = {}
    rest = []
    for t in sympy.Add.make_args(e):
        c, s = (
            t.as_independent(sympy.Sum, as_Add=False)
            if isinstance(t, sympy.Mul)
            else (sympy.S.One, t)
        )
        if isinstance(s, sympy.Sum) and not c.has(sympy.Sum):
            groups.setdefault(s.limits, []).append(c * s.function)
        else:
            rest.append(t)
    if not groups:
        return e
    out = sympy.Add(*rest)
    for limits, bodies in groups.items():
        body = sympy.factor_terms(sympy.expand(sympy.Add(*bodies), log=False))
        out += sympy.Sum(_combine_logs(body), *limits)
    return out


def _combine_logs(e):
    r"""``\log a + \log b - \log c`` -> ``\log(a b / c)`` inside a term (never ``a \log b`` ->
    ``\log b^a``)."""
    if isinstance(e, sympy.Add):
        logs = [
            t
            for t in e.args
            if isinstance(t, sympy.log)
            or (
                isinstance(t, sympy.Mul)
                and len(t.args) == 2
                and t.args[0] == -1
                and isinstance(t.args[1], sympy.log)
            )
        ]
        if len(logs) >= 2:
            inside = sympy.S.One
            for t in logs:
                inside = inside * (t.args[0] if isinstance(t, sympy.log) else 1 / t.args[1].args[0])
            return sympy.Add(*[t for t in e.args if t not in logs]) + sympy.log(inside)
        return e
    if isinstance(e, sympy.Mul):
        return sympy.Mul(*[_combine_logs(a) for a in e.args])
    return e


def _log_lemma(G, dom: Domain, proof: Proof):
    r"""Bound each ``k \log u`` below: by ``k (1 - 1/u)`` when ``k >= 0`` (``\log u \ge 1 - 1/u``)
    and by ``k (u - 1)`` when ``k <= 0`` (``\log u \le u - 1``)."""
    used = []

    def term_bound(t):
        factors = sympy.Mul.make_args(t)
        logs = [f for f in factors if isinstance(f, sympy.log)]
        if len(logs) != 1:
            return t
        lg = logs[0]
        k = sympy.Mul(*[f for f in factors if f is not lg])
        u = lg.args[0]  # where log u is defined, u > 0: the lemma applies there
        if dom.nonnegative(k):
            used.append(r"\log t \ge 1 - 1/t")
            return k * (1 - 1 / u)
        if dom.nonnegative(-k):
            used.append(r"\log t \le t - 1")
            return k * (u - 1)
        return t

    def bound_of(e):
        if isinstance(e, sympy.Add):
            return sympy.Add(*[bound_of(a) for a in e.args])
        if isinstance(e, sympy.Sum):
            body = sympy.Add(
                *[term_bound(t) for t in sympy.Add.make_args(sympy.expand(e.function, log=False))]
            )
            return sympy.Sum(body, *e.limits)
        if isinstance(e, sympy.Mul) and any(isinstance(f, sympy.Sum) for f in e.args):
            c = sympy.Mul(*[f for f in e.args if not isinstance(f, sympy.Sum)])
            s = next(f for f in e.args if isinstance(f, sympy.Sum))
            if dom.nonnegative(c):
                return c * bound_of(s)
            if dom.nonnegative(-c):
                body = sympy.Add(
                    *[
                        term_bound(-t)
                        for t in sympy.Add.make_args(sympy.expand(s.function, log=False))
                    ]
                )
                return (-c) * sympy.Sum(body, *s.limits)
            return e
        return term_bound(e)

    G = sympy.expand(G, log=False, power_base=False)
    b = bound_of(G)
    if not used:
        return None
    proof.add(
        f"apply ${used[0]}$ for $t > 0$ to each logarithm (a lower bound of the expression)",
        b,
        ">=",
    )
    return b
