"""Verification: claims get a verdict (proved, refuted, plausible, unknown, timeout).

The strategies (``_check``, and SymPy, NumPy and JAX under it) are imported when a claim is
decided, not when a verdict is read: a check answered from the verdict cache needs none of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._verdict import Verdict as Verdict


def check(
    claim, symbols=None, given: Sequence = (), timeout: float = 10.0, cache: bool = True
) -> Verdict:
    """``decide`` the claim, answered from the verdict cache on disk when it has the verdict
    (``cache=False`` or ``DERIVAX_CACHE=off`` decides it afresh and stores nothing).

    >>> check(r"\\sigma(-x) = 1 - \\sigma(x)", cache=False).status
    'proved'
    """
    from .._budget import require_budget
    from ._cache import cached_check

    return cached_check(decide, claim, symbols, given, require_budget(timeout), cache)


def decide(claim, symbols=None, given: Sequence = (), timeout: float = 10.0) -> Verdict:
    """Decide a claim afresh, cheapest strategy first (``_check.check``)."""
    from ._check import check as run

    return run(claim, symbols, given, timeout)


def taken_with_givens(rel, givens):
    """The claim ``rel`` as the numeric search sees it: its derivatives taken and the given
    definitions substituted, each where it belongs (``_searched.prepared``)."""
    from ._searched import prepared

    return prepared(rel, givens)


def evaluate_derivatives(*args, **kwargs):
    """``_prepare.evaluate_derivatives``, imported when first used."""
    from ._prepare import evaluate_derivatives as run

    return run(*args, **kwargs)
