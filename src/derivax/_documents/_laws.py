r"""Densities named by a law the running text states: with ``$X_i \overset{iid}{\sim}
\mathcal{N}(\mu, \sigma^2)$`` in the text, ``f_{X_i}(x_i)`` and ``p_{X_i}(x_i)`` in a display are
that normal density at ``x_i``, written out.

What is read: inline math of the form ``V \sim L(a, b)`` or ``V \overset{...}{\sim} L(a, b)``
(``\stackrel`` alike), with ``V`` one scalar name (``X``, ``X_i``; a family ``X_i`` is one law for
every ``i``, so the density is one function), and ``L`` the normal law (``\mathcal{N}``, ``N``,
``\operatorname{Normal}``, ``\text{Gaussian}``). Each law gives the definitions
``f_{V}(t) = \frac{1}{\sqrt{2 \pi v}} e^{-(t - a)^2 / (2 v)}`` and the same for ``p_{V}``, as
givens the note states in words, and ``f V(t)`` (the subscript lost in a rendering) is read as
``f_{V}(t)`` where ``f`` is no name of the note's own.

The second parameter: written as a square (``\sigma^2``, ``s^{2}``) it is the variance. Written
otherwise (``\mathcal{N}(\mu, \sigma)``) authors mean either the variance or the standard
deviation, so the law has two readings, ``v = \sigma`` and ``v = \sigma^2``: a claim that uses the
density is checked under both, and it is proved (refuted) only when it is proved (refuted) under
both; otherwise it is unknown and says what each reading gave. Side conditions: a name the table
declares an array is no scalar variable and states no law here; a density name the note already
uses for something else (declared, or defined in a display) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..symbols import split_top_commas
from ._statements import _INLINE

_NORMAL = r"(?:\\mathcal\s*\{?\s*N\s*\}?|N|\\operatorname\{(?:N|Normal|Gaussian)\}|\\text\{(?:Normal|Gaussian)\}|\\mathrm\{(?:Normal|Gaussian)\})"
_SIM = r"(?:\\sim|\\(?:overset|stackrel)\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*\{\s*\\sim\s*\})"
_LAW = re.compile(
    rf"^\s*(?P<var>[A-Z](?:\s*_\s*(?:\{{\s*[A-Za-z0-9]\s*\}}|[A-Za-z0-9]))?)\s*{_SIM}\s*"
    rf"{_NORMAL}\s*(?:\\left)?\s*\((?P<params>.*)(?:\\right)?\)\s*[.,;]?\s*$",
    re.DOTALL,
)
_SQUARE = re.compile(r"^\s*(?P<base>.+?)\s*\^\s*(?:2|\{\s*2\s*\})\s*$", re.DOTALL)
DENSITY_LETTERS = ("f", "p")


@dataclass(frozen=True)
class StatedLaw:
    """A normal law the text gives a scalar variable: its mean and the variance under each
    reading of the second parameter (one reading when that is written as a square)."""

    variable: str  # as normalized: X or X_{i}
    mean: str
    variances: tuple[str, ...]
    written: str  # the law as the text writes it

    def density(self, letter: str, dummy: str, reading: int = 0) -> str:
        """The definition ``f_{V}(t) = ...`` under one reading of the second parameter."""
        v, m = self.variances[reading], self.mean
        return (
            f"{letter}_{{{self.variable}}}({dummy}) = \\frac{{1}}{{\\sqrt{{2 \\pi ({v})}}}} "
            f"\\exp\\left(-\\frac{{({dummy} - ({m}))^2}}{{2 ({v})}}\\right)"
        )


def stated_laws(prose: str) -> list[StatedLaw]:
    """The normal laws the inline math of ``prose`` states (``$X \\sim \\mathcal{N}(0, 1)$``)."""
    out = []
    for m in _INLINE.finditer(prose):
        body = m.group(1) or m.group(2) or ""
        law = _LAW.match(body)
        if law is None:
            continue
        params = split_top_commas(law.group("params").replace(r"\right", ""))
        if len(params) != 2 or not all(p.strip() for p in params):
            continue
        mean, second = (" ".join(p.split()) for p in params)
        square = _SQUARE.match(second)
        variances = (second,) if square else (second, f"({second})^2")
        var = re.sub(r"\s+", "", law.group("var"))
        var = re.sub(r"_([A-Za-z0-9])$", r"_{\1}", var)
        out.append(StatedLaw(var, mean, variances, " ".join(body.split())))
    return out


def with_density_subscripts(latex: str, variables: set[str]) -> str:
    """Each density of a variable with a stated law in one spelling, ``f_{X_{i}}(t)``: from
    ``f_{X_i}(t)``, ``f_{X_{i}}(t)``, ``f_X(t)``, and ``f X_i(t)`` (a space, then the variable:
    the subscript a rendering lost)."""
    for v in variables:
        letter = re.escape(v[0])
        sub = v[2:].strip("{}") if "_" in v else ""
        spelled = letter + (
            rf"\s*_\s*(?:\{{\s*{re.escape(sub)}\s*\}}|{re.escape(sub)})" if sub else ""
        )
        written = rf"(?:\s*_\s*\{{\s*{spelled}\s*\}}|\s*_\s*{letter}(?![A-Za-z_])|\s+{spelled})"
        latex = re.sub(
            rf"(?<![\\A-Za-z_{{])(?P<d>[fp]){written}\s*(?=\()",
            r"\g<d>_{" + v.replace("\\", "\\\\") + "}",
            latex,
        )
    return latex


def under_both_readings(first, second, law: StatedLaw):
    """One link from the checks of a claim under the two readings of an ambiguous law's second
    parameter (``first``: the variance, ``second``: the standard deviation): proved or refuted
    only when both readings say so, else unknown with what each reading gave."""
    param = law.variances[0]
    if first.status == second.status and first.status not in ("proved", "refuted"):
        return first  # undecided either way, for reasons of its own
    if first.status == second.status:
        why = (
            f"under both readings of `{law.written}` (`{param}` the variance, or the standard "
            f"deviation)"
        )
        return replace(first, reason=(first.reason + "; " if first.reason else "") + why)
    return replace(
        first,
        status="unknown",
        method="",
        counterexample=None,
        reason=(
            f"`{law.written}` leaves its second parameter open: with `{param}` the variance the "
            f"claim is {first.status}, with `{param}` the standard deviation it is "
            f"{second.status}; write `{param}^2` for a variance to decide"
        ),
    )
