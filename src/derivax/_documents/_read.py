r"""Reading a document: display math (``equation``, ``align``, ``gather``, ``multline`` and their
starred forms, ``\[ \]``, ``$$ $$``) cut into the pieces a derivation is made of, each with its
source line, and the ``derivax:`` declarations (symbols, givens) in document order.

The document's own macros are expanded in each display first (``_macros``); rows are then cut
as TeX lays them out: a ``\\`` inside a matrix, ``array`` or ``cases`` is not a row break, and a
row whose bracket stays open, or that ends in a relation or an operator, goes on over the next."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._errors import DerivaxError
from ._macros import Definition, expand, macros_at, mask_comments, read_definitions

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
    "flalign",
    "flalign*",
    "alignat",
    "alignat*",
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
    ``continues`` when it begins with a relation (``&= ...``), carrying on the previous row's chain.
    ``problem``, when not empty, says why the row cannot be read as written (a macro of the
    document that does not expand, named): the row is unread with that reason."""

    line: int
    latex: str
    environment: str
    continues: bool = False
    source: str = ""
    lined: str = ""  # ``latex`` with the source's line breaks kept
    problem: str = ""


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
    sidecar_macros: str = ""  # the definitions a site makes outside the document (MathJax's)
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
    _scan(doc, text, kind, p, inherited=_site_definitions(doc))
    return doc


def _notebook(p: Path, text: str) -> Document:
    """The Markdown cells of a notebook, each read as a Markdown note; lines count within a cell."""
    from ._notebook import markdown_cells

    sources = markdown_cells(p, text)
    doc = Document(str(p), "ipynb", text=text)
    _sidecar(doc, p)
    # MathJax keeps a cell's \newcommand for the cells after
    definitions: list[Definition] = _site_definitions(doc)
    for k, source in sources:
        cell = Document(str(p), "md")
        definitions = _scan(cell, source, "md", inherited=definitions)
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


def _scan(
    doc: Document,
    text: str,
    kind: str,
    path: Path | None = None,
    inherited: Sequence[Definition] = (),
) -> list[Definition]:
    """The declarations and displays of ``text`` into ``doc.events``, each display with the
    macros defined before it expanded; returns the definitions (after ``inherited``, those of
    the notebook cells before)."""
    if kind == "tex":
        masked = _mask_tex_comments(text)
        directives, math = _TEX_DIRECTIVE, _TEX_MATH
    else:
        masked = _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        directives, math = _MD_DIRECTIVE, _MD_MATH
    own = read_definitions(masked, path if kind == "tex" else None)
    definitions = [*[replace(d, offset=-1, span=(0, 0)) for d in inherited], *own]
    for m in directives.finditer(text):
        if kind == "md" and masked[m.start()] == " ":
            continue  # inside a code fence
        said = " ".join(m.group(2).split())
        if m.group(1) == "given":
            said = " ".join(expand(said, macros_at(definitions, m.start())).text.split())
        doc.events.append(Event(m.start(), m.group(1), said, _line(text, m.start())))
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
        if env.startswith("alignat"):  # \begin{alignat}{2}: the number of columns
            body = re.sub(r"^\s*\{\s*\d+\s*\}", lambda c: " " * len(c.group(0)), body)
        body = _without_definitions(body, start, own)
        expansion = expand(body, macros_at(definitions, m.start()))
        laid = _sized_delimiters(expansion.text)
        pieces = tuple(_rows(laid, _line(text, start), env, expansion.problems))
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
    return definitions


def _without_definitions(body: str, start: int, definitions: Sequence[Definition]) -> str:
    """A display's text with the definitions written inside it (MathJax's ``$$\\newcommand``)
    blanked, its line breaks kept."""
    for d in definitions:
        a, b = d.span
        if start <= a < b <= start + len(body):
            a, b = a - start, b - start
            body = body[:a] + re.sub(r"[^\n]", " ", body[a:b]) + body[b:]
    return body


# \Bigg{[} is \Bigg[ (a delimiter in braces, as some authors write it)
_BRACED_SIZE = re.compile(
    r"\\(big|Big|bigg|Bigg)([lrm]?)\s*\{\s*(\\[{}|]|\\[A-Za-z]+|[()\[\]|./<>])\s*\}"
)


