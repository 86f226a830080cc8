"""The table of named functions (derivax/_functions.py) drives reading, rendering, compiling,
evaluating and differentiating: every entry is walked here and every stage must agree with an
independent oracle (mpmath at 30 digits through SymPy's evalf). Adding a function is one table
entry; this test then covers it.

Float64 throughout (conftest.py turns on JAX's x64 mode)."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy

import derivax as dx
from derivax import _functions as F
from derivax._errors import DerivationError

#: functions whose derivative is 0 or undefined everywhere it matters (steps, kinks): derivax
#: gives their almost-everywhere derivative or refuses with a DerivationError
NOT_SMOOTH = {"floor", "ceil", "round", "sign", "relu", "abs"}


def _latex(entry: F.NamedFunction, spelling: str) -> str:
    if entry.nargs == 3:
        return rf"\operatorname{{{spelling}}}(x, a, b)"
    if entry.nargs == 2:
        return (
            rf"\operatorname{{{spelling}}}(a, x)" if entry.name != "binomial" else r"\binom{a}{x}"
        )
    return rf"\operatorname{{{spelling}}}(x)"


def _points(entry: F.NamedFunction) -> list[float]:
    lo, hi = entry.domain
    return [lo + (hi - lo) * t for t in (0.13, 0.5, 0.91)]


def _oracle(entry: F.NamedFunction, args: list[float]) -> float:
    """The function's value from SymPy's own class, evaluated by mpmath at 30 digits."""
    exact = entry.sympy(*[sympy.Float(a, 30) for a in args])
    return float(exact.evalf(30))


CASES = [
    (entry, spelling)
    for entry in F.TABLE
    for spelling in entry.spellings
    if not (entry.name == "binomial" and spelling != "binom")
]


@pytest.mark.parametrize("entry, spelling", CASES, ids=[f"{e.name}-{s}" for e, s in CASES])
def test_every_spelling_reads_to_the_entry(entry, spelling):
    latex = _latex(entry, spelling)
    expr = dx.parse(latex)
    x, a = sympy.Symbol("x", real=True), sympy.Symbol("a", real=True)
    b = sympy.Symbol("b", real=True)
    want = entry.sympy(*{1: (x,), 2: (a, x), 3: (x, a, b)}[entry.nargs])
    assert expr == want, (latex, expr)


@pytest.mark.parametrize("entry", F.TABLE, ids=[e.name for e in F.TABLE])
def test_read_render_compile_evaluate_agree(entry):
    latex = _latex(entry, entry.spellings[0])
    expr = dx.parse(latex)
    rendered = dx.to_latex(expr)
    assert dx.parse(rendered) == expr, rendered  # the printed form reads back
    f = dx.compile(latex)
    for x in _points(entry):
        args = [3.0, x] if entry.nargs == 2 else [x]
        if entry.name == "polygamma":
            args = [1.0, x]
        if entry.name == "binomial":
            args = [x + 3.0, x]
        names = ["a", "x"] if entry.nargs == 2 else ["x"]
        if entry.nargs == 3:  # bounds that leave x below, inside and above them
            args, names = [x, -0.5, 0.5], ["x", "a", "b"]
        want = (
            _oracle(entry, [int(args[0]) if entry.name == "polygamma" else args[0], *args[1:]])
            if entry.nargs == 2
            else _oracle(entry, args)
        )
        values = dict(zip(names, args, strict=True))
        assert float(f(**values)) == pytest.approx(want, rel=1e-9, abs=1e-12), (entry.name, args)
        assert float(dx.evaluate(latex, values)) == pytest.approx(want, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "entry", [e for e in F.TABLE if e.nargs == 1], ids=[e.name for e in F.TABLE if e.nargs == 1]
)
def test_derivative_matches_a_high_precision_difference(entry):
    latex = _latex(entry, entry.spellings[0])
    try:
        g = dx.grad(latex, "x")
    except DerivationError:
        assert entry.name in NOT_SMOOTH, f"{entry.name} has a derivative derivax should give"
        return
    x = sympy.Symbol("x", real=True)
    # the oracle: mpmath's numerical differentiation of the function itself, at 30 digits
    f = sympy.lambdify(x, entry.sympy(x), "mpmath")
    for point in _points(entry):
        got = float(g.subs(x, sympy.Float(point, 30)).evalf(30))
        with mpmath.workdps(30):
            want = float(mpmath.diff(f, mpmath.mpf(point)))
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12), (entry.name, point)


def test_the_table_has_one_entry_per_spelling_and_class():
    spellings = [s for e in F.TABLE for s in e.spellings]
    assert len(spellings) == len(set(spellings))
    assert len({e.sympy for e in F.TABLE}) == len(F.TABLE)


def test_compiled_source_names_the_jax_function_of_each_entry():
    for entry in F.TABLE:
        if "{" in entry.jax or entry.name in ("exp",):
            continue
        latex = _latex(entry, entry.spellings[0])
        if type(dx.parse(latex)) is not entry.sympy:  # digamma(x) is built as polygamma(0, x)
            continue
        f = dx.compile(latex)
        if entry.nargs == 1 and entry.name not in ("sigmoid",):
            assert entry.jax in f.source or "jax.nn" in f.source, (entry.name, f.source)


def test_a_function_of_a_vector_applies_to_each_entry():
    v = np.array([0.2, 0.5, 0.7])
    for entry in F.TABLE:
        if entry.nargs != 1:
            continue
        lo, hi = entry.domain
        x = lo + (hi - lo) * v
        got = np.ravel(
            dx.evaluate(rf"\operatorname{{{entry.spellings[0]}}}(v)", {"v": x}, "v: vector[n]")
        )
        want = [_oracle(entry, [t]) for t in x]
        assert np.allclose(got, want, rtol=1e-9, atol=1e-12), entry.name


@pytest.mark.parametrize("module", ["numpy", "mpmath", "jax"])
def test_sympy_lambdify_accepts_derivax_functions(module):
    x = sympy.Symbol("x", real=True)
    expr = dx.grad(r"\log(1 + e^{x}) + \operatorname{ReLU}(x)", "x")  # sigmoid(x) + Heaviside
    f = sympy.lambdify(x, F.sigmoid(x) + F.relu(x), module)
    for t in (-1.5, 0.3, 2.0):
        assert float(f(t)) == pytest.approx(1 / (1 + np.exp(-t)) + max(0.0, t), rel=1e-12)
    assert expr.has(F.sigmoid)


def _lambdify_value(expr, args, values, module):
    """``expr`` through sympy.lambdify with ``module``, called on numpy (mpmath: mpmath) values."""
    import mpmath

    f = sympy.lambdify(args, expr, module)
    if module == "mpmath":
        values = [mpmath.matrix(v.tolist()) if np.ndim(v) == 2 else v for v in values]
    out = f(*values)
    if module == "mpmath" and isinstance(out, mpmath.matrix):
        out = out.tolist()
    return np.asarray(out, dtype=float)


@pytest.mark.parametrize("module", ["numpy", "mpmath", "jax"])
def test_lambdify_prints_every_derivax_class_a_result_can_hold(module):
    # oracles written from the definitions with NumPy, independent of derivax's printers
    z = np.array([[0.5], [-1.0], [2.0]])
    A = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]])
    cases = [
        (r"\operatorname{softmax}(z)", "z: vector[n]", {"z": z}, np.exp(z) / np.exp(z).sum()),
        (
            r"\operatorname{softmax}(Z)",
            "Z: matrix[m, n]",
            {"Z": A},
            np.exp(A) / np.exp(A).sum(axis=1, keepdims=True),  # each row
        ),
        (r"\|A\|_2", "A: matrix[m, n]", {"A": A}, np.linalg.svd(A, compute_uv=False)[0]),
        (r"\operatorname{logsumexp}(z)", "z: vector[n]", {"z": z, "n": 3}, np.log(np.exp(z).sum())),
        (r"\sigma(x) + \operatorname{ReLU}(x - 1)", None, {"x": 0.3}, 1 / (1 + np.exp(-0.3))),
        (r"\operatorname{softplus}(x)", None, {"x": -2.0}, np.log1p(np.exp(-2.0))),
        (r"\log \sigma(x)", None, {"x": 1.5}, -np.log1p(np.exp(-1.5))),
    ]
    for latex, symbols, values, want in cases:
        expr = dx.parse(latex, symbols)
        named = {str(s): s for s in expr.atoms(sympy.MatrixSymbol) | expr.free_symbols}
        args = [named[k] for k in values]
        got = _lambdify_value(expr, args, list(values.values()), module)
        assert np.allclose(got.ravel(), np.ravel(want), rtol=1e-6), (latex, module, got, want)


@pytest.mark.parametrize("module", ["numpy", "mpmath", "jax"])
def test_lambdify_of_an_index_max_and_min(module):
    for latex, want in [
        (r"\max_{i=1}^{n} (x - i)^2", max((0.5 - i) ** 2 for i in (1, 2, 3))),
        (r"\min_{i=1}^{n} (x - i)^2", min((0.5 - i) ** 2 for i in (1, 2, 3))),
    ]:
        expr = dx.parse(latex, "n: dim")
        f = sympy.lambdify(sorted(expr.free_symbols, key=str), expr, module)
        assert float(f(3, 0.5)) == pytest.approx(want), (latex, module)
        # the range's ends are both included, and n = 1 is one term
        assert float(f(1, 0.5)) == pytest.approx(0.25), (latex, module)
