"""Bound indices renamed apart: a sum (or product) whose index is also bound by an operator
around it, or written in its own bounds, gets an index of its own. SymPy's product rule
differentiates ``\\prod_{i=1}^{n} f(i)`` into ``\\sum_i f'(i) \\prod_{i=1}^{i-1} f(i) \\dots``,
the inner ``i`` running to the outer one minus 1: right by SymPy's scoping, but every pass that
reads an index by its name (compile's axes, masks, 50-digit sums) took the two for one."""

from __future__ import annotations

import sympy


def unshadow(expr: sympy.Basic) -> sympy.Basic:
    """``expr`` with every shadowing sum or product index primed until unused."""
    taken = {s.name for s in expr.atoms(sympy.Symbol)}
    return _apart(expr, frozenset(), taken)


def _apart(e: sympy.Basic, bound: frozenset, taken: set) -> sympy.Basic:
    if not e.args:
        return e
    if isinstance(e, (sympy.Sum, sympy.Product)):
        function, limits, seen = e.function, [], set(bound)
        for x, lo, hi in e.limits:
            lo, hi = _apart(lo, frozenset(seen), taken), _apart(hi, frozenset(seen), taken)
            if x in seen or x in lo.free_symbols | hi.free_symbols:
                name = x.name + "'"
                while name in taken:
                    name += "'"
                taken.add(name)
                fresh = sympy.Symbol(name, **x.assumptions0)
                function = function.xreplace({x: fresh})
                x = fresh
            seen.add(x)
            limits.append((x, lo, hi))
        return e.func(_apart(function, frozenset(seen), taken), *limits)
    args = [_apart(a, bound, taken) if isinstance(a, sympy.Basic) else a for a in e.args]
    return e.func(*args) if any(a is not b for a, b in zip(args, e.args, strict=True)) else e
