"""One pass over catalog equations, shared by ``verify`` and ``export``: each worked example set,
each claim and each stated derivative is one task, run in this process (``jobs=1``) or on a pool
of warm workers. A stated derivative is derived once; the derivation serves both the comparison
``verify`` reports and the steps ``export`` prints.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed
from dataclasses import dataclass
from typing import Any

from ._errors import DerivaxError
from ._pool import TaskOverrun, WarmPool
from ._xla_cache import use_compilation_cache

#: how long past its budgets a task may run before its worker is stopped (see ``_batch``)
GRACE_SECONDS = 30.0


@dataclass(frozen=True)
class EquationPass:
    """What one pass found for one equation."""

    id: str
    parsed: bool
    error: str
    examples: tuple  # ExampleResult
    checks: tuple  # CheckResult
    derivatives: tuple  # DerivativeResult
    reports: tuple  # DerivativeReport (with ``documents``), else empty
    seconds: float  # the work's own time, summed over its tasks

    def verification(self) -> Any:
        from ._catalog import Verification

        return Verification(
            self.id,
            self.parsed,
            self.error,
            self.examples,
            self.checks,
            self.seconds,
            self.derivatives,
        )


# -- the tasks (run where the executor runs them) ---------------------------------------------
_EQUATIONS: dict[str, Any] = {}


def _warm(eq: Any) -> Any:
    """The worker's own copy of ``eq``, parsed once however many of its tasks land here. The
    copy is found by everything the equation says (its claims, examples and stated derivatives
    too): an entry edited between two passes of one process, its definition unchanged, is the
    new entry, never the copy of the old one."""
    use_compilation_cache()
    key = repr([getattr(eq, f.name) for f in dataclasses.fields(eq)])
    if key not in _EQUATIONS:
        _EQUATIONS[key] = eq
    return _EQUATIONS[key]


def _parse_task(eq: Any, examples: bool) -> tuple[bool, str, tuple, float]:
    start = time.perf_counter()
    eq = _warm(eq)
    try:
        _ = eq.expression  # reading it parses it
    except DerivaxError as e:
        return False, f"does not parse: {e}", (), time.perf_counter() - start
    results = tuple(eq.run_examples()) if examples else ()
    return True, "", results, time.perf_counter() - start


def _claim_task(eq: Any, k: int, timeout: float) -> Any:
    from ._catalog import CheckResult
    from ._verify import check

    eq = _warm(eq)
    c = eq.checks[k]
    try:
        return CheckResult(c, check(c.claim, eq.table, c.given, timeout=timeout))
    except DerivaxError as e:
        return CheckResult(c, None, str(e))


def _derivative_task(eq: Any, k: int, timeout: float, documents: bool) -> tuple[Any, Any, float]:
    from ._catalog import DerivativeResult, check_derivative
    from ._export import DerivativeReport, derivative_report

    start = time.perf_counter()
    eq = _warm(eq)
    known = eq.derivatives[k]
    try:
        d = eq.derive(known.wrt, timeout=timeout)
    except DerivaxError as e:
        result = DerivativeResult(known.wrt, known.latex, error=f"derivax could not derive it: {e}")
        failed = DerivativeReport(known.wrt, stated=known.latex, error=str(e))
        return result, failed if documents else None, time.perf_counter() - start
    result = check_derivative(eq, known, timeout, derivation=d)
    report = derivative_report(eq, known, d, result) if documents else None
    return result, report, time.perf_counter() - start


# -- the pass ---------------------------------------------------------------------------------
_SHARED: dict[int, WarmPool] = {}


def shared_pool(jobs: int) -> WarmPool:
    """The process's pool of ``jobs`` warm workers, started on first use and reused by every pass
    after it: its workers keep JAX imported and the equations they parsed (``_warm``). A command
    makes one pass; a notebook or a test run makes many, and each started two new workers."""
    pool = _SHARED.get(jobs)
    if pool is None or pool.closed:
        pool = _SHARED[jobs] = WarmPool(jobs)
    return pool


def run(
    equations: Sequence[Any],
    timeout: float = 10.0,
    jobs: int = 1,
    examples: bool = True,
    documents: bool = False,
    on_step: Callable[[str], None] | None = None,
    pool: WarmPool | None = None,
    on_equation: Callable[[EquationPass], None] | None = None,
) -> list[EquationPass]:
    """Parse, run the examples (``examples``), decide the claims and compare the stated
    derivatives of every equation, on ``jobs`` workers; ``documents`` also keeps what ``export``
    prints about each derivative. ``on_step`` is called after each task, ``on_equation`` with an
    equation's result once all its tasks are done."""
    tasks: list[tuple[str, int, int, Callable[..., Any], tuple, float | None]] = []
    for e, eq in enumerate(equations):
        bare = dataclasses.replace(eq)  # without its cached parse: each worker parses once
        # the slowest first, so that no worker is left with a long task at the end
        for k in range(len(eq.derivatives)):
            tasks.append(
                ("derivative", e, k, _derivative_task, (bare, k, timeout, documents), 2 * timeout)
            )
    for e, eq in enumerate(equations):
        bare = dataclasses.replace(eq)
        for k in range(len(eq.checks)):
            tasks.append(("claim", e, k, _claim_task, (bare, k, timeout), timeout))
        tasks.append(("parse", e, 0, _parse_task, (bare, examples), None))
    done: dict[tuple[str, int, int], Any] = {}
    remaining = [1 + len(eq.checks) + len(eq.derivatives) for eq in equations]

    def settled(e: int) -> None:
        if on_step:
            on_step(equations[e].id)
        remaining[e] -= 1
        if remaining[e] == 0 and on_equation:
            on_equation(_assemble(e, equations[e], done))

    if jobs <= 1 and pool is None:
        for kind, e, k, fn, args, _ in tasks:
            done[kind, e, k] = _guarded(kind, equations[e], k, fn, args)
            settled(e)
    else:
        workers = pool if pool is not None else shared_pool(jobs)
        futures: dict[Future, tuple[str, int, int]] = {}
        try:
            for kind, e, k, fn, args, seconds in tasks:
                deadline = None if seconds is None else seconds + GRACE_SECONDS
                futures[workers.submit_within(deadline, fn, *args)] = (kind, e, k)
            for future in as_completed(futures):
                kind, e, k = futures[future]
                done[kind, e, k] = _settled(kind, equations[e], k, future)
                settled(e)
        except BaseException:
            # an interrupted pass leaves no task of its own waiting in a pool that outlives it
            for future in futures:
                future.cancel()
            raise
    return [_assemble(e, eq, done) for e, eq in enumerate(equations)]


