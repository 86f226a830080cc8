"""Functions the field writes with letters of their own, read where nothing else is meant:
rounding brackets (``\\lfloor x \\rceil``), ``\\binom{n}{k}``, the standard normal CDF and density
``\\Phi(x)`` and ``\\phi(x)`` (as Bayesian optimization writes expected improvement), the digamma
function ``\\Psi(x)`` (as variational Dirichlet posteriors write it) and the beta function
``\\mathrm{B}(a, b)``.

Side conditions, each with the case that would break it: the letter is undeclared (a declared
``\\Phi`` is the user's, a feature matrix); it is applied in parentheses to a scalar (``\\Phi(x)``
of a vector is a feature map); ``\\phi`` is the density only beside ``\\Phi`` in the same formula
(alone, ``\\phi(x)`` is as often a feature map, and stays an unspecified function); ``\\Psi`` or
``\\psi`` is the digamma function only where the other is not applied too (``\\psi`` and ``\\Psi``
together are a density and its CDF, as max-value entropy search writes them, and are refused).
"""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ... import _functions as F
from .._indicator import indicator
from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import _Piece, elementwise
from ._applications import _costly_exactly

#: an application of a letter in the formula's text (``\\Phi(``, ``\\Phi\\left(``)
_APPLIED = r"(?<![A-Za-z])\\{}\s*(?:\\left\s*)?\("
#: \Phi applied, or its inverse applied (\Phi^{-1}(\alpha), the expected shortfall's quantile)
_PHI_APPLIED = r"(?<![A-Za-z])\\Phi\s*(?:\^\s*\{?\s*-1\s*\}?\s*)?(?:\\left\s*)?\("


