"""SymPy -> LaTeX, keeping the author's names (symbols are named by their LaTeX spelling)."""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

from .._functions import call


class _Printer(LatexPrinter):
    """SymPy's printer with ML conventions: ``\\log`` for the natural log, ``^\\top`` for
    transposes, unspecified functions as ``f(x)`` (``P(A \\mid B)``), names as declared."""

    def __init__(self, commutation_name: str = "K", identity_name: str = "I", identity_size=None):
        super().__init__({"ln_notation": False})
        self.commutation_name = commutation_name
        self.identity_name = identity_name
        self.identity_size = identity_size  # the size of a declared `I: identity[n]`, bare
        self.entrywise_exp = False  # printing the entries of a square matrix: exp is `\exp^{\circ}`

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef):
            args = ", ".join(self._print(a) for a in expr.args)
            body = f"{expr.func.__name__}({args})"
            return f"{body}^{{{exp}}}" if exp else body
        return super()._print_Function(expr, exp)

    def _print_Mul(self, expr):
        """The real odd root ``sign(x) |x|^{1/3}`` as the reader reads ``\\sqrt[3]{x}``."""
        root = _real_root(expr)
        if root is not None:
            return self._print(sympy.Pow(*root, evaluate=False))
        return super()._print_Mul(expr)

    def _print_Abs(self, expr, exp=None):
        body = rf"\left|{self._print(expr.args[0])}\right|"
        return rf"{body}^{{{exp}}}" if exp else body

    def _print_log(self, expr, exp=None):
        arg = expr.args[0]
        if isinstance(arg, sympy.Determinant) and isinstance(arg.arg, sympy.MatrixSymbol):
            return call(r"\log", rf"\det {self._print(arg.arg)}", exp)  # nothing follows it there
        return call(r"\log", self._print(arg), exp)

    def _named(name: str):
        def _print(self, expr, exp=None):
            return call(name, ", ".join(self._print(a) for a in expr.args), exp)

        return _print

    def _print_polygamma(self, expr, exp=None):
        n, x = expr.args
        if n == 0:
            return call(r"\operatorname{digamma}", self._print(x), exp)
        return call(r"\operatorname{polygamma}", f"{self._print(n)}, {self._print(x)}", exp)

    _print_tanh, _print_sinh, _print_cosh = _named(r"\tanh"), _named(r"\sinh"), _named(r"\cosh")
    _print_sin, _print_cos, _print_tan = _named(r"\sin"), _named(r"\cos"), _named(r"\tan")
    del _named

    def _print_Transpose(self, expr):
        base = self._print(expr.arg)
        if not isinstance(expr.arg, (sympy.MatrixSymbol,)):
            base = rf"\left({base}\right)"
        return rf"{base}^\top"

    def _print_ElementwiseApplyFunction(self, expr):
        """``sigma(Wx + b)`` rather than a mapping arrow: the function written on its argument;
        ``sigma(b)^T`` rather than ``sigma(b^T)``."""
        if (
            expr.shape[0] == 1 and expr.shape[1] != 1
        ):  # a row: the function of the column, transposed
            inner = self._print(ElementwiseApplyFunction(expr.function, _transpose(expr.expr)))
            return rf"{inner}^\top" if inner.endswith(")") else rf"\left({inner}\right)^\top"
        (var,) = expr.function.variables
        inner = self._print(expr.expr)
        body = expr.function.expr
        root = _real_root(body)
        if root is not None and root[0] == var:  # \sqrt[3]{v}: the real root of each entry
            if not isinstance(expr.expr, sympy.MatrixSymbol):
                inner = rf"\left({inner}\right)"
            return self._print(sympy.Pow(sympy.Symbol(inner), root[1], evaluate=False))
        if not _function_chain(body, var):
            # 1/x, tanh(x)^2, x (1 - x) of a matrix: written with `\odot` and `^{\circ k}`, as
            # `\frac{1}{A}`, `\tanh(A)^{2}` or `A (1 - A)` would read back as matrix algebra; of a
            # vector, a power reads back entry by entry, a product of two vectors does not
            matrix = 1 not in expr.shape
            entrywise = _entrywise_form(body, var, expr.expr)
            if entrywise is not None and (matrix or _has_product_in(body, var)):
                return self._print(entrywise)
            if not isinstance(expr.expr, sympy.MatrixSymbol):
                inner = rf"\left({inner}\right)"
        stand_in = sympy.Symbol(inner)
        square = 1 not in expr.shape and sympy.simplify(expr.shape[0] - expr.shape[1]) == 0
        saved, self.entrywise_exp = self.entrywise_exp, square
        try:  # of a square matrix, e^{A} reads back as the matrix exponential
            return self._print(expr.function.expr.xreplace({var: stand_in}))
        finally:
            self.entrywise_exp = saved

    def _print_ExpBase(self, expr, exp=None):
        """``\\exp^{\\circ}(A)``: the exponential of each entry of a square matrix (``e^{A}`` is
        its matrix exponential)."""
        if self.entrywise_exp:
            body = call(r"\exp^{\circ}", self._print(expr.args[0]))
            return rf"\left({body}\right)^{{{exp}}}" if exp else body
        return super()._print_ExpBase(expr, exp)

    def _print_Trace(self, expr):
        """A squared norm as ``\\|v\\|_2^2`` (``\\|A\\|_F^2``), a 1 x 1 product as the product
        ``x^\\top A x``, any other trace as ``\\operatorname{tr}``."""
        arg = expr.arg
        gram = _gram_factor(arg)
        if gram is not None:
            return rf"\|{self._print(gram)}\|_{'2' if gram.shape[1] == 1 else 'F'}^2"
        if arg.shape == (1, 1) and isinstance(arg, sympy.MatMul):
            return self._print(arg)
        return rf"\operatorname{{tr}}\left({self._print(arg)}\right)"

    def _print_Pow(self, expr):
        if isinstance(expr.base, sympy.Trace):
            gram = _gram_factor(expr.base.arg)
            if gram is not None:  # (||v||^2)^p is ||v||^{2p}: never a double superscript
                norm = rf"\|{self._print(gram)}\|_{'2' if gram.shape[1] == 1 else 'F'}"
                power = 2 * expr.exp
                return norm if power == 1 else rf"{norm}^{{{self._print(power)}}}"
        return super()._print_Pow(expr)

    def _print_Heaviside(self, expr, exp=None):
        """The step as the reader reads it back: 1 for x > 0, 0 for x < 0 and its second argument
        (0 unless given) at 0; ``\\theta(x)`` would read back as a product."""
        x = self._print(expr.args[0])
        h0 = expr.args[1] if len(expr.args) > 1 else sympy.S.Half
        inner = x if h0 == 0 else f"{x}, {self._print(h0)}"
        return call(r"\operatorname{Heaviside}", inner, exp)

    def parenthesize(self, item, level, is_neg=False, strict=False):
        """A product written for a 1 x 1 trace (``x^\\top y``) and a determinant are parenthesized
        under a power, a Hadamard product inside a matrix product."""
        if (
            isinstance(item, sympy.Trace)
            and level >= PRECEDENCE["Pow"]
            and _gram_factor(item.arg) is None
            and item.arg.shape == (1, 1)
            and isinstance(item.arg, sympy.MatMul)
        ):
            return rf"\left({self._print(item)}\right)"
        if (
            isinstance(item, sympy.Sum)
            and _one_norm_of(item) is not None
            and level < PRECEDENCE["Pow"]
        ):
            return self._print(item)  # a norm is one factor
        if isinstance(item, sympy.Determinant) and level >= PRECEDENCE["Pow"]:
            return rf"\left({self._print(item)}\right)"
        if (
            # a factor of a matrix product, also of a negated one (printed at Add's level)
            isinstance(item, (sympy.HadamardProduct, sympy.HadamardPower, sympy.KroneckerProduct))
            and level >= PRECEDENCE["Add"]
        ):
            return rf"\left({self._print(item)}\right)"
        return super().parenthesize(item, level, is_neg, strict)

    def _print_MatAdd(self, expr):
        """Positive terms first and a minus for negative ones: ``y - X w``, never ``+ -``."""
        terms = sorted(expr.args, key=_is_negative)  # stable: SymPy's order within each sign
        out = []
        for k, term in enumerate(terms):
            negative = _is_negative(term)
            body = self._print(-term if negative else term)
            if isinstance(-term if negative else term, sympy.MatAdd):
                body = rf"\left({body}\right)"
            out.append(
                ("- " if k == 0 else " - ") + body if negative else (" + " if k else "") + body
            )
        return "".join(out)

    def _print_HadamardProduct(self, expr):
        return r" \odot ".join(
            self.parenthesize(a, 1000)
            if isinstance(a, (sympy.MatAdd, sympy.MatMul))
            else self._print(a)
            for a in expr.args
        )

    def _print_HadamardPower(self, expr):
        """``a \\odot a`` for a small whole power, as the reader reads it back."""
        base, k = expr.args
        if k.is_Integer and 2 <= k <= 4:
            return r" \odot ".join(
                [
                    self.parenthesize(base, 1000)
                    if isinstance(base, (sympy.MatAdd, sympy.MatMul))
                    else self._print(base)
                ]
                * int(k)
            )
        return super()._print_HadamardPower(expr)

    def _print_KroneckerProduct(self, expr):
        r"""``w w^T \otimes I_m``: an identity factor says its size, which nothing else gives."""

        def factor(a):
            if isinstance(a, sympy.Identity):
                return self._print_Identity(a)
            if isinstance(a, (sympy.MatAdd, sympy.MatMul, sympy.KroneckerProduct)):
                return rf"\left({self._print(a)}\right)"
            return self._print(a)

        return r" \otimes ".join(factor(a) for a in expr.args)

    def _print_Determinant(self, expr, exp=None):
        # always parenthesized: as a factor, `\det X A` would read back as det(X A)
        body = rf"\det\left({self._print(expr.arg)}\right)"
        return rf"\left({body}\right)^{{{exp}}}" if exp else body

    def _print_DiagMatrix(self, expr):
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_OneMatrix(self, expr):
        """The ones with their size, which nothing next to them gives: ``\\mathbf{1}_{n}``,
        ``\\mathbf{1}_{n}^\\top``, ``\\mathbf{1}_{m \\times n}``."""
        rows, cols = expr.shape
        if cols == 1:
            return rf"\mathbf{{1}}_{{{self._print(rows)}}}"
        if rows == 1:
            return rf"\mathbf{{1}}_{{{self._print(cols)}}}^\top"
        return rf"\mathbf{{1}}_{{{self._print(rows)} \times {self._print(cols)}}}"

    def _print_Identity(self, expr):
        """``I_{n}``: the identity with its size, as the reader reads it back; a declared
        ``I: identity[n]`` of that size bare."""
        if self.identity_size is not None and expr.rows == self.identity_size:
            return "I"
        return rf"{self.identity_name}_{{{self._print(expr.rows)}}}"

    def _print_Sum(self, expr):
        """Nested sums, one ``\\sum_{i=lo}^{hi}`` per index (never ``\\substack``); the entry sum
        of absolute values of a vector as its 1-norm."""
        one_norm = _one_norm_of(expr)
        if one_norm is not None:
            scale, v = one_norm
            return (f"{self._print(scale)} " if scale != 1 else "") + rf"\|{self._print(v)}\|_1"
        body = self._print(expr.function)
        if isinstance(expr.function, sympy.Add):
            body = rf"\left({body}\right)"
        for var, lo, hi in expr.limits:
            body = rf"\sum_{{{self._print(var)}={self._print(lo)}}}^{{{self._print(hi)}}} {body}"
        return body

    def _print_Symbol(self, expr, style="plain"):
        return expr.name

    def _print_MatrixSymbol(self, expr):
        return expr.name

    def _print_IndexedBase(self, expr):
        return self._print(expr.label)

    def _print_MatrixElement(self, expr):
        """An entry of a named vector or matrix, 1-based as in the source (``b[i, 0]`` is ``b_{i + 1}``)."""
        parent = expr.parent
        if not isinstance(parent, sympy.MatrixSymbol):
            return super()._print_MatrixElement(expr)
        rows = [expr.i + 1] if parent.shape[1] == 1 else [expr.i + 1, expr.j + 1]
        name = self._print(parent)
        name = f"{{{name}}}" if "_" in name or "^" in name else name
        return f"{name}_{{{', '.join(self._print(r) for r in rows)}}}"

    def _print_Indexed(self, expr):
        base = self._print(expr.base)
        derivative = _OPAQUE_DERIVATIVE.fullmatch(base)
        if derivative:  # an entry of an opaque gradient: the index goes on the variable
            indices = "".join(self._print(i) for i in expr.indices)
            return rf"\frac{{\partial {derivative[1]}}}{{\partial {derivative[2]}_{{{indices}}}}}"
        mixed = _OPAQUE_MIXED.fullmatch(base)
        if mixed:  # an entry of an opaque Hessian: each index on its variable
            written = self._mixed_denominator(mixed[2], [self._print(i) for i in expr.indices])
            if written is not None:
                return rf"\frac{{{mixed[1]}}}{{{written}}}"
        if isinstance(expr.base.label, sympy.Basic) and not isinstance(
            expr.base.label, sympy.Symbol
        ):
            base = base if base.endswith(")") else rf"\left({base}\right)"
        elif "_" in base or "^" in base:
            base = f"{{{base}}}"
        indices = (
            "".join(self._print(i) for i in expr.indices)
            if all(isinstance(i, sympy.Symbol) and len(i.name) == 1 for i in expr.indices)
            else ", ".join(self._print(i) for i in expr.indices)
        )
        return f"{base}_{{{indices}}}"

    @staticmethod
    def _mixed_denominator(den: str, indices: list[str]) -> str | None:
        """``\\partial w\\partial w`` with indices j, k as ``\\partial w_{j} \\partial w_{k}`` (a
        power ``w^2`` takes the same entry twice, a matrix two indices an entry); None where the
        indices do not fit."""
        pieces = []
        for piece in (p.strip() for p in den.split(r"\partial") if p.strip()):
            var, _, power = piece.partition("^")
            pieces.append((var, int(power.strip("{}")) if power else 1))
        total = sum(count for _, count in pieces)
        if not total or len(indices) % total:
            return None
        rank, out, k = len(indices) // total, [], 0
        for var, count in pieces:
            entries = [tuple(indices[k + m * rank : k + (m + 1) * rank]) for m in range(count)]
            if len(set(entries)) != 1:
                return None
            out.append(
                rf"\partial {var}_{{{''.join(entries[0])}}}"
                + (f"^{{{count}}}" if count > 1 else "")
            )
            k += rank * count
        return " ".join(out)


