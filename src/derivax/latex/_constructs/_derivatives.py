"""Derivatives and gradients written in a formula."""

from __future__ import annotations

import re

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr, MatrixSymbol

from ... import _functions as F
from ...symbols import (
    join_tokens,
)
from .._lex import Tok, find_close
from .._vocabulary import (
    _TRANSPOSE,
    _Piece,
)
from ._carried import carried_derivative
from ._derivative_guards import DerivativeGuards


class Derivatives(DerivativeGuards):
    """``\\frac{d}{dx}``, ``\\frac{\\partial f}{\\partial x}`` and ``\\nabla_x``."""

    # -- derivatives ----------------------------------------------------------------------------------
    def _is_derivative(self, toks: list[Tok], i: int) -> bool:
        if i + 1 >= len(toks) or toks[i + 1].text != "{":
            return False
        num, j = self.group(toks, i + 1)
        if not num:
            return False
        if num[0].text == r"\partial":
            return True
        # \frac{d}{2} with d a dimension, \frac{dL}{n}: a fraction; a derivative's denominator
        # holds its differential (dx, d\theta, d x^2)
        den = self.group(toks, j)[0] if j < len(toks) else []
        if num[0].text != "d":
            return False
        if len(num) == 1 or self._starts_name(num[1].text) or num[1].text == "^":
            return bool(den) and den[0].text in ("d", r"\partial")
        # d before a bracket or a function (\frac{d (x^2)}{d x}, \frac{d \log x}{d x},
        # \frac{d \left(B w\right)^T}{d w}): a derivative when the denominator is a
        # differential; read as a fraction, the d's would cancel (d (n - 1) / 2 stays one)
        if not (len(den) >= 2 and den[0].text == "d" and self._starts_name(den[1].text)):
            return False
        if self.table.resolve("d") is not None:
            raise self.error(
                "`d` is declared in the table, so this reads as a derivative or as a fraction "
                "with d in it; write `\\frac{d}{d x}(\\dots)` for the derivative, or "
                "`d \\cdot` before the bracket for the fraction",
                num[0],
            )
        return True

    def _is_partial_operator(self, toks: list[Tok], i: int) -> bool:
        """``\\partial_{x} f``: a partial derivative written with its variable as a subscript."""
        return i + 1 < len(toks) and toks[i + 1].text == "_"

    def _partial_operator(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        """``\\partial_{w} L`` is ``\\frac{\\partial}{\\partial w} L`` (also of an entry,
        ``\\partial_{o_j} \\ell``, or of a vector, the gradient); ``\\partial_j f`` with an index
        alone names no variable and is refused."""
        t0 = toks[i]
        sub, j = self.group(toks, i + 2)
        if not sub:
            raise self.error("`\\partial_{...}` needs its variable", t0)
        texts = [t.text for t in sub]
        if all(
            (k := self.table.resolve(x)) is not None and self.table[k].kind == "index"
            for x in texts
            if x != ","
        ):
            raise self.error(
                f"`\\partial_{{{join_tokens(texts)}}}` names an index, not a variable: write "
                f"the variable, `\\partial_{{x_{texts[0]}}} f` or "
                f"`\\frac{{\\partial f}}{{\\partial x_{texts[0]}}}`",
                t0,
            )
        frac = [
            Tok(r"\frac", t0.pos),
            Tok("{", t0.pos),
            Tok(r"\partial", t0.pos),
            Tok("}", t0.pos),
            Tok("{", t0.pos),
            Tok(r"\partial", t0.pos),
            *sub,
            Tok("}", t0.pos),
        ]
        self.note(
            f"`\\partial_{{{join_tokens(texts)}}}` is the partial derivative "
            f"`\\frac{{\\partial}}{{\\partial {join_tokens(texts)}}}`"
        )
        rewritten = [*toks[:i], *frac, *toks[j:]]
        end = self._derivative(rewritten, i, out)
        return end - len(frac) + (j - i)

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
        if den[0].text == r"\partial" and sum(t.text == r"\partial" for t in den) > 1:
            return self._mixed_derivative(toks, num, den, body_toks, order, j, out, t0)
        var_toks = den[1:]
        hat = next((k for k, t in enumerate(var_toks) if t.text == "^"), None)
        by_power = 1
        if hat is not None and hat > 0:
            power, end = self.group(var_toks, hat + 1)
            if end == len(var_toks) and "".join(t.text for t in power).isdigit():
                # the order written on the variable, dx^2 or dx^{2}; any other superscript is
                # part of the name, \partial W^{(1)}. With no order on the numerator,
                # \partial \sigma^2 is a derivative by sigma squared (a variance)
                var_toks = var_toks[:hat]
                written_power = int("".join(t.text for t in power))
                if order == 1 and written_power > 1:
                    by_power = written_power
                elif written_power != order:
                    raise self.error(
                        f"the numerator says a derivative of order {order} and the denominator "
                        f"a power {written_power}; write `\\partial^{written_power}` on the "
                        f"numerator for a derivative of order {written_power}, or none for a "
                        f"derivative by the power",
                        t0,
                    )
        var = self.parse(var_toks, var_toks[0].pos if var_toks else t0.pos)
        if body_toks:
            body_toks, j = self._evaluated_at(toks, j, body_toks, var_toks)
            written = num
            named = self._transposed_name(body_toks, var, order)
            if named is not None:
                out.append(self.place(named, t0.pos))
                return j
            body = self.parse(body_toks, body_toks[0].pos)
        else:
            # the operator form d/dx applies to the rest of the term
            end = self._term_end(toks, j)
            if end == j:
                raise self.error("this derivative needs an expression to act on", t0)
            body = self.parse(toks[j:end], toks[j].pos)
            written = [*num, *toks[j:end]]
            j = end
        # an opaque derivative is named as written with the body on top: \frac{d}{dt} x is \frac{dx}{dt}
        name = join_tokens(
            [r"\frac", "{", *(t.text for t in written), "}", "{", *(t.text for t in den), "}"]
        )
        var_span = (
            (var_toks[0].pos, var_toks[-1].pos + len(var_toks[-1].text)) if var_toks else (0, 0)
        )
        result = self._derivative_of(body, var, order, t0, name, var_span)
        if by_power > 1:
            result = self._by_power(result, var, by_power, t0)
        out.append(self.place(result, t0.pos))
        return j

    def _transposed_name(self, body_toks: list[Tok], var, order: int) -> sympy.Basic | None:
        r"""``\frac{d g^\top}{d w}`` (``^T``, ``^{\top}``, ``^\intercal``) of a name that a
        given defines or the table declares a function, by a column vector: the transposed
        gradient, which becomes the transpose of the Jacobian once ``g``'s definition makes it a
        vector (read alone, ``g^T`` of a scalar is a power). None for anything else."""
        hat = next((k for k in range(len(body_toks) - 1, 0, -1) if body_toks[k].text == "^"), None)
        if hat is None or order != 1 or not isinstance(var, MatrixSymbol) or var.shape[1] != 1:
            return None
        mark = "".join(t.text for t in body_toks[hat + 1 :])
        if mark.removeprefix("{").removesuffix("}") not in _TRANSPOSE:
            return None
        head = body_toks[:hat]
        name = self.parse(head, head[0].pos)
        declared = self.table.resolve(str(name)) if isinstance(name, sympy.Symbol) else None
        is_function = declared is not None and self.table[declared].kind == "function"
        if not isinstance(name, sympy.Symbol) or not (name.name in self.defined or is_function):
            return None
        self.note(
            f"`{join_tokens([t.text for t in body_toks])}` is the transpose of `{name}`'s value: "
            f"by the column `{var}`, the transpose of its Jacobian once its definition makes it "
            "a vector"
        )
        return F.TransposedGradient(name, var)

    def _evaluated_at(
        self, toks: list[Tok], j: int, body_toks: list[Tok], var_toks: list[Tok]
    ) -> tuple[list[Tok], int]:
        """``\\frac{df}{dx}(x)``, ``\\frac{df}{dx_k}(x)``: a declared function's derivative
        written at its argument is the derivative of ``f(x)`` (the parentheses hold the
        function's arguments, not a factor). Side conditions: ``f`` is declared a function and
        the variable (or the vector it is an entry of) is among the arguments; ``\\frac{df}{dx}(2)``
        (a derivative at a point) is refused, never read as a product."""
        if j >= len(toks) or toks[j].text != "(" or len(body_toks) != 1:
            return body_toks, j
        key = self.table.resolve(body_toks[0].text)
        if key is None or self.table[key].kind != "function":
            return body_toks, j
        close = find_close(toks, j, self.latex)
        inside = {t.text for t in toks[j + 1 : close]}
        if not var_toks or var_toks[0].text not in inside:
            raise self.error(
                f"`{body_toks[0].text}` is a function, and its derivative is followed by "
                f"parentheses that do not hold the variable: a derivative at a point is not read; "
                f"write it at its variable (`\\frac{{df}}{{dx}}(x)`) and substitute the point",
                toks[j],
            )
        return [*body_toks, *toks[j : close + 1]], close + 1

    def _mixed_derivative(
        self,
        toks: list[Tok],
        num: list[Tok],
        den: list[Tok],
        body_toks: list[Tok],
        order: int,
        j: int,
        out: list[_Piece],
        t0: Tok,
    ) -> int:
        """``\\frac{\\partial^2 f}{\\partial x \\partial y}``, ``\\frac{\\partial^3}{\\partial x^2
        \\partial y} g``: a derivative in several variables, taken in the order written from the
        right (equal for the smooth functions derivax reads). The numerator's order must be the
        count of the denominator's variables, powers included."""
        variables = self._mixed_variables(den, t0)
        count = sum(p for _, p, _ in variables)
        if count != order:
            raise self.error(
                f"the numerator says a derivative of order {order}, the denominator differentiates "
                f"{count} times; write `\\partial^{{{count}}}` in the numerator",
                t0,
            )
        if body_toks:
            body = self.parse(body_toks, body_toks[0].pos)
            written = num
        else:
            end = self._term_end(toks, j)
            if end == j:
                raise self.error("this derivative needs an expression to act on", t0)
            body = self.parse(toks[j:end], toks[j].pos)
            written = [*num, *toks[j:end]]
            j = end
        wrt = [var for var, _, _ in variables]
        defined = (isinstance(body, sympy.Symbol) and body.name in self.defined) or (
            isinstance(body, sympy.core.function.AppliedUndef) and str(body.func) in self.defined
        )  # f of f(x, y) = x^2 y given: the derivative of the definition, once it is entered
        if (
            isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef))
            and not defined
            and not any(body.has(v) for v in wrt)
        ):
            # an unspecified quantity: its derivative is an input of its own, named as written
            # (of entries of one array, an entry of the array of second derivatives)
            if all(isinstance(v, sympy.Indexed) for v in wrt) and len({v.base for v in wrt}) == 1:
                base = wrt[0].base
                den_text = join_tokens(
                    [
                        x
                        for _, p, piece in variables
                        for x in (r"\partial", str(base.label), *(["^", str(p)] if p > 1 else []))
                    ]
                )
                name = (
                    join_tokens([r"\frac", "{", *(t.text for t in written), "}", "{"])
                    + f"{den_text}}}"
                )
                indices = [i for v, p, _ in variables for i in v.indices * p]
                value: sympy.Basic = sympy.IndexedBase(name, shape=base.shape * count)[
                    tuple(indices)
                ]
            else:
                name = join_tokens(
                    [
                        r"\frac",
                        "{",
                        *(t.text for t in written),
                        "}",
                        "{",
                        *(t.text for t in den),
                        "}",
                    ]
                )
                value = F.Opaque(name, real=True)
            self.note(
                f"`{name}`: `{body}` does not depend on the variables as written, so the derivative "
                f"is an input of its own (declare `{body}` a function and apply it to differentiate it)"
            )
        else:
            # the rightmost variable first, as the nested spelling \frac{\partial}{\partial x}
            # \frac{\partial}{\partial y} f reads
            value = sympy.Derivative(body, *((var, p) for var, p, _ in reversed(variables)))
        out.append(self.place(value, t0.pos))
        return j

    def _mixed_variables(self, den: list[Tok], t0: Tok) -> list[tuple[sympy.Basic, int, list[Tok]]]:
        """The variables of a derivative's denominator ``\\partial x^2 \\partial y``, each with
        its power and its tokens; each a scalar or an entry."""
        variables: list[tuple[sympy.Basic, int, list[Tok]]] = []
        cuts = [k for k, t in enumerate(den) if t.text == r"\partial"]
        for a, b in zip(cuts, [*cuts[1:], len(den)], strict=True):
            piece = den[a + 1 : b]
            power = 1
            hat = next((k for k, t in enumerate(piece) if t.text == "^"), None)
            if hat is not None:
                g, end = self.group(piece, hat + 1)
                text = "".join(t.text for t in g)
                if end != len(piece) or not text.isdigit() or int(text) < 1:
                    raise self.error(
                        "in the denominator of a derivative, a power counts how often a variable "
                        "is differentiated: `\\partial x^{2}`",
                        piece[hat],
                    )
                power, piece = int(text), piece[:hat]
            if not piece:
                raise self.error("`\\partial` in a denominator needs its variable", t0)
            var = self.parse(piece, piece[0].pos)
            if isinstance(var, MatrixExpr) or not (isinstance(var, (sympy.Symbol, sympy.Indexed))):
                raise self.error(
                    "a derivative in several variables is read for scalar variables and entries "
                    "(`\\partial x \\partial y`, `\\partial w_j \\partial w_k`); write a "
                    "Hessian entry by entry",
                    piece[0],
                )
            variables.append((var, power, piece))
        return variables

    def _derivative_of(self, body, var, order, t0, name: str, var_span=(0, 0)) -> sympy.Basic:
        var_start, var_end = var_span
        self._refuse_carried_array(body, var, t0)
        jacobian = self._jacobian(body, var, order, t0, name)
        if jacobian is not None:
            return jacobian
        carried = carried_derivative(body, var, order)
        if carried is not None and not (
            isinstance(body, sympy.Symbol) and body.name in self.defined
        ):
            self.note(f"`{name}`: the functions whose names carry `{var}` depend on it")
            return carried
        if isinstance(body, sympy.Symbol) and body.name in self.defined:
            # a quantity a given defines (\ell = \log(1 + e^{-w})): the derivative of that
            # definition, taken once the verifier has entered it
            self.note(f"`{name}` differentiates the definition of `{body}` given for it")
            if isinstance(var, MatrixExpr) and order == 1:
                return F.Gradient(body, var)
            if isinstance(var, (sympy.Symbol, sympy.Indexed)):
                return sympy.Derivative(body, (var, order))
        through = _applied_at(body, var)
        if through is not None and order == 1:
            # f(x) by x or by its entry x_k, with f a function the table declares: the gradient
            # of the application (its entry), which a given defining f enters; an opaque name
            # here would stay free beside that given (d f(x)/d x_k refuted with f(x) = x^T x)
            gradient = F.Gradient(body, through)
            if isinstance(var, sympy.Indexed):
                return sympy.IndexedBase(gradient, shape=var.base.shape)[var.indices]
            return gradient
        if (
            isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef)) and not body.has(var)
        ) or isinstance(var, MatrixExpr):
            # the derivative of an unspecified quantity is itself an unspecified quantity
            if not isinstance(var, MatrixExpr):
                self.note(
                    f"`{name}`: `{body}` does not depend on `{var}` as written, so the derivative is "
                    f"an input of its own (declare `{body}` a function and write `{body}({var})` to "
                    f"differentiate it)"
                )
            if isinstance(var, MatrixExpr) and not isinstance(
                body, (sympy.Symbol, sympy.core.function.AppliedUndef)
            ):
                return F.Gradient(body, var)
            if isinstance(var, MatrixExpr):
                return F.OpaqueMatrix(name, *var.shape)
            if isinstance(var, sympy.Indexed):
                # \partial L / \partial W_{jk} is entry (j, k) of the array \partial L / \partial W
                whole = name.replace(self.latex[var_start:var_end], str(var.base.label))
                return sympy.IndexedBase(F.Opaque(whole, real=True), shape=var.base.shape)[
                    var.indices
                ]
            return F.Opaque(name, real=True)
        return sympy.Derivative(body, (var, order))

    def _jacobian(self, body, var, order, t0: Tok, name: str) -> sympy.Basic | None:
        r"""The derivative of a vector by a vector, in the layout its transposes name:
        ``\frac{\partial y}{\partial x^\top}`` is the m x n Jacobian (entry (i, j) the derivative
        of y_i by x_j), ``\frac{\partial y^\top}{\partial x}`` its transpose (the layout of a
        gradient, in which the Hessian is ``\frac{\partial g^\top}{\partial x}``). Written with
        both columns (or both rows) the layout is not said: the Jacobian, marked so that a claim
        is decided under both layouts (the two differ unless it is symmetric). None when
        ``body`` or ``var`` is not a vector (a scalar's gradient, a matrix)."""
        if not (isinstance(body, MatrixExpr) and isinstance(var, MatrixExpr)):
            return None
        (body_rows, body_cols), (var_rows, var_cols) = body.shape, var.shape
        if (body_rows == 1) == (body_cols == 1) or (var_rows == 1) == (var_cols == 1):
            return None
        x = var.T if var_rows == 1 else var
        if not isinstance(x, MatrixSymbol):
            return None
        y = body.T if body_rows == 1 else body
        if order != 1:
            raise self.error(
                f"`{name}`: a derivative of order {order} of a vector by a vector is not read; "
                "write the Hessian of each entry, or the Jacobian of a gradient",
                t0,
            )
        if body_rows == 1 and var_cols == 1:
            self.note(
                f"`{name}` is the Jacobian in the denominator layout: entry (i, j) is the "
                f"derivative of entry j by `{x}_i`"
            )
            return F.Jacobian(y, x).T
        if body_cols == 1 and var_rows == 1:
            self.note(
                f"`{name}` is the Jacobian in the numerator layout: entry (i, j) is the "
                f"derivative of entry i by `{x}_j`"
            )
            return F.Jacobian(y, x)
        self.note(
            f"`{name}` says no layout: read as the Jacobian (entry (i, j) the derivative of "
            f"entry i by `{x}_j`, as `dx.jacobian` gives it); a claim is decided under both "
            f"layouts, and `\\partial {x}^\\top` below or `^\\top` above says which"
        )
        return F.UnsaidJacobian(y, x)

    def _nabla_order(self, toks: list[Tok], j: int, t0: Tok) -> tuple[int, int]:
        """The power written on ``\\nabla`` at ``j`` (``^2``, ``^{2}``): 2 for the Hessian, 1 when
        there is none; any other power is refused."""
        if j >= len(toks) or toks[j].text != "^":
            return 1, j
        g, k = self.group(toks, j + 1)
        text = "".join(t.text for t in g)
        if text != "2":
            raise self.error(
                f"`\\nabla^{{{text}}}`: derivax reads the gradient `\\nabla f` and the Hessian "
                "`\\nabla^2 f`; write a derivative of another order entry by entry",
                t0,
            )
        return 2, k

    def _defined_gradient_head(self, toks: list[Tok], i: int, start: int, end: int):
        """``\\nabla L(\\theta) = \\dots`` at the head of a definition, ``L`` undeclared: the
        gradient of the function the formula names, applied to its one argument (as ``L(\\theta)
        = \\dots`` defines one); None for anything else."""
        if self.latex[: toks[i].pos].strip() or end - start < 4:
            return None
        if toks[start + 1].text != "(" or toks[end - 1].text != ")":
            return None
        rest = self.latex[toks[end - 1].pos + 1 :].lstrip()
        if not (rest.startswith(("=", ":=", r"\coloneqq")) and not rest.startswith("==")):
            return None
        name = toks[start].text
        if self.table.resolve(name) is not None or not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name):
            return None
        local: list[_Piece] = []
        self._apply_function(name, toks[start:end], 1, local, toks[start])
        if len(local) != 1:
            return None
        self.note(
            f"`{name}(...)` after `\\nabla` on the left of the formula's `=` is the function it "
            f"defines (declare `{name}: function` to say so)"
        )
        return self.objects[local[0].text[len(r"\variable{") : -1]]

    def _nabla(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        order, j = self._nabla_order(toks, i + 1, t0)
        if order == 1 and j + 1 < len(toks) and toks[j].text == "_":
            after = self.group(toks, j + 1)[1]
            if after < len(toks) and toks[after].text == "^":
                # \nabla_x^2 f: the subscript first, then the power
                order = self._nabla_order(toks, after, t0)[0]
        if order == 2:
            from ._hessians import read_hessian

            return read_hessian(self, toks, t0, j, out)
        if j >= len(toks) or toks[j].text != "_":
            # \nabla f(x): the gradient with respect to the one argument f is applied to
            start, end = j, self._term_end(toks, j)
            body = self._defined_gradient_head(toks, i, start, end)
            if body is None:
                body = self.parse(toks[start:end], toks[start].pos) if end > start else None
            args: tuple = getattr(body, "args", ())
            if (
                not isinstance(body, sympy.core.function.AppliedUndef)
                or len(args) != 1
                or not isinstance(args[0], (sympy.Symbol, MatrixSymbol))
            ):
                raise self.error(
                    "write the variable of a gradient as a subscript: `\\nabla_{\\theta} L` "
                    "(`\\nabla f(x)` with no subscript is read only for a function applied to "
                    "one variable)",
                    t0,
                )
            var = args[0]
            self.note(f"`\\nabla {body}` is the gradient with respect to `{var}`, its argument")
        else:
            g, j = self.group(toks, j + 1)
            var = self.parse(g, g[0].pos)
            start = j
            end = self._term_end(toks, j)
            if end == start:
                raise self.error("this gradient needs an expression to act on", t0)
            body = self.parse(toks[start:end], toks[start].pos)
            members = self._members_of(var, body)
            if members:
                # \nabla_x f with only x_1, ..., x_k declared: the column of the derivatives
                # by each member
                self.note(
                    f"`\\nabla_{{{var}}}` is the gradient with respect to "
                    f"({', '.join(map(str, members))}), the declared members of `{var}`"
                )
                column = sympy.ImmutableMatrix([sympy.Derivative(body, m) for m in members])
                out.append(self.place(column, t0.pos))
                return end
        defined = (
            isinstance(body, sympy.core.function.AppliedUndef) and str(body.func) in self.defined
        ) or (isinstance(body, sympy.Symbol) and body.name in self.defined)
        if not defined:
            self._refuse_carried_array(body, var, t0)
        self._refuse_gradient_at(body, var, defined, t0)
        carried = None if defined else carried_derivative(body, var, 1)
        if carried is not None:
            self.note(f"`\\nabla_{{{var}}}`: the functions whose names carry `{var}` depend on it")
            out.append(self.place(carried, t0.pos))
            return end
        if defined:
            # J(\theta) of a J a given defines: the gradient of the definition, taken once the
            # verifier has entered it
            self.note(f"`\\nabla` of `{body}` differentiates the definition given for it")
        elif (
            isinstance(body, (sympy.Symbol, sympy.core.function.AppliedUndef)) and not body.has(var)
        ) or isinstance(body, sympy.core.function.AppliedUndef):
            # the gradient of an unspecified function is itself unspecified: a named input
            name = (
                "\\nabla_{"
                + sympy.latex(var)
                + "} "
                + join_tokens([t.text for t in toks[start:end]])
            )
            shape = var.shape if isinstance(var, MatrixExpr) else None
            arrays = [a for a in getattr(body, "args", ()) if isinstance(a, MatrixExpr)]
            if shape is None and len(arrays) == 1 and not self.table.resolve(str(var)):
                # \nabla_\theta L(\theta_t) with only \theta_t declared: shaped like \theta_t
                shape = arrays[0].shape
            obj = F.OpaqueMatrix(name, *shape) if shape is not None else F.Opaque(name, real=True)
            out.append(self.place(obj, t0.pos))
            return end
        if isinstance(var, MatrixExpr):
            # a claim about a gradient: kept unevaluated until the verifier takes it
            out.append(self.place(F.Gradient(body, var), t0.pos))
        else:
            out.append(self.place(sympy.Derivative(body, var), t0.pos))
        return end


def _applied_at(body, var) -> MatrixSymbol | None:
    """The array ``var`` is (or is an entry of) when ``body`` is a function applied to it:
    ``f(x)`` and ``x`` or ``x_k``, ``f(W)`` and ``W_{jk}``; None otherwise."""
    if not isinstance(body, sympy.core.function.AppliedUndef):
        return None
    arrays = [a for a in body.args if isinstance(a, MatrixSymbol)]
    if isinstance(var, MatrixSymbol):
        return var if var in arrays else None
    if isinstance(var, sympy.Indexed):
        name = str(var.base.label)
        return next((a for a in arrays if a.name == name), None)
    return None
