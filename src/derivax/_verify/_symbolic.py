r"""The symbolic stage of ``check``, run in the budgeted worker: substitute the givens, take
derivatives, rewrite to zero (identities) or bound below by 0 with the lemma library
(inequalities); a proof is returned only after its audit. Relations travel to the worker in
pieces (``_split``/``_join``)."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr


def _split(rel):
    """(kind, lhs, rhs): relations travel to the worker in pieces, because unpickling would
    rebuild them with evaluation on (an identity SymPy can see would arrive as ``True``)."""
    return type(rel).__name__, rel.lhs, rel.rhs


def _join(piece):
    kind, lhs, rhs = piece
    return getattr(sympy, kind)(lhs, rhs, evaluate=False)


def _symbolic_pieces(rel_piece, given_pieces, table):
    return _symbolic(_join(rel_piece), [_join(g) for g in given_pieces], table)


def _symbolic(rel, givens, table, audit_points: int = 4):
    """Runs in the budgeted worker: ("proved", method, steps, note) or (None | "unknown", reason,
    steps, ""). A proof is returned only after its audit."""
    from ._audit import audit_instances as audit
    from ._domain import Domain
    from ._identities import to_zero
    from ._inequalities import prove_nonnegative
    from ._prepare import possibly_empty_sum, prepare
    from ._proof import Proof
    from ._series import has_series, sum_series

    conditions = [g for g in givens if not isinstance(g, sympy.Equality)]
    dom = Domain.of(table, conditions)
    proof = Proof()
    rules: list = []
    for g in givens:  # a name given twice is rewritten by its first given (any one is sound)
        if isinstance(g, sympy.Equality) and all(g.lhs != a for a, _ in rules):
            rules.append((g.lhs, g.rhs))
    empty = possibly_empty_sum(rel, dom)
    if empty is not None:
        return (
            None,
            (
                f"the range of `{empty}` may be empty on the declared domains (derivax reads an empty "
                f"sum as 0); no rewriting rule is sound there"
            ),
            proof.steps,
            "",
        )
    lhs = prepare(rel.lhs, rules, proof, "lhs")
    rhs = prepare(rel.rhs, rules, proof, "rhs")
    empty = possibly_empty_sum(sympy.Tuple(lhs, rhs), dom)
    if empty is not None:
        return None, f"the range of `{empty}` may be empty on the declared domains", proof.steps, ""
    if has_series(lhs) or has_series(rhs):
        summed, used = sum_series(sympy.Tuple(lhs, rhs), dom)
        if summed is None:
            return None, used, proof.steps, ""
        where = " and ".join(f"${_latex(c)}$" for c in used) or "every point"
        for side, old, new in (("lhs", lhs, summed[0]), ("rhs", rhs, summed[1])):
            if new != old:
                proof.add(
                    f"sum the series in closed form (it converges where {where})", new, side=side
                )
        lhs, rhs = summed
    status, method = None, ""
    if isinstance(rel, sympy.Equality):
        if isinstance(lhs, MatrixExpr) and rhs == 0:
            rhs = sympy.ZeroMatrix(*lhs.shape)
        if isinstance(rhs, MatrixExpr) and lhs == 0:
            lhs = sympy.ZeroMatrix(*rhs.shape)
        if any(
            isinstance(side, sympy.Sum) and isinstance(side.function, MatrixExpr)
            for side in (lhs, rhs)
        ):
            return None, "a sum of matrices is not rewritten symbolically yet", proof.steps, ""
        if isinstance(lhs, MatrixExpr) != isinstance(rhs, MatrixExpr):
            return None, "one side is a matrix and the other a scalar", proof.steps, ""
        proof.goal = "= 0"
        if to_zero(lhs - rhs, dom, proof):
            cases = any(st.rule.startswith("by cases") for st in proof.entries)
            status, method = (
                "proved",
                "by cases on max, min, |.| and ReLU (decided by Z3)"
                if cases
                else "rewriting to 0 (SymPy)",
            )
        else:
            return None, "the difference did not simplify to 0", proof.steps, ""
    else:
        gap = (
            lhs - rhs
            if isinstance(rel, (sympy.GreaterThan, sympy.StrictGreaterThan))
            else rhs - lhs
        )
        strict = isinstance(rel, (sympy.StrictLessThan, sympy.StrictGreaterThan))
        if isinstance(gap, MatrixExpr):
            return None, "an inequality between matrices is not decided", proof.steps, ""
        proof.goal = "> 0" if strict else ">= 0"
        if not prove_nonnegative(gap, dom, proof, strict=strict):
            return None, "no lemma applied", proof.steps, ""
        status, method = "proved", _method(proof.steps)
    steps = [rf"\text{{claim:}}\quad {_latex(rel)}", *proof.steps]
    passed, account = audit(rel, rules, conditions, proof, table, count=audit_points)
    if not passed:
        return "unknown", f"a proof was found but {account}; this is a bug in a rule", steps, ""
    if account.startswith("the audit found no point"):
        # an audit with no point where the claim has a value is no audit (x^{1/3} >= 0 given
        # x < 0 was "proved" that way)
        return (
            "unknown",
            "a proof was found, but no sampled point of the domain gives the claim a value, "
            "so its audit checked nothing",
            steps,
            "",
        )
    return status, method, steps, account


def _latex(e) -> str:
    from ._proof import _latex as show

    return show(e)


def _method(steps) -> str:
    """The lemma a proof of an inequality rests on, as its method."""
    text = " ".join(steps)
    if "Cauchy-Schwarz" in text:
        return "lemma: Cauchy-Schwarz (decided by Z3)"
    if "(Z3)" in text:
        return "decision procedure: Z3 nonlinear real arithmetic" + (
            " with e^t ≥ 1 + t" if "1 + t" in text else ""
        )
    if "Jensen" in text:
        return "lemma: Jensen's inequality"
    if r"\log t" in text:
        return "lemma: log t \u2264 t - 1"
    if r"\max(a, b)" in text:
        return "lemma: max(a, b) \u2265 a"
    if "use the given" in text:
        return "the given inequalities"
    return "bounds on the declared domains"
