r"""LaTeX as readable terminal text: ``\frac{\partial L}{\partial w_i} \geq 0`` -> ``(∂L/∂w_i) ≥ 0``.

The command line prints math for people reading a terminal; LaTeX stays in ``--json`` and
``--latex``. This is a reader of the LaTeX derivax itself writes (and the catalog's), not a
typesetter: Greek letters, operators and relations become their Unicode characters, fractions a
parenthesized ``a/b``, sums ``Σ(i=1..n)``, simple superscripts Unicode superscripts, and any
command it does not know its bare name, so that no backslash, brace or dollar sign is left.
"""

from __future__ import annotations

import re
import unicodedata

_SYMBOLS = {
    **{
        g: c
        for g, c in zip(
            "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
            "mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
            "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(),
            "αβγδϵεζηθϑικλμνξπϖρϱσςτυϕφχψωΓΔΘΛΞΠΣΥΦΨΩ",
            strict=True,
        )
    },
    "sum": "Σ",
    "prod": "∏",
    "int": "∫",
    "oint": "∮",
    "partial": "∂",
    "nabla": "∇",
    "bigtriangledown": "∇",
    "infty": "∞",
    "cdot": "·",
    "times": "×",
    "odot": "⊙",
    "otimes": "⊗",
    "oplus": "⊕",
    "circ": "∘",
    "ge": "≥",
    "geq": "≥",
    "le": "≤",
    "leq": "≤",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "equiv": "≡",
    "propto": "∝",
    "sim": "~",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "cup": "∪",
    "cap": "∩",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "implies": "⇒",
    "iff": "⇔",
    "mapsto": "↦",
    "forall": "∀",
    "exists": "∃",
    "mid": "|",
    "vert": "|",
    "lvert": "|",
    "rvert": "|",
    "|": "‖",
    "Vert": "‖",
    "lVert": "‖",
    "rVert": "‖",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "top": "ᵀ",
    "intercal": "ᵀ",
    "dagger": "†",
    "pm": "±",
    "mp": "∓",
    "ell": "ℓ",
    "emptyset": "∅",
    "{": "{",
    "}": "}",
    "%": "%",
    "&": "&",
    "#": "#",
    "_": "_",
    "$": "$",
    "quad": "  ",
    "qquad": "    ",
    ",": " ",
    ";": " ",
    ":": " ",
    " ": " ",
    "!": "",
    "\\": "; ",
    "left": "",
    "right": "",
    "bigl": "",
    "bigr": "",
    "Bigl": "",
    "Bigr": "",
    "big": "",
    "Big": "",
    "bigg": "",
    "Bigg": "",
    "displaystyle": "",
    "limits": "",
    "nolimits": "",
}
#: commands whose one argument is shown as it is
_PLAIN = {
    "text",
    "textrm",
    "textit",
    "textbf",
    "mathrm",
    "mathit",
    "mathbf",
    "mathsf",
    "mathtt",
    "boldsymbol",
    "bm",
    "operatorname",
    "mathcal",
    "mathscr",
    "mathfrak",
    "emph",
    "underline",
    "overline",
}
_BLACKBOARD = {
    "R": "ℝ",
    "E": "𝔼",
    "N": "ℕ",
    "Z": "ℤ",
    "Q": "ℚ",
    "C": "ℂ",
    "P": "ℙ",
    "1": "𝟙",
    "I": "𝕀",
}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "tilde": "\u0303",
            "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7"}  # fmt: skip
_SUPERSCRIPT = dict(zip("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ", strict=True))
_TOKEN = re.compile(r"\\([A-Za-z]+\*?|.)|(\s+)|(.)", re.S)