def _sized_delimiters(body: str) -> str:
    def unbraced(m: re.Match[str]) -> str:
        space = " " if re.fullmatch(r"\\[A-Za-z]+", m.group(3)) else ""
        return f"\\{m.group(1)}{m.group(2)}{m.group(3)}{space}"

    return _BRACED_SIZE.sub(unbraced, body)


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
    unknown = sorted(set(data) - {"symbols", "given", "macros"})
    if unknown:
        raise DerivaxError(
            f"the sidecar `{side}` has an unknown key `{unknown[0]}`; expected symbols "
            f"(a string), given (a list of LaTeX definitions) and macros (a string of "
            f"\\newcommand definitions)"
        )
    symbols, given = data.get("symbols", ""), data.get("given", [])
    macros = data.get("macros", "")
    if (
        not isinstance(symbols, str)
        or not isinstance(given, list)
        or not all(isinstance(g, str) for g in given)
        or not isinstance(macros, str)
    ):
        raise DerivaxError(
            f"the sidecar `{side}`: `symbols` is a string, `given` a list of strings and "
            f"`macros` a string"
        )
    doc.sidecar_symbols, doc.sidecar_given = symbols, tuple(given)
    doc.sidecar_macros = macros
    if macros and not _site_definitions(doc):
        raise DerivaxError(
            f"the sidecar `{side}`: `macros` defines nothing; write the definitions a site "
            f"makes as LaTeX, e.g. `\\newcommand{{\\E}}{{\\mathbb{{E}}}}`"
        )


def _site_definitions(doc: Document) -> list[Definition]:
    r"""The sidecar's ``macros``: definitions a site makes for every page (a MathJax or KaTeX
    configuration, ``\underE`` on Spinning Up), in effect from the document's start. A
    definition in the document itself comes later and so wins."""
    if not doc.sidecar_macros:
        return []
    return [
        replace(d, offset=-1, span=(0, 0))
        for d in read_definitions(mask_comments(doc.sidecar_macros))
    ]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _mask_tex_comments(text: str) -> str:
    """The text with every TeX comment blanked (same length, so offsets stay), ``\\%`` kept."""
    return mask_comments(text)


_INNER_ENV = re.compile(
    r"\\(begin|end)\{(aligned|split|gathered|alignedat|align\*?|equation\*?|gather\*?"
    r"|multline\*?)\}(\{[^}]*\})?"
)
# environments whose \\ is a matrix row or a case, never a row of the display
_GRID = r"(?:[pbBvV]?matrix\*?|smallmatrix|array|subarray|cases\*?|dcases\*?|rcases\*?|tabular)"
_BREAKS = re.compile(
    r"(?P<row>\\\\\*?(?:\[[^\]]*\])?|\\cr(?![A-Za-z]))"
    r"|\\begin\s*\{(?P<open>" + _GRID + r")\}"
    r"|\\end\s*\{(?P<close>" + _GRID + r")\}"
    r"|(?P<stack>\\(?:substack|shortstack)\s*\{)"
    r"|\\[^\\]|(?P<brace>[{}])"
)


def _rows(body: str, first_line: int, env: str, problems=None) -> Iterator[Piece]:
    r"""The rows of a display whose text starts on line ``first_line``: cut at each ``\\`` that
    is not inside a ``\substack``, a matrix, an ``array`` or ``cases`` (``aligned``/``split`` rows are
    rows), then joined as TeX lays a formula over lines: while a bracket stays open, when a row
    ends in a relation or an operator, or the next row is only an operator and its terms.
    ``problems``: the macros that did not expand, each with why; a row using one carries it."""
    inner = _INNER_ENV.sub(
        lambda m: " " * len(m.group(0)), body
    )  # same length: offsets are source lines
    parts = _cut(inner)
    if "multline" in env:  # one formula broken over lines
        parts = [(" ".join(p for p, _ in parts), parts[0][1])]
    for raw, at in _joined(parts):
        cleaned = clean(raw)
        if not cleaned:
            continue
        lead = len(raw) - len(raw.lstrip())
        used = [
            why
            for name, why in (problems or {}).items()
            if re.search(re.escape(name) + r"(?![A-Za-z@])", raw)
        ]
        yield Piece(
            first_line + inner.count("\n", 0, at + lead),
            cleaned,
            env,
            continues=_starts_with_relation(cleaned),
            source=raw.strip(),
            lined=clean(raw, keep_lines=True, keep_text=True),
            problem="; ".join(used),
        )


