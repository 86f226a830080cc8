r"""The audit of a proof and the confirmation of a counterexample, both in high precision.

``audit`` re-evaluates every recorded step of a proof at sampled points of the declared domains
(sizes n = 1, 2, 3, boundaries and corners, extreme magnitudes, free indices at both ends of
their range), in ``PRECISION`` digits with SymPy/mpmath, independently of the rules that made the
steps: a rewrite must keep the value, a lower bound must not exceed the step before it, and the
last step must meet the goal (= 0, >= 0, > 0). A step that fails turns ``proved`` into
``unknown``.

The confirmation of a counterexample is in ``_confirm``.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from .. import _functions as F
from .._errors import DerivaxError
from ._audit_points import PRECISION, _admissible, _every_entry, _satisfy, points
from ._gaps import CONSTANT_PRECISION, constant_gap_fails
from ._precise import NotEvaluable, Point, at, holds, value


def audit(
    rel, rules, conditions, proof, table, count: int = 4, deadline: float | None = None
) -> tuple[bool, str]:
    """(passed, account). Every step of ``proof`` at ``count`` points of the domain."""
    from .._budget import clock as _clock

    lhs0, rhs0 = rel.lhs, rel.rhs
    kind = type(rel)
    unsampleable = [
        a
        for a, _ in rules
        if not isinstance(a, (sympy.Symbol, sympy.Indexed, AppliedUndef, sympy.MatrixSymbol))
    ]
    if unsampleable:
        # no random point satisfies A v = lambda v: the steps stand on SymPy's rewriting alone
        return True, f"not audited: no sampled point satisfies the given `{unsampleable[0]} = ...`"
    flip = kind in (sympy.LessThan, sympy.StrictLessThan)
    exprs = [
        lhs0,
        rhs0,
        *(b for _, b in rules),
        *(st.expr for st in proof.entries if isinstance(st.expr, sympy.Basic)),
    ]
    exprs += [c.lhs for c in conditions] + [c.rhs for c in conditions]
    audited = 0
    for p in points(exprs, table, count):
        if deadline is not None and _clock() > deadline:
            break
        _drop_defined_applications(rules, p)
        if not _satisfy(rules, p) or (conditions and not _admissible(conditions, p)):
            continue
        claim_rules = _claim_rules(lhs0, rhs0, rules, p)
        previous = _claim_values(lhs0, rhs0, flip, claim_rules, proof, p)
        if previous is None:
            continue  # the claim itself has no value here: nothing to audit
        where = _describe(p)
        failure = (
            constant_gap_fails(proof, lhs0, rhs0, flip, claim_rules, previous["gap"], p, where)
            or _sides_differ(proof, lhs0, rhs0, claim_rules, previous, p, where)
            or _failed_step(proof, previous, p, where)
            or _failed_conclusion(proof, previous["gap"], where)
        )
        if failure and p.rounded:
            continue  # a quadrature (which may miss a far peak) confirms a step, never blames one
        if failure:
            return False, failure
        audited += 1
    if audited == 0:
        return True, "the audit found no point where the claim has a value"
    return True, f"audited at {audited} points in {PRECISION}-digit arithmetic"


def _drop_defined_applications(rules, p: Point) -> None:
    """An application of a defined function other than the defined one (f(3) with f(x) = x^2)
    takes its value from the definition, not from sampling: its sampled value is dropped.

    (A definition of the function, f(x) = ..., has distinct plain parameters and a body free of
    f; a value such as P(A | B) = ..., or P(A, B) = P(A | B) P(B), defines that application
    only, and the other applications keep their samples.)"""
    defined = {
        a
        for a, b in rules
        if isinstance(a, AppliedUndef)
        and a.args
        and len(set(a.args)) == len(a.args)
        and all(isinstance(x, sympy.Symbol) for x in a.args)
        and not any(f.func == a.func for f in b.atoms(AppliedUndef))
    }
    for key in [k for k in p.values if isinstance(k, AppliedUndef)]:
        if any(key.func == d.func for d in defined) and key not in defined:
            del p.values[key]


def _claim_rules(lhs0, rhs0, rules, p: Point):
    """The definitions the claim's sides are evaluated with at ``p``.

    Defined quantities have their values at the point; the definitions themselves are needed
    only for applications other than the defined one (f(3) with f(x) = x^2 given), and for a
    derivative of a defined function (f'(w) with f(w) = ... given: a sampled value of f(w) has
    no derivative)."""
    both = sympy.Tuple(lhs0, rhs0)
    apps = both.atoms(AppliedUndef)
    differentiated = [d.expr for d in both.atoms(sympy.Derivative)] + [
        g.args[0] for g in both.atoms(*F.DERIVATIVE_NODES)
    ]
    return (
        rules
        if any(at(x, p) not in p.values for x in apps)
        or any(_every_entry(a, p) for a, _ in rules)
        or any(
            (
                a.func in {f.func for f in body.atoms(AppliedUndef)}
                # dL/dw of L(w) = ... written bare: the definition is what is differentiated
                or (isinstance(body, sympy.Symbol) and body.name == str(a.func))
            )
            if isinstance(a, AppliedUndef)
            else body.has(a)
            or (
                isinstance(a, sympy.MatrixSymbol)
                and any(str(b.label) == a.name for b in body.atoms(sympy.IndexedBase))
            )
            for a, _ in rules
            for body in differentiated
        )
        else ()
    )


def _claim_values(lhs0, rhs0, flip: bool, claim_rules, proof, p: Point) -> dict | None:
    """The values at ``p`` the proof's steps are compared with: the ``gap`` (lhs - rhs, or
    rhs - lhs for a <= claim), and both sides where a step bounds one of them; None where the
    claim has no value at ``p``."""
    sides = any(st.side in ("lhs", "rhs") for st in proof.entries)
    try:
        # the gap as one expression: evalf resolves the cancellation that L - R would lose
        whole = (rhs0 - lhs0) if flip else (lhs0 - rhs0)
        gap = value(
            whole, p, PRECISION, integrals="audit", rules=claim_rules, exhausted_is_zero=True
        )
    except NotEvaluable:
        return None
    except DerivaxError:  # derivax's own errors pass (a ShapeError is a ValueError too)
        raise
    except (TypeError, ValueError, sympy.ShapeError):
        gap, sides = None, True
    previous = {}
    if sides:
        try:
            L = value(
                lhs0, p, PRECISION, integrals="audit", rules=claim_rules, exhausted_is_zero=True
            )
            R = value(
                rhs0, p, PRECISION, integrals="audit", rules=claim_rules, exhausted_is_zero=True
            )
        except NotEvaluable:
            return None
        if isinstance(L, sympy.MatrixBase) != isinstance(R, sympy.MatrixBase) and not (
            _is_zero(R) or _is_zero(L)
        ):
            return None
        previous = {"lhs": L, "rhs": R}
        if gap is None:
            gap = (
                L
                if isinstance(L, sympy.MatrixBase) and _is_zero(R)
                else (R - L)
                if flip
                else (L - R)
            )
    previous["gap"] = gap
    return previous


def _sides_differ(proof, lhs0, rhs0, claim_rules, previous: dict, p: Point, where: str) -> str:
    """For an identity (goal = 0): the account of sides that differ at ``p``, or "".

    The gap was evaluated as one expression with only certain digits (SymPy's strict evalf), so
    at a point whose values are all exact rationals any nonzero digit is a real difference, however
    small against 1: ``log(1 + tanh(e^{-40})^2) = log(1 + e^{-80})`` differs by 2e-70. Where a
    definition put a rounded value into the point (150 digits), the gap is compared with the
    sides' own size. A claim with no symbols has the same gap at every point; one that shows no
    digit at 50 is evaluated again at ``CONSTANT_PRECISION`` digits (the case that would still
    pass: a difference below 10^-4000 of its terms, which the corrected zero test of the rewriting
    itself has to catch)."""
    if proof.goal != "= 0":
        return ""
    gap = previous["gap"]
    constant = not sympy.Tuple(lhs0, rhs0).free_symbols and not claim_rules
    if constant and all(_is_zero(x) for x in _entries(gap)):
        try:
            gap = value(lhs0 - rhs0, p, CONSTANT_PRECISION, exhausted_is_zero=True)
        except (NotEvaluable, TypeError, ValueError):
            return ""
    nonzero = [x for x in _entries(gap) if not _is_zero(x)]
    if not nonzero:
        return ""
    if not _exact_point(p):
        try:
            sides = previous.get("lhs"), previous.get("rhs")
            if sides[0] is None:
                sides = (
                    value(lhs0, p, PRECISION, "audit", rules=claim_rules, exhausted_is_zero=True),
                    value(rhs0, p, PRECISION, "audit", rules=claim_rules, exhausted_is_zero=True),
                )
        except (NotEvaluable, TypeError, ValueError):
            return ""
        tol = sympy.Float(10, PRECISION) ** (5 - PRECISION)
        scale = sum((abs(x) for side in sides for x in _entries(side)), sympy.S.Zero)
        # sides that cancel to 0 (X^T (y - X w) with w the rounded solution) have no size of
        # their own: the rounding is of the size of the point's values
        scale += _size_of_values(p)
        if all(abs(x) <= tol * scale for x in nonzero):
            return ""
    return f"the audit failed: the sides of the identity differ by {_show(nonzero[0])} at {where}"


def _exact_point(p: Point) -> bool:
    """Whether every value of ``p`` is exact: a sampled binary float (entered as its exact
    rational) or a rational, not a defined value rounded to digits (a SymPy Float), and no
    integral there was taken by quadrature."""
    if p.rounded:
        return False
    for v in p.values.values():
        for x in np.asarray(v, dtype=object).ravel():
            if not isinstance(x, (int, float, np.integer, np.floating, sympy.Rational)):
                return False
    return True


def _failed_step(proof, previous: dict, p: Point, where: str) -> str:
    """The account of the first step of ``proof`` that does not hold at ``p``, or ""; the value
    of each step on the gap becomes ``previous["gap"]``, the one the next step is compared with."""
    seen: dict = {}
    for n, st in enumerate(proof.entries):
        if st.side not in previous or not isinstance(st.expr, sympy.Basic):
            continue
        try:
            if st.expr not in seen:
                seen[st.expr] = value(
                    st.expr, p, PRECISION, integrals="audit", exhausted_is_zero=True
                )
            v = seen[st.expr]
        except NotEvaluable:
            seen[st.expr] = None
            continue
        if v is None:
            continue
        target = previous[st.side]
        rel_kind = st.relation
        ok = (
            holds("=", v, target, PRECISION)
            if rel_kind == "="
            else holds(rel_kind, target, v, PRECISION)
        )
        if (
            st.side == "gap"
            and rel_kind == "="
            and isinstance(v, sympy.MatrixBase) != isinstance(target, sympy.MatrixBase)
        ):
            ok = _zero(v) and _zero(target)
        if not ok:
            return (
                f"the audit failed: step {n + 1} ({st.rule}) does not hold at {where} "
                f"({_show(v)} against {_show(target)})"
            )
        previous["gap"] = v if st.side == "gap" else previous["gap"]
    return ""


def _failed_conclusion(proof, final, where: str) -> str:
    """The account of a last value ``final`` that does not meet the proof's goal, or ""."""
    goal = proof.goal
    if goal == "> 0" and any(st.relation == ">" and st.side == "gap" for st in proof.entries):
        goal = ">= 0"  # a strict step in the chain: the last bound may be 0
    ok = (
        _zero(final)
        if goal == "= 0"
        else all(x > 0 for x in _entries(final))
        if goal == "> 0"
        else holds(
            ">=",
            final,
            sympy.S.Zero if not isinstance(final, sympy.MatrixBase) else final * 0,
            PRECISION,
        )
    )
    if not ok:
        return f"the audit failed: the conclusion ({goal}) does not hold at {where} (value {_show(final)})"
    return ""


def audit_instances(
    rel, rules, conditions, proof, table, count: int = 4, deadline: float | None = None
) -> tuple[bool, str]:
    """``audit``, and where it finds no point with a value because the claim is about
    unspecified functions (``\\int f(\tau) g(t - \tau) d\tau``, whose sampled values make no
    integral), the same audit with each such function replaced by a concrete smooth one, a
    Gaussian bump ``c e^{-(x - m)^2}`` with rational c and m (a product of bumps for several
    arguments). Side condition: a claim that holds for every function holds for these; the
    instance checks the proof's steps, it proves nothing by itself."""
    passed, account = audit(rel, rules, conditions, proof, table, count, deadline)
    if not passed or not account.startswith("the audit found no point"):
        return passed, account
    defined = {a.func for a, _ in rules if isinstance(a, AppliedUndef)}
    whole = sympy.Tuple(rel.lhs, rel.rhs, *(b for _, b in rules))
    functions = {a.func for a in whole.atoms(AppliedUndef)} - defined
    if not functions or any(isinstance(x, sympy.MatrixExpr) for x in whole.atoms(AppliedUndef)):
        return passed, account
    from copy import copy

    rng = np.random.default_rng(3)
    for _ in range(2):
        repl = {}
        for f in sorted(functions, key=str):
            arity = next(len(a.args) for a in whole.atoms(AppliedUndef) if a.func == f)
            xs = [sympy.Dummy(f"x{k}", real=True) for k in range(arity)]
            c = sympy.Rational(int(rng.integers(1, 9)), int(rng.integers(1, 5)))
            ms = [sympy.Rational(int(rng.integers(-4, 5)), int(rng.integers(1, 4))) for _ in xs]
            repl[f] = sympy.Lambda(
                tuple(xs),
                c * sympy.exp(-sympy.Add(*[(x - m) ** 2 for x, m in zip(xs, ms, strict=True)])),
            )

        def inst(e, repl=repl):
            if not isinstance(e, sympy.Basic):
                return e
            return e.replace(
                lambda node: isinstance(node, AppliedUndef) and node.func in repl,
                lambda node: repl[node.func](*node.args),
            )

        concrete_proof = copy(proof)
        concrete_proof.entries = [
            type(st)(st.rule, inst(st.expr), st.relation, st.side, st.shown) for st in proof.entries
        ]
        passed, account = audit(
            type(rel)(inst(rel.lhs), inst(rel.rhs), evaluate=False),
            [(inst(a), inst(b)) for a, b in rules],
            [type(g)(inst(g.lhs), inst(g.rhs), evaluate=False) for g in conditions],
            concrete_proof,
            table,
            count,
            deadline,
        )
        if not passed or not account.startswith("the audit found no point"):
            names = ", ".join(sorted(map(str, functions)))
            return passed, f"{account}, with {names} replaced by concrete Gaussian bumps"
    return passed, account


def _entries(v):
    return list(v) if isinstance(v, sympy.MatrixBase) else [v]


def _zero(v) -> bool:
    return all(holds("=", x, sympy.S.Zero, PRECISION) for x in _entries(v))


def _show(v) -> str:
    if isinstance(v, sympy.MatrixBase):
        return "[" + ", ".join(sympy.sstr(sympy.Float(x, 12)) for x in v) + "]"
    return sympy.sstr(sympy.Float(v, 12))


def _describe(p: Point) -> str:
    parts = [f"{k} = {v}" for k, v in p.sizes.items()] + [
        f"{k} = {v}" for k, v in p.indices.items()
    ]
    for k, v in p.values.items():
        arr = np.asarray(v, dtype=object)
        if arr.ndim == 0:
            parts.append(f"{k} = {float(arr.item()):.6g}")
        else:
            parts.append(f"{k} = {np.round(arr.astype(float), 6).tolist()}")
    return ", ".join(parts)


def _size_of_values(p: Point) -> sympy.Expr:
    """The largest magnitude among the point's values (0 for none)."""
    import numpy as np

    sizes = [
        float(np.max(np.abs(np.asarray(v, dtype=float))))
        for v in p.values.values()
        if np.size(v) and np.asarray(v).dtype != object
    ]
    return sympy.Float(max(sizes, default=0.0), PRECISION)


def _is_zero(v) -> bool:
    """A scalar value that is 0 (SymPy's ``Float(0) == 0`` is False); a matrix never is."""
    return not isinstance(v, sympy.MatrixBase) and getattr(v, "is_zero", None) is True
