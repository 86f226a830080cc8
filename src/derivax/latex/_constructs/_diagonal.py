r"""An integral over a vector of a diagonal Gaussian density times log-densities of the same
kind: the cross-entropy, entropy and KL terms of a VAE (Kingma and Welling's appendix B).

``\int \mathcal{N}(\mathbf{z}; \boldsymbol{\mu}, \boldsymbol{\sigma}^2) \log
\mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I}) \, d\mathbf{z}`` with ``z, \mu, \sigma: vector[J]``:
a diagonal density is the product of its coordinates' densities, and the log of one is the sum of
theirs, so the integral is ``\sum_{j=1}^{J} \int \mathcal{N}(t; \mu_j, \sigma_j^2) \log
\mathcal{N}(t; 0, 1) \, dt``, each term an integral over the real line of one variable (which the
verifier takes in closed form, ``_algebra.gaussian_integral``).

Side conditions, each a case that would break the rewrite: the weight is one density of the
integration vector; what multiplies it is a signed sum of logs of such densities (or the log of a
ratio of two), nothing else, since a constant c would integrate to c, not to J c; every mean is a
declared vector of the integration vector's size, or ``\mathbf{0}``; every covariance a vector of
variances written ``\sigma^2`` (a declared vector squared), the identity (``\mathbf{I}``,
``I``, ``I_J``), or a scalar times it (``s^2 \mathbf{I}``). Anything else: None, and the integral
stays refused as a multiple integral."""

from __future__ import annotations

import re

from .._ellipsis import fresh_index
from .._lex import Tok, find_close, lex
from .._state import ReaderState
from .._vocabulary import _SEPARATORS

_DENSITY = (r"\mathcal", "{", "N", "}", "(")
_IDENTITY = frozenset({"I", r"\mathbf{I}", r"\boldsymbol{I}", r"\bm{I}", r"\mathbb{I}"})
_ZERO = frozenset({"0", r"\mathbf{0}", r"\boldsymbol{0}", r"\bm{0}", r"\vec{0}"})
#: what multiplies the weight: a signed sum of logs of densities, or of ratios of two, in
#: optional parentheses (D a density, L a log, F a fraction)
_LOGS_OF_DENSITIES = re.compile(r"(\()?(?:[+-]?L(?:D|F\(D\)\(D\)))+(?(1)\))")


class DiagonalGaussians(ReaderState):
    """``\\int`` over a vector of diagonal Gaussian densities and their logs."""

    def diagonal_gaussian_integral(
        self, body: list[Tok], var_name: str, size: str, t0: Tok
    ) -> list[Tok] | None:
        """The tokens of the sum over coordinates the integral is, or None (module docstring)."""
        index = fresh_index(self.latex, self.table, self.summation_vars)
        point = next(
            (c for c in "tuvrsw" if c not in self.latex and not self.table.resolve(c)), None
        )
        if point is None:
            return None
        if tuple(t.text for t in body[:5]) != _DENSITY:
            return None  # the weight comes first
        after_weight = find_close(body, 4, self.latex) + 1
        if not _LOGS_OF_DENSITIES.fullmatch(_shape(body[after_weight:], self.latex)):
            return None
        pieces: list[str] = []
        k = 0
        while k < len(body):
            if tuple(t.text for t in body[k : k + 5]) == _DENSITY:
                close = find_close(body, k + 4, self.latex)
                coordinate = self._coordinate_density(
                    body[k + 5 : close], var_name, size, index, point
                )
                if coordinate is None:
                    return None
                pieces.append(coordinate)
                k = close + 1
                continue
            pieces.append(body[k].text)
            k += 1
        self.note(
            f"an integral over the vector `{var_name}` of a diagonal Gaussian density times logs "
            f"of such densities is the sum over its {size} coordinates of integrals over one "
            f"variable `{point}` (each density the product of its coordinates')"
        )
        latex = rf"\sum_{{{index}=1}}^{{{size}}} \int {' '.join(pieces)} \, d{point}"
        return [Tok(t.text, t0.pos) for t in lex(latex)]

    def _coordinate_density(
        self, inner: list[Tok], var_name: str, size: str, index: str, point: str
    ) -> str | None:
        parts = self.split_args(inner, _SEPARATORS)
        if len(parts) != 3 or parts[1][0] not in ("|", r"\mid", ";") or parts[2][0] != ",":
            return None
        x, mean, cov = (join_plain(p) for _, p in parts)
        if self._vector_name(x, size) != var_name:
            return None
        m = "0" if mean in _ZERO else self._vector_name(mean, size)
        if m is None:
            return None
        mean_j = m if m == "0" else f"{m}_{{{index}}}"
        variance = self._coordinate_variance(cov, size, index)
        if variance is None:
            return None
        return rf"\mathcal{{N}}({point}; {mean_j}, {variance})"

    def _coordinate_variance(self, cov: str, size: str, index: str) -> str | None:
        if cov in _IDENTITY or cov in {f"I_{size}", f"I_{{{size}}}"}:
            return "1"
        if cov.endswith("^2") or cov.endswith("^{2}"):
            name = self._vector_name(cov.rsplit("^", 1)[0], size)
            if name is not None:
                return f"{name}_{{{index}}}^2"
        for eye in _IDENTITY:
            if cov.endswith(eye) and len(cov) > len(eye):
                scale = cov[: -len(eye)]
                key = self.table.resolve(scale.split("^")[0])
                if key is not None and self.table[key].kind == "scalar":
                    return scale
        return None

    def _vector_name(self, text: str, size: str) -> str | None:
        """The declared vector of size ``size`` that ``text`` names (through any font), or None."""
        toks = lex(text)
        if not toks:
            return None
        try:
            base, sub, sup, primes, end = self._read_name(toks, 0)
        except Exception:
            return None
        if end != len(toks) or sub or sup or primes:
            return None
        key = self.table.resolve(base)
        if key is None or self.table[key].kind != "vector" or self.table[key].shape != (size,):
            return None
        return self.table[key].name


def join_plain(toks: list[Tok]) -> str:
    """The tokens as one string with no spaces (``\\mathbf{z}``, ``\\sigma^2``)."""
    return "".join(t.text for t in toks)


def _shape(toks: list[Tok], latex: str) -> str:
    """``toks`` spelled with one letter per part: D a density, L a log, F a fraction, parentheses
    and signs as they are (``\\left``/``\\right`` dropped)."""
    out = []
    k = 0
    while k < len(toks):
        if tuple(t.text for t in toks[k : k + 5]) == _DENSITY:
            out.append("D")
            k = find_close(toks, k + 4, latex) + 1
            continue
        text = toks[k].text
        if text in ("{", "(", "["):
            out.append("(")
        elif text in ("}", ")", "]"):
            out.append(")")
        elif text in ("+", "-"):
            out.append(text)
        elif text == r"\log":
            out.append("L")
        elif text == r"\frac":
            out.append("F")
        elif text not in (r"\left", r"\right"):
            out.append("?")
        k += 1
    return "".join(out)
