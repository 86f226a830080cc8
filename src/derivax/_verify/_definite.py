r"""Claims of definiteness (``M \succeq 0``, ``M \succ 0``, ``A \succeq B``): proved by a structural
rule and audited, refuted by a point and a vector ``v`` with ``v^T M v < 0`` confirmed in high
precision, otherwise plausible.

The structural rules, each with its side conditions:

- a name declared ``spd``: positive definite (so semidefinite);
- the identity, times a scalar: positive definite when the scalar is > 0 on the domain;
- ``A^T A``, ``A A^T``, ``x x^T`` (a product whose second half is the transpose of its first),
  times a scalar >= 0 on the domain: positive semidefinite (``v^T A^T A v = |A v|^2``);
- ``B^T S B`` with ``S`` declared ``spd``, times a scalar >= 0: positive semidefinite;
- a sum of positive semidefinite terms: positive semidefinite; positive definite when one term is;
- ``c M`` with ``c >= 0`` (``> 0`` for definite) on the domain and ``M`` of the kind claimed.

A scalar's sign is decided by exact interval bounds over the declared domains and the given
inequalities (``Domain``), never by sampling. Every proof is audited: at sampled points (sizes 1, 2
and 3, edges of the domains) the smallest eigenvalue of ``M`` evaluated in 50-digit arithmetic
must be >= 0 (> 0 for definite) up to 10^-40 of the entries' size; a failed audit is ``unknown``.
"""

from __future__ import annotations

import time

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from ._domain import Domain
from ._precise import NotEvaluable, Point, value
from ._prepare import definitions
from ._verdict import Verdict


def _scalar_and_matrix(M) -> tuple[sympy.Expr, sympy.Basic]:
    if isinstance(M, sympy.MatMul):
        scal = [a for a in M.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in M.args if isinstance(a, MatrixExpr)]
        if scal and mats:
            rest = mats[0] if len(mats) == 1 else sympy.MatMul(*mats)
            return sympy.Mul(*scal), rest
    return sympy.S.One, M


def structural(M, dom: Domain, strict: bool) -> str | None:
    """The rule that shows ``M`` positive semidefinite (``strict``: definite), or None."""
    if dom.is_spd(M):
        return f"`{M}` is declared spd"
    if isinstance(M, sympy.Identity):
        return "the identity is positive definite"
    if isinstance(M, sympy.ZeroMatrix) and not strict:
        return "the zero matrix is positive semidefinite"
    if isinstance(M, sympy.MatAdd):
        reasons = [structural(a, dom, False) for a in M.args]
        if any(r is None for r in reasons):
            return None
        if strict and not any(structural(a, dom, True) for a in M.args):
            return None
        return "a sum of positive semidefinite terms (" + "; ".join(map(str, reasons)) + ")"
    if not strict and (dom.is_gram(M) or dom.is_congruence(M)):
        return f"`{M}` is a Gram product A^T A (or B^T S B with S spd) times a scalar >= 0"
    c, rest = _scalar_and_matrix(M)
    if c != 1:
        sign_ok = dom.positive(c) if strict else dom.nonnegative(c)
        inner = structural(rest, dom, strict) if sign_ok else None
        if inner is not None:
            return f"`{c}` is {'> 0' if strict else '>= 0'} on the domain, and {inner}"
    return None


def _min_eigen(m: sympy.ImmutableMatrix, dps: int):
    """The smallest eigenvalue of the symmetric part of ``m`` and its unit eigenvector, in mpmath."""
    import mpmath

    with mpmath.workdps(dps + 10):
        a = mpmath.matrix([[mpmath.mpf(str(x)) for x in m.row(r)] for r in range(m.rows)])
        sym = (a + a.T) / 2
        evals, evecs = mpmath.eigsy(sym)
        k = min(range(len(evals)), key=lambda i: evals[i])
        scale = max([abs(x) for x in a] + [mpmath.mpf(1)])
        return evals[k], [evecs[r, k] for r in range(m.rows)], scale


def _points(M, rules, conditions, table, count: int, seed: int) -> list[Point]:
    """Sampled points of the declared domains where every given inequality holds."""
    from ._audit_points import _admissible, points

    exprs = [M, *(b for _, b in rules), *conditions]
    return [p for p in points(exprs, table, count=count, seed=seed) if _admissible(conditions, p)]


def _quadratic(M, p: Point, v: list, prec: int, rules):
    """``v^T M v`` at ``p`` to ``prec`` digits, ``v`` exact rationals."""
    m = value(M, p, prec, rules=rules)
    vec = sympy.ImmutableMatrix(len(v), 1, v)
    return sympy.N((vec.T * m * vec)[0, 0], prec)