_OPAQUE_MIXED = re.compile(
    r"\\frac\{(\\partial\^.+)\}\{((?:\\partial ?[A-Za-z\\]+(?:\^\{?\d+\}?)?)+)\}"
)

_OPAQUE_DERIVATIVE = re.compile(r"\\frac\{\\partial (.+)\}\{\\partial ([^{}_^]+)\}")


def _real_root(expr) -> tuple[sympy.Expr, sympy.Rational] | None:
    """``(x, p/q)`` when ``expr`` is ``sign(x) |x|^{p/q}`` with ``p`` odd and positive and ``q``
    odd: the real root the reader builds from ``x^{p/q}`` (``|x|^{p/q}`` with ``p`` even prints
    as it is and reads back the same); None for anything else."""
    if not isinstance(expr, sympy.Mul) or len(expr.args) != 2:
        return None
    signs = [a for a in expr.args if isinstance(a, sympy.sign)]
    powers = [a for a in expr.args if isinstance(a, sympy.Pow) and isinstance(a.base, sympy.Abs)]
    if len(signs) != 1 or len(powers) != 1:
        return None
    x, r = signs[0].args[0], powers[0].exp
    if powers[0].base.args[0] != x or not isinstance(r, sympy.Rational):
        return None
    if r.is_Integer or r <= 0 or r.p % 2 == 0 or r.q % 2 == 0:
        return None
    return x, r


