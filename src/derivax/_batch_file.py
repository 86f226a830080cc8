"""``derivax check --batch FILE.jsonl``: a file of claims, one JSON object a line, checked on a
pool of warm workers or a Dask cluster, each verdict written as one JSON line the moment it is
reached.

Input line: ``{"id": ..., "claim": "...", "symbols": "...", "given": [...], "timeout": ...}``
(only ``claim`` is required). Output line: the ``check --json`` verdict with ``id`` and ``line``
(the input line number, from 1), or ``{"id", "line", "error": {"kind", "message", "position"}}``
for a line that could not be read or checked. With ``--resume`` the lines whose id (or, without
an id, whose line number) is already in the output are skipped; a last output line cut short by a
kill is dropped first, so nothing is lost and nothing written twice.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ._batch import Claim, Failure, as_claim, outcomes
from ._errors import DerivaxError
from ._verify import Verdict

#: the fields of ``check --json``, first in every row
_VERDICT_FIRST = ("status", "method", "steps", "counterexample", "seconds")


@dataclass
class Summary:
    """What a batch run did: verdicts by status, unreadable lines, lines skipped on resume."""

    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    @property
    def checked(self) -> int:
        return sum(self.statuses.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "statuses": dict(self.statuses),
            "errors": self.errors,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 2),
            "claims_per_second": round(self.checked / self.seconds, 3) if self.seconds else None,
        }

    def __str__(self) -> str:
        by = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items())) or "none"
        rate = f", {self.checked / self.seconds:.2f} claims/s" if self.seconds else ""
        skipped = f"; {self.skipped} already done (skipped)" if self.skipped else ""
        return (
            f"{self.checked} claims checked ({by}); {self.errors} line(s) with an error"
            f"{skipped} ({self.seconds:.1f} s wall-clock{rate})"
        )


def row(item: Claim | Failure, outcome: Verdict | Failure) -> dict[str, Any]:
    """The output line for one input line."""
    head = {"id": item.id, "line": item.line}
    if isinstance(outcome, Failure):
        return {**head, "error": outcome.to_dict()}
    d = outcome.to_dict()
    return {**head, **{k: d[k] for k in _VERDICT_FIRST}, **d}


def _key(id_: Any, line: Any) -> str:
    return f"id:{json.dumps(id_)}" if id_ is not None else f"line:{line}"


def read_claims(
    path: str,
    timeout: float,
    done: set[str] | None = None,
    summary: Summary | None = None,
    on_skip: Callable[[], None] | None = None,
) -> Iterator[Claim | Failure]:
    """The claims of a JSONL file, lazily; a malformed line becomes a ``Failure`` in its place,
    and a line whose key is in ``done`` is skipped (``on_skip`` is called for it)."""

    def skip() -> None:
        if summary is not None:
            summary.skipped += 1
        if on_skip is not None:
            on_skip()

    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                failure = Failure("BatchError", f"line {n} is not JSON: {e.msg}", e.pos, line=n)
                if done is not None and _key(None, n) in done:
                    skip()
                    continue
                yield failure
                continue
            id_ = data.get("id") if isinstance(data, dict) else None
            key = _key(id_, n)
            if done is not None and key in done:
                skip()
                continue
            if id_ is not None and key in seen:
                yield Failure(
                    "BatchError",
                    f"duplicate id `{id_}` (first on line {seen[key]})",
                    id=id_,
                    line=n,
                )
                continue
            seen[key] = n
            if not isinstance(data, dict):
                yield Failure(
                    "BatchError",
                    f"line {n} is a JSON {type(data).__name__}; write an object such as "
                    '{"id": "a", "claim": "x^2 \\\\ge 0"}',
                    id=id_,
                    line=n,
                )
                continue
            try:
                claim = as_claim(data, timeout=timeout)
                if not isinstance(claim.claim, str):
                    raise DerivaxError("`claim` must be a string of LaTeX")
                if claim.symbols is not None and not isinstance(claim.symbols, str):
                    raise DerivaxError("`symbols` must be a string such as `x: vector[n]`")
                if not all(isinstance(g, str) for g in claim.given):
                    raise DerivaxError("`given` must be a string or a list of strings")
            except (DerivaxError, TypeError, ValueError, ArithmeticError) as e:
                yield Failure(type(e).__name__, str(e), id=id_, line=n)
                continue
            yield Claim(claim.claim, claim.symbols, claim.given, claim.timeout, id_, n)


def resumed(out: str) -> set[str]:
    """The keys already in ``out``; a last line cut short (no newline, or not JSON) is removed
    from the file, so that its claim is checked again rather than lost."""
    path = Path(out)
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1  # everything after the last newline was cut short
    done: set[str] = set()
    for line in data[:keep].splitlines():
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            done.add(_key(r.get("id"), r.get("line")))
        except (json.JSONDecodeError, AttributeError):
            raise DerivaxError(
                f"`{out}` has a line that is not a result row; it is not the output of a batch"
            ) from None
    if keep < len(data):
        with open(path, "r+b") as f:
            f.truncate(keep)
    return done


def count_lines(path: str) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def run_batch(
    path: str,
    out: str | None,
    executor: Executor,
    timeout: float = 10.0,
    resume: bool = False,
    force: bool = False,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    stdout: IO[str] | None = None,
    on_skip: Callable[[], None] | None = None,
) -> Summary:
    """Check every claim of ``path`` on ``executor``, writing one row per line to ``out`` (or
    ``stdout``) as each finishes; ``on_row`` is called after each row, ``on_skip`` for each line
    a resumed run skips."""
    if not os.path.isfile(path):
        raise DerivaxError(f"no batch file `{path}`")
    done: set[str] | None = None
    if out is not None and os.path.exists(out):
        if resume:
            done = resumed(out)
        elif not force:
            raise DerivaxError(
                f"`{out}` exists; pass --resume to continue that run, or --force to replace it"
            )
    summary = Summary()
    start = time.perf_counter()
    claims = read_claims(path, timeout, done, summary, on_skip)
    fd = None
    if out is not None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        fd = os.open(out, flags, 0o644)
    try:
        for item, outcome in outcomes(claims, executor, ordered=False):
            r = row(item, outcome)
            line = json.dumps(r, ensure_ascii=False) + "\n"
            if fd is not None:
                os.write(fd, line.encode("utf-8"))  # one write a row: a kill cuts at most one
            else:
                assert stdout is not None
                stdout.write(line)
                stdout.flush()
            if "error" in r:
                summary.errors += 1
            else:
                summary.statuses[r["status"]] += 1
            if on_row:
                on_row(r)
    finally:
        if fd is not None:
            os.close(fd)
        summary.seconds = time.perf_counter() - start
    return summary


def dask_executor(address: str) -> tuple[Executor, Callable[[], None]]:
    """The executor of a Dask ``distributed.Client`` connected to the scheduler at ``address``,
    and the function that closes the client."""
    try:
        from distributed import Client
    except ImportError:
        raise DerivaxError(
            "--scheduler needs Dask's distributed scheduler: pip install 'derivax[distributed]'"
        ) from None
    refused = _refused(address)
    if refused:
        # nothing listens there: say so now, rather than after Dask's 20 s of retries
        raise DerivaxError(
            f"cannot reach the Dask scheduler at `{address}`: {refused}; start the scheduler "
            f"(`dask scheduler`) and give the address it prints"
        )
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise DerivaxError(f"cannot reach the Dask scheduler at `{address}`: {e}") from None
    return client.get_executor(), client.close


def _refused(address: str) -> str:
    """Why a TCP scheduler address refuses a connection outright (no process listens on that
    port of that host), or "" when it accepts one, is not TCP, or does not answer within 5 s
    (then Dask's own connection, with its retries, decides)."""
    import re
    import socket

    m = re.fullmatch(r"(?:tcp://|tls://)?\[?([^\]/]+?)\]?:(\d+)/?", address.strip())
    if m is None:
        return ""
    try:
        with socket.create_connection((m.group(1), int(m.group(2))), timeout=5.0):
            return ""
    except ConnectionRefusedError as e:
        return f"connection refused ({e.strerror or e})"
    except OSError:
        return ""
