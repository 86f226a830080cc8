"""How a named function is spelled beyond its name: ``\\word^{-1}`` for its inverse
(``\\exp^{-1}``, ``\\sigma^{-1}``, ``\\Phi^{-1}``, ``\\tanh^{-1}``) and clip's bounds written as
an interval under it (``\\operatorname{clip}_{[a, b]}(x)``)."""

from __future__ import annotations

from ... import _functions as F
from .._lex import Tok
from .._state import ReaderState


class FunctionSpellings(ReaderState):
    def _clip_interval(self, word: str, toks: list[Tok], j: int, t0: Tok) -> tuple[list, int]:
        """``\\operatorname{clip}_{[a, b]}(x)`` (batch renormalization): the bounds written as
        an interval under the name, then the index after it; none for anything else."""
        if word != "clip" or j >= len(toks) or toks[j].text != "_":
            return [], j
        g, j = self.group(toks, j + 1)
        parts = (
            self.split_args(g[1:-1], {","})
            if len(g) >= 2 and g[0].text in ("[", "(") and g[-1].text in ("]", ")")
            else []
        )
        if len(parts) != 2 or not all(p for _, p in parts):
            raise self.error(
                "`\\operatorname{clip}_{...}` takes its bounds as an interval, "
                "`\\operatorname{clip}_{[a, b]}(x)`, or write `\\operatorname{clip}(x, a, b)`",
                t0,
            )
        self.note("`\\operatorname{clip}_{[a, b]}(x)` is x held within [a, b], clip(x, a, b)")
        return [self.parse(p, p[0].pos) for _, p in parts], j

    def _inverse_word(self, word: str, t0: Tok) -> str:
        """The function ``\\word^{-1}`` names: ``\\exp^{-1}`` is ``\\log``, ``\\sigma^{-1}`` the logit,
        ``\\tanh^{-1}`` (``\\sin^{-1}``, ...) the inverse of the table (``arctanh``)."""
        if word == "exp":
            self.note("`\\exp^{-1}` is the natural logarithm, the inverse of the exponential")
            return "log"
        if word == "sigmoid":
            self.note(
                "`\\sigma^{-1}(y)` is the logit log(y/(1-y)), the inverse of the sigmoid (for "
                "0 < y < 1), not 1/sigma (declare `\\sigma: scalar` for a standard deviation)"
            )
            return "logit"
        if word == "Phi":
            self.note(
                "`\\Phi^{-1}(p)` is the standard normal quantile (the probit), the inverse of the "
                "normal CDF (declare `\\Phi: function` for another function)"
            )
            return "probit"
        if "a" + word in F.BY_SPELLING:
            return "a" + word
        raise self.error(
            f"`\\{word}^{{-1}}` is not read: derivax knows the inverses of exp, the sigmoid and "
            f"the trigonometric and hyperbolic functions; write the inverse by name",
            t0,
        )