def _is_negative(term) -> bool:
    coeff = term.as_coeff_mmul()[0] if isinstance(term, sympy.MatMul) else sympy.S.One
    return bool(coeff.could_extract_minus_sign())


def _function_chain(body: sympy.Expr, var: sympy.Symbol) -> bool:
    """``f(g(x))``: only functions between the root and every ``x`` (no power, sum or product)."""
    if body == var:
        return True
    if isinstance(body, sympy.Function):
        return all(_function_chain(a, var) for a in body.args if a.has(var))
    return False


def _has_product_in(body: sympy.Expr, var: sympy.Symbol) -> bool:
    """A product of two factors that both hold ``x``."""
    return any(
        isinstance(node, sympy.Mul) and sum(a.has(var) for a in node.args) > 1
        for node in sympy.preorder_traversal(body)
    )


def _entrywise_form(body: sympy.Expr, var: sympy.Symbol, m):
    """``x -> body`` applied to each entry of ``m``, as a matrix expression of Hadamard products,
    entrywise powers and functions applied entrywise; None where ``body`` holds anything else."""
    if body == var:
        return m
    if not body.has(var):
        return body * sympy.OneMatrix(*m.shape) if body != 0 else sympy.ZeroMatrix(*m.shape)
    parts = [_entrywise_form(a, var, m) for a in body.args]
    if any(p is None for p in parts):
        return None
    if isinstance(body, sympy.Add):
        return sympy.MatAdd(*parts)
    if isinstance(body, sympy.Mul):
        scalars = [a for a in body.args if not a.has(var)]
        arrays = [p for a, p in zip(body.args, parts, strict=True) if a.has(var)]
        product = arrays[0] if len(arrays) == 1 else sympy.HadamardProduct(*arrays)
        return sympy.Mul(*scalars) * product if scalars else product
    if isinstance(body, sympy.Pow) and not body.exp.has(var):
        return sympy.HadamardPower(parts[0], body.exp)
    if isinstance(body, sympy.Function) and len(body.args) == 1:
        return ElementwiseApplyFunction(sympy.Lambda(var, body.func(var)), parts[0])
    return None


