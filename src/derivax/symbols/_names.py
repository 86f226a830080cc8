"""Names of symbols: one canonical LaTeX spelling and one plain identifier form for each.

A name may be written as it appears in LaTeX (``\\alpha``, ``\\hat y``, ``\\bar\\alpha_t``,
``\\theta_{t-1}``) or plainly (``alpha``, ``y_hat``, ``alpha_bar_t``, ``theta_t_minus_1``). Both
spellings map to one canonical LaTeX form (``\\bar{\\alpha}_{t}``), which is the SymPy symbol's
name; the plain form is the identifier used for keyword arguments and ``--set``.

Styling commands that do not change meaning in ML papers (``\\mathbf``, ``\\boldsymbol``,
``\\bm``, ``\\vec``) are dropped: ``\\mathbf{x}`` and ``x`` are the same symbol.
"""

from __future__ import annotations

import re

from .._errors import SymbolError

GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell imath jmath"
).split()
GREEK_SET = frozenset(GREEK)

# decoration command -> plain suffix
DECORATIONS = {
    "hat": "hat",
    "widehat": "hat",
    "bar": "bar",
    "overline": "bar",
    "tilde": "tilde",
    "widetilde": "tilde",
    "dot": "dot",
    "ddot": "ddot",
    "check": "check",
    "breve": "breve",
    "underline": "underline",  # a lower bound (\underline{p_A}), beside \overline's upper one
}
STYLES = frozenset({"mathbf", "boldsymbol", "bm", "vec", "mathit", "mathnormal"})
FONTS = {"mathcal": "cal", "mathbb": "bb", "mathfrak": "frak", "mathscr": "scr", "mathsf": "sf"}
WORDS = frozenset({"mathrm", "text", "operatorname", "textrm", "textit", "mathtt"})

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]+|\s+|.", re.S)
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OPERATORS = {"+": "plus", "-": "minus", ",": "", "*": "star", "'": "prime"}


def tokenize(text: str) -> list[str]:
    """Split a LaTeX fragment into commands, letters, digit runs and single characters."""
    return [t for t in _TOKEN.findall(text) if not t.isspace()]


def read_group(tokens: list[str], i: int) -> tuple[list[str], int]:
    """Read one argument at ``tokens[i]``: a braced group or a single token. Returns (group, next)."""
    if i >= len(tokens):
        raise SymbolError("a name ends where an argument was expected")
    if tokens[i] != "{":
        return [tokens[i]], i + 1
    depth, j = 0, i
    while j < len(tokens):
        if tokens[j] == "{":
            depth += 1
        elif tokens[j] == "}":
            depth -= 1
            if depth == 0:
                return tokens[i + 1 : j], j + 1
        j += 1
    raise SymbolError("unbalanced `{` in a name")


def join_tokens(tokens: list[str]) -> str:
    """Join tokens back into LaTeX, with a space only where a command would swallow a letter."""
    out = ""
    for t in tokens:
        if out and re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z0-9]", t):
            out += " "
        out += t
    return out


