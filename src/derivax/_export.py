r"""Documents from catalog equations: a standalone LaTeX article, Markdown, or a PDF.

Each equation gets its definition as the author wrote it, its symbol table, the derivatives
derivax derives (with the steps and how they were cross-checked) and its claims with the verdicts
derivax reaches now, not the ones the catalog expects. The work is done once, in ``report``; the
writers only lay it out. PDF goes through ``pdflatex`` (TeX Live's base and recommended LaTeX
packages are enough: amsmath, amssymb, mathtools, geometry, booktabs, graphicx, hyperref).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import DerivaxError

FORMATS = ("tex", "md", "pdf")
PDFLATEX_SECONDS = 300

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


# -- what a document says about one equation --------------------------------------------------------
@dataclass(frozen=True)
class DerivativeReport:
    wrt: str
    statement: str = ""  # "\frac{\partial L}{\partial w} = ..." as derivax derived it
    steps: tuple[tuple[str, str], ...] = ()
    checked: str = ""
    stated: str = ""  # the closed form the catalog states
    error: str = ""
    comparison: str = ""  # the verdict on "stated = derived": proved, plausible, refuted, ...
    comparison_detail: str = ""  # plain text: the method, or where the two forms differ

    @property
    def mismatch(self) -> bool:
        return self.comparison == "refuted"

    def comparison_text(self) -> str:
        """One sentence on whether the stated closed form agrees with the derived one."""
        if self.comparison in ("proved", "plausible"):
            how = (
                "shown equal"
                if self.comparison == "proved"
                else "found equal at every sampled point"
            )
            return (
                f"derivax {how} ({self.comparison_detail})"
                if self.comparison_detail
                else f"derivax {how}"
            )
        if self.comparison == "refuted":
            return (
                f"MISMATCH: the stated form differs from the derived one ({self.comparison_detail})"
            )
        return f"NOT CONFIRMED ({self.comparison or 'not compared'}): {self.comparison_detail}"


@dataclass(frozen=True)
class CheckReport:
    claim: str
    given: tuple[str, ...]
    expect: str
    status: str
    method: str = ""
    steps: tuple[str, ...] = ()
    counterexample: str = ""  # LaTeX: "x = 0.5,\ y = (1, 2)"
    detail: str = ""  # plain text: violation, samples, reason
    verdict: Any = field(default=None, compare=False)  # the Verdict itself, for a plot


@dataclass(frozen=True)
class EquationReport:
    id: str
    title: str
    area: str
    summary: str
    latex: str
    symbols: tuple[tuple[str, str], ...]  # (LaTeX name, description with inline $...$)
    parse_error: str = ""
    derivatives: tuple[DerivativeReport, ...] = ()
    checks: tuple[CheckReport, ...] = field(default_factory=tuple)


def report(
    eq, timeout: float = 10.0, on_step: Callable[[str], None] | None = None
) -> EquationReport:
    """Derive and check one equation for a document (``on_step`` after each derivative and claim)."""
    symbols = tuple((name, describe(decl)) for name, decl in eq.table.items())
    try:
        _ = eq.expression  # a definition that does not read is reported, not derived
    except DerivaxError as e:
        return EquationReport(eq.id, eq.title, eq.area, eq.summary, eq.latex, symbols, str(e))
    derivatives = []
    for d in eq.derivatives:
        derivatives.append(_derivative(eq, d, timeout))
        if on_step:
            on_step(eq.id)
    checks = tuple(_check(eq, c) for c in eq.check_claims(timeout, on_step))
    return EquationReport(
        eq.id, eq.title, eq.area, eq.summary, eq.latex, symbols, "", tuple(derivatives), checks
    )


def steps_per_equation(eq) -> int:
    return len(eq.derivatives) + len(eq.checks)


def describe(decl) -> str:
    """The kind of a declared name in words, with its set in inline math: ``vector in $\\mathbb{R}^{n}$``."""
    shape = list(decl.shape)
    q = decl.qualifiers
    field_ = (
        r"\mathbb{R}_{>0}"
        if "positive" in q
        else r"\mathbb{R}_{\ge 0}"
        if "nonnegative" in q
        else r"\mathbb{Z}"
        if "integer" in q
        else r"[0, 1]"
        if "unit" in q
        else r"\mathbb{R}"
    )
    kind = decl.kind
    if kind == "scalar":
        return f"scalar in ${field_}$"
    if kind == "vector":
        return f"vector in ${field_}^{{{shape[0]}}}$"
    if kind == "matrix":
        return f"matrix in ${field_}^{{{shape[0]} \\times {shape[1]}}}$"
    if kind == "simplex":
        return f"probability vector (entries $\\ge 0$, summing to 1) of length ${shape[0]}$"
    if kind == "spd":
        return f"symmetric positive definite ${shape[0]} \\times {shape[0]}$ matrix"
    if kind == "symmetric":
        return f"symmetric ${shape[0]} \\times {shape[0]}$ matrix"
    if kind == "index":
        return "summation or entry index"
    if kind == "dim":
        return "dimension (a positive integer)"
    if kind == "function":
        return "function" + (" (values in $" + field_ + "$)" if q else "")
    return kind


def _derivative(eq, known, timeout: float) -> DerivativeReport:
    from ._catalog import check_derivative

    try:
        d = eq.derive(known.wrt, timeout=timeout)
    except DerivaxError as e:
        return DerivativeReport(known.wrt, stated=known.latex, error=str(e))
    return derivative_report(eq, known, d, check_derivative(eq, known, timeout, derivation=d))


def derivative_report(eq, known, d, compared) -> DerivativeReport:
    """What a document says about the stated derivative ``known``: derivax's derivation ``d``
    and ``compared``, the ``DerivativeResult`` of the stated form against it (computed once, by
    ``verify`` and ``export`` alike)."""
    from .latex import to_latex

    lhs = eq.expression.lhs if hasattr(eq.expression, "lhs") else None
    statement = f"{_derivative_head(d, lhs)} = {to_latex(d.result)}"
    steps = tuple(
        (s.rule, s.latex) for s in d.steps if not s.rule.startswith("numeric cross-check")
    )
    comparison, detail = _comparison(compared)
    return DerivativeReport(
        known.wrt,
        statement,
        steps,
        d.checked,
        known.latex,
        comparison=comparison,
        comparison_detail=detail,
    )


def _comparison(r) -> tuple[str, str]:
    """The verdict on the catalog's stated form against the derived one, and its detail."""
    v = r.verdict
    if v is None:
        return r.status, r.error
    if v.status == "refuted" and v.counterexample:
        at = ", ".join(f"{k} = {x}" for k, x in v.counterexample.items())
        return v.status, f"they differ at {at}"
    return v.status, v.method or v.reason


