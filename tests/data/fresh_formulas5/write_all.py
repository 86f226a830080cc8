"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "bayesopt",
    "conformal",
    "privacy",
    "federated",
    "ranking",
    "topics",
    "hyperbolic",
    "sciml",
    "augment",
    "rlhf",
)
TITLES = {
    "bayesopt": "Bayesian optimization acquisition functions",
    "conformal": "Conformal prediction and predictive uncertainty",
    "privacy": "Differential privacy",
    "federated": "Federated learning",
    "ranking": "Learning to rank and information retrieval",
    "topics": "Topic models and text representations",
    "hyperbolic": "Hyperbolic and spherical embeddings",
    "sciml": "Scientific machine learning",
    "augment": "Data augmentation and regularization",
    "rlhf": "Preference learning and RLHF",
}
HEADER = """# Sources of the fifth fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text. The reference values are computed by the
`rows_<area>.py` scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the
paper sums, never through derivax); gradients (rows with `wrt`) are five-point central finite
differences in float64 (step 1e-4, relative), cross-checked against plain central differences with
step 1e-6. Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say
how a notation is meant where a paper leaves it to the reader. Class labels and other whole-number
picks (`labels[...]`, `label[...]`, `y: scalar, integer, positive`) count from 1, as the papers do.

Measured as collected (0a01989): 93 of 174 values and 66 of 131 gradients right, 6 values
silently wrong (docs/benchmarks.md, section 13, says which and how each family was fixed).

Where a symbol table cannot say what a paper writes, the row's `note` says so: a family with a bare
superscript (`w_{t+1}^k`, `g_t^j`, `u_t^i`) or of a primed matrix (`v'_{w_i}`), a function's value
at a point (`\\hat{f}(x)_y`, `\\hat{q}_{\\alpha_{lo}}(X_i)`, `\\mathcal{L}_r(t_k, \\theta)`), an
increment of a declared name (`\\Delta u`), a sensitivity with the query's letter after it
(`\\Delta_2 f`), a set (`\\sum_{i \\in \\mathcal{S}}`, `|\\mathcal{I}_2|`), a bare total beside its
entries (`n_k / n`), the unit vector `e_x` and the vector of ones `\\mathbf{1}` without their sizes;
those rows keep the paper's LaTeX and declare what the table can.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
