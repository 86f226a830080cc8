"""Many claims at once: ``check_many`` on a pool of warm workers or any
``concurrent.futures.Executor`` (a Dask ``Client.get_executor()`` included), one claim isolated
from the next.

A claim is a LaTeX string (or a SymPy relation) checked with the call's ``symbols``, ``given`` and
``timeout``, or a mapping with its own: ``{"claim": ..., "symbols": ..., "given": [...],
"timeout": ..., "id": ...}``, or a tuple ``(claim, symbols)`` / ``(claim, symbols, given)``. What a
claim brings replaces the call's default (it is not merged with it).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, replace
from typing import Any

from ._budget import require_budget
from ._errors import DerivaxError, VerifyTimeout
from ._pool import TaskOverrun, WarmPool, WorkerDied
from ._verify import Verdict

#: a claim's task may run this long past its own budget (importing JAX and compiling in a fresh
#: worker, a slow machine) before its worker is stopped and the claim reported as a timeout
GRACE_SECONDS = 30.0


@dataclass(frozen=True)
class Claim:
    """One claim of a batch with what it is checked under."""

    claim: Any
    symbols: Any = None
    given: tuple = ()
    timeout: float = 10.0
    id: Any = None
    line: int | None = None  # where a batch file has it
    cache: bool = True  # answered from the verdict cache when it holds the verdict


@dataclass(frozen=True)
class Failure:
    """A claim that got no verdict: it could not be read, or its task failed."""

    kind: str
    message: str
    position: int | None = None
    id: Any = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "position": self.position}


def as_claim(item: Any, symbols: Any = None, given: Iterable = (), timeout: float = 10.0) -> Claim:
    """The ``Claim`` an item of ``check_many`` stands for (see the module docstring)."""
    if isinstance(item, Claim):
        return item
    if isinstance(item, Mapping):
        fields = ("claim", "symbols", "given", "timeout", "id")
        unknown = sorted(set(map(str, item)) - set(fields))
        if unknown:
            import difflib

            near = difflib.get_close_matches(unknown[0], fields, n=1)
            hint = f" (did you mean `{near[0]}`?)" if near else ""
            raise DerivaxError(
                f"unknown field `{unknown[0]}` in a claim{hint}; expected claim, symbols, given, "
                f"timeout, id"
            )
        if "claim" not in item:
            raise DerivaxError("a claim given as a mapping needs a `claim` field")
        return Claim(
            _portable(item["claim"]),
            item.get("symbols", symbols),
            _givens(item.get("given", given)),
            require_budget(item["timeout"]) if "timeout" in item else timeout,
            item.get("id"),
        )
    if isinstance(item, tuple):
        if not 1 <= len(item) <= 3:
            raise DerivaxError(
                f"a claim given as a tuple is (claim, symbols) or (claim, symbols, given), "
                f"got {len(item)} items"
            )
        return Claim(
            _portable(item[0]),
            item[1] if len(item) > 1 else symbols,
            _givens(item[2] if len(item) > 2 else given),
            timeout,
        )
    return Claim(_portable(item), symbols, _givens(given), timeout)


@dataclass(frozen=True)
class _Relation:
    """A SymPy relation in pieces: unpickled whole, it would be rebuilt with evaluation on (an
    identity SymPy can see would arrive in the worker as ``True``)."""

    kind: str
    lhs: Any
    rhs: Any

    def build(self) -> Any:
        import sympy

        return getattr(sympy, self.kind)(self.lhs, self.rhs, evaluate=False)

    def __str__(self) -> str:
        return str(self.build())


def _portable(claim: Any) -> Any:
    if isinstance(claim, str) or not hasattr(claim, "rel_op"):
        return claim
    return _Relation(type(claim).__name__, claim.lhs, claim.rhs)


def _givens(given: Any) -> tuple:
    if isinstance(given, str) or hasattr(given, "rel_op"):  # one given, not its characters
        return (_portable(given),)
    if given is None:
        return ()
    return tuple(_portable(g) for g in given)


def decide(claim: Claim) -> Verdict | Failure:
    """Check one claim where the executor runs it; bad input comes back as a ``Failure``."""
    from ._verify import check

    try:
        require_budget(claim.timeout)
    except DerivaxError as e:
        return Failure("DerivaxError", str(e), id=claim.id, line=claim.line)
    what = claim.claim.build() if isinstance(claim.claim, _Relation) else claim.claim
    givens = [g.build() if isinstance(g, _Relation) else g for g in claim.given]
    try:
        return check(what, claim.symbols, givens, timeout=claim.timeout, cache=claim.cache)
    except DerivaxError as e:
        return Failure(type(e).__name__, str(e), getattr(e, "position", None), id=claim.id)


def _outcome(future: Future, claim: Claim) -> Verdict | Failure:
    """A finished task's verdict; a crash or an overrun becomes that claim's verdict alone."""
    try:
        result = future.result()
    except TaskOverrun as e:
        return Verdict("timeout", reason=f"{e} (budget {claim.timeout:g} s)", claim=_text(claim))
    except (WorkerDied, VerifyTimeout) as e:
        return Verdict("unknown", reason=str(e), claim=_text(claim))
    except Exception as e:  # the executor's own report of a lost task (Dask: KilledWorker)
        return Verdict(
            "unknown",
            reason=f"the task failed: {type(e).__name__}: {e}",
            claim=_text(claim),
        )
    return result


def _text(claim: Claim) -> str:
    return claim.claim if isinstance(claim.claim, str) else str(claim.claim)


_DEFAULT: WarmPool | None = None


def default_pool() -> WarmPool:
    """The process-wide pool of warm workers, one per core, started on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WarmPool(os.cpu_count() or 1)
    return _DEFAULT