def _derivative_head(d, lhs) -> str:
    r"""``\nabla_{w} L`` for a matrix-form gradient, ``\frac{\partial L}{\partial w_{l}}`` otherwise."""
    import sympy

    from .latex import to_latex

    f = to_latex(lhs) if lhs is not None else "f"
    if isinstance(d.result, sympy.MatrixExpr):
        return rf"\nabla_{{{to_latex(d.wrt)}}} {f}"
    wrt = d.wrt[d.index] if d.index is not None else d.wrt
    return rf"\frac{{\partial {f}}}{{\partial {to_latex(wrt)}}}"


def check_report(eq, result) -> CheckReport:
    """What a document says about one of the equation's claims (a ``CheckResult``)."""
    return _check(eq, result)


def _check(eq, result) -> CheckReport:
    c, v = result.check, result.verdict
    if v is None:
        return CheckReport(c.claim, c.given, c.expect, "error", detail=result.error)
    counterexample = ""
    detail = v.reason
    if v.status == "refuted" and v.counterexample:
        names = _latex_names(eq, c)
        counterexample = r",\quad ".join(
            f"{names.get(k, _unknown_name(k))} = {_value(x)}" for k, x in v.counterexample.items()
        )
        if v.violation is not None:
            detail = f"violated by {v.violation:.3g}" + (f"; {v.reason}" if v.reason else "")
    elif v.status == "plausible":
        deviation = v.max_deviation if v.max_deviation is not None else 0.0
        detail = f"no counterexample in {v.samples} points; largest deviation {deviation:.3g}" + (
            f"; {v.reason}" if v.reason else ""
        )
    return CheckReport(
        c.claim,
        c.given,
        c.expect,
        v.status,
        v.method,
        tuple(v.steps),
        counterexample,
        detail,
        verdict=v,
    )


def _latex_names(eq, c) -> dict[str, str]:
    """LaTeX spellings by plain name, for the declared names and every name the claim uses."""
    import sympy

    from .latex import parse
    from .symbols import plain

    names = {d.plain: name for name, d in eq.table.items()}
    for text in (c.claim, *c.given):
        try:
            e = parse(text, eq.table)
        except DerivaxError:
            continue
        for atom in sympy.preorder_traversal(e):
            name = getattr(atom, "name", None)
            if isinstance(name, str):
                names.setdefault(plain(name), name)
    return names


def _unknown_name(plain_name: str) -> str:
    return rf"\mathtt{{{_tex_text(plain_name)}}}"


def _value(x: Any) -> str:
    if isinstance(x, (list, tuple)):
        if x and isinstance(x[0], (list, tuple)):
            rows = r" \\ ".join(" & ".join(_number(v) for v in row) for row in x)
            return rf"\begin{{bmatrix}} {rows} \end{{bmatrix}}"
        return r"\left(" + ", ".join(_number(v) for v in x) + r"\right)"
    return _number(x)


def _number(v: Any) -> str:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if isinstance(v, float) and not math.isfinite(v):
            return r"\infty" if v > 0 else r"-\infty" if v < 0 else r"\mathrm{NaN}"
        text = f"{v:.4g}"
        if "e" in text:
            mantissa, exponent = text.split("e")
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return text
    return str(v)


# -- writers ----------------------------------------------------------------------------------------
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
        out += [rf"\dxstep{{\text{{{_tex_text(rule)}:}}\quad {latex}}}" for rule, latex in d.steps]
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
                    rf"&\text{{{_tex_text(rule)}:}} \\ &\qquad {latex}" for rule, latex in d.steps
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


def _area_title(area: str) -> str:
    return area.replace("_", " ").capitalize().replace("Classical ml", "Classical ML")


# -- escaping ---------------------------------------------------------------------------------------
def _tex_text(text: str) -> str:
    from .latex import escape_text

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


# -- PDF --------------------------------------------------------------------------------------------
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
