"""``check``: a claim gets a verdict, cheapest strategy first.

0. claims about expectations, variances and covariances go to ``_moments`` alone: proved by
   rewriting into moments (audited on finite distributions), refuted by a finite distribution
   summed exactly (``_distributions``), else plausible or unknown; the steps below have no value
   for a moment;
1. symbolic: substitute the givens, take derivatives, rewrite to zero (identities) or bound
   below by 0 with the lemma library and the decision procedure (inequalities), in a worker
   under the time budget; a proof is returned only after its audit (every step re-evaluated in
   50-digit arithmetic at points of the declared domains, ``_audit``);
2. numeric falsification in float64 on compiled JAX functions: random points and the
   boundaries of the declared domains, then an adversarial search along jax.grad of the
   violation; a violation refutes only once the claim as written violates the relation at 30,
   60 and 120 digits (``_confirm.confirm``);
3. otherwise plausible (no counterexample), unknown (nothing applicable, or float64 violations
   that high precision cannot evaluate) or timeout.

``proved`` is never given on numeric evidence.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._budget import clock, require_budget, within
from .._errors import CompileError, DerivaxError, VerifyTimeout
from .._numbered_members import unmatched_member
from .._random import has_moments
from .._reading import read_claim
from ._arity import applied_off_definition
from ._cost import cheap_at_a_point as _cheap_at_a_point
from ._found import search_verdict as _search_verdict
from ._layouts import decide_both, unsaid
from ._searched import search_sides
from ._shapes import shapes_differ as _shapes_differ
from ._unwritten import settle as _settle_ranges
from ._unwritten import unknown_instead
from ._verdict import Verdict

_RELATIONS = (
    sympy.Equality,
    sympy.LessThan,
    sympy.GreaterThan,
    sympy.StrictLessThan,
    sympy.StrictGreaterThan,
)


from ._symbolic import _join as _join  # noqa: E402
from ._symbolic import _latex as _latex  # noqa: E402
from ._symbolic import _method as _method  # noqa: E402
from ._symbolic import _split as _split  # noqa: E402
from ._symbolic import _symbolic as _symbolic  # noqa: E402
from ._symbolic import _symbolic_pieces as _symbolic_pieces  # noqa: E402


def _is_definition(lhs) -> bool:
    """A given whose left side names one quantity (a symbol, an application, an entry)."""
    from sympy.core.function import AppliedUndef

    return isinstance(lhs, (sympy.Symbol, sympy.MatrixSymbol, AppliedUndef, sympy.Indexed))


def _summed_by_convention(rel) -> str:
    """An index carried by two factors of one product on one side and nowhere on the other
    (``\\delta_{ik}\\delta_{jl} A_{ji} = A_{lk}``): under Einstein's convention it is summed, and
    read without the sum the claim means something else. Its name, or ""."""
    if not isinstance(rel, sympy.core.relational.Relational) or isinstance(rel.lhs, MatrixExpr):
        return ""

    def indices(e) -> set:
        """The free indices of ``e`` (a derivative's variable included)."""
        bound = set()
        for node in sympy.preorder_traversal(e):
            if isinstance(node, (sympy.Sum, sympy.Product, F.IndexMax)):
                bound |= {lim[0] for lim in node.limits}
        found = set()
        for node in sympy.preorder_traversal(e):
            if isinstance(node, (sympy.Indexed, sympy.KroneckerDelta)):
                idx = node.indices if isinstance(node, sympy.Indexed) else node.args
                for i in idx:
                    found |= {
                        x for x in i.free_symbols if x.is_integer and not x.is_positive
                    } - bound
        return found

    sides = [rel.lhs, rel.rhs]
    free = [indices(side) for side in sides]
    for k, side in enumerate(sides):
        for x in sorted(free[k] - free[1 - k], key=str):

            def carries(e, x=x) -> bool:
                return x in indices(e)

            # a product carrying it in two factors (x_i y_i), and no term of the side carrying it
            # in one; a power is one factor (x_i^2 is the square of entry i, and SymPy writes
            # x_i x_i so too)
            twice = any(max(_term_counts(node, carries)) >= 2 for node in side.atoms(sympy.Mul))
            if twice and 1 not in _term_counts(side, carries):
                return str(x)
    return ""


def _term_counts(e, carries, cap: int = 3) -> set[int]:
    """How many factors carry an index in each term of ``e`` once multiplied out, as a set of
    counts (capped at ``cap``), without multiplying out. A side with a term that carries the
    index once (``1_{i=j} e^{a_i} - e^{a_j} e^{a_i}``) has it free under any coherent reading:
    Einstein's convention cannot sum it in one term and leave it free in the next."""
    if isinstance(e, sympy.Add):
        return set().union(*(_term_counts(a, carries, cap) for a in e.args))
    if isinstance(e, sympy.Mul):
        counts = {0}
        for factor in e.args:
            mine = _term_counts(factor, carries, cap)
            counts = {min(a + b, cap) for a in counts for b in mine}
        return counts
    if not carries(e):
        return {0}
    # a function of a summed product, \exp(x_i y_i): the index is a dummy inside it
    inner = set().union(
        *(_term_counts(a, carries, cap) for a in e.args if isinstance(a, sympy.Expr))
    )
    return {0} if inner and max(inner) >= 2 and 1 not in inner else {1}


def check(claim, symbols=None, given: Sequence = (), timeout: float = 10.0) -> Verdict:
    """Decide a claim: proved (with steps), refuted (with a counterexample), plausible, unknown
    or timeout.

    >>> check(r"\\sigma(-x) = 1 - \\sigma(x)").status
    'proved'
    >>> check(r"\\sigma(x) \\le \\frac{1}{2}").status
    'refuted'
    """
    start, begun = time.perf_counter(), clock()
    require_budget(timeout)
    # the one reading of the claim, at this entry (a string from the catalog, a batch file or
    # check-doc; derivax._api reads the user's text before it calls this)
    rel, table, givens, pairs, laws, text = read_claim(claim, symbols, given)
    if unsaid(rel, givens):
        return decide_both(
            lambda r, read_givens, budget: check(r, table, read_givens, budget),
            rel,
            givens,
            timeout,
            start,
            text,
        )
    if isinstance(rel, (F.Definite, F.Proportional)):
        return _of_its_own_kind(rel, givens, table, timeout, start, text)
    if isinstance(rel, sympy.And):
        parts = [check(r, table, givens, max(timeout - (clock() - begun), 0.1)) for r in rel.args]
        return _combine(parts, start, text)
    if not isinstance(rel, _RELATIONS):
        raise DerivaxError(
            f"`{text}` is not a claim; write an equation or an inequality (=, \\le, \\ge, <, >)"
        )
    bad = [g for g in givens if not isinstance(g, _RELATIONS)]
    if bad:
        raise DerivaxError(f"the given `{bad[0]}` is not an equation or inequality")

    summed = _summed_by_convention(rel)
    if summed:
        raise DerivaxError(
            f"`{summed}` is written twice in a product on one side of `{text}` and not on the "
            f"other: under Einstein's convention it is summed, but derivax sums only what is "
            f"written; write the sum (`\\sum_{{{summed}}}`)"
        )
    searched = rel  # the relation the numeric search samples: its limits in closed form
    if rel.has(sympy.Limit) or any(g.has(sympy.Limit) for g in givens):
        from ._limits import settle_limits

        limited, searched = settle_limits(rel, givens, timeout, start, text)
        if limited is not None:
            return limited
    shapes = _by_shapes(rel, start, text)
    if shapes is not None:
        return shapes
    if has_moments(rel) or any(has_moments(g) for g in givens) or pairs or laws:
        verdict = _by_moments(rel, givens, (pairs, laws), table, timeout, start, text)
        return _settle(verdict, rel, givens, table)
    deadline = begun + timeout
    if _quick_look(rel, givens):
        # a claim of scalars with no givens is evaluated operation by operation at a few dozen
        # points in milliseconds: a counterexample found there (confirmed and certified as any)
        # spares the proof its budget, which a false claim would spend in full
        looked = _by_search(
            searched,
            givens,
            table,
            timeout,
            begun + min(0.1 * timeout, 1.0),
            "not yet",
            start,
            text,
            written=rel,
            quick=True,
        )
        if looked.status == "refuted":
            return _settle(looked, rel, givens, table)
    verdict, symbolic_note = _by_proof(rel, givens, table, timeout, start, text)
    if verdict is not None:
        return _settle(verdict, rel, givens, table)
    verdict = _by_search(
        searched, givens, table, timeout, deadline, symbolic_note, start, text, written=rel
    )
    opaque = F.opaque_in(rel)
    if verdict.status == "refuted" and len(opaque) > 1:
        # two derivatives of unspecified quantities sampled as unrelated free inputs
        # (\nabla_{A^T} f(A) against (\nabla_A f(A))^T): how they relate is exactly what the
        # claim is about, and free samples cannot refute it. One such quantity alone is an input
        # like any other (\theta + \eta g = \theta - \eta g is false for every g != 0).
        return Verdict(
            "unknown",
            reason=f"refuted only with `{opaque[0]}` and `{opaque[1]}` taken as unrelated free "
            f"quantities: each is the derivative of something that, as written, depends on "
            f"nothing; declare it a function and apply it, or give its definition, to decide",
            samples=verdict.samples,
            seconds=verdict.seconds,
            claim=text,
        )
    return _settle(verdict, rel, givens, table)


def _of_its_own_kind(rel, givens, table, timeout: float, start: float, text: str) -> Verdict:
    """A claim of definiteness (``M \\succeq 0``) or proportionality (``A \\propto B``)."""
    if isinstance(rel, F.Definite):
        from ._definite import decide

        return decide(rel, givens, table, timeout, start, text)
    from ._proportional import decide as proportional

    return proportional(
        rel, givens, table, timeout, start, text, lambda c, t: check(c, table, givens, t)
    )


def _settle(verdict: Verdict, rel, givens, table) -> Verdict:
    """``verdict`` as it stands for unwritten ranges (``_unwritten.settle``) and for a claim
    about a member of a family a given writes for every index (``g_1`` beside ``g_i = ...``)
    that no instance of the given reached: such a refutation is ``unknown``."""
    verdict = _settle_ranges(verdict, rel, givens, table)
    if verdict.status == "refuted" and (
        why := unmatched_member(rel, givens, table) or applied_off_definition(rel, givens)
    ):
        return unknown_instead(verdict, why)
    return verdict


def _quick_look(rel, givens) -> bool:
    """Whether the claim gets the quick numeric look before its proof: no givens, no array, no
    integral, sum, product or limit (whose values the search would build at a cost); a
    derivative of scalars is taken by the search as it is by the proof."""
    return (
        not givens
        and not rel.atoms(sympy.MatrixSymbol, sympy.Indexed, sympy.IndexedBase)
        and not rel.has(sympy.Integral, sympy.Sum, sympy.Product, sympy.Limit)
        and not rel.has(*F.DERIVATIVE_NODES)
    )


def _by_shapes(rel, start: float, text: str) -> Verdict | None:
    """A matrix equation whose sides have shapes that differ at some sizes has no value there, so
    those sizes are no counterexample: where the shapes can agree (m = n for m x n against
    n x m) the verdict is ``unknown`` and says which declaration decides; where they never
    agree the claim is refused."""
    mismatch = _shapes_differ(rel) if isinstance(rel, sympy.Equality) else None
    if mismatch is None:
        return None
    sizes, left, right, agree = mismatch
    at = ", ".join(f"{k} = {v}" for k, v in sizes.items())
    if agree is None:
        raise DerivaxError(
            f"the two sides of `{text}` have shapes that never agree ({left} against {right} at "
            f"{at}); an equation between matrices needs one shape on both sides"
        )
    return Verdict(
        "unknown",
        reason=f"the two sides have one shape only where {agree} (at {at} the left side is "
        f"{left} and the right side {right}, and the claim has no value); declare the sizes "
        f"equal (one dimension name) to decide it there",
        seconds=time.perf_counter() - start,
        claim=text,
    )


def _moments_pieces(rel_piece, given_pieces, pairs, laws, table):
    from ._by_moments import decide

    return decide(_join(rel_piece), [_join(g) for g in given_pieces], table, pairs, laws)


def _by_moments(rel, givens, facts, table, timeout: float, start: float, text: str) -> Verdict:
    """Claims about expectations, variances and covariances: proved by rewriting into moments
    (audited on finite distributions), refuted by a finite distribution summed exactly, or
    plausible after such distributions; never handed to the float64 search, which has no value
    for a moment."""
    try:
        out = within(
            max(0.9 * timeout, 0.05),
            _moments_pieces,
            _split(rel),
            [_split(g) for g in givens],
            *facts,
            table,
            what="the proof by moments",
        )
    except VerifyTimeout as e:
        return Verdict("timeout", reason=str(e), seconds=time.perf_counter() - start, claim=text)
    except DerivaxError:
        raise
    except Exception as e:
        # a form the moment rules were not written for (sqrt of an expectation inside a given):
        # undecided, with what stopped it
        return Verdict(
            "unknown",
            reason=f"the proof by moments stopped at a form it does not handle "
            f"({type(e).__name__}: {' '.join(str(e).split())[:160]})",
            seconds=time.perf_counter() - start,
            claim=text,
        )
    return Verdict(
        out.status,
        out.method,
        out.steps,
        out.counterexample,
        out.violation,
        out.samples,
        None,
        out.reason,
        time.perf_counter() - start,
        text,
        out.sides,
    )


def _by_proof(rel, givens, table, timeout: float, start: float, text: str):
    """``(verdict, note)``: the symbolic proof in its budgeted worker; a verdict when it proves
    the claim (audited) or finds it undecidable by rewriting, else the note of why not."""
    try:
        status, method, steps, note = within(
            max(0.6 * timeout, 0.05),
            _symbolic_pieces,
            _split(rel),
            [_split(g) for g in givens],
            table,
            what="the symbolic proof",
        )
    except VerifyTimeout as e:
        return None, str(e)
    except DerivaxError as e:
        return None, f"no symbolic proof: {e}"
    except Exception as e:
        return None, f"no symbolic proof ({type(e).__name__})"
    if status == "proved":
        verdict = Verdict(
            "proved", method, steps, reason=note, seconds=time.perf_counter() - start, claim=text
        )
        return verdict, ""
    if status == "unknown":
        verdict = Verdict(
            "unknown", reason=method, steps=steps, seconds=time.perf_counter() - start, claim=text
        )
        return verdict, ""
    return None, method


def _unsearchable(rel, definitions, conditions) -> str:
    """Why no random point can test ``rel`` under the givens, or ``""``."""
    defined = {
        g.lhs.func for g in definitions if isinstance(g.lhs, sympy.core.function.AppliedUndef)
    }
    inverse = next((a for a in rel.atoms(F.FunctionInverse) if type(a).inverse_of in defined), None)
    if inverse is not None:
        # f^{-1}(y) of a function a given defines is determined by it; sampled as a free value
        # it would refute true claims (f^{-1}(y) = (y - 1)/2 given f(x) = 2x + 1)
        return (
            f"`{inverse}` is the inverse of a function the givens define, which derivax does not "
            f"evaluate numerically"
        )
    unsampleable = [g for g in conditions if isinstance(g, sympy.Equality)]
    if unsampleable:
        # a counterexample must satisfy the givens; random points cannot satisfy A v = lambda v
        return (
            f"the given `{unsampleable[0]}` is no definition, so no random point can be made to "
            f"satisfy it"
        )
    return ""


def _by_search(
    rel, givens, table, timeout, deadline, symbolic_note, start, text, written=None, quick=False
) -> Verdict:
    """The numeric search for a counterexample, each confirmed in high precision and certified
    by the independent check; the verdict from what it found. ``written``: the claim as written,
    which the confirmation evaluates, where ``rel`` holds its limits in closed form. ``quick``:
    3 random points per size set and no adversarial ascent (the look before the proof)."""

    def undecided(status: str, reason: str) -> Verdict:
        return Verdict(status, reason=reason, seconds=time.perf_counter() - start, claim=text)

    written = rel if written is None else written
    from ._numeric import falsify
    from ._series import series_search

    # a name defined twice (y = a + b and y = 1) is defined by its first given; the others are
    # conditions every sampled point must meet, never definitions dropped unseen
    definitions: list = []
    for g in givens:
        if isinstance(g, sympy.Equality) and _is_definition(g.lhs):
            if all(d.lhs != g.lhs for d in definitions):
                definitions.append(g)
    conditions = [g for g in givens if g not in definitions]
    blocked = _unsearchable(rel, definitions, conditions)
    if blocked:
        return undecided("unknown", f"{symbolic_note}; {blocked}")
    # with series: sampled only where every series converges; a violation is confirmed on the
    # claim as written (its series summed numerically)
    found = series_search(rel, max(deadline - clock(), 0.05))
    if isinstance(found, str):
        return undecided("unknown", f"{symbolic_note}; no numeric test either: {found}")
    searched, conditions = found[0], [*conditions, *found[1]]
    try:
        _, free, sides, constraints = search_sides(
            searched, conditions, definitions, table, max(deadline - clock(), 0.05)
        )
    except VerifyTimeout:
        return undecided(
            "timeout", f"the budget of {timeout:g} s ran out entering the givens ({symbolic_note})"
        )
    except (CompileError, DerivaxError) as e:
        return undecided("unknown", f"{symbolic_note}; no numeric test either: {e}")
    if clock() > deadline:
        return undecided("timeout", f"the budget of {timeout:g} s ran out ({symbolic_note})")

    # the confirmation reads the claim as written (derivatives taken on the explicit expression,
    # then the definitions), independently of the rewriting that prepared the float64 search
    rules = [(g.lhs, g.rhs) for g in definitions]
    rejected: list[str] = []  # certificates the independent check rejected
    unevaluable: list[str] = []  # why high precision had no value at a float64 violation

    def confirm(values, sizes):
        return _confirm(
            written,
            rules,
            conditions,
            values,
            sizes,
            free,
            sides.ranges,
            deadline,
            table,
            (rejected, unevaluable),
        )

    try:
        search = falsify(
            sides,
            deadline,
            points=3 if quick else 32,
            constraints=constraints,
            confirm=confirm,
            adversarial=not quick,
            ties=0 if quick else 3,
        )
    except Exception as e:
        return undecided(
            "unknown",
            f"{symbolic_note}; the numeric test failed ({type(e).__name__}: "
            f"{str(e).splitlines()[0] if str(e) else ''})",
        )
    return _search_verdict(
        search, rejected, unevaluable, symbolic_note, timeout, time.perf_counter() - start, text
    )


def _certify_pieces(piece, rules, condition_pieces, point, table, ranges):
    from ._certify import check_refutation

    return check_refutation(
        _join(piece), rules, [_join(c) for c in condition_pieces], point, table, ranges
    )


def _confirm_pieces(piece, point, rules):
    from ._confirm import confirm

    return confirm(_join(piece), point, rules=rules)


def _confirm(rel, rules, conditions, values, sizes, free, ranges, deadline, table, notes):
    """The float64 violation at ``values`` re-evaluated in increasing precision (30, 60, 120
    digits) in a budgeted worker, then certified by the independent check (``_certify``);
    ``(free-index values, lhs, rhs, digits)`` when both accept it, else ``None`` (a rejected
    certificate is recorded in ``rejected``)."""
    import itertools

    import numpy as np

    from ._certify import completed
    from ._precise import Point, at

    rejected, unevaluable_reasons = notes
    point = Point(
        sizes=dict(sizes),
        values={k: np.asarray(v, float) if np.ndim(v) else float(v) for k, v in values.items()},
    ).on_simplices(table)
    # inputs of the claim as written that the search's reading no longer holds (X in
    # \nabla_X tr(A X) once the gradient is taken) get values from their domains
    point = completed(point, [rel, *(b for _, b in rules)], table)
    spans = []
    for i in free:
        lo, hi = ranges.get(i, (sympy.S.One, sympy.S.One))
        lo, hi = int(at(lo, point)), int(at(hi, point))
        spans.append(range(lo, hi + 1))
    budget = min(3.0, max(deadline - clock(), 0.5))
    # evaluating at a point is bounded work (finite sums of at most 500 terms, derivatives and
    # 5 x 5 matrices of explicit entries, evalf with a precision cap, exponentials of numbers up
    # to 10^4), except for integrals, products, factorials and powers with large or symbolic
    # exponents ((x + 1)^{10^{10}} of an exact rational): those run in a budgeted worker
    bounded = all(_cheap_at_a_point(e) for e in (rel.lhs, rel.rhs, *(b for _, b in rules)))
    unevaluable = False
    for combo in itertools.product(*spans):
        point.indices = dict(zip(free, combo, strict=True))
        try:
            if bounded:
                ok, lhs, rhs = _confirm_pieces(_split(rel), point, rules)
            else:
                ok, lhs, rhs = within(
                    budget,
                    _confirm_pieces,
                    _split(rel),
                    point,
                    rules,
                    what="the high-precision confirmation",
                )
        except (VerifyTimeout, DerivaxError) as e:
            unevaluable_reasons.append(str(e))
            return "unevaluable"
        if ok is None and lhs:
            unevaluable_reasons.append(lhs)
        if ok == "kink":
            return "kink"
        if ok:
            try:
                certificate = within(
                    budget,
                    _certify_pieces,
                    _split(rel),
                    rules,
                    [_split(g) for g in conditions],
                    point,
                    table,
                    ranges,
                    what="the independent check of the counterexample",
                )
            except (VerifyTimeout, DerivaxError) as e:
                rejected.append(f"the independent check could not finish ({e})")
                return None
            if not certificate.accepted:
                if not certificate.tie:
                    rejected.append(certificate.reason)
                return None
            return {str(k): v for k, v in point.indices.items()}, lhs, rhs, 120
        unevaluable = unevaluable or ok is None
    return "unevaluable" if unevaluable else None


def _combine(parts: list[Verdict], start: float, text: str) -> Verdict:
    order = ["refuted", "timeout", "unknown", "plausible", "proved"]
    worst = min(parts, key=lambda v: order.index(v.status))
    steps = [s for v in parts for s in v.steps]
    return Verdict(
        worst.status,
        worst.method,
        steps if worst.status == "proved" else worst.steps,
        worst.counterexample,
        worst.violation,
        sum(v.samples for v in parts),
        worst.max_deviation,
        worst.reason,
        time.perf_counter() - start,
        text,
    )
