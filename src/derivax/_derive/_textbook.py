"""Rewrites into the forms a person writes: the sigmoid recognized, softmax written out,
subgradients at kinks stated, results simplified under a time budget."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import _algebra
from .. import _functions as F
from .._budget import simplified
from ._derivation import Step


def recognize_sigmoid(e: sympy.Basic) -> sympy.Basic:
    """``1/(1 + e^{-u})`` and ``e^{u}/(1 + e^{u})`` -> ``sigma(u)``; ``1/(1 + e^{u})`` -> ``sigma(-u)``."""

    def rule(x):
        if (
            isinstance(x, sympy.Pow)
            and x.exp == -1
            and isinstance(x.base, sympy.Add)
            and len(x.base.args) == 2
            and sympy.S.One in x.base.args
        ):
            other = x.base.args[0] if x.base.args[1] == 1 else x.base.args[1]
            if isinstance(other, sympy.exp):
                return F.sigmoid(-other.args[0])
        return x

    e = e.replace(lambda x: isinstance(x, sympy.Pow), rule)

    # e^{u} sigma(-u) = sigma(u)
    def mul_rule(x):
        exps = [a for a in x.args if isinstance(a, sympy.exp)]
        sigs = [a for a in x.args if isinstance(a, F.sigmoid)]
        for ex in exps:
            for sg in sigs:
                if sg.args[0] == -ex.args[0]:
                    rest = [a for a in x.args if a is not ex and a is not sg]
                    return sympy.Mul(*rest) * F.sigmoid(ex.args[0])
        return x

    return e.replace(lambda x: isinstance(x, sympy.Mul), mul_rule)


def _tidy_trace(x):
    """``tr(c M) = c tr(M)``, the argument in matrix form."""
    arg = _algebra.tidy(x.arg)
    if isinstance(arg, sympy.MatMul):
        scalars = [a for a in arg.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in arg.args if isinstance(a, MatrixExpr)]
        if scalars and mats:
            return sympy.Mul(*scalars) * sympy.Trace(
                sympy.MatMul(*mats).doit() if len(mats) > 1 else mats[0]
            )
    return sympy.Trace(arg)


_KINKS = (sympy.sign, sympy.Heaviside)


def _note_kinks(result, steps) -> None:
    """A derivative through |x|, max(0, x) or a norm-1 is a subgradient at the kink: say so."""
    found = {type(n) for n in sympy.preorder_traversal(result) if isinstance(n, _KINKS)}
    for lam in (n for n in sympy.preorder_traversal(result) if isinstance(n, sympy.Lambda)):
        found |= {type(n) for n in sympy.preorder_traversal(lam.expr) if isinstance(n, _KINKS)}
    if sympy.sign in found:
        steps.append(
            Step(
                "subgradient at the kink",
                r"|u| \text{ has no derivative at } u = 0; \operatorname{sign}(0) = 0 \text{ is the "
                r"subgradient chosen there (any value in } [-1, 1] \text{ is one)}",
            )
        )
    if sympy.Heaviside in found:
        steps.append(
            Step(
                "subgradient at the kink",
                r"\max(0, u) \text{ has no derivative at } u = 0; H(0) \text{ is a subgradient "
                r"chosen there (any value in } [0, 1] \text{ is one)}",
            )
        )


def drop_deltas(result, steps):
    """The derivative of sign(u) or H(u) is 0 wherever u != 0 and does not exist at u = 0 (its
    distributional derivative, a Dirac delta, is no value derivax can report): write 0 and say
    where it holds."""
    if not result.has(sympy.DiracDelta):
        return result
    out = result.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.S.Zero)
    if isinstance(out, MatrixExpr):
        out = _algebra.tidy(_algebra.constant_maps(out))
    steps.append(
        Step(
            "derivative of a kink",
            r"\frac{d}{du}\operatorname{sign}(u) = 0 \text{ and } \frac{d}{du} H(u) = 0 \text{ "
            r"for } u \ne 0; \text{ at } u = 0 \text{ there is no derivative (a Dirac delta in "
            r"the sense of distributions)}",
        )
    )
    steps.append(Step("the derivative where it exists", out))
    return out


def _sign_over_abs(e):
    """``sign(u) / |u| = 1 / u`` (where ``u != 0``, the only place the derivative exists)."""

    def rule(m):
        signs = [a for a in m.args if isinstance(a, sympy.sign)]
        for sg in signs:
            inv = sympy.Pow(F.absolute(sg.args[0]), -1)
            if inv in m.args:
                rest = [a for a in m.args if a is not sg and a != inv]
                return sympy.Mul(*rest) / sg.args[0]
        return m

    return e.replace(lambda x: isinstance(x, sympy.Mul), rule)


def _textbook(d, steps, timeout):
    d = _sign_over_abs(d)
    d2 = recognize_sigmoid(d)
    if d2 != d:
        steps.append(Step("recognize the sigmoid", d2))
    if isinstance(d2, MatrixExpr):
        return d2
    # SymPy's simplify cannot take traces and determinants apart: they go in as symbols
    atoms = sorted(
        {
            n
            for n in sympy.preorder_traversal(d2)
            if isinstance(n, (sympy.Trace, sympy.Determinant, MatrixElement))
        },
        key=sympy.default_sort_key,
    )
    atoms = [a for a in atoms if not any(b != a and b.has(a) for b in atoms)]
    if any(
        isinstance(a, MatrixElement) and any(s.is_integer for s in a.free_symbols) for a in atoms
    ):
        return d2  # an entry under a sum cannot be hidden as a symbol: simplify would move it out
    hidden = {a: sympy.Dummy(f"m{k}", real=True) for k, a in enumerate(atoms)}
    d2h = d2.xreplace(hidden) if hidden else d2
    try:
        candidate, note = simplified(d2h, timeout, _simplify_keep_ml)
    except Exception as e:
        candidate, note = (
            d2h,
            f"SymPy's simplify failed ({type(e).__name__}); the result is correct but not simplified",
        )
    if hidden:
        back = {v: k for k, v in hidden.items()}
        candidate = candidate.xreplace(back)
    if note:
        steps.append(Step("simplify", note))
        return d2
    candidate = recognize_sigmoid(candidate)
    if sympy.count_ops(candidate) < sympy.count_ops(d2):
        steps.append(Step("simplify", candidate))
        return candidate
    return d2


def _simplify_keep_ml(e):
    """simplify, but never at the price of a longer expression (and sigmoid stays sigmoid)."""
    out = sympy.simplify(e)
    return out if sympy.count_ops(out) <= sympy.count_ops(e) else sympy.factor_terms(e)