def _transpose(m):
    """``m^T`` with the transpose pushed through sums, products and elementwise functions, so that
    ``sigma(W u)^T`` and ``sigma(u^T W^T)`` compare equal."""
    if isinstance(m, ElementwiseApplyFunction):
        return ElementwiseApplyFunction(m.function, _transpose(m.expr))
    if isinstance(m, sympy.MatAdd):
        return sympy.MatAdd(*(_transpose(a) for a in m.args)).doit(deep=False)
    if isinstance(m, sympy.MatMul):
        coeff, factors = m.as_coeff_matrices()
        return sympy.MatMul(coeff, *(_transpose(a) for a in reversed(factors))).doit(deep=False)
    if isinstance(m, sympy.HadamardProduct):
        return sympy.HadamardProduct(*(_transpose(a) for a in m.args))
    if isinstance(m, MatrixExpr):
        # a family's member (x_i of x_i: row[X]) has no transpose of its own, and
        # sympy.transpose left it a scalar function, which broke the product around it
        return sympy.Transpose(m).doit(deep=False)
    return sympy.transpose(m)


def _gram_factor(m):
    """``B`` when ``m`` is ``B^T B`` (the matrix whose trace is a squared 2- or Frobenius norm)."""
    if not isinstance(m, sympy.MatMul):
        return None
    coeff, factors = m.as_coeff_matrices()
    if coeff != 1:
        return None
    for k in range(1, len(factors)):
        left, right = sympy.MatMul(*factors[:k]).doit(), sympy.MatMul(*factors[k:]).doit()
        if left.shape[0] == right.shape[1] and _transpose(right) == _transpose(_transpose(left)):
            return right
    return None


