"""Maxima and minima over an index, read as sums whose range marker names the operator:
``\\max_i``, ``\\max_{i=1}^{n}``, ``\\max_{1 \\le i \\le n}``, ``\\max_{j \\ne i}`` (one value
skipped), ``\\max_{i, j}`` and ``\\max_{i, j : c_i = c_j}`` (several indices, a condition on
the terms kept)."""

from __future__ import annotations

import itertools

import sympy

from ... import _functions as F
from ...symbols import join_tokens
from .._call_entries import _BINDERS
from .._lex import Tok
from .._state import ReaderState
from .._undecided import UNDECIDED_KIND
from .._vocabulary import _MARK_EXCLUDE, _MARK_RANGE, _Piece


class ExtremaOver(ReaderState):
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
        if upper is None and (listed := listed_range(g)):
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
        if (under := self._under_enclosing(toks, i, j, g, upper)) is not None:
            var_toks, lo_toks, hi_toks, strict = under
        elif sum(t in (r"\le", "<") for t in texts) == 2:
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

    def _enclosing_letter(self, toks: list[Tok], i: int, end: int, letters: set[str]) -> str | None:
        """The one of ``letters`` a sum (or product) enclosing the sum at ``i`` binds
        (``\\sum_t \\sum_{s<t}``); None where no enclosing sum binds either."""
        for k in range(i):
            if toks[k].text not in _BINDERS or toks[k + 1].text != "_":
                continue
            lower, _upper, after = self.limits(toks, k + 1)
            if lower and after <= i and self._term_end(toks, after) >= end:
                bound = letters & {x.text for x in lower}
                if len(bound) == 1:  # \sum_t, \sum_{t=1}, \max_{1 \le t \le T}
                    return bound.pop()
        return None

    def _under_enclosing(self, toks: list[Tok], i: int, j: int, g: list[Tok], upper):
        """``\\max_{s \\le t}`` (``<``, ``\\ge``, ``>``) inside a sum or an extremum over ``t``:
        the range of ``s`` up to t (from t), as (variable, lower, upper, strict) tokens; None for
        any other subscript, or where no enclosing operator binds ``t``."""
        texts = [t.text for t in g]
        relations = [k for k, t in enumerate(texts) if t in _ORDERS]
        if upper is not None or len(relations) != 1 or relations[0] != 1 or len(g) != 3:
            return None
        var, rel, other = g
        if self._enclosing_letter(toks, i, self._term_end(toks, j), {other.text}) is None:
            return None
        strict = rel.text in ("<", ">")
        self.note(
            f"`{toks[i].text}_{{{var.text} {rel.text} {other.text}}}` inside the operator over "
            f"`{other.text}` runs over {var.text} "
            + (f"up to {other.text}" if rel.text in _ASCENDING else f"from {other.text}")
            + (" (not included)" if strict else "")
        )
        if rel.text in _ASCENDING:
            return [var], None, [other], [False, strict]
        return [var], [other], None, [strict, False]

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
        several = len(self.split_args(head, {","})) > 1  # commas at the top (not in a set)
        if cut is None and (not several or upper is not None or {"=", r"\in"} & set(texts)):
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


_ORDERS = frozenset({"<", ">", r"\le", r"\ge", r"\leq", r"\geq"})
_ASCENDING = frozenset({"<", r"\le", r"\leq"})


def listed_range(lower: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
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
