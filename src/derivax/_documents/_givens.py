"""Givens a note builds as it is read: a definition or assumption taken for what follows (an
undeclared name applied to arguments declared a function, a name defined as a vector, a matrix
or from random variables declared so), and the constraints and moments its running text states.
A definition that does not read is remembered by its names, so that no later claim is refuted with
them free."""

from __future__ import annotations

import re

import sympy

from .._errors import DerivaxError
from ..symbols import split_top_commas
from ._claim import _describes
from ._laws import with_density_subscripts
from ._prose import TextGiven
from ._statements import head_of, names_in


def superseded(givens: list[str], given: str) -> None:
    """``givens`` without the earlier definitions of the name ``given`` defines (``u := 5x``
    before ``u := x^3``): a note that defines a name again means the new definition from there
    on, and two definitions kept side by side would let the first decide the later steps."""
    left = re.split(r":=|=|\\coloneqq|\\triangleq|\\equiv", given, maxsplit=1)[0]
    head = head_of(left)
    if head is None:
        return
    for old in list(givens):
        earlier = re.split(r":=|=|\\coloneqq|\\triangleq|\\equiv", old, maxsplit=1)[0]
        if old != given and head_of(earlier) == head:
            givens.remove(old)


class Givens:
    """The part of a note's reading state that takes givens (mixed into the reading)."""

    declared: list[str]
    givens: list[str]
    seen: set[str]
    unreadable: dict[str, int]
    from_text: dict[str, str]
    readings: dict[str, tuple]  # a density given -> (its other reading, the law)
    laws_stated: set[str]  # the variables whose law the text states
    distributed: set  # the variables a `\\sim` gives a law

    # provided by the reading this is mixed into
    def table(self):
        raise NotImplementedError

    def _declarable(self, declaration: str) -> bool:
        raise NotImplementedError

    def _key(self, name: str) -> str | None:
        """The table's key of ``name``, or None (also where the table does not read)."""
        try:
            return self.table().resolve(name)
        except DerivaxError:
            return None

    def _declared(self, name: str) -> bool:
        return self._key(name) is not None

    def _is_random(self, name: str) -> bool:
        raise NotImplementedError

    def take_given(self, lhs: str, rhs: str, line: int = 0) -> str:
        """The definition ``lhs = rhs`` as a given for what follows; an undeclared name applied
        to arguments is declared a function, and an undeclared name defined as a vector or
        matrix is declared so (each said in the returned note)."""
        from ..latex import parse

        if self.laws_stated:
            lhs, rhs = (with_density_subscripts(x, self.laws_stated) for x in (lhs, rhs))
        head = head_of(lhs)
        note = ""
        if head is not None and head[2]:
            name = re.sub(r"\s*\(.*$", "", lhs.strip(), flags=re.DOTALL)
            if not self._declared(name) and self._declarable(f"{name}: function"):
                self.declared.append(f"{name}: function")
                note = f"; `{name}` declared a function"
        elif head is not None and re.fullmatch(r"_\\?[A-Za-z]+", head[1]):
            note = self._declare_entries(lhs, rhs, head[1][1:])
        elif head is not None and not self._declared(lhs.strip()):
            try:
                value = parse(rhs, self.table())
            except DerivaxError:
                value = None
            shape = getattr(value, "shape", None)
            if value is not None and shape is None and self._random(value):
                # \bar X = \frac{1}{n}\sum_i X_i of random X_i is a random variable itself
                if self._declarable(f"{lhs.strip()}: random"):
                    self.declared.append(f"{lhs.strip()}: random")
                note = f"; `{lhs.strip()}` declared random, as what it is defined from"
            if shape is not None:
                kind = f"vector[{shape[0]}]" if shape[1] == 1 else f"matrix[{shape[0]}, {shape[1]}]"
                if self._declarable(f"{lhs.strip()}: {kind}"):
                    self.declared.append(f"{lhs.strip()}: {kind}")
                note = f"; `{lhs.strip()}` declared {kind}, as its definition"
        given = f"{lhs} = {rhs}"
        try:
            parse(given, self.table())
        except DerivaxError as e:
            self.unreadable.update(dict.fromkeys(names_in(lhs), line))
            return f"; not a given: it does not read ({' '.join(str(e).split()[:30])})"
        superseded(self.givens, given)
        self.givens.append(given)
        return "; a given for what follows" + note

    def take_text_given(self, said: TextGiven) -> str:
        """A constraint or moment the note states outside its claims (the running text, an
        optimization problem's constraints), as a given for what follows when it reads under the
        declarations (a moment of a variable not declared random does not): "" when taken, else
        why not."""
        from ..latex import parse

        if said.relation in self.givens:
            return ""
        try:
            parse(said.relation, self.table())
        except DerivaxError as e:
            return " ".join(str(e).split()[:30])
        self.givens.append(said.relation)
        self.from_text[said.relation] = said.cue
        # the variable is now spoken of: a later moment of it is derived, not stated
        self.seen |= names_in(said.relation)
        return ""

    def take_laws(self, prose: str) -> None:
        """The normal laws the running text states (``$X_i \\sim \\mathcal{N}(\\mu, \\sigma^2)$``): the
        densities ``f_{X_i}`` and ``p_{X_i}`` declared functions and defined as givens for what
        follows, with the other reading of an ambiguous second parameter kept beside (see
        ``_laws``)."""
        from ._laws import DENSITY_LETTERS, stated_laws

        for law in stated_laws(prose):
            key = self._key(law.variable)
            if key is not None and self.table()[key].is_array:
                continue  # a vector's law is no scalar density
            # the density's argument: a letter neither the note nor the law's parameters use
            used = self.seen | names_in(f"{law.variable} {law.mean} {' '.join(law.variances)}")
            dummy = next(
                (
                    d
                    for d in ("t", "s", "u", r"\xi", r"\zeta")
                    if self._key(d) is None and not names_in(d) & used
                ),
                None,
            )
            if dummy is None:
                continue
            for letter in DENSITY_LETTERS:
                name = f"{letter}_{{{law.variable}}}"
                if self._declared(name) or any(g.startswith(f"{name}(") for g in self.givens):
                    continue  # the note's own name for something else, or defined already
                if not self._declarable(f"{name}: function"):
                    continue
                self.declared.append(f"{name}: function")
                given = law.density(letter, dummy)
                self.givens.append(given)
                self.from_text[given] = f"the density of ${law.written}$"
                self.seen |= names_in(name)  # defined: a display of it is a claim about it
                if len(law.variances) > 1:
                    self.readings[given] = (law.density(letter, dummy, 1), law)
            self.laws_stated.add(law.variable)

    def _declare_entries(self, lhs: str, rhs: str, index: str) -> str:
        """``\\hat p_i = \\sigma(z_i)`` with ``\\hat p`` undeclared and ``i`` an index: ``\\hat p``
        is a vector of the size of the arrays ``i`` picks entries of on the right."""
        from ..latex import parse

        name = re.sub(r"\s*_\s*\{?\s*\\?[A-Za-z]+\s*\}?\s*$", "", lhs.strip())
        if self._declared(name) or not self._declared(index):
            return ""
        try:
            value = parse(rhs, self.table())
        except DerivaxError:
            return ""
        sizes = {
            ix.base.shape[0]
            for ix in value.atoms(sympy.Indexed)
            if ix.base.shape is not None
            and len(ix.base.shape) == 1
            and str(ix.indices[0]) == str(parse(index, self.table()))
        }
        if len(sizes) != 1:
            # o_i = \sum_j w_{ij} x_j of random entries: the entry o_i is a random variable
            if self._random(value) and self._declarable(f"{lhs.strip()}: random"):
                self.declared.append(f"{lhs.strip()}: random")
                return f"; `{lhs.strip()}` declared random, as what it is defined from"
            return ""
        declaration = f"{name}: vector[{sizes.pop()}]"
        if not self._declarable(declaration):
            return ""
        self.declared.append(declaration)
        return f"; `{name}` declared a vector, indexed like the right side"

    def _random(self, value) -> bool:
        """Whether an expression involves a declared random variable outside its moments (the
        variance of X is a number, not a random variable)."""
        from .._random import Covariance, Expectation, Variance

        table = self.table()
        value = value.xreplace(
            {m: sympy.Integer(0) for m in value.atoms(Expectation, Variance, Covariance)}
        )
        names = {str(getattr(s, "label", s)) for s in value.free_symbols}
        names |= {str(b.label) for b in value.atoms(sympy.IndexedBase)}
        for name in names:
            key = table.resolve(name)
            if key is not None and table[key].is_random:
                return True
        return False

    def _undescribed(self, lhs: str, rhs: str, givens: list[str]) -> str:
        """The random variable (as `X`) a claim ties to other quantities when nothing in the note
        gives its distribution: one side holds it (or a name a given defines from it, as
        ``\\mu := E[X]``), the other side none but other names, and no given or ``\\sim``
        speaks of it. "" otherwise."""
        randoms = {n for n in names_in(f"{lhs} {rhs}") if self._is_random(n)}
        if not randoms:
            return ""
        tied = set(randoms)
        for g in givens:
            left, _, right = g.partition("=")
            head = head_of(left)
            if head is not None and any(self._is_random(n) for n in names_in(right)):
                tied.add(head[0])
        sides = [names_in(lhs), names_in(rhs)]
        random_sides = [bool(side & tied) for side in sides]
        if random_sides[0] == random_sides[1]:
            return ""  # both sides random (E[X^2] = E[X]^2) or neither: decided as it stands
        plain = sides[1] if random_sides[0] else sides[0]
        if not plain:
            return ""  # E[X] = 3: a number, a claim as written
        for name in sorted(randoms):
            described = self._key(name) in self.distributed or any(
                _describes(g, name) for g in givens + list(self.from_text)
            )
            if not described:
                return f"`{name}`"
        return ""


