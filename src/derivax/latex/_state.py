"""What every part of the reader may use of the others: the reading's state and the methods
each mixin offers the rest. The reader (``_parse._Reader``) is one dataclass made of the mixins;
this base only tells a type checker what ``self`` holds, and defines nothing at run time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sympy.matrices.expressions.matexpr import MatrixExpr

    from .._errors import ParseError
    from ..symbols import SymbolTable
    from ._lex import Tok
    from ._vocabulary import _Piece


class ReaderState:
    """The fields of one formula's reading (declared on ``_parse._Reader``)."""

    latex: str
    table: SymbolTable
    objects: dict[str, sympy.Basic]
    ranges: dict[str, tuple[sympy.Symbol, sympy.Expr | None]]
    summation_vars: set[str]
    undeclared: dict[str, str]
    probability_functions: set[str]
    alias: dict[str, str]
    extrema: dict[str, type]
    members: dict[int, str]
    exclusions: dict[str, list[sympy.Basic]]
    rules: list[str]
    identities: dict[sympy.Symbol, tuple[str, sympy.Expr | None]]
    identity_used: bool

    if TYPE_CHECKING:  # the methods one mixin calls on another

        def error(self, message: str, tok: Tok | int) -> ParseError: ...
        def note(self, rule: str) -> None: ...
        def parse(self, toks: list[Tok], where: int = 0) -> sympy.Basic: ...
        def place(self, obj: sympy.Basic, pos: int) -> _Piece: ...
        def rewrite(self, toks: list[Tok]) -> list[_Piece]: ...
        def group(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]: ...
        def limits(
            self, toks: list[Tok], j: int
        ) -> tuple[list[Tok] | None, list[Tok] | None, int]: ...
        def factor_run(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]: ...
        def split_args(self, toks: list[Tok], seps: set[str]) -> list[tuple[str, list[Tok]]]: ...
        def _top_level(self, toks: list[Tok], i: int) -> Iterator[Tok]: ...
        def _closing(self, toks: list[Tok], i: int, delim: str) -> int: ...
        def _term_end(self, toks: list[Tok], j: int) -> int: ...
        def _expression_end(self, toks: list[Tok], j: int) -> int: ...
        def _read_name(
            self, toks: list[Tok], i: int
        ) -> tuple[str, list[Tok] | None, str, str, int]: ...
        def _full_name(self, base: str, sub: list[Tok] | None, sup: str, primes: str) -> str: ...
        @staticmethod
        def _starts_name(x: str) -> bool: ...
        def _is_index_name(self, x: str) -> bool: ...
        def _index_symbol(self, name: str) -> sympy.Symbol: ...
        def _index_expr(self, toks: list[Tok]) -> sympy.Expr: ...
        def _index_var(self, toks: list[Tok], t0: Tok) -> str: ...
        def identity_for(
            self, s: sympy.Expr, m: MatrixExpr, side: str, pos: int
        ) -> sympy.Basic | None: ...
        def _named_function(
            self, word: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok, primes: str = ""
        ) -> int: ...
        def _apply_function(
            self,
            name: str,
            toks: list[Tok],
            j: int,
            out: list[_Piece],
            t0: Tok,
            inherit: str | None = None,
        ) -> int: ...
        def _max_over(self, toks: list[Tok], i: int, out: list[_Piece]) -> int: ...
