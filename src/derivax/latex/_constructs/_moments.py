"""Expectation, variance and covariance of declared random variables: ``\\mathbb{E}[X]``,
``E[X]``, ``\\operatorname{Var}(X)``, ``\\mathbb{V}[X]``, ``\\operatorname{Cov}(X, Y)``.

The expectation over a named distribution, ``\\mathbb{E}_{x \\sim p}[f(x)]``, is read by
``_integrals``; here the operand names its random variables through the symbol table
(``X: random``, ``X: random[n], iid``)."""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..._random import Covariance, Expectation, Variance
from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import _Piece

#: the upright words (``\operatorname``, ``\mathrm``, ``\text``) that name a moment
_WORDS = {"E": "E", "Var": "Var", "var": "Var", "Cov": "Cov", "cov": "Cov"}
#: the blackboard letters (``\mathbb``) that name one
_BLACKBOARD = {"E": "E", "V": "Var"}
_SPELLING = {
    "E": r"\mathbb{E}[X]",
    "Var": r"\operatorname{Var}(X)",
    "Cov": r"\operatorname{Cov}(X, Y)",
}


#: a moment written on the right of a formula: the formula is a claim about moments, and a moment
#: on its left is one too (an undeclared variable in it is refused, not a name)
_MOMENT_WORDS = re.compile(
    r"\\mathbb\{[EV]\}|\\(?:operatorname|mathrm|text)\{(?:Var|var|Cov|cov|E)\}|(?<![A-Za-z\\])E\s*\["
)


