r"""A document's own macros: the definitions of a ``.tex`` paper (``\newcommand``,
``\renewcommand``, ``\providecommand``, ``\def``, ``\let``, ``\DeclareMathOperator``,
``\DeclarePairedDelimiter``, and those of the ``\input``/``\include``/``\usepackage`` files beside
it) read in document order, and expanded inside display math before its rows are cut.

Every expansion keeps the number of line breaks of the text it replaces, so a row keeps the
source line it was written on. A use that cannot be expanded (too few arguments, unbalanced
braces, a macro that expands without end, a definition that does not read) is left as written
and reported with the macro named, so its row is unread rather than misread.

The definitions are found by a brace-matching reader rather than by ``pylatexenc``: a reader of
a few definition commands keeps exact offsets into the author's file (every link is reported at
its line) and reads documents that do not parse as a whole (a fragment, an unknown environment),
where expanding only what is recognised is the point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

MAX_DEPTH = 8  # \input inside \input ... (a cycle stops earlier)
MAX_EXPANSIONS = 2000  # per display: more is a macro that expands without end
MAX_LENGTH = 200_000  # characters of one expanded display


@dataclass(frozen=True)
class Macro:
    r"""A macro a document defines: ``\name`` with ``params`` arguments (the first optional with
    ``default`` when that is not None) and its ``body`` (``#1``..``#9`` the arguments).
    ``wrap``: its expansion is a group after ``^`` or ``_`` (``x^\x`` reads as ``x^{\mathbf{x}}``).
    ``delimiters``: a paired delimiter (``\abs{x}`` is ``\left\lvert x \right\rvert``).
    ``problem``: why a use of it cannot be expanded (its definition does not read).
    ``final``: its expansion is not read again (``\let\oldexp\exp`` names the command ``\exp``
    had then, whatever the document makes ``\exp`` later)."""

    name: str
    body: str = ""
    params: int = 0
    default: str | None = None
    origin: str = ""
    wrap: bool = True
    delimiters: tuple[str, str] | None = None
    problem: str = ""
    final: bool = False


# commands of common packages, read as the spelling derivax knows (a document's own definition
# of one of these names takes precedence)
PACKAGE_MACROS: dict[str, Macro] = {
    m.name: m
    for m in (
        Macro(r"\mathbbm", r"\mathbb", origin="the bbm package", wrap=False),
        Macro(r"\mathds", r"\mathbb", origin="the dsfont package", wrap=False),
        Macro(r"\bm", r"\boldsymbol", origin="the bm package", wrap=False),
        Macro(r"\dfrac", r"\frac", origin="amsmath", wrap=False),
        Macro(r"\tfrac", r"\frac", origin="amsmath", wrap=False),
    )
}


@dataclass(frozen=True)
class Definition:
    """One definition at its place: ``offset`` in the document (a definition read from an
    ``\\input`` file sits at the ``\\input``), ``span`` the text it occupies there (empty when it
    comes from another file), ``provide`` for ``\\providecommand`` (no effect on a defined name)."""

    offset: int
    macro: Macro
    span: tuple[int, int] = (0, 0)
    provide: bool = False
    alias: str = ""  # \let\name\alias: the meaning of \alias at this point


_COMMAND = re.compile(
    r"\\(newcommand|renewcommand|providecommand|DeclareRobustCommand|DeclareMathOperator"
    r"|DeclarePairedDelimiter|def|gdef|edef|xdef|let|input|include|usepackage)(?![A-Za-z@])"
)
_CONTROL = re.compile(r"\\(?:[A-Za-z@]+|.)", re.DOTALL)


def mask_comments(text: str) -> str:
    """The text with every TeX comment blanked (same length, so offsets stay), ``\\%`` kept."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)


def read_definitions(
    masked: str,
    path: Path | None = None,
    _depth: int = 0,
    _seen: frozenset[Path] = frozenset(),
    _root: Path | None = None,
) -> list[Definition]:
    r"""The definitions of a text with its comments blanked, in order; ``\input{f}``,
    ``\include{f}`` (``.tex`` added when missing) and ``\usepackage{f}`` of a ``f.sty`` beside
    the document ``path`` (as TeX finds them: from the main document's folder, else from the
    including file's) are read in place, to a depth of ``MAX_DEPTH``, a file never inside
    itself."""
    out: list[Definition] = []
    root = _root or (path.parent if path is not None else None)
    where = f"`{path.name}`" if path is not None else "the document"
    pos = 0
    while (m := _COMMAND.search(masked, pos)) is not None:
        pos = m.end()
        if _escaped(masked, m.start()):
            continue  # \\newcommand: a row break, then a word
        command, at = m.group(1), m.end()
        line = masked.count("\n", 0, m.start()) + 1
        origin = f"{where} line {line}"
        if command in ("input", "include", "usepackage"):
            if path is not None and _depth < MAX_DEPTH:
                assert root is not None
                for f in _included(masked, at, command, root, path.parent):
                    if f in _seen or f == path.resolve():
                        continue
                    try:
                        inner = mask_comments(f.read_text(encoding="utf-8"))
                    except (OSError, UnicodeDecodeError):
                        continue
                    seen = _seen | {path.resolve(), f}
                    out += [
                        Definition(m.start(), d.macro, provide=d.provide, alias=d.alias)
                        for d in read_definitions(inner, f, _depth + 1, seen, root)
                    ]
            continue
        read = _READERS[command](masked, at, origin)
        if read is None:
            continue
        macro, end, provide, alias = read
        pos = max(pos, end)  # a definition inside a body is part of that body
        out.append(Definition(m.start(), macro, (m.start(), end), provide, alias))
    return out


def _escaped(s: str, k: int) -> bool:
    """Whether the character at ``k`` follows an odd number of backslashes."""
    n = 0
    while k - n - 1 >= 0 and s[k - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _included(s: str, k: int, command: str, *folders: Path) -> list[Path]:
    k = _skip(s, k)
    if command == "usepackage" and s.startswith("[", k):
        opt = _optional(s, k)
        if opt is None:
            return []
        k = _skip(s, opt[1])
    group = _group(s, k)
    if group is not None:
        names = [n.strip() for n in group[0].split(",")] if command == "usepackage" else [group[0]]
    elif command == "input":  # \input macros (TeX's own syntax)
        bare = re.match(r"[^\s{}\\%]+", s[k:])
        names = [bare.group(0)] if bare else []
    else:
        names = []
    out = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        suffix = ".sty" if command == "usepackage" else ".tex"
        candidates = []
        for folder in folders:
            f = folder / name
            if command != "usepackage" and f.suffix:
                candidates.append(f)
            candidates.append(f.with_name(f.name + suffix))
        for c in candidates:
            if c.is_file():
                out.append(c.resolve())
                break
    return out


def _skip(s: str, k: int) -> int:
    while k < len(s) and s[k] in " \t\n\r":
        k += 1
    return k


def _group(s: str, k: int) -> tuple[str, int] | None:
    """``{...}`` at ``k``: its content and the offset after it; None if none or unbalanced."""
    if k >= len(s) or s[k] != "{":
        return None
    depth, j = 0, k
    while j < len(s):
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return s[k + 1 : j], j + 1
        j += 1
    return None


def _optional(s: str, k: int) -> tuple[str, int] | None:
    """``[...]`` at ``k`` (brackets inside braces do not close it)."""
    if k >= len(s) or s[k] != "[":
        return None
    depth, j = 0, k + 1
    while j < len(s):
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "]" and depth == 0:
            return s[k + 1 : j], j + 1
        j += 1
    return None


def _name(s: str, k: int) -> tuple[str, int] | None:
    r"""The macro name at ``k``: ``\name`` or ``{\name}``."""
    k = _skip(s, k)
    group = _group(s, k)
    if group is not None:
        inner = group[0].strip()
        m = _CONTROL.fullmatch(inner)
        return (inner, group[1]) if m else None
    m = _CONTROL.match(s, k)
    return (m.group(0), m.end()) if m else None


_Read = tuple[Macro, int, bool, str] | None


def _newcommand(s: str, k: int, origin: str, provide: bool = False) -> _Read:
    k = _skip(s, k)
    if s.startswith("*", k):
        k += 1
    named = _name(s, k)
    if named is None:
        return None
    name, k = named
    params, default = 0, None
    j = _skip(s, k)
    count = _optional(s, j)
    if count is not None:
        if not count[0].strip().isdigit() or not 0 <= int(count[0]) <= 9:
            return _broken(name, origin, k, f"its argument count `[{count[0]}]` is not 0..9")
        params, j = int(count[0]), _skip(s, count[1])
        opt = _optional(s, j)
        if opt is not None:
            default, j = opt[0], _skip(s, opt[1])
    body = _group(s, j)
    if body is None:
        return _broken(name, origin, j, "its body is not a balanced `{...}`")
    return Macro(name, _tidy(body[0]), params, default, origin), body[1], provide, ""


def _tidy(body: str) -> str:
    """A body on one line: its line breaks and the comments that ended them (``%``, blanked
    already) are spaces, and spaces are not mathematics."""
    return " ".join(body.split())


def _providecommand(s: str, k: int, origin: str) -> _Read:
    return _newcommand(s, k, origin, provide=True)


def _broken(name: str, origin: str, end: int, why: str) -> _Read:
    return (
        Macro(name, origin=origin, problem=f"its definition ({origin}) does not read: {why}"),
        end,
        False,
        "",
    )


def _declare_operator(s: str, k: int, origin: str) -> _Read:
    k = _skip(s, k)
    if s.startswith("*", k):  # limits below in display style: the same operator
        k += 1
    named = _name(s, k)
    if named is None:
        return None
    name, k = named
    body = _group(s, _skip(s, k))
    if body is None:
        return _broken(name, origin, k, "its operator name is not a `{...}`")
    return Macro(name, r"\operatorname{" + body[0] + "}", 0, None, origin), body[1], False, ""


def _paired_delimiter(s: str, k: int, origin: str) -> _Read:
    named = _name(s, k)
    if named is None:
        return None
    name, k = named
    left = _group(s, _skip(s, k))
    right = _group(s, _skip(s, left[1])) if left else None
    if left is None or right is None:
        return _broken(name, origin, k, "it needs `{left}{right}` delimiters")
    macro = Macro(name, "", 1, None, origin, delimiters=(left[0].strip(), right[0].strip()))
    return macro, right[1], False, ""


def _def(s: str, k: int, origin: str) -> _Read:
    m = _CONTROL.match(s, _skip(s, k))
    if m is None:
        return None
    name, k = m.group(0), m.end()
    brace = s.find("{", k)
    if brace < 0:
        return _broken(name, origin, k, "no `{...}` body")
    pattern = s[k:brace]
    params = re.findall(r"#(\d)", pattern)
    if re.sub(r"\s", "", pattern) != "".join(f"#{p}" for p in params) or params != [
        str(i) for i in range(1, len(params) + 1)
    ]:
        return _broken(
            name,
            origin,
            brace,
            f"its parameter text `{pattern.strip()}` is delimited; derivax expands "
            f"`\\def{name}#1#2{{...}}` (undelimited parameters) only",
        )
    body = _group(s, brace)
    if body is None:
        return _broken(name, origin, brace, "its body is not a balanced `{...}`")
    return Macro(name, _tidy(body[0]), len(params), None, origin), body[1], False, ""


def _let(s: str, k: int, origin: str) -> _Read:
    m = _CONTROL.match(s, _skip(s, k))
    if m is None:
        return None
    name, k = m.group(0), _skip(s, m.end())
    if s.startswith("=", k):
        k = _skip(s, k + 1)
    target = _CONTROL.match(s, k)
    if target is not None:
        return (
            Macro(name, target.group(0), origin=origin, wrap=False),
            target.end(),
            False,
            (target.group(0)),
        )
    if k < len(s) and s[k] not in "{}":
        return Macro(name, s[k], origin=origin, wrap=False), k + 1, False, ""
    return None


_READERS = {
    "newcommand": _newcommand,
    "renewcommand": _newcommand,
    "DeclareRobustCommand": _newcommand,
    "providecommand": _providecommand,
    "DeclareMathOperator": _declare_operator,
    "DeclarePairedDelimiter": _paired_delimiter,
    "def": _def,
    "gdef": _def,
    "edef": _def,
    "xdef": _def,
    "let": _let,
}


def macros_at(definitions: Iterable[Definition], offset: int) -> dict[str, Macro]:
    """The macros in effect at ``offset`` of the document: the package commands derivax knows,
    then each definition before it in order (``\\providecommand`` only for a new name)."""
    table = dict(PACKAGE_MACROS)
    for d in definitions:
        if d.offset >= offset:
            break
        name = d.macro.name
        if d.provide and name in table and table[name].origin not in _PACKAGE_ORIGINS:
            continue
        if d.alias and d.alias in table:  # \let copies the meaning the name has now
            table[name] = replace(table[d.alias], name=name, origin=d.macro.origin)
        elif d.alias and d.alias == name:
            continue  # \let\x\x
        elif d.alias:  # a command the document does not define: that command, as it is now
            table[name] = replace(d.macro, final=True)
        else:
            table[name] = d.macro
    return table


_PACKAGE_ORIGINS = frozenset(m.origin for m in PACKAGE_MACROS.values())


@dataclass(frozen=True)
class Expansion:
    """A text with its macros expanded (``text``, as many line breaks as before) and, for each
    macro that could not be expanded (left as written), why."""

    text: str
    problems: Mapping[str, str]


def expand(text: str, table: Mapping[str, Macro]) -> Expansion:
    r"""``text`` with every macro of ``table`` expanded, repeatedly, as TeX would read it.

    >>> t = {r"\x": Macro(r"\x", r"\mathbf{x}"), r"\n": Macro(r"\n", r"\|#1\|", 1)}
    >>> expand(r"\n{\x}^2 + x^\x", t).text
    '\\|\\mathbf{x}\\|^2 + x^{\\mathbf{x}}'
    """
    stuck: dict[str, str] = {}  # macros left unexpanded everywhere: they expand without end
    while True:
        problems = dict(stuck)
        try:
            return Expansion(_expand_once(text, table, problems, set(stuck)), problems)
        except _Endless as e:
            for name in e.names:
                stuck[name] = (
                    f"the macro `{name}` ({table[name].origin}) expands without end: it uses "
                    f"itself, directly or through another macro"
                )


class _Endless(Exception):
    def __init__(self, names: list[str]):
        self.names = names


def _expand_once(
    text: str, table: Mapping[str, Macro], problems: dict[str, str], stuck: set[str]
) -> str:
    """One reading of ``text`` with its expansions read again; a use that does not expand is
    left as written (and said in ``problems``), the other uses of the macro still expand."""
    s, k, count = text, 0, 0
    uses: dict[str, int] = {}
    while k < len(s):
        m = _CONTROL.match(s, k) if s[k] == "\\" else None
        if m is None:
            k += 1
            continue
        name = m.group(0)
        macro = table.get(name)
        if macro is None or name in stuck:
            k = m.end()
            continue
        if macro.problem:
            problems[name] = f"the macro `{name}` does not expand: {macro.problem}"
            k = m.end()
            continue
        call = _call(s, m.end(), macro)
        if isinstance(call, str):
            problems[name] = f"the macro `{name}` ({macro.origin}) does not expand here: {call}"
            k = m.end()
            continue
        body, end = call
        count += 1
        uses[name] = uses.get(name, 0) + 1
        if count > MAX_EXPANSIONS or len(s) > MAX_LENGTH:
            most = max(uses.values())
            raise _Endless(sorted(n for n, c in uses.items() if 2 * c >= most))
        body = " ".join(body.split("\n"))
        if macro.wrap and _after_script(s, k):
            if not _one_unit(body):
                problems[name] = (
                    f"the macro `{name}` ({macro.origin}) stands as a sub- or superscript "
                    f"without braces, where TeX sets only the first token of `{body.strip()}` "
                    f"in the script; write `^{{{name}}}` or `_{{{name}}}` as meant"
                )
                k = m.end()
                continue
            body = "{" + body + "}"
        s = s[:k] + body + "\n" * s.count("\n", k, end) + s[end:]
        if macro.final:
            k += len(body)
    return s


def _one_unit(body: str) -> bool:
    r"""Whether ``body`` is one unit a script can hold: a token, a group, or a command with its
    braced arguments (``\mathbf{x}``, ``\frac{1}{2}``), not ``i+1`` or ``2n``."""
    k = _skip(body, 0)
    if k >= len(body):
        return False
    if body[k] == "{":
        group = _group(body, k)
        if group is None:
            return False
        k = group[1]
    else:
        m = _CONTROL.match(body, k)
        k = m.end() if m else k + 1
        if m and m.group(0)[1:].isalpha():
            while (group := _group(body, _skip(body, k))) is not None:
                k = group[1]
    return _skip(body, k) == len(body)


def _after_script(s: str, k: int) -> bool:
    """Whether the text before ``k`` ends with ``^`` or ``_`` (the macro is a script)."""
    j = k - 1
    while j >= 0 and s[j] in " \t\n":
        j -= 1
    return j >= 0 and s[j] in "^_"


def _call(s: str, k: int, macro: Macro) -> tuple[str, int] | str:
    """The expansion of a use of ``macro`` whose name ends at ``k``, and the offset after its
    arguments; a string saying what is wrong when the arguments cannot be read."""
    if macro.delimiters is not None:
        return _paired(s, k, macro)
    args: list[str] = []
    if macro.default is not None:
        j = _skip(s, k)
        opt = _optional(s, j) if s.startswith("[", j) else None
        if s.startswith("[", j) and opt is None:
            return "its optional argument `[...]` does not close"
        if opt is not None:
            args.append(opt[0])
            k = opt[1]
        else:
            args.append(macro.default)
    while len(args) < macro.params:
        arg = _argument(s, k)
        if isinstance(arg, str):
            return f"it takes {macro.params} argument{'s' * (macro.params != 1)}; {arg}"
        args.append(arg[0])
        k = arg[1]
    body = re.sub(
        r"##|#([1-9])",
        lambda m: "#" if m.group(0) == "##" else _arg(args, int(m.group(1))),
        macro.body,
    )
    return body, k


def _arg(args: list[str], n: int) -> str:
    return args[n - 1] if n <= len(args) else ""


def _argument(s: str, k: int) -> tuple[str, int] | str:
    """One undelimited argument at ``k``: a ``{group}``'s content or a single token."""
    k = _skip(s, k)
    if k >= len(s):
        return "the display ends before an argument"
    if s[k] == "{":
        group = _group(s, k)
        if group is None:
            return "an argument's braces `{` do not close"
        return group
    if s[k] in "}&" or s.startswith("\\\\", k):
        return f"`{s[k : k + 2] if s[k] == chr(92) else s[k]}` comes where an argument should be"
    m = _CONTROL.match(s, k)
    if m is not None:
        return m.group(0), m.end()
    return s[k], k + 1


_SIZES = {
    r"\big": (r"\bigl", r"\bigr"),
    r"\Big": (r"\Bigl", r"\Bigr"),
    r"\bigg": (r"\biggl", r"\biggr"),
    r"\Bigg": (r"\Biggl", r"\Biggr"),
}


def _paired(s: str, k: int, macro: Macro) -> tuple[str, int] | str:
    r"""``\abs{x}``, ``\abs*{x}`` (``\left``/``\right``) or ``\abs[\big]{x}``."""
    assert macro.delimiters is not None
    left, right = r"\left", r"\right"
    j = _skip(s, k)
    if s.startswith("*", j):
        j += 1
    elif s.startswith("[", j):
        opt = _optional(s, j)
        size = opt[0].strip() if opt else ""
        if opt is None or size not in _SIZES:
            return "its size `[...]` is not one of \\big, \\Big, \\bigg, \\Bigg"
        (left, right), j = _SIZES[size], opt[1]
    else:
        left, right = "", ""
    arg = _argument(s, j)
    if isinstance(arg, str):
        return f"it takes 1 argument; {arg}"
    open_, close = macro.delimiters
    return f"{left}{open_} {arg[0]} {right}{close}", arg[1]
