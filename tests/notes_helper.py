"""A note written for a test: its Markdown and the sidecar that declares its symbols."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path


def write_note(tmp_path: Path, body: str, symbols: str) -> Path:
    """``n.md`` in ``tmp_path`` with ``body`` (dedented) and ``n.md.derivax.toml`` declaring
    ``symbols``; the note's path."""
    f = tmp_path / "n.md"
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    (tmp_path / "n.md.derivax.toml").write_text(
        "symbols = " + json.dumps(symbols) + "\n", encoding="utf-8"
    )
    return f
