r"""Pictures of equations and claims (matplotlib, the optional ``plot`` extra).

A scalar function of one scalar is drawn with its derivative; of two scalars as a contour plot
with its gradient field. A claim between scalars is drawn as its two sides (one variable) or
their difference (two variables) over the declared domain; a claim over vectors, matrices or
simplices as its two sides at random points of the declared domains (the sampler the verifier
uses), the given definitions substituted; the counterexample is marked when it is refuted.
Anything else (a function of vectors or matrices, a vector-valued result, the value of an
unspecified function) is refused with a ``PlotError`` rather than drawn as nonsense. The
derivatives drawn are ``jax.grad`` of the compiled function: the same function derivax
cross-checks its symbolic derivatives against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .._budget import require_budget
from .._errors import PlotError
from ._claims import _claim_figure, _with_definitions
from ._figure import FORMATS as FORMATS
from ._figure import _matplotlib
from ._figure import output_format as output_format
from ._figure import save as save
from ._figure import to_bytes as to_bytes
from ._functions import _function_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._verify import Verdict
    from ..symbols import SymbolTable


class _Equation(Protocol):
    """What a plot needs of a catalog equation; the catalog's ``Equation`` is one (the catalog
    imports this package, so this package does not import the catalog)."""

    @property
    def id(self) -> str: ...
    @property
    def latex(self) -> str: ...
    @property
    def definition(self) -> Any: ...
    @property
    def table(self) -> SymbolTable: ...

    def compile(self, args=None, dtype=None, define=None) -> Any: ...


def plot(
    expr_or_latex: Any,
    symbols: SymbolTable | str | None = None,
    *,
    wrt: str | Sequence[str] | None = None,
    range: tuple[float, float] | str | None = None,
    at: Mapping[str, float] | None = None,
    given: Sequence[str] = (),
    timeout: float = 10.0,
    title: str | None = None,
    verdict: Verdict | None = None,
    path: str | None = None,
    force: bool = False,
) -> Figure:
    r"""A matplotlib ``Figure`` of an expression, or of a claim when ``expr_or_latex`` is a
    relation (``=``, ``\le``, ...). ``wrt`` names the one or two scalars to draw over (the
    others are held at ``at`` or a point of their domain); ``range`` is ``(a, b)`` or ``"a:b"``.
    A claim is checked first (``given``, ``timeout``) unless its ``verdict`` is passed in.
    With ``path`` (``.png``, ``.svg`` or ``.pdf``) the figure is also written there, replacing an
    existing file only with ``force``.

    >>> fig = plot(r"\log(1 + e^{x})")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['x', 'x']
    """
    import sympy

    from .._functions import DERIVATIVE_NODES
    from .._reading import read, read_claim, read_each

    timeout = require_budget(timeout)
    _matplotlib()
    expr, table, text = read(expr_or_latex, symbols)  # the one reading, at this entry
    try:
        if isinstance(expr, sympy.core.relational.Relational):
            from .._verify import check

            if verdict is None:
                # the claim as written: check reads it with its givens (a given that defines a
                # scalar changes how its derivatives read)
                verdict = check(text or expr, table, tuple(given), timeout=timeout)
            if given and text:
                # read with its givens, as the checker reads it: a scalar a given defines makes
                # the claim's derivative of it a derivative of its definition (read alone it is
                # an opaque name, which would be drawn as an axis)
                claim = read_claim(text, table, tuple(given))
                expr, table, givens = claim.relation, claim.table, claim.givens
            else:
                givens = read_each(given, table)
            if expr.has(sympy.Derivative, *DERIVATIVE_NODES):
                # a claim about a derivative is drawn through the derivative derivax takes, the
                # givens entered where the checker enters them (a given point after the
                # derivative: d/dθ ℓ(θ) = 0 at the θ a given names)
                drawn = _derivatives_taken(expr, givens)
                if wrt is None and range is None:
                    wrt = _differentiated(expr, drawn)
            else:
                drawn = _with_definitions(expr, givens)
            fig = _claim_figure(drawn, table, verdict, wrt, range, at, title or text)
        else:
            if given:  # a function drawn through the definitions given for its names
                drawn = sympy.Eq(expr, 0, evaluate=False)
                expr = _with_definitions(drawn, read_each(given, table)).lhs
            fig = _function_figure(expr, table, wrt, range, at, title or text)
    except PlotError as e:
        raise PlotError(f"cannot plot `{text or expr}`: {e}") from None
    if path is not None:
        save(fig, path, force)
    return fig


def _differentiated(rel: Any, drawn: Any) -> str | None:
    """The one scalar a claim's derivatives are taken by, when the claim as drawn is a claim of
    more scalars than a plot shows and still holds it: drawn over it, the others held fixed.
    ``None`` otherwise (the usual choice, or the sampled picture of vectors)."""
    import sympy

    variables = {v for d in rel.atoms(sympy.Derivative) for v in d.variables}
    free = drawn.free_symbols
    if (
        len(variables) == 1
        and isinstance(v := variables.pop(), sympy.Symbol)
        and v in free
        and len(free) > 2
        and all(isinstance(s, sympy.Symbol) for s in free)
    ):
        return v.name
    return None


def _derivatives_taken(rel: Any, givens: Sequence[Any]) -> Any:
    from .._errors import DerivaxError
    from .._verify import taken_with_givens

    try:
        return taken_with_givens(rel, givens)
    except (DerivaxError, NotImplementedError, ValueError, TypeError) as e:
        raise PlotError(
            f"derivax could not take the derivative this claim is about ({e})"
        ) from None


def plot_equation(
    eq: _Equation,
    *,
    wrt: str | Sequence[str] | None = None,
    range: tuple[float, float] | str | None = None,
    at: Mapping[str, float] | None = None,
    path: str | None = None,
    force: bool = False,
) -> Figure:
    """The plot of a catalog equation's definition (its right-hand side), titled with its id."""
    _matplotlib()
    try:
        fig = _function_figure(eq.definition, eq.table, wrt, range, at, eq.latex, eq.compile)
    except PlotError as e:
        raise PlotError(f"cannot plot `{eq.id}`: {e}") from None
    if path is not None:
        save(fig, path, force)
    return fig
