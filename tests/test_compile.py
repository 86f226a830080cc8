"""Compilation to JAX: values equal SymPy's own evaluation, stable forms stay finite in float32,
vectorized code, shapes, vmap/grad, sharding and the standalone module.

Numeric comparisons run in float64 (conftest switches JAX's x64 mode on); the stability tests
run in float32 on purpose.
"""

import json
import os
import re
import subprocess
import sys
import textwrap

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy
from sympy.core.function import AppliedUndef

import derivax as dx
from derivax import CompileError, ShapeError
from derivax import _functions as F
from derivax._catalog._evaluate import free_indices, resolve_inputs
from derivax._derive._check import sample
from derivax.cli import main

CATALOG = dx.catalog()
#: equations with unspecified functions compile once their examples define them
NEEDS_DEFINITIONS = {"convolution", "maximum_likelihood"}


# -- SymPy's own value of an expression, as the independent reference -------------------------------
def sympy_value(expr, table, inputs, free, sizes=None):
    """Substitute sizes, arrays and scalars into ``expr`` and let SymPy evaluate it exactly."""
    dims = {}
    for key, value in inputs.items():
        if isinstance(key, str) and table.resolve(key) and table[key].shape:
            d = table[key]
            shape = np.shape(value)
            names = d.shape if d.kind not in ("spd", "symmetric") else (d.shape[0], d.shape[0])
            for name, size in zip(names, shape, strict=True):
                if not name.isdigit():
                    dims[table.dim(name)] = size

    def entries(key, value):
        return sympy.ImmutableMatrix(
            np.atleast_2d(np.asarray(value, float)).T
            if np.ndim(value) == 1
            else np.asarray(value, float)
        )

    def at(point):
        e = expr.subs(dims).subs(point)
        repl = {}
        for m in e.atoms(sympy.MatrixSymbol):
            repl[m] = entries(m.name, inputs[m.name])
        e = e.xreplace(repl)
        e = e.doit()
        repl = {}
        for ix in e.atoms(sympy.Indexed):
            label = ix.base.label
            if isinstance(label, sympy.Symbol):
                arr = np.asarray(inputs[label.name], float)
                repl[ix] = sympy.Float(arr[tuple(int(i) - 1 for i in ix.indices)], 30)
        for s in e.free_symbols:
            if isinstance(s, sympy.Symbol) and s.name in inputs and np.ndim(inputs[s.name]) == 0:
                repl[s] = sympy.Float(float(np.asarray(inputs[s.name])), 30)
        for a in e.atoms(AppliedUndef):
            if a in inputs:
                repl[a] = sympy.Float(float(inputs[a]), 30)
        e = e.xreplace(repl).doit()
        if isinstance(e, sympy.MatrixExpr) and not isinstance(e, sympy.MatrixBase):
            e = e.as_explicit()
        if isinstance(e, sympy.MatrixBase):
            e = e.evalf(30)
            return (
                np.array(e.tolist(), dtype=float).squeeze(axis=-1)
                if e.cols == 1
                else np.array(e.tolist(), float)
            )
        return float(sympy.N(e, 30))

    if not free:
        return np.asarray(at({}))
    ranges = list(sizes)
    out = np.empty(ranges)
    for pos in np.ndindex(*ranges):
        out[pos] = at({i: p + 1 for i, p in zip(free, pos, strict=True)})
    return out


def random_like(table, key, value, rng):
    """A random value with the shape of ``value`` from the domain ``key`` is declared on."""
    decl = table[key] if isinstance(key, str) and table.resolve(key) else None
    return sample(decl, np.shape(value), rng)


def call(cf, inputs):
    kwargs = {a.identifier: np.asarray(inputs[a.key], float) for a in cf.arguments}
    return np.asarray(cf(**kwargs))


