"""The scope of a sum (a product, a maximum or minimum over an index): an index bound in one term
and written again after it, outside the operator, reads two ways (TeX's scope or the author's), and
is refused naming both."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from .. import _functions as F
from .._errors import ParseError
from ..symbols import Label
from ._lex import Tok
from ._vocabulary import _RELATIONS

#: the big operators whose subscript binds an index to the end of its term
_BINDERS = (r"\sum", r"\prod", r"\max", r"\min")


def _subscript_letters(toks: list[Tok], k: int) -> set[str]:
    """The letters of the subscript after ``toks[k]`` (``_i``, ``_{i}``, ``_{i=1}``, ``_{1 \\le i
    \\le n}``, ``_{i,j}``): the index is among them, whatever form the range takes."""
    if toks[k + 2].text != "{":
        return {toks[k + 2].text}
    letters, level = set(), 1
    for t in toks[k + 3 :]:
        level += (t.text == "{") - (t.text == "}")
        if level == 0:
            break
        if t.text.isalpha():
            letters.add(t.text)
    return letters


def indices_after_sums(toks: list[Tok]) -> set[str]:
    """The index letters of ``\\sum_{i...}`` (``\\prod``, ``\\max_i``, ``\\min_i``) that reappear
    in a subscript after the operator's term has ended (at a ``+`` or ``-`` of its own level) and
    before its level closes."""
    opens, closes = ("{", "(", "[", r"\{"), ("}", ")", "]", r"\}")
    found: set[str] = set()
    for k, t in enumerate(toks):
        if t.text not in _BINDERS or k + 2 >= len(toks) or toks[k + 1].text != "_":
            continue
        letters = _subscript_letters(toks, k)
        depth, ended = 0, False
        for m in range(k + 1, len(toks)):
            u = toks[m].text
            depth += (u in opens) - (u in closes)
            if depth < 0 or (depth == 0 and u in _RELATIONS | {"&", r"\\"}):
                break
            if depth == 0 and u in ("+", "-"):
                ended = True
            elif ended and u == "_" and m + 1 < len(toks):
                group = [toks[m + 1].text]
                if group[0] == "{":
                    inner, level = [], 1
                    for v in toks[m + 2 :]:
                        level += (v.text == "{") - (v.text == "}")
                        if level == 0:
                            break
                        inner.append(v.text)
                    group = inner
                found |= letters & set(group)
    return found


def check_sum_scope(expr: sympy.Basic, latex: str, flagged: set[str]) -> None:
    """Refuse an index summed in one term and free in the next: ``-\\sum_i y_i \\log p_i + (1 -
    y_i) \\log(1 - p_i)`` as TeX reads it leaves the second term's ``i`` free, while its author
    (binary cross-entropy) meant the sum to cover both; the two readings differ in value, so
    neither is chosen. Only terms outside every sum are compared (inside ``\\sum_i``, a free
    ``i`` is the outer sum's)."""

    binders = (sympy.Sum, sympy.Product, F.IndexMax)

    def outside_sums(e):
        if isinstance(e, binders) or not isinstance(e, sympy.Basic):
            return
        yield e
        for a in e.args:
            yield from outside_sums(a)

    for node in outside_sums(expr):
        if not isinstance(node, sympy.Add):
            continue
        bound: dict[sympy.Symbol, tuple[sympy.Basic, str]] = {}
        for term in node.args:
            for sm in sorted(term.atoms(*binders), key=str):
                for limit in sm.limits:
                    bound.setdefault(limit[0], (term, _operator(sm)))
        for term in node.args:
            # in the order of the names: the message is the same from one run to the next
            for var, (where, op) in sorted(bound.items(), key=lambda kv: str(kv[0])):
                if (
                    str(var) in flagged
                    and term is not where
                    and var in term.free_symbols
                    and var not in where.free_symbols
                ):
                    what = "summed" if op == "sum" else f"the index of `\\{op}_{{{var}}}`"
                    raise ParseError(
                        f"`{var}` is {what} in one term and free in another (`{term}`): "
                        f"`\\{op}_{{{var}}}` reaches to the end of its term only, so the two "
                        f"readings differ; write `\\{op}_{{{var}}} (\\dots + \\dots)` with "
                        f"parentheses if the {op} covers both terms, or another letter for an "
                        f"index that is free",
                        latex,
                        0,
                    )


def _operator(e: sympy.Basic) -> str:
    """The LaTeX word of a binding operator: sum, prod, max or min."""
    if isinstance(e, sympy.Sum):
        return "sum"
    if isinstance(e, sympy.Product):
        return "prod"
    return "min" if isinstance(e, F.IndexMin) else "max"


def _excluded_partners(s: sympy.Sum) -> list[tuple[sympy.Symbol, sympy.Symbol]]:
    """(k, l) for each ``1 - \\delta_{kl}`` factor of the summand, k a limit of ``s``."""
    limits = {lim[0] for lim in s.limits}
    out = []
    for f in sympy.Mul.make_args(s.function):
        if f.is_Add and len(f.args) == 2 and sympy.S.One in f.args:
            delta = (f - 1) * -1
            if isinstance(delta, sympy.KroneckerDelta):
                a, b = delta.args
                if a in limits and isinstance(b, sympy.Symbol) and b not in limits:
                    out.append((a, b))
                elif b in limits and isinstance(a, sympy.Symbol) and a not in limits:
                    out.append((b, a))
    return out


def pair_exclusions(expr: sympy.Basic, latex: str, note=None) -> sympy.Basic:
    """Refuse ``\\sum_{k \\neq l} f_{kl}`` with the index ``l`` in the summand and written nowhere
    outside the sum: it reads two ways in real use, and they differ in value. t-SNE's normaliser
    ``\\sum_{k \\neq l} (1 + D_{kl})^{-1}`` means the pairs k != l (one number); the multiclass
    hinge ``\\sum_{j \\ne y} \\max(0, s_j - s_y + 1)`` means one fixed label y (read with ``y`` an
    index, the loss for each label). Read either way, the other author gets a wrong value
    without a word (the pairs read as a fixed index gave t-SNE's q_{ij} an extra axis).

    One case decides: a definition whose left side is a name with its indices (``q_{ij} = \\dots``,
    ``\\widehat{\\mathrm{MMD}}^2_u = \\dots``) cannot depend on an index it does not carry, so where
    ``k`` and ``l`` appear in the summand only together, as the two indices of entries of square
    arrays (``D_{kl}``, ``K_{ij}``), the sum is over the pairs: ``\\sum_l \\sum_{k \\ne l}``. The
    expression is returned with those sums so written, and the rule is noted.

    Side conditions: ``l`` only in the condition (``\\sum_{j \\ne i} x_j``, one value left out,
    an array over i) and ``l`` written outside the sum (``x_l - \\sum_{k \\ne l} x_k``, or on the
    left of ``L_y = \\sum_{j \\ne y} ...``: a fixed index) are not ambiguous and read as before;
    a label beside the pair index in separate entries (``s_j - s_y``) stays refused."""
    carried = left_indices(expr)
    pairs: dict[sympy.Sum, sympy.Sum] = {}
    for s in expr.atoms(sympy.Sum):
        for k, fixed in _excluded_partners(s):
            if fixed not in s.function.xreplace({sympy.KroneckerDelta(k, fixed): 0}).free_symbols:
                continue  # l only in the condition: one value left out
            if (
                carried is not None
                and fixed not in carried
                and not any(
                    t is not s and t.has(s) and fixed in t.variables for t in expr.atoms(sympy.Sum)
                )
                and (limit := _pair_range(s, k, fixed)) is not None
            ):
                pairs[s] = sympy.Sum(s.function, *s.limits, limit)
                if note is not None:
                    note(
                        f"`\\sum_{{{k} \\ne {fixed}}}` is over the pairs {k} != {fixed}: the left side "
                        f"does not carry `{fixed}`, and the summand uses the two only together"
                    )
                continue
            if (
                not isinstance(fixed, Label)
                and (carried is None or fixed not in carried)
                and fixed not in expr.xreplace({s: sympy.Dummy()}).free_symbols
                and (limit := _u_statistic_range(expr, s, k, fixed)) is not None
            ):
                pairs[s] = sympy.Sum(s.function, *s.limits, limit)
                if note is not None:
                    note(
                        f"`\\sum_{{{k} \\ne {fixed}}}` is over the pairs {k} != {fixed}: it is "
                        f"divided by their number, {limit[2]}({limit[2]} - 1) (a U-statistic)"
                    )
                continue
            if (
                isinstance(expr, sympy.Equality)
                and not isinstance(fixed, Label)  # \hat{\pi}(x) of a declared label x: fixed
                and isinstance(expr.lhs, sympy.Mul)
                and fixed in expr.lhs.args
                and fixed not in expr.rhs.xreplace({s: sympy.Dummy()}).free_symbols
            ):
                # i(t) = \sum_{j \ne i} ... (CART's Gini index): the letter names the defined
                # quantity on the left, not a fixed index, and the pairs are meant
                raise ParseError(
                    f"`{fixed}` is written on the left as the defined quantity's name (read as "
                    f"`{fixed}` times its argument) and under `\\sum_{{{k} \\ne {fixed}}}` as "
                    f"an index: the sum reads over the pairs or for one fixed {fixed}; name the "
                    f"left side otherwise (`G(t)`), and write the pairs `\\sum_{{{fixed}}} "
                    f"\\sum_{{{k} \\ne {fixed}}}`",
                    latex,
                    0,
                )
            if (
                isinstance(fixed, Label)
                or fixed in expr.xreplace({s: sympy.Dummy()}).free_symbols
                or fixed not in expr.free_symbols
            ):
                # a declared label (y: label[k]), l written elsewhere, or l bound by an outer
                # sum: a fixed value
                continue
            raise ParseError(
                f"`\\sum_{{{k} \\ne {fixed}}}` with `{fixed}` in the summand and nowhere outside the sum "
                f"reads two ways: the pairs {k} != {fixed} (write `\\sum_{{{fixed}}} \\sum_{{{k} \\ne {fixed}}}`) "
                f"or one fixed {fixed}, such as a label (write `{fixed}` outside the sum too, as in "
                f"`L_{{{fixed}}} = \\sum_{{{k} \\ne {fixed}}} \\dots`)",
                latex,
                0,
            )
    return expr.xreplace(pairs) if pairs else expr


def left_indices(expr: sympy.Basic) -> set | None:
    """The indices the left side of a definition carries (``q_{ij}``: i and j; a name, or a
    power of one: none); None when ``expr`` is no equation with a name on its left."""
    if not isinstance(expr, sympy.Equality):
        return None
    lhs = expr.lhs
    while isinstance(lhs, sympy.Pow) and lhs.exp.is_Number:
        lhs = lhs.base
    if isinstance(lhs, sympy.Symbol):
        return set()
    if _name_like(lhs):  # c(Z) = ..., read c Z: a name of what it carries
        return set(lhs.free_symbols)
    if isinstance(lhs, sympy.Indexed) and all(isinstance(i, sympy.Symbol) for i in lhs.indices):
        return set(lhs.indices)
    return None


def _name_like(e: sympy.Basic) -> bool:
    """A left side made of names only: symbols, their products and powers, functions of them
    (``c(Z)``, ``c Z``, ``\\mathrm{cp}(X, Y)``)."""
    if isinstance(e, sympy.Symbol):
        return True
    if isinstance(e, sympy.Mul):
        return all(_name_like(a) or a.is_Number for a in e.args)
    if isinstance(e, sympy.Pow):
        return _name_like(e.base) and e.exp.is_Number
    if isinstance(e, AppliedUndef):
        return all(isinstance(a, sympy.Symbol | sympy.MatrixSymbol) for a in e.args)
    return False


def _u_statistic_range(expr, s: sympy.Sum, k: sympy.Symbol, fixed: sympy.Symbol) -> tuple | None:
    """The range of ``fixed`` for the pairs reading of ``s`` when ``s`` is divided by the number
    of pairs, ``\\frac{1}{n(n-1)} \\sum_{i \\ne j}`` with ``i`` from 1 to n (a U-statistic:
    unbiased MMD, the kernelized Stein discrepancy, HSIC): for one fixed ``j`` the count is n - 1,
    and nobody divides a sum of n - 1 terms by n(n - 1). Else None. Side conditions: the range
    of ``k`` from 1 to a size n, and a factor beside the sum whose denominator n(n - 1) divides
    (``\\frac{2}{n(n-1)}``, ``\\frac{1}{n^2 - n}``); a numerator that holds n (a mean over n
    of a mean over n - 1) does not count."""
    limit = next(lim for lim in s.limits if lim[0] == k)
    if len(limit) != 3 or limit[1] != 1 or not limit[2].free_symbols:
        return None
    n = limit[2]
    for m in expr.atoms(sympy.Mul):
        if s not in m.args:
            continue
        rest = m.func(*[a for a in m.args if a is not s])
        num, den = sympy.fraction(sympy.together(rest))
        if n in num.free_symbols or n not in den.free_symbols:
            continue
        quotient, remainder = sympy.div(sympy.expand(den), sympy.expand(n * (n - 1)), n)
        if remainder == 0 and n not in quotient.free_symbols:
            return (fixed, limit[1], n)
    return None


def _pair_range(s: sympy.Sum, k: sympy.Symbol, fixed: sympy.Symbol) -> tuple | None:
    """The range of ``fixed`` for the pairs reading of ``s`` (that of ``k``), when the summand
    holds an entry indexed by both (``D_{kl}``, the pair's interaction) and uses ``k`` and
    ``fixed`` only as plain indices along axes whose size is the range of ``k``, from 1
    (``T_{ij} V_i V_j``); else None. Used only in separate entries (``x_j - x_l``, the
    multiclass hinge's ``s_j - s_y``) they read as one fixed label too, and stay refused."""
    body = s.function.xreplace(
        {sympy.KroneckerDelta(k, fixed): 0, sympy.KroneckerDelta(fixed, k): 0}
    )
    entries = [x for x in body.atoms(sympy.Indexed) if {k, fixed} & x.free_symbols]
    limit = next(lim for lim in s.limits if lim[0] == k)
    if not entries or len(limit) != 3 or limit[1] != 1:
        return None
    if not any({k, fixed} <= set(x.indices) for x in entries):
        return None  # no entry of the pair: the reading of a fixed label stays open
    for x in entries:
        shape = x.base.shape
        if shape is None or len(shape) != len(x.indices):
            return None
        for size, ix in zip(shape, x.indices, strict=True):
            if ix in (k, fixed):
                if (size - limit[2]).expand() != 0:
                    return None
            elif {k, fixed} & ix.free_symbols:
                return None  # x_{k+1}: an offset entry, not a plain index
    if {k, fixed} & body.xreplace({x: sympy.Dummy() for x in entries}).free_symbols:
        return None
    return (fixed, limit[1], limit[2])
