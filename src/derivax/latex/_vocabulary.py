"""The words and marks every reader of a formula shares: relations, separators, the commands
passed through, and the markers that stand for transposes, Hadamard products and ranges."""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F

# commands latex2sympy2_extended reads itself, passed through unchanged
_PASS = frozenset(r"\frac \sqrt \infty \cdot \le \ge \ne \lt \gt".split())

_UNSUPPORTED = {
    r"\dots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\ldots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\cdots": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\dotsb": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\dotsm": "an ellipsis has no single meaning; write the product with `\\prod`",
    r"\dotsc": "an ellipsis has no single meaning; write the sum with `\\sum`",
    r"\sim": "`\\sim` (distributed as) is read only in an expectation's subscript, "
    "`\\mathbb{E}_{x \\sim p}[f(x)]`",
    **{
        rel: f"`{rel}` ({meaning}) is a relation derivax does not decide: it has no exact "
        "meaning to prove or refute; state the claim with =, <, >, \\le, \\ge or \\ne (a bound "
        "on the error, such as `|e^x - 1 - x| \\le x^2` for |x| <= 1)"
        for rel, meaning in (
            (r"\approx", "approximately equal"),
            (r"\simeq", "approximately equal"),
            (r"\propto", "proportional to"),
            (r"\ll", "much less than"),
            (r"\gg", "much greater than"),
        )
    },
    **{
        op: f"`{op}` ({meaning}) has no single meaning derivax reads; write what it stands for "
        f"in this formula (Mobius addition, a direct sum and an exclusive or are all written "
        f"with it)"
        for op, meaning in (
            (r"\oplus", "a circled plus"),
            (r"\ominus", "a circled minus"),
            (r"\boxplus", "a boxed plus"),
        )
    },
    **{
        op: f"`{op}` (a preference or an order, `y_1 {op} y_2`) is no quantity; write the "
        f"probability or the condition it stands for (`\\sigma(r_1 - r_2)`, `r_1 > r_2`)"
        for op in (r"\succ", r"\prec", r"\succeq", r"\preceq")
    },
}

#: what follows the left side of a definition: the formula's `=` and the signs that define
#: (``:=``, ``\\leftarrow`` of an update rule)
DEFINING = frozenset({"=", ":=", r"\coloneqq", r"\leftarrow", r"\triangleq", r"\doteq"})

_FUNCTION_WORDS = {
    "softmax",
    "relu",
    "sigmoid",
    "softplus",
    "tr",
    "trace",
    "det",
    "diag",
    "vec",
    "logsumexp",
    "lse",
    "sign",
    "sgn",
    "exp",
    "log",
    "ln",
    "tanh",
    "abs",
    "heaviside",
    "logit",
    "expm",
    "mean",
    "sim",
}

#: words in upright letters whose reading is the expectation operators' (an undeclared one
#: applied is refused, not an unspecified function)
_RESERVED_WORDS = frozenset({"Var", "Cov", "E"})

#: words with one standard meaning that derivax does not read: applied undeclared, they are
#: refused rather than read as an unspecified function (`\operatorname{median}(x)`)
_STANDARD_UNREAD = frozenset({"mod", "sinc", "median", "rank", "sort", "gcd", "lcm"})

#: a top-k gate (mixture of experts), refused with the writing derivax reads: an entry is kept
#: where fewer than k entries exceed it
_TOP_K = frozenset({"topk", "keeptopk", "top_k", "keep_top_k"})
_TOP_K_INSTEAD = (
    "derivax has no top-k; write the kept entries with indicators, `\\mathbb{1}\\left[\\sum_{j} "
    "\\mathbb{1}[v_j > v_i] < k\\right]` (1 where fewer than k entries exceed `v_i`), e.g. the "
    "gate `\\frac{\\mathbb{1}[\\dots] e^{v_i}}{\\sum_l \\mathbb{1}[\\dots] e^{v_l}}`"
)

#: words of functions derivax does not read, each with what to write instead (lower case)
_WORDS_INSTEAD = {
    **dict.fromkeys(_TOP_K, _TOP_K_INSTEAD),
    **dict.fromkeys(
        ("leakyrelu", "lrelu", "prelu"),
        "its negative slope is not written (0.01 in PyTorch, 0.2 in GAT, learned in PReLU); "
        "write it with the slope, `\\max(x, a x)` (e.g. `\\max(x, 0.2 x)`)",
    ),
    "elu": "its scale alpha is not written; write `\\max(x, 0) + \\min(0, \\alpha (e^{x} - 1))`",
    "swish": "its beta is not written; write `x \\sigma(\\beta x)` (`\\operatorname{SiLU}(x)` for beta = 1)",
    **dict.fromkeys(
        ("std", "stdev", "sd"),
        "the standard deviation of the entries reads two ways, dividing by n (the population's, "
        "NumPy's default) or by n - 1 (the sample's, PyTorch's default); write the one meant, "
        "`\\sqrt{\\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\operatorname{mean}(x))^2}` or with "
        "`\\frac{1}{n - 1}`",
    ),
}

_RELATIONS = {"=", "<", ">", r"\le", r"\ge", r"\ne"}

_TRANSPOSE = {r"\top", "T", r"\mathsf{T}", r"\mathrm{T}", r"\intercal", r"\texttt{T}"}

_SEPARATORS = {",", ";", "|", r"\mid", r"\parallel"}

_ELEMENTWISE = {
    "softplus",
    "logit",
    "exp_entrywise",
    "log",
    "ln",
    "heaviside",
    "Heaviside",
    *F.BY_SPELLING,
    *(w.lower() for w in F.BY_SPELLING),
}

_MARK_TOP = sympy.Symbol("__derivax_transpose__")