@pytest.mark.parametrize("eq_id", list(CATALOG))
def test_catalog_equation_compiles_and_equals_sympy(eq_id):
    eq = CATALOG[eq_id]
    rng = np.random.default_rng(abs(hash(eq_id)) % 2**32)
    for ex in eq.examples:
        cf = eq.compile(define=ex.define)
        assert "for " not in cf.source and "while " not in cf.source
        inputs = resolve_inputs(eq.expression, eq.table, ex.set, eq_id)
        inputs = {k: v for k, v in inputs.items() if any(a.key == k for a in cf.arguments)}
        got = call(cf, inputs)
        np.testing.assert_allclose(got, np.asarray(ex.expect, float), rtol=1e-9, atol=1e-12)
        if ex.define:
            continue
        # and at random points of the declared domains, against SymPy's exact evaluation
        for _ in range(2):
            point = {k: random_like(eq.table, k, v, rng) for k, v in inputs.items()}
            got = call(cf, point)
            want = sympy_value(
                eq.definition, eq.table, point, list(free_indices(eq)), np.shape(got)
            )
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("eq_id", sorted(NEEDS_DEFINITIONS))
def test_unspecified_functions_must_be_defined_to_compile(eq_id):
    with pytest.raises(CompileError, match="unspecified function"):
        CATALOG[eq_id].compile()


def test_integrals_compile_to_quadrature():
    f = dx.compile(
        r"\int_{-\infty}^{\infty} e^{-x^2}\, dx + \int_0^1 t^2\, dt + \int_{1}^{\infty} e^{-s}\, ds"
    )
    assert float(f()) == pytest.approx(np.sqrt(np.pi) + 1 / 3 + np.exp(-1), rel=1e-10)
    g = dx.compile(r"\int_{0}^{a} x^2\, dx")
    assert float(g(a=3.0)) == pytest.approx(9.0, rel=1e-10)
    assert float(jax.grad(lambda a: g(a))(3.0)) == pytest.approx(9.0, rel=1e-8)


def test_arg_max_compiles_to_grid_and_newton():
    f = dx.compile(
        r"\operatorname*{arg\,max}_{\theta} \sum_{i=1}^{n} \left(x_i \log \theta + (1 - x_i) \log(1 - \theta)\right)",
        symbols=r"x: vector[n]; \theta: scalar, unit; i: index",
    )
    assert float(f([1.0, 0.0, 1.0, 1.0, 1.0])) == pytest.approx(0.8, abs=1e-12)
    g = dx.compile(
        r"\operatorname*{arg\,min}_{m} \sum_{i=1}^{n} (x_i - m)^2", symbols="x: vector[n]; i: index"
    )
    assert float(g([1.0, 2.0, 6.0])) == pytest.approx(3.0, abs=1e-10)


# -- numerical stability, float32 -------------------------------------------------------------------
F32 = jnp.float32


def test_cross_entropy_of_large_logits_is_finite_where_lambdify_overflows():
    latex = r"-\sum_{k=1}^{K} y_k \log \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}"
    f = dx.compile(latex, symbols="y: simplex[K]; z: vector[K]; j, k: index", dtype=F32)
    got = f(y=[0.0, 1.0], z=[1000.0, 0.0])
    assert got.dtype == jnp.float32
    assert float(got) == pytest.approx(1000.0)
    z, y = sympy.IndexedBase("z"), sympy.IndexedBase("y")
    j, k = sympy.symbols("j k", integer=True)
    naive = sympy.lambdify(
        [y, z],
        -sympy.Sum(
            y[k] * sympy.log(sympy.exp(z[k]) / sympy.Sum(sympy.exp(z[j]), (j, 0, 1))), (k, 0, 1)
        ),
        "numpy",
    )
    with np.errstate(all="ignore"):
        assert not np.isfinite(naive(np.array([0, 1], np.float32), np.array([1000, 0], np.float32)))


