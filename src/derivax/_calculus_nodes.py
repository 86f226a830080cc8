r"""The nodes of calculus a claim keeps unevaluated, and the quantities the reader cannot relate
to anything: ``Opaque`` (a derivative of something that, as written, depends on nothing),
``Gradient``, ``Hessian`` and ``Jacobian`` (taken by the verifier), ``Definite`` (a claim that a matrix is
positive semidefinite or definite). Re-exported by ``derivax._functions``, where the rest of the
function table is."""

from __future__ import annotations

from typing import ClassVar

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr


class Opaque(sympy.Symbol):
    """A quantity the reader cannot relate to anything else: the derivative of a quantity that,
    as written, depends on nothing (``\\frac{dL}{d\\mu}`` of an undeclared ``L``, ``\\nabla_x
    L(x)`` of an unspecified ``L``). Numerically it is a free real input; a verdict that refutes
    a claim only through it says so (the author meant a dependence the text does not write)."""


class OpaqueMatrix(sympy.MatrixSymbol):
    """``Opaque`` for a vector or matrix (the gradient of an unspecified function)."""


def opaque_in(e) -> list[str]:
    """The opaque quantities of ``e`` by name (symbols, arrays and the bases of entries)."""
    if not isinstance(e, sympy.Basic):
        return []
    found = {s.name for s in e.atoms(Opaque)} | {m.name for m in e.atoms(OpaqueMatrix)}
    found |= {str(b.label) for b in e.atoms(sympy.IndexedBase) if isinstance(b.label, Opaque)}
    return sorted(found)


class Gradient(MatrixExpr):
    """The gradient of a scalar expression with respect to a vector or matrix, unevaluated
    (``\\nabla_\\theta f`` in a claim); shaped like the variable."""

    def __new__(cls, expr, var):
        return sympy.Basic.__new__(cls, expr, var)

    @property
    def shape(self):
        return self.args[1].shape

    def _latex(self, printer, exp=None):
        return rf"\nabla_{{{printer._print(self.args[1])}}} {printer._print(self.args[0])}"


class TransposedGradient(Gradient):
    r"""``\frac{d g^\top}{d w}`` of a name written with its transpose (``g`` a function a given
    defines, ``g(w) = \frac{dJ}{dw}``), before the name's definition is entered: the gradient
    while ``g`` is a scalar. Built again with a column vector in its place (the definition
    entered), it is the derivative of a row vector by a column in the denominator layout, the
    transpose of the Jacobian: ``\frac{d g^\top}{d w}`` of ``g = \nabla_w J`` is the Hessian
    of ``J``. Side conditions: only a column vector becomes a Jacobian (a 1 x 1 or a matrix
    stays under the gradient, where evaluating it fails loudly), and only by a vector."""

    def __new__(cls, expr, var):
        rows_cols = getattr(expr, "shape", None)
        if (
            isinstance(expr, MatrixExpr)
            and rows_cols is not None
            and rows_cols[1] == 1
            and rows_cols[0] != 1
            and isinstance(var, MatrixExpr)
            and var.shape[1] == 1
        ):
            return Jacobian(expr, var).T
        return sympy.Basic.__new__(cls, expr, var)

    def _latex(self, printer, exp=None):
        g, w = (printer._print(a) for a in self.args)
        return rf"\frac{{\partial {g}^\top}}{{\partial {w}}}"


class Hessian(MatrixExpr):
    """The Hessian of a scalar expression with respect to a vector, unevaluated (``\\nabla^2
    f(x)``, ``\\nabla_x^2 f`` in a claim): the n x n matrix of second derivatives, with entry
    (i, j) the derivative by x_i and x_j."""

    def __new__(cls, expr, var):
        return sympy.Basic.__new__(cls, expr, var)

    @property
    def shape(self):
        n = self.args[1].shape[0]
        return (n, n)

    def _latex(self, printer, exp=None):
        return rf"\nabla^2_{{{printer._print(self.args[1])}}} {printer._print(self.args[0])}"


