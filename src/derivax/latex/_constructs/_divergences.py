"""The Kullback-Leibler divergence as notes write it: ``D_{\\mathrm{KL}}(p \\| q)``, ``KL(p || q)``."""

from __future__ import annotations

import sympy

from ..._errors import ParseError
from ...symbols import canonical_script
from .._ellipsis import fresh_index
from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import _Piece

#: the spellings of the divergence's subscript (``D_{KL}``) and name (``\mathrm{KL}``)
_KL_SUBSCRIPTS = frozenset({"KL", r"\mathrm{KL}"})
_KL_NAME = r"\mathrm{KL}"


class Divergences(ReaderState):
    """``D_{\\mathrm{KL}}(p \\| q)`` of two declared simplices: ``\\sum_k p_k \\log(p_k / q_k)``."""

    def _kl_head(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
        """The name of an undeclared divergence at ``toks[i]`` (``D_{KL}``, ``\\mathrm{KL}``) and
        the index of its parenthesis; None where none stands there or a declaration decides."""
        try:
            base, sub, sup, primes, j = self._read_name(toks, i)
        except ParseError:
            return None
        if sup or primes or j >= len(toks) or toks[j].text != "(":
            return None
        name = self._full_name(base, sub, sup, primes)
        if sub is None and base == _KL_NAME:
            pass
        elif base == "D" and sub is not None:
            if canonical_script([t.text for t in sub]).replace(" ", "") not in _KL_SUBSCRIPTS:
                return None
            if self.table.resolve("D"):
                return None  # `D_{KL}` a name like the declared `D`, as before
        else:
            return None
        if self.table.resolve(name):
            return None
        return name, j

    def _kl_divergence(self, toks: list[Tok], i: int, out: list[_Piece]) -> int | None:
        """``D_{\\mathrm{KL}}(p \\| q)`` (also ``D_{KL}(p || q)``, ``\\mathrm{KL}(p \\parallel q)``):
        of two declared simplices of one size, ``\\sum_k p_k \\log(p_k / q_k)``, weighted by the
        first. Anything else between the parentheses is refused, naming what they must hold."""
        head = self._kl_head(toks, i)
        if head is None:
            return None
        name, j = head
        t0 = toks[i]
        close = find_close(toks, j, self.latex)
        inner = toks[j + 1 : close]
        cuts = _separators(inner)
        written = self.latex[t0.pos : toks[close].pos + 1]
        if len(cuts) != 1:
            raise self.error(
                f"`{written}`: the KL divergence takes two distributions separated by `\\|` "
                f"(`D_{{\\mathrm{{KL}}}}(p \\| q)`)",
                t0,
            )
        at, width = cuts[0]
        left, right = inner[:at], inner[at + width :]
        args = []
        for part in (left, right):
            if not part:
                raise self.error(f"`{written}`: an argument of the divergence is missing", t0)
            value = self.parse(part, part[0].pos)
            key = self.table.resolve(value.name) if isinstance(value, sympy.MatrixSymbol) else None
            if key is None or self.table[key].kind != "simplex":
                raise self.error(
                    f"`{written}` is read as the KL divergence of two probability vectors: both "
                    f"arguments must be declared simplices of one size (`p, q: simplex[n]`); "
                    f"`{self.latex[part[0].pos : part[-1].pos + len(part[-1].text)]}` is not one "
                    f"(declare `{name}: function` for a function of your own)",
                    part[0],
                )
            args.append(key)
        p, q = args
        size = self.table.dim(self.table[p].shape[0])
        if self.table.dim(self.table[q].shape[0]) != size:
            raise self.error(
                f"`{written}`: the KL divergence compares two distributions of one size; `{p}` "
                f"and `{q}` are declared with different sizes",
                t0,
            )
        letter = fresh_index(self.latex, self.table, self.summation_vars)
        k = self._index_symbol(letter)
        pk, qk = self.table.indexed(p)[k], self.table.indexed(q)[k]
        self.note(
            f"`{written}` is the KL divergence \\sum_{letter} {p}_{letter} \\log({p}_{letter} / "
            f"{q}_{letter}) of the declared simplices, weighted by the first (declare `{name}: "
            f"function` for a function of your own)"
        )
        out.append(self.place(sympy.Sum(pk * sympy.log(pk / qk), (k, 1, size)), t0.pos))
        return close + 1


def _separators(inner: list[Tok]) -> list[tuple[int, int]]:
    """The top-level ``\\|``, ``\\parallel`` and ``||`` in ``inner``: (index, number of tokens)."""
    cuts: list[tuple[int, int]] = []
    depth = 0
    k = 0
    while k < len(inner):
        x = inner[k].text
        if x in ("(", "[", "{", r"\{", r"\langle"):
            depth += 1
        elif x in (")", "]", "}", r"\}", r"\rangle"):
            depth -= 1
        elif depth == 0 and x in (r"\|", r"\parallel"):
            cuts.append((k, 1))
        elif depth == 0 and x == "|" and k + 1 < len(inner) and inner[k + 1].text == "|":
            cuts.append((k, 2))
            k += 1
        k += 1
    return cuts
