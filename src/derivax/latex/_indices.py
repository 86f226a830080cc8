"""Subscripts that pick entries: which subscript is an index (``x_i``, ``W_{ij}``, an offset
``x_{t+\\tau}``) rather than part of a name, and the entry it picks."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import sympy

from .._errors import ParseError, SymbolError
from ..symbols import Label, canonical, join_tokens
from ._lex import Tok, find_close
from ._state import ReaderState

if TYPE_CHECKING:
    from ._resolve import _NameAt


class IndexReader(ReaderState):
    """Indices in subscripts, and the entries they pick."""

    def _is_index_subscript(
        self, sub: list[Tok], rank: int, strict: bool = False, sizes: bool = True
    ) -> bool:
        """True when a subscript picks entries (``i``, ``ij``, ``i,j``, ``i+1``, ``k``) rather than
        naming another symbol (``t``, ``0``, ``in``). A declared size (``n``) picks an entry of a
        declared array (``x_n``, the last one) but names a symbol of its own on an undeclared base
        (``\\mathcal{L}_K``) unless ``sizes``."""
        letters = primed_letters(sub)
        if not letters:
            return not strict and all(t.text.isdigit() or t.text == "," for t in sub)
        if not sizes and all(self._is_size_name(x) for x in letters):
            return False
        if all(self._is_index_name(x) for x in letters):
            return True
        # an offset: x_{t+\tau}, x_{t-k} with \tau, t scalars declared `integer` beside an index
        return any(self._is_index_name(x) for x in letters) and all(
            self._is_index_name(x) or self._is_integer_scalar(x) for x in letters
        )

    def subscript_rank(self, sub: list[Tok]) -> int:
        """How many axes an entry's subscript picks: ``w_{ij}`` and ``w_{i,j}`` two (a matrix),
        ``w_i`` and ``w_{i+1}`` one (a vector)."""
        spelled = len(sub) > 1 and (
            all(re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t.text) for t in sub)
            or _letter_then_digit(sub)
        )
        return len(sub) if spelled else len(self.split_args(sub, {","}))

    def _is_integer_scalar(self, x: str) -> bool:
        """A scalar declared `integer` (a lag, a window length, a time step): in a subscript
        beside an index (``x_{t+\tau}``, ``x_{t-k}``) it shifts the index by its value. Alone
        (``x_\tau``) it stays no index: the subscript names a symbol of its own, as before."""
        key = self.table.resolve(x)
        return (
            key is not None
            and self.table[key].kind == "scalar"
            and "integer" in self.table[key].qualifiers
        )

    def _is_size_name(self, x: str) -> bool:
        key = self.table.resolve(x)
        return key is not None and self.table[key].kind == "dim" and x not in self.summation_vars

    def _names_labels(self, sub: list[Tok]) -> bool:
        """A subscript that holds an entry of a declared vector of labels (``\\mu_{y_i}``)."""
        keys = (self.table.resolve(t.text) for t in sub)
        if any(k is not None and self.table[k].classes is not None for k in keys):
            return True
        found = self._labels_entry(sub)  # a decorated name's entry, \hat{q}_b
        return found is not None and self.table[found[0]].classes is not None

    def _refuse_pick_from_nothing(self, name: str, base_name: str, sub: list[Tok], t0: Tok) -> None:
        """``\\mu_{y^{(i)}}`` with ``y`` labels and ``\\mu`` undeclared: read as a name of its
        own, it would be one value for every class."""
        if (
            base_name != r"\delta"
            and not self.table.resolve(base_name)
            and self._names_labels(sub)
            and not self._defined_name(t0, sub)
            and not self._declared_head_of(base_name, sub)
        ):
            raise self.error(
                f"`{name}` picks by a label, but `{base_name}` is not declared an array, so "
                f"there is nothing to pick from; declare `{base_name}` with one entry (or "
                f"row) per class, as in `{base_name}: matrix[k, d]` beside `labels[m, k]` "
                f"(classes 1..k), or write the pick as a sum over the classes",
                t0,
            )

    def _declared_head_of(self, base_name: str, sub: list[Tok]) -> bool:
        """``L_{t,i}`` with ``L_t`` a declared array: the head before the comma is declared, and
        the rest picks its entry (``_entry_of_declared_head``)."""
        parts = self.split_args(sub, {","})
        if len(parts) < 2 or not parts[0][1]:
            return False
        head = f"{base_name}_{{{join_tokens([t.text for t in parts[0][1]])}}}"
        try:
            key = self.table.resolve(head)
        except SymbolError:
            return False
        return key is not None and self.table[key].is_array

    def _defined_name(self, t0: Tok, sub: list[Tok]) -> bool:
        """Whether the name at ``t0`` (with subscript ``sub``) is the whole left side of the
        definition the text is (``L_q = \\dots``): a name for the value defined, picking nothing."""
        end = sub[-1].pos + len(sub[-1].text) if sub else t0.pos + len(t0.text)
        rest = self.latex[end:].lstrip().lstrip("}").lstrip()
        return (
            not self.latex[: t0.pos].strip() and rest.startswith("=") and not rest.startswith("==")
        )

    def _delta_of_label(self, sub: list[Tok]) -> tuple[sympy.Expr, sympy.Expr] | None:
        """``\\delta_{y_i j}``, ``\\delta_{y_i, j}``, ``\\delta_{j y^{(i)}}`` with ``y``
        labels: the Kronecker delta of example i's class and j (1 where ``y_i = j``). None where
        no label is below the delta."""
        if not self._names_labels(sub):
            return None
        parts = [p for _, p in self.split_args(sub, {","})]
        if len(parts) == 1:  # no comma: cut where a second name starts, outside any group
            toks, depth, cuts = parts[0], 0, []
            for k, t in enumerate(toks):
                if (
                    depth == 0
                    and k > 0
                    and toks[k - 1].text not in ("_", "^")
                    and t.text not in ("_", "^")
                ):
                    cuts.append(k)
                depth += (t.text in ("{", "(", "[")) - (t.text in ("}", ")", "]"))
            if len(cuts) != 1:
                raise self._not_a_delta(sub)
            parts = [toks[: cuts[0]], toks[cuts[0] :]]
        if len(parts) != 2 or any(len(p) == 0 for p in parts):
            raise self._not_a_delta(sub)
        pair = tuple(self._index_expr(p) for p in parts)
        is_label = [
            (isinstance(x, sympy.Indexed) and self._names_labels(p)) or isinstance(x, Label)
            for x, p in zip(pair, parts, strict=True)
        ]
        others_ok = all(
            is_label[k]
            or x.is_Integer
            or (isinstance(x, sympy.Symbol) and self._is_index_name(str(x)))
            for k, x in enumerate(pair)
        )
        if not any(is_label) or not others_ok:
            raise self._not_a_delta(sub)
        self.note(
            "`\\delta` of a label and an index is the Kronecker delta: 1 where the class is the index"
        )
        return pair[0], pair[1]

    def _not_a_delta(self, sub: list[Tok]):
        text = join_tokens([t.text for t in sub])
        return self.error(
            f"`\\delta_{{{text}}}` holds a label but is no Kronecker delta of two values; write "
            f"the class and the index it is compared with, as in `\\delta_{{y_i j}}` or "
            f"`\\delta_{{y_i, j}}`",
            sub[0],
        )

    def _label_pick(self, name: str, array: str, sub: list[Tok], t0: Tok) -> sympy.Expr | None:
        """A declared array's entry (or a matrix's row) picked by an entry of a vector of labels,
        ``\\mu_{y^{(i)}}``, ``\\mu_{y_i}``, ``\\mu_{y_i, j}`` with ``y: labels[m, k]``: the
        entry of ``\\mu`` at the class of example i; or by one label, ``z_y`` with ``y:
        label[k]`` (the true class of a multiclass loss). None where the subscript holds no label
        (``W_x``, a whole array, tags a name); refused where the picking array is no vector of
        labels, whose values would have no declared range. Side conditions: the labels' number
        of classes is the size of the axis they pick, and a matrix's row picked alone is read
        only where scalar products hold it (as ``x_i`` is)."""
        parts = self.split_args(sub, {","})
        key = self._single_label(parts)
        if key is None:
            found = self._labels_entry(sub)
            if found is None:
                return None
            key, start = found
            if len(parts) == 1 and start > 0 and self.table[array].rank == 2:
                # P_{b q_b}, \Pi_{i a_i}: the row index, then the label (no comma between)
                parts = [("", sub[:start]), (",", sub[start:])]
        labels = self.table[key]
        # the part that holds the label: its axis is the one the labels pick (z_{t, y_t}: the
        # second, the class of step t)
        axis = next(
            (
                a
                for a, (_, p) in enumerate(parts)
                if p
                and (
                    self._part_label(p) == key
                    or (labels.rank and (self._labels_entry(p) or (None,))[0] == key)
                )
            ),
            0,
        )
        label = join_tokens([x.text for x in parts[axis][1]])
        if labels.classes is None:
            raise self.error(
                f"`{name}` picks an entry of `{array}` by the value of `{label}`, an entry of "
                f"`{labels.name}`, which is declared `{labels}` with no range of values; declare "
                f"the labels, as in `{labels.name}: labels[{labels.shape[0] if labels.shape else 'm'}, k]` "
                f"(whole numbers 1..k, k the size of `{array}`'s first axis), or write the sum over "
                f"the labels (`\\sum_c \\mathbb{{1}}[{label} = c] {array}_c`)",
                t0,
            )
        picked = self.table[array]
        column = self._label_axis(name, array, labels, label, axis, len(parts), t0)
        if labels.rank == 0:  # one label (y: label[k]): z_y, W_{y, j}, b_{k+1}
            indices = [
                self.table.scalar(key) + _shift(p) if a == axis else self._index_expr(p)
                for a, (_, p) in enumerate(parts)
            ]
        else:
            indices = [self._index_expr(p) for _, p in parts]
        if labels.rank and not (
            isinstance(indices[axis], sympy.Indexed)
            and str(indices[axis].base.label) == labels.name
        ):
            return None
        base = self.table.indexed(array)
        if len(indices) == picked.rank:
            self.note(
                f"`{name}` is the entry of `{array}` at the class `{label}` (labels 1..{labels.classes})"
            )
            return base[tuple(indices)]
        if picked.rank == 2 and len(indices) == 1 and axis == 0:
            from ._rows import MatrixRow

            which = "column" if column else "row"
            self.note(
                f"`{name}` is the {which} of `{array}` at the class `{label}` (labels "
                f"1..{labels.classes})"
            )
            return MatrixRow(base, indices[0], 1 if column else 0)
        raise self.error(
            f"`{array}` has {picked.rank} axes but `{name}` gives {len(indices)} indices", t0
        )

    def _label_axis(self, name, array, labels, label, axis, count, t0) -> bool:
        """Whether a label picks a column (``W_{y_i}`` with ``W: matrix[d, n]`` and labels in
        1..n: one index, the classes the size of the second axis only); refused where the axis
        has another size, or where both axes have the classes' size (row or column)."""
        picked = self.table[array]
        shape = list(picked.shape or ())
        if picked.kind in ("spd", "symmetric") and shape:
            shape = [shape[0], shape[0]]
        size = shape[axis] if axis < len(shape) else None
        column = count == 1 and len(shape) == 2 and shape[1] == labels.classes
        if column and size == labels.classes:
            raise self.error(
                f"`{name}` picks a row or a column of `{array}` by the label `{label}`: both "
                f"axes have size `{size}`; write the entry with both indices (`{array}_{{{label}, "
                f"j}}` for the row, `{array}_{{j, {label}}}` for the column)",
                t0,
            )
        if size != labels.classes and not column:
            which = ("first", "second")[axis] if axis < 2 else f"axis {axis + 1}"
            declared = (
                f"`label[{size}]`" if not labels.shape else f"`labels[{labels.shape[0]}, {size}]`"
            )
            raise self.error(
                f"`{name}` picks an entry of `{array}` by the label `{label}`, whose values run "
                f"over 1..{labels.classes}, but the {which} axis of `{array}` has size `{size}`; "
                f"declare `{array}` with {labels.classes} "
                f"{'rows (or entries)' if axis == 0 else 'columns'} or the labels with {declared}",
                t0,
            )
        return column

    def _labels_entry(self, sub: list[Tok]) -> tuple[str, int] | None:
        """The key of a declared vector of labels whose entry the subscript writes (``y_i``,
        ``\\hat{q}_b``, ``y^{(i)}``), and where its name starts; None where there is none."""
        k = 0
        while k < len(sub) - 1:
            name, end = sub[k].text, k + 1
            if sub[k].text.startswith("\\") and sub[k + 1].text == "{":
                close = find_close(sub, k + 1, self.latex)
                name, end = join_tokens([t.text for t in sub[k : close + 1]]), close + 1
            key = self.table.resolve(name)
            if (
                key is not None
                and self.table[key].is_array
                and end < len(sub)
                and sub[end].text in ("_", "^")
            ):
                return key, k
            k = end
        return None

    def _entry_of_declared_head(self, n: _NameAt) -> sympy.Basic | None:
        """``\\sigma_{1,i}``, ``p_{0i}``, ``\\theta^*_{A,i}`` with ``\\sigma_1``, ``p_0``,
        ``\\theta^*_A`` declared arrays: the entry the rest of the subscript picks. Without a comma
        the subscript splits after its first tokens only where the bare base (``p``) is not declared
        (``p_{0i}`` of a declared matrix ``p`` is its entry ``(0, i)``)."""
        sub = n.sub or []
        parts = self.split_args(sub, {","}) if sub else []
        if len(parts) >= 2 and parts[0][1]:
            splits = [(len(parts[0][1]), len(parts[0][1]) + 1)]
        elif len(parts) == 1 and len(sub) >= 2 and not self.table.resolve(n.base_name):
            splits = [(k, k) for k in range(1, len(sub))]
        else:
            return None
        for end, start in splits:
            try:
                key = self.table.resolve(self._full_name(n.base, sub[:end], n.sup, n.primes))
            except (ParseError, SymbolError):  # k_{\mathrm{OU}} splits inside a command
                continue
            rest = sub[start:]
            if key is None or not self.table[key].is_array or not rest:
                continue
            if self._is_index_subscript(rest, self.table[key].rank):
                return self._indexed(key, rest, self.table[key].rank)
            label = self._part_label(rest) if self.table[key].rank == 1 else None
            if label is not None:
                # L_{t,i} of L_t: vector[N] at the label i: label[N] (classes of its size)
                picked = self._label_pick(n.name, key, rest, n.t0)
                if picked is not None:
                    return picked
        return None

    def _single_label(self, parts) -> str | None:
        """The key of a declared label (``y: label[k]``) written alone in one part of a
        subscript (``z_y``, ``W_{y, j}``, ``z_{t, y}``); None where there is none."""
        for _, p in parts:
            if (key := self._part_label(p)) is not None:
                return key
        return None

    def _part_label(self, part: list[Tok]) -> str | None:
        """The key of a declared label (``y: label[k]``, ``\\hat{y}_1: label[k]``) that is the
        whole of one part of a subscript, or shifted by a whole number (``b_{k+1}``, the next
        category's threshold); None where the part is anything else."""
        if not part:
            return None
        if len(part) >= 3 and part[-2].text in ("+", "-") and part[-1].text.isdigit():
            return self._part_label(part[:-2])
        try:
            key = self.table.resolve(canonical(join_tokens([t.text for t in part])))
        except SymbolError:
            return None
        if key is not None and self.table[key].classes is not None and self.table[key].rank == 0:
            return key
        return None

    def _delta_part(self, x: str) -> sympy.Expr | None:
        """A part of a Kronecker delta's subscript: a whole number, an index, or a name declared
        an integer scalar (the class ``y`` of ``\\delta_{k,y}`` in label smoothing); None for
        anything else (``\\delta_{k+1,j}`` is an entry)."""
        if x.isdigit():
            return sympy.Integer(x)
        if self._is_index_name(x):
            return self._index_symbol(x)
        key = self.table.resolve(x)
        if key is not None and self.table[key].kind == "scalar":
            value = self.table.scalar(key)
            return value if value.is_integer else None
        return None

    def _is_index_name(self, x: str) -> bool:
        key = self.table.resolve(x)
        if key is not None:
            return self.table[key].kind in ("index", "dim")
        return x in self.summation_vars

    def _index_symbol(self, name: str) -> sympy.Expr:
        if name.isdigit():  # W_{i1}: the digit is the entry number, never a symbol named 1
            return sympy.Integer(name)
        key = self.table.resolve(name)
        if key is not None and (
            self.table[key].kind in ("index", "dim")
            or (self.table[key].classes is not None and self.table[key].rank == 0)
            or (self.table[key].kind == "scalar" and "integer" in self.table[key].qualifiers)
        ):
            # an index, a size, one label (y: label[k]), or a whole-number scalar (glmnet's
            # coordinate j of x_{ij}): the table's symbol, the same as outside the subscript
            return self.table.scalar(key)
        return sympy.Symbol(name, integer=True)

    def _indexed(
        self,
        name: str,
        sub: list[Tok],
        rank: int,
        declared: bool = True,
        assumptions: dict[str, bool] | None = None,
    ) -> sympy.Expr:
        texts = [t.text for t in sub]
        if len(texts) >= 3 and texts[0] in ("(", r"\left(") and texts[-1] in (")", r"\right)"):
            # x_{(i)} is the i-th order statistic (the i-th smallest entry) in statistics; read
            # as x_i it would be a silent misreading
            if declared and rank == 1 and self.ordered(sub):
                return self._order_statistic(name, sub)
            raise self.error(
                f"`{name}_{{({' '.join(texts[1:-1])})}}` (an order statistic, the i-th smallest "
                f"entry) is not read; write the entry `{name}_{{{' '.join(texts[1:-1])}}}` of a "
                f"sorted vector you declare",
                sub[0],
            )
        parts = self.split_args(sub, {","})
        primed = primed_letters(sub)
        if (
            len(parts) == 1
            and rank >= 2
            and all(len(t.text) == 1 or t.text.startswith("\\") for t in sub)
            and len(sub) == rank
        ):
            indices = [self._index_symbol(t.text) for t in sub]
        elif (
            len(parts) == 1
            and rank >= 2
            and len(primed) == rank
            and "".join(primed) == "".join(t.text for t in sub)
            and all(self._is_index_name(x) for x in primed)
        ):
            # \Pi_{i a'}: an index then a primed index (the a' of \sum_{a'}), one per axis
            indices = [self._index_symbol(x) for x in primed]
        elif (
            rank >= 2
            and len(sub) == 1
            and re.fullmatch(rf"[1-9]{{{rank}}}", sub[0].text) is not None
        ):
            # S_{12} of a declared matrix: one number with a digit per axis is row 1, column 2
            # (one index for a matrix has no reading; an entry number past 9 needs a comma)
            indices = [sympy.Integer(c) for c in sub[0].text]
        elif len(parts) == 1 and _letter_then_digit(sub):
            # x_{k1}: an index then an entry number, two indices (as a product TeX would put the
            # number first, x_{2k}); on a vector it is refused below, not read as x_k
            indices = [self._index_symbol(t.text) for t in sub]
        else:
            indices = [self._index_expr(p) for _, p in parts]
        if len(indices) != max(rank, 1):
            row = self._row_picked(name, indices) if declared and rank == 2 else None
            if row is not None:
                return row
            why = (
                f"; `{name}_{{i}}` is read as a row or a column of the matrix only under a sum "
                f"over i from 1 to exactly one of its sizes"
                if rank == 2 and len(indices) == 1
                else ""
            )
            raise self.error(
                f"`{name}` has {rank} axes but the subscript gives {len(indices)} indices{why}",
                sub[0],
            )
        base = (
            self.table.indexed(name)
            if declared
            else sympy.IndexedBase(name, **(assumptions or {"real": True}))
        )
        return base[tuple(indices)]

    @staticmethod
    def ordered(sub: list[Tok]) -> bool:
        """The subscript ``(k)`` of an order statistic: one group in parentheses, the whole
        subscript (``(k + i) \\bmod d`` and ``(a)(b)`` are none)."""
        texts = [t.text for t in sub]
        return len(texts) >= 3 and texts[0] in ("(", r"\left(") and _one_group(texts)

    def _order_statistic(self, name: str, sub: list[Tok]) -> sympy.Expr:
        """``x_{(k)}`` of a declared vector: its k-th smallest entry, ascending as statistics
        counts (``x_{(1)}`` the smallest), said as a rule because ML papers that sort in
        descending order (sparsemax, SLOPE) write the same."""
        from .._extrema import OrderStatistic

        k = self._index_expr(sub[1:-1])
        base = self.table.indexed(name)
        # one bound name for every order statistic (no LaTeX name starts with `_`), so that
        # two readings of the same formula are the same expression
        j = sympy.Symbol("_j", integer=True)
        n = base.shape[0]
        self.note(
            f"`{name}_{{(k)}}` is an order statistic, the entry of rank k of `{name}` sorted in "
            f"increasing order (`{name}_{{(1)}}` its smallest entry, `{name}_{{({n})}}` its "
            f"largest); a paper that sorts in decreasing order means `{name}_{{({n} - k + 1)}}` "
            f"by `{name}_{{(k)}}`"
        )
        return OrderStatistic(base[j], (j, 1, base.shape[0]), k)

    def _row_picked(self, name: str, indices: list) -> sympy.Expr | None:
        """``x_i`` of a declared matrix under a sum over ``i`` from 1 to one of its sizes: that
        row (or column) as a vector, said as a rule (see ``_rows``); None otherwise."""
        from ._rows import pick

        (i,) = indices
        bounds = self.sum_bounds.get(str(i)) if isinstance(i, sympy.Symbol) else None
        if bounds is None:
            return None
        lo, hi = bounds
        first = 0 if lo and [t.text for t in lo] == ["0"] else self.size_of(lo) if lo else 1
        counted = self._counted_by(i) if hi is None else None
        if first == 0:  # from 0 to n - 1 (\sum_{k=0}^{N-1} x_k^\top Q x_k): row i + 1 of n
            size = self.size_of(hi[:-2]) if [t.text for t in hi or []][-2:] == ["-", "1"] else None
            row = pick(self.table.indexed(name), i + 1, size)
        else:
            row = pick(self.table.indexed(name), i, self.size_of(hi) if hi else counted)
        if first not in (0, 1):
            return None
        if row is not None:
            kind = "row" if int(row.args[2]) == 0 else "column"
            over = (
                f"the sum over {i}, its range not written, runs over its {counted} {kind}s as "
                f"the letter says"
                if hi is None
                else f"the sum over {i} runs over its {kind}s"
            )
            over += ", counted from 0" if first == 0 else ""
            self.note(
                f"`{name}_{{{i}}}` is {kind} {i} of the matrix `{name}` ({over}), written out "
                f"entry by entry in scalar products"
            )
        return row

    def _counted_by(self, i: sympy.Symbol) -> sympy.Expr | None:
        """The declared size named by the capital of an index letter (``c`` counts ``C``
        classes, ``k`` ``K``), for a sum or maximum written without its range."""
        name = str(i)
        key = self.table.resolve(name.upper()) if len(name) == 1 and name.islower() else None
        return self.table.dim(key) if key is not None and self.table[key].kind == "dim" else None

    def _index_expr(self, toks: list[Tok]) -> sympy.Expr:
        colon = next((t for t in toks if t.text == ":"), None)
        if colon is not None:
            # g_{1:T, i}: a range of entries (a slice), which a ratio 1/T would misread
            raise self.error(
                "`:` in the subscript of an array writes a range of entries (`g_{1:T,i}`, the "
                "entries 1 to T of column i) or a rank (`x_{i:\\lambda}`), which derivax does not "
                "read; write the entries with a sum (`\\sqrt{\\sum_{t=1}^{T} g_{t,i}^2}` for "
                "`\\|g_{1:T,i}\\|_2`)",
                colon,
            )
        if len(toks) == 1 and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", toks[0].text):
            return self._index_symbol(toks[0].text)
        primed = primed_letters(toks)
        if len(primed) == 1 and "".join(t.text for t in toks) == primed[0]:
            # a' under \max_{a'}: the primed index, one name
            if self._is_index_name(primed[0]):
                return self._index_symbol(primed[0])
        return self.parse(toks, toks[0].pos if toks else 0)


