"""Function applications: named functions, unspecified functions, probabilities, max/min/argmax."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from ... import _functions as F
from ..._errors import ParseError
from ..._vec import Vec
from .._lex import Tok, find_close
from .._scan import split_top_level
from .._vocabulary import (
    _ELEMENTWISE,
    _FUNCTION_WORDS,
    _SEPARATORS,
    _Piece,
    elementwise,
    numbers_out_of_traces,
)
from ._matrix_log import entrywise_log, scalar_only, scaled_array_operand, trace_of
from ._spellings import FunctionSpellings


class Applications(FunctionSpellings):
    """Function applications: named functions, unspecified functions, probabilities."""

    # -- functions ----------------------------------------------------------------------------------
    def _call_args(self, toks: list[Tok], j: int) -> tuple[list[tuple[str, list[Tok]]], int]:
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        if not inner:
            raise self.error("empty argument list", toks[j])
        return self.split_args(inner, _SEPARATORS | {r"\|"}), k + 1

    def _apply_function(
        self,
        name: str,
        toks: list[Tok],
        j: int,
        out: list[_Piece],
        t0: Tok,
        inherit: str | None = None,
        primes: str = "",
    ) -> int:
        script = self._function_script(toks, j)
        if script is not None:
            power, j = script
        else:
            power = None
        if j >= len(toks) or toks[j].text not in ("(", "["):
            # an unspecified function named without arguments stands for its value
            obj = sympy.Symbol(name + primes, real=True)
            out.append(self.place(obj, t0.pos))
            return j
        parts, j = self._call_args(toks, j)
        f = sympy.Function(name, real=True)
        if power == -1:
            # f^{-1}(y) of a declared function: its inverse (writing it asserts f is invertible)
            self.note(
                f"`{name}^{{-1}}(y)` of the function `{name}` is its inverse function, not "
                f"1/{name} (writing it asserts `{name}` is invertible, so "
                f"`{name}^{{-1}}({name}(x))` is x)"
            )
            f, power = F.inverse_function(f), None
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
            args = (
                [F.Given(*args, *given)]
                if len(args) == 1
                else [F.Given(sympy.Tuple(*args), *given)]
            )
        if self._entrywise(inherit or name, args, conditioned):
            value = self._entry_by_entry(f, args[0], name, len(primes))
        else:
            value = F.apply_function(f, *args)
            if primes:
                value = self._primed(value, name, len(primes), t0)
        if power is not None:  # g^2(x) is g(x)^2, as \sin^2 x
            value = (
                sympy.HadamardPower(value, power) if isinstance(value, MatrixExpr) else value**power
            )
        out.append(self.place(value, t0.pos))
        return self._postfix_index(toks, j, out)

    def _entrywise(self, name: str, args: list[sympy.Basic], conditioned: bool) -> bool:
        """Whether ``name(args)`` is taken entry by entry: a function declared ``elementwise``
        applied to one vector or matrix (of a scalar it is the plain application)."""
        key = self.table.resolve(name)
        return (
            key is not None
            and "elementwise" in self.table[key].qualifiers
            and len(args) == 1
            and not conditioned
            and isinstance(args[0], MatrixExpr)
        )

    def _entry_by_entry(
        self, f: type[AppliedUndef], arg: MatrixExpr, name: str, order: int
    ) -> MatrixExpr:
        """``\\phi(z)`` (``\\phi'(z)``, ``\\phi''(z)``) of a function declared ``elementwise`` at a
        vector or matrix: the function (its derivative of that order) at each entry, shaped like
        the argument, as the reader takes ``\\tanh(z)`` and ``\\sigma'(z)``."""
        x = sympy.Dummy("x", real=True)
        body: sympy.Expr = f(x)
        mark = "'" * order
        if order:
            body = sympy.Derivative(body, (x, order))
        self.note(
            f"`{name}{mark}(z)` of a vector or matrix is taken entry by entry (`{name}` is "
            f"declared elementwise)"
        )
        return elementwise(sympy.Lambda(x, body), arg)

    def _primed(self, value: sympy.Basic, name: str, order: int, t0: Tok) -> sympy.Basic:
        """``f'(x)``, ``f''(2y)`` of a declared function: its derivative of that order taken at
        the argument (at a compound argument, the derivative at a dummy point then substituted);
        a function of several arguments has no single derivative."""
        mark = "'" * order
        if not isinstance(value, AppliedUndef) or len(value.args) != 1:
            raise self.error(
                f"`{name}{mark}(...)`: a prime differentiates a function of one argument; "
                f"for a function of several write the partial derivative "
                f"(`\\frac{{\\partial {name}}}{{\\partial x}}`)",
                t0,
            )
        (arg,) = value.args
        if isinstance(arg, MatrixExpr):
            raise self.error(
                f"`{name}{mark}(...)` of a vector or matrix: write the gradient "
                f"(`\\nabla {name}`) or the derivative by an entry; for a scalar function "
                f"applied entry by entry (an activation) declare `{name}: function, elementwise`",
                t0,
            )
        self.note(f"`{name}{mark}(...)` is the derivative of order {order} of `{name}`")
        if isinstance(arg, sympy.Symbol):
            return sympy.Derivative(value, (arg, order))
        at = sympy.Dummy("t", real=True)
        return sympy.Subs(sympy.Derivative(value.func(at), (at, order)), at, arg)

    def _function_script(self, toks: list[Tok], j: int) -> tuple[sympy.Basic, int] | None:
        """The superscript of a function name applied to parentheses (``f^{-1}(y)``,
        ``g^2(x)``): the power read and the index of the parenthesis; None where no superscript
        followed by a parenthesis stands at ``toks[j]``."""
        if j >= len(toks) or toks[j].text != "^":
            return None
        g, k = self.group(toks, j + 1)
        if not g or k >= len(toks) or toks[k].text != "(":
            return None
        power = self.parse(g, g[0].pos)
        if isinstance(power, MatrixExpr) or not power.is_number:
            raise self.error(
                "a superscript on a function name is a number: `f^{-1}(y)` for the inverse, "
                "`f^{2}(x)` for the square of the value",
                toks[j],
            )
        return power, k

    def _postfix_index(self, toks: list[Tok], j: int, out: list[_Piece]) -> int:
        """``f(x)_k``: the k-th entry of a vector-valued application."""
        if j < len(toks) and toks[j].text == "_":
            sub, j2 = self.group(toks, j + 1)
            key = out[-1].text[len(r"\variable{") : -1]
            value = self.objects[key]
            indices = [self._index_expr(p) for _, p in self.split_args(sub, {","})]
            matrix_arg = isinstance(value, sympy.Basic) and any(
                isinstance(a, MatrixExpr) and a.shape[1] != 1 for a in getattr(value, "args", ())
            )
            if (
                len(sub) == 2
                and all(len(t.text) == 1 or t.text.startswith("\\") for t in sub)
                and (matrix_arg or all(self._is_index_name(t.text) for t in sub))
            ):
                # softmax(M)_{ij} of a matrix: row i, column j
                indices = [self._index_symbol(t.text) for t in sub]
            matrix = isinstance(value, MatrixExpr) and 1 not in value.shape
            if matrix and len(indices) == 1 and (pair := self._two_names(sub)) is not None:
                # (T^{-1})_{\tilde{y} j}: a decorated label and an index side by side
                indices = [self._index_expr(part) for part in pair]
            shape = None
            if isinstance(value, MatrixExpr) and len(indices) == 1 and value.shape[0] == 1:
                value = value.T  # (x^\top W)_i: an entry of a row vector
            if isinstance(value, MatrixExpr):
                shape = (
                    (value.shape[0],) if len(indices) == 1 and value.shape[1] == 1 else value.shape
                )
            declared = (
                self.table.resolve(value.name) if isinstance(value, sympy.MatrixSymbol) else None
            )
            if declared is not None and len(indices) == 1 and value.shape[1] == 1:
                # \hat{f}(x)_y of a declared vector: its entry, as \hat{f}_y reads
                self.objects[key] = self.table.indexed(declared)[indices[0]]
                return j2
            self.objects[key] = sympy.IndexedBase(value, shape=shape)[tuple(indices)]
            return j2
        return j

    def _named_function(
        self, word: str, toks: list[Tok], j: int, out: list[_Piece], t0: Tok, primes: str = ""
    ) -> int:
        power = None
        if j < len(toks) and toks[j].text == "^" and not primes:  # \tanh^2(x) is (\tanh x)^2
            g, j = self.group(toks, j + 1)
            if not (len(g) == 1 and g[0].text in (r"\circ", r"\odot")):
                power = self.parse(g, g[0].pos if g else t0.pos)
            if power == -1:  # \tan^{-1} x is the inverse function, as in every textbook
                word, power = self._inverse_word(word, t0), None
            elif power is None:
                # \exp^{\circ}(A): the exponential of each entry, which \exp(A) of a square
                # matrix is not (it is the matrix exponential)
                if word != "exp":
                    raise self.error(
                        f"`\\{word}^{{{g[0].text}}}`: a function of a matrix is already taken "
                        f"entry by entry; only `\\exp^{{\\circ}}` is written so (beside the "
                        f"matrix exponential)",
                        t0,
                    )
                word, power = "exp_entrywise", None
        bounds, j = self._clip_interval(word, toks, j, t0)
        if j >= len(toks):
            raise self.error(f"`\\{word}` needs an argument", t0)
        if toks[j].text == "{":  # \exp{x}, \tanh{(x)}: the braced group is the argument
            g, j = self.group(toks, j)
            args = [self.parse(g, g[0].pos if g else t0.pos)]
        elif toks[j].text in ("(", r"\{"):  # \exp\{...\} (Bishop) as \exp(...)
            parts, j = self._call_args(toks, j)
            args = [self.parse(p, p[0].pos if p else t0.pos) for _, p in parts]
        else:
            run, j = self.factor_run(toks, j)
            args = [self.parse(run, run[0].pos)]
            scaled_array_operand(args[0], run, self.latex, t0)
        if bounds and len(args) == 1:
            args = [*args, *bounds]
        if primes:
            x = sympy.Dummy("x", real=True)
            fx = sympy.diff(self._ml_function(word, [x], t0), x, len(primes))
            value = (
                elementwise(sympy.Lambda(x, fx), args[0])
                if isinstance(args[0], MatrixExpr)
                else fx.subs(x, args[0])
            )
        elif (
            word == "softmax"
            and isinstance(args[0], MatrixExpr)
            and not (j < len(toks) and toks[j].text == "_")
        ):
            value = F.Softmax(args[0])
        elif word in ("exp", "expm") and isinstance(args[0], MatrixExpr):
            value = self.matrix_exponential(args[0], word, t0.pos)
        elif word in _ELEMENTWISE and isinstance(args[0], MatrixExpr):
            if word in ("log", "ln"):
                entrywise_log(args[0], self.table, self.latex, t0, self.note)
            # of an array, entry by entry; the other arguments (clip's bounds) are scalars
            if any(isinstance(a, MatrixExpr) for a in args[1:]):
                raise self.error(
                    f"`{word}` of an array takes scalar further arguments; write it entry by "
                    f"entry (`{word}(x_i, a_i, b_i)`) for arrays of bounds",
                    t0,
                )
            x = sympy.Dummy("x", real=True)
            fx = self._ml_function(word, [x, *args[1:]], t0)
            value = elementwise(sympy.Lambda(x, fx), args[0])
        else:
            value = self._ml_function(word, args, t0)
        if power is not None:
            value = (
                sympy.HadamardPower(value, power) if isinstance(value, MatrixExpr) else value**power
            )
        out.append(self.place(value, t0.pos))
        return self._postfix_index(toks, j, out)

    def _ml_function(self, word: str, args: list[sympy.Basic], t0: Tok) -> sympy.Basic:
        """``word`` applied to ``args``: a function of the table (``derivax/_functions.py``), or one
        of the vector and matrix functions read here (softmax, softplus, log-sum-exp, tr, det, diag)."""
        entry = F.BY_SPELLING.get(word) or F.BY_SPELLING.get(word.lower())
        if entry is not None:
            if len(args) != entry.nargs:
                raise self.error(
                    f"`{word}` takes {entry.nargs} argument{'s' if entry.nargs > 1 else ''}, "
                    f"got {len(args)}",
                    t0,
                )
            return entry.sympy(*args, evaluate=not _costly_exactly(args))
        if word.lower() == "heaviside":
            # the step: 1 for x > 0, 0 for x < 0, and at 0 its second argument (0 unless given)
            if len(args) not in (1, 2) or any(isinstance(a, MatrixExpr) for a in args[1:]):
                raise self.error("`Heaviside` takes `x` and optionally its value at 0", t0)
            return sympy.Heaviside(args[0], args[1] if len(args) == 2 else 0)
        if word == "sim":
            return self._cosine_similarity(args, t0)
        if len(args) != 1:
            raise self.error(f"`{word}` takes one argument, got {len(args)}", t0)
        (x,) = args
        if word == "softmax":
            return F.softmax(x)
        if word == "logit":
            return F.logit(x)
        if word in ("exp_entrywise", "expm"):  # of a scalar, both are the exponential
            return sympy.exp(x)
        if word == "softplus":
            return sympy.log(1 + sympy.exp(x))
        if word in ("tr", "trace"):
            return trace_of(x, self.latex, t0)
        if word == "det":
            return (
                sympy.Determinant(x)
                if isinstance(x, MatrixExpr)
                else scalar_only(x, word, self.latex, t0)
            )
        if word == "diag":
            if isinstance(x, MatrixExpr) and x.shape[1] == 1:
                return sympy.DiagMatrix(x)
            if isinstance(x, MatrixExpr):
                return sympy.DiagonalOf(x)
            raise self.error("`diag` takes a vector or a matrix", t0)
        if word == "vec":
            if not isinstance(x, MatrixExpr):
                raise self.error("`vec` stacks the columns of a matrix; this is a scalar", t0)
            return Vec(x) if x.shape[1] != 1 else x
        if word in ("logsumexp", "lse"):
            return sympy.log(self._sum_entries(x, sympy.exp, t0))
        if word == "mean":
            return self._mean(x, t0)
        if word in ("log", "ln"):
            return sympy.log(x)
        raise self.error(f"unknown function `{word}`", t0)

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
        base = power = None
        for _ in range(2):  # \log_2^2 x and \log^2_2 x: a base and a power, in either order
            if j < len(toks) and toks[j].text == "_" and base is None:
                g, j = self.group(toks, j + 1)
                base = self.parse(g, g[0].pos)
            elif j < len(toks) and toks[j].text == "^" and power is None:
                # \log^2 x is (\log x)^2, as \sin^2 x; \log^{-1} is refused (1 / \log x, or
                # the inverse function e^x?)
                g, j = self.group(toks, j + 1)
                if [t.text for t in g] == ["+"]:
                    # \log^+ x = max(0, log x), the positive part (MOSS's index)
                    power = "+"
                    self.note("`\\log^{+} x` is the positive part of the logarithm, max(0, log x)")
                    continue
                power = self.parse(g, g[0].pos if g else t0.pos)
                if power == -1:
                    raise self.error(
                        "`\\log^{-1}` reads two ways: the inverse function (write `e^{x}`) or "
                        "one over the logarithm (write `\\frac{1}{\\log x}`)",
                        t0,
                    )
        if j < len(toks) and toks[j].text == "(" and self._subscripted_group(toks, j):
            # \log (T^\top p)_y: the entry of the vector in parentheses is the argument
            run, j = self.factor_run(toks, j)
            arg = self.parse(run, run[0].pos)
        elif j < len(toks) and toks[j].text in ("(", r"\{"):
            # \log\{\prod_i p_i\} (a cheat sheet's braces, as \exp\{...\}) as \log(...)
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
            scaled_array_operand(arg, run, self.latex, t0)
        # \log is the natural logarithm, as in ML papers; \log_b x has base b
        if isinstance(arg, MatrixExpr):
            entrywise_log(arg, self.table, self.latex, t0, self.note)
            value = elementwise(sympy.log, arg)
        else:
            value = sympy.log(arg) if base is None else sympy.log(arg, base)
        if power == "+":
            if isinstance(value, MatrixExpr):
                x = sympy.Dummy("x", real=True)
                value = elementwise(sympy.Lambda(x, sympy.Max(0, sympy.log(x))), arg)
            else:
                value = sympy.Max(0, value)
        elif power is not None:
            value = (
                sympy.HadamardPower(value, power) if isinstance(value, MatrixExpr) else value**power
            )
        out.append(self.place(value, t0.pos))
        return j

    def _function_head(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        x = t0.text
        j = i + 1
        if x in (r"\operatorname*", r"\operatorname"):
            g, j = self.group(toks, j)
            word = "".join(t.text for t in g if t.text not in (r"\,", r"\!"))
            operator = {
                "argmax": r"\argmax",
                "argmin": r"\argmin",
                "arg\\max": r"\argmax",
                "arg\\min": r"\argmin",
            }.get(word.replace(" ", ""), None)
            if operator is None:
                if word.lower() in _FUNCTION_WORDS:
                    return self._named_function(word.lower(), toks, j, out, t0)
                raise self.error(f"unknown operator `\\operatorname*{{{word}}}`", t0)
            x = operator
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
            g = self._optimized_variable(g, x, t0)
            var = self.parse(g, g[0].pos)
            if getattr(var, "is_integer", False):
                # over an index (the arm of the largest estimate): the compiled search is over a
                # real variable, which would be a wrong answer here
                raise self.error(
                    f"`\\arg\\max` over the index `{var}` (the position of the largest entry) "
                    f"is not read yet; write the condition it stands for with entries, as in "
                    f"`\\mathbb{{1}}\\left[\\hat{{\\mu}}_i = \\max_j \\hat{{\\mu}}_j\\right]`",
                    t0,
                )
            end = self._expression_end(toks, j)
            inside = self._objective_in_braces(toks[j:end])
            body = self.parse(inside, inside[0].pos if inside else t0.pos)
            self._objective_scope(toks[j:end], var, x, " ".join(t.text for t in g), t0)
            cls = F.argmax if x == r"\argmax" else F.argmin
            out.append(self.place(cls(body, var), t0.pos))
            return end
        if x in (r"\max", r"\min") and j < len(toks) and toks[j].text == "_":
            return self._max_over(toks, i, out)
        if x in (r"\max", r"\min"):
            if j >= len(toks) or toks[j].text not in ("(", r"\{"):
                raise self.error(f"`{x}` needs its arguments in parentheses: `{x}(0, x)`", t0)
            parts, j = self._call_args(toks, j)
            args = [self.parse(p, p[0].pos if p else t0.pos) for _, p in parts]
            if t0.side == "positive part above":
                if any(isinstance(a, MatrixExpr) and 1 not in a.shape for a in args):
                    raise self.error(
                        "`(A)^{+}` of a matrix reads two ways: the positive part of each entry "
                        "(write `[A]_+`) or the pseudo-inverse, which derivax does not read yet "
                        "(for full column rank write `(A^\\top A)^{-1} A^\\top`)",
                        t0,
                    )
                self.note(
                    "`[x]^{+}` (a bracket with `+` above) is the positive part, `\\max(0, x)`"
                )
            extreme = sympy.Max if x == r"\max" else sympy.Min
            arrays = [a for a in args if isinstance(a, MatrixExpr)]
            if len(args) == 1 and arrays:  # \max(x) of a vector: its largest entry
                value = self._extreme_entry(arrays[0], x, t0)
            elif len(arrays) == 1:  # \max(0, W x + b): entry by entry
                v = sympy.Dummy("x", real=True)
                value = elementwise(
                    sympy.Lambda(v, extreme(*[v if a is arrays[0] else a for a in args])), arrays[0]
                )
            elif arrays:
                shapes = {a.shape for a in arrays}
                if len(args) != 2 or len(arrays) != 2 or len(shapes) != 1:
                    raise self.error(
                        f"`{x}` of several arrays is read for two arrays of one shape; write "
                        f"the others entry by entry",
                        t0,
                    )
                # entry by entry: max(a, b) = (a + b + |a - b|) / 2, exactly (min: - |a - b|)
                a, b = arrays
                gap = elementwise(sympy.Abs, a - b)
                value = (a + b + gap) / 2 if x == r"\max" else (a + b - gap) / 2
                self.note(f"`{x}(a, b)` of two arrays is taken entry by entry")
            else:
                value = extreme(*[numbers_out_of_traces(a) for a in args])
            out.append(self.place(value, t0.pos))
            return j
        if x == r"\det":
            return self._named_function("det", toks, j, out, t0)
        raise self.error(f"unknown command `{x}`", t0)

    def _objective_scope(
        self, body: list[Tok], var: sympy.Basic, x: str, var_tex: str, t0: Tok
    ) -> None:
        r"""The objective of ``\arg\max_t`` runs to the end of the expression, as papers write a
        whole objective after it (``\arg\min_w \|y - X w\|^2 + \lambda \|w\|^2``). A term that
        does not depend on the variable makes that reading differ in value from TeX's (the
        operator reaching to the end of its term, as ``\sum`` does): ``\arg\max_t f(t) + c`` is
        ``\arg\max_t f(t)`` read one way and that plus ``c`` the other. Refused, naming both.

        Side conditions: the terms are those written at the top level (``2(t + 3) + t`` has two,
        both in ``t``; ``\left(f(t) + 3\right)`` one); a term is constant when the variable is not
        among the names it depends on (an ``\arg\min_t`` beside it binds its own ``t``)."""
        parts, _ = split_top_level(body, frozenset({"+", "-"}))
        parts = [q for q in parts if q]
        if len(parts) < 2:
            return
        word = r"\arg\max" if x == r"\argmax" else r"\arg\min"
        for part in parts:
            try:
                term = self.parse(part, part[0].pos)
            except ParseError:
                return  # a sign that is no split (``a \cdot -b``): one term
            if not _names(var) & _names(term):
                raise self.error(
                    f"the terms after `{word}_{{{var_tex}}}` include one that does not depend on "
                    f"`{var_tex}`, so the two readings differ in value: the whole objective, "
                    f"`{word}_{{{var_tex}}} \\left(\\dots + \\dots\\right)`, or the first term "
                    f"only, `\\left({word}_{{{var_tex}}} \\dots\\right) + \\dots`; write the one "
                    f"meant",
                    t0,
                )
        self.note(f"the objective of `{word}_{{{var_tex}}}` runs to the end of the expression")

    def _extreme_entry(self, v: MatrixExpr, x: str, t0: Tok) -> sympy.Expr:
        r"""``\max(x)`` (``\min(x)``) of one vector: its largest (smallest) entry, the same
        ``IndexMax`` as ``\max_i x_i``. Side conditions: one argument, a column or row vector
        (n = 1 is its only entry); of a matrix the reading is refused, as ``\max(A)`` also means
        the entries of a matrix function. A declared vector gives its entries by name (``x_i``)."""
        rows, cols = v.shape
        if cols != 1 and rows != 1:
            raise self.error(
                f"`{x}(A)` of a {rows} x {cols} matrix: write `{x}_{{i, j}} A_{{ij}}` for its "
                f"extreme entry, or `{x}(0, A)` entry by entry",
                t0,
            )
        cls = F.IndexMax if x == r"\max" else F.IndexMin
        length = rows if cols == 1 else cols
        # a named index (as `\max_i x_i` reads), so that the rendering reads back the same: the
        # first letter the table leaves free for an index
        name = next(
            c
            for c in "ijklpqrs"
            if (key := self.table.resolve(c)) is None or self.table[key].kind == "index"
        )
        k = self._index_symbol(name)
        declared = self.table.resolve(v.name) if isinstance(v, sympy.MatrixSymbol) else None
        if declared is not None:
            entry = self.table.indexed(declared)[k]
        else:
            entry = v[k - 1, 0] if cols == 1 else v[0, k - 1]
        which = "largest" if cls is F.IndexMax else "smallest"
        self.note(f"`{x}(x)` of one vector is its {which} entry")
        return cls(entry, (k, 1, length))


def _names(e: sympy.Basic) -> set[str]:
    """The names ``e`` depends on: its free symbols and the arrays of its entries, without the
    variables an arg max or arg min inside it binds (``x_i`` depends on ``x``)."""
    e = e.xreplace({a: sympy.Dummy() for a in e.atoms(F.argmax, F.argmin)})
    names = {str(s) for s in e.free_symbols}
    return names | {str(x.base.label) for x in e.atoms(sympy.Indexed)}


#: SymPy evaluates a function at an exact number when it builds the application, and Gamma, psi,
#: log Gamma and binomials at an integer by exact arithmetic whose cost grows with the number
#: (digamma(10^17) is a harmonic number of 10^17 terms: it ran for minutes); beyond this size an
#: application is kept as written, with the same value, for the numeric layers to evaluate.
#: Below it (Gamma(1000) has 2,565 digits, psi(1000) a fraction of about 400) SymPy's exact value
#: takes milliseconds and is kept, as before.
EXACT_UP_TO = 1000


def _costly_exactly(args) -> bool:
    return any(isinstance(a, sympy.Number) and a.is_finite and abs(a) > EXACT_UP_TO for a in args)
