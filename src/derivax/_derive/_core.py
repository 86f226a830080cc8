"""Symbolic derivatives: gradients, Jacobians and Hessians in scalar, index and matrix form.

``derive`` reads the expression, substitutes the definitions it is given, differentiates in the
representation the variable has (a scalar, an indexed vector, a matrix symbol), brings the
result to textbook form under a time budget, and cross-checks it against JAX's automatic
derivatives at random points of the declared domains before returning it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .. import _functions as F
from .._algebra import expand_softmax, unshadow
from .._budget import require_budget
from .._errors import DerivationError, DerivaxError
from ..symbols import Label
from . import _forward, _rewrites
from ._derivation import Derivation, Step, _latex, _short, read_input
from ._textbook import (
    _note_kinks,
    _sign_over_abs,
    _textbook,
    _tidy_trace,
    drop_deltas,
    recognize_sigmoid,
)
from ._variable import _fresh_index, _variable, read_given, read_variable, substitute_given


def derive(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> Derivation:
    """Differentiate ``expr_or_latex`` (the right side, for an equation) with respect to ``wrt``.

    >>> d = derive(r"\\log(1 + e^{x})", "x")
    >>> d.result, [s.rule for s in d.steps][:2]
    (sigmoid(x), ['expression', 'differentiate'])
    """
    return _refusing(_derive, expr_or_latex, wrt, symbols, given, check, timeout)


def _refusing(fn, expr_or_latex, wrt, symbols, given, check, timeout):
    """``fn(...)``, its budget checked first (``require_budget``), with any SymPy, JAX or Python
    exception turned into a DerivationError that names the expression: derivax refuses a
    derivative it cannot take, it never crashes."""
    timeout = require_budget(timeout)
    try:
        return fn(expr_or_latex, wrt, symbols, given, check, timeout)
    except DerivaxError:
        raise
    except RecursionError:
        raise DerivationError(
            f"the derivative of `{_short(expr_or_latex)}` with respect to `{wrt}` nests too "
            "deeply to be taken"
        ) from None
    except Exception as e:
        raise DerivationError(
            f"derivax cannot take the derivative of `{_short(expr_or_latex)}` with respect to "
            f"`{wrt}`: {type(e).__name__}: {_short(str(e))}"
        ) from e


def _derive(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> Derivation:
    expr, table = read_input(expr_or_latex, symbols)
    lhs_free: tuple = ()
    if isinstance(expr, sympy.Equality):
        lhs_free = tuple(
            i
            for ix in expr.lhs.atoms(sympy.Indexed)
            for i in ix.indices
            if isinstance(i, sympy.Symbol)
        )
        expr = expr.rhs
    if isinstance(expr, sympy.core.relational.Relational):
        raise DerivationError("a relation has no derivative; differentiate one side of it")
    steps = [Step("expression", expr)]
    expr = substitute_given(expr, read_given(given, table), steps)
    written = expand_softmax(expr)
    if written != expr:
        # softmax(z)_k is differentiated entry by entry, in index notation
        steps.append(Step("write softmax out", written))
        expr = written
    written = _algebra.entries_written_out(expr, table)
    if written != expr:
        # (X w)_i is differentiated as \sum_c X_{ic} w_c
        steps.append(Step("write entries of products out", written))
        expr = written
    kind, var = _variable(expr, wrt, table, read_variable(wrt, table))
    extremum = next(
        (
            e
            for e in sympy.preorder_traversal(expr)
            if isinstance(e, F.OrderStatistic) and e.has(var)
        ),
        None,
    )
    if extremum is not None:
        what = (
            "an order statistic (an entry of the sorted vector)"
            if isinstance(extremum, F.OrderStatistic)
            else "a maximum or minimum over an index"
        )
        raise DerivationError(
            f"`{_latex(extremum)}` is not differentiated: {what} has no derivative where the "
            "entries it compares tie; differentiate a smooth bound such as log-sum-exp instead"
        )
    step = next(
        (
            e
            for e in sympy.preorder_traversal(expr)
            if isinstance(e, (sympy.floor, sympy.ceiling, F.round_nearest)) and _mentions(e, var)
        ),
        None,
    )
    if step is not None:
        raise DerivationError(
            f"`{_latex(step)}` is not differentiated: a step function's derivative is 0 between "
            "its steps and does not exist at them; differentiate the expression with the step "
            "written as the value it takes there (a straight-through estimator writes it as its "
            "argument)"
        )
    original = expr
    if kind == "matrix entry":
        result = _derive_matrix_entry(expr, var, steps, timeout)
        kind = "entry"
        _note_kinks(result, steps)
        return _finish(Derivation(original, var, result, steps, None), table, kind, check)
    if kind in ("matrix", "scalar"):
        expr = _matrix_rewrites(expr, steps)
    try:
        kind, var, result, index = _dispatch(expr, kind, var, table, steps, timeout, lhs_free)
    except DerivationError as refused:
        # \operatorname{logsumexp}(W x): SymPy wrote the entries of the product from 0 under
        # sums from 0, which matrix calculus does not take; in index notation instead
        lowered = _algebra.summed_entries_written(original, table)
        if lowered == original:
            raise
        try:
            return _derive(lowered, wrt, table, (), check, timeout)
        except DerivationError:
            raise refused from None
    result = _real_parts(result, steps)
    _note_kinks(result, steps)
    result = drop_deltas(result, steps)
    d = Derivation(original, var, result, steps, index)
    return _finish(d, table, kind, check, lhs_free)


def _finish(d: Derivation, table, kind: str, check: bool, lhs_free: tuple = ()) -> Derivation:
    """The derivation's output axes, and its cross-check against JAX."""
    if isinstance(d.result, sympy.Basic) and d.result.has(sympy.nan, sympy.zoo):
        # a symbolic step met 0 times infinity (a skipped term's power of a zero distance):
        # a result with NaN in it would evaluate to NaN everywhere, with no word
        raise DerivationError(
            "the derivative came out with an undefined coefficient (0 times infinity in a "
            "symbolic step); derivax refuses to report it"
        )
    d.result = unshadow(d.result)  # a product rule's inner \prod_{i=1}^{i-1}: its own index
    original, var, result, steps, index = d.expression, d.wrt, d.result, d.steps, d.index
    entry_free = (
        tuple(i for i in var.indices if isinstance(i, sympy.Symbol)) if kind == "entry" else ()
    )
    scalars = frozenset(
        str(i)
        for i in original.free_symbols
        if table is not None
        and (key := table.resolve(str(i))) is not None
        and table[key].kind == "scalar"
    )
    d.output_indices = _output_indices(original, result, index, lhs_free, scalars) + entry_free
    check_kind = (
        "jacobian"
        if kind == "matrix" and isinstance(original, MatrixExpr) and original.shape != (1, 1)
        else kind
    )
    d.kind, d.table = check_kind, table
    if check:
        from ._check import cross_check

        d.checked = cross_check(d, table, check_kind)
        steps.append(Step("numeric cross-check against jax.grad", d.checked))
    else:
        d.checked = "not cross-checked (check=False)"
    return d


