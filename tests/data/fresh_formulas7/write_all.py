"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "audio",
    "imitation",
    "offline",
    "spectral",
    "adversarial",
    "clustering",
    "irt",
    "econometrics",
    "style",
    "normalization",
)
TITLES = {
    "audio": "Speech and audio features",
    "imitation": "Imitation learning and inverse reinforcement learning",
    "offline": "Offline reinforcement learning and off-policy evaluation",
    "spectral": "Graph Laplacians, spectral clustering and community detection",
    "adversarial": "Adversarial examples and certified robustness",
    "clustering": "Clustering objectives and validity indices",
    "irt": "Psychometrics and item response theory",
    "econometrics": "Econometrics and regression diagnostics",
    "style": "Style transfer and perceptual image losses",
    "normalization": "Normalization layers and initialization",
}
HEADER = """# Sources of the seventh fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text; where we were not sure of the number, the
row cites the section or chapter. The reference values are computed by the `rows_<area>.py`
scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the paper sums, never
through derivax); gradients (rows with `wrt`) are five-point central finite differences in
float64 (step 1e-4, relative), cross-checked against plain central differences with step 1e-6.
Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say how a
notation is meant where a paper leaves it to the reader. Class labels and other whole-number picks
(`labels[...]`, `label[...]`) count from 1, as the papers do.

Measured as collected (3af19b0): 105 of 140 values and 77 of 109 gradients right, 2 values
silently wrong (docs/benchmarks.md, section 13, says which and how the family was fixed).

Where a symbol table cannot say what a paper writes, the row's `note` says so: a function's value
at a point or at the samples (`Q(s_i, b)`, `\\hat{V}(s_t)`, `\\hat{Q}(s_t, a_t)`, `f_\\theta(s, a)`,
`\\pi(a \\mid s)`, `D_\\theta(s, a)`, `Z(x')_i`, `\\phi(s_t^{(i)})`, `L(X_k)`, `a(i)`, `b(i)`,
`H_m(k)`, `X_a(k)`, `Q_{\\mathrm{soft}}(s, a)`, `Q(s_i, a_i)`), the values of one function at two
inputs (Johnson's `\\phi_j(\\hat{y})` and `\\phi_j(y)`, declared as two vectors), a decoration the
table cannot spell (Cohen's `\\underline{p_A}` and `\\overline{p_B}`, declared `p_A` and `p_B`), a
set of paths (`\\pi \\in \\mathcal{B}^{-1}(\\mathbf{l})`), functions a paper defines in words
(AdaIN's `\\mu(\\cdot)` and `\\sigma(\\cdot)`, declared `function`; `\\Phi^{-1}` the standard normal
quantile; `\\sigma(W)` the spectral norm, not the sigmoid; `\\operatorname{clip}_{[a, b]}`), a
summation index reused inside its own summand (Ng, Jordan and Weiss's
`X_{ij} / (\\sum_j X_{ij}^2)^{1/2}`, Rosenberg and Hirschberg's inner `\\sum_{c}`), and entries
counted from 0 where the paper counts them so (`\\sum_{k=0}^{N-1}`, `\\sum_{t=0}^{H-1}`,
`\\sum_{l=0}^{L}`); those rows keep the paper's LaTeX and declare what the table can.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