def _one_norm_of(s):
    """``(c, v)`` when ``s`` is ``Sum(c Abs(v[i, 0]), (i, 0, rows - 1))``, ``c`` times the 1-norm as
    the reader builds it (for ``v = x - y`` the entry is ``x[i, 0] - y[i, 0]``)."""
    from sympy.matrices.expressions.matexpr import MatrixElement

    scale, rest = s.function.as_coeff_Mul()
    if len(s.limits) != 1 or not isinstance(rest, sympy.Abs) or s.limits[0][1] != 0 or scale <= 0:
        return None
    i, _, hi = s.limits[0]
    terms = []
    for term in sympy.Add.make_args(rest.args[0]):
        coeff, entries = term.as_coeff_mul()
        if len(entries) != 1 or not isinstance(entries[0], MatrixElement):
            return None
        entry = entries[0]
        if (
            entry.i != i
            or entry.j != 0
            or not isinstance(entry.parent, sympy.MatrixExpr)
            or entry.parent.shape[1] != 1
        ):
            return None
        terms.append(entry.parent if coeff == 1 else coeff * entry.parent)
    v = sympy.MatAdd(*terms).doit() if len(terms) > 1 else terms[0]
    if (
        rest.args[0] not in (v[i, 0], MatrixElement(v, i, 0))
        or sympy.simplify(hi - (v.shape[0] - 1)) != 0
    ):
        return None
    return scale, v


