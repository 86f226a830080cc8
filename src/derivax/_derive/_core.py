"""Symbolic derivatives: gradients, Jacobians and Hessians in scalar, index and matrix form.

``derive`` reads the expression, substitutes the definitions it is given, differentiates in the
representation the variable has (a scalar, an indexed vector, a matrix symbol), brings the
result to textbook form under a time budget, and cross-checks it against JAX's automatic
derivatives at random points of the declared domains before returning it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._budget import simplified
from .._errors import DerivationError, DerivaxError
from ..symbols import SymbolTable
from . import _forward, _index, _matrix, _rewrites


@dataclass(frozen=True)
class Step:
    """One step of a derivation: the rule applied and the expression it gave (LaTeX)."""

    rule: str
    latex: str


@dataclass
class Derivation:
    """A derivative with how it was obtained and how it was checked."""

    expression: sympy.Basic
    wrt: sympy.Basic
    result: sympy.Basic
    steps: list[Step] = field(default_factory=list)
    index: sympy.Symbol | None = None  # the free index naming the entries of wrt (index form)
    output_indices: tuple[sympy.Symbol, ...] = ()
    checked: str = ""  # how the numeric cross-check went
    note: str = ""

    def to_latex(self) -> str:
        from ..latex import to_latex

        return to_latex(self.result)

    def _repr_latex_(self) -> str:
        """Jupyter shows the steps as an ``align`` block ending in the result."""
        rows = " \\\\\n".join(
            rf"&\text{{{s.rule}}}: && {s.latex}"
            for s in self.steps
            if s.rule != "numeric cross-check against jax.grad"
        )
        return rf"$$\begin{{aligned}}{rows}\end{{aligned}}$$"


def _latex(e) -> str:
    from ..latex import to_latex

    try:
        return to_latex(e)
    except Exception:
        return str(e)


# -- reading the variable ---------------------------------------------------------------------------------
def _variable(expr: sympy.Basic, wrt, table: SymbolTable):
    """(kind, object): "scalar" Symbol, "matrix" MatrixSymbol, "index" IndexedBase, "entry" Indexed."""
    if isinstance(wrt, sympy.Basic):
        target = wrt
    else:
        name = table.resolve(wrt) or wrt
        candidates = []
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, sympy.MatrixSymbol) and name in (node.name,):
                candidates.append(("matrix", node))
            elif isinstance(node, sympy.IndexedBase) and str(node.label) == name:
                candidates.append(("index", node))
            elif isinstance(node, sympy.Symbol) and node.name == name:
                candidates.append(("scalar", node))
        if candidates:
            kinds = {k for k, _ in candidates}
            for preferred in ("index", "matrix", "scalar"):
                if preferred in kinds:
                    kind, node = next(c for c in candidates if c[0] == preferred)
                    if kind == "scalar" and node.is_integer:
                        raise DerivationError(
                            f"`{_latex(node)}` is an integer (a dimension or an index); it has no "
                            "derivative. Differentiate with respect to a real scalar, vector or "
                            "matrix"
                        )
                    return kind, node
        from ..latex import parse

        names = sorted(
            {
                s.name
                for s in expr.free_symbols
                if isinstance(s, (sympy.Symbol, sympy.MatrixSymbol)) and not s.is_integer
            }
            | {str(b.label) for b in expr.atoms(sympy.IndexedBase)}
        )
        absent = DerivationError(
            f"`{wrt}` does not appear in the expression; its variables are "
            f"{', '.join(f'`{n}`' for n in names) or 'none'}"
        )
        if not any(c in wrt for c in "_\\{"):
            raise absent
        try:
            target = parse(wrt, table)
        except DerivaxError:
            raise absent from None
        if not expr.has(target):
            raise absent
    if isinstance(target, sympy.Indexed):
        return "entry", target
    if isinstance(target, sympy.IndexedBase):
        return "index", target
    if isinstance(target, sympy.MatrixSymbol):
        return "matrix", target
    if isinstance(target, sympy.Symbol):
        if target.is_integer:
            raise DerivationError(
                f"`{_latex(target)}` is an integer (a dimension or an index); it has no derivative. "
                "Differentiate with respect to a real scalar, vector or matrix"
            )
        return "scalar", target
    raise DerivationError(
        f"cannot differentiate with respect to `{target}`; name a symbol, vector or matrix"
    )


def _fresh_index(expr: sympy.Basic, table: SymbolTable, avoid=()) -> sympy.Symbol:
    used = {s.name for s in expr.atoms(sympy.Symbol)} | {str(a) for a in avoid}
    # a name the table gives another meaning (a dimension m, a scalar k) is never an index
    used |= {n for n in table if table[n].kind != "index"}
    declared = [n for n in table if table[n].kind == "index"]
    for name in [*declared, "k", "j", "l", "m", "q", "r"]:
        if name not in used:
            return table.scalar(name) if table.resolve(name) else sympy.Symbol(name, integer=True)
    k = 1
    while f"i_{k}" in used:
        k += 1
    return sympy.Symbol(f"i_{k}", integer=True)


# -- rewrites into the forms a person writes -----------------------------------------------------------
def recognize_sigmoid(e: sympy.Basic) -> sympy.Basic:
    """``1/(1 + e^{-u})`` and ``e^{u}/(1 + e^{u})`` -> ``sigma(u)``; ``1/(1 + e^{u})`` -> ``sigma(-u)``."""

    def rule(x):
        if (
            isinstance(x, sympy.Pow)
            and x.exp == -1
            and isinstance(x.base, sympy.Add)
            and len(x.base.args) == 2
            and sympy.S.One in x.base.args
        ):
            other = x.base.args[0] if x.base.args[1] == 1 else x.base.args[1]
            if isinstance(other, sympy.exp):
                return F.sigmoid(-other.args[0])
        return x

    e = e.replace(lambda x: isinstance(x, sympy.Pow), rule)

    # e^{u} sigma(-u) = sigma(u)
    def mul_rule(x):
        exps = [a for a in x.args if isinstance(a, sympy.exp)]
        sigs = [a for a in x.args if isinstance(a, F.sigmoid)]
        for ex in exps:
            for sg in sigs:
                if sg.args[0] == -ex.args[0]:
                    rest = [a for a in x.args if a is not ex and a is not sg]
                    return sympy.Mul(*rest) * F.sigmoid(ex.args[0])
        return x

    return e.replace(lambda x: isinstance(x, sympy.Mul), mul_rule)


def expand_softmax(e: sympy.Basic) -> sympy.Basic:
    """``softmax(z)_k`` -> ``e^{z_k} / sum_j e^{z_j}`` so that it can be differentiated."""

    def rule(ix):
        label = ix.base.label
        if isinstance(label, F.softmax) and len(ix.indices) == 1:
            z = label.args[0]
            j = sympy.Dummy("j", integer=True)
            (k,) = ix.indices
            zk, zj = _entry_of(z, k), _entry_of(z, j)
            if zk is None or zj is None:
                return ix
            return sympy.exp(zk) / sympy.Sum(sympy.exp(zj), (j, 1, z.shape[0]))
        return ix

    return e.replace(lambda x: isinstance(x, sympy.Indexed), rule)


def _entry_of(z, k):
    """Entry ``k`` (1-based) of a column written in matrix form, in index notation: ``z / T``
    -> ``z_k / T``; None where the column is no such combination of vectors."""
    if isinstance(z, sympy.IndexedBase):
        return z[k]
    if isinstance(z, sympy.MatrixSymbol) and z.shape[1] == 1:
        return sympy.IndexedBase(z.name, shape=(z.shape[0],), real=True)[k]
    if isinstance(z, sympy.MatAdd):
        parts = [_entry_of(a, k) for a in z.args]
        return None if any(p is None for p in parts) else sympy.Add(*parts)
    if isinstance(z, sympy.MatMul):
        scalars = [a for a in z.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in z.args if isinstance(a, MatrixExpr)]
        if len(mats) == 1 and not any(a.free_symbols & {k} for a in scalars):
            inner = _entry_of(mats[0], k)
            return None if inner is None else sympy.Mul(*scalars) * inner
    return None


def substitute_given(
    e: sympy.Basic, given: Sequence, table: SymbolTable, steps: list[Step]
) -> sympy.Basic:
    """Replace each defined quantity (``a = \\sigma(z)``, ``z = W x + b``) by its definition."""
    from ..latex import parse

    rules = []
    for g in given:
        rel = parse(g, table) if isinstance(g, str) else g
        if not isinstance(rel, sympy.Equality):
            raise DerivationError(f"`{g}` is not a definition `name = expression`")
        rules.append((rel.lhs, rel.rhs))
    for _ in range(len(rules) + 1):
        before = e
        for lhs, rhs in rules:
            if e.has(lhs):
                e = e.xreplace({lhs: rhs})
                steps.append(Step(f"substitute the definition of {_latex(lhs)}", _latex(e)))
        if e == before:
            break
    return e


# -- the derivation ---------------------------------------------------------------------------------------
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


def _refusing(fn, expr_or_latex, wrt, *args):
    """``fn(...)``, with any SymPy, JAX or Python exception turned into a DerivationError that
    names the expression: derivax refuses a derivative it cannot take, it never crashes."""
    try:
        return fn(expr_or_latex, wrt, *args)
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


def _short(e, limit: int = 160) -> str:
    text = e if isinstance(e, str) else _latex(e)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _derive(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> Derivation:
    from ..latex import parse

    table = SymbolTable.coerce(symbols)
    expr = parse(expr_or_latex, table) if isinstance(expr_or_latex, str) else expr_or_latex
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
    steps = [Step("expression", _latex(expr))]
    expr = substitute_given(expr, given, table, steps)
    written = expand_softmax(expr)
    if written != expr:
        # softmax(z)_k is differentiated entry by entry, in index notation
        steps.append(Step("write softmax out", _latex(written)))
        expr = written
    kind, var = _variable(expr, wrt, table)
    extremum = next(
        (e for e in sympy.preorder_traversal(expr) if isinstance(e, F.IndexMax) and e.has(var)),
        None,
    )
    if extremum is not None:
        raise DerivationError(
            f"`{_latex(extremum)}` is not differentiated: a maximum or minimum over an index "
            "has no derivative where the extreme entries tie; differentiate a smooth bound "
            "such as log-sum-exp instead"
        )
    original = expr
    if kind in ("matrix", "scalar"):
        expr = _matrix_rewrites(expr, steps)
    if kind == "matrix":
        result, index = (
            _matrix_symmetric(_derive_matrix(expr, var, steps, timeout), table, steps),
            None,
        )
    elif kind == "scalar" and _inside_matrices(expr, var):
        result, index = _derive_scalar_in_matrices(expr, var, steps, timeout), None
    elif kind in ("index", "entry"):
        result, index = _derive_index(expr, var, kind, table, steps, timeout, lhs_free)
        if isinstance(index, sympy.Indexed):
            kind, var, index = "entry", index, None
    else:
        result, index = _derive_scalar(expr, var, steps, timeout), None
    _note_kinks(result, steps)
    result = drop_deltas(result, steps)
    d = Derivation(original, var, result, steps, index)
    entry_free = (
        tuple(i for i in var.indices if isinstance(i, sympy.Symbol)) if kind == "entry" else ()
    )
    d.output_indices = _output_indices(original, result, index, lhs_free) + entry_free
    if check:
        from ._check import cross_check

        check_kind = (
            "jacobian"
            if kind == "matrix" and isinstance(original, MatrixExpr) and original.shape != (1, 1)
            else kind
        )
        d.checked = cross_check(d, table, check_kind)
        steps.append(Step("numeric cross-check against jax.grad", d.checked))
    else:
        d.checked = "not cross-checked (check=False)"
    return d


def _matrix_rewrites(expr, steps):
    """Before matrix calculus: sums over a column's entries in matrix form (``\\|\\beta\\|_1 =
    1^T |\\beta|``), and the matrix determinant lemma ``det(I + u v^T) = 1 + v^T u``."""
    out = _rewrites.sums_to_matrix_form(expr)
    if out != expr:
        steps.append(Step("write the sum over the entries in matrix form", _latex(out)))
        expr = out
    out = _rewrites.determinant_lemma(expr)
    if out != expr:
        steps.append(
            Step("matrix determinant lemma det(A + u v^T) = det(A)(1 + v^T A^{-1} u)", _latex(out))
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
            "forward-mode matrix differential (d log det K = tr(K^{-1} dK), "
            "d K^{-1} = -K^{-1} dK K^{-1})",
            _latex(d),
        )
    )
    if isinstance(d, MatrixExpr):
        t2 = _matrix.tidy(d)
    else:
        t2 = d.replace(lambda x: isinstance(x, sympy.Trace), _tidy_trace)
    if t2 != d:
        steps.append(Step("simplify in matrix form", _latex(t2)))
    return t2 if isinstance(t2, MatrixExpr) else _textbook(t2, steps, timeout)


def _tidy_trace(x):
    """``tr(c M) = c tr(M)``, the argument in matrix form."""
    arg = _matrix.tidy(x.arg)
    if isinstance(arg, sympy.MatMul):
        scalars = [a for a in arg.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in arg.args if isinstance(a, MatrixExpr)]
        if scalars and mats:
            return sympy.Mul(*scalars) * sympy.Trace(
                sympy.MatMul(*mats).doit() if len(mats) > 1 else mats[0]
            )
    return sympy.Trace(arg)


_KINKS = (sympy.sign, sympy.Heaviside)


def _note_kinks(result, steps) -> None:
    """A derivative through |x|, max(0, x) or a norm-1 is a subgradient at the kink: say so."""
    found = {type(n) for n in sympy.preorder_traversal(result) if isinstance(n, _KINKS)}
    for lam in (n for n in sympy.preorder_traversal(result) if isinstance(n, sympy.Lambda)):
        found |= {type(n) for n in sympy.preorder_traversal(lam.expr) if isinstance(n, _KINKS)}
    if sympy.sign in found:
        steps.append(
            Step(
                "subgradient at the kink",
                r"|u| \text{ has no derivative at } u = 0; \operatorname{sign}(0) = 0 \text{ is the "
                r"subgradient chosen there (any value in } [-1, 1] \text{ is one)}",
            )
        )
    if sympy.Heaviside in found:
        steps.append(
            Step(
                "subgradient at the kink",
                r"\max(0, u) \text{ has no derivative at } u = 0; H(0) \text{ is a subgradient "
                r"chosen there (any value in } [0, 1] \text{ is one)}",
            )
        )


def drop_deltas(result, steps):
    """The derivative of sign(u) or H(u) is 0 wherever u != 0 and does not exist at u = 0 (its
    distributional derivative, a Dirac delta, is no value derivax can report): write 0 and say
    where it holds."""
    if not result.has(sympy.DiracDelta):
        return result
    out = result.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.S.Zero)
    if isinstance(out, MatrixExpr):
        out = _matrix.tidy(_matrix.constant_maps(out))
    steps.append(
        Step(
            "derivative of a kink",
            r"\frac{d}{du}\operatorname{sign}(u) = 0 \text{ and } \frac{d}{du} H(u) = 0 \text{ "
            r"for } u \ne 0; \text{ at } u = 0 \text{ there is no derivative (a Dirac delta in "
            r"the sense of distributions)}",
        )
    )
    steps.append(Step("the derivative where it exists", _latex(out)))
    return out


def _output_indices(original, result, index, lhs_free) -> tuple:
    """The axes of the result: the free indices of the expression (``k`` of softmax_k) in the
    order the left side names them, then the index of the variable's entries."""
    free = [i for i in lhs_free if i in original.free_symbols]
    for node in sympy.preorder_traversal(original):
        if isinstance(node, sympy.Indexed):
            for i in node.indices:
                if isinstance(i, sympy.Symbol) and i not in free and i in original.free_symbols:
                    free.append(i)
    free = [i for i in free if i in result.free_symbols or i == index]
    if index is not None and index not in free:
        free.append(index)
    return tuple(free)


