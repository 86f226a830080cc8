"""The command line: each command, --json, exit codes, messages without tracebacks."""

import json
import subprocess
import sys

import numpy as np
import pytest

import derivax as dx
from derivax.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_list_text_and_json(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "softmax" in out and "kl_divergence" in out
    rows = run_json(capsys, "list")
    assert {"id", "area", "title", "summary"} <= set(rows[0])
    assert len(rows) >= 40


def test_list_by_area(capsys):
    rows = run_json(capsys, "list", "--area", "information")
    assert {r["id"] for r in rows} == {
        "entropy",
        "cross_entropy",
        "binary_cross_entropy",
        "kl_divergence",
    }


def test_show_kl_divergence_json_has_latex_symbols_and_sympy(capsys):
    data = run_json(capsys, "show", "kl_divergence")
    assert data["latex"].startswith(r"D_{\mathrm{KL}}")
    names = {s["name"]: s for s in data["symbols"]}
    assert names["p"]["kind"] == "simplex" and names["p"]["shape"] == ["n"]
    assert "Sum(" in data["sympy"] and "log" in data["sympy"]
    assert data["examples"] and data["checks"]


def test_show_text(capsys):
    code, out, _ = run(capsys, "show", "softmax")
    assert code == 0 and "SymPy:" in out and "examples:" in out


def test_eval_softmax(capsys):
    data = run_json(capsys, "eval", "softmax", "--set", "z=[1,2,3]")
    z = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(data["value"], np.exp(z) / np.exp(z).sum(), rtol=1e-12)


def test_eval_entropy_in_nats(capsys):
    data = run_json(capsys, "eval", "entropy", "--set", "p=[0.9,0.1]")
    assert data["value"] == pytest.approx(-(0.9 * np.log(0.9) + 0.1 * np.log(0.1)), rel=1e-12)


def test_eval_text_prints_the_number(capsys):
    code, out, _ = run(capsys, "eval", "entropy", "--set", "p=[0.5,0.5]")
    assert code == 0 and float(out) == pytest.approx(np.log(2))


def test_eval_latex_with_symbols(capsys):
    data = run_json(capsys, "eval", r"\|x\|_2", "--symbols", "x: vector[n]", "--set", "x=[3,4]")
    assert data["value"] == pytest.approx(5.0)


def test_eval_latex_key_with_equals_sign_inside(capsys):
    data = run_json(
        capsys,
        "eval",
        "bayes_theorem",
        "--set",
        r"P(B \mid A)=0.9",
        "--set",
        "P(A)=0.01",
        "--set",
        "P(B)=0.05",
    )
    assert data["value"] == pytest.approx(0.18)


def test_eval_define(capsys):
    data = run_json(
        capsys,
        "eval",
        "convolution",
        "--define",
        r"f(\tau)=e^{-\tau^2}",
        "--define",
        r"g(\tau)=e^{-\tau^2}",
        "--set",
        "t=0",
    )
    assert data["value"] == pytest.approx(np.sqrt(np.pi / 2), rel=1e-9)


def test_parse_shows_the_reading_of_undeclared_names(capsys):
    data = run_json(capsys, "parse", r"a x + b")
    assert data["undeclared"] == {"a": "scalar", "x": "scalar", "b": "scalar"}
    data = run_json(capsys, "parse", r"\sum_i x_i", "--symbols", "x: vector[n]; i: index")
    assert data["undeclared"] == {}
    assert "Sum(x[i], (i, 1, n))" == data["sympy"]


def test_verify_named_equations(capsys):
    data = run_json(capsys, "verify", "softmax", "entropy")
    assert data["summary"]["equations"] == 2 and data["summary"]["failed"] == []
    assert all(x["ok"] for r in data["results"] for x in r["examples"])


def test_verify_reports_claims_and_their_verdicts(capsys):
    code, out, _ = run(capsys, "verify", "kl_divergence")
    assert code == 0
    n = len(dx.catalog()["kl_divergence"].checks)
    assert f"{n}/{n} claims got their expected verdict" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "nope"], "no equation `nope`"),
        (["eval", "softmax", "--set", "z=[1,2"], r"the value of `z` is `\[1,2`"),
        (["eval", "softmax", "--set", "z"], "`z` is not NAME=VALUE"),
        (["eval", "softmax", "--set", "w=[1,2]"], "`w` is not an input of `softmax`"),
        (["eval", "softmax", "--set", 'z="abc"'], "must be a number or nested lists"),
        (["eval", "softmax", "--set", "z=[1,2]", "--symbols", "z: vector[n]"], "drop --symbols"),
        (["parse", r"\frac{1}{"], r"\\frac\{1\}\{"),
        (["parse", "x^^2"], "argument is missing"),
        (["parse", "x", "--symbols", "x: vectr[n]"], "unknown kind `vectr"),
        (["list", "--area", "nope"], "unknown area `nope`"),
        (["verify"], "pass --all"),
        (["verify", "--all", "softmax"], "not both"),
        (
            ["eval", "kl_divergence", "--set", "p=[0.5,0.5]", "--set", "q=[0.2,0.3,0.5]"],
            "dimension `n`",
        ),
    ],
)
def test_bad_input_exits_2_with_one_message(capsys, argv, message):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("derivax: error: ")
    assert __import__("re").search(message, err), err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["frobnicate"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["eval"])
    assert e.value.code == 2