def test_log_sum_exp_of_large_equal_values():
    f = dx.compile(r"\log \sum_{j=1}^{n} e^{z_j}", symbols="z: vector[n]; j: index", dtype=F32)
    assert float(f([1e4, 1e4])) == pytest.approx(1e4 + np.log(2), rel=1e-6)
    z, j = sympy.IndexedBase("z"), sympy.Symbol("j", integer=True)
    naive = sympy.lambdify([z], sympy.log(sympy.Sum(sympy.exp(z[j]), (j, 0, 1))), "numpy")
    with np.errstate(all="ignore"):
        assert not np.isfinite(naive(np.array([1e4, 1e4], np.float32)))


def test_binary_cross_entropy_at_tiny_probability():
    eq = CATALOG["binary_cross_entropy"]
    f = eq.compile(dtype=F32)
    got = f(y=[1.0, 0.0], y_hat=[1e-30, 1e-30])
    want = (-np.log(1e-30) - np.log1p(-1e-30)) / 2
    assert np.isfinite(float(got)) and float(got) == pytest.approx(want, rel=1e-6)


def test_sigmoid_and_its_gradient_at_minus_1000():
    f = dx.compile(r"\frac{1}{1 + e^{-x}}", dtype=F32)
    assert float(f(-1000.0)) == 0.0
    g = jax.grad(lambda x: f(x))(jnp.float32(-1000.0))
    assert float(g) == 0.0
    x = sympy.Symbol("x")
    naive_grad = sympy.lambdify(x, sympy.diff(1 / (1 + sympy.exp(-x)), x), "numpy")
    with np.errstate(all="ignore"):
        assert np.isnan(naive_grad(np.float32(-1000.0)))


def test_entropy_with_a_zero_probability():
    f = CATALOG["entropy"].compile(dtype=F32)
    assert float(f([0.5, 0.5, 0.0])) == pytest.approx(np.log(2), rel=1e-6)
    p, i = sympy.IndexedBase("p"), sympy.Symbol("i", integer=True)
    naive = sympy.lambdify([p], -sympy.Sum(p[i] * sympy.log(p[i]), (i, 0, 2)), "numpy")
    with np.errstate(all="ignore"):
        assert np.isnan(naive(np.array([0.5, 0.5, 0.0], np.float32)))


@pytest.mark.parametrize(
    "latex, symbols, needle",
    [
        (r"\log(1 + e^{x})", "", "jax.nn.softplus"),
        (r"\log(1 + x)", "", "jnp.log1p"),
        (r"e^{x} - 1", "", "jnp.expm1"),
        (r"\log \sigma(x)", "", "jax.nn.log_sigmoid"),
        (r"\log(1 - \sigma(x))", "", "jax.nn.log_sigmoid(-"),
        # the sigmoid of the function table (its gradient stays right where it saturates)
        (r"1 - \sigma(x)", "", F.jax_code(F.BY_CLASS[F.sigmoid], "-(x)")),
        (r"\frac{e^{x}}{1 + e^{x}}", "", F.jax_code(F.BY_CLASS[F.sigmoid], "x")),
        (r"\frac{1}{1 + e^{-x}}", "", F.jax_code(F.BY_CLASS[F.sigmoid], "x")),
        (r"\log(1 - e^{-x})", "", "jnp.expm1"),
        (r"\log \det S", "S: spd[n]", "slogdet"),
        (r"(X^\top X)^{-1} X^\top y", "X: matrix[m, n]; y: vector[m]", "jnp.linalg.solve"),
        (r"\log \operatorname{softmax}(z)_k", "z: vector[n]; k: index", "log_softmax"),
        (r"(1 - y) \log(1 - p)", "", "xlog1py"),
    ],
)
def test_stable_forms_are_emitted(latex, symbols, needle):
    f = dx.compile(latex, symbols=symbols)
    assert needle in f.source
    assert "jnp.linalg.inv" not in f.source


def test_piecewise_gradient_stays_finite():
    f = dx.compile(r"\begin{cases} \log x & x > 0 \\ 0 & \text{otherwise} \end{cases}")
    g = jax.grad(lambda x: f(x))
    assert float(g(-1.0)) == 0.0 and float(g(2.0)) == pytest.approx(0.5)
    h = dx.compile(r"\max(0, x)")
    assert float(jax.grad(lambda x: h(x))(3.0)) == 1.0


