"""Preparing a claim for a proof: definitions substituted, derivatives taken, softmax written out."""

from __future__ import annotations

import itertools

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .. import _functions as F
from .._algebra import expand_softmax
from .._errors import DerivationError
from .._family_sizes import rename_bound
from .._members import Member
from ._domain import Domain
from ._proof import Proof


def substitute(e, rules, proof: Proof | None = None, side: str = "gap"):
    r"""Replace defined quantities by their definitions (a symbol, an application, an indexed
    quantity, or a product of matrices such as ``A v`` in ``A v = \lambda v``)."""
    # the definitions of functions, and at arguments (P(y^{(i)} | x^{(i)}) = ...), apply first,
    # to a fixpoint: a definition of what an argument holds must not rewrite it before
    applications = [(a, b) for a, b in rules if isinstance(a, AppliedUndef)]
    others = [(a, b) for a, b in rules if not isinstance(a, AppliedUndef)]
    for _ in range(8):
        before = e
        for _ in range(8):
            entered = e
            for lhs, rhs in applications:
                e = _one_definition(e, lhs, rhs)
            if e == entered:
                break
        for lhs, rhs in others:
            e = _one_definition(e, lhs, rhs)
        if e == before:
            break
        if proof is not None:
            proof.add("substitute the definitions", e, side=side)
    return e


def _one_definition(e, lhs, rhs):
    """``e`` with one definition entered wherever it applies."""
    if isinstance(lhs, sympy.MatMul):
        if isinstance(e, MatrixExpr):
            e = e.expand().doit()
        e = _replace_product(e, lhs, rhs)
    elif isinstance(lhs, AppliedUndef) and isinstance(rhs, sympy.Basic):
        e = e.xreplace({lhs: avoiding(rhs, e)}) if e.has(lhs) else e
        e = _apply_function(e, lhs, rhs)
        e = _apply_at_indices(e, lhs, rhs)
        if isinstance(rhs, MatrixExpr) and e.has(sympy.OneMatrix):
            e = unbroadcast(e)
    elif e.has(lhs):
        e = e.xreplace({lhs: fresh_bound(rhs)})
    if _index_pattern(lhs):
        e = _entries_by_pattern(e, lhs, rhs)
    if isinstance(lhs, sympy.MatrixSymbol) and isinstance(rhs, MatrixExpr):
        e = _entries_defined(e, lhs, rhs)
    return e


def unbroadcast(e):
    r"""``g(w) + \lambda w`` is read with the value of the unspecified ``g`` a number spread over
    a vector of ones; once a definition makes ``g(w)`` a vector of that shape, the spreading is
    gone: ``M \mathbf{1}`` with ``M`` and the ones of one shape is ``M``."""
    return e.replace(
        lambda x: (
            isinstance(x, sympy.MatMul)
            and len(x.args) == 2
            and isinstance(x.args[1], sympy.OneMatrix)
            and isinstance(x.args[0], MatrixExpr)
            and x.args[0].shape == x.args[1].shape
        ),
        lambda x: x.args[0],
    )


def fresh_bound(e):
    r"""``e`` with every summation variable renamed to a fresh one. A definition entered inside a
    sum that binds the same letter (``a_k`` of ``a_j = e^{z_j} / \sum_k e^{z_k}`` inside
    ``\sum_k``) must not share its bound ``k`` with the enclosing sum: collapsing a delta of the
    outer k would reach into the inner sum."""
    return rename_bound(e)


def avoiding(body, e):
    r"""``body`` with the letters its sums and products bind renamed where ``e`` has them free:
    ``L = \prod_i P(y^{(i)})`` entered into a claim that holds a free ``i`` (a sum the author
    left out) must not catch that ``i``."""
    free = e.free_symbols if isinstance(e, sympy.Basic) else set()
    return rename_bound(body, free)


def indices_of(lhs) -> list:
    r"""The free index letters of a definition's left side, sorted (``i`` of ``P(y^{(i)} \mid
    x^{(i)})``)."""
    return sorted(
        (
            s
            for s in lhs.free_symbols
            if isinstance(s, sympy.Symbol) and s.is_integer and not s.is_positive
        ),
        key=str,
    )


