r"""SymPy's sign test of a constant, corrected: a zero without a significant digit decides nothing.

SymPy decides whether a constant expression (one with no free symbols) is positive, negative or
zero from a 2-digit evaluation. Where every digit of that evaluation cancels, mpmath returns a
zero that carries no significance (``_prec`` of -1), and the assumption system reads it as an
exact zero: ``(log(1 + tanh(e^{-40})^2) - log(1 + e^{-80})).is_zero`` is True although the
difference is about -2.2e-70, and ``simplify`` returns 0 for it at its first line. Every rewrite
that asks ``is_zero`` (dropping a term, cancelling a factor) can then throw away a nonzero
constant: a silent wrong proof or a wrong derivative.

``exact_zero_tests()`` makes the test return "unknown" (None) there, so SymPy falls back on
rewriting. Its side conditions: only constants are affected (an expression with symbols never
reaches the numeric test), and a zero found by an evaluation with significant digits, or a sign,
is still used. What it does not cover: an assumption cached on an expression before the context
was entered (derivax's budgeted algebra runs in a fresh worker process, where the expressions
arrive pickled, without their caches).

The budgeted workers (``_budget.within``) run every call inside it; in-process callers (a budget
of 0, Windows) get it for the call's duration. While it is active in-process, other threads of
the process see the corrected test too, which only turns wrong ``True``/``False`` answers into
``None``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sympy.core.expr import Expr

_ORIGINAL = Expr._eval_is_extended_positive_negative
_lock = threading.Lock()
_depth = 0


def _sign_with_significance(self, positive):
    if self.is_number:
        try:
            rough = self._eval_evalf(2)
        except ValueError:
            return None
        if rough is None or getattr(rough, "_prec", 1) <= 1:
            return None  # no digit of the value is known: neither its sign nor zero
    return _ORIGINAL(self, positive)


@contextmanager
def exact_zero_tests() -> Iterator[None]:
    """SymPy's constant sign test with significance required, for the duration of the block."""
    global _depth
    with _lock:
        _depth += 1
        Expr._eval_is_extended_positive_negative = _sign_with_significance
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                Expr._eval_is_extended_positive_negative = _ORIGINAL