# -- vectorization ----------------------------------------------------------------------------------
def test_code_and_trace_do_not_grow_with_vector_length():
    f = CATALOG["softmax"].compile()
    small = jax.make_jaxpr(f._jitted)(jnp.zeros(10))
    large = jax.make_jaxpr(f._jitted)(jnp.zeros(100_000))
    assert len(small.eqns) == len(large.eqns)
    # the same program up to the sizes written in it
    assert re.sub(r"\d+", "N", str(small)) == re.sub(r"\d+", "N", str(large))


def test_products_over_indices_become_einsum():
    f = dx.compile(
        r"\sum_{j=1}^{n} W_{ij} x_j", symbols="W: matrix[m, n]; x: vector[n]; i, j: index"
    )
    assert "einsum" in f.source and f.output_indices == ("i",)
    W = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(f(W=W, x=[1.0, 2.0, 3.0]), W @ [1.0, 2.0, 3.0])


def test_shifted_indices_take_the_valid_range():
    eq = CATALOG["discrete_convolution"]
    f = eq.compile()
    x, w = np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([1.0, -1.0])
    got = f(x=x, w=w)
    np.testing.assert_allclose(got, np.correlate(x, w, mode="valid"))


# -- calling ----------------------------------------------------------------------------------------
def test_arguments_by_position_keyword_and_plain_name():
    f = dx.compile(
        r"\frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2",
        symbols=r"y, \hat{y}: vector[n]; i: index",
    )
    assert f.args == ("y", r"\hat{y}") and f.plain_args == ("y", "y_hat")
    a, b = [1.0, 2.0], [0.0, 4.0]
    want = ((1.0) ** 2 + (2.0) ** 2) / 2
    assert float(f(a, b)) == pytest.approx(want)
    assert float(f(y=a, y_hat=b)) == pytest.approx(want)
    assert float(f(**{"y": a, r"\hat{y}": b})) == pytest.approx(want)


def test_shape_errors_name_the_argument():
    f = dx.compile(r"W x + b", symbols="W: matrix[m, n]; x: vector[n]; b: vector[m]")
    with pytest.raises(ShapeError, match=r"argument `x` must be 1-D"):
        f(W=np.ones((2, 3)), x=np.ones((3, 1)), b=np.ones(2))
    with pytest.raises(ShapeError, match=r"dimension `n` is 3 in `W` but 4 in `x`"):
        f(W=np.ones((2, 3)), x=np.ones(4), b=np.ones(2))
    with pytest.raises(dx.DerivaxError, match=r"missing argument: b"):
        f(W=np.ones((2, 3)), x=np.ones(3))
    with pytest.raises(dx.DerivaxError, match=r"`c` is not an argument"):
        f(W=np.ones((2, 3)), x=np.ones(3), b=np.ones(2), c=1.0)


def test_dtype_follows_x64_mode_by_default():
    f = dx.compile(r"x^2 + 1")
    assert f(2.0).dtype == jnp.float64  # x64 is on in the test suite
    with jax.enable_x64(False):
        assert dx.compile(r"x^2 + 1")(2.0).dtype == jnp.float32


def test_vmap_grad_and_check_grads():
    from jax.test_util import check_grads

    f = CATALOG["logistic_regression_nll"].compile()
    eq = CATALOG["logistic_regression_nll"]
    ex = eq.examples[0]
    inputs = resolve_inputs(eq.expression, eq.table, ex.set, eq.id)
    args = [jnp.asarray(np.asarray(inputs[a.key], float)) for a in f.arguments]
    w_pos = next(k for k, a in enumerate(f.arguments) if a.identifier == "w")
    check_grads(lambda w: f(*args[:w_pos], w, *args[w_pos + 1 :]), (args[w_pos],), order=2)
    sm = CATALOG["softmax"].compile()
    batch = np.random.default_rng(0).normal(size=(7, 4))
    out = jax.vmap(sm)(batch)
    np.testing.assert_allclose(out, np.exp(batch) / np.exp(batch).sum(1, keepdims=True), rtol=1e-12)


