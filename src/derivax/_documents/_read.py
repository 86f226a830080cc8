r"""Reading a document: display math (``equation``, ``align``, ``gather``, ``multline`` and their
starred forms, ``\[ \]``, ``$$ $$``) cut into the pieces a derivation is made of, each with its
source line, and the ``derivax:`` declarations (symbols, givens) in document order."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import DerivaxError

ENVIRONMENTS = (
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
)
_ENV = "|".join(re.escape(e) for e in ENVIRONMENTS)
_TEX_MATH = re.compile(
    r"\\begin\{(" + _ENV + r")\}(.*?)\\end\{\1\}|\\\[(.*?)\\\]|\$\$(.*?)\$\$", re.DOTALL
)
_MD_MATH = re.compile(
    r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\\begin\{(" + _ENV + r")\}(.*?)\\end\{\3\}", re.DOTALL
)
_TEX_DIRECTIVE = re.compile(
    r"^[ \t]*%+[ \t]*derivax:[ \t]*(symbols|given)[ \t]+(.*?)[ \t]*$", re.MULTILINE
)
_MD_DIRECTIVE = re.compile(
    r"<!--[ \t]*derivax:[ \t]*(symbols|given)[ \t]+(.*?)[ \t]*-->", re.DOTALL
)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Piece:
    """One row of display math, cleaned, with the line it starts on (1-based) and its environment;
    ``continues`` when it begins with a relation (``&= ...``), carrying on the previous row's chain."""

    line: int
    latex: str
    environment: str
    continues: bool = False
    source: str = ""
    lined: str = ""  # ``latex`` with the source's line breaks kept


@dataclass(frozen=True)
class Event:
    """A declaration (``symbols``/``given``) or a display at its place in the document."""

    offset: int
    kind: str  # "symbols", "given" or "math"
    text: str = ""
    line: int = 0
    pieces: tuple[Piece, ...] = ()
    end: int = 0  # where the display ends (offset just after it)
    where: str = ""  # the place in the file, when not the file itself (a notebook cell)
    prose: str = ""  # the text between the display before and this one (its cue words)


@dataclass
class Document:
    path: str
    kind: str  # "tex" or "md"
    events: list[Event] = field(default_factory=list)
    sidecar_symbols: str = ""
    sidecar_given: tuple[str, ...] = ()
    text: str = ""


def read_document(path: str | Path) -> Document:
    """The display math and declarations of a ``.tex`` or ``.md`` file (plus ``FILE.derivax.toml``)."""
    p = Path(path)
    kind = {".tex": "tex", ".md": "md", ".markdown": "md", ".ipynb": "ipynb"}.get(p.suffix.lower())
    if kind is None:
        raise DerivaxError(
            f"`{path}`: check-doc reads .tex, .md and .ipynb files; got `{p.suffix or 'no suffix'}`"
        )
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DerivaxError(f"cannot read `{path}`: {e}") from None
    if kind == "ipynb":
        return _notebook(p, text)
    doc = Document(str(path), kind, text=text)
    _sidecar(doc, p)
    _scan(doc, text, kind)
    return doc


def _notebook(p: Path, text: str) -> Document:
    """The Markdown cells of a notebook, each read as a Markdown note; lines count within a cell."""
    import json

    try:
        cells = json.loads(text).get("cells", [])
        sources = [
            (k, c.get("source", ""))
            for k, c in enumerate(cells, 1)
            if c.get("cell_type") == "markdown"
        ]
    except (ValueError, AttributeError) as e:
        raise DerivaxError(f"`{p}` is not a Jupyter notebook (nbformat 4 JSON): {e}") from None
    doc = Document(str(p), "ipynb", text=text)
    _sidecar(doc, p)
    for k, source in sources:
        cell = Document(str(p), "md")
        body = "".join(source) if isinstance(source, list) else str(source)
        _scan(cell, body, "md")
        doc.events += [
            Event(
                k * 10**9 + e.offset,
                e.kind,
                e.text,
                e.line,
                e.pieces,
                e.end,
                f"{p} cell {k}",
                e.prose,
            )
            for e in cell.events
        ]
    return doc


def _scan(doc: Document, text: str, kind: str) -> None:
    if kind == "tex":
        masked = _mask_tex_comments(text)
        directives, math = _TEX_DIRECTIVE, _TEX_MATH
    else:
        masked = _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        directives, math = _MD_DIRECTIVE, _MD_MATH
    for m in directives.finditer(text):
        if kind == "md" and masked[m.start()] == " ":
            continue  # inside a code fence
        doc.events.append(
            Event(m.start(), m.group(1), " ".join(m.group(2).split()), _line(text, m.start()))
        )
    previous_end = 0
    for m in math.finditer(masked):
        if kind == "tex":
            env, body, start = (
                (m.group(1), m.group(2), m.start(2))
                if m.group(1)
                else ("\\[ \\]", m.group(3), m.start(3))
                if m.group(3) is not None
                else ("$$", m.group(4), m.start(4))
            )
        else:
            env, body, start = (
                ("$$", m.group(1), m.start(1))
                if m.group(1) is not None
                else ("\\[ \\]", m.group(2), m.start(2))
                if m.group(2) is not None
                else (m.group(3), m.group(4), m.start(4))
            )
        pieces = tuple(_rows(text, body, start, env))
        prose = " ".join(masked[previous_end : m.start()].split())
        previous_end = m.end()
        doc.events.append(
            Event(
                m.start(),
                "math",
                line=_line(text, m.start()),
                pieces=pieces,
                end=m.end(),
                prose=prose,
            )
        )
    doc.events.sort(key=lambda e: e.offset)


