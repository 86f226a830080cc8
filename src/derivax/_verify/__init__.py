"""Verification: claims get a verdict (proved, refuted, plausible, unknown, timeout)."""

from __future__ import annotations

from collections.abc import Sequence

from ._check import check as decide
from ._prepare import evaluate_derivatives as evaluate_derivatives
from ._verdict import Verdict as Verdict


def check(
    claim, symbols=None, given: Sequence = (), timeout: float = 10.0, cache: bool = True
) -> Verdict:
    """``decide`` the claim, answered from the verdict cache on disk when it has the verdict
    (``cache=False`` or ``DERIVAX_CACHE=off`` decides it afresh and stores nothing).

    >>> check(r"\\sigma(-x) = 1 - \\sigma(x)", cache=False).status
    'proved'
    """
    from .._verdict_cache import cached_check

    return cached_check(decide, claim, symbols, given, timeout, cache)
