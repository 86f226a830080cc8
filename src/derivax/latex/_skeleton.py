r"""A direct reader for the arithmetic between placeholders.

The token walk in ``_parse`` replaces every name, function, norm and bracket it understands by a
placeholder (``\variable{q0}``); what is left is arithmetic: sums, products, fractions, powers,
roots, ``\sum``/``\prod`` and one relation. latex2sympy2_extended reads that correctly but its
ANTLR parser spends most of a first parse warming up. This module reads the same skeletons
directly, building the same SymPy expression latex2sympy would (the tests compare the two on
every catalog and corpus formula); anything else raises ``Unsupported`` and goes to latex2sympy.
"""

from __future__ import annotations

import re

import sympy

_TOKEN = re.compile(r"\\variable\{q\d+\}|\d+\.\d+|\d+|\\[A-Za-z]+|\S")
_RELATIONS = {
    "=": sympy.Eq,
    "<": sympy.Lt,
    ">": sympy.Gt,
    r"\le": sympy.Le,
    r"\ge": sympy.Ge,
    r"\leq": sympy.Le,
    r"\geq": sympy.Ge,
    r"\ne": sympy.Ne,
    r"\neq": sympy.Ne,
}
_TERM_END = {"+", "-", ")", "]", "}", "^", "_", ",", "&", "!", "|"} | set(_RELATIONS)


def _power(base: sympy.Expr, exp: sympy.Expr) -> sympy.Expr:
    """Never evaluated here: a power of a product would be distributed over factors that may be
    matrices, and 2^{30^5} is refused by the reader's size check, not computed."""
    if base.is_Number and exp.is_Number and abs(exp) <= 1:
        return sympy.Pow(base, exp)  # 1/2, sqrt(2): as latex2sympy gives them
    return sympy.Pow(base, exp, evaluate=False)


def _negative(t: sympy.Expr) -> sympy.Expr:
    return -t if t.is_Number else _product([sympy.Integer(-1), t])


def _product(factors: list[sympy.Expr]) -> sympy.Expr:
    """Factors in the order they are written (the placeholders may stand for matrices, which do
    not commute); plain numbers first, multiplied, as SymPy would put them."""
    flat: list[sympy.Expr] = []
    for f in factors:
        flat.extend(f.args if isinstance(f, sympy.Mul) else [f])
    numbers = [f for f in flat if f.is_Number]
    rest = [f for f in flat if not f.is_Number]
    coeff = sympy.Mul(*numbers)
    if not rest:
        return coeff
    if coeff == 1 and len(rest) == 1:
        return rest[0]
    return sympy.Mul(*([coeff] if coeff != 1 else []), *rest, evaluate=False)


class Fraction(sympy.Function):
    """``\\frac{a}{b}`` as written, until the assembler knows whether ``a`` and ``b`` are matrices
    (``\\frac{B}{A}`` of two matrices has two readings; of scalars it is ``a b^{-1}``)."""

    nargs = 2


class Unsupported(Exception):
    """The skeleton holds something this reader leaves to latex2sympy."""


def read(text: str) -> sympy.Basic:
    """The SymPy reading of a placeholder skeleton, or ``Unsupported``."""
    reader = _Reader(_TOKEN.findall(text))
    value = reader.relation()
    if reader.peek() is not None:
        raise Unsupported(reader.peek())
    return value


class _Reader:
    def __init__(self, toks: list[str]):
        self.toks, self.i = toks, 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        t = self.peek()
        if t is None or (expected is not None and t != expected):
            raise Unsupported(f"expected {expected!r}, found {t!r}")
        self.i += 1
        return t

    def relation(self) -> sympy.Basic:
        lhs = self.expr()
        op = self.peek()
        if op not in _RELATIONS:
            return lhs
        self.take()
        rhs = self.expr()
        if self.peek() in _RELATIONS:  # a chain a = b = c: latex2sympy's And
            raise Unsupported("chain")
        return _RELATIONS[op](lhs, rhs, evaluate=False)

    def expr(self) -> sympy.Expr:
        terms = []
        sign = 1
        if self.peek() in ("+", "-"):
            sign = -1 if self.take() == "-" else 1
        terms.append(self.term() if sign == 1 else _negative(self.term()))
        while self.peek() in ("+", "-"):
            op = self.take()
            t = self.term()
            terms.append(t if op == "+" else _negative(t))
        if len(terms) == 1:
            return terms[0]
        flat: list[sympy.Expr] = []
        for t in terms:
            flat.extend(t.args if isinstance(t, sympy.Add) else [t])
        return sympy.Add(*flat, evaluate=False)

    def term(self) -> sympy.Expr:
        factors = [self.factor()]
        while True:
            t = self.peek()
            if t is None or t in _TERM_END:
                break
            if t in (r"\cdot", r"\times"):
                self.take()
                if self.peek() in (r"\sum", r"\prod"):
                    factors.append(self.big_operator())
                    break
                factors.append(self.factor())
                continue
            if t in (r"\sum", r"\prod"):
                factors.append(self.big_operator())  # the sum takes the rest of the term
                break
            factors.append(self.factor())
        return _product(factors)

    def factor(self) -> sympy.Expr:
        if self.peek() in (r"\sum", r"\prod"):
            return self.big_operator()
        base = self.primary()
        while self.peek() == "^":
            self.take()
            if self.peek() == "{":
                self.take()
                exp = self.expr()
                self.take("}")
            else:
                exp = self.primary()
            base = _power(base, exp)
        return base

    def primary(self) -> sympy.Expr:
        t = self.take()
        if t.startswith(r"\variable{"):
            return sympy.Symbol(t[len(r"\variable{") : -1])
        if t[0].isdigit():
            return sympy.Float(t) if "." in t else sympy.Integer(t)
        if t in ("(", "[", "{"):
            inner = self.expr()
            self.take({"(": ")", "[": "]", "{": "}"}[t])
            return inner
        if t == r"\frac":
            num, den = self.braced(), self.braced()
            if num.is_Number and den.is_Number:
                return _product([num, _power(den, sympy.Integer(-1))])
            return Fraction(num, den)
        if t == r"\sqrt":
            if self.peek() == "[":
                # read here rather than by latex2sympy, which read \sqrt[3]{(2)(3)} as 5^{1/3}
                self.take("[")
                index = self.expr()
                self.take("]")
                if not (index.is_Integer and index > 0):
                    raise Unsupported("root with an index that is not a positive whole number")
                return _power(self.braced(), sympy.Rational(1, int(index)))
            return _power(self.braced(), sympy.Rational(1, 2))
        if t == r"\pi":
            return sympy.pi
        if t == r"\infty":
            return sympy.oo
        raise Unsupported(t)

    def braced(self) -> sympy.Expr:
        self.take("{")
        inner = self.expr()
        self.take("}")
        return inner

    def big_operator(self) -> sympy.Expr:
        kind = sympy.Sum if self.take() == r"\sum" else sympy.Product
        self.take("_")
        self.take("{")
        var = self.primary()
        if not isinstance(var, sympy.Symbol):
            raise Unsupported("index")
        self.take("=")
        lo = self.expr()
        self.take("}")
        self.take("^")
        if self.peek() == "{":
            hi = self.braced()
        else:
            hi = self.primary()
        body = self.term()
        if isinstance(body, kind):  # \sum_i \sum_j f: one Sum, inner limits first
            return kind(body.function, *body.limits, (var, lo, hi))
        return kind(body, (var, lo, hi))
