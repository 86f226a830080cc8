"""The LaTeX writer: a standalone amsmath article, one section per equation."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import rule_latex
from ._escape import _area_title, _tex_text, _tex_text_with_math
from ._report import CheckReport, DerivativeReport, EquationReport

_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{amsmath,amssymb,mathtools}
\usepackage[margin=2.2cm]{geometry}
\usepackage{booktabs,graphicx}
\usepackage[hidelinks]{hyperref}
% \dxfit{width}{math}: the math in display style, scaled down to the width when it is wider
\newsavebox{\dxbox}
\newlength{\dxwidth}
\newcommand{\dxfit}[2]{\setlength{\dxwidth}{#1}\sbox{\dxbox}{$\displaystyle #2$}%
  \ifdim\wd\dxbox>\dxwidth\resizebox{\dxwidth}{!}{\usebox{\dxbox}}\else\usebox{\dxbox}\fi}
\newcommand{\dxdisplay}[1]{\par\smallskip\noindent\makebox[\linewidth]{\dxfit{\linewidth}{#1}}\par\smallskip}
\newcommand{\dxstep}[1]{\par\noindent\hspace*{1.5em}\dxfit{\dimexpr\linewidth-1.5em\relax}{#1}\par}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
"""


def to_tex(reports: Sequence[EquationReport]) -> str:
    """A standalone amsmath article, one section per equation."""
    title = f"derivax: {reports[0].title}" if len(reports) == 1 else "The derivax catalog"
    out = [
        _PREAMBLE,
        rf"\title{{{_tex_text(title)}}}",
        r"\author{derivax}",
        r"\date{}",
        r"\begin{document}",
        r"\maketitle",
    ]
    if len(reports) > 1:
        out.append(r"\tableofcontents")
    area = None
    for r in reports:
        if len(reports) > 1 and r.area != area:
            area = r.area
            out += [
                r"\clearpage",
                rf"\part*{{{_tex_text(_area_title(area))}}}",
                rf"\addcontentsline{{toc}}{{part}}{{{_tex_text(_area_title(area))}}}",
            ]
        out += _tex_equation(r)
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _tex_display(latex: str) -> str:
    return rf"\dxdisplay{{{latex}}}"


def _tex_equation(r: EquationReport) -> list[str]:
    out = [
        rf"\section{{{_tex_text(r.title)}}}\label{{eq:{r.id}}}",
        rf"\texttt{{{_tex_text(r.id)}}} \textperiodcentered{{}} {_tex_text(_area_title(r.area))}",
        "",
        _tex_text(r.summary),
        "",
        r"\subsection*{Definition}",
        _tex_display(r.latex),
    ]
    out += [
        r"\subsection*{Symbols}",
        r"\begin{tabular}{ll}",
        r"\toprule",
        r"symbol & what it is \\",
        r"\midrule",
    ]
    out += [rf"${name}$ & {_tex_text_with_math(what)} \\" for name, what in r.symbols]
    out += [r"\bottomrule", r"\end{tabular}"]
    if r.parse_error:
        out += ["", rf"\textbf{{derivax cannot read this definition:}} {_tex_text(r.parse_error)}"]
        return out
    if r.derivatives:
        out.append(r"\subsection*{Derivatives}")
        for d in r.derivatives:
            out += _tex_derivative(d)
    if r.checks:
        out.append(r"\subsection*{Claims}")
        for k, c in enumerate(r.checks, 1):
            out += _tex_check(k, c)
    return out


def _tex_derivative(d: DerivativeReport) -> list[str]:
    if d.error:
        return [
            rf"With respect to ${d.wrt}$, derivax could not derive: {_tex_text(d.error)}.",
            "The closed form the catalog states:",
            _tex_display(d.stated),
        ]
    out = [rf"With respect to ${d.wrt}$:", _tex_display(d.statement)]
    if len(d.steps) > 1:
        out += [rf"\dxstep{{{rule_latex(rule)}\text{{:}}\quad {latex}}}" for rule, latex in d.steps]
    out += [
        rf"\emph{{Cross-check: {_tex_text(d.checked)}.}} The catalog states",
        _tex_display(d.stated),
    ]
    mark = (
        rf"\textbf{{{_tex_text(d.comparison_text())}.}}"
        if d.comparison not in ("proved", "plausible")
        else rf"\emph{{{_tex_text(d.comparison_text())}.}}"
    )
    out.append(mark)
    return out


def _tex_check(k: int, c: CheckReport) -> list[str]:
    out = [rf"\subsubsection*{{Claim {k}}}", _tex_display(c.claim)]
    if c.given:
        out += ["given", *(_tex_display(g) for g in c.given)]
    verdict = rf"\textbf{{{c.status}}}"
    if c.method:
        verdict += f" ({_tex_text(c.method)})"
    if c.status != c.expect:
        verdict += rf"; the catalog expects \textbf{{{c.expect}}}"
    out.append(f"Verdict: {verdict}.")
    out += [rf"\dxstep{{{step}}}" for step in c.steps]
    if c.counterexample:
        out += ["Counterexample:", _tex_display(c.counterexample)]
    if c.detail:
        out.append(_tex_text(c.detail.rstrip(".")) + ".")
    return out
