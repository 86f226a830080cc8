"""SymPy -> JAX source for numbers, names and the scalar operations (elementwise over index
axes): arithmetic, named functions, piecewise definitions and relations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import CompileError
from . import _lowering
from ._quotient import QUOTIENT, product_name
from ._val import Val, _short

if TYPE_CHECKING:
    from ._emit import Emitter  # _emit imports this module for its table of handlers


# -- leaves ------------------------------------------------------------------------------------------
def _number(em: Emitter, e) -> Val:
    if e.is_Integer and abs(e) < 2**53:
        return Val(str(int(e)))
    if e.is_Integer:
        # beyond float64's exact integers: a float (or infinity), never a huge Python int
        try:
            return Val(repr(float(e)))
        except OverflowError:
            return Val("math.inf" if e > 0 else "-math.inf")
    if e.is_Rational:
        return Val(f"({int(e.p)} / {int(e.q)})")
    if e in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return Val({sympy.oo: "math.inf", -sympy.oo: "-math.inf"}.get(e, "math.nan"))
    return Val(repr(float(e)))


def _constant(em: Emitter, e) -> Val:
    table = {sympy.pi: "math.pi", sympy.E: "math.e"}
    if e in table:
        return Val(table[e])
    return Val(repr(float(e)))


def _symbol(em: Emitter, e: sympy.Symbol) -> Val:
    if e in em.ranges:
        lo, hi = em.ranges[e]
        return Val(f"jnp.arange({lo}, {hi} + 1)", (e,))
    if e in em.dims:
        return Val(em.dims[e])
    if e.name in em.inputs:
        return Val(em.inputs[e.name])
    raise CompileError(f"`{e.name}` is neither an argument nor a size")


def _matrix_symbol(em: Emitter, e: sympy.MatrixSymbol) -> Val:
    if e.name not in em.inputs:
        raise CompileError(f"`{e.name}` is not an argument")
    code = em.inputs[e.name]
    if e.shape[1] == 1:
        # vectors are passed as 1-D arrays; matrix notation sees a column
        return Val(f"{code}.reshape(-1, 1)", (), True)
    return Val(code, (), True)


def _applied(em: Emitter, e: AppliedUndef) -> Val:
    if e in em.inputs:
        return Val(em.inputs[e])
    raise CompileError(
        f"`{_short(e)}` applies an unspecified function; pass its value as an "
        f"argument or define the function"
    )


# -- arithmetic ---------------------------------------------------------------------------------------
def _add(em: Emitter, e: sympy.Add) -> Val:
    from ._stable import add_pattern

    special = add_pattern(em, e)
    if special is not None:
        return special
    if _lowering.negates_terms(e):
        vals = [
            em.elementwise("-({})", em.emit(-a)) if _lowering.is_negated(a) else em.emit(a)
            for a in e.args
        ]
    else:
        vals = [em.emit(a) for a in e.args]
    return em.elementwise(" + ".join("({})" for _ in vals), *vals)


def _mul(em: Emitter, e: sympy.Mul) -> Val:
    from ._stable import mul_pattern

    special = mul_pattern(em, e)
    if special is not None:
        return special
    scaled = _scaled_product(em, e)
    if scaled is not None:
        return scaled
    below = [a.base for a in e.args if isinstance(a, sympy.Pow) and a.exp == -1]
    if below and not any(isinstance(b, MatrixExpr) for b in below):
        # a quotient, with a derivative by the denominator that keeps its scale (QUOTIENT)
        above = [a for a in e.args if not (isinstance(a, sympy.Pow) and a.exp == -1)]
        em.helpers.add(QUOTIENT)
        return em.elementwise(
            f"{QUOTIENT}({{}}, {{}})",
            em.emit(sympy.Mul(*above)) if above else Val("1.0"),
            em.emit(sympy.Mul(*below)),
        )
    vals = [em.emit(a) for a in e.args]
    return em.elementwise(" * ".join("({})" for _ in vals), *vals)


def emit_masked_term(em: Emitter, e: sympy.Mul) -> Val | None:
    """A term times ``1 - \\delta_{ij}`` (``\\sum_{j \\ne i}``) or ``\\delta_{ij}`` as a mask,
    ``jnp.where(i != j, term, 0)``: the skipped terms are never multiplied by 0, which gave NaN
    where they are undefined (UMAP's cross-entropy has v_ii log(v_ii / q_ii) with v_ii = 0 and
    q_ii = 1 at i = j; 0 log 0 times 0 is NaN). None where no such factor is there, or the term
    is a vector or matrix."""
    masks, rest = _delta_masks(e)
    if not masks or not rest or any(isinstance(a, MatrixExpr) for a in rest):
        return None
    term = em.emit(sympy.Mul(*rest))
    conds = [
        em.elementwise(f"({{}}) {op} ({{}})", em.emit(d.args[0]), em.emit(d.args[1]))
        for op, d in masks
    ]
    cond = (
        conds[0] if len(conds) == 1 else em.elementwise(" & ".join("({})" for _ in conds), *conds)
    )
    return em.elementwise("jnp.where({}, {}, 0.0)", cond, term)


def _delta_masks(e) -> tuple[list, list]:
    """The factors of ``e`` that are ``\\delta_{ij}`` (``==``) or ``1 - \\delta_{ij}``
    (``!=``), and the others."""
    masks, rest = [], []
    for a in sympy.Mul.make_args(e):
        if isinstance(a, sympy.KroneckerDelta) and _of_indices(a):
            masks.append(("==", a))
        elif (
            isinstance(a, sympy.Add)
            and len(a.args) == 2
            and sympy.S.One in a.args
            and isinstance(-(a - 1), sympy.KroneckerDelta)
            and _of_indices(-(a - 1))
        ):
            masks.append(("!=", -(a - 1)))
        else:
            rest.append(a)
    return masks, rest


def _of_indices(delta: sympy.KroneckerDelta) -> bool:
    """A delta between indices (``\\delta_{ij}``), not between picked values such as labels
    (``\\delta(c_i, l)``, whose gathers keep the product form)."""
    return not delta.atoms(sympy.Indexed)


def masked_by_delta(e, variables) -> bool:
    """Whether a sum's term ``e`` is a scalar term times Kronecker deltas between the sum's own
    indices (``\\delta_{ij}`` under ``\\sum_i \\sum_j``), or times ``1 - \\delta_{jk}`` between
    its own index and another. A bare delta that holds anything else (an output axis, a label, a
    matrix's entry position) keeps the product form, whose axes the einsum aligns."""
    masks, rest = _delta_masks(e)
    own = set(variables)
    return (
        bool(masks and rest)
        and not any(isinstance(a, MatrixExpr) for a in rest)
        and all(
            d.free_symbols <= own
            # 1 - \delta_{jk} with j the sum's own index and k any other index (an output axis
            # of a derivative, \sum_{j \ne k} of UMAP's gradient): the skip, as a mask too
            or (
                op == "!="
                and d.free_symbols & own
                and all(isinstance(x, sympy.Symbol) for x in d.args)
            )
            for op, d in masks
        )
    )


#: the largest integer power a factor of a scaled product keeps as its power (beyond it, the
#: power is emitted as a value of its own)
_SCALED_POWER = 8


def _scaled_product(em: Emitter, e: sympy.Mul) -> Val | None:
    """A product of three or more scalar factors (integer powers among them) as ``_prod``: scaled
    by its factors' exponents, so that no intermediate product overflows or underflows where the
    whole is representable. Side conditions: matrix factors and products of fewer than three
    non-constant factors keep the plain form (a * b and a / b round once; nothing to reorder);
    constants multiply the scaled product."""
    factors = [a for a in e.args if not a.is_number]
    if len(factors) < 3 or any(isinstance(a, MatrixExpr) for a in factors):
        return None
    pairs = []
    for a in factors:
        if (
            isinstance(a, sympy.Pow)
            and a.exp.is_Integer
            and 0 < abs(a.exp) <= _SCALED_POWER
            and not isinstance(a.base, MatrixExpr)
        ):
            pairs.append((a.base, int(a.exp)))
        else:
            pairs.append((a, 1))
    vals = [_as_float(em, base) for base, _ in pairs]
    if any(v.matrix for v in vals):
        return None
    name = product_name(len(vals))
    em.helpers.add(name)
    powers = ", ".join(str(p) for _, p in pairs)
    core = em.elementwise(f"{name}(({', '.join('{}' for _ in vals)},), ({powers},))", *vals)
    constants = [a for a in e.args if a.is_number]
    if constants:
        return em.elementwise("({}) * ({})", em.emit(sympy.Mul(*constants)), core)
    return core


def _pow(em: Emitter, e: sympy.Pow) -> Val:
    from ._stable import pow_pattern

    special = pow_pattern(em, e)
    if special is not None:
        return special
    base = em.emit(e.base)
    if e.exp == sympy.S.Half:
        return em.elementwise("jnp.sqrt({})", base)
    if e.exp == -sympy.S.Half:
        return em.elementwise("1.0 / jnp.sqrt({})", base)
    if e.exp == -1:
        return em.elementwise("1.0 / ({})", base)
    if e.exp.is_Integer and abs(e.exp) > 1024:
        # x^(10^10): a float power (an integer power this large would be unrolled or overflow)
        return em.elementwise(f"jnp.power({{}}, {float(e.exp)!r})", base)
    if e.exp.is_Integer:
        k = int(e.exp)
        if k < 0:
            return em.elementwise(f"1.0 / ({{}}) ** {-k}", base)
        return em.elementwise(f"({{}}) ** {k}", base)
    exp = em.emit(e.exp)
    return em.elementwise("jnp.power({}, {})", base, exp)


def _as_float(em: Emitter, a) -> Val:
    """An argument of a floating-point function: integer literals become floats (``sigmoid(2)``)."""
    if a.is_Integer and abs(a) < 2**53:
        return Val(f"{int(a)}.0")
    return em.emit(a)


def _log(em: Emitter, e: sympy.log) -> Val:
    from ._stable import log_pattern

    special = log_pattern(em, e.args[0])
    if special is not None:
        return special
    return em.elementwise("jnp.log({})", _as_float(em, e.args[0]))


def _fold(name: str):
    """``jnp.<name>`` folded over the arguments: max, min, logical and/or."""

    def handler(em: Emitter, e) -> Val:
        vals = [em.emit(a) for a in e.args]
        out = vals[0]
        for v in vals[1:]:
            out = em.elementwise(f"jnp.{name}({{}}, {{}})", out, v)
        return out

    return handler


def _piecewise(em: Emitter, e: sympy.Piecewise) -> Val:
    """``jnp.where`` chain with the "double where": inside each branch the inputs are replaced
    by a safe value where the branch is not taken, so its gradient stays finite."""
    pieces = list(e.args)
    last = pieces[-1]
    out = em.emit(last.expr) if last.cond == sympy.true else Val("math.nan")
    for piece in reversed(pieces[:-1] if last.cond == sympy.true else pieces):
        cond = em.emit(piece.cond)
        value = _safe_branch(em, piece.expr, piece.cond, cond)
        out = em.elementwise("jnp.where({}, {}, {})", cond, value, out)
    return out


def _safe_branch(em: Emitter, expr, cond_expr, cond: Val) -> Val:
    # scalars only: an array's label (\mu of \mu_c under a sum over c) is no value to move
    arrays = {b.label for b in expr.atoms(sympy.IndexedBase)}
    scalars = [
        s
        for s in expr.free_symbols
        if isinstance(s, sympy.Symbol)
        and s.name in em.inputs
        and s not in em.ranges
        and s not in arrays
    ]
    if not scalars or not isinstance(cond_expr, sympy.core.relational.Relational):
        return em.emit(expr)
    safe = _safe_point(cond_expr)
    saved = dict(em.bound)
    try:
        for s in scalars:
            v = em.emit(s)
            em.bound[s] = em.tmp(
                em.elementwise(f"jnp.where({{}}, {{}}, {safe})", cond, v).code, em.union([cond, v])
            )
        return em.emit(expr)
    finally:
        em.bound = saved
        em.memo = {k: v for k, v in em.memo.items() if not (set(scalars) & k[0].free_symbols)}


def _safe_point(rel) -> str:
    """A value of the variable where ``rel`` (``x > a``, ``x <= a``) holds, for the double where."""
    lhs, rhs = rel.lhs, rel.rhs
    if rhs.is_number and isinstance(lhs, sympy.Symbol):
        a = float(rhs)
        if isinstance(rel, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            return repr(a + 1.0)
        if isinstance(rel, (sympy.StrictLessThan, sympy.LessThan)):
            return repr(a - 1.0)
    return "1.0"


def _relational(em: Emitter, e) -> Val:
    ops = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}
    lhs, rhs = em.emit(e.lhs), em.emit(e.rhs)
    return em.elementwise(f"({{}}) {ops[e.rel_op]} ({{}})", lhs, rhs)


def _table_function(entry: F.NamedFunction) -> Callable[[Emitter, sympy.Basic], Val]:
    def handler(em: Emitter, e) -> Val:
        vals = [_as_float(em, a) for a in e.args]
        return em.elementwise(F.jax_code(entry, *(f"{{{k}}}" for k in range(len(vals)))), *vals)

    return handler


def _binomial(em: Emitter, e: sympy.binomial) -> Val:
    """``binom(n, k)`` for a literal k from 0 to ``F.BINOMIAL_PRODUCT_MAX`` as the product
    (n/1) ((n - 1)/2) ... ((n - k + 1)/k): exact for every real n, negative integers included, and
    each partial product is binom(n, j), so nothing overflows before the value does (the gamma
    form cancels: binom(10^4, 3) was 0.5% off in float32). Any other k: the table's gamma form."""
    n, k = e.args
    if k.is_Integer and 0 <= k <= F.BINOMIAL_PRODUCT_MAX:
        if k == 0:
            return em.elementwise("jnp.ones_like({0})", _as_float(em, n))
        factors = " * ".join(
            ["({0})", *(f"(({{0}} - {j}.0) / {j + 1}.0)" for j in range(1, int(k)))]
        )
        return em.elementwise(factors, _as_float(em, n))
    return _table_function(F.BY_CLASS[sympy.binomial])(em, e)
