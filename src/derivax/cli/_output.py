"""How a command answers: exit codes, text or JSON, output files, formulas, a progress line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .._files import check_writable as check_writable
from .._files import write_atomically as write_atomically

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
