"""The claim and its conditions made ready for the float64 search: the givens entered and the
derivatives taken, in the budgeted worker (algebra without a bound), and the sides compiled."""

from __future__ import annotations

import pickle

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._budget import within
from .._family_sizes import apart_bound_indices
from .._members import MatrixSum
from ._symbolic import _join, _split


def prepared(rel, givens):
    """The relation with the givens substituted and derivatives taken, for the numeric search."""
    from ._prepare import definitions, evaluate_derivatives, into_derivatives, substitute

    rules = definitions(givens)
    lhs, rhs = (into_derivatives(side, rules) for side in (rel.lhs, rel.rhs))
    # a definition entered may hold a derivative of another defined name (g(w) = dJ/dw): its
    # definitions go into it too
    lhs, rhs = (
        evaluate_derivatives(into_derivatives(substitute(evaluate_derivatives(x), rules), rules))
        for x in (lhs, rhs)
    )
    if isinstance(lhs, MatrixExpr) and rhs == 0:
        rhs = sympy.ZeroMatrix(*lhs.shape)
    # a product a definition brought in binds the letter the other side holds free (the author
    # left a sum out): two indices
    return apart_bound_indices(type(rel)(lhs, rhs, evaluate=False))


def _as_built(data: bytes):
    r"""SymPy objects unpickled as they were built, without evaluation: rebuilt with it,
    ``\log\Gamma(10^4)`` would become the log of a 35,000-digit integer, and a relation SymPy
    can decide would arrive as ``True``."""
    import io

    from sympy.core.parameters import evaluate

    with evaluate(False):
        return _Unpickler(io.BytesIO(data)).load()


class _ShapeEvaluated:
    """A ``MatrixSymbol`` rebuilt with its sizes evaluated: ``n + 1`` (``vector[n+1]``) left
    unevaluated makes SymPy's check of the size fail inside ``evaluate(False)``."""

    def __new__(cls, name, *shape):
        from sympy.core.parameters import evaluate

        with evaluate(True):
            sizes = [s.func(*s.args) if isinstance(s, sympy.Add) else s for s in shape]
            return sympy.MatrixSymbol(name, *sizes)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        found = super().find_class(module, name)
        return _ShapeEvaluated if found is sympy.MatrixSymbol else found


def _prepared_pieces(data: bytes) -> bytes:
    """``prepared`` of each relation, in the budgeted worker; what travels is pickled bytes,
    unpickled as built at each end."""
    pieces, definitions = _as_built(data)
    return pickle.dumps([_split(prepared(_join(p), definitions)) for p in pieces])


def free_indices(rel) -> list:
    """The free indices of ``rel``'s entries: integer letters no sum, product, max or min binds."""
    bound = set()
    for node in sympy.preorder_traversal(rel):
        if isinstance(node, (sympy.Sum, sympy.Product, F.IndexMax, MatrixSum)):
            # a max or min over an index binds it as a sum does (and a sum of matrices)
            bound |= {lim[0] for lim in node.limits}
    free = []
    for node in sympy.preorder_traversal(rel):
        if isinstance(node, sympy.Indexed):
            for i in node.indices:
                for s in sorted(i.free_symbols, key=str):
                    if s.is_integer and not s.is_positive and s not in bound and s not in free:
                        free.append(s)
    return free


def search_sides(searched, conditions, definitions, table, seconds: float):
    """``(the relation, its free indices, its Sides, the conditions' Sides)`` for the search, the
    preparation in the budgeted worker (``VerifyTimeout`` past ``seconds``)."""
    from ._numeric import Sides

    pieces = _as_built(
        within(
            seconds,
            _prepared_pieces,
            pickle.dumps(([_split(r) for r in (searched, *conditions)], definitions)),
            what="entering the givens into the claim for the numeric search",
        )
    )
    ready, *ready_conditions = (_join(p) for p in pieces)
    free = free_indices(ready)
    constraints = [
        Sides(r, table, free_indices(g)) for r, g in zip(ready_conditions, conditions, strict=True)
    ]
    return ready, free, Sides(ready, table, free), constraints