def _derive_matrix_entry(expr, var, steps, timeout):
    """``d f / d w_j`` of an ``f`` written in matrix notation: the matrix gradient, then its
    entry (SymPy would see no ``w_j`` in ``w^T x``). Side condition: ``f`` scalar."""
    name = str(var.base.label)
    X = next(m for m in expr.atoms(sympy.MatrixSymbol) if m.name == name)
    column = X.shape[1] == 1
    if len(var.indices) != (1 if column else 2):
        raise DerivationError(
            f"`{_latex(var)}` names an entry of `{name}` with {len(var.indices)} indices; "
            f"`{name}` is a {X.shape[0]} x {X.shape[1]} {'vector' if column else 'matrix'}"
        )
    result = _entry_of_matrix_gradient(expr, var, steps, timeout)
    steps.append(Step("take the entry $%s$ of the gradient", result, (var,)))
    return result


def _matrix_rewrites(expr, steps):
    """Before matrix calculus: sums over a column's entries in matrix form (``\\|\\beta\\|_1 =
    1^T |\\beta|``), and the matrix determinant lemma ``det(I + u v^T) = 1 + v^T u``."""
    out = _rewrites.sums_to_matrix_form(expr)
    if out != expr:
        steps.append(Step("write the sum over the entries in matrix form", out))
        expr = out
    out = _rewrites.determinant_lemma(expr)
    if out != expr:
        steps.append(
            Step(
                r"matrix determinant lemma $\det(A + u v^\top) = \det(A)(1 + v^\top A^{-1} u)$",
                out,
            )
        )
        expr = out
    return expr


