"""The ninth fresh corpus of paper formulas (tests/data/fresh_formulas9: computational neuroscience
and biologically plausible learning, generalized linear models, network science, multi-view
geometry in vision, control and state estimation, geostatistics and spatial statistics, ecology
and population biology, cognitive and choice models, information geometry and divergences,
recurrent cells) is well formed: every row has its LaTeX, a symbol table that reads, inputs, a
reference and a source listed in SOURCES.md, and each file holds what its ``rows_<area>.py``
computes from the definition in NumPy/SciPy (recomputed here, nothing written). What derivax
makes of the formulas is measured by
``benchmarks/fresh_formulas.py --corpus tests/data/fresh_formulas9``."""

from __future__ import annotations

import pytest
from fresh_corpus import Corpus, check_row

CORPUS = Corpus("fresh_formulas9")


def test_over_a_hundred_and_twenty_formulas_in_ten_areas_a_quarter_with_gradients():
    CORPUS.check_size(120)


@pytest.mark.parametrize("row", CORPUS.rows, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    check_row(row)


@pytest.mark.parametrize("area", CORPUS.build.AREAS)
def test_each_file_holds_what_its_definitions_compute(area):
    CORPUS.check_area(area)