# -- sharding ---------------------------------------------------------------------------------------
def test_sharded_inputs_over_four_cpu_devices():
    script = textwrap.dedent(
        """
        import jax, numpy as np
        jax.config.update("jax_enable_x64", True)
        from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
        import derivax as dx
        assert len(jax.devices()) == 4, jax.devices()
        f = dx.catalog()["softmax"].compile()
        mesh = Mesh(np.array(jax.devices()), ("batch",))
        z = np.random.default_rng(1).normal(size=(64, 10))
        zs = jax.device_put(z, NamedSharding(mesh, P("batch", None)))
        out = jax.jit(jax.vmap(f))(zs)
        ref = np.exp(z) / np.exp(z).sum(1, keepdims=True)
        assert np.allclose(np.asarray(out), ref, rtol=1e-12)
        print(len(out.sharding.device_set))
        """
    )
    env = {
        **os.environ,
        "XLA_FLAGS": "--xla_force_host_platform_device_count=4",
        "JAX_PLATFORMS": "cpu",
    }
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "4"


# -- the standalone module --------------------------------------------------------------------------
def test_standalone_module_runs_without_derivax_or_sympy(tmp_path, capsys):
    path = tmp_path / "kl.py"
    assert main(["compile", "kl_divergence", "-o", str(path)]) == 0
    text = path.read_text()
    assert r"D_{\\mathrm{KL}}" in text  # the LaTeX is in the docstring
    imports = [line for line in text.splitlines() if line.startswith(("import", "from"))]
    assert all(line.split()[1].split(".")[0] in ("jax", "math") for line in imports), imports
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["derivax"] = None
        sys.modules["sympy"] = None
        sys.path.insert(0, {str(tmp_path)!r})
        import kl
        print(float(kl.f_jit([0.5, 0.5], [0.25, 0.75])))
        """
    )
    out = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    want = 0.5 * np.log(0.5 / 0.25) + 0.5 * np.log(0.5 / 0.75)
    assert float(out.stdout) == pytest.approx(want, rel=1e-6)


def test_compile_command_refuses_to_overwrite_and_writes_gradient(tmp_path, capsys):
    path = tmp_path / "sp.py"
    path.write_text("# mine\n")
    assert main(["compile", r"\log(1 + e^{x})", "--wrt", "x", "-o", str(path)]) == 2
    assert path.read_text() == "# mine\n"
    assert "pass --force" in capsys.readouterr().err
    assert main(["compile", r"\log(1 + e^{x})", "--wrt", "x", "-o", str(path), "--force"]) == 0
    script = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import sp; print(float(sp.grad_f(0.0)))"
    out = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True)
    assert float(out.stdout) == pytest.approx(0.5)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_eval_reads_batches_from_npy_and_npz_and_writes_npy(tmp_path, capsys):
    z = np.random.default_rng(2).normal(size=(6, 3))
    np.save(tmp_path / "z.npy", z)
    np.savez(tmp_path / "in.npz", p=np.full((4, 2), 0.5), q=np.array([0.25, 0.75]))
    out = tmp_path / "out.npy"
    assert main(["eval", "softmax", "--set", f"z={tmp_path / 'z.npy'}", "-o", str(out)]) == 0
    np.testing.assert_allclose(
        np.load(out), np.exp(z) / np.exp(z).sum(1, keepdims=True), rtol=1e-12
    )
    capsys.readouterr()
    assert main(["eval", "kl_divergence", "--inputs", str(tmp_path / "in.npz"), "--json"]) == 0
    value = json.loads(capsys.readouterr().out)["value"]
    want = 0.5 * np.log(0.5 / 0.25) + 0.5 * np.log(0.5 / 0.75)
    np.testing.assert_allclose(value, [want] * 4, rtol=1e-12)
    assert main(["eval", "softmax", "--set", f"z={tmp_path / 'z.npy'}", "-o", str(out)]) == 2
    assert main(["eval", "softmax", "--set", f"z={tmp_path / 'missing.npy'}"]) == 2


def test_generated_identifiers_are_validated():
    from derivax._compile._emit import safe_identifier

    taken: set[str] = set()
    assert safe_identifier("x", taken, "arg0") == "x"
    assert (
        safe_identifier("lambda", taken, "arg1") == "lambda_"
    )  # a keyword gets a trailing underscore
    assert safe_identifier("__import__", taken, "arg2") == "arg2"
    assert safe_identifier("os.system", taken, "arg3") == "arg3"
    assert safe_identifier("jnp", taken, "arg4") == "jnp_"
    assert safe_identifier("x", taken, "arg5") == "arg5"
    f = dx.compile(r"\lambda x", symbols=r"\lambda: scalar")
    assert f.plain_args == ("lambda_", "x") and float(f(2.0, 3.0)) == 6.0
    # the keyword is the plain form of \lambda, `lambda`, as --set spells it
    assert float(f(x=3.0, **{"lambda": 2.0})) == 6.0 and float(f(lambda_=2.0, x=3.0)) == 6.0


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "float32", "float64"])
def test_a_compiled_function_under_jit_vmap_and_grad_keeps_its_input_dtype(dtype):
    import jax
    import jax.numpy as jnp

    f = dx.compile(r"\log \sum_{j=1}^{n} e^{z_j}", symbols="z: vector[n]; j: index")
    z = jnp.asarray([0.5, -1.0, 2.0], dtype=dtype)
    want = float(np.log(np.sum(np.exp(np.asarray([0.5, -1.0, 2.0])))))
    tol = {"bfloat16": 2e-2, "float16": 2e-3, "float32": 1e-6, "float64": 1e-12}[dtype]
    for g in (f, jax.jit(f)):
        out = g(z)
        assert out.dtype == jnp.dtype(dtype)
        assert float(out) == pytest.approx(want, rel=tol)
    batch = jax.vmap(f)(jnp.stack([z, z]))
    assert batch.dtype == jnp.dtype(dtype) and batch.shape == (2,)
    grad = jax.grad(f)(z)  # softmax(z)
    e = np.exp(np.asarray([0.5, -1.0, 2.0]))
    assert np.allclose(np.asarray(grad, dtype=float), e / e.sum(), rtol=tol * 10, atol=tol)


def test_a_compiled_function_has_a_signature_and_takes_a_dict():
    import inspect

    g = dx.compile(r"w^\top x + \lambda", symbols="w, x: vector[n]")
    assert list(inspect.signature(g).parameters) == list(g.plain_args)
    assert float(g({"w": [1.0, 2.0], "x": [3.0, 4.0], "lambda": 0.5})) == 11.5
    assert float(g(w=[1.0, 2.0], x=[3.0, 4.0], lambda_=0.5)) == 11.5
    assert hash(g) == hash(g)  # hashable: jax.jit caches on it


# -- a value given for a free index picks that entry -----------------------------------------------
IDX = "x: vector[n]; j, k: index"
X3 = np.array([1.0, 2.0, 4.0])


@pytest.mark.parametrize(
    "latex, k, expected",
    [
        (r"x_k", 2, 2.0),
        (r"x_k", 3, 4.0),
        (r"\sum_{j \ne k} x_j", 2, 1.0 + 4.0),
        # k outside 1..n: no term is left out of the sum (an index never used as a subscript)
        (r"\sum_{j \ne k} x_j", 5, 7.0),
        (r"\frac{e^{x_k}}{\sum_j e^{x_j}}", 3, np.exp(4.0) / np.exp(X3).sum()),
    ],
)
def test_a_value_for_a_free_index_picks_that_entry(latex, k, expected):
    """The value was accepted and ignored before: every entry came back."""
    got = np.asarray(dx.evaluate(latex, {"x": X3, "k": k}, IDX))
    assert got.shape == ()
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    every = np.asarray(dx.evaluate(latex, {"x": X3}, IDX))  # left out: every entry
    assert every.shape == (3,)
    if 1 <= k <= 3:
        np.testing.assert_allclose(every[k - 1], expected, rtol=1e-12)


@pytest.mark.parametrize("k", [0, 4, -1])
def test_an_index_value_outside_the_range_of_a_subscript_is_refused(k):
    with pytest.raises(ShapeError, match="outside its range"):
        dx.evaluate(r"x_k", {"x": X3, "k": k}, IDX)


@pytest.mark.parametrize("k", [1.5, "2", [1, 2]])
def test_an_index_value_that_is_not_a_whole_number_is_refused(k):
    with pytest.raises(dx.DerivaxError, match="`k` is an index of this expression"):
        dx.evaluate(r"x_k", {"x": X3, "k": k}, IDX)


# -- the matrix square root of a singular matrix -------------------------------------------------
def _rank_deficient_covariance(n, rank, seed):
    f = np.random.default_rng(seed).normal(size=(n, rank))
    return f @ f.T


@pytest.mark.parametrize(
    "A",
    [
        np.diag([1.0, 0.0]),
        np.ones((2, 2)),
        np.zeros((3, 3)),
        _rank_deficient_covariance(4, 2, 0),
        _rank_deficient_covariance(3, 1, 1),
        np.array([[4.0, 1.0], [1.0, 3.0]]),  # SPD
        np.array([[2.0, 1.0], [0.0, 3.0]]),  # not symmetric: Denman-Beavers
    ],
    ids=["diag-1-0", "ones", "zero", "cov-rank-2-of-4", "cov-rank-1-of-3", "spd", "upper"],
)
def test_matrix_square_root_of_singular_and_regular_matrices(A):
    """Denman-Beavers inverts its iterates and gave NaN for a singular covariance; a symmetric
    positive semidefinite matrix now goes through its eigendecomposition. Checked against the
    definition R R = A and SciPy's Schur-method sqrtm, compiled and evaluated."""
    import scipy.linalg

    want = np.real(scipy.linalg.sqrtm(A))
    f = dx.compile(r"A^{1/2}", symbols="A: matrix[n, n]")
    for got in (np.asarray(f(A)), np.asarray(dx.evaluate(r"A^{1/2}", {"A": A}, "A: matrix[n, n]"))):
        assert np.all(np.isfinite(got))
        np.testing.assert_allclose(got @ got, A, atol=1e-10)
        np.testing.assert_allclose(got, want, atol=1e-7)