def _inside_matrices(expr, var) -> bool:
    """Does the scalar ``var`` sit inside a matrix expression (a kernel, a covariance)?"""
    return expr.has(var) and any(
        isinstance(n, (MatrixExpr, sympy.Trace, sympy.Determinant))
        for n in sympy.preorder_traversal(expr)
    )


def _derive_scalar_in_matrices(expr, t, steps, timeout):
    d = _forward.scalar_derivative(expr, t)
    steps.append(
        Step(
            r"forward-mode matrix differential ($d \log\det K = \operatorname{tr}(K^{-1} dK)$, "
            r"$d K^{-1} = -K^{-1} dK\, K^{-1}$)",
            d,
        )
    )
    if isinstance(d, MatrixExpr):
        t2 = _algebra.tidy(d)
    else:
        t2 = d.replace(lambda x: isinstance(x, sympy.Trace), _tidy_trace)
    if t2 != d:
        steps.append(Step("simplify in matrix form", t2))
    return t2 if isinstance(t2, MatrixExpr) else _textbook(t2, steps, timeout)


def _mentions(e: sympy.Basic, var: sympy.Basic) -> bool:
    """Whether ``e`` depends on the variable ``var`` (a scalar, an array, or an entry of one)."""
    name = str(var.base.label) if isinstance(var, sympy.Indexed) else str(var)
    names = {str(s) for s in e.free_symbols}
    return name in names | {str(x.base.label) for x in e.atoms(sympy.Indexed)}


def _output_indices(original, result, index, lhs_free, scalars=frozenset()) -> tuple:
    """The axes of the result: the free indices of the expression (``k`` of softmax_k) in the
    order the left side names them, then the index of the variable's entries."""
    # a class label on the left (x_i = ..., i: label[n], the centrality of node i) is an input
    free = [i for i in lhs_free if i in original.free_symbols and not isinstance(i, Label)]
    for node in sympy.preorder_traversal(original):
        if isinstance(node, sympy.Indexed):
            for i in node.indices:
                if (
                    isinstance(i, sympy.Symbol)
                    and not isinstance(i, Label)  # one class label is an input, not an axis
                    and str(i) not in scalars  # nor is a declared scalar (x_{ij}, j: scalar)
                    and i not in free
                    and i in original.free_symbols
                ):
                    free.append(i)
    free = [i for i in free if i in result.free_symbols or i == index]
    if index is not None and index not in free:
        free.append(index)
    return tuple(free)


def _derive_scalar(expr, x, steps, timeout):
    e = recognize_sigmoid(expand_softmax(expr))
    if e != expr:
        steps.append(Step("recognize the sigmoid", e))
    d = sympy.diff(e, x)
    steps.append(Step("differentiate", d))
    d = _textbook(d, steps, timeout)
    return d