def _modules_after(args):
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['derivax', *{args!r}]\n"
        "from derivax.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('JAX' if any(m == 'jax' or m.startswith('jax.') for m in sys.modules) else 'NOJAX')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return out.strip().splitlines()[-1]


def test_help_and_list_do_not_import_jax():
    assert _modules_after(["--help"]) == "NOJAX"
    assert _modules_after(["list"]) == "NOJAX"
    assert _modules_after(["eval", "entropy", "--set", "p=[0.5,0.5]"]) == "JAX"


def test_console_script_runs_as_a_new_user_would():
    out = subprocess.run(
        [sys.executable, "-m", "derivax", "eval", "sigmoid", "--set", "x=0", "--json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["value"] == 0.5
    bad = subprocess.run(
        [sys.executable, "-m", "derivax", "parse", r"\foo"], capture_output=True, text=True
    )
    assert (
        bad.returncode == 2
        and "Traceback" not in bad.stderr
        and "unknown command `\\foo`" in bad.stderr
    )


def test_grad_command(capsys):
    data = run_json(capsys, "grad", "sigmoid", "--wrt", "x")
    assert data["sympy"] == "(1 - sigmoid(x))*sigmoid(x)"
    assert data["checked"].startswith("agrees with JAX")
    assert data["steps"][0]["rule"] == "expression"
    data = run_json(
        capsys,
        "grad",
        r"\frac{1}{2}\|a - y\|^2",
        "--wrt",
        "W",
        "--symbols",
        "W: matrix[m, n]; x: vector[n]; b, y, a, z: vector[m]",
        "--given",
        r"a = \sigma(z)",
        "--given",
        "z = W x + b",
    )
    assert data["latex"].endswith(r"x^\top") and r"\odot" in data["latex"]
    code, out, _ = run(capsys, "grad", "cross_entropy", "--wrt", "q", "--latex")
    assert code == 0 and r"- \frac{p_{k}}{q_{k}}" in out
    code, out, _ = run(capsys, "grad", "cross_entropy", "--wrt", "q")
    assert code == 0 and out.startswith("d/dq = -p_k/q_k\n")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["grad", "softmax", "--wrt", "w"], "`w` does not appear in the expression"),
        (
            ["grad", "x^2", "--wrt", "x", "--timeout", "0"],
            "--timeout: `timeout` must be a positive number of seconds",
        ),
        (["grad", "x^2", "--wrt", "x", "--given", "x + 1"], "is not a definition"),
    ],
)
def test_grad_bad_input(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_parse_lists_the_disputable_rules_it_applied(capsys):
    table = "X: matrix[m, n]; y: vector[m]"
    code, out, _ = run(capsys, "parse", r"(X^\top X + \lambda I)^{-1} X^\top y", "--symbols", table)
    assert code == 0
    assert "reading rules applied" in out and "identity matrix" in out
    data = run_json(capsys, "parse", r"2^T + lr", "--symbols", "x: vector[n]")
    assert any("power T" in r for r in data["rules"]) and any("`lr`" in r for r in data["rules"])
    data = run_json(
        capsys, "parse", r"P(A \mid B) P(B) + x_n + w_i", "--symbols", "x: vector[n]; i: index"
    )
    assert any("function everywhere" in r for r in data["rules"]) and any(
        "last entry" in r for r in data["rules"]
    )
    assert any("entry of an undeclared array `w`" in r for r in data["rules"])
    data = run_json(capsys, "parse", r"\theta_t + a(b + c)", "--symbols", r"\theta: vector[n]")
    assert any("name of its own" in r for r in data["rules"]) and any(
        "a product" in r for r in data["rules"]
    )
    # a formula with nothing to dispute lists nothing
    data = run_json(
        capsys,
        "parse",
        r"\frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
        "--symbols",
        "z: vector[n]; j, k: index",
    )
    assert data["rules"] == []


def test_version_and_did_you_mean(capsys):
    import importlib.metadata

    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert (
        capsys.readouterr().out.strip()
        == f"derivax {importlib.metadata.version('derivax')}"
        == f"derivax {dx.__version__}"
    )
    for argv in (
        ["eval", "softmx", "--set", "z=[1,2]"],
        ["show", "kl_divergnce"],
        ["grad", "entrpy", "--wrt", "p"],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "did you mean" in err, (argv, err)
    # a short LaTeX word is still LaTeX
    code, out, _ = run(capsys, "eval", "x y", "--set", "x=2", "--set", "y=3")
    assert code == 0 and "6" in out


# -- grad --hessian and --jacobian ------------------------------------------------------------------
def test_grad_hessian_with_respect_to_a_matrix_reads_back_to_the_kronecker_form(capsys):
    """The oracle: d vec(grad) = (w w^T (x) I_m) vec(dX) for 1/2 ||X w - y||^2, built with np.kron."""
    table = "X: matrix[m, n]; w: vector[n]; y: vector[m]"
    out = run_json(
        capsys, "grad", r"\frac{1}{2}\|X w - y\|^2", "--wrt", "X", "--symbols", table, "--hessian"
    )
    assert out["derivative"] == "hessian"
    assert out["checked"].startswith("agrees with JAX")
    assert any("vec convention" in s["rule"] for s in out["steps"])
    w0 = np.array([0.5, -1.5])
    got = dx.evaluate(out["latex"], {"w": w0, "m": 3}, table)
    np.testing.assert_allclose(np.asarray(got), np.kron(np.outer(w0, w0), np.eye(3)))
    code, text, _ = run(
        capsys, "grad", r"\log\det X", "--wrt", "X", "-s", "X: matrix[n, n]", "--hessian"
    )
    assert code == 0 and text.startswith("d²/dX² = ") and "⊗" in text and "\\" not in text


def test_grad_jacobian_of_an_elementwise_map_of_an_affine_map(capsys):
    table = "W: matrix[m, n]; x: vector[n]; b: vector[m]"
    out = run_json(
        capsys, "grad", r"\tanh(W x + b)", "--wrt", "x", "--symbols", table, "--jacobian"
    )
    assert out["derivative"] == "jacobian"
    assert out["steps"][-1]["rule"] == "numeric cross-check against jax.jacfwd"
    rng = np.random.default_rng(3)
    W0, x0, b0 = rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=3)
    got = dx.evaluate(out["latex"], {"W": W0, "x": x0, "b": b0}, table)
    want = np.diag(1 - np.tanh(W0 @ x0 + b0) ** 2) @ W0  # the chain rule, by hand
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12)


def test_grad_orders_are_exclusive_and_a_vector_has_no_hessian(capsys):
    with pytest.raises(SystemExit) as e:
        main(["grad", "x^3", "--wrt", "x", "--hessian", "--jacobian"])
    assert e.value.code == 2
    capsys.readouterr()
    code, text, _ = run(
        capsys,
        "grad",
        "X w",
        "--wrt",
        "X",
        "-s",
        "X: matrix[m, n]; w: vector[n]",
        "--hessian",
        "--json",
    )
    assert code == 2 and "take a Jacobian" in json.loads(text)["error"]["message"]
    out = run_json(capsys, "grad", "x^3", "--wrt", "x", "--hessian")
    assert dx.parse(out["latex"]) == 6 * dx.parse("x")
