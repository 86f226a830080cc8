r"""One page per catalog equation, generated from ``equations/*.toml`` at build time: the equation
typeset, its symbol table, the worked examples with the values derivax computes now, the
derivatives derivax derives (steps, cross-check, and the closed form the catalog states), the
claims with the verdict derivax reaches now (flagged where it differs from the expected one) and
the plots that apply; and an index by area.

The work (about two minutes for the built-in catalog on two cores) is cached under
``.cache/docs/``, keyed by a hash of the catalog and of derivax's source, so that a rebuild of
the prose is quick.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
Pages = dict[str, str | bytes]


def _text(s: str) -> str:
    """Plain text for Markdown: HTML and Markdown's emphasis and table characters escaped."""
    return html.escape(s, quote=False).replace("*", r"\*").replace("_", r"\_").replace("|", r"\|")


def _rule(rule: str) -> str:
    """A derivation step's rule: its text escaped, its ``$...$`` math left to be typeset."""
    parts = re.split(r"(\$[^$]*\$)", rule)
    return "".join(p if k % 2 else _text(p) for k, p in enumerate(parts))


def area_title(area: str) -> str:
    return area.replace("_", " ").capitalize().replace("Classical ml", "Classical ML")


def _number(v: Any) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            return str(v)
        return f"{v:.6g}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_number(x) for x in v) + "]"
    return str(v)


def _value(v: Any) -> str:
    import numpy as np

    if isinstance(v, np.ndarray):
        v = v.tolist()
    elif isinstance(v, np.generic):
        v = v.item()
    text = _number(v)
    if len(text) > 120:
        text = text[:117] + "..."
    return f"`{text}`"


# -- the work, done once and cached ---------------------------------------------------------------
def cache_key(extra: Iterable[Path] = ()) -> str:
    """A hash of everything the generated pages depend on: the catalog, derivax's source, this
    generator."""
    h = hashlib.sha256()
    files = sorted((ROOT / "equations").glob("*.toml"))
    files += sorted((ROOT / "src" / "derivax").rglob("*.py"))
    files.append(Path(__file__))
    files += list(extra)
    for f in files:
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


def generate(
    cache_dir: Path | None = None, log: Callable[[str], None] = print
) -> tuple[Pages, dict[str, Any]]:
    """The catalog's pages (path under docs/ -> Markdown or image bytes) and a summary."""
    cache_dir = cache_dir or ROOT / ".cache" / "docs"
    key = cache_key()
    folder = cache_dir / key
    manifest = folder / "manifest.json"
    if manifest.is_file():
        meta = json.loads(manifest.read_text())
        pages: Pages = {}
        for rel, kind in meta["files"].items():
            data = (folder / "files" / rel).read_bytes()
            pages[rel] = data.decode("utf-8") if kind == "text" else data
        log(f"derivax docs: catalog pages from the cache {folder}")
        return pages, meta["summary"]
    start = time.perf_counter()
    pages, summary = _build(log)
    summary["seconds"] = round(time.perf_counter() - start, 1)
    if cache_dir.exists():
        shutil.rmtree(cache_dir)  # one key at a time: old builds go
    for rel, content in pages.items():
        target = folder / "files" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    kinds = {rel: "text" if isinstance(c, str) else "bytes" for rel, c in pages.items()}
    manifest.write_text(json.dumps({"files": kinds, "summary": summary}, indent=1))
    return pages, summary


def _build(log: Callable[[str], None]) -> tuple[Pages, dict[str, Any]]:
    """Every equation's page, on ``DERIVAX_DOCS_JOBS`` processes (default: up to 2 cores)."""
    import os

    import derivax as dx

    ids = list(dx.catalog())
    jobs = int(os.environ.get("DERIVAX_DOCS_JOBS") or min(2, os.cpu_count() or 1))
    if jobs > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn (JAX's threads do not survive a fork); a spawned child starts with this
        # process's sys.path, which must hold this package and the checkout's derivax
        context = multiprocessing.get_context("spawn")
        saved = list(sys.path)
        sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(ROOT / "src")]
        try:
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                results = list(pool.map(equation_pages, ids))
        finally:
            sys.path[:] = saved
    else:
        results = [equation_pages(i) for i in ids]
    pages: Pages = {}
    rows = []
    for eq_pages, row in results:
        pages.update(eq_pages)
        rows.append(row)
        log(f"derivax docs: {row['id']} ({row['seconds']:.1f} s)")
    summary = {"equations": rows}
    pages["catalog/index.md"] = index_page(summary)
    return pages, summary


