"""The fifth fresh corpus of paper formulas (tests/data/fresh_formulas5: Bayesian optimization
acquisition functions, conformal prediction and predictive uncertainty, differential privacy,
federated learning, learning to rank and information retrieval, topic models and text
representations, hyperbolic and spherical embeddings, scientific machine learning, data
augmentation and regularization, preference learning and RLHF) is well formed: every row has its
LaTeX, a symbol table that reads, inputs, a reference and a source listed in SOURCES.md, and each
file holds what its ``rows_<area>.py`` computes from the definition in NumPy/SciPy (recomputed
here, nothing written). What derivax makes of the formulas is measured by
``benchmarks/fresh_formulas.py --corpus tests/data/fresh_formulas5``."""

from __future__ import annotations

import pytest
from fresh_corpus import Corpus, check_row

CORPUS = Corpus("fresh_formulas5")


def test_over_a_hundred_and_twenty_formulas_in_ten_areas_a_quarter_with_gradients():
    CORPUS.check_size(120)


@pytest.mark.parametrize("row", CORPUS.rows, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    check_row(row)


@pytest.mark.parametrize("area", CORPUS.build.AREAS)
def test_each_file_holds_what_its_definitions_compute(area):
    CORPUS.check_area(area)
