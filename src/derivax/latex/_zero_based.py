r"""A sum from 0 over the entries of a declared vector: ``\sum_{n=0}^{N-1} x_n`` with ``x:
vector[N]`` counts the entries from 0, as signal processing writes them (the DFT, convolutions).

derivax's entries run from 1, as most papers write them, so read from 1 the sum would ask for
``x_0``, an entry the vector does not have. Where the sum's range is exactly 0 to the vector's
size minus 1 and every entry of that vector in the summand is picked by the sum's index alone,
each is the entry one further on in derivax's count (``x_n`` is entry n + 1); the rule is noted.

Side conditions, and what breaks each: an offset entry beside it (``x_n - x_{n+1}``, or
``r_{t+1}`` that already fits from 1) leaves the sum as written, since the two counts would mix;
a range that is not exactly 0 to size - 1 (``\sum_{n=0}^{N}``, a vector of another size) is left
as written, and a range outside the vector stays refused where it is evaluated.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy


def counted_from_zero(expr: sympy.Basic, note: Callable[[str], None]) -> sympy.Basic:
    """``expr`` with the vectors that its sums from 0 count from 0 re-indexed from 1."""
    changes: dict[sympy.Sum, sympy.Sum] = {}
    for s in expr.atoms(sympy.Sum):
        body = s.function
        for limit in s.limits:
            if len(limit) != 3 or limit[1] != 0:
                continue
            n, _, last = limit
            picked: dict[sympy.IndexedBase, set] = {}
            for entry in body.atoms(sympy.Indexed):
                if n not in entry.free_symbols or len(entry.indices) != 1:
                    continue
                shape = entry.base.shape
                if shape is None or len(shape) not in (1, 2) or (len(shape) == 2 and shape[1] != 1):
                    continue
                picked.setdefault(entry.base, set()).add(entry.indices[0])
            for base, indices in picked.items():
                if indices != {n} or (last - (base.shape[0] - 1)).expand() != 0:
                    continue
                body = body.xreplace({base[n]: base[n + 1]})
                note(
                    f"`{base}_{n}` under the sum from {n} = 0 to {last} counts the entries of "
                    f"`{base}` from 0: `{base}_{n}` is entry {n} + 1"
                )
        if body != s.function:
            changes[s] = sympy.Sum(body, *s.limits)
    return expr.xreplace(changes) if changes else expr