class EigenWords:
    """The eigenvectors and definiteness a note states in words (mixed into the reading, beside
    ``Givens``): an eigen equation whose matrix and eigenvalue the words name is a given, and one
    they leave open waits for the display that writes it out."""

    declared: list[str]
    pending_eigen: dict[str, str | None]  # vector -> its matrix, when said

    def table(self):
        raise NotImplementedError

    def take_text_given(self, said: TextGiven) -> str:
        raise NotImplementedError

    def _kind_of(self, name: str) -> str | None:
        """``"vector"``, ``"matrix"`` (square) or None for a name of the inline math."""
        try:
            table = self.table()
            key = table.resolve(name)
        except DerivaxError:
            return None
        if key is None:
            return None
        d = table[key]
        if d.kind == "vector" or d.is_family:  # a member of a family is a vector
            return "vector"
        if d.kind in ("spd", "symmetric") or (d.rank == 2 and d.shape[:1] * 2 == d.shape):
            return "matrix"
        return None

    def take_eigen_words(self, prose: str) -> None:
        from ._eigen import definite, eigenvectors

        for name, strict in definite(prose, self._kind_of):
            if strict:
                self._redeclare_spd(name)
        for e in eigenvectors(prose, self._kind_of):
            if e.unit:
                self.take_text_given(TextGiven(f"\\|{e.vector}\\|_2 = 1", "a unit eigenvector"))
            if e.matrix is not None and e.value is not None:
                cue = f"an eigenvector of {e.matrix} with eigenvalue {e.value}"
                self.take_text_given(
                    TextGiven(f"{e.matrix} {e.vector} = {e.value} {e.vector}", cue)
                )
                self.pending_eigen.pop(e.vector, None)
            else:
                self.pending_eigen[e.vector] = e.matrix

    def _redeclare_spd(self, name: str) -> None:
        """``name`` said positive definite: declared ``spd`` from here on (the table holds
        positive definite matrices; semi-definite ones it cannot say)."""
        from ..symbols import parse_symbols

        try:
            table = self.table()
            key = table.resolve(name)
        except DerivaxError:
            return
        if key is None or table[key].kind == "spd":
            return
        size = table[key].shape[0]
        kept: list[str] = []
        entries = [e.strip() for d in self.declared for e in d.split(";") if e.strip()]
        for entry in entries:
            try:
                own = parse_symbols(entry)
            except DerivaxError:
                kept.append(entry)
                continue
            if own.resolve(name) is None:
                kept.append(entry)
                continue
            names, _, kind = entry.partition(":")
            rest = [n for n in split_top_commas(names) if own.resolve(n.strip()) != key]
            if rest:
                kept.append(", ".join(n.strip() for n in rest) + ":" + kind)
        kept.append(f"{name}: spd[{size}]")
        try:
            parse_symbols("; ".join(kept))
        except DerivaxError:
            return
        self.declared[:] = kept

    def eigen_restated(self, lhs: str, rhs: str) -> str:
        """The cue when ``lhs = rhs`` writes out ``M v = s v`` for a vector ``v`` the text said
        is an eigenvector (of ``M``, when it said which) with a scalar ``s``; "" otherwise."""
        from sympy.matrices.expressions.matexpr import MatrixExpr

        from ..latex import parse

        if not self.pending_eigen:
            return ""
        try:
            table = self.table()
            left, right = parse(lhs, table), parse(rhs, table)
            said = {
                parse(v, table): (v, m and parse(m, table)) for v, m in self.pending_eigen.items()
            }
        except DerivaxError:
            return ""
        if not isinstance(left, sympy.MatMul) or len(left.args) != 2:
            return ""
        matrix, vector = left.args
        if vector not in said or not isinstance(matrix, sympy.MatrixSymbol):
            return ""
        name, named = said[vector]
        if named is not None and matrix != named:
            return ""
        scalar = None
        if isinstance(right, sympy.MatMul):
            scalars = [a for a in right.args if not isinstance(a, MatrixExpr)]
            rest = [a for a in right.args if isinstance(a, MatrixExpr)]
            if rest == [vector] and scalars:
                scalar = sympy.Mul(*scalars)
        if scalar is None or scalar.has(vector) or scalar.atoms(sympy.MatrixSymbol):
            return ""
        del self.pending_eigen[name]
        return f"`{name}` is an eigenvector, as the text says"
