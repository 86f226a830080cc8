"""The second fresh corpus of paper formulas (tests/data/fresh_formulas2: variational inference,
Gaussian processes, flows, attention, recommender systems, robust losses, time series, graph
networks, calibration) is well formed: every row has its LaTeX, a symbol table that reads, inputs,
a reference and a source listed in SOURCES.md, and each file holds what its ``rows_<area>.py``
computes from the definition in NumPy (recomputed here, nothing written). What derivax makes of
the formulas is measured by ``benchmarks/fresh_formulas.py --corpus tests/data/fresh_formulas2``."""

from __future__ import annotations

import pytest
from fresh_corpus import Corpus, check_row

CORPUS = Corpus("fresh_formulas2")


def test_over_a_hundred_formulas_in_nine_areas_a_quarter_with_gradients():
    CORPUS.check_size(100)


@pytest.mark.parametrize("row", CORPUS.rows, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    check_row(row, inputs_declared=False)


@pytest.mark.parametrize("area", CORPUS.build.AREAS)
def test_each_file_holds_what_its_definitions_compute(area):
    CORPUS.check_area(area)
