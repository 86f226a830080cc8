r"""Infinite series (``\sum_{k=a}^{\infty}``) in closed form, where they converge.

SymPy sums a series into ``Piecewise((closed form, convergence condition), (the sum, True))``.
A proof may replace a series by its closed form only where the series converges at every point
of the declared domain (its given inequalities included), except at points where the closed form
has no value either (``\sum_k \lambda^k = \frac{1}{1 - \lambda}`` with ``\lambda \in [0, 1]``: at
``\lambda = 1`` the series diverges and ``1/(1 - \lambda)`` is infinite, so the claim has no
value there, as at any pole). Where the domain does not ensure convergence there is no proof, and
the numeric search samples only points where every series converges (the convergence conditions
become constraints); its counterexamples are confirmed by summing the series numerically
(``_precise``), never through the closed form.
"""

from __future__ import annotations

import sympy

from ._domain import Domain, ge, gt


def is_series(x) -> bool:
    """A sum with an infinite upper limit and a whole-number lower one."""
    return (
        isinstance(x, sympy.Sum)
        and len(x.limits) == 1
        and x.limits[0][2] == sympy.oo
        and x.limits[0][1].is_Integer
    )


def has_series(e) -> bool:
    return isinstance(e, sympy.Basic) and any(is_series(x) for x in e.atoms(sympy.Sum))


def closed_form(series: sympy.Sum):
    """``(closed form, condition)`` of a convergent series (the condition ``True`` where SymPy
    needs none), or None where SymPy finds no closed form or the series diverges."""
    var, lo, _ = series.limits[0]
    k = sympy.Dummy(str(var), integer=True)
    summed = sympy.Sum(series.function.xreplace({var: k}), (k, lo, sympy.oo)).doit()
    condition: sympy.Basic = sympy.true
    if isinstance(summed, sympy.Piecewise):
        value, condition = summed.args[0]
        summed = value
    bad = (sympy.Sum, sympy.oo, -sympy.oo, sympy.zoo, sympy.nan, sympy.Piecewise)
    if summed.has(*bad) or condition == sympy.false:
        return None
    return summed, condition


def atoms_of(condition) -> list | None:
    """The relations a convergence condition is a conjunction of (``|x| < 1`` as ``x < 1`` and
    ``-x < 1``); None where it is not a conjunction of relations."""
    parts = condition.args if isinstance(condition, sympy.And) else (condition,)
    out = []
    for c in parts:
        if c == sympy.true:
            continue
        if isinstance(c, sympy.Ne):
            out.append(c)
            continue
        if not isinstance(c, sympy.core.relational.Relational) or isinstance(c, sympy.Eq):
            return None
        if isinstance(c, (sympy.GreaterThan, sympy.StrictGreaterThan)):
            big, small = c.lhs, c.rhs
        else:
            big, small = c.rhs, c.lhs
        strict = isinstance(c, (sympy.StrictLessThan, sympy.StrictGreaterThan))
        rel = sympy.StrictLessThan if strict else sympy.LessThan
        if isinstance(small, sympy.Abs):
            out += [rel(small.args[0], big), rel(-small.args[0], big)]
        elif isinstance(big, sympy.Abs):
            return None
        else:
            out.append(rel(small, big))
    return out


def _pole(closed, gap) -> bool:
    """Whether ``closed`` has no value wherever ``gap = 0`` (``gap`` linear in one of its names)."""
    for s in sorted(gap.free_symbols, key=str):
        try:
            poly = sympy.Poly(gap, s)
        except sympy.PolynomialError:
            continue
        if poly.degree() != 1:
            continue
        a, b = poly.all_coeffs()
        at = sympy.cancel(closed.xreplace({s: -b / a}))
        if at.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
            return True
    return False


def ensured(condition, closed, dom: Domain) -> str:
    """ "" where the domain ensures ``condition`` at every point where ``closed`` has a value,
    else the part of it that the domain does not ensure."""
    atoms = atoms_of(condition)
    if atoms is None:
        return str(condition)
    for c in atoms:
        gap = c.lhs - c.rhs if isinstance(c, sympy.Ne) else c.rhs - c.lhs
        if isinstance(c, sympy.Ne):
            if dom.positive(gap) or dom.positive(-gap) or _pole(closed, gap):
                continue
            return str(c)
        low = dom.lower(sympy.expand(gap))
        if gt(low, sympy.S.Zero):
            continue
        if ge(low, sympy.S.Zero) and (isinstance(c, sympy.LessThan) or _pole(closed, gap)):
            continue
        return str(c)
    return ""


def sum_series(e, dom: Domain):
    """``(e with every series in closed form, the conditions used)`` where the domain ensures
    each series converges (see ``ensured``); ``(None, why)`` otherwise."""
    found = sorted((x for x in e.atoms(sympy.Sum) if is_series(x)), key=sympy.default_sort_key)
    repl = {}
    used = []
    for series in found:
        if any(is_series(x) for x in series.function.atoms(sympy.Sum)):
            return None, f"the series `{series}` holds another series"
        summed = closed_form(series)
        if summed is None:
            return None, f"no closed form of the series `{series}` that converges"
        closed, condition = summed
        missing = ensured(condition, closed, dom)
        if missing:
            return None, (
                f"the series `{series}` converges only where {condition}, and the declared domain "
                f"does not ensure `{missing}`; declare it or give it as a condition"
            )
        repl[series] = closed
        if condition != sympy.true:
            used.append(condition)
    return e.xreplace(repl), used


def constraints(e) -> tuple:
    """``(e with every series in closed form, the relations where they all converge)`` for the
    numeric search; ``(None, why)`` where a series has no closed form."""
    repl = {}
    conditions: list = []
    for series in (x for x in e.atoms(sympy.Sum) if is_series(x)):
        summed = closed_form(series)
        if summed is None:
            return None, f"no closed form of the series `{series}`"
        closed, condition = summed
        atoms = atoms_of(condition)
        if atoms is None:
            return None, f"the convergence condition {condition} is not a conjunction of relations"
        repl[series] = closed
        conditions += [c for c in atoms if not isinstance(c, sympy.Ne)]
    return e.xreplace(repl), conditions


def _series_pieces(piece):
    from ._symbolic import _join, _split

    rel = _join(piece)
    both, conditions = constraints(sympy.Tuple(rel.lhs, rel.rhs))
    if both is None:
        return None, conditions
    return _split(type(rel)(*both, evaluate=False)), [_split(c) for c in conditions]


def series_search(rel, budget: float) -> tuple | str:
    """What the numeric search samples for ``rel``: ``(the claim, the conditions under which its
    series converge)`` (the claim itself and none when it has no series), or why it cannot."""
    if not (has_series(rel.lhs) or has_series(rel.rhs)):
        return rel, []
    found = series_constraints(rel, budget)
    if found is None or found[0] is None:
        return found[1] if found else "the series could not be summed in the budget"
    return found


def series_constraints(rel, budget: float):
    """``(the claim with its series in closed form, where they converge)``, or ``(None, why)``;
    None when the budget runs out. SymPy's summation runs in the budgeted worker."""
    from .._budget import within
    from .._errors import VerifyTimeout
    from ._symbolic import _join, _split

    try:
        piece, conditions = within(budget, _series_pieces, _split(rel), what="the series")
    except VerifyTimeout:
        return None
    if piece is None:
        return None, conditions
    return _join(piece), [_join(c) for c in conditions]
