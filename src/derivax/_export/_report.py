"""What a document says about one equation: derived derivatives, checked claims, symbols."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._errors import DerivaxError
from ._escape import _tex_text


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
    from .._catalog import check_derivative

    try:
        d = eq.derive(known.wrt, timeout=timeout)
    except DerivaxError as e:
        return DerivativeReport(known.wrt, stated=known.latex, error=str(e))
    return derivative_report(eq, known, d, check_derivative(eq, known, timeout, derivation=d))


def derivative_report(eq, known, d, compared) -> DerivativeReport:
    """What a document says about the stated derivative ``known``: derivax's derivation ``d``
    and ``compared``, the ``DerivativeResult`` of the stated form against it (computed once, by
    ``verify`` and ``export`` alike)."""
    from ..latex import to_latex

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

    from ..latex import to_latex

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

    from ..latex import parse
    from ..symbols import plain

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
