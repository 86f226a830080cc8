"""Words and decorated entries as notes write them, made explicit in the tokens (no SymPy).

- a run of undeclared letters that spells a function derivax knows, applied (``sigmoid(z)``,
  ``tanh(z)``, ``exp(x)``, ``\\max(a, b)`` written ``max(a, b)``), is that function, as if written
  ``\\operatorname{sigmoid}(z)`` or ``\\exp(x)``; a run of three or more undeclared letters applied
  like a function that derivax does not know (``loss(w)``) has two readings and is refused;
- ``\\mathit{loss}`` is the name ``\\mathrm{loss}``, as ``\\text{loss}`` is;
- ``\\hat{y_i}`` is ``\\hat{y}_i``: the decoration belongs to the letter, the subscript to the name.
"""

from __future__ import annotations

import re

from .. import _functions as F
from .._errors import ParseError
from ..symbols import DECORATIONS, GREEK_SET, STYLES, SymbolTable
from ._lex import Tok, find_close
from ._vocabulary import _FUNCTION_WORDS, DEFINING

#: the name of the Kullback-Leibler divergence, read by ``_constructs/_divergences``
KL_WORDS = frozenset({"KL"})


def _function_word(word: str) -> bool:
    """``word`` names a function of the table (``derivax/_functions.py``) or one the reader knows
    (softmax, log, tr, ...)."""
    return (
        word in F.BY_SPELLING
        or word.lower() in F.BY_SPELLING
        or word.lower() in _FUNCTION_WORDS
        or word in ("max", "min", "sqrt")
    )


def _owned(prev: str) -> bool:
    """A brace opened after ``prev`` belongs to a script or to a command (``\\mathrm{lr}``)."""
    return prev in ("_", "^") or (prev.startswith("\\") and prev not in (r"\frac", r"\sqrt"))


def _applied_at(toks: list[Tok], e: int, latex: str) -> int | None:
    """The index of the parenthesis a name ending at ``toks[e]`` is applied to (``(``, or ``^{2}(``
    as in ``sin^2(x)``); None if none follows."""
    if e < len(toks) and toks[e].text == "(":
        return e
    if e + 1 < len(toks) and toks[e].text == "^":
        k = find_close(toks, e + 1, latex) + 1 if toks[e + 1].text == "{" else e + 2
        if k < len(toks) and toks[k].text == "(":
            return k
    return None


def function_runs(
    toks: list[Tok], table: SymbolTable, latex: str, commands: frozenset[str]
) -> tuple[list[Tok], list[str]]:
    """The tokens with every run of undeclared letters that spells a known function rewritten as
    that function (``commands``: the function commands with readers of their own, ``\\max``,
    ``\\log``, ...), and the rules applied. Runs inside scripts and command groups (``x_{max}``,
    ``\\mathrm{loss}``) are labels and stay as they are."""
    out: list[Tok] = []
    rules: list[str] = []
    stack: list[bool] = []
    depth = 0  # inside a script or a command's group
    i = 0
    while i < len(toks):
        t = toks[i]
        prev = toks[i - 1].text if i else ""
        if t.text == "{":
            owned = _owned(prev)
            stack.append(owned)
            depth += owned
        elif t.text == "}":
            if stack and stack.pop():
                depth -= 1
        starts = (
            _letter(t.text)
            and not depth
            and prev not in ("_", "^")
            and not (i and _letter(prev) and toks[i - 1].pos + 1 == t.pos)
        )
        if not starts:
            out.append(t)
            i += 1
            continue
        e = i + 1
        while e < len(toks) and _letter(toks[e].text) and toks[e].pos == toks[e - 1].pos + 1:
            e += 1
        word = "".join(x.text for x in toks[i:e])
        replaced = None
        if len(word) >= 2 and not any(word.startswith(w) for w in table.multi_letter_names):
            replaced = _read_run(toks, i, e, word, table, latex, commands, rules)
        if replaced is None:
            out.extend(toks[i:e])
            i = e
        else:
            new, i = replaced
            out.extend(new)
    return out, rules


def _letter(x: str) -> bool:
    return re.fullmatch(r"[A-Za-z]", x) is not None


