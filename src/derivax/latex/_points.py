r"""The value of a declared quantity at a point the table does not declare: ``f_j(\mathbf{x})``
(the j-th softmax output at the one input x), ``h_i(x)`` (the path length of x in tree i),
``\mathcal{L}_1(W)`` (a task's loss at the current weights), ``f(\mathbf{x})`` (a network's
features at the input, a declared vector). The table declares the values
(``f: simplex[c]``, ``\mathcal{L}_1: scalar``); the argument only says where they were taken.
Read as a product, the point became an input to give (``no value given for x``).

Side conditions, each with the case that would break it: the head is an entry of a declared
array (a declared base with a subscript, ``f_j``), a declared array (``f``, at a point with no
subscript: ``\hat{q}(X_i)`` is the entry at the i-th sample, read by ``_picks``) or a declared
scalar (``\mathcal{L}_1``), not a function; the parentheses hold names alone, none declared, or,
after an entry of a declared array, a step of time ``t`` or ``\tau`` shifted by a whole number
(``w_i(t - 1)``, the weight of task i one epoch before; ``f_j(x + 1)`` and ``c(t + 1)`` of a scalar ``c`` stay products,
and a declared point is read by ``_picks``); each such name appears in the formula only as such
an argument (``w_i(x) + x``, ``w_i(t - 1) t``, where the letter is also a quantity, stay
products); and one declared value is taken at one point only (``w_k(t - 1) - w_k(t - 2)``, or
``f_j(x) - f_j(y)``, would be 0: refused). The left side of a definition is left to the reading
of the function it defines.
"""

from __future__ import annotations

from .._errors import ParseError, SymbolError
from ..symbols import DECORATIONS, GREEK_SET, STYLES, SymbolTable
from ._lex import Tok, find_close
from ._vocabulary import DEFINING

_WRAPPERS = frozenset(
    {*(rf"\{s}" for s in STYLES), *(rf"\{d}" for d in DECORATIONS)}
    | {r"\mathrm", r"\mathcal", r"\text", r"\operatorname", r"\mathsf", r"\mathbb"}
)
#: the letters a step of time is written with, shifted in ``w_i(t - 1)``
_TIMES = frozenset({"t", r"\tau"})
_OPEN, _CLOSE = frozenset({"(", "[", "{", r"\{"}), frozenset({")", "]", "}", r"\}"})


def values_at_points(
    toks: list[Tok], table: SymbolTable, latex: str
) -> tuple[list[Tok], list[str]]:
    """``toks`` with each ``f_j(x)`` of the module's kind written ``f_j``, and the rules."""
    start = _after_definition(toks)
    arguments = _lone_arguments(toks, latex)
    out, rules, k = list(toks[:start]), [], start
    taken: dict[str, tuple[str, Tok]] = {}  # each declared head: the one point it is taken at
    while k < len(toks):
        end = _name_end(toks, k, latex)
        if (
            end is None
            or end >= len(toks)
            or toks[end].text != "("
            or _valued(toks[k:end], table, latex) is None
        ):
            out.append(toks[k])
            k += 1
            continue
        close = find_close(toks, end, latex)
        if close + 1 < len(toks) and toks[close + 1].text == "_":
            # c (Q_t)_{b}: an entry of the parenthesis, no point
            out.append(toks[k])
            k += 1
            continue
        parts = _split(toks[end + 1 : close])
        valued = _valued(toks[k:end], table, latex)
        entry = valued is not None and valued[0] == "entry"
        if valued is not None and valued[0] == "array" and _counts(parts, table):
            # e(k), e(k - 1) of a declared vector e, k a size or an index: its entry at k, counted
            # from 1 or from 0 (e(0), ..., e(k): vector[k+1]), never the whole e nor e times k
            head = latex[toks[k].pos : toks[end].pos].strip()
            raise ParseError(
                f"`{head}(...)` of the declared array `{head}` at a whole number reads as an "
                f"entry, counted from 1 or from 0, or as a product; write the entry with a "
                f"subscript (`{head}_{{k}}`, `{head}_{{k-1}}`), the array declared with the "
                f"entries it holds",
                latex,
                toks[k].pos,
            )
        if (
            valued is not None
            and valued[0] == "array"
            and any(t.text == "_" for p in parts for t in p)
        ):
            # \hat{q}(X_i): the prediction at the i-th sample, its entry i (``_picks``)
            parts = []
        if not parts or not all(
            _a_point(p, toks[start:], arguments, table, latex, entry, start) for p in parts
        ):
            out.append(toks[k])
            k += 1
            continue
        head = latex[toks[k].pos : toks[end].pos].strip()
        point = latex[toks[end].pos : toks[close].pos + 1]
        base = valued[1] if valued is not None else head
        if taken.setdefault(base, (point, toks[k]))[0].replace(" ", "") != point.replace(" ", ""):
            # w_k(t - 1) - w_k(t - 2): one declared value cannot be taken at two points
            raise ParseError(
                f"`{base}` is taken at two points, {taken[base][0]} and {point}, but the table "
                f"declares one value of it; declare a name of its own for the value at each "
                f"point, or declare the point's letters",
                latex,
                toks[k].pos,
            )
        sized = all(_resolve(table, "".join(t.text for t in p)) for p in parts)
        rules.append(
            f"`{head}{point}` is the declared `{head}` at the point {point}, "
            + (
                "a declared size: its value there, not a product with the size"
                if sized
                else "which the table does not declare (not a product with it)"
            )
        )
        out += toks[k:end]
        k = close + 1
    return out, rules