def to_latex(expr: sympy.Basic, symbols=None) -> str:
    """Render ``expr`` as LaTeX; transposes as ``^\\top``, the natural log as ``\\log``.

    >>> to_latex(sympy.Symbol(r"\\hat{y}") ** 2)
    '\\\\hat{y}^{2}'
    """
    from ..symbols import SymbolTable

    table = SymbolTable.coerce(symbols)
    # K_{m,n} reads back as the commutation matrix only where the table leaves K undeclared
    commutation = r"\mathcal{K}" if table.resolve("K") is not None else "K"
    # I_{n} reads back as the identity only where the table leaves I undeclared; a declared
    # `I: identity[n]` is written bare at its own size
    identity, size = "I", None
    key = table.resolve("I")
    if key is not None:
        declared = table[key]
        if declared.kind == "identity" and declared.shape:
            size = table.dim(declared.shape[0])
        identity = r"\mathbb{I}"
    return _Printer(commutation, identity, size).doprint(expr)


_TEXT_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "\u2264": r"$\le$",
    "\u2265": r"$\ge$",
    "\u2212": "-",
    "\u00d7": r"$\times$",
    "\u2026": "...",
    "\u2013": "--",
    "\u2014": "---",
    "\u2018": "`",
    "\u2019": "'",
    "\u201c": "``",
    "\u201d": "''",
}


def escape_text(text: str) -> str:
    """Plain text (a title, a rule's name, an error message) made safe for LaTeX text mode, in a
    paragraph or inside ``\\text{...}``. Characters outside ASCII become ``?``: the document needs
    no font packages.

    >>> print(escape_text("y_hat & 50%"))
    y\\_hat \\& 50\\%
    """
    return "".join(_TEXT_SPECIAL.get(ch, ch if ch.isascii() else "?") for ch in text)