def _show(p: Point) -> dict:
    out = {str(k): v.tolist() if isinstance(v, np.ndarray) else v for k, v in p.values.items()}
    out.update({str(k): int(v) for k, v in p.sizes.items()})
    return out


def decide(rel: F.Definite, givens, table, timeout: float, start: float, text: str) -> Verdict:
    """The verdict on ``rel`` under the givens, within ``timeout`` seconds."""
    rules = definitions(givens)
    strict = rel.kind == "pd"
    M = rel.matrix
    conditions = [
        g
        for g in givens
        if isinstance(g, sympy.core.relational.Relational) and not isinstance(g, sympy.Equality)
    ]
    dom = Domain.of(table, conditions)
    rule = structural(M, dom, strict) if not rules else None
    deadline = start + timeout
    if rule is not None:
        return _audited(M, rule, strict, conditions, table, start, text)
    samples, worst = 0, 0.0
    for seed in range(64):
        if time.perf_counter() > deadline:
            break
        for p in _points(M, rules, conditions, table, 6, seed + 1):
            try:
                lam, vec, scale = _min_eigen(value(M, p, 30, rules=rules), 30)
            except NotEvaluable:
                continue
            samples += 1
            worst = max(worst, float(-lam / scale))
            if lam < -scale * 1e-20 or (strict and lam <= 0):
                found = _refutation(M, p, vec, rules, strict, start, text, samples)
                if found is not None:
                    return found
    if samples == 0:
        return Verdict(
            "unknown",
            reason="the matrix has no value at any sampled point",
            seconds=time.perf_counter() - start,
            claim=text,
        )
    return Verdict(
        "plausible",
        method="smallest eigenvalue at sampled points (30 digits)",
        samples=samples,
        max_deviation=worst,
        reason="no structural rule applies; no point where the smallest eigenvalue is negative",
        seconds=time.perf_counter() - start,
        claim=text,
    )


def _refutation(M, p, vec, rules, strict, start, text, samples) -> Verdict | None:
    """A refutation at ``p`` once ``v^T M v`` < 0 (<= 0 would need an exact zero: not used) holds
    at 30, 60 and 120 digits with ``v`` made exact."""
    v = [sympy.Rational(str(sympy.Float(str(x), 20))) for x in vec]
    if all(x == 0 for x in v):
        return None
    values = []
    for prec in (30, 60, 120):
        try:
            q = _quadratic(M, p, v, prec, rules)
        except NotEvaluable:
            return None
        if not q < 0:
            return None
        values.append(q)
    shown = _show(p)
    shown["v"] = [float(x) for x in v]
    return Verdict(
        "refuted",
        method="a vector v with v^T M v < 0 at a sampled point",
        counterexample=shown,
        violation=float(-values[-1]),
        samples=samples,
        reason=f"confirmed in 120-digit arithmetic: v^T M v = {sympy.N(values[-1], 12)}",
        seconds=time.perf_counter() - start,
        claim=text,
        sides={"lhs": str(sympy.N(values[-1], 30)), "rhs": "0"},
    )


def _audited(M, rule: str, strict: bool, conditions, table, start: float, text: str) -> Verdict:
    checked = 0
    for p in _points(M, (), conditions, table, 6, 0):
        try:
            lam, _, scale = _min_eigen(value(M, p, 50), 50)
        except NotEvaluable:
            continue
        checked += 1
        if lam < -scale * sympy.Float("1e-40") or (strict and lam <= 0):
            return Verdict(
                "unknown",
                reason=f"the rule ({rule}) failed its audit: smallest eigenvalue {lam} at a "
                f"sampled point; this is a bug in derivax",
                seconds=time.perf_counter() - start,
                claim=text,
            )
    if checked == 0:
        return Verdict(
            "unknown",
            reason=f"{rule}, but no audit point gave the matrix a value",
            seconds=time.perf_counter() - start,
            claim=text,
        )
    kind = "positive definite" if strict else "positive semidefinite"
    return Verdict(
        "proved",
        method=f"structural rule, audited at {checked} points in 50-digit arithmetic",
        steps=[sympy.latex(M) + f" \\text{{ is {kind}: {_plain(rule)}}}"],
        seconds=time.perf_counter() - start,
        claim=text,
    )


def _plain(rule: str) -> str:
    return rule.replace("`", "").replace("_", r"\_").replace("^", r"\^{}")
