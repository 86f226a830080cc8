"""The ML functions derivax knows by name, as SymPy objects shared by every stage.

``sigmoid`` and ``relu`` are scalar functions that SymPy can differentiate; ``softmax`` is
vector-valued (its entries are ``Indexed(IndexedBase(softmax(z)), k)``); ``Given`` is the
argument of a conditional probability, ``P(Given(A, B))`` for ``P(A \\mid B)``; ``argmax`` and
``argmin`` hold an objective and the variable it is optimized over.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.core.logic import fuzzy_and
from sympy.core.sympify import _sympify  # strict: SymPy objects and numbers, never text

from ._call import call as call
from ._matrix_exp import ShapedLikeArgument, explicit_argument


class sigmoid(sympy.Function):
    """The logistic sigmoid ``1 / (1 + e^{-x})``."""

    nargs = 1
    is_real = True

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sympy.exp(-x))

    def _latex(self, printer, exp=None):
        return call(r"\sigma", printer._print(self.args[0]), exp)

    # SymPy's code printers (lambdify with the numpy, jax and mpmath modules)
    def _numpycode(self, printer):
        return f"1/(1 + {printer._module_format(printer._module + '.exp')}(-({printer._print(self.args[0])})))"

    def _jaxcode(self, printer):
        return f"jax.nn.sigmoid({printer._print(self.args[0])})"

    def _mpmathcode(self, printer):
        return f"1/(1 + {printer._module_format('mpmath.exp')}(-({printer._print(self.args[0])})))"


class Abs(sympy.Abs):
    """(Named ``Abs`` so that every SymPy printer prints it as ``Abs``: printers treat a renamed
    subclass of a known function as an unknown one.) ``|x|`` where SymPy's ``Abs`` cannot be built: its simplification (``signsimp``) rewrites a
    difference of matrices inside the argument (``|w^T (z - c)|``, ``|\\det(a I - u v^T)|``) into a
    product SymPy's ``MatMul`` refuses. The same function (derivative, printing, evaluation), left
    unevaluated when that simplification fails."""

    @classmethod
    def eval(cls, arg):
        try:
            return super().eval(arg)
        except (NotImplementedError, TypeError):  # "noncommutative scalars in MatMul", "input to
            # Trace ... is not a matrix": the rebuilt difference of matrices
            return None

    def _eval_derivative(self, x):
        # SymPy's own rebuilds an ``Abs`` of the argument, which is what fails here; derivax's
        # matrices and scalars are real, where d|u| = sign(u) du
        return sympy.Derivative(self.args[0], x, evaluate=True) * sympy.sign(self.args[0])


def absolute(x):
    """``|x|``: SymPy's ``Abs``, or derivax's ``Abs`` where SymPy cannot build it."""
    try:
        return sympy.Abs(x)
    except (NotImplementedError, TypeError):
        return Abs(x)


class relu(sympy.Function):
    """The rectified linear unit ``max(0, x)``."""

    nargs = 1
    is_real = True

    def fdiff(self, argindex=1):
        return sympy.Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return sympy.Max(0, x)

    def _eval_evalf(self, prec):
        return sympy.Max(0, self.args[0])._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        return call(r"\operatorname{ReLU}", printer._print(self.args[0]), exp)

    def _numpycode(self, printer):
        return f"{printer._module_format(printer._module + '.maximum')}(0, {printer._print(self.args[0])})"

    def _jaxcode(self, printer):
        return f"jax.nn.relu({printer._print(self.args[0])})"

    def _mpmathcode(self, printer):
        x = printer._print(self.args[0])
        return f"max(0, {x})"


class softmax(sympy.Function):
    """Softmax of a vector (or of each row of a matrix); entries are taken with ``Indexed``."""

    nargs = 1

    def _latex(self, printer, exp=None):
        return call(r"\operatorname{softmax}", printer._print(self.args[0]), exp)

    # lambdify: the whole softmax, taken along the vector (each row of a matrix)
    def _numpycode(self, printer):
        return _softmax_numpy(printer, self.args[0])

    def _jaxcode(self, printer):
        return _softmax_jax(printer, self.args[0])

    def _mpmathcode(self, printer):
        return _softmax_mpmath(printer, self.args[0])


#: a column vector as a row (softmax along it), a matrix as it is (softmax of each row)
_ROWS = "(_a.T if _a.ndim == 2 and _a.shape[1] == 1 else _a)"


def _softmax_numpy(printer, arg) -> str:
    np_ = printer._module_format(printer._module)
    return (
        f"(lambda _a: (lambda _e: (_e / _e.sum(axis=-1, keepdims=True)).reshape(_a.shape))"
        f"({np_}.exp({_ROWS} - {np_}.max({_ROWS}, axis=-1, keepdims=True))))"
        f"({np_}.asarray({printer._print(arg)}))"
    )


def _softmax_jax(printer, arg) -> str:
    return f"(lambda _a: jax.nn.softmax({_ROWS}, axis=-1).reshape(_a.shape))({printer._print(arg)})"


def _softmax_mpmath(printer, arg) -> str:
    matrix, exp, fsum = (printer._module_format(f"mpmath.{f}") for f in ("matrix", "exp", "fsum"))
    a = printer._print(arg)
    # each row of a matrix; a column vector (one entry per row) as a whole
    rows = (
        "([[_m[i, j] for i in range(_m.rows)] for j in range(_m.cols)] if _m.cols == 1 else "
        "[[_m[i, j] for j in range(_m.cols)] for i in range(_m.rows)])"
    )
    soft = f"[[{exp}(_t) / {fsum}({exp}(_s) for _s in _r) for _t in _r] for _r in {rows}]"
    return (
        f"(lambda _m: (lambda _o: _o.T if _m.cols == 1 else _o)({matrix}({soft})))({matrix}({a}))"
    )


def logit(y):
    """The inverse of the sigmoid, ``\\sigma^{-1}(y) = \\log(y / (1 - y))`` for ``0 < y < 1``;
    ``logit(sigmoid(z))`` is ``z`` (every real z: the sigmoid is one to one onto (0, 1))."""
    if isinstance(y, sigmoid):
        return y.args[0]
    return sympy.log(y / (1 - y))


class FunctionInverse(AppliedUndef):
    """An application of the inverse of an unspecified function, ``f^{-1}(y)``: the class of one
    inverse is made by ``inverse_function(f)`` and holds ``f`` as ``inverse_of``. Writing
    ``f^{-1}`` asserts that ``f`` is invertible (one to one on the values it is applied to, and
    ``y`` in its range); under that condition ``f^{-1}(f(x))`` is ``x`` (reduced here, when the
    expression is built) and ``f(f^{-1}(y))`` is ``y`` (reduced by the reader, which builds the
    application of ``f``). Its derivative is ``1 / f'(f^{-1}(y))``."""

    inverse_of: type[AppliedUndef]

    @classmethod
    def eval(cls, *args):
        if len(args) == 1 and isinstance(args[0], AppliedUndef):
            inner = args[0]
            if inner.func == cls.inverse_of and len(inner.args) == 1:
                return inner.args[0]
        return None

    def fdiff(self, argindex=1):
        u = sympy.Dummy("u", real=True)
        slope = sympy.diff(self.inverse_of(u), u).subs(u, self)
        return 1 / slope