def _derive_scalar(expr, x, steps, timeout):
    e = recognize_sigmoid(expand_softmax(expr))
    if e != expr:
        steps.append(Step("recognize the sigmoid", _latex(e)))
    d = sympy.diff(e, x)
    steps.append(Step("differentiate", _latex(d)))
    d = _textbook(d, steps, timeout)
    return d


def _sign_over_abs(e):
    """``sign(u) / |u| = 1 / u`` (where ``u != 0``, the only place the derivative exists)."""

    def rule(m):
        signs = [a for a in m.args if isinstance(a, sympy.sign)]
        for sg in signs:
            inv = sympy.Pow(F.absolute(sg.args[0]), -1)
            if inv in m.args:
                rest = [a for a in m.args if a is not sg and a != inv]
                return sympy.Mul(*rest) / sg.args[0]
        return m

    return e.replace(lambda x: isinstance(x, sympy.Mul), rule)


def _textbook(d, steps, timeout):
    d = _sign_over_abs(d)
    d2 = recognize_sigmoid(d)
    if d2 != d:
        steps.append(Step("recognize the sigmoid", _latex(d2)))
    if isinstance(d2, MatrixExpr):
        return d2
    # SymPy's simplify cannot take traces and determinants apart: they go in as symbols
    atoms = sorted(
        {
            n
            for n in sympy.preorder_traversal(d2)
            if isinstance(n, (sympy.Trace, sympy.Determinant, MatrixElement))
        },
        key=sympy.default_sort_key,
    )
    atoms = [a for a in atoms if not any(b != a and b.has(a) for b in atoms)]
    if any(
        isinstance(a, MatrixElement) and any(s.is_integer for s in a.free_symbols) for a in atoms
    ):
        return d2  # an entry under a sum cannot be hidden as a symbol: simplify would move it out
    hidden = {a: sympy.Dummy(f"m{k}", real=True) for k, a in enumerate(atoms)}
    d2h = d2.xreplace(hidden) if hidden else d2
    try:
        candidate, note = simplified(d2h, timeout, _simplify_keep_ml)
    except Exception as e:
        candidate, note = (
            d2h,
            f"SymPy's simplify failed ({type(e).__name__}); the result is correct but not simplified",
        )
    if hidden:
        back = {v: k for k, v in hidden.items()}
        candidate = candidate.xreplace(back)
    if note:
        steps.append(Step("simplify", note))
        return d2
    candidate = recognize_sigmoid(candidate)
    if sympy.count_ops(candidate) < sympy.count_ops(d2):
        steps.append(Step("simplify", _latex(candidate)))
        return candidate
    return d2


