"""What a derivation returns: the result with its steps and how it was checked."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import sympy


@dataclass(frozen=True)
class Step:
    """One step of a derivation: the rule applied and the expression it gave, kept as SymPy
    objects and rendered to LaTeX only when read (``rule``, ``latex``).

    ``what`` names the rule; where it quotes expressions (``take the entry $%s$``) they are
    ``about``, rendered into it. ``shown`` is the expression, or a note already in LaTeX.
    """

    what: str
    shown: Any
    about: tuple = ()

    @functools.cached_property
    def rule(self) -> str:
        return self.what % tuple(_latex(a) for a in self.about) if self.about else self.what

    @functools.cached_property
    def latex(self) -> str:
        return self.shown if isinstance(self.shown, str) else _latex(self.shown)


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
    # what the cross-check and the evaluation of the result need: the kind of derivative
    # (``vector``, ``entry``, ``hessian-index``, ...) and the table it was read with
    kind: str = field(default="", repr=False, compare=False)
    table: Any = field(default=None, repr=False, compare=False)

    def to_latex(self) -> str:
        from ..latex import to_latex

        return to_latex(self.result)

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self) -> str:
        r"""The derivative for a terminal, as readable Unicode math: the result, then each step
        with its rule, then how it was checked.

        >>> import derivax as dx
        >>> print(dx.derive(r"\log(1 + e^{x})", "x").to_text().splitlines()[0])
        σ(x)
        """
        from .._text import expr_text, latex_to_text, rule_text

        lines = [expr_text(self.result)]
        for s in self.steps:
            if s.rule.startswith("numeric cross-check"):
                continue
            lines.append(f"  {rule_text(s.rule)}: {latex_to_text(s.latex)}")
        if self.checked:
            lines.append(f"  checked: {self.checked}")
        if self.note:
            lines.append(f"  {self.note}")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        """Jupyter shows the steps as an ``align`` block ending in the result."""
        from .._text import rule_latex

        rows = " \\\\\n".join(
            rf"&{rule_latex(s.rule)}: && {s.latex}"
            for s in self.steps
            if not s.rule.startswith("numeric cross-check")
        )
        return rf"$$\begin{{aligned}}{rows}\end{{aligned}}$$"


def read_input(expr_or_latex, symbols):
    """The expression to differentiate and the table: LaTeX is read (``derivax._reading``) here,
    once, at the entry of ``derive``, ``jacobian_derivation`` and ``second_derivation``."""
    from .._reading import read

    source = read(expr_or_latex, symbols)
    return source.expr, source.table


def _latex(e) -> str:
    from ..latex import to_latex

    try:
        return to_latex(e)
    except Exception:
        return str(e)


def _short(e, limit: int = 160) -> str:
    from .._reading import Source

    if isinstance(e, Source):
        e = e.text or e.expr
    text = e if isinstance(e, str) else _latex(e)
    return text if len(text) <= limit else text[: limit - 3] + "..."
