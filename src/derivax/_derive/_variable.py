"""The variable of a derivative (a scalar, a vector's entries, a matrix, one entry), fresh
index names, and the definitions a derivation is given."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from .._errors import DerivationError
from ..symbols import SymbolTable
from ._derivation import Step, _latex


def read_variable(wrt, table: SymbolTable) -> sympy.Basic | None:
    r"""The variable's name read as LaTeX (``w_{j}``, ``\hat{y}``), at the entry of a derivation,
    for ``_variable`` to use where the name itself is not found; ``None`` where it does not read
    or needs no reading."""
    if not isinstance(wrt, str) or not any(c in wrt for c in "_\\{"):
        return None
    from .._reading import read_name

    return read_name(wrt, table)


def _variable(expr: sympy.Basic, wrt, table: SymbolTable, written: sympy.Basic | None = None):
    """(kind, object): "scalar" Symbol, "matrix" MatrixSymbol, "index" IndexedBase, "entry" Indexed.
    ``written``: ``wrt`` as ``read_variable`` read it."""
    if isinstance(wrt, sympy.Basic):
        target = wrt
    else:
        name = table.resolve(wrt) or wrt
        candidates = []
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, sympy.MatrixSymbol) and name in (node.name,):
                candidates.append(("matrix", node))
            elif isinstance(node, sympy.IndexedBase) and str(node.label) == name:
                candidates.append(("index", node))
            elif isinstance(node, sympy.Symbol) and node.name == name:
                candidates.append(("scalar", node))
        if candidates:
            kinds = {k for k, _ in candidates}
            for preferred in ("index", "matrix", "scalar"):
                if preferred in kinds:
                    kind, node = next(c for c in candidates if c[0] == preferred)
                    if kind == "scalar" and node.is_integer:
                        raise DerivationError(
                            f"`{_latex(node)}` is an integer (a dimension or an index); it has no "
                            "derivative. Differentiate with respect to a real scalar, vector or "
                            "matrix"
                        )
                    return kind, node
        names = sorted(
            {
                s.name
                for s in expr.free_symbols
                if isinstance(s, (sympy.Symbol, sympy.MatrixSymbol)) and not s.is_integer
            }
            | {str(b.label) for b in expr.atoms(sympy.IndexedBase)}
        )
        absent = DerivationError(
            f"`{wrt}` does not appear in the expression; its variables are "
            f"{', '.join(f'`{n}`' for n in names) or 'none'}"
        )
        if written is None:
            raise absent
        target = written
        if not expr.has(target):
            if isinstance(target, sympy.Indexed) and any(
                m.name == str(target.base.label) for m in expr.atoms(sympy.MatrixSymbol)
            ):
                # w_j of an expression in matrix notation (w^T x): entry j of the gradient
                return "matrix entry", target
            raise absent
    if isinstance(target, sympy.Indexed):
        return "entry", target
    if isinstance(target, sympy.IndexedBase):
        return "index", target
    if isinstance(target, sympy.MatrixSymbol):
        return "matrix", target
    if isinstance(target, sympy.Symbol):
        if target.is_integer:
            raise DerivationError(
                f"`{_latex(target)}` is an integer (a dimension or an index); it has no derivative. "
                "Differentiate with respect to a real scalar, vector or matrix"
            )
        return "scalar", target
    raise DerivationError(
        f"cannot differentiate with respect to `{target}`; name a symbol, vector or matrix"
    )


def _fresh_index(expr: sympy.Basic, table: SymbolTable, avoid=()) -> sympy.Symbol:
    used = {s.name for s in expr.atoms(sympy.Symbol)} | {str(a) for a in avoid}
    # a name the table gives another meaning (a dimension m, a scalar k) is never an index
    used |= {n for n in table if table[n].kind != "index"}
    declared = [n for n in table if table[n].kind == "index"]
    for name in [*declared, "k", "j", "l", "m", "q", "r"]:
        if name not in used:
            return table.scalar(name) if table.resolve(name) else sympy.Symbol(name, integer=True)
    k = 1
    while f"i_{k}" in used:
        k += 1
    return sympy.Symbol(f"i_{k}", integer=True)


def read_given(given: Sequence, table: SymbolTable) -> list[tuple[object, sympy.Basic]]:
    """Each definition as written and as read, at the entry of a derivation."""
    from .._reading import read_each

    return list(zip(given, read_each(given, table), strict=True))


def substitute_given(e: sympy.Basic, given: Sequence, steps: list[Step]) -> sympy.Basic:
    """Replace each defined quantity (``a = \\sigma(z)``, ``z = W x + b``) by its definition;
    ``given`` as ``read_given`` read it."""
    rules = []
    for g, rel in given:
        if not isinstance(rel, sympy.Equality):
            raise DerivationError(f"`{g}` is not a definition `name = expression`")
        rules.append((rel.lhs, rel.rhs))
    for _ in range(len(rules) + 1):
        before = e
        for lhs, rhs in rules:
            if e.has(lhs):
                e = e.xreplace({lhs: rhs})
                steps.append(Step("substitute the definition of $%s$", e, (lhs,)))
        if e == before:
            break
    return e