def _read_run(
    toks: list[Tok],
    i: int,
    e: int,
    word: str,
    table: SymbolTable,
    latex: str,
    commands: frozenset[str],
    rules: list[str],
) -> tuple[list[Tok], int] | None:
    """The tokens a run ``toks[i:e]`` spelling ``word`` stands for, and the index after what was
    rewritten; None where the run stays letters."""
    pos = toks[i].pos
    paren = _applied_at(toks, e, latex)
    declared = [c for c in dict.fromkeys(word) if table.resolve(c)]
    spaced = " ".join(word)
    if i == 0 and _defining_head(toks, e, declared, latex):
        rules.append(
            f"`{word}` (letters written together) before the formula's `=` is the name it "
            f"defines, not the product {spaced}"
        )
        return _operatorname(word, pos), e
    known = _function_word(word) or (word in KL_WORDS and paren == e)
    # a two-letter function (ln, tr) only where it is applied: ab(c + d) stays a product, as in TeX
    applied = paren is not None or (
        len(word) >= 3 and e < len(toks) and not _ends_operand(toks[e].text)
    )
    if known and applied:
        # a product of declared letters is a reading only where every letter is declared (three
        # or more) or any is (two: `tr` with `t` declared); `exp(x)` next to a declared `x` is
        # the exponential
        if declared and (len(word) == 2 or len(declared) == len(set(word))):
            letters = ", ".join(f"`{c}`" for c in declared)
            spelled = (
                "\\sqrt{...}"
                if word == "sqrt"
                else "\\" + word
                if "\\" + word in commands
                else f"\\operatorname{{{word}}}"
            )
            raise ParseError(
                f"`{word}` spells the function {word} but {letters} "
                f"{'is' if len(declared) == 1 else 'are'} declared, so it also reads as the product "
                f"{spaced}; write `{spelled}` for the function, or space the letters "
                f"(`{spaced}`) for the product",
                latex,
                pos,
            )
        rules.append(
            f"`{word}` (letters written together, spelling a function derivax knows, applied) "
            f"is the function {word}, not the product {spaced} (space the letters for the product, "
            f"or declare `{word}` to make it a name of its own)"
        )
        if word == "sqrt" and paren == e:
            close = find_close(toks, e, latex)
            return [
                Tok(r"\sqrt", pos),
                Tok("{", pos),
                *toks[e : close + 1],
                Tok("}", toks[close].pos),
            ], close + 1
        if "\\" + word in commands:
            return [Tok("\\" + word, pos)], e
        return _operatorname(word, pos), e
    if paren == e and len(word) >= 3 and not declared and not known:
        raise ParseError(
            f"`{word}(...)` has two readings: the function {word} applied to the parenthesis, or "
            f"the product {spaced} times the parenthesis; declare `{word}: function` (or write "
            f"`\\operatorname{{{word}}}(...)`) for the function, or space the letters "
            f"(`{spaced}`) for the product",
            latex,
            pos,
        )
    return None


def _defining_head(toks: list[Tok], e: int, declared: list[str], latex: str) -> bool:
    """The run ``toks[:e]`` opening the formula names what it defines: ``cp(X; Y) = ...`` (an
    argument list, with `,`, `;` or `\\mid`, is no factor of a product) or ``lrate = ...`` where
    no letter of the run is declared or appears after the `=` (``ab = ba`` stays a product)."""
    if e < len(toks) and toks[e].text == "(":
        close = find_close(toks, e, latex)
        depth, listed = 0, False
        for t in toks[e + 1 : close]:
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(t.text, 0)
            listed |= depth == 0 and t.text in (",", ";", r"\mid")
        return listed and close + 1 < len(toks) and toks[close + 1].text in DEFINING
    if declared or e >= len(toks) or toks[e].text not in DEFINING:
        return False
    letters = {t.text for t in toks[:e]}
    return not any(t.text in letters for t in toks[e + 1 :])


def _ends_operand(x: str) -> bool:
    """What follows a name that takes no argument: an operator, a closing bracket, the end."""
    return x in (
        "+",
        "-",
        "=",
        "<",
        ">",
        ",",
        ")",
        "]",
        "}",
        "&",
        r"\\",
        "|",
        r"\|",
    ) or x.startswith((r"\le", r"\ge", r"\ne", r"\cdot", r"\right", r"\mid", r"\parallel"))


def _operatorname(word: str, pos: int) -> list[Tok]:
    return [Tok(r"\operatorname", pos), Tok("{", pos), Tok(word, pos), Tok("}", pos)]


