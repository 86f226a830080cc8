"""A Griffe extension for the API reference: the doctest examples of derivax's docstrings
(``>>>`` lines and their output, as the doctests in the test suite run them) are shown as
Python console code blocks rather than read as Markdown."""

from __future__ import annotations

from typing import Any

import griffe


def fence(text: str) -> str:
    """Each run of ``>>>``/``...`` lines and the output under them, up to a blank line, fenced."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not inside:
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence(obj.docstring.value)