def _counts(parts: list[list[Tok]], table: SymbolTable) -> bool:
    """Whether every part is a whole number: sizes, indices and digits joined by + and -, with
    at least one size or index (``k``, ``k - 1``, ``n + 2``)."""
    letters = 0
    for part in parts:
        for t in part:
            key = _resolve(table, t.text) if t.text.isalpha() else None
            if key is not None and table[key].kind in ("dim", "index"):
                letters += 1
            elif not (t.text.isdigit() or t.text in ("+", "-")):
                return False
    return bool(parts) and letters > 0


def _after_definition(toks: list[Tok]) -> int:
    """The first token after the formula's top-level defining sign (0 where there is none)."""
    depth = 0
    for k, t in enumerate(toks):
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text in DEFINING:
            return k + 1
    return 0


def _name_end(toks: list[Tok], k: int, latex: str) -> int | None:
    """The end of a name at ``k``: a letter, a Greek letter or a styled or decorated name, then at
    most one subscript; None where no name starts (or ``k`` is inside a script)."""
    text = toks[k].text
    if k > 0 and (
        toks[k - 1].text in ("_", "^")
        or (
            len(toks[k - 1].text) == 1
            and toks[k - 1].text.isalpha()
            and not (k > 1 and toks[k - 2].text in ("_", "^"))  # N_m Q_m(T): m is N's
        )
    ):
        return None  # inside a script, or the last letter of a run (`exp(y)` of e, x, p)
    if text in _WRAPPERS and k + 1 < len(toks) and toks[k + 1].text == "{":
        j = find_close(toks, k + 1, latex) + 1
    elif (len(text) == 1 and text.isalpha()) or text[1:] in GREEK_SET:
        j = k + 1
    else:
        return None
    while j < len(toks) and toks[j].text in ("'", r"\prime"):  # x': a name of its own
        j += 1
    if j + 1 < len(toks) and toks[j].text == "_":
        j = find_close(toks, j + 1, latex) + 1 if toks[j + 1].text == "{" else j + 2
    if j + 2 < len(toks) and [t.text for t in toks[j : j + 3]] == ["^", "{", "("]:
        j = find_close(toks, j + 1, latex) + 1  # G_W^{(i)}: the i-th sample
    return j