def equation_pages(eq_id: str) -> tuple[Pages, dict[str, Any]]:
    """One equation's page and plots, and its row of the index."""
    import derivax as dx
    from derivax._export import report

    t0 = time.perf_counter()
    eq = dx.catalog()[eq_id]
    rep = report(eq)
    examples = eq.run_examples() if not rep.parse_error else []
    plots = _plots(eq, rep)
    pages: Pages = {
        f"catalog/plots/{name}": data for name, data in plots.items() if name.endswith(".png")
    }
    pages[f"catalog/{eq.id}.md"] = equation_page(eq, rep, examples, plots)
    differing = [c for c in rep.checks if c.status != c.expect]
    mismatched = [d for d in rep.derivatives if d.error or d.mismatch]
    row = {
        "id": eq.id,
        "title": eq.title,
        "area": eq.area,
        "summary": eq.summary,
        "claims": len(rep.checks),
        "claims_differing": len(differing),
        "examples": len(examples),
        "examples_failing": sum(not x.ok for x in examples),
        "derivatives": len(rep.derivatives),
        "derivatives_not_confirmed": len(mismatched),
        "plots": sum(name.endswith(".png") for name in plots),
        "parse_error": rep.parse_error,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    return pages, row


def _plots(eq, rep) -> dict[str, bytes]:
    """PNG figures: the definition (when it is a scalar function of scalars) and every scalar
    claim; what has no sensible plot is skipped here and said on the page."""
    import derivax as dx
    from derivax._plot import to_bytes

    out: dict[str, bytes] = {}
    if not rep.parse_error:
        fig = _try_plot(lambda wrt: eq.plot(wrt=wrt), eq)
        if fig is not None:
            out[f"{eq.id}.png"] = to_bytes(fig, "png")
    for k, c in enumerate(rep.checks, 1):
        if c.verdict is None:
            continue
        try:
            fig = dx.plot(c.claim, eq.table, given=c.given, verdict=c.verdict)
        except dx.DerivaxError as e:
            # the page says why this claim has no plot (bytes of text, not a PNG)
            why = str(e).split(": ", 1)[-1] if str(e).startswith("cannot plot") else str(e)
            out[f"{eq.id}-claim-{k}.why"] = why.encode()
            continue
        out[f"{eq.id}-claim-{k}.png"] = to_bytes(fig, "png")
    return out


def _try_plot(draw, eq):
    import derivax as dx

    try:
        return draw(None)
    except dx.PlotError as e:
        if "--wrt" not in str(e):
            return None
    except dx.DerivaxError:
        return None
    try:  # more than two scalar inputs: over the first, the others held fixed
        return draw(eq.compile().args[0])
    except dx.DerivaxError:
        return None


def _no_plot_reason(eq) -> str:
    import derivax as dx

    try:
        eq.plot()
    except dx.DerivaxError as e:
        return str(e).removeprefix(f"cannot plot `{eq.id}`: ").split(";")[0]
    return "derivax could not draw it"


# -- the pages --------------------------------------------------------------------------------------
def _display(latex: str, indent: str = "") -> list[str]:
    return [f"{indent}$$", f"{indent}{latex}", f"{indent}$$", ""]


_BADGE = {
    "proved": "dx-proved",
    "refuted": "dx-refuted",
    "plausible": "dx-plausible",
    "unknown": "dx-unknown",
    "timeout": "dx-unknown",
    "error": "dx-refuted",
}


def _badge(status: str) -> str:
    return f'<span class="dx-verdict {_BADGE.get(status, "dx-unknown")}">{status}</span>'


def equation_page(eq, rep, examples, plots: dict[str, bytes]) -> str:
    from derivax._export import describe

    out = [
        f"# {_text(eq.title)}",
        "",
        f"`{eq.id}` · [{area_title(eq.area)}](index.md#{eq.area}) · "
        f"defined in `equations/{Path(eq.file).name}`",
        "",
        _text(eq.summary),
        "",
        "## Definition",
        "",
        *_display(eq.latex),
        "## Symbols",
        "",
        "| symbol | what it is | plain name |",
        "| --- | --- | --- |",
    ]
    for name, decl in eq.table.items():
        what = describe(decl).replace("|", r"\|")
        out.append(f"| ${name}$ | {what} | `{decl.plain}` |")
    out.append("")
    if rep.parse_error:
        out += [
            '!!! failure "derivax cannot read this definition"',
            "",
            f"    {_text(rep.parse_error)}",
            "",
        ]
        return "\n".join(out)
    out += _examples_section(eq, examples)
    out += _derivatives_section(rep)
    out += _claims_section(eq, rep, plots)
    out += ["## Plot", ""]
    if f"{eq.id}.png" in plots:
        out += [
            f"![{_text(eq.title)}: the function and its derivative](plots/{eq.id}.png)",
            "",
            "Drawn with `derivax plot " + eq.id + "` (inputs not drawn over are held at the "
            "values in the title).",
            "",
        ]
    else:
        out += [f"No plot: {_text(_no_plot_reason(eq))}.", ""]
    return "\n".join(out)


def _examples_section(eq, examples) -> list[str]:
    if not examples:
        return []
    out = [
        "## Worked examples",
        "",
        "The expected values are computed independently of derivax "
        "(`tests/data/compute_catalog_examples.py`); derivax's value is computed at build time "
        "in float64.",
        "",
        "| inputs | expected | derivax | agrees |",
        "| --- | --- | --- | --- |",
    ]
    for example, result in zip(eq.examples, examples, strict=True):
        inputs = ", ".join(f"{k} = {_value(v)}" for k, v in example.set.items())
        if example.define:
            inputs += "; " + ", ".join(f"`{k} = {v}`" for k, v in example.define.items())
        got = _value(result.got) if not result.error else _text(result.error)
        mark = "yes" if result.ok else "**NO**"
        inputs = inputs.replace("|", r"\|")
        out.append(f"| {inputs} | {_value(result.expected)} | {got} | {mark} |")
    return [*out, ""]


def _derivatives_section(rep) -> list[str]:
    from derivax.symbols import plain

    if not rep.derivatives:
        return []
    out = ["## Derivatives", ""]
    for d in rep.derivatives:
        out += [f"### With respect to `{plain(d.wrt)}`", ""]
        if d.error:
            out += [
                '!!! failure "derivax could not derive it"',
                "",
                f"    {_text(d.error)}",
                "",
                "The closed form the catalog states:",
                "",
                *_display(d.stated),
            ]
            continue
        out += _display(d.statement)
        if d.steps:
            out += ['??? note "Steps"', ""]
            for rule, latex in d.steps:
                out += [f"    *{_rule(rule)}*", "", *_display(latex, "    ")]
        out += [f"Cross-check: {_text(d.checked)}.", "", "The catalog states", ""]
        out += _display(d.stated)
        text = _text(d.comparison_text()) + "."
        if d.comparison in ("proved", "plausible"):
            out += [f"*{text}*", ""]
        else:
            out += ['!!! warning "Not confirmed"', "", f"    {text}", ""]
    return out


def _claims_section(eq, rep, plots) -> list[str]:
    if not rep.checks:
        return []
    out = [
        "## Claims",
        "",
        "Each claim is decided at build time; a verdict that differs from the one the catalog "
        "expects is flagged.",
        "",
    ]
    for k, c in enumerate(rep.checks, 1):
        out += [f"### Claim {k}", "", *_display(c.claim)]
        for g in c.given:
            out += ["given", "", *_display(g)]
        method = f" ({_text(c.method)})" if c.method else ""
        out += [f"Verdict: {_badge(c.status)}{method}; the catalog expects {c.expect}.", ""]
        if c.status != c.expect:
            out += [
                '!!! warning "Differs from the catalog"',
                "",
                f"    derivax reaches **{c.status}** where the catalog expects **{c.expect}**.",
                "",
            ]
        if c.steps:
            out += ['??? note "Proof steps"', ""]
            for s in c.steps:
                out += _display(s, "    ")
        if c.counterexample:
            out += ["Counterexample:", "", *_display(c.counterexample)]
        if c.detail:
            out += [_text(c.detail.rstrip(".")) + ".", ""]
        name = f"{eq.id}-claim-{k}.png"
        if name in plots:
            out += [f"![Claim {k}: both sides](plots/{name})", ""]
        else:
            why = plots.get(f"{eq.id}-claim-{k}.why", b"the claim has no verdict").decode()
            out += [f"No plot: {_text(why.rstrip('.'))}.", ""]
    return out


def index_page(summary: dict[str, Any]) -> str:
    rows = summary["equations"]
    areas: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        areas.setdefault(r["area"], []).append(r)
    claims = sum(r["claims"] for r in rows)
    differing = sum(r["claims_differing"] for r in rows)
    out = [
        "# The catalog",
        "",
        f"{len(rows)} equations in {len(areas)} areas, each generated from `equations/*.toml` at "
        f"build time. Their {claims} claims were decided when this site was built: "
        + (
            "every verdict is the one the catalog expects."
            if not differing
            else f"**{differing} verdicts differ from the ones the catalog expects** "
            "(flagged on their pages)."
        ),
        "",
        "A catalog entry looks like this; the pages below are generated from entries such as "
        "$\\operatorname{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_{j=1}^{n} e^{z_j}}$:",
        "",
        "```toml",
        "[softmax]",
        'title = "Softmax"',
        'area = "neural"',
        'summary = "Maps a vector of scores to a probability vector."',
        "latex = '\\operatorname{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_{j=1}^{n} e^{z_j}}'",
        'symbols = "z: vector[n]; j, k: index; n: dim"',
        "```",
        "",
    ]
    for area, eqs in areas.items():
        out += [
            f"## {area_title(area)} {{#{area}}}",
            "",
            "| equation | summary | claims | examples |",
            "| --- | --- | --- | --- |",
        ]
        for r in eqs:
            flag = f" ({r['claims_differing']} differ)" if r["claims_differing"] else ""
            failing = f" ({r['examples_failing']} fail)" if r["examples_failing"] else ""
            out.append(
                f"| [{_text(r['title'])}]({r['id']}.md) | {_text(r['summary'])} | "
                f"{r['claims']}{flag} | {r['examples']}{failing} |"
            )
        out.append("")
    return "\n".join(out)