def _guarded(kind: str, eq: Any, k: int, fn: Callable[..., Any], args: tuple) -> Any:
    try:
        return fn(*args)
    except Exception as e:
        return _failed(kind, eq, k, f"{type(e).__name__}: {e}")


def _settled(kind: str, eq: Any, k: int, future: Future) -> Any:
    try:
        return future.result()
    except TaskOverrun as e:
        return _failed(kind, eq, k, str(e), timeout=True)
    except Exception as e:
        return _failed(kind, eq, k, f"{type(e).__name__}: {e}")


def _failed(kind: str, eq: Any, k: int, reason: str, timeout: bool = False) -> Any:
    """A task that ended without its result: the reason stands where the result would."""
    from ._catalog import CheckResult, DerivativeResult
    from ._verify import Verdict

    verdict = Verdict("timeout" if timeout else "unknown", reason=reason)
    if kind == "claim":
        return CheckResult(eq.checks[k], verdict)
    if kind == "derivative":
        d = eq.derivatives[k]
        return DerivativeResult(d.wrt, d.latex, verdict=verdict), None, 0.0
    return False, f"the examples could not be run: {reason}", (), 0.0


def _assemble(e: int, eq: Any, done: dict[tuple[str, int, int], Any]) -> EquationPass:
    parsed, error, examples, seconds = done["parse", e, 0]
    checks = tuple(done["claim", e, k] for k in range(len(eq.checks)))
    derivatives = [done["derivative", e, k] for k in range(len(eq.derivatives))]
    seconds += sum(c.verdict.seconds for c in checks if c.verdict is not None)
    seconds += sum(d[2] for d in derivatives)
    if not parsed:  # as ``Equation.verify``: an equation that does not parse has nothing else
        return EquationPass(eq.id, False, error, (), (), (), (), seconds)
    return EquationPass(
        eq.id,
        True,
        "",
        examples,
        checks,
        tuple(d[0] for d in derivatives),
        tuple(d[1] for d in derivatives if d[1] is not None),
        seconds,
    )


def equation_report(eq: Any, found: EquationPass) -> Any:
    """What ``export`` prints about ``eq``, from the pass (nothing is derived or checked again)."""
    from ._export import EquationReport, check_report, describe

    symbols = tuple((name, describe(decl)) for name, decl in eq.table.items())
    if not found.parsed:
        return EquationReport(
            eq.id,
            eq.title,
            eq.area,
            eq.summary,
            eq.latex,
            symbols,
            found.error.removeprefix("does not parse: "),
        )
    return EquationReport(
        eq.id,
        eq.title,
        eq.area,
        eq.summary,
        eq.latex,
        symbols,
        "",
        found.reports,
        tuple(check_report(eq, c) for c in found.checks),
    )