def _cut(inner: str) -> list[tuple[str, int]]:
    """The text between the row breaks of the display (each with its offset)."""
    parts: list[tuple[str, int]] = []
    depth, grids, offset = 0, 0, 0
    stacks: list[int] = []  # the depth each \substack{ opened at
    for m in _BREAKS.finditer(inner):
        if m.group("row") is not None:
            if not stacks and grids == 0:
                parts.append((inner[offset : m.start()], offset))
                offset = m.end()
        elif m.group("open"):
            grids += 1
        elif m.group("close"):
            grids = max(grids - 1, 0)
        elif m.group("stack"):
            depth += 1
            stacks.append(depth)
        elif m.group("brace") == "{":
            depth += 1
        elif m.group("brace") == "}":
            if stacks and stacks[-1] == depth:
                stacks.pop()
            depth = max(depth - 1, 0)
    parts.append((inner[offset:], offset))
    return parts


def _joined(parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Rows that TeX shows on several lines read as one: each row with the offset it starts at."""
    out: list[tuple[str, int]] = []
    for raw, at in parts:
        if not clean(raw):
            out.append((raw, at))
            continue
        last = next((k for k in range(len(out) - 1, -1, -1) if clean(out[k][0])), None)
        if last is not None and _goes_on(out[last][0], raw):
            before, after = _drop_null_pair(out[last][0], raw)
            out[last] = (before + " " + after, out[last][1])
            continue
        out.append((raw, at))
    return out


_TRAILING = re.compile(
    r"(?:=|<|>|\\(?:leq?|geq?|lt|gt|neq?|approx|equiv|propto|sim)|(?<![_^])[+-]|\\pm|\\mp"
    r"|\\cdot|\\times)$"
)
_LEADING_OPERATOR = re.compile(r"^(?:\+|-|\\pm|\\mp|\\cdot|\\times)(?![A-Za-z])")
_NULL_RIGHT = re.compile(r"\\right\s*\.\s*$")
_NULL_LEFT = re.compile(r"\s*\\left\s*\.")
_LAYOUT = re.compile(r"^(?:\s|&|\\q?quad(?![A-Za-z])|\\[,;:! ]|~)*")


def _goes_on(before: str, after: str) -> bool:
    """Whether the row ``after`` carries on the formula of ``before``."""
    b, a = clean(before), clean(after)
    if _NULL_RIGHT.search(_tail(before)) and _NULL_LEFT.match(_LAYOUT.sub("", after)):
        return True  # \left( ... \right. \\ \left. ... \right)
    if _bracket_depth(b) > 0:
        return True
    if _starts_with_relation(a):
        return False  # a chain going on: its own row
    if _TRAILING.search(b):
        return True
    return bool(_LEADING_OPERATOR.match(a)) and not _has_relation(a)


def _tail(raw: str) -> str:
    """A row's text without its trailing labels and tags (punctuation kept: ``\\right.``)."""
    return re.sub(r"\\(label|tag\*?)\s*\{[^{}]*\}|\\(nonumber|notag)\b", " ", raw).rstrip()


def _drop_null_pair(before: str, after: str) -> tuple[str, str]:
    r"""``\right.`` ending ``before`` and ``\left.`` opening ``after``: the invisible pair an
    author writes to break a ``\left( ... \right)`` over rows, dropped from the joined row."""
    m = _NULL_RIGHT.search(_tail(before))
    if not m:
        return before, after
    lead = _LAYOUT.match(after)
    k = lead.end() if lead else 0
    n = _NULL_LEFT.match(after, k) if lead else None
    if n is None:
        return before, after
    at = before.rfind(r"\right")
    return before[:at] + before[at:].replace(r"\right", " ", 1).replace(".", " ", 1), (
        after[:k] + " " * (n.end() - k) + after[n.end() :]
    )


_SIZED = r"\\(?:left|right|middle|[bB]igg?[lrm]?)(?![A-Za-z])\s*(?:\\[A-Za-z]+|\\.|.)"
_BRACKETS = re.compile(
    r"(?P<sized>" + _SIZED + r")"
    r"|(?P<open>\(|\[|\\\{|\\(?:langle|lceil|lfloor|lbrace|lbrack|lvert|lVert)(?![A-Za-z]))"
    r"|(?P<close>\)|\]|\\\}|\\(?:rangle|rceil|rfloor|rbrace|rbrack|rvert|rVert)(?![A-Za-z]))"
    r"|\\[A-Za-z]+|\\."
)
_OPENERS = re.compile(r"\\(?:left|[bB]igg?l)(?![A-Za-z])")
_CLOSERS = re.compile(r"\\(?:right|[bB]igg?r)(?![A-Za-z])")


def _bracket_depth(s: str) -> int:
    r"""How many brackets ``s`` leaves open: ``\left``/``\bigl`` and friends, ``(``, ``[``,
    ``\{``, ... count whatever their kind (``[0, 1)`` is closed)."""
    depth = 0
    for m in _BRACKETS.finditer(s):
        if m.group("sized"):
            t = m.group("sized")
            if _OPENERS.match(t):
                depth += 1
            elif _CLOSERS.match(t):
                depth -= 1
            elif not t.startswith(r"\middle"):  # \big( counts as its bracket
                depth += _bracket_depth(re.sub(r"^\\[bB]igg?", "", t))
        elif m.group("open"):
            depth += 1
        elif m.group("close"):
            depth -= 1
    return depth


def _has_relation(s: str) -> bool:
    try:
        return len(split_relations_lines(s)) > 1
    except DerivaxError:
        return False


_REMARK = re.compile(
    r"(\\q?quad|\\,|\\;|\\ |~|,)*\s*\\(text|textrm|textnormal|mbox|intertext)\s*\{"
)


_GRID_EDGE = re.compile(r"\\(begin|end)\s*\{" + _GRID + r"\}|(?<!\\)&")


def _drop_alignment(s: str) -> str:
    """The row without its alignment ``&``; a ``&`` between the columns of a ``bmatrix``,
    ``array`` or ``cases`` is part of the mathematics and stays."""
    out, depth, at = [], 0, 0
    for m in _GRID_EDGE.finditer(s):
        if m.group(1) == "begin":
            depth += 1
        elif m.group(1) == "end":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(s[at : m.start()] + " ")
            at = m.end()
    return "".join(out) + s[at:]


def clean(raw: str, keep_lines: bool = False, keep_text: bool = False) -> str:
    r"""A row of display math without what is layout, not mathematics: ``\label``, ``\tag``,
    ``\nonumber``, alignment ``&``, ``\text{...}`` remarks and trailing punctuation; with
    ``keep_lines`` its line breaks stay, so that a relation can be traced to its source line."""
    s = re.sub(r"\\(label|tag\*?|eqref|ref)\s*\{[^{}]*\}", " ", raw)
    s = re.sub(r"\\(nonumber|notag)\b", " ", s)
    if not keep_text:
        s = _strip_remarks(s)
    s = _drop_alignment(s)
    if keep_lines:
        s = re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r"[ \t]+", " ", s)).strip(" \t")
        s = s.lstrip("\n")
    else:
        s = " ".join(s.split())
    while True:
        t = re.sub(r"(\s|\\[,;:!]|\\q?quad|\\ |~|(?<!\\right)(?<!\\left)[.,;:])+$", "", s)
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
    r"\\(leq|geq|le|ge|lt|gt|neq|ne|approx|coloneqq|triangleq|equiv|leftarrow|gets|sim"
    r"|succeq|succ|preceq|prec|propto)"
    r"(?![A-Za-z])|:=|=|<|>"
)


