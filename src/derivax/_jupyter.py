"""Jupyter display: SymPy results shown with derivax's LaTeX (``\\sigma(W x + b)``, ``x^\\top y``,
the author's names), not SymPy's. ``import derivax`` changes nothing in how other objects display:
derivax's own objects (equations, derivations, verdicts) carry their LaTeX, and ``%load_ext
derivax`` asks for every SymPy expression to be shown with derivax's LaTeX too, and as derivax's
readable text where IPython shows plain text (a terminal: ``σ(W x + b)``, ``θ``, ``xᵀ``).
"""

from __future__ import annotations

import sys


def latex_display(expr) -> str:
    """The ``text/latex`` form of a SymPy object in a notebook."""
    from .latex import to_latex

    return f"$\\displaystyle {to_latex(expr)}$"


def register(shell=None) -> bool:
    """Show SymPy expressions and matrices with derivax's LaTeX in ``shell`` (the running IPython
    by default). Returns False outside IPython."""
    if shell is None:
        if "IPython" not in sys.modules:
            return False
        from IPython import get_ipython

        shell = get_ipython()
        if shell is None:
            return False
    import sympy

    formatter = shell.display_formatter.formatters["text/latex"]
    plain = shell.display_formatter.formatters["text/plain"]
    for kind in (sympy.Basic, sympy.MatrixBase):
        formatter.for_type(kind, latex_display)
        plain.for_type(kind, text_display)
    return True


def text_display(expr, p, cycle) -> None:
    """The ``text/plain`` form (a terminal IPython): derivax's readable math, ``θ`` and ``xᵀ``."""
    from ._text import expr_text

    p.text(expr_text(expr))
