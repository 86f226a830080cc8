"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = ("vi", "gp", "flows", "attention", "recsys", "robust", "timeseries", "gnn", "calibration")
TITLES = {
    "vi": "Variational inference and ELBO terms",
    "gp": "Gaussian processes and Bayesian optimisation",
    "flows": "Normalizing flows",
    "attention": "Attention and transformer layers",
    "recsys": "Recommender systems and learning to rank",
    "robust": "Robust and margin losses",
    "timeseries": "Time series",
    "gnn": "Graph neural networks and graph regularizers",
    "calibration": "Calibration, ensembles and Bayesian linear regression",
}
HEADER = """# Sources of the second fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text. The reference values are computed by the
`rows_<area>.py` scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the
paper sums, never through derivax); gradients (rows with `wrt`) are five-point central finite
differences in float64 (step 1e-4, relative), cross-checked against plain central differences with
step 1e-6. Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say
how a notation is meant where a paper leaves it to the reader.
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
