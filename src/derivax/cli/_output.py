"""How a command answers: exit codes, text or JSON, output files, formulas, a progress line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .._errors import DerivaxError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNDECIDED = 0, 1, 2, 3


def _stdout_gone() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    try:
        if args.json:
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        elif text:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the command still ends with its own exit code
        _stdout_gone()


def _write(args: argparse.Namespace, data: bytes) -> bool:
    """Write an output file, or stdout for ``-o -``; True when it went to stdout."""
    if args.output == "-":
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            _stdout_gone()
        return True
    write_atomically(args.output, data, args.force)
    return False


def check_writable(path: str, force: bool):
    """The output ``path`` as a Path, or a DerivaxError if writing it would lose something or fail."""
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise DerivaxError(f"`{path}` is a directory; give a file name")
    if target.exists() and not force:
        raise DerivaxError(f"`{path}` exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise DerivaxError(f"the folder of `{path}` does not exist")
    return target


def write_atomically(path: str, data: bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: an interrupted run leaves
    no half-written file, and an existing file is replaced only with ``force``."""
    import os
    import tempfile
    from pathlib import Path

    target = check_writable(path, force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    try:
        # mkstemp makes the file 0600; an output file gets the mode the umask gives, as with open()
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _math_printer(args: argparse.Namespace):
    """How a command prints a formula: readable Unicode text, or the LaTeX with ``--latex``."""
    from .._text import latex_to_text

    return (lambda latex: latex) if getattr(args, "latex", False) else latex_to_text


class _Progress:
    """A one-line progress bar on a terminal (nothing when output is piped or JSON)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            print(
                f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.enabled:
            print("\r" + " " * 90 + "\r", end="", file=sys.stderr, flush=True)