def at_indices(lhs, app):
    r"""The values of ``lhs``'s free indices that make it ``app`` (``{i: k}`` for ``P(y^{(k)} \mid
    x^{(k)})``), or None. At most two indices, each tried against the integers and integer letters
    ``app`` holds."""
    ks = indices_of(lhs)
    if not ks or len(ks) > 2 or app.func != lhs.func or len(app.args) != len(lhs.args):
        return None
    found = {s for s in app.free_symbols if isinstance(s, sympy.Symbol) and s.is_integer}
    found |= {n for n in app.atoms(sympy.Integer) if n >= 0}
    for combo in itertools.permutations(sorted(found, key=str), len(ks)):
        mapping = dict(zip(ks, combo, strict=True))
        if lhs.xreplace(mapping) == app:
            return mapping
    return None


def _apply_at_indices(e, lhs, rhs):
    r"""A definition at an argument that holds a free index (``P(y^{(i)} \mid x^{(i)}; \theta) =
    \dots``, one for each i) applied to every application it matches with the index replaced
    (``P(y^{(k)} \mid x^{(k)}; \theta)`` under a product over k). Side condition: the argument is
    not plain names (those are functions, ``_apply_function``), and the match is exact once the
    index is replaced."""
    if all(isinstance(p, (sympy.Symbol, sympy.IndexedBase, sympy.MatrixSymbol)) for p in lhs.args):
        return e
    if not indices_of(lhs):
        return e

    def rule(app):
        if app == lhs:
            return app
        mapping = at_indices(lhs, app)
        return app if mapping is None else fresh_bound(rhs).xreplace(mapping)

    return e.replace(lambda x: isinstance(x, AppliedUndef) and x.func == lhs.func, rule)


def _index_pattern(lhs) -> bool:
    """``a_j`` with ``j`` a free index: a definition of every entry, not of one."""
    return (
        isinstance(lhs, sympy.Indexed)
        and all(
            isinstance(i, sympy.Symbol) and i.is_integer and not i.is_positive for i in lhs.indices
        )
        and len(set(lhs.indices)) == len(lhs.indices)
    )


def _entries_by_pattern(e, lhs: sympy.Indexed, rhs):
    r"""``a_j = e^{z_j} / \sum_k e^{z_k}`` defines each entry: ``a_k`` and ``a_i`` are the right side
    with j replaced by their index (a bound k of the right side stays bound: SymPy's Sum keeps
    its own variable)."""

    def entry(ix):
        if ix.base != lhs.base or len(ix.indices) != len(lhs.indices) or ix == lhs:
            return ix
        return fresh_bound(rhs).xreplace(dict(zip(lhs.indices, ix.indices, strict=True)))

    return e.replace(lambda x: isinstance(x, sympy.Indexed), entry)


def _entries_defined(e, lhs: sympy.MatrixSymbol, rhs: MatrixExpr):
    r"""A vector or matrix defined as a whole (``\hat y = \operatorname{softmax}(\theta)``) is
    defined entry by entry too: ``\hat y_k`` is entry k of the right side. Side condition: the
    entry's base is the defined array by name and shape (an index per axis, a vector's one)."""
    column = lhs.shape[1] == 1

    def entry(ix):
        if str(ix.base.label) != lhs.name or len(ix.indices) != (1 if column else 2):
            return ix
        if isinstance(rhs, F.Softmax):  # as the reader writes softmax(z)_k
            return sympy.IndexedBase(F.softmax(*rhs.args))[ix.indices]
        shape = (lhs.shape[0],) if column else lhs.shape
        return sympy.IndexedBase(rhs, shape=shape)[ix.indices]

    return e.replace(lambda x: isinstance(x, sympy.Indexed), entry)


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
        or any(f.func == lhs.func for f in rhs.atoms(AppliedUndef))
    ):
        # P(A, B) = P(A | B) P(B) relates values of P; it defines no function
        return e

    def rule(app):
        if app.func != lhs.func or len(app.args) != len(params) or app == lhs:
            return app
        for p, a in zip(params, app.args, strict=True):
            # a scalar parameter takes any scalar argument (f(2y), f(y + 1), f(g(x, y))); an
            # array parameter an array of its own kind
            scalar = isinstance(p, sympy.Symbol) and not isinstance(a, MatrixExpr)
            # a vector parameter takes a member of a family (\pi(x_i) of \pi(x) = ...) when
            # the body uses it whole, never by its entries (those are the data matrix's)
            member = (
                isinstance(p, sympy.MatrixSymbol)
                and isinstance(a, Member)
                and p.shape == a.shape
                and not any(str(b.label) == p.name for b in rhs.atoms(sympy.IndexedBase))
            )
            if type(p) is not type(a) and not scalar and not member:
                return app
        mapping = dict(zip(params, app.args, strict=True))
        # a vector parameter appears in the body by its entries too (p_i of p)
        bases = {str(b.label): b for b in e.atoms(sympy.IndexedBase) | rhs.atoms(sympy.IndexedBase)}
        for p, a in zip(params, app.args, strict=True):
            if isinstance(p, sympy.MatrixSymbol) and p.name in bases and not isinstance(a, Member):
                old = bases[p.name]
                new = bases.get(a.name) or sympy.IndexedBase(
                    sympy.Symbol(a.name, **old.label.assumptions0), shape=old.shape
                )
                mapping[old] = new
        return avoiding(rhs, app).xreplace(mapping)

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


