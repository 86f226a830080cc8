"""Sums, products and maxima over an index."""

from __future__ import annotations

import re

import sympy

from ..._errors import SymbolError
from ...symbols import (
    canonical,
    canonical_base,
    join_tokens,
)
from .._lex import Tok
from .._vocabulary import (
    _MARK_EXCLUDE,
    _MARK_RANGE,
    _Piece,
)
from ._extrema_over import _ASCENDING, _ORDERS, ExtremaOver, listed_range


class Sums(ExtremaOver):
    """``\\sum``, ``\\prod`` and ``\\max_i``/``\\min_i`` over an index."""

    def _sum(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        lower, upper, j = self.limits(toks, i + 1)
        if lower is not None and upper is None and (listed := listed_range(lower)):
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
        conditions = _conditions_by_index(condition, [b[0] for b in bounds], self)
        for name, lo, hi, size in bounds:
            self.summation_vars.add(name)
            self.sum_bounds[name] = (lo, hi)
            # read once the index is a summation index (t_i of \sum_{t_i < T} is an entry)
            for owner, part in conditions:
                if owner == name:
                    skips.setdefault(name, []).append(self._sum_condition(part, name, t0))
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
        low, high, strict = ordered[:3]
        first, last = ordered[3:] if len(ordered) == 5 else (None, None)
        end = self._term_end(toks, j)
        outer = self._enclosing_letter(toks, i, end, {low, high})
        if outer is not None:
            return self._range_under(bounds, ordered, outer, t0)
        inside = self._bound_spans(toks, {low, high}) | set(range(i, end))
        outside = [t for k, t in enumerate(toks) if k not in inside]
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
        bounds = [
            (n, start if n == high else first or lo, last if n == high and last else hi, size)
            for n, lo, hi, size in bounds
        ]
        bounds.sort(key=lambda b: b[0] == high)
        self.note(f"`{t0.text}_{{{low} < {high}}}` runs over the pairs, {high} from {low} + 1")
        return bounds

    def _range_under(self, bounds, ordered, outer: str, t0: Tok):
        """``\\sum_{s<t}`` inside a sum over ``t``: a range of ``s`` alone, from its own lower
        bound to t - 1 (to t with ``\\le``); inside a sum over ``s``, ``t`` from s + 1 (from s)
        to its own upper bound. Read as the pairs, the outer sum had counted each pair T times."""
        at = t0.pos
        low, high, strict = ordered[:3]
        if outer == high:
            top = [Tok(high, at), Tok("-", at), Tok("1", at)] if strict else [Tok(high, at)]
            kept = [(n, lo, top, None) for n, lo, _hi, _size in bounds if n == low]
            said = f"{low} from 1 to {high}" + (" - 1" if strict else "")
        else:
            start = [Tok(low, at), Tok("+", at), Tok("1", at)] if strict else [Tok(low, at)]
            kept = [(n, start, hi, size) for n, _lo, hi, size in bounds if n == high]
            said = f"{high} from {low}" + (" + 1" if strict else "")
        relation = "<" if strict else r"\le"
        self.note(
            f"`{t0.text}_{{{low} {relation} {high}}}` inside the sum over "
            f"`{outer}` runs over {said}, not over the pairs"
        )
        return kept

    def _bound_spans(self, toks: list[Tok], letters: set[str]) -> set[int]:
        """The positions inside every sum (or product) whose subscript binds one of ``letters``
        (Kruskal's stress, \\sum_{i<j} above and below the fraction bar: each sum's i and j
        are its own, no fixed index)."""
        spans: set[int] = set()
        for k, t in enumerate(toks):
            if t.text not in (r"\sum", r"\prod") or k + 1 >= len(toks) or toks[k + 1].text != "_":
                continue
            lower, _upper, after = self.limits(toks, k + 1)
            if lower and letters & {x.text for x in lower}:
                spans |= set(range(k, self._term_end(toks, after)))
        return spans

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
        parts = [p for _, p in self.split_args(lower, {","})]
        if len(parts) > 1 and all(p and p[0].text not in (":", r"\colon") for p in parts):
            # \sum_{x_i > 0, x_j < 0}: one condition on an entry per index
            each = [self._entry_condition(p, t0) for p in parts]
            if all(e is not p for e, p in zip(each, parts, strict=True)):
                names = [e[0] for e in each]
                if len(set(t.text for t in names)) == len(names):
                    joined: list[Tok] = []
                    for k, e in enumerate(each):
                        joined += ([Tok(",", t0.pos)] if k else []) + e[2:]
                    commas = [x for n in names for x in (Tok(",", t0.pos), n)][1:]
                    return [*commas, Tok(":", t0.pos), *joined]
            return lower
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
        if (chain := self._pair_chain(lower, t0)) is not None:
            return chain
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

    def _pair_chain(self, lower: list[Tok], t0: Tok):
        """``\\sum_{1 \\le i < j \\le n}``: the pairs, with the first letter's lower bound
        and the second's upper bound written in the chain (a strict outer relation shifts them by
        one), as ``_sum_conditions`` returns them; None for any other subscript."""
        rel = [k for k, t in enumerate(lower) if t.text in _ORDERS]
        if len(rel) != 3 or rel[1] != rel[0] + 2 or rel[2] != rel[1] + 2 or rel[0] == 0:
            return None
        if rel[2] == len(lower) - 1 or any(lower[k].text not in _ASCENDING for k in rel):
            return None
        a, b = lower[rel[0] + 1], lower[rel[1] + 1]
        if not (self._pair_letter(a.text) and self._pair_letter(b.text)):
            return None
        at = t0.pos
        first, last = lower[: rel[0]], lower[rel[2] + 1 :]
        if lower[rel[0]].text == "<":
            first = [Tok("(", at), *first, Tok(")", at), Tok("+", at), Tok("1", at)]
        if lower[rel[2]].text == "<":
            last = [Tok("(", at), *last, Tok(")", at), Tok("-", at), Tok("1", at)]
        strict = lower[rel[1]].text == "<"
        return [a, Tok(",", at), b], [], (a.text, b.text, strict, first, last)

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


_ENTRY_RELATIONS = frozenset({"=", "<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\ne", r"\neq"})


def _conditions_by_index(condition: list[Tok], names: list[str], reader) -> list:
    """The comma-separated conditions of ``\\sum_{i, j : x_i > 0, x_j < 0}``, each with the
    sum it belongs to: the innermost of the sum's indices it names (its terms are the ones it
    keeps; attached further out it would hold an index no longer bound), the last one where it
    names none."""
    if not condition:
        return []
    out = []
    for _, part in reader.split_args(condition, {","}):
        written = {t.text for t in part}
        named = [n for n in names if n in written]
        out.append((named[-1] if named else names[-1], part))
    return out


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
