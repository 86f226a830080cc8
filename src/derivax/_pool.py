"""A pool of warm worker processes: a ``concurrent.futures.Executor`` that isolates each task.

Workers are forked from the small SymPy server of ``_budget`` (no JAX threads, SymPy and
derivax's proof modules already imported), once each, and then reused: JAX is imported and
functions are compiled once per worker, not once per task. A task that kills its worker (a
crash in C code, ``os._exit``) fails with ``WorkerDied``; a task given a deadline
(``submit_within``) that runs past it has its worker killed and fails with ``TaskOverrun``. Either
way the worker is replaced and every other task goes on: one task's failure costs that task only.

A task's deadline counts CPU time, as every budget of ``_budget`` does: the worker's own (read
from ``/proc`` when the task is sent and as it runs) plus that of the budgeted workers it starts
(``within``), so that a batch gives the same verdicts on a busy machine as on an idle one. A task
that sleeps or blocks is stopped by the wall-clock cap (``_budget.wall_cap``: 20 x its budget +
10 s, or the ``wall`` of a ``Budget``).
"""

from __future__ import annotations

import atexit
import os
import pickle
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ._budget import Budget, hidden_main, meter, report_to, worker_context
from ._errors import DerivaxError, VerifyTimeout


class WorkerDied(DerivaxError, RuntimeError):
    """The worker process ended while it ran the task (a crash, a kill, ``os._exit``)."""


class TaskOverrun(VerifyTimeout):
    """The task ran past its deadline; its worker was stopped."""


def _serve(conn: Connection, shared: Any = None) -> None:
    """A worker's loop: run pickled ``(fn, args, kwargs)`` until the pool closes the pipe; the CPU
    time of the budgeted workers it starts is added to ``shared``, which the pool reads."""
    report_to(shared)
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            break
        try:
            fn, args, kwargs = pickle.loads(message)  # from the pool that started this process
            result: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except BaseException as e:  # the task's error travels back; the worker lives on
            result = ("error", e)
        try:
            data = pickle.dumps(result)
        except Exception as e:
            data = pickle.dumps(
                (
                    "error",
                    DerivaxError(f"the result could not be returned: {type(e).__name__}: {e}"),
                )
            )
        try:
            conn.send_bytes(data)
        except (BrokenPipeError, OSError):
            break
    conn.close()


@dataclass
class _Task:
    future: Future
    call: tuple[Callable[..., Any], tuple, dict]
    budget: Budget | None


@dataclass
class _Slot:
    """One worker process and the task it runs (``None`` while idle)."""

    process: Any = None
    conn: Connection | None = None
    task: _Task | None = None
    meter: Any = None  # the CPU time of the running task (``_budget.meter``), when it has a budget
    shared: Any = None  # the number where the worker adds the CPU time of its own workers
    started: float = field(default_factory=time.monotonic)