def _starts_with_relation(s: str) -> bool:
    m = _RELATION.match(s)
    return m is not None and m.start() == 0


_LEFT_RIGHT = re.compile(r"\\(left|right)(?![A-Za-z])\s*(?:\\[A-Za-z]+|\\.|.)")


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
            # a set or an indicator's braces (1\{c^{(i)} = j\}): its relation is no link
            depth += 1 if s[k + 1] == "{" else -1
            k += 2
            continue
        sized = _LEFT_RIGHT.match(s, k) if ch == "\\" else None
        if sized:
            # \left<delimiter> ... \right<delimiter>, whatever the delimiters (\left\{ ... \right.
            # of cases, \left. ... \right| of an evaluation bar): one pair
            depth += 1 if sized.group(1) == "left" else -1
            k = sized.end()
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
            grid = _GRID_EDGE.match(s, k)
            if grid and grid.group(1):  # a relation inside a cases or matrix is no link
                depth += 1 if grid.group(1) == "begin" else -1
                k = grid.end()
                continue
            m = re.match(r"\\[A-Za-z]+", s[k:])
            if m:
                k += len(m.group(0))
                continue
        k += 1
    out.append((rel, " ".join(s[last:].split()), at))
    if depth != 0:
        raise DerivaxError(f"unbalanced braces or brackets in `{' '.join(s.split())}`")
    return out
