"""The answer to a claim: proved, refuted, plausible, unknown or timeout, with its evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("proved", "refuted", "plausible", "unknown", "timeout")


@dataclass
class Verdict:
    """``proved`` carries ``method`` and ``steps`` (LaTeX, each checked by SymPy and audited in
    high precision); ``refuted`` a ``counterexample``, the size of the violation and ``sides``
    (both sides there, confirmed in high precision); ``plausible`` the number of points tried
    and the largest deviation; ``unknown`` and ``timeout`` the reason. ``cached``: the verdict
    was read from the verdict cache on disk (then ``seconds`` is the lookup's)."""

    status: str
    method: str = ""
    steps: list[str] = field(default_factory=list)
    counterexample: dict[str, Any] | None = None
    violation: float | None = None
    samples: int = 0
    max_deviation: float | None = None
    reason: str = ""
    seconds: float = 0.0
    claim: str = ""
    sides: dict[str, Any] | None = None  # refuted: both sides at the counterexample, high precision
    #: answered from the verdict cache (``seconds`` is then the lookup's); not part of the JSON
    cached: bool = field(default=False, compare=False)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown verdict status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "method": self.method,
            "steps": list(self.steps),
            "counterexample": self.counterexample,
            "seconds": round(self.seconds, 4),
            "violation": self.violation,
            "samples": self.samples,
            "max_deviation": self.max_deviation,
            "reason": self.reason,
            "sides": self.sides,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, latex: bool = False) -> str:
        """The verdict for a terminal: the proof's steps as readable Unicode math (``latex=True``:
        as the LaTeX they are recorded in), a counterexample with both sides' values."""
        from .._text import latex_to_text

        head = f"{self.status}"
        if self.method:
            head += f" ({self.method})"
        lines = [head]
        if self.status == "proved":
            lines += [f"  {s if latex else latex_to_text(s)}" for s in self.steps]
        elif self.status == "refuted":
            lines.append(f"  counterexample: {json.dumps(self.counterexample)}")
            if self.violation is not None:
                lines.append(f"  violation: {self.violation:.6g}")
            if self.sides:
                lines.append(f"  left side: {self.sides['lhs']}; right side: {self.sides['rhs']}")
        elif self.status == "plausible":
            lines.append(
                f"  no counterexample in {self.samples} points; largest deviation "
                f"{self.max_deviation if self.max_deviation is not None else 0:.3g}"
            )
        if self.reason:
            lines.append(f"  {self.reason}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """The proof chain as an ``align`` block; any other verdict as an ``aligned`` block of
        its status, the claim, and its evidence (a counterexample with both sides' values, the
        points tried, the reason)."""
        if self.status == "proved" and self.steps:
            body = " \\\\\n".join(f"&{s}" for s in self.steps)
            return f"\\begin{{align}}\n{body}\n\\end{{align}}"
        from ..latex import escape_text

        def text(words: str) -> str:
            return f"\\text{{{escape_text(words)}}}"

        lines = [text(f"{self.status}: {self.method or self.reason}")]
        if self.claim:
            lines.append(f"{text('claim:')}\\quad {self.claim}")
        if self.status == "refuted" and self.counterexample:
            point = ",\\ ".join(f"{k} = {_value_latex(v)}" for k, v in self.counterexample.items())
            lines.append(f"{text('counterexample:')}\\quad {point}")
            if self.sides:
                lhs, rhs = (_value_latex(self.sides[k]) for k in ("lhs", "rhs"))
                lines.append(f"{text('left side')}\\ {lhs},\\quad {text('right side')}\\ {rhs}")
        elif self.status == "plausible":
            deviation = self.max_deviation if self.max_deviation is not None else 0.0
            lines.append(
                text(f"no counterexample in {self.samples} points; largest deviation ")
                + _value_latex(deviation)
            )
        if self.method and self.reason:
            lines.append(text(self.reason))
        if len(lines) == 1:
            return lines[0]
        body = " \\\\\n".join(f"&{line}" for line in lines)
        return f"\\begin{{aligned}}\n{body}\n\\end{{aligned}}"

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.to_latex()}$" if self.status != "proved" else self.to_latex()


def _value_latex(value: Any) -> str:
    """A number of a verdict's evidence to six significant digits (``1.5 \\times 10^{-7}``), a
    vector as a row in parentheses, a matrix as a ``pmatrix``; anything else as text."""
    if isinstance(value, list):
        if value and all(isinstance(row, list) for row in value):
            rows = " \\\\ ".join(" & ".join(_value_latex(x) for x in row) for row in value)
            return f"\\begin{{pmatrix}} {rows} \\end{{pmatrix}}"
        return "\\left(" + ", ".join(_value_latex(x) for x in value) + "\\right)"
    try:
        number = float(value)
    except (TypeError, ValueError):
        from ..latex import escape_text

        return f"\\text{{{escape_text(str(value))}}}"
    digits = f"{number:.6g}"
    if "e" in digits:
        mantissa, exponent = digits.split("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}"
    return digits.replace("inf", "\\infty").replace("nan", "\\text{NaN}")
