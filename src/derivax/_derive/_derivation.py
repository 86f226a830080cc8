"""What a derivation returns: the result with its steps and how it was checked."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy


@dataclass(frozen=True)
class Step:
    """One step of a derivation: the rule applied and the expression it gave (LaTeX)."""

    rule: str
    latex: str


@dataclass
class Derivation:
    """A derivative with how it was obtained and how it was checked."""

    expression: sympy.Basic
    wrt: sympy.Basic
    result: sympy.Basic
    steps: list[Step] = field(default_factory=list)
    index: sympy.Symbol | None = None  # the free index naming the entries of wrt (index form)
    output_indices: tuple[sympy.Symbol, ...] = ()
    checked: str = ""  # how the numeric cross-check went
    note: str = ""

    def to_latex(self) -> str:
        from ..latex import to_latex

        return to_latex(self.result)

    def _repr_latex_(self) -> str:
        """Jupyter shows the steps as an ``align`` block ending in the result."""
        rows = " \\\\\n".join(
            rf"&\text{{{s.rule}}}: && {s.latex}"
            for s in self.steps
            if s.rule != "numeric cross-check against jax.grad"
        )
        return rf"$$\begin{{aligned}}{rows}\end{{aligned}}$$"


def read_input(expr_or_latex, symbols):
    """The expression to differentiate (LaTeX read through the table) and the table."""
    from ..latex import parse
    from ..symbols import SymbolTable

    table = SymbolTable.coerce(symbols)
    expr = parse(expr_or_latex, table) if isinstance(expr_or_latex, str) else expr_or_latex
    return expr, table


def _latex(e) -> str:
    from ..latex import to_latex

    try:
        return to_latex(e)
    except Exception:
        return str(e)


def _short(e, limit: int = 160) -> str:
    text = e if isinstance(e, str) else _latex(e)
    return text if len(text) <= limit else text[: limit - 3] + "..."