@pytest.mark.parametrize(
    "A, exists",
    [
        (np.array([[1.0, 2.0], [3.0, -4.0]]), False),  # eigenvalues 2 and -5
        (np.diag([-1.0, 1.0]), False),
        (np.array([[0.0, 1.0], [-1.0, 0.0]]), True),  # a rotation: complex eigenvalues
        (np.array([[2.0, 0.5, 0.0], [0.1, 3.0, 0.2], [0.0, 0.3, 1.5]]), True),
        (np.diag([1e-6, 1e6]), True),
        (np.array([[5.0]]), True),  # n = 1
    ],
    ids=["negative-eigenvalue", "diag-minus-one", "rotation", "tridiagonal", "wide-range", "1x1"],
)
def test_inverse_square_root_is_the_principal_one_or_nan(A, exists):
    """``A^{-1/2}`` by Denman-Beavers ended finite and wrong on a matrix with a negative
    eigenvalue (which has no real inverse square root): Z Z came out 0.55 where D^{-1} has 0.4.
    Kept now only where the iteration converged; checked against the definition Z Z A = I and
    SciPy's fractional_matrix_power."""
    import scipy.linalg

    got = np.asarray(dx.evaluate(r"A^{-1/2}", {"A": A}, "A: matrix[n, n]"))
    if not exists:
        assert np.all(np.isnan(got))
        return
    np.testing.assert_allclose(got @ got @ A, np.eye(len(A)), atol=1e-9)
    want = np.real(scipy.linalg.fractional_matrix_power(A, -0.5))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_square_root_of_a_product_of_rank_deficient_covariances():
    """Denman-Beavers ended finite and wrong here (R R off by 0.28); a root is now returned only
    when R R = A holds, from Newton-Schulz where Denman-Beavers fails."""
    rng = np.random.default_rng(3)
    f = dx.compile(r"A^{1/2}", symbols="A: matrix[n, n]")
    for n, r1, r2 in [(4, 2, 3), (3, 1, 3), (6, 2, 2)]:
        F1, F2 = rng.normal(size=(n, r1)), rng.normal(size=(n, r2))
        A = (F1 @ F1.T) @ (F2 @ F2.T)
        R = np.asarray(f(A))
        assert np.all(np.isfinite(R))
        np.testing.assert_allclose(R @ R, A, atol=1e-10 * np.abs(A).max())


