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
