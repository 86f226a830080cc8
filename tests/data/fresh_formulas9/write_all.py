"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "neuro",
    "glm",
    "networks",
    "geometry",
    "control",
    "spatial",
    "ecology",
    "cognition",
    "infogeometry",
    "recurrent",
)
TITLES = {
    "neuro": "Computational neuroscience and biologically plausible learning",
    "glm": "Generalized linear models",
    "networks": "Network science",
    "geometry": "Multi-view geometry in vision",
    "control": "Control and state estimation",
    "spatial": "Geostatistics and spatial statistics",
    "ecology": "Ecology and population biology",
    "cognition": "Cognitive and choice models",
    "infogeometry": "Information geometry and divergences",
    "recurrent": "Recurrent cells",
}
HEADER = """# Sources of the ninth fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text; where we were not sure of the number, the
row cites the section or chapter. The reference values are computed by the `rows_<area>.py`
scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the paper sums, never
through derivax): deviances as twice a log-likelihood ratio against the saturated model,
likelihoods from the densities of `scipy.stats`, divergences and integrals by quadrature or
through an identity that does not share the formula's algebra (the Renyi divergence and the
Hellinger distance of normals, the quasi-likelihood, the Tweedie deviance), first-passage
quantities of the drift-diffusion model from its scale function and ODE, Riccati steps as the
minimum of a quadratic, steady states by iterating to the fixed point, and rotations as matrix
exponentials. Where a row's closed form differs from its definition, the file checks the two
against each other when it is loaded. Gradients (rows with `wrt`) are five-point central finite
differences in float64 (step 1e-4, relative), cross-checked against plain central differences
with step 1e-6. Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note`
fields say how a notation is meant where a paper leaves it to the reader. Class labels, nodes,
neurons and other whole-number picks (`label[...]`, `labels[...]`) count from 1, as the papers
do. Rows whose formula is not smooth everywhere (`\\max`, `|.|`, cases, the Huber norm, ReLU) are
evaluated away from their kinks, so that the gradient at the point is well defined; counts and
degrees that carry a gradient are taken as real numbers.

Where a symbol table cannot say what a paper writes, the row's `note` says so: functions a paper
defines in words (the STDP window `W(\\cdot)`, Ramsauer et al.'s `\\mathrm{lse}`, the variance
function `V(t)` of a quasi-likelihood, `z(\\cdot)` the inverse normal CDF of detection theory and
`\\Phi`, `\\phi` the standard normal CDF and density, the Bessel function `K_\\nu` of the Matern
covariance, the convex generator `\\phi` of a Bregman divergence, the activation `\\phi` of a GRU,
IndRNN's `\\sigma` for ReLU), values at points and times (`PR(T_i)` and `C(T_i)` of Brin and
Page, `I_j[\\mathbf{p}']` of DSO, `Z(\\mathbf{s}_i)` of the semivariogram, Wang's state `x(k_i)`,
the reservoir state `\\mathbf{x}(n-1)`), sets the table cannot declare (`N(h)`, the pairs of a
variogram bin, `\\Gamma(x) \\cap \\Gamma(y)` of Adamic-Adar, `\\mathcal{N}_\\mathbf{p}` of DSO,
Lambert's `\\sum_{y_i = 0}`), operators written as brackets (`[\\mathbf{t}]_\\times`, the
concatenations `[\\mathbf{a}, \\mathbf{b}]` and `[1; \\mathbf{u}(n)]`, Cho's entries
`[\\mathbf{W}\\mathbf{x}]_j` and Chung's superscript entry `(\\cdot)^j`), and notations that clash
with a default reading (Newman and Girvan's `\\| \\mathbf{e}^2 \\|` for the sum of the entries,
`|\\cdot|` for a determinant, `\\operatorname{Log}` and `\\log` of a matrix for the principal
matrix logarithm, Graves' juxtaposed vectors `f_t c_{t-1}` for the entrywise product, the vector
of ones `\\mathbf{1}` written without its size, the stimulus `s` beside the preferred stimuli
`s_a`, the query point `\\mathbf{x}` beside the data sites `\\mathbf{x}_i`, the combined estimate
`\\hat{S}` beside the cue estimates `\\hat{S}_j`, rows `\\mathbf{G}_i`, `\\mathbf{w}_n` used as row
vectors, and rows counted from 0, `\\mathbf{x}_0, \\dots, \\mathbf{x}_N` of an LQR cost and
`h_0, \\dots, h_T` of the norm-stabilizer); those rows keep the paper's LaTeX and declare what
the table can.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
