"""Time budgets for algebra that can run unbounded (simplify, expand, solve, integrate).

The call runs in a worker process that is killed when its budget ends, so the budget holds
from any thread and inside C code alike; arguments and the result travel pickled. Workers are
forked from a small server process that has SymPy loaded and no JAX threads (multiprocessing's
"forkserver"), so starting one costs milliseconds and cannot inherit a lock held by another
thread. Where that is not available (Windows) the call runs in-process, without a budget.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

from ._errors import DerivaxError, VerifyTimeout

#: budgets at or below this many seconds are not worth a process: run in-process instead
_INLINE_BELOW = 0.0


def _child(conn, fn, args, kwargs) -> None:
    try:
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
    "derivax._functions",
    "derivax.latex",
    "derivax._verify._proof",
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


def _context():
    global _CTX
    if _CTX is None:
        _CTX = multiprocessing.get_context("forkserver")
        _CTX.set_forkserver_preload(list(_PRELOAD))
    return _CTX


def within(
    seconds: float, fn: Callable[..., Any], *args, what: str = "this computation", **kwargs
) -> Any:
    """``fn(*args, **kwargs)`` within ``seconds``, or ``VerifyTimeout`` naming ``what``.

    >>> within(5.0, sum, [1, 2, 3])
    6
    """
    if seconds is None or seconds <= _INLINE_BELOW or sys.platform == "win32":
        return fn(*args, **kwargs)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, kwargs), daemon=True)
    with _main_hidden():
        proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise VerifyTimeout(f"{what} ran past its budget of {seconds:g} s")
        try:
            status, value = pickle.loads(parent.recv_bytes())
        except EOFError:
            raise DerivaxError(f"{what} stopped without an answer (the worker died)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1.0)
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
