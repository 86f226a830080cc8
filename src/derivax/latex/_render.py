"""SymPy -> LaTeX, keeping the author's names (symbols are named by their LaTeX spelling)."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

from .._functions import call


class _Printer(LatexPrinter):
    """SymPy's printer with ML conventions: ``\\log`` for the natural log, ``^\\top`` for
    transposes, unspecified functions as ``f(x)`` (``P(A \\mid B)``), names as declared."""

    def __init__(self):
        super().__init__({"ln_notation": False})

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef):
            args = ", ".join(self._print(a) for a in expr.args)
            body = f"{expr.func.__name__}({args})"
            return f"{body}^{{{exp}}}" if exp else body
        return super()._print_Function(expr, exp)

    def _print_log(self, expr, exp=None):
        return call(r"\log", self._print(expr.args[0]), exp)

    def _named(name: str):
        def _print(self, expr, exp=None):
            return call(name, ", ".join(self._print(a) for a in expr.args), exp)
        return _print

    _print_tanh, _print_sinh, _print_cosh = _named(r"\tanh"), _named(r"\sinh"), _named(r"\cosh")
    _print_sin, _print_cos, _print_tan = _named(r"\sin"), _named(r"\cos"), _named(r"\tan")
    del _named

    def _print_Transpose(self, expr):
        base = self._print(expr.arg)
        if not isinstance(expr.arg, (sympy.MatrixSymbol,)):
            base = rf"\left({base}\right)"
        return rf"{base}^\top"

    def _print_ElementwiseApplyFunction(self, expr):
        """``sigma(Wx + b)`` rather than a mapping arrow: the function written on its argument."""
        (var,) = expr.function.variables
        inner = self._print(expr.expr)
        body = expr.function.expr
        # parentheses only where the variable is not already inside a function's own
        parents = [node for node in sympy.preorder_traversal(body) if var in getattr(node, "args", ())]
        if not all(isinstance(p, sympy.Function) for p in parents) and not isinstance(expr.expr, sympy.MatrixSymbol):
            inner = rf"\left({inner}\right)"
        stand_in = sympy.Symbol(inner)
        return self._print(expr.function.expr.xreplace({var: stand_in}))

    def _print_HadamardProduct(self, expr):
        return r" \odot ".join(self.parenthesize(a, 1000) if isinstance(a, (sympy.MatAdd, sympy.MatMul)) else self._print(a)
                                for a in expr.args)

    def _print_DiagMatrix(self, expr):
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_OneMatrix(self, expr):
        return r"\mathbf{1}"

    def _print_Sum(self, expr):
        """Nested sums, one ``\\sum_{i=lo}^{hi}`` per index (never ``\\substack``)."""
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

    def _print_Indexed(self, expr):
        base = self._print(expr.base)
        if isinstance(expr.base.label, sympy.Basic) and not isinstance(expr.base.label, sympy.Symbol):
            base = base if base.endswith(")") else rf"\left({base}\right)"
        elif "_" in base or "^" in base:
            base = f"{{{base}}}"
        indices = "".join(self._print(i) for i in expr.indices) if all(
            isinstance(i, sympy.Symbol) and len(i.name) == 1 for i in expr.indices) else \
            ", ".join(self._print(i) for i in expr.indices)
        return f"{base}_{{{indices}}}"


def to_latex(expr: sympy.Basic, symbols=None) -> str:
    """Render ``expr`` as LaTeX; transposes as ``^\\top``, the natural log as ``\\log``.

    >>> to_latex(sympy.Symbol(r"\\hat{y}") ** 2)
    '\\\\hat{y}^{2}'
    """
    return _Printer().doprint(expr)


_TEXT_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                 "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
                 "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
                 "\u2264": r"$\le$", "\u2265": r"$\ge$", "\u2212": "-", "\u00d7": r"$\times$", "\u2026": "...",
                 "\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''"}


def escape_text(text: str) -> str:
    """Plain text (a title, a rule's name, an error message) made safe for LaTeX text mode, in a
    paragraph or inside ``\\text{...}``. Characters outside ASCII become ``?``: the document needs
    no font packages.

    >>> escape_text("y_hat & 50%")
    'y\\_hat \\& 50\\%'
    """
    return "".join(_TEXT_SPECIAL.get(ch, ch if ch.isascii() else "?") for ch in text)
