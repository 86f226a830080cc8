r"""The givens applied by the independent check of a counterexample (``_certify``), on its own
path: a symbol or an entry replaced by its definition, a defined function applied at each of its
calls, a definition of every entry (``a_j = f(j)``) or at every index (``P(y^{(i)} \mid x^{(i)})
= \dots``) applied to each entry or application it matches. Nothing here is shared with the
rewriting that prepared the numeric search."""

from __future__ import annotations

import itertools

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._members import Member
from ._precise import Point, at


def _free_index_entry(lhs) -> bool:
    """``a_j`` with ``j`` a free index symbol (each once): a definition of every entry."""
    return (
        isinstance(lhs, sympy.Indexed)
        and len(set(lhs.indices)) == len(lhs.indices)
        and all(
            isinstance(i, sympy.Symbol) and i.is_integer and not i.is_positive for i in lhs.indices
        )
    )


def _kinds_of_givens(rules, point: Point | None):
    """The givens sorted by how they apply: functions (by their head), values (of a symbol, an
    entry, an application), definitions of every entry, and definitions at every index; the
    point's sizes and free indices entered where it is given."""
    functions: dict = {}
    values = {}
    # a_j = f(j) with j a free index defines every entry (a_k is f(k)); its index becomes a
    # dummy before the point's indices are entered, which would make it the definition of one
    # entry only
    patterns = []
    for lhs, rhs in rules:
        if _free_index_entry(lhs):
            dummies = {i: sympy.Dummy(str(i), integer=True) for i in lhs.indices}
            body = rhs.xreplace(dummies)
            patterns.append((lhs.xreplace(dummies), at(body, point) if point is not None else body))
    # P(y^{(i)} | x^{(i)}) = ... with i free defines P at every i (under \prod_k, at each k): its
    # index becomes a dummy too, and it applies before the definitions of what its argument holds
    at_index = []
    for lhs, rhs in rules:
        if isinstance(lhs, AppliedUndef) and _at_an_index(lhs):
            dummies = {i: sympy.Dummy(str(i), integer=True) for i in _at_an_index(lhs)}
            body = rhs.xreplace(dummies)
            pattern = lhs.xreplace(dummies)
            if point is not None:  # sizes entered, as in the expression it is matched against
                pattern, body = at(pattern, point), at(body, point)
            at_index.append((pattern, body))
    for lhs, rhs in rules:
        if _free_index_entry(lhs) or (isinstance(lhs, AppliedUndef) and _at_an_index(lhs)):
            continue
        if (
            isinstance(lhs, AppliedUndef)
            and lhs.args
            and len(set(lhs.args)) == len(lhs.args)
            and all(isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in lhs.args)
            and not any(f.func == lhs.func for f in rhs.atoms(AppliedUndef))
        ):
            functions[lhs.func] = (lhs.args, at(rhs, point) if point is not None else rhs)
        elif isinstance(lhs, (sympy.Symbol, sympy.Indexed, sympy.MatrixSymbol, AppliedUndef)):
            values[lhs] = rhs
    if point is not None:
        values = {at(k, point): at(v, point) for k, v in values.items()}
    return functions, values, patterns, at_index


def apply_givens(e, rules, point: Point | None = None):
    r"""Every definition applied wherever what it defines occurs: a symbol or an entry replaced,
    a defined function ``f(x) = body`` applied to each of its calls (``f(2y)``, ``f(f(x))``,
    ``D(q, p)`` of ``D(p, q) = \sum_k p_k \log(p_k / q_k)``) as ``body`` with the parameters
    replaced by the call's arguments all at once (a vector parameter by its entries too). Matrix
    products on the left of a given (``A v = \lambda v``) are not definitions and stay. Side
    conditions of a function definition: distinct plain parameters (scalars or arrays), and a
    body free of the function itself (``P(A, B) = P(A | B) P(B)`` relates values)."""
    functions, values, patterns, at_index = _kinds_of_givens(rules, point)

    def applicable(x) -> bool:
        return _applicable(x, functions)

    def call(x):
        params, body = functions[x.func]
        mapping = dict(zip(params, x.args, strict=True))
        for p, a in zip(params, x.args, strict=True):
            if isinstance(p, sympy.MatrixSymbol) and not isinstance(a, Member):
                for b in body.atoms(sympy.IndexedBase):
                    if str(b.label) == p.name:
                        mapping[b] = sympy.IndexedBase(
                            sympy.Symbol(a.name, **b.label.assumptions0), shape=b.shape
                        )
        return body.xreplace(mapping)

    arrays = {
        k.name: (k, v)
        for k, v in values.items()
        if isinstance(k, sympy.MatrixSymbol) and isinstance(v, MatrixExpr)
    }

    def by_pattern(ix):
        for k, v in patterns:
            if str(ix.base.label) == str(k.base.label) and len(ix.indices) == len(k.indices):
                # the definition's summation letters renamed, so that no sum around the use
                # (a_k inside \sum_k) catches them
                renamed = {
                    lim[0]: sympy.Dummy(str(lim[0]), **lim[0].assumptions0)
                    for x in v.atoms(sympy.Sum, sympy.Product)
                    for lim in x.limits
                }
                return v.xreplace(renamed).xreplace(dict(zip(k.indices, ix.indices, strict=True)))
        return ix

    def entry(ix):
        # an entry of an array defined as a whole (y_k of y = softmax(z)): that entry of the
        # definition's value
        k, v = arrays[str(ix.base.label)]
        if len(ix.indices) != (1 if k.shape[1] == 1 else 2):
            return ix
        return sympy.IndexedBase(v, shape=ix.base.shape)[ix.indices]

    if functions and e.has(sympy.OneMatrix):
        e = _unspread(e, rules, point, functions)
    for _ in range(16):
        before = e
        if at_index:
            e = e.replace(lambda x: isinstance(x, AppliedUndef), lambda x: _by_index(x, at_index))
        if patterns:
            e = e.replace(lambda x: isinstance(x, sympy.Indexed), by_pattern)
        if arrays:
            e = e.replace(
                lambda x: isinstance(x, sympy.Indexed) and str(x.base.label) in arrays, entry
            )
        if values:
            e = e.xreplace(values)
        if functions:
            e = e.replace(applicable, call)
            # a defined function written bare (dL/dw of L(w) = ...): its value at its parameters
            e = e.replace(
                lambda x: _bare_function(x, functions), lambda x: call(_at_own(x, functions))
            )
        if e == before:
            break
    return e


