"""One claim of a note checked: the givens it can use, the opaque quantities a refutation went
through, and the verdict as a ``Link`` (``\\neq`` read as "not the same expression")."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy

from .._errors import DerivaxError, ShapeMismatch
from ._einstein import as_entry
from ._link import _RELATIONS, Link
from ._statements import head_of, names_in

_MOMENT_LEFT = re.compile(
    r"\s*(?:\\operatorname\{(?:Var|Cov|E)\}|\\mathbb\{[EV]\}|\\text\{(?:Var|Cov)\}|\\mathrm\{(?:Var|Cov|E)\}"
    r"|E(?=\s*[\[(]))"
)


def _relevant(givens: list[str], text: str) -> list[str]:
    """The givens a claim can use: those defining a name the claim mentions, and what their own
    right sides mention in turn (an unrelated given about an undeclared array would leave no
    point to sample)."""
    wanted = names_in(text)
    chosen: list[str] = []
    changed = True
    while changed:
        changed = False
        for g in givens:
            if g in chosen:
                continue
            parts = re.split(r"(=|\\le(?!ft)|\\ge|<|>)", g, maxsplit=1)
            left, relation = parts[0], (parts[1] if len(parts) > 1 else "=")
            # what a given defines is the name on its left (f of f(x) = ..., not x); a moment
            # (\operatorname{Var}(X_i) = \sigma^2) speaks of the variables inside it; an order
            # (0 \le x, y (w x + b) \ge M) bounds the names on both sides
            head = None if _MOMENT_LEFT.match(left) else head_of(left)
            if relation != "=":
                about = names_in(g)
            else:
                about = {head[0]} if head is not None else names_in(left)
                right = g[len(left) + len(relation) :]
                if head is None and not _MOMENT_LEFT.match(left) and names_in(right) & about:
                    # A v = \lambda v relates \lambda to A and v: a claim about \lambda uses it
                    about = names_in(g)
            if about & wanted:
                chosen.append(g)
                wanted |= names_in(g)
                changed = True
    chosen += _ranges_of_unwritten_sums(givens, text, chosen)
    return [g for g in givens if g in chosen]


#: a sum with its range written over one letter: \sum_{i=1}^{m}, \sum^m_{i=1}
_WRITTEN_SUM = re.compile(
    r"\\sum\s*(?:\\(?:no)?limits\s*)?(?:\^\s*\S+\s*)?_\s*\{?\s*([A-Za-z])\s*="
)
_SUM = re.compile(r"\\sum(?![A-Za-z])")


def _ranges_of_unwritten_sums(givens: list[str], text: str, chosen: list[str]) -> list[str]:
    r"""The givens that write the range of a sum the claim leaves unwritten: a claim
    ``\frac{1}{m}\sum(\hat{y}_i - y_i)`` beside ``J(\theta) = \frac{1}{2m}\sum_{i=1}^m (\hat{y}_i -
    y_i)^2`` sums over the same members, and with that given among its givens the family's length
    is read (a sum over all members of a family of m); without it the range stays unwritten and a
    counterexample decides nothing. Side condition: the given sums over a letter the claim uses
    and holds a name of the claim besides that letter."""
    if all(_WRITTEN_SUM.match(text, m.start()) for m in _SUM.finditer(text)):
        return []  # no sum, or every sum with its range (\sum_i and \sum alone have none)
    wanted = names_in(text)
    out = []
    for g in givens:
        if g in chosen:
            continue
        letters = set(_WRITTEN_SUM.findall(g))
        if letters & wanted and (names_in(g) - letters) & (wanted - letters):
            out.append(g)
    return out


def _opaque(claim: str, table, givens: list[str]) -> str:
    """The derivative the claim takes of a quantity that, as written, depends on nothing (the
    reader makes ``\\frac{dL}{d\\mu}`` of an undefined ``L`` an input of its own); "" if none."""
    from ..latex import reading

    # a given defines its left side, and the name at its head (J of J(\theta) = ...), as the
    # verifier's reading of the claim takes it
    heads = [(g.split("=")[0].strip(), head_of(g.split("=")[0])) for g in givens if "=" in g]
    defined = frozenset(
        name
        for left, head in heads
        if head is not None
        for name in (left, head[0], left.split("(")[0].strip())  # \mathcal{L} as written too
    )
    try:
        r = reading(claim, table, defined)
    except DerivaxError:
        return ""
    from .._functions import opaque_in

    opaque = opaque_in(r.expr)
    return f"`{opaque[0]}`" if opaque else ""


def _check_link(check, file, line, lhs, rel, rhs, table, givens, timeout, axes=None) -> Link:
    import time

    start = time.perf_counter()

    def unread(reason: str) -> Link:
        return Link(
            file,
            line,
            lhs,
            rel,
            rhs,
            "unread",
            reason=" ".join(reason.split()),
            seconds=time.perf_counter() - start,
            kind="unread",
        )

    negated = rel in (r"\neq", r"\ne")
    if rel == r"\approx":
        approx = _approx_link(file, line, lhs, rhs, table, start)
        return (
            approx
            if approx is not None
            else unread(
                "`\\approx` between expressions is not a relation derivax decides; it checks "
                "=, \\neq, \\le, \\ge, <, >, and `\\approx` between a number and the digits "
                "written for it"
            )
        )
    if rel not in _RELATIONS and not negated:
        return unread(
            f"`{rel}` is not a relation derivax decides; it checks =, \\neq, \\le, \\ge, <, >"
        )
    claim = f"{lhs} {'=' if negated else _RELATIONS[rel]} {rhs}"
    try:
        v = check(claim, table, list(givens), timeout=timeout)
    except ShapeMismatch as e:
        met = _where_sizes_meet(check, claim, table, givens, timeout, e)
        if met is None:
            return unread(str(e))
        v, sizes = met
        if v.status != "refuted":
            return unread(f"{e} (where {sizes}, the shapes fit and the claim is {v.status})")
        why = f"the shapes fit only where {sizes} ({e.message}); there it fails: {v.reason or ''}"
        return Link(file, line, lhs, rel, rhs, "refuted", v.method or "", why, v.counterexample)
    except DerivaxError as e:
        return unread(str(e))
    except Exception as e:
        return unread(f"{type(e).__name__}: {e}")
    seconds = time.perf_counter() - start
    entry = as_entry(lhs, rhs, axes) if "a matrix and the other a scalar" in v.reason else None
    if entry is not None and not negated:
        # A_{lk} = A^T in a derivation by X_{kl}: entry (k, l) of the matrix
        link = _check_link(check, file, line, entry[0], rel, entry[1], table, givens, timeout)
        if link.status != "unread":
            said = f"read as entry ({axes[0]}, {axes[1]}) of the matrix side, the entry the "
            said += "derivation differentiates by"
            return replace(link, lhs=lhs, rhs=rhs, reason=f"{said}; {link.reason}")
    if negated:
        return _negated_link(file, line, lhs, rel, rhs, v, seconds)
    return Link(
        file,
        line,
        lhs,
        rel,
        rhs,
        v.status,
        v.method or "",
        v.reason or "",
        v.counterexample if v.status == "refuted" else None,
        v.seconds,
    )


_LITERAL = re.compile(r"^\s*(-?)\s*(\d+)(?:\.(\d+))?\s*(\\ldots|\\dots|\\cdots|\.\.\.)?\s*\.?\s*$")


def _check_approx(lhs: str, rhs: str, table) -> tuple[str, str] | None:
    """``1000000000 \\cdot \\log(1/2) \\approx -693147180.6\\ldots``: a closed-form number
    against the decimal digits written for it, right to the last digit written (rounded or cut,
    ``\\ldots``): proved when within one unit of that digit, refuted otherwise. None when the
    relation is not between a number and written digits (``f(x) \\approx g(x)``)."""
    from .._budget import within
    from ..latex import parse

    for exact_side, digits_side in ((lhs, rhs), (rhs, lhs)):
        m = _LITERAL.match(digits_side)
        if m is None:
            continue
        try:
            value = parse(exact_side, table)
        except DerivaxError:
            return None
        if getattr(value, "free_symbols", True) or not getattr(value, "is_number", False):
            return None
        places = len(m.group(3) or "")
        written = sympy.Rational(f"{m.group(1)}{m.group(2)}.{m.group(3) or '0'}")
        unit = sympy.Rational(1, 10**places)
        try:
            exact = within(5.0, _evaluate, value, what="the number")
        except DerivaxError:
            return None
        if exact is None:
            return None
        gap = abs(exact - written)
        shown = sympy.Float(exact, 15 + len(m.group(2)))
        if gap <= unit:
            return "proved", f"the value {shown} agrees with the digits written, to {float(unit):g}"
        return (
            "refuted",
            f"the value is {shown}: it differs from the digits written by {sympy.Float(gap, 6)}, "
            f"more than one unit of the last digit written ({float(unit):g})",
        )
    return None


def _evaluate(value):
    """A closed-form real number as an exact Rational of 60 significant digits, or None."""
    v = value.evalf(60)
    if not v.is_real or not v.is_finite:
        return None
    return sympy.Rational(str(v))


def _approx_link(file, line, lhs, rhs, table, start: float) -> Link | None:
    """The link of ``lhs \\approx rhs`` decided against the digits written, or None."""
    import time

    approx = _check_approx(lhs, rhs, table)
    if approx is None:
        return None
    status, reason = approx
    return Link(
        file,
        line,
        lhs,
        r"\approx",
        rhs,
        status,
        "high-precision value against the digits written",
        reason,
        None,
        time.perf_counter() - start,
    )


def _describes(given: str, name: str) -> bool:
    """Whether a given speaks of the random variable ``name`` itself: a moment of it
    (``\\operatorname{Var}(X_i) = \\sigma^2``) or its definition (``X = \\mu + \\sigma Z``), not
    a name defined from it (``\\mu_X = E[X]``)."""
    left = re.split(r"=|\\le|\\ge|<|>", given, maxsplit=1)[0]
    head = head_of(left)
    if _MOMENT_LEFT.match(left):
        return name in names_in(left) or any(n.endswith(name) for n in names_in(left))
    return head is not None and head[0] == name


#: a condition that two index letters differ (``i \ne j`` after an equation of entries)
_DISTINCT = re.compile(r"([a-z])\s*\\neq?\s*([a-z])\.?")


def where_distinct(lhs: str, rel: str, rhs: str, conditions) -> tuple[str, str, list[str]]:
    """An equation of entries stated for distinct indices (``\\quad i \\ne j``), as the
    equation ``(1 - \\delta_{ij}) L = (1 - \\delta_{ij}) R``: the same where the indices differ,
    0 = 0 where they agree, so nothing is sampled at i = j. Returns both sides to check and the
    conditions so encoded (an inequality, or a condition that is no pair of letters, is left
    as a given)."""
    distinct = [c for c in conditions if rel == "=" and _DISTINCT.fullmatch(c.strip())]
    for c in distinct:
        m = _DISTINCT.fullmatch(c.strip())
        assert m is not None
        a, b = m.group(1, 2)
        lhs = rf"(1 - \delta_{{{a}{b}}}) \left({lhs}\right)"
        rhs = rf"(1 - \delta_{{{a}{b}}}) \left({rhs}\right)"
    return lhs, rhs, distinct


def restated(lhs: str, rhs: str, from_text: dict[str, str], table_of) -> str:
    """The cue of the given read from the text (``from_text``: relation -> cue) that ``lhs =
    rhs`` writes out (for one entry of a random vector it said it of every entry), or "";
    ``table_of()`` gives the declarations in effect."""
    from ..latex import parse

    if not from_text:
        return ""
    try:
        table = table_of()
        d = parse(f"{lhs} = {rhs}", table)
        said = [(parse(g, table), cue) for g, cue in from_text.items()]
    except DerivaxError:
        return ""
    if not isinstance(d, sympy.Equality):
        return ""
    for g, cue in said:
        if not isinstance(g, sympy.Equality):
            continue
        free = [
            s for s in g.free_symbols if (k := table.resolve(str(s))) and table[k].kind == "index"
        ]
        try:
            pattern = (g.lhs - g.rhs).subs({s: sympy.Wild(f"w{n}") for n, s in enumerate(free)})
            matches = [side.match(pattern) for side in (d.lhs - d.rhs, d.rhs - d.lhs)]
        except (TypeError, ValueError, AttributeError):
            continue  # a matrix side beside a scalar one (u^\top u = 1): no restatement
        if any(m is not None and all(v.is_Integer for v in m.values()) for m in matches):
            return cue
    return ""


def _where_sizes_meet(check, claim, table, givens, timeout, e: ShapeMismatch):
    """A claim that adds arrays of different sizes (``X X^T + \\lambda I_D``, N x N and D x D)
    has a meaning only where the sizes meet (N = D). The verdict there, with the sizes that
    meet said as ``N = D``; None when the sizes are not two declared dims that could be equal
    (a number against a number, or the retry does not read either).

    A counterexample there refutes the claim (where the sizes differ it means nothing); a proof
    there proves nothing of the claim as written, which stays unread."""
    from ..symbols import SizesMet

    merge: dict[str, str] = {}
    for a, b in zip(*e.shapes, strict=False):
        if a == b:
            continue
        names = [table.resolve(str(x)) if isinstance(x, sympy.Symbol) else None for x in (a, b)]
        dims = sorted(n for n in names if n is not None and table[n].kind == "dim")
        if len(dims) != 2:
            return None
        keep, drop = dims
        merge[drop] = keep
    if not merge:
        return None
    try:
        v = check(
            claim, SizesMet(dict(table.items()), merge), list(givens), timeout=timeout, cache=False
        )
    except DerivaxError:
        return None
    return v, ", ".join(f"{drop} = {keep}" for drop, keep in sorted(merge.items()))


def _negated_link(file, line, lhs, rel, rhs, v, seconds) -> Link:
    """``a \\neq b`` from the verdict of ``a = b``: a \\neq b in a derivation says the two are
    not the same expression, shown by a point where they differ, refuted by a proof that they
    are equal."""

    def made(status: str, method: str, reason: str, counterexample) -> Link:
        return Link(file, line, lhs, rel, rhs, status, method, reason, counterexample, seconds)

    if v.status == "refuted":
        at = ", ".join(f"{k} = {x}" for k, x in (v.counterexample or {}).items())
        return made(
            "proved",
            "a point where the sides differ",
            f"not equal in general: they differ at {at}",
            None,
        )
    if v.status == "proved":
        return made(
            "refuted", v.method or "", "the two sides are equal everywhere: " + (v.reason or ""), {}
        )
    return made(
        "unknown",
        "",
        f"whether the sides differ somewhere is undecided ({v.status} as an equation)",
        None,
    )
