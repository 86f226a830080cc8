"""LaTeX -> SymPy, driven by the symbol table.

The arithmetic skeleton (fractions, roots, powers, products, sums with bounds, relations,
matrices) is read by latex2sympy2_extended. Around it, a layer that knows ML notation:

1. ``rewrite`` walks the tokens and replaces every *atom* whose meaning the symbol table decides
   (names, function applications, probabilities, norms, transposes, integrals, derivatives) by a
   placeholder ``\\variable{pN}``, building the SymPy object for it itself; arguments are parsed by
   recursion through this same function.
2. latex2sympy2_extended parses the skeleton of placeholders and operators.
3. ``rebuild`` swaps the placeholders back in, keeping the order of products (matrices do not
   commute), and turns the markers for transposes and Hadamard products into matrix operations.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _functions as F
from .._errors import ParseError, SymbolError
from ..symbols import SymbolTable
from ..symbols._names import (
    DECORATIONS, FONTS, GREEK_SET, STYLES, WORDS, canonical_base, canonical_script, join_tokens,
)
from . import _skeleton as skeleton
from ._lex import Tok, find_close, lex, normalize

# commands latex2sympy2_extended reads itself, passed through unchanged
_PASS = frozenset(r"\frac \sqrt \infty \cdot \le \ge \ne \lt \gt".split())
_UNSUPPORTED = {
    r"\dots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\ldots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\cdots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\sim": "`\\sim` (distributed as) is read only in an expectation's subscript, "
            "`\\mathbb{E}_{x \\sim p}[f(x)]`",
    r"\otimes": "the Kronecker product `\\otimes` is not read yet",
}
_FUNCTION_WORDS = {
    "softmax", "relu", "sigmoid", "softplus", "tr", "trace", "det", "diag", "logsumexp", "lse",
    "sign", "sgn", "exp", "log", "ln", "tanh", "abs",
}
_RELATIONS = {"=", "<", ">", r"\le", r"\ge", r"\ne"}
_TRANSPOSE = {r"\top", "T", r"\mathsf{T}", r"\mathrm{T}", r"\intercal", r"\texttt{T}"}
_SEPARATORS = {",", ";", "|", r"\mid", r"\parallel"}

_ELEMENTWISE = {"softplus", "log", "ln", *F.BY_SPELLING, *(w.lower() for w in F.BY_SPELLING)}
_MARK_TOP = sympy.Symbol("__derivax_transpose__")
_MARK_T = sympy.Symbol("__derivax_transpose_T__")   # ^T: a transpose of an array, a power of a scalar
_MARK_ODOT = sympy.Symbol("__derivax_hadamard__")
_MARK_RANGE = "__derivax_range__"
_MARK_IDENTITY = "__derivax_identity__"
#: undeclared names read as the identity matrix where they meet a matrix
_IDENTITY_NAMES = frozenset({"I", r"\mathbb{I}"})


def as_scalar(m: MatrixExpr) -> sympy.Expr:
    """A 1 x 1 matrix expression (``w^\\top x``) as a scalar: its trace, which SymPy's matrix
    calculus differentiates (``(v^T v)[0, 0]`` would expand into a sum of entries)."""
    if isinstance(m, sympy.MatMul):
        coeff, matrices = m.as_coeff_matrices()
        return coeff * sympy.Trace(sympy.MatMul(*matrices))
    return sympy.Trace(m)


def elementwise(f, m: MatrixExpr) -> MatrixExpr:
    """``f`` applied to each entry of ``m`` (``\\sigma(z)`` for a vector ``z``)."""
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    if not isinstance(f, sympy.Lambda):
        x = sympy.Dummy("x", real=True)
        f = sympy.Lambda(x, f(x))
    return ElementwiseApplyFunction(f, m)


def _config():
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig

    return ConversionConfig(
        interpret_as_mixed_fractions=False, interpret_simple_eq_as_assignment=False,
        interpret_contains_as_eq=False, lowercase_symbols=False,
    )


@dataclass
class _Piece:
    text: str
    pos: int


@dataclass
class _Reader:
    latex: str
    table: SymbolTable
    objects: dict[str, sympy.Basic] = field(default_factory=dict)
    ranges: dict[str, tuple[sympy.Symbol, sympy.Expr | None]] = field(default_factory=dict)
    summation_vars: set[str] = field(default_factory=set)
    undeclared: dict[str, str] = field(default_factory=dict)
    probability_functions: set[str] = field(default_factory=set)
    alias: dict[str, str] = field(default_factory=dict)   # q0 -> p3: a cached skeleton's placeholders
    extrema: dict[str, type] = field(default_factory=dict)  # range marker -> IndexMax / IndexMin
    members: dict[int, str] = field(default_factory=dict)   # range marker number -> X in \sum_{x \in X}
    rules: list[str] = field(default_factory=list)   # the disputable reading rules applied, in order

    identities: dict[sympy.Symbol, tuple[str, sympy.Expr | None]] = field(default_factory=dict)
    identity_used: bool = False

    def _identity_candidate(self, name: str, size) -> sympy.Symbol:
        """An undeclared ``I`` (``\\mathbf{I}``, ``\\mathbb{I}``, ``I_n``): the identity matrix
        where it meets a matrix, a scalar where it meets only scalars (decided in ``rebuild``)."""
        marker = sympy.Symbol(f"{_MARK_IDENTITY}{len(self.identities)}")
        self.identities[marker] = (name, size)
        return marker

    def identity_for(self, s: sympy.Expr, m: MatrixExpr, side: str, pos: int) -> sympy.Basic | None:
        """``s`` (a scalar expression holding an undeclared ``I``) as a multiple of the identity
        that fits the matrix ``m``; None when ``s`` holds no ``I``."""
        found = [c for c in self.identities if c in getattr(s, "free_symbols", ())]
        if not found:
            return None
        (cand,) = found if len(found) == 1 else (None,)
        if cand is None:
            raise self.error("two identity matrices `I` in one factor; declare `I: identity[n]`", pos)
        name, size = self.identities[cand]
        coeff, rest = s.as_independent(cand, as_Add=False)
        if rest != cand:
            raise self.error(f"`{name}` next to a matrix, but not as a multiple of it; declare "
                             f"`{name}: identity[n]` (the identity matrix) or `{name}: scalar`", pos)
        n = m.shape[0] if side in ("left", "sum") else m.shape[1]
        if side == "sum" and m.shape[0] != m.shape[1]:
            raise self.error(f"`{name}` added to a {m.shape[0]} x {m.shape[1]} matrix, which is not "
                             f"square; declare `{name}: scalar` or `{name}: identity[n]`", pos)
        if size is not None and sympy.simplify(size - n) != 0 and not (size.free_symbols or n.free_symbols):
            raise self.error(f"`{name}` is {size} x {size} but meets a matrix with {n} rows", pos)
        self.identity_used = True
        self.note(f"`{name}` next to a matrix is the identity matrix of its size (declare "
                  f"`{name}: identity[n]` or `{name}: scalar` to say so)")
        return coeff * sympy.Identity(size if size is not None else n)

    def finish(self, expr: sympy.Basic) -> sympy.Basic:
        """Undeclared ``I`` left among scalars only is a scalar, the default for a name."""
        left = [c for c in self.identities if c in getattr(expr, "free_symbols", set())]
        if left and self.identity_used:
            name = self.identities[left[0]][0]
            raise ParseError(f"`{name}` is read as the identity matrix next to a matrix and as a scalar "
                             f"elsewhere; declare `{name}: identity[n]` or `{name}: scalar`", self.latex, 0)
        subs = {}
        for c in left:
            name, _ = self.identities[c]
            self.undeclared.setdefault(name, "scalar")
            subs[c] = sympy.Symbol(name, real=True)
        return expr.xreplace(subs) if subs else expr

    def note(self, rule: str) -> None:
        """Record a reading rule a reader could dispute (``derivax parse`` lists them)."""
        if rule not in self.rules:
            self.rules.append(rule)

    def prescan(self, toks: list[Tok]) -> None:
        """Undeclared names applied like probabilities anywhere (``P(A | B)``, ``p(x; \\theta)``)
        are functions everywhere in the formula, so ``P(A, B)`` next to them is one too."""
        for j, t in enumerate(toks):
            if t.text == "(" and j > 0 and self._starts_name(toks[j - 1].text) or (
                    t.text == "(" and j > 1 and toks[j - 1].text == "}"):
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
            elif prev.text == "{" and k > 1 and (toks[k - 2].text in ("_", "^") or styled(toks[k - 2])):
                k -= 1
            else:
                break
        return k

    # -- entry ----------------------------------------------------------------------------------
    def parse(self, toks: list[Tok], where: int = 0) -> sympy.Basic:
        if not toks:
            raise ParseError("expected an expression here", self.latex, where)
        pieces = self._hadamard_terms(toks)
        if pieces is None:
            pieces = self.rewrite(toks)
        text = " ".join(p.text for p in pieces)
        skeleton, alias = self._skeleton(text, pieces)
        saved, self.alias = self.alias, alias
        try:
            return self.rebuild(skeleton, toks[0].pos)
        finally:
            self.alias = saved

    def _hadamard_terms(self, toks: list[Tok]) -> list[_Piece] | None:
        """Terms with a top-level ``\\odot`` (or ``\\circ``), read operand by operand: the Hadamard
        product binds less tightly than juxtaposition, so ``b \\odot W u`` is ``b`` times ``W u``
        entrywise. ``None`` when there is no top-level ``\\odot``."""
        segments, breaks = split_top_level(toks, _TERM_BREAKS)
        products = [split_top_level(segment, _HADAMARD) for segment in segments]
        if not any(marks for _, marks in products):
            return None
        out: list[_Piece] = []
        for k, (segment, (operands, marks)) in enumerate(zip(segments, products, strict=True)):
            if k:
                out.append(_Piece(breaks[k - 1].text, breaks[k - 1].pos))
            if segment:
                out += self._hadamard(segment, operands, marks)
        return out

    def _hadamard(self, toks: list[Tok], operands: list[list[Tok]], marks: list[Tok]) -> list[_Piece]:
        if not marks:
            return self.rewrite(toks)
        for mark, (left, right) in zip(marks, itertools.pairwise(operands), strict=True):
            if not left or not right:
                raise self.error(f"`{mark.text}` needs an operand on each side", mark)
        value = self.parse(operands[0], toks[0].pos)
        for mark, operand in zip(marks, operands[1:], strict=True):
            b = self.parse(operand, operand[0].pos)
            if isinstance(value, MatrixExpr) and isinstance(b, MatrixExpr):
                if value.shape != b.shape:
                    raise self.error(f"`{mark.text}` multiplies entries of two arrays of one shape; the left side "
                                     f"is {value.shape[0]} x {value.shape[1]}, the right {b.shape[0]} x {b.shape[1]}",
                                     mark)
                value = sympy.HadamardProduct(value, b)
            else:
                value = value * b
        return [self.place(value, toks[0].pos)]

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
            return latex2sympy(normal, normalization_config=None, conversion_config=_config())
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001 - read the original text again for the error's column
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
            what = {"I expected something else here": "unexpected input",
                    "I don't understand this": "cannot read this"}.get(what, what)
            raise ParseError(f"{what} (in `{self.latex[pos:pos + 20].strip()}`)", self.latex, pos) from None
        raise ParseError("cannot read this", self.latex, pieces[0].pos if pieces else 0)

    @staticmethod
    def _source_pos(column: int, pieces: list[_Piece]) -> int:
        offset = 0
        for p in pieces:
            if column < offset + len(p.text) + 1:
                return p.pos
            offset += len(p.text) + 1
        return pieces[-1].pos if pieces else 0

    def error(self, message: str, tok: Tok | int) -> ParseError:
        pos = tok.pos if isinstance(tok, Tok) else tok
        return ParseError(message, self.latex, pos)

    def place(self, obj: sympy.Basic, pos: int) -> _Piece:
        key = f"p{len(self.objects)}"
        self.objects[key] = obj
        return _Piece(rf"\variable{{{key}}}", pos)

    # -- the token walk ---------------------------------------------------------------------------
    def rewrite(self, toks: list[Tok]) -> list[_Piece]:
        out: list[_Piece] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            x = t.text
            if x in _UNSUPPORTED:
                raise self.error(_UNSUPPORTED[x], t)
            if x == "^":
                i = self._superscript(toks, i, out)
            elif x in (r"\sum", r"\prod"):
                i = self._sum(toks, i, out)
            elif x == r"\int":
                i = self._integral(toks, i, out)
            elif x == r"\frac" and self._is_derivative(toks, i):
                i = self._derivative(toks, i, out)
            elif x == r"\nabla":
                i = self._nabla(toks, i, out)
            elif x == r"\|":
                i = self._norm(toks, i, out)
            elif x == "|":
                i = self._abs(toks, i, out)
            elif x == r"\langle":
                i = self._inner(toks, i, out)
            elif x == r"\begin":
                i = self._environment(toks, i, out)
            elif x == "(" and self._subscripted_group(toks, i):
                # (X w)_i, (A^\top)_{ij}: an entry of the vector or matrix in parentheses
                k = find_close(toks, i, self.latex)
                value = self.parse(toks[i + 1 : k], t.pos)
                if not isinstance(value, MatrixExpr):
                    raise self.error("a subscript after parentheses picks an entry of a vector or matrix; "
                                     "this is a scalar", toks[k + 1])
                out.append(self.place(value, t.pos))
                i = self._postfix_index(toks, k + 1, out)
            elif x == "(" and self._has_top_level(toks, i, (r"\odot", r"\circ")):
                # a parenthesized Hadamard product is one factor: latex2sympy would flatten it
                k = find_close(toks, i, self.latex)
                out.append(self.place(self.parse(toks[i + 1 : k], t.pos), t.pos))
                i = k + 1
            elif x in (r"\odot", r"\circ"):
                out += [_Piece(r"\cdot", t.pos), self.place(_MARK_ODOT, t.pos), _Piece(r"\cdot", t.pos)]
                i += 1
            elif x == r"\mathbb" and not (i + 3 < len(toks) and toks[i + 2].text == "I" and toks[i + 3].text == "}"):
                i = self._expectation(toks, i, out)
            elif x in (r"\log", r"\ln"):
                i = self._log(toks, i, out)
            elif x in (r"\max", r"\min", r"\det", r"\arg", r"\operatorname*", r"\argmax", r"\argmin") or (
                    x == r"\operatorname" and self._word(toks, i)[0].replace(" ", "") in _ARG_WORDS):
                i = self._function_head(toks, i, out)
            elif x in ("e",) and not self.table.resolve("e") and not self._followed_by_script_name(toks, i):
                out.append(self.place(sympy.E, t.pos))
                i += 1
            elif x == r"\pi" and not self.table.resolve(r"\pi") and not self._followed_by_script_name(toks, i):
                out.append(_Piece(r"\pi", t.pos))
                i += 1
            elif self._starts_name(x):
                i = self._atom(toks, i, out)
            elif x == r"\lfloor" or x == r"\lceil":
                i = self._rounding(toks, i, out)
            elif x == r"\binom":
                i = self._binomial(toks, i, out)
            elif x.startswith("\\") and x[1:] in F.BY_SPELLING and x[1:] != "Gamma" and i + 1 < len(toks):
                # read here, not by latex2sympy: on a vector or matrix they apply to each entry
                primes = ""
                j = i + 1
                while j < len(toks) and toks[j].text in ("'", r"\prime"):
                    primes += "'"
                    j += 1
                i = self._named_function(x[1:], toks, j, out, t, primes=primes)
            elif x in _PASS or x in _RELATIONS:
                out.append(_Piece(x, t.pos))
                i += 1
            elif x in (r"\mid", r"\parallel", ";"):
                raise self.error(f"`{x}` outside the parentheses of a probability such as `P(A {x} B)`", t)
            elif x == r"\top":
                raise self.error("`\\top` outside a superscript; write a transpose as `A^\\top`", t)
            elif x.startswith("\\") and len(x) > 2 and x[1:].isalpha():
                raise self.error(f"unknown command `{x}`", t)
            elif x in ("&", r"\\"):
                raise self.error(f"`{x}` outside a matrix or cases environment", t)
            elif x == "!" and out and out[-1].text.isdigit() and len(out[-1].text) > 3:
                # latex2sympy2_extended would evaluate n! on the spot
                raise self.error(f"the factorial of {out[-1].text} is too large to work with", t)
            else:
                out.append(_Piece(x, t.pos))
                i += 1
        return out

    def _subscripted_group(self, toks: list[Tok], i: int) -> bool:
        k = find_close(toks, i, self.latex)
        return k + 1 < len(toks) and toks[k + 1].text == "_" and toks[k].text == ")"

    def _top_level(self, toks: list[Tok], i: int):
        """The tokens directly inside the group opened at ``toks[i]``, not inside nested brackets."""
        k = find_close(toks, i, self.latex)
        depth = 0
        for t in toks[i + 1 : k]:
            if t.text in ("(", "[", "{"):
                depth += 1
            elif t.text in (")", "]", "}"):
                depth -= 1
            elif depth == 0:
                yield t

    def _has_top_level(self, toks: list[Tok], i: int, texts) -> bool:
        return any(t.text in texts for t in self._top_level(toks, i))

    @staticmethod
    def _starts_name(x: str) -> bool:
        if re.fullmatch(r"[A-Za-z]", x):
            return True
        if not x.startswith("\\"):
            return False
        cmd = x[1:]
        return cmd in GREEK_SET or cmd in DECORATIONS or cmd in STYLES or cmd in FONTS or cmd in WORDS \
            or cmd == "operatorname"

    def _followed_by_script_name(self, toks: list[Tok], i: int) -> bool:
        return i + 1 < len(toks) and toks[i + 1].text == "_"

    # -- groups -------------------------------------------------------------------------------------
    def group(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]:
        """The argument at ``toks[i]``: a braced group or one token."""
        if i >= len(toks):
            raise self.error("an argument is missing here", toks[-1].pos + len(toks[-1].text) if toks else 0)
        if toks[i].text == "{":
            j = find_close(toks, i, self.latex)
            return toks[i + 1 : j], j + 1
        if toks[i].text in ("}", ")", "]"):
            raise self.error(f"an argument is missing before `{toks[i].text}`", toks[i])
        return [toks[i]], i + 1

    def factor_run(self, toks: list[Tok], i: int) -> tuple[list[Tok], int]:
        """The operand of a function written without parentheses (``\\log p_i``, ``\\det A``):
        everything up to the next ``+``, ``-``, relation, comma, ``\\cdot`` or function name."""
        j = i
        while j < len(toks):
            t = toks[j].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                j = find_close(toks, j, self.latex) + 1
                continue
            if t == r"\|" or (t == "|" and j == i):
                # a norm or an absolute value is one factor
                j = self._closing(toks, j, t) + 1
                continue
            if t == r"\begin":  # a matrix or cases environment is one factor: \det \begin{pmatrix}...
                j = self._environment_end(toks, j)
                continue
            if t in (r"\sum", r"\prod", r"\int"):
                # a sum inside the argument takes the rest of it: \log \frac{1}{n} \sum_j e^{z_j}
                j = self._term_end(toks, j)
                break
            if j > i and (t in ("+", "-", ",", r"\cdot", ")", "]", "}", "&", r"\\") or t in _RELATIONS
                          or t in _RUN_STOPS):
                break
            if t == "|" and j > i:
                break
            j += 1
        if j == i:
            raise self.error("this function needs an argument", toks[i] if i < len(toks) else toks[-1])
        return toks[i:j], j

    def _environment_end(self, toks: list[Tok], i: int) -> int:
        """The index after the ``\\end{...}`` that closes the ``\\begin`` at ``toks[i]``."""
        depth = 0
        for k in range(i, len(toks)):
            if toks[k].text == r"\begin":
                depth += 1
            elif toks[k].text == r"\end":
                depth -= 1
                if depth == 0:
                    _, end = self.group(toks, k + 1)
                    return end
        raise self.error("`\\begin` has no `\\end`", toks[i])

    def split_args(self, toks: list[Tok], seps: set[str]) -> list[tuple[str, list[Tok]]]:
        """Split at top-level separators; returns (separator before the part, part)."""
        parts: list[tuple[str, list[Tok]]] = []
        cur: list[Tok] = []
        sep = ""
        j = 0
        while j < len(toks):
            t = toks[j].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, j, self.latex)
                cur.extend(toks[j : k + 1])
                j = k + 1
                continue
            if t == r"\|" and r"\|" in seps and sum(1 for u in toks if u.text == r"\|") != 1:
                # a norm inside the arguments, not the KL separator
                k = next((m for m in range(j + 1, len(toks)) if toks[m].text == r"\|"), None)
                if k is not None:
                    cur.extend(toks[j : k + 1])
                    j = k + 1
                    continue
            if t == "|" and "|" in seps and sum(1 for u in toks if u.text == "|") != 1:
                # paired bars inside the arguments are an absolute value, not a condition
                k = next((m for m in range(j + 1, len(toks)) if toks[m].text == "|"), None)
                if k is not None:
                    cur.extend(toks[j : k + 1])
                    j = k + 1
                    continue
            if t in seps:
                parts.append((sep, cur))
                sep, cur = t, []
            else:
                cur.append(toks[j])
            j += 1
        parts.append((sep, cur))
        return parts

    # -- names --------------------------------------------------------------------------------------
    def _read_name(self, toks: list[Tok], i: int) -> tuple[str, list[Tok] | None, str, str, int]:
        """Read base, subscript tokens, name superscript (``(i)``/``[l]``) and primes at ``toks[i]``."""
        texts = [t.text for t in toks]
        # a declared multi-letter name written as plain letters (``lr``)
        for word in self.table.multi_letter_names:
            if "".join(texts[i : i + len(word)]) == word and all(len(x) == 1 for x in texts[i : i + len(word)]):
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
            elif x == "^" and not sup and j + 1 < len(toks) and self._is_name_superscript(toks, j + 1):
                g, j = self.group(toks, j + 1)
                sup = canonical_script([t.text for t in g])
            elif x == "'" or x == r"\prime":
                primes += "'"
                j += 1
            else:
                break
        return base, sub, sup, primes, j

    @staticmethod
    def _is_name_superscript(toks: list[Tok], i: int) -> bool:
        return toks[i].text == "{" and i + 1 < len(toks) and toks[i + 1].text in ("(", "[")

    def _full_name(self, base: str, sub: list[Tok] | None, sup: str, primes: str) -> str:
        name = base + primes
        if sub is not None:
            name += "_{" + canonical_script([t.text for t in sub]) + "}"
        if sup:
            name += "^{" + sup + "}"
        return name

    def _atom(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        word = self._word(toks, i)
        if word is not None and not self.table.resolve(word[0]):
            if word[0].lower() in _FUNCTION_WORDS:
                return self._named_function(word[0].lower(), toks, word[1], out, t0)
            if word[0] in F.BY_SPELLING or word[0].lower() in F.BY_SPELLING:
                return self._named_function(word[0], toks, word[1], out, t0)
            applied = word[1] < len(toks) and toks[word[1]].text in ("(", "{")
            if len(word[0]) > 1 and (t0.text == r"\operatorname" or applied) \
                    and not self.table.resolve(rf"\mathrm{{{word[0]}}}") \
                    and not (applied and self._looks_like_probability(toks, word[1])):
                known = ", ".join(sorted({f.name for f in F.TABLE} | {"softmax", "softplus", "logsumexp", "tr", "det", "diag"}))
                raise self.error(f"unknown function `{self.latex[t0.pos:toks[word[1] - 1].pos + 1]}`; derivax knows "
                                 f"{known}; declare `{word[0]}: function` for a function of your own", t0)
        base, sub, sup, primes, j = self._read_name(toks, i)
        name = self._full_name(base, sub, sup, primes)
        base_name = base + (("^{" + sup + "}") if sup else "")
        followed_by_paren = j < len(toks) and toks[j].text == "("
        # a name declared with its subscript (\theta_{t-1}, d_k, x_0) is one symbol
        if self.table.resolve(name):
            return self._declared(name, toks, j, out, t0)
        sample = re.fullmatch(r"\((.+)\)", sup) if sup and sub is None and not primes else None
        if sample and self._is_index_name(sample[1]):
            return self._sample(base, sample[1], j, out, t0)
        decl_base = self.table.resolve(base_name + primes) or self.table.resolve(base_name)
        if sub is not None and decl_base is None and primes:
            decl_base = None
        if decl_base is not None:
            d = self.table[decl_base]
            if sub is not None and d.is_array and self._is_index_subscript(sub, d.rank):
                sub_text = join_tokens([t.text for t in sub])
                if any(self._is_size_name(t.text) for t in sub):
                    self.note(f"`{name}`: the size `{sub_text}` as a subscript picks the last entry of `{d.name}`")
                obj = self._indexed(decl_base, sub, d.rank)
                out.append(self.place(obj, t0.pos))
                return j
            if sub is None:
                return self._declared(decl_base, toks, j, out, t0, primes=primes if not self.table.resolve(base_name + primes) else "")
            # a subscript that is not an index: a new symbol of the same kind (\theta_t next to \theta)
            if d.kind == "function":
                return self._apply_function(name, toks, j, out, t0, inherit=d.name)
            self.note(f"`{name}` is a name of its own, a {d.kind} like `{d.name}` (its subscript is no index; "
                      f"declare it an index to pick an entry)")
            obj = self._like(d, name)
            out.append(self.place(obj, t0.pos))
            return j
        # undeclared
        if base == r"\delta" and sub is not None and not primes:
            pair = [t.text for t in sub if t.text != ","]
            if len(pair) == 2 and all(self._is_index_name(x) for x in pair):
                out.append(self.place(sympy.KroneckerDelta(*(self._index_symbol(x) for x in pair)), t0.pos))
                return j
        if name in self.summation_vars:
            out.append(self.place(self._index_symbol(name), t0.pos))
            return j
        if base_name in _IDENTITY_NAMES and not primes and not (followed_by_paren and self._looks_like_probability(toks, j)):
            size = None
            if sub is not None:
                text = join_tokens([t.text for t in sub]).replace(" ", "")
                key = self.table.resolve(text)
                if text.isdigit():
                    size = sympy.Integer(int(text))
                elif key is not None and self.table[key].kind == "dim":
                    size = self.table.dim(key)
            if sub is None or size is not None:
                out.append(self.place(self._identity_candidate(name, size), t0.pos))
                return j
        if followed_by_paren and name in self.probability_functions:
            self.note(f"`{name}` is a function everywhere in this formula: it is applied like a probability "
                      f"(`{name}(A \\mid B)`) somewhere in it")
            return self._apply_function(name, toks, j, out, t0)
        if base == r"\sigma" and not sub and followed_by_paren:
            self.note("`\\sigma(...)` is the logistic sigmoid (declare `\\sigma: scalar` for a standard deviation)")
            return self._named_function("sigmoid", toks, j, out, t0, primes=primes)
        if base == r"\Gamma" and not sub and not primes and followed_by_paren \
                and not self._looks_like_probability(toks, j):
            self.note("`\\Gamma(x)` is the gamma function (declare `\\Gamma` to use the letter otherwise)")
            return self._named_function("Gamma", toks, j, out, t0)
        if followed_by_paren and self._looks_like_probability(toks, j):
            self.note(f"`{name}(...)` with `|`, `\\mid` or `;` inside is a function (a probability or density)")
            return self._apply_function(name, toks, j, out, t0)
        if followed_by_paren and not sub:
            self.note(f"`{name}(...)` is `{name}` times the parenthesis, a product (declare `{name}: function` "
                      f"to apply it)")
        if sub is not None and not primes and self._is_index_subscript(sub, 1, strict=True, sizes=False):
            self.note(f"`{name}` is an entry of an undeclared array `{base_name}` (its subscript is an index)")
            # w_{ij} picks an entry of a matrix, w_{i,j} too; w_i and w_{i+1} of a vector
            letters = len(sub) > 1 and all(re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t.text) for t in sub)
            rank = len(sub) if letters else len(self.split_args(sub, {","}))
            self.undeclared.setdefault(base_name, "vector (subscripted by an index)" if rank == 1
                                       else "matrix (subscripted by two indices)" if rank == 2 else "array")
            out.append(self.place(self._indexed(base_name, sub, rank, declared=False), t0.pos))
            return j
        self.undeclared.setdefault(name, "scalar")
        out.append(self.place(sympy.Symbol(name, real=True), t0.pos))
        return j

    def _word(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
        """``\\operatorname{softmax}``, ``\\mathrm{tr}``, ``\\text{ReLU}`` -> (word, next index)."""
        if toks[i].text[1:] in WORDS or toks[i].text == r"\operatorname":
            g, j = self.group(toks, i + 1)
            if toks[i].text != r"\operatorname" and i + 1 < len(toks) and toks[i + 1].text == "{":
                raw = self.latex[toks[i + 1].pos + 1 : toks[j - 1].pos]
                if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", raw):
                    raise self.error(f"`{toks[i].text}{{{raw}}}` is prose, not a name: derivax reads one formula; "
                                     f"a name in upright letters is one word such as `\\mathrm{{lr}}`", toks[i])
            return "".join(t.text for t in g), j
        return None

    def _sample(self, base: str, index: str, j: int, out: list[_Piece], t0: Tok) -> int:
        """``x^{(i)}`` with ``i`` an index: the i-th sample, an entry of the vector ``x`` (declared or
        not). For a declared matrix there is no such reading; ``x^{(i)}`` declared as a name of its
        own is that name."""
        idx = self._index_symbol(index)
        key = self.table.resolve(base)
        self.note(f"`{base}^{{({index})}}` is the {index}-th sample, entry {index} of `{base}` (declare "
                  f"`{base}^{{({index})}}` to make it a name of its own)")
        if key is None:
            self.undeclared.setdefault(base, f"vector (its samples {base}^{{({index})}})")
            out.append(self.place(sympy.IndexedBase(base, real=True)[idx], t0.pos))
            return j
        d = self.table[key]
        if d.kind not in ("vector", "simplex"):
            raise self.error(f"`{base}^{{({index})}}` is the {index}-th sample of `{base}`, which is declared "
                             f"{d.kind}; declare `{base}` a vector (one value per sample) or declare "
                             f"`{base}^{{({index})}}` as a name of its own", t0)
        out.append(self.place(self.table.indexed(key)[idx], t0.pos))
        return j

    def _is_index_subscript(self, sub: list[Tok], rank: int, strict: bool = False, sizes: bool = True) -> bool:
        """True when a subscript picks entries (``i``, ``ij``, ``i,j``, ``i+1``, ``k``) rather than
        naming another symbol (``t``, ``0``, ``in``). A declared size (``n``) picks an entry of a
        declared array (``x_n``, the last one) but names a symbol of its own on an undeclared base
        (``\\mathcal{L}_K``) unless ``sizes``."""
        letters = [t.text for t in sub if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t.text)]
        if not letters:
            return not strict and all(t.text.isdigit() or t.text == "," for t in sub)
        if not sizes and all(self._is_size_name(x) for x in letters):
            return False
        return all(self._is_index_name(x) for x in letters)

    def _is_size_name(self, x: str) -> bool:
        key = self.table.resolve(x)
        return key is not None and self.table[key].kind == "dim" and x not in self.summation_vars

    def _is_index_name(self, x: str) -> bool:
        key = self.table.resolve(x)
        if key is not None:
            return self.table[key].kind in ("index", "dim")
        return x in self.summation_vars

    def _index_symbol(self, name: str) -> sympy.Symbol:
        key = self.table.resolve(name)
        if key is not None and self.table[key].kind in ("index", "dim"):
            return self.table.scalar(key)
        return sympy.Symbol(name, integer=True)

    def _indexed(self, name: str, sub: list[Tok], rank: int, declared: bool = True) -> sympy.Expr:
        parts = self.split_args(sub, {","})
        if len(parts) == 1 and rank >= 2 and all(len(t.text) == 1 or t.text.startswith("\\") for t in sub) \
                and len(sub) == rank:
            indices = [self._index_symbol(t.text) for t in sub]
        else:
            indices = [self._index_expr(p) for _, p in parts]
        if len(indices) != max(rank, 1):
            raise self.error(f"`{name}` has {rank} axes but the subscript gives {len(indices)} indices", sub[0])
        base = self.table.indexed(name) if declared else sympy.IndexedBase(name, real=True)
        return base[tuple(indices)]

    def _index_expr(self, toks: list[Tok]) -> sympy.Expr:
        if len(toks) == 1 and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", toks[0].text):
            return self._index_symbol(toks[0].text)
        return self.parse(toks, toks[0].pos if toks else 0)

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

    def _declared(self, name: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok,
                  primes: str = "") -> int:
        d = self.table[name]
        if d.kind == "function":
            return self._apply_function(d.name + primes, toks, j, out, t0, inherit=d.name)
        if j < len(toks) and toks[j].text == "(" and self._looks_like_probability(toks, j):
            raise self.error(f"`{d.name}` is declared `{d.kind}` but is applied like a function; "
                             f"declare it `function`", t0)
        if d.kind in ("scalar", "index", "dim"):
            obj: sympy.Basic = self.table.scalar(name)
        elif d.kind == "identity":
            obj = sympy.Identity(self.table.dim(d.shape[0]))
        else:
            obj = self._object_for(d)
        if primes:
            obj = sympy.Symbol(d.name + primes, **d.assumptions()) if d.rank == 0 else obj
        out.append(self.place(obj, t0.pos))
        return j

    def _looks_like_probability(self, toks: list[Tok], j: int) -> bool:
        """``(A \\mid B)``, ``(A | B)``, ``(x; \\theta)``, ``(p \\parallel q)``: separators no
        product has. Bars that pair up (``(|x| - 1)``) are absolute values, not a condition."""
        inside = [t.text for t in self._top_level(toks, j)]
        if any(x in (r"\mid", ";", r"\parallel") for x in inside):
            return True
        return inside.count("|") == 1

    # -- functions ----------------------------------------------------------------------------------
    def _call_args(self, toks: list[Tok], j: int) -> tuple[list[tuple[str, list[Tok]]], int]:
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        if not inner:
            raise self.error("empty argument list", toks[j])
        return self.split_args(inner, _SEPARATORS | {r"\|"}), k + 1

    def _apply_function(self, name: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok,
                        inherit: str | None = None) -> int:
        if j >= len(toks) or toks[j].text != "(":
            # an unspecified function named without arguments stands for its value
            obj = sympy.Symbol(name, real=True)
            out.append(self.place(obj, t0.pos))
            return j
        parts, j = self._call_args(toks, j)
        f = sympy.Function(name, real=True)
        args: list[sympy.Basic] = []
        given: list[sympy.Basic] = []
        conditioned = False
        for sep, part in parts:
            if not part:
                raise self.error("an empty argument", toks[j - 1])
            value = self.parse(part, part[0].pos)
            if sep in ("|", r"\mid"):
                conditioned = True
            (given if conditioned else args).append(value)
        if conditioned:
            args = [F.Given(*args, *given)] if len(args) == 1 else [F.Given(sympy.Tuple(*args), *given)]
        out.append(self.place(f(*args), t0.pos))
        return self._postfix_index(toks, j, out)

    def _postfix_index(self, toks: list[Tok], j: int, out: list[_Piece]) -> int:
        """``f(x)_k``: the k-th entry of a vector-valued application."""
        if j < len(toks) and toks[j].text == "_":
            sub, j2 = self.group(toks, j + 1)
            key = out[-1].text[len(r"\variable{") : -1]
            value = self.objects[key]
            indices = [self._index_expr(p) for _, p in self.split_args(sub, {","})]
            matrix_arg = isinstance(value, sympy.Basic) and any(
                isinstance(a, MatrixExpr) and a.shape[1] != 1 for a in getattr(value, "args", ()))
            if len(sub) == 2 and all(len(t.text) == 1 or t.text.startswith("\\") for t in sub) and (
                    matrix_arg or all(self._is_index_name(t.text) for t in sub)):
                # softmax(M)_{ij} of a matrix: row i, column j
                indices = [self._index_symbol(t.text) for t in sub]
            shape = None
            if isinstance(value, MatrixExpr):
                shape = (value.shape[0],) if len(indices) == 1 and value.shape[1] == 1 else value.shape
            self.objects[key] = sympy.IndexedBase(value, shape=shape)[tuple(indices)]
            return j2
        return j

    def _named_function(self, word: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok,
                        primes: str = "") -> int:
        power = None
        if j < len(toks) and toks[j].text == "^" and not primes:  # \tanh^2(x) is (\tanh x)^2
            g, j = self.group(toks, j + 1)
            power = self.parse(g, g[0].pos if g else t0.pos)
            if power == -1:  # \tan^{-1} x is the inverse function, as in every textbook
                if word == "exp":
                    raise self.error("`\\exp^{-1}` is not read; write `\\log`", t0)
                word, power = "a" + word, None
        if j >= len(toks):
            raise self.error(f"`\\{word}` needs an argument", t0)
        if toks[j].text == "{":  # \exp{x}, \tanh{(x)}: the braced group is the argument
            g, j = self.group(toks, j)
            args = [self.parse(g, g[0].pos if g else t0.pos)]
        elif toks[j].text == "(":
            parts, j = self._call_args(toks, j)
            args = [self.parse(p, p[0].pos if p else t0.pos) for _, p in parts]
        else:
            run, j = self.factor_run(toks, j)
            args = [self.parse(run, run[0].pos)]
        if primes:
            x = sympy.Dummy("x", real=True)
            fx = sympy.diff(self._ml_function(word, [x], t0), x, len(primes))
            value = elementwise(sympy.Lambda(x, fx), args[0]) if isinstance(args[0], MatrixExpr) \
                else fx.subs(x, args[0])
        elif word == "softmax" and isinstance(args[0], MatrixExpr) and not (j < len(toks) and toks[j].text == "_"):
            value = F.Softmax(args[0])
        elif word in _ELEMENTWISE and isinstance(args[0], MatrixExpr):
            x = sympy.Dummy("x", real=True)
            value = elementwise(sympy.Lambda(x, self._ml_function(word, [x], t0)), args[0])
        else:
            value = self._ml_function(word, args, t0)
        if power is not None:
            value = sympy.HadamardPower(value, power) if isinstance(value, MatrixExpr) else value ** power
        out.append(self.place(value, t0.pos))
        return self._postfix_index(toks, j, out)

    def _ml_function(self, word: str, args: list[sympy.Basic], t0: Tok) -> sympy.Basic:
        entry = F.BY_SPELLING.get(word) or F.BY_SPELLING.get(word.lower())
        if entry is not None and entry.nargs > 1:
            if len(args) != entry.nargs:
                raise self.error(f"`{word}` takes {entry.nargs} arguments, got {len(args)}", t0)
            return entry.sympy(*args)
        if len(args) != 1:
            raise self.error(f"`{word}` takes one argument, got {len(args)}", t0)
        (x,) = args
        if word in ("softmax",):
            return F.softmax(x)
        if word == "relu":
            return F.relu(x)
        if word == "sigmoid":
            return F.sigmoid(x)
        if word == "softplus":
            return sympy.log(1 + sympy.exp(x))
        if word in ("tr", "trace"):
            return sympy.Trace(x) if isinstance(x, MatrixExpr) else x
        if word == "det":
            return sympy.Determinant(x) if isinstance(x, MatrixExpr) else x
        if word == "diag":
            if isinstance(x, MatrixExpr) and x.shape[1] == 1:
                return sympy.DiagMatrix(x)
            if isinstance(x, MatrixExpr):
                return sympy.DiagonalOf(x)
            raise self.error("`diag` takes a vector or a matrix", t0)
        if word in ("logsumexp", "lse"):
            return sympy.log(self._sum_entries(x, sympy.exp, t0))
        if word in ("sign", "sgn"):
            return sympy.sign(x)
        if word in ("exp",):
            return sympy.exp(x)
        if word in ("log", "ln"):
            return sympy.log(x)
        if word in ("tanh", "sin", "cos", "tan", "sinh", "cosh", "atanh", "asin", "acos", "atan", "asinh", "acosh"):
            return getattr(sympy, word)(x)
        if word == "abs":
            return sympy.Abs(x)
        entry = F.BY_SPELLING.get(word) or F.BY_SPELLING.get(word.lower())
        if entry is not None:
            return entry.sympy(x)
        raise self.error(f"unknown function `{word}`", t0)

    def _rounding(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\lfloor x \\rfloor`` and ``\\lceil x \\rceil``."""
        t0 = toks[i]
        close = r"\rfloor" if t0.text == r"\lfloor" else r"\rceil"
        depth, k = 0, i + 1
        while k < len(toks) and not (toks[k].text == close and depth == 0):
            depth += toks[k].text == t0.text
            depth -= toks[k].text == close and depth > 0
            k += 1
        if k >= len(toks):
            raise self.error(f"`{t0.text}` is never closed by `{close}`", t0)
        if k == i + 1:
            raise self.error(f"`{t0.text} {close}` of what? It is empty", t0)
        inner = self.parse(toks[i + 1 : k], toks[i + 1].pos)
        f = sympy.floor if t0.text == r"\lfloor" else sympy.ceiling
        if isinstance(inner, MatrixExpr):
            value = elementwise(f, inner)
        else:
            value = f(inner)
        out.append(self.place(value, t0.pos))
        return k + 1

    def _binomial(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\binom{n}{k}``."""
        t0 = toks[i]
        n_toks, j = self.group(toks, i + 1)
        k_toks, j = self.group(toks, j)
        if not n_toks or not k_toks:
            raise self.error("`\\binom` takes two arguments, `\\binom{n}{k}`", t0)
        n, k = self.parse(n_toks, n_toks[0].pos), self.parse(k_toks, k_toks[0].pos)
        if isinstance(n, MatrixExpr) or isinstance(k, MatrixExpr):
            raise self.error("`\\binom` takes two scalars", t0)
        out.append(self.place(sympy.binomial(n, k), t0.pos))
        return j

    def _sum_entries(self, x: sympy.Basic, f, t0: Tok) -> sympy.Expr:
        if isinstance(x, MatrixExpr):
            i = sympy.Dummy("i", integer=True)
            rows, cols = x.shape
            if cols != 1:
                raise self.error("expected a vector here", t0)
            return sympy.Sum(f(x[i, 0]), (i, 0, rows - 1))
        raise self.error("expected a vector here", t0)

    def _log(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        j = i + 1
        base = None
        if j < len(toks) and toks[j].text == "_":
            g, j = self.group(toks, j + 1)
            base = self.parse(g, g[0].pos)
        if j < len(toks) and toks[j].text == "(":
            parts, j = self._call_args(toks, j)
            if len(parts) != 1:
                raise self.error("`\\log` takes one argument", t0)
            arg = self.parse(parts[0][1], parts[0][1][0].pos)
        elif j < len(toks) and toks[j].text == "{":
            # \log{(x)} y: the braced group is the argument (as SymPy prints it)
            group, j = self.group(toks, j)
            arg = self.parse(group, group[0].pos if group else t0.pos)
        else:
            run, j = self.factor_run(toks, j)
            arg = self.parse(run, run[0].pos)
        # \log is the natural logarithm, as in ML papers; \log_b x has base b
        if isinstance(arg, MatrixExpr):
            value = elementwise(sympy.log, arg)
        else:
            value = sympy.log(arg) if base is None else sympy.log(arg, base)
        out.append(self.place(value, t0.pos))
        return j

    def _function_head(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        x = t0.text
        j = i + 1
        if x in (r"\operatorname*", r"\operatorname"):
            g, j = self.group(toks, j)
            word = "".join(t.text for t in g if t.text not in (r"\,", r"\!"))
            x = {"argmax": r"\argmax", "argmin": r"\argmin", "arg\\max": r"\argmax",
                 "arg\\min": r"\argmin"}.get(word.replace(" ", ""), None)
            if x is None:
                if word.lower() in _FUNCTION_WORDS:
                    return self._named_function(word.lower(), toks, j, out, t0)
                raise self.error(f"unknown operator `\\operatorname*{{{word}}}`", t0)
        if x == r"\arg":
            if j < len(toks) and toks[j].text in (r"\max", r"\min"):
                x = r"\argmax" if toks[j].text == r"\max" else r"\argmin"
                j += 1
            else:
                raise self.error("`\\arg` must be followed by `\\max` or `\\min`", t0)
        if x in (r"\argmax", r"\argmin"):
            if j >= len(toks) or toks[j].text != "_":
                raise self.error(f"`{x}` needs the variable it optimizes over as a subscript", t0)
            g, j = self.group(toks, j + 1)
            var = self.parse(g, g[0].pos)
            end = self._expression_end(toks, j)
            body = self.parse(toks[j:end], toks[j].pos if j < len(toks) else t0.pos)
            cls = F.argmax if x == r"\argmax" else F.argmin
            out.append(self.place(cls(body, var), t0.pos))
            return end
        if x in (r"\max", r"\min") and j < len(toks) and toks[j].text == "_":
            return self._max_over(toks, i, out)
        if x in (r"\max", r"\min"):
            if j >= len(toks) or toks[j].text != "(":
                raise self.error(f"`{x}` needs its arguments in parentheses: `{x}(0, x)`", t0)
            parts, j = self._call_args(toks, j)
            args = [self.parse(p, p[0].pos if p else t0.pos) for _, p in parts]
            extreme = sympy.Max if x == r"\max" else sympy.Min
            arrays = [a for a in args if isinstance(a, MatrixExpr)]
            if len(arrays) == 1:  # \max(0, W x + b): entry by entry
                v = sympy.Dummy("x", real=True)
                value = elementwise(sympy.Lambda(v, extreme(*[v if a is arrays[0] else a for a in args])), arrays[0])
            elif arrays:
                raise self.error(f"`{x}` of two arrays is not read; write it entry by entry", t0)
            else:
                value = extreme(*args)
            out.append(self.place(value, t0.pos))
            return j
        if x == r"\det":
            return self._named_function("det", toks, j, out, t0)
        raise self.error(f"unknown command `{x}`", t0)

    def _term_end(self, toks: list[Tok], j: int) -> int:
        """The end of the term starting at ``toks[j]``: the next top-level ``+``, ``-`` or relation."""
        k = j
        while k < len(toks):
            t = toks[k].text
            if t in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, k, self.latex) + 1
                continue
            if t == r"\|":
                k = self._closing(toks, k, t) + 1
                continue
            if k > j and (t in ("+", "-", ",", ")", "]", "}", "&", r"\\") or t in _RELATIONS):
                break
            k += 1
        return k

    def _expression_end(self, toks: list[Tok], j: int) -> int:
        while j < len(toks) and toks[j].text not in _RELATIONS and toks[j].text != ",":
            if toks[j].text in ("{", "(", "[", r"\{", r"\langle"):
                j = find_close(toks, j, self.latex)
            j += 1
        return j

    # -- scripts, sums, integrals -----------------------------------------------------------------
    def _superscript(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        g, j = self.group(toks, i + 1)
        text = join_tokens([t.text for t in g]).replace(" ", "")
        neg = text.startswith("-")
        core = text[1:] if neg else text
        if core in {s.replace(" ", "") for s in _TRANSPOSE} and not (core == "T" and self.table.resolve("T")):
            marker = self.place(_MARK_T if core == "T" else _MARK_TOP, toks[i].pos)
            out.append(_Piece("^{" + ("-" if neg else "") + marker.text + "}", toks[i].pos))
            return j
        inner = self.rewrite(g)
        out.append(_Piece("^{", toks[i].pos))
        out.extend(inner)
        out.append(_Piece("}", toks[j - 1].pos))
        return j

    def _sum(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        j = i + 1
        lower: list[Tok] | None = None
        upper: list[Tok] | None = None
        while j < len(toks) and toks[j].text in ("_", "^"):
            g, j2 = self.group(toks, j + 1)
            if toks[j].text == "_":
                lower = g
            else:
                upper = g
            j = j2
        if lower is None:
            raise self.error(f"`{t0.text}` needs its index as a subscript, as in `{t0.text}_{{i=1}}^{{n}}`", t0)
        bounds: list[tuple[str, list[Tok] | None, list[Tok] | None, sympy.Basic | None]] = []
        parts = self.split_args(lower, {","})
        eq = [k for k, t in enumerate(lower) if t.text == "="]
        ins = [k for k, t in enumerate(lower) if t.text == r"\in"]
        if eq:
            var = lower[: eq[0]]
            bounds.append((self._index_var(var, t0), lower[eq[0] + 1 :], upper, None))
        elif ins:
            var, domain = lower[: ins[0]], lower[ins[0] + 1 :]
            if not domain:
                raise self.error("the set after `\\in` is missing", lower[ins[0]])
            set_name = join_tokens([t.text for t in domain])
            key = self.table.resolve(set_name.replace(" ", ""))
            if key is not None and self.table[key].kind in ("vector", "simplex"):
                # x \in X for a declared vector X: x runs over its entries
                self.members[len(self.ranges) + len(bounds)] = key
                size = self.table.dim(self.table[key].shape[0])
            else:
                size = sympy.Symbol(f"|{set_name}|", integer=True, positive=True)
            bounds.append((self._index_var(var, t0), None, None, size))
        else:
            for k, (_, part) in enumerate(parts):
                bounds.append((self._index_var(part, t0), None, upper if len(parts) == 1 else None, None))
        for name, lo, hi, size in bounds:
            self.summation_vars.add(name)
            var_piece = self.place(self._index_symbol(name), t0.pos)
            lo_pieces = self.rewrite(lo) if lo else [_Piece("1", t0.pos)]
            if hi:
                hi_pieces = self.rewrite(hi)
            else:
                marker = sympy.Symbol(f"{_MARK_RANGE}{len(self.ranges)}")
                self.ranges[marker.name] = (self._index_symbol(name), size)
                hi_pieces = [self.place(marker, t0.pos)]
            out.append(_Piece(t0.text + "_{", t0.pos))
            out.append(var_piece)
            out.append(_Piece("=", t0.pos))
            out.extend(lo_pieces)
            out.append(_Piece("}^{", t0.pos))
            out.extend(hi_pieces)
            out.append(_Piece("}", t0.pos))
        return j

    def _expectation(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        r"""``\mathbb{E}_{x \sim p}[f(x)]`` (or ``\mathbb{E}_{p(x)}[f(x)]``). When ``p`` is a declared
        simplex, ``x`` ranges over its categories: ``\sum_x p_x f(x)``. Otherwise ``p`` is a density
        (a function, the default for an undeclared name; ``\mathcal{N}(\mu, \sigma^2)`` is
        ``\mathcal{N}(x; \mu, \sigma^2)``): ``\int p(x) f(x) dx`` over the real line."""
        t0 = toks[i]
        g, j = self.group(toks, i + 1)
        letter = "".join(t.text for t in g)
        if letter != "E":
            raise self.error(f"`\\mathbb{{{letter}}}` is not read; the blackboard letter derivax reads is the "
                             "expectation `\\mathbb{E}_{x \\sim p}[f(x)]`", t0)
        if j >= len(toks) or toks[j].text != "_":
            raise self.error("an expectation names its variable and distribution: `\\mathbb{E}_{x \\sim p}[f(x)]`",
                             t0)
        sub, j = self.group(toks, j + 1)
        if j >= len(toks) or toks[j].text not in ("[", "("):
            raise self.error("the expectation's argument goes in brackets: `\\mathbb{E}_{x \\sim p}[f(x)]`",
                             toks[j] if j < len(toks) else t0)
        k = find_close(toks, j, self.latex)
        body_toks = toks[j + 1 : k]
        if not body_toks:
            raise self.error("the expectation of what? The brackets are empty", toks[j])
        texts = [t.text for t in sub]
        if r"\sim" in texts:
            m = texts.index(r"\sim")
            var_toks, dist_toks = sub[:m], sub[m + 1 :]
        elif "(" in texts and texts[-1] == ")":  # E_{p(x)}
            m = texts.index("(")
            var_toks, dist_toks = sub[m + 1 : -1], sub[:m]
        else:
            raise self.error("write the expectation's subscript as `x \\sim p` or `p(x)`", sub[0] if sub else t0)
        if not var_toks or not dist_toks:
            raise self.error("write the expectation's subscript as `x \\sim p` or `p(x)`", sub[0] if sub else t0)
        var_name = self._index_var(var_toks, t0)
        dist_texts = [t.text for t in dist_toks]
        key = self.table.resolve(join_tokens(dist_texts).replace(" ", "")) if "(" not in dist_texts else None
        decl = self.table[key] if key is not None else None
        if decl is not None and decl.kind == "simplex":
            declared = self.table.resolve(var_name)
            if declared is not None and self.table[declared].kind not in ("index",):
                raise self.error(f"`{var_name}` ranges over the categories of the distribution `{key}`; it is "
                                 f"declared {self.table[declared].kind}, declare it an index", var_toks[0])
            self.summation_vars.add(var_name)
            idx = self._index_symbol(var_name)
            body = self.parse(body_toks, body_toks[0].pos)
            value = sympy.Sum(self.table.indexed(key)[idx] * body, (idx, 1, self.table.dim(decl.shape[0])))
        else:
            if decl is not None and decl.kind != "function":
                raise self.error(f"`{key}` is declared {decl.kind}; an expectation needs a distribution: a "
                                 "function (a density) or a simplex (categories)", dist_toks[0])
            if dist_texts[-1] == ")" and "(" in dist_texts:  # \mathcal{N}(\mu, \sigma^2): x comes first
                o = dist_texts.index("(")
                density_toks = [*dist_toks[: o + 1], *var_toks, Tok(";", var_toks[0].pos), *dist_toks[o + 1 :]]
                name_toks = dist_toks[:o]
            else:
                density_toks = [*dist_toks, Tok("(", var_toks[0].pos), *var_toks, Tok(")", var_toks[-1].pos)]
                name_toks = dist_toks
            try:
                base, s_, sup, primes, _ = self._read_name(name_toks, 0)
                self.probability_functions.add(self._full_name(base, s_, sup, primes))
            except (ParseError, IndexError):
                pass
            var = self.parse(var_toks, var_toks[0].pos)
            if not isinstance(var, sympy.Symbol):
                raise self.error("the variable of an expectation over a density is one scalar name", var_toks[0])
            density = self.parse(density_toks, dist_toks[0].pos)
            body = self.parse(body_toks, body_toks[0].pos)
            value = sympy.Integral(density * body, (var, -sympy.oo, sympy.oo))
        out.append(self.place(value, t0.pos))
        return k + 1

    def _max_over(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        r"""``\max_{i} z_i``, ``\max_{i=1}^{n}``, ``\max_{1 \le i \le n}``: written as a sum (so that
        the body ends where a sum's would) whose range marker says it is a maximum."""
        t0 = toks[i]
        g, j = self.group(toks, i + 2)  # past `\max _`
        upper = None
        if j < len(toks) and toks[j].text == "^":
            upper, j = self.group(toks, j + 1)
        texts = [t.text for t in g]
        if sum(t in (r"\le", "<") for t in texts) == 2:
            a, b = [k for k, t in enumerate(texts) if t in (r"\le", "<")]
            lo_toks, var_toks, hi_toks = g[:a], g[a + 1 : b], g[b + 1 :]
            strict = [texts[a] == "<", texts[b] == "<"]
        elif "=" in texts:
            k = texts.index("=")
            var_toks, lo_toks, hi_toks, strict = g[:k], g[k + 1 :], upper, [False, False]
        elif r"\in" in texts:
            raise self.error(f"`{t0.text}` over a set is not read; write the range, `{t0.text}_{{1 \\le i \\le n}}`",
                             g[texts.index(r"\in")])
        else:
            var_toks, lo_toks, hi_toks, strict = g, None, upper, [False, False]
        if not var_toks or (lo_toks is not None and not lo_toks) or (hi_toks is not None and not hi_toks):
            raise self.error(f"`{t0.text}` over an index: write `{t0.text}_{{i}}`, `{t0.text}_{{i=1}}^{{n}}` or "
                             f"`{t0.text}_{{1 \\le i \\le n}}`", t0)
        name = self._index_var(var_toks, t0)
        declared = self.table.resolve(name)
        if declared is not None and self.table[declared].kind not in ("index",):
            raise self.error(f"`{name}` is declared {self.table[declared].kind}; the variable of "
                             f"`{t0.text}_{{...}}` is an index", var_toks[0])
        self.summation_vars.add(name)
        lo = self.parse(lo_toks, lo_toks[0].pos) + (1 if strict[0] else 0) if lo_toks else sympy.Integer(1)
        hi = self.parse(hi_toks, hi_toks[0].pos) - (1 if strict[1] else 0) if hi_toks else None
        marker = sympy.Symbol(f"{_MARK_RANGE}{len(self.ranges)}")
        self.ranges[marker.name] = (self._index_symbol(name), hi)
        self.extrema[marker.name] = F.IndexMax if t0.text == r"\max" else F.IndexMin
        out += [_Piece(r"\sum_{", t0.pos), self.place(self._index_symbol(name), t0.pos), _Piece("=", t0.pos),
                self.place(lo, t0.pos), _Piece("}^{", t0.pos), self.place(marker, t0.pos), _Piece("}", t0.pos)]
        return j

    def _index_var(self, toks: list[Tok], t0: Tok) -> str:
        texts = [t.text for t in toks]
        if not texts:
            raise self.error("the summation index is missing", t0)
        try:
            base, j = canonical_base(texts, 0)
        except SymbolError as e:
            raise self.error(f"cannot read the summation index: {e}", toks[0]) from None
        if j != len(texts):
            name = self._full_name(*self._read_name(toks, 0)[:4])
            return name
        return base

    def _integral(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        j = i + 1
        lo = hi = None
        while j < len(toks) and toks[j].text in ("_", "^"):
            g, j2 = self.group(toks, j + 1)
            if toks[j].text == "_":
                lo = g
            else:
                hi = g
            j = j2
        # find the differential d<var> that closes the integrand
        k = j
        while k < len(toks):
            x = toks[k].text
            if x in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, k, self.latex) + 1
                continue
            is_d = x == "d" or (x in (r"\mathrm", r"\operatorname", r"\text") and k + 3 < len(toks)
                                and toks[k + 1].text == "{" and toks[k + 2].text == "d" and toks[k + 3].text == "}")
            width = 1 if x == "d" else 4
            if is_d and k + width < len(toks) and self._starts_name(toks[k + width].text) and k > j:
                base, sub, sup, primes, end = self._read_name(toks, k + width)
                var_name = self._full_name(base, sub, sup, primes)
                var = self.table.scalar(var_name) if self.table.resolve(var_name) else sympy.Symbol(var_name, real=True)
                body = self.parse(toks[j:k], toks[j].pos)
                body = body.xreplace({sympy.Symbol(var_name, real=True): var})
                limits = (var,)
                if lo is not None and hi is not None:
                    limits = (var, self.parse(lo, lo[0].pos), self.parse(hi, hi[0].pos))
                out.append(self.place(sympy.Integral(body, limits), t0.pos))
                return end
            if x in _RELATIONS:
                break
            k += 1
        raise self.error("this integral has no differential such as `\\,dx` at its end", t0)

    # -- derivatives ----------------------------------------------------------------------------------
    def _is_derivative(self, toks: list[Tok], i: int) -> bool:
        if i + 1 >= len(toks) or toks[i + 1].text != "{":
            return False
        num, _ = self.group(toks, i + 1)
        return bool(num) and (num[0].text == r"\partial" or (num[0].text == "d" and (
            len(num) == 1 or self._starts_name(num[1].text) or num[1].text == "^")))

    def _derivative(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        num, j = self.group(toks, i + 1)
        den, j = self.group(toks, j)
        order = 1
        body_toks = num[1:]
        if body_toks and body_toks[0].text == "^":
            g, k = self.group(body_toks, 1)
            order = int("".join(t.text for t in g)) if "".join(t.text for t in g).isdigit() else 1
            body_toks = body_toks[k:]
        if not den or den[0].text not in (r"\partial", "d"):
            raise self.error("the denominator of a derivative must read `\\partial x` or `dx`", t0)
        var_toks = den[1:]
        if var_toks and var_toks[-1].text == "}" or (len(var_toks) >= 2 and var_toks[-2].text == "^"):
            var_toks = var_toks[:-2] if var_toks[-2].text == "^" else var_toks
        var = self.parse(var_toks, var_toks[0].pos if var_toks else t0.pos)
        if body_toks:
            body = self.parse(body_toks, body_toks[0].pos)
            written = num
        else:
            # the operator form d/dx applies to the rest of the term
            end = self._term_end(toks, j)
            if end == j:
                raise self.error("this derivative needs an expression to act on", t0)
            body = self.parse(toks[j:end], toks[j].pos)
            written = [*num, *toks[j:end]]
            j = end
        # an opaque derivative is named as written with the body on top: \frac{d}{dt} x is \frac{dx}{dt}
        name = join_tokens([r"\frac", "{", *(t.text for t in written), "}", "{", *(t.text for t in den), "}"])
        var_span = (var_toks[0].pos, var_toks[-1].pos + len(var_toks[-1].text)) if var_toks else (0, 0)
        out.append(self.place(self._derivative_of(body, var, order, t0, name, var_span), t0.pos))
        return j

    def _derivative_of(self, body, var, order, t0, name: str, var_span=(0, 0)) -> sympy.Basic:
        var_start, var_end = var_span
        if isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef)) and not body.has(var) \
                or isinstance(var, MatrixExpr):
            # the derivative of an unspecified quantity is itself an unspecified quantity
            if not isinstance(var, MatrixExpr):
                self.note(f"`{name}`: `{body}` does not depend on `{var}` as written, so the derivative is "
                          f"an input of its own (declare `{body}` a function and write `{body}({var})` to "
                          f"differentiate it)")
            if isinstance(var, MatrixExpr) and not isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef)):
                return F.Gradient(body, var)
            if isinstance(var, MatrixExpr):
                return sympy.MatrixSymbol(name, *var.shape)
            if isinstance(var, sympy.Indexed):
                # \partial L / \partial W_{jk} is entry (j, k) of the array \partial L / \partial W
                whole = name.replace(self.latex[var_start:var_end], str(var.base.label))
                return sympy.IndexedBase(whole, shape=var.base.shape)[var.indices]
            return sympy.Symbol(name, real=True)
        return sympy.Derivative(body, (var, order))

    def _nabla(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        j = i + 1
        if j >= len(toks) or toks[j].text != "_":
            raise self.error("write the variable of a gradient as a subscript: `\\nabla_{\\theta} L`", t0)
        g, j = self.group(toks, j + 1)
        var = self.parse(g, g[0].pos)
        start = j
        end = self._term_end(toks, j)
        if end == start:
            raise self.error("this gradient needs an expression to act on", t0)
        body = self.parse(toks[start:end], toks[start].pos)
        if isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef)) and not body.has(var) \
                or isinstance(body, sympy.core.function.AppliedUndef):
            # the gradient of an unspecified function is itself unspecified: a named input
            name = "\\nabla_{" + sympy.latex(var) + "} " + join_tokens([t.text for t in toks[start:end]])
            shape = var.shape if isinstance(var, MatrixExpr) else None
            arrays = [a for a in getattr(body, "args", ()) if isinstance(a, MatrixExpr)]
            if shape is None and len(arrays) == 1 and not self.table.resolve(str(var)):
                # \nabla_\theta L(\theta_t) with only \theta_t declared: shaped like \theta_t
                shape = arrays[0].shape
            obj = sympy.MatrixSymbol(name, *shape) if shape is not None else sympy.Symbol(name, real=True)
            out.append(self.place(obj, t0.pos))
            return end
        if isinstance(var, MatrixExpr):
            # a claim about a gradient: kept unevaluated until the verifier takes it
            out.append(self.place(F.Gradient(body, var), t0.pos))
        else:
            out.append(self.place(sympy.Derivative(body, var), t0.pos))
        return end

    # -- delimiters ----------------------------------------------------------------------------------
    def _closing(self, toks: list[Tok], i: int, delim: str) -> int:
        """The bar closing ``toks[i]``; bars written with a side (``\\left|``, ``\\rvert``) nest."""
        depth = bars = 0
        for k in range(i + 1, len(toks)):
            x = toks[k].text
            if x in ("{", "(", "[", r"\langle"):
                depth += 1
            elif x in ("}", ")", "]", r"\rangle"):
                depth -= 1
                if depth < 0:
                    break
            elif x == delim and depth == 0:
                if toks[k].side == "open" and toks[i].side == "open":
                    bars += 1
                elif bars:
                    bars -= 1
                else:
                    return k
        raise self.error(f"`{delim}` is never closed", toks[i])

    def _norm(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = self._closing(toks, i, r"\|")
        inner = self.parse(toks[i + 1 : k], toks[i].pos)
        j = k + 1
        p = None
        if j < len(toks) and toks[j].text == "_":
            g, j = self.group(toks, j + 1)
            p = join_tokens([t.text for t in g]).replace(" ", "")
        out.append(self.place(self._norm_of(inner, p, toks[i]), toks[i].pos))
        return j

    def _norm_of(self, v: sympy.Basic, p: str | None, t0: Tok) -> sympy.Expr:
        if not isinstance(v, MatrixExpr):
            return sympy.Abs(v)
        rows, cols = v.shape
        if cols != 1 and rows != 1 and p in (None, "2"):
            if p is None:
                raise self.error("`\\|A\\|` of a matrix has two common readings: write `\\|A\\|_2` for the "
                                 "spectral norm or `\\|A\\|_F` for the Frobenius norm", t0)
            return F.spectral_norm(v)
        p = p or "2"
        if p in ("2", "F", r"\mathrm{F}", "Fro"):
            if cols == 1:
                return sympy.sqrt(as_scalar(v.T * v))
            return sympy.sqrt(sympy.Trace(v.T * v))
        if p == "1" and cols == 1:
            # the entry of a compound vector stays an entry (not expanded into W[i, j] v[j] sums)
            i = sympy.Dummy("i", integer=True)
            distributed = v.replace(
                lambda e: isinstance(e, sympy.MatMul) and any(isinstance(a, sympy.MatAdd) for a in e.args),
                lambda e: e.expand())
            for form in (v, distributed):
                try:  # SymPy cannot take Abs of an entry of W (v - u); of W v - W u it can
                    return sympy.Sum(sympy.Abs(MatrixElement(form, i, 0)), (i, 0, rows - 1))
                except (TypeError, ValueError, NotImplementedError):
                    continue
            return sympy.Sum(sympy.Abs(v[i, 0]), (i, 0, rows - 1))
        raise self.error(f"the norm `_{p}` is not read yet; derivax reads `_1`, `_2` and `_F`", t0)

    def _abs(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = self._closing(toks, i, "|")
        inner = self.parse(toks[i + 1 : k], toks[i].pos)
        if isinstance(inner, MatrixExpr) and inner.shape[0] == inner.shape[1] and inner.shape[0] != 1:
            value = sympy.Determinant(inner)
        elif isinstance(inner, MatrixExpr):
            value = sympy.Abs(as_scalar(inner))
        else:
            value = sympy.Abs(inner)
        out.append(self.place(value, toks[i].pos))
        return k + 1

    def _inner(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        k = find_close(toks, i, self.latex)
        parts = self.split_args(toks[i + 1 : k], {","})
        if len(parts) != 2:
            raise self.error("an inner product `\\langle x, y \\rangle` takes two arguments", toks[i])
        a, b = (self.parse(p, p[0].pos if p else toks[i].pos) for _, p in parts)
        value = as_scalar(a.T * b) if isinstance(a, MatrixExpr) else a * b
        out.append(self.place(value, toks[i].pos))
        return k + 1

    def _environment(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        g, j = self.group(toks, i + 1)
        env = "".join(t.text for t in g)
        end = j
        depth = 1
        while end < len(toks):
            if toks[end].text == r"\begin":
                depth += 1
            elif toks[end].text == r"\end":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        if end >= len(toks):
            raise self.error(f"`\\begin{{{env}}}` has no `\\end{{{env}}}`", toks[i])
        g2, after = self.group(toks, end + 1)
        if "".join(t.text for t in g2) != env:
            raise self.error(f"`\\begin{{{env}}}` is closed by `\\end{{{''.join(t.text for t in g2)}}}`", toks[end])
        body = toks[j:end]
        rows = self._rows(body)
        if env == "cases":
            out.append(self.place(self._cases(rows, toks[i]), toks[i].pos))
        elif env in ("bmatrix", "pmatrix", "matrix", "Bmatrix"):
            cells = [[self.parse(c, c[0].pos if c else toks[i].pos) for c in row] for row in rows]
            widths = {len(r) for r in cells}
            if len(widths) != 1:
                raise self.error("the rows of this matrix have different lengths", toks[i])
            out.append(self.place(sympy.ImmutableMatrix(cells), toks[i].pos))
        else:
            raise self.error(f"the environment `{env}` is not read; derivax reads bmatrix, pmatrix, "
                             f"matrix and cases", toks[i])
        return after

    def _rows(self, body: list[Tok]) -> list[list[list[Tok]]]:
        rows: list[list[list[Tok]]] = [[[]]]
        k = 0
        while k < len(body):
            x = body[k].text
            if x in ("{", "(", "[") :
                c = find_close(body, k, self.latex)
                rows[-1][-1].extend(body[k : c + 1])
                k = c + 1
                continue
            if x == r"\\":
                rows.append([[]])
            elif x == "&":
                rows[-1].append([])
            else:
                rows[-1][-1].append(body[k])
            k += 1
        return [r for r in rows if any(r)]

    def _cases(self, rows, t0: Tok) -> sympy.Piecewise:
        pieces = []
        for row in rows:
            if len(row) != 2:
                raise self.error("each row of `cases` reads `value & condition`", t0)
            value, cond = row
            cond = [t for t in cond if t.text not in (",",)]
            texts = []
            kept: list[Tok] = []
            k = 0
            while k < len(cond):
                if cond[k].text in (r"\text", r"\mathrm", r"\textrm") and k + 1 < len(cond):
                    g, k2 = self.group(cond, k + 1)
                    texts.append("".join(t.text for t in g))
                    k = k2
                    continue
                kept.append(cond[k])
                k += 1
            words = " ".join(texts).lower()
            if not kept and ("otherwise" in words or "else" in words):
                c = sympy.true
            elif kept:
                c = self.parse(kept, kept[0].pos)
            else:
                raise self.error("a `cases` row needs a condition or `\\text{otherwise}`", t0)
            pieces.append((self.parse(value, value[0].pos if value else t0.pos), c))
        return sympy.Piecewise(*pieces)

    # -- back from the skeleton --------------------------------------------------------------------------
    def rebuild(self, e: sympy.Basic, pos: int) -> sympy.Basic:
        r = self.rebuild
        if isinstance(e, sympy.Symbol):
            name = self.alias.get(e.name, e.name)
            if name in self.objects:
                return self.objects[name]
            if e.name == "E":
                return sympy.E
            raise self.error(f"cannot read `{e.name}`", pos)
        if isinstance(e, sympy.Float):
            return sympy.Rational(str(e))
        if e.is_Atom:
            return e
        if isinstance(e, sympy.UnevaluatedExpr):
            return r(e.args[0], pos)
        if isinstance(e, sympy.Add):
            args = [r(a, pos) for a in e.args]
            total = args[0]
            for a in args[1:]:
                total = self._combine(total, a, "+", pos)
            return total
        if isinstance(e, sympy.Mul):
            return self._product([r(a, pos) for a in e.args], pos)
        if isinstance(e, sympy.Pow):
            base, exp = r(e.base, pos), r(e.exp, pos)
            if exp in (_MARK_TOP, -_MARK_TOP, _MARK_T, -_MARK_T):
                if not isinstance(base, MatrixExpr) and exp in (_MARK_T, -_MARK_T):
                    # ^T of a scalar is a power: 2^T, \gamma^T (T a number of steps)
                    self.note("`^T` of a scalar is the power T, not a transpose (a transpose needs a "
                              "declared vector or matrix)")
                    self.undeclared.setdefault("T", "scalar")
                    power = sympy.Symbol("T", real=True)
                    return base ** (-power if exp == -_MARK_T else power)
                t = base.T if isinstance(base, MatrixExpr) else base
                return sympy.Inverse(t) if exp in (-_MARK_TOP, -_MARK_T) else t
            if base == sympy.E and isinstance(exp, MatrixExpr):
                return elementwise(sympy.exp, exp)
            if isinstance(base, MatrixExpr):
                if base.shape == (1, 1):
                    return base[0, 0] ** exp
                rows, cols = base.shape
                if cols == 1 or rows == 1:
                    # a power of a vector is taken entry by entry: v^2, \sqrt{v}, 1/v
                    self.note("a power, root or reciprocal of a vector is taken entry by entry")
                    return sympy.HadamardPower(base, exp)
                if rows != cols and not sympy.simplify(rows - cols) == 0:
                    raise self.error(f"a power of a {rows} x {cols} matrix, which is not square; write "
                                     f"`A \\odot A` for the entrywise square", pos)
                if exp == -1:
                    return sympy.Inverse(base)
                if not exp.is_Integer:
                    self.note(f"`^{{{exp}}}` of a square matrix is the matrix power (the principal root for "
                              f"`^{{1/2}}`), not a power of its entries")
                return sympy.MatPow(base, exp)
            if _too_large(base, exp):
                # 2^{30^5} has 7 million digits: refused before any arithmetic touches it
                raise self.error("this number is too large to work with (more than 1,000 digits)", pos)
            return base**exp
        if isinstance(e, (sympy.Sum, sympy.Product)):
            body = r(e.function, pos)
            limits = []
            kind = type(e)
            for var, lo, hi in e.limits:
                var, lo, hi = r(var, pos), r(lo, pos), r(hi, pos)
                if isinstance(hi, sympy.Symbol) and hi.name.startswith(_MARK_RANGE):
                    kind = self.extrema.get(hi.name, kind)   # \max_i is read as a sum, then renamed
                    member_of = self.members.get(int(hi.name[len(_MARK_RANGE):]))
                    if member_of is not None:
                        body = body.xreplace({var: self.table.indexed(member_of)[var]})
                    hi = self._range(hi, var, body, pos)
                limits.append((var, lo, hi))
            return kind(body, *limits)
        if isinstance(e, sympy.Integral):
            return sympy.Integral(r(e.function, pos), *[tuple(r(x, pos) for x in lim) for lim in e.limits])
        if isinstance(e, sympy.core.relational.Relational):
            lhs, rhs = r(e.lhs, pos), r(e.rhs, pos)
            return type(e)(lhs, rhs, evaluate=False)
        if isinstance(e, sympy.And):
            return sympy.And(*[r(a, pos) for a in e.args], evaluate=False)
        if isinstance(e, sympy.MatrixBase):
            return sympy.ImmutableMatrix(e.rows, e.cols, [r(a, pos) for a in e])
        if isinstance(e, sympy.log):
            args = [r(a, pos) for a in e.args]
            return sympy.log(*args)
        if isinstance(e, sympy.Function) and not isinstance(e, sympy.core.function.AppliedUndef):
            args = [r(a, pos) for a in e.args]
            if isinstance(e, (sympy.factorial, sympy.factorial2)) and args[0].is_number and \
                    args[0].is_real and abs(args[0]) > 1000:
                return e.func(*args, evaluate=False)  # (10^8)! stays as written
            return e.func(*args)
        if isinstance(e, sympy.Tuple):
            raise self.error("a comma-separated list where one expression was expected", pos)
        raise self.error(f"cannot read this ({type(e).__name__})", pos)

    def _range(self, marker: sympy.Symbol, var: sympy.Symbol, body: sympy.Basic, pos: int) -> sympy.Expr:
        _, size = self.ranges[marker.name]
        if size is not None:
            return size
        for ix in body.atoms(sympy.Indexed):
            shape = ix.base.shape
            for axis, index in enumerate(ix.indices):
                if index == var and shape is not None and axis < len(shape):
                    return shape[axis]
        dims = [name for name in self.table if self.table[name].kind == "dim"]
        if len(dims) == 1:
            return self.table.dim(dims[0])
        raise self.error(f"cannot tell the range of the summation index `{var}`; write the bounds, "
                         f"as in `\\sum_{{{var}=1}}^{{n}}`", pos)

    def _combine(self, a, b, op: str, pos: int):
        am, bm = isinstance(a, MatrixExpr), isinstance(b, MatrixExpr)
        if am and bm and a.shape != b.shape and not (a.shape[0].free_symbols or b.shape[0].free_symbols):
            raise self.error(f"cannot add a {a.shape} matrix to a {b.shape} matrix", pos)
        if am != bm:
            m = a if am else b
            s = b if am else a
            eye = self.identity_for(s, m, "sum", pos)
            if eye is not None:
                return a + eye if am else eye + b
            if m.shape == (1, 1):
                return as_scalar(m) + s
            if s == 0:
                return m
            # a scalar added to a vector or matrix is added to every entry, as in NumPy
            return s * sympy.OneMatrix(*m.shape) + m
        return a + b

    def _product(self, args: list[sympy.Basic], pos: int) -> sympy.Basic:
        result: sympy.Basic | None = None
        k = 0
        while k < len(args):
            a = args[k]
            if a == _MARK_ODOT:
                if result is None or k + 1 >= len(args):
                    raise self.error("`\\odot` needs an operand on each side", pos)
                b = args[k + 1]
                if isinstance(result, MatrixExpr) and isinstance(b, MatrixExpr):
                    result = sympy.HadamardProduct(result, b)
                else:
                    result = result * b
                k += 2
                continue
            if result is not None and isinstance(a, MatrixExpr) and not isinstance(result, MatrixExpr):
                eye = self.identity_for(result, a, "left", pos)
                result = result if eye is None else eye
            elif isinstance(result, MatrixExpr) and not isinstance(a, MatrixExpr):
                eye = self.identity_for(a, result, "right", pos)
                a = a if eye is None else eye
            if result is None:
                result = a
            elif isinstance(result, MatrixExpr) and isinstance(a, MatrixExpr):
                if result.shape == a.shape and result.shape[1] == 1 and result.shape[0] != 1 \
                        and _reciprocal(a):
                    # m / (\sqrt{v} + \epsilon) of two vectors: entry by entry
                    self.note("a fraction of two vectors is divided entry by entry")
                    result = sympy.HadamardProduct(result, a)
                elif result.shape == a.shape and result.shape[1] == 1 and result.shape[0] != 1:
                    result = as_scalar(_times(result.T, a))  # x \cdot y of two vectors: the dot product
                elif result.shape[1] != a.shape[0] and result.shape == (1, 1):
                    result = _times(as_scalar(result), a)
                elif result.shape[1] != a.shape[0] and a.shape == (1, 1):
                    result = _times(result, as_scalar(a))
                else:
                    result = _times(result, a)
            elif _is_one_by_one(result) and not isinstance(a, MatrixExpr):
                result = as_scalar(result) * a   # a scalar times x^T y: a scalar, not a 1 x 1 matrix
            elif _is_one_by_one(a) and not isinstance(result, MatrixExpr):
                result = result * as_scalar(a)
            else:
                result = _times(result, a)
            k += 1
        if isinstance(result, MatrixExpr) and result.shape == (1, 1) and not isinstance(result, sympy.MatrixSymbol):
            return as_scalar(result)
        return result


#: a function written without parentheses takes the factors up to the next of these (another
#: function written without parentheses starts a factor of its own: \sin x \cos x)
_RUN_STOPS = frozenset({r"\log", r"\ln", r"\exp", r"\mid", r"\sin", r"\cos", r"\tan", r"\sinh", r"\cosh",
                        r"\tanh", r"\det", r"\arcsin", r"\arccos", r"\arctan"})
_ARG_WORDS = frozenset({"argmax", "argmin", "arg\\max", "arg\\min"})
_TERM_BREAKS = frozenset({"+", "-", ",", "&", r"\\", *_RELATIONS})
_HADAMARD = frozenset({r"\odot", r"\circ"})


def split_top_level(toks: list[Tok], at: frozenset[str]) -> tuple[list[list[Tok]], list[Tok]]:
    """``toks`` cut at the tokens in ``at`` that stand outside every bracket, norm and absolute
    value; the parts and the tokens cut at."""
    parts: list[list[Tok]] = [[]]
    cuts: list[Tok] = []
    depth, in_norm, in_abs = 0, False, False
    for t in toks:
        x = t.text
        if x in ("(", "[", "{", r"\{", r"\langle"):
            depth += 1
        elif x in (")", "]", "}", r"\}", r"\rangle"):
            depth -= 1
        elif x == r"\|":
            in_norm = not in_norm
        elif x == "|":
            in_abs = t.side == "open" or (not t.side and not in_abs)
        if x in at and depth == 0 and not in_norm and not in_abs:
            cuts.append(t)
            parts.append([])
        else:
            parts[-1].append(t)
    return parts, cuts


def _reciprocal(m) -> bool:
    """An entrywise reciprocal (``1/v`` read as ``v^{\\circ -1}``)."""
    return isinstance(m, sympy.HadamardPower) and m.exp.is_number and m.exp < 0


def _times(a, b):
    """``a b``; with a matrix, a MatMul whose scalar factors stay as written (``a * b`` would call
    ``doit`` on them, expanding a 1-norm's entries into sums)."""
    if isinstance(a, MatrixExpr) or isinstance(b, MatrixExpr):
        return sympy.MatMul(a, b).doit(deep=False)
    return a * b


def _is_one_by_one(m) -> bool:
    return isinstance(m, MatrixExpr) and m.shape == (1, 1) and not isinstance(m, sympy.MatrixSymbol)


#: read plain arithmetic skeletons directly (False: every skeleton goes to latex2sympy; the tests
#: compare the two)
FAST_SKELETONS = True
_PLACEHOLDER = re.compile(r"\\variable\{(p\d+)\}")
#: latex2sympy's readings of placeholder skeletons, shared by every formula (bounded)
_READINGS: dict[str, sympy.Basic] = {}

#: deeper nesting than any formula a person writes; refused before the recursive reading starts
MAX_DEPTH = 100


def _too_large(base, exp) -> bool:
    """A numeric power whose value would have more than about a thousand digits."""
    if not (base.is_number and exp.is_number):
        return False
    try:
        exp_size = abs(float(exp))
        base_size = abs(float(base))
    except OverflowError:
        return True
    except TypeError:  # no float value (an unevaluated function): SymPy leaves the power alone too
        return False
    if base_size in (0.0, 1.0):
        return False
    import math

    return exp_size * abs(math.log10(base_size)) > 1000


def _check_balance(toks: list[Tok], latex: str) -> None:
    """Unbalanced braces and parentheses are reported where they open (or close), before any
    other reading: that is where the author has to look."""
    pairs = {"(": ")", "{": "}"}
    stack: list[Tok] = []
    for t in toks:
        if t.text in pairs:
            stack.append(t)
            if len(stack) > MAX_DEPTH:
                raise ParseError(f"the formula is nested more than {MAX_DEPTH} levels deep", latex, t.pos)
        elif t.text in (")", "}"):
            if not stack or pairs[stack[-1].text] != t.text:
                opening = "(" if t.text == ")" else "{"
                if stack:
                    raise ParseError(f"`{t.text}` closes `{stack[-1].text}`", latex, t.pos)
                raise ParseError(f"`{t.text}` has no opening `{opening}`", latex, t.pos)
            stack.pop()
    if stack:
        raise ParseError(f"`{stack[-1].text}` is never closed", latex, stack[-1].pos)


def parse(latex: str, symbols: SymbolTable | str | None = None) -> sympy.Basic:
    """Parse LaTeX into a SymPy expression or relation, reading names through ``symbols``.

    >>> parse(r"\\frac{e^{z_k}}{\\sum_{j=1}^{n} e^{z_j}}", "z: vector[n]; j, k: index")
    exp(z[k])/Sum(exp(z[j]), (j, 1, n))
    """
    return read(latex, symbols)[0]


def _letter_runs(toks: list[Tok], table: SymbolTable) -> list[str]:
    """Runs of two or more single letters written together at the top level of the formula
    (``lr``, ``xy``), outside scripts and the groups of commands (``\\mathrm{lr}``): each is a
    product, which a reader could take for one name."""
    runs: list[str] = []
    depth_script = 0
    stack: list[bool] = []   # for each open brace: does it belong to a script or a command?
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
            owned = prev in ("_", "^") or (prev.startswith("\\") and prev not in (r"\frac", r"\sqrt"))
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


def _set_sizes(expr: sympy.Basic) -> sympy.Basic:
    """``|B|`` next to ``\\sum_{i \\in B}`` is the size of the set B, the sum's upper bound."""
    sizes = {s.name[1:-1]: s for s in expr.free_symbols
             if isinstance(s, sympy.Symbol) and s.name.startswith("|") and s.name.endswith("|")}
    if not sizes:
        return expr
    return expr.replace(lambda e: isinstance(e, sympy.Abs) and isinstance(e.args[0], sympy.Symbol)
                        and e.args[0].name in sizes, lambda e: sizes[e.args[0].name])


@dataclass(frozen=True)
class Reading:
    """A parsed formula with what a reader may want to check: the undeclared names (and the
    reading chosen for each) and the disputable rules applied."""

    expr: sympy.Basic
    undeclared: dict[str, str]
    rules: tuple[str, ...]


def read(latex: str, symbols: SymbolTable | str | None = None) -> tuple[sympy.Basic, dict[str, str]]:
    """Parse ``latex``; also return the undeclared names and the reading chosen for each."""
    r = reading(latex, symbols)
    return r.expr, r.undeclared


def reading(latex: str, symbols: SymbolTable | str | None = None) -> Reading:
    """Parse ``latex`` into a ``Reading``: the expression, its undeclared names and the rules applied."""
    table = SymbolTable.coerce(symbols)
    toks = lex(latex)
    if not toks:
        raise ParseError("empty formula", latex, 0)
    _check_balance(toks, latex)
    toks = normalize(toks, latex)
    reader = _Reader(latex, table)
    for word in _letter_runs(toks, table):
        reader.note(f"`{word}` (letters written together) is the product {' '.join(word)}, as in TeX "
                    f"(declare `{word}: scalar` to make it one name)")
    try:
        reader.prescan(toks)
        expr = reader.finish(_set_sizes(reader.parse(toks)))
    except RecursionError:
        raise ParseError("the formula is nested too deeply to read", latex, 0) from None
    except SymbolError as e:
        raise ParseError(str(e), latex, 0) from None
    except ParseError:
        raise
    except Exception as e:  # noqa: BLE001 - SymPy refuses an operation: the formula, not derivax, is at fault
        # (shapes that do not fit, a matrix where a scalar must be, a product SymPy cannot form)
        raise ParseError(f"these parts do not fit together: {e}", latex, 0) from None
    return Reading(expr, reader.undeclared, tuple(reader.rules))