class Jacobian(MatrixExpr):
    r"""The Jacobian of a vector-valued expression with respect to a vector, unevaluated: the
    m x n matrix with entry (i, j) the derivative of entry i of the m-vector by entry j of the
    n-vector (the numerator layout, ``\frac{\partial y}{\partial x^\top}``). The denominator
    layout, ``\frac{\partial y^\top}{\partial x}``, is its transpose."""

    def __new__(cls, expr, var):
        return sympy.Basic.__new__(cls, expr, var)

    @property
    def shape(self):
        return (self.args[0].shape[0], self.args[1].shape[0])

    def _latex(self, printer, exp=None):
        y, x = (printer._print(a) for a in self.args)
        return rf"\frac{{\partial \left({y}\right)}}{{\partial {x}^\top}}"


class UnsaidJacobian(Jacobian):
    r"""``\frac{\partial y}{\partial x}`` of a vector by a vector, written with no transpose to
    say the layout: evaluated as the Jacobian (the numerator layout, as ``dx.jacobian`` gives
    it), and a claim holding it is decided under both layouts (``_verify``)."""


# the unevaluated derivatives of arrays: each holds its expression first and its variable second
DERIVATIVE_NODES = (Gradient, Hessian, Jacobian)


class Definite(sympy.Basic):
    """The claim that a square matrix is positive semidefinite (``M \\succeq 0``, kind ``psd``) or
    positive definite (``\\succ``, ``pd``); ``A \\succeq B`` is ``A - B \\succeq 0`` and
    ``M \\preceq 0`` is ``-M \\succeq 0``."""

    KINDS: ClassVar[dict[str, str]] = {"psd": r"\succeq", "pd": r"\succ"}

    def __new__(cls, matrix, kind: str):
        if kind not in cls.KINDS:
            raise ValueError(f"unknown kind of definiteness {kind!r}")
        return sympy.Basic.__new__(cls, matrix, sympy.Symbol(kind))

    @property
    def matrix(self):
        return self.args[0]

    @property
    def kind(self) -> str:
        return self.args[1].name

    def _latex(self, printer, exp=None):
        return f"{printer._print(self.matrix)} {self.KINDS[self.kind]} 0"


class Approximately(sympy.Equality):
    """``lhs \\approx rhs`` read as the definition of the name ``lhs`` (``latex/_approximate``):
    an equation to whatever evaluates, compiles or differentiates it, and no claim the verifier
    decides."""

    def _latex(self, printer, exp=None):
        return f"{printer._print(self.lhs)} \\approx {printer._print(self.rhs)}"


class LabelledDefinition(sympy.Equality):
    """``label = rhs`` where the left side is only named (``latex/_approximate.read_labelled``):
    an equation to whatever evaluates, compiles or differentiates it, and no claim the verifier
    decides."""


class Proportional(sympy.Basic):
    """The claim ``lhs \\propto rhs``: the two sides differ by a factor free of ``variable`` (a
    symbol), or of every letter they share when ``variable`` is the empty tuple (the reader found
    no variable the claim is about)."""

    def __new__(cls, lhs, rhs, variable=None):
        return sympy.Basic.__new__(
            cls, lhs, rhs, variable if variable is not None else sympy.Tuple()
        )

    @property
    def lhs(self):
        return self.args[0]

    @property
    def rhs(self):
        return self.args[1]

    @property
    def variable(self) -> sympy.Symbol | None:
        v = self.args[2]
        return v if isinstance(v, sympy.Symbol) else None

    def _latex(self, printer, exp=None):
        under = f"_{{{printer._print(self.variable)}}}" if self.variable is not None else ""
        return f"{printer._print(self.lhs)} \\propto{under} {printer._print(self.rhs)}"

    def _sympystr(self, printer):
        return f"Proportional({printer._print(self.lhs)}, {printer._print(self.rhs)})"


def real_letters(e) -> list[sympy.Symbol]:
    """The real letters of ``e`` a proportionality may be about, in name order: no index, no
    whole number, no dummy of a sum."""
    return sorted(
        (
            s
            for s in e.free_symbols
            if isinstance(s, sympy.Symbol) and not s.is_integer and not isinstance(s, sympy.Dummy)
        ),
        key=str,
    )
