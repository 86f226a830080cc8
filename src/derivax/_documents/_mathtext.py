r"""Text inside a statement's math: ``\text{Var}`` and ``\mathrm{NLL}`` are names, one letter in a
text font is the letter upright, a remark at the end is kept aside, anything else makes the
statement unread; and the space written after a statement's last term (``\in \mathbb{R}^{q}``)
is a remark on its shape."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._cuts import _has_relation

if TYPE_CHECKING:
    from ._statements import Statement

_TEXT = re.compile(r"\\(text|textrm|textnormal|textit|mbox|mathrm|operatorname|mathit)\s*\{")
_NAME_WORD = re.compile(r"[A-Za-z]{2,}\*?")
_FONT_LETTER = re.compile(r"\\(?:mathbb|mathrm|mathbf|mathsf|rm)\s*\{?\s*[A-Za-z]\s*\}?")


#: the space a statement's last term lives in, written after it: `... = \frac{\partial L}{\partial
#: o} \in \mathbb{R}^{q}` (its shape, which the table says; kept as a remark, not a relation)
_SPACE_AT_END = re.compile(
    r"\s*\\in\s*\\mathbb\s*\{?R\}?(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*[.,;]?\s*$"
)


def space_at_end(s: Statement) -> None:
    """A trailing ``\\in \\mathbb{R}^{n}`` after a relation is a remark on the last term's shape."""
    m = _SPACE_AT_END.search(s.text)
    if m and _has_relation(s.text[: m.start()]):
        s.remarks.append(s.text[m.start() :].strip())
        s.text = s.text[: m.start()].rstrip()


def texts(s: Statement) -> None:
    r"""``\text{...}`` inside a statement: a name (``\text{Var}``, ``\mathrm{NLL}``) is written
    ``\operatorname{...}`` for the reader, a remark at the end is kept aside, anything else makes
    the statement unread."""
    text, at = s.text, 0
    while (m := _TEXT.search(text, at)) is not None:
        depth, k = 1, m.end()
        while k < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[k], 0)
            k += 1
        inner = text[m.end() : k - 1].strip()
        if m.group(1) == "operatorname" and _FONT_LETTER.fullmatch(inner):
            at = k  # \operatorname{\mathbb{E}} (a declared operator): the reader's to read
            continue
        if _NAME_WORD.fullmatch(inner) or (
            # one letter in any upright or italic font: \|W\|_\textrm{F}, x^\text{T}
            m.group(1) in ("mathrm", "operatorname", "mathit", "text", "textrm", "textnormal")
            and re.fullmatch(r"[A-Za-z]", inner)
        ):
            name = f"\\operatorname{{{inner}}}" if len(inner) > 1 else f"\\mathrm{{{inner}}}"
            text = text[: m.start()] + name + text[k:]
            at = m.start() + len(name)
            continue
        rest = text[k:].strip()
        if not rest or re.fullmatch(r"[.,;:]*", rest):
            s.remarks.append(inner)
            text = re.sub(r"(\\q?quad|\\[,;:! ]|~|\s|,)*$", "", text[: m.start()])
            break
        s.problem = (
            f"text inside the math, `\\{m.group(1)}{{{inner}}}`, is neither a name nor a remark "
            f"at the end; derivax does not know what it says here"
        )
        break
    s.text = text.strip()
