"""LaTeX as terminal text (derivax._text): what the command line prints unless --latex."""

from pathlib import Path

import pytest

import derivax as dx
from derivax._text import latex_to_text

CASES = [
    (r"\text{claim:}\quad e^{x} \geq x + 1", "claim: e^x ≥ x + 1"),
    (r"D_{\mathrm{KL}}(p \| q) = \sum_{i=1}^{n} p_i \log \frac{p_i}{q_i}",
     "D_KL(p ‖ q) = Σ(i=1..n) p_i log (p_i/q_i)"),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{1}{2}", "∂L/∂W_ij = 1/2"),
    (r"\sqrt{\bar{\alpha}_t} + \operatorname{tr}(A^{-1})", "√(ᾱ_t) + tr(A⁻¹)"),
    (r"\|w\|_{2}^{2} \le x^{10}", "‖w‖_2² ≤ x¹⁰"),
    (r"x^{\top} W", "xᵀ W"),
    (r"\hat{y}_i - \theta_{t-1}", "ŷ_i - θ_(t-1)"),
    (r"e^{z_k} + e^{-x}", "e^(z_k) + e^(-x)"),
    (r"\mathbb{E}_{x \sim p}[f(x)]", "𝔼_(x ~ p)[f(x)]"),
    (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", "[a, b; c, d]"),
    (r"\sqrt[3]{x}", "∛(x)"),
    (r"\sum_{i} x_i", "Σ_i x_i"),
    (r"\left( a + b \right)^{2}", "(a + b)²"),
    (r"\text{decide $\ge 0$ with $e^t \ge 1 + t$:}\quad x", "decide ≥ 0 with e^t ≥ 1 + t: x"),
    (r"\unknowncommand{x}", "unknowncommandx"),
    ("", ""),
]  # fmt: skip


@pytest.mark.parametrize(("latex", "text"), CASES)
def test_latex_reads_as_text(latex, text):
    assert latex_to_text(latex) == text


def test_no_catalog_formula_keeps_latex_syntax_in_its_text_form():
    leftovers = []
    for eq in dx.catalog().values():
        for latex in [eq.latex, *(c.claim for c in eq.checks), *(d.latex for d in eq.derivatives)]:
            text = latex_to_text(latex)
            if any(ch in text for ch in "\\{}$") or not text:
                leftovers.append((latex, text))
    assert not leftovers, leftovers[:5]


def test_a_proof_prints_as_text_and_keeps_its_latex():
    v = dx.check(r"e^{x} \ge 1 + x")
    assert v.status == "proved"
    assert "\\" not in str(v) and "≥" in str(v)
    assert v.to_text(latex=True).count("\\") > 2
    assert v.steps == v.to_dict()["steps"] and all("\\" in s for s in v.steps[:1])


# Golden strings: how a reader parses the text must be how derivax parsed the LaTeX.
READING = [
    (r"\exp\left(\frac{\|x - z\|_2^2}{2\sigma^2}\right) \le 1", "exp(‖x - z‖_2²/(2σ²)) ≤ 1"),
    (r"\exp\left(-\frac{\|x - z\|_2^2}{2\sigma^2}\right)", "exp(-‖x - z‖_2²/(2σ²))"),
    (r"\frac{1}{\sqrt{2\pi\sigma^2}}", "1/√(2πσ²)"),
    (r"\binom{n}{2} = \frac{n(n - 1)}{2}", "binom(n, 2) = n(n - 1)/2"),
    (r"\sigma(- x) = 1 - \sigma(x)", "σ(-x) = 1 - σ(x)"),
    (r"e^{- x} + \frac{a}{b} c", "e^(-x) + (a/b) c"),
    (r"\frac{\frac{a}{b}}{c} = \frac{a}{\frac{b}{c}}", "(a/b)/c = a/(b/c)"),
    (r"\frac{a + b}{c d}", "(a + b)/(c d)"),
    (r"-\frac{x - z}{\sigma^2}", "-(x - z)/σ²"),
    (r"\frac{\partial^2 f}{\partial x^2}", "∂²f/∂x²"),
    (r"\frac{e^{z_k}}{\sum_{j} e^{z_j}}", "e^(z_k)/(Σ_j e^(z_j))"),
    (r"\log \frac{p_i}{q_i}", "log (p_i/q_i)"),
    (r"- \sum_{k=1}^{n} - \frac{a_k}{b}", "-Σ(k=1..n) -a_k/b"),
    # a step's label ends in a colon: a minus after it has nothing to subtract from
    (r"\text{expand:}\quad - \frac{n^2}{2}", "expand: -n²/2"),
    (r"\text{ratio 3:2} - x", "ratio 3:2 - x"),
]  # fmt: skip


@pytest.mark.parametrize(("latex", "text"), READING)
def test_text_parenthesizes_as_a_reader_reads(latex, text):
    assert latex_to_text(latex) == text


def test_catalog_gaussian_kernel_reads_with_its_denominator_grouped():
    eq = dx.catalog()["gaussian_kernel"]
    assert latex_to_text(eq.latex) == "k(x, z) = exp(-‖x - z‖_2²/(2σ²))"


README_DERIVATIONS = [
    (
        (r"\frac{1}{2}\|a - y\|^2", "W", "W: matrix[m, n]; x: vector[n]; a, b, y, z: vector[m]"),
        {"given": [r"a = \sigma(z)", "z = W x + b"]},
        [
            "((σ(W x + b) - y) ⊙ (1_m - σ(W x + b)) ⊙ σ(W x + b)) xᵀ",
            "  expression: ‖a - y‖_2²/2",
            "  substitute the definition of a: ‖σ(z) - y‖_2²/2",
            "  substitute the definition of z: ‖σ(W x + b) - y‖_2²/2",
            "  reverse-mode matrix calculus (denominator layout): "
            "((σ(W x + b) - y) ⊙ (1_m - σ(W x + b)) ⊙ σ(W x + b)) xᵀ",
        ],
    ),
    (
        (r"\frac{1}{m}\|X\theta - y\|^2", r"\theta", r"X: matrix[m, n]; \theta: vector[n]; y: vector[m]"),
        {},
        [
            "(2/m) Xᵀ (X θ - y)",
            "  expression: ‖X θ - y‖_2²/m",
            "  reverse-mode matrix calculus (denominator layout): (2/m) Xᵀ (X θ - y)",
        ],
    ),
    (
        (r"\log(1 + e^{x})", "x"),
        {},
        ["σ(x)", "  expression: log(e^x + 1)", "  differentiate: e^x/(e^x + 1)",
         "  recognize the sigmoid: σ(x)"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "kwargs", "lines"), README_DERIVATIONS)
def test_readme_derivations_print_as_math(args, kwargs, lines):
    d = dx.derive(*args, **kwargs)
    text = str(d).splitlines()
    assert text[: len(lines)] == lines
    assert text[len(lines)].startswith("  checked: agrees with JAX at ")
    assert not any(ch in str(d) for ch in "\\{}$")


def test_index_derivation_names_its_fresh_index_as_math_in_text_and_latex():
    d = dx.derive(
        r"-\sum_k y_k \log \frac{e^{z_k}}{\sum_j e^{z_j}}", "z",
        "y: simplex[n]; z: vector[n]; j, k: index",
    )  # fmt: skip
    text = str(d)
    assert text.splitlines()[0] == "softmax(z)_l - y_l"
    assert "  differentiate with respect to z_l: " in text
    assert (
        "  collapse the Kronecker deltas: -y_l - Σ(k=1..n) -(e^(z_l) y_k)/(Σ(j=1..n) e^(z_j))"
        in text
    )
    # in LaTeX the index is typeset, not written out as text with its braces
    assert r"&\text{differentiate with respect to }{z_{l}}: &&" in d._repr_latex_()
    assert "{" not in str(d) and "\\" not in str(d)


def test_step_rules_keep_their_math_apart_from_their_text():
    from derivax._text import rule_latex, rule_text

    rule = r"matrix determinant lemma $\det(A + u v^\top) = \det(A)(1 + v^\top A^{-1} u)$"
    assert rule_text(rule) == "matrix determinant lemma det(A + u vᵀ) = det(A)(1 + vᵀ A⁻¹ u)"
    assert rule_latex(rule) == (
        r"\text{matrix determinant lemma }{\det(A + u v^\top) = \det(A)(1 + v^\top A^{-1} u)}"
    )
    assert rule_latex("take 50% of $x_{i}$ & more") == (
        r"\text{take 50\% of }{x_{i}}\text{ \& more}"
    )


def test_a_verdict_prints_its_steps_without_latex():
    v = dx.check(r"\sigma(-x) = 1 - \sigma(x)")
    assert str(v).splitlines()[:2] == [
        "proved (rewriting to 0 (SymPy))",
        "  claim: σ(-x) = 1 - σ(x)",
    ]


def test_every_comment_of_the_readme_gradient_block_is_what_derive_prints():
    # the README's dx.grad block: each comment is the first line of print(dx.derive(...)), and
    # dx.to_text of the gradient
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split('dx.grad(r"\\log(1 + e^{x})", "x")', 1)[1].split("```", 1)[0]
    for want, args, kwargs in [
        ("softmax(z)_l - y_l", (r"-\sum_k y_k \log \frac{e^{z_k}}{\sum_j e^{z_j}}", "z",
                                "y: simplex[n]; z: vector[n]; j, k: index"), {}),
        ("(Xᵀ)⁻¹", (r"\log \det X", "X", "X: matrix[n, n]"), {}),
        ("σ(x)", (r"\log(1 + e^{x})", "x"), {}),
    ]:  # fmt: skip
        assert f"# {want}" in block or f"# {want}" in readme
        assert str(dx.derive(*args, **kwargs)).splitlines()[0] == want
        assert dx.to_text(dx.grad(*args, **kwargs)) == want  # what the README says to_text prints
