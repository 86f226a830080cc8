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

Measured as collected: (to be filled in by the first measurement).

NOTATIONS_PLACEHOLDER
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
