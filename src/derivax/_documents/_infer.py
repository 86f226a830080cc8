r"""First touch: a note checked with no declaration at all gets the table its notation implies,
printed so that the user can copy it into a sidecar, and every verdict under it says so.

What is inferred, each from what the displays write (and nothing else):

- ``\sum_{i=1}^{n}``: ``i`` an index and ``n`` a size; an ``x_i`` inside the sum a vector of that
  size;
- ``x^\top`` / ``x^T`` / ``\|x\|`` of a lowercase or bold letter: a vector (of the size above when
  there is one sum, else of a size ``n`` of its own);
- an uppercase letter (or ``\bar X``, ``\hat\theta``) inside ``\mathbb{E}[\cdot]``, ``E[\cdot]``,
  ``\text{Var}(\cdot)``: a random variable; a vector of them when it is summed over, ``iid`` when
  the text says "i.i.d." or "independent and identically distributed";
- ``\sigma`` written alone or squared (never applied): a positive scalar, a standard deviation.

Side conditions: nothing is inferred for a name the displays use in two ways (``x`` summed over
and transposed as a whole), and a name the reader already knows (``\log``, ``e``) is left alone.
"""

from __future__ import annotations

import re

_SUM = re.compile(r"\\sum_\{?\s*([A-Za-z])\s*=\s*1\s*\}?\s*\^\{?\s*([A-Za-z])\s*\}?")
_SUM_BARE = re.compile(r"\\sum_\{?\s*([A-Za-z])\s*\}?(?![=\w])")
_TRANSPOSED = re.compile(
    r"(\\mathbf\{[a-z]\}|\\boldsymbol\{[a-z]\}|(?<![\\A-Za-z])[a-z])\s*\^\s*\{?\s*(?:\\top|T)\b"
)
_NORM = re.compile(r"\\\|\s*(\\mathbf\{[a-z]\}|(?<![\\A-Za-z])[a-z])\s*\\\|")
#: a moment and its bracket; ``E_X[f(X)]`` names the random variable in a subscript of one letter
#: (a subscript with a law, ``E_{x \sim p}``, is an expectation over a density, read elsewhere)
_MOMENT = re.compile(
    r"(?:\\mathbb\{[EV]\}|(?<![\\A-Za-z])E|\\(?:text|operatorname|mathrm)\{(?:Var|Cov|E)\})"
    r"(?:\s*_\s*(?:[A-Z]|\{\s*[A-Z]\s*\}))?\s*(?:\\left)?([\[(])"
)
_CLOSE = {"[": "]", "(": ")"}
_RANDOM_NAME = re.compile(
    r"(\\bar\{?\s*[A-Z]\}?|\\hat\{?\\?[A-Za-z]+\}?|(?<![\\A-Za-z])[A-Z])(_\{?([a-z0-9])\}?)?"
)
_IID = re.compile(r"i\.\s?i\.\s?d|\biid\b|independent and identically distributed", re.IGNORECASE)
_SIGMA_ALONE = re.compile(r"\\sigma(?!\s*(?:\(|\\left\(|'))")


