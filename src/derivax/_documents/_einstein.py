r"""Einstein's summation convention, where a document's running text states it ("with repeated
indices summed", "Einstein summation", "the summation convention", ...): from the cue on, an
index letter written exactly twice in one product term of a side, and nowhere on the other side,
is summed over its range. The claim's LaTeX is rewritten with the sums written out
(``\delta_{ik}\delta_{il}`` -> ``\sum_{i=1}^{n}\left(\delta_{ik}\delta_{il}\right)``) and read by
the one reader, so nothing else changes.

Side conditions: an index written three times or more in a term is refused (the convention gives
it no meaning); an index written once on each side is free; the variable of a derivative
(``\partial X_{pq}``) and an index an explicit sum binds are not counted; the range is the size of
the declared array axis the index picks, else that of a Kronecker delta's partner, else the one
size every declared array has; where none of these decides, the claim is refused naming the index.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from .. import _functions as F
from .._errors import DerivaxError

_CUE = re.compile(
    r"\brepeated\s+ind(?:ex|ices)\s+(?:(?:is|are)\s+)?(?:(?:implicitly|always)\s+)?summed"
    r"|\bsum(?:s|med|ming)?\s+over\s+(?:the\s+|all\s+|any\s+)?repeated\s+ind(?:ex|ices)"
    r"|\bsummation\s+over\s+(?:the\s+|all\s+|any\s+)?repeated\s+ind(?:ex|ices)"
    r"|\beinstein(?:'s)?\s+(?:summation|convention|notation)"
    r"|\bsummation\s+convention"
    r"|\bimplicit(?:ly)?\s+(?:summation|summed|sums?)\b"
    r"|\bimplied\s+(?:summation|sums?)\b"
    r"|\bind(?:ex|ices)\s+(?:that\s+)?(?:appearing|appear|occurring|occur)s?\s+twice\s+"
    r"(?:is|are)\s+summed",
    re.IGNORECASE,
)
#: "we do not use the summation convention", "without Einstein summation"
_NEGATED = re.compile(
    r"\b(?:not|no|never|without|nor|instead\s+of|rather\s+than)\b(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)


def convention_cue(text: str) -> re.Match | None:
    """Where ``text`` states the summation convention, or None (a negated mention is none).

    >>> convention_cue("With repeated indices summed, $X_{ii}$") is not None
    True
    >>> convention_cue("We do not use the summation convention.") is None
    True
    """
    for m in _CUE.finditer(text):
        if not _NEGATED.search(text[max(0, m.start() - 60) : m.start()]):
            return m
    return None


@dataclass(frozen=True)
class Summed:
    """A side pair with the convention's sums written out, and what was summed over what."""

    lhs: str
    rhs: str
    ranges: tuple[tuple[str, str], ...]  # (index, size) in order of first summation
    by_default: tuple[str, ...] = ()  # indices whose range is the one size of every array


def written_out(lhs: str, rhs: str, table) -> Summed | None:
    r"""``lhs`` and ``rhs`` with every index the convention sums written as a sum, or None where
    the convention sums nothing (or a side does not split into terms derivax can read alone,
    which leaves the claim as written). Raises DerivaxError where the convention is ambiguous or
    a summed index has no range."""
    from ..latex import parse

    split = [_terms(lhs), _terms(rhs)]
    if split[0] is None or split[1] is None:
        return None
    sides = [split[0], split[1]]
    if any(_TRANSPOSED_ENTRY.search(t) for side in sides for _, t in side):
        return None  # X_{ij}^T reads as a power of the entry: summed, it would say something else
    try:
        parsed = [[parse(t, table) for _, t in side] for side in sides]
    except DerivaxError:
        return None
    counts = [[_counts(e) for e in side] for side in parsed]
    # free on a side: written once in a term (twice is that term's own summed index)
    present = [{x for c in side for x, n in c.items() if n == 1} for side in counts]
    whole = [e for side in parsed for e in side]
    plan: list[list[list[sympy.Symbol]]] = [[], []]
    for k in (0, 1):
        for (_, text), c in zip(sides[k], counts[k], strict=True):
            _refuse_lost(text, table)
            many = sorted((x for x, n in c.items() if n > 2), key=str)
            if many:
                raise DerivaxError(
                    f"`{many[0]}` is written {c[many[0]]} times in the term `{text}`: the "
                    f"summation convention the text states sums an index written twice; write "
                    f"the sums (`\\sum_{{{many[0]}}}`)"
                )
            plan[k].append(
                sorted((x for x, n in c.items() if n == 2 and x not in present[1 - k]), key=str)
            )
    if not any(p for side in plan for p in side):
        return None
    sizes: dict[sympy.Symbol, sympy.Expr] = {}
    defaulted: list[str] = []
    for side in plan:
        for summed in side:
            for x in summed:
                if x not in sizes:
                    sizes[x], default = _range(x, whole, table)
                    if default:
                        defaulted.append(str(x))
    out = []
    for k in (0, 1):
        pieces = []
        for (sign, text), summed in zip(sides[k], plan[k], strict=True):
            sums = "".join(f"\\sum_{{{x}=1}}^{{{_spell(sizes[x], table)}}} " for x in summed)
            body = f"{sums}\\left({text}\\right)" if summed else text
            pieces.append(f"{sign} {body}".strip() if sign else body)
        out.append(" ".join(pieces))
    ranges = tuple((str(x), _spell(s, table)) for x, s in sizes.items())
    return Summed(out[0], out[1], ranges, tuple(defaulted))


