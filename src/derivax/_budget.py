"""Time budgets that count CPU time, for algebra that can run unbounded (simplify, expand, solve,
integrate) and for the caller's own deadlines.

A budget is CPU seconds, not wall seconds, so that a verdict does not change with the load of
the machine: on a machine whose cores are kept busy by other jobs a computation gets fewer CPU
seconds per wall second, takes longer, and reaches the same point before its budget ends.

``within`` runs the call in a worker process that is killed when its budget ends, so the budget
holds from any thread and inside C code alike; arguments and the result travel pickled. Workers
are forked from a small server process that has SymPy loaded and no JAX threads
(multiprocessing's "forkserver"), so starting one costs milliseconds and cannot inherit a lock
held by another thread. Where that is not available (Windows) the call runs in-process, without
a budget.

What a worker's budget counts: the user and system CPU time of the worker (every thread of it,
read from ``/proc/<pid>/stat``; a forked child starts from zero) plus the CPU time of the
budgeted workers it starts and waits for itself. The latter are children of the fork server, not
of the worker, so the kernel does not add them up: every worker gets a shared number where it
adds them as it waits (see ``_Meter``), and its caller reads it next to ``/proc``. Where
``/proc`` is missing (macOS) the budget falls back to wall-clock time.

The wall-clock cap: a worker that sleeps or blocks (on a lock, a pipe, a network) uses no CPU
and would never reach its budget; it is stopped after ``wall_cap(seconds)`` = 20 x the budget
+ 10 s of wall time. The factor lets a CPU-bound worker finish its budget on a machine where
twenty processes compete for each core; the 10 s covers starting a worker on a loaded machine.

The caller's own deadlines (the numeric search of ``check`` runs JAX in the calling process)
use ``clock()``: ``time.process_time()`` (user + system CPU of every thread of this process)
plus the CPU time of the budgeted workers this process waited for, so that the symbolic proof
in its worker and the search after it draw on one budget. Why the process and not the thread
(``time.thread_time()``): JAX runs a jitted call on its own threads while the calling thread
waits, so the calling thread's time undercounts the work by a factor that is not fixed (it was
0.25 to 0.45 of the process's time over the searches measured below) and would not see work
done elsewhere at all. Process CPU time could run faster than wall time on an idle machine if
XLA's threads burned CPU in parallel (spinning while idle); measured on this project's 2-core
machine, over 5 warm runs of the falsification search of two claims (``\\log(1 + e^x) \\ge x``
and ``\\log \\sum_i e^{x_i} \\ge \\max_i x_i``), as the process's CPU seconds / its thread's /
wall seconds:

=======================================  ==================  ==================
load                                     first claim          second claim
=======================================  ==================  ==================
machine to itself (``nice -n -20``)      0.60 / 0.29 / 0.69   1.83 / 0.55 / 3.91
other engineers' jobs (load about 7)     0.71 / 0.33 / 1.44   1.97 / 0.59 / 3.23
and two more busy loops                  0.66 / 0.31 / 1.73   2.08 / 0.62 / 12.17
=======================================  ==================  ==================

The process's CPU time per search stays within 15 % across loads while wall time varies
fourfold, and it never ran faster than wall time (XLA's threads hand work on, they do not run
in parallel here). Caveat: checks run concurrently in several threads of one process share its
CPU time, so each budget runs out sooner; run them in processes (``check_many``'s pool) for
budgets of their own.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._errors import DerivaxError, VerifyTimeout

#: budgets at or below this many seconds are not worth a process: run in-process instead
_INLINE_BELOW = 0.0

#: the wall-clock cap of a budget of ``s`` CPU seconds is ``WALL_FACTOR * s + WALL_EXTRA``
WALL_FACTOR = 20.0
WALL_EXTRA = 10.0

#: how often (wall seconds, at most) a waiting caller reads its worker's CPU time
_POLL = 0.05

try:
    _TICK = float(os.sysconf("SC_CLK_TCK"))
except (AttributeError, ValueError, OSError):  # no sysconf (Windows)
    _TICK = 100.0


#: the largest budget a claim may ask for (a year of CPU time; a larger one is a mistake, and
#: past about 1e16 s the pool's arithmetic on deadlines loses its seconds)
LONGEST_BUDGET = 1e9


def require_budget(timeout: Any) -> float:
    """A time budget as seconds: a number, positive, finite and below a year; anything else (a
    string, a boolean, None, NaN, 1e10, an integer too large for a float) is a DerivaxError
    naming it. Every entry that takes a ``timeout`` asks here, before any work or cache lookup.

    >>> require_budget(2)
    2.0
    >>> require_budget("5")
    Traceback (most recent call last):
    ...
    derivax._errors.DerivaxError: `timeout` must be a number of seconds such as 10, got the str `'5'`
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise DerivaxError(
            f"`timeout` must be a number of seconds such as 10, got the "
            f"{type(timeout).__name__} `{timeout!r}`"
        )
    if not 0 < timeout < LONGEST_BUDGET:  # also refuses nan and inf; exact for any int
        digits = len(str(abs(timeout))) if isinstance(timeout, int) else 0
        shown = f"an integer of {digits} digits" if digits > 30 else f"`{timeout}`"
        raise DerivaxError(
            f"`timeout` must be a positive number of seconds below {LONGEST_BUDGET:g}, got {shown}"
        )
    return float(timeout)


