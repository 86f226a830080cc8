"""SymPy -> LaTeX, keeping the author's names (symbols are named by their LaTeX spelling)."""

from __future__ import annotations

import sympy


def to_latex(expr: sympy.Basic, symbols=None) -> str:
    """Render ``expr`` as LaTeX; transposes as ``^\\top``, the natural log as ``\\log``.

    >>> to_latex(sympy.Symbol(r"\\hat{y}") ** 2)
    '\\\\hat{y}^{2}'
    """
    text = sympy.latex(expr, ln_notation=False)
    return text.replace("^{T}", "^{\\top}")
