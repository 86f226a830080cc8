"""Derivatives written in a formula: the readings refused or rewritten before one is built (a
derivative by a power of a variable, a gradient at a point, a gradient over members, an array
carried in a function's name)."""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ... import _functions as F
from .._lex import Tok
from .._state import ReaderState
from ._carried import carried_by


class DerivativeGuards(ReaderState):
    """What ``Derivatives`` checks of a derivative before it builds it."""

    def _by_power(self, result, var, power: int, t0: Tok) -> sympy.Basic:
        """The derivative by ``var^power`` from the one by ``var``: d/d(v^p) = (d/dv) / (p v^(p-1)),
        the inverse function's rule, where v != 0 (an unspecified derivative, named with the power
        as written, is kept as it is)."""
        if isinstance(var, MatrixExpr):
            raise self.error(
                f"a derivative by a power of `{var}`, an array: write the variable it means as a "
                f"name of its own",
                t0,
            )
        if isinstance(result, (F.Opaque, F.OpaqueMatrix)):
            return result
        self.note(
            f"`\\partial {var}^{power}` is a derivative by {var}^{power}: the derivative by "
            f"`{var}` divided by {power} {var}^{power - 1} (where {var} is not 0)"
        )
        return result / (power * var ** (power - 1))

    def _refuse_carried_array(self, body, var, t0: Tok) -> None:
        """A vector or matrix parameter carried in a function's name (``\\pi_{\\theta}`` with
        ``\\theta: vector[d]``) inside an expression: the derivative through it is not built, so
        it is refused rather than taken as 0 (the gradient of the function alone is an unspecified
        quantity, as before)."""
        bare = isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef))
        if isinstance(var, MatrixExpr) and not bare and (names := carried_by(body, var)):
            raise self.error(
                f"`{names[0]}` carries `{var}` in its name, so it depends on it, but derivax does "
                f"not differentiate through a name with respect to a vector or matrix; write "
                f"`{var}` as one of its arguments (`\\pi(a, \\theta)`), or the gradient of "
                f"`{names[0]}` alone, an unspecified quantity",
                t0,
            )

    def _members_of(self, var, body) -> list[sympy.Symbol]:
        """``x_1, ..., x_k`` when ``var`` is a letter ``x`` the table does not declare but whose
        members it declares as scalars, numbered 1 to k without a gap, and ``body`` depends on
        them and not on ``x`` itself; [] otherwise (a gap, ``x_0``, or a declared ``x``)."""
        if not isinstance(var, sympy.Symbol) or self.table.resolve(var.name) is not None:
            return []
        pattern = re.compile(re.escape(var.name) + r"_\{([0-9]+)\}")
        numbers = {}
        for name in self.table:
            m = pattern.fullmatch(name)
            if m and self.table[name].kind == "scalar" and not self.table[name].is_family:
                numbers[int(m.group(1))] = self.table.scalar(name)
        if not numbers or sorted(numbers) != list(range(1, len(numbers) + 1)):
            return []
        members = [numbers[k] for k in sorted(numbers)]
        names = {m.name for m in members}
        free = {getattr(s, "name", None) for s in getattr(body, "free_symbols", ())}
        if var.name in free:
            return []
        if isinstance(body, sympy.core.function.AppliedUndef):
            # f(x_1, x_2), never f(1, 1): the gradient at a point is another reading
            return members if list(body.args) == members else []
        return members if isinstance(body, sympy.Symbol) or free & names else []

    def _refuse_gradient_at(self, body, var, defined: bool, t0: Tok) -> None:
        """``\\nabla_x f(1, 1)`` or ``\\nabla_\\theta J(\\theta_t)`` of a defined function: the
        gradient at a point, which read as the derivative of the value there would be 0; and a
        variable ``x`` the table does not declare beside members that are not ``x_1, ..., x_k``."""
        applied = isinstance(body, sympy.core.function.AppliedUndef)
        if defined and applied and not body.has(var):
            raise self.error(
                f"`\\nabla_{{{var}}} {body}`: `{body}` does not contain `{var}`, so this is the "
                f"gradient of `{body.func}` evaluated at {', '.join(map(str, body.args))}, or a "
                f"derivative along the direction `{var}`; derivax reads neither (as the derivative "
                f"of the value there it would be 0): write the gradient at the variables "
                f"(`\\nabla_{{{var}}} {body.func}`) and its value at the point, or the directional "
                f"derivative as `\\nabla f(x)^\\top {var}`",
                t0,
            )
        if isinstance(var, sympy.Symbol) and self.table.resolve(var.name) is None:
            numbered = re.compile(re.escape(var.name) + r"_\{[0-9]+\}")
            members = [n for n in self.table if numbered.fullmatch(n)]
            if members and (defined or applied) and not self._members_of(var, body):
                raise self.error(
                    f"`\\nabla_{{{var}}}`: `{var}` is not declared, and its declared members "
                    f"({', '.join(members)}) are not numbered 1 to k, each a scalar, with "
                    f"`{body}` a function of them; declare `{var}: vector[n]` or write the "
                    "partial derivatives",
                    t0,
                )
