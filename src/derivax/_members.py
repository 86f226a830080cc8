"""A member of a family of vectors: ``x_i`` declared ``x_i: column[X]`` is column ``i`` of the
data matrix ``X``, ``x^{(i)}`` declared ``x^{(i)}: row[X]`` is row ``i`` of ``X`` (each a column
vector), so that ``\\sum_i \\log(1 + e^{w^\\top x_i})`` holds a different vector in every term.

``Member`` is a SymPy matrix expression of shape ``(d, 1)``. Its entries are entries of the data
matrix (``_entry``), so a scalar it makes (``w^\\top x_i``) is written in index notation by
``lower_members``, the form every evaluator reads; with the data matrix written out and a
whole-number index, ``doit`` gives the column itself. Side conditions: the index is numbered
from 1, as every subscript in derivax; an index outside ``1..N`` has no value (the evaluators
refuse it, they never wrap around).
"""

from __future__ import annotations

import sympy
from sympy.core.symbol import Str
from sympy.core.sympify import _sympify
from sympy.matrices.expressions.matexpr import MatrixExpr

#: how a family takes its members from the data matrix
AXES = {"column": 1, "row": 0}


class Member(MatrixExpr):
    """Column (``axis`` 1) or row (``axis`` 0) ``index`` of ``parent``, as a column vector;
    ``name`` is the family's spelling with ``#`` where the index goes (``\\mathbf{x}_{#}``,
    ``x^{(#)}``), for printing."""

    def __new__(cls, parent, index, axis, name):
        parent, index = _sympify(parent), _sympify(index)
        name = name if isinstance(name, Str) else Str(name)  # a label, never a free symbol
        if not isinstance(parent, MatrixExpr | sympy.MatrixBase):
            raise TypeError(f"a family member is taken from a matrix, not `{parent}`")
        return sympy.Basic.__new__(cls, parent, index, sympy.Integer(int(axis)), name)

    @property
    def parent(self):
        return self.args[0]

    @property
    def index(self):
        return self.args[1]

    @property
    def axis(self) -> int:
        return int(self.args[2])

    @property
    def family(self) -> str:
        return str(self.args[3])

    @property
    def shape(self):
        rows, cols = self.parent.shape
        return (rows if self.axis == 1 else cols, sympy.S.One)

    def _entry(self, i, j, **kwargs):
        k = self.index - 1  # entries of the parent are numbered from 0 in SymPy
        return self.parent._entry(i, k) if self.axis == 1 else self.parent._entry(k, i)

    def doit(self, **hints):
        parent = self.parent.doit(**hints) if hints.get("deep", True) else self.parent
        index = self.index.doit(**hints) if hints.get("deep", True) else self.index
        if isinstance(parent, sympy.MatrixBase) and index.is_Integer:
            k = int(index) - 1
            size = parent.cols if self.axis == 1 else parent.rows
            if not 0 <= k < size:
                raise IndexError(f"{self.family}_{index} is outside the {size} members")
            picked = parent[:, k] if self.axis == 1 else parent[k, :].T
            return sympy.ImmutableMatrix(picked)
        return Member(parent, index, self.axis, self.family)

    def _eval_transpose(self):
        return None  # stays Transpose(Member): a row vector

    def _latex(self, printer, exp=None):
        out = self.family.replace("#", printer._print(self.index))
        return out if exp is None else rf"\left({out}\right)^{{{exp}}}"

    def _sympystr(self, printer):
        return self.family.replace("#", printer._print(self.index))