def styled_words(toks: list[Tok], table: SymbolTable) -> list[Tok]:
    """``\\mathit{loss}``: a word in italics is the name ``\\mathrm{loss}``, as in ``\\text{loss}``;
    so is a word in bold none of whose letters is declared (``\\mathbf{QFL}``; ``\\mathbf{Wx}``
    of a declared ``W`` and ``x`` stays the product)."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        bold = t.text in (r"\mathbf", r"\boldsymbol", r"\bm")
        if (t.text == r"\mathit" or bold) and i + 1 < len(toks) and toks[i + 1].text == "{":
            k = i + 2
            while k < len(toks) and _letter(toks[k].text):
                k += 1
            word = [x.text for x in toks[i + 2 : k]]
            if (
                k < len(toks)
                and toks[k].text == "}"
                and len(word) >= 2
                and not (bold and any(table.resolve(c) for c in word))
            ):
                out += [Tok(r"\mathrm", t.pos), *toks[i + 1 : k + 1]]
                i = k + 1
                continue
        out.append(t)
        i += 1
    return out


_DECORATING = frozenset({*(f"\\{c}" for c in DECORATIONS), *(f"\\{c}" for c in STYLES)})


def decorated_entries(toks: list[Tok], latex: str) -> tuple[list[Tok], list[str]]:
    """``\\hat{y_i}`` is ``\\hat{y}_i`` (also ``\\bar``, ``\\tilde``, ``\\mathbf``, ...): which
    symbol the subscript indexes is then decided as for ``\\hat{y}_i``."""
    out: list[Tok] = []
    rules: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (
            t.text in _DECORATING
            and i + 4 < len(toks)
            and toks[i + 1].text == "{"
            and _base_letter(toks[i + 2].text)
            and toks[i + 3].text == "_"
        ):
            close = find_close(toks, i + 1, latex)
            script_end = find_close(toks, i + 4, latex) + 1 if toks[i + 4].text == "{" else i + 5
            if script_end == close:
                base = toks[i + 2].text
                script = latex[toks[i + 4].pos : toks[close].pos].strip()
                rules.append(
                    f"`{t.text}{{{base}_{script}}}` is `{t.text}{{{base}}}_{script}`: the decoration "
                    f"belongs to the letter, the subscript to the decorated name"
                )
                out += [*toks[i : i + 3], Tok("}", toks[i + 3].pos), *toks[i + 3 : close]]
                i = close + 1
                continue
        out.append(t)
        i += 1
    return out, rules


def metric_cutoffs(toks: list[Tok], table: SymbolTable, latex: str) -> tuple[list[Tok], list[str]]:
    """``\\mathrm{RBO}@k = \\dots``, ``P@10 = \\dots``, ``\\mathrm{NDCG}@{K} :=``: a metric at its
    cutoff on the left of the formula's defining sign names what the formula gives; the
    ``@`` and its cutoff are taken off that name (the cutoff is written on the right, where it
    counts). Side condition: the left side is one name, ``@`` and one letter, number or group;
    ``@`` anywhere else stays unread (it has no meaning in a formula)."""
    e = next((k for k, t in enumerate(toks) if t.text in DEFINING), None)
    at = next((k for k, t in enumerate(toks[:e] if e else []) if t.text == "@"), None)
    if e is None or at is None or at == 0:
        return toks, []
    end = find_close(toks, at + 1, latex) + 1 if toks[at + 1].text == "{" else at + 2
    name = latex[toks[0].pos : toks[at].pos].strip()
    plain = re.fullmatch(
        r"(\\(mathrm|text|operatorname|mathit|textrm)\{[A-Za-z-]+\}|[A-Za-z]+)", name
    )
    if end != e or not plain:
        return toks, []
    cutoff = latex[toks[at].pos + 1 : toks[e].pos].strip()
    rule = (
        f"`{name}@{cutoff}` on the left of the formula names the metric at its cutoff, what the "
        f"formula gives"
    )
    return [*toks[:at], *toks[e:]], [rule]


def _base_letter(x: str) -> bool:
    return _letter(x) or (x.startswith("\\") and x[1:] in GREEK_SET)


def conditional_entries(toks: list[Tok], latex: str) -> tuple[list[Tok], list[str]]:
    """``p_{j|i}`` (t-SNE's conditional ``p_{j \\mid i}``, the probability of j given i) is the entry
    ``p_{i,j}``: row i, the condition, column j. Side conditions: the base is one plain letter
    (never ``\\mathbb{E}_{x|y}``, a conditional expectation, nor ``P_{X|Y}`` of capitals, a
    distribution's name), and each side of the bar is one index letter; anything else is left as
    written (and a bar there stays unread)."""
    out: list[Tok] = []
    rules: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        window = [x.text for x in toks[i : i + 7]]
        if (
            len(window) == 7
            and re.fullmatch(r"[a-z]", window[0])
            and (i == 0 or toks[i - 1].text not in ("\\", "_", "^"))
            and window[1:3] == ["_", "{"]
            and _index_letter(window[3])
            and window[4] in ("|", r"\mid", r"\vert")
            and _index_letter(window[5])
            and window[6] == "}"
        ):
            given, of = toks[i + 5], toks[i + 3]
            rules.append(
                f"`{t.text}_{{{of.text}|{given.text}}}` is the entry `{t.text}_{{{given.text},"
                f"{of.text}}}`: the row is the condition {given.text}, the column {of.text}"
            )
            out += [t, toks[i + 1], toks[i + 2], given, Tok(",", toks[i + 4].pos), of, toks[i + 6]]
            i += 7
            continue
        out.append(t)
        i += 1
    return out, rules


def _index_letter(text: str) -> bool:
    return re.fullmatch(r"[a-z]", text) is not None