def _derive_index(expr, var, kind, table, steps, timeout, lhs_free):
    e = expand_softmax(expr)
    if e != expr:
        steps.append(Step("write softmax out", e))
    if kind == "entry":
        # an index of the entry that a sum binds (w_i in sum_i w_i x_i) names the entry: rename it
        bound = {lim[0] for s in e.atoms(sympy.Sum) for lim in s.limits}
        renames = {}
        for i in var.indices:
            if i in bound:
                renames[i] = _fresh_index(e, table, avoid=(*lhs_free, *renames.values()))
        entry, index = (var.xreplace(renames) if renames else var), None
    else:
        base = var
        if base.shape is None or len(base.shape) not in (1, 2):
            raise DerivationError(
                f"`{base}` has no declared shape; declare it, e.g. `{base}: vector[n]`"
            )
        if len(base.shape) == 2:
            # a matrix in index notation: the derivative with respect to its entry (k, l)
            first = _fresh_index(e, table, avoid=lhs_free)
            second = _fresh_index(e, table, avoid=(*lhs_free, first))
            # the row's letter before the column's: the order in which a result's free indices
            # are read back (dx.evaluate takes them by name) is then its layout
            first, second = sorted((first, second), key=str)
            entry, index, kind = base[first, second], None, "entry"
        else:
            index = _fresh_index(e, table, avoid=lhs_free)
            entry = base[index]
    written = _in_matrix_notation(e, entry)
    d = sympy.diff(e - written, entry)
    if written != 0:
        # \|P\|_F^2 beside \sum_{u,k} P_{uk} Q_{ik}: the term in matrix notation is no function
        # of the entry P_{jl} for SymPy; its matrix gradient's entry is added
        d = d + _entry_of_matrix_gradient(written, entry, steps, timeout)
    steps.append(Step("differentiate with respect to $%s$", d, (entry,)))
    ranges = {}
    for i, size in ((index, getattr(var, "shape", None) and var.shape[0]),):
        if i is not None and size is not None:
            ranges[i] = (sympy.Integer(1), size)
    if entry.base.shape is not None:
        for i, size in zip(entry.indices, entry.base.shape, strict=False):
            if isinstance(i, sympy.Symbol):
                ranges[i] = (sympy.Integer(1), size)
    for node in sympy.preorder_traversal(e):
        if isinstance(node, sympy.Indexed):
            shape = node.base.shape
            if shape is None and isinstance(node.base.label, F.softmax):
                shape = node.base.label.args[0].shape[:1]
            for i, size in zip(node.indices, shape or (), strict=False):
                if isinstance(i, sympy.Symbol) and i in e.free_symbols:
                    ranges.setdefault(i, (sympy.Integer(1), size))
    d2 = _algebra.collapse_deltas(d, ranges)
    if d2 != d:
        steps.append(Step("collapse the Kronecker deltas", d2))
    symmetric = frozenset(n for n in table if table[n].kind in ("spd", "symmetric"))
    d2b = _algebra.normalize_sums(d2, symmetric)
    if d2b != d2:
        steps.append(Step("distribute and combine the sums", d2b))
        d2 = d2b
    simplices = {str(n): table.dim(table[n].shape[0]) for n in table if table[n].kind == "simplex"}
    d3 = _algebra.apply_simplex(d2, simplices) if simplices else d2
    if d3 != d2:
        steps.append(Step("use that the simplex sums to 1", d3))
    d4 = _algebra.recognize_softmax(d3)
    if d4 != d3:
        steps.append(Step("recognize the softmax", d4))
    result = _textbook(d4, steps, timeout)
    return (result, entry) if entry.indices != (index,) else (result, index)


def _in_matrix_notation(e, entry) -> sympy.Basic:
    """The terms of ``e`` that hold the variable in matrix notation (``\\lambda \\|P\\|_F^2``,
    a ``MatrixSymbol``) while the differentiation is by its entry ``P_{jl}``."""
    name = str(entry.base.label)
    return sympy.Add(
        *(
            t
            for t in sympy.Add.make_args(e)
            if any(m.name == name for m in t.atoms(sympy.MatrixSymbol))
        )
    )


def _entry_of_matrix_gradient(terms, entry, steps, timeout):
    """The entry ``entry`` of the matrix gradient of ``terms`` (scalars in matrix notation)."""
    name = str(entry.base.label)
    X = next(m for m in terms.atoms(sympy.MatrixSymbol) if m.name == name)
    G = _derive_matrix(_matrix_rewrites(terms, steps), X, steps, timeout)
    bases = {str(b.label): b for b in terms.atoms(sympy.IndexedBase)}
    bases.setdefault(name, entry.base)
    indices = entry.indices if X.shape[1] != 1 else entry.indices[:1]
    return _algebra.entry(G, indices, X.shape[1] == 1, bases)


