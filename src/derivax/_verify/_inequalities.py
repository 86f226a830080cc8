r"""Inequalities: ``G >= 0`` shown by bounds and lemmas, each applied as a recorded step.

- ``\log t \le t - 1`` and ``\log t \ge 1 - 1/t`` for ``t > 0`` (Gibbs' inequality, KL >= 0);
- a simplex sums to 1, so a constant ``c`` equals ``\sum_i p_i c``;
- interval bounds: squares, traces of Gram matrices, exponentials and sigmoids are
  non-negative; ``\log`` of a number in ``(0, 1]`` is at most 0; sums and products follow;
- Jensen's inequality for ``\log \sum_i e^{u_i}``, and with the weights of a simplex for a
  concave (``\log``, ``\sqrt{\cdot}``) or convex (``e^{t}``, ``t^{2k}``) function of
  ``\sum_i p_i u_i`` (``_jensen_simplex``);
- ``\max(a, b) \ge a``, the givens, and Z3's nonlinear real arithmetic (``_decide``).
"""

from __future__ import annotations

import sympy

from .. import _algebra
from .. import _functions as F
from ._domain import Domain
from ._identities import canonical_traces
from ._proof import Proof, _latex


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
    if simplices and G.has(sympy.Sum):
        mark = proof.mark()
        if _jensen_simplex(G, dom, simplices, proof, strict):
            return True
        proof.undo(mark)
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
    G2 = _algebra.normalize_sums(sympy.expand(G, power_base=False, log=False), symmetric)
    if simplices:
        G2 = _algebra.apply_simplex(G2, simplices)
    G2 = _merge_sums(G2)
    if G2 != G:
        proof.add("expand and combine the sums", G2)
    if check(G2):
        proof.add("each term is bounded below by 0 on the declared domains", G2)
        return True
    mark = proof.mark()
    jensen = _jensen_log_sum_exp(G2, dom)
    if jensen is not None:
        bound = sympy.simplify(_algebra.normalize_sums(sympy.expand(jensen, log=False), symmetric))
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
        bound = _algebra.normalize_sums(sympy.expand(bound, power_base=False, log=False), symmetric)
        if simplices:
            bound = _algebra.apply_simplex(bound, simplices)
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


#: Jensen's inequality with the weights of a simplex, one row per function: its name, whether it
#: is concave (else convex), the condition every ``u_i`` must meet for the rule to apply, and the
#: function itself. A concave f gives ``f(\sum_i p_i u_i) \ge \sum_i p_i f(u_i)``, a convex one
#: the reverse.
_JENSEN = (
    (r"\log", True, "positive", sympy.log),
    (r"\sqrt{\cdot}", True, "nonnegative", sympy.sqrt),
    (r"\exp", False, None, sympy.exp),
)


def _jensen_simplex(G, dom: Domain, simplices: dict, proof: Proof, strict: bool) -> bool:
    r"""Jensen's inequality for a simplex ``p`` (``p_i \ge 0``, ``\sum_{i=1}^{n} p_i = 1``):
    ``f(\sum_i p_i u_i) \ge \sum_i p_i f(u_i)`` for a concave f (``\log`` with every
    ``u_i > 0``, ``\sqrt{\cdot}`` with every ``u_i \ge 0``), ``\le`` for a convex f (``e^{t}``,
    ``t^{2k}``). A term ``c f(S)`` of G is replaced by ``c \sum_i p_i f(u_i)`` where that is a
    lower bound: c >= 0 for a concave f, c <= 0 for a convex one; the rest of G is then proved
    >= 0 (> 0 when strict) by ``prove_nonnegative``.

    Side conditions, each checked: the sum runs over the simplex's whole range 1..n (over part of
    it, or with weights that are not a simplex, ``\log \sum_i w_i x_i \ge \sum_i w_i \log x_i``
    is false: w = (1/10, 1/10), x = (1, 1) gives log(1/5) < 0); its body is ``p_i`` (to the
    first power) times a factor ``u_i``; the sum does not occur in G other than in that one term; the condition on ``u_i``
    holds on the declared domains. n = 1 is covered (both sides are f(u_1)); an empty range
    cannot occur (a dim is at least 1). The bound is never strict (equality when the u_i are
    equal), so a strict claim needs the rest to be strictly positive."""
    # not power_exp: e^{\sum_i t_i} would become \prod_i e^{t_i}
    G = sympy.expand(G, power_base=False, power_exp=False, log=False)
    for term, fname, concave, lowered, weight in _jensen_candidates(G, dom, simplices):
        coeff = G.coeff(term)
        if coeff == 0 or (G - coeff * term).has(term):
            continue
        if not (dom.nonnegative(coeff) if concave else dom.nonnegative(-coeff)):
            continue
        bound = G.xreplace({term: lowered})
        name = _latex(weight.base)
        kind = "concave" if concave else "convex"
        relation = r"\ge" if concave else r"\le"
        mark = proof.mark()
        proof.add(
            rf"apply Jensen's inequality with the weights ${name}_i$ (a simplex: ${name}_i \ge 0$, "
            rf"$\sum_i {name}_i = 1$ over the whole range of ${name}$); ${fname}$ is {kind}, so "
            rf"${_latex(term)} {relation} {_latex(lowered)}$",
            bound,
            ">=",
        )
        if prove_nonnegative(bound, dom, proof, strict):
            return True
        proof.undo(mark)
    return False


def _jensen_candidates(G, dom: Domain, simplices: dict):
    r"""``(term, name of f, concave, \sum_i p_i f(u_i), p_i)`` for every ``f(\sum_i p_i u_i)`` in G
    whose sum meets the side conditions of ``_jensen_simplex``."""
    for node in sympy.preorder_traversal(G):
        if isinstance(node, sympy.Pow) and node.exp.is_Integer and node.exp > 0:
            k = int(node.exp)
            if k % 2:
                continue
            s, fname, concave, f = node.base, f"t^{{{k}}}", False, lambda t, k=k: t**k
            condition = None
        elif isinstance(node, sympy.Pow) and node.exp == sympy.S.Half:
            s, fname, concave, f = node.base, r"\sqrt{\cdot}", True, sympy.sqrt
            condition = "nonnegative"
        elif isinstance(node, (sympy.log, sympy.exp)):
            row = next(r for r in _JENSEN if r[3] is node.func)
            s, (fname, concave, condition, f) = node.args[0], row
        else:
            continue
        split = _simplex_weights(s, simplices)
        if split is None:
            continue
        var, lo, hi, weight, u = split
        if condition == "positive" and not dom.positive(u):
            continue
        if condition == "nonnegative" and not dom.nonnegative(u):
            continue
        yield node, fname, concave, sympy.Sum(weight * f(u), (var, lo, hi)), weight


def _simplex_weights(s, simplices: dict):
    r"""``(i, 1, n, p_i, u_i)`` when ``s`` is ``\sum_{i=1}^{n} p_i u_i`` over the whole range of a
    declared simplex ``p``, else None."""
    if not isinstance(s, sympy.Sum) or len(s.limits) != 1:
        return None
    var, lo, hi = s.limits[0]
    factors = sympy.Mul.make_args(s.function)
    for w in factors:
        if (
            isinstance(w, sympy.Indexed)
            and str(w.base.label) in simplices
            and w.indices == (var,)
            and lo == 1
            and hi == simplices[str(w.base.label)]
        ):
            rest = list(factors)
            rest.remove(w)
            return var, lo, hi, w, sympy.Mul(*rest)
    return None


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
                merged = _algebra.normalize_sums(sympy.expand(merged, log=False), frozenset())
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
