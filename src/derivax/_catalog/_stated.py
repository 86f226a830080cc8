"""Stated derivatives are checked: the closed form a catalog entry states is compared with the
derivative derivax derives, symbolically and then numerically (through ``check``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import DerivaxError

if TYPE_CHECKING:
    from .._verify import Verdict

# What a comparison may end in without failing: the two forms were shown equal (proved), or no
# point of the declared domains tells them apart (plausible, e.g. with unspecified functions).
ACCEPTED = ("proved", "plausible")


@dataclass(frozen=True)
class DerivativeResult:
    """A stated derivative next to the one derivax derived, and the verdict on their equality."""

    wrt: str
    stated: str  # the catalog's LaTeX, lhs = closed form
    derived: str = ""  # derivax's derivative in LaTeX, free indices named as stated
    verdict: Verdict | None = None
    error: str = ""  # why the two could not be compared

    @property
    def status(self) -> str:
        return self.verdict.status if self.verdict else "error"

    @property
    def ok(self) -> bool:
        return self.status in ACCEPTED

    @property
    def mismatch(self) -> bool:
        """The stated form is refuted: a point where it and the derived one differ."""
        return self.status == "refuted"


def check_derivative(eq, known, timeout: float = 10.0, derivation=None) -> DerivativeResult:
    """Compare the derivative ``known`` (a ``Derivative`` of catalog entry ``eq``) with the one
    derivax derives: both sides as SymPy, free indices renamed to the stated ones, then
    ``check(derived = stated)`` (rewriting to 0, else numeric falsification at sampled points).
    ``derivation`` is ``eq.derive(known.wrt)`` when the caller has it already."""
    import sympy

    from .._verify import check
    from ..latex import parse, to_latex

    try:
        stated = parse(known.latex, eq.table)
    except DerivaxError as e:
        return DerivativeResult(
            known.wrt, known.latex, error=f"the stated derivative does not parse: {e}"
        )
    if not isinstance(stated, sympy.Equality):
        return DerivativeResult(
            known.wrt,
            known.latex,
            error=r"a stated derivative is written `\frac{\partial f}{\partial x} = ...`",
        )
    try:
        d = derivation if derivation is not None else eq.derive(known.wrt, timeout=timeout)
    except DerivaxError as e:
        return DerivativeResult(known.wrt, known.latex, error=f"derivax could not derive it: {e}")
    try:
        derived = _named_as_stated(d, stated)
    except DerivaxError as e:
        return DerivativeResult(known.wrt, known.latex, to_latex(d.result, eq.table), error=str(e))
    shown = to_latex(derived, eq.table)
    try:
        verdict = check(sympy.Eq(derived, stated.rhs, evaluate=False), eq.table, timeout=timeout)
    except DerivaxError as e:
        return DerivativeResult(
            known.wrt, known.latex, shown, error=f"cannot compare the two forms: {e}"
        )
    except Exception as e:
        return DerivativeResult(
            known.wrt,
            known.latex,
            shown,
            error=f"cannot compare the two forms: {type(e).__name__}: {e}",
        )
    return DerivativeResult(known.wrt, known.latex, shown, verdict)


def _is_index(s: Any) -> bool:
    return bool(getattr(s, "is_Symbol", False) and s.is_integer and not s.is_positive)


def _stated_indices(stated) -> list:
    """The free indices of a stated derivative, in the order its left side names them
    (``\\frac{\\partial f_k}{\\partial z_j}``: k, j), then the right side's."""
    import sympy

    order: list = []
    for part in (stated.lhs, stated.rhs):
        for node in sympy.preorder_traversal(part):
            if isinstance(node, sympy.Indexed):
                for idx in node.indices:
                    for s in sorted(idx.free_symbols, key=str):
                        if _is_index(s) and s not in order:
                            order.append(s)
    free = stated.rhs.free_symbols | stated.lhs.free_symbols
    return [s for s in order if s in free]


def _named_as_stated(d, stated):
    """The derived result with its free indices renamed to those of the stated form: the ones
    both share stay, the others pair up in order (derived ``l`` for stated ``i``)."""
    import sympy

    result = d.result
    derived_free = list(d.output_indices)
    stated_free = _stated_indices(stated)
    mine = [s for s in derived_free if s not in stated_free]
    theirs = [s for s in stated_free if s not in derived_free]
    if not theirs:  # `\frac{\partial L}{\partial p} = 0`: the stated value holds for every entry
        return result
    if len(mine) != len(theirs):
        raise DerivaxError(
            f"the stated derivative has free indices ({', '.join(map(str, stated_free)) or 'none'}) "
            f"and the derived one ({', '.join(map(str, derived_free)) or 'none'}); name one index per "
            f"axis of the derivative on the left side, as in `\\frac{{\\partial f}}{{\\partial x_i}}`"
        )
    if not mine:
        return result
    targets = set(theirs)

    # a bound variable of the derived form that has a target's name is renamed first, so that
    # the renamed free index cannot be captured by a sum over it
    def fresh(limit_var):
        return sympy.Symbol(f"{limit_var.name}'", **limit_var.assumptions0)

    def rebind(e):
        if isinstance(e, (sympy.Sum, sympy.Product)):
            clash = {lim[0]: fresh(lim[0]) for lim in e.limits if lim[0] in targets}
            if clash:
                return e.xreplace(clash)
        return e

    result = result.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)), rebind)
    return result.xreplace(dict(zip(mine, theirs, strict=True)))