def _real_parts(out, steps):
    """d|f| where SymPy does not know f is real (a trace, ``r_i^\\alpha`` of a real r) comes
    with re(f) and im(f); every quantity derivax reads is real (a power of a negative number to
    a fractional exponent is undefined, NaN when compiled, never complex): re(f) = f,
    im(f) = 0."""
    if not out.has(sympy.re, sympy.im):
        return out
    out = out.replace(sympy.re, lambda a: a).replace(sympy.im, lambda a: sympy.S.Zero)
    steps.append(Step("the quantities are real: re(f) = f, im(f) = 0", out))
    return out


def _dispatch(expr, kind, var, table, steps, timeout, lhs_free):
    """The derivative by the representation the variable's kind takes: (kind, variable,
    result, index)."""
    if kind == "matrix":
        result = _matrix_symmetric(_derive_matrix(expr, var, steps, timeout), table, steps)
        return kind, var, result, None
    if kind == "scalar" and _inside_matrices(expr, var):
        return kind, var, _derive_scalar_in_matrices(expr, var, steps, timeout), None
    if kind in ("index", "entry"):
        result, index = _derive_index(expr, var, kind, table, steps, timeout, lhs_free)
        if isinstance(index, sympy.Indexed):
            return "entry", index, result, None
        return kind, var, result, index
    return kind, var, _derive_scalar(expr, var, steps, timeout), None


def _derive_matrix(expr, X, steps, timeout):
    out = _real_parts(_derive_matrix_form(expr, X, steps, timeout), steps)
    cleaned = (
        out.replace(lambda x: isinstance(x, sympy.Mul), lambda m: _sign_over_abs(m))
        if out.has(sympy.sign)
        else out
    )
    return cleaned


def _derive_matrix_form(expr, X, steps, timeout):
    if isinstance(expr, MatrixExpr) and expr.shape != (1, 1):
        if expr.shape[1] == 1 and X.shape[1] == 1:
            J = _algebra.tidy(_algebra.jacobian(expr, X))
            steps.append(Step("forward-mode differential dF = J dx (the Jacobian)", J))
            return J
        raise DerivationError(
            f"the derivative of a matrix-valued expression with respect to the matrix `{X}` "
            f"is a 4-index array, not a gradient; take it with dx.jacobian (the vec convention), "
            "differentiate a scalar of it, or use index notation"
        )
    g = _algebra.gradient(expr, X)
    steps.append(Step("reverse-mode matrix calculus (denominator layout)", g))
    t = _algebra.tidy(g)
    if t != g:
        steps.append(Step("simplify in matrix form", t))
    return t


def _matrix_symmetric(t, table, steps):
    s = _symmetric(t, table)
    if s != t:
        steps.append(Step("use the symmetry of the declared matrices", s))
    return s


def grad(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> sympy.Basic:
    """The gradient of a scalar expression, shaped like ``wrt`` (denominator layout).

    >>> grad(r"x^\\top A x", "x", "x: vector[n]; A: matrix[n, n]")
    (A + A.T)*x
    """
    return derive(expr_or_latex, wrt, symbols, given, check, timeout).result


def _symmetric(e, table):
    """``A^T`` is ``A`` for a matrix declared ``spd`` or ``symmetric``."""
    if not isinstance(e, sympy.Basic):
        return e
    sym = {
        m
        for m in e.atoms(sympy.MatrixSymbol)
        if table.resolve(m.name) and table[m.name].kind in ("spd", "symmetric")
    }
    if not sym:
        return e
    out = e.replace(lambda x: isinstance(x, sympy.Transpose) and x.arg in sym, lambda x: x.arg)
    out = out.doit() if hasattr(out, "doit") else out
    return _algebra.tidy(out) if isinstance(out, MatrixExpr) else out
