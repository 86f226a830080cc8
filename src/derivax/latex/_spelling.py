"""A name as written: its base, subscript, name superscript and primes, read from the tokens
before the symbol table says what the name is (``_resolve``)."""

from __future__ import annotations

import re

from .._errors import ParseError, SymbolError
from ..symbols import (
    DECORATIONS,
    FONTS,
    GREEK_SET,
    STYLES,
    WORDS,
    SymbolTable,
    canonical_base,
    canonical_script,
)
from ._lex import Tok, find_close
from ._state import ReaderState

#: a name in upright letters: one word, or words joined the way code names them
#: (``\text{step\_num}``, ``\mathrm{ROUGE\text{-}N}``, ``\text{soft-cap}``); spaces, commas and
#: other words are prose (``\text{if } x > 0``)
_WORD_NAME = r"[A-Za-z][A-Za-z0-9]*(?:(?:\\_|-|\\text\{-\})[A-Za-z0-9]+)*"


def _letter_runs(toks: list[Tok], table: SymbolTable) -> list[str]:
    """Runs of two or more single letters written together at the top level of the formula
    (``lr``, ``xy``), outside scripts and the groups of commands (``\\mathrm{lr}``): each is a
    product, which a reader could take for one name."""
    runs: list[str] = []
    depth_script = 0
    stack: list[bool] = []  # for each open brace: does it belong to a script or a command?
    run: list[Tok] = []

    def flush():
        if len(run) >= 2:
            word = "".join(t.text for t in run)
            if word not in table.multi_letter_names and not (run[0].text == "d" and len(run) == 2):
                runs.append(word)
        run.clear()

    for k, t in enumerate(toks):
        x = t.text
        if x == "{":
            prev = toks[k - 1].text if k else ""
            owned = prev in ("_", "^") or (
                prev.startswith("\\") and prev not in (r"\frac", r"\sqrt")
            )
            stack.append(owned)
            depth_script += owned
            flush()
            continue
        if x == "}":
            if stack and stack.pop():
                depth_script -= 1
            flush()
            continue
        letter = re.fullmatch(r"[A-Za-z]", x) is not None
        scripted = k and toks[k - 1].text in ("_", "^")
        if letter and not depth_script and not scripted and (not run or run[-1].pos + 1 == t.pos):
            run.append(t)
        else:
            flush()
            if letter and not depth_script and not scripted:
                run.append(t)
    flush()
    return runs


