"""LaTeX -> SymPy, driven by the symbol table.

The reader works in three passes, one module each:

1. ``rewrite`` walks the tokens (``_lex``: tokens; ``_scan``: extents) and replaces every construct
   whose meaning the symbol table decides by a placeholder ``\\variable{pN}``, building its SymPy
   object: names are read by ``_spelling`` and go through ``_resolve`` (an undeclared ``I``
   through ``_identity``); every other construct has one reader in ``_constructs/``, chosen by
   its command from the table ``CONSTRUCTS``.
2. ``_bridge`` reads the skeleton of placeholders and operators (directly, or with
   latex2sympy2_extended).
3. ``_assemble`` rebuilds the expression with the placeholders' objects, keeping the order of
   products (matrices do not commute) and doing the matrix algebra.

Where the table leaves two readings open that differ in value, a reader applies a rule the README
states and records it (``Reading.rules``), or refuses with a ParseError that names the declaration
that decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import ParseError, SymbolError
from ..symbols import SymbolTable, join_tokens
from ._apart import bound_apart
from ._approximate import approx_at, read_approximate, read_labelled
from ._assemble import Assembler, _set_sizes
from ._balance import check_balance
from ._bars import norm_bars
from ._bridge import Bridge
from ._constructs import (
    Applications,
    ArgExtrema,
    Densities,
    Derivatives,
    DiagonalGaussians,
    Divergences,
    Environments,
    EvaluationBars,
    Integrals,
    Limits,
    Moments,
    Norms,
    Ones,
    StandardFunctions,
    Summaries,
    Sums,
    bind_limit_variables,
    over_the_line,
)
from ._cross import operator_script
from ._definite import order_at, read_definite
from ._differentials import inline_differentials
from ._ellipsis import finite_patterns
from ._evaluation_bars import EVALUATE_AT, evaluation_bars
from ._extremum_pairs import extremum_pairs
from ._identity import IdentityReader
from ._indices import check_order_statistics
from ._lex import Tok, find_close, lex, normalize
from ._members_from_zero import members_from_zero
from ._notations import rewritten_notations
from ._proportional import propto_at, read_proportional
from ._resolve import NameReader
from ._rows import lower_rows
from ._scan import Scanner, split_top_level
from ._scope import check_sum_scope, indices_after_sums, pair_exclusions
from ._sets import sets_by_their_arrays
from ._slash import refuse_ambiguous_slashes
from ._spelling import NameSpelling, _letter_runs
from ._undecided import undecided
from ._unwritten import check_unwritten_entries
from ._vocabulary import (
    _ARG_WORDS,
    _HADAMARD,
    _MARK_CROSS,
    _MARK_DOT,
    _MARK_HPOW,
    _MARK_ODOT,
    _MARK_T,
    _MARK_TOP,
    _OPERAND_PRODUCTS,
    _PASS,
    _RELATIONS,
    _TERM_BREAKS,
    _TRANSPOSE,
    _UNSUPPORTED,
    _Piece,
)
from ._words import conditional_entries, decorated_entries, function_runs, styled_words
from ._zero_based import counted_from_zero, literal_zero_entries

#: which reader takes a command: the command -> (guard, reader) pairs tried in order; the guard is
#: a predicate method (``None``: always). Commands not here are names (``_resolve``), named
#: functions of the function table, arithmetic passed to the skeleton, or refused.
CONSTRUCTS: dict[str, tuple[tuple[str | None, str], ...]] = {
    "^": ((None, "_superscript"),),
    r"\sum": ((None, "_sum"),),
    r"\prod": ((None, "_sum"),),
    r"\int": ((None, "_integral"),),
    r"\lim": ((None, "_limit"),),
    r"\frac": (("_is_derivative", "_derivative"),),
    r"\nabla": ((None, "_nabla"),),
    r"\|": ((None, "_norm"),),
    "|": ((None, "_abs"),),
    r"\langle": ((None, "_inner"),),
    r"\begin": ((None, "_environment"),),
    "(": (
        ("_subscripted_group", "_subscripted_parenthesis"),
        ("_hadamard_group", "_parenthesized_hadamard"),
        ("_dot_group", "_parenthesized_hadamard"),
    ),
    "[": (("_subscripted_group", "_subscripted_parenthesis"),),
    r"\odot": ((None, "_odot"),),
    r"\otimes": ((None, "_otimes"),),
    r"\oslash": ((None, "_oslash"),),
    r"\cdot": ((None, "_cdot"),),
    r"\circ": ((None, "_odot"),),
    r"\mathbb": (
        ("_is_ones", "_ones"),
        ("_is_letter_indicator", "_letter_indicator"),
        ("_is_moment", "_moment"),
        ("_is_expectation", "_expectation"),
    ),
    r"\mathbf": (("_is_ones", "_ones"),),
    "1": (("_is_plain_indicator", "_plain_indicator"),),
    "I": (("_is_letter_indicator", "_letter_indicator"),),
    r"\partial": (("_is_partial_operator", "_partial_operator"),),
    r"\log": ((None, "_log"),),
    r"\ln": ((None, "_log"),),
    r"\max": ((None, "_function_head"),),
    r"\min": ((None, "_function_head"),),
    r"\det": ((None, "_function_head"),),
    r"\arg": ((None, "_function_head"),),
    r"\argmax": ((None, "_function_head"),),
    r"\argmin": ((None, "_function_head"),),
    r"\operatorname*": ((None, "_function_head"),),
    r"\operatorname": (("_is_moment", "_moment"), ("_is_arg_word", "_function_head")),
    r"\mathrm": (("_is_moment", "_moment"),),
    r"\text": (("_is_moment", "_moment"),),
    r"\textrm": (("_is_moment", "_moment"),),
    "E": (("_is_moment", "_moment"),),
    "e": (("_is_euler", "_euler"),),
    r"\pi": (("_is_pi", "_pi"),),
    r"\lfloor": ((None, "_rounding"),),
    r"\lceil": ((None, "_rounding"),),
    r"\binom": ((None, "_binomial"),),
    EVALUATE_AT: ((None, "_evaluation_bar"),),
}

#: function commands read by a construct of their own, which a run of letters (``log(x)``) spells
_FUNCTION_COMMANDS = frozenset(
    c
    for c, readers in CONSTRUCTS.items()
    if c[1:].isalpha() and any(name in ("_log", "_function_head") for _, name in readers)
)


@dataclass
class _Reader(
    Scanner,
    NameSpelling,
    NameReader,
    IdentityReader,
    Applications,
    ArgExtrema,
    Summaries,
    StandardFunctions,
    Densities,
    DiagonalGaussians,
    Sums,
    Integrals,
    Limits,
    Moments,
    Derivatives,
    Divergences,
    Norms,
    Ones,
    Environments,
    EvaluationBars,
    Assembler,
    Bridge,
):
    """One formula's reading: the symbol table, the placeholders' objects and what was decided."""

    latex: str
    table: SymbolTable
    defined: frozenset[str] = frozenset()
    objects: dict[str, sympy.Basic] = field(default_factory=dict)
    ranges: dict[str, tuple[sympy.Symbol, sympy.Expr | None]] = field(default_factory=dict)
    summation_vars: set[str] = field(default_factory=set)
    # a summation variable -> the tokens of its sum's lower and upper limits (the last sum read)
    sum_bounds: dict[str, tuple] = field(default_factory=dict)
    undeclared: dict[str, str] = field(default_factory=dict)
    # a base -> how its declared subscripted names were read: "family" (an entry, under a sum
    # over its index) or "own" (a name of its own); both in one formula is refused
    families: dict[str, set[str]] = field(default_factory=dict)
    probability_functions: set[str] = field(default_factory=set)
    alias: dict[str, str] = field(
        default_factory=dict
    )  # q0 -> p3: a cached skeleton's placeholders
    extrema: dict[str, type] = field(default_factory=dict)  # range marker -> IndexMax / IndexMin
    limit_sides: dict[str, str] = field(default_factory=dict)  # limit marker -> "+-", "+", "-"
    members: dict[int, str] = field(
        default_factory=dict
    )  # range marker number -> X in \sum_{x \in X}
    exclusions: dict[str, list[sympy.Basic]] = field(
        default_factory=dict
    )  # \sum_{j \ne k}: j -> [k]
    rules: list[str] = field(default_factory=list)  # the disputable reading rules applied, in order

    identities: dict[sympy.Symbol, tuple[str, sympy.Expr | None]] = field(default_factory=dict)
    identity_used: bool = False

    def note(self, rule: str) -> None:
        """Record a reading rule a reader could dispute (``derivax parse`` lists them)."""
        if rule not in self.rules:
            self.rules.append(rule)

    # -- entry ----------------------------------------------------------------------------------
    def parse(self, toks: list[Tok], where: int = 0) -> sympy.Basic:
        if not toks:
            raise ParseError("expected an expression here", self.latex, where)
        pieces = self._operand_terms(toks)
        if pieces is None:
            pieces = self.rewrite(toks)
        text = " ".join(p.text for p in pieces)
        skeleton, alias = self._skeleton(text, pieces)
        saved, self.alias = self.alias, alias
        try:
            return self.rebuild(skeleton, toks[0].pos)
        finally:
            self.alias = saved

    def _operand_terms(self, toks: list[Tok]) -> list[_Piece] | None:
        """Terms with a top-level ``\\odot`` (or ``\\circ``) or ``\\otimes``, read operand by
        operand: the Hadamard product binds less tightly than juxtaposition, so ``b \\odot W u`` is
        ``b`` times ``W u`` entrywise. ``None`` when there is no top-level one."""
        segments, breaks = split_top_level(toks, _TERM_BREAKS)
        products = [split_top_level(segment, _OPERAND_PRODUCTS) for segment in segments]
        if not any(marks for _, marks in products):
            return None
        out: list[_Piece] = []
        for k, (segment, (operands, marks)) in enumerate(zip(segments, products, strict=True)):
            if k:
                out.append(_Piece(breaks[k - 1].text, breaks[k - 1].pos))
            if segment:
                out += self._hadamard(segment, operands, marks)
        return out

    def error(self, message: str, tok: Tok | int) -> ParseError:
        pos = tok.pos if isinstance(tok, Tok) else tok
        return ParseError(message, self.latex, pos)

    def place(self, obj: sympy.Basic, pos: int) -> _Piece:
        key = f"p{len(self.objects)}"
        self.objects[key] = obj
        return _Piece(rf"\variable{{{key}}}", pos)

    # -- the token walk ---------------------------------------------------------------------------
    def rewrite(self, toks: list[Tok]) -> list[_Piece]:
        """The tokens with every construct replaced by a placeholder, ready for the skeleton."""
        out: list[_Piece] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            x = t.text
            if x in _UNSUPPORTED:
                raise self.error(_UNSUPPORTED[x], t)
            reader = next(
                (
                    name
                    for guard, name in CONSTRUCTS.get(x, ())
                    if guard is None or getattr(self, guard)(toks, i)
                ),
                None,
            )
            if reader is not None:
                i = getattr(self, reader)(toks, i, out)
            elif self._starts_name(x):
                i = self._atom(toks, i, out)
            elif (
                x.startswith("\\")
                and x[1:] in F.BY_SPELLING
                and x[1:] != "Gamma"
                and i + 1 < len(toks)
            ):
                i = self._named_command(toks, i, out)
            elif x in _PASS or x in _RELATIONS:
                out.append(_Piece(x, t.pos))
                i += 1
            else:
                self._refuse(toks, i, out)
                out.append(_Piece(x, t.pos))
                i += 1
        return out

    def _policy_call(self, toks: list[Tok], i: int) -> bool:
        """An undeclared ``\\pi`` applied to a conditional, ``\\pi(a \\mid s)``."""
        return (
            i + 1 < len(toks)
            and toks[i + 1].text == "("
            and self._looks_like_probability(toks, i + 1)
        )

    def _refuse(self, toks: list[Tok], i: int, out: list[_Piece]) -> None:
        """Tokens that never stand where they stand here; anything else passes to the skeleton."""
        t = toks[i]
        x = t.text
        if why := undecided(toks, i):
            raise self.error(why, t)
        if x in (r"\mid", r"\parallel", ";"):
            raise self.error(
                f"`{x}` outside the parentheses of a probability such as `P(A {x} B)`", t
            )
        if x == r"\top":
            raise self.error("`\\top` outside a superscript; write a transpose as `A^\\top`", t)
        if x.startswith("\\") and len(x) > 2 and x[1:].isalpha():
            raise self.error(f"unknown command `{x}`", t)
        if x in ("&", r"\\"):
            raise self.error(f"`{x}` outside a matrix or cases environment", t)
        if (
            x.replace(".", "", 1).isdigit()
            and i + 1 < len(toks)
            and toks[i + 1].text == "_"
            and not (i > 0 and toks[i - 1].text == "^")
        ):
            # 1_{2} would lose its subscript in the skeleton
            raise self.error(
                f"a number with a subscript (`{x}_...`) has no meaning derivax knows; the "
                f"indicator of a condition is `1_{{i = j}}` or `\\mathbb{{1}}[x > 0]`",
                t,
            )
        if x == "!" and out and out[-1].text.isdigit() and len(out[-1].text) > 3:
            # latex2sympy2_extended would evaluate n! on the spot
            raise self.error(f"the factorial of {out[-1].text} is too large to work with", t)

    # -- small constructs and the guards of CONSTRUCTS ---------------------------------------------
    def _is_expectation(self, toks: list[Tok], i: int) -> bool:
        """``\\mathbb`` is an expectation (or refused) except ``\\mathbb{I}``, the identity."""
        return not (i + 3 < len(toks) and toks[i + 2].text == "I" and toks[i + 3].text == "}")

    def _is_arg_word(self, toks: list[Tok], i: int) -> bool:
        word = self._word(toks, i)
        return word is not None and word[0].replace(" ", "") in _ARG_WORDS

    def _is_euler(self, toks: list[Tok], i: int) -> bool:
        return not self.table.resolve("e") and not self._followed_by_script_name(toks, i)

    def _is_pi(self, toks: list[Tok], i: int) -> bool:
        """The number pi: ``\\pi`` undeclared, with no subscript and not a declared name with a
        superscript (``\\pi^{\\mathrm{SFT}}``)."""
        if self.table.resolve(r"\pi") or self._followed_by_script_name(toks, i):
            return False
        if i + 1 < len(toks) and toks[i + 1].text == "^":
            return not self.table.resolve(self._full_name(*self._read_name(toks, i)[:4]))
        return True

    def _euler(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        out.append(self.place(sympy.E, toks[i].pos))
        return i + 1

    def _pi(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        if self._policy_call(toks, i):
            self.note("`\\pi(a \\mid s)`, with `\\mid` inside, is a function (a policy)")
            return self._apply_function(r"\pi", toks, i + 1, out, toks[i])
        out.append(_Piece(r"\pi", toks[i].pos))
        return i + 1

    def _odot(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        pos = toks[i].pos
        out += [_Piece(r"\cdot", pos), self.place(_MARK_ODOT, pos), _Piece(r"\cdot", pos)]
        return i + 1

    def _subscripted_parenthesis(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``(X w)_i``, ``(A^\\top)_{ij}``: an entry of the vector or matrix in parentheses."""
        t = toks[i]
        k = find_close(toks, i, self.latex)
        value = self.parse(toks[i + 1 : k], t.pos)
        if not isinstance(value, MatrixExpr) and (defined := self._defined_entry(toks, i, k)):
            out.append(self.place(defined[0], t.pos))
            return defined[1]
        if not isinstance(value, MatrixExpr):
            raise self.error(
                "a subscript after parentheses picks an entry of a vector or matrix; "
                "this is a scalar",
                toks[k + 1],
            )
        sub, after = self.group(toks, k + 2)
        if (matrix := operator_script(value, sub, self.latex, self.note)) is not None:
            out.append(self.place(matrix, t.pos))  # [t]_\times
            return after
        out.append(self.place(value, t.pos))
        return self._postfix_index(toks, k + 1, out)

    def _cdot(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\cdot`` is kept as a mark between its factors: of two vectors it is the dot product
        (``\\times``, read as ``\\cdot`` by the lexer, the cross product: ``_MARK_CROSS``)."""
        pos = toks[i].pos
        mark = _MARK_CROSS if self.latex.startswith(r"\times", pos) else _MARK_DOT
        out += [_Piece(r"\cdot", pos), self.place(mark, pos), _Piece(r"\cdot", pos)]
        return i + 1

    def _parenthesized_hadamard(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """A parenthesized Hadamard product is one factor: the skeleton would flatten it."""
        k = find_close(toks, i, self.latex)
        out.append(self.place(self.parse(toks[i + 1 : k], toks[i].pos), toks[i].pos))
        return k + 1

    def _named_command(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\tanh x``, ``\\arcsin(x)``: a function of the table written as a command; read here,
        not by the skeleton, so that on a vector or matrix it applies to each entry."""
        primes = ""
        j = i + 1
        while j < len(toks) and toks[j].text in ("'", r"\prime"):
            primes += "'"
            j += 1
        return self._named_function(toks[i].text[1:], toks, j, out, toks[i], primes=primes)

    # -- scripts, sums, integrals -----------------------------------------------------------------
    def _superscript(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        g, j = self.group(toks, i + 1)
        if j < len(toks) and toks[j].text == "^":
            base = toks[i - 1].text if i else "x"
            first = self.latex[toks[i].pos : toks[j].pos].strip()
            raise self.error(
                f"`{base}{first}^` is a double superscript, which TeX refuses: write "
                f"`{{{base}{first}}}^{{...}}` for a power of the power or `{base}^{{a^{{b}}}}` for "
                f"a tower",
                toks[j],
            )
        text = join_tokens([t.text for t in g]).replace(" ", "")
        if text in ("+", r"\dagger"):
            raise self.error(
                f"`^{{{text}}}` reads two ways: the positive part (write `[x]_+` or "
                f"`\\max(0, x)`) or the pseudo-inverse, which derivax does not read yet (for a "
                f"matrix of full column rank write `(A^\\top A)^{{-1}} A^\\top`); a name such "
                f"as a positive sample `x^{{+}}` is read once declared (`x^{{+}}: vector[n]`)",
                toks[i],
            )
        neg = text.startswith("-")
        core = text[1:] if neg else text
        if core in {s.replace(" ", "") for s in _TRANSPOSE} and not (
            core == "T" and self.table.resolve("T") and self.table["T"].kind != "dim"
        ):
            marker = self.place(_MARK_T if core == "T" else _MARK_TOP, toks[i].pos)
            out.append(_Piece("^{" + ("-" if neg else "") + marker.text + "}", toks[i].pos))
            return j
        if g and g[0].text in _HADAMARD:  # A^{\circ 2}, A^{\circ -1}: an entrywise power
            if len(g) == 1:
                raise self.error(f"`^{{{g[0].text}}}` needs the power after it", toks[i])
            marker = self.place(_MARK_HPOW, toks[i].pos)
            power = self.place(self.parse(g[1:], g[1].pos), g[1].pos)
            out.append(_Piece("^{" + marker.text + r" \cdot " + power.text + "}", toks[i].pos))
            return j
        base = toks[i - 1].text if i else ""
        if base != "e" and not base[:1].isdigit():
            for word in _letter_runs(g, self.table):
                if not any(self.table.resolve(c) or c in self.summation_vars for c in word):
                    raise self.error(
                        f"`^{{{word}}}` reads as the power {' '.join(word)}, but a superscript of letters "
                        f"written together is usually a label; write `^{{\\mathrm{{{word}}}}}` for a "
                        f"label, or space the letters (`^{{{' '.join(word)}}}`) for a power",
                        toks[i],
                    )
        inner = self.rewrite(g)
        out.append(_Piece("^{", toks[i].pos))
        out.extend(inner)
        out.append(_Piece("}", toks[j - 1].pos))
        return j


def parse(
    latex: str, symbols: SymbolTable | str | None = None, defined: frozenset[str] = frozenset()
) -> sympy.Basic:
    """Parse LaTeX into a SymPy expression or relation, reading names through ``symbols``.
    ``defined``: scalar names a given defines by an expression (``\\ell = \\log(1 + e^{-w})``),
    so that ``\\frac{d\\ell}{dw}`` is a derivative of that expression, not of a constant.

    >>> parse(r"\\frac{e^{z_k}}{\\sum_{j=1}^{n} e^{z_j}}", "z: vector[n]; j, k: index")
    exp(z[k])/Sum(exp(z[j]), (j, 1, n))
    """
    return reading(latex, symbols, defined).expr


@dataclass(frozen=True)
class Reading:
    """A parsed formula with what a reader may want to check: the undeclared names (and the
    reading chosen for each) and the disputable rules applied."""

    expr: sympy.Basic
    undeclared: dict[str, str]
    rules: tuple[str, ...]


def read(latex: str, symbols: SymbolTable | str | None = None) -> tuple[sympy.Basic, dict]:
    """Parse ``latex``; also return the undeclared names and the reading chosen for each."""
    r = reading(latex, symbols)
    return r.expr, r.undeclared


def reading(
    latex: str, symbols: SymbolTable | str | None = None, defined: frozenset[str] = frozenset()
) -> Reading:
    """Parse ``latex`` into a ``Reading``: the expression, its undeclared names and the rules applied."""
    table = SymbolTable.coerce(symbols)
    # ||w|| is \|w\|; f \Big|_{x=a} an evaluation bar
    toks = norm_bars(evaluation_bars(lex(latex, marks=True), latex), latex)
    if not toks:
        raise ParseError("empty formula", latex, 0)
    check_balance(toks, latex)
    try:
        return _reading_of(latex, toks, table, defined)
    except ParseError:
        # d_c(\mathbf{0}, x) = ...: a left side that only labels the right
        if (labelled := read_labelled(latex, toks, table, defined, reading)) is not None:
            return labelled
        raise


def _reading_of(
    latex: str, toks: list[Tok], table: SymbolTable, defined: frozenset[str]
) -> Reading:
    if (op := order_at(toks, latex)) is not None:  # M \succeq 0: each side read on its own
        return read_definite(latex, op, table, defined, reading)
    if (op := propto_at(toks, latex)) is not None:  # so is A \propto B
        return read_proportional(latex, op, table, defined, reading)
    if (op := approx_at(toks)) is not None:  # r \approx \epsilon g: a definition of r
        return read_approximate(latex, op, table, defined, reading)
    toks = normalize(toks, latex)
    # \Pr(A) is the probability P(A), as texts in statistics write it
    toks = [Tok("P", t.pos) if t.text == r"\Pr" and not table.resolve("P") else t for t in toks]
    toks, inline = inline_differentials(toks, table, latex)
    toks, notations = rewritten_notations(toks, table, latex, lambda s: reading(s, table).expr)
    refuse_ambiguous_slashes(toks, latex)
    toks, decorated = decorated_entries(styled_words(toks, table), latex)
    toks, conditional = conditional_entries(toks, latex)
    toks, functions = function_runs(toks, table, latex, _FUNCTION_COMMANDS)

    def read_series(part: list[Tok]) -> sympy.Basic:
        return _read_tokens(part, table, latex, defined, []).expr

    toks, patterns = finite_patterns(toks, table, latex, read_series)
    rules = [*inline, *notations, *decorated, *conditional, *functions, *patterns]
    return _read_tokens(toks, table, latex, defined, rules)


def _read_tokens(
    toks: list[Tok], table: SymbolTable, latex: str, defined: frozenset[str], rules: list[str]
) -> Reading:
    """The reading of the normalized tokens ``toks`` of ``latex``, ``rules`` applied before."""
    reader = _Reader(latex, table, defined=frozenset(defined))
    for rule in rules:
        reader.note(rule)
    for word in _letter_runs(toks, table):
        reader.note(
            f"`{word}` (letters written together) is the product {' '.join(word)}, as in TeX "
            f"(declare `{word}: scalar` to make it one name)"
        )
    try:
        reader.prescan(toks)
        expr = bind_limit_variables(reader.finish(_set_sizes(reader.parse(toks))))
        expr = lower_rows(expr, table, latex)
        expr = pair_exclusions(expr, latex, reader.note)
        expr = literal_zero_entries(counted_from_zero(expr, reader.note), reader.note)
        expr = members_from_zero(expr, reader.note)
        expr = sets_by_their_arrays(expr, reader.note)
        check_sum_scope(expr, latex, indices_after_sums(toks))
        check_unwritten_entries(expr, table, latex)
        check_order_statistics(expr, latex)
        expr = bound_apart(extremum_pairs(expr, table, latex, reader.note), reader.note)
        reader.check_families()
        expr = over_the_line(expr, reader.note)
    except RecursionError:
        raise ParseError("the formula is nested too deeply to read", latex, 0) from None
    except SymbolError as e:
        raise ParseError(str(e), latex, 0) from None
    except ParseError:
        raise
    except Exception as e:
        # (shapes that do not fit, a matrix where a scalar must be, a product SymPy cannot form)
        raise ParseError(f"these parts do not fit together: {e}", latex, 0) from None
    return Reading(expr, reader.undeclared, tuple(reader.rules))
