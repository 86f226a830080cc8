"""A Jupyter notebook's Markdown cells, read from its JSON (nbformat 4) without depending on
nbformat: each cell's number and text. A notebook in another version is refused, not read as
empty: nbformat 3 keeps its cells in worksheets, and read as version 4 it would show no display
math, so every step would pass unseen."""

from __future__ import annotations

import json
from pathlib import Path

from .._errors import DerivaxError


def markdown_cells(path: Path, text: str) -> list[tuple[int, str]]:
    """``(cell number from 1, its source)`` for each Markdown cell of the notebook ``text``."""
    try:
        notebook = json.loads(text)
        version = notebook.get("nbformat")
        cells = notebook["cells"] if version == 4 else None
        sources = [
            (k, c.get("source", ""))
            for k, c in enumerate(cells or [], 1)
            if c.get("cell_type") == "markdown"
        ]
    except (ValueError, AttributeError, KeyError, TypeError) as e:
        raise DerivaxError(f"`{path}` is not a Jupyter notebook (nbformat 4 JSON): {e}") from None
    if cells is None:
        raise DerivaxError(
            f"`{path}` is a notebook in nbformat {version}; check-doc reads nbformat 4 (save it "
            "from Jupyter, or `jupyter nbconvert --to notebook --nbformat 4`)"
        )
    return [(k, "".join(s) if isinstance(s, list) else str(s)) for k, s in sources]
