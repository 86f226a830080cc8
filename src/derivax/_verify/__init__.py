"""Verification: claims get a verdict (proved, refuted, plausible, unknown, timeout)."""

from ._check import check as check
from ._prepare import evaluate_derivatives as evaluate_derivatives
from ._verdict import Verdict as Verdict
