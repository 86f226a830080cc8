"""The annotated document: the author's own ``.tex``, ``.md`` or ``.ipynb``, with derivax's
verdict on each step written right after the display (in a notebook: the cell) it belongs to."""

from __future__ import annotations

from collections.abc import Sequence

from ._link import Link
from ._read import read_document

_MARK = {
    "proved": "proved",
    "plausible": "plausible",
    "refuted": "REFUTED",
    "unknown": "unknown",
    "timeout": "timeout",
    "unread": "UNREAD",
    "definition": "definition",
    "expression": "expression",
}


def annotate(path, links: Sequence[Link], fmt: str) -> str:
    """The document at ``path`` with each display followed by the verdicts of its links
    (``fmt``: ``tex``, ``md`` or ``ipynb``, the document's own kind)."""
    doc = read_document(path)
    if fmt != doc.kind:
        from .._errors import DerivaxError

        raise DerivaxError(
            f"`{path}` is a .{doc.kind} document; annotate it with --format {doc.kind}"
            + (" or pdf" if doc.kind == "tex" else "")
        )
    if doc.kind == "ipynb":
        return _notebook(doc.path, doc.text, links)
    mine = [link for link in links if link.file == doc.path]
    out, last = [], 0
    for event in doc.events:
        if event.kind != "math":
            continue
        first, final = event.line, doc.text.count("\n", 0, event.end) + 1
        notes = [link for link in mine if first <= link.line <= final]
        if not notes:
            continue
        out.append(doc.text[last : event.end])
        out.append(_tex_notes(notes) if doc.kind == "tex" else _md_notes(notes))
        last = event.end
    out.append(doc.text[last:])
    return "".join(out)


def _detail(link: Link) -> str:
    if link.status == "refuted" and link.counterexample:
        return "counterexample: " + ", ".join(f"{k} = {v}" for k, v in link.counterexample.items())
    return link.method or link.reason


def _tex_notes(links: Sequence[Link]) -> str:
    from ..latex import escape_text

    rows = []
    for link in links:
        step = (
            f"${link.claim}$"
            if link.relation
            else f"${link.lhs}$"
            if link.status != "unread"
            else r"\texttt{" + escape_text(link.claim.strip()) + "}"
        )
        rows.append(
            rf"\item[] line {link.line}: {step} \textbf{{{escape_text(_MARK.get(link.status, link.status))}}}"
            rf" {{\footnotesize ({escape_text(_detail(link))})}}"
        )
    return (
        "\n\\begin{itemize}\\setlength{\\itemsep}{0pt}\\small\n\\item[] \\textbf{derivax:}\n"
        + "\n".join(rows)
        + "\n\\end{itemize}\n"
    )


def _md_notes(links: Sequence[Link]) -> str:
    lines = ["", ""]
    for link in links:
        step = f"${link.claim}$" if link.relation else f"`{link.claim.strip()}`"
        detail = _detail(link).replace("|", "\\|")
        lines.append(
            f"> derivax, line {link.line}: {step} — **{_MARK.get(link.status, link.status)}** ({detail})  "
        )
    return "\n".join(lines) + "\n"


def _notebook(path: str, text: str, links: Sequence[Link]) -> str:
    """The notebook with a Markdown cell after each checked cell, holding the verdicts of its
    statements (an nbformat 4 notebook, as JSON text). The cells are written as nbformat's schema
    has them (``cell_type``, ``metadata``, ``source``, and an ``id`` from nbformat 4.5 on), so
    that the notebook reads with nbformat without derivax depending on it."""
    import json

    notebook = json.loads(text)
    cells = notebook.get("cells", [])
    with_ids = (notebook.get("nbformat"), notebook.get("nbformat_minor", 0)) >= (4, 5)
    taken = {c.get("id") for c in cells}
    out = []
    for k, cell in enumerate(cells, 1):
        out.append(cell)
        notes = [link for link in links if link.file == f"{path} cell {k}"]
        if not notes:
            continue
        body = f"**derivax** on cell {k}:" + _md_notes(notes).rstrip("\n")
        verdicts: dict = {
            "cell_type": "markdown",
            "metadata": {"derivax": {"verdicts_of_cell": k}},
            "source": body.splitlines(keepends=True),
        }
        if with_ids:
            verdicts["id"] = next(
                f"derivax-{k}-{n}" for n in range(len(cells) + 1) if f"derivax-{k}-{n}" not in taken
            )
            taken.add(verdicts["id"])
        out.append(verdicts)
    notebook["cells"] = out
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