def _entry_by_entries(x) -> bool:
    """``(\\nabla_X f)_{k}`` with ``f`` holding ``X`` by its entries only (``\\sum_i x_i^3``)."""
    if not (isinstance(x, sympy.Indexed) and isinstance(x.base.label, F.Gradient)):
        return False
    f, X = x.base.label.args
    return (
        isinstance(X, sympy.MatrixSymbol)
        and not f.has(X)
        and any(str(b.label) == X.name for b in f.atoms(sympy.IndexedBase))
    )


def _derivative_by_entry(x):
    f, X = x.base.label.args
    base = next(b for b in f.atoms(sympy.IndexedBase) if str(b.label) == X.name)
    return _algebra.collapse_deltas(sympy.diff(f, base[x.indices]))


def evaluate_derivatives(e):
    r"""Unevaluated derivatives in a claim (``\frac{\partial \sigma(x)}{\partial x}``,
    ``\nabla_\theta f``) are taken: SymPy for scalars and entries (with the Kronecker deltas
    collapsed), derivax's matrix calculus for gradients. A derivative taken at a point
    (``f'(2y)``, a ``Subs``) is taken there once what it differentiates is known."""
    if isinstance(e, sympy.Basic) and e.has(sympy.Subs):
        e = e.replace(lambda x: isinstance(x, sympy.Subs), lambda x: x.doit())
    if e.has(F.Hessian):
        e = e.replace(lambda x: isinstance(x, F.Hessian), hessian_of)
    if e.has(F.Jacobian):
        e = e.replace(
            lambda x: isinstance(x, F.Jacobian),
            lambda x: _algebra.tidy(_algebra.jacobian(evaluate_derivatives(x.args[0]), x.args[1])),
        )
    if e.has(F.Gradient):
        # an entry (\nabla f)_k of a gradient whose function holds the variable by its entries
        # only is the derivative by that entry; the whole gradient goes through matrix calculus
        e = e.replace(_entry_by_entries, _derivative_by_entry)
        e = e.replace(
            lambda x: isinstance(x, F.Gradient),
            lambda x: _algebra.tidy(_algebra.gradient(x.args[0], x.args[1])),
        )
    if not e.has(sympy.Derivative):
        return e
    bases = {str(b.label): b for b in e.atoms(sympy.IndexedBase)}
    e = e.replace(lambda x: isinstance(x, sympy.Derivative), lambda x: _entry_of_gradient(x, bases))
    if not e.has(sympy.Derivative):
        return e
    # the range of an index can come from the variable alone (d/dz_k puts k in 1..n)
    ranges = free_index_ranges(e)
    # the log of a product (a likelihood of independent samples) through the sum of the logs:
    # the same derivative, without SymPy's product rule over a range that depends on its term
    e = e.replace(
        lambda x: isinstance(x, sympy.Derivative),
        lambda x: _algebra.logs_of_products(expand_softmax(x.expr)).diff(*x.variable_count),
    )
    return collapse_deltas(e, ranges)


