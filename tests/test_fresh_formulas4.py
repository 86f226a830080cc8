"""The fourth fresh corpus of paper formulas (tests/data/fresh_formulas4: object detection and
segmentation, sequence and NLP metrics, active learning, continual and meta-learning,
non-contrastive self-supervised learning, domain adaptation, sparse coding and proximal methods,
mixture of experts and transformer internals, count and overdispersion models) is well formed:
every row has its LaTeX, a symbol table that reads, inputs, a reference and a source listed in
SOURCES.md, and each file holds what its ``rows_<area>.py`` computes from the definition in
NumPy/SciPy (recomputed here, nothing written). What derivax makes of
the formulas is measured by ``benchmarks/fresh_formulas.py --corpus tests/data/fresh_formulas4``."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from derivax.symbols import parse_symbols

CORPUS = Path(__file__).parent / "data" / "fresh_formulas4"


def _corpus_module(name: str) -> bool:
    return name in ("_common", "write_all") or name.startswith("rows_")


def _load_modules():
    """Import this corpus's ``write_all``, ``_common`` and ``rows_<area>`` modules. The other fresh
    corpora use the same module names, so theirs are set aside while ours import and put back
    afterwards: each test file keeps its own corpus's modules in one pytest process."""
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if _corpus_module(k)}
    sys.path.insert(0, str(CORPUS))
    try:
        build = importlib.import_module("write_all")
        common = importlib.import_module("_common")
        rows = {area: importlib.import_module(f"rows_{area}") for area in build.AREAS}
    finally:
        sys.path.remove(str(CORPUS))
        for k in [k for k in sys.modules if _corpus_module(k)]:
            del sys.modules[k]
        sys.modules.update(saved)
    return build, common, rows


build, common, MODULES = _load_modules()

ROWS = [
    json.loads(line)
    for path in sorted(CORPUS.glob("*.jsonl"))
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]


def test_over_a_hundred_and_ten_formulas_in_nine_areas_a_quarter_with_gradients():
    assert len(ROWS) >= 110
    assert {r["area"] for r in ROWS} == set(build.AREAS)
    assert sum("wrt" in r for r in ROWS) >= len(ROWS) // 4
    assert len({r["id"] for r in ROWS}) == len(ROWS), "ids are unique"
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    assert all(f"`{r['id']}`" in sources for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    assert {"id", "area", "latex", "symbols", "inputs", "reference", "source"} <= set(row)
    table = parse_symbols(row["symbols"])
    declared = {d.plain for d in table.values()}
    assert set(row["inputs"]) <= declared, "every input names a declared symbol"
    assert np.all(np.isfinite(np.asarray(row["reference"], dtype=float)))
    if "wrt" in row:
        grad = np.asarray(row["reference_grad"])
        assert np.all(np.isfinite(grad))
        assert table[row["wrt"]].plain in row["inputs"]
        assert grad.shape == np.shape(row["inputs"][table[row["wrt"]].plain])


@pytest.mark.parametrize("area", build.AREAS)
def test_each_file_holds_what_its_definitions_compute(area):
    want = [common.record(r) for r in MODULES[area].A.rows]
    got = [r for r in ROWS if r["area"] == area]
    assert [r["id"] for r in got] == [r["id"] for r in want]
    for g, w in zip(got, want, strict=True):
        np.testing.assert_allclose(g["reference"], w["reference"], rtol=1e-12, atol=1e-14)
        if "wrt" in w:
            np.testing.assert_allclose(
                g["reference_grad"], w["reference_grad"], rtol=1e-9, atol=1e-12
            )
