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
        \\Sigma must be known positive (semi)definite (``_definiteness``): a checker samples a
        matrix declared ``matrix[d, d]`` or ``symmetric[d]`` with any eigenvalues, where the
        formula is no density and a true claim about it could be refuted."""
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
        if self._definiteness(cov) is None:
            raise self.error(
                f"`\\mathcal{{N}}(x \\mid \\mu, \\Sigma)`: the covariance `{sympy.latex(cov)}` "
                f"is not known to be positive definite, and a normal density has one; declare "
                f"it `spd[{d}]` (symmetric positive definite), or write it from such matrices "
                f"(`\\sigma^2 I`, `\\Sigma + \\lambda I`, `A A^\\top`, "
                f"`\\operatorname{{diag}}(s^2)`)",
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

    def _definiteness(self, m: MatrixExpr) -> str | None:
        """``"pd"`` where the covariance ``m`` is positive definite by its form, ``"psd"`` where
        it is positive semidefinite (then wherever its determinant is not 0 it is definite, and
        where it is 0 the density has no value), None where neither is known: a matrix declared
        ``spd`` or the identity, a nonnegative scalar times one, ``A^\\top A`` and ``A A^\\top``,
        sums of these, inverses, the diagonal matrix of squares or of a positive vector."""
        if isinstance(m, sympy.Identity):
            return "pd"
        if isinstance(m, sympy.MatrixSymbol):
            key = self.table.resolve(str(m.name))
            decl = self.table[key] if key is not None else None
            return "pd" if decl is not None and decl.kind in ("spd", "identity") else None
        if isinstance(m, (sympy.Inverse, sympy.MatPow)) and m.args[1] == -1:
            return "pd" if self._definiteness(m.args[0]) == "pd" else None
        if isinstance(m, sympy.DiagMatrix):
            v = m.args[0]
            if isinstance(v, sympy.HadamardPower) and v.exp.is_even:
                return "psd"
            if isinstance(v, sympy.MatrixSymbol) and self._positive_entries(v):
                return "pd"
            return None
        if isinstance(m, sympy.MatMul):
            coeff, mats = m.as_coeff_matrices()
            if not (coeff.is_positive or coeff.is_nonnegative):
                return None
            if len(mats) == 2 and mats[0] == mats[1].T:  # A^T A, A A^T
                inner: str | None = "psd"
            elif len(mats) == 1:
                inner = self._definiteness(mats[0])
            else:
                return None
            return inner if coeff.is_positive else inner and "psd"
        if isinstance(m, sympy.MatAdd):
            kinds = [self._definiteness(a) for a in m.args]
            if None in kinds:
                return None
            return "pd" if "pd" in kinds else "psd"
        return None

    def _positive_entries(self, v: sympy.MatrixSymbol) -> bool:
        key = self.table.resolve(str(v.name))
        return key is not None and "positive" in self.table[key].qualifiers