def hessian_of(h):
    r"""``\nabla^2_x f`` taken: the Jacobian of the gradient (matrix calculus, as derivax's
    Hessian takes it), made symmetric where it is the sum of a matrix and its transpose."""
    body, x = h.args
    g = _algebra.tidy(_algebra.gradient(body, x))
    if not isinstance(g, MatrixExpr):
        raise DerivationError(f"the gradient of `{body}` with respect to `{x}` is not a vector")
    return _algebra.tidy(_algebra.jacobian(g, x))


def _entry_of_gradient(d, bases: dict):
    r"""``\frac{\partial}{\partial w_j} f`` of an ``f`` written in matrix notation (``w^\top x``,
    ``\|x\|^2``, ``x^\top W x``) is entry j of the matrix gradient ``\nabla_w f``: SymPy sees no
    ``w_j`` in ``w^\top x`` and would answer 0. Side conditions: one first derivative, an entry
    of an array that appears in ``f`` only as that array (a matrix symbol of the same name), and
    ``f`` a scalar (or 1 x 1); anything else is left to SymPy as it was."""
    if len(d.variable_count) != 1 or d.variable_count[0][1] != 1:
        return d
    var = d.variable_count[0][0]
    if not isinstance(var, sympy.Indexed):
        return d
    name = str(var.base.label)
    arrays = [m for m in d.expr.atoms(sympy.MatrixSymbol) if m.name == name]
    if (
        len(arrays) != 1
        or any(name in map(str, b.label.free_symbols) for b in d.expr.atoms(sympy.IndexedBase))
        or any(b.has(arrays[0]) for b in d.expr.atoms(sympy.IndexedBase))
    ):
        # the array also appears by its entries or inside an entry of something (softmax(z)_j):
        # index calculus, as before
        return d
    X = arrays[0]
    expr = d.expr
    if isinstance(expr, MatrixExpr) and expr.shape != (1, 1):
        return d
    indices = var.indices
    column = X.shape[1] == 1
    if len(indices) != (1 if column else 2):
        return d
    try:
        gradient = _algebra.tidy(_algebra.gradient(expr, X))
    except DerivationError:
        return d
    return _algebra.entry(gradient, indices, column, bases)


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
    range does not hold the whole range of ``k`` keeps its delta as the exact
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
                # k's whole range inside the sum's (x_j of \sum_{i=0}^{n} x_i \delta_{ij} with
                # x: vector[n], j in 1..n)
                if r is None or not (
                    sympy.simplify(r[0] - lo).is_nonnegative
                    and sympy.simplify(hi - r[1]).is_nonnegative
                ):
                    return True
        return False

    def hide(s):
        if unsafe(s):
            key = sympy.Dummy("guarded")
            guarded[key] = s
            return key
        return s

    e = e.replace(lambda x: isinstance(x, sympy.Sum) and x.has(sympy.KroneckerDelta), hide)
    e = _algebra.collapse_deltas(e)
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


def _applied_to_parameters(body, rules, variables):
    r"""``\frac{dL}{dw}`` with ``L(w) = w^2`` given: the bare name ``L`` is the function applied to
    its parameters, ``L(w)`` (read alone, it is a symbol that does not depend on ``w``, and the
    derivative was 0). Side conditions: the given defines ``L`` on plain parameters, and the
    derivative's variable is one of them, or the definition depends on it through the other
    givens (``\partial J / \partial \theta_0`` of ``J(\theta) = \sum_i (\hat y_i - y_i)^2``
    with ``\hat y_i = \theta_0 + \dots``); any other bare name stays."""
    if not isinstance(body, sympy.Symbol):
        return body
    for lhs, rhs in rules:
        if (
            isinstance(lhs, AppliedUndef)
            and str(lhs.func) == body.name
            and all(isinstance(p, (sympy.Symbol, sympy.MatrixSymbol)) for p in lhs.args)
        ):
            others = [(a, b) for a, b in rules if a != lhs and a not in variables]
            names = _names(substitute(rhs, others)) | {str(p) for p in lhs.args}
            if any(_name_of(v) in names for v in variables):
                return lhs
    return body


def _name_of(v) -> str:
    """The name a derivative's variable belongs to: ``\theta`` of ``\theta_j``."""
    return str(v.base.label) if isinstance(v, sympy.Indexed) else str(v)