def infer_symbols(displays: list[str], prose: str) -> str:
    """The symbol table the displays imply, as ``derivax: symbols`` text ("" when nothing)."""
    text = "\n".join(displays)
    indices: dict[str, str] = {}
    for i, n in _SUM.findall(text):
        if i != n:
            indices.setdefault(i, n)
    for i in _SUM_BARE.findall(text):
        indices.setdefault(i, "n")
    sizes = set(indices.values())
    size = sizes.pop() if len(sizes) == 1 else "n"
    entries: dict[str, str] = {}
    randoms: dict[str, str] = {}
    for operand in moment_operands(text):
        for name, _, sub in _RANDOM_NAME.findall(operand):
            if sub and sub in indices:
                randoms[name] = f"random[{indices[sub]}]"
            elif sub:
                continue  # X_1: an entry, the vector is declared by its summed use
            else:
                randoms.setdefault(name, "random")
    # a random vector summed over: X_i inside a sum of its index
    for i, n in indices.items():
        for name in re.findall(rf"(?<![\\A-Za-z])([A-Z])_\{{?{i}\}}?", text):
            if name in randoms or any(name in op for op in moment_operands(text)):
                randoms[name] = f"random[{n}]"
    iid = bool(_IID.search(prose))
    for name, kind in randoms.items():
        entries[name] = kind + (", iid" if iid and kind.startswith("random[") else "")
    for i, n in indices.items():
        for name in re.findall(rf"(?<![\\A-Za-z])([a-z])_\{{?{i}\}}?", text):
            if name not in indices and name not in indices.values() and name not in entries:
                entries[name] = f"vector[{n}]"
    for name in _TRANSPOSED.findall(text) + _NORM.findall(text):
        entries.setdefault(name, f"vector[{size}]")
    if _SIGMA_ALONE.search(text) and not re.search(r"\\sigma\s*(\(|\\left\()", text):
        entries.setdefault(r"\sigma", "scalar, positive")
    out = [f"{name}: {kind}" for name, kind in entries.items()]
    out += [f"{i}: index" for i in indices if i not in entries]
    out += [
        f"{n}: dim"
        for n in sorted(set(indices.values()) | ({size} if "vector" in str(entries) else set()))
        if n not in entries and n not in indices
    ]
    return "; ".join(out)


def moment_operands(text: str) -> list[str]:
    """What each ``\\mathbb{E}[...]``, ``E[...]``, ``\\operatorname{Var}(...)`` of ``text`` is
    taken of, brackets balanced (``E\\left[(X - \\mu)^2\\right]`` gives ``(X - \\mu)^2``)."""
    out = []
    for m in _MOMENT.finditer(text):
        opening, depth = m.group(1), 0
        for k in range(m.end(1) - 1, len(text)):
            c = text[k]
            if c in "[(":
                depth += 1
            elif c in "])":
                depth -= 1
                if depth == 0:
                    if c == _CLOSE[opening]:
                        out.append(text[m.end(1) : k].replace("\\right", ""))
                    break
    return out


def undeclared_random(displays: list[str], declared) -> list[str]:
    """The names a note takes moments of without declaring them (an uppercase letter, or a
    decorated one: ``\\bar X``, ``\\hat\\theta``), each once: ``X`` of ``E[X]`` when the sidecar
    declares other names but not ``X``. ``declared(name)`` tells whether the table knows a name.
    A name written with a subscript (``X_i``, an entry) is left to its declaration."""
    out: list[str] = []
    for operand in moment_operands("\n".join(displays)):
        for m in _RANDOM_NAME.finditer(operand):
            name, sub = m.group(1), m.group(2)
            if re.match(r"\s*(?:\(|\[|\\left)", operand[m.end() :]):
                continue  # applied: E[...] inside, P(x), a function, not a variable
            if sub or name in out or declared(name):
                continue
            out.append(name)
    return out


#: an entry under a moment: a letter, a power before or after it, a subscript of index letters
_ENTRY = re.compile(
    r"(?<![\\A-Za-z])([A-Za-z])(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*_\s*(?:\{\s*([a-z]{1,2})\s*\}|([a-z]))"
    r"(?![A-Za-z0-9{])"
)
#: a sum's index and its upper bound, the bound possibly a decorated name (``n_\textrm{in}``)
_SUM_BOUND = re.compile(
    r"\\sum_\{?\s*([a-z])\s*=\s*1\s*\}?\s*\^\s*"
    r"(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z](?:_(?:\\[A-Za-z]+\s*\{[^{}]*\}|\{[^{}]*\}|[A-Za-z0-9]))?)"
)
_INDEPENDENT = re.compile(r"\bindependent(?:ly)?\b|i\.\s?i\.\s?d|\biid\b", re.IGNORECASE)
_SAME_LAW = re.compile(
    r"i\.\s?i\.\s?d|\biid\b|identically\s+distributed|(?:the\s+)?same\s+distribution",
    re.IGNORECASE,
)


