"""Integrals and expectations."""

from __future__ import annotations

import sympy

from ..._errors import ParseError
from ...symbols import (
    join_tokens,
)
from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import (
    _RELATIONS,
    _Piece,
)


class Integrals(ReaderState):
    """``\\int ... dx`` and expectations ``\\mathbb{E}_{x \\sim p}[f(x)]``."""

    def _integral(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        t0 = toks[i]
        lo, hi, j = self.limits(toks, i + 1)
        # find the differential d<var> that closes the integrand
        k = j
        while k < len(toks):
            x = toks[k].text
            if x in ("{", "(", "[", r"\{", r"\langle"):
                k = find_close(toks, k, self.latex) + 1
                continue
            is_d = x == "d" or (
                x in (r"\mathrm", r"\operatorname", r"\text")
                and k + 3 < len(toks)
                and toks[k + 1].text == "{"
                and toks[k + 2].text == "d"
                and toks[k + 3].text == "}"
            )
            width = 1 if x == "d" else 4
            if is_d and k + width < len(toks) and self._starts_name(toks[k + width].text) and k > j:
                base, sub, sup, primes, end = self._read_name(toks, k + width)
                var_name = self._full_name(base, sub, sup, primes)
                key = self.table.resolve(var_name)
                decl = self.table[key] if key is not None else None
                if decl is not None and decl.kind == "vector" and lo is None and hi is None:
                    coordinates = self.diagonal_gaussian_integral(
                        toks[j:k], decl.name, decl.shape[0], t0
                    )
                    if coordinates is not None:
                        value = self.parse(coordinates, t0.pos)
                        out.append(self.place(value, t0.pos))
                        return end
                if key is not None and self.table[key].is_array:
                    # read as a scalar variable, the integrand (a function of the vector) would
                    # be a constant in it
                    raise self.error(
                        f"an integral over `{var_name}`, a {self.table[key].kind} (a multiple "
                        f"integral), is not read; derivax reads integrals over one scalar "
                        f"variable: write the integral entry by entry or its closed form",
                        t0,
                    )
                var = (
                    self.table.scalar(var_name)
                    if self.table.resolve(var_name)
                    else sympy.Symbol(var_name, real=True)
                )
                body = self.parse(toks[j:k], toks[j].pos)
                body = body.xreplace({sympy.Symbol(var_name, real=True): var})
                limits: tuple = (var,)
                if lo is not None and hi is not None:
                    limits = (var, self.parse(lo, lo[0].pos), self.parse(hi, hi[0].pos))
                out.append(self.place(sympy.Integral(body, limits), t0.pos))
                return end
            if x in _RELATIONS:
                break
            k += 1
        leading = self._leading_differential(toks, j, k)
        if leading is not None:
            return self._integral_led(toks, t0, (lo, hi), leading, k, out)
        if lo is not None and hi is None and self._starts_name(lo[0].text):
            return self._integral_over(toks, t0, lo, j, k, out)
        if j < k and toks[j].text == "d" and self.table.resolve("d"):
            raise self.error(
                "`d` right after `\\int` is declared, so it is no differential here, and the "
                "integral has none at its end; write `\\int f(x) \\, dx`",
                t0,
            )
        if lo is None and hi is None:
            var = self._argument_of_every_application(toks[j:k])
            if var is not None:
                # \int p(x) \frac{q(x)}{p(x)}: densities of one variable, the integral over it
                return self._integral_over(toks, t0, [var], j, k, out, implicit=True)
        raise self.error("this integral has no differential such as `\\,dx` at its end", t0)

    def _leading_differential(self, toks: list[Tok], j: int, k: int) -> tuple[int, int] | None:
        """``\\int dz\\, f(z)``, the differential written first (as physics notes do): the index
        of its variable and where the integrand starts; None when the integrand does not start
        with ``d`` (or ``\\mathrm{d}``) and a name, or ``d`` is declared."""
        if j >= k or self.table.resolve("d"):
            return None
        x = toks[j].text
        width = 1 if x == "d" else 4
        upright = (
            x in (r"\mathrm", r"\operatorname", r"\text")
            and j + 3 < k
            and [t.text for t in toks[j + 1 : j + 4]] == ["{", "d", "}"]
        )
        if (
            not (x == "d" or upright)
            or j + width >= k
            or not self._starts_name(toks[j + width].text)
        ):
            return None
        end = self._read_name(toks, j + width)[4]
        return (j + width, end) if end < k else None

    def _integral_led(self, toks, t0: Tok, bounds, leading: tuple[int, int], k: int, out) -> int:
        """The integral whose differential comes first: its integrand runs to the relation (or
        the end of its group), and a sum or difference at its top level is refused, since where
        the integrand ends is then not written."""
        lo, hi = bounds
        at, start = leading
        base, sub, sup, primes, _ = self._read_name(toks, at)
        name = self._full_name(base, sub, sup, primes)
        key = self.table.resolve(name)
        if key is not None and self.table[key].kind != "scalar":
            raise self.error(
                f"an integral over `{name}`, a {self.table[key].kind}, is not read; derivax "
                f"reads integrals over one scalar variable",
                t0,
            )
        self._one_term(
            toks[start:k],
            f"with its differential `d{name}` written first, where the integrand ends is not "
            "written (before or after the `{sign}`); put it in parentheses",
        )
        var = self.table.scalar(name) if key is not None else sympy.Symbol(name, real=True)
        body = self.parse(toks[start:k], toks[start].pos).xreplace(
            {sympy.Symbol(name, real=True): var}
        )
        limits: tuple = (var,)
        if lo is not None and hi is not None:
            limits = (var, self.parse(lo, lo[0].pos), self.parse(hi, hi[0].pos))
        self.note(f"`\\int d{name} \\, f`: the differential written first, the integral in {name}")
        out.append(self.place(sympy.Integral(body, limits), t0.pos))
        return k

    def _one_term(self, body: list[Tok], why: str) -> None:
        """Refuse an integrand with no written end that holds a sum or difference at its top
        level: ``why`` names the sign (``{sign}``) and what to write."""
        depth = 0
        for n, t in enumerate(body):
            depth += int(t.text in ("{", "(", "[", r"\{")) - int(t.text in ("}", ")", "]", r"\}"))
            if depth == 0 and n > 0 and t.text in ("+", "-"):
                raise self.error(why.replace("{sign}", t.text), t)

    def _argument_of_every_application(self, body: list[Tok]) -> Tok | None:
        """The one variable every application in ``body`` takes (``p(x)``, ``q(x)``), when the
        body applies functions to nothing else and names no other letter outside them; None
        otherwise (the integration variable is then not written, and not guessed)."""
        args: set[str] = set()
        var: Tok | None = None
        k = 0
        while k < len(body):
            t = body[k].text
            if (
                k + 3 < len(body)
                and self._starts_name(t)
                and body[k + 1].text == "("
                and body[k + 3].text == ")"
                and self._starts_name(body[k + 2].text)
            ):
                args.add(body[k + 2].text)
                var = body[k + 2]
                k += 4
                continue
            k += 1
        return var if len(args) == 1 else None

    def _integral_over(
        self,
        toks: list[Tok],
        t0: Tok,
        sub: list[Tok],
        j: int,
        k: int,
        out: list[_Piece],
        implicit: bool = False,
    ) -> int:
        """``\\int_x f(x)`` with no differential, as notes write it: the integral of ``f`` over the
        real line in the variable the subscript names. The integrand runs to the relation (or
        the end of its group); a sum or difference inside it is refused, since where the
        integrand ends is then not written."""
        base, s_, sup, primes, end = self._read_name(sub, 0)
        name = self._full_name(base, s_, sup, primes)
        key = self.table.resolve(name)
        shown = "\\int" if implicit else f"\\int_{{{name}}}"
        if end != len(sub) or (key is not None and self.table[key].kind != "scalar"):
            raise self.error(
                "this integral has no differential; write `\\int f(x) \\, dx` (the "
                + ("variable" if implicit else "subscript")
                + f" `{self.latex[sub[0].pos : sub[-1].pos + len(sub[-1].text)]}` is not one "
                "scalar variable)",
                t0,
            )
        if s_ and {t.text for t in s_} & self.summation_vars:
            raise self.error(
                f"`\\int_{{{name}}}` integrates over an entry picked by a summation index; write "
                "the integral with its own variable and a differential: `\\int f(z) \\, dz`",
                t0,
            )
        body_toks = toks[j:k]
        if not body_toks:
            raise self.error("the integral of what? Nothing follows `\\int`", t0)
        self._one_term(
            body_toks,
            f"`{shown}` has no differential, so where its integrand ends is not written (before "
            f"or after the `{{sign}}`); write `\\, d{name}` at its end",
        )
        var = self.table.scalar(name) if key is not None else sympy.Symbol(name, real=True)
        body = self.parse(body_toks, body_toks[0].pos)
        body = body.xreplace({sympy.Symbol(name, real=True): var})
        self.note(
            f"`\\int f` with no differential, its functions all applied to `{name}`, is the "
            f"integral of f over the real line in {name}"
            if implicit
            else f"`\\int_{{{name}}} f` with no differential is the integral of f over the real "
            f"line in {name}"
        )
        out.append(self.place(sympy.Integral(body, (var, -sympy.oo, sympy.oo)), t0.pos))
        return k

    def _expectation(self, toks: list[Tok], i: int, out: list[_Piece]) -> int:
        r"""``\mathbb{E}_{x \sim p}[f(x)]`` (or ``\mathbb{E}_{p(x)}[f(x)]``). When ``p`` is a declared
        simplex, ``x`` ranges over its categories: ``\sum_x p_x f(x)``. Otherwise ``p`` is a density
        (a function, the default for an undeclared name; ``\mathcal{N}(\mu, \sigma^2)`` is
        ``\mathcal{N}(x; \mu, \sigma^2)``): ``\int p(x) f(x) dx`` over the real line."""
        t0 = toks[i]
        g, j = self.group(toks, i + 1)
        letter = "".join(t.text for t in g)
        if letter != "E":
            raise self.error(
                f"`\\mathbb{{{letter}}}` is not read; the blackboard letter derivax reads is the "
                "expectation `\\mathbb{E}_{x \\sim p}[f(x)]`",
                t0,
            )
        if j >= len(toks) or toks[j].text != "_":
            raise self.error(
                "an expectation names its variable and distribution: `\\mathbb{E}_{x \\sim p}[f(x)]`",
                t0,
            )
        sub, j = self.group(toks, j + 1)
        if j < len(toks) and toks[j].text == "[" and self._random_subscript(sub):
            # \mathbb{E}_X[f(X)]: the subscript names the random variable, as with a plain E
            return self._moment_over(toks, t0, j, out)
        return self._expectation_over(toks, t0, sub, j, out)

    def _expectation_over(
        self, toks: list[Tok], t0: Tok, sub: list[Tok], j: int, out: list[_Piece]
    ) -> int:
        """The expectation whose subscript ``sub`` (``x \\sim p``, ``p(x)``) is read, its
        bracket at ``toks[j]``: ``\\mathbb{E}_{x \\sim p}[f(x)]``, or ``E_{z \\sim q(z)}[f(z)]``
        written with a plain E."""
        if j >= len(toks) or toks[j].text not in ("[", "("):
            raise self.error(
                "the expectation's argument goes in brackets: `\\mathbb{E}_{x \\sim p}[f(x)]`",
                toks[j] if j < len(toks) else t0,
            )
        k = find_close(toks, j, self.latex)
        body_toks = toks[j + 1 : k]
        if not body_toks:
            raise self.error("the expectation of what? The brackets are empty", toks[j])
        self.refuse_conditional(body_toks)
        texts = [t.text for t in sub]
        if r"\sim" in texts:
            m = texts.index(r"\sim")
            var_toks, dist_toks = sub[:m], sub[m + 1 :]
        elif "(" in texts and texts[-1] == ")":  # E_{p(x)}
            m = texts.index("(")
            var_toks, dist_toks = sub[m + 1 : -1], sub[:m]
        else:
            raise self.error(
                "write the expectation's subscript as `x \\sim p` or `p(x)`", sub[0] if sub else t0
            )
        if not var_toks or not dist_toks:
            raise self.error(
                "write the expectation's subscript as `x \\sim p` or `p(x)`", sub[0] if sub else t0
            )
        var_name = self._index_var(var_toks, t0)
        dist_texts = [t.text for t in dist_toks]
        key = (
            self.table.resolve(join_tokens(dist_texts).replace(" ", ""))
            if "(" not in dist_texts
            else None
        )
        decl = self.table[key] if key is not None else None
        if key is not None and decl is not None and decl.kind == "simplex":
            declared = self.table.resolve(var_name)
            if declared is not None and self.table[declared].kind not in ("index",):
                raise self.error(
                    f"`{var_name}` ranges over the categories of the distribution `{key}`; it is "
                    f"declared {self.table[declared].kind}, declare it an index",
                    var_toks[0],
                )
            self.summation_vars.add(var_name)
            idx = self._index_symbol(var_name)
            body = self.parse(body_toks, body_toks[0].pos)
            value = sympy.Sum(
                self.table.indexed(key)[idx] * body, (idx, 1, self.table.dim(decl.shape[0]))
            )
        else:
            if decl is not None and decl.kind != "function":
                raise self.error(
                    f"`{key}` is declared {decl.kind}; an expectation needs a distribution: a "
                    "function (a density) or a simplex (categories)",
                    dist_toks[0],
                )
            o = dist_texts.index("(") if "(" in dist_texts else -1
            if dist_texts[-1] == ")" and [t.text for t in dist_toks[o + 1 : -1]] == [
                t.text for t in var_toks
            ]:  # z \sim q(z): the density as written
                density_toks = list(dist_toks)
                name_toks = dist_toks[:o]
            elif (
                dist_texts[-1] == ")" and "(" in dist_texts
            ):  # \mathcal{N}(\mu, \sigma^2): x comes first
                o = dist_texts.index("(")
                density_toks = [
                    *dist_toks[: o + 1],
                    *var_toks,
                    Tok(";", var_toks[0].pos),
                    *dist_toks[o + 1 :],
                ]
                name_toks = dist_toks[:o]
            else:
                density_toks = [
                    *dist_toks,
                    Tok("(", var_toks[0].pos),
                    *var_toks,
                    Tok(")", var_toks[-1].pos),
                ]
                name_toks = dist_toks
            try:
                base, s_, sup, primes, _ = self._read_name(name_toks, 0)
                self.probability_functions.add(self._full_name(base, s_, sup, primes))
            except (ParseError, IndexError):
                pass
            var = self.parse(var_toks, var_toks[0].pos)
            if not isinstance(var, sympy.Symbol):
                raise self.error(
                    "the variable of an expectation over a density is one scalar name", var_toks[0]
                )
            density = self.parse(density_toks, dist_toks[0].pos)
            body = self.parse(body_toks, body_toks[0].pos)
            value = sympy.Integral(density * body, (var, -sympy.oo, sympy.oo))
        out.append(self.place(value, t0.pos))
        return k + 1


def over_the_line(expr: sympy.Basic, note) -> sympy.Basic:
    """In a relation, ``\\int f(x) \\, dx`` with no bounds whose variable appears nowhere
    outside the integral is over the real line, as notes write a density's integral
    (``\\int \\mathcal{N}(x; \\mu, \\sigma^2) \\, dx = 1``): an antiderivative equal to
    what does not depend on ``x`` has no meaning. Where ``x`` appears outside (``\\int x \\, dx =
    x^2/2``) it stays the antiderivative, and so does an expression that is no relation.
    ``note`` records the rule."""
    if not isinstance(expr, sympy.core.relational.Relational):
        return expr
    found = [
        i
        for i in expr.atoms(sympy.Integral)
        if len(i.limits) == 1 and len(i.limits[0]) == 1 and isinstance(i.limits[0][0], sympy.Symbol)
    ]
    changes = {}
    for integral in found:
        x = integral.limits[0][0]
        outside = expr.xreplace({integral: sympy.Dummy()})
        if x not in outside.free_symbols:
            changes[integral] = sympy.Integral(integral.function, (x, -sympy.oo, sympy.oo))
            note(
                f"`\\int f \\, d{x}` with no bounds, `{x}` nowhere outside it, is over the "
                f"real line (an antiderivative where `{x}` appears outside)"
            )
    return expr.xreplace(changes) if changes else expr