_TRANSPOSED_ENTRY = re.compile(
    r"_\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*\^\s*(?:\{\s*)?(?:T|\\top|\\intercal)(?![A-Za-z])"
)


def _refuse_lost(text: str, table) -> None:
    r"""``\delta_{ii}`` is 1 as SymPy reads it, the count of ``i`` lost before it is counted."""
    for m in re.finditer(r"\\delta\s*_\s*\{\s*([A-Za-z])\s*,?\s*([A-Za-z])\s*\}", text):
        if m.group(1) == m.group(2):
            raise DerivaxError(
                f"`{m.group(0)}` under the summation convention the text states is a trace of "
                f"the identity, which derivax does not read; write the sum "
                f"(`\\sum_{{{m.group(1)}}}`)"
            )


def _is_index(s) -> bool:
    return isinstance(s, sympy.Symbol) and bool(s.is_integer) and not s.is_positive


def _counts(e) -> Counter:
    """How many times each index is written in the product ``e`` (a sum inside counts each index
    once, as in each of its terms; a derivative's variable and a bound index not at all)."""
    if isinstance(e, (sympy.Sum, sympy.Product, F.IndexMax)):
        inner = _counts(e.function)
        for lim in e.limits:
            inner.pop(lim[0], None)
        return inner
    if isinstance(e, sympy.Derivative):
        return _counts(e.expr)
    if isinstance(e, sympy.Indexed):
        out: Counter = Counter()
        for i in e.indices:
            out.update(s for s in _symbols_written(i) if _is_index(s))
        return out
    if isinstance(e, MatrixElement):
        return Counter(s for i in (e.i, e.j) for s in _symbols_written(i) if _is_index(s))
    if isinstance(e, sympy.KroneckerDelta):
        return Counter(s for i in e.args for s in _symbols_written(i) if _is_index(s))
    if isinstance(e, sympy.Pow) and e.exp.is_Integer and e.exp > 0:
        return Counter({x: n * int(e.exp) for x, n in _counts(e.base).items()})
    if isinstance(e, sympy.Add):
        parts = [_counts(a) for a in e.args]
        out = Counter()
        for x in set().union(*parts):
            seen = {p.get(x, 0) for p in parts}
            if len(seen) > 1:
                raise DerivaxError(
                    f"`{x}` is written in some terms of `{e}` and not in others, so the "
                    f"summation convention the text states gives the product no single meaning; "
                    f"write the sums (`\\sum_{{{x}}}`)"
                )
            out[x] = seen.pop()
        return out
    out = Counter()
    for a in e.args:
        if isinstance(a, sympy.Basic):
            out.update(_counts(a))
    return out


def _symbols_written(i) -> list:
    """The symbols of an index expression, each as often as written (``i + i`` is rare; once)."""
    return sorted(getattr(i, "free_symbols", ()), key=str)


def _range(x, exprs, table) -> tuple[sympy.Expr, bool]:
    """The size an index runs up to, and whether it is the default (every array's one size)."""
    sizes = _axis_sizes(x, exprs)
    if not sizes:
        partners = {
            other
            for e in exprs
            for d in e.atoms(sympy.KroneckerDelta)
            if x in d.args
            for other in d.args
            if other != x
        }
        for p in partners:
            sizes |= _axis_sizes(p, exprs)
    if len(sizes) == 1:
        return sizes.pop(), False
    if len(sizes) > 1:
        raise DerivaxError(
            f"`{x}` picks entries along axes of different sizes "
            f"({', '.join(sorted(map(str, sizes)))}), so the sum the convention writes over it "
            f"has no one range; write the sum (`\\sum_{{{x}=1}}^{{...}}`)"
        )
    every = {size for name in table for size in table[name].shape if table[name].rank and size}
    if len(every) == 1:
        return table.dim(every.pop()), True
    raise DerivaxError(
        f"`{x}` is summed under the convention the text states but picks no entry of a declared "
        f"array, so its range is not known; write the sum (`\\sum_{{{x}=1}}^{{n}}`)"
    )


def _axis_sizes(x, exprs) -> set:
    sizes: set = set()
    for e in exprs:
        for node in sympy.preorder_traversal(e):
            if isinstance(node, sympy.Indexed) and node.base.shape is not None:
                shape = node.base.shape
                sizes |= {shape[a] for a, i in enumerate(node.indices) if i == x and a < len(shape)}
            elif isinstance(node, MatrixElement):
                rows, cols = node.parent.shape
                sizes |= {s for i, s in ((node.i, rows), (node.j, cols)) if i == x}
    return sizes


