"""The shape of a SymPy matrix product, computed once per product.

SymPy's ``MatMul.shape`` asks its first factor for its rows and its last for its columns, and
each of those asks for that factor's whole shape again: for products nested inside products (a
chain rule's Jacobians, a Hessian written as products of transposes) the work doubles with each
level of nesting. Measured on derivax's own test suite, one claim's high-precision evaluation
made 11 million such calls from 59 thousand shapes. A product's arguments never change, so its
shape is kept on the product the first time it is asked for: the same tuple, found once.

Side condition: only ``MatMul`` is changed, and only in how often its own rule runs; a product
whose factors are not all matrices (a scalar coefficient) keeps SymPy's rule, which skips them.
"""

from __future__ import annotations

from sympy.matrices.expressions.matmul import MatMul

_SLOT = "_derivax_shape"


def _install() -> None:
    rule = MatMul.shape.fget
    if getattr(rule, "derivax_cached", False):
        return

    def shape(self):
        kept = getattr(self, "__dict__", None)
        if kept is None:  # a subclass without a __dict__: SymPy's rule each time
            return rule(self)
        found = kept.get(_SLOT)
        if found is None:
            found = kept[_SLOT] = rule(self)
        return found

    shape.derivax_cached = True  # type: ignore[attr-defined]
    shape.__doc__ = rule.__doc__
    MatMul.shape = property(shape)


_install()
