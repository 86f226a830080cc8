r"""Documents from catalog equations: a standalone LaTeX article, Markdown, or a PDF.

Each equation gets its definition as the author wrote it, its symbol table, the derivatives
derivax derives (with the steps and how they were cross-checked) and its claims with the verdicts
derivax reaches now, not the ones the catalog expects. The work is done once, in ``report``; the
writers only lay it out. PDF goes through ``pdflatex`` (TeX Live's base and recommended LaTeX
packages are enough: amsmath, amssymb, mathtools, geometry, booktabs, graphicx, hyperref).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._errors import DerivaxError
from ._markdown import to_markdown as to_markdown
from ._pdf import PDFLATEX_SECONDS as PDFLATEX_SECONDS
from ._pdf import pdflatex as pdflatex
from ._pdf import to_pdf as to_pdf
from ._report import CheckReport as CheckReport
from ._report import DerivativeReport as DerivativeReport
from ._report import EquationReport as EquationReport
from ._report import check_report as check_report
from ._report import derivative_report as derivative_report
from ._report import describe as describe
from ._report import report as report
from ._report import steps_per_equation as steps_per_equation
from ._tex import to_tex as to_tex

FORMATS = ("tex", "md", "pdf")


def export(
    equations: Sequence,
    fmt: str,
    timeout: float = 10.0,
    on_step: Callable[[str], None] | None = None,
) -> bytes:
    """The document for ``equations`` in ``fmt`` (``tex``, ``md`` or ``pdf``) as bytes."""
    if fmt not in FORMATS:
        raise DerivaxError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not equations:
        raise DerivaxError("nothing to export: name equation ids or pass --all")
    if fmt == "pdf":
        pdflatex()  # fail before the work, not after it
    return document([report(eq, timeout, on_step) for eq in equations], fmt)


def document(reports: Sequence[EquationReport], fmt: str) -> bytes:
    """The document in ``fmt`` laying out ``reports`` (from ``report`` or one catalog pass)."""
    if fmt == "md":
        return to_markdown(reports).encode("utf-8")
    tex = to_tex(reports)
    return tex.encode("utf-8") if fmt == "tex" else to_pdf(tex)
