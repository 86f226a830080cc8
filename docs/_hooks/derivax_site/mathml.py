r"""Math typeset at build time: the ``\(...\)`` and ``\[...\]`` spans that pymdownx.arithmatex
leaves in the HTML become MathML, which browsers render natively, so the site needs no
JavaScript renderer and no CDN. A formula that does not convert fails the build."""

from __future__ import annotations

import html
import re

_SPAN = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])'
    r"</(?P=tag)>",
    re.S,
)
_LEFTOVER = re.compile(r"\\[A-Za-z]+")


class MathError(ValueError):
    """A formula that latex2mathml cannot typeset completely."""


def _text_groups(latex: str) -> str:
    r"""``\text{a $x$ b}`` (math inside text, as derivax's proof steps write it) as
    ``\text{a }x\text{ b}``, which latex2mathml reads."""
    out, i = [], 0
    while True:
        j = latex.find(r"\text{", i)
        if j < 0:
            out.append(latex[i:])
            return "".join(out)
        depth, k = 1, j + len(r"\text{")
        while k < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[k], 0)
            k += 1
        body = latex[j + len(r"\text{") : k - 1]
        pieces = body.split("$")
        if len(pieces) % 2 == 0:  # an odd number of dollars: leave it as it is
            pieces = [body]
        converted = "".join(
            (f"\\text{{{p}}}" if p else "") if n % 2 == 0 else f"{{{p}}}"
            for n, p in enumerate(pieces)
        )
        out += [latex[i:j], converted]
        i = k


def to_mathml(latex: str, display: bool) -> str:
    """One formula as a ``<math>`` element (``display="block"`` for a display)."""
    from latex2mathml.converter import convert

    latex = _text_groups(latex)
    try:
        out = convert(latex, display="block" if display else "inline")
    except Exception as e:  # latex2mathml raises plain exceptions of many kinds
        raise MathError(f"cannot typeset `{latex}`: {e}") from None
    text = re.sub(r"<[^>]+>", "", out)
    leftover = _LEFTOVER.findall(html.unescape(text))
    if leftover:
        raise MathError(f"cannot typeset `{latex}`: {', '.join(leftover)} left as text")
    return out


def typeset(page_html: str) -> tuple[str, int]:
    """The page with every arithmatex span replaced by MathML, and the number replaced."""
    count = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        block = m.group("block") is not None
        latex = html.unescape(m.group("block") if block else m.group("inline"))
        math = to_mathml(latex.strip(), block)
        return f'<div class="dx-math">{math}</div>' if block else math

    return _SPAN.sub(replace, page_html), count
