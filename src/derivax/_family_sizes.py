r"""The length of a family of scalars declared with its index (``y_i: scalar``, ``y^{(i)}:
scalar``, ``x_{ij}: scalar``): read off the sums that run over it, or the arrays its free index
picks entries of.

A table that declares ``y_i: scalar`` and ``i: index`` says there is one ``y_i`` for each
``i``, not how many. Where a claim or its givens sum ``y_i`` over ``i = 1, \dots, m``, the
family has (at least) m members, and ``y`` reads as a vector of length m; where ``i`` is free
and picks an entry of an array of known length n (``x^{(i)}`` a row of an m x n matrix), the
family has that many.

Side conditions, each a case that would break the rule, left unsized (so the numeric test says
it cannot tell the length, as before) rather than guessed:

- a sum from anything but 1 (``\sum_{i=0}^{n} \theta_i x_i``): the arrays are indexed from 1,
  and an entry 0 would be out of range;
- two different ranges (``\sum_{i=1}^m`` and ``\sum_{i=1}^n``, or a written range beside an
  unwritten one): which is the family's length is not said;
- an entry picked by anything but a plain index (``y_1``, ``y_{i+1}``): whether it lies inside
  the range is not known before the sizes are sampled, and an array access out of range would
  be clamped without a word;
- a family whose index is free and picks entries of no array of known length, or of two of
  different lengths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ._members import Member

_UNKNOWN = object()  # an axis whose length cannot be read


def sized_families(exprs: Sequence[sympy.Basic]) -> list[sympy.Basic]:
    """``exprs`` with every family of scalars whose length they determine given that length
    (the same length in every expression: they are read together, a claim and its givens)."""
    exprs = _members_throughout(list(exprs))
    unsized = {b for e in exprs if isinstance(e, sympy.Basic) for b in e.atoms(sympy.IndexedBase)}
    unsized = {b for b in unsized if b.shape is None}
    if not unsized:
        return exprs
    lengths: dict[sympy.IndexedBase, list] = {}
    for e in exprs:
        if _entry_pattern(e, unsized):
            # \hat{y}_i = \theta_0 + \theta_1 x_{i1} + ...: the right side's i runs as the
            # defined family's does
            bound = {ix: ("as", e.lhs.base, k) for k, ix in enumerate(e.lhs.indices)}
            _collect(e.lhs, {}, unsized, lengths)
            _collect(e.rhs, bound, unsized, lengths)
        elif isinstance(e, sympy.Basic):
            _collect(e, {}, unsized, lengths)
    free_sizes = _free_index_sizes(exprs)
    mapping: dict = {}
    ranges: dict = {}  # an unwritten range (N_{i}) -> the family's length it runs over
    for _ in range(3):  # a family whose length is another's is sized after it
        for base, axes in lengths.items():
            axes = [[_as(x, mapping) for x in axis] for axis in axes]
            shape = [_axis_length(axis, free_sizes, ranges) for axis in axes]
            if all(x is not None for x in shape):
                mapping[base] = sympy.IndexedBase(base.label, shape=tuple(shape))
    names = {
        s.name
        for e in exprs
        if isinstance(e, sympy.Basic)
        for s in e.xreplace({x: sympy.Dummy() for x in e.atoms(sympy.Indexed)}).free_symbols
        if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy)
    }
    # y_1 beside \sum_{i=1}^3 y_i is read as a name of its own, not entry 1 of the family:
    # sized, the family would be sampled apart from it (\sum_{i=1}^3 y_i = y_1 + y_2 + y_3 was
    # refuted); left unsized, such a claim gets no numeric test, as before
    mapping = {b: v for b, v in mapping.items() if not _named_by_number(b, names)}
    if not mapping:
        return exprs
    # a family y_i beside a scalar y of its own (undeclared, or declared apart): the family's
    # array takes another name, or the two would be one input of two shapes
    for base, sized in list(mapping.items()):
        label = base.label
        if isinstance(label, sympy.Symbol) and label.name in names:
            renamed = sympy.Symbol(f"{label.name}_{{\\cdot}}", **label.assumptions0)
            mapping[base] = sympy.IndexedBase(renamed, shape=sized.shape)
    for unwritten, length in ranges.items():
        if length is not _UNKNOWN:
            mapping[unwritten] = length
    return [_replace(e, mapping) for e in exprs]


def _named_by_number(base, names: set[str]) -> bool:
    """Whether ``names`` hold an entry of the family ``base`` written with a number as a name of
    its own: ``y_1``, ``y_{12}`` of ``y``, ``y^{(2)}`` of the samples ``y^{(\\cdot)}``."""
    label = str(base.label)
    if label.endswith("^{(\\cdot)}"):
        pattern = re.escape(label[: -len("^{(\\cdot)}")]) + r"\^\{\(\d+\)\}"
    else:
        pattern = re.escape(label) + r"_(?:\{\d+\}|\d)"
    return any(re.fullmatch(pattern, n) for n in names)


def _entry_pattern(e, unsized: set) -> bool:
    """A definition of every entry of a family: ``y_i = ...`` with ``i`` a plain index."""
    return (
        isinstance(e, sympy.Equality)
        and isinstance(e.lhs, sympy.Indexed)
        and e.lhs.base in unsized
        and all(isinstance(i, sympy.Symbol) and not i.is_positive for i in e.lhs.indices)
        and len(set(e.lhs.indices)) == len(e.lhs.indices)
    )


def _as(x, mapping: dict):
    """An index running as a family's axis does: that axis's length once known, else nothing."""
    if isinstance(x, tuple) and x[0] == "as":
        sized = mapping.get(x[1])
        return sized.shape[x[2]] if sized is not None else None
    return x


def _axis_length(axis: list, free_sizes: dict, ranges: dict):
    """The length one axis of a family has, from what its entries say (``_collect``), or None.
    A sum over the family's index with no range written (``\\sum_i``, read ``1..N_{i}``) runs
    over every member: where a written range or an array gives the length, ``N_{i}`` is that
    length (recorded in ``ranges``)."""
    found = [free_sizes.get(x) if isinstance(x, _Free) else x for x in axis]
    least = [x[1] for x in found if isinstance(x, tuple)]  # entries named by a number
    sizes = {str(x): x for x in found if x is not None and not isinstance(x, tuple)}
    unwritten = [x for x in sizes.values() if _is_unwritten(x)]
    written = [x for x in sizes.values() if not _is_unwritten(x)]
    if not written and not unwritten and least:
        # only entries named by a number or a size (x_{i1}, x_{ip}): the largest of them is as
        # many members as the expressions use, and any more would change nothing
        written = [c for c in least if all(sympy.simplify(c - d).is_nonnegative for d in least)]
        written = written[:1]
    if _UNKNOWN in written or len(written) > 1 or (not written and len(unwritten) != 1):
        return None
    length = written[0] if written else unwritten[0]
    # x_{i1} and x_{ip} of a family of p: entry 1 is in every family, entry p in this one
    if any(not (c == 1 or sympy.simplify(length - c).is_nonnegative) for c in least):
        return None
    for u in unwritten:
        if u != length:
            ranges[u] = length if ranges.get(u, length) == length else _UNKNOWN
    return length


def _is_unwritten(size) -> bool:
    """``N_{i}``: the number of terms the reader gives a sum over ``i`` with no range written."""
    return isinstance(size, sympy.Symbol) and bool(_UNWRITTEN.fullmatch(size.name))


_UNWRITTEN = re.compile(r"N_\{[A-Za-z]\}")


def _replace(e, mapping: dict):
    """``e`` with the families sized; a relation stays unevaluated (``s = s + 1`` is a claim,
    not ``False``)."""
    if isinstance(e, sympy.core.relational.Relational):
        return type(e)(_replace(e.lhs, mapping), _replace(e.rhs, mapping), evaluate=False)
    if isinstance(e, sympy.And | sympy.Or | sympy.Not):
        return type(e)(*(_replace(a, mapping) for a in e.args), evaluate=False)
    return e.xreplace(mapping) if isinstance(e, sympy.Basic) else e


def _members_throughout(exprs: list) -> list:
    r"""A declared ``y^{(i)}`` (or ``y_i``, ``x_{ij}``) is read as entry ``i`` of the family under a
    sum over ``i``, and as a name of its own elsewhere; where the expressions read together hold
    both (a given ``L = \prod_i P(y^{(i)} \mid x^{(i)})`` and a definition of ``P(y^{(i)} \mid
    x^{(i)})`` with ``i`` free), the name is the entry with ``i`` free, so that the two are one
    quantity. So is a declared sample on the right of a definition of every entry by the same
    index (``\epsilon^{(i)}`` of ``y^{(i)} = \theta^T x^{(i)} + \epsilon^{(i)}``: entry k of y
    holds entry k of the noise). Side condition: the family is read as an entry somewhere (or
    the definition makes it one), and each letter of the index is an index symbol of the
    expressions (``\theta_{t-1}`` stays a name)."""
    for _ in range(3):  # a definition made one of entries makes the names on its right entries
        mapping = _entry_names(exprs)
        if not mapping:
            break
        exprs = [_replace(e, mapping) for e in exprs]
    return exprs


def _entry_names(exprs: list) -> dict:
    """The names of ``exprs`` to read as entries of their family (``_members_throughout``)."""
    bases = {
        str(b.label): b
        for e in exprs
        if isinstance(e, sympy.Basic)
        for b in e.atoms(sympy.IndexedBase)
        if isinstance(b.label, sympy.Symbol)
    }
    indices = {
        s.name: s
        for e in exprs
        if isinstance(e, sympy.Basic)
        for node in sympy.preorder_traversal(e)
        if isinstance(node, sympy.Indexed)
        for s in node.indices
        if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy)
    }
    mapping = {}
    for e in exprs:
        if not isinstance(e, sympy.Basic):
            continue
        # the index letters of a definition of every entry (y^{(i)} = ... , i free)
        pattern = (
            {s.name for s in e.lhs.indices if isinstance(s, sympy.Symbol)}
            if isinstance(e, sympy.Equality) and isinstance(e.lhs, sympy.Indexed)
            else set()
        )
        for sym in e.free_symbols:
            if not isinstance(sym, sympy.Symbol) or isinstance(sym, sympy.Dummy):
                continue
            found = _FAMILY_NAME.fullmatch(sym.name) or _SAMPLE_NAME.fullmatch(sym.name)
            if found is None:
                continue
            family = found["base"] if found.re is _FAMILY_NAME else f"{found['base']}^{{(\\cdot)}}"
            letters = list(found["index"] or found.groupdict().get("one") or "")
            if not all(x in indices for x in letters):
                continue
            base = bases.get(family)
            if base is None and letters and set(letters) <= pattern and found.re is _SAMPLE_NAME:
                base = sympy.IndexedBase(sympy.Symbol(family, **sym.assumptions0))
            if base is None:
                continue
            uses = {
                len(node.indices)
                for x in exprs
                if isinstance(x, sympy.Basic)
                for node in x.atoms(sympy.Indexed)
                if node.base == base
            }
            if uses <= {len(letters)}:
                mapping[sym] = base[tuple(indices[x] for x in letters)]
    return mapping


#: a declared entry of a family by its index letters: ``y_i``, ``x_{ij}``, ``\hat{y}_i``
_FAMILY_NAME = re.compile(r"(?P<base>.+?)_(?:\{(?P<index>[a-z]{1,3})\}|(?P<one>[a-z]))")
#: a declared sample: ``y^{(i)}``
_SAMPLE_NAME = re.compile(r"(?P<base>.+?)\^\{\((?P<index>[a-z])\)\}")


class _Free:
    """A free index of an access: its length is the length of the arrays it picks from."""

    def __init__(self, index: sympy.Symbol):
        self.index = index

    def __hash__(self) -> int:
        return hash(self.index)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Free) and other.index == self.index


def _collect(e, bound: dict, unsized: set, lengths: dict) -> None:
    """For each unsized family, per axis, what each of its entries says of the length: the upper
    bound of the sum over a bound index, ``_Free`` for a free one,
    ``_UNKNOWN`` for anything else."""
    if isinstance(e, (sympy.Sum, sympy.Product)):
        inner = dict(bound)
        for lim in e.limits:
            if len(lim) == 3:
                inner[lim[0]] = (lim[1], lim[2])
            else:
                inner[lim[0]] = None
        _collect(e.function, inner, unsized, lengths)
        for lim in e.limits:
            for x in lim[1:]:
                _collect(x, bound, unsized, lengths)
        return
    if isinstance(e, sympy.Indexed) and e.base in unsized:
        axes = lengths.setdefault(e.base, [[] for _ in e.indices])
        if len(axes) != len(e.indices):
            axes.append([_UNKNOWN])  # used with different numbers of indices
            return
        for k, ix in enumerate(e.indices):
            axes[k].append(_length(ix, bound))
            if not isinstance(ix, sympy.Symbol):
                _collect(ix, bound, unsized, lengths)
        return
    for a in e.args:
        if isinstance(a, sympy.Basic):
            _collect(a, bound, unsized, lengths)


def _length(ix, bound: dict):
    if (ix.is_Integer and ix >= 1) or (isinstance(ix, sympy.Symbol) and ix.is_positive):
        return ("at least", ix)  # x_1, x_p: the family has that many members
    if not isinstance(ix, sympy.Symbol) or not ix.is_integer:
        return _UNKNOWN
    if ix in bound:
        limits = bound[ix]
        if limits is not None and limits[0] == "as":
            return limits
        if limits is None or limits[0] != 1:
            return _UNKNOWN
        return limits[1]
    return _Free(ix)


def _free_index_sizes(exprs) -> dict:
    """The length each free index picks from in arrays of known length (entry i of ``x:
    vector[n]``, row i of ``X: matrix[m, n]``), where all of them agree; ``_UNKNOWN`` where they
    do not. An entry under a sum over its index says nothing of the free index spelled alike."""
    seen: dict[sympy.Symbol, dict] = {}  # by spelling: one size may be read with two sets of
    # assumptions (a matrix's rows and its entries' range)

    def walk(node, bound: frozenset) -> None:
        if isinstance(node, sympy.Sum | sympy.Product):
            walk(node.function, bound | {lim[0] for lim in node.limits})
            return
        pairs: list = []
        if isinstance(node, sympy.Indexed) and node.base.shape is not None:
            pairs = list(zip(node.indices, node.base.shape, strict=False))
        elif isinstance(node, MatrixElement):
            # numbered from 0, unlike a family's entries: no evidence of a length
            pairs = [(node.i, _UNKNOWN), (node.j, _UNKNOWN)]
        elif isinstance(node, Member):  # row i of an m x n matrix: i runs over m
            pairs = [(node.index, node.parent.shape[node.axis])]
        for ix, size in pairs:
            if isinstance(ix, sympy.Symbol) and ix not in bound:
                seen.setdefault(ix, {}).setdefault(str(size), size)
        for a in node.args:
            if isinstance(a, sympy.Basic):
                walk(a, bound)

    for e in exprs:
        if isinstance(e, sympy.Basic):
            walk(e, frozenset())
    return {
        _Free(s): (next(iter(sizes.values())) if len(sizes) == 1 else _UNKNOWN)
        for s, sizes in seen.items()
    }


def apart_bound_indices(e):
    r"""``e`` with the variable of every sum or product that is also free elsewhere in ``e``
    renamed: in ``\sum_{i=1}^m (y_i - \bar y)^2 = (y_i - \bar y)^2`` the right side's ``i`` is
    free (the claim is said of each i) and the left side's is another letter that happens to be
    spelled alike. Without the renaming the free ``i`` would be taken for the bound one and the
    claim left without a numeric test. A relation stays unevaluated."""
    if isinstance(e, sympy.core.relational.Relational):
        free = {s for s in e.free_symbols if s.is_integer}  # outside any sum binding them
        clash = {
            lim[0]
            for node in sympy.preorder_traversal(e)
            if isinstance(node, sympy.Sum | sympy.Product)
            for lim in node.limits
            if lim[0] in free
        }
        if not clash:
            return e
        return type(e)(*(rename_bound(s, clash) for s in (e.lhs, e.rhs)), evaluate=False)
    if isinstance(e, sympy.And):
        return sympy.And(*(apart_bound_indices(a) for a in e.args), evaluate=False)
    return e


def rename_bound(e, letters=None):
    """``e`` with each sum or product that binds one of ``letters`` (every letter: None) binding
    a fresh letter of the same name and assumptions instead (the letters stay free wherever ``e``
    holds them free)."""
    if not isinstance(e, sympy.Basic) or not e.has(sympy.Sum, sympy.Product):
        return e

    def rename(x):
        mapping = {
            lim[0]: sympy.Dummy(str(lim[0]), **lim[0].assumptions0)
            for lim in x.limits
            if isinstance(lim[0], sympy.Symbol) and (letters is None or lim[0] in letters)
        }
        return x.xreplace(mapping) if mapping else x

    return e.replace(lambda x: isinstance(x, sympy.Sum | sympy.Product), rename)
