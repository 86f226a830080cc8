"""The scope of a sum: an index summed in one term and written again after it, outside the sum,
reads two ways (TeX's scope or the author's), and is refused naming both."""

from __future__ import annotations

import sympy

from .._errors import ParseError
from ._lex import Tok
from ._vocabulary import _RELATIONS


def indices_after_sums(toks: list[Tok]) -> set[str]:
    """The index letters of ``\\sum_{i...}`` that reappear in a subscript after the sum's term
    has ended (at a ``+`` or ``-`` of the sum's own level) and before its level closes."""
    opens, closes = ("{", "(", "[", r"\{"), ("}", ")", "]", r"\}")
    found: set[str] = set()
    for k, t in enumerate(toks):
        if t.text not in (r"\sum", r"\prod") or k + 2 >= len(toks) or toks[k + 1].text != "_":
            continue
        var = (
            toks[k + 3].text if toks[k + 2].text == "{" and k + 3 < len(toks) else toks[k + 2].text
        )
        depth, ended = 0, False
        for m in range(k + 1, len(toks)):
            u = toks[m].text
            depth += (u in opens) - (u in closes)
            if depth < 0 or (depth == 0 and u in _RELATIONS | {"&", r"\\"}):
                break
            if depth == 0 and u in ("+", "-"):
                ended = True
            elif ended and u == "_" and m + 1 < len(toks):
                group = [toks[m + 1].text]
                if group[0] == "{":
                    inner, level = [], 1
                    for v in toks[m + 2 :]:
                        level += (v.text == "{") - (v.text == "}")
                        if level == 0:
                            break
                        inner.append(v.text)
                    group = inner
                if var in group:
                    found.add(var)
    return found


def check_sum_scope(expr: sympy.Basic, latex: str, flagged: set[str]) -> None:
    """Refuse an index summed in one term and free in the next: ``-\\sum_i y_i \\log p_i + (1 -
    y_i) \\log(1 - p_i)`` as TeX reads it leaves the second term's ``i`` free, while its author
    (binary cross-entropy) meant the sum to cover both; the two readings differ in value, so
    neither is chosen. Only terms outside every sum are compared (inside ``\\sum_i``, a free
    ``i`` is the outer sum's)."""

    def outside_sums(e):
        if isinstance(e, sympy.Sum) or not isinstance(e, sympy.Basic):
            return
        yield e
        for a in e.args:
            yield from outside_sums(a)

    for node in outside_sums(expr):
        if not isinstance(node, sympy.Add):
            continue
        bound: dict[sympy.Symbol, sympy.Basic] = {}
        for term in node.args:
            for sm in term.atoms(sympy.Sum):
                for limit in sm.limits:
                    bound.setdefault(limit[0], term)
        for term in node.args:
            for var, where in bound.items():
                if (
                    str(var) in flagged
                    and term is not where
                    and var in term.free_symbols
                    and var not in where.free_symbols
                ):
                    raise ParseError(
                        f"`{var}` is summed in one term and free in another (`{term}`): "
                        f"`\\sum_{{{var}}}` reaches to the end of its term only, so the two "
                        f"readings differ; write `\\sum_{{{var}}} (\\dots + \\dots)` with "
                        f"parentheses if the sum covers both terms, or another letter for an index "
                        f"that is free",
                        latex,
                        0,
                    )
