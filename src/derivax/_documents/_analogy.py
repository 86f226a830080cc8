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
``\tilde{L}``).

A chain follows the same rule: ``\vec{H}(\vec{w}) = \frac{d \vec{g}^T}{d \vec{w}}`` defines
the Hessian through the gradient, so ``\vec{H}'`` is ``\frac{d \vec{g}'^T}{d \vec{w}}`` with
``\vec{g}'`` itself read by analogy: ``\frac{d (\frac{d J'}{d \vec{w}})^T}{d \vec{w}}``. The
chain stops where a name on the way has a decorated definition of its own or none that is a
derivative (then the row stays as the primes of a note read it), and after four links.
"""

from __future__ import annotations

import re

from ._statements import head_of, names_in

#: a derivative of one name: \frac{d J}{d w}, \frac{\mathrm{d} J}{\mathrm{d} \mathbf{w}},
#: \frac{\partial J}{\partial w}, \nabla_{w} J, \nabla J
_DERIVATIVE = re.compile(
    r"\\frac\s*\{\s*(?:\\mathrm\{d\}|d|\\partial)\s*"
    r"(?P<f>\\?[A-Za-z]+|\\(?:mathbf|boldsymbol|vec|bm)\s*\{\s*\\?[A-Za-z]+\s*\})"
    r"(?P<t>\s*\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T|\\top|\\intercal))?\s*\}\s*"
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
    found = _written(name, decoration, heads, with_it, 4)
    if found is None:
        return None
    written, left, right = found
    why = (
        f"`{lhs}` read by analogy: `{left.strip()}` is `{right.strip()}` and the decorated "
        f"objective is defined, so it is `{written}`"
    )
    return written, why


def _written(name: str, decoration: str, heads, with_it: set[str], depth: int):
    """``(name decorated, written as a derivative; its plain definition's left and right)``, or
    None: the plain name's definition is a derivative of a name whose decorated form is defined
    (``J'``) or itself read by analogy (``g'``, to ``depth`` links)."""
    if name in with_it or depth <= 0:
        return None  # g' has a definition of its own
    for h, left, right in reversed(heads):
        if h is None or _plain(h[0]) != name or _decorated(h) is not None:
            continue
        found = _DERIVATIVE.fullmatch(right.strip())
        if found is None:
            continue
        of = found["f"] or found["f2"]
        plain = _plain(of).strip("{} ")
        if ({plain} | names_in(of)) & with_it:
            new = f"{of}'" if decoration == "prime" else f"\\tilde{{{of}}}"
        elif inner := _written(plain, decoration, heads, with_it, depth - 1):
            new = f"({inner[0]})"  # the numerator, decorated, is read by analogy in its turn
        else:
            return None  # J' is not defined: g' keeps its reading as the derivative of g
        return right.strip().replace(of, new, 1), left, right
    return None
