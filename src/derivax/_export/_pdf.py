"""PDF through ``pdflatex``: found on PATH, run twice, its first error reported."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .._errors import DerivaxError

PDFLATEX_SECONDS = 300


def pdflatex() -> str:
    """The path of ``pdflatex``, or a DerivaxError saying how to get it."""
    path = shutil.which("pdflatex")
    if path is None:
        raise DerivaxError(
            "pdflatex was not found on PATH; --format pdf needs TeX Live (on Debian or Ubuntu: "
            "apt-get install texlive-latex-base texlive-latex-recommended). "
            "--format tex writes the LaTeX source without it"
        )
    return path


def to_pdf(tex: str) -> bytes:
    """Compile a standalone document with ``pdflatex`` (twice, for the table of contents)."""
    exe = pdflatex()
    with tempfile.TemporaryDirectory(prefix="derivax-pdf-") as tmp:
        source = Path(tmp) / "document.tex"
        source.write_text(tex, encoding="utf-8")
        for _ in range(2):
            try:
                run = subprocess.run(
                    [
                        exe,
                        "-interaction=nonstopmode",
                        "-halt-on-error",
                        "-no-shell-escape",
                        source.name,
                    ],
                    cwd=tmp,
                    capture_output=True,
                    timeout=PDFLATEX_SECONDS,
                    stdin=subprocess.DEVNULL,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise DerivaxError(f"pdflatex did not finish within {PDFLATEX_SECONDS} s") from None
            if run.returncode != 0:
                raise DerivaxError(
                    "pdflatex failed: "
                    + _first_error(run.stdout.decode("utf-8", "replace"), tex)
                    + " (--format tex writes the document's source)"
                )
        return (Path(tmp) / "document.pdf").read_bytes()


def _first_error(log: str, tex: str) -> str:
    """The first ``! ...`` error of a pdflatex log, with the line of the document it stopped at."""
    lines = log.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("!"):
            at = next((m for x in lines[k + 1 : k + 8] if (m := re.match(r"l\.(\d+)", x))), None)
            if at is None:
                return line[1:].strip()
            number = int(at.group(1))
            source = tex.splitlines()[number - 1] if 0 < number <= len(tex.splitlines()) else ""
            return f"{line[1:].strip()} at line {number} of the document: {source.strip()[:200]}"
    return "no error message in the log; its last lines: " + " ".join(lines[-5:])
