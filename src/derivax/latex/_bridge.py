"""The arithmetic between placeholders: read directly, or by latex2sympy2_extended."""

from __future__ import annotations

import re

import sympy

from .._errors import ParseError
from . import _skeleton as skeleton
from ._state import ReaderState
from ._vocabulary import (
    _Piece,
)


def _config():
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig

    return ConversionConfig(
        interpret_as_mixed_fractions=False,
        interpret_simple_eq_as_assignment=False,
        interpret_contains_as_eq=False,
        lowercase_symbols=False,
    )


#: read plain arithmetic skeletons directly (False: every skeleton goes to latex2sympy; the tests
#: compare the two)
FAST_SKELETONS = True


_PLACEHOLDER = re.compile(r"\\variable\{(p\d+)\}")


class Bridge(ReaderState):
    """The arithmetic between placeholders: the direct reader, else latex2sympy2_extended."""

    def _skeleton(self, text: str, pieces: list[_Piece]) -> tuple[sympy.Basic, dict[str, str]]:
        """latex2sympy's reading of the text between the placeholders. Readings are cached by the
        text with its placeholders numbered in order of appearance: ``\\variable{p3} = \\variable{p5}``
        and ``\\variable{p0} = \\variable{p1}`` are one reading, and a lone placeholder needs none."""
        keys = list(dict.fromkeys(_PLACEHOLDER.findall(text)))
        number = {key: k for k, key in enumerate(keys)}
        normal = _PLACEHOLDER.sub(lambda m: rf"\variable{{q{number[m[1]]}}}", text)
        reading = _READINGS.get(normal)
        if reading is None:
            try:
                if not FAST_SKELETONS:
                    raise skeleton.Unsupported("switched off")
                reading = skeleton.read(normal)
            except skeleton.Unsupported:
                reading = self._latex2sympy(text, pieces, normal)
            if len(_READINGS) >= 4096:
                _READINGS.clear()
            _READINGS[normal] = reading
        # the reading keeps latex2sympy's order of factors (matrices do not commute), so its
        # placeholders are renamed when it is rebuilt, not substituted here
        return reading, {f"q{k}": key for k, key in enumerate(keys)}

    def _latex2sympy(self, text: str, pieces: list[_Piece], normal: str) -> sympy.Basic:
        from latex2sympy2_extended import latex2sympy

        try:
            protected, numbers = _protect_integers(normal)
            reading = latex2sympy(protected, normalization_config=None, conversion_config=_config())
            return _restore_integers(reading, numbers)
        except RecursionError:
            raise
        except Exception:
            pass
        try:
            latex2sympy(text, normalization_config=None, conversion_config=_config())
        except RecursionError:
            raise
        except Exception as e:  # latex2sympy2_extended raises bare Exceptions with a marker line
            message = str(e).splitlines()
            column = len(message[-1]) - 1 if message and message[-1].endswith("^") else None
            pos = self._source_pos(column, pieces) if column is not None else pieces[0].pos
            what = message[0] if message else type(e).__name__
            what = {
                "I expected something else here": "unexpected input",
                "I don't understand this": "cannot read this",
            }.get(what, what)
            if what.startswith("I expected one of these") or what.startswith("missing "):
                # the peer parser's grammar (`'!'`, `missing ']' at ','`) means nothing to a user
                what = "cannot read this"
            raise ParseError(
                f"{what} (in `{self.latex[pos : pos + 20].strip()}`)", self.latex, pos
            ) from None
        raise ParseError("cannot read this", self.latex, pieces[0].pos if pieces else 0)

    @staticmethod
    def _source_pos(column: int, pieces: list[_Piece]) -> int:
        offset = 0
        for p in pieces:
            if column < offset + len(p.text) + 1:
                return p.pos
            offset += len(p.text) + 1
        return pieces[-1].pos if pieces else 0


#: latex2sympy's readings of placeholder skeletons, shared by every formula (bounded)
_READINGS: dict[str, sympy.Basic] = {}


#: an integer literal of a skeleton (not a digit of a placeholder's name, nor of a decimal)
_INTEGER = re.compile(r"(?<![A-Za-z0-9_.])[0-9]+(?![0-9.])")


def _protect_integers(text: str) -> tuple[str, dict[str, int]]:
    """The skeleton with each integer literal as a placeholder of its own. latex2sympy2_extended
    adds integers written side by side (``(2)(3)`` is 5, ``2 \\frac{1}{2}`` is 5/2, ``(1)(1)`` is 2),
    although its mixed-fraction option is off: derivax read ``((2)(3))^{1/3}`` as the cube root of
    5 wherever a skeleton went to it. Placeholders are multiplied as written."""
    numbers: dict[str, int] = {}

    def protect(m: re.Match[str]) -> str:
        name = f"zint{len(numbers)}"
        numbers[name] = int(m.group(0))
        return rf"\variable{{{name}}}"

    return _INTEGER.sub(protect, text), numbers


def _restore_integers(reading: sympy.Basic, numbers: dict[str, int]) -> sympy.Basic:
    """The integers put back, every node rebuilt unevaluated as latex2sympy builds its own
    (``(A B)^{-1}`` of placeholders that stand for matrices is not distributed into
    ``A^{-1} B^{-1}``, ``1 \\le 1 - 10^{-30}`` stays a claim to decide); derivax evaluates the
    arithmetic afterwards, as it does latex2sympy's own numbers."""
    if not numbers:
        return reading
    names = set(numbers)

    def rebuild(e: sympy.Basic) -> sympy.Basic:
        if isinstance(e, sympy.Symbol):
            return sympy.Integer(numbers[e.name]) if e.name in names else e
        if not e.args or not any(s.name in names for s in e.atoms(sympy.Symbol)):
            return e
        args = [rebuild(a) for a in e.args]
        with sympy.evaluate(False):
            return e.func(*args)

    return rebuild(reading)