def _split(inner: list[Tok]) -> list[list[Tok]]:
    """The arguments of a point: separated by commas, semicolons or a conditioning bar
    (``\\pi(a \\mid s)``, a policy's value at an action given a state)."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for t in inner:
        depth += (t.text in _OPEN) - (t.text in _CLOSE)
        if depth == 0 and t.text in (",", ";", r"\mid"):
            parts.append([])
        else:
            parts[-1].append(t)
    return parts if all(parts) else []


def _valued(head: list[Tok], table: SymbolTable, latex: str) -> tuple[str, str] | None:
    """``("entry", base)`` for an entry of a declared array (``f_j``, the i-th sample
    ``G_W^{(i)}``), ``("scalar", name)`` for a declared scalar (``\\mathcal{L}_1``), None for
    anything else."""

    def text(upto: int) -> str:
        return latex[head[0].pos : head[upto].pos + len(head[upto].text)]

    whole = _resolve(table, text(len(head) - 1))
    if whole is not None:
        if table[whole].kind == "scalar":
            return ("scalar", text(len(head) - 1))
        if table[whole].is_array and table[whole].kind != "function":
            return ("array", text(len(head) - 1))  # f(\mathbf{x}): the whole vector at x
        return None
    up = next((m for m, t in enumerate(head) if t.text == "^"), None)
    if up:  # G_W^{(i)}: the i-th sample of a declared vector
        base = _resolve(table, text(up - 1))
        return (
            ("entry", text(up - 1)) if base is not None and table[base].kind == "vector" else None
        )
    under = next((m for m, t in enumerate(head) if t.text == "_"), None)
    if under is None or under == 0:
        return None
    base = _resolve(table, text(under - 1))
    if base is not None and table[base].is_array and table[base].kind != "function":
        return ("entry", text(under - 1))
    return None


def _lone_arguments(toks: list[Tok], latex: str) -> set[int]:
    """Where a name stands alone as an argument of an application, ``g(x, y)``: its first token."""
    found: set[int] = set()
    for k in range(len(toks)):
        end = _name_end(toks, k, latex) if toks[k].text != "(" else None
        head_end = end if end is not None else (k + 1 if toks[k].text in (")", "}") else None)
        if head_end is None or head_end >= len(toks) or toks[head_end].text != "(":
            continue
        close = find_close(toks, head_end, latex)
        m = head_end + 1
        for part in _split(toks[head_end + 1 : close]) or []:
            if _name_end(toks, m, latex) == m + len(part) or _shift(part, latex) is not None:
                found.add(m)
            m += len(part) + 1
    return found


def _shift(part: list[Tok], latex: str) -> int | None:
    """``t - 1``, ``\\tau + 2``: a step of time (``t`` or ``\\tau``) shifted by a whole
    number, where its name ends (``x + 1`` is no step: ``f_j(x + 1)`` stays a product)."""
    end = _name_end(part, 0, latex)
    if end != 1 or len(part) != 3 or part[0].text not in _TIMES:
        return None
    sign, number = part[end].text, part[end + 1].text
    return end if sign in ("+", "-") and number.isdigit() else None


def _a_point(
    part: list[Tok],
    toks: list[Tok],
    arguments: set[int],
    table,
    latex: str,
    entry: bool,
    start: int = 0,
) -> bool:
    """One name the table does not declare (shifted by a whole number after an entry of an
    array), found in the formula's right side only as an argument (``toks`` from ``start``,
    past the defining sign: the left side ``q(t + \\varepsilon) =`` of a leapfrog step names
    the point it defines)."""
    if _name_end(part, 0, latex) != len(part):
        end = _shift(part, latex) if entry else None
        if end is None:
            return False
        part = part[:end]
    written = latex[part[0].pos : part[-1].pos + len(part[-1].text)]
    key = _resolve(table, written)
    if key is not None and table[key].kind == "dim" and len(part) == 1:
        # Q_m(T) with T a declared size (the tree T with |T| leaves): the value of Q_m for it,
        # never Q_m times the size, which no one writes with parentheses
        return True
    if key is not None or _resolve(table, part[0].text) is not None:
        return False
    texts = [t.text for t in part]
    for k in range(len(toks)):
        if [t.text for t in toks[k : k + len(part)]] == texts and _name_end(
            toks, k, latex
        ) == k + len(part):
            if k + start not in arguments:
                return False
    return True


def _resolve(table: SymbolTable, name: str) -> str | None:
    """The table's key of ``name``, or None (also where ``name`` could be no name at all)."""
    try:
        return table.resolve(name.replace(" ", ""))
    except SymbolError:
        return None
