"""A name through the symbol table: an entry, a name of its own, a function, the identity.

The name's parts are read by ``_spelling``; an undeclared ``I`` is settled by ``_identity``."""

from __future__ import annotations

import re
from typing import NamedTuple

import sympy

from .. import _functions as F
from .._vec import Commutation
from ..symbols import join_tokens
from ._bound_letters import BoundLetters
from ._families import FamilyReader
from ._indices import primed_letters
from ._lex import Tok
from ._starred import starred_twin
from ._vocabulary import (
    _COMMUTATION_NAMES,
    _FUNCTION_WORDS,
    _IDENTITY_NAMES,
    _RESERVED_WORDS,
    _STANDARD_UNREAD,
    _WORDS_INSTEAD,
    _Piece,
)


class _NameAt(NamedTuple):
    """A name's parts as read at its first token."""

    t0: Tok
    base: str
    sub: list[Tok] | None
    sup: str
    primes: str
    j: int
    name: str
    base_name: str
    followed_by_paren: bool


class NameReader(FamilyReader, BoundLetters):
    """Names through the symbol table: entries, names of their own, functions, the identity."""

    defining_head = False  # reading the argument of the function a formula defines, H(\pi) = ...

    def _atom(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """A name at ``toks[i]``: a word (a function, a name in upright letters), then the name's
        parts through the table, each reader below in turn until one takes it."""
        done = self._word_atom(toks, i, out)
        if done is not None:
            return done
        base, sub, sup, primes, j = self._read_name(toks, i)
        n = _NameAt(
            toks[i],
            base,
            sub,
            sup,
            primes,
            j,
            self._full_name(base, sub, sup, primes),
            base + (("^{" + sup + "}") if sup else ""),
            j < len(toks) and toks[j].text == "(",
        )
        for reader in (
            self._family_member,
            self._known_name,
            self._declared_base,
            self._undeclared_special,
            self._undeclared_applied,
        ):
            done = reader(toks, n, out)
            if done is not None:
                return done
        return self._undeclared_plain(toks, n, out)

    def _word_atom(self, toks: list[Tok], i: int, out: list[_Piece]) -> int | None:
        """A KL divergence, or a word: a known function, an upright name applied, or refused."""
        t0 = toks[i]
        divergence = self._kl_divergence(toks, i, out)
        if divergence is not None:
            return divergence
        word = self._word(toks, i)
        if word is not None and not self.table.resolve(word[0]):
            if word[0].lower() in _FUNCTION_WORDS:
                return self._named_function(word[0].lower(), toks, word[1], out, t0)
            if word[0] in F.BY_SPELLING or word[0].lower() in F.BY_SPELLING:
                return self._named_function(word[0], toks, word[1], out, t0)
            applied = word[1] < len(toks) and toks[word[1]].text in ("(", "{", "[")
            if applied and word[0].lower() in _WORDS_INSTEAD:  # top-k, LeakyReLU: what to write
                raise self.error(f"`{word[0]}`: {_WORDS_INSTEAD[word[0].lower()]}", t0)
            if (
                len(word[0]) > 1
                and word[0] not in _RESERVED_WORDS | _STANDARD_UNREAD
                and self._applied_name(toks, word[1])
                and not self.table.resolve(rf"\mathrm{{{word[0]}}}")
                and not (toks[word[1]].text == "(" and self._looks_like_probability(toks, word[1]))
            ):
                return self._text_name(word[0], toks, word[1], out, t0)
            if (
                len(word[0]) > 1
                and ((t0.text == r"\operatorname" and word[0] in _RESERVED_WORDS) or applied)
                and not self.table.resolve(rf"\mathrm{{{word[0]}}}")
                and not (applied and self._looks_like_probability(toks, word[1]))
            ):
                known = ", ".join(
                    sorted(
                        {f.name for f in F.TABLE}
                        | {"softmax", "softplus", "logsumexp", "mean", "tr", "det", "diag"}
                    )
                )
                raise self.error(
                    f"unknown function `{self.latex[t0.pos : toks[word[1] - 1].pos + 1]}`; derivax knows "
                    f"{known}; declare `{word[0]}: function` for a function of your own",
                    t0,
                )
        return None

    def _known_name(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None:
        """A name the table knows as written, a moment's bracket, a summation index inside a name, an entry of a declared name with its subscript, a sample."""
        t0 = n.t0
        base = n.base
        sub = n.sub
        sup = n.sup
        primes = n.primes
        j = n.j
        name = n.name
        base_name = n.base_name
        # a name declared with its subscript (\theta_{t-1}, d_k, x_0) is one symbol, except where
        # the subscript is the index of a sum around it (below)
        if self.table.resolve(name):
            if sub is not None and not primes and self._an_entry_of_a_family(n):
                return self._declared_family(toks, n, out)
            bound_sample = self._bound_sample(n)
            if bound_sample is not None:
                return self._declared_sample_family(bound_sample, n, out)
            if sub is not None and self._is_index_subscript(sub, 1):
                self.families.setdefault(base_name, set()).add(name)
            if sub is None and sup and re.fullmatch(r"\(.+\)", sup):
                self.families.setdefault(f"{base}^{{(\\cdot)}}", set()).add(name)
            return self._declared(name, toks, j, out, t0)
        if (
            (
                base in ("E", r"\mathrm{E}")
                or r"\mathbb{E}" in base
                or base in (r"\mathbb{V}", r"\mathrm{Var}")
            )
            and j < len(toks)
            and toks[j].text == "["
            and not self.table.resolve(name)
        ):
            texts = [t.text for t in sub or []]
            if base in ("E", r"\mathrm{E}") and (
                r"\sim" in texts or (len(texts) > 3 and texts[1] == "(" and texts[-1] == ")")
            ):
                # E_{z \sim q(z)}[f(z)]: the expectation over a density, with a plain E
                return self._expectation_over(toks, t0, sub or [], j, out)
            if base in ("E", r"\mathrm{E}") and sub and self._random_subscript(sub):
                # E_X[f(X)]: the subscript names the random variable the moment is taken over
                return self._moment_over(toks, t0, j, out)
            raise self.error(
                f"`{name}[...]` reads as `{name}` times a bracket; an expectation is written "
                f"`\\mathbb{{E}}_{{x \\sim p}}[f(x)]`, with the distribution it is taken over",
                t0,
            )
        if sub is not None and (entry := self._entry_of_declared_head(n)) is not None:
            out.append(self.place(entry, t0.pos))
            return j
        whole_sub = (
            sub is not None
            and len(sub) > 1
            and self.table.resolve(join_tokens([t.text for t in sub])) is not None
        )
        if sub is not None and not self.table.resolve(name):
            if not self.table.resolve(base_name + n.primes):  # \hat{p}'_y of \hat{p}'
                self._refuse_pick_from_nothing(name, base_name, sub, t0)
            # (a subscript that is one decorated declared name, b_{\hat{k}}, holds no index)
            if not whole_sub and (entry := self.beside_a_bound_index(name, base_name, sub, t0)):
                out.append(self.place(entry, t0.pos))
                return j
        if (entry := self._entry_of_declared_head(n)) is not None:
            out.append(self.place(entry, t0.pos))
            return j
        sample = re.fullmatch(r"\((.+)\)", sup) if sup and not primes else None
        if sample and self._is_index_name(sample[1]):
            if sub is None:
                return self._sample(base, sample[1], j, out, t0)
            # y_o^{(i)} of a declared vector y_o: its i-th sample, as y^{(i)} of y
            head = self._full_name(base, sub, "", "")
            key = self.table.resolve(head)
            if key is not None and self.table[key].kind in ("vector", "simplex"):
                return self._sample(head, sample[1], j, out, t0)
        return None

    def _declared_base(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None:
        """A name whose base the table declares: an entry, the declared name itself, or a name of its own like it."""
        t0 = n.t0
        sub = n.sub
        primes = n.primes
        j = n.j
        name = n.name
        base_name = n.base_name
        decl_base = self.table.resolve(base_name + primes) or self.table.resolve(base_name)
        if decl_base is not None:
            d = self.table[decl_base]
            if sub is not None and d.rank == 1 and self.ordered(sub):
                out.append(self.place(self._order_statistic(decl_base, sub), t0.pos))
                return j
            if sub is not None and d.rank == 2 and (done := self._mixed_at(d, n, toks, out)):
                return done
            if sub is not None and d.is_array and self._is_index_subscript(sub, d.rank):
                sub_text = join_tokens([t.text for t in sub])
                if any(self._is_size_name(t.text) for t in sub):
                    self.note(
                        f"`{name}`: the size `{sub_text}` as a subscript picks the last entry of `{d.name}`"
                    )
                obj = self._indexed(decl_base, sub, d.rank)
                out.append(self.place(obj, t0.pos))
                return j
            if sub is None:
                return self._declared(
                    decl_base,
                    toks,
                    j,
                    out,
                    t0,
                    primes=primes if not self.table.resolve(base_name + primes) else "",
                )
            # a subscript that is not an index: a new symbol of the same kind (\theta_t next to \theta)
            if (
                d.kind in ("dim", "index", "scalar")
                and n.followed_by_paren
                and not self.table.resolve(name)
                and self._defined_on_the_left(toks, j, t0)
            ):
                # d_M(x, y) = \dots beside the size d: the function the formula defines
                self.note(f"`{name}(...)` on the left of the `=` is the function it defines")
                return self._apply_function(name, toks, j, out, t0)
            if d.is_array and (picked := self._label_pick(name, d.name, sub, t0)) is not None:
                out.append(self.place(picked, t0.pos))
                return j
            bound = sorted(set(primed_letters(sub)) & self.summation_vars)
            if d.kind == "function" and bound and self._is_index_subscript(sub, 1):
                raise self.function_family(name, t0)
            if d.kind == "function":
                return self._apply_function(name, toks, j, out, t0, inherit=d.name)
            if bound:
                # \sum_i x_i p_i with p declared a scalar: a name of its own would be one number
                # for every term, which the author did not write
                raise self.error(
                    f"`{name}` carries the summation index `{bound[0]}`, but `{d.name}` is declared "
                    f"a {d.kind}, one number for every term; declare `{d.name}` a vector (or "
                    f"matrix) to read its entries",
                    t0,
                )
            self.note(
                f"`{name}` is a name of its own, a {d.kind} like `{d.name}` (its subscript is no index; "
                f"declare it an index to pick an entry, or a label, `label[k]`, to pick the entry "
                f"at one class)"
            )
            obj = self._like(d, name)
            out.append(self.place(obj, t0.pos))
            return j
        return None

    def _undeclared_special(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None:
        """An undeclared name with a meaning of its own: the Kronecker delta, a summation index, the identity, the commutation matrix."""
        t0 = n.t0
        base = n.base
        sub = n.sub
        primes = n.primes
        j = n.j
        name = n.name
        base_name = n.base_name
        # undeclared
        if base == r"\delta" and sub is not None and not primes:
            # \delta_{ij}, \delta_{k1}, \delta_{1k}, \delta_{k,1}: two indices or whole numbers
            # (at least one an index) are the Kronecker delta. Side conditions: each part one
            # token (`\delta_{k+1,j}` is an entry), `\delta` undeclared (a declaration decides)
            pair = [t.text for t in sub if t.text != ","]
            if (labelled := self._delta_of_label(sub)) is not None:
                out.append(self.place(sympy.KroneckerDelta(*labelled), t0.pos))
                return j
            parts = [self._delta_part(x) for x in pair]
            if (
                len(pair) == 2
                and all(p is not None for p in parts)
                and any(self._is_index_name(x) for x in pair)
            ):
                self.note(
                    f"`{name}` (`\\delta` undeclared, two indices or numbers below it) is the "
                    f"Kronecker delta (declare `\\delta` to use the letter otherwise)"
                )
                out.append(self.place(sympy.KroneckerDelta(*parts), t0.pos))
                return j
        if name in self.summation_vars:
            out.append(self.place(self._index_symbol(name), t0.pos))
            return j
        if (
            base_name in _IDENTITY_NAMES
            and not primes
            and not (n.followed_by_paren and self._looks_like_probability(toks, j))
        ):
            size = None if sub is None else self.size_of(sub)
            if sub is None or size is not None:
                out.append(self.place(self._identity_candidate(name, size), t0.pos))
                return j
        if base_name in _COMMUTATION_NAMES and sub is not None and not primes:
            sizes = self._commutation_sizes(sub)
            if sizes is not None:
                self.note(
                    f"`{name}` (`{base_name}` undeclared, subscripted by two sizes) is the "
                    f"commutation matrix, `{name} \\operatorname{{vec}}(Y) = "
                    f"\\operatorname{{vec}}(Y^\\top)` (declare `{base_name}` to use the letter "
                    f"otherwise)"
                )
                out.append(self.place(Commutation(*sizes), t0.pos))
                return j
        return None

    def _undeclared_applied(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int | None:
        """An undeclared name applied to parentheses: a density, a probability, the sigmoid, the gamma function, a product."""
        t0 = n.t0
        base = n.base
        sub = n.sub
        primes = n.primes
        j = n.j
        name = n.name
        followed_by_paren = n.followed_by_paren
        if name == r"\mathcal{N}" and followed_by_paren and self._looks_like_probability(toks, j):
            return self._gaussian_density(toks, j, out, t0)
        if not primes and (done := self._standard_function(name, toks, j, out, t0)) is not None:
            return done
        if followed_by_paren and name in self.probability_functions:
            self.note(
                f"`{name}` is a function everywhere in this formula: it is applied like a probability "
                f"(`{name}(A \\mid B)`) somewhere in it"
            )
            return self._apply_function(name, toks, j, out, t0)
        if base == r"\sigma" and not sub and not primes and self._is_inverse_call(toks, j):
            return self._named_function("sigmoid", toks, j, out, t0)
        if name == r"\Phi" and self._is_inverse_call(toks, j):
            return self._named_function("Phi", toks, j, out, t0)
        if not sub and not primes and self._is_inverse_call(toks, j):
            self.note(
                f"`{name}^{{-1}}(...)` with `{name}` undeclared is {name}^{{-1}} times the "
                f"parenthesis, a product (declare `{name}: function` for the inverse function)"
            )
        if base == r"\sigma" and not sub and followed_by_paren:
            self.note(
                "`\\sigma(...)` is the logistic sigmoid (declare `\\sigma: scalar` for a standard deviation)"
            )
            return self._named_function("sigmoid", toks, j, out, t0, primes=primes)
        if (
            base == r"\Gamma"
            and not sub
            and not primes
            and followed_by_paren
            and not self._looks_like_probability(toks, j)
        ):
            self.note(
                "`\\Gamma(x)` is the gamma function (declare `\\Gamma` to use the letter otherwise)"
            )
            return self._named_function("Gamma", toks, j, out, t0)
        if followed_by_paren and self._looks_like_probability(toks, j):
            self.note(
                f"`{name}(...)` with `|`, `\\mid` or `;` inside is a function (a probability or density)"
            )
            return self._apply_function(name, toks, j, out, t0)
        if (
            followed_by_paren
            and self._one_declared_array(toks, j)
            and self._defined_on_the_left(toks, j, t0)
        ):
            # H(\pi) = -\sum_a \pi_a \log \pi_a: H times a vector cannot equal the scalar it
            # is defined as; the formula defines a function of the array
            self.note(
                f"`{name}(...)` of one declared array on the left of the formula's `=` is the "
                f"function it defines (declare `{name}: function` to say so)"
            )
            self.defining_head = True
            try:
                return self._apply_function(name, toks, j, out, t0)
            finally:
                self.defining_head = False
        if followed_by_paren and any(t.text == "," for t in self._top_level(toks, j)):
            if self._defined_on_the_left(toks, j, t0):
                self.note(
                    f"`{name}(...)` with several arguments on the left of the formula's `=` is the "
                    f"function it defines (declare `{name}: function` to say so)"
                )
                return self._apply_function(name, toks, j, out, t0)
            raise self.error(
                f"`{name}(...)` with several arguments is no product; declare `{name}: function` "
                f"to apply it",
                t0,
            )
        if followed_by_paren and not sub and self._defines_at_a_point(toks, j, t0):
            self.note(
                f"`{name}(...)` of one undeclared name on the left of the formula's `=` is the "
                f"function it defines (declare `{name}: function` to say so)"
            )
            return self._apply_function(name, toks, j, out, t0)
        if followed_by_paren and not sub:
            self.note(
                f"`{name}(...)` is `{name}` times the parenthesis, a product (declare `{name}: function` "
                f"to apply it)"
            )
        return None

    def _undeclared_plain(self, toks: list[Tok], n: _NameAt, out: list[_Piece]) -> int:
        """An undeclared name: an entry of an undeclared array, or a scalar of its own."""
        t0, sub, primes, j, name, base_name = n.t0, n.sub, n.primes, n.j, n.name, n.base_name
        if (
            sub is not None
            and not primes
            and self._is_index_subscript(sub, 1, strict=True, sizes=False)
        ):
            self.note(
                f"`{name}` is an entry of an undeclared array `{base_name}` (its subscript is an index)"
            )
            rank = self.subscript_rank(sub)
            self.undeclared.setdefault(
                base_name,
                "vector (subscripted by an index)"
                if rank == 1
                else "matrix (subscripted by two indices)"
                if rank == 2
                else "array",
            )
            out.append(self.place(self._indexed(base_name, sub, rank, declared=False), t0.pos))
            return j
        if (d := starred_twin(self.table, name)) is not None:  # x^*, an optimum of a vector x
            self.note(f"`{name}` is a name of its own, a {d.kind} like `{d.name}`")
            out.append(self.place(self._like(d, name), t0.pos))
            return j
        self.undeclared.setdefault(name, "scalar")
        out.append(self.place(sympy.Symbol(name, real=True), t0.pos))
        return j

    def _applied_name(self, toks: list[Tok], j: int) -> bool:
        """A parenthesis at ``toks[j]``, or a power then one (``\\mathrm{MSE}^2(y)``)."""
        if j < len(toks) and toks[j].text == "(":
            return True
        return self._function_script(toks, j) is not None

    def _text_name(self, word: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok) -> int:
        """``\\operatorname{MSE}(y)``, ``\\text{NLL}(\\theta)``: an undeclared word in upright
        letters applied to parentheses is an unspecified function of that name, as if declared
        ``MSE: function`` (alone, the word is one scalar name)."""
        name = rf"\mathrm{{{word}}}"
        self.note(
            f"`{name}(...)` (an undeclared word in upright letters, applied) is an unspecified "
            f"function named {word} (declare `{word}` to say otherwise)"
        )
        self.undeclared.setdefault(name, "function (applied to parentheses)")
        return self._apply_function(name, toks, j, out, t0)

    def _is_inverse_call(self, toks: list[Tok], j: int) -> bool:
        """``^{-1}(`` at ``toks[j]``: the superscript -1 right before a parenthesis."""
        texts = [t.text for t in toks[j : j + 6]]
        return texts[:5] == ["^", "{", "-", "1", "}"] and texts[5:] == ["("]

    def _commutation_sizes(self, sub: list[Tok]) -> tuple[sympy.Expr, sympy.Expr] | None:
        """The two sizes of ``K_{m,n}``; None unless both are sizes."""
        parts = self.split_args(sub, {","})
        sizes = [self.size_of(part) for _, part in parts]
        if len(sizes) != 2 or sizes[0] is None or sizes[1] is None:
            return None
        return sizes[0], sizes[1]

    def _sample(self, base: str, index: str, j: int, out: list[_Piece], t0: Tok) -> int:
        """``x^{(i)}`` with ``i`` an index: the i-th sample, an entry of the vector ``x`` (declared or
        not). For a declared matrix there is no such reading; ``x^{(i)}`` declared as a name of its
        own is that name."""
        idx = self._index_symbol(index)
        key = self.table.resolve(base)
        self.note(
            f"`{base}^{{({index})}}` is the {index}-th sample, entry {index} of `{base}` (declare "
            f"`{base}^{{({index})}}` to make it a name of its own)"
        )
        if key is None:
            self.undeclared.setdefault(base, f"vector (its samples {base}^{{({index})}})")
            out.append(self.place(sympy.IndexedBase(base, real=True)[idx], t0.pos))
            return j
        d = self.table[key]
        if d.kind not in ("vector", "simplex"):
            raise self.error(
                f"`{base}^{{({index})}}` is the {index}-th sample of `{base}`, which is declared "
                f"{d.kind}; declare `{base}` a vector (one value per sample) or declare "
                f"`{base}^{{({index})}}` as a name of its own",
                t0,
            )
        out.append(self.place(self.table.indexed(key)[idx], t0.pos))
        return j

    def _like(self, d, name: str) -> sympy.Basic:
        from ..symbols import Declaration

        twin = Declaration(name, d.kind, d.shape, d.qualifiers, declared=False)
        self.undeclared.setdefault(name, f"{d.kind} like `{d.name}`")
        return self._object_for(twin)

    def _object_for(self, d) -> sympy.Basic:
        if d.kind in ("scalar", "index", "dim"):
            return sympy.Symbol(d.name, **d.assumptions())
        if d.kind == "function":
            return sympy.Function(d.name, real=True)
        shape = tuple(self.table.dim(s) for s in d.shape)
        if d.kind in ("spd", "symmetric"):
            shape = (shape[0], shape[0])
        if len(shape) == 1:
            shape = (shape[0], sympy.Integer(1))
        return sympy.MatrixSymbol(d.name, *shape)

    def _declared(
        self, name: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok, primes: str = ""
    ) -> int:
        d = self.table[name]
        applied = j < len(toks) and toks[j].text == "("
        if d.name == r"\pi" and d.kind != "scalar" and not applied and not primes:
            # a policy \pi next to \log(2 \pi \sigma^2): the letter stands for both, except
            # right after a number (2\pi, \sqrt{2\pi}), where it is the constant
            k = next((k for k, t in enumerate(toks) if t is t0), 0)
            if (self.defining_head and len(toks) == 1) or (
                k > 0 and re.fullmatch(r"\d+(\.\d+)?", toks[k - 1].text)
            ):
                self.note(
                    "`\\pi` as the argument of the function the formula defines is the array"
                    if self.defining_head
                    else f"`\\pi` after `{toks[k - 1].text}` is the number pi, not the {d.kind}"
                )
                out.append(
                    self.place(self._object_for(d) if self.defining_head else sympy.pi, t0.pos)
                )
                return j
            raise self.error(
                f"`\\pi` is declared {d.kind} here, and alone it also reads as the number pi; "
                f"write its entries (`\\pi_a`) or applications (`\\pi(a \\mid s)`), or give the "
                f"policy another name (`\\pi_\\theta`)",
                t0,
            )
        if d.kind == "function":
            return self._apply_function(d.name, toks, j, out, t0, inherit=d.name, primes=primes)
        # c (x)_{b} of a scalar c: an entry of the parenthesis, no argument (an array's
        # \hat{f}(x)_y is its value at x, entry y)
        entry_after = applied and d.rank == 0 and self._subscripted_group(toks, j)
        if (
            not primes
            and not entry_after
            and (done := self._declared_pick(d, toks, j, out, t0)) is not None
        ):
            return done
        if (
            d.rank == 0
            and applied
            and any(t.text in (",", ";") for t in self._top_level(toks, j))
            and self._defined_on_the_left(toks, j, t0)
        ):
            # d(u, v) = ... beside the size d of u and v: the function the formula defines
            self.note(f"`{d.name}(...)` on the left of the `=` is the function it defines")
            return self._apply_function(d.name, toks, j, out, t0)
        if j < len(toks) and toks[j].text == "(" and self._looks_like_probability(toks, j):
            raise self.error(
                f"`{d.name}` is declared `{d.kind}` but is applied like a function; "
                f"declare it `function`",
                t0,
            )
        if d.kind in ("scalar", "index", "dim"):
            obj: sympy.Basic = self.table.scalar(name)
        elif d.kind == "identity":
            obj = sympy.Identity(self.table.dim(d.shape[0]))
        else:
            obj = self._object_for(d)
        if primes and d.rank == 0:
            obj = sympy.Symbol(d.name + primes, **d.assumptions())
        elif primes and d.rank == 1:
            # x' next to x (a kernel's second point): a vector of its own, like x
            self.note(f"`{d.name}{primes}` is a {d.kind} of its own, like `{d.name}`")
            obj = self._like(d, d.name + primes)
        elif primes:
            raise self.error(
                f"`{d.name}{primes}` of a matrix has two readings, the transpose (as in "
                f"econometrics) and another matrix; write `{d.name}^\\top`, or declare "
                f"`{d.name}{primes}`",
                t0,
            )
        out.append(self.place(obj, t0.pos))
        return j