def outcomes(
    claims: Iterable[Claim | Failure],
    executor: Executor,
    ordered: bool = True,
    window: int | None = None,
    run: Callable[[Claim], Verdict | Failure] = decide,
    grace: float = GRACE_SECONDS,
) -> Iterator[tuple[Claim | Failure, Verdict | Failure]]:
    """``(claim, verdict or failure)`` for each claim, in input order (``ordered``) or as they
    finish; at most ``window`` tasks are in flight, so a batch of millions streams. A ``Failure``
    among the claims (an unreadable input) passes through as its own outcome. On a ``WarmPool``
    a claim's worker is stopped ``grace`` seconds past the claim's budget."""
    if window is None:
        window = 2 * executor.workers if isinstance(executor, WarmPool) else 64
    flight: deque[tuple[Claim | Failure, Future | None]] = deque()
    source = iter(claims)
    exhausted = False

    def submit(item: Claim | Failure) -> Future | None:
        if isinstance(item, Failure):
            return None
        if isinstance(executor, WarmPool):
            return executor.submit_within(item.timeout + grace, run, item)
        return executor.submit(run, item)

    while True:
        while not exhausted and len(flight) < window:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                break
            flight.append((item, submit(item)))
        if not flight:
            return
        if ordered:
            item, future = flight.popleft()
        else:
            index = _first_done(flight)
            item, future = flight[index]
            del flight[index]
        if future is None:
            assert isinstance(item, Failure)
            yield item, item
        else:
            assert isinstance(item, Claim)
            yield item, _outcome(future, item)


def _first_done(flight: deque[tuple[Any, Future | None]]) -> int:
    from concurrent.futures import FIRST_COMPLETED
    from concurrent.futures import wait as wait_futures

    for k, (_, future) in enumerate(flight):
        if future is None or future.done():
            return k
    wait_futures([f for _, f in flight if f is not None], return_when=FIRST_COMPLETED)
    return _first_done(flight)


def check_many(
    claims: Iterable[Any],
    symbols: Any = None,
    given: Iterable = (),
    timeout: float = 10.0,
    executor: Executor | None = None,
    cache: bool = True,
) -> Iterator[Verdict]:
    """One ``Verdict`` per claim, in order, each claim checked on its own: a claim that cannot be
    read, crashes its worker or runs past its budget gets an ``unknown`` or ``timeout`` verdict
    saying why, and the others go on. ``executor`` is any ``concurrent.futures.Executor`` (a Dask
    ``Client.get_executor()`` runs the batch on a cluster); by default a pool of warm worker
    processes, one per core, shared by every call. Claims written as text are answered from the
    verdict cache where it holds their verdict (``cache=False`` decides every claim afresh).

    >>> [v.status for v in check_many([r"\\sigma(-x) = 1 - \\sigma(x)", r"x \\le x^2"])]
    ['proved', 'refuted']
    """
    timeout = require_budget(timeout)
    given = _givens(given)
    pool = executor if executor is not None else default_pool()

    def items() -> Iterator[Claim | Failure]:
        for item in claims:
            try:
                claim = as_claim(item, symbols, given, timeout)
                yield claim if cache else replace(claim, cache=False)
            except (DerivaxError, TypeError, ValueError, ArithmeticError) as e:
                yield Failure(type(e).__name__, str(e))

    for item, outcome in outcomes(items(), pool):
        if isinstance(outcome, Failure):
            text = _text(item) if isinstance(item, Claim) else ""
            yield Verdict("unknown", reason=f"{outcome.kind}: {outcome.message}", claim=text)
        else:
            yield outcome