def inverse_function(f: type[AppliedUndef]) -> type[FunctionInverse]:
    """The inverse of the unspecified function ``f`` (declared ``f: function``), a function class
    named ``f^{-1}`` (its applications print as ``f^{-1}(y)``, which reads back the same).

    >>> f = sympy.Function("f", real=True)
    >>> x = sympy.Symbol("x", real=True)
    >>> inverse_function(f)(f(x))
    x
    """
    name = f"{f.__name__}^{{-1}}"
    return sympy.Function(name, bases=(FunctionInverse,), real=True, inverse_of=f)


def apply_function(f: type[AppliedUndef], *args: sympy.Basic) -> sympy.Basic:
    """``f(args)``, with ``f(f^{-1}(y))`` reduced to ``y`` (writing ``f^{-1}`` asserts that ``f``
    is invertible and ``y`` is in its range)."""
    if len(args) == 1 and isinstance(args[0], FunctionInverse) and args[0].inverse_of == f:
        return args[0].args[0]
    return f(*args)


class Given(sympy.Function):
    """``Given(A, B, ...)``: the event ``A`` conditioned on ``B, ...`` inside a probability."""

    def _latex(self, printer, exp=None):
        event, *cond = (printer._print(a) for a in self.args)
        return rf"{event} \mid {', '.join(cond)}"


