"""The lowerings of nodes with several numerically stable forms, chosen by measurement.

``benchmarks/lowerings.py`` times the candidate forms side by side (jit(vmap(f)) over 262,144 rows
of float32, K = 10 and 1,000, interleaved, medians of 15 runs, three repeats on a shared 2-core
CPU) after checking each against a float64 reference where exp overflows (|z| up to 1e3, entries
of -1e30). A form replaces the one emitted before only where it won at both sizes in every repeat:

* log-sum-exp: ``m + log(sum(exp(b - m)))`` with ``m`` the largest entry under stop_gradient (0
  where it is not finite, as ``jax.nn.logsumexp`` has it, so a row of -inf gives -inf). Its
  gradient ran at 0.51-0.76x that of ``jax.nn.logsumexp`` at K = 10 and 0.68-0.88x at K = 1,000,
  the value at 0.98-1.00x and 0.96-0.97x (without the guard the gradient was faster still, but a
  row of -inf gave NaN).
* a sum with a softmax among its terms (the cross-entropy gradient ``softmax(z) - y``): the
  negated terms as negations, ``-y + softmax(z)``, which XLA fuses with the softmax into faster
  code than ``(-1) * y + softmax(z)`` (0.58-1.00x against 1.05-1.30x the hand-written
  ``jax.grad`` at K = 10, 0.72-0.92x against 0.92-1.00x at K = 1,000). Elsewhere ``(-1) * y`` stays: alone, ``z + (-1) * y`` ran 2.2x faster
  than ``z + (-y)`` or ``z - y`` at K = 10.

Kept, the alternatives being no faster beyond the noise: ``jax.nn.softmax``'s value (``e / sum(e)``
and ``e * (1 / sum(e))`` tie in the cross-entropy gradient) and ``jax.nn.log_softmax``.

Chosen for accuracy at a measured cost: the gradient *through* a softmax (``jax.grad`` of a
compiled function) goes through ``_softmax`` (``_quotient.py``), whose backward pass is relative
to the largest entry. Every other form the benchmark times, ``jax.nn.softmax``'s included, is
disqualified there: where the softmax saturates its backward pass ``s * (g - <s, g>)`` cancels and
returns 0 or noise for a gradient of e^-20 to e^-65 (the benchmark's ``saturated_rows``; the
stability audit's softmax rows). The stable pass ran at 3.6-4.4x (K = 10) and 3.8-3.9x
(K = 1,000) the time of ``jax.nn.softmax``'s on 2026-12-07 (two runs, a loaded machine); the
marking of the largest entry costs most of it (an exp(0) == 1 test was cheaper but not exact
under jit). The compiled symbolic gradient (``softmax(z) - y``) differentiates nothing and does
not pay it: 0.37-0.77x the hand-written ``jax.grad`` at K = 10 in the same session. The forms
``exp(z - logsumexp(z))`` and ``z - logsumexp(z)`` are disqualified: at a row of equal entries of
-1e30 the log-sum-exp rounds its log K away (softmax 1 instead of 1/K). (The quotient
``e^{a} / sum_j e^{b_j}`` whose numerator is not an entry of the sum is emitted
``exp((a - m) - log sum exp(b - m))`` by ``_stable``, the shift subtracted before the log-sum, so
that it has no such flaw.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

from .. import _functions as F
from ._quotient import SOFTMAX

if TYPE_CHECKING:
    from ._emit import Emitter


def softmax(em: Emitter, code: str, axis: str) -> str:
    """``jax.nn.softmax``'s value, differentiated relative to the largest entry (``_softmax``)."""
    em.helpers.add(SOFTMAX)
    return f"{SOFTMAX}({code}, {axis})"


def log_softmax(code: str, axis: str) -> str:
    return f"jax.nn.log_softmax({code}, axis={axis})"


def logsumexp(em: Emitter, code: str, axis: str) -> str:
    """``log sum exp`` of the array named ``code`` (a temporary or an argument) along ``axis``:
    shifted by its largest entry, which the gradient does not see (the result does not depend on
    the shift)."""
    m, logsum = shifted_logsumexp(em, code, axis)
    return f"{logsum} + {m}"


def shifted_logsumexp(em: Emitter, code: str, axis: str) -> tuple[str, str]:
    """``(m, log sum exp(code - m))`` along ``axis``, ``m`` the largest entry under stop_gradient
    (0 where it is not finite), squeezed: the two parts of a log-sum-exp, for a quotient that
    subtracts ``m`` from its numerator first."""
    # initial: an empty range (a sum from i + 1 to n at i = n) has no largest entry; its
    # log-sum-exp is log 0 = -inf, not an error
    top = em.tmp(f"jnp.max({code}, axis={axis}, keepdims=True, initial=-jnp.inf)").code
    m = em.tmp(f"jax.lax.stop_gradient(jnp.where(jnp.isfinite({top}), {top}, 0))").code
    return (
        f"jnp.squeeze({m}, axis={axis})",
        f"jnp.log(jnp.sum(jnp.exp({code} - {m}), axis={axis}))",
    )


def negates_terms(e: sympy.Add) -> bool:
    """Whether the terms ``-x`` of the sum ``e`` are emitted ``-(x)`` rather than ``(-1) * (x)``:
    when a softmax is among its terms."""
    return any(_is_softmax(t) for t in e.args)


def _is_softmax(t) -> bool:
    if isinstance(t, sympy.Indexed):
        return isinstance(t.base.label, F.softmax)
    if isinstance(t, sympy.Mul):
        exps = any(isinstance(a, sympy.exp) for a in t.args)
        over_sum = any(
            isinstance(a, sympy.Pow)
            and a.exp == -1
            and isinstance(a.base, sympy.Sum)
            and isinstance(a.base.function, sympy.exp)
            for a in t.args
        )
        return exps and over_sum
    return False


def is_negated(t) -> bool:
    return isinstance(t, sympy.Mul) and t.args[0] == -1
