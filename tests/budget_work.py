"""What the budget tests run in their workers. A worker imports a function from the module that
defines it, and that import counts against the budget: this module imports nothing heavy (no
pytest, numpy or derivax at its top), so that a budget of a second measures the work, not a
test module's imports on a loaded machine."""

from __future__ import annotations

import time


def spin(seconds: float) -> float:
    """Compute for ``seconds`` of this process's CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return seconds


def sleep_then_spin(sleep: float, seconds: float) -> float:
    time.sleep(sleep)
    return spin(seconds)


def spin_in_two_workers(seconds: float) -> float:
    """``seconds`` of CPU in each of two budgeted workers of its own (a pool worker's ``check``
    starting its symbolic proof)."""
    from derivax._budget import within

    return within(30.0, spin, seconds) + within(30.0, spin, seconds)