def _names(e) -> set[str]:
    """The names ``e`` holds: symbols, arrays, and the arrays of its entries."""
    found = {str(s) for s in e.free_symbols if isinstance(s, sympy.Symbol | sympy.MatrixSymbol)}
    return (
        found
        | {str(b.label) for b in e.atoms(sympy.IndexedBase)}
        | {m.name for m in e.atoms(sympy.MatrixSymbol)}
    )


def into_derivatives(e, rules, depth: int = 8):
    r"""Definitions entered into what a derivative differentiates: with ``\ell = \log(1 +
    e^{-w})`` given, ``\frac{d\ell}{dw}`` is the derivative of that expression, not of a symbol
    that does not depend on w. A definition of the derivative's own variable (``\theta =
    \bar x``) stays out: it applies to the result. A definition that brings a derivative of
    its own (``g = \frac{dJ}{dw}`` inside ``\frac{d g^\top}{dw}``, with ``J`` defined too) has
    the definitions entered into that one as well, to ``depth`` levels."""
    if (
        not rules
        or depth <= 0
        or not isinstance(e, sympy.Basic)
        or not e.has(sympy.Derivative, *F.DERIVATIVE_NODES)
    ):
        return e

    def entered(body, own):
        body = substitute(into_derivatives(body, rules, depth - 1), own)
        return into_derivatives(body, rules, depth - 1)

    def inside(d):
        if isinstance(d, F.DERIVATIVE_NODES):
            own = [(a, b) for a, b in rules if a != d.args[1]]
            body = entered(_applied_to_parameters(d.args[0], rules, {d.args[1]}), own)
            return d if body == d.args[0] else type(d)(body, d.args[1])
        variables = {v for v, _ in d.variable_count}
        own = [(a, b) for a, b in rules if a not in variables]
        body = entered(_applied_to_parameters(d.expr, rules, variables), own)
        return d if body == d.expr else sympy.Derivative(body, *d.variable_count)

    out = e.replace(lambda x: isinstance(x, (sympy.Derivative, *F.DERIVATIVE_NODES)), inside)
    return _unspread(out) if out != e and out.has(sympy.OneMatrix) else out


def _unspread(e):
    r"""``H(w) + \lambda I`` was read with the function's value spread over a matrix of ones
    (``H(w) \mathbf{1}``); a definition that became a derivative of that matrix's shape once
    its own definitions were entered (``\frac{d g^\top}{dw}`` of ``g = \nabla J``, the
    Hessian) takes the spreading's place: ``D \mathbf{1}`` with ``D`` a derivative and the ones
    of one shape is ``D``. Only a derivative: a product written with a matrix of ones stays."""

    def derivative(m) -> bool:
        m = m.arg if isinstance(m, sympy.Transpose) else m
        return isinstance(m, F.DERIVATIVE_NODES)

    def spread(x) -> bool:
        # the ones last, one derivative before them and scalars beside it (-1, a coefficient)
        if not isinstance(x, sympy.MatMul) or not isinstance(x.args[-1], sympy.OneMatrix):
            return False
        arrays = [a for a in x.args[:-1] if isinstance(a, MatrixExpr)]
        return len(arrays) == 1 and derivative(arrays[0]) and arrays[0].shape == x.args[-1].shape

    return e.replace(spread, lambda x: sympy.MatMul(*x.args[:-1]))


def prepare(e, rules, proof: Proof, side: str = "lhs"):
    e0 = into_derivatives(e, rules)
    if e0 != e:
        proof.add("substitute the definitions", e0, side=side)
    e = e0
    # derivatives first: a definition of the variable (theta = mean) applies to the result
    e1 = evaluate_derivatives(e)
    if e1 != e:
        proof.add("take the derivatives", e1, side=side)
    e = substitute(e1, rules, proof, side)
    e2 = evaluate_derivatives(e)
    if e2 != e:
        proof.add("take the derivatives", e2, side=side)
    if e2.has(sympy.Limit):
        from ._limits import evaluate_limits

        limits = evaluate_limits(e2)
        if limits != e2:
            proof.add("evaluate the limits (SymPy, in closed form)", limits, side=side)
            e2 = limits
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