def undeclared_random_arrays(displays: list[str], prose: str, declared) -> list[str]:
    r"""Declarations for the undeclared names a note takes moments of entries of (``E[w_{ij} x_j]``,
    ``E[g_t]``): a random vector or matrix, one axis per index letter of the subscript, of the
    size a sum over that index runs to (``\sum_{j=1}^{n_\textrm{in}}``), else of a size of its
    own (``n_{w}``, ``m_{w}``); ``independent`` when the text says the variables are independent
    ("drawn independently", "independent of each other", "i.i.d."), ``iid`` when it also says
    they share one law ("from the same distribution", "identically distributed", "i.i.d.").
    A name a display defines (``o_i = \sum_j w_{ij} x_j``) is what it is defined from, not
    inferred here. ``declared(name)`` tells whether the table knows a name."""
    from ..symbols import canonical

    text = "\n".join(displays)
    bounds: dict[str, str] = {}
    for index, bound in _SUM_BOUND.findall(text):
        bound = bound[1:-1] if bound.startswith("{") else bound
        bound = re.sub(r"_(\\[A-Za-z]+\s*\{[^{}]*\})", r"_{\1}", bound)  # n_\textrm{in}
        try:
            bounds.setdefault(index, canonical(bound.strip()))
        except Exception:  # a bound that is no name (t - 1): the axis gets a size of its own
            continue
    defined = {
        m.group(1) for m in re.finditer(r"(?m)^\s*([A-Za-z])\s*_\s*\{?[a-z]{1,2}\}?\s*=", text)
    }
    iid = bool(_SAME_LAW.search(prose)) and bool(_INDEPENDENT.search(prose))
    qualifiers = (
        ", iid, independent" if iid else (", independent" if _INDEPENDENT.search(prose) else "")
    )
    out: dict[str, str] = {}
    for operand in moment_operands(text):
        for m in _ENTRY.finditer(operand):
            name, sub = m.group(1), m.group(2) or m.group(3)
            if name in out or name in defined or declared(name) or declared(f"{name}_{{{sub}}}"):
                continue
            own = ["n", "m"][: len(sub)][::-1] if len(sub) == 2 else ["n"]
            sizes = [bounds.get(ix, f"{own[k]}_{{{name}}}") for k, ix in enumerate(sub)]
            out[name] = f"{name}: random[{', '.join(sizes)}]" + qualifiers
    return list(out.values())


def index_letter(table) -> str | None:
    """A declared index letter, for a moment said of every entry of a random vector."""
    for name in ("i", "j", "k", "t", "n"):
        key = table.resolve(name)
        if key is not None and table[key].kind == "index":
            return name
    return None


def unstated_laws(taken: list[str], table, givens: list[str]) -> str:
    """Why a refutation is no verdict when it rests on a random vector or matrix check-doc
    inferred (``w`` of ``E[w_{ij}]``) and no given of the note speaks of it: the moments the
    text states in words ("zero mean") are not read, so a distribution chosen freely refutes
    what the author assumed. "" when every such array is spoken of."""
    from ._claim import _describes

    arrays = [n for n in taken if (k := table.resolve(n)) and table[k].shape]
    loose = [n for n in arrays if not any(_describes(g, n) for g in givens)]
    if not loose:
        return ""
    names = ", ".join(f"`{n}`" for n in loose)
    return (
        f"refuted only by choosing the law of {names}, taken to be random ({', '.join(str(table[n]) for n in loose)}) "
        f"and given no moments in the displays: the step depends on what the text says of "
        f"{names}; give its moments (`derivax: given`) or declare it to decide"
    )
