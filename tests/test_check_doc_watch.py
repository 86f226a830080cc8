"""``check-doc --watch``: a note is checked again when it is saved, the report says which step's
verdict changed, only the edited step is decided again (the others come from the verdict cache,
which gains one entry), a save that breaks the document prints its error and the watch goes on,
and Ctrl-C ends it with the last run's exit code. A real process on a real file."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from derivax.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")

NOTE = """<!-- derivax: symbols x: scalar -->
A sigmoid identity:

$$ \\sigma(-x) = 1 - \\sigma(x) $$

and a square:

$$ (x + 1)^2 = x^2 + 2 x + 1 $$
"""


class _Reader:
    """The lines a process writes to one stream, read in a thread as they come."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, count: int = 1, seconds: float = 180.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if sum(text in line for line in self.lines) >= count:
                return
            time.sleep(0.05)
        raise AssertionError(f"no {count} x `{text}` in {self.lines}")


@contextlib.contextmanager
def _watching(note: Path, *flags: str, **env: str):
    """``derivax check-doc NOTE --watch FLAGS`` in a process of its own, with its two streams
    read as they come; killed at the end should the test not have stopped it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "derivax", "check-doc", str(note), "--watch", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC, **env},
    )
    try:
        yield proc, _Reader(proc.stdout), _Reader(proc.stderr)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _ended(proc, out: _Reader, err: _Reader) -> int:
    """The exit code of a watch told to stop; on a timeout, what it had written, to say where
    it was (wall time: generous, for a machine busy with other work)."""
    try:
        return proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the watch did not stop: {out.lines[-5:]} {err.lines[-5:]}") from None


def _entries(cache: Path) -> int:
    return sum(1 for p in cache.rglob("*") if p.is_file() and p.suffix == ".json")


def test_a_saved_edit_is_checked_again_and_only_it(tmp_path):
    note, cache = tmp_path / "note.md", tmp_path / "verdicts"
    note.write_text(NOTE)
    with _watching(note, DERIVAX_CACHE=str(cache)) as (proc, out, err):
        err.wait_for("watching")
        out.wait_for("checked in")
        stored = _entries(cache)
        assert stored >= 2, list(cache.rglob("*"))
        # the square made wrong: that step alone is decided again
        note.write_text(NOTE.replace("2 x + 1", "3 x + 1"))
        out.wait_for("checked in", 2)
        assert any(f"{note}:8: proved -> refuted" in line for line in out.lines), out.lines
        assert not any(":4: " in line and "->" in line for line in out.lines), out.lines
        assert _entries(cache) == stored + 1
        # a save mid-edit that cannot be read: its error, and the watch goes on
        note.write_text("<!-- derivax: symbols x: nonsense -->\n$$ x = x $$\n")
        err.wait_for("derivax: error:")
        note.write_text(NOTE.replace("2 x + 1", "3 x + 1"))
        out.wait_for("checked in", 3)
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        code = _ended(proc, out, err)
    err.wait_for("stopped watching")
    assert code == 1  # the last run's: a refuted step
    assert not any("Traceback" in line for line in err.lines), err.lines


@pytest.mark.parametrize("extra", [["--format", "md", "-o", "x.md"], ["--json"]], ids=str)
def test_watch_refuses_what_it_cannot_do_on_every_save(tmp_path, capsys, extra):
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    code = main(["check-doc", str(note), "--watch", *extra])
    _, err = capsys.readouterr()
    assert code == 2 and "--watch checks one FILE" in err
    code = main(["check-doc", str(note), str(note), "--watch"])
    _, err = capsys.readouterr()
    assert code == 2 and "--watch checks one FILE" in err


def test_a_tool_ends_the_watch_with_sigterm_and_the_last_runs_code(tmp_path):
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    with _watching(note, "--no-cache") as (proc, out, err):
        err.wait_for("watching")
        out.wait_for("checked in")
        proc.terminate()
        code = _ended(proc, out, err)
    err.wait_for("stopped watching")
    assert code == 0  # both steps proved


def test_a_step_below_an_edited_definition_is_decided_again(tmp_path):
    # the claim's text is unchanged; its given (the definition above it) is not, so the cache,
    # keyed by claim, symbols and givens, does not answer it
    note = tmp_path / "dep.md"
    text = (
        "<!-- derivax: symbols x, f: scalar -->\nLet\n\n$$ f = x^2 $$\n\nthen\n\n$$ f \\ge 0 $$\n"
    )
    note.write_text(text)
    with _watching(note, DERIVAX_CACHE=str(tmp_path / "verdicts")) as (proc, out, err):
        out.wait_for("checked in")
        note.write_text(text.replace("x^2", "x^2 - 1"))
        out.wait_for("checked in", 2)
        proc.send_signal(signal.SIGINT)
        code = _ended(proc, out, err)
    assert any(f"{note}:8: proved -> refuted" in line for line in out.lines), out.lines
    assert code == 1 and not any("Traceback" in line for line in err.lines), err.lines


def test_ctrl_c_swallowed_inside_a_garbage_collector_callback_still_stops(tmp_path):
    # a KeyboardInterrupt raised while a gc callback runs (JAX registers one; a run imports JAX
    # lazily) is printed and dropped by Python: the watch had gone on watching. The request is
    # recorded by the handler and read after the run.
    import gc

    from derivax.cli._watch import watch

    note = tmp_path / "note.md"
    note.write_text("x")
    calls, fired = [], []

    def once():
        calls.append(1)
        if len(calls) == 2:

            def interrupted(phase, info):
                if phase == "start":
                    os.kill(os.getpid(), signal.SIGINT)
                    sum(range(100))  # bytecode to run the handler inside the callback

            gc.callbacks.append(interrupted)
            try:
                gc.collect()
            finally:
                gc.callbacks.remove(interrupted)
        return 0, []

    def edit_then_guard():
        time.sleep(0.3)
        note.write_text("y")  # the second run
        for _ in range(600):  # a guard that ends the watch should the interrupt be lost
            time.sleep(0.1)
            if done:
                return
        fired.append(1)
        os.kill(os.getpid(), signal.SIGINT)

    done = False
    threading.Thread(target=edit_then_guard, daemon=True).start()
    try:
        code = watch(str(note), once, poll=0.01)
    finally:
        done = True
    assert code == 0 and len(calls) == 2 and not fired
