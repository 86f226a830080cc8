"""SymPy -> JAX source for matrix expressions: products (solves instead of inverses),
transposes, traces, determinants, Hadamard and Kronecker products, powers and matrix literals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from . import _lowering
from ._quotient import NORMAL_SOLVE
from ._val import Val

if TYPE_CHECKING:
    from ._emit import Emitter  # _emit imports this module for its table of handlers


def _matadd(em: Emitter, e) -> Val:
    vals = [em.emit(a) for a in e.args]
    return Val(" + ".join(f"({v.code})" for v in vals), (), True)


def _matmul(em: Emitter, e: sympy.MatMul) -> Val:
    _coeff, matrices = e.as_coeff_matrices()
    scalars = [a for a in e.args if not isinstance(a, MatrixExpr)]
    matrices = list(matrices)
    code = _chain(em, matrices)
    if scalars:
        s = em.emit(sympy.Mul(*scalars))
        if s.axes:
            raise CompileError("a matrix product scaled by an indexed value cannot be compiled yet")
        code = f"({s.code}) * ({code})"
    return Val(code, (), True)


def _chain(em: Emitter, matrices) -> str:
    """A matrix product; ``A^{-1} B`` becomes ``solve(A, B)`` and ``B A^{-1}`` a transposed solve."""
    out: str | None = None
    k = 0
    while k < len(matrices):
        m = matrices[k]
        x = _gram_of(m)
        if x is not None and k + 2 < len(matrices) and matrices[k + 1] == x.T:
            # (X^T X)^{-1} X^T b: least squares by QR, X^T X never formed (_quotient)
            em.helpers.add(NORMAL_SOLVE)
            rest = _chain(em, matrices[k + 2 :])
            solved = f"{NORMAL_SOLVE}({em.emit(x).code}, {rest})"
            return solved if out is None else f"({out}) @ {solved}"
        if isinstance(m, sympy.Inverse) and k + 1 < len(matrices):
            rest = _chain(em, matrices[k + 1 :])
            solved = f"jnp.linalg.solve({em.emit(m.arg).code}, {rest})"
            return solved if out is None else f"({out}) @ {solved}"
        if isinstance(m, sympy.Inverse) and out is not None:
            a = em.emit(m.arg).code
            return f"jnp.linalg.solve(jnp.swapaxes({a}, -1, -2), jnp.swapaxes({out}, -1, -2)).swapaxes(-1, -2)"
        if isinstance(m, sympy.DiagMatrix):
            # diag(v) M scales the rows of M, M diag(v) its columns: no n x n matrix is formed
            d = em.emit(m.args[0]).code
            if k + 1 < len(matrices):
                rest = _chain(em, matrices[k + 1 :])
                scaled = f"jnp.reshape({d}, (-1, 1)) * ({rest})"
                return scaled if out is None else f"({out}) @ ({scaled})"
            if out is not None:
                return f"({out}) * jnp.reshape({d}, (1, -1))"
        v = em.emit(m)
        out = v.code if out is None else f"({out}) @ ({v.code})"
        k += 1
    return out or "1.0"


def _gram_of(m) -> sympy.MatrixExpr | None:
    """X when ``m`` is ``(X^T X)^{-1}``."""
    if not isinstance(m, sympy.Inverse) or not isinstance(m.arg, sympy.MatMul):
        return None
    _, factors = m.arg.as_coeff_matrices()
    if m.arg.args != tuple(factors) or len(factors) != 2:
        return None  # a scaled Gram matrix keeps the plain solve
    left, right = factors
    return right if left == right.T else None


def _transpose(em: Emitter, e) -> Val:
    return Val(f"jnp.swapaxes({em.emit(e.arg).code}, -1, -2)", (), True)


def _inverse(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.inv({em.emit(e.arg).code})", (), True)


def _trace(em: Emitter, e) -> Val:
    arg = e.arg
    if isinstance(arg, sympy.MatMul):
        coeff, ms = arg.as_coeff_matrices()
        if (
            len(ms) == 2
            and coeff == 1
            and not [a for a in arg.args if not isinstance(a, MatrixExpr)]
        ):
            # tr(A^T B) = sum(A * B): no matrix product needed
            a, b = ms
            left = a.arg if isinstance(a, sympy.Transpose) else None
            if left is not None:
                return Val(f"jnp.sum({em.emit(left).code} * {em.emit(b).code})")
            return Val(f"jnp.sum({em.emit(a).code} * jnp.swapaxes({em.emit(b).code}, -1, -2))")
    return Val(f"jnp.trace({em.emit(arg).code})")


def _determinant(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.det({em.emit(e.arg).code})")


def _hadamard(em: Emitter, e) -> Val:
    return Val(" * ".join(f"({em.emit(a).code})" for a in e.args), (), True)


def _hadamard_power(em: Emitter, e) -> Val:
    base, exp = e.args
    return Val(f"({em.emit(base).code}) ** ({em.emit(exp).code})", (), True)


def _elementwise_apply(em: Emitter, e: ElementwiseApplyFunction) -> Val:
    m = em.emit(e.expr)
    lam = e.function
    (var,) = lam.variables
    saved = dict(em.bound)
    try:
        em.bound[var] = Val(m.code, (), True)
        out = em.emit(lam.expr)
    finally:
        em.bound = saved
        em.memo = {k: v for k, v in em.memo.items() if var not in k[0].free_symbols}
    return Val(out.code, (), True)


def _diag_matrix(em: Emitter, e) -> Val:
    return Val(f"jnp.diag(jnp.ravel({em.emit(e.args[0]).code}))", (), True)


def _diagonal_of(em: Emitter, e) -> Val:
    return Val(f"jnp.diagonal({em.emit(e.arg).code}).reshape(-1, 1)", (), True)


def _matpow(em: Emitter, e) -> Val:
    k = e.exp
    if k == sympy.Rational(1, 2) or k == sympy.Rational(-1, 2):
        # the principal square root by the Denman-Beavers iteration (matrix products and inverses
        # only, so it runs on every JAX backend; jax.scipy.linalg.sqrtm is CPU-only). It converges
        # for matrices with no eigenvalue on the closed negative real axis, such as the product of
        # two SPD matrices in the Frechet distance; 60 steps reach float64 accuracy for condition
        # numbers up to about 1e12.
        a = em.tmp(em.emit(e.base).code)
        eye = em.tmp(f"jnp.eye({a.code}.shape[0], dtype={a.code}.dtype)")
        step = f"{em.prefix}{em.counter}_step"
        em.counter += 1
        em.lines += [
            f"def {step}(k, yz):",
            "    return ((yz[0] + jnp.linalg.inv(yz[1])) / 2, (yz[1] + jnp.linalg.inv(yz[0])) / 2)",
        ]
        root = em.tmp(f"jax.lax.fori_loop(0, 60, {step}, ({a.code}, {eye.code}))")
        if k < 0:
            # kept only where the iteration converged (Y Y = A to sqrt(eps) relative): on a
            # matrix with a negative eigenvalue it ends finite and wrong (D = [[1, 2], [3, -4]]
            # gave a Z with Z Z != D^{-1}), and such a matrix has no real inverse square root
            y, z = f"{root.code}[0]", f"{root.code}[1]"
            converged = (
                f"jnp.all(jnp.isfinite({z})) & (jnp.sqrt(jnp.sum(({y} @ {y} - {a.code}) ** 2)) "
                f"<= jnp.sqrt(jnp.finfo({a.code}.dtype).eps) * jnp.sqrt(jnp.sum({a.code} ** 2)))"
            )
            return Val(f"jnp.where({converged}, {z}, jnp.nan)", (), True)
        # Denman-Beavers inverts its iterates, so a singular matrix (a rank-deficient covariance)
        # gives NaN; a symmetric positive semidefinite one takes the eigendecomposition instead,
        # V sqrt(max(w, 0)) V^T, which is exact there (eigh runs on every backend)
        # The test runs on a copy without gradient, and the root on the identity where it fails:
        # jnp.where differentiates both sides, and sqrt at a clipped eigenvalue would make the
        # gradient of the other side NaN
        half = f"({a.code} + jnp.swapaxes({a.code}, -1, -2)) / 2"
        w0 = em.tmp(f"jnp.linalg.eigvalsh(jax.lax.stop_gradient({half}))")
        sym = em.tmp(
            f"jnp.allclose({a.code}, jnp.swapaxes({a.code}, -1, -2), rtol=1e-12, atol=0.0) & "
            f"jnp.all({w0.code} >= -1e-12 * jnp.max(jnp.abs({w0.code})))"
        )
        w = em.tmp(f"jnp.linalg.eigh(jnp.where({sym.code}, {half}, {eye.code}))")
        psd = em.tmp(
            f"({w.code}[1] * jnp.sqrt(jnp.clip({w.code}[0], 0.0, None))) @ "
            f"jnp.swapaxes({w.code}[1], -1, -2)"
        )
        # Denman-Beavers is kept only when R R = A holds to sqrt(eps) relative: on a singular
        # matrix it can end finite and wrong. Otherwise (the product of two rank-deficient
        # covariances) the coupled Newton-Schulz iteration, products only: it converges for real
        # nonnegative eigenvalues, then its inverse iterate blows up on a zero one, so the iterate
        # with the smallest residual is kept; a matrix with no square root (a nilpotent one) gives
        # NaN, never a wrong R
        ns = f"{em.prefix}{em.counter}_newton_schulz"
        em.counter += 1
        em.lines += [
            f"def {ns}_tol(a):",
            "    return jnp.sqrt(jnp.finfo(a.dtype).eps) * jnp.sqrt(jnp.sum(a * a))",
            f"def {ns}_step(k, c):",
            "    y, z, best, err, a, s = c",
            "    t = (3.0 * jnp.eye(y.shape[0], dtype=y.dtype) - z @ y) / 2",
            "    y, z = y @ t, t @ z",
            "    r = y * jnp.sqrt(s)",
            "    e = jnp.sqrt(jnp.sum((r @ r - a) ** 2))",
            "    better = e < err",
            "    return (y, z, jnp.where(better, r, best), jnp.where(better, e, err), a, s)",
            f"def {ns}(a, r):",
            "    s = jnp.sqrt(jnp.sum(a * a))",
            "    s = jnp.where(s > 0, s, 1.0)",
            "    eye = jnp.eye(a.shape[0], dtype=a.dtype)",
            "    start = (a / s, eye, jnp.full_like(a, jnp.nan), jnp.asarray(jnp.inf, a.dtype), a, s)",
            f"    c = jax.lax.fori_loop(0, 100, {ns}_step, start)",
            f"    return jnp.where(c[3] <= {ns}_tol(a), c[2], jnp.nan)",
            f"def {ns}_keep(a, r):",
            "    return r",
        ]
        db = f"{root.code}[0]"
        db_ok = em.tmp(
            f"jnp.all(jnp.isfinite({db})) & "
            f"(jnp.sqrt(jnp.sum(({db} @ {db} - {a.code}) ** 2)) <= {ns}_tol({a.code}))"
        )
        general = em.tmp(f"jax.lax.cond({db_ok.code}, {ns}_keep, {ns}, {a.code}, {db})")
        return Val(f"jnp.where({sym.code}, {psd.code}, {general.code})", (), True)
    if not k.is_Integer:
        if k.is_integer and k.free_symbols:
            # a power by a size (DAG-GNN's (I + A o A / m)^m, its gradient's m - 1): a whole
            # number at trace time
            return Val(
                f"jnp.linalg.matrix_power({em.emit(e.base).code}, int({em.int_code(k)}))", (), True
            )
        raise CompileError(
            f"a matrix power with the exponent {k} is not compiled; derivax compiles "
            f"integer powers, powers by a size and the square root (`^{{1/2}}`)"
        )
    return Val(f"jnp.linalg.matrix_power({em.emit(e.base).code}, {int(k)})", (), True)


def _immutable_matrix(em: Emitter, e) -> Val:
    rows = []
    for r in range(e.rows):
        cells = [em.emit(e[r, c]) for c in range(e.cols)]
        if any(v.axes for v in cells):
            raise CompileError("matrix literals with indexed entries cannot be compiled yet")
        rows.append("[" + ", ".join(v.code for v in cells) + "]")
    return Val("jnp.asarray([" + ", ".join(rows) + "])", (), True)


def _softmax_matrix(em: Emitter, e: F.Softmax) -> Val:
    axis = "0" if e.arg.shape[1] == 1 else "-1"
    scaled = _scaled_scores(em, e.arg, axis)
    m = scaled if scaled is not None else em.emit(e.arg)
    return Val(_lowering.softmax(em, m.code, axis), (), True)


def _scaled_scores(em: Emitter, arg, axis: str) -> Val | None:
    """The softmax's argument ``c A B`` (attention's ``Q K^T / \\sqrt{d}``, c > 0) as
    ``(((A/a)(B/b) - top) a) b c``: a and b the largest magnitudes of A and B and top the largest
    entry of the normalized product along the softmax's axis, all held fixed under
    differentiation. The softmax is unchanged (a shift along its axis), and no score overflows
    where the product does (Q K^T = 1e400 at entries of 1e200 gave NaN; the scores are now 0 at
    the largest and -inf or finite below it). None for any other argument."""
    if not isinstance(arg, sympy.MatMul):
        return None
    coeff, factors = sympy.S.One, arg.args
    if not isinstance(factors[0], MatrixExpr):
        coeff, factors = factors[0], factors[1:]
    if len(factors) != 2 or not coeff.is_positive:
        return None
    a, b = (em.emit(f) for f in factors)
    if not (a.matrix and b.matrix):
        return None
    big = []
    for v in (a, b):
        top = em.tmp(f"jnp.max(jnp.abs({v.code}), initial=0.0)")
        big.append(
            em.tmp(
                f"jax.lax.stop_gradient(jnp.where(jnp.isfinite({top.code}) & ({top.code} > 0), "
                f"{top.code}, 1.0))"
            )
        )
    unit = em.tmp(f"(({a.code}) / {big[0].code}) @ (({b.code}) / {big[1].code})")
    top = em.tmp(f"jax.lax.stop_gradient(jnp.max({unit.code}, axis={axis}, keepdims=True))")
    c = em.emit(coeff)
    return em.tmp(
        f"((({unit.code} - {top.code}) * {big[0].code}) * {big[1].code}) * ({c.code})", (), True
    )


def _ones(em: Emitter, e) -> Val:
    rows, cols = (em.int_code(s) for s in e.shape)
    return Val(f"jnp.ones(({rows}, {cols}))", (), True)


def _zeros(em: Emitter, e) -> Val:
    rows, cols = (em.int_code(s) for s in e.shape)
    return Val(f"jnp.zeros(({rows}, {cols}))", (), True)


def _identity(em: Emitter, e) -> Val:
    return Val(f"jnp.eye({em.int_code(e.rows)})", (), True)


def _kronecker(em: Emitter, e) -> Val:
    out = em.emit(e.args[0]).code
    for a in e.args[1:]:
        out = f"jnp.kron({out}, {em.emit(a).code})"
    return Val(out, (), True)


def _vec(em: Emitter, e) -> Val:
    # vec stacks the columns: the rows of the transpose, read in order
    return Val(f"jnp.reshape(jnp.swapaxes({em.emit(e.arg).code}, -1, -2), (-1, 1))", (), True)


def _commutation(em: Emitter, e) -> Val:
    p, q = (em.int_code(a) for a in e.args)
    r = f"jnp.arange(({p}) * ({q}))"
    return Val(f"jnp.eye(({p}) * ({q}))[({r} // ({q})) + ({r} % ({q})) * ({p})]", (), True)


def _matrix_exp(em: Emitter, e: F.MatrixExp) -> Val:
    return Val(f"jax.scipy.linalg.expm({em.emit(e.arg).code})", (), True)


def _spectral_norm(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.norm({em.emit(e.args[0]).code}, ord=2)")


def _nuclear_norm(em: Emitter, e) -> Val:
    return Val(f"jnp.linalg.norm({em.emit(e.args[0]).code}, ord='nuc')")


def _function_matrix(em: Emitter, e: sympy.FunctionMatrix) -> Val:
    """A matrix given entry by entry (``\\sum_i a_i x_i`` lowered to the sums of its entries):
    the entry's row and column variables become axes over the matrix's size, then the array."""
    (r, c), body = e.lamda.variables, e.lamda.expr
    rows, cols = e.shape
    saved = dict(em.ranges)
    try:
        em.ranges[r] = ("0", em.int_code(rows - 1))
        em.ranges[c] = ("0", em.int_code(cols - 1))
        v = em.emit(body)
    finally:
        em.ranges = saved
    if v.matrix or set(v.axes) - {r, c}:
        raise CompileError("an entry of this matrix is itself an array")
    code = em.align(v, (r, c)) if v.axes else v.code
    shape = f"({em.int_code(rows)}, {em.int_code(cols)})"
    if v.axes and tuple(v.axes) == (r,):
        code = f"{em.align(v, (r,))}[:, None]"
    return Val(f"jnp.broadcast_to({code}, {shape})", (), True)