def latex_to_text(latex: str) -> str:
    """``latex`` as one line of Unicode text (see the module docstring)."""
    toks = [
        ("cmd", m.group(1))
        if m.group(1) is not None
        else ("space", " ")
        if m.group(2)
        else ("ch", m.group(3))
        for m in _TOKEN.finditer(latex)
    ]
    text, _ = _Reader(toks).run(0, stop=None)
    text = re.sub(r"([∂∇][¹²³⁴]?) ", r"\1", re.sub(r"\s+", " ", text))
    text = text.replace("( ", "(").replace(" )", ")").strip()
    return unicodedata.normalize("NFC", _unary_minus(_settle_fractions(text)).strip())


class _Reader:
    def __init__(self, toks: list[tuple[str, str]]):
        self.toks = toks

    def run(self, i: int, stop: str | None) -> tuple[str, int]:
        """Text up to the token ``stop`` (a closing brace or bracket) or the end."""
        out: list[str] = []
        while i < len(self.toks):
            kind, x = self.toks[i]
            if kind == "ch" and x == stop:
                return "".join(out), i + 1
            piece, i = self.one(i)
            out.append(piece)
        return "".join(out), i

    def arg(self, i: int) -> tuple[str, int]:
        """One argument: a braced group or the next token."""
        while i < len(self.toks) and self.toks[i][0] == "space":
            i += 1
        if i >= len(self.toks):
            return "", i
        if self.toks[i] == ("ch", "{"):
            return self.run(i + 1, "}")
        return self.one(i)

    def one(self, i: int) -> tuple[str, int]:
        kind, x = self.toks[i]
        if kind == "space":
            return " ", i + 1
        if kind == "ch":
            if x == "{":
                inner, j = self.run(i + 1, "}")
                return inner, j
            if x in "}$":
                return "", i + 1
            if x == "^":
                sup, j = self.arg(i + 1)
                return _superscript(sup), j
            if x == "_":
                sub, j = self.arg(i + 1)
                return "_" + _grouped(sub), j
            if x == "~":
                return " ", i + 1
            return x, i + 1
        return self.command(x, i + 1)

    def command(self, name: str, i: int) -> tuple[str, int]:
        bare = name.rstrip("*")
        if bare in ("frac", "dfrac", "tfrac"):
            num, i = self.arg(i)
            den, i = self.arg(i)
            return _fraction(num, den), i
        if bare in ("binom", "dbinom", "tbinom"):
            n, i = self.arg(i)
            k, i = self.arg(i)
            return f"binom({n.strip()}, {k.strip()})", i
        if bare == "sqrt":
            index = ""
            if i < len(self.toks) and self.toks[i] == ("ch", "["):
                index, i = self.run(i + 1, "]")
            body, i = self.arg(i)
            root = {"": "√", "3": "∛", "4": "∜"}.get(index.strip(), f"{index.strip()}√")
            return f"{root}({body})", i
        if bare in ("sum", "prod") and i < len(self.toks):
            return self.big_operator(_SYMBOLS[bare], i)
        if bare in _PLAIN:
            body, i = self.arg(i)
            return body, i
        if bare == "mathbb":
            body, i = self.arg(i)
            return "".join(_BLACKBOARD.get(c, c) for c in body), i
        if bare in _ACCENTS:
            body, i = self.arg(i)
            body = body.strip()
            return (body + _ACCENTS[bare]) if len(body) == 1 else f"{bare}({body})", i
        if bare == "begin":
            return self.environment(i)
        if bare == "end":
            _, i = self.arg(i)
            return "", i
        if bare in _SYMBOLS:
            return _SYMBOLS[bare], i
        # \log, \exp, \det, \max, and any command not listed: its name, apart from a next name
        nxt = self.toks[i] if i < len(self.toks) else ("", "")
        if nxt[0] == "cmd":
            apart = nxt[1] not in _SYMBOLS or _SYMBOLS[nxt[1]].isalpha()
        else:
            apart = nxt[0] == "ch" and nxt[1].isalnum()
        return bare + (" " if apart else ""), i

    def big_operator(self, symbol: str, i: int) -> tuple[str, int]:
        """``\\sum_{i=1}^{n}`` -> ``Σ(i=1..n)``; ``\\sum_{i}`` -> ``Σ_i``."""
        lower = upper = None
        for _ in range(2):
            if i < len(self.toks) and self.toks[i] == ("ch", "_"):
                lower, i = self.arg(i + 1)
            elif i < len(self.toks) and self.toks[i] == ("ch", "^"):
                upper, i = self.arg(i + 1)
        # _OPERAND marks where the summand starts: a minus sign there negates it
        if lower is not None and upper is not None:
            return f"{symbol}({lower.strip()}..{upper.strip()}) {_OPERAND}", i
        if lower is not None:
            return f"{symbol}_{_grouped(lower)} {_OPERAND}", i
        return symbol + (_superscript(upper) if upper is not None else ""), i

    def environment(self, i: int) -> tuple[str, int]:
        r"""``\begin{pmatrix} a & b \\ c & d \end{pmatrix}`` -> ``[a, b; c, d]``."""
        env, i = self.arg(i)
        rows: list[list[str]] = [[]]
        cell: list[str] = []
        while i < len(self.toks):
            kind, x = self.toks[i]
            if kind == "cmd" and x == "end":
                _, i = self.arg(i + 1)
                break
            if kind == "ch" and x == "&":
                rows[-1].append("".join(cell).strip())
                cell, i = [], i + 1
            elif kind == "cmd" and x == "\\":
                rows[-1].append("".join(cell).strip())
                rows.append([])
                cell, i = [], i + 1
            else:
                piece, i = self.one(i)
                cell.append(piece)
        rows[-1].append("".join(cell).strip())
        rows = [r for r in rows if any(r)]
        body = "; ".join(", ".join(r) for r in rows)
        return ("{" + body + "}") if env.strip() == "cases" else f"[{body}]", i


