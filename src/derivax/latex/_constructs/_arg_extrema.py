"""The variable and the objective of ``\\argmax`` and ``\\argmin`` as optimization papers write
them: ``\\operatorname*{argmin}_{\\mathbf{x} \\in \\mathbb{R}^d} \\left\\{ \\dots \\right\\}`` (the
domain the variable ranges over anyway, the objective in braces that group it)."""

from __future__ import annotations

from .._lex import Tok, find_close
from .._state import ReaderState


class ArgExtrema(ReaderState):
    """What ``Applications._function_head`` reads of an ``\\argmax``'s subscript and body."""

    def _optimized_variable(self, g: list[Tok], x: str, t0: Tok) -> list[Tok]:
        """The variable of ``\\argmax_{v \\in D}``: ``v`` where ``D`` is the real line (what a
        real variable ranges over anyway); a space (``\\mathbb{R}^d``: a vector variable), a
        range of indices (``y \\in [L]``) or another set is refused by name."""
        at = next((k for k, t in enumerate(g) if t.text == r"\in"), None)
        if at is None:
            return g
        domain = "".join(t.text for t in g[at + 1 :])
        if not g[:at] or not domain.startswith((r"\mathbb{R}", r"\R")):
            raise self.error(
                f"`{x}` over `{self.latex[g[0].pos : g[-1].pos + len(g[-1].text)]}` (a position "
                f"among indices, or a point of a set) is not read yet; write the condition it "
                f"stands for with entries, as in `\\mathbb{{1}}\\left[\\hat{{\\mu}}_i = \\max_j "
                f"\\hat{{\\mu}}_j\\right]`",
                t0,
            )
        if domain not in (r"\mathbb{R}", r"\R"):
            # x \in \mathbb{R}^d: a vector variable, which the search (over a real) cannot take
            raise self.error(
                f"`{x}` over a vector or matrix (`{domain}`) is not read: derivax searches over "
                f"one real variable; write the minimizer in closed form where there is one",
                t0,
            )
        return g[:at]

    def _objective_in_braces(self, body: list[Tok]) -> list[Tok]:
        """``\\left\\{ f(x) \\right\\}`` as the whole objective: braces that group it (a set of
        one element is no objective); the body as written otherwise."""
        if (
            len(body) > 2
            and body[0].text == r"\{"
            and find_close(body, 0, self.latex) == len(body) - 1
        ):
            return body[1:-1]
        return body
