"""The normal density written ``\\mathcal{N}(x \\mid \\mu, \\sigma^2)`` (or with ``;`` or ``|``):
of a scalar point, and of a vector point with a mean vector and a covariance matrix."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .._lex import Tok, find_close
from .._state import ReaderState
from .._vocabulary import _SEPARATORS, _Piece, as_scalar

#: a mean written as the zero vector (``\mathbf{0}``, ``\bm{0}``, ``0``), with its braces removed
_ZERO_MEANS = frozenset({"0", r"\mathbf0", r"\boldsymbol0", r"\bm0", r"\vec0"})


class Densities(ReaderState):
    """``\\mathcal{N}(x \\mid \\mu, s)`` with ``\\mathcal{N}`` undeclared: the normal density at x."""

    def _gaussian_density(self, toks: list[Tok], j: int, out: list[_Piece], t0: Tok) -> int:
        """``\\mathcal{N}(x \\mid \\mu, \\sigma^2)`` (or ``;``) with ``\\mathcal{N}`` undeclared: the
        normal density at x, ``e^{-(x - \\mu)^2 / (2 \\sigma^2)} / \\sqrt{2 \\pi \\sigma^2}``; the
        second parameter is the variance, as written. Of a vector x of size d it is the
        multivariate density with mean vector \\mu and covariance matrix \\Sigma
        (``_multivariate_density``); anything else is refused."""
        k = find_close(toks, j, self.latex)
        inner = toks[j + 1 : k]
        parts = self.split_args(inner, _SEPARATORS | {r"\|"}) if inner else []
        seps = [sep for sep, _ in parts[1:]]
        if (
            len(parts) != 3
            or seps[0] not in ("|", r"\mid", ";")
            or seps[1] != ","
            or not all(p for _, p in parts)
        ):
            raise self.error(
                "`\\mathcal{N}(...)` reads as the normal density written `\\mathcal{N}(x \\mid "
                "\\mu, \\sigma^2)` or `\\mathcal{N}(x; \\mu, \\sigma^2)`: a point and two "
                "parameters, the second the variance (declare `\\mathcal{N}: function` for a "
                "function of your own)",
                t0,
            )
        x = self.parse(parts[0][1], parts[0][1][0].pos)
        mean_toks = parts[1][1]
        zero_mean = "".join(t.text for t in mean_toks if t.text not in ("{", "}")) in _ZERO_MEANS
        if isinstance(x, MatrixExpr) and zero_mean:
            mu: sympy.Basic = sympy.ZeroMatrix(*x.shape)
        else:
            mu = self.parse(mean_toks, mean_toks[0].pos)
        var = self.parse(parts[2][1], parts[2][1][0].pos)
        if any(isinstance(v, MatrixExpr) for v in (x, mu, var)):
            value = self._multivariate_density(x, mu, var, t0)
        else:
            self.note(
                "`\\mathcal{N}(x | \\mu, s)` is the normal density at x with mean \\mu and "
                "variance s (declare `\\mathcal{N}` to use it otherwise)"
            )
            value = sympy.exp(-((x - mu) ** 2) / (2 * var)) / sympy.sqrt(2 * sympy.pi * var)
        out.append(self.place(value, t0.pos))
        return k + 1

    def _multivariate_density(
        self, x: sympy.Basic, mu: sympy.Basic, cov: sympy.Basic, t0: Tok
    ) -> sympy.Expr:
        """``\\mathcal{N}(x \\mid \\mu, \\Sigma)`` of a column vector x of size d:
        ``(2 \\pi)^{-d/2} \\det(\\Sigma)^{-1/2} \\exp(-\\frac12 (x - \\mu)^\\top \\Sigma^{-1} (x - \\mu))``.
        Side conditions: \\mu a vector of the shape of x (or the zero vector), \\Sigma a d x d
        matrix or a scalar times an undeclared ``I`` (``\\sigma^2 I``, the identity of size d).
        The density has a value where \\Sigma is positive definite: declare it ``spd[d]`` so
        that checks sample only such matrices."""
        if not isinstance(x, MatrixExpr) or x.shape[1] != 1:
            shape = f"a {x.shape[0]} x {x.shape[1]} matrix" if isinstance(x, MatrixExpr) else None
            raise self.error(
                f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the point x is {shape or 'a scalar'} "
                f"while the parameters are vectors or matrices; the multivariate density is read "
                f"for a column vector x of size d, a mean vector of size d and a d x d covariance",
                t0,
            )
        d = x.shape[0]
        if not isinstance(mu, MatrixExpr) or mu.shape != x.shape:
            got = f"{mu.shape[0]} x {mu.shape[1]}" if isinstance(mu, MatrixExpr) else "a scalar"
            raise self.error(
                f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the mean is {got} but the point x is a "
                f"vector of size {d}; the mean is a vector of the size of x (or `\\mathbf{{0}}`)",
                t0,
            )
        if not isinstance(cov, MatrixExpr):
            eye = self.identity_for(cov, x, "left", t0.pos)
            if eye is None:
                raise self.error(
                    f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the covariance of a vector x of "
                    f"size {d} is a {d} x {d} matrix, not a scalar; write `\\sigma^2 I` for the "
                    f"isotropic covariance",
                    t0,
                )
            cov = eye
        if cov.shape != (d, d) and cov.shape == x.shape:
            # a vector of variances (VAE papers' \sigma^2 beside a vector z): the diagonal
            # covariance is meant, but a vector in the covariance's place is not a covariance
            raise self.error(
                f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the covariance is a vector of size {d}; "
                f"for variances entry by entry write the diagonal covariance "
                f"`\\operatorname{{diag}}(\\sigma^2)`, a square {d} x {d} matrix",
                t0,
            )
        if cov.shape != (d, d):
            raise self.error(
                f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the covariance is {cov.shape[0]} x "
                f"{cov.shape[1]} but the point x is a vector of size {d}; the covariance is a "
                f"square {d} x {d} matrix",
                t0,
            )
        self.note(
            "`\\mathcal{N}(x | \\mu, \\Sigma)` of a vector x of size d is the multivariate normal "
            "density (2 \\pi)^{-d/2} \\det(\\Sigma)^{-1/2} \\exp(-(x - \\mu)^T \\Sigma^{-1} "
            "(x - \\mu) / 2), with \\Sigma the covariance (declare `\\mathcal{N}` to use it "
            "otherwise)"
        )
        r = x - mu
        quadratic = as_scalar(r.T * cov.inverse() * r)
        return (
            (2 * sympy.pi) ** (-d / 2)
            * sympy.Determinant(cov) ** sympy.Rational(-1, 2)
            * sympy.exp(-quadratic / 2)
        )