class Moments(ReaderState):
    """``\\mathbb{E}[\\cdot]``, ``\\operatorname{Var}(\\cdot)``, ``\\operatorname{Cov}(\\cdot, \\cdot)``."""

    def _moment_head(self, toks: list[Tok], i: int) -> tuple[str, str, int] | None:
        """(operator, how it was written, index of its bracket) for a moment at ``toks[i]``, or
        None where there is none (a declared ``E``, ``\\mathbb{E}_{x \\sim p}``, a word of the
        table)."""
        x = toks[i].text
        if x == "E":
            if self.table.resolve("E") is not None or i + 1 >= len(toks):
                return None
            if i > 0 and toks[i - 1].text in ("_", "^"):
                return None
            if toks[i + 1].text == "[":
                return "E", "E", i + 1
            if toks[i + 1].text == "(" and self._random_inside(toks, i + 1):
                # E(\hat\theta_n - \theta) with a declared random variable inside: the
                # expectation, as notes write it (a plain E(x + 1) stays E times the parenthesis)
                return "E", "E", i + 1
            return None
        if x not in (r"\mathbb", r"\operatorname", r"\mathrm", r"\text", r"\textrm"):
            return None
        if i + 1 >= len(toks) or toks[i + 1].text != "{":
            return None
        g, j = self.group(toks, i + 1)
        word = "".join(t.text for t in g)
        op = (_BLACKBOARD if x == r"\mathbb" else _WORDS).get(word)
        if op is None or (x != r"\mathbb" and self.table.resolve(rf"\mathrm{{{word}}}")):
            return None
        if op == "E" and x in (r"\text", r"\textrm"):
            return None
        if j >= len(toks) or toks[j].text not in ("[", "("):
            return None
        if op == "E" and x != r"\mathbb" and toks[j].text == "(":
            return None
        return op, f"{x}{{{word}}}", j

    def _random_inside(self, toks: list[Tok], j: int) -> bool:
        """Whether the parenthesis opening at ``toks[j]`` holds a declared random variable."""
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        if not inner:
            return False
        try:
            value = self.parse(inner, inner[0].pos)
        except Exception:
            return False
        if not isinstance(value, sympy.Basic):
            return False
        names = [str(n.base.label) for n in value.atoms(sympy.Indexed)]
        names += [s.name for s in value.atoms(sympy.Symbol)]
        return any(self.table.declaration(n).is_random for n in names)

    def _any_random(self, toks: list[Tok]) -> bool:
        """Whether a name among ``toks`` is declared a random variable."""
        return any(
            (key := self.table.resolve(t.text)) is not None and self.table[key].is_random
            for t in toks
        )

    def _is_moment(self, toks: list[Tok], i: int) -> bool:
        return self._moment_head(toks, i) is not None

    def _moment(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        head = self._moment_head(toks, i)
        assert head is not None  # the guard _is_moment held
        op, written, j = head
        t0 = toks[i]
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        if not inner:
            raise self.error(f"`{written}` of what? The brackets are empty", toks[j])
        self.refuse_conditional(inner)
        if (
            i == 0
            and k + 1 < len(toks)
            and toks[k + 1].text == "="
            and not self._any_random(inner)
            and not self._random_inside(toks, j)
            and not _MOMENT_WORDS.search(self.latex[toks[k + 1].pos :])
        ):
            # Var(Y) = (1 - \pi) \lambda (1 + \pi \lambda): the moment the formula gives, named
            name = self.latex[t0.pos : toks[k].pos + 1]
            self.note(
                f"`{name}` before the formula's `=`, with no random variable declared in it, names "
                f"what the formula gives"
            )
            out.append(self.place(sympy.Symbol(name), t0.pos))
            return k + 1
        parts = self.split_args(inner, {","})
        want = 2 if op == "Cov" else 1
        if len(parts) != want:
            raise self.error(
                f"`{written}` takes {'two arguments' if want == 2 else 'one argument'}, as in "
                f"`{_SPELLING[op]}`; got {len(parts)}",
                t0,
            )
        args = []
        for _, part in parts:
            if not part:
                raise self.error(f"`{written}` has an empty argument", toks[j])
            args.append(self.parse(part, part[0].pos))
        # the covariance of a random variable with a constant is 0, and is read
        self._check_random(args[0] if len(args) == 1 else sympy.Tuple(*args), written, t0)
        node = {"E": Expectation, "Var": Variance, "Cov": Covariance}[op](*args)
        out.append(self.place(node, t0.pos))
        return k + 1

    def refuse_conditional(self, inner: list[Tok]) -> None:
        """``\\mathbb{E}[X \\mid Y]``, ``\\operatorname{Var}(X | Y)``: a moment given a condition is
        not read; the refusal says how to write it over the conditional distribution."""
        top, depth = [], 0  # the tokens outside brackets: p(x \\mid z) inside is a density's
        for t in inner:
            depth += (t.text in ("(", "[", "{", r"\{")) - (t.text in (")", "]", "}", r"\}"))
            if depth == 0:
                top.append(t)
        bar = next((t for t in top if t.text == r"\mid"), None)
        if bar is None and sum(t.text == "|" for t in top) % 2:
            bar = next(t for t in top if t.text == "|")
        if bar is not None:
            raise self.error(
                "a conditional expectation or moment (`\\mathbb{E}[X \\mid Y]`) is not read "
                "yet; write it over the conditional distribution, `\\sum_{x} x \\, P(x \\mid y)` "
                "or `\\int x \\, p(x \\mid y) \\, dx`",
                bar,
            )

    def _random_subscript(self, sub: list[Tok]) -> bool:
        """Whether a subscript (``E_X``, ``E_{X, Y}``) names declared random variables only."""
        names = [t.text for t in sub if t.text != ","]
        return bool(names) and all(
            (key := self.table.resolve(n)) is not None and self.table[key].is_random for n in names
        )

    def _moment_over(self, toks: list[Tok], t0: Tok, j: int, out: list[_Piece]) -> int:
        """``E_X[f(X)]``: the expectation of the bracket at ``toks[j]``, the subscript naming the
        random variable it is taken over."""
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        if not inner:
            raise self.error("`E` of what? The brackets are empty", toks[j])
        self.refuse_conditional(inner)
        value = self.parse(inner, inner[0].pos)
        self._check_random(value, "E", t0)
        out.append(self.place(Expectation(value), t0.pos))
        return k + 1

    def _check_random(self, value: sympy.Basic, written: str, tok: Tok) -> None:
        """The operand of a moment is a scalar that involves a declared random variable."""
        if isinstance(value, MatrixExpr) or (
            isinstance(value, sympy.Tuple) and any(isinstance(a, MatrixExpr) for a in value)
        ):
            raise self.error(
                f"`{written}` of a vector or matrix is not read; write it entry by entry "
                f"(`{written}[X_i]` with `X: random[n]`)",
                tok,
            )
        if isinstance(value, sympy.core.relational.Relational):
            raise self.error(f"`{written}` takes an expression, not a relation", tok)
        names = []
        for node in sympy.preorder_traversal(value):
            if isinstance(node, sympy.Indexed):
                names.append(str(node.base.label))
            elif isinstance(node, sympy.Symbol):
                names.append(node.name)
        decls = [self.table.declaration(n) for n in names]
        if any(d.is_random for d in decls):
            return
        undecided = [d.name for d in decls if d.kind in ("scalar", "vector") and not d.is_random]
        if not undecided:
            raise self.error(
                f"`{written}` of an expression with no random variable; declare the random "
                f"variable it is taken over (`X: random`)",
                tok,
            )
        name = undecided[0]
        vector = self.table.resolve(name) and self.table[name].kind == "vector"
        declare = f"`{name}: random[n]`" if vector else f"`{name}: random`"
        over = (
            "; or, over a distribution of your own, an expectation names its variable and "
            "distribution: `\\mathbb{E}_{x \\sim p}[f(x)]`"
            if written.endswith("{E}") or written == "E"
            else ""
        )
        raise self.error(
            f"`{name}` in `{written}` is not declared a random variable; declare {declare} "
            f"(a vector of random variables: `random[n]`, with `iid` or `independent`){over}",
            tok,
        )