_MARK_T = sympy.Symbol(
    "__derivax_transpose_T__"
)  # ^T: a transpose of an array, a power of a scalar

_MARK_DOT = sympy.Symbol("__derivax_cdot__")  # x \cdot y: of two vectors, the dot product
_MARK_CROSS = sympy.Symbol("__derivax_times__")  # x \times y: of two vectors, the cross product
_MARK_ODOT = sympy.Symbol("__derivax_hadamard__")
_MARK_HPOW = sympy.Symbol("__derivax_hadamard_power__")  # A^{\circ p}: the entrywise power p

_MARK_RANGE = "__derivax_range__"
_MARK_EXCLUDE = "__derivax_exclude__"  # k \ne i under a sum, carried by its own lower limit

_MARK_IDENTITY = "__derivax_identity__"

#: undeclared names read as the identity matrix where they meet a matrix
_IDENTITY_NAMES = frozenset({"I", r"\mathbb{I}"})

#: a function written without parentheses takes the factors up to the next of these (another
#: function written without parentheses starts a factor of its own: \sin x \cos x)
_RUN_STOPS = frozenset(
    {
        r"\log",
        r"\ln",
        r"\exp",
        r"\mid",
        r"\sin",
        r"\cos",
        r"\tan",
        r"\sinh",
        r"\cosh",
        r"\tanh",
        r"\det",
        r"\arcsin",
        r"\arccos",
        r"\arctan",
    }
)

_ARG_WORDS = frozenset({"argmax", "argmin", "arg\\max", "arg\\min"})

_TERM_BREAKS = frozenset({"+", "-", ",", "&", r"\\", *_RELATIONS})

_HADAMARD = frozenset({r"\odot", r"\circ"})

#: the products read operand by operand, binding less tightly than juxtaposition
_OPERAND_PRODUCTS = frozenset({*_HADAMARD, r"\otimes", r"\oslash"})

#: an undeclared ``K`` subscripted by two sizes (``K_{m,n}``) is the commutation matrix; the
#: renderer writes ``\mathcal{K}_{m,n}`` when the table declares ``K``
_COMMUTATION_NAMES = frozenset({"K", r"\mathcal{K}"})


def as_scalar(m: MatrixExpr) -> sympy.Expr:
    """A 1 x 1 matrix expression (``w^\\top x``) as a scalar: its trace, which SymPy's matrix
    calculus differentiates (``(v^T v)[0, 0]`` would expand into a sum of entries)."""
    if isinstance(m, sympy.MatMul):
        coeff, matrices = m.as_coeff_matrices()
        return coeff * sympy.Trace(sympy.MatMul(*matrices))
    return sympy.Trace(m)


def numbers_out_of_traces(e: sympy.Basic) -> sympy.Basic:
    """``e`` with each trace of a product written with its numbers outside, those of its sums of
    matrices too (for SymPy's Min and Max only: elsewhere the form is kept as read)."""
    return e.replace(
        lambda x: isinstance(x, sympy.Trace) and isinstance(x.arg, sympy.MatMul),
        _pulled_trace,
    )


def _pulled_trace(t: sympy.Trace) -> sympy.Expr:
    coeff, matrices = t.arg.as_coeff_matrices()
    pulled = [_common_factor(f) for f in matrices]
    for c, _ in pulled:
        coeff *= c
    return coeff * sympy.Trace(sympy.MatMul(*[f for _, f in pulled]))


def _common_factor(f: MatrixExpr) -> tuple[sympy.Expr, MatrixExpr]:
    """A sum of matrices whose terms share a number (``-x^T/2 + y^T/2``, from ``-\\frac{1}{2}
    (x - y)^\\top``) as that number times the sum of the rest; SymPy's Min and Max fail on the
    distributed form inside a trace ("Mix of Matrix and Scalar symbols")."""
    if not isinstance(f, sympy.MatAdd):
        return sympy.S.One, f
    coeffs = [
        t.as_coeff_matrices()[0] if isinstance(t, sympy.MatMul) else sympy.S.One for t in f.args
    ]
    c = coeffs[0]
    if not c.is_Rational or c == 1 or not all((k / c).is_Integer for k in coeffs):
        return sympy.S.One, f
    return c, sympy.MatAdd(*[t / c for t in f.args]).doit()


def elementwise(f, m: MatrixExpr) -> MatrixExpr:
    """``f`` applied to each entry of ``m`` (``\\sigma(z)`` for a vector ``z``)."""
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    if not isinstance(f, sympy.Lambda):
        x = sympy.Dummy("x", real=True)
        f = sympy.Lambda(x, f(x))
    return ElementwiseApplyFunction(f, m)


@dataclass
class _Piece:
    text: str
    pos: int


__all__ = [
    "_ARG_WORDS",
    "_COMMUTATION_NAMES",
    "_ELEMENTWISE",
    "_FUNCTION_WORDS",
    "_HADAMARD",
    "_IDENTITY_NAMES",
    "_MARK_CROSS",
    "_MARK_DOT",
    "_MARK_HPOW",
    "_MARK_IDENTITY",
    "_MARK_ODOT",
    "_MARK_RANGE",
    "_MARK_T",
    "_MARK_TOP",
    "_OPERAND_PRODUCTS",
    "_PASS",
    "_RELATIONS",
    "_RESERVED_WORDS",
    "_RUN_STOPS",
    "_SEPARATORS",
    "_STANDARD_UNREAD",
    "_TERM_BREAKS",
    "_TOP_K",
    "_TOP_K_INSTEAD",
    "_TRANSPOSE",
    "_UNSUPPORTED",
    "_WORDS_INSTEAD",
    "_Piece",
    "as_scalar",
    "elementwise",
]
