"""The symbol table: reads the compact declaration syntax and hands out SymPy objects.

    x: vector[n]; W: matrix[m, n]; b: vector[m]
    p, q: simplex[n]
    alpha, eta: scalar, positive
    f, g: function
    phi: function, elementwise                 # applied to a vector or matrix entry by entry
    i, j, k: index;  n, m, d: dim
    S: spd[n]
    X, Y: random;  X: random[n], iid         # random variables (a vector of them)
    W: random[m, n], iid, independent        # a matrix of random variables

Undeclared names are real scalars (the one documented default). A random variable is stored as a
real scalar (a vector or matrix of real entries) marked ``random``: outside an expectation it is
one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .._errors import SymbolError, SymbolTableTypeError
from ._names import canonical, plain

if TYPE_CHECKING:
    import sympy

#: kind -> number of dimension arguments it takes
KINDS: dict[str, int] = {
    "scalar": 0,
    "vector": 1,
    "matrix": 2,
    "index": 0,
    "dim": 0,
    "function": 0,
    "simplex": 1,
    "spd": 1,
    "symmetric": 1,
    "identity": 1,
    "random": 0,  # or one or two: random[n] a vector, random[m, n] a matrix of random variables
    # a family of vectors, one per sample, taken from a declared data matrix: ``x_i: column[X]``
    # (column i of X), ``x^{(i)}: row[X]`` (row i of X)
    "column": 1,
    "row": 1,
    # class labels, one per sample: ``y: labels[m, k]`` is a vector of m whole numbers in 1..k, and
    # ``\mu_{y_i}`` with ``\mu: matrix[k, d]`` picks the row of example i's class
    "labels": 2,
    # one class label: ``y: label[k]`` is a whole number in 1..k, and ``z_y`` the entry of z at it
    "label": 1,
}
#: the kinds that name a family of vectors; their one argument is a declared matrix, not a size
FAMILY_KINDS = frozenset({"column", "row"})
QUALIFIERS = ("positive", "nonnegative", "integer", "unit", "iid", "independent", "elementwise")
#: qualifiers of random variables only: ``iid`` (the entries of a vector or matrix are
#: independent and identically distributed), ``independent`` (the random variables so declared
#: are mutually independent; the entries of a vector or matrix so declared too)
RANDOM_QUALIFIERS = frozenset({"iid", "independent"})
#: qualifiers of functions only: ``elementwise`` (a scalar function such as an activation, applied
#: to a vector or matrix entry by entry: ``\phi(z)`` is the vector of the ``\phi(z_i)``, and
#: ``\phi'(z)`` the vector of the ``\phi'(z_i)``)
FUNCTION_QUALIFIERS = frozenset({"elementwise"})
_KIND_SPELLING = (
    "scalar, vector[n], matrix[m,n], index, dim, function, simplex[n], spd[n], symmetric[n], "
    "identity[n], random, random[n], random[m, n], column[X], row[X], labels[m, k], label[k]"
)
_QUALIFIER_KINDS = {"scalar", "vector", "matrix", "simplex", "spd", "symmetric", "function"}


@dataclass(frozen=True)
class Declaration:
    """One declared name: its canonical LaTeX spelling, kind, shape (dimension names) and qualifiers."""

    name: str
    kind: str
    shape: tuple[str, ...] = ()
    qualifiers: frozenset[str] = field(default_factory=frozenset)
    declared: bool = True
    #: the number of classes of a vector of labels (``y: labels[m, k]``: entries in 1..k)
    classes: str | None = None

    @property
    def is_random(self) -> bool:
        """A random variable (``X: random``), a vector (``X: random[n]``) or a matrix
        (``W: random[m, n]``) of them."""
        return "random" in self.qualifiers

    @property
    def plain(self) -> str:
        """The plain identifier form (``\\hat{y}`` -> ``y_hat``)."""
        return plain(self.name)

    @property
    def is_array(self) -> bool:
        return self.kind in {"vector", "matrix", "simplex", "spd", "symmetric"}

    @property
    def is_family(self) -> bool:
        """A family of vectors taken from a data matrix (``x_i: column[X]``)."""
        return self.kind in FAMILY_KINDS

    @property
    def rank(self) -> int:
        """0 for scalars, 1 for vectors and simplices, 2 for matrices."""
        if self.kind in {"vector", "simplex"}:
            return 1
        if self.kind in {"matrix", "spd", "symmetric"}:
            return 2
        return 0

    def assumptions(self) -> dict[str, bool]:
        """SymPy assumptions for the scalar (or the entries) this declaration names."""
        q = self.qualifiers
        if self.kind == "dim":
            return {"integer": True, "positive": True}
        if self.kind == "index":
            return {"integer": True}
        out: dict[str, bool] = {"real": True}
        if "positive" in q:
            out["positive"] = True
        if "nonnegative" in q or "unit" in q or self.kind == "simplex":
            out["nonnegative"] = True
        if "integer" in q:
            out["integer"] = True
        return out

    def __str__(self) -> str:
        if self.classes is not None and not self.shape:
            return f"{self.name}: label[{self.classes}]"
        if self.classes is not None:
            return f"{self.name}: labels[{self.shape[0]}, {self.classes}]"
        word = "random" if self.is_random else self.kind
        kind = f"{word}[{', '.join(self.shape)}]" if self.shape else word
        return ", ".join([f"{self.name}: {kind}", *sorted(self.qualifiers - {"random"})])


class SymbolTable(Mapping[str, Declaration]):
    """Declarations by canonical name; lookups accept LaTeX or plain spellings.

    >>> t = SymbolTable.parse("x: vector[n]; alpha: scalar, positive")
    >>> t["\\\\alpha"].qualifiers == {"positive"}, t["x"].shape, t["n"].kind
    (True, ('n',), 'dim')
    """

    def __init__(self, declarations: Mapping[str, Declaration] | None = None):
        self._decls: dict[str, Declaration] = dict(declarations or {})
        self._plain = {d.plain: d.name for d in self._decls.values()}

    # -- reading -----------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str | None) -> SymbolTable:
        return parse_symbols(text)

    @classmethod
    def coerce(cls, symbols: SymbolTable | str | None) -> SymbolTable:
        if isinstance(symbols, SymbolTable):
            return symbols
        return parse_symbols(symbols)

    # -- mapping -----------------------------------------------------------------------------
    def resolve(self, name: str) -> str | None:
        """The canonical name a spelling refers to, if it is declared."""
        if name in self._decls:
            return name
        if name in self._plain:
            return self._plain[name]
        try:
            c = canonical(name)
        except SymbolError:
            return None
        return c if c in self._decls else None

    def __getitem__(self, name: str) -> Declaration:
        key = self.resolve(name)
        if key is None:
            raise KeyError(name)
        return self._decls[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decls)

    def __len__(self) -> int:
        return len(self._decls)

    def __repr__(self) -> str:
        return f"SymbolTable({self.to_text()!r})"

    def to_text(self) -> str:
        """The table in the compact syntax it was read from (one entry per name)."""
        return "; ".join(str(d) for d in self._decls.values())

    def declaration(self, name: str) -> Declaration:
        """The declaration of ``name``, or the documented default (a real scalar). A name no
        table could declare (a summation dummy's ``_i``, a name read whole such as
        ``I(\\mathbf{x})``) has the default under the name as it is."""
        try:
            key = self.resolve(name)
            return (
                self._decls[key]
                if key is not None
                else Declaration(canonical(name), "scalar", declared=False)
            )
        except SymbolError:
            return Declaration(name, "scalar", declared=False)

    def names_a_value(self, name: str) -> bool:
        """Whether ``name`` is declared a value, neither an index nor a size (``t: scalar,
        integer``, Adam's step; ``z: vector[n], integer``, whose symbol is an integer too):
        never an output axis or a dimension, whatever its qualifiers."""
        key = self.resolve(name)
        return key is not None and self[key].kind not in ("index", "dim")

    @cached_property
    def multi_letter_names(self) -> tuple[str, ...]:
        """Declared names written as several plain letters (``lr``), longest first."""
        words = []
        for d in self._decls.values():
            m = re.fullmatch(r"\\mathrm\{([A-Za-z]+)\}", d.name)
            if m:
                words.append(m.group(1))
        return tuple(sorted(words, key=len, reverse=True))

    # -- SymPy objects -----------------------------------------------------------------------
    def dim(self, name: str | int) -> sympy.Expr:
        """The size named ``name``: an integer literal or a positive integer symbol."""
        import sympy

        if isinstance(name, int) or str(name).isdigit():
            return sympy.Integer(int(name))
        shift = _SHIFTED.search(str(name))
        if shift is not None:  # n+1
            return self.dim(str(name)[: shift.start()]) + int(shift.group(0).split("+")[1])
        return sympy.Symbol(canonical(str(name)), integer=True, positive=True)

    def terms(self, index: str) -> sympy.Expr | None:
        """The number of terms of a sum over ``index`` whose range is not written (``\\sum_i``):
        the dim ``N_{i}``, one symbol per index letter (so two such sums over ``i`` in one
        statement run over the same terms); None where the table gives that name a meaning of
        its own.

        >>> SymbolTable.coerce("i: index").terms("i")
        N_{i}
        """
        name = f"N_{{{index}}}"
        return None if self.resolve(name) is not None else self.dim(name)

    def shape_of(self, name: str) -> tuple[sympy.Expr, ...]:
        return tuple(self.dim(s) for s in self.declaration(name).shape)

    def scalar(self, name: str) -> sympy.Symbol:
        import sympy

        d = self.declaration(name)
        if d.classes is not None and not d.shape:
            from ._label import Label

            return Label(d.name, **d.assumptions())
        return sympy.Symbol(d.name, **d.assumptions())

    def indexed(self, name: str) -> sympy.IndexedBase:
        """The array ``name`` in index notation (entries numbered from 1)."""
        import sympy

        d = self.declaration(name)
        shape = self.shape_of(name) or None
        if d.kind in {"spd", "symmetric"} and shape:
            shape = (shape[0], shape[0])
        return sympy.IndexedBase(d.name, shape=shape, **d.assumptions())

    def matrix(self, name: str) -> sympy.MatrixSymbol:
        """The array ``name`` in matrix notation; a vector is a column ``n x 1``."""
        import sympy

        d = self.declaration(name)
        shape = self.shape_of(name)
        if d.kind in {"spd", "symmetric"}:
            shape = (shape[0], shape[0])
        if len(shape) == 1:
            shape = (shape[0], sympy.Integer(1))
        return sympy.MatrixSymbol(d.name, *shape)

    def function(self, name: str) -> sympy.FunctionClass:
        import sympy

        d = self.declaration(name)
        return sympy.Function(d.name, real=True)

    def symbol(self, name: str) -> sympy.Basic:
        """The SymPy object the reader makes for ``name`` (LaTeX or plain spelling): a ``Symbol``
        with its assumptions for scalars, sizes and indices, a ``MatrixSymbol`` for arrays (a vector is
        a column), an ``Identity`` for an identity, a ``Function`` for a function; an undeclared name
        is a real scalar.

        >>> t = parse_symbols("alpha: scalar, positive; x: vector[n]")
        >>> t.symbol("alpha"), t.symbol("x").shape, t.symbol("beta").is_real
        (\\alpha, (n, 1), True)
        """
        import sympy

        key = self.resolve(name)
        if key is None:
            return sympy.Symbol(canonical(name), real=True)
        d = self._decls[key]
        if d.kind in ("scalar", "index", "dim"):
            return self.scalar(key)
        if d.kind == "function":
            return self.function(key)
        if d.kind == "identity":
            return sympy.Identity(self.dim(d.shape[0]))
        return self.matrix(key)

    def merged(self, other: SymbolTable) -> SymbolTable:
        """This table with ``other``'s declarations added (``other`` wins on a clash)."""
        return SymbolTable({**self._decls, **other._decls})


class SizesMet(SymbolTable):
    """A table in which some declared sizes are one size: ``met`` maps a dim's canonical name
    to the name of the dim it equals (``{"N": "D"}``). Every size and every use of the dropped
    name as a number is the kept one, so that a formula adding an N x N array to a D x D one is
    read where the two meet. Only check-doc's reading of a step whose shapes do not fit uses
    it, and never through the verdict cache (its declarations are the original table's)."""

    def __init__(self, declarations: Mapping[str, Declaration] | None, met: Mapping[str, str]):
        super().__init__(declarations)
        self.met = dict(met)

    def dim(self, name: str | int) -> sympy.Expr:
        if isinstance(name, str) and canonical(name) in self.met:
            name = self.met[canonical(name)]
        return super().dim(name)

    def scalar(self, name: str) -> sympy.Symbol:
        d = self.declaration(name)
        if d.kind == "dim" and d.name in self.met:
            return self.dim(d.name)
        return super().scalar(name)

    def merged(self, other: SymbolTable) -> SymbolTable:
        return SizesMet({**self._decls, **other._decls}, self.met)

    def __reduce__(self):
        return (SizesMet, (self._decls, self.met))


_ENTRY = re.compile(r"^(?P<names>[^:]+):(?P<spec>.*)$", re.S)
_KIND = re.compile(r"^\s*(?P<kind>[A-Za-z_]+)\s*(?:\[(?P<dims>[^\]]*)\])?\s*$")


def _split_entries(text: str) -> list[str]:
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    return [e.strip() for e in ";".join(lines).split(";") if e.strip()]


def split_top_commas(text: str) -> list[str]:
    """Split at commas outside brackets and braces (``matrix[m, n], positive``)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts]


def parse_symbols(text: str | None) -> SymbolTable:
    """Read a symbol table in the compact syntax.

    >>> parse_symbols("W: matrix[m, n]; b: vector[m]")["W"].shape
    ('m', 'n')
    """
    if text is None or not str(text).strip():
        return SymbolTable()
    if not isinstance(text, str):
        raise SymbolTableTypeError(
            f"a symbol table is a string such as `x: vector[n]; n: dim`, not {type(text).__name__}"
        )
    decls: dict[str, Declaration] = {}
    implied_dims: list[str] = []
    for entry in _split_entries(text):
        m = _ENTRY.match(entry)
        if not m:
            raise SymbolError(
                f"symbol entry `{entry}` has no `:`; write `NAMES: KIND[, QUALIFIERS]`, "
                f"for example `x: vector[n]` or `alpha, eta: scalar, positive`"
            )
        names = [n.strip() for n in split_top_commas(m.group("names"))]
        spec = split_top_commas(m.group("spec"))
        kind, dims = _kind_and_sizes(entry, names, spec)
        kind, quals = _qualifiers(names, spec, kind, dims)
        canon_dims = tuple(_canonical_size(d) for d in dims)
        classes = None
        if kind == "label":
            # one label: a whole number from 1 to the number of classes
            kind, quals, classes = "scalar", frozenset({"integer", "positive"}), canon_dims[0]
            if "+" in classes:
                raise SymbolError(
                    f"the number of classes of `{', '.join(names)}: label[{dims[0]}]` is a "
                    f"dimension name or a positive integer, as in `label[k]`"
                )
        if kind == "labels":
            # stored as the vector it is: whole numbers from 1 to the number of classes
            kind, quals, classes = "vector", frozenset({"integer", "positive"}), canon_dims[1]
            if "+" in classes:
                raise SymbolError(
                    f"the number of classes of `{', '.join(names)}: labels[{', '.join(dims)}]` is "
                    f"a dimension name or a positive integer, as in `labels[m, k]`"
                )
        for raw in names:
            if not raw:
                raise SymbolError(f"symbol entry `{entry}` has an empty name")
            try:
                name = canonical(raw)
            except SymbolError as e:
                raise SymbolError(f"cannot read symbol name `{raw}`: {e}") from None
            if name in decls:
                raise SymbolError(
                    f"`{raw}` is declared twice (as `{decls[name]}` and as `{entry}`)"
                )
            shape = (
                canon_dims[:1] if classes and kind != "scalar" else () if classes else canon_dims
            )
            decls[name] = Declaration(name, kind, shape, quals, classes=classes)
        if kind not in FAMILY_KINDS:
            implied_dims.extend(_SHIFTED.sub("", d) for d in canon_dims if not d.isdigit())
    _check_families(decls)
    for d in implied_dims:
        if d not in decls:
            decls[d] = Declaration(d, "dim")
        elif decls[d].kind != "dim":
            raise SymbolError(
                f"`{d}` is used as a size but declared `{decls[d].kind}`; declare it `dim`"
            )
    return SymbolTable(decls)


def _check_families(decls: dict[str, Declaration]) -> None:
    """A family's data matrix is declared a matrix, and its name carries the index of a member
    (``x_i``, ``x^{(i)}``): otherwise the declaration would name nothing to read."""
    for d in decls.values():
        if not d.is_family:
            continue
        parent = decls.get(d.shape[0])
        if parent is None or parent.rank != 2:
            raise SymbolError(
                f"`{d.name}: {d.kind}[{d.shape[0]}]` takes its members from a matrix, but "
                f"`{d.shape[0]}` is not declared one; declare it, as in `{d.shape[0]}: matrix[n, d]`"
            )
        if not re.fullmatch(r".+_\{?[A-Za-z]\}?|.+\^\{\([A-Za-z]\)\}", d.name):
            raise SymbolError(
                f"`{d.name}: {d.kind}[{d.shape[0]}]` names no member: write the family with the "
                f"index of its members, as in `x_i: column[{d.shape[0]}]` or "
                f"`x^{{(i)}}: row[{d.shape[0]}]`"
            )


#: a size written as a dimension plus a whole number (``vector[n+1]``: an intercept's entry 0)
_SHIFTED = re.compile(r"\s*\+\s*[1-9][0-9]*$")


def _canonical_size(d: str) -> str:
    """``n``, ``3``, or ``n+1`` as the table keeps it."""
    if d.isdigit():
        return d
    shift = _SHIFTED.search(d)
    if shift is None:
        return canonical(d)
    return f"{canonical(d[: shift.start()])}+{shift.group(0).split('+')[1].strip()}"


def _kind_and_sizes(entry: str, names: list[str], spec: list[str]) -> tuple[str, list[str]]:
    """The kind an entry declares and its sizes as written (``matrix[m, n]`` -> matrix, [m, n]),
    or a SymbolError naming what is accepted."""
    if not spec or not spec[0]:
        raise SymbolError(f"symbol entry `{entry}` names no kind; expected one of {_KIND_SPELLING}")
    km = _KIND.match(spec[0])
    kind = km.group("kind") if km else spec[0]
    if not km or kind not in KINDS:
        raise SymbolError(
            f"unknown kind `{spec[0]}` for `{', '.join(names)}`; expected one of {_KIND_SPELLING}"
        )
    dims = [d.strip() for d in (km.group("dims") or "").split(",") if d.strip()]
    if kind == "random" and len(dims) <= 2:
        pass  # random (a scalar), random[n] (a vector), random[m, n] (a matrix of them)
    elif len(dims) != KINDS[kind]:
        want = {
            0: "no size",
            1: f"one size, as in `{kind}[n]`",
            2: "two sizes, as in `labels[m, k]` (m labels in 1..k)"
            if kind == "labels"
            else "two sizes, as in `matrix[m, n]`",
        }
        raise SymbolError(f"kind `{spec[0]}` for `{', '.join(names)}` takes {want[KINDS[kind]]}")
    for d in dims:
        name = _SHIFTED.sub("", d)
        if not (d.isdigit() and int(d) > 0) and not re.fullmatch(
            r"[A-Za-z\\][A-Za-z0-9_{}\\]*", name
        ):
            raise SymbolError(
                f"size `{d}` of `{', '.join(names)}` is neither a positive integer nor a dimension "
                f"name, nor a dimension name plus a whole number (`n+1`)"
            )
    return kind, dims


def _qualifiers(
    names: list[str], spec: list[str], kind: str, dims: list[str]
) -> tuple[str, frozenset[str]]:
    """The qualifiers of an entry, checked against its kind; a ``random`` entry is stored as the
    scalar or vector it is outside an expectation, qualified ``random``."""
    quals = frozenset(q.strip() for q in spec[1:] if q.strip())
    bad = sorted(quals - set(QUALIFIERS))
    if bad:
        raise SymbolError(
            f"unknown qualifier `{bad[0]}` for `{', '.join(names)}`; expected any of {', '.join(QUALIFIERS)}"
        )
    if quals & RANDOM_QUALIFIERS and kind != "random":
        raise SymbolError(
            f"`{sorted(quals & RANDOM_QUALIFIERS)[0]}` qualifies random variables; declare "
            f"`{', '.join(names)}: random` (or `random[n]`, `random[m, n]` for a vector or matrix "
            f"of them)"
        )
    if quals & FUNCTION_QUALIFIERS and kind != "function":
        raise SymbolError(
            f"`elementwise` qualifies functions applied entry by entry; declare "
            f"`{', '.join(names)}: function, elementwise`"
        )
    if "iid" in quals and not dims:
        raise SymbolError(
            f"`iid` says the entries of a vector (or matrix) of random variables are independent "
            f"and identically distributed; declare `{', '.join(names)}: random[n], iid` (or "
            f"`random[m, n], iid`), or "
            f"`{', '.join(names)}: random, independent` for independent scalars"
        )
    if kind == "random":
        # stored as what it is outside an expectation: a real scalar, a vector or a matrix
        kind, quals = ("scalar", "vector", "matrix")[len(dims)], quals | {"random"}
    if quals and kind not in _QUALIFIER_KINDS:
        raise SymbolError(
            f"kind `{kind}` of `{', '.join(names)}` takes no qualifiers, got `{', '.join(sorted(quals))}`"
        )
    if {"positive", "nonnegative"} <= quals:
        raise SymbolError(
            f"`{', '.join(names)}` is declared both positive and nonnegative; choose one"
        )
    return kind, quals
