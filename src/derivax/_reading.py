r"""Text read at the edge: LaTeX and a symbol table into SymPy objects, once, for every stage.

The public functions (``derivax._api``, which the command line goes through) read what the user
wrote here and hand a stage a ``Source`` (or a ``Claim``): the SymPy object, the symbol table,
and the text as written, kept only to quote it in messages, titles and verdicts. A stage's
public entry still accepts a string from its other callers (catalog entries, check-doc, batch
files) and reads it here, once, before its internals run: no stage imports the LaTeX reader.

No reading happens in a budgeted worker: relations travel to it as pieces of SymPy objects
(``_verify._symbolic._split``), never as text, so this module is the one place text is read.

>>> s = read(r"\log(1 + e^{x})")
>>> s.expr, s.text
(log(exp(x) + 1), '\\log(1 + e^{x})')
>>> read(s) is s
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ._errors import DerivaxError, InputTypeError
from .symbols import SymbolTable, split_top_commas

if TYPE_CHECKING:
    import sympy


class Source(NamedTuple):
    """An expression as read: the SymPy object, its symbol table, and the LaTeX as written
    (``""`` for an object built in Python)."""

    expr: Any
    table: SymbolTable
    text: str


class Claim(NamedTuple):
    r"""A claim as read with its givens: the relation, the table, the givens that are relations,
    the pairs of random variables given independent (``X \perp Y``), the laws given
    (``X \sim \mathcal{N}(\mu, \sigma^2)``, as ``(name, family, parameters)``), and the text."""

    relation: Any
    table: SymbolTable
    givens: list
    pairs: frozenset
    laws: tuple
    text: str


def read(expr_or_latex: Any, symbols: SymbolTable | str | None = None) -> Source:
    """The ``Source`` of an expression: LaTeX is parsed through the table, a SymPy object kept,
    a catalog entry read with its own table, a ``Source`` returned as it is; anything else is
    refused, naming what is accepted."""
    if isinstance(expr_or_latex, Source):
        return expr_or_latex
    import sympy

    from .latex import parse

    if is_entry(expr_or_latex):
        if symbols is not None:
            raise InputTypeError(
                f"`{expr_or_latex.id}` is a catalog entry with its own symbol table; pass no "
                f"`symbols` with it (or pass its LaTeX with the table you mean)"
            )
        return Source(expr_or_latex.expression, expr_or_latex.table, expr_or_latex.latex)
    table = SymbolTable.coerce(symbols)
    if isinstance(expr_or_latex, str):
        return Source(parse(expr_or_latex, table), table, expr_or_latex)
    if not isinstance(expr_or_latex, sympy.Basic):
        raise InputTypeError(
            f"an expression is LaTeX (a str), a SymPy expression or a catalog entry "
            f"(`derivax.catalog()[id]`), not {type(expr_or_latex).__name__} "
            f"`{_brief(expr_or_latex)}`"
        )
    return Source(expr_or_latex, table, "")


def is_entry(obj: Any) -> bool:
    """Whether ``obj`` is a catalog entry (``derivax.catalog()[id]``): it has an id, its LaTeX,
    its parsed expression and its own table (the catalog package sits above this module)."""
    return all(hasattr(type(obj), a) for a in ("expression", "table")) and hasattr(obj, "id")


def _brief(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def read_each(items: Sequence, table: SymbolTable) -> list:
    """Each item read through the table (LaTeX parsed, SymPy objects kept), in order."""
    from .latex import parse

    return [parse(g, table) if isinstance(g, str) else g for g in items]


def read_name(name: str, table: SymbolTable) -> sympy.Basic | None:
    r"""The object a variable's name written in LaTeX reads to (``w_{j}``, ``\hat{y}``), or
    ``None`` where it does not read."""
    from .latex import parse

    try:
        return parse(name, table)
    except DerivaxError:
        return None


def read_claim(claim: Any, symbols: SymbolTable | str | None = None, given: Sequence = ()) -> Claim:
    r"""The ``Claim``: the givens first (a scalar a given defines by an expression of others,
    ``\ell = \log(1 + e^{-w})``, makes the claim's ``d\ell/dw`` a derivative of that
    expression), then the claim; a ``Claim`` is returned as it is."""
    if isinstance(claim, Claim):
        return claim
    if is_entry(claim):
        raise InputTypeError(
            f"`{claim.id}` is a catalog entry, a definition rather than a claim: "
            f"`derivax.catalog()['{claim.id}'].verify()` checks its examples, derivatives and "
            f"claims; pass a claim as LaTeX (or a SymPy relation)"
        )
    import sympy

    if not isinstance(claim, (str, sympy.Basic)):
        raise InputTypeError(
            f"a claim is LaTeX (a str) or a SymPy relation, not {type(claim).__name__} "
            f"`{_brief(claim)}`"
        )

    from ._calculus_nodes import opaque_in
    from ._family_sizes import apart_bound_indices, sized_families
    from ._numbered_members import instantiated_givens
    from .latex import parse

    table = functions_defined_by(given, SymbolTable.coerce(symbols))
    points, given = points_given(given, table)
    pairs, laws, rest = random_givens(given, table)
    givens = read_each(rest, table)
    defined = frozenset(
        g.lhs.name
        for g in givens
        if isinstance(g, sympy.Equality)
        and isinstance(g.lhs, sympy.Symbol)
        and g.rhs.free_symbols - {g.lhs}
    ) | frozenset(
        str(g.lhs.func)
        for g in givens
        if isinstance(g, sympy.Equality) and isinstance(g.lhs, sympy.core.function.AppliedUndef)
    )
    # a given that differentiates another given's name (g(w) = \frac{dJ}{dw} beside J(w) = ...)
    # read alone holds an opaque derivative: read again as the claim is, it is one of the
    # definition
    givens = [
        parse(g, table, defined) if isinstance(g, str) and defined and opaque_in(r) else r
        for g, r in zip(rest, givens, strict=True)
    ]
    rel = parse(claim, table, defined) if isinstance(claim, str) else claim
    text = claim if isinstance(claim, str) else str(claim)
    _refuse_approximations(claim, rel, givens)
    # a given about the family g_i holds at the members g_1, g_2 the claim names
    givens = instantiated_givens(rel, givens, table)
    instances = frozenset(
        g.lhs.name
        for g in givens
        if isinstance(g, sympy.Equality) and isinstance(g.lhs, sympy.Symbol) and g.rhs.free_symbols
    )
    if isinstance(claim, str) and not instances <= defined and opaque_in(rel):
        # \frac{\partial h_2}{\partial h_1} with h_2 defined by an instance of h_t = ...: read
        # again, a derivative of that definition
        rel = parse(claim, table, defined | instances)
    rel = primes_of_defined(rel, givens)
    rel, givens = at_points(rel, points), [at_points(g, points, given=True) for g in givens]
    # a family of scalars declared with its index (y_i: scalar) has the length its sums give
    rel, *givens = (apart_bound_indices(e) for e in sized_families([rel, *givens]))
    return Claim(rel, table, givens, pairs, laws, text)


def _refuse_approximations(claim: Any, rel: Any, givens: Sequence) -> None:
    r"""A claim or a given written with ``\approx`` (read as a definition where its left side is a
    name of its own) is no equality to decide: refused, whatever the verifier would find."""
    from ._calculus_nodes import Approximately, LabelledDefinition
    from ._errors import ParseError
    from .latex import APPROXIMATION_NOT_DECIDED, LABEL_NOT_DECIDED

    for e in (rel, *givens):
        if isinstance(e, Approximately):
            text = claim if isinstance(claim, str) and e is rel else str(e)
            raise ParseError(APPROXIMATION_NOT_DECIDED, text, max(text.find(r"\approx"), 0))
        if isinstance(e, LabelledDefinition):
            text = claim if isinstance(claim, str) and e is rel else str(e)
            raise ParseError(LABEL_NOT_DECIDED, text, 0)


def primes_of_defined(rel, givens: Sequence) -> Any:
    r"""``rel`` with each primed name whose unprimed name a given defines by an expression of one
    scalar variable (``y'`` with ``y = x^2``) written as the derivative by it (``rac{dy}{dx}``;
    ``y''`` the second); read alone, ``y'`` is a name of its own, free, and ``y' = 2x`` was
    refuted. A definition of several variables (``y = x z``) leaves the primed name as it is, and
    so does a primed name a given defines itself (``w' = w / M``, a scaled weight)."""
    import sympy

    if not isinstance(rel, sympy.Basic):
        return rel
    defined = {
        g.lhs.name: g.rhs
        for g in givens
        if isinstance(g, sympy.Equality) and isinstance(g.lhs, sympy.Symbol)
    }
    swap = {}
    for s in rel.free_symbols:
        name = getattr(s, "name", "")
        base, order = name.rstrip("'"), len(name) - len(name.rstrip("'"))
        if not order or base not in defined or name in defined:
            continue  # w' = w / M given: a name of its own, as the text defines it
        variables = [
            v
            for v in defined[base].free_symbols
            if isinstance(v, sympy.Symbol) and not v.is_integer
        ]
        if len(variables) == 1:
            unprimed = next(
                g.lhs
                for g in givens
                if isinstance(g, sympy.Equality) and getattr(g.lhs, "name", None) == base
            )
            swap[s] = sympy.Derivative(unprimed, (variables[0], order))
    return rel.xreplace(swap) if swap else rel


#: a given whose left side is a name applied to variables: ``f(x) = ...``, ``h_\theta(x, y) :=``
_APPLIED_LEFT = re.compile(
    r"\s*(?P<name>(?:\\(?:mathcal|mathrm|operatorname)\{[A-Za-z]+\}|\\[A-Za-z]+|[A-Za-z])"
    r"(?:_(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9]))?)\s*(?:\\left)?\((?P<args>[^()]*)(?:\\right)?\)"
    r"\s*(?:=|:=|\\coloneqq|\\triangleq|\\equiv|\\doteq)"
)
_VARIABLE = re.compile(
    r"\s*(?:\\[A-Za-z]+|[A-Za-z])(?:_(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9]))?\s*"
)


def functions_defined_by(given: Sequence, table: SymbolTable) -> SymbolTable:
    r"""``table`` with each undeclared name that a given defines as a function of variables
    (``f(x) = x^2``, ``h_\theta(x) := ...``) declared a function: read by the rule for undeclared
    letters, ``f(2x)`` in the claim would be f times 2x and the given f times x, and ``f(2x) =
    2f(x)`` would be proved. Side conditions: the arguments are distinct plain names, none of
    them the name itself (``x(1 - x) = c`` is a product); a name that already reads as a
    function when applied (``\sigma``, ``\log``) or that the table declares is left alone."""
    from .latex import parse
    from .symbols import Declaration, canonical

    added: dict[str, Declaration] = {}
    for g in given:
        m = _APPLIED_LEFT.match(g) if isinstance(g, str) else None
        if m is None:
            continue
        name, args = m.group("name"), split_top_commas(m.group("args"))
        plain_args = [a.strip() for a in args]
        if (
            not all(_VARIABLE.fullmatch(a) for a in args)
            or len(set(plain_args)) != len(plain_args)
            or name in plain_args
        ):
            continue
        try:
            canon = canonical(name)
        except DerivaxError:
            continue
        if table.resolve(canon) is not None or canon in added:
            continue
        try:
            applied = parse(f"{name}(x)", table)
        except DerivaxError:
            continue
        if applied.is_Mul:  # read as a product: the given means a function
            added[canon] = Declaration(canon, "function", declared=False)
    if not added:
        return table
    return SymbolTable({**{n: table[n] for n in table}, **added})


#: a given that names a point by its coordinates: ``X = (x_1, x_2)``, ``X_0 := (1, 1)``
_POINT = re.compile(
    r"\s*(?P<name>[A-Za-z](?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?)\s*(?:=|:=|\\coloneqq|\\triangleq)"
    r"\s*(?:\\left)?\((?P<coords>.*?)(?:\\right)?\)\s*"
)


def points_given(given: Sequence, table: SymbolTable) -> tuple[dict, list]:
    r"""The points the givens name by their coordinates (``X = (x_1, x_2)``, ``X_0 = (1, 1)``),
    as ``{symbol: coordinates}``, and the other givens. A function applied to a point is the
    function at its coordinates (``f(X_0)`` is ``f(1, 1)``), which a definition ``f(x_1, x_2) =
    ...`` then decides. Side conditions: the name is a letter with at most a subscript that the
    table does not declare (a declared vector stays a vector), there are at least two
    coordinates, and each reads; otherwise the given is left as it is."""
    points: dict = {}
    rest = []
    for g in given:
        m = _POINT.fullmatch(g) if isinstance(g, str) else None
        coords = split_top_commas(m.group("coords")) if m else []
        name = read_name(m.group("name"), table) if m and len(coords) >= 2 else None
        values = [read_name(c.strip(), table) for c in coords] if name is not None else []
        if (
            name is None
            or not getattr(name, "is_Symbol", False)
            or table.resolve(name.name) is not None
            or not values
            or any(v is None for v in values)
        ):
            rest.append(g)
            continue
        points[name] = tuple(values)
    return points, rest


def at_points(expr: Any, points: dict, given: bool = False) -> Any:
    r"""``expr`` with each function applied to a point alone applied to its coordinates; a given
    that defines a function of the point's name (``h(X) = X^2``, ``X`` its parameter) is left as
    it is."""
    if not points or not hasattr(expr, "replace"):
        return expr
    from sympy.core.function import AppliedUndef

    lhs = getattr(expr, "lhs", None)
    if given and isinstance(lhs, AppliedUndef) and any(a in points for a in lhs.args):
        return expr
    out = expr.replace(
        lambda e: isinstance(e, AppliedUndef) and len(e.args) == 1 and e.args[0] in points,
        lambda e: e.func(*points[e.args[0]]),
    )
    bare = sorted(str(p) for p in points if p in out.free_symbols)
    if bare:  # x^T x beside x = (1, 2): read alone, x would be a free scalar
        raise DerivaxError(
            f"`{bare[0]}` is named by its coordinates in a given, and derivax reads such a point "
            f"only as the argument of a function (`f({bare[0]})`); for `{bare[0]}` itself, declare "
            f"it a vector (`{bare[0]}: vector[n]`) and give its entries"
        )
    return out


def random_givens(given: Sequence, table: SymbolTable) -> tuple[frozenset, tuple, list]:
    r"""The givens about random variables that are no equations: ``X \perp Y`` (two declared
    random variables independent) as pairs of names, and ``X \sim \mathcal{N}(\mu, \sigma^2)``
    (``\operatorname{Bernoulli}(p)``, ``\operatorname{Poisson}(\lambda)``) as laws
    ``(name, family, arguments)``; and the other givens."""
    pairs, laws, rest = set(), [], []
    for g in given:
        perp = re.fullmatch(r"\s*(.+?)\s*\\perp\s*(.+?)\s*", g) if isinstance(g, str) else None
        law = re.fullmatch(r"\s*(.+?)\s*\\sim\s*(.+?)\s*", g) if isinstance(g, str) else None
        found = perp or law
        if found is None:
            rest.append(g)
            continue
        sides = found.groups()
        names = [table.resolve(x) for x in (sides if perp else sides[:1])]
        if any(n is None or not table[n].is_random or table[n].shape for n in names):
            raise DerivaxError(
                f"the given `{g}` is about random variables; "
                + ("both sides" if perp else "its left side")
                + " must be declared `random` scalars (`X, Y: random`)"
            )
        if perp:
            pairs.add(frozenset(names))
        else:
            laws.append((names[0], *_law(sides[1], table)))
    return frozenset(pairs), tuple(laws), rest


#: the named laws a given ``X \sim ...`` may state, by the words that name them, with the number
#: of their parameters
_LAWS = {
    "normal": ("normal", 2),
    "N": ("normal", 2),
    "Normal": ("normal", 2),
    "Gaussian": ("normal", 2),
    "Bernoulli": ("bernoulli", 1),
    "Ber": ("bernoulli", 1),
    "Bern": ("bernoulli", 1),
    "Poisson": ("poisson", 1),
    "Pois": ("poisson", 1),
}


def _law(text: str, table: SymbolTable) -> tuple[str, tuple]:
    from .latex import parse

    spelled = re.sub(r"\\(left|right)(?=[()])", "", text)
    m = re.fullmatch(r"(?:\\(?:mathcal|operatorname|text|mathrm)\{(\w+)\}|(\w+))\((.*)\)", spelled)
    family = _LAWS.get((m.group(1) or m.group(2)) if m else "")
    if m is None or family is None:
        raise DerivaxError(
            f"the law `{text}` is not read; derivax reads `\\mathcal{{N}}(\\mu, \\sigma^2)` (mean and "
            f"variance), `\\operatorname{{Bernoulli}}(p)` and `\\operatorname{{Poisson}}(\\lambda)`"
        )
    name, count = family
    parts = split_top_commas(m.group(3))
    if len(parts) != count or not all(p.strip() for p in parts):
        raise DerivaxError(f"the law `{text}` takes {count} parameter{'s' if count > 1 else ''}")
    return name, tuple(parse(p, table) for p in parts)
