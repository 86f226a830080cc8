"""MkDocs hooks of derivax's site (``mkdocs.yml``: ``hooks:``): the generated pages (the catalog,
the CLI and API references), the README's reference sections included where a page asks for them,
and every formula typeset as MathML at build time."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

# the checkout's derivax, whatever else is installed: the site documents this tree
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from derivax_site import api_reference, catalog_pages, cli_reference, mathml, tutorial_outputs
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.derivax")
ROOT = catalog_pages.ROOT
_INCLUDE = re.compile(r"<!-- derivax:(?P<what>[a-z-]+)(?: (?P<arg>[^>]*?))? -->")
_generated: dict[str, Any] = {}


def _catalog() -> tuple[dict[str, str | bytes], dict[str, Any]]:
    if "catalog" not in _generated:
        cache = os.environ.get("DERIVAX_DOCS_CACHE")
        _generated["catalog"] = catalog_pages.generate(Path(cache) if cache else None, log=log.info)
    return _generated["catalog"]


def on_config(config: Any) -> Any:
    """The catalog's pages go into the navigation, by area, where ``catalog/index.md`` stands."""
    import derivax as dx

    cat = dx.catalog()
    areas: dict[str, list[dict[str, str]]] = {}
    for eq in cat.values():
        areas.setdefault(catalog_pages.area_title(eq.area), []).append(
            {eq.title: f"catalog/{eq.id}.md"}
        )
    section = ["catalog/index.md", *({a: pages} for a, pages in areas.items())]

    def replace(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, value), *_ = item.items()
                if value == "catalog/index.md":
                    item = {title: section}
                elif isinstance(value, list):
                    item = {title: replace(value)}
            out.append(item)
        return out

    config["nav"] = replace(config["nav"])
    return config


def on_files(files: Files, config: Any) -> Files:
    pages, _ = _catalog()
    generated: dict[str, str | bytes] = dict(pages)
    generated["reference/api.md"] = api_reference.api_markdown()
    generated["reference/cli.md"] = cli_reference.cli_markdown()
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files


def _readme_section(title: str) -> str:
    """The body of the README's section ``## title``, its links pointed into the site."""
    text = (ROOT / "README.md").read_text()
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if not m:
        raise PluginError(f"README.md has no section `## {title}`")
    body = m.group(1).strip()
    return re.sub(r"\]\(docs/([^)]+)\)", r"](../\1)", body)


def _reading_examples() -> str:
    """A table of formulas with the reading rules ``derivax parse`` reports for them, read now."""
    from derivax.latex import reading, to_latex

    cases = [
        (r"\sigma^2_t", ""),
        (r"x_i", "x: vector[n]; i: index"),
        (r"A^T x", "A: matrix[n, n]; x: vector[n]"),
        (r"\gamma^T", ""),
        (r"lr \cdot g", ""),
        (r"\log x y", ""),
        (r"\sigma(W x + b)", "W: matrix[m, n]; x: vector[n]; b: vector[m]"),
        (r"\|X w - y\|^2", "X: matrix[m, n]; w: vector[n]; y: vector[m]"),
    ]
    rows = ["| formula | symbols | read as | rules reported |", "| --- | --- | --- | --- |"]
    for latex, symbols in cases:
        r = reading(latex, symbols or None)
        rules = "; ".join(r.rules) or "none"
        rules = rules.replace("|", r"\|").replace("$", r"\$")
        table = f"`{symbols}`" if symbols else "(none)"
        rows.append(f"| `{latex}` | {table} | ${to_latex(r.expr)}$ | {rules} |")
    return "\n".join(rows)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    def include(m: re.Match[str]) -> str:
        what, arg = m.group("what"), (m.group("arg") or "").strip()
        if what == "readme":
            return _readme_section(arg)
        if what == "reading-examples":
            return _reading_examples()
        raise PluginError(f"{page.file.src_uri}: unknown include `derivax:{what}`")

    markdown = _INCLUDE.sub(include, markdown)
    if tutorial_outputs.tutorial(page.file.src_uri):
        try:
            markdown = tutorial_outputs.with_outputs(markdown, page.file.src_uri)
        except tutorial_outputs.TutorialError as e:
            raise PluginError(str(e)) from None
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    try:
        out, _ = mathml.typeset(html)
    except mathml.MathError as e:
        raise PluginError(f"{page.file.src_uri}: {e}") from None
    return out
