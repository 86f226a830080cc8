"""The public functions, each a short walk down the pipeline: declare, parse, evaluate.

Text is read here, once (``_reading``): each function hands its stage the SymPy object and the
symbol table (with the text as written, for messages), and the command line calls these. A
claim is the exception: it goes to the verdict cache as written, and the verifier reads it at
its entry only when the cache does not answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._errors import CompileError, DerivationError, DerivaxError, ParseError, boundary
from .symbols import SymbolTable

if TYPE_CHECKING:
    import sympy


@boundary("parsing", ParseError)
def parse(latex: str, symbols: SymbolTable | str | None = None) -> sympy.Basic:
    r"""Parse LaTeX into a SymPy expression or relation, reading names through ``symbols``.

    >>> parse(r"\frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}", "z: vector[n]; j, k: index")
    exp(z[k])/Sum(exp(z[j]), (j, 1, n))
    """
    from .latex import parse as parse_latex

    return parse_latex(latex, SymbolTable.coerce(symbols))


@boundary("rendering", DerivaxError)
def to_latex(expr: sympy.Basic, symbols: SymbolTable | str | None = None) -> str:
    r"""Render a SymPy expression as LaTeX, keeping the names of the symbol table.

    >>> to_latex(parse(r"\hat{y}_i", "y_hat: vector[n]; i: index"))
    '\\hat{y}_{i}'
    """
    from ._reading import is_entry, read
    from .latex import to_latex as render

    if is_entry(expr) and symbols is None:
        return expr.to_latex()
    source = read(expr, symbols)
    return render(source.expr, source.table if symbols is not None else symbols)


def to_text(expr: sympy.Basic, symbols: SymbolTable | str | None = None) -> str:
    r"""A SymPy expression as readable math for a terminal (``σ(x)``, ``⊙``, ``xᵀ``, sums with
    their ranges): derivax's LaTeX of it (``to_latex``), read as Unicode text. SymPy's own
    ``print`` is left as it is; ``%load_ext derivax`` shows results this way in IPython.

    >>> table = r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]"
    >>> to_text(grad(r"\frac{1}{m}\|X\theta - y\|^2", r"\theta", table))
    '(2/m) Xᵀ (X θ - y)'
    """
    from ._text import latex_to_text

    return latex_to_text(to_latex(expr, symbols))


@boundary("evaluating", CompileError)
def evaluate(
    expr_or_latex: sympy.Basic | str,
    values: Mapping[str, Any],
    symbols: SymbolTable | str | None = None,
    define: Mapping[str, str] | None = None,
):
    r"""Evaluate an expression (or the right side of an equation) at named inputs, in float64.
    ``define`` gives the functions the expression leaves unspecified, in LaTeX. A ``Derivation``
    (``dx.derive``) is evaluated with its entries over the whole variable, shaped like it.

    >>> float(evaluate(r"\log(1 + e^{x})", {"x": 0.0}))
    0.6931471805599453
    >>> normal = {"p(x)": r"\frac{e^{-x^2/2}}{\sqrt{2\pi}}"}
    >>> round(float(evaluate(r"\mathbb{E}_{x \sim p}[x^2]", {}, define=normal)), 6)
    1.0
    """
    from ._catalog import evaluate_latex
    from ._derive import Derivation

    if isinstance(expr_or_latex, Derivation):
        # a derivative with its variable: its entries run over the variable's whole axes
        from ._catalog import evaluate_derivation

        return evaluate_derivation(expr_or_latex, values)
    from ._reading import is_entry, read

    if is_entry(expr_or_latex) and symbols is None:
        entry: Any = expr_or_latex
        return entry.evaluate(values, define)  # with its stored definitions
    source = read(expr_or_latex, symbols)
    return evaluate_latex(source.expr, source.table, values, define, source.text)


@boundary("compiling", CompileError)
def compile(
    expr_or_latex, args=None, symbols: SymbolTable | str | None = None, dtype=None, **options
):
    r"""Compile an expression (or the right side of an equation) into a jitted JAX function.

    >>> f = compile(r"\frac{1}{1 + e^{-x}}")
    >>> float(f(x=-1000.0)), f.args
    (0.0, ('x',))
    """
    from ._compile import compile as build
    from ._reading import read

    return build(read(expr_or_latex, symbols), args=args, dtype=dtype, **options)


@boundary("differentiating", DerivationError)
def grad(expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options) -> sympy.Basic:
    r"""The gradient, shaped like ``wrt``, cross-checked against ``jax.grad`` before it is returned.

    >>> grad(r"\frac{1}{1 + e^{-x}}", "x")
    (1 - sigmoid(x))*sigmoid(x)
    """
    from ._derive import grad as derive_grad
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return derive_grad(source, wrt, source.table, **options)


@boundary("differentiating", DerivationError)
def jacobian(
    expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options
) -> sympy.Basic:
    r"""The Jacobian of a vector-valued expression (index form or matrix form).

    >>> jacobian(r"W x + b", "x", "W: matrix[m, n]; x: vector[n]; b: vector[m]")
    W
    """
    from ._derive import jacobian as derive_jacobian
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return derive_jacobian(source, wrt, source.table, **options)


@boundary("differentiating", DerivationError)
def hessian(expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options) -> sympy.Basic:
    r"""The Hessian of a scalar expression.

    >>> hessian(r"\frac{1}{2} x^\top S x", "x", "x: vector[n]; S: spd[n]")
    S
    """
    from ._derive import hessian as derive_hessian
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return derive_hessian(source, wrt, source.table, **options)


@boundary("differentiating", DerivationError)
def derive(expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options):
    """A ``Derivation``: the derivative with its recorded steps and its cross-check."""
    from ._derive import derive as run
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return run(source, wrt, source.table, **options)


@boundary("checking", DerivaxError)
def check(
    claim,
    symbols: SymbolTable | str | None = None,
    given=(),
    timeout: float = 10.0,
    cache: bool = True,
):
    r"""A ``Verdict`` for a claim: proved (with steps), refuted (with a counterexample),
    plausible, unknown or timeout.

    A claim and givens written as text are answered from the verdict cache on disk when it holds
    their verdict for this code (``verdict.cached`` is then true); ``cache=False`` decides the
    claim afresh and stores nothing, as does ``DERIVAX_CACHE=off`` (``DERIVAX_CACHE=DIR`` moves
    the cache from ``$XDG_CACHE_HOME/derivax/verdicts``).

    >>> check(r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1", "z: vector[n]; k: index").status
    'proved'
    """
    from ._verify import check as run

    # the text goes to the verdict cache as written (a cached verdict needs no reading); the
    # verifier reads it at its entry (``_reading.read_claim``) only when it decides the claim
    return run(claim, symbols, () if given is None else given, timeout, cache=cache)


@boundary("plotting", DerivaxError)
def plot(expr_or_latex, symbols: SymbolTable | str | None = None, **options):
    r"""A matplotlib figure: a scalar function of one scalar with its derivative, of two scalars
    as contours with the gradient field, or a claim's two sides (their difference for two
    variables) with the counterexample marked when it is refuted. Needs the ``plot`` extra
    (``pip install "derivax[plot]"``); ``path="fig.png"`` (or ``.svg``, ``.pdf``) also writes it.

    >>> fig = plot(r"x^2 + y^2")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('x', 'y')
    """
    from ._plot import plot as draw
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return draw(source, source.table, **options)


@boundary("differentiating", DerivationError)
def jacobian_derivation(expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options):
    """A ``Derivation`` of a Jacobian (see ``jacobian``), for the command line."""
    from ._derive import jacobian_derivation as run
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return run(source, wrt, source.table, **options)


@boundary("differentiating", DerivationError)
def second_derivation(expr_or_latex, wrt, symbols: SymbolTable | str | None = None, **options):
    """A ``Derivation`` of a Hessian (see ``hessian``), for the command line."""
    from ._derive import second_derivation as run
    from ._reading import read

    source = read(expr_or_latex, symbols)
    return run(source, wrt, source.table, **options)


def catalog(path=None):
    """The built-in catalog of ML equations: a mapping from id to ``Equation``; with ``path`` (a
    directory of ``*.toml`` files, one file, or a list of them) the user's own equations too, whose
    ids must differ from every other loaded id.

    >>> catalog()["entropy"].area
    'information'
    """
    from ._catalog import catalog as load

    return load(path)


def load_catalog(path):
    """Only the user's own catalog at ``path`` (a directory of ``*.toml`` files, one file, or a list
    of them), in the format of ``equations/`` (``derivax/_catalog/schema.json``)."""
    from ._catalog import load_catalog as load

    return load(path)


def symbols(symbols: SymbolTable | str | None = None) -> SymbolTable:
    """The symbol table, whose ``symbol(name)`` gives the SymPy object a name reads to, so that
    SymPy's own tools can use derivax's results (``sympy.diff(e, dx.symbols().symbol("alpha"))``).

    >>> import sympy
    >>> e = parse(r"\\alpha^2")
    >>> sympy.diff(e, symbols().symbol("alpha"))
    2*\\alpha
    """
    return SymbolTable.coerce(symbols)