def _unspread(e, rules, point, functions):
    r"""``H(w) + \lambda I`` is read with the value of the unspecified ``H`` spread over a matrix
    of ones (``H(w) \mathbf{1}``); where ``H``'s definition, with every given applied on this
    path, is a matrix of the ones' shape, that matrix takes the spreading's place. A value that
    stays a scalar keeps it (the scalar added to every entry)."""

    def spread(x) -> bool:
        return (
            isinstance(x, sympy.MatMul)
            and isinstance(x.args[-1], sympy.OneMatrix)
            and not any(isinstance(a, MatrixExpr) for a in x.args[:-1])
            and any(_applicable(a, functions) for a in x.atoms(AppliedUndef))
        )

    def unspread(x):
        # the scalar factor (-H(w) in a difference of sides) with the givens applied
        value = apply_givens(sympy.Mul(*x.args[:-1]), rules, point)
        if isinstance(value, MatrixExpr) and value.shape == x.args[-1].shape:
            return value
        return x

    return e.replace(spread, unspread)


def _at_an_index(lhs) -> list:
    """The free indices of a definition made at arguments that are not plain names (``i`` of
    ``P(y^{(i)} \\mid x^{(i)}; \theta)``); none for a function of plain parameters."""
    if all(isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in lhs.args):
        return []
    return sorted(
        (
            s
            for s in lhs.free_symbols
            if isinstance(s, sympy.Symbol) and s.is_integer and not s.is_positive
        ),
        key=str,
    )


def _by_index(app, at_index):
    """``app`` as the definition whose dummies, given whole numbers it holds, make it ``app``."""
    # whole numbers, or the letter of a product around it not yet written out
    numbers = sorted({n for n in app.atoms(sympy.Integer) if n >= 1}, key=int) + sorted(
        (s for s in app.free_symbols if isinstance(s, sympy.Symbol) and s.is_integer), key=str
    )
    for pattern, body in at_index:
        if pattern.func != app.func:
            continue
        dummies = sorted(pattern.atoms(sympy.Dummy), key=str)
        for values in itertools.product(numbers, repeat=len(dummies)):
            mapping = dict(zip(dummies, values, strict=True))
            if pattern.xreplace(mapping) == app:
                return body.xreplace(mapping)
    return app


def _bare_function(x, functions) -> bool:
    return isinstance(x, sympy.Symbol) and any(str(f) == x.name for f in functions)


def _at_own(x, functions):
    """The bare name ``L`` as the application ``L(w)`` of the function defined on ``w``."""
    f = next(f for f in functions if str(f) == x.name)
    return f(*functions[f][0])


def _applicable(x, functions) -> bool:
    """Whether a defined function applies to the call ``x``: its arguments are of the kinds of
    its parameters (a vector parameter takes a vector, or a member of a family when the body
    uses the parameter whole)."""
    if not isinstance(x, AppliedUndef) or x.func not in functions:
        return False
    params, body = functions[x.func]
    return len(x.args) == len(params) and all(
        isinstance(a, MatrixExpr) == isinstance(p, MatrixExpr)
        and (
            not isinstance(p, MatrixExpr)
            or isinstance(a, sympy.MatrixSymbol)
            or (isinstance(a, Member) and not _by_entries(body, p))
        )
        for p, a in zip(params, x.args, strict=True)
    )


def _by_entries(body, p) -> bool:
    """Whether a function's body uses its vector parameter ``p`` by its entries (``p_i``)."""
    return any(str(b.label) == str(p.name) for b in body.atoms(sympy.IndexedBase))