class normal_quantile(sympy.Function):
    """The standard normal quantile ``\\Phi^{-1}(p) = \\sqrt{2} \\operatorname{erf}^{-1}(2p - 1)``
    (the probit; randomized smoothing's certified radius). Compiled to ``ndtri``, finite and
    accurate down to p = 1e-300, where ``2p - 1`` rounds to -1 and the erfinv form is -inf.
    Real on (0, 1); its derivative is ``1 / \\phi(\\Phi^{-1}(p))``."""

    nargs = 1

    @classmethod
    def eval(cls, p):
        if p == sympy.S.Half:
            return sympy.S.Zero
        if p == 0:
            return -sympy.oo
        if p == 1:
            return sympy.oo
        return None

    def _eval_is_real(self):
        p = self.args[0]
        return fuzzy_and([p.is_positive, (1 - p).is_positive]) or None

    def fdiff(self, argindex=1):
        return sympy.sqrt(2 * sympy.pi) * sympy.exp(self**2 / 2)

    def _eval_rewrite_as_erfinv(self, p, **kwargs):
        return sympy.sqrt(2) * sympy.erfinv(2 * p - 1)

    def _eval_evalf(self, prec):
        import mpmath

        digits = mpmath.libmp.prec_to_dps(prec) + 10
        rough = self.args[0].evalf(digits)
        if not rough.is_Number or not 0 < rough < 1:
            return None
        # 2p - 1 keeps the digits of a p near 0 (or 1 - p near 0) only with as many more
        # digits as it is small: p itself is evaluated with those too
        tail = min(rough, 1 - rough)
        more = int(-sympy.log(tail, 10).evalf(15)) + 5 if tail > 0 else digits
        p = self.args[0].evalf(digits + more)
        with mpmath.workdps(digits + more):
            value = mpmath.sqrt(2) * mpmath.erfinv(2 * mpmath.mpf(p) - 1)
        return sympy.Float(value, precision=prec)

    # SymPy's code printers (lambdify with the mpmath and jax modules)
    def _mpmathcode(self, printer):
        p = printer._print(self.args[0])
        sqrt, erfinv = (printer._module_format(f"mpmath.{f}") for f in ("sqrt", "erfinv"))
        return f"{sqrt}(2)*{erfinv}(2*({p}) - 1)"

    def _jaxcode(self, printer):
        return f"jax.scipy.special.ndtri({printer._print(self.args[0])})"

    def _latex(self, printer, exp=None):
        text = call(r"\Phi^{-1}", printer._print(self.args[0]), None)
        return text if exp is None else rf"\left({text}\right)^{{{exp}}}"


