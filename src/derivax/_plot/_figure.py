"""matplotlib figures: the extra found (or named), a figure made and titled, written as bytes."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from .._errors import DerivaxError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")

_INSTALL = 'plots need matplotlib: `pip install "derivax[plot]"`'


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise DerivaxError(_INSTALL) from None
    return matplotlib


def save(fig: Figure, path: str, force: bool = False) -> None:
    """Write ``fig`` to ``path`` in the format its suffix names, atomically."""
    from .._files import write_atomically

    write_atomically(path, to_bytes(fig, output_format(path)), force)


def output_format(path: str) -> str:
    """``png``, ``svg`` or ``pdf``, from the suffix of ``path``."""
    from pathlib import Path

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise DerivaxError(f"`{path}`: plots are written as .png, .svg or .pdf; name the file so")
    return suffix


def to_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG, SVG (text kept as text) or PDF bytes."""
    matplotlib = _matplotlib()
    buffer = io.BytesIO()
    # text stays <text> in SVG: searchable, selectable, and checkable by a test
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "derivax"}):
        fig.savefig(buffer, format=fmt, dpi=110 if fmt == "png" else None, metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any] | None:
    # no dates in the files: the same figure gives the same bytes
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None}
    return None


def _new_figure(ncols: int = 1, width: float = 6.4) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * ncols if ncols > 1 else width, 4.2), layout="constrained")
    return fig


def _title(fig: Figure, title: str, note: str) -> None:
    from .._text import latex_to_text

    # a formula as readable text (Unicode math); matplotlib's mathtext reads only inside $...$
    text = latex_to_text(title).replace("$", r"\$")
    if len(text) > 90:
        text = text[:87] + "..."
    fig.suptitle(text + (f"\n({note})" if note else ""), fontsize=9)
