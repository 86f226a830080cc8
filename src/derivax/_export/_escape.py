"""Plain text in documents: made safe inside LaTeX and Markdown, and an area's title."""

from __future__ import annotations

import re


def _area_title(area: str) -> str:
    return area.replace("_", " ").capitalize().replace("Classical ml", "Classical ML")


def _tex_text(text: str) -> str:
    from ..latex import escape_text

    return escape_text(text)


_INLINE_MATH = re.compile(r"(\$[^$]*\$)")


def _tex_text_with_math(text: str) -> str:
    """Text whose ``$...$`` spans are already LaTeX (symbol descriptions)."""
    return "".join(
        part if part.startswith("$") else _tex_text(part) for part in _INLINE_MATH.split(text)
    )


def _md_text(text: str) -> str:
    """Plain text made safe for Markdown: no emphasis, code, HTML, math or table cells by accident."""
    return re.sub(r"([\\`*_{}\[\]<>#|$~])", r"\\\1", text)


def _md_text_with_math(text: str) -> str:
    return "".join(
        part if part.startswith("$") else _md_text(part) for part in _INLINE_MATH.split(text)
    )