def canonical_script(tokens: list[str]) -> str:
    """Canonical text of a subscript or superscript: words unwrapped, styles dropped."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.startswith("\\") and t[1:] in WORDS | STYLES:
            group, i = read_group(tokens, i + 1)
            out.extend(tokenize("".join(group)) if t[1:] in WORDS else group)
            continue
        if t in ("\\,", "\\;", "\\!", "\\ "):
            i += 1
            continue
        out.append(t)
        i += 1
    return join_tokens(out)


def canonical_base(tokens: list[str], i: int) -> tuple[str, int]:
    """Read the base of a name (letter, Greek letter, decorated or styled name) at ``tokens[i]``."""
    t = tokens[i]
    if t.startswith("\\"):
        cmd = t[1:]
        if cmd in GREEK_SET:
            return t, i + 1
        if cmd in DECORATIONS:
            group, j = read_group(tokens, i + 1)
            inner, k = canonical_base(group, 0) if group else ("", 0)
            if not group or k != len(group):
                raise SymbolError(
                    f"`\\{cmd}` must decorate a single letter, not `{join_tokens(group)}`"
                )
            return f"\\{cmd}{{{inner}}}", j
        if cmd in STYLES:
            group, j = read_group(tokens, i + 1)
            if not group:
                raise SymbolError(f"`\\{cmd}` needs an argument")
            return canonical_name_tokens(group), j
        if cmd in FONTS:
            group, j = read_group(tokens, i + 1)
            return f"\\{cmd}{{{join_tokens(group)}}}", j
        if cmd in WORDS:
            group, j = read_group(tokens, i + 1)
            word = "".join(group).replace(" ", "")
            return (word if len(word) == 1 else f"\\mathrm{{{word}}}"), j
        raise SymbolError(f"`{t}` cannot start a symbol name")
    if re.fullmatch(r"[A-Za-z]", t):
        return t, i + 1
    raise SymbolError(f"`{t}` cannot start a symbol name")


def canonical_name_tokens(tokens: list[str]) -> str:
    """Canonical LaTeX of a whole name given as tokens (base, optional scripts, primes)."""
    base, i = canonical_base(tokens, 0)
    sub = sup = ""
    primes = ""
    while i < len(tokens):
        t = tokens[i]
        if t == "_" and not sub:
            group, i = read_group(tokens, i + 1)
            sub = canonical_script(group)
        elif t == "^" and not sup:
            group, i = read_group(tokens, i + 1)
            sup = canonical_script(group)
        elif t == "'":
            primes += "'"
            i += 1
        else:
            raise SymbolError(f"unexpected `{join_tokens(tokens[i:])}` in a symbol name")
    name = base + primes
    if sub:
        name += f"_{{{sub}}}"
    if sup:
        name += f"^{{{sup}}}"
    return name


def canonical(name: str) -> str:
    """The canonical LaTeX spelling of a symbol name written in LaTeX or plainly.

    >>> canonical(r"\\bar\\alpha_t"), canonical("alpha_bar_t"), canonical("theta_t_minus_1")
    ('\\\\bar{\\\\alpha}_{t}', '\\\\bar{\\\\alpha}_{t}', '\\\\theta_{t-1}')
    """
    name = name.strip()
    if not name:
        raise SymbolError("empty symbol name")
    if "\\" not in name and _PLAIN.fullmatch(name):
        if "_" in name or name in GREEK_SET:
            return _from_plain(name)
        if len(name) > 1:
            return f"\\mathrm{{{name}}}"
    return canonical_name_tokens(tokenize(name))


def _from_plain(name: str) -> str:
    parts = name.split("_")
    base = parts[0]
    if base in GREEK_SET:
        base = f"\\{base}"
    elif len(base) > 1:
        base = f"\\mathrm{{{base}}}"
    rest = parts[1:]
    while rest and rest[0] in {*DECORATIONS.values(), *FONTS.values()}:
        word = rest.pop(0)
        if word in FONTS.values():
            font = next(k for k, v in FONTS.items() if v == word)
            base = f"\\{font}{{{base}}}"
        else:
            deco = next(k for k, v in DECORATIONS.items() if v == word)
            base = f"\\{deco}{{{base}}}"
    if not rest:
        return base
    words = {v: k for k, v in _OPERATORS.items() if v}
    sub = "".join(words[w] if w in words else (f"\\{w}" if w in GREEK_SET else w) for w in rest)
    sub = re.sub(r"(\\[A-Za-z]+)(?=[A-Za-z0-9])", r"\1 ", sub)
    return f"{base}_{{{sub}}}"


def plain(name: str) -> str:
    """The plain identifier form of a canonical name: ``\\hat{y}_{i}`` -> ``y_hat_i``.

    >>> plain(r"\\theta_{t-1}"), plain(r"\\hat{y}"), plain(r"\\mathcal{N}")
    ('theta_t_minus_1', 'y_hat', 'N_cal')
    """
    text = name
    for cmd in WORDS:
        text = re.sub(rf"\\{cmd}\{{([^{{}}]*)\}}", lambda m: m.group(1).replace(" ", ""), text)
    suffix = {**DECORATIONS, **FONTS}
    pattern = re.compile(
        r"\\({})\{{([^{{}}]*)\}}".format("|".join(sorted(suffix, key=len, reverse=True)))
    )
    while pattern.search(text):
        text = pattern.sub(lambda m: f"{m.group(2)}_{suffix[m.group(1)]}", text)
    text = text.replace("^", "_sup_").replace("'", "_prime")
    text = text.replace("+", "_plus_").replace("-", "_minus_").replace("*", "_star_")
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    ident = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", text)).strip("_")
    if not ident or ident[0].isdigit():
        ident = "v_" + ident
    return ident
