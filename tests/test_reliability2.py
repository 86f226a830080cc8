"""Reliability, round two (issue 13): generated source that no input can restructure, evaluation in
a fresh process, one error boundary, bounded loops, integrals with an error estimate, file modes."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import mpmath
import numpy as np
import pytest

import derivax as dx
from derivax import DerivaxError
from derivax._compile import module_source
from derivax.cli import main

SRC = str(Path(dx.__file__).parent.parent)


def hostile_names(sentinel: str) -> list[str]:
    """LaTeX whose names, once in generated source, would create ``sentinel`` or break the module
    if they were pasted in unescaped."""
    # no spaces: \mathrm{} drops them, and the payload must stay valid Python if pasted as is
    touch = f'__import__("pathlib").Path("{sentinel}").touch()'
    opener = f"open('{sentinel}','w').write('x')"
    return [
        rf'\mathrm{{"""+str({touch})+"""}} + 1',
        rf"\mathrm{{'''+str({opener})+'''}} + 1",
        rf'\mathrm{{"+str({touch})+"}}',
        rf"\mathrm{{x\N}}",
        rf"\mathrm{{x\x}} + \mathrm{{y\u}}",
        rf"\operatorname{{a\\\"}}(b) + 1",
        rf'\hat{{\mathrm{{"""}}}} \cdot 2',
        rf'x_{{\mathrm{{"""+{touch}+"""}}}}',
        rf'\text{{\n{touch}\n}} + 1',
        rf'P(\mathrm{{"""{opener}"""}} \mid A)',
        "\\mathrm{a}\n+ \\mathrm{b\\\\}",
    ]


@pytest.fixture
def sentinel(tmp_path):
    path = tmp_path / "SENTINEL"
    yield str(path)
    assert not path.exists(), "a name in generated source was executed as code"


def _import(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hostile_names_through_compile_o_make_modules_that_import(tmp_path, sentinel, capsys):
    compiled = 0
    for k, text in enumerate(hostile_names(sentinel)):
        out = tmp_path / f"m{k}.py"
        code = main(["compile", text, "-o", str(out)])
        _, err = capsys.readouterr()
        assert code in (0, 2) and "Traceback" not in err
        if code == 2:
            continue
        compiled += 1
        module = _import(out)
        # the LaTeX is in the docstring verbatim (escaped, not interpreted)
        assert text.splitlines()[0] in module.__doc__
        assert callable(module.f) and callable(module.f_jit)
    assert compiled >= 8


def test_hostile_names_through_source_and_the_in_process_loader(tmp_path, sentinel):
    for k, text in enumerate(hostile_names(sentinel)):
        try:
            f = dx.compile(text)  # runs the generated source through the loader
        except DerivaxError:
            continue
        values = [1.5] * len(f.args)
        float(f(*values))
        for a in f.plain_args:
            assert a.isidentifier() and not a.startswith("_")
        # .source, made a module of its own, imports and gives the same value
        path = tmp_path / f"s{k}.py"
        path.write_text("import math\nimport jax\nimport jax.numpy as jnp\nimport jax.scipy.special\n\n" + f.source)
        assert float(_import(path).f(*values)) == pytest.approx(float(f(*values)))
        # module_source with --wrt too
        path = tmp_path / f"w{k}.py"
        path.write_text(module_source(f, wrt=f.args[0]) if f.args else module_source(f))
        _import(path)


def test_the_loader_refuses_source_not_shaped_like_derivax_output():
    from derivax._compile._function import load

    for source in ('def f(x):\n    return __import__("os")\n',
                   "def f(x):\n    import os\n    return x\n",
                   "def f(x):\n    return x.__class__\n",
                   "def f(x):\n    return open\n",
                   'def f(x):\n    return jax.__builtins__\n'):
        with pytest.raises(dx.CompileError, match="bug"):
            load(source, "f")


def test_generated_code_cannot_import_beyond_what_jax_needs():
    from derivax._compile._function import _import

    with pytest.raises(ImportError, match="`os`"):
        _import("os")
    assert _import("numpy").__name__ == "numpy"


# -- a fresh process ---------------------------------------------------------------------------------
@pytest.mark.parametrize("latex, expected", [
    (r"\sigma(0)", 0.5),
    (r"\tanh(1)", float(mpmath.tanh(1))),
    (r"\log(1 + 2)", float(mpmath.log(3))),
    (r"\operatorname{ReLU}(-2) + e^{1}", float(mpmath.e)),
    (r"\frac{1}{1 + e^{-3}}", float(1 / (1 + mpmath.exp(-3)))),
])
def test_constant_expressions_evaluate_in_a_fresh_process(latex, expected):
    env = {**os.environ, "PYTHONPATH": SRC, "JAX_PLATFORMS": "cpu"}
    r = subprocess.run([sys.executable, "-m", "derivax", "eval", latex, "--json"], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["value"] == pytest.approx(expected, rel=1e-12)
