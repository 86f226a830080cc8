"""Time budgets count CPU time: a computation over its budget is stopped and one under it
completes, whether or not other processes keep every core busy; a worker that sleeps is stopped
by the wall-clock cap; budgets of nested workers add up."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import numpy as np
import pytest

import derivax as dx
from derivax import _budget
from derivax._budget import Budget, clock, cpu_seconds, within
from derivax._errors import VerifyTimeout
from derivax._pool import TaskOverrun, WarmPool


# -- what the workers run (they import it from this module, so it lives at its top level) -----------
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
    return within(30.0, spin, seconds) + within(30.0, spin, seconds)


@pytest.fixture
def busy_cores():
    """Two processes that keep both cores busy while the test runs (each stops by itself after
    60 s should the test's end not kill it)."""
    code = "import time\nend = time.monotonic() + 60\nwhile time.monotonic() < end:\n    pass"
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
    try:
        yield
    finally:
        for p in procs:
            p.kill()
            p.wait()


def test_a_computation_over_its_budget_is_stopped_on_a_busy_machine(busy_cores):
    with pytest.raises(VerifyTimeout, match=r"ran past its budget of 0\.3 s \(CPU time\)"):
        within(0.3, spin, 60.0, what="the spin")


def test_a_computation_under_its_budget_completes_on_a_busy_machine(busy_cores):
    # 0.6 s of CPU, which takes well over a second of wall time while two other processes share
    # the cores; a budget of 1 s of CPU time lets it finish
    assert within(1.0, spin, 0.6) == 0.6


def test_time_spent_sleeping_is_not_counted():
    # a wall-clock budget of 0.5 s would stop this call during its sleep
    assert within(0.5, sleep_then_spin, 1.0, 0.1) == 0.1


def test_a_sleeping_worker_is_stopped_by_the_wall_clock_cap():
    with pytest.raises(VerifyTimeout, match=r"wall-clock cap of 1 s .* budget of 0\.5 s"):
        within(0.5, time.sleep, 60, wall=1.0)
    # the default cap: 20 x the budget + 10 s
    assert Budget(2.0).cap == 50.0 and Budget(2.0, wall=3.0).cap == 3.0


def test_without_proc_the_budget_is_wall_clock_time(monkeypatch):
    monkeypatch.setattr(_budget, "cpu_seconds", lambda pid: None)
    with pytest.raises(VerifyTimeout, match=r"0\.3 s \(wall-clock time: this system has no /proc"):
        within(0.3, time.sleep, 60)


def test_cpu_seconds_agrees_with_the_kernels_own_account():
    spin(0.2)
    times = os.times()
    # os.times() reads the same counters through times(2): they agree to a clock tick or two
    assert cpu_seconds(os.getpid()) == pytest.approx(times.user + times.system, abs=0.05)
    assert cpu_seconds(2**22 + 12345) is None  # no such process


def test_a_command_name_with_spaces_and_parentheses_is_skipped():
    tick = os.sysconf("SC_CLK_TCK")
    line = b"42 (a) (b c) S " + b"1 " * 10 + f"{3 * tick} {tick} 7 7 20 0".encode()
    assert _budget._stat_seconds(line) == 4.0
    assert _budget._stat_seconds(b"42 (truncated") is None


def test_clock_counts_the_workers_this_process_waited_for():
    start = clock()
    within(10.0, spin, 0.3)
    assert clock() - start >= 0.28  # the worker's 0.3 s, read to a tick of 10 ms


def test_nested_workers_count_against_a_pool_tasks_budget():
    with WarmPool(1) as pool:
        # 2 x 0.4 s in the task's own workers: over a budget of 0.5 s, though the task itself
        # only waits (a pool counting the worker's own CPU time would let it finish)
        over = pool.submit_within(0.5, spin_in_two_workers, 0.4)
        with pytest.raises(TaskOverrun, match=r"budget of 0\.5 s \(CPU time\)"):
            over.result()
        assert pool.submit_within(2.0, spin_in_two_workers, 0.2).result() == 0.4


def test_a_verdict_does_not_change_on_a_busy_machine(busy_cores):
    # the red-team case: with both cores busy this claim came back `timeout` instead of `refuted`
    v = dx.check(r"x \le x^2", timeout=1.0)
    assert v.status == "refuted"
    x = float(np.asarray(v.counterexample["x"]))
    assert x > x**2  # the counterexample violates the claim, in plain float arithmetic