def _simplify_keep_ml(e):
    """simplify, but never at the price of a longer expression (and sigmoid stays sigmoid)."""
    out = sympy.simplify(e)
    return out if sympy.count_ops(out) <= sympy.count_ops(e) else sympy.factor_terms(e)


def _derive_index(expr, var, kind, table, steps, timeout, lhs_free):
    e = expand_softmax(expr)
    if e != expr:
        steps.append(Step("write softmax out", _latex(e)))
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
            entry, index, kind = base[first, second], None, "entry"
        else:
            index = _fresh_index(e, table, avoid=lhs_free)
            entry = base[index]
    d = sympy.diff(e, entry)
    steps.append(Step(f"differentiate with respect to {_latex(entry)}", _latex(d)))
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
    d2 = _index.collapse_deltas(d, ranges)
    if d2 != d:
        steps.append(Step("collapse the Kronecker deltas", _latex(d2)))
    symmetric = frozenset(n for n in table if table[n].kind in ("spd", "symmetric"))
    d2b = _index.normalize_sums(d2, symmetric)
    if d2b != d2:
        steps.append(Step("distribute and combine the sums", _latex(d2b)))
        d2 = d2b
    simplices = {str(n): table.dim(table[n].shape[0]) for n in table if table[n].kind == "simplex"}
    d3 = _index.apply_simplex(d2, simplices) if simplices else d2
    if d3 != d2:
        steps.append(Step("use that the simplex sums to 1", _latex(d3)))
    d4 = _index.recognize_softmax(d3)
    if d4 != d3:
        steps.append(Step("recognize the softmax", _latex(d4)))
    result = _textbook(d4, steps, timeout)
    return (result, entry) if entry.indices != (index,) else (result, index)