def _sidecar(doc: Document, p: Path) -> None:
    side = p.with_name(p.name + ".derivax.toml")
    if not side.exists():
        side = p.with_suffix(".derivax.toml")
    if not side.exists():
        return
    try:
        data = tomllib.loads(side.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as e:
        raise DerivaxError(f"cannot read the sidecar `{side}`: {e}") from None
    unknown = sorted(set(data) - {"symbols", "given"})
    if unknown:
        raise DerivaxError(
            f"the sidecar `{side}` has an unknown key `{unknown[0]}`; expected symbols "
            f"(a string) and given (a list of LaTeX definitions)"
        )
    symbols, given = data.get("symbols", ""), data.get("given", [])
    if (
        not isinstance(symbols, str)
        or not isinstance(given, list)
        or not all(isinstance(g, str) for g in given)
    ):
        raise DerivaxError(
            f"the sidecar `{side}`: `symbols` is a string and `given` a list of strings"
        )
    doc.sidecar_symbols, doc.sidecar_given = symbols, tuple(given)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _mask_tex_comments(text: str) -> str:
    """The text with every TeX comment blanked (same length, so offsets stay), ``\\%`` kept."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)


_INNER_ENV = re.compile(
    r"\\(begin|end)\{(aligned|split|gathered|alignedat|align\*?|equation\*?|gather\*?"
    r"|multline\*?)\}(\{[^}]*\})?"
)
_ROW_SPLIT = re.compile(r"\\\\(?:\[[^\]]*\])?")


def _rows(text: str, body: str, start: int, env: str):
    """The rows of a display: split at ``\\\\`` (inside ``aligned``/``split`` too), each cleaned."""
    inner = _INNER_ENV.sub(
        lambda m: " " * len(m.group(0)), body
    )  # same length: offsets are source lines
    offset = 0
    parts = []
    for m in _ROW_SPLIT.finditer(inner):
        parts.append((inner[offset : m.start()], offset))
        offset = m.end()
    parts.append((inner[offset:], offset))
    if "multline" in env:  # one formula broken over lines
        parts = [(" ".join(p for p, _ in parts), 0)]
    for raw, at in parts:
        cleaned = clean(raw)
        if not cleaned:
            continue
        lead = len(raw) - len(raw.lstrip())
        line = _line(text, start + at + lead)
        yield Piece(
            line,
            cleaned,
            env,
            continues=_starts_with_relation(cleaned),
            source=raw.strip(),
            lined=clean(raw, keep_lines=True, keep_text=True),
        )


_REMARK = re.compile(
    r"(\\q?quad|\\,|\\;|\\ |~|,)*\s*\\(text|textrm|textnormal|mbox|intertext)\s*\{"
)


def clean(raw: str, keep_lines: bool = False, keep_text: bool = False) -> str:
    r"""A row of display math without what is layout, not mathematics: ``\label``, ``\tag``,
    ``\nonumber``, alignment ``&``, ``\text{...}`` remarks and trailing punctuation; with
    ``keep_lines`` its line breaks stay, so that a relation can be traced to its source line."""
    s = re.sub(r"\\(label|tag\*?|eqref|ref)\s*\{[^{}]*\}", " ", raw)
    s = re.sub(r"\\(nonumber|notag)\b", " ", s)
    if not keep_text:
        s = _strip_remarks(s)
    s = re.sub(r"(?<!\\)&", " ", s)
    if keep_lines:
        s = re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r"[ \t]+", " ", s)).strip(" \t")
        s = s.lstrip("\n")
    else:
        s = " ".join(s.split())
    while True:
        t = re.sub(r"(\s|\\[,;:!]|\\q?quad|\\ |~|[.,;:])+$", "", s)
        if t == s:
            break
        s = t
    return s.strip()


def _strip_remarks(s: str) -> str:
    while (m := _REMARK.search(s)) is not None:
        depth, k = 1, m.end()
        while k < len(s) and depth:
            depth += {"{": 1, "}": -1}.get(s[k], 0)
            k += 1
        s = s[: m.start()] + " " + s[k:]
    return s


_RELATION = re.compile(
    r"\\(leq|geq|le|ge|lt|gt|neq|ne|approx|coloneqq|triangleq|equiv|leftarrow|gets|sim)"
    r"(?![A-Za-z])|:=|=|<|>"
)


def _starts_with_relation(s: str) -> bool:
    m = _RELATION.match(s)
    return m is not None and m.start() == 0


def split_relations(s: str) -> list[tuple[str, str]]:
    """``a = b \\le c`` as ``[("", "a"), ("=", "b"), ("\\le", "c")]``: the top-level relations
    (outside braces and brackets) and the terms between them."""
    return [(rel, term) for rel, term, _ in split_relations_lines(s)]


def split_relations_lines(s: str) -> list[tuple[str, str, int]]:
    """``split_relations`` with, for each part, how many line breaks of ``s`` come before its
    relation (before the first term: 0)."""
    out: list[tuple[str, str, int]] = []
    at = 0
    depth, k, last, rel = 0, 0, 0, ""
    while k < len(s):
        ch = s[k]
        if ch == "\\" and s.startswith(("\\{", "\\}"), k):
            k += 2
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0:
            m = _RELATION.match(s, k)
            if m and not (m.group(0) == "=" and s[k - 1 : k] in ("<", ">", "!")):
                out.append((rel, " ".join(s[last:k].split()), at))
                rel, last, at = m.group(0), m.end(), s.count("\n", 0, k)
                k = m.end()
                continue
        if ch == "\\":
            m = re.match(r"\\[A-Za-z]+", s[k:])
            if m:
                k += len(m.group(0))
                continue
        k += 1
    out.append((rel, " ".join(s[last:].split()), at))
    if depth != 0:
        raise DerivaxError(f"unbalanced braces or brackets in `{' '.join(s.split())}`")
    return out