#: a fraction waits between these two marks until its surroundings say whether it needs parentheses
_OPEN, _CLOSE = "\x01", "\x02"
_OPERAND = "\x03"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ†′'"
_BRACKETS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌊": "⌋", "⌈": "⌉", _OPEN: _CLOSE}
_RELATIONS = "=<>≤≥≠≈≡∝∈→⇒⇔"
_NAME = re.compile(r"[∂√∛∜]?(?:\d+(?:\.\d+)?|[A-Za-z]+|[^\W\d_])[\u0300-\u036f\u20d7]*")
_SCRIPT = re.compile(rf"(?:_(?:[^\W_]+|\([^()]*\)))?(?:[{_SUPERSCRIPTS}]+|\^(?:\w|\(.*\)))?")


def _fraction(num: str, den: str) -> str:
    """``num/den``, each side parenthesized unless it reads as one operand there: a numerator
    may be a product (``2πσ²/x``), a denominator only one factor (``1/(2σ²)``, ``a/√(2π)``)."""
    num, den = (_settle_fractions(re.sub(r"([∂∇][¹²³⁴]?) +", r"\1", t.strip())) for t in (num, den))
    if not num or _has_top_level(num, " +-±/" + _RELATIONS, skip_first=True):
        num = f"({num})"
    if not _one_factor(den):
        den = f"({den})"
    return f"{_OPEN}{num}/{den}{_CLOSE}"


def _settle_fractions(text: str) -> str:
    """Drop a fraction's parentheses where it stands alone (``exp(a/b)``, ``= 1/2``, ``-a/b +
    c``); keep them next to a product, a function's name or another division (``(1/2) x``)."""
    out, start = [], 0
    for m in re.finditer(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}", text):
        before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip()
        alone = (not before or before[-1] in "([{,;:+-−±" + _RELATIONS) and (
            not after or after[0] in ")]},;+-−±" + _RELATIONS
        )
        out += [text[start : m.start()], m.group(1) if alone else f"({m.group(1)})"]
        start = m.end()
    return "".join([*out, text[start:]])


