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
    text = re.sub(r"([∂∇]) ", r"\1", re.sub(r"\s+", " ", text))
    return unicodedata.normalize("NFC", text.replace("( ", "(").replace(" )", ")").strip())


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
            return f"({_grouped(num)}/{_grouped(den)})", i
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
        return bare, i  # \log, \exp, \det, \max, and any command not listed: its name

    def big_operator(self, symbol: str, i: int) -> tuple[str, int]:
        """``\\sum_{i=1}^{n}`` -> ``Σ(i=1..n)``; ``\\sum_{i}`` -> ``Σ_i``."""
        lower = upper = None
        for _ in range(2):
            if i < len(self.toks) and self.toks[i] == ("ch", "_"):
                lower, i = self.arg(i + 1)
            elif i < len(self.toks) and self.toks[i] == ("ch", "^"):
                upper, i = self.arg(i + 1)
        if lower is not None and upper is not None:
            return f"{symbol}({lower.strip()}..{upper.strip()}) ", i
        if lower is not None:
            return f"{symbol}_{_grouped(lower)} ", i
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


def _grouped(text: str) -> str:
    """``text`` as one operand: parenthesized unless it is one name, number or bracketed whole."""
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