class MatrixSum(MatrixExpr):
    """``\\sum_{j=lo}^{hi} M_j`` of matrices of one shape, as a matrix expression (a SymPy
    ``Sum`` of matrices is a scalar to SymPy's matrix algebra): the gradient of a sum over the
    members of a family, ``\\sum_j \\sigma(w^\\top x_j) x_j``. Entry (r, c) is the sum of the
    terms' entries; with whole-number limits ``doit`` adds the terms (the zero matrix for an
    empty range)."""

    def __new__(cls, body, limits):
        body = _sympify(body)
        if not isinstance(body, MatrixExpr):
            raise TypeError(f"a sum of matrices takes a matrix, not `{body}`")
        return sympy.Basic.__new__(cls, body, sympy.Tuple(*limits))

    @property
    def body(self):
        return self.args[0]

    @property
    def limit(self):
        """``(var, lo, hi)``."""
        var, lo, hi = self.args[1]
        return var, lo, hi

    @property
    def limits(self):
        """As a ``Sum``'s: a tuple of ``(var, lo, hi)``, so that code asking which indices a
        node binds sees this one."""
        return (self.limit,)

    @property
    def variables(self):
        return [self.limit[0]]

    @property
    def shape(self):
        return self.body.shape

    @property
    def free_symbols(self):
        var, lo, hi = self.limit
        return (self.body.free_symbols - {var}) | sympy.Tuple(lo, hi).free_symbols

    def _entry(self, i, j, **kwargs):
        return sympy.Sum(self.body._entry(i, j), self.limit)

    def doit(self, **hints):
        var, lo, hi = self.limit
        body = self.body.doit(**hints) if hints.get("deep", True) else self.body
        if lo.is_Integer and hi.is_Integer:
            terms = [body.xreplace({var: sympy.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
            if not terms:
                return sympy.ZeroMatrix(*self.shape)
            return sympy.MatAdd(*terms).doit(**hints) if len(terms) > 1 else terms[0]
        return MatrixSum(body, self.limit)

    def _latex(self, printer, exp=None):
        var, lo, hi = (printer._print(x) for x in self.limit)
        out = rf"\sum_{{{var}={lo}}}^{{{hi}}} {printer._print(self.body)}"
        return out if exp is None else rf"\left({out}\right)^{{{exp}}}"

    def _sympystr(self, printer):
        var, lo, hi = (printer._print(x) for x in self.limit)
        return f"Sum({printer._print(self.body)}, ({var}, {lo}, {hi}))"


def has_members(e) -> bool:
    return isinstance(e, sympy.Basic) and e.has(Member)


def lower_members(e):
    """``e`` with every scalar made from family members written in index notation: ``tr(M)``
    and a 1 x 1 product become the sum of entries they are (``w^\\top x_i`` ->
    ``\\sum_k w_k X_{k,i}``); a vector-valued expression is left as it is."""
    if not has_members(e):
        return e

    def scalar(node) -> bool:
        if isinstance(node, sympy.Trace):
            return has_members(node.arg)
        return False

    def entries(node):
        m = node.arg
        rows = m.shape[0]
        if rows == 1:
            return m._entry(0, 0)
        k = sympy.Dummy("k", integer=True)
        return sympy.Sum(m._entry(k, k), (k, 0, rows - 1))

    return e.replace(scalar, entries)


def matrix_sums(e):
    """``e`` with every sum of matrices (``\\sum_i a_i x_i``, ``\\sum_i x_i x_i^\\top``) written as
    the matrix of its entries' sums, entry (r, c) being ``\\sum_i (M_i)_{rc}``: the form the
    compiler reads (a sum over an index of a whole matrix has no axis to reduce). Side
    conditions: the terms are matrices of one shape; an empty range gives the zero matrix."""
    if not isinstance(e, sympy.Basic) or not e.has(sympy.Sum, MatrixSum):
        return e

    def matrix_sum(x) -> bool:
        return isinstance(x, MatrixSum) or (
            isinstance(x, sympy.Sum) and isinstance(x.function, MatrixExpr)
        )

    def entries(x):
        function, limits = (
            (x.body, x.limits) if isinstance(x, MatrixSum) else (x.function, x.limits)
        )
        rows, cols = function.shape
        r, c = sympy.Dummy("r", integer=True), sympy.Dummy("c", integer=True)
        body = sympy.Sum(function._entry(r, c), *limits)
        return sympy.FunctionMatrix(rows, cols, sympy.Lambda((r, c), body))

    return e.replace(matrix_sum, entries)


def _no_derivative(expr, x):
    """A member is constant in everything but its data matrix; a derivative by the data matrix
    through it is refused by name (SymPy's array calculus does not know the node: it recursed
    without end)."""
    from sympy.tensor.array.expressions import ZeroArray

    from ._errors import DerivaxError

    if not expr.parent.has(x):
        return ZeroArray(*expr.shape, *x.shape)

    raise DerivaxError(
        f"a derivative through `{expr}`, a member of a family of vectors, is not taken yet; "
        "write the sum with the data matrix"
    )


def _register() -> None:
    from sympy.tensor.array.expressions.arrayexpr_derivatives import array_derive

    array_derive.register(Member)(_no_derivative)


_register()