def _has_top_level(text: str, chars: str, skip_first: bool = False) -> bool:
    """Whether one of ``chars`` occurs in ``text`` outside every bracket (``‖…‖``, ``|…|`` too)."""
    closers: list[str] = []
    for k, c in enumerate(text):
        if closers and c == closers[-1]:
            closers.pop()
        elif c in _BRACKETS:
            closers.append(_BRACKETS[c])
        elif c in "‖|":
            closers.append(c)
        elif not closers and c in chars and not (skip_first and k == 0):
            return True
    return False


def _one_factor(text: str) -> bool:
    """Whether ``text`` is one factor: a number or a name, or a bracketed whole, optionally
    applied (``f(x)``, ``√(x)``) and with sub- and superscripts (``σ²``, ``‖x‖_2²``, ``W_ij``)."""
    m = _NAME.match(text)
    k = m.end() if m else (1 if text[:1] in "∂√" else 0)
    if k < len(text) and (text[k] in _BRACKETS or text[k] in "‖|"):
        closer = _BRACKETS.get(text[k], text[k])
        inner = text[k + 1 :]
        depth, end = 0, -1
        for j, c in enumerate(inner):
            if c == closer and depth == 0:
                end = j
                break
            depth += c in _BRACKETS or (c in "‖|" and c != closer)
            depth -= c in _BRACKETS.values() and depth > 0
        if end < 0:
            return False
        k += end + 2
    elif not m:
        return False
    rest = _SCRIPT.match(text, k)
    return rest is not None and rest.end() == len(text)


def _unary_minus(text: str) -> str:
    """``σ(- x)`` -> ``σ(-x)``: a minus sign with nothing before it to subtract from."""
    text = re.sub(rf"(^|[(\[{{,;:^{_RELATIONS}{_OPERAND}]\s*)([-−]) (?=\S)", r"\1\2", text)
    return re.sub(_OPERAND + r"\s*", "", text)


def _grouped(text: str) -> str:
    """``text`` as one operand: parenthesized unless it is one name, number or bracketed whole."""
    text = _settle_fractions(text.strip())
    text = re.sub(r"([∂∇]) +", r"\1", text.strip())
    if re.fullmatch(
        r"[\w\u0300-\u036f\u20d7.'′]+|\(.*\)|\[.*\]|[^\s()+\-/·]+", text
    ) and not re.search(r"[\s+\-/·=<>≤≥]", text):
        return text
    return f"({text})"


def _superscript(text: str) -> str:
    text = text.strip()
    if text and all(c in _SUPERSCRIPT for c in text):
        return "".join(_SUPERSCRIPT[c] for c in text)
    if text in ("ᵀ", "†", "′", "'"):
        return text
    return "^" + (text if re.fullmatch(r"\w|\(.*\)", text) else f"({text})")


_INLINE_MATH = re.compile(r"\$([^$]*)\$")


def rule_latex(rule: str) -> str:
    r"""A step's rule (text whose math is in ``$...$``) as LaTeX math: the text in ``\text{}``,
    the math typeset. ``differentiate with respect to $z_{l}$`` ->
    ``\text{differentiate with respect to }z_{l}``."""
    from .latex import escape_text

    parts = _INLINE_MATH.split(rule)
    return "".join(
        (f"{{{p}}}" if k % 2 else rf"\text{{{escape_text(p)}}}") for k, p in enumerate(parts) if p
    )


def rule_text(rule: str) -> str:
    """A step's rule as readable text: its ``$...$`` math read by :func:`latex_to_text`."""
    return _INLINE_MATH.sub(lambda m: latex_to_text(m.group(1)), rule)


def expr_text(expr) -> str:
    """A SymPy expression as readable text, through derivax's LaTeX (``θ``, ``⊙``, ``xᵀ``)."""
    from .latex import to_latex

    return latex_to_text(to_latex(expr))