def test_frechet_distance_with_rank_deficient_covariances_against_50_digits():
    """FID with fewer samples than dimensions: singular covariances. The oracle is the sum of
    the square roots of the eigenvalues of C1 C2 in 50-digit arithmetic (mpmath)."""
    import mpmath

    rng = np.random.default_rng(5)
    F1, F2 = rng.normal(size=(5, 2)), rng.normal(size=(5, 3))
    C1, C2 = F1 @ F1.T, F2 @ F2.T
    with mpmath.workdps(50):
        eig = mpmath.eig(
            mpmath.matrix(C1.tolist()) * mpmath.matrix(C2.tolist()), left=False, right=False
        )
        trace_root = sum(mpmath.sqrt(e) for e in eig)
        want = float(mpmath.re(mpmath.mpf(float(np.trace(C1 + C2))) - 2 * trace_root))
    latex = r"\operatorname{tr}\left(\Sigma_1 + \Sigma_2 - 2 (\Sigma_1 \Sigma_2)^{1/2}\right)"
    f = dx.compile(latex, symbols=r"\Sigma_1, \Sigma_2: spd[n]")
    np.testing.assert_allclose(float(f(C1, C2)), want, rtol=1e-12)


def test_a_matrix_with_no_square_root_gives_nan_not_a_wrong_root():
    f = dx.compile(r"A^{1/2}", symbols="A: matrix[n, n]")
    assert np.all(np.isnan(np.asarray(f(np.array([[0.0, 1.0], [0.0, 0.0]])))))


