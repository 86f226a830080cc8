"""The eighth fresh corpus of paper formulas (tests/data/fresh_formulas8: portfolio theory and
risk, dimensionality reduction and embedding, matrix and tensor factorization, Bayesian deep
learning, image quality and segmentation metrics, decision trees, forests and boosting, dynamical
systems and epidemic models, causal structure learning, sequence decoding and text-generation
metrics, Markov chain Monte Carlo and importance sampling) is well formed: every row has its
LaTeX, a symbol table that reads, inputs, a reference and a source listed in SOURCES.md, and each
file holds what its ``rows_<area>.py`` computes from the definition in NumPy/SciPy (recomputed
here, nothing written). What derivax makes of the formulas is measured by
``benchmarks/fresh_formulas.py --corpus tests/data/fresh_formulas8``."""

from __future__ import annotations

import pytest
from fresh_corpus import Corpus, check_row

CORPUS = Corpus("fresh_formulas8")


def test_over_a_hundred_and_twenty_formulas_in_ten_areas_a_quarter_with_gradients():
    CORPUS.check_size(120)


@pytest.mark.parametrize("row", CORPUS.rows, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    check_row(row)


@pytest.mark.parametrize("area", CORPUS.build.AREAS)
def test_each_file_holds_what_its_definitions_compute(area):
    CORPUS.check_area(area)
