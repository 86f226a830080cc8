"""Jupyter: expressions, equations, derivations and verdicts render as LaTeX."""

import math

from IPython.core.interactiveshell import InteractiveShell

import derivax as dx
from derivax._jupyter import register


def test_expressions_display_with_derivax_latex_in_ipython():
    shell = InteractiveShell.instance()
    assert register(shell)
    e = dx.parse(
        r"\sigma(W x + b)^\top y + \|x\|_2^2", "W: matrix[m, n]; x: vector[n]; b, y: vector[m]"
    )
    shown, _ = shell.display_formatter.format(e)
    # derivax's rendering (SymPy's own would draw a mapping arrow and a trace)
    assert shown["text/latex"] == rf"$\displaystyle {dx.to_latex(e)}$"
    assert (
        r"\sigma(W x + b)^\top y" in shown["text/latex"] and r"\mapsto" not in shown["text/latex"]
    )
    names, _ = shell.display_formatter.format(
        dx.parse(r"\hat{y}_i - \theta_{t+1}", "y: vector[n]; i: index")
    )
    assert names["text/latex"] == r"$\displaystyle - \theta_{t+1} + \hat{y}_{i}$"


def test_load_ext_registers_the_display():
    shell = InteractiveShell.instance()
    shell.display_formatter.formatters["text/latex"].type_printers.clear()
    shell.run_line_magic("load_ext", "derivax")
    shown, _ = shell.display_formatter.format(dx.parse(r"\operatorname{ReLU}(x)"))
    assert shown["text/latex"] == r"$\displaystyle \operatorname{ReLU}(x)$"


def test_equations_derivations_and_verdicts_have_latex_reprs():
    eq = dx.catalog()["softmax"]
    assert eq._repr_latex_() == f"$${eq.latex}$$"
    d = dx.derive(r"\log(1 + e^{x})", "x")
    assert d._repr_latex_().startswith(r"$$\begin{aligned}") and r"\sigma(x)" in d._repr_latex_()
    v = dx.check(r"\sigma(-x) = 1 - \sigma(x)")
    assert v.status == "proved" and v._repr_latex_().startswith(r"\begin{align}")
    refuted = dx.check(r"\sigma(x) = x")
    shown = refuted._repr_latex_()
    assert shown.startswith(r"$\displaystyle \begin{aligned}") and shown.endswith(r"\end{aligned}$")
    # the claim, the point and both sides there, not the status alone
    x0 = refuted.counterexample["x"]
    assert r"\text{claim:}\quad \sigma(x) = x" in shown
    assert rf"\text{{counterexample:}}\quad x = {x0:.6g}" in shown
    left = 1 / (1 + math.exp(-x0))  # σ(x0), computed here
    assert rf"\text{{left side}}\ {left:.6g},\quad \text{{right side}}\ {x0:.6g}" in shown


def test_a_verdict_without_a_proof_shows_its_evidence_as_latex():
    plausible = dx.Verdict(
        "plausible", "random search", claim="a", samples=368, max_deviation=2.5e-7
    )
    assert plausible.to_latex() == (
        "\\begin{aligned}\n&\\text{plausible: random search} \\\\\n&\\text{claim:}\\quad a \\\\\n"
        "&\\text{no counterexample in 368 points; largest deviation }2.5 \\times 10^{-7}\n"
        "\\end{aligned}"
    )
    matrix = dx.Verdict("refuted", "m", counterexample={"A": [[1.0, -2.0], [0.5, 3.0]]})
    assert r"A = \begin{pmatrix} 1 & -2 \\ 0.5 & 3 \end{pmatrix}" in matrix.to_latex()
    assert dx.Verdict("unknown", reason="no strategy applies").to_latex() == (
        r"\text{unknown: no strategy applies}"
    )


def test_importing_derivax_leaves_the_display_of_other_sympy_objects_alone():
    import subprocess
    import sys

    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "import sympy\n"
        "shell = InteractiveShell.instance()\n"
        "import derivax\n"
        "shown, _ = shell.display_formatter.format(sympy.Symbol('alpha') / 3)\n"
        "print(shown.get('text/latex', ''))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert (
        out.strip() == r"$\displaystyle \frac{\alpha}{3}$"
    )  # SymPy's own form (derivax's: \frac{alpha}{3})


def test_load_ext_shows_sympy_results_as_readable_text_in_a_terminal():
    shell = InteractiveShell.instance()
    assert register(shell)
    g = dx.grad(
        r"\frac{1}{m}\|X\theta - y\|^2", r"\theta",
        r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]",
    )  # fmt: skip
    shown, _ = shell.display_formatter.format(g)
    assert shown["text/plain"] == "(2/m) Xᵀ (X θ - y)"
