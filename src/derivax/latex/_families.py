"""A name declared with its index (``y_i: scalar``) under a sum over that index: the entry of an
array, never one number in every term."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sympy

from .._members import AXES, Member
from ._indices import primed_letters
from ._lex import Tok
from ._picks import Picks
from ._vocabulary import _Piece

if TYPE_CHECKING:
    from ._resolve import _NameAt


class FamilyReader(Picks):
    """Declared subscripted names under a sum over their index."""

    if TYPE_CHECKING:

        def _declared_base(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None: ...

    def _bound_in_subscript(self, sub: list[Tok]) -> bool:
        """True when a subscript that picks entries uses the index of a sum around it."""
        return bool(set(primed_letters(sub)) & self.summation_vars) and self._is_index_subscript(
            sub, 1
        )

    def _an_entry_of_a_family(self, n: _NameAt) -> bool:
        """``y_i`` declared as a name of its own that is an entry all the same: under a sum over
        its index, or beside a declared array ``y`` (``y: vector[m]; y_i: scalar``), where the
        declaration only says what its entries are, so that a definition of ``y_i`` outside a
        sum and its uses inside one are the same entries."""
        assert n.sub is not None
        if self._bound_in_subscript(n.sub):
            return True
        base = self.table.resolve(n.base_name)
        return (
            base is not None
            and self.table[base].rank == 1
            and self.table[self.table.resolve(n.name) or n.name].rank == 0
            and self._is_index_subscript(n.sub, 1, strict=True, sizes=False)
        )

    def _family_member(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None:
        """``x_n`` where the table declares the family ``x_i: column[X]`` (or ``row[X]``; and
        ``x^{(n)}`` for ``x^{(i)}: row[X]``): column (row) ``n`` of the data matrix ``X``, a
        vector, whatever letter or number picks it (``x_j``, ``x_1``); ``x_j^{(i)}`` is entry
        ``j`` of member ``i``, an entry of ``X``. Side conditions: one index, no prime; ``x_{ij}``
        (two indices) is not a member and reads as before."""
        families = [d for d in self.table.values() if d.is_family]
        if not families or (n.primes and n.sup):
            return None
        for d in families:
            letter = re.search(r"\(?([A-Za-z])\)?\}?$", d.name)
            assert letter is not None  # the table checked the spelling
            if d.name.endswith(")}"):  # x^{(i)}: the sample's index as a superscript
                m = re.fullmatch(r"\((.+)\)", n.sup) if n.sup else None
                if m is None or self.table.resolve(f"{n.base}^{{({letter[1]})}}") != d.name:
                    continue
                if not re.fullmatch(r"[A-Za-z]|\d+", m[1]):
                    return None
                index = self._index_symbol(m[1])
                if n.sub is not None:  # x_j^{(i)}: entry j of the sample, an entry of X
                    if not self._is_index_subscript(n.sub, 1) or self.subscript_rank(n.sub) != 1:
                        return None
                    entry = self._index_expr(n.sub)
                    pair = (index, entry) if d.kind == "row" else (entry, index)
                    out.append(self.place(self.table.indexed(d.shape[0])[pair], n.t0.pos))
                    return n.j
            else:  # x_i: the index as a subscript
                if n.sub is None or self.table.resolve(f"{n.base_name}_{{{letter[1]}}}") != d.name:
                    continue
                label = self._single_label([(None, n.sub)])
                if label is None and d.kind == "row" and self._labels_entry(n.sub) is not None:
                    # c_{l_i} of c_q: row[C], l: labels[N, k]: row l_i of C, as C_{l_i} is
                    parent = self.table[d.shape[0]].name
                    picked = self._label_pick(n.name, parent, n.sub, n.t0)
                    if picked is not None:
                        out.append(self.place(picked, n.t0.pos))
                        return n.j
                if (
                    label is None
                    and self.subscript_rank(n.sub) == 2
                    and self._is_index_subscript(n.sub, 2)
                    and not self.table.resolve(n.base_name)
                ):
                    return self._member_entry(d, n, out)
                if label is not None:  # w_y: the member at one class (y: label[k])
                    self._member_classes(d, label, n)
                    index = self.table.scalar(label)
                elif not self._is_index_subscript(n.sub, 1) or self.subscript_rank(n.sub) != 1:
                    return None
                else:
                    index = self._index_expr(n.sub)
            parent_key = d.shape[0]
            if n.primes:
                twin = self.table.resolve(self.table[parent_key].name + n.primes)
                if twin is None:
                    return self._primed_member(d, index, toks, n, out)
                if self.table[twin].shape != self.table[parent_key].shape:
                    return None
                self.note(
                    f"`{n.name}` is a {d.kind} of `{self.table[twin].name}`, as `{d.name}` is of `{self.table[parent_key].name}`"
                )
                parent_key = twin
            parent = self.table.matrix(parent_key)
            spelled = f"{n.base}^{{(#)}}" if d.name.endswith(")}") else f"{n.base_name}_{{#}}"
            member = Member(parent, index, AXES[d.kind], spelled + n.primes)
            out.append(self.place(member, n.t0.pos))
            return n.j
        return None

    def _primed_member(
        self, d, index, toks: list[Tok], n: _NameAt, out: list[_Piece]
    ) -> int | None:
        """``x_i'\\beta`` with ``x_i: row[X]`` and no ``X'`` declared: the member transposed,
        as econometrics writes a scalar product; a vector of its own would be a product of two
        column vectors. Without a factor after it (``x_i - x_i'``) the prime stays a name."""
        after = toks[n.j].text if n.j < len(toks) else ""
        if not (self._starts_name(after) or after in ("(", r"\left")):
            return None
        self.note(
            f"`{n.name}` followed by a factor is the transpose of the {d.kind} `{d.name}`, as "
            f"econometrics writes `x_i'\\beta` (declare `{self.table[d.shape[0]].name}'` for "
            f"another matrix)"
        )
        parent = self.table.matrix(d.shape[0])
        spelled = f"{n.base_name}_{{#}}"
        out.append(self.place(Member(parent, index, AXES[d.kind], spelled).T, n.t0.pos))
        return n.j

    def _member_entry(self, d, n: _NameAt, out: list[_Piece]) -> int:
        """``x_{mi}`` with ``x_m: row[X]``: entry ``i`` of row ``m``, the entry ``(m, i)`` of
        ``X``. Of a column family, ``x_{ij}`` reads as ``X_{ij}`` or as entry ``j`` of column
        ``i``, ``X_{ji}``, and is refused."""
        parent = self.table[d.shape[0]]
        if d.kind != "row":
            raise self.error(
                f"`{n.name}` with the family `{d.name}: column[{parent.name}]` reads two ways: "
                f"the entry `{parent.name}_{{ij}}` or entry j of column i, "
                f"`{parent.name}_{{ji}}`; write the entry of `{parent.name}`",
                n.t0,
            )
        self.note(
            f"`{n.name}` (two indices, `{d.name}` a row of `{parent.name}`) is an entry of `{parent.name}`"
        )
        out.append(self.place(self._indexed(parent.name, n.sub or [], 2), n.t0.pos))
        return n.j

    def _member_classes(self, d, label: str, n: _NameAt) -> None:
        """A member picked by a label: the label's classes are the family's members (the rows
        of ``W`` for ``w_j: row[W]``), else the pick is refused, naming both sizes."""
        parent = self.table[d.shape[0]]
        members = parent.shape[0] if d.kind == "row" else parent.shape[1]
        classes = self.table[label].classes
        if members != classes:
            raise self.error(
                f"`{n.name}` picks a {d.kind} of `{parent.name}` by the label "
                f"`{self.table[label].name}`, whose values run over 1..{classes}, but "
                f"`{parent.name}` has `{members}` {d.kind}s; declare the label `label[{members}]`",
                n.t0,
            )

    def _declared_family(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int:
        """``y_i`` declared a scalar of its own (``y_i: scalar``), under a sum over ``i``: one
        number in every term would be a sum the author did not write, so it is entry ``i`` of
        the array ``y`` (the declared one, or an undeclared array whose shape the numbers then
        lack). Declared a vector or matrix (``x_i: vector[d]``, one per sample), it is refused:
        derivax has no family of arrays. Side conditions: the subscript picks entries, the base
        carries no prime; the same formula naming ``y_k`` outside the sum is refused after the
        reading (``check_families``)."""
        d = self.table[self.table.resolve(n.name) or n.name]
        if d.kind == "function":
            raise self.function_family(n.name, n.t0)
        if d.is_random and self.table.resolve(n.base_name) is None:
            # the entries of an undeclared array carry no law: its moments need the vector
            # declared random, with how its entries relate
            raise self.error(
                f"`{n.name}` is declared random, and under the sum over its index it is an entry "
                f"of `{n.base_name}`; declare `{n.base_name}: random[n]` (with `iid` or "
                f"`independent`) for the moments of its entries",
                n.t0,
            )
        if d.rank > 0:
            raise self.error(
                f"`{n.name}` is declared one {d.kind} of its own, but it carries the index of the "
                f"sum around it, so every term would hold the same {d.kind}; derivax has no family "
                f"of arrays unless the table ties one to a data matrix: declare "
                f"`{n.name}: column[X]` (or `row[X]`) with `X: matrix[d, n]`, write the sum with "
                f"the data matrix (`X^\\top (\\dots)`), or entry by entry (`x_{{ij}}`)",
                n.t0,
            )
        decl_base = self.table.resolve(n.base_name)
        if decl_base is not None:
            held = set(self.table[decl_base].qualifiers)
            if "iid" in held:
                held.add("independent")  # entries iid are independent
            lost = sorted(set(d.qualifiers) - held)
            if lost:
                raise self.error(
                    f"`{n.name}` is declared {', '.join(lost)}, and under the sum around it it is "
                    f"an entry of `{n.base_name}`, which is declared without that; put the "
                    f"qualifier on `{n.base_name}`",
                    n.t0,
                )
            if not self.table[decl_base].is_array:
                raise self.error(
                    f"`{n.name}` carries the index of the sum around it, but `{n.base_name}` is "
                    f"declared a {self.table[decl_base].kind}; declare `{n.base_name}` a vector "
                    f"(`{n.base_name}: vector[n]`) to read its entries",
                    n.t0,
                )
            self.families.setdefault(n.base_name, set()).add("family")
            done = self._declared_base(toks, n, out)
            assert done is not None  # a declared base always reads
            return done
        assert n.sub is not None  # _bound_in_subscript saw it
        self.note(
            f"`{n.name}` is declared a {d.kind}, and under the sum over its index it is entry "
            f"`{n.name}` of an array `{n.base_name}` (one number per term; declare "
            f"`{n.base_name}: vector[n]` for numeric checks)"
        )
        self.families.setdefault(n.base_name, set()).add("family")
        self.undeclared.setdefault(
            n.base_name, "vector (a declared name under a sum over its index)"
        )
        out.append(
            self.place(
                self._indexed(
                    n.base_name,
                    n.sub,
                    self.subscript_rank(n.sub),
                    declared=False,
                    assumptions=d.assumptions(),
                ),
                n.t0.pos,
            )
        )
        return n.j

    def function_family(self, name: str, t0: Tok):
        """The refusal of ``f_i(x)`` under a sum over ``i`` with ``f`` (or ``f_i``) declared one
        function: every term would apply the same function (``\\sum_{i=1}^n f_i(x) = n f_i(x)``
        was proved)."""
        return self.error(
            f"`{name}` carries the index of the sum around it, but it is declared one function, "
            f"so every term would apply the same function; derivax has no family of functions: "
            f"write the index as an argument (`f(i, x)`)",
            t0,
        )

    def _bound_sample(self, n: _NameAt) -> str | None:
        """The index of ``x^{(i)}`` (a sample, declared as a name of its own) when a sum around
        it runs over that index; None otherwise."""
        m = re.fullmatch(r"\((.+)\)", n.sup) if n.sup and n.sub is None and not n.primes else None
        return m[1] if m and m[1] in self.summation_vars else None

    def _declared_sample_family(self, index: str, n: _NameAt, out: list[_Piece]) -> int:
        """``y^{(i)}`` declared as a name of its own (``y^{(i)}: scalar``, the i-th example) under
        a sum over ``i``: entry ``i`` of the samples ``y^{(\\cdot)}``, an array of its own (``y``
        alone may be one example, declared apart). Declared a vector (``x^{(i)}: vector[n]``),
        refused: no family of arrays."""
        d = self.table[self.table.resolve(n.name) or n.name]
        if d.rank > 0:
            raise self.error(
                f"`{n.name}` is declared one {d.kind} of its own, but the sum around it runs over "
                f"`{index}`, so every term would hold the same {d.kind}; derivax has no family of "
                f"arrays unless the table ties one to a data matrix: declare `{n.name}: row[X]` "
                f"with `X: matrix[m, n]`, or write the sum with the data matrix "
                f"(`X^\\top (\\dots)`) or entry by entry",
                n.t0,
            )
        family = f"{n.base}^{{(\\cdot)}}"
        self.note(
            f"`{n.name}` is declared a {d.kind}, and under the sum over `{index}` it is entry "
            f"`{index}` of the samples `{family}` (one number per term)"
        )
        self.families.setdefault(family, set()).add("family")
        self.undeclared.setdefault(family, "vector (a declared sample under a sum over its index)")
        base = sympy.IndexedBase(family, **d.assumptions())
        out.append(self.place(base[self._index_symbol(index)], n.t0.pos))
        return n.j

    def check_families(self) -> None:
        """Refuse a formula that reads one base both ways: ``y_i`` under a sum over ``i`` as an
        entry of ``y``, and ``y_k`` (declared) elsewhere as a name of its own; the two would not
        be tied (``\\partial/\\partial y_k \\sum_i y_i^2`` would be 0)."""
        for base, reads in self.families.items():
            own = sorted(r for r in reads if r != "family")
            if "family" in reads and own:
                letter = base.split("^")[0]
                fix = (
                    f"write the samples as entries of a declared vector (`{letter}: vector[m]`, "
                    f"`{letter}_i`)"
                    if base.endswith(r"^{(\cdot)}")
                    else f"declare `{base}: vector[n]` so that both are entries"
                )
                raise self.error(
                    f"`{own[0]}` is declared a name of its own, while `{base}` with the index of "
                    f"a sum around it is read as an entry of an array `{base}`; {fix}",
                    0,
                )