class StandardFunctions(ReaderState):
    """Rounding, binomials and the standard functions written with letters of their own."""

    def _rounding(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\lfloor x \\rfloor``, ``\\lceil x \\rceil``, and the nearest whole number
        ``\\lfloor x \\rceil`` (``\\lceil x \\rfloor`` too), as quantization papers write it."""
        t0 = toks[i]
        opens, closes = (r"\lfloor", r"\lceil"), (r"\rfloor", r"\rceil")
        depth, k = 0, i + 1
        while k < len(toks) and not (toks[k].text in closes and depth == 0):
            depth += toks[k].text in opens
            depth -= toks[k].text in closes and depth > 0
            k += 1
        if k >= len(toks):
            raise self.error(f"`{t0.text}` is never closed by `\\rfloor` or `\\rceil`", t0)
        close = toks[k].text
        if k == i + 1:
            raise self.error(f"`{t0.text} {close}` of what? It is empty", t0)
        inner = self.parse(toks[i + 1 : k], toks[i + 1].pos)
        f = {
            (r"\lfloor", r"\rfloor"): sympy.floor,
            (r"\lceil", r"\rceil"): sympy.ceiling,
        }.get((t0.text, close), F.round_nearest)
        if isinstance(inner, MatrixExpr):
            value = elementwise(f, inner)
        else:
            value = f(inner)
        out.append(self.place(value, t0.pos))
        return k + 1

    def _binomial(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\binom{n}{k}``."""
        t0 = toks[i]
        n_toks, j = self.group(toks, i + 1)
        k_toks, j = self.group(toks, j)
        if not n_toks or not k_toks:
            raise self.error("`\\binom` takes two arguments, `\\binom{n}{k}`", t0)
        n, k = self.parse(n_toks, n_toks[0].pos), self.parse(k_toks, k_toks[0].pos)
        if isinstance(n, MatrixExpr) or isinstance(k, MatrixExpr):
            raise self.error("`\\binom` takes two scalars", t0)
        out.append(self.place(sympy.binomial(n, k, evaluate=not _costly_exactly([n, k])), t0.pos))
        return j

    def _standard_function(self, name: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok):
        """``\\Phi(x)``, ``\\phi(x)``, ``\\Psi(x)``, ``\\mathrm{B}(a, b)`` undeclared and applied
        (see the module's side conditions); None where the letter means something else here."""
        if j >= len(toks) or toks[j].text != "(" or self.table.resolve(name) is not None:
            return None
        if name in (r"\Psi", r"\psi"):
            other = r"\psi" if name == r"\Psi" else r"\Psi"
            if re.search(_APPLIED.format(other[1:]), self.latex):
                raise self.error(
                    "`\\psi(...)` and `\\Psi(...)` in one formula read two ways: the digamma "
                    "function, or a density and its CDF (as in max-value entropy search); write "
                    "`\\operatorname{digamma}(x)`, or the density and CDF in full",
                    t0,
                )
            return self._scalar_application(
                toks, j, out, t0, sympy.digamma, f"`{name}(x)` is the digamma function"
            )
        if name == r"\Phi":
            return self._scalar_application(
                toks,
                j,
                out,
                t0,
                lambda x: sympy.erfc(-x / sympy.sqrt(2)) / 2,
                "`\\Phi(x)` is the standard normal CDF",
            )
        if name in (r"\phi", r"\varphi") and re.search(_PHI_APPLIED, self.latex):
            return self._scalar_application(
                toks,
                j,
                out,
                t0,
                lambda x: sympy.exp(-(x**2) / 2) / sympy.sqrt(2 * sympy.pi),
                f"`{name}(x)` beside `\\Phi` is the standard normal density",
            )
        if name == r"\delta" and (done := self._kronecker_call(toks, j, out, t0)) is not None:
            return done
        upright = t0.text in (r"\mathrm", r"\operatorname", r"\text", r"\textrm")
        if (name == "B" and upright) or name == r"\mathrm{Beta}":  # a plain B(a, b) is left alone
            close = find_close(toks, j, self.latex)
            parts = self.split_args(toks[j + 1 : close], {","})
            if len(parts) != 2 or not all(p for _, p in parts):
                return None
            a, b = (self.parse(p, p[0].pos) for _, p in parts)
            if isinstance(a, MatrixExpr) or isinstance(b, MatrixExpr):
                return None
            self.note(
                "`\\mathrm{B}(a, b)` is the beta function, `\\Gamma(a) \\Gamma(b) / \\Gamma(a + b)`"
            )
            # through log Gamma, which compiles to gammaln: finite where Gamma overflows
            value = sympy.exp(sympy.loggamma(a) + sympy.loggamma(b) - sympy.loggamma(a + b))
            out.append(self.place(value, t0.pos))
            return close + 1
        return None

    def _kronecker_call(self, toks, j, out, t0):
        """``\\delta(c_i, c_j)``: the Kronecker delta of two whole numbers (indices, class
        labels), as modularity writes it; None for anything else (``\\delta(x - y)``, reals),
        which stays refused or a product."""
        close = find_close(toks, j, self.latex)
        parts = self.split_args(toks[j + 1 : close], {","})
        if len(parts) != 2 or not all(p for _, p in parts):
            return None
        a, b = (self.parse(p, p[0].pos) for _, p in parts)
        delta = indicator(sympy.Eq(a, b, evaluate=False), self.table)
        if not isinstance(delta, sympy.KroneckerDelta):
            return None
        self.note(
            "`\\delta(a, b)` of two whole numbers is the Kronecker delta: 1 where a = b, else 0"
        )
        out.append(self.place(delta, t0.pos))
        return close + 1

    def _scalar_application(self, toks, j, out, t0, f, rule: str):
        close = find_close(toks, j, self.latex)
        inner = toks[j + 1 : close]
        if not inner:
            return None
        arg = self.parse(inner, inner[0].pos)
        if isinstance(arg, MatrixExpr):
            return None
        self.note(rule + " (declare the letter to use it otherwise)")
        out.append(self.place(f(arg), t0.pos))
        return close + 1