def _derive_matrix(expr, X, steps, timeout):
    out = _derive_matrix_form(expr, X, steps, timeout)
    cleaned = (
        out.replace(lambda x: isinstance(x, sympy.Mul), lambda m: _sign_over_abs(m))
        if out.has(sympy.sign)
        else out
    )
    return cleaned


def _derive_matrix_form(expr, X, steps, timeout):
    if isinstance(expr, MatrixExpr) and expr.shape != (1, 1):
        if expr.shape[1] == 1 and X.shape[1] == 1:
            J = _matrix.tidy(_matrix.jacobian(expr, X))
            steps.append(Step("forward-mode differential dF = J dx (the Jacobian)", _latex(J)))
            return J
        raise DerivationError(
            f"the derivative of a matrix-valued expression with respect to the matrix `{X}` "
            f"is a 4-index array, not a gradient; take it with dx.jacobian (the vec convention), "
            "differentiate a scalar of it, or use index notation"
        )
    g = _matrix.gradient(expr, X)
    steps.append(Step("reverse-mode matrix calculus (denominator layout)", _latex(g)))
    t = _matrix.tidy(g)
    if t != g:
        steps.append(Step("simplify in matrix form", _latex(t)))
    return t


def _matrix_symmetric(t, table, steps):
    s = _symmetric(t, table)
    if s != t:
        steps.append(Step("use the symmetry of the declared matrices", _latex(s)))
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