class round_nearest(sympy.Function):
    """The nearest whole number, ties to the even one (``\\lfloor x \\rceil``,
    ``\\operatorname{round}(x)``, a quantizer's rounding), as NumPy, JAX and mpmath round."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_integer:
            return x
        if x.is_Rational or x.is_Float:
            return sympy.Integer(round(x))  # Python's round: ties to even
        return None

    def _eval_is_integer(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        import mpmath

        x = self.args[0].evalf(prec)
        if not x.is_Number:
            return None
        with mpmath.workprec(prec):
            return sympy.Float(mpmath.nint(mpmath.mpf(x)), precision=prec)

    def _latex(self, printer, exp=None):
        text = rf"\left\lfloor {printer._print(self.args[0])} \right\rceil"
        return text if exp is None else rf"{text}^{{{exp}}}"


class argmax(sympy.Function):
    """``argmax(objective, variable)``: the value of ``variable`` that maximizes ``objective``."""

    nargs = 2

    def _latex(self, printer, exp=None):
        f, v = (printer._print(a) for a in self.args)
        return rf"\operatorname*{{arg\,max}}_{{{v}}} {f}"


class argmin(sympy.Function):
    """``argmin(objective, variable)``."""

    nargs = 2

    def _latex(self, printer, exp=None):
        f, v = (printer._print(a) for a in self.args)
        return rf"\operatorname*{{arg\,min}}_{{{v}}} {f}"


class Softmax(ShapedLikeArgument):
    """Softmax of a column vector, or of each row of a matrix (attention weights)."""

    def __new__(cls, arg):
        return sympy.Basic.__new__(cls, _sympify(arg) if not isinstance(arg, sympy.Basic) else arg)

    def doit(self, **hints):
        """For an explicit matrix, the softmax of each row (of the column, for a vector)."""
        arg = explicit_argument(self.arg, hints)
        if not isinstance(arg, sympy.MatrixBase):
            return Softmax(arg)
        m = arg.T if arg.cols == 1 else arg
        rows = []
        for r in range(m.rows):
            e = [sympy.exp(x) for x in m.row(r)]
            total = sum(e)
            rows.append([x / total for x in e])
        out = sympy.ImmutableMatrix(rows)
        return out.T if arg.cols == 1 else out

    def _latex(self, printer, exp=None):
        return call(r"\operatorname{softmax}", printer._print(self.arg), exp)

    def _numpycode(self, printer):
        return _softmax_numpy(printer, self.arg)

    def _jaxcode(self, printer):
        return _softmax_jax(printer, self.arg)

    def _mpmathcode(self, printer):
        return _softmax_mpmath(printer, self.arg)


from dataclasses import dataclass  # noqa: E402

from ._calculus_nodes import DERIVATIVE_NODES as DERIVATIVE_NODES  # noqa: E402
from ._calculus_nodes import Definite as Definite  # noqa: E402
from ._calculus_nodes import Gradient as Gradient  # noqa: E402
from ._calculus_nodes import Hessian as Hessian  # noqa: E402
from ._calculus_nodes import Jacobian as Jacobian  # noqa: E402
from ._calculus_nodes import Opaque as Opaque  # noqa: E402
from ._calculus_nodes import OpaqueMatrix as OpaqueMatrix  # noqa: E402
from ._calculus_nodes import Proportional as Proportional  # noqa: E402
from ._calculus_nodes import TransposedGradient as TransposedGradient  # noqa: E402
from ._calculus_nodes import UnsaidJacobian as UnsaidJacobian  # noqa: E402
from ._calculus_nodes import opaque_in as opaque_in  # noqa: E402
from ._calculus_nodes import real_letters as real_letters  # noqa: E402
from ._extrema import Excluded as Excluded  # noqa: E402
from ._extrema import IndexMax as IndexMax  # noqa: E402
from ._extrema import IndexMin as IndexMin  # noqa: E402
from ._extrema import Kept as Kept  # noqa: E402
from ._extrema import OrderStatistic as OrderStatistic  # noqa: E402
from ._matrix_exp import EXPM_GUARD_DIGITS as EXPM_GUARD_DIGITS  # noqa: E402
from ._matrix_exp import ExpmEntry as ExpmEntry  # noqa: E402
from ._matrix_exp import MatrixExp as MatrixExp  # noqa: E402
from ._matrix_norms import nuclear_norm as nuclear_norm  # noqa: E402
from ._matrix_norms import spectral_norm as spectral_norm  # noqa: E402
from ._piecewise import clip as clip  # noqa: E402

# -- the table of named scalar functions ----------------------------------------------------------
# One entry per function a formula may name: how it is spelled in LaTeX, the SymPy class it reads
# to (SymPy differentiates it and prints it), the JAX function it compiles and evaluates to, and
# whether it needs more than one argument. Reading, compiling, evaluating and rendering all read
# this table; tests/test_functions.py walks it and checks that every stage agrees.


@dataclass(frozen=True)
class NamedFunction:
    """One named function: ``spellings`` are the words after ``\\``, ``\\operatorname{...}`` or
    ``\\mathrm{...}`` that name it; ``jax`` is the dotted name of its JAX implementation."""

    name: str
    spellings: tuple[str, ...]
    sympy: type
    jax: str
    nargs: int = 1
    #: sample points for the tests: inside the domain and away from kinks
    domain: tuple[float, float] = (-2.0, 2.0)


#: the logistic sigmoid with a gradient that stays right where it saturates: JAX's own
#: (``jax.nn.sigmoid``) differentiates to s (1 - s), 0 in float64 from x = 37 where the exact
#: sigma(x) sigma(-x) is 8.5e-17 (and representable down to 1e-308). Here e = exp(-|x|) <= 1 never
#: overflows, sigma is e / (1 + e) below 0 and 1 / (1 + e) above, and its derivative through
#: exp is e / (1 + e)^2 to a few ulps (the derivative of |x| at 0 is 1 in JAX, so sigma'(0) = 1/4)
SIGMOID_JAX = "jnp.where({0} < 0, jnp.exp(-jnp.abs({0})), 1.0) / (1.0 + jnp.exp(-jnp.abs({0})))"
#: tanh with a gradient that stays right where it saturates: JAX differentiates tanh to
#: 1 - tanh^2, 0 in float64 from x = 19.1 (at x = 20 the exact sech^2 is 1.7e-17). Below |x| = 0.5 it is
#: jnp.tanh (1 - tanh^2 loses nothing there); above, sign(x) (1 - 2 u / (1 + u)) with
#: u = exp(-2|x|) <= e^{-1}, whose derivative 4 u / (1 + u)^2 is exact to a few ulps (expm1's
#: derivative in JAX is expm1 + 1, which rounds to 0 just the same, so expm1 is not used there)
TANH_JAX = (
    "jnp.where(jnp.abs({0}) < 0.5, jnp.tanh({0}), jnp.sign({0}) * (1.0 - 2.0 * "
    "jnp.exp(-2.0 * jnp.abs({0})) / (1.0 + jnp.exp(-2.0 * jnp.abs({0})))))"
)
#: binom(n, k) = Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1)) with its sign: the exp of the
#: gammaln's is its absolute value (binom(-100.5, 3) came out positive). NaN where Gamma(n + 1) or
#: Gamma(n - k + 1) has a pole (n a negative integer), which this form cannot take the limit of; the
#: compiler emits the product (n/1) ((n - 1)/2) ... instead for a literal k from 0 to
#: ``BINOMIAL_PRODUCT_MAX``, exact for every real n
BINOMIAL_JAX = (
    "jax.scipy.special.gammasgn({0} + 1) * jax.scipy.special.gammasgn({1} + 1) * "
    "jax.scipy.special.gammasgn({0} - {1} + 1) * jnp.exp(jax.scipy.special.gammaln({0} + 1) - "
    "jax.scipy.special.gammaln({1} + 1) - jax.scipy.special.gammaln({0} - {1} + 1))"
)
BINOMIAL_PRODUCT_MAX = 20

from ._in_scale import ARCCOSH_JAX, ARCSINH_JAX, IN_SCALE, POLYGAMMA_JAX  # noqa: E402

TABLE: tuple[NamedFunction, ...] = (
    NamedFunction("exp", ("exp",), sympy.exp, "jnp.exp"),
    NamedFunction("sin", ("sin",), sympy.sin, "jnp.sin"),
    NamedFunction("cos", ("cos",), sympy.cos, "jnp.cos"),
    NamedFunction("tan", ("tan",), sympy.tan, "jnp.tan", domain=(-1.2, 1.2)),
    NamedFunction("sinh", ("sinh",), sympy.sinh, "jnp.sinh"),
    NamedFunction("cosh", ("cosh",), sympy.cosh, "jnp.cosh"),
    NamedFunction("tanh", ("tanh",), sympy.tanh, TANH_JAX),
    NamedFunction("arcsin", ("arcsin", "asin"), sympy.asin, "jnp.arcsin", domain=(-0.9, 0.9)),
    NamedFunction("arccos", ("arccos", "acos"), sympy.acos, "jnp.arccos", domain=(-0.9, 0.9)),
    NamedFunction("arctan", ("arctan", "atan"), sympy.atan, "jnp.arctan"),
    NamedFunction("arcsinh", ("arcsinh", "asinh", "arsinh"), sympy.asinh, ARCSINH_JAX),
    NamedFunction(
        "arccosh", ("arccosh", "acosh", "arcosh"), sympy.acosh, ARCCOSH_JAX, domain=(1.1, 3.0)
    ),
    NamedFunction(
        "arctanh", ("arctanh", "atanh", "artanh"), sympy.atanh, "jnp.arctanh", domain=(-0.9, 0.9)
    ),
    NamedFunction("floor", ("floor",), sympy.floor, "jnp.floor", domain=(0.1, 0.9)),
    NamedFunction("ceil", ("ceil",), sympy.ceiling, "jnp.ceil", domain=(0.1, 0.9)),
    NamedFunction("round", ("round", "rint"), round_nearest, "jnp.round", domain=(0.1, 0.4)),
    NamedFunction("erf", ("erf",), sympy.erf, "jax.scipy.special.erf"),
    NamedFunction("erfc", ("erfc",), sympy.erfc, "jax.scipy.special.erfc"),
    NamedFunction(
        "probit",
        ("probit", "ndtri"),
        normal_quantile,
        "jax.scipy.special.ndtri",
        domain=(0.05, 0.95),
    ),
    NamedFunction("gamma", ("Gamma",), sympy.gamma, "jax.scipy.special.gamma", domain=(0.5, 3.0)),
    NamedFunction(
        "loggamma",
        ("lgamma", "loggamma", "lnGamma", "logGamma"),
        sympy.loggamma,
        # gammaln is log|Gamma|: NaN where Gamma(x) < 0, where log Gamma(x) has no real value
        "jnp.where(({0} > 0) | (jnp.mod(jnp.floor({0}), 2) == 0), "
        "jax.scipy.special.gammaln({0}), jnp.nan)",
        domain=(0.5, 3.0),
    ),
    # SymPy writes digamma(x) as polygamma(0, x): the first reads, the second compiles
    NamedFunction(
        "digamma", ("digamma",), sympy.digamma, POLYGAMMA_JAX.format("0", "{0}"), domain=(0.5, 3.0)
    ),
    NamedFunction(
        "polygamma",
        ("polygamma",),
        sympy.polygamma,
        POLYGAMMA_JAX,
        nargs=2,
        domain=(0.5, 3.0),
    ),
    NamedFunction("sigmoid", ("sigmoid", "sigm"), sigmoid, SIGMOID_JAX),
    NamedFunction("relu", ("ReLU", "relu"), relu, "jax.nn.relu", domain=(0.1, 2.0)),
    # min(max(x, a), b), written out so that JAX's gradient is 1/2 at a tie, as clip.fdiff's
    NamedFunction(
        "clip", ("clip", "clamp"), clip, "jnp.minimum(jnp.maximum({0}, {1}), {2})", nargs=3
    ),
    NamedFunction("sign", ("sign", "sgn"), sympy.sign, "jnp.sign", domain=(0.1, 2.0)),
    NamedFunction("abs", ("abs",), sympy.Abs, "jnp.abs", domain=(0.1, 2.0)),
    NamedFunction(
        "factorial",
        ("factorial",),
        sympy.factorial,
        "jnp.exp(jax.scipy.special.gammaln({0} + 1))",
        domain=(0.5, 4.0),
    ),
    NamedFunction(
        "binomial",
        ("binom",),
        sympy.binomial,
        BINOMIAL_JAX,
        nargs=2,
        domain=(2.0, 6.0),
    ),
)

#: spelling -> entry (``arcsinh`` and ``asinh`` name one function)
BY_SPELLING: dict[str, NamedFunction] = {s: f for f in TABLE for s in f.spellings}
#: SymPy class -> entry
BY_CLASS: dict[type, NamedFunction] = {f.sympy: f for f in TABLE}


def jax_code(entry: NamedFunction, *args: str) -> str:
    """Python source applying the entry's JAX implementation to the argument sources ``args``."""
    if "{" in entry.jax:
        return entry.jax.format(*(f"({a})" for a in args))
    return f"{entry.jax}({', '.join(args)})"