class NameSpelling(ReaderState):
    """Names as written: where one starts and ends, its parts, the words of upright commands and
    the names applied like probabilities."""

    def prescan(self, toks: list[Tok]) -> None:
        """Undeclared names applied like probabilities anywhere (``P(A | B)``, ``p(x; \\theta)``)
        are functions everywhere in the formula, so ``P(A, B)`` next to them is one too."""
        for j, t in enumerate(toks):
            if (t.text == "(" and j > 0 and self._starts_name(toks[j - 1].text)) or (
                t.text == "(" and j > 1 and toks[j - 1].text == "}"
            ):
                try:
                    if not self._looks_like_probability(toks, j):
                        continue
                except ParseError:
                    continue
                k = j - 1
                while k > 0 and not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", toks[k].text):
                    k -= 1
                k = self._name_start(toks, k)
                try:
                    base, sub, sup, primes, end = self._read_name(toks, k)
                except ParseError:
                    continue
                if end == j:
                    self.probability_functions.add(self._full_name(base, sub, sup, primes))

    @staticmethod
    def _name_start(toks: list[Tok], k: int) -> int:
        """Back from the last letter of a name to its first token: over a subscript's ``_{``, a
        decoration's or font's ``\\hat{``, never over the brace that opens a group (``\\frac{``)."""

        def styled(t: Tok) -> bool:
            return t.text.startswith("\\") and t.text[1:] in FONTS | DECORATIONS.keys()

        while k > 0:
            prev = toks[k - 1]
            if prev.text in ("_", "^") and k > 1:
                k -= 2  # the base the script belongs to: p in p_{\theta}, or the } of \hat{p}
                if toks[k].text == "}":
                    depth = 0
                    while k > 0:
                        depth += {"}": 1, "{": -1}.get(toks[k].text, 0)
                        if depth == 0:
                            break
                        k -= 1
            elif styled(prev):
                k -= 1
            elif (
                prev.text == "{"
                and k > 1
                and (toks[k - 2].text in ("_", "^") or styled(toks[k - 2]))
            ):
                k -= 1
            else:
                break
        return k

    @staticmethod
    def _starts_name(x: str) -> bool:
        if re.fullmatch(r"[A-Za-z]", x):
            return True
        if not x.startswith("\\"):
            return False
        cmd = x[1:]
        return (
            cmd in GREEK_SET
            or cmd in DECORATIONS
            or cmd in STYLES
            or cmd in FONTS
            or cmd in WORDS
            or cmd == "operatorname"
        )

    def _followed_by_script_name(self, toks: list[Tok], i: int) -> bool:
        return i + 1 < len(toks) and toks[i + 1].text == "_"

    # -- names --------------------------------------------------------------------------------------
    def _read_name(self, toks: list[Tok], i: int) -> tuple[str, list[Tok] | None, str, str, int]:
        """Read base, subscript tokens, name superscript (``(i)``/``[l]``) and primes at ``toks[i]``."""
        texts = [t.text for t in toks]
        # a declared multi-letter name written as plain letters (``lr``)
        for word in self.table.multi_letter_names:
            if "".join(texts[i : i + len(word)]) == word and all(
                len(x) == 1 for x in texts[i : i + len(word)]
            ):
                base, j = rf"\mathrm{{{word}}}", i + len(word)
                break
        else:
            try:
                base, j = canonical_base(texts, i)
            except SymbolError as e:
                raise self.error(str(e), toks[i]) from None
        sub: list[Tok] | None = None
        sup = primes = ""
        while j < len(toks):
            x = toks[j].text
            if x == "_" and sub is None:
                sub, j = self.group(toks, j + 1)
            elif (
                x == "^"
                and not sup
                and j + 1 < len(toks)
                and (
                    self._is_name_superscript(toks, j + 1)
                    or self._declared_superscript(base, sub, toks, j + 1)
                    or self._starred(base, toks, j + 1)
                )
            ):
                g, j = self.group(toks, j + 1)
                sup = canonical_script([t.text for t in g])
            elif x == "'" or x == r"\prime":
                primes += "'"
                j += 1
            else:
                break
        return base, sub, sup, primes, j

    def _declared_superscript(
        self, base: str, sub: list[Tok] | None, toks: list[Tok], i: int
    ) -> bool:
        """``w^l``, ``W^Q`` declared with their superscript, or a label in upright letters
        (``V^{\\mathrm{targ}}``): the superscript is part of the name, not a power."""
        try:
            g, _ = self.group(toks, i)
        except ParseError:
            return False
        if not g:
            return False
        if g[0].text in (r"\mathrm", r"\text", r"\textrm", r"\operatorname"):
            word = "".join(t.text for t in g[1:]).strip("{}")
            return word not in ("T", "H")  # ^{\mathrm{T}} is a transpose, not a label
        if len(g) >= 2 and all(re.fullmatch(r"[A-Z]", t.text) for t in g):
            if not any(self.table.resolve(t.text) for t in g):
                # y_k^{LS}, \nu^{KG}: capitals written together, none declared, are a label
                self.note(
                    f"`^{{{''.join(t.text for t in g)}}}` (capitals written together, none declared) is a label"
                )
                return True
        sup = canonical_script([t.text for t in g])
        return bool(
            self.table.resolve(self._full_name(base, sub, sup, ""))
            or self.table.resolve(f"{base}^{{{sup}}}")
        )

    def _starred(self, base: str, toks: list[Tok], i: int) -> bool:
        """``x^*``, ``w^{\\star}``: the optimum or the solution, a name of its own (as
        ``\\mathbf{w^*}`` is), except on a declared matrix, where ``A^*`` may be an adjoint."""
        star = ("*", r"\star", r"\ast")
        plain = toks[i].text in star
        braced = (
            toks[i].text == "{"
            and i + 2 < len(toks)
            and toks[i + 1].text in star
            and toks[i + 2].text == "}"
        )
        key = self.table.resolve(base)
        return (plain or braced) and not (key is not None and self.table[key].rank == 2)

    def _is_name_superscript(self, toks: list[Tok], i: int) -> bool:
        """``x^{(i)}``, ``W^{[l]}``, ``\\theta^{(t+1)}``: a bracket that is the whole superscript
        names a sample, a layer or an iterate. An exponent it is instead where more follows the
        bracket (``x^{(n-1)/2}``) or a declared real scalar is in it (``x^{(a+b)}``): read as a
        name, ``x^{(n-1)/2} x^{(n+1)/2} = x^n`` was refuted."""
        if not (toks[i].text == "{" and i + 1 < len(toks) and toks[i + 1].text in ("(", "[")):
            return False
        shut = find_close(toks, i + 1, self.latex)
        if shut + 1 >= len(toks) or toks[shut + 1].text != "}":
            return False
        for t in toks[i + 2 : shut]:
            key = self.table.resolve(t.text)
            d = self.table[key] if key is not None else None
            if d is not None and d.kind == "scalar" and "integer" not in d.qualifiers:
                return False
        return True

    def _full_name(self, base: str, sub: list[Tok] | None, sup: str, primes: str) -> str:
        name = base + primes
        if sub is not None:
            name += "_{" + canonical_script([t.text for t in sub]) + "}"
        if sup:
            name += "^{" + sup + "}"
        return name

    def _word(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
        """``\\operatorname{softmax}``, ``\\mathrm{tr}``, ``\\text{ReLU}`` -> (word, next index)."""
        if toks[i].text[1:] in WORDS or toks[i].text == r"\operatorname":
            g, j = self.group(toks, i + 1)
            if toks[i].text != r"\operatorname" and i + 1 < len(toks) and toks[i + 1].text == "{":
                raw = self.latex[toks[i + 1].pos + 1 : toks[j - 1].pos]
                if not re.fullmatch(_WORD_NAME, raw):
                    raise self.error(
                        f"`{toks[i].text}{{{raw}}}` is prose, not a name: derivax reads one formula; "
                        f"a name in upright letters is one word such as `\\mathrm{{lr}}`",
                        toks[i],
                    )
            return "".join(t.text for t in g), j
        return None

    def _looks_like_probability(self, toks: list[Tok], j: int) -> bool:
        """``(A \\mid B)``, ``(A | B)``, ``(x; \\theta)``, ``(p \\parallel q)``: separators no
        product has. Bars that pair up (``(|x| - 1)``) are absolute values, not a condition."""
        inside = [t.text for t in self._top_level(toks, j)]
        if any(x in (r"\mid", ";", r"\parallel") for x in inside):
            return True
        if "=" in inside and toks[j - 1].text in ("P", "p"):
            return True  # P(X = x): the probability of an event, no product has `=` inside
        # D_{KL}(q \| p): one double bar between two arguments (two would be a norm)
        return inside.count("|") == 1 or inside.count(r"\|") == 1
