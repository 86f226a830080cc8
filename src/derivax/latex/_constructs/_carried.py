r"""Derivatives with respect to a parameter a function carries in its name.

``P_{\theta}(x)``, ``\pi_{\theta}(a \mid s)``, ``q_{\phi}(z)``, ``f_{w}(x)``: the subscript says the
function depends on the parameter, though the parameter is not among its arguments. Read as
written, ``\nabla_{\theta} \log P_{\theta}(x)`` would be 0 (nothing in ``\log P_{\theta}(x)``
mentions ``\theta``), and ``\nabla_{\theta} \log P_{\theta}(x) = 0`` was proved. Here each such
application takes the parameter as one more argument for the differentiation, ``P_{\theta}(x,
\theta)``, so the chain rule runs through it; after differentiating, every occurrence outside a
derivative is the function as written again. ``\nabla_{\theta} \log P_{\theta}(x)`` is then
``\frac{\partial}{\partial \theta} P_{\theta}(x, \theta) / P_{\theta}(x)``: the log-derivative
trick follows by rewriting, and a claim that needs what the derivative is stays unknown.

Side conditions: the parameter must be a scalar symbol, written in the function's subscript as a
token of its own (``\theta`` in ``P_{\theta}`` and ``p_{\theta, \phi}``, not ``w`` in ``f_{wx}``);
a name that carries it as a plain symbol (``J_{\theta}`` with no arguments) is treated the same
way, as a function of the parameter alone. The case that would break it: the same name used
elsewhere without the subscript (``P(x)``) is another function, as it always was.
"""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef


def carries(name: str, var: sympy.Symbol) -> bool:
    """Whether ``name`` (``P_{\\theta}``) carries ``var`` (``\\theta``) in its subscript."""
    head, sep, sub = name.partition("_")
    if not sep or not head:
        return False
    return re.search(rf"(?<![A-Za-z\\]){re.escape(var.name)}(?![A-Za-z])", sub) is not None


def carried_by(body, var) -> list[str]:
    """The names in ``body`` that carry ``var`` (a symbol or a matrix symbol)."""
    if not isinstance(var, (sympy.Symbol, sympy.MatrixSymbol)):
        return []
    names = {type(a).__name__ for a in body.atoms(AppliedUndef)}
    names |= {s.name for s in body.free_symbols if isinstance(s, sympy.Symbol) and s != var}
    probe = sympy.Symbol(var.name)
    return sorted(n for n in names if carries(n, probe))


def carried_derivative(body, var, order: int):
    """The derivative of ``body`` with respect to ``var`` with every function (or symbol) whose
    name carries ``var`` depending on it; None when nothing in ``body`` carries ``var``, or when
    ``var`` is a vector or matrix (the caller refuses that: no sound reading is built for it)."""
    if not isinstance(var, sympy.Symbol):
        return None
    apps = [a for a in body.atoms(AppliedUndef) if carries(type(a).__name__, var)]
    names = [s for s in body.free_symbols if isinstance(s, sympy.Symbol) and carries(s.name, var)]
    names = [s for s in names if s != var]
    if not apps and not names:
        return None
    forward: dict = {}
    for a in apps:
        forward[a] = type(a)(*a.args, var)
    for s in names:
        forward[s] = sympy.Function(s.name, real=True)(var)
    d = sympy.diff(body.xreplace(forward), var, order)
    # outside a derivative, each carried quantity is the function as written again
    held = {dv: sympy.Dummy() for dv in d.atoms(sympy.Derivative)}
    back = {v: k for k, v in forward.items()}
    out = d.xreplace(held).xreplace(back)
    return out.xreplace({v: k for k, v in held.items()})
