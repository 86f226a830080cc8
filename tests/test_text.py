"""LaTeX as terminal text (derivax._text): what the command line prints unless --latex."""

import pytest

import derivax as dx
from derivax._text import latex_to_text

CASES = [
    (r"\text{claim:}\quad e^{x} \geq x + 1", "claim: e^x ≥ x + 1"),
    (r"D_{\mathrm{KL}}(p \| q) = \sum_{i=1}^{n} p_i \log \frac{p_i}{q_i}",
     "D_KL(p ‖ q) = Σ(i=1..n) p_i log (p_i/q_i)"),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{1}{2}", "(∂L/∂W_ij) = (1/2)"),
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