def wall_cap(seconds: float) -> float:
    """The wall-clock time after which a worker with a budget of ``seconds`` CPU seconds is
    stopped even though it has not used them (it sleeps or blocks).

    >>> wall_cap(1.0)
    30.0
    """
    return WALL_FACTOR * seconds + WALL_EXTRA


@dataclass(frozen=True)
class Budget:
    """A budget of ``cpu`` CPU seconds, with a wall-clock cap (default ``wall_cap(cpu)``)."""

    cpu: float
    wall: float | None = None

    @property
    def cap(self) -> float:
        return wall_cap(self.cpu) if self.wall is None else self.wall


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` (all its threads), from ``/proc``; ``None``
    where ``/proc`` is missing or the process is gone (reaped)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return _stat_seconds(f.read())
    except OSError:
        return None


def _stat_seconds(data: bytes) -> float | None:
    """utime + stime of a ``/proc/<pid>/stat`` line, in seconds. Field 2, the command name, is in
    parentheses and may hold spaces and parentheses itself (``(a) (b c)``): the fields are counted
    after its last ``)``, where utime and stime (fields 14 and 15) are the 12th and 13th."""
    end = data.rfind(b")")
    fields = data[end + 2 :].split() if end >= 0 else []
    try:
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (IndexError, ValueError):
        return None


# -- the CPU time of workers this process waited for -------------------------------------------
_LOCK = threading.Lock()
_WAITED = 0.0  # CPU seconds of the budgeted workers this process started and waited for
_SHARED: Any = None  # in a worker: the shared number its caller reads (see ``report_to``)


def report_to(shared: Any) -> None:
    """In a worker: add the CPU time of the workers it waits for to ``shared`` (a
    ``multiprocessing`` ``RawValue("d")`` its caller reads next to ``/proc``)."""
    global _SHARED, _WAITED
    _SHARED, _WAITED = shared, 0.0


def _add_waited(seconds: float) -> None:
    global _WAITED
    if seconds <= 0:
        return
    with _LOCK:
        _WAITED += seconds
        if _SHARED is not None:
            _SHARED.value += seconds


def clock() -> float:
    """CPU seconds for this process's own deadlines: ``time.process_time()`` plus the CPU time of
    the budgeted workers it waited for (the module docstring says why not wall time, and why not
    the thread's time). Only differences of two readings mean anything.

    >>> start = clock()
    >>> within(5.0, sum, range(10**5)) > 0 and clock() >= start
    True
    """
    return time.process_time() + _WAITED


class _Meter:
    """The CPU time a worker has used since ``start()`` (its own and that of the workers it
    waited for), or its wall time where ``/proc`` is missing; ``wall()`` since the start."""

    def __init__(self, pid: int, shared: Any, account: bool = True):
        self.pid, self.shared, self.account = pid, shared, account
        self.began = time.monotonic()
        self.base = 0.0
        self.last = 0.0
        self.by_wall = False
        self.start()

    def _total(self) -> float | None:
        own = cpu_seconds(self.pid)
        if own is None:
            return None
        return own + (self.shared.value if self.shared is not None else 0.0)

    def start(self) -> None:
        """Count from now (a reused worker starts its next task)."""
        self.began = time.monotonic()
        total = self._total()
        self.by_wall = total is None
        self.base = total or 0.0
        self.last = 0.0

    def used(self) -> float:
        """Seconds used since the start; with ``account``, the increase since the last reading is
        added to this process's account of CPU time waited for (so that ``clock()`` and a caller
        of this process see it)."""
        if self.by_wall:
            return self.wall()
        total = self._total()
        if total is None:  # the worker is gone: what was read last is all it used
            return self.last
        used = total - self.base
        if used > self.last:
            if self.account:
                _add_waited(used - self.last)
            self.last = used
        return self.last

    def wall(self) -> float:
        return time.monotonic() - self.began

    def over(self, budget: Budget) -> str | None:
        """Why the worker must stop now (its budget or its wall-clock cap ran out), or None."""
        used = self.used()
        if used > budget.cpu:
            kind = "wall-clock time: this system has no /proc" if self.by_wall else "CPU time"
            return f"ran past its budget of {budget.cpu:g} s ({kind})"
        if self.wall() > budget.cap:
            return (
                f"ran past its wall-clock cap of {budget.cap:g} s having used {used:.2g} s of its "
                f"budget of {budget.cpu:g} s of CPU time (it sleeps or waits)"
            )
        return None

    def wait_for(self, budget: Budget) -> float:
        """How long to wait (wall seconds) before reading again."""
        left = budget.cpu - (self.last if not self.by_wall else self.wall())
        return max(min(left, _POLL, budget.cap - self.wall()), 0.002)


def _child(conn, shared, fn, args, kwargs, cpu_limit: int | None = None) -> None:
    report_to(shared)
    if cpu_limit is not None:
        _limit_cpu(cpu_limit)
    from ._exact_zero import exact_zero_tests

    try:
        with exact_zero_tests():
            result = ("ok", fn(*args, **kwargs))
    except BaseException as e:
        result = ("error", e)
    try:
        conn.send_bytes(pickle.dumps(result))
    except Exception as e:
        conn.send_bytes(
            pickle.dumps(("error", DerivaxError(f"the result could not be returned: {e}")))
        )
    finally:
        conn.close()
        os._exit(0)  # skip the parent's atexit handlers in the worker


def _spare_child(tasks, results, shared) -> None:
    """A worker started ahead of its task: it waits for ``(fn, args, kwargs, cpu_limit)`` and then
    runs as ``_child``; it ends without running anything when its caller closes the pipe."""
    try:
        fn, args, kwargs, cpu_limit = pickle.loads(tasks.recv_bytes())
    except (EOFError, OSError):
        os._exit(0)
    finally:
        tasks.close()
    _child(results, shared, fn, args, kwargs, cpu_limit)


@dataclass
class _Worker:
    """A started worker waiting for its task, and the ends of its pipes in the caller."""

    proc: Any
    tasks: Any  # the caller sends the task here
    results: Any  # and reads the result here
    shared: Any  # CPU time of the workers it waits for (``report_to``)
    owner: int  # the process that started it: only it may send it a task


_SPARE_LOCK = threading.Lock()
_SPARE_READY = threading.Condition(_SPARE_LOCK)
_SPARE: list[_Worker] = []  # at most one worker started ahead of the next budgeted call
_STARTING: list[bool] = []  # a thread is starting it


def _start_worker() -> _Worker:
    ctx = _context()
    task_out, task_in = ctx.Pipe(duplex=False)
    result_out, result_in = ctx.Pipe(duplex=False)
    shared = ctx.RawValue("d", 0.0)
    proc = ctx.Process(target=_spare_child, args=(task_out, result_in, shared), daemon=True)
    with _main_hidden(), _daemon_may_start():
        proc.start()
    task_out.close()
    result_in.close()
    return _Worker(proc, task_in, result_out, shared, os.getpid())


def _take_worker() -> _Worker:
    """The worker started ahead for this call, or a new one. Starting a process (the fork server
    forks it, it loads what it needs) costs a few milliseconds; a call that finds one waiting
    does not pay them."""
    with _SPARE_READY:
        if not _SPARE and _STARTING:
            # one is being started: it is ready sooner than a new one would be
            _SPARE_READY.wait_for(lambda: _SPARE or not _STARTING, timeout=5.0)
        spare = _SPARE.pop() if _SPARE else None
    if spare is not None and spare.owner == os.getpid() and spare.proc.is_alive():
        return spare
    # a worker inherited through os.fork belongs to the parent: leave its pipes alone
    return _start_worker()


def _hand_over(task: bytes | memoryview) -> tuple[_Worker, _Meter]:
    """A worker with ``task`` sent to it, and the meter of its CPU time from the task on (its
    start, before it had a task, is not the call's work). A worker that died while it waited
    is replaced once."""
    for attempt in (0, 1):
        worker = _take_worker() if attempt == 0 else _start_worker()
        assert worker.proc.pid is not None
        gauge = _Meter(worker.proc.pid, worker.shared)
        try:
            worker.tasks.send_bytes(task)
        except OSError:
            if attempt == 1:
                raise
            worker.results.close()
            continue
        finally:
            worker.tasks.close()
        return worker, gauge
    raise AssertionError("unreachable")


def _keep_spare() -> None:
    """Start the worker the next budgeted call will take, in a thread of its own while this call
    runs (starting a process takes the caller a few milliseconds, mostly waiting on the fork
    server). Where no process can be started now, the next call starts its own (and reports
    why it cannot)."""
    with _SPARE_LOCK:
        if _SPARE or _STARTING:
            return
        _STARTING.append(True)
    threading.Thread(target=_start_spare, name="derivax-spare-worker", daemon=True).start()


def _start_spare() -> None:
    try:
        spare = _start_worker()
    except Exception:
        spare = None
    with _SPARE_READY:
        _STARTING.clear()
        _SPARE_READY.notify_all()
        if spare is not None and not _SPARE:
            _SPARE.append(spare)
            return
    if spare is not None:  # another thread was first: this one ends at once
        spare.tasks.close()
        spare.results.close()


_CTX = None

#: what the server imports once, so that a worker forked from it does not import it per call:
#: everything a symbolic proof, its audit and a confirmation reach (sympy.physics and z3 alone
#: cost about 0.2 s a call otherwise); JAX is never among them
_PRELOAD = (
    "sympy",
    "sympy.physics",
    "numpy.random",
    "z3",
    "derivax._budget",
    "derivax._exact_zero",
    "derivax._functions",
    "derivax.latex",
    "derivax._verify._proof",
    "derivax._verify._symbolic",
    "derivax._verify._prepare",
    "derivax._verify._identities",
    "derivax._verify._inequalities",
    "derivax._verify._audit",
    "derivax._verify._domain",
    "derivax._verify._precise",
)


class _main_hidden:
    """The worker needs only derivax and SymPy: keep multiprocessing from re-importing the
    caller's ``__main__`` (a script, ``python -c``, stdin, a notebook) in it."""

    def __enter__(self):
        main = sys.modules.get("__main__")
        self.saved = {}
        if main is None:
            return self
        if hasattr(main, "__file__"):
            self.saved["__file__"] = main.__file__
            del main.__file__
        self.saved["__spec__"] = getattr(main, "__spec__", None)
        main.__spec__ = None
        return self

    def __exit__(self, *exc):
        main = sys.modules.get("__main__")
        for attr, value in self.saved.items():
            setattr(main, attr, value)
        return False


def worker_context():
    """The multiprocessing context whose processes fork from the SymPy server (started once)."""
    return _context()


def hidden_main() -> _main_hidden:
    """A context in which starting a process does not re-import the caller's ``__main__``."""
    return _main_hidden()


def meter(pid: int, shared: Any) -> _Meter:
    """A meter of the CPU time worker ``pid`` uses from now on (``shared``: the number the worker
    was given with ``report_to``, or None). Its readings are not added to ``clock()``: a pool's
    workers run beside the caller, not for one of its computations."""
    return _Meter(pid, shared, account=False)


def _context():
    global _CTX
    if _CTX is None:
        _CTX = multiprocessing.get_context("forkserver")
        _CTX.set_forkserver_preload(list(_PRELOAD))
    return _CTX


_DAEMON_LOCK = threading.Lock()
_DAEMON = {"starting": 0, "flag": None}


class _daemon_may_start:
    """Start a budgeted worker from a daemonic process (a Dask worker, by default).

    multiprocessing refuses children to a daemon so that they are not left running when it is
    stopped. A budgeted worker is not the daemon's child: the fork server forks it, and it ends
    with its budget (the caller kills it, and the kernel's CPU limit set in the worker stops it
    if its caller is gone first), so the daemon's flag is lifted while it starts. The flag is
    shared by the daemon's threads, hence the count of starts under way."""

    def __enter__(self):
        config = multiprocessing.current_process()._config
        with _DAEMON_LOCK:
            if _DAEMON["starting"] == 0:
                _DAEMON["flag"] = config.pop("daemon", None)
            _DAEMON["starting"] += 1
        return self

    def __exit__(self, *exc):
        config = multiprocessing.current_process()._config
        with _DAEMON_LOCK:
            _DAEMON["starting"] -= 1
            if _DAEMON["starting"] == 0 and _DAEMON["flag"] is not None:
                config["daemon"] = _DAEMON["flag"]
        return False


def _cpu_limit(budget: Budget) -> int | None:
    """The kernel's CPU-time limit for a worker (whole seconds): past its budget and the slack of
    its caller's polling, so it only ever stops a worker whose caller is gone."""
    if sys.platform not in ("linux", "darwin") or not math.isfinite(budget.cpu):
        return None
    return int(min(math.ceil(budget.cpu * 2 + 5), 2**31 - 1))


def _limit_cpu(seconds: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    for limit in (soft, hard):  # never looser than a limit the process already has
        if limit != resource.RLIM_INFINITY:
            seconds = min(seconds, limit)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard))


def within(
    seconds: float,
    fn: Callable[..., Any],
    *args,
    what: str = "this computation",
    wall: float | None = None,
    **kwargs,
) -> Any:
    """``fn(*args, **kwargs)`` within ``seconds`` of CPU time (and ``wall`` seconds of wall time,
    by default ``wall_cap(seconds)``), or ``VerifyTimeout`` naming ``what``.

    >>> within(5.0, sum, [1, 2, 3])
    6
    """
    if seconds is None or seconds <= _INLINE_BELOW or sys.platform == "win32":
        from ._exact_zero import exact_zero_tests

        with exact_zero_tests():
            return fn(*args, **kwargs)
    budget = Budget(seconds, wall)
    from multiprocessing.reduction import ForkingPickler

    task = ForkingPickler.dumps((fn, args, kwargs, _cpu_limit(budget)))
    worker, gauge = _hand_over(task)
    proc, parent = worker.proc, worker.results
    answered = False
    try:
        _keep_spare()
        while not parent.poll(gauge.wait_for(budget)):
            why = gauge.over(budget)
            if why is not None:
                raise VerifyTimeout(f"{what} {why}")
        try:
            status, value = pickle.loads(parent.recv_bytes())
        except EOFError:
            raise DerivaxError(f"{what} stopped without an answer (the worker died)") from None
        answered = True
    finally:
        if proc.is_alive():
            proc.kill()
        gauge.used()  # the last reading, before the worker is reaped
        if not answered:
            proc.join(1.0)
        # an answered worker has nothing left to do: the fork server reaps it, and
        # multiprocessing forgets it at its next start, without this call waiting for either
        parent.close()
    if status == "error":
        raise value
    return value


def simplified(expr, seconds: float, how: Callable[[Any], Any] | None = None):
    """``how(expr)`` (default ``sympy.simplify``) within ``seconds``; on a timeout the expression
    as it was and a note saying so. Returns ``(expression, note)``."""
    import sympy

    how = how or sympy.simplify
    try:
        return within(seconds, how, expr, what="simplification"), ""
    except VerifyTimeout:
        return (
            expr,
            f"simplification ran past its budget of {seconds:g} s; the result is correct but not simplified",
        )