def jax_callable(entry: NamedFunction):
    """The JAX implementation of a table entry, as a Python callable."""
    import jax
    import jax.numpy as jnp

    if entry.name == "factorial":
        return lambda x: jnp.exp(jax.scipy.special.gammaln(x + 1))
    if entry.name == "binomial":
        gammaln, sgn = jax.scipy.special.gammaln, jax.scipy.special.gammasgn
        return lambda n, k: (
            sgn(n + 1)
            * sgn(k + 1)
            * sgn(n - k + 1)
            * jnp.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))
        )
    if entry.name == "clip":
        return lambda x, a, b: jnp.minimum(jnp.maximum(x, a), b)
    if entry.name == "sigmoid":
        return lambda x: jnp.where(x < 0, jnp.exp(-jnp.abs(x)), 1.0) / (1.0 + jnp.exp(-jnp.abs(x)))
    if entry.name in IN_SCALE:
        return IN_SCALE[entry.name]
    if entry.name == "tanh":
        return lambda x: jnp.where(
            jnp.abs(x) < 0.5,
            jnp.tanh(x),
            jnp.sign(x)
            * (1.0 - 2.0 * jnp.exp(-2.0 * jnp.abs(x)) / (1.0 + jnp.exp(-2.0 * jnp.abs(x)))),
        )
    module, _, attr = entry.jax.rpartition(".")
    root = {"jnp": jnp, "jax.nn": jax.nn, "jax.scipy.special": jax.scipy.special}[module]
    return getattr(root, attr)
