"""Expectation, variance and covariance of random variables: the SymPy nodes the reader builds,
the renderer writes back and the verifier's moment strategy works on.

A random variable (``X: random``) is a real scalar ``Symbol`` (an entry ``X_i`` of
``X: random[n]`` an ``Indexed``); the symbol table, not the node, says it is random. The nodes
never evaluate: ``E[a X + b]`` stays as written until the verifier rewrites it with the table.

>>> import sympy
>>> X = sympy.Symbol("X", real=True)
>>> Expectation(2 * X + 1), Variance(X), Covariance(X, X**2)
(Expectation(2*X + 1), Variance(X), Covariance(X, X**2))
"""

from __future__ import annotations

import sympy

from ._errors import DerivationError


class Moment(sympy.Function):
    """A moment of its arguments: a real number, not a function of their values."""

    is_real = True
    is_commutative = True

    @classmethod
    def eval(cls, *args):
        return None  # kept as written; the verifier rewrites with the symbol table

    def _eval_derivative(self, s):
        raise DerivationError(
            f"derivax does not differentiate `{self}`: an expectation is a number, not a function "
            f"of its random variable, and moving a derivative inside it needs conditions derivax "
            f"does not check"
        )

    def _eval_is_real(self):
        return True


class Expectation(Moment):
    """``\\mathbb{E}[Y]``."""

    nargs = 1

    def _latex(self, printer, exp=None) -> str:
        return _power(rf"\mathbb{{E}}\left[{printer._print(self.args[0])}\right]", exp)


class Variance(Moment):
    """``\\operatorname{Var}(Y)``."""

    nargs = 1

    def _latex(self, printer, exp=None) -> str:
        return _power(rf"\operatorname{{Var}}\left({printer._print(self.args[0])}\right)", exp)


class Covariance(Moment):
    """``\\operatorname{Cov}(Y, Z)``."""

    nargs = 2

    def _latex(self, printer, exp=None) -> str:
        a, b = (printer._print(x) for x in self.args)
        return _power(rf"\operatorname{{Cov}}\left({a}, {b}\right)", exp)


def _power(body: str, exp) -> str:
    return f"{body}^{{{exp}}}" if exp else body


MOMENTS = (Expectation, Variance, Covariance)


def has_moments(expr: sympy.Basic) -> bool:
    """Whether ``expr`` holds an expectation, a variance or a covariance."""
    return isinstance(expr, sympy.Basic) and any(expr.has(m) for m in MOMENTS)


def is_random_atom(node: sympy.Basic, table) -> bool:
    """A random variable of ``table``: a ``Symbol`` declared ``random`` or an entry ``X_i`` of a
    vector declared ``random[n]``."""
    if isinstance(node, sympy.Indexed):
        name, entry = str(node.base.label), True
    elif isinstance(node, sympy.Symbol):
        name, entry = node.name, False
    else:
        return False
    key = table.resolve(name)
    # the label `X` of the entries `X_i` is no random variable of its own
    return key is not None and table[key].is_random and bool(table[key].shape) == entry


def random_atoms(expr: sympy.Basic, table) -> set[sympy.Basic]:
    """The random variables ``expr`` depends on: those outside its moments (``E[X]`` is a
    number, whatever ``X`` is)."""
    found: set[sympy.Basic] = set()

    def walk(e: sympy.Basic) -> None:
        if isinstance(e, Moment):
            return
        if is_random_atom(e, table):
            found.add(e)
            return
        for a in e.args:
            walk(a)

    walk(expr)
    return found
