r"""A sum over a set the table does not declare, ``\sum_{i \in \mathcal{S}}``, with the set's
size ``|\mathcal{S}|``: where the index picks entries of arrays of one length n (``x_i`` of
``x: vector[n]``, the row ``z_g`` of ``Z: matrix[G, d]``), the set is their n indices, and
``|\mathcal{S}|`` is n wherever the formula writes it (``\frac{1}{|\mathcal{S}|} \sum_{i \in
\mathcal{S}} x_i`` is the mean of x's entries). The rule is listed; a user who means a subset
gives the array of its members.

Side conditions, each with the case that would break it: the set's size is read as n only when
every sum over that set picks entries of arrays of the same length with its index alone
(``x_i``, not ``x_{i+1}``, whose range would end one short); a sum that picks nothing
(``\sum_{i \in \mathcal{S}} 1``), or arrays of two lengths, leaves ``|\mathcal{S}|`` a size to
give, as before.
"""

from __future__ import annotations

import sympy

from .._members import MatrixSum, Member

_UNSET = object()


def _set_size(s) -> bool:
    """The size derivax names an undeclared set's, ``|\\mathcal{S}|``."""
    return isinstance(s, sympy.Symbol) and s.name.startswith("|") and s.name.endswith("|")


def _lengths_picked(body: sympy.Basic, var: sympy.Symbol) -> set:
    """The lengths of the axes ``var`` picks in ``body`` by itself; ``None`` among them where it
    picks through an expression (``x_{i+1}``)."""
    found: set = set()
    for e in sympy.preorder_traversal(body):
        if isinstance(e, sympy.Indexed) and e.base.shape is not None:
            for k, ix in enumerate(e.indices):
                if ix == var:
                    found.add(e.base.shape[k])
                elif var in getattr(ix, "free_symbols", ()):
                    found.add(None)
        elif isinstance(e, Member):
            if e.index == var:
                found.add(e.parent.shape[e.axis])
            elif var in e.index.free_symbols:
                found.add(None)
    return found


def sets_by_their_arrays(expr: sympy.Basic, note) -> sympy.Basic:
    """``expr`` with each undeclared set's size read off the arrays its sums pick (see the
    module's side conditions); ``note`` records each rule applied."""
    lengths: dict = {}
    for s in expr.atoms(sympy.Sum, sympy.Product, MatrixSum):
        body = s.body if isinstance(s, MatrixSum) else s.function
        for var, lo, hi in s.limits:
            if not _set_size(hi) or lo != 1:
                continue
            picked = _lengths_picked(body, var)
            seen = lengths.get(hi, picked)
            lengths[hi] = picked | seen if None not in picked | seen else {None}
    mapping = {}
    for size, found in lengths.items():
        if len(found) == 1 and None not in found:
            (n,) = found
            mapping[size] = n
            note(
                f"`{size.name}`, the size of a set the table does not declare, is `{n}`: the "
                f"sums over the set pick the {n} entries the arrays hold (declare the set's "
                f"members as the array to sum over a subset)"
            )
    return expr.xreplace(mapping) if mapping else expr
