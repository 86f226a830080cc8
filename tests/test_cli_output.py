"""What the command line prints for people and for scripts: readable math on a terminal and LaTeX
with --latex, expected verdicts labelled as such, whole claims in the verify table, a progress
line per equation when stderr is not a terminal, and steps and counterexamples in verify --json."""

import json
import subprocess
import sys

from derivax.cli import main

LONG = r"""
[long_claims]
title = "Two long claims that differ at their end"
area = "mine"
summary = "Rows that a cut would make look alike."
latex = 'L = a^2 + b^2 + c^2 + d^2 + e^2 + f^2 + g^2 + h^2'
symbols = "a, b, c, d, e, f, g, h: scalar; L: scalar"

[[long_claims.examples]]
set = { a = 1.0, b = 1.0, c = 1.0, d = 1.0, e = 1.0, f = 1.0, g = 1.0, h = 1.0 }
expect = 8.0

[[long_claims.checks]]
claim = 'a^2 + b^2 + c^2 + d^2 + e^2 + f^2 + g^2 + h^2 + a^2 b^2 c^2 \ge 0'
expect = "proved"

[[long_claims.checks]]
claim = 'a^2 + b^2 + c^2 + d^2 + e^2 + f^2 + g^2 + h^2 + a^2 b^2 c^2 \ge 1'
expect = "refuted"
"""


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_readable_math_and_latex_on_request(capsys):
    code, out, _ = run(capsys, "check", r"e^{x} \ge 1 + x")
    assert code == 0 and out.startswith("proved")
    assert "\\" not in out and "e^x ≥ x + 1" in out
    code, out, _ = run(capsys, "check", r"e^{x} \ge 1 + x", "--latex")
    assert code == 0 and r"e^{x} \geq x + 1" in out
    code, out, _ = run(capsys, "check", r"e^{x} \ge 1 + x", "--json")
    assert any(r"\geq" in s for s in json.loads(out)["steps"])  # JSON keeps the LaTeX


def test_grad_prints_readable_math(capsys):
    code, out, _ = run(
        capsys, "grad", r"\log(1 + e^{w^\top x})", "--wrt", "w", "-s", "w, x: vector[n]"
    )
    assert code == 0 and out.startswith("d/dw = ") and "\\" not in out and "wᵀ x" in out
    code, out, _ = run(capsys, "grad", r"x^3", "--wrt", "x", "--latex")
    assert code == 0 and "3 x^{2}" in out


def test_show_says_the_verdicts_are_expected_not_computed(capsys):
    code, out, _ = run(capsys, "show", "kl_divergence")
    assert code == 0
    assert "the verdict the catalog expects, not computed here" in out
    assert "[expected proved] D_KL(p ‖ q) ≥ 0" in out
    assert r"LaTeX:  D_{\mathrm{KL}}(p \| q)" in out  # the source stays visible, labelled


def test_verify_prints_whole_claims_so_rows_never_look_alike(capsys, tmp_path):
    (tmp_path / "long.toml").write_text(LONG, encoding="utf-8")
    code, out, err = run(capsys, "verify", "long_claims", "--catalog", tmp_path)
    assert code == 0, out + err
    rows = [line for line in out.splitlines() if "h² + a² b² c²" in line]
    assert len(rows) == 2 and rows[0] != rows[1]
    assert any("c² ≥ 0" in r and r.split()[0] == "proved" for r in rows)
    assert any("c² ≥ 1" in r and r.split()[0] == "refuted" for r in rows)
    assert "…" not in out


def test_verify_json_carries_steps_counterexamples_and_sides(capsys, tmp_path):
    (tmp_path / "long.toml").write_text(LONG, encoding="utf-8")
    code, out, _ = run(capsys, "verify", "long_claims", "--catalog", tmp_path, "--json")
    assert code == 0
    checks = json.loads(out)["results"][0]["checks"]
    proved, refuted = checks
    assert proved["status"] == "proved" and proved["steps"] and proved["counterexample"] is None
    assert refuted["status"] == "refuted" and set(refuted["counterexample"]) >= {"a", "h"}
    # the counterexample violates the claim: the left side is below 1
    assert float(refuted["sides"]["lhs"]) < float(refuted["sides"]["rhs"]) == 1


def test_verify_piped_prints_a_progress_line_per_equation():
    # stderr is a pipe here, as in `derivax verify --all > log 2>&1`
    p = subprocess.run(
        [sys.executable, "-m", "derivax", "verify", "softmax", "sigmoid"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    lines = [line for line in p.stderr.splitlines() if line.startswith("verify: [")]
    assert [line.split("]")[0] for line in lines] == ["verify: [1/2", "verify: [2/2"]
    # a line per equation as each finishes (in the order they finish, which the load decides)
    assert sorted(line.split("] ")[1].split(" (")[0] for line in lines) == [
        "sigmoid: ok",
        "softmax: ok",
    ]


def test_verify_names_the_variable_of_a_stated_derivative_as_readable_math(capsys):
    code, out, err = run(capsys, "verify", "kmeans_objective")
    assert code == 0, out + err
    (row,) = [line for line in out.splitlines() if "stated d/d" in line]
    assert "stated d/dμ:" in row and "\\" not in row
