"""Rewrite every ``<area>.jsonl`` of this corpus and its ``SOURCES.md`` (NumPy/SciPy only).

python write_all.py
"""

from __future__ import annotations

import sys

from _common import HERE, write_corpus

AREAS = (
    "gan",
    "metric",
    "boosting",
    "causal",
    "bandits",
    "fairness",
    "distill",
    "compression",
    "ebm",
)
TITLES = {
    "gan": "Generative adversarial networks",
    "metric": "Deep metric learning and face-recognition margins",
    "boosting": "Boosting and decision trees",
    "causal": "Causal inference and off-policy estimation",
    "bandits": "Multi-armed and linear bandits",
    "fairness": "Group fairness and retrieval metrics",
    "distill": "Knowledge distillation and semi-supervised consistency",
    "compression": "Quantization, pruning and federated learning",
    "ebm": "Energy-based models, score matching, diffusion and mixture density networks",
}
HEADER = """# Sources of the third fresh corpus of paper formulas

Each formula is a standard public equation, written here in our own LaTeX the way papers in its
area typeset it (no text was copied from the sources; only the formulas, as facts). Where a row
gives an equation number it is that of the cited text. The reference values are computed by the
`rows_<area>.py` scripts in NumPy/SciPy from the definition (loops over 0-based arrays where the
paper sums, never through derivax); gradients (rows with `wrt`) are five-point central finite
differences in float64 (step 1e-4, relative), cross-checked against plain central differences with
step 1e-6. Inputs come from fixed seeds. `python write_all.py` rewrites every file; `note` fields say
how a notation is meant where a paper leaves it to the reader. Class labels and other whole-number
picks (`labels[...]`, `label[...]`, `y: scalar, integer, positive`) count from 1, as the papers do.

Measured as collected (a117c26): 120 of 147 values and 70 of 91 gradients right, none silently
wrong. Eight rows pick an entry by one class (`z_y`, `\\theta_y`, `w_y`, `p_y`, `w_q`), which the
symbol table had no way to declare then (`y: scalar, integer, positive` makes `z_y` a name of its
own); they declare `y: label[K]` since derivax reads one label (arcface, cosface, sphereface,
normface, proxy_nca, hinton_distillation_loss, confidence_penalty, obs_saliency).
"""


def main() -> int:
    return write_corpus(HERE, AREAS, TITLES, HEADER)


if __name__ == "__main__":
    sys.exit(main())