def test_square_root_keeps_float32():
    f = dx.compile(r"A^{1/2}", symbols="A: matrix[n, n]")
    A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], dtype=np.float32)
    R = np.asarray(f(A))
    assert R.dtype == np.float32
    np.testing.assert_allclose(R @ R, A, atol=1e-5)


@pytest.mark.parametrize("which", ["spd", "upper", "product-of-spd"])
def test_gradient_through_the_matrix_square_root(which):
    """d tr(A^{1/2}) = 1/2 tr(A^{-1/2} dA): the gradient is 1/2 A^{-T/2}. jnp.where differentiates
    both branches, so the eigendecomposition branch must not make it NaN where it is not taken."""
    import scipy.linalg

    rng = np.random.default_rng(2)
    F1, F2 = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    A = {
        "spd": F1 @ F1.T + np.eye(3),
        "upper": np.array([[2.0, 1.0, 0.5], [0.0, 3.0, 0.2], [0.0, 0.0, 1.5]]),
        "product-of-spd": (F1 @ F1.T) @ (F2 @ F2.T),
    }[which]
    f = dx.compile(r"\operatorname{tr}(A^{1/2})", symbols="A: matrix[n, n]")
    got = np.asarray(jax.grad(f)(A))
    want = 0.5 * np.linalg.inv(np.real(scipy.linalg.sqrtm(A))).T
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)
