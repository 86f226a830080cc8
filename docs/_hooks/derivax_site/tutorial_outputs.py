"""The tutorials show what their code prints: at build time a page's ```python blocks run in
order in one fresh Python process (as a reader pasting them one after another would run them), and
what each block prints is set under it as an output block. A block that fails fails the build,
naming the page and the block, so a tutorial can never show code that does not run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_BLOCK = re.compile(r"^```python\n(.*?)^```\n", re.S | re.M)
_MARK = "\x1edxblock{}\x1e"
SECONDS = 600


class TutorialError(Exception):
    """A tutorial's code did not run."""


def _runner(blocks: list[str]) -> str:
    """One script: each block preceded by a marker printed to stdout, then run in one namespace,
    so that the output can be cut at the markers and the failing block named."""
    lines = ["import sys", "__ns = {'__name__': '__main__'}"]
    for k, code in enumerate(blocks):
        lines.append(f"print({_MARK.format(k)!r}, flush=True)")
        lines.append(f"exec(compile({code!r}, 'block {k + 1}', 'exec'), __ns)")
        lines.append("sys.stdout.flush()")
    return "\n".join(lines) + "\n"


def run_blocks(markdown: str, name: str, env: dict[str, str] | None = None) -> list[str]:
    """What each python block of ``markdown`` prints, in order."""
    blocks = [m.group(1) for m in _BLOCK.finditer(markdown)]
    if not blocks:
        return []
    with tempfile.TemporaryDirectory() as work:
        result = subprocess.run(
            [sys.executable, "-c", _runner(blocks)],
            cwd=work,
            env=env or dict(os.environ),
            capture_output=True,
            text=True,
            timeout=SECONDS,
        )
    pieces = re.split("\x1edxblock(\\d+)\x1e\n", result.stdout)
    outputs = [""] * len(blocks)
    for k in range(1, len(pieces) - 1, 2):
        outputs[int(pieces[k])] = pieces[k + 1]
    if result.returncode != 0:
        failed = sum(1 for k in range(1, len(pieces), 2))
        raise TutorialError(f"{name}: python block {failed} does not run:\n{result.stderr[-3000:]}")
    return outputs


def with_outputs(markdown: str, name: str, env: dict[str, str] | None = None) -> str:
    """``markdown`` with each python block followed by what it printed (nothing for a block that
    prints nothing)."""
    outputs = iter(run_blocks(markdown, name, env))

    def add(m: re.Match[str]) -> str:
        printed = next(outputs).rstrip("\n")
        if not printed:
            return m.group(0)
        return m.group(0) + f'\n```text title="Output"\n{printed}\n```\n'

    return _BLOCK.sub(add, markdown)


def tutorial(src_uri: str) -> bool:
    return Path(src_uri).parts[:1] == ("tutorials",)