class WarmPool(Executor):
    """``workers`` warm processes (default: one per core), reused across tasks. A task is a
    function the workers can import by name (a module's, not one defined in ``__main__``: the
    workers do not run the caller's script) with picklable arguments.

    >>> with WarmPool(1) as pool:
    ...     pool.submit(sum, [1, 2, 3]).result()
    6
    """

    def __init__(self, workers: int | None = None):
        if workers is not None and workers < 1:
            raise DerivaxError(f"a pool needs at least one worker, got {workers}")
        self.workers = workers or os.cpu_count() or 1
        self._lock = threading.Lock()
        self._pending: deque[_Task] = deque()
        self._slots = [_Slot() for _ in range(self.workers)]
        ctx = worker_context()
        self._wake_r, self._wake_w = ctx.Pipe(duplex=False)
        self._thread: threading.Thread | None = None
        self._closed = False
        self.restarts = 0  # workers replaced after a crash or an overrun
        _live.add(self)

    # -- the Executor interface -----------------------------------------------------------------
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        return self.submit_within(None, fn, *args, **kwargs)

    def submit_within(
        self, seconds: float | Budget | None, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> Future:
        """Like ``submit``; past ``seconds`` of CPU time (or a ``Budget``'s wall-clock cap), the
        worker is killed and the future fails with ``TaskOverrun``."""
        future: Future = Future()
        budget = seconds if isinstance(seconds, Budget) or seconds is None else Budget(seconds)
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot submit to a pool after its shutdown")
            self._pending.append(_Task(future, (fn, args, kwargs), budget))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._dispatch, name="derivax-pool", daemon=True
                )
                self._thread.start()
        self._wake()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            if cancel_futures:
                while self._pending:
                    self._pending.popleft().future.cancel()
            thread = self._thread
        self._wake()
        if thread is None:
            self._stop_workers()
        elif wait:
            thread.join()

    def terminate(self) -> None:
        """Stop now: pending tasks are cancelled, running ones fail with ``WorkerDied`` (an
        interrupted command, the end of the interpreter)."""
        with self._lock:
            self._closed = True
            while self._pending:
                self._pending.popleft().future.cancel()
            processes = [s.process for s in self._slots if s.process is not None]
        for process in processes:
            if process.is_alive():
                process.kill()
        self.shutdown(wait=True)

    @property
    def closed(self) -> bool:
        """Shut down (or failed): it takes no more tasks."""
        return self._closed

    def pids(self) -> list[int]:
        """The process ids of the running workers (for measuring their memory)."""
        return [s.process.pid for s in self._slots if s.process is not None]

    # -- the dispatcher thread -------------------------------------------------------------------
    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b"")
        except OSError:
            pass

    def _dispatch(self) -> None:
        try:
            while self._step():
                pass
        except BaseException as e:  # a bug here must not leave a caller waiting forever
            with self._lock:
                self._closed = True
                lost = [t.future for t in self._pending] + [
                    s.task.future for s in self._slots if s.task is not None
                ]
                self._pending.clear()
            for future in lost:
                if not future.done():
                    future.set_exception(WorkerDied(f"the pool failed: {type(e).__name__}: {e}"))
            raise
        finally:
            self._stop_workers()

    def _step(self) -> bool:
        """Hand out tasks, wait for one event, handle it; False once closed and drained."""
        with self._lock:
            for slot in self._slots:
                while slot.task is None and self._pending:
                    task = self._pending.popleft()
                    if task.future.set_running_or_notify_cancel():
                        self._send(slot, task)
            busy = [s for s in self._slots if s.task is not None]
            if self._closed and not busy and not self._pending:
                return False
        # a budget counts CPU time, which no waitable signals: read it again at short intervals
        waits = [
            s.meter.wait_for(s.task.budget)
            for s in busy
            if s.meter is not None and s.task is not None and s.task.budget is not None
        ]
        timeout = min(waits) if waits else None
        waitables: list[Any] = [self._wake_r]
        for s in busy:
            waitables += [s.conn, s.process.sentinel]
        ready = wait(waitables, timeout)
        if self._wake_r in ready:
            while self._wake_r.poll():
                self._wake_r.recv_bytes()
        for s in busy:
            if s.conn in ready:
                self._receive(s)
            elif s.process.sentinel in ready:
                self._fail(s, WorkerDied(_death(s.process)))
            elif s.meter is not None:
                assert s.task is not None and s.task.budget is not None
                why = s.meter.over(s.task.budget)
                if why is not None:
                    self._fail(s, TaskOverrun(f"the task {why}; its worker was stopped"))
        return True

    def _send(self, slot: _Slot, task: _Task) -> None:
        try:
            data = pickle.dumps(task.call)
        except Exception as e:
            task.future.set_exception(
                DerivaxError(f"the task could not be sent to a worker: {type(e).__name__}: {e}")
            )
            return
        if slot.process is None or not slot.process.is_alive():
            self._start(slot)
        assert slot.conn is not None
        try:
            slot.conn.send_bytes(data)
        except OSError:  # the idle worker had died: start another once
            self._start(slot)
            slot.conn.send_bytes(data)
        slot.task = task
        slot.meter = meter(slot.process.pid, slot.shared) if task.budget is not None else None

    def _start(self, slot: _Slot) -> None:
        self._retire(slot)
        ctx = worker_context()
        parent, child = ctx.Pipe(duplex=True)
        shared = ctx.RawValue("d", 0.0)
        # not a daemon: a worker starts budgeted processes of its own (``_budget.within``)
        process = ctx.Process(
            target=_serve, args=(child, shared), name="derivax-worker", daemon=False
        )
        with hidden_main():
            process.start()
        child.close()
        slot.process, slot.conn, slot.started = process, parent, time.monotonic()
        slot.shared = shared

    def _receive(self, slot: _Slot) -> None:
        assert slot.conn is not None and slot.task is not None
        try:
            status, value = pickle.loads(slot.conn.recv_bytes())
        except (EOFError, OSError):
            slot.process.join(1.0)
            self._fail(slot, WorkerDied(_death(slot.process)))
            return
        except Exception as e:
            status, value = "error", DerivaxError(f"the result could not be read: {e}")
        task, slot.task, slot.meter = slot.task, None, None
        if status == "ok":
            task.future.set_result(value)
        else:
            task.future.set_exception(value)

    def _fail(self, slot: _Slot, error: BaseException) -> None:
        task, slot.task, slot.meter = slot.task, None, None
        self._retire(slot)
        self.restarts += 1
        if task is not None:
            task.future.set_exception(error)

    def _retire(self, slot: _Slot) -> None:
        """Stop a slot's worker (killed: it may be stuck) and forget it."""
        if slot.process is not None:
            if slot.process.is_alive():
                slot.process.kill()
            slot.process.join(5.0)
        if slot.conn is not None:
            slot.conn.close()
        slot.process, slot.conn = None, None

    def _stop_workers(self) -> None:
        for slot in self._slots:
            if slot.conn is not None:
                slot.conn.close()  # an idle worker reads EOF and leaves
        for slot in self._slots:
            if slot.process is not None:
                slot.process.join(2.0)
                if slot.process.is_alive():
                    slot.process.kill()
                    slot.process.join(2.0)
            slot.process, slot.conn = None, None
            if slot.task is not None:
                if not slot.task.future.done():
                    slot.task.future.set_exception(WorkerDied("the pool was shut down"))
                slot.task = None


def _death(process: Any) -> str:
    code = process.exitcode
    how = (
        f"was killed by signal {-code}"
        if code is not None and code < 0
        else f"exited with code {code}"
    )
    return f"the worker process {how} while it ran this task"


_live: weakref.WeakSet[WarmPool] = weakref.WeakSet()


@atexit.register
def _shutdown_all() -> None:
    # registered after multiprocessing's own exit handler, so it runs first: the workers are not
    # daemons and multiprocessing would otherwise wait for them forever
    for pool in list(_live):
        pool.terminate()
