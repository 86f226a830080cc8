"""How an applied function is written back: ``name(inner)``, with sized parentheses only round a
tall argument (shared by the function table and the nodes defined beside it)."""

from __future__ import annotations

_TALL = (r"\frac", r"\sum", r"\prod", r"\int", r"\left", r"\begin", r"\dfrac", r"\sqrt")


def call(name: str, inner: str, exp: str | None = None) -> str:
    """``name(inner)`` as an author writes it: plain parentheses round a flat argument,
    ``\\left( \\right)`` only round a tall one; a power after the call."""
    body = rf"{name}\left({inner}\right)" if any(t in inner for t in _TALL) else f"{name}({inner})"
    return rf"{body}^{{{exp}}}" if exp else body
