"""``check-doc --watch``: the document checked again each time it (or its sidecar
``FILE.derivax.toml``) is saved, until Ctrl-C. The verdict cache makes a re-check cost what
changed: a step whose claim, symbols and givens are as before is answered from the cache, so the
steps decided again are the ones edited and those whose givens an edit changed (a definition
above them). Each run prints the report, then the steps whose verdict changed since the run
before."""

from __future__ import annotations

import hashlib
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .._errors import DerivaxError
from ._output import EXIT_BAD_INPUT

#: seconds between two looks at the files
POLL_SECONDS = 0.3


def _stamp(paths: Sequence[Path]) -> tuple:
    """What the files hold now (a hash each; None for a file that is not there)."""
    out: list[str | None] = []
    for p in paths:
        try:
            out.append(hashlib.sha256(p.read_bytes()).hexdigest())
        except OSError:
            out.append(None)
    return tuple(out)


def _verdicts(links: Sequence[Any]) -> dict[tuple[str, int, str], str]:
    return {(link.file, link.line, link.claim): link.status for link in links}


def _changes(before: dict, after: dict) -> list[str]:
    """The steps whose verdict differs from the run before. A step is the same step when its
    claim is (it may have moved), or else when it stands on the same line (edited in place);
    any other is new."""
    by_claim = {(file, claim): status for (file, _, claim), status in before.items()}
    by_line = {(file, line): status for (file, line, _), status in before.items()}
    lines = []
    for (file, line, claim), status in after.items():
        was = before.get((file, line, claim), by_claim.get((file, claim)))
        if was is None:
            was = by_line.get((file, line))
        if was != status:
            change = f"{was} -> {status}" if was is not None else f"new: {status}"
            lines.append(f"{file}:{line}: {change} `{' '.join(claim.split())[:80]}`")
    return lines


class _stopped_by_signal:
    """Ctrl-C (SIGINT) and SIGTERM (a tool ending the watch) stop it with the last run's code.
    The handler raises KeyboardInterrupt and also records the request: a KeyboardInterrupt
    raised while a garbage-collector callback runs (JAX registers one, and a run imports JAX
    lazily) is printed and dropped by Python, and the watch went on; the record is read after
    each run and each wait."""

    def __enter__(self):
        self.requested = False
        self.saved: dict = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.saved[sig] = signal.signal(sig, self._stop)
            except ValueError:  # not the main thread: only Ctrl-C stops it
                pass
        return self

    def _stop(self, signum, frame):
        self.requested = True
        raise KeyboardInterrupt

    def __exit__(self, *exc):
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        return False


def watch(path: str, once: Callable[[], tuple[int, list]], poll: float = POLL_SECONDS) -> int:
    """Run ``once`` (check ``path`` and print its report), then again after each change to the
    file or its sidecar, until interrupted (Ctrl-C, SIGTERM); the exit code is the last run's. A run the input
    refuses (a file mid-edit) prints its error and the watch goes on."""
    paths = [Path(path), Path(path + ".derivax.toml")]
    before: dict = {}

    def run() -> int:
        nonlocal before
        start = time.perf_counter()
        try:
            code, links = once()
        except DerivaxError as e:
            print(f"derivax: error: {e}", file=sys.stderr, flush=True)
            return EXIT_BAD_INPUT
        after = _verdicts(links)
        changed = _changes(before, after) if before else []
        before = after
        took = time.perf_counter() - start
        note = f"checked in {took:.1f} s wall-clock"
        print("\n".join([*changed, note]) if changed else note, flush=True)
        return code

    last = _stamp(paths)
    code = run()
    print(f"watching {path} (Ctrl-C stops)", file=sys.stderr, flush=True)
    with _stopped_by_signal() as stop:
        try:
            while not stop.requested:
                time.sleep(poll)
                now = _stamp(paths)
                if now != last and not stop.requested:
                    last = now
                    print(f"\n{path} changed: checking it again", file=sys.stderr, flush=True)
                    code = run()
        except KeyboardInterrupt:
            pass
        print("stopped watching", file=sys.stderr, flush=True)
    return code
