"""Tokens of a LaTeX formula, with their positions, and the layout noise removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._errors import ParseError

_LEX = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]+(?:\.[0-9]+)?|\.[0-9]+|\s+|.", re.S)

# layout that carries no meaning
_NOISE = frozenset(
    r"\, \; \: \! \  \quad \qquad \displaystyle \textstyle \limits \nolimits \big \Big \bigg "
    r"\Bigg \bigl \bigr \Bigl \Bigr \biggl \biggr \Biggl \Biggr \middle ~".split()
) | {"\\ "}
_ALIASES = {
    r"\dfrac": r"\frac",
    r"\tfrac": r"\frac",
    r"\leq": r"\le",
    r"\geq": r"\ge",
    r"\leqslant": r"\le",
    r"\geqslant": r"\ge",
    r"\neq": r"\ne",
    r"\coloneqq": "=",
    r"\triangleq": "=",
    r"\doteq": "=",
    r"\leftarrow": "=",
    r"\gets": "=",
    r"\lVert": r"\|",
    r"\rVert": r"\|",
    r"\Vert": r"\|",
    r"\lvert": "|",
    r"\rvert": "|",
    r"\vert": "|",
    r"\times": r"\cdot",
    r"\ast": r"\cdot",
    r"\lbrace": r"\{",
    r"\rbrace": r"\}",
    r"\intercal": r"\top",
    r"\bigtriangledown": r"\nabla",  # papers write the gradient so
    r"\lbrack": "[",
    r"\rbrack": "]",
}


_OPENING = {r"\lvert": "open", r"\lVert": "open", r"\rvert": "close", r"\rVert": "close"}


@dataclass(frozen=True)
class Tok:
    text: str
    pos: int
    side: str = ""  # "open" or "close" for a bar written \left| or \lvert (\right| or \rvert)

    def __repr__(self) -> str:
        return f"{self.text}@{self.pos}"


def lex(latex: str, marks: bool = False) -> list[Tok]:
    """Split ``latex`` into tokens and drop layout: spacing, ``\\left``/``\\right``, sizes.
    With ``marks``, an invisible ``\\left.`` stays, as the token ``\\left.`` (it opens the body of
    an evaluation bar, ``_evaluation_bars``)."""
    if not isinstance(latex, str):
        raise ParseError(f"LaTeX input must be a string, not {type(latex).__name__}")
    raw = [Tok(m.group(), m.start()) for m in _LEX.finditer(latex) if not m.group().isspace()]
    out: list[Tok] = []
    i = 0
    while i < len(raw):
        t = raw[i]
        text = _ALIASES.get(t.text, t.text)
        if text in _NOISE:
            i += 1
            continue
        if marks and text == r"\left" and i + 1 < len(raw) and raw[i + 1].text == ".":
            out.append(Tok(r"\left.", t.pos))
            i += 2
            continue
        step = _delimiter(raw, i, text, out)
        if step is not None:
            i = step
            continue
        if (
            text == "!"
            and i + 1 < len(raw)
            and raw[i + 1].text == "="
            and raw[i + 1].pos == t.pos + 1
        ):
            out.append(Tok(r"\ne", t.pos))  # a != b, as in code: not a factorial
            i += 2
            continue
        step = _number(latex, raw, i, text, out)
        if step is not None:
            i = step
            continue
        if text == ":" and i + 1 < len(raw) and raw[i + 1].text == "=":
            out.append(Tok("=", t.pos))
            i += 2
            continue
        if text == r"\operatorname" and i + 1 < len(raw) and raw[i + 1].text == "*":
            out.append(Tok(r"\operatorname*", t.pos))
            i += 2
            continue
        if text in (r"\text", r"\mathrm") and _is_spacing_text(raw, i):
            i += 3
            continue
        if text in (r"\mathrm", r"\operatorname", r"\text", r"\textrm") and _is_upright_d(raw, i):
            out.append(Tok("d", raw[i + 2].pos))  # \mathrm{d}: the differential, as d
            i += 4
            continue
        if text in (r"\mathrm", r"\textrm") and i + 1 < len(raw) and raw[i + 1].text == "d":
            out.append(Tok("d", raw[i + 1].pos))  # \mathrm d x: TeX sets the one letter upright
            i += 2
            continue
        out.append(Tok(text, t.pos, _OPENING.get(t.text, "")))
        i += 1
    return out


def _delimiter(raw: list[Tok], i: int, text: str, out: list[Tok]) -> int | None:
    """``\\left``/``\\right``: the delimiter stays (a bar remembers its side), an invisible one
    (``\\left.``) goes; the index after it, or None where ``text`` is neither."""
    if text in (r"\left", r"\right"):
        if i + 1 < len(raw) and raw[i + 1].text == ".":
            return i + 2
        if i + 1 < len(raw) and _ALIASES.get(raw[i + 1].text, raw[i + 1].text) in ("|", r"\|"):
            bar = raw[i + 1]
            out.append(
                Tok(
                    _ALIASES.get(bar.text, bar.text),
                    bar.pos,
                    "open" if text == r"\left" else "close",
                )
            )
            return i + 2
        return i + 1
    return None


def _number(latex: str, raw: list[Tok], i: int, text: str, out: list[Tok]) -> int | None:
    """Digits split by spacing or a thousands separator joined into one number; E-notation and
    a number with two decimal points refused. The index after it, or None where nothing here
    applies."""
    t = raw[i]
    if (
        _is_number(text)
        and out
        and _is_number(out[-1].text)
        and _only_spacing(latex, _end_before(raw, i), t)
        and not (len(out) > 1 and out[-2].text in ("^", "_"))
    ):
        # TeX ignores spacing between digits: 10\,000 and 3 4 are one number (10000, 34)
        if "." in out[-1].text and "." in text:
            raise ParseError(
                f"`{latex[out[-1].pos : t.pos + len(text)]}` is not a number", latex, t.pos
            )
        if i + 1 < len(raw) and raw[i + 1].text == "^" and not re.fullmatch(r"[0-9]{3}", text):
            # 2 10^{-30}: typeset 210^{-30}, while the space says 2 times 10^{-30} (a group of
            # three digits, 10\,000^2 or 10 000^2, is a thousands separator: one number)
            written = latex[out[-1].pos : t.pos + len(text)]
            raise ParseError(
                f"`{written}^...` reads two ways: TeX ignores the space and sets the power on "
                f"{out[-1].text + text}, while the space suggests a product; write "
                f"`{out[-1].text} \\cdot {text}^{{...}}` for the product or "
                f"`{out[-1].text + text}^{{...}}` without the space",
                latex,
                t.pos,
            )
        out[-1] = Tok(out[-1].text + text, out[-1].pos)
        return i + 1
    if (
        text == "{"
        and i + 2 < len(raw)
        and raw[i + 1].text == ","
        and raw[i + 2].text == "}"
        and out
        and _is_number(out[-1].text)
        and i + 3 < len(raw)
        and re.fullmatch(r"[0-9]{3}(\.[0-9]+)?", raw[i + 3].text)
    ):
        # 10{,}000: the thousands separator of a LaTeX document
        out[-1] = Tok(out[-1].text + raw[i + 3].text, out[-1].pos)
        return i + 4
    if (
        text in ("e", "E")
        and out
        and _is_number(out[-1].text)
        and out[-1].pos + len(out[-1].text) == t.pos
        and _e_notation(raw, i)
    ):
        # 2.5E2 is the number 250 in a program and 2.5 times E times 2 in TeX: refused
        raise ParseError(
            f"`{latex[out[-1].pos : raw[i + 1].pos + len(raw[i + 1].text) + 1].strip()}` looks "
            f"like E-notation; write the power of ten, as in `2.5 \\times 10^{{2}}`",
            latex,
            out[-1].pos,
        )
    if (
        _is_number(text)
        and text.startswith(".")
        and out
        and _is_number(out[-1].text)
        and out[-1].pos + len(out[-1].text) == t.pos
    ):
        raise ParseError(
            f"`{latex[out[-1].pos : t.pos + len(text)]}` is not a number", latex, out[-1].pos
        )
    return None


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+", text))


def _e_notation(raw: list[Tok], i: int) -> bool:
    """``raw[i]`` (an ``E`` right after a number) is followed at once by digits or a signed digit."""
    if i + 1 >= len(raw) or raw[i + 1].pos != raw[i].pos + 1:
        return False
    nxt = raw[i + 1].text
    if _is_number(nxt):
        return True
    return (
        nxt in ("+", "-")
        and i + 2 < len(raw)
        and raw[i + 2].pos == raw[i + 1].pos + 1
        and _is_number(raw[i + 2].text)
    )


def _end_before(raw: list[Tok], i: int) -> int:
    """Where the last token before ``raw[i]`` that is no spacing command ends in the source."""
    k = i - 1
    while k > 0 and _ALIASES.get(raw[k].text, raw[k].text) in _NOISE:
        k -= 1
    return raw[k].pos + len(raw[k].text) if k >= 0 else 0


def _only_spacing(latex: str, end: int, b: Tok) -> bool:
    """Only white space and spacing commands (``\\,``, ``~``) stand between ``end`` and token ``b``."""
    between = latex[end : b.pos]
    return bool(between) and re.fullmatch(r"(\s|\\[,;:! ]|~|\\quad|\\qquad)+", between) is not None


def _is_upright_d(raw: list[Tok], i: int) -> bool:
    return (
        i + 3 < len(raw)
        and raw[i + 1].text == "{"
        and raw[i + 2].text == "d"
        and raw[i + 3].text == "}"
    )


def _is_spacing_text(raw: list[Tok], i: int) -> bool:
    return i + 2 < len(raw) and raw[i + 1].text == "{" and raw[i + 2].text == "}"


def find_close(toks: list[Tok], i: int, latex: str) -> int:
    """Index of the bracket closing ``toks[i]`` (one of ``( [ {``), counting all three kinds."""
    pairs = {"(": ")", "[": "]", "{": "}", r"\{": r"\}", r"\langle": r"\rangle"}
    stack = [pairs[toks[i].text]]
    j = i + 1
    while j < len(toks):
        t = toks[j].text
        if t in pairs:
            stack.append(pairs[t])
        elif t in (")", "]", "}", r"\}", r"\rangle"):
            if t != stack[-1]:
                # a half-open interval or mismatched bracket: only braces must match exactly
                if "}" in (t, stack[-1]):
                    raise ParseError(f"`{t}` closes `{_opening(stack[-1])}`", latex, toks[j].pos)
            stack.pop()
            if not stack:
                return j
        j += 1
    raise ParseError(f"`{toks[i].text}` is never closed", latex, toks[i].pos)


def _opening(close: str) -> str:
    return {")": "(", "]": "[", "}": "{", r"\}": r"\{", r"\rangle": r"\langle"}[close]


_ARG_COMMANDS = frozenset(
    r"\mathrm \text \textrm \mathsf \texttt \operatorname \mathbf \boldsymbol \bm \vec \mathit \mathcal \mathbb "
    r"\mathfrak \mathscr \mathsf \hat \widehat \bar \overline \tilde \widetilde \dot \ddot \check "
    r"\breve \underline".split()
)
_TWO_ARGS = frozenset({r"\frac", r"\binom"})
_TRANSPOSE_TEXT = frozenset({r"\top", "T", r"\mathsf{T}", r"\mathrm{T}", r"\texttt{T}"})


def _argument_end(toks: list[Tok], i: int, latex: str) -> int:
    """The index after the TeX argument at ``toks[i]``: a braced group, or one token (a styling
    command with its braced group counts as one)."""
    if i >= len(toks):
        raise ParseError(
            "an argument is missing here", latex, toks[-1].pos + len(toks[-1].text) if toks else 0
        )
    if toks[i].text == "{":
        return find_close(toks, i, latex) + 1
    if toks[i].text in _ARG_COMMANDS and i + 1 < len(toks) and toks[i + 1].text == "{":
        return find_close(toks, i + 1, latex) + 1
    return i + 1


#: marks drawn around a term that leave its value as it is: ``\cancel{A}`` (a term the author
#: strikes out because it is 0, or cancels against another, is still there as written: reading it
#: as ``A`` keeps the equation exactly as true or false as it is), ``\boxed{A}``
_MARKS = (r"\cancel", r"\bcancel", r"\xcancel", r"\boxed")
#: marks with a first argument that is not the term: ``\cancelto{0}{A}`` (the value the author
#: says ``A`` has; A stays, so the claim that it is 0 is not taken on trust) and colours
_MARKS_AFTER_ONE = (r"\cancelto", r"\textcolor", r"\colorbox")


def _drop_marks(out: list[Tok], latex: str) -> list[Tok]:
    """``\\cancel{A}``, ``\\cancelto{0}{A}``, ``\\boxed{A}`` and ``\\textcolor{red}{A}`` are
    ``A`` in braces; a mark without its braced argument is left for the reader to refuse."""
    i = 0
    while i < len(out):
        skip = 1 if out[i].text in _MARKS_AFTER_ONE else 0 if out[i].text in _MARKS else None
        j = i + 1
        if skip == 1 and j < len(out) and out[j].text == "{":
            j = find_close(out, j, latex) + 1
        if skip is not None and j < len(out) and out[j].text == "{":
            close = find_close(out, j, latex)
            out[i : close + 1] = out[j : close + 1]
        i += 1
    return out


#: what ``\underset{A}{B}`` may stack ``A`` under: operators whose subscript is set below them
#: (``B_{A}`` is the same formula), an expectation ``E`` in any font among them
_UNDER_OPERATORS = (r"\max", r"\min", r"\sup", r"\inf", r"\lim", r"\arg\max", r"\arg\min")
_FONTS = (r"\mathbb", r"\mathrm", r"\mathbf", r"\mathsf", r"\textrm", r"\operatorname", r"\rm")


def _under_operator(body: list[Tok]) -> list[Tok] | None:
    """The tokens of the operator ``B`` of ``\\underset{A}{B}`` (``E`` becomes ``\\mathbb{E}``),
    or None when ``B`` is not one: ``\\underset{n \\times n}{A}`` labels a matrix, and its
    label is no subscript."""
    core = [t for t in body if t.text not in ("{", "}") and t.text not in _FONTS]
    text = "".join(t.text for t in core)
    if text == "E" and core:
        at = core[0].pos
        return [Tok(r"\mathbb", at), Tok("{", at), Tok("E", at), Tok("}", at)]
    return core if text in _UNDER_OPERATORS else None


def _under_label(group: list[Tok], latex: str) -> list[Tok]:
    """``A`` of ``\\underset{A}{B}`` without a one-row ``subarray`` around it."""
    text = "".join(t.text for t in group)
    if not (text.startswith(r"\begin{subarray}{") and text.endswith(r"\end{subarray}")):
        return group
    start = find_close(group, find_close(group, 1, latex) + 1, latex) + 1  # after {subarray}{c}
    end = max(k for k, t in enumerate(group) if t.text == r"\end")
    inner = group[start:end]
    return group if any(t.text == "\\\\" for t in inner) else inner


def _operator_wrappers(out: list[Tok], latex: str) -> list[Tok]:
    """``\\mathop{B}`` is ``B`` (TeX's class of a large operator, typography only), and
    ``\\operatorname{\\mathbb{E}}`` (``\\DeclareMathOperator{\\E}{\\mathbb{E}}``) is
    ``\\mathbb{E}``; a font inside an operator's name is dropped (``\\operatorname{\\mathrm{tr}}``
    is ``\\operatorname{tr}``, not a new function)."""
    i = 0
    while i < len(out):
        wrapper = out[i].text
        if (
            wrapper in (r"\mathop", r"\operatorname", r"\operatorname*")
            and i + 1 < len(out)
            and out[i + 1].text == "{"
        ):
            close = find_close(out, i + 1, latex)
            body = out[i + 2 : close]
            fonts = any(t.text in _FONTS for t in body)
            if wrapper == r"\mathop":
                out[i : close + 1] = body
            elif fonts and (op := _under_operator(body)) is not None:
                out[i : close + 1] = op
            elif fonts:  # \operatorname{\mathrm{tr}}: the font inside the operator's is no part
                core = [t for t in body if t.text not in ("{", "}") and t.text not in _FONTS]
                if core and all(t.text.isalpha() for t in core):
                    out[i + 2 : close] = core
        i += 1
    return out


def _underset(out: list[Tok], latex: str) -> list[Tok]:
    """``\\underset{x \\sim P}{\\mathrm{E}}[f]`` is ``\\mathbb{E}_{x \\sim P}[f]`` and
    ``\\underset{\\theta}{\\max}`` is ``\\max_{\\theta}``; any other stacking is left for the
    reader to refuse."""
    i = 0
    while i < len(out):
        if out[i].text == r"\underset" and i + 1 < len(out) and out[i + 1].text == "{":
            a_end = find_close(out, i + 1, latex)
            if a_end + 1 < len(out) and out[a_end + 1].text == "{":
                b_end = find_close(out, a_end + 1, latex)
                op = _under_operator(out[a_end + 2 : b_end])
                if op is not None:
                    label = _under_label(out[i + 2 : a_end], latex)
                    at = out[i].pos
                    out[i : b_end + 1] = [*op, Tok("_", at), Tok("{", at), *label, Tok("}", at)]
        i += 1
    return out


def _positive_parts(out: list[Tok], latex: str) -> list[Tok]:
    """``[x]_+`` and ``[x]_{+}`` (the positive part of the hinge and triplet losses, in square
    brackets or parentheses) are ``\\max(0, x)``; so is ``[x]^+`` above, but of a scalar or a
    vector only (of a matrix, ``(A^\\top A)^+`` is a pseudo-inverse, refused by the reader). Side conditions: the subscript is ``+`` alone
    (``[x]_{+1}`` or ``(x)_i`` are not positive parts), and the bracket is a group of its own,
    not an argument (after a letter, a digit or a closing brace, as ``\\mathbb{E}[x]_+`` or
    ``2[x]_+``, it is left as written and stays unread; after a closed group, as
    ``\\operatorname{sign}(z) (|z| - \\lambda)_+``, it is a factor of its own)."""
    i = 0
    while i < len(out):
        if out[i].text in ("]", ")") and i + 2 < len(out) and out[i + 1].text in ("_", "^"):
            plus_end = None
            if out[i + 2].text == "+":
                plus_end = i + 3
            elif [t.text for t in out[i + 2 : i + 5]] == ["{", "+", "}"]:
                plus_end = i + 5
            opening = _matching_open(out, i)
            before = out[opening - 1].text if opening else ""
            if (before == "}" or before.isalnum()) and not _after_script(out, opening):
                opening = None  # an argument (\mathbb{E}[x]_+, f(x)_+): not read as a part
            if plus_end is not None and opening is not None:
                at = out[opening].pos
                inner = out[opening + 1 : i]
                # [x]^+ above: the reader refuses it of a matrix (a pseudo-inverse, (A^T A)^+)
                side = "positive part above" if out[i + 1].text == "^" else ""
                out[opening:plus_end] = [
                    Tok(r"\max", at, side), Tok("(", at), Tok("0", at), Tok(",", at), *inner,
                    Tok(")", out[i].pos),
                ]  # fmt: skip
                i = opening
        i += 1
    return out


def _after_script(toks: list[Tok], opening: int | None) -> bool:
    """Whether the bracket at ``opening`` follows a sub- or superscript (``\\sum_{j=1}^{p}
    [x]_+``, ``\\sum_j^p [x]_+``): a summand, not the argument of what is before it."""
    if not opening:
        return False
    k = opening - 1
    if toks[k].text == "}":
        depth = 0
        while k >= 0:
            depth += (toks[k].text == "}") - (toks[k].text == "{")
            if depth == 0:
                break
            k -= 1
    return k >= 1 and toks[k - 1].text in ("^", "_")


def _matching_open(toks: list[Tok], close: int) -> int | None:
    """The index of the bracket that ``toks[close]`` closes, or None."""
    pair = {"]": "[", ")": "("}[toks[close].text]
    depth = 0
    for k in range(close, -1, -1):
        t = toks[k].text
        if t == toks[close].text:
            depth += 1
        elif t == pair:
            depth -= 1
            if depth == 0:
                return k
    return None


def _drop_braces_labels(out: list[Tok], latex: str) -> list[Tok]:
    """``\\underbrace{A}_{\\text{Bias}^2}`` and ``\\overbrace{A}^{...}`` are ``A``: the brace and
    its label are typography around the term."""
    out = _underset(_operator_wrappers(_drop_marks(out, latex), latex), latex)
    out = _positive_parts(out, latex)
    i = 0
    while i < len(out):
        if (
            out[i].text in (r"\underbrace", r"\overbrace")
            and i + 1 < len(out)
            and out[i + 1].text == "{"
        ):
            close = find_close(out, i + 1, latex)
            body = out[i + 1 : close + 1]  # the group, braces kept
            end = close + 1
            mark = "_" if out[i].text == r"\underbrace" else "^"
            if end < len(out) and out[end].text == mark:
                if end + 1 < len(out) and out[end + 1].text == "{":
                    end = find_close(out, end + 1, latex) + 1
                else:
                    end += 2
            out[i:end] = body
        i += 1
    return out


#: a transpose written in the same superscript as a sample's number (``x^{(i)T}``)
_TRANSPOSE_MARKS = frozenset(
    {"T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}", r"\mathbf{T}"}
)


def _sample_then_transpose(out: list[Tok], latex: str) -> list[Tok]:
    """``x^{(i)T}`` (course notes' sample i, transposed) is ``{x^{(i)}}^{T}``: the bracket names
    the sample, the mark after it transposes. Read whole, it was a scalar named ``x^{(i)T}``.
    Side conditions: the bracket holds one letter or number (``e^{(r - q)T}``, a rate times a
    time in an exponent, stays a product), and the base is no ``e``."""
    i = 0
    while i + 2 < len(out):
        if (
            out[i].text == "^"
            and out[i + 1].text == "{"
            and out[i + 2].text in ("(", "[")
            and not any(out[k].text == "e" for k in range(max(i - 2, 0), i))  # e, \mathrm{e}
        ):
            close = find_close(out, i + 1, latex)
            shut = ")" if out[i + 2].text == "(" else "]"
            ends = [k for k in range(i + 3, close) if out[k].text == shut]
            if (
                ends
                and ends[0] == i + 4
                and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+|[0-9]+", out[i + 3].text)
            ):
                mark = "".join(t.text for t in out[ends[0] + 1 : close])
                if mark in _TRANSPOSE_MARKS:
                    t = out[ends[0] + 1]
                    tail = [Tok("^", t.pos), Tok("{", t.pos), *out[ends[0] + 1 : close], out[close]]
                    out[ends[0] + 1 : close + 1] = [Tok("}", t.pos), *tail]
        i += 1
    return out


def normalize(toks: list[Tok], latex: str) -> list[Tok]:
    """TeX's own reading of undelimited arguments, made explicit before anything else reads them.

    - ``\\frac12`` is ``\\frac{1}{2}``: an undelimited argument is one token, one digit of a number;
    - ``x^10`` sets only ``1`` as the exponent (``x^1 0``); that is never what was meant, so it is
      refused with the braces that say it;
    - ``\\sigma^2_t`` is ``\\sigma_t^2``: TeX sets a subscript after a superscript on the same base.
      A subscript after a transpose (``A^\\top_{ij}``) has two readings and is refused.
    """
    out = _sample_then_transpose(_drop_braces_labels(list(toks), latex), latex)
    i = 0
    while i < len(out):
        x = out[i].text
        if x in _TWO_ARGS:
            j = i + 1
            for _ in range(2):
                if j >= len(out):
                    break
                if out[j].text != "{":
                    t = out[j]
                    if _is_number(t.text) and len(t.text) > 1:
                        out[j : j + 1] = [Tok(t.text[0], t.pos), Tok(t.text[1:], t.pos + 1)]
                        t = out[j]
                    end = _argument_end(out, j, latex)
                    out[j:end] = [Tok("{", t.pos), *out[j:end], Tok("}", out[end - 1].pos)]
                    j = end + 2
                else:
                    j = find_close(out, j, latex) + 1
        elif x in ("^", "_") and i + 1 < len(out):
            t = out[i + 1]
            if t.text in _ARG_COMMANDS and i + 2 < len(out) and out[i + 2].text == "{":
                # \mu_\mathcal{B} is \mu_{\mathcal{B}}: the command takes its group, as in TeX
                end = _argument_end(out, i + 1, latex)
                out[i + 1 : end] = [Tok("{", t.pos), *out[i + 1 : end], Tok("}", out[end - 1].pos)]
            if _is_number(t.text) and len(t.text) > 1:
                raise ParseError(
                    f"`{x}{t.text}`: TeX sets only `{t.text[0]}` as the "
                    f"{'exponent' if x == '^' else 'subscript'}; write `{x}{{{t.text}}}`",
                    latex,
                    t.pos,
                )
            if x == "^":
                end = _argument_end(out, i + 1, latex)
                if (
                    end < len(out)
                    and out[end].text == "_"
                    and (i == 0 or out[i - 1].text not in ("^", "_"))
                ):
                    sup_text = (
                        "".join(u.text for u in out[i + 1 : end]).strip("{}").replace(" ", "")
                    )
                    if sup_text in _TRANSPOSE_TEXT or sup_text in ("-1", r"-\top", "-T"):
                        raise ParseError(
                            f"a subscript after `^{{{sup_text}}}` has two readings (an entry of the "
                            f"transpose or the transpose of an entry); write `(A^{{{sup_text}}})_{{ij}}` "
                            f"or put the subscript first",
                            latex,
                            out[end].pos,
                        )
                    sub_end = _argument_end(out, end + 1, latex)
                    out[i:sub_end] = [*out[end:sub_end], *out[i:end]]
                    continue  # the subscript now at i is read (and braced) next
        i += 1
    return out
