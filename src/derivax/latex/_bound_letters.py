"""A subscript that holds a summation index beside letters the table does not declare:
``\\sigma_{t a}`` under ``\\sum_t`` with ``\\sigma: matrix[T, A]`` (counterfactual regret's
average strategy, the action ``a`` the defined quantity takes). It is no name of its own (the
summation index runs through it), so the other letters pick the array's other axes: free
indices, with a rule. Side conditions: a declared array whose number of axes is the number of
letters, each letter alone in its place, and every other letter undeclared and Latin; anything
else is refused, naming what to declare."""

from __future__ import annotations

import re

import sympy

from ._indices import primed_letters
from ._lex import Tok
from ._state import ReaderState


class BoundLetters(ReaderState):
    def beside_a_bound_index(
        self, name: str, base_name: str, sub: list[Tok], t0: Tok
    ) -> sympy.Basic | None:
        """The entry ``name`` picks, or None where its subscript holds no summation index (or
        is an index subscript read elsewhere); refused where it holds one and cannot be read."""
        letters = set(primed_letters(sub))
        bound = sorted(letters & self.summation_vars)
        if not bound or self._is_index_subscript(sub, 1) or self._names_labels(sub):
            return None
        others = sorted(letters - self.summation_vars)
        entry = self._entry_by_letters(base_name, sub, others)
        if entry is not None:
            self.note(
                f"{', '.join(f'`{x}`' for x in others)} (undeclared) beside the summation index "
                f"`{bound[0]}` in `{name}` {'picks' if len(others) == 1 else 'pick'} the other "
                f"{'axis' if len(others) == 1 else 'axes'} of `{base_name}`: a free index"
            )
            return entry
        named = ", ".join(f"`{x}`" for x in others)
        declare = (
            f"declare {named} an index (and `{base_name}` a vector)"
            if others
            else f"declare `{base_name}` a vector"
        )
        raise self.error(
            f"`{name}` contains the summation index `{bound[0]}`, so it is no name of its "
            f"own; {declare} to read an entry",
            t0,
        )

    def _entry_by_letters(self, base_name: str, sub: list[Tok], others: list[str]):
        key = self.table.resolve(base_name)
        texts = [t.text for t in sub if t.text not in ("{", "}", ",")]
        if (
            key is None
            or not others
            or not self.table[key].is_array
            or len(texts) != self.table[key].rank
            or any(not re.fullmatch(r"[A-Za-z]", x) for x in texts)
            or any(self.table.resolve(x) is not None for x in others)
        ):
            return None
        return self.table.indexed(key)[tuple(self._index_symbol(x) for x in texts)]
