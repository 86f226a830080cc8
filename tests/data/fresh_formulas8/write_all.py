"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "finance",
    "dimreduction",
    "factorization",
    "bayesdl",
    "imagemetrics",
    "trees",
    "dynamics",
    "structure",
    "decoding",
    "mcmc",
)
TITLES = {
    "finance": "Portfolio theory and risk",
    "dimreduction": "Dimensionality reduction and embedding",
    "factorization": "Matrix and tensor factorization",
    "bayesdl": "Bayesian deep learning",
    "imagemetrics": "Image quality and segmentation metrics",
    "trees": "Decision trees, forests and boosting",
    "dynamics": "Dynamical systems and epidemic models",
    "structure": "Causal structure learning",
    "decoding": "Sequence decoding and text-generation metrics",
    "mcmc": "Markov chain Monte Carlo and importance sampling",
}
HEADER = """# Sources of the eighth fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text; where we were not sure of the number, the
row cites the section or chapter. The reference values are computed by the `rows_<area>.py`
scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the paper sums, never
through derivax); gradients (rows with `wrt`) are five-point central finite differences in
float64 (step 1e-4, relative), cross-checked against plain central differences with step 1e-6.
Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say how a
notation is meant where a paper leaves it to the reader. Class labels and other whole-number picks
(`labels[...]`, `label[...]`) count from 1, as the papers do. Rows whose formula is not smooth
everywhere (`\\max`, `\\min`, `|.|`, `[.]^+`, order statistics, indicators) are evaluated away from
their kinks and ties, so that the gradient at the point is well defined.

Where a symbol table cannot say what a paper writes, the row's `note` says so: a function's value
at a point (`f(\\mathbf{z}_0)` of the Laplace approximation, `P(Y \\mid X)` of GNMT,
`p_\\theta(v \\mid x_{<t})`, `\\mathrm{LCS}(X, Y)`, `\\mathrm{gain}(A)`, `Q_m(T)`,
`l_M(\\mathbf{x}, \\mathbf{y})`), entries written at a point (`I(i, j)`, `m_r(i)`, `h_i(k)`,
`D_t(i)`, `h_t(x_i)`, `\\hat{f}_b(x_i)`, `q(t)`, `p(j \\mid t)`), functions a paper defines in words
(`N(\\cdot)` and `\\Phi` the standard normal CDF, `\\phi` its density, `\\mathrm{h}` the binary
entropy, `s(\\cdot, \\cdot)` the cosine similarity, CTRL's `I(c)`, `P_\\Omega`, `\\rho(\\cdot)` the
spectral radius), notations that clash with a default reading (Kolda and Bader's `\\odot` for the
Khatri-Rao product, kernel PCA's `\\mathbf{1}_N` for the matrix of entries 1/N, PMF's indicator
matrix `I_{ij}`, MC dropout's row vectors `\\hat{\\mathbf{y}}_t^\\mathrm{T} \\hat{\\mathbf{y}}_t`,
`e^{i \\theta_j}` with `i` the imaginary unit, `\\hat{p}^t_c` and `u_i^k` with superscript indices,
CART's impurity `i(t)` beside the index `i`), sets the table cannot declare (`a \\in A` over the
rows of a matrix, `\\sum_{i \\in I_j}` over the instances of a leaf, `\\sum_{c \\in \\mathcal{C}^t}`
over given labels, `\\sum_{\\mathbf{x}_i \\in R_{jm}}`, `\\sum_{k \\in K}` over the classes), and
entries counted from 0 where the paper counts them so (`\\sum_{i=0}^{m-1}` of PSNR,
`\\sum_{i=0}^{n-1}` of the Lyapunov exponent, Hull's prices `S_0, ..., S_n`, the annealing schedule
`\\beta_0, ..., \\beta_K`); those rows keep the paper's LaTeX and declare what the table can.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
