"""Piecewise-linear named functions of several arguments: ``\\operatorname{clip}(x, a, b)``
(PPO's clipped ratio, gradient clipping), an entry of the named-function table in
``derivax._functions``."""

from __future__ import annotations

import sympy


class clip(sympy.Function):
    """``clip(x, a, b) = min(max(x, a), b)``: ``x`` held inside ``[a, b]``.

    Side condition: ``a <= b``. For ``a > b`` the value is ``b`` everywhere (the definition above,
    and ``jnp.clip``'s), not an error; the derivatives below assume ``a <= b``.

    Derivatives (the same as ``jax.grad`` of ``jnp.clip``, which is ``minimum(maximum(x, a), b)``):
    with respect to ``x`` 1 strictly inside ``(a, b)`` and 0 outside ``[a, b]``; with respect to
    ``a`` 1 where ``x < a``; with respect to ``b`` 1 where ``x > b``. At a tie (``x = a`` or
    ``x = b``) each is 1/2, the value JAX gives where ``maximum``/``minimum`` ties; a derivative
    there is a one-sided choice, which is what would break a claim that uses it.
    """

    nargs = 3
    is_real = True

    @classmethod
    def eval(cls, x, a, b):
        if all(v.is_number and v.is_comparable for v in (x, a, b)):
            return sympy.Min(sympy.Max(x, a), b)
        return None

    def fdiff(self, argindex=1):
        x, a, b = self.args
        half = sympy.Rational(1, 2)
        if argindex == 1:
            return sympy.Heaviside(x - a, half) * sympy.Heaviside(b - x, half)
        if argindex == 2:
            return sympy.Heaviside(a - x, half)
        if argindex == 3:
            return sympy.Heaviside(x - b, half)
        raise sympy.ArgumentIndexError(self, argindex)

    def _eval_rewrite_as_Max(self, x, a, b, **kwargs):
        return sympy.Min(sympy.Max(x, a), b)

    def _eval_evalf(self, prec):
        return sympy.Min(sympy.Max(*self.args[:2]), self.args[2])._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        from ._call import call

        inner = ", ".join(printer._print(a) for a in self.args)
        return call(r"\operatorname{clip}", inner, exp)

    def _numpycode(self, printer):
        x, a, b = (printer._print(v) for v in self.args)
        return f"{printer._module_format(printer._module + '.clip')}({x}, {a}, {b})"

    def _jaxcode(self, printer):
        x, a, b = (printer._print(v) for v in self.args)
        return f"jax.numpy.minimum(jax.numpy.maximum({x}, {a}), {b})"

    def _mpmathcode(self, printer):
        x, a, b = (printer._print(v) for v in self.args)
        return f"min(max({x}, {a}), {b})"
