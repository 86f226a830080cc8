r"""A primed name read by analogy with a primed objective: after ``\vec{g}(\vec{w}) = \frac{d J}{d
\vec{w}}`` and ``J'(\vec{w}) \triangleq \mathrm{NLL}(\vec{w}) + \lambda \vec{w}^T\vec{w}``, the row
``\vec{g}'(\vec{w}) = \vec{g}(\vec{w}) + \lambda\vec{w}`` says what the gradient of the new
objective is: ``\vec{g}'`` is ``\frac{d J'}{d \vec{w}}`` ("the objective, its gradient and its
Hessian become"), not the derivative of ``\vec{g}``.

The row is then a claim, checked with ``\vec{g}'`` written as that derivative, and its reason
says so. Side conditions, and the case that breaks each: the primed name has no definition of its
own and its row is the first link of its statement (a later ``g' = \dots`` in a chain is a step);
the unprimed name was defined as one derivative (``\frac{d M}{d w}``, ``\nabla_w M``) of one name
``M``, and ``M'`` (``M`` primed) is defined (without it, ``g'`` is the derivative of ``g``, as the
primes of a note read); the same decoration on both (a prime, or a tilde). A Hessian defined
through the gradient, ``\vec{H} = \frac{d \vec{g}^T}{d \vec{w}}``, is not read by this rule: its
numerator is a transpose, not a name.
"""

from __future__ import annotations

import re

from ._statements import head_of, names_in

#: a derivative of one name: \frac{d J}{d w}, \frac{\mathrm{d} J}{\mathrm{d} \mathbf{w}},
#: \frac{\partial J}{\partial w}, \nabla_{w} J, \nabla J
_DERIVATIVE = re.compile(
    r"\\frac\s*\{\s*(?:\\mathrm\{d\}|d|\\partial)\s*(?P<f>\\?[A-Za-z]+)\s*\}\s*"
    r"\{\s*(?:\\mathrm\{d\}|d|\\partial)\s*(?P<v>[^{}]*(?:\{[^{}]*\})?[^{}]*)\}"
    r"|\\nabla(?:_\{?(?P<v2>[^{}\s]+(?:\{[^{}]*\})?)\}?)?\s*(?P<f2>\\?[A-Za-z]+)"
)
_PRIME = re.compile(r"'|\^\s*\{?\s*\\prime\s*\}?")


def by_analogy(lhs: str, rel: str, k: int, givens: list[str]) -> tuple[str, str] | None:
    r"""``(the primed name written as a derivative, the reason)`` for the first link ``lhs = ...``
    of a statement whose left side is a primed name read by analogy, or None."""
    if k != 1 or rel != "=":
        return None
    head = head_of(lhs)
    if head is None or not _PRIME.search(head[1]):
        return None
    name = head[0]
    lefts = [(g.split("=")[0], g.split("=", 1)[1]) for g in givens if "=" in g]
    primed_defined = {
        h[0] for left, _ in lefts if (h := head_of(left)) is not None and _PRIME.search(h[1])
    }
    if name in primed_defined:
        return None  # g' has a definition of its own
    for left, right in reversed(lefts):
        h = head_of(left)
        if h is None or h[0] != name or _PRIME.search(h[1]):
            continue
        found = _DERIVATIVE.fullmatch(right.strip())
        if found is None:
            continue
        of = found["f"] or found["f2"]
        if not (names_in(of) & primed_defined):
            return None  # J' is not defined: g' keeps its reading as the derivative of g
        written = right.strip().replace(of, f"{of}'", 1)
        why = (
            f"`{lhs}` read by analogy: `{left.strip()}` is `{right.strip()}` and `{of}'` is "
            f"defined, so it is `{written}`"
        )
        return written, why
    return None
