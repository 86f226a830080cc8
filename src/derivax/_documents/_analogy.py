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
primes of a note read); the same decoration on both (a prime, or a tilde: ``\tilde{g}`` after
``\tilde{L}``). A Hessian defined through the gradient, ``\vec{H} = \frac{d \vec{g}^T}{d \vec{w}}``, is not read by this rule: its
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


def _plain(head: str) -> str:
    """A head without its font (``\\mathbfg`` is ``g``)."""
    return re.sub(r"\\(?:mathbf|boldsymbol|vec|bm)", "", head)


def _decorated(head: tuple[str, str, str]) -> tuple[str, str] | None:
    """``(decoration, plain base)`` of a primed (``g'``) or tilded (``\\tilde{g}``) head."""
    if _PRIME.search(head[1]):
        return "prime", _plain(head[0])
    if head[0].startswith("\\tilde"):
        return "tilde", _plain(head[0][len("\\tilde") :])
    return None


def by_analogy(lhs: str, rel: str, k: int, givens: list[str]) -> tuple[str, str] | None:
    r"""``(the decorated name written as a derivative, the reason)`` for the first link ``lhs =
    ...`` of a statement whose left side is a primed (or tilded) name read by analogy, or None."""
    if k != 1 or rel != "=":
        return None
    head = head_of(lhs)
    decorated = _decorated(head) if head is not None else None
    if decorated is None:
        return None
    decoration, name = decorated
    lefts = [(g.split("=")[0], g.split("=", 1)[1]) for g in givens if "=" in g]
    heads = [(head_of(left), left, right) for left, right in lefts]
    with_it = {
        d[1] for h, _, _ in heads if h is not None and (d := _decorated(h)) and d[0] == decoration
    }
    if name in with_it:
        return None  # g' has a definition of its own
    for h, left, right in reversed(heads):
        if h is None or _plain(h[0]) != name or _decorated(h) is not None:
            continue
        found = _DERIVATIVE.fullmatch(right.strip())
        if found is None:
            continue
        of = found["f"] or found["f2"]
        if not ({_plain(of)} | names_in(of)) & with_it:
            return None  # J' is not defined: g' keeps its reading as the derivative of g
        new = f"{of}'" if decoration == "prime" else f"\\tilde{{{of}}}"
        written = right.strip().replace(of, new, 1)
        why = (
            f"`{lhs}` read by analogy: `{left.strip()}` is `{right.strip()}` and `{new}` is "
            f"defined, so it is `{written}`"
        )
        return written, why
    return None
