"""The budgeted worker started ahead of its call: each call still runs in a process of its own
that has run nothing before (no state of an earlier call reaches it), a worker that died while
it waited is replaced, one inherited through ``os.fork`` is left to its owner, and errors and
budgets behave as for a worker started by the call."""

from __future__ import annotations

import os
import time

import pytest

from derivax import _budget
from derivax._budget import within
from derivax._errors import VerifyTimeout

_STATE: list[int] = []


# -- what the workers run (they import it from this module, so it lives at its top level) ---------
def remember_and_count(x: int) -> tuple[int, int]:
    """Appends to this module's state in the worker: a worker that ran an earlier call would
    show that call's entry."""
    _STATE.append(x)
    return os.getpid(), len(_STATE)


def fail(message: str) -> None:
    raise ValueError(message)


def spin(seconds: float) -> float:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return seconds


def _wait_for_spare(timeout: float = 10.0) -> _budget._Worker:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with _budget._SPARE_LOCK:
            if _budget._SPARE:
                return _budget._SPARE[-1]
        time.sleep(0.01)
    raise AssertionError("no worker was started ahead")


def test_every_call_runs_in_a_fresh_process():
    seen = [within(5.0, remember_and_count, k) for k in range(6)]
    pids = [pid for pid, _ in seen]
    assert len(set(pids)) == len(pids)  # never the same worker twice
    assert all(count == 1 for _, count in seen)  # and none carries an earlier call's state
    assert os.getpid() not in pids
    assert _STATE == []  # the caller's state is untouched


def test_a_worker_is_waiting_after_a_call_and_the_next_call_takes_it():
    within(5.0, sum, [1, 2])
    spare = _wait_for_spare()
    pid, _ = within(5.0, remember_and_count, 1)
    assert pid == spare.proc.pid


def test_a_worker_that_died_while_waiting_is_replaced():
    within(5.0, sum, [1, 2])
    spare = _wait_for_spare()
    spare.proc.kill()
    spare.proc.join(5.0)
    assert within(5.0, sum, [3, 4]) == 7


def test_a_worker_inherited_through_fork_is_left_to_its_owner():
    within(5.0, sum, [1, 2])
    spare = _wait_for_spare()
    spare.owner = -1  # as seen from a child forked after the worker was started
    pid, count = within(5.0, remember_and_count, 2)
    assert pid != spare.proc.pid and count == 1
    assert spare.proc.is_alive()  # not sent a task, not killed
    spare.tasks.close()  # the test's own clean-up: the worker ends when its pipe closes
    spare.proc.join(5.0)
    assert not spare.proc.is_alive()


def test_errors_and_budgets_are_those_of_the_call():
    with pytest.raises(ValueError, match="from the worker"):
        within(5.0, fail, "from the worker")
    with pytest.raises(VerifyTimeout, match=r"budget of 0\.2 s"):
        within(0.2, spin, 30.0)
    assert within(5.0, spin, 0.1) == 0.1
