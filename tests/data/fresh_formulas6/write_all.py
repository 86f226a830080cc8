"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "kg",
    "rendering",
    "ssm",
    "continual",
    "es",
    "pointproc",
    "noisy",
    "multitask",
    "online",
    "anomaly",
)
TITLES = {
    "kg": "Knowledge graph embeddings",
    "rendering": "Neural rendering and NeRF",
    "ssm": "State-space models and linear RNNs",
    "continual": "Continual learning",
    "es": "Evolution strategies and black-box optimization",
    "pointproc": "Temporal point processes",
    "noisy": "Learning with noisy labels and imbalanced data",
    "multitask": "Multi-task learning",
    "online": "Online learning and games",
    "anomaly": "Anomaly and novelty detection",
}
HEADER = """# Sources of the sixth fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text. The reference values are computed by the
`rows_<area>.py` scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the
paper sums, never through derivax); gradients (rows with `wrt`) are five-point central finite
differences in float64 (step 1e-4, relative), cross-checked against plain central differences with
step 1e-6. Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say
how a notation is meant where a paper leaves it to the reader. Class labels and other whole-number
picks (`labels[...]`, `label[...]`, `y: scalar, integer, positive`) count from 1, as the papers do.

Measured as collected (073d1a7): 96 of 149 values and 57 of 101 gradients right, 6 values and 2
gradients silently wrong (docs/benchmarks.md, section 13, says which and how each family was fixed).

Where a symbol table cannot say what a paper writes, the row's `note` says so: a function's value
at a point or at the samples (`\\phi(\\mathbf{x}_i; \\mathcal{W})`, `f_r(\\mathbf{h}'_j, \\mathbf{t}'_j)`,
`f(\\mathbf{x})`, `h_\\theta(x')`, `\\mathbf{h}(t_j)`, `S(X_i)`, `\\hat{C}_c(\\mathbf{r})`,
`\\mathcal{L}_B(\\theta)`, `g_k(t)`), a family of a primed matrix (`\\mathbf{h}'_j`, `\\mathbf{t}'_j`),
the ranked members of a sample (`x_{i:\\lambda}^{(g+1)}`, `\\mathbf{x}_{(k)}`), the increment of a
name (`\\Delta\\theta_k(t)`), a name the table cannot spell (Breunig's k-distance(o), declared
`\\varepsilon_k`; Hazan's `\\nabla_t`, written `\\mathbf{g}_t`), a set (`\\sum_{\\mathbf{r} \\in
\\mathcal{R}}`, `\\sum_{t_i < T}`, `\\sum_{i : t_i < s}`, `y' \\in [L]`, `|Q|`,
`\\max_{l \\in \\{1, \\ldots, k-1\\}}`), complex embeddings split into declared real and imaginary
parts (`\\mathbf{e}_s^{\\mathrm{Re}}`, `h^{\\mathrm{Re}}_i`), and notation a paper defines in words
(the trilinear product `\\langle \\mathbf{w}_r, \\mathbf{e}_s, \\mathbf{e}_o \\rangle`, the clip
`[\\cdot]_{+, \\mathbf{1}^\\top}`, NeuS's `\\Phi_s` and the harmonic number
`H(n - 1)`); those rows keep the paper's LaTeX and declare what the table can.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
