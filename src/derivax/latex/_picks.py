"""Entries picked where papers write them outside a subscript: a declared array applied to its
picks (``\\pi_\\theta(y \\mid x)``, ``p(k)``, ``p(y = i)``), an index or label above a vector
(``u_t^{i}``, ``g_t^j``), and the entries a formula defines on its left (``(g_x)_{kj} = ...``)."""

from __future__ import annotations

import sympy

from .._errors import ParseError, SymbolError
from ..symbols import join_tokens
from ._indices import IndexReader
from ._lex import Tok, find_close
from ._vocabulary import DEFINING, _Piece


class Picks(IndexReader):
    """Entries picked by arguments, by superscripts, and defined on the left."""

    def _defined_on_the_left(self, toks: list[Tok], j: int, t0: Tok) -> bool:
        """``k(x, y) = \\dots``: the name at ``t0`` opens the formula and its parenthesis at
        ``toks[j]`` is followed by the formula's ``=`` (not ``==``, not ``\\le``), so the formula
        defines it; a product of a name and several arguments has no other reading."""
        if self.latex[: t0.pos].strip():
            return False
        close = find_close(toks, j, self.latex)
        if close >= len(toks):
            return False
        rest = self.latex[toks[close].pos + 1 :].lstrip()
        signs = tuple(x for x in DEFINING if x != "=")
        return (rest.startswith("=") and not rest.startswith("==")) or rest.startswith(signs)

    def _defines_at_a_point(self, toks: list[Tok], j: int, t0: Tok) -> bool:
        """``M(\\mathbf{x}) = \\dots``: the formula opens with the name applied to one name the
        table does not declare, then its ``=``; a product of two unknowns equal to a formula
        has no use."""
        close = find_close(toks, j, self.latex)
        inner = toks[j + 1 : close]
        if not inner or not self._one_name(inner) or not self._defined_on_the_left(toks, j, t0):
            return False
        return self.table.resolve(join_tokens([t.text for t in inner]).replace(" ", "")) is None

    def size_of(self, toks: list[Tok]) -> sympy.Expr | None:
        """A size written in a subscript (``n``, ``3``, ``m n``, ``m \\cdot n``): a product of
        positive numbers and declared sizes; None for anything else."""
        whole = self.table.resolve(join_tokens([t.text for t in toks]).replace(" ", ""))
        if whole is not None and self.table[whole].kind == "dim":  # n_{in}: one name
            return self.table.dim(whole)
        factors = [t.text for t in toks if t.text not in (r"\cdot", r"\times")]
        if not factors:
            return None
        size = sympy.S.One
        for x in factors:
            key = self.table.resolve(x)
            if x.isdigit() and int(x) > 0:
                size *= int(x)
            elif key is not None and self.table[key].kind == "dim":
                size *= self.table.dim(key)
            else:
                return None
        return size

    def _declared_pick(self, d, toks: list[Tok], j: int, out: list[_Piece], t0: Tok) -> int | None:
        """An entry of the declared array ``d`` picked above it or by its arguments, placed;
        None where neither is written."""
        picked = self._superscript_entry(d, toks, j) if d.rank == 1 else None
        if picked is not None:
            out.append(self.place(picked[0], t0.pos))
            return picked[1]
        applied = j < len(toks) and toks[j].text == "("
        picked = self._entry_by_arguments(d, toks, j) if applied and d.rank in (1, 2) else None
        if picked is not None:
            out.append(self.place(picked[0], t0.pos))
            return self._postfix_index(toks, picked[1], out)
        if applied and d.kind == "scalar" and (end := self._value_at_arrays(d, toks, j)):
            out.append(self.place(self.table.scalar(d.name), t0.pos))
            return end
        return None

    def _value_at_arrays(self, d, toks: list[Tok], j: int) -> int | None:
        """``\\mathcal{L}_B(\\theta)``, ``\\varepsilon_k(\\mathbf{o})``: a declared scalar applied to
        names alone, one of them a declared vector or matrix, is its value there (the table
        declares the value; the argument says where it was taken). Where the token after the
        parenthesis ends; None for anything else: a product with an expression (``\\lambda(\\theta
        - \\theta^*)``) or with scalars only (``c(x)`` of a scalar x) stays a product."""
        close = find_close(toks, j, self.latex)
        parts = [p for _, p in self.split_args(toks[j + 1 : close], {",", ";"})]
        arrays = 0
        for part in parts:
            if not part or not self._starts_name(part[0].text):
                return None
            base, sub, sup, primes, end = self._read_name(part, 0)
            if end != len(part):
                return None
            key = self.table.resolve(self._full_name(base, sub, sup, primes))
            arrays += key is not None and self.table[key].rank in (1, 2)
        if not arrays:
            return None
        self.note(
            f"`{d.name}(...)` of a declared scalar at a vector or matrix is its value there, the "
            f"scalar (not a product with the array; declare `{d.name}: function` to apply it)"
        )
        return close + 1

    def _superscript_entry(self, d, toks: list[Tok], j: int) -> tuple[sympy.Expr, int] | None:
        """``u_t^{i}`` under ``\\sum_i`` (or ``g_t^j`` of a label ``j``) with ``u_t`` a declared
        vector: its entry, as papers write a sample's index above (a power of a vector by an
        index has no use)."""
        if j + 1 >= len(toks) or toks[j].text != "^":
            return None
        g, k = self.group(toks, j + 1)
        label = self._part_label(g)
        if label is None and (len(g) != 1 or not self._is_index_name(g[0].text)):
            return None
        if label is None and g[0].text == "T" and self._size_named(g[0].text):
            return None  # w^T with T a size (the number of steps): the transpose, as ever
        self.note(
            f"`{d.name}^{{{g[0].text}}}` of a vector, an index or a label above, is its entry "
            f"`{d.name}_{{{g[0].text}}}` (a power of a vector by an index has no use)"
        )
        if label is not None:
            picked = self._label_pick(f"{d.name}^{g[0].text}", d.name, g, g[0])
            if picked is not None:
                return picked, k
        return self._indexed(d.name, g, 1), k

    def _size_named(self, x: str) -> bool:
        key = self.table.resolve(x)
        return key is not None and self.table[key].kind == "dim"

    def mixed_entry(self, d, sub: list[Tok], sup: list[Tok], shown: str) -> sympy.Expr | None:
        """``w_n^j`` or ``\\xi^{i}_{j}`` of a declared matrix, one index below and one above
        (a one-hot word's entry, a sample's coordinate): the entry whose row and column are the
        indices whose sums run over the matrix's row count and column count. Side condition:
        exactly one assignment fits the ranges; a square matrix, or an index whose range is not
        written, is refused naming both readings (the position above or below says nothing).
        None where either script is not one index."""
        names = [g[0].text for g in (sub, sup) if len(g) == 1 and self._is_index_name(g[0].text)]
        if len(names) != 2:
            return None
        rows, cols = self.table.indexed(d.name).shape
        size = [self._range_size(x) for x in names]
        fits = [
            order for order in ((0, 1), (1, 0)) if size[order[0]] == rows and size[order[1]] == cols
        ]
        if len(fits) != 1:
            a, b = names
            raise self.error(
                f"`{shown}` of the matrix `{d.name}` ({rows} x {cols}) reads two ways, row {a} "
                f"and column {b}, or row {b} and column {a}, and the ranges of the sums "
                f"{'do not tell which' if not fits else 'fit both'}; write the entry with both "
                f"indices below, row first (`{d.name}_{{{a} {b}}}`)",
                sub[0],
            )
        row, col = (sub, sup)[fits[0][0]], (sub, sup)[fits[0][1]]
        self.note(
            f"`{shown}` is the entry of the matrix `{d.name}` at row {row[0].text} and column "
            f"{col[0].text}, the indices matched to its axes by the ranges of their sums"
        )
        return self._indexed(d.name, [row[0], col[0]], 2)

    def _mixed_at(self, d, n, toks: list[Tok], out: list[_Piece]) -> int | None:
        """``w_n^j`` of a declared matrix (one index below, one above): its entry, placed."""
        if n.sup or n.j + 1 >= len(toks) or toks[n.j].text != "^":
            return None
        up, end = self.group(toks, n.j + 1)
        shown = f"{n.name}^{{{' '.join(t.text for t in up)}}}"
        entry = self.mixed_entry(d, n.sub or [], up, shown)
        if entry is None:
            return None
        out.append(self.place(entry, n.t0.pos))
        return end

    def _range_size(self, name: str) -> sympy.Expr | None:
        """How many values the index ``name`` takes, from its sum's bounds ``1..hi``."""
        bounds = self.sum_bounds.get(name)
        if bounds is None or bounds[1] is None or (bounds[0] and self.size_of(bounds[0]) != 1):
            return None
        return self.size_of(bounds[1])

    def _entry_by_arguments(self, d, toks: list[Tok], j: int) -> tuple[sympy.Expr, int] | None:
        """A declared vector or matrix applied to what picks its entry, as papers write a
        probability table: ``p(k)``, ``f(w_i)``, ``\\pi_\\theta(y \\mid x)``,
        ``\\pi(a_i \\mid s_i)`` of ``\\pi: matrix[S, K]``, ``r(x, y_1)``, ``p(y = i)``. Each part
        (split at ``,``, ``;``, ``\\mid``) is a label, an entry of a vector of labels, an index or
        an event ``y = i``, which picks along the axis of its size; or a name the table does not
        declare (the context ``x`` of a policy already conditioned on it), which picks nothing.
        The entry with one pick per axis; the array itself where nothing picks (``\\hat{f}(x)``);
        None for anything else (``w(1 - \\eta)``, ``W(x + b)``: products)."""
        close = find_close(toks, j, self.latex)
        parts = [p for _, p in self.split_args(toks[j + 1 : close], {",", ";", r"\mid", "|"})]
        picks: list[tuple[sympy.Expr, sympy.Expr | None]] = []
        context, points = [], []
        for part in parts:
            if not part:
                return None
            eq = [k for k, t in enumerate(part) if t.text == "="]
            if eq and all(self.table.resolve(t.text) is None for t in part[: eq[0]]):
                part = part[eq[0] + 1 :]  # p(y = i): the value the event fixes
            pick = self._argument_pick(part)
            if pick is None:
                if eq or not self._one_name(part):  # a number or an expression is no context
                    return None
                if self._declared_scalar_name(part):
                    points.append(part)
                    continue
                if self._declared_anywhere(part):
                    return None
                context.append(part)
                continue
            picks.append(pick)
        if not picks and points and not context:
            # \mathbf{h}(t_j): the array's value at the declared scalar t_j, not a product
            self.note(
                f"`{d.name}(...)` of a declared {d.kind} at declared scalars is its value there, "
                f"`{d.name}` itself (not a product; write `{d.name} \\, t` for one)"
            )
            return self._object_for(d), close + 1
        if not picks:
            # \hat{f}(x)_y: conditioned on x, then picked; p(x) alone stays p times x
            if not context or close + 1 >= len(toks) or toks[close + 1].text != "_":
                return None
            self.note(
                f"`{d.name}(...)` of names the table does not declare is `{d.name}` itself, "
                f"conditioned on them"
            )
            return self._object_for(d), close + 1
        if (
            len(picks) > 1
            and all(c is None for _, c in picks)
            and len({ix for ix, _ in picks}) == 1
        ):
            # f_r(h'_j, t'_j): the j-th sampled triple, written by each of its members
            picks = picks[:1]
        if d.rank == 2 and len(picks) == 1 and picks[0][1] is None:
            # \phi(\mathbf{x}_i; \mathcal{W}) of \phi: matrix[n, p] under \sum_{i=1}^{n}: the row
            # of the i-th sample (the table declares the network's outputs, one row each)
            row = self._row_picked(d.name, [picks[0][0]])
            return None if row is None else (row, close + 1)
        if len(picks) > d.rank:
            # pi(y | x) of pi: vector[K] with x: label[M]: a label of no axis's size is context
            sizes = {self.table.dim(str(n)) for n in d.shape or ()}
            picks = [p for p in picks if p[1] is None or self.table.dim(str(p[1])) in sizes]
        indices = self._assign_axes(d, picks)
        if indices is None:
            return None
        self.note(
            f"`{d.name}(...)` of a declared {d.kind} at labels, indices or the entries of a "
            f"sample of its length is its entry (the arguments pick along the axes of their "
            f"sizes; undeclared names are its context)"
        )
        return self.table.indexed(d.name)[tuple(indices)], close + 1

    def _declared_anywhere(self, part: list[Tok]) -> bool:
        """Whether the one name ``part`` is declared, whole or by its base letter (``x_i`` of a
        declared ``x``); a styled name (``\\mathcal{W}``) is its own, beside a declared ``W``."""
        base, sub, sup, primes, _ = self._read_name(part, 0)
        return (
            self.table.resolve(self._full_name(base, sub, sup, primes)) is not None
            or self.table.resolve(base) is not None
        )

    def _declared_scalar_name(self, part: list[Tok]) -> bool:
        """Whether ``part`` (one name) is a declared real scalar (``t_j``), no index or label."""
        base, sub, sup, primes, _ = self._read_name(part, 0)
        key = self.table.resolve(self._full_name(base, sub, sup, primes))
        return key is not None and self.table[key].kind == "scalar"

    def _one_name(self, part: list[Tok]) -> bool:
        """Whether ``part`` is one name and nothing else (``x``, ``o_{i,<t}``, ``s_t``)."""
        if not part or not self._starts_name(part[0].text):
            return False
        try:
            return self._read_name(part, 0)[4] == len(part)
        except (ParseError, SymbolError):
            return False

    def _argument_pick(self, part: list[Tok]) -> tuple[sympy.Expr, sympy.Expr | None] | None:
        """(the index, the number of classes or None) a part of an argument list picks with."""
        if (key := self._part_label(part)) is not None:
            return self.table.scalar(key), self.table[key].classes
        found = self._labels_entry(part)
        if found is not None and found[1] == 0 and self.table[found[0]].classes is None:
            # S(X_i) of a declared sample X: the value at the i-th point picks entry i, of an
            # array as long as the sample (a real entry is no index)
            picked = self._entry_index(part, found[0])
            return None if picked is None else (picked, self.table[found[0]].shape[0])
        if found is not None and found[1] == 0:
            key = found[0]
            try:
                picked = self.parse(part, part[0].pos)
            except ParseError:
                return None
            if isinstance(picked, sympy.Indexed) and str(picked.base.label) == self.table[key].name:
                return picked, self.table[key].classes
            return None
        if self._is_index_subscript(part, 1, strict=True, sizes=False) and not all(
            t.text.isdigit() for t in part
        ):  # x(2) of a number alone is two times x, as _call_entries reads it
            return self._index_expr(part), None
        if self._starts_name(part[0].text):
            # f(X_i), L(t_k), \phi(\mathbf{x}_i): the value at the i-th point of an undeclared
            # sample picks entry i
            try:
                base, sub, sup, _, end = self._read_name(part, 0)
            except (ParseError, SymbolError):
                return None
            if (
                end == len(part)
                and sub
                and not sup
                and self.table.resolve(base) is None
                and self._is_index_subscript(sub, 1, strict=True, sizes=False)
            ):
                return self._index_expr(sub), None
        return None

    def _entry_index(self, part: list[Tok], key: str) -> sympy.Expr | None:
        """The index of ``X_i`` (an entry of the declared vector ``key`` picked by one index)."""
        try:
            entry = self.parse(part, part[0].pos)
        except ParseError:
            return None
        if (
            isinstance(entry, sympy.Indexed)
            and str(entry.base.label) == self.table[key].name
            and len(entry.indices) == 1
        ):
            return entry.indices[0]
        return None

    def _assign_axes(self, d, picks) -> list[sympy.Expr] | None:
        """The picks in axis order: each label on the axis its classes size (both orders tried
        for a matrix); plain indices in the order written. None where they do not fit."""
        shape = list(d.shape or ())
        if d.kind in ("spd", "symmetric") and shape:
            shape = [shape[0], shape[0]]
        sizes = [self.table.dim(str(s)) for s in shape]
        picks = [(ix, None if c is None else self.table.dim(str(c))) for ix, c in picks]
        if len(picks) != len(sizes):
            return None
        orders = [picks] if len(picks) == 1 else [picks, picks[::-1]]
        fitting = [
            o
            for o in orders
            if all(
                c is None or sympy.simplify(c - n) == 0 for (_, c), n in zip(o, sizes, strict=True)
            )
        ]
        if not fitting:
            return None
        if len(fitting) == 2 and fitting[0] != fitting[1] and any(c is not None for _, c in picks):
            if all(c is not None for _, c in picks) and sympy.simplify(sizes[0] - sizes[1]) == 0:
                return None  # a square table picked by two labels of one size: which is the row?
        return [ix for ix, _ in fitting[0]]

    def _defined_entry(self, toks: list[Tok], i: int, k: int) -> tuple[sympy.Expr, int] | None:
        """``(g_x)_{kj} = \\dots`` opening a formula: the entry it defines, of the array named by
        the parenthesis as written (a subscript after a scalar elsewhere is refused)."""
        if i != 0 or k + 2 >= len(toks) or toks[k + 1].text != "_":
            return None
        sub, j = self.group(toks, k + 2)
        if j >= len(toks) or toks[j].text != "=" or not self._is_index_subscript(sub, 2):
            return None
        name = self.latex[toks[i].pos : toks[k].pos + 1]
        self.note(
            f"`{name}` with a subscript before the formula's `=` names the entries it defines"
        )
        return self._indexed(name, sub, self.subscript_rank(sub), declared=False), j

    def _two_names(self, sub: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
        """``\\tilde{y} j`` split into its two names; None where the subscript is not two names."""
        if not sub or not self._starts_name(sub[0].text):
            return None
        try:
            end = self._read_name(sub, 0)[4]
            if end >= len(sub) or not self._starts_name(sub[end].text):
                return None
            if self._read_name(sub, end)[4] != len(sub):
                return None
        except (ParseError, SymbolError):
            return None
        return sub[:end], sub[end:]