def _spell(size, table) -> str:
    from ..latex import to_latex

    return str(size) if re.fullmatch(r"[A-Za-z]", str(size)) else to_latex(size, table)


_OPERAND_END = re.compile(r"[A-Za-z0-9})\]|!.']$")
_BINARY_COMMANDS = re.compile(r"\\(?:cdot|times|pm|mp|div|circ|odot|otimes|ast|star)$")


def _terms(side: str) -> list[tuple[str, str]] | None:
    """The top-level terms of one side, each with the sign before it, or None when its groups
    do not balance."""
    out: list[tuple[str, str]] = []
    depth, start, sign, k = 0, 0, "", 0
    last = ""  # the last token outside the current term's whitespace
    while k < len(side):
        c = side[k]
        if c == "\\":
            m = re.match(r"\\(left|right)\b\s*(\\[A-Za-z]+|\\.|.)?", side[k:])
            if m:
                depth += 1 if m.group(1) == "left" else -1
                k += m.end()
                last = ")"
                continue
            m = re.match(r"\\(?:[A-Za-z]+|.)", side[k:])
            assert m is not None
            last = m.group(0)
            k += m.end()
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
            if depth < 0:
                return None
        elif c in "+-" and depth == 0:
            binary = bool(_OPERAND_END.search(last)) and not _BINARY_COMMANDS.search(last)
            if binary:
                out.append((sign, side[start:k].strip()))
                sign, start = c, k + 1
            elif not side[start:k].strip():
                if out or sign:
                    return None  # a sign after a sign: read as written
                sign, start = ("-" if c == "-" else ""), k + 1
        if not c.isspace():
            last = c
        k += 1
    if depth != 0:
        return None
    out.append((sign, side[start:].strip()))
    if any(not t for _, t in out):
        return None
    return out


def cue_line(text: str, event) -> int:
    """The line of the document where the running text before ``event`` (a display) states the
    convention, 0 where it does not (the display's own line where the text cannot be placed)."""
    if convention_cue(event.prose) is None:
        return 0
    if text and not event.where:
        start = max(0, event.offset - 4 * len(event.prose) - 400)
        found = list(_CUE.finditer(text, start, event.offset))
        if found:
            return text.count("\n", 0, found[-1].start()) + 1
    return event.line


def reading_note(summed: Summed, line: int) -> str:
    """What a link's reason says of a claim read under the convention."""
    ranges = ", ".join(f"`{x}` over 1..{size}" for x, size in summed.ranges)
    note = f"read with repeated indices summed, as the text says at line {line} ({ranges}"
    if summed.by_default:
        which = ", ".join(f"`{x}`" for x in summed.by_default)
        note += f"; {which} picking no array entry, over the one size every declared array has"
    return note + ")"


def refusal_note(error: Exception, line: int) -> str:
    return f"{error} (the text states the summation convention at line {line})"


#: the denominator of a derivative by an entry named by two index letters: {\partial X_{kl}}
_BY_ENTRY = re.compile(
    r"\}\s*\{\s*\\partial\s*\\?[A-Za-z]+\s*_\s*\{\s*([a-z])\s*,?\s*([a-z])\s*\}\s*\}"
)


def entry_axes(texts: list[str]) -> tuple[str, str] | None:
    r"""The index letters ``(k, l)`` of the one entry a derivation differentiates by
    (``\frac{\partial (X_{ij} A_{ji})}{\partial X_{kl}}``): in that derivation, an expression in k
    and l set equal to a matrix (``A_{lk} = A^T``) says entry (k, l) of the matrix, row k and
    column l. None where no such derivative is written, or two different ones are."""
    found = {(m[1], m[2]) for t in texts for m in _BY_ENTRY.finditer(t)}
    return found.pop() if len(found) == 1 else None


def as_entry(lhs: str, rhs: str, axes: tuple[str, str] | None) -> tuple[str, str] | None:
    r"""``lhs = rhs`` with its matrix side read at entry ``axes`` (``A_{kl} = (A^\top)_{kl}`` for
    ``A_{kl} = A^\top``), or None: where both letters are subscripts on one side and neither on
    the other, which is then the matrix."""
    if axes is None:
        return None

    def holds(side: str) -> bool:
        return all(re.search(rf"_\s*\{{[^{{}}]*{x}|_\s*{x}", side) for x in axes)

    def bare(side: str) -> bool:
        return not any(re.search(rf"_\s*\{{[^{{}}]*{x}|_\s*{x}", side) for x in axes)

    entry = rf"_{{{axes[0]}{axes[1]}}}"
    if holds(lhs) and bare(rhs):
        return lhs, rf"\left({rhs}\right){entry}"
    if holds(rhs) and bare(lhs):
        return rf"\left({lhs}\right){entry}", rhs
    return None
