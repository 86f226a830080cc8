"""The Markdown writer: ``$$`` display blocks and ``$`` inline math."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import rule_latex
from ._escape import _area_title, _md_text, _md_text_with_math
from ._report import EquationReport


def to_markdown(reports: Sequence[EquationReport]) -> str:
    """Markdown with ``$$`` display blocks and ``$`` inline math (MathJax and KaTeX render both)."""
    title = f"derivax: {reports[0].title}" if len(reports) == 1 else "The derivax catalog"
    out = [f"# {_md_text(title)}", ""]
    area = None
    for r in reports:
        if len(reports) > 1 and r.area != area:
            area = r.area
            out += [f"# {_md_text(_area_title(area))}", ""]
        out += _md_equation(r)
    return "\n".join(out).rstrip() + "\n"


def _display(latex: str) -> list[str]:
    return ["$$", latex, "$$", ""]


def _md_equation(r: EquationReport) -> list[str]:
    out = [
        f"## {_md_text(r.title)}",
        "",
        f"`{r.id}` · {_md_text(_area_title(r.area))}",
        "",
        _md_text(r.summary),
        "",
        "### Definition",
        "",
        *_display(r.latex),
        "### Symbols",
        "",
        "| symbol | what it is |",
        "| --- | --- |",
    ]
    out += [f"| ${name}$ | {_md_text_with_math(what)} |" for name, what in r.symbols]
    out.append("")
    if r.parse_error:
        return [*out, f"**derivax cannot read this definition:** {_md_text(r.parse_error)}", ""]
    if r.derivatives:
        out += ["### Derivatives", ""]
        for d in r.derivatives:
            if d.error:
                out += [
                    f"With respect to ${d.wrt}$, derivax could not derive: {_md_text(d.error)}",
                    "",
                    "The closed form the catalog states:",
                    "",
                    *_display(d.stated),
                ]
                continue
            out += [f"With respect to ${d.wrt}$:", "", *_display(d.statement)]
            if len(d.steps) > 1:
                rows = " \\\\\n".join(
                    rf"&{rule_latex(rule)}\text{{:}} \\ &\qquad {latex}" for rule, latex in d.steps
                )
                out += _display(rf"\begin{{aligned}}{rows}\end{{aligned}}")
            out += [
                f"*Cross-check: {_md_text(d.checked)}.* The catalog states",
                "",
                *_display(d.stated),
            ]
            text = _md_text(d.comparison_text()) + "."
            out += [f"*{text}*" if d.comparison in ("proved", "plausible") else f"**{text}**", ""]
    if r.checks:
        out += ["### Claims", ""]
        for k, c in enumerate(r.checks, 1):
            out += [f"**Claim {k}.**", "", *_display(c.claim)]
            if c.given:
                out += [
                    "given",
                    "",
                    *_display(r"\begin{gathered}" + " \\\\\n".join(c.given) + r"\end{gathered}"),
                ]
            verdict = f"**{c.status}**" + (f" ({_md_text(c.method)})" if c.method else "")
            if c.status != c.expect:
                verdict += f"; the catalog expects **{c.expect}**"
            out += [f"Verdict: {verdict}.", ""]
            if c.steps:
                out += _display(
                    r"\begin{aligned}" + " \\\\\n".join(f"&{s}" for s in c.steps) + r"\end{aligned}"
                )
            if c.counterexample:
                out += ["Counterexample:", "", *_display(c.counterexample)]
            if c.detail:
                out += [_md_text(c.detail.rstrip(".")) + ".", ""]
    return out
