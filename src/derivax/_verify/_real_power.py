"""A power of two numbers kept whole until it is evaluated to digits."""

from __future__ import annotations

import sympy


class RealPower(sympy.Function):
    """``b^e`` of numbers, left whole: evaluated to any digits asked (SymPy's strict evalf asks for
    more where terms cancel), never combined or rooted exactly."""

    @classmethod
    def eval(cls, b, e):
        return None

    def _eval_evalf(self, prec):
        b, e = (a._eval_evalf(prec) if not a.is_Float else a for a in self.args)
        return sympy.Pow(b, e)


def kept_whole(x, repl: dict) -> bool:
    """A power with a letter in a real exponent, every letter of it given a value (a letter bound
    by a limit or an integral is left to its operator)."""
    return (
        isinstance(x, sympy.Pow)
        and not x.exp.is_integer
        and bool(x.exp.free_symbols)
        and x.free_symbols <= set(repl)
    )
