r"""A declared vector or matrix followed by indices in parentheses or square brackets is its
entry: ``x(n)``, ``x[n]`` and ``h(n - k)`` (signal processing), ``\alpha_t(i)`` (Rabiner's HMM
recursions), ``A(i, j)``. Read as a product, ``\sum_{i=1}^{N} \alpha_t(i)`` was the vector
``\alpha_t`` times the sum of the indices, silently, and so was pre-emphasis's
``x[n] - \alpha x[n - 1]``.

Side conditions: the name, with its subscript, is declared with a shape (a vector, a matrix);
the parentheses hold one part per axis, separated by commas; each part is an index expression
(names declared ``index`` or ``dim`` or bound by a big operator of the formula, whole numbers,
``+`` and ``-``) naming at least one index. Anything else keeps its reading: ``W(x + b)`` is a
product, ``f(x)`` of a function an application, ``x(2)`` (a number alone) two times ``x``. The
case that would break it, a vector times an index written in parentheses (``x (i)`` for
``i x``), is not how papers write a multiple.
"""

from __future__ import annotations

from ..symbols import SymbolTable
from ._lex import Tok, find_close

#: big operators whose subscript binds an index
_BINDERS = frozenset({r"\sum", r"\prod", r"\max", r"\min", r"\bigcup", r"\bigcap"})
_MATRIX_KINDS = frozenset({"spd", "symmetric"})


def entries_in_parentheses(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each ``x(i)`` of a declared array written ``x_{i}``, and the rule."""
    bound = _bound_names(toks)
    out: list[Tok] = []
    rules: list[str] = []
    k = 0
    while k < len(toks):
        end = _name_end(toks, k)
        if end is None or end >= len(toks) or toks[end].text not in ("(", "["):
            out.append(toks[k])
            k += 1
            continue
        name = latex[toks[k].pos : toks[end - 1].pos + len(toks[end - 1].text)]
        close = find_close(toks, end, latex)
        parts = _parts(toks[end + 1 : close])
        rank = _rank(table, name)
        if rank is None or len(parts) != rank or not _all_indices(parts, table, bound):
            out.append(toks[k])
            k += 1
            continue
        at = toks[k].pos
        # a name with a subscript of its own is put in parentheses first: (\alpha_t)_{i}
        head = toks[k:end] if end == k + 1 else [Tok("(", at), *toks[k:end], Tok(")", at)]
        out += [
            *head,
            Tok("_", at),
            Tok("{", at),
            *toks[end + 1 : close],
            Tok("}", toks[close].pos),
        ]
        rule = (
            f"`{name}{toks[end].text}...{toks[close].text}` of the declared "
            f"{'vector' if rank == 1 else 'matrix'} `{name}` at "
            f"an index is its entry, `{name}_{{...}}` (not a product)"
        )
        if rule not in rules:
            rules.append(rule)
        k = close + 1
    return out, rules


def _name_end(toks: list[Tok], k: int) -> int | None:
    """The end of a name starting at ``k``: a letter or a Greek command, then at most one
    subscript (a token or a braced group)."""
    text = toks[k].text
    if not (text.isalpha() and len(text) == 1) and not (
        text.startswith("\\") and text[1:].isalpha() and len(text) > 2
    ):
        return None
    if k > 0 and toks[k - 1].text in ("_", "^", "\\frac", "\\operatorname", "\\mathrm"):
        return None
    j = k + 1
    if j < len(toks) and toks[j].text == "_" and j + 1 < len(toks):
        if toks[j + 1].text == "{":
            depth, m = 0, j + 1
            while m < len(toks):
                depth += {"{": 1, "}": -1}.get(toks[m].text, 0)
                if depth == 0:
                    break
                m += 1
            j = m + 1
        else:
            j += 2
    return j


def _parts(inner: list[Tok]) -> list[list[Tok]]:
    parts: list[list[Tok]] = [[]]
    for t in inner:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts if any(parts) else []


def _rank(table: SymbolTable, name: str) -> int | None:
    key = table.resolve(name)
    if key is None:
        return None
    decl = table[key]
    if not decl.shape:
        return None
    return 2 if decl.kind in _MATRIX_KINDS else len(decl.shape)


def _all_indices(parts: list[list[Tok]], table: SymbolTable, bound: set[str]) -> bool:
    names = 0
    for part in parts:
        if not part:
            return False
        for t in part:
            if t.text in ("+", "-") or t.text.isdigit():
                continue
            key = table.resolve(t.text)
            kind = table[key].kind if key is not None else None
            if kind in ("index", "dim") or (key is None and t.text in bound):
                names += kind != "dim"
                continue
            return False
    return names > 0


def _bound_names(toks: list[Tok]) -> set[str]:
    """The names a big operator binds in its subscript: ``i`` of ``\\sum_{i=1}``, ``\\sum_i``,
    ``\\max_{1 \\le i \\le N}``, ``\\sum_{i, j}``."""
    out: set[str] = set()
    for k, t in enumerate(toks):
        if t.text not in _BINDERS or k + 2 >= len(toks) or toks[k + 1].text != "_":
            continue
        if toks[k + 2].text != "{":
            out.add(toks[k + 2].text)
            continue
        m = k + 3
        while m < len(toks) and toks[m].text != "}":
            x = toks[m].text
            if (x.isalpha() and len(x) == 1) or (x.startswith("\\") and x[1:].isalpha()):
                out.add(x)
            m += 1
    return out
