"""Sums, products and maxima over an index."""

from __future__ import annotations

import itertools
import re

import sympy

from ... import _functions as F
from ..._errors import SymbolError
from ...symbols import (
    canonical,
    canonical_base,
    join_tokens,
)
from .._lex import Tok
from .._state import ReaderState
from .._undecided import UNDECIDED_KIND
from .._vocabulary import (
    _MARK_EXCLUDE,
    _MARK_RANGE,
    _Piece,
)


class Sums(ReaderState):
    """``\\sum``, ``\\prod`` and ``\\max_i``/``\\min_i`` over an index."""

    def _sum(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        lower, upper, j = self.limits(toks, i + 1)
        if lower is not None and upper is None and (listed := _listed_range(lower)):
            lower, upper = listed
        if lower is not None and upper is None and self._letters_together(lower):
            lower = self._spread(lower, t0)
        if lower is None and upper is None:
            lower = self._implied_index(toks, j, t0)
        if lower is None:
            raise self.error(
                f"`{t0.text}` needs its index as a subscript, as in `{t0.text}_{{i=1}}^{{n}}`", t0
            )
        bounds: list[tuple[str, list[Tok] | None, list[Tok] | None, sympy.Basic | None]] = []
        lower, condition = _such_that(self._entry_condition(lower, t0))
        lower, excluded, ordered = self._sum_conditions(lower, t0)
        parts = self.split_args(lower, {","})
        eq = [k for k, t in enumerate(lower) if t.text == "="]
        ins = [k for k, t in enumerate(lower) if t.text == r"\in"]
        if eq:
            # \sum_{i,j=1}^{n}: every variable before the `=` runs over the same range
            for _, var in self.split_args(lower[: eq[0]], {","}):
                bounds.append((self._index_var(var, t0), lower[eq[0] + 1 :], upper, None))
        elif ins and any(t.text == "," for t in lower[: ins[0]]):
            raise self.error(
                f"`{t0.text}_{{i, j \\in S}}` with two variables is not read yet; write one "
                f"sum per variable, `{t0.text}_{{i \\in S}} {t0.text}_{{j \\in S}}`",
                t0,
            )
        elif ins:
            var, domain = lower[: ins[0]], lower[ins[0] + 1 :]
            if not domain:
                raise self.error("the set after `\\in` is missing", lower[ins[0]])
            set_name = join_tokens([t.text for t in domain])
            key = self.table.resolve(set_name.replace(" ", ""))
            written = self._literal_range(domain, t0)
            if written is not None:
                # i \in [n], i \in \{1, \dots, n\}, c \in \{0, 1\}: the range written out
                bounds.append((self._index_var(var, t0), written[0], written[1], None))
            elif key is not None and self.table[key].kind == "dim":
                # i \in B for a declared size B (the batch of Z: matrix[B, C]): i = 1..B
                bounds.append((self._index_var(var, t0), None, domain, None))
            elif key is not None and self.table[key].kind in ("vector", "simplex"):
                # x \in X for a declared vector X: x runs over its entries
                self.members[len(self.ranges) + len(bounds)] = key
                size = self.table.dim(self.table[key].shape[0])
                bounds.append((self._index_var(var, t0), None, None, size))
            else:
                size = sympy.Symbol(f"|{_set_spelling(set_name)}|", integer=True, positive=True)
                bounds.append((self._index_var(var, t0), None, None, size))
        else:
            for _k, (_, part) in enumerate(parts):
                bounds.append(
                    (self._index_var(part, t0), None, upper if len(parts) == 1 else None, None)
                )
        if ordered is not None:
            bounds = self._ordered_pairs(bounds, ordered, toks, i, j, t0)
        skips: dict[str, list[sympy.Basic]] = {}
        for name, other in excluded:
            if name not in [b[0] for b in bounds]:
                raise self.error(
                    f"`{name} \\ne ...` under the sum names no variable of this sum", t0
                )
            skips.setdefault(name, []).append(other)
        for name, lo, hi, size in bounds:
            self.summation_vars.add(name)
            self.sum_bounds[name] = (lo, hi)
            if condition:
                skips.setdefault(name, []).append(self._sum_condition(condition, name, t0))
                condition = []
            var_piece = self.place(self._index_symbol(name), t0.pos)
            lo_pieces = self.rewrite(lo) if lo else [_Piece("1", t0.pos)]
            if name in skips:
                # the exclusion travels with this sum's own lower limit (a marker added to it,
                # worth 0), never with another sum over the same letter elsewhere in the formula
                mark = sympy.Symbol(f"{_MARK_EXCLUDE}{len(self.exclusions)}")
                self.exclusions[mark.name] = skips.pop(name)
                lo_pieces = [
                    _Piece("(", t0.pos),
                    self.place(mark, t0.pos),
                    _Piece("+", t0.pos),
                    *lo_pieces,
                    _Piece(")", t0.pos),
                ]
            if hi:
                hi_pieces = self.rewrite(hi)
            else:
                marker = sympy.Symbol(f"{_MARK_RANGE}{len(self.ranges)}")
                self.ranges[marker.name] = (self._index_symbol(name), size)
                hi_pieces = [self.place(marker, t0.pos)]
            out.append(_Piece(t0.text + "_{", t0.pos))
            out.append(var_piece)
            out.append(_Piece("=", t0.pos))
            out.extend(lo_pieces)
            out.append(_Piece("}^{", t0.pos))
            out.extend(hi_pieces)
            out.append(_Piece("}", t0.pos))
        return j

    def _ordered_pairs(self, bounds, ordered, toks: list[Tok], i: int, j: int, t0: Tok):
        """``\\sum_{i<j}``: the pairs, i over its range and j from i + 1 (from i with ``\\le``).
        Refused where a letter is written outside the sum (a fixed index, ``y_j = \\sum_{i<j}
        x_i``) or missing from the summand (``\\sum_{i<j} x_i``: the pairs, or before one j)."""
        low, high, strict = ordered
        end = self._term_end(toks, j)
        outside = [*toks[:i], *toks[end:]]
        if any(t.text in (low, high) for t in outside):
            raise self.error(
                f"`{t0.text}_{{{low} < {high}}}` with `{low}` or `{high}` written outside the "
                f"sum reads two ways, the pairs or one fixed index; write the bounds "
                f"(`{t0.text}_{{{low}=1}}^{{{high}-1}}` for a fixed `{high}`)",
                t0,
            )
        summand = {t.text for t in toks[j:end]}
        if not {low, high} <= summand:
            raise self.error(
                "a condition such as `i < j` under a sum is not read where the summand does not "
                "use both letters; write the bounds (`\\sum_{j=i+1}^{n}`)",
                t0,
            )
        at = t0.pos
        start = [Tok(low, at), Tok("+", at), Tok("1", at)] if strict else [Tok(low, at)]
        bounds = [(n, start if n == high else lo, hi, size) for n, lo, hi, size in bounds]
        bounds.sort(key=lambda b: b[0] == high)
        self.note(f"`{t0.text}_{{{low} < {high}}}` runs over the pairs, {high} from {low} + 1")
        return bounds

    def _implied_index(self, toks: list[Tok], j: int, t0: Tok) -> list[Tok] | None:
        """``\\sum (\\hat y_i - y_i)^2`` with no subscript: the one declared index the summand's
        subscripts use (its range from the arrays it picks entries of), said as a rule; None
        where the summand uses none or several."""
        end = self._term_end(toks, j)
        letters = []
        for k in range(j, end - 1):
            if toks[k].text != "_":
                continue
            group = self.group(toks, k + 1)[0]
            for t in group:
                key = self.table.resolve(t.text)
                if key is not None and self.table[key].kind == "index" and t.text not in letters:
                    letters.append(t.text)
        if len(letters) > 1:
            # \sum (\hat y_i - y) x_{ij} in a row differentiating by \theta_j: a letter naming
            # the variable of a derivative in the same formula is free there, not this sum's
            letters = [x for x in letters if x not in _derivative_letters(self.latex)]
        if len(letters) != 1:
            return None
        depth = 0
        for k in range(end, len(toks)):
            depth += (toks[k].text in ("{", "(", "[")) - (toks[k].text in ("}", ")", "]"))
            if depth < 0 or (depth == 0 and toks[k].text in ("=", r"\le", r"\ge", "<", ">")):
                break
            if toks[k].text == "_" and letters[0] in [t.text for t in self.group(toks, k + 1)[0]]:
                raise self.error(
                    f"`{t0.text}` with no subscript would run over `{letters[0]}`, which is also "
                    f"written after its term; write the sum's index and parentheses: "
                    f"`{t0.text}_{{{letters[0]}}} (\\dots + \\dots)` if it covers both",
                    t0,
                )
        self.note(
            f"`{t0.text}` with no subscript runs over `{letters[0]}`, the one index its summand's "
            f"subscripts use, across the arrays' range"
        )
        return [Tok(letters[0], t0.pos)]

    def _literal_range(self, domain: list[Tok], t0: Tok) -> tuple[list[Tok], list[Tok]] | None:
        """The first and last value of a set written as a range: ``[n]`` (1..n), ``\\{1, \\dots,
        n\\}``, ``\\{0, 1\\}`` (whole numbers in a row); None for a set by name (``S``). A list
        of whole numbers with a gap (``\\{1, 3\\}``) is refused: it is no range."""
        texts = [t.text for t in domain]
        if len(texts) >= 3 and texts[0] == "[" and texts[-1] == "]" and "," not in texts:
            return [Tok("1", domain[0].pos)], domain[1:-1]
        if len(texts) < 3 or texts[0] != r"\{" or texts[-1] != r"\}":
            return None
        items = [p for _, p in self.split_args(domain[1:-1], {","})]
        dots = [
            k
            for k, p in enumerate(items)
            if [t.text for t in p] in ([r"\dots"], [r"\ldots"], [r"\cdots"])
        ]
        if dots:
            if dots != [len(items) - 2] or not items[0] or not items[-1]:
                return None
            return items[0], items[-1]
        values = ["".join(t.text for t in p) for p in items]
        if not all(v.lstrip("-").isdigit() for v in values):
            return None
        numbers = [int(v) for v in values]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            raise self.error(
                f"`{t0.text}` over the set `{join_tokens(texts)}`, whole numbers with a gap, is "
                f"not read; write its terms, or the range with an indicator of the members",
                domain[0],
            )
        return items[0], items[-1]

    def _extremum_exclusion(self, g: list[Tok], t0: Tok) -> tuple[list[Tok], sympy.Basic | None]:
        """``\\max_{j \\ne i}`` (Davies-Bouldin's nearest other cluster, a margin's best other
        class): the subscript without the condition, and the value skipped. Side condition: the
        condition is the whole subscript, ``j \\ne i`` with one letter before it; any other
        place of ``\\ne`` is refused, never dropped (it had been, silently: the maximum ran over
        i too)."""
        texts = [t.text for t in g]
        if r"\ne" not in texts:
            return g, None
        k = texts.index(r"\ne")
        if (
            k == 0
            or self._read_name(g, 0)[4] != k  # one name before it (x' of \max_{x' \ne x})
            or k == len(g) - 1
            or any(x in (",", "=", r"\le", "<") for x in texts)
        ):
            raise self.error(
                f"`{t0.text}` with a condition here is not read; write `{t0.text}_{{j \\ne i}}` "
                f"alone as its subscript",
                g[k],
            )
        other = self.parse(g[k + 1 :], g[k + 1].pos)
        var = join_tokens(texts[:k])
        self.note(
            f"`{t0.text}_{{{var} \\ne {join_tokens(texts[k + 1 :])}}}` skips "
            f"{var} = {join_tokens(texts[k + 1 :])}"
        )
        return g[:k], other

    def _max_over(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        r"""``\max_{i} z_i``, ``\max_{i=1}^{n}``, ``\max_{1 \le i \le n}``: written as a sum (so that
        the body ends where a sum's would) whose range marker says it is a maximum."""
        t0 = toks[i]
        g, j = self.group(toks, i + 2)  # past `\max _`
        upper = None
        if j < len(toks) and toks[j].text == "^":
            upper, j = self.group(toks, j + 1)
        if upper is None and (listed := _listed_range(g)):
            g, upper = listed  # \max_{j = 1, \ldots, q}
        names, condition = self._extremum_condition(g, upper, t0)
        if names:  # \max_{i, j}, \max_{i, j : c_i = c_j}: one maximum per index
            for k, name in enumerate(names):
                self._check_extremum_index(name, g[0], t0)
                self.summation_vars.add(name)
                self.sum_bounds[name] = (None, None)
                last = k == len(names) - 1
                skip = (
                    self._sum_condition(condition, ", ".join(names), t0)
                    if condition and last
                    else None
                )
                self._emit_extremum(name, sympy.Integer(1), None, skip, t0, out)
            return j
        g, skipped = self._extremum_exclusion(g, t0)
        texts = [t.text for t in g]
        lo_toks: list[Tok] | None
        hi_toks: list[Tok] | None
        if sum(t in (r"\le", "<") for t in texts) == 2:
            a, b = [k for k, t in enumerate(texts) if t in (r"\le", "<")]
            lo_toks, var_toks, hi_toks = g[:a], g[a + 1 : b], g[b + 1 :]
            strict = [texts[a] == "<", texts[b] == "<"]
        elif "=" in texts:
            k = texts.index("=")
            var_toks, lo_toks, hi_toks, strict = g[:k], g[k + 1 :], upper, [False, False]
        elif r"\in" in texts and (written := self._literal_range(g[texts.index(r"\in") + 1 :], t0)):
            # \max_{c \in \{0, 1\}}, \max_{k \in [K]}: the range written out
            var_toks, (lo_toks, hi_toks), strict = g[: texts.index(r"\in")], written, [False, False]
        elif r"\in" in texts:
            raise self.error(
                f"`{t0.text}` over a set is not read; write the range, `{t0.text}_{{1 \\le i \\le n}}`",
                g[texts.index(r"\in")],
            )
        else:
            var_toks, lo_toks, hi_toks, strict = g, None, upper, [False, False]
        if any(t.text == "," for t in var_toks):
            raise self.error(
                f"`{t0.text}` over two indices at once is not read yet; write one per index, "
                f"`{t0.text}_{{i}} {t0.text}_{{j}}`",
                t0,
            )
        if (
            not var_toks
            or (lo_toks is not None and not lo_toks)
            or (hi_toks is not None and not hi_toks)
        ):
            raise self.error(
                f"`{t0.text}` over an index: write `{t0.text}_{{i}}`, `{t0.text}_{{i=1}}^{{n}}` or "
                f"`{t0.text}_{{1 \\le i \\le n}}`",
                t0,
            )
        name = self._index_var(var_toks, t0)
        if self._read_name(var_toks, 0)[4] != len(var_toks):
            # \max_{i : z_i > 0}, \max_{i < j}: a condition that is no range, which had been
            # dropped silently (the maximum ran over every i)
            raise self.error(
                f"`{t0.text}_{{{join_tokens([t.text for t in var_toks])}}}`: a condition under "
                f"`{t0.text}` is not read (only `{t0.text}_{{j \\ne i}}` and ranges, "
                f"`{t0.text}_{{1 \\le i \\le n}}`); write the terms it keeps with a maximum over "
                f"a range",
                var_toks[0],
            )
        self._check_extremum_index(name, var_toks[0], t0)
        self.summation_vars.add(name)
        if not any(strict):  # the range 1..q, as a sum's (a strict bound shifts it)
            self.sum_bounds[name] = (lo_toks, hi_toks)
        lo = (
            self.parse(lo_toks, lo_toks[0].pos) + (1 if strict[0] else 0)
            if lo_toks
            else sympy.Integer(1)
        )
        hi = self.parse(hi_toks, hi_toks[0].pos) - (1 if strict[1] else 0) if hi_toks else None
        self._emit_extremum(name, lo, hi, skipped, t0, out)
        return j

    def _check_extremum_index(self, name: str, at: Tok, t0: Tok) -> None:
        """The variable of ``\\max_{...}`` is an index; a declared scalar or vector is refused
        with what to write instead."""
        declared = self.table.resolve(name)
        if declared is not None and self.table[declared].kind not in ("index",):
            kind = self.table[declared].kind
            over = (
                f"a {t0.text[1:]}imum over the real {kind} `{name}` is {UNDECIDED_KIND} (as "
                f"`\\sup`); write the value it takes"
                + (f", or declare `{name}: index` for one over entries" if kind == "scalar" else "")
                if t0.text in (r"\max", r"\min") and kind in ("scalar", "vector")
                else f"the variable of `{t0.text}_{{...}}` is an index"
            )
            raise self.error(f"`{name}` is declared {kind}; {over}", at)

    def _extremum_condition(
        self, g: list[Tok], upper, t0: Tok
    ) -> tuple[list[str], list[Tok] | None]:
        """``\\max_{i, j}`` and ``\\max_{i, j : c_i = c_j}`` (``\\mid`` alike): the index
        names, one maximum each, and the condition's tokens (None without one); no names where
        the subscript is one index or a range, read as before."""
        texts = [t.text for t in g]
        cut = next((k for k, x in enumerate(texts) if x in (":", r"\mid")), None)
        head = g if cut is None else g[:cut]
        if cut is None and ("," not in texts or upper is not None or "=" in texts):
            return [], None
        if cut is not None and (cut == 0 or cut == len(g) - 1):
            raise self.error(
                f"`{t0.text}_{{i : \\dots}}` needs an index before the `:` and a condition after it",
                g[0],
            )
        parts = [part for _, part in self.split_args(head, {","})]
        for part in parts:
            if self._read_name(part, 0)[4] != len(part):
                raise self.error(
                    f"`{t0.text}_{{{join_tokens([t.text for t in g])}}}`: a condition beside "
                    f"its indices is not read; write the indices, then one condition after `:` "
                    f"(`{t0.text}_{{i : z_i > 0}}`, `{t0.text}_{{i, j : c_i = c_j}}`)",
                    part[0],
                )
        names = [self._index_var(part, t0) for part in parts]
        return names, (None if cut is None else g[cut + 1 :])

    def _emit_extremum(self, name: str, lo, hi, skipped, t0: Tok, out: list[_Piece]) -> None:
        """The pieces of one maximum (or minimum) over ``name`` from ``lo`` to ``hi`` (None:
        the range its arrays give), written as a sum whose range marker names the operator;
        ``skipped``, a value or a condition, travels with its lower limit."""
        marker = sympy.Symbol(f"{_MARK_RANGE}{len(self.ranges)}")
        self.ranges[marker.name] = (self._index_symbol(name), hi)
        self.extrema[marker.name] = F.IndexMax if t0.text == r"\max" else F.IndexMin
        if skipped is not None:
            # the value it skips travels with this maximum's lower limit, as a sum's does
            mark = sympy.Symbol(f"{_MARK_EXCLUDE}{len(self.exclusions)}")
            self.exclusions[mark.name] = [skipped]
            lo = lo + mark
        out += [
            _Piece(r"\sum_{", t0.pos),
            self.place(self._index_symbol(name), t0.pos),
            _Piece("=", t0.pos),
            self.place(lo, t0.pos),
            _Piece("}^{", t0.pos),
            self.place(marker, t0.pos),
            _Piece("}", t0.pos),
        ]

    def _spread(self, lower: list[Tok], t0: Tok) -> list[Tok]:
        """``\\sum_{ij}``: a sum over i and over j, as ``\\sum_{i,j}`` (modularity, the ARI)."""
        letters = [t.text for t in lower]
        self.note(
            f"`{t0.text}_{{{''.join(letters)}}}` is the {t0.text[1:]} over "
            f"{' and '.join(letters)}, as `{t0.text}_{{{','.join(letters)}}}`"
        )
        spread: list[Tok] = []
        for t in lower:
            spread += [*([Tok(",", t.pos)] if spread else []), t]
        return spread

    def _letters_together(self, lower: list[Tok]) -> bool:
        """Two or three lowercase letters written together under a sum (``ij``), none declared
        anything but an index and not one declared name together."""
        texts = [t.text for t in lower]
        if not 2 <= len(texts) <= 3 or not all(len(x) == 1 and x.islower() for x in texts):
            return False
        if self.table.resolve("".join(texts)) is not None or len(set(texts)) != len(texts):
            return False
        keys = [self.table.resolve(x) for x in texts]
        return all(k is None or self.table[k].kind == "index" for k in keys)

    def _index_var(self, toks: list[Tok], t0: Tok) -> str:
        texts = [t.text for t in toks]
        if not texts:
            raise self.error("the summation index is missing", t0)
        try:
            base, j = canonical_base(texts, 0)
        except SymbolError as e:
            raise self.error(f"cannot read the summation index: {e}", toks[0]) from None
        if j != len(texts):
            base_, sub, sup, primes, end = self._read_name(toks, 0)
            if end != len(toks):
                # \sum_{ab} with b declared otherwise, \sum_{i : ...} unsplit: the rest would be
                # dropped, and the sum run over i alone
                pair = "" if t0.text in (r"\max", r"\min") else f"`{t0.text}_{{i, j}}`, "
                raise self.error(
                    f"`{t0.text}_{{{join_tokens(texts)}}}`: the subscript is no single index, "
                    f"and what follows the index (a condition, another letter) is not read; "
                    f"write `{t0.text}_{{i}}`, {pair}or `{t0.text}_{{i=1}}^{{n}}`",
                    toks[end] if end < len(toks) else toks[0],
                )
            return self._full_name(base_, sub, sup, primes)
        return base

    def _sum_condition(self, toks: list[Tok], name: str, t0: Tok) -> sympy.Basic:
        """The condition of ``\\sum_{i : \\mu_i < \\mu^*}``, a relation the summand is kept
        where (its terms elsewhere are never evaluated: ``\\ln n / \\Delta_i`` at the optimal
        arm's ``\\Delta_i = 0``)."""
        cond = self.parse(toks, toks[0].pos)
        if not isinstance(cond, (sympy.core.relational.Relational, sympy.And, sympy.Or)):
            raise self.error(
                f"the condition after `:` under `{t0.text}_{{{name} : \\dots}}` is a comparison "
                f"(`{name} : \\mu_{name} < \\mu^*`)",
                toks[0],
            )
        self.note(f"`{t0.text}_{{{name} : \\dots}}` runs over the {name} where the condition holds")
        return cond

    def _entry_condition(self, lower: list[Tok], t0: Tok) -> list[Tok]:
        """``\\sum_{y_i = 0}``, ``\\sum_{y_i > 0}``: a condition on an entry of a declared
        vector is the sum over its index where the condition holds, ``\\sum_{i : y_i = 0}``."""
        rel = next((k for k, t in enumerate(lower) if t.text in _ENTRY_RELATIONS), None)
        if rel is None or rel < 3 or lower[1].text != "_":
            return lower
        base = self.table.resolve(lower[0].text)
        sub = lower[2:rel]
        if sub and sub[0].text == "{" and sub[-1].text == "}":
            sub = sub[1:-1]
        if (
            base is None
            or self.table[base].rank != 1
            or len(sub) != 1
            or self.table.resolve(sub[0].text) not in (None, sub[0].text)
            or (self.table.resolve(sub[0].text) and self.table[sub[0].text].kind != "index")
            or not re.fullmatch(r"[A-Za-z]", sub[0].text)
        ):
            return lower
        return [sub[0], Tok(":", t0.pos), *lower]

    def _sum_conditions(
        self, lower: list[Tok], t0: Tok
    ) -> tuple[list[Tok], list[tuple[str, sympy.Basic]], tuple[str, str, bool] | None]:
        """``\\sum_{j \\ne k}`` and ``\\sum_{i=1, i \\ne j}^{n}``: the sum skips one value of its
        variable (the other side is a fixed index); ``\\sum_{i<j}`` (``\\le``, ``>``, ``\\ge``) of
        two index letters runs over the ordered pairs (low, high, strict). Other conditions are
        refused: a condition that is silently dropped changes the value."""
        kept: list[Tok] = []
        excluded: list[tuple[str, sympy.Basic]] = []
        skipped_var: list[Tok] = []
        texts = [t.text for t in lower]
        if (
            len(texts) == 3
            and texts[1] in _ORDERS
            and all(self._pair_letter(x) for x in texts[::2])
        ):
            a, op, b = texts
            low, high = (a, b) if op in ("<", r"\le", r"\leq") else (b, a)
            return [lower[0], Tok(",", t0.pos), lower[2]], [], (low, high, op in ("<", ">"))
        for _sep, part in self.split_args(lower, {","}):
            texts = [t.text for t in part]
            if any(x in ("<", ">", r"\le", r"\ge") for x in texts) and "=" not in texts:
                raise self.error(
                    "a condition such as `i < j` under a sum is not read; write the bounds "
                    "(`\\sum_{j=i+1}^{n}`)",
                    part[0],
                )
            if r"\ne" in texts:
                k = texts.index(r"\ne")
                if k == 0 or k == len(part) - 1:
                    raise self.error("write the condition under the sum as `j \\ne k`", part[k])
                name = self._index_var(part[:k], t0)
                other = self.parse(part[k + 1 :], part[k + 1].pos)
                self.note(
                    f"`\\sum_{{{name} \\ne {other}}}` skips {name} = {other} (a fixed index); a sum "
                    f"over pairs is written `\\sum_i \\sum_{{j \\ne i}}`"
                )
                excluded.append((name, other))
                skipped_var = part[:k]
                continue
            if kept:
                kept.append(Tok(",", part[0].pos))
            kept.extend(part)
        return (kept or skipped_var), excluded, None

    def _pair_letter(self, x: str) -> bool:
        """A letter that can run over a range: a declared index, or a letter the table leaves
        undeclared."""
        key = self.table.resolve(x)
        return bool(re.fullmatch(r"[A-Za-z]", x)) and (
            key is None or self.table[key].kind == "index"
        )


_DERIVATIVE_VARIABLE = re.compile(
    r"\\partial\s*(?:\\[A-Za-z]+\s*)?(?:\{[^{}]*\}|[A-Za-z])?\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))"
)


def _derivative_letters(latex: str) -> set[str]:
    """The index letters of the variables a formula differentiates by (``j`` of
    ``\\partial \\theta_j``, ``\\partial w_{k}``, ``\\partial \\mathbf{w}_j``)."""
    return {a or b for a, b in _DERIVATIVE_VARIABLE.findall(latex)}


_ORDERS = frozenset({"<", ">", r"\le", r"\ge", r"\leq", r"\geq"})
_ENTRY_RELATIONS = frozenset({"=", "<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\ne", r"\neq"})


def _listed_range(lower: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
    """``j = 1, \\ldots, q`` under a sum or a maximum: the range from 1 to q, written as a list
    (``j = 1, 2, \\ldots, q`` too); (``j = 1``, ``q``), or None for anything else."""
    texts = [t.text for t in lower]
    if "=" not in texts or not any(x in (r"\ldots", r"\dots", r"\cdots") for x in texts):
        return None
    eq = texts.index("=")
    parts: list[list[Tok]] = [[]]
    for t in lower[eq + 1 :]:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    dots = [
        k
        for k, p in enumerate(parts)
        if len(p) == 1 and p[0].text in (r"\ldots", r"\dots", r"\cdots")
    ]
    if len(parts) < 3 or dots != [len(parts) - 2] or not all(parts):
        return None
    first = [p[0].text for p in parts[:-2]]
    if not all(len(p) == 1 and p[0].text.isdigit() for p in parts[:-2]) or any(
        int(b) - int(a) != 1 for a, b in itertools.pairwise(first)
    ):
        return None
    return [*lower[: eq + 1], *parts[0]], parts[-1]


def _such_that(lower: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """``i : \\mu_i < \\mu^*`` (or ``\\colon``) under a sum: the variable and the condition's
    tokens (none where there is no such condition)."""
    for k, t in enumerate(lower):
        if t.text in (":", r"\colon") and 0 < k < len(lower) - 1:
            return lower[:k], lower[k + 1 :]
    return lower, []


def _set_spelling(name: str) -> str:
    """The set's name as ``|\\mathcal{B}_t|`` written beside the sum reads it (``\\mathcal{B}_{t}``),
    so that the two are one size."""
    try:
        return canonical(name.replace(" ", ""))
    except SymbolError:
        return name
