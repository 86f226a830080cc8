r"""Identities: a difference ``lhs - rhs`` rewritten to exactly 0, each rewrite a recorded step.

Besides SymPy's rewrites: a simplex sums to 1; the logarithm of a product of positive quantities
splits; a change of variables ``\tau \to t - \tau`` over the real line (convolution commutes);
``\max``, ``\min``, ``|\cdot|`` and ReLU by cases, each equal to one of its arguments (``_by_cases``).
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _algebra
from .. import _functions as F
from ._domain import Domain
from ._prepare import collapse_deltas
from ._proof import Proof, _latex

oo = sympy.oo


def canonical_traces(e):
    """Traces expanded by linearity, each product in the least of its cyclic rotations and
    transposes (``tr(w^T X^T y) = tr(y^T X w)``)."""

    def rule(tr):
        M = tr.arg.expand().doit() if hasattr(tr.arg, "expand") else tr.arg
        out = sympy.S.Zero
        for term in M.args if isinstance(M, sympy.MatAdd) else [M]:
            coeff, mats = (
                term.as_coeff_matrices()
                if isinstance(term, sympy.MatMul)
                else (sympy.S.One, [term])
            )
            scalars = (
                [a for a in getattr(term, "args", ()) if not isinstance(a, MatrixExpr)]
                if isinstance(term, sympy.MatMul)
                else []
            )
            c = sympy.Mul(*scalars) if scalars else coeff
            out += c * sympy.Trace(_least_rotation(list(mats)))
        return out

    return e.replace(lambda x: isinstance(x, sympy.Trace), rule)


def _least_rotation(mats):
    candidates = []
    forward = mats
    backward = [sympy.Transpose(m).doit() for m in reversed(mats)]
    for seq in (forward, backward):
        for k in range(len(seq)):
            rot = seq[k:] + seq[:k]
            prod = sympy.MatMul(*rot).doit() if len(rot) > 1 else rot[0]
            if prod.shape[0] == prod.shape[1] or len(rot) == 1:
                candidates.append((str(prod), prod))
    return min(candidates, key=lambda c: c[0])[1] if candidates else sympy.MatMul(*mats)


def to_zero(d, dom: Domain, proof: Proof) -> bool:
    """Rewrite a difference ``lhs - rhs`` to exactly 0."""
    table = dom.table
    symmetric = frozenset(n for n in table if table[n].kind in ("spd", "symmetric"))
    simplices = {str(n): table.dim(table[n].shape[0]) for n in table if table[n].kind == "simplex"}
    if isinstance(d, MatrixExpr):
        m = _algebra.tidy(d.doit().expand().doit())
        if _is_zero_matrix(m):
            proof.add("expand and collect in matrix form", sympy.S.Zero)
            return True
        # a declared symmetric (or spd) matrix is its own transpose
        sym = {sympy.Transpose(a): a for a in d.atoms(sympy.MatrixSymbol) if a.name in symmetric}
        if sym:
            m2 = _algebra.tidy(m.xreplace(sym).doit().expand().doit())
            if _is_zero_matrix(m2):
                proof.add("use that the symmetric matrices equal their transposes", sympy.S.Zero)
                return True
        proof.add("expand in matrix form", m)
        return False
    stages = [
        ("collapse the Kronecker deltas", collapse_deltas),
        (
            "rewrite the sigmoid as exponentials",
            lambda x: x.rewrite(sympy.exp) if x.has(F.sigmoid) else x,
        ),
        ("integrate the Gaussian moments in closed form", _gaussian_moments),
        ("evaluate the integrals", lambda x: evaluate_integrals(x) if x.has(sympy.Integral) else x),
        ("expand", lambda x: sympy.expand(x, power_base=False, log=False)),
        ("expand the traces", canonical_traces),
        ("distribute and combine the sums", lambda x: _algebra.normalize_sums(x, symmetric)),
        (
            "use that the simplex sums to 1",
            lambda x: _algebra.apply_simplex(x, simplices) if simplices else x,
        ),
        ("expand the logarithms of positive quantities", lambda x: _expand_positive_logs(x, dom)),
        ("simplify", sympy.simplify),
        (
            "distribute and combine the sums",
            lambda x: _algebra.normalize_sums(sympy.expand(x), symmetric),
        ),
        (
            "use that the simplex sums to 1",
            lambda x: _algebra.apply_simplex(x, simplices) if simplices else x,
        ),
        ("simplify", sympy.simplify),
    ]
    current = d
    for rule, f in stages:
        new = f(current)
        if new != current:
            proof.add(rule, new)
            current = new
        if current == 0:
            return True
    return _by_cases(d, dom, proof) or _change_of_variables(d, proof)


#: the piecewise-linear functions whose every value is one of their arguments' (ReLU is max(0, t))
_PIECEWISE = (sympy.Max, sympy.Min, sympy.Abs, F.relu)


def _by_cases(d, dom: Domain, proof: Proof) -> bool:
    r"""``d = 0`` where d holds ``\max``, ``\min``, ``|\cdot|`` or ReLU: ``d \ge 0`` and
    ``d \le 0`` decided in real arithmetic (Z3, ``_decide``), where each such function is a fresh
    value at least (at most, for min) each of its arguments and equal to one of them, so every
    case of every kink is covered, ties included (``\max(0, x) - \max(0, -x) = x``,
    ``\max(a, b) + \min(a, b) = a + b``). Side conditions: a scalar difference (a matrix is not
    decided here); both directions must be unsatisfiable, so a difference that is 0 only on some
    cases (``\max(0, x) - \max(0, -x) = |x|``, wrong for x < 0) is not proved."""
    from ._decide import decide_nonnegative

    if isinstance(d, MatrixExpr) or not d.has(*_PIECEWISE):
        return False
    above, used = decide_nonnegative(d, dom)
    if not above:
        return False
    below, used_below = decide_nonnegative(-d, dom)
    if not below:
        return False
    named = sorted({*used, *used_below})
    extra = (" with " + ", ".join(f"${m}$" for m in named)) if named else ""
    proof.add(
        r"by cases: each $\max$, $\min$, $|\cdot|$ and $\operatorname{ReLU}$ equals one of its "
        r"arguments and is at least (at most, for $\min$) each of them; the difference is "
        rf"$\ge 0$ and $\le 0$ in every case, decided in real arithmetic (Z3){extra}",
        sympy.S.Zero,
    )
    return True


def _gaussian_moments(e):
    r"""``\int_{-\infty}^{\infty}`` of a Gaussian times a polynomial, in closed form
    (``_algebra.gaussian_integral``); other integrals are left as they are. The audit evaluates
    the integral it replaced through SymPy at each point, not through this rule."""
    if not e.has(sympy.Integral):
        return e

    def rule(integral):
        closed = _algebra.gaussian_integral(integral)
        return integral if closed is None else closed

    return e.replace(lambda x: isinstance(x, sympy.Integral), rule)


def evaluate_integrals(e):
    r"""Integrals in closed form, trigonometric integrands simplified first
    (``\sqrt{1 + \cos 2x} = \sqrt{2} |\cos x|``, whose kink SymPy then integrates piece by piece)."""

    def rule(integral):
        f = integral.function
        if f.has(sympy.sin, sympy.cos, sympy.tan):
            f = sympy.trigsimp(f)
        return sympy.Integral(f, *integral.limits).doit()

    return e.replace(lambda x: isinstance(x, sympy.Integral), rule)


def _is_zero_matrix(m) -> bool:
    return (
        isinstance(m, sympy.ZeroMatrix)
        or m == 0
        or (isinstance(m, sympy.MatrixBase) and m.is_zero_matrix)
    )


def _expand_positive_logs(e, dom: Domain):
    r"""``\log(ab) = \log a + \log b`` where a and b are provably positive; ``\log(b^{2k}) =
    2k \log|b|`` for a real b."""

    def rule(lg):
        arg = lg.args[0]
        # entries of a simplex may be 0, where the logarithm is undefined on both sides alike
        if isinstance(arg, (sympy.Mul, sympy.Pow)) and all(
            dom.nonnegative(f) for f in sympy.Mul.make_args(_base_factors(arg))
        ):
            return sympy.expand_log(lg, force=True)
        if isinstance(arg, sympy.exp):
            return arg.args[0]
        if (
            isinstance(arg, sympy.Pow)
            and arg.exp.is_even
            and arg.base.is_real
            and not dom.nonnegative(arg.base)
        ):
            # \log(\sigma^2) of a real \sigma is 2 \log|\sigma| (both undefined at 0)
            return arg.exp * sympy.log(sympy.Abs(arg.base))
        return lg

    return e.replace(lambda x: isinstance(x, sympy.log), rule)


def _base_factors(arg):
    """``a b^{-1}`` -> ``a b``: the factors whose signs decide whether a log splits."""
    return sympy.Mul(
        *[
            f.base if isinstance(f, sympy.Pow) and f.exp.is_Integer else f
            for f in sympy.Mul.make_args(arg)
        ]
    )


def _change_of_variables(d, proof: Proof) -> bool:
    r"""``\int f(\tau) g(t - \tau) d\tau = \int g(\tau) f(t - \tau) d\tau`` over the real line."""
    ints = [
        a
        for a in sympy.Add.make_args(d)
        if isinstance(a, sympy.Integral)
        or (isinstance(a, sympy.Mul) and any(isinstance(f, sympy.Integral) for f in a.args))
    ]
    if len(ints) != 2:
        return False
    first = next(i for i in sympy.preorder_traversal(ints[0]) if isinstance(i, sympy.Integral))
    second = next(i for i in sympy.preorder_traversal(ints[1]) if isinstance(i, sympy.Integral))
    (v1, lo1, hi1), (v2, lo2, hi2) = first.limits[0], second.limits[0]
    if (lo1, hi1) != (-oo, oo) or (lo2, hi2) != (-oo, oo):
        return False
    for c in first.function.free_symbols - {v1}:
        moved = first.function.xreplace({v1: c - v2})
        if (
            sympy.simplify(moved - second.function) == 0
            and sympy.simplify(d - (ints[0] + ints[1])) == 0
        ):
            coeff = sympy.simplify(ints[0] / first) + sympy.simplify(ints[1] / second)
            if coeff == 0:
                proof.add(
                    rf"substitute ${_latex(v1)} \to {_latex(c)} - {_latex(v2)}$ over the real line",
                    sympy.S.Zero,
                    shown=sympy.Integral(moved, (v2, -oo, oo)),
                )
                return True
    return False