def primed_letters(sub: list[Tok]) -> list[str]:
    """The letters of a subscript, each with the primes written right after it (``a'`` in
    ``Q_{a'}`` is one name, the index ``a'``)."""
    out: list[str] = []
    for t in sub:
        if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t.text):
            out.append(t.text)
        elif t.text == "'" and out and out[-1].rstrip("'") and t is not sub[0]:
            out[-1] += "'"
    return out


def check_order_statistics(expr: sympy.Basic, latex: str) -> None:
    """``x_{(k)}`` beside the vector ``x`` itself (``\\|x - x_{(k)}\\|``) is the k-th member of
    a ranked list of vectors (a k-th nearest neighbour), not an entry of ``x``: refused."""
    from .._extrema import OrderStatistic

    whole = {m.name for m in expr.atoms(sympy.MatrixSymbol)}
    for node in expr.atoms(OrderStatistic):
        f = node.function
        name = str(f.base.label) if isinstance(f, sympy.Indexed) else None
        if name in whole:
            raise ParseError(
                f"`{name}_{{(k)}}` stands beside the vector `{name}` itself, where it is the k-th "
                f"member of a ranked list of vectors (a k-th nearest neighbour), which derivax "
                f"does not read; declare that member a vector of its own (`{name}_k: vector[...]`)",
                latex,
                0,
            )


def _one_group(texts: list[str]) -> bool:
    """``(`` ... ``)`` around the whole subscript, one group (not ``(a)(b)`` or ``(a) + (b)``)."""
    depth = 0
    for p, x in enumerate(texts):
        depth += x in ("(", r"\left(")
        depth -= x in (")", r"\right)")
        if depth == 0 and p < len(texts) - 1:
            return False
    return depth == 0


def _letter_then_digit(sub: list[Tok]) -> bool:
    """A subscript of single letters and digits with a digit right after a letter (``k1``,
    ``i1j``): one index per token, as no product is written with its number last."""
    texts = [t.text for t in sub]
    single = all(re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+|[0-9]+", x) for x in texts)
    return single and any(not a.isdigit() and b.isdigit() for a, b in itertools.pairwise(texts))


def _shift(part: list[Tok]) -> int:
    """The whole number a label is shifted by in a subscript (``k+1``: 1, ``k-2``: -2, ``k``:
    0); an entry past either end is NaN, never the nearest one."""
    if len(part) >= 3 and part[-2].text in ("+", "-") and part[-1].text.isdigit():
        return int(part[-1].text) * (1 if part[-2].text == "+" else -1) + _shift(part[:-2])
    return 0