def jacobian(
    expr_or_latex,
    wrt,
    symbols=None,
    given: Sequence = (),
    check: bool = True,
    timeout: float = 10.0,
) -> sympy.Basic:
    """The Jacobian of a vector-valued expression: in index form ``d f_k / d x_j`` (free indices
    k and j), or in matrix form ``J`` with ``df = J dx``.

    >>> jacobian(r"W x + b", "x", "W: matrix[m, n]; x: vector[n]; b: vector[m]")
    W
    """
    return _refusing(_jacobian, expr_or_latex, wrt, symbols, given, check, timeout)


def _jacobian(expr_or_latex, wrt, symbols, given, check, timeout):
    from ..latex import parse

    table = SymbolTable.coerce(symbols)
    expr = parse(expr_or_latex, table) if isinstance(expr_or_latex, str) else expr_or_latex
    if (isinstance(expr, sympy.Equality) and isinstance(expr.rhs, MatrixExpr)) or isinstance(
        expr, MatrixExpr
    ):
        F_ = expr.rhs if isinstance(expr, sympy.Equality) else expr
        steps: list[Step] = []
        F_ = substitute_given(F_, given, table, steps)
        kind, var = _variable(F_, wrt, table)
        if kind not in ("matrix", "scalar"):
            raise DerivationError(
                f"`{wrt}` must be a vector in matrix notation for a matrix-form Jacobian"
            )
        check_kind = "jacobian"
        if kind == "scalar":
            J = _matrix.tidy(_forward.scalar_derivative(F_, var))
            steps.append(Step("forward-mode differential dF = J dx", _latex(J)))
        elif F_.shape[1] == 1 and var.shape[1] == 1:
            J = _matrix.tidy(_matrix.jacobian(F_, var))
            steps.append(Step("forward-mode differential dF = J dx", _latex(J)))
        else:
            from ._vec_form import vec_jacobian

            J = _symmetric(vec_jacobian(F_, var), table)
            steps.append(Step(_VEC_CONVENTION.format(F=_latex(F_), X=_latex(var)), _latex(J)))
            check_kind = "jacobian-vec"
        d = Derivation(F_, var, J, steps)
        if check:
            from ._check import cross_check

            d.checked = cross_check(d, table, check_kind)
        return J
    return derive(expr, wrt, table, given, check, timeout).result


_VEC_CONVENTION = (
    r"the vec convention: d\,\operatorname{{vec}}({F}) = J\,\operatorname{{vec}}(d{X}), vec "
    r"stacking the columns (entry (i, j) of an m-row matrix is row i + (j-1) m)"
)


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
    return _matrix.tidy(out) if isinstance(out, MatrixExpr) else out
