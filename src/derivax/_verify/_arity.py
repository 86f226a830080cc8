"""A refutation that rests on a function applied to another number of arguments than a given
defines it with (``f(X)`` beside ``f(x_1, x_2) = ...``): read as it stands, ``f(X)`` is a value
the definition does not reach, free, so a counterexample sets it at will; the claim the author
means (``X`` the point ``(x_1, x_2)``) may well hold. Such a refutation is ``unknown``, naming
what decides: the arguments written out, or the point named by its coordinates as a given
(``X = (x_1, x_2)``, see ``_reading.points_given``). A proof stands: it holds whatever the
free value is."""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.core.function import AppliedUndef


def applied_off_definition(rel: sympy.Basic, givens: Sequence) -> str | None:
    """Why a refutation of ``rel`` under ``givens`` does not decide it, or None."""
    arity: dict = {}
    for g in givens:
        if _defines(g):
            arity.setdefault(g.lhs.func, len(g.lhs.args))
    if not arity or not isinstance(rel, sympy.Basic):
        return None
    for app in sorted(rel.atoms(AppliedUndef), key=str):
        n = arity.get(app.func)
        if n is not None and len(app.args) != n:
            k = len(app.args)
            return (
                f"refuted only with `{app}` taken free: a given defines `{app.func}` with {n} "
                f"argument{'s' * (n != 1)} and the claim applies it to {k}; write the arguments "
                f"out, or name the point by its coordinates as a given (`X = (x_1, x_2)`)"
            )
    return None


def _defines(g) -> bool:
    """Whether ``g`` defines a function over its parameters: ``f(x_1, x_2) = <no f>``, the
    arguments distinct names. ``P(A, B) = P(A \\mid B) P(B)`` relates values of an overloaded
    ``P`` (joint, conditional, marginal: a different function for each number of arguments) and
    defines nothing; neither does a value at a point, ``f(1, 1) = 0.5``."""
    if not (isinstance(g, sympy.Equality) and isinstance(g.lhs, AppliedUndef)):
        return False
    args = g.lhs.args
    return (
        all(isinstance(a, sympy.Symbol) for a in args)
        and len(set(args)) == len(args)
        and not any(a.func == g.lhs.func for a in g.rhs.atoms(AppliedUndef))
    )
